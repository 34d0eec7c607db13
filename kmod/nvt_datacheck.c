// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: per-LBA data verification, shared by every path that sends I/O.
 *
 * A namespace with verification on has a table of one byte per LBA: 0 for
 * "unknown" (never written, deallocated, or written where the driver could
 * not see), 0xff for "written uncorrectable: a read must fail", otherwise a
 * check value of the LBA's data.  Writes through driver-built data pointers
 * get the (nsid, LBA) stamp in their first 8 bytes and a globally
 * increasing token in their last 8 (unless stamping is off), their check
 * values are committed when they succeed; reads are checked when they
 * complete, and a mismatch turns their status into 07/fd.  Every command
 * that changes LBAs (write zeroes, DSM deallocate, write uncorrectable,
 * copy, zone reset, format) keeps the table right.
 */
#include <linux/interval_tree_generic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "nvt.h"
#include "nvt_lba.h"


#define NVT_STAMP_BYTES		8

static unsigned int max_datacheck_mb = 1024;
module_param(max_datacheck_mb, uint, 0644);
MODULE_PARM_DESC(max_datacheck_mb,
		 "largest verification table of a namespace (MiB, one byte per LBA)");

/* The token of the last 8 bytes: increasing across all devices. */
static atomic64_t nvt_write_token = ATOMIC64_INIT(0);

struct nvt_vtable {
	struct kref ref;
	struct nvt_dev *dev;
	struct llist_node free_node;	/* on dev->vt_free once released */
	u32 nsid;
	u64 nlba;
	u32 lba_size;
	u32 stride;
	u64 zone_size;
	bool stamp;
	u8 zero_value;
	u8 *values;			/* nlba entries, vmalloc */
	spinlock_t lock;		/* the LBA locks: commands in flight */
	struct rb_root_cached locks;	/* plain ranges */
	struct list_head inflight;	/* DSM and Copy range lists */
	atomic64_t miscompares;
};

/*
 * The check value of an LBA's data: a multiplicative hash of its 64-bit
 * words in four lanes, each step h = (h + w) * K with K odd.  A step is a
 * bijection of h and of w, and so is the combination of the lanes and the
 * final mixing: data that differs in any one word (any number of its
 * bytes) always gives a different 64-bit hash, as a CRC-32 catches every
 * burst of up to 32 bits.  Folded to 1..254 like the CRC-32 before it, a
 * change of an LBA escapes with probability 1/254 either way.  Plain
 * loads, adds and multiplies: no table, whose loads cost far more than
 * arithmetic where the CPU is emulated (QEMU's TCG).
 */
#define NVT_DCV_K	0x9e3779b97f4a7c15ull	/* odd */
#define NVT_DCV_K2	0xff51afd7ed558ccdull	/* odd */

struct nvt_dcv {
	u64 h[4];
	u64 len;
};

/* a little-endian word, wherever it lies (one plain load on x86) */
static inline u64 nvt_dcv_word(const u8 *p)
{
	__le64 w;

	memcpy(&w, p, sizeof(w));
	return le64_to_cpu(w);
}

static void nvt_dcv_init(struct nvt_dcv *v)
{
	v->h[0] = 1;
	v->h[1] = 2;
	v->h[2] = 3;
	v->h[3] = 4;
	v->len = 0;
}

/* Add @len bytes; only the last piece may have a length not of 32s. */
static void nvt_dcv_update(struct nvt_dcv *v, const u8 *p, u32 len)
{
	u64 h0 = v->h[0], h1 = v->h[1], h2 = v->h[2], h3 = v->h[3];
	u32 i;

	for (i = 0; i + 32 <= len; i += 32) {
		h0 = (h0 + nvt_dcv_word(p + i)) * NVT_DCV_K;
		h1 = (h1 + nvt_dcv_word(p + i + 8)) * NVT_DCV_K;
		h2 = (h2 + nvt_dcv_word(p + i + 16)) * NVT_DCV_K;
		h3 = (h3 + nvt_dcv_word(p + i + 24)) * NVT_DCV_K;
	}
	for (; i + 8 <= len; i += 8)
		h0 = (h0 + nvt_dcv_word(p + i)) * NVT_DCV_K;
	for (; i < len; i++)
		h0 = (h0 + p[i]) * NVT_DCV_K;
	v->h[0] = h0;
	v->h[1] = h1;
	v->h[2] = h2;
	v->h[3] = h3;
	v->len += len;
}

