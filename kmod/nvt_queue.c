// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: a submission/completion queue pair whose rings the driver owns.
 *
 * User space hands in whole SQEs; the driver only assigns the CID, builds
 * the data pointer when asked to, remembers what it needs per CID, and
 * turns completions, timeouts and resets into struct nvt_cpl records that
 * user space reaps.  Completions are only ever processed in the context of
 * a reap (polling): interrupts only wake a sleeping reaper.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvt.h"
#include "nvt_ring.h"

#define NVT_REAP_CHUNK		8

static const struct nvt_slot_ops nvt_user_ops;
static void nvt_fifo_push(struct nvt_queue *q, const u32 *cqe,
			  struct nvt_slot *s, u32 flags);

static void nvt_queue_free_mem(struct nvt_parked_mem *pm)
{
	struct nvt_queue *q = container_of(pm, struct nvt_queue, park);
	struct device *dmadev = &q->dev->pdev->dev;

	if (q->sq)
		dma_free_coherent(dmadev, q->sq_depth * 64, q->sq, q->sq_dma);
	if (q->sq_cmb)
		nvt_cmb_free(q->dev, q->sq_cmb, q->sq_depth * 64);
	if (q->cq)
		dma_free_coherent(dmadev, q->cq_depth * 16, q->cq, q->cq_dma);
	kvfree(q->slots);
	kvfree(q->fifo);
	nvt_cmdlog_free(&q->log);
	kfree(q);
}

struct nvt_queue *nvt_queue_alloc(struct nvt_dev *dev, u16 qid, u32 sq_depth,
				  u32 cq_depth, u16 vector, u32 flags)
{
	struct device *dmadev = &dev->pdev->dev;
	u32 sq_db = NVT_REG_DBS + 2 * qid * dev->db_stride;
	struct nvt_queue *q;

	if (sq_db + 2 * dev->db_stride > dev->bar_len[0])
		return ERR_PTR(-EINVAL);

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->dev = dev;
	q->qid = qid;
	q->vector = vector;
	q->sq_depth = sq_depth;
	q->cq_depth = cq_depth;
	q->flags = flags;
	q->cq_phase = 1;
	spin_lock_init(&q->lock);
	init_waitqueue_head(&q->wait);
	q->sq_db = dev->bar[0] + sq_db;
	q->cq_db = dev->bar[0] + sq_db + dev->db_stride;

	if (flags & NVT_Q_SQ_CMB) {
		int ret = nvt_cmb_alloc(dev, sq_depth * 64, &q->sq_cmb,
					&q->sq_dma);

		if (ret) {
			kfree(q);
			return ERR_PTR(ret);
		}
	} else {
		q->sq = dma_alloc_coherent(dmadev, sq_depth * 64, &q->sq_dma,
					   GFP_KERNEL | __GFP_NOWARN);
	}
	q->cq = dma_alloc_coherent(dmadev, cq_depth * 16, &q->cq_dma,
				   GFP_KERNEL | __GFP_NOWARN);
	q->slots = kvcalloc(sq_depth, sizeof(*q->slots), GFP_KERNEL);
	q->fifo_size = sq_depth + cq_depth;
	q->fifo = kvcalloc(q->fifo_size, sizeof(*q->fifo), GFP_KERNEL);
	if ((!q->sq && !q->sq_cmb) || !q->cq || !q->slots || !q->fifo ||
	    nvt_cmdlog_init(&q->log, qid)) {
		nvt_queue_free_mem(&q->park);
		return ERR_PTR(-ENOMEM);
	}
	q->life = READ_ONCE(dev->life);
	return q;
}

/*
 * Free a queue no one uses any more.  @ctrl_done: the controller said it
 * let go of the rings (deleted, refused, or never told of them); else they
 * are kept until it provably cannot reach them.
 */
void nvt_queue_free(struct nvt_queue *q, bool ctrl_done)
{
	q->park.free = nvt_queue_free_mem;
	nvt_park(q->dev, &q->park, ctrl_done);
}

/* Commands that make the controller DMA to addresses the driver did not build. */
static bool nvt_cmd_is_raw_dma(struct nvt_queue *q, const struct nvt_cmd *cmd)
{
	u8 opc = cmd->sqe[0] & 0xff;

	/* checked, or raw DMA taken, by nvt_udptr_prepare() */
	if (cmd->flags & NVT_CMD_DPTR_USER)
		return false;
	if (!(cmd->flags & NVT_CMD_DPTR_BUF) && (cmd->sqe[6] || cmd->sqe[7]))
		return true;
	if (!(cmd->flags & NVT_CMD_MPTR_BUF) && (cmd->sqe[4] || cmd->sqe[5]))
		return true;
	if (q->qid != NVT_ADMIN_QID)
		return false;
	return opc == NVT_ADMIN_CREATE_SQ ||
	       opc == NVT_ADMIN_CREATE_CQ || opc == NVT_ADMIN_DBBUF_CONFIG ||
	       (opc == NVT_ADMIN_SET_FEATURES &&
		(cmd->sqe[10] & 0xff) == NVT_FEAT_HOST_MEM_BUF);
}

