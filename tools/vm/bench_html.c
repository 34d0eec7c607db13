// SPDX-License-Identifier: MIT
/*
 * nvt-bench-html RESULTS: the page of 'make bench' (tools/vm/bench), one
 * self-contained file as nvt-run's report.html is: the table of each
 * engine's median run (RESULTS/bench-medians.txt: workload|engine|IOPS|
 * mean us|p99.9 us|CPU us per I/O|CSV tag), the charts of every ioworker
 * median run drawn from its CSV files (RESULTS/bench-files/<tag>_*.csv,
 * by svgplot.c like the report's), and bench.txt whole, folded.  Writes
 * RESULTS/bench.html.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../nvt-run/svgplot.h"
#include "../nvt-run/xmltext.h"

#define esc xml_escape
#define FIELDS 7

static const char page_style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1800px}\n"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
	"h3{font-size:1em;margin:1.2em 0 .4em}\n"
	"table{border-collapse:collapse}td,th{padding:.2em .7em;text-align:left;border-bottom:1px solid #eee}\n"
	"th{background:#f3f3f3}td.num{text-align:right}tr.nvt td{background:#f4f8fd}\n"
	"details{margin:.4em 0;border:1px solid #ddd;border-radius:4px;padding:.3em .6em}\n"
	"pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:.85em}\n"
	".charts{display:flex;flex-wrap:wrap;gap:12px}\n";

/* Split @line at '|' into @f; the number of fields. */
static int split(char *line, char **f)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\n")] = 0;
	while (n < FIELDS) {
		f[n++] = p;
		p = strchr(p, '|');
		if (!p)
			break;
		*p++ = 0;
	}
	return n;
}

static void table(FILE *out, FILE *medians)
{
	static const char *const head[] = {
		"workload", "engine", "IOPS", "mean us", "p99.9 us", "CPU us/IO",
	};
	char line[512], *f[FIELDS];
	int i;

	fputs("<table class=\"medians\">\n<tr>", out);
	for (i = 0; i < 6; i++)
		fprintf(out, "<th>%s</th>", head[i]);
	fputs("</tr>\n", out);
	while (fgets(line, sizeof(line), medians)) {
		if (split(line, f) != FIELDS)
			continue;
		fprintf(out, "<tr%s>", strcmp(f[6], "-") ? " class=\"nvt\"" : "");
		for (i = 0; i < 6; i++) {
			fputs(i >= 2 ? "<td class=\"num\">" : "<td>", out);
			esc(out, f[i]);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

/* The charts of every median run that has CSV files (the ioworkers'). */
static int charts(FILE *out, FILE *medians, const char *csvdir)
{
	char line[512], *f[FIELDS], title[300];
	int ret = 0;

	while (!ret && fgets(line, sizeof(line), medians)) {
		if (split(line, f) != FIELDS || !strcmp(f[6], "-"))
			continue;
		snprintf(title, sizeof(title), "%s, %s (%s)", f[0], f[1], f[6]);
		fputs("<div class=\"ioworker\">\n<h3>", out);
		esc(out, title);
		fputs("</h3>\n", out);
		ret = svgplot_worker_charts(out, csvdir, f[6]);
		fputs("</div>\n", out);
	}
	return ret;
}

static void text_file(FILE *out, const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	fputs("<details>\n<summary>bench.txt</summary>\n<pre>", out);
	while (f && (n = fread(buf, 1, sizeof(buf) - 1, f))) {
		buf[n] = 0;
		esc(out, buf);
	}
	if (f)
		fclose(f);
	else
		esc(out, "(missing)");
	fputs("</pre>\n</details>\n", out);
}

int main(int argc, char **argv)
{
	char path[4096], csvdir[4096];
	FILE *medians, *out;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: nvt-bench-html RESULTS_DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/bench-medians.txt", argv[1]);
	medians = fopen(path, "r");
	if (!medians) {
		fprintf(stderr, "nvt-bench-html: %s: %s\n", path, strerror(errno));
		return 1;
	}
	snprintf(csvdir, sizeof(csvdir), "%s/bench-files", argv[1]);
	snprintf(path, sizeof(path), "%s/bench.html", argv[1]);
	out = fopen(path, "w");
	if (!out) {
		fprintf(stderr, "nvt-bench-html: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>nvt bench</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>nvt bench: ioworkers against fio</h1>\n",
		page_style);
	fputs("<section id=\"medians\">\n<h2>Each engine's median run</h2>\n", out);
	table(out, medians);
	fputs("</section>\n<section id=\"ioworkers\">\n<h2>ioworkers: the median runs</h2>\n", out);
	rewind(medians);
	ret = charts(out, medians, csvdir);
	fputs("</section>\n<section id=\"log\">\n<h2>All runs</h2>\n", out);
	snprintf(path, sizeof(path), "%s/bench.txt", argv[1]);
	text_file(out, path);
	fputs("</section>\n</body>\n</html>\n", out);
	fclose(medians);
	if (fclose(out) || ret) {
		fprintf(stderr, "nvt-bench-html: writing bench.html failed\n");
		return 1;
	}
	return 0;
}
