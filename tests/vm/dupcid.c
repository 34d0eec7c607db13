// SPDX-License-Identifier: MIT
/*
 * Bench test of duplicate CIDs on the normal path (NVT_CMD_DUP_CID): two
 * Reads with one CID on a driver I/O queue get two completions, oldest
 * first, both flagged NVT_CPL_DUP_CID, and the first is held (counted
 * outstanding) until the second is done; the same on the admin queue;
 * two commands of one CID that time out, then complete late; and, with
 * /tmp/dupcid-leave present, a pair left outstanding for the unbind.
 *
 * usage: dupcid BDF
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "raw.h"

static struct checks c;

static void rd(struct nvt_cmd *cmd, struct buf *b, uint16_t cid,
	       uint32_t flags, uint64_t tag)
{
	cmd_init(cmd, NVT_NVM_READ, 1);
	cmd->sqe[0] |= (uint32_t)cid << NVT_SQE_CID_SHIFT;
	cmd->sqe[12] = 7;	/* 8 LBAs */
	cmd_buf(cmd, b, 0, 4096);
	cmd->flags |= NVT_CMD_KEEP_CID | flags;
	cmd->tag = tag;
}

static int flush_q1(int fd)
{
	struct nvt_cmd cmd;

	cmd_init(&cmd, NVT_NVM_FLUSH, 1);
	cmd.tag = 99;
	return submit_q(fd, 1, &cmd, 1, 0, NULL);
}

static uint16_t cqe_cid(const struct nvt_cpl *p)
{
	return nvt_cqe_cid(p->cqe);
}

