/* SPDX-License-Identifier: MIT */
/* The nvt_pcie handle, shared with the objects built on it. */
#ifndef NVT_PCIE_INTERNAL_H
#define NVT_PCIE_INTERNAL_H

#include <stdatomic.h>

#include "internal.h"

struct nvt_pcie {
	int fd;			/* /dev/nvtN */
	atomic_uint refs;		/* the opener + each live buffer */
	char bdf[16];
	struct nvt_info info;
	char err[NVT_ERR_LEN];
};

void nvt_pcie_get(struct nvt_pcie *pcie);
void nvt_pcie_put(struct nvt_pcie *pcie);

#endif /* NVT_PCIE_INTERNAL_H */
