// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: data and metadata pointers the driver builds for a command over its
 * DMA buffers: PRP entries (with PRP lists that chain), SGL data blocks
 * (one, or a chain of segments) and the metadata pointer.
 *
 * A buffer is one DMA-contiguous allocation, so each PRP entry is the next
 * host page and each SGL data block the next chunk.  The buffers are
 * pinned (referenced) until the command is gone.
 *
 * A pointer covers what the command moves, as nvt_xfer.h reads it from the
 * SQE and the namespace's format (nvt_nsinfo.c): the caller's window must
 * hold that many bytes, and PRPs describe exactly them, so that PRP2 is a
 * data page or a list just as the controller takes it.  When the size
 * cannot be known (vendor commands, say), the window must hold the
 * controller's MDTS, and the pointer describes the window.  PRP list pages
 * are written whole: the entries past the transfer point at a sink page.
 */
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>

#include "nvt.h"

#define NVT_SQE_PSDT_MASK	(3u << 14)
#define NVT_SQE_PSDT_SGL	(1u << 14)	/* SGL data, MPTR an address */

/* SGL descriptor types (byte 15, bits 7:4) */
#define NVT_SGL_DATA_BLOCK	0x0
#define NVT_SGL_SEGMENT		0x2
#define NVT_SGL_LAST_SEGMENT	0x3

struct nvt_sgl_desc {
	__le64 addr;
	__le32 length;
	u8 rsvd[3];
	u8 type;
};

void nvt_dptr_release(struct nvt_dev *dev, struct nvt_dptr *d)
{
	int i;

	if (d->hold) {
		nvt_nsinfo_unhold(dev, d->hold);
		/* it ended (or was aborted): formats may have changed */
		if (d->hold == NVT_HOLD_FMT)
			nvt_nsinfo_forget(dev);
		d->hold = NVT_HOLD_NONE;
	}

	for (i = 0; i < NVT_MAX_PRP_PAGES; i++) {
		if (d->pages[i])
			dma_pool_free(dev->prp_pool, d->pages[i],
				      d->pages_dma[i]);
		d->pages[i] = NULL;
	}
	if (d->buf)
		nvt_buf_put(d->buf);
	if (d->meta)
		nvt_buf_put(d->meta);
	d->buf = NULL;
	d->meta = NULL;
}

static void *nvt_dptr_page(struct nvt_dev *dev, struct nvt_dptr *d, int page)
{
	if (page == NVT_MAX_PRP_PAGES)
		return ERR_PTR(-E2BIG);
	d->pages[page] = dma_pool_zalloc(dev->prp_pool, GFP_KERNEL,
					 &d->pages_dma[page]);
	return d->pages[page] ?: ERR_PTR(-ENOMEM);
}

/*
 * PRP1/PRP2 for [offset, offset + length) of the buffer.  A list page is
 * one controller page (CC.MPS): a kernel page holds PAGE_SIZE / MPS of
 * them, each chained to the next through its last entry when one is not
 * enough.  Every entry the transfer does not use points at the sink page.
 */
static int nvt_dptr_build_prp(struct nvt_dev *dev, struct nvt_dptr *d,
			      u64 offset, u64 length)
{
	u32 ps = dev->page_size;
	u32 per_list = ps / 8, lists_per_page;
	dma_addr_t addr = d->buf->dma + offset, sink;
	u64 first = ps - (addr & (ps - 1));
	u64 entries, done = 0;
	__le64 *prev = NULL;
	u32 k;
	int ret;

	d->dptr[0] = addr;
	if (length <= first)
		return 0;
	if (length <= first + ps) {
		d->dptr[1] = addr + first;
		return 0;
	}

	/* the list's own pages are kernel pages: an MPS page must fit */
	if (ps > PAGE_SIZE)
		return -EOPNOTSUPP;
	ret = nvt_nsinfo_sink(dev, &sink);
	if (ret)
		return ret;
	lists_per_page = PAGE_SIZE / ps;
	entries = DIV_ROUND_UP(length - first, ps);
	for (k = 0; done < entries; k++) {
		u32 page = k / lists_per_page, at = k % lists_per_page, i, n;
		dma_addr_t list_dma;
		__le64 *list;

		if (!at) {
			__le64 *all = nvt_dptr_page(dev, d, page);

			if (IS_ERR(all))
				return PTR_ERR(all);
			for (i = 0; i < PAGE_SIZE / 8; i++)
				all[i] = cpu_to_le64(sink);
		}
		list = (__le64 *)((u8 *)d->pages[page] + at * ps);
		list_dma = d->pages_dma[page] + at * ps;
		if (prev)
			prev[per_list - 1] = cpu_to_le64(list_dma);
		else
			d->dptr[1] = list_dma;
		/* more to come: the last entry chains to the next list */
		n = entries - done > per_list ? per_list - 1 : entries - done;
		for (i = 0; i < n; i++)
			list[i] = cpu_to_le64(addr + first + (done + i) * ps);
		done += n;
		prev = list;
	}
	return 0;
}

