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
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "nvt.h"

#define NVT_SQE_CID_SHIFT	16
#define NVT_CQE_PHASE		(1u << 16)
#define NVT_CQE_STATUS_SHIFT	17
#define NVT_REAP_CHUNK		8

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
					   GFP_KERNEL);
	}
	q->cq = dma_alloc_coherent(dmadev, cq_depth * 16, &q->cq_dma,
				   GFP_KERNEL);
	q->slots = kvcalloc(sq_depth, sizeof(*q->slots), GFP_KERNEL);
	q->fifo_size = sq_depth + cq_depth;
	q->fifo = kvcalloc(q->fifo_size, sizeof(*q->fifo), GFP_KERNEL);
	if ((!q->sq && !q->sq_cmb) || !q->cq || !q->slots || !q->fifo ||
	    nvt_cmdlog_init(&q->log, qid)) {
		nvt_queue_free(q);
		return ERR_PTR(-ENOMEM);
	}
	return q;
}

void nvt_queue_free(struct nvt_queue *q)
{
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

/* Commands after which the controller may DMA where we cannot see. */
static bool nvt_cmd_is_raw_dma(struct nvt_queue *q, const struct nvt_cmd *cmd)
{
	u8 opc = cmd->sqe[0] & 0xff;

	if (!(cmd->flags & NVT_CMD_DPTR_BUF) && (cmd->sqe[6] || cmd->sqe[7]))
		return true;
	if (!(cmd->flags & NVT_CMD_MPTR_BUF) && (cmd->sqe[4] || cmd->sqe[5]))
		return true;
	if (q->qid != NVT_ADMIN_QID)
		return false;
	return opc == NVT_ADMIN_OPC_CREATE_SQ ||
	       opc == NVT_ADMIN_OPC_CREATE_CQ || opc == NVT_ADMIN_OPC_DBBUF ||
	       (opc == NVT_ADMIN_OPC_SET_FEAT &&
		(cmd->sqe[10] & 0xff) == NVT_FEAT_HMB);
}

static int nvt_queue_find_cid(struct nvt_queue *q, const struct nvt_cmd *cmd)
{
	u32 i, cid;

	if (cmd->flags & NVT_CMD_KEEP_CID) {
		cid = cmd->sqe[0] >> NVT_SQE_CID_SHIFT;
		if (cid >= q->sq_depth)
			return -EINVAL;
		return q->slots[cid].state == NVT_SLOT_FREE ? cid : -EBUSY;
	}
	for (i = 0; i < q->sq_depth; i++) {
		cid = (q->next_cid + i) % q->sq_depth;
		if (q->slots[cid].state == NVT_SLOT_FREE) {
			q->next_cid = (cid + 1) % q->sq_depth;
			return cid;
		}
	}
	return -EAGAIN;
}

static bool nvt_queue_sq_full(struct nvt_queue *q)
{
	return (q->sq_tail + 1) % q->sq_depth == q->sq_head;
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
	q->sq_tail = (q->sq_tail + 1) % q->sq_depth;
	s->submit_ns = q->now_ns;
	s->log_seq = nvt_cmdlog_submit(&q->log, s->sqe, q->now_ns);
	q->submitted++;
}

/* The SQ tail doorbell, through the shadow page when that is on. */
static void nvt_queue_ring_sq(struct nvt_queue *q)
{
	if (nvt_dbbuf_ring(q, 0, q->sq_tail_rung, q->sq_tail))
		writel(q->sq_tail, q->sq_db);
	q->sq_tail_rung = q->sq_tail;
}

static void nvt_queue_ring_cq(struct nvt_queue *q, u32 old)
{
	if (nvt_dbbuf_ring(q, 1, old, q->cq_head))
		writel(q->cq_head, q->cq_db);
}

void nvt_queue_ring(struct nvt_queue *q)
{
	spin_lock(&q->lock);
	if (q->sq_tail != q->sq_tail_rung)
		nvt_queue_ring_sq(q);
	spin_unlock(&q->lock);
}

int nvt_queue_submit(struct nvt_queue *q, struct nvt_cmd *cmd, bool ring)
{
	struct nvt_dev *dev = q->dev;
	u32 kind = q->qid != NVT_ADMIN_QID;	/* timeout table */
	struct nvt_dptr d;
	struct nvt_vcmd vc;
	struct nvt_slot *s;
	u8 opc = cmd->sqe[0] & 0xff;
	u32 tmo;
	int cid, ret;

	if (cmd->flags & ~(NVT_CMD_DPTR_BUF | NVT_CMD_KEEP_CID |
			   NVT_CMD_DPTR_SGL | NVT_CMD_MPTR_BUF))
		return -EINVAL;
	if (cmd->timeout_ms > 3600 * 1000)
		return -EINVAL;
	ret = nvt_dptr_prepare(dev, cmd, &d);
	if (ret)
		return ret;
	ret = nvt_verify_submit(dev, q, cmd, &d, &vc);
	if (ret) {
		nvt_dptr_release(dev, &d);
		return ret;
	}
	if (nvt_cmd_is_raw_dma(q, cmd))
		WRITE_ONCE(dev->raw_dma, true);

	spin_lock(&q->lock);
	if (!READ_ONCE(dev->ctrl_enabled)) {
		ret = -EIO;
		goto unlock;
	}
	if (q->orphaned) {
		ret = -EBADFD;	/* the controller was reset under it */
		goto unlock;
	}
	if (nvt_queue_sq_full(q)) {
		ret = -EAGAIN;
		goto unlock;
	}
	cid = nvt_queue_find_cid(q, cmd);
	if (cid < 0) {
		ret = cid;
		goto unlock;
	}

	/* overlapping I/O in flight: this one waits its turn (EBUSY) */
	if (!nvt_verify_lock_begin(&vc)) {
		ret = -EBUSY;
		goto unlock;
	}
	s = &q->slots[cid];
	memcpy(s->sqe, cmd->sqe, sizeof(s->sqe));
	nvt_dptr_apply(&d, s->sqe);
	s->dptr = d;
	s->vc = vc;
	nvt_verify_lock_commit(&s->vc);
	memset(&d, 0, sizeof(d));	/* the slot owns them now */
	memset(&vc, 0, sizeof(vc));
	s->tag = cmd->tag;
	s->internal = false;
	s->sync = NULL;
	s->state = NVT_SLOT_BUSY;
	s->aer = q->qid == NVT_ADMIN_QID && opc == NVT_ADMIN_OPC_AER;
	tmo = cmd->timeout_ms ?: dev->timeout_ms[kind][opc];
	q->now_ns = ktime_get_ns();
	nvt_queue_place(q, cid, s);
	s->deadline_ns = s->aer ? 0 : s->submit_ns + tmo * NSEC_PER_MSEC;
	q->outstanding++;
	cmd->cid = cid;
	if (ring && !(q->flags & NVT_Q_LAZY_DOORBELL))
		nvt_queue_ring_sq(q);
	ret = 0;
unlock:
	spin_unlock(&q->lock);
	nvt_dptr_release(dev, &d);
	nvt_verify_release(&vc);
	return ret;
}

/*
 * A worker's command (q->lock held): placed, not rung.  With verification
 * its @vc goes to the slot (EBUSY while overlapping I/O is in flight).
 */
int nvt_queue_submit_worker(struct nvt_queue *q, const u32 *sqe, u64 tag,
			    struct nvt_vcmd *vc)
{
	struct nvt_dev *dev = q->dev;
	struct nvt_cmd cmd = { .tag = tag };
	u8 opc = sqe[0] & 0xff;
	struct nvt_slot *s;
	int cid;

	lockdep_assert_held(&q->lock);
	if (!READ_ONCE(dev->ctrl_enabled))
		return -EIO;
	if (q->orphaned)
		return -EBADFD;
	if (nvt_queue_sq_full(q))
		return -EAGAIN;
	cid = nvt_queue_find_cid(q, &cmd);
	if (cid < 0)
		return cid;
	if (!nvt_verify_lock_begin(vc))
		return -EBUSY;
	s = &q->slots[cid];
	memcpy(s->sqe, sqe, sizeof(s->sqe));
	memset(&s->dptr, 0, sizeof(s->dptr));
	s->vc = *vc;
	nvt_verify_lock_commit(&s->vc);
	memset(vc, 0, sizeof(*vc));
	s->tag = tag;
	s->internal = false;
	s->sync = NULL;
	s->aer = false;
	s->state = NVT_SLOT_BUSY;
	nvt_queue_place(q, cid, s);
	s->deadline_ns = s->submit_ns +
			 (u64)READ_ONCE(dev->timeout_ms[1][opc]) * NSEC_PER_MSEC;
	q->outstanding++;
	return 0;
}

/* Hand the driver's own command its completion and wake its waiter. */
static void nvt_sync_done(struct nvt_slot *s, const u32 *cqe, u32 flags)
{
	struct nvt_sync *sync = s->sync;

	if (!sync)
		return;
	s->sync = NULL;
	memcpy(sync->cqe, cqe, sizeof(sync->cqe));
	sync->flags = flags;
	complete(&sync->done);
}

static void nvt_slot_free(struct nvt_queue *q, struct nvt_slot *s);

/*
 * Send a command of the driver's own (no data buffer) and ring at once.
 * @sync completes when the command does, times out or is aborted, so the
 * caller always gets an answer within the opcode's timeout.
 */
int nvt_queue_submit_sync(struct nvt_queue *q, const u32 *sqe,
			  struct nvt_sync *sync)
{
	struct nvt_dev *dev = q->dev;
	u32 kind = q->qid != NVT_ADMIN_QID;
	u8 opc = sqe[0] & 0xff;
	struct nvt_slot *s;
	struct nvt_cmd cmd = { };
	int cid, ret = 0;

	init_completion(&sync->done);
	spin_lock(&q->lock);
	if (!READ_ONCE(dev->ctrl_enabled) || q->orphaned) {
		ret = -EIO;
		goto unlock;
	}
	if (nvt_queue_sq_full(q)) {
		ret = -EAGAIN;
		goto unlock;
	}
	cid = nvt_queue_find_cid(q, &cmd);
	if (cid < 0) {
		ret = cid;
		goto unlock;
	}
	s = &q->slots[cid];
	memcpy(s->sqe, sqe, sizeof(s->sqe));
	memset(&s->dptr, 0, sizeof(s->dptr));
	memset(&s->vc, 0, sizeof(s->vc));
	s->tag = 0;
	s->internal = true;
	s->sync = sync;
	s->aer = false;
	s->state = NVT_SLOT_BUSY;
	q->now_ns = ktime_get_ns();
	nvt_queue_place(q, cid, s);
	s->deadline_ns = s->submit_ns +
			 (u64)READ_ONCE(dev->timeout_ms[kind][opc]) * NSEC_PER_MSEC;
	q->outstanding++;
	nvt_queue_ring_sq(q);
unlock:
	spin_unlock(&q->lock);
	return ret;
}

static void nvt_slot_free(struct nvt_queue *q, struct nvt_slot *s)
{
	nvt_dptr_release(q->dev, &s->dptr);
	nvt_verify_release(&s->vc);
	s->internal = false;
	s->state = NVT_SLOT_FREE;
	q->outstanding--;
}

static void nvt_fifo_push(struct nvt_queue *q, const u32 *cqe,
			  struct nvt_slot *s, u32 flags)
{
	struct nvt_cpl *c;

	if (q->worker && s) {
		/* its worker counts it; the late CQE of a timeout is nothing */
		if (!(flags & NVT_CPL_LATE))
			nvt_worker_complete(q->worker, cqe, s->tag,
					    q->now_ns - s->submit_ns,
					    flags & NVT_CPL_TIMEOUT, q->now_ns);
		q->completed++;
		return;
	}
	if (WARN_ON_ONCE(q->fifo_count == q->fifo_size))
		return;
	c = &q->fifo[(q->fifo_head + q->fifo_count) % q->fifo_size];
	memcpy(c->cqe, cqe, sizeof(c->cqe));
	c->flags = flags;
	c->complete_ns = q->now_ns;
	c->tag = s ? s->tag : 0;
	c->submit_ns = s ? s->submit_ns : 0;
	c->latency_us = s ? nvt_ns_to_us(c->complete_ns - s->submit_ns) : 0;
	c->verify_lba = 0;
	c->verify_expected = 0;
	c->verify_actual = 0;
	if (s && s->vc.failed) {
		c->flags |= NVT_CPL_VERIFY;
		c->verify_lba = s->vc.bad_lba;
		c->verify_expected = s->vc.expected;
		c->verify_actual = s->vc.actual;
	}
	q->fifo_count++;
	q->completed++;
}

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

static void nvt_queue_complete(struct nvt_queue *q, const u32 *cqe)
{
	struct nvt_dev *dev = q->dev;
	u32 cid = cqe[3] & 0xffff;
	u16 status = (cqe[3] >> NVT_CQE_STATUS_SHIFT) & 0x7fff;
	struct nvt_slot *s = cid < q->sq_depth ? &q->slots[cid] : NULL;
	u32 c[4];

	if (!s || s->state == NVT_SLOT_FREE) {
		dev_warn_ratelimited(&dev->pdev->dev,
				     "qid %u: completion for unknown cid %u\n",
				     q->qid, cid);
		nvt_fifo_push(q, cqe, NULL, NVT_CPL_UNKNOWN_CID);
		return;
	}

	if (s->state == NVT_SLOT_TIMED_OUT) {
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, NVT_CPL_LATE,
				    q->now_ns);
		if (!s->internal)
			nvt_fifo_push(q, cqe, s, NVT_CPL_LATE);
		nvt_slot_free(q, s);
		return;
	}

	if (s->internal) {
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, 0, q->now_ns);
		nvt_sync_done(s, cqe, 0);
		nvt_slot_free(q, s);
		return;
	}

	if (s->aer && !status) {
		dev_info(&dev->pdev->dev,
			 "AER notification is triggered: 0x%x\n", cqe[0]);
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, NVT_CPL_AER,
				    q->now_ns);
		nvt_fifo_push(q, cqe, s, NVT_CPL_AER);
		/* keep the slot: it goes out again as soon as there is room */
		s->submit_ns = 0;
		q->aer_pending++;
		return;
	}

	/* a read that does not verify changes its status */
	memcpy(c, cqe, sizeof(c));
	nvt_verify_complete(dev, &s->vc, c);
	nvt_cmdlog_complete(&q->log, s->log_seq, c, 0, q->now_ns);
	nvt_fifo_push(q, c, s, 0);
	nvt_slot_free(q, s);
}

