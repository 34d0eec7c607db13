/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nvt: the interface between nvt.ko and user space (libnvt).
 *
 * The rules every ioctl follows:
 * - It takes one struct whose first field, argsz, is the size of that
 *   struct as the caller was built.  The module refuses a smaller argsz
 *   (EINVAL: libnvt and the module come from one release) and accepts a
 *   larger one when the bytes past its own struct are zero (E2BIG if not),
 *   so a newer caller works with an older module as long as it does not
 *   ask for what the module lacks.  Arrays passed by pointer carry their
 *   element size for the same reason.
 * - A struct only grows at its end, and NVT_ABI_VERSION goes up when one
 *   does; fields never move or change meaning.
 * - Reserved fields and flag bits not defined here must be zero (EINVAL).
 * - Every field has a fixed width, pointers are __u64, and no struct has
 *   implicit padding (checked at build time in the module and by a unit
 *   test), so 32- and 64-bit callers share one layout: no compat layer.
 * - An unknown ioctl number answers ENOTTY; every ioctl answers ENODEV
 *   once the device is gone, except WORKER_STATUS and WORKER_FREE.
 */
#ifndef _UAPI_NVT_IOCTL_H
#define _UAPI_NVT_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define NVT_ABI_VERSION		8
#define NVT_IOCTL_TYPE		0xE4

/* ---- NVT_IOC_INFO: what the driver knows of the device ---- */
#define NVT_IRQ_NONE		0
#define NVT_IRQ_INTX		1
#define NVT_IRQ_MSI		2
#define NVT_IRQ_MSIX		3

#define NVT_BAR_MEM		(1u << 0)	/* memory BAR (else I/O port) */
#define NVT_BAR_64		(1u << 1)
#define NVT_BAR_PREFETCH	(1u << 2)
#define NVT_BAR_MAPPED		(1u << 3)	/* usable with NVT_SPACE_BAR(n) */

/**
 * struct nvt_info - NVT_IOC_INFO: what the driver knows of the device
 * @argsz: sizeof(struct nvt_info) as the caller was built
 * @abi_version: out: NVT_ABI_VERSION of the module
 * @domain: out: PCI domain
 * @bus: out: PCI bus
 * @devfn: out: device (bits 7:3) and function (bits 2:0)
 * @minor: out: N of /dev/nvtN
 * @vendor: out: PCI vendor ID
 * @device: out: PCI device ID
 * @subsystem_vendor: out: PCI subsystem vendor ID
 * @subsystem_device: out: PCI subsystem ID
 * @class_code: out: base class, sub class, prog-if (010802h)
 * @revision: out: PCI revision ID
 * @irq_type: out: NVT_IRQ_* the driver got
 * @nr_vectors: out: interrupt vectors, 0 .. @nr_vectors - 1
 * @cfg_size: out: config space bytes, 256 or 4096
 * @reserved: 0
 * @bar_len: out: bytes of each BAR (0: absent)
 * @bar_flags: out: NVT_BAR_* of each BAR
 * @bar_phys: out: host address of each BAR (for reports)
 */
struct nvt_info {
	__u32 argsz;
	__u32 abi_version;
	__u32 domain;
	__u8 bus;
	__u8 devfn;
	__u16 minor;
	__u16 vendor;
	__u16 device;
	__u16 subsystem_vendor;
	__u16 subsystem_device;
	__u32 class_code;
	__u8 revision;
	__u8 irq_type;
	__u16 nr_vectors;
	__u32 cfg_size;
	__u32 reserved;
	__u64 bar_len[6];
	__u32 bar_flags[6];
	__u64 bar_phys[6];
};

/* ---- NVT_IOC_READ / NVT_IOC_WRITE: config space and BARs ---- */
#define NVT_SPACE_CONFIG	0
#define NVT_SPACE_BAR(n)	(1 + (n))	/* n = 0..5 */

/**
 * struct nvt_rw - NVT_IOC_READ and NVT_IOC_WRITE: config space and BARs
 * @argsz: sizeof(struct nvt_rw) as the caller was built
 * @space: NVT_SPACE_CONFIG or NVT_SPACE_BAR(n)
 * @width: bytes, 1, 2 or 4 (config space), 1, 2, 4 or 8 (a BAR)
 * @flags: must be 0
 * @offset: byte offset, aligned to @width, inside the space
 * @value: out for READ, in for WRITE
 *
 * EINVAL for a bad space, width or alignment, ERANGE outside the space,
 * ENXIO for a BAR that is absent, an I/O port or not mapped, EPERM for a
 * write that is raw DMA the driver refuses.
 */
struct nvt_rw {
	__u32 argsz;
	__u32 space;
	__u32 width;
	__u32 flags;
	__u64 offset;
	__u64 value;
};

/* ---- NVT_IOC_BUF_ALLOC / NVT_IOC_BUF_FREE: DMA buffers ---- */
#define NVT_BUF_MAX_LEN		(4u << 20)	/* one physically contiguous chunk */

/* struct nvt_buf_alloc.flags: where the memory is (default: host memory) */
#define NVT_BUF_CMB		(1u << 0)	/* the Controller Memory Buffer */
#define NVT_BUF_PMR		(1u << 1)	/* the Persistent Memory Region */

/**
 * struct nvt_buf_alloc - NVT_IOC_BUF_ALLOC: a DMA buffer
 * @argsz: sizeof(struct nvt_buf_alloc) as the caller was built
 * @flags: 0, NVT_BUF_CMB or NVT_BUF_PMR (EOPNOTSUPP: the controller has
 *	none, or it cannot be enabled; ENOSPC: no room left in it).  CMB and
 *	PMR buffers are device memory behind a BAR: mapped uncached, their
 *	@dma_addr is the address commands use for them
 * @length: in: bytes wanted, 1..NVT_BUF_MAX_LEN
 * @alloc_length: out: @length rounded up to pages
 * @dma_addr: out: the device-visible address (an IOVA behind an IOMMU)
 * @mmap_offset: out: pass to mmap() (MAP_SHARED) to map the buffer; it is
 *	this buffer's alone: once the buffer is freed it maps nothing (ENOENT),
 *	even when a new buffer gets the same @id
 * @id: out: the handle for commands and NVT_IOC_BUF_FREE
 * @reserved: 0
 *
 * ENOMEM without contiguous DMA memory, ENOSPC over the driver's limit.
 */
struct nvt_buf_alloc {
	__u32 argsz;
	__u32 flags;
	__u64 length;
	__u64 alloc_length;
	__u64 dma_addr;
	__u64 mmap_offset;
	__u32 id;
	__u32 reserved;
};

/**
 * struct nvt_buf_free - NVT_IOC_BUF_FREE: let go of a DMA buffer
 * @argsz: sizeof(struct nvt_buf_free) as the caller was built
 * @id: the buffer (ENOENT: not one of this file's)
 *
 * The memory goes once no command and no mapping uses it, and the
 * controller can no longer reach it.
 */
