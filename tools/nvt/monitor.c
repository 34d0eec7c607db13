// SPDX-License-Identifier: MIT
/*
 * nvt monitor: nvt.ko's events as they happen, one line each.
 * nvt top: every device's queues and workers, refreshed each second.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "commands.h"
#include "sysfs.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* "2026-12-03T10:15:02.123456789Z" */
static void format_time(uint64_t ns, char *buf, size_t len)
{
	time_t s = (time_t)(ns / 1000000000u);
	struct tm tm;
	char day[32];

	gmtime_r(&s, &tm);
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%09lluZ", day,
		 (unsigned long long)(ns % 1000000000u));
}

/* An event's fields, in the order they are printed. */
static const struct {
	const char *name;
	uint32_t field;
	bool hex;
} event_fields[] = {
	{ "worker", NVT_MONITOR_FIELD(WORKER), false },
	{ "qid", NVT_MONITOR_FIELD(QID), false },
	{ "cid", NVT_MONITOR_FIELD(CID), false },
	{ "opcode", NVT_MONITOR_FIELD(OPCODE), true },
	{ "status", NVT_MONITOR_FIELD(STATUS), true },
	{ "dw0", NVT_MONITOR_FIELD(DW0), true },
	{ "nsid", NVT_MONITOR_FIELD(NSID), false },
	{ "lba", NVT_MONITOR_FIELD(LBA), false },
	{ "expected", NVT_MONITOR_FIELD(EXPECTED), true },
	{ "actual", NVT_MONITOR_FIELD(ACTUAL), true },
	{ "csts", NVT_MONITOR_FIELD(CSTS), true },
};

static uint64_t event_value(const struct nvt_monitor_event *ev, uint32_t f)
{
	if (f == NVT_MONITOR_FIELD(WORKER))
		return ev->worker;
	if (f == NVT_MONITOR_FIELD(QID))
		return ev->qid;
	if (f == NVT_MONITOR_FIELD(CID))
		return ev->cid;
	if (f == NVT_MONITOR_FIELD(OPCODE))
		return ev->opcode;
	if (f == NVT_MONITOR_FIELD(STATUS))
		return ev->status;
	if (f == NVT_MONITOR_FIELD(DW0))
		return ev->dw0;
	if (f == NVT_MONITOR_FIELD(NSID))
		return ev->nsid;
	if (f == NVT_MONITOR_FIELD(LBA))
		return ev->lba;
	if (f == NVT_MONITOR_FIELD(EXPECTED))
		return ev->expected;
	if (f == NVT_MONITOR_FIELD(CSTS))
		return ev->csts;
	return ev->actual;
}

void nvt_monitor_format(const struct nvt_monitor_event *ev, bool json,
			char *buf, size_t len)
{
	size_t n, i;
	char t[48];

	format_time(ev->time_ns, t, sizeof(t));
	if (json)
		n = snprintf(buf, len,
			     "{\"time\":\"%s\",\"time_ns\":%llu,\"instance\":%d,\"bdf\":\"%s\",\"event\":\"%s\"",
			     t, (unsigned long long)ev->time_ns, ev->instance,
			     ev->bdf, nvt_monitor_event_name(ev->type));
	else
		n = snprintf(buf, len, "%s nvt%d %s %s", t, ev->instance,
			     ev->bdf, nvt_monitor_event_name(ev->type));
	for (i = 0; i < sizeof(event_fields) / sizeof(event_fields[0]); i++) {
		uint64_t v = event_value(ev, event_fields[i].field);

		if (!(ev->fields & event_fields[i].field) || n >= len)
			continue;
		if (json)	/* numbers as numbers, whatever their base here */
			n += snprintf(buf + n, len - n, ",\"%s\":%llu",
				      event_fields[i].name,
				      (unsigned long long)v);
		else
			n += snprintf(buf + n, len - n,
				      event_fields[i].hex ? " %s=0x%llx" :
				      " %s=%llu", event_fields[i].name,
				      (unsigned long long)v);
	}
	if (json && n < len)
		snprintf(buf + n, len - n, "}");
}

