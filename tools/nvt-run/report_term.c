// SPDX-License-Identifier: MIT
/*
 * The terminal report in pytest's layout: the session header, one
 * character (or with -v one line) per test, the errors and failures with
 * the end of their logs, a warnings summary, a short summary and the final
 * line.  All of it but the progress goes to nvt-run.log too, with every
 * test's full log and the logs of setup and teardown.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nvt/nvt.h>

#include "report_sink.h"

#define WIDTH 80

struct term {
	int verbosity;		/* -1 quiet, 0 default, 1 verbose */
	FILE *log;		/* results/nvt-run.log */
	const struct suite *line_suite;	/* whose progress line is open */
	unsigned col;		/* characters on that line */
	size_t ntests;
	size_t done;		/* tests reported: fewer when the run stopped */
};

static const char progress_char[] = {
	[OUT_NOT_RUN] = '?', [OUT_PASSED] = '.', [OUT_FAILED] = 'F',
	[OUT_SKIPPED] = 's', [OUT_ERROR] = 'E', [OUT_XFAILED] = 'x',
	[OUT_XPASSED] = 'X',
};

/* To the terminal and the run log. */
static void out(struct term *tm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out(struct term *tm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (tm->log) {
		va_start(ap, fmt);
		vfprintf(tm->log, fmt, ap);
		va_end(ap);
	}
}

/* "===== text =====" to WIDTH columns, like pytest's separators. */
static void banner(struct term *tm, char fill, const char *text)
{
	size_t len = strlen(text) + 2, left, right, i;
	char line[WIDTH * 2 + 1];
	size_t n = 0;

	if (len >= WIDTH - 2) {
		out(tm, "%c%c %s %c%c\n", fill, fill, text, fill, fill);
		return;
	}
	left = (WIDTH - len) / 2;
	right = WIDTH - len - left;
	for (i = 0; i < left; i++)
		line[n++] = fill;
	line[n] = 0;
	out(tm, "%s %s ", line, text);
	for (n = 0, i = 0; i < right; i++)
		line[n++] = fill;
	line[n] = 0;
	out(tm, "%s\n", line);
}

static void term_begin_run(struct report_sink *s, const struct report_run *run)
{
	const struct collection *c = run->c;
	struct term *tm = s->priv;
	char when[64];
	size_t i;

	tm->ntests = c->ntests;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S",
		 localtime(&run->started));
	if (tm->verbosity >= 0) {
		banner(tm, '=', "test session starts");
		out(tm, "nvt-run %s, %s, seed %llu%s%s\n", NVT_VERSION,
		    when, (unsigned long long)run->o.seed,
		    run->o.results ? ", results in " : "",
		    run->o.results ? run->o.results : "");
		if (run->o.fault)
			out(tm, "fault %s: the test cases are under test, not the device\n",
			    run->o.fault);
		out(tm, "collected %zu item%s", c->ntests + c->ndeselected,
		    c->ntests + c->ndeselected == 1 ? "" : "s");
		if (c->ndeselected)
			out(tm, " / %zu deselected / %zu selected",
			    c->ndeselected, c->ntests);
		if (c->nerrors)
			out(tm, " / %zu error%s", c->nerrors,
			    c->nerrors > 1 ? "s" : "");
		out(tm, "\n");
	}
	if (c->nerrors) {
		out(tm, "\n");
		banner(tm, '=', "ERRORS");
		for (i = 0; i < c->nerrors; i++)
			out(tm, "ERROR collecting %s\n", c->errors[i]);
	}
	fflush(stdout);
}

static void term_device(struct report_sink *s, const struct report_run *run)
{
	struct term *tm = s->priv;

	if (tm->verbosity >= 0)
		out(tm, "device: %s\n", run->device);
	/* said once, whatever the verbosity: the logs lack what it says */
	if (run->dev.events_off)
		out(tm, "warning: nvt.ko's events are not in the test logs: %s\n",
		    run->dev.events_off);
	if (tm->verbosity >= 0)
		out(tm, "\n");
	fflush(stdout);
}

static void term_log(struct report_sink *s, const char *text, bool newline)
{
	struct term *tm = s->priv;

	if (!tm->log)
		return;
	fputs(text, tm->log);
	if (newline)
		fputc('\n', tm->log);
	fflush(tm->log);
}

