// SPDX-License-Identifier: MIT
/*
 * Bench test of libnvt's Qpair and Namespace and of nvt.ko's I/O path:
 * qpair create/delete and their sysfs entries, batched submission with
 * callbacks, waitdone timeouts, SGL segment limits, and verification's
 * LBA locks (an overlapping command waits while another is in flight).
 *
 * usage: io_path BDF
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include "check.h"
#include "raw.h"

static struct checks c;

struct seen {
	unsigned calls;
	unsigned errors;
	uint16_t last_cid;
};

static void on_cpl(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe, void *arg)
{
	struct seen *s = arg;

	(void)ctrl;
	s->calls++;
	s->errors += cqe->status != 0;
	s->last_cid = cqe->cid;
}

/* counts the warnings that report a timed-out command's late completion */
static void warn_quiet(void *arg, const char *msg)
{
	unsigned *late = arg;

	if (strstr(msg, "late completion of timed-out command"))
		(*late)++;
	printf("  warning: %s\n", msg);
}

/* /sys/class/nvt/nvtN/@rel/depth is readable */
static int sysfs_exists(const char *bdf, const char *rel)
{
	char attr[96];

	snprintf(attr, sizeof(attr), "%s/depth", rel);
	return sysfs_int(bdf, attr) > 0;
}

/* A nvt_cmd for a read of one LBA into the whole window of @buf. */
static int raw_read(struct nvt_ctrl *ctrl, uint16_t qid, uint32_t nsid,
		    uint64_t lba, uint32_t buf_id, uint64_t len)
{
	struct nvt_cmd cmd = {
		.flags = NVT_CMD_DPTR_BUF, .buf_id = buf_id,
		.buf_length = len, .tag = 0xabc,
	};
	struct nvt_submit sub = {
		.argsz = sizeof(sub), .qid = qid, .count = 1,
		.cmd_size = sizeof(cmd), .cmds = (uintptr_t)&cmd,
	};

	cmd.sqe[0] = NVT_NVM_READ;
	cmd.sqe[1] = nsid;
	cmd.sqe[10] = (uint32_t)lba;
	return ioctl(nvt_pcie_fd(nvt_ctrl_pcie(ctrl)), NVT_IOC_SUBMIT, &sub) ?
	       -errno : 0;
}

/* Dataset Management (deallocate) of [lba, lba + 1), the range in @buf. */
static int raw_dsm(struct nvt_ctrl *ctrl, uint16_t qid, uint32_t nsid,
		   uint64_t lba, struct nvt_buf *buf)
{
	struct nvt_cmd cmd = {
		.flags = NVT_CMD_DPTR_BUF, .buf_id = nvt_buf_id(buf),
		.buf_length = 16, .tag = 0xdd,
	};
	struct nvt_submit sub = {
		.argsz = sizeof(sub), .qid = qid, .count = 1,
		.cmd_size = sizeof(cmd), .cmds = (uintptr_t)&cmd,
	};

	nvt_buf_set_dsm_range(buf, 0, lba, 1, 0);
	cmd.sqe[0] = NVT_NVM_DSM;
	cmd.sqe[1] = nsid;
	cmd.sqe[11] = NVT_DSM_AD;
	return ioctl(nvt_pcie_fd(nvt_ctrl_pcie(ctrl)), NVT_IOC_SUBMIT, &sub) ?
	       -errno : 0;
}

static int raw_reap(struct nvt_ctrl *ctrl, uint16_t qid, struct nvt_cpl *cpl)
{
	struct nvt_reap rp = {
		.argsz = sizeof(rp), .qid = qid, .min = 1, .max = 1,
		.timeout_ms = 5000, .cpl_size = sizeof(*cpl),
		.cpls = (uintptr_t)cpl,
	};

	if (ioctl(nvt_pcie_fd(nvt_ctrl_pcie(ctrl)), NVT_IOC_REAP, &rp))
		return -errno;
	return rp.count;
}

