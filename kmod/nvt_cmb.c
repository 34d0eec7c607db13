// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: controller memory behind a BAR: the Controller Memory Buffer, for
 * submission queue rings and data buffers, and the Persistent Memory
 * Region, for data buffers.
 *
 * The CMB is enabled (CMBMSC.CRE, then CMSE with the controller base
 * address) the first time a ring or buffer asks for it; the PMR the same
 * way (PMRCTL.EN, then PMRSTS.NRDY clears; PMRMSC.CMSE where PMRCAP.CMSS
 * offers it).  Each time the controller is enabled, what live rings and
 * buffers rely on is put back if a reset cleared it: a Controller Reset
 * (CC.EN 1 to 0) keeps CMBMSC and PMRMSC, but a function reset, hot reset
 * or power cycle returns every property to its default (0).  Rings and
 * buffers take whole pages.  The driver writes SQ entries there with 32-bit MMIO
 * accesses; user space maps buffers uncached.
 */
#include <linux/bitmap.h>
#include <linux/delay.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/jiffies.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "nvt.h"

#define NVT_CMB_PAGE		4096
#define NVT_PMR_MAX_WAIT_MS	60000

/* A 64-bit memory space control property: CBA's upper half first. */
static void nvt_devmem_msc_write(void __iomem *reg, u64 val)
{
	writel(upper_32_bits(val), reg + 4);
	writel(lower_32_bits(val), reg);
}

/* Turn the CMB on (again) and learn where it is; @need: CMBSZ bits. */
static int nvt_cmb_enable(struct nvt_dev *dev, u32 need)
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
	if (!sz || !(sz & need))
		return -EOPNOTSUPP;
	bir = NVT_CMBLOC_BIR(loc);
	unit = NVT_CMBSZ_UNIT(sz);
	size = (u64)NVT_CMBSZ_SZ(sz) * unit;
	offset = (u64)NVT_CMBLOC_OFST(loc) * unit;
	if (bir >= PCI_STD_NUM_BARS || !dev->bar[bir] ||
	    offset + size > dev->bar_len[bir] || size < NVT_CMB_PAGE)
		return -EINVAL;
	bus = pci_bus_address(dev->pdev, bir) + offset;
	/* DMA addresses inside the CMB mean the CMB from now on */
	dev->cmb_msc = NVT_CMBMSC_CRE | NVT_CMBMSC_CMSE | (bus & ~0xfffull);
	nvt_devmem_msc_write(bar0 + NVT_REG_CMBMSC, dev->cmb_msc);
	if (!dev->cmb_map) {
		dev->cmb_pages = min_t(u64, size / NVT_CMB_PAGE, 1u << 20);
		dev->cmb_map = bitmap_zalloc(dev->cmb_pages, GFP_KERNEL);
		if (!dev->cmb_map)
			return -ENOMEM;
	}
	dev->cmb = dev->bar[bir] + offset;
	dev->cmb_bus = bus;
	dev->cmb_phys = pci_resource_start(dev->pdev, bir) + offset;
	return 0;
}

/* PMRCTL.EN set: wait for PMRSTS.NRDY to clear, within PMRCAP.PMRTO. */
static int nvt_pmr_wait_ready(struct nvt_dev *dev, u32 cap)
{
	void __iomem *bar0 = dev->bar[0];
	u64 ms = (u64)NVT_PMRCAP_PMRTO(cap) *
		 (NVT_PMRCAP_PMRTU(cap) ? 60000 : 500);
	unsigned long deadline;
	u32 sts;

	ms = clamp_t(u64, ms, 500, NVT_PMR_MAX_WAIT_MS);
	deadline = jiffies + msecs_to_jiffies(ms);
	for (;;) {
		sts = readl(bar0 + NVT_REG_PMRSTS);
		if (sts == ~0u)
			return -ENODEV;
		if (!(sts & NVT_PMRSTS_NRDY))
			break;
		if (time_after(jiffies, deadline) || fatal_signal_pending(current)) {
			dev_info_ratelimited(&dev->pdev->dev,
					     "pmr: not ready %llu ms after PMRCTL.EN (PMRSTS 0x%x)\n",
					     ms, sts);
			return -EOPNOTSUPP;
		}
		usleep_range(10000, 20000);
	}
	if (NVT_PMRSTS_HSTS(sts)) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "pmr: health status %u (PMRSTS 0x%x): not used\n",
				     NVT_PMRSTS_HSTS(sts), sts);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Turn the PMR on (again) and learn where it is. */
