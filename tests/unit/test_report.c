// SPDX-License-Identifier: MIT
/*
 * nvt-run's report.html and its charts: the escaping of text, the SVG of
 * a chart from given data (axes, ticks, points; no data; one point; the
 * percentile axis), the histogram's bars and percentiles, and the page of
 * a made-up run (report_sample.c): its sections, counts, folded logs,
 * escaped strings and the charts of each ioworker.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/nvt-run/svgplot.h"
#include "../../tools/nvt-run/xmltext.h"
#include "report_sample.h"
#include "unit.h"

/* What @write puts in a memory stream, as a string (caller frees). */
#define CAPTURE(var, call)						\
	do {								\
		size_t len_;						\
		FILE *f = open_memstream(&(var), &len_);		\
		ck_assert_ptr_nonnull(f);				\
		call;							\
		fclose(f);						\
	} while (0)

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

START_TEST(escape)
{
	char *out;

	CAPTURE(out, xml_escape(f, "<a href=\"x\">&'b'</a>"));
	ck_assert_str_eq(out, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;b&#39;&lt;/a&gt;");
	free(out);
	/* tab and newline stay; other control characters do not */
	CAPTURE(out, xml_escape(f, "a\tb\r\nc\x01\x1b\x7f" "d"));
	ck_assert_str_eq(out, "a\tb\r\nc???d");
	free(out);
	/* UTF-8 stays; bytes that are not UTF-8 become U+FFFD */
	CAPTURE(out, xml_escape(f, "\xc2\xb5s \xe2\x9c\x93 \xff \xc0\xaf \xed\xa0\x80 \xe2\x9c"));
	ck_assert_str_eq(out, "\xc2\xb5s \xe2\x9c\x93 \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd "
			 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd");
	free(out);
	CAPTURE(out, xml_escape(f, NULL));
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(plot_points_and_axes)
{
	static const struct svgplot_point pts[] = { { 0, 0 }, { 1, 10 }, { 2, 5 } };
	char *svg;

	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "a<b", .xlabel = "second", .ylabel = "I/Os",
		.pts = pts, .npts = 3 }), 0));
	ck_assert_ptr_nonnull(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	ck_assert_int_eq(count(svg, "<svg"), 1);
	ck_assert_int_eq(count(svg, "</svg>"), 1);
	ck_assert_ptr_nonnull(strstr(svg, "<title>a&lt;b</title>"));
	ck_assert_ptr_null(strstr(svg, "a<b"));
	/* 560 x 300: the plot from x 64 to 532, y 30 to 254; y 0..10 */
	ck_assert_ptr_nonnull(strstr(svg, "points=\"64.0,254.0 298.0,30.0 532.0,142.0\""));
	ck_assert_int_eq(count(svg, "<circle"), 3);
	ck_assert_ptr_nonnull(strstr(svg, "cx=\"298.0\" cy=\"30.0\""));
	/* y ticks every 2 up to 10, x ticks every 0.5 with one decimal */
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"end\">0</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"end\">10</text>"));
	ck_assert_int_eq(count(svg, "text-anchor=\"end\">"), 6);
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"middle\">1.5</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"middle\">1.0</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">second</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">I/Os</text>"));
	ck_assert_ptr_null(strstr(svg, "no data"));
	free(svg);
}
END_TEST

START_TEST(plot_empty)
{
	char *svg;

	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "empty", .xlabel = "x", .ylabel = "y" }), 0));
	ck_assert_ptr_nonnull(strstr(svg, ">no data</text>"));
	ck_assert_ptr_null(strstr(svg, "<polyline"));
	ck_assert_ptr_null(strstr(svg, "<circle"));
	ck_assert_ptr_null(strstr(svg, "class=\"yaxis\""));
	ck_assert_int_eq(count(svg, "</svg>"), 1);
	free(svg);
}
END_TEST

