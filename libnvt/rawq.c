// SPDX-License-Identifier: MIT
/*
 * Raw I/O queues (NVT_IOC_RAWQ): rings in the test's buffers, entries and
 * doorbells written as the test says, completions read from the mapping.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nvt/dptr.h>
#include <nvt/rawq.h>

#include "controller_internal.h"

#define RAWQ_ENTRIES_DEFAULT	64
#define RAWQ_ENTRIES_MAX	65536
#define POLL_PAUSE_NS		10000

/* What a CQ and an SQ share: a ring in a buffer, of a controller. */
struct rawq {
	struct nvt_ctrl *ctrl;
	uint16_t qid;
	unsigned entries;
	struct nvt_buf *buf;
	bool own_buf;		/* allocated with the queue */
	size_t offset;		/* the ring in buf */
	uint32_t doorbell;	/* the value last written */
	unsigned timeout_ms;
	char err[NVT_ERR_LEN];
};

struct nvt_rawcq {
	struct rawq q;
	bool ien;
	unsigned vector;
};

struct nvt_rawsq {
	struct rawq q;
	uint32_t page_size;	/* CC.MPS when created */
};

static const struct nvt_rawcq_opts cq_defaults = {
	.size = sizeof(cq_defaults), .entries = RAWQ_ENTRIES_DEFAULT,
	.ien = true, .pc = true,
};

static const struct nvt_rawsq_opts sq_defaults = {
	.size = sizeof(sq_defaults), .entries = RAWQ_ENTRIES_DEFAULT,
	.pc = true,
};

#define CO(f)	NVT_FIELD_END(struct nvt_rawcq_opts, f)
static const size_t cq_opts_ends[] = {
	CO(size), CO(qid), CO(entries), CO(buf), CO(buf_offset), CO(ien),
	CO(vector), CO(pc), CO(raw), CO(cdw10), CO(cdw11), CO(cdw12),
	CO(timeout_ms), CO(status),
};
#define SO(f)	NVT_FIELD_END(struct nvt_rawsq_opts, f)
static const size_t sq_opts_ends[] = {
	SO(size), SO(qid), SO(entries), SO(buf), SO(buf_offset), SO(mem),
	SO(cq), SO(cqid), SO(prio), SO(pc), SO(raw), SO(cdw10), SO(cdw11),
	SO(cdw12), SO(timeout_ms), SO(status),
};
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

void nvt_rawcq_opts_init(struct nvt_rawcq_opts *o, size_t size)
{
	nvt_opts_init(o, size, &cq_defaults, sizeof(cq_defaults));
}

void nvt_rawsq_opts_init(struct nvt_rawsq_opts *o, size_t size)
{
	nvt_opts_init(o, size, &sq_defaults, sizeof(sq_defaults));
}

/* Why NVT_IOC_RAWQ refused, in the tester's terms. */
static const char *rawq_why(int ret)
{
	switch (ret) {
	case -EBUSY:
		return "the queue ID is used by nvt.ko or another program";
	case -ENOENT:
		return "no such queue or buffer";
	case -ENOTCONN:
		return "the controller is not enabled";
	case -EBADFD:
		return "the queue ended with a controller reset; delete it";
	case -EFAULT:
		return "a data pointer reaches memory that is none of the program's buffers";
	case -EOPNOTSUPP:
		return "the controller has no CMB for it";
	case -EINVAL:
		return "refused by nvt.ko (the window does not hold the ring, or a bad field)";
	default:
		return strerror(-ret);
	}
}

/*
 * Check the ring's place: a DMA buffer (allocated when @buf is NULL)
 * holding @entries * @esize bytes from @offset.
 */
static int ring(struct nvt_ctrl *ctrl, struct rawq *q, const char *what,
		struct nvt_buf *buf, size_t offset, unsigned esize,
		enum nvt_buf_mem mem)
{
	size_t bytes = (size_t)q->entries * esize;
	int ret;

