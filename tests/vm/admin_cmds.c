// SPDX-License-Identifier: MIT
/*
 * Bench test of libnvt's Controller: standard and custom init, identify
 * fields, features, log pages and their error statuses, callbacks,
 * warnings, AER, timeouts, reset and the command log.
 *
 * usage: admin_cmds BDF PROFILE
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>
#include "check.h"

static struct checks c;
/*
 * Number of Queues as the controller allocated them: Set Features answers
 * the allocation in dword 0 (NVMe Base 2.0, 5.27.1.5), which does not change
 * until a Controller Level Reset; Get Features reads the same.
 */
static uint32_t queues;

struct warnings {
	unsigned count;
	char last[512];
	unsigned aer;
};

static void collect(void *arg, const char *msg)
{
	struct warnings *w = arg;

	w->count++;
	snprintf(w->last, sizeof(w->last), "%s", msg);
	if (strstr(msg, "AER notification is triggered"))
		w->aer++;
	printf("  warning: %s\n", msg);
}

struct cb_seen {
	unsigned calls;
	uint32_t dw0;
	uint16_t status;
};

static void on_cpl(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe, void *arg)
{
	struct cb_seen *s = arg;

	(void)ctrl;
	s->calls++;
	s->dw0 = cqe->dw[0];
	s->status = cqe->status;
}

static int custom_calls;

static int lazy_init(struct nvt_ctrl *ctrl, void *arg)
{
	int ret;

	(void)arg;
	custom_calls++;
	ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, 0);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, false);
	if (!ret)
		ret = nvt_ctrl_init_adminq(ctrl, 16, true);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC,
					   NVT_CC_ENTRY_SIZES | NVT_CC_EN);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, true);
	if (!ret)
		ret = nvt_ctrl_init_ns(ctrl);
	return ret;
}

static int failing_init(struct nvt_ctrl *ctrl, void *arg)
{
	(void)ctrl;
	(void)arg;
	return -EPROTO;
}

static void identify(struct nvt_ctrl *ctrl, const char *profile)
{
	char mn[48], sn[32], fr[16];
	uint64_t v, mdts;
	unsigned want = strcmp(profile, "multi") ? 1 : 4;

	nvt_ctrl_id_str(ctrl, NVT_IDC_MN + 39, NVT_IDC_MN, mn, sizeof(mn));
	nvt_ctrl_id_str(ctrl, NVT_IDC_SN + 19, NVT_IDC_SN, sn, sizeof(sn));
	nvt_ctrl_id_str(ctrl, NVT_IDC_FR + 7, NVT_IDC_FR, fr, sizeof(fr));
	CHECK(&c, !strcmp(mn, "QEMU NVMe Ctrl") && sn[0] && fr[0],
	      "identify: mn '%s', sn '%s', fr '%s'", mn, sn, fr);
	CHECK(&c, nvt_ctrl_id_field(ctrl, "vid", &v) == 0 && v == 0x1b36,
	      "id field vid 0x%llx", (unsigned long long)v);
	nvt_ctrl_id_field(ctrl, "mdts", &mdts);
	/* the multi profile raises MDTS to 4 MiB for chained PRP lists */
	CHECK(&c, mdts == (strcmp(profile, "multi") ? 7u : 10u) &&
	      nvt_ctrl_mdts(ctrl) == 4096ull << mdts,
	      "mdts %llu -> %llu bytes", (unsigned long long)mdts,
	      (unsigned long long)nvt_ctrl_mdts(ctrl));
	CHECK(&c, nvt_ctrl_id_field(ctrl, "mn", &v) == -EINVAL &&
	      strstr(nvt_ctrl_error(ctrl), "string"),
	      "mn as an integer -> EINVAL: %s", nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_id_field(ctrl, "bogus", &v) == -ENOENT,
	      "unknown field -> ENOENT: %s", nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_id_data(ctrl, 10, 2, &v) == -EINVAL,
	      "9-byte field as int -> EINVAL");
	CHECK(&c, nvt_ctrl_ns_count(ctrl) == want && nvt_ctrl_ns_id(ctrl, 0) == 1,
	      "%u active namespaces (profile %s)", nvt_ctrl_ns_count(ctrl),
	      profile);
}

