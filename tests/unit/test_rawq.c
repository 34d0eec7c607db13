// SPDX-License-Identifier: MIT
/*
 * Raw queues, caller-built data pointers, caller-chosen CIDs and MSI-X
 * calls at libnvt's ioctl boundary: the NVT_IOC_RAWQ, NVT_IOC_IRQ and
 * NVT_IOC_SUBMIT arguments libnvt builds, the bytes of the PRP lists and
 * SGL descriptors it writes, and the phase wait on a ring in memory.
 *
 * The shared mock (mock_nvt.h) stands for nvt.ko; DMA buffers are plain
 * memory whose bus address is their id << 32.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "mock_nvt.h"
#include "unit.h"

static const struct nvt_rawq *last_rawq(void)
{
	ck_assert_uint_gt(mock.nrawq, 0);
	return &mock.rawq[mock.nrawq - 1];
}

/* ---- a controller and a qpair on vector 3 ---- */

static struct nvt_pcie *pcie;
static struct nvt_ctrl *ctrl;
static struct nvt_qpair *qp;

static void setup(void)
{
	struct nvt_qpair_opts qo;

	pcie = mock_start();
	pcie->info.nr_vectors = 8;
	pcie->info.irq_type = NVT_IRQ_MSIX;
	ctrl = mock_ctrl_open(pcie, NULL);
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.vector = 3;
	ck_assert_int_eq(nvt_qpair_create(ctrl, &qo, &qp), 0);
	mock_forget();
}

static void teardown(void)
{
	nvt_qpair_delete(qp);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
}

static struct nvt_buf *dma_buf(size_t len)
{
	struct nvt_buf *b;

	ck_assert_int_eq(nvt_buf_alloc(pcie, len, &b), 0);
	return b;
}

static uint64_t bus(const struct nvt_buf *b, size_t offset)
{
	return ((uint64_t)nvt_buf_id(b) << MOCK_MMAP_SHIFT) + offset;
}

static uint64_t le64(const uint8_t *p)
{
	return nvt_le_get(p, 8);
}

/* A CQ of @entries at qid 1 in a buffer of its own, IEN on vector 2. */
static struct nvt_rawcq *make_cq(unsigned entries)
{
	struct nvt_rawcq_opts o;
	struct nvt_rawcq *cq;

	nvt_rawcq_opts_init(&o, sizeof(o));
	o.qid = 1;
	o.entries = entries;
	o.vector = 2;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	return cq;
}

static struct nvt_rawsq *make_sq(struct nvt_rawcq *cq, unsigned entries)
{
	struct nvt_rawsq_opts o;
	struct nvt_rawsq *sq;

	nvt_rawsq_opts_init(&o, sizeof(o));
	o.qid = 1;
	o.entries = entries;
	o.cq = cq;
	ck_assert_int_eq(nvt_rawsq_create(ctrl, &o, &sq), 0);
	return sq;
}

/* ---- raw queues ---- */

/*
 * Create I/O CQ (NVMe 2.0 5.4): CDW10 QSIZE 31:16 (0's based), QID 15:0;
 * CDW11 IV 31:16, IEN bit 1, PC bit 0.
 */
START_TEST(cq_create_dwords)
{
	struct nvt_buf *ring = dma_buf(8192);
	struct nvt_rawcq_opts o;
	struct nvt_rawcq *cq;
	const struct nvt_rawq *r;

	nvt_rawcq_opts_init(&o, sizeof(o));
	o.qid = 5;
	o.entries = 16;
	o.buf = ring;
	o.buf_offset = 256;
	o.vector = 7;
	o.timeout_ms = 1234;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_CREATE_CQ);
	ck_assert_uint_eq(r->cdw10, 15u << 16 | 5);
	ck_assert_uint_eq(r->cdw11, 7u << 16 | 1u << 1 | 1u << 0);
	ck_assert_uint_eq(r->cdw12, 0);
	ck_assert_uint_eq(r->buf_id, nvt_buf_id(ring));
	ck_assert_uint_eq(r->buf_offset, 256);
	ck_assert_uint_eq(r->timeout_ms, 1234);
	ck_assert_uint_eq(nvt_rawcq_id(cq), 5);
	ck_assert_uint_eq(nvt_rawcq_entries(cq), 16);
	ck_assert_int_eq(nvt_rawcq_vector(cq), 7);
	ck_assert_ptr_eq(nvt_rawcq_buf(cq), ring);

	ck_assert_int_eq(nvt_rawcq_delete(cq), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_DELETE_CQ);
	ck_assert_uint_eq(r->qid, 5);
	nvt_buf_free(ring);

	/* PC off, then IEN too */
	o.pc = false;
	o.buf = NULL;
	o.buf_offset = 0;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	ck_assert_uint_eq(last_rawq()->cdw11, 7u << 16 | 1u << 1);
	nvt_rawcq_delete(cq);
	o.ien = false;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	ck_assert_uint_eq(last_rawq()->cdw11, 7u << 16);
	ck_assert_int_eq(nvt_rawcq_vector(cq), -1);
	/* a ring of its own: 16 entries of 16 bytes, in host memory */
	ck_assert_uint_eq(mock.allocs[mock.nbufs - 1].length, 16 * 16);
	ck_assert_uint_eq(mock.allocs[mock.nbufs - 1].flags, 0);
	nvt_rawcq_delete(cq);
}
END_TEST