struct nvt_buf_free {
	__u32 argsz;
	__u32 id;
};

/* ---- NVT_IOC_ADMINQ_SETUP: (re)create the admin queue rings ---- */
#define NVT_Q_LAZY_DOORBELL	(1u << 0)	/* ring SQ doorbell at reap only */

/**
 * struct nvt_adminq - NVT_IOC_ADMINQ_SETUP: (re)create the admin queue rings
 * @argsz: sizeof(struct nvt_adminq) as the caller was built
 * @flags: NVT_Q_LAZY_DOORBELL or 0
 * @sq_depth: SQ entries, 2..4096
 * @cq_depth: CQ entries, 2..4096
 *
 * Writes AQA, ASQ and ACQ; the I/O queues of the controller's previous
 * life go.  EBUSY while CC.EN or CSTS.RDY is set.
 */
struct nvt_adminq {
	__u32 argsz;
	__u32 flags;
	__u32 sq_depth;
	__u32 cq_depth;
};

/* ---- NVT_IOC_QUEUE_CREATE / NVT_IOC_QUEUE_DELETE: I/O queue pairs ---- */
/*
 * The driver allocates the rings and sends Create I/O CQ and Create I/O SQ
 * (Delete I/O SQ and CQ) on the admin queue itself.  When the controller
 * refuses, the ioctl fails with EREMOTEIO and .status holds its SCT << 8 | SC.
 * A controller reset (CC.EN=0) ends every I/O queue: its outstanding
 * commands complete as aborted, submitting to it fails with EBADFD, and
 * it is freed by QUEUE_DELETE or the next ADMINQ_SETUP.
 */
#define NVT_Q_NO_IRQ		(1u << 1)	/* IEN=0 in Create I/O CQ */
#define NVT_Q_SQ_CMB		(1u << 2)	/* SQ ring in the CMB (EOPNOTSUPP: none) */
#define NVT_MAX_IO_QID		65535

/**
 * struct nvt_queue_create - NVT_IOC_QUEUE_CREATE: an I/O SQ/CQ pair
 * @argsz: sizeof(struct nvt_queue_create) as the caller was built
 * @flags: NVT_Q_LAZY_DOORBELL, NVT_Q_NO_IRQ, NVT_Q_SQ_CMB
 * @qid: in: the queue ID, 0 for the lowest free one; out: the ID
 * @depth: SQ and CQ entries, 2..min(4096, CAP.MQES+1)
 * @vector: interrupt vector of the CQ (unless NVT_Q_NO_IRQ)
 * @prio: QPRIO: 0 urgent, 1 high, 2 medium, 3 low
 * @status: out: the controller's status on EREMOTEIO; 0 in
 * @reserved: 0
 */
struct nvt_queue_create {
	__u32 argsz;
	__u32 flags;
	__u32 qid;
	__u32 depth;
	__u32 vector;
	__u32 prio;
	__u32 status;
	__u32 reserved;
};

/**
 * struct nvt_queue_delete - NVT_IOC_QUEUE_DELETE: delete an I/O queue pair
 * @argsz: sizeof(struct nvt_queue_delete) as the caller was built
 * @qid: the queue ID (ENOENT: none)
 * @status: out: the controller's status on EREMOTEIO; 0 in
 * @reserved: 0
 *
 * Delete I/O SQ, then CQ, then the rings are freed.  EBUSY while an
 * ioworker owns the queue.
 */
struct nvt_queue_delete {
	__u32 argsz;
	__u32 qid;
	__u32 status;
	__u32 reserved;
};

/* ---- NVT_IOC_SUBMIT / NVT_IOC_REAP: commands on a kernel-owned queue ---- */
#define NVT_ADMIN_QID		0

/*
 * struct nvt_cmd.flags.  A pointer the kernel builds (DPTR_BUF, MPTR_BUF)
 * covers what the command moves, read from the SQE and the namespace's
 * format: a window (buf_offset/buf_length, meta_offset/meta_length) that
 * does not hold it answers EINVAL, and so does one below the controller's
 * MDTS when the size cannot be known (vendor opcodes).  The format and MDTS
 * are learnt with Identify commands of the driver's own: when one times
 * out, the command answers ETIMEDOUT, and so does every command that needs
 * them for the next 5 seconds, at once, without asking again (until a
 * controller reset ends the hold-off).  Such I/O answers
 * EBUSY while an admin command that may change formats (Format NVM,
 * Sanitize, Namespace Management/Attachment, vendor) is outstanding, and
 * those answer EBUSY while such I/O is in flight or a worker runs.
 */
#define NVT_CMD_DPTR_BUF	(1u << 0)	/* kernel builds PRPs for buf_id */
#define NVT_CMD_KEEP_CID	(1u << 1)	/* use the CID in sqe[0] as given */
#define NVT_CMD_DPTR_SGL	(1u << 2)	/* with DPTR_BUF: an SGL (PSDT 01b) */
#define NVT_CMD_MPTR_BUF	(1u << 3)	/* MPTR: meta_buf_id at meta_offset */
/*
 * PSDT, PRP1/PRP2 (or SGL1) and MPTR of the SQE are the caller's own,
 * built over bus addresses of its buffers: lists at any offset, entries
 * with offsets, chained lists, SGL segments of any descriptor type the
 * spec defines for PCIe.  Where raw DMA is refused the driver follows the
 * pointers as the controller would for the transfer the SQE describes:
 * every byte they reach must lie in one of the file's buffers (EFAULT
 * names the first that does not), PRP lists and SGL segments are copied
 * into driver pages (the SQE then points at the copies, at the same
 * offset within the page) and the buffers are held until the command is
 * gone.  Buffers in controller memory (NVT_BUF_CMB, and NVT_BUF_PMR with
 * an address) count as the file's buffers: PRP entries and SGL data blocks
 * may point into them.  PRP lists and SGL segments placed in them are
 * copied like the others (the caller could rewrite them after the check),
 * into a page of the same controller memory that the driver takes for the
 * command, so SGL segments and data in the CMB stay in one memory space
 * (a controller may answer 00/12, Invalid Use of Controller Memory Buffer,
 * otherwise); ENOSPC: no room there for the copy.  ETIMEDOUT as for
 * DPTR_BUF.  Not with DPTR_BUF or MPTR_BUF.
 */
#define NVT_CMD_DPTR_USER	(1u << 4)
/*
 * With KEEP_CID: the CID may be one already outstanding on the queue (a
 * conflict injected on purpose).  Completions of that CID are handed to
 * its commands oldest first, flagged NVT_CPL_DUP_CID, and what each
 * command holds (buffers, lists) is kept until the last of them is done.
 */
#define NVT_CMD_DUP_CID		(1u << 5)

