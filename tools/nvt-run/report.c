// SPDX-License-Identifier: MIT
/* The terminal report in pytest's layout, and the results files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "report.h"

#define WIDTH 80

struct report {
	struct report_opts o;
	FILE *log;		/* results/nvt-run.log */
	char *device;
	const struct suite *line_suite;	/* whose progress line is open */
	unsigned col;		/* characters on that line */
	bool stopped;
	char *stop_reason;
	time_t started;
	size_t ntests;
};

static const char progress_char[] = {
	[OUT_NONE] = '?', [OUT_PASSED] = '.', [OUT_FAILED] = 'F',
	[OUT_SKIPPED] = 's', [OUT_ERROR] = 'E', [OUT_XFAILED] = 'x',
	[OUT_XPASSED] = 'X',
};

/* To the terminal and the run log. */
static void out(struct report *rp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out(struct report *rp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (rp->log) {
		va_start(ap, fmt);
		vfprintf(rp->log, fmt, ap);
		va_end(ap);
	}
}

/* "===== text =====" to WIDTH columns, like pytest's separators. */
static void banner(struct report *rp, char fill, const char *text)
{
	size_t len = strlen(text) + 2, left, right, i;
	char line[WIDTH * 2 + 1];
	size_t n = 0;

	if (len >= WIDTH - 2) {
		out(rp, "%c%c %s %c%c\n", fill, fill, text, fill, fill);
		return;
	}
	left = (WIDTH - len) / 2;
	right = WIDTH - len - left;
	for (i = 0; i < left; i++)
		line[n++] = fill;
	line[n] = 0;
	out(rp, "%s %s ", line, text);
	for (n = 0, i = 0; i < right; i++)
		line[n++] = fill;
	line[n] = 0;
	out(rp, "%s\n", line);
}

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

int report_open(struct report **out_rp, const struct report_opts *o,
		char *err, size_t errlen)
{
	struct report *rp = calloc(1, sizeof(*rp));
	char path[4096];
	int ret;

	*out_rp = NULL;
	if (!rp) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	rp->o = *o;
	rp->started = time(NULL);
	if (o->results) {
		snprintf(path, sizeof(path), "%s/files", o->results);
		ret = mkdir_p(path);
		if (ret) {
			snprintf(err, errlen, "results folder %s: %s", path,
				 strerror(-ret));
			free(rp);
			return ret;
		}
		snprintf(path, sizeof(path), "%s/nvt-run.log", o->results);
		rp->log = fopen(path, "w");
		if (!rp->log) {
			ret = -errno;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(rp);
			return ret;
		}
	}
	*out_rp = rp;
	return 0;
}

void report_close(struct report *rp)
{
	if (!rp)
		return;
	if (rp->log)
		fclose(rp->log);
	free(rp->device);
	free(rp->stop_reason);
	free(rp);
}

void report_log(struct report *rp, const char *fmt, ...)
{
	va_list ap;

	if (!rp->log)
		return;
	va_start(ap, fmt);
	vfprintf(rp->log, fmt, ap);
	va_end(ap);
	if (fmt[0] && fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', rp->log);
	fflush(rp->log);
}

void report_start(struct report *rp, const struct collection *c)
{
	char when[64];
	size_t i;

	rp->ntests = c->ntests;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S",
		 localtime(&rp->started));
	if (rp->o.verbosity >= 0) {
		banner(rp, '=', "test session starts");
		out(rp, "nvt-run %s, %s, seed %llu%s%s\n", NVT_VERSION,
		    when, (unsigned long long)rp->o.seed,
		    rp->o.results ? ", results in " : "",
		    rp->o.results ? rp->o.results : "");
		out(rp, "collected %zu item%s", c->ntests + c->ndeselected,
		    c->ntests + c->ndeselected == 1 ? "" : "s");
		if (c->ndeselected)
			out(rp, " / %zu deselected / %zu selected",
			    c->ndeselected, c->ntests);
		if (c->nerrors)
			out(rp, " / %zu error%s", c->nerrors,
			    c->nerrors > 1 ? "s" : "");
		out(rp, "\n");
	}
	if (c->nerrors) {
		out(rp, "\n");
		banner(rp, '=', "ERRORS");
		for (i = 0; i < c->nerrors; i++)
			out(rp, "ERROR collecting %s\n", c->errors[i]);
	}
	fflush(stdout);
}

void report_device(struct report *rp, const char *desc)
{
	free(rp->device);
	rp->device = strdup(desc);
	if (rp->o.verbosity >= 0)
		out(rp, "device: %s\n\n", desc);
	fflush(stdout);
}

char *report_outdir(struct report *rp, const struct test *t)
{
	char *dir, *p;

	if (!rp->o.results)
		return NULL;
	if (asprintf(&dir, "%s/files/%s", rp->o.results, t->nodeid) < 0)
		return NULL;
	for (p = dir + strlen(rp->o.results) + strlen("/files/"); *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && !strchr("._-[]", *p))
			*p = '_';
	return dir;
}

static void end_progress_line(struct report *rp, size_t done)
{
	char pct[16];
	unsigned pad;

	if (!rp->line_suite)
		return;
	snprintf(pct, sizeof(pct), "[%3zu%%]", rp->ntests ?
		 done * 100 / rp->ntests : 100);
	pad = rp->col + strlen(pct) < WIDTH ?
	      WIDTH - rp->col - strlen(pct) : 1;
	out(rp, "%*s%s\n", pad, "", pct);
	rp->line_suite = NULL;
	rp->col = 0;
}

void report_test(struct report *rp, const struct test *t, size_t index,
		 size_t total)
{
	const struct case_result *res = &t->res;
	size_t i;

	if (rp->log) {
		fprintf(rp->log, "---- %s: %s (%.3fs)%s%s\n", t->nodeid,
			outcome_name(res->outcome), res->duration,
			res->reason ? ": " : "", res->reason ? res->reason : "");
		if (res->log && res->log[0])
			fputs(res->log, rp->log);
		for (i = 0; i < res->nwarnings; i++)
			fprintf(rp->log, "warning: %s\n", res->warnings[i]);
		fflush(rp->log);
	}
	if (rp->o.verbosity > 0) {
		char pct[16];
		int used;

		snprintf(pct, sizeof(pct), "[%3zu%%]", (index + 1) * 100 / total);
		used = printf("%s %s", t->nodeid, outcome_name(res->outcome));
		if (used < WIDTH - 7)
			printf("%*s", WIDTH - 7 - used, "");
		else
			printf(" ");
		printf("%s\n", pct);
		fflush(stdout);
		return;
	}
	if (rp->line_suite != t->suite) {
		end_progress_line(rp, index);
		rp->line_suite = t->suite;
		if (rp->o.verbosity == 0) {
			printf("%s ", t->suite->path);
			rp->col = strlen(t->suite->path) + 1;
		}
	}
	putchar(progress_char[res->outcome]);
	rp->col++;
	if (rp->col >= WIDTH - 7) {
		end_progress_line(rp, index + 1);
		rp->line_suite = t->suite;
	}
	if (index + 1 == total)
		end_progress_line(rp, total);
	fflush(stdout);
}

void report_stopped(struct report *rp, const char *why)
{
	free(rp->stop_reason);
	rp->stop_reason = strdup(why);
	rp->stopped = true;
}

static void tail_lines(struct report *rp, const char *text, unsigned max)
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

static void details(struct report *rp, const struct collection *c,
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
			banner(rp, '=', title);
		any = true;
		snprintf(head, sizeof(head), "%s", t->id);
		banner(rp, '_', head);
		if (t->res.log && t->res.log[0])
			tail_lines(rp, t->res.log, 30);
		out(rp, "E   %s\n", t->res.reason ? t->res.reason : "");
	}
}

