// SPDX-License-Identifier: MIT
/*
 * Bench test of libnvt's Pcie and Buffer objects: opening by BDF, config
 * space and capability walks, BAR0 registers, DMA buffers and their
 * lifetime, and the errors bad arguments get.
 *
 * usage: libnvt_pcie BDF
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pci_regs.h>

#include <nvt/nvt.h>
#include "check.h"

static void open_errors(struct checks *c, const char *bdf)
{
	struct nvt_pcie *p = (struct nvt_pcie *)1;
	char err[256] = "";
	int ret;

	ret = nvt_pcie_open("not-a-bdf", &p, err, sizeof(err));
	CHECK(c, ret == -EINVAL && !p && strstr(err, "not a PCI address"),
	      "bad BDF -> EINVAL: %s", err);
	ret = nvt_pcie_open("0000:7f:1f.7", &p, err, sizeof(err));
	CHECK(c, ret == -ENODEV && strstr(err, "not bound to nvt"),
	      "device not bound to nvt -> ENODEV: %s", err);
	ret = nvt_pcie_open(NULL, &p, err, sizeof(err));
	CHECK(c, ret == 0 && p && strcmp(nvt_pcie_bdf(p), bdf) == 0,
	      "no BDF opens the only nvt device (%s)", p ? nvt_pcie_bdf(p) : "-");
	nvt_pcie_close(p);
	/* the short form of the address */
	ret = nvt_pcie_open(bdf + 5, &p, err, sizeof(err));
	CHECK(c, ret == 0 && strcmp(nvt_pcie_bdf(p), bdf) == 0,
	      "short BDF %s opens %s", bdf + 5, bdf);
	nvt_pcie_close(p);
}

static void config_space(struct checks *c, struct nvt_pcie *p)
{
	const struct nvt_info *info = nvt_pcie_info(p);
	uint32_t v = 0, cmd;
	int pos, ret;

	CHECK(c, info->vendor == 0x1b36 && info->class_code == 0x010802,
	      "info: %04x:%04x class %06x", info->vendor, info->device,
	      info->class_code);
	ret = nvt_pcie_cfg_read(p, PCI_VENDOR_ID, 2, &v);
	CHECK(c, ret == 0 && v == info->vendor, "config vendor id 0x%04x", v);
	ret = nvt_pcie_cfg_read(p, PCI_VENDOR_ID, 4, &v);
	CHECK(c, ret == 0 && (v >> 16) == info->device, "config dword 0 0x%08x", v);
	ret = nvt_pcie_cfg_read(p, 1, 2, &v);	/* odd on purpose */
	CHECK(c, ret == -EINVAL && strstr(nvt_pcie_error(p), "not aligned"),
	      "unaligned config read -> EINVAL: %s", nvt_pcie_error(p));
	ret = nvt_pcie_cfg_read(p, PCI_VENDOR_ID, 8, &v);
	CHECK(c, ret == -EINVAL && strstr(nvt_pcie_error(p), "width 8"),
	      "8-byte config read -> EINVAL: %s", nvt_pcie_error(p));
	ret = nvt_pcie_cfg_read(p, info->cfg_size, 4, &v);
	CHECK(c, ret == -ERANGE && strstr(nvt_pcie_error(p), "outside"),
	      "config read past %u bytes -> ERANGE: %s",
	      info->cfg_size, nvt_pcie_error(p));

	/* command register round trip: flip INTx disable and restore */
	nvt_pcie_cfg_read(p, PCI_COMMAND, 2, &cmd);
	ret = nvt_pcie_cfg_write(p, PCI_COMMAND, 2, cmd ^ PCI_COMMAND_INTX_DISABLE);
	nvt_pcie_cfg_read(p, PCI_COMMAND, 2, &v);
	CHECK(c, ret == 0 && v == (cmd ^ PCI_COMMAND_INTX_DISABLE),
	      "command register write 0x%04x", v);
	nvt_pcie_cfg_write(p, PCI_COMMAND, 2, cmd);
	nvt_pcie_cfg_read(p, PCI_COMMAND, 2, &v);
	CHECK(c, v == cmd, "command register restored 0x%04x", v);

	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_EXP);
	CHECK(c, pos >= PCI_STD_HEADER_SIZEOF, "PCI Express capability at 0x%x", pos);
	if (pos >= PCI_STD_HEADER_SIZEOF) {
		nvt_pcie_cfg_read(p, pos, 1, &v);
		CHECK(c, v == PCI_CAP_ID_EXP, "its id byte reads 0x%02x", v);
	}
	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_MSIX);
	CHECK(c, pos >= PCI_STD_HEADER_SIZEOF, "MSI-X capability at 0x%x", pos);
	pos = nvt_pcie_cap_offset(p, PCI_CAP_ID_AGP3);	/* on an NVMe device: no */
	CHECK(c, pos == -ENOENT && strstr(nvt_pcie_error(p), "not found"),
	      "absent capability -> ENOENT: %s", nvt_pcie_error(p));
	pos = nvt_pcie_ext_cap_offset(p, 0xfff0);	/* no such ID: on purpose */
	CHECK(c, pos == -ENOENT, "absent extended capability -> ENOENT: %s",
	      nvt_pcie_error(p));
}