/**
 * struct nvt_cmd - one command of NVT_IOC_SUBMIT
 * @sqe: the SQE; the kernel sets the CID (bits 31:16 of sqe[0])
 * @tag: returned unchanged in &struct nvt_cpl
 * @flags: NVT_CMD_*
 * @timeout_ms: this command's timeout, up to 3600000; 0: the per-opcode
 *	timeout in force
 * @buf_id: the data buffer, with NVT_CMD_DPTR_BUF
 * @cid: out: the CID the command went out with
 * @buf_offset: byte offset of the data in its buffer
 * @buf_length: bytes of data
 * @meta_buf_id: the metadata buffer, with NVT_CMD_MPTR_BUF
 * @sgl_block: with NVT_CMD_DPTR_SGL: bytes per data block (0: one block)
 * @meta_offset: byte offset of the metadata in its buffer
 * @meta_length: bytes of metadata the command covers
 */
struct nvt_cmd {
	__u32 sqe[16];
	__u64 tag;
	__u32 flags;
	__u32 timeout_ms;
	__u32 buf_id;
	__u32 cid;
	__u64 buf_offset;
	__u64 buf_length;
	__u32 meta_buf_id;
	__u32 sgl_block;
	__u64 meta_offset;
	__u64 meta_length;
};

/* struct nvt_submit.flags */
#define NVT_SUBMIT_NO_DOORBELL	(1u << 0)	/* queue only, ring later */

/**
 * struct nvt_submit - NVT_IOC_SUBMIT: a batch of commands to a queue
 * @argsz: sizeof(struct nvt_submit) as the caller was built
 * @flags: NVT_SUBMIT_*
 * @qid: the queue, NVT_ADMIN_QID or an I/O queue
 * @count: in: commands at @cmds; out: how many were queued (also on error)
 * @cmd_size: sizeof(struct nvt_cmd)
 * @reserved: 0
 * @cmds: user pointer to @count &struct nvt_cmd
 *
 * One doorbell write for the batch.  ENOTCONN the controller is disabled,
 * EAGAIN the queue is full, ENOENT an unknown queue or buffer, ERANGE a
 * data window outside its buffer, EBADFD the admin registers were written
 * by hand or the I/O queue ended with a reset, EBUSY a worker owns the
 * queue, overlapping LBAs under verification, or as NVT_CMD_* says,
 * ETIMEDOUT the namespace's format (or MDTS) could not be learnt: the
 * controller let an Identify time out, now or less than 5 s before in
 * this controller life (NVT_CMD_* above).
 */
struct nvt_submit {
	__u32 argsz;
	__u32 flags;
	__u32 qid;
	__u32 count;
	__u32 cmd_size;
	__u32 reserved;
	__u64 cmds;
};

/* struct nvt_cpl.flags */
#define NVT_CPL_TIMEOUT		(1u << 0)	/* synthesized: status 07/ff */
#define NVT_CPL_ABORTED		(1u << 1)	/* synthesized: 07/fe, reset */
#define NVT_CPL_AER		(1u << 2)	/* an AER fired (and was re-armed) */
#define NVT_CPL_LATE		(1u << 3)	/* real CQE of a timed-out cmd */
#define NVT_CPL_UNKNOWN_CID	(1u << 4)	/* CQE for no outstanding command */
#define NVT_CPL_DATACHECK		(1u << 5)	/* read data did not verify: 07/fd */
#define NVT_CPL_DUP_CID		(1u << 6)	/* its CID was outstanding twice */

/* Status fields (SCT << 8 | SC) the driver synthesizes */
#define NVT_STATUS_TIMEOUT	0x07ff
#define NVT_STATUS_ABORTED	0x07fe
#define NVT_STATUS_DATACHECK	0x07fd

/**
 * struct nvt_cpl - one completion of NVT_IOC_REAP
 * @cqe: the completion queue entry
 * @tag: the command's &struct nvt_cmd.tag
 * @submit_ns: when it was submitted, CLOCK_MONOTONIC
 * @complete_ns: when its completion was seen, CLOCK_MONOTONIC
 * @flags: NVT_CPL_*
 * @latency_us: from submission to completion, in microseconds
 * @check_lba: with NVT_CPL_DATACHECK: the first LBA that did not verify
 * @check_expected: its entry in the verification table
 * @check_actual: the check value of the data read
 * @reserved: 0
 */
struct nvt_cpl {
	__u32 cqe[4];
	__u64 tag;
	__u64 submit_ns;
	__u64 complete_ns;
	__u32 flags;
	__u32 latency_us;
	__u64 check_lba;
	__u8 check_expected;
	__u8 check_actual;
	__u8 reserved[6];
};

/**
 * struct nvt_reap - NVT_IOC_REAP: completions of a queue
 * @argsz: sizeof(struct nvt_reap) as the caller was built
 * @flags: must be 0
 * @qid: the queue
 * @min: wait for at least this many ...
 * @timeout_ms: ... at most this long (0: do not wait)
 * @max: room at @cpls
 * @count: out: completions returned
 * @cpl_size: sizeof(struct nvt_cpl)
 * @cpls: user pointer to @max &struct nvt_cpl
 *
 * ENODEV when the device is removed and nothing was returned.
 */
struct nvt_reap {
	__u32 argsz;
	__u32 flags;
	__u32 qid;
	__u32 min;
	__u32 timeout_ms;
	__u32 max;
	__u32 count;
	__u32 cpl_size;
	__u64 cpls;
};

/* ---- NVT_IOC_DATACHECK: per-LBA data verification of a namespace ---- */
/*
 * One byte per LBA: NVT_DATACHECK_UNKNOWN (never written, deallocated, or
 * written where the driver could not see), NVT_DATACHECK_UNCOR (written
 * uncorrectable: a read must fail), else a check value of the data.  Reads
 * whose data does not match complete with NVT_STATUS_DATACHECK.
 */
#define NVT_DATACHECK_ENABLE	1	/* a new (empty) table */
#define NVT_DATACHECK_DISABLE	2
#define NVT_DATACHECK_GET		3	/* copy entries out */
#define NVT_DATACHECK_SET		4	/* copy entries in */
#define NVT_DATACHECK_INFO		5

#define NVT_DATACHECK_STAMP	(1u << 0)	/* writes carry (nsid, LBA), token */

#define NVT_DATACHECK_UNKNOWN	0x00
#define NVT_DATACHECK_UNCOR	0xff

/**
 * struct nvt_datacheck - NVT_IOC_DATACHECK: per-LBA data verification
 * @argsz: sizeof(struct nvt_datacheck) as the caller was built
 * @op: NVT_DATACHECK_ENABLE .. NVT_DATACHECK_INFO
 * @nsid: the namespace
 * @flags: NVT_DATACHECK_STAMP
 * @nlba: ENABLE: LBAs 0 .. @nlba - 1 are tracked; INFO: out
 * @lba_size: ENABLE: data bytes per LBA; INFO: out
 * @lba_stride: ENABLE: bytes per LBA in data buffers (with inline
 *	metadata); INFO: out
 * @zone_size: ENABLE: LBAs per zone (0: not zoned); INFO: out
 * @first: GET/SET: the first entry
 * @count: GET/SET: entries
 * @data: GET/SET: user pointer to @count bytes
 * @miscompares: INFO: out: reads that did not verify
 *
 * ENOMEM no memory for the table, E2BIG a table over the driver's limit,
 * ENOENT (GET, SET, INFO, DISABLE) no table for @nsid.
 */
