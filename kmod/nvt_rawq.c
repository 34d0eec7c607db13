// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: raw I/O queues (NVT_IOC_RAWQ), whose rings are windows of the
 * caller's buffers and whose entries, doorbells and completions are the
 * caller's.  The driver sends Create and Delete itself, with the caller's
 * command dwords and its own PRP1, so that it knows which queue IDs and
 * which memory the controller uses:
 * - the IDs are reserved: the driver's queue pairs never take them;
 * - the ring's buffer is held (and, where raw DMA is refused, sealed and
 *   its entries checked) until the controller cannot reach it: a deleted
 *   queue, or through nvt_park() once a reset ended it;
 * - the driver never reads a raw CQ.
 *
 * Records live from a successful Create until NVT_RAWQ_DELETE_*, the
 * file's close or the device's removal; a reset only ends them (their
 * life is over: the controller forgot them).
 */
#include <linux/dma-mapping.h>
#include <linux/slab.h>

#include "nvt.h"

/* checked entries (and their list pages) the raw SQs of a device keep */
#define NVT_RAWQ_MAX_KEPT	65536
#define NVT_RAWQ_MAX_KEPT_PAGES	4096
#define NVT_RAWQ_MAX_TIMEOUT_MS	(3600u * 1000)

/* One checked entry's pointers, kept until the controller cannot use them. */
struct nvt_rawq_kept {
	struct list_head node;
	struct nvt_dptr d;
	u32 pages;
};

/* What the controller may reach through a raw queue: freed by nvt_park(). */
struct nvt_rawq_mem {
	struct nvt_parked_mem park;
	struct nvt_dev *dev;
	struct nvt_buf *buf;		/* the ring's buffer, referenced */
	bool sealed;			/* holds one of buf's seals */
	void *list;			/* PC=0: the PRP list */
	dma_addr_t list_dma;
	size_t list_len;
	struct list_head kept;		/* struct nvt_rawq_kept */
	u32 nr_kept, kept_pages;
};

/* A raw SQ or CQ the controller was told of. */
struct nvt_rawq_rec {
	struct nvt_file *owner;
	bool sq;
	u16 qid;
	u16 cqid;			/* SQ: its CQ */
	u32 size;			/* entries */
	u32 life;			/* the controller life it was made in */
	u64 offset;			/* where the caller's ring starts */
	u64 start, end;			/* what the controller may read/write */
	struct nvt_rawq_mem *mem;
	struct kobject *kobj;		/* queues/rawsqN or rawcqN */
};

/*
 * queues/rawsqN and rawcqN: what the Create said, and whether a reset
 * ended the queue.  A copy: the directory may outlive the record.
 */
struct nvt_rawq_dir {
	struct kobject kobj;
	struct nvt_dev *dev;
	u32 qid, depth, cqid, buf_id, life;
	int vector;			/* -1: no interrupts */
	u64 offset;
};

#define NVT_RAWQ_ATTR(name, fmt, expr)					\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	struct nvt_rawq_dir *d = container_of(kobj, struct nvt_rawq_dir, \
					      kobj);			\
									\
	return sysfs_emit(buf, fmt "\n", expr);			\
}									\
static struct kobj_attribute nvt_rawq_attr_##name = __ATTR_RO(name)

NVT_RAWQ_ATTR(id, "%u", d->qid);
NVT_RAWQ_ATTR(depth, "%u", d->depth);
NVT_RAWQ_ATTR(cqid, "%u", d->cqid);
NVT_RAWQ_ATTR(vector, "%d", d->vector);
NVT_RAWQ_ATTR(buffer, "%u", d->buf_id);
NVT_RAWQ_ATTR(offset, "%llu", d->offset);
NVT_RAWQ_ATTR(ended, "%d", d->life != READ_ONCE(d->dev->life));

static struct attribute *nvt_rawsq_attrs[] = {
	&nvt_rawq_attr_id.attr, &nvt_rawq_attr_depth.attr,
	&nvt_rawq_attr_cqid.attr, &nvt_rawq_attr_buffer.attr,
	&nvt_rawq_attr_offset.attr, &nvt_rawq_attr_ended.attr, NULL,
};
ATTRIBUTE_GROUPS(nvt_rawsq);

