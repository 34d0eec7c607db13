// SPDX-License-Identifier: MIT
/*
 * Bench test of the function and its link (NVT_IOC_PCIE through libnvt):
 * bad values refused; FLR and hot reset bring config space back (BAR0,
 * command register, MSI-X) and the controller's registers to their
 * defaults (CC.EN 0, CSTS.RDY 0, AQA/ASQ/ACQ 0), data written before reads
 * back verified and interrupts work after re-initializing; D3hot and back
 * to D0, with a command sent in D3hot that completes or times out; link
 * speed, width, target speed and retraining; ASPM on both ends.  Then
 * resets with I/O in flight: a controller reset, an FLR and a hot reset
 * under a verified writer at several delays after its first write, the writer
 * ends with 07/fe, its in-flight writes become unknown in the table, and
 * everything reads back verified (no data lost, no false miscompare).
 *
 * usage: pcie BDF [QDEPTH]   (QDEPTH: the writer's queue depth, default 8)
 */
#include <errno.h>
#include <linux/pci_regs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include <nvt/nvt.h>
#include "check.h"
#include "nsio.h"

#define KNOWN_LBAS	256		/* written before each reset */
#define REGION_START	8192		/* where the writer writes */
#define REGION_LBAS	8192
#define IO_LBAS		8		/* LBAs per write of the writer */
#define PARKED_LBA	1024		/* a write that is never rung */
#define CHUNK		256

static struct checks c;
static struct nvt_pcie *pcie;
static struct nvt_ctrl *ctrl;
static struct nvt_ns *ns;
static struct nvt_qpair *q;
static struct nvt_buf *wbuf, *rbuf;

static uint32_t cfg(unsigned offset, unsigned width)
{
	uint32_t v = 0xdeadbeef;

	if (nvt_pcie_cfg_read(pcie, offset, width, &v))
		printf("# cfg read 0x%x: %s\n", offset, nvt_pcie_error(pcie));
	return v;
}

static uint64_t reg(unsigned offset, unsigned width)
{
	uint64_t v = ~0ull;
	uint32_t v32;

	if (width == 8)
		nvt_ctrl_reg_read64(ctrl, offset, &v);
	else if (!nvt_ctrl_reg_read32(ctrl, offset, &v32))
		v = v32;
	return v;
}

/* One command of @count LBAs at @lba on the current qpair. */
static int io(bool write, uint64_t lba, uint32_t count, struct nvt_buf *buf)
{
	return ns_io(ns, q, write, lba, count, buf);
}

static int qpair_new(void)
{
	struct nvt_qpair_opts qo;

	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 16;
	return nvt_qpair_create(ctrl, &qo, &q);
}

/* The verification table's entries [@first, @first + @n). */
static int table(uint64_t first, size_t n, unsigned char *out)
{
	return ns_vtable(ns, "/tmp/pcie-vt", first, n, out);
}

static size_t unknown(const unsigned char *t, size_t n)
{
	size_t i, u = 0;

	for (i = 0; i < n; i++)
		u += !t[i];
	return u;
}

