/* SPDX-License-Identifier: MIT */
/*
 * nvt_qpair: an I/O submission/completion queue pair.  nvt.ko owns the
 * rings and creates them through the admin queue; commands go in batches
 * (nvt_qpair_send() queues, nvt_qpair_flush() or waitdone rings once) and
 * completions come back in batches, each calling its command's callback.
 *
 * Errors: a negative errno, with nvt_qpair_error() of the qpair saying what
 * went wrong; nvt_qpair_create() and nvt_qpair_delete(), before and after
 * there is a qpair, leave theirs with the controller.  Error statuses, timeouts (07/ff) and aborts by a reset
 * (07/fe) are reported through the controller's warning handler.
 */
#ifndef NVT_QPAIR_H
#define NVT_QPAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/controller.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_qpair;

/**
 * struct nvt_qpair_opts - what nvt_qpair_create() makes
 * @size: the struct's size as the caller knows it: set by
 *	nvt_qpair_opts_init(), so that later libnvts with more fields read
 *	only these and take the defaults for the rest
 * @depth: entries of the SQ and the CQ, 2..CAP.MQES+1 and at most 4096
 *	(default and 0: 64).  At most @depth - 1 commands are outstanding.
 * @qid: the queue ID; 0: the lowest free one (nvt_qpair_id() says which)
 * @prio: QPRIO of the SQ for weighted round robin arbitration: 0 urgent,
 *	1 high, 2 medium, 3 low
 * @no_irq: IEN=0: the CQ raises no interrupt (completions are polled
 *	anyway)
 * @vector: the interrupt vector of the CQ, below nvt_pcie_info()->nr_vectors
 *	(unless @no_irq)
 * @lazy_doorbell: ring the SQ doorbell only when reaping, not at each
 *	flush
 * @sq_in_cmb: place the SQ ring in the Controller Memory Buffer
 * @status: out: the controller's status (SCT << 8 | SC) when it refused
 *	nvt_qpair_create() (which returns it)
 * @ring_at_once: hand each command to nvt.ko as it is sent, which writes
 *	the SQ tail doorbell for it (unless @lazy_doorbell), as a driver
 *	without batching does; default: commands wait in a batch for
 *	nvt_qpair_flush() or nvt_qpair_waitdone()
 */
struct nvt_qpair_opts {
	size_t size;
	unsigned depth;
	unsigned qid;
	unsigned prio;
	bool no_irq;
	unsigned vector;
	bool lazy_doorbell;
	bool sq_in_cmb;
	uint16_t status;
	bool ring_at_once;
};

/**
 * nvt_qpair_opts_init() - options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * Call it before setting fields: every other field gets its documented
 * default (depth 64, the rest 0).
 */
NVT_EXPORT void nvt_qpair_opts_init(struct nvt_qpair_opts *o, size_t size);

/**
 * nvt_qpair_create() - create an I/O queue pair
 * @ctrl: the controller, enabled
 * @o: what to make (nvt_qpair_opts_init() first); @o->status is set
 * @out: the new qpair; NULL on failure
 *
 * nvt.ko allocates the rings and sends Create I/O CQ, then Create I/O SQ
 * (deleting the CQ again when the SQ is refused).
 *
 * Return: 0; the status (> 0, also in @o->status; 07/ff when the command
 * timed out) the controller refused it with; or a negative errno (message
 * in nvt_ctrl_error()): -EINVAL @o->size is 0 or too small for the size
 * itself, or the depth, qid, prio or vector is
 * out of range, or the CMB cannot hold queues; -EEXIST @o->qid is in use;
 * -ENOSPC no free queue ID, or the CMB is full; -EOPNOTSUPP
 * @o->sq_in_cmb and the controller has no CMB for SQs; -ENOTCONN the
 * controller is not enabled; -EBADFD no admin queue, or its registers were
 * written by hand; -EAGAIN the admin queue is full; -ENOMEM; -ENODEV the
 * device is gone; or an error of nvt_ctrl_reg_read64() reading CAP.
 */
NVT_EXPORT int nvt_qpair_create(struct nvt_ctrl *ctrl,
				struct nvt_qpair_opts *o,
				struct nvt_qpair **out);