static struct attribute *nvt_rawcq_attrs[] = {
	&nvt_rawq_attr_id.attr, &nvt_rawq_attr_depth.attr,
	&nvt_rawq_attr_vector.attr, &nvt_rawq_attr_buffer.attr,
	&nvt_rawq_attr_offset.attr, &nvt_rawq_attr_ended.attr, NULL,
};
ATTRIBUTE_GROUPS(nvt_rawcq);

static void nvt_rawq_dir_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct nvt_rawq_dir, kobj));
}

static const struct kobj_type nvt_rawsq_ktype = {
	.release = nvt_rawq_dir_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = nvt_rawsq_groups,
};

static const struct kobj_type nvt_rawcq_ktype = {
	.release = nvt_rawq_dir_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = nvt_rawcq_groups,
};

/* Best effort: a raw queue works without its sysfs view. */
static void nvt_rawq_sysfs_add(struct nvt_dev *dev, struct nvt_rawq_rec *r,
			       u32 cdw11, u32 buf_id)
{
	struct nvt_rawq_dir *d;

	if (!dev->queues_kobj)
		return;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return;
	d->dev = dev;
	d->qid = r->qid;
	d->depth = r->size;
	d->cqid = r->cqid;
	d->buf_id = buf_id;
	d->offset = r->offset;
	d->life = r->life;
	d->vector = !r->sq && (cdw11 & NVT_CQ_IEN) ? (int)(cdw11 >> 16) : -1;
	if (kobject_init_and_add(&d->kobj, r->sq ? &nvt_rawsq_ktype :
				 &nvt_rawcq_ktype, dev->queues_kobj, "%s%u",
				 r->sq ? "rawsq" : "rawcq", r->qid)) {
		kobject_put(&d->kobj);
		return;
	}
	r->kobj = &d->kobj;
}

static bool nvt_rawq_ended(struct nvt_dev *dev, struct nvt_rawq_rec *r)
{
	return r->life != READ_ONCE(dev->life);
}

static struct xarray *nvt_rawq_table(struct nvt_dev *dev, bool sq)
{
	return sq ? &dev->rawsqs : &dev->rawcqs;
}

/*
 * Up to NVT_RAWQ_MAX_KEPT entries: long enough under a debug kernel to
 * hold the CPU for tens of seconds, so it yields as it goes (parked memory
 * is freed where a mutex may be taken: nvt_park(), nvt_park_flush()).
 */
static void nvt_rawq_kept_free(struct nvt_dev *dev, struct list_head *kept,
			       u32 nr, u32 pages)
{
	struct nvt_rawq_kept *k, *next;

	list_for_each_entry_safe(k, next, kept, node) {
		nvt_dptr_release(dev, &k->d);
		kfree(k);
		cond_resched();
	}
	atomic_sub(nr, &dev->rawq_kept);
	atomic_sub(pages, &dev->rawq_kept_pages);
}

/* Checked entries of a raw SQ a reset ended, until the controller stops. */
struct nvt_rawq_ended {
	struct nvt_parked_mem park;
	struct nvt_dev *dev;
	struct list_head kept;
	u32 nr_kept, kept_pages;
};

static void nvt_rawq_ended_free(struct nvt_parked_mem *pm)
{
	struct nvt_rawq_ended *e = container_of(pm, struct nvt_rawq_ended,
						park);

	nvt_rawq_kept_free(e->dev, &e->kept, e->nr_kept, e->kept_pages);
	kfree(e);
}

static void nvt_rawq_mem_free(struct nvt_parked_mem *pm)
{
	struct nvt_rawq_mem *m = container_of(pm, struct nvt_rawq_mem, park);
	struct nvt_dev *dev = m->dev;

	nvt_rawq_kept_free(dev, &m->kept, m->nr_kept, m->kept_pages);
	if (m->list)
		dma_free_coherent(&dev->pdev->dev, m->list_len, m->list,
				  m->list_dma);
	if (m->sealed)
		nvt_buf_unseal(m->buf);
	nvt_buf_ring_release(m->buf);
	kfree(m);
	nvt_dev_put(dev);
}

