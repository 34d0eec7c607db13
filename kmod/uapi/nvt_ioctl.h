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

#define NVT_ABI_VERSION		5
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

struct nvt_info {
	__u32 argsz;
	__u32 abi_version;
	__u32 domain;
	__u8 bus;
	__u8 devfn;
	__u16 minor;		/* N of /dev/nvtN */
	__u16 vendor;
	__u16 device;
	__u16 subsystem_vendor;
	__u16 subsystem_device;
	__u32 class_code;	/* base class, sub class, prog-if */
	__u8 revision;
	__u8 irq_type;		/* NVT_IRQ_* */
	__u16 nr_vectors;
	__u32 cfg_size;		/* 256 or 4096 */
	__u32 reserved;
	__u64 bar_len[6];
	__u32 bar_flags[6];	/* NVT_BAR_* */
	__u64 bar_phys[6];	/* host address of each BAR (for reports) */
};

/* ---- NVT_IOC_READ / NVT_IOC_WRITE: config space and BARs ---- */
#define NVT_SPACE_CONFIG	0
#define NVT_SPACE_BAR(n)	(1 + (n))	/* n = 0..5 */

struct nvt_rw {
	__u32 argsz;
	__u32 space;		/* NVT_SPACE_* */
	__u32 width;		/* 1, 2, 4 (config) or 1, 2, 4, 8 (BAR) bytes */
	__u32 flags;		/* must be 0 */
	__u64 offset;		/* aligned to width, inside the space */
	__u64 value;		/* out for READ, in for WRITE */
};

/* ---- NVT_IOC_BUF_ALLOC / NVT_IOC_BUF_FREE: DMA buffers ---- */
#define NVT_BUF_MAX_LEN		(4u << 20)	/* one physically contiguous chunk */

struct nvt_buf_alloc {
	__u32 argsz;
	__u32 flags;		/* must be 0 */
	__u64 length;		/* in: bytes wanted (1..NVT_BUF_MAX_LEN) */
	__u64 alloc_length;	/* out: length rounded up to pages */
	__u64 dma_addr;		/* out: device-visible address (IOVA) */
	__u64 mmap_offset;	/* out: pass to mmap() to map the buffer */
	__u32 id;		/* out: handle for commands and BUF_FREE */
	__u32 reserved;
};

struct nvt_buf_free {
	__u32 argsz;
	__u32 id;
};

/* ---- NVT_IOC_ADMINQ_SETUP: (re)create the admin queue rings ---- */
#define NVT_Q_LAZY_DOORBELL	(1u << 0)	/* ring SQ doorbell at reap only */

