/* SPDX-License-Identifier: MIT */
/*
 * nvt_ns: one namespace of a controller: its format, and every NVM (and
 * zoned) command on an I/O queue pair.  Commands are asynchronous like all
 * others: they are queued on the qpair and complete in its waitdone().
 *
 * The data length of an I/O follows from the LBA count and the format
 * (data plus metadata for extended LBAs); the buffer's window must hold
 * it.  A namespace with separate metadata needs a metadata buffer for
 * commands that move data (unless PRACT lets the controller make it).
 *
 * Errors: a negative errno, with nvt_ns_error() of the namespace saying
 * what went wrong, also when a call of its controller or qpair failed
 * under it (that object keeps its own copy of the message).
 */
#ifndef NVT_NAMESPACE_H
#define NVT_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nvt/controller.h>
#include <nvt/nvme.h>
#include <nvt/qpair.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_ns;

/* io_flags: CDW12 bits 31:16 (opcodes and fields: <nvt/nvme.h>) */
#define NVT_IO_LR		(NVT_RW_LR >> 16)	/* limited retry */
#define NVT_IO_FUA		(NVT_RW_FUA >> 16)	/* force unit access */
#define NVT_IO_PRINFO(x)	((((x) & 0xfu) << NVT_RW_PRINFO_SHIFT) >> 16)
#define NVT_IO_PRACT		(NVT_RW_PRACT >> 16)
#define NVT_IO_STC		(NVT_RW_STC >> 16)	/* storage tag check */
#define NVT_IO_DEAC		(NVT_WZ_DEAC >> 16)	/* write zeroes: deallocate */

/**
 * struct nvt_io - one NVM command on a range of LBAs
 * @lba: SLBA, the first LBA
 * @count: LBAs, 1..65536 (NLB is @count - 1)
 * @flags: CDW12 bits 31:16 (NVT_IO_*: limited retry, FUA, PRINFO, ...)
 * @cdw13: CDW13: dataset management hints of reads and writes
 * @cdw14: CDW14: the initial logical block reference tag
 * @cdw15: CDW15: the logical block application tag and its mask
 * @data: the data buffer (its window must hold nvt_ns_data_bytes()),
 *	pointer type, metadata buffer and timeout; its length is the one
 *	@count and the format give, whatever @data.length says
 * @cb: called with the completion inside nvt_qpair_waitdone(); may be NULL
 * @arg: for @cb
 */
struct nvt_io {
	uint64_t lba;
	uint32_t count;
	uint16_t flags;
	uint32_t cdw13;
	uint32_t cdw14;
	uint32_t cdw15;
	struct nvt_data data;
	nvt_cpl_fn cb;
	void *arg;
};

/**
 * nvt_ns_open() - open a namespace of the controller
 * @ctrl: the controller
 * @nsid: the namespace ID, 1..FFFFFFFEh
 * @out: the new handle; NULL on failure
 *
 * Reads its Identify Namespace (and the I/O command set from its
 * identification descriptors) as nvt_ns_refresh() does.  Close it with
 * nvt_ns_close() before @ctrl.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error()): -EINVAL
 * @nsid is 0 or FFFFFFFFh; -ENOMEM; or an error of nvt_ns_refresh().
 */
NVT_EXPORT int nvt_ns_open(struct nvt_ctrl *ctrl, uint32_t nsid,
			   struct nvt_ns **out);

/**
 * nvt_ns_close() - free a namespace handle
 * @ns: the handle; NULL does nothing
 *
 * Verification stays as it is (nvt_ns_datacheck_disable() ends it).
 */
NVT_EXPORT void nvt_ns_close(struct nvt_ns *ns);

/**
 * nvt_ns_error() - the message of the last failure
 * @ns: the namespace
 *
 * Return: the message the last failing call on @ns left (nvt_ns_open()
 * leaves its message with the controller).
 */
NVT_EXPORT const char *nvt_ns_error(const struct nvt_ns *ns);

