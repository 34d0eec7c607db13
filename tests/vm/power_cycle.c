// SPDX-License-Identifier: MIT
/*
 * Bench test of power cycles through the Subsystem (the bench's power
 * controller unplugs and plugs the QEMU controller): bad configurations
 * and a failing power controller get clear errors and leave the device
 * working; two verified ioworkers under a power cut end with 07/fe and
 * keep their results; the device comes back as the same /dev/nvtN, bound
 * to nvt, with the verification table and the buffers (same address, same
 * bytes); data written before the cut reads back verified.
 *
 * usage: power_cycle BDF   (NVT_POWER_OFF and NVT_POWER_ON set)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include "check.h"
#include "nsio.h"

#define KNOWN_LBAS	64		/* written before the cut, read after */
#define REGION_START	4096
#define REGION_END	65536		/* where the workers write */
#define CHUNK		256

static struct checks c;

static void bad_configurations(struct nvt_ctrl *ctrl)
{
	struct nvt_subsys_opts none, half;
	struct nvt_subsys *s;
	char err[256] = "";
	uint64_t cap = 0;
	int ret;

	nvt_subsys_opts_init(&none, sizeof(none));
	none.power_off = "";
	none.power_on = "";
	nvt_subsys_opts_init(&half, sizeof(half));
	half.power_off = "true";
	half.power_on = "";
	ret = nvt_subsys_open(ctrl, &half, &s, err, sizeof(err));
	CHECK(&c, ret == -EINVAL && strstr(err, "both"),
	      "power off without power on refused: %s", err);

	ret = nvt_subsys_open(ctrl, &none, &s, err, sizeof(err));
	CHECK(&c, ret == 0 && !nvt_subsys_has_power(s), "no power commands: no power control");
	if (ret)
		return;
	ret = nvt_subsys_power_off(s);
	CHECK(&c, ret == -ENOTSUP && strstr(nvt_subsys_error(s), "NVT_POWER_OFF"),
	      "power off without a power controller: %s", nvt_subsys_error(s));

	/* NSSR: QEMU 7.2 has CAP.NSSRS 0 */
	nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap);
	ret = nvt_subsys_reset(s);
	if (NVT_CAP_NSSRS(cap))
		CHECK(&c, ret == 0, "NVM subsystem reset: %s", nvt_subsys_error(s));
	else
		CHECK(&c, ret == -ENOTSUP && strstr(nvt_subsys_error(s), "NSSRS"),
		      "NVM subsystem reset refused (CAP.NSSRS 0): %s",
		      nvt_subsys_error(s));
	nvt_subsys_close(s);
}

/* A power controller whose command fails: the device stays as it was. */
static void failing_controller(struct nvt_ctrl *ctrl, struct nvt_ns *ns,
			       struct nvt_buf *buf)
{
	struct nvt_subsys_opts bad;
	struct nvt_qpair_opts qo;
	struct nvt_subsys *s;
	struct nvt_qpair *q;
	char err[256];
	int ret;

	nvt_subsys_opts_init(&bad, sizeof(bad));
	bad.power_off = "echo no power switch >&2; exit 3";
	bad.power_on = "true";
	if (nvt_subsys_open(ctrl, &bad, &s, err, sizeof(err))) {
		CHECK(&c, 0, "subsystem: %s", err);
		return;
	}
	ret = nvt_subsys_power_off(s);
	CHECK(&c, ret == -EIO && strstr(nvt_subsys_error(s), "exit status 3") &&
	      !nvt_subsys_powered_off(s),
	      "failing power-off command: %s", nvt_subsys_error(s));
	ret = nvt_subsys_power_on(s);
	CHECK(&c, ret == -EALREADY, "power on while on: %s", nvt_subsys_error(s));
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 8;
	ret = nvt_qpair_create(ctrl, &qo, &q);
	if (!ret) {
		ret = ns_io(ns, q, true, 0, KNOWN_LBAS, buf);
		nvt_qpair_delete(q);
	}
	CHECK(&c, ret == 0, "the device and its buffers still work after it: %d", ret);
	nvt_subsys_close(s);
}

