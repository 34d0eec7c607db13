/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvt: a PCI driver that hands one NVMe controller to test software.
 * Shared definitions of the module's parts.
 */
#ifndef _NVT_H
#define _NVT_H

#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "uapi/nvt_ioctl.h"
#include "uapi/nvt_nvme.h"
#include "nvt_cmdlog.h"
#include "nvt_genl.h"
#include "nvt_xfer.h"

#define NVT_MAX_DEVICES		64
#define NVT_CLASS_NVME		0x010802
#define NVT_MAX_QUEUE_DEPTH	4096
#define NVT_MAX_VECTORS		129


/*
 * What the controller may do with host memory, as far as the driver knows
 * (nvt_state.c).  Changed only by nvt_state_set(), under ctrl_lock:
 *
 *   DISABLED --CC.EN=1--> ENABLED --CC.EN=0--> QUIESCING --RDY=0--> DISABLED
 *   any --removal--> REMOVING --controller stopped--> DEAD
 */
enum nvt_state {
	NVT_STATE_DISABLED,	/* CC.EN=0 and CSTS.RDY=0: no DMA */
	NVT_STATE_ENABLED,	/* CC.EN=1: the controller may use its queues */
	NVT_STATE_QUIESCING,	/* CC.EN=0 written, RDY not yet 0: DMA possible */
	NVT_STATE_REMOVING,	/* going away: no new work, DMA still possible */
	NVT_STATE_DEAD,		/* stopped or gone: nothing touches memory */
};

/*
 * Memory the controller may still reach, freed only once it cannot:
 * nvt_park() frees at once or keeps it until DISABLED or DEAD.
 */
struct nvt_parked_mem {
	struct list_head node;
	void (*free)(struct nvt_parked_mem *pm);
};

/* What the driver learnt of the controller and its namespaces. */
struct nvt_nsinfo {
	struct mutex lock;		/* one Identify at a time */
	struct mutex page_lock;		/* allocating the sink page */
	struct xarray ns;		/* nsid -> struct nvt_nsent */
	atomic_t gen;			/* bumped by every forget */
	u64 mdts;			/* bytes, 0: no limit */
	bool mdts_known;
	/* an Identify timed out: none until stall_until or a forget */
	bool stalled;
	unsigned long stall_until;	/* jiffies */
	struct nvt_id_page *idp;	/* the Identify data page */
	void *sink;			/* where unused PRP entries point */
	dma_addr_t sink_dma;
	/* NVT_HOLD_IO holders in bits 31:0, NVT_HOLD_FMT in 63:32 */
	atomic64_t holds;
};

struct nvt_dev;
struct nvt_file;

/* A DMA buffer user space maps and points commands at. */
struct nvt_buf {
	struct kref ref;		/* id table + in-flight commands */
	struct nvt_dev *dev;
	struct nvt_file *owner;		/* NULL once the id is dropped */
	struct list_head node;		/* owner's list */
	struct llist_node free_node;	/* on dev->free_list once released */
	struct nvt_parked_mem park;
	u32 id;
	u64 mmap_off;			/* id and generation: see nvt_buf.c */
	bool dying;			/* being freed: no new mappings */
	/*
	 * Holds raw SQ rings where raw DMA is refused (nvt_rawq.c): no
	 * writable mapping, and no command may use it as data.  A count:
	 * one per ring (under buf_lock).
	 */
	unsigned int sealed;
	/*
	 * Under buf_lock, to tell the references of commands in flight
	 * from the others when a ring is sealed: user mappings, and raw
	 * queue rings (nvt_buf_ring_hold()).
	 */
	unsigned int maps;
	unsigned int rings;
	size_t len;
	void *cpu;
	dma_addr_t dma;
	/* NVT_BUF_CMB or NVT_BUF_PMR: device memory at @io (@phys), no @cpu */
	u32 where;
	void __iomem *io;
	phys_addr_t phys;
};

/* One open file of /dev/nvtN. */
struct nvt_file {
	struct nvt_dev *dev;
	struct file *file;
	struct list_head node;		/* dev->files */
	struct list_head bufs;		/* buffers this file allocated */
};

