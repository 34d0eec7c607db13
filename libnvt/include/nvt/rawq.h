/* SPDX-License-Identifier: MIT */
/*
 * Raw I/O queues: a completion queue and submission queues whose rings are
 * windows of the test's own buffers, driven entry by entry.  The test
 * writes SQEs (with its own CIDs, duplicates included, and its own data
 * pointers, <nvt/dptr.h>), rings the doorbells with any value, and reads
 * CQEs and their phase tags from the CQ's mapping.  nvt.ko sends Create
 * and Delete I/O CQ/SQ itself (every field but the ring's address is the
 * test's, so invalid ones can be injected), reserves the queue IDs, and
 * never reads a raw CQ: nothing is reaped, no callback runs, no timeout
 * ends a command.
 *
 * Errors: a negative errno, with the queue's message in
 * nvt_rawcq_error() / nvt_rawsq_error(); the create and delete calls leave
 * theirs with the controller (nvt_ctrl_error()).  Calls that wait for the
 * controller return its status (> 0) when it refused.
 *
 * A controller reset ends raw queues: the controller forgets them, entry
 * writes and doorbells then fail with -EBADFD, and deleting only forgets
 * them.
 */
#ifndef NVT_RAWQ_H
#define NVT_RAWQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nvt/buffer.h>
#include <nvt/controller.h>
#include <nvt/nvme.h>
#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_rawcq;
struct nvt_rawsq;

/**
 * struct nvt_rawcq_opts - what nvt_rawcq_create() makes
 * @size: the struct's size as the caller knows it (nvt_rawcq_opts_init())
 * @qid: the CQ's ID, 1..65535
 * @entries: its entries, 2..65536 (default 64)
 * @buf: the DMA buffer holding the ring; NULL: one of @entries * 16 bytes
 *	is allocated with the queue and freed with it
 * @buf_offset: where the ring starts in @buf (any offset whose window
 *	holds the ring; the controller judges the alignment)
 * @ien: IEN: the CQ raises interrupts on @vector (default true)
 * @vector: IV, the interrupt vector
 * @pc: PC: the ring is physically contiguous (default true; false makes
 *	nvt.ko point PRP1 at a PRP list of the window's pages)
 * @raw: send @cdw10, @cdw11 and @cdw12 as given instead of the dwords
 *	made from @qid, @entries, @ien, @vector and @pc: the queue's ID and
 *	size are then QID and QSIZE + 1 of @cdw10 (QID 0 and other values the
 *	controller must refuse included)
 * @cdw10: with @raw: Command Dword 10 of Create I/O CQ
 * @cdw11: with @raw: Command Dword 11
 * @cdw12: with @raw: Command Dword 12
 * @timeout_ms: how long Create and Delete may take; 0: the admin timeout
 *	in force
 * @status: out: the controller's status when it refused (also returned)
 */
struct nvt_rawcq_opts {
	size_t size;
	unsigned qid;
	unsigned entries;
	struct nvt_buf *buf;
	size_t buf_offset;
	bool ien;
	unsigned vector;
	bool pc;
	bool raw;
	uint32_t cdw10;
	uint32_t cdw11;
	uint32_t cdw12;
	unsigned timeout_ms;
	uint16_t status;
};

/**
 * struct nvt_rawsq_opts - what nvt_rawsq_create() makes
 * @size: the struct's size as the caller knows it (nvt_rawsq_opts_init())
 * @qid: the SQ's ID, 1..65535
 * @entries: its entries, 2..65536 (default 64)
 * @buf: the DMA buffer holding the ring, host memory or the CMB
 *	(nvt_buf_alloc_in()); NULL: one of @entries * 64 bytes is allocated
 *	in @mem with the queue and freed with it
 * @buf_offset: where the ring starts in @buf
 * @mem: where an allocated ring goes: %NVT_MEM_HOST or %NVT_MEM_CMB
 * @cq: the raw CQ its completions go to
 * @cqid: without @cq: the CQID to send, one no CQ has (the controller
 *	must refuse it)
 * @prio: QPRIO, 0 urgent .. 3 low
 * @pc: PC: the ring is physically contiguous (default true)
 * @raw: send @cdw10, @cdw11 and @cdw12 as given (see &struct
 *	nvt_rawcq_opts.raw); @cq, when given, must be the CQ of CQID
 * @cdw10: with @raw: Command Dword 10 of Create I/O SQ
 * @cdw11: with @raw: Command Dword 11
 * @cdw12: with @raw: Command Dword 12
 * @timeout_ms: how long Create and Delete may take; 0: the admin timeout
 *	in force
 * @status: out: the controller's status when it refused (also returned)
 */
