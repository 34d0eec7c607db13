// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: I/O queue pairs whose rings the driver owns.  The driver creates
 * and deletes them on the controller with its own admin commands, so the
 * ring memory is never in doubt: it is freed only once the controller has
 * let go of it (queue deleted, or controller disabled).
 */
#include <linux/uaccess.h>

#include "nvt.h"


static int nvt_ioq_pick_qid(struct nvt_dev *dev, u32 want)
{
	u32 qid;

	if (want && nvt_rawq_qid_taken(dev, want))
		return -EBUSY;	/* a raw queue's (NVT_IOC_RAWQ) */
	if (want)
		return xa_load(&dev->ioqs, want) ? -EEXIST : want;
	for (qid = 1; qid <= NVT_MAX_IO_QID; qid++)
		if (!xa_load(&dev->ioqs, qid) && !nvt_rawq_qid_taken(dev, qid))
			return qid;
	return -ENOSPC;
}

static int nvt_ioq_check(struct nvt_dev *dev, struct nvt_queue_create *qc)
{
	u32 max_depth = min_t(u32, NVT_MAX_QUEUE_DEPTH,
			      NVT_CAP_MQES(dev->cap) + 1);

	if (qc->flags & ~(NVT_Q_LAZY_DOORBELL | NVT_Q_NO_IRQ | NVT_Q_SQ_CMB) ||
	    qc->reserved || qc->status)
		return -EINVAL;
	if (qc->qid > NVT_MAX_IO_QID || qc->prio > 3)
		return -EINVAL;
	if (qc->depth < 2 || qc->depth > max_depth)
		return -EINVAL;
	if (!(qc->flags & NVT_Q_NO_IRQ) && qc->vector >= dev->nr_vectors)
		return -EINVAL;
	if (qc->vector > 0xffff)
		return -EINVAL;
	return 0;
}

/* Delete I/O SQ or CQ @qid on the controller; *@status gets its answer. */
static int nvt_ioq_delete_cmd(struct nvt_dev *dev, u8 opc, u16 qid,
			      u32 *status)
{
	u32 sqe[16] = { opc, 0 };

	sqe[10] = qid;
	return nvt_admin_sync(dev, sqe, status);
}

/*
 * Create the CQ, then the SQ.  On failure *@released says whether the
 * controller surely holds no ring (refused, or deleted again).
 */
static int nvt_ioq_create_on_ctrl(struct nvt_dev *dev, struct nvt_queue *q,
				  struct nvt_queue_create *qc, bool *released)
{
	u32 sqe[16] = { NVT_ADMIN_CREATE_CQ, 0 };
	u32 status, del_status;
	int ret;

	*released = false;
	qc->status = 0;
	nvt_dbbuf_queue_init(dev, q->qid);
	sqe[6] = lower_32_bits(q->cq_dma);
	sqe[7] = upper_32_bits(q->cq_dma);
	sqe[10] = ((q->cq_depth - 1) << 16) | q->qid;
	sqe[11] = NVT_CQ_PC;
	if (!(qc->flags & NVT_Q_NO_IRQ))
		sqe[11] |= NVT_CQ_IEN | ((u32)qc->vector << 16);
	ret = nvt_admin_sync(dev, sqe, &status);
	if (ret)
		return ret;
	if (status) {
		qc->status = status;
		*released = status != NVT_STATUS_TIMEOUT &&
			    status != NVT_STATUS_ABORTED;
		return -EREMOTEIO;
	}

	memset(sqe, 0, sizeof(sqe));
	sqe[0] = NVT_ADMIN_CREATE_SQ;
	sqe[6] = lower_32_bits(q->sq_dma);
	sqe[7] = upper_32_bits(q->sq_dma);
	sqe[10] = ((q->sq_depth - 1) << 16) | q->qid;
	sqe[11] = ((u32)q->qid << 16) | (qc->prio << 1) | NVT_SQ_PC;
	ret = nvt_admin_sync(dev, sqe, &status);
	if (!ret && !status)
		return 0;
	/* leave nothing half made behind */
	*released = !nvt_ioq_delete_cmd(dev, NVT_ADMIN_DELETE_CQ, q->qid,
					&del_status) && !del_status &&
		    !ret && status != NVT_STATUS_TIMEOUT &&
		    status != NVT_STATUS_ABORTED;
	if (ret)
		return ret;
	qc->status = status;
	return -EREMOTEIO;
}

