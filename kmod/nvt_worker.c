// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: ioworkers, kernel threads that drive one I/O queue each.
 *
 * A worker owns an I/O queue created for it: it fills the queue up to its
 * depth with reads and writes of the sizes, LBAs and mix asked for, rings
 * the doorbell once per batch and polls the completion queue itself (no
 * interrupts, no block layer, no allocation per I/O: data and PRP lists are
 * set aside per slot at start).  With data verification on, its I/O is
 * checked and LBA-locked like any other (nvt_datacheck.c).  It counts what
 * completes: a 1 us latency histogram, per opcode of the mix its counts
 * and a histogram of its own, completions per second, the first error with its SQE and CQE.  A controller reset ends
 * it with an error.
 */
#include <linux/delay.h>
#include <linux/dmapool.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/cputime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <net/netlink.h>

#include "nvt.h"
#include "nvt_dptr_calc.h"
#include "nvt_gen.h"

#define NVT_WORKER_MAX_BYTES	(64u << 20)	/* all slots' data */
#define NVT_WORKER_MAX_SECONDS	86400

struct nvt_worker {
	/* the id's, each STATUS call's, and its parked DMA memory's */
	struct kref ref;
	struct nvt_dev *dev;
	struct nvt_file *owner;
	struct nvt_queue *q;
	struct nvt_worker_args a;
	struct task_struct *task;
	u32 id;
	u32 qid;		/* of its queue, for events */
	bool announced;		/* its start event went out */

	/* per slot: data, PRP list, what is in flight */
	u32 nslots;
	size_t slot_bytes;
	void **data;		/* each slot's own: no huge contiguous block */
	dma_addr_t *data_dma;
	void *meta;		/* separate metadata per slot, or NULL */
	dma_addr_t meta_dma;
	size_t slot_meta;
	void **prp;
	dma_addr_t *prp_dma;
	u32 *free_slots;
	u32 nfree;
	u8 *slot_op;		/* index into the opcode mix */
	u32 *slot_nlb;
	u32 (*slot_sqe)[16];	/* for the error report */
	u8 opcodes[NVT_WORKER_MAX_OPS];	/* the mix, or read and write */
	u32 nr_ops;		/* entries of opcodes[] */
	u32 *op_weights;	/* a mix's shares, kcalloc */
	u32 inflight;
	u32 lost_slots;

	struct nvt_gen gen;	/* sizes, read/write, LBAs */
	struct nvt_worker_seq *seq;	/* a sequence to replay, vmalloc */

	/* verification: check values per slot; a pick that waits its turn */
	u8 *slot_values;
	u32 max_nlb;
	bool pend;
	u32 pend_nlb, pend_opi;
	u64 pend_lba;

	/* the last cmdlist_max command records, a ring */
	struct nvt_worker_rec *recs;
	u32 rec_next, nr_recs;

	/* data, metadata and PRP lists, once the thread let go of them */
	struct nvt_parked_mem park;
	bool dma_released;

	/* results */
	struct mutex lock;	/* end of run and memory against STATUS */
	u64 start_ns, end_ns;
	u64 submitted, completed;
	u64 io_read, io_write, io_nonread, lba_read, lba_write, lba_nonread;
	struct nvt_worker_op_stat *op_stat;	/* per opcode, kcalloc */
	u32 *op_hist;		/* per opcode NVT_WORKER_OPH_BINS, kvcalloc */
	u64 lat_sum_us;
	u32 lat_max_us;
	u64 slow;
	struct nvt_worker_rec slow_recs[NVT_WORKER_MAX_SLOW];	/* the first */
	u64 errors;		/* completions with an error status */
	u32 lat_win_max_us;	/* since the last statistics tick */
	struct nvt_stats st;	/* the last tick's (nvt_genl.c) */
	u64 st_bytes;		/* bytes moved, at the last tick */
	u64 bytes_1s;		/* in the second before it */
	u32 error;
	u32 error_cmd[16];
	u32 error_cpl[4];
	u32 *hist;		/* NVT_WORKER_HIST_US bins, vzalloc */
	u32 *per_second;	/* completions in each second */
	u32 seconds;
	bool running;
	bool stop_asked;
	u64 cpu_ns;
	atomic_t io_hold;	/* holds NVT_HOLD_IO: formats stay */
};

/* While it runs, no admin command may change the namespace's format. */
static void nvt_worker_unhold(struct nvt_worker *w)
{
	if (atomic_xchg(&w->io_hold, 0))
		nvt_nsinfo_unhold(w->dev, NVT_HOLD_IO);
}

/* What the command of @slot was and how it ended, into @r. */
static void nvt_worker_fill_rec(struct nvt_worker *w, struct nvt_worker_rec *r,
				u32 slot, u16 status, u32 latency_us, u64 now_ns)
{
	const u32 *sqe = w->slot_sqe[slot];
	u64 now_us = div_u64(now_ns - w->start_ns, NSEC_PER_USEC);

	r->slba = ((u64)sqe[11] << 32) | sqe[10];
	r->nlb = w->slot_nlb[slot];
	r->opcode = sqe[0] & 0xff;
	r->status = status;
	r->cplt_us = now_us;
	r->sent_us = now_us > latency_us ? now_us - latency_us : 0;
}

/* Keep what a command was and how it ended, for the command list. */
static void nvt_worker_record(struct nvt_worker *w, u32 slot, u16 status,
			      u32 latency_us, u64 now_ns)
{
	nvt_worker_fill_rec(w, &w->recs[w->rec_next], slot, status,
			    latency_us, now_ns);
	w->rec_next = (w->rec_next + 1) % w->a.cmdlist_max;
	w->nr_recs = min(w->nr_recs + 1, w->a.cmdlist_max);
}

static void nvt_worker_event(struct nvt_worker *w, enum nvt_genl_event type,
			     u32 status)
{
	struct nvt_event ev = {
		.type = type, .worker = w->id, .qid = w->qid, .status = status,
	};

	nvt_event(w->dev, &ev);
}

/* Count a slow completion; keep what it was while there is room. */
static void nvt_worker_slow(struct nvt_worker *w, u32 slot, u16 status,
			    u32 latency_us, u64 now_ns)
{
	if (w->slow < NVT_WORKER_MAX_SLOW)
		nvt_worker_fill_rec(w, &w->slow_recs[w->slow], slot, status,
				    latency_us, now_ns);
	w->slow++;
}

