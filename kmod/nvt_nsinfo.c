// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: what the driver knows of the controller and its namespaces, so
 * that a data pointer it builds covers exactly what the command moves:
 * the controller's MDTS and each namespace's format (bytes per LBA in the
 * data buffer, separate metadata bytes), learnt by Identify Controller and
 * Identify Namespace into a page of its own and kept for the controller's
 * life.  Forgotten when the controller is disabled, and when an admin
 * command that may change formats ends or an asynchronous event fires.
 *
 * Holds keep formats still while they matter: I/O whose data pointer the
 * driver built, and running workers, hold NVT_HOLD_IO; admin commands that
 * may change formats hold NVT_HOLD_FMT.  Each kind is refused (EBUSY)
 * while the other is held.
 *
 * A controller that lets an Identify of ours time out is not asked again
 * for NVT_NSINFO_HOLDOFF_MS, or until its life ends (a reset): lookups
 * fail at once with ETIMEDOUT instead of each waiting out a timeout.
 */
#include <linux/dma-mapping.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "nvt.h"

#define NVT_HOLD_FMT_ONE	(1ll << 32)
#define NVT_NSINFO_HOLDOFF_MS	5000

struct nvt_nsent {
	struct rcu_head rcu;
	struct nvt_xfer_ns fmt;
};

/* A page the controller writes Identify data into. */
struct nvt_id_page {
	struct nvt_parked_mem park;
	struct device *dmadev;
	void *cpu;
	dma_addr_t dma;
};

static void nvt_id_page_free(struct nvt_parked_mem *pm)
{
	struct nvt_id_page *p = container_of(pm, struct nvt_id_page, park);

	dma_free_coherent(p->dmadev, NVT_IDENTIFY_BYTES, p->cpu, p->dma);
	kfree(p);
}

static struct nvt_id_page *nvt_id_page_alloc(struct nvt_dev *dev)
{
	struct nvt_id_page *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->dmadev = &dev->pdev->dev;
	p->park.free = nvt_id_page_free;
	p->cpu = dma_alloc_coherent(p->dmadev, NVT_IDENTIFY_BYTES, &p->dma,
				    GFP_KERNEL | __GFP_NOWARN);
	if (!p->cpu) {
		kfree(p);
		return NULL;
	}
	return p;
}

void nvt_nsinfo_init(struct nvt_dev *dev)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;

	mutex_init(&ni->lock);
	mutex_init(&ni->page_lock);
	xa_init(&ni->ns);
	atomic_set(&ni->gen, 0);
	atomic64_set(&ni->holds, 0);
}

/* Removal, once the controller no longer touches host memory. */
void nvt_nsinfo_free(struct nvt_dev *dev)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;
	struct device *dmadev = &dev->pdev->dev;
	struct nvt_nsent *e;
	unsigned long nsid;

	xa_for_each(&ni->ns, nsid, e)
		kfree(e);
	xa_destroy(&ni->ns);
	if (ni->idp)
		nvt_id_page_free(&ni->idp->park);
	ni->idp = NULL;
	if (ni->sink)
		dma_free_coherent(dmadev, PAGE_SIZE, ni->sink, ni->sink_dma);
	ni->sink = NULL;
}

/* Formats may have changed: learn them again when next needed. */
void nvt_nsinfo_forget(struct nvt_dev *dev)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;
	struct nvt_nsent *e;
	unsigned long nsid;

	xa_lock(&ni->ns);
	atomic_inc(&ni->gen);
	ni->mdts_known = false;
	WRITE_ONCE(ni->stalled, false);
	xa_for_each(&ni->ns, nsid, e) {
		__xa_erase(&ni->ns, nsid);
		kfree_rcu(e, rcu);
	}
	xa_unlock(&ni->ns);
}

/* An Identify of ours timed out lately in this life: -ETIMEDOUT. */
static int nvt_nsinfo_stall_check(struct nvt_nsinfo *ni)
{
	if (READ_ONCE(ni->stalled) &&
	    time_before(jiffies, READ_ONCE(ni->stall_until)))
		return -ETIMEDOUT;
	return 0;
}

/* ni->lock, to ask the controller: -ETIMEDOUT while held off, -EINTR. */
static int nvt_nsinfo_lock(struct nvt_nsinfo *ni)
{
	int ret = nvt_nsinfo_stall_check(ni);

	return ret ? ret : mutex_lock_interruptible(&ni->lock);
}