/* A free slot: @want (-1: the next free one after the last taken). */
static int nvt_queue_find_cid(struct nvt_queue *q, int want)
{
	u32 i, cid;

	if (want >= 0) {
		if (want >= q->sq_depth)
			return -EINVAL;
		return q->slots[want].state == NVT_SLOT_FREE ? want : -EBUSY;
	}
	/* next_cid < sq_depth: the ring wraps without a division */
	for (i = 0, cid = q->next_cid; i < q->sq_depth; i++) {
		if (cid >= q->sq_depth)
			cid = 0;
		if (q->slots[cid].state == NVT_SLOT_FREE) {
			q->next_cid = nvt_ring_next(cid, q->sq_depth);
			return cid;
		}
		cid++;
	}
	return -EAGAIN;
}

static bool nvt_queue_sq_full(struct nvt_queue *q)
{
	return nvt_ring_full(q->sq_tail, q->sq_head, q->sq_depth);
}

/* Copy an SQE into the ring at the tail; the doorbell is rung later. */
static void nvt_queue_place(struct nvt_queue *q, u32 cid, struct nvt_slot *s)
{
	int i;

	s->sqe[0] = (s->sqe[0] & 0xffff) | (cid << NVT_SQE_CID_SHIFT);
	if (q->sq_cmb) {
		/* controller memory takes narrow MMIO writes only */
		for (i = 0; i < 16; i++)
			writel(s->sqe[i], q->sq_cmb + q->sq_tail * 64 + i * 4);
	} else {
		__le32 *entry = q->sq + q->sq_tail * 16;

		for (i = 0; i < 16; i++)
			entry[i] = cpu_to_le32(s->sqe[i]);
	}
	q->sq_tail = nvt_ring_next(q->sq_tail, q->sq_depth);
	s->submit_ns = q->now_ns;
	s->log_seq = nvt_cmdlog_submit(&q->log, s->sqe, q->now_ns);
	q->submitted++;
}

/*
 * For tests of the driver itself: leave the admin SQ doorbell unrung this
 * many times, so that commands time out and run later, with the next ring.
 */
static unsigned int fault_skip_admin_doorbell;
module_param(fault_skip_admin_doorbell, uint, 0644);
MODULE_PARM_DESC(fault_skip_admin_doorbell,
		 "testing: do not ring the admin SQ doorbell the next N times");

static bool nvt_queue_fault_skip(struct nvt_queue *q)
{
	unsigned int n;

	if (q->qid != NVT_ADMIN_QID)
		return false;
	n = READ_ONCE(fault_skip_admin_doorbell);
	if (!n)
		return false;
	WRITE_ONCE(fault_skip_admin_doorbell, n - 1);
	return true;
}

/* The SQ tail doorbell, through the shadow page when that is on. */
static void nvt_queue_ring_sq(struct nvt_queue *q)
{
	/* a reset is coming (reset_quiet_ms): these entries end with it */
	if (READ_ONCE(q->dev->sq_doorbells_held))
		return;
	if (!nvt_queue_fault_skip(q) &&
	    nvt_dbbuf_ring(q, 0, q->sq_tail_rung, q->sq_tail)) {
		writel(q->sq_tail, q->sq_db);
		q->sq_db_writes++;
	}
	q->sq_tail_rung = q->sq_tail;
}

/* The CQ head doorbell, when it moved since it was last written. */
static void nvt_queue_ring_cq(struct nvt_queue *q)
{
	if (q->cq_head == q->cq_head_rung)
		return;
	if (nvt_dbbuf_ring(q, 1, q->cq_head_rung, q->cq_head)) {
		writel(q->cq_head, q->cq_db);
		q->cq_db_writes++;
	}
	q->cq_head_rung = q->cq_head;
}

/*
 * A worker's queue writes its CQ head doorbell only when the controller
 * needs the room: the entries consumed but not yet reported, and one
 * entry for every command out (the controller may post them all), must
 * fit the CQ with one entry kept empty.  Consuming a CQE frees a command,
 * so mostly only new commands can break that: checked before each SQ
 * doorbell, and after each pass of completions for a CQE that freed none
 * (a stray or duplicate CID of a faulty controller).  A CQ twice as deep as the worker's queue depth (libnvt makes it so) is
 * rung once per queue depth of completions, not once per pass.
 */
