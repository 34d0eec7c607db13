/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the command log of one queue, a ring of the latest submissions with
 * their completions.  Submission N (numbered from 1) goes into entry
 * N % depth; seqs[] says which submission an entry holds, so that a late
 * completion of an overwritten one is dropped and a read, newest first,
 * stops where the ring wrapped.  Pure code over memory the caller
 * allocates (nvt_cmdlog.c), shared with the unit tests.
 */
#ifndef _NVT_CMDLOG_H
#define _NVT_CMDLOG_H

#include "uapi/nvt_ioctl.h"

#ifdef __KERNEL__
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <stdint.h>
#include <string.h>
typedef uint32_t u32;
typedef uint64_t u64;
#endif

/* The command log of one queue: a ring, newest entry last. */
struct nvt_qlog {
	struct nvt_log_entry *entries;
	u64 *seqs;			/* which submission each entry holds */
	u32 depth;
	u64 next_seq;			/* the next submission's number */
};

static inline u32 nvt_qlog_idx(const struct nvt_qlog *log, u64 seq)
{
#ifdef __KERNEL__
	u32 rem;

	/* the usual depths: a mask, not a division on every command */
	if (!(log->depth & (log->depth - 1)))
		return (u32)seq & (log->depth - 1);

	div_u64_rem(seq, log->depth, &rem);	/* no 64-bit % on 32 bits */
	return rem;
#else
	return seq % log->depth;
#endif
}

/* @depth entries and seqs, zeroed: an empty log (seq 0 is no submission) */
static inline void nvt_cmdlog_start(struct nvt_qlog *log, u32 depth)
{
	log->depth = depth;
	log->next_seq = 1;
}

/*
 * Record a submission at @now_ns (the queue's pass clock, monotonic;
 * CMDLOG reports real time); returns the sequence number to complete it
 * with.
 */
static inline u64 nvt_cmdlog_submit(struct nvt_qlog *log, const u32 *sqe,
				  u64 now_ns)
{
	u64 seq = log->next_seq++;
	u32 idx = nvt_qlog_idx(log, seq);
	struct nvt_log_entry *e = &log->entries[idx];

	memcpy(e->sqe, sqe, sizeof(e->sqe));
	memset(e->cqe, 0, sizeof(e->cqe));
	e->submit_ns = now_ns;
	e->complete_ns = 0;
	e->flags = 0;
	log->seqs[idx] = seq;
	return seq;
}

/*
 * Its completion (NVT_CPL_* flags), unless newer submissions overwrote
 * its entry meanwhile.
 */
static inline void nvt_cmdlog_complete(struct nvt_qlog *log, u64 seq,
				     const u32 *cqe, u32 cpl_flags, u64 now_ns)
{
	u32 idx = nvt_qlog_idx(log, seq);
	struct nvt_log_entry *e = &log->entries[idx];

	if (log->seqs[idx] != seq)
		return;		/* overwritten by newer commands meanwhile */
	memcpy(e->cqe, cqe, sizeof(e->cqe));
	e->complete_ns = now_ns;
	/* a late CQE keeps the mark of the timeout it followed */
	e->flags |= NVT_LOG_DONE | cpl_flags << 8;
}

/* Copy up to @max entries, newest first; returns how many. */
static inline u32 nvt_cmdlog_read(const struct nvt_qlog *log,
				struct nvt_log_entry *out, u32 max)
{
	u64 seq;
	u32 n = 0;

	for (seq = log->next_seq - 1; seq && n < max; seq--) {
		u32 idx = nvt_qlog_idx(log, seq);

		if (log->seqs[idx] != seq)
			break;
		out[n++] = log->entries[idx];
	}
	return n;
}

#endif /* _NVT_CMDLOG_H */
