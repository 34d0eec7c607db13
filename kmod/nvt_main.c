// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: module entry, PCI probe/remove and the lifetime of a device.
 *
 * The driver has no ID table: it binds only to a device whose
 * driver_override names it, so loading the module never takes a controller
 * (the OS disk may be one) away from the inbox driver.
 */
#include <linux/delay.h>
#include <linux/dmapool.h>
#include <linux/idr.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "nvt.h"

static dev_t nvt_devt;
static DEFINE_IDA(nvt_minor_ida);
static DEFINE_MUTEX(nvt_devices_lock);
static DEFINE_XARRAY(nvt_devices);	/* minor -> struct nvt_dev */

static struct class nvt_class = {
	.name = "nvt",
	.dev_groups = nvt_dev_groups,
};

u64 nvt_nsec_to_usec(u64 ns)
{
	return div_u64(ns, NSEC_PER_USEC);
}

static void nvt_dev_release(struct kref *ref)
{
	struct nvt_dev *dev = container_of(ref, struct nvt_dev, ref);

	/* the minor went back at removal (or when probe failed) */
	pci_dev_put(dev->pdev);
	kfree(dev);
}

void nvt_dev_get(struct nvt_dev *dev)
{
	kref_get(&dev->ref);
}

void nvt_dev_put(struct nvt_dev *dev)
{
	kref_put(&dev->ref, nvt_dev_release);
}

/* Find a live device by minor and take a reference on it (for open). */
struct nvt_dev *nvt_dev_lookup(int minor)
{
	struct nvt_dev *dev;

	mutex_lock(&nvt_devices_lock);
	dev = xa_load(&nvt_devices, minor);
	if (dev)
		nvt_dev_get(dev);
	mutex_unlock(&nvt_devices_lock);
	return dev;
}

static void nvt_unmap_bars(struct nvt_dev *dev)
{
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		if (dev->bar[i])
			pci_iounmap(dev->pdev, dev->bar[i]);
		dev->bar[i] = NULL;
	}
}

static int nvt_map_bars(struct nvt_dev *dev)
{
	struct pci_dev *pdev = dev->pdev;
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		dev->bar_len[i] = pci_resource_len(pdev, i);
		if (!dev->bar_len[i] ||
		    !(pci_resource_flags(pdev, i) & IORESOURCE_MEM))
			continue;
		dev->bar[i] = pci_iomap(pdev, i, 0);
		if (!dev->bar[i]) {
			nvt_unmap_bars(dev);
			return -ENOMEM;
		}
	}
	if (!dev->bar[0] || dev->bar_len[0] < NVT_REG_DBS + 8) {
		dev_err(&pdev->dev, "BAR0 missing or too small for NVMe\n");
		nvt_unmap_bars(dev);
		return -ENODEV;
	}
	return 0;
}

static void nvt_init_timeouts(struct nvt_dev *dev)
{
	int i;

	for (i = 0; i < 256; i++) {
		dev->timeout_ms[0][i] = NVT_TIMEOUT_DEFAULT_MS;
		dev->timeout_ms[1][i] = NVT_TIMEOUT_DEFAULT_MS;
	}
}

static int nvt_dev_init(struct nvt_dev *dev)
{
	u32 cc;

	dev->cap = lo_hi_readq(dev->bar[0] + NVT_REG_CAP);
	dev->db_stride = 4 << NVT_CAP_DSTRD(dev->cap);
	if (NVT_REG_DBS + 2 * dev->db_stride > dev->bar_len[0]) {
		dev_err(&dev->pdev->dev, "doorbells beyond BAR0\n");
		return -ENODEV;
	}
	cc = readl(dev->bar[0] + NVT_REG_CC);
	dev->page_size = 4096u << NVT_CC_MPS(cc);
	/*
	 * The previous owner's queues are not ours: stop the controller, and
	 * take it as using host memory until CSTS.RDY says it is not.
	 */
	dev->state = NVT_STATE_ENABLED;
	nvt_ctrl_disable(dev, true);
	nvt_init_timeouts(dev);
	nvt_raw_dma_probe(dev);
	return 0;
}