static bool nvt_queue_cq_room_needed(struct nvt_queue *q)
{
	return nvt_ring_dist(q->cq_head_rung, q->cq_head, q->cq_depth) +
	       q->outstanding > q->cq_depth - 1;
}

void nvt_queue_ring(struct nvt_queue *q)
{
	spin_lock(&q->lock);
	if (nvt_queue_cq_room_needed(q))
		nvt_queue_ring_cq(q);
	if (q->sq_tail != q->sq_tail_rung)
		nvt_queue_ring_sq(q);
	spin_unlock(&q->lock);
}

/*
 * The CQ head doorbell up to date (a worker's queue, when it ends); not
 * for a queue the controller no longer has.
 */
void nvt_queue_ring_cq_head(struct nvt_queue *q)
{
	spin_lock(&q->lock);
	if (nvt_ctrl_enabled(q->dev) && !nvt_queue_orphaned(q))
		nvt_queue_ring_cq(q);
	spin_unlock(&q->lock);
}

/*
 * NVT_CMD_DUP_CID onto @cid, which is taken: the oldest command of the
 * CID, if it may have company.  Not an AER (re-armed with its CID), not
 * the driver's own commands (their waiter must get their own answer).
 */
static struct nvt_slot *nvt_queue_dup_head(struct nvt_queue *q, u32 cid)
{
	struct nvt_slot *head = &q->slots[cid];

	if (head->aer || head->ops != &nvt_user_ops ||
	    q->nr_dups >= q->sq_depth) {
		dev_info_ratelimited(&q->dev->pdev->dev,
				     "qid %u cid %u: no duplicate (%s)\n", q->qid,
				     cid, head->aer ? "an AER holds it" :
				     head->ops != &nvt_user_ops ?
				     "the driver's own command holds it" :
				     "as many duplicates as the queue is deep");
		return NULL;
	}
	return head;
}

/*
 * Put a command into a free slot and at the ring's tail (q->lock held,
 * q->now_ns read): the one path of every submitter.  The slot takes over
 * @a->dptr and @a->dc.  Returns the CID, or -ENOTCONN (not enabled),
 * -EBADFD (orphaned), -EAGAIN (ring or slots full), -EBUSY (an LBA lock;
 * or the CID asked for is taken), -EINVAL (no such CID).
 */
int nvt_queue_arm(struct nvt_queue *q, struct nvt_arm *a)
{
	struct nvt_dev *dev = q->dev;
	u32 kind = q->qid != NVT_ADMIN_QID;	/* timeout table */
	u8 opc = a->sqe[0] & 0xff;
	struct nvt_slot *s, *head = NULL;
	u32 tmo;
	int cid;

	lockdep_assert_held(&q->lock);
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	if (kind && nvt_queue_orphaned(q))
		return -EBADFD;	/* the controller was reset under it */
	if (nvt_queue_sq_full(q))
		return -EAGAIN;
	cid = nvt_queue_find_cid(q, a->cid);
	if (cid == -EBUSY && a->dup_slot) {
		head = nvt_queue_dup_head(q, a->cid);
		if (head)
			cid = a->cid;
	}
	if (cid < 0)
		return cid;
	/* overlapping I/O in flight: this one waits its turn */
	if (a->dc && !nvt_datacheck_lock_begin(a->dc))
		return -EBUSY;

	if (unlikely(head)) {
		/* the newest at the end: completions go oldest first */
		s = a->dup_slot;
		a->dup_slot = NULL;
		memset(s, 0, sizeof(*s));
		while (head->dup)
			head = head->dup;
		head->dup = s;
		q->slots[cid].dup_cid = true;
		s->dup_cid = true;
		q->nr_dups++;
	} else {
		s = &q->slots[cid];
	}
	memcpy(s->sqe, a->sqe, sizeof(s->sqe));
	memset(&s->dptr, 0, sizeof(s->dptr));
	memset(&s->dc, 0, sizeof(s->dc));
	if (a->dptr) {
		nvt_dptr_apply(a->dptr, s->sqe);
		s->dptr = *a->dptr;
		memset(a->dptr, 0, sizeof(*a->dptr));
	}
	if (a->dc) {
		s->dc = *a->dc;
		nvt_datacheck_lock_commit(&s->dc);
		memset(a->dc, 0, sizeof(*a->dc));
	}
	s->ops = a->ops;
	s->owner = a->owner;
	s->tag = a->tag;
	s->aer = !kind && opc == NVT_ADMIN_ASYNC_EVENT && a->ops == &nvt_user_ops;
	s->state = NVT_SLOT_BUSY;
	nvt_queue_place(q, cid, s);
	tmo = a->timeout_ms ?: READ_ONCE(dev->timeout_ms[kind][opc]);
	s->deadline_ns = s->aer ? 0 : s->submit_ns + (u64)tmo * NSEC_PER_MSEC;
	q->outstanding++;
	return cid;
}