	if (!buf) {
		ret = nvt_buf_alloc_in(ctrl->pcie, bytes, mem, &q->buf);
		if (ret)
			return nvt_err_pass(ctrl->err, ret,
					    nvt_pcie_error(ctrl->pcie));
		q->own_buf = true;
		return 0;
	}
	if (!nvt_buf_is_dma(buf))
		return nvt_err(ctrl->err, EINVAL,
			       "%s %u: the ring's buffer is host memory, not DMA memory",
			       what, q->qid);
	if (offset > nvt_buf_length(buf) ||
	    bytes > nvt_buf_length(buf) - offset)
		return nvt_err(ctrl->err, EINVAL,
			       "%s %u: %u entries of %u bytes at byte %zu do not fit the %zu-byte buffer",
			       what, q->qid, q->entries, esize, offset,
			       nvt_buf_length(buf));
	q->buf = buf;
	q->offset = offset;
	return 0;
}

/* Send CREATE @op; the ring is q's.  Returns 0, the status or -errno. */
static int create_op(struct nvt_ctrl *ctrl, struct rawq *q, uint32_t op,
		     const char *what, uint32_t cdw10, uint32_t cdw11,
		     uint32_t cdw12, uint16_t *status)
{
	struct nvt_rawq r = {
		.argsz = sizeof(r), .op = op, .cdw10 = cdw10, .cdw11 = cdw11,
		.cdw12 = cdw12, .buf_id = nvt_buf_id(q->buf),
		.buf_offset = q->offset, .timeout_ms = q->timeout_ms,
	};
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_RAWQ, &r);

	if (ret == -EREMOTEIO) {
		*status = (uint16_t)r.status;
		return nvt_status_err(ctrl->err, *status, what);
	}
	if (ret)
		return nvt_err(ctrl->err, -ret, "%s %u: %s", what, q->qid,
			       rawq_why(ret));
	q->qid = (uint16_t)r.qid;
	return 0;
}

static void rawq_free(struct rawq *q)
{
	if (q->own_buf)
		nvt_buf_free(q->buf);
}

static int delete_op(struct rawq *q, uint32_t op, const char *what)
{
	struct nvt_ctrl *ctrl = q->ctrl;
	struct nvt_rawq r = {
		.argsz = sizeof(r), .op = op, .qid = q->qid,
		.timeout_ms = q->timeout_ms,
	};
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_RAWQ, &r);

	/* refused: the controller still has the queue, and so has the caller */
	if (ret == -EREMOTEIO)
		return nvt_status_err(ctrl->err, (uint16_t)r.status, what);
	if (ret)
		ret = nvt_err(ctrl->err, -ret, "%s %u: %s", what, q->qid,
			      rawq_why(ret));
	rawq_free(q);
	return ret;
}

/* qid and entries from the options, or from a raw CDW10 */
static int qid_entries(struct nvt_ctrl *ctrl, const char *what, bool raw,
		       uint32_t cdw10, unsigned qid, unsigned entries,
		       struct rawq *q)
{
	if (raw) {
		q->qid = cdw10 & 0xffff;
		q->entries = (cdw10 >> NVT_QSIZE_SHIFT) + 1;
		return 0;
	}
	if (qid == 0 || qid > NVT_MAX_IO_QID)
		return nvt_err(ctrl->err, EINVAL,
			       "%s %u: an I/O queue ID is 1..%u (0 is the admin queue)",
			       what, qid, NVT_MAX_IO_QID);
	if (entries < 2 || entries > RAWQ_ENTRIES_MAX)
		return nvt_err(ctrl->err, EINVAL,
			       "%s %u: %u entries: must be 2..%u", what, qid,
			       entries, RAWQ_ENTRIES_MAX);
	q->qid = (uint16_t)qid;
	q->entries = entries;
	return 0;
}

static int cq_create(struct nvt_ctrl *ctrl, struct nvt_rawcq_opts *o,
		     struct nvt_rawcq **out)
{
	struct nvt_rawcq *cq;
	uint32_t cdw10, cdw11, cdw12;
	int ret;

