/* SPDX-License-Identifier: MIT */
/* The nvt_ctrl handle, shared with the objects built on it. */
#ifndef NVT_CONTROLLER_INTERNAL_H
#define NVT_CONTROLLER_INTERNAL_H

#include "internal.h"
#include "pending.h"

/* Controller registers and fields libnvt itself uses. */
#define REG_CAP		0x00
#define REG_CC		0x14
#define REG_CSTS	0x1c
#define REG_NSSR	0x20
#define CAP_NSSRS	(1ull << 36)
#define CAP_CSS_IOCS	(1ull << 43)

#define NVT_CTRL_MAX_NS		1024
#define NVT_CTRL_MAX_IOQ	65535	/* NVMe queue IDs: 1..65535 */

struct nvt_ctrl {
	struct nvt_pcie *pcie;
	int fd;
	nvt_ctrl_init_fn init;
	void *init_arg;
	nvt_warn_fn warn;
	void *warn_arg;

	/* commands sent and not yet reaped */
	struct nvt_pending_table pending;
	unsigned outstanding;
	unsigned generation;	/* admin queues set up: I/O queues die with one */

	/* the last completion reaped */
	uint16_t latest_cid;
	uint16_t latest_status;
	uint32_t latest_latency;
	uint32_t latest_dw0;

	unsigned aer_count;
	uint32_t aer_last_dw0;

	uint8_t id_ctrl[4096];
	bool id_valid;
	uint32_t ns_ids[NVT_CTRL_MAX_NS];
	unsigned ns_count;

	char err[NVT_ERR_LEN];
};

/* The device lost power: its commands and this controller life are over. */
void nvt_ctrl_lost_power(struct nvt_ctrl *ctrl);

/* A reaped record as callbacks see it. */
void nvt_cqe_from_cpl(const struct nvt_cpl *c, struct nvt_cqe *cqe);

#endif /* NVT_CONTROLLER_INTERNAL_H */
