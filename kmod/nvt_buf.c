// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: DMA buffers that user space maps and points commands at.
 *
 * A buffer's memory is freed only when nothing can touch it any more:
 * - its id is dropped (BUF_FREE or close) and no command that the driver
 *   built a data pointer for is in flight (those hold a reference);
 * - no user mapping is left: BUF_FREE zaps them before the id (and so the
 *   mmap offset) can be given to a new buffer, and a file is released only
 *   after its mappings are gone;
 * - the controller cannot reach it: nvt_park() keeps it while a reset is
 *   under way or user space may have pointed the controller at memory we
 *   cannot track (raw PRPs, its own queues), until CSTS.RDY has cleared.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "nvt.h"

/*
 * mmap offset of a buffer: its id in bits 47:32, so offsets never overlap,
 * and a generation in bits 62:48.  Ids are reused at once; the generation
 * makes an offset kept after its buffer was freed name no buffer (ENOENT)
 * rather than the next one that took the id.
 */
#define NVT_BUF_MMAP_SHIFT	32
#define NVT_BUF_GEN_SHIFT	48
#define NVT_BUF_GEN_MASK	0x7fffu
#define NVT_BUF_PGOFF_SHIFT	(NVT_BUF_MMAP_SHIFT - PAGE_SHIFT)
#define NVT_BUF_PAGE_MASK	((1UL << NVT_BUF_PGOFF_SHIFT) - 1)

static unsigned int max_buf_mb = 2048;
module_param(max_buf_mb, uint, 0644);
MODULE_PARM_DESC(max_buf_mb, "DMA buffer memory one device may hold (MiB)");

static void nvt_buf_release(struct kref *ref)
{
	struct nvt_buf *buf = container_of(ref, struct nvt_buf, ref);
	struct nvt_dev *dev = buf->dev;

	/* may run under a queue spinlock: do the sleeping part in a work */
	llist_add(&buf->free_node, &dev->free_list);
	schedule_work(&dev->free_work);
}

void nvt_buf_put(struct nvt_buf *buf)
{
	kref_put(&buf->ref, nvt_buf_release);
}

/* Look up a buffer by id and pin it (for a command's data pointer). */
struct nvt_buf *nvt_buf_get(struct nvt_dev *dev, u32 id)
{
	struct nvt_buf *buf;

	mutex_lock(&dev->buf_lock);
	buf = xa_load(&dev->bufs, id);
	if (buf && !buf->dma) {
		/* a PMR the controller cannot address: no command may use it */
		dev_info_ratelimited(&dev->pdev->dev,
				     "buf %u: PMR without a controller address (no PMRCAP.CMSS): not for commands\n",
				     id);
		buf = NULL;
	}
	if (buf)
		kref_get(&buf->ref);
	mutex_unlock(&dev->buf_lock);
	return buf;
}

static void nvt_buf_zap(struct nvt_buf *buf)
{
	struct nvt_dev *dev = buf->dev;
	struct nvt_file *nf;
	loff_t start = buf->mmap_off;

	mutex_lock(&dev->files_lock);
	list_for_each_entry(nf, &dev->files, node)
		unmap_mapping_range(nf->file->f_mapping, start, buf->len, 1);
	mutex_unlock(&dev->files_lock);
}

static void nvt_buf_free_memory(struct nvt_buf *buf)
{
	if (buf->io)
		nvt_devmem_free(buf->dev, buf->where, buf->io, buf->len);
	buf->io = NULL;
	if (buf->cpu) {
		dma_free_coherent(&buf->dev->pdev->dev, buf->len, buf->cpu,
				  buf->dma);
		atomic64_sub(buf->len, &buf->dev->buf_bytes);
	}
	buf->cpu = NULL;
}

static void nvt_buf_free_parked(struct nvt_parked_mem *pm)
{
	struct nvt_buf *buf = container_of(pm, struct nvt_buf, park);
	struct nvt_dev *dev = buf->dev;

	nvt_buf_free_memory(buf);
	kfree(buf);
	nvt_dev_put(dev);
}

void nvt_buf_free_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(work, struct nvt_dev, free_work);
	struct llist_node *list = llist_del_all(&dev->free_list);
	struct nvt_buf *buf, *next;

	/* the last reference is gone: only raw DMA may still reach it */
	llist_for_each_entry_safe(buf, next, list, free_node) {
		buf->park.free = nvt_buf_free_parked;
		nvt_park(dev, &buf->park, true);
	}
}