struct nvt_rawsq_opts {
	size_t size;
	unsigned qid;
	unsigned entries;
	struct nvt_buf *buf;
	size_t buf_offset;
	enum nvt_buf_mem mem;
	struct nvt_rawcq *cq;
	unsigned cqid;
	unsigned prio;
	bool pc;
	bool raw;
	uint32_t cdw10;
	uint32_t cdw11;
	uint32_t cdw12;
	unsigned timeout_ms;
	uint16_t status;
};

/**
 * nvt_rawcq_opts_init() - CQ options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * 64 entries, IEN and PC set, vector 0, the rest 0.
 */
NVT_EXPORT void nvt_rawcq_opts_init(struct nvt_rawcq_opts *o, size_t size);

/**
 * nvt_rawsq_opts_init() - SQ options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * 64 entries in host memory, PC set, the rest 0.
 */
NVT_EXPORT void nvt_rawsq_opts_init(struct nvt_rawsq_opts *o, size_t size);

/**
 * nvt_rawcq_create() - create a raw I/O completion queue
 * @ctrl: the controller, enabled
 * @o: what to make (nvt_rawcq_opts_init() first); @o->status is set
 * @out: the new CQ; NULL on failure
 *
 * nvt.ko sends Create I/O CQ with PRP1 at the ring.  The ring is not
 * cleared: zero it (nvt_buf_fill()) before, so that phase tags start at 0.
 *
 * Return: 0; the status (> 0, also in @o->status; 07/ff: timed out) the
 * controller refused it with; or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL a bad option (qid 0 or above 65535, entries
 * outside 2..65536, the ring beyond its buffer, a host buffer) or a window
 * that does not hold the ring; -EBUSY the ID is used by nvt.ko or another
 * file; -ENOENT the buffer is not the file's; -ENOTCONN the controller is
 * not enabled; -ENOMEM; -ENODEV the device is gone; or an error of
 * nvt_buf_alloc() for the ring.
 */
NVT_EXPORT int nvt_rawcq_create(struct nvt_ctrl *ctrl,
				struct nvt_rawcq_opts *o,
				struct nvt_rawcq **out);

/**
 * nvt_rawsq_create() - create a raw I/O submission queue
 * @ctrl: the controller, enabled
 * @o: what to make (nvt_rawsq_opts_init() first); @o->status is set
 * @out: the new SQ; NULL on failure
 *
 * nvt.ko sends Create I/O SQ with PRP1 at the ring.  Where raw DMA is
 * refused, the ring's buffer turns read-only in the process for the
 * queue's life: entries are written with nvt_rawsq_set_entry() only.
 *
 * Return: 0; the status (> 0) the controller refused it with; or a
 * negative errno (message in nvt_ctrl_error()) as nvt_rawcq_create()
 * gives it, and -EBUSY @o->cqid is a CQ of nvt.ko's; -EOPNOTSUPP a ring
 * in the CMB and the controller has none.
 */
NVT_EXPORT int nvt_rawsq_create(struct nvt_ctrl *ctrl,
				struct nvt_rawsq_opts *o,
				struct nvt_rawsq **out);

/**
 * nvt_rawcq_delete() - delete a raw CQ and free it
 * @cq: the CQ; NULL does nothing
 *
 * nvt.ko sends Delete I/O CQ (delete its SQs first, or the controller
 * refuses with Invalid Queue Deletion); after a reset it only forgets the
 * queue.  @cq is freed, with the ring it allocated, unless the controller
 * refused: the queue then still exists (delete it again later).
 *
 * Return: 0, the status (> 0; 07/ff: timed out) the controller refused it
 * with, @cq not freed, or a negative errno (message in nvt_ctrl_error()),
 * @cq freed: -ENOENT nvt.ko has no such queue; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_rawcq_delete(struct nvt_rawcq *cq);

/**
 * nvt_rawsq_delete() - delete a raw SQ and free it
 * @sq: the SQ; NULL does nothing
 *
 * nvt.ko sends Delete I/O SQ (the controller aborts what it has not
 * done); after a reset it only forgets the queue.  As for
 * nvt_rawcq_delete(), @sq stays when the controller refused.
 *
 * Return: as nvt_rawcq_delete().
 */