int nvt_queue_submit(struct nvt_queue *q, struct nvt_file *nf,
		     struct nvt_cmd *cmd, bool ring)
{
	struct nvt_dev *dev = q->dev;
	struct nvt_arm a = {
		.sqe = cmd->sqe, .ops = &nvt_user_ops, .tag = cmd->tag,
		.timeout_ms = cmd->timeout_ms, .cid = -1,
	};
	struct nvt_dptr d;
	struct nvt_datacheck_cmd dc;
	int ret;

	if (cmd->flags & ~(NVT_CMD_DPTR_BUF | NVT_CMD_KEEP_CID |
			   NVT_CMD_DPTR_SGL | NVT_CMD_MPTR_BUF |
			   NVT_CMD_DUP_CID | NVT_CMD_DPTR_USER))
		return -EINVAL;
	if ((cmd->flags & NVT_CMD_DUP_CID) && !(cmd->flags & NVT_CMD_KEEP_CID)) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "submit: NVT_CMD_DUP_CID without NVT_CMD_KEEP_CID\n");
		return -EINVAL;
	}
	if (cmd->timeout_ms > 3600 * 1000)
		return -EINVAL;
	if (cmd->flags & NVT_CMD_KEEP_CID)
		a.cid = cmd->sqe[0] >> NVT_SQE_CID_SHIFT;
	ret = nvt_dptr_prepare(dev, nf, q->qid == NVT_ADMIN_QID, cmd, &d);
	if (ret)
		return ret;
	ret = nvt_datacheck_submit(dev, q, cmd, &d, &dc);
	if (ret) {
		nvt_dptr_release(dev, &d);
		return ret;
	}
	if (nvt_cmd_is_raw_dma(q, cmd)) {
		ret = nvt_raw_dma_use(dev);
		if (ret)
			goto release;
	}
	if (cmd->flags & NVT_CMD_DUP_CID) {
		a.dup_slot = kzalloc(sizeof(*a.dup_slot), GFP_KERNEL);
		if (!a.dup_slot) {
			ret = -ENOMEM;
			goto release;
		}
	}
	a.dptr = &d;
	a.dc = &dc;

	spin_lock(&q->lock);
	if (q->worker) {
		ret = -EBUSY;	/* a worker took it since the lookup */
	} else {
		q->now_ns = ktime_get_ns();
		ret = nvt_queue_arm(q, &a);
	}
	if (ret >= 0) {
		cmd->cid = ret;
		if (ring && !(q->flags & NVT_Q_LAZY_DOORBELL))
			nvt_queue_ring_sq(q);
		ret = 0;
	}
	spin_unlock(&q->lock);
release:
	kfree(a.dup_slot);	/* not needed: the CID was free */
	nvt_dptr_release(dev, &d);
	nvt_datacheck_release(&dc);
	return ret;
}

/* Hand the driver's own command its end and wake its waiter. */
static void nvt_sync_end(struct nvt_queue *q, struct nvt_slot *s,
			 const u32 *cqe, u32 flags)
{
	struct nvt_sync *sync = s->owner;

	/* gone (the waiter gave up), or answered already (a late CQE) */
	if (!sync || (flags & NVT_CPL_LATE))
		return;
	s->owner = NULL;
	memcpy(sync->cqe, cqe, sizeof(sync->cqe));
	sync->flags = flags;
	complete(&sync->done);
}

static const struct nvt_slot_ops nvt_sync_ops = { .end = nvt_sync_end };

/*
 * Send a command of the driver's own (no data buffer) and ring at once.
 * @sync completes when the command does, times out or is aborted, so the
 * caller always gets an answer within the opcode's timeout.
 */
int nvt_queue_submit_sync(struct nvt_queue *q, const u32 *sqe,
			  struct nvt_sync *sync)
{
	struct nvt_arm a = {
		.sqe = sqe, .ops = &nvt_sync_ops, .owner = sync, .cid = -1,
		.timeout_ms = sync->timeout_ms,
	};
	int ret;

