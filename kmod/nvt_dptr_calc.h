/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the layout of the data pointers the driver builds over a window of
 * one DMA-contiguous buffer at bus address @addr: PRP1/PRP2 and PRP lists
 * that chain (NVMe Base 2.0, Physical Region Page Entry and List), or SGL
 * data blocks in chained segments (Scatter Gather List).  A plan says
 * first how many list pages the pointer needs, so the caller allocates
 * them; a fill then writes them.  Pages of lists are @kpage bytes (the
 * kernel's PAGE_SIZE in the module; a parameter so that the unit tests
 * can try other sizes).  Pure code, shared by the module and its unit
 * tests.
 */
#ifndef _NVT_DPTR_CALC_H
#define _NVT_DPTR_CALC_H

#include "uapi/nvt_nvme.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#else
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uint64_t dma_addr_t;
#define cpu_to_le64(x)	htole64(x)
#define cpu_to_le32(x)	htole32(x)
#endif

struct nvt_sgl_desc {
	__le64 addr;
	__le32 length;
	u8 rsvd[3];
	u8 type;		/* descriptor type in bits 7:4 */
};

/* PRP1/PRP2 of a window, and the lists it needs */
struct nvt_prp_plan {
	u64 prp1;
	u64 prp2;		/* a data page, 0, or the first list once filled */
	u64 entries;		/* list entries that point at data */
	u32 lists;		/* lists of one controller page each */
	u32 pages;		/* @kpage pages that hold them */
};

/*
 * Units (lists, segments) that @n entries take at @per a unit, when every
 * unit but the last gives its last entry to the chain: (n - 1) / (per - 1)
 * rounded up, and 1 for a single entry.
 */
static inline u64 nvt_dptr_chained(u64 n, u64 per)
{
	return n <= 1 ? n : (n - 2) / (per - 1) + 1;
}

/**
 * nvt_prp_plan() - PRP1, PRP2 and the PRP lists of a window
 * @addr: bus address of the window's first byte
 * @length: bytes the PRPs describe (not 0)
 * @ps: the controller's page size (CC.MPS), a power of two
 * @kpage: bytes of a list page as allocated, a power of two
 * @max_pages: list pages the caller can hold
 * @p: the plan
 *
 * PRP1 is @addr; its page holds the first bytes up to the next controller
 * page boundary.  If one more page holds the rest, PRP2 is that page.
 * Otherwise PRP2 points at a list: one controller page of entries, each
 * the next data page, whose last entry chains to the next list when the
 * entries left do not fit.  A list must not cross a page of @kpage, so a
 * page of @kpage holds @kpage / @ps lists.
 *
 * Return: 0; -EOPNOTSUPP when a list is needed and @ps is larger than
 * @kpage; -E2BIG when the lists take more than @max_pages pages.
 */
static inline int nvt_prp_plan(u64 addr, u64 length, u32 ps, u32 kpage,
			       u32 max_pages, struct nvt_prp_plan *p)
{
	u64 first = ps - (addr & (ps - 1));
	u64 pages;

	memset(p, 0, sizeof(*p));
	p->prp1 = addr;
	if (length <= first)
		return 0;
	if (length <= first + ps) {
		p->prp2 = addr + first;
		return 0;
	}
	if (ps > kpage)
		return -EOPNOTSUPP;
	p->entries = (length - first + ps - 1) / ps;
	p->lists = nvt_dptr_chained(p->entries, ps / 8);
	pages = (p->lists + kpage / ps - 1) / (kpage / ps);
	if (pages > max_pages)
		return -E2BIG;
	p->pages = pages;
	return 0;
}

/**
 * nvt_prp_fill() - write the PRP lists of a plan
 * @p: a plan with lists; its prp2 becomes the first list
 * @ps: the controller's page size, as planned
 * @kpage: bytes of a list page, as planned
 * @pages: p->pages list pages
 * @pages_dma: their bus addresses
 * @sink: where the entries past the transfer point
 *
 * Every page is written whole: an entry the transfer does not use points
 * at @sink, never at stale data a controller might prefetch.
 */
static inline void nvt_prp_fill(struct nvt_prp_plan *p, u32 ps, u32 kpage,
				void *const *pages, const dma_addr_t *pages_dma,
				dma_addr_t sink)
{
	u32 per_list = ps / 8, per_page = kpage / ps, k, i;
	u64 data = p->prp1 + ps - (p->prp1 & (ps - 1)), done = 0;
	__le64 *prev = NULL;

	for (k = 0; k < p->pages; k++) {
		__le64 *all = pages[k];

		for (i = 0; i < kpage / 8; i++)
			all[i] = cpu_to_le64(sink);
	}
	for (k = 0; k < p->lists; k++) {
		__le64 *list = (__le64 *)((u8 *)pages[k / per_page] +
					  (k % per_page) * ps);
		u64 list_dma = pages_dma[k / per_page] + (k % per_page) * ps;
		u64 n = p->entries - done;

		if (prev)
			prev[per_list - 1] = cpu_to_le64(list_dma);
		else
			p->prp2 = list_dma;
		/* more to come: the last entry chains to the next list */
		if (n > per_list)
			n = per_list - 1;
		for (i = 0; i < n; i++)
			list[i] = cpu_to_le64(data + (done + i) * ps);
		done += n;
		prev = list;
	}
}

