/* SPDX-License-Identifier: MIT */
/*
 * Commands sent and not yet reaped, by the tag nvt.ko hands back: shared by
 * the admin queue (nvt_ctrl) and I/O queue pairs (nvt_qpair).
 */
#ifndef NVT_PENDING_H
#define NVT_PENDING_H

#include <stdbool.h>
#include <stdint.h>

#include <nvt/controller.h>

struct nvt_pending {
	uint64_t tag;
	nvt_cpl_fn cb;
	void *arg;
	void *ctx;		/* the owner's per-command data */
	uint8_t opcode;
	bool used;
	bool counted;		/* waitdone() waits for it (AERs do not) */
};

struct nvt_pending_table {
	struct nvt_pending *slots;
	unsigned size;
	uint64_t next_tag;
};

int nvt_pending_init(struct nvt_pending_table *t, unsigned size);
void nvt_pending_free(struct nvt_pending_table *t);
/* Forget every command (the queue they were on is gone). */
void nvt_pending_clear(struct nvt_pending_table *t);
/* A free entry and its tag; NULL when all are used. */
struct nvt_pending *nvt_pending_new(struct nvt_pending_table *t,
				    uint64_t *tag);
/* The entry of @tag; NULL for an unknown or stale tag. */
struct nvt_pending *nvt_pending_find(struct nvt_pending_table *t,
				     uint64_t tag);

#endif /* NVT_PENDING_H */
