/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvt: events and statistics over generic netlink (nvt_genl.c).
 */
#ifndef _NVT_GENL_H
#define _NVT_GENL_H

#include <linux/types.h>

#include "uapi/nvt_genl.h"

struct nvt_dev;
struct nvt_queue;
struct sk_buff;

/*
 * What an event says; which fields go out depends on its type (the list
 * in uapi/nvt_genl.h), the others are ignored.
 */
struct nvt_event {
	enum nvt_genl_event type;
	u32 dw0;
	u32 qid;
	u32 cid;
	u32 opcode;
	u32 status;
	u32 nsid;
	u64 lba;
	u32 expected;
	u32 actual;
	u32 worker;
	u32 csts;
};

int nvt_genl_init(void);
void nvt_genl_exit(void);

/*
 * Send @ev to the events group, from any context (it never sleeps and
 * takes no lock of the driver's).  Dropped, and counted, when there is no
 * memory or a listener's queue is full.
 */
void nvt_event(struct nvt_dev *dev, const struct nvt_event *ev);

/* An event of @type with no fields of its own. */
static inline void nvt_event_simple(struct nvt_dev *dev,
				    enum nvt_genl_event type)
{
	struct nvt_event ev = { .type = type };

	nvt_event(dev, &ev);
}

/*
 * What a queue or worker had done at the last statistics tick, and what it
 * did in the second before it.
 */
struct nvt_stats {
	u64 completed;
	u64 lat_sum_ns;
	u64 done;		/* completions in the last second */
	u64 avg_ns;		/* their average latency */
	u64 max_ns;		/* and the longest */
};

void nvt_stats_step(struct nvt_stats *st, u64 completed, u64 lat_sum_ns,
		    u64 lat_max_ns);

/* Statistics once a second while @dev has I/O queues or workers. */
void nvt_stats_init(struct nvt_dev *dev);
void nvt_stats_kick(struct nvt_dev *dev);
void nvt_stats_stop(struct nvt_dev *dev);

/* nvt_worker.c: each worker of @dev as an NVT_GENL_A_WORKER_STATS */
struct nvt_worker;
int nvt_workers_genl_fill(struct nvt_dev *dev, struct sk_buff *skb);
void nvt_workers_stats_tick(struct nvt_dev *dev);
bool nvt_workers_running(struct nvt_dev *dev);
int nvt_worker_of_queue(struct nvt_dev *dev, const struct nvt_queue *q);

#endif /* _NVT_GENL_H */