static int nvt_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nvt_vtable *vts[NVT_MAX_VTABLES] = { };
	struct nvt_dev *dev;
	int ret, want;

	if (pdev->class != NVT_CLASS_NVME) {
		dev_err(&pdev->dev, "not an NVMe controller (class %06x)\n",
			pdev->class);
		return -ENODEV;
	}

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	kref_init(&dev->ref);
	dev->pdev = pci_dev_get(pdev);
	init_rwsem(&dev->lock);
	atomic_set(&dev->exclusive_waiting, 0);
	mutex_init(&dev->ctrl_lock);
	mutex_init(&dev->park_lock);
	INIT_LIST_HEAD(&dev->parked);
	mutex_init(&dev->buf_lock);
	spin_lock_init(&dev->vt_lock);
	mutex_init(&dev->cmb_lock);
	nvt_nsinfo_init(dev);
	init_llist_head(&dev->vt_free);
	INIT_WORK(&dev->vt_free_work, nvt_datacheck_free_work);
	xa_init_flags(&dev->bufs, XA_FLAGS_ALLOC1);
	xa_init(&dev->ioqs);
	mutex_init(&dev->rawq_lock);
	xa_init(&dev->rawsqs);
	xa_init(&dev->rawcqs);
	xa_init_flags(&dev->workers, XA_FLAGS_ALLOC);
	init_llist_head(&dev->free_list);
	INIT_WORK(&dev->free_work, nvt_buf_free_work);
	init_llist_head(&dev->udptr_free);
	INIT_WORK(&dev->udptr_free_work, nvt_udptr_free_work);
	INIT_DELAYED_WORK(&dev->quiesce_work, nvt_quiesce_work);
	INIT_WORK(&dev->lost_work, nvt_lost_work);
	mutex_init(&dev->files_lock);
	INIT_LIST_HEAD(&dev->files);
	nvt_stats_init(dev);

	/* back from a power cycle: the same /dev/nvtN if it is free */
	want = nvt_power_reclaim(pdev, vts);
	dev->minor = -ENOSPC;
	if (want >= 0)
		dev->minor = ida_alloc_range(&nvt_minor_ida, want, want,
					     GFP_KERNEL);
	if (dev->minor < 0)
		dev->minor = ida_alloc_max(&nvt_minor_ida, NVT_MAX_DEVICES - 1,
					   GFP_KERNEL);
	if (dev->minor < 0) {
		ret = dev->minor;
		nvt_datacheck_drop_parked(vts);
		pci_dev_put(pdev);
		kfree(dev);
		return ret;
	}

	ret = pci_enable_device_mem(pdev);
	if (ret)
		goto out_put;
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		goto out_disable;
	ret = pci_request_mem_regions(pdev, "nvt");
	if (ret)
		goto out_disable;
	ret = nvt_map_bars(dev);
	if (ret)
		goto out_release;
	ret = nvt_dev_init(dev);
	if (ret)
		goto out_unmap;

	dev->prp_pool = dma_pool_create("nvt-prp", &pdev->dev, PAGE_SIZE,
					PAGE_SIZE, 0);
	if (!dev->prp_pool) {
		ret = -ENOMEM;
		goto out_unmap;
	}
	ret = nvt_irq_setup(dev);
	if (ret)
		goto out_pool;

	dev->cdev = cdev_alloc();
	if (!dev->cdev) {
		ret = -ENOMEM;
		goto out_irq;
	}
	dev->cdev->owner = THIS_MODULE;
	dev->cdev->ops = &nvt_fops;
	ret = cdev_add(dev->cdev, MKDEV(MAJOR(nvt_devt), dev->minor), 1);
	if (ret) {
		kobject_put(&dev->cdev->kobj);
		goto out_irq;
	}

	nvt_datacheck_adopt(dev, vts);
	pci_set_drvdata(pdev, dev);

	/*
	 * open() finds it from here on, complete; its node appears only with
	 * the class device below, so no open can come before it is found
	 */
	ret = xa_insert(&nvt_devices, dev->minor, dev, GFP_KERNEL);
	if (ret)
		goto out_adopted;
	dev->device = device_create(&nvt_class, &pdev->dev,
				    MKDEV(MAJOR(nvt_devt), dev->minor), dev,
				    "nvt%d", dev->minor);
	if (IS_ERR(dev->device)) {
		ret = PTR_ERR(dev->device);
		goto out_xa;
	}
	if (nvt_sysfs_init(dev))
		dev_warn(&pdev->dev, "no queues directory in sysfs\n");
	if (want >= 0)
		nvt_event_simple(dev, NVT_EV_POWER_RETURN);
	nvt_event_simple(dev, NVT_EV_CLAIMED);
	dev_info(&pdev->dev, "bound as nvt%d (%u %s vectors)\n", dev->minor,
		 dev->nr_vectors, dev->irq_type == NVT_IRQ_MSIX ? "MSI-X" :
		 dev->irq_type == NVT_IRQ_MSI ? "MSI" : "INTx");
	return 0;