/*
 * Create I/O SQ (NVMe 2.0 5.5): CDW10 as for the CQ; CDW11 CQID 31:16,
 * QPRIO 2:1, PC bit 0.  A ring in the CMB is allocated there.
 */
START_TEST(sq_create_dwords)
{
	struct nvt_rawcq *cq = make_cq(8);
	struct nvt_rawsq_opts o;
	struct nvt_rawsq *sq;
	const struct nvt_rawq *r;

	nvt_rawsq_opts_init(&o, sizeof(o));
	o.qid = 9;
	o.entries = 8;
	o.cq = cq;
	o.prio = 2;
	o.mem = NVT_MEM_CMB;
	ck_assert_int_eq(nvt_rawsq_create(ctrl, &o, &sq), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_CREATE_SQ);
	ck_assert_uint_eq(r->cdw10, 7u << 16 | 9);
	ck_assert_uint_eq(r->cdw11, 1u << 16 | 2u << 1 | 1u);
	ck_assert_uint_eq(mock.allocs[mock.nbufs - 1].length, 8 * 64);
	ck_assert_uint_eq(mock.allocs[mock.nbufs - 1].flags, NVT_BUF_CMB);
	ck_assert_uint_eq(r->buf_id, mock.nbufs);
	ck_assert_int_eq(nvt_buf_mem(nvt_rawsq_buf(sq)), NVT_MEM_CMB);
	ck_assert_int_eq(nvt_rawsq_delete(sq), 0);
	ck_assert_uint_eq(last_rawq()->op, NVT_RAWQ_DELETE_SQ);
	ck_assert_uint_eq(last_rawq()->qid, 9);

	/* no CQ: the CQID as given, one no queue has */
	o.cq = NULL;
	o.cqid = 77;
	o.mem = NVT_MEM_HOST;
	ck_assert_int_eq(nvt_rawsq_create(ctrl, &o, &sq), 0);
	ck_assert_uint_eq(last_rawq()->cdw11 >> 16, 77);
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

/* Raw dwords go as given, QID 0 and a 1-entry queue included. */
START_TEST(raw_dwords)
{
	struct nvt_rawcq_opts o;
	struct nvt_rawsq_opts so;
	struct nvt_rawcq *cq;
	struct nvt_rawsq *sq;

	nvt_rawcq_opts_init(&o, sizeof(o));
	o.raw = true;
	o.cdw10 = 0;
	o.cdw11 = 0xffff0003;
	o.cdw12 = 0xdeadbeef;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	ck_assert_uint_eq(last_rawq()->cdw10, 0);
	ck_assert_uint_eq(last_rawq()->cdw11, 0xffff0003);
	ck_assert_uint_eq(last_rawq()->cdw12, 0xdeadbeef);
	ck_assert_uint_eq(nvt_rawcq_id(cq), 0);
	ck_assert_uint_eq(nvt_rawcq_entries(cq), 1);
	ck_assert_int_eq(nvt_rawcq_vector(cq), 0xffff);

	nvt_rawsq_opts_init(&so, sizeof(so));
	so.raw = true;
	so.cdw10 = 3u << 16 | 2;
	so.cdw11 = 0x12340007;	/* QPRIO 3, PC */
	ck_assert_int_eq(nvt_rawsq_create(ctrl, &so, &sq), 0);
	ck_assert_uint_eq(last_rawq()->cdw10, 3u << 16 | 2);
	ck_assert_uint_eq(last_rawq()->cdw11, 0x12340007);
	ck_assert_uint_eq(nvt_rawsq_entries(sq), 4);
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

START_TEST(create_refused)
{
	struct nvt_rawcq_opts o;
	struct nvt_rawcq *cq;

	nvt_rawcq_opts_init(&o, sizeof(o));
	o.qid = 2;
	mock.rawq_ret = -EREMOTEIO;
	mock.rawq_status = NVT_SC_INVALID_QSIZE;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), NVT_SC_INVALID_QSIZE);
	ck_assert_uint_eq(o.status, NVT_SC_INVALID_QSIZE);
	ck_assert_ptr_null(cq);
	mock.rawq_ret = -EBUSY;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EBUSY);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "used by nvt.ko"));

	/* a refused Delete leaves the queue, and the handle, to try again */
	mock.rawq_ret = 0;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	mock.rawq_ret = -EREMOTEIO;
	mock.rawq_status = NVT_SC_INVALID_QUEUE_DELETION;
	ck_assert_int_eq(nvt_rawcq_delete(cq), NVT_SC_INVALID_QUEUE_DELETION);
	ck_assert_uint_eq(nvt_rawcq_id(cq), 2);
	mock.rawq_ret = 0;
	ck_assert_int_eq(nvt_rawcq_delete(cq), 0);
	ck_assert_uint_eq(last_rawq()->op, NVT_RAWQ_DELETE_CQ);
	ck_assert_uint_eq(last_rawq()->qid, 2);
}
END_TEST