/* Keep the first error with its command; who listens hears of it. */
static void nvt_worker_first_error(struct nvt_worker *w, u32 slot,
				   const u32 *cqe, u16 status)
{
	struct nvt_event ev = {
		.type = NVT_EV_WORKER_ERROR, .worker = w->id, .qid = w->qid,
		.cid = nvt_cqe_cid(cqe), .opcode = w->slot_sqe[slot][0] & 0xff,
		.status = status,
	};

	w->error = status;
	memcpy(w->error_cmd, w->slot_sqe[slot], sizeof(w->error_cmd));
	memcpy(w->error_cpl, cqe, sizeof(w->error_cpl));
	nvt_event(w->dev, &ev);
}

/* Under the queue lock, from the completion path. */
static void nvt_worker_complete(struct nvt_worker *w, const u32 *cqe, u64 tag,
				u64 latency_ns, bool lost, u64 now_ns)
{
	u32 slot = (u32)tag, us = div_u64(latency_ns, NSEC_PER_USEC);
	u16 status = nvt_cqe_status(cqe);
	u64 sec = div_u64(now_ns - w->start_ns, NSEC_PER_SEC);
	u8 opi, opc;

	if (slot >= w->nslots)
		return;
	opi = w->slot_op[slot];
	opc = w->opcodes[opi];

	w->completed++;
	if (opc == NVT_NVM_READ) {
		w->io_read++;
		w->lba_read += w->slot_nlb[slot];
	} else {
		w->io_nonread++;
		w->lba_nonread += w->slot_nlb[slot];
		if (opc == NVT_NVM_WRITE) {
			w->io_write++;
			w->lba_write += w->slot_nlb[slot];
		}
	}
	w->op_stat[opi].count++;
	w->op_stat[opi].latency_sum_us += us;
	w->op_stat[opi].latency_max_us = max(w->op_stat[opi].latency_max_us,
					     us);
	w->op_hist[(size_t)opi * NVT_WORKER_OPH_BINS +
		   nvt_worker_oph_bin(us)]++;
	w->lat_sum_us += us;
	w->lat_max_us = max(w->lat_max_us, us);
	if (us > w->lat_win_max_us)
		w->lat_win_max_us = us;
	if (w->a.slow_latency_us && us > w->a.slow_latency_us)
		nvt_worker_slow(w, slot, status, us, now_ns);
	w->hist[min_t(u32, us, NVT_WORKER_HIST_US - 1)]++;
	if (sec < w->seconds)
		w->per_second[sec]++;
	if (w->recs && (status || !(w->a.flags & NVT_WORKER_CMDLIST_ERRORS)))
		nvt_worker_record(w, slot, status, us, now_ns);
	if (status) {
		w->errors++;
		if (!w->error)
			nvt_worker_first_error(w, slot, cqe, status);
	}
	w->inflight--;
	/* a timed-out command may still DMA into its slot: never reuse it */
	if (lost)
		w->lost_slots++;
	else
		w->free_slots[w->nfree++] = slot;
}

/* A worker's command ended; the late CQE of a timeout is nothing. */
static void nvt_worker_end(struct nvt_queue *q, struct nvt_slot *s,
			   const u32 *cqe, u32 flags)
{
	if (flags & NVT_CPL_LATE)
		return;		/* its slot stays lost */
	nvt_worker_complete(s->owner, cqe, s->tag, q->now_ns - s->submit_ns,
			    flags & NVT_CPL_TIMEOUT, q->now_ns);
}

const struct nvt_slot_ops nvt_worker_slot_ops = { .end = nvt_worker_end };

/* The data pointer of a slot's transfer of @bytes. */
static void nvt_worker_prp(struct nvt_worker *w, u32 slot, u32 bytes,
			   u32 *sqe)
{
	dma_addr_t addr = w->data_dma[slot];
	u32 ps = w->dev->page_size;

	sqe[6] = lower_32_bits(addr);
	sqe[7] = upper_32_bits(addr);
	if (bytes > 2 * ps) {
		sqe[8] = lower_32_bits(w->prp_dma[slot]);
		sqe[9] = upper_32_bits(w->prp_dma[slot]);
	} else if (bytes > ps) {
		sqe[8] = lower_32_bits(addr + ps);
		sqe[9] = upper_32_bits(addr + ps);
	}
}

/* Build and place one command; false when it could not go. */
static bool nvt_worker_send(struct nvt_worker *w)
{
	u32 slot = w->free_slots[w->nfree - 1];
	u32 *sqe = w->slot_sqe[slot];
	struct nvt_datacheck_cmd dc = { };
	struct nvt_arm arm = {
		.ops = &nvt_worker_slot_ops, .owner = w, .cid = -1, .dc = &dc,
	};
	u32 nlb, opi;
	u64 lba;
	u8 opc;
	int ret;

	if (w->pend) {
		/* held back by an LBA lock: the same command again */
		nlb = w->pend_nlb;
		opi = w->pend_opi;
		lba = w->pend_lba;
	} else if (w->seq) {
		const struct nvt_worker_seq *e = nvt_gen_seq(&w->gen, U64_MAX);

		if (!e)
			return false;
		nlb = e->nlb;
		lba = e->slba;
		for (opi = 0; w->opcodes[opi] != e->opcode; opi++)
			;
	} else {
		nlb = nvt_gen_size(&w->gen);
		opi = nvt_gen_op(&w->gen);
		if (!nvt_gen_lba(&w->gen, nlb, &lba))
			return false;
	}
	opc = w->opcodes[opi];
	memset(sqe, 0, sizeof(w->slot_sqe[0]));
	sqe[0] = opc;
	sqe[1] = w->a.nsid;
	switch (opc) {
	case NVT_NVM_FLUSH:
		nlb = 0;
		break;
	case NVT_NVM_DSM: {
		/* one range, deallocate, in the slot's own memory */
		u8 *r = w->data[slot];
		int i;

		memset(r, 0, 16);
		for (i = 0; i < 4; i++)
			r[4 + i] = nlb >> (8 * i);
		for (i = 0; i < 8; i++)
			r[8 + i] = lba >> (8 * i);
		nvt_worker_prp(w, slot, 16, sqe);
		sqe[11] = NVT_DSM_AD;
		break;
	}
	case NVT_NVM_READ:
	case NVT_NVM_WRITE:
	case NVT_NVM_COMPARE:
		if (nvt_gen_below(&w->gen, 100) < w->a.sgl_percentage) {
			/* one SGL data block (PSDT 01b) over the slot */
			dma_addr_t a = w->data_dma[slot];

			sqe[0] |= 1u << 14;
			sqe[6] = lower_32_bits(a);
			sqe[7] = upper_32_bits(a);
			sqe[8] = nlb * w->a.lba_size;
		} else {
			nvt_worker_prp(w, slot, nlb * w->a.lba_size, sqe);
		}
		sqe[12] |= w->a.io_flags << 16;
		if (w->meta) {
			dma_addr_t m = w->meta_dma + (size_t)slot * w->slot_meta;

			sqe[4] = lower_32_bits(m);
			sqe[5] = upper_32_bits(m);
		}
		fallthrough;
	default:
		/*
		 * Write zeroes, uncorrectable, verify: no data.  Another
		 * opcode moves NLB LBAs of the slot when its bits 1:0 say so.
		 */
		if (opc != NVT_NVM_READ && opc != NVT_NVM_WRITE &&
		    opc != NVT_NVM_COMPARE && (opc & 3))
			nvt_worker_prp(w, slot, nlb * w->a.lba_size, sqe);
		sqe[10] = lower_32_bits(lba);
		sqe[11] = upper_32_bits(lba);
		sqe[12] |= nlb - 1;
		break;
	}
	/* verification may be turned on and off while it runs */
	nvt_datacheck_worker(w->dev, sqe, w->data[slot], w->a.lba_size,
			  w->slot_values + (size_t)slot * w->max_nlb, &dc);
	arm.sqe = sqe;
	arm.tag = slot;
	ret = nvt_queue_arm(w->q, &arm);
	nvt_datacheck_release(&dc);
	/* the CID it went with, for the error report */
	if (ret >= 0)
		sqe[0] = (sqe[0] & 0xffff) | (u32)ret << 16;
	if (ret > 0)
		ret = 0;
	w->pend = ret == -EBUSY;
	if (w->pend) {
		w->pend_nlb = nlb;
		w->pend_opi = opi;
		w->pend_lba = lba;
		return false;
	}
	if (ret) {
		if (ret != -EAGAIN && !w->error) {
			w->error = NVT_STATUS_ABORTED;
			memcpy(w->error_cmd, sqe, sizeof(w->error_cmd));
		}
		return false;
	}
	w->nfree--;
	if (w->seq)
		nvt_gen_seq_sent(&w->gen);
	w->slot_op[slot] = opi;
	w->slot_nlb[slot] = nlb;
	w->inflight++;
	w->submitted++;
	return true;
}