struct nvt_adminq {
	__u32 argsz;
	__u32 flags;		/* NVT_Q_* */
	__u32 sq_depth;		/* 2..4096 entries */
	__u32 cq_depth;		/* 2..4096 entries */
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

struct nvt_queue_create {
	__u32 argsz;
	__u32 flags;		/* NVT_Q_LAZY_DOORBELL, NVT_Q_NO_IRQ */
	__u32 qid;		/* in: 0 picks the lowest free id; out: the id */
	__u32 depth;		/* SQ and CQ entries, 2..min(4096, CAP.MQES+1) */
	__u32 vector;		/* interrupt vector of the CQ */
	__u32 prio;		/* QPRIO: 0 urgent, 1 high, 2 medium, 3 low */
	__u32 status;		/* out: the controller's status on EREMOTEIO */
	__u32 reserved;
};

struct nvt_queue_delete {
	__u32 argsz;
	__u32 qid;
	__u32 status;		/* out: the controller's status on EREMOTEIO */
	__u32 reserved;
};

/* ---- NVT_IOC_SUBMIT / NVT_IOC_REAP: commands on a kernel-owned queue ---- */
#define NVT_ADMIN_QID		0

/*
 * struct nvt_cmd.flags.  A pointer the kernel builds (DPTR_BUF, MPTR_BUF)
 * covers what the command moves, read from the SQE and the namespace's
 * format: a window (buf_offset/buf_length, meta_offset/meta_length) that
 * does not hold it answers EINVAL, and so does one below the controller's
 * MDTS when the size cannot be known (vendor opcodes).  Such I/O answers
 * EBUSY while an admin command that may change formats (Format NVM,
 * Sanitize, Namespace Management/Attachment, vendor) is outstanding, and
 * those answer EBUSY while such I/O is in flight or a worker runs.
 */
#define NVT_CMD_DPTR_BUF	(1u << 0)	/* kernel builds PRPs for buf_id */
#define NVT_CMD_KEEP_CID	(1u << 1)	/* use the CID in sqe[0] as given */
#define NVT_CMD_DPTR_SGL	(1u << 2)	/* with DPTR_BUF: an SGL (PSDT 01b) */
#define NVT_CMD_MPTR_BUF	(1u << 3)	/* MPTR: meta_buf_id at meta_offset */

struct nvt_cmd {
	__u32 sqe[16];		/* CID (sqe[0] bits 31:16) is set by the kernel */
	__u64 tag;		/* returned unchanged in struct nvt_cpl */
	__u32 flags;		/* NVT_CMD_* */
	__u32 timeout_ms;	/* 0: the per-opcode timeout in force */
	__u32 buf_id;		/* with NVT_CMD_DPTR_BUF */
	__u32 cid;		/* out: the CID the command went out with */
	__u64 buf_offset;	/* byte offset of the data in the buffer */
	__u64 buf_length;	/* bytes of data */
	__u32 meta_buf_id;	/* with NVT_CMD_MPTR_BUF */
	__u32 sgl_block;	/* with DPTR_SGL: bytes per data block (0: one) */
	__u64 meta_offset;	/* byte offset of the metadata in its buffer */
	__u64 meta_length;	/* bytes of metadata the command covers */
};

/* struct nvt_submit.flags */
#define NVT_SUBMIT_NO_DOORBELL	(1u << 0)	/* queue only, ring later */

struct nvt_submit {
	__u32 argsz;
	__u32 flags;		/* NVT_SUBMIT_* */
	__u32 qid;
	__u32 count;		/* in: commands; out: how many were queued */
	__u32 cmd_size;		/* sizeof(struct nvt_cmd) */
	__u32 reserved;
	__u64 cmds;		/* user pointer to count struct nvt_cmd */
};

/* struct nvt_cpl.flags */
#define NVT_CPL_TIMEOUT		(1u << 0)	/* synthesized: status 07/ff */
#define NVT_CPL_ABORTED		(1u << 1)	/* synthesized: 07/fe, reset */
#define NVT_CPL_AER		(1u << 2)	/* an AER fired (and was re-armed) */
#define NVT_CPL_LATE		(1u << 3)	/* real CQE of a timed-out cmd */
#define NVT_CPL_UNKNOWN_CID	(1u << 4)	/* CQE for no outstanding command */
#define NVT_CPL_VERIFY		(1u << 5)	/* read data did not verify: 07/fd */

/* Status fields (SCT << 8 | SC) the driver synthesizes */
#define NVT_STATUS_TIMEOUT	0x07ff
#define NVT_STATUS_ABORTED	0x07fe
#define NVT_STATUS_VERIFY	0x07fd

struct nvt_cpl {
	__u32 cqe[4];
	__u64 tag;
	__u64 submit_ns;	/* CLOCK_MONOTONIC */
	__u64 complete_ns;
	__u32 flags;		/* NVT_CPL_* */
	__u32 latency_us;
	__u64 verify_lba;	/* NVT_CPL_VERIFY: the first LBA that failed */
	__u8 verify_expected;	/* its table entry */
	__u8 verify_actual;	/* the check value of the data read */
	__u8 reserved[6];
};

struct nvt_reap {
	__u32 argsz;
	__u32 flags;		/* must be 0 */
	__u32 qid;
	__u32 min;		/* wait for at least this many ... */
	__u32 timeout_ms;	/* ... at most this long (0: don't wait) */
	__u32 max;		/* room in cpls */
	__u32 count;		/* out: completions returned */
	__u32 cpl_size;		/* sizeof(struct nvt_cpl) */
	__u64 cpls;		/* user pointer to max struct nvt_cpl */
};

/* ---- NVT_IOC_VERIFY: per-LBA data verification of a namespace ---- */
/*
 * One byte per LBA: NVT_VERIFY_UNKNOWN (never written, deallocated, or
 * written where the driver could not see), NVT_VERIFY_UNCOR (written
 * uncorrectable: a read must fail), else a check value of the data.  Reads
 * whose data does not match complete with NVT_STATUS_VERIFY.
 */
#define NVT_VERIFY_ENABLE	1	/* a new (empty) table */
#define NVT_VERIFY_DISABLE	2
#define NVT_VERIFY_GET		3	/* copy entries out */
#define NVT_VERIFY_SET		4	/* copy entries in */
#define NVT_VERIFY_INFO		5

#define NVT_VERIFY_STAMP	(1u << 0)	/* writes carry (nsid, LBA), token */

#define NVT_VERIFY_UNKNOWN	0x00
#define NVT_VERIFY_UNCOR	0xff

struct nvt_verify {
	__u32 argsz;
	__u32 op;		/* NVT_VERIFY_ENABLE .. INFO */
	__u32 nsid;
	__u32 flags;		/* NVT_VERIFY_STAMP */
	__u64 nlba;		/* ENABLE: LBAs 0..nlba-1 are tracked */
	__u32 lba_size;		/* ENABLE: data bytes per LBA */
	__u32 lba_stride;	/* ENABLE: bytes per LBA in data buffers */
	__u64 zone_size;	/* ENABLE: LBAs per zone (0: not zoned) */
	__u64 first;		/* GET/SET: first entry */
	__u64 count;		/* GET/SET: entries */
	__u64 data;		/* GET/SET: user pointer to count bytes */
	__u64 miscompares;	/* INFO: reads that did not verify */
};

/* ---- NVT_IOC_WORKER_*: kernel-thread I/O workers ---- */
/*
 * A worker drives an I/O queue created for it (it owns the queue while it
 * exists: SUBMIT/REAP/QUEUE_DELETE on it answer EBUSY) with reads and
 * writes, polling its completions.  STATUS reports it while it runs and
 * after; FREE stops it if needed and releases it.
 */
#define NVT_WORKER_MAX_SIZES	16
#define NVT_WORKER_MAX_OPS	8
#define NVT_WORKER_MAX_REGIONS	8
#define NVT_WORKER_DIST_PARTS	100
#define NVT_WORKER_HIST_US	1000000	/* latency histogram: 1 us bins */

#define NVT_WORKER_EXIT_ON_ERROR	(1u << 0)	/* args.flags */
#define NVT_WORKER_CMDLIST_ERRORS	(1u << 1)	/* only failed commands */
#define NVT_WORKER_LBA_START		(1u << 2)	/* lba_start given */
#define NVT_WORKER_MAX_SEQ	1000000	/* io_sequence entries */
#define NVT_WORKER_MAX_CMDLIST	100000	/* command records kept */
#define NVT_WORKER_STOP		(1u << 0)	/* status.flags in: stop it */
#define NVT_WORKER_RUNNING	(1u << 1)	/* status.flags out */

struct nvt_worker_args {
	__u32 argsz;
	__u32 flags;		/* NVT_WORKER_EXIT_ON_ERROR, _CMDLIST_ERRORS, */
				/* _LBA_START */
	__u32 qid;		/* its queue; idle, not orphaned */
	__u32 nsid;
	__u32 lba_size;		/* bytes per LBA in a transfer */
	__u32 qdepth;		/* commands in flight, below the queue depth */
	__u64 region_start;	/* LBAs [region_start, region_end) */
	__u64 region_end;
	__u32 io_sizes[NVT_WORKER_MAX_SIZES];	/* LBAs per I/O */
	__u32 io_weights[NVT_WORKER_MAX_SIZES];	/* their shares */
	__u32 nr_sizes;
	__u32 read_percentage;	/* 0..100 */
	__u32 lba_random;	/* 0..100: percent of random LBAs */
	__u32 lba_align;	/* random LBAs are multiples of this */
	__s64 lba_step;		/* sequential: next = this + step (0: size) */
	__u64 io_count;		/* limits; 0: none (sequential: one pass) */
	__u64 lba_count;
	__u32 time_ms;
	__u32 iops;		/* 0: as fast as it goes */
	__s32 cpu;		/* -1: any */
	__u32 seed;		/* 0: random */
	__u32 id;		/* out */
	__u32 nr_ops;		/* an opcode mix instead of read_percentage: */
	__u8 ops[NVT_WORKER_MAX_OPS];	/* read, write, compare, flush, write */
	__u32 op_weights[NVT_WORKER_MAX_OPS];	/* zeroes, uncor, verify, DSM */
	__u32 io_flags;		/* CDW12 bits 31:16 of reads and writes */
	__u32 sgl_percentage;	/* 0..100: data as one SGL data block */
	__u32 slow_latency_us;	/* count completions slower (0: off) */
	__u32 ptype;		/* write data: 0 zeros, 1 dword pvalue, */
	__u32 pvalue;		/* 2 random (pvalue % of bytes) */
	/*
	 * 2..8 regions instead of region_start/end: random LBAs pick one by
	 * its size, sequential ones go through them in order
	 */
	__u32 nr_regions;
	__u32 rsvd[2];
	__u64 regions[NVT_WORKER_MAX_REGIONS][2];	/* [start, end) */
	/*
	 * shares of random I/O for 100 equal parts of a region (all 0:
	 * uniform), e.g. JEDEC's 50 % in the first 5 %
	 */
	__u32 distribution[NVT_WORKER_DIST_PARTS];
	/*
	 * Replay: these commands in order, each sent no earlier than its time,
	 * instead of generated ones (sizes, mix and LBAs then unused).
	 */
	__u64 seq;		/* user pointer: struct nvt_worker_seq[] */
	__u32 nr_seq;		/* 0: generate */
	__u32 cmdlist_max;	/* keep records of the last N commands */
	__u32 meta_size;	/* separate metadata bytes per LBA (MPTR) */
	/*
	 * With every I/O in flight and nothing completed, sleep this long
	 * before polling again (0: poll without pause).  Frees the CPU for
	 * other workers and threads; latencies read up to that much longer.
	 */
	__u32 poll_idle_us;	/* 0..100000 */
	__u64 lba_start;	/* sequential: the first LBA (LBA_START) */
};

#define NVT_WORKER_MAX_POLL_IDLE_US	100000

/* One command of a replayed sequence. */
struct nvt_worker_seq {
	__u64 slba;
	__u32 nlb;		/* LBAs (ignored by flush) */
	__u8 opcode;		/* one of the worker's opcodes */
	__u8 rsvd[3];
	__u64 time_us;		/* from the worker's start */
};

/* What a worker keeps of a completed command (cmdlist). */
struct nvt_worker_rec {
	__u64 slba;
	__u32 nlb;
	__u8 opcode;
	__u8 rsvd;
	__u16 status;		/* SCT/SC as (sct << 8) | sc, with DNR/M */
	__u64 sent_us;		/* from the worker's start */
	__u64 cplt_us;
};

struct nvt_worker_status {
	__u32 argsz;
	__u32 id;
	__u32 flags;		/* in: NVT_WORKER_STOP; out: _RUNNING */
	__u32 error;		/* the first error status, 0 none */
	__u64 io_count_read;
	__u64 io_count_write;
	__u64 io_count_nonread;
	__u64 lba_count_read;
	__u64 lba_count_write;
	__u64 lba_count_nonread;
	__u64 submitted;
	__u64 mseconds;
	__u64 cpu_ns;		/* the thread's CPU time, once ended */
	__u32 latency_max_us;
	__u32 latency_average_us;
	__u32 error_cmd[16];	/* the failing SQE (or the latest sent) */
	__u32 error_cpl[4];	/* its CQE */
	__u32 seconds;		/* out: entries of per_second so far */
	__u32 per_second_max;	/* room at per_second */
	__u64 per_second;	/* user pointer: completions in each second */
	__u64 histogram;	/* user pointer: NVT_WORKER_HIST_US counts */
	/* per entry of the opcode mix (index 0 read, 1 write without one) */
	__u64 op_count[NVT_WORKER_MAX_OPS];
	__u64 op_latency_sum_us[NVT_WORKER_MAX_OPS];
	__u32 op_latency_max_us[NVT_WORKER_MAX_OPS];
	__u64 slow_count;	/* completions slower than slow_latency_us */
	__u64 cmdlist;		/* user pointer: struct nvt_worker_rec[] */
	__u32 cmdlist_room;	/* in: entries there */
	__u32 nr_cmdlist;	/* out: records given, newest first */
};

/* ---- NVT_IOC_DBBUF: shadow doorbells for I/O queues ---- */
/*
 * The driver sends Doorbell Buffer Config with its own pages; from then on
 * I/O queue doorbells go to the shadow page and to the register only when
 * the controller's event index asks.  Only before any I/O queue exists
 * (EBUSY); EREMOTEIO with the status when the controller refuses.  A
 * controller reset ends it.
 */
struct nvt_dbbuf {
	__u32 argsz;
	__u32 flags;		/* must be 0 */
	__u32 status;		/* out */
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
 */
#define NVT_POWER_CUT		(1u << 0)

struct nvt_power {
	__u32 argsz;
	__u32 flags;		/* NVT_POWER_* */
};

/* ---- NVT_IOC_TIMEOUT: command timeouts ---- */
#define NVT_TIMEOUT_DEFAULT_MS	10000
#define NVT_TIMEOUT_ALL_OPCODES	0xffffffffu

/* struct nvt_timeout.flags */
#define NVT_TIMEOUT_IO		(1u << 0)	/* I/O opcodes (else admin) */
#define NVT_TIMEOUT_RESTORE	(1u << 1)	/* back to the default */

struct nvt_timeout {
	__u32 argsz;
	__u32 flags;
	__u32 opcode;		/* 0..255 or NVT_TIMEOUT_ALL_OPCODES */
	__u32 timeout_ms;	/* 1..3600000 */
};

/* ---- NVT_IOC_CMDLOG: the command log of one queue, newest first ---- */
#define NVT_LOG_DONE		(1u << 0)	/* cqe and complete_ns are valid */

struct nvt_log_entry {
	__u32 sqe[16];
	__u32 cqe[4];
	__u64 submit_ns;	/* CLOCK_REALTIME */
	__u64 complete_ns;	/* CLOCK_REALTIME, 0 while outstanding */
	__u32 flags;		/* NVT_LOG_* | NVT_CPL_* << 8 */
	__u32 qid;
};

struct nvt_cmdlog {
	__u32 argsz;
	__u32 qid;
	__u32 max;		/* room in entries */
	__u32 count;		/* out */
	__u32 entry_size;	/* sizeof(struct nvt_log_entry) */
	__u32 reserved;
	__u64 entries;		/* user pointer */
};

/* ---- NVT_IOC_IRQ: the software interrupt controller ---- */
#define NVT_IRQ_OP_COUNT	0	/* read the vector's count */
#define NVT_IRQ_OP_CLEAR	1	/* zero the count */
#define NVT_IRQ_OP_WAIT		2	/* wait for count > 0 */

struct nvt_irq {
	__u32 argsz;
	__u32 op;		/* NVT_IRQ_OP_* */
	__u32 vector;
	__u32 timeout_ms;	/* for WAIT */
	__u64 count;		/* out */
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
#define NVT_IOC_VERIFY		_IO(NVT_IOCTL_TYPE, 0x0d)
#define NVT_IOC_WORKER_START	_IO(NVT_IOCTL_TYPE, 0x0e)
#define NVT_IOC_WORKER_STATUS	_IO(NVT_IOCTL_TYPE, 0x0f)
#define NVT_IOC_WORKER_FREE	_IO(NVT_IOCTL_TYPE, 0x10)
#define NVT_IOC_DBBUF		_IO(NVT_IOCTL_TYPE, 0x11)
#define NVT_IOC_POWER		_IO(NVT_IOCTL_TYPE, 0x12)

#endif /* _UAPI_NVT_IOCTL_H */