START_TEST(bad_input)
{
	struct nvt_buf *ring = dma_buf(4096), *host;
	struct nvt_rawcq_opts o;
	struct nvt_rawcq *cq;
	union nvt_sqe sqe;
	union nvt_cqe cqe;

	nvt_rawcq_opts_init(&o, sizeof(o));
	o.qid = 0;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "admin queue"));
	o.qid = 65536;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	o.qid = 1;
	o.entries = 1;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "2..65536"));
	o.entries = 65537;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	/* 256 entries of 16 bytes from byte 16 do not fit 4096 */
	o.entries = 256;
	o.buf = ring;
	o.buf_offset = 16;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "do not fit"));
	ck_assert_int_eq(nvt_buf_alloc_host(4096, &host), 0);
	o.buf = host;
	o.buf_offset = 0;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "host memory"));
	ck_assert_uint_eq(mock.nrawq, 0);	/* none reached nvt.ko */

	o.buf = ring;
	o.entries = 4;
	o.ien = false;
	ck_assert_int_eq(nvt_rawcq_create(ctrl, &o, &cq), 0);
	ck_assert_int_eq(nvt_rawcq_entry(cq, 4, &cqe), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_rawcq_error(cq), "entry 4"));
	ck_assert_int_eq(nvt_rawcq_phase(cq, 4), -EINVAL);
	ck_assert_int_eq(nvt_rawcq_wait_phase(cq, 9, 1, 0), -EINVAL);
	ck_assert_int_eq(nvt_rawcq_wait_phase(cq, 0, 2, 0), -EINVAL);
	ck_assert_int_eq(nvt_rawcq_wait_irq(cq, 10, NULL), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_rawcq_error(cq), "IEN"));

	{
		struct nvt_rawsq *sq = make_sq(cq, 4);

		memset(&sqe, 0, sizeof(sqe));
		mock.nrawq = 0;
		ck_assert_int_eq(nvt_rawsq_set_entry(sq, 4, &sqe, NULL), -EINVAL);
		ck_assert_int_eq(nvt_rawsq_entry(sq, 4, &sqe), -EINVAL);
		ck_assert_int_eq(nvt_rawsq_read(sq, 1, 1, 0, 0, ring), -EINVAL);
		ck_assert_int_eq(nvt_rawsq_read(sq, 1, 1, 0, 65537, ring), -EINVAL);
		ck_assert_int_eq(nvt_rawsq_read(sq, 1, 1, 0, 1, host), -EINVAL);
		ck_assert_uint_eq(mock.nrawq, 0);
		nvt_rawsq_delete(sq);
	}
	nvt_rawcq_delete(cq);
	nvt_buf_free(host);
	nvt_buf_free(ring);
}
END_TEST

START_TEST(doorbells_any_value)
{
	struct nvt_rawcq *cq = make_cq(4);
	struct nvt_rawsq *sq = make_sq(cq, 4);
	const struct nvt_rawq *r;

	ck_assert_uint_eq(nvt_rawsq_tail(sq), 0);
	ck_assert_int_eq(nvt_rawsq_set_tail(sq, 5), 0);	/* beyond the queue */
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_SQ_TAIL);
	ck_assert_uint_eq(r->qid, 1);
	ck_assert_uint_eq(r->value, 5);
	ck_assert_uint_eq(nvt_rawsq_tail(sq), 5);
	ck_assert_int_eq(nvt_rawcq_set_head(cq, 0xffffffff), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_CQ_HEAD);
	ck_assert_uint_eq(r->value, 0xffffffff);
	ck_assert_uint_eq(nvt_rawcq_head(cq), 0xffffffff);
	ck_assert_int_eq(nvt_ctrl_doorbell_write(ctrl, 300, false, 1), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_SQ_TAIL);
	ck_assert_uint_eq(r->qid, 300);
	/* a refused doorbell keeps the pointer as it was */
	mock.rawq_ret = -EBADFD;
	ck_assert_int_eq(nvt_rawsq_set_tail(sq, 1), -EBADFD);
	ck_assert_uint_eq(nvt_rawsq_tail(sq), 5);
	ck_assert_ptr_nonnull(strstr(nvt_rawsq_error(sq), "reset"));
	mock.rawq_ret = 0;
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

START_TEST(sqe_written_as_given)
{
	struct nvt_rawcq *cq = make_cq(4);
	struct nvt_rawsq *sq = make_sq(cq, 4);
	union nvt_sqe sqe, written;
	const struct nvt_rawq *r;
	unsigned i;

	for (i = 0; i < 16; i++)
		sqe.dw[i] = 0x11111111u * i;
	sqe.cid = 7;
	ck_assert_int_eq(nvt_rawsq_set_entry(sq, 3, &sqe, &written), 0);
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_SQE);
	ck_assert_uint_eq(r->qid, 1);
	ck_assert_uint_eq(r->index, 3);
	ck_assert_mem_eq(r->sqe, sqe.dw, 64);
	/* the entry as nvt.ko wrote it comes back */
	ck_assert_uint_eq(written.dw[6], sqe.dw[6] ^ 0x1000);
	ck_assert_uint_eq(nvt_rawsq_tail(sq), 0);	/* not rung */
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

