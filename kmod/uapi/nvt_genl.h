/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nvt: events and statistics over generic netlink (nvt.ko to user space).
 *
 * nvt.ko registers the generic netlink family NVT_GENL_NAME with two
 * multicast groups:
 * - NVT_GENL_GRP_EVENTS: one NVT_GENL_CMD_EVENT message per event, as it
 *   happens (an AER completed, a command timed out, a worker ended ...).
 * - NVT_GENL_GRP_STATS: one NVT_GENL_CMD_STATS message per device and
 *   second while the device has I/O queues or workers: their figures.
 * NVT_GENL_CMD_GET (a request with NVT_GENL_A_MINOR) answers with one
 * NVT_GENL_CMD_STATS message of that device, at once.
 *
 * Only privileged listeners: joining a group needs CAP_SYS_ADMIN, GET needs
 * CAP_NET_ADMIN (the same people who may open /dev/nvtN).  A listener too
 * slow to read never slows the driver: a message that cannot be allocated
 * or delivered is dropped and counted in /sys/class/nvt/nvtN/events_dropped.
 *
 * Every message carries NVT_GENL_A_MINOR, NVT_GENL_A_BDF and
 * NVT_GENL_A_TIME_NS.  An event carries NVT_GENL_A_EVENT and the attributes
 * its type lists below.  Integers are in host order; 64-bit ones are
 * aligned with NVT_GENL_A_PAD.  Attributes only ever get added: a reader
 * ignores those it does not know.
 */
#ifndef _UAPI_NVT_GENL_H
#define _UAPI_NVT_GENL_H

#define NVT_GENL_NAME		"nvt"
#define NVT_GENL_VERSION	1
#define NVT_GENL_GRP_EVENTS	"events"
#define NVT_GENL_GRP_STATS	"stats"

/**
 * enum nvt_genl_cmd - the commands (genlmsghdr.cmd)
 * @NVT_GENL_CMD_UNSPEC: not used
 * @NVT_GENL_CMD_EVENT: to the events group
 * @NVT_GENL_CMD_STATS: to the stats group, and GET's answer
 * @NVT_GENL_CMD_GET: request: NVT_GENL_A_MINOR
 * @__NVT_GENL_CMD_MAX: one past the last
 */
enum nvt_genl_cmd {
	NVT_GENL_CMD_UNSPEC,
	NVT_GENL_CMD_EVENT,
	NVT_GENL_CMD_STATS,
	NVT_GENL_CMD_GET,
	__NVT_GENL_CMD_MAX,
};
#define NVT_GENL_CMD_MAX	(__NVT_GENL_CMD_MAX - 1)

/**
 * enum nvt_genl_attr - the attributes of a message
 * @NVT_GENL_A_UNSPEC: not used
 * @NVT_GENL_A_PAD: padding for 64-bit attributes
 * @NVT_GENL_A_MINOR: u32: N of /dev/nvtN
 * @NVT_GENL_A_BDF: string: PCI address, "0000:01:00.0"
 * @NVT_GENL_A_TIME_NS: u64: CLOCK_REALTIME, ns
 * @NVT_GENL_A_EVENT: u32: enum nvt_genl_event
 * @NVT_GENL_A_DW0: u32: completion dword 0
 * @NVT_GENL_A_QID: u32
 * @NVT_GENL_A_CID: u32
 * @NVT_GENL_A_OPCODE: u32
 * @NVT_GENL_A_STATUS: u32: SCT << 8 | SC
 * @NVT_GENL_A_NSID: u32
 * @NVT_GENL_A_LBA: u64
 * @NVT_GENL_A_EXPECTED: u32: check value the LBA should have
 * @NVT_GENL_A_ACTUAL: u32: check value of the data read
 * @NVT_GENL_A_WORKER: u32: worker id
 * @NVT_GENL_A_DROPPED: u64: messages dropped so far (stats)
 * @NVT_GENL_A_QUEUE: nested NVT_GENL_Q_*, one per queue
 * @NVT_GENL_A_WORKER_STATS: nested NVT_GENL_W_*, one per worker
 * @NVT_GENL_A_CSTS: u32: the Controller Status register as read
 * @__NVT_GENL_A_MAX: one past the last
 */