static void summary_line(struct report *rp, const size_t *n, size_t warnings,
			 const struct collection *c, double seconds)
{
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
	if (n[OUT_NONE])
		ADD(", %zu not run", n[OUT_NONE]);
	if (c->ndeselected)
		ADD(", %zu deselected", c->ndeselected);
	if (warnings)
		ADD(", %zu warning%s", warnings, warnings > 1 ? "s" : "");
	if (c->nerrors)
		ADD(", %zu collection error%s", c->nerrors,
		    c->nerrors > 1 ? "s" : "");
	ADD(" in %.2fs", seconds);
#undef ADD
	if (rp->o.verbosity < 0)
		out(rp, "%s\n", text);
	else
		banner(rp, '=', text);
}

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char ch = *s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = *s;

		switch (ch) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* XML 1.0 has no other control characters */
			if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r')
				fputc('?', f);
			else
				fputc(ch, f);
		}
	}
}

static int write_json(struct report *rp, const struct collection *c,
		      const size_t *n, double seconds)
{
	char path[4096];
	size_t i, k;
	FILE *f;

	snprintf(path, sizeof(path), "%s/results.json", rp->o.results);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "{\n  \"tool\": \"nvt-run %s\",\n  \"seed\": %llu,\n",
		NVT_VERSION, (unsigned long long)rp->o.seed);
	fprintf(f, "  \"started\": %lld,\n  \"duration\": %.3f,\n  \"device\": ",
		(long long)rp->started, seconds);
	json_string(f, rp->device);
	fprintf(f, ",\n  \"summary\": {\"passed\": %zu, \"failed\": %zu, \"skipped\": %zu, \"error\": %zu, \"xfailed\": %zu, \"xpassed\": %zu, \"deselected\": %zu},\n",
		n[OUT_PASSED], n[OUT_FAILED], n[OUT_SKIPPED], n[OUT_ERROR],
		n[OUT_XFAILED], n[OUT_XPASSED], c->ndeselected);
	fprintf(f, "  \"collection_errors\": [");
	for (i = 0; i < c->nerrors; i++) {
		fputs(i ? ", " : "", f);
		json_string(f, c->errors[i]);
	}
	fprintf(f, "],\n  \"tests\": [");
	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];

		fprintf(f, "%s\n    {\"nodeid\": ", i ? "," : "");
		json_string(f, t->nodeid);
		fprintf(f, ", \"outcome\": \"%s\", \"duration\": %.6f, \"reason\": ",
			outcome_name(t->res.outcome), t->res.duration);
		json_string(f, t->res.reason);
		fprintf(f, ", \"warnings\": [");
		for (k = 0; k < t->res.nwarnings; k++) {
			fputs(k ? ", " : "", f);
			json_string(f, t->res.warnings[k]);
		}
		fprintf(f, "], \"log\": ");
		json_string(f, t->res.log);
		fprintf(f, "}");
	}
	fprintf(f, "\n  ]\n}\n");
	return fclose(f) ? -errno : 0;
}