static void features(struct nvt_ctrl *ctrl, struct warnings *w)
{
	struct cb_seen seen = { 0 }, set = { 0 };
	uint32_t dw0 = 0;
	unsigned before;
	int ret;

	/* the request of the standard init again: no I/O queue exists yet */
	ret = nvt_ctrl_setfeatures(ctrl, 7, false, 0xfffefffe, 0, 0, NULL, on_cpl,
				   &set);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	queues = set.dw0;
	CHECK(&c, ret == 0 && set.calls == 1 && set.status == 0,
	      "Set Features Number of Queues: %u SQs, %u CQs allocated",
	      (queues & 0xffff) + 1, (queues >> 16) + 1);
	ret = nvt_ctrl_getfeatures(ctrl, 7, 0, 0, 0, NULL, on_cpl, &seen);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, &dw0);
	CHECK(&c, ret == 0 && dw0 == queues,
	      "Get Features Number of Queues reads the allocation: dw0 0x%08x", dw0);
	CHECK(&c, seen.calls == 1 && seen.dw0 == dw0 && seen.status == 0,
	      "callback got the CQE (dw0 0x%08x)", seen.dw0);
	CHECK(&c, nvt_ctrl_latest_latency(ctrl) > 0 &&
	      nvt_ctrl_latest_status(ctrl) == 0,
	      "latest cid %u, latency %u us", nvt_ctrl_latest_cid(ctrl),
	      nvt_ctrl_latest_latency(ctrl));

	/* temperature threshold round trip */
	nvt_ctrl_setfeatures(ctrl, 4, false, 0x150, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_getfeatures(ctrl, 4, 0, 0, 0, NULL, NULL, NULL);
	CHECK(&c, nvt_ctrl_waitdone(ctrl, 2, &dw0) == 0 && (dw0 & 0xffff) == 0x150,
	      "temperature threshold set and read back: 0x%x", dw0 & 0xffff);
	nvt_ctrl_setfeatures(ctrl, 4, false, 0x157, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_waitdone(ctrl, 1, NULL);

	before = w->count;
	nvt_ctrl_getfeatures(ctrl, 0x7f, 0, 0, 0, NULL, on_cpl, &seen);
	nvt_ctrl_waitdone(ctrl, 1, NULL);
	CHECK(&c, seen.status == 0x002 && nvt_ctrl_latest_status(ctrl) == 0x002,
	      "invalid FID -> 00/02");
	CHECK(&c, w->count == before + 1 && strstr(w->last, "ERROR status: 00/02"),
	      "and a warning: %s", w->last);
	CHECK(&c, nvt_ctrl_getfeatures(ctrl, 7, 8, 0, 0, NULL, NULL, NULL) == -EINVAL,
	      "SEL 8 -> EINVAL before sending: %s", nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_waitdone(ctrl, 1, NULL) == -EINVAL,
	      "waitdone with nothing outstanding -> EINVAL: %s",
	      nvt_ctrl_error(ctrl));
}

static void log_pages(struct nvt_ctrl *ctrl, struct nvt_pcie *p)
{
	struct nvt_buf *buf;
	uint64_t temp = 0;

	if (nvt_buf_alloc(p, 4096, &buf)) {
		CHECK(&c, 0, "log buffer: %s", nvt_pcie_error(p));
		return;
	}
	CHECK(&c, nvt_ctrl_getlogpage(ctrl, 2, buf, 512, 0, 0xffffffff, 0, false,
				      NULL, NULL) == 0 &&
	      nvt_ctrl_waitdone(ctrl, 1, NULL) == 0 &&
	      nvt_ctrl_latest_status(ctrl) == 0,
	      "SMART log page");
	nvt_buf_get_int(buf, 1, 2, &temp);
	CHECK(&c, temp > 273 && temp < 400, "composite temperature %llu K",
	      (unsigned long long)temp);
	nvt_ctrl_getlogpage(ctrl, 0x70, buf, 512, 0, 0, 0, false, NULL, NULL);
	nvt_ctrl_waitdone(ctrl, 1, NULL);
	/* the spec's answer is 01/09; QEMU 7.2 answers 00/02 */
	CHECK(&c, nvt_ctrl_latest_status(ctrl) == 0x109 ||
	      nvt_ctrl_latest_status(ctrl) == 0x002,
	      "invalid log page -> error status %02x/%02x",
	      nvt_ctrl_latest_status(ctrl) >> 8,
	      nvt_ctrl_latest_status(ctrl) & 0xff);
	CHECK(&c, nvt_ctrl_getlogpage(ctrl, 2, buf, 510, 0, 0, 0, false, NULL,
				      NULL) == -EINVAL &&
	      nvt_ctrl_outstanding(ctrl) == 0,
	      "size not in dwords -> EINVAL, nothing sent: %s",
	      nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_getlogpage(ctrl, 2, buf, 8192, 0, 0, 0, false, NULL,
				      NULL) == -EINVAL,
	      "size over the buffer -> EINVAL: %s", nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_getlogpage(ctrl, 1, buf, 64, 0, 0, 0, false, NULL,
				      NULL) == 0 &&
	      nvt_ctrl_waitdone(ctrl, 1, NULL) == 0 &&
	      nvt_ctrl_latest_status(ctrl) == 0, "error log page");
	nvt_buf_free(buf);
}

static void aer_and_timeout(struct nvt_ctrl *ctrl, struct warnings *w)
{
	uint32_t last = 0;
	unsigned i;

	nvt_ctrl_setfeatures(ctrl, 0x0b, false, 0x2, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_setfeatures(ctrl, 4, false, 0x100, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_waitdone(ctrl, 2, NULL);
	/* the AER completes on its own time: helper commands reap it */
	for (i = 0; i < 20 && !w->aer; i++) {
		nvt_ctrl_getfeatures(ctrl, 7, 0, 0, 0, NULL, NULL, NULL);
		nvt_ctrl_waitdone(ctrl, 1, NULL);
	}
	CHECK(&c, w->aer >= 1 && nvt_ctrl_aer_count(ctrl, &last) >= 1 &&
	      (last & 7) == 1, "AER warning for the SMART event 0x%x", last);
	nvt_ctrl_setfeatures(ctrl, 4, false, 0x157, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_waitdone(ctrl, 1, NULL);

	CHECK(&c, nvt_ctrl_set_opcode_timeout(ctrl, NVT_ADMIN_GET_FEATURES, false,
					      0) == -EINVAL,
	      "timeout 0 -> EINVAL: %s", nvt_ctrl_error(ctrl));
	CHECK(&c, nvt_ctrl_set_opcode_timeout(ctrl, NVT_ADMIN_GET_FEATURES, false,
					      3600001) == -EINVAL,
	      "timeout over an hour -> EINVAL");
	CHECK(&c, nvt_ctrl_set_timeout_all(ctrl, 30000) == 0 &&
	      nvt_ctrl_set_opcode_timeout(ctrl, NVT_ADMIN_FORMAT_NVM, false,
					  60000) == 0,
	      "global and per-opcode timeouts set");
}

static void cmdlog(struct nvt_ctrl *ctrl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int n = nvt_ctrl_cmdlog(ctrl, 0, 200, f);

	fclose(f);
	CHECK(&c, n > 5 && strstr(text, "Identify, sqid: 0]") &&
	      strstr(text, "[cpl: SUCCESS]") &&
	      strstr(text, "Get Log Page, sqid: 0]") &&
	      strstr(text, "[cpl: Invalid Field in Command]"),
	      "cmdlog: %d entries with names and statuses", n);
	free(text);
	CHECK(&c, nvt_ctrl_cmdlog(ctrl, 9, 10, stdout) == -ENOENT,
	      "cmdlog of a missing queue -> ENOENT: %s", nvt_ctrl_error(ctrl));
}

static void resets(struct nvt_pcie *p, struct nvt_ctrl *ctrl)
{
	struct nvt_ctrl_opts opts;
	struct nvt_ctrl *c2;
	char err[512];
	uint32_t csts = 0, dw0 = 0;
	struct cb_seen seen = { 0 };

	CHECK(&c, nvt_ctrl_getfeatures(ctrl, 7, 0, 0, 0, NULL, on_cpl, &seen) == 0 &&
	      nvt_ctrl_reset(ctrl) == 0, "reset with a command outstanding");
	nvt_ctrl_reg_read32(ctrl, NVT_REG_CSTS, &csts);
	CHECK(&c, (csts & NVT_CSTS_RDY) && nvt_ctrl_outstanding(ctrl) == 0,
	      "ready after reset, nothing outstanding (CSTS 0x%x)", csts);
	CHECK(&c, nvt_ctrl_getfeatures(ctrl, 7, 0, 0, 0, NULL, NULL, NULL) == 0 &&
	      nvt_ctrl_waitdone(ctrl, 1, &dw0) == 0 && dw0 == queues,
	      "commands work after reset (the same Number of Queues)");
	nvt_ctrl_close(ctrl);

	nvt_ctrl_opts_init(&opts, sizeof(opts));
	opts.init = lazy_init;
	CHECK(&c, nvt_ctrl_open(p, &opts, &c2, err, sizeof(err)) == 0 &&
	      custom_calls == 1, "custom init function (lazy doorbell, depth 16)");
	if (!c2)
		return;
	nvt_ctrl_getfeatures(c2, 7, 0, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_getfeatures(c2, 7, 0, 0, 0, NULL, NULL, NULL);
	nvt_ctrl_getfeatures(c2, 7, 0, 0, 0, NULL, NULL, NULL);
	CHECK(&c, nvt_ctrl_waitdone(c2, 3, &dw0) == 0 && dw0 == queues,
	      "three commands, one lazy doorbell, all done");
	CHECK(&c, nvt_ctrl_reset(c2) == 0 && custom_calls == 2,
	      "reset runs the custom init again");
	nvt_ctrl_close(c2);

	opts.init = failing_init;
	CHECK(&c, nvt_ctrl_open(p, &opts, &c2, err, sizeof(err)) == -EPROTO &&
	      !c2 && strstr(err, "init"), "a failing init fails open: %s", err);
}

int main(int argc, char **argv)
{
	struct warnings w = { 0 };
	struct nvt_ctrl_opts opts;
	struct nvt_pcie *p;
	struct nvt_ctrl *ctrl;
	char err[512];

	if (argc != 3) {
		fprintf(stderr, "usage: %s BDF PROFILE\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (nvt_pcie_open(argv[1], &p, err, sizeof(err))) {
		CHECK(&c, 0, "open: %s", err);
		return check_exit(&c);
	}
	nvt_ctrl_opts_init(&opts, sizeof(opts));
	opts.warn = collect;
	opts.warn_arg = &w;
	if (nvt_ctrl_open(p, &opts, &ctrl, err, sizeof(err))) {
		CHECK(&c, 0, "standard init: %s", err);
		return check_exit(&c);
	}
	CHECK(&c, 1, "standard init");
	identify(ctrl, argv[2]);
	features(ctrl, &w);
	log_pages(ctrl, p);
	aer_and_timeout(ctrl, &w);
	cmdlog(ctrl);
	resets(p, ctrl);	/* closes ctrl */
	nvt_pcie_close(p);
	return check_exit(&c);
}
