// SPDX-License-Identifier: MIT
/*
 * Bench test of SR-IOV through nvt (t_18_sriov.sh runs it).
 *
 *   sriov PF VF flow   the PF's primary controller capabilities and
 *                      secondary controller list; the VF's controller does
 *                      not enable while its secondary controller is
 *                      offline; Virtualization Management errors (no
 *                      resources, too many, unknown controller, assign
 *                      while online); VQ/VI assigned, online; a detached
 *                      namespace attached to the VF's controller; verified
 *                      writes and reads through the VF; offline resets the
 *                      VF's controller; detach; the secondary left online
 *                      for "hold".
 *   sriov VF hold      opens the VF, enables its controller, makes a
 *                      qpair, says "holding" and waits until the VF is
 *                      removed under it (the VFs are disabled): exit 0
 *                      when every call then fails with ENODEV.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include "check.h"

#define VF_NSID		2	/* detached at boot (profile sriov) */
#define LBAS		64

static struct checks c;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

/* Send Virtualization Management and wait: its status or -errno. */
static int virt(struct nvt_ctrl *ctrl, uint8_t act, uint8_t rt,
		uint16_t cntlid, uint16_t nr)
{
	int ret = nvt_ctrl_virt_mgmt(ctrl, act, rt, cntlid, nr, NULL, NULL);

	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	return ret ? ret : nvt_ctrl_latest_status(ctrl);
}

static int attach(struct nvt_ctrl *ctrl, struct nvt_buf *buf, uint32_t nsid,
		  bool detach, uint16_t cntlid)
{
	int ret = nvt_ctrl_ns_attach(ctrl, nsid, detach, &cntlid, 1, buf,
				     NULL, NULL);

	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	return ret ? ret : nvt_ctrl_latest_status(ctrl);
}

/* The entry of virtual function @vfn in the secondary controller list. */
static int secondary(struct nvt_ctrl *ctrl, unsigned vfn,
		     struct nvt_secondary_ctrl *out, unsigned *count)
{
	struct nvt_secondary_ctrl list[NVT_SCL_MAX_ENTRIES];
	unsigned n, i;
	int ret = nvt_ctrl_secondary_list(ctrl, 0, list, NVT_SCL_MAX_ENTRIES,
					  &n);

	if (ret)
		return ret;
	if (count)
		*count = n;
	for (i = 0; i < n && i < NVT_SCL_MAX_ENTRIES; i++) {
		if (list[i].vfn == vfn) {
			*out = list[i];
			return 0;
		}
	}
	return -ENOENT;
}

static int io(struct nvt_ns *ns, struct nvt_qpair *q, bool write,
	      struct nvt_buf *buf)
{
	struct nvt_io o = { .lba = 0, .count = LBAS };
	int ret;

	o.data.buf = buf;
	o.data.length = nvt_ns_data_bytes(ns, LBAS);
	ret = write ? nvt_ns_write(ns, q, &o) : nvt_ns_read(ns, q, &o);
	if (!ret)
		ret = nvt_qpair_waitdone(q, 1, 5000, NULL);
	return ret ? ret : nvt_qpair_latest_status(q);
}