/*
 * Let go of @m: at once when the controller said it is done with it
 * (@ctrl_done) and nothing raw can point there, else once it cannot
 * reach it.
 */
static void nvt_rawq_mem_park(struct nvt_dev *dev, struct nvt_rawq_mem *m,
			      bool ctrl_done)
{
	m->park.free = nvt_rawq_mem_free;
	nvt_park(dev, &m->park, ctrl_done);
}

/* Is @qid a raw queue's (SQ or CQ)?  dev->lock held. */
bool nvt_rawq_qid_taken(struct nvt_dev *dev, u32 qid)
{
	return xa_load(&dev->rawsqs, qid) || xa_load(&dev->rawcqs, qid);
}

/* Any raw queue at all (shadow doorbells exclude them)?  dev->lock held. */
bool nvt_rawq_any(struct nvt_dev *dev)
{
	return !xa_empty(&dev->rawsqs) || !xa_empty(&dev->rawcqs);
}

/* Creates and deletes change the queues: they run alone. */
bool nvt_ioctl_rawq_exclusive(const void *arg)
{
	const struct nvt_rawq *rq = arg;

	return rq->op >= NVT_RAWQ_CREATE_CQ && rq->op <= NVT_RAWQ_DELETE_CQ;
}

static int nvt_rawq_refuse(struct nvt_dev *dev, int err, const char *why,
			   u32 qid)
{
	dev_info_ratelimited(&dev->pdev->dev, "raw queue %u: %s\n", qid, why);
	return err;
}

/* Does [start, end) of @buf overlap a ring of the other kind? */
static bool nvt_rawq_overlaps(struct nvt_dev *dev, bool sq,
			      struct nvt_buf *buf, u64 start, u64 end)
{
	struct nvt_rawq_rec *r;
	unsigned long qid;

	xa_for_each(nvt_rawq_table(dev, !sq), qid, r)
		if (r->mem->buf == buf && start < r->end && r->start < end)
			return true;
	return false;
}

/* Zero [@start, @start + @len) of a ring's buffer, host memory or CMB. */
static void nvt_rawq_ring_zero(struct nvt_buf *buf, size_t start, size_t len)
{
	if (buf->io)
		memset_io(buf->io + start, 0, len);
	else
		memset((u8 *)buf->cpu + start, 0, len);
}

/* PC=0: a PRP list of the window's controller pages, in a driver page. */
static int nvt_rawq_prp_list(struct nvt_dev *dev, struct nvt_rawq_mem *m,
			     u64 start, u64 bytes)
{
	u32 ps = dev->page_size;
	u32 n = DIV_ROUND_UP(bytes, ps), i;
	__le64 *list;

	m->list_len = PAGE_ALIGN(n * sizeof(u64));
	m->list = dma_alloc_coherent(&dev->pdev->dev, m->list_len,
				     &m->list_dma, GFP_KERNEL | __GFP_NOWARN);
	if (!m->list)
		return -ENOMEM;
	list = m->list;
	for (i = 0; i < n; i++)
		list[i] = cpu_to_le64(m->buf->dma + start + (u64)i * ps);
	return 0;
}

