// SPDX-License-Identifier: MIT
/*
 * Bench test of nvt.ko's raw I/O queues (NVT_IOC_RAWQ): rings in the
 * test's own buffers, entries and doorbells written by the test, phase
 * tags polled in the mapping.  Wraps of 2- and 3-entry rings, queues of
 * different sizes, a full SQ, three SQs on one CQ, one CID twice, the
 * Invalid Doorbell AER, the controller's refusals (PC=0 with CAP.CQR=1,
 * an unaligned ring), queue IDs the driver holds, the sealed ring buffer
 * where raw DMA is refused, a reset under raw queues, and a process
 * killed in the middle of raw work.
 *
 * Queue IDs stay within the I/O queue pairs the controller allocates
 * (Number of Queues), the high ones at the top of that range; with fewer
 * than 3 the test skips (exit 77).
 *
 * usage: rawq BDF   (raw DMA as the module's raw_dma_policy says)
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "check.h"
#include "raw.h"

static struct checks c;
static const char *bdf;
static int sealed;		/* raw DMA refused: SQ rings are sealed */
static int data_ok;		/* entries may point at data */
/*
 * The I/O queue pairs the controller allocated (Set Features Number of
 * Queues, the lower of NSQA and NCQA, plus one): the test's queue IDs are
 * 1..ioqs, the high ones at the top of that range.
 */
static uint32_t ioqs;

static int rawq(int fd, struct nvt_rawq *r)
{
	r->argsz = sizeof(*r);
	return ioctl(fd, NVT_IOC_RAWQ, r);
}

static int create_cq(int fd, uint32_t qid, uint32_t size, struct buf *b,
		     uint64_t off, uint32_t cdw11, uint32_t *status)
{
	struct nvt_rawq r = { .op = NVT_RAWQ_CREATE_CQ,
			      .cdw10 = ((size - 1) << 16) | qid,
			      .cdw11 = cdw11, .buf_id = b->id,
			      .buf_offset = off };
	int ret = rawq(fd, &r);

	if (status)
		*status = r.status;
	return ret;
}

/* a physically contiguous CQ, no interrupts */
static int cq_make(int fd, uint32_t qid, uint32_t size, struct buf *b,
		   uint64_t off)
{
	return create_cq(fd, qid, size, b, off, NVT_CQ_PC, NULL);
}

static int create_sq(int fd, uint32_t qid, uint32_t size, uint32_t cqid,
		     struct buf *b, uint64_t off, uint32_t pc,
		     uint32_t *status)
{
	struct nvt_rawq r = { .op = NVT_RAWQ_CREATE_SQ,
			      .cdw10 = ((size - 1) << 16) | qid,
			      .cdw11 = (cqid << 16) | pc, .buf_id = b->id,
			      .buf_offset = off };
	int ret = rawq(fd, &r);

	if (status)
		*status = r.status;
	return ret;
}

static int sq_make(int fd, uint32_t qid, uint32_t size, uint32_t cqid,
		   struct buf *b, uint64_t off)
{
	return create_sq(fd, qid, size, cqid, b, off, NVT_SQ_PC, NULL);
}

static int del(int fd, uint32_t op, uint32_t qid)
{
	struct nvt_rawq r = { .op = op, .qid = qid };

	return rawq(fd, &r);
}

static int sqe_put(int fd, uint32_t qid, uint32_t index, const uint32_t *sqe)
{
	struct nvt_rawq r = { .op = NVT_RAWQ_SQE, .qid = qid, .index = index };

	memcpy(r.sqe, sqe, sizeof(r.sqe));
	return rawq(fd, &r);
}

static int db(int fd, uint32_t op, uint32_t qid, uint32_t value)
{
	struct nvt_rawq r = { .op = op, .qid = qid, .value = value };

	return rawq(fd, &r);
}

static void sqe_flush(uint32_t *sqe, uint16_t cid)
{
	memset(sqe, 0, 64);
	sqe[0] = NVT_NVM_FLUSH | ((uint32_t)cid << NVT_SQE_CID_SHIFT);
	sqe[1] = 1;
}

static void sqe_rw(uint32_t *sqe, uint8_t opc, uint16_t cid, uint64_t slba,
		   uint64_t prp1)
{
	memset(sqe, 0, 64);
	sqe[0] = opc | ((uint32_t)cid << NVT_SQE_CID_SHIFT);
	sqe[1] = 1;
	sqe[6] = (uint32_t)prp1;
	sqe[7] = prp1 >> 32;
	sqe[10] = (uint32_t)slba;
	sqe[11] = slba >> 32;
	sqe[12] = 0;		/* one block */
}

/* What the test knows of a raw CQ: where the next entry comes. */
struct rcq {
	uint32_t qid, size, head;
	uint32_t phase;
	volatile uint32_t *ring;
};

static void rcq_init(struct rcq *q, uint32_t qid, uint32_t size,
		     struct buf *b, uint64_t off)
{
	q->qid = qid;
	q->size = size;
	q->head = 0;
	q->phase = 1;
	q->ring = (volatile uint32_t *)(b->p + off);
}

