// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: the Controller Memory Buffer, for submission queue rings placed in
 * the controller's own memory.
 *
 * The CMB is enabled (CMBMSC.CRE, then CMSE with the controller base
 * address) the first time a ring asks for it, and again after a reset
 * cleared it; rings take whole pages of it.  The driver writes SQ entries
 * there with 32-bit MMIO accesses.
 */
#include <linux/bitmap.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/slab.h>

#include "nvt.h"

#define NVT_REG_CMBLOC		0x38
#define NVT_REG_CMBSZ		0x3c
#define NVT_REG_CMBMSC		0x50
#define NVT_CMBMSC_CRE		BIT_ULL(0)
#define NVT_CMBMSC_CMSE		BIT_ULL(1)
#define NVT_CMBSZ_SQS		BIT(0)
#define NVT_CMB_PAGE		4096

/* Turn the CMB on (again) and learn where it is. */
static int nvt_cmb_enable(struct nvt_dev *dev)
{
	void __iomem *bar0 = dev->bar[0];
	u64 msc = lo_hi_readq(bar0 + NVT_REG_CMBMSC);
	u32 loc, sz, bir;
	u64 unit, size, offset, bus;

	/* CMBLOC and CMBSZ read 0 until CMBMSC.CRE is set */
	if (!(msc & NVT_CMBMSC_CRE))
		lo_hi_writeq(msc | NVT_CMBMSC_CRE, bar0 + NVT_REG_CMBMSC);
	loc = readl(bar0 + NVT_REG_CMBLOC);
	sz = readl(bar0 + NVT_REG_CMBSZ);
	if (!sz || !(sz & NVT_CMBSZ_SQS))
		return -EOPNOTSUPP;
	bir = loc & 0x7;
	unit = 4096ull << (4 * ((sz >> 8) & 0xf));
	size = (u64)(sz >> 12) * unit;
	offset = (u64)(loc >> 12) * unit;
	if (bir >= PCI_STD_NUM_BARS || !dev->bar[bir] ||
	    offset + size > dev->bar_len[bir] || size < NVT_CMB_PAGE)
		return -EINVAL;
	bus = pci_bus_address(dev->pdev, bir) + offset;
	/* DMA addresses inside the CMB mean the CMB from now on */
	lo_hi_writeq(NVT_CMBMSC_CRE | NVT_CMBMSC_CMSE | (bus & ~0xfffull),
		     bar0 + NVT_REG_CMBMSC);
	if (!dev->cmb_map) {
		dev->cmb_pages = min_t(u64, size / NVT_CMB_PAGE, 1u << 20);
		dev->cmb_map = bitmap_zalloc(dev->cmb_pages, GFP_KERNEL);
		if (!dev->cmb_map)
			return -ENOMEM;
	}
	dev->cmb = dev->bar[bir] + offset;
	dev->cmb_bus = bus;
	return 0;
}

int nvt_cmb_alloc(struct nvt_dev *dev, size_t len, void __iomem **va,
		  dma_addr_t *bus)
{
	unsigned int pages = DIV_ROUND_UP(len, NVT_CMB_PAGE);
	unsigned long first;
	int ret;

	mutex_lock(&dev->cmb_lock);
	ret = nvt_cmb_enable(dev);
	if (ret)
		goto out;
	first = bitmap_find_next_zero_area(dev->cmb_map, dev->cmb_pages, 0,
					   pages, 0);
	if (first >= dev->cmb_pages) {
		ret = -ENOSPC;
		goto out;
	}
	bitmap_set(dev->cmb_map, first, pages);
	*va = dev->cmb + first * NVT_CMB_PAGE;
	*bus = dev->cmb_bus + first * NVT_CMB_PAGE;
out:
	mutex_unlock(&dev->cmb_lock);
	return ret;
}

void nvt_cmb_free(struct nvt_dev *dev, void __iomem *va, size_t len)
{
	unsigned int pages = DIV_ROUND_UP(len, NVT_CMB_PAGE);

	mutex_lock(&dev->cmb_lock);
	if (dev->cmb_map)
		bitmap_clear(dev->cmb_map, (va - dev->cmb) / NVT_CMB_PAGE,
			     pages);
	mutex_unlock(&dev->cmb_lock);
}

void nvt_cmb_teardown(struct nvt_dev *dev)
{
	bitmap_free(dev->cmb_map);
	dev->cmb_map = NULL;
	dev->cmb = NULL;
}
