// SPDX-License-Identifier: MIT
/*
 * Charts as inline SVG (svgplot.h): a frame with axes, rounded ticks and a
 * grid, then the data as a polyline (dots when there are few points) or
 * as bars.  Coordinates are written with one decimal: enough for a screen,
 * short in a page with many charts.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "svgplot.h"
#include "xmltext.h"

#define MARGIN_L 64
#define MARGIN_R 28
#define MARGIN_T 30
#define MARGIN_B 46
#define DOTS_MAX 60		/* more points than this: the line alone */

#define C_SERIES "#2b6cb0"
#define C_BARS "#5a9bd8"
#define C_AXIS "#555555"
#define C_GRID "#e4e4e4"
#define C_TEXT "#222222"
#define LEGEND_W 96		/* right of the plot, for named series */

/* the series of a chart with several, in turn (C_SERIES first) */
static const char *const palette[] = {
	C_SERIES, "#d9534f", "#2e9e44", "#e69500", "#8e44ad", "#17a2b8",
	"#8c564b", "#e377c2", "#7f7f7f", "#b5a300", "#1f3f7a", "#ff7f0e",
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

/* Where data lands: the plot area and the ranges it shows. */
struct frame {
	double left, right, top, bottom;	/* pixels */
	double x0, x1, y0, y1;			/* data (x in nines: t) */
	enum svgplot_scale xscale;
};

/* 1, 2 or 5 times a power of ten, near @range / 5 */
static double tick_step(double range)
{
	double raw = range / 5, mag, f;

	if (!(raw > 0))
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/*
 * A tick's label: k or M for large numbers, as many decimals as the step
 * between ticks needs (all labels of an axis alike).
 */
static void fmt_num(char *buf, size_t len, double v, double step)
{
	double scale = 1;
	const char *unit = "";
	int decimals;

	if (fabs(v) >= 1e6 && step >= 1e5)
		scale = 1e6, unit = "M";
	else if (fabs(v) >= 1e4 && step >= 100)
		scale = 1e3, unit = "k";
	decimals = (int)ceil(-log10(step / scale) - 1e-9);
	if (decimals < 0)
		decimals = 0;
	if (fabs(v) < step * 1e-9)
		v = 0;		/* no -0 from adding steps */
	snprintf(buf, len, "%.*f%s", decimals, v / scale, unit);
}

static double nines(double pct)
{
	return -log10(1 - pct / 100);
}

static double px_x(const struct frame *fr, double x)
{
	if (fr->xscale == SVGPLOT_NINES)
		x = nines(x);
	return fr->left + (x - fr->x0) / (fr->x1 - fr->x0) *
	       (fr->right - fr->left);
}

static double px_y(const struct frame *fr, double y)
{
	return fr->bottom - (y - fr->y0) / (fr->y1 - fr->y0) *
	       (fr->bottom - fr->top);
}

static void text(FILE *f, double x, double y, const char *anchor,
		 const char *extra, const char *s)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y,
		anchor, extra);
	xml_escape(f, s);
	fputs("</text>\n", f);
}

/* A vertical grid line with its label under the axis. */
static void x_tick(FILE *f, const struct frame *fr, double px,
		   const char *label)
{
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\"/>\n",
		px, fr->top, px, fr->bottom);
	text(f, px, fr->bottom + 15, "middle", "", label);
}

static void x_axis(FILE *f, const struct frame *fr)
{
	char label[32];
	double step, v;
	int k;

	fputs("<g class=\"xaxis\">\n", f);
	if (fr->xscale == SVGPLOT_NINES) {
		/* ticks at 0, 90, 99, 99.9 ... percent */
		for (k = 0; k <= (int)fr->x1; k++) {
			if (k == 0)
				snprintf(label, sizeof(label), "0%%");
			else
				snprintf(label, sizeof(label), "%.*f%%",
					 k > 2 ? k - 2 : 0,
					 100 * (1 - pow(10, -k)));
			x_tick(f, fr, px_x(fr, 100 * (1 - pow(10, -k))),
			       label);
		}
	} else {
		step = tick_step(fr->x1 - fr->x0);
		for (v = ceil(fr->x0 / step - 1e-9) * step;
		     v <= fr->x1 + step * 1e-9; v += step) {
			fmt_num(label, sizeof(label), v, step);
			x_tick(f, fr, px_x(fr, v), label);
		}
	}
	fputs("</g>\n", f);
}