/**
 * nvt_qpair_delete() - delete an I/O queue pair and free it
 * @q: the qpair; NULL does nothing
 *
 * nvt.ko sends Delete I/O SQ, then CQ (nothing when the controller is
 * disabled or the qpair is stale) and frees the rings once the controller
 * cannot reach them.  Commands not reaped are forgotten.  @q is freed also
 * when this fails.
 *
 * Return: 0, the status (> 0) the controller refused it with, or a
 * negative errno (message in nvt_ctrl_error()): -ENOENT
 * nvt.ko has no such queue; -EBADFD no admin queue, or its registers were
 * written by hand; -EAGAIN the admin queue is full; -ENODEV the device is
 * gone.
 */
NVT_EXPORT int nvt_qpair_delete(struct nvt_qpair *q);

/**
 * nvt_qpair_error() - the message of the last failure
 * @q: the qpair
 *
 * Return: the message the last failing call on @q left (send, flush,
 * waitdone, cmdlog, and the namespace commands sent on it).
 */
NVT_EXPORT const char *nvt_qpair_error(const struct nvt_qpair *q);

/**
 * nvt_qpair_stale() - is the qpair gone with its controller's life?
 * @q: the qpair
 *
 * After a power cycle, or a reset whose init function set up a new admin
 * queue, the controller has no such queue any more: nvt_qpair_delete() is
 * all that is left to do with it.
 *
 * Return: true when it is stale.
 */
NVT_EXPORT bool nvt_qpair_stale(const struct nvt_qpair *q);

/**
 * nvt_qpair_id() - the qpair's queue ID
 * @q: the qpair
 *
 * Return: the ID of its SQ and CQ.
 */
NVT_EXPORT uint16_t nvt_qpair_id(const struct nvt_qpair *q);

/**
 * nvt_qpair_depth() - the qpair's depth
 * @q: the qpair
 *
 * Return: the entries of its SQ and CQ.
 */
NVT_EXPORT unsigned nvt_qpair_depth(const struct nvt_qpair *q);

/**
 * nvt_qpair_ctrl() - the controller of a qpair
 * @q: the qpair
 *
 * Return: the controller it was created on.
 */
NVT_EXPORT struct nvt_ctrl *nvt_qpair_ctrl(const struct nvt_qpair *q);

/**
 * nvt_qpair_send() - queue an I/O command
 * @q: the qpair
 * @sqe: the whole 64-byte SQE (nvt.ko assigns the CID)
 * @data: the data and metadata nvt.ko builds DPTR and MPTR over; NULL:
 *	both go as in the SQE
 * @cb: called with the completion inside nvt_qpair_waitdone(); may be NULL
 * @arg: for @cb
 *
 * Queued commands go to nvt.ko in one call (one doorbell write) when 64
 * are queued, by nvt_qpair_flush(), or by nvt_qpair_waitdone(); on a
 * qpair created with &nvt_qpair_opts.ring_at_once, each goes at once.
 *
 * Return: 0 once queued, or a negative errno (message in nvt_qpair_error()):
 * -EBADFD the qpair is stale; -EAGAIN depth - 1 commands are outstanding;
 * -ERANGE @data asks for more bytes than a window holds, or a window is
 * empty; -EINVAL a buffer is host memory; -ENODEV a buffer has no DMA
 * memory while the device is powered off; or, when 64 commands were queued
 * already, an error of nvt_qpair_flush().
 */
NVT_EXPORT int nvt_qpair_send(struct nvt_qpair *q, const uint32_t sqe[16],
			      const struct nvt_data *data, nvt_cpl_fn cb,
			      void *arg);

/**
 * nvt_qpair_send_cid() - queue an I/O command with the caller's CID
 * @q: the qpair
 * @sqe: the whole 64-byte SQE; its CID (bits 31:16 of dword 0) goes as
 *	given
 * @data: as for nvt_qpair_send(); %NVT_DPTR_USER for pointers of the
 *	SQE's own; may be NULL
 * @flags: %NVT_CMD_KEEP_CID, or %NVT_CMD_KEEP_CID | %NVT_CMD_DUP_CID to
 *	allow a CID that is outstanding already on the queue (the
 *	completions of that CID reach their commands oldest first, with
 *	%NVT_CPL_DUP_CID in &struct nvt_completion.flags and
 *	nvt_qpair_latest_flags())
 * @cb: called with the completion inside nvt_qpair_waitdone(); may be NULL
 * @arg: for @cb
 *
 * nvt.ko refuses, when the command is flushed, a CID not below the
 * queue's depth (-EINVAL) and, without %NVT_CMD_DUP_CID, one that is
 * outstanding (-EBUSY, at once: no waiting as for overlapping LBAs).
 *
 * Return: 0 once queued, or a negative errno as nvt_qpair_send() gives
 * it, and -EINVAL other @flags or %NVT_CMD_DUP_CID without
 * %NVT_CMD_KEEP_CID.
 */