/* Wait for the next CQE (phase tag), copy it and advance; 0 or -1. */
static int rcq_next(struct rcq *q, uint32_t *cqe, uint32_t timeout_ms)
{
	uint64_t end = now_ms() + timeout_ms;
	volatile uint32_t *e = q->ring + q->head * 4;

	while (((e[3] >> 16) & 1) != q->phase) {
		if (now_ms() > end)
			return -1;
		usleep(100);
	}
	__sync_synchronize();
	cqe[0] = e[0];
	cqe[1] = e[1];
	cqe[2] = e[2];
	cqe[3] = e[3];
	if (++q->head == q->size) {
		q->head = 0;
		q->phase ^= 1;
	}
	return 0;
}

/* Nothing new within @ms? */
static int rcq_quiet(struct rcq *q, uint32_t ms)
{
	uint32_t cqe[4];
	struct rcq copy = *q;

	return rcq_next(&copy, cqe, ms) != 0;
}

static int ctrl_init(int fd)
{
	uint32_t dw0 = 0;
	int ret;

	if (ctrl_enable(fd, 64))
		return -1;
	ret = admin_cmd(fd, NVT_ADMIN_SET_FEATURES, NVT_FEAT_NUM_QUEUES,
			0x003f003f, &dw0);
	if (!ret)
		ioqs = (dw0 & 0xffff) < (dw0 >> 16) ? (dw0 & 0xffff) + 1 :
						      (dw0 >> 16) + 1;
	return ret;
}

/*
 * A CQ and an SQ of @cq_size and @sq_size entries (IDs @qid), @n Flush
 * commands one at a time: each completion's phase tag, SQHD, SQID and
 * CID, over several passes of both rings.
 */
static void wrap(int fd, uint32_t qid, uint32_t cq_size, uint32_t sq_size,
		 uint32_t n)
{
	struct buf cb, sb;
	struct rcq cq;
	uint32_t sqe[16], cqe[4], tail = 0, i, bad = 0, flips = 0;
	uint32_t last_phase = 1;

	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 4096, &sb)) {
		CHECK(&c, 0, "buffers for the %u/%u rings", cq_size, sq_size);
		return;
	}
	CHECK(&c, cq_make(fd, qid, cq_size, &cb, 0) == 0,
	      "raw CQ %u of %u entries", qid, cq_size);
	CHECK(&c, sq_make(fd, qid, sq_size, qid, &sb, 0) == 0,
	      "raw SQ %u of %u entries on it", qid, sq_size);
	rcq_init(&cq, qid, cq_size, &cb, 0);
	for (i = 0; i < n; i++) {
		uint32_t want_phase = cq.phase;

		sqe_flush(sqe, 0x100 + i);
		if (sqe_put(fd, qid, tail, sqe)) {
			bad++;
			break;
		}
		tail = (tail + 1) % sq_size;
		if (db(fd, NVT_RAWQ_SQ_TAIL, qid, tail) ||
		    rcq_next(&cq, cqe, 5000)) {
			bad++;
			break;
		}
		if (((cqe[3] >> 16) & 1) != want_phase ||
		    (cqe[3] & 0xffff) != 0x100 + i ||
		    nvt_cqe_status(cqe) != 0 ||
		    (cqe[2] & 0xffff) != tail || (cqe[2] >> 16) != qid) {
			printf("# command %u: cqe %08x %08x %08x %08x (SQHD %u wanted, phase %u)\n",
			       i, cqe[0], cqe[1], cqe[2], cqe[3], tail,
			       want_phase);
			bad++;
		}
		flips += want_phase != last_phase;
		last_phase = want_phase;
		if (db(fd, NVT_RAWQ_CQ_HEAD, qid, cq.head))
			bad++;
	}
	CHECK(&c, !bad && i == n,
	      "CQ %u / SQ %u entries: %u commands, phase tag, SQHD, SQID and CID right across the wraps",
	      cq_size, sq_size, n);
	CHECK(&c, flips == (n - 1) / cq_size,
	      "the phase tag inverted %u times over %u commands (%u wanted)",
	      flips, n, (n - 1) / cq_size);
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_SQ, qid) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, qid) == 0, "SQ and CQ %u deleted",
	      qid);
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/* An SQ whose tail is one behind its head: full, and every entry runs. */
static void full_sq(int fd)
{
	struct buf cb, sb;
	struct rcq cq;
	uint32_t sqe[16], cqe[4], i, ok = 0, sqhd = 0;

	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 4096, &sb))
		return;
	cq_make(fd, 1, 8, &cb, 0);
	sq_make(fd, 1, 4, 1, &sb, 0);
	rcq_init(&cq, 1, 8, &cb, 0);
	for (i = 0; i < 3; i++) {
		sqe_flush(sqe, 40 + i);
		sqe_put(fd, 1, i, sqe);
	}
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, 1, 3) == 0,
	      "tail 3 of a 4-entry SQ at head 0 (full) is rung");
	/* any order; SQHD past the entry, at most the tail, never back */
	for (i = 0; i < 3; i++) {
		uint32_t cid, hd;

		if (rcq_next(&cq, cqe, 5000))
			break;
		cid = cqe[3] & 0xffff;
		hd = cqe[2] & 0xffff;
		if (cid >= 40 && cid < 43 && !nvt_cqe_status(cqe) &&
		    hd >= cid - 40 + 1 && hd <= 3 && hd >= sqhd)
			ok |= 1u << (cid - 40);
		else
			printf("# cqe %08x %08x %08x %08x\n", cqe[0], cqe[1],
			       cqe[2], cqe[3]);
		sqhd = hd;
	}
	CHECK(&c, ok == 7, "all 3 entries of the full SQ completed (last SQHD %u)",
	      sqhd);
	db(fd, NVT_RAWQ_CQ_HEAD, 1, cq.head);
	del(fd, NVT_RAWQ_DELETE_SQ, 1);
	del(fd, NVT_RAWQ_DELETE_CQ, 1);
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/*
 * Three SQs on one CQ (the rings in one buffer each kind): a write on SQ 1,
 * then reads of it on SQs 2 and 3; and one CID twice in one SQ.
 */
