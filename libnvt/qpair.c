// SPDX-License-Identifier: MIT
/*
 * nvt_qpair: I/O queue pairs.  Commands are collected in a batch and
 * handed to nvt.ko with one SUBMIT call (one doorbell write); the sending
 * and reaping are the admin queue's too (cmdq.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "controller_internal.h"

#define QPAIR_DEPTH_DEFAULT	64
#define QPAIR_DEPTH_MAX		4096	/* nvt.ko's ring limit */

struct nvt_qpair {
	struct nvt_ctrl *ctrl;
	unsigned generation;	/* the controller life it belongs to */
	struct nvt_cmdq cq;	/* its commands, through the one path */
	bool irq;		/* IEN: its CQ raises interrupts on vector */
	unsigned vector;
	char err[NVT_ERR_LEN];	/* the cmdq's messages too */
};

const char *nvt_qpair_error(const struct nvt_qpair *q)
{
	return q->err;
}

bool nvt_qpair_stale(const struct nvt_qpair *q)
{
	return q->generation != q->ctrl->generation;
}

uint16_t nvt_qpair_id(const struct nvt_qpair *q)
{
	return q->cq.qid;
}

unsigned nvt_qpair_depth(const struct nvt_qpair *q)
{
	return q->cq.depth;
}

struct nvt_ctrl *nvt_qpair_ctrl(const struct nvt_qpair *q)
{
	return q->ctrl;
}

unsigned nvt_qpair_outstanding(const struct nvt_qpair *q)
{
	return q->cq.outstanding;
}

uint16_t nvt_qpair_latest_cid(const struct nvt_qpair *q)
{
	return q->cq.latest.cid;
}

uint16_t nvt_qpair_latest_status(const struct nvt_qpair *q)
{
	return q->cq.latest.status;
}

uint32_t nvt_qpair_latest_latency(const struct nvt_qpair *q)
{
	return q->cq.latest.latency_us;
}

uint32_t nvt_qpair_latest_flags(const struct nvt_qpair *q)
{
	return q->cq.latest.flags;
}

static const struct nvt_qpair_opts qpair_defaults = {
	.size = sizeof(qpair_defaults), .depth = QPAIR_DEPTH_DEFAULT,
};

#define QO(f)	NVT_FIELD_END(struct nvt_qpair_opts, f)
static const size_t qpair_opts_ends[] = {
	QO(size), QO(depth), QO(qid), QO(prio), QO(no_irq), QO(vector),
	QO(lazy_doorbell), QO(sq_in_cmb), QO(status), QO(ring_at_once),
};

void nvt_qpair_opts_init(struct nvt_qpair_opts *o, size_t size)
{
	nvt_opts_init(o, size, &qpair_defaults, sizeof(qpair_defaults));
}

static int create(struct nvt_ctrl *ctrl, struct nvt_qpair_opts *o,
		  struct nvt_qpair **out);

int nvt_qpair_create(struct nvt_ctrl *ctrl, struct nvt_qpair_opts *opts,
		     struct nvt_qpair **out)
{
	struct nvt_qpair_opts o = qpair_defaults;
	int ret;

	*out = NULL;
	ret = nvt_opts_take(&o, opts, opts->size, qpair_opts_ends,
			    sizeof(qpair_opts_ends) / sizeof(qpair_opts_ends[0]),
			    ctrl->err, NVT_ERR_LEN, "nvt_qpair_opts");
	if (ret)
		return ret;
	ret = create(ctrl, &o, out);
	/* the status goes back only into a struct that has it */
	if (opts->size >= QO(status))
		opts->status = o.status;
	return ret;
}

int nvt_qpair_depth_max(struct nvt_ctrl *ctrl, unsigned *max)
{
	uint64_t cap;
	int ret;

	ret = nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap);
	if (ret)
		return ret;
	*max = NVT_CAP_MQES(cap) + 1;
	if (*max > QPAIR_DEPTH_MAX)
		*max = QPAIR_DEPTH_MAX;
	return 0;
}

static int create(struct nvt_ctrl *ctrl, struct nvt_qpair_opts *o,
		  struct nvt_qpair **out)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc) };
	struct nvt_qpair *q;
	unsigned max;
	int ret;

	o->status = 0;
	qc.depth = o->depth ? o->depth : QPAIR_DEPTH_DEFAULT;
	ret = nvt_qpair_depth_max(ctrl, &max);
	if (ret)
		return ret;
	/* the driver checks too; this says why in the tester's terms */
	if (qc.depth < 2 || qc.depth > max)
		return nvt_err(ctrl->err, EINVAL,
			       "queue depth %u: must be 2..%u (CAP.MQES + 1, at most %u)",
			       qc.depth, max, QPAIR_DEPTH_MAX);
	if (o->prio > 3)
		return nvt_err(ctrl->err, EINVAL, "qprio %u: must be 0..3",
			       o->prio);
	q = calloc(1, sizeof(*q));
	if (!q)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	qc.qid = o->qid;
	qc.prio = o->prio;
	qc.vector = o->vector;
	qc.flags = (o->no_irq ? NVT_Q_NO_IRQ : 0) |
		   (o->lazy_doorbell ? NVT_Q_LAZY_DOORBELL : 0) |
		   (o->sq_in_cmb ? NVT_Q_SQ_CMB : 0);
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_QUEUE_CREATE, &qc);
	if (!ret && nvt_cmdq_init(&q->cq, ctrl, q->err, qc.qid, qc.depth,
				  qc.depth, !o->ring_at_once)) {
		struct nvt_queue_delete qd = { .argsz = sizeof(qd),
					       .qid = qc.qid };

		nvt_ioctl(ctrl->fd, NVT_IOC_QUEUE_DELETE, &qd);
		nvt_cmdq_fini(&q->cq);
		free(q);
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	}
	if (ret) {
		free(q);
		if (ret == -EREMOTEIO) {
			o->status = qc.status;
			return nvt_status_err(ctrl->err, qc.status,
					      "creating I/O queue pair");
		}
		return nvt_err(ctrl->err, -ret,
			       "creating I/O queue pair %u (depth %u, vector %u): %s",
			       o->qid, qc.depth, o->vector,
			       ret == -EEXIST || ret == -EBUSY ?
			       "that queue ID is in use" :
			       ret == -ENOTCONN ? "the controller is not enabled" :
			       ret == -EOPNOTSUPP ?
			       "the controller has no CMB for submission queues" :
			       ret == -ENOSPC ? "the CMB is full" :
			       strerror(-ret));
	}
	q->ctrl = ctrl;
	q->generation = ctrl->generation;
	q->irq = !o->no_irq;
	q->vector = o->vector;
	*out = q;
	return 0;
}