enum nvt_worker_next { NVT_W_SEND, NVT_W_WAIT, NVT_W_DONE };

static enum nvt_worker_next nvt_worker_next(struct nvt_worker *w, u64 now)
{
	struct nvt_worker_args *a = &w->a;

	if (w->stop_asked || w->gen.pass_done || (w->error && a->flags &
					      NVT_WORKER_EXIT_ON_ERROR))
		return NVT_W_DONE;
	if (a->io_count && w->submitted >= a->io_count)
		return NVT_W_DONE;
	if (a->lba_count && w->lba_read + w->lba_nonread +
	    (u64)w->inflight * a->io_sizes[0] >= a->lba_count)
		return NVT_W_DONE;
	if (a->time_ms && now - w->start_ns >= (u64)a->time_ms * NSEC_PER_MSEC)
		return NVT_W_DONE;
	/* a replayed command no earlier than its time */
	if (w->seq && !nvt_gen_seq(&w->gen, div_u64(now - w->start_ns,
						    NSEC_PER_USEC)))
		return w->gen.pass_done ? NVT_W_DONE : NVT_W_WAIT;
	/* iops limit: no more than the elapsed time allows */
	if (a->iops && w->submitted >= div_u64((now - w->start_ns) *
					       (u64)a->iops, NSEC_PER_SEC) + 1)
		return NVT_W_WAIT;
	return NVT_W_SEND;
}