int main(int argc, char **argv)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 16, .vector = 1 };
	struct buf w, a, b;
	struct nvt_cmd cmd[4];
	struct nvt_cpl cpl[4];
	int fd = bench_open(argc, argv), n, i, ok;
	const char *bdf = argv[1];

	if (fd < 0)
		return 1;
	if (ctrl_enable(fd, 64) || ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) ||
	    buf_alloc(fd, 4096, &w) || buf_alloc(fd, 4096, &a) ||
	    buf_alloc(fd, 4096, &b)) {
		CHECK(&c, 0, "controller, qid 1 and buffers");
		return check_exit(&c);
	}
	for (i = 0; i < 4096; i++)
		w.p[i] = (uint8_t)(i * 7 + 3);
	cmd_init(&cmd[0], NVT_NVM_WRITE, 1);
	cmd[0].sqe[12] = 7;
	cmd_buf(&cmd[0], &w, 0, 4096);
	CHECK(&c, submit_q(fd, 1, cmd, 1, 0, NULL) == 0 &&
	      reap_q(fd, 1, cpl, 1, 1, 5000) == 1 && !cpl_status(cpl),
	      "8 LBAs written");

	/* the flag's rules */
	rd(&cmd[0], &a, 5, NVT_CMD_DUP_CID, 1);
	cmd[0].flags &= ~NVT_CMD_KEEP_CID;
	CHECK(&c, submit_q(fd, 1, cmd, 1, 0, NULL) && errno == EINVAL,
	      "DUP_CID without KEEP_CID -> EINVAL");
	rd(&cmd[0], &a, 5, 0, 1);
	rd(&cmd[1], &b, 5, 0, 2);
	CHECK(&c, submit_q(fd, 1, cmd, 2, NVT_SUBMIT_NO_DOORBELL, NULL) &&
	      errno == EBUSY, "a taken CID without DUP_CID -> EBUSY");
	CHECK(&c, flush_q1(fd) == 0 && reap_q(fd, 1, cpl, 2, 2, 5000) == 2,
	      "the first and a flush complete");

	/*
	 * Two reads with CID 5: the first one's completion is processed
	 * before the second is rung; it is flagged and still held.
	 */
	memset(a.p, 0, 4096);
	memset(b.p, 0, 4096);
	rd(&cmd[0], &a, 5, 0, 1);
	rd(&cmd[1], &b, 5, NVT_CMD_DUP_CID, 2);
	CHECK(&c, submit_q(fd, 1, &cmd[0], 1, 0, NULL) == 0, "read 1, CID 5");
	usleep(100 * 1000);	/* its CQE is posted, not yet consumed */
	CHECK(&c, submit_q(fd, 1, &cmd[1], 1, NVT_SUBMIT_NO_DOORBELL, NULL) == 0 &&
	      cmd[1].cid == 5, "read 2 with CID 5 too (DUP_CID), not rung");
	n = reap_q(fd, 1, cpl, 1, 4, 5000);
	CHECK(&c, n == 1 && cpl[0].tag == 1 && cqe_cid(&cpl[0]) == 5 &&
	      !cpl_status(&cpl[0]) && (cpl[0].flags & NVT_CPL_DUP_CID),
	      "one completion: the oldest's, flagged DUP_CID (n %d flags 0x%x)",
	      n, n > 0 ? cpl[0].flags : 0);
	CHECK(&c, sysfs_int(bdf, "queues/sq1/outstanding") == 2,
	      "both still held: outstanding %d",
	      sysfs_int(bdf, "queues/sq1/outstanding"));
	CHECK(&c, flush_q1(fd) == 0, "a flush rings the doorbell");
	n = reap_q(fd, 1, cpl, 2, 4, 5000);
	for (ok = 0, i = 0; i < n; i++)
		ok += cpl[i].tag == 2 && cqe_cid(&cpl[i]) == 5 &&
		      !cpl_status(&cpl[i]) && (cpl[i].flags & NVT_CPL_DUP_CID);
	CHECK(&c, n == 2 && ok == 1, "the second read's completion, flagged");
	CHECK(&c, sysfs_int(bdf, "queues/sq1/outstanding") == 0,
	      "all let go after the last: outstanding %d",
	      sysfs_int(bdf, "queues/sq1/outstanding"));
	CHECK(&c, !memcmp(a.p, w.p, 4096) && !memcmp(b.p, w.p, 4096),
	      "both buffers hold the data");

	/* the admin queue: Get Features twice with CID 9, one batch */
	for (i = 0; i < 2; i++) {
		cmd_init(&cmd[i], NVT_ADMIN_GET_FEATURES, 0);
		cmd[i].sqe[0] |= 9u << NVT_SQE_CID_SHIFT;
		cmd[i].sqe[10] = NVT_FEAT_NUM_QUEUES;
		cmd[i].flags = NVT_CMD_KEEP_CID | (i ? NVT_CMD_DUP_CID : 0);
		cmd[i].tag = 10 + i;
	}
	n = submit(fd, cmd, 2, 0, NULL) ? -1 : reap(fd, cpl, 2, 2, 5000);
	CHECK(&c, n == 2 && cpl[0].tag == 10 && cpl[1].tag == 11 &&
	      (cpl[0].flags & cpl[1].flags & NVT_CPL_DUP_CID) &&
	      !cpl_status(&cpl[0]) && !cpl_status(&cpl[1]) &&
	      cqe_cid(&cpl[0]) == 9 && cqe_cid(&cpl[1]) == 9,
	      "admin: Get Features twice with CID 9, both answered and flagged");

	/* a pair that times out, then completes late */
	rd(&cmd[0], &a, 7, 0, 21);
	rd(&cmd[1], &b, 7, NVT_CMD_DUP_CID, 22);
	cmd[0].timeout_ms = cmd[1].timeout_ms = 300;
	CHECK(&c, submit_q(fd, 1, cmd, 2, NVT_SUBMIT_NO_DOORBELL, NULL) == 0,
	      "two reads with CID 7, not rung, 300 ms timeouts");
	n = reap_q(fd, 1, cpl, 2, 4, 3000);
	for (ok = 0, i = 0; i < n; i++)
		ok += (cpl[i].flags & NVT_CPL_TIMEOUT) &&
		      (cpl[i].flags & NVT_CPL_DUP_CID) &&
		      cpl_status(&cpl[i]) == NVT_STATUS_TIMEOUT;
	CHECK(&c, n == 2 && ok == 2 && cpl[0].tag == 21,
	      "both time out, flagged DUP_CID");
	CHECK(&c, sysfs_int(bdf, "queues/sq1/outstanding") == 2,
	      "held after the timeouts: outstanding %d",
	      sysfs_int(bdf, "queues/sq1/outstanding"));
	CHECK(&c, flush_q1(fd) == 0, "a flush rings them");
	n = reap_q(fd, 1, cpl, 3, 4, 5000);
	for (ok = 0, i = 0; i < n; i++)
		ok += (cpl[i].flags & NVT_CPL_LATE) &&
		      (cpl[i].flags & NVT_CPL_DUP_CID) && !cpl_status(&cpl[i]);
	CHECK(&c, n == 3 && ok == 2, "two late completions, flagged (n %d)", n);
	CHECK(&c, sysfs_int(bdf, "queues/sq1/outstanding") == 0,
	      "all let go: outstanding %d",
	      sysfs_int(bdf, "queues/sq1/outstanding"));

	if (access("/tmp/dupcid-leave", F_OK) == 0) {
		rd(&cmd[0], &a, 3, 0, 31);
		rd(&cmd[1], &b, 3, NVT_CMD_DUP_CID, 32);
		CHECK(&c, submit_q(fd, 1, cmd, 2, NVT_SUBMIT_NO_DOORBELL,
				   NULL) == 0,
		      "two reads with CID 3 left outstanding");
	}
	return check_exit(&c);
}
