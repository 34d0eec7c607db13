// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: the state of the controller as far as host memory goes, and the
 * memory it may still reach.
 *
 *   DISABLED --CC.EN=1--> ENABLED --CC.EN=0--> QUIESCING --RDY=0--> DISABLED
 *   any --removal--> REMOVING --controller stopped--> DEAD
 *
 * Leaving ENABLED ends a controller life: the commands of every queue are
 * aborted and its I/O queues are orphaned (nvt_queue_orphaned()).  Memory
 * the controller may still reach (the buffers of aborted commands, rings,
 * worker data, anything once raw DMA was possible) goes through nvt_park():
 * it is freed only on entering DISABLED or DEAD, when the controller
 * provably cannot touch it, or at once when the controller said it is
 * done with it and nothing raw can point there.
 */
#include <linux/delay.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/iommu.h>
#include <linux/jiffies.h>
#include <linux/module.h>

#include "nvt.h"

static bool unsafe_raw_dma;
module_param(unsafe_raw_dma, bool, 0644);
MODULE_PARM_DESC(unsafe_raw_dma,
		 "allow DMA addresses chosen by user space without a translating IOMMU (taints the kernel)");

/*
 * For tests of the driver itself: a controller slow to clear CSTS.RDY,
 * which the bench's emulated one never is.
 */
static unsigned int fault_rdy_hold_ms;
module_param(fault_rdy_hold_ms, uint, 0644);
MODULE_PARM_DESC(fault_rdy_hold_ms,
		 "testing: take CSTS.RDY as still set for this long after CC.EN=0");

/*
 * A controller may go wrong when a reset meets commands it has been told
 * of but not yet fetched: QEMU 7.2's emulation fetches them while it drains
 * its in-flight I/O for the reset and then uses the freed queues when they
 * complete (it crashes).  With this set, the driver stops ringing SQ
 * doorbells this long before it clears CC.EN of an enabled controller, so
 * what the reset meets in flight is only what the controller has fetched;
 * commands queued meanwhile end with the reset, as unrung ones do.
 */
static unsigned int reset_quiet_ms;
module_param(reset_quiet_ms, uint, 0644);
MODULE_PARM_DESC(reset_quiet_ms,
		 "ring no SQ doorbell for this long before clearing CC.EN (0: none)");

/* CAP.TO, the longest the controller may take to change CSTS.RDY */
static unsigned long nvt_ctrl_timeout(struct nvt_dev *dev)
{
	return msecs_to_jiffies((NVT_CAP_TO(dev->cap) + 1) * 500);
}

/*
 * Read CSTS, and tell when Controller Fatal Status is set where the last
 * read had it clear: one NVT_EV_CTRL_FATAL per transition, told again only
 * after CFS read 0 (a reset brought the controller back).  The read and
 * the comparison are one step under csts_lock, so that two readers cannot
 * both tell the same transition.  Any context; all ones (the device is
 * gone) is not a status.
 */
u32 nvt_ctrl_csts(struct nvt_dev *dev)
{
	unsigned long flags;
	bool fatal = false;
	u32 csts;

	spin_lock_irqsave(&dev->csts_lock, flags);
	csts = readl(dev->bar[0] + NVT_REG_CSTS);
	if (csts != ~0u) {
		fatal = (csts & NVT_CSTS_CFS) && !dev->cfs_seen;
		dev->cfs_seen = csts & NVT_CSTS_CFS;
	}
	spin_unlock_irqrestore(&dev->csts_lock, flags);
	if (fatal) {
		struct nvt_event ev = {
			.type = NVT_EV_CTRL_FATAL,
			.csts = csts,
		};

		dev_warn(&dev->pdev->dev,
			 "controller fatal status (CSTS 0x%08x)\n", csts);
		nvt_event(dev, &ev);
	}
	return csts;
}

bool nvt_ctrl_ready_cleared(struct nvt_dev *dev)
{
	u32 csts = nvt_ctrl_csts(dev);
	unsigned int hold = READ_ONCE(fault_rdy_hold_ms);

	/* all ones: the device is gone, so it cannot DMA either */
	if (csts == ~0u)
		return true;
	if (csts & NVT_CSTS_RDY)
		return false;
	if (hold && (dev->state == NVT_STATE_ENABLED ||
		     (dev->state == NVT_STATE_QUIESCING &&
		      time_before(jiffies, dev->quiesce_start +
				  msecs_to_jiffies(hold)))))
		return false;
	return true;
}