int nvt_qpair_delete(struct nvt_qpair *q)
{
	struct nvt_queue_delete qd = { .argsz = sizeof(qd) };
	struct nvt_ctrl *ctrl;
	int ret;

	if (!q)
		return 0;
	ctrl = q->ctrl;
	qd.qid = q->cq.qid;
	/* a reset since: nvt.ko freed it, and its qid may be another's now */
	ret = q->generation != ctrl->generation ? 0 :
	      nvt_ioctl(ctrl->fd, NVT_IOC_QUEUE_DELETE, &qd);
	if (ret == -EREMOTEIO)
		ret = nvt_status_err(ctrl->err, qd.status,
				     "deleting I/O queue pair");
	else if (ret)
		ret = nvt_err(ctrl->err, -ret, "deleting I/O queue pair %u: %s",
			      qd.qid, strerror(-ret));
	nvt_cmdq_fini(&q->cq);
	free(q);
	return ret;
}

int nvt_qpair_flush(struct nvt_qpair *q)
{
	return nvt_cmdq_flush(&q->cq);
}

int nvt_qpair_send(struct nvt_qpair *q, const uint32_t sqe[16],
		   const struct nvt_data *data, nvt_cpl_fn cb, void *arg)
{
	return nvt_qpair_send_cid(q, sqe, data, 0, cb, arg);
}

int nvt_qpair_send_cid(struct nvt_qpair *q, const uint32_t sqe[16],
		       const struct nvt_data *data, uint32_t flags,
		       nvt_cpl_fn cb, void *arg)
{
	if (nvt_qpair_stale(q))
		return nvt_err(q->err, EBADFD,
			       "qpair %u is gone with its controller (a reset or power cycle): delete it",
			       q->cq.qid);
	return nvt_cmdq_send(&q->cq, sqe, data, flags, cb, arg);
}

int nvt_qpair_waitdone(struct nvt_qpair *q, unsigned count,
		       unsigned timeout_ms, uint32_t *dw0)
{
	return nvt_cmdq_waitdone(&q->cq, count, timeout_ms, dw0);
}

int nvt_qpair_cmdlog(struct nvt_qpair *q, unsigned count, FILE *out)
{
	return nvt_cmdlog_queue(q->ctrl, q->cq.qid, count, out, q->err);
}

/* ---- the CQ's interrupt vector ---- */

static int irq_vector(struct nvt_qpair *q, const char *what)
{
	if (!q->irq)
		return nvt_err(q->err, EINVAL,
			       "%s: qpair %u was created without interrupts (no_irq)",
			       what, q->cq.qid);
	return 0;
}

/* The result of an nvt_pcie_irq_*() call, its message kept in q's. */
static int irq_ret(struct nvt_qpair *q, int ret)
{
	return nvt_err_pass(q->err, ret, nvt_pcie_error(q->ctrl->pcie));
}

int nvt_qpair_irq_count(struct nvt_qpair *q, uint64_t *count)
{
	int ret = irq_vector(q, "irq_count");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_count(q->ctrl->pcie, q->vector, count));
}

int nvt_qpair_irq_clear(struct nvt_qpair *q)
{
	int ret = irq_vector(q, "irq_clear");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_clear(q->ctrl->pcie, q->vector));
}

int nvt_qpair_irq_isset(struct nvt_qpair *q)
{
	uint64_t count;
	int ret = nvt_qpair_irq_count(q, &count);

	return ret ? ret : count > 0;
}

int nvt_qpair_irq_wait(struct nvt_qpair *q, unsigned timeout_ms)
{
	int ret = irq_vector(q, "irq_wait");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_wait(q->ctrl->pcie, q->vector,
					    timeout_ms, NULL));
}

int nvt_qpair_irq_mask(struct nvt_qpair *q)
{
	int ret = irq_vector(q, "irq_mask");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_mask(q->ctrl->pcie, q->vector));
}

int nvt_qpair_irq_unmask(struct nvt_qpair *q)
{
	int ret = irq_vector(q, "irq_unmask");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_unmask(q->ctrl->pcie, q->vector));
}

int nvt_qpair_irq_pending(struct nvt_qpair *q)
{
	int ret = irq_vector(q, "irq_pending");

	return ret ? ret :
	       irq_ret(q, nvt_pcie_irq_pending(q->ctrl->pcie, q->vector));
}