long nvt_ioctl_buf_alloc(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_buf_alloc *ba = arg;
	struct nvt_buf *buf;
	u32 id;
	int ret;

	if ((ba->flags & ~(NVT_BUF_CMB | NVT_BUF_PMR)) ||
	    ba->flags == (NVT_BUF_CMB | NVT_BUF_PMR) || ba->reserved ||
	    !ba->length || ba->length > NVT_BUF_MAX_LEN)
		return -EINVAL;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	kref_init(&buf->ref);
	buf->dev = dev;
	buf->len = PAGE_ALIGN(ba->length);
	if (ba->flags) {
		/* device memory: its own space, not max_buf_mb's */
		buf->where = ba->flags;
		ret = nvt_devmem_alloc(dev, buf->where, buf->len, &buf->io,
				       &buf->dma, &buf->phys);
		if (ret) {
			kfree(buf);
			return ret;
		}
		/* no data of an earlier buffer; the PMR keeps its contents */
		if (buf->where == NVT_BUF_CMB)
			memset_io(buf->io, 0, buf->len);
	} else {
		if (atomic64_add_return(buf->len, &dev->buf_bytes) >
		    (u64)max_buf_mb << 20) {
			atomic64_sub(buf->len, &dev->buf_bytes);
			kfree(buf);
			return -ENOSPC;
		}
		buf->cpu = dma_alloc_coherent(&dev->pdev->dev, buf->len,
					      &buf->dma,
					      GFP_KERNEL | __GFP_NOWARN);
	}
	if (!buf->cpu && !buf->io) {
		atomic64_sub(buf->len, &dev->buf_bytes);
		kfree(buf);
		return -ENOMEM;
	}

	mutex_lock(&dev->buf_lock);
	ret = xa_alloc(&dev->bufs, &id, buf, XA_LIMIT(1, U16_MAX), GFP_KERNEL);
	if (!ret) {
		buf->id = id;
		buf->mmap_off = (u64)(++dev->buf_gen & NVT_BUF_GEN_MASK) <<
				NVT_BUF_GEN_SHIFT | (u64)id << NVT_BUF_MMAP_SHIFT;
		buf->owner = nf;
		list_add_tail(&buf->node, &nf->bufs);
		nvt_dev_get(dev);
	}
	mutex_unlock(&dev->buf_lock);
	if (ret) {
		nvt_buf_free_memory(buf);
		kfree(buf);
		return ret == -EBUSY ? -ENOSPC : ret;
	}

	ba->alloc_length = buf->len;
	ba->dma_addr = buf->dma;
	ba->mmap_offset = buf->mmap_off;
	ba->id = id;
	/* until the answer is back: this very buffer, whatever its id does */
	kref_get(&buf->ref);
	*nvt_ioctl_keep(ba, sizeof(*ba)) = buf;
	return 0;
}

/* Drop the id of a buffer; its memory goes when the last user is done. */
static void nvt_buf_drop_id(struct nvt_buf *buf)
{
	lockdep_assert_held(&buf->dev->buf_lock);
	xa_erase(&buf->dev->bufs, buf->id);
	list_del_init(&buf->node);
	buf->owner = NULL;
}

/* Free buffer @id of @nf; @want: only if the id still names that one. */
static int nvt_buf_free_id(struct nvt_file *nf, u32 id, struct nvt_buf *want)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_buf *buf;

	mutex_lock(&dev->buf_lock);
	buf = xa_load(&dev->bufs, id);
	if (!buf || buf->owner != nf || buf->dying || (want && buf != want)) {
		mutex_unlock(&dev->buf_lock);
		return -ENOENT;
	}
	buf->dying = true;
	mutex_unlock(&dev->buf_lock);

	/*
	 * Zap while the id is still taken: once it is dropped, a new buffer
	 * may get the same mmap offset, and a later zap would hit its mapping.
	 * The id's reference keeps @buf; only this file could drop it.
	 */
	nvt_buf_zap(buf);
	mutex_lock(&dev->buf_lock);
	nvt_buf_drop_id(buf);
	mutex_unlock(&dev->buf_lock);
	nvt_buf_put(buf);
	return 0;
}

long nvt_ioctl_buf_free(struct nvt_file *nf, void *arg)
{
	struct nvt_buf_free *bf = arg;

	return nvt_buf_free_id(nf, bf->id, NULL);
}

