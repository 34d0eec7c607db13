// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: events and statistics over generic netlink.
 *
 * Events are sent where they happen, which may be under a queue's spinlock
 * or in a worker's polling loop: a message is allocated with GFP_ATOMIC and
 * broadcast without waiting for a congested listener.  Whatever cannot be
 * allocated or delivered is dropped and counted per device: a listener
 * never slows the driver down.  Nothing is built while nobody listens.
 *
 * Statistics come from a delayed work per device that runs once a second
 * while the device has I/O queues or workers.  It reads the counters the
 * completion path keeps (per queue under its lock; a worker's own ones
 * racily) and keeps what they were at its last run, so each message gives
 * the last second's completions and latencies.  The same work reads CSTS
 * once a second while the controller is enabled, so that a Controller
 * Fatal Status is told even when nothing else looks (nvt_ctrl_csts()).
 */
#include <linux/jiffies.h>
#include <net/genetlink.h>

#include "nvt.h"

static const struct nla_policy nvt_genl_policy[NVT_GENL_A_MAX + 1] = {
	[NVT_GENL_A_MINOR] = { .type = NLA_U32 },
};

static const struct genl_multicast_group nvt_genl_groups[] = {
	[0] = { .name = NVT_GENL_GRP_EVENTS,
		.flags = GENL_MCAST_CAP_SYS_ADMIN },
	[1] = { .name = NVT_GENL_GRP_STATS,
		.flags = GENL_MCAST_CAP_SYS_ADMIN },
};

#define NVT_GENL_GRP_EVENTS_IDX	0
#define NVT_GENL_GRP_STATS_IDX	1

static int nvt_genl_get(struct sk_buff *skb, struct genl_info *info);

static const struct genl_small_ops nvt_genl_ops[] = {
	{
		.cmd = NVT_GENL_CMD_GET,
		.doit = nvt_genl_get,
		.flags = GENL_ADMIN_PERM,
	},
};

static struct genl_family nvt_genl_family __ro_after_init = {
	.name = NVT_GENL_NAME,
	.version = NVT_GENL_VERSION,
	.maxattr = NVT_GENL_A_MAX,
	.policy = nvt_genl_policy,
	.module = THIS_MODULE,
	/*
	 * GET waits for the device's lock, which a reset may hold for
	 * seconds: not under genl_mutex, which every family shares
	 */
	.parallel_ops = true,
	.small_ops = nvt_genl_ops,
	.n_small_ops = ARRAY_SIZE(nvt_genl_ops),
	.resv_start_op = NVT_GENL_CMD_GET + 1,
	.mcgrps = nvt_genl_groups,
	.n_mcgrps = ARRAY_SIZE(nvt_genl_groups),
};

#define NVT_EVA(a)	BIT(NVT_GENL_A_##a)

/* The attributes of each event type, besides the common ones. */
static const u32 nvt_event_attrs[NVT_EV_MAX + 1] = {
	[NVT_EV_AER] = NVT_EVA(DW0),
	[NVT_EV_TIMEOUT] = NVT_EVA(QID) | NVT_EVA(CID) | NVT_EVA(OPCODE),
	[NVT_EV_LATE] = NVT_EVA(QID) | NVT_EVA(CID) | NVT_EVA(OPCODE) |
			NVT_EVA(STATUS),
	[NVT_EV_MISCOMPARE] = NVT_EVA(QID) | NVT_EVA(CID) | NVT_EVA(NSID) |
			      NVT_EVA(LBA) | NVT_EVA(EXPECTED) |
			      NVT_EVA(ACTUAL),
	[NVT_EV_WORKER_START] = NVT_EVA(WORKER) | NVT_EVA(QID),
	[NVT_EV_WORKER_END] = NVT_EVA(WORKER) | NVT_EVA(QID) |
			      NVT_EVA(STATUS),
	[NVT_EV_WORKER_ERROR] = NVT_EVA(WORKER) | NVT_EVA(QID) |
				NVT_EVA(CID) | NVT_EVA(OPCODE) |
				NVT_EVA(STATUS),
	[NVT_EV_CTRL_FATAL] = NVT_EVA(CSTS),
};