static void nvt_sgl_set(struct nvt_sgl_desc *sd, u64 addr, u32 len, u8 type)
{
	sd->addr = cpu_to_le64(addr);
	sd->length = cpu_to_le32(len);
	memset(sd->rsvd, 0, sizeof(sd->rsvd));
	sd->type = type << 4;
}

/*
 * SGL for [offset, offset + length): one Data Block descriptor in the SQE,
 * or, with @block smaller than @length, data blocks of @block bytes in
 * segments: each page of descriptors ends with a Segment descriptor to the
 * next, and the SQE (or the page before the last) points at the last one
 * with a Last Segment descriptor.
 */
static int nvt_dptr_build_sgl(struct nvt_dev *dev, struct nvt_dptr *d,
			      u64 offset, u64 length, u32 block)
{
	u32 per_page = PAGE_SIZE / sizeof(struct nvt_sgl_desc);
	dma_addr_t addr = d->buf->dma + offset;
	struct nvt_sgl_desc sqe_desc, *link = &sqe_desc;
	u64 blocks, done = 0;
	int page = 0;

	if (length > U32_MAX)
		return -E2BIG;
	if (!block || block >= length) {
		nvt_sgl_set(&sqe_desc, addr, length, NVT_SGL_DATA_BLOCK);
		goto out;
	}
	blocks = DIV_ROUND_UP(length, block);
	while (done < blocks) {
		struct nvt_sgl_desc *list = nvt_dptr_page(dev, d, page);
		u64 left = blocks - done;
		u32 i, n = left > per_page ? per_page - 1 : left;

		if (IS_ERR(list))
			return PTR_ERR(list);
		nvt_sgl_set(link, d->pages_dma[page],
			    n * sizeof(*list) + (left > n ? sizeof(*list) : 0),
			    left > n ? NVT_SGL_SEGMENT : NVT_SGL_LAST_SEGMENT);
		for (i = 0; i < n; i++) {
			u64 at = (done + i) * block;

			nvt_sgl_set(&list[i], addr + at,
				    min_t(u64, block, length - at),
				    NVT_SGL_DATA_BLOCK);
		}
		done += n;
		link = &list[n];
		page++;
	}
out:
	/* the SQE's copy is in CPU order: the ring write converts it */
	d->dptr[0] = le64_to_cpu(sqe_desc.addr);
	d->dptr[1] = le32_to_cpu(sqe_desc.length) | (u64)sqe_desc.type << 56;
	return 0;
}

/* Check and pin [offset, offset + length) of buffer @id. */
static struct nvt_buf *nvt_dptr_buf(struct nvt_dev *dev, u32 id, u64 offset,
				    u64 length)
{
	struct nvt_buf *buf = nvt_buf_get(dev, id);

	if (!buf)
		return ERR_PTR(-ENOENT);
	if (!length || offset >= buf->len || length > buf->len - offset) {
		nvt_buf_put(buf);
		return ERR_PTR(-ERANGE);
	}
	return buf;
}

static const char *nvt_dptr_qname(bool admin)
{
	return admin ? "admin" : "I/O";
}

/*
 * The data pointer over the pinned window of d->buf, for the transfer @x
 * of command @opc.
 */
static int nvt_dptr_data(struct nvt_dev *dev, bool admin, struct nvt_cmd *cmd,
			 struct nvt_dptr *d, const struct nvt_xfer *x)
{
	struct device *ddev = &dev->pdev->dev;
	bool sgl = cmd->flags & NVT_CMD_DPTR_SGL;
	u64 len = cmd->buf_length, need, mdts = 0;
	u8 opc = cmd->sqe[0] & 0xff;
	dma_addr_t addr = d->buf->dma + cmd->buf_offset;

	if (x->addr) {
		/* the controller keeps it: one contiguous, aligned ring */
		if (x->data == NVT_XFER_UNKNOWN || sgl || len < x->data ||
		    (addr & (dev->page_size - 1))) {
			dev_info_ratelimited(ddev, "admin opcode 0x%02x: a queue in a buffer must be physically contiguous (PC=1), page aligned and inside the window (%llu bytes)\n",
					     opc, len);
			return -EINVAL;
		}
		d->dptr[0] = addr;
		return 0;
	}
	if (x->data != NVT_XFER_UNKNOWN) {
		if (len < x->data) {
			dev_info_ratelimited(ddev, "%s opcode 0x%02x moves %llu bytes, its buffer window has %llu\n",
					     nvt_dptr_qname(admin), opc, x->data,
					     len);
			return -EINVAL;
		}
		need = x->data;
	} else {
		/* as much as the controller takes: MDTS */
		if (nvt_nsinfo_mdts(dev, &mdts) || !mdts || len < mdts) {
			dev_info_ratelimited(ddev, "%s opcode 0x%02x: what it moves is unknown, and its buffer window (%llu bytes) does not cover MDTS (%llu bytes, 0: unknown or no limit)\n",
					     nvt_dptr_qname(admin), opc, len,
					     mdts);
			return -EINVAL;
		}
		need = len;
	}
	/* an SGL says its own length: the controller stops at its end */
	if (sgl)
		return nvt_dptr_build_sgl(dev, d, cmd->buf_offset, len,
					  cmd->sgl_block);
	return nvt_dptr_build_prp(dev, d, cmd->buf_offset, need);
}

