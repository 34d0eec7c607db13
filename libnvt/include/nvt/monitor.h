/* SPDX-License-Identifier: MIT */
/*
 * Watching nvt.ko live: the events it sends as they happen (an AER, a
 * command timeout, a miscompare, a worker's start and end, a controller
 * reset or fatal status, a power cycle ...) and, once a second while a device has I/O
 * queues or workers, their statistics.  Both come over generic netlink
 * (<nvt/nvt_genl.h> is the wire format); this object hides it.
 *
 * Only root (CAP_SYS_ADMIN, CAP_NET_ADMIN for nvt_monitor_dump()) may
 * listen.  A monitor is used from one thread.  The kernel never waits for
 * a listener: read often enough (nvt_monitor_fd() in a poll loop, then
 * nvt_monitor_dispatch()) or messages are lost; nvt_monitor_dispatch()
 * says so and nvt.ko counts its own drops (events_dropped in sysfs, and
 * &nvt_monitor_stats.dropped).
 *
 *	struct nvt_monitor *m;
 *	char err[256];
 *
 *	if (nvt_monitor_open(&m, err, sizeof(err)) ||
 *	    nvt_monitor_subscribe(m, "0000:01:00.0", on_event, NULL, NULL))
 *		...;
 *	for (;;) {
 *		struct pollfd p = { nvt_monitor_fd(m), POLLIN };
 *		poll(&p, 1, -1);
 *		nvt_monitor_dispatch(m);	// calls on_event() for each
 *	}
 */
#ifndef NVT_MONITOR_H
#define NVT_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include <nvt/export.h>
#include <nvt/nvt_genl.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_monitor;

/* A bit of &nvt_monitor_event.fields: the event carries NVT_GENL_A_<a>. */
#define NVT_MONITOR_FIELD(a)	(1u << NVT_GENL_A_##a)

/**
 * struct nvt_monitor_event - one event of nvt.ko
 * @type: what happened, enum nvt_genl_event (NVT_EV_AER, NVT_EV_TIMEOUT,
 *	...; <nvt/nvt_genl.h> lists which fields each type carries);
 *	nvt_monitor_event_name() names it
 * @instance: the device's N of /dev/nvtN
 * @bdf: its PCI address ("0000:01:00.0")
 * @time_ns: when, CLOCK_REALTIME in nanoseconds
 * @fields: the fields below the event carries, NVT_MONITOR_FIELD() bits
 *	(NVT_MONITOR_FIELD(QID) ...); the others are 0
 * @dw0: an AER's completion dword 0
 * @qid: the queue of the command
 * @cid: the command identifier
 * @opcode: the command's opcode
 * @status: a status, SCT << 8 | SC (a worker's first error, a late
 *	completion's); 0 for a worker that ended without error
 * @nsid: the namespace of a miscompare
 * @lba: the LBA that did not verify
 * @expected: the check value the LBA should have had
 * @actual: the check value of the data read
 * @worker: the worker's id
 * @csts: the Controller Status register of a ctrl_fatal event
 *	(NVT_EV_CTRL_FATAL: CSTS.CFS, bit 1, is set)
 */
struct nvt_monitor_event {
	uint32_t type;
	int instance;
	char bdf[16];
	uint64_t time_ns;
	uint32_t fields;
	uint32_t dw0;
	uint32_t qid;
	uint32_t cid;
	uint32_t opcode;
	uint32_t status;
	uint32_t nsid;
	uint64_t lba;
	uint32_t expected;
	uint32_t actual;
	uint32_t worker;
	uint32_t csts;
};

/**
 * struct nvt_monitor_queue - one queue of a device, in its statistics
 * @qid: queue id (0: the admin queue)
 * @depth: entries of its submission queue
 * @worker: the id of the worker driving it, or -1
 * @submitted: commands submitted since it was created
 * @completed: commands ended since it was created
 * @outstanding: commands in flight now
 * @done_1s: commands ended in the last second
 * @lat_avg_ns: their average latency
 * @lat_max_ns: their longest latency
 */
struct nvt_monitor_queue {
	uint32_t qid;
	uint32_t depth;
	int64_t worker;
	uint64_t submitted;
	uint64_t completed;
	uint32_t outstanding;
	uint64_t done_1s;
	uint64_t lat_avg_ns;
	uint64_t lat_max_ns;
};

/**
 * struct nvt_monitor_worker - one ioworker of a device, in its statistics
 * @id: the worker's id
 * @qid: its queue (0 once it let go of it)
 * @running: 1 while its thread runs
 * @completed: I/Os completed since it started
 * @errors: of them, those that ended with an error status
 * @status: its first error status (SCT << 8 | SC), 0: none
 * @inflight: commands in flight now
 * @ios_1s: I/Os completed in the last second (its IOPS)
 * @bytes_1s: bytes they read and wrote
 * @lat_avg_ns: their average latency
 * @lat_max_ns: their longest latency
 */
struct nvt_monitor_worker {
	uint32_t id;
	uint32_t qid;
	uint32_t running;
	uint64_t completed;
	uint64_t errors;
	uint32_t status;
	uint32_t inflight;
	uint64_t ios_1s;
	uint64_t bytes_1s;
	uint64_t lat_avg_ns;
	uint64_t lat_max_ns;
};

/**
 * struct nvt_monitor_stats - a device's queues and workers at one moment
 * @instance: the device's N of /dev/nvtN
 * @bdf: its PCI address
 * @time_ns: when, CLOCK_REALTIME in nanoseconds
 * @dropped: netlink messages nvt.ko dropped for this device so far
 * @nr_queues: entries of @queues
 * @queues: the admin queue (if set up) and the I/O queues, by qid
 * @nr_workers: entries of @workers
 * @workers: the device's workers, running or ended and not yet freed
 */
