// SPDX-License-Identifier: MIT
/* A made-up run for the report's tests (report_sample.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../tools/nvt-run/collect.h"
#include "../../tools/nvt-run/report.h"
#include "../../tools/nvt-run/worker_ops.h"
#include "report_sample.h"

#include <nvt/nvt.h>

struct sample_test {
	int suite;
	const char *id;
	enum outcome outcome;
	const char *reason, *log, *warning;
	double duration;
};

static const struct sample_test sample_tests[] = {
	{ 0, "identify", OUT_PASSED, NULL, "  identify: ok\n", NULL, 0.012 },
	{ 0, "features[arb]", OUT_PASSED, NULL, "", "AER: temperature & <threshold>", 0.3 },
	{ 0, "log_page", OUT_FAILED, "check: status == 0 is false: 0x2 == 0",
	  "  get_log_page lid 2: status 00/02\n  " SAMPLE_LOG_MARKUP " & \"q\"\n"
	  "  control \x01\x1b[0m and bad bytes \xff\xfe end\n", NULL, 1.25 },
	{ 0, "sanitize", OUT_SKIPPED, "SANICAP is 0: <no sanitize>", "", NULL, 0 },
	{ 1, "randread", OUT_PASSED, NULL, "  ioworker: 12000 reads\n", NULL, 10.4 },
	{ 1, "one_second", OUT_XFAILED, "QEMU 7.2 deviates (NVMe 2.0 5.27)", "", NULL, 1.1 },
	{ 1, "xpass", OUT_XPASSED, "known", "", NULL, 0.2 },
	{ 1, "broken", OUT_ERROR, "fixture 'fmt' setup: timeout", "  format: timeout after 5000 ms\n", NULL, 5.0 },
};

#define NTESTS (sizeof(sample_tests) / sizeof(sample_tests[0]))

static int write_csv(const char *dir, const char *name, const char *kind,
		     const char *header, const double (*rows)[2], size_t n)
{
	char path[4400];
	size_t i;
	FILE *f;

	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/%s_%s.csv", dir, name, kind);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "%s\n", header);
	for (i = 0; i < n; i++)
		fprintf(f, "%.0f,%.0f\n", rows[i][0], rows[i][1]);
	return fclose(f) ? -errno : 0;
}

/* Latencies of an opcode of the mix: so many I/Os took so long. */
struct sample_lat {
	uint32_t us, ios;
};

static const struct {
	uint8_t opc;
	uint32_t max_us;
	struct sample_lat lat[6];
} sample_mix[] = {
	/* 1000 reads: p50 100, p90 150, p99 300, p99.9 900, p99.99 5000 */
	{ NVT_NVM_READ, 5000, { { 100, 500 }, { 150, 400 }, { 300, 90 },
				{ 900, 9 }, { 5000, 1 } } },
	/* 500 writes: p50 20, p90 40, p99 80, p99.9 and p99.99 2000 */
	{ NVT_NVM_WRITE, 2001, { { 20, 250 }, { 40, 200 }, { 80, 45 },
				 { 2001, 5 } } },
	{ NVT_NVM_FLUSH, 0, { { 0 } } },	/* none */
	{ 0xc0, 7, { { 7, 10 } } },
};

#define NMIX (sizeof(sample_mix) / sizeof(sample_mix[0]))

