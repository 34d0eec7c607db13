// SPDX-License-Identifier: MIT
/*
 * JUnit XML for Jenkins and other CI: one testsuite, a testcase per test
 * (failure, error or skipped with the reason; the log and warnings as
 * system-out) and one per collection error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report_sink.h"
#include "xmltext.h"

/* failure, error or skipped: the element a test's outcome is, or NULL. */
static const char *outcome_tag(enum outcome o)
{
	switch (o) {
	case OUT_FAILED:
		return "failure";
	case OUT_ERROR:
		return "error";
	case OUT_NOT_RUN:
	case OUT_SKIPPED:
	case OUT_XFAILED:
		return "skipped";
	default:
		return NULL;
	}
}

static void junit_test(FILE *f, const struct test *t)
{
	const char *tag = outcome_tag(t->res.outcome);
	char *cls = strdup(t->suite->path), *p;
	size_t k;

	for (p = cls; p && *p; p++)
		if (*p == '/')
			*p = '.';
	if (cls && (p = strstr(cls, ".yaml")) && !p[5])
		*p = 0;
	fprintf(f, "    <testcase classname=\"");
	xml_escape(f, cls);
	fprintf(f, "\" name=\"");
	xml_escape(f, t->id);
	fprintf(f, "\" file=\"");
	xml_escape(f, t->suite->path);
	fprintf(f, "\" time=\"%.6f\">\n", t->res.duration);
	free(cls);
	if (tag) {
		fprintf(f, "      <%s message=\"", tag);
		xml_escape(f, t->res.reason ? t->res.reason :
			 outcome_name(t->res.outcome));
		fprintf(f, "\"/>\n");
	}
	if ((t->res.log && t->res.log[0]) || t->res.nwarnings) {
		fprintf(f, "      <system-out>");
		xml_escape(f, t->res.log);
		for (k = 0; k < t->res.nwarnings; k++) {
			fprintf(f, "warning: ");
			xml_escape(f, t->res.warnings[k]);
			fprintf(f, "\n");
		}
		fprintf(f, "</system-out>\n");
	}
	fprintf(f, "    </testcase>\n");
}

static int junit_end_run(struct report_sink *s, const struct report_run *run)
{
	const struct collection *c = run->c;
	const size_t *n = run->n;
	char path[4096], stamp[32], host[256] = "";
	size_t i;
	FILE *f;

	if (run->o.junit)
		snprintf(path, sizeof(path), "%s", run->o.junit);
	else
		snprintf(path, sizeof(path), "%s/junit.xml", run->o.results);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	gethostname(host, sizeof(host) - 1);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S",
		 localtime(&run->started));
	fprintf(f, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites>\n");
	fprintf(f, "  <testsuite name=\"nvt-run\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\" timestamp=\"%s\" hostname=\"",
		c->ntests, n[OUT_FAILED], n[OUT_ERROR] + c->nerrors,
		n[OUT_SKIPPED] + n[OUT_XFAILED] + n[OUT_NOT_RUN], run->seconds,
		stamp);
	xml_escape(f, host);
	fprintf(f, "\">\n");
	for (i = 0; i < c->nerrors; i++) {
		fprintf(f, "    <testcase classname=\"collection\" name=\"error%zu\" time=\"0\">\n      <error message=\"",
			i);
		xml_escape(f, c->errors[i]);
		fprintf(f, "\"/>\n    </testcase>\n");
	}
	for (i = 0; i < c->ntests; i++)
		junit_test(f, c->tests[i]);
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	return fclose(f) ? -errno : 0;
}

/* Stateless: it reads everything from the run at its end. */
int report_junit_open(struct report_sink **out, const struct report_opts *o,
		      char *err, size_t errlen)
{
	static struct report_sink sink = { .end_run = junit_end_run };

	*out = o->results || o->junit ? &sink : NULL;
	return 0;
}
