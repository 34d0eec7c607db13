// SPDX-License-Identifier: MIT
/*
 * Bench test of a controller that stops answering admin commands: the
 * admin CQ head doorbell is written one entry ahead of nvt.ko's head, so
 * the controller takes the CQ as full and posts nothing more (a raw
 * doorbell write, with the unsafe_raw_dma opt-in for that one write).
 * The Identify Namespace nvt.ko sends to learn a format before building a
 * data pointer then times out (after 1 s here).  The first SUBMIT waits that
 * out and answers ETIMEDOUT, the next ones answer ETIMEDOUT at once; once
 * the hold-off (5 s) has passed one asks again; a controller reset through
 * nvt.ko ends it and I/O works again.
 *
 * usage: admin_stall BDF
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "raw.h"

#define IDENTIFY_TIMEOUT_MS	1000
#define HOLDOFF_MS		5000

static struct checks c;

static int read_io(int fd, struct buf *b, uint64_t *ms)
{
	struct nvt_cmd cmd;
	uint64_t t0 = now_ms();
	int ret;

	cmd_init(&cmd, NVT_NVM_READ, 1);
	cmd.sqe[12] = 7;	/* 8 LBAs of 512 B (4 KiB ones: more, still fits) */
	cmd_buf(&cmd, b, 0, b->len);
	ret = submit_q(fd, 1, &cmd, 1, 0, NULL) ? -errno : 0;
	*ms = now_ms() - t0;
	return ret;
}

static int admin_timeout(int fd, uint32_t flags, uint32_t ms)
{
	struct nvt_timeout to = { .argsz = sizeof(to), .flags = flags,
				  .opcode = NVT_ADMIN_IDENTIFY, .timeout_ms = ms };

	return ioctl(fd, NVT_IOC_TIMEOUT, &to);
}

int main(int argc, char **argv)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 16, .vector = 1 };
	uint64_t ms, worst = 0, head;
	struct nvt_cpl cpl;
	struct buf b;
	uint32_t dstrd;
	int fd = bench_open(argc, argv), i, ret;

	if (fd < 0)
		return 1;
	if (ctrl_enable(fd, 64) ||
	    ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) || buf_alloc(fd, 32768, &b) ||
	    admin_timeout(fd, 0, IDENTIFY_TIMEOUT_MS)) {
		CHECK(&c, 0, "controller, qid 1, buffer, Identify timeout: %s",
		      strerror(errno));
		return check_exit(&c);
	}

	/* CQ 0's head doorbell */
	dstrd = NVT_CAP_DSTRD(reg64(fd, NVT_REG_CAP));
	head = (sysfs_int(argv[1], "queues/cq0/head") + 1) % 64;
	if (module_param_set("unsafe_raw_dma", "1")) {
		CHECK(&c, 0, "unsafe_raw_dma: %s", strerror(errno));
		return check_exit(&c);
	}
	ret = rw(fd, NVT_IOC_WRITE, NVT_SPACE_BAR(0), 4, NVT_DB_CQ(0, dstrd),
		 &head);
	module_param_set("unsafe_raw_dma", "0");
	CHECK(&c, ret == 0, "admin CQ head doorbell %llu: the CQ looks full",
	      (unsigned long long)head);

	ret = read_io(fd, &b, &ms);
	printf("first SUBMIT: %d after %llu ms\n", ret, (unsigned long long)ms);
	CHECK(&c, ret == -ETIMEDOUT && ms >= IDENTIFY_TIMEOUT_MS - 100,
	      "the first SUBMIT waits out the Identify (%llu ms) -> ETIMEDOUT",
	      (unsigned long long)ms);
	for (i = 0; i < 5; i++) {
		ret = read_io(fd, &b, &ms);
		if (ret != -ETIMEDOUT)
			break;
		worst = ms > worst ? ms : worst;
	}
	CHECK(&c, i == 5 && worst < 200,
	      "five more fail at once with ETIMEDOUT (slowest %llu ms)",
	      (unsigned long long)worst);

	usleep((HOLDOFF_MS + 300) * 1000);
	ret = read_io(fd, &b, &ms);
	CHECK(&c, ret == -ETIMEDOUT && ms >= IDENTIFY_TIMEOUT_MS - 100,
	      "after the hold-off it asks again: %llu ms -> ETIMEDOUT",
	      (unsigned long long)ms);
	ret = read_io(fd, &b, &ms);
	CHECK(&c, ret == -ETIMEDOUT && ms < 200,
	      "... and holds off again (%llu ms)", (unsigned long long)ms);

	/* a reset through nvt.ko: a new life, asked again */
	CHECK(&c, ctrl_enable(fd, 64) == 0 &&
	      ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) == 0,
	      "controller reset and enabled through nvt.ko, qid 1 again");
	ret = read_io(fd, &b, &ms);
	CHECK(&c, ret == 0 && reap_q(fd, 1, &cpl, 1, 1, 5000) == 1 &&
	      cpl_status(&cpl) == 0,
	      "after the reset a read goes (SUBMIT %d in %llu ms)", ret,
	      (unsigned long long)ms);
	CHECK(&c, admin_timeout(fd, NVT_TIMEOUT_RESTORE, 0) == 0,
	      "Identify's timeout restored");
	return check_exit(&c);
}