static int nvt_pmr_enable(struct nvt_dev *dev)
{
	void __iomem *bar0 = dev->bar[0];
	u32 cap, bir;
	u64 size;
	dma_addr_t bus = 0;
	int ret;

	if (!NVT_CAP_PMRS(dev->cap))
		return -EOPNOTSUPP;
	cap = readl(bar0 + NVT_REG_PMRCAP);
	bir = NVT_PMRCAP_BIR(cap);
	if (bir < 2 || bir >= PCI_STD_NUM_BARS || !dev->bar[bir] ||
	    dev->bar_len[bir] < NVT_CMB_PAGE)
		return -EOPNOTSUPP;
	size = dev->bar_len[bir];
	if (!(readl(bar0 + NVT_REG_PMRCTL) & NVT_PMRCTL_EN))
		writel(NVT_PMRCTL_EN, bar0 + NVT_REG_PMRCTL);
	ret = nvt_pmr_wait_ready(dev, cap);
	if (ret)
		return ret;
	if (cap & NVT_PMRCAP_CMSS) {
		bus = pci_bus_address(dev->pdev, bir);
		dev->pmr_msc = (bus & ~0xfffull) | NVT_PMRMSC_CMSE;
		nvt_devmem_msc_write(bar0 + NVT_REG_PMRMSC, dev->pmr_msc);
	}
	if (!dev->pmr_map) {
		dev->pmr_pages = min_t(u64, size / NVT_CMB_PAGE, 1u << 20);
		dev->pmr_map = bitmap_zalloc(dev->pmr_pages, GFP_KERNEL);
		if (!dev->pmr_map)
			return -ENOMEM;
	}
	dev->pmr = dev->bar[bir];
	dev->pmr_bus = bus;
	dev->pmr_phys = pci_resource_start(dev->pdev, bir);
	return 0;
}

/* @pages whole pages of @map, or -ENOSPC. */
static long nvt_devmem_take(unsigned long *map, unsigned int nr,
			    unsigned int pages)
{
	unsigned long first;

	first = bitmap_find_next_zero_area(map, nr, 0, pages, 0);
	if (first >= nr)
		return -ENOSPC;
	bitmap_set(map, first, pages);
	return first;
}

int nvt_cmb_alloc(struct nvt_dev *dev, size_t len, void __iomem **va,
		  dma_addr_t *bus)
{
	unsigned int pages = DIV_ROUND_UP(len, NVT_CMB_PAGE);
	long first;
	int ret;

	mutex_lock(&dev->cmb_lock);
	ret = nvt_cmb_enable(dev, NVT_CMBSZ_SQS);
	if (ret)
		goto out;
	first = nvt_devmem_take(dev->cmb_map, dev->cmb_pages, pages);
	if (first < 0) {
		ret = first;
		goto out;
	}
	*va = dev->cmb + first * NVT_CMB_PAGE;
	*bus = dev->cmb_bus + first * NVT_CMB_PAGE;
out:
	mutex_unlock(&dev->cmb_lock);
	return ret;
}

void nvt_cmb_free(struct nvt_dev *dev, void __iomem *va, size_t len)
{
	nvt_devmem_free(dev, NVT_BUF_CMB, va, len);
}