static int start_workers(struct nvt_ns *ns, struct nvt_worker **w)
{
	struct nvt_worker_opts o;
	int ret;

	/* a verified writer and a verified reader over the same region */
	nvt_worker_opts_init(&o, sizeof(o));
	o.read_percentage = 0;
	o.region_start = REGION_START;
	o.region_end = REGION_END;
	o.time_ms = 30000;
	o.qdepth = 8;
	ret = nvt_worker_start(ns, &o, &w[0]);
	if (ret)
		return ret;
	o.read_percentage = 100;
	o.lba_random = 100;
	return nvt_worker_start(ns, &o, &w[1]);
}

int main(int argc, char **argv)
{
	struct nvt_ctrl_opts co;
	struct nvt_qpair_opts qo;
	unsigned char before[KNOWN_LBAS], after[KNOWN_LBAS];
	struct nvt_worker *w[2] = { NULL, NULL };
	struct nvt_worker_result r[2];
	struct nvt_buf *wbuf, *rbuf, *tmp;
	struct nvt_subsys *s;
	struct nvt_qpair *q, *old_q;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	uint8_t *wdata, *copy;
	uint64_t miscompares = 1, lba;
	unsigned minor, i, cycle;
	char err[512];
	int ret, bad;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, 1, &ns) ||
	    nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, CHUNK), &wbuf) ||
	    nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, CHUNK), &rbuf) ||
	    nvt_subsys_open(ctrl, NULL, &s, err, sizeof(err))) {
		printf("not ok 1 - open: %s %s\n", err, nvt_ctrl_error(ctrl));
		return 1;
	}
	minor = nvt_pcie_info(pcie)->minor;
	CHECK(&c, nvt_subsys_has_power(s), "the bench's power controller is configured");
	bad_configurations(ctrl);
	nvt_buf_fill(wbuf, NVT_PAT_RANDOM, 100);
	failing_controller(ctrl, ns, wbuf);

	for (cycle = 1; cycle <= 2; cycle++) {
		printf("# power cycle %u\n", cycle);
		ret = nvt_ns_datacheck_enable(ns, true, 0);
		nvt_qpair_opts_init(&qo, sizeof(qo));
		qo.depth = 16;
		if (!ret)
			ret = nvt_qpair_create(ctrl, &qo, &q);
		if (!ret) {
			nvt_buf_fill(wbuf, NVT_PAT_RANDOM, 100);
			ret = ns_io(ns, q, true, 0, KNOWN_LBAS, wbuf);
		}
		if (!ret)
			ret = ns_vtable(ns, "/tmp/vt-before", 0, KNOWN_LBAS, before);
		for (i = 0, bad = 0; !ret && i < KNOWN_LBAS; i++)
			bad += !before[i];
		CHECK(&c, ret == 0 && !bad, "%u LBAs written with verification (%d unknown): %d",
		      KNOWN_LBAS, bad, ret);
		ret = start_workers(ns, w);
		CHECK(&c, ret == 0, "two verified workers started: %s",
		      ret ? nvt_ctrl_error(ctrl) : "");
		if (ret)
			break;
		sleep_ms(1500);

		/* the buffers must come out the same, at the same place */
		wdata = nvt_buf_data(wbuf);
		copy = malloc(nvt_buf_length(wbuf));
		memcpy(copy, wdata, nvt_buf_length(wbuf));
		old_q = q;
		ret = nvt_subsys_power_off(s);
		CHECK(&c, ret == 0 && nvt_subsys_powered_off(s),
		      "power off under two workers: %s", ret ? nvt_subsys_error(s) : "");
		if (ret)
			break;
		snprintf(err, sizeof(err), "/sys/bus/pci/devices/%s", argv[1]);
		CHECK(&c, access(err, F_OK) != 0, "%s is off the bus", argv[1]);
		CHECK(&c, nvt_buf_data(wbuf) == wdata &&
		      !memcmp(wdata, copy, nvt_buf_length(wbuf)),
		      "the buffer keeps its address and bytes while off");
		ret = nvt_subsys_power_off(s);
		CHECK(&c, ret == -EALREADY, "power off while off: %s", nvt_subsys_error(s));
		ret = nvt_buf_alloc(pcie, 4096, &tmp);
		CHECK(&c, ret == -ENODEV, "no new DMA buffer while off: %s",
		      nvt_pcie_error(pcie));
		if (!ret)
			nvt_buf_free(tmp);
		ret = ns_io(ns, old_q, false, 0, 8, rbuf);
		CHECK(&c, ret < 0, "a read on a qpair of the old controller fails: %d (%s)",
		      ret, nvt_ns_error(ns));
		nvt_qpair_delete(old_q);

		for (i = 0; i < 2; i++) {
			ret = nvt_worker_close(w[i], &r[i]);
			CHECK(&c, ret == 0 && r[i].error == 0x7fe &&
			      r[i].io_count_read + r[i].io_count_write > 0,
			      "worker %u ends with 07/fe at the cut after %llu reads, %llu writes: %s",
			      i, (unsigned long long)r[i].io_count_read,
			      (unsigned long long)r[i].io_count_write,
			      ret ? nvt_ctrl_error(ctrl) : "");
			if (!ret)
				nvt_worker_result_free(&r[i]);
		}

		sleep_ms(200);
		ret = nvt_subsys_power_on(s);
		CHECK(&c, ret == 0 && !nvt_subsys_powered_off(s),
		      "power on: %s", ret ? nvt_subsys_error(s) : "");
		if (ret)
			break;
		CHECK(&c, nvt_pcie_info(pcie)->minor == minor,
		      "back as nvt%u (was nvt%u)", nvt_pcie_info(pcie)->minor, minor);
		CHECK(&c, nvt_buf_data(wbuf) == wdata &&
		      !memcmp(wdata, copy, nvt_buf_length(wbuf)),
		      "the buffer keeps its address and bytes after power on");
		free(copy);
		ret = nvt_ctrl_reset(ctrl);
		CHECK(&c, ret == 0, "controller reset after power on: %s",
		      nvt_ctrl_error(ctrl));
		if (ret)
			break;
		CHECK(&c, nvt_ns_datacheck_enabled(ns),
		      "verification is still on for namespace 1");
		ret = ns_vtable(ns, "/tmp/vt-after", 0, KNOWN_LBAS, after);
		CHECK(&c, ret == 0 && !memcmp(before, after, KNOWN_LBAS),
		      "the table kept the values of the %u LBAs written before", KNOWN_LBAS);

		ret = nvt_qpair_create(ctrl, &qo, &q);
		if (!ret)
			ret = ns_io(ns, q, false, 0, KNOWN_LBAS, rbuf);
		CHECK(&c, ret == 0 &&
		      !memcmp(nvt_buf_data(rbuf), nvt_buf_data(wbuf),
			      nvt_ns_data_bytes(ns, KNOWN_LBAS)),
		      "the LBAs written before the cut read back verified and equal: %d", ret);
		/* what the workers wrote: in-flight writes are unknown, the rest checked */
		for (lba = REGION_START; !ret && lba < REGION_END; lba += CHUNK)
			ret = ns_io(ns, q, false, lba, CHUNK, rbuf);
		nvt_ns_datacheck_miscompares(ns, &miscompares);
		CHECK(&c, ret == 0 && miscompares == 0,
		      "the workers' region reads back verified: status 0x%x, %llu miscompares",
		      ret, (unsigned long long)miscompares);
		/* the kept buffer is DMA memory again */
		ret = ns_io(ns, q, true, 100, 8, wbuf);
		CHECK(&c, ret == 0, "the kept buffer writes again: %d", ret);
		nvt_qpair_delete(q);
	}

	nvt_subsys_close(s);
	nvt_buf_free(wbuf);
	nvt_buf_free(rbuf);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
