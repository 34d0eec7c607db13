// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: the function and its link (NVT_IOC_PCIE): Function Level Reset,
 * hot reset, power states through the PM capability, link speed and
 * retraining, ASPM on both ends of the link.
 *
 * A reset of the function ends the controller's life the way a CC.EN
 * reset does (nvt_ctrl_disable(): commands in flight end as aborted, the
 * verification tables keep what was written before), with the function's
 * config space saved before and restored after, as the PCI core does
 * around its own resets.  The controller is left disabled with its admin
 * queue registers at their defaults; the test initializes it again.  All
 * of it runs with dev->lock held for writing, so no other ioctl touches
 * the device meanwhile.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/pci.h>

#include "nvt.h"

#define NVT_RETRAIN_TIMEOUT_MS	1000
#define NVT_D3HOT_WAIT_MS	10
/* LNKCAP2 Supported Link Speeds Vector: bit N for speed N (no mask in 6.1) */
#define NVT_LNKCAP2_SLSV	GENMASK(7, 1)

/* The PCIe port above the function, if there is one. */
static struct pci_dev *nvt_pcie_upstream(struct pci_dev *pdev)
{
	struct pci_dev *up = pci_upstream_bridge(pdev);

	return up && pci_is_pcie(up) ? up : NULL;
}

static void nvt_pcie_status(struct nvt_dev *dev, struct nvt_pcie_ctl *pc)
{
	struct pci_dev *pdev = dev->pdev, *up = nvt_pcie_upstream(pdev);
	u16 pmcsr = 0, lnksta = 0, lnkctl = 0, ctl2 = 0;
	u32 devcap = 0, lnkcap = 0, up_lnkcap = 0;

	pc->present = 0;
	if (pdev->pm_cap) {
		pc->present |= NVT_PCIE_HAS_PM;
		pci_read_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, &pmcsr);
	}
	pc->d_state = pmcsr & PCI_PM_CTRL_STATE_MASK;
	pc->no_soft_reset = !!(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET);

	pcie_capability_read_dword(pdev, PCI_EXP_DEVCAP, &devcap);
	if (devcap & PCI_EXP_DEVCAP_FLR)
		pc->present |= NVT_PCIE_HAS_FLR;
	if (pci_upstream_bridge(pdev))
		pc->present |= NVT_PCIE_HAS_BRIDGE;
	pcie_capability_read_word(pdev, PCI_EXP_LNKSTA, &lnksta);
	pcie_capability_read_word(pdev, PCI_EXP_LNKCTL, &lnkctl);
	pcie_capability_read_dword(pdev, PCI_EXP_LNKCAP, &lnkcap);
	pc->speed = lnksta & PCI_EXP_LNKSTA_CLS;
	pc->width = FIELD_GET(PCI_EXP_LNKSTA_NLW, lnksta);
	pc->max_speed = lnkcap & PCI_EXP_LNKCAP_SLS;
	pc->max_width = FIELD_GET(PCI_EXP_LNKCAP_MLW, lnkcap);
	pc->aspm = lnkctl & PCI_EXP_LNKCTL_ASPMC;
	pc->target_speed = 0;
	pc->aspm_up = 0;
	pc->aspm_support = 0;
	if (up) {
		pc->present |= NVT_PCIE_HAS_UPSTREAM;
		pcie_capability_read_word(up, PCI_EXP_LNKCTL2, &ctl2);
		pcie_capability_read_word(up, PCI_EXP_LNKCTL, &lnkctl);
		pcie_capability_read_dword(up, PCI_EXP_LNKCAP, &up_lnkcap);
		pc->target_speed = ctl2 & PCI_EXP_LNKCTL2_TLS;
		pc->aspm_up = lnkctl & PCI_EXP_LNKCTL_ASPMC;
		pc->aspm_support = FIELD_GET(PCI_EXP_LNKCAP_ASPMS,
					     lnkcap & up_lnkcap);
	}
}

/* Resetting the function would take its virtual functions down. */
static int nvt_pcie_check_vfs(struct nvt_dev *dev, const char *what)
{
	if (!pci_num_vf(dev->pdev))
		return 0;
	dev_info_ratelimited(&dev->pdev->dev,
			     "%s refused: %d virtual functions are enabled and would be reset too\n",
			     what, pci_num_vf(dev->pdev));
	return -EBUSY;
}