int nvt_devmem_alloc(struct nvt_dev *dev, u32 where, size_t len,
		     void __iomem **va, dma_addr_t *bus, phys_addr_t *phys)
{
	unsigned int pages = DIV_ROUND_UP(len, NVT_CMB_PAGE);
	bool cmb = where == NVT_BUF_CMB;
	long first;
	int ret;

	mutex_lock(&dev->cmb_lock);
	ret = cmb ? nvt_cmb_enable(dev, NVT_CMBSZ_RDS | NVT_CMBSZ_WDS) :
		    nvt_pmr_enable(dev);
	if (ret) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "buf: no %s to allocate from (%d)\n",
				     cmb ? "controller memory buffer with data support" :
				     "persistent memory region", ret);
		ret = ret == -ENOMEM ? ret : -EOPNOTSUPP;
		goto out;
	}
	first = nvt_devmem_take(cmb ? dev->cmb_map : dev->pmr_map,
				cmb ? dev->cmb_pages : dev->pmr_pages, pages);
	if (first < 0) {
		ret = first;
		goto out;
	}
	first *= NVT_CMB_PAGE;
	*va = (cmb ? dev->cmb : dev->pmr) + first;
	*phys = (cmb ? dev->cmb_phys : dev->pmr_phys) + first;
	if (cmb)
		*bus = dev->cmb_bus + first;
	else
		*bus = dev->pmr_bus ? dev->pmr_bus + first : 0;
out:
	mutex_unlock(&dev->cmb_lock);
	return ret;
}

void nvt_devmem_free(struct nvt_dev *dev, u32 where, void __iomem *va,
		     size_t len)
{
	unsigned int pages = DIV_ROUND_UP(len, NVT_CMB_PAGE);
	bool cmb = where == NVT_BUF_CMB;
	unsigned long *map;

	mutex_lock(&dev->cmb_lock);
	map = cmb ? dev->cmb_map : dev->pmr_map;
	if (map)
		bitmap_clear(map, (va - (cmb ? dev->cmb : dev->pmr)) /
			     NVT_CMB_PAGE, pages);
	mutex_unlock(&dev->cmb_lock);
}

/*
 * The controller was enabled (ctrl_lock held): the CMB and the PMR as the
 * live rings and buffers in them need them, whatever reset came before.
 * PMRSTS.NRDY is not waited for here: a PMR not ready yet answers as the
 * controller decides.
 */
void nvt_devmem_restore(struct nvt_dev *dev)
{
	void __iomem *bar0 = dev->bar[0];

	lockdep_assert_held(&dev->ctrl_lock);
	mutex_lock(&dev->cmb_lock);
	if (dev->cmb_map && !bitmap_empty(dev->cmb_map, dev->cmb_pages) &&
	    lo_hi_readq(bar0 + NVT_REG_CMBMSC) != dev->cmb_msc) {
		/* CMBLOC and CMBSZ come back with CRE, the space with CMSE */
		writel(NVT_CMBMSC_CRE, bar0 + NVT_REG_CMBMSC);
		nvt_devmem_msc_write(bar0 + NVT_REG_CMBMSC, dev->cmb_msc);
		dev_info(&dev->pdev->dev, "cmb: enabled again after a reset\n");
	}
	if (dev->pmr_map && !bitmap_empty(dev->pmr_map, dev->pmr_pages)) {
		if (!(readl(bar0 + NVT_REG_PMRCTL) & NVT_PMRCTL_EN)) {
			writel(NVT_PMRCTL_EN, bar0 + NVT_REG_PMRCTL);
			dev_info(&dev->pdev->dev, "pmr: enabled again after a reset\n");
		}
		if (dev->pmr_msc &&
		    lo_hi_readq(bar0 + NVT_REG_PMRMSC) != dev->pmr_msc)
			nvt_devmem_msc_write(bar0 + NVT_REG_PMRMSC,
					     dev->pmr_msc);
	}
	mutex_unlock(&dev->cmb_lock);
}

void nvt_cmb_teardown(struct nvt_dev *dev)
{
	mutex_lock(&dev->cmb_lock);
	bitmap_free(dev->cmb_map);
	dev->cmb_map = NULL;
	dev->cmb = NULL;
	bitmap_free(dev->pmr_map);
	dev->pmr_map = NULL;
	dev->pmr = NULL;
	mutex_unlock(&dev->cmb_lock);
}
