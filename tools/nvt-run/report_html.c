// SPDX-License-Identifier: MIT
/*
 * report.html: the run as one page to look at, self-contained (inline CSS
 * and SVG, no script, nothing fetched): the summary, the device, the
 * failures and errors with their logs folded in <details>, each ioworker's
 * charts drawn from the CSV files its step wrote under files/<test>/
 * (svgplot.c) with its latency per opcode (a chart and a table), and every
 * test with its outcome, duration and warnings.  Written as
 * XHTML-compatible HTML, so an XML parser can check that it is well formed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nvt/nvt.h>

#include "report_sink.h"
#include "svgplot.h"
#include "worker_ops.h"
#include "xmltext.h"

#define esc xml_escape

static const char page_style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1800px}\n"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
	"h3{font-size:1em;margin:1.2em 0 .4em}\n"
	"table{border-collapse:collapse}td,th{padding:.2em .7em;text-align:left;vertical-align:top}\n"
	"table.tests td,table.tests th{border-bottom:1px solid #eee}\n"
	"th{background:#f3f3f3}td.num{text-align:right}table.summary td.num{text-align:left}\n"
	".outcome{font-weight:bold}\n"
	".passed{color:#1a7f37}.failed,.error,.notrun{color:#c62828}\n"
	".skipped,.xfailed{color:#8a6d00}.xpassed{color:#b35c00}\n"
	"ul.warnings{margin:0;padding-left:1.2em;color:#8a6d00}\n"
	"details{margin:.4em 0;border:1px solid #ddd;border-radius:4px;padding:.3em .6em}\n"
	"summary{cursor:pointer}\n"
	"pre{background:#f7f7f7;padding:.6em;overflow-x:auto;white-space:pre-wrap;font-size:.85em}\n"
	".charts{display:flex;flex-wrap:wrap;gap:12px}\n"
	".opstats{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start;margin-top:8px}\n"
	"table.ops td,table.ops th{border-bottom:1px solid #eee}\n"
	".stopped{color:#c62828;font-weight:bold}\n";

/* "failed" for the classes, from "FAILED". */
static const char *outcome_class(enum outcome o)
{
	static const char *const names[] = {
		[OUT_NOT_RUN] = "notrun", [OUT_PASSED] = "passed",
		[OUT_FAILED] = "failed", [OUT_SKIPPED] = "skipped",
		[OUT_ERROR] = "error", [OUT_XFAILED] = "xfailed",
		[OUT_XPASSED] = "xpassed",
	};
	return names[o];
}

static void row(FILE *f, const char *name, const char *value)
{
	fputs("<tr><th>", f);
	esc(f, name);
	fputs("</th><td>", f);
	esc(f, value);
	fputs("</td></tr>\n", f);
}

static void summary(FILE *f, const struct report_run *run)
{
	static const enum outcome shown[] = {
		OUT_PASSED, OUT_FAILED, OUT_SKIPPED, OUT_XFAILED, OUT_XPASSED,
		OUT_ERROR, OUT_NOT_RUN,
	};
	static const char *const label[] = {
		[OUT_NOT_RUN] = "not run", [OUT_PASSED] = "passed",
		[OUT_FAILED] = "failed", [OUT_SKIPPED] = "skipped",
		[OUT_ERROR] = "errors", [OUT_XFAILED] = "xfailed",
		[OUT_XPASSED] = "xpassed",
	};
	char when[64], text[64];
	size_t i;

	fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n", f);
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		if (shown[i] == OUT_NOT_RUN && !run->n[OUT_NOT_RUN])
			continue;
		fprintf(f, "<tr><th>%s</th><td class=\"num %s\">%zu</td></tr>\n",
			label[shown[i]], outcome_class(shown[i]),
			run->n[shown[i]]);
	}
	fprintf(f, "<tr><th>warnings</th><td class=\"num\">%zu</td></tr>\n",
		run->warnings);
	if (run->c->ndeselected)
		fprintf(f, "<tr><th>deselected</th><td class=\"num\">%zu</td></tr>\n",
			run->c->ndeselected);
	if (run->c->nerrors)
		fprintf(f, "<tr><th>collection errors</th><td class=\"num error\">%zu</td></tr>\n",
			run->c->nerrors);
	snprintf(text, sizeof(text), "%.2f s", run->seconds);
	row(f, "duration", text);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z",
		 localtime(&run->started));
	row(f, "started", when);
	snprintf(text, sizeof(text), "%llu", (unsigned long long)run->o.seed);
	row(f, "seed", text);
	row(f, "nvt-run", NVT_VERSION);
	if (run->o.fault)
		row(f, "fault", run->o.fault);
	fputs("</table>\n", f);
	if (run->stop_reason) {
		fputs("<p class=\"stopped\">Stopped: ", f);
		esc(f, run->stop_reason);
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
}