/* Identify (@cns) into the driver's page; ni->lock held. */
static int nvt_nsinfo_identify(struct nvt_dev *dev, u32 cns, u32 nsid)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;
	u32 sqe[16] = { }, status, gen = atomic_read(&ni->gen);
	int ret;

	lockdep_assert_held(&ni->lock);
	ret = nvt_nsinfo_stall_check(ni);
	if (ret)
		return ret;
	if (!ni->idp) {
		ni->idp = nvt_id_page_alloc(dev);
		if (!ni->idp)
			return -ENOMEM;
	}
	memset(ni->idp->cpu, 0, NVT_IDENTIFY_BYTES);
	sqe[0] = NVT_ADMIN_IDENTIFY;
	sqe[1] = nsid;
	sqe[6] = lower_32_bits(ni->idp->dma);
	sqe[7] = upper_32_bits(ni->idp->dma);
	sqe[10] = cns;
	ret = nvt_admin_sync(dev, sqe, &status);
	if (ret)
		return ret;
	if (status == NVT_STATUS_TIMEOUT || status == NVT_STATUS_ABORTED) {
		/* it may still land: the page waits until it cannot */
		nvt_park(dev, &ni->idp->park, false);
		ni->idp = NULL;
		/* aborted by a reset: a new life may answer */
		if (status == NVT_STATUS_ABORTED)
			return -EAGAIN;
		xa_lock(&ni->ns);
		if (atomic_read(&ni->gen) == gen) {
			WRITE_ONCE(ni->stall_until, jiffies +
				   msecs_to_jiffies(NVT_NSINFO_HOLDOFF_MS));
			WRITE_ONCE(ni->stalled, true);
		}
		xa_unlock(&ni->ns);
		dev_info_ratelimited(&dev->pdev->dev,
				     "Identify (CNS %u) timed out: no more for %u ms or until a reset\n",
				     cns, NVT_NSINFO_HOLDOFF_MS);
		return -ETIMEDOUT;
	}
	if (status == NVT_SC_INVALID_NS && cns == NVT_CNS_NS)
		return -ENXIO;
	return status ? -EREMOTEIO : 0;
}

/*
 * The largest transfer the controller takes (Identify Controller MDTS, in
 * units of CAP.MPSMIN): *@bytes, 0 when it sets no limit.
 */
int nvt_nsinfo_mdts(struct nvt_dev *dev, u64 *bytes)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;
	u32 gen, shift;
	int ret;

	xa_lock(&ni->ns);
	*bytes = ni->mdts;
	ret = ni->mdts_known ? 0 : -ENODATA;
	xa_unlock(&ni->ns);
	if (!ret)
		return 0;

	ret = nvt_nsinfo_lock(ni);
	if (ret)
		return ret;
	gen = atomic_read(&ni->gen);
	ret = nvt_nsinfo_identify(dev, NVT_CNS_CTRL, 0);
	if (!ret) {
		u8 mdts = ((u8 *)ni->idp->cpu)[NVT_IDC_MDTS];

		shift = mdts + 12 + NVT_CAP_MPSMIN(dev->cap);
		/* beyond 2^62 bytes: as good as no limit */
		*bytes = !mdts || shift > 62 ? 0 : 1ull << shift;
		xa_lock(&ni->ns);
		if (atomic_read(&ni->gen) == gen) {
			ni->mdts = *bytes;
			ni->mdts_known = true;
		}
		xa_unlock(&ni->ns);
	}
	mutex_unlock(&ni->lock);
	return ret;
}