/* 1..254: 0 and 0xff mean unknown and uncorrectable */
static u8 nvt_dcv_final(const struct nvt_dcv *v)
{
	u64 h = v->len;
	int i;

	for (i = 0; i < 4; i++)
		h = (h + v->h[i]) * NVT_DCV_K;
	h ^= h >> 32;
	h *= NVT_DCV_K2;
	h ^= h >> 29;
	return h % 254 + 1;
}

static u8 nvt_datacheck_value(const u8 *data, u32 len)
{
	struct nvt_dcv v;

	nvt_dcv_init(&v);
	nvt_dcv_update(&v, data, len);
	return nvt_dcv_final(&v);
}

/* Little-endian fields of buffers that may not be aligned. */
static void nvt_put_le64(u8 *p, u64 v)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		p[i] = v & 0xff;
}

static void nvt_vtable_release(struct kref *ref)
{
	struct nvt_vtable *vt = container_of(ref, struct nvt_vtable, ref);
	struct nvt_dev *dev = vt->dev;

	/* may be the last command's completion, under a queue lock */
	llist_add(&vt->free_node, &dev->vt_free);
	schedule_work(&dev->vt_free_work);
}

void nvt_datacheck_free_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(work, struct nvt_dev, vt_free_work);
	struct llist_node *list = llist_del_all(&dev->vt_free);
	struct nvt_vtable *vt, *next;

	llist_for_each_entry_safe(vt, next, list, free_node) {
		vfree(vt->values);
		kfree(vt);
	}
}

static void nvt_vtable_put(struct nvt_vtable *vt)
{
	if (vt)
		kref_put(&vt->ref, nvt_vtable_release);
}

/* The slot of @nsid's table (vt_lock held), or -1. */
static int nvt_vtable_find(struct nvt_dev *dev, u32 nsid)
{
	int i;

	lockdep_assert_held(&dev->vt_lock);
	for (i = 0; i < NVT_MAX_VTABLES; i++)
		if (dev->vt[i] && dev->vt[i]->nsid == nsid)
			return i;
	return -1;
}

/* The table of @nsid with a reference, or NULL. */
static struct nvt_vtable *nvt_vtable_get(struct nvt_dev *dev, u32 nsid)
{
	struct nvt_vtable *vt = NULL;
	int i;

	spin_lock(&dev->vt_lock);
	i = nvt_vtable_find(dev, nsid);
	if (i >= 0) {
		vt = dev->vt[i];
		kref_get(&vt->ref);
	}
	spin_unlock(&dev->vt_lock);
	return vt;
}

/* Set entries [slba, slba + nlb) that the table covers to @v. */
static void nvt_vtable_set(struct nvt_vtable *vt, u64 slba, u64 nlb, u8 v)
{
	if (slba >= vt->nlba)
		return;
	nlb = min(nlb, vt->nlba - slba);
	memset(vt->values + slba, v, nlb);
}

/* Commands whose LBAs are locked while they are in flight. */
static bool nvt_datacheck_lockable(const struct nvt_datacheck_cmd *dc)
{
	if (!dc->vt || dc->admin)
		return false;
	switch (dc->opc) {
	case NVT_NVM_WRITE:
	case NVT_NVM_READ:
	case NVT_NVM_COMPARE:
	case NVT_NVM_WRITE_ZEROES:
	case NVT_NVM_WRITE_UNCOR:
	case NVT_NVM_VERIFY:
	case NVT_NVM_COPY:
		return true;
	case NVT_NVM_DSM:
		return dc->cdw11 & NVT_DSM_AD;
	default:
		return false;
	}
}

/*
 * Range @i of the LBAs a command touches (false past the last): its one
 * range, or a DSM's or Copy's list (a Copy adds its destination); a list
 * the driver could not see stands for the whole namespace.
 */
