/* SPDX-License-Identifier: MIT */
/*
 * nvt_pcie: one PCI device owned by nvt.ko, seen through /dev/nvtN.
 *
 * Every function returning int gives 0 (or a non-negative value) on success
 * and a negative errno on failure; nvt_pcie_error() then holds a readable
 * message.
 */
#ifndef NVT_PCIE_H
#define NVT_PCIE_H

#include <stddef.h>
#include <stdint.h>
#include <nvt/nvt_ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;

/*
 * Open the device at @bdf ("0000:01:00.0" or "01:00.0"), which must be bound
 * to nvt.ko (see `nvt setup`).  With @bdf NULL or "", open the only device
 * bound to nvt; it is an error when there are none or several.
 * On failure *@out is NULL and @errbuf (if given) holds the message.
 */
int nvt_pcie_open(const char *bdf, struct nvt_pcie **out,
		  char *errbuf, size_t errlen);
void nvt_pcie_close(struct nvt_pcie *pcie);

/* "01:00.0" -> "0000:01:00.0" in @out; -EINVAL if @in is not a BDF. */
int nvt_bdf_normalize(const char *in, char *out, size_t len);

const char *nvt_pcie_error(const struct nvt_pcie *pcie);
const char *nvt_pcie_bdf(const struct nvt_pcie *pcie);	/* "0000:01:00.0" */
int nvt_pcie_fd(const struct nvt_pcie *pcie);		/* /dev/nvtN */
const struct nvt_info *nvt_pcie_info(const struct nvt_pcie *pcie);

/* Config space, width 1, 2 or 4 bytes, offset aligned to the width. */
int nvt_pcie_cfg_read(struct nvt_pcie *pcie, uint32_t offset, unsigned width,
		      uint32_t *value);
int nvt_pcie_cfg_write(struct nvt_pcie *pcie, uint32_t offset, unsigned width,
		       uint32_t value);

/* Memory BARs, width 1, 2, 4 or 8 bytes. */
int nvt_pcie_bar_read(struct nvt_pcie *pcie, unsigned bar, uint64_t offset,
		      unsigned width, uint64_t *value);
int nvt_pcie_bar_write(struct nvt_pcie *pcie, unsigned bar, uint64_t offset,
		       unsigned width, uint64_t value);

/*
 * Offset of capability @id in config space: a standard capability
 * (PCI_CAP_ID_*, list at 0x34) or, for nvt_pcie_ext_cap_offset(), an
 * extended one (PCI_EXT_CAP_ID_*, list at 0x100).  -ENOENT if absent.
 */
int nvt_pcie_cap_offset(struct nvt_pcie *pcie, unsigned id);
int nvt_pcie_ext_cap_offset(struct nvt_pcie *pcie, unsigned id);

/*
 * May commands and register writes carry DMA addresses of the test's own
 * choosing (raw PRPs, hand-written admin queues, doorbells of the driver's
 * queues)?  nvt.ko allows them behind a translating IOMMU, or when the
 * administrator set its unsafe_raw_dma parameter; otherwise they fail with
 * EPERM.  Returns 1 allowed, 0 refused, or a negative errno.
 */
int nvt_pcie_raw_dma_allowed(struct nvt_pcie *pcie);

/* Interrupt counters kept by nvt.ko per vector (NVT_IRQ_OP_*). */
int nvt_pcie_irq_count(struct nvt_pcie *pcie, unsigned vector,
		       uint64_t *count);
int nvt_pcie_irq_clear(struct nvt_pcie *pcie, unsigned vector);
int nvt_pcie_irq_wait(struct nvt_pcie *pcie, unsigned vector,
		      unsigned timeout_ms, uint64_t *count);

#ifdef __cplusplus
}
#endif
#endif /* NVT_PCIE_H */