/* The format in the Identify Namespace data in ni->idp. */
static void nvt_nsinfo_parse(const u8 *id, struct nvt_xfer_ns *fmt)
{
	u8 flbas = id[NVT_IDNS_FLBAS];
	u32 idx = NVT_FLBAS_INDEX(flbas);
	const u8 *lbaf = id + NVT_IDNS_LBAF + 4 * idx;
	u32 ms = nvt_le_get(lbaf + NVT_LBAF_MS, 2);
	u32 lbads = lbaf[NVT_LBAF_LBADS];

	memset(fmt, 0, sizeof(*fmt));
	/* not active: Identify answers zeros (NSZE 0) */
	if (!memchr_inv(id, 0, 8)) {
		fmt->absent = true;
		return;
	}
	/* a format this cannot be: unknown */
	if (idx > id[NVT_IDNS_NLBAF] || lbads < 9 || lbads > 24)
		return;
	if (flbas & NVT_FLBAS_EXTENDED) {
		fmt->lba_bytes = (1u << lbads) + ms;
	} else {
		fmt->lba_bytes = 1u << lbads;
		fmt->meta_bytes = ms;
	}
	/*
	 * With protection information, PRACT keeps the PI off the host
	 * when the metadata is the PI alone: 8 bytes; 16 may be a 16-byte
	 * PI or an 8-byte one and 8 more (nvt_nsinfo_pif() tells).
	 */
	if (NVT_DPS_TYPE(id[NVT_IDNS_DPS])) {
		if (ms == NVT_PI_BYTES)
			fmt->pract_bytes = NVT_PI_BYTES;
		else if (ms == NVT_PI_LARGE_BYTES)
			fmt->pract_bytes = NVT_XFER_PRACT_UNKNOWN;
	}
}

/*
 * PRACT on a PI format with 16 bytes of metadata: the PI is all of it
 * with a 32- or 64-bit guard (the host moves none), 8 of them with a
 * 16-bit guard (the host moves all 16).  The NVM Command Set's Identify
 * Namespace (CNS 05h) gives the guard of LBA format @idx; a controller
 * that has no such structure (an error status) predates the larger
 * guards.  ni->lock held; ni->idp is overwritten.
 */
static int nvt_nsinfo_pif(struct nvt_dev *dev, u32 nsid, u32 idx,
			  struct nvt_xfer_ns *fmt)
{
	const u8 *elbaf;
	int ret;

	ret = nvt_nsinfo_identify(dev, NVT_CNS_CSI_NS, nsid);
	if (ret == -EREMOTEIO) {
		fmt->pract_bytes = 0;
		return 0;
	}
	if (ret)
		return ret;
	elbaf = (const u8 *)dev->nsinfo.idp->cpu + NVT_IDNS_NVM_ELBAF + 4 * idx;
	fmt->pract_bytes = NVT_ELBAF_PIF(nvt_le_get(elbaf, 4)) ==
			   NVT_PIF_16B_GUARD ? 0 : NVT_PI_LARGE_BYTES;
	return 0;
}

/*
 * The format of namespace @nsid, learnt once per controller life.  0 with
 * fmt->absent: there is no such namespace; 0 with fmt->lba_bytes 0 and not
 * absent: a format it cannot tell; -errno: it could not be learnt now.
 */
int nvt_nsinfo_get(struct nvt_dev *dev, u32 nsid, struct nvt_xfer_ns *fmt)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;
	struct nvt_nsent *e, *old;
	u32 gen;
	int ret;

	memset(fmt, 0, sizeof(*fmt));
	if (!nsid || nsid == U32_MAX) {
		fmt->absent = true;	/* no LBAs to move */
		return 0;
	}
	rcu_read_lock();
	e = xa_load(&ni->ns, nsid);
	if (e)
		*fmt = e->fmt;
	rcu_read_unlock();
	if (e)
		return 0;

	ret = nvt_nsinfo_lock(ni);
	if (ret)
		return ret;
	rcu_read_lock();
	e = xa_load(&ni->ns, nsid);
	if (e)
		*fmt = e->fmt;
	rcu_read_unlock();
	if (e)
		goto out;
	gen = atomic_read(&ni->gen);
	ret = nvt_nsinfo_identify(dev, NVT_CNS_NS, nsid);
	if (ret == -ENXIO) {
		/* not a namespace the controller has (above NN, say) */
		fmt->absent = true;
		ret = 0;
	} else if (ret) {
		goto out;
	} else {
		const u8 *id = ni->idp->cpu;

		nvt_nsinfo_parse(id, fmt);
		/* not learnt now: PRACT stays unknown, asked again next time */
		if (fmt->pract_bytes == NVT_XFER_PRACT_UNKNOWN &&
		    nvt_nsinfo_pif(dev, nsid, NVT_FLBAS_INDEX(id[NVT_IDNS_FLBAS]),
				   fmt))
			goto out;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		goto out;	/* known now, learnt again next time */
	e->fmt = *fmt;
	xa_lock(&ni->ns);
	old = NULL;
	if (atomic_read(&ni->gen) == gen)
		old = __xa_store(&ni->ns, nsid, e, GFP_ATOMIC);
	else
		old = e;	/* forgotten meanwhile: not kept */
	xa_unlock(&ni->ns);
	if (xa_is_err(old))
		kfree(e);
	else if (old)
		kfree_rcu(old, rcu);
out:
	mutex_unlock(&ni->lock);
	return ret;
}