/* Called with dev->lock held for writing: no other ioctl runs. */
static long nvt_rawq_create(struct nvt_file *nf, struct nvt_rawq *rq, bool sq)
{
	struct nvt_dev *dev = nf->dev;
	u32 sqe[16] = { sq ? NVT_ADMIN_CREATE_SQ : NVT_ADMIN_CREATE_CQ };
	u32 qid = rq->cdw10 & 0xffff, size = (rq->cdw10 >> 16) + 1;
	u32 cqid = rq->cdw11 >> 16, esz = sq ? 64 : 16;
	bool pc = rq->cdw11 & (sq ? NVT_SQ_PC : NVT_CQ_PC);
	struct nvt_rawq_rec *r, *cq;
	struct nvt_rawq_mem *m;
	u64 bytes = (u64)size * esz, start;
	u32 status;
	int ret;

	rq->status = 0;
	if (rq->timeout_ms > NVT_RAWQ_MAX_TIMEOUT_MS)
		return -EINVAL;
	if (!dev->adminq || dev->adminq_raw)
		return -EBADFD;
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	if (!qid || xa_load(&dev->ioqs, qid) ||
	    xa_load(nvt_rawq_table(dev, sq), qid))
		return nvt_rawq_refuse(dev, -EBUSY,
				       "the ID is the admin queue's, the driver's or taken",
				       qid);
	if (sq) {
		cq = xa_load(&dev->rawcqs, cqid);
		if (xa_load(&dev->ioqs, cqid) || !cqid ||
		    (cq && cq->owner != nf))
			return nvt_rawq_refuse(dev, -EBUSY,
					       "its CQ is another's", qid);
	}
	if (READ_ONCE(dev->dbbuf_on))
		return nvt_rawq_refuse(dev, -EBUSY,
				       "shadow doorbells are on", qid);
	if (NVT_DB_CQ(qid, NVT_CAP_DSTRD(dev->cap)) + 4 > dev->bar_len[0])
		return nvt_rawq_refuse(dev, -EINVAL,
				       "no doorbell in BAR0 for this ID", qid);

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	INIT_LIST_HEAD(&m->kept);
	m->dev = dev;
	m->buf = nvt_buf_get(dev, rq->buf_id);
	if (m->buf)
		nvt_buf_ring_hold(m->buf);
	if (!m->buf || m->buf->owner != nf || m->buf->dying ||
	    !(m->buf->cpu || m->buf->io)) {
		ret = -ENOENT;
		goto out_free;
	}
	/* the controller may ignore the offset's low bits */
	start = round_down(rq->buf_offset, dev->page_size);
	if (rq->buf_offset >= m->buf->len ||
	    bytes > m->buf->len - rq->buf_offset) {
		ret = nvt_rawq_refuse(dev, -EINVAL,
				      "the ring does not fit in its buffer window",
				      qid);
		goto out_free;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		ret = -ENOMEM;
		goto out_free;
	}
	r->owner = nf;
	r->sq = sq;
	r->qid = qid;
	r->cqid = cqid;
	r->size = size;
	r->offset = rq->buf_offset;
	r->start = start;
	r->end = rq->buf_offset + bytes;
	r->mem = m;

	if (sq && !nvt_raw_dma_allowed(dev)) {
		/* a raw SQ's ring holds only entries the driver checked */
		if (nvt_rawq_overlaps(dev, sq, m->buf, r->start, r->end)) {
			ret = nvt_rawq_refuse(dev, -EINVAL,
					      "the SQ ring overlaps a CQ ring",
					      qid);
			goto out_free_rec;
		}
		ret = nvt_buf_seal(m->buf);
		if (ret == -EBUSY)
			nvt_rawq_refuse(dev, ret,
					"a command in flight may still write its buffer",
					qid);
		if (ret)
			goto out_free_rec;
		m->sealed = true;
		nvt_rawq_ring_zero(m->buf, r->start, r->end - r->start);
	} else if (sq) {
		/* the caller writes entries as it likes */
		ret = nvt_raw_dma_use(dev);
		if (ret)
			goto out_free_rec;
	} else if (nvt_rawq_overlaps(dev, sq, m->buf, r->start, r->end) &&
		   READ_ONCE(m->buf->sealed)) {
		ret = nvt_rawq_refuse(dev, -EINVAL,
				      "the CQ ring overlaps a sealed SQ ring",
				      qid);
		goto out_free_rec;
	}
	if (!pc) {
		ret = nvt_rawq_prp_list(dev, m, start, r->end - start);
		if (ret)
			goto out_mem;
	}

	sqe[6] = lower_32_bits(pc ? m->buf->dma + r->offset : m->list_dma);
	sqe[7] = upper_32_bits(pc ? m->buf->dma + r->offset : m->list_dma);
	sqe[10] = rq->cdw10;
	sqe[11] = rq->cdw11;
	sqe[12] = rq->cdw12;
	nvt_dev_get(dev);	/* for the memory, whichever way it goes */
	/* a reset after the Create ends the queue, even one before we look */
	r->life = READ_ONCE(dev->life);
	ret = nvt_admin_sync_tmo(dev, sqe, rq->timeout_ms, &status);
	if (ret) {
		/* not sent (or the device went): nothing reached it */
		nvt_rawq_mem_park(dev, m, ret != -ENODEV);
		kfree(r);
		return ret;
	}
	if (status) {
		rq->status = status;
		/* a Create that did not complete may adopt the ring later */
		nvt_rawq_mem_park(dev, m, status != NVT_STATUS_TIMEOUT &&
				  status != NVT_STATUS_ABORTED);
		kfree(r);
		return -EREMOTEIO;
	}
	r->cqid = sq ? cqid : 0;
	mutex_lock(&dev->rawq_lock);
	ret = xa_insert(nvt_rawq_table(dev, sq), qid, r, GFP_KERNEL);
	mutex_unlock(&dev->rawq_lock);
	if (ret) {
		u32 del[16] = { sq ? NVT_ADMIN_DELETE_SQ : NVT_ADMIN_DELETE_CQ };

		del[10] = qid;
		nvt_admin_sync(dev, del, &status);
		nvt_rawq_mem_park(dev, m, false);
		kfree(r);
		return ret;
	}
	nvt_rawq_sysfs_add(dev, r, rq->cdw11, rq->buf_id);
	rq->qid = qid;
	return 0;

out_mem:
	if (m->sealed)
		nvt_buf_unseal(m->buf);
out_free_rec:
	kfree(r);
out_free:
	if (m->buf)
		nvt_buf_ring_release(m->buf);
	kfree(m);
	return ret;
}