static void nvt_park_flush(struct nvt_dev *dev)
{
	struct nvt_parked_mem *pm, *next;
	LIST_HEAD(done);

	mutex_lock(&dev->park_lock);
	list_splice_init(&dev->parked, &done);
	dev->nr_parked = 0;
	mutex_unlock(&dev->park_lock);
	list_for_each_entry_safe(pm, next, &done, node) {
		list_del(&pm->node);
		pm->free(pm);
	}
}

/*
 * Free @pm now if the controller cannot reach it, else when it cannot.
 * @ctrl_done: the controller said it is done with it (a completion, a
 * deleted queue); an aborted or timed-out command's memory is not.
 */
void nvt_park(struct nvt_dev *dev, struct nvt_parked_mem *pm, bool ctrl_done)
{
	enum nvt_state st;
	bool now;

	mutex_lock(&dev->park_lock);
	st = READ_ONCE(dev->state);
	now = st == NVT_STATE_DISABLED || st == NVT_STATE_DEAD ||
	      (ctrl_done && st == NVT_STATE_ENABLED && !READ_ONCE(dev->raw_dma));
	if (!now) {
		list_add_tail(&pm->node, &dev->parked);
		dev->nr_parked++;
	}
	mutex_unlock(&dev->park_lock);
	if (now)
		pm->free(pm);
}

bool nvt_park_pending(struct nvt_dev *dev)
{
	bool pending;

	mutex_lock(&dev->park_lock);
	pending = !list_empty(&dev->parked);
	mutex_unlock(&dev->park_lock);
	return pending;
}

unsigned int nvt_park_count(struct nvt_dev *dev)
{
	return READ_ONCE(dev->nr_parked);
}

/* The controller forgot everything: abort what was in flight. */
static void nvt_ctrl_life_ends(struct nvt_dev *dev)
{
	WRITE_ONCE(dev->life, dev->life + 1);
	WRITE_ONCE(dev->dbbuf_on, false);
	nvt_nsinfo_forget(dev);
	if (dev->adminq)
		nvt_queue_reset(dev->adminq);
	nvt_ioqs_abort(dev);
	nvt_rawq_life_ends(dev);
}

static void nvt_wake_all(struct nvt_dev *dev)
{
	int i;

	if (dev->adminq)
		wake_up_all(&dev->adminq->wait);
	for (i = 0; i < dev->nr_vectors; i++)
		wake_up_all(&dev->vectors[i].wait);
}

/* The one place the state changes. */
void nvt_state_set(struct nvt_dev *dev, enum nvt_state to)
{
	enum nvt_state from = dev->state;

	lockdep_assert_held(&dev->ctrl_lock);
	if (from == to || from == NVT_STATE_DEAD ||
	    (from == NVT_STATE_REMOVING && to != NVT_STATE_DEAD))
		return;
	WRITE_ONCE(dev->state, to);
	if (from == NVT_STATE_ENABLED) {
		nvt_ctrl_life_ends(dev);
		WRITE_ONCE(dev->sq_doorbells_held, false);
		nvt_event_simple(dev, NVT_EV_CTRL_DISABLE);
	}
	if (to == NVT_STATE_ENABLED)
		nvt_event_simple(dev, NVT_EV_CTRL_ENABLE);

	switch (to) {
	case NVT_STATE_ENABLED:
		/*
		 * A hand-written admin queue points where we cannot see; so
		 * may a controller enabled before it finished its reset.
		 */
		WRITE_ONCE(dev->raw_dma, dev->adminq_raw ||
					 from == NVT_STATE_QUIESCING);
		nvt_devmem_restore(dev);
		/* its CSTS is watched once a second (nvt_genl.c) */
		nvt_stats_kick(dev);
		break;
	case NVT_STATE_QUIESCING:
		dev->quiesce_start = jiffies;
		dev->quiesce_deadline = jiffies + nvt_ctrl_timeout(dev);
		mod_delayed_work(system_wq, &dev->quiesce_work, 0);
		break;
	case NVT_STATE_DISABLED:
	case NVT_STATE_DEAD:
		WRITE_ONCE(dev->raw_dma, false);
		nvt_park_flush(dev);
		break;
	case NVT_STATE_REMOVING:
		nvt_wake_all(dev);
		break;
	}
}