static void nvt_pcie_pm_write(struct pci_dev *pdev, u16 pmcsr, u8 state)
{
	pmcsr &= ~PCI_PM_CTRL_STATE_MASK;
	pmcsr |= state;
	pci_write_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, pmcsr);
	/* PCIe Base 5.9: 10 ms before the function is accessed again */
	msleep(max_t(unsigned int, pdev->d3hot_delay, NVT_D3HOT_WAIT_MS));
	pdev->current_state = (__force pci_power_t)state;
}

/*
 * After a Function Level Reset the function is in D0 (uninitialized); one
 * that was in D3hot and still reads so is put in D0.  Either way the PCI
 * core must know: it writes MSI-X table entries back only to a function
 * it believes in D0, and a table the reset cleared would stay cleared.
 */
static void nvt_pcie_reset_to_d0(struct pci_dev *pdev)
{
	u16 pmcsr;

	if (!pdev->pm_cap)
		return;
	pci_read_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, &pmcsr);
	if (pmcsr == 0xffff)
		return;
	if ((pmcsr & PCI_PM_CTRL_STATE_MASK) != (__force u8)PCI_D0)
		nvt_pcie_pm_write(pdev, pmcsr, (__force u8)PCI_D0);
	pdev->current_state = PCI_D0;
}

/* Before a reset of the function: the controller stops as on CC.EN=0. */
static void nvt_pcie_quiesce(struct nvt_dev *dev)
{
	/* a controller that keeps RDY set is stopped by the reset itself */
	nvt_ctrl_disable(dev, true);
}

static int nvt_pcie_flr(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	u32 devcap = 0;
	int ret;

	pcie_capability_read_dword(pdev, PCI_EXP_DEVCAP, &devcap);
	if (!(devcap & PCI_EXP_DEVCAP_FLR) ||
	    (pdev->dev_flags & PCI_DEV_FLAGS_NO_FLR_RESET)) {
		dev_info_ratelimited(&pdev->dev,
				     "FLR refused: the function does not advertise Function Level Reset (DEVCAP)\n");
		return -EOPNOTSUPP;
	}
	ret = nvt_pcie_check_vfs(dev, "FLR");
	if (ret)
		return ret;

	nvt_pcie_quiesce(dev);
	pci_cfg_access_lock(pdev);
	pci_save_state(pdev);
	ret = pcie_flr(pdev);
	nvt_pcie_reset_to_d0(pdev);
	pci_restore_state(pdev);
	pci_cfg_access_unlock(pdev);
	nvt_ctrl_function_reset(dev);
	if (ret)
		dev_warn(&pdev->dev, "FLR: the function did not come back (%d)\n",
			 ret);
	return ret;
}

struct nvt_bus_walk {
	struct pci_dev *self;
	bool other;
};

static int nvt_pcie_find_other(struct pci_dev *pdev, void *data)
{
	struct nvt_bus_walk *w = data;

	w->other |= pdev != w->self;
	return w->other;	/* stops the walk */
}

static int nvt_pcie_hot_reset(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	struct nvt_bus_walk w = { .self = pdev };
	int ret;

	if (!pci_upstream_bridge(pdev)) {
		dev_info_ratelimited(&pdev->dev,
				     "hot reset refused: no bridge above the function to reset its bus\n");
		return -EOPNOTSUPP;
	}
	pci_walk_bus(pdev->bus, nvt_pcie_find_other, &w);
	if (w.other) {
		dev_info_ratelimited(&pdev->dev,
				     "hot reset refused: other functions share the secondary bus and would be reset too\n");
		return -EBUSY;
	}
	ret = nvt_pcie_check_vfs(dev, "hot reset");
	if (ret)
		return ret;

	if (pci_probe_reset_slot(pdev->slot) && pci_probe_reset_bus(pdev->bus)) {
		dev_info_ratelimited(&pdev->dev,
				     "hot reset refused: the bridge above cannot reset its bus\n");
		return -EOPNOTSUPP;
	}

	nvt_pcie_quiesce(dev);
	/* saves and restores the config space of the bus's functions */
	ret = pci_reset_bus(pdev);
	if (ret == -EAGAIN) {
		dev_info_ratelimited(&pdev->dev,
				     "hot reset: the PCI core could not lock the bus, try again\n");
		return ret;
	}
	/* reset it was, whatever the wait for the link after it said */
	nvt_ctrl_function_reset(dev);
	if (ret && pci_device_is_present(pdev)) {
		dev_info(&pdev->dev,
			 "hot reset: the port reported %d after the reset, but the function answers\n",
			 ret);
		ret = 0;
	} else if (ret) {
		dev_warn(&pdev->dev, "hot reset: the function did not come back (%d)\n",
			 ret);
		ret = -ENODEV;
	}
	return ret;
}