	cq = calloc(1, sizeof(*cq));
	if (!cq)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	cq->q.ctrl = ctrl;
	cq->q.timeout_ms = o->timeout_ms;
	ret = qid_entries(ctrl, "raw CQ", o->raw, o->cdw10, o->qid,
			  o->entries, &cq->q);
	if (!ret && !o->raw && o->vector > 0xffff)
		ret = nvt_err(ctrl->err, EINVAL,
			      "raw CQ %u: vector %u is beyond 16 bits", o->qid,
			      o->vector);
	if (!ret)
		ret = ring(ctrl, &cq->q, "raw CQ", o->buf, o->buf_offset,
			   NVT_CQE_BYTES, NVT_MEM_HOST);
	if (ret) {
		free(cq);
		return ret;
	}
	if (o->raw) {
		cdw10 = o->cdw10;
		cdw11 = o->cdw11;
		cdw12 = o->cdw12;
	} else {
		cdw10 = (cq->q.entries - 1) << NVT_QSIZE_SHIFT | cq->q.qid;
		cdw11 = o->vector << NVT_CQ_IV_SHIFT |
			(o->ien ? NVT_CQ_IEN : 0) | (o->pc ? NVT_CQ_PC : 0);
		cdw12 = 0;
	}
	cq->ien = cdw11 & NVT_CQ_IEN;
	cq->vector = cdw11 >> NVT_CQ_IV_SHIFT;
	ret = create_op(ctrl, &cq->q, NVT_RAWQ_CREATE_CQ, "creating raw CQ",
			cdw10, cdw11, cdw12, &o->status);
	if (ret) {
		rawq_free(&cq->q);
		free(cq);
		return ret;
	}
	*out = cq;
	return 0;
}

int nvt_rawcq_create(struct nvt_ctrl *ctrl, struct nvt_rawcq_opts *opts,
		     struct nvt_rawcq **out)
{
	struct nvt_rawcq_opts o = cq_defaults;
	int ret;

	*out = NULL;
	ret = nvt_opts_take(&o, opts, opts->size, cq_opts_ends,
			    NELEM(cq_opts_ends), ctrl->err, NVT_ERR_LEN,
			    "nvt_rawcq_opts");
	if (ret)
		return ret;
	o.status = 0;
	ret = cq_create(ctrl, &o, out);
	if (opts->size >= CO(status))
		opts->status = o.status;
	return ret;
}

static int sq_create(struct nvt_ctrl *ctrl, struct nvt_rawsq_opts *o,
		     struct nvt_rawsq **out)
{
	struct nvt_rawsq *sq;
	uint32_t cdw10, cdw11, cdw12, cc = 0;
	unsigned cqid = o->cq ? nvt_rawcq_id(o->cq) : o->cqid;
	int ret;

	sq = calloc(1, sizeof(*sq));
	if (!sq)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	sq->q.ctrl = ctrl;
	sq->q.timeout_ms = o->timeout_ms;
	ret = qid_entries(ctrl, "raw SQ", o->raw, o->cdw10, o->qid,
			  o->entries, &sq->q);
	if (!ret && !o->raw && o->prio > 3)
		ret = nvt_err(ctrl->err, EINVAL,
			      "raw SQ %u: qprio %u: must be 0..3", o->qid,
			      o->prio);
	if (!ret && !o->raw && cqid > 0xffff)
		ret = nvt_err(ctrl->err, EINVAL,
			      "raw SQ %u: CQID %u is beyond 16 bits", o->qid,
			      cqid);
	if (!ret && o->mem != NVT_MEM_HOST && o->mem != NVT_MEM_CMB)
		ret = nvt_err(ctrl->err, EINVAL,
			      "raw SQ %u: a ring in host memory or the CMB only",
			      o->qid);
	if (!ret)
		ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CC, &cc);
	if (!ret)
		ret = ring(ctrl, &sq->q, "raw SQ", o->buf, o->buf_offset,
			   NVT_SQE_BYTES, o->mem);
	if (ret) {
		free(sq);
		return ret;
	}
	sq->page_size = 4096u << NVT_CC_MPS(cc);
	if (o->raw) {
		cdw10 = o->cdw10;
		cdw11 = o->cdw11;
		cdw12 = o->cdw12;
	} else {
		cdw10 = (sq->q.entries - 1) << NVT_QSIZE_SHIFT | sq->q.qid;
		cdw11 = cqid << NVT_SQ_CQID_SHIFT |
			o->prio << NVT_SQ_QPRIO_SHIFT | (o->pc ? NVT_SQ_PC : 0);
		cdw12 = 0;
	}
	ret = create_op(ctrl, &sq->q, NVT_RAWQ_CREATE_SQ, "creating raw SQ",
			cdw10, cdw11, cdw12, &o->status);
	if (ret) {
		rawq_free(&sq->q);
		free(sq);
		return ret;
	}
	*out = sq;
	return 0;
}

