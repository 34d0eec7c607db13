// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: config space and BAR access, and what the driver learns from the
 * register writes it carries out (controller enable/disable).
 */
#include <linux/delay.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/jiffies.h>

#include "nvt.h"

int nvt_ioctl_info(struct nvt_dev *dev, void __user *uarg)
{
	struct pci_dev *pdev = dev->pdev;
	struct nvt_info info;
	int i, ret;

	ret = nvt_copy_arg_in(&info, sizeof(info), uarg);
	if (ret)
		return ret;

	info.abi_version = NVT_ABI_VERSION;
	info.domain = pci_domain_nr(pdev->bus);
	info.bus = pdev->bus->number;
	info.devfn = pdev->devfn;
	info.minor = dev->minor;
	info.vendor = pdev->vendor;
	info.device = pdev->device;
	info.subsystem_vendor = pdev->subsystem_vendor;
	info.subsystem_device = pdev->subsystem_device;
	info.class_code = pdev->class;
	info.revision = pdev->revision;
	info.irq_type = dev->irq_type;
	info.nr_vectors = dev->nr_vectors;
	info.cfg_size = pdev->cfg_size;
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		unsigned long flags = pci_resource_flags(pdev, i);
		u32 bf = 0;

		info.bar_len[i] = dev->bar_len[i];
		info.bar_phys[i] = pci_resource_start(pdev, i);
		if (flags & IORESOURCE_MEM)
			bf |= NVT_BAR_MEM;
		if (flags & IORESOURCE_MEM_64)
			bf |= NVT_BAR_64;
		if (flags & IORESOURCE_PREFETCH)
			bf |= NVT_BAR_PREFETCH;
		if (dev->bar[i])
			bf |= NVT_BAR_MAPPED;
		info.bar_flags[i] = bf;
	}
	return nvt_copy_arg_out(uarg, &info, sizeof(info));
}

static int nvt_check_rw(struct nvt_dev *dev, const struct nvt_rw *rw)
{
	u64 len;

	if (rw->flags)
		return -EINVAL;
	if (rw->width != 1 && rw->width != 2 && rw->width != 4 &&
	    rw->width != 8)
		return -EINVAL;
	if (rw->offset & (rw->width - 1))
		return -EINVAL;

	if (rw->space == NVT_SPACE_CONFIG) {
		if (rw->width == 8)
			return -EINVAL;
		len = dev->pdev->cfg_size;
	} else if (rw->space >= NVT_SPACE_BAR(0) &&
		   rw->space <= NVT_SPACE_BAR(PCI_STD_NUM_BARS - 1)) {
		if (!dev->bar[rw->space - NVT_SPACE_BAR(0)])
			return -ENXIO;	/* absent, I/O port or unmapped */
		len = dev->bar_len[rw->space - NVT_SPACE_BAR(0)];
	} else {
		return -EINVAL;
	}
	if (rw->offset >= len || len - rw->offset < rw->width)
		return -ERANGE;
	return 0;
}

static int nvt_config_read(struct pci_dev *pdev, struct nvt_rw *rw)
{
	u8 b;
	u16 w;
	u32 d;
	int ret;

	switch (rw->width) {
	case 1:
		ret = pci_user_read_config_byte(pdev, rw->offset, &b);
		rw->value = b;
		break;
	case 2:
		ret = pci_user_read_config_word(pdev, rw->offset, &w);
		rw->value = w;
		break;
	default:
		ret = pci_user_read_config_dword(pdev, rw->offset, &d);
		rw->value = d;
		break;
	}
	return ret ? -EIO : 0;
}

static int nvt_config_write(struct pci_dev *pdev, const struct nvt_rw *rw)
{
	int ret;

	switch (rw->width) {
	case 1:
		ret = pci_user_write_config_byte(pdev, rw->offset, rw->value);
		break;
	case 2:
		ret = pci_user_write_config_word(pdev, rw->offset, rw->value);
		break;
	default:
		ret = pci_user_write_config_dword(pdev, rw->offset, rw->value);
		break;
	}
	return ret ? -EIO : 0;
}

static u64 nvt_bar_read(void __iomem *addr, u32 width)
{
	switch (width) {
	case 1:
		return readb(addr);
	case 2:
		return readw(addr);
	case 4:
		return readl(addr);
	default:
		return readq(addr);
	}
}

static void nvt_bar_write(void __iomem *addr, u32 width, u64 value)
{
	switch (width) {
	case 1:
		writeb(value, addr);
		break;
	case 2:
		writew(value, addr);
		break;
	case 4:
		writel(value, addr);
		break;
	default:
		writeq(value, addr);
		break;
	}
}

int nvt_ioctl_read(struct nvt_dev *dev, void __user *uarg)
{
	struct nvt_rw rw;
	int ret;

	ret = nvt_copy_arg_in(&rw, sizeof(rw), uarg);
	if (ret)
		return ret;
	ret = nvt_check_rw(dev, &rw);
	if (ret)
		return ret;

	if (rw.space == NVT_SPACE_CONFIG) {
		ret = nvt_config_read(dev->pdev, &rw);
		if (ret)
			return ret;
	} else {
		rw.value = nvt_bar_read(dev->bar[rw.space - NVT_SPACE_BAR(0)] +
					rw.offset, rw.width);
	}
	return nvt_copy_arg_out(uarg, &rw, sizeof(rw));
}

