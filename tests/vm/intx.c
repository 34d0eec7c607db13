// SPDX-License-Identifier: MIT
/*
 * Bench test of nvt.ko on the legacy INTx line (the intx profile boots with
 * pci=nomsi): the line is level triggered and may be shared, so the driver
 * claims an interrupt only when the function asserts it and masks it at the
 * function until a reaper has run. Completions raise interrupts, an idle
 * device raises none (no storm), and the line keeps working batch after
 * batch (it is unmasked again), also when a CQ it does not know asserts
 * the line.
 *
 * usage: intx BDF   (exit 77: the device does not use INTx here)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "nvt_ioctl.h"
#include "check.h"
#include "raw.h"

static struct checks c;

static uint64_t irq_op(int fd, uint32_t op, uint32_t timeout_ms)
{
	struct nvt_irq irq = { .argsz = sizeof(irq), .op = op,
			       .timeout_ms = timeout_ms };

	if (ioctl(fd, NVT_IOC_IRQ, &irq))
		return 0;
	return irq.count;
}

/*
 * @n reads of LBA 0 on queue 1 in one batch; the line is waited for
 * before the reap (a reap that consumed the entries first would lower
 * it before the handler looked): *@irqs gets the vector's count then.
 * True if all completed ok.
 */
static int read_batch(int fd, struct buf *b, unsigned n, uint64_t *irqs)
{
	struct nvt_cmd cmd[16];
	struct nvt_cpl cpl[16];
	unsigned i, ok = 0;
	int got;

	for (i = 0; i < n; i++) {
		cmd_init(&cmd[i], NVT_NVM_READ, 1);
		cmd_buf(&cmd[i], b, 0, 512);
	}
	if (submit_q(fd, 1, cmd, n, 0, NULL))
		return 0;
	*irqs = irq_op(fd, NVT_IRQ_OP_WAIT, 2000);
	got = reap_q(fd, 1, cpl, n, n, 5000);
	for (i = 0; got > 0 && i < (unsigned)got; i++)
		ok += !cpl_status(&cpl[i]);
	return got == (int)n && ok == n;
}

static int admin_raw(int fd, uint8_t opc, uint64_t prp1, uint32_t cdw10,
		     uint32_t cdw11)
{
	struct nvt_cmd cmd;
	struct nvt_cpl cpl;

	cmd_init(&cmd, opc, 0);
	cmd.sqe[6] = (uint32_t)prp1;
	cmd.sqe[7] = prp1 >> 32;
	cmd.sqe[10] = cdw10;
	cmd.sqe[11] = cdw11;
	if (submit(fd, &cmd, 1, 0, NULL) || reap(fd, &cpl, 1, 1, 5000) != 1)
		return -1;
	return cpl_status(&cpl);
}

/*
 * A CQ the driver does not know (rings in the test's buffers, interrupts
 * on vector 0) completes a command and is left unreaped: the function
 * keeps the line asserted.  The handler must claim and mask it rather
 * than leave it to the kernel, which would disable the shared line after
 * 100 000 unclaimed interrupts ("nobody cared").
 */