static void multi_sq(int fd, struct buf *data)
{
	struct buf cb, sb;
	struct rcq cq;
	uint32_t sqe[16], cqe[4], i, seen = 0, sqids = 0, dup = 0;
	const char *msg = "hello world";

	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 3 * 4096, &sb))
		return;
	CHECK(&c, cq_make(fd, 1, 10, &cb, 0) == 0, "CQ 1 of 10 entries");
	for (i = 1; i <= 3; i++)
		CHECK(&c, sq_make(fd, i, 10, 1, &sb, (i - 1) * 4096) == 0,
		      "SQ %u of 10 entries on CQ 1", i);
	rcq_init(&cq, 1, 10, &cb, 0);

	if (data_ok) {
		memset(data->p, 0, 3 * 4096);
		memcpy(data->p + 10, msg, strlen(msg));
		sqe_rw(sqe, NVT_NVM_WRITE, 1, 0, data->dma);
		CHECK(&c, sqe_put(fd, 1, 0, sqe) == 0, "a write into SQ 1");
		db(fd, NVT_RAWQ_SQ_TAIL, 1, 1);
		CHECK(&c, !rcq_next(&cq, cqe, 5000) && !nvt_cqe_status(cqe) &&
		      (cqe[2] >> 16) == 1, "the write completed from SQ 1");
		sqe_rw(sqe, NVT_NVM_READ, 2, 0, data->dma + 4096);
		sqe_put(fd, 2, 0, sqe);
		sqe_rw(sqe, NVT_NVM_READ, 3, 0, data->dma + 8192);
		sqe_put(fd, 3, 0, sqe);
	} else {
		for (i = 1; i <= 3; i++) {
			sqe_flush(sqe, i);
			sqe_put(fd, i, 0, sqe);
		}
		db(fd, NVT_RAWQ_SQ_TAIL, 1, 1);
		seen = !rcq_next(&cq, cqe, 5000) && (cqe[2] >> 16) == 1;
		CHECK(&c, seen, "a flush completed from SQ 1");
	}
	db(fd, NVT_RAWQ_SQ_TAIL, 2, 1);
	db(fd, NVT_RAWQ_SQ_TAIL, 3, 1);
	for (i = 0; i < 2; i++)
		if (!rcq_next(&cq, cqe, 5000) && !nvt_cqe_status(cqe))
			sqids |= 1u << (cqe[2] >> 16);
	CHECK(&c, sqids == ((1u << 2) | (1u << 3)),
	      "SQs 2 and 3 completed into CQ 1 (SQIDs %#x)", sqids);
	if (data_ok)
		CHECK(&c, !memcmp(data->p + 4096 + 10, msg, strlen(msg)) &&
		      !memcmp(data->p + 8192 + 10, msg, strlen(msg)),
		      "both reads returned what SQ 1 wrote");
	db(fd, NVT_RAWQ_CQ_HEAD, 1, cq.head);

	/* one CID twice, in the entries that follow on SQ 1 */
	if (data_ok)
		sqe_rw(sqe, NVT_NVM_READ, 7, 0, data->dma + 4096);
	else
		sqe_flush(sqe, 7);
	sqe_put(fd, 1, 1, sqe);
	sqe_put(fd, 1, 2, sqe);
	db(fd, NVT_RAWQ_SQ_TAIL, 1, 3);
	for (i = 0; i < 2; i++)
		dup += !rcq_next(&cq, cqe, 5000) && (cqe[3] & 0xffff) == 7 &&
		       (cqe[2] >> 16) == 1;
	CHECK(&c, dup == 2, "two commands with CID 7: both completions carry it (%u)",
	      dup);
	db(fd, NVT_RAWQ_CQ_HEAD, 1, cq.head);
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_CQ, 1) && errno == EREMOTEIO,
	      "CQ 1 is not deleted while its SQs exist (the controller refuses)");
	for (i = 1; i <= 3; i++)
		del(fd, NVT_RAWQ_DELETE_SQ, i);
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_CQ, 1) == 0, "then it is");
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/* Reap one AER completion of the admin queue; its dw0, or -1. */
static int64_t aer_reap(int fd, uint32_t timeout_ms)
{
	struct nvt_cpl cpl;

	if (reap(fd, &cpl, 1, 1, timeout_ms) != 1)
		return -1;
	if (!(cpl.flags & NVT_CPL_AER))
		return -2;
	return cpl.cqe[0];
}

/*
 * Get Log Page 01h (which clears an Error event); its status, or -1.
 * *@aers counts the AERs that completed meanwhile.
 */
static int error_log(int fd, struct buf *b, unsigned *aers)
{
	struct nvt_cmd cmd;
	struct nvt_cpl cpl;
	int i;

	cmd_init(&cmd, NVT_ADMIN_GET_LOG_PAGE, 0xffffffff);
	cmd_buf(&cmd, b, 0, 4096);
	cmd.sqe[10] = (((4096 / 4) - 1) << 16) | NVT_LID_ERROR;
	if (submit(fd, &cmd, 1, 0, NULL))
		return -1;
	for (i = 0; i < 4; i++) {
		if (reap(fd, &cpl, 1, 1, 5000) != 1)
			return -1;
		if (!(cpl.flags & NVT_CPL_AER))
			return cpl_status(&cpl);
		++*aers;
	}
	return -1;
}

