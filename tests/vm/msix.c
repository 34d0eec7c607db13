// SPDX-License-Identifier: MIT
/*
 * Bench test of NVT_IOC_IRQ's MSI-X operations: a vector masked at the
 * function holds its message (the Pending Bit is set, no interrupt is
 * counted) while completions are still found by polling; unmasked, the
 * held message arrives and the Pending Bit clears.  Each queue's vector
 * counts its own completions, the admin queue's go to vector 0, and a
 * vector left masked is unmasked when its file is closed.  Where the
 * device uses MSI or INTx, the three operations say EOPNOTSUPP.
 *
 * usage: msix BDF
 */
#include <errno.h>
#include <unistd.h>

#include "check.h"
#include "raw.h"

static struct checks c;

static int irq_op(int fd, uint32_t vector, uint32_t op, uint32_t timeout_ms,
		  struct nvt_irq *out)
{
	struct nvt_irq irq = { .argsz = sizeof(irq), .op = op,
			       .vector = vector, .timeout_ms = timeout_ms };
	int ret = ioctl(fd, NVT_IOC_IRQ, &irq);

	if (out)
		*out = irq;
	return ret;
}

static uint64_t irq_count(int fd, uint32_t vector)
{
	struct nvt_irq irq;

	return irq_op(fd, vector, NVT_IRQ_OP_COUNT, 0, &irq) ? ~0ull : irq.count;
}

static uint32_t irq_flags(int fd, uint32_t vector)
{
	struct nvt_irq irq;

	return irq_op(fd, vector, NVT_IRQ_OP_PENDING, 0, &irq) ? ~0u : irq.flags;
}

/* A Flush on @qid (0: Get Features, Number of Queues), reaped by polling. */
static int one_cmd(int fd, uint32_t qid)
{
	struct nvt_cmd cmd;
	struct nvt_cpl cpl;

	if (qid) {
		cmd_init(&cmd, NVT_NVM_FLUSH, 1);
	} else {
		cmd_init(&cmd, NVT_ADMIN_GET_FEATURES, 0);
		cmd.sqe[10] = NVT_FEAT_NUM_QUEUES;
	}
	if (submit_q(fd, qid, &cmd, 1, 0, NULL) ||
	    reap_q(fd, qid, &cpl, 1, 1, 5000) != 1)
		return -1;
	return cpl_status(&cpl);
}

static int queue_create(int fd, uint32_t qid, uint32_t vector)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = qid,
				       .depth = 16, .vector = vector };

	return ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc);
}