static bool nvt_datacheck_cmd_range(const struct nvt_datacheck_cmd *dc, u32 i,
				    u64 *slba, u64 *nlb)
{
	bool copy = dc->opc == NVT_NVM_COPY;

	if (dc->opc != NVT_NVM_DSM && !copy) {
		*slba = dc->slba;
		*nlb = dc->nlb;
		return !i;
	}
	if (!dc->ranges) {
		*slba = 0;
		*nlb = U64_MAX;
		return !i;
	}
	if (copy && i == dc->nr) {
		*slba = dc->sdlba;
		*nlb = dc->copy_nlb;
		return true;
	}
	if (i >= dc->nr)
		return false;
	nvt_lba_list_range(dc->ranges, i, copy, slba, nlb);
	return true;
}

/* A command of one range, its own slba and nlb (not a DSM or Copy list). */
static bool nvt_datacheck_cmd_single(const struct nvt_datacheck_cmd *dc)
{
	return dc->opc != NVT_NVM_DSM && dc->opc != NVT_NVM_COPY;
}

static u64 nvt_datacheck_cmd_first(struct nvt_datacheck_cmd *dc)
{
	return dc->slba;
}

static u64 nvt_datacheck_cmd_last(struct nvt_datacheck_cmd *dc)
{
	return nvt_range_end(dc->slba, dc->nlb);
}

/* plain ranges in flight: found in O(log n) on every submission */
INTERVAL_TREE_DEFINE(struct nvt_datacheck_cmd, rb, u64, subtree_last,
		     nvt_datacheck_cmd_first, nvt_datacheck_cmd_last, static inline,
		     nvt_locks)

static bool nvt_datacheck_cmd_overlap(const struct nvt_datacheck_cmd *a,
				      const struct nvt_datacheck_cmd *b)
{
	u64 as, an, bs, bn;
	u32 i, j;

	for (i = 0; nvt_datacheck_cmd_range(a, i, &as, &an); i++) {
		for (j = 0; nvt_datacheck_cmd_range(b, j, &bs, &bn); j++) {
			if (nvt_range_overlap(as, an, bs, bn))
				return true;
		}
	}
	return false;
}

bool nvt_datacheck_lock_begin(struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = dc->vt;
	struct nvt_datacheck_cmd *o;
	u64 slba, nlb;
	u32 i;

	if (!nvt_datacheck_lockable(dc))
		return true;
	spin_lock(&vt->lock);
	for (i = 0; nvt_datacheck_cmd_range(dc, i, &slba, &nlb); i++) {
		if (nlb && nvt_locks_iter_first(&vt->locks, slba,
						nvt_range_end(slba, nlb)))
			goto busy;
	}
	list_for_each_entry(o, &vt->inflight, node) {
		if (nvt_datacheck_cmd_overlap(dc, o))
			goto busy;
	}
	/* held until the command is in its slot */
	dc->locking = true;
	return true;
busy:
	spin_unlock(&vt->lock);
	return false;
}

void nvt_datacheck_lock_commit(struct nvt_datacheck_cmd *dc)
{
	if (!dc->locking)
		return;
	if (nvt_datacheck_cmd_single(dc))
		nvt_locks_insert(dc, &dc->vt->locks);
	else
		list_add_tail(&dc->node, &dc->vt->inflight);
	dc->locking = false;
	dc->locked = true;
	spin_unlock(&dc->vt->lock);
}

static void nvt_datacheck_unlock(struct nvt_datacheck_cmd *dc)
{
	if (!dc->locked)
		return;
	spin_lock(&dc->vt->lock);
	if (nvt_datacheck_cmd_single(dc))
		nvt_locks_remove(dc, &dc->vt->locks);
	else
		list_del(&dc->node);
	spin_unlock(&dc->vt->lock);
	dc->locked = false;
}

void nvt_datacheck_release(struct nvt_datacheck_cmd *dc)
{
	nvt_datacheck_unlock(dc);
	if (!dc->borrowed) {
		kfree(dc->values);
		kfree(dc->ranges);
	}
	nvt_vtable_put(dc->vt);
	memset(dc, 0, sizeof(*dc));
}