/*
 * Doorbell writes the controller must report: a tail past the SQ's size
 * (Invalid Doorbell Write Value) and a doorbell of no queue (Invalid
 * Doorbell Register), each an Error AER that Get Log Page 01h clears.
 */
static void invalid_doorbell(int fd, struct buf *log)
{
	struct nvt_cmd cmd;
	struct buf cb, sb;
	unsigned aers = 0;
	int64_t dw0;

	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 4096, &sb))
		return;
	cq_make(fd, 2, 4, &cb, 0);
	sq_make(fd, 2, 4, 2, &sb, 0);
	cmd_init(&cmd, NVT_ADMIN_ASYNC_EVENT, 0);
	CHECK(&c, submit(fd, &cmd, 1, 0, NULL) == 0, "an AER is outstanding");
	CHECK(&c, aer_reap(fd, 300) == -1, "no event before the bad doorbell");
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, 2, 9) == 0,
	      "tail 9 written to the 4-entry SQ 2");
	dw0 = aer_reap(fd, 5000);
	CHECK(&c, dw0 >= 0 && NVT_AER_TYPE(dw0) == NVT_AER_TYPE_ERROR &&
	      NVT_AER_INFO(dw0) == NVT_AER_ERR_INVALID_DB_VALUE &&
	      NVT_AER_LID(dw0) == NVT_LID_ERROR,
	      "AER: Error, Invalid Doorbell Write Value, log 01h (dw0 %#llx)",
	      (long long)dw0);
	/* masked until the log is read */
	db(fd, NVT_RAWQ_SQ_TAIL, 2, 9);
	CHECK(&c, aer_reap(fd, 500) == -1,
	      "the same event again before the log is read: no AER");
	CHECK(&c, error_log(fd, log, &aers) == 0, "Get Log Page 01h");
	/* the event held while masked may come now: read its log too */
	if (aer_reap(fd, 500) >= 0 || aers)
		error_log(fd, log, &aers);
	/* the driver re-armed the AER: let the controller fetch it */
	usleep(200000);
	CHECK(&c, db(fd, NVT_RAWQ_CQ_HEAD, 30, 1) == 0,
	      "a CQ head doorbell of queue 30, which no queue has");
	dw0 = aer_reap(fd, 5000);
	CHECK(&c, dw0 >= 0 && NVT_AER_TYPE(dw0) == NVT_AER_TYPE_ERROR &&
	      NVT_AER_INFO(dw0) == NVT_AER_ERR_INVALID_DB_REG,
	      "after the log was read: AER Error, Invalid Doorbell Register (dw0 %#llx)",
	      (long long)dw0);
	CHECK(&c, error_log(fd, log, &aers) == 0, "Get Log Page 01h again");
	del(fd, NVT_RAWQ_DELETE_SQ, 2);
	del(fd, NVT_RAWQ_DELETE_CQ, 2);
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/* What the controller must refuse, and how the driver takes it. */
static void refusals(int fd)
{
	uint64_t cap = reg64(fd, NVT_REG_CAP);
	uint32_t status = 0;
	struct buf b;
	int ret;

	if (buf_alloc(fd, 8192, &b))
		return;
	if (NVT_CAP_CQR(cap)) {
		ret = create_cq(fd, 3, 8, &b, 0, 0, &status);
		CHECK(&c, ret && errno == EREMOTEIO &&
		      status == NVT_SC_INVALID_FIELD,
		      "CQ with PC=0 where CAP.CQR=1: Invalid Field (status %03x)",
		      status);
		cq_make(fd, 3, 8, &b, 0);
		ret = create_sq(fd, 3, 8, 3, &b, 4096, 0, &status);
		CHECK(&c, ret && errno == EREMOTEIO &&
		      status == NVT_SC_INVALID_FIELD,
		      "SQ with PC=0 where CAP.CQR=1: Invalid Field (status %03x)",
		      status);
		del(fd, NVT_RAWQ_DELETE_CQ, 3);
	}
	CHECK(&c, sq_make(fd, 3, 8, ioqs, &b, 0) && errno == EREMOTEIO,
	      "SQ on CQ %u, which does not exist: the controller refuses", ioqs);
	CHECK(&c, cq_make(fd, 3, 8, &b, 8192 - 64) && errno == EINVAL,
	      "a ring that does not fit in its buffer -> EINVAL");
	CHECK(&c, cq_make(fd, 3, 8, &b, 8192) && errno == EINVAL,
	      "a ring past the buffer -> EINVAL");

	/* the spec: PRP Entry 1's offset shall be 0h; whether it refuses is its own */
	ret = create_cq(fd, 3, 8, &b, 64, NVT_CQ_PC, &status);
	CHECK(&c, !ret || (errno == EREMOTEIO && status),
	      "CQ ring at offset 64: %s (status %03x)",
	      ret ? "refused" : "accepted", status);
	if (!ret)
		del(fd, NVT_RAWQ_DELETE_CQ, 3);
	CHECK(&c, cq_make(fd, 3, 8, &b, 0) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, 3) == 0,
	      "CQ 3 made and deleted afterwards at offset 0");
	buf_free(fd, &b);
}

