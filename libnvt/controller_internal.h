/* SPDX-License-Identifier: MIT */
/* The nvt_ctrl handle, shared with the objects built on it. */
#ifndef NVT_CONTROLLER_INTERNAL_H
#define NVT_CONTROLLER_INTERNAL_H

#include <stdio.h>

#include "cmdq.h"
#include "internal.h"

/* Controller registers and fields libnvt itself uses. */

#define NVT_CTRL_MAX_NS		1024
#define NVT_CTRL_MAX_IOQ	65535	/* NVMe queue IDs: 1..65535 */

struct nvt_ctrl {
	struct nvt_pcie *pcie;
	int fd;
	nvt_ctrl_init_fn init;
	void *init_arg;
	nvt_warn_fn warn;
	void *warn_arg;

	/* the admin queue: its commands, the last completion, AERs */
	struct nvt_cmdq adminq;
	unsigned generation;	/* admin queues set up: I/O queues die with one */

	uint8_t id_ctrl[4096];
	bool id_valid;
	uint32_t ns_ids[NVT_CTRL_MAX_NS];
	unsigned ns_count;

	char err[NVT_ERR_LEN];
};

/*
 * The command log of one queue; a failure's message goes to @err, the
 * buffer of the object asking (controller, qpair or worker).
 */
int nvt_cmdlog_queue(struct nvt_ctrl *ctrl, unsigned qid, unsigned count,
		     FILE *out, char *err);

/*
 * Send one admin command and wait for it (init and the helpers built on
 * commands): 0, its status (> 0) with a message in ctrl->err, or a
 * negative errno.  @buf may be NULL; @dw0 (may be NULL) gets its dword 0.
 */
int nvt_ctrl_run(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		 struct nvt_buf *buf, uint32_t *dw0);

/* The device lost power: its commands and this controller life are over. */
void nvt_ctrl_lost_power(struct nvt_ctrl *ctrl);

/*
 * The deepest I/O qpair @ctrl takes: CAP.MQES + 1, at most nvt.ko's ring
 * limit.  0, or the negative errno of reading CAP (message in ctrl->err).
 */
int nvt_qpair_depth_max(struct nvt_ctrl *ctrl, unsigned *max);


#endif /* NVT_CONTROLLER_INTERNAL_H */
