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
 * Every argument struct starts with __u32 argsz.  A caller may pass a longer
 * struct than we know as long as the tail is zero (a newer library on an
 * older module); it may not pass a shorter one than the first ABI version.
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
	if (dev->dead) {
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

	down_read(&dev->lock);
	mutex_lock(&dev->files_lock);
	list_del(&nf->node);
	last = --dev->nr_files == 0;
	mutex_unlock(&dev->files_lock);

	nvt_workers_release(dev, nf);
	nvt_buf_release_file(nf);
	/*
	 * With the last user gone, nobody will reset the controller: if it
	 * may still DMA into buffers we could not track, stop it now so the
	 * memory can be freed.
	 */
	if (last && !dev->dead) {
		mutex_lock(&dev->buf_lock);
		if (!list_empty(&dev->parked)) {
			mutex_unlock(&dev->buf_lock);
			dev_info(&dev->pdev->dev,
				 "last user gone with raw DMA possible: disabling controller\n");
			nvt_ctrl_disable(dev, true);
		} else {
			mutex_unlock(&dev->buf_lock);
		}
	}
	up_read(&dev->lock);

	kfree(nf);
	nvt_dev_put(dev);
	return 0;
}

static long nvt_dispatch(struct nvt_file *nf, unsigned int cmd,
			 void __user *uarg)
{
	struct nvt_dev *dev = nf->dev;

	switch (cmd) {
	case NVT_IOC_INFO:
		return nvt_ioctl_info(dev, uarg);
	case NVT_IOC_READ:
		return nvt_ioctl_read(dev, uarg);
	case NVT_IOC_WRITE:
		return nvt_ioctl_write(dev, uarg);
	case NVT_IOC_BUF_ALLOC:
		return nvt_ioctl_buf_alloc(nf, uarg);
	case NVT_IOC_BUF_FREE:
		return nvt_ioctl_buf_free(nf, uarg);
	case NVT_IOC_SUBMIT:
		return nvt_ioctl_submit(dev, uarg);
	case NVT_IOC_REAP:
		return nvt_ioctl_reap(dev, uarg);
	case NVT_IOC_TIMEOUT:
		return nvt_ioctl_timeout(dev, uarg);
	case NVT_IOC_CMDLOG:
		return nvt_ioctl_cmdlog(dev, uarg);
	case NVT_IOC_IRQ:
		return nvt_ioctl_irq(dev, uarg);
	case NVT_IOC_VERIFY:
		return nvt_ioctl_verify(dev, uarg);
	case NVT_IOC_WORKER_START:
		return nvt_ioctl_worker_start(nf, uarg);
	case NVT_IOC_WORKER_STATUS:
		return nvt_ioctl_worker_status(nf, uarg);
	case NVT_IOC_WORKER_FREE:
		return nvt_ioctl_worker_free(nf, uarg);
	case NVT_IOC_POWER:
		return nvt_ioctl_power(dev, uarg);
	default:
		return -ENOTTY;
	}
}

static long nvt_dispatch_exclusive(struct nvt_dev *dev, unsigned int cmd,
				   void __user *uarg)
{
	switch (cmd) {
	case NVT_IOC_ADMINQ_SETUP:
		return nvt_ioctl_adminq_setup(dev, uarg);
	case NVT_IOC_QUEUE_CREATE:
		return nvt_ioctl_queue_create(dev, uarg);
	case NVT_IOC_DBBUF:
		return nvt_ioctl_dbbuf(dev, uarg);
	default:
		return nvt_ioctl_queue_delete(dev, uarg);
	}
}

static long nvt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct nvt_file *nf = file->private_data;
	struct nvt_dev *dev = nf->dev;
	void __user *uarg = (void __user *)arg;
	long ret;

	/* Creating and deleting queues must not race with anything else. */
	if (cmd == NVT_IOC_ADMINQ_SETUP || cmd == NVT_IOC_QUEUE_CREATE ||
	    cmd == NVT_IOC_QUEUE_DELETE || cmd == NVT_IOC_DBBUF) {
		WRITE_ONCE(dev->exclusive_waiting, true);	/* ends reaps */
		down_write(&dev->lock);
		WRITE_ONCE(dev->exclusive_waiting, false);
		ret = dev->dead ? -ENODEV : nvt_dispatch_exclusive(dev, cmd, uarg);
		up_write(&dev->lock);
		return ret;
	}

	down_read(&dev->lock);
	/* a worker's results outlive its device (a power cycle under I/O) */
	if (dev->dead && cmd != NVT_IOC_WORKER_STATUS &&
	    cmd != NVT_IOC_WORKER_FREE)
		ret = -ENODEV;
	else
		ret = nvt_dispatch(nf, cmd, uarg);
	up_read(&dev->lock);
	return ret;
}

static int nvt_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct nvt_file *nf = file->private_data;
	struct nvt_dev *dev = nf->dev;
	int ret;

	down_read(&dev->lock);
	ret = dev->dead ? -ENODEV : nvt_buf_mmap(nf, vma);
	up_read(&dev->lock);
	return ret;
}

const struct file_operations nvt_fops = {
	.owner = THIS_MODULE,
	.open = nvt_open,
	.release = nvt_release,
	.unlocked_ioctl = nvt_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = nvt_mmap,
};