/* Verified writes and reads of namespace @nsid through the VF's controller. */
static void vf_io(struct nvt_pcie *vf, struct nvt_ctrl *ctrl, uint32_t nsid)
{
	struct nvt_buf *wbuf = NULL, *rbuf = NULL;
	struct nvt_qpair_opts qo;
	struct nvt_qpair *q = NULL;
	struct nvt_ns *ns = NULL;
	uint64_t miscompares = 1;
	int ret;

	ret = nvt_ns_open(ctrl, nsid, &ns);
	if (!CHECK(&c, !ret, "VF: namespace %u opens (%s)", nsid,
		   ret ? nvt_ctrl_error(ctrl) : "ok"))
		return;
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 16;
	ret = nvt_ns_datacheck_enable(ns, true, 0);
	if (!ret)
		ret = nvt_qpair_create(ctrl, &qo, &q);
	if (!ret)
		ret = nvt_buf_alloc(vf, nvt_ns_data_bytes(ns, LBAS), &wbuf);
	if (!ret)
		ret = nvt_buf_alloc(vf, nvt_ns_data_bytes(ns, LBAS), &rbuf);
	if (!CHECK(&c, !ret, "VF: verification on, a qpair and buffers (%s)",
		   ret ? nvt_ns_error(ns) : "ok"))
		goto out;
	nvt_buf_fill(wbuf, NVT_PAT_RANDOM, 100);
	ret = io(ns, q, true, wbuf);
	CHECK(&c, ret == 0, "VF: write %u LBAs: %d (%s)", LBAS, ret,
	      ret ? nvt_qpair_error(q) : "ok");
	ret = io(ns, q, false, rbuf);
	CHECK(&c, ret == 0, "VF: read them back: %d", ret);
	CHECK(&c, !memcmp(nvt_buf_data(wbuf), nvt_buf_data(rbuf),
			  nvt_ns_data_bytes(ns, LBAS)),
	      "VF: the data read is the data written");
	nvt_ns_datacheck_miscompares(ns, &miscompares);
	CHECK(&c, miscompares == 0, "VF: verification: %llu miscompares",
	      (unsigned long long)miscompares);
out:
	nvt_buf_free(wbuf);
	nvt_buf_free(rbuf);
	if (q)
		nvt_qpair_delete(q);
	nvt_ns_close(ns);
}

static bool has_ns(struct nvt_ctrl *ctrl, uint32_t nsid)
{
	unsigned i;

	for (i = 0; i < nvt_ctrl_ns_count(ctrl); i++)
		if (nvt_ctrl_ns_id(ctrl, i) == nsid)
			return true;
	return false;
}