enum nvt_slot_state {
	NVT_SLOT_FREE,
	NVT_SLOT_BUSY,
	NVT_SLOT_TIMED_OUT,	/* CID held until the real CQE or a reset */
	NVT_SLOT_ENDED,		/* ended; held for the rest of its CID */
};

#define NVT_MAX_PRP_PAGES	8

struct nvt_udptr;

/* Data and metadata pointers built for one command (nvt_dptr.c). */
struct nvt_dptr {
	struct nvt_buf *buf;		/* pinned data buffer */
	struct nvt_buf *meta;		/* pinned metadata buffer */
	bool set_dptr;
	u64 dptr[2];			/* PRP1/PRP2 or the SGL descriptor */
	u64 mptr;
	void *pages[NVT_MAX_PRP_PAGES];	/* PRP lists or SGL segments */
	dma_addr_t pages_dma[NVT_MAX_PRP_PAGES];
	/* caller-built pointers: the buffers they reach, lists copied */
	struct nvt_udptr *user;
	u8 hold;			/* NVT_HOLD_*: released with it */
};

/* A command the driver sends itself and waits for (queue create/delete). */
struct nvt_sync {
	struct completion done;
	u32 timeout_ms;			/* 0: the opcode's */
	u32 cqe[4];
	u32 flags;			/* NVT_CPL_* */
};

/* The datacheck state of one command (nvt_datacheck.c). */
struct nvt_vtable;
struct nvt_datacheck_cmd {
	struct nvt_vtable *vt;		/* referenced while the command lives */
	bool admin;			/* format/sanitize on the admin queue */
	u8 opc;
	u32 nsid;
	u8 *data;			/* its data in our buffer, or NULL */
	u64 slba;
	u32 nlb;
	u32 cdw11, cdw12, cdw13;
	u8 *values;			/* a write's check values */
	void *ranges;			/* DSM/Copy ranges, copied */
	bool borrowed;			/* values and ranges: an ioworker's */
	u32 nr;
	u64 sdlba;
	u64 copy_nlb;			/* LBAs a Copy writes at sdlba */
	/*
	 * the LBA lock while the command lives: a plain range in vt's
	 * interval tree, a DSM or Copy list on vt's list
	 */
	struct rb_node rb;
	u64 subtree_last;
	struct list_head node;
	bool locking, locked;
	/* a read that did not verify */
	bool failed;
	u64 bad_lba;
	u8 expected, actual;
};

#define NVT_MAX_VTABLES		16
#define NVT_DATACHECK_MAX_LBAS	(1ull << 36)

/* What the driver remembers of one outstanding command (indexed by CID). */
struct nvt_slot;
struct nvt_queue;

/* Who a command ends for: user space (the fifo), a waiter, a worker. */
struct nvt_slot_ops {
	/*
	 * The command ended (q->lock held): @flags 0 for its completion,
	 * NVT_CPL_TIMEOUT or NVT_CPL_ABORTED for one the driver made up
	 * (07/ff, 07/fe), NVT_CPL_LATE for the controller's own after a
	 * timeout.  The slot is freed after it returns.
	 */
	void (*end)(struct nvt_queue *q, struct nvt_slot *s, const u32 *cqe,
		    u32 flags);
};

struct nvt_slot {
	enum nvt_slot_state state;
	bool aer;
	u32 sqe[16];
	u64 tag;
	u64 submit_ns;
	u64 deadline_ns;		/* 0: never times out */
	u64 log_seq;
	const struct nvt_slot_ops *ops;
	void *owner;			/* its waiter or worker, for ops */
	struct nvt_dptr dptr;		/* buffers pinned while DMA may happen */
	struct nvt_datacheck_cmd dc;
	/*
	 * NVT_CMD_DUP_CID: the next newer command of the same CID (allocated,
	 * not in the table).  The table's slot is the oldest; every command
	 * of the chain is held (ENDED once answered) until all have ended.
	 */
	struct nvt_slot *dup;
	bool dup_cid;			/* its records say NVT_CPL_DUP_CID */
};