enum nvt_genl_attr {
	NVT_GENL_A_UNSPEC,
	NVT_GENL_A_PAD,
	NVT_GENL_A_MINOR,
	NVT_GENL_A_BDF,
	NVT_GENL_A_TIME_NS,
	NVT_GENL_A_EVENT,
	NVT_GENL_A_DW0,
	NVT_GENL_A_QID,
	NVT_GENL_A_CID,
	NVT_GENL_A_OPCODE,
	NVT_GENL_A_STATUS,
	NVT_GENL_A_NSID,
	NVT_GENL_A_LBA,
	NVT_GENL_A_EXPECTED,
	NVT_GENL_A_ACTUAL,
	NVT_GENL_A_WORKER,
	NVT_GENL_A_DROPPED,
	NVT_GENL_A_QUEUE,
	NVT_GENL_A_WORKER_STATS,
	NVT_GENL_A_CSTS,
	__NVT_GENL_A_MAX,
};
#define NVT_GENL_A_MAX		(__NVT_GENL_A_MAX - 1)

/**
 * enum nvt_genl_event - event types (NVT_GENL_A_EVENT)
 * @NVT_EV_NONE: not used
 * @NVT_EV_AER: an AER completed: DW0
 * @NVT_EV_TIMEOUT: a command timed out: QID CID OPCODE
 * @NVT_EV_LATE: its completion came after all: QID CID OPCODE STATUS
 * @NVT_EV_MISCOMPARE: a read did not verify: QID CID NSID LBA EXPECTED ACTUAL
 * @NVT_EV_WORKER_START: WORKER QID
 * @NVT_EV_WORKER_END: WORKER QID STATUS (first error, 0: none)
 * @NVT_EV_WORKER_ERROR: its first error: WORKER QID CID OPCODE STATUS
 * @NVT_EV_CTRL_ENABLE: CC.EN set
 * @NVT_EV_CTRL_DISABLE: CC.EN cleared (or the controller was lost)
 * @NVT_EV_CTRL_RESET: a function reset (FLR, hot reset, D3->D0)
 * @NVT_EV_POWER_CUT: a power cut was announced
 * @NVT_EV_POWER_RETURN: the device came back after one: claimed again
 * @NVT_EV_REMOVED: the device left nvt (unbind, unplug, power)
 * @NVT_EV_CLAIMED: a device was bound to nvt
 * @NVT_EV_RAW_DMA: raw DMA (caller-chosen addresses) first used
 * @NVT_EV_CTRL_FATAL: CSTS.CFS (Controller Fatal Status) was seen set: CSTS;
 *	once until it reads 0 again (after a reset that brought the
 *	controller back)
 * @__NVT_EV_MAX: one past the last
 *
 * Each lists the attributes it carries besides the common ones.
 */
enum nvt_genl_event {
	NVT_EV_NONE,
	NVT_EV_AER,
	NVT_EV_TIMEOUT,
	NVT_EV_LATE,
	NVT_EV_MISCOMPARE,
	NVT_EV_WORKER_START,
	NVT_EV_WORKER_END,
	NVT_EV_WORKER_ERROR,
	NVT_EV_CTRL_ENABLE,
	NVT_EV_CTRL_DISABLE,
	NVT_EV_CTRL_RESET,
	NVT_EV_POWER_CUT,
	NVT_EV_POWER_RETURN,
	NVT_EV_REMOVED,
	NVT_EV_CLAIMED,
	NVT_EV_RAW_DMA,
	NVT_EV_CTRL_FATAL,
	__NVT_EV_MAX,
};
#define NVT_EV_MAX		(__NVT_EV_MAX - 1)

