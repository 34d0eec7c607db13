/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the workload generators of ioworkers: I/O size (weighted), read or
 * write, and the LBA (random in one or several regions, aligned and
 * weighted by a distribution over 100 parts, or sequential with a step), or
 * a sequence of commands replayed in order at their times.
 * Pure code with its own random numbers (xorshift128+), shared by
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
#include "uapi/nvt_ioctl.h"

struct nvt_gen {
	u64 s[2];			/* random state */
	const u32 *sizes, *weights;	/* LBAs per I/O and their shares */
	u32 nr_sizes, weight_sum;
	u32 read_pct, random_pct;	/* 0..100 */
	const u32 *op_weights;		/* shares of an opcode mix: when */
	u32 nr_ops, op_weight_sum;	/* given, instead of read_pct */
	u64 start, end, align;		/* region [start, end), random align */
	const u64 *regions;		/* several: [start, end) pairs, */
	u32 nr_regions, region;		/* sequential goes through in order */
	const u32 *dist;		/* 100 shares of the region, or NULL */
	u32 dist_sum;
	s64 step;			/* sequential step (0: the I/O size, */
	bool step_given;		/* unless given: the same LBA) */
	u64 next;			/* next sequential LBA */
	bool one_pass;			/* sequential: stop at the wrap */
	bool pass_done;
	const struct nvt_worker_seq *seq;	/* replay instead, in order */
	u32 nr_seq, seq_next;
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
	u64 pick;
	u32 i;

	if (g->nr_sizes == 1) {
		/* the same draw, without a division */
		if (g->weight_sum)
			nvt_gen_rand(g);
		return g->sizes[0];
	}
	pick = nvt_gen_below(g, g->weight_sum);

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

/* A random aligned LBA for @nlb LBAs in [start, end). */
static inline u64 nvt_gen_in(struct nvt_gen *g, u64 start, u64 end, u32 nlb)
{
	u64 align = g->align ? g->align : 1;

	if (end - start < nlb)
		return start;
	return start + nvt_gen_below(g, (end - start - nlb) / align + 1) * align;
}

/* Random: a region by its size, then a share of it by the distribution. */
static inline u64 nvt_gen_random(struct nvt_gen *g, u32 nlb)
{
	u64 start = g->start, end = g->end, pick, len, b;
	u32 i;

	if (g->nr_regions > 1) {
		for (i = 0, len = 0; i < g->nr_regions; i++)
			len += g->regions[2 * i + 1] - g->regions[2 * i];
		pick = nvt_gen_below(g, len);
		for (i = 0; i < g->nr_regions - 1; i++) {
			len = g->regions[2 * i + 1] - g->regions[2 * i];
			if (pick < len)
				break;
			pick -= len;
		}
		start = g->regions[2 * i];
		end = g->regions[2 * i + 1];
	}
	if (g->dist && g->dist_sum) {
		pick = nvt_gen_below(g, g->dist_sum);
		for (b = 0; b < 99 && pick >= g->dist[b]; b++)
			pick -= g->dist[b];
		len = end - start;
		end = start + len * (b + 1) / 100;
		start = start + len * b / 100;
	}
	return nvt_gen_in(g, start, end, nlb);
}

/*
 * Sequential I/O has left the region: on to the next one in the step's
 * direction, or round again; false at the end of a one-pass run.
 */
static inline bool nvt_gen_next_region(struct nvt_gen *g)
{
	bool back = g->step < 0;
	bool last = back ? g->region == 0 : g->region + 1 >= g->nr_regions;

	if (last && g->one_pass) {
		g->pass_done = true;
		return false;
	}
	if (g->nr_regions > 1) {
		if (last)
			g->region = back ? g->nr_regions - 1 : 0;
		else
			g->region = back ? g->region - 1 : g->region + 1;
		g->start = g->regions[2 * g->region];
		g->end = g->regions[2 * g->region + 1];
	}
	return true;
}

/*
 * The first LBA of an I/O of @nlb LBAs inside the region(s); false when a
 * one-pass sequential generator has come round to the start again.
 */
static inline bool nvt_gen_lba(struct nvt_gen *g, u32 nlb, u64 *out)
{
	u64 lba;

	if (g->end - g->start < nlb && g->nr_regions <= 1) {
		*out = g->start;
		return true;
	}
	if (nvt_gen_below(g, 100) < g->random_pct) {
		*out = nvt_gen_random(g, nlb);
		return true;
	}
	lba = g->next;
	if (lba < g->start || lba > g->end - nlb || g->end - g->start < nlb) {
		if (!nvt_gen_next_region(g))
			return false;
		lba = g->step < 0 ? g->end - nlb : g->start;
	}
	g->next = lba + (g->step || g->step_given ? (u64)g->step : nlb);
	*out = lba;
	return true;
}

/*
 * Replay: the next command of the sequence once its time has come
 * (@elapsed_us from the start), in order even when a later one is due
 * earlier; NULL while it waits, and at the end (pass_done).
 */
static inline const struct nvt_worker_seq *nvt_gen_seq(struct nvt_gen *g,
							u64 elapsed_us)
{
	const struct nvt_worker_seq *e;

	if (g->seq_next >= g->nr_seq) {
		g->pass_done = true;
		return NULL;
	}
	e = &g->seq[g->seq_next];
	return e->time_us <= elapsed_us ? e : NULL;
}

/* The command nvt_gen_seq() gave has gone out. */
static inline void nvt_gen_seq_sent(struct nvt_gen *g)
{
	g->seq_next++;
}

#endif /* _NVT_GEN_H */