/* Consume new CQEs (as many as the fifo can take) and ring doorbells. */
/* @ring_lazy: this is the queue's own reap, which rings a lazy queue */
static void nvt_queue_process(struct nvt_queue *q, bool ring_lazy)
{
	u32 consumed = 0, cq_head_before = q->cq_head;

	lockdep_assert_held(&q->lock);
	/* one clock read per pass: the completions it finds share it */
	q->now_ns = ktime_get_ns();
	while (q->fifo_count < q->cq_depth) {
		__le32 *entry = q->cq + q->cq_head * 4;
		u32 cqe[4];
		int i;

		if (!!(le32_to_cpu(READ_ONCE(entry[3])) & NVT_CQE_PHASE) !=
		    q->cq_phase)
			break;
		dma_rmb();	/* read the entry only after its phase bit */
		for (i = 0; i < 4; i++)
			cqe[i] = le32_to_cpu(entry[i]);
		if (++q->cq_head == q->cq_depth) {
			q->cq_head = 0;
			q->cq_phase ^= 1;
		}
		consumed++;
		if ((cqe[2] & 0xffff) < q->sq_depth)
			q->sq_head = cqe[2] & 0xffff;
		nvt_queue_complete(q, cqe);
	}
	if (consumed)
		nvt_queue_ring_cq(q, cq_head_before);
	if (q->aer_pending)
		nvt_queue_rearm_aers(q);
	/* a lazy queue rings at reap; NO_DOORBELL waits for a later ring */
	if (((ring_lazy && q->flags & NVT_Q_LAZY_DOORBELL) || q->aer_rearmed) &&
	    q->sq_tail != q->sq_tail_rung)
		nvt_queue_ring_sq(q);
	q->aer_rearmed = false;
}

