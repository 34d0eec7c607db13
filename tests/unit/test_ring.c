// SPDX-License-Identifier: MIT
/*
 * Queue rings (kmod/nvt_ring.h): tail and head that wrap, full and empty,
 * the CQ phase tag flipping at each wrap, the SQ entries a CQE's SQ Head
 * Pointer releases, and the shadow doorbell's event index; at depth 2
 * (the smallest queue) and others.
 */
#include <check.h>
#include <stdlib.h>

#include "../../kmod/nvt_ring.h"
#include "unit.h"

static const u32 depths[] = { 2, 3, 4, 7, 64, 1024, 65536 };
#define NDEPTHS	(sizeof(depths) / sizeof(depths[0]))

START_TEST(next_wraps)
{
	u32 d, i, pos;

	ck_assert_uint_eq(nvt_ring_next(0, 2), 1);
	ck_assert_uint_eq(nvt_ring_next(1, 2), 0);
	ck_assert_uint_eq(nvt_ring_next(65535, 65536), 0);
	for (d = 0; d < NDEPTHS; d++) {
		pos = 0;
		/* depth steps come back where they started, not before */
		for (i = 1; i <= depths[d]; i++) {
			pos = nvt_ring_next(pos, depths[d]);
			ck_assert(pos < depths[d]);
			if (i < depths[d])
				ck_assert_uint_eq(pos, i);
		}
		ck_assert_uint_eq(pos, 0);
	}
}
END_TEST

START_TEST(dist)
{
	ck_assert_uint_eq(nvt_ring_dist(0, 0, 2), 0);
	ck_assert_uint_eq(nvt_ring_dist(0, 1, 2), 1);
	ck_assert_uint_eq(nvt_ring_dist(1, 0, 2), 1);
	ck_assert_uint_eq(nvt_ring_dist(5, 2, 7), 4);
	ck_assert_uint_eq(nvt_ring_dist(2, 5, 7), 3);
	ck_assert_uint_eq(nvt_ring_dist(65535, 0, 65536), 1);
}
END_TEST

/* fill an SQ from every starting point: full after depth - 1 */
START_TEST(full_and_empty)
{
	u32 d, start, n;

	/* depth 2: one command at a time */
	ck_assert(!nvt_ring_full(0, 0, 2));
	ck_assert(nvt_ring_full(0, 1, 2));
	ck_assert(nvt_ring_full(1, 0, 2));
	ck_assert(!nvt_ring_full(1, 1, 2));
	for (d = 0; d < NDEPTHS && depths[d] <= 1024; d++) {
		for (start = 0; start < depths[d]; start++) {
			u32 tail = start;

			for (n = 0; !nvt_ring_full(tail, start, depths[d]); n++)
				tail = nvt_ring_next(tail, depths[d]);
			ck_assert_uint_eq(n, depths[d] - 1);
			ck_assert_uint_eq(nvt_ring_dist(start, tail, depths[d]),
					  depths[d] - 1);
		}
	}
}
END_TEST

/* a CQ as the controller fills it: every entry found once, in order */
START_TEST(phase_flips_at_wrap)
{
	u32 d, i;

	for (d = 0; d < NDEPTHS && depths[d] <= 1024; d++) {
		u32 depth = depths[d], head = 0, ctrl_tail = 0;
		u8 phase = 1, ctrl_phase = 1;
		u32 *dw3 = calloc(depth, sizeof(u32));	/* zeroed: phase 0 */

		ck_assert_ptr_nonnull(dw3);
		for (i = 0; i < 3 * depth + 1; i++) {
			/* nothing new before the controller posts */
			ck_assert(!nvt_cqe_is_new(dw3[head], phase));
			dw3[ctrl_tail] = (i & 0xffff) |
					 (ctrl_phase ? NVT_CQE_PHASE : 0);
			nvt_cq_advance(&ctrl_tail, &ctrl_phase, depth);
			ck_assert(nvt_cqe_is_new(dw3[head], phase));
			ck_assert_uint_eq(dw3[head] & 0xffff, i & 0xffff);
			nvt_cq_advance(&head, &phase, depth);
			ck_assert_uint_eq(head, (i + 1) % depth);
			/* phase 1 in the first pass, 0 in the second... */
			ck_assert_uint_eq(phase, ((i + 1) / depth + 1) & 1);
		}
		free(dw3);
	}
	/* depth 2 by hand */
	{
		u32 head = 0;
		u8 phase = 1;

		nvt_cq_advance(&head, &phase, 2);
		ck_assert_uint_eq(head, 1);
		ck_assert_uint_eq(phase, 1);
		nvt_cq_advance(&head, &phase, 2);
		ck_assert_uint_eq(head, 0);
		ck_assert_uint_eq(phase, 0);
		nvt_cq_advance(&head, &phase, 2);
		nvt_cq_advance(&head, &phase, 2);
		ck_assert_uint_eq(head, 0);
		ck_assert_uint_eq(phase, 1);
	}
	ck_assert(nvt_cqe_is_new(NVT_CQE_PHASE, 1));
	ck_assert(!nvt_cqe_is_new(NVT_CQE_PHASE, 0));
	ck_assert(nvt_cqe_is_new(~NVT_CQE_PHASE, 0));
	ck_assert(!nvt_cqe_is_new(~NVT_CQE_PHASE, 1));
}
END_TEST

