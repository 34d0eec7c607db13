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

#define NVT_MAX_DEVICES		64
#define NVT_CLASS_NVME		0x010802
#define NVT_MAX_QUEUE_DEPTH	4096
#define NVT_MAX_VECTORS		129

/* NVMe controller registers (BAR0) the driver itself needs */
#define NVT_REG_CAP		0x00
#define NVT_REG_INTMS		0x0c
#define NVT_REG_INTMC		0x10
#define NVT_REG_CC		0x14
#define NVT_REG_CSTS		0x1c
#define NVT_REG_AQA		0x24
#define NVT_REG_ASQ		0x28
#define NVT_REG_ACQ		0x30
#define NVT_REG_DBS		0x1000

#define NVT_CC_ENABLE		(1u << 0)
#define NVT_CSTS_RDY		(1u << 0)

#define NVT_CAP_TIMEOUT(cap)	(((cap) >> 24) & 0xff)	/* 500 ms units */
#define NVT_CAP_STRIDE(cap)	(((cap) >> 32) & 0xf)
#define NVT_CC_MPS(cc)		(((cc) >> 7) & 0xf)

#define NVT_ADMIN_OPC_DELETE_SQ	0x00
#define NVT_ADMIN_OPC_CREATE_SQ	0x01
#define NVT_ADMIN_OPC_DELETE_CQ	0x04
#define NVT_ADMIN_OPC_CREATE_CQ	0x05
#define NVT_ADMIN_OPC_SET_FEAT	0x09
#define NVT_ADMIN_OPC_AER	0x0c
#define NVT_ADMIN_OPC_DBBUF	0x7c
#define NVT_FEAT_HMB		0x0d

struct nvt_dev;
struct nvt_file;

/* A DMA buffer user space maps and points commands at. */
struct nvt_buf {
	struct kref ref;		/* id table + in-flight commands */
	struct nvt_dev *dev;
	struct nvt_file *owner;		/* NULL once the id is dropped */
	struct list_head node;		/* owner's list, then parked list */
	struct llist_node free_node;	/* on dev->free_list once released */
	u32 id;
	bool dying;			/* being freed: no new mappings */
	size_t len;
	void *cpu;
	dma_addr_t dma;
};

/* One open file of /dev/nvtN. */
struct nvt_file {
	struct nvt_dev *dev;
	struct file *file;
	struct list_head node;		/* dev->files */
	struct list_head bufs;		/* buffers this file allocated */
};

/* The command log of one queue: a ring, newest entry last. */
struct nvt_qlog {
	struct nvt_log_entry *entries;
	u64 *seqs;			/* which submission each entry holds */
	u32 depth;
	u64 next_seq;
};

enum nvt_slot_state {
	NVT_SLOT_FREE,
	NVT_SLOT_BUSY,
	NVT_SLOT_TIMED_OUT,	/* CID held until the real CQE or a reset */
};

#define NVT_MAX_PRP_PAGES	8

/* Data and metadata pointers built for one command (nvt_dptr.c). */
struct nvt_dptr {
	struct nvt_buf *buf;		/* pinned data buffer */
	struct nvt_buf *meta;		/* pinned metadata buffer */
	bool set_dptr;
	u64 dptr[2];			/* PRP1/PRP2 or the SGL descriptor */
	u64 mptr;
	void *pages[NVT_MAX_PRP_PAGES];	/* PRP lists or SGL segments */
	dma_addr_t pages_dma[NVT_MAX_PRP_PAGES];
};

/* A command the driver sends itself and waits for (queue create/delete). */
struct nvt_sync {
	struct completion done;
	u32 cqe[4];
	u32 flags;			/* NVT_CPL_* */
};

