// SPDX-License-Identifier: MIT
/*
 * What a run tells, handed to every sink in the same order: the terminal
 * (report_term.c), results.json (report_json.c), JUnit XML
 * (report_junit.c), report.html (report_html.c).  Here: the results folder, the counts every sink
 * reads, and the exit code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#include "report.h"
#include "report_sink.h"

/* The sinks, in the order they are told: a new format is one more line. */
static int (*const sink_open[])(struct report_sink **out,
				const struct report_opts *o, char *err,
				size_t errlen) = {
	report_term_open,
	report_json_open,
	report_junit_open,
	report_html_open,
};

#define NSINKS (sizeof(sink_open) / sizeof(sink_open[0]))

struct report {
	struct report_run run;
	char *device;
	char *dev_strings[5];	/* bdf, model, serial, firmware, events_off */
	char kernel[200];
	char *stop_reason;
	struct report_sink *sinks[NSINKS];	/* NULL: nothing to write */
};

/* Every sink that has @cb, in order: CALL(rp, cb, args after the sink). */
#define CALL(rp, cb, ...)						\
	do {								\
		for (size_t i_ = 0; i_ < NSINKS; i_++)			\
			if ((rp)->sinks[i_] && (rp)->sinks[i_]->cb)	\
				(rp)->sinks[i_]->cb((rp)->sinks[i_],	\
						    __VA_ARGS__);	\
	} while (0)

static int mkdir_p(const char *path)
{
	char tmp[4096];
	char *p;

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

/* The kernel nvt-run runs on, as "Linux <release> <machine>". */
static void kernel_name(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u))
		snprintf(buf, len, "unknown");
	else
		snprintf(buf, len, "Linux %.80s %.40s", u.release, u.machine);
}

int report_open(struct report **out_rp, const struct report_opts *o,
		char *err, size_t errlen)
{
	struct report *rp = calloc(1, sizeof(*rp));
	char path[4096];
	size_t i;
	int ret;

	*out_rp = NULL;
	if (!rp) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	rp->run.o = *o;
	rp->run.started = time(NULL);
	kernel_name(rp->kernel, sizeof(rp->kernel));
	rp->run.kernel = rp->kernel;
	if (o->results) {
		snprintf(path, sizeof(path), "%s/files", o->results);
		ret = mkdir_p(path);
		if (ret) {
			snprintf(err, errlen, "results folder %s: %s", path,
				 strerror(-ret));
			free(rp);
			return ret;
		}
	}
	for (i = 0; i < NSINKS; i++) {
		ret = sink_open[i](&rp->sinks[i], o, err, errlen);
		if (ret) {
			report_close(rp);
			return ret;
		}
	}
	*out_rp = rp;
	return 0;
}

void report_close(struct report *rp)
{
	size_t i;

	if (!rp)
		return;
	for (i = 0; i < NSINKS; i++)
		if (rp->sinks[i] && rp->sinks[i]->close)
			rp->sinks[i]->close(rp->sinks[i]);
	free(rp->device);
	for (i = 0; i < 5; i++)
		free(rp->dev_strings[i]);
	free(rp->stop_reason);
	free(rp);
}

void report_log(struct report *rp, const char *fmt, ...)
{
	bool newline = fmt[0] && fmt[strlen(fmt) - 1] != '\n';
	char *text;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return;
	CALL(rp, log, text, newline);
	free(text);
}

void report_start(struct report *rp, const struct collection *c)
{
	rp->run.c = c;
	CALL(rp, begin_run, &rp->run);
}

void report_device(struct report *rp, const struct report_devinfo *d)
{
	const char *src[5] = { d->bdf, d->model, d->serial, d->firmware,
			       d->events_off };
	char **dst = rp->dev_strings;
	size_t i;

	for (i = 0; i < 5; i++) {
		free(dst[i]);
		dst[i] = strdup(src[i] ? src[i] : "");
	}
	rp->run.dev = (struct report_devinfo){
		.bdf = dst[0], .model = dst[1], .serial = dst[2],
		.firmware = dst[3], .nsid = d->nsid,
		.events_off = d->events_off ? dst[4] : NULL,
	};
	free(rp->device);
	if (asprintf(&rp->device, "%s, %s, firmware %s, namespace %u",
		     d->bdf, d->model, d->firmware, d->nsid) < 0)
		rp->device = NULL;
	rp->run.device = rp->device ? rp->device : "?";
	CALL(rp, device, &rp->run);
}

char *report_outdir(struct report *rp, const struct test *t)
{
	if (!rp->run.o.results)
		return NULL;
	return report_test_dir(rp->run.o.results, t);
}

char *report_test_dir(const char *results, const struct test *t)
{
	char *dir, *p;

	if (asprintf(&dir, "%s/files/%s", results, t->nodeid) < 0)
		return NULL;
	for (p = dir + strlen(results) + strlen("/files/"); *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && !strchr("._-[]", *p))
			*p = '_';
	return dir;
}

void report_test(struct report *rp, const struct test *t, size_t index)
{
	CALL(rp, end_test, &rp->run, t, index);
}

unsigned report_column(struct report *rp)
{
	size_t i;

	for (i = 0; i < NSINKS; i++)
		if (rp->sinks[i] && rp->sinks[i]->column)
			return rp->sinks[i]->column(rp->sinks[i]);
	return 0;
}

void report_stopped(struct report *rp, const char *why)
{
	free(rp->stop_reason);
	rp->stop_reason = strdup(why);
	rp->run.stop_reason = rp->stop_reason ? rp->stop_reason : "stopped";
}

void report_no_device(struct report *rp, const char *why)
{
	report_stopped(rp, why);
	rp->run.no_device = true;
}

int report_finish(struct report *rp, const struct collection *c,
		  double seconds)
{
	struct report_run *run = &rp->run;
	size_t i;
	int ret;

	run->c = c;
	run->seconds = seconds;
	for (i = 0; i < c->ntests; i++) {
		run->n[c->tests[i]->res.outcome]++;
		run->warnings += c->tests[i]->res.nwarnings;
	}
	for (i = 0; i < NSINKS; i++) {
		if (!rp->sinks[i] || !rp->sinks[i]->end_run)
			continue;
		ret = rp->sinks[i]->end_run(rp->sinks[i], run);
		if (ret)
			fprintf(stderr, "nvt-run: writing results: %s\n",
				strerror(-ret));
	}
	fflush(stdout);
	if (c->nerrors)
		return RUN_COLLECTION_ERRORS;
	if (run->no_device)
		return RUN_NO_DEVICE;
	return run->n[OUT_FAILED] || run->n[OUT_ERROR] || run->n[OUT_NOT_RUN] ?
	       RUN_TESTS_FAILED : RUN_OK;
}
