/* SPDX-License-Identifier: MIT */
/*
 * nvt_qpair: an I/O submission/completion queue pair.  nvt.ko owns the
 * rings and creates them through the admin queue; commands go in batches
 * (nvt_qpair_send() queues, nvt_qpair_flush() or waitdone rings once) and
 * completions come back in batches, each calling its command's callback.
 *
 * Errors: a negative errno, with nvt_ctrl_error() of the controller saying
 * what went wrong.  Error statuses, timeouts (07/ff) and aborts by a reset
 * (07/fe) are reported through the controller's warning handler.
 */
#ifndef NVT_QPAIR_H
#define NVT_QPAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/controller.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_qpair;

struct nvt_qpair_opts {
	unsigned depth;		/* entries, 2..CAP.MQES+1 (0: 64) */
	unsigned qid;		/* 0: the lowest free queue ID */
	unsigned prio;		/* QPRIO for weighted round robin, 0..3 */
	bool no_irq;		/* IEN=0: completions are only polled */
	unsigned vector;	/* MSI-X vector of the CQ */
	bool lazy_doorbell;	/* ring the SQ doorbell only when reaping */
	bool sq_in_cmb;		/* the SQ ring in the Controller Memory Buffer */
	uint16_t status;	/* out: the controller's status on -EREMOTEIO */
};

/* How a command's data (and metadata) is pointed at. */
enum nvt_dptr_type {
	NVT_DPTR_PRP,		/* PRP1/PRP2 and PRP lists (chained as needed) */
	NVT_DPTR_SGL,		/* SGL data blocks (see sgl_block) */
};

struct nvt_data {
	struct nvt_buf *buf;	/* data: the buffer's window; NULL: none */
	size_t length;		/* bytes from the window's start; 0: window */
	enum nvt_dptr_type dptr;
	uint32_t sgl_block;	/* SGL: bytes per data block; 0: one block */
	struct nvt_buf *meta;	/* separate metadata (MPTR): its window */
	size_t meta_length;	/* 0: the whole window */
	uint32_t timeout_ms;	/* 0: the per-opcode timeout in force */
};

/*
 * Create the pair (Create I/O CQ, then SQ).  -EREMOTEIO when the controller
 * refuses, with its status in @o->status.
 */
int nvt_qpair_create(struct nvt_ctrl *ctrl, struct nvt_qpair_opts *o,
		     struct nvt_qpair **out);
/* Delete SQ and CQ and free @q (also when the controller refuses). */
int nvt_qpair_delete(struct nvt_qpair *q);

/*
 * Was its controller reset or power-cycled since it was created?  Then the
 * controller has no such queue any more and nvt_qpair_delete() is all that
 * is left to do with it.
 */
bool nvt_qpair_stale(const struct nvt_qpair *q);

uint16_t nvt_qpair_id(const struct nvt_qpair *q);
unsigned nvt_qpair_depth(const struct nvt_qpair *q);
struct nvt_ctrl *nvt_qpair_ctrl(const struct nvt_qpair *q);

/*
 * Queue a command: @sqe whole (the CID is assigned; the data pointer and
 * MPTR are built from @data when given).  Queued commands are submitted
 * in one call when the batch is full, by nvt_qpair_flush(), or by
 * nvt_qpair_waitdone().
 */
int nvt_qpair_send(struct nvt_qpair *q, const uint32_t sqe[16],
		   const struct nvt_data *data, nvt_cpl_fn cb, void *arg);
int nvt_qpair_flush(struct nvt_qpair *q);
/*
 * Reap @count completions (callbacks run here); @timeout_ms 0 waits until
 * they are in (each command ends within its timeout), else -ETIMEDOUT.
 * *@dw0 (if given) is dword 0 of the last one.
 */
int nvt_qpair_waitdone(struct nvt_qpair *q, unsigned count,
		       unsigned timeout_ms, uint32_t *dw0);
/* Commands queued or outstanding, not yet reaped. */
unsigned nvt_qpair_outstanding(const struct nvt_qpair *q);

/* The last completion reaped. */
uint16_t nvt_qpair_latest_cid(const struct nvt_qpair *q);
uint16_t nvt_qpair_latest_status(const struct nvt_qpair *q);
uint32_t nvt_qpair_latest_latency(const struct nvt_qpair *q);	/* us */

/* The command log of this queue, newest first (text layout of cmdlog). */
int nvt_qpair_cmdlog(struct nvt_qpair *q, unsigned count, FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_QPAIR_H */