NVT_EXPORT int nvt_rawsq_delete(struct nvt_rawsq *sq);

/**
 * nvt_rawcq_error() - the message of the CQ's last failure
 * @cq: the CQ
 *
 * Return: the message.
 */
NVT_EXPORT const char *nvt_rawcq_error(const struct nvt_rawcq *cq);

/**
 * nvt_rawsq_error() - the message of the SQ's last failure
 * @sq: the SQ
 *
 * Return: the message.
 */
NVT_EXPORT const char *nvt_rawsq_error(const struct nvt_rawsq *sq);

/**
 * nvt_rawcq_id() - the CQ's ID
 * @cq: the CQ
 *
 * Return: its QID, as sent.
 */
NVT_EXPORT uint16_t nvt_rawcq_id(const struct nvt_rawcq *cq);

/**
 * nvt_rawsq_id() - the SQ's ID
 * @sq: the SQ
 *
 * Return: its QID, as sent.
 */
NVT_EXPORT uint16_t nvt_rawsq_id(const struct nvt_rawsq *sq);

/**
 * nvt_rawcq_entries() - the CQ's size
 * @cq: the CQ
 *
 * Return: its entries (QSIZE + 1).
 */
NVT_EXPORT unsigned nvt_rawcq_entries(const struct nvt_rawcq *cq);

/**
 * nvt_rawsq_entries() - the SQ's size
 * @sq: the SQ
 *
 * Return: its entries (QSIZE + 1).
 */
NVT_EXPORT unsigned nvt_rawsq_entries(const struct nvt_rawsq *sq);

/**
 * nvt_rawcq_buf() - the buffer holding the CQ's ring
 * @cq: the CQ
 *
 * Return: the buffer (the caller's, or the one allocated with the queue).
 */
NVT_EXPORT struct nvt_buf *nvt_rawcq_buf(const struct nvt_rawcq *cq);

/**
 * nvt_rawsq_buf() - the buffer holding the SQ's ring
 * @sq: the SQ
 *
 * Return: the buffer.
 */
NVT_EXPORT struct nvt_buf *nvt_rawsq_buf(const struct nvt_rawsq *sq);

/**
 * nvt_rawcq_vector() - the CQ's interrupt vector
 * @cq: the CQ
 *
 * Return: IV as sent, or -1 when IEN was 0.
 */
NVT_EXPORT int nvt_rawcq_vector(const struct nvt_rawcq *cq);

/**
 * nvt_rawcq_entry() - read a CQ entry from the ring
 * @cq: the CQ
 * @index: the entry, below nvt_rawcq_entries()
 * @cqe: its four dwords as the controller wrote them (dword 3 read
 *	first, so that an entry whose phase tag is new is read whole)
 *
 * Return: 0, or -EINVAL (message in nvt_rawcq_error()): @index is beyond
 * the queue.
 */
NVT_EXPORT int nvt_rawcq_entry(struct nvt_rawcq *cq, unsigned index,
			       union nvt_cqe *cqe);

/**
 * nvt_rawcq_phase() - the phase tag of a CQ entry
 * @cq: the CQ
 * @index: the entry, below nvt_rawcq_entries()
 *
 * Return: 0 or 1, or -EINVAL (message in nvt_rawcq_error()): @index is
 * beyond the queue.
 */
NVT_EXPORT int nvt_rawcq_phase(struct nvt_rawcq *cq, unsigned index);

/**
 * nvt_rawcq_wait_phase() - wait for a CQ entry's phase tag
 * @cq: the CQ
 * @index: the entry, below nvt_rawcq_entries()
 * @phase: the value to wait for, 0 or 1
 * @timeout_ms: how long to wait at most
 *
 * Polls the ring in memory (no interrupt needed).
 *
 * Return: 0, or a negative errno (message in nvt_rawcq_error()): -EINVAL
 * @index is beyond the queue or @phase is not 0 or 1; -ETIMEDOUT the
 * phase tag did not reach @phase within @timeout_ms.
 */
NVT_EXPORT int nvt_rawcq_wait_phase(struct nvt_rawcq *cq, unsigned index,
				    unsigned phase, unsigned timeout_ms);