static void y_axis(FILE *f, const struct frame *fr, double step)
{
	char label[32];
	double v;

	fputs("<g class=\"yaxis\">\n", f);
	for (v = fr->y0; v <= fr->y1 + step * 1e-9; v += step) {
		double py = px_y(fr, v);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\"/>\n",
			fr->left, py, fr->right, py);
		fmt_num(label, sizeof(label), v, step);
		text(f, fr->left - 6, py + 4, "end", "", label);
	}
	fputs("</g>\n", f);
}

/* Widen the ranges to take @pts. */
static void range_pts(const struct svgplot *p, const struct svgplot_point *pts,
		      size_t npts, double *xlo, double *xhi, double *yhi)
{
	size_t i;

	for (i = 0; i < npts; i++) {
		double x = p->xscale == SVGPLOT_NINES ? nines(pts[i].x) :
			   pts[i].x;

		*xlo = fmin(*xlo, x);
		*xhi = fmax(*xhi, x);
		*yhi = fmax(*yhi, pts[i].y);
	}
}

/* The data's ranges; false without data. */
static bool ranges(const struct svgplot *p, struct frame *fr, double *ystep)
{
	double xlo = INFINITY, xhi = -INFINITY, yhi = 0;
	size_t i, npts = p->npts;

	range_pts(p, p->pts, p->npts, &xlo, &xhi, &yhi);
	for (i = 0; i < p->nseries; i++) {
		range_pts(p, p->series[i].pts, p->series[i].npts, &xlo, &xhi,
			  &yhi);
		npts += p->series[i].npts;
	}
	for (i = 0; i < p->nbars; i++) {
		xlo = fmin(xlo, p->bars[i].x0);
		xhi = fmax(xhi, p->bars[i].x1);
		yhi = fmax(yhi, p->bars[i].y);
	}
	if (!npts && !p->nbars)
		return false;
	if (p->xscale == SVGPLOT_NINES) {
		/* from 0 % to the next whole nine */
		xlo = 0;
		xhi = fmax(1, ceil(xhi - 1e-9));
	} else if (xhi - xlo < 1e-12) {
		/* one x: around it, not below 0 when it is not (second 0) */
		xlo = xlo >= 0 && xlo < 1 ? 0 : xlo - 1;
		xhi += 1;
	}
	fr->x0 = xlo;
	fr->x1 = xhi;
	fr->y0 = 0;
	*ystep = tick_step(yhi > 0 ? yhi : 1);
	fr->y1 = ceil((yhi > 0 ? yhi : 1) / *ystep - 1e-9) * *ystep;
	return true;
}

/* A line through @pts, dots on it when there are few; @name its tooltip. */
static void line(FILE *f, const struct frame *fr,
		 const struct svgplot_point *pts, size_t npts,
		 const char *colour, const char *name)
{
	size_t i;

	if (!npts)
		return;
	fprintf(f, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
		colour);
	for (i = 0; i < npts; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "",
			px_x(fr, pts[i].x), px_y(fr, pts[i].y));
	if (name) {
		fputs("\"><title>", f);
		xml_escape(f, name);
		fputs("</title></polyline>\n", f);
	} else {
		fputs("\"/>\n", f);
	}
	if (npts > DOTS_MAX)
		return;
	for (i = 0; i < npts; i++)
		fprintf(f, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
			px_x(fr, pts[i].x), px_y(fr, pts[i].y), colour);
}

/* The names of the series, a coloured stroke before each. */
static void legend(FILE *f, const struct svgplot *p, const struct frame *fr)
{
	double x = fr->right + 10, y;
	size_t i;

	fputs("<g class=\"legend\">\n", f);
	for (i = 0; i < p->nseries; i++) {
		y = fr->top + 6 + 14 * i;
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>\n",
			x, y, x + 16, y, palette[i % NPALETTE]);
		text(f, x + 20, y + 4, "start", "", p->series[i].name);
	}
	fputs("</g>\n", f);
}

