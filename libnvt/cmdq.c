// SPDX-License-Identifier: MIT
/* The one command path of libnvt (see cmdq.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmdq.h"
#include "controller_internal.h"

#define REAP_BATCH		64
#define REAP_SLICE_MS		1000
/* How long an I/O may wait for overlapping I/O (LBA locks) to end. */
#define LBA_LOCK_WAIT_NS	(60ull * 1000000000)

static bool is_admin(const struct nvt_cmdq *q)
{
	return q->qid == NVT_ADMIN_QID;
}

/* " on qpair N" for I/O queues, "" for the admin queue, in messages */
static const char *where(const struct nvt_cmdq *q, char *buf, size_t len)
{
	if (is_admin(q))
		return "";
	snprintf(buf, len, " on qpair %u", q->qid);
	return buf;
}

static const char *opcode_name(const struct nvt_cmdq *q, uint8_t opc)
{
	return is_admin(q) ? nvt_admin_opcode_name(opc) :
			     nvt_io_opcode_name(opc);
}

int nvt_cmdq_init(struct nvt_cmdq *q, struct nvt_ctrl *ctrl, char *err,
		  uint16_t qid, unsigned depth, unsigned slots, bool batch)
{
	memset(q, 0, sizeof(*q));
	q->ctrl = ctrl;
	q->err = err;
	q->qid = qid;
	q->depth = depth;
	q->batch = batch;
	return nvt_pending_init(&q->pending, slots);
}

void nvt_cmdq_fini(struct nvt_cmdq *q)
{
	nvt_pending_free(&q->pending);
}

void nvt_cmdq_forget(struct nvt_cmdq *q)
{
	nvt_pending_clear(&q->pending);
	q->outstanding = 0;
	q->nbatch = 0;
}

/* ---- sending ---- */

/*
 * The window of @buf that a pointer covers: @length bytes from its start
 * (0: all of it).  @what names it in messages ("data", "metadata").
 */
static int buf_window(struct nvt_cmdq *q, const char *name, const char *what,
		      struct nvt_buf *buf, size_t length, __u32 *id,
		      __u64 *offset, __u64 *bytes)
{
	struct nvt_buf_dma_ref ref;
	int ret = nvt_buf_dma_ref(buf, &ref);

	if (ret)
		return nvt_err(q->err, -ret, "%s: the %s buffer %s", name,
			       what, nvt_buf_no_dma_why(ret));
	if (length > ref.length || (!length && !ref.length))
		return nvt_err(q->err, ERANGE,
			       "%s: %zu bytes of %s, but the buffer's window has %llu",
			       name, length, what,
			       (unsigned long long)ref.length);
	*id = ref.id;
	*offset = ref.offset;
	*bytes = length ? length : ref.length;
	return 0;
}

/* The data and metadata pointers nvt.ko builds over a command's buffers. */
static int build_cmd(struct nvt_cmdq *q, const uint32_t sqe[16],
		     const struct nvt_data *d, struct nvt_cmd *cmd)
{
	const char *name = opcode_name(q, sqe[0] & 0xff);
	int ret;

	memset(cmd, 0, sizeof(*cmd));
	memcpy(cmd->sqe, sqe, sizeof(cmd->sqe));
	if (!d)
		return 0;
	cmd->timeout_ms = d->timeout_ms;
	if (d->dptr == NVT_DPTR_USER) {
		/* the SQE's own pointers: nvt.ko follows and checks them */
		if (d->buf || d->meta)
			return nvt_err(q->err, EINVAL,
				       "%s: pointers of the SQE's own (NVT_DPTR_USER) take no data or metadata buffer",
				       name);
		cmd->flags |= NVT_CMD_DPTR_USER;
		return 0;
	}
	if (d->dptr != NVT_DPTR_PRP && d->dptr != NVT_DPTR_SGL)
		return nvt_err(q->err, EINVAL, "%s: unknown data pointer type %d",
			       name, (int)d->dptr);
	if (d->buf) {
		ret = buf_window(q, name, "data", d->buf, d->length,
				 &cmd->buf_id, &cmd->buf_offset,
				 &cmd->buf_length);
		if (ret)
			return ret;
		cmd->flags |= NVT_CMD_DPTR_BUF;
		if (d->dptr == NVT_DPTR_SGL) {
			cmd->flags |= NVT_CMD_DPTR_SGL;
			cmd->sgl_block = d->sgl_block;
		}
	}
	if (d->meta) {
		ret = buf_window(q, name, "metadata", d->meta, d->meta_length,
				 &cmd->meta_buf_id, &cmd->meta_offset,
				 &cmd->meta_length);
		if (ret)
			return ret;
		cmd->flags |= NVT_CMD_MPTR_BUF;
	}
	return 0;
}

