// SPDX-License-Identifier: MIT
/* nvt_buf: DMA buffers shared with the device, patterns and field access. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

#include "internal.h"
#include "pcie_internal.h"

struct nvt_buf {
	struct nvt_pcie *pcie;	/* NULL for host memory */
	uint8_t *data;
	size_t length;		/* what the caller asked for */
	size_t map_length;	/* what is mapped (pages) */
	size_t offset;		/* the window commands transfer */
	size_t size;
	uint64_t dma;		/* of byte 0 */
	uint32_t id;		/* 0: no DMA memory (the device is off) */
	uint32_t stale_id;	/* the DMA memory it had before the power cut */
	uint32_t mem_flags;	/* NVT_BUF_CMB, NVT_BUF_PMR or 0 (host memory) */
	struct nvt_buf *prev, *next;	/* the device's buffers (pcie->bufs) */
	char err[NVT_ERR_LEN];
};

static int buf_new(size_t length, struct nvt_buf **out)
{
	struct nvt_buf *b;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (length == 0 || length > NVT_BUF_MAX_LEN)
		return -EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->length = length;
	b->size = length;
	*out = b;
	return 0;
}

/*
 * Allocate @length bytes of the device's DMA memory and map it at @where
 * (NULL: anywhere); fills b's id, dma, data and map_length.
 */
static int dma_memory(struct nvt_pcie *pcie, struct nvt_buf *b, size_t length,
		      void *where)
{
	struct nvt_buf_alloc a = {
		.argsz = sizeof(a), .length = length, .flags = b->mem_flags,
	};
	const char *in = b->mem_flags & NVT_BUF_CMB ? " in the CMB" :
			 b->mem_flags & NVT_BUF_PMR ? " in the PMR" : "";
	void *map;
	int ret;

	ret = nvt_ioctl(pcie->fd, NVT_IOC_BUF_ALLOC, &a);
	if (ret)
		return nvt_err(pcie->err, -ret,
			       "DMA buffer of %zu bytes%s: %s", length, in,
			       ret == -ENOMEM ? "no contiguous DMA memory left" :
			       ret == -EOPNOTSUPP ?
			       "the controller has none, or it cannot be enabled" :
			       ret == -ENOSPC && *in ? "no room left in it" :
			       strerror(-ret));
	map = mmap(where, a.alloc_length, PROT_READ | PROT_WRITE,
		   MAP_SHARED | (where ? MAP_FIXED : 0), pcie->fd,
		   (off_t)a.mmap_offset);
	if (map == MAP_FAILED) {
		struct nvt_buf_free f = { .argsz = sizeof(f), .id = a.id };

		ret = -errno;
		nvt_ioctl(pcie->fd, NVT_IOC_BUF_FREE, &f);
		return nvt_err(pcie->err, -ret, "mapping DMA buffer %u: %s",
			       a.id, strerror(-ret));
	}
	b->data = map;
	b->map_length = a.alloc_length;
	b->dma = a.dma_addr;
	b->id = a.id;
	return 0;
}

int nvt_buf_alloc(struct nvt_pcie *pcie, size_t length, struct nvt_buf **out)
{
	return nvt_buf_alloc_in(pcie, length, NVT_MEM_HOST, out);
}

int nvt_buf_alloc_in(struct nvt_pcie *pcie, size_t length,
		     enum nvt_buf_mem mem, struct nvt_buf **out)
{
	struct nvt_buf *b;
	uint32_t flags;
	int ret;