/**
 * nvt_rawcq_wait_irq() - wait for the CQ's interrupt vector
 * @cq: the CQ, created with IEN
 * @timeout_ms: how long to wait at most
 * @count: the vector's interrupt count then; may be NULL
 *
 * Returns at once when the vector's count is not 0: clear it
 * (nvt_pcie_irq_clear() of nvt_rawcq_vector()) before ringing to wait for
 * a new interrupt.  Vectors may be shared with other queues.
 *
 * Return: 0, or a negative errno (message in nvt_rawcq_error()): -EINVAL
 * the CQ has no interrupt (IEN 0) or no such vector; -ETIMEDOUT none
 * within @timeout_ms; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_rawcq_wait_irq(struct nvt_rawcq *cq, unsigned timeout_ms,
				  uint64_t *count);

/**
 * nvt_rawcq_head() - the CQ's read pointer
 * @cq: the CQ
 *
 * Return: the value last written to its head doorbell (0 at first).
 */
NVT_EXPORT uint32_t nvt_rawcq_head(const struct nvt_rawcq *cq);

/**
 * nvt_rawcq_set_head() - write the CQ head doorbell
 * @cq: the CQ
 * @value: any 32-bit value (beyond the queue too: an Invalid Doorbell
 *	Write Value the controller reports with an asynchronous event)
 *
 * Return: 0, or a negative errno (message in nvt_rawcq_error()): -EBADFD
 * the queue ended with a controller reset; -ENOENT nvt.ko has no such
 * queue; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_rawcq_set_head(struct nvt_rawcq *cq, uint32_t value);

/**
 * nvt_rawsq_tail() - the SQ's write pointer
 * @sq: the SQ
 *
 * Return: the value last written to its tail doorbell (0 at first): the
 * entry nvt_rawsq_read() and its kind write next.
 */
NVT_EXPORT uint32_t nvt_rawsq_tail(const struct nvt_rawsq *sq);

/**
 * nvt_rawsq_set_tail() - write the SQ tail doorbell
 * @sq: the SQ
 * @value: any 32-bit value
 *
 * Return: 0, or a negative errno as nvt_rawcq_set_head() gives it
 * (message in nvt_rawsq_error()).
 */
NVT_EXPORT int nvt_rawsq_set_tail(struct nvt_rawsq *sq, uint32_t value);

/**
 * nvt_ctrl_doorbell_write() - write the doorbell of any queue ID
 * @ctrl: the controller
 * @qid: a queue ID: a raw queue of this file, or one no queue has
 *	(Invalid Doorbell Register injection)
 * @cq: the CQ head doorbell (true) or the SQ tail doorbell
 * @value: any 32-bit value
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EBUSY
 * the queue is nvt.ko's or another file's; -EBADFD a raw queue that ended
 * with a reset; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_doorbell_write(struct nvt_ctrl *ctrl, uint16_t qid,
				       bool cq, uint32_t value);

/**
 * nvt_rawsq_set_entry() - write an SQ entry
 * @sq: the SQ
 * @index: the entry, below nvt_rawsq_entries()
 * @sqe: the 64 bytes, CID and data pointers as given
 * @written: out: the entry as nvt.ko wrote it (where raw DMA is refused
 *	its PRP lists and SGL segments are copies, and the pointers point
 *	at them); may be NULL
 *
 * Where raw DMA is refused nvt.ko checks the data pointers as for
 * %NVT_DPTR_USER and holds what they reach until the queue is deleted.
 * The doorbell is not rung.
 *
 * Return: 0, or a negative errno (message in nvt_rawsq_error()): -EINVAL
 * @index is beyond the queue; -EFAULT a pointer reaches memory that is
 * none of the file's buffers (CMB and PMR buffers count); -ETIMEDOUT the
 * namespace's format could not be learnt (an Identify of nvt.ko's timed
 * out, now or less than 5 s before in this controller life); -EBADFD the
 * queue ended with a reset; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_rawsq_set_entry(struct nvt_rawsq *sq, unsigned index,
				   const union nvt_sqe *sqe,
				   union nvt_sqe *written);

/**
 * nvt_rawsq_entry() - read an SQ entry back from the ring
 * @sq: the SQ
 * @index: the entry, below nvt_rawsq_entries()
 * @sqe: its 64 bytes
 *
 * Return: 0, or -EINVAL (message in nvt_rawsq_error()): @index is beyond
 * the queue.
 */