static int nvt_worker_thread(void *arg)
{
	struct nvt_worker *w = arg;
	struct nvt_queue *q = w->q;
	enum nvt_worker_next next;

	w->start_ns = ktime_get_ns();
	for (;;) {
		bool sent = false;
		u64 completed;

		if (kthread_should_stop())
			w->stop_asked = true;
		spin_lock(&q->lock);
		/* the commands of one round share a clock read, and a doorbell */
		q->now_ns = ktime_get_ns();
		next = nvt_worker_next(w, q->now_ns);
		while (next == NVT_W_SEND && w->nfree &&
		       w->inflight < w->a.qdepth && nvt_worker_send(w)) {
			sent = true;
			next = nvt_worker_next(w, q->now_ns);
		}
		spin_unlock(&q->lock);
		if (sent)
			nvt_queue_ring(q);
		completed = w->completed;
		nvt_queue_poll(q, true);
		if (nvt_queue_orphaned(q) && !w->error)
			w->error = NVT_STATUS_ABORTED;	/* controller reset */
		next = nvt_worker_next(w, READ_ONCE(q->now_ns));
		if ((next == NVT_W_DONE && !w->inflight) || nvt_queue_orphaned(q))
			break;
		if (next == NVT_W_WAIT && !w->inflight)
			usleep_range(20, 50);	/* held back by the iops limit */
		else if (w->a.poll_idle_us && w->inflight &&
			 w->completed == completed)
			usleep_range(w->a.poll_idle_us,
				     w->a.poll_idle_us + w->a.poll_idle_us / 4);
		else
			cond_resched();
	}
	/* its CQ head, left behind while it ran (nvt_queue_ring()) */
	nvt_queue_ring_cq_head(q);
	nvt_worker_unhold(w);
	mutex_lock(&w->lock);
	w->end_ns = ktime_get_ns();
	w->cpu_ns = current->se.sum_exec_runtime;
	w->running = false;
	mutex_unlock(&w->lock);
	nvt_worker_event(w, NVT_EV_WORKER_END, w->error);
	/* kthread_stop() wants the thread alive until it asks */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void nvt_worker_free_prp(struct nvt_worker *w)
{
	u32 i;

	for (i = 0; w->prp && i < w->nslots; i++) {
		if (w->prp[i])
			dma_pool_free(w->dev->prp_pool, w->prp[i],
				      w->prp_dma[i]);
		w->prp[i] = NULL;
	}
}

static void nvt_worker_release(struct kref *ref)
{
	struct nvt_worker *w = container_of(ref, struct nvt_worker, ref);

	vfree(w->seq);
	vfree(w->recs);
	kvfree(w->slot_values);
	kfree(w->prp);
	kfree(w->prp_dma);
	kfree(w->free_slots);
	kfree(w->slot_op);
	kfree(w->slot_sqe);
	kfree(w->slot_nlb);
	kfree(w->op_weights);
	kfree(w->op_stat);
	kvfree(w->op_hist);
	vfree(w->hist);
	vfree(w->per_second);
	kfree(w);
}

static void nvt_worker_put(struct nvt_worker *w)
{
	kref_put(&w->ref, nvt_worker_release);
}

static void nvt_worker_free_dma(struct nvt_parked_mem *pm)
{
	struct nvt_worker *w = container_of(pm, struct nvt_worker, park);
	struct device *dmadev = &w->dev->pdev->dev;
	u32 i;

	nvt_worker_free_prp(w);
	for (i = 0; w->data && w->data_dma && i < w->nslots; i++)
		if (w->data[i])
			dma_free_coherent(dmadev, w->slot_bytes, w->data[i],
					  w->data_dma[i]);
	kfree(w->data);
	kfree(w->data_dma);
	w->data_dma = NULL;
	if (w->meta)
		dma_free_coherent(dmadev, w->nslots * w->slot_meta, w->meta,
				  w->meta_dma);
	w->data = NULL;
	w->meta = NULL;
	nvt_worker_put(w);
}

/*
 * The thread is gone: its DMA memory goes once the controller cannot
 * reach it (a command that timed out may still land in its slot).
 */
static void nvt_worker_release_dma(struct nvt_worker *w)
{
	if (w->dma_released)
		return;
	w->dma_released = true;
	kref_get(&w->ref);
	w->park.free = nvt_worker_free_dma;
	nvt_park(w->dev, &w->park, !w->inflight && !w->lost_slots);
}

/* Stop the thread (if any) and let go of the queue and the DMA memory. */
static void nvt_worker_stop(struct nvt_worker *w)
{
	bool ended;

	if (w->task) {
		kthread_stop(w->task);
		put_task_struct(w->task);
		w->task = NULL;
	}
	mutex_lock(&w->lock);
	ended = w->running;
	if (w->running) {
		/* stopped before it ran, or by a controller gone under it */
		if (!w->error)
			w->error = NVT_STATUS_ABORTED;
		w->end_ns = ktime_get_ns();
		w->running = false;
	}
	mutex_unlock(&w->lock);
	if (ended && w->announced)
		nvt_worker_event(w, NVT_EV_WORKER_END, w->error);
	nvt_worker_unhold(w);
	if (w->q)
		WRITE_ONCE(w->q->worker, NULL);
	w->q = NULL;
	nvt_worker_release_dma(w);
}

/*
 * One I/O: PRP1's page and one list page of the controller's (MPS / 8
 * entries, no chaining); a list page must fit a kernel page.
 */
static u64 nvt_worker_max_io(struct nvt_dev *dev)
{
	u32 ps = dev->page_size;

	return ps > PAGE_SIZE ? 2ull * ps : (u64)(ps / 8 + 1) * ps;
}

/* One I/O within one PRP list page, all slots within the memory cap. */
static bool nvt_worker_fits(struct nvt_dev *dev, struct nvt_worker_args *a,
			    u32 max_nlb)
{
	return (u64)max_nlb * a->lba_size <= nvt_worker_max_io(dev) &&
	       (u64)max_nlb * a->lba_size * a->qdepth <= NVT_WORKER_MAX_BYTES;
}

/*
 * The sequence to replay, from the caller: its opcodes become the worker's
 * (in order of first use), its largest I/O sizes the slots.
 */
static int nvt_worker_load_seq(struct nvt_worker *w, u32 *max_nlb)
{
	struct nvt_worker_args *a = &w->a;
	u32 i, k, nr_ops = 0;

	w->nr_ops = 0;
	w->seq = vmalloc(array_size(a->nr_seq, sizeof(*w->seq)));
	if (!w->seq)
		return -ENOMEM;
	if (copy_from_user(w->seq, u64_to_user_ptr(a->seq),
			   (size_t)a->nr_seq * sizeof(*w->seq)))
		return -EFAULT;
	*max_nlb = 1;
	for (i = 0; i < a->nr_seq; i++) {
		struct nvt_worker_seq *e = &w->seq[i];

		if (e->rsvd[0] || e->rsvd[1] || e->rsvd[2] ||
		    e->time_us > NVT_WORKER_MAX_SECONDS * USEC_PER_SEC)
			return -EINVAL;
		if (e->opcode == NVT_NVM_FLUSH)
			e->nlb = 0;
		else if (!e->nlb || e->nlb > 65536)
			return -EINVAL;
		*max_nlb = max(*max_nlb, e->nlb);
		for (k = 0; k < nr_ops && w->opcodes[k] != e->opcode; k++)
			;
		if (k == nr_ops) {
			if (nr_ops == NVT_WORKER_MAX_OPS)
				return -EINVAL;
			w->opcodes[nr_ops++] = e->opcode;
		}
	}
	w->nr_ops = nr_ops;
	return nvt_worker_fits(w->dev, a, *max_nlb) ? 0 : -E2BIG;
}

/* The data pattern: the guide's codes, and the older 1 and 2. */
static bool nvt_worker_ptype_ok(const struct nvt_worker_args *a)
{
	switch (a->ptype) {
	case NVT_WORKER_PTYPE_FIXED:
		return a->pvalue <= 1;
	case NVT_WORKER_PTYPE_DWORD:
	case NVT_WORKER_PTYPE_DWORD_OLD:
		return true;
	case NVT_WORKER_PTYPE_RANDOM:
	case NVT_WORKER_PTYPE_RANDOM_OLD:
		return a->pvalue <= 100;
	}
	return false;
}

/*
 * A step of 0 given stays on one LBA: sequential I/O then never comes
 * round to the region's start, so one pass would never end.
 */
static bool nvt_worker_step_ok(const struct nvt_worker_args *a)
{
	return !(a->flags & NVT_WORKER_LBA_STEP) || a->lba_step ||
	       a->lba_random == 100 || a->nr_seq || a->io_count ||
	       a->lba_count || a->time_ms;
}

/*
 * The opcode mix, from the caller: distinct opcodes, each with a share,
 * the shares adding up to what a u32 holds.
 */
static int nvt_worker_load_ops(struct nvt_worker *w)
{
	struct nvt_worker_args *a = &w->a;
	struct nvt_worker_op *ops;
	DECLARE_BITMAP(seen, 256);
	u64 sum = 0;
	int ret = 0;
	u32 i;

	ops = memdup_user(u64_to_user_ptr(a->ops),
			  array_size(a->nr_ops, sizeof(*ops)));
	if (IS_ERR(ops))
		return PTR_ERR(ops);
	w->op_weights = kcalloc(a->nr_ops, sizeof(u32), GFP_KERNEL);
	if (!w->op_weights) {
		ret = -ENOMEM;
		goto out;
	}
	bitmap_zero(seen, 256);
	for (i = 0; i < a->nr_ops; i++) {
		if (!ops[i].weight || ops[i].rsvd[0] || ops[i].rsvd[1] ||
		    ops[i].rsvd[2] || test_and_set_bit(ops[i].opcode, seen)) {
			ret = -EINVAL;
			goto out;
		}
		w->opcodes[i] = ops[i].opcode;
		w->op_weights[i] = ops[i].weight;
		sum += ops[i].weight;
	}
	if (sum > U32_MAX) {
		ret = -EINVAL;
		goto out;
	}
	w->nr_ops = a->nr_ops;
	w->gen.op_weights = w->op_weights;
	w->gen.nr_ops = a->nr_ops;
	w->gen.op_weight_sum = sum;
out:
	kfree(ops);
	return ret;
}

static int nvt_worker_check(struct nvt_dev *dev, struct nvt_worker_args *a,
			    struct nvt_queue *q, u32 *max_nlb)
{
	u64 dist = 0;
	u32 i, weights = 0;

	if (a->nr_regions > NVT_WORKER_MAX_REGIONS || a->rsvd[0] || a->rsvd[1])
		return -EINVAL;
	if (a->nr_regions > 1) {
		/* the first region stands for the whole in what follows */
		for (i = 0; i < a->nr_regions; i++)
			if (a->regions[i][1] <= a->regions[i][0])
				return -EINVAL;
		a->region_start = a->regions[0][0];
		a->region_end = a->regions[0][1];
	}
	for (i = 0; i < NVT_WORKER_DIST_PARTS; i++)
		dist += a->distribution[i];
	if (dist > U32_MAX)
		return -EINVAL;

	if (a->flags & ~(NVT_WORKER_EXIT_ON_ERROR | NVT_WORKER_CMDLIST_ERRORS |
			 NVT_WORKER_LBA_START | NVT_WORKER_LBA_STEP) ||
	    !a->nsid ||
	    a->lba_size < 512 || a->lba_size > 65536 ||
	    !a->nr_sizes || a->nr_sizes > NVT_WORKER_MAX_SIZES ||
	    a->read_percentage > 100 || a->lba_random > 100 ||
	    !a->qdepth || a->qdepth >= q->sq_depth ||
	    a->region_end <= a->region_start ||
	    a->time_ms > NVT_WORKER_MAX_SECONDS * 1000 ||
	    (a->cpu >= 0 && (a->cpu >= nr_cpu_ids || !cpu_online(a->cpu))))
		return -EINVAL;
	*max_nlb = 0;
	for (i = 0; i < a->nr_sizes; i++) {
		if (!a->io_sizes[i] || a->io_sizes[i] > 65536 ||
		    !a->io_weights[i])
			return -EINVAL;
		*max_nlb = max(*max_nlb, a->io_sizes[i]);
		weights += a->io_weights[i];
	}
	if (a->nr_ops > NVT_WORKER_MAX_OPS || a->io_flags > 0xffff ||
	    a->sgl_percentage > 100 || !nvt_worker_ptype_ok(a) ||
	    !nvt_worker_step_ok(a))
		return -EINVAL;
	if ((a->nr_ops && !a->ops) || (!a->nr_ops && a->ops))
		return -EINVAL;
	if (a->nr_seq > NVT_WORKER_MAX_SEQ || (a->nr_seq && !a->seq) ||
	    a->cmdlist_max > NVT_WORKER_MAX_CMDLIST || a->meta_size > 256 ||
	    a->poll_idle_us > NVT_WORKER_MAX_POLL_IDLE_US)
		return -EINVAL;
	if (!nvt_worker_fits(dev, a, *max_nlb))
		return -E2BIG;
	if (!weights)
		return -EINVAL;
	/* its PRPs cover what its commands move only in the right format */
	return nvt_nsinfo_check_worker(dev, a->nsid, a->io_flags, a->lba_size,
				       a->meta_size);
}

/* @len random bytes at @b, @pct % of them (0: all), the rest zero. */
static void nvt_worker_fill_random(struct nvt_worker *w, u8 *b, size_t len,
				   u32 pct)
{
	size_t i;
	u64 r;

	if (!pct || pct >= 100) {
		/* incompressible: eight random bytes a draw */
		for (i = 0; i + 8 <= len; i += 8) {
			r = nvt_gen_rand(&w->gen);
			memcpy(b + i, &r, 8);
		}
		for (; i < len; i++)
			b[i] = (u8)nvt_gen_rand(&w->gen);
		return;
	}
	for (i = 0; i < len; i++)
		b[i] = nvt_gen_below(&w->gen, 100) < pct ?
		       (u8)nvt_gen_rand(&w->gen) : 0;
}

/* The data writes carry: zeros or ones, a dword pattern, random bytes. */
static void nvt_worker_fill(struct nvt_worker *w)
{
	size_t i, len = w->slot_bytes;
	u32 slot;

	for (slot = 0; slot < w->nslots; slot++) {
		u32 *d = w->data[slot];
		u8 *b = w->data[slot];

		switch (w->a.ptype) {
		case NVT_WORKER_PTYPE_FIXED:
			if (w->a.pvalue)
				memset(b, 0xff, len);
			break;
		case NVT_WORKER_PTYPE_DWORD:
		case NVT_WORKER_PTYPE_DWORD_OLD:
			for (i = 0; i < len / 4; i++)
				d[i] = cpu_to_le32(w->a.pvalue);
			break;
		default:
			nvt_worker_fill_random(w, b, len, w->a.pvalue);
		}
	}
}

static int nvt_worker_alloc(struct nvt_worker *w, u32 max_nlb)
{
	struct nvt_dev *dev = w->dev;
	u32 ps = dev->page_size, i;
	dma_addr_t sink = 0;

	w->nslots = w->a.qdepth;
	w->max_nlb = max_nlb;
	w->slot_values = kvzalloc(array_size(w->nslots, max_nlb), GFP_KERNEL);
	w->slot_bytes = ALIGN((size_t)max_nlb * w->a.lba_size, ps);
	if (w->a.meta_size) {
		/* MPTR: dword aligned; zeros, as the data of ptype 0 */
		w->slot_meta = ALIGN((size_t)max_nlb * w->a.meta_size, 8);
		w->meta = dma_alloc_coherent(&dev->pdev->dev,
					     w->nslots * w->slot_meta,
					     &w->meta_dma,
					     GFP_KERNEL | __GFP_NOWARN);
		if (!w->meta)
			return -ENOMEM;
	}
	/* a workload too big for memory is refused, not warned about */
	w->data = kcalloc(w->nslots, sizeof(*w->data), GFP_KERNEL);
	w->data_dma = kcalloc(w->nslots, sizeof(*w->data_dma), GFP_KERNEL);
	if (!w->data || !w->data_dma)
		return -ENOMEM;
	for (i = 0; i < w->nslots; i++) {
		w->data[i] = dma_alloc_coherent(&dev->pdev->dev, w->slot_bytes,
						&w->data_dma[i],
						GFP_KERNEL | __GFP_NOWARN);
		if (!w->data[i])
			return -ENOMEM;
	}
	w->prp = kcalloc(w->nslots, sizeof(*w->prp), GFP_KERNEL);
	w->prp_dma = kcalloc(w->nslots, sizeof(*w->prp_dma), GFP_KERNEL);
	w->free_slots = kcalloc(w->nslots, sizeof(u32), GFP_KERNEL);
	w->slot_op = kcalloc(w->nslots, 1, GFP_KERNEL);
	w->slot_sqe = kcalloc(w->nslots, sizeof(*w->slot_sqe), GFP_KERNEL);
	w->slot_nlb = kcalloc(w->nslots, sizeof(u32), GFP_KERNEL);
	w->hist = vzalloc(NVT_WORKER_HIST_US * sizeof(u32));
	w->seconds = (w->a.time_ms ? w->a.time_ms / 1000 : 3600) + 2;
	w->per_second = vzalloc(w->seconds * sizeof(u32));
	if (!w->slot_values || !w->prp || !w->prp_dma ||
	    !w->free_slots || !w->slot_op || !w->slot_sqe || !w->slot_nlb ||
	    !w->hist || !w->per_second)
		return -ENOMEM;
	for (i = 0; i < w->nslots; i++) {
		w->free_slots[i] = i;
		if (w->slot_bytes > 2 * ps) {
			/* one list for the whole slot (nvt_worker_fits()) */
			struct nvt_prp_plan p;

			if (nvt_prp_plan(w->data_dma[i], w->slot_bytes, ps,
					 PAGE_SIZE, 1, &p))
				return -EINVAL;
			w->prp[i] = dma_pool_zalloc(dev->prp_pool, GFP_KERNEL,
						    &w->prp_dma[i]);
			if (!w->prp[i])
				return -ENOMEM;
			if (!sink && nvt_nsinfo_sink(dev, &sink))
				return -ENOMEM;
			nvt_prp_fill(&p, ps, PAGE_SIZE, &w->prp[i],
				     &w->prp_dma[i], sink);
		}
	}
	w->nfree = w->nslots;
	nvt_worker_fill(w);
	return 0;
}

long nvt_ioctl_worker_start(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_worker_args *ap = arg, a = *ap;
	struct nvt_worker *w;
	struct nvt_queue *q;
	u32 max_nlb, id;
	int ret;

	q = a.qid ? nvt_queue_by_id(dev, a.qid) : NULL;
	if (!q)
		return -ENOENT;
	ret = nvt_worker_check(dev, &a, q, &max_nlb);
	if (ret)
		return ret;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	kref_init(&w->ref);
	w->dev = dev;
	w->owner = nf;
	w->a = a;
	mutex_init(&w->lock);
	nvt_gen_seed(&w->gen, a.seed ?: get_random_u64());
	w->gen.sizes = w->a.io_sizes;
	w->gen.weights = w->a.io_weights;
	w->gen.nr_sizes = a.nr_sizes;
	for (id = 0; id < a.nr_sizes; id++)
		w->gen.weight_sum += a.io_weights[id];
	w->gen.read_pct = a.read_percentage;
	w->gen.random_pct = a.lba_random;
	w->gen.start = a.region_start;
	w->gen.end = a.region_end;
	w->gen.align = a.lba_align;
	w->gen.step = a.lba_step;
	w->gen.step_given = a.flags & NVT_WORKER_LBA_STEP;
	/* a negative step starts at the region's end */
	w->gen.next = a.lba_step < 0 ? a.region_end - a.io_sizes[0] :
				       a.region_start;
	w->gen.one_pass = !a.io_count && !a.time_ms && !a.lba_count;
	if (a.nr_regions > 1) {
		w->gen.regions = &w->a.regions[0][0];
		w->gen.nr_regions = a.nr_regions;
		/* backwards: from the last region's end */
		if (a.lba_step < 0) {
			w->gen.region = a.nr_regions - 1;
			w->gen.start = a.regions[a.nr_regions - 1][0];
			w->gen.end = a.regions[a.nr_regions - 1][1];
			w->gen.next = w->gen.end - a.io_sizes[0];
		}
	}
	/* the first sequential LBA asked for, in the region it starts in */
	if (a.flags & NVT_WORKER_LBA_START) {
		if (a.lba_start < w->gen.start || a.lba_start >= w->gen.end) {
			ret = -EINVAL;
			goto fail;
		}
		w->gen.next = a.lba_start;
	}
	for (id = 0; id < NVT_WORKER_DIST_PARTS; id++)
		w->gen.dist_sum += a.distribution[id];
	if (w->gen.dist_sum)
		w->gen.dist = w->a.distribution;
	if (a.nr_ops) {
		ret = nvt_worker_load_ops(w);
		if (ret)
			goto fail;
	} else {
		w->opcodes[0] = NVT_NVM_READ;
		w->opcodes[1] = NVT_NVM_WRITE;
		w->nr_ops = 2;
	}
	if (a.nr_seq) {
		ret = nvt_worker_load_seq(w, &max_nlb);
		if (ret)
			goto fail;
		w->gen.seq = w->seq;
		w->gen.nr_seq = a.nr_seq;
	}
	/* per opcode: counts and a histogram */
	w->op_stat = kcalloc(w->nr_ops, sizeof(*w->op_stat), GFP_KERNEL);
	w->op_hist = kvcalloc(array_size(w->nr_ops, NVT_WORKER_OPH_BINS),
			      sizeof(u32), GFP_KERNEL);
	if (!w->op_stat || !w->op_hist) {
		ret = -ENOMEM;
		goto fail;
	}
	for (id = 0; id < w->nr_ops; id++)
		w->op_stat[id].opcode = w->opcodes[id];
	if (a.cmdlist_max) {
		w->recs = vzalloc(array_size(a.cmdlist_max, sizeof(*w->recs)));
		if (!w->recs) {
			ret = -ENOMEM;
			goto fail;
		}
	}
	ret = nvt_worker_alloc(w, max_nlb);
	if (ret)
		goto fail;

	spin_lock(&q->lock);
	if (nvt_queue_orphaned(q))
		ret = -EBADFD;
	else if (q->worker || q->outstanding)
		ret = -EBUSY;
	else
		q->worker = w;
	spin_unlock(&q->lock);
	if (ret)
		goto fail;
	w->q = q;
	ret = nvt_nsinfo_hold(dev, NVT_HOLD_IO);
	if (ret)
		goto fail;	/* a format or the like is in flight */
	atomic_set(&w->io_hold, 1);
	w->running = true;
	w->task = kthread_create(nvt_worker_thread, w, "nvt%d-w", dev->minor);
	if (IS_ERR(w->task)) {
		ret = PTR_ERR(w->task);
		w->task = NULL;
		goto fail;
	}
	/* keep it until kthread_stop(), even once it has ended */
	get_task_struct(w->task);
	if (a.cpu >= 0)
		kthread_bind(w->task, a.cpu);
	/* only complete workers are ever found by id */
	ret = xa_alloc(&dev->workers, &id, w, xa_limit_31b, GFP_KERNEL);
	if (ret)
		goto fail;
	w->id = id;
	w->qid = q->qid;
	w->start_ns = ktime_get_ns();
	nvt_worker_event(w, NVT_EV_WORKER_START, 0);
	w->announced = true;
	wake_up_process(w->task);
	nvt_stats_kick(dev);
	ap->id = id;
	/* until the answer is back: this very worker, whatever its id does */
	kref_get(&w->ref);
	*nvt_ioctl_keep(ap, sizeof(*ap)) = w;
	return 0;
fail:
	nvt_worker_stop(w);
	nvt_worker_put(w);
	return ret;
}

/*
 * Take the worker of @id out of the table (@want: only if the id still
 * names that one): the caller stops and puts it.
 */
static struct nvt_worker *nvt_worker_take(struct nvt_file *nf, u32 id,
					  struct nvt_worker *want)
{
	struct nvt_worker *w;

	xa_lock(&nf->dev->workers);
	w = xa_load(&nf->dev->workers, id);
	if (w && w->owner == nf && (!want || w == want))
		__xa_erase(&nf->dev->workers, id);
	else
		w = NULL;
	xa_unlock(&nf->dev->workers);
	return w;
}

/* The caller never learnt the worker's id: stop and free that worker. */
void nvt_ioctl_worker_start_finish(struct nvt_file *nf, void *arg,
				   bool answered)
{
	struct nvt_worker_args *a = arg;
	struct nvt_worker *kept = *nvt_ioctl_keep(a, sizeof(*a));
	struct nvt_worker *w = answered ? NULL :
			       nvt_worker_take(nf, a->id, kept);

	if (w) {
		nvt_worker_stop(w);
		nvt_worker_put(w);
	}
	nvt_worker_put(kept);
}

/* The worker of @id with a reference, or NULL. */
static struct nvt_worker *nvt_worker_get(struct nvt_file *nf, u32 id)
{
	struct nvt_worker *w;

	xa_lock(&nf->dev->workers);
	w = xa_load(&nf->dev->workers, id);
	if (w && w->owner == nf)
		kref_get(&w->ref);
	else
		w = NULL;
	xa_unlock(&nf->dev->workers);
	return w;
}

/* The command records, newest first, to the caller's array. */
static int nvt_worker_copy_recs(struct nvt_worker *w,
				struct nvt_worker_status *st)
{
	struct nvt_worker_rec __user *out = u64_to_user_ptr(st->cmdlist);
	u32 n = min(st->cmdlist_room, w->nr_recs), i, k;

	for (i = 0; i < n; i++) {
		k = (w->rec_next + w->a.cmdlist_max - 1 - i) % w->a.cmdlist_max;
		if (copy_to_user(&out[i], &w->recs[k], sizeof(out[i])))
			return -EFAULT;
	}
	st->nr_cmdlist = n;
	return 0;
}

/* The slow completions kept, oldest first, to the caller's array. */
static int nvt_worker_copy_slow(struct nvt_worker *w,
				struct nvt_worker_status *st)
{
	u32 n = min_t(u64, w->slow, NVT_WORKER_MAX_SLOW);

	st->nr_slow = 0;
	if (!st->slow || !st->slow_room)
		return 0;
	n = min(n, st->slow_room);
	if (copy_to_user(u64_to_user_ptr(st->slow), w->slow_recs,
			 array_size(n, sizeof(w->slow_recs[0]))))
		return -EFAULT;
	st->nr_slow = n;
	return 0;
}

/* Per opcode of the mix: counts and histograms, as room allows. */
static int nvt_worker_copy_ops(struct nvt_worker *w,
			       struct nvt_worker_status *st)
{
	u32 n = min(st->ops_room, w->nr_ops);

	if (st->ops && copy_to_user(u64_to_user_ptr(st->ops), w->op_stat,
				    array_size(n, sizeof(*w->op_stat))))
		return -EFAULT;
	if (st->op_histogram &&
	    copy_to_user(u64_to_user_ptr(st->op_histogram), w->op_hist,
			 array3_size(n, NVT_WORKER_OPH_BINS, sizeof(u32))))
		return -EFAULT;
	return 0;
}

long nvt_ioctl_worker_status(struct nvt_file *nf, void *arg)
{
	struct nvt_worker_status *sp = arg, st = *sp;
	struct nvt_worker *w;
	int ret = 0;
	u64 end;

	/* RUNNING is an answer: a caller may hand it back */
	if (st.flags & ~(NVT_WORKER_STOP | NVT_WORKER_RUNNING) ||
	    st.ops_room > NVT_WORKER_MAX_OPS)
		return -EINVAL;
	w = nvt_worker_get(nf, st.id);
	if (!w)
		return -ENOENT;
	if (st.flags & NVT_WORKER_STOP)
		WRITE_ONCE(w->stop_asked, true);
	/*
	 * w->lock keeps the worker's memory; its figures change under the
	 * queue lock, which a reader does not take: waiting for it would
	 * slow the worker down.  A running worker's figures are a moment's
	 * view, a finished one's are final.
	 */
	mutex_lock(&w->lock);
	end = w->running ? ktime_get_ns() : w->end_ns;
	st.flags = w->running ? NVT_WORKER_RUNNING : 0;
	st.io_count_read = w->io_read;
	st.io_count_write = w->io_write;
	st.io_count_nonread = w->io_nonread;
	st.lba_count_read = w->lba_read;
	st.lba_count_write = w->lba_write;
	st.lba_count_nonread = w->lba_nonread;
	st.nr_ops = w->nr_ops;
	st.slow_count = w->slow;
	st.submitted = w->submitted;
	st.mseconds = div_u64(end - w->start_ns, NSEC_PER_MSEC);
	st.latency_max_us = w->lat_max_us;
	st.latency_average_us = w->completed ?
				div64_u64(w->lat_sum_us, w->completed) : 0;
	st.error = w->error;
	memcpy(st.error_cmd, w->error_cmd, sizeof(st.error_cmd));
	memcpy(st.error_cpl, w->error_cpl, sizeof(st.error_cpl));
	st.cpu_ns = w->running ? 0 : w->cpu_ns;
	st.seconds = min_t(u32, div_u64(end - w->start_ns, NSEC_PER_SEC) + 1,
			   w->seconds);
	if (st.per_second && st.per_second_max &&
	    copy_to_user(u64_to_user_ptr(st.per_second), w->per_second,
			 min(st.seconds, st.per_second_max) * sizeof(u32)))
		ret = -EFAULT;
	if (!ret && st.cmdlist && st.cmdlist_room)
		ret = nvt_worker_copy_recs(w, &st);
	if (!ret)
		ret = nvt_worker_copy_slow(w, &st);
	if (!ret && st.histogram &&
	    copy_to_user(u64_to_user_ptr(st.histogram), w->hist,
			 NVT_WORKER_HIST_US * sizeof(u32)))
		ret = -EFAULT;
	if (!ret)
		ret = nvt_worker_copy_ops(w, &st);
	mutex_unlock(&w->lock);
	nvt_worker_put(w);
	if (!ret)
		*sp = st;
	return ret;
}

long nvt_ioctl_worker_free(struct nvt_file *nf, void *arg)
{
	struct nvt_worker_status *st = arg;
	struct nvt_worker *w = nvt_worker_take(nf, st->id, NULL);

	if (!w)
		return -ENOENT;
	nvt_worker_stop(w);
	nvt_worker_put(w);
	return 0;
}

/*
 * The controller is off and its I/O queues go: stop every worker, keep its
 * results for STATUS, free its DMA memory (nothing can DMA now).
 */
void nvt_workers_detach(struct nvt_dev *dev)
{
	struct nvt_worker *w;
	unsigned long id;

	xa_for_each(&dev->workers, id, w) {
		if (!w->q)
			continue;
		/*
		 * Ended by the device going away, whatever it had in flight
		 * at that moment: its results say so.
		 */
		mutex_lock(&w->lock);
		if (w->running && !w->error)
			w->error = NVT_STATUS_ABORTED;
		mutex_unlock(&w->lock);
		nvt_worker_stop(w);
	}
}

/* Stop and free every worker of @nf. */
void nvt_workers_release(struct nvt_dev *dev, struct nvt_file *nf)
{
	struct nvt_worker *w;
	unsigned long id;

	xa_for_each(&dev->workers, id, w) {
		w = nvt_worker_take(nf, id, NULL);
		if (w) {
			nvt_worker_stop(w);
			nvt_worker_put(w);
		}
	}
}

/*
 * The id of the worker driving @q, or -ENOENT.  Only a worker still in
 * the table is looked at: under its lock it cannot be freed.
 */
int nvt_worker_of_queue(struct nvt_dev *dev, const struct nvt_queue *q)
{
	struct nvt_worker *w;
	unsigned long id;
	int ret = -ENOENT;

	xa_lock(&dev->workers);
	xa_for_each(&dev->workers, id, w) {
		if (READ_ONCE(w->q) == q) {
			ret = w->id;
			break;
		}
	}
	xa_unlock(&dev->workers);
	return ret;
}

/* Has @dev a worker whose thread runs? */
bool nvt_workers_running(struct nvt_dev *dev)
{
	struct nvt_worker *w;
	unsigned long id;
	bool running = false;

	xa_lock(&dev->workers);
	xa_for_each(&dev->workers, id, w)
		running |= READ_ONCE(w->running);
	xa_unlock(&dev->workers);
	return running;
}

/* Bytes a worker's reads and writes moved (read racily). */
static u64 nvt_worker_bytes(const struct nvt_worker *w)
{
	return (READ_ONCE(w->lba_read) + READ_ONCE(w->lba_write)) *
	       w->a.lba_size;
}

/*
 * A statistics tick: the workers' last second.  Their counters belong to
 * their threads and are read without a lock; a tick may be off by the
 * commands of a moment, never the worker slowed down.
 */
void nvt_workers_stats_tick(struct nvt_dev *dev)
{
	struct nvt_worker *w;
	unsigned long id;
	u64 bytes;

	xa_lock(&dev->workers);
	xa_for_each(&dev->workers, id, w) {
		bytes = nvt_worker_bytes(w);
		w->bytes_1s = bytes - w->st_bytes;
		w->st_bytes = bytes;
		nvt_stats_step(&w->st, READ_ONCE(w->completed),
			       READ_ONCE(w->lat_sum_us) * NSEC_PER_USEC,
			       (u64)READ_ONCE(w->lat_win_max_us) *
			       NSEC_PER_USEC);
		WRITE_ONCE(w->lat_win_max_us, 0);
	}
	xa_unlock(&dev->workers);
}

static int nvt_worker_genl_fill(struct sk_buff *skb, struct nvt_worker *w)
{
	struct nlattr *nest = nla_nest_start(skb, NVT_GENL_A_WORKER_STATS);
	struct nvt_queue *q = READ_ONCE(w->q);
	u32 inflight = READ_ONCE(w->inflight);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NVT_GENL_W_ID, w->id) ||
	    nla_put_u32(skb, NVT_GENL_W_QID, q ? w->qid : 0) ||
	    nla_put_u32(skb, NVT_GENL_W_RUNNING, READ_ONCE(w->running)) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_COMPLETED,
			      READ_ONCE(w->completed), NVT_GENL_W_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_ERRORS, READ_ONCE(w->errors),
			      NVT_GENL_W_PAD) ||
	    nla_put_u32(skb, NVT_GENL_W_STATUS, READ_ONCE(w->error)) ||
	    nla_put_u32(skb, NVT_GENL_W_INFLIGHT, inflight) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_IOS_1S, w->st.done,
			      NVT_GENL_W_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_BYTES_1S, w->bytes_1s,
			      NVT_GENL_W_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_LAT_AVG_NS, w->st.avg_ns,
			      NVT_GENL_W_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_W_LAT_MAX_NS, w->st.max_ns,
			      NVT_GENL_W_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Each worker of @dev into a STATS message. */
int nvt_workers_genl_fill(struct nvt_dev *dev, struct sk_buff *skb)
{
	struct nvt_worker *w;
	unsigned long id;
	int ret = 0;

	xa_lock(&dev->workers);
	xa_for_each(&dev->workers, id, w) {
		ret = nvt_worker_genl_fill(skb, w);
		if (ret)
			break;
	}
	xa_unlock(&dev->workers);
	return ret;
}