/* Stamp a write's LBAs and take their check values into dc->values. */
static void nvt_datacheck_stamp(struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = dc->vt;
	u32 i;

	for (i = 0; i < dc->nlb; i++) {
		u8 *lba = dc->data + (size_t)i * vt->stride;

		if (vt->stamp && vt->lba_size >= 2 * NVT_STAMP_BYTES) {
			u64 id = (dc->slba + i) | (u64)vt->nsid << 48;
			u64 token = atomic64_inc_return(&nvt_write_token);

			nvt_put_le64(lba, id);
			nvt_put_le64(lba + vt->lba_size - NVT_STAMP_BYTES,
				     token);
		}
		dc->values[i] = nvt_datacheck_value(lba, vt->lba_size);
	}
}

static int nvt_datacheck_prepare_write(struct nvt_datacheck_cmd *dc)
{
	dc->values = kmalloc(dc->nlb, GFP_KERNEL);
	if (!dc->values)
		return -ENOMEM;
	nvt_datacheck_stamp(dc);
	return 0;
}

/* The fields every I/O command's check needs, from its SQE. */
static void nvt_datacheck_cmd_init(struct nvt_datacheck_cmd *dc,
				   struct nvt_vtable *vt, const u32 *sqe)
{
	dc->vt = vt;
	dc->opc = sqe[0] & 0xff;
	dc->nsid = sqe[1];
	dc->slba = sqe[10] | (u64)sqe[11] << 32;
	dc->nlb = (sqe[12] & NVT_RW_NLB_MASK) + 1;
	dc->cdw11 = sqe[11];
	dc->cdw12 = sqe[12];
	dc->cdw13 = sqe[13];
}

/*
 * An ioworker's command, without allocating (the worker sends under its
 * queue's lock): a write's check values go to @values (room for its LBAs),
 * a DSM's one range stays in the worker's slot @data while it lives.
 */
void nvt_datacheck_worker(struct nvt_dev *dev, const u32 *sqe, u8 *data,
		       u32 lba_bytes, u8 *values, struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = nvt_vtable_get(dev, sqe[1]);

	memset(dc, 0, sizeof(*dc));
	if (!vt)
		return;
	nvt_datacheck_cmd_init(dc, vt, sqe);
	dc->borrowed = true;
	/*
	 * The slot holds LBAs of @lba_bytes: laid out otherwise than the
	 * table's, its data cannot be stamped or checked (what it writes
	 * becomes unknown), and walking it by the table's stride would
	 * leave the slot.
	 */
	if (vt->stride == lba_bytes)
		dc->data = data;
	switch (dc->opc) {
	case NVT_NVM_WRITE:
		if (!dc->data)
			break;
		dc->values = values;
		nvt_datacheck_stamp(dc);
		break;
	case NVT_NVM_DSM:
		/* its one range sits at the start of the slot either way */
		dc->nr = 1;
		if (dc->cdw11 & NVT_DSM_AD)
			dc->ranges = data;
		break;
	default:
		break;
	}
}

/* Keep a copy of a DSM or Copy range list that lives in a buffer. */
static int nvt_datacheck_take_ranges(struct nvt_datacheck_cmd *dc, const struct nvt_cmd *cmd,
				  size_t entry)
{
	size_t len = (size_t)dc->nr * entry;

	if (!dc->data || cmd->buf_length < len)
		return 0;	/* a list we cannot see: entries go unknown */
	dc->ranges = kmemdup(dc->data, len, GFP_KERNEL);
	return dc->ranges ? 0 : -ENOMEM;
}

int nvt_datacheck_submit(struct nvt_dev *dev, struct nvt_queue *q,
		      const struct nvt_cmd *cmd, const struct nvt_dptr *d,
		      struct nvt_datacheck_cmd *dc)
{
	const u32 *sqe = cmd->sqe;
	u8 opc = sqe[0] & 0xff;
	struct nvt_vtable *vt;
	int ret = 0;

