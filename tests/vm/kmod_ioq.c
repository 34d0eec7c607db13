// SPDX-License-Identifier: MIT
/*
 * Bench test of nvt.ko's I/O queue pairs through the raw ioctls: create
 * and delete with every bad argument, the controller's own refusals, data
 * through a queue, batching, interrupts, the sysfs view, and what a
 * controller reset does to queues.
 *
 * usage: kmod_ioq BDF
 */
#include <errno.h>
#include <sys/stat.h>

#include "check.h"
#include "raw.h"

static struct checks c;

static int queue_create(int fd, struct nvt_queue_create *qc)
{
	qc->argsz = sizeof(*qc);
	return ioctl(fd, NVT_IOC_QUEUE_CREATE, qc);
}

static int queue_delete(int fd, uint32_t qid, uint32_t *status)
{
	struct nvt_queue_delete qd = { .argsz = sizeof(qd), .qid = qid };
	int ret = ioctl(fd, NVT_IOC_QUEUE_DELETE, &qd);

	if (status)
		*status = qd.status;
	return ret;
}

/* Standard bring-up: admin queue, enable, number of queues. */
static int ctrl_init(int fd, uint32_t *nqueues)
{
	if (ctrl_enable(fd, 64))
		return -1;
	return admin_cmd(fd, NVT_ADMIN_SET_FEATURES, NVT_FEAT_NUM_QUEUES,
			 0x00070007, nqueues);
}

static int qsysfs(const char *bdf, const char *dir, const char *attr)
{
	char rel[96];

	snprintf(rel, sizeof(rel), "queues/%s/%s", dir, attr);
	return sysfs_int(bdf, rel);
}

static int qdir_exists(const char *bdf, const char *dir)
{
	char rel[96];

	snprintf(rel, sizeof(rel), "queues/%s/id", dir);
	return sysfs_int(bdf, rel) >= 0;
}

static void test_create_errors(int fd, const char *bdf, uint32_t nq)
{
	char sq[16], cq[16];
	struct nvt_queue_create qc = { .depth = 16, .vector = 1 };
	struct nvt_info info = { .argsz = sizeof(info) };
	uint32_t mqes = NVT_CAP_MQES(reg32(fd, NVT_REG_CAP));

	ioctl(fd, NVT_IOC_INFO, &info);
	qc.depth = 1;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL, "depth 1 -> EINVAL");
	qc.depth = mqes + 2 > 4096 ? 4097 : mqes + 2;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL,
	      "depth %u over MQES+1 -> EINVAL", qc.depth);
	qc.depth = 16;
	qc.vector = info.nr_vectors;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL,
	      "vector %u past the last -> EINVAL", qc.vector);
	qc.vector = 1;
	qc.prio = 4;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL, "prio 4 -> EINVAL");
	qc.prio = 0;
	qc.flags = 0x80;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL,
	      "unknown flag -> EINVAL");
	qc.flags = 0;
	qc.qid = 70000;
	CHECK(&c, queue_create(fd, &qc) && errno == EINVAL,
	      "qid 70000 -> EINVAL");
	/* past the queues the controller granted: its to refuse */
	qc.qid = nq + 1;
	CHECK(&c, queue_create(fd, &qc) && errno == EREMOTEIO &&
	      qc.status == 0x101,
	      "qid %u refused by the controller: status %03x (01/01 wanted)",
	      nq + 1, qc.status);
	snprintf(sq, sizeof(sq), "sq%u", nq + 1);
	snprintf(cq, sizeof(cq), "cq%u", nq + 1);
	CHECK(&c, !qdir_exists(bdf, sq) && !qdir_exists(bdf, cq),
	      "nothing left behind in sysfs for the refused queue");
	CHECK(&c, queue_delete(fd, 5, NULL) && errno == ENOENT,
	      "delete of a queue that does not exist -> ENOENT");
	CHECK(&c, queue_delete(fd, 0, NULL) && errno == EINVAL,
	      "delete of qid 0 -> EINVAL");
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7 + i / 512);
}

