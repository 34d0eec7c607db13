// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: data pointers the caller built (NVT_CMD_DPTR_USER, raw SQ entries).
 *
 * Where raw DMA is allowed (an IOMMU, or unsafe_raw_dma) they go as given.
 * Where it is refused, the driver follows them as the controller would
 * (nvt_udptr_calc.h) for the transfer the SQE describes (nvt_xfer.h, the
 * namespace's format; MDTS when the size is unknown): every range the
 * controller may reach must lie inside one live, unsealed buffer of the
 * caller's file, PRP lists and SGL segments are copied into pages of the
 * PRP pool and the SQE is moved to the copies.  The buffers reached stay
 * pinned, and formats held (NVT_HOLD_IO), until the command is gone.
 *
 * Buffers in controller memory (NVT_BUF_CMB, NVT_BUF_PMR with an address)
 * count too: the controller reaches its own memory.  Lists placed there
 * are copied like the others (the caller may rewrite its mapping at any
 * time), and the copy goes where the original was: a list or segment in
 * the CMB (or PMR) is copied into a page of it the driver takes for the
 * command (ENOSPC when there is no room), since a controller may require
 * the SGL segments and the data of a command to be in one memory space
 * (QEMU answers 00/12, Invalid Use of Controller Memory Buffer, when an
 * SGL starts in host memory and its data is in its CMB).  The walk fills a
 * host page; it goes to controller memory with memcpy_toio() once the
 * walk is done, before the SQE is submitted.  Such pages are given back
 * from a work item: the release may run under a queue's spinlock, and
 * taking controller memory sleeps.
 */
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/io.h>
#include <linux/slab.h>

#include "nvt.h"
#include "nvt_udptr_calc.h"

#define NVT_UDPTR_MAX_BUFS	32
#define NVT_UDPTR_MAX_PAGES	NVT_UDPTR_MAX_SEGS

/*
 * A copy page: of the PRP pool (@io NULL), or in controller memory at @io
 * (NVT_BUF_CMB or NVT_BUF_PMR @where), filled from the host page @cpu.
 */
struct nvt_udptr_page {
	void *cpu;
	dma_addr_t dma;
	void __iomem *io;
	u32 where;
};

/* What a command with caller-built pointers holds. */
struct nvt_udptr {
	u32 nr_bufs;
	u32 nr_pages;
	bool devmem;			/* a page in controller memory */
	struct llist_node free_node;	/* on dev->udptr_free */
	struct nvt_buf *bufs[NVT_UDPTR_MAX_BUFS];
	struct nvt_udptr_page pages[NVT_UDPTR_MAX_PAGES];
};

struct nvt_udptr_ctx {
	struct nvt_dev *dev;
	struct nvt_file *nf;
	struct nvt_udptr *u;
	bool admin;
	u8 opc;
};

static void nvt_udptr_free(struct nvt_dev *dev, struct nvt_udptr *u)
{
	struct nvt_udptr_page *p;
	u32 i;

	for (i = 0; i < u->nr_pages; i++) {
		p = &u->pages[i];
		if (p->io) {
			nvt_devmem_free(dev, p->where, p->io, PAGE_SIZE);
			kfree(p->cpu);
		} else {
			dma_pool_free(dev->prp_pool, p->cpu, p->dma);
		}
	}
	for (i = 0; i < u->nr_bufs; i++)
		nvt_buf_put(u->bufs[i]);
	kfree(u);
}

/* May run under a queue's spinlock (a slot freed). */
void nvt_udptr_release(struct nvt_dev *dev, struct nvt_udptr *u)
{
	if (!u->devmem) {
		nvt_udptr_free(dev, u);
		return;
	}
	/* giving controller memory back sleeps (cmb_lock) */
	llist_add(&u->free_node, &dev->udptr_free);
	schedule_work(&dev->udptr_free_work);
}

void nvt_udptr_free_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(work, struct nvt_dev,
					   udptr_free_work);
	struct llist_node *list = llist_del_all(&dev->udptr_free);
	struct nvt_udptr *u, *next;

	llist_for_each_entry_safe(u, next, list, free_node)
		nvt_udptr_free(dev, u);
}

/* The list and segment pages @u holds (raw SQs bound what they keep). */
u32 nvt_udptr_pages(const struct nvt_udptr *u)
{
	return u->nr_pages;
}

static const char *nvt_udptr_qname(bool admin)
{
	return admin ? "admin" : "I/O";
}

/*
 * The live, unsealed buffer of the file that holds [addr, addr + len): host
 * memory, or controller memory with an address (a PMR without
 * PMRCAP.CMSS has none).
 */