struct nvt_datacheck {
	__u32 argsz;
	__u32 op;
	__u32 nsid;
	__u32 flags;
	__u64 nlba;
	__u32 lba_size;
	__u32 lba_stride;
	__u64 zone_size;
	__u64 first;
	__u64 count;
	__u64 data;
	__u64 miscompares;
};

/* ---- NVT_IOC_WORKER_*: kernel-thread I/O workers ---- */
/*
 * A worker drives an I/O queue created for it (it owns the queue while it
 * exists: SUBMIT/REAP/QUEUE_DELETE on it answer EBUSY) with reads and
 * writes, polling its completions.  STATUS reports it while it runs and
 * after; FREE stops it if needed and releases it.
 */
#define NVT_WORKER_MAX_SIZES	16
#define NVT_WORKER_MAX_OPS	256	/* distinct opcodes of a mix */
#define NVT_WORKER_MAX_REGIONS	8
#define NVT_WORKER_DIST_PARTS	100
#define NVT_WORKER_HIST_US	1000000	/* latency histogram: 1 us bins */

/*
 * Each opcode of the mix has a latency histogram of its own, smaller than
 * the worker's: 1 us bins below 1024 us, then each power of two up to
 * 2^20 us cut in 512 equal bins (width 2^(k - 9) us from 2^k us, under
 * 0.2 % of the latency); 2^20 us and longer in the last bin.
 */
#define NVT_WORKER_OPH_LINEAR	1024
#define NVT_WORKER_OPH_SUB	512
#define NVT_WORKER_OPH_BINS	(NVT_WORKER_OPH_LINEAR + 10 * NVT_WORKER_OPH_SUB)

/**
 * nvt_worker_oph_bin() - the bin of a latency in an opcode's histogram
 * @us: the latency in microseconds
 *
 * Return: 0..NVT_WORKER_OPH_BINS - 1.
 */
static inline __u32 nvt_worker_oph_bin(__u32 us)
{
	__u32 k = 10;

	if (us < NVT_WORKER_OPH_LINEAR)
		return us;
	while (k < 20 && us >> (k + 1))
		k++;
	if (k >= 20)
		return NVT_WORKER_OPH_BINS - 1;
	return NVT_WORKER_OPH_LINEAR + (k - 10) * NVT_WORKER_OPH_SUB +
	       ((us - (1u << k)) >> (k - 9));
}

/**
 * nvt_worker_oph_lower() - where a bin of an opcode's histogram starts
 * @bin: 0..NVT_WORKER_OPH_BINS - 1
 *
 * Return: the smallest latency in microseconds that goes into @bin.
 */
static inline __u32 nvt_worker_oph_lower(__u32 bin)
{
	__u32 j, k;

	if (bin < NVT_WORKER_OPH_LINEAR)
		return bin;
	j = bin - NVT_WORKER_OPH_LINEAR;
	k = 10 + j / NVT_WORKER_OPH_SUB;
	return (1u << k) + ((j % NVT_WORKER_OPH_SUB) << (k - 9));
}

/**
 * struct nvt_worker_op - one opcode of a worker's mix
 * @opcode: an I/O opcode 00h..FFh; read, write, compare, flush, write
 *	zeroes, write uncorrectable, verify and DSM (one deallocate range)
 *	are built as the NVM command set says; any other gets the SLBA in
 *	CDW10-11, NLB - 1 in CDW12 and, when its bits 1:0 say it moves data,
 *	a data pointer to the slot's buffer of NLB LBAs
 * @rsvd: 0
 * @weight: its share of the I/O, not 0
 */
struct nvt_worker_op {
	__u8 opcode;
	__u8 rsvd[3];
	__u32 weight;
};

/**
 * struct nvt_worker_op_stat - what completed of one opcode of the mix
 * @count: completions
 * @latency_sum_us: their latencies added up
 * @latency_max_us: the largest
 * @opcode: the opcode
 * @rsvd: 0
 */
struct nvt_worker_op_stat {
	__u64 count;
	__u64 latency_sum_us;
	__u32 latency_max_us;
	__u8 opcode;
	__u8 rsvd[3];
};

#define NVT_WORKER_EXIT_ON_ERROR	(1u << 0)	/* args.flags */
#define NVT_WORKER_CMDLIST_ERRORS	(1u << 1)	/* only failed commands */
#define NVT_WORKER_LBA_START		(1u << 2)	/* lba_start given */
#define NVT_WORKER_LBA_STEP		(1u << 3)	/* lba_step given, 0 too */
#define NVT_WORKER_MAX_SLOW	64	/* slow I/Os a worker keeps */
/* args.ptype: the data writes carry (the codes of the PyNVMe3 guide) */
#define NVT_WORKER_PTYPE_FIXED	0	/* pvalue 0: zeros, else all ones */
#define NVT_WORKER_PTYPE_DWORD	32	/* the dword pvalue repeated */
#define NVT_WORKER_PTYPE_RANDOM	0xbeef	/* pvalue % random bytes (0: all) */
#define NVT_WORKER_PTYPE_DWORD_OLD	1	/* ABI 7 and before: as 32 */
#define NVT_WORKER_PTYPE_RANDOM_OLD	2	/* ABI 7 and before: as 0xbeef */
#define NVT_WORKER_MAX_SEQ	1000000	/* io_sequence entries */
#define NVT_WORKER_MAX_CMDLIST	100000	/* command records kept */
#define NVT_WORKER_STOP		(1u << 0)	/* status.flags in: stop it */
#define NVT_WORKER_RUNNING	(1u << 1)	/* status.flags out */