static void series(FILE *f, const struct svgplot *p, const struct frame *fr)
{
	size_t i;

	for (i = 0; i < p->nbars; i++) {
		double x0 = px_x(fr, p->bars[i].x0);
		double x1 = px_x(fr, p->bars[i].x1);
		double y = px_y(fr, p->bars[i].y);

		fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"" C_BARS "\"/>\n",
			x0, y, fmax(x1 - x0 - 0.5, 0.5), fr->bottom - y);
	}
	line(f, fr, p->pts, p->npts, C_SERIES, NULL);
	for (i = 0; i < p->nseries; i++)
		line(f, fr, p->series[i].pts, p->series[i].npts,
		     palette[i % NPALETTE], p->series[i].name);
}

/* No percentile of 100 or more on a nines axis. */
static bool nines_ok(const struct svgplot_point *pts, size_t npts)
{
	size_t i;

	for (i = 0; i < npts; i++)
		if (!(pts[i].x >= 0 && pts[i].x < 100))
			return false;
	return true;
}

int svgplot_write(FILE *f, const struct svgplot *p)
{
	unsigned w = p->width ? p->width : 560, h = p->height ? p->height : 300;
	struct frame fr = {
		.left = MARGIN_L,
		.right = w - MARGIN_R - (p->nseries ? LEGEND_W : 0),
		.top = MARGIN_T, .bottom = h - MARGIN_B, .xscale = p->xscale,
	};
	double ystep = 1;
	bool data;
	size_t i;

	if (p->xscale == SVGPLOT_NINES) {
		if (!nines_ok(p->pts, p->npts))
			return -EINVAL;
		for (i = 0; i < p->nseries; i++)
			if (!nines_ok(p->series[i].pts, p->series[i].npts))
				return -EINVAL;
	}
	data = ranges(p, &fr, &ystep);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" font-family=\"sans-serif\" font-size=\"11\" fill=\"" C_TEXT "\" role=\"img\" aria-label=\"",
		w, h, w, h);
	xml_escape(f, p->title);
	fputs("\">\n<title>", f);
	xml_escape(f, p->title);
	fputs("</title>\n", f);
	text(f, w / 2.0, 18, "middle", " font-size=\"13\" font-weight=\"bold\"",
	     p->title);
	if (data) {
		x_axis(f, &fr);
		y_axis(f, &fr, ystep);
		series(f, p, &fr);
		if (p->nseries)
			legend(f, p, &fr);
	} else {
		text(f, (fr.left + fr.right) / 2, (fr.top + fr.bottom) / 2,
		     "middle", " class=\"nodata\"", "no data");
	}
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"" C_AXIS "\"/>\n",
		fr.left, fr.top, fr.right - fr.left, fr.bottom - fr.top);
	text(f, (fr.left + fr.right) / 2, h - 8, "middle", "", p->xlabel);
	fprintf(f, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">",
		(fr.top + fr.bottom) / 2, (fr.top + fr.bottom) / 2);
	xml_escape(f, p->ylabel);
	fputs("</text>\n</svg>\n", f);
	return 0;
}

size_t svgplot_percentiles(const uint32_t *lat_us, const uint64_t *count,
			   size_t nbins, struct svgplot_point *out)
{
	double total = 0, cum = 0;
	size_t i, n = 0;

	for (i = 0; i < nbins; i++)
		total += count[i];
	if (!total)
		return 0;
	for (i = 0; i < nbins; i++) {
		if (!count[i])
			continue;
		cum += count[i];
		out[n].x = 100 * fmin(cum, total - 0.5) / total;
		out[n].y = lat_us[i];
		n++;
	}
	return n;
}

size_t svgplot_histogram_bars(const uint32_t *lat_us, const uint64_t *count,
			      size_t nbins, struct svgplot_bar *out,
			      size_t maxbars)
{
	uint32_t lo = UINT32_MAX, hi = 0;
	double width;
	size_t i, n;

	for (i = 0; i < nbins; i++) {
		if (!count[i])
			continue;
		lo = lat_us[i] < lo ? lat_us[i] : lo;
		hi = lat_us[i] > hi ? lat_us[i] : hi;
	}
	if (lo > hi || !maxbars)
		return 0;
	/* 1 us bins: each bar covers whole microseconds */
	width = ceil((hi - lo + 1) / (double)maxbars);
	n = (size_t)ceil((hi - lo + 1) / width);
	for (i = 0; i < n; i++) {
		out[i].x0 = lo + i * width;
		out[i].x1 = lo + (i + 1) * width;
		out[i].y = 0;
	}
	for (i = 0; i < nbins; i++)
		if (count[i])
			out[(size_t)((lat_us[i] - lo) / width)].y += count[i];
	return n;
}