	init_completion(&sync->done);
	spin_lock(&q->lock);
	q->now_ns = ktime_get_ns();
	ret = nvt_queue_arm(q, &a);
	if (ret >= 0) {
		nvt_queue_ring_sq(q);
		ret = 0;
	}
	spin_unlock(&q->lock);
	return ret;
}

/*
 * The waiter of @sync gives up (the device is gone): its slot forgets it
 * and ends with the queue.  False if it completed meanwhile.
 */
bool nvt_queue_abandon_sync(struct nvt_queue *q, struct nvt_sync *sync)
{
	bool found = false;
	u32 cid;

	spin_lock(&q->lock);
	for (cid = 0; cid < q->sq_depth; cid++) {
		struct nvt_slot *s = &q->slots[cid];

		if (s->state != NVT_SLOT_FREE && s->ops == &nvt_sync_ops &&
		    s->owner == sync) {
			s->owner = NULL;
			found = true;
		}
	}
	spin_unlock(&q->lock);
	return found;
}

/* The command ended for whoever sent it. */
static void nvt_slot_end(struct nvt_queue *q, struct nvt_slot *s,
			 const u32 *cqe, u32 flags)
{
	u64 lat = q->now_ns - s->submit_ns;

	s->ops->end(q, s, cqe, flags);
	q->completed++;
	q->lat_sum_ns += lat;
	if (lat > q->lat_max_ns)
		q->lat_max_ns = lat;
}

/* A timeout, or the completion that came after one (q->lock held). */
static void nvt_slot_event(struct nvt_queue *q, struct nvt_slot *s, u32 cid,
			   enum nvt_genl_event type, u16 status)
{
	struct nvt_event ev = {
		.type = type, .qid = q->qid, .cid = cid,
		.opcode = s->sqe[0] & 0xff, .status = status,
	};

	nvt_event(q->dev, &ev);
}

static void nvt_slot_free(struct nvt_queue *q, struct nvt_slot *s)
{
	nvt_dptr_release(q->dev, &s->dptr);
	nvt_datacheck_release(&s->dc);
	s->ops = NULL;
	s->owner = NULL;
	s->dup = NULL;
	s->dup_cid = false;
	s->state = NVT_SLOT_FREE;
	q->outstanding--;
}

/* Every command of @head's CID has ended: let them all go. */
static void nvt_slot_free_group(struct nvt_queue *q, struct nvt_slot *head)
{
	struct nvt_slot *p = head->dup, *next;

	for (; p; p = next) {
		next = p->dup;
		nvt_slot_free(q, p);
		kfree(p);
		q->nr_dups--;
	}
	nvt_slot_free(q, head);
}

static u32 nvt_slot_dup_flag(const struct nvt_slot *s)
{
	return s->dup_cid ? NVT_CPL_DUP_CID : 0;
}

static void nvt_fifo_push(struct nvt_queue *q, const u32 *cqe,
			  struct nvt_slot *s, u32 flags)
{
	struct nvt_cpl *c;

	if (q->fifo_count == q->fifo_size) {
		/* never reaped: the oldest record makes room */
		q->fifo_head = (q->fifo_head + 1) % q->fifo_size;
		q->fifo_count--;
		q->fifo_dropped++;
		dev_warn_ratelimited(&q->dev->pdev->dev,
				     "qid %u: completions not reaped, oldest dropped\n",
				     q->qid);
	}
	c = &q->fifo[(q->fifo_head + q->fifo_count) % q->fifo_size];
	memcpy(c->cqe, cqe, sizeof(c->cqe));
	c->flags = flags;
	c->complete_ns = q->now_ns;
	c->tag = s ? s->tag : 0;
	c->submit_ns = s ? s->submit_ns : 0;
	c->latency_us = s ? nvt_nsec_to_usec(c->complete_ns - s->submit_ns) : 0;
	c->check_lba = 0;
	c->check_expected = 0;
	c->check_actual = 0;
	if (s && s->dc.failed) {
		c->flags |= NVT_CPL_DATACHECK;
		c->check_lba = s->dc.bad_lba;
		c->check_expected = s->dc.expected;
		c->check_actual = s->dc.actual;
	}
	q->fifo_count++;
}

/* User space's command: its record waits in the fifo for a reap. */
static void nvt_user_end(struct nvt_queue *q, struct nvt_slot *s,
			 const u32 *cqe, u32 flags)
{
	nvt_fifo_push(q, cqe, s, flags);
}

static const struct nvt_slot_ops nvt_user_ops = { .end = nvt_user_end };

static void nvt_make_cqe(struct nvt_queue *q, u32 cid, u16 status, u32 *cqe)
{
	cqe[0] = 0;
	cqe[1] = 0;
	cqe[2] = q->sq_head | ((u32)q->qid << 16);
	cqe[3] = cid | ((u32)status << NVT_CQE_STATUS_SHIFT);
}