/**
 * struct nvt_worker_args - NVT_IOC_WORKER_START: an ioworker
 * @argsz: sizeof(struct nvt_worker_args) as the caller was built
 * @flags: NVT_WORKER_EXIT_ON_ERROR, NVT_WORKER_CMDLIST_ERRORS,
 *	NVT_WORKER_LBA_START, NVT_WORKER_LBA_STEP
 * @qid: its queue: an idle I/O queue of the caller's, not orphaned
 * @nsid: the namespace
 * @lba_size: bytes per LBA in a transfer: the namespace's data bytes, with
 *	inline metadata
 * @qdepth: commands in flight, below the queue's depth
 * @region_start: LBAs [@region_start, @region_end)
 * @region_end: the region's end, not included
 * @io_sizes: LBAs per I/O
 * @io_weights: the shares of @io_sizes
 * @nr_sizes: entries of @io_sizes, 1..NVT_WORKER_MAX_SIZES
 * @read_percentage: 0..100
 * @lba_random: 0..100: percent of random LBAs
 * @lba_align: random LBAs are multiples of this
 * @lba_step: sequential: next = this + step; with NVT_WORKER_LBA_STEP
 *	0 is the same LBA each time (then a limit is needed: io_count,
 *	lba_count or time_ms), without it 0 is the I/O size
 * @io_count: stop after this many I/Os; 0: no limit (with no limit at all
 *	a sequential worker makes one pass)
 * @lba_count: stop after this many LBAs; 0: no limit
 * @time_ms: stop after this long; 0: no limit
 * @iops: at most this many I/Os per second; 0: as fast as it goes
 * @cpu: the CPU of its thread; -1: any
 * @seed: of its random numbers; 0: random
 * @id: out: the worker's ID
 * @nr_ops: entries at @ops, 0..NVT_WORKER_MAX_OPS: an opcode mix instead
 *	of @read_percentage (0: reads and writes)
 * @ops: user pointer to &struct nvt_worker_op[@nr_ops], distinct opcodes
 *	whose weights add up to at most U32_MAX
 * @io_flags: CDW12 bits 31:16 of reads and writes
 * @sgl_percentage: 0..100: percent of I/Os with data as one SGL data block
 * @slow_latency_us: count completions slower than this, keeping the
 *	first NVT_WORKER_MAX_SLOW of them (0: off)
 * @ptype: write data: NVT_WORKER_PTYPE_FIXED, _DWORD or _RANDOM (and the
 *	older codes 1 and 2, as _DWORD and _RANDOM)
 * @pvalue: 0 or 1 for _FIXED, the dword of _DWORD, the percentage of
 *	random bytes of _RANDOM (0..100, 0 all)
 * @nr_regions: 2..8 regions instead of @region_start/@region_end: random
 *	LBAs pick one by its size, sequential ones go through them in order
 * @rsvd: 0
 * @regions: [start, end) of each region
 * @distribution: shares of random I/O for 100 equal parts of a region (all
 *	0: uniform), e.g. JEDEC's 50 % in the first 5 %
 * @seq: user pointer to &struct nvt_worker_seq[@nr_seq]: replay these
 *	commands in order, each sent no earlier than its time, instead of
 *	generated ones (sizes, mix and LBAs then unused)
 * @nr_seq: entries at @seq, up to NVT_WORKER_MAX_SEQ; 0: generate
 * @cmdlist_max: keep records of the last N commands, up to
 *	NVT_WORKER_MAX_CMDLIST
 * @meta_size: separate metadata bytes per LBA (MPTR)
 * @poll_idle_us: with every I/O in flight and nothing completed, sleep
 *	this long before polling again (0: poll without pause), up to
 *	NVT_WORKER_MAX_POLL_IDLE_US.  Frees the CPU for other workers and
 *	threads; latencies read up to that much longer.
 * @lba_start: sequential: the first LBA, with NVT_WORKER_LBA_START
 *
 * EINVAL bad arguments (an opcode mix: @nr_ops over NVT_WORKER_MAX_OPS,
 * @ops 0 with @nr_ops or set without, a weight 0, an opcode twice,
 * reserved bytes set, weights over U32_MAX), EFAULT @ops not readable, E2BIG buffers over 64
 * MiB, EBUSY the queue is in use, EBADFD it ended with a reset.
 */
struct nvt_worker_args {
	__u32 argsz;
	__u32 flags;
	__u32 qid;
	__u32 nsid;
	__u32 lba_size;
	__u32 qdepth;
	__u64 region_start;
	__u64 region_end;
	__u32 io_sizes[NVT_WORKER_MAX_SIZES];
	__u32 io_weights[NVT_WORKER_MAX_SIZES];
	__u32 nr_sizes;
	__u32 read_percentage;
	__u32 lba_random;
	__u32 lba_align;
	__s64 lba_step;
	__u64 io_count;
	__u64 lba_count;
	__u32 time_ms;
	__u32 iops;
	__s32 cpu;
	__u32 seed;
	__u32 id;
	__u32 nr_ops;
	__u64 ops;
	__u32 io_flags;
	__u32 sgl_percentage;
	__u32 slow_latency_us;
	__u32 ptype;
	__u32 pvalue;
	__u32 nr_regions;
	__u32 rsvd[2];
	__u64 regions[NVT_WORKER_MAX_REGIONS][2];
	__u32 distribution[NVT_WORKER_DIST_PARTS];
	__u64 seq;
	__u32 nr_seq;
	__u32 cmdlist_max;
	__u32 meta_size;
	__u32 poll_idle_us;
	__u64 lba_start;
};

#define NVT_WORKER_MAX_POLL_IDLE_US	100000

/**
 * struct nvt_worker_seq - one command of a replayed sequence
 * @slba: its first LBA
 * @nlb: its LBAs (ignored by flush)
 * @opcode: one of the worker's opcodes
 * @rsvd: 0
 * @time_us: send it no earlier than this long after the worker's start
 */
struct nvt_worker_seq {
	__u64 slba;
	__u32 nlb;
	__u8 opcode;
	__u8 rsvd[3];
	__u64 time_us;
};

/**
 * struct nvt_worker_rec - what a worker keeps of a completed command
 * @slba: its first LBA
 * @nlb: its LBAs
 * @opcode: its opcode
 * @rsvd: 0
 * @status: SCT/SC as (sct << 8) | sc, with DNR and More
 * @sent_us: when it was sent, from the worker's start
 * @cplt_us: when it completed, from the worker's start
 */
struct nvt_worker_rec {
	__u64 slba;
	__u32 nlb;
	__u8 opcode;
	__u8 rsvd;
	__u16 status;
	__u64 sent_us;
	__u64 cplt_us;
};

