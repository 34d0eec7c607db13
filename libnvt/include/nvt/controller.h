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
 * failure with nvt_ctrl_error() describing it.
 */
#ifndef NVT_CONTROLLER_H
#define NVT_CONTROLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;
struct nvt_buf;
struct nvt_ctrl;

/* A completion as the callback sees it. */
struct nvt_cqe {
	uint32_t dw[4];		/* the raw CQE */
	uint16_t cid;
	uint16_t status;	/* SCT << 8 | SC (phase and DNR/M/CRD dropped) */
	uint32_t latency_us;
	uint32_t flags;		/* NVT_CPL_* from nvt_ioctl.h */
};

typedef void (*nvt_cpl_fn)(struct nvt_ctrl *ctrl, const struct nvt_cqe *cqe,
			   void *arg);
typedef int (*nvt_ctrl_init_fn)(struct nvt_ctrl *ctrl, void *arg);
typedef void (*nvt_warn_fn)(void *arg, const char *message);

struct nvt_ctrl_opts {
	/* NULL: nvt_ctrl_init_standard() */
	nvt_ctrl_init_fn init;
	void *init_arg;
	/* NULL: warnings go to stderr as "nvt: warning: ..." */
	nvt_warn_fn warn;
	void *warn_arg;
};

/*
 * Create the controller on @pcie and run the init function (the standard
 * sequence unless @opts says otherwise).  @opts may be NULL.
 * On failure *@out is NULL and @errbuf (if given) holds the message.
 */
int nvt_ctrl_open(struct nvt_pcie *pcie, const struct nvt_ctrl_opts *opts,
		  struct nvt_ctrl **out, char *errbuf, size_t errlen);
void nvt_ctrl_close(struct nvt_ctrl *ctrl);
const char *nvt_ctrl_error(const struct nvt_ctrl *ctrl);
struct nvt_pcie *nvt_ctrl_pcie(const struct nvt_ctrl *ctrl);