static int queue_create(int fd, uint32_t qid, uint32_t *got)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = qid,
				       .depth = 16, .flags = NVT_Q_NO_IRQ };
	int ret = ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc);

	if (got)
		*got = qc.qid;
	return ret;
}

static int queue_delete(int fd, uint32_t qid)
{
	struct nvt_queue_delete qd = { .argsz = sizeof(qd), .qid = qid };

	return ioctl(fd, NVT_IOC_QUEUE_DELETE, &qd);
}

/* Queue IDs the driver holds, and the ones raw queues hold. */
static void qids(int fd)
{
	struct buf b;
	uint32_t got = 0;
	struct nvt_dbbuf dbb = { .argsz = sizeof(dbb) };
	int ret;

	if (buf_alloc(fd, 8192, &b))
		return;
	CHECK(&c, queue_create(fd, 1, NULL) == 0, "the driver's queue pair 1");
	CHECK(&c, cq_make(fd, 1, 8, &b, 0) && errno == EBUSY,
	      "raw CQ 1 -> EBUSY");
	CHECK(&c, sq_make(fd, 1, 8, 2, &b, 4096) && errno == EBUSY,
	      "raw SQ 1 -> EBUSY");
	CHECK(&c, cq_make(fd, 2, 8, &b, 0) == 0, "raw CQ 2");
	CHECK(&c, sq_make(fd, 3, 8, 1, &b, 4096) && errno == EBUSY,
	      "raw SQ 3 on the driver's CQ 1 -> EBUSY");
	CHECK(&c, cq_make(fd, 0, 8, &b, 0) && errno == EBUSY,
	      "raw CQ 0 (the admin queue's ID) -> EBUSY");
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, 1, 0) && errno == EBUSY &&
	      db(fd, NVT_RAWQ_CQ_HEAD, 1, 0) && errno == EBUSY,
	      "the driver's queue's doorbells -> EBUSY");
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, 0, 0) && errno == EBUSY,
	      "the admin queue's doorbell -> EBUSY");
	CHECK(&c, queue_create(fd, 2, NULL) && errno == EBUSY,
	      "the driver's queue pair 2 (raw CQ 2's ID) -> EBUSY");
	ret = queue_create(fd, 0, &got);
	CHECK(&c, ret == 0 && got == 3,
	      "the driver's next queue pair skips raw CQ 2: qid %u", got);
	CHECK(&c, ioctl(fd, NVT_IOC_DBBUF, &dbb) && errno == EBUSY,
	      "shadow doorbells with raw queues -> EBUSY");
	queue_delete(fd, 3);
	queue_delete(fd, 1);
	CHECK(&c, ioctl(fd, NVT_IOC_DBBUF, &dbb) && errno == EBUSY,
	      "... also with only raw queues");
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_CQ, 2) == 0, "raw CQ 2 deleted");
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_CQ, 2) && errno == ENOENT,
	      "twice -> ENOENT");
	if (!ioctl(fd, NVT_IOC_DBBUF, &dbb)) {
		CHECK(&c, cq_make(fd, 2, 8, &b, 0) && errno == EBUSY,
		      "raw CQ with shadow doorbells on -> EBUSY");
		/* a reset turns them off */
		wreg32(fd, NVT_REG_CC, 0);
		CHECK(&c, !wait_rdy(fd, 0) && ctrl_init(fd) == 0 &&
		      cq_make(fd, 2, 8, &b, 0) == 0 &&
		      del(fd, NVT_RAWQ_DELETE_CQ, 2) == 0,
		      "after a reset, raw CQ 2 again");
	}
	buf_free(fd, &b);
}