struct nvt_monitor_stats {
	int instance;
	char bdf[16];
	uint64_t time_ns;
	uint64_t dropped;
	unsigned nr_queues;
	struct nvt_monitor_queue *queues;
	unsigned nr_workers;
	struct nvt_monitor_worker *workers;
};

/**
 * typedef nvt_monitor_event_fn - called for each event
 * @ev: the event, valid during the call
 * @arg: the subscriber's argument
 */
typedef void nvt_monitor_event_fn(const struct nvt_monitor_event *ev,
				  void *arg);

/**
 * typedef nvt_monitor_stats_fn - called for each statistics message
 * @st: the statistics, valid during the call
 * @arg: the subscriber's argument
 */
typedef void nvt_monitor_stats_fn(const struct nvt_monitor_stats *st,
				  void *arg);

/**
 * nvt_monitor_open() - connect to nvt.ko's netlink family
 * @out: the new monitor
 * @errbuf: where a failure is described; may be NULL
 * @errlen: its size
 *
 * The monitor listens to nothing until nvt_monitor_subscribe().
 *
 * Return: 0, or a negative errno (message in @errbuf): -EINVAL @out is
 * NULL; -ENOENT nvt.ko is not loaded (no "nvt" family); -ENOMEM; another
 * errno of the netlink socket.
 */
NVT_EXPORT int nvt_monitor_open(struct nvt_monitor **out, char *errbuf,
				size_t errlen);

/**
 * nvt_monitor_error() - the message of the last failure
 * @m: the monitor
 *
 * Return: the message the last failing call on @m left ("" if none).
 */
NVT_EXPORT const char *nvt_monitor_error(const struct nvt_monitor *m);

/**
 * nvt_monitor_subscribe() - choose what to listen to
 * @m: the monitor
 * @dev: one device: its PCI address ("0000:01:00.0" or "01:00.0"), or its
 *	instance ("nvt0" or "0"); NULL: every device
 * @on_event: called for each event; NULL: no events
 * @on_stats: called for each statistics message; NULL: no statistics
 * @arg: passed to both
 *
 * A device given by address is followed across a power cycle, where its
 * instance may change.  A second call replaces the first.
 *
 * Return: 0, or a negative errno (message in nvt_monitor_error()):
 * -EINVAL @dev is neither an address nor an instance, or both callbacks
 * are NULL; -EPERM the caller may not listen (not CAP_SYS_ADMIN); another
 * errno of joining the multicast group.
 */
NVT_EXPORT int nvt_monitor_subscribe(struct nvt_monitor *m, const char *dev,
				     nvt_monitor_event_fn *on_event,
				     nvt_monitor_stats_fn *on_stats,
				     void *arg);

/**
 * nvt_monitor_fd() - the file descriptor to poll for input
 * @m: the monitor
 *
 * Readable (POLLIN) when nvt_monitor_dispatch() has something to handle.
 * Do not read from it.
 *
 * Return: the descriptor, or -EINVAL @m is NULL.
 */
NVT_EXPORT int nvt_monitor_fd(const struct nvt_monitor *m);

/**
 * nvt_monitor_dispatch() - handle what has arrived, without waiting
 * @m: the monitor
 *
 * Calls the subscriber's callbacks for every message waiting, for the
 * device(s) subscribed to; returns when none is left.
 *
 * Return: the number of messages handled (0: none waited), or a negative
 * errno (message in nvt_monitor_error()): -ENOBUFS messages were lost
 * because they were not read in time (the monitor goes on working);
 * -EINVAL @m is NULL; another errno of the socket.
 */
NVT_EXPORT int nvt_monitor_dispatch(struct nvt_monitor *m);

/**
 * nvt_monitor_dump() - a device's queues and workers now
 * @m: the monitor
 * @dev: the device, as for nvt_monitor_subscribe() (not NULL)
 * @out: the statistics, to free with nvt_monitor_stats_free(); the
 *	"last second" figures are those of nvt.ko's last tick
 *
 * Asks nvt.ko and waits for its answer; events and statistics that arrive
 * meanwhile wait for nvt_monitor_dispatch().
 *
 * Return: 0, or a negative errno (message in nvt_monitor_error()):
 * -EINVAL @dev or @out is NULL or @dev is malformed; -ENODEV no such
 * device bound to nvt; -EPERM the caller is not CAP_NET_ADMIN; -ENOMEM;
 * -EPROTO a malformed answer; another errno of the socket.
 */
NVT_EXPORT int nvt_monitor_dump(struct nvt_monitor *m, const char *dev,
				struct nvt_monitor_stats **out);

/**
 * nvt_monitor_stats_free() - free what nvt_monitor_dump() returned
 * @st: the statistics; NULL does nothing
 */
NVT_EXPORT void nvt_monitor_stats_free(struct nvt_monitor_stats *st);

/**
 * nvt_monitor_close() - leave the groups and free the monitor
 * @m: the monitor; NULL does nothing
 */
NVT_EXPORT void nvt_monitor_close(struct nvt_monitor *m);

/**
 * nvt_monitor_event_name() - the short name of an event type
 * @type: enum nvt_genl_event
 *
 * Return: "aer", "timeout", "late", "miscompare", "worker_start",
 * "worker_end", "worker_error", "ctrl_enable", "ctrl_disable",
 * "ctrl_reset", "power_cut", "power_return", "removed", "claimed",
 * "raw_dma", "ctrl_fatal"; "unknown" for another value.
 */
NVT_EXPORT const char *nvt_monitor_event_name(uint32_t type);

#ifdef __cplusplus
}
#endif

#endif /* NVT_MONITOR_H */