/*
 * The numbers of a CSV file's lines after its header, two or three a line
 * (a, b, c); a number may be hex (0x02).
 */
struct csv_rows {
	double *a, *b, *c;
	size_t n;
};

static int csv_read(const char *path, struct csv_rows *rows, int ncol)
{
	double **col[3] = { &rows->a, &rows->b, &rows->c };
	char line[256];
	size_t room = 0;
	double v[3];
	int k;
	FILE *f;

	memset(rows, 0, sizeof(*rows));
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lf,%lf,%lf", &v[0], &v[1], &v[2]) < ncol)
			continue;	/* the header */
		if (rows->n == room) {
			room = room ? room * 2 : 256;
			for (k = 0; k < ncol; k++) {
				double *grown = realloc(*col[k],
							room * sizeof(double));

				if (!grown) {
					fclose(f);
					return -ENOMEM;
				}
				*col[k] = grown;
			}
		}
		for (k = 0; k < ncol; k++)
			(*col[k])[rows->n] = v[k];
		rows->n++;
	}
	fclose(f);
	return 0;
}

static void csv_free(struct csv_rows *rows)
{
	free(rows->a);
	free(rows->b);
	free(rows->c);
}

#define HIST_BARS 60
#define CHART_W 390
#define CHART_H 260

/*
 * The histogram's two charts from its rows (latency_us, ios): the bars up
 * to the 99.9th percentile (the tail would squeeze the rest into a bar or
 * two; the percentile curve shows it), and the percentile curve.
 */
static int latency_charts(FILE *f, const struct csv_rows *lat,
			  const char *name)
{
	struct svgplot_point *pts = calloc(lat->n + 1, sizeof(*pts));
	struct svgplot_bar bars[HIST_BARS];
	uint32_t *us = calloc(lat->n + 1, sizeof(*us));
	uint64_t *cnt = calloc(lat->n + 1, sizeof(*cnt));
	double total = 0, cum = 0;
	char title[160];
	size_t i, shown;
	int ret = -ENOMEM;

	if (!pts || !us || !cnt)
		goto out;
	for (i = 0; i < lat->n; i++) {
		us[i] = lat->a[i] < 0 ? 0 : (uint32_t)lat->a[i];
		cnt[i] = lat->b[i] < 0 ? 0 : (uint64_t)lat->b[i];
		total += cnt[i];
	}
	for (shown = 0; shown < lat->n && cum < total * 0.999; shown++)
		cum += cnt[shown];
	snprintf(title, sizeof(title), "%s: latency histogram%s", name,
		 shown < lat->n ? " (to p99.9)" : "");
	svgplot_write(f, &(struct svgplot){
		.title = title, .xlabel = "latency (us)", .ylabel = "I/Os",
		.width = CHART_W, .height = CHART_H, .bars = bars,
		.nbars = svgplot_histogram_bars(us, cnt, shown, bars,
						HIST_BARS),
	});
	snprintf(title, sizeof(title), "%s: latency percentiles", name);
	ret = svgplot_write(f, &(struct svgplot){
		.title = title, .xlabel = "I/Os at or below (percentile)",
		.ylabel = "latency (us)", .xscale = SVGPLOT_NINES,
		.width = CHART_W, .height = CHART_H, .pts = pts,
		.npts = svgplot_percentiles(us, cnt, lat->n, pts),
	});
out:
	free(pts);
	free(us);
	free(cnt);
	return ret;
}

