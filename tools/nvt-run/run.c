// SPDX-License-Identifier: MIT
/*
 * Running the collection: the device is opened once, re-initialized before
 * each test (unless reinit: false), and every test runs inside its folders'
 * and suite's setup, with its fixtures around it.  The run stops early on
 * -x or an interrupt, and when the device is missing or lost: the tests
 * left are then not run, for that one reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bind.h"
#include "clock.h"
#include "collect.h"
#include "ctest.h"
#include "device.h"
#include "report.h"
#include "run.h"
#include "warnfilter.h"
#include "setup.h"
#include "yaml_test.h"

int64_t runner_time_limit(const struct runner *r, const struct suite *s,
			  const struct node *test)
{
	int64_t v = s ? settings_time_limit(s, test) : -1;

	return v >= 0 ? v : r->opts->time_limit_s;
}

/* Queues made by a folder's setup would not survive a C test's own init. */
static const char *folder_with_qpairs(const struct suite *s)
{
	const struct folder *f;

	for (f = s->folder; f; f = f->parent)
		if (f->scope.nqpairs)
			return f->dir;
	return NULL;
}

/* One test inside its folders and suite; fills t->res. */
static void run_one(struct runner *r, struct collection *c, struct test *t)
{
	struct suite *s = t->suite;
	struct capture cap;
	char *outdir;
	double t0;

	folders_enter(r, c, s->folder);
	if (!s->active)
		suite_start(r, s);
	outdir = report_outdir(r->report, t);
	capture_open(&cap);
	t0 = now_s();
	if (s->is_program && folder_with_qpairs(s)) {
		t->res.outcome = OUT_ERROR;
		if (asprintf(&t->res.reason,
			     "%s/conftest.yaml holds I/O qpairs: a C test re-initializes the controller under them",
			     folder_with_qpairs(s)) < 0)
			t->res.reason = NULL;
	} else if (s->is_program && !s->setup_error) {
		ctest_run(r, t, cap.f, outdir);
	} else {
		yaml_test_run(r, t, cap.f, outdir);
	}
	t->res.duration = now_s() - t0;
	/* every event sent before the test ended is in its log */
	runner_events_flush(r, cap.f);
	if (r->opts->filters)
		warnfilter_apply(r->opts->filters, &t->res);
	capture_close(&cap);
	t->res.log = cap.text;
	free(outdir);
	if (t->last_in_suite)
		suite_end(r, s);
}

/* The device is gone: tests @from on are not run, all for one reason. */
static void stop_without_device(struct runner *r, struct collection *c,
				size_t from)
{
	size_t i;

	report_no_device(r->report, r->gone_why);
	for (i = from; i < c->ntests; i++) {
		free(c->tests[i]->res.reason);
		c->tests[i]->res.reason = strdup(r->gone_why);
	}
}

void run_all(struct runner *r, struct collection *c)
{
	size_t i;

	for (i = 0; i < c->ntests; i++) {
		struct test *t = c->tests[i];

		/* a C test program opens the device itself */
		if (!runner_check(r, !t->suite->is_program)) {
			stop_without_device(r, c, i);
			break;
		}
		run_one(r, c, t);
		report_test(r->report, t, i);
		if (r->opts->interrupted && *r->opts->interrupted) {
			report_stopped(r->report, "interrupted");
			break;
		}
		if (r->opts->exitfirst && (t->res.outcome == OUT_FAILED ||
					   t->res.outcome == OUT_ERROR)) {
			report_stopped(r->report,
				       "stopping after the first failure (-x)");
			break;
		}
	}
	for (i = 0; i < c->nsuites; i++)
		if (c->suites[i]->active)
			suite_end(r, c->suites[i]);
	folders_enter(r, c, NULL);
}
