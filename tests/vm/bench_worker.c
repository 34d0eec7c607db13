// SPDX-License-Identifier: MIT
/*
 * The ioworker side of the benchmark: WORKERS workers of 4 KiB random reads
 * or writes at queue depth QD for SECONDS on namespace 1 (or NSID); prints
 * "iops mean_us p99.9_us" for all of them together.
 *
 * usage: bench_worker BDF read|write QD WORKERS SECONDS [OPTION...]
 *
 * Options: "shadow" shadows the doorbells of the worker queues (Doorbell
 * Buffer Config) first; "written" writes the first 64 MiB and keeps the
 * workers there; "verify" does so with data verification on, so every
 * read is checked and every write stamped (its cost against "written");
 * "idle=US" sets the workers' poll_idle (sleep while all I/O is out);
 * "ns=NSID" drives that namespace instead of 1;
 * "csv=PREFIX" writes the workers' completions per second and latency
 * histogram, added up, to PREFIX_iops.csv and PREFIX_latency.csv (the
 * files of nvt-run's ioworker step, which nvt-bench-html charts).
 */
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#define MAX_WORKERS 8

/* MMIO doorbell writes of every I/O queue (KIND sq or cq), from sysfs. */
static unsigned long long doorbell_writes(const char *kind)
{
	unsigned long long sum = 0, v;
	char pattern[64];
	glob_t g;
	size_t i;

	snprintf(pattern, sizeof(pattern),
		 "/sys/class/nvt/*/queues/%s[1-9]*/doorbell_writes", kind);
	if (glob(pattern, 0, NULL, &g))
		return 0;
	for (i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");

		if (f && fscanf(f, "%llu", &v) == 1)
			sum += v;
		if (f)
			fclose(f);
	}
	globfree(&g);
	return sum;
}