/* QUIESCING ends when CSTS.RDY reads 0. */
static void nvt_ctrl_check_quiet(struct nvt_dev *dev)
{
	mutex_lock(&dev->ctrl_lock);
	if (dev->state == NVT_STATE_QUIESCING && nvt_ctrl_ready_cleared(dev))
		nvt_state_set(dev, NVT_STATE_DISABLED);
	mutex_unlock(&dev->ctrl_lock);
}

/* Poll CSTS.RDY after a disable; slowly once CAP.TO has passed. */
void nvt_quiesce_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(to_delayed_work(work),
					   struct nvt_dev, quiesce_work);

	nvt_ctrl_check_quiet(dev);
	if (READ_ONCE(dev->state) != NVT_STATE_QUIESCING)
		return;
	schedule_delayed_work(&dev->quiesce_work,
			      time_before(jiffies, dev->quiesce_deadline) ?
			      msecs_to_jiffies(10) : HZ);
}

/*
 * CAP once more as the controller is enabled: a virtual function's
 * registers follow its secondary controller, and QEMU's read all zeros
 * while that is offline (MQES 0 would refuse every I/O queue).  The
 * doorbell stride stays the one the queues were built with.
 */
static void nvt_ctrl_reread_cap(struct nvt_dev *dev)
{
	u64 cap = lo_hi_readq(dev->bar[0] + NVT_REG_CAP);

	if (cap == ~0ull || cap == dev->cap)
		return;
	if (NVT_CAP_DSTRD(cap) != NVT_CAP_DSTRD(dev->cap)) {
		dev_warn(&dev->pdev->dev,
			 "CAP.DSTRD changed (CAP 0x%llx): keeping the old stride\n",
			 cap);
		return;
	}
	WRITE_ONCE(dev->cap, cap);
}

/* After a write to CC (ctrl_lock held): follow CC.EN. */
void nvt_ctrl_note_cc(struct nvt_dev *dev)
{
	u32 cc = readl(dev->bar[0] + NVT_REG_CC);

	lockdep_assert_held(&dev->ctrl_lock);
	if (cc == ~0u)
		return;		/* gone: removal will follow */
	if (cc & NVT_CC_EN) {
		dev->page_size = 4096u << NVT_CC_MPS(cc);
		nvt_ctrl_reread_cap(dev);
		nvt_state_set(dev, NVT_STATE_ENABLED);
	} else if (dev->state == NVT_STATE_ENABLED) {
		nvt_state_set(dev, nvt_ctrl_ready_cleared(dev) ?
			      NVT_STATE_DISABLED : NVT_STATE_QUIESCING);
	}
}

/*
 * Before a write that clears CC.EN (ctrl_lock held): with reset_quiet_ms,
 * hold the SQ doorbells of an enabled controller and let it settle.
 */
void nvt_ctrl_quiet_before_reset(struct nvt_dev *dev)
{
	unsigned int ms = READ_ONCE(reset_quiet_ms);

	lockdep_assert_held(&dev->ctrl_lock);
	if (!ms || dev->state != NVT_STATE_ENABLED)
		return;
	WRITE_ONCE(dev->sq_doorbells_held, true);
	msleep(min(ms, 1000u));
}

/*
 * Clear CC.EN.  With @wait, also wait up to CAP.TO for CSTS.RDY to clear,
 * so that on success the controller no longer touches host memory.
 */
