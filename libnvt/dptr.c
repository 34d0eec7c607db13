// SPDX-License-Identifier: MIT
/* Data pointers a test builds itself: PRPs, PRP lists, SGL descriptors. */
#include <errno.h>
#include <string.h>

#include <nvt/buffer.h>
#include <nvt/dptr.h>

#include "internal.h"

static void psdt(union nvt_sqe *sqe, uint32_t value)
{
	sqe->dw[0] = (sqe->dw[0] & ~NVT_SQE_PSDT_MASK) | value;
}

void nvt_sqe_set_prp(union nvt_sqe *sqe, uint64_t prp1, uint64_t prp2)
{
	psdt(sqe, NVT_SQE_PSDT_PRP);
	sqe->prp1 = prp1;
	sqe->prp2 = prp2;
}

void nvt_sgl_encode(uint8_t out[16], unsigned type, unsigned subtype,
		    uint64_t addr, uint32_t length)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		out[i] = (uint8_t)(addr >> (8 * i));
	for (i = 0; i < 4; i++)
		out[8 + i] = (uint8_t)(length >> (8 * i));
	out[12] = out[13] = out[14] = 0;
	out[15] = NVT_SGL_ID(type, subtype);
}

void nvt_sqe_set_sgl(union nvt_sqe *sqe, unsigned type, uint64_t addr,
		     uint32_t length)
{
	uint8_t d[NVT_SGL_DESC_BYTES];

	psdt(sqe, NVT_SQE_PSDT_SGL);
	nvt_sgl_encode(d, type, NVT_SGL_SUBTYPE_ADDRESS, addr, length);
	memcpy(&sqe->prp1, d, 8);
	memcpy(&sqe->prp2, d + 8, 8);
}

/* @bytes at @offset of @buf, or -ERANGE saying what did not fit */
static int room(struct nvt_buf *buf, size_t offset, size_t bytes,
		const char *what)
{
	size_t len = nvt_buf_length(buf);

	if (offset > len || bytes > len - offset)
		return nvt_err(nvt_buf_errbuf(buf), ERANGE,
			       "%s at byte %zu: %zu bytes do not fit the %zu-byte buffer",
			       what, offset, bytes, len);
	return 0;
}

int nvt_sgl_write(struct nvt_buf *seg, size_t offset, unsigned type,
		  uint64_t addr, uint32_t length)
{
	int ret = room(seg, offset, NVT_SGL_DESC_BYTES, "SGL descriptor");

	if (ret)
		return ret;
	nvt_sgl_encode(nvt_buf_data(seg) + offset, type,
		       NVT_SGL_SUBTYPE_ADDRESS, addr, length);
	return 0;
}

/* A descriptor of @type over @length bytes at @ptr_offset of @ptr. */
static int sgl_to(struct nvt_buf *seg, size_t offset, unsigned type,
		  const struct nvt_buf *ptr, size_t ptr_offset,
		  uint32_t length)
{
	uint64_t addr;
	int ret = room(seg, offset, NVT_SGL_DESC_BYTES, "SGL descriptor");

	if (ret)
		return ret;
	ret = nvt_buf_bus_addr(ptr, ptr_offset, &addr);
	if (ret)
		return ret;
	return nvt_sgl_write(seg, offset, type, addr, length);
}

int nvt_sgl_data_block(struct nvt_buf *seg, size_t offset,
		       const struct nvt_buf *data, size_t data_offset,
		       uint32_t length)
{
	return sgl_to(seg, offset, NVT_SGL_DATA_BLOCK, data, data_offset,
		      length);
}

int nvt_sgl_bit_bucket(struct nvt_buf *seg, size_t offset, uint32_t length)
{
	return nvt_sgl_write(seg, offset, NVT_SGL_BIT_BUCKET, 0, length);
}

int nvt_sgl_segment(struct nvt_buf *seg, size_t offset,
		    const struct nvt_buf *next, size_t next_offset,
		    unsigned count)
{
	return sgl_to(seg, offset, NVT_SGL_SEGMENT, next, next_offset,
		      count * NVT_SGL_DESC_BYTES);
}

int nvt_sgl_last_segment(struct nvt_buf *seg, size_t offset,
			 const struct nvt_buf *next, size_t next_offset,
			 unsigned count)
{
	return sgl_to(seg, offset, NVT_SGL_LAST_SEGMENT, next, next_offset,
		      count * NVT_SGL_DESC_BYTES);
}