/* Verification state of one command (nvt_verify.c). */
struct nvt_vtable;
struct nvt_vcmd {
	struct nvt_vtable *vt;		/* referenced while the command lives */
	bool admin;			/* format/sanitize on the admin queue */
	u8 opc;
	u32 nsid;
	u8 *data;			/* its data in our buffer, or NULL */
	u64 slba;
	u32 nlb;
	u32 cdw, cdw12, cdw13;		/* CDW11, CDW12, CDW13 */
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
#define NVT_VERIFY_MAX_LBAS	(1ull << 36)

/* What the driver remembers of one outstanding command (indexed by CID). */
struct nvt_slot {
	enum nvt_slot_state state;
	bool aer;
	u32 sqe[16];
	u64 tag;
	u64 submit_ns;
	u64 deadline_ns;		/* 0: never times out */
	u64 log_seq;
	bool internal;			/* the driver's own: never reaped */
	struct nvt_sync *sync;		/* its waiter, until it completes */
	struct nvt_dptr dptr;		/* buffers pinned while DMA may happen */
	struct nvt_vcmd vc;
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
	u8 cq_phase;
	u32 outstanding;
	u32 next_cid;
	bool orphaned;			/* gone from the controller (reset) */
	u32 aer_pending;		/* AERs waiting for room to re-arm */
	bool aer_rearmed;		/* the tail moved for a re-armed AER */
	struct nvt_slot *slots;		/* sq_depth entries */

	struct nvt_worker *worker;	/* drives this queue, or NULL */

	/* completions waiting to be reaped */
	struct nvt_cpl *fifo;
	u32 fifo_size;
	u32 fifo_head;
	u32 fifo_count;
	wait_queue_head_t wait;

	u64 submitted;
	u64 completed;
	struct nvt_qlog log;

	/* /sys/class/nvt/nvtN/queues/sqN and cqN */
	struct kobject *sq_kobj;
	struct kobject *cq_kobj;
};

struct nvt_vector {
	struct nvt_dev *dev;
	int irq;
	u16 index;
	atomic64_t count;
	wait_queue_head_t wait;
	char name[24];
};

struct nvt_dev {
	struct kref ref;
	struct pci_dev *pdev;
	int minor;
	struct cdev *cdev;
	struct device *device;		/* /sys/class/nvt/nvtN */

	/* Readers: every ioctl/mmap.  Writer: removal. */
	struct rw_semaphore lock;
	bool dead;
	bool exclusive_waiting;		/* an ioctl waits for the write lock */
	bool power_cut;			/* its power is about to go (nvt_power.c) */

	void __iomem *bar[PCI_STD_NUM_BARS];
	resource_size_t bar_len[PCI_STD_NUM_BARS];
	u64 cap;
	u32 db_stride;			/* bytes between doorbells */
	u32 page_size;			/* host page size from CC.MPS */

	/* controller state as seen through our own register writes */
	struct mutex ctrl_lock;
	bool ctrl_enabled;
	bool adminq_raw;		/* AQA/ASQ/ACQ written by user space */
	bool raw_dma;			/* DMA targets we cannot track exist */
	struct nvt_queue *adminq;
	struct xarray ioqs;		/* qid -> struct nvt_queue */
	struct kobject *queues_kobj;	/* /sys/class/nvt/nvtN/queues */
	u32 timeout_ms[2][256];		/* [admin, io][opcode] */

	/* buffers */
	struct mutex buf_lock;
	struct xarray bufs;		/* id -> struct nvt_buf */
	u32 next_buf_id;
	struct list_head parked;	/* freed while DMA may still hit them */
	struct llist_head free_list;	/* released, waiting for free_work */
	struct work_struct free_work;
	struct delayed_work quiesce_work;
	unsigned long quiesce_deadline;	/* jiffies */
	bool bufs_torn_down;		/* DMA memory is gone (removal) */
	struct dma_pool *prp_pool;

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

	/* the Controller Memory Buffer, for SQ rings (nvt_cmb.c) */
	struct mutex cmb_lock;
	void __iomem *cmb;
	dma_addr_t cmb_bus;
	unsigned long *cmb_map;		/* 4 KiB pages in use */
	unsigned int cmb_pages;

	/* per-LBA verification tables, by namespace */
	spinlock_t vt_lock;
	struct nvt_vtable *vt[NVT_MAX_VTABLES];
	struct llist_head vt_free;	/* released, waiting for vt_free_work */
	struct work_struct vt_free_work;