out_xa:
	mutex_lock(&nvt_devices_lock);
	xa_erase(&nvt_devices, dev->minor);
	mutex_unlock(&nvt_devices_lock);
out_adopted:
	pci_set_drvdata(pdev, NULL);
	nvt_datacheck_park(dev, vts);
	cdev_del(dev->cdev);
out_irq:
	nvt_irq_teardown(dev);
out_pool:
	dma_pool_destroy(dev->prp_pool);
out_unmap:
	/* nothing was handed to the controller: nothing can be parked */
	cancel_delayed_work_sync(&dev->quiesce_work);
	cancel_work_sync(&dev->lost_work);
	dev->state = NVT_STATE_DEAD;
	nvt_unmap_bars(dev);
out_release:
	pci_release_mem_regions(pdev);
out_disable:
	pci_clear_master(pdev);
	pci_disable_device(pdev);
out_put:
	nvt_datacheck_drop_parked(vts);
	ida_free(&nvt_minor_ida, dev->minor);
	nvt_dev_put(dev);
	return ret;
}

static void nvt_remove(struct pci_dev *pdev)
{
	struct nvt_dev *dev = pci_get_drvdata(pdev);

	/*
	 * The virtual functions live on this function's SR-IOV capability:
	 * they go first, each removed through its own driver (an nvt VF as
	 * a removal, open files and all), while the PF is still intact.
	 */
	if (pdev->is_physfn)
		pci_disable_sriov(pdev);

	mutex_lock(&nvt_devices_lock);
	xa_erase(&nvt_devices, dev->minor);
	mutex_unlock(&nvt_devices_lock);

	/* queues aborted, sleepers woken: every ioctl ends soon */
	mutex_lock(&dev->ctrl_lock);
	nvt_state_set(dev, NVT_STATE_REMOVING);
	mutex_unlock(&dev->ctrl_lock);
	down_write(&dev->lock);
	/* it runs under dev->lock only with a trylock: no deadlock here */
	nvt_stats_stop(dev);

	cdev_del(dev->cdev);

	/*
	 * Stop all DMA before any memory the device knows of is freed.  A
	 * device whose power is being cut is not told anything: a sudden
	 * power loss is what the test is after.
	 */
	if (!READ_ONCE(dev->power_cut) && pci_device_is_present(pdev)) {
		nvt_pcie_release_d0(dev);
		nvt_ctrl_disable(dev, true);
	}
	pci_clear_master(pdev);
	cancel_delayed_work_sync(&dev->quiesce_work);

	mutex_lock(&dev->ctrl_lock);
	nvt_state_set(dev, NVT_STATE_DEAD);
	nvt_ioqs_free(dev);
	if (dev->adminq) {
		struct nvt_queue *q = dev->adminq;

		dev->adminq = NULL;
		nvt_sysfs_queue_remove(q);
		nvt_irq_sync(dev);
		nvt_queue_reset(q);
		nvt_queue_free(q, true);
	}
	mutex_unlock(&dev->ctrl_lock);
	nvt_rawq_teardown(dev);
	/* no queue is polled any more: no timeout schedules it again */
	cancel_work_sync(&dev->lost_work);
	xa_destroy(&dev->ioqs);
	nvt_sysfs_exit(dev);
	device_destroy(&nvt_class, MKDEV(MAJOR(nvt_devt), dev->minor));
	ida_free(&nvt_minor_ida, dev->minor);
	if (READ_ONCE(dev->power_cut))
		nvt_power_park(dev);
	nvt_datacheck_teardown(dev);
	/* copies of caller-built lists go back before the CMB and PRP pool */
	flush_work(&dev->udptr_free_work);
	nvt_cmb_teardown(dev);
	nvt_dbbuf_free(dev);
	nvt_nsinfo_free(dev);
	nvt_buf_teardown(dev);
	nvt_irq_teardown(dev);
	dma_pool_destroy(dev->prp_pool);
	dev->prp_pool = NULL;
	nvt_unmap_bars(dev);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
	pci_set_drvdata(pdev, NULL);
	up_write(&dev->lock);

	nvt_event_simple(dev, NVT_EV_REMOVED);
	dev_info(&pdev->dev, "released nvt%d\n", dev->minor);
	nvt_dev_put(dev);
}

