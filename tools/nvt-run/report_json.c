// SPDX-License-Identifier: MIT
/*
 * results.json: the run (tool, seed, start, duration, device), its
 * summary, the collection errors and every test with its outcome, reason,
 * warnings, log and its ioworkers' latency per opcode, for scripts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "report_sink.h"
#include "svgplot.h"
#include "worker_ops.h"

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

/* One opcode's figures; without I/O of it, null for all but the count. */
static void json_op(FILE *f, const struct worker_op *op)
{
	unsigned k;

	fprintf(f, "{\"opcode\": %u, \"name\": ", op->opcode);
	json_string(f, op->name);
	fprintf(f, ", \"count\": %llu", (unsigned long long)op->count);
	if (op->count)
		fprintf(f, ", \"mean_us\": %u", op->mean_us);
	else
		fputs(", \"mean_us\": null", f);
	for (k = 0; k < WORKER_OPS_NPCT; k++) {
		fprintf(f, ", \"%s_us\": ", worker_ops_pct_key[k]);
		if (op->count)
			fprintf(f, "%u", op->pct_us[k]);
		else
			fputs("null", f);
	}
	if (op->count)
		fprintf(f, ", \"max_us\": %u}", op->max_us);
	else
		fputs(", \"max_us\": null}", f);
}

/*
 * The test's ioworkers (those with CSV files in its folder), each with its
 * opcodes: "ioworkers": [{"name": ..., "ops": [...]}].
 */
static int json_workers(FILE *f, const struct report_run *run,
			const struct test *t)
{
	char *dir = report_test_dir(run->o.results, t);
	struct worker_op *ops;
	char **names = NULL;
	int n, k, i, nops, ret = 0;

	if (!dir)
		return -ENOMEM;
	n = svgplot_worker_names(dir, &names);
	if (n < 0)
		ret = n;
	fputs(", \"ioworkers\": [", f);
	for (k = 0; k < n; k++) {
		nops = ret ? 0 : worker_ops_read(dir, names[k], &ops);
		if (nops < 0)
			ret = nops;
		if (!ret) {
			fputs(k ? ", " : "", f);
			fputs("{\"name\": ", f);
			json_string(f, names[k]);
			fputs(", \"ops\": [", f);
			for (i = 0; i < nops; i++) {
				fputs(i ? ", " : "", f);
				json_op(f, &ops[i]);
			}
			fputs("]}", f);
			free(ops);
		}
		free(names[k]);
	}
	fputs("]", f);
	free(names);
	free(dir);
	return ret;
}

static int json_test(FILE *f, const struct report_run *run,
		     const struct test *t)
{
	size_t k;
	int ret;

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
	ret = json_workers(f, run, t);
	fprintf(f, "}");
	return ret;
}

static int json_end_run(struct report_sink *s, const struct report_run *run)
{
	const struct collection *c = run->c;
	const size_t *n = run->n;
	char path[4096];
	size_t i;
	int ret = 0;
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
		int r = json_test(f, run, c->tests[i]);

		if (!ret)
			ret = r;
	}
	fprintf(f, "\n  ]\n}\n");
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

/* Stateless: it reads everything from the run at its end. */
int report_json_open(struct report_sink **out, const struct report_opts *o,
		     char *err, size_t errlen)
{
	static struct report_sink sink = { .end_run = json_end_run };

	*out = o->results ? &sink : NULL;
	return 0;
}
