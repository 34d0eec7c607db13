// SPDX-License-Identifier: MIT
/*
 * Bench helper of t_58_events: makes nvt.ko send one kind of event and
 * prints what it did ("KEY=VALUE" lines) for the script to compare with
 * what `nvt monitor --json` saw.
 *
 * usage: events BDF ACTION [ARG]
 *   worker MS    an ioworker reading for MS ms ("worker started" once it runs)
 *   reset        a controller reset through libnvt
 *   timeout      an admin command queued without a doorbell times out
 *                (timeout_cid=), then runs late once a doorbell is rung
 *   miscompare   a verified read of LBAs rewritten behind the table's back
 *                (an older table loaded): a miscompare
 *   aer          an AER from a temperature threshold below the current
 *                temperature (aer_dw0=)
 *   power        a power cycle through the Subsystem (NVT_POWER_OFF/ON)
 *   rawdma       a raw write of the admin CQ head doorbell (the value
 *                nvt.ko has: nothing changes), with the unsafe_raw_dma
 *                opt-in where no IOMMU translates
 *   fatal        CC.EN=1 with I/O queue entry sizes of 0, which QEMU 7.2
 *                refuses with CSTS.CFS; CSTS is read only 3 s later
 *                (csts_read_ns=, csts=), so nvt.ko's periodic look tells
 *                it first; CC.EN=0 at the end
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "raw.h"

static void quiet(void *arg, const char *msg)
{
	printf("warning: %s\n", msg);
}

static int open_ns(const char *bdf, struct nvt_pcie **pcie,
		   struct nvt_ctrl **ctrl, struct nvt_ns **ns)
{
	struct nvt_ctrl_opts co;
	char err[512];

	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(bdf, pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(*pcie, &co, ctrl, err, sizeof(err))) {
		printf("open: %s\n", err);
		return -1;
	}
	if (ns && nvt_ns_open(*ctrl, nvt_ctrl_ns_id(*ctrl, 0), ns)) {
		printf("namespace: %s\n", nvt_ctrl_error(*ctrl));
		return -1;
	}
	return 0;
}

static int run(struct nvt_ns *ns, const struct nvt_worker_opts *o,
	       struct nvt_worker_result *r, const char *what)
{
	struct nvt_worker *w;
	int ret = nvt_worker_start(ns, o, &w);

	if (ret) {
		printf("%s: %s\n", what, nvt_ctrl_error(nvt_ns_ctrl(ns)));
		return ret;
	}
	if (!strcmp(what, "worker"))
		printf("worker started\n");
	return nvt_worker_close(w, r);
}

static int do_worker(const char *bdf, unsigned ms)
{
	struct nvt_worker_result r;
	struct nvt_worker_opts o;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	int ret;

	if (open_ns(bdf, &pcie, &ctrl, &ns))
		return 1;
	nvt_worker_opts_init(&o, sizeof(o));
	o.time_ms = ms;
	o.qdepth = 8;
	o.region_end = 8192;
	ret = run(ns, &o, &r, "worker");
	if (!ret) {
		printf("worker_ios=%llu worker_error=%u\n",
		       (unsigned long long)r.io_count_read, r.error);
		nvt_worker_result_free(&r);
	}
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return ret ? 1 : 0;
}

static int do_reset(const char *bdf)
{
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	int ret;

	if (open_ns(bdf, &pcie, &ctrl, NULL))
		return 1;
	/* what the opening did is over: the reset's events come now */
	printf("resetting\n");
	fflush(stdout);
	/* time for the script to mark where the reset's events start */
	sleep(3);
	ret = nvt_ctrl_reset(ctrl);
	if (ret)
		printf("reset: %s\n", nvt_ctrl_error(ctrl));
	else
		printf("reset done\n");
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return ret ? 1 : 0;
}