static void device(FILE *f, const struct report_run *run)
{
	char nsid[16];

	fputs("<section id=\"device\">\n<h2>Device</h2>\n<table class=\"device\">\n", f);
	if (run->device) {
		row(f, "model", run->dev.model);
		row(f, "serial", run->dev.serial);
		row(f, "firmware", run->dev.firmware);
		row(f, "PCI address", run->dev.bdf);
		snprintf(nsid, sizeof(nsid), "%u", run->dev.nsid);
		row(f, "namespace", nsid);
		if (run->dev.events_off)
			row(f, "events", run->dev.events_off);
	} else {
		row(f, "device", "not opened");
	}
	row(f, "kernel", run->kernel);
	fputs("</table>\n</section>\n", f);
}

static void collection_errors(FILE *f, const struct collection *c)
{
	size_t i;

	if (!c->nerrors)
		return;
	fputs("<section id=\"collection-errors\">\n<h2>Collection errors</h2>\n<ul>\n", f);
	for (i = 0; i < c->nerrors; i++) {
		fputs("<li class=\"error\">", f);
		esc(f, c->errors[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n</section>\n", f);
}

static void tests(FILE *f, const struct collection *c)
{
	size_t i, k;

	fputs("<section id=\"tests\">\n<h2>Tests</h2>\n<table class=\"tests\">\n"
	      "<tr><th>test</th><th>outcome</th><th>duration</th><th>reason, warnings</th></tr>\n",
	      f);
	for (i = 0; i < c->ntests; i++) {
		const struct case_result *res = &c->tests[i]->res;

		fputs("<tr class=\"test\"><td>", f);
		esc(f, c->tests[i]->nodeid);
		fprintf(f, "</td><td class=\"outcome %s\">%s</td><td class=\"num\">%.3f s</td><td>",
			outcome_class(res->outcome),
			outcome_name(res->outcome), res->duration);
		esc(f, res->reason);
		if (res->nwarnings) {
			fputs("<ul class=\"warnings\">", f);
			for (k = 0; k < res->nwarnings; k++) {
				fputs("<li>", f);
				esc(f, res->warnings[k]);
				fputs("</li>", f);
			}
			fputs("</ul>", f);
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
}

/* Failed and errored tests with their logs, folded. */
static void failures(FILE *f, const struct collection *c)
{
	bool any = false;
	size_t i;

	fputs("<section id=\"failures\">\n<h2>Failures and errors</h2>\n", f);
	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];

		if (t->res.outcome != OUT_FAILED &&
		    t->res.outcome != OUT_ERROR)
			continue;
		any = true;
		fprintf(f, "<details class=\"failure\">\n<summary><span class=\"outcome %s\">%s</span> ",
			outcome_class(t->res.outcome),
			outcome_name(t->res.outcome));
		esc(f, t->nodeid);
		if (t->res.reason) {
			fputs(": ", f);
			esc(f, t->res.reason);
		}
		fputs("</summary>\n<pre>", f);
		esc(f, t->res.log && t->res.log[0] ? t->res.log : "(no log)\n");
		fputs("</pre>\n</details>\n", f);
	}
	if (!any)
		fputs("<p>None.</p>\n", f);
	fputs("</section>\n", f);
}

/*
 * An ioworker's latency per opcode (<name>_op_stats.csv and
 * <name>_latency_op.csv): the percentile curves of its opcodes on one
 * chart and a table of their figures.  Nothing without the files.
 */
static int worker_ops(FILE *f, const char *dir, const char *name)
{
	struct worker_op *ops;
	const char **labels;
	unsigned *opcodes;
	int n, i, k, ret;

	n = worker_ops_read(dir, name, &ops);
	if (n <= 0)
		return n;
	labels = calloc(n, sizeof(*labels));
	opcodes = calloc(n, sizeof(*opcodes));
	if (!labels || !opcodes) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		labels[i] = ops[i].name;
		opcodes[i] = ops[i].opcode;
	}
	fputs("<div class=\"opstats\">\n", f);
	ret = svgplot_worker_op_chart(f, dir, name, opcodes, labels, n);
	fputs("<table class=\"ops\">\n<tr><th>opcode</th><th>count</th><th>mean (us)</th>",
	      f);
	for (k = 0; k < WORKER_OPS_NPCT; k++)
		fprintf(f, "<th>%s (us)</th>", worker_ops_pct_label[k]);
	fputs("<th>max (us)</th></tr>\n", f);
	for (i = 0; i < n; i++) {
		fputs("<tr class=\"op\"><td>", f);
		esc(f, ops[i].name);
		fprintf(f, "</td><td class=\"num\">%llu</td>",
			(unsigned long long)ops[i].count);
		if (!ops[i].count) {
			/* nothing measured: no figures rather than zeros */
			for (k = 0; k < WORKER_OPS_NPCT + 2; k++)
				fputs("<td class=\"num\">-</td>", f);
			fputs("</tr>\n", f);
			continue;
		}
		fprintf(f, "<td class=\"num\">%u</td>", ops[i].mean_us);
		for (k = 0; k < WORKER_OPS_NPCT; k++)
			fprintf(f, "<td class=\"num\">%u</td>",
				ops[i].pct_us[k]);
		fprintf(f, "<td class=\"num\">%u</td></tr>\n",
			ops[i].max_us);
	}
	fputs("</table>\n</div>\n", f);
out:
	free(labels);
	free(opcodes);
	free(ops);
	return ret;
}

/* Each ioworker of each test: its charts. */
static int workers(FILE *f, const struct report_run *run)
{
	const struct collection *c = run->c;
	bool any = false;
	size_t i;
	int n, k, ret = 0;

	fputs("<section id=\"ioworkers\">\n<h2>ioworkers</h2>\n", f);
	for (i = 0; !ret && i < c->ntests; i++) {
		char *dir = report_test_dir(run->o.results, c->tests[i]);
		char **names;

		if (!dir)
			return -ENOMEM;
		n = svgplot_worker_names(dir, &names);
		if (n < 0)
			ret = n;
		for (k = 0; k < n; k++) {
			if (!ret) {
				fputs("<div class=\"ioworker\">\n<h3>", f);
				esc(f, c->tests[i]->nodeid);
				fputs(": ", f);
				esc(f, names[k]);
				fputs("</h3>\n", f);
				ret = svgplot_worker_charts(f, dir, names[k]);
				if (!ret)
					ret = worker_ops(f, dir, names[k]);
				fputs("</div>\n", f);
				any = true;
			}
			free(names[k]);
		}
		free(names);
		free(dir);
	}
	if (!any)
		fputs("<p>No ioworker ran.</p>\n", f);
	fputs("</section>\n", f);
	return ret;
}

static int html_end_run(struct report_sink *s, const struct report_run *run)
{
	char path[4096];
	int ret;
	FILE *f;

	snprintf(path, sizeof(path), "%s/report.html", run->o.results);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>nvt-run report</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>nvt-run report</h1>\n",
		page_style);
	summary(f, run);
	device(f, run);
	collection_errors(f, run->c);
	/* the long list of every test last: what needs a look comes first */
	failures(f, run->c);
	ret = workers(f, run);
	tests(f, run->c);
	fputs("</body>\n</html>\n", f);
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* Stateless: it reads everything from the run at its end. */
int report_html_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen)
{
	static struct report_sink sink = { .end_run = html_end_run };

	*out = o->results ? &sink : NULL;
	return 0;
}