START_TEST(sq_head_from_cqe)
{
	u32 d, head, tail, sqhd;

	/* depth 2: one entry placed at 0, fetched: head 1 */
	ck_assert_uint_eq(nvt_sq_fetched(0, 1, 1, 2), 1);
	ck_assert_uint_eq(nvt_sq_fetched(1, 0, 0, 2), 1);	/* wrapped */
	ck_assert_uint_eq(nvt_sq_fetched(1, 1, 0, 2), 0);	/* nothing */
	/* not an index of the ring: ignored */
	ck_assert_uint_eq(nvt_sq_fetched(0, 2, 1, 2), 0);
	ck_assert_uint_eq(nvt_sq_fetched(0, 0xffff, 1, 64), 0);
	/* a head past the tail: up to the tail only */
	ck_assert_uint_eq(nvt_sq_fetched(2, 6, 4, 8), 2);
	ck_assert_uint_eq(nvt_sq_fetched(6, 3, 1, 8), 3);
	/* empty SQ (head == tail): nothing, whatever the CQE says */
	ck_assert_uint_eq(nvt_sq_fetched(5, 2, 5, 8), 0);

	/* against the loop the driver ran before: step until sqhd or tail */
	for (d = 0; d < 5; d++) {
		u32 depth = depths[d];

		for (head = 0; head < depth; head++)
			for (tail = 0; tail < depth; tail++)
				for (sqhd = 0; sqhd < depth + 1; sqhd++) {
					u32 h = head, n = 0;

					while (sqhd < depth && h != sqhd &&
					       h != tail) {
						h = nvt_ring_next(h, depth);
						n++;
					}
					/* ck_assert only on failure: fast */
					if (nvt_sq_fetched(head, sqhd, tail,
							   depth) != n)
						ck_abort_msg("depth %u head %u sqhd %u tail %u: not %u",
							     depth, head, sqhd,
							     tail, n);
				}
	}
}
END_TEST

START_TEST(dbbuf_event_index)
{
	/* the register is written when the move leaves @event behind */
	ck_assert(nvt_dbbuf_need_event(5, 6, 4));
	ck_assert(nvt_dbbuf_need_event(5, 6, 5));
	ck_assert(!nvt_dbbuf_need_event(5, 5, 4));	/* only reaches it */
	ck_assert(!nvt_dbbuf_need_event(5, 4, 3));	/* not yet */
	ck_assert(!nvt_dbbuf_need_event(5, 7, 6));	/* already past */
	ck_assert(!nvt_dbbuf_need_event(5, 5, 5));	/* no move */
	/* across the 16-bit wrap */
	ck_assert(nvt_dbbuf_need_event(0xffff, 1, 0xfffe));
	ck_assert(nvt_dbbuf_need_event(0, 1, 0xffff));
	ck_assert(!nvt_dbbuf_need_event(3, 2, 0xffff));
	/* at a ring's wrap (depth 8: 6, 7, 0, 1) */
	ck_assert(nvt_dbbuf_need_event(7, 1, 6));
	ck_assert(nvt_dbbuf_need_event(0, 1, 6));
	ck_assert(nvt_dbbuf_need_event(6, 1, 6));
	ck_assert(!nvt_dbbuf_need_event(1, 1, 6));
	ck_assert(!nvt_dbbuf_need_event(3, 1, 6));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rings");
	TCase *tc = tcase_create("sq and cq");

	tcase_add_test(tc, next_wraps);
	tcase_add_test(tc, dist);
	tcase_add_test(tc, full_and_empty);
	tcase_add_test(tc, phase_flips_at_wrap);
	tcase_add_test(tc, sq_head_from_cqe);
	tcase_add_test(tc, dbbuf_event_index);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