static void end_progress_line(struct term *tm, size_t done)
{
	char pct[16];
	unsigned pad;

	if (!tm->line_suite)
		return;
	snprintf(pct, sizeof(pct), "[%3zu%%]", tm->ntests ?
		 done * 100 / tm->ntests : 100);
	pad = tm->col + strlen(pct) < WIDTH ?
	      WIDTH - tm->col - strlen(pct) : 1;
	out(tm, "%*s%s\n", pad, "", pct);
	tm->line_suite = NULL;
	tm->col = 0;
}

/* The test's outcome and full log, for the run log only. */
static void log_test(struct term *tm, const struct test *t)
{
	const struct case_result *res = &t->res;
	size_t i;

	fprintf(tm->log, "---- %s: %s (%.3fs)%s%s\n", t->nodeid,
		outcome_name(res->outcome), res->duration,
		res->reason ? ": " : "", res->reason ? res->reason : "");
	if (res->log && res->log[0])
		fputs(res->log, tm->log);
	for (i = 0; i < res->nwarnings; i++)
		fprintf(tm->log, "warning: %s\n", res->warnings[i]);
	fflush(tm->log);
}

/* -v: "nodeid OUTCOME   [ nn%]". */
static void verbose_line(const struct test *t, size_t index, size_t total)
{
	char pct[16];
	int used;

	snprintf(pct, sizeof(pct), "[%3zu%%]", (index + 1) * 100 / total);
	used = printf("%s %s", t->nodeid, outcome_name(t->res.outcome));
	if (used < WIDTH - 7)
		printf("%*s", WIDTH - 7 - used, "");
	else
		printf(" ");
	printf("%s\n", pct);
	fflush(stdout);
}

static void term_end_test(struct report_sink *s, const struct report_run *run,
			  const struct test *t, size_t index)
{
	struct term *tm = s->priv;
	size_t total = run->c->ntests;

	tm->done = index + 1;
	if (tm->log)
		log_test(tm, t);
	if (tm->verbosity > 0) {
		verbose_line(t, index, total);
		return;
	}
	if (tm->line_suite != t->suite) {
		end_progress_line(tm, index);
		tm->line_suite = t->suite;
		if (tm->verbosity == 0) {
			printf("%s ", t->suite->path);
			tm->col = strlen(t->suite->path) + 1;
		}
	}
	putchar(progress_char[t->res.outcome]);
	tm->col++;
	if (tm->col >= WIDTH - 7) {
		end_progress_line(tm, index + 1);
		tm->line_suite = t->suite;
	}
	if (index + 1 == total)
		end_progress_line(tm, total);
	fflush(stdout);
}

static void tail_lines(const char *text, unsigned max)
{
	const char *p = text + strlen(text);
	unsigned n = 0;

	while (p > text && n <= max) {
		p--;
		if (*p == '\n' && p[1])
			n++;
	}
	if (n > max) {
		p++;
		printf("(%s)\n", "earlier lines in the run log");
	} else {
		p = text;
	}
	printf("%s", p);
	if (p[0] && p[strlen(p) - 1] != '\n')
		printf("\n");
}

static void details(struct term *tm, const struct collection *c,
		    enum outcome which, const char *title)
{
	bool any = false;
	size_t i;

	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];
		char head[600];

		if (t->res.outcome != which)
			continue;
		if (!any)
			banner(tm, '=', title);
		any = true;
		snprintf(head, sizeof(head), "%s", t->id);
		banner(tm, '_', head);
		if (t->res.log && t->res.log[0])
			tail_lines(t->res.log, 30);
		out(tm, "E   %s\n", t->res.reason ? t->res.reason : "");
	}
}

static void warnings_summary(struct term *tm, const struct collection *c)
{
	size_t i, k;

	banner(tm, '=', "warnings summary");
	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];

		if (!t->res.nwarnings)
			continue;
		out(tm, "%s\n", t->nodeid);
		for (k = 0; k < t->res.nwarnings; k++)
			out(tm, "  %s\n", t->res.warnings[k]);
		out(tm, "\n");
	}
}