/**
 * nvt_ns_refresh() - read the namespace's Identify data again
 * @ns: the namespace
 *
 * After a format or an attribute change: Identify Namespace (CNS 00h) for
 * the size and format, the identification descriptors (CNS 03h) for the
 * I/O command set (NVM when it has none).
 *
 * Return: 0, the status (> 0) Identify Namespace completed with, or a
 * negative errno (message in nvt_ns_error()): -ENOENT the namespace is not
 * active (NSZE is 0); -EINVAL the LBA format in use has an LBADS outside
 * 9..31; an error of nvt_buf_alloc() for its buffer, of
 * nvt_ctrl_identify() or of nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ns_refresh(struct nvt_ns *ns);

/**
 * nvt_ns_id() - the namespace's ID
 * @ns: the namespace
 *
 * Return: its NSID.
 */
NVT_EXPORT uint32_t nvt_ns_id(const struct nvt_ns *ns);

/**
 * nvt_ns_ctrl() - the controller of a namespace
 * @ns: the namespace
 *
 * Return: the controller it was opened on.
 */
NVT_EXPORT struct nvt_ctrl *nvt_ns_ctrl(const struct nvt_ns *ns);

/**
 * nvt_ns_size() - the namespace's size
 * @ns: the namespace
 *
 * Return: NSZE, in LBAs.
 */
NVT_EXPORT uint64_t nvt_ns_size(const struct nvt_ns *ns);

/**
 * nvt_ns_capacity() - the namespace's capacity
 * @ns: the namespace
 *
 * Return: NCAP, in LBAs.
 */
NVT_EXPORT uint64_t nvt_ns_capacity(const struct nvt_ns *ns);

/**
 * nvt_ns_sector_size() - the data bytes of an LBA
 * @ns: the namespace
 *
 * Return: 2^LBADS of the LBA format in use (metadata not counted).
 */
NVT_EXPORT uint32_t nvt_ns_sector_size(const struct nvt_ns *ns);

/**
 * nvt_ns_meta_size() - the metadata bytes of an LBA
 * @ns: the namespace
 *
 * Return: MS of the LBA format in use; 0 without metadata.
 */
NVT_EXPORT uint16_t nvt_ns_meta_size(const struct nvt_ns *ns);

/**
 * nvt_ns_extended() - is the metadata inline?
 * @ns: the namespace
 *
 * Return: true when each LBA's metadata follows its data in the data
 * buffer (extended LBAs), false when it goes to a separate buffer (MPTR).
 */
NVT_EXPORT bool nvt_ns_extended(const struct nvt_ns *ns);

/**
 * nvt_ns_pi_bytes() - the protection information bytes of an LBA
 * @ns: the namespace
 *
 * End-to-end protection (Identify Namespace DPS) keeps protection
 * information in the first or last bytes of each LBA's metadata: 8 bytes
 * with a 16-bit guard, 16 with a 32- or 64-bit guard (the format's PIF,
 * nvt_ns_pi_format()).
 *
 * Return: 0 without end-to-end protection, else 8 or 16.
 */
NVT_EXPORT unsigned nvt_ns_pi_bytes(const struct nvt_ns *ns);

/**
 * nvt_ns_pi_format() - the protection information format in use
 * @ns: the namespace
 *
 * From the Extended LBA Format of Identify Namespace CNS 05h, CSI 00h
 * (NVM Command Set 1.0c); %NVT_PIF_16B_GUARD where the controller answers
 * that Identify with an error or the metadata is below 16 bytes.
 *
 * Return: %NVT_PIF_16B_GUARD, %NVT_PIF_32B_GUARD or %NVT_PIF_64B_GUARD;
 * -ENODATA without end-to-end protection.
 */
NVT_EXPORT int nvt_ns_pi_format(const struct nvt_ns *ns);

/**
 * nvt_ns_lba_format() - the LBA format in use
 * @ns: the namespace
 *
 * Return: its index, 0..63, from FLBAS.
 */
NVT_EXPORT unsigned nvt_ns_lba_format(const struct nvt_ns *ns);

/**
 * nvt_ns_csi() - the namespace's I/O command set
 * @ns: the namespace
 *
 * Return: its CSI: 0 NVM, 2 zoned.
 */
NVT_EXPORT uint8_t nvt_ns_csi(const struct nvt_ns *ns);

/**
 * nvt_ns_id_raw() - the whole Identify Namespace data
 * @ns: the namespace
 *
 * Return: its 4096 bytes, as the last open or refresh read them.
 */
NVT_EXPORT const uint8_t *nvt_ns_id_raw(const struct nvt_ns *ns);