static void raw_cq_on_the_line(int fd, const char *bdf, struct buf *data)
{
	uint32_t dstrd = NVT_CAP_DSTRD(reg64(fd, NVT_REG_CAP));
	uint32_t sq_db = NVT_DB_SQ(2, dstrd), cq_db = NVT_DB_CQ(2, dstrd);
	volatile uint32_t *cqe;
	struct buf cq, sq;
	char policy[16];
	uint64_t n, end;
	uint32_t *sqe;

	sysfs_str(bdf, "raw_dma_policy", policy, sizeof(policy));
	if (!strcmp(policy, "refused"))
		CHECK(&c, module_param_set("unsafe_raw_dma", "1") == 0,
		      "raw DMA allowed for this test (no IOMMU here)");
	CHECK(&c, buf_alloc(fd, 4096, &cq) == 0 && buf_alloc(fd, 4096, &sq) == 0,
	      "rings for queue 2 in the test's buffers");
	CHECK(&c, admin_raw(fd, NVT_ADMIN_CREATE_CQ, cq.dma, 3u << NVT_QSIZE_SHIFT | 2,
			    NVT_CQ_PC | NVT_CQ_IEN) == 0,
	      "raw CQ 2: 4 entries, interrupts on vector 0");
	CHECK(&c, admin_raw(fd, NVT_ADMIN_CREATE_SQ, sq.dma, 3u << NVT_QSIZE_SHIFT | 2,
			    2u << NVT_SQ_CQID_SHIFT | NVT_SQ_PC) == 0,
	      "raw SQ 2 on it");

	irq_op(fd, NVT_IRQ_OP_CLEAR, 0);
	sqe = (uint32_t *)sq.p;
	memset(sqe, 0, 64);
	sqe[0] = NVT_NVM_FLUSH | 0x77u << NVT_SQE_CID_SHIFT;
	sqe[1] = 1;
	wreg32(fd, sq_db, 1);
	cqe = (volatile uint32_t *)cq.p;
	end = now_ms() + 2000;
	while (!(cqe[3] & NVT_CQE_PHASE) && now_ms() < end)
		usleep(1000);
	CHECK(&c, (cqe[3] & NVT_CQE_PHASE) && (cqe[3] & 0xffff) == 0x77 &&
	      !nvt_cqe_status((const uint32_t *)cqe),
	      "the flush completed into raw CQ 2 (dw3 %#x)", cqe[3]);

	/* its CQ head is not rung: the line stays asserted meanwhile */
	sleep(1);
	n = irq_op(fd, NVT_IRQ_OP_COUNT, 0);
	CHECK(&c, n >= 1 && n < 1000,
	      "claimed and masked, no storm: %llu interrupts in 1 s",
	      (unsigned long long)n);
	wreg32(fd, cq_db, 1);
	usleep(10000);

	irq_op(fd, NVT_IRQ_OP_CLEAR, 0);
	CHECK(&c, read_batch(fd, data, 16, &n), "16 reads on queue 1 after it");
	CHECK(&c, n >= 1, "the line still interrupts: %llu",
	      (unsigned long long)n);

	CHECK(&c, admin_raw(fd, NVT_ADMIN_DELETE_SQ, 0, 2, 0) == 0 &&
	      admin_raw(fd, NVT_ADMIN_DELETE_CQ, 0, 2, 0) == 0,
	      "raw SQ 2 and CQ 2 deleted");
	buf_free(fd, &sq);
	buf_free(fd, &cq);
}

int main(int argc, char **argv)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 32, .vector = 0 };
	struct buf b;
	uint64_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open_dev(argv[1]);
	if (fd < 0 || ioctl(fd, NVT_IOC_INFO, &info)) {
		perror("open nvt device");
		return 1;
	}
	if (info.irq_type != NVT_IRQ_INTX) {
		printf("the device uses MSI-X or MSI here, not INTx\n");
		return 77;
	}
	CHECK(&c, info.nr_vectors == 1, "INTx: one vector");

	CHECK(&c, ctrl_enable(fd, 16) == 0,
	      "controller enabled on a 16-entry admin queue");
	CHECK(&c, ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) == 0,
	      "I/O queue 1 with interrupts on vector 0");
	CHECK(&c, buf_alloc(fd, 4096, &b) == 0, "a buffer");

	irq_op(fd, NVT_IRQ_OP_CLEAR, 0);
	CHECK(&c, read_batch(fd, &b, 16, &n), "16 reads completed");
	CHECK(&c, n >= 1, "their completions raised the line: %llu interrupts",
	      (unsigned long long)n);

	/* nothing outstanding: a line left asserted would count on and on */
	usleep(100000);
	irq_op(fd, NVT_IRQ_OP_CLEAR, 0);
	usleep(300000);
	n = irq_op(fd, NVT_IRQ_OP_COUNT, 0);
	CHECK(&c, n == 0, "idle for 300 ms: %llu interrupts",
	      (unsigned long long)n);

	/* the line was unmasked again: the next batch interrupts too */
	CHECK(&c, read_batch(fd, &b, 16, &n), "16 more reads completed");
	CHECK(&c, n >= 1, "and raised the line again: %llu interrupts",
	      (unsigned long long)n);

	raw_cq_on_the_line(fd, argv[1], &b);

	buf_free(fd, &b);
	wreg32(fd, NVT_REG_CC, 0);
	wait_rdy(fd, 0);
	close(fd);
	return check_exit(&c);
}
