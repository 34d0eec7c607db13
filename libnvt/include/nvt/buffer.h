/* SPDX-License-Identifier: MIT */
/*
 * nvt_buf: memory shared with the device (a DMA buffer from nvt.ko, mapped
 * into the process), or plain host memory for reference data.
 *
 * A buffer has a length (what was allocated) and a window, offset..offset+size,
 * that commands transfer; by default the window is the whole buffer.
 */
#ifndef NVT_BUFFER_H
#define NVT_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;
struct nvt_buf;

enum nvt_pattern {
	NVT_PAT_ZEROS,		/* all 0x00 */
	NVT_PAT_ONES,		/* all 0xff */
	NVT_PAT_DWORD,		/* the 32-bit value repeated, little endian */
	NVT_PAT_RANDOM,		/* value% of the bytes random, the rest zero */
	NVT_PAT_INC16,		/* 16-bit words counting up from value */
	NVT_PAT_DEC16,		/* 16-bit words counting down from value */
};

/* A DMA buffer of @length bytes (1 .. NVT_BUF_MAX_LEN), filled with zeros. */
int nvt_buf_alloc(struct nvt_pcie *pcie, size_t length, struct nvt_buf **out);
/* Host memory only: no DMA address, for reference data and comparisons. */
int nvt_buf_alloc_host(size_t length, struct nvt_buf **out);
void nvt_buf_free(struct nvt_buf *buf);
const char *nvt_buf_error(const struct nvt_buf *buf);

/* Fill the whole buffer; @value's meaning depends on @pattern. */
int nvt_buf_fill(struct nvt_buf *buf, enum nvt_pattern pattern, uint32_t value);
/* Parse "zeros", "ones", "dword", "random", "inc16", "dec16". */
int nvt_pattern_parse(const char *name, enum nvt_pattern *out);

uint8_t *nvt_buf_data(const struct nvt_buf *buf);	/* byte 0 */
size_t nvt_buf_length(const struct nvt_buf *buf);
size_t nvt_buf_offset(const struct nvt_buf *buf);
size_t nvt_buf_size(const struct nvt_buf *buf);
/* Move the window; -EINVAL unless offset + size <= length. */
int nvt_buf_set_window(struct nvt_buf *buf, size_t offset, size_t size);

/* Device address of the window's first byte; 0 for host buffers. */
uint64_t nvt_buf_dma(const struct nvt_buf *buf);
bool nvt_buf_is_dma(const struct nvt_buf *buf);
uint32_t nvt_buf_id(const struct nvt_buf *buf);	/* nvt.ko buffer id */

/*
 * Little-endian field of bytes @first..@last (inclusive, first <= last,
 * at most 8 bytes) as an integer, or as a string with trailing spaces and
 * NULs removed (any length; @out gets at most @outlen - 1 characters).
 */
int nvt_buf_get_int(const struct nvt_buf *buf, size_t first, size_t last,
		    uint64_t *value);
int nvt_buf_get_str(const struct nvt_buf *buf, size_t first, size_t last,
		    char *out, size_t outlen);
int nvt_buf_set_int(struct nvt_buf *buf, size_t first, size_t last,
		    uint64_t value);

/* Hex dump of the first @size bytes (0: the whole buffer). */
void nvt_buf_dump(const struct nvt_buf *buf, size_t size, FILE *out);

/*
 * 0 when the windows of @a and @b hold the same bytes; otherwise 1 and,
 * if @first_diff is given, the offset (within the window) of the first
 * differing byte.  Windows of different sizes differ at the shorter size.
 */
int nvt_buf_compare(const struct nvt_buf *a, const struct nvt_buf *b,
		    size_t *first_diff);

/* Write Dataset Management range @index (16 bytes each): LBA, count, attrs. */
int nvt_buf_set_dsm_range(struct nvt_buf *buf, unsigned index, uint64_t lba,
			  uint32_t lba_count, uint32_t attributes);
/* Write Copy source range @index (format 0, 32 bytes each): LBA, count. */
int nvt_buf_set_copy_range(struct nvt_buf *buf, unsigned index, uint64_t lba,
			   uint32_t lba_count);

#ifdef __cplusplus
}
#endif
#endif /* NVT_BUFFER_H */