/* Read at the tail: NVMe 2.0 NVM 3.2.4: SLBA CDW10/11, NLB CDW12 15:0. */
START_TEST(read_at_tail)
{
	struct nvt_rawcq *cq = make_cq(2);
	struct nvt_rawsq *sq = make_sq(cq, 2);
	struct nvt_buf *data = dma_buf(3 * 4096);
	const struct nvt_rawq *r;
	union nvt_sqe sqe;

	ck_assert_int_eq(nvt_buf_set_window(data, 0x10, 4096), 0);
	ck_assert_int_eq(nvt_rawsq_read(sq, 0x55, 1, 0x123456789ull, 8, data), 0);
	r = &mock.rawq[mock.nrawq - 2];
	ck_assert_uint_eq(r->op, NVT_RAWQ_SQE);
	ck_assert_uint_eq(r->index, 0);
	memcpy(sqe.dw, r->sqe, 64);
	ck_assert_uint_eq(sqe.opcode, NVT_NVM_READ);
	ck_assert_uint_eq(sqe.flags, 0);	/* PSDT PRP */
	ck_assert_uint_eq(sqe.cid, 0x55);
	ck_assert_uint_eq(sqe.nsid, 1);
	ck_assert_uint_eq(sqe.cdw10, 0x23456789);
	ck_assert_uint_eq(sqe.cdw11, 0x1);
	ck_assert_uint_eq(sqe.cdw12, 7);
	ck_assert_uint_eq(sqe.prp1, bus(data, 0x10));
	ck_assert_uint_eq(sqe.prp2, bus(data, 0x1000));
	r = last_rawq();
	ck_assert_uint_eq(r->op, NVT_RAWQ_SQ_TAIL);
	ck_assert_uint_eq(r->value, 1);

	/* the next goes at entry 1, and the tail wraps to 0 */
	ck_assert_int_eq(nvt_rawsq_write(sq, 0x56, 1, 0, 1, data), 0);
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].index, 1);
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].sqe[0] & 0xff,
			  NVT_NVM_WRITE);
	ck_assert_uint_eq(last_rawq()->value, 0);
	ck_assert_int_eq(nvt_rawsq_flush(sq, 0x57, 0xffffffff), 0);
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].index, 0);
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].sqe[0],
			  0x57u << 16 | NVT_NVM_FLUSH);

	/* MPTR 0 without metadata */
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].sqe[4], 0);
	ck_assert_uint_eq(mock.rawq[mock.nrawq - 2].sqe[5], 0);

	/* a window over three pages needs a PRP list */
	ck_assert_int_eq(nvt_buf_set_window(data, 0x10, 8192), 0);
	ck_assert_int_eq(nvt_rawsq_read(sq, 1, 1, 0, 16, data), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_rawsq_error(sq), "PRP list"));
	nvt_buf_free(data);
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

/*
 * Separate metadata: MPTR (SQE dwords 4 and 5) is the first byte of the
 * metadata buffer's window (NVMe 2.0 Base 4.1, Figure 88).
 */
START_TEST(read_write_with_metadata)
{
	struct nvt_rawcq *cq = make_cq(4);
	struct nvt_rawsq *sq = make_sq(cq, 4);
	struct nvt_buf *data = dma_buf(4096);
	struct nvt_buf *meta = dma_buf(4096);
	struct nvt_buf *host = NULL;
	const struct nvt_rawq *r;
	union nvt_sqe sqe;

	ck_assert_int_eq(nvt_buf_alloc_host(64, &host), 0);
	ck_assert_int_eq(nvt_buf_set_window(meta, 0x40, 64), 0);
	ck_assert_int_eq(nvt_rawsq_read_meta(sq, 9, 3, 8, 1, data, meta), 0);
	r = &mock.rawq[mock.nrawq - 2];
	memcpy(sqe.dw, r->sqe, 64);
	ck_assert_uint_eq(sqe.opcode, NVT_NVM_READ);
	ck_assert_uint_eq(sqe.cid, 9);
	ck_assert_uint_eq(sqe.nsid, 3);
	ck_assert_uint_eq(sqe.cdw10, 8);
	ck_assert_uint_eq(sqe.cdw12, 0);
	ck_assert_uint_eq(sqe.prp1, bus(data, 0));
	ck_assert_uint_eq(sqe.mptr, bus(meta, 0x40));
	ck_assert_uint_eq(last_rawq()->value, 1);

	ck_assert_int_eq(nvt_rawsq_write_meta(sq, 10, 3, 8, 4, data, meta), 0);
	memcpy(sqe.dw, mock.rawq[mock.nrawq - 2].sqe, 64);
	ck_assert_uint_eq(sqe.opcode, NVT_NVM_WRITE);
	ck_assert_uint_eq(sqe.cdw12, 3);
	ck_assert_uint_eq(sqe.mptr, bus(meta, 0x40));

	/* NULL: MPTR 0, as nvt_rawsq_read() */
	ck_assert_int_eq(nvt_rawsq_read_meta(sq, 11, 3, 8, 1, data, NULL), 0);
	memcpy(sqe.dw, mock.rawq[mock.nrawq - 2].sqe, 64);
	ck_assert_uint_eq(sqe.mptr, 0);

	/* metadata in host memory has no bus address: refused, nothing sent */
	mock.nrawq = 0;
	ck_assert_int_eq(nvt_rawsq_write_meta(sq, 12, 3, 8, 1, data, host), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_rawsq_error(sq), "metadata buffer"));
	ck_assert_uint_eq(mock.nrawq, 0);
	nvt_buf_free(host);
	nvt_buf_free(meta);
	nvt_buf_free(data);
	nvt_rawsq_delete(sq);
	nvt_rawcq_delete(cq);
}
END_TEST