	memset(dc, 0, sizeof(*dc));
	if (q->qid == NVT_ADMIN_QID) {
		if (opc != NVT_ADMIN_FORMAT_NVM &&
		    opc != NVT_ADMIN_SANITIZE)
			return 0;
		dc->admin = true;
		dc->opc = opc;
		dc->nsid = sqe[1];
		return 0;
	}
	vt = nvt_vtable_get(dev, sqe[1]);
	if (!vt)
		return 0;
	nvt_datacheck_cmd_init(dc, vt, sqe);
	/* device memory (CMB, PMR) is not read back here */
	if (d->buf && d->buf->cpu)
		dc->data = (u8 *)d->buf->cpu + cmd->buf_offset;

	switch (opc) {
	case NVT_NVM_WRITE:
	case NVT_ZNS_APPEND:
	case NVT_NVM_READ:
		/* only data laid out LBA by LBA in our buffer is seen */
		if (dc->data && cmd->buf_length < (u64)dc->nlb * vt->stride)
			dc->data = NULL;
		if (opc != NVT_NVM_READ && dc->data)
			ret = nvt_datacheck_prepare_write(dc);
		break;
	case NVT_NVM_DSM:
		dc->nr = (sqe[10] & 0xff) + 1;
		if (sqe[11] & NVT_DSM_AD)
			ret = nvt_datacheck_take_ranges(dc, cmd, NVT_DSM_RANGE_BYTES);
		break;
	case NVT_NVM_COPY:
		dc->nr = (sqe[12] & 0xff) + 1;
		dc->sdlba = dc->slba;
		/* source range format 0 only */
		if (!(sqe[12] & 0xf00))
			ret = nvt_datacheck_take_ranges(dc, cmd, NVT_COPY_RANGE_BYTES);
		if (!ret && dc->ranges) {
			u32 i;

			for (i = 0; i < dc->nr; i++)
				dc->copy_nlb += nvt_le_get((u8 *)dc->ranges +
							   i * 32 + 16, 2) + 1;
		}
		break;
	default:
		break;
	}
	if (ret)
		nvt_datacheck_release(dc);
	return ret;
}

/* Check a read's data; on a mismatch, say where in the completion. */
static bool nvt_datacheck_read(struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = dc->vt;
	u32 i;

	if (!dc->data)
		return true;
	for (i = 0; i < dc->nlb; i++) {
		u64 lba = dc->slba + i;
		u8 want, got;

		if (lba >= vt->nlba)
			break;
		want = vt->values[lba];
		if (want == NVT_DATACHECK_UNKNOWN)
			continue;
		got = nvt_datacheck_value(dc->data + (size_t)i * vt->stride,
				       vt->lba_size);
		if (want != NVT_DATACHECK_UNCOR && got == want)
			continue;
		dc->failed = true;
		dc->bad_lba = lba;
		dc->expected = want;
		dc->actual = got;
		atomic64_inc(&vt->miscompares);
		return false;
	}
	return true;
}

/* Entries of the DSM or copy ranges kept at submission. */
static void nvt_datacheck_ranges(struct nvt_datacheck_cmd *dc, bool copy)
{
	struct nvt_vtable *vt = dc->vt;
	u64 dst = dc->sdlba;
	u32 i;

	if (!dc->ranges) {
		/* the list was not visible: what it touched is unknown */
		if (copy)
			nvt_vtable_set(vt, dc->sdlba, vt->nlba, 0);
		else
			nvt_vtable_set(vt, 0, vt->nlba, 0);
		return;
	}
	for (i = 0; i < dc->nr; i++) {
		u64 slba, nlb, k;

		nvt_lba_list_range(dc->ranges, i, copy, &slba, &nlb);
		if (!copy) {
			nvt_vtable_set(vt, slba, nlb, NVT_DATACHECK_UNKNOWN);
			continue;
		}
		for (k = 0; k < nlb; k++, dst++) {
			u8 v = slba + k < vt->nlba ? vt->values[slba + k] :
			       NVT_DATACHECK_UNKNOWN;

			if (dst < vt->nlba)
				vt->values[dst] = v;
		}
	}
}