int nvt_rawsq_create(struct nvt_ctrl *ctrl, struct nvt_rawsq_opts *opts,
		     struct nvt_rawsq **out)
{
	struct nvt_rawsq_opts o = sq_defaults;
	int ret;

	*out = NULL;
	ret = nvt_opts_take(&o, opts, opts->size, sq_opts_ends,
			    NELEM(sq_opts_ends), ctrl->err, NVT_ERR_LEN,
			    "nvt_rawsq_opts");
	if (ret)
		return ret;
	o.status = 0;
	ret = sq_create(ctrl, &o, out);
	if (opts->size >= SO(status))
		opts->status = o.status;
	return ret;
}

int nvt_rawcq_delete(struct nvt_rawcq *cq)
{
	int ret;

	if (!cq)
		return 0;
	ret = delete_op(&cq->q, NVT_RAWQ_DELETE_CQ, "deleting raw CQ");
	if (ret <= 0)
		free(cq);
	return ret;
}

int nvt_rawsq_delete(struct nvt_rawsq *sq)
{
	int ret;

	if (!sq)
		return 0;
	ret = delete_op(&sq->q, NVT_RAWQ_DELETE_SQ, "deleting raw SQ");
	if (ret <= 0)
		free(sq);
	return ret;
}

const char *nvt_rawcq_error(const struct nvt_rawcq *cq)
{
	return cq->q.err;
}

const char *nvt_rawsq_error(const struct nvt_rawsq *sq)
{
	return sq->q.err;
}

uint16_t nvt_rawcq_id(const struct nvt_rawcq *cq)
{
	return cq->q.qid;
}

uint16_t nvt_rawsq_id(const struct nvt_rawsq *sq)
{
	return sq->q.qid;
}

unsigned nvt_rawcq_entries(const struct nvt_rawcq *cq)
{
	return cq->q.entries;
}

unsigned nvt_rawsq_entries(const struct nvt_rawsq *sq)
{
	return sq->q.entries;
}

struct nvt_buf *nvt_rawcq_buf(const struct nvt_rawcq *cq)
{
	return cq->q.buf;
}

struct nvt_buf *nvt_rawsq_buf(const struct nvt_rawsq *sq)
{
	return sq->q.buf;
}

int nvt_rawcq_vector(const struct nvt_rawcq *cq)
{
	return cq->ien ? (int)cq->vector : -1;
}

uint32_t nvt_rawcq_head(const struct nvt_rawcq *cq)
{
	return cq->q.doorbell;
}

uint32_t nvt_rawsq_tail(const struct nvt_rawsq *sq)
{
	return sq->q.doorbell;
}

/* ---- entries ---- */

static int check_index(struct rawq *q, const char *what, unsigned index)
{
	if (index >= q->entries)
		return nvt_err(q->err, EINVAL,
			       "%s %u: entry %u is beyond its %u entries", what,
			       q->qid, index, q->entries);
	return 0;
}

/* The ring's dwords at entry @index of @esize bytes, as the device sees them. */
static volatile uint32_t *entry_dw(struct rawq *q, unsigned index,
				   unsigned esize)
{
	return (volatile uint32_t *)(void *)(nvt_buf_data(q->buf) + q->offset +
					     (size_t)index * esize);
}

int nvt_rawcq_entry(struct nvt_rawcq *cq, unsigned index, union nvt_cqe *cqe)
{
	volatile uint32_t *dw;
	int ret = check_index(&cq->q, "raw CQ", index);

	if (ret)
		return ret;
	dw = entry_dw(&cq->q, index, NVT_CQE_BYTES);
	/* the phase tag first: what follows it is the entry it belongs to */
	cqe->dw[3] = dw[3];
	atomic_thread_fence(memory_order_acquire);
	cqe->dw[0] = dw[0];
	cqe->dw[1] = dw[1];
	cqe->dw[2] = dw[2];
	return 0;
}