static int write_junit(struct report *rp, const struct collection *c,
		       const size_t *n, double seconds)
{
	char path[4096], stamp[32], host[256] = "";
	size_t i, k;
	FILE *f;

	if (rp->o.junit)
		snprintf(path, sizeof(path), "%s", rp->o.junit);
	else
		snprintf(path, sizeof(path), "%s/junit.xml", rp->o.results);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	gethostname(host, sizeof(host) - 1);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S",
		 localtime(&rp->started));
	fprintf(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites>\n");
	fprintf(f, "  <testsuite name=\"nvt-run\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\" timestamp=\"%s\" hostname=\"",
		c->ntests, n[OUT_FAILED], n[OUT_ERROR] + c->nerrors,
		n[OUT_SKIPPED] + n[OUT_XFAILED], seconds, stamp);
	xml_text(f, host);
	fprintf(f, "\">\n");
	for (i = 0; i < c->nerrors; i++) {
		fprintf(f, "    <testcase classname=\"collection\" name=\"error%zu\" time=\"0\">\n      <error message=\"",
			i);
		xml_text(f, c->errors[i]);
		fprintf(f, "\"/>\n    </testcase>\n");
	}
	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];
		const char *tag = NULL;
		char *cls = strdup(t->suite->path), *p;

		for (p = cls; p && *p; p++)
			if (*p == '/')
				*p = '.';
		if (cls && (p = strstr(cls, ".yaml")) && !p[5])
			*p = 0;
		fprintf(f, "    <testcase classname=\"");
		xml_text(f, cls);
		fprintf(f, "\" name=\"");
		xml_text(f, t->id);
		fprintf(f, "\" file=\"");
		xml_text(f, t->suite->path);
		fprintf(f, "\" time=\"%.6f\">\n", t->res.duration);
		free(cls);
		switch (t->res.outcome) {
		case OUT_FAILED:
			tag = "failure";
			break;
		case OUT_ERROR:
			tag = "error";
			break;
		case OUT_NONE:
		case OUT_SKIPPED:
		case OUT_XFAILED:
			tag = "skipped";
			break;
		default:
			break;
		}
		if (tag) {
			fprintf(f, "      <%s message=\"", tag);
			xml_text(f, t->res.reason ? t->res.reason :
				 outcome_name(t->res.outcome));
			fprintf(f, "\"/>\n");
		}
		if ((t->res.log && t->res.log[0]) || t->res.nwarnings) {
			fprintf(f, "      <system-out>");
			xml_text(f, t->res.log);
			for (k = 0; k < t->res.nwarnings; k++) {
				fprintf(f, "warning: ");
				xml_text(f, t->res.warnings[k]);
				fprintf(f, "\n");
			}
			fprintf(f, "</system-out>\n");
		}
		fprintf(f, "    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	return fclose(f) ? -errno : 0;
}

