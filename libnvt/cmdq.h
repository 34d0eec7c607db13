/* SPDX-License-Identifier: MIT */
/*
 * The one command path of libnvt: a queue pair in nvt.ko (the admin queue
 * or an I/O queue), the commands sent on it and not yet reaped, and what
 * happens to each completion.  nvt_ctrl keeps one for its admin queue and
 * each nvt_qpair one for its I/O queue; everything that sends a command
 * goes through here.  Not installed.
 */
#ifndef NVT_CMDQ_H
#define NVT_CMDQ_H

#include <stdbool.h>
#include <stdint.h>

#include "internal.h"
#include "pending.h"

#define NVT_CMDQ_BATCH		64

struct nvt_cmdq {
	struct nvt_ctrl *ctrl;
	char *err;		/* where the owner's error message goes */
	uint16_t qid;
	unsigned depth;		/* ring entries; 0: unknown (nvt.ko checks) */
	bool batch;		/* hold sends until flush; else ring at once */
	struct nvt_pending_table pending;
	unsigned outstanding;	/* sent or queued, not reaped (AERs apart) */

	struct nvt_cmd cmds[NVT_CMDQ_BATCH];
	struct nvt_pending *cmds_p[NVT_CMDQ_BATCH];
	unsigned nbatch;

	struct nvt_completion latest;	/* the last command reaped */
	unsigned aer_count;		/* admin: AER completions seen */
	uint32_t aer_last_dw0;
};

/* Set up @q for queue @qid; @slots commands may be outstanding. */
int nvt_cmdq_init(struct nvt_cmdq *q, struct nvt_ctrl *ctrl, char *err,
		  uint16_t qid, unsigned depth, unsigned slots, bool batch);
void nvt_cmdq_fini(struct nvt_cmdq *q);
/* Forget every command: the queue they were on is gone. */
void nvt_cmdq_forget(struct nvt_cmdq *q);

/*
 * Queue one command (@data may be NULL) and, unless the queue batches,
 * hand it to nvt.ko at once.  @cid_flags: 0, or NVT_CMD_KEEP_CID with
 * NVT_CMD_DUP_CID or not: the CID in sqe[0] goes as given.  @cb runs when
 * it is reaped.
 */
int nvt_cmdq_send(struct nvt_cmdq *q, const uint32_t sqe[16],
		  const struct nvt_data *data, uint32_t cid_flags,
		  nvt_cpl_fn cb, void *arg);
/* Hand the queued commands to nvt.ko (one doorbell write). */
int nvt_cmdq_flush(struct nvt_cmdq *q);
/*
 * One REAP: between @min and @max completions, waiting up to @timeout_ms;
 * *@counted grows by the commands among them that waitdone() counts.
 */
int nvt_cmdq_reap(struct nvt_cmdq *q, unsigned min, unsigned max,
		  unsigned timeout_ms, unsigned *counted);
/*
 * Flush, then reap until @count commands completed (@timeout_ms 0: none),
 * counting those the callbacks send meanwhile.
 */
int nvt_cmdq_waitdone(struct nvt_cmdq *q, unsigned count, unsigned timeout_ms,
		      uint32_t *dw0);

/* A reaped record as callbacks see it. */
void nvt_completion_from_cpl(const struct nvt_cpl *c,
			     struct nvt_completion *cpl);

#endif /* NVT_CMDQ_H */
