// SPDX-License-Identifier: MIT
/*
 * nvt_qpair without a device: qpair.c is built in here with nvt.ko's
 * ioctls and the CAP read stubbed, to see where its messages go and which
 * fields of its options it reads.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define nvt_ioctl fake_ioctl
#define nvt_ctrl_reg_read64 fake_reg_read64
#include "../../libnvt/qpair.c"
#include <nvt/worker.h>
#include "unit.h"

int fake_ioctl(int fd, unsigned long req, void *arg)
{
	if (req == NVT_IOC_QUEUE_CREATE) {
		struct nvt_queue_create *qc = arg;

		qc->qid = qc->qid ? qc->qid : 1;
		return 0;
	}
	return req == NVT_IOC_QUEUE_DELETE ? 0 : -ENOTTY;
}

int fake_reg_read64(struct nvt_ctrl *ctrl, uint32_t offset, uint64_t *value)
{
	*value = 1023;		/* CAP.MQES: queues up to 1024 entries */
	return 0;
}

static struct nvt_ctrl ctrl = { .fd = -1 };

START_TEST(qpair_error_is_its_own)
{
	struct nvt_qpair_opts o;
	struct nvt_qpair *q;

	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 8;
	ctrl.err[0] = '\0';
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), 0);
	ck_assert_int_eq(nvt_qpair_waitdone(q, 1, 100, NULL), -EINVAL);
	ck_assert_str_eq(nvt_qpair_error(q),
			 "waitdone(1) on qpair 1: 0 done, and no command is outstanding");
	ck_assert_str_eq(nvt_ctrl_error(&ctrl), "");
	/* a stale qpair says so itself */
	ctrl.generation++;
	ck_assert_int_eq(nvt_qpair_send(q, (uint32_t[16]){ 0 }, NULL, NULL,
					NULL), -EBADFD);
	ck_assert_ptr_nonnull(strstr(nvt_qpair_error(q), "is gone"));
	ck_assert_str_eq(nvt_ctrl_error(&ctrl), "");
	ck_assert_int_eq(nvt_qpair_delete(q), 0);
}
END_TEST

START_TEST(create_failure_is_the_controllers)
{
	struct nvt_qpair_opts o;
	struct nvt_qpair *q;

	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 1;
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), -EINVAL);
	ck_assert_ptr_null(q);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(&ctrl), "queue depth 1"));
}
END_TEST

START_TEST(opts_sizes)
{
	struct nvt_qpair_opts o;
	struct nvt_qpair *q;

	/* not initialized: refused with a message */
	memset(&o, 0, sizeof(o));
	o.depth = 8;
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(&ctrl),
				     "nvt_qpair_opts_init()"));
	o.size = sizeof(o.size) - 1;
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), -EINVAL);
	/* a caller that knows only the size field: every field a default */
	nvt_qpair_opts_init(&o, sizeof(o));
	ck_assert_uint_eq(o.size, sizeof(o));
	ck_assert_uint_eq(o.depth, 64);
	o.depth = 1;		/* past the caller's size: never read */
	o.status = 0x1234;
	o.size = sizeof(o.size);
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), 0);
	ck_assert_uint_eq(nvt_qpair_depth(q), 64);
	ck_assert_uint_eq(o.status, 0x1234);	/* nor written */
	nvt_qpair_delete(q);
	/* one that knows depth too */
	o.size = NVT_FIELD_END(struct nvt_qpair_opts, depth);
	o.depth = 16;
	ck_assert_int_eq(nvt_qpair_create(&ctrl, &o, &q), 0);
	ck_assert_uint_eq(nvt_qpair_depth(q), 16);
	nvt_qpair_delete(q);
}
END_TEST

START_TEST(worker_opts_defaults)
{
	struct nvt_worker_opts o;
	unsigned char raw[sizeof(o) + 8];

	nvt_worker_opts_init(&o, sizeof(o));
	ck_assert_uint_eq(o.size, sizeof(o));
	ck_assert_uint_eq(o.read_percentage, 100);
	ck_assert_uint_eq(o.lba_random, 100);
	ck_assert_int_eq(o.cpu, -1);
	ck_assert(o.lba_start == NVT_WORKER_LBA_START_AUTO);
	ck_assert_uint_eq(o.qdepth, 0);
	/* an older, shorter struct: nothing written past its size */
	memset(raw, 0xa5, sizeof(raw));
	nvt_worker_opts_init((struct nvt_worker_opts *)raw, 16);
	ck_assert_uint_eq(((struct nvt_worker_opts *)raw)->size, 16);
	ck_assert_uint_eq(raw[16], 0xa5);
}
END_TEST

/* Percentiles of one opcode from its own histogram; the errnos. */
START_TEST(worker_percentile_op)
{
	struct nvt_worker_result r;
	uint32_t *h = calloc(2 * NVT_WORKER_OPH_BINS, sizeof(*h));
	uint32_t us;

	ck_assert_ptr_nonnull(h);
	memset(&r, 0, sizeof(r));
	r.nr_ops = 2;
	r.op[0] = 0x02;
	r.op[1] = 0x81;
	/* reads: 90 at 10 us, 9 at 2000 us, 1 at 500000 us */
	h[nvt_worker_oph_bin(10)] = 90;
	h[nvt_worker_oph_bin(2000)] = 9;
	h[nvt_worker_oph_bin(500000)] = 1;
	r.op_count[0] = 100;
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 50, &us), -ENODATA);
	r.op_histogram = h;
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 50, &us), 0);
	ck_assert_uint_eq(us, 10);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 90, &us), 0);
	ck_assert_uint_eq(us, 10);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 95, &us), 0);
	ck_assert_uint_eq(us, 2000);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 99.99, &us), 0);
	ck_assert_uint_le(us, 500000);
	ck_assert_uint_gt(us, 500000 - 500000 / 500);
	/* the vendor opcode sent nothing; another is not in the mix */
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x81, 50, &us), -ENODATA);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x01, 50, &us), -ENOENT);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, 100.5, &us), -EINVAL);
	ck_assert_int_eq(nvt_worker_percentile_op(&r, 0x02, -1, &us), -EINVAL);
	ck_assert_uint_eq(us, 0);
	free(h);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("qpair");
	TCase *tc = tcase_create("errors");

	tcase_add_test(tc, qpair_error_is_its_own);
	tcase_add_test(tc, create_failure_is_the_controllers);
	tcase_add_test(tc, opts_sizes);
	tcase_add_test(tc, worker_opts_defaults);
	tcase_add_test(tc, worker_percentile_op);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