	if (!pcie)
		return -EINVAL;
	switch (mem) {
	case NVT_MEM_HOST:
		flags = 0;
		break;
	case NVT_MEM_CMB:
		flags = NVT_BUF_CMB;
		break;
	case NVT_MEM_PMR:
		flags = NVT_BUF_PMR;
		break;
	default:
		return nvt_err(pcie->err, EINVAL, "buffer memory %d: unknown",
			       (int)mem);
	}
	if (length == 0 || length > NVT_BUF_MAX_LEN)
		return nvt_err(pcie->err, EINVAL,
			       "buffer of %zu bytes: the size must be 1..%u",
			       length, NVT_BUF_MAX_LEN);
	if (pcie->powered_off)
		return nvt_err(pcie->err, ENODEV,
			       "%s is powered off: no DMA memory until it is on",
			       pcie->bdf);
	ret = buf_new(length, &b);
	if (ret)
		return nvt_err(pcie->err, -ret, "buffer: %s", strerror(-ret));
	b->mem_flags = flags;
	ret = dma_memory(pcie, b, length, NULL);
	if (ret) {
		free(b);
		return ret;
	}
	b->pcie = pcie;
	b->next = pcie->bufs;
	if (b->next)
		b->next->prev = b;
	pcie->bufs = b;
	nvt_pcie_get(pcie);
	*out = b;
	return 0;
}

/*
 * Before the device's power is cut: its DMA memory goes with it, so every
 * buffer's mapping is swapped for plain memory holding the same bytes, at
 * the same address.  The buffers keep working as host memory meanwhile.
 */
int nvt_pcie_bufs_to_host(struct nvt_pcie *pcie)
{
	struct nvt_buf *b;
	void *copy;

	for (b = pcie->bufs; b; b = b->next) {
		if (!b->id)
			continue;
		copy = mmap(NULL, b->map_length, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (copy == MAP_FAILED)
			return nvt_err(pcie->err, errno,
				       "keeping buffer %u over the power cycle: %s",
				       b->id, strerror(errno));
		memcpy(copy, b->data, b->map_length);
		if (mremap(copy, b->map_length, b->map_length,
			   MREMAP_MAYMOVE | MREMAP_FIXED, b->data) == MAP_FAILED) {
			int err = errno;

			munmap(copy, b->map_length);
			return nvt_err(pcie->err, err,
				       "keeping buffer %u over the power cycle: %s",
				       b->id, strerror(err));
		}
		/* the old memory is the dying device's: nvt.ko frees it */
		b->stale_id = b->id;
		b->id = 0;
		b->dma = 0;
	}
	return 0;
}

/*
 * The device is back (or never went, @free_stale): every buffer gets DMA
 * memory of the device again, mapped at its address, with the bytes it held.
 */
int nvt_pcie_bufs_to_device(struct nvt_pcie *pcie, bool free_stale)
{
	struct nvt_buf *b;
	uint8_t *copy;
	int ret, first = 0;

	for (b = pcie->bufs; b; b = b->next) {
		if (b->id)
			continue;
		/* the power was not cut: the device still has the old memory */
		if (free_stale && b->stale_id) {
			struct nvt_buf_free f = {
				.argsz = sizeof(f), .id = b->stale_id,
			};

			nvt_ioctl(pcie->fd, NVT_IOC_BUF_FREE, &f);
		}
		b->stale_id = 0;
		copy = malloc(b->map_length);
		if (!copy) {
			ret = nvt_err(pcie->err, ENOMEM, "out of memory");
			first = first ? first : ret;
			continue;
		}
		memcpy(copy, b->data, b->map_length);
		ret = dma_memory(pcie, b, b->map_length, b->data);
		if (ret)
			first = first ? first : ret;	/* stays host memory */
		else
			memcpy(b->data, copy, b->map_length);
		free(copy);
	}
	return first;
}

int nvt_buf_alloc_host(size_t length, struct nvt_buf **out)
{
	struct nvt_buf *b;
	int ret;

	if (!out)
		return -EINVAL;
	*out = NULL;
	ret = buf_new(length, &b);
	if (ret)
		return ret;
	b->data = calloc(1, length);
	if (!b->data) {
		free(b);
		*out = NULL;
		return -ENOMEM;
	}
	*out = b;
	return 0;
}

void nvt_buf_free(struct nvt_buf *buf)
{
	if (!buf)
		return;
	if (buf->pcie) {
		struct nvt_buf_free f = { .argsz = sizeof(f), .id = buf->id };
		struct nvt_pcie *pcie = buf->pcie;

		munmap(buf->data, buf->map_length);
		/* the kernel keeps the memory while the device may still DMA */
		if (buf->id)
			nvt_ioctl(pcie->fd, NVT_IOC_BUF_FREE, &f);
		if (buf->prev)
			buf->prev->next = buf->next;
		else
			pcie->bufs = buf->next;
		if (buf->next)
			buf->next->prev = buf->prev;
		nvt_pcie_put(pcie);
	} else {
		free(buf->data);
	}
	free(buf);
}

const char *nvt_buf_error(const struct nvt_buf *buf)
{
	return buf->err;
}

char *nvt_buf_errbuf(const struct nvt_buf *buf)
{
	return (char *)buf->err;
}

/* xorshift64*: fast, and seeded per fill so buffers differ */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static void fill_random(struct nvt_buf *b, uint32_t percent)
{
	struct timespec ts;
	uint64_t seed;
	size_t i, n;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	seed = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
	       (uintptr_t)b ^ 0x9e3779b97f4a7c15ull;
	/* the first percent% of the buffer random, the rest zero: compressible */
	n = b->length / 100 * percent + b->length % 100 * percent / 100;
	memset(b->data, 0, b->length);
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t r = next_random(&seed);

		memcpy(b->data + i, &r, 8);
	}
	for (; i < n; i++)
		b->data[i] = (uint8_t)next_random(&seed);
}