/* The phase tag, read from the ring in memory as the controller writes it. */
START_TEST(phase_wait)
{
	struct nvt_rawcq *cq = make_cq(4);
	uint32_t *ring = (uint32_t *)(void *)nvt_buf_data(nvt_rawcq_buf(cq));
	union nvt_cqe cqe;

	ck_assert_int_eq(nvt_rawcq_phase(cq, 2), 0);
	ck_assert_int_eq(nvt_rawcq_wait_phase(cq, 2, 1, 20), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(nvt_rawcq_error(cq), "entry 2"));
	ck_assert_int_eq(nvt_rawcq_wait_phase(cq, 2, 0, 0), 0);

	/* entry 2: dw0 0xabc, SQHD 3, SQID 1, CID 9, status 00/02, phase 1 */
	ring[2 * 4 + 0] = 0xabc;
	ring[2 * 4 + 2] = 1u << 16 | 3;
	ring[2 * 4 + 3] = (uint32_t)NVT_SC_INVALID_FIELD << NVT_CQE_STATUS_SHIFT |
			  NVT_CQE_PHASE | 9;
	ck_assert_int_eq(nvt_rawcq_wait_phase(cq, 2, 1, 20), 0);
	ck_assert_int_eq(nvt_rawcq_phase(cq, 2), 1);
	ck_assert_int_eq(nvt_rawcq_entry(cq, 2, &cqe), 0);
	ck_assert_uint_eq(cqe.dw0, 0xabc);
	ck_assert_uint_eq(nvt_cqe_cid(cqe.dw), 9);
	ck_assert_uint_eq(nvt_cqe_sqhd(cqe.dw), 3);
	ck_assert_uint_eq(nvt_cqe_sqid(cqe.dw), 1);
	ck_assert_uint_eq(nvt_cqe_status(cqe.dw), NVT_SC_INVALID_FIELD);
	ck_assert_uint_eq(nvt_cqe_phase(cqe.dw), 1);
	/* the neighbours are untouched */
	ck_assert_int_eq(nvt_rawcq_phase(cq, 1), 0);
	ck_assert_int_eq(nvt_rawcq_phase(cq, 3), 0);
	nvt_rawcq_delete(cq);
}
END_TEST

START_TEST(cq_irq_wait)
{
	struct nvt_rawcq *cq = make_cq(4);
	uint64_t count = 0;

	mock.irq_count = 2;
	ck_assert_int_eq(nvt_rawcq_wait_irq(cq, 50, &count), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_uint_eq(mock.irq[0].op, NVT_IRQ_OP_WAIT);
	ck_assert_uint_eq(mock.irq[0].vector, 2);
	ck_assert_uint_eq(mock.irq[0].timeout_ms, 50);
	mock.irq_wait_ret = -ETIMEDOUT;
	ck_assert_int_eq(nvt_rawcq_wait_irq(cq, 50, NULL), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(nvt_rawcq_error(cq), "vector 2"));
	nvt_rawcq_delete(cq);
}
END_TEST

/* ---- data pointers ---- */

/* PRP1 with an offset, PRP2 a list of the next pages (NVMe 2.0 4.1.1). */
START_TEST(prp_list)
{
	struct nvt_buf *data = dma_buf(8 * 4096), *list = dma_buf(2 * 4096);
	const uint8_t *l = nvt_buf_data(list);
	union nvt_sqe sqe;
	unsigned i;

	memset(&sqe, 0xff, sizeof(sqe));
	/* 0x200 into page 0, 4 pages more: list of pages 1..4 */
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0x200, 4 * 4096, 4096,
				      list, 0x40), 0);
	ck_assert_uint_eq(sqe.dw[0] & NVT_SQE_PSDT_MASK, NVT_SQE_PSDT_PRP);
	ck_assert_uint_eq(sqe.prp1, bus(data, 0x200));
	ck_assert_uint_eq(sqe.prp2, bus(list, 0x40));
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(le64(l + 0x40 + 8 * i),
				  bus(data, 4096 * (i + 1)));
	ck_assert_uint_eq(le64(l + 0x40 + 8 * 4), 0);

	/* two slots left in the list's page: one entry, then the chain */
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0, 4 * 4096, 4096, list,
				      4096 - 16), 0);
	ck_assert_uint_eq(sqe.prp2, bus(list, 4096 - 16));
	ck_assert_uint_eq(le64(l + 4096 - 16), bus(data, 4096));
	ck_assert_uint_eq(le64(l + 4096 - 8), bus(list, 4096));
	ck_assert_uint_eq(le64(l + 4096), bus(data, 2 * 4096));
	ck_assert_uint_eq(le64(l + 4096 + 8), bus(data, 3 * 4096));

	/* one page: no PRP2; two: PRP2 the second page */
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0x10, 4096 - 0x10, 4096,
				      NULL, 0), 0);
	ck_assert_uint_eq(sqe.prp2, 0);
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0x10, 4096, 4096, NULL, 0), 0);
	ck_assert_uint_eq(sqe.prp2, bus(data, 4096));

	/* entries of any value, where the caller wants them */
	ck_assert_int_eq(nvt_prp_list_set(list, 0x7, 2, 0x123456789abcdef1ull), 0);
	ck_assert_uint_eq(le64(l + 0x7 + 16), 0x123456789abcdef1ull);
	ck_assert_int_eq(nvt_prp_list_fill(list, 0x100, data, 0x30, 4096, 3), 0);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(le64(l + 0x100 + 8 * i),
				  bus(data, 0x30 + 4096 * i));

	/* bad input */
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0, 3 * 4096, 4096, NULL, 0),
			 -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(data), "PRP list"));
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0, 0, 4096, NULL, 0), -EINVAL);
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0, 4096, 3000, NULL, 0),
			 -EINVAL);
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 4096, 8 * 4096, 4096, list,
				      0), -ERANGE);
	ck_assert_int_eq(nvt_dptr_prp(&sqe, data, 0, 4 * 4096, 4096, list, 4),
			 -EINVAL);
	ck_assert_int_eq(nvt_prp_list_set(list, 2 * 4096 - 4, 0, 1), -ERANGE);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(list), "do not fit"));
	nvt_buf_free(list);
	nvt_buf_free(data);
}
END_TEST