/* MSI-X table entry 0 as the function holds it, for the log. */
static void msix_entry0(const char *when)
{
	int msix = nvt_pcie_cap_offset(pcie, PCI_CAP_ID_MSIX);
	uint32_t t;
	uint64_t lo = 0, hi = 0, data = 0, ctl = 0;

	if (msix <= 0)
		return;
	t = cfg(msix + PCI_MSIX_TABLE, 4);
	nvt_pcie_bar_read(pcie, t & PCI_MSIX_TABLE_BIR, (t & PCI_MSIX_TABLE_OFFSET) + PCI_MSIX_ENTRY_LOWER_ADDR, 4, &lo);
	nvt_pcie_bar_read(pcie, t & PCI_MSIX_TABLE_BIR, (t & PCI_MSIX_TABLE_OFFSET) + PCI_MSIX_ENTRY_UPPER_ADDR, 4, &hi);
	nvt_pcie_bar_read(pcie, t & PCI_MSIX_TABLE_BIR, (t & PCI_MSIX_TABLE_OFFSET) + PCI_MSIX_ENTRY_DATA, 4, &data);
	nvt_pcie_bar_read(pcie, t & PCI_MSIX_TABLE_BIR, (t & PCI_MSIX_TABLE_OFFSET) + PCI_MSIX_ENTRY_VECTOR_CTRL, 4, &ctl);
	printf("# MSI-X entry 0 %s: addr 0x%llx%08llx data 0x%llx ctrl 0x%llx, flags 0x%x\n",
	       when, (unsigned long long)hi, (unsigned long long)lo,
	       (unsigned long long)data, (unsigned long long)ctl,
	       cfg(msix + PCI_MSIX_FLAGS, 2));
}