static int child_writes(uint8_t *p)
{
	pid_t pid = fork();
	int st = 0;

	if (!pid) {
		*(volatile uint8_t *)p = 0x5a;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

/* Where raw DMA is refused: the SQ ring's buffer is the driver's to write. */
static void sealing(int fd, struct buf *data)
{
	struct nvt_buf_alloc ba = { .argsz = sizeof(ba), .length = 8192 };
	struct buf cb;
	uint32_t sqe[16];
	uint8_t *ring, *ro;
	struct nvt_cmd cmd;
	uint32_t qid = 0, q = ioqs;
	int sig;

	if (buf_alloc(fd, 4096, &cb) || ioctl(fd, NVT_IOC_BUF_ALLOC, &ba))
		return;
	ring = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    ba.mmap_offset);
	memset(ring, 0xee, 8192);
	cq_make(fd, q, 8, &cb, 0);

	/* a read into it is queued (its doorbell not rung): not a ring yet */
	if (queue_create(fd, 0, &qid) == 0) {
		struct nvt_cpl cpl[2];

		cmd_init(&cmd, NVT_NVM_READ, 1);
		cmd_buf(&cmd, &(struct buf){ .id = ba.id }, 0, 512);
		submit_q(fd, qid, &cmd, 1, NVT_SUBMIT_NO_DOORBELL, NULL);
		CHECK(&c, create_sq(fd, q, 8, q, &(struct buf){ .id = ba.id }, 0,
				    NVT_SQ_PC, NULL) && errno == EBUSY,
		      "an SQ ring in a buffer a queued read may still write -> EBUSY");
		cmd_init(&cmd, NVT_NVM_FLUSH, 1);
		submit_q(fd, qid, &cmd, 1, 0, NULL);
		CHECK(&c, reap_q(fd, qid, cpl, 2, 2, 5000) == 2,
		      "the read and a flush rung and done");
		queue_delete(fd, qid);
		memset(ring, 0xee, 8192);
	}
	CHECK(&c, create_sq(fd, q, 8, q, &(struct buf){ .id = ba.id }, 0,
			    NVT_SQ_PC, NULL) == 0, "SQ %u in an 8 KiB buffer", q);
	CHECK(&c, ring[0] == 0 && ring[511] == 0 && ring[512] == 0xee,
	      "its ring reads zeros (the entries written before are gone), the rest as it was");
	sig = child_writes(ring + 4096);
	CHECK(&c, sig == SIGBUS, "a write through the mapping: signal %d (SIGBUS wanted)",
	      sig);
	CHECK(&c, mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		       ba.mmap_offset) == MAP_FAILED && errno == EACCES,
	      "a writable mapping of it -> EACCES");
	ro = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, ba.mmap_offset);
	CHECK(&c, ro != MAP_FAILED && mprotect(ro, 8192, PROT_READ | PROT_WRITE) &&
	      errno == EACCES, "a read-only one, but it cannot become writable");
	cmd_init(&cmd, NVT_NVM_READ, 1);
	cmd.flags = NVT_CMD_DPTR_BUF;
	cmd.buf_id = ba.id;
	cmd.buf_length = 512;
	CHECK(&c, submit(fd, &cmd, 1, 0, NULL) && errno == EBUSY,
	      "a command with its data in the sealed buffer -> EBUSY");
	sqe_flush(sqe, 3);
	CHECK(&c, sqe_put(fd, q, 0, sqe) == 0 &&
	      ((uint32_t *)ring)[0] == (3u << 16) && ((uint32_t *)ring)[1] == 1,
	      "NVT_RAWQ_SQE writes the entry, seen through the mapping");
	CHECK(&c, sqe_put(fd, q, 8, sqe) && errno == EINVAL,
	      "entry 8 of an 8-entry SQ -> EINVAL");
	sqe_rw(sqe, NVT_NVM_READ, 4, 0, data->dma);
	if (data_ok) {
		CHECK(&c, sqe_put(fd, q, 1, sqe) == 0,
		      "an entry whose PRP is in one of the file's buffers");
		sqe_rw(sqe, NVT_NVM_READ, 5, 0, 0x1000);
		CHECK(&c, sqe_put(fd, q, 2, sqe) && errno == EFAULT,
		      "an entry whose PRP is outside every buffer -> EFAULT");
		sqe_rw(sqe, NVT_NVM_READ, 5, 0, ba.dma_addr);
		CHECK(&c, sqe_put(fd, q, 2, sqe) && errno == EFAULT,
		      "an entry whose PRP is in the sealed ring buffer -> EFAULT");
	} else {
		CHECK(&c, sqe_put(fd, q, 1, sqe) && errno == EOPNOTSUPP,
		      "entries with data pointers wait for the pointer check (EOPNOTSUPP)");
	}
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_SQ, q) == 0, "SQ %u deleted", q);
	sig = child_writes(ring + 4096);
	CHECK(&c, sig == 0 && ring[4096] == 0x5a,
	      "the buffer is writable again (signal %d)", sig);
	del(fd, NVT_RAWQ_DELETE_CQ, q);
	munmap(ring, 8192);
	if (ro != MAP_FAILED)
		munmap(ro, 8192);
	ioctl(fd, NVT_IOC_BUF_FREE, &(struct nvt_buf_free){ .argsz = sizeof(struct nvt_buf_free), .id = ba.id });
	buf_free(fd, &cb);
}

/* queues/@kind@qid/@attr, or -1 when there is no such directory */
static int qattr(const char *kind, uint32_t qid, const char *attr)
{
	char rel[96];

	snprintf(rel, sizeof(rel), "queues/%s%u/%s", kind, qid, attr);
	return sysfs_int(bdf, rel);
}

static int parked_zero(void)
{
	uint64_t end = now_ms() + 3000;

	while (now_ms() < end) {
		if (sysfs_int(bdf, "parked") == 0)
			return 1;
		usleep(10000);
	}
	return 0;
}

/* A vendor admin command: what may change formats.  errno or 0. */
static int vendor_admin(int fd)
{
	struct nvt_cmd cmd;
	struct nvt_cpl cpl;

	cmd_init(&cmd, NVT_ADMIN_VENDOR_FIRST, 0);
	if (submit(fd, &cmd, 1, 0, NULL))
		return errno;
	reap(fd, &cpl, 1, 1, 5000);
	return 0;
}