/* An SGL's data blocks, and the segment pages they need */
struct nvt_sgl_plan {
	u64 blocks;		/* data block descriptors */
	u32 pages;		/* segments, one page of @kpage each */
};

/**
 * nvt_sgl_plan() - the segments of an SGL of data blocks
 * @length: bytes of the window (not 0)
 * @block: bytes per data block; 0 or at least @length: one block
 * @kpage: bytes of a segment page, a multiple of 16
 * @max_pages: segment pages the caller can hold
 * @p: the plan
 *
 * One data block goes in the SQE itself.  More go in segments of one page
 * each: a page holds @kpage / 16 descriptors, the last of them a Segment
 * descriptor to the next page when the blocks left do not fit.
 *
 * Return: 0; -E2BIG when @length does not fit a descriptor's 32-bit
 * length or the segments take more than @max_pages pages.
 */
static inline int nvt_sgl_plan(u64 length, u32 block, u32 kpage,
			       u32 max_pages, struct nvt_sgl_plan *p)
{
	u64 pages;

	memset(p, 0, sizeof(*p));
	if (length > 0xffffffffull)
		return -E2BIG;
	p->blocks = 1;
	if (!block || block >= length)
		return 0;
	p->blocks = (length + block - 1) / block;
	pages = nvt_dptr_chained(p->blocks, kpage / NVT_SGL_DESC_BYTES);
	if (pages > max_pages)
		return -E2BIG;
	p->pages = pages;
	return 0;
}

static inline void nvt_sgl_set(struct nvt_sgl_desc *sd, u64 addr, u32 len,
			       u8 type)
{
	sd->addr = cpu_to_le64(addr);
	sd->length = cpu_to_le32(len);
	memset(sd->rsvd, 0, sizeof(sd->rsvd));
	sd->type = type << 4;
}

/**
 * nvt_sgl_fill() - write an SGL's segments and the SQE's descriptor
 * @p: the plan
 * @addr: bus address of the window's first byte
 * @length: bytes of the window, as planned
 * @block: bytes per data block, as planned
 * @kpage: bytes of a segment page, as planned
 * @pages: p->pages segment pages
 * @pages_dma: their bus addresses
 * @dptr: the SQE's descriptor (DPTR), in CPU order: the address, and the
 *	length with the type byte in bits 63:56
 *
 * The SQE holds the one data block, or a Segment descriptor to the first
 * page (a Last Segment descriptor when it is the only one).  Each page but
 * the last ends with a Segment descriptor to the next, or a Last Segment
 * descriptor when the next is the last; the last data block is shorter
 * when @block does not divide @length.
 */
static inline void nvt_sgl_fill(const struct nvt_sgl_plan *p, u64 addr,
				u64 length, u32 block, u32 kpage,
				void *const *pages, const dma_addr_t *pages_dma,
				u64 dptr[2])
{
	u32 per_page = kpage / sizeof(struct nvt_sgl_desc), k, i;
	struct nvt_sgl_desc *link = NULL;
	u64 done = 0;

	dptr[0] = addr;
	dptr[1] = length | (u64)(NVT_SGL_DATA_BLOCK << 4) << 56;
	for (k = 0; k < p->pages; k++) {
		struct nvt_sgl_desc *list = pages[k];
		u64 left = p->blocks - done;
		u32 n = left > per_page ? per_page - 1 : left;
		u32 bytes = (n + (left > n)) * sizeof(*list);
		u8 type = left > n ? NVT_SGL_SEGMENT : NVT_SGL_LAST_SEGMENT;

		/* the SQE's copy is in CPU order: the ring write converts it */
		if (link) {
			nvt_sgl_set(link, pages_dma[k], bytes, type);
		} else {
			dptr[0] = pages_dma[k];
			dptr[1] = bytes | (u64)(type << 4) << 56;
		}
		for (i = 0; i < n; i++) {
			u64 at = (done + i) * block;
			u64 len = length - at < block ? length - at : block;

			nvt_sgl_set(&list[i], addr + at, len,
				    NVT_SGL_DATA_BLOCK);
		}
		done += n;
		link = &list[n];
	}
}

#endif /* _NVT_DPTR_CALC_H */
