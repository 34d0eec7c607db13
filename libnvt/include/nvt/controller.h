/* SPDX-License-Identifier: MIT */
/*
 * nvt_ctrl: the NVMe controller of an nvt_pcie and its admin queue.
 *
 * Commands are asynchronous: a send function queues the command and returns;
 * nvt_ctrl_waitdone() reaps completions, calls each command's callback and
 * reports warnings (error statuses, timeouts, AER notifications) through the
 * warning handler.  AERs are re-armed by nvt.ko and never count as reaped
 * commands.
 *
 * int results: 0 or a non-negative value on success, a negative errno on
 * failure with nvt_ctrl_error() describing it (a namespace, qpair or
 * worker has its own: nvt_ns_error(), nvt_qpair_error(),
 * nvt_worker_error()).
 */
#ifndef NVT_CONTROLLER_H
#define NVT_CONTROLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;
struct nvt_buf;
struct nvt_ctrl;

/**
 * struct nvt_completion - a completion as the callback sees it
 * @dw: the raw completion queue entry, dwords 0..3
 * @cid: its command identifier
 * @status: SCT << 8 | SC (phase, DNR, More and CRD dropped); 0 is success
 * @latency_us: from submission to completion, in microseconds
 * @flags: NVT_CPL_* of <nvt/nvt_ioctl.h>: a completion nvt.ko made up for a
 *	timeout (07/ff) or a reset (07/fe), data that did not verify (07/fd)
 */
struct nvt_completion {
	uint32_t dw[4];
	uint16_t cid;
	uint16_t status;
	uint32_t latency_us;
	uint32_t flags;
};

/**
 * enum nvt_dptr_type - how a command's data is pointed at
 * @NVT_DPTR_PRP: PRP1/PRP2 and PRP lists (chained as needed)
 * @NVT_DPTR_SGL: SGL data blocks (see &struct nvt_data.sgl_block)
 * @NVT_DPTR_USER: the SQE's own PSDT, PRP1/PRP2 or SGL1 and MPTR, built by
 *	the caller over bus addresses of its buffers (<nvt/dptr.h>): nvt.ko
 *	follows them as the controller would and refuses (-EFAULT) what
 *	reaches outside the program's buffers unless raw DMA is allowed.
 *	Buffers in the CMB or PMR (nvt_buf_alloc_in()) count: data may be
 *	there; PRP lists and SGL segments there are copied into a page of
 *	the same memory (see <nvt/dptr.h>; -ENOSPC when it has no room).  &struct nvt_data.buf and .meta must be NULL.
 */
enum nvt_dptr_type {
	NVT_DPTR_PRP,
	NVT_DPTR_SGL,
	NVT_DPTR_USER,
};

/**
 * struct nvt_data - a command's data and metadata, for nvt.ko to point at
 * @buf: the data: this DMA buffer's window; NULL: no data pointer (DPTR
 *	goes as in the SQE)
 * @length: bytes from the window's start; 0: the whole window
 * @dptr: PRPs or an SGL nvt.ko builds over @buf, or the SQE's own
 *	pointers (%NVT_DPTR_USER)
 * @sgl_block: with an SGL: bytes per data block (in chained segments);
 *	0: one data block
 * @meta: separate metadata (MPTR): this DMA buffer's window; NULL: none
 * @meta_length: bytes from its window's start; 0: the whole window
 * @timeout_ms: this command's timeout, up to 3600000; 0: the opcode's
 *	timeout in force (nvt_ctrl_set_opcode_timeout())
 */
struct nvt_data {
	struct nvt_buf *buf;
	size_t length;
	enum nvt_dptr_type dptr;
	uint32_t sgl_block;
	struct nvt_buf *meta;
	size_t meta_length;
	uint32_t timeout_ms;
};

/**
 * typedef nvt_cpl_fn - a command's completion callback
 * @ctrl: the controller (of the qpair, for I/O commands)
 * @cqe: the completion
 * @arg: what was given with the command
 *
 * Runs inside the call that reaps the completion: nvt_ctrl_waitdone() and
 * nvt_ctrl_wait_aer() on the admin queue, nvt_qpair_waitdone() on a qpair.
 */
typedef void (*nvt_cpl_fn)(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe,
			   void *arg);

