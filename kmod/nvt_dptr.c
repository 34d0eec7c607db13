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
#include "nvt_dptr_calc.h"

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
	if (d->user) {
		nvt_udptr_release(dev, d->user);
		d->user = NULL;
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

/* The @n list pages a plan needs, freed by nvt_dptr_release(). */
static int nvt_dptr_pages(struct nvt_dev *dev, struct nvt_dptr *d, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++) {
		d->pages[i] = dma_pool_zalloc(dev->prp_pool, GFP_KERNEL,
					      &d->pages_dma[i]);
		if (!d->pages[i])
			return -ENOMEM;
	}
	return 0;
}

/*
 * PRP1/PRP2 for [offset, offset + length) of the buffer, with its lists
 * (nvt_prp_plan()) in pages of the PRP pool.
 */
static int nvt_dptr_build_prp(struct nvt_dev *dev, struct nvt_dptr *d,
			      u64 offset, u64 length)
{
	struct nvt_prp_plan p;
	dma_addr_t sink;
	int ret;

	ret = nvt_prp_plan(d->buf->dma + offset, length, dev->page_size,
			   PAGE_SIZE, NVT_MAX_PRP_PAGES, &p);
	if (ret)
		return ret;
	if (p.lists) {
		ret = nvt_nsinfo_sink(dev, &sink);
		if (!ret)
			ret = nvt_dptr_pages(dev, d, p.pages);
		if (ret)
			return ret;
		nvt_prp_fill(&p, dev->page_size, PAGE_SIZE, d->pages,
			     d->pages_dma, sink);
	}
	d->dptr[0] = p.prp1;
	d->dptr[1] = p.prp2;
	return 0;
}

/*
 * SGL for [offset, offset + length): one data block, or blocks of @block
 * bytes in segments (nvt_sgl_plan()) in pages of the PRP pool.
 */
static int nvt_dptr_build_sgl(struct nvt_dev *dev, struct nvt_dptr *d,
			      u64 offset, u64 length, u32 block)
{
	struct nvt_sgl_plan p;
	int ret;

	ret = nvt_sgl_plan(length, block, PAGE_SIZE, NVT_MAX_PRP_PAGES, &p);
	if (!ret)
		ret = nvt_dptr_pages(dev, d, p.pages);
	if (ret)
		return ret;
	nvt_sgl_fill(&p, d->buf->dma + offset, length, block, PAGE_SIZE,
		     d->pages, d->pages_dma, d->dptr);
	return 0;
}

/* Check and pin [offset, offset + length) of buffer @id. */
static struct nvt_buf *nvt_dptr_buf(struct nvt_dev *dev, u32 id, u64 offset,
				    u64 length)
{
	struct nvt_buf *buf = nvt_buf_get(dev, id);

	if (!buf)
		return ERR_PTR(-ENOENT);
	if (READ_ONCE(buf->sealed)) {
		dev_info_ratelimited(&dev->pdev->dev, "buffer %u holds a raw SQ's ring: not data for a command\n",
				     id);
		nvt_buf_put(buf);
		return ERR_PTR(-EBUSY);
	}
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
	int ret;

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
		ret = nvt_nsinfo_mdts(dev, &mdts);
		if (nvt_nsinfo_unasked(ret))
			return ret;
		if (ret || !mdts || len < mdts) {
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
 * admin queue.  NVT_CMD_DPTR_USER: the caller's own pointers, checked
 * against the buffers of @nf (nvt_udptr.c).
 */
int nvt_dptr_prepare(struct nvt_dev *dev, struct nvt_file *nf, bool admin,
		     struct nvt_cmd *cmd, struct nvt_dptr *d)
{
	bool sgl = cmd->flags & NVT_CMD_DPTR_SGL;
	u32 bufs = cmd->flags & (NVT_CMD_DPTR_BUF | NVT_CMD_MPTR_BUF);
	u8 opc = cmd->sqe[0] & 0xff;
	struct nvt_xfer_ns fmt = { };
	struct nvt_xfer x;
	u8 hold = NVT_HOLD_NONE;
	int ret;

	memset(d, 0, sizeof(*d));
	if (cmd->flags & NVT_CMD_DPTR_USER) {
		if (cmd->flags & (NVT_CMD_DPTR_BUF | NVT_CMD_MPTR_BUF |
				  NVT_CMD_DPTR_SGL))
			return -EINVAL;
		return nvt_udptr_prepare(dev, nf, admin, cmd->sqe, d);
	}
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
		if (nvt_nsinfo_unasked(ret))
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
