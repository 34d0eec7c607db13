// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: interrupts as a software interrupt controller.  Each vector counts
 * what it receives and wakes its waiters; completions themselves are always
 * found by polling, so nothing depends on an interrupt arriving.
 */
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvt.h"

#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX PCI_IRQ_LEGACY	/* renamed in 6.8 */
#endif

static unsigned int max_vectors = 65;
module_param(max_vectors, uint, 0444);
MODULE_PARM_DESC(max_vectors, "interrupt vectors to allocate (1..129)");

static irqreturn_t nvt_irq_handler(int irq, void *data)
{
	struct nvt_vector *v = data;
	struct nvt_dev *dev = v->dev;

	/*
	 * INTx is level triggered and may be shared: claim it when the
	 * function says it asserts it (whichever CQ, ours or one user space
	 * polls), and mask it at the function until a reaper unmasks it.
	 */
	if (dev->irq_type == NVT_IRQ_INTX && !pci_check_and_mask_intx(dev->pdev))
		return IRQ_NONE;
	atomic64_inc(&v->count);
	wake_up_all(&v->wait);
	if (v->index == 0 && dev->adminq)
		wake_up_all(&dev->adminq->wait);
	return IRQ_HANDLED;
}

/* Let INTx in again, unless the function still asserts it. */
void nvt_irq_unmask_intx(struct nvt_dev *dev)
{
	if (dev->irq_type == NVT_IRQ_INTX)
		pci_check_and_unmask_intx(dev->pdev);
}

int nvt_irq_setup(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	unsigned int want = clamp_t(unsigned int, max_vectors, 1,
				    NVT_MAX_VECTORS);
	int nr, i, ret;

	nr = pci_alloc_irq_vectors(pdev, 1, want,
				   PCI_IRQ_MSIX | PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (nr < 0)
		return nr;
	dev->irq_type = pdev->msix_enabled ? NVT_IRQ_MSIX :
			pdev->msi_enabled ? NVT_IRQ_MSI : NVT_IRQ_INTX;

	dev->vectors = kcalloc(nr, sizeof(*dev->vectors), GFP_KERNEL);
	if (!dev->vectors) {
		pci_free_irq_vectors(pdev);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		struct nvt_vector *v = &dev->vectors[i];

		v->dev = dev;
		v->index = i;
		atomic64_set(&v->count, 0);
		init_waitqueue_head(&v->wait);
		snprintf(v->name, sizeof(v->name), "nvt%d-v%d", dev->minor, i);
		v->irq = pci_irq_vector(pdev, i);
		ret = request_irq(v->irq, nvt_irq_handler,
				  dev->irq_type == NVT_IRQ_INTX ? IRQF_SHARED : 0,
				  v->name, v);
		if (ret) {
			dev->nr_vectors = i;
			nvt_irq_teardown(dev);
			return ret;
		}
	}
	dev->nr_vectors = nr;
	return 0;
}

/* Make sure no handler still looks at a queue that is about to go. */
void nvt_irq_sync(struct nvt_dev *dev)
{
	int i;

	for (i = 0; i < dev->nr_vectors; i++)
		synchronize_irq(dev->vectors[i].irq);
}

void nvt_irq_teardown(struct nvt_dev *dev)
{
	int i;

	for (i = 0; i < dev->nr_vectors; i++)
		free_irq(dev->vectors[i].irq, &dev->vectors[i]);
	kfree(dev->vectors);
	dev->vectors = NULL;
	dev->nr_vectors = 0;
	pci_free_irq_vectors(dev->pdev);
}

long nvt_ioctl_irq(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_irq *req = arg;
	struct nvt_vector *v;
	long left;

	if (req->vector >= dev->nr_vectors)
		return -EINVAL;
	v = &dev->vectors[req->vector];
	nvt_irq_unmask_intx(dev);

	switch (req->op) {
	case NVT_IRQ_OP_COUNT:
		break;
	case NVT_IRQ_OP_CLEAR:
		atomic64_set(&v->count, 0);
		break;
	case NVT_IRQ_OP_WAIT:
		left = wait_event_interruptible_timeout(v->wait,
				atomic64_read(&v->count) || nvt_dev_gone(dev),
				msecs_to_jiffies(req->timeout_ms));
		if (left < 0)
			return left;
		if (nvt_dev_gone(dev))
			return -ENODEV;
		if (!atomic64_read(&v->count))
			return -ETIMEDOUT;
		break;
	default:
		return -EINVAL;
	}
	req->count = atomic64_read(&v->count);
	return 0;
}