/* An admin command answered with an interrupt on vector 0? */
static bool admin_irq(void)
{
	uint64_t before = 0, after = 0;
	int ret, i;

	nvt_pcie_irq_count(pcie, 0, &before);
	ret = nvt_ctrl_identify(ctrl, rbuf, 0, NVT_CNS_CTRL, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	/* the handler may count it after the completion was polled */
	for (i = 0; i < 100 && after <= before; i++) {
		sleep_ms(1);
		nvt_pcie_irq_count(pcie, 0, &after);
	}
	return !ret && !nvt_ctrl_latest_status(ctrl) && after > before;
}

static void bad_values(void)
{
	struct nvt_pcie_ctl a = { .argsz = sizeof(a), .op = 99 };
	int fd = nvt_pcie_fd(pcie), ret;

	ret = nvt_pcie_d_state_set(pcie, 2);
	CHECK(&c, ret == -EINVAL, "D2 refused: %s", nvt_pcie_error(pcie));
	ret = nvt_pcie_link_speed_set(pcie, 9);
	CHECK(&c, ret == -EINVAL, "link speed 9 refused: %s", nvt_pcie_error(pcie));
	ret = nvt_pcie_aspm_set(pcie, 4);
	CHECK(&c, ret == -EINVAL, "ASPM 4 refused: %s", nvt_pcie_error(pcie));
	/* the module's own checks, past libnvt's */
	CHECK(&c, ioctl(fd, NVT_IOC_PCIE, &a) < 0 && errno == EINVAL,
	      "unknown op: EINVAL (%s)", strerror(errno));
	a.op = NVT_PCIE_D_STATE;
	a.value = 1;
	CHECK(&c, ioctl(fd, NVT_IOC_PCIE, &a) < 0 && errno == EINVAL,
	      "D1 through the ioctl: EINVAL (%s)", strerror(errno));
	a.op = NVT_PCIE_FLR;
	a.value = 0;
	a.flags = 1;
	CHECK(&c, ioctl(fd, NVT_IOC_PCIE, &a) < 0 && errno == EINVAL,
	      "FLR with a flag: EINVAL (%s)", strerror(errno));
	a.flags = 0;
	a.reserved = 1;
	CHECK(&c, ioctl(fd, NVT_IOC_PCIE, &a) < 0 && errno == EINVAL,
	      "reserved non-zero: EINVAL (%s)", strerror(errno));
	a.reserved = 0;
	a.op = NVT_PCIE_STATUS;
	a.value = 5;
	CHECK(&c, ioctl(fd, NVT_IOC_PCIE, &a) < 0 && errno == EINVAL,
	      "a value for STATUS: EINVAL (%s)", strerror(errno));
	CHECK(&c, reg(NVT_REG_CSTS, 4) & NVT_CSTS_RDY,
	      "the controller is still ready after the refusals");
}

/*
 * FLR or hot reset (@hot) of an idle, enabled controller: what comes back
 * and what is reset, then the controller initialized again.
 */
static void function_reset(bool hot)
{
	const char *what = hot ? "hot reset" : "FLR";
	uint32_t bar0 = cfg(PCI_BASE_ADDRESS_0, 4), cmd = cfg(PCI_COMMAND, 2);
	int msix = nvt_pcie_cap_offset(pcie, PCI_CAP_ID_MSIX);
	uint32_t msix_ctl = msix > 0 ? cfg(msix + PCI_MSIX_FLAGS, 2) : 0;
	unsigned char before[KNOWN_LBAS], after[KNOWN_LBAS];
	int ret;

	printf("# %s\n", what);
	nvt_buf_fill(wbuf, NVT_PAT_RANDOM, hot ? 7 : 3);
	ret = qpair_new();
	if (!ret)
		ret = io(true, 0, KNOWN_LBAS, wbuf);
	if (!ret)
		ret = table(0, KNOWN_LBAS, before);
	CHECK(&c, ret == 0 && !unknown(before, KNOWN_LBAS),
	      "%u LBAs written verified before the %s: %d", KNOWN_LBAS, what, ret);
	CHECK(&c, admin_irq(), "an admin command interrupts on vector 0 before the %s", what);
	msix_entry0("before");

	ret = hot ? nvt_pcie_hot_reset(pcie) : nvt_pcie_flr(pcie);
	CHECK(&c, ret == 0, "%s: %s", what, ret ? nvt_pcie_error(pcie) : "");
	if (ret) {
		nvt_qpair_delete(q);
		return;
	}
	CHECK(&c, cfg(PCI_BASE_ADDRESS_0, 4) == bar0 && cfg(PCI_COMMAND, 2) == cmd,
	      "BAR0 (0x%x) and the command register (0x%x) restored", bar0, cmd);
	if (msix > 0)
		CHECK(&c, cfg(msix + PCI_MSIX_FLAGS, 2) == msix_ctl &&
		      (msix_ctl & PCI_MSIX_FLAGS_ENABLE),
		      "MSI-X enabled again (0x%x)", cfg(msix + PCI_MSIX_FLAGS, 2));
	CHECK(&c, !reg(NVT_REG_CC, 4) && !(reg(NVT_REG_CSTS, 4) & NVT_CSTS_RDY),
	      "CC reads 0 (EN 0) and CSTS.RDY 0 after the %s (CC 0x%llx, CSTS 0x%llx)", what,
	      (unsigned long long)reg(NVT_REG_CC, 4), (unsigned long long)reg(NVT_REG_CSTS, 4));
	if (reg(NVT_REG_AQA, 4) && nvt_pcie_info(pcie)->vendor == 0x1b36)
		printf("# QEMU 7.2: AQA, ASQ and ACQ keep their values over the %s\n", what);
	else
		CHECK(&c, !reg(NVT_REG_AQA, 4) && !reg(NVT_REG_ASQ, 8) && !reg(NVT_REG_ACQ, 8),
		      "AQA, ASQ, ACQ reset to 0 (0x%llx 0x%llx 0x%llx)",
		      (unsigned long long)reg(NVT_REG_AQA, 4),
		      (unsigned long long)reg(NVT_REG_ASQ, 8),
		      (unsigned long long)reg(NVT_REG_ACQ, 8));
	ret = io(false, 0, 8, rbuf);
	CHECK(&c, ret != 0, "a read on a qpair of the controller before the %s fails: %d",
	      what, ret);
	nvt_qpair_delete(q);

	ret = nvt_ctrl_reset(ctrl);
	CHECK(&c, ret == 0, "controller initialized after the %s: %s", what,
	      nvt_ctrl_error(ctrl));
	if (ret)
		return;
	msix_entry0("after");
	CHECK(&c, admin_irq(), "an admin command interrupts on vector 0 after the %s", what);
	ret = table(0, KNOWN_LBAS, after);
	CHECK(&c, ret == 0 && !memcmp(before, after, KNOWN_LBAS),
	      "the verification table kept the LBAs written before");
	ret = qpair_new();
	if (!ret)
		ret = io(false, 0, KNOWN_LBAS, rbuf);
	CHECK(&c, ret == 0 && !memcmp(nvt_buf_data(rbuf), nvt_buf_data(wbuf),
				      nvt_ns_data_bytes(ns, KNOWN_LBAS)),
	      "data written before the %s reads back verified and equal: 0x%x", what, ret);
	nvt_qpair_delete(q);
}

static void d_states(void)
{
	unsigned state = 9;
	int pm = nvt_pcie_cap_offset(pcie, PCI_CAP_ID_PM), ret;
	uint16_t pmcsr;

	printf("# D-states\n");
	ret = nvt_pcie_d_state_get(pcie, &state);
	CHECK(&c, ret == 0 && state == 0, "D0 to begin with: %u", state);
	if (pm <= 0) {
		CHECK(&c, ret == -EOPNOTSUPP, "no PM capability: %s", nvt_pcie_error(pcie));
		return;
	}
	pmcsr = cfg(pm + PCI_PM_CTRL, 2);
	printf("# PM capability at 0x%x, PMC 0x%x, PMCSR 0x%x (No_Soft_Reset %u)\n", pm,
	       cfg(pm + PCI_PM_PMC, 2), pmcsr, !!(pmcsr & PCI_PM_CTRL_NO_SOFT_RESET));
	ret = qpair_new();
	CHECK(&c, ret == 0, "qpair: %s", nvt_ctrl_error(ctrl));
	if (ret)
		return;
	ret = nvt_pcie_d_state_set(pcie, 3);
	CHECK(&c, ret == 0, "D3hot: %s", ret ? nvt_pcie_error(pcie) : "");
	nvt_pcie_d_state_get(pcie, &state);
	CHECK(&c, state == 3 && (cfg(pm + PCI_PM_CTRL, 2) & PCI_PM_CTRL_STATE_MASK) == 3,
	      "PMCSR PowerState reads D3hot");
	/* a command in D3hot: completes (QEMU) or times out, never hangs */
	nvt_ctrl_set_opcode_timeout(ctrl, NVT_NVM_READ, true, 3000);
	ret = io(false, 0, 8, rbuf);
	printf("# a read sent in D3hot ended with 0x%x (0: completed, 0x7ff: timed out)\n",
	       ret);
	CHECK(&c, ret == 0 || ret == 0x7ff || ret == 0x7fe,
	      "a read in D3hot completes or times out: 0x%x", ret);
	nvt_ctrl_restore_timeouts(ctrl);
	ret = nvt_pcie_d_state_set(pcie, 0);
	CHECK(&c, ret == 0, "D0: %s", ret ? nvt_pcie_error(pcie) : "");
	nvt_pcie_d_state_get(pcie, &state);
	CHECK(&c, state == 0, "PMCSR PowerState reads D0");
	if (!(reg(NVT_REG_CC, 4) & NVT_CC_EN)) {
		printf("# D3hot -> D0 reset the function: initializing again\n");
		nvt_qpair_delete(q);
		ret = nvt_ctrl_reset(ctrl);
		if (!ret)
			ret = qpair_new();
		CHECK(&c, ret == 0, "controller initialized: %s", nvt_ctrl_error(ctrl));
		if (ret)
			return;
	}
	ret = io(false, 0, KNOWN_LBAS, rbuf);
	CHECK(&c, ret == 0, "reads work again in D0: 0x%x", ret);
	nvt_qpair_delete(q);
}

static void link(void)
{
	struct nvt_pcie_link l = { 0 }, l2 = { 0 };
	bool qemu = nvt_pcie_info(pcie)->vendor == 0x1b36;
	unsigned aspm, s, target;
	int ret;

	printf("# link\n");
	ret = nvt_pcie_link_info(pcie, &l);
	CHECK(&c, ret == 0, "link info: %s", ret ? nvt_pcie_error(pcie) : "");
	printf("# speed %u width x%u, max %u x%u, target %u, ASPM %u (up %u, both support %u)\n",
	       l.speed, l.width, l.max_speed, l.max_width, l.target_speed, l.aspm,
	       l.aspm_up, l.aspm_support);
	CHECK(&c, l.speed >= 1 && l.speed <= l.max_speed && l.width >= 1 &&
	      l.width <= l.max_width,
	      "the link runs within what LNKCAP allows");
	if (!l.target_speed) {
		ret = nvt_pcie_link_speed_set(pcie, 1);
		CHECK(&c, ret == -EOPNOTSUPP, "no PCIe port above: link speed refused: %s",
		      nvt_pcie_error(pcie));
		return;
	}
	target = l.target_speed;
	for (s = 1; s <= 2; s++) {
		ret = nvt_pcie_link_speed_set(pcie, s);
		nvt_pcie_link_info(pcie, &l2);
		if (ret == -EOPNOTSUPP) {
			printf("# speed %u not supported upstream: %s\n", s, nvt_pcie_error(pcie));
			continue;
		}
		if (!ret && l2.target_speed != s && qemu) {
			printf("# QEMU 7.2: the port's Target Link Speed stays %u (read-only)\n",
			       l2.target_speed);
			continue;
		}
		CHECK(&c, ret == 0 && l2.target_speed == s,
		      "target speed %u set and the link retrained (now speed %u): %s", s,
		      l2.speed, ret ? nvt_pcie_error(pcie) : "");
	}
	ret = nvt_pcie_link_speed_set(pcie, 7);
	CHECK(&c, ret == -EOPNOTSUPP, "speed 7 refused where the port lacks it: %s",
	      nvt_pcie_error(pcie));
	ret = nvt_pcie_link_speed_set(pcie, target);
	CHECK(&c, ret == 0, "target speed back to %u", target);

	for (aspm = 0; aspm <= 3; aspm++) {
		ret = nvt_pcie_aspm_set(pcie, aspm);
		if (aspm & ~l.aspm_support) {
			CHECK(&c, ret == -EOPNOTSUPP, "ASPM %u refused (supported %u): %s",
			      aspm, l.aspm_support, nvt_pcie_error(pcie));
			continue;
		}
		nvt_pcie_link_info(pcie, &l2);
		nvt_pcie_aspm_get(pcie, &s);
		if (!ret && aspm && !l2.aspm && !l2.aspm_up && qemu) {
			printf("# QEMU 7.2: ASPM Control stays 0 on both ends (read-only)\n");
			continue;
		}
		CHECK(&c, ret == 0 && l2.aspm == aspm && l2.aspm_up == aspm && s == aspm,
		      "ASPM %u on both ends (function %u, port %u)", aspm, l2.aspm,
		      l2.aspm_up);
	}
	nvt_pcie_aspm_set(pcie, l.aspm);
	ret = qpair_new();
	if (!ret)
		ret = io(false, 0, 8, rbuf);
	CHECK(&c, ret == 0, "I/O works after the link changes: 0x%x", ret);
	nvt_qpair_delete(q);
}

enum reset_kind { RESET_CTRL, RESET_FLR, RESET_HOT };
static const char *const reset_names[] = { "controller reset", "FLR", "hot reset" };

static int do_reset(enum reset_kind k)
{
	uint32_t cc;

	switch (k) {
	case RESET_FLR:
		return nvt_pcie_flr(pcie);
	case RESET_HOT:
		return nvt_pcie_hot_reset(pcie);
	default:
		if (nvt_ctrl_reg_read32(ctrl, NVT_REG_CC, &cc))
			return -EIO;
		return nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, cc & ~NVT_CC_EN);
	}
}