/* Why nvt.ko refused a SUBMIT, in the tester's terms. */
static const char *submit_why(const struct nvt_cmdq *q, int ret)
{
	switch (ret) {
	case -ENOTCONN:
		return "the controller is not enabled";
	case -EBADFD:
		return is_admin(q) ?
		       "the admin queue registers were rewritten; run init_adminq" :
		       "the queue is gone after a controller reset; delete it";
	case -EAGAIN:
		return "the submission queue is full";
	case -ENOENT:
		return is_admin(q) ? "no admin queue; run init_adminq" :
				     "no such queue or buffer";
	case -ERANGE:
		return "data outside its buffer";
	case -E2BIG:
		return "too many PRP list pages or SGL segments";
	case -EFAULT:
		return "a data pointer of the SQE's own reaches memory that is none of the program's buffers";
	case -ETIMEDOUT:
		return "the namespace's format could not be learnt: the controller let an Identify time out (asked again after 5 s or a controller reset)";
	default:
		return strerror(-ret);
	}
}

int nvt_cmdq_flush(struct nvt_cmdq *q)
{
	struct nvt_submit sub = {
		.argsz = sizeof(sub), .qid = q->qid,
		.cmd_size = sizeof(q->cmds[0]),
	};
	struct timespec pause = { 0, 20000 };
	uint64_t deadline = 0;
	unsigned i, done = 0;
	char at[32];
	uint8_t opc;
	int ret = 0;

	while (done < q->nbatch) {
		sub.count = q->nbatch - done;
		sub.cmds = (uintptr_t)&q->cmds[done];
		ret = nvt_ioctl(q->ctrl->fd, NVT_IOC_SUBMIT, &sub);
		done += sub.count;
		if (!ret)
			break;
		opc = q->cmds[done].sqe[0] & 0xff;
		/* a CID of the caller's that is outstanding: no use waiting */
		if (ret == -EBUSY &&
		    (q->cmds[done].flags & (NVT_CMD_KEEP_CID | NVT_CMD_DUP_CID)) ==
		    NVT_CMD_KEEP_CID) {
			ret = nvt_err(q->err, EBUSY,
				      "%s%s: CID %u is outstanding (NVT_CMD_DUP_CID allows that), or its LBAs overlap I/O in flight (%u not sent)",
				      opcode_name(q, opc), where(q, at, sizeof(at)),
				      q->cmds[done].sqe[0] >> NVT_SQE_CID_SHIFT,
				      q->nbatch - done);
			break;
		}
		/* verification's LBA locks: wait for the overlapping I/O */
		if (ret != -EBUSY || is_admin(q)) {
			ret = nvt_err(q->err, -ret, "%s%s: %s (%u not sent)",
				      opcode_name(q, opc), where(q, at, sizeof(at)),
				      submit_why(q, ret), q->nbatch - done);
			break;
		}
		if (!deadline)
			deadline = nvt_now_ns() + LBA_LOCK_WAIT_NS;
		if (nvt_now_ns() > deadline) {
			ret = nvt_err(q->err, EBUSY,
				      "%s on qpair %u: overlapping LBAs stayed in flight for 60 s",
				      opcode_name(q, opc), q->qid);
			break;
		}
		nanosleep(&pause, NULL);
	}
	/* the commands from @done on never went out */
	for (i = done; ret && i < q->nbatch; i++) {
		q->cmds_p[i]->used = false;
		if (q->cmds_p[i]->counted)
			q->outstanding--;
	}
	q->nbatch = 0;
	return ret;
}

