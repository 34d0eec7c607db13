// SPDX-License-Identifier: MIT
/*
 * nvt.ko's events in the test logs.  One monitor, used under one mutex by
 * two threads: the reader thread dispatches whenever the socket has
 * something, so that the kernel never finds it full during a long test,
 * and the runner dispatches once more when it flushes, so that every event
 * sent before the flush is in it (netlink queues a multicast message into
 * the socket as it is sent).  The callback only formats the line into a
 * buffer; the runner writes the buffer into the log it has open.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "events.h"

/* lines kept between two flushes; the others are counted */
#define EVENTS_KEEP	(4u << 20)

struct run_events {
	struct nvt_monitor *m;
	char bdf[32];
	pthread_t thread;
	int stop[2];		/* a byte in stop[1] ends the thread */
	pthread_mutex_t lock;	/* the monitor and what follows */
	char *text;		/* lines not yet flushed */
	size_t len, size;
	uint64_t not_kept;	/* events beyond EVENTS_KEEP */
	unsigned overflows;	/* dispatches that said events were lost */
	bool quiet_resets;	/* CC.EN events are the runner's own */
	char broken[256];	/* the socket failed: why ("" while it works) */
	bool broken_told;
};

/* An event's fields, in the order of its line. */
static void format_fields(const struct nvt_monitor_event *ev, char *buf,
			  size_t len)
{
	size_t n = 0;

#define FIELD(f, ...) do {						\
	if ((ev->fields & NVT_MONITOR_FIELD(f)) && n < len)		\
		n += snprintf(buf + n, len - n, __VA_ARGS__);		\
} while (0)
	buf[0] = 0;
	FIELD(WORKER, " worker %u", ev->worker);
	FIELD(QID, " qid %u", ev->qid);
	FIELD(CID, " cid %u", ev->cid);
	FIELD(OPCODE, " opcode %02xh", ev->opcode);
	FIELD(STATUS, " status %02x/%02x", ev->status >> 8 & 0xff,
	      ev->status & 0xff);
	FIELD(DW0, " dw0 0x%08x", ev->dw0);
	FIELD(NSID, " nsid %u", ev->nsid);
	FIELD(LBA, " lba %" PRIu64, ev->lba);
	FIELD(EXPECTED, " expected %u", ev->expected);
	FIELD(ACTUAL, " actual %u", ev->actual);
	FIELD(CSTS, " csts 0x%08x", ev->csts);
#undef FIELD
}

void run_events_format(const struct nvt_monitor_event *ev, char *buf,
		       size_t len)
{
	time_t sec = (time_t)(ev->time_ns / 1000000000u);
	char when[32], fields[256];
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	format_fields(ev, fields, sizeof(fields));
	snprintf(buf, len, "%s.%06u event: %s%s", when,
		 (unsigned)(ev->time_ns % 1000000000u / 1000),
		 nvt_monitor_event_name(ev->type), fields);
}

/* The monitor's callback, under e->lock. */
static void on_event(const struct nvt_monitor_event *ev, void *arg)
{
	struct run_events *e = arg;
	char line[512];
	size_t n;

	if (e->quiet_resets && (ev->type == NVT_EV_CTRL_ENABLE ||
				ev->type == NVT_EV_CTRL_DISABLE))
		return;
	run_events_format(ev, line, sizeof(line));
	n = strlen(line);
	if (e->len + n + 2 > e->size) {
		size_t size = e->size ? e->size * 2 : 4096;
		char *t;

		while (size < e->len + n + 2)
			size *= 2;
		t = size <= EVENTS_KEEP ? realloc(e->text, size) : NULL;
		if (!t) {
			e->not_kept++;
			return;
		}
		e->text = t;
		e->size = size;
	}
	memcpy(e->text + e->len, line, n);
	e->len += n;
	e->text[e->len++] = '\n';
	e->text[e->len] = 0;
}

/* Read what the socket holds (e->lock held). */
static void take(struct run_events *e)
{
	int ret;

	if (e->broken[0])
		return;
	ret = nvt_monitor_dispatch(e->m);
	if (ret == -ENOBUFS)
		e->overflows++;
	else if (ret < 0)
		snprintf(e->broken, sizeof(e->broken), "%s",
			 nvt_monitor_error(e->m));
}

static void *reader(void *arg)
{
	struct run_events *e = arg;
	struct pollfd p[2] = {
		{ .fd = nvt_monitor_fd(e->m), .events = POLLIN },
		{ .fd = e->stop[0], .events = POLLIN },
	};
	bool broken;

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			pthread_mutex_lock(&e->lock);
			snprintf(e->broken, sizeof(e->broken), "poll: %s",
				 strerror(errno));
			pthread_mutex_unlock(&e->lock);
			break;
		}
		if (p[1].revents)
			break;
		if (!p[0].revents)
			continue;
		pthread_mutex_lock(&e->lock);
		take(e);
		broken = e->broken[0];
		pthread_mutex_unlock(&e->lock);
		if (broken)
			break;
	}
	return NULL;
}

