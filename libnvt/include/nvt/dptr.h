/* SPDX-License-Identifier: MIT */
/*
 * Data pointers a test builds itself: PRP entries and PRP lists (at any
 * offset, with entries of any value, chained), SGL descriptors of every
 * type written into a buffer where the test wants them, and the SQE's
 * PSDT and DPTR fields that point at them.
 *
 * The addresses are bus addresses of the process's DMA buffers
 * (nvt_buf_bus_addr()).  Such an SQE goes to the controller on a raw
 * queue (<nvt/rawq.h>), or on a qpair or the admin queue with
 * &struct nvt_data.dptr = %NVT_DPTR_USER: nvt.ko then follows the pointers
 * as the controller would and refuses what reaches outside the file's
 * buffers (EFAULT) unless raw DMA is allowed.
 *
 * Buffers in controller memory (a CMB or PMR buffer with a bus address)
 * are the program's buffers too: PRP entries and SGL data blocks may point
 * into them.  A PRP list or SGL segment written into one is read once by
 * nvt.ko into a page of the same controller memory that nvt.ko takes for
 * the command, and the controller follows that copy (the program could
 * change the original after the check): SGL segments and data in the CMB
 * stay in one memory space, as the NVMe CMB rules want (a controller may
 * otherwise answer 00/12, Invalid Use of Controller Memory Buffer).  With
 * no room left there for the copy the submission fails with -ENOSPC.
 *
 * Failures leave their message in nvt_buf_error() of the buffer at fault
 * (the list or segment written, or the data buffer pointed at).
 */
#ifndef NVT_DPTR_H
#define NVT_DPTR_H

#include <stddef.h>
#include <stdint.h>

#include <nvt/nvme.h>
#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_buf;

/**
 * nvt_sqe_set_prp() - point an SQE's data at PRP entries
 * @sqe: the entry
 * @prp1: PRP entry 1, any value
 * @prp2: PRP entry 2 (a second page or a PRP list), any value
 *
 * Sets PSDT to 00b (PRPs) and leaves the rest of the SQE alone.
 */
NVT_EXPORT void nvt_sqe_set_prp(union nvt_sqe *sqe, uint64_t prp1,
				uint64_t prp2);

/**
 * nvt_sqe_set_sgl() - point an SQE's data at an SGL descriptor
 * @sqe: the entry
 * @type: the descriptor type, %NVT_SGL_DATA_BLOCK .. (any 0..15: bits
 *	above are dropped, reserved types reach the controller as given)
 * @addr: its address (a segment or data block)
 * @length: its length in bytes (for a segment: 16 per descriptor)
 *
 * Sets PSDT to 01b (SGL, MPTR an address) and SGL1 (DPTR) to the
 * descriptor, subtype address.
 */
NVT_EXPORT void nvt_sqe_set_sgl(union nvt_sqe *sqe, unsigned type,
				uint64_t addr, uint32_t length);

/**
 * nvt_sgl_encode() - the 16 bytes of an SGL descriptor
 * @out: where to write them
 * @type: the type, 0..15 (bits above are dropped)
 * @subtype: the subtype, 0..15 (%NVT_SGL_SUBTYPE_ADDRESS,
 *	%NVT_SGL_SUBTYPE_OFFSET)
 * @addr: bytes 0-7 (reserved, 0, for a bit bucket)
 * @length: bytes 8-11
 *
 * Bytes 12-14 are 0; byte 15 is the SGL identifier.
 */
NVT_EXPORT void nvt_sgl_encode(uint8_t out[16], unsigned type,
			       unsigned subtype, uint64_t addr,
			       uint32_t length);

/**
 * nvt_sgl_write() - write an SGL descriptor into a buffer
 * @seg: the buffer holding the segment (host or DMA memory)
 * @offset: where the descriptor starts, in bytes from byte 0 of @seg (any
 *	offset: alignment is the controller's to check)
 * @type: the type, 0..15 (subtype address)
 * @addr: its address
 * @length: its length
 *
 * Return: 0, or -ERANGE (message in nvt_buf_error() of @seg): the 16
 * bytes do not fit the buffer.
 */
NVT_EXPORT int nvt_sgl_write(struct nvt_buf *seg, size_t offset,
			     unsigned type, uint64_t addr, uint32_t length);

/**
 * nvt_sgl_data_block() - write a Data Block descriptor over a buffer
 * @seg: the buffer holding the segment
 * @offset: where the descriptor starts in @seg
 * @data: the DMA buffer of the data
 * @data_offset: the data's first byte in @data
 * @length: bytes of data
 *
 * Return: 0, or a negative errno: -ERANGE the descriptor does not fit
 * @seg (message in its nvt_buf_error()); an error of nvt_buf_bus_addr()
 * for @data (message in its nvt_buf_error()).
 */