int main(int argc, char **argv)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	struct nvt_irq irq;
	uint32_t v, w, f;
	int fd = bench_open(argc, argv), ret, ok;

	if (fd < 0)
		return 1;
	ret = ioctl(fd, NVT_IOC_INFO, &info);
	CHECK(&c, ret == 0 && info.nr_vectors, "info: %u vectors",
	      info.nr_vectors);
	if (ctrl_enable(fd, 64) || one_cmd(fd, 0)) {
		CHECK(&c, 0, "controller enabled");
		return check_exit(&c);
	}

	ret = irq_op(fd, 0, NVT_IRQ_OP_MASK, 0, NULL);
	if (ret && errno == EOPNOTSUPP) {
		CHECK(&c, irq_op(fd, 0, NVT_IRQ_OP_UNMASK, 0, NULL) &&
		      errno == EOPNOTSUPP &&
		      irq_op(fd, 0, NVT_IRQ_OP_PENDING, 0, NULL) &&
		      errno == EOPNOTSUPP,
		      "not MSI-X: MASK, UNMASK and PENDING say EOPNOTSUPP");
		CHECK(&c, irq_op(fd, 0, NVT_IRQ_OP_COUNT, 0, &irq) == 0 &&
		      irq.flags == 0, "COUNT still works, flags 0");
		printf("the device does not use MSI-X here: only EOPNOTSUPP checked\n");
		return check_exit(&c);
	}
	CHECK(&c, ret == 0 && (irq_flags(fd, 0) & NVT_IRQ_MASKED),
	      "vector 0 masked: the table's Mask bit reads set");
	/* the admin queue still works: the driver polls it */
	CHECK(&c, one_cmd(fd, 0) == 0, "admin command completes with vector 0 masked");
	CHECK(&c, queue_create(fd, 1, 1) == 0 && queue_create(fd, 2, 2) == 0 &&
	      queue_create(fd, 3, 3) == 0,
	      "queue create (the driver's own admin commands) with vector 0 masked");
	CHECK(&c, irq_op(fd, 0, NVT_IRQ_OP_UNMASK, 0, &irq) == 0 &&
	      !(irq.flags & NVT_IRQ_MASKED), "vector 0 unmasked");

	irq.argsz = sizeof(irq);
	irq.op = NVT_IRQ_OP_COUNT;
	irq.vector = 1;
	irq.reserved = 1;
	CHECK(&c, ioctl(fd, NVT_IOC_IRQ, &irq) && errno == EINVAL,
	      "reserved != 0 -> EINVAL");
	CHECK(&c, irq_op(fd, info.nr_vectors, NVT_IRQ_OP_MASK, 0, NULL) &&
	      errno == EINVAL, "vector past the last -> EINVAL");

	/* a masked vector holds the message */
	irq_op(fd, 1, NVT_IRQ_OP_CLEAR, 0, NULL);
	CHECK(&c, irq_op(fd, 1, NVT_IRQ_OP_MASK, 0, &irq) == 0 &&
	      (irq.flags & NVT_IRQ_MASKED) && !(irq.flags & NVT_IRQ_PENDING),
	      "vector 1 masked, nothing pending (flags 0x%x)", irq.flags);
	CHECK(&c, irq_op(fd, 1, NVT_IRQ_OP_MASK, 0, &irq) == 0 &&
	      (irq.flags & NVT_IRQ_MASKED), "masking again is harmless");
	CHECK(&c, one_cmd(fd, 1) == 0, "flush on qid 1 reaped by polling");
	usleep(200 * 1000);
	f = irq_flags(fd, 1);
	CHECK(&c, irq_count(fd, 1) == 0, "no interrupt counted while masked: %llu",
	      (unsigned long long)irq_count(fd, 1));
	CHECK(&c, f != ~0u && (f & NVT_IRQ_PENDING) && (f & NVT_IRQ_MASKED),
	      "the Pending Bit is set (flags 0x%x)", f);
	CHECK(&c, irq_op(fd, 1, NVT_IRQ_OP_UNMASK, 0, &irq) == 0 &&
	      !(irq.flags & NVT_IRQ_MASKED), "vector 1 unmasked");
	CHECK(&c, irq_op(fd, 1, NVT_IRQ_OP_WAIT, 2000, &irq) == 0 &&
	      irq.count == 1, "the held message arrives: count %llu",
	      (unsigned long long)irq.count);
	f = irq_flags(fd, 1);
	CHECK(&c, f != ~0u && !(f & (NVT_IRQ_PENDING | NVT_IRQ_MASKED)),
	      "Pending Bit clear after unmask (flags 0x%x)", f);

	/* each vector counts its own queue */
	for (v = 1; v <= 3; v++) {
		for (w = 0; w <= 3; w++)
			irq_op(fd, w, NVT_IRQ_OP_CLEAR, 0, NULL);
		ret = one_cmd(fd, v);
		irq_op(fd, v, NVT_IRQ_OP_WAIT, 2000, NULL);
		usleep(50 * 1000);
		for (ok = 1, w = 0; w <= 3; w++)
			if ((irq_count(fd, w) > 0) != (w == v))
				ok = 0;
		CHECK(&c, ret == 0 && ok,
		      "flush on qid %u: vector %u counts %llu, the others 0", v,
		      v, (unsigned long long)irq_count(fd, v));
	}
	for (w = 0; w <= 3; w++)
		irq_op(fd, w, NVT_IRQ_OP_CLEAR, 0, NULL);
	ret = one_cmd(fd, 0);
	irq_op(fd, 0, NVT_IRQ_OP_WAIT, 2000, NULL);
	CHECK(&c, ret == 0 && irq_count(fd, 0) > 0 && irq_count(fd, 1) == 0,
	      "admin command raises vector 0 (%llu)",
	      (unsigned long long)irq_count(fd, 0));

	/* a vector left masked is unmasked when its file goes */
	CHECK(&c, irq_op(fd, 2, NVT_IRQ_OP_MASK, 0, NULL) == 0 &&
	      (irq_flags(fd, 2) & NVT_IRQ_MASKED), "vector 2 masked");
	close(fd);
	fd = open_dev(argv[1]);
	f = fd >= 0 ? irq_flags(fd, 2) : ~0u;
	CHECK(&c, f != ~0u && !(f & NVT_IRQ_MASKED),
	      "closing the file unmasked vector 2 (flags 0x%x)", f);
	/* and one left masked at exit is unmasked by the unbind's teardown */
	irq_op(fd, 3, NVT_IRQ_OP_MASK, 0, NULL);
	return check_exit(&c);
}