int nvt_rawcq_phase(struct nvt_rawcq *cq, unsigned index)
{
	int ret = check_index(&cq->q, "raw CQ", index);

	if (ret)
		return ret;
	return !!(entry_dw(&cq->q, index, NVT_CQE_BYTES)[3] & NVT_CQE_PHASE);
}

int nvt_rawcq_wait_phase(struct nvt_rawcq *cq, unsigned index,
			 unsigned phase, unsigned timeout_ms)
{
	uint64_t deadline = nvt_now_ns() + (uint64_t)timeout_ms * 1000000;
	struct timespec pause = { 0, POLL_PAUSE_NS };
	int ret = check_index(&cq->q, "raw CQ", index);

	if (ret)
		return ret;
	if (phase > 1)
		return nvt_err(cq->q.err, EINVAL,
			       "raw CQ %u: phase %u: a phase tag is 0 or 1",
			       cq->q.qid, phase);
	while ((unsigned)nvt_rawcq_phase(cq, index) != phase) {
		if (nvt_now_ns() >= deadline)
			return nvt_err(cq->q.err, ETIMEDOUT,
				       "raw CQ %u: entry %u's phase tag is not %u after %u ms",
				       cq->q.qid, index, phase, timeout_ms);
		nanosleep(&pause, NULL);
	}
	atomic_thread_fence(memory_order_acquire);
	return 0;
}

int nvt_rawcq_wait_irq(struct nvt_rawcq *cq, unsigned timeout_ms,
		       uint64_t *count)
{
	struct nvt_pcie *pcie = cq->q.ctrl->pcie;
	int ret;

	if (!cq->ien)
		return nvt_err(cq->q.err, EINVAL,
			       "raw CQ %u has no interrupt (IEN 0): wait for its phase tag",
			       cq->q.qid);
	ret = nvt_pcie_irq_wait(pcie, cq->vector, timeout_ms, count);
	return nvt_err_pass(cq->q.err, ret, nvt_pcie_error(pcie));
}

/* ---- doorbells ---- */

static int doorbell(struct nvt_ctrl *ctrl, char *err, uint16_t qid, bool cq,
		    uint32_t value)
{
	struct nvt_rawq r = {
		.argsz = sizeof(r), .qid = qid, .value = value,
		.op = cq ? NVT_RAWQ_CQ_HEAD : NVT_RAWQ_SQ_TAIL,
	};
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_RAWQ, &r);

	if (ret)
		return nvt_err(err, -ret, "%s doorbell of queue %u := %u: %s",
			       cq ? "CQ head" : "SQ tail", qid, value,
			       rawq_why(ret));
	return 0;
}

int nvt_rawcq_set_head(struct nvt_rawcq *cq, uint32_t value)
{
	int ret = doorbell(cq->q.ctrl, cq->q.err, cq->q.qid, true, value);

	if (!ret)
		cq->q.doorbell = value;
	return ret;
}

int nvt_rawsq_set_tail(struct nvt_rawsq *sq, uint32_t value)
{
	int ret = doorbell(sq->q.ctrl, sq->q.err, sq->q.qid, false, value);

	if (!ret)
		sq->q.doorbell = value;
	return ret;
}

int nvt_ctrl_doorbell_write(struct nvt_ctrl *ctrl, uint16_t qid, bool cq,
			    uint32_t value)
{
	return doorbell(ctrl, ctrl->err, qid, cq, value);
}

int nvt_rawsq_set_entry(struct nvt_rawsq *sq, unsigned index,
			const union nvt_sqe *sqe, union nvt_sqe *written)
{
	struct nvt_rawq r = {
		.argsz = sizeof(r), .op = NVT_RAWQ_SQE, .qid = sq->q.qid,
		.index = index,
	};
	int ret = check_index(&sq->q, "raw SQ", index);

	if (ret)
		return ret;
	memcpy(r.sqe, sqe->dw, sizeof(r.sqe));
	ret = nvt_ioctl(sq->q.ctrl->fd, NVT_IOC_RAWQ, &r);
	if (ret)
		return nvt_err(sq->q.err, -ret, "raw SQ %u entry %u: %s",
			       sq->q.qid, index, rawq_why(ret));
	if (written)
		memcpy(written->dw, r.sqe, sizeof(r.sqe));
	return 0;
}

