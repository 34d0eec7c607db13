// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: config space and BAR access, and what the driver learns from the
 * register writes it carries out (controller enable/disable).
 */
#include <linux/delay.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/jiffies.h>

#include "nvt.h"

long nvt_ioctl_info(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct pci_dev *pdev = dev->pdev;
	struct nvt_info *ip = arg, info = *ip;
	int i;

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
	*ip = info;
	return 0;
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

long nvt_ioctl_read(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rw *rw = arg;
	int ret;

	ret = nvt_check_rw(dev, rw);
	if (ret)
		return ret;
	if (rw->space == NVT_SPACE_CONFIG)
		return nvt_config_read(dev->pdev, rw);
	/* waiting for CSTS.RDY: a fatal status is told as it is seen */
	if (rw->space == NVT_SPACE_BAR(0) && rw->offset == NVT_REG_CSTS &&
	    rw->width == 4) {
		rw->value = nvt_ctrl_csts(dev);
		return 0;
	}
	rw->value = nvt_bar_read(dev->bar[rw->space - NVT_SPACE_BAR(0)] +
				 rw->offset, rw->width);
	return 0;
}

static bool nvt_rw_overlaps(const struct nvt_rw *rw, u64 start, u64 len)
{
	return rw->space == NVT_SPACE_BAR(0) && rw->offset < start + len &&
	       start < rw->offset + rw->width;
}

/*
 * Registers whose value is an address the controller will use (admin queue
 * base, boot partition buffer, CMB and PMR controller base) and doorbells,
 * which make the controller fetch whatever a ring holds: writing them is
 * raw DMA.  So is writing any other BAR (a CMB holds rings and PRP lists).
 */
static bool nvt_write_is_raw(const struct nvt_rw *rw)
{
	static const struct { u32 start, len; } raw[] = {
		{ NVT_REG_AQA, NVT_REG_ACQ + 8 - NVT_REG_AQA },
		{ NVT_REG_BPRSEL, 4 },	/* starts a read into BPMBL */
		{ NVT_REG_BPMBL, 8 },
		{ NVT_REG_CMBMSC, 8 },
		{ NVT_REG_PMRMSC, 8 },
		{ NVT_REG_DBS, U32_MAX - NVT_REG_DBS },
	};
	int i;

	if (rw->space != NVT_SPACE_BAR(0))
		return true;
	for (i = 0; i < ARRAY_SIZE(raw); i++)
		if (nvt_rw_overlaps(rw, raw[i].start, raw[i].len))
			return true;
	return false;
}

static bool nvt_cfg_write_is_raw(const struct nvt_rw *rw)
{
	u64 end = rw->offset + rw->width;

	return (rw->offset < PCI_BASE_ADDRESS_5 + 4 &&
		end > PCI_BASE_ADDRESS_0) ||
	       (rw->offset < PCI_ROM_ADDRESS + 4 && end > PCI_ROM_ADDRESS);
}

/*
 * Does @rw set CC.EN?  Enabling a controller whose admin queue registers
 * are not the driver's (none set up, or written by hand) lets it fetch
 * from whatever they hold: the previous owner's freed rings, or address 0.
 */
static bool nvt_write_enables(const struct nvt_rw *rw)
{
	if (!nvt_rw_overlaps(rw, NVT_REG_CC, 1))
		return false;
	return (rw->value >> (8 * (NVT_REG_CC - rw->offset))) & NVT_CC_EN;
}

/* Does @rw clear CC.EN of a controller that has it set? */
static bool nvt_write_disables(struct nvt_dev *dev, const struct nvt_rw *rw)
{
	u32 cc;

	if (!nvt_rw_overlaps(rw, NVT_REG_CC, 1) || nvt_write_enables(rw))
		return false;
	cc = readl(dev->bar[0] + NVT_REG_CC);
	return cc != ~0u && (cc & NVT_CC_EN);
}

long nvt_ioctl_write(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rw *rw = arg;
	int ret;

	ret = nvt_check_rw(dev, rw);
	if (ret)
		return ret;
	if (rw->space == NVT_SPACE_CONFIG) {
		/* a BAR moved over host memory would decode it as the device's */
		if (nvt_cfg_write_is_raw(rw)) {
			mutex_lock(&dev->ctrl_lock);
			ret = nvt_raw_dma_use(dev);
			mutex_unlock(&dev->ctrl_lock);
			if (ret)
				return ret;
		}
		return nvt_config_write(dev->pdev, rw);
	}

	mutex_lock(&dev->ctrl_lock);
	if (nvt_write_is_raw(rw) ||
	    (nvt_write_enables(rw) && (!dev->adminq || dev->adminq_raw))) {
		ret = nvt_raw_dma_use(dev);
		if (ret)
			goto out;
	}
	if (nvt_write_disables(dev, rw))
		nvt_ctrl_quiet_before_reset(dev);
	nvt_bar_write(dev->bar[rw->space - NVT_SPACE_BAR(0)] + rw->offset,
		      rw->width, rw->value);
	/* the admin rings are no longer the ones we allocated */
	if (nvt_rw_overlaps(rw, NVT_REG_AQA, NVT_REG_ACQ + 8 - NVT_REG_AQA))
		dev->adminq_raw = true;
	/* CC.EN, or an NVM subsystem reset that clears it */
	if (nvt_rw_overlaps(rw, NVT_REG_CC, 4) ||
	    nvt_rw_overlaps(rw, NVT_REG_NSSR, 4))
		nvt_ctrl_note_cc(dev);
out:
	mutex_unlock(&dev->ctrl_lock);
	return ret;
}