/* Put an AER back to work: same SQE, same CID, at the tail. */
static void nvt_queue_rearm_aers(struct nvt_queue *q)
{
	u32 cid;

	for (cid = 0; cid < q->sq_depth && q->aer_pending; cid++) {
		struct nvt_slot *s = &q->slots[cid];

		if (s->state != NVT_SLOT_BUSY || !s->aer || s->submit_ns)
			continue;
		if (nvt_queue_sq_full(q))
			return;
		nvt_queue_place(q, cid, s);
		q->aer_pending--;
		q->aer_rearmed = true;
	}
}

/*
 * A CQE for a CID that more than one command holds: the oldest still
 * waiting takes it.  Which command the controller answered cannot be
 * known, so nothing is verified (as for a command that timed out), and
 * all of them are held until the last has ended.
 */
static void nvt_queue_complete_dup(struct nvt_queue *q, struct nvt_slot *head,
				   const u32 *cqe)
{
	struct nvt_slot *s, *p;
	u32 flags = NVT_CPL_DUP_CID;

	for (s = head; s && s->state == NVT_SLOT_ENDED; s = s->dup)
		;
	if (WARN_ON_ONCE(!s))
		return;
	if (s->state == NVT_SLOT_TIMED_OUT) {
		flags |= NVT_CPL_LATE;
		nvt_slot_event(q, s, nvt_cqe_cid(cqe), NVT_EV_LATE,
			       nvt_cqe_status(cqe));
	} else {
		nvt_datacheck_abandon(&s->dc);
	}
	nvt_cmdlog_complete(&q->log, s->log_seq, cqe, flags, q->now_ns);
	nvt_slot_end(q, s, cqe, flags);
	s->state = NVT_SLOT_ENDED;
	for (p = head; p; p = p->dup)
		if (p->state != NVT_SLOT_ENDED)
			return;
	nvt_slot_free_group(q, head);
}

static void nvt_queue_complete(struct nvt_queue *q, const u32 *cqe)
{
	struct nvt_dev *dev = q->dev;
	u32 cid = nvt_cqe_cid(cqe);
	u16 status = nvt_cqe_status(cqe);
	struct nvt_slot *s = cid < q->sq_depth ? &q->slots[cid] : NULL;
	u32 c[4];

	if (!s || s->state == NVT_SLOT_FREE) {
		q->completed++;
		dev_warn_ratelimited(&dev->pdev->dev,
				     "qid %u: completion for unknown cid %u\n",
				     q->qid, cid);
		nvt_fifo_push(q, cqe, NULL, NVT_CPL_UNKNOWN_CID);
		return;
	}
	if (unlikely(s->dup)) {
		nvt_queue_complete_dup(q, s, cqe);
		return;
	}

	if (s->state == NVT_SLOT_TIMED_OUT) {
		nvt_slot_event(q, s, cid, NVT_EV_LATE, status);
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, NVT_CPL_LATE,
				    q->now_ns);
		nvt_slot_end(q, s, cqe, NVT_CPL_LATE);
		nvt_slot_free(q, s);
		return;
	}

	if (s->aer && !status) {
		struct nvt_event ev = { .type = NVT_EV_AER, .dw0 = cqe[0] };

		/* a namespace may have changed (Namespace Attribute Changed) */
		nvt_nsinfo_forget(dev);
		dev_info(&dev->pdev->dev,
			 "AER notification is triggered: 0x%x\n", cqe[0]);
		nvt_event(dev, &ev);
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, NVT_CPL_AER,
				    q->now_ns);
		nvt_fifo_push(q, cqe, s, NVT_CPL_AER);
		q->completed++;
		/* keep the slot: it goes out again as soon as there is room */
		s->submit_ns = 0;
		q->aer_pending++;
		return;
	}

	/* a read that does not verify changes its status */
	memcpy(c, cqe, sizeof(c));
	nvt_datacheck_complete(dev, &s->dc, c);
	nvt_cmdlog_complete(&q->log, s->log_seq, c, 0, q->now_ns);
	nvt_slot_end(q, s, c, 0);
	nvt_slot_free(q, s);
}

/*
 * The controller fetched the entries up to @head (a CQE's SQ Head
 * Pointer, below the depth): clear them, so that a doorbell written again
 * cannot make it run a consumed command (whose buffers may be gone) a
 * second time.
 */