/*
 * Check the windows against what the command moves, pin them and build
 * the pointers; take the command's hold (NVT_HOLD_*).  @admin: for the
 * admin queue.
 */
int nvt_dptr_prepare(struct nvt_dev *dev, bool admin, struct nvt_cmd *cmd,
		     struct nvt_dptr *d)
{
	bool sgl = cmd->flags & NVT_CMD_DPTR_SGL;
	u32 bufs = cmd->flags & (NVT_CMD_DPTR_BUF | NVT_CMD_MPTR_BUF);
	u8 opc = cmd->sqe[0] & 0xff;
	struct nvt_xfer_ns fmt = { };
	struct nvt_xfer x;
	u8 hold = NVT_HOLD_NONE;
	int ret;

	memset(d, 0, sizeof(*d));
	if (sgl && !(cmd->flags & NVT_CMD_DPTR_BUF))
		return -EINVAL;
	if (cmd->flags & NVT_CMD_DPTR_BUF && cmd->sqe[0] & NVT_SQE_PSDT_MASK)
		return -EINVAL;	/* the driver says what the pointer is */
	if (admin && nvt_xfer_changes_format(opc))
		hold = NVT_HOLD_FMT;
	else if (!admin && bufs)
		hold = NVT_HOLD_IO;
	if (hold) {
		ret = nvt_nsinfo_hold(dev, hold);
		if (ret)
			return ret;
		d->hold = hold;
	}
	if (!bufs)
		return 0;

	if (!admin) {
		ret = nvt_nsinfo_get(dev, cmd->sqe[1], &fmt);
		/* could not ask now: say so rather than refuse the size */
		if (ret == -EINTR || ret == -ENOMEM || ret == -EAGAIN)
			goto fail;
	}
	nvt_xfer_size(cmd->sqe, admin, &fmt, &x);

	if (cmd->flags & NVT_CMD_DPTR_BUF) {
		d->buf = nvt_dptr_buf(dev, cmd->buf_id, cmd->buf_offset,
				      cmd->buf_length);
		if (IS_ERR(d->buf)) {
			ret = PTR_ERR(d->buf);
			d->buf = NULL;
			goto fail;
		}
		ret = nvt_dptr_data(dev, admin, cmd, d, &x);
		if (ret)
			goto fail;
		d->set_dptr = true;
		if (sgl)
			cmd->sqe[0] |= NVT_SQE_PSDT_SGL;
	}
	if (cmd->flags & NVT_CMD_MPTR_BUF) {
		if (x.meta == NVT_XFER_UNKNOWN || cmd->meta_length < x.meta) {
			dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x: %llu bytes of metadata (~0: unknown), its metadata window has %llu\n",
					     nvt_dptr_qname(admin), opc, x.meta,
					     cmd->meta_length);
			ret = -EINVAL;
			goto fail;
		}
		d->meta = nvt_dptr_buf(dev, cmd->meta_buf_id, cmd->meta_offset,
				       cmd->meta_length);
		if (IS_ERR(d->meta)) {
			ret = PTR_ERR(d->meta);
			d->meta = NULL;
			goto fail;
		}
		d->mptr = d->meta->dma + cmd->meta_offset;
	} else if (cmd->flags & NVT_CMD_DPTR_BUF && x.meta &&
		   x.meta != NVT_XFER_UNKNOWN && !cmd->sqe[4] && !cmd->sqe[5]) {
		/* separate metadata to or from address 0 */
		dev_info_ratelimited(&dev->pdev->dev, "%s opcode 0x%02x moves %llu bytes of separate metadata, and has no metadata pointer\n",
				     nvt_dptr_qname(admin), opc, x.meta);
		ret = -EINVAL;
		goto fail;
	}
	return 0;
fail:
	nvt_dptr_release(dev, d);
	return ret;
}

void nvt_dptr_apply(const struct nvt_dptr *d, u32 *sqe)
{
	if (d->set_dptr) {
		sqe[6] = lower_32_bits(d->dptr[0]);
		sqe[7] = upper_32_bits(d->dptr[0]);
		sqe[8] = lower_32_bits(d->dptr[1]);
		sqe[9] = upper_32_bits(d->dptr[1]);
	}
	if (d->meta) {
		sqe[4] = lower_32_bits(d->mptr);
		sqe[5] = upper_32_bits(d->mptr);
	}
}
