// SPDX-License-Identifier: MIT
/*
 * The ioworker generators (kmod/nvt_gen.h), a million draws at a time:
 * size and read/write mixes within 1 %, random LBAs inside the region and
 * aligned, covering it; several regions weighted by their sizes; the
 * distribution over 100 parts (JEDEC); sequential and stepped sequences
 * exact, across regions and backwards; one pass; a replayed sequence in
 * order, each command at its time.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/nvt_gen.h"
#include "unit.h"

#define DRAWS 1000000

static void setup(struct nvt_gen *g, const u32 *sizes, const u32 *weights,
		  u32 nr)
{
	u32 i;

	memset(g, 0, sizeof(*g));
	nvt_gen_seed(g, 12345);
	g->sizes = sizes;
	g->weights = weights;
	g->nr_sizes = nr;
	for (i = 0; i < nr; i++)
		g->weight_sum += weights[i];
}

START_TEST(size_mix)
{
	static const u32 sizes[] = { 8, 16, 256 }, weights[] = { 50, 25, 25 };
	unsigned counts[3] = { 0 }, i, k;
	struct nvt_gen g;

	setup(&g, sizes, weights, 3);
	for (i = 0; i < DRAWS; i++) {
		u32 s = nvt_gen_size(&g);

		for (k = 0; k < 3 && sizes[k] != s; k++)
			;
		ck_assert_uint_lt(k, 3);
		counts[k]++;
	}
	for (k = 0; k < 3; k++)
		ck_assert_msg(fabs(counts[k] / (double)DRAWS - weights[k] / 100.0) < 0.01,
			      "size %u: %.4f of draws, asked %.2f", sizes[k],
			      counts[k] / (double)DRAWS, weights[k] / 100.0);
}
END_TEST

START_TEST(read_mix)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	static const u32 pcts[] = { 0, 30, 50, 100 };
	struct nvt_gen g;
	unsigned i, k, reads;

	for (k = 0; k < 4; k++) {
		setup(&g, sizes, weights, 1);
		g.read_pct = pcts[k];
		for (i = 0, reads = 0; i < DRAWS; i++)
			reads += nvt_gen_read(&g);
		ck_assert_msg(fabs(reads / (double)DRAWS - pcts[k] / 100.0) < 0.01,
			      "read %u %%: %.4f", pcts[k], reads / (double)DRAWS);
	}
}
END_TEST

START_TEST(random_region)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	unsigned char *seen = calloc(1000, 1);
	struct nvt_gen g;
	unsigned i, hit = 0;
	u64 lba;

	setup(&g, sizes, weights, 1);
	g.random_pct = 100;
	g.start = 4000;
	g.end = 4000 + 8000;	/* 1000 aligned places for 8 LBAs */
	g.align = 8;
	for (i = 0; i < DRAWS; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_ge(lba, g.start);
		ck_assert_uint_le(lba + 8, g.end);
		ck_assert_uint_eq(lba % 8, 0);
		seen[(lba - g.start) / 8] = 1;
	}
	for (i = 0; i < 1000; i++)
		hit += seen[i];
	ck_assert_uint_eq(hit, 1000);
	free(seen);
}
END_TEST

START_TEST(random_percentage)
{
	static const u32 sizes[] = { 1 }, weights[] = { 1 };
	struct nvt_gen g;
	unsigned i, sequential = 0;
	u64 lba, expect;

	setup(&g, sizes, weights, 1);
	g.random_pct = 40;
	g.start = 0;
	g.end = 1ull << 40;
	expect = 0;
	for (i = 0; i < DRAWS; i++) {
		ck_assert(nvt_gen_lba(&g, 1, &lba));
		/* the sequential ones continue where the last one was */
		if (lba == expect) {
			sequential++;
			expect++;
		}
	}
	ck_assert_msg(fabs(sequential / (double)DRAWS - 0.60) < 0.01,
		      "sequential share %.4f", sequential / (double)DRAWS);
}
END_TEST

START_TEST(sequential_exact)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	struct nvt_gen g;
	unsigned i;
	u64 lba;

	setup(&g, sizes, weights, 1);
	g.start = 100;
	g.end = 180;		/* ten I/Os */
	g.next = 100;
	for (i = 0; i < 35; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, 100 + (i % 10) * 8);	/* wraps */
	}
	/* one pass: ten, then done */
	setup(&g, sizes, weights, 1);
	g.start = 100;
	g.end = 180;
	g.next = 100;
	g.one_pass = true;
	for (i = 0; i < 10; i++)
		ck_assert(nvt_gen_lba(&g, 8, &lba));
	ck_assert(!nvt_gen_lba(&g, 8, &lba));
	ck_assert(g.pass_done);
}
END_TEST

START_TEST(stepped_exact)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	struct nvt_gen g;
	unsigned i;
	u64 lba;

	/* 4K I/Os with a 4K gap: 0, 16, 32, ... */
	setup(&g, sizes, weights, 1);
	g.end = 1600;
	g.step = 16;
	for (i = 0; i < 250; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, (i % 100) * 16);
	}
	/* backwards from the end */
	setup(&g, sizes, weights, 1);
	g.end = 800;
	g.step = -8;
	g.next = 792;
	for (i = 0; i < 300; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, 792 - (i % 100) * 8);
	}
	/* step 0 on a fixed size: back to back */
	setup(&g, sizes, weights, 1);
	g.end = 64;
	for (i = 0; i < 8; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, i * 8);
	}
}
END_TEST