static int do_timeout(const char *bdf)
{
	struct nvt_cmd c[2];
	struct nvt_cpl cpl[4];
	int fd = open_dev(bdf), n;

	if (fd < 0 || ctrl_enable(fd, 64)) {
		printf("open and enable: %s\n", strerror(errno));
		return 1;
	}
	cmd_init(&c[0], NVT_ADMIN_GET_FEATURES, 0);
	c[0].sqe[10] = NVT_FEAT_NUM_QUEUES;
	c[0].timeout_ms = 300;
	if (submit(fd, c, 1, NVT_SUBMIT_NO_DOORBELL, NULL) ||
	    reap(fd, cpl, 1, 1, 5000) != 1 ||
	    !(cpl[0].flags & NVT_CPL_TIMEOUT)) {
		printf("no timeout: %s\n", strerror(errno));
		return 1;
	}
	printf("timeout_cid=%u timeout_opcode=%u\n", c[0].cid,
	       NVT_ADMIN_GET_FEATURES);
	/* the next doorbell makes the controller run both */
	cmd_init(&c[1], NVT_ADMIN_GET_FEATURES, 0);
	c[1].sqe[10] = NVT_FEAT_NUM_QUEUES;
	n = submit(fd, &c[1], 1, 0, NULL) ? -1 : reap(fd, cpl, 2, 4, 5000);
	printf("late_reaped=%d\n", n);
	close(fd);
	return n == 2 ? 0 : 1;
}

static int do_miscompare(const char *bdf)
{
	char path[] = "/tmp/nvt-events-XXXXXX";
	struct nvt_worker_result r;
	struct nvt_worker_opts o;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	uint64_t mis = 0;
	int fd = mkstemp(path), ret;

	if (fd >= 0)
		close(fd);
	if (open_ns(bdf, &pcie, &ctrl, &ns))
		return 1;
	ret = nvt_ns_datacheck_enable(ns, true, 0);
	/* written once, the table kept; written again, the old table back */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.read_percentage = 0;
	o.region_end = 1024;
	if (!ret)
		ret = run(ns, &o, &r, "write");
	if (!ret)
		nvt_worker_result_free(&r);
	if (!ret)
		ret = nvt_ns_datacheck_save(ns, path);
	if (!ret)
		ret = run(ns, &o, &r, "rewrite");
	if (!ret)
		nvt_worker_result_free(&r);
	if (!ret)
		ret = nvt_ns_datacheck_load(ns, path);
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.region_end = 1024;
	o.exit_on_error = true;
	if (!ret)
		ret = run(ns, &o, &r, "read");
	if (!ret) {
		nvt_ns_datacheck_miscompares(ns, &mis);
		printf("read_error=0x%x miscompares=%llu nsid=%u\n", r.error,
		       (unsigned long long)mis, nvt_ns_id(ns));
		nvt_worker_result_free(&r);
	}
	nvt_ns_datacheck_disable(ns);
	unlink(path);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return !ret && mis ? 0 : 1;
}

static int do_aer(const char *bdf)
{
	struct nvt_cmd c;
	struct nvt_cpl cpl;
	int fd = open_dev(bdf), ret = 1;

	if (fd < 0 || ctrl_enable(fd, 64)) {
		printf("open and enable: %s\n", strerror(errno));
		return 1;
	}
	if (admin_cmd(fd, NVT_ADMIN_SET_FEATURES, NVT_FEAT_ASYNC_EVENT, 0x2,
		      NULL)) {
		printf("temperature events not enabled\n");
		return 1;
	}
	cmd_init(&c, NVT_ADMIN_ASYNC_EVENT, 0);
	if (submit(fd, &c, 1, 0, NULL)) {
		printf("AER: %s\n", strerror(errno));
		return 1;
	}
	/* 256 K: below QEMU's 323 K (Set Features FID 04h, over threshold) */
	cmd_init(&c, NVT_ADMIN_SET_FEATURES, 0);
	c.sqe[10] = NVT_FEAT_TEMP_THRESH;
	c.sqe[11] = 0x100;
	if (submit(fd, &c, 1, 0, NULL) == 0) {
		/* the Set Features and the AER, in either order */
		while (reap(fd, &cpl, 1, 1, 3000) == 1) {
			if (cpl.flags & NVT_CPL_AER) {
				printf("aer_dw0=%u\n", cpl.cqe[0]);
				ret = 0;
			}
		}
	}
	admin_cmd(fd, NVT_ADMIN_SET_FEATURES, NVT_FEAT_TEMP_THRESH, 0x157,
		  NULL);
	close(fd);
	return ret;
}