/**
 * struct nvt_worker_status - NVT_IOC_WORKER_STATUS and NVT_IOC_WORKER_FREE
 * @argsz: sizeof(struct nvt_worker_status) as the caller was built
 * @id: the worker (ENOENT: none of this file's)
 * @flags: in: NVT_WORKER_STOP; out: NVT_WORKER_RUNNING
 * @error: out: the first error status, 0 none
 * @io_count_read: out: reads completed
 * @io_count_write: out: writes completed
 * @io_count_nonread: out: other commands completed
 * @lba_count_read: out: LBAs read
 * @lba_count_write: out: LBAs written
 * @lba_count_nonread: out: LBAs of the other commands
 * @submitted: out: commands sent
 * @mseconds: out: how long it ran so far
 * @cpu_ns: out: the thread's CPU time, once it ended
 * @latency_max_us: out: the slowest completion
 * @latency_average_us: out: the average latency
 * @error_cmd: out: the failing SQE (or the latest sent)
 * @error_cpl: out: its CQE
 * @seconds: out: entries of @per_second so far
 * @per_second_max: room at @per_second
 * @per_second: user pointer: completions in each second; 0: not wanted
 * @histogram: user pointer: NVT_WORKER_HIST_US counts of 1 us latency
 *	bins; 0: not wanted
 * @ops: user pointer: &struct nvt_worker_op_stat[@ops_room], one per
 *	opcode of the mix in its order (reads, writes without one); 0: not
 *	wanted
 * @ops_room: in: entries at @ops and histograms at @op_histogram, up to
 *	NVT_WORKER_MAX_OPS
 * @nr_ops: out: opcodes of the mix (what was given is the first
 *	min(@ops_room, @nr_ops))
 * @op_histogram: user pointer: @ops_room histograms of NVT_WORKER_OPH_BINS
 *	u32 counts each (nvt_worker_oph_bin()), one per opcode of the mix;
 *	0: not wanted
 * @slow_count: out: completions slower than slow_latency_us
 * @cmdlist: user pointer: &struct nvt_worker_rec[@cmdlist_room]; 0: not
 *	wanted
 * @cmdlist_room: in: entries at @cmdlist
 * @nr_cmdlist: out: records given, newest first
 * @slow: user pointer: &struct nvt_worker_rec[@slow_room], the first
 *	completions slower than slow_latency_us (up to NVT_WORKER_MAX_SLOW
 *	kept), in completion order; 0: not wanted
 * @slow_room: in: entries at @slow
 * @nr_slow: out: records given
 *
 * FREE stops the worker if it runs and frees it; it reads only @id.
 * EINVAL unknown @flags or @ops_room over NVT_WORKER_MAX_OPS, EFAULT a
 * pointer the figures cannot be written to.
 */
struct nvt_worker_status {
	__u32 argsz;
	__u32 id;
	__u32 flags;
	__u32 error;
	__u64 io_count_read;
	__u64 io_count_write;
	__u64 io_count_nonread;
	__u64 lba_count_read;
	__u64 lba_count_write;
	__u64 lba_count_nonread;
	__u64 submitted;
	__u64 mseconds;
	__u64 cpu_ns;
	__u32 latency_max_us;
	__u32 latency_average_us;
	__u32 error_cmd[16];
	__u32 error_cpl[4];
	__u32 seconds;
	__u32 per_second_max;
	__u64 per_second;
	__u64 histogram;
	__u64 ops;
	__u32 ops_room;
	__u32 nr_ops;
	__u64 op_histogram;
	__u64 slow_count;
	__u64 cmdlist;
	__u32 cmdlist_room;
	__u32 nr_cmdlist;
	__u64 slow;
	__u32 slow_room;
	__u32 nr_slow;
};

/* ---- NVT_IOC_DBBUF: shadow doorbells for I/O queues ---- */
/*
 * The driver sends Doorbell Buffer Config with its own pages; from then on
 * I/O queue doorbells go to the shadow page and to the register only when
 * the controller's event index asks.  Only before any I/O queue exists
 * (EBUSY); EREMOTEIO with the status when the controller refuses.  A
 * controller reset ends it.
 */
/**
 * struct nvt_dbbuf - NVT_IOC_DBBUF: shadow doorbells
 * @argsz: sizeof(struct nvt_dbbuf) as the caller was built
 * @flags: must be 0
 * @status: out: the controller's status on EREMOTEIO; 0 in
 * @reserved: 0
 */
struct nvt_dbbuf {
	__u32 argsz;
	__u32 flags;
	__u32 status;
	__u32 reserved;
};

/* ---- NVT_IOC_POWER: the device's power is about to be cut ---- */
/*
 * NVT_POWER_CUT: a power controller outside the host is about to cut the
 * device's power.  When the device then goes away, nvt.ko leaves it alone
 * (no controller disable, no shutdown notification: it has no power), ends
 * its commands and workers as aborted (07/fe, written data unknown), and
 * keeps the namespaces' verification tables.  When a device shows up again
 * at the same PCI address, nvt.ko binds it (not the inbox driver) as the
 * same /dev/nvtN when that is free, with those tables.  flags 0 takes the
 * notice back (the power controller failed).  Workers of a device that
 * went away still answer NVT_IOC_WORKER_STATUS and NVT_IOC_WORKER_FREE.
 * A virtual function has no power of its own: NVT_POWER_CUT on one fails
 * with EOPNOTSUPP (cut its PF's power; its VFs go with it and come back
 * only when VFs are enabled again).
 */
#define NVT_POWER_CUT		(1u << 0)

/**
 * struct nvt_power - NVT_IOC_POWER: the device's power is about to be cut
 * @argsz: sizeof(struct nvt_power) as the caller was built
 * @flags: NVT_POWER_CUT, or 0 to take the notice back
 */
struct nvt_power {
	__u32 argsz;
	__u32 flags;
};

/* ---- NVT_IOC_TIMEOUT: command timeouts ---- */
#define NVT_TIMEOUT_DEFAULT_MS	10000
#define NVT_TIMEOUT_ALL_OPCODES	0xffffffffu

/* struct nvt_timeout.flags */
#define NVT_TIMEOUT_IO		(1u << 0)	/* I/O opcodes (else admin) */
#define NVT_TIMEOUT_RESTORE	(1u << 1)	/* back to the default */

/**
 * struct nvt_timeout - NVT_IOC_TIMEOUT: command timeouts
 * @argsz: sizeof(struct nvt_timeout) as the caller was built
 * @flags: NVT_TIMEOUT_IO (I/O opcodes, else admin), NVT_TIMEOUT_RESTORE
 * @opcode: 0..255, or NVT_TIMEOUT_ALL_OPCODES
 * @timeout_ms: 1..3600000 (unused with NVT_TIMEOUT_RESTORE)
 */
struct nvt_timeout {
	__u32 argsz;
	__u32 flags;
	__u32 opcode;
	__u32 timeout_ms;
};

/* ---- NVT_IOC_CMDLOG: the command log of one queue, newest first ---- */
#define NVT_LOG_DONE		(1u << 0)	/* cqe and complete_ns are valid */

/**
 * struct nvt_log_entry - one command of a queue's command log
 * @sqe: the SQE as it went out
 * @cqe: its completion, with NVT_LOG_DONE
 * @submit_ns: when it was submitted, CLOCK_REALTIME
 * @complete_ns: when it completed, CLOCK_REALTIME; 0 while outstanding
 * @flags: NVT_LOG_* | NVT_CPL_* << 8
 * @qid: its queue
 */
struct nvt_log_entry {
	__u32 sqe[16];
	__u32 cqe[4];
	__u64 submit_ns;
	__u64 complete_ns;
	__u32 flags;
	__u32 qid;
};

/**
 * struct nvt_cmdlog - NVT_IOC_CMDLOG: the latest commands of a queue
 * @argsz: sizeof(struct nvt_cmdlog) as the caller was built
 * @qid: the queue (ENOENT: none)
 * @max: room at @entries
 * @count: out: entries given, newest first
 * @entry_size: sizeof(struct nvt_log_entry)
 * @reserved: 0
 * @entries: user pointer to @max &struct nvt_log_entry
 */