static struct nvt_buf *nvt_udptr_find(struct nvt_udptr_ctx *c, u64 addr,
				      u64 len)
{
	struct nvt_buf *buf;

	lockdep_assert_held(&c->dev->buf_lock);
	if (!len || addr + len < addr)
		return NULL;
	list_for_each_entry(buf, &c->nf->bufs, node) {
		if (buf->dying || buf->sealed || !buf->dma ||
		    !(buf->cpu || buf->io))
			continue;
		if (addr >= buf->dma && addr - buf->dma < buf->len &&
		    len <= buf->len - (addr - buf->dma))
			return buf;
	}
	return NULL;
}

static int nvt_udptr_reach(void *ctx, u64 addr, u64 len, const char *what,
			   void *copy)
{
	struct nvt_udptr_ctx *c = ctx;
	struct nvt_dev *dev = c->dev;
	struct nvt_udptr *u = c->u;
	struct nvt_buf *buf;
	int ret = 0;
	u32 i;

	mutex_lock(&dev->buf_lock);
	buf = nvt_udptr_find(c, addr, len);
	if (!buf) {
		ret = -EFAULT;
	} else {
		for (i = 0; i < u->nr_bufs && u->bufs[i] != buf; i++)
			;
		if (i == u->nr_bufs && i == NVT_UDPTR_MAX_BUFS) {
			ret = -E2BIG;
		} else if (i == u->nr_bufs) {
			kref_get(&buf->ref);
			u->bufs[u->nr_bufs++] = buf;
		}
		if (!ret && copy && buf->io)
			memcpy_fromio(copy, buf->io + (addr - buf->dma), len);
		else if (!ret && copy)
			memcpy(copy, (u8 *)buf->cpu + (addr - buf->dma), len);
	}
	mutex_unlock(&dev->buf_lock);

	if (ret == -EFAULT)
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: %s at 0x%llx (%llu bytes) is not inside one of the file's live buffers\n",
				     nvt_udptr_qname(c->admin), c->opc, what,
				     addr, len);
	else if (ret)
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: %s at 0x%llx: the pointers reach more than %d buffers\n",
				     nvt_udptr_qname(c->admin), c->opc, what,
				     addr, NVT_UDPTR_MAX_BUFS);
	return ret;
}

/* NVT_BUF_CMB or NVT_BUF_PMR: the memory [@src, @src + @len) is in; 0: host */
static u32 nvt_udptr_space(struct nvt_udptr_ctx *c, u64 src, u64 len)
{
	struct nvt_buf *buf;
	u32 where = 0;

	mutex_lock(&c->dev->buf_lock);
	buf = nvt_udptr_find(c, src, len);
	if (buf && buf->io)
		where = buf->where;
	mutex_unlock(&c->dev->buf_lock);
	return where;
}

/* A page of controller memory @p->where for a copy, filled from @p->cpu. */
static int nvt_udptr_devmem(struct nvt_udptr_ctx *c, struct nvt_udptr_page *p,
			    u64 src)
{
	struct nvt_dev *dev = c->dev;
	phys_addr_t phys;
	int ret;

	p->cpu = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!p->cpu)
		return -ENOMEM;
	ret = nvt_devmem_alloc(dev, p->where, PAGE_SIZE, &p->io, &p->dma,
			       &phys);
	if (!ret && !p->dma) {
		nvt_devmem_free(dev, p->where, p->io, PAGE_SIZE);
		ret = -EOPNOTSUPP;
	}
	if (ret) {
		p->io = NULL;
		kfree(p->cpu);
		p->cpu = NULL;
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: no page of the %s for the copy of the list or segment at 0x%llx (%d)\n",
				     nvt_udptr_qname(c->admin), c->opc,
				     p->where == NVT_BUF_CMB ? "CMB" : "PMR",
				     src, ret);
	}
	return ret;
}

/*
 * A copy page for the list or segment at [@src, @src + @len): in the
 * memory space the original is in, so that the controller finds the list
 * next to data the caller put there.
 */
static int nvt_udptr_alloc(void *ctx, u64 src, u64 len, void **cpu, u64 *dma)
{
	struct nvt_udptr_ctx *c = ctx;
	struct nvt_udptr *u = c->u;
	struct nvt_udptr_page *p;
	int ret;

	if (u->nr_pages == NVT_UDPTR_MAX_PAGES)
		return -E2BIG;
	p = &u->pages[u->nr_pages];
	memset(p, 0, sizeof(*p));
	p->where = nvt_udptr_space(c, src, len);
	if (p->where) {
		ret = nvt_udptr_devmem(c, p, src);
		if (ret)
			return ret;
		u->devmem = true;
	} else {
		p->cpu = dma_pool_zalloc(c->dev->prp_pool, GFP_KERNEL, &p->dma);
		if (!p->cpu)
			return -ENOMEM;
	}
	u->nr_pages++;
	*cpu = p->cpu;
	*dma = p->dma;
	return 0;
}

