// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: interrupts as a software interrupt controller.  Each vector counts
 * what it receives and wakes its waiters; completions themselves are always
 * found by polling, so nothing depends on an interrupt arriving.
 */
#include <linux/interrupt.h>
#include <linux/irq.h>
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

/* MASK/UNMASK of all vectors of all devices: one at a time */
static DEFINE_MUTEX(nvt_irq_mask_lock);

/*
 * Where the MSI-X table and PBA are, inside the BARs the driver mapped
 * whole.  Only read here: the Mask bits are the interrupt core's to write.
 */
static void __iomem *nvt_msix_locate(struct nvt_dev *dev, int where,
				     size_t len)
{
	struct pci_dev *pdev = dev->pdev;
	u32 val;
	unsigned int bir;
	u64 off;

	pci_read_config_dword(pdev, pdev->msix_cap + where, &val);
	bir = val & PCI_MSIX_TABLE_BIR;
	off = val & PCI_MSIX_TABLE_OFFSET;
	if (bir >= PCI_STD_NUM_BARS || !dev->bar[bir] ||
	    off + len > dev->bar_len[bir])
		return NULL;
	return dev->bar[bir] + off;
}

static void nvt_msix_map(struct nvt_dev *dev, unsigned int nr)
{
	dev->msix_table = nvt_msix_locate(dev, PCI_MSIX_TABLE,
					  (size_t)nr * PCI_MSIX_ENTRY_SIZE);
	dev->msix_pba = nvt_msix_locate(dev, PCI_MSIX_PBA,
					DIV_ROUND_UP(nr, 64) * 8);
}

/* NVT_IRQ_MASKED and NVT_IRQ_PENDING of a vector, read from the device. */
static u32 nvt_msix_flags(struct nvt_dev *dev, u16 index)
{
	u32 flags = 0;

	if (dev->msix_table &&
	    readl(dev->msix_table + index * PCI_MSIX_ENTRY_SIZE +
		  PCI_MSIX_ENTRY_VECTOR_CTRL) & PCI_MSIX_ENTRY_CTRL_MASKBIT)
		flags |= NVT_IRQ_MASKED;
	if (dev->msix_pba &&
	    readl(dev->msix_pba + (index / 32) * 4) & BIT(index % 32))
		flags |= NVT_IRQ_PENDING;
	return flags;
}

/*
 * Mask a vector at the function: disable_irq() of an irq marked
 * IRQ_DISABLE_UNLAZY sets the Mask bit of its MSI-X entry at once (not at
 * the next interrupt), and enable_irq() clears it, after which the
 * function sends what it held.  Completions are found by polling, so the
 * driver's own queues on the vector go on meanwhile.
 */
static void nvt_vector_mask(struct nvt_vector *v, struct nvt_file *nf)
{
	lockdep_assert_held(&nvt_irq_mask_lock);
	if (v->masked_by)
		return;
	disable_irq(v->irq);
	v->masked_by = nf;
}

static void nvt_vector_unmask(struct nvt_vector *v)
{
	lockdep_assert_held(&nvt_irq_mask_lock);
	if (!v->masked_by)
		return;
	v->masked_by = NULL;
	enable_irq(v->irq);
}

/* A file that masked vectors is closed: unmask them. */
void nvt_irq_release_file(struct nvt_dev *dev, struct nvt_file *nf)
{
	int i;

	mutex_lock(&nvt_irq_mask_lock);
	for (i = 0; i < dev->nr_vectors; i++)
		if (dev->vectors[i].masked_by == nf)
			nvt_vector_unmask(&dev->vectors[i]);
	mutex_unlock(&nvt_irq_mask_lock);
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
		if (dev->irq_type == NVT_IRQ_MSIX)
			irq_set_status_flags(v->irq, IRQ_DISABLE_UNLAZY);
	}
	dev->nr_vectors = nr;
	if (dev->irq_type == NVT_IRQ_MSIX)
		nvt_msix_map(dev, nr);
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

	mutex_lock(&nvt_irq_mask_lock);
	for (i = 0; i < dev->nr_vectors; i++) {
		struct nvt_vector *v = &dev->vectors[i];

		nvt_vector_unmask(v);
		if (dev->irq_type == NVT_IRQ_MSIX)
			irq_clear_status_flags(v->irq, IRQ_DISABLE_UNLAZY);
		free_irq(v->irq, v);
	}
	mutex_unlock(&nvt_irq_mask_lock);
	dev->msix_table = NULL;
	dev->msix_pba = NULL;
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

	if (req->vector >= dev->nr_vectors || req->reserved)
		return -EINVAL;
	v = &dev->vectors[req->vector];
	nvt_irq_unmask_intx(dev);

	switch (req->op) {
	case NVT_IRQ_OP_MASK:
	case NVT_IRQ_OP_UNMASK:
	case NVT_IRQ_OP_PENDING:
		if (dev->irq_type != NVT_IRQ_MSIX) {
			dev_info_ratelimited(&dev->pdev->dev,
					     "irq: vector masking is for MSI-X only, the device uses %s\n",
					     dev->irq_type == NVT_IRQ_MSI ?
					     "MSI" : "INTx");
			return -EOPNOTSUPP;
		}
		if (req->op == NVT_IRQ_OP_PENDING)
			break;
		mutex_lock(&nvt_irq_mask_lock);
		if (req->op == NVT_IRQ_OP_MASK)
			nvt_vector_mask(v, nf);
		else
			nvt_vector_unmask(v);
		mutex_unlock(&nvt_irq_mask_lock);
		break;
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
	req->flags = dev->irq_type == NVT_IRQ_MSIX ?
		     nvt_msix_flags(dev, v->index) : 0;
	return 0;
}
