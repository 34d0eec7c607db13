/* SPDX-License-Identifier: MIT */
/* The nvt_ctrl handle, shared with the objects built on it. */
#ifndef NVT_CONTROLLER_INTERNAL_H
#define NVT_CONTROLLER_INTERNAL_H

#include "internal.h"

#define NVT_CTRL_MAX_NS		1024

/* What the library remembers of one command it sent, by kernel tag. */
struct nvt_pending {
	uint64_t tag;
	nvt_cpl_fn cb;
	void *arg;
	uint8_t opcode;
	bool used;
};

struct nvt_ctrl {
	struct nvt_pcie *pcie;
	int fd;
	nvt_ctrl_init_fn init;
	void *init_arg;
	nvt_warn_fn warn;
	void *warn_arg;

	/* commands sent and not yet reaped */
	struct nvt_pending *pending;
	unsigned pending_size;
	unsigned outstanding;
	uint64_t next_tag;

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

#endif /* NVT_CONTROLLER_INTERNAL_H */
