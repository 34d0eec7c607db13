/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the arithmetic of a queue pair's rings (NVMe Base 2.0, Queue
 * Management): tail and head that advance and wrap at the depth, a full
 * SQ that keeps one entry empty, the CQ's phase tag that flips at each
 * wrap, the SQ entries a CQE's SQ Head Pointer says were fetched, and the
 * shadow doorbell's event index.  Pure code, shared by the module
 * (nvt_queue.c, nvt_dbbuf.c) and its unit tests.
 */
#ifndef _NVT_RING_H
#define _NVT_RING_H

#include "uapi/nvt_nvme.h"

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
#endif

/* the entry after @pos in a ring of @depth */
static inline u32 nvt_ring_next(u32 pos, u32 depth)
{
	return pos + 1 == depth ? 0 : pos + 1;
}

/* entries from @from forward to @to, in a ring of @depth */
static inline u32 nvt_ring_dist(u32 from, u32 to, u32 depth)
{
	return to >= from ? to - from : depth - from + to;
}

/*
 * An SQ is full when one more entry would make the tail meet the head:
 * head == tail means empty, so a ring of @depth holds depth - 1 commands.
 */
static inline bool nvt_ring_full(u32 tail, u32 head, u32 depth)
{
	return nvt_ring_next(tail, depth) == head;
}

/* The CQ head moves on; at the wrap the expected phase tag flips. */
static inline void nvt_cq_advance(u32 *head, u8 *phase, u32 depth)
{
	*head = nvt_ring_next(*head, depth);
	if (!*head)
		*phase ^= 1;
}

/* A CQE is new when its phase tag (dword 3) is the one expected. */
static inline bool nvt_cqe_is_new(u32 dw3, u8 phase)
{
	return !!(dw3 & NVT_CQE_PHASE) == phase;
}

/**
 * nvt_sq_fetched() - SQ entries a CQE says the controller fetched
 * @head: the SQ head the driver knew
 * @sqhd: the CQE's SQ Head Pointer
 * @tail: the SQ tail
 * @depth: the SQ's depth
 *
 * The entries from @head up to @sqhd, never past @tail: a controller that
 * reports a head beyond the tail fetched nothing that was not placed.
 *
 * Return: the number of entries, from @head on; 0 when @sqhd is no index
 * of the ring.
 */
static inline u32 nvt_sq_fetched(u32 head, u32 sqhd, u32 tail, u32 depth)
{
	u32 to_head, to_tail;

	if (sqhd >= depth)
		return 0;
	to_head = nvt_ring_dist(head, sqhd, depth);
	to_tail = nvt_ring_dist(head, tail, depth);
	return to_head < to_tail ? to_head : to_tail;
}

/*
 * Shadow doorbells: whether moving the doorbell from @old to @new passed
 * the controller's event index @event, so the register must be written
 * too (the 16-bit comparison of the Doorbell Buffer Config command).
 */
static inline bool nvt_dbbuf_need_event(u16 event, u16 new, u16 old)
{
	return (u16)(new - event - 1) < (u16)(new - old);
}

#endif /* _NVT_RING_H */