/*
 * SGL descriptors (NVMe 2.0 4.1.2): address 0-7, length 8-11, 12-14
 * reserved, byte 15 type 7:4 and subtype 3:0.  The specification's
 * example: a segment of a data block and a segment pointer, then one of a
 * data block, a bit bucket and the last segment, then a data block.
 */
START_TEST(sgl_descriptors)
{
	struct nvt_buf *seg = dma_buf(4096), *data = dma_buf(16 * 4096);
	const uint8_t *s = nvt_buf_data(seg);
	union nvt_sqe sqe;

	ck_assert_int_eq(nvt_sgl_data_block(seg, 0, data, 0, 3072), 0);
	ck_assert_int_eq(nvt_sgl_segment(seg, 16, seg, 0x100, 3), 0);
	ck_assert_int_eq(nvt_sgl_data_block(seg, 0x100, data, 0x1000, 4096), 0);
	ck_assert_int_eq(nvt_sgl_bit_bucket(seg, 0x110, 2048), 0);
	ck_assert_int_eq(nvt_sgl_last_segment(seg, 0x120, seg, 0x203, 1), 0);
	ck_assert_int_eq(nvt_sgl_data_block(seg, 0x203, data, 0x3000, 4096), 0);

	ck_assert_uint_eq(le64(s), bus(data, 0));
	ck_assert_uint_eq(nvt_le_get(s + 8, 4), 3072);
	ck_assert_uint_eq(nvt_le_get(s + 12, 3), 0);
	ck_assert_uint_eq(s[15], NVT_SGL_DATA_BLOCK << 4);
	ck_assert_uint_eq(le64(s + 16), bus(seg, 0x100));
	ck_assert_uint_eq(nvt_le_get(s + 24, 4), 48);
	ck_assert_uint_eq(s[31], 0x20);
	ck_assert_uint_eq(le64(s + 0x110), 0);
	ck_assert_uint_eq(nvt_le_get(s + 0x118, 4), 2048);
	ck_assert_uint_eq(s[0x11f], 0x10);
	ck_assert_uint_eq(le64(s + 0x120), bus(seg, 0x203));
	ck_assert_uint_eq(nvt_le_get(s + 0x128, 4), 16);
	ck_assert_uint_eq(s[0x12f], 0x30);
	ck_assert_uint_eq(le64(s + 0x203), bus(data, 0x3000));

	/* the SQE: PSDT 01b, SGL1 a segment of two descriptors */
	memset(&sqe, 0, sizeof(sqe));
	sqe.dw[0] = NVT_SQE_PSDT_SGL_MPTR_SGL | NVT_NVM_READ;
	nvt_sqe_set_sgl(&sqe, NVT_SGL_SEGMENT, bus(seg, 0), 32);
	ck_assert_uint_eq(sqe.dw[0], NVT_SQE_PSDT_SGL | NVT_NVM_READ);
	ck_assert_uint_eq(sqe.prp1, bus(seg, 0));
	ck_assert_uint_eq(sqe.prp2, 32 | (uint64_t)0x20 << 56);
	nvt_sqe_set_prp(&sqe, 1, 2);
	ck_assert_uint_eq(sqe.dw[0], NVT_NVM_READ);
	ck_assert_uint_eq(sqe.prp1, 1);
	ck_assert_uint_eq(sqe.prp2, 2);

	/* a reserved type goes as given; a descriptor beyond the buffer not */
	ck_assert_int_eq(nvt_sgl_write(seg, 0x300, 0xe, 5, 6), 0);
	ck_assert_uint_eq(s[0x30f], 0xe0);
	ck_assert_int_eq(nvt_sgl_write(seg, 4096 - 15, 0, 0, 0), -ERANGE);
	ck_assert_int_eq(nvt_sgl_data_block(seg, 0, data, 16 * 4096, 1), -ERANGE);
	nvt_buf_free(data);
	nvt_buf_free(seg);
}
END_TEST