NVT_EXPORT int nvt_qpair_send_cid(struct nvt_qpair *q, const uint32_t sqe[16],
				  const struct nvt_data *data, uint32_t flags,
				  nvt_cpl_fn cb, void *arg);

/**
 * nvt_qpair_flush() - submit the queued commands
 * @q: the qpair
 *
 * One call to nvt.ko for them all.  While verification (nvt_ns_datacheck_enable())
 * holds back a command whose LBAs overlap I/O in flight, it is tried again
 * for up to 60 s.  When a command fails, it and the ones queued after it are
 * dropped: they were not sent, and their callbacks never run.
 *
 * Return: 0, or a negative errno (message in nvt_qpair_error()): -ENOTCONN
 * the controller is not enabled; -EBADFD the queue ended with a controller
 * reset; -EAGAIN its SQ is full; -ENOENT nvt.ko has no such queue (or
 * buffer); -EINVAL a data or metadata window is smaller than what the
 * command moves (nvt.ko reads it from the SQE and the namespace's format),
 * separate metadata has no buffer, the size is unknown and the window
 * smaller than MDTS, or a timeout is above 3600000 ms; -E2BIG the transfer needs too many PRP list pages or
 * SGL segments; -EBUSY overlapping LBAs stayed in flight for 60 s, or a
 * format-changing admin command is outstanding; -EPERM the SQE carries an
 * address of its own and raw DMA is refused (nvt_pcie_raw_dma_allowed());
 * -EOPNOTSUPP a PRP list is needed and CC.MPS pages are larger than the
 * host's; -ETIMEDOUT the namespace's format could not be learnt (nvt.ko
 * asks with Identify, which timed out now or less than 5 s before in this
 * controller life: it fails at once then, until a controller reset);
 * -EFAULT a pointer of the SQE's own (%NVT_DPTR_USER) reaches outside the
 * program's buffers; -ENOMEM; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_qpair_flush(struct nvt_qpair *q);

/**
 * nvt_qpair_waitdone() - reap completions of the qpair's commands
 * @q: the qpair
 * @count: how many
 * @timeout_ms: how long to wait at most; 0 until they are in (each command
 *	ends within its timeout, as 07/ff if need be)
 * @dw0: dword 0 of the last one; may be NULL
 *
 * Flushes the queued commands first.  Callbacks run here; error statuses,
 * timeouts, aborts, data that did not verify, late and unexpected
 * completions are warned about.  Commands a callback sends are flushed
 * too and count toward @count when they complete (a write whose callback
 * sends a read: waitdone of 2).  Completions beyond @count stay for the
 * next call.
 *
 * Return: 0, or a negative errno (message in nvt_qpair_error()): an error
 * of nvt_qpair_flush(); -EINVAL nothing is outstanding before @count
 * commands completed (checked before each wait, after the callbacks);
 * -ETIMEDOUT @timeout_ms passed first; -ENOENT nvt.ko has no
 * such queue (it ended with the controller's life); -ENODEV the device is
 * gone.
 */
NVT_EXPORT int nvt_qpair_waitdone(struct nvt_qpair *q, unsigned count,
				  unsigned timeout_ms, uint32_t *dw0);

/**
 * nvt_qpair_outstanding() - the qpair's commands not yet reaped
 * @q: the qpair
 *
 * Return: commands queued or submitted, and not reaped.
 */
NVT_EXPORT unsigned nvt_qpair_outstanding(const struct nvt_qpair *q);

/**
 * nvt_qpair_latest_cid() - the CID of the last completion reaped
 * @q: the qpair
 *
 * Return: its CID.
 */
NVT_EXPORT uint16_t nvt_qpair_latest_cid(const struct nvt_qpair *q);

/**
 * nvt_qpair_latest_status() - the status of the last completion reaped
 * @q: the qpair
 *
 * Return: SCT << 8 | SC; 0 is success.
 */
NVT_EXPORT uint16_t nvt_qpair_latest_status(const struct nvt_qpair *q);

