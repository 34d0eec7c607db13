/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the workload generators of ioworkers: I/O size (weighted), read or
 * write, and the LBA (random in a region and aligned, or sequential with a
 * step).  Pure code with its own random numbers (xorshift128+), shared by
 * the module and the unit tests that draw a million of each.
 */
#ifndef _NVT_GEN_H
#define _NVT_GEN_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
#endif

struct nvt_gen {
	u64 s[2];			/* random state */
	const u32 *sizes, *weights;	/* LBAs per I/O and their shares */
	u32 nr_sizes, weight_sum;
	u32 read_pct, random_pct;	/* 0..100 */
	const u32 *op_weights;		/* shares of an opcode mix: when */
	u32 nr_ops, op_weight_sum;	/* given, instead of read_pct */
	u64 start, end, align;		/* region [start, end), random align */
	s64 step;			/* sequential step (0: the I/O size) */
	u64 next;			/* next sequential LBA */
	bool one_pass;			/* sequential: stop at the wrap */
	bool pass_done;
};

static inline u64 nvt_gen_rand(struct nvt_gen *g)
{
	u64 x = g->s[0], y = g->s[1];

	g->s[0] = y;
	x ^= x << 23;
	g->s[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
	return g->s[1] + y;
}

static inline void nvt_gen_seed(struct nvt_gen *g, u64 seed)
{
	int i;

	g->s[0] = seed ^ 0x9e3779b97f4a7c15ull;
	g->s[1] = (seed << 1 | 1) ^ 0xbf58476d1ce4e5b9ull;
	for (i = 0; i < 16; i++)
		nvt_gen_rand(g);
}

/* 0..n-1 (n >= 1); the bias of the modulo is below 2^-32 here */
static inline u64 nvt_gen_below(struct nvt_gen *g, u64 n)
{
	return n ? nvt_gen_rand(g) % n : 0;
}

static inline u32 nvt_gen_size(struct nvt_gen *g)
{
	u64 pick = nvt_gen_below(g, g->weight_sum);
	u32 i;

	for (i = 0; i < g->nr_sizes; i++) {
		if (pick < g->weights[i])
			return g->sizes[i];
		pick -= g->weights[i];
	}
	return g->sizes[0];
}

static inline bool nvt_gen_read(struct nvt_gen *g)
{
	return nvt_gen_below(g, 100) < g->read_pct;
}

/* The next command: index into ops[] (with them), else 0 read / 1 write. */
static inline u32 nvt_gen_op(struct nvt_gen *g)
{
	u64 pick;
	u32 i;

	if (!g->nr_ops)
		return nvt_gen_read(g) ? 0 : 1;
	pick = nvt_gen_below(g, g->op_weight_sum);
	for (i = 0; i < g->nr_ops; i++) {
		if (pick < g->op_weights[i])
			return i;
		pick -= g->op_weights[i];
	}
	return 0;
}

/*
 * The first LBA of an I/O of @nlb LBAs inside the region; false when a
 * one-pass sequential generator has come round to the start again.
 */
static inline bool nvt_gen_lba(struct nvt_gen *g, u32 nlb, u64 *out)
{
	u64 align = g->align ? g->align : 1, lba;

	if (g->end - g->start < nlb) {
		*out = g->start;
		return true;
	}
	if (nvt_gen_below(g, 100) < g->random_pct) {
		*out = g->start + nvt_gen_below(g, (g->end - g->start - nlb) /
						   align + 1) * align;
		return true;
	}
	lba = g->next;
	if (lba < g->start || lba > g->end - nlb) {
		if (g->one_pass) {
			g->pass_done = true;
			return false;
		}
		lba = g->step < 0 ? g->end - nlb : g->start;
	}
	g->next = lba + (g->step ? (u64)g->step : nlb);
	*out = lba;
	return true;
}

#endif /* _NVT_GEN_H */
