/* SPDX-License-Identifier: MIT */
/*
 * Charts as inline SVG, drawn by our own code for pages that fetch nothing
 * (nvt-run's report.html, the bench's bench.html): a line or bars over
 * linear axes with rounded ticks, an x axis in "nines" for latency
 * percentiles, and an ioworker's three charts from the CSV files its step
 * writes.  The SVG carries
 * its colours as attributes, so it reads the same in any page.
 */
#ifndef NVT_RUN_SVGPLOT_H
#define NVT_RUN_SVGPLOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct svgplot_point {
	double x, y;
};

/* A bar from x0 to x1, y high. */
struct svgplot_bar {
	double x0, x1, y;
};

enum svgplot_scale {
	SVGPLOT_LINEAR,
	/*
	 * x only: a percentile 0..100 drawn at -log10(1 - x/100), so 90, 99,
	 * 99.9 ... are evenly spaced and the tail shows; x must be < 100.
	 */
	SVGPLOT_NINES,
};

/* One named line of a chart with several, in the legend by its name. */
struct svgplot_series {
	const char *name;
	const struct svgplot_point *pts;	/* ascending x */
	size_t npts;
};

struct svgplot {
	const char *title;
	const char *xlabel, *ylabel;
	enum svgplot_scale xscale;
	unsigned width, height;		/* 0: 560 x 300 */
	/* a line through points (ascending x), or bars: one of the two */
	const struct svgplot_point *pts;
	size_t npts;
	const struct svgplot_bar *bars;
	size_t nbars;
	/*
	 * or several lines, each a colour of its own and named in a legend
	 * right of the plot (pts and bars then none)
	 */
	const struct svgplot_series *series;
	size_t nseries;
};

/*
 * Write @p as one <svg> element to @f.  Without data it is the frame with
 * "no data" in it; one point is a dot.  Returns 0, or -EINVAL for a
 * percentile of 100 or more on a SVGPLOT_NINES axis.
 */
int svgplot_write(FILE *f, const struct svgplot *p);

/*
 * A latency histogram as a percentile curve: for each non-empty bin
 * (ascending latency), the point (percent of I/Os at or below it, its
 * latency); the last bin's percentage is drawn where half an I/O would
 * be left, so it stays below 100 for SVGPLOT_NINES.  Returns the points
 * written to @out (room for @nbins).
 */
size_t svgplot_percentiles(const uint32_t *lat_us, const uint64_t *count,
			   size_t nbins, struct svgplot_point *out);

/*
 * The same histogram as at most @maxbars bars of equal width from the
 * smallest to the largest latency, counts added up.  Returns the bars
 * written to @out.
 */
size_t svgplot_histogram_bars(const uint32_t *lat_us, const uint64_t *count,
			      size_t nbins, struct svgplot_bar *out,
			      size_t maxbars);

/*
 * The charts of one ioworker from the CSV files its step wrote in @dir,
 * <name>_iops.csv (second,ios) and <name>_latency.csv (latency_us,ios):
 * IOPS per second over time, the latency histogram and the percentile
 * curve, in one <div class="charts">.  A missing or empty file draws its
 * charts without data.  Returns 0, or -ENOMEM.
 */
int svgplot_worker_charts(FILE *f, const char *dir, const char *name);

/*
 * One ioworker's latency percentile curves per opcode, on one chart, from
 * <name>_latency_op.csv in @dir (opcode,latency_us,ios; the opcode in
 * hex): a series for each of the @nops opcodes at @opcodes, named by
 * @labels, that has I/O in the file.  Returns 0, or -ENOMEM.
 */
int svgplot_worker_op_chart(FILE *f, const char *dir, const char *name,
			    const unsigned *opcodes,
			    const char *const *labels, size_t nops);

/*
 * The ioworkers with CSV files in @dir, sorted: *@names (free each and the
 * array).  Returns how many (0 without any, or when @dir cannot be read),
 * or -ENOMEM.
 */
int svgplot_worker_names(const char *dir, char ***names);

#endif /* NVT_RUN_SVGPLOT_H */
