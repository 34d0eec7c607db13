// SPDX-License-Identifier: MIT
/*
 * Bench test of memory the controller may still reach: nothing it could
 * DMA to is freed before it provably stopped.
 *
 * - A controller slow to clear CSTS.RDY after CC.EN=0 (nvt.ko's
 *   fault_rdy_hold_ms, since the emulated one clears it at once): the
 *   device stays "quiescing", a buffer freed meanwhile is parked, and
 *   both end when RDY reads 0.
 * - A Create I/O CQ that times out (fault_skip_admin_doorbell leaves its
 *   doorbell unrung): its rings stay parked, the controller adopts the
 *   queue with the next doorbell, and the rings are freed only once the
 *   controller is disabled.
 *
 * usage: park BDF
 */
#include <errno.h>

#include "check.h"
#include "raw.h"

static struct checks c;

static int wait_state(const char *bdf, const char *want, uint32_t ms)
{
	uint64_t end = now_ms() + ms;
	char st[32];

	do {
		sysfs_str(bdf, "state", st, sizeof(st));
		if (!strcmp(st, want))
			return 0;
		usleep(5000);
	} while (now_ms() < end);
	return -1;
}

/* sysfs parked once it is at least 1, or after @ms */
static int wait_parked(const char *bdf, uint32_t ms)
{
	uint64_t end = now_ms() + ms;
	int n;

	while ((n = sysfs_int(bdf, "parked")) < 1 && now_ms() < end)
		usleep(2000);
	return n;
}

static void slow_ready_clear(int fd, const char *bdf)
{
	struct nvt_adminq aq = { .argsz = sizeof(aq), .sq_depth = 16,
				 .cq_depth = 16 };
	struct buf b;
	uint64_t t0, took;
	char st[32];
	int ret, err;

	CHECK(&c, ctrl_enable(fd, 16) == 0, "controller enabled");
	CHECK(&c, buf_alloc(fd, 8192, &b) == 0, "a buffer");
	CHECK(&c, module_param_set("fault_rdy_hold_ms", "1500") == 0,
	      "CSTS.RDY taken as set for 1.5 s after CC.EN=0");

	t0 = now_ms();
	wreg32(fd, NVT_REG_CC, 0);
	sysfs_str(bdf, "state", st, sizeof(st));
	CHECK(&c, !strcmp(st, "quiescing"), "CC.EN=0: state %s", st);
	CHECK(&c, buf_free(fd, &b) == 0, "buffer freed by its owner");
	/* its last reference goes in a work item: give it a moment */
	CHECK(&c, wait_parked(bdf, 500) >= 1,
	      "while RDY may be set it is parked: %d", sysfs_int(bdf, "parked"));
	ret = ioctl(fd, NVT_IOC_ADMINQ_SETUP, &aq);
	err = errno;
	CHECK(&c, ret == -1 && err == EBUSY,
	      "new admin rings refused while quiescing (%s)", strerror(err));

	CHECK(&c, wait_state(bdf, "disabled", 5000) == 0,
	      "disabled once RDY reads 0");
	took = now_ms() - t0;
	CHECK(&c, took >= 1400, "not before: %llu ms",
	      (unsigned long long)took);
	CHECK(&c, sysfs_int(bdf, "parked") == 0, "parked memory freed");
	module_param_set("fault_rdy_hold_ms", "0");
}

static void create_times_out(int fd, const char *bdf)
{
	struct nvt_timeout to = { .argsz = sizeof(to),
				  .opcode = NVT_ADMIN_CREATE_CQ,
				  .timeout_ms = 300 };
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 32, .flags = NVT_Q_NO_IRQ };
	struct nvt_cmd cmd;
	struct nvt_cpl cpl[4];
	struct buf id;
	int n, got, ident_ok = 0, ret, err;
	uint64_t end;

	CHECK(&c, ctrl_enable(fd, 16) == 0, "controller enabled again");
	CHECK(&c, ioctl(fd, NVT_IOC_TIMEOUT, &to) == 0,
	      "Create I/O CQ times out after 300 ms");
	CHECK(&c, module_param_set("fault_skip_admin_doorbell", "1") == 0,
	      "the next admin doorbell is not rung");

	ret = ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc);
	err = errno;
	CHECK(&c, ret == -1 && err == EREMOTEIO &&
	      qc.status == NVT_STATUS_TIMEOUT,
	      "queue create: %s, status %#x", strerror(err), qc.status);
	CHECK(&c, sysfs_int(bdf, "parked") >= 1,
	      "the rings of the timed-out create are parked: %d",
	      sysfs_int(bdf, "parked"));

	/* the next doorbell makes the controller run the create too */
	CHECK(&c, buf_alloc(fd, 4096, &id) == 0, "an Identify buffer");
	cmd_init(&cmd, NVT_ADMIN_IDENTIFY, 0);
	cmd.sqe[10] = NVT_CNS_CTRL;
	cmd_buf(&cmd, &id, 0, 4096);
	cmd.tag = 0x1d;
	CHECK(&c, submit(fd, &cmd, 1, 0, NULL) == 0, "Identify sent");
	end = now_ms() + 5000;
	while (!ident_ok && now_ms() < end) {
		n = reap(fd, cpl, 1, 4, 1000);
		for (got = 0; got < n; got++)
			if (cpl[got].tag == 0x1d && cpl_status(&cpl[got]) == 0)
				ident_ok = 1;
	}
	CHECK(&c, ident_ok, "Identify completed");
	usleep(100000);

	qc.status = 0;
	ret = ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc);
	err = errno;
	CHECK(&c, ret == -1 && err == EREMOTEIO && qc.status == 0x101,
	      "the controller adopted CQ 1 late: a new create is refused "
	      "(%s, status %#x)", strerror(err), qc.status);
	CHECK(&c, sysfs_int(bdf, "parked") >= 1,
	      "its rings stay parked while the controller runs: %d",
	      sysfs_int(bdf, "parked"));
	buf_free(fd, &id);

	wreg32(fd, NVT_REG_CC, 0);
	CHECK(&c, wait_rdy(fd, 0) == 0, "CC.EN=0, RDY cleared");
	CHECK(&c, wait_state(bdf, "disabled", 2000) == 0, "state disabled");
	CHECK(&c, sysfs_int(bdf, "parked") == 0, "parked rings freed");
}

int main(int argc, char **argv)
{
	int fd;

	fd = bench_open(argc, argv);
	if (fd < 0)
		return fd == -2 ? 2 : 1;
	slow_ready_clear(fd, argv[1]);
	create_times_out(fd, argv[1]);
	module_param_set("fault_skip_admin_doorbell", "0");
	close(fd);
	return check_exit(&c);
}