static int flow(const char *pf_bdf, const char *vf_bdf)
{
	struct nvt_ctrl *pf = NULL, *vfc = NULL;
	struct nvt_pcie *pfp = NULL, *vfp = NULL;
	struct nvt_secondary_ctrl s;
	struct nvt_primary_cap cap;
	struct nvt_ctrl_opts co;
	struct nvt_buf *list;
	unsigned count = 0;
	uint64_t csts = 0;
	uint16_t scid;
	char err[512];
	int ret;

	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(pf_bdf, &pfp, err, sizeof(err)) ||
	    nvt_ctrl_open(pfp, &co, &pf, err, sizeof(err)) ||
	    nvt_buf_alloc(pfp, 4096, &list)) {
		printf("not ok 1 - open the PF %s: %s\n", pf_bdf, err);
		return 1;
	}
	ret = nvt_ctrl_primary_cap(pf, &cap);
	CHECK(&c, ret == 0, "PF: Identify Primary Controller Capabilities (%d)",
	      ret);
	printf("# cntlid %u crt 0x%x VQ: flexible %u assigned %u private %u max/secondary %u gran %u; VI: flexible %u assigned %u private %u max/secondary %u gran %u\n",
	       cap.cntlid, cap.crt, cap.vqfrt, cap.vqrfa, cap.vqprt, cap.vqfrsm,
	       cap.vqgran, cap.vifrt, cap.virfa, cap.viprt, cap.vifrsm,
	       cap.vigran);
	CHECK(&c, (cap.crt & (NVT_PCC_CRT_VQ | NVT_PCC_CRT_VI)) ==
		  (NVT_PCC_CRT_VQ | NVT_PCC_CRT_VI),
	      "PF: VQ and VI resource types (CRT 0x%x)", cap.crt);
	CHECK(&c, cap.vqfrt >= 2 && cap.vifrt >= 1 && cap.vqfrsm >= 2 &&
		  cap.vifrsm >= 1,
	      "PF: flexible resources for a secondary controller (VQ %u, VI %u)",
	      cap.vqfrt, cap.vifrt);

	ret = secondary(pf, 1, &s, &count);
	if (!CHECK(&c, ret == 0, "PF: the secondary controller list has VF 1 (%d, %u entries)",
		   ret, count))
		goto out;
	scid = s.scid;
	printf("# VF 1: secondary controller %u (primary %u), %s, VQ %u, VI %u\n",
	       scid, s.pcid, s.online ? "online" : "offline", s.nvq, s.nvi);
	CHECK(&c, s.pcid == cap.cntlid, "PF: its primary is the PF (%u)", s.pcid);
	CHECK(&c, !s.online, "PF: VF 1 starts offline");

	/* an offline secondary controller does not enable */
	ret = nvt_pcie_open(vf_bdf, &vfp, err, sizeof(err));
	if (!CHECK(&c, !ret, "VF %s opens (%s)", vf_bdf, ret ? err : "ok"))
		goto out;
	ret = nvt_ctrl_open(vfp, &co, &vfc, err, sizeof(err));
	CHECK(&c, ret == -EPROTO || ret == -ETIMEDOUT,
	      "VF: its controller does not enable while offline (%d: %s)", ret,
	      ret ? err : "it did");
	if (!ret)
		nvt_ctrl_close(vfc);
	vfc = NULL;

	/* the controller's answers to wrong requests */
	ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VQ, scid, 0);
	if (!ret)
		ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VI, scid, 0);
	CHECK(&c, ret == 0, "PF: take VF 1's resources back (assign 0): %d", ret);
	ret = virt(pf, NVT_VIRT_ACT_SEC_ONLINE, 0, scid, 0);
	CHECK(&c, ret == NVT_SC_INVALID_SEC_CTRL_STATE ||
		  ret == NVT_SC_INVALID_CTRL_RESOURCES,
	      "PF: online without resources: %03x (120h or 121h expected)",
	      ret);
	ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VQ, scid,
		   cap.vqfrsm + 1);
	CHECK(&c, ret == NVT_SC_INVALID_CTRL_RESOURCES,
	      "PF: more VQ than VQFRSM: %03x (121h expected)", ret);
	ret = virt(pf, NVT_VIRT_ACT_SEC_ONLINE, 0, 0x7ff0, 0);
	CHECK(&c, ret == NVT_SC_INVALID_CTRL_ID,
	      "PF: online of an unknown controller: %03x (11fh expected)", ret);

	/* resources, online */
	ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VQ, scid, 2);
	CHECK(&c, ret == 0, "PF: assign 2 VQ to VF 1: %d", ret);
	ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VI, scid, 1);
	CHECK(&c, ret == 0, "PF: assign 1 VI to VF 1: %d", ret);
	ret = secondary(pf, 1, &s, NULL);
	CHECK(&c, !ret && s.nvq == 2 && s.nvi == 1 && !s.online,
	      "PF: the list shows VQ %u, VI %u, offline", s.nvq, s.nvi);
	ret = nvt_ctrl_primary_cap(pf, &cap);
	CHECK(&c, !ret && cap.vqrfa >= 2 && cap.virfa >= 1,
	      "PF: VQRFA %u, VIRFA %u count them", cap.vqrfa, cap.virfa);
	ret = virt(pf, NVT_VIRT_ACT_SEC_ONLINE, 0, scid, 0);
	CHECK(&c, ret == 0, "PF: VF 1 online: %d", ret);
	ret = secondary(pf, 1, &s, NULL);
	CHECK(&c, !ret && s.online, "PF: the list shows it online");
	ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VQ, scid, 3);
	CHECK(&c, ret == NVT_SC_INVALID_SEC_CTRL_STATE,
	      "PF: assign while online: %03x (120h expected)", ret);

	/* a namespace of its own */
	ret = attach(pf, list, VF_NSID, false, scid);
	CHECK(&c, ret == 0, "PF: attach namespace %u to controller %u: %03x",
	      VF_NSID, scid, ret);
	ret = attach(pf, list, VF_NSID, false, scid);
	CHECK(&c, ret == NVT_SC_NS_ALREADY_ATTACHED,
	      "PF: attach it again: %03x (118h expected)", ret);

	ret = nvt_ctrl_open(vfp, &co, &vfc, err, sizeof(err));
	if (CHECK(&c, !ret, "VF: its controller enables once online (%s)",
		  ret ? err : "ok")) {
		CHECK(&c, has_ns(vfc, VF_NSID),
		      "VF: namespace %u is active on it (%u active)", VF_NSID,
		      nvt_ctrl_ns_count(vfc));
		vf_io(vfp, vfc, VF_NSID);
		nvt_ctrl_close(vfc);
	}

	/* offline: the VF's controller is reset */
	ret = virt(pf, NVT_VIRT_ACT_SEC_OFFLINE, 0, scid, 0);
	CHECK(&c, ret == 0, "PF: VF 1 offline: %d", ret);
	ret = secondary(pf, 1, &s, NULL);
	CHECK(&c, !ret && !s.online, "PF: the list shows it offline");
	ret = nvt_pcie_bar_read(vfp, 0, NVT_REG_CSTS, 4, &csts);
	CHECK(&c, !ret && !(csts & NVT_CSTS_RDY),
	      "VF: CSTS.RDY 0 after offline (CSTS 0x%llx)",
	      (unsigned long long)csts);
	ret = attach(pf, list, VF_NSID, true, scid);
	CHECK(&c, ret == 0, "PF: detach namespace %u: %03x", VF_NSID, ret);

	/* left online for the removal with the VF in use */
	ret = secondary(pf, 1, &s, NULL);
	printf("# after offline: VQ %u, VI %u\n", s.nvq, s.nvi);
	if (!ret && (s.nvq < 2 || !s.nvi)) {
		ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VQ, scid, 2);
		if (!ret)
			ret = virt(pf, NVT_VIRT_ACT_SEC_ASSIGN, NVT_VIRT_RT_VI,
				   scid, 1);
	}
	if (!ret)
		ret = virt(pf, NVT_VIRT_ACT_SEC_ONLINE, 0, scid, 0);
	CHECK(&c, ret == 0, "PF: VF 1 online again: %d", ret);
