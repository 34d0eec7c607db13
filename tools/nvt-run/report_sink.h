/* SPDX-License-Identifier: MIT */
/*
 * A report sink: one output of a run (the terminal with its copy in
 * nvt-run.log, JUnit XML, results.json, report.html).  report.c tells every sink the
 * same events in the same order; a callback a sink does not need is NULL.
 * A new format is one more file, its constructor one more entry of
 * report.c's table.
 */
#ifndef NVT_RUN_REPORT_SINK_H
#define NVT_RUN_REPORT_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "collect.h"
#include "report.h"

/* What every sink may read about the run. */
struct report_run {
	struct report_opts o;
	const struct collection *c;	/* from begin_run on */
	time_t started;
	const char *device;	/* NULL until the device is opened */
	struct report_devinfo dev;	/* its parts, once opened */
	const char *kernel;	/* uname's release and machine */
	const char *stop_reason;	/* NULL: the run went to its end */
	bool no_device;		/* it stopped: the device is missing or lost */
	/* for end_run: tests per outcome, warnings, the run's duration */
	size_t n[OUT_XPASSED + 1];
	size_t warnings;
	double seconds;
};

struct report_sink {
	/* the session header and the collection errors */
	void (*begin_run)(struct report_sink *s, const struct report_run *run);
	/* the device under test was opened (run->device) */
	void (*device)(struct report_sink *s, const struct report_run *run);
	/* setup or teardown for the run log; @newline: end the line */
	void (*log)(struct report_sink *s, const char *text, bool newline);
	/* test @index (from 0) has its result */
	void (*end_test)(struct report_sink *s, const struct report_run *run,
			 const struct test *t, size_t index);
	/* the summaries or the file; 0 or -errno */
	int (*end_run)(struct report_sink *s, const struct report_run *run);
	void (*close)(struct report_sink *s);
	/* the terminal's: the column its cursor is at (report_column()) */
	unsigned (*column)(struct report_sink *s);
	void *priv;
};

/*
 * The sinks.  Each returns 0 with *out set, or NULL when it has nothing to
 * write with these options; -errno with @err set when it cannot start.
 */
int report_term_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen);
int report_json_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen);
int report_junit_open(struct report_sink **out, const struct report_opts *o,
		      char *err, size_t errlen);
int report_html_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen);

#endif /* NVT_RUN_REPORT_SINK_H */