START_TEST(cmb_buffers)
{
	struct nvt_buf *b;
	uint64_t addr;

	ck_assert_int_eq(nvt_buf_alloc_in(pcie, 100, NVT_MEM_PMR, &b), 0);
	ck_assert_uint_eq(mock.allocs[mock.nbufs - 1].flags, NVT_BUF_PMR);
	ck_assert_int_eq(nvt_buf_mem(b), NVT_MEM_PMR);
	ck_assert_int_eq(nvt_buf_bus_addr(b, 99, &addr), 0);
	ck_assert_uint_eq(addr, bus(b, 99));
	ck_assert_int_eq(nvt_buf_bus_addr(b, 100, &addr), -ERANGE);
	nvt_buf_free(b);
	mock.alloc_ret = -EOPNOTSUPP;
	ck_assert_int_eq(nvt_buf_alloc_in(pcie, 100, NVT_MEM_CMB, &b),
			 -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(nvt_pcie_error(pcie), "CMB"));
	ck_assert_int_eq(nvt_buf_alloc_in(pcie, 100, (enum nvt_buf_mem)7, &b),
			 -EINVAL);
}
END_TEST

/* ---- the normal command path ---- */

static uint32_t cb_flags;

static void keep_flags(struct nvt_ctrl *c, const struct nvt_completion *cpl,
		       void *arg)
{
	cb_flags = cpl->flags;
}

START_TEST(dptr_user_and_cids)
{
	struct nvt_data d = { .dptr = NVT_DPTR_USER };
	struct nvt_buf *b = dma_buf(4096);
	uint32_t sqe[16] = { 9u << 16 | NVT_NVM_READ, 1 };

	ck_assert_int_eq(nvt_qpair_send(qp, sqe, &d, NULL, NULL), 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	ck_assert_uint_eq(mock.cmds[0].cmd.flags, NVT_CMD_DPTR_USER);
	ck_assert_uint_eq(mock.cmds[0].cmd.buf_id, 0);
	d.buf = b;
	ck_assert_int_eq(nvt_qpair_send(qp, sqe, &d, NULL, NULL), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_qpair_error(qp), "NVT_DPTR_USER"));
	d.buf = NULL;

	ck_assert_int_eq(nvt_qpair_send_cid(qp, sqe, &d, NVT_CMD_KEEP_CID |
					    NVT_CMD_DUP_CID, keep_flags, NULL), 0);
	ck_assert_int_eq(nvt_qpair_send_cid(qp, sqe, NULL, NVT_CMD_KEEP_CID,
					    NULL, NULL), 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	ck_assert_uint_eq(mock.cmds[1].cmd.flags, NVT_CMD_DPTR_USER |
			  NVT_CMD_KEEP_CID | NVT_CMD_DUP_CID);
	ck_assert_uint_eq(mock.cmds[1].cmd.sqe[0] >> 16, 9);
	ck_assert_uint_eq(mock.cmds[2].cmd.flags, NVT_CMD_KEEP_CID);
	ck_assert_int_eq(nvt_qpair_send_cid(qp, sqe, NULL, NVT_CMD_DUP_CID,
					    NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_qpair_send_cid(qp, sqe, NULL, NVT_CMD_DPTR_BUF,
					    NULL, NULL), -EINVAL);

	/* the completion's DUP_CID flag reaches the caller */
	mock.cpl_flags = NVT_CPL_DUP_CID;
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 3, 0, NULL), 0);
	ck_assert_uint_eq(cb_flags, NVT_CPL_DUP_CID);
	ck_assert_uint_eq(nvt_qpair_latest_flags(qp), NVT_CPL_DUP_CID);
	ck_assert_uint_eq(nvt_qpair_latest_cid(qp), 9);

	/* the admin queue too */
	sqe[0] = 5u << 16 | NVT_ADMIN_GET_FEATURES;
	ck_assert_int_eq(nvt_ctrl_send_cid(ctrl, sqe, NULL, NVT_CMD_KEEP_CID,
					   NULL, NULL), 0);
	ck_assert_uint_eq(mock.cmds[3].cmd.flags, NVT_CMD_KEEP_CID);
	ck_assert_int_eq(nvt_ctrl_waitdone(ctrl, 1, NULL), 0);
	ck_assert_uint_eq(nvt_ctrl_latest_flags(ctrl), NVT_CPL_DUP_CID);
	nvt_buf_free(b);
}
END_TEST