/* What a submitter hands nvt_queue_arm(). */
struct nvt_arm {
	const u32 *sqe;
	const struct nvt_slot_ops *ops;
	void *owner;
	u64 tag;
	int cid;			/* one of the caller's, or -1: any free */
	u32 timeout_ms;			/* 0: the opcode's */
	struct nvt_dptr *dptr;		/* taken by the slot (NULL: none) */
	struct nvt_datacheck_cmd *dc;	/* taken by the slot (NULL: none) */
	/* NVT_CMD_DUP_CID: a slot for @cid if taken (NULL once used) */
	struct nvt_slot *dup_slot;
};

/* A submission/completion queue pair whose rings the driver owns. */
struct nvt_queue {
	struct nvt_dev *dev;
	u16 qid;
	u16 vector;
	u32 sq_depth;
	u32 cq_depth;
	u32 flags;			/* NVT_Q_* */

	spinlock_t lock;
	u64 now_ns;			/* the clock of the current pass (lock held) */
	u64 expire_next_ns;		/* when timeouts are checked again */
	__le32 *sq;			/* sq_depth * 16 dwords */
	void __iomem *sq_cmb;		/* the ring in the CMB instead */
	dma_addr_t sq_dma;
	__le32 *cq;			/* cq_depth * 4 dwords */
	dma_addr_t cq_dma;
	u32 __iomem *sq_db;
	u32 __iomem *cq_db;
	u32 sq_tail;
	u32 sq_tail_rung;		/* last value written to the doorbell */
	u32 sq_head;			/* as reported by the controller */
	u32 cq_head;
	u32 cq_head_rung;		/* last value written to its doorbell */
	u8 cq_phase;
	u32 outstanding;
	u32 nr_dups;			/* commands on slots' dup chains */
	u32 next_cid;
	u32 life;			/* the controller life it was made in */
	u32 aer_pending;		/* AERs waiting for room to re-arm */
	bool aer_rearmed;		/* the tail moved for a re-armed AER */
	struct nvt_slot *slots;		/* sq_depth entries */

	struct nvt_worker *worker;	/* drives this queue, or NULL */

	/* completions waiting to be reaped */
	struct nvt_cpl *fifo;
	u32 fifo_size;
	u32 fifo_head;
	u32 fifo_count;
	u64 fifo_dropped;		/* records lost to a fifo never reaped */
	wait_queue_head_t wait;

	u64 submitted;
	u64 completed;
	u64 lat_sum_ns;			/* of every completion */
	u64 lat_max_ns;			/* since the last statistics tick */
	struct nvt_stats st;		/* the last tick's (nvt_genl.c) */
	u64 sq_db_writes;		/* MMIO writes of the SQ tail doorbell */
	u64 cq_db_writes;		/* and of the CQ head doorbell */
	struct nvt_qlog log;

	/* /sys/class/nvt/nvtN/queues/sqN and cqN */
	struct kobject *sq_kobj;
	struct kobject *cq_kobj;

	struct nvt_parked_mem park;
};

struct nvt_vector {
	struct nvt_dev *dev;
	int irq;
	u16 index;
	atomic64_t count;
	wait_queue_head_t wait;
	char name[24];
	struct nvt_file *masked_by;	/* NVT_IRQ_OP_MASK (nvt_irq.c) */
};

struct nvt_dev {
	struct kref ref;
	struct pci_dev *pdev;
	int minor;
	struct cdev *cdev;
	struct device *device;		/* /sys/class/nvt/nvtN */

	/* Readers: every ioctl.  Writer: exclusive ioctls, removal. */
	struct rw_semaphore lock;
	atomic_t exclusive_waiting;	/* ioctls waiting for the write lock */
	bool power_cut;			/* notice: its power is about to go */

	void __iomem *bar[PCI_STD_NUM_BARS];
	resource_size_t bar_len[PCI_STD_NUM_BARS];
	u64 cap;
	u32 db_stride;			/* bytes between doorbells */
	u32 page_size;			/* host page size from CC.MPS */
	bool raw_dma_ok;		/* behind a translating IOMMU */

