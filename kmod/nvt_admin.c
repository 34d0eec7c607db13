// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: the admin queue, and the submit/reap/timeout ioctls that every
 * driver-owned queue shares.
 */
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "nvt.h"

#define NVT_MAX_BATCH		65536
#define NVT_MAX_TIMEOUT_MS	(3600u * 1000)

struct nvt_queue *nvt_queue_by_id(struct nvt_dev *dev, u32 qid)
{
	if (qid == NVT_ADMIN_QID)
		return dev->adminq;
	return xa_load(&dev->ioqs, qid);
}

/*
 * Send an admin command of the driver's own and wait for it, polling the
 * admin queue.  It always ends: completed, timed out (07/ff) or aborted by
 * a reset (07/fe).  Returns 0 with *@status = SCT << 8 | SC, or -errno
 * when it could not be sent.
 */
/* The device went away under a wait, removed or not. */
static bool nvt_admin_lost(struct nvt_dev *dev)
{
	return nvt_dev_gone(dev) || nvt_dev_lost(dev);
}

int nvt_admin_sync(struct nvt_dev *dev, const u32 *sqe, u32 *status)
{
	return nvt_admin_sync_tmo(dev, sqe, 0, status);
}

/* The same with a timeout of its own (@timeout_ms 0: the opcode's). */
int nvt_admin_sync_tmo(struct nvt_dev *dev, const u32 *sqe, u32 timeout_ms,
		       u32 *status)
{
	struct nvt_queue *q = dev->adminq;
	struct nvt_sync sync;
	int ret;

	if (!q || READ_ONCE(dev->adminq_raw))
		return -EBADFD;
	sync.timeout_ms = timeout_ms;
	ret = nvt_queue_submit_sync(q, sqe, &sync);
	if (ret)
		return ret;
	while (!try_wait_for_completion(&sync.done)) {
		nvt_queue_poll(q, true);
		if (completion_done(&sync.done))
			break;
		/* removal must not wait out the command's timeout */
		if (nvt_admin_lost(dev) && nvt_queue_abandon_sync(q, &sync))
			return -ENODEV;
		wait_event_timeout(q->wait, nvt_queue_cqe_pending(q) ||
				   completion_done(&sync.done) ||
				   nvt_dev_gone(dev), 1);
	}
	*status = nvt_cqe_status(sync.cqe);
	return 0;
}

/* Called with dev->lock held for writing: no other ioctl runs. */
long nvt_ioctl_adminq_setup(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_adminq *aq = arg;
	struct nvt_queue *q, *old;

	if (aq->flags & ~NVT_Q_LAZY_DOORBELL)
		return -EINVAL;
	if (aq->sq_depth < 2 || aq->sq_depth > NVT_MAX_QUEUE_DEPTH ||
	    aq->cq_depth < 2 || aq->cq_depth > NVT_MAX_QUEUE_DEPTH)
		return -EINVAL;

	q = nvt_queue_alloc(dev, NVT_ADMIN_QID, aq->sq_depth, aq->cq_depth, 0,
			    aq->flags);
	if (IS_ERR(q))
		return PTR_ERR(q);

	mutex_lock(&dev->ctrl_lock);
	/* the rings may only change while the controller cannot use them */
	if (dev->state == NVT_STATE_QUIESCING && nvt_ctrl_ready_cleared(dev))
		nvt_state_set(dev, NVT_STATE_DISABLED);
	if (dev->state != NVT_STATE_DISABLED) {
		mutex_unlock(&dev->ctrl_lock);
		nvt_queue_free(q, true);
		return -EBUSY;
	}
	old = dev->adminq;
	dev->adminq = q;
	/* I/O queues of the controller's previous life go with it */
	nvt_ioqs_free(dev);
	dev->adminq_raw = false;
	writel(((aq->cq_depth - 1) << 16) | (aq->sq_depth - 1),
	       dev->bar[0] + NVT_REG_AQA);
	lo_hi_writeq(q->sq_dma, dev->bar[0] + NVT_REG_ASQ);
	lo_hi_writeq(q->cq_dma, dev->bar[0] + NVT_REG_ACQ);
	mutex_unlock(&dev->ctrl_lock);

	if (old) {
		nvt_sysfs_queue_remove(old);
		nvt_irq_sync(dev);
		nvt_queue_reset(old);
		nvt_queue_free(old, true);
	}
	nvt_sysfs_queue_add(q);
	return 0;
}