static void print_event(const struct nvt_monitor_event *ev, void *arg)
{
	bool *json = arg;
	char line[512];

	nvt_monitor_format(ev, *json, line, sizeof(line));
	printf("%s\n", line);
}

int nvt_tool_monitor(int argc, char **argv)
{
	const char *dev = NULL;
	struct nvt_monitor *m;
	bool json = false;
	char err[256];
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] != '-' && !dev)
			dev = argv[i];
		else {
			fprintf(stderr, "usage: nvt monitor [BDF|nvtN] [--json]\n");
			return 2;
		}
	}
	if (nvt_monitor_open(&m, err, sizeof(err))) {
		fprintf(stderr, "nvt monitor: %s\n", err);
		return 1;
	}
	if (nvt_monitor_subscribe(m, dev, print_event, NULL, &json)) {
		fprintf(stderr, "nvt monitor: %s\n", nvt_monitor_error(m));
		nvt_monitor_close(m);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	catch_signals();
	/* subscribed: what happens from here on is printed */
	fprintf(stderr, "nvt monitor: listening to %s\n", dev ? dev : "all devices");
	ret = 0;
	while (!stop) {
		struct pollfd p = { .fd = nvt_monitor_fd(m), .events = POLLIN };

		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("nvt monitor: poll");
			ret = 1;
			break;
		}
		if (nvt_monitor_dispatch(m) < 0) {
			fprintf(stderr, "nvt monitor: %s\n", nvt_monitor_error(m));
			if (!strstr(nvt_monitor_error(m), "lost")) {
				ret = 1;
				break;
			}
		}
	}
	nvt_monitor_close(m);
	return ret;
}

static double us(uint64_t ns)
{
	return ns / 1000.0;
}

/* One device as plain lines, each prefixed with the time and the device. */
static void top_plain(FILE *out, const struct nvt_monitor_stats *st)
{
	char t[48], pre[96];
	unsigned i;

	format_time(st->time_ns, t, sizeof(t));
	snprintf(pre, sizeof(pre), "%s nvt%d %s", t, st->instance, st->bdf);
	fprintf(out, "%s device queues=%u workers=%u dropped=%llu\n", pre,
		st->nr_queues, st->nr_workers,
		(unsigned long long)st->dropped);
	for (i = 0; i < st->nr_queues; i++) {
		const struct nvt_monitor_queue *q = &st->queues[i];

		fprintf(out, "%s queue qid=%u depth=%u worker=%lld outstanding=%u iops=%llu lat_avg_us=%.1f lat_max_us=%.1f completed=%llu\n",
			pre, q->qid, q->depth, (long long)q->worker,
			q->outstanding, (unsigned long long)q->done_1s,
			us(q->lat_avg_ns), us(q->lat_max_ns),
			(unsigned long long)q->completed);
	}
	for (i = 0; i < st->nr_workers; i++) {
		const struct nvt_monitor_worker *w = &st->workers[i];

		fprintf(out, "%s worker id=%u qid=%u running=%u iops=%llu mbps=%.2f lat_avg_us=%.1f lat_max_us=%.1f inflight=%u errors=%llu status=0x%x completed=%llu\n",
			pre, w->id, w->qid, w->running,
			(unsigned long long)w->ios_1s, w->bytes_1s / 1e6,
			us(w->lat_avg_ns), us(w->lat_max_ns), w->inflight,
			(unsigned long long)w->errors, w->status,
			(unsigned long long)w->completed);
	}
}