/* @nq: the I/O queue pairs the controller granted */
static void test_io(int fd, const char *bdf, uint32_t nq)
{
	uint32_t last = nq;	/* queue 1 is taken: needs nq >= 2 */
	char sq[16], cq[16];
	struct nvt_queue_create qc = { .depth = 64, .vector = 1 };
	struct nvt_cmd cmd[32];
	struct nvt_cpl cpl[32];
	struct buf wbuf, rbuf;
	uint32_t queued, i, ok;
	int n;

	CHECK(&c, queue_create(fd, &qc) == 0 && qc.qid == 1,
	      "first queue gets qid %u", qc.qid);
	CHECK(&c, qsysfs(bdf, "sq1", "depth") == 64 &&
	      qsysfs(bdf, "cq1", "depth") == 64 &&
	      qsysfs(bdf, "sq1", "cqid") == 1 && qsysfs(bdf, "cq1", "vector") == 1,
	      "sysfs shows sq1/cq1: depth 64, paired, vector 1");
	CHECK(&c, qsysfs(bdf, "sq0", "depth") == 64,
	      "the admin queue is in sysfs as sq0");
	qc.qid = 1;
	CHECK(&c, queue_create(fd, &qc) && errno == EEXIST,
	      "qid 1 again -> EEXIST");

	CHECK(&c, buf_alloc(fd, 32 * 4096, &wbuf) == 0 &&
	      buf_alloc(fd, 32 * 4096, &rbuf) == 0, "data buffers");
	fill(wbuf.p, 32 * 4096, 0x5a);
	memset(rbuf.p, 0, 32 * 4096);

	/* 32 writes of 8 LBAs, one doorbell */
	for (i = 0; i < 32; i++) {
		cmd_init(&cmd[i], NVT_NVM_WRITE, 1);
		cmd[i].sqe[10] = i * 8;
		cmd[i].sqe[12] = 7;
		cmd[i].tag = i;
		cmd_buf(&cmd[i], &wbuf, i * 4096, 4096);
	}
	CHECK(&c, submit_q(fd, 1, cmd, 32, 0, &queued) == 0 && queued == 32,
	      "32 writes queued in one call");
	n = reap_q(fd, 1, cpl, 32, 32, 10000);
	for (i = 0, ok = 0; n > 0 && i < (uint32_t)n; i++)
		ok += cpl_status(&cpl[i]) == 0;
	CHECK(&c, n == 32 && ok == 32, "32 writes completed (%d, %u ok)", n, ok);

	/* read all of it back with one 128 KiB command: a PRP list */
	cmd_init(&cmd[0], NVT_NVM_READ, 1);
	cmd[0].sqe[12] = 255;
	cmd_buf(&cmd[0], &rbuf, 0, 32 * 4096);
	CHECK(&c, submit_q(fd, 1, cmd, 1, 0, NULL) == 0 &&
	      reap_q(fd, 1, cpl, 1, 1, 10000) == 1 && !cpl_status(&cpl[0]),
	      "128 KiB read through a PRP list");
	CHECK(&c, memcmp(wbuf.p, rbuf.p, 32 * 4096) == 0,
	      "data read back is what was written");
	CHECK(&c, qsysfs(bdf, "sq1", "submitted") == 33 &&
	      qsysfs(bdf, "cq1", "completed") == 33 &&
	      qsysfs(bdf, "sq1", "outstanding") == 0,
	      "sysfs counts 33 submitted, 33 completed, none outstanding");
	/* the MSI-X message may land after the reap found the entries */
	{
		struct nvt_irq irq = { .argsz = sizeof(irq), .vector = 1,
				       .op = NVT_IRQ_OP_WAIT,
				       .timeout_ms = 2000 };

		ioctl(fd, NVT_IOC_IRQ, &irq);
	}
	CHECK(&c, qsysfs(bdf, "cq1", "irq_count") > 0,
	      "interrupts counted on vector 1: %d",
	      qsysfs(bdf, "cq1", "irq_count"));
	CHECK(&c, qsysfs(bdf, "sq1", "tail") == 33 % 64 &&
	      qsysfs(bdf, "cq1", "head") == 33 % 64 &&
	      qsysfs(bdf, "cq1", "phase") == 1,
	      "ring pointers: tail %d head %d phase %d",
	      qsysfs(bdf, "sq1", "tail"), qsysfs(bdf, "cq1", "head"),
	      qsysfs(bdf, "cq1", "phase"));

	/* LBA out of range: the device's status comes through */
	cmd_init(&cmd[0], NVT_NVM_READ, 1);
	cmd[0].sqe[10] = 0xffffff00;
	cmd_buf(&cmd[0], &rbuf, 0, 512);
	CHECK(&c, submit_q(fd, 1, cmd, 1, 0, NULL) == 0 &&
	      reap_q(fd, 1, cpl, 1, 1, 10000) == 1 &&
	      cpl_status(&cpl[0]) == 0x080,
	      "read past the namespace -> 00/80 (got %03x)",
	      cpl_status(&cpl[0]));

	if (last < 2) {
		printf("# skip: a polled queue beside queue 1 (one I/O queue pair granted)\n");
	} else {
		/* a second queue without interrupts: the last qid granted, chosen */
		memset(&qc, 0, sizeof(qc));
		qc.qid = last;
		qc.depth = 2;
		qc.flags = NVT_Q_NO_IRQ;
		snprintf(sq, sizeof(sq), "sq%u", last);
		snprintf(cq, sizeof(cq), "cq%u", last);
		CHECK(&c, queue_create(fd, &qc) == 0 && qc.qid == last,
		      "queue %u, depth 2, no interrupts", last);
		CHECK(&c, qsysfs(bdf, cq, "vector") == -1, "%s has no vector", cq);
		cmd_init(&cmd[0], NVT_NVM_FLUSH, 1);
		CHECK(&c, submit_q(fd, last, cmd, 1, 0, NULL) == 0 &&
		      reap_q(fd, last, cpl, 1, 1, 5000) == 1 && !cpl_status(&cpl[0]),
		      "flush on a polled queue");
		cmd_init(&cmd[1], NVT_NVM_FLUSH, 1);
		CHECK(&c, submit_q(fd, last, cmd, 2, 0, &queued) && errno == EAGAIN &&
		      queued == 1, "depth 2 holds one command: the second -> EAGAIN");
		reap_q(fd, last, cpl, 1, 1, 5000);

		CHECK(&c, queue_delete(fd, last, NULL) == 0, "queue %u deleted", last);
		CHECK(&c, !qdir_exists(bdf, sq) && !qdir_exists(bdf, cq),
		      "%s and %s are gone from sysfs", sq, cq);
		CHECK(&c, submit_q(fd, last, cmd, 1, 0, NULL) && errno == ENOENT,
		      "submit to a deleted queue -> ENOENT");
	}

	/* a controller reset ends queue 1 with a command in flight */
	cmd_init(&cmd[0], NVT_NVM_READ, 1);
	cmd[0].sqe[12] = 7;
	cmd_buf(&cmd[0], &rbuf, 0, 4096);
	CHECK(&c, submit_q(fd, 1, cmd, 1, NVT_SUBMIT_NO_DOORBELL, NULL) == 0,
	      "a read left outstanding on queue 1");
	wreg32(fd, NVT_REG_CC, 0);
	wait_rdy(fd, 0);
	n = reap_q(fd, 1, cpl, 1, 1, 1000);
	CHECK(&c, n == 1 && (cpl[0].flags & NVT_CPL_ABORTED) &&
	      cpl_status(&cpl[0]) == NVT_STATUS_ABORTED,
	      "CC.EN=0 aborts it with 07/fe");
	CHECK(&c, qsysfs(bdf, "sq1", "orphaned") == 1,
	      "sysfs marks queue 1 orphaned");
	wreg32(fd, NVT_REG_CC, NVT_CC_ENTRY_SIZES | NVT_CC_EN);
	wait_rdy(fd, 1);
	CHECK(&c, submit_q(fd, 1, cmd, 1, 0, NULL) && errno == EBADFD,
	      "submit to an orphaned queue -> EBADFD");
	CHECK(&c, queue_delete(fd, 1, NULL) == 0 && !qdir_exists(bdf, "sq1"),
	      "an orphaned queue deletes without the controller");
	buf_free(fd, &wbuf);
	buf_free(fd, &rbuf);
}