/*
 * sriov_numvfs: enable @numvfs virtual functions, or disable them all (the
 * PCI core only moves the count from or to 0).  A VF in use by nvt is
 * removed like an unplugged device: its files see ENODEV, nothing waits.
 * A VF assigned to a guest (pci_vfs_assigned) is never pulled away.
 */
static int nvt_sriov_configure(struct pci_dev *pdev, int numvfs)
{
	int ret;

	if (!numvfs) {
		if (pci_vfs_assigned(pdev)) {
			dev_warn(&pdev->dev,
				 "VFs are assigned to guests: not disabling them\n");
			return -EPERM;
		}
		pci_disable_sriov(pdev);
		return 0;
	}
	ret = pci_enable_sriov(pdev, numvfs);
	if (ret) {
		dev_err(&pdev->dev, "enabling %d VFs failed: %d\n", numvfs,
			ret);
		return ret;
	}
	dev_info(&pdev->dev, "%d VFs enabled\n", numvfs);
	return numvfs;
}

static void nvt_shutdown(struct pci_dev *pdev)
{
	struct nvt_dev *dev = pci_get_drvdata(pdev);

	if (dev && pci_device_is_present(pdev))
		nvt_ctrl_disable(dev, true);
}

static struct pci_driver nvt_pci_driver = {
	.name = "nvt",
	.id_table = NULL,	/* driver_override only */
	.probe = nvt_probe,
	.remove = nvt_remove,
	.shutdown = nvt_shutdown,
	.sriov_configure = nvt_sriov_configure,
};

static int __init nvt_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&nvt_devt, 0, NVT_MAX_DEVICES, "nvt");
	if (ret)
		return ret;
	/* before any device: every device's events have a family */
	ret = nvt_genl_init();
	if (ret)
		goto out_chrdev;
	ret = class_register(&nvt_class);
	if (ret)
		goto out_genl;
	ret = nvt_power_init();
	if (ret)
		goto out_class;
	ret = pci_register_driver(&nvt_pci_driver);
	if (ret)
		goto out_power;
	return 0;

out_power:
	nvt_power_exit();
out_class:
	class_unregister(&nvt_class);
out_genl:
	nvt_genl_exit();
out_chrdev:
	unregister_chrdev_region(nvt_devt, NVT_MAX_DEVICES);
	return ret;
}

static void __exit nvt_exit(void)
{
	pci_unregister_driver(&nvt_pci_driver);
	nvt_power_exit();
	class_unregister(&nvt_class);
	/* the devices are gone: nothing sends an event any more */
	nvt_genl_exit();
	unregister_chrdev_region(nvt_devt, NVT_MAX_DEVICES);
	ida_destroy(&nvt_minor_ida);
}

module_init(nvt_init);
module_exit(nvt_exit);

MODULE_DESCRIPTION("nvt: raw NVMe controller access for testing");
MODULE_LICENSE("GPL");
MODULE_VERSION(NVT_VERSION);	/* from VERSION, by kmod/Kbuild */