	/* interrupts */
	u8 irq_type;			/* NVT_IRQ_* */
	u16 nr_vectors;
	struct nvt_vector *vectors;
};

/* nvt_main.c */
void nvt_dev_get(struct nvt_dev *dev);
void nvt_dev_put(struct nvt_dev *dev);
struct nvt_dev *nvt_dev_lookup(int minor);
u64 nvt_ns_to_us(u64 ns);

/* nvt_chrdev.c */
extern const struct file_operations nvt_fops;

/* nvt_regs.c */
int nvt_ioctl_info(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_read(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_write(struct nvt_dev *dev, void __user *uarg);
int nvt_ctrl_disable(struct nvt_dev *dev, bool wait);
void nvt_ctrl_disabled(struct nvt_dev *dev);
void nvt_ctrl_lost_power(struct nvt_dev *dev);
bool nvt_ctrl_ready_cleared(struct nvt_dev *dev);

/* nvt_buf.c */
int nvt_ioctl_buf_alloc(struct nvt_file *nf, void __user *uarg);
int nvt_ioctl_buf_free(struct nvt_file *nf, void __user *uarg);
int nvt_buf_mmap(struct nvt_file *nf, struct vm_area_struct *vma);
struct nvt_buf *nvt_buf_get(struct nvt_dev *dev, u32 id);
void nvt_buf_put(struct nvt_buf *buf);
void nvt_buf_release_file(struct nvt_file *nf);
void nvt_buf_free_parked(struct nvt_dev *dev);
void nvt_buf_teardown(struct nvt_dev *dev);
void nvt_quiesce_work(struct work_struct *work);
void nvt_buf_free_work(struct work_struct *work);

/* nvt_dptr.c */
int nvt_dptr_prepare(struct nvt_dev *dev, struct nvt_cmd *cmd,
		     struct nvt_dptr *d);
void nvt_dptr_apply(const struct nvt_dptr *d, u32 *sqe);
void nvt_dptr_release(struct nvt_dev *dev, struct nvt_dptr *d);

/* nvt_worker.c */
struct nvt_worker;
int nvt_ioctl_worker_start(struct nvt_file *nf, void __user *uarg);
int nvt_ioctl_worker_status(struct nvt_file *nf, void __user *uarg);
int nvt_ioctl_worker_free(struct nvt_file *nf, void __user *uarg);
void nvt_worker_complete(struct nvt_worker *w, const u32 *cqe, u64 tag,
			 u64 latency_ns, bool lost, u64 now_ns);
void nvt_workers_release(struct nvt_dev *dev, struct nvt_file *nf);
void nvt_workers_detach(struct nvt_dev *dev);

/* nvt_dbbuf.c */
int nvt_ioctl_dbbuf(struct nvt_dev *dev, void __user *uarg);
void nvt_dbbuf_free(struct nvt_dev *dev);
bool nvt_dbbuf_ring(struct nvt_queue *q, int which, u32 old, u32 new);
void nvt_dbbuf_queue_init(struct nvt_dev *dev, u16 qid);

/* nvt_cmb.c */
int nvt_cmb_alloc(struct nvt_dev *dev, size_t len, void __iomem **va,
		  dma_addr_t *bus);
void nvt_cmb_free(struct nvt_dev *dev, void __iomem *va, size_t len);
void nvt_cmb_teardown(struct nvt_dev *dev);

/* nvt_verify.c */
void nvt_verify_worker(struct nvt_dev *dev, const u32 *sqe, u8 *data,
		       u8 *values, struct nvt_vcmd *vc);
int nvt_verify_submit(struct nvt_dev *dev, struct nvt_queue *q,
		      const struct nvt_cmd *cmd, const struct nvt_dptr *d,
		      struct nvt_vcmd *vc);
void nvt_verify_complete(struct nvt_dev *dev, struct nvt_vcmd *vc, u32 *cqe);
void nvt_verify_abandon(struct nvt_vcmd *vc);
void nvt_verify_release(struct nvt_vcmd *vc);
/*
 * LBA locks: begin (false: overlapping LBAs are in flight), then commit at
 * once, under the same queue lock, when the command is in its slot.
 * Released with the command.
 */
bool nvt_verify_lock_begin(struct nvt_vcmd *vc);
bool nvt_verify_active(struct nvt_dev *dev, u32 nsid);
void nvt_verify_lock_commit(struct nvt_vcmd *vc);
int nvt_ioctl_verify(struct nvt_dev *dev, void __user *uarg);
void nvt_verify_teardown(struct nvt_dev *dev);
void nvt_verify_free_work(struct work_struct *work);
/* tables kept across a power cycle: moved out of a device, into another */
void nvt_verify_park(struct nvt_dev *dev, struct nvt_vtable **vts);
void nvt_verify_adopt(struct nvt_dev *dev, struct nvt_vtable **vts);
void nvt_verify_drop_parked(struct nvt_vtable **vts);

/* nvt_power.c */
int nvt_ioctl_power(struct nvt_dev *dev, void __user *uarg);
void nvt_power_park(struct nvt_dev *dev);
int nvt_power_reclaim(struct pci_dev *pdev, struct nvt_vtable **vts);
int nvt_power_init(void);
void nvt_power_exit(void);

/* nvt_queue.c */
struct nvt_queue *nvt_queue_alloc(struct nvt_dev *dev, u16 qid, u32 sq_depth,
				  u32 cq_depth, u16 vector, u32 flags);
void nvt_queue_free(struct nvt_queue *q);
int nvt_queue_submit(struct nvt_queue *q, struct nvt_cmd *cmd, bool ring);
int nvt_queue_submit_worker(struct nvt_queue *q, const u32 *sqe, u64 tag,
			    struct nvt_vcmd *vc);
int nvt_queue_submit_sync(struct nvt_queue *q, const u32 *sqe,
			  struct nvt_sync *sync);
void nvt_queue_poll(struct nvt_queue *q, bool ring_lazy);
void nvt_queue_ring(struct nvt_queue *q);
int nvt_queue_reap(struct nvt_queue *q, struct nvt_reap *rp,
		   struct nvt_cpl __user *ucpl);
void nvt_queue_reset(struct nvt_queue *q);
bool nvt_queue_cqe_pending(struct nvt_queue *q);

/* nvt_admin.c */
int nvt_ioctl_adminq_setup(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_submit(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_reap(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_timeout(struct nvt_dev *dev, void __user *uarg);
struct nvt_queue *nvt_queue_by_id(struct nvt_dev *dev, u32 qid);
int nvt_admin_sync(struct nvt_dev *dev, const u32 *sqe, u32 *status);

/* nvt_ioq.c */
int nvt_ioctl_queue_create(struct nvt_dev *dev, void __user *uarg);
int nvt_ioctl_queue_delete(struct nvt_dev *dev, void __user *uarg);
void nvt_ioqs_orphan(struct nvt_dev *dev);
void nvt_ioqs_free(struct nvt_dev *dev);
bool nvt_ioqs_cqe_pending(struct nvt_dev *dev, u16 vector);
void nvt_ioqs_poll(struct nvt_dev *dev);

/* nvt_cmdlog.c */
int nvt_cmdlog_init(struct nvt_qlog *log, u16 qid);
void nvt_cmdlog_free(struct nvt_qlog *log);
u64 nvt_cmdlog_submit(struct nvt_qlog *log, const u32 *sqe, u64 now_ns);
void nvt_cmdlog_complete(struct nvt_qlog *log, u64 seq, const u32 *cqe,
			 u32 cpl_flags, u64 now_ns);
int nvt_ioctl_cmdlog(struct nvt_dev *dev, void __user *uarg);

/* nvt_irq.c */
int nvt_irq_setup(struct nvt_dev *dev);
void nvt_irq_teardown(struct nvt_dev *dev);
void nvt_irq_sync(struct nvt_dev *dev);
void nvt_irq_unmask_intx(struct nvt_dev *dev);
int nvt_ioctl_irq(struct nvt_dev *dev, void __user *uarg);

/* nvt_sysfs.c */
extern const struct attribute_group *nvt_dev_groups[];
int nvt_sysfs_init(struct nvt_dev *dev);
void nvt_sysfs_exit(struct nvt_dev *dev);
void nvt_sysfs_queue_add(struct nvt_queue *q);
void nvt_sysfs_queue_remove(struct nvt_queue *q);

/* argsz-versioned ioctl argument copying (nvt_chrdev.c) */
int nvt_copy_arg_in(void *karg, size_t ksize, const void __user *uarg);
int nvt_copy_arg_out(void __user *uarg, const void *karg, size_t ksize);

#endif /* _NVT_H */
