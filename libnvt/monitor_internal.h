/* SPDX-License-Identifier: MIT */
/* The parsing of nvt.ko's netlink messages, shared with the unit tests. */
#ifndef NVT_MONITOR_INTERNAL_H
#define NVT_MONITOR_INTERNAL_H

#include <linux/netlink.h>

#include <nvt/monitor.h>

/*
 * An NVT_GENL_CMD_EVENT message (its netlink header) into @ev.
 * Returns 0, or -EPROTO: not an event, or a malformed attribute.
 */
int nvt_monitor_parse_event(const struct nlmsghdr *nlh,
			    struct nvt_monitor_event *ev);

/*
 * An NVT_GENL_CMD_STATS message into a new *@out (nvt_monitor_stats_free()).
 * Returns 0, -EPROTO (not statistics, or malformed) or -ENOMEM.
 */
int nvt_monitor_parse_stats(const struct nlmsghdr *nlh,
			    struct nvt_monitor_stats **out);

/*
 * A device as the caller names it: its address into @bdf (16 bytes) or
 * its instance into *@instance (the other is "" or -1).  -EINVAL if it is
 * neither.
 */
int nvt_monitor_parse_dev(const char *dev, char *bdf, int *instance);

#endif /* NVT_MONITOR_INTERNAL_H */