/**
 * nvt_ns_id_field() - an Identify Namespace field by its name
 * @ns: the namespace
 * @name: the spec's abbreviation, in any case: "nsze", "ncap", "nuse",
 *	"flbas", ... (nvt_id_ns_fields() lists them)
 * @value: the field's value
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -ENOENT no
 * field has that name; -EINVAL a string or a field wider than 8 bytes.
 */
NVT_EXPORT int nvt_ns_id_field(struct nvt_ns *ns, const char *name,
			       uint64_t *value);

/**
 * nvt_ns_get_lba_format() - find an LBA format
 * @ns: the namespace
 * @data_size: data bytes per LBA
 * @meta_size: metadata bytes per LBA
 *
 * Return: the index of the first LBA format with these sizes, or -ENOENT
 * (no message) when the namespace has none.
 */
NVT_EXPORT int nvt_ns_get_lba_format(const struct nvt_ns *ns,
				     uint32_t data_size, uint16_t meta_size);

/**
 * nvt_ns_zone_size() - the zone size of a zoned namespace
 * @ns: the namespace
 * @zsze: ZSZE of the LBA format in use, in LBAs; 0 on failure
 *
 * Reads the zoned command set's Identify Namespace (CNS 05h, CSI 02h).
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -EINVAL
 * the namespace is not zoned; the status (> 0) the Identify completed with; an
 * error of nvt_buf_alloc() for its buffer, of nvt_ctrl_identify() or of
 * nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ns_zone_size(struct nvt_ns *ns, uint64_t *zsze);

/**
 * nvt_ns_data_bytes() - the bytes an I/O moves in its data buffer
 * @ns: the namespace
 * @count: LBAs
 *
 * Return: @count times the data bytes per LBA, with the metadata when it is
 * inline (extended LBAs).
 */
NVT_EXPORT size_t nvt_ns_data_bytes(const struct nvt_ns *ns, uint32_t count);

/**
 * nvt_ns_meta_bytes() - the bytes an I/O moves in its metadata buffer
 * @ns: the namespace
 * @count: LBAs
 *
 * Return: @count times the metadata bytes per LBA when the metadata is
 * separate; 0 when it is inline or there is none.
 */
NVT_EXPORT size_t nvt_ns_meta_bytes(const struct nvt_ns *ns, uint32_t count);

/**
 * nvt_ns_io_bytes() - what a Read, Write or Compare with these flags moves
 * @ns: the namespace
 * @count: LBAs
 * @flags: the command's CDW12 bits 31:16 (NVT_IO_*); PRACT matters
 * @meta: receives the bytes it moves through its separate metadata pointer
 *	(MPTR); may be NULL
 *
 * As nvt_ns_data_bytes() and nvt_ns_meta_bytes(), except that with
 * end-to-end protection (Identify Namespace DPS) and PRACT set, a format
 * whose metadata is the protection information alone (nvt_ns_pi_bytes())
 * moves no metadata: the controller makes the protection information of a write and
 * takes it off a read (NVM Command Set 1.0, End-to-end Data Protection,
 * PRACT).  With more metadata all of it is moved, PRACT or not.
 *
 * Return: the bytes it moves through its data pointer (PRP or SGL).
 */
NVT_EXPORT size_t nvt_ns_io_bytes(const struct nvt_ns *ns, uint32_t count,
				  uint16_t flags, size_t *meta);

/**
 * nvt_ns_max_lbas() - the most LBAs one Read or Write may move
 * @ns: the namespace
 * @flags: the command's CDW12 bits 31:16 (NVT_IO_*); PRACT matters
 *
 * MDTS (Identify Controller, in units of CAP.MPSMIN) limits what a command
 * moves through its data pointer: the data of its LBAs and, when the
 * metadata is interleaved with it (extended LBAs), their metadata; metadata
 * in a separate buffer (MPTR) does not count (NVMe Base 2.0, Identify
 * Controller MDTS).  The LBAs' bytes are those of nvt_ns_io_bytes().
 *
 * Return: how many LBAs fit in MDTS, at most 65536 (NLB's range); 65536
 * when the controller reports no limit or MDTS cannot be learnt
 * (nvt_ctrl_mdts() is 0); 0 when not even one LBA fits.
 */