/*
 * Release: a function a test left in D3hot goes back to D0 before nvt lets
 * it go, its config space put back when the transition reset it, so the
 * driver after nvt finds it as it was bound.
 */
void nvt_pcie_release_d0(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	u16 pmcsr;

	if (!pdev->pm_cap)
		return;
	pci_read_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, &pmcsr);
	if (pmcsr == 0xffff ||
	    (pmcsr & PCI_PM_CTRL_STATE_MASK) == (__force u8)PCI_D0)
		return;
	nvt_pcie_pm_write(pdev, pmcsr, (__force u8)PCI_D0);
	if (!(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET))
		pci_restore_state(pdev);
	dev_info(&pdev->dev, "back in D0 from D%u before release\n",
		 pmcsr & PCI_PM_CTRL_STATE_MASK);
}

/*
 * D0 <-> D3hot.  On the way down the config space is saved; on the way
 * back, a function without No_Soft_Reset is reset by the transition, so
 * the controller is quiesced first and the config space restored after.
 * A controller in D3hot is left as it is: a command sent then completes
 * or times out.
 */
static int nvt_pcie_d_state(struct nvt_dev *dev, u32 state)
{
	struct pci_dev *pdev = dev->pdev;
	u16 pmcsr;
	u8 now;

	if (state != (__force u32)PCI_D0 && state != (__force u32)PCI_D3hot)
		return -EINVAL;
	if (!pdev->pm_cap) {
		dev_info_ratelimited(&pdev->dev,
				     "D-state change refused: the function has no PM capability\n");
		return -EOPNOTSUPP;
	}
	pci_read_config_word(pdev, pdev->pm_cap + PCI_PM_CTRL, &pmcsr);
	if (pmcsr == 0xffff)
		return -ENODEV;
	now = pmcsr & PCI_PM_CTRL_STATE_MASK;
	if (now == state)
		return 0;
	if (state == (__force u32)PCI_D3hot) {
		pci_save_state(pdev);
		nvt_pcie_pm_write(pdev, pmcsr, state);
		return 0;
	}
	if (pmcsr & PCI_PM_CTRL_NO_SOFT_RESET) {
		nvt_pcie_pm_write(pdev, pmcsr, state);
		return 0;
	}
	if (now == (__force u8)PCI_D3hot) {
		int ret = nvt_pcie_check_vfs(dev, "D3hot to D0 (a reset)");

		if (ret)
			return ret;
	}
	nvt_pcie_quiesce(dev);
	nvt_pcie_pm_write(pdev, pmcsr, state);
	pci_restore_state(pdev);
	nvt_ctrl_function_reset(dev);
	return 0;
}

/* Wait for the upstream port's LNKSTA.LT to clear. */
static int nvt_pcie_link_trained(struct pci_dev *up)
{
	unsigned long deadline = jiffies +
				 msecs_to_jiffies(NVT_RETRAIN_TIMEOUT_MS);
	u16 lnksta;

	for (;;) {
		if (pcie_capability_read_word(up, PCI_EXP_LNKSTA, &lnksta))
			return -EIO;
		if (lnksta == 0xffff)
			return -ENODEV;
		if (!(lnksta & PCI_EXP_LNKSTA_LT))
			return 0;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		usleep_range(1000, 2000);
	}
}

