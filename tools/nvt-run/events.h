/* SPDX-License-Identifier: MIT */
/*
 * nvt.ko's events of the device under test (an AER, a command timeout, a
 * miscompare, a controller reset ...) in the log of the test during which
 * they happened: a thread reads them as they come, so that a burst does
 * not overflow the socket, and keeps their lines until the runner writes
 * them into the log that is open (after each step, at the end of a test).
 */
#ifndef NVT_RUN_EVENTS_H
#define NVT_RUN_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct nvt_monitor_event;
struct run_events;

/*
 * Listen to the events of the device at PCI address @bdf from now on.
 * Returns 0, or a negative errno with the reason in @why: nvt.ko has no
 * netlink family (not loaded, or too old), the caller may not listen (no
 * CAP_SYS_ADMIN), no thread or memory.
 */
int run_events_open(struct run_events **out, const char *bdf, char *why,
		    size_t whylen);

/*
 * Everything nvt.ko sent until now, one line each, into @log: what the
 * socket still holds is read first, so an event sent before the call is
 * in it.  Events that were lost (the socket overflowed) are said in a
 * line of their own.  @e NULL does nothing; @log NULL drops the lines.
 */
void run_events_flush(struct run_events *e, FILE *log);

/*
 * From now on (@quiet true) until called again with false, CC.EN events
 * (ctrl_enable, ctrl_disable) are left out of the logs: the runner's own
 * re-initialization between tests is not news.  Events sent before the
 * call are kept as they were; the others still go to the log.
 */
void run_events_quiet_resets(struct run_events *e, bool quiet);

/* Stop listening; the lines not flushed are dropped. */
void run_events_close(struct run_events *e);

/*
 * One event as its log line, without a newline: local time to the
 * microsecond like the command log's, "event:", its name and fields
 * ("2026-12-03 10:15:02.123456 event: timeout qid 1 cid 5 opcode 02h").
 */
void run_events_format(const struct nvt_monitor_event *ev, char *buf,
		       size_t len);

#endif /* NVT_RUN_EVENTS_H */