/*
 * The caller never learnt the id: free that buffer the way BUF_FREE does
 * (another thread may have guessed its id and mapped it, or freed it and
 * had the id given to a new buffer meanwhile, which stays).
 */
void nvt_ioctl_buf_alloc_finish(struct nvt_file *nf, void *arg, bool answered)
{
	struct nvt_buf_alloc *ba = arg;
	struct nvt_buf *buf = *nvt_ioctl_keep(ba, sizeof(*ba));

	if (!answered)
		nvt_buf_free_id(nf, ba->id, buf);
	nvt_buf_put(buf);
}

void nvt_buf_release_file(struct nvt_file *nf)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_buf *buf;

	mutex_lock(&dev->buf_lock);
	while ((buf = list_first_entry_or_null(&nf->bufs, struct nvt_buf,
					       node))) {
		nvt_buf_drop_id(buf);
		mutex_unlock(&dev->buf_lock);
		nvt_buf_put(buf);
		mutex_lock(&dev->buf_lock);
	}
	mutex_unlock(&dev->buf_lock);
	flush_work(&dev->free_work);
}

/*
 * The pfn of the page at @off of @buf's memory (linear or vmapped; or
 * device memory in a BAR).
 */
static unsigned long nvt_buf_pfn(struct nvt_buf *buf, unsigned long off)
{
	void *va = (u8 *)buf->cpu + off;

	if (buf->io)
		return PHYS_PFN(buf->phys + off);
	return is_vmalloc_addr(va) ? vmalloc_to_pfn(va) :
				     page_to_pfn(virt_to_page(va));
}

/* A raw queue's ring holds @buf (a reference from nvt_buf_get()). */
void nvt_buf_ring_hold(struct nvt_buf *buf)
{
	mutex_lock(&buf->dev->buf_lock);
	buf->rings++;
	mutex_unlock(&buf->dev->buf_lock);
}

/* ... and lets go of it, that reference with it. */
void nvt_buf_ring_release(struct nvt_buf *buf)
{
	mutex_lock(&buf->dev->buf_lock);
	buf->rings--;
	mutex_unlock(&buf->dev->buf_lock);
	nvt_buf_put(buf);
}

/*
 * Seal @buf for a raw SQ ring (nvt_rawq.c): from here its mappings are
 * read-only, a write through one is SIGBUS.  Its writable PTEs are zapped
 * before this returns, so the caller may then write the ring knowing that
 * user space cannot.  Seals count: one per ring.  EBUSY while a command
 * may still move data into it: every reference but the id's, the
 * mappings' and the rings' is one (taken under buf_lock, as the data
 * pointers take theirs after looking at the seal).
 */
int nvt_buf_seal(struct nvt_buf *buf)
{
	struct nvt_dev *dev = buf->dev;
	bool first;

	mutex_lock(&dev->buf_lock);
	if (buf->dying || !(buf->cpu || buf->io)) {
		mutex_unlock(&dev->buf_lock);
		return -ENOENT;
	}
	if (kref_read(&buf->ref) > !!buf->owner + buf->maps + buf->rings) {
		mutex_unlock(&dev->buf_lock);
		return -EBUSY;
	}
	first = !buf->sealed++;
	mutex_unlock(&dev->buf_lock);
	if (first)
		nvt_buf_zap(buf);
	return 0;
}

/* A ring the controller can no longer reach lets go of its seal. */
void nvt_buf_unseal(struct nvt_buf *buf)
{
	mutex_lock(&buf->dev->buf_lock);
	if (!WARN_ON_ONCE(!buf->sealed))
		buf->sealed--;
	mutex_unlock(&buf->dev->buf_lock);
}

/*
 * A page of a mapping is touched: map it, unless the buffer is going.
 * Pages are mapped here, under buf_lock, rather than all at mmap time:
 * a mapping made while BUF_FREE runs would otherwise keep pages that its
 * zap could not see yet (the VMA is linked after ->mmap returns).
 */
static vm_fault_t nvt_buf_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct nvt_buf *buf = vma->vm_private_data;
	unsigned long off = ((vma->vm_pgoff & NVT_BUF_PAGE_MASK) << PAGE_SHIFT) +
			    (vmf->address - vma->vm_start);
	vm_fault_t ret = VM_FAULT_SIGBUS;

	mutex_lock(&buf->dev->buf_lock);
	/*
	 * The page goes in read-only (the mapping asks to be told of writes:
	 * nvt_buf_mkwrite()); a write to a sealed buffer never gets that far.
	 */
	if (!buf->dying && (buf->cpu || buf->io) && off < buf->len &&
	    !(buf->sealed && (vmf->flags & FAULT_FLAG_WRITE)))
		ret = vmf_insert_pfn(vma, vmf->address, nvt_buf_pfn(buf, off));
	mutex_unlock(&buf->dev->buf_lock);
	return ret;
}