/* CC.EN=0 under raw queues with a command in flight. */
static void reset(int fd, struct buf *data)
{
	struct buf cb, sb;
	uint32_t sqe[16], q = ioqs;

	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 4096, &sb))
		return;
	cq_make(fd, q, 8, &cb, 0);
	sq_make(fd, q, 8, q, &sb, 0);
	sqe_flush(sqe, 1);
	sqe_put(fd, q, 0, sqe);
	db(fd, NVT_RAWQ_SQ_TAIL, q, 1);
	if (sealed && data_ok) {
		/* a checked entry holds the formats of what it reaches */
		sqe_rw(sqe, NVT_NVM_READ, 2, 0, data->dma);
		sqe_put(fd, q, 1, sqe);
		CHECK(&c, vendor_admin(fd) == EBUSY,
		      "a checked entry kept: a vendor admin command (formats may change) -> EBUSY");
	}
	wreg32(fd, NVT_REG_CC, 0);
	CHECK(&c, wait_rdy(fd, 0) == 0, "controller disabled under raw queues");
	CHECK(&c, sqe_put(fd, q, 1, sqe) && errno == EBADFD,
	      "NVT_RAWQ_SQE on the ended SQ -> EBADFD");
	CHECK(&c, qattr("rawsq", q, "ended") == 1 && qattr("rawcq", q, "ended") == 1,
	      "sysfs: rawsq%u and rawcq%u ended", q, q);
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, q, 2) && errno == EBADFD &&
	      db(fd, NVT_RAWQ_CQ_HEAD, q, 1) && errno == EBADFD,
	      "its doorbells -> EBADFD");
	CHECK(&c, cq_make(fd, q - 1, 8, &cb, 0) && errno == ENOTCONN,
	      "a create while disabled -> ENOTCONN");
	CHECK(&c, ctrl_init(fd) == 0, "controller enabled again");
	CHECK(&c, db(fd, NVT_RAWQ_SQ_TAIL, q, 2) && errno == EBADFD,
	      "the ended SQ stays ended in the new life (EBADFD)");
	CHECK(&c, cq_make(fd, q, 8, &cb, 0) && errno == EBUSY,
	      "its ID stays reserved until it is deleted (EBUSY)");
	if (sealed && data_ok)
		CHECK(&c, vendor_admin(fd) == 0,
		      "the ended SQ's checked entries were let go with the controller's reset: vendor admin command sent");
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_SQ, q) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, q) == 0,
	      "DELETE forgets the ended queues");
	CHECK(&c, parked_zero(), "nothing parked afterwards (sysfs parked %d)",
	      sysfs_int(bdf, "parked"));
	CHECK(&c, qattr("rawsq", q, "id") < 0 && qattr("rawcq", q, "id") < 0,
	      "sysfs: their directories are gone");
	CHECK(&c, cq_make(fd, q, 8, &cb, 0) == 0 && sq_make(fd, q, 8, q, &sb, 0) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_SQ, q) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, q) == 0,
	      "the same IDs made and deleted in the new life");
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/* The child's half of kill_midway(): raw work left in flight, then wait. */
static void raw_worker(int wfd)
{
	int fd = open_dev(bdf);
	struct buf cb, sb, d;
	uint32_t sqe[16], i, a = ioqs - 1, b = ioqs;

	if (fd < 0 || buf_alloc(fd, 8192, &cb) || buf_alloc(fd, 8192, &sb) ||
	    buf_alloc(fd, 65536, &d)) {
		perror("# raw worker: open, buffers");
		_exit(1);
	}
	if (cq_make(fd, a, 4, &cb, 0) || sq_make(fd, a, 16, a, &sb, 0) ||
	    cq_make(fd, b, 16, &cb, 4096) || sq_make(fd, b, 16, b, &sb, 4096)) {
		fprintf(stderr, "# raw worker: queues %u and %u: %s\n", a, b,
			strerror(errno));
		_exit(1);
	}
	/* more than CQ a holds: the controller waits for a head that never comes */
	for (i = 0; i < 12; i++) {
		if (data_ok)
			sqe_rw(sqe, NVT_NVM_READ, i, i, d.dma + i * 4096);
		else
			sqe_flush(sqe, i);
		sqe_put(fd, a, i, sqe);
	}
	db(fd, NVT_RAWQ_SQ_TAIL, a, 12);
	if (write(wfd, "r", 1) != 1)
		_exit(1);
	for (i = 0;; i = (i + 1) % 16) {
		sqe_flush(sqe, i);
		sqe_put(fd, b, i, sqe);
		db(fd, NVT_RAWQ_SQ_TAIL, b, (i + 1) % 16);
	}
}