int nvt_cmdq_send(struct nvt_cmdq *q, const uint32_t sqe[16],
		  const struct nvt_data *data, uint32_t cid_flags,
		  nvt_cpl_fn cb, void *arg)
{
	uint8_t opc = sqe[0] & 0xff;
	struct nvt_pending *p;
	uint64_t tag;
	char at[32];
	int ret;

	/* one slot stays empty in a full ring */
	if (q->depth && q->outstanding >= q->depth - 1)
		return nvt_err(q->err, EAGAIN,
			       "qpair %u is full (%u outstanding, depth %u): waitdone first",
			       q->qid, q->outstanding, q->depth);
	if (cid_flags & ~(NVT_CMD_KEEP_CID | NVT_CMD_DUP_CID) ||
	    (cid_flags & NVT_CMD_DUP_CID && !(cid_flags & NVT_CMD_KEEP_CID)))
		return nvt_err(q->err, EINVAL,
			       "%s%s: CID flags 0x%x: NVT_CMD_KEEP_CID, with NVT_CMD_DUP_CID or not",
			       opcode_name(q, opc), where(q, at, sizeof(at)),
			       cid_flags);
	if (q->nbatch == NVT_CMDQ_BATCH) {
		ret = nvt_cmdq_flush(q);
		if (ret)
			return ret;
	}
	ret = build_cmd(q, sqe, data, &q->cmds[q->nbatch]);
	if (ret)
		return ret;
	q->cmds[q->nbatch].flags |= cid_flags;
	p = nvt_pending_new(&q->pending, &tag);
	if (!p)
		return nvt_err(q->err, EAGAIN, "%s%s: %u commands outstanding",
			       opcode_name(q, opc), where(q, at, sizeof(at)),
			       q->pending.size);
	p->used = true;
	p->cb = cb;
	p->arg = arg;
	p->opcode = opc;
	/* AERs stay out until an event: nobody waits for them */
	p->counted = !(is_admin(q) && opc == NVT_ADMIN_ASYNC_EVENT);
	q->cmds[q->nbatch].tag = tag;
	q->cmds_p[q->nbatch++] = p;
	if (p->counted)
		q->outstanding++;
	return q->batch ? 0 : nvt_cmdq_flush(q);
}

/* ---- reaping ---- */

void nvt_completion_from_cpl(const struct nvt_cpl *c,
			     struct nvt_completion *cpl)
{
	memcpy(cpl->dw, c->cqe, sizeof(cpl->dw));
	cpl->cid = nvt_cqe_cid(c->cqe);
	cpl->status = nvt_cqe_status(c->cqe);
	cpl->latency_us = c->latency_us;
	cpl->flags = c->flags;
}

/* Tell the warning handler what was unusual about a completion. */
static void warn_cpl(struct nvt_cmdq *q, const struct nvt_cpl *c,
		     const struct nvt_completion *cpl, const char *name)
{
	struct nvt_ctrl *ctrl = q->ctrl;

	if (c->flags & NVT_CPL_DATACHECK)
		nvt_ctrl_warn(ctrl, "ERROR status: 07/fd data verification failed (%s, qid %u, cid %u): LBA %llu expected check value 0x%02x, read 0x%02x%s",
			      name, q->qid, cpl->cid,
			      (unsigned long long)c->check_lba,
			      c->check_expected, c->check_actual,
			      c->check_expected == NVT_DATACHECK_UNCOR ?
			      " (written uncorrectable: the read should have failed)" : "");
	else if (c->flags & NVT_CPL_TIMEOUT)
		nvt_ctrl_warn(ctrl, "%s (qid %u, cid %u) timed out: status 07/ff",
			      name, q->qid, cpl->cid);
	else if (c->flags & NVT_CPL_ABORTED)
		nvt_ctrl_warn(ctrl, "%s (qid %u, cid %u) aborted by a controller reset: status 07/fe",
			      name, q->qid, cpl->cid);
	else if (cpl->status)
		nvt_ctrl_warn(ctrl, "ERROR status: %02x/%02x %s (%s, qid %u, cid %u)",
			      cpl->status >> 8, cpl->status & 0xff,
			      nvt_status_name(cpl->status), name, q->qid,
			      cpl->cid);
}