	/* the controller, as seen through our own register writes */
	struct mutex ctrl_lock;
	enum nvt_state state;
	u32 life;			/* +1 each time ENABLED is left */
	bool adminq_raw;		/* AQA/ASQ/ACQ written by user space */
	bool raw_dma;			/* this life may DMA where we cannot see */
	bool sq_doorbells_held;		/* a reset comes: ring no SQ doorbell */
	struct nvt_queue *adminq;
	struct xarray ioqs;		/* qid -> struct nvt_queue */
	struct kobject *queues_kobj;	/* /sys/class/nvt/nvtN/queues */
	u32 timeout_ms[2][256];		/* [admin, io][opcode] */

	/* memory parked until the controller cannot reach it (nvt_state.c) */
	struct mutex park_lock;
	struct list_head parked;
	unsigned int nr_parked;
	struct delayed_work quiesce_work;
	unsigned long quiesce_start;	/* jiffies */
	unsigned long quiesce_deadline;	/* jiffies */
	struct work_struct lost_work;	/* a timeout: is the function gone? */

	/* buffers */
	struct mutex buf_lock;
	struct xarray bufs;		/* id -> struct nvt_buf */
	u32 buf_gen;			/* buffers allocated (under buf_lock) */
	atomic64_t buf_bytes;		/* their memory, against max_buf_mb */
	struct llist_head free_list;	/* released, waiting for free_work */
	struct work_struct free_work;
	struct dma_pool *prp_pool;
	/* caller-built pointers' copies in controller memory, to give back */
	struct llist_head udptr_free;
	struct work_struct udptr_free_work;

	/* open files, for tearing down their mappings */
	struct mutex files_lock;
	struct list_head files;
	unsigned int nr_files;

	struct xarray workers;		/* id -> struct nvt_worker */

	/* shadow doorbells (nvt_dbbuf.c) */
	bool dbbuf_on;
	__le32 *dbbuf_db;
	dma_addr_t dbbuf_db_dma;
	__le32 *dbbuf_ei;
	dma_addr_t dbbuf_ei_dma;

	/*
	 * raw I/O queues (nvt_rawq.c): qid -> struct nvt_rawq_rec.  Changed
	 * under dev->lock for writing and rawq_lock; read under either.
	 */
	struct mutex rawq_lock;
	struct xarray rawsqs;
	struct xarray rawcqs;
	atomic_t rawq_kept;		/* checked entries held, and ... */
	atomic_t rawq_kept_pages;	/* ... their list pages */

	/* the Controller Memory Buffer: SQ rings, buffers (nvt_cmb.c) */
	struct mutex cmb_lock;		/* the CMB and the PMR */
	void __iomem *cmb;
	dma_addr_t cmb_bus;
	phys_addr_t cmb_phys;
	u64 cmb_msc;			/* CMBMSC as the driver set it */
	unsigned long *cmb_map;		/* 4 KiB pages in use */
	unsigned int cmb_pages;
	/* the Persistent Memory Region: buffers (nvt_cmb.c) */
	void __iomem *pmr;
	dma_addr_t pmr_bus;		/* 0: not controller memory space */
	phys_addr_t pmr_phys;
	u64 pmr_msc;			/* PMRMSC as set, 0: not set */
	unsigned long *pmr_map;
	unsigned int pmr_pages;

	/* per-LBA verification tables, by namespace */
	spinlock_t vt_lock;
	struct nvt_vtable *vt[NVT_MAX_VTABLES];
	struct llist_head vt_free;	/* released, waiting for vt_free_work */
	struct work_struct vt_free_work;

	/* interrupts */
	u8 irq_type;			/* NVT_IRQ_* */
	u16 nr_vectors;
	struct nvt_vector *vectors;
	void __iomem *msix_table;	/* in its BAR's mapping, or NULL */
	void __iomem *msix_pba;

	/* what the driver learnt of the namespaces (nvt_nsinfo.c) */
	struct nvt_nsinfo nsinfo;

