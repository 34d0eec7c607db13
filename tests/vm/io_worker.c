// SPDX-License-Identifier: MIT
/*
 * Bench test of ioworkers: exact io_count, one sequential pass, the read
 * mix, the iops limit (within 5 %), the per-second counts and histogram,
 * and workers stopped by a controller reset with the device still working.
 *
 * usage: io_worker BDF
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include "check.h"

static struct checks c;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

static uint64_t hist_total(const struct nvt_worker_result *r)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < NVT_WORKER_HIST_US; i++)
		n += r->latency_histogram[i];
	return n;
}

static int run(struct nvt_ns *ns, const struct nvt_worker_opts *o,
	       struct nvt_worker_result *r)
{
	struct nvt_worker *w;
	int ret = nvt_worker_start(ns, o, &w);

	if (ret) {
		printf("  start: %s\n", nvt_ctrl_error(nvt_ns_ctrl(ns)));
		memset(r, 0, sizeof(*r));
		return ret;
	}
	return nvt_worker_close(w, r);
}

int main(int argc, char **argv)
{
	struct nvt_ctrl_opts co = { .warn = quiet };
	struct nvt_worker_result r, r2;
	struct nvt_worker_opts o;
	struct nvt_worker *w1, *w2;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	uint64_t total, sum;
	char err[512];
	unsigned i;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, nvt_ctrl_ns_id(ctrl, 0), &ns)) {
		printf("not ok 1 - open: %s\n", err);
		return 1;
	}

	/* io_count is exact */
	memset(&o, 0, sizeof(o));
	o.io_count = 1000;
	o.qdepth = 16;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 1000 && !r.io_count_write &&
	      !r.error, "io_count 1000: %llu reads, error %u",
	      (unsigned long long)r.io_count_read, r.error);
	CHECK(&c, ret == 0 && hist_total(&r) == 1000 &&
	      nvt_worker_percentile(&r, 50) <= nvt_worker_percentile(&r, 99.9) &&
	      nvt_worker_percentile(&r, 99.9) <= r.latency_max_us,
	      "histogram holds 1000, p50 %u us <= p99.9 %u us <= max %u us",
	      nvt_worker_percentile(&r, 50), nvt_worker_percentile(&r, 99.9),
	      r.latency_max_us);
	nvt_worker_result_free(&r);

	/* a sequential pass over a region: each LBA once */
	memset(&o, 0, sizeof(o));
	o.random_set = true;
	o.lba_random = 0;
	o.region_start = 1024;
	o.region_end = 1024 + 8192;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 1024 &&
	      r.lba_count_read == 8192, "one sequential pass: %llu I/Os, %llu LBAs",
	      (unsigned long long)r.io_count_read,
	      (unsigned long long)r.lba_count_read);
	nvt_worker_result_free(&r);

	/* the read/write mix */
	memset(&o, 0, sizeof(o));
	o.read_set = true;
	o.read_percentage = 30;
	o.io_count = 4000;
	o.io_size[0] = 1;
	o.io_size[1] = 8;
	o.io_weight[0] = 3;
	o.io_weight[1] = 1;
	o.nr_sizes = 2;
	ret = run(ns, &o, &r);
	total = r.io_count_read + r.io_count_write;
	CHECK(&c, ret == 0 && total == 4000 && r.io_count_read > 900 &&
	      r.io_count_read < 1500 && !r.error,
	      "30 %% reads: %llu reads, %llu writes",
	      (unsigned long long)r.io_count_read,
	      (unsigned long long)r.io_count_write);
	nvt_worker_result_free(&r);

	/* the iops limit, and completions per second */
	memset(&o, 0, sizeof(o));
	o.time_ms = 3000;
	o.iops = 1500;
	o.io_size[0] = 1;
	o.nr_sizes = 1;
	ret = run(ns, &o, &r);
	total = r.io_count_read;
	CHECK(&c, ret == 0 && total >= 4275 && total <= 4725,
	      "iops 1500 for 3 s: %llu I/Os (%.1f %% off)",
	      (unsigned long long)total, (total - 4500.0) / 45.0);
	for (i = 0, sum = 0; i < r.seconds; i++)
		sum += r.io_per_second[i];
	CHECK(&c, ret == 0 && sum == total && r.seconds >= 3 &&
	      r.io_per_second[1] >= 1425 && r.io_per_second[1] <= 1575,
	      "per second: %u %u %u ... (sum %llu)", r.io_per_second[0],
	      r.io_per_second[1], r.io_per_second[2], (unsigned long long)sum);
	CHECK(&c, r.mseconds >= 2990 && r.mseconds < 3500 && r.cpu_usage >= 0 &&
	      r.cpu_usage <= 1.01, "%llu ms, cpu usage %.2f",
	      (unsigned long long)r.mseconds, r.cpu_usage);
	nvt_worker_result_free(&r);

	/*
	 * Two workers, a controller reset under them.  Few I/Os in flight:
	 * QEMU 7.2 can crash when reset with many.
	 */
	memset(&o, 0, sizeof(o));
	o.time_ms = 10000;
	o.read_set = true;
	o.read_percentage = 50;
	o.qdepth = 4;
	o.iops = 500;
	ret = nvt_worker_start(ns, &o, &w1);
	if (!ret)
		ret = nvt_worker_start(ns, &o, &w2);
	CHECK(&c, ret == 0, "two workers started");
	if (!ret) {
		struct timespec t = { 0, 500000000 };

		nanosleep(&t, NULL);
		CHECK(&c, nvt_worker_running(w1) && nvt_worker_running(w2),
		      "both running");
		CHECK(&c, nvt_ctrl_reset(ctrl) == 0, "controller reset");
		ret = nvt_worker_close(w1, &r);
		ret |= nvt_worker_close(w2, &r2);
		CHECK(&c, ret == 0 && r.error && r2.error &&
		      r.mseconds < 5000 && r2.mseconds < 5000,
		      "both ended at the reset: errors %02x/%02x, %llu and %llu ms, %llu and %llu I/Os",
		      r.error >> 8, r.error & 0xff,
		      (unsigned long long)r.mseconds,
		      (unsigned long long)r2.mseconds,
		      (unsigned long long)(r.io_count_read + r.io_count_write),
		      (unsigned long long)(r2.io_count_read + r2.io_count_write));
		nvt_worker_result_free(&r);
		nvt_worker_result_free(&r2);
	}
	memset(&o, 0, sizeof(o));
	o.io_count = 100;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 100 && !r.error,
	      "a worker after the reset works");
	nvt_worker_result_free(&r);

	/* shadow doorbells: the same exact counts with far fewer MMIO writes */
	CHECK(&c, nvt_ctrl_reset(ctrl) == 0 && nvt_ctrl_shadow_doorbells(ctrl) == 0,
	      "shadow doorbells on: %s", nvt_ctrl_error(ctrl));
	memset(&o, 0, sizeof(o));
	o.io_count = 3000;
	o.read_set = true;
	o.read_percentage = 50;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read + r.io_count_write == 3000 &&
	      !r.error, "3000 I/Os through shadow doorbells, error %u", r.error);
	nvt_worker_result_free(&r);
	{
		struct nvt_qpair_opts qo = { .depth = 8 };
		struct nvt_qpair *q;

		if (!nvt_qpair_create(ctrl, &qo, &q)) {
			CHECK(&c, nvt_ctrl_shadow_doorbells(ctrl) == -EBUSY,
			      "refused once an I/O queue exists: %s",
			      nvt_ctrl_error(ctrl));
			nvt_qpair_delete(q);
		}
	}

	/* bad input: a clear error, nothing started */
	memset(&o, 0, sizeof(o));
	o.region_start = 100;
	o.region_end = 50;
	CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
	      "bad region refused: %s", nvt_ctrl_error(ctrl));
	o.region_end = 0;
	o.io_size[0] = 2048;
	o.nr_sizes = 1;
	o.qdepth = 256;
	CHECK(&c, nvt_worker_start(ns, &o, &w1) < 0,
	      "too much buffer refused: %s", nvt_ctrl_error(ctrl));

	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
