// SPDX-License-Identifier: MIT
/*
 * Behind a translating IOMMU a stray DMA faults instead of reaching memory:
 * an Identify whose PRP1 is an address nothing mapped for the device (IOVA
 * 0x1000; the DMA API hands out IOVAs from the top of the space down)
 * is stopped by the IOMMU, which records a fault for the device at that
 * address (the caller checks the kernel log); the controller goes on
 * working.
 * Only meaningful behind an IOMMU: without one the address is guest
 * physical memory, which the controller would overwrite.
 *
 * usage: iommu_fault BDF
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>
#include "check.h"

#define STRAY_IOVA	0x1000ull

static struct checks c;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

/* Identify Controller into @buf; the status, or -errno. */
static int identify(struct nvt_ctrl *ctrl, struct nvt_buf *buf)
{
	int ret = nvt_ctrl_identify(ctrl, buf, 0, NVT_CNS_CTRL, 0, 0, NULL, NULL);

	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	return ret ? ret : nvt_ctrl_latest_status(ctrl);
}

int main(int argc, char **argv)
{
	struct nvt_ctrl_opts co;
	struct nvt_pcie *pcie = NULL;
	struct nvt_ctrl *ctrl = NULL;
	struct nvt_buf *buf = NULL;
	uint32_t sqe[16];
	char err[512] = "";
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_buf_alloc(pcie, 4096, &buf)) {
		printf("not ok 1 - open: %s %s\n", err, ctrl ? nvt_ctrl_error(ctrl) : "");
		return 1;
	}
	printf("# a DMA buffer of nvt is at IOVA 0x%llx\n",
	       (unsigned long long)nvt_buf_dma(buf));
	CHECK(&c, nvt_buf_dma(buf) != STRAY_IOVA,
	      "the stray address is not the buffer's");
	ret = identify(ctrl, buf);
	CHECK(&c, ret == 0, "Identify into a buffer of nvt: 0x%x (%s)", ret,
	      ret < 0 ? nvt_ctrl_error(ctrl) : "");

	memset(sqe, 0, sizeof(sqe));
	sqe[0] = NVT_ADMIN_IDENTIFY;
	sqe[6] = (uint32_t)STRAY_IOVA;		/* PRP1 */
	sqe[7] = (uint32_t)(STRAY_IOVA >> 32);
	sqe[10] = NVT_CNS_CTRL;
	ret = nvt_ctrl_send_cmd(ctrl, sqe, NULL, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret)
		ret = nvt_ctrl_latest_status(ctrl);
	if (ret < 0) {
		/* nvt may refuse a caller's address outright: nothing to show */
		CHECK(&c, ret == -EPERM || ret == -EACCES || ret == -EINVAL,
		      "nvt refuses PRP1 0x%llx: %d (%s)",
		      STRAY_IOVA, ret, nvt_ctrl_error(ctrl));
		printf("# refused\n");
	} else {
		/*
		 * QEMU 7.2's controller completes it with success all the
		 * same (it checks only that the whole transfer was mapped,
		 * not the result of each DMA): the IOMMU's fault record is
		 * the witness that the write was stopped.
		 */
		printf("# sent: Identify with PRP1 at IOVA 0x%llx completed with status "
		       "%02x/%02x\n", STRAY_IOVA, (unsigned)ret >> 8, (unsigned)ret & 0xff);
	}

	ret = identify(ctrl, buf);
	CHECK(&c, ret == 0, "the controller still works: Identify 0x%x (%s)", ret,
	      ret < 0 ? nvt_ctrl_error(ctrl) : "");
	nvt_buf_free(buf);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