/**
 * typedef nvt_ctrl_init_fn - a controller init sequence
 * @ctrl: the controller, its admin queue empty
 * @arg: what was given with the function
 *
 * Run by nvt_ctrl_open() and each nvt_ctrl_reset().  nvt_ctrl_init_standard()
 * is the standard one; others are built from nvt_ctrl_init_adminq(),
 * nvt_ctrl_wait_ready(), nvt_ctrl_init_ns(), register writes and commands.
 *
 * Return: 0, a negative errno (with a message in nvt_ctrl_error(), else
 * libnvt writes one), or the status (> 0) of a command of it that
 * completed with one.
 */
typedef int (*nvt_ctrl_init_fn)(struct nvt_ctrl *ctrl, void *arg);

/**
 * typedef nvt_warn_fn - where warnings go
 * @arg: what was given with the function
 * @message: one warning, without a newline
 *
 * Warnings are error statuses, timeouts, aborts, AER notifications, late
 * and unexpected completions, data that did not verify, and what
 * nvt_ctrl_warn() reports.
 */
typedef void (*nvt_warn_fn)(void *arg, const char *message);

/**
 * struct nvt_ctrl_opts - how nvt_ctrl_open() sets the controller up
 * @size: the struct's size as the caller knows it: set by
 *	nvt_ctrl_opts_init(), so that later libnvts with more fields read
 *	only these and take the defaults for the rest
 * @init: the init sequence; NULL: nvt_ctrl_init_standard()
 * @init_arg: its argument
 * @warn: the warning handler; NULL: stderr, as "nvt: warning: ..."
 * @warn_arg: its argument
 */
struct nvt_ctrl_opts {
	size_t size;
	nvt_ctrl_init_fn init;
	void *init_arg;
	nvt_warn_fn warn;
	void *warn_arg;
};

/**
 * nvt_ctrl_opts_init() - options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * Call it before setting fields: every other field gets its documented
 * default (all NULL).
 */
NVT_EXPORT void nvt_ctrl_opts_init(struct nvt_ctrl_opts *o, size_t size);

/**
 * nvt_ctrl_open() - the controller of a device, initialized
 * @pcie: the device (nvt_pcie_open())
 * @opts: the init sequence and warning handler (nvt_ctrl_opts_init()
 *	first); NULL for the defaults
 * @out: the new handle; NULL on failure
 * @errbuf: room for the message on failure; may be NULL
 * @errlen: bytes at @errbuf
 *
 * Runs the init function (the standard sequence unless @opts says
 * otherwise).  Close the handle with nvt_ctrl_close() before @pcie.
 *
 * Return: 0, or a negative errno with the message in @errbuf: -EINVAL
 * @pcie or @out is NULL, or @opts->size is 0 or too small for the size
 * itself; -ENOMEM; or what the init function returned (for
 * the standard one, see nvt_ctrl_init_standard()), a status (> 0) too.
 */
NVT_EXPORT int nvt_ctrl_open(struct nvt_pcie *pcie,
			     const struct nvt_ctrl_opts *opts,
			     struct nvt_ctrl **out, char *errbuf,
			     size_t errlen);

/**
 * nvt_ctrl_close() - free the controller handle
 * @ctrl: the handle; NULL does nothing
 *
 * The controller is left as it is (enabled, its queues in place); commands
 * not reaped are forgotten.  Namespaces, qpairs, workers and subsystems of
 * @ctrl must be closed first.
 */