/* LNKCTL2 Target Link Speed of the upstream port, then Retrain Link. */
static int nvt_pcie_link_speed(struct nvt_dev *dev, struct pci_dev *up,
			       u32 speed)
{
	u32 cap2 = 0, cap = 0;
	bool ok;
	int ret;

	if (speed < 1 || speed > 7)
		return -EINVAL;
	pcie_capability_read_dword(up, PCI_EXP_LNKCAP2, &cap2);
	pcie_capability_read_dword(up, PCI_EXP_LNKCAP, &cap);
	/* Supported Link Speeds Vector, or before it Max Link Speed */
	ok = cap2 & NVT_LNKCAP2_SLSV ? cap2 & BIT(speed) :
	     speed <= (cap & PCI_EXP_LNKCAP_SLS);
	if (!ok) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "link speed %u refused: the upstream port does not support it\n",
				     speed);
		return -EOPNOTSUPP;
	}
	ret = nvt_pcie_link_trained(up);
	if (ret)
		goto out;
	pcie_capability_clear_and_set_word(up, PCI_EXP_LNKCTL2,
					   PCI_EXP_LNKCTL2_TLS, speed);
	pcie_capability_set_word(up, PCI_EXP_LNKCTL, PCI_EXP_LNKCTL_RL);
	ret = nvt_pcie_link_trained(up);
out:
	if (ret)
		dev_warn(&dev->pdev->dev,
			 "link retraining did not finish (%d)\n", ret);
	return ret;
}

/*
 * ASPM Control on both ends.  Enabling goes upstream first, disabling
 * downstream first, as the PCI core does it.
 */
static int nvt_pcie_aspm(struct nvt_dev *dev, struct pci_dev *up, u32 aspm,
			 u8 support)
{
	struct pci_dev *pdev = dev->pdev;
	u16 up_ctl = 0;

	if (aspm & ~(NVT_PCIE_ASPM_L0S | NVT_PCIE_ASPM_L1))
		return -EINVAL;
	if (aspm & ~support) {
		dev_info_ratelimited(&pdev->dev,
				     "ASPM %#x refused: both ends of the link support only %#x (LNKCAP)\n",
				     aspm, support);
		return -EOPNOTSUPP;
	}
	pcie_capability_read_word(up, PCI_EXP_LNKCTL, &up_ctl);
	pcie_capability_clear_and_set_word(up, PCI_EXP_LNKCTL,
					   PCI_EXP_LNKCTL_ASPMC,
					   (up_ctl & PCI_EXP_LNKCTL_ASPMC) | aspm);
	pcie_capability_clear_and_set_word(pdev, PCI_EXP_LNKCTL,
					   PCI_EXP_LNKCTL_ASPMC, aspm);
	pcie_capability_clear_and_set_word(up, PCI_EXP_LNKCTL,
					   PCI_EXP_LNKCTL_ASPMC, aspm);
	return 0;
}

static int nvt_pcie_link_op(struct nvt_dev *dev, struct nvt_pcie_ctl *pc)
{
	struct pci_dev *up = nvt_pcie_upstream(dev->pdev);

	if (!up || !pci_is_pcie(dev->pdev)) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "link control refused: no PCIe port above the function\n");
		return -EOPNOTSUPP;
	}
	if (pc->op == NVT_PCIE_LINK_SPEED)
		return nvt_pcie_link_speed(dev, up, pc->value);
	return nvt_pcie_aspm(dev, up, pc->value, pc->aspm_support);
}

/* Only reading runs beside other ioctls; the rest alone. */
bool nvt_ioctl_pcie_exclusive(const void *arg)
{
	const struct nvt_pcie_ctl *pc = arg;

	return pc->op != NVT_PCIE_STATUS;
}

long nvt_ioctl_pcie(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_pcie_ctl *pc = arg;
	int ret = 0;

	if (pc->flags || pc->reserved)
		return -EINVAL;
	if ((pc->op == NVT_PCIE_STATUS || pc->op == NVT_PCIE_FLR ||
	     pc->op == NVT_PCIE_HOT_RESET) && pc->value)
		return -EINVAL;
	if (pc->op != NVT_PCIE_STATUS)
		lockdep_assert_held_write(&dev->lock);

	nvt_pcie_status(dev, pc);
	switch (pc->op) {
	case NVT_PCIE_STATUS:
		break;
	case NVT_PCIE_FLR:
		ret = nvt_pcie_flr(dev);
		break;
	case NVT_PCIE_HOT_RESET:
		ret = nvt_pcie_hot_reset(dev);
		break;
	case NVT_PCIE_D_STATE:
		ret = nvt_pcie_d_state(dev, pc->value);
		break;
	case NVT_PCIE_LINK_SPEED:
	case NVT_PCIE_ASPM:
		ret = nvt_pcie_link_op(dev, pc);
		break;
	default:
		return -EINVAL;
	}
	nvt_pcie_status(dev, pc);
	return ret;
}
