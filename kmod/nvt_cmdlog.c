// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: the per-queue command log, a ring of the latest submissions with
 * their completions, read newest first: its memory and the CMDLOG ioctl;
 * the ring itself is nvt_cmdlog.h.
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvt.h"

static unsigned int cmdlog_depth = 1024;
module_param(cmdlog_depth, uint, 0444);
MODULE_PARM_DESC(cmdlog_depth, "commands remembered per queue (16..65536)");

int nvt_cmdlog_init(struct nvt_qlog *log, u16 qid)
{
	u32 depth = clamp_t(u32, cmdlog_depth, 16, 65536);
	u32 i;

	log->entries = kvcalloc(depth, sizeof(*log->entries), GFP_KERNEL);
	log->seqs = kvcalloc(depth, sizeof(*log->seqs), GFP_KERNEL);
	if (!log->entries || !log->seqs) {
		nvt_cmdlog_free(log);
		return -ENOMEM;
	}
	for (i = 0; i < depth; i++)
		log->entries[i].qid = qid;
	nvt_cmdlog_start(log, depth);
	return 0;
}

void nvt_cmdlog_free(struct nvt_qlog *log)
{
	kvfree(log->entries);
	kvfree(log->seqs);
	log->entries = NULL;
	log->seqs = NULL;
}

long nvt_ioctl_cmdlog(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_cmdlog *rq = arg, req = *rq;
	struct nvt_log_entry *tmp;
	struct nvt_queue *q;
	u64 seq, real;
	u32 n;
	int ret;

	if (req.entry_size < sizeof(*tmp) || !req.max || req.reserved)
		return -EINVAL;

	mutex_lock(&dev->ctrl_lock);
	q = nvt_queue_by_id(dev, req.qid);
	if (!q) {
		mutex_unlock(&dev->ctrl_lock);
		return -ENOENT;
	}
	req.max = min(req.max, q->log.depth);
	tmp = kvcalloc(req.max, sizeof(*tmp), GFP_KERNEL);
	if (!tmp) {
		mutex_unlock(&dev->ctrl_lock);
		return -ENOMEM;
	}
	spin_lock(&q->lock);
	n = nvt_cmdlog_read(&q->log, tmp, req.max);
	spin_unlock(&q->lock);
	mutex_unlock(&dev->ctrl_lock);

	req.count = n;
	ret = 0;
	real = ktime_get_real_ns() - ktime_get_ns();
	for (seq = 0; seq < n && !ret; seq++) {
		void __user *dst = (u8 __user *)u64_to_user_ptr(req.entries) +
				   seq * req.entry_size;

		tmp[seq].submit_ns += real;
		if (tmp[seq].complete_ns)
			tmp[seq].complete_ns += real;
		if (copy_to_user(dst, &tmp[seq], sizeof(*tmp)))
			ret = -EFAULT;
	}
	kvfree(tmp);
	*rq = req;
	return ret;
}