int report_finish(struct report *rp, const struct collection *c,
		  double seconds)
{
	size_t n[OUT_XPASSED + 1] = { 0 }, warnings = 0, i, k;
	bool any;
	int ret;

	for (i = 0; i < c->ntests; i++) {
		n[c->tests[i]->res.outcome]++;
		warnings += c->tests[i]->res.nwarnings;
	}
	if (rp->line_suite)
		end_progress_line(rp, c->ntests);
	if (rp->stopped)
		out(rp, "!!! %s !!!\n", rp->stop_reason);
	out(rp, "\n");
	details(rp, c, OUT_ERROR, "ERRORS");
	details(rp, c, OUT_FAILED, "FAILURES");
	if (warnings) {
		banner(rp, '=', "warnings summary");
		for (i = 0; i < c->ntests; i++) {
			const struct test *t = c->tests[i];

			if (!t->res.nwarnings)
				continue;
			out(rp, "%s\n", t->nodeid);
			for (k = 0; k < t->res.nwarnings; k++)
				out(rp, "  %s\n", t->res.warnings[k]);
			out(rp, "\n");
		}
	}
	any = false;
	for (i = 0; i < c->ntests; i++) {
		const struct test *t = c->tests[i];
		enum outcome o = t->res.outcome;

		if (o == OUT_PASSED || o == OUT_NONE ||
		    ((o == OUT_SKIPPED || o == OUT_XFAILED ||
		      o == OUT_XPASSED) && rp->o.verbosity < 0))
			continue;
		if (!any)
			banner(rp, '=', "short test summary info");
		any = true;
		out(rp, "%s %s%s%s\n", outcome_name(o), t->nodeid,
		    t->res.reason ? " - " : "",
		    t->res.reason ? t->res.reason : "");
	}
	for (i = 0; i < c->nerrors; i++) {
		if (!any)
			banner(rp, '=', "short test summary info");
		any = true;
		out(rp, "ERROR %s\n", c->errors[i]);
	}
	summary_line(rp, n, warnings, c, seconds);
	ret = rp->o.results ? write_json(rp, c, n, seconds) : 0;
	if (!ret && (rp->o.results || rp->o.junit))
		ret = write_junit(rp, c, n, seconds);
	if (ret)
		fprintf(stderr, "nvt-run: writing results: %s\n",
			strerror(-ret));
	fflush(stdout);
	if (c->nerrors)
		return 2;
	return n[OUT_FAILED] || n[OUT_ERROR] || n[OUT_NONE] ? 1 : 0;
}