int main(int argc, char **argv)
{
	struct nvt_ctrl_opts co;
	struct nvt_qpair_opts qo;
	struct nvt_qpair *q, *lazy, *other;
	unsigned late_warnings = 0, i;
	uint64_t base;
	bool zoned;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_buf *buf, *one, *rbuf;
	struct seen seen = { 0 };
	struct nvt_ns *ns;
	struct nvt_cpl cpl;
	char err[512], rel[64], dbrel[80];
	uint32_t bytes;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = warn_quiet;
	co.warn_arg = &late_warnings;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err))) {
		printf("not ok 1 - open: %s\n", err);
		return 1;
	}
	ret = nvt_ns_open(ctrl, nvt_ctrl_ns_id(ctrl, 0), &ns);
	if (!CHECK(&c, ret == 0, "namespace %u: %s", nvt_ctrl_ns_id(ctrl, 0),
		   ret ? nvt_ctrl_error(ctrl) : "open"))
		return check_exit(&c);
	bytes = nvt_ns_sector_size(ns);
	zoned = nvt_ns_csi(ns) == 2;

	/* create: sysfs shows the pair, delete removes it */
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 128;
	ret = nvt_qpair_create(ctrl, &qo, &q);
	if (!CHECK(&c, ret == 0, "qpair created: %s",
		   ret ? nvt_ctrl_error(ctrl) : "yes"))
		return check_exit(&c);
	CHECK(&c, nvt_qpair_id(q) >= 1 && nvt_qpair_depth(q) == 128,
	      "qid %u, depth %u", nvt_qpair_id(q), nvt_qpair_depth(q));
	snprintf(rel, sizeof(rel), "queues/sq%u", nvt_qpair_id(q));
	CHECK(&c, sysfs_exists(argv[1], rel), "sysfs %s exists", rel);
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 1;
	CHECK(&c, nvt_qpair_create(ctrl, &qo, &other) == -EINVAL &&
	      strstr(nvt_ctrl_error(ctrl), "queue depth 1"),
	      "depth 1 refused: %s", nvt_ctrl_error(ctrl));
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 16;
	qo.qid = nvt_qpair_id(q);
	CHECK(&c, nvt_qpair_create(ctrl, &qo, &other) < 0,
	      "a qid in use refused: %s", nvt_ctrl_error(ctrl));

	/* a zoned namespace takes writes at its write pointers: start empty */
	if (zoned)
		CHECK(&c, nvt_ns_zone_send(ns, q, 0, 4, true, NULL, NULL, NULL) == 0 &&
		      nvt_qpair_waitdone(q, 1, 5000, NULL) == 0 &&
		      nvt_qpair_latest_status(q) == 0, "zoned: all zones reset");
	base = zoned ? 100 : 3000;	/* after the 100 writes below */

	/* a batch of 100 writes, one waitdone, every callback */
	CHECK(&c, nvt_buf_alloc(pcie, 100 * (size_t)bytes, &buf) == 0,
	      "100-LBA buffer");
	nvt_buf_fill(buf, NVT_PAT_INC16, 7);
	for (i = 0; i < 100; i++) {
		struct nvt_io io = { .lba = i, .count = 1, .cb = on_cpl,
				     .arg = &seen };

		nvt_buf_set_window(buf, (size_t)i * bytes, bytes);
		io.data.buf = buf;
		if (nvt_ns_write(ns, q, &io))
			break;
	}
	CHECK(&c, i == 100 && nvt_qpair_outstanding(q) == 100,
	      "100 writes queued (%u outstanding)", nvt_qpair_outstanding(q));
	ret = nvt_qpair_waitdone(q, 100, 10000, NULL);
	CHECK(&c, ret == 0 && seen.calls == 100 && !seen.errors &&
	      nvt_qpair_outstanding(q) == 0,
	      "waitdone(100): %u callbacks, %u errors", seen.calls,
	      seen.errors);
	/* the qpair's message is its own: the controller's is untouched */
	CHECK(&c, nvt_qpair_waitdone(q, 1, 100, NULL) == -EINVAL &&
	      strstr(nvt_qpair_error(q), "waitdone(1) on qpair") &&
	      !strstr(nvt_ctrl_error(ctrl), "waitdone"),
	      "waitdone with nothing outstanding: qpair '%s', controller '%s'",
	      nvt_qpair_error(q), nvt_ctrl_error(ctrl));
	/* a namespace's own check, and a qpair's failure passed on to it */
	{
		struct nvt_io io = { .lba = 0, .count = 0 };

		CHECK(&c, nvt_ns_read(ns, q, &io) == -EINVAL &&
		      strstr(nvt_ns_error(ns), "0 LBAs") &&
		      !strstr(nvt_qpair_error(q), "0 LBAs") &&
		      !strstr(nvt_ctrl_error(ctrl), "0 LBAs"),
		      "a read of 0 LBAs: namespace '%s'", nvt_ns_error(ns));
	}
	CHECK(&c, nvt_qpair_cmdlog(q, 2, stdout) >= 0, "qpair cmdlog");

	/* SGL: a segment list longer than nvt.ko builds is refused */
	nvt_buf_set_window(buf, 0, 100 * (size_t)bytes);
	{
		struct nvt_io io = { .lba = 0, .count = 100 };

		io.data.buf = buf;
		io.data.dptr = NVT_DPTR_SGL;
		io.data.sgl_block = 16;
		ret = nvt_ns_read(ns, q, &io);
		if (!ret)
			ret = nvt_qpair_flush(q);
		CHECK(&c, ret == -E2BIG, "%u SGL data blocks refused: %s", 100 * bytes / 16,
		      nvt_qpair_error(q));
	}

	/* LBA locks: a write held back by a lazy doorbell blocks overlaps */
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 8;
	qo.lazy_doorbell = true;
	CHECK(&c, nvt_ns_datacheck_enable(ns, true, 0) == 0, "verification on");
	CHECK(&c, nvt_qpair_create(ctrl, &qo, &lazy) == 0, "lazy qpair");
	/* reads land elsewhere: @one is the pending write's data */
	CHECK(&c, nvt_buf_alloc(pcie, bytes, &one) == 0 &&
	      nvt_buf_alloc(pcie, bytes, &rbuf) == 0, "one-LBA buffers");
	{
		struct nvt_io io = { .lba = base, .count = 1 };

		io.data.buf = one;
		CHECK(&c, nvt_ns_write(ns, lazy, &io) == 0 &&
		      nvt_qpair_flush(lazy) == 0,
		      "write sent, its doorbell not rung");
	}
	ret = raw_read(ctrl, nvt_qpair_id(q), nvt_ns_id(ns), base,
		       nvt_buf_id(rbuf), bytes);
	CHECK(&c, ret == -EBUSY, "an overlapping read waits (%d)", ret);
	ret = raw_dsm(ctrl, nvt_qpair_id(q), nvt_ns_id(ns), base, rbuf);
	CHECK(&c, ret == -EBUSY, "so does a deallocation of its LBA (%d)", ret);
	ret = raw_dsm(ctrl, nvt_qpair_id(q), nvt_ns_id(ns), base + 10, rbuf);
	CHECK(&c, ret == 0 && raw_reap(ctrl, nvt_qpair_id(q), &cpl) == 1,
	      "a deallocation elsewhere does not (%d)", ret);
	ret = raw_read(ctrl, nvt_qpair_id(q), nvt_ns_id(ns), base + 1,
		       nvt_buf_id(rbuf), bytes);
	CHECK(&c, ret == 0 && raw_reap(ctrl, nvt_qpair_id(q), &cpl) == 1 &&
	      nvt_cqe_status(cpl.cqe) == 0,
	      "a read of the next LBA does not");
	snprintf(dbrel, sizeof(dbrel), "queues/sq%u/doorbell_writes",
		 nvt_qpair_id(lazy));
	CHECK(&c, sysfs_int(argv[1], dbrel) == 0,
	      "the lazy SQ's doorbell register not written yet (%d)",
	      sysfs_int(argv[1], dbrel));
	CHECK(&c, nvt_qpair_waitdone(lazy, 1, 5000, NULL) == 0 &&
	      nvt_qpair_latest_status(lazy) == 0,
	      "the write completes once its queue is reaped");
	CHECK(&c, sysfs_int(argv[1], dbrel) == 1,
	      "its doorbell register written once, at the reap (%d)",
	      sysfs_int(argv[1], dbrel));
	ret = raw_read(ctrl, nvt_qpair_id(q), nvt_ns_id(ns), base,
		       nvt_buf_id(rbuf), bytes);
	CHECK(&c, ret == 0 && raw_reap(ctrl, nvt_qpair_id(q), &cpl) == 1 &&
	      nvt_cqe_status(cpl.cqe) == 0,
	      "then the overlapping read goes and verifies");
	nvt_ns_datacheck_disable(ns);

	/*
	 * Timeouts: a read queued without its doorbell never reaches the
	 * controller, so it times out (07/ff); the next submission rings it
	 * late, and the queue keeps working.
	 */
	CHECK(&c, nvt_ctrl_set_opcode_timeout(ctrl, NVT_NVM_READ, true, 200) == 0,
	      "read timeout 200 ms");
	{
		struct nvt_cmd cmd = {
			.flags = NVT_CMD_DPTR_BUF, .buf_id = nvt_buf_id(one),
			.buf_length = bytes, .tag = 0x77,
		};
		struct nvt_submit sub = {
			.argsz = sizeof(sub), .qid = nvt_qpair_id(q),
			.count = 1, .flags = NVT_SUBMIT_NO_DOORBELL,
			.cmd_size = sizeof(cmd), .cmds = (uintptr_t)&cmd,
		};
		struct nvt_io io = { .lba = 9, .count = 1 };
		uint64_t t0 = 0, t1 = 0;
		unsigned before = late_warnings;

		cmd.sqe[0] = NVT_NVM_READ;
		cmd.sqe[1] = nvt_ns_id(ns);
		cmd.sqe[10] = 8;
		CHECK(&c, ioctl(nvt_pcie_fd(pcie), NVT_IOC_SUBMIT, &sub) == 0,
		      "read queued without a doorbell");
		ret = raw_reap(ctrl, nvt_qpair_id(q), &cpl);
		t0 = cpl.submit_ns;
		t1 = cpl.complete_ns;
		CHECK(&c, ret == 1 && (cpl.flags & NVT_CPL_TIMEOUT) &&
		      nvt_cqe_status(cpl.cqe) == NVT_STATUS_TIMEOUT &&
		      t1 - t0 >= 200000000ull && t1 - t0 < 1500000000ull,
		      "it completes as 07/ff after %llu ms",
		      (unsigned long long)((t1 - t0) / 1000000));
		io.data.buf = one;
		CHECK(&c, nvt_ns_read(ns, q, &io) == 0 &&
		      nvt_qpair_waitdone(q, 1, 5000, NULL) == 0 &&
		      nvt_qpair_latest_status(q) == 0,
		      "the queue keeps working");
		/* the late completion of the first read comes in too */
		for (i = 0; i < 20 && late_warnings == before; i++) {
			io.lba = 10 + i;
			if (nvt_ns_read(ns, q, &io) ||
			    nvt_qpair_waitdone(q, 1, 5000, NULL))
				break;
		}
		CHECK(&c, late_warnings == before + 1,
		      "its late completion is a warning, once");
	}
	nvt_ctrl_restore_timeouts(ctrl);

	/* a batch on the lazy queue: six commands, one doorbell write */
	snprintf(dbrel, sizeof(dbrel), "queues/sq%u/doorbell_writes",
		 nvt_qpair_id(lazy));
	{
		int before = sysfs_int(argv[1], dbrel);
		struct nvt_io io = { .count = 1 };
		int sent = 0;

		io.data.buf = rbuf;
		for (i = 0; i < 6; i++) {
			io.lba = base + 20 + i;
			sent += nvt_ns_read(ns, lazy, &io) == 0;
		}
		CHECK(&c, sent == 6 && nvt_qpair_flush(lazy) == 0 &&
		      nvt_qpair_waitdone(lazy, 6, 5000, NULL) == 0 &&
		      nvt_qpair_latest_status(lazy) == 0,
		      "six reads on the lazy queue complete");
		CHECK(&c, sysfs_int(argv[1], dbrel) == before + 1,
		      "with one doorbell write (%d before, %d after)", before,
		      sysfs_int(argv[1], dbrel));
	}
	CHECK(&c, nvt_qpair_delete(lazy) == 0, "lazy qpair deleted");
	CHECK(&c, nvt_qpair_delete(q) == 0 && !sysfs_exists(argv[1], rel),
	      "qpair deleted, %s gone", rel);
	nvt_buf_free(one);
	nvt_buf_free(rbuf);
	nvt_buf_free(buf);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