/* Format or sanitize: every table of the namespace(s) starts over. */
static void nvt_datacheck_forget(struct nvt_dev *dev, u32 nsid)
{
	int i;

	spin_lock(&dev->vt_lock);
	for (i = 0; i < NVT_MAX_VTABLES; i++) {
		struct nvt_vtable *vt = dev->vt[i];

		if (vt && (nsid == 0xffffffff || nsid == 0 || vt->nsid == nsid))
			memset(vt->values, NVT_DATACHECK_UNKNOWN, vt->nlba);
	}
	spin_unlock(&dev->vt_lock);
}

/* A zone reset: its zone, or every zone, starts over. */
static void nvt_datacheck_zone_reset(struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = dc->vt;

	if ((dc->cdw13 & 0xff) != NVT_ZSA_RESET)
		return;
	if (dc->cdw13 & (1u << 8))
		nvt_vtable_set(vt, 0, vt->nlba, NVT_DATACHECK_UNKNOWN);
	else if (vt->zone_size)
		nvt_vtable_set(vt, dc->slba, vt->zone_size, NVT_DATACHECK_UNKNOWN);
}

/* A read did not verify: who listens learns where (under the queue lock). */
static void nvt_datacheck_event(struct nvt_dev *dev,
				const struct nvt_datacheck_cmd *dc,
				const u32 *cqe)
{
	struct nvt_event ev = {
		.type = NVT_EV_MISCOMPARE, .qid = cqe[2] >> 16,
		.cid = nvt_cqe_cid(cqe), .nsid = dc->vt->nsid,
		.lba = dc->bad_lba, .expected = dc->expected,
		.actual = dc->actual,
	};

	nvt_event(dev, &ev);
}

void nvt_datacheck_complete(struct nvt_dev *dev, struct nvt_datacheck_cmd *dc, u32 *cqe)
{
	u16 status = nvt_cqe_status(cqe);
	struct nvt_vtable *vt = dc->vt;
	u64 slba = dc->slba;

	if (dc->admin) {
		if (!status)
			nvt_datacheck_forget(dev, dc->opc == NVT_ADMIN_SANITIZE ?
					  0xffffffff : dc->nsid);
		return;
	}
	if (!vt)
		return;
	switch (dc->opc) {
	case NVT_ZNS_APPEND:
		slba = cqe[0] | (u64)cqe[1] << 32;
		fallthrough;
	case NVT_NVM_WRITE:
		if (status || !dc->values) {
			nvt_vtable_set(vt, slba, dc->nlb, NVT_DATACHECK_UNKNOWN);
			break;
		}
		if (slba < vt->nlba)
			memcpy(vt->values + slba, dc->values,
			       min_t(u64, dc->nlb, vt->nlba - slba));
		break;
	case NVT_NVM_READ:
		if (status || nvt_datacheck_read(dc))
			break;
		nvt_datacheck_event(dev, dc, cqe);
		/* the read "succeeded" with data we did not write */
		cqe[3] = (cqe[3] & 0x1ffff) |
			 (u32)NVT_STATUS_DATACHECK << NVT_CQE_STATUS_SHIFT;
		dev_warn_ratelimited(&dev->pdev->dev,
				     "nsid %u LBA %llu: data does not verify (expected 0x%02x, read 0x%02x)\n",
				     vt->nsid, dc->bad_lba, dc->expected,
				     dc->actual);
		break;
	case NVT_NVM_WRITE_ZEROES:
		if (!status)
			nvt_vtable_set(vt, slba, dc->nlb,
				       dc->cdw12 & NVT_WZ_DEAC ?
				       NVT_DATACHECK_UNKNOWN : vt->zero_value);
		break;
	case NVT_NVM_WRITE_UNCOR:
		if (!status)
			nvt_vtable_set(vt, slba, dc->nlb, NVT_DATACHECK_UNCOR);
		break;
	case NVT_NVM_DSM:
		if (!status && (dc->cdw11 & NVT_DSM_AD))
			nvt_datacheck_ranges(dc, false);
		break;
	case NVT_NVM_COPY:
		if (!status)
			nvt_datacheck_ranges(dc, true);
		break;
	case NVT_ZNS_MGMT_SEND:
		if (!status)
			nvt_datacheck_zone_reset(dc);
		break;
	default:
		break;
	}
}

