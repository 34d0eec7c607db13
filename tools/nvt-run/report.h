/* SPDX-License-Identifier: MIT */
/*
 * What a run tells: pytest's terminal layout (progress, failures, warnings
 * summary, short summary, final line), and the files in the results folder:
 * nvt-run.log (everything, with each test's log), junit.xml, results.json
 * and files/<test>/ for what tests write.
 */
#ifndef NVT_RUN_REPORT_H
#define NVT_RUN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "collect.h"

struct report_opts {
	const char *results;	/* folder; NULL: no files */
	const char *junit;	/* NULL: <results>/junit.xml */
	int verbosity;		/* -1 quiet, 0 default, 1 verbose */
	uint64_t seed;
};

struct report;

int report_open(struct report **out, const struct report_opts *o,
		char *err, size_t errlen);
/* Session header and collection errors. */
void report_start(struct report *rp, const struct collection *c);
/* The device under test, once opened (for the header of files). */
void report_device(struct report *rp, const char *desc);
/* A line for the run log only (setup/teardown of folders and suites). */
void report_log(struct report *rp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* results/files/<test id made safe>, or NULL without a results folder. */
char *report_outdir(struct report *rp, const struct test *t);
/* A test finished (index counts from 0). */
void report_test(struct report *rp, const struct test *t, size_t index,
		 size_t total);
/* The run stopped early (-x, device lost): @why. */
void report_stopped(struct report *rp, const char *why);
/*
 * Summaries and files; returns the exit code: 0 all passed (or skipped,
 * xfailed), 1 a test failed or errored, 2 collection errors.
 */
int report_finish(struct report *rp, const struct collection *c,
		  double seconds);
void report_close(struct report *rp);

/* JSON and XML text escaping, for the files. */
void json_string(FILE *f, const char *s);
void xml_text(FILE *f, const char *s);

#endif /* NVT_RUN_REPORT_H */