/* A write to a page mapped read-only: allowed unless the buffer is sealed. */
static vm_fault_t nvt_buf_mkwrite(struct vm_fault *vmf)
{
	struct nvt_buf *buf = vmf->vma->vm_private_data;
	vm_fault_t ret = 0;

	mutex_lock(&buf->dev->buf_lock);
	if (buf->sealed || buf->dying || !(buf->cpu || buf->io))
		ret = VM_FAULT_SIGBUS;
	mutex_unlock(&buf->dev->buf_lock);
	return ret;
}

/* Each mapping holds the buffer: its memory lives while one exists. */
static void nvt_buf_vm_open(struct vm_area_struct *vma)
{
	struct nvt_buf *buf = vma->vm_private_data;

	mutex_lock(&buf->dev->buf_lock);
	kref_get(&buf->ref);
	buf->maps++;
	mutex_unlock(&buf->dev->buf_lock);
}

static void nvt_buf_vm_close(struct vm_area_struct *vma)
{
	struct nvt_buf *buf = vma->vm_private_data;

	mutex_lock(&buf->dev->buf_lock);
	buf->maps--;
	mutex_unlock(&buf->dev->buf_lock);
	nvt_buf_put(buf);
}

static const struct vm_operations_struct nvt_buf_vm_ops = {
	.open = nvt_buf_vm_open,
	.close = nvt_buf_vm_close,
	.fault = nvt_buf_fault,
	.pfn_mkwrite = nvt_buf_mkwrite,
};

int nvt_buf_mmap(struct nvt_file *nf, struct vm_area_struct *vma)
{
	struct nvt_dev *dev = nf->dev;
	unsigned long pgoff = vma->vm_pgoff;
	unsigned long off = pgoff & NVT_BUF_PAGE_MASK;
	unsigned long size = vma->vm_end - vma->vm_start;
	struct nvt_buf *buf;
	int ret = 0;

	/* a private (copy-on-write) mapping would not be the DMA memory */
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	mutex_lock(&dev->buf_lock);
	buf = xa_load(&dev->bufs, (pgoff >> NVT_BUF_PGOFF_SHIFT) & U16_MAX);
	if (nvt_dev_gone(dev)) {
		ret = -ENODEV;
	} else if (!buf || buf->owner != nf || buf->dying ||
		   buf->mmap_off >> PAGE_SHIFT != (pgoff & ~NVT_BUF_PAGE_MASK)) {
		ret = -ENOENT;
	} else if (off >= buf->len >> PAGE_SHIFT ||
		   size > buf->len - (off << PAGE_SHIFT)) {
		ret = -EINVAL;
	} else if (buf->sealed && (vma->vm_flags & VM_WRITE)) {
		ret = -EACCES;	/* a raw SQ's ring: entries go by NVT_RAWQ_SQE */
	} else {
		if (buf->sealed)
			nvt_vm_flags_clear(vma, VM_MAYWRITE);
		kref_get(&buf->ref);
		if (buf->io)	/* a BAR: uncached, as the driver maps it */
			vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
		buf->maps++;
		vma->vm_private_data = buf;
		vma->vm_ops = &nvt_buf_vm_ops;
		nvt_vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND |
				      VM_DONTDUMP);
	}
	mutex_unlock(&dev->buf_lock);
	return ret;
}

/*
 * Device removal, once DMA has stopped: no new mappings (the state says
 * gone, checked under buf_lock), the old ones zapped, the memory freed.
 * The buffers themselves go when their files let go of them.
 */
void nvt_buf_teardown(struct nvt_dev *dev)
{
	struct nvt_buf *buf;
	unsigned long id;

	flush_work(&dev->free_work);
	mutex_lock(&dev->buf_lock);	/* an mmap under way is done */
	xa_for_each(&dev->bufs, id, buf) {
		buf->dying = true;	/* no page is mapped from here on */
		mutex_unlock(&dev->buf_lock);
		nvt_buf_zap(buf);
		mutex_lock(&dev->buf_lock);
		nvt_buf_free_memory(buf);
	}
	mutex_unlock(&dev->buf_lock);
}