struct nvt_cmdlog {
	__u32 argsz;
	__u32 qid;
	__u32 max;
	__u32 count;
	__u32 entry_size;
	__u32 reserved;
	__u64 entries;
};

/* ---- NVT_IOC_IRQ: the software interrupt controller ---- */
#define NVT_IRQ_OP_COUNT	0	/* read the vector's count */
#define NVT_IRQ_OP_CLEAR	1	/* zero the count */
#define NVT_IRQ_OP_WAIT		2	/* wait for count > 0 */
/*
 * MSI-X only (EOPNOTSUPP with MSI or INTx): the Mask bit of the vector's
 * Vector Control in the MSI-X table, set and cleared at once.  While it is
 * set the controller holds the vector's message and sets its Pending Bit;
 * clearing it makes the controller send the held message.
 */
#define NVT_IRQ_OP_MASK		3
#define NVT_IRQ_OP_UNMASK	4
#define NVT_IRQ_OP_PENDING	5	/* read the vector's Pending Bit */

/* struct nvt_irq.flags (out) */
#define NVT_IRQ_MASKED		(1u << 0)	/* the table's Mask bit is set */
#define NVT_IRQ_PENDING		(1u << 1)	/* the PBA's bit is set */

/**
 * struct nvt_irq - NVT_IOC_IRQ: a vector's interrupt count and MSI-X state
 * @argsz: sizeof(struct nvt_irq) as the caller was built
 * @op: NVT_IRQ_OP_*
 * @vector: the vector, below &struct nvt_info.nr_vectors (EINVAL)
 * @timeout_ms: NVT_IRQ_OP_WAIT: how long at most (ETIMEDOUT)
 * @count: out: the count
 * @flags: out: NVT_IRQ_MASKED, NVT_IRQ_PENDING (MSI-X; 0 otherwise), as
 *	read after the operation
 * @reserved: 0
 */
struct nvt_irq {
	__u32 argsz;
	__u32 op;
	__u32 vector;
	__u32 timeout_ms;
	__u64 count;
	__u32 flags;
	__u32 reserved;
};

/* ---- NVT_IOC_RAWQ: I/O queues the test drives itself ---- */
/*
 * A raw queue's ring is a window of one of the file's buffers (host
 * memory, or the CMB for an SQ).  nvt.ko sends Create I/O CQ/SQ and
 * Delete I/O SQ/CQ itself, so that it knows which IDs and which memory the
 * controller uses, but every field of those commands is the caller's
 * (CDW10..CDW12 as given: QID, QSIZE, PC, IEN, IV, CQID, QPRIO, even
 * values the controller must refuse) except PRP1, which is the window
 * (with PC=0: a PRP list of the window's pages).  The window must hold
 * the QSIZE the command gives (EINVAL), whatever the controller accepts.
 * The ID is reserved: the driver's own queues and workers never take it
 * (EBUSY: the driver or another file uses it).  The ring's buffer is held
 * while the controller may reach it.
 *
 * The driver never reads or consumes a raw CQ: its entries are the
 * caller's, who polls the phase tag in its mapping or waits for the
 * vector (NVT_IOC_IRQ).  An SQ's CQ is a raw CQ of the same file, or an
 * ID no CQ has (the controller must refuse it); the driver's CQs answer
 * EBUSY.
 *
 * Where raw DMA is refused (nvt_info, sysfs raw_dma_policy), an SQ's ring
 * buffer is sealed for the queue's life: its mappings turn read-only
 * (a write through one is SIGBUS), no command may use it as data, and
 * entries are written with NVT_RAWQ_SQE, which checks their data pointers
 * as NVT_CMD_DPTR_USER does and holds what they reach until the queue is
 * deleted (ENOSPC when the raw SQs of a device hold too many: delete and
 * create the queue again).  A buffer that a command in flight may still
 * write is not sealed (EBUSY).  Where raw DMA is allowed the caller may
 * also write entries in its mapping directly.
 *
 * A controller reset ends raw queues as it ends the driver's: the
 * controller forgets them; NVT_RAWQ_SQE and NVT_RAWQ_DOORBELL then answer
 * EBADFD and NVT_RAWQ_DELETE only forgets the queue.  Closing the file
 * deletes its raw queues (or leaves them to the next reset when the
 * controller does not answer), and their memory is freed once the
 * controller cannot reach it.  No shadow doorbells (NVT_IOC_DBBUF) with
 * raw queues (EBUSY both ways).
 */
#define NVT_RAWQ_CREATE_CQ	1	/* Create I/O CQ with the ring at buf */
#define NVT_RAWQ_CREATE_SQ	2	/* Create I/O SQ with the ring at buf */
#define NVT_RAWQ_DELETE_SQ	3	/* Delete I/O SQ qid */
#define NVT_RAWQ_DELETE_CQ	4	/* Delete I/O CQ qid */
#define NVT_RAWQ_SQE		5	/* write sqe at entry index of SQ qid */
#define NVT_RAWQ_SQ_TAIL	6	/* write value to SQ qid's tail doorbell */
#define NVT_RAWQ_CQ_HEAD	7	/* write value to CQ qid's head doorbell */

/**
 * struct nvt_rawq - NVT_IOC_RAWQ: a raw I/O queue
 * @argsz: sizeof(struct nvt_rawq) as the caller was built
 * @op: NVT_RAWQ_*
 * @qid: the queue (DELETE, SQE, doorbells); out after CREATE: CDW10's QID
 * @index: NVT_RAWQ_SQE: the entry, below the SQ's size (EINVAL)
 * @cdw10: CREATE: Command Dword 10 as sent (QID, QSIZE)
 * @cdw11: CREATE: Command Dword 11 as sent (PC, IEN, IV / QPRIO, CQID)
 * @cdw12: CREATE: Command Dword 12 as sent (NVM Set Identifier)
 * @buf_id: CREATE: the ring's buffer (ENOENT: none of this file's)
 * @buf_offset: CREATE: where the ring starts in it (any offset the
 *	window holds; the controller judges the alignment)
 * @value: doorbells: the value written, any 32-bit value.  A queue ID
 *	that no queue has may be written too (Invalid Doorbell Register
 *	injection); the driver's own queues answer EBUSY.
 * @status: out: CREATE and DELETE: the controller's SCT << 8 | SC
 *	(EREMOTEIO when not 0); 07/ff: timed out
 * @timeout_ms: CREATE and DELETE: 0 for the admin timeout in force
 * @reserved: 0
 * @sqe: NVT_RAWQ_SQE: in: the entry; out: the entry as written (its
 *	pointers moved to the driver's copies of lists and segments)
 */