static bool nvt_rw_overlaps(const struct nvt_rw *rw, u64 start, u64 len)
{
	return rw->space == NVT_SPACE_BAR(0) && rw->offset < start + len &&
	       start < rw->offset + rw->width;
}

/* The controller left the enabled state: its queues are gone. */
void nvt_ctrl_disabled(struct nvt_dev *dev)
{
	lockdep_assert_held(&dev->ctrl_lock);

	dev->ctrl_enabled = false;
	/* the controller forgets the doorbell buffer */
	WRITE_ONCE(dev->dbbuf_on, false);
	if (dev->adminq)
		nvt_queue_reset(dev->adminq);
	nvt_ioqs_orphan(dev);
	/* Memory parked for raw DMA can go once CSTS.RDY reads 0. */
	dev->quiesce_deadline = jiffies +
		msecs_to_jiffies((NVT_CAP_TIMEOUT(dev->cap) + 1) * 500);
	mod_delayed_work(system_wq, &dev->quiesce_work, 0);
}

/* Track CC.EN through the writes we perform. */
static void nvt_ctrl_note_cc(struct nvt_dev *dev)
{
	u32 cc = readl(dev->bar[0] + NVT_REG_CC);
	bool enabled = cc & NVT_CC_ENABLE;

	if (dev->ctrl_enabled && !enabled) {
		nvt_ctrl_disabled(dev);
	} else if (!dev->ctrl_enabled && enabled) {
		dev->ctrl_enabled = true;
		dev->page_size = 4096u << NVT_CC_MPS(cc);
	}
}

int nvt_ioctl_write(struct nvt_dev *dev, void __user *uarg)
{
	struct nvt_rw rw;
	int ret;

	ret = nvt_copy_arg_in(&rw, sizeof(rw), uarg);
	if (ret)
		return ret;
	ret = nvt_check_rw(dev, &rw);
	if (ret)
		return ret;

	if (rw.space == NVT_SPACE_CONFIG)
		return nvt_config_write(dev->pdev, &rw);

	mutex_lock(&dev->ctrl_lock);
	nvt_bar_write(dev->bar[rw.space - NVT_SPACE_BAR(0)] + rw.offset,
		      rw.width, rw.value);
	if (nvt_rw_overlaps(&rw, NVT_REG_AQA, NVT_REG_ACQ + 8 - NVT_REG_AQA)) {
		/* The admin rings are no longer the ones we allocated. */
		dev->adminq_raw = true;
		dev->raw_dma = true;
	}
	if (nvt_rw_overlaps(&rw, NVT_REG_CC, 4))
		nvt_ctrl_note_cc(dev);
	mutex_unlock(&dev->ctrl_lock);
	return 0;
}

bool nvt_ctrl_ready_cleared(struct nvt_dev *dev)
{
	u32 csts = readl(dev->bar[0] + NVT_REG_CSTS);

	/* all ones: the device is gone, so it cannot DMA either */
	return csts == ~0u || !(csts & NVT_CSTS_RDY);
}

/*
 * Clear CC.EN.  With @wait, also wait up to CAP.TO for CSTS.RDY to clear,
 * so that on return the controller no longer touches host memory.
 */
/*
 * The device lost its power: whatever the controller had is gone, as after
 * a reset, but it is not told anything.
 */
void nvt_ctrl_lost_power(struct nvt_dev *dev)
{
	mutex_lock(&dev->ctrl_lock);
	if (dev->ctrl_enabled)
		nvt_ctrl_disabled(dev);
	mutex_unlock(&dev->ctrl_lock);
}

int nvt_ctrl_disable(struct nvt_dev *dev, bool wait)
{
	unsigned long deadline;
	u32 cc;

	mutex_lock(&dev->ctrl_lock);
	cc = readl(dev->bar[0] + NVT_REG_CC);
	if (cc != ~0u && (cc & NVT_CC_ENABLE))
		writel(cc & ~NVT_CC_ENABLE, dev->bar[0] + NVT_REG_CC);
	if (dev->ctrl_enabled)
		nvt_ctrl_disabled(dev);
	mutex_unlock(&dev->ctrl_lock);

	if (!wait)
		return 0;
	deadline = jiffies +
		   msecs_to_jiffies((NVT_CAP_TIMEOUT(dev->cap) + 1) * 500);
	while (!nvt_ctrl_ready_cleared(dev)) {
		if (time_after(jiffies, deadline)) {
			dev_warn(&dev->pdev->dev,
				 "CSTS.RDY still set after disabling\n");
			return -ETIMEDOUT;
		}
		usleep_range(1000, 2000);
	}
	nvt_buf_free_parked(dev);
	return 0;
}
