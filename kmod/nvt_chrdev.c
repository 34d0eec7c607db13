// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: /dev/nvtN, its ioctl dispatch and the versioned argument copy.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvt.h"

/*
 * Every argument struct starts with __u32 argsz (the ABI rule is stated in
 * uapi/nvt_ioctl.h): at least our size, and a longer struct's tail zero.
 */
int nvt_copy_arg_in(void *karg, size_t ksize, const void __user *uarg)
{
	u32 usize;
	int ret;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < ksize)
		return -EINVAL;
	ret = copy_struct_from_user(karg, ksize, uarg, usize);
	if (ret)
		return ret;
	*(u32 *)karg = usize;
	return 0;
}

int nvt_copy_arg_out(void __user *uarg, const void *karg, size_t ksize)
{
	u32 usize = *(const u32 *)karg;

	if (copy_to_user(uarg, karg, min_t(size_t, usize, ksize)))
		return -EFAULT;
	/* keep the caller's argsz as it was */
	if (put_user(usize, (u32 __user *)uarg))
		return -EFAULT;
	return 0;
}

static int nvt_open(struct inode *inode, struct file *file)
{
	struct nvt_dev *dev;
	struct nvt_file *nf;

	if (!capable(CAP_SYS_RAWIO))
		return -EPERM;
	dev = nvt_dev_lookup(iminor(inode));
	if (!dev)
		return -ENODEV;

	nf = kzalloc(sizeof(*nf), GFP_KERNEL);
	if (!nf) {
		nvt_dev_put(dev);
		return -ENOMEM;
	}
	nf->dev = dev;
	nf->file = file;
	INIT_LIST_HEAD(&nf->bufs);

	down_read(&dev->lock);
	if (nvt_dev_gone(dev)) {
		up_read(&dev->lock);
		kfree(nf);
		nvt_dev_put(dev);
		return -ENODEV;
	}
	mutex_lock(&dev->files_lock);
	list_add(&nf->node, &dev->files);
	dev->nr_files++;
	mutex_unlock(&dev->files_lock);
	up_read(&dev->lock);

	file->private_data = nf;
	return nonseekable_open(inode, file);
}

static int nvt_release(struct inode *inode, struct file *file)
{
	struct nvt_file *nf = file->private_data;
	struct nvt_dev *dev = nf->dev;
	bool last;

	nvt_rawq_release_file(nf);	/* its raw queues deleted first */
	down_read(&dev->lock);
	mutex_lock(&dev->files_lock);
	list_del(&nf->node);
	last = --dev->nr_files == 0;
	mutex_unlock(&dev->files_lock);

	nvt_workers_release(dev, nf);
	nvt_irq_release_file(dev, nf);
	nvt_buf_release_file(nf);
	/*
	 * With the last user gone, nobody will reset the controller: if it
	 * may still DMA into memory that waits for it to stop, stop it now
	 * so the memory can be freed.
	 */
	if (last && !nvt_dev_gone(dev) && nvt_park_pending(dev)) {
		dev_info(&dev->pdev->dev,
			 "last user gone with DMA possible into freed memory: disabling controller\n");
		nvt_ctrl_disable(dev, true);
	}
	up_read(&dev->lock);

	kfree(nf);
	nvt_dev_put(dev);
	return 0;
}

/* What an ioctl needs of the dispatcher. */
#define NVT_IOF_EXCLUSIVE	BIT(0)	/* dev->lock for writing: queues change */
#define NVT_IOF_GONE_OK		BIT(1)	/* also once the device is gone */
#define NVT_IOF_OUT		BIT(2)	/* its struct goes back on success */
#define NVT_IOF_OUT_ON_ERR	BIT(3)	/* ... and on failure (counts, status) */

struct nvt_ioctl_desc {
	unsigned int cmd;
	long (*fn)(struct nvt_file *nf, void *arg);
	/*
	 * After a success, once the answer is copied back or could not be:
	 * drops what the handler kept for it (nvt_ioctl_keep()), and undoes
	 * the call if the caller never learnt of it (!@answered).
	 */
	void (*finish)(struct nvt_file *nf, void *arg, bool answered);
	/* NVT_IOF_EXCLUSIVE for this call only (what it asks decides) */
	bool (*exclusive)(const void *arg);
	u16 size;		/* the argument struct */
	u16 flags;		/* NVT_IOF_* */
};

#define NVT_IOCTL(_cmd, _fn, _type, _flags) \
	{ .cmd = _cmd, .fn = _fn, .size = sizeof(_type), .flags = _flags }