START_TEST(plot_one_point)
{
	static const struct svgplot_point pt = { 5, 100 };
	char *svg;

	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "one", .pts = &pt, .npts = 1 }), 0));
	/* x 4..6 around it, y 0..100: a dot in the middle at the top */
	ck_assert_ptr_nonnull(strstr(svg, "points=\"298.0,30.0\""));
	ck_assert_ptr_nonnull(strstr(svg, "<circle class=\"point\" cx=\"298.0\" cy=\"30.0\""));
	ck_assert_ptr_nonnull(strstr(svg, ">100</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">5.0</text>"));
	ck_assert_ptr_null(strstr(svg, ">-0"));
	ck_assert_ptr_null(strstr(svg, "nan"));
	ck_assert_ptr_null(strstr(svg, "inf"));
	free(svg);
	/* the one second of a short worker: no negative seconds */
	CAPTURE(svg, svgplot_write(f, &(struct svgplot){
		.title = "one", .pts = &(struct svgplot_point){ 0, 7 }, .npts = 1 }));
	ck_assert_ptr_nonnull(strstr(svg, "<circle class=\"point\" cx=\"64.0\" cy=\"30.0\""));
	ck_assert_ptr_nonnull(strstr(svg, ">0.0</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">1.0</text>"));
	ck_assert_ptr_null(strstr(svg, ">-"));
	free(svg);
}
END_TEST

START_TEST(plot_percentiles)
{
	static const uint32_t us[] = { 100, 200, 300, 400 };
	static const uint64_t cnt[] = { 1, 8, 0, 1 };
	struct svgplot_point pts[4];
	struct svgplot_bar bars[8];
	char *svg;
	size_t n;

	n = svgplot_percentiles(us, cnt, 4, pts);
	ck_assert_int_eq(n, 3);
	ck_assert_double_eq_tol(pts[0].x, 10, 1e-9);
	ck_assert_double_eq_tol(pts[1].x, 90, 1e-9);
	ck_assert_double_eq_tol(pts[2].x, 95, 1e-9);	/* half an I/O left */
	ck_assert_double_eq(pts[2].y, 400);
	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "p", .xscale = SVGPLOT_NINES, .pts = pts, .npts = n }), 0));
	/* 95 % is 1.3 nines: the axis goes to 99 % */
	ck_assert_ptr_nonnull(strstr(svg, ">0%</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">90%</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">99%</text>"));
	ck_assert_ptr_null(strstr(svg, ">99.9%</text>"));
	free(svg);
	pts[2].x = 100;
	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "p", .xscale = SVGPLOT_NINES, .pts = pts, .npts = 3 }),
		-EINVAL));
	free(svg);
	/* 100..400 us in at most 3 bars of whole microseconds: 101 us each */
	n = svgplot_histogram_bars(us, cnt, 4, bars, 3);
	ck_assert_int_eq(n, 3);
	ck_assert_double_eq(bars[0].x0, 100);
	ck_assert_double_eq(bars[0].x1, 201);
	ck_assert_double_eq(bars[0].y, 9);
	ck_assert_double_eq(bars[1].y, 0);
	ck_assert_double_eq(bars[2].y, 1);
	ck_assert_int_eq(svgplot_histogram_bars(us, (uint64_t[4]){ 0 }, 4, bars, 3), 0);
}
END_TEST

