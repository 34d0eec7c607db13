/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: the walk of data pointers the caller built (NVT_CMD_DPTR_USER, raw
 * SQ entries), as the controller follows them (NVM Express Base 2.0,
 * Physical Region Page Entry and List, Scatter Gather List).  Every range
 * the controller may touch goes through the walk's reach(), which says
 * whether it lies inside one buffer the caller owns (and pins it); PRP
 * lists and SGL segments are read once by reach() into pages of the walk's
 * page() (the driver's), and the copies are what the walk then follows and
 * what the SQE points at, so a list the caller changes later changes
 * nothing, wherever it was (host or controller memory).  page() learns
 * where the original is, so that the copy the controller follows can be
 * put in the same memory space (host memory, or the controller's own).
 * Pure code, shared by the module and its unit tests.
 */
#ifndef _NVT_UDPTR_CALC_H
#define _NVT_UDPTR_CALC_H

#include "nvt_dptr_calc.h"
#include "nvt_xfer.h"

#ifndef __KERNEL__
#define le64_to_cpu(x)	le64toh(x)
#define le32_to_cpu(x)	le32toh(x)
#endif

/**
 * struct nvt_udptr_walk - one walk over an SQE's pointers
 * @ps: the controller's page size (CC.MPS), a power of two
 * @kpage: bytes of a copy page (a power of two, a multiple of 16)
 * @max_pages: copy pages the walk may take (lists and segments): E2BIG
 * @sink: what the unused entries of a PRP list copy point at
 * @ctx: for the callbacks
 * @reach: [@addr, @addr + @len) must lie inside one buffer: 0 (and, when
 *	@copy is not NULL, its @len bytes copied to @copy), or -EFAULT
 *	(outside; @what names the pointer), -E2BIG (too many buffers)
 * @page: a zeroed copy page of @kpage bytes for the list or segment at
 *	[@src, @src + @len): 0, the CPU address the walk fills and the bus
 *	address the controller is given (the callback may put the copy at
 *	that address later, e.g. in controller memory next to the original)
 * @pages: out: copy pages taken
 * @why: out: what was wrong, on -EINVAL, -E2BIG and -EOPNOTSUPP
 * @bad: out: the address or value @why is about
 */
struct nvt_udptr_walk {
	u32 ps;
	u32 kpage;
	u32 max_pages;
	u64 sink;
	void *ctx;
	int (*reach)(void *ctx, u64 addr, u64 len, const char *what,
		     void *copy);
	int (*page)(void *ctx, u64 src, u64 len, void **cpu, u64 *dma);
	u32 pages;
	const char *why;
	u64 bad;
};

static inline int nvt_udptr_fail(struct nvt_udptr_walk *w, int err,
				 const char *why, u64 bad)
{
	w->why = why;
	w->bad = bad;
	return err;
}

static inline u64 nvt_udptr_sqe64(const u32 *sqe, int dw)
{
	return sqe[dw] | (u64)sqe[dw + 1] << 32;
}

static inline void nvt_udptr_set64(u32 *sqe, int dw, u64 v)
{
	sqe[dw] = (u32)v;
	sqe[dw + 1] = (u32)(v >> 32);
}

/*
 * A data entry: [@addr, @addr + @len), and from the start of its page when
 * @addr has an offset, so that a controller that ignores the offset (it
 * must be 0 in every entry but PRP1) stays inside too.
 */
static inline int nvt_udptr_data(struct nvt_udptr_walk *w, u64 addr, u64 len,
				 const char *what)
{
	u64 off = addr & (w->ps - 1);

	return w->reach(w->ctx, addr - off, off + len, what, NULL);
}

/* Another copy page, for [@src, @src + @len), within the bound. */
static inline int nvt_udptr_page(struct nvt_udptr_walk *w, u64 src, u64 len,
				 void **cpu, u64 *dma)
{
	int ret;

	if (w->pages >= w->max_pages)
		return nvt_udptr_fail(w, -E2BIG, "too many PRP lists or SGL segments",
				      w->max_pages);
	ret = w->page(w->ctx, src, len, cpu, dma);
	if (!ret)
		w->pages++;
	return ret;
}

/**
 * nvt_udptr_prp() - check PRP1/PRP2 (and their lists) of @sqe
 * @w: the walk
 * @sqe: the SQE, in CPU order; PRP2 and chain entries are moved to copies
 * @len: bytes the controller moves
 *
 * PRP1 covers up to the end of its page.  If one more page holds the
 * rest, PRP2 is a data entry; otherwise it points at a PRP list at any
 * qword offset of its page, whose entries run to the page end and whose
 * last entry chains to the next list when entries remain.  Each list is
 * read from the caller's buffer (which must hold the entries used) into a
 * copy page at the same offset within the page; the rest of the page
 * points at @w->sink.
 */
static inline int nvt_udptr_prp(struct nvt_udptr_walk *w, u32 *sqe, u64 len)
{
	u64 ps = w->ps, prp1 = nvt_udptr_sqe64(sqe, 6);
	u64 first = ps - (prp1 & (ps - 1)), list, n;
	__le64 *link = NULL;
	int ret;

	if (!len)
		return 0;
	if (first > len)
		first = len;
	ret = nvt_udptr_data(w, prp1, first, "PRP1");
	if (ret || len == first)
		return ret;
	len -= first;
	list = nvt_udptr_sqe64(sqe, 8);
	if (len <= ps)
		return nvt_udptr_data(w, list, len, "PRP2");
	if (ps > w->kpage)
		return nvt_udptr_fail(w, -EOPNOTSUPP,
				      "a PRP list of a controller page larger than the kernel's",
				      ps);

	n = (len + ps - 1) / ps;
	while (n) {
		u64 off = list & (ps - 1), slots = (ps - off) / 8, take, data;
		u64 koff = list & (w->kpage - 1), dma, i;
		__le64 *copy;
		void *cpu;

		if (list & 7)
			return nvt_udptr_fail(w, -EINVAL,
					      "a PRP list pointer that is not qword aligned",
					      list);
		take = n <= slots ? n : slots;
		data = n <= slots ? n : slots - 1;
		ret = nvt_udptr_page(w, list, take * 8, &cpu, &dma);
		if (ret)
			return ret;
		for (i = 0; i < w->kpage / 8; i++)
			((__le64 *)cpu)[i] = cpu_to_le64(w->sink);
		copy = (__le64 *)((u8 *)cpu + koff);
		ret = w->reach(w->ctx, list, take * 8, "PRP list", copy);
		if (ret)
			return ret;
		if (link)
			*link = cpu_to_le64(dma + koff);
		else
			nvt_udptr_set64(sqe, 8, dma + koff);
		for (i = 0; i < data; i++) {
			u64 chunk = len < ps ? len : ps;

			ret = nvt_udptr_data(w, le64_to_cpu(copy[i]), chunk,
					     "PRP entry");
			if (ret)
				return ret;
			len -= chunk;
		}
		n -= data;
		if (n) {
			link = &copy[slots - 1];
			list = le64_to_cpu(*link);
		}
	}
	return 0;
}

#define NVT_UDPTR_MAX_SEGS	32

/* the segments an SGL walk has copied and still has to look through */
struct nvt_udptr_segs {
	struct nvt_sgl_desc *desc[NVT_UDPTR_MAX_SEGS];
	u32 count[NVT_UDPTR_MAX_SEGS];
	u32 head, tail;
};

/*
 * One SGL descriptor: a data block must be inside a buffer, a segment is
 * copied (and @d moved to the copy) and queued on @q to be looked through.
 */
static inline int nvt_udptr_desc(struct nvt_udptr_walk *w,
				 struct nvt_sgl_desc *d,
				 struct nvt_udptr_segs *q)
{
	u8 type = d->type >> 4, sub = d->type & 0xf;
	u64 addr = le64_to_cpu(d->addr), dma;
	u32 len = le32_to_cpu(d->length), koff;
	void *cpu;
	int ret;

	switch (type) {
	case NVT_SGL_DATA_BLOCK:
	case NVT_SGL_SEGMENT:
	case NVT_SGL_LAST_SEGMENT:
		if (sub)
			return nvt_udptr_fail(w, -EINVAL,
					      "an SGL descriptor with a subtype other than Address",
					      d->type);
		break;
	case NVT_SGL_BIT_BUCKET:
		return 0;	/* the controller discards: no memory */
	case NVT_SGL_KEYED_DATA_BLOCK:
	case NVT_SGL_TRANSPORT_DATA_BLOCK:
		return nvt_udptr_fail(w, -EINVAL,
				      "a keyed or transport SGL data block (not for PCIe)",
				      d->type);
	default:
		return nvt_udptr_fail(w, -EINVAL,
				      "a reserved SGL descriptor type", d->type);
	}
	if (type == NVT_SGL_DATA_BLOCK)
		return len ? w->reach(w->ctx, addr, len, "SGL data block",
				      NULL) : 0;

	if (!len || len % NVT_SGL_DESC_BYTES)
		return nvt_udptr_fail(w, -EINVAL,
				      "an SGL segment whose length is not a non-zero multiple of 16",
				      len);
	if (len > w->kpage)
		return nvt_udptr_fail(w, -E2BIG,
				      "an SGL segment longer than a page", len);
	if (q->tail >= NVT_UDPTR_MAX_SEGS)
		return nvt_udptr_fail(w, -E2BIG, "too many SGL segments",
				      q->tail);
	ret = nvt_udptr_page(w, addr, len, &cpu, &dma);
	if (ret)
		return ret;
	/* at its offset in the page when it fits there, else at the start */
	koff = addr & (w->kpage - 1);
	if (koff > w->kpage - len)
		koff = 0;
	ret = w->reach(w->ctx, addr, len, "SGL segment", (u8 *)cpu + koff);
	if (ret)
		return ret;
	d->addr = cpu_to_le64(dma + koff);
	q->desc[q->tail] = (struct nvt_sgl_desc *)((u8 *)cpu + koff);
	q->count[q->tail++] = len / NVT_SGL_DESC_BYTES;
	return 0;
}

/**
 * nvt_udptr_sgl() - check an SGL from its first descriptor @d
 * @w: the walk
 * @d: the first descriptor (SGL1 of the SQE, or MPTR's), moved to copies
 *
 * Data blocks must lie inside a buffer; bit buckets reach no memory;
 * segments are copied and looked through, every Segment or Last Segment
 * descriptor followed wherever it stands (a controller may follow one
 * that is not last).  Keyed and transport data blocks are not for PCIe.
 * The copy pages bound the walk, so an SGL that loops ends in E2BIG.
 */
static inline int nvt_udptr_sgl(struct nvt_udptr_walk *w,
				struct nvt_sgl_desc *d)
{
	struct nvt_udptr_segs q = { };
	int ret;
	u32 i;

	ret = nvt_udptr_desc(w, d, &q);
	while (!ret && q.head < q.tail) {
		struct nvt_sgl_desc *seg = q.desc[q.head];
		u32 n = q.count[q.head++];

		for (i = 0; !ret && i < n; i++)
			ret = nvt_udptr_desc(w, &seg[i], &q);
	}
	return ret;
}

/* SGL1 of @sqe (dwords 6-9, CPU order) through nvt_udptr_sgl() */
static inline int nvt_udptr_sgl1(struct nvt_udptr_walk *w, u32 *sqe)
{
	struct nvt_sgl_desc d;
	int ret;

	d.addr = cpu_to_le64(nvt_udptr_sqe64(sqe, 6));
	d.length = cpu_to_le32(sqe[8]);
	d.rsvd[0] = sqe[9] & 0xff;
	d.rsvd[1] = (sqe[9] >> 8) & 0xff;
	d.rsvd[2] = (sqe[9] >> 16) & 0xff;
	d.type = sqe[9] >> 24;
	ret = nvt_udptr_sgl(w, &d);
	nvt_udptr_set64(sqe, 6, le64_to_cpu(d.addr));
	return ret;
}

/**
 * nvt_udptr_walk() - check every pointer of @sqe
 * @w: the walk
 * @sqe: the SQE in CPU order; its pointers are moved to the copies
 * @data: bytes through PRP1/PRP2 (PSDT 00b); an SGL is checked whole
 * @meta: bytes of separate metadata, or NVT_XFER_UNKNOWN
 *
 * MPTR: with PSDT 00b/01b the address of [MPTR, MPTR + @meta); with 10b
 * one SGL descriptor, copied like a segment of one.  Not looked at when
 * the command moves no metadata, nor when MPTR is 0 and the size unknown;
 * an unknown size with a non-zero address is refused.  PSDT 11b is
 * reserved.
 */
static inline int nvt_udptr_walk(struct nvt_udptr_walk *w, u32 *sqe,
				 u64 data, u64 meta)
{
	u32 psdt = sqe[0] & NVT_SQE_PSDT_MASK;
	u64 mptr = nvt_udptr_sqe64(sqe, 4);
	int ret;

	if (psdt == NVT_SQE_PSDT_MASK)
		return nvt_udptr_fail(w, -EINVAL, "PSDT 11b (reserved)", psdt >> 14);
	if (psdt == NVT_SQE_PSDT_PRP)
		ret = nvt_udptr_prp(w, sqe, data);
	else
		ret = nvt_udptr_sgl1(w, sqe);
	if (ret || !meta || (meta == NVT_XFER_UNKNOWN && !mptr))
		return ret;

	if (psdt == NVT_SQE_PSDT_SGL_MPTR_SGL) {
		struct nvt_sgl_desc *d;
		void *cpu;
		u64 dma;

		ret = nvt_udptr_page(w, mptr, NVT_SGL_DESC_BYTES, &cpu, &dma);
		if (ret)
			return ret;
		d = (struct nvt_sgl_desc *)((u8 *)cpu +
					    (mptr & (w->kpage - 1) & ~15ull));
		ret = w->reach(w->ctx, mptr, NVT_SGL_DESC_BYTES,
			       "MPTR's SGL descriptor", d);
		if (ret)
			return ret;
		nvt_udptr_set64(sqe, 4, dma + ((u8 *)d - (u8 *)cpu));
		return nvt_udptr_sgl(w, d);
	}
	if (meta == NVT_XFER_UNKNOWN)
		return nvt_udptr_fail(w, -EINVAL,
				      "a metadata pointer, and the metadata size is unknown",
				      mptr);
	return w->reach(w->ctx, mptr, meta, "MPTR", NULL);
}

#endif /* _NVT_UDPTR_CALC_H */