static void kill_midway(int fd, struct buf *data)
{
	struct buf cb, sb;
	struct rcq cq;
	uint32_t sqe[16], cqe[4], a = ioqs - 1, b = ioqs;
	int p[2];
	char ch;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (!pid) {
		close(fd);
		raw_worker(p[1]);
	}
	close(p[1]);
	CHECK(&c, read(p[0], &ch, 1) == 1, "a process made raw queues %u and %u and keeps them busy", a, b);
	usleep(200000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(p[0]);

	if (buf_alloc(fd, 8192, &cb) || buf_alloc(fd, 4096, &sb))
		return;
	CHECK(&c, cq_make(fd, a, 16, &cb, 0) == 0 && sq_make(fd, a, 16, a, &sb, 0) == 0,
	      "after kill -9: CQ and SQ %u made again by another file", a);
	rcq_init(&cq, a, 16, &cb, 0);
	if (data_ok)
		sqe_rw(sqe, NVT_NVM_READ, 9, 0, data->dma);
	else
		sqe_flush(sqe, 9);
	sqe_put(fd, a, 0, sqe);
	db(fd, NVT_RAWQ_SQ_TAIL, a, 1);
	CHECK(&c, !rcq_next(&cq, cqe, 5000) && (cqe[3] & 0xffff) == 9 &&
	      !nvt_cqe_status(cqe) && rcq_quiet(&cq, 200),
	      "a %s through them completes, and only it",
	      data_ok ? "read" : "flush");
	db(fd, NVT_RAWQ_CQ_HEAD, a, cq.head);
	CHECK(&c, cq_make(fd, b, 16, &cb, 4096) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, b) == 0, "and CQ %u too", b);
	CHECK(&c, del(fd, NVT_RAWQ_DELETE_SQ, a) == 0 &&
	      del(fd, NVT_RAWQ_DELETE_CQ, a) == 0, "deleted");
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

/* A raw CQ with interrupts on vector 1 (MSI-X: its count goes up). */
static void vector(int fd)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	struct nvt_irq irq = { .argsz = sizeof(irq), .vector = 1 };
	struct buf cb, sb;
	struct rcq cq;
	uint32_t sqe[16], cqe[4], q = ioqs;
	int ret;

	if (ioctl(fd, NVT_IOC_INFO, &info) || info.nr_vectors < 2)
		return;
	if (buf_alloc(fd, 4096, &cb) || buf_alloc(fd, 4096, &sb))
		return;
	irq.op = NVT_IRQ_OP_CLEAR;
	ioctl(fd, NVT_IOC_IRQ, &irq);
	CHECK(&c, create_cq(fd, q, 4, &cb, 0,
			    NVT_CQ_PC | NVT_CQ_IEN | (1u << 16), NULL) == 0,
	      "raw CQ %u with interrupts on vector 1", q);
	sq_make(fd, q, 4, q, &sb, 0);
	CHECK(&c, qattr("rawcq", q, "vector") == 1 &&
	      qattr("rawcq", q, "depth") == 4 &&
	      qattr("rawcq", q, "ended") == 0 &&
	      qattr("rawsq", q, "cqid") == (int)q &&
	      qattr("rawsq", q, "buffer") == (int)sb.id &&
	      qattr("rawsq", q, "id") == (int)q,
	      "sysfs: rawcq%u (vector 1, depth 4) and rawsq%u (on CQ %u, its buffer)",
	      q, q, q);
	rcq_init(&cq, q, 4, &cb, 0);
	sqe_flush(sqe, 2);
	sqe_put(fd, q, 0, sqe);
	db(fd, NVT_RAWQ_SQ_TAIL, q, 1);
	irq.op = NVT_IRQ_OP_WAIT;
	irq.timeout_ms = 5000;
	ret = ioctl(fd, NVT_IOC_IRQ, &irq);
	CHECK(&c, ret == 0 && irq.count >= 1,
	      "vector 1 counted the completion (%llu)",
	      (unsigned long long)irq.count);
	CHECK(&c, !rcq_next(&cq, cqe, 1000), "which is in the ring");
	db(fd, NVT_RAWQ_CQ_HEAD, q, cq.head);
	del(fd, NVT_RAWQ_DELETE_SQ, q);
	del(fd, NVT_RAWQ_DELETE_CQ, q);
	buf_free(fd, &cb);
	buf_free(fd, &sb);
}

int main(int argc, char **argv)
{
	char policy[32];
	struct buf data, log;
	uint32_t sqe[16];
	int fd = bench_open(argc, argv);

	if (fd < 0)
		return fd == -2 ? 2 : 1;
	bdf = argv[1];
	sysfs_str(bdf, "raw_dma_policy", policy, sizeof(policy));
	sealed = !strcmp(policy, "refused");
	printf("# raw_dma_policy %s\n", policy);
	CHECK(&c, ctrl_init(fd) == 0, "controller enabled, queues granted");
	printf("# %u I/O queue pairs allocated (Number of Queues)\n", ioqs);
	/* qids(): the driver's queue pairs 1 and 3 around raw CQ 2 */
	if (ioqs < 3) {
		printf("the controller allocated %u I/O queue pairs (Number of Queues), the test needs 3\n",
		       ioqs);
		return 77;
	}
	if (buf_alloc(fd, 3 * 4096, &data) || buf_alloc(fd, 4096, &log))
		return 1;

	/* do entries with data pointers get in (checked, or raw DMA)? */
	{
		struct buf cb, sb;

		buf_alloc(fd, 4096, &cb);
		buf_alloc(fd, 4096, &sb);
		cq_make(fd, ioqs, 2, &cb, 0);
		sq_make(fd, ioqs, 2, ioqs, &sb, 0);
		sqe_rw(sqe, NVT_NVM_READ, 1, 0, data.dma);
		data_ok = !sqe_put(fd, ioqs, 0, sqe);
		del(fd, NVT_RAWQ_DELETE_SQ, ioqs);
		del(fd, NVT_RAWQ_DELETE_CQ, ioqs);
		buf_free(fd, &cb);
		buf_free(fd, &sb);
		printf("# entries with data pointers: %s\n",
		       data_ok ? "yes" : "not yet (no pointer check)");
	}

	wrap(fd, 1, 2, 2, 4);		/* two passes */
	wrap(fd, 2, 3, 3, 9);		/* three passes */
	wrap(fd, 3, 2, 3, 7);		/* sizes that differ */
	wrap(fd, ioqs, 5, 2, 11);	/* the highest ID */
	full_sq(fd);
	multi_sq(fd, &data);
	invalid_doorbell(fd, &log);
	refusals(fd);
	qids(fd);
	reset(fd, &data);
	if (sealed)
		sealing(fd, &data);
	vector(fd);
	kill_midway(fd, &data);
	/* raw DMA allowed: what it may reach waits for the controller's reset */
	wreg32(fd, NVT_REG_CC, 0);
	wait_rdy(fd, 0);
	CHECK(&c, parked_zero(), "nothing parked once the controller is disabled");
	return check_exit(&c);
}