static struct nvt_queue *nvt_queue_for_io(struct nvt_dev *dev, u32 qid,
					  int *err)
{
	struct nvt_queue *q = nvt_queue_by_id(dev, qid);

	*err = 0;
	if (!q)
		*err = -ENOENT;
	else if (qid == NVT_ADMIN_QID && READ_ONCE(dev->adminq_raw))
		*err = -EBADFD;	/* AQA/ASQ/ACQ were rewritten behind us */
	else if (qid != NVT_ADMIN_QID && nvt_queue_orphaned(q))
		*err = -EBADFD;	/* the controller was reset under it */
	else if (READ_ONCE(q->worker))
		*err = -EBUSY;	/* an ioworker drives it */
	return *err ? NULL : q;
}

long nvt_ioctl_submit(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_submit *sub = arg;
	struct nvt_queue *q;
	struct nvt_cmd cmd;
	u32 i = 0;
	int ret;

	if (sub->flags & ~NVT_SUBMIT_NO_DOORBELL || sub->reserved ||
	    sub->cmd_size < sizeof(cmd) || sub->count > NVT_MAX_BATCH) {
		sub->count = 0;
		return -EINVAL;
	}
	q = nvt_queue_for_io(dev, sub->qid, &ret);
	if (!q) {
		sub->count = 0;
		return ret;
	}

	for (i = 0; i < sub->count; i++) {
		struct nvt_cmd __user *ucmd = (void __user *)
			((u8 __user *)u64_to_user_ptr(sub->cmds) +
			 (size_t)i * sub->cmd_size);

		ret = copy_struct_from_user(&cmd, sizeof(cmd), ucmd,
					    sub->cmd_size);
		if (ret)
			break;
		ret = nvt_queue_submit(q, nf, &cmd, false);
		if (ret == -EBUSY) {
			/* the LBAs' holder may have completed unreaped */
			nvt_ioqs_poll(dev);
			ret = nvt_queue_submit(q, nf, &cmd, false);
		}
		if (ret)
			break;
		if (put_user(cmd.cid, &ucmd->cid)) {
			ret = -EFAULT;
			i++;
			break;
		}
	}
	/* one doorbell write for the whole batch */
	if (i && !(sub->flags & NVT_SUBMIT_NO_DOORBELL) &&
	    !(q->flags & NVT_Q_LAZY_DOORBELL))
		nvt_queue_ring(q);

	sub->count = i;
	return ret;
}

long nvt_ioctl_reap(struct nvt_file *nf, void *arg)
{
	struct nvt_reap *rp = arg;
	struct nvt_queue *q;

	if (rp->flags || !rp->max || rp->max > NVT_MAX_BATCH ||
	    rp->min > rp->max || rp->cpl_size < sizeof(struct nvt_cpl))
		return -EINVAL;
	/* a queue reset under it still has its aborts to hand out */
	q = nvt_queue_by_id(nf->dev, rp->qid);
	if (!q)
		return -ENOENT;
	return nvt_queue_reap(q, rp, u64_to_user_ptr(rp->cpls));
}

long nvt_ioctl_timeout(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_timeout *to = arg;
	u32 *table, ms, i;

	if (to->flags & ~(NVT_TIMEOUT_IO | NVT_TIMEOUT_RESTORE))
		return -EINVAL;
	if (to->opcode > 0xff && to->opcode != NVT_TIMEOUT_ALL_OPCODES)
		return -EINVAL;
	ms = NVT_TIMEOUT_DEFAULT_MS;
	if (!(to->flags & NVT_TIMEOUT_RESTORE)) {
		if (!to->timeout_ms || to->timeout_ms > NVT_MAX_TIMEOUT_MS)
			return -EINVAL;
		ms = to->timeout_ms;
	}

	table = dev->timeout_ms[to->flags & NVT_TIMEOUT_IO ? 1 : 0];
	mutex_lock(&dev->ctrl_lock);
	for (i = 0; i < 256; i++)
		if (to->opcode == NVT_TIMEOUT_ALL_OPCODES || to->opcode == i)
			WRITE_ONCE(table[i], ms);
	mutex_unlock(&dev->ctrl_lock);
	return 0;
}