/**
 * enum nvt_genl_queue_attr - in an NVT_GENL_A_QUEUE nest
 * @NVT_GENL_Q_UNSPEC: not used
 * @NVT_GENL_Q_PAD: padding for 64-bit attributes
 * @NVT_GENL_Q_QID: u32
 * @NVT_GENL_Q_DEPTH: u32: SQ entries
 * @NVT_GENL_Q_WORKER: u32: the worker driving it, if any
 * @NVT_GENL_Q_SUBMITTED: u64: since it was created
 * @NVT_GENL_Q_COMPLETED: u64: since it was created
 * @NVT_GENL_Q_OUTSTANDING: u32: commands in flight now
 * @NVT_GENL_Q_DONE_1S: u64: completions in the last second
 * @NVT_GENL_Q_LAT_AVG_NS: u64: their average latency
 * @NVT_GENL_Q_LAT_MAX_NS: u64: and the longest
 * @__NVT_GENL_Q_MAX: one past the last
 *
 * *_1S: over the last second (up to the last statistics tick).
 */
enum nvt_genl_queue_attr {
	NVT_GENL_Q_UNSPEC,
	NVT_GENL_Q_PAD,
	NVT_GENL_Q_QID,
	NVT_GENL_Q_DEPTH,
	NVT_GENL_Q_WORKER,
	NVT_GENL_Q_SUBMITTED,
	NVT_GENL_Q_COMPLETED,
	NVT_GENL_Q_OUTSTANDING,
	NVT_GENL_Q_DONE_1S,
	NVT_GENL_Q_LAT_AVG_NS,
	NVT_GENL_Q_LAT_MAX_NS,
	__NVT_GENL_Q_MAX,
};
#define NVT_GENL_Q_MAX		(__NVT_GENL_Q_MAX - 1)

/**
 * enum nvt_genl_worker_attr - in an NVT_GENL_A_WORKER_STATS nest
 * @NVT_GENL_W_UNSPEC: not used
 * @NVT_GENL_W_PAD: padding for 64-bit attributes
 * @NVT_GENL_W_ID: u32
 * @NVT_GENL_W_QID: u32: its queue, 0 once it let go
 * @NVT_GENL_W_RUNNING: u32: 1 while its thread runs
 * @NVT_GENL_W_COMPLETED: u64: I/Os since it started
 * @NVT_GENL_W_ERRORS: u64: of them ended with an error status
 * @NVT_GENL_W_STATUS: u32: its first error status, 0: none
 * @NVT_GENL_W_INFLIGHT: u32: commands in flight now
 * @NVT_GENL_W_IOS_1S: u64: I/Os completed in the last second
 * @NVT_GENL_W_BYTES_1S: u64: bytes they moved
 * @NVT_GENL_W_LAT_AVG_NS: u64: their average latency
 * @NVT_GENL_W_LAT_MAX_NS: u64: and the longest
 * @__NVT_GENL_W_MAX: one past the last
 */
enum nvt_genl_worker_attr {
	NVT_GENL_W_UNSPEC,
	NVT_GENL_W_PAD,
	NVT_GENL_W_ID,
	NVT_GENL_W_QID,
	NVT_GENL_W_RUNNING,
	NVT_GENL_W_COMPLETED,
	NVT_GENL_W_ERRORS,
	NVT_GENL_W_STATUS,
	NVT_GENL_W_INFLIGHT,
	NVT_GENL_W_IOS_1S,
	NVT_GENL_W_BYTES_1S,
	NVT_GENL_W_LAT_AVG_NS,
	NVT_GENL_W_LAT_MAX_NS,
	__NVT_GENL_W_MAX,
};
#define NVT_GENL_W_MAX		(__NVT_GENL_W_MAX - 1)

#endif /* _UAPI_NVT_GENL_H */
