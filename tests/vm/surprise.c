// SPDX-License-Identifier: MIT
/*
 * Bench test of a surprise removal: the controller loses power while nvt
 * drives it, without its remove callback being called first (the root
 * port's power controller is switched off through config space: QEMU
 * resets the function and cuts it off; its config space reads all ones,
 * its BARs are unmapped, its DMA stops). At the cut two verified ioworkers
 * run and a user qpair holds writes nvt has armed (its doorbell rings at
 * the reap, after the cut). A reap waits on them; a command sent after the
 * cut fails within its timeout, and that first timeout on a function whose
 * config space reads all ones ends the workers (their commands have a
 * 30 s timeout). Then, with I/O outstanding and /dev/nvtN
 * open, the PCI core removes the function ("remove") or nvt is unbound
 * from it ("unbind"): this must not wait for the outstanding commands'
 * timeouts; the reap ends, the workers' results stay readable, and every
 * other ioctl answers ENODEV (or EIO).
 *
 *   surprise BDF ROOT-PORT remove|unbind    the cut and what follows
 *   surprise BDF check                      the controller works (after
 *                                           it came back)
 *
 * Build with -DIO_TIMEOUT_MS=N for another command timeout during the cut.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/pci_regs.h>

#include <nvt/nvt.h>
#include "check.h"

#define TIMEOUT_MS	3000		/* Identify's timeout after the cut */
#ifndef IO_TIMEOUT_MS
#define IO_TIMEOUT_MS	30000		/* every other command's */
#endif
#define SLACK_MS	10000		/* a removal taking longer waits on I/O */
#define REGION_START	4096
#define REGION_END	65536		/* where the workers write */
#define QDEPTH		64		/* the user qpair's writes at the cut */
#define WRITE_LBAS	1024		/* 512 KiB each at 512 B LBAs */

static struct checks c;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static bool gone_errno(int ret)
{
	return ret == -ENODEV || ret == -EIO;
}

/* ---------------------------------------------------------- config space */

static int cfg_open(const char *bdf, int flags)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	return open(path, flags);
}

/* Offset of the PCI Express capability in @fd's config space, or -1. */
static int exp_cap(int fd)
{
	uint8_t pos = 0, hdr[2];
	int n;

	if (pread(fd, &pos, 1, PCI_CAPABILITY_LIST) != 1)
		return -1;
	for (n = 0; pos >= PCI_STD_HEADER_SIZEOF && n < 48; n++) {
		if (pread(fd, hdr, 2, pos) != 2)
			return -1;
		if (hdr[PCI_CAP_LIST_ID] == PCI_CAP_ID_EXP)
			return pos;
		pos = hdr[PCI_CAP_LIST_NEXT] & 0xfc;
	}
	return -1;
}

/*
 * Switch the power controller of @port's slot off (Slot Control PCC = 1,
 * the indicators left as they are, so QEMU keeps the device and only
 * powers it off). No driver is told.
 */
static int cut_power(const char *port)
{
	uint16_t ctl;
	int fd = cfg_open(port, O_RDWR), pos, ret = -EIO;

	if (fd < 0)
		return -errno;
	pos = exp_cap(fd);
	if (pos > 0 && pread(fd, &ctl, 2, pos + PCI_EXP_SLTCTL) == 2) {
		ctl |= PCI_EXP_SLTCTL_PCC;
		if (pwrite(fd, &ctl, 2, pos + PCI_EXP_SLTCTL) == 2)
			ret = 0;
	}
	close(fd);
	return ret;
}

/* Write @val into sysfs file @path from a child; -ETIMEDOUT if it blocks. */
static int sysfs_write_bounded(const char *path, const char *val,
			       unsigned timeout_ms, uint64_t *took)
{
	uint64_t t0 = now_ms();
	int status, fd;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (!pid) {
		fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, val, strlen(val)) < 0)
			_exit(1);
		_exit(0);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (now_ms() - t0 > timeout_ms) {
			*took = now_ms() - t0;
			return -ETIMEDOUT;
		}
		sleep_ms(50);
	}
	*took = now_ms() - t0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/* ------------------------------------------------------ the waiting reap */

struct reap {
	struct nvt_qpair *q;
	unsigned count;
	int ret;
	unsigned ok, failed;
	uint16_t status;		/* of the last failed one */
	uint64_t end_ms;
	volatile int done;
};