static const struct nvt_ioctl_desc nvt_ioctls[] = {
	NVT_IOCTL(NVT_IOC_INFO, nvt_ioctl_info, struct nvt_info, NVT_IOF_OUT),
	NVT_IOCTL(NVT_IOC_READ, nvt_ioctl_read, struct nvt_rw, NVT_IOF_OUT),
	NVT_IOCTL(NVT_IOC_WRITE, nvt_ioctl_write, struct nvt_rw, 0),
	{ .cmd = NVT_IOC_BUF_ALLOC, .fn = nvt_ioctl_buf_alloc,
	  .finish = nvt_ioctl_buf_alloc_finish,
	  .size = sizeof(struct nvt_buf_alloc), .flags = NVT_IOF_OUT },
	NVT_IOCTL(NVT_IOC_BUF_FREE, nvt_ioctl_buf_free, struct nvt_buf_free, 0),
	NVT_IOCTL(NVT_IOC_ADMINQ_SETUP, nvt_ioctl_adminq_setup,
		  struct nvt_adminq, NVT_IOF_EXCLUSIVE),
	NVT_IOCTL(NVT_IOC_SUBMIT, nvt_ioctl_submit, struct nvt_submit,
		  NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR),
	NVT_IOCTL(NVT_IOC_REAP, nvt_ioctl_reap, struct nvt_reap, NVT_IOF_OUT),
	NVT_IOCTL(NVT_IOC_TIMEOUT, nvt_ioctl_timeout, struct nvt_timeout, 0),
	NVT_IOCTL(NVT_IOC_CMDLOG, nvt_ioctl_cmdlog, struct nvt_cmdlog,
		  NVT_IOF_OUT),
	NVT_IOCTL(NVT_IOC_IRQ, nvt_ioctl_irq, struct nvt_irq, NVT_IOF_OUT),
	NVT_IOCTL(NVT_IOC_QUEUE_CREATE, nvt_ioctl_queue_create,
		  struct nvt_queue_create,
		  NVT_IOF_EXCLUSIVE | NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR),
	NVT_IOCTL(NVT_IOC_QUEUE_DELETE, nvt_ioctl_queue_delete,
		  struct nvt_queue_delete,
		  NVT_IOF_EXCLUSIVE | NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR),
	NVT_IOCTL(NVT_IOC_DATACHECK, nvt_ioctl_datacheck, struct nvt_datacheck,
		  NVT_IOF_OUT),
	{ .cmd = NVT_IOC_WORKER_START, .fn = nvt_ioctl_worker_start,
	  .finish = nvt_ioctl_worker_start_finish,
	  .size = sizeof(struct nvt_worker_args), .flags = NVT_IOF_OUT },
	/* a worker's results outlive its device (a power cut under I/O) */
	NVT_IOCTL(NVT_IOC_WORKER_STATUS, nvt_ioctl_worker_status,
		  struct nvt_worker_status, NVT_IOF_OUT | NVT_IOF_GONE_OK),
	NVT_IOCTL(NVT_IOC_WORKER_FREE, nvt_ioctl_worker_free,
		  struct nvt_worker_status, NVT_IOF_GONE_OK),
	NVT_IOCTL(NVT_IOC_DBBUF, nvt_ioctl_dbbuf, struct nvt_dbbuf,
		  NVT_IOF_EXCLUSIVE | NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR),
	NVT_IOCTL(NVT_IOC_POWER, nvt_ioctl_power, struct nvt_power, 0),
	/* creates and deletes alone; entries and doorbells beside the rest */
	{ .cmd = NVT_IOC_RAWQ, .fn = nvt_ioctl_rawq,
	  .exclusive = nvt_ioctl_rawq_exclusive,
	  .size = sizeof(struct nvt_rawq),
	  .flags = NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR },
	/* reading beside the rest; resets and changes alone */
	{ .cmd = NVT_IOC_PCIE, .fn = nvt_ioctl_pcie,
	  .exclusive = nvt_ioctl_pcie_exclusive,
	  .size = sizeof(struct nvt_pcie_ctl),
	  .flags = NVT_IOF_OUT | NVT_IOF_OUT_ON_ERR },
};

static const struct nvt_ioctl_desc *nvt_ioctl_find(unsigned int cmd)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nvt_ioctls); i++)
		if (nvt_ioctls[i].cmd == cmd)
			return &nvt_ioctls[i];
	return NULL;
}

