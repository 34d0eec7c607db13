// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: attributes of /sys/class/nvt/nvtN.
 */
#include <linux/device.h>
#include <linux/sysfs.h>

#include "nvt.h"

static ssize_t irq_type_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	static const char * const names[] = {
		[NVT_IRQ_NONE] = "none", [NVT_IRQ_INTX] = "intx",
		[NVT_IRQ_MSI] = "msi", [NVT_IRQ_MSIX] = "msix",
	};
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%s\n", names[dev->irq_type]);
}
static DEVICE_ATTR_RO(irq_type);

static ssize_t vectors_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%u\n", dev->nr_vectors);
}
static DEVICE_ATTR_RO(vectors);

static ssize_t controller_enabled_show(struct device *d,
				       struct device_attribute *attr, char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(dev->ctrl_enabled));
}
static DEVICE_ATTR_RO(controller_enabled);

static ssize_t raw_dma_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(dev->raw_dma));
}
static DEVICE_ATTR_RO(raw_dma);

static struct attribute *nvt_dev_attrs[] = {
	&dev_attr_irq_type.attr,
	&dev_attr_vectors.attr,
	&dev_attr_controller_enabled.attr,
	&dev_attr_raw_dma.attr,
	NULL,
};

static const struct attribute_group nvt_dev_group = {
	.attrs = nvt_dev_attrs,
};

const struct attribute_group *nvt_dev_groups[] = {
	&nvt_dev_group,
	NULL,
};