int nvt_ctrl_disable(struct nvt_dev *dev, bool wait)
{
	unsigned long deadline = jiffies + nvt_ctrl_timeout(dev);
	u32 cc;

	mutex_lock(&dev->ctrl_lock);
	cc = readl(dev->bar[0] + NVT_REG_CC);
	if (cc != ~0u && (cc & NVT_CC_EN)) {
		nvt_ctrl_quiet_before_reset(dev);
		writel(cc & ~NVT_CC_EN, dev->bar[0] + NVT_REG_CC);
	}
	if (dev->state == NVT_STATE_ENABLED)
		nvt_state_set(dev, NVT_STATE_QUIESCING);
	mutex_unlock(&dev->ctrl_lock);

	while (wait && !nvt_ctrl_ready_cleared(dev)) {
		if (time_after(jiffies, deadline)) {
			dev_warn(&dev->pdev->dev,
				 "CSTS.RDY still set after disabling\n");
			return -ETIMEDOUT;
		}
		usleep_range(1000, 2000);
	}
	nvt_ctrl_check_quiet(dev);
	return 0;
}

/*
 * The function was reset (FLR, hot reset, D3hot -> D0 without
 * No_Soft_Reset): it cannot reach host memory, and its registers hold
 * their defaults, AQA, ASQ and ACQ among them, so the admin rings are no
 * longer wired until NVT_IOC_ADMINQ_SETUP writes them again.
 */
void nvt_ctrl_function_reset(struct nvt_dev *dev)
{
	mutex_lock(&dev->ctrl_lock);
	dev->adminq_raw = true;
	nvt_state_set(dev, NVT_STATE_DISABLED);
	mutex_unlock(&dev->ctrl_lock);
	nvt_event_simple(dev, NVT_EV_CTRL_RESET);
}

/* Has the function gone without a removal (config space reads all ones)? */
bool nvt_dev_lost(struct nvt_dev *dev)
{
	return !pci_device_is_present(dev->pdev) ||
	       nvt_ctrl_csts(dev) == ~0u;
}

/*
 * A command timed out: if the function is gone (its power cut, the link
 * down) and no removal came, end the controller's life at once rather
 * than let every command wait out its timeout.
 */
void nvt_lost_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(work, struct nvt_dev, lost_work);

	if (!nvt_dev_lost(dev))
		return;
	mutex_lock(&dev->ctrl_lock);
	if (dev->state == NVT_STATE_ENABLED ||
	    dev->state == NVT_STATE_QUIESCING) {
		dev_warn(&dev->pdev->dev,
			 "the function stopped answering: its commands end as aborted\n");
		nvt_state_set(dev, NVT_STATE_DISABLED);
	}
	mutex_unlock(&dev->ctrl_lock);
}

/* Probe: may user space hand this device addresses of its own choice? */
void nvt_raw_dma_probe(struct nvt_dev *dev)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(&dev->pdev->dev);

	dev->raw_dma_ok = dom && iommu_is_dma_domain(dom);
}

/* "iommu", "unsafe" or "refused": what a caller-chosen address gets. */
const char *nvt_raw_dma_policy(struct nvt_dev *dev)
{
	if (dev->raw_dma_ok)
		return "iommu";
	return READ_ONCE(unsafe_raw_dma) ? "unsafe" : "refused";
}

/* May user space hand this device addresses of its own choice? */
bool nvt_raw_dma_allowed(struct nvt_dev *dev)
{
	return dev->raw_dma_ok || READ_ONCE(unsafe_raw_dma);
}

/*
 * A command or register write is about to make the controller use an
 * address the driver did not build.  Behind a translating IOMMU that can
 * only reach memory mapped for this device; without one, only when the
 * administrator allowed it (the kernel is then tainted).
 */
int nvt_raw_dma_use(struct nvt_dev *dev)
{
	if (!dev->raw_dma_ok) {
		if (!READ_ONCE(unsafe_raw_dma))
			return -EPERM;
		if (!test_taint(TAINT_USER)) {
			dev_warn(&dev->pdev->dev,
				 "DMA to addresses chosen by user space without an IOMMU: tainting the kernel\n");
			add_taint(TAINT_USER, LOCKDEP_STILL_OK);
		}
	}
	/* the first use of this controller life is told */
	if (!READ_ONCE(dev->raw_dma)) {
		WRITE_ONCE(dev->raw_dma, true);
		nvt_event_simple(dev, NVT_EV_RAW_DMA);
	}
	return 0;
}