/*
 * Timed out or aborted: what it would have changed may or may not have
 * landed, so those LBAs become unknown.  Commands that change nothing
 * (reads, compares, flushes, commands we do not know) leave the table as
 * their completion would.
 */
void nvt_datacheck_abandon(struct nvt_datacheck_cmd *dc)
{
	struct nvt_vtable *vt = dc->vt;

	if (!vt)
		goto out;
	switch (dc->opc) {
	case NVT_NVM_WRITE:
	case NVT_NVM_WRITE_ZEROES:
	case NVT_NVM_WRITE_UNCOR:
		nvt_vtable_set(vt, dc->slba, dc->nlb, NVT_DATACHECK_UNKNOWN);
		break;
	case NVT_ZNS_APPEND:
		/* where it went is only known from its completion */
		nvt_vtable_set(vt, dc->slba, vt->zone_size ?: dc->nlb,
			       NVT_DATACHECK_UNKNOWN);
		break;
	case NVT_NVM_DSM:
		if (dc->cdw11 & NVT_DSM_AD)
			nvt_datacheck_ranges(dc, false);
		break;
	case NVT_NVM_COPY:
		nvt_vtable_set(vt, dc->sdlba, dc->ranges ? dc->copy_nlb :
			       vt->nlba, NVT_DATACHECK_UNKNOWN);
		break;
	case NVT_ZNS_MGMT_SEND:
		nvt_datacheck_zone_reset(dc);
		break;
	default:
		break;
	}
out:
	nvt_datacheck_release(dc);
}