static int cmp_row(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

static void sample_label(uint8_t opc, char *buf, size_t len)
{
	static const char *const names[] = {
		[NVT_NVM_FLUSH] = "flush", [NVT_NVM_WRITE] = "write",
		[NVT_NVM_READ] = "read",
	};

	if (opc < 3)
		snprintf(buf, len, "%s", names[opc]);
	else
		snprintf(buf, len, "0x%02x", opc);
}

/*
 * A worker of an opcode mix (sample_mix): its files, the per-opcode ones
 * written by the ioworker step's own code from a result with histograms.
 */
static int write_mix(const char *dir)
{
	struct nvt_worker_result r = { .nr_ops = NMIX };
	double iops[3][2] = { { 0, 500 }, { 1, 510 }, { 2, 500 } };
	double lat[NMIX * 6][2];
	size_t i, k, n = 0;
	int ret;

	r.op_histogram = calloc((size_t)NMIX * NVT_WORKER_OPH_BINS,
				sizeof(uint32_t));
	if (!r.op_histogram)
		return -ENOMEM;
	for (i = 0; i < NMIX; i++) {
		uint64_t sum = 0;

		r.op[i] = sample_mix[i].opc;
		r.op_latency_max_us[i] = sample_mix[i].max_us;
		for (k = 0; k < 6 && sample_mix[i].lat[k].ios; k++) {
			const struct sample_lat *l = &sample_mix[i].lat[k];

			r.op_histogram[i * NVT_WORKER_OPH_BINS +
				       nvt_worker_oph_bin(l->us)] += l->ios;
			r.op_count[i] += l->ios;
			sum += (uint64_t)l->us * l->ios;
			lat[n][0] = l->us;
			lat[n++][1] = l->ios;
		}
		if (r.op_count[i])
			r.op_latency_average_us[i] = sum / r.op_count[i];
	}
	ret = worker_ops_files(dir, "mix", &r, sample_label);
	free(r.op_histogram);
	if (!ret)
		ret = write_csv(dir, "mix", "iops", "second,ios", iops, 3);
	/* the histogram of all, as the step writes it: ascending latency */
	qsort(lat, n, sizeof(lat[0]), cmp_row);
	if (!ret)
		ret = write_csv(dir, "mix", "latency", "latency_us,ios", lat, n);
	return ret;
}

/* randread: 10 s near 12k IOPS, latencies around 800 us with a tail. */
static int write_workers(const char *results, struct test *io, struct test *one)
{
	double iops[10][2], lat[400][2], one_iops[1][2] = { { 0, 950 } };
	double one_lat[1][2] = { { 1050, 950 } };
	char *dir = report_test_dir(results, io);
	size_t i, n = 0;
	int ret;

	for (i = 0; i < 10; i++) {
		iops[i][0] = i;
		iops[i][1] = 12000 + 1500 * sin(i * 0.9) - (i == 0) * 4000;
	}
	for (i = 300; i < 2000 && n < 400; i += 5) {
		double z = (log(i) - log(800)) / 0.25;

		lat[n][0] = i;
		lat[n][1] = floor(3000 * exp(-z * z / 2)) + (i % 97 == 0);
		if (lat[n][1] > 0)
			n++;
	}
	lat[n][0] = 9000;	/* the tail */
	lat[n++][1] = 2;
	ret = write_csv(dir, "ioworker", "iops", "second,ios", iops, 10);
	if (!ret)
		ret = write_csv(dir, "ioworker", "latency", "latency_us,ios",
				lat, n);
	/* a second worker that wrote its files without a line of data */
	if (!ret)
		ret = write_csv(dir, "idle", "iops", "second,ios", NULL, 0);
	if (!ret)
		ret = write_csv(dir, "idle", "latency", "latency_us,ios", NULL, 0);
	if (!ret)
		ret = write_mix(dir);
	free(dir);
	dir = report_test_dir(results, one);
	if (!ret)
		ret = write_csv(dir, "short<1>", "iops", "second,ios", one_iops, 1);
	if (!ret)
		ret = write_csv(dir, "short<1>", "latency", "latency_us,ios",
				one_lat, 1);
	free(dir);
	return ret;
}

int report_sample_write(const char *results, char *err, size_t errlen)
{
	static char *paths[2] = { "testcases/sample/admin.yaml",
				  "testcases/sample/io.yaml" };
	struct suite suites[2] = { { .path = paths[0] }, { .path = paths[1] } };
	struct report_opts po = { .results = results, .verbosity = -1, .seed = 42 };
	struct test tests[NTESTS], *list[NTESTS];
	char *warning[NTESTS][1];
	struct collection c = { .tests = list, .ntests = NTESTS,
				.ndeselected = 3, .suites = NULL };
	struct report *rp;
	char files[4096];
	size_t i;
	int ret;

	memset(tests, 0, sizeof(tests));
	for (i = 0; i < NTESTS; i++) {
		const struct sample_test *s = &sample_tests[i];
		struct test *t = &tests[i];

		t->suite = &suites[s->suite];
		t->id = (char *)s->id;
		if (asprintf(&t->nodeid, "%s::%s", paths[s->suite], s->id) < 0)
			return -1;
		t->res.outcome = s->outcome;
		t->res.reason = (char *)s->reason;
		t->res.log = (char *)s->log;
		t->res.duration = s->duration;
		warning[i][0] = (char *)s->warning;
		t->res.warnings = warning[i];
		t->res.nwarnings = s->warning ? 1 : 0;
		list[i] = t;
	}
	snprintf(files, sizeof(files), "%s/files", results);
	if ((mkdir(results, 0755) && errno != EEXIST) ||
	    (mkdir(files, 0755) && errno != EEXIST)) {
		snprintf(err, errlen, "%s: %s", files, strerror(errno));
		return -1;
	}
	ret = write_workers(results, &tests[4], &tests[5]);
	if (ret) {
		snprintf(err, errlen, "CSV files: %s", strerror(-ret));
		return -1;
	}
	if (report_open(&rp, &po, err, errlen))
		return -1;
	report_start(rp, &c);
	report_device(rp, &(struct report_devinfo){
		.bdf = "0000:00:04.0", .model = SAMPLE_MODEL,
		.serial = "nvt-\xe2\x9c\x93-0001", .firmware = "1.0<", .nsid = 1,
	});
	for (i = 0; i < NTESTS; i++)
		report_test(rp, list[i], i);
	ret = report_finish(rp, &c, 19.5);
	report_close(rp);
	for (i = 0; i < NTESTS; i++)
		free(tests[i].nodeid);
	return ret;
}