static int do_power(const char *bdf)
{
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_subsys *s;
	char err[512];
	int ret;

	if (open_ns(bdf, &pcie, &ctrl, NULL))
		return 1;
	ret = nvt_subsys_open(ctrl, NULL, &s, err, sizeof(err));
	if (ret) {
		printf("subsystem: %s\n", err);
		return 1;
	}
	ret = nvt_subsys_power_off(s);
	if (!ret)
		ret = nvt_subsys_power_on(s);
	printf("power cycle: %s\n", ret ? nvt_subsys_error(s) : "done");
	nvt_subsys_close(s);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return ret ? 1 : 0;
}

static int do_rawdma(const char *bdf)
{
	uint64_t head;
	uint32_t dstrd;
	int fd = open_dev(bdf), ret;

	if (fd < 0 || ctrl_enable(fd, 64)) {
		printf("open and enable: %s\n", strerror(errno));
		return 1;
	}
	dstrd = NVT_CAP_DSTRD(reg64(fd, NVT_REG_CAP));
	head = sysfs_int(bdf, "queues/cq0/head");
	if (module_param_set("unsafe_raw_dma", "1")) {
		printf("unsafe_raw_dma: %s\n", strerror(errno));
		return 1;
	}
	ret = rw(fd, NVT_IOC_WRITE, NVT_SPACE_BAR(0), 4, NVT_DB_CQ(0, dstrd),
		 &head);
	module_param_set("unsafe_raw_dma", "0");
	printf("raw doorbell write: %s\n", ret ? strerror(errno) : "done");
	close(fd);
	return ret ? 1 : 0;
}

static int do_fatal(const char *bdf)
{
	struct timespec ts;
	uint32_t csts;
	int fd = open_dev(bdf);

	if (fd < 0 || ctrl_enable(fd, 64)) {
		printf("open and enable: %s\n", strerror(errno));
		return 1;
	}
	wreg32(fd, NVT_REG_CC, 0);
	if (wait_rdy(fd, 0)) {
		printf("CSTS.RDY did not clear\n");
		return 1;
	}
	/* CSS, MPS, IOSQES and IOCQES all 0 */
	wreg32(fd, NVT_REG_CC, NVT_CC_EN);
	printf("enabled with bad entry sizes\n");
	sleep(3);
	clock_gettime(CLOCK_REALTIME, &ts);
	csts = reg32(fd, NVT_REG_CSTS);
	printf("csts_read_ns=%llu csts=%u\n",
	       (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec,
	       csts);
	wreg32(fd, NVT_REG_CC, 0);
	close(fd);
	return csts != ~0u && (csts & NVT_CSTS_CFS) ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *act = argc > 2 ? argv[2] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(act, "worker") && argc == 4)
		return do_worker(argv[1], atoi(argv[3]));
	if (argc == 3 && !strcmp(act, "reset"))
		return do_reset(argv[1]);
	if (argc == 3 && !strcmp(act, "timeout"))
		return do_timeout(argv[1]);
	if (argc == 3 && !strcmp(act, "miscompare"))
		return do_miscompare(argv[1]);
	if (argc == 3 && !strcmp(act, "aer"))
		return do_aer(argv[1]);
	if (argc == 3 && !strcmp(act, "power"))
		return do_power(argv[1]);
	if (argc == 3 && !strcmp(act, "rawdma"))
		return do_rawdma(argv[1]);
	if (argc == 3 && !strcmp(act, "fatal"))
		return do_fatal(argv[1]);
	fprintf(stderr, "usage: %s BDF worker MS|reset|timeout|miscompare|aer|power|rawdma|fatal\n",
		argv[0]);
	return 2;
}