int nvt_buf_fill(struct nvt_buf *buf, enum nvt_pattern pattern, uint32_t value)
{
	size_t i;

	switch (pattern) {
	case NVT_PAT_ZEROS:
		memset(buf->data, 0, buf->length);
		return 0;
	case NVT_PAT_ONES:
		memset(buf->data, 0xff, buf->length);
		return 0;
	case NVT_PAT_DWORD:
		for (i = 0; i < buf->length; i++)
			buf->data[i] = (uint8_t)(value >> (8 * (i % 4)));
		return 0;
	case NVT_PAT_RANDOM:
		if (value > 100)
			return nvt_err(buf->err, EINVAL,
				       "random pattern: %u%% is not 0..100", value);
		/* 0: no percentage given, all random */
		fill_random(buf, value ? value : 100);
		return 0;
	case NVT_PAT_INC16:
	case NVT_PAT_DEC16:
		for (i = 0; i < buf->length; i++) {
			uint16_t w = (uint16_t)(pattern == NVT_PAT_INC16 ?
						value + i / 2 : value - i / 2);

			buf->data[i] = (uint8_t)(w >> (8 * (i % 2)));
		}
		return 0;
	}
	return nvt_err(buf->err, EINVAL, "unknown pattern %d", (int)pattern);
}

static const char *const pattern_names[] = {
	[NVT_PAT_ZEROS] = "zeros",
	[NVT_PAT_ONES] = "ones",
	[NVT_PAT_DWORD] = "dword",
	[NVT_PAT_RANDOM] = "random",
	[NVT_PAT_INC16] = "inc16",
	[NVT_PAT_DEC16] = "dec16",
};

int nvt_pattern_parse(const char *name, enum nvt_pattern *out)
{
	size_t i;

	for (i = 0; name && i < sizeof(pattern_names) / sizeof(pattern_names[0]); i++) {
		if (strcasecmp(name, pattern_names[i]) == 0) {
			*out = (enum nvt_pattern)i;
			return 0;
		}
	}
	return -EINVAL;
}

uint8_t *nvt_buf_data(const struct nvt_buf *buf)
{
	return buf->data;
}

size_t nvt_buf_length(const struct nvt_buf *buf)
{
	return buf->length;
}

size_t nvt_buf_offset(const struct nvt_buf *buf)
{
	return buf->offset;
}

