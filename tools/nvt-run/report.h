/* SPDX-License-Identifier: MIT */
/*
 * What a run tells: pytest's terminal layout (progress, failures, warnings
 * summary, short summary, final line), and the files in the results folder:
 * nvt-run.log (everything, with each test's log), junit.xml, results.json,
 * report.html (a page with charts) and files/<test>/ for what tests write.  Each output is a sink
 * (report_sink.h) told the same events.
 */
#ifndef NVT_RUN_REPORT_H
#define NVT_RUN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collect.h"

/*
 * nvt-run's exit statuses, pytest's where they mean the same.  A run with
 * collection errors runs nothing; a run whose device is missing or lost is
 * incomplete, whatever its tests did before.
 */
enum run_status {
	RUN_OK = 0,		/* passed, skipped or xfailed: nothing else */
	RUN_TESTS_FAILED = 1,	/* failed or errored, or stopped (-x, ^C) */
	RUN_COLLECTION_ERRORS = 2,	/* a file could not be collected */
	RUN_NO_DEVICE = 3,	/* the device is missing or was lost */
	RUN_USAGE_ERROR = 4,	/* options, paths, the results folder */
};

struct report_opts {
	const char *results;	/* folder; NULL: no files */
	const char *junit;	/* NULL: <results>/junit.xml */
	int verbosity;		/* -1 quiet, 0 default, 1 verbose */
	uint64_t seed;
	const char *fault;	/* --fault, or NULL */
};

struct report;

/* The device under test as the files describe it. */
struct report_devinfo {
	const char *bdf;	/* PCI address */
	const char *model, *serial, *firmware;	/* Identify Controller */
	uint32_t nsid;		/* the namespace under test */
	/* why nvt.ko's events are not in the test logs; NULL: they are */
	const char *events_off;
};

/* Then report_start(), report_test() per test, report_finish(). */
int report_open(struct report **out, const struct report_opts *o,
		char *err, size_t errlen);
/* Session header and collection errors. */
void report_start(struct report *rp, const struct collection *c);
/* The device under test, once opened (for the header of files). */
void report_device(struct report *rp, const struct report_devinfo *d);
/* A line for the run log only (setup/teardown of folders and suites). */
void report_log(struct report *rp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* results/files/<test id made safe>, or NULL without a results folder. */
char *report_outdir(struct report *rp, const struct test *t);
/* The same for a results folder @results (malloc'd; NULL: no memory). */
char *report_test_dir(const char *results, const struct test *t);
/* A test finished (index counts from 0). */
void report_test(struct report *rp, const struct test *t, size_t index);
/*
 * The terminal's column after what the run printed (the progress
 * characters of an open line); 0 at the start of a line.
 */
unsigned report_column(struct report *rp);
/* The run stopped early (-x, interrupted): @why. */
void report_stopped(struct report *rp, const char *why);
/* The device is missing or was lost (@why): the run stopped. */
void report_no_device(struct report *rp, const char *why);
/* Summaries and files; returns an enum run_status. */
int report_finish(struct report *rp, const struct collection *c,
		  double seconds);
void report_close(struct report *rp);

#endif /* NVT_RUN_REPORT_H */
