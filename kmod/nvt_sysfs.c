// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: attributes of /sys/class/nvt/nvtN, and its queues/ directory with
 * one sqN and one cqN directory per driver-owned queue.
 */
#include <linux/device.h>
#include <linux/slab.h>
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

	return sysfs_emit(buf, "%d\n", nvt_ctrl_enabled(dev));
}
static DEVICE_ATTR_RO(controller_enabled);

static ssize_t state_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	static const char * const names[] = {
		[NVT_STATE_DISABLED] = "disabled",
		[NVT_STATE_ENABLED] = "enabled",
		[NVT_STATE_QUIESCING] = "quiescing",
		[NVT_STATE_REMOVING] = "removing",
		[NVT_STATE_DEAD] = "dead",
	};
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%s\n", names[READ_ONCE(dev->state)]);
}
static DEVICE_ATTR_RO(state);

/* what a DMA address chosen by user space gets: iommu, unsafe, refused */
static ssize_t raw_dma_policy_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%s\n", nvt_raw_dma_policy(dev));
}
static DEVICE_ATTR_RO(raw_dma_policy);

static ssize_t raw_dma_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%d\n", READ_ONCE(dev->raw_dma));
}
static DEVICE_ATTR_RO(raw_dma);

/* pieces of memory kept until the controller cannot reach them */
static ssize_t parked_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%u\n", nvt_park_count(dev));
}
static DEVICE_ATTR_RO(parked);

/* netlink messages (events, statistics) no listener got: dropped */
static ssize_t events_dropped_show(struct device *d,
				   struct device_attribute *attr, char *buf)
{
	struct nvt_dev *dev = dev_get_drvdata(d);

	return sysfs_emit(buf, "%llu\n",
			  (u64)atomic64_read(&dev->events_dropped));
}
static DEVICE_ATTR_RO(events_dropped);

static struct attribute *nvt_dev_attrs[] = {
	&dev_attr_irq_type.attr,
	&dev_attr_vectors.attr,
	&dev_attr_parked.attr,
	&dev_attr_controller_enabled.attr,
	&dev_attr_raw_dma.attr,
	&dev_attr_state.attr,
	&dev_attr_raw_dma_policy.attr,
	&dev_attr_events_dropped.attr,
	NULL,
};

static const struct attribute_group nvt_dev_group = {
	.attrs = nvt_dev_attrs,
};

const struct attribute_group *nvt_dev_groups[] = {
	&nvt_dev_group,
	NULL,
};

/* A queue's sqN or cqN directory. */
struct nvt_qdir {
	struct kobject kobj;
	struct nvt_queue *q;
};

/* One consistent snapshot of a queue, taken under its lock. */
struct nvt_qstate {
	u32 sq_depth, cq_depth, sq_head, sq_tail, cq_head, phase;
	u32 outstanding, vector, flags;
	u64 submitted, completed, irqs, sq_db_writes, cq_db_writes;
	bool orphaned;
};

static void nvt_qstate_get(struct nvt_queue *q, struct nvt_qstate *st)
{
	struct nvt_dev *dev = q->dev;

	spin_lock(&q->lock);
	st->sq_depth = q->sq_depth;
	st->cq_depth = q->cq_depth;
	st->sq_head = q->sq_head;
	st->sq_tail = q->sq_tail;
	st->cq_head = q->cq_head;
	st->phase = q->cq_phase;
	st->outstanding = q->outstanding;
	st->vector = q->vector;
	st->flags = q->flags;
	st->submitted = q->submitted;
	st->completed = q->completed;
	st->sq_db_writes = q->sq_db_writes;
	st->cq_db_writes = q->cq_db_writes;
	st->orphaned = q->qid && nvt_queue_orphaned(q);
	spin_unlock(&q->lock);
	st->irqs = st->vector < dev->nr_vectors ?
		   atomic64_read(&dev->vectors[st->vector].count) : 0;
}

static struct nvt_queue *nvt_qdir_queue(struct kobject *kobj)
{
	return container_of(kobj, struct nvt_qdir, kobj)->q;
}

#define NVT_QSHOW(name, fmt, expr)					\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	struct nvt_queue *q = nvt_qdir_queue(kobj);			\
	struct nvt_qstate st;						\
									\
	nvt_qstate_get(q, &st);						\
	return sysfs_emit(buf, fmt "\n", expr);				\
}

#define NVT_QATTR(name, fmt, expr)					\
NVT_QSHOW(name, fmt, expr)						\
static struct kobj_attribute nvt_qattr_##name = __ATTR_RO(name)

NVT_QATTR(id, "%u", (u32)q->qid);
NVT_QATTR(outstanding, "%u", st.outstanding);
NVT_QATTR(submitted, "%llu", st.submitted);
NVT_QATTR(completed, "%llu", st.completed);
NVT_QATTR(phase, "%u", st.phase);
NVT_QATTR(tail, "%u", st.sq_tail);
NVT_QATTR(vector, "%d", st.flags & NVT_Q_NO_IRQ ? -1 : (int)st.vector);
NVT_QATTR(irq_count, "%llu", st.flags & NVT_Q_NO_IRQ ? 0 : st.irqs);
NVT_QATTR(lazy_doorbell, "%d", !!(st.flags & NVT_Q_LAZY_DOORBELL));
NVT_QATTR(orphaned, "%d", st.orphaned);
/* the paired queue: the SQ and CQ of a pair share their id */
NVT_QATTR(cqid, "%u", (u32)q->qid);
NVT_QATTR(sqid, "%u", (u32)q->qid);