static void nvt_genl_dropped(struct nvt_dev *dev)
{
	atomic64_inc(&dev->events_dropped);
}

static int nvt_genl_put_common(struct sk_buff *skb, struct nvt_dev *dev)
{
	if (nla_put_u32(skb, NVT_GENL_A_MINOR, dev->minor) ||
	    nla_put_string(skb, NVT_GENL_A_BDF, pci_name(dev->pdev)) ||
	    nla_put_u64_64bit(skb, NVT_GENL_A_TIME_NS, ktime_get_real_ns(),
			      NVT_GENL_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int nvt_event_fill(struct sk_buff *skb, struct nvt_dev *dev,
			  const struct nvt_event *ev)
{
	u32 want = nvt_event_attrs[ev->type];

	if (nvt_genl_put_common(skb, dev) ||
	    nla_put_u32(skb, NVT_GENL_A_EVENT, ev->type))
		return -EMSGSIZE;
	if (((want & NVT_EVA(DW0)) &&
	     nla_put_u32(skb, NVT_GENL_A_DW0, ev->dw0)) ||
	    ((want & NVT_EVA(QID)) &&
	     nla_put_u32(skb, NVT_GENL_A_QID, ev->qid)) ||
	    ((want & NVT_EVA(CID)) &&
	     nla_put_u32(skb, NVT_GENL_A_CID, ev->cid)) ||
	    ((want & NVT_EVA(OPCODE)) &&
	     nla_put_u32(skb, NVT_GENL_A_OPCODE, ev->opcode)) ||
	    ((want & NVT_EVA(STATUS)) &&
	     nla_put_u32(skb, NVT_GENL_A_STATUS, ev->status)) ||
	    ((want & NVT_EVA(NSID)) &&
	     nla_put_u32(skb, NVT_GENL_A_NSID, ev->nsid)) ||
	    ((want & NVT_EVA(LBA)) &&
	     nla_put_u64_64bit(skb, NVT_GENL_A_LBA, ev->lba,
			       NVT_GENL_A_PAD)) ||
	    ((want & NVT_EVA(EXPECTED)) &&
	     nla_put_u32(skb, NVT_GENL_A_EXPECTED, ev->expected)) ||
	    ((want & NVT_EVA(ACTUAL)) &&
	     nla_put_u32(skb, NVT_GENL_A_ACTUAL, ev->actual)) ||
	    ((want & NVT_EVA(WORKER)) &&
	     nla_put_u32(skb, NVT_GENL_A_WORKER, ev->worker)) ||
	    ((want & NVT_EVA(CSTS)) &&
	     nla_put_u32(skb, NVT_GENL_A_CSTS, ev->csts)))
		return -EMSGSIZE;
	return 0;
}

/* Broadcast @skb to group @grp; what no listener could take is counted. */
static void nvt_genl_send(struct nvt_dev *dev, struct sk_buff *skb,
			  unsigned int grp)
{
	int ret;

	/* GFP_ATOMIC: never waits for a congested listener */
	ret = genlmsg_multicast(&nvt_genl_family, skb, 0, grp, GFP_ATOMIC);
	if (ret && ret != -ESRCH)
		nvt_genl_dropped(dev);
}

void nvt_event(struct nvt_dev *dev, const struct nvt_event *ev)
{
	struct sk_buff *skb;
	void *hdr;

	if (WARN_ON_ONCE(ev->type <= NVT_EV_NONE || ev->type > NVT_EV_MAX))
		return;
	if (!genl_has_listeners(&nvt_genl_family, &init_net,
				NVT_GENL_GRP_EVENTS_IDX))
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_ATOMIC);
	if (!skb) {
		nvt_genl_dropped(dev);
		return;
	}
	hdr = genlmsg_put(skb, 0, 0, &nvt_genl_family, 0, NVT_GENL_CMD_EVENT);
	if (!hdr || nvt_event_fill(skb, dev, ev)) {
		nlmsg_free(skb);
		nvt_genl_dropped(dev);
		return;
	}
	genlmsg_end(skb, hdr);
	nvt_genl_send(dev, skb, NVT_GENL_GRP_EVENTS_IDX);
}

/* The last second of @st, from the counters as they are now. */
void nvt_stats_step(struct nvt_stats *st, u64 completed, u64 lat_sum_ns,
		    u64 lat_max_ns)
{
	u64 done = completed - st->completed;

	st->done = done;
	st->avg_ns = done ? div64_u64(lat_sum_ns - st->lat_sum_ns, done) : 0;
	st->max_ns = lat_max_ns;
	st->completed = completed;
	st->lat_sum_ns = lat_sum_ns;
}

static void nvt_queue_stats_tick(struct nvt_queue *q)
{
	u64 completed, sum, max;

	spin_lock(&q->lock);
	completed = q->completed;
	sum = q->lat_sum_ns;
	max = q->lat_max_ns;
	q->lat_max_ns = 0;
	spin_unlock(&q->lock);
	nvt_stats_step(&q->st, completed, sum, max);
}

static int nvt_queue_genl_fill(struct sk_buff *skb, struct nvt_queue *q)
{
	int worker = nvt_worker_of_queue(q->dev, q);
	struct nlattr *nest;
	u64 submitted, completed;
	u32 outstanding;

	spin_lock(&q->lock);
	submitted = q->submitted;
	completed = q->completed;
	outstanding = q->outstanding;
	spin_unlock(&q->lock);

	nest = nla_nest_start(skb, NVT_GENL_A_QUEUE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NVT_GENL_Q_QID, q->qid) ||
	    nla_put_u32(skb, NVT_GENL_Q_DEPTH, q->sq_depth) ||
	    (worker >= 0 && nla_put_u32(skb, NVT_GENL_Q_WORKER, worker)) ||
	    nla_put_u64_64bit(skb, NVT_GENL_Q_SUBMITTED, submitted,
			      NVT_GENL_Q_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_Q_COMPLETED, completed,
			      NVT_GENL_Q_PAD) ||
	    nla_put_u32(skb, NVT_GENL_Q_OUTSTANDING, outstanding) ||
	    nla_put_u64_64bit(skb, NVT_GENL_Q_DONE_1S, q->st.done,
			      NVT_GENL_Q_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_Q_LAT_AVG_NS, q->st.avg_ns,
			      NVT_GENL_Q_PAD) ||
	    nla_put_u64_64bit(skb, NVT_GENL_Q_LAT_MAX_NS, q->st.max_ns,
			      NVT_GENL_Q_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* dev->lock held: the queues and workers stay. */
static unsigned int nvt_stats_count(struct nvt_dev *dev)
{
	struct nvt_worker *w;
	struct nvt_queue *q;
	unsigned long i;
	unsigned int n = 1;

	xa_for_each(&dev->ioqs, i, q)
		n++;
	xa_for_each(&dev->workers, i, w)
		n++;
	return n;
}

/* A STATS message of @dev (dev->lock held), or NULL without memory. */
static struct sk_buff *nvt_stats_msg(struct nvt_dev *dev, u32 portid,
				     u32 seq, gfp_t gfp)
{
	/* a queue's or worker's nest takes under 160 bytes */
	size_t size = 128 + (size_t)nvt_stats_count(dev) * 160;
	struct nvt_queue *q;
	struct sk_buff *skb;
	unsigned long qid;
	void *hdr;

	skb = genlmsg_new(size, gfp);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, portid, seq, &nvt_genl_family, 0,
			  NVT_GENL_CMD_STATS);
	if (!hdr)
		goto fail;
	if (nvt_genl_put_common(skb, dev) ||
	    nla_put_u64_64bit(skb, NVT_GENL_A_DROPPED,
			      atomic64_read(&dev->events_dropped),
			      NVT_GENL_A_PAD))
		goto fail;
	if (dev->adminq && nvt_queue_genl_fill(skb, dev->adminq))
		goto fail;
	xa_for_each(&dev->ioqs, qid, q)
		if (nvt_queue_genl_fill(skb, q))
			goto fail;
	if (nvt_workers_genl_fill(dev, skb))
		goto fail;
	genlmsg_end(skb, hdr);
	return skb;
fail:
	nlmsg_free(skb);
	return NULL;
}

/* Anything to report on: I/O queues or running workers. */
static bool nvt_stats_active(struct nvt_dev *dev)
{
	return !xa_empty(&dev->ioqs) || nvt_workers_running(dev);
}

static void nvt_stats_work(struct work_struct *work)
{
	struct nvt_dev *dev = container_of(to_delayed_work(work),
					   struct nvt_dev, stats_work);
	struct nvt_queue *q;
	struct sk_buff *skb;
	unsigned long qid;
	bool active = true, send;

	/* an exclusive ioctl or the removal holds it: try next second */
	if (down_read_trylock(&dev->lock)) {
		/* a fatal status nobody else reads CSTS for */
		if (nvt_ctrl_enabled(dev))
			nvt_ctrl_csts(dev);
		if (dev->adminq)
			nvt_queue_stats_tick(dev->adminq);
		xa_for_each(&dev->ioqs, qid, q)
			nvt_queue_stats_tick(q);
		nvt_workers_stats_tick(dev);
		active = nvt_stats_active(dev);
		/* and once more after the last queue or worker went */
		send = active || dev->stats_sent;
		dev->stats_sent = active;
		if (send && genl_has_listeners(&nvt_genl_family, &init_net,
					       NVT_GENL_GRP_STATS_IDX)) {
			skb = nvt_stats_msg(dev, 0, 0, GFP_KERNEL);
			if (skb)
				nvt_genl_send(dev, skb,
					      NVT_GENL_GRP_STATS_IDX);
			else
				nvt_genl_dropped(dev);
		}
		active |= nvt_ctrl_enabled(dev);
		up_read(&dev->lock);
	}
	if (active && !nvt_dev_gone(dev))
		schedule_delayed_work(&dev->stats_work, HZ);
}

void nvt_stats_init(struct nvt_dev *dev)
{
	atomic64_set(&dev->events_dropped, 0);
	spin_lock_init(&dev->csts_lock);
	INIT_DELAYED_WORK(&dev->stats_work, nvt_stats_work);
}

/*
 * An I/O queue or a worker was made (dev->lock held), or the controller
 * was enabled: tick from now on.
 */
void nvt_stats_kick(struct nvt_dev *dev)
{
	if (!nvt_dev_gone(dev))
		schedule_delayed_work(&dev->stats_work, HZ);
}

/* Removal, with dev->lock held for writing: no tick after this. */
void nvt_stats_stop(struct nvt_dev *dev)
{
	cancel_delayed_work_sync(&dev->stats_work);
}

static int nvt_genl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nvt_dev *dev;
	struct sk_buff *msg;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, NVT_GENL_A_MINOR))
		return -EINVAL;
	dev = nvt_dev_lookup(nla_get_u32(info->attrs[NVT_GENL_A_MINOR]));
	if (!dev) {
		NL_SET_ERR_MSG(info->extack, "no such nvt device");
		return -ENODEV;
	}
	ret = down_read_killable(&dev->lock);
	if (ret)
		goto out_put;
	msg = NULL;
	if (!nvt_dev_gone(dev))
		msg = nvt_stats_msg(dev, info->snd_portid, info->snd_seq,
				    GFP_KERNEL);
	ret = nvt_dev_gone(dev) ? -ENODEV : -ENOMEM;
	up_read(&dev->lock);
	if (msg)
		ret = genlmsg_reply(msg, info);
out_put:
	nvt_dev_put(dev);
	return ret;
}

int nvt_genl_init(void)
{
	return genl_register_family(&nvt_genl_family);
}

/* After every device is gone: no event can be sent any more. */
void nvt_genl_exit(void)
{
	genl_unregister_family(&nvt_genl_family);
}