static void test_reinit_frees(int fd, const char *bdf)
{
	struct nvt_queue_create qc = { .depth = 8, .vector = 2 };
	uint32_t nq;

	CHECK(&c, ctrl_init(fd, &nq) == 0, "controller re-initialized");
	CHECK(&c, queue_create(fd, &qc) == 0 && qc.qid == 1 &&
	      qdir_exists(bdf, "sq1"), "queue 1 again");
	CHECK(&c, ctrl_init(fd, &nq) == 0 && !qdir_exists(bdf, "sq1"),
	      "a new admin queue frees the I/O queues of the old life");
}

int main(int argc, char **argv)
{
	uint32_t nq = 0, pairs;
	int fd;

	fd = bench_open(argc, argv);
	if (fd < 0)
		return fd == -2 ? 2 : 1;
	/* a controller may grant more or fewer than asked: pairs, the lesser */
	CHECK(&c, ctrl_init(fd, &nq) == 0, "controller up (Number of Queues dw0 %08x)", nq);
	pairs = (nq & 0xffff) < nq >> 16 ? (nq & 0xffff) + 1 : (nq >> 16) + 1;
	test_create_errors(fd, argv[1], pairs);
	test_io(fd, argv[1], pairs);
	test_reinit_frees(fd, argv[1]);
	/* leave the controller disabled: nothing may DMA after we exit */
	wreg32(fd, NVT_REG_CC, 0);
	wait_rdy(fd, 0);
	close(fd);
	return check_exit(&c);
}