START_TEST(plot_series)
{
	static const struct svgplot_point r[] = { { 50, 10 }, { 99, 40 } };
	static const struct svgplot_point w[] = { { 50, 20 } };
	struct svgplot_point bad[] = { { 50, 1 }, { 100, 2 } };
	struct svgplot_series ser[] = {
		{ "read", r, 2 }, { "w<1>", w, 1 }, { "none", NULL, 0 },
	};
	char *svg;

	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "ops", .xscale = SVGPLOT_NINES, .series = ser,
		.nseries = 3 }), 0));
	/* a line each, its own colour, named (escaped) in tooltip and legend */
	ck_assert_int_eq(count(svg, "<polyline"), 2);
	ck_assert_ptr_nonnull(strstr(svg, "<polyline class=\"series\" fill=\"none\" stroke=\"#2b6cb0\""));
	ck_assert_ptr_nonnull(strstr(svg, "<polyline class=\"series\" fill=\"none\" stroke=\"#d9534f\""));
	ck_assert_ptr_nonnull(strstr(svg, "\"><title>read</title></polyline>"));
	ck_assert_ptr_nonnull(strstr(svg, "\"><title>w&lt;1&gt;</title></polyline>"));
	ck_assert_ptr_nonnull(strstr(svg, "<g class=\"legend\">"));
	ck_assert_int_eq(count(svg, "text-anchor=\"start\">"), 3);
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"start\">w&lt;1&gt;</text>"));
	ck_assert_ptr_null(strstr(svg, "w<1>"));
	/* the y axis takes every series: up to 40 */
	ck_assert_ptr_nonnull(strstr(svg, "text-anchor=\"end\">40</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">99%</text>"));
	free(svg);
	ser[1].pts = bad;
	ser[1].npts = 2;
	CAPTURE(svg, ck_assert_int_eq(svgplot_write(f, &(struct svgplot){
		.title = "ops", .xscale = SVGPLOT_NINES, .series = ser,
		.nseries = 2 }), -EINVAL));
	free(svg);
}
END_TEST

/* not inlined: GCC then takes the page for a pointer to a local */
__attribute__((noinline)) static char *slurp(const char *path)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_gt(getdelim(&text, &len, 0, f), 0);
	fclose(f);
	return text;
}

/* @first appears in @page before @second. */
static void before(const char *page, const char *first, const char *second)
{
	const char *a = strstr(page, first), *b = strstr(page, second);

	ck_assert_msg(a && b && a < b, "'%s' is not before '%s'", first, second);
}

/*
 * The sample's mix (report_sample.c) in report.html: one chart with a
 * curve per opcode that has I/O, in the mix's order, with its legend, and
 * the table of the figures libnvt's percentiles give for its histograms.
 */
static void ops_table(const char *page)
{
	const char *p = strstr(page, "<h3>testcases/sample/io.yaml::randread: mix</h3>");
	const char *end, *chart;

	ck_assert_ptr_nonnull(p);
	end = strstr(p, "</table>");
	ck_assert_ptr_nonnull(end);
	ck_assert_int_eq(count(page, "<div class=\"opstats\">"), 1);
	chart = strstr(p, "<title>mix: latency percentiles per opcode</title>");
	ck_assert_ptr_nonnull(chart);
	ck_assert_ptr_nonnull(strstr(chart, "class=\"legend\""));
	before(chart, "\"><title>read</title></polyline>",
	       "\"><title>write</title></polyline>");
	before(chart, "\"><title>write</title></polyline>",
	       "\"><title>0xc0</title></polyline>");
	ck_assert_ptr_null(strstr(chart, "<title>flush</title>"));
	/* the tail of the reads (5000 us at 99.95 %) is on the chart */
	ck_assert_ptr_nonnull(strstr(chart, ">99.9%</text>"));
	ck_assert_ptr_nonnull(strstr(p, "<table class=\"ops\">\n<tr><th>opcode</th><th>count</th><th>mean (us)</th><th>p50 (us)</th><th>p90 (us)</th><th>p99 (us)</th><th>p99.9 (us)</th><th>p99.99 (us)</th><th>max (us)</th></tr>\n"
				 "<tr class=\"op\"><td>read</td><td class=\"num\">1000</td><td class=\"num\">150</td><td class=\"num\">100</td><td class=\"num\">150</td><td class=\"num\">300</td><td class=\"num\">900</td><td class=\"num\">5000</td><td class=\"num\">5000</td></tr>\n"
				 "<tr class=\"op\"><td>write</td><td class=\"num\">500</td><td class=\"num\">53</td><td class=\"num\">20</td><td class=\"num\">40</td><td class=\"num\">80</td><td class=\"num\">2000</td><td class=\"num\">2000</td><td class=\"num\">2001</td></tr>\n"
				 "<tr class=\"op\"><td>flush</td><td class=\"num\">0</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>\n"
				 "<tr class=\"op\"><td>0xc0</td><td class=\"num\">10</td><td class=\"num\">7</td><td class=\"num\">7</td><td class=\"num\">7</td><td class=\"num\">7</td><td class=\"num\">7</td><td class=\"num\">7</td><td class=\"num\">7</td></tr>\n"
				 "</table>"));
}