static void nvt_queue_sq_consumed(struct nvt_queue *q, u32 head)
{
	u32 n = nvt_sq_fetched(q->sq_head, head, q->sq_tail, q->sq_depth);

	while (n--) {
		if (q->sq_cmb)
			memset_io(q->sq_cmb + q->sq_head * 64, 0, 64);
		else
			memset(q->sq + q->sq_head * 16, 0, 64);
		q->sq_head = nvt_ring_next(q->sq_head, q->sq_depth);
	}
	q->sq_head = head;
}

/* Consume new CQEs (as many as the fifo can take) and ring doorbells. */
/* @ring_lazy: this is the queue's own reap, which rings a lazy queue */
static void nvt_queue_process(struct nvt_queue *q, bool ring_lazy)
{
	u32 consumed = 0;

	lockdep_assert_held(&q->lock);
	/* one clock read per pass: the completions it finds share it */
	q->now_ns = ktime_get_ns();
	while (q->fifo_count < q->cq_depth) {
		__le32 *entry = q->cq + q->cq_head * 4;
		u32 cqe[4];
		int i;

		if (!nvt_cqe_is_new(le32_to_cpu(READ_ONCE(entry[3])),
				    q->cq_phase))
			break;
		dma_rmb();	/* read the entry only after its phase bit */
		for (i = 0; i < 4; i++)
			cqe[i] = le32_to_cpu(entry[i]);
		nvt_cq_advance(&q->cq_head, &q->cq_phase, q->cq_depth);
		consumed++;
		if (nvt_cqe_sqhd(cqe) < q->sq_depth)
			nvt_queue_sq_consumed(q, nvt_cqe_sqhd(cqe));
		nvt_queue_complete(q, cqe);
	}
	/* a worker's queue rings it when it must (nvt_queue_ring()) */
	if (consumed && (!q->worker || nvt_queue_cq_room_needed(q)))
		nvt_queue_ring_cq(q);
	if (q->aer_pending)
		nvt_queue_rearm_aers(q);
	/* a lazy queue rings at reap; NO_DOORBELL waits for a later ring */
	if (((ring_lazy && q->flags & NVT_Q_LAZY_DOORBELL) || q->aer_rearmed) &&
	    q->sq_tail != q->sq_tail_rung)
		nvt_queue_ring_sq(q);
	q->aer_rearmed = false;
}

static void nvt_slot_expire(struct nvt_queue *q, u32 cid, struct nvt_slot *s,
			    u64 now)
{
	u32 cqe[4], flags = NVT_CPL_TIMEOUT | nvt_slot_dup_flag(s);

	if (s->state != NVT_SLOT_BUSY || !s->deadline_ns ||
	    now < s->deadline_ns)
		return;
	dev_warn_ratelimited(&q->dev->pdev->dev,
			     "qid %u cid %u opcode 0x%02x timed out after %llu ms\n",
			     q->qid, cid, s->sqe[0] & 0xff,
			     div_u64(now - s->submit_ns, NSEC_PER_MSEC));
	s->state = NVT_SLOT_TIMED_OUT;
	nvt_slot_event(q, s, cid, NVT_EV_TIMEOUT, NVT_STATUS_TIMEOUT);
	nvt_datacheck_abandon(&s->dc);
	nvt_make_cqe(q, cid, NVT_STATUS_TIMEOUT, cqe);
	nvt_cmdlog_complete(&q->log, s->log_seq, cqe, flags, now);
	nvt_slot_end(q, s, cqe, flags);
	/* the function may be gone without a removal */
	schedule_work(&q->dev->lost_work);
}

static void nvt_queue_expire(struct nvt_queue *q, u64 now)
{
	struct nvt_slot *s;
	u32 cid;

	lockdep_assert_held(&q->lock);
	/* timeouts are in milliseconds: no need to look more often */
	if (now < q->expire_next_ns)
		return;
	q->expire_next_ns = now + NSEC_PER_MSEC;
	q->now_ns = now;
	for (cid = 0; cid < q->sq_depth; cid++)
		for (s = &q->slots[cid]; s; s = s->dup)
			nvt_slot_expire(q, cid, s, now);
}

/*
 * The controller was reset: every outstanding command is gone.  Report
 * them aborted (AERs silently: nobody waits for those) and start the rings
 * over, as the controller does.
 */