static void registers(struct checks *c, struct nvt_pcie *p)
{
	uint64_t cap = 0, lo = 0, hi = 0, vs = 0;
	int ret;

	ret = nvt_pcie_bar_read(p, 0, NVT_REG_CAP, 8, &cap);
	nvt_pcie_bar_read(p, 0, NVT_REG_CAP, 4, &lo);
	nvt_pcie_bar_read(p, 0, NVT_REG_CAP + 4, 4, &hi);
	CHECK(c, ret == 0 && cap == (hi << 32 | lo) && NVT_CAP_MQES(cap) != 0,
	      "CAP 0x%016llx as one qword and two dwords",
	      (unsigned long long)cap);
	ret = nvt_pcie_bar_read(p, 0, NVT_REG_VS, 4, &vs);
	CHECK(c, ret == 0 && vs >= 0x10000, "VS %llx", (unsigned long long)vs);
	ret = nvt_pcie_bar_read(p, 0, 2, 4, &lo);	/* unaligned on purpose */
	CHECK(c, ret == -EINVAL, "unaligned BAR read -> EINVAL: %s",
	      nvt_pcie_error(p));
	ret = nvt_pcie_bar_read(p, 0, nvt_pcie_info(p)->bar_len[0], 4, &lo);
	CHECK(c, ret == -ERANGE && strstr(nvt_pcie_error(p), "outside"),
	      "BAR read past its end -> ERANGE: %s", nvt_pcie_error(p));
	ret = nvt_pcie_bar_read(p, 6, 0, 4, &lo);
	CHECK(c, ret == -EINVAL, "BAR6 -> EINVAL: %s", nvt_pcie_error(p));
	ret = nvt_pcie_bar_read(p, 0, NVT_REG_CAP, 3, &lo);
	CHECK(c, ret == -EINVAL, "3-byte BAR read -> EINVAL: %s",
	      nvt_pcie_error(p));
}

static void buffers(struct checks *c, struct nvt_pcie *p, const char *bdf)
{
	struct nvt_buf *b = NULL, *b2 = NULL;
	uint64_t v;
	int ret;

	ret = nvt_buf_alloc(p, 0, &b);
	CHECK(c, ret == -EINVAL && strstr(nvt_pcie_error(p), "1.."),
	      "zero-length DMA buffer -> EINVAL: %s", nvt_pcie_error(p));
	ret = nvt_buf_alloc(p, NVT_BUF_MAX_LEN + 1, &b);
	CHECK(c, ret == -EINVAL, "buffer over 4 MiB -> EINVAL");
	ret = nvt_buf_alloc(p, NVT_BUF_MAX_LEN, &b);
	CHECK(c, ret == 0 && nvt_buf_is_dma(b) && nvt_buf_dma(b) != 0 &&
	      nvt_buf_dma(b) % 4096 == 0, "4 MiB DMA buffer at 0x%llx",
	      b ? (unsigned long long)nvt_buf_dma(b) : 0ull);
	if (ret)
		return;
	ret = nvt_buf_fill(b, NVT_PAT_INC16, 0);
	nvt_buf_get_int(b, NVT_BUF_MAX_LEN - 2, NVT_BUF_MAX_LEN - 1, &v);
	CHECK(c, ret == 0 && v == ((NVT_BUF_MAX_LEN - 2) / 2 & 0xffff),
	      "the whole mapping is writable (last word 0x%llx)",
	      (unsigned long long)v);
	ret = nvt_buf_set_window(b, 3, 512);
	CHECK(c, ret == 0 && nvt_buf_dma(b) % 4096 == 3,
	      "window at offset 3 moves the DMA address to ...%03llx",
	      (unsigned long long)(nvt_buf_dma(b) % 4096));
	ret = nvt_buf_alloc(p, 512, &b2);
	CHECK(c, ret == 0 && nvt_buf_id(b2) != nvt_buf_id(b) &&
	      nvt_buf_length(b2) == 512, "second buffer, id %u",
	      b2 ? nvt_buf_id(b2) : 0);

	/* buffers keep the device open after the Pcie handle is closed */
	nvt_pcie_close(p);
	nvt_buf_data(b2)[511] = 0x5a;
	CHECK(c, nvt_buf_data(b2)[511] == 0x5a,
	      "buffer usable after nvt_pcie_close");
	nvt_buf_free(b2);
	nvt_buf_free(b);
	ret = nvt_pcie_open(bdf, &p, NULL, 0);
	CHECK(c, ret == 0, "device reopens after its buffers are freed");
	nvt_pcie_close(p);
}

static void interrupts(struct checks *c, struct nvt_pcie *p)
{
	const struct nvt_info *info = nvt_pcie_info(p);
	uint64_t n = 99;
	int ret;

	CHECK(c, info->irq_type == NVT_IRQ_MSIX && info->nr_vectors >= 2,
	      "MSI-X with %u vectors", info->nr_vectors);
	ret = nvt_pcie_irq_clear(p, 0);
	ret |= nvt_pcie_irq_count(p, 0, &n);
	CHECK(c, ret == 0 && n == 0, "vector 0 cleared (count %llu)",
	      (unsigned long long)n);
	ret = nvt_pcie_irq_count(p, info->nr_vectors, &n);
	CHECK(c, ret == -EINVAL && strstr(nvt_pcie_error(p), "the device has"),
	      "vector past the last -> EINVAL: %s", nvt_pcie_error(p));
	ret = nvt_pcie_irq_wait(p, 0, 50, &n);
	CHECK(c, ret == -ETIMEDOUT, "waiting on an idle vector times out: %s",
	      nvt_pcie_error(p));
}

int main(int argc, char **argv)
{
	struct checks c = { 0 };
	struct nvt_pcie *p;
	char err[256];

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	open_errors(&c, argv[1]);
	if (nvt_pcie_open(argv[1], &p, err, sizeof(err))) {
		CHECK(&c, 0, "open %s: %s", argv[1], err);
		return check_exit(&c);
	}
	config_space(&c, p);
	registers(&c, p);
	interrupts(&c, p);
	buffers(&c, p, argv[1]);	/* closes p */
	return check_exit(&c);
}