static void reap_cpl(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe, void *arg)
{
	struct reap *r = arg;

	(void)ctrl;
	if (cqe->status) {
		r->failed++;
		r->status = cqe->status;
	} else {
		r->ok++;
	}
}

static void *reaper(void *arg)
{
	struct reap *r = arg;

	r->ret = nvt_qpair_waitdone(r->q, r->count, 0, NULL);
	r->end_ms = now_ms();
	r->done = 1;
	return NULL;
}

/* ------------------------------------------------------------ the modes */

static int start_worker(struct nvt_ns *ns, bool write, struct nvt_worker **w)
{
	struct nvt_worker_opts o;

	nvt_worker_opts_init(&o, sizeof(o));
	o.read_percentage = write ? 0 : 100;
	o.lba_random = write ? 0 : 100;
	o.region_start = REGION_START;
	o.region_end = REGION_END;
	o.time_ms = 60000;
	o.qdepth = 8;
	return nvt_worker_start(ns, &o, w);
}

static int check_mode(const char *bdf)
{
	struct nvt_ctrl_opts co;
	struct nvt_qpair_opts qo;
	struct nvt_buf *wb = NULL, *rb = NULL;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_qpair *q;
	struct nvt_ns *ns = NULL;
	struct nvt_io o;
	char err[512] = "";
	int ret;

	ret = nvt_pcie_open(bdf, &pcie, err, sizeof(err));
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (!ret)
		ret = nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err));
	CHECK(&c, ret == 0, "%s opens and initialises: %s", bdf, err);
	if (ret)
		return check_exit(&c);
	ret = nvt_ns_open(ctrl, 1, &ns);
	if (!ret)
		ret = nvt_ns_datacheck_enable(ns, true, 0);
	if (!ret)
		ret = nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, 64), &wb);
	if (!ret)
		ret = nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, 64), &rb);
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 16;
	if (!ret)
		ret = nvt_qpair_create(ctrl, &qo, &q);
	CHECK(&c, ret == 0, "namespace 1, verification, buffers and a qpair: %s %s",
	      ret ? nvt_ctrl_error(ctrl) : "", ret && ns ? nvt_ns_error(ns) : "");
	if (ret)
		return check_exit(&c);
	nvt_buf_fill(wb, NVT_PAT_RANDOM, 100);
	memset(&o, 0, sizeof(o));
	o.lba = 200;
	o.count = 64;
	o.data.buf = wb;
	ret = nvt_ns_write(ns, q, &o);
	if (!ret)
		ret = nvt_qpair_waitdone(q, 1, 5000, NULL);
	if (!ret)
		ret = nvt_qpair_latest_status(q);
	if (!ret) {
		o.data.buf = rb;
		ret = nvt_ns_read(ns, q, &o);
	}
	if (!ret)
		ret = nvt_qpair_waitdone(q, 1, 5000, NULL);
	if (!ret)
		ret = nvt_qpair_latest_status(q);
	CHECK(&c, ret == 0 && !memcmp(nvt_buf_data(wb), nvt_buf_data(rb),
				      nvt_ns_data_bytes(ns, 64)),
	      "64 LBAs written and read back verified and equal: %d", ret);
	nvt_qpair_delete(q);
	nvt_buf_free(wb);
	nvt_buf_free(rb);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}