	/* netlink events and statistics (nvt_genl.c) */
	atomic64_t events_dropped;	/* messages no listener got */
	struct delayed_work stats_work;
	bool stats_sent;		/* the last tick sent statistics */
	/* CSTS.CFS as last read (nvt_ctrl_csts()), under csts_lock */
	spinlock_t csts_lock;
	bool cfs_seen;
};

/* vm_flags became writable through a helper only in 6.3 */
static inline void nvt_vm_flags_set(struct vm_area_struct *vma,
				    unsigned long flags)
{
#ifdef NVT_HAVE_VM_FLAGS_SET
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

static inline void nvt_vm_flags_clear(struct vm_area_struct *vma,
				      unsigned long flags)
{
#ifdef NVT_HAVE_VM_FLAGS_SET
	vm_flags_clear(vma, flags);
#else
	vma->vm_flags &= ~flags;
#endif
}

/* No new work: the device is going or gone. */
static inline bool nvt_dev_gone(const struct nvt_dev *dev)
{
	return READ_ONCE(dev->state) >= NVT_STATE_REMOVING;
}

static inline bool nvt_ctrl_enabled(const struct nvt_dev *dev)
{
	return READ_ONCE(dev->state) == NVT_STATE_ENABLED;
}

/* An I/O queue of an earlier controller life (the controller forgot it). */
static inline bool nvt_queue_orphaned(const struct nvt_queue *q)
{
	return q->life != READ_ONCE(q->dev->life);
}


/* nvt_main.c */
void nvt_dev_get(struct nvt_dev *dev);
void nvt_dev_put(struct nvt_dev *dev);
struct nvt_dev *nvt_dev_lookup(int minor);
u64 nvt_nsec_to_usec(u64 ns);

/* nvt_chrdev.c */
extern const struct file_operations nvt_fops;

/* nvt_regs.c */
long nvt_ioctl_info(struct nvt_file *nf, void *arg);
long nvt_ioctl_read(struct nvt_file *nf, void *arg);
long nvt_ioctl_write(struct nvt_file *nf, void *arg);

/* nvt_state.c */
void nvt_state_set(struct nvt_dev *dev, enum nvt_state to);
bool nvt_ctrl_ready_cleared(struct nvt_dev *dev);
u32 nvt_ctrl_csts(struct nvt_dev *dev);
void nvt_ctrl_note_cc(struct nvt_dev *dev);
void nvt_ctrl_quiet_before_reset(struct nvt_dev *dev);
int nvt_ctrl_disable(struct nvt_dev *dev, bool wait);
void nvt_ctrl_function_reset(struct nvt_dev *dev);
void nvt_quiesce_work(struct work_struct *work);
bool nvt_dev_lost(struct nvt_dev *dev);
void nvt_lost_work(struct work_struct *work);
void nvt_park(struct nvt_dev *dev, struct nvt_parked_mem *pm, bool ctrl_done);
bool nvt_park_pending(struct nvt_dev *dev);
unsigned int nvt_park_count(struct nvt_dev *dev);
void nvt_raw_dma_probe(struct nvt_dev *dev);
const char *nvt_raw_dma_policy(struct nvt_dev *dev);
int nvt_raw_dma_use(struct nvt_dev *dev);
bool nvt_raw_dma_allowed(struct nvt_dev *dev);

/* nvt_buf.c */
long nvt_ioctl_buf_alloc(struct nvt_file *nf, void *arg);
void nvt_ioctl_buf_alloc_finish(struct nvt_file *nf, void *arg,
				bool answered);
long nvt_ioctl_buf_free(struct nvt_file *nf, void *arg);
int nvt_buf_mmap(struct nvt_file *nf, struct vm_area_struct *vma);
struct nvt_buf *nvt_buf_get(struct nvt_dev *dev, u32 id);
void nvt_buf_put(struct nvt_buf *buf);
void nvt_buf_release_file(struct nvt_file *nf);
void nvt_buf_teardown(struct nvt_dev *dev);
void nvt_buf_free_work(struct work_struct *work);
void nvt_buf_ring_hold(struct nvt_buf *buf);
void nvt_buf_ring_release(struct nvt_buf *buf);
int nvt_buf_seal(struct nvt_buf *buf);
void nvt_buf_unseal(struct nvt_buf *buf);

/*
 * nvt_nsinfo.c: the controller's MDTS and the namespaces' formats, learnt
 * by Identify and kept for the controller's life; and the holds that keep
 * formats from changing under I/O whose data pointer the driver built.
 */
#define NVT_HOLD_NONE	0
#define NVT_HOLD_IO	1	/* I/O with a driver-built pointer, a worker */
#define NVT_HOLD_FMT	2	/* an admin command that may change formats */

void nvt_nsinfo_init(struct nvt_dev *dev);
void nvt_nsinfo_free(struct nvt_dev *dev);
void nvt_nsinfo_forget(struct nvt_dev *dev);
int nvt_nsinfo_get(struct nvt_dev *dev, u32 nsid, struct nvt_xfer_ns *fmt);
int nvt_nsinfo_mdts(struct nvt_dev *dev, u64 *bytes);

/*
 * A format or MDTS lookup that could not ask now (interrupted, no memory,
 * aborted by a reset, or the controller did not answer an Identify): the
 * caller says so rather than refuse the size.
 */
static inline bool nvt_nsinfo_unasked(int ret)
{
	return ret == -EINTR || ret == -ENOMEM || ret == -EAGAIN ||
	       ret == -ETIMEDOUT;
}
int nvt_nsinfo_sink(struct nvt_dev *dev, dma_addr_t *dma);
int nvt_nsinfo_hold(struct nvt_dev *dev, u8 hold);
void nvt_nsinfo_unhold(struct nvt_dev *dev, u8 hold);
int nvt_nsinfo_check_worker(struct nvt_dev *dev, u32 nsid, u32 io_flags,
			    u32 lba_size, u32 meta_size);

/* nvt_dptr.c */
int nvt_dptr_prepare(struct nvt_dev *dev, struct nvt_file *nf, bool admin,
		     struct nvt_cmd *cmd, struct nvt_dptr *d);
void nvt_dptr_apply(const struct nvt_dptr *d, u32 *sqe);
void nvt_dptr_release(struct nvt_dev *dev, struct nvt_dptr *d);

/*
 * nvt_udptr.c: data pointers the caller built (NVT_CMD_DPTR_USER, raw SQ
 * entries).  Follows PSDT, PRP1/PRP2 or SGL1, and MPTR of @sqe as the
 * controller would for the transfer the SQE describes; every byte they
 * reach must be in a live, unsealed buffer of @nf; lists and segments are
 * copied into driver pages held by @d (in the CMB or PMR when the original
 * is there) and @sqe is rewritten to point at the copies; the buffers reached are pinned in @d, and @d takes the
 * NVT_HOLD_IO hold (an admin command that may change formats takes
 * NVT_HOLD_FMT).  nvt_dptr_release() undoes it all.  Where raw DMA is
 * allowed nothing is checked and @d holds nothing but that NVT_HOLD_FMT.
 * EFAULT: a pointer reaches outside the buffers; EINVAL: malformed;
 * E2BIG: too many lists, segments or buffers; ENOSPC: no room in the
 * CMB (or PMR) for the copy of a list or segment placed there.
 */
int nvt_udptr_prepare(struct nvt_dev *dev, struct nvt_file *nf, bool admin,
		      u32 *sqe, struct nvt_dptr *d);
void nvt_udptr_release(struct nvt_dev *dev, struct nvt_udptr *u);
void nvt_udptr_free_work(struct work_struct *work);
u32 nvt_udptr_pages(const struct nvt_udptr *u);

/* nvt_worker.c */
struct nvt_worker;
long nvt_ioctl_worker_start(struct nvt_file *nf, void *arg);
void nvt_ioctl_worker_start_finish(struct nvt_file *nf, void *arg,
				   bool answered);
long nvt_ioctl_worker_status(struct nvt_file *nf, void *arg);
long nvt_ioctl_worker_free(struct nvt_file *nf, void *arg);
extern const struct nvt_slot_ops nvt_worker_slot_ops;
void nvt_workers_release(struct nvt_dev *dev, struct nvt_file *nf);
void nvt_workers_detach(struct nvt_dev *dev);

/* nvt_dbbuf.c */
long nvt_ioctl_dbbuf(struct nvt_file *nf, void *arg);
void nvt_dbbuf_free(struct nvt_dev *dev);
bool nvt_dbbuf_ring(struct nvt_queue *q, int which, u32 old, u32 new);
void nvt_dbbuf_queue_init(struct nvt_dev *dev, u16 qid);

/* nvt_cmb.c */
int nvt_cmb_alloc(struct nvt_dev *dev, size_t len, void __iomem **va,
		  dma_addr_t *bus);
void nvt_cmb_free(struct nvt_dev *dev, void __iomem *va, size_t len);
/* @where: NVT_BUF_CMB or NVT_BUF_PMR; *@bus 0: commands cannot reach it */
int nvt_devmem_alloc(struct nvt_dev *dev, u32 where, size_t len,
		     void __iomem **va, dma_addr_t *bus, phys_addr_t *phys);
void nvt_devmem_free(struct nvt_dev *dev, u32 where, void __iomem *va,
		     size_t len);
void nvt_cmb_teardown(struct nvt_dev *dev);
void nvt_devmem_restore(struct nvt_dev *dev);

/* nvt_datacheck.c */
void nvt_datacheck_worker(struct nvt_dev *dev, const u32 *sqe, u8 *data,
		       u32 lba_bytes, u8 *values, struct nvt_datacheck_cmd *dc);
int nvt_datacheck_submit(struct nvt_dev *dev, struct nvt_queue *q,
		      const struct nvt_cmd *cmd, const struct nvt_dptr *d,
		      struct nvt_datacheck_cmd *dc);
void nvt_datacheck_complete(struct nvt_dev *dev, struct nvt_datacheck_cmd *dc, u32 *cqe);
void nvt_datacheck_abandon(struct nvt_datacheck_cmd *dc);
void nvt_datacheck_release(struct nvt_datacheck_cmd *dc);
/*
 * LBA locks: begin (false: overlapping LBAs are in flight), then commit at
 * once, under the same queue lock, when the command is in its slot.
 * Released with the command.
 */
bool nvt_datacheck_lock_begin(struct nvt_datacheck_cmd *dc);
void nvt_datacheck_lock_commit(struct nvt_datacheck_cmd *dc);
long nvt_ioctl_datacheck(struct nvt_file *nf, void *arg);
void nvt_datacheck_teardown(struct nvt_dev *dev);
void nvt_datacheck_free_work(struct work_struct *work);
/* tables kept across a power cycle: moved out of a device, into another */
void nvt_datacheck_park(struct nvt_dev *dev, struct nvt_vtable **vts);
void nvt_datacheck_adopt(struct nvt_dev *dev, struct nvt_vtable **vts);
void nvt_datacheck_drop_parked(struct nvt_vtable **vts);

/* nvt_power.c */
long nvt_ioctl_power(struct nvt_file *nf, void *arg);

/* nvt_pcie.c */
long nvt_ioctl_pcie(struct nvt_file *nf, void *arg);
bool nvt_ioctl_pcie_exclusive(const void *arg);
void nvt_pcie_release_d0(struct nvt_dev *dev);
void nvt_power_park(struct nvt_dev *dev);
int nvt_power_reclaim(struct pci_dev *pdev, struct nvt_vtable **vts);
int nvt_power_init(void);
void nvt_power_exit(void);

/* nvt_queue.c */
struct nvt_queue *nvt_queue_alloc(struct nvt_dev *dev, u16 qid, u32 sq_depth,
				  u32 cq_depth, u16 vector, u32 flags);
void nvt_queue_free(struct nvt_queue *q, bool ctrl_done);
bool nvt_queue_abandon_sync(struct nvt_queue *q, struct nvt_sync *sync);
int nvt_queue_submit(struct nvt_queue *q, struct nvt_file *nf,
		     struct nvt_cmd *cmd, bool ring);
int nvt_queue_arm(struct nvt_queue *q, struct nvt_arm *a);
int nvt_queue_submit_sync(struct nvt_queue *q, const u32 *sqe,
			  struct nvt_sync *sync);
void nvt_queue_poll(struct nvt_queue *q, bool ring_lazy);
void nvt_queue_ring(struct nvt_queue *q);
void nvt_queue_ring_cq_head(struct nvt_queue *q);
int nvt_queue_reap(struct nvt_queue *q, struct nvt_reap *rp,
		   struct nvt_cpl __user *ucpl);
void nvt_queue_reset(struct nvt_queue *q);
bool nvt_queue_cqe_pending(struct nvt_queue *q);

/* nvt_admin.c */
long nvt_ioctl_adminq_setup(struct nvt_file *nf, void *arg);
long nvt_ioctl_submit(struct nvt_file *nf, void *arg);
long nvt_ioctl_reap(struct nvt_file *nf, void *arg);
long nvt_ioctl_timeout(struct nvt_file *nf, void *arg);
struct nvt_queue *nvt_queue_by_id(struct nvt_dev *dev, u32 qid);
int nvt_admin_sync(struct nvt_dev *dev, const u32 *sqe, u32 *status);
int nvt_admin_sync_tmo(struct nvt_dev *dev, const u32 *sqe, u32 timeout_ms,
		       u32 *status);

/* nvt_ioq.c */
long nvt_ioctl_queue_create(struct nvt_file *nf, void *arg);
long nvt_ioctl_queue_delete(struct nvt_file *nf, void *arg);
void nvt_ioqs_abort(struct nvt_dev *dev);
void nvt_ioqs_free(struct nvt_dev *dev);
void nvt_ioqs_poll(struct nvt_dev *dev);

/* nvt_rawq.c */
long nvt_ioctl_rawq(struct nvt_file *nf, void *arg);
bool nvt_ioctl_rawq_exclusive(const void *arg);
bool nvt_rawq_qid_taken(struct nvt_dev *dev, u32 qid);
bool nvt_rawq_any(struct nvt_dev *dev);
void nvt_rawq_release_file(struct nvt_file *nf);
void nvt_rawq_teardown(struct nvt_dev *dev);
void nvt_rawq_life_ends(struct nvt_dev *dev);

/* nvt_cmdlog.c */
int nvt_cmdlog_init(struct nvt_qlog *log, u16 qid);
void nvt_cmdlog_free(struct nvt_qlog *log);
long nvt_ioctl_cmdlog(struct nvt_file *nf, void *arg);

/* nvt_irq.c */
int nvt_irq_setup(struct nvt_dev *dev);
void nvt_irq_teardown(struct nvt_dev *dev);
void nvt_irq_sync(struct nvt_dev *dev);
void nvt_irq_unmask_intx(struct nvt_dev *dev);
void nvt_irq_release_file(struct nvt_dev *dev, struct nvt_file *nf);
long nvt_ioctl_irq(struct nvt_file *nf, void *arg);

/* nvt_sysfs.c */
extern const struct attribute_group *nvt_dev_groups[];
int nvt_sysfs_init(struct nvt_dev *dev);
void nvt_sysfs_exit(struct nvt_dev *dev);
void nvt_sysfs_queue_add(struct nvt_queue *q);
void nvt_sysfs_queue_remove(struct nvt_queue *q);

/*
 * What a handler keeps for its table entry's finish(): a slot behind the
 * argument struct of @size bytes, in the dispatcher's own copy.
 */
static inline void **nvt_ioctl_keep(void *arg, size_t size)
{
	return (void **)((u8 *)arg + size);
}

/* argsz-versioned ioctl argument copying (nvt_chrdev.c) */
int nvt_copy_arg_in(void *karg, size_t ksize, const void __user *uarg);
int nvt_copy_arg_out(void __user *uarg, const void *karg, size_t ksize);

#endif /* _NVT_H */