START_TEST(qpair_msix)
{
	struct nvt_qpair_opts qo;
	struct nvt_qpair *quiet;
	const uint32_t ops[] = {
		NVT_IRQ_OP_CLEAR, NVT_IRQ_OP_COUNT, NVT_IRQ_OP_WAIT,
		NVT_IRQ_OP_MASK, NVT_IRQ_OP_UNMASK, NVT_IRQ_OP_PENDING,
	};
	unsigned i;

	ck_assert_int_eq(nvt_qpair_irq_clear(qp), 0);
	ck_assert_int_eq(nvt_qpair_irq_isset(qp), 0);
	ck_assert_int_eq(nvt_qpair_irq_wait(qp, 30), 0);
	ck_assert_int_eq(nvt_qpair_irq_mask(qp), 0);
	ck_assert_int_eq(nvt_qpair_irq_unmask(qp), 0);
	ck_assert_int_eq(nvt_qpair_irq_pending(qp), 0);
	ck_assert_uint_eq(mock.nirq, 6);
	for (i = 0; i < 6; i++) {
		ck_assert_uint_eq(mock.irq[i].op, ops[i]);
		ck_assert_uint_eq(mock.irq[i].vector, 3);
	}
	ck_assert_uint_eq(mock.irq[2].timeout_ms, 30);
	mock.irq_count = 1;
	mock.irq_flags = NVT_IRQ_PENDING | NVT_IRQ_MASKED;
	ck_assert_int_eq(nvt_qpair_irq_isset(qp), 1);
	ck_assert_int_eq(nvt_qpair_irq_pending(qp), 1);

	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.no_irq = true;
	ck_assert_int_eq(nvt_qpair_create(ctrl, &qo, &quiet), 0);
	mock.nirq = 0;
	ck_assert_int_eq(nvt_qpair_irq_isset(quiet), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_qpair_error(quiet), "no_irq"));
	ck_assert_int_eq(nvt_qpair_irq_mask(quiet), -EINVAL);
	ck_assert_uint_eq(mock.nirq, 0);
	nvt_qpair_delete(quiet);
}
END_TEST

/* The admin waitdone that needs vector 0: wait, clear, then reap. */
START_TEST(admin_waitdone_irq)
{
	uint32_t sqe[16] = { NVT_ADMIN_GET_FEATURES };

	ck_assert_int_eq(nvt_ctrl_send_cmd(ctrl, sqe, NULL, NULL, NULL), 0);
	mock.irq_wait_ret = -ETIMEDOUT;
	ck_assert_int_eq(nvt_ctrl_waitdone_irq(ctrl, 1, 25, NULL), -ETIMEDOUT);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "vector 0"));
	ck_assert_uint_eq(mock.irq[0].op, NVT_IRQ_OP_WAIT);
	ck_assert_uint_eq(mock.irq[0].vector, 0);
	ck_assert_uint_eq(mock.irq[0].timeout_ms, 25);
	ck_assert_uint_eq(nvt_ctrl_outstanding(ctrl), 1);

	mock.irq_wait_ret = 0;
	mock.nirq = 0;
	mock.nreap = 0;
	ck_assert_int_eq(nvt_ctrl_waitdone_irq(ctrl, 1, 25, NULL), 0);
	ck_assert_uint_eq(mock.nirq, 2);
	ck_assert_uint_eq(mock.irq[1].op, NVT_IRQ_OP_CLEAR);
	ck_assert_uint_eq(mock.irq[1].vector, 0);
	ck_assert_uint_eq(mock.reaps_before_irq, 0);
	ck_assert_uint_gt(mock.nreap, 0);
	ck_assert_uint_eq(nvt_ctrl_outstanding(ctrl), 0);
	ck_assert_int_eq(nvt_ctrl_waitdone_irq(ctrl, 1, 25, NULL), -EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rawq");
	TCase *raw = tcase_create("raw queues");
	TCase *dptr = tcase_create("data pointers");
	TCase *path = tcase_create("command path");

	tcase_add_checked_fixture(raw, setup, teardown);
	tcase_add_test(raw, cq_create_dwords);
	tcase_add_test(raw, sq_create_dwords);
	tcase_add_test(raw, raw_dwords);
	tcase_add_test(raw, create_refused);
	tcase_add_test(raw, bad_input);
	tcase_add_test(raw, doorbells_any_value);
	tcase_add_test(raw, sqe_written_as_given);
	tcase_add_test(raw, read_at_tail);
	tcase_add_test(raw, read_write_with_metadata);
	tcase_add_test(raw, phase_wait);
	tcase_add_test(raw, cq_irq_wait);
	suite_add_tcase(s, raw);

	tcase_add_checked_fixture(dptr, setup, teardown);
	tcase_add_test(dptr, prp_list);
	tcase_add_test(dptr, sgl_descriptors);
	tcase_add_test(dptr, cmb_buffers);
	suite_add_tcase(s, dptr);

	tcase_add_checked_fixture(path, setup, teardown);
	tcase_add_test(path, dptr_user_and_cids);
	tcase_add_test(path, qpair_msix);
	tcase_add_test(path, admin_waitdone_irq);
	suite_add_tcase(s, path);

	return unit_run(s);
}
