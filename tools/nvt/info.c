// SPDX-License-Identifier: MIT
/* nvt info: registers, PCI facts and an identify summary of one device. */
#include <stdio.h>
#include <string.h>

#include <nvt/nvt.h>

#include "commands.h"

#define PCI_CAP_ID_EXP	0x10
#define PCI_CAP_ID_MSIX	0x11

static void print_registers(struct nvt_pcie *p)
{
	uint64_t cap = 0, vs = 0, cc = 0, csts = 0, aqa = 0, asq = 0, acq = 0;
	uint64_t cmbloc = 0, cmbsz = 0;

	nvt_pcie_bar_read(p, 0, 0x00, 8, &cap);
	nvt_pcie_bar_read(p, 0, 0x08, 4, &vs);
	nvt_pcie_bar_read(p, 0, 0x14, 4, &cc);
	nvt_pcie_bar_read(p, 0, 0x1c, 4, &csts);
	nvt_pcie_bar_read(p, 0, 0x24, 4, &aqa);
	nvt_pcie_bar_read(p, 0, 0x28, 8, &asq);
	nvt_pcie_bar_read(p, 0, 0x30, 8, &acq);
	nvt_pcie_bar_read(p, 0, 0x38, 4, &cmbloc);
	nvt_pcie_bar_read(p, 0, 0x3c, 4, &cmbsz);
	printf("registers:\n");
	printf("  CAP    0x%016llx  MQES %llu, CQR %llu, TO %llu ms, DSTRD %llu, NSSRS %llu, CSS 0x%02llx, MPSMIN %llu KiB, MPSMAX %llu KiB\n",
	       (unsigned long long)cap, (unsigned long long)(cap & 0xffff) + 1,
	       (unsigned long long)(cap >> 16) & 1,
	       (unsigned long long)((cap >> 24) & 0xff) * 500,
	       (unsigned long long)(cap >> 32) & 0xf,
	       (unsigned long long)(cap >> 36) & 1,
	       (unsigned long long)(cap >> 37) & 0xff,
	       4ull << ((cap >> 48) & 0xf), 4ull << ((cap >> 52) & 0xf));
	printf("  VS     0x%08llx          %llu.%llu.%llu\n",
	       (unsigned long long)vs, (unsigned long long)vs >> 16,
	       (unsigned long long)(vs >> 8) & 0xff,
	       (unsigned long long)vs & 0xff);
	printf("  CC     0x%08llx          EN %llu\n", (unsigned long long)cc,
	       (unsigned long long)cc & 1);
	printf("  CSTS   0x%08llx          RDY %llu, CFS %llu, SHST %llu\n",
	       (unsigned long long)csts, (unsigned long long)csts & 1,
	       (unsigned long long)(csts >> 1) & 1,
	       (unsigned long long)(csts >> 2) & 3);
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
	if (pos > 0 && !nvt_pcie_cfg_read(p, pos + 0x12, 2, &lnksta))
		printf("  link: Gen%u x%u\n", lnksta & 0xf, (lnksta >> 4) & 0x3f);
	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_MSIX);
	if (pos > 0 && !nvt_pcie_cfg_read(p, pos + 2, 2, &msixctl))
		printf("  MSI-X table size %u\n", (msixctl & 0x7ff) + 1);
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

		if (nvt_ctrl_identify(ctrl, buf, nsid, 0, 0, 0, NULL, NULL) ||
		    nvt_ctrl_waitdone(ctrl, 1, NULL) ||
		    nvt_ctrl_latest_status(ctrl))
			continue;
		nvt_buf_get_int(buf, 0, 7, &nsze);
		nvt_buf_get_int(buf, 26, 26, &flbas);
		flbas = (flbas & 0xf) | ((flbas >> 1) & 0x30);
		nvt_buf_get_int(buf, 128 + 4 * flbas, 131 + 4 * flbas, &lbaf);
		printf("  nsid %u: %llu blocks of %u B + %llu B metadata (format %llu)\n",
		       nsid, (unsigned long long)nsze, 1u << ((lbaf >> 16) & 0xff),
		       (unsigned long long)lbaf & 0xffff,
		       (unsigned long long)flbas);
	}
	nvt_buf_free(buf);
}

int nvt_cmd_info(int argc, char **argv)
{
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	char err[512];

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
	/* identify needs a working admin queue: the standard init gives one */
	if (nvt_ctrl_open(pcie, NULL, &ctrl, err, sizeof(err))) {
		fprintf(stderr, "nvt info: %s\n", err);
		nvt_pcie_close(pcie);
		return 1;
	}
	print_registers(pcie);
	print_identify(ctrl);
	print_namespaces(ctrl);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return 0;
}
