/* SPDX-License-Identifier: MIT */
/*
 * nvt_buf: memory shared with the device (a DMA buffer from nvt.ko, mapped
 * into the process), or plain host memory for reference data.
 *
 * A buffer has a length (what was allocated) and a window, offset..offset+size,
 * that commands transfer; by default the window is the whole buffer.  Byte
 * offsets of the field and range functions count from byte 0 of the buffer,
 * not of the window.
 */
#ifndef NVT_BUFFER_H
#define NVT_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;
struct nvt_buf;

/**
 * enum nvt_pattern - what nvt_buf_fill() writes
 * @NVT_PAT_ZEROS: all 0x00
 * @NVT_PAT_ONES: all 0xff
 * @NVT_PAT_DWORD: the 32-bit value repeated, little endian
 * @NVT_PAT_RANDOM: random bytes: all of them, or the first value% (then zeros)
 * @NVT_PAT_INC16: 16-bit words counting up from value
 * @NVT_PAT_DEC16: 16-bit words counting down from value
 */
enum nvt_pattern {
	NVT_PAT_ZEROS,
	NVT_PAT_ONES,
	NVT_PAT_DWORD,
	NVT_PAT_RANDOM,
	NVT_PAT_INC16,
	NVT_PAT_DEC16,
};

/**
 * nvt_buf_alloc() - allocate a DMA buffer of the device
 * @pcie: the device whose DMA memory it is
 * @length: bytes, 1..%NVT_BUF_MAX_LEN (one physically contiguous chunk)
 * @out: the new buffer
 *
 * The buffer is filled with zeros and mapped into the process; its window
 * is the whole buffer.  It keeps @pcie open until nvt_buf_free().  nvt.ko
 * limits the DMA memory of a device (its max_buf_mb parameter).
 *
 * Return: 0, or a negative errno with the message in nvt_pcie_error():
 * -EINVAL @pcie is NULL (no message) or @length is out of range; -ENODEV the
 * device is powered off (nvt_subsys_power_off()) or gone; -ENOMEM no memory,
 * or no contiguous DMA memory of that size; -ENOSPC the device's DMA memory
 * limit is reached; or the errno of mmap().
 */
NVT_EXPORT int nvt_buf_alloc(struct nvt_pcie *pcie, size_t length,
			     struct nvt_buf **out);

/**
 * enum nvt_buf_mem - where a DMA buffer's memory is
 * @NVT_MEM_HOST: host memory (nvt_buf_alloc())
 * @NVT_MEM_CMB: the controller's Controller Memory Buffer, behind a BAR
 * @NVT_MEM_PMR: the controller's Persistent Memory Region, behind a BAR
 */
enum nvt_buf_mem {
	NVT_MEM_HOST,
	NVT_MEM_CMB,
	NVT_MEM_PMR,
};

/**
 * nvt_buf_alloc_in() - allocate a DMA buffer in host memory, the CMB or the PMR
 * @pcie: the device whose memory it is
 * @length: bytes, 1..%NVT_BUF_MAX_LEN
 * @mem: where: %NVT_MEM_HOST is nvt_buf_alloc()
 * @out: the new buffer
 *
 * A CMB or PMR buffer is device memory that nvt.ko maps uncached into the
 * process; its bus address (nvt_buf_dma(), nvt_buf_bus_addr()) is the one
 * commands use for it: queues, PRP lists, SGL segments and data in the
 * controller.  Everything else is as for nvt_buf_alloc().  Over a power
 * cycle the buffer gets memory of the same kind again.
 *
 * Return: 0, or a negative errno with the message in nvt_pcie_error(), as
 * nvt_buf_alloc() gives it, and: -EINVAL an unknown @mem; -EOPNOTSUPP the
 * controller has no CMB (PMR), or it cannot be enabled; -ENOSPC no room
 * left in it.
 */
NVT_EXPORT int nvt_buf_alloc_in(struct nvt_pcie *pcie, size_t length,
				enum nvt_buf_mem mem, struct nvt_buf **out);

/**
 * nvt_buf_mem() - where a buffer's memory is
 * @buf: the buffer
 *
 * Return: %NVT_MEM_CMB or %NVT_MEM_PMR for buffers in the controller,
 * %NVT_MEM_HOST for the others (host buffers of nvt_buf_alloc_host() too).
 */
NVT_EXPORT enum nvt_buf_mem nvt_buf_mem(const struct nvt_buf *buf);

/**
 * nvt_buf_bus_addr() - the device address of any byte of a DMA buffer
 * @buf: the buffer
 * @offset: the byte, counted from byte 0 of the buffer (not the window),
 *	below nvt_buf_length()
 * @addr: its address as the controller reaches it (an IOVA behind an
 *	IOMMU; in the BAR for CMB and PMR buffers)
 *
 * For pointers a test builds itself: PRP entries, PRP lists, SGL
 * descriptors and queue rings (<nvt/dptr.h>).
 *
 * Return: 0, or a negative errno (message in nvt_buf_error()): -EINVAL
 * @buf is host memory; -ENODEV it has no DMA memory while the device is
 * powered off; -ERANGE @offset is beyond the buffer.
 */