/* Take @r out of its table and let go of its memory. */
static void nvt_rawq_forget(struct nvt_dev *dev, struct nvt_rawq_rec *r,
			    bool ctrl_done)
{
	mutex_lock(&dev->rawq_lock);
	xa_erase(nvt_rawq_table(dev, r->sq), r->qid);
	mutex_unlock(&dev->rawq_lock);
	if (r->kobj) {
		kobject_del(r->kobj);
		kobject_put(r->kobj);
	}
	nvt_rawq_mem_park(dev, r->mem, ctrl_done);
	kfree(r);
}

/*
 * Delete @r on the controller, unless a reset ended it.  0: gone (the
 * record with it); -EREMOTEIO with *@status: refused (the record stays).
 * Any other error: the controller did not answer, the record stays.
 */
static int nvt_rawq_delete_rec(struct nvt_dev *dev, struct nvt_rawq_rec *r,
			       u32 timeout_ms, u32 *status)
{
	u32 sqe[16] = { r->sq ? NVT_ADMIN_DELETE_SQ : NVT_ADMIN_DELETE_CQ };
	int ret;

	*status = 0;
	if (nvt_rawq_ended(dev, r)) {
		/* the controller forgot it; its life ended with CC.EN=0 */
		nvt_rawq_forget(dev, r, true);
		return 0;
	}
	sqe[10] = r->qid;
	ret = nvt_admin_sync_tmo(dev, sqe, timeout_ms, status);
	if (ret)
		return ret;
	if (*status == NVT_STATUS_TIMEOUT || *status == NVT_STATUS_ABORTED)
		return -ETIMEDOUT;
	if (*status)
		return -EREMOTEIO;
	nvt_rawq_forget(dev, r, true);
	return 0;
}

/* Called with dev->lock held for writing. */
static long nvt_rawq_delete(struct nvt_file *nf, struct nvt_rawq *rq, bool sq)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rawq_rec *r;
	int ret;

	rq->status = 0;
	if (rq->timeout_ms > NVT_RAWQ_MAX_TIMEOUT_MS || rq->qid > 0xffff)
		return -EINVAL;
	r = xa_load(nvt_rawq_table(dev, sq), rq->qid);
	if (!r || r->owner != nf)
		return -ENOENT;
	ret = nvt_rawq_delete_rec(dev, r, rq->timeout_ms, &rq->status);
	if (ret == -ETIMEDOUT)
		ret = -EREMOTEIO;	/* status 07/ff or 07/fe says it */
	return ret;
}

/* The record of @nf's raw queue @qid for entries and doorbells. */
static struct nvt_rawq_rec *nvt_rawq_live(struct nvt_file *nf, bool sq,
					  u32 qid, int *err)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rawq_rec *r = xa_load(nvt_rawq_table(dev, sq), qid);

	*err = 0;
	if (!r)
		*err = -ENOENT;
	else if (r->owner != nf)
		*err = -EBUSY;
	else if (nvt_rawq_ended(dev, r))
		*err = -EBADFD;	/* a reset ended it */
	return *err ? NULL : r;
}