/* Called with dev->lock held for writing: no other ioctl runs. */
long nvt_ioctl_queue_create(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_queue_create *qc = arg;
	struct nvt_queue *q;
	bool released;
	int qid, ret;

	ret = nvt_ioq_check(dev, qc);
	if (ret)
		return ret;
	if (!dev->adminq || dev->adminq_raw)
		return -EBADFD;
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	qid = nvt_ioq_pick_qid(dev, qc->qid);
	if (qid < 0)
		return qid;

	q = nvt_queue_alloc(dev, qid, qc->depth, qc->depth,
			    qc->flags & NVT_Q_NO_IRQ ? 0 : qc->vector,
			    qc->flags);
	if (IS_ERR(q))
		return PTR_ERR(q);
	ret = nvt_ioq_create_on_ctrl(dev, q, qc, &released);
	if (ret) {
		/* a Create that did not complete may adopt the rings later */
		nvt_queue_free(q, released);
		return ret;
	}
	ret = xa_insert(&dev->ioqs, qid, q, GFP_KERNEL);
	if (ret) {
		u32 status;

		nvt_ioq_delete_cmd(dev, NVT_ADMIN_DELETE_SQ, qid, &status);
		nvt_ioq_delete_cmd(dev, NVT_ADMIN_DELETE_CQ, qid, &status);
		nvt_queue_free(q, false);
		return ret;
	}
	nvt_sysfs_queue_add(q);
	nvt_stats_kick(dev);
	qc->qid = qid;
	return 0;
}

/*
 * Take @q out of the table and free it.  @ctrl_done: the controller
 * deleted it; else it is kept until the controller cannot reach it.
 */
static void nvt_ioq_release(struct nvt_dev *dev, struct nvt_queue *q,
			    bool ctrl_done)
{
	xa_erase(&dev->ioqs, q->qid);
	nvt_sysfs_queue_remove(q);
	nvt_irq_sync(dev);	/* no INTx handler still looks at it */
	nvt_queue_reset(q);
	nvt_queue_free(q, ctrl_done);
}

/* Called with dev->lock held for writing. */
long nvt_ioctl_queue_delete(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_queue_delete *qd = arg;
	struct nvt_queue *q;
	bool deleted = false;
	u32 status;
	int ret;

	if (qd->reserved || qd->status || !qd->qid ||
	    qd->qid > NVT_MAX_IO_QID)
		return -EINVAL;
	q = xa_load(&dev->ioqs, qd->qid);
	if (!q)
		return -ENOENT;
	if (q->worker)
		return -EBUSY;	/* free its ioworker first */

	/* an orphaned queue no longer exists on the controller */
	if (!nvt_queue_orphaned(q) && nvt_ctrl_enabled(dev)) {
		ret = nvt_ioq_delete_cmd(dev, NVT_ADMIN_DELETE_SQ, q->qid,
					 &status);
		if (!ret && !status)
			ret = nvt_ioq_delete_cmd(dev, NVT_ADMIN_DELETE_CQ,
						 q->qid, &status);
		if (ret)
			return ret;
		if (status) {
			qd->status = status;
			return -EREMOTEIO;
		}
		deleted = true;
	}
	nvt_ioq_release(dev, q, deleted);
	return 0;
}

/* The controller forgot its I/O queues: abort what they had in flight. */
void nvt_ioqs_abort(struct nvt_dev *dev)
{
	struct nvt_queue *q;
	unsigned long qid;

	xa_for_each(&dev->ioqs, qid, q)
		nvt_queue_reset(q);
}

/* Free every I/O queue: the controller is disabled or going away. */
void nvt_ioqs_free(struct nvt_dev *dev)
{
	struct nvt_queue *q;
	unsigned long qid;

	nvt_workers_detach(dev);
	xa_for_each(&dev->ioqs, qid, q)
		nvt_ioq_release(dev, q, false);
}

/*
 * Process every I/O queue's completions (LBA locks are released there),
 * leaving lazy doorbells to their own reaps.
 */
void nvt_ioqs_poll(struct nvt_dev *dev)
{
	struct nvt_queue *q;
	unsigned long qid;

	xa_for_each(&dev->ioqs, qid, q)
		nvt_queue_poll(q, false);
}