/* The same figures in results.json, under the test and its worker. */
static void ops_json(const char *results)
{
	char path[128];
	char *json, *p;

	snprintf(path, sizeof(path), "%s/results.json", results);
	json = slurp(path);
	p = strstr(json, "\"nodeid\": \"testcases/sample/io.yaml::randread\"");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(strstr(p, "\"ioworkers\": [{\"name\": \"idle\", \"ops\": []}, "
		"{\"name\": \"ioworker\", \"ops\": []}, {\"name\": \"mix\", \"ops\": ["
		"{\"opcode\": 2, \"name\": \"read\", \"count\": 1000, \"mean_us\": 150, \"p50_us\": 100, \"p90_us\": 150, \"p99_us\": 300, \"p99_9_us\": 900, \"p99_99_us\": 5000, \"max_us\": 5000}, "
		"{\"opcode\": 1, \"name\": \"write\", \"count\": 500, \"mean_us\": 53, \"p50_us\": 20, \"p90_us\": 40, \"p99_us\": 80, \"p99_9_us\": 2000, \"p99_99_us\": 2000, \"max_us\": 2001}, "
		"{\"opcode\": 0, \"name\": \"flush\", \"count\": 0, \"mean_us\": null, \"p50_us\": null, \"p90_us\": null, \"p99_us\": null, \"p99_9_us\": null, \"p99_99_us\": null, \"max_us\": null}, "
		"{\"opcode\": 192, \"name\": \"0xc0\", \"count\": 10, \"mean_us\": 7, \"p50_us\": 7, \"p90_us\": 7, \"p99_us\": 7, \"p99_9_us\": 7, \"p99_99_us\": 7, \"max_us\": 7}]}]}"));
	/* a test without workers has none */
	p = strstr(json, "\"nodeid\": \"testcases/sample/admin.yaml::identify\"");
	ck_assert_ptr_nonnull(p);
	ck_assert(!strncmp(strstr(p, "\"ioworkers\": "), "\"ioworkers\": []}",
			   strlen("\"ioworkers\": []}")));
	free(json);
}