/* The page unused PRP list entries point at, allocated on first use. */
int nvt_nsinfo_sink(struct nvt_dev *dev, dma_addr_t *dma)
{
	struct nvt_nsinfo *ni = &dev->nsinfo;

	/* pairs with the release below: the page is whole once seen */
	if (!smp_load_acquire(&ni->sink)) {
		void *p;

		mutex_lock(&ni->page_lock);
		if (!ni->sink) {
			p = dma_alloc_coherent(&dev->pdev->dev, PAGE_SIZE,
					       &ni->sink_dma, GFP_KERNEL);
			if (!p) {
				mutex_unlock(&ni->page_lock);
				return -ENOMEM;
			}
			/* the address before the pointer that says it is set */
			smp_store_release(&ni->sink, p);
		}
		mutex_unlock(&ni->page_lock);
	}
	*dma = ni->sink_dma;
	return 0;
}

static int nvt_nsinfo_try_hold(struct nvt_dev *dev, u8 hold)
{
	atomic64_t *holds = &dev->nsinfo.holds;
	s64 v = atomic64_read(holds);

	do {
		if (hold == NVT_HOLD_IO ? v >> 32 : v & U32_MAX)
			return -EBUSY;
	} while (!atomic64_try_cmpxchg(holds, &v, v + (hold == NVT_HOLD_IO ?
						      1 : NVT_HOLD_FMT_ONE)));
	return 0;
}

/*
 * Take a hold of kind @hold: EBUSY while the other kind is held.  Not to
 * be called with a queue lock held.
 */
int nvt_nsinfo_hold(struct nvt_dev *dev, u8 hold)
{
	struct nvt_queue *aq = dev->adminq;
	int ret = nvt_nsinfo_try_hold(dev, hold);

	/* the format may have completed, its CQE not yet looked at */
	if (ret == -EBUSY && hold == NVT_HOLD_IO && aq &&
	    !READ_ONCE(dev->adminq_raw)) {
		nvt_queue_poll(aq, false);
		ret = nvt_nsinfo_try_hold(dev, hold);
	}
	return ret;
}

void nvt_nsinfo_unhold(struct nvt_dev *dev, u8 hold)
{
	if (hold == NVT_HOLD_IO)
		atomic64_dec(&dev->nsinfo.holds);
	else if (hold == NVT_HOLD_FMT)
		atomic64_sub(NVT_HOLD_FMT_ONE, &dev->nsinfo.holds);
}

/*
 * A worker's bytes per LBA (@lba_size) and separate metadata bytes
 * (@meta_size) must be the namespace's, as its reads and writes move them
 * (@io_flags: their CDW12 bits 31:16, PRACT among them).
 */
int nvt_nsinfo_check_worker(struct nvt_dev *dev, u32 nsid, u32 io_flags,
			    u32 lba_size, u32 meta_size)
{
	struct nvt_xfer_ns fmt;
	u32 sqe[16] = { };
	struct nvt_xfer x;
	int ret;

	ret = nvt_nsinfo_get(dev, nsid, &fmt);
	if (ret == -EINTR || ret == -ETIMEDOUT)
		return ret;
	if (ret || !fmt.lba_bytes) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "worker on nsid %u: the namespace's format is unknown (%d): refused\n",
				     nsid, ret);
		return -EINVAL;
	}
	sqe[0] = NVT_NVM_READ;
	sqe[1] = nsid;
	sqe[12] = io_flags << 16;	/* NLB 1 */
	nvt_xfer_size(sqe, false, &fmt, &x);
	if (x.data == NVT_XFER_UNKNOWN || x.meta == NVT_XFER_UNKNOWN) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "worker on nsid %u: what its I/O moves is unknown (PRACT with 16 bytes of metadata): refused\n",
				     nsid);
		return -EINVAL;
	}
	if (x.data != lba_size || x.meta != meta_size) {
		dev_info_ratelimited(&dev->pdev->dev,
				     "worker on nsid %u: lba_size %u, meta_size %u, but an LBA moves %llu data and %llu separate metadata bytes\n",
				     nsid, lba_size, meta_size, x.data, x.meta);
		return -EINVAL;
	}
	return 0;
}
