// SPDX-License-Identifier: MIT
/* nvt info: registers, PCI facts and an identify summary of one device. */
#include <stdio.h>
#include <string.h>
#include <linux/pci_regs.h>

#include <nvt/nvt.h>

#include "commands.h"
#include "sysfs.h"

static void print_registers(struct nvt_pcie *p)
{
	uint64_t cap = 0, vs = 0, cc = 0, csts = 0, aqa = 0, asq = 0, acq = 0;
	uint64_t cmbloc = 0, cmbsz = 0;

	nvt_pcie_bar_read(p, 0, NVT_REG_CAP, 8, &cap);
	nvt_pcie_bar_read(p, 0, NVT_REG_VS, 4, &vs);
	nvt_pcie_bar_read(p, 0, NVT_REG_CC, 4, &cc);
	nvt_pcie_bar_read(p, 0, NVT_REG_CSTS, 4, &csts);
	nvt_pcie_bar_read(p, 0, NVT_REG_AQA, 4, &aqa);
	nvt_pcie_bar_read(p, 0, NVT_REG_ASQ, 8, &asq);
	nvt_pcie_bar_read(p, 0, NVT_REG_ACQ, 8, &acq);
	nvt_pcie_bar_read(p, 0, NVT_REG_CMBLOC, 4, &cmbloc);
	nvt_pcie_bar_read(p, 0, NVT_REG_CMBSZ, 4, &cmbsz);
	printf("registers:\n");
	printf("  CAP    0x%016llx  MQES %llu, CQR %llu, TO %llu ms, DSTRD %llu, NSSRS %llu, CSS 0x%02llx, MPSMIN %llu KiB, MPSMAX %llu KiB\n",
	       (unsigned long long)cap, NVT_CAP_MQES(cap) + 1ull,
	       (unsigned long long)NVT_CAP_CQR(cap),
	       (unsigned long long)NVT_CAP_TO_MS(cap),
	       (unsigned long long)NVT_CAP_DSTRD(cap),
	       (unsigned long long)NVT_CAP_NSSRS(cap),
	       (unsigned long long)NVT_CAP_CSS(cap),
	       4ull << NVT_CAP_MPSMIN(cap), 4ull << NVT_CAP_MPSMAX(cap));
	printf("  VS     0x%08llx          %llu.%llu.%llu\n",
	       (unsigned long long)vs, (unsigned long long)vs >> 16,
	       (unsigned long long)(vs >> 8) & 0xff,
	       (unsigned long long)vs & 0xff);
	printf("  CC     0x%08llx          EN %llu\n", (unsigned long long)cc,
	       (unsigned long long)cc & NVT_CC_EN);
	printf("  CSTS   0x%08llx          RDY %llu, CFS %llu, SHST %llu\n",
	       (unsigned long long)csts, (unsigned long long)csts & NVT_CSTS_RDY,
	       (unsigned long long)!!(csts & NVT_CSTS_CFS),
	       (unsigned long long)NVT_CSTS_SHST(csts));
	printf("  AQA    0x%08llx\n  ASQ    0x%016llx\n  ACQ    0x%016llx\n",
	       (unsigned long long)aqa, (unsigned long long)asq,
	       (unsigned long long)acq);
	printf("  CMBLOC 0x%08llx\n  CMBSZ  0x%08llx\n",
	       (unsigned long long)cmbloc, (unsigned long long)cmbsz);
}

static void print_pci(struct nvt_pcie *p)
{
	const struct nvt_info *i = nvt_pcie_info(p);
	static const char *const irq[] = { "none", "INTx", "MSI", "MSI-X" };
	uint32_t lnksta = 0, msixctl = 0;
	int pos;

	printf("pci:\n  %s  %04x:%04x (subsystem %04x:%04x) class %06x rev %02x\n",
	       nvt_pcie_bdf(p), i->vendor, i->device, i->subsystem_vendor,
	       i->subsystem_device, i->class_code, i->revision);
	printf("  BAR0 %llu KiB, interrupts %s x %u\n",
	       (unsigned long long)i->bar_len[0] / 1024,
	       irq[i->irq_type & 3], i->nr_vectors);
	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_EXP);
	if (pos > 0 && !nvt_pcie_cfg_read(p, pos + PCI_EXP_LNKSTA, 2, &lnksta))
		printf("  link: Gen%u x%u\n", lnksta & PCI_EXP_LNKSTA_CLS,
		       (lnksta & PCI_EXP_LNKSTA_NLW) >> PCI_EXP_LNKSTA_NLW_SHIFT);
	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_MSIX);
	if (pos > 0 && !nvt_pcie_cfg_read(p, pos + PCI_MSIX_FLAGS, 2, &msixctl))
		printf("  MSI-X table size %u\n", (msixctl & PCI_MSIX_FLAGS_QSIZE) + 1);
}

static const char *const summary[] = {
	"vid", "ssvid", "sn", "mn", "fr", "mdts", "cntlid", "ver", "oacs",
	"aerl", "lpa", "sqes", "cqes", "nn", "oncs", "vwc", "sgls", "subnqn",
};

static void print_identify(struct nvt_ctrl *ctrl)
{
	const struct nvt_id_field *tab, *f;
	size_t n, i;
	char s[260];
	uint64_t v;

	tab = nvt_id_ctrl_fields(&n);
	printf("identify controller:\n");
	for (i = 0; i < sizeof(summary) / sizeof(summary[0]); i++) {
		f = nvt_id_field_find(tab, n, summary[i]);
		if (!f)
			continue;
		if (f->is_string) {
			nvt_ctrl_id_str(ctrl, f->last, f->first, s, sizeof(s));
			printf("  %-7s %s\n", f->name, s);
		} else if (!nvt_ctrl_id_data(ctrl, f->last, f->first, &v)) {
			printf("  %-7s 0x%llx\n", f->name, (unsigned long long)v);
		}
	}
	printf("  max transfer %llu KiB\n",
	       (unsigned long long)nvt_ctrl_mdts(ctrl) / 1024);
}