/* A reset @delay ms after a verified writer starts. */
static void reset_under_io(enum reset_kind k, unsigned delay, unsigned qdepth)
{
	static unsigned char t[REGION_LBAS];
	const char *what = reset_names[k];
	struct nvt_worker_opts o;
	struct nvt_qpair_opts qo;
	struct nvt_worker_result r;
	struct nvt_qpair *lq;
	struct nvt_worker *w;
	uint64_t lba, miscompares = 1;
	size_t u_before, u_after;
	unsigned i;
	int ret;

	printf("# %s %u ms into a verified writer at queue depth %u\n", what, delay, qdepth);
	/* every LBA of the region known before: what the reset loses shows */
	ret = qpair_new();
	nvt_buf_fill(wbuf, NVT_PAT_RANDOM, delay + k);
	for (lba = REGION_START; !ret && lba < REGION_START + REGION_LBAS; lba += CHUNK)
		ret = io(true, lba, CHUNK, wbuf);
	if (!ret)
		ret = table(REGION_START, REGION_LBAS, t);
	u_before = ret ? REGION_LBAS : unknown(t, REGION_LBAS);
	nvt_qpair_delete(q);
	CHECK(&c, ret == 0 && !u_before, "region written verified: %d, %zu unknown",
	      ret, u_before);
	if (ret)
		return;

	/*
	 * A write the controller never saw (its doorbell not rung): in flight
	 * for the driver, whose fate a reset makes unknown whatever QEMU does
	 * with the writes it did see.
	 */
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 4;
	qo.lazy_doorbell = true;
	ret = qpair_new();
	if (!ret)
		ret = io(true, PARKED_LBA, IO_LBAS, wbuf);
	nvt_qpair_delete(q);
	if (!ret)
		ret = nvt_qpair_create(ctrl, &qo, &lq);
	if (!ret) {
		struct nvt_io pw = { .lba = PARKED_LBA, .count = IO_LBAS };

		pw.data.buf = wbuf;
		pw.data.length = nvt_ns_data_bytes(ns, IO_LBAS);
		ret = nvt_ns_write(ns, lq, &pw);
		if (!ret)
			ret = nvt_qpair_flush(lq);	/* to nvt.ko, not rung */
	}
	CHECK(&c, ret == 0, "a write queued without its doorbell: %d %s", ret,
	      ret ? nvt_ns_error(ns) : "");
	if (ret)
		return;

	nvt_worker_opts_init(&o, sizeof(o));
	o.read_percentage = 0;
	o.lba_random = 100;
	o.io_size[0] = IO_LBAS;
	o.region_start = REGION_START;
	o.region_end = REGION_START + REGION_LBAS;
	o.time_ms = 20000;
	o.qdepth = qdepth;
	ret = nvt_worker_start(ns, &o, &w);
	CHECK(&c, ret == 0, "writer started: %s", ret ? nvt_ctrl_error(ctrl) : "");
	if (ret) {
		nvt_qpair_delete(lq);
		return;
	}
	/* the delay counts from its first completed write */
	for (i = 0; i < 5000; i++) {
		if (nvt_worker_iostat(w, &r) || r.io_count_write)
			break;
		sleep_ms(1);
	}
	sleep_ms(delay);
	ret = do_reset(k);
	CHECK(&c, ret == 0, "%s under I/O: %s", what, ret ? nvt_pcie_error(pcie) : "");
	ret = nvt_worker_close(w, &r);
	CHECK(&c, ret == 0 && r.error == 0x7fe,
	      "the writer ends with 07/fe after %llu writes: error 0x%x %s",
	      (unsigned long long)r.io_count_write, r.error,
	      ret ? nvt_ctrl_error(ctrl) : "");
	if (!ret)
		nvt_worker_result_free(&r);
	ret = table(REGION_START, REGION_LBAS, t);
	u_after = ret ? REGION_LBAS : unknown(t, REGION_LBAS);
	printf("# %zu LBAs unknown after the %s (writes in flight)\n", u_after, what);
	/*
	 * QEMU 7.2 finishes the writes it has started when it resets, and may
	 * post their completions before the driver aborts what is left: how
	 * many end unknown varies, none of them more than were in flight.
	 */
	CHECK(&c, ret == 0 && u_after <= (size_t)qdepth * IO_LBAS,
	      "at most the writes in flight became unknown: %zu LBAs, at most %u",
	      u_after, qdepth * IO_LBAS);
	ret = table(PARKED_LBA, IO_LBAS, t);
	CHECK(&c, ret == 0 && unknown(t, IO_LBAS) == IO_LBAS,
	      "the write queued but never rung before the %s is unknown (%zu of %u LBAs)",
	      what, ret ? 0 : unknown(t, IO_LBAS), IO_LBAS);
	nvt_qpair_delete(lq);

	ret = nvt_ctrl_reset(ctrl);
	CHECK(&c, ret == 0, "controller initialized after the %s: %s", what,
	      nvt_ctrl_error(ctrl));
	if (ret)
		return;
	ret = qpair_new();
	for (lba = 0; !ret && lba < KNOWN_LBAS; lba += CHUNK)
		ret = io(false, lba, CHUNK, rbuf);
	for (lba = REGION_START; !ret && lba < REGION_START + REGION_LBAS; lba += CHUNK)
		ret = io(false, lba, CHUNK, rbuf);
	if (!ret)
		ret = io(false, PARKED_LBA, IO_LBAS, rbuf);
	nvt_ns_datacheck_miscompares(ns, &miscompares);
	CHECK(&c, ret == 0 && miscompares == 0,
	      "everything reads back verified after the %s: 0x%x, %llu miscompares",
	      what, ret, (unsigned long long)miscompares);
	nvt_qpair_delete(q);
}