/* "depth" and "head" are each queue's own: sqN's or cqN's */
NVT_QSHOW(sq_depth, "%u", st.sq_depth)
NVT_QSHOW(cq_depth, "%u", st.cq_depth)
NVT_QSHOW(sq_head, "%u", st.sq_head)	/* as the controller last reported */
NVT_QSHOW(cq_head, "%u", st.cq_head)
NVT_QSHOW(sq_doorbell_writes, "%llu", st.sq_db_writes)
NVT_QSHOW(cq_doorbell_writes, "%llu", st.cq_db_writes)

static bool nvt_qdir_is_sq(struct kobject *kobj);

static ssize_t depth_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return nvt_qdir_is_sq(kobj) ? sq_depth_show(kobj, attr, buf) :
				      cq_depth_show(kobj, attr, buf);
}
static struct kobj_attribute nvt_qattr_depth = __ATTR_RO(depth);

static ssize_t head_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return nvt_qdir_is_sq(kobj) ? sq_head_show(kobj, attr, buf) :
				      cq_head_show(kobj, attr, buf);
}
static struct kobj_attribute nvt_qattr_head = __ATTR_RO(head);

/* MMIO writes of this queue's doorbell (not those of the shadow page) */
static ssize_t doorbell_writes_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	return nvt_qdir_is_sq(kobj) ?
	       sq_doorbell_writes_show(kobj, attr, buf) :
	       cq_doorbell_writes_show(kobj, attr, buf);
}
static struct kobj_attribute nvt_qattr_doorbell_writes =
	__ATTR_RO(doorbell_writes);

static struct attribute *nvt_sq_attrs[] = {
	&nvt_qattr_id.attr, &nvt_qattr_cqid.attr, &nvt_qattr_depth.attr,
	&nvt_qattr_head.attr, &nvt_qattr_tail.attr,
	&nvt_qattr_outstanding.attr, &nvt_qattr_submitted.attr,
	&nvt_qattr_lazy_doorbell.attr, &nvt_qattr_orphaned.attr,
	&nvt_qattr_doorbell_writes.attr,
	NULL,
};
ATTRIBUTE_GROUPS(nvt_sq);

static struct attribute *nvt_cq_attrs[] = {
	&nvt_qattr_id.attr, &nvt_qattr_sqid.attr, &nvt_qattr_depth.attr,
	&nvt_qattr_head.attr, &nvt_qattr_phase.attr,
	&nvt_qattr_completed.attr, &nvt_qattr_vector.attr,
	&nvt_qattr_irq_count.attr, &nvt_qattr_orphaned.attr,
	&nvt_qattr_doorbell_writes.attr,
	NULL,
};
ATTRIBUTE_GROUPS(nvt_cq);

static void nvt_qdir_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct nvt_qdir, kobj));
}

static const struct kobj_type nvt_sq_ktype = {
	.release = nvt_qdir_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = nvt_sq_groups,
};

static const struct kobj_type nvt_cq_ktype = {
	.release = nvt_qdir_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = nvt_cq_groups,
};

static bool nvt_qdir_is_sq(struct kobject *kobj)
{
	return kobj->ktype == &nvt_sq_ktype;
}

static struct kobject *nvt_qdir_add(struct nvt_queue *q,
				    const struct kobj_type *type,
				    const char *prefix)
{
	struct nvt_qdir *dir;

	if (!q->dev->queues_kobj)
		return NULL;
	dir = kzalloc(sizeof(*dir), GFP_KERNEL);
	if (!dir)
		return NULL;
	dir->q = q;
	if (kobject_init_and_add(&dir->kobj, type, q->dev->queues_kobj,
				 "%s%u", prefix, q->qid)) {
		kobject_put(&dir->kobj);
		return NULL;
	}
	return &dir->kobj;
}

/* Best effort: a queue works without its sysfs view. */
void nvt_sysfs_queue_add(struct nvt_queue *q)
{
	q->sq_kobj = nvt_qdir_add(q, &nvt_sq_ktype, "sq");
	q->cq_kobj = nvt_qdir_add(q, &nvt_cq_ktype, "cq");
	if (!q->sq_kobj || !q->cq_kobj)
		dev_warn(&q->dev->pdev->dev,
			 "qid %u: no sysfs directory for the queue\n", q->qid);
}

/* Returns once no reader of the queue's attributes is left. */
void nvt_sysfs_queue_remove(struct nvt_queue *q)
{
	if (q->sq_kobj) {
		kobject_del(q->sq_kobj);
		kobject_put(q->sq_kobj);
		q->sq_kobj = NULL;
	}
	if (q->cq_kobj) {
		kobject_del(q->cq_kobj);
		kobject_put(q->cq_kobj);
		q->cq_kobj = NULL;
	}
}

int nvt_sysfs_init(struct nvt_dev *dev)
{
	dev->queues_kobj = kobject_create_and_add("queues", &dev->device->kobj);
	return dev->queues_kobj ? 0 : -ENOMEM;
}

void nvt_sysfs_exit(struct nvt_dev *dev)
{
	kobject_put(dev->queues_kobj);
	dev->queues_kobj = NULL;
}