/* Keep @d (a checked entry's pointers) with @m.  rawq_lock held. */
static int nvt_rawq_keep(struct nvt_dev *dev, struct nvt_rawq_mem *m,
			 struct nvt_dptr *d)
{
	struct nvt_rawq_kept *k;
	u32 pages = 0, i;

	if (!d->buf && !d->meta && !d->hold && !d->pages[0] && !d->user)
		return 0;	/* it reaches nothing: nothing to keep */
	for (i = 0; i < NVT_MAX_PRP_PAGES; i++)
		pages += !!d->pages[i];
	if (d->user)
		pages += nvt_udptr_pages(d->user);
	if (atomic_read(&dev->rawq_kept) >= NVT_RAWQ_MAX_KEPT ||
	    atomic_read(&dev->rawq_kept_pages) + pages >
	    NVT_RAWQ_MAX_KEPT_PAGES)
		return nvt_rawq_refuse(dev, -ENOSPC,
				       "too many checked entries kept: delete the raw SQs",
				       0);
	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->d = *d;
	k->pages = pages;
	memset(d, 0, sizeof(*d));
	list_add_tail(&k->node, &m->kept);
	m->nr_kept++;
	m->kept_pages += pages;
	atomic_inc(&dev->rawq_kept);
	atomic_add(pages, &dev->rawq_kept_pages);
	return 0;
}

static long nvt_rawq_sqe(struct nvt_file *nf, struct nvt_rawq *rq)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_dptr d = { };
	struct nvt_rawq_rec *r;
	__le32 *entry;
	size_t off;
	int ret, i;

	r = nvt_rawq_live(nf, true, rq->qid, &ret);
	if (!r)
		return ret;
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	if (rq->index >= r->size)
		return -EINVAL;

	mutex_lock(&dev->rawq_lock);
	if (r->mem->sealed) {
		ret = nvt_udptr_prepare(dev, nf, false, rq->sqe, &d);
		if (!ret)
			ret = nvt_rawq_keep(dev, r->mem, &d);
		if (ret) {
			mutex_unlock(&dev->rawq_lock);
			nvt_dptr_release(dev, &d);
			return ret;
		}
	}
	off = r->offset + (size_t)rq->index * NVT_SQE_BYTES;
	if (r->mem->buf->io) {
		/* the CMB: device memory, written a dword at a time */
		for (i = 0; i < 16; i++)
			writel(rq->sqe[i], r->mem->buf->io + off + i * 4);
	} else {
		entry = (__le32 *)((u8 *)r->mem->buf->cpu + off);
		for (i = 0; i < 16; i++)
			WRITE_ONCE(entry[i], cpu_to_le32(rq->sqe[i]));
	}
	mutex_unlock(&dev->rawq_lock);
	return 0;
}

static long nvt_rawq_doorbell(struct nvt_file *nf, struct nvt_rawq *rq,
			      bool sq)
{
	struct nvt_dev *dev = nf->dev;
	u32 dstrd = NVT_CAP_DSTRD(dev->cap);
	u64 off;
	int ret;

	if (rq->qid > 0xffff)
		return -EINVAL;
	off = sq ? NVT_DB_SQ((u64)rq->qid, dstrd) :
		   NVT_DB_CQ((u64)rq->qid, dstrd);
	if (rq->qid == NVT_ADMIN_QID || xa_load(&dev->ioqs, rq->qid))
		return nvt_rawq_refuse(dev, -EBUSY,
				       "the doorbell is the driver's", rq->qid);
	if (!nvt_rawq_live(nf, sq, rq->qid, &ret) && ret != -ENOENT)
		return ret;
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	if (off + 4 > dev->bar_len[0])
		return -ERANGE;
	/* entries written (or consumed) before the doorbell says so */
	wmb();
	writel(rq->value, dev->bar[0] + off);
	return 0;
}