NVT_EXPORT void nvt_ctrl_close(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_error() - the message of the last failure
 * @ctrl: the controller
 *
 * Return: the message the last failing call on @ctrl left, also of
 * nvt_ns_open(), nvt_qpair_create(), nvt_qpair_delete(), nvt_worker_start()
 * and nvt_worker_close() (the other calls of namespaces, qpairs and workers
 * leave theirs with the object).
 */
NVT_EXPORT const char *nvt_ctrl_error(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_pcie() - the device of a controller
 * @ctrl: the controller
 *
 * Return: the &struct nvt_pcie it was opened on.
 */
NVT_EXPORT struct nvt_pcie *nvt_ctrl_pcie(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_set_init() - replace the init function
 * @ctrl: the controller
 * @init: the init function of later nvt_ctrl_reset() calls; NULL:
 *	nvt_ctrl_init_standard()
 * @arg: its argument
 */
NVT_EXPORT void nvt_ctrl_set_init(struct nvt_ctrl *ctrl, nvt_ctrl_init_fn init,
				  void *arg);

/**
 * nvt_ctrl_set_warn() - replace the warning handler
 * @ctrl: the controller
 * @warn: the new handler; NULL: stderr
 * @arg: its argument
 */
NVT_EXPORT void nvt_ctrl_set_warn(struct nvt_ctrl *ctrl, nvt_warn_fn warn,
				  void *arg);

/**
 * nvt_ctrl_warn() - report a warning through the controller's handler
 * @ctrl: the controller
 * @fmt: printf format; the message is cut at 511 characters
 * @...: its arguments
 */
NVT_EXPORT void nvt_ctrl_warn(struct nvt_ctrl *ctrl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * nvt_ctrl_init_standard() - the standard NVMe initialization
 * @ctrl: the controller
 * @arg: NULL for the defaults, or a struct nvt_init_opts (made with
 *	nvt_init_opts_init()) that changes some steps
 *
 * CC.EN=0 and wait for CSTS.RDY=0, the admin queue (128 entries), CC (4 KiB
 * pages, 64 B SQE, 16 B CQE, round robin arbitration, all I/O command sets
 * when CAP.CSS has them, else NVM), CC.EN=1 and wait for RDY=1, Identify
 * Controller and the active namespace list (nvt_ctrl_init_ns()), Set
 * Features Number of Queues (as many as the controller grants) and Get
 * Features of it, then AERL+1 Asynchronous Event Requests.  nvt.ko sends
 * each AER out again once it completed with an event.
 *
 * Return: 0, or a negative errno of the step that failed (message in
 * nvt_ctrl_error()): -EINVAL @arg's size is too small or a field is out
 * of range; an error of nvt_ctrl_reg_write32(), nvt_ctrl_wait_ready(),
 * nvt_ctrl_init_adminq(), nvt_ctrl_init_ns() or nvt_ctrl_send_cmd(), or
 * of nvt_ctrl_waitdone() for them; the status (> 0) when Set or Get
 * Features completed with one.
 */
NVT_EXPORT int nvt_ctrl_init_standard(struct nvt_ctrl *ctrl, void *arg);

/**
 * struct nvt_init_opts - what nvt_ctrl_init_standard() does differently
 * @size: the struct's size as the caller knows it: set by
 *	nvt_init_opts_init()
 * @admin_depth: admin SQ and CQ entries, 2..4096; 0 (default): 128
 * @lazy_doorbell: ring the admin SQ doorbell only when reaping
 *	(nvt_ctrl_init_adminq())
 * @ams: CC.AMS, the arbitration mechanism: 0 round robin (default), 1
 *	weighted round robin with urgent priority class, 7 vendor specific;
 *	set even where CAP.AMS does not list it (the controller's answer
 *	is what a test looks at)
 * @aers: Asynchronous Event Requests to send, 0..AERL+1 or beyond it (the
 *	extra ones complete with 01/05); -1 (default): AERL+1
 */
struct nvt_init_opts {
	size_t size;
	unsigned admin_depth;
	bool lazy_doorbell;
	unsigned ams;
	int aers;
};

/**
 * nvt_init_opts_init() - init options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * Call it before setting fields: the others keep their documented defaults.
 */
NVT_EXPORT void nvt_init_opts_init(struct nvt_init_opts *o, size_t size);

/**
 * nvt_ctrl_reset() - reset the controller and initialize it again
 * @ctrl: the controller
 *
 * CC.EN=0 and wait for CSTS.RDY=0: nvt.ko completes every outstanding
 * command as aborted (07/fe) and these are reaped (their callbacks run);
 * the I/O queues of the old controller life are gone (delete their
 * qpairs).  Then every command timeout goes back to its default and the
 * init function runs.  Also the way back after nvt_subsys_reset() or
 * nvt_subsys_power_on().
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): an error of
 * nvt_ctrl_reg_write32(), nvt_ctrl_wait_ready() or
 * nvt_ctrl_restore_timeouts(), or of the init function as in
 * nvt_ctrl_open().
 */
NVT_EXPORT int nvt_ctrl_reset(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_init_adminq() - give the controller new admin queue rings
 * @ctrl: the controller, disabled (CC.EN 0 and CSTS.RDY 0)
 * @depth: entries of the SQ and the CQ, 2..4096; 0 for 128
 * @lazy_doorbell: ring the SQ doorbell only when reaping, not at each send
 *
 * nvt.ko allocates the rings and writes AQA, ASQ and ACQ.  The old admin
 * queue, its unreaped commands and every I/O queue go.  A building block of
 * init functions.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EINVAL
 * @depth is out of range; -EBUSY the controller is not disabled; -ENOMEM;
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_init_adminq(struct nvt_ctrl *ctrl, unsigned depth,
				    bool lazy_doorbell);

/**
 * nvt_ctrl_wait_ready() - wait for CSTS.RDY
 * @ctrl: the controller
 * @ready: the value to wait for
 *
 * Polls CSTS every millisecond for up to CAP.TO (plus 500 ms).
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()):
 * -ETIMEDOUT RDY did not change in time; -EPROTO CSTS.CFS (controller fatal
 * status) while waiting for RDY=1; -ENODEV CSTS reads all ones (the device
 * is gone) or nvt.ko reports it gone; or an error of nvt_ctrl_reg_read64().
 */
NVT_EXPORT int nvt_ctrl_wait_ready(struct nvt_ctrl *ctrl, bool ready);

/**
 * nvt_ctrl_init_ns() - read Identify Controller and the namespace list
 * @ctrl: the controller, enabled, with an admin queue
 *
 * Keeps Identify Controller (nvt_ctrl_id_data() and the like) and the
 * active namespace IDs (nvt_ctrl_ns_count(), up to 1024); a controller that
 * does not list them (before NVMe 1.1) has none in the list.  A building
 * block of init functions.
 *
 * Return: 0, the status (> 0) Identify Controller completed with, or a
 * negative errno (message in nvt_ctrl_error()): an error of
 * nvt_buf_alloc() for its buffer, of nvt_ctrl_identify() or of
 * nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_init_ns(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_shadow_doorbells() - move I/O doorbells to host memory
 * @ctrl: the controller, enabled, with no I/O queue
 *
 * nvt.ko sends Doorbell Buffer Config with pages of its own: from then on
 * I/O queue doorbells go to the shadow page, and to the register only when
 * the controller's event index asks.  A reset ends it.
 *
 * Return: 0, the status (> 0) the controller refused it with, or a
 * negative errno (message in nvt_ctrl_error()): -EBUSY I/O queues
 * exist; -ENOTCONN the controller is not enabled; -EBADFD no admin queue, or
 * its registers were written by hand; -EAGAIN the admin queue is full;
 * -ENOMEM; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_shadow_doorbells(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_reg_read32() - read a 32-bit controller register
 * @ctrl: the controller
 * @offset: byte offset in BAR0, a multiple of 4
 * @value: the value read
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()) as
 * nvt_pcie_bar_read() gives it.
 */
NVT_EXPORT int nvt_ctrl_reg_read32(struct nvt_ctrl *ctrl, uint32_t offset,
				   uint32_t *value);

/**
 * nvt_ctrl_reg_write32() - write a 32-bit controller register
 * @ctrl: the controller
 * @offset: byte offset in BAR0, a multiple of 4
 * @value: the value
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()) as
 * nvt_pcie_bar_write() gives it (-EPERM for raw DMA among them).
 */
NVT_EXPORT int nvt_ctrl_reg_write32(struct nvt_ctrl *ctrl, uint32_t offset,
				    uint32_t value);

/**
 * nvt_ctrl_reg_read64() - read a 64-bit controller register
 * @ctrl: the controller
 * @offset: byte offset in BAR0, a multiple of 8
 * @value: the value read
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()) as
 * nvt_pcie_bar_read() gives it.
 */
NVT_EXPORT int nvt_ctrl_reg_read64(struct nvt_ctrl *ctrl, uint32_t offset,
				   uint64_t *value);

/**
 * nvt_ctrl_reg_write64() - write a 64-bit controller register
 * @ctrl: the controller
 * @offset: byte offset in BAR0, a multiple of 8
 * @value: the value
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()) as
 * nvt_pcie_bar_write() gives it (-EPERM for raw DMA among them).
 */
NVT_EXPORT int nvt_ctrl_reg_write64(struct nvt_ctrl *ctrl, uint32_t offset,
				    uint64_t value);

/**
 * nvt_ctrl_send_cmd() - send any admin command
 * @ctrl: the controller
 * @sqe: the whole 64-byte SQE: dword 0 opcode and flags (nvt.ko assigns the
 *	CID), dword 1 NSID, dwords 2..15 as given
 * @buf: a DMA buffer whose window the data pointer covers (nvt.ko builds the
 *	PRPs; PSDT must be 0); NULL: DPTR is sent as given
 * @cb: called with the completion inside nvt_ctrl_waitdone(); may be NULL
 * @arg: for @cb
 *
 * The command is submitted to nvt.ko at once.  nvt.ko refuses a window
 * smaller than what the command moves, as it reads that from the SQE (the
 * 4 KiB of Identify, NUMD dwords of Get Log Page, ...), or smaller than MDTS
 * when it cannot know.
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @buf is host memory, or its window is empty or
 * too small; -ENODEV @buf has no DMA memory while the device is powered
 * off, or the device is gone; -EAGAIN the admin queue is full (or 4096
 * commands are not reaped); -ENOENT no admin queue; -EBADFD the admin
 * queue registers were written by hand; -ENOTCONN the controller is not
 * enabled; -EBUSY a format-changing command (Format NVM, Sanitize,
 * Namespace Management or Attachment, vendor specific) while I/O with
 * pointers nvt.ko built is in flight or an ioworker runs; -EPERM the SQE
 * carries an address of its own (DPTR or MPTR without a buffer, Create I/O
 * SQ or CQ, Doorbell Buffer Config, Host Memory Buffer) and raw DMA is
 * refused (nvt_pcie_raw_dma_allowed()); -EOPNOTSUPP a PRP list is needed
 * and CC.MPS pages are larger than the host's; -ETIMEDOUT what the command
 * moves is unknown and MDTS could not be learnt (an Identify of nvt.ko's
 * timed out, now or less than 5 s before in this controller life);
 * -ENOMEM.
 */
NVT_EXPORT int nvt_ctrl_send_cmd(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
				 struct nvt_buf *buf, nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_send() - send an admin command with a data description
 * @ctrl: the controller
 * @sqe: the whole 64-byte SQE, as for nvt_ctrl_send_cmd()
 * @data: how the data and metadata are pointed at (PRPs or SGL data blocks
 *	over a buffer's window, a separate metadata buffer for MPTR, a
 *	timeout of its own); NULL: DPTR and MPTR go as in @sqe
 * @cb: run when the command is reaped; may be NULL
 * @arg: passed to @cb
 *
 * The one path of every command: nvt_ctrl_send_cmd() and the I/O of
 * nvt_qpair_send() go the same way.  Whether an admin command takes an
 * SGL is the controller's to say (Identify Controller SGLS).
 *
 * Return: 0 once submitted, or a negative errno as nvt_ctrl_send_cmd()
 * gives it, and -ERANGE a length beyond its buffer's window.
 */
NVT_EXPORT int nvt_ctrl_send(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
			     const struct nvt_data *data, nvt_cpl_fn cb,
			     void *arg);

/**
 * nvt_ctrl_send_cid() - send an admin command with the caller's CID
 * @ctrl: the controller
 * @sqe: the whole 64-byte SQE; its CID (bits 31:16 of dword 0) goes as
 *	given
 * @data: as for nvt_ctrl_send(); may be NULL
 * @flags: %NVT_CMD_KEEP_CID, or %NVT_CMD_KEEP_CID | %NVT_CMD_DUP_CID to
 *	allow a CID that is outstanding already (a conflict injected on
 *	purpose: the completions of that CID reach their commands oldest
 *	first, with %NVT_CPL_DUP_CID in &struct nvt_completion.flags)
 * @cb: run when the command is reaped; may be NULL
 * @arg: passed to @cb
 *
 * Return: 0 once submitted, or a negative errno as nvt_ctrl_send() gives
 * it, and -EINVAL other @flags, %NVT_CMD_DUP_CID without
 * %NVT_CMD_KEEP_CID, or (from nvt.ko) a CID not below the queue's depth;
 * -EBUSY the CID is outstanding and %NVT_CMD_DUP_CID was not given.
 */
NVT_EXPORT int nvt_ctrl_send_cid(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
				 const struct nvt_data *data, uint32_t flags,
				 nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_identify() - send Identify
 * @ctrl: the controller
 * @buf: a DMA buffer with a window of 4096 bytes or more
 * @nsid: NSID
 * @cns: CNS, CDW10 bits 7:0
 * @cntid: CNTID, CDW10 bits 31:16
 * @csi: CSI, CDW11 bits 31:24
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @buf is NULL or its window is smaller than
 * 4096 bytes; or an error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_identify(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
				 uint32_t nsid, uint8_t cns, uint16_t cntid,
				 uint8_t csi, nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_getfeatures() - send Get Features
 * @ctrl: the controller
 * @fid: the feature, CDW10 bits 7:0
 * @sel: SEL, CDW10 bits 10:8 (0 current, 1 default, 2 saved, 3 supported
 *	capabilities)
 * @cdw11: CDW11, as the feature defines it
 * @nsid: NSID
 * @buf: a DMA buffer for the features that return a data structure; may be
 *	NULL
 * @cb: called with the completion (the value in dword 0); may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @sel is above 7; or an error of
 * nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_getfeatures(struct nvt_ctrl *ctrl, uint8_t fid,
				    uint8_t sel, uint32_t cdw11, uint32_t nsid,
				    struct nvt_buf *buf, nvt_cpl_fn cb,
				    void *arg);

/**
 * nvt_ctrl_setfeatures() - send Set Features
 * @ctrl: the controller
 * @fid: the feature, CDW10 bits 7:0
 * @save: SV, CDW10 bit 31: keep the value over a power cycle
 * @cdw11: CDW11, as the feature defines it
 * @cdw12: CDW12, as the feature defines it
 * @nsid: NSID
 * @buf: a DMA buffer for the features that take a data structure; may be
 *	NULL
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()) of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_setfeatures(struct nvt_ctrl *ctrl, uint8_t fid,
				    bool save, uint32_t cdw11, uint32_t cdw12,
				    uint32_t nsid, struct nvt_buf *buf,
				    nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_getlogpage() - send Get Log Page
 * @ctrl: the controller
 * @lid: the log page, CDW10 bits 7:0
 * @buf: a DMA buffer whose window holds @size bytes
 * @size: bytes to read, a non-zero multiple of 4 (NUMDL, NUMDU)
 * @offset: byte offset in the log page, a multiple of 4 (LPOL, LPOU)
 * @nsid: NSID
 * @lsp: LSP, CDW10 bits 14:8, 0..0x7f
 * @rae: RAE, CDW10 bit 15: retain an asynchronous event
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL no @buf, @size or @offset is not such a
 * multiple, @size is larger than the window, or @lsp is above 0x7f; or an
 * error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_getlogpage(struct nvt_ctrl *ctrl, uint8_t lid,
				   struct nvt_buf *buf, uint32_t size,
				   uint64_t offset, uint32_t nsid, uint8_t lsp,
				   bool rae, nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_waitdone() - reap completions of admin commands
 * @ctrl: the controller
 * @count: how many commands; AERs and late completions of timed-out
 *	commands do not count
 * @dw0: dword 0 of the last one; may be NULL
 *
 * Calls each command's callback and warns about error statuses, timeouts,
 * aborts and AER notifications.  Commands a callback sends count toward
 * @count when they complete.  Each command ends within its timeout (it
 * then completes as 07/ff), so this returns.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EINVAL
 * nothing is outstanding (nvt_ctrl_outstanding()) before @count commands
 * completed (checked before each wait, after the callbacks);
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_waitdone(struct nvt_ctrl *ctrl, unsigned count,
				 uint32_t *dw0);

/**
 * nvt_ctrl_waitdone_irq() - reap admin completions after vector 0's interrupt
 * @ctrl: the controller
 * @count: how many commands, as for nvt_ctrl_waitdone()
 * @timeout_ms: how long to wait for the interrupt, and then for the
 *	completions; 0: 10 s
 * @dw0: dword 0 of the last one; may be NULL
 *
 * The admin CQ's completions must raise an interrupt: this waits until
 * vector 0's count is not 0, clears it, then reaps as nvt_ctrl_waitdone()
 * does.  Clear the count (nvt_pcie_irq_clear()) before sending to be sure
 * the interrupt is these commands'.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -ETIMEDOUT
 * no interrupt on vector 0, or not all completions, within @timeout_ms;
 * -EINVAL fewer than @count commands are outstanding; -ENODEV the device
 * is gone; or an error of nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_waitdone_irq(struct nvt_ctrl *ctrl, unsigned count,
				     unsigned timeout_ms, uint32_t *dw0);

/**
 * nvt_ctrl_wait_aer() - wait for an asynchronous event
 * @ctrl: the controller
 * @seen: the AER completions seen so far (nvt_ctrl_aer_count())
 * @timeout_ms: how long to wait at most
 * @dw0: dword 0 of the last AER completion; may be NULL
 *
 * Reaps the admin queue until more than @seen AER completions have been
 * seen since open.  Completions of commands reaped meanwhile run their
 * callbacks and no longer count for nvt_ctrl_waitdone().
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()):
 * -ETIMEDOUT no AER completion within @timeout_ms; -ENOENT no admin queue;
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_wait_aer(struct nvt_ctrl *ctrl, unsigned seen,
				 unsigned timeout_ms, uint32_t *dw0);

/**
 * nvt_ctrl_outstanding() - admin commands not yet reaped
 * @ctrl: the controller
 *
 * Return: commands sent and not yet reaped, AERs not counted.
 */
NVT_EXPORT unsigned nvt_ctrl_outstanding(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_latest_cid() - the CID of the last admin completion
 * @ctrl: the controller
 *
 * Return: the CID of the last command completion reaped on the admin queue
 * (AERs not counted).
 */
NVT_EXPORT uint16_t nvt_ctrl_latest_cid(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_latest_latency() - the latency of the last admin completion
 * @ctrl: the controller
 *
 * Return: microseconds from submission to completion of the last command
 * reaped on the admin queue (AERs not counted).
 */
NVT_EXPORT uint32_t nvt_ctrl_latest_latency(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_latest_status() - the status of the last admin completion
 * @ctrl: the controller
 *
 * Return: SCT << 8 | SC of the last command reaped on the admin queue (AERs
 * not counted); 0 is success.
 */
NVT_EXPORT uint16_t nvt_ctrl_latest_status(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_latest_flags() - the nvt.ko flags of the last admin completion
 * @ctrl: the controller
 *
 * Return: its NVT_CPL_* (<nvt/nvt_ioctl.h>): %NVT_CPL_TIMEOUT,
 * %NVT_CPL_ABORTED, %NVT_CPL_DUP_CID ...; 0 for a plain completion.
 */
NVT_EXPORT uint32_t nvt_ctrl_latest_flags(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_aer_count() - AER completions seen
 * @ctrl: the controller
 * @last_dw0: dword 0 of the last one; may be NULL
 *
 * Return: AER completions seen since the controller was opened.
 */
NVT_EXPORT unsigned nvt_ctrl_aer_count(const struct nvt_ctrl *ctrl,
				       uint32_t *last_dw0);

/**
 * nvt_ctrl_set_timeout_all() - one timeout for every command
 * @ctrl: the controller
 * @ms: milliseconds, 1..3600000
 *
 * For every admin and I/O opcode, in nvt.ko: for every user of the device.
 * nvt_ctrl_reset() restores the default (10 s).  A command that times out
 * completes as 07/ff.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EINVAL @ms
 * is out of range; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_set_timeout_all(struct nvt_ctrl *ctrl, unsigned ms);

/**
 * nvt_ctrl_set_opcode_timeout() - the timeout of one opcode
 * @ctrl: the controller
 * @opcode: the opcode
 * @io: true: the I/O opcode, false: the admin opcode
 * @ms: milliseconds, 1..3600000
 *
 * As nvt_ctrl_set_timeout_all(), for one opcode.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EINVAL @ms
 * is out of range; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_set_opcode_timeout(struct nvt_ctrl *ctrl, uint8_t opcode,
				       bool io, unsigned ms);

/**
 * nvt_ctrl_restore_timeouts() - every timeout back to the default
 * @ctrl: the controller
 *
 * The default is 10 s (%NVT_TIMEOUT_DEFAULT_MS), for admin and I/O opcodes.
 *
 * Return: 0, or -ENODEV (message in nvt_ctrl_error()) when the device is
 * gone.
 */
NVT_EXPORT int nvt_ctrl_restore_timeouts(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_id_data() - Identify Controller bytes as an integer
 * @ctrl: the controller
 * @last: the last byte (inclusive); note the order: last, then first
 * @first: the first byte; at most 8 bytes up to @last
 * @value: the little-endian value
 *
 * From the Identify Controller data nvt_ctrl_init_ns() read at init.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -ENODATA
 * the init function did not read it (or it is stale after a reset or power
 * loss that the init did not follow); -EINVAL @first > @last, @last is
 * above 4095, or more than 8 bytes.
 */
NVT_EXPORT int nvt_ctrl_id_data(struct nvt_ctrl *ctrl, unsigned last,
				unsigned first, uint64_t *value);

/**
 * nvt_ctrl_id_str() - Identify Controller bytes as a string
 * @ctrl: the controller
 * @last: the last byte (inclusive); note the order: last, then first
 * @first: the first byte
 * @out: the string, without trailing spaces, ending at the first NUL
 * @outlen: bytes at @out; at most @outlen - 1 characters are copied
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -ENODATA
 * no Identify Controller data (see nvt_ctrl_id_data()); -EINVAL @first >
 * @last, @last is above 4095, or @out is NULL or @outlen 0.
 */
NVT_EXPORT int nvt_ctrl_id_str(struct nvt_ctrl *ctrl, unsigned last,
			       unsigned first, char *out, size_t outlen);

/**
 * nvt_ctrl_id_field() - an Identify Controller field by its name
 * @ctrl: the controller
 * @name: the spec's abbreviation, in any case: "vid", "mdts", "cntlid",
 *	"ver", "oacs", "aerl", "lpa", "sqes", "cqes", "nn", "oncs", ...
 *	(nvt_id_ctrl_fields() lists them)
 * @value: the field's value
 *
 * For numeric fields of up to 8 bytes; read strings ("sn", "mn", "fr") with
 * nvt_ctrl_id_str().
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -ENOENT no
 * field has that name; -EINVAL a string or wider field; -ENODATA no
 * Identify Controller data (see nvt_ctrl_id_data()).
 */
NVT_EXPORT int nvt_ctrl_id_field(struct nvt_ctrl *ctrl, const char *name,
				 uint64_t *value);

/**
 * nvt_ctrl_id_raw() - the whole Identify Controller data
 * @ctrl: the controller
 *
 * Return: its 4096 bytes, or NULL when there are none (see
 * nvt_ctrl_id_data()).
 */
NVT_EXPORT const uint8_t *nvt_ctrl_id_raw(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_mdts() - the largest transfer the controller takes
 * @ctrl: the controller
 *
 * Return: MDTS in bytes (2^MDTS pages of CAP.MPSMIN); 0 when it reports
 * no limit, when there is no Identify Controller data, or CAP cannot be
 * read.
 */
NVT_EXPORT uint64_t nvt_ctrl_mdts(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_ns_count() - how many active namespaces init found
 * @ctrl: the controller
 *
 * Return: the namespace IDs nvt_ctrl_init_ns() found.
 */
NVT_EXPORT unsigned nvt_ctrl_ns_count(const struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_ns_id() - an active namespace ID init found
 * @ctrl: the controller
 * @index: 0 .. nvt_ctrl_ns_count() - 1
 *
 * Return: the ID, in the order of the controller's list; 0 when @index is
 * out of range.
 */
NVT_EXPORT uint32_t nvt_ctrl_ns_id(const struct nvt_ctrl *ctrl,
				   unsigned index);

/* nvt_ctrl_cmdlog(): the logs of every queue, merged */
#define NVT_CMDLOG_ALL_QUEUES	0xffffffffu

/**
 * nvt_ctrl_cmdlog() - write a queue's command log
 * @ctrl: the controller
 * @qid: the queue, 0 for the admin queue; %NVT_CMDLOG_ALL_QUEUES: every
 *	queue's log merged
 * @count: at most this many entries, 1..65536 (nvt.ko keeps a queue's
 *	latest commands only)
 * @out: where to write them, newest first, as nvt_cmdlog_format() does
 *
 * Return: the entries written, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @count is out of range; -ENOENT no queue
 * @qid; -ENOMEM; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ctrl_cmdlog(struct nvt_ctrl *ctrl, unsigned qid,
			       unsigned count, FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_CONTROLLER_H */