size_t nvt_buf_size(const struct nvt_buf *buf)
{
	return buf->size;
}

int nvt_buf_set_window(struct nvt_buf *buf, size_t offset, size_t size)
{
	if (offset > buf->length || size > buf->length - offset)
		return nvt_err(buf->err, EINVAL,
			       "window %zu+%zu is outside the %zu-byte buffer",
			       offset, size, buf->length);
	buf->offset = offset;
	buf->size = size;
	return 0;
}

uint64_t nvt_buf_dma(const struct nvt_buf *buf)
{
	return buf->pcie ? buf->dma + buf->offset : 0;
}

bool nvt_buf_is_dma(const struct nvt_buf *buf)
{
	return buf->pcie != NULL;
}

uint32_t nvt_buf_id(const struct nvt_buf *buf)
{
	return buf->id;
}

int nvt_buf_dma_ref(const struct nvt_buf *buf, struct nvt_buf_dma_ref *ref)
{
	if (!buf->pcie)
		return -EINVAL;
	if (!buf->id)
		return -ENODEV;	/* the device is powered off */
	ref->id = buf->id;
	ref->offset = buf->offset;
	ref->length = buf->size;
	return 0;
}

enum nvt_buf_mem nvt_buf_mem(const struct nvt_buf *buf)
{
	return buf->mem_flags & NVT_BUF_CMB ? NVT_MEM_CMB :
	       buf->mem_flags & NVT_BUF_PMR ? NVT_MEM_PMR : NVT_MEM_HOST;
}

int nvt_buf_bus_addr(const struct nvt_buf *buf, size_t offset, uint64_t *addr)
{
	if (!buf->pcie)
		return nvt_err((char *)buf->err, EINVAL,
			       "a bus address: the buffer is host memory, not DMA memory");
	if (!buf->id)
		return nvt_err((char *)buf->err, ENODEV,
			       "a bus address: the buffer has no DMA memory while the device is powered off");
	if (offset >= buf->length)
		return nvt_err((char *)buf->err, ERANGE,
			       "a bus address at byte %zu: the buffer has %zu bytes",
			       offset, buf->length);
	*addr = buf->dma + offset;
	return 0;
}

const char *nvt_buf_no_dma_why(int ret)
{
	return ret == -ENODEV ?
	       "has no DMA memory while the device is powered off" :
	       "is host memory, not DMA memory";
}

static int check_range(const struct nvt_buf *b, size_t first, size_t last)
{
	if (first > last)
		return nvt_err((char *)b->err, EINVAL,
			       "field %zu..%zu: first byte after last", first, last);
	if (last >= b->length)
		return nvt_err((char *)b->err, EINVAL,
			       "field %zu..%zu is outside the %zu-byte buffer",
			       first, last, b->length);
	return 0;
}

int nvt_buf_get_int(const struct nvt_buf *buf, size_t first, size_t last,
		    uint64_t *value)
{
	int ret = check_range(buf, first, last);

	if (ret)
		return ret;
	if (last - first >= 8)
		return nvt_err((char *)buf->err, EINVAL,
			       "field %zu..%zu is wider than 8 bytes; read it as a string",
			       first, last);
	*value = nvt_le_get(buf->data + first, last - first + 1);
	return 0;
}

int nvt_buf_set_int(struct nvt_buf *buf, size_t first, size_t last,
		    uint64_t value)
{
	size_t i;
	int ret = check_range(buf, first, last);

	if (ret)
		return ret;
	if (last - first >= 8)
		return nvt_err(buf->err, EINVAL,
			       "field %zu..%zu is wider than 8 bytes", first, last);
	for (i = first; i <= last; i++, value >>= 8)
		buf->data[i] = (uint8_t)value;
	return 0;
}