/* NVT_IOC_RAWQ: creates and deletes run alone (nvt_ioctl_rawq_exclusive). */
long nvt_ioctl_rawq(struct nvt_file *nf, void *arg)
{
	struct nvt_rawq *rq = arg;

	if (rq->reserved)
		return -EINVAL;
	switch (rq->op) {
	case NVT_RAWQ_CREATE_CQ:
		return nvt_rawq_create(nf, rq, false);
	case NVT_RAWQ_CREATE_SQ:
		return nvt_rawq_create(nf, rq, true);
	case NVT_RAWQ_DELETE_SQ:
		return nvt_rawq_delete(nf, rq, true);
	case NVT_RAWQ_DELETE_CQ:
		return nvt_rawq_delete(nf, rq, false);
	case NVT_RAWQ_SQE:
		return nvt_rawq_sqe(nf, rq);
	case NVT_RAWQ_SQ_TAIL:
		return nvt_rawq_doorbell(nf, rq, true);
	case NVT_RAWQ_CQ_HEAD:
		return nvt_rawq_doorbell(nf, rq, false);
	}
	return -EINVAL;
}

static bool nvt_rawq_owns_any(struct nvt_file *nf)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rawq_rec *r;
	unsigned long qid;
	bool any = false;

	mutex_lock(&dev->rawq_lock);
	xa_for_each(&dev->rawsqs, qid, r)
		any |= r->owner == nf;
	xa_for_each(&dev->rawcqs, qid, r)
		any |= r->owner == nf;
	mutex_unlock(&dev->rawq_lock);
	return any;
}

/*
 * The file closes: delete its raw SQs, then its CQs.  One the controller
 * does not answer for is left to the next reset (its memory parked).
 */
void nvt_rawq_release_file(struct nvt_file *nf)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_rawq_rec *r;
	unsigned long qid;
	u32 status;
	int pass;

	if (!nvt_rawq_owns_any(nf))
		return;
	atomic_inc(&dev->exclusive_waiting);
	down_write(&dev->lock);
	atomic_dec(&dev->exclusive_waiting);
	for (pass = 0; pass < 2; pass++) {
		xa_for_each(nvt_rawq_table(dev, !pass), qid, r) {
			if (r->owner != nf)
				continue;
			if (nvt_dev_gone(dev) || !nvt_ctrl_enabled(dev) ||
			    nvt_rawq_delete_rec(dev, r, 0, &status)) {
				/* not deleted: parked until a reset */
				nvt_rawq_forget(dev, r, nvt_rawq_ended(dev, r));
			}
		}
	}
	up_write(&dev->lock);
}

/*
 * The controller's life ended (ctrl_lock held): the checked entries of
 * raw SQs are freed once it is disabled, so that their buffers and the
 * formats they hold do not wait for NVT_RAWQ_DELETE_SQ.  The rings wait:
 * the records still name them.
 */
void nvt_rawq_life_ends(struct nvt_dev *dev)
{
	struct nvt_rawq_ended *e;
	struct nvt_rawq_rec *r;
	unsigned long qid;

	mutex_lock(&dev->rawq_lock);
	xa_for_each(&dev->rawsqs, qid, r) {
		struct nvt_rawq_mem *m = r->mem;

		if (list_empty(&m->kept))
			continue;
		e = kzalloc(sizeof(*e), GFP_KERNEL);
		if (!e)
			break;		/* they go with the queue */
		e->dev = dev;
		INIT_LIST_HEAD(&e->kept);
		list_splice_init(&m->kept, &e->kept);
		e->nr_kept = m->nr_kept;
		e->kept_pages = m->kept_pages;
		m->nr_kept = 0;
		m->kept_pages = 0;
		e->park.free = nvt_rawq_ended_free;
		nvt_park(dev, &e->park, false);
	}
	mutex_unlock(&dev->rawq_lock);
}

/* The device goes (dev->lock held for writing, DMA stopped). */
void nvt_rawq_teardown(struct nvt_dev *dev)
{
	struct nvt_rawq_rec *r;
	unsigned long qid;
	int pass;

	for (pass = 0; pass < 2; pass++)
		xa_for_each(nvt_rawq_table(dev, !pass), qid, r)
			nvt_rawq_forget(dev, r, false);
	xa_destroy(&dev->rawsqs);
	xa_destroy(&dev->rawcqs);
}