/* One device as a table, for the screen. */
static void top_screen(FILE *out, const struct nvt_monitor_stats *st)
{
	unsigned i;

	fprintf(out, "nvt%d  %s  queues %u  workers %u  dropped %llu\n",
		st->instance, st->bdf, st->nr_queues, st->nr_workers,
		(unsigned long long)st->dropped);
	fprintf(out, "  %5s %6s %6s %6s %9s %11s %11s %12s\n", "QID", "DEPTH",
		"WORKER", "OUTST", "IOPS", "LAT_AVG_us", "LAT_MAX_us",
		"COMPLETED");
	for (i = 0; i < st->nr_queues; i++) {
		const struct nvt_monitor_queue *q = &st->queues[i];
		char wk[24] = "-";

		if (q->worker >= 0)
			snprintf(wk, sizeof(wk), "%lld", (long long)q->worker);
		fprintf(out, "  %5u %6u %6s %6u %9llu %11.1f %11.1f %12llu\n",
			q->qid, q->depth, wk, q->outstanding,
			(unsigned long long)q->done_1s, us(q->lat_avg_ns),
			us(q->lat_max_ns), (unsigned long long)q->completed);
	}
	if (!st->nr_workers) {
		fprintf(out, "\n");
		return;
	}
	fprintf(out, "  %6s %5s %4s %9s %8s %11s %11s %6s %7s %6s\n", "WORKER",
		"QID", "RUN", "IOPS", "MB/s", "LAT_AVG_us", "LAT_MAX_us",
		"INFL", "ERRORS", "STATUS");
	for (i = 0; i < st->nr_workers; i++) {
		const struct nvt_monitor_worker *w = &st->workers[i];

		fprintf(out, "  %6u %5u %4s %9llu %8.2f %11.1f %11.1f %6u %7llu %02x/%02x\n",
			w->id, w->qid, w->running ? "yes" : "no",
			(unsigned long long)w->ios_1s, w->bytes_1s / 1e6,
			us(w->lat_avg_ns), us(w->lat_max_ns), w->inflight,
			(unsigned long long)w->errors, w->status >> 8,
			w->status & 0xff);
	}
	fprintf(out, "\n");
}

/* One refresh: every device (or @dev) now; false when none answered. */
static bool top_once(struct nvt_monitor *m, const char *dev, bool screen)
{
	struct nvme_function devs[NVT_MAX_CTRLS];
	struct nvt_monitor_stats *st;
	unsigned n = 0, i, shown = 0;

	if (screen)
		printf("\033[H\033[2J");	/* home, clear */
	if (!dev && tool_scan(devs, NVT_MAX_CTRLS, &n))
		n = 0;
	for (i = 0; dev ? i < 1 : i < n; i++) {
		const char *name = dev ? dev : devs[i].bdf;

		if (!dev && strcmp(devs[i].driver, "nvt"))
			continue;
		if (nvt_monitor_dump(m, name, &st)) {
			fprintf(stderr, "nvt top: %s\n", nvt_monitor_error(m));
			continue;
		}
		if (screen)
			top_screen(stdout, st);
		else
			top_plain(stdout, st);
		nvt_monitor_stats_free(st);
		shown++;
	}
	if (!shown && screen)
		printf("no device bound to nvt\n");
	fflush(stdout);
	return shown;
}

int nvt_tool_top(int argc, char **argv)
{
	const char *dev = NULL;
	struct nvt_monitor *m;
	long rounds = -1;
	char err[256], *end;
	bool screen, any = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--once")) {
			rounds = 1;
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			rounds = strtol(argv[++i], &end, 10);
			if (*end || rounds < 1)
				goto usage;
		} else if (argv[i][0] != '-' && !dev) {
			dev = argv[i];
		} else {
			goto usage;
		}
	}
	if (nvt_monitor_open(&m, err, sizeof(err))) {
		fprintf(stderr, "nvt top: %s\n", err);
		return 1;
	}
	screen = isatty(STDOUT_FILENO);
	catch_signals();
	while (!stop && rounds) {
		any |= top_once(m, dev, screen);
		if (rounds > 0 && !--rounds)
			break;
		sleep(1);
	}
	nvt_monitor_close(m);
	return any ? 0 : 1;
usage:
	fprintf(stderr, "usage: nvt top [BDF|nvtN] [--once | -n N]\n");
	return 2;
}