int nvt_rawsq_entry(struct nvt_rawsq *sq, unsigned index, union nvt_sqe *sqe)
{
	volatile uint32_t *dw;
	unsigned i;
	int ret = check_index(&sq->q, "raw SQ", index);

	if (ret)
		return ret;
	dw = entry_dw(&sq->q, index, NVT_SQE_BYTES);
	for (i = 0; i < 16; i++)
		sqe->dw[i] = dw[i];
	return 0;
}

/* ---- common commands at the tail ---- */

static int at_tail(struct nvt_rawsq *sq, const union nvt_sqe *sqe)
{
	unsigned tail = sq->q.doorbell;
	int ret;

	/* a tail the test set beyond the queue: start again at 0 */
	if (tail >= sq->q.entries)
		tail = 0;
	ret = nvt_rawsq_set_entry(sq, tail, sqe, NULL);
	if (ret)
		return ret;
	return nvt_rawsq_set_tail(sq, (tail + 1) % sq->q.entries);
}

static int rw(struct nvt_rawsq *sq, uint8_t opc, uint16_t cid, uint32_t nsid,
	      uint64_t lba, uint32_t count, struct nvt_buf *buf,
	      struct nvt_buf *meta)
{
	union nvt_sqe sqe;
	int ret;

	if (count < 1 || count > 65536)
		return nvt_err(sq->q.err, EINVAL,
			       "%s on raw SQ %u: %u LBAs: must be 1..65536",
			       nvt_io_opcode_name(opc), sq->q.qid, count);
	if (!nvt_buf_is_dma(buf))
		return nvt_err(sq->q.err, EINVAL,
			       "%s on raw SQ %u: the data buffer is host memory",
			       nvt_io_opcode_name(opc), sq->q.qid);
	if (meta && !nvt_buf_is_dma(meta))
		return nvt_err(sq->q.err, EINVAL,
			       "%s on raw SQ %u: the metadata buffer is host memory",
			       nvt_io_opcode_name(opc), sq->q.qid);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = opc;
	sqe.cid = cid;
	sqe.nsid = nsid;
	if (meta)
		sqe.mptr = nvt_buf_dma(meta);
	sqe.cdw10 = (uint32_t)lba;
	sqe.cdw11 = (uint32_t)(lba >> 32);
	sqe.cdw12 = (count - 1) & NVT_RW_NLB_MASK;
	ret = nvt_dptr_prp(&sqe, buf, nvt_buf_offset(buf), nvt_buf_size(buf),
			   sq->page_size, NULL, 0);
	if (ret)
		return nvt_err_pass(sq->q.err, ret, nvt_buf_error(buf));
	return at_tail(sq, &sqe);
}

int nvt_rawsq_read(struct nvt_rawsq *sq, uint16_t cid, uint32_t nsid,
		   uint64_t lba, uint32_t count, struct nvt_buf *buf)
{
	return rw(sq, NVT_NVM_READ, cid, nsid, lba, count, buf, NULL);
}

int nvt_rawsq_write(struct nvt_rawsq *sq, uint16_t cid, uint32_t nsid,
		    uint64_t lba, uint32_t count, struct nvt_buf *buf)
{
	return rw(sq, NVT_NVM_WRITE, cid, nsid, lba, count, buf, NULL);
}

int nvt_rawsq_read_meta(struct nvt_rawsq *sq, uint16_t cid, uint32_t nsid,
			uint64_t lba, uint32_t count, struct nvt_buf *buf,
			struct nvt_buf *meta)
{
	return rw(sq, NVT_NVM_READ, cid, nsid, lba, count, buf, meta);
}

int nvt_rawsq_write_meta(struct nvt_rawsq *sq, uint16_t cid, uint32_t nsid,
			 uint64_t lba, uint32_t count, struct nvt_buf *buf,
			 struct nvt_buf *meta)
{
	return rw(sq, NVT_NVM_WRITE, cid, nsid, lba, count, buf, meta);
}

int nvt_rawsq_flush(struct nvt_rawsq *sq, uint16_t cid, uint32_t nsid)
{
	union nvt_sqe sqe;

	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = NVT_NVM_FLUSH;
	sqe.cid = cid;
	sqe.nsid = nsid;
	return at_tail(sq, &sqe);
}