int nvt_buf_get_str(const struct nvt_buf *buf, size_t first, size_t last,
		    char *out, size_t outlen)
{
	size_t n;
	int ret = check_range(buf, first, last);

	if (ret)
		return ret;
	if (!out || outlen == 0)
		return nvt_err((char *)buf->err, EINVAL, "no room for the string");
	n = last - first + 1;
	if (n > outlen - 1)
		n = outlen - 1;
	memcpy(out, buf->data + first, n);
	out[n] = '\0';
	/* identify strings are space padded; some devices pad with NULs */
	n = strlen(out);
	while (n && (out[n - 1] == ' '))
		out[--n] = '\0';
	return 0;
}

void nvt_buf_dump(const struct nvt_buf *buf, size_t size, FILE *out)
{
	size_t i, j;

	if (size == 0 || size > buf->length)
		size = buf->length;
	for (i = 0; i < size; i += 16) {
		fprintf(out, "%08zx:", i);
		for (j = i; j < i + 16; j++) {
			if (j < size)
				fprintf(out, "%s%02x", j % 16 == 8 ? "  " : " ",
					buf->data[j]);
			else
				fprintf(out, "%s  ", j % 16 == 8 ? "  " : " ");
		}
		fputs("  ", out);
		for (j = i; j < i + 16 && j < size; j++)
			fputc(buf->data[j] >= 0x20 && buf->data[j] < 0x7f ?
			      buf->data[j] : '.', out);
		fputc('\n', out);
	}
}

uint16_t nvt_crc16_t10dif(uint16_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;
	int bit;

	for (i = 0; i < len; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (bit = 0; bit < 8; bit++)
			crc = crc & 0x8000 ? (uint16_t)((crc << 1) ^ 0x8bb7) :
					     (uint16_t)(crc << 1);
	}
	return crc;
}

int nvt_buf_compare(const struct nvt_buf *a, const struct nvt_buf *b,
		    size_t *first_diff)
{
	const uint8_t *pa = a->data + a->offset, *pb = b->data + b->offset;
	size_t n = a->size < b->size ? a->size : b->size;
	size_t i;

	if (memcmp(pa, pb, n) == 0) {
		if (a->size == b->size)
			return 0;
		if (first_diff)
			*first_diff = n;
		return 1;
	}
	for (i = 0; pa[i] == pb[i]; i++)
		;
	if (first_diff)
		*first_diff = i;
	return 1;
}

int nvt_buf_set_dsm_range(struct nvt_buf *buf, unsigned index, uint64_t lba,
			  uint32_t lba_count, uint32_t attributes)
{
	size_t at = (size_t)index * 16;

	if (index >= 256)
		return nvt_err(buf->err, EINVAL,
			       "DSM range %u: at most 256 ranges (0..255)", index);
	if (at + 16 > buf->length)
		return nvt_err(buf->err, EINVAL,
			       "DSM range %u does not fit the %zu-byte buffer",
			       index, buf->length);
	nvt_buf_set_int(buf, at, at + 3, attributes);
	nvt_buf_set_int(buf, at + 4, at + 7, lba_count);
	nvt_buf_set_int(buf, at + 8, at + 15, lba);
	return 0;
}

int nvt_buf_set_copy_range(struct nvt_buf *buf, unsigned index, uint64_t lba,
			   uint32_t lba_count)
{
	size_t at = (size_t)index * 32;

	if (index >= 256)
		return nvt_err(buf->err, EINVAL,
			       "copy range %u: at most 256 ranges (0..255)", index);
	if (!lba_count || lba_count > 65536)
		return nvt_err(buf->err, EINVAL,
			       "copy range %u: %u LBAs, must be 1..65536", index,
			       lba_count);
	if (at + 32 > buf->length)
		return nvt_err(buf->err, EINVAL,
			       "copy range %u does not fit the %zu-byte buffer",
			       index, buf->length);
	memset(buf->data + at, 0, 32);
	nvt_buf_set_int(buf, at + 8, at + 15, lba);
	nvt_buf_set_int(buf, at + 16, at + 17, lba_count - 1);	/* 0's based */
	return 0;
}