NVT_EXPORT uint32_t nvt_ns_max_lbas(const struct nvt_ns *ns, uint16_t flags);

/**
 * nvt_ns_read() - queue a Read
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, flags, buffers and callback
 *
 * Return: 0 once queued, or a negative errno (message in nvt_ns_error()):
 * -EINVAL @io->count is out of range, there is no data buffer, or the
 * namespace has separate metadata and no metadata buffer is given (unless
 * PRACT with metadata that is the protection information alone lets the
 * controller make it); -ERANGE the
 * data or metadata does not fit its buffer's window; or an error of
 * nvt_qpair_send().
 */
NVT_EXPORT int nvt_ns_read(struct nvt_ns *ns, struct nvt_qpair *q,
			   const struct nvt_io *io);

/**
 * nvt_ns_write() - queue a Write
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, flags, buffers and callback
 *
 * Return: 0 once queued, or a negative errno as nvt_ns_read() gives it.
 */
NVT_EXPORT int nvt_ns_write(struct nvt_ns *ns, struct nvt_qpair *q,
			    const struct nvt_io *io);

/**
 * nvt_ns_compare() - queue a Compare
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, flags, buffers (the data to compare with) and callback
 *
 * Return: 0 once queued, or a negative errno as nvt_ns_read() gives it.
 */
NVT_EXPORT int nvt_ns_compare(struct nvt_ns *ns, struct nvt_qpair *q,
			      const struct nvt_io *io);

/**
 * nvt_ns_verify() - queue a Verify
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, flags, timeout and callback; no data moves, the buffers
 *	are ignored
 *
 * Return: 0 once queued, or a negative errno (message in nvt_ns_error()):
 * -EINVAL @io->count is out of range; or an error of nvt_qpair_send().
 */
NVT_EXPORT int nvt_ns_verify(struct nvt_ns *ns, struct nvt_qpair *q,
			     const struct nvt_io *io);

/**
 * nvt_ns_write_zeroes() - queue a Write Zeroes
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, flags (%NVT_IO_DEAC: deallocate), timeout and callback;
 *	no data moves, the buffers are ignored
 *
 * Return: 0 once queued, or a negative errno as nvt_ns_verify() gives it.
 */
NVT_EXPORT int nvt_ns_write_zeroes(struct nvt_ns *ns, struct nvt_qpair *q,
				   const struct nvt_io *io);

/**
 * nvt_ns_write_uncor() - queue a Write Uncorrectable
 * @ns: the namespace
 * @q: the qpair it goes on
 * @io: the LBAs, timeout and callback; no data moves, the buffers are
 *	ignored
 *
 * Return: 0 once queued, or a negative errno as nvt_ns_verify() gives it.
 */
NVT_EXPORT int nvt_ns_write_uncor(struct nvt_ns *ns, struct nvt_qpair *q,
				  const struct nvt_io *io);

/**
 * nvt_ns_flush() - queue a Flush
 * @ns: the namespace
 * @q: the qpair it goes on
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno of nvt_qpair_send() (message
 * in nvt_ns_error()).
 */
NVT_EXPORT int nvt_ns_flush(struct nvt_ns *ns, struct nvt_qpair *q,
			    nvt_cpl_fn cb, void *arg);

/**
 * nvt_ns_dsm() - queue a Dataset Management
 * @ns: the namespace
 * @q: the qpair it goes on
 * @ranges: the ranges, written with nvt_buf_set_dsm_range() from the
 *	window's start
 * @nr: how many, 1..256
 * @attr: CDW11 (bit 0 integral dataset for read, bit 1 for write, bit 2
 *	deallocate)
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno (message in nvt_ns_error()):
 * -EINVAL @nr is out of range; -ERANGE no @ranges, or its window holds
 * fewer than @nr ranges; or an error of nvt_qpair_send().
 */
NVT_EXPORT int nvt_ns_dsm(struct nvt_ns *ns, struct nvt_qpair *q,
			  struct nvt_buf *ranges, unsigned nr, uint32_t attr,
			  nvt_cpl_fn cb, void *arg);