START_TEST(regions_random)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	static const u64 regions[] = { 0, 1000, 5000, 8000 };
	struct nvt_gen g;
	unsigned i, second = 0;
	u64 lba;

	setup(&g, sizes, weights, 1);
	g.random_pct = 100;
	g.regions = regions;
	g.nr_regions = 2;
	g.start = 0;
	g.end = 1000;
	for (i = 0; i < DRAWS; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_msg(lba + 8 <= 1000 || (lba >= 5000 && lba + 8 <= 8000),
			      "LBA %llu outside both regions",
			      (unsigned long long)lba);
		second += lba >= 5000;
	}
	/* by size: 3000 of 4000 LBAs */
	ck_assert_msg(fabs(second / (double)DRAWS - 0.75) < 0.01,
		      "second region: %.4f", second / (double)DRAWS);
}
END_TEST

START_TEST(regions_sequential)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	static const u64 regions[] = { 100, 132, 1000, 1016, 4000, 4008 };
	static const u64 forward[] = { 100, 108, 116, 124, 1000, 1008, 4000 };
	struct nvt_gen g;
	unsigned i;
	u64 lba;

	setup(&g, sizes, weights, 1);
	g.regions = regions;
	g.nr_regions = 3;
	g.start = 100;
	g.end = 132;
	g.next = 100;
	for (i = 0; i < 3 * 7; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, forward[i % 7]);
	}
	/* one pass backwards: from the last region's end to the first's start */
	setup(&g, sizes, weights, 1);
	g.regions = regions;
	g.nr_regions = 3;
	g.region = 2;
	g.start = 4000;
	g.end = 4008;
	g.next = 4000;
	g.step = -8;
	g.one_pass = true;
	for (i = 0; i < 7; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert_uint_eq(lba, forward[6 - i]);
	}
	ck_assert(!nvt_gen_lba(&g, 8, &lba));
	ck_assert(g.pass_done);
}
END_TEST

START_TEST(distribution_jedec)
{
	static const u32 sizes[] = { 1 }, weights[] = { 1 };
	unsigned parts[3] = { 0 }, i;
	u32 dist[100];
	struct nvt_gen g;
	u64 lba;

	/* 50 % of I/Os in the first 5 %, 30 % in the next 15 %, 20 % after */
	for (i = 0; i < 100; i++)
		dist[i] = i < 5 ? 1000 : i < 20 ? 200 : 25;
	setup(&g, sizes, weights, 1);
	g.random_pct = 100;
	g.start = 100000;
	g.end = 200000;
	g.dist = dist;
	g.dist_sum = 10000;
	for (i = 0; i < DRAWS; i++) {
		ck_assert(nvt_gen_lba(&g, 1, &lba));
		ck_assert(lba >= 100000 && lba < 200000);
		parts[lba < 105000 ? 0 : lba < 120000 ? 1 : 2]++;
	}
	ck_assert_msg(fabs(parts[0] / (double)DRAWS - 0.5) < 0.01 &&
		      fabs(parts[1] / (double)DRAWS - 0.3) < 0.01 &&
		      fabs(parts[2] / (double)DRAWS - 0.2) < 0.01,
		      "parts %u %u %u", parts[0], parts[1], parts[2]);
	/* one part only: every I/O of 8 LBAs inside [3000, 4000) */
	memset(dist, 0, sizeof(dist));
	dist[3] = 7;
	setup(&g, (const u32[]){ 8 }, weights, 1);
	g.random_pct = 100;
	g.end = 100000;
	g.dist = dist;
	g.dist_sum = 7;
	for (i = 0; i < DRAWS / 10; i++) {
		ck_assert(nvt_gen_lba(&g, 8, &lba));
		ck_assert(lba >= 3000 && lba + 8 <= 4000);
	}
}
END_TEST

START_TEST(sequence_order)
{
	static const u32 sizes[] = { 8 }, weights[] = { 1 };
	/* the fourth is due before the third: it still waits its turn */
	static const struct nvt_worker_seq seq[] = {
		{ .slba = 10, .nlb = 1, .opcode = 2, .time_us = 0 },
		{ .slba = 11, .nlb = 1, .opcode = 1, .time_us = 0 },
		{ .slba = 12, .nlb = 1, .opcode = 2, .time_us = 100 },
		{ .slba = 13, .nlb = 1, .opcode = 2, .time_us = 50 },
		{ .slba = 14, .nlb = 1, .opcode = 1, .time_us = 300 },
	};
	static const u64 at[] = { 0, 0, 100, 100, 300 };
	const struct nvt_worker_seq *e;
	struct nvt_gen g;
	u64 now;
	unsigned i = 0;

	setup(&g, sizes, weights, 1);
	g.seq = seq;
	g.nr_seq = 5;
	for (now = 0; now <= 400; now++) {
		while ((e = nvt_gen_seq(&g, now))) {
			ck_assert_uint_lt(i, 5);
			ck_assert_uint_eq(e->slba, 10 + i);
			ck_assert_uint_eq(now, at[i]);
			nvt_gen_seq_sent(&g);
			i++;
		}
	}
	ck_assert_uint_eq(i, 5);
	ck_assert(g.pass_done);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("worker generators");
	TCase *tc = tcase_create("draws");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, size_mix);
	tcase_add_test(tc, read_mix);
	tcase_add_test(tc, random_region);
	tcase_add_test(tc, random_percentage);
	tcase_add_test(tc, sequential_exact);
	tcase_add_test(tc, stepped_exact);
	tcase_add_test(tc, regions_random);
	tcase_add_test(tc, regions_sequential);
	tcase_add_test(tc, distribution_jedec);
	tcase_add_test(tc, sequence_order);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