NVT_EXPORT int nvt_rawsq_entry(struct nvt_rawsq *sq, unsigned index,
			       union nvt_sqe *sqe);

/**
 * nvt_rawsq_read() - write a Read at the tail and ring the doorbell
 * @sq: the SQ
 * @cid: the command's CID
 * @nsid: the namespace
 * @lba: the first LBA
 * @count: LBAs, 1..65536
 * @buf: the DMA buffer whose window receives the data, reached by PRP1
 *	and PRP2 (two memory pages at most)
 *
 * The entry goes at nvt_rawsq_tail(), and the tail doorbell gets the next
 * entry (wrapping at the queue's end).
 * MPTR is 0: a namespace whose format has separate metadata needs
 * nvt_rawsq_read_meta().
 *
 * Return: 0, or a negative errno (message in nvt_rawsq_error()): -EINVAL
 * @count is out of range, @buf is host memory, or its window needs a PRP
 * list (build the pointers with nvt_dptr_prp() and nvt_rawsq_set_entry());
 * or an error of nvt_rawsq_set_entry() or nvt_rawsq_set_tail().
 */
NVT_EXPORT int nvt_rawsq_read(struct nvt_rawsq *sq, uint16_t cid,
			      uint32_t nsid, uint64_t lba, uint32_t count,
			      struct nvt_buf *buf);

/**
 * nvt_rawsq_write() - write a Write at the tail and ring the doorbell
 * @sq: the SQ
 * @cid: the command's CID
 * @nsid: the namespace
 * @lba: the first LBA
 * @count: LBAs, 1..65536
 * @buf: the DMA buffer whose window holds the data
 *
 * Return: as nvt_rawsq_read().
 */
NVT_EXPORT int nvt_rawsq_write(struct nvt_rawsq *sq, uint16_t cid,
			       uint32_t nsid, uint64_t lba, uint32_t count,
			       struct nvt_buf *buf);

/**
 * nvt_rawsq_read_meta() - nvt_rawsq_read() with separate metadata
 * @sq: the SQ
 * @cid: the command's CID
 * @nsid: the namespace
 * @lba: the first LBA
 * @count: LBAs, 1..65536
 * @buf: the DMA buffer whose window receives the data, as for
 *	nvt_rawsq_read()
 * @meta: the DMA buffer whose window receives the metadata: MPTR is its
 *	first byte (NVM Command Set: a format with metadata that is not
 *	extended moves it through MPTR, @count times the metadata size);
 *	NULL: MPTR 0, as nvt_rawsq_read() sends it
 *
 * Return: as nvt_rawsq_read(), and -EINVAL @meta is host memory.
 */
NVT_EXPORT int nvt_rawsq_read_meta(struct nvt_rawsq *sq, uint16_t cid,
				   uint32_t nsid, uint64_t lba, uint32_t count,
				   struct nvt_buf *buf, struct nvt_buf *meta);

/**
 * nvt_rawsq_write_meta() - nvt_rawsq_write() with separate metadata
 * @sq: the SQ
 * @cid: the command's CID
 * @nsid: the namespace
 * @lba: the first LBA
 * @count: LBAs, 1..65536
 * @buf: the DMA buffer whose window holds the data
 * @meta: the DMA buffer whose window holds the metadata (MPTR); NULL:
 *	MPTR 0
 *
 * Return: as nvt_rawsq_read_meta().
 */
NVT_EXPORT int nvt_rawsq_write_meta(struct nvt_rawsq *sq, uint16_t cid,
				    uint32_t nsid, uint64_t lba, uint32_t count,
				    struct nvt_buf *buf, struct nvt_buf *meta);

/**
 * nvt_rawsq_flush() - write a Flush at the tail and ring the doorbell
 * @sq: the SQ
 * @cid: the command's CID
 * @nsid: the namespace (0xffffffff: all)
 *
 * Return: 0, or an error of nvt_rawsq_set_entry() or nvt_rawsq_set_tail().
 */
NVT_EXPORT int nvt_rawsq_flush(struct nvt_rawsq *sq, uint16_t cid,
			       uint32_t nsid);

#ifdef __cplusplus
}
#endif
#endif /* NVT_RAWQ_H */