static void nvt_queue_expire(struct nvt_queue *q, u64 now)
{
	u32 cid, cqe[4];

	lockdep_assert_held(&q->lock);
	/* timeouts are in milliseconds: no need to look more often */
	if (now < q->expire_next_ns)
		return;
	q->expire_next_ns = now + NSEC_PER_MSEC;
	q->now_ns = now;
	for (cid = 0; cid < q->sq_depth; cid++) {
		struct nvt_slot *s = &q->slots[cid];

		if (s->state != NVT_SLOT_BUSY || !s->deadline_ns ||
		    now < s->deadline_ns)
			continue;
		dev_warn_ratelimited(&q->dev->pdev->dev,
				     "qid %u cid %u opcode 0x%02x timed out after %llu ms\n",
				     q->qid, cid, s->sqe[0] & 0xff,
				     div_u64(now - s->submit_ns, NSEC_PER_MSEC));
		s->state = NVT_SLOT_TIMED_OUT;
		nvt_verify_abandon(&s->vc);
		nvt_make_cqe(q, cid, NVT_STATUS_TIMEOUT, cqe);
		nvt_cmdlog_complete(&q->log, s->log_seq, cqe, NVT_CPL_TIMEOUT,
				    now);
		if (s->internal)
			nvt_sync_done(s, cqe, NVT_CPL_TIMEOUT);
		else
			nvt_fifo_push(q, cqe, s, NVT_CPL_TIMEOUT);
	}
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
		struct nvt_slot *s = &q->slots[cid];

		if (s->state == NVT_SLOT_FREE)
			continue;
		nvt_make_cqe(q, cid, NVT_STATUS_ABORTED, cqe);
		nvt_verify_abandon(&s->vc);
		if (s->state == NVT_SLOT_BUSY) {
			nvt_cmdlog_complete(&q->log, s->log_seq, cqe,
					    NVT_CPL_ABORTED, q->now_ns);
			if (s->internal)
				nvt_sync_done(s, cqe, NVT_CPL_ABORTED);
			else if (!s->aer)
				nvt_fifo_push(q, cqe, s, NVT_CPL_ABORTED);
		}
		nvt_slot_free(q, s);
	}
	q->aer_pending = 0;
	q->sq_tail = 0;
	q->sq_tail_rung = 0;
	q->sq_head = 0;
	q->cq_head = 0;
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

	return !!(le32_to_cpu(READ_ONCE(entry[3])) & NVT_CQE_PHASE) ==
	       READ_ONCE(q->cq_phase);
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
		if (READ_ONCE(dev->dead))
			return rp->count ? 0 : -ENODEV;
		if (READ_ONCE(dev->exclusive_waiting))
			break;	/* let ADMINQ_SETUP in; the caller reaps again */
		wait_event_interruptible_timeout(*wq,
						 nvt_queue_cqe_pending(q) ||
						 READ_ONCE(dev->dead), 1);
		if (signal_pending(current))
			return rp->count ? 0 : -EINTR;
	}
	return 0;
}