NVT_EXPORT int nvt_sgl_data_block(struct nvt_buf *seg, size_t offset,
				  const struct nvt_buf *data,
				  size_t data_offset, uint32_t length);

/**
 * nvt_sgl_bit_bucket() - write a Bit Bucket descriptor
 * @seg: the buffer holding the segment
 * @offset: where the descriptor starts in @seg
 * @length: bytes the controller reads and drops
 *
 * Return: 0, or -ERANGE (message in nvt_buf_error() of @seg): the
 * descriptor does not fit the buffer.
 */
NVT_EXPORT int nvt_sgl_bit_bucket(struct nvt_buf *seg, size_t offset,
				  uint32_t length);

/**
 * nvt_sgl_segment() - write a Segment descriptor: the next segment
 * @seg: the buffer holding this segment
 * @offset: where the descriptor starts in @seg (the last of its segment)
 * @next: the DMA buffer holding the next segment
 * @next_offset: where the next segment starts in @next
 * @count: descriptors in the next segment (its length is 16 each)
 *
 * Return: 0, or a negative errno as nvt_sgl_data_block() gives it.
 */
NVT_EXPORT int nvt_sgl_segment(struct nvt_buf *seg, size_t offset,
			       const struct nvt_buf *next, size_t next_offset,
			       unsigned count);

/**
 * nvt_sgl_last_segment() - write a Last Segment descriptor
 * @seg: the buffer holding this segment
 * @offset: where the descriptor starts in @seg
 * @next: the DMA buffer holding the last segment
 * @next_offset: where the last segment starts in @next
 * @count: descriptors in the last segment (its length is 16 each)
 *
 * Return: 0, or a negative errno as nvt_sgl_data_block() gives it.
 */
NVT_EXPORT int nvt_sgl_last_segment(struct nvt_buf *seg, size_t offset,
				    const struct nvt_buf *next,
				    size_t next_offset, unsigned count);

/**
 * nvt_prp_list_set() - write one entry of a PRP list
 * @list: the buffer holding the list
 * @offset: where the list starts in @list, in bytes (any offset)
 * @index: the entry; it is the 8 bytes at @offset + 8 * @index
 * @entry: its value, any (an address with an offset, the next list of a
 *	chain, or garbage on purpose)
 *
 * Return: 0, or -ERANGE (message in nvt_buf_error() of @list): the entry
 * does not fit the buffer.
 */
NVT_EXPORT int nvt_prp_list_set(struct nvt_buf *list, size_t offset,
				unsigned index, uint64_t entry);

/**
 * nvt_prp_list_fill() - write PRP list entries over consecutive pages
 * @list: the buffer holding the list
 * @offset: where the list starts in @list
 * @data: the DMA buffer of the data
 * @data_offset: entry 0 points at this byte of @data
 * @page_size: entry i points at @data_offset + i * @page_size
 * @count: entries to write, from entry 0
 *
 * Return: 0, or a negative errno: -ERANGE an entry does not fit @list
 * (message in its nvt_buf_error()); -EINVAL @page_size is 0; an error of
 * nvt_buf_bus_addr() for @data (message in its nvt_buf_error()).
 */
NVT_EXPORT int nvt_prp_list_fill(struct nvt_buf *list, size_t offset,
				 const struct nvt_buf *data,
				 size_t data_offset, uint32_t page_size,
				 unsigned count);

/**
 * nvt_dptr_prp() - PRP1, PRP2 and the PRP lists of a transfer
 * @sqe: the entry: PSDT 00b, PRP1 and PRP2 are set
 * @data: the DMA buffer of the data
 * @data_offset: the transfer's first byte in @data (PRP1 keeps its offset
 *	in the page)
 * @length: bytes to transfer, at least 1
 * @page_size: the controller's memory page size (CC.MPS: 4096 << MPS), a
 *	power of two from 4096
 * @list: the buffer for the PRP lists when more than two pages are
 *	touched; may be NULL otherwise
 * @list_offset: where the first list starts in @list, a multiple of 8
 *
 * The pointers the specification describes: PRP1 the first byte, PRP2 the
 * second page or a list of the pages after the first.  A list that
 * reaches the end of its page goes on in a list at the next page boundary
 * of @list, its last entry pointing there (chained lists).
 *
 * Return: 0, or a negative errno (message in nvt_buf_error() of the buffer
 * at fault): -EINVAL @length is 0, @page_size not such a power of two,
 * @list_offset not a multiple of 8, or a list is needed and @list is
 * NULL; -ERANGE the transfer does not fit @data, or the lists do not fit
 * @list; an error of nvt_buf_bus_addr().
 */
NVT_EXPORT int nvt_dptr_prp(union nvt_sqe *sqe, const struct nvt_buf *data,
			    size_t data_offset, size_t length,
			    uint32_t page_size, struct nvt_buf *list,
			    size_t list_offset);

#ifdef __cplusplus
}
#endif
#endif /* NVT_DPTR_H */