int main(int argc, char **argv)
{
	static const unsigned delays[] = { 0, 10, 100 };
	struct nvt_ctrl_opts co;
	unsigned qdepth = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 8, i;
	enum reset_kind k;
	char err[512] = "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[2], "d3hot")) {
		/* leave the function in D3hot: its release must bring it back */
		if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
		    nvt_pcie_d_state_set(pcie, 3)) {
			printf("not ok 1 - D3hot: %s %s\n", err,
			       pcie ? nvt_pcie_error(pcie) : "");
			return 1;
		}
		nvt_pcie_close(pcie);
		printf("ok 1 - left in D3hot\n");
		return 0;
	}
	if (argc < 2 || !qdepth) {
		fprintf(stderr, "usage: %s BDF [QDEPTH | d3hot]\n", argv[0]);
		return 2;
	}
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, 1, &ns) ||
	    nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, CHUNK), &wbuf) ||
	    nvt_buf_alloc(pcie, nvt_ns_data_bytes(ns, CHUNK), &rbuf) ||
	    nvt_ns_datacheck_enable(ns, true, 0)) {
		printf("not ok 1 - open: %s %s\n", err, ctrl ? nvt_ctrl_error(ctrl) : "");
		return 1;
	}
	bad_values();
	function_reset(false);
	function_reset(true);
	d_states();
	link();
	/* NVT_RESET_UNDER_IO=0 leaves them out (a controller that cannot take them) */
	if (!getenv("NVT_RESET_UNDER_IO") || strcmp(getenv("NVT_RESET_UNDER_IO"), "0")) {
		for (k = RESET_CTRL; k <= RESET_HOT; k++)
			for (i = 0; i < sizeof(delays) / sizeof(delays[0]); i++)
				reset_under_io(k, delays[i], qdepth);
	} else {
		printf("# resets under a writer not run (NVT_RESET_UNDER_IO=0)\n");
	}

	nvt_buf_free(wbuf);
	nvt_buf_free(rbuf);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