static int surprise(const char *bdf, const char *port, bool remove)
{
	struct nvt_ctrl_opts co;
	struct nvt_qpair_opts qo;
	struct nvt_qpair_opts qo2;
	struct nvt_worker *w[2] = { NULL, NULL };
	struct nvt_worker_result r;
	struct nvt_buf *big = NULL, *small = NULL, *tmp;
	struct reap rp = { 0 };
	struct nvt_pcie *pcie = NULL;
	struct nvt_ctrl *ctrl = NULL;
	struct nvt_qpair *q, *q2;
	struct nvt_ns *ns = NULL;
	pthread_t th;
	uint64_t t_cut, t_rm, t, took, v64;
	uint32_t v32 = 0;
	char err[512] = "", path[160];
	unsigned i, running = 2;
	int ret;

	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = QDEPTH + 1;
	qo.lazy_doorbell = true;
	if (nvt_pcie_open(bdf, &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, 1, &ns) ||
	    nvt_ns_datacheck_enable(ns, true, 0) ||
	    nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, WRITE_LBAS), &big) ||
	    nvt_buf_alloc(pcie, 4096, &small) ||
	    nvt_ctrl_set_timeout_all(ctrl, IO_TIMEOUT_MS) ||
	    nvt_ctrl_set_opcode_timeout(ctrl, NVT_ADMIN_IDENTIFY, false, TIMEOUT_MS) ||
	    nvt_qpair_create(ctrl, &qo, &q)) {
		printf("not ok 1 - set up: %s %s %s\n", err,
		       ctrl ? nvt_ctrl_error(ctrl) : "", ns ? nvt_ns_error(ns) : "");
		return 1;
	}
	nvt_buf_fill(big, NVT_PAT_RANDOM, 100);
	ret = start_worker(ns, true, &w[0]);
	if (!ret)
		ret = start_worker(ns, false, &w[1]);
	CHECK(&c, ret == 0, "a verified sequential writer and a random reader started: %s",
	      ret ? nvt_ctrl_error(ctrl) : "");
	if (ret)
		return check_exit(&c);
	sleep_ms(1000);

	/*
	 * Large writes outside the workers' region on a queue whose doorbell
	 * rings at its reap: armed in nvt, not yet seen by the controller.
	 */
	for (i = 0, ret = 0; !ret && i < QDEPTH; i++) {
		struct nvt_io o;

		memset(&o, 0, sizeof(o));
		o.lba = REGION_END + (uint64_t)i * WRITE_LBAS;
		o.count = WRITE_LBAS;
		o.data.buf = big;
		o.cb = reap_cpl;
		o.arg = &rp;
		ret = nvt_ns_write(ns, q, &o);
	}
	if (!ret)
		ret = nvt_qpair_flush(q);
	CHECK(&c, ret == 0, "%u writes of %u LBAs submitted on qpair %u (doorbell at reap): %s",
	      QDEPTH, WRITE_LBAS, nvt_qpair_id(q), ret ? nvt_ns_error(ns) : "");

	/* the cut */
	t_cut = now_ms();
	ret = cut_power(port);
	CHECK(&c, ret == 0, "power of %s's slot cut at its root port %s (no driver told): %d",
	      bdf, port, ret);
	if (ret)
		return check_exit(&c);
	ret = nvt_pcie_cfg_read(pcie, PCI_VENDOR_ID, 4, &v32);
	CHECK(&c, ret == 0 && v32 == 0xffffffff,
	      "its config space reads all ones now (vendor/device 0x%08x): %d", v32, ret);
	v64 = 0;
	ret = nvt_pcie_bar_read(pcie, 0, NVT_REG_CSTS, 4, &v64);
	printf("# BAR0 CSTS reads 0x%08llx after the cut (%d)\n", (unsigned long long)v64, ret);

	/* a reap that waits on the writes (it rings their doorbell) */
	rp.q = q;
	rp.count = QDEPTH;
	if (pthread_create(&th, NULL, reaper, &rp)) {
		CHECK(&c, 0, "reap thread");
		return check_exit(&c);
	}

	/* a command on the dead controller fails within its timeout */
	t = now_ms();
	ret = nvt_ctrl_identify(ctrl, small, 0, NVT_CNS_CTRL, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret)
		ret = nvt_ctrl_latest_status(ctrl);
	CHECK(&c, ret != 0 && now_ms() - t < TIMEOUT_MS + SLACK_MS,
	      "Identify on the dead controller fails after %llu ms: %d%s",
	      (unsigned long long)(now_ms() - t), ret, ret > 0 ? " (status)" : "");
	/* that timeout, on a function reading all ones, ends its I/O too */
	for (t = now_ms(); now_ms() - t < 2000; sleep_ms(50)) {
		running = nvt_worker_running(w[0]) + nvt_worker_running(w[1]);
		if (!running)
			break;
	}
	CHECK(&c, running == 0, "%llu ms after the cut (and that timeout) %u of 2 workers "
	      "still run, the reap %s", (unsigned long long)(now_ms() - t_cut), running,
	      rp.done ? "returned" : "waits");

	/* the PCI core removes the function, or nvt lets go of it */
	t_rm = now_ms();
	if (remove) {
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/remove", bdf);
		ret = sysfs_write_bounded(path, "1", 60000, &took);
	} else {
		ret = sysfs_write_bounded("/sys/bus/pci/drivers/nvt/unbind", bdf, 60000, &took);
	}
	CHECK(&c, ret == 0 && took < SLACK_MS,
	      "%s with /dev/nvt%u open, I/O outstanding, took %llu ms: %d",
	      remove ? "the PCI core's remove of the function" : "unbinding nvt from it",
	      nvt_pcie_info(pcie)->minor, (unsigned long long)took, ret);
	if (ret)
		return check_exit(&c);

	/* the waiting reap ends */
	while (!rp.done && now_ms() - t_rm < SLACK_MS)
		sleep_ms(50);
	CHECK(&c, rp.done, "the waiting reap returned %llu ms after the cut (the %s was "
	      "at %llu ms): %d (%s); %u writes succeeded, %u failed (last status 0x%03x)",
	      (unsigned long long)((rp.done ? rp.end_ms : now_ms()) - t_cut),
	      remove ? "removal" : "unbind", (unsigned long long)(t_rm - t_cut),
	      rp.ret, rp.ret ? strerror(-rp.ret) : "", rp.ok, rp.failed, rp.status);
	if (!rp.done)
		return check_exit(&c);	/* a hang: the test's time limit ends it */
	pthread_join(th, NULL);
	CHECK(&c, rp.ok == 0, "none of the writes the controller never saw succeeded");

	/* the workers end, their results are kept */
	for (i = 0; i < 2; i++) {
		while (nvt_worker_running(w[i]) && now_ms() - t_rm < SLACK_MS)
			sleep_ms(50);
		t = now_ms();
		ret = nvt_worker_close(w[i], &r);
		CHECK(&c, ret == 0 && r.error != 0 && (i ? r.io_count_read : r.io_count_write) > 0 &&
		      t - t_rm < SLACK_MS,
		      "the %s has ended (closed %llu ms after the cut) with error 0x%03x "
		      "after %llu %s: %d (%s)",
		      i ? "reader" : "writer", (unsigned long long)(t - t_cut), r.error,
		      (unsigned long long)(i ? r.io_count_read : r.io_count_write),
		      i ? "reads" : "writes", ret, ret ? strerror(-ret) : "");
		if (!ret)
			nvt_worker_result_free(&r);
	}

	/* what is left answers ENODEV */
	ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CSTS, &v32);
	CHECK(&c, gone_errno(ret), "a register read answers %d (%s)", ret, strerror(-ret));
	ret = nvt_pcie_cfg_read(pcie, PCI_VENDOR_ID, 4, &v32);
	CHECK(&c, gone_errno(ret), "a config read answers %d (%s)", ret, strerror(-ret));
	ret = nvt_buf_alloc(pcie, 4096, &tmp);
	CHECK(&c, gone_errno(ret), "a buffer allocation answers %d (%s)", ret, strerror(-ret));
	if (!ret)
		nvt_buf_free(tmp);
	ret = nvt_ctrl_identify(ctrl, small, 0, NVT_CNS_CTRL, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	CHECK(&c, gone_errno(ret), "an admin command answers %d (%s)", ret, strerror(-ret));
	nvt_qpair_opts_init(&qo2, sizeof(qo2));
	qo2.depth = 8;
	ret = nvt_qpair_create(ctrl, &qo2, &q2);
	CHECK(&c, gone_errno(ret), "a qpair creation answers %d (%s)", ret, strerror(-ret));
	if (!ret)
		nvt_qpair_delete(q2);
	ret = start_worker(ns, false, &w[0]);
	CHECK(&c, gone_errno(ret), "a worker start answers %d (%s)", ret, strerror(-ret));
	if (!ret)
		nvt_worker_close(w[0], &r);

	t = now_ms();
	nvt_qpair_delete(q);
	nvt_buf_free(big);
	nvt_buf_free(small);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	CHECK(&c, now_ms() - t < SLACK_MS, "everything closed in %llu ms",
	      (unsigned long long)(now_ms() - t));
	return check_exit(&c);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc == 3 && !strcmp(argv[2], "check"))
		return check_mode(argv[1]);
	if (argc == 4 && (!strcmp(argv[3], "remove") || !strcmp(argv[3], "unbind")))
		return surprise(argv[1], argv[2], !strcmp(argv[3], "remove"));
	fprintf(stderr, "usage: %s BDF ROOT-PORT remove|unbind\n"
		"       %s BDF check\n", argv[0], argv[0]);
	return 2;
}