void nvt_queue_reset(struct nvt_queue *q)
{
	u32 cid, cqe[4];

	spin_lock(&q->lock);
	q->now_ns = ktime_get_ns();
	for (cid = 0; cid < q->sq_depth; cid++) {
		struct nvt_slot *head = &q->slots[cid], *s;

		if (head->state == NVT_SLOT_FREE)
			continue;
		nvt_make_cqe(q, cid, NVT_STATUS_ABORTED, cqe);
		for (s = head; s; s = s->dup) {
			u32 flags = NVT_CPL_ABORTED | nvt_slot_dup_flag(s);

			if (s->state == NVT_SLOT_ENDED)
				continue;
			nvt_datacheck_abandon(&s->dc);
			if (s->state == NVT_SLOT_BUSY) {
				nvt_cmdlog_complete(&q->log, s->log_seq, cqe,
						    flags, q->now_ns);
				if (!s->aer)	/* nobody waits for those */
					nvt_slot_end(q, s, cqe, flags);
			}
		}
		nvt_slot_free_group(q, head);
	}
	q->aer_pending = 0;
	q->sq_tail = 0;
	q->sq_tail_rung = 0;
	q->sq_head = 0;
	q->cq_head = 0;
	q->cq_head_rung = 0;
	q->cq_phase = 1;
	memset(q->cq, 0, q->cq_depth * 16);
	spin_unlock(&q->lock);
	wake_up_all(&q->wait);
}

/* Consume what the controller posted and expire overdue commands. */
void nvt_queue_poll(struct nvt_queue *q, bool ring_lazy)
{
	spin_lock(&q->lock);
	nvt_queue_process(q, ring_lazy);
	nvt_queue_expire(q, q->now_ns);
	spin_unlock(&q->lock);
}

bool nvt_queue_cqe_pending(struct nvt_queue *q)
{
	__le32 *entry = q->cq + READ_ONCE(q->cq_head) * 4;

	return nvt_cqe_is_new(le32_to_cpu(READ_ONCE(entry[3])),
			      READ_ONCE(q->cq_phase));
}

static u32 nvt_fifo_pop(struct nvt_queue *q, struct nvt_cpl *out, u32 max)
{
	u32 n = min(q->fifo_count, max), i;

	for (i = 0; i < n; i++) {
		out[i] = q->fifo[q->fifo_head];
		q->fifo_head = (q->fifo_head + 1) % q->fifo_size;
	}
	q->fifo_count -= n;
	return n;
}

/*
 * Reap completions: poll the CQ, expire timed-out commands, and copy out
 * what is ready; sleep in short slices (woken early by the interrupt) until
 * at least @rp->min are returned or @rp->timeout_ms has passed.
 */
int nvt_queue_reap(struct nvt_queue *q, struct nvt_reap *rp,
		   struct nvt_cpl __user *ucpl)
{
	struct nvt_dev *dev = q->dev;
	u64 deadline = ktime_get_ns() + (u64)rp->timeout_ms * NSEC_PER_MSEC;
	wait_queue_head_t *wq = &q->wait;
	struct nvt_cpl tmp[NVT_REAP_CHUNK];
	u32 n, i;

	/* an I/O CQ's interrupt wakes the waiters of its vector */
	if (q->qid != NVT_ADMIN_QID && !(q->flags & NVT_Q_NO_IRQ) &&
	    q->vector < dev->nr_vectors)
		wq = &dev->vectors[q->vector].wait;
	rp->count = 0;
	for (;;) {
		u64 now;

		spin_lock(&q->lock);
		if (q->worker) {
			spin_unlock(&q->lock);
			return rp->count ? 0 : -EBUSY;	/* its worker's */
		}
		nvt_queue_process(q, true);
		now = q->now_ns;
		nvt_queue_expire(q, now);
		n = nvt_fifo_pop(q, tmp, min_t(u32, NVT_REAP_CHUNK,
					       rp->max - rp->count));
		spin_unlock(&q->lock);
		if (dev->irq_type == NVT_IRQ_INTX)
			nvt_irq_unmask_intx(dev);

		for (i = 0; i < n; i++) {
			void __user *dst = (u8 __user *)ucpl +
					   (size_t)(rp->count + i) * rp->cpl_size;

			if (copy_to_user(dst, &tmp[i], sizeof(tmp[i])))
				return -EFAULT;
		}
		rp->count += n;
		if (rp->count == rp->max)
			break;
		if (n == NVT_REAP_CHUNK)
			continue;
		if (rp->count >= rp->min || now >= deadline)
			break;
		if (nvt_dev_gone(dev))
			return rp->count ? 0 : -ENODEV;
		if (atomic_read(&dev->exclusive_waiting))
			break;	/* let ADMINQ_SETUP in; the caller reaps again */
		wait_event_interruptible_timeout(*wq,
						 nvt_queue_cqe_pending(q) ||
						 nvt_dev_gone(dev), 1);
		if (signal_pending(current))
			return rp->count ? 0 : -EINTR;
	}
	return 0;
}