/**
 * nvt_ns_copy() - queue a Copy
 * @ns: the namespace
 * @q: the qpair it goes on
 * @ranges: the source ranges, format 0 descriptors written with
 *	nvt_buf_set_copy_range() from the window's start
 * @nr: how many, 1..256
 * @sdlba: the first LBA of the destination
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno (message in nvt_ns_error()):
 * -EINVAL @nr is out of range; -ERANGE no @ranges, or its window holds
 * fewer than @nr ranges; or an error of nvt_qpair_send().
 */
NVT_EXPORT int nvt_ns_copy(struct nvt_ns *ns, struct nvt_qpair *q,
			   struct nvt_buf *ranges, unsigned nr,
			   uint64_t sdlba, nvt_cpl_fn cb, void *arg);

/**
 * nvt_ns_zone_send() - queue a Zone Management Send
 * @ns: the namespace, zoned
 * @q: the qpair it goes on
 * @slba: the zone's first LBA
 * @action: ZSA: 1 close, 2 finish, 3 open, 4 reset, 5 offline, 10h set the
 *	zone descriptor extension
 * @all: Select All: every zone, @slba ignored
 * @data: the data of actions that take some (a zone descriptor extension);
 *	NULL or without a buffer: none
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno of nvt_qpair_send() (message
 * in nvt_ns_error()).
 */
NVT_EXPORT int nvt_ns_zone_send(struct nvt_ns *ns, struct nvt_qpair *q,
				uint64_t slba, uint8_t action, bool all,
				const struct nvt_data *data, nvt_cpl_fn cb,
				void *arg);

/**
 * nvt_ns_zone_recv() - queue a Zone Management Receive
 * @ns: the namespace, zoned
 * @q: the qpair it goes on
 * @slba: the first LBA of the zones reported
 * @action: ZRA: 0 report zones, 1 extended report zones
 * @afield: ZRASF, the zones reported (0 all, 1 empty, ... 7 offline)
 * @partial: Partial Report: count only the zones returned
 * @data: the buffer the report goes to; its length (or window) is a
 *	multiple of 4 bytes (NUMD)
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno (message in nvt_ns_error()):
 * -EINVAL no data buffer, or its length is not a non-zero multiple of 4;
 * or an error of nvt_qpair_send().
 */
NVT_EXPORT int nvt_ns_zone_recv(struct nvt_ns *ns, struct nvt_qpair *q,
				uint64_t slba, uint8_t action, uint8_t afield,
				bool partial, const struct nvt_data *data,
				nvt_cpl_fn cb, void *arg);

/**
 * nvt_ns_zone_append() - queue a Zone Append
 * @ns: the namespace, zoned
 * @q: the qpair it goes on
 * @io: as for a write, @io->lba the first LBA of the zone
 *
 * The LBA the data went to comes back in dwords 0 and 1 of the
 * completion.
 *
 * Return: 0 once queued, or a negative errno as nvt_ns_read() gives it.
 */
NVT_EXPORT int nvt_ns_zone_append(struct nvt_ns *ns, struct nvt_qpair *q,
				  const struct nvt_io *io);

/**
 * nvt_ns_send_cmd() - queue any I/O command to the namespace
 * @ns: the namespace
 * @q: the qpair it goes on
 * @sqe: the whole 64-byte SQE; NSID (dword 1) is the namespace's when 0
 * @data: the data and metadata; NULL or without a buffer: DPTR and MPTR go
 *	as in the SQE
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once queued, or a negative errno of nvt_qpair_send() (message
 * in nvt_ns_error()).
 */
NVT_EXPORT int nvt_ns_send_cmd(struct nvt_ns *ns, struct nvt_qpair *q,
			       const uint32_t sqe[16],
			       const struct nvt_data *data, nvt_cpl_fn cb,
			       void *arg);

/**
 * nvt_ns_datacheck_enable() - verify the namespace's data in nvt.ko
 * @ns: the namespace
 * @stamp: write (nsid, LBA) into the first 8 bytes of each LBA written and
 *	an increasing token into its last 8
 * @nlba: LBAs tracked from LBA 0; 0: the whole namespace
 *
 * nvt.ko keeps one byte per LBA: every write through nvt records a check
 * value of each LBA (after stamping it, with @stamp); every read is
 * checked, and data that does not match completes with status 07/fd and a
 * warning naming the LBA.  Write Zeroes, deallocation, Write
 * Uncorrectable, Copy, zone resets and formats keep the table right.  A
 * table there already is replaced by an empty one.  nvt.ko limits a
 * table's size (its max_datacheck_mb parameter).
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -EINVAL
 * @nlba is larger than the namespace, or its format is not one nvt.ko
 * verifies; -E2BIG the table is over nvt.ko's limit; -ENOMEM not enough
 * memory for it (also warned about; verification stays off); -ENOSPC
 * nvt.ko verifies as many namespaces as it can already; -ENODEV the device
 * is gone.
 */