/* The workers' figures added up, as the ioworker step writes them. */
static int write_csv(const char *prefix, const uint32_t *per_second,
		     unsigned seconds, const uint32_t *hist)
{
	char path[4096];
	unsigned i;
	FILE *f;

	snprintf(path, sizeof(path), "%s_iops.csv", prefix);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "second,ios\n");
	for (i = 0; i < seconds; i++)
		fprintf(f, "%u,%u\n", i, per_second[i]);
	if (fclose(f))
		return -1;
	snprintf(path, sizeof(path), "%s_latency.csv", prefix);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "latency_us,ios\n");
	for (i = 0; i < NVT_WORKER_HIST_US; i++)
		if (hist[i])
			fprintf(f, "%u,%u\n", i, hist[i]);
	return fclose(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct nvt_worker_result r[MAX_WORKERS];
	struct nvt_worker *w[MAX_WORKERS];
	struct nvt_worker_opts o;
	struct nvt_worker_result all = { 0 };
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	double ios = 0, lat = 0, ms = 0;
	char err[512];
	int i, n, started = 0;
	unsigned long long sq_db, cq_db;
	uint32_t us;

	bool shadow = false, written = false, verify = false;
	unsigned idle_us = 0, seconds = 0, nsid = 1;
	uint32_t per_second[3600] = { 0 };
	const char *csv = NULL;

	if (argc < 6) {
		fprintf(stderr, "usage: %s BDF read|write QD WORKERS SECONDS [shadow] [written] [verify] [idle=US] [ns=NSID] [csv=PREFIX]\n",
			argv[0]);
		return 2;
	}
	for (i = 6; i < argc; i++) {
		shadow |= !strcmp(argv[i], "shadow");
		written |= !strcmp(argv[i], "written");
		verify |= !strcmp(argv[i], "verify");
		if (!strncmp(argv[i], "idle=", 5))
			idle_us = atoi(argv[i] + 5);
		if (!strncmp(argv[i], "ns=", 3))
			nsid = atoi(argv[i] + 3);
		if (!strncmp(argv[i], "csv=", 4))
			csv = argv[i] + 4;
	}
	n = atoi(argv[4]);
	if (n < 1 || n > MAX_WORKERS)
		return 2;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, NULL, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, nsid, &ns)) {
		fprintf(stderr, "bench_worker: %s\n", err);
		return 1;
	}
	if (shadow && nvt_ctrl_shadow_doorbells(ctrl)) {
		fprintf(stderr, "bench_worker: %s\n", nvt_ctrl_error(ctrl));
		return 1;
	}
	if (verify && nvt_ns_datacheck_enable(ns, true, 0)) {
		fprintf(stderr, "bench_worker: %s\n", nvt_ns_error(ns));
		return 1;
	}
	nvt_worker_opts_init(&o, sizeof(o));
	if (written || verify) {
		/* 64 MiB written first, in 128 KiB writes: known to the table */
		o.io_size[0] = (128 << 10) / nvt_ns_sector_size(ns);
		o.nr_sizes = 1;
		o.read_percentage = 0;
		o.lba_random = 0;
		o.region_end = (64 << 20) / nvt_ns_sector_size(ns);
		o.qdepth = 8;
		if (nvt_worker_start(ns, &o, &w[0]) ||
		    nvt_worker_close(w[0], &r[0]) || r[0].error) {
			fprintf(stderr, "bench_worker: writing 64 MiB: %s\n",
				nvt_ctrl_error(ctrl));
			return 1;
		}
		nvt_worker_result_free(&r[0]);
		nvt_worker_opts_init(&o, sizeof(o));
		o.region_end = (64 << 20) / nvt_ns_sector_size(ns);
	}
	o.io_size[0] = 4096 / nvt_ns_sector_size(ns);
	o.nr_sizes = 1;
	o.read_percentage = strcmp(argv[2], "read") ? 0 : 100;
	o.qdepth = atoi(argv[3]);
	o.time_ms = atoi(argv[5]) * 1000;
	o.poll_idle_us = idle_us;
	sq_db = doorbell_writes("sq");
	cq_db = doorbell_writes("cq");
	for (i = 0; i < n; i++) {
		o.cpu = i;
		if (nvt_worker_start(ns, &o, &w[i])) {
			fprintf(stderr, "bench_worker: %s\n", nvt_ctrl_error(ctrl));
			break;
		}
		started++;
	}
	/* the doorbells they rang, while their queues are still there */
	for (i = 0; i < started; i++)
		nvt_worker_wait(w[i]);
	sq_db = doorbell_writes("sq") - sq_db;
	cq_db = doorbell_writes("cq") - cq_db;
	all.latency_histogram = calloc(NVT_WORKER_HIST_US, sizeof(uint32_t));
	for (i = 0; i < started; i++) {
		double k;

		if (nvt_worker_close(w[i], &r[i]) || r[i].error) {
			fprintf(stderr, "bench_worker: worker %d: error %03x %s\n",
				i, r[i].error, nvt_ctrl_error(ctrl));
			return 1;
		}
		k = (double)(r[i].io_count_read + r[i].io_count_nonread);
		ios += k;
		lat += k * r[i].latency_average_us;
		if (r[i].mseconds > ms)
			ms = r[i].mseconds;
		for (us = 0; us < NVT_WORKER_HIST_US; us++)
			all.latency_histogram[us] += r[i].latency_histogram[us];
		for (us = 0; us < r[i].seconds && us < 3600; us++)
			per_second[us] += r[i].io_per_second[us];
		if (r[i].seconds > seconds)
			seconds = r[i].seconds < 3600 ? r[i].seconds : 3600;
		nvt_worker_result_free(&r[i]);
	}
	if (started != n || !ms || !ios)
		return 1;
	if (csv && write_csv(csv, per_second, seconds, all.latency_histogram))
		fprintf(stderr, "bench_worker: %s_*.csv: cannot write them\n", csv);
	fprintf(stderr, "doorbell writes per I/O: SQ %.3f, CQ %.3f (%.0f I/Os)\n",
		sq_db / ios, cq_db / ios, ios);
	printf("%.0f %.1f %u\n", ios * 1000 / ms, lat / ios,
	       nvt_worker_percentile(&all, 99.9));
	free(all.latency_histogram);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return 0;
}