START_TEST(report_page)
{
	char dir[] = "/tmp/nvt-report-XXXXXX", results[64], path[128], err[256];
	char *page, *p;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(results, sizeof(results), "%s/results", dir);
	ck_assert_int_eq(report_sample_write(results, err, sizeof(err)), 1);
	snprintf(path, sizeof(path), "%s/report.html", results);
	page = slurp(path);
	ck_assert(!strncmp(page, "<!DOCTYPE html>\n<html", 21));
	ck_assert_ptr_nonnull(strstr(page, "</body>\n</html>\n"));
	/* nothing to fetch, nothing to run */
	ck_assert_ptr_null(strstr(page, "<script"));
	ck_assert_ptr_null(strstr(page, "<link"));
	ck_assert_ptr_null(strstr(page, "src="));
	/* the namespaces' names are the only addresses */
	ck_assert_int_eq(count(page, "http"), count(page, "\"http://www.w3.org/"));
	/* the sections, in order */
	before(page, "<section id=\"summary\">", "<section id=\"device\">");
	before(page, "<section id=\"device\">", "<section id=\"failures\">");
	before(page, "<section id=\"failures\">", "<section id=\"ioworkers\">");
	before(page, "<section id=\"ioworkers\">", "<section id=\"tests\">");
	/* the summary */
	ck_assert_ptr_nonnull(strstr(page, "<th>passed</th><td class=\"num passed\">3</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>failed</th><td class=\"num failed\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>skipped</th><td class=\"num skipped\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>xfailed</th><td class=\"num xfailed\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>xpassed</th><td class=\"num xpassed\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>errors</th><td class=\"num error\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>warnings</th><td class=\"num\">1</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>duration</th><td>19.50 s</td>"));
	/* the device, its strings escaped */
	ck_assert_ptr_nonnull(strstr(page, "<th>model</th><td>QEMU &lt;NVMe&gt; Ctrl &amp; &quot;co&quot;</td>"));
	ck_assert_ptr_null(strstr(page, SAMPLE_MODEL));
	ck_assert_ptr_nonnull(strstr(page, "<th>serial</th><td>nvt-\xe2\x9c\x93-0001</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>firmware</th><td>1.0&lt;</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>PCI address</th><td>0000:00:04.0</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<th>kernel</th><td>Linux "));
	/* every test, with outcome, duration, reason and warnings */
	ck_assert_int_eq(count(page, "<tr class=\"test\">"), 8);
	ck_assert_ptr_nonnull(strstr(page, "testcases/sample/admin.yaml::log_page</td><td class=\"outcome failed\">FAILED</td><td class=\"num\">1.250 s</td>"));
	ck_assert_ptr_nonnull(strstr(page, "<ul class=\"warnings\"><li>AER: temperature &amp; &lt;threshold&gt;</li></ul>"));
	ck_assert_ptr_nonnull(strstr(page, "SANICAP is 0: &lt;no sanitize&gt;"));
	/* the failed and the errored test, their logs folded */
	ck_assert_int_eq(count(page, "<details class=\"failure\">"), 2);
	ck_assert_int_eq(count(page, "</details>"), 2);
	ck_assert_ptr_null(strstr(page, "<details open"));
	p = strstr(page, "<section id=\"failures\">");
	ck_assert_ptr_nonnull(strstr(p, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
	ck_assert_ptr_nonnull(strstr(p, "control ??[0m and bad bytes \xef\xbf\xbd\xef\xbf\xbd end"));
	ck_assert_ptr_nonnull(strstr(p, "format: timeout after 5000 ms"));
	ck_assert_ptr_null(strchr(page, '\x01'));
	ck_assert_ptr_null(strchr(page, '\xff'));
	/*
	 * four workers with three charts each, the idle one without data;
	 * the mix's latency per opcode: a chart and a table more
	 */
	p = strstr(page, "<section id=\"ioworkers\">");
	ck_assert_int_eq(count(page, "<div class=\"ioworker\">"), 4);
	ck_assert_int_eq(count(p, "<svg "), 13);
	ck_assert_int_eq(count(p, "</svg>"), 13);
	ck_assert_int_eq(count(p, ">no data</text>"), 3);
	ck_assert_ptr_nonnull(strstr(p, "<h3>testcases/sample/io.yaml::randread: idle</h3>"));
	ck_assert_ptr_nonnull(strstr(p, "<h3>testcases/sample/io.yaml::one_second: short&lt;1&gt;</h3>"));
	ck_assert_ptr_nonnull(strstr(p, "ioworker: IOPS per second"));
	ck_assert_ptr_nonnull(strstr(p, "ioworker: latency histogram"));
	ck_assert_ptr_nonnull(strstr(p, "ioworker: latency percentiles"));
	/* IOPS and percentiles of three, the mix's three opcodes with I/O */
	ck_assert_int_eq(count(p, "<polyline"), 9);
	ck_assert_int_ge(count(p, "<rect class=\"bar\""), 30);
	ck_assert_ptr_nonnull(strstr(p, ">99.9%</text>"));
	ops_table(page);
	free(page);
	ops_json(results);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, escape);
	tcase_add_test(tc, plot_points_and_axes);
	tcase_add_test(tc, plot_empty);
	tcase_add_test(tc, plot_one_point);
	tcase_add_test(tc, plot_percentiles);
	tcase_add_test(tc, plot_series);
	tcase_add_test(tc, report_page);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