/* Handle one completion; true when it is one waitdone() counts. */
static bool complete_one(struct nvt_cmdq *q, const struct nvt_cpl *c)
{
	struct nvt_ctrl *ctrl = q->ctrl;
	struct nvt_pending *p = nvt_pending_find(&q->pending, c->tag);
	struct nvt_completion cpl;

	nvt_completion_from_cpl(c, &cpl);
	if (c->flags & NVT_CPL_AER) {
		q->aer_count++;
		q->aer_last_dw0 = cpl.dw[0];
		nvt_ctrl_warn(ctrl, "AER notification is triggered: 0x%x",
			      cpl.dw[0]);
		return false;
	}
	if (c->flags & NVT_CPL_LATE) {
		nvt_ctrl_warn(ctrl, "late completion of timed-out command qid %u cid %u (status %02x/%02x)",
			      q->qid, cpl.cid, cpl.status >> 8,
			      cpl.status & 0xff);
		return false;
	}
	if (!p) {
		/* the aborted commands of a forgotten queue are no news */
		if (!(c->flags & NVT_CPL_ABORTED))
			nvt_ctrl_warn(ctrl, "completion for qid %u cid %u, which was not outstanding",
				      q->qid, cpl.cid);
		return false;
	}
	warn_cpl(q, c, &cpl, opcode_name(q, p->opcode));
	p->used = false;
	if (!p->counted)	/* an AER that failed (limit exceeded) */
		return false;
	q->latest = cpl;
	if (q->outstanding)
		q->outstanding--;
	if (p->cb)
		p->cb(ctrl, &cpl, p->arg);
	return true;
}

int nvt_cmdq_reap(struct nvt_cmdq *q, unsigned min, unsigned max,
		  unsigned timeout_ms, unsigned *counted)
{
	struct nvt_cpl cpl[REAP_BATCH];
	struct nvt_reap rp = {
		.argsz = sizeof(rp), .qid = q->qid, .min = min,
		.max = max > REAP_BATCH ? REAP_BATCH : max,
		.timeout_ms = timeout_ms,
		.cpl_size = sizeof(cpl[0]), .cpls = (uintptr_t)cpl,
	};
	char at[32];
	unsigned i;
	int ret;

	if (rp.min > rp.max)
		rp.min = rp.max;
	ret = nvt_ioctl(q->ctrl->fd, NVT_IOC_REAP, &rp);
	if (ret == -ENODEV)
		return nvt_err(q->err, ENODEV, "the device is gone");
	if (ret)
		return nvt_err(q->err, -ret, "reaping%s: %s",
			       is_admin(q) ? " the admin queue" :
			       where(q, at, sizeof(at)), strerror(-ret));
	for (i = 0; i < rp.count; i++)
		*counted += complete_one(q, &cpl[i]);
	return 0;
}

int nvt_cmdq_waitdone(struct nvt_cmdq *q, unsigned count, unsigned timeout_ms,
		      uint32_t *dw0)
{
	uint64_t deadline = nvt_now_ns() + (uint64_t)timeout_ms * 1000000;
	unsigned done = 0, slice;
	char at[32];
	int ret;

	/*
	 * Each command ends within its timeout, so this loop ends too.  The
	 * callbacks it runs may send more: those are flushed and count as
	 * they complete, so @count is refused only once nothing is left to
	 * wait for.
	 */
	while (done < count) {
		uint64_t now = nvt_now_ns();

		ret = nvt_cmdq_flush(q);
		if (ret)
			return ret;
		if (!q->outstanding)
			return nvt_err(q->err, EINVAL,
				       "waitdone(%u)%s: %u done, and no command is outstanding",
				       count, where(q, at, sizeof(at)), done);

		slice = REAP_SLICE_MS;
		if (timeout_ms) {
			if (now >= deadline)
				return nvt_err(q->err, ETIMEDOUT,
					       "waitdone(%u)%s: %u done after %u ms",
					       count, where(q, at, sizeof(at)), done,
					       timeout_ms);
			if ((deadline - now) / 1000000 < REAP_SLICE_MS)
				slice = (deadline - now) / 1000000 + 1;
		}
		/* never reap beyond what is asked: the rest stays queued */
		ret = nvt_cmdq_reap(q, 1, count - done, slice, &done);
		if (ret)
			return ret;
	}
	if (dw0)
		*dw0 = q->latest.dw[0];
	return 0;
}