struct nvt_rawq {
	__u32 argsz;
	__u32 op;
	__u32 qid;
	__u32 index;
	__u32 cdw10;
	__u32 cdw11;
	__u32 cdw12;
	__u32 buf_id;
	__u64 buf_offset;
	__u32 value;
	__u32 status;
	__u32 timeout_ms;
	__u32 reserved;
	__u32 sqe[16];
};

/* ---- NVT_IOC_PCIE: function resets, power states and the link ---- */
/*
 * Function Level Reset, hot reset (a secondary bus reset by the upstream
 * bridge) and a D3hot -> D0 transition without No_Soft_Reset reset the
 * function: nvt.ko first disables the controller as a CC.EN reset does
 * (commands in flight end with 07/fe, ioworkers stop with it, results and
 * verification tables stay, writes in flight become unknown), saves the
 * function's config space, resets it and restores the config space (BARs,
 * command register, MSI-X).  The controller is left disabled with its
 * admin queue registers cleared: set the admin queue up again
 * (NVT_IOC_ADMINQ_SETUP) before enabling it.
 *
 * Errors: EINVAL for a bad op, value or flag; EOPNOTSUPP for what the
 * function or its topology lacks (no FLR in DEVCAP, no PM capability, no
 * upstream PCIe port, an ASPM state a link partner does not support, a
 * link speed the upstream port lacks); EBUSY for a reset that would reach
 * other functions (another function on the secondary bus, virtual
 * functions enabled); EAGAIN when the PCI core could not lock the bus;
 * ETIMEDOUT when a link retraining did not finish within a second.  The
 * kernel log says which.
 */
#define NVT_PCIE_STATUS		0	/* only read what the fields say */
#define NVT_PCIE_FLR		1	/* Function Level Reset */
#define NVT_PCIE_HOT_RESET	2	/* secondary bus reset of the bridge above */
#define NVT_PCIE_D_STATE	3	/* PMCSR PowerState := value (0: D0, 3: D3hot) */
#define NVT_PCIE_LINK_SPEED	4	/* upstream LNKCTL2 TLS := value, retrain */
#define NVT_PCIE_ASPM		5	/* LNKCTL ASPMC := value on both ends */

/* @present bits */
#define NVT_PCIE_HAS_PM		(1u << 0)	/* a PM capability */
#define NVT_PCIE_HAS_FLR	(1u << 1)	/* DEVCAP.FLR */
#define NVT_PCIE_HAS_BRIDGE	(1u << 2)	/* a bridge above (hot reset) */
#define NVT_PCIE_HAS_UPSTREAM	(1u << 3)	/* ... that is a PCIe port */

/* ASPM values: LNKCTL's ASPM Control encoding */
#define NVT_PCIE_ASPM_L0S	(1u << 0)
#define NVT_PCIE_ASPM_L1	(1u << 1)

/**
 * struct nvt_pcie_ctl - NVT_IOC_PCIE: function resets, D-states, the link
 * @argsz: sizeof(struct nvt_pcie_ctl) as the caller was built
 * @op: NVT_PCIE_*
 * @value: D_STATE: 0 or 3; LINK_SPEED: 1 (2.5 GT/s) .. 7, a speed the
 *	upstream port supports; ASPM: NVT_PCIE_ASPM_* bits; else 0
 * @flags: 0
 * @present: out: NVT_PCIE_HAS_*
 * @d_state: out: PMCSR PowerState (0 without a PM capability)
 * @no_soft_reset: out: PMCSR No_Soft_Reset
 * @speed: out: LNKSTA Current Link Speed (1: 2.5 GT/s, 2: 5, 3: 8, ...)
 * @width: out: LNKSTA Negotiated Link Width (lanes)
 * @max_speed: out: LNKCAP Max Link Speed
 * @max_width: out: LNKCAP Maximum Link Width
 * @target_speed: out: the upstream port's LNKCTL2 Target Link Speed
 *	(0: no upstream PCIe port)
 * @aspm: out: the function's LNKCTL ASPM Control (NVT_PCIE_ASPM_*)
 * @aspm_up: out: the upstream port's LNKCTL ASPM Control
 * @aspm_support: out: ASPM states both ends support (LNKCAP ASPMS)
 * @reserved: 0
 *
 * Every op fills the out fields as they are after it.
 */
struct nvt_pcie_ctl {
	__u32 argsz;
	__u32 op;
	__u32 value;
	__u32 flags;
	__u32 present;
	__u8 d_state;
	__u8 no_soft_reset;
	__u8 speed;
	__u8 width;
	__u8 max_speed;
	__u8 max_width;
	__u8 target_speed;
	__u8 aspm;
	__u8 aspm_up;
	__u8 aspm_support;
	__u16 reserved;
};

#define NVT_IOC_INFO		_IO(NVT_IOCTL_TYPE, 0x00)
#define NVT_IOC_READ		_IO(NVT_IOCTL_TYPE, 0x01)
#define NVT_IOC_WRITE		_IO(NVT_IOCTL_TYPE, 0x02)
#define NVT_IOC_BUF_ALLOC	_IO(NVT_IOCTL_TYPE, 0x03)
#define NVT_IOC_BUF_FREE	_IO(NVT_IOCTL_TYPE, 0x04)
#define NVT_IOC_ADMINQ_SETUP	_IO(NVT_IOCTL_TYPE, 0x05)
#define NVT_IOC_SUBMIT		_IO(NVT_IOCTL_TYPE, 0x06)
#define NVT_IOC_REAP		_IO(NVT_IOCTL_TYPE, 0x07)
#define NVT_IOC_TIMEOUT		_IO(NVT_IOCTL_TYPE, 0x08)
#define NVT_IOC_CMDLOG		_IO(NVT_IOCTL_TYPE, 0x09)
#define NVT_IOC_IRQ		_IO(NVT_IOCTL_TYPE, 0x0a)
#define NVT_IOC_QUEUE_CREATE	_IO(NVT_IOCTL_TYPE, 0x0b)
#define NVT_IOC_QUEUE_DELETE	_IO(NVT_IOCTL_TYPE, 0x0c)
#define NVT_IOC_DATACHECK		_IO(NVT_IOCTL_TYPE, 0x0d)
#define NVT_IOC_WORKER_START	_IO(NVT_IOCTL_TYPE, 0x0e)
#define NVT_IOC_WORKER_STATUS	_IO(NVT_IOCTL_TYPE, 0x0f)
#define NVT_IOC_WORKER_FREE	_IO(NVT_IOCTL_TYPE, 0x10)
#define NVT_IOC_DBBUF		_IO(NVT_IOCTL_TYPE, 0x11)
#define NVT_IOC_POWER		_IO(NVT_IOCTL_TYPE, 0x12)
#define NVT_IOC_RAWQ		_IO(NVT_IOCTL_TYPE, 0x13)
#define NVT_IOC_PCIE		_IO(NVT_IOCTL_TYPE, 0x14)

#endif /* _UAPI_NVT_IOCTL_H */
