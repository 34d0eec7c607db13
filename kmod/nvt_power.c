// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: power cycles.
 *
 * A power controller outside the host cuts the device's power; the device
 * drops off the bus and comes back as a new PCI device.  Told beforehand
 * (NVT_IOC_POWER), nvt.ko leaves the dying device alone, parks what must
 * outlive it (its /dev/nvtN number and the namespaces' verification tables)
 * under its PCI address, and claims the device that shows up there again
 * before the inbox driver can: the test goes on with the same tables, so
 * data written before the power loss is checked when it is read after.
 */
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "nvt.h"

static unsigned int power_wait_s = 600;
module_param(power_wait_s, uint, 0644);
MODULE_PARM_DESC(power_wait_s,
		 "how long a device whose power was cut is waited for (s)");

struct nvt_parked {
	struct list_head node;
	int domain;
	u8 bus;
	u8 devfn;
	/* what comes back must be the same kind of function */
	u16 vendor, device, subsystem_vendor, subsystem_device;
	unsigned long until;	/* jiffies */
	int minor;
	struct nvt_vtable *vts[NVT_MAX_VTABLES];
};

static DEFINE_MUTEX(nvt_parked_lock);
static LIST_HEAD(nvt_parked_list);

static void nvt_parked_free(struct nvt_parked *p)
{
	list_del(&p->node);
	nvt_datacheck_drop_parked(p->vts);
	kfree(p);
}

/*
 * The record of @pdev's address, if one is still waited for and @pdev is
 * the function that went away (same IDs); a stale or foreign one goes.
 */
static struct nvt_parked *nvt_parked_find(struct pci_dev *pdev)
{
	struct nvt_parked *p, *next;

	lockdep_assert_held(&nvt_parked_lock);
	list_for_each_entry_safe(p, next, &nvt_parked_list, node) {
		if (time_after(jiffies, p->until)) {
			nvt_parked_free(p);
			continue;
		}
		if (p->domain != pci_domain_nr(pdev->bus) ||
		    p->bus != pdev->bus->number || p->devfn != pdev->devfn)
			continue;
		if (p->vendor != pdev->vendor || p->device != pdev->device ||
		    p->subsystem_vendor != pdev->subsystem_vendor ||
		    p->subsystem_device != pdev->subsystem_device) {
			dev_info(&pdev->dev,
				 "another function than the one whose power was cut: not claimed\n");
			nvt_parked_free(p);
			return NULL;
		}
		return p;
	}
	return NULL;
}

long nvt_ioctl_power(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_power *pw = arg;

	if (pw->flags & ~NVT_POWER_CUT)
		return -EINVAL;
	/*
	 * A virtual function has no power of its own: it goes with its PF,
	 * and does not come back until the PF's driver enables VFs again.
	 */
	if ((pw->flags & NVT_POWER_CUT) && dev->pdev->is_virtfn)
		return -EOPNOTSUPP;
	WRITE_ONCE(dev->power_cut, pw->flags & NVT_POWER_CUT);
	if (pw->flags & NVT_POWER_CUT) {
		dev_info(&dev->pdev->dev, "nvt%d: power cut announced\n",
			 dev->minor);
		nvt_event_simple(dev, NVT_EV_POWER_CUT);
	}
	return 0;
}

/*
 * Removal of a device whose power was cut (its queues are freed): keep its
 * tables and number for the device that comes back at its address.  An
 * older record of the same address (a device that never came back) goes.
 */
void nvt_power_park(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	struct nvt_parked *p, *old;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return;	/* it comes back as a new device, verification off */
	p->domain = pci_domain_nr(pdev->bus);
	p->bus = pdev->bus->number;
	p->devfn = pdev->devfn;
	p->vendor = pdev->vendor;
	p->device = pdev->device;
	p->subsystem_vendor = pdev->subsystem_vendor;
	p->subsystem_device = pdev->subsystem_device;
	p->until = jiffies + (unsigned long)power_wait_s * HZ;
	p->minor = dev->minor;
	nvt_datacheck_park(dev, p->vts);

	mutex_lock(&nvt_parked_lock);
	old = nvt_parked_find(pdev);
	if (old)
		nvt_parked_free(old);
	list_add(&p->node, &nvt_parked_list);
	mutex_unlock(&nvt_parked_lock);
	dev_info(&pdev->dev, "nvt%d lost power: waiting for it at this address\n",
		 dev->minor);
}

/*
 * Probe: was this address parked?  Hands over the tables (into @vts) and
 * returns the minor to use again, or -1.
 */
int nvt_power_reclaim(struct pci_dev *pdev, struct nvt_vtable **vts)
{
	struct nvt_parked *p;
	int minor = -1, i;

	mutex_lock(&nvt_parked_lock);
	p = nvt_parked_find(pdev);
	if (p) {
		minor = p->minor;
		for (i = 0; i < NVT_MAX_VTABLES; i++) {
			vts[i] = p->vts[i];
			p->vts[i] = NULL;
		}
		nvt_parked_free(p);
	}
	mutex_unlock(&nvt_parked_lock);
	return minor;
}

static int nvt_set_driver_override(struct pci_dev *pdev)
{
#ifdef NVT_HAVE_DEVICE_DRIVER_OVERRIDE
	return device_set_driver_override(&pdev->dev, "nvt");
#else
	return driver_set_override(&pdev->dev, &pdev->driver_override, "nvt",
				   strlen("nvt"));
#endif
}

/*
 * A PCI device is being added: if it appears where a device lost power,
 * name nvt in its driver_override before any driver is matched to it.
 */
static int nvt_power_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct device *d = data;
	struct pci_dev *pdev = to_pci_dev(d);
	int ret = 0;

	if (action != BUS_NOTIFY_ADD_DEVICE)
		return NOTIFY_DONE;
	mutex_lock(&nvt_parked_lock);
	if (nvt_parked_find(pdev)) {
		if (pdev->class == NVT_CLASS_NVME)
			ret = nvt_set_driver_override(pdev);
		else
			ret = -ENODEV;
		if (ret)
			dev_warn(d, "powered on again but not claimed by nvt (%d)\n",
				 ret);
		else
			dev_info(d, "powered on again: claimed by nvt\n");
	}
	mutex_unlock(&nvt_parked_lock);
	return NOTIFY_OK;
}

static struct notifier_block nvt_power_nb = {
	.notifier_call = nvt_power_notify,
};

int nvt_power_init(void)
{
	return bus_register_notifier(&pci_bus_type, &nvt_power_nb);
}

void nvt_power_exit(void)
{
	struct nvt_parked *p, *next;

	bus_unregister_notifier(&pci_bus_type, &nvt_power_nb);
	mutex_lock(&nvt_parked_lock);
	list_for_each_entry_safe(p, next, &nvt_parked_list, node)
		nvt_parked_free(p);
	mutex_unlock(&nvt_parked_lock);
}