/* Run @d's handler under dev->lock as the table says. */
static long nvt_ioctl_locked(struct nvt_file *nf,
			     const struct nvt_ioctl_desc *d, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	bool excl = (d->flags & NVT_IOF_EXCLUSIVE) ||
		    (d->exclusive && d->exclusive(arg));
	long ret;

	if (excl) {
		/* a sleeping reaper lets go when it sees this */
		atomic_inc(&dev->exclusive_waiting);
		down_write(&dev->lock);
		atomic_dec(&dev->exclusive_waiting);
	} else {
		down_read(&dev->lock);
	}
	if (nvt_dev_gone(dev) && !(d->flags & NVT_IOF_GONE_OK))
		ret = -ENODEV;
	else
		ret = d->fn(nf, arg);
	if (excl)
		up_write(&dev->lock);
	else
		up_read(&dev->lock);
	return ret;
}

/*
 * The argument struct is copied in before and out after dev->lock: a copy
 * may fault, and a fault must never wait for a lock an ioctl holds.
 */
static long nvt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct nvt_file *nf = file->private_data;
	void __user *uarg = (void __user *)arg;
	const struct nvt_ioctl_desc *d = nvt_ioctl_find(cmd);
	u64 small[32];
	void *karg = small;
	bool answered = true;
	long ret;

	if (!d)
		return -ENOTTY;
	/* room behind the struct for what a handler keeps (nvt_ioctl_keep) */
	if (d->size + sizeof(void *) > sizeof(small)) {
		karg = kmalloc(d->size + sizeof(void *), GFP_KERNEL);
		if (!karg)
			return -ENOMEM;
	}
	ret = nvt_copy_arg_in(karg, d->size, uarg);
	if (ret)
		goto out;
	ret = nvt_ioctl_locked(nf, d, karg);
	if ((d->flags & NVT_IOF_OUT) &&
	    (!ret || (d->flags & NVT_IOF_OUT_ON_ERR)) &&
	    nvt_copy_arg_out(uarg, karg, d->size) && !ret) {
		answered = false;
		ret = -EFAULT;
	}
	if (d->finish && (!ret || !answered)) {
		/* as the handler ran: exclusive ioctls may free what it made */
		down_read(&nf->dev->lock);
		d->finish(nf, karg, answered);
		up_read(&nf->dev->lock);
	}
out:
	if (karg != small)
		kfree(karg);
	return ret;
}

/*
 * No dev->lock here: mmap runs under mmap_lock, which an ioctl's user copy
 * may need.  Buffers are looked up and torn down under buf_lock.
 */
static int nvt_mmap(struct file *file, struct vm_area_struct *vma)
{
	return nvt_buf_mmap(file->private_data, vma);
}

const struct file_operations nvt_fops = {
	.owner = THIS_MODULE,
	.open = nvt_open,
	.release = nvt_release,
	.unlocked_ioctl = nvt_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = nvt_mmap,
};

/*
 * The uapi's layout, fixed: a change here is a change of the ABI.  The
 * sizes are the same for 32- and 64-bit callers (no implicit padding).
 */
static void __maybe_unused nvt_uapi_check(void)
{
	BUILD_BUG_ON(sizeof(struct nvt_info) != 160);
	BUILD_BUG_ON(offsetof(struct nvt_info, bar_len) != 40);
	BUILD_BUG_ON(sizeof(struct nvt_rw) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_buf_alloc) != 48);
	BUILD_BUG_ON(sizeof(struct nvt_buf_free) != 8);
	BUILD_BUG_ON(sizeof(struct nvt_adminq) != 16);
	BUILD_BUG_ON(sizeof(struct nvt_queue_create) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_queue_delete) != 16);
	BUILD_BUG_ON(sizeof(struct nvt_cmd) != 128);
	BUILD_BUG_ON(sizeof(struct nvt_submit) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_cpl) != 64);
	BUILD_BUG_ON(sizeof(struct nvt_reap) != 40);
	BUILD_BUG_ON(sizeof(struct nvt_datacheck) != 72);
	BUILD_BUG_ON(sizeof(struct nvt_worker_args) != 864);
	BUILD_BUG_ON(offsetof(struct nvt_worker_args, regions) != 304);
	BUILD_BUG_ON(sizeof(struct nvt_worker_seq) != 24);
	BUILD_BUG_ON(sizeof(struct nvt_worker_rec) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_worker_status) != 400);
	BUILD_BUG_ON(sizeof(struct nvt_dbbuf) != 16);
	BUILD_BUG_ON(sizeof(struct nvt_power) != 8);
	BUILD_BUG_ON(sizeof(struct nvt_timeout) != 16);
	BUILD_BUG_ON(sizeof(struct nvt_log_entry) != 104);
	BUILD_BUG_ON(sizeof(struct nvt_cmdlog) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_irq) != 32);
	BUILD_BUG_ON(sizeof(struct nvt_rawq) != 120);
	BUILD_BUG_ON(sizeof(struct nvt_pcie_ctl) != 32);
}
