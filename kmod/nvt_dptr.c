// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: data and metadata pointers the driver builds for a command over its
 * DMA buffers: PRP entries (with PRP lists that chain), SGL data blocks
 * (one, or a chain of segments) and the metadata pointer.
 *
 * A buffer is one DMA-contiguous allocation, so each PRP entry is the next
 * host page and each SGL data block the next chunk.  The buffers are
 * pinned (referenced) until the command is gone.
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
	d->pages[page] = dma_pool_alloc(dev->prp_pool, GFP_KERNEL,
					&d->pages_dma[page]);
	return d->pages[page] ?: ERR_PTR(-ENOMEM);
}

/*
 * PRP1/PRP2 for [offset, offset + length) of the buffer.  PRP list pages
 * chain through their last entry when one page is not enough.
 */
static int nvt_dptr_build_prp(struct nvt_dev *dev, struct nvt_dptr *d,
			      u64 offset, u64 length)
{
	u32 ps = dev->page_size;
	u32 per_page = PAGE_SIZE / 8;
	dma_addr_t addr = d->buf->dma + offset;
	u64 first = ps - (addr & (ps - 1));
	u64 entries, done = 0;
	int page = 0;

	d->dptr[0] = addr;
	if (length <= first)
		return 0;
	if (length <= first + ps) {
		d->dptr[1] = addr + first;
		return 0;
	}

	/* the list's own pages are kernel pages: PAGE_SIZE must fit CC.MPS */
	if (ps > PAGE_SIZE)
		return -EOPNOTSUPP;
	entries = DIV_ROUND_UP(length - first, ps);
	while (done < entries) {
		__le64 *list = nvt_dptr_page(dev, d, page);
		u32 i, n = min_t(u64, entries - done, per_page);

		if (IS_ERR(list))
			return PTR_ERR(list);
		/* more to come: the last slot chains to the next page */
		if (entries - done > per_page)
			n = per_page - 1;
		if (page)
			((__le64 *)d->pages[page - 1])[per_page - 1] =
				cpu_to_le64(d->pages_dma[page]);
		for (i = 0; i < n; i++)
			list[i] = cpu_to_le64(addr + first + (done + i) * ps);
		done += n;
		page++;
	}
	d->dptr[1] = d->pages_dma[0];
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

int nvt_dptr_prepare(struct nvt_dev *dev, struct nvt_cmd *cmd,
		     struct nvt_dptr *d)
{
	bool sgl = cmd->flags & NVT_CMD_DPTR_SGL;
	int ret;

	memset(d, 0, sizeof(*d));
	if (sgl && !(cmd->flags & NVT_CMD_DPTR_BUF))
		return -EINVAL;
	if (cmd->flags & NVT_CMD_DPTR_BUF) {
		/* the driver says what the pointer is */
		if (cmd->sqe[0] & NVT_SQE_PSDT_MASK)
			return -EINVAL;
		d->buf = nvt_dptr_buf(dev, cmd->buf_id, cmd->buf_offset,
				      cmd->buf_length);
		if (IS_ERR(d->buf)) {
			ret = PTR_ERR(d->buf);
			d->buf = NULL;
			return ret;
		}
		ret = sgl ? nvt_dptr_build_sgl(dev, d, cmd->buf_offset,
					       cmd->buf_length, cmd->sgl_block) :
			    nvt_dptr_build_prp(dev, d, cmd->buf_offset,
					       cmd->buf_length);
		if (ret)
			goto fail;
		d->set_dptr = true;
		if (sgl)
			cmd->sqe[0] |= NVT_SQE_PSDT_SGL;
	}
	if (cmd->flags & NVT_CMD_MPTR_BUF) {
		d->meta = nvt_dptr_buf(dev, cmd->meta_buf_id, cmd->meta_offset,
				       cmd->meta_length);
		if (IS_ERR(d->meta)) {
			ret = PTR_ERR(d->meta);
			d->meta = NULL;
			goto fail;
		}
		d->mptr = d->meta->dma + cmd->meta_offset;
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