static int nvt_datacheck_enable(struct nvt_dev *dev, struct nvt_datacheck *v)
{
	struct nvt_vtable *vt, *old = NULL;
	int i, slot = -1;
	struct nvt_dcv zero;
	u32 k;

	if (!v->nsid || v->nsid == 0xffffffff || !v->nlba ||
	    v->nlba > NVT_DATACHECK_MAX_LBAS || v->lba_size < 512 ||
	    v->lba_size > 65536 || v->lba_stride < v->lba_size ||
	    v->flags & ~NVT_DATACHECK_STAMP)
		return -EINVAL;
	if (v->nlba > (u64)max_datacheck_mb << 20)
		return -E2BIG;
	vt = kzalloc(sizeof(*vt), GFP_KERNEL);
	if (!vt)
		return -ENOMEM;
	vt->values = __vmalloc(v->nlba, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
	if (!vt->values) {
		kfree(vt);
		return -ENOMEM;
	}
	kref_init(&vt->ref);
	spin_lock_init(&vt->lock);
	INIT_LIST_HEAD(&vt->inflight);
	vt->locks = RB_ROOT_CACHED;
	vt->dev = dev;
	vt->nsid = v->nsid;
	vt->nlba = v->nlba;
	vt->lba_size = v->lba_size;
	vt->stride = v->lba_stride;
	vt->zone_size = v->zone_size;
	vt->stamp = v->flags & NVT_DATACHECK_STAMP;
	/* the check value of an LBA of zeros, a page at a time */
	nvt_dcv_init(&zero);
	for (k = 0; k < vt->lba_size; k += PAGE_SIZE)
		nvt_dcv_update(&zero, page_address(ZERO_PAGE(0)),
			       min_t(u32, PAGE_SIZE, vt->lba_size - k));
	vt->zero_value = nvt_dcv_final(&zero);

	spin_lock(&dev->vt_lock);
	slot = nvt_vtable_find(dev, v->nsid);
	if (slot >= 0)
		old = dev->vt[slot];
	for (i = 0; slot < 0 && i < NVT_MAX_VTABLES; i++)
		if (!dev->vt[i])
			slot = i;
	if (slot >= 0)
		dev->vt[slot] = vt;
	spin_unlock(&dev->vt_lock);
	nvt_vtable_put(old);
	if (slot < 0) {
		nvt_vtable_put(vt);
		return -ENOSPC;
	}
	return 0;
}

static int nvt_datacheck_disable(struct nvt_dev *dev, u32 nsid)
{
	struct nvt_vtable *vt = NULL;
	int i;

	spin_lock(&dev->vt_lock);
	i = nvt_vtable_find(dev, nsid);
	if (i >= 0) {
		vt = dev->vt[i];
		dev->vt[i] = NULL;
	}
	spin_unlock(&dev->vt_lock);
	if (!vt)
		return -ENOENT;
	/* commands in flight keep it until they complete */
	nvt_vtable_put(vt);
	return 0;
}

/* Copy entries out (GET) or in (SET), a chunk at a time. */
static int nvt_datacheck_copy(struct nvt_vtable *vt, struct nvt_datacheck *v,
			   bool out)
{
	u8 __user *data = u64_to_user_ptr(v->data);

	if (v->first >= vt->nlba || v->count > vt->nlba - v->first)
		return -ERANGE;
	if (out)
		return copy_to_user(data, vt->values + v->first, v->count) ?
		       -EFAULT : 0;
	return copy_from_user(vt->values + v->first, data, v->count) ?
	       -EFAULT : 0;
}

long nvt_ioctl_datacheck(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	struct nvt_datacheck *vp = arg, v = *vp;
	struct nvt_vtable *vt;
	int ret;

	switch (v.op) {
	case NVT_DATACHECK_ENABLE:
		return nvt_datacheck_enable(dev, &v);
	case NVT_DATACHECK_DISABLE:
		return nvt_datacheck_disable(dev, v.nsid);
	case NVT_DATACHECK_GET:
	case NVT_DATACHECK_SET:
	case NVT_DATACHECK_INFO:
		break;
	default:
		return -EINVAL;
	}
	vt = nvt_vtable_get(dev, v.nsid);
	if (!vt)
		return -ENOENT;
	if (v.op == NVT_DATACHECK_INFO) {
		v.nlba = vt->nlba;
		v.lba_size = vt->lba_size;
		v.lba_stride = vt->stride;
		v.zone_size = vt->zone_size;
		v.flags = vt->stamp ? NVT_DATACHECK_STAMP : 0;
		v.miscompares = atomic64_read(&vt->miscompares);
		*vp = v;
		ret = 0;
	} else {
		ret = nvt_datacheck_copy(vt, &v, v.op == NVT_DATACHECK_GET);
	}
	nvt_vtable_put(vt);
	return ret;
}

void nvt_datacheck_teardown(struct nvt_dev *dev)
{
	int i;

	for (i = 0; i < NVT_MAX_VTABLES; i++) {
		nvt_vtable_put(dev->vt[i]);
		dev->vt[i] = NULL;
	}
	/* the queues are gone: these were the last references */
	flush_work(&dev->vt_free_work);
}

/*
 * Device removal before a power cycle: take the tables out of @dev into
 * @vts.  Its queues are gone, so each table's only reference is its slot.
 */
void nvt_datacheck_park(struct nvt_dev *dev, struct nvt_vtable **vts)
{
	int i;

	spin_lock(&dev->vt_lock);
	for (i = 0; i < NVT_MAX_VTABLES; i++) {
		vts[i] = dev->vt[i];
		dev->vt[i] = NULL;
		if (vts[i])
			vts[i]->dev = NULL;
	}
	spin_unlock(&dev->vt_lock);
}

/* The device is back: the tables parked at its removal are its own again. */
void nvt_datacheck_adopt(struct nvt_dev *dev, struct nvt_vtable **vts)
{
	int i;

	spin_lock(&dev->vt_lock);
	for (i = 0; i < NVT_MAX_VTABLES; i++) {
		if (vts[i])
			vts[i]->dev = dev;
		dev->vt[i] = vts[i];
		vts[i] = NULL;
	}
	spin_unlock(&dev->vt_lock);
}

void nvt_datacheck_drop_parked(struct nvt_vtable **vts)
{
	int i;

	for (i = 0; i < NVT_MAX_VTABLES; i++) {
		if (vts[i]) {
			vfree(vts[i]->values);
			kfree(vts[i]);
		}
		vts[i] = NULL;
	}
}
