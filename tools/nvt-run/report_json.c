// SPDX-License-Identifier: MIT
/*
 * results.json: the run (tool, seed, start, duration, device), its
 * summary, the collection errors and every test with its outcome, reason,
 * warnings and log, for scripts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "report_sink.h"

static void json_string(FILE *f, const char *s)
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

static void json_test(FILE *f, const struct test *t)
{
	size_t k;

	fprintf(f, "{\"nodeid\": ");
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

static int json_end_run(struct report_sink *s, const struct report_run *run)
{
	const struct collection *c = run->c;
	const size_t *n = run->n;
	char path[4096];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "%s/results.json", run->o.results);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "{\n  \"tool\": \"nvt-run %s\",\n  \"seed\": %llu,\n",
		NVT_VERSION, (unsigned long long)run->o.seed);
	fprintf(f, "  \"started\": %lld,\n  \"duration\": %.3f,\n  \"device\": ",
		(long long)run->started, run->seconds);
	json_string(f, run->device);
	fprintf(f, ",\n  \"summary\": {\"passed\": %zu, \"failed\": %zu, \"skipped\": %zu, \"error\": %zu, \"xfailed\": %zu, \"xpassed\": %zu, \"not_run\": %zu, \"deselected\": %zu},\n",
		n[OUT_PASSED], n[OUT_FAILED], n[OUT_SKIPPED], n[OUT_ERROR],
		n[OUT_XFAILED], n[OUT_XPASSED], n[OUT_NOT_RUN], c->ndeselected);
	fprintf(f, "  \"collection_errors\": [");
	for (i = 0; i < c->nerrors; i++) {
		fputs(i ? ", " : "", f);
		json_string(f, c->errors[i]);
	}
	fprintf(f, "],\n  \"tests\": [");
	for (i = 0; i < c->ntests; i++) {
		fprintf(f, "%s\n    ", i ? "," : "");
		json_test(f, c->tests[i]);
	}
	fprintf(f, "\n  ]\n}\n");
	return fclose(f) ? -errno : 0;
}

/* Stateless: it reads everything from the run at its end. */
int report_json_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen)
{
	static struct report_sink sink = { .end_run = json_end_run };

	*out = o->results ? &sink : NULL;
	return 0;
}
