/* SPDX-License-Identifier: MIT */
/* The nvt_pcie handle, shared with the objects built on it. */
#ifndef NVT_PCIE_INTERNAL_H
#define NVT_PCIE_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>

#include "internal.h"

#define PCI_DEVICES	"/sys/bus/pci/devices"

struct nvt_pcie {
	int fd;			/* /dev/nvtN */
	atomic_uint refs;		/* the opener + each live buffer */
	char bdf[16];
	struct nvt_info info;
	struct nvt_buf *bufs;		/* its DMA buffers (buffer.c) */
	bool powered_off;		/* by nvt_subsys_power_off() */
	char err[NVT_ERR_LEN];
};

/* Buffers over a power cycle: plain memory while off, DMA memory again. */
int nvt_pcie_bufs_to_host(struct nvt_pcie *pcie);
int nvt_pcie_bufs_to_device(struct nvt_pcie *pcie, bool free_stale);

/* The nvtN name under /sys/bus/pci/devices/<bdf>/nvt/, or -ENODEV. */
int nvt_pcie_find_node(const char *bdf, char *name, size_t len);

/* The device at pcie->bdf bound to nvt again: the same fd number on it. */
int nvt_pcie_reopen(struct nvt_pcie *pcie);
/* Is pcie->bdf bound to nvt (0), present but not (-EBUSY), absent (-ENODEV)? */
int nvt_pcie_bound(const struct nvt_pcie *pcie);

/*
 * The submission queues nvt.ko has for the device now (its sysfs
 * queues/sqN), in @qids (up to @max, ascending); *@n gets how many.
 */
int nvt_pcie_sq_ids(struct nvt_pcie *pcie, uint16_t *qids, unsigned max,
		    unsigned *n);

/*
 * Walk an extended capability list (from 100h) whose dwords @rd reads:
 * the offset of capability @id, -ENOENT when the list does not have it,
 * or what @rd failed with.  Bounded: a looping list ends it.
 */
int nvt_ext_cap_find(int (*rd)(void *ctx, uint32_t offset, uint32_t *v),
		     void *ctx, unsigned id);

void nvt_pcie_get(struct nvt_pcie *pcie);
void nvt_pcie_put(struct nvt_pcie *pcie);

#endif /* NVT_PCIE_INTERNAL_H */