int svgplot_worker_charts(FILE *f, const char *dir, const char *name)
{
	struct csv_rows iops, lat;
	struct svgplot_point *pts = NULL;
	char path[4400], title[160];
	size_t i;
	int ret;

	snprintf(path, sizeof(path), "%s/%s_iops.csv", dir, name);
	ret = csv_read(path, &iops, 2);
	snprintf(path, sizeof(path), "%s/%s_latency.csv", dir, name);
	if (!ret)
		ret = csv_read(path, &lat, 2);
	else
		memset(&lat, 0, sizeof(lat));
	if (!ret && iops.n && !(pts = calloc(iops.n, sizeof(*pts))))
		ret = -ENOMEM;
	if (!ret) {
		for (i = 0; i < iops.n; i++)
			pts[i] = (struct svgplot_point){ iops.a[i], iops.b[i] };
		fputs("<div class=\"charts\">\n", f);
		snprintf(title, sizeof(title), "%s: IOPS per second", name);
		svgplot_write(f, &(struct svgplot){
			.title = title, .xlabel = "second",
			.ylabel = "I/Os completed", .width = CHART_W,
			.height = CHART_H, .pts = pts, .npts = iops.n,
		});
		ret = latency_charts(f, &lat, name);
		fputs("</div>\n", f);
	}
	free(pts);
	csv_free(&iops);
	csv_free(&lat);
	return ret;
}

int svgplot_worker_op_chart(FILE *f, const char *dir, const char *name,
			    const unsigned *opcodes,
			    const char *const *labels, size_t nops)
{
	struct svgplot_series *ser = calloc(nops + 1, sizeof(*ser));
	struct svgplot_point *pts = NULL;
	uint32_t *us = NULL;
	uint64_t *cnt = NULL;
	struct csv_rows rows;
	char path[4400], title[160];
	size_t i, k, m, used = 0, nser = 0;
	int ret;

	snprintf(path, sizeof(path), "%s/%s_latency_op.csv", dir, name);
	ret = ser ? csv_read(path, &rows, 3) : -ENOMEM;
	if (ret) {
		free(ser);
		return ret;
	}
	/* the points of all series, each series' bins in the file's order */
	pts = calloc(rows.n + 1, sizeof(*pts));
	us = calloc(rows.n + 1, sizeof(*us));
	cnt = calloc(rows.n + 1, sizeof(*cnt));
	if (!pts || !us || !cnt) {
		ret = -ENOMEM;
		goto out;
	}
	for (k = 0; k < nops; k++) {
		for (i = m = 0; i < rows.n; i++) {
			if (rows.a[i] != opcodes[k] || rows.b[i] < 0 ||
			    rows.c[i] < 0)
				continue;
			us[m] = (uint32_t)rows.b[i];
			cnt[m++] = (uint64_t)rows.c[i];
		}
		if (!m)
			continue;
		ser[nser].name = labels[k];
		ser[nser].pts = pts + used;
		ser[nser].npts = svgplot_percentiles(us, cnt, m, pts + used);
		used += ser[nser++].npts;
	}
	snprintf(title, sizeof(title), "%s: latency percentiles per opcode",
		 name);
	ret = svgplot_write(f, &(struct svgplot){
		.title = title, .xlabel = "I/Os at or below (percentile)",
		.ylabel = "latency (us)", .xscale = SVGPLOT_NINES,
		.width = CHART_W + LEGEND_W, .height = CHART_H,
		.series = ser, .nseries = nser,
	});
out:
	csv_free(&rows);
	free(pts);
	free(us);
	free(cnt);
	free(ser);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int svgplot_worker_names(const char *dir, char ***names)
{
	static const char *const tails[] = { "_iops.csv", "_latency.csv" };
	char **list = NULL, **grown;
	size_t n = 0, i, k, len;
	struct dirent *e;
	DIR *d;

	*names = NULL;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		for (k = 0; k < 2; k++) {
			len = strlen(e->d_name);
			if (len > strlen(tails[k]) &&
			    !strcmp(e->d_name + len - strlen(tails[k]), tails[k]))
				break;
		}
		if (k == 2)
			continue;
		len -= strlen(tails[k]);
		for (i = 0; i < n; i++)
			if (strlen(list[i]) == len &&
			    !strncmp(list[i], e->d_name, len))
				break;
		if (i < n)
			continue;
		grown = realloc(list, (n + 1) * sizeof(*list));
		if (!grown || !(grown[n] = strndup(e->d_name, len))) {
			list = grown ? grown : list;
			while (n)
				free(list[--n]);
			free(list);
			closedir(d);
			return -ENOMEM;
		}
		list = grown;
		n++;
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof(*list), cmp_str);
	*names = list;
	return n;
}