out:
	nvt_pcie_close(vfp);
	nvt_buf_free(list);
	nvt_ctrl_close(pf);
	nvt_pcie_close(pfp);
	return check_exit(&c);
}

static int hold(const char *vf_bdf)
{
	struct nvt_qpair_opts qo;
	struct nvt_qpair *q = NULL;
	struct nvt_ctrl_opts co;
	struct nvt_pcie *vfp;
	struct nvt_ctrl *ctrl;
	struct timespec ts = { 0, 100 * 1000000L };
	uint32_t csts;
	char err[512];
	int i, ret;

	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(vf_bdf, &vfp, err, sizeof(err)) ||
	    nvt_ctrl_open(vfp, &co, &ctrl, err, sizeof(err))) {
		printf("not ok 1 - open the VF %s: %s\n", vf_bdf, err);
		return 1;
	}
	nvt_qpair_opts_init(&qo, sizeof(qo));
	ret = nvt_qpair_create(ctrl, &qo, &q);
	CHECK(&c, !ret, "VF: a qpair (%s)", ret ? nvt_ctrl_error(ctrl) : "ok");
	printf("holding %s\n", vf_bdf);
	fflush(stdout);
	for (i = 0; i < 600 && nvt_pcie_alive(vfp); i++)
		nanosleep(&ts, NULL);
	CHECK(&c, !nvt_pcie_alive(vfp), "VF: removed under the open file");
	ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CSTS, &csts);
	CHECK(&c, ret == -ENODEV, "VF: a register read after it: %d (-ENODEV)",
	      ret);
	if (q)
		nvt_qpair_delete(q);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(vfp);
	return check_exit(&c);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && !strcmp(argv[3], "flow"))
		return flow(argv[1], argv[2]);
	if (argc == 3 && !strcmp(argv[2], "hold"))
		return hold(argv[1]);
	fprintf(stderr, "usage: %s PF VF flow | VF hold\n", argv[0]);
	return 2;
}
