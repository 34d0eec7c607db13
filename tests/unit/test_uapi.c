// SPDX-License-Identifier: MIT
/*
 * The uapi's layout (kmod/uapi/nvt_ioctl.h): no implicit padding anywhere
 * (the header is compiled here with -Wpadded as an error), so 32- and
 * 64-bit callers share one layout; the sizes the module checks with
 * BUILD_BUG_ON; argsz first in every ioctl struct.
 */
#include <check.h>
#include <stddef.h>
#include <stdlib.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wpadded"
#include "nvt_ioctl.h"
#include "unit.h"
#pragma GCC diagnostic pop

struct layout {
	const char *name;
	size_t size, want;
	size_t argsz_at;	/* offset of argsz, or (size_t)-1: none */
};

#define ARG(t, n) { #t, sizeof(struct t), n, offsetof(struct t, argsz) }
#define REC(t, n) { #t, sizeof(struct t), n, (size_t)-1 }

static const struct layout layouts[] = {
	ARG(nvt_info, 160),
	ARG(nvt_rw, 32),
	ARG(nvt_buf_alloc, 48),
	ARG(nvt_buf_free, 8),
	ARG(nvt_adminq, 16),
	ARG(nvt_queue_create, 32),
	ARG(nvt_queue_delete, 16),
	REC(nvt_cmd, 128),
	ARG(nvt_submit, 32),
	REC(nvt_cpl, 64),
	ARG(nvt_reap, 40),
	ARG(nvt_datacheck, 72),
	ARG(nvt_worker_args, 832),
	REC(nvt_worker_seq, 24),
	REC(nvt_worker_rec, 32),
	REC(nvt_worker_op, 8),
	REC(nvt_worker_op_stat, 24),
	ARG(nvt_worker_status, 264),
	ARG(nvt_dbbuf, 16),
	ARG(nvt_power, 8),
	ARG(nvt_timeout, 16),
	REC(nvt_log_entry, 104),
	ARG(nvt_cmdlog, 32),
	ARG(nvt_irq, 32),
	ARG(nvt_rawq, 120),
	ARG(nvt_pcie_ctl, 32),
};

_Static_assert(offsetof(struct nvt_info, bar_len) == 40, "nvt_info layout");
_Static_assert(offsetof(struct nvt_worker_args, regions) == 272,
	       "nvt_worker_args layout");
_Static_assert(offsetof(struct nvt_worker_args, lba_start) == 824,
	       "nvt_worker_args layout");

START_TEST(sizes)
{
	const struct layout *l = &layouts[_i];

	ck_assert_msg(l->size == l->want, "struct %s is %zu bytes, the ABI says %zu",
		      l->name, l->size, l->want);
	/* every 64-bit field lands on 8 bytes for 32-bit callers too */
	ck_assert_msg(l->size % 8 == 0, "struct %s: %zu bytes, not a multiple of 8",
		      l->name, l->size);
	if (l->argsz_at != (size_t)-1)
		ck_assert_msg(l->argsz_at == 0, "struct %s: argsz at %zu",
			      l->name, l->argsz_at);
}
END_TEST

START_TEST(ioctl_numbers)
{
	/* one type, numbers without direction bits: argsz says the size */
	ck_assert_uint_eq(_IOC_TYPE(NVT_IOC_INFO), NVT_IOCTL_TYPE);
	ck_assert_uint_eq(_IOC_NR(NVT_IOC_POWER), 0x12);
	ck_assert_uint_eq(_IOC_NR(NVT_IOC_PCIE), 0x14);
	ck_assert_uint_eq(_IOC_SIZE(NVT_IOC_WORKER_START), 0);
	ck_assert_uint_eq(_IOC_DIR(NVT_IOC_SUBMIT), _IOC_NONE);
}
END_TEST

/* An opcode's histogram: bins in order, each latency in its own, narrow. */
START_TEST(op_histogram_bins)
{
	uint32_t us, b, prev = 0;

	ck_assert_uint_eq(nvt_worker_oph_bin(0), 0);
	ck_assert_uint_eq(nvt_worker_oph_bin(1023), 1023);
	ck_assert_uint_eq(nvt_worker_oph_bin(1024), 1024);
	ck_assert_uint_eq(nvt_worker_oph_bin(1025), 1024);	/* 2 us wide */
	ck_assert_uint_eq(nvt_worker_oph_bin(1026), 1025);
	ck_assert_uint_eq(nvt_worker_oph_bin((1u << 20) - 1),
			  NVT_WORKER_OPH_BINS - 1);
	ck_assert_uint_eq(nvt_worker_oph_bin(1u << 20), NVT_WORKER_OPH_BINS - 1);
	ck_assert_uint_eq(nvt_worker_oph_bin(UINT32_MAX),
			  NVT_WORKER_OPH_BINS - 1);
	/* plain tests in the loop: a million ck_asserts take too long */
	for (us = 0; us < (1u << 20); us++) {
		b = nvt_worker_oph_bin(us);
		if (b < prev || b > prev + 1 || nvt_worker_oph_lower(b) > us ||
		    (b + 1 < NVT_WORKER_OPH_BINS &&
		     nvt_worker_oph_lower(b + 1) <= us) ||
		    (uint64_t)(us - nvt_worker_oph_lower(b)) * 1000 > 2ull * us)
			ck_abort_msg("%u us: bin %u (lower %u) after bin %u", us,
				     b, nvt_worker_oph_lower(b), prev);
		prev = b;
	}
	ck_assert_uint_eq(prev, NVT_WORKER_OPH_BINS - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("uapi");
	TCase *tc = tcase_create("layout");

	tcase_add_loop_test(tc, sizes, 0, sizeof(layouts) / sizeof(layouts[0]));
	tcase_add_test(tc, ioctl_numbers);
	tcase_add_test(tc, op_histogram_bins);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