NVT_EXPORT int nvt_buf_bus_addr(const struct nvt_buf *buf, size_t offset,
				uint64_t *addr);

/**
 * nvt_buf_alloc_host() - allocate a buffer of plain host memory
 * @length: bytes, 1..%NVT_BUF_MAX_LEN
 * @out: the new buffer; NULL on failure
 *
 * For reference data and comparisons: it has no DMA address, and commands
 * refuse it.  Filled with zeros; its window is the whole buffer.
 *
 * Return: 0, or a negative errno (no message): -EINVAL @out is NULL or
 * @length is out of range; -ENOMEM.
 */
NVT_EXPORT int nvt_buf_alloc_host(size_t length, struct nvt_buf **out);

/**
 * nvt_buf_free() - free a buffer
 * @buf: the buffer; NULL does nothing
 *
 * The mapping goes at once.  nvt.ko keeps a DMA buffer's memory as long as
 * commands that point into it are outstanding or the controller may still
 * reach it, and frees it after.
 */
NVT_EXPORT void nvt_buf_free(struct nvt_buf *buf);

/**
 * nvt_buf_error() - the message of the last failure
 * @buf: the buffer
 *
 * Return: the message the last failing call on @buf left (fill, window,
 * field and range functions).
 */
NVT_EXPORT const char *nvt_buf_error(const struct nvt_buf *buf);

/**
 * nvt_buf_fill() - fill the whole buffer with a pattern
 * @buf: the buffer (all of its length, whatever the window)
 * @pattern: what to write
 * @value: its argument: the dword of %NVT_PAT_DWORD; for %NVT_PAT_RANDOM
 *	the percentage of random bytes, 1..100 (the first value% of the
 *	buffer random, the rest zeros, for data that compresses), or 0 for
 *	all of them: random data is never zeros unless asked for, and each
 *	fill draws new bytes; the first word of %NVT_PAT_INC16 and
 *	%NVT_PAT_DEC16; unused otherwise
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): an unknown @pattern,
 * or a random percentage above 100.
 */
NVT_EXPORT int nvt_buf_fill(struct nvt_buf *buf, enum nvt_pattern pattern,
			    uint32_t value);

/**
 * nvt_pattern_parse() - a pattern by its name
 * @name: "zeros", "ones", "dword", "random", "inc16" or "dec16", in any case
 * @out: the pattern
 *
 * Return: 0, or -EINVAL when @name is NULL or no pattern's name.
 */
NVT_EXPORT int nvt_pattern_parse(const char *name, enum nvt_pattern *out);

/**
 * nvt_buf_data() - the buffer's memory
 * @buf: the buffer
 *
 * Return: its byte 0 (not the window's); nvt_buf_length() bytes.
 */
NVT_EXPORT uint8_t *nvt_buf_data(const struct nvt_buf *buf);

/**
 * nvt_buf_length() - the buffer's length
 * @buf: the buffer
 *
 * Return: the bytes allocated.
 */
NVT_EXPORT size_t nvt_buf_length(const struct nvt_buf *buf);

/**
 * nvt_buf_offset() - where the window starts
 * @buf: the buffer
 *
 * Return: the window's offset in the buffer, in bytes.
 */
NVT_EXPORT size_t nvt_buf_offset(const struct nvt_buf *buf);

/**
 * nvt_buf_size() - the window's size
 * @buf: the buffer
 *
 * Return: the bytes commands transfer from or to the buffer.
 */
NVT_EXPORT size_t nvt_buf_size(const struct nvt_buf *buf);

/**
 * nvt_buf_set_window() - choose the part of the buffer commands transfer
 * @buf: the buffer
 * @offset: where the window starts, in bytes
 * @size: its size in bytes; 0 is allowed, but commands refuse an empty window
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()) unless @offset + @size
 * <= nvt_buf_length().
 */
NVT_EXPORT int nvt_buf_set_window(struct nvt_buf *buf, size_t offset,
				  size_t size);

/**
 * nvt_buf_dma() - the device address of the window
 * @buf: the buffer
 *
 * Return: the DMA address (an IOVA behind an IOMMU) of the window's first
 * byte; 0 for host buffers.  Meaningless while the device is powered off.
 */
NVT_EXPORT uint64_t nvt_buf_dma(const struct nvt_buf *buf);

/**
 * nvt_buf_is_dma() - is this a buffer of the device?
 * @buf: the buffer
 *
 * Return: true for a buffer of nvt_buf_alloc() (also while its device is
 * powered off), false for host memory.
 */
NVT_EXPORT bool nvt_buf_is_dma(const struct nvt_buf *buf);

