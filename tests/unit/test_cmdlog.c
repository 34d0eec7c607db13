// SPDX-License-Identifier: MIT
/*
 * The command log of a queue (kmod/nvt_cmdlog.h): sequence numbers, reads
 * newest first, the wrap of the ring, completions that find their entry
 * or one overwritten since.
 */
#include <check.h>
#include <stdlib.h>

#include "../../kmod/nvt_cmdlog.h"
#include "unit.h"

static struct nvt_qlog log_;
static struct nvt_log_entry out[64];

static void start(u32 depth)
{
	log_.entries = calloc(depth, sizeof(*log_.entries));
	log_.seqs = calloc(depth, sizeof(*log_.seqs));
	ck_assert_ptr_nonnull(log_.entries);
	ck_assert_ptr_nonnull(log_.seqs);
	nvt_cmdlog_start(&log_, depth);
}

static void teardown(void)
{
	free(log_.entries);
	free(log_.seqs);
	log_.entries = NULL;
	log_.seqs = NULL;
}

/* submission @i: its opcode and CID say which it is */
static u64 submit(u32 i)
{
	u32 sqe[16] = { (i & 0xff) | (i << 16), 1 };

	return nvt_cmdlog_submit(&log_, sqe, 1000 + i);
}

static void complete(u64 seq, u32 i, u32 flags)
{
	u32 cqe[4] = { i, 0, 0, i << 16 };

	nvt_cmdlog_complete(&log_, seq, cqe, flags, 5000 + i);
}

START_TEST(empty)
{
	start(16);
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 64), 0);
	ck_assert_uint_eq(log_.next_seq, 1);
}
END_TEST

START_TEST(sequence_numbers)
{
	u32 i;

	start(16);
	for (i = 1; i <= 40; i++)
		ck_assert_uint_eq(submit(i), i);
	ck_assert_uint_eq(log_.next_seq, 41);
	/* submission N sits at N % depth */
	ck_assert_uint_eq(log_.seqs[40 % 16], 40);
	ck_assert_uint_eq(log_.entries[40 % 16].sqe[0] >> 16, 40);
}
END_TEST

START_TEST(newest_first)
{
	u32 i, n;

	start(16);
	for (i = 1; i <= 5; i++)
		submit(i);
	n = nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(n, 5);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(out[i].sqe[0] >> 16, 5 - i);
		ck_assert_uint_eq(out[i].submit_ns, 1000 + 5 - i);
		ck_assert_uint_eq(out[i].flags, 0);	/* not completed */
	}
	/* fewer asked: the newest */
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 2), 2);
	ck_assert_uint_eq(out[0].sqe[0] >> 16, 5);
	ck_assert_uint_eq(out[1].sqe[0] >> 16, 4);
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 0), 0);
}
END_TEST

START_TEST(wrap)
{
	u32 i, n;

	start(16);
	/* exactly full: all 16 */
	for (i = 1; i <= 16; i++)
		submit(i);
	n = nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(n, 16);
	ck_assert_uint_eq(out[15].sqe[0] >> 16, 1);
	/* one more: the oldest is gone, still 16, newest first */
	submit(17);
	n = nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(n, 16);
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(out[i].sqe[0] >> 16, 17 - i);
	/* many wraps later: the last 16 */
	for (i = 18; i <= 1000; i++)
		submit(i);
	n = nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(n, 16);
	ck_assert_uint_eq(out[0].sqe[0] >> 16, 1000);
	ck_assert_uint_eq(out[15].sqe[0] >> 16, 985);
}
END_TEST

START_TEST(completions)
{
	u64 s1, s2, s3;

	start(16);
	s1 = submit(1);
	s2 = submit(2);
	s3 = submit(3);
	complete(s2, 2, 0);
	complete(s3, 3, NVT_CPL_TIMEOUT);
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 64), 3);
	/* newest first: 3, 2, 1 */
	ck_assert_uint_eq(out[0].flags, NVT_LOG_DONE | NVT_CPL_TIMEOUT << 8);
	ck_assert_uint_eq(out[0].complete_ns, 5003);
	ck_assert_uint_eq(out[1].flags, NVT_LOG_DONE);
	ck_assert_uint_eq(out[1].cqe[0], 2);
	ck_assert_uint_eq(out[1].cqe[3], 2 << 16);
	ck_assert_uint_eq(out[1].complete_ns, 5002);
	ck_assert_uint_eq(out[2].flags, 0);
	ck_assert_uint_eq(out[2].complete_ns, 0);
	/* the late CQE after the timeout keeps the timeout's mark */
	complete(s3, 3, NVT_CPL_LATE);
	nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(out[0].flags, NVT_LOG_DONE |
			  (NVT_CPL_TIMEOUT | NVT_CPL_LATE) << 8);
	(void)s1;
}
END_TEST

START_TEST(completion_after_overwrite)
{
	u64 old, seq = 0;
	u32 i;

	start(16);
	old = submit(1);
	for (i = 2; i <= 17; i++)
		seq = submit(i);
	/* submission 17 took the entry of 1: 1's completion is dropped */
	ck_assert_uint_eq(nvt_qlog_idx(&log_, old), nvt_qlog_idx(&log_, seq));
	complete(old, 1, 0);
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 64), 16);
	ck_assert_uint_eq(out[0].sqe[0] >> 16, 17);
	ck_assert_uint_eq(out[0].flags, 0);
	ck_assert_uint_eq(out[0].cqe[0], 0);
	complete(seq, 17, 0);
	nvt_cmdlog_read(&log_, out, 64);
	ck_assert_uint_eq(out[0].flags, NVT_LOG_DONE);
	ck_assert_uint_eq(out[0].cqe[0], 17);
}
END_TEST

/* sequence numbers past 32 bits index the ring the same way */
START_TEST(large_sequence)
{
	u32 i;

	start(24);
	log_.next_seq = 0xfffffff0ull;
	for (i = 0; i < 40; i++)
		submit(i);
	ck_assert_uint_eq(log_.next_seq, 0xfffffff0ull + 40);
	ck_assert_uint_eq(nvt_cmdlog_read(&log_, out, 64), 24);
	ck_assert_uint_eq(out[0].sqe[0] >> 16, 39);
	ck_assert_uint_eq(out[23].sqe[0] >> 16, 16);
	ck_assert_uint_eq(nvt_qlog_idx(&log_, 0x100000000ull),
			  0x100000000ull % 24);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("command log");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, sequence_numbers);
	tcase_add_test(tc, newest_first);
	tcase_add_test(tc, wrap);
	tcase_add_test(tc, completions);
	tcase_add_test(tc, completion_after_overwrite);
	tcase_add_test(tc, large_sequence);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