static void put_le64(uint8_t *p, uint64_t v)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int nvt_prp_list_set(struct nvt_buf *list, size_t offset, unsigned index,
		     uint64_t entry)
{
	size_t at = offset + (size_t)index * NVT_PRP_ENTRY_BYTES;
	int ret = room(list, at, NVT_PRP_ENTRY_BYTES, "PRP list entry");

	if (ret)
		return ret;
	put_le64(nvt_buf_data(list) + at, entry);
	return 0;
}

int nvt_prp_list_fill(struct nvt_buf *list, size_t offset,
		      const struct nvt_buf *data, size_t data_offset,
		      uint32_t page_size, unsigned count)
{
	uint64_t addr;
	unsigned i;
	int ret;

	if (!page_size)
		return nvt_err(nvt_buf_errbuf(list), EINVAL,
			       "PRP list: page size 0");
	ret = room(list, offset, (size_t)count * NVT_PRP_ENTRY_BYTES,
		   "PRP list");
	for (i = 0; !ret && i < count; i++) {
		ret = nvt_buf_bus_addr(data, data_offset + (size_t)i * page_size,
				       &addr);
		if (!ret)
			ret = nvt_prp_list_set(list, offset, i, addr);
	}
	return ret;
}

/* The PRP lists of @pages pages from @addr on, chained page by page. */
static int prp_lists(struct nvt_buf *list, size_t offset, uint64_t addr,
		     size_t pages, uint32_t page)
{
	uint64_t at;
	size_t fit, i;
	int ret;

	while (pages) {
		ret = nvt_buf_bus_addr(list, offset, &at);
		if (ret)
			return ret;
		fit = (page - at % page) / NVT_PRP_ENTRY_BYTES;
		/* all that is left, or all but the last slot and a chain */
		if (pages <= fit) {
			fit = pages;
		} else {
			fit--;
			if (fit == 0)
				return nvt_err(nvt_buf_errbuf(list), EINVAL,
					       "PRP list at byte %zu: no room for an entry before the page ends",
					       offset);
		}
		for (i = 0; i < fit; i++) {
			ret = nvt_prp_list_set(list, offset, (unsigned)i,
					       addr + i * page);
			if (ret)
				return ret;
		}
		pages -= fit;
		addr += fit * page;
		if (!pages)
			break;
		ret = nvt_buf_bus_addr(list, offset + (fit + 1) * NVT_PRP_ENTRY_BYTES,
				       &at);
		if (!ret)
			ret = nvt_prp_list_set(list, offset, (unsigned)fit, at);
		if (ret)
			return ret;
		offset += (fit + 1) * NVT_PRP_ENTRY_BYTES;
	}
	return 0;
}

int nvt_dptr_prp(union nvt_sqe *sqe, const struct nvt_buf *data,
		 size_t data_offset, size_t length, uint32_t page_size,
		 struct nvt_buf *list, size_t list_offset)
{
	char *err = nvt_buf_errbuf(data);
	uint64_t prp1, prp2 = 0, first;
	size_t len = nvt_buf_length(data);
	int ret;

	if (!length)
		return nvt_err(err, EINVAL, "PRPs of 0 bytes");
	if (page_size < 4096 || (page_size & (page_size - 1)))
		return nvt_err(err, EINVAL,
			       "PRPs: page size %u is not a power of two from 4096",
			       page_size);
	if (data_offset > len || length > len - data_offset)
		return nvt_err(err, ERANGE,
			       "PRPs of %zu bytes at byte %zu: the buffer has %zu",
			       length, data_offset, len);
	ret = nvt_buf_bus_addr(data, data_offset, &prp1);
	if (ret)
		return ret;
	first = page_size - prp1 % page_size;	/* bytes in PRP1's page */
	if (length > first && length - first <= page_size) {
		prp2 = prp1 + first;
	} else if (length > first) {
		size_t pages = (length - first + page_size - 1) / page_size;

		if (!list)
			return nvt_err(err, EINVAL,
				       "PRPs of %zu bytes span %zu pages: a PRP list buffer is needed",
				       length, pages + 1);
		if (list_offset % NVT_PRP_ENTRY_BYTES)
			return nvt_err(nvt_buf_errbuf(list), EINVAL,
				       "PRP list at byte %zu: not a multiple of 8",
				       list_offset);
		ret = prp_lists(list, list_offset, prp1 + first, pages,
				page_size);
		if (!ret)
			ret = nvt_buf_bus_addr(list, list_offset, &prp2);
		if (ret)
			return ret;
	}
	nvt_sqe_set_prp(sqe, prp1, prp2);
	return 0;
}