/**
 * nvt_buf_id() - nvt.ko's id of the buffer
 * @buf: the buffer
 *
 * Return: the id raw ioctls name it by (&struct nvt_cmd); 0 for host
 * buffers, and while the device is powered off.
 */
NVT_EXPORT uint32_t nvt_buf_id(const struct nvt_buf *buf);

/**
 * nvt_buf_get_int() - read a little-endian field as an integer
 * @buf: the buffer
 * @first: its first byte
 * @last: its last byte (inclusive); at most 8 bytes from @first
 * @value: the field's value
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): @first > @last,
 * @last is outside the buffer, or the field is wider than 8 bytes.
 */
NVT_EXPORT int nvt_buf_get_int(const struct nvt_buf *buf, size_t first,
			       size_t last, uint64_t *value);

/**
 * nvt_buf_get_str() - read a field as a string
 * @buf: the buffer
 * @first: its first byte
 * @last: its last byte (inclusive); any length
 * @out: the string, without trailing spaces, ending at the first NUL
 * @outlen: bytes at @out; at most @outlen - 1 characters are copied
 *
 * For the ASCII fields of identify data (serial number, model, ...), which
 * are space padded.
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): @first > @last,
 * @last is outside the buffer, or @out is NULL or @outlen 0.
 */
NVT_EXPORT int nvt_buf_get_str(const struct nvt_buf *buf, size_t first,
			       size_t last, char *out, size_t outlen);

/**
 * nvt_buf_set_int() - write an integer into a little-endian field
 * @buf: the buffer
 * @first: its first byte
 * @last: its last byte (inclusive); at most 8 bytes from @first
 * @value: the value; its bits beyond the field are dropped
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): @first > @last,
 * @last is outside the buffer, or the field is wider than 8 bytes.
 */
NVT_EXPORT int nvt_buf_set_int(struct nvt_buf *buf, size_t first, size_t last,
			       uint64_t value);

/**
 * nvt_buf_dump() - write the buffer as a hex dump
 * @buf: the buffer
 * @size: bytes from byte 0; 0 or more than the length: the whole buffer
 * @out: where to write it
 *
 * Lines of 16 bytes: offset, the bytes in hex, and as ASCII ('.' where not
 * printable).
 */
NVT_EXPORT void nvt_buf_dump(const struct nvt_buf *buf, size_t size,
			     FILE *out);

/**
 * nvt_crc16_t10dif() - the CRC of a protection information Guard field
 * @crc: the CRC so far: 0 to start, or the value of a previous call to go
 *	on over more bytes
 * @data: the bytes
 * @len: how many
 *
 * CRC-16 with the T10 DIF polynomial 8BB7h, bits most significant first,
 * no final inversion: the 16-bit Guard of end-to-end protection (NVM
 * Command Set 1.0, End-to-end Data Protection), over an LBA's data and,
 * when the protection information is the last bytes of larger metadata, the
 * metadata bytes before it.
 *
 * Return: the CRC after @data.
 */
NVT_EXPORT uint16_t nvt_crc16_t10dif(uint16_t crc, const void *data,
				     size_t len);

/**
 * nvt_buf_compare() - compare the windows of two buffers
 * @a: a buffer
 * @b: another
 * @first_diff: the offset in the windows of the first byte that differs;
 *	may be NULL
 *
 * Windows of different sizes differ at the shorter size, when all its
 * bytes are the same.
 *
 * Return: 0 when the windows hold the same bytes, 1 when they differ.
 */
NVT_EXPORT int nvt_buf_compare(const struct nvt_buf *a, const struct nvt_buf *b,
			       size_t *first_diff);

/**
 * nvt_buf_set_dsm_range() - write a Dataset Management range
 * @buf: the buffer of the ranges (nvt_ns_dsm())
 * @index: the range, 0..255; range N is bytes 16N..16N+15
 * @lba: its starting LBA
 * @lba_count: its length in LBAs
 * @attributes: its context attributes
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): @index is above 255,
 * or the range does not fit the buffer.
 */
NVT_EXPORT int nvt_buf_set_dsm_range(struct nvt_buf *buf, unsigned index,
				     uint64_t lba, uint32_t lba_count,
				     uint32_t attributes);

/**
 * nvt_buf_set_copy_range() - write a Copy source range (format 0)
 * @buf: the buffer of the ranges (nvt_ns_copy())
 * @index: the range, 0..255; range N is bytes 32N..32N+31
 * @lba: its starting LBA
 * @lba_count: its length in LBAs, 1..65536
 *
 * The descriptor's other fields are zero.
 *
 * Return: 0, or -EINVAL (message in nvt_buf_error()): @index is above 255,
 * @lba_count is out of range, or the range does not fit the buffer.
 */
NVT_EXPORT int nvt_buf_set_copy_range(struct nvt_buf *buf, unsigned index,
				      uint64_t lba, uint32_t lba_count);

#ifdef __cplusplus
}
#endif
#endif /* NVT_BUFFER_H */