/* nvt.ko's count of this device's messages no listener got, or -1. */
static long long kernel_dropped(const char *bdf)
{
	char pattern[128];
	long long n = -1;
	glob_t g;
	FILE *f;

	snprintf(pattern, sizeof(pattern),
		 "/sys/bus/pci/devices/%s/nvt/nvt*/events_dropped", bdf);
	if (glob(pattern, 0, NULL, &g))
		return -1;
	f = g.gl_pathc ? fopen(g.gl_pathv[0], "r") : NULL;
	if (f) {
		if (fscanf(f, "%lld", &n) != 1)
			n = -1;
		fclose(f);
	}
	globfree(&g);
	return n;
}

int run_events_open(struct run_events **out, const char *bdf, char *why,
		    size_t whylen)
{
	struct run_events *e;
	sigset_t all, old;
	int ret;

	*out = NULL;
	e = calloc(1, sizeof(*e));
	if (!e) {
		snprintf(why, whylen, "out of memory");
		return -ENOMEM;
	}
	e->stop[0] = e->stop[1] = -1;
	snprintf(e->bdf, sizeof(e->bdf), "%s", bdf);
	pthread_mutex_init(&e->lock, NULL);
	ret = nvt_monitor_open(&e->m, why, whylen);
	if (!ret) {
		ret = nvt_monitor_subscribe(e->m, bdf, on_event, NULL, e);
		if (ret)
			snprintf(why, whylen, "%s", nvt_monitor_error(e->m));
	}
	if (!ret && pipe2(e->stop, O_CLOEXEC)) {
		ret = -errno;
		snprintf(why, whylen, "pipe: %s", strerror(errno));
	}
	if (ret)
		goto fail;
	/* a test program must not inherit the socket */
	fcntl(nvt_monitor_fd(e->m), F_SETFD, FD_CLOEXEC);
	/* signals (^C) go to the runner, not to the reader */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = -pthread_create(&e->thread, NULL, reader, e);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret) {
		snprintf(why, whylen, "thread: %s", strerror(-ret));
		goto fail;
	}
	*out = e;
	return 0;
fail:
	nvt_monitor_close(e->m);
	if (e->stop[0] >= 0) {
		close(e->stop[0]);
		close(e->stop[1]);
	}
	pthread_mutex_destroy(&e->lock);
	free(e);
	return ret;
}

void run_events_flush(struct run_events *e, FILE *log)
{
	char *text;
	uint64_t not_kept;
	unsigned overflows;
	char broken[sizeof(e->broken)] = "";
	long long dropped;

	if (!e)
		return;
	pthread_mutex_lock(&e->lock);
	take(e);
	text = e->len ? e->text : NULL;
	if (text) {
		e->text = NULL;
		e->len = e->size = 0;
	}
	not_kept = e->not_kept;
	overflows = e->overflows;
	e->not_kept = 0;
	e->overflows = 0;
	if (e->broken[0] && !e->broken_told) {
		memcpy(broken, e->broken, sizeof(broken));
		e->broken_told = true;
	}
	pthread_mutex_unlock(&e->lock);

	if (log && text)
		fputs(text, log);
	free(text);
	if (log && not_kept)
		fprintf(log, "event: %" PRIu64 " more events not kept in this log (over %u MiB of them)\n",
			not_kept, EVENTS_KEEP >> 20);
	if (log && overflows) {
		dropped = kernel_dropped(e->bdf);
		if (dropped >= 0)
			fprintf(log, "event: events were lost, not read in time (nvt.ko has dropped %lld of this device's so far)\n",
				dropped);
		else
			fprintf(log, "event: events were lost, not read in time\n");
	}
	if (log && broken[0])
		fprintf(log, "event: no more events: %s\n", broken);
}

void run_events_quiet_resets(struct run_events *e, bool quiet)
{
	if (!e)
		return;
	pthread_mutex_lock(&e->lock);
	take(e);
	e->quiet_resets = quiet;
	pthread_mutex_unlock(&e->lock);
}

void run_events_close(struct run_events *e)
{
	if (!e)
		return;
	while (write(e->stop[1], "", 1) < 0 && errno == EINTR)
		;
	pthread_join(e->thread, NULL);
	close(e->stop[0]);
	close(e->stop[1]);
	nvt_monitor_close(e->m);
	pthread_mutex_destroy(&e->lock);
	free(e->text);
	free(e);
}