/* The walk is done: the copies meant for controller memory go there. */
static void nvt_udptr_push(struct nvt_udptr *u)
{
	u32 i;

	for (i = 0; i < u->nr_pages; i++)
		if (u->pages[i].io)
			memcpy_toio(u->pages[i].io, u->pages[i].cpu, PAGE_SIZE);
}

/* Bytes PRPs describe: the transfer, or MDTS when it is not known. */
static int nvt_udptr_data_size(struct nvt_dev *dev, bool admin, u8 opc,
			       const struct nvt_xfer *x, u64 *data)
{
	u64 mdts = 0;
	int ret;

	*data = x->data;
	if (x->data != NVT_XFER_UNKNOWN)
		return 0;
	ret = nvt_nsinfo_mdts(dev, &mdts);
	if (nvt_nsinfo_unasked(ret))
		return ret;
	if (ret || !mdts) {
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: what it moves is unknown, and so is MDTS (or there is no limit): caller-built PRPs refused\n",
				     nvt_udptr_qname(admin), opc);
		return -EINVAL;
	}
	*data = mdts;
	return 0;
}

int nvt_udptr_prepare(struct nvt_dev *dev, struct nvt_file *nf, bool admin,
		      u32 *sqe, struct nvt_dptr *d)
{
	u8 opc = sqe[0] & 0xff;
	struct nvt_udptr_ctx c = {
		.dev = dev, .nf = nf, .admin = admin, .opc = opc,
	};
	struct nvt_udptr_walk w = {
		.ps = dev->page_size, .kpage = PAGE_SIZE,
		.max_pages = NVT_UDPTR_MAX_PAGES, .ctx = &c,
		.reach = nvt_udptr_reach, .page = nvt_udptr_alloc,
	};
	struct nvt_xfer_ns fmt = { };
	u8 hold = NVT_HOLD_NONE;
	dma_addr_t sink = 0;
	struct nvt_xfer x;
	bool allowed;
	u64 data = 0;
	int ret;

	memset(d, 0, sizeof(*d));
	if (admin && nvt_xfer_changes_format(opc))
		hold = NVT_HOLD_FMT;
	else if (!admin)
		hold = NVT_HOLD_IO;

	/* allowed: the pointers go as given, formats still held by a format */
	ret = nvt_raw_dma_use(dev);
	if (ret && ret != -EPERM)
		return ret;
	allowed = !ret;
	if (allowed && hold != NVT_HOLD_FMT)
		return 0;
	if (hold) {
		ret = nvt_nsinfo_hold(dev, hold);
		if (ret)
			return ret;
		d->hold = hold;
	}
	if (allowed)
		return 0;

	if (!admin) {
		ret = nvt_nsinfo_get(dev, sqe[1], &fmt);
		/* could not ask now: say so rather than refuse the size */
		if (nvt_nsinfo_unasked(ret))
			goto fail;
	}
	nvt_xfer_size(sqe, admin, &fmt, &x);
	if (x.addr) {
		dev_info_ratelimited(&dev->pdev->dev, "admin opcode 0x%02x: a queue or buffer the controller keeps: not with caller-built pointers where raw DMA is refused\n",
				     opc);
		ret = -EINVAL;
		goto fail;
	}
	if ((sqe[0] & NVT_SQE_PSDT_MASK) == NVT_SQE_PSDT_PRP) {
		ret = nvt_udptr_data_size(dev, admin, opc, &x, &data);
		if (!ret)
			ret = nvt_nsinfo_sink(dev, &sink);
		if (ret)
			goto fail;
	}
	c.u = kzalloc(sizeof(*c.u), GFP_KERNEL);
	if (!c.u) {
		ret = -ENOMEM;
		goto fail;
	}
	d->user = c.u;
	w.sink = sink;
	ret = nvt_udptr_walk(&w, sqe, data, x.meta);
	if (ret && w.why)
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: %s (0x%llx)\n",
				     nvt_udptr_qname(admin), opc, w.why, w.bad);
	if (ret)
		goto fail;
	nvt_udptr_push(c.u);
	return 0;
fail:
	nvt_dptr_release(dev, d);
	return ret;
}