/* One line per test that did not simply pass, and per collection error. */
static void short_summary(struct term *tm, const struct collection *c)
{
	bool any = false;
	size_t i;

	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];
		enum outcome o = t->res.outcome;

		if (o == OUT_PASSED || o == OUT_NOT_RUN ||
		    ((o == OUT_SKIPPED || o == OUT_XFAILED ||
		      o == OUT_XPASSED) && tm->verbosity < 0))
			continue;
		if (!any)
			banner(tm, '=', "short test summary info");
		any = true;
		out(tm, "%s %s%s%s\n", outcome_name(o), t->nodeid,
		    t->res.reason ? " - " : "",
		    t->res.reason ? t->res.reason : "");
	}
	for (i = 0; i < c->nerrors; i++) {
		if (!any)
			banner(tm, '=', "short test summary info");
		any = true;
		out(tm, "ERROR %s\n", c->errors[i]);
	}
}

static void summary_line(struct term *tm, const struct report_run *run)
{
	const struct collection *c = run->c;
	const size_t *n = run->n;
	size_t warnings = run->warnings;
	char text[512];
	size_t len = 0;

#define ADD(...) (len += snprintf(text + len, sizeof(text) - len, __VA_ARGS__))
	ADD("%zu passed, %zu failed, %zu skipped", n[OUT_PASSED],
	    n[OUT_FAILED], n[OUT_SKIPPED]);
	if (n[OUT_ERROR])
		ADD(", %zu error%s", n[OUT_ERROR], n[OUT_ERROR] > 1 ? "s" : "");
	if (n[OUT_XFAILED])
		ADD(", %zu xfailed", n[OUT_XFAILED]);
	if (n[OUT_XPASSED])
		ADD(", %zu xpassed", n[OUT_XPASSED]);
	if (n[OUT_NOT_RUN])
		ADD(", %zu not run", n[OUT_NOT_RUN]);
	if (c->ndeselected)
		ADD(", %zu deselected", c->ndeselected);
	if (warnings)
		ADD(", %zu warning%s", warnings, warnings > 1 ? "s" : "");
	if (c->nerrors)
		ADD(", %zu collection error%s", c->nerrors,
		    c->nerrors > 1 ? "s" : "");
	ADD(" in %.2fs", run->seconds);
#undef ADD
	if (tm->verbosity < 0)
		out(tm, "%s\n", text);
	else
		banner(tm, '=', text);
}

static int term_end_run(struct report_sink *s, const struct report_run *run)
{
	struct term *tm = s->priv;

	if (tm->line_suite)
		end_progress_line(tm, tm->done);
	if (run->stop_reason)
		out(tm, "!!! %s !!!\n", run->stop_reason);
	out(tm, "\n");
	details(tm, run->c, OUT_ERROR, "ERRORS");
	details(tm, run->c, OUT_FAILED, "FAILURES");
	if (run->warnings)
		warnings_summary(tm, run->c);
	short_summary(tm, run->c);
	summary_line(tm, run);
	return 0;
}

static unsigned term_column(struct report_sink *s)
{
	struct term *tm = s->priv;

	return tm->line_suite ? tm->col : 0;
}

static void term_close(struct report_sink *s)
{
	struct term *tm = s->priv;

	if (tm->log)
		fclose(tm->log);
	free(tm);
	free(s);
}

int report_term_open(struct report_sink **out_sink,
		     const struct report_opts *o, char *err, size_t errlen)
{
	struct report_sink *s = calloc(1, sizeof(*s));
	struct term *tm = calloc(1, sizeof(*tm));
	char path[4096];
	int ret;

	*out_sink = NULL;
	if (!s || !tm) {
		free(s);
		free(tm);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	tm->verbosity = o->verbosity;
	if (o->results) {
		snprintf(path, sizeof(path), "%s/nvt-run.log", o->results);
		tm->log = fopen(path, "w");
		if (!tm->log) {
			ret = -errno;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(s);
			free(tm);
			return ret;
		}
	}
	*s = (struct report_sink){
		.begin_run = term_begin_run, .device = term_device,
		.log = term_log, .end_test = term_end_test,
		.end_run = term_end_run, .close = term_close,
		.column = term_column, .priv = tm,
	};
	*out_sink = s;
	return 0;
}