/* Replace the init function used by later nvt_ctrl_reset() calls. */
void nvt_ctrl_set_init(struct nvt_ctrl *ctrl, nvt_ctrl_init_fn init, void *arg);
void nvt_ctrl_set_warn(struct nvt_ctrl *ctrl, nvt_warn_fn warn, void *arg);
/* Report a warning through the controller's handler (printf style). */
void nvt_ctrl_warn(struct nvt_ctrl *ctrl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The standard NVMe initialization: CC.EN=0 and wait CSTS.RDY=0, admin
 * queue, CC (4 KiB pages, 64 B SQE, 16 B CQE, all I/O command sets when
 * CAP.CSS has them, else NVM), CC.EN=1 and wait RDY=1,
 * identify controller and namespaces, number of queues, then AERL+1 AERs.
 */
int nvt_ctrl_init_standard(struct nvt_ctrl *ctrl, void *arg);

/*
 * Controller reset: CC.EN=0, wait RDY=0 (outstanding commands complete as
 * aborted, 07/fe), timeouts back to their default, then the init function.
 */
int nvt_ctrl_reset(struct nvt_ctrl *ctrl);

/* Building blocks for init functions. */
int nvt_ctrl_init_adminq(struct nvt_ctrl *ctrl, unsigned depth,
			 bool lazy_doorbell);
int nvt_ctrl_wait_ready(struct nvt_ctrl *ctrl, bool ready);	/* CAP.TO */
int nvt_ctrl_init_ns(struct nvt_ctrl *ctrl);	/* identify controller + NS list */

/*
 * Shadow doorbells (Doorbell Buffer Config with nvt.ko's pages): I/O queue
 * doorbells go to host memory, and to the register only when the
 * controller asks.  Before any I/O queue exists; a reset ends it.
 * -EREMOTEIO when the controller refuses (status in the message).
 */
int nvt_ctrl_shadow_doorbells(struct nvt_ctrl *ctrl);

/* Controller registers (BAR0) by byte offset. */
int nvt_ctrl_reg_read32(struct nvt_ctrl *ctrl, uint32_t offset,
			uint32_t *value);
int nvt_ctrl_reg_write32(struct nvt_ctrl *ctrl, uint32_t offset,
			 uint32_t value);
int nvt_ctrl_reg_read64(struct nvt_ctrl *ctrl, uint32_t offset,
			uint64_t *value);
int nvt_ctrl_reg_write64(struct nvt_ctrl *ctrl, uint32_t offset,
			 uint64_t value);

/*
 * Generic admin command.  @sqe is the whole 64-byte SQE (dword 0: opcode and
 * flags, the CID is assigned; dword 1: NSID; dwords 2..15 as given).  With
 * @buf, the data pointer is built over the buffer's window (PRPs); without,
 * DPTR is sent as given.  @cb (may be NULL) runs inside nvt_ctrl_waitdone().
 */
int nvt_ctrl_send_cmd(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		      struct nvt_buf *buf, nvt_cpl_fn cb, void *arg);

/* Identify: CNS in cdw10[7:0], CNTID in cdw10[31:16], CSI in cdw11[31:24]. */
int nvt_ctrl_identify(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
		      uint32_t nsid, uint8_t cns, uint16_t cntid, uint8_t csi,
		      nvt_cpl_fn cb, void *arg);
/* Get Features: SEL in cdw10[10:8]; @buf may be NULL. */
int nvt_ctrl_getfeatures(struct nvt_ctrl *ctrl, uint8_t fid, uint8_t sel,
			 uint32_t cdw11, uint32_t nsid, struct nvt_buf *buf,
			 nvt_cpl_fn cb, void *arg);
/* Set Features: SV in cdw10[31]; @buf may be NULL. */
int nvt_ctrl_setfeatures(struct nvt_ctrl *ctrl, uint8_t fid, bool save,
			 uint32_t cdw11, uint32_t cdw12, uint32_t nsid,
			 struct nvt_buf *buf, nvt_cpl_fn cb, void *arg);
/*
 * Get Log Page of @size bytes at byte @offset, both multiples of 4 (NUMDL/
 * NUMDU, LPOL/LPOU); @size must fit the buffer's window.  @lsp in
 * cdw10[11:8], @rae in cdw10[15].
 */
int nvt_ctrl_getlogpage(struct nvt_ctrl *ctrl, uint8_t lid,
			struct nvt_buf *buf, uint32_t size, uint64_t offset,
			uint32_t nsid, uint8_t lsp, bool rae,
			nvt_cpl_fn cb, void *arg);

/*
 * Reap @count completions of commands sent on the admin queue (AERs and
 * late completions of timed-out commands do not count), calling callbacks
 * and warning about error statuses.  *@dw0 (if given) gets dword 0 of the
 * last one.  Each command completes within its timeout, so this returns;
 * -EINVAL when fewer than @count commands are outstanding.
 */
int nvt_ctrl_waitdone(struct nvt_ctrl *ctrl, unsigned count, uint32_t *dw0);
/*
 * Wait until more than @seen AER completions have been seen since open
 * (nvt_ctrl_aer_count()), reaping the admin queue; *@dw0 gets dword 0 of
 * the last one.  -ETIMEDOUT after @timeout_ms.  Completions of commands
 * reaped meanwhile run their callbacks and no longer count for waitdone.
 */
int nvt_ctrl_wait_aer(struct nvt_ctrl *ctrl, unsigned seen,
		      unsigned timeout_ms, uint32_t *dw0);
/* Commands sent and not yet reaped by nvt_ctrl_waitdone(). */
unsigned nvt_ctrl_outstanding(const struct nvt_ctrl *ctrl);

/* The last completion reaped by nvt_ctrl_waitdone(). */
uint16_t nvt_ctrl_latest_cid(const struct nvt_ctrl *ctrl);
uint32_t nvt_ctrl_latest_latency(const struct nvt_ctrl *ctrl);	/* us */
uint16_t nvt_ctrl_latest_status(const struct nvt_ctrl *ctrl);
/* AER completions seen since open, and the dword 0 of the last one. */
unsigned nvt_ctrl_aer_count(const struct nvt_ctrl *ctrl, uint32_t *last_dw0);

/*
 * Command timeouts in milliseconds: all admin and I/O opcodes at once, or
 * one opcode.  nvt_ctrl_reset() restores the default (10 s).
 */
int nvt_ctrl_set_timeout(struct nvt_ctrl *ctrl, unsigned ms);
int nvt_ctrl_set_timeout_ms(struct nvt_ctrl *ctrl, uint8_t opcode, bool io,
			    unsigned ms);
/* Every timeout back to the default. */
int nvt_ctrl_restore_timeouts(struct nvt_ctrl *ctrl);

/*
 * Identify Controller data captured at init: a byte range as an integer
 * (at most 8 bytes) or a string, and a field by its spec abbreviation
 * ("vid", "sn", "mn", "fr", "mdts", "cntlid", "ver", "oacs", "aerl",
 * "lpa", "sqes", "cqes", "nn", "oncs", ...; nvt_id_ctrl_fields() lists them).
 */
int nvt_ctrl_id_data(struct nvt_ctrl *ctrl, unsigned last, unsigned first,
		     uint64_t *value);
int nvt_ctrl_id_str(struct nvt_ctrl *ctrl, unsigned last, unsigned first,
		    char *out, size_t outlen);
int nvt_ctrl_id_field(struct nvt_ctrl *ctrl, const char *name,
		      uint64_t *value);
const uint8_t *nvt_ctrl_id_raw(const struct nvt_ctrl *ctrl);	/* 4096 B */
/* MDTS in bytes (0: no limit reported). */
uint64_t nvt_ctrl_mdts(struct nvt_ctrl *ctrl);
/* Active namespace IDs found by nvt_ctrl_init_ns(). */
unsigned nvt_ctrl_ns_count(const struct nvt_ctrl *ctrl);
uint32_t nvt_ctrl_ns_id(const struct nvt_ctrl *ctrl, unsigned index);

/*
 * The command log of queue @qid (0: admin; NVT_CMDLOG_ALL_QUEUES: every
 * queue merged), newest first, at most @count entries, written to @out in
 * the text layout of nvt_cmdlog_format().  Returns the entries written.
 */
#define NVT_CMDLOG_ALL_QUEUES	0xffffffffu
int nvt_ctrl_cmdlog(struct nvt_ctrl *ctrl, unsigned qid, unsigned count,
		    FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_CONTROLLER_H */
