// SPDX-License-Identifier: MIT
/*
 * LBA ranges of verification's locks (kmod/nvt_lba.h): the last LBA of a
 * range up to the top of the 64-bit space, overlap (touching is not),
 * and the ranges of DSM and Copy lists as the controller reads them.
 */
#include <check.h>
#include <string.h>

#include "../../kmod/nvt_lba.h"
#include "unit.h"

#define MAX	(~0ull)

START_TEST(range_end)
{
	ck_assert_uint_eq(nvt_range_end(0, 1), 0);
	ck_assert_uint_eq(nvt_range_end(10, 8), 17);
	ck_assert_uint_eq(nvt_range_end(MAX, 1), MAX);
	ck_assert_uint_eq(nvt_range_end(MAX - 7, 8), MAX);
	/* past the top: saturates rather than wrap */
	ck_assert_uint_eq(nvt_range_end(MAX - 7, 9), MAX);
	ck_assert_uint_eq(nvt_range_end(5, MAX), MAX);
	ck_assert_uint_eq(nvt_range_end(0, MAX), MAX - 1);
}
END_TEST

START_TEST(overlap)
{
	/* [10, 18) against others */
	ck_assert(nvt_range_overlap(10, 8, 10, 8));
	ck_assert(nvt_range_overlap(10, 8, 17, 1));	/* last LBA */
	ck_assert(nvt_range_overlap(10, 8, 0, 11));	/* first LBA */
	ck_assert(nvt_range_overlap(10, 8, 12, 2));	/* inside */
	ck_assert(nvt_range_overlap(12, 2, 10, 8));
	ck_assert(nvt_range_overlap(10, 8, 0, MAX));	/* whole namespace */
	ck_assert(!nvt_range_overlap(10, 8, 18, 1));	/* touching after */
	ck_assert(!nvt_range_overlap(10, 8, 0, 10));	/* touching before */
	ck_assert(!nvt_range_overlap(10, 8, 100, 1));
	/* an empty range shares nothing, even inside another */
	ck_assert(!nvt_range_overlap(10, 8, 12, 0));
	ck_assert(!nvt_range_overlap(12, 0, 10, 8));
	/* at the top of the space, with saturation */
	ck_assert(nvt_range_overlap(MAX, 1, MAX - 3, 100));
	ck_assert(!nvt_range_overlap(MAX, 1, MAX - 3, 3));
}
END_TEST

/* against the LBA sets themselves, on a small space */
START_TEST(overlap_all_small)
{
	u64 as, an, bs, bn, k;

	for (as = 0; as < 12; as++)
		for (an = 0; an < 6; an++)
			for (bs = 0; bs < 12; bs++)
				for (bn = 0; bn < 6; bn++) {
					bool shared = false;

					for (k = as; k < as + an; k++)
						if (k >= bs && k < bs + bn)
							shared = true;
					if (nvt_range_overlap(as, an, bs, bn) !=
					    shared)
						ck_abort_msg("[%llu,+%llu) [%llu,+%llu)",
							     (unsigned long long)as,
							     (unsigned long long)an,
							     (unsigned long long)bs,
							     (unsigned long long)bn);
				}
}
END_TEST

static void put(u8 *p, u64 v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

START_TEST(dsm_list)
{
	u8 list[3 * 16];
	u64 slba, nlb;

	memset(list, 0xee, sizeof(list));
	put(list + 0, 0, 4);			/* context attributes */
	put(list + 4, 8, 4);
	put(list + 8, 0x1000, 8);
	put(list + 16 + 4, 0xffffffff, 4);
	put(list + 16 + 8, 0x123456789abcull, 8);
	put(list + 32 + 4, 0, 4);		/* zero LBAs */
	put(list + 32 + 8, 7, 8);
	nvt_lba_list_range(list, 0, false, &slba, &nlb);
	ck_assert_uint_eq(slba, 0x1000);
	ck_assert_uint_eq(nlb, 8);
	nvt_lba_list_range(list, 1, false, &slba, &nlb);
	ck_assert_uint_eq(slba, 0x123456789abcull);
	ck_assert_uint_eq(nlb, 0xffffffffull);
	nvt_lba_list_range(list, 2, false, &slba, &nlb);
	ck_assert_uint_eq(slba, 7);
	ck_assert_uint_eq(nlb, 0);
}
END_TEST

START_TEST(copy_list)
{
	u8 list[2 * 32];
	u64 slba, nlb;

	memset(list, 0xee, sizeof(list));
	put(list + 8, 0x2000, 8);
	put(list + 16, 0, 2);			/* 0's based: one LBA */
	put(list + 32 + 8, MAX - 1, 8);
	put(list + 32 + 16, 0xffff, 2);		/* 65536 LBAs */
	nvt_lba_list_range(list, 0, true, &slba, &nlb);
	ck_assert_uint_eq(slba, 0x2000);
	ck_assert_uint_eq(nlb, 1);
	nvt_lba_list_range(list, 1, true, &slba, &nlb);
	ck_assert_uint_eq(slba, MAX - 1);
	ck_assert_uint_eq(nlb, 65536);
	ck_assert_uint_eq(nvt_range_end(slba, nlb), MAX);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lba ranges");
	TCase *tc = tcase_create("locks");

	tcase_add_test(tc, range_end);
	tcase_add_test(tc, overlap);
	tcase_add_test(tc, overlap_all_small);
	tcase_add_test(tc, dsm_list);
	tcase_add_test(tc, copy_list);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