/**
 * nvt_qpair_latest_latency() - the latency of the last completion reaped
 * @q: the qpair
 *
 * Return: microseconds from submission to completion.
 */
NVT_EXPORT uint32_t nvt_qpair_latest_latency(const struct nvt_qpair *q);

/**
 * nvt_qpair_latest_flags() - the nvt.ko flags of the last completion reaped
 * @q: the qpair
 *
 * Return: its NVT_CPL_* (<nvt/nvt_ioctl.h>): %NVT_CPL_TIMEOUT,
 * %NVT_CPL_ABORTED, %NVT_CPL_DATACHECK, %NVT_CPL_DUP_CID ...; 0 for a
 * plain completion.
 */
NVT_EXPORT uint32_t nvt_qpair_latest_flags(const struct nvt_qpair *q);

/**
 * nvt_qpair_irq_count() - interrupts of the qpair's vector
 * @q: the qpair, created with interrupts
 * @count: the vector's count since the last clear
 *
 * Vectors may be shared by several queues: the count is the vector's.
 *
 * Return: 0, or a negative errno (message in nvt_qpair_error()): -EINVAL
 * the qpair has no interrupt (&struct nvt_qpair_opts.no_irq) or no such
 * vector; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_qpair_irq_count(struct nvt_qpair *q, uint64_t *count);

/**
 * nvt_qpair_irq_clear() - clear the interrupt count of the qpair's vector
 * @q: the qpair, created with interrupts
 *
 * Return: 0, or a negative errno as nvt_qpair_irq_count() gives it.
 */
NVT_EXPORT int nvt_qpair_irq_clear(struct nvt_qpair *q);

/**
 * nvt_qpair_irq_isset() - has the qpair's vector fired since the last clear?
 * @q: the qpair, created with interrupts
 *
 * Return: 1 when its count is above 0, 0 when not, or a negative errno as
 * nvt_qpair_irq_count() gives it.
 */
NVT_EXPORT int nvt_qpair_irq_isset(struct nvt_qpair *q);

/**
 * nvt_qpair_irq_wait() - wait for the qpair's vector to fire
 * @q: the qpair, created with interrupts
 * @timeout_ms: how long to wait at most
 *
 * Returns at once when the count is above 0 already.
 *
 * Return: 0, or a negative errno as nvt_qpair_irq_count() gives it, and
 * -ETIMEDOUT no interrupt within @timeout_ms.
 */
NVT_EXPORT int nvt_qpair_irq_wait(struct nvt_qpair *q, unsigned timeout_ms);

/**
 * nvt_qpair_irq_mask() - mask the qpair's MSI-X vector
 * @q: the qpair, created with interrupts
 *
 * Sets the Mask bit of the vector's entry in the MSI-X table: the
 * controller holds its messages and sets the Pending Bit instead.
 *
 * Return: 0, or a negative errno as nvt_qpair_irq_count() gives it, and
 * -EOPNOTSUPP the device does not use MSI-X.
 */
NVT_EXPORT int nvt_qpair_irq_mask(struct nvt_qpair *q);

/**
 * nvt_qpair_irq_unmask() - unmask the qpair's MSI-X vector
 * @q: the qpair, created with interrupts
 *
 * Clears the Mask bit: a message held meanwhile is sent now.
 *
 * Return: as nvt_qpair_irq_mask().
 */
NVT_EXPORT int nvt_qpair_irq_unmask(struct nvt_qpair *q);

/**
 * nvt_qpair_irq_pending() - the Pending Bit of the qpair's MSI-X vector
 * @q: the qpair, created with interrupts
 *
 * Return: 1 set, 0 clear, or a negative errno as nvt_qpair_irq_mask()
 * gives it.
 */
NVT_EXPORT int nvt_qpair_irq_pending(struct nvt_qpair *q);

/**
 * nvt_qpair_cmdlog() - write the qpair's command log
 * @q: the qpair
 * @count: at most this many entries, 1..65536
 * @out: where to write them, newest first, as nvt_cmdlog_format() does
 *
 * Return: the entries written, or a negative errno as nvt_ctrl_cmdlog()
 * gives it (message in nvt_qpair_error()).
 */
NVT_EXPORT int nvt_qpair_cmdlog(struct nvt_qpair *q, unsigned count,
				FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_QPAIR_H */