static void print_namespaces(struct nvt_ctrl *ctrl)
{
	struct nvt_buf *buf;
	unsigned i;

	printf("namespaces: %u active\n", nvt_ctrl_ns_count(ctrl));
	if (nvt_buf_alloc(nvt_ctrl_pcie(ctrl), 4096, &buf))
		return;
	for (i = 0; i < nvt_ctrl_ns_count(ctrl); i++) {
		uint32_t nsid = nvt_ctrl_ns_id(ctrl, i);
		uint64_t nsze = 0, flbas = 0, lbaf = 0;

		if (nvt_ctrl_identify(ctrl, buf, nsid, NVT_CNS_NS, 0, 0, NULL, NULL) ||
		    nvt_ctrl_waitdone(ctrl, 1, NULL) ||
		    nvt_ctrl_latest_status(ctrl))
			continue;
		nvt_buf_get_int(buf, NVT_IDNS_NSZE, NVT_IDNS_NSZE + 7, &nsze);
		nvt_buf_get_int(buf, NVT_IDNS_FLBAS, NVT_IDNS_FLBAS, &flbas);
		flbas = NVT_FLBAS_INDEX(flbas);
		nvt_buf_get_int(buf, NVT_IDNS_LBAF + 4 * flbas,
				NVT_IDNS_LBAF + 4 * flbas + 3, &lbaf);
		printf("  nsid %u: %llu blocks of %u B + %llu B metadata (format %llu)\n",
		       nsid, (unsigned long long)nsze, 1u << ((lbaf >> 16) & 0xff),
		       (unsigned long long)lbaf & 0xffff,
		       (unsigned long long)flbas);
	}
	nvt_buf_free(buf);
}

/*
 * The function's place in SR-IOV: a PF and its VFs, or a VF and its PF.
 * True for a VF.
 */
static bool print_sriov(const char *bdf)
{
	struct nvme_function d, vf;
	char vbdf[16];
	int i;

	if (tool_scan_one(bdf, &d))
		return false;
	if (d.physfn[0]) {
		printf("sr-iov: VF %u of PF %s\n", d.vfid, d.physfn);
		return true;
	}
	if (!d.totalvfs)
		return false;
	printf("sr-iov: PF, %d of %d VFs enabled\n", d.numvfs, d.totalvfs);
	for (i = 1; i <= d.numvfs; i++) {
		if (tool_vf_bdf(d.bdf, i, vbdf, sizeof(vbdf)) ||
		    tool_scan_one(vbdf, &vf))
			continue;
		printf("  VF %d: %s  driver %s  %s\n", i, vf.bdf,
		       vf.driver[0] ? vf.driver : "-",
		       vf.nvt[0] ? vf.nvt : vf.nvme[0] ? vf.nvme : "-");
	}
	return false;
}

/* A primary controller's resources and its secondary controllers. */
static void print_virt(struct nvt_ctrl *ctrl)
{
	struct nvt_secondary_ctrl sec[NVT_SCL_MAX_ENTRIES];
	struct nvt_primary_cap cap;
	unsigned n, i;

	if (nvt_ctrl_primary_cap(ctrl, &cap))
		return;
	printf("primary controller %u: VQ %u private + %u flexible (%u assigned, at most %u each); VI %u private + %u flexible (%u assigned, at most %u each)\n",
	       cap.cntlid, cap.vqprt, cap.vqfrt, cap.vqrfa, cap.vqfrsm,
	       cap.viprt, cap.vifrt, cap.virfa, cap.vifrsm);
	if (nvt_ctrl_secondary_list(ctrl, 0, sec, NVT_SCL_MAX_ENTRIES, &n))
		return;
	for (i = 0; i < n && i < NVT_SCL_MAX_ENTRIES; i++)
		printf("  secondary %u: VF %u, %s, VQ %u, VI %u\n", sec[i].scid,
		       sec[i].vfn, sec[i].online ? "online" : "offline",
		       sec[i].nvq, sec[i].nvi);
}

int nvt_tool_info(int argc, char **argv)
{
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	char err[512];
	bool is_vf;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: nvt info [BDF]\n");
		return 2;
	}
	if (nvt_need_root("info"))
		return 1;
	if (nvt_pcie_open(argc == 2 ? argv[1] : NULL, &pcie, err, sizeof(err))) {
		fprintf(stderr, "nvt info: %s\n", err);
		return 1;
	}
	print_pci(pcie);
	is_vf = print_sriov(nvt_pcie_bdf(pcie));
	/* identify needs a working admin queue: the standard init gives one */
	if (nvt_ctrl_open(pcie, NULL, &ctrl, err, sizeof(err))) {
		print_registers(pcie);
		fprintf(stderr, "nvt info: %s\n", err);
		if (is_vf)
			fprintf(stderr, "nvt info: a VF's controller enables only once its secondary controller has resources and is online (Virtualization Management on the PF)\n");
		nvt_pcie_close(pcie);
		return 1;
	}
	print_registers(pcie);
	print_identify(ctrl);
	print_namespaces(ctrl);
	print_virt(ctrl);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return 0;
}