NVT_EXPORT int nvt_ns_datacheck_enable(struct nvt_ns *ns, bool stamp,
				    uint64_t nlba);

/**
 * nvt_ns_datacheck_disable() - stop verifying the namespace
 * @ns: the namespace
 *
 * The table goes once the commands in flight that use it are done.
 *
 * Return: 0 (also when it was off), or -ENODEV (message in
 * nvt_ns_error()) when the device is gone.
 */
NVT_EXPORT int nvt_ns_datacheck_disable(struct nvt_ns *ns);

/**
 * nvt_ns_datacheck_enabled() - is the namespace verified?
 * @ns: the namespace
 *
 * Return: true when nvt.ko has a table for it; false otherwise, and when
 * it cannot be asked.
 */
NVT_EXPORT bool nvt_ns_datacheck_enabled(struct nvt_ns *ns);

/**
 * nvt_ns_datacheck_miscompares() - reads that did not verify
 * @ns: the namespace
 * @count: reads whose data did not match since verification was enabled
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -ENOENT
 * verification is off; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ns_datacheck_miscompares(struct nvt_ns *ns, uint64_t *count);

/**
 * nvt_ns_datacheck_save() - write the verification table to a file
 * @ns: the namespace
 * @path: the file, created or truncated
 *
 * The file holds a line "nvt-verify-2 NSID NLBA LBA_SIZE", then one byte
 * per LBA: nvt.ko's check values (version 2: a multiplicative hash of
 * each LBA's data; files of version 1, CRC-32 values, are not loaded).
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -ENOENT
 * verification is off; the errno of opening @path; -EIO writing it
 * failed; -ENOMEM; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ns_datacheck_save(struct nvt_ns *ns, const char *path);

/**
 * nvt_ns_datacheck_load() - read the verification table from a file
 * @ns: the namespace, verified (nvt_ns_datacheck_enable())
 * @path: a file of nvt_ns_datacheck_save(), for a table of the same number of
 *	LBAs and LBA size
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -ENOENT
 * verification is off; the errno of opening @path; -EINVAL @path is not a
 * verification table of this version (its first line says
 * "nvt-verify-2"), is truncated, or its LBA count or size differ;
 * -ENOMEM; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_ns_datacheck_load(struct nvt_ns *ns, const char *path);

/**
 * nvt_ns_format() - Format NVM the namespace, and wait for it
 * @ns: the namespace
 * @lbaf: the LBA format, 0..63
 * @ses: Secure Erase Settings, 0..7
 * @pi: Protection Information, 0..7
 * @pil: Protection Information Location: first bytes of the metadata
 * @mset: Metadata Settings: metadata inline (extended LBAs)
 * @timeout_ms: how long the command may take, up to 3600000; 0: 10 minutes
 *
 * The command has @timeout_ms of its own (&struct nvt_data.timeout_ms):
 * the timeouts the test set per opcode stay as they are.  Then Identify
 * Namespace again (nvt_ns_refresh()), and a verified namespace gets an
 * empty table for its new format.
 *
 * Return: 0, or a negative errno (message in nvt_ns_error()): -EINVAL
 * @lbaf, @ses or @pi is out of range, or @timeout_ms is above 3600000;
 * the status (> 0) Format NVM completed with; an error of nvt_ctrl_send(),
 * nvt_ctrl_waitdone(), nvt_ns_refresh() or nvt_ns_datacheck_enable().
 */
NVT_EXPORT int nvt_ns_format(struct nvt_ns *ns, unsigned lbaf, unsigned ses,
			     unsigned pi, bool pil, bool mset,
			     unsigned timeout_ms);

#ifdef __cplusplus
}
#endif
#endif /* NVT_NAMESPACE_H */
