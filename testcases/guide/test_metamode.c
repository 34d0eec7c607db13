// SPDX-License-Identifier: MIT
/*
 * The metamode examples of the PyNVMe3 script development guide in C, on
 * libnvt's raw queues (<nvt/rawq.h>): the test writes the SQ entries, rings
 * the doorbells and reads the completions itself.  metamode.yaml next to it
 * does the same in YAML.
 *
 * The guide's LBAs are 512 bytes without metadata; here a buffer holds
 * LBAs as the namespace's format moves them through the data pointer
 * (nvt_ns_data_bytes(): with their metadata when it is interleaved), and
 * separate metadata goes through MPTR, which the raw read and write helpers
 * do not set.
 */
#include <errno.h>
#include <string.h>

#include <nvt/test.h>

#define WAIT_MS 5000

struct rawpair {
	struct nvt_rawcq *cq;
	struct nvt_rawsq *sq[3];
};

/* One CQ of @entries and @nsq SQs (QIDs 1..) on it. */
static bool rawpair_make(struct nvt_test *t, struct rawpair *p, unsigned qid,
			 unsigned entries, unsigned nsq, enum nvt_buf_mem mem)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_rawcq_opts co;
	struct nvt_rawsq_opts so;
	unsigned i;
	int ret;

	memset(p, 0, sizeof(*p));
	nvt_rawcq_opts_init(&co, sizeof(co));
	co.qid = qid;
	co.entries = entries;
	ret = nvt_rawcq_create(ctrl, &co, &p->cq);
	if (ret) {
		nvt_test_fail(t, __FILE__, __LINE__, "Create I/O CQ: %d (%s)",
			      ret, nvt_ctrl_error(ctrl));
		return false;
	}
	for (i = 0; i < nsq; i++) {
		nvt_rawsq_opts_init(&so, sizeof(so));
		so.qid = qid + i;
		so.entries = entries;
		so.cq = p->cq;
		so.mem = mem;
		ret = nvt_rawsq_create(ctrl, &so, &p->sq[i]);
		if (ret) {
			nvt_test_fail(t, __FILE__, __LINE__,
				      "Create I/O SQ %u: %d (%s)", qid + i, ret,
				      nvt_ctrl_error(ctrl));
			return false;
		}
	}
	return true;
}

static void rawpair_free(struct rawpair *p)
{
	unsigned i;

	for (i = 0; i < 3; i++)
		if (p->sq[i])
			nvt_rawsq_delete(p->sq[i]);
	if (p->cq)
		nvt_rawcq_delete(p->cq);
}

static struct nvt_buf *dma_buf(struct nvt_test *t, size_t len,
			       enum nvt_pattern pat, uint32_t value)
{
	struct nvt_buf *b = NULL;

	if (nvt_buf_alloc(nvt_test_pcie(t), len, &b))
		return NULL;
	nvt_buf_fill(b, pat, value);
	return b;
}

/* PRP1 and PRP2 over @buf for @count LBAs, MPTR at @meta (separate metadata). */
static int set_pointers(struct nvt_test *t, union nvt_sqe *sqe, uint32_t count,
			struct nvt_buf *buf, struct nvt_buf *meta)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	uint32_t cc = 0;
	int ret;

	ret = nvt_ctrl_reg_read32(nvt_test_ctrl(t), NVT_REG_CC, &cc);
	if (!ret)
		ret = nvt_dptr_prp(sqe, buf, nvt_buf_offset(buf),
				   nvt_ns_data_bytes(ns, count),
				   4096u << NVT_CC_MPS(cc), NULL, 0);
	if (!ret && nvt_ns_meta_bytes(ns, count))
		sqe->mptr = nvt_buf_dma(meta);
	return ret;
}

/*
 * A Read or Write at the SQ's tail, its doorbell rung: nvt_rawsq_read() or
 * nvt_rawsq_write(), or the same entry with MPTR when the metadata is
 * separate.
 */
static int rw_at_tail(struct nvt_test *t, struct nvt_rawsq *sq, uint8_t opc,
		      uint16_t cid, uint64_t lba, struct nvt_buf *buf,
		      struct nvt_buf *meta)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	unsigned tail = nvt_rawsq_tail(sq) % nvt_rawsq_entries(sq);
	union nvt_sqe sqe;
	int ret;

	if (!nvt_ns_meta_bytes(ns, 1))
		return opc == NVT_NVM_READ ?
		       nvt_rawsq_read(sq, cid, nvt_ns_id(ns), lba, 1, buf) :
		       nvt_rawsq_write(sq, cid, nvt_ns_id(ns), lba, 1, buf);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = opc;
	sqe.cid = cid;
	sqe.nsid = nvt_ns_id(ns);
	sqe.cdw10 = (uint32_t)lba;
	sqe.cdw11 = (uint32_t)(lba >> 32);
	ret = set_pointers(t, &sqe, 1, buf, meta);
	if (!ret)
		ret = nvt_rawsq_set_entry(sq, tail, &sqe, NULL);
	if (!ret)
		ret = nvt_rawsq_set_tail(sq, (tail + 1) % nvt_rawsq_entries(sq));
	return ret;
}

/* Waits for entry @i (phase 1) and returns its status, or -1. */
static int wait_entry(struct nvt_test *t, struct nvt_rawcq *cq, unsigned i,
		      union nvt_cqe *cqe)
{
	int ret = nvt_rawcq_wait_phase(cq, i, 1, WAIT_MS);

	if (ret) {
		nvt_test_fail(t, __FILE__, __LINE__, "CQ entry %u: %s", i,
			      nvt_rawcq_error(cq));
		return -1;
	}
	nvt_rawcq_entry(cq, i, cqe);
	return nvt_cqe_status(cqe->dw);
}

/* guide: "metamode IO", the read command step by step */
static void read_step_by_step(struct nvt_test *t)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_buf *d = dma_buf(t, nvt_ns_data_bytes(ns, 1), NVT_PAT_ONES, 0);
	struct nvt_buf *m = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	union nvt_sqe sqe;
	union nvt_cqe cqe;
	struct rawpair p;

	NVT_ASSERT(t, d && m);
	if (!rawpair_make(t, &p, 1, 10, 1, NVT_MEM_HOST))
		goto out;
	/* step 1: a Read of LBA 0 in SQ entry 0 */
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = NVT_NVM_READ;
	sqe.cid = 0;
	sqe.nsid = nvt_test_nsid(t);
	NVT_CHECK_EQ(t, set_pointers(t, &sqe, 1, d, m), 0);
	NVT_CHECK_EQ(t, nvt_rawsq_set_entry(p.sq[0], 0, &sqe, NULL), 0);
	/* step 2: the tail doorbell */
	NVT_CHECK_EQ(t, nvt_rawsq_set_tail(p.sq[0], 1), 0);
	/* step 7: the completion */
	NVT_CHECK_EQ(t, wait_entry(t, p.cq, 0, &cqe), 0);
	NVT_CHECK_EQ(t, cqe.cid, 0);
	NVT_CHECK_EQ(t, cqe.sqid, 1);
	NVT_CHECK_EQ(t, cqe.sqhd, 1);
	/* step 8: the entry is released */
	NVT_CHECK_EQ(t, nvt_rawcq_set_head(p.cq, 1), 0);
out:
	rawpair_free(&p);
	nvt_buf_free(d);
	nvt_buf_free(m);
}

/* guide: "metamode IO", the read/write helpers of a raw SQ */
static void write_read_helpers(struct nvt_test *t)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	size_t len = nvt_ns_data_bytes(ns, 1), mlen = nvt_ns_meta_bytes(ns, 1);
	struct nvt_buf *w = dma_buf(t, len, NVT_PAT_RANDOM, 0);
	struct nvt_buf *r = dma_buf(t, len, NVT_PAT_ZEROS, 0);
	struct nvt_buf *wm = dma_buf(t, 4096, NVT_PAT_RANDOM, 0);
	struct nvt_buf *rm = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	union nvt_cqe cqe;
	struct rawpair p = { 0 };

	NVT_ASSERT(t, w && r && wm && rm);
	if (nvt_ns_csi(ns) == NVT_CSI_ZNS) {
		nvt_test_skip(t, "a zoned namespace takes writes only at its write pointer");
		goto out;
	}
	if (!rawpair_make(t, &p, 1, 10, 1, NVT_MEM_HOST))
		goto out;
	NVT_ASSERT_OK(t, p.sq[0], rw_at_tail(t, p.sq[0], NVT_NVM_WRITE, 1, 8, w, wm));
	NVT_CHECK_EQ(t, wait_entry(t, p.cq, 0, &cqe), 0);
	nvt_rawcq_set_head(p.cq, 1);
	NVT_ASSERT_OK(t, p.sq[0], rw_at_tail(t, p.sq[0], NVT_NVM_READ, 2, 8, r, rm));
	NVT_CHECK_EQ(t, wait_entry(t, p.cq, 1, &cqe), 0);
	NVT_CHECK_EQ(t, cqe.cid, 2);
	nvt_rawcq_set_head(p.cq, 2);
	NVT_CHECK(t, !memcmp(nvt_buf_data(w), nvt_buf_data(r), len));
	/* separate metadata: none when mlen is 0 */
	NVT_CHECK(t, !memcmp(nvt_buf_data(wm), nvt_buf_data(rm), mlen));
out:
	rawpair_free(&p);
	nvt_buf_free(w);
	nvt_buf_free(r);
	nvt_buf_free(wm);
	nvt_buf_free(rm);
}

/* guide: "Asymmetric SQ and CQ", three SQs on one CQ (reads, one at a time) */
static void three_sqs_one_cq(struct nvt_test *t)
{
	struct nvt_buf *d = dma_buf(t, nvt_ns_data_bytes(nvt_test_ns(t), 1),
				    NVT_PAT_ZEROS, 0);
	struct nvt_buf *m = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	union nvt_cqe cqe;
	struct rawpair p;
	unsigned i;

	NVT_ASSERT(t, d && m);
	if (!rawpair_make(t, &p, 1, 10, 3, NVT_MEM_HOST))
		goto out;
	for (i = 0; i < 3; i++) {
		NVT_ASSERT_OK(t, p.sq[i], rw_at_tail(t, p.sq[i], NVT_NVM_READ, 1 + i, 0, d, m));
		NVT_CHECK_EQ(t, wait_entry(t, p.cq, i, &cqe), 0);
		NVT_CHECK_EQ(t, cqe.sqid, 1 + i);
		NVT_CHECK_EQ(t, cqe.cid, 1 + i);
		NVT_CHECK_EQ(t, cqe.sqhd, 1);
		nvt_rawcq_set_head(p.cq, i + 1);
	}
out:
	rawpair_free(&p);
	nvt_buf_free(d);
	nvt_buf_free(m);
}

/* guide: "Inject conflict cid error", two reads with CID 1 */
static void same_cid(struct nvt_test *t)
{
	size_t len = nvt_ns_data_bytes(nvt_test_ns(t), 1);
	struct nvt_buf *a = dma_buf(t, len, NVT_PAT_ZEROS, 0);
	struct nvt_buf *b = dma_buf(t, len, NVT_PAT_ZEROS, 0);
	struct nvt_buf *m = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	union nvt_sqe sqe;
	union nvt_cqe cqe;
	struct rawpair p;
	unsigned i;
	int st;

	NVT_ASSERT(t, a && b && m);
	if (!rawpair_make(t, &p, 1, 10, 1, NVT_MEM_HOST))
		goto out;
	for (i = 0; i < 2; i++) {
		memset(&sqe, 0, sizeof(sqe));
		sqe.opcode = NVT_NVM_READ;
		sqe.cid = 1;
		sqe.nsid = nvt_test_nsid(t);
		NVT_CHECK_EQ(t, set_pointers(t, &sqe, 1, i ? b : a, m), 0);
		NVT_CHECK_EQ(t, nvt_rawsq_set_entry(p.sq[0], i, &sqe, NULL), 0);
	}
	NVT_CHECK_EQ(t, nvt_rawsq_set_tail(p.sq[0], 2), 0);
	for (i = 0; i < 2; i++) {
		st = wait_entry(t, p.cq, i, &cqe);
		/* success, or 00/03 Command ID Conflict */
		NVT_CHECK(t, st == 0 || st == 0x0003);
		NVT_CHECK_EQ(t, cqe.cid, 1);
		nvt_test_log(t, "entry %u: status %04x cid %u", i, st, cqe.cid);
	}
	nvt_rawcq_set_head(p.cq, 2);
out:
	rawpair_free(&p);
	nvt_buf_free(a);
	nvt_buf_free(b);
	nvt_buf_free(m);
}

/* guide: "Inject invalid doorbell errors", SQ tail 20 on a 16-entry SQ */
static void doorbell_out_of_range(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_buf *log = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	unsigned seen = nvt_ctrl_aer_count(ctrl, NULL);
	struct rawpair p;
	uint32_t dw0 = 0;

	NVT_ASSERT(t, log);
	if (!rawpair_make(t, &p, 4, 16, 1, NVT_MEM_HOST))
		goto out;
	NVT_CHECK_EQ(t, nvt_rawsq_set_tail(p.sq[0], 20), 0);
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_wait_aer(ctrl, seen, WAIT_MS, &dw0));
	/* error event, Invalid Doorbell Write Value, Error Information log */
	NVT_CHECK_EQ(t, dw0, 0x010100);
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getlogpage(ctrl, NVT_LID_ERROR, log, 512,
						   0, 0, 0, false, NULL, NULL));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, NULL));
out:
	rawpair_free(&p);
	nvt_buf_free(log);
}

/* guide: Buffer as CMB, an SQ ring in the Controller Memory Buffer */
static void cmb_sq(struct nvt_test *t)
{
	struct nvt_buf *d, *m;
	union nvt_cqe cqe;
	struct rawpair p;
	uint64_t cap = 0;

	NVT_ASSERT_OK(t, nvt_test_ctrl(t),
		      nvt_ctrl_reg_read64(nvt_test_ctrl(t), NVT_REG_CAP, &cap));
	if (!NVT_CAP_CMBS(cap)) {
		nvt_test_skip(t, "no Controller Memory Buffer (CAP.CMBS is 0)");
		return;
	}
	d = dma_buf(t, nvt_ns_data_bytes(nvt_test_ns(t), 1), NVT_PAT_ZEROS, 0);
	m = dma_buf(t, 4096, NVT_PAT_ZEROS, 0);
	NVT_ASSERT(t, d && m);
	if (rawpair_make(t, &p, 1, 10, 1, NVT_MEM_CMB)) {
		NVT_CHECK_EQ(t, rw_at_tail(t, p.sq[0], NVT_NVM_READ, 7, 0, d, m), 0);
		NVT_CHECK_EQ(t, wait_entry(t, p.cq, 0, &cqe), 0);
		NVT_CHECK_EQ(t, cqe.cid, 7);
		nvt_rawcq_set_head(p.cq, 1);
	}
	rawpair_free(&p);
	nvt_buf_free(d);
	nvt_buf_free(m);
}

/* guide: "MSIx Interrupt", clear/isset/mask/unmask on a qpair */
static void msix_mask_unmask(struct nvt_test *t)
{
	const struct nvt_info *info = nvt_pcie_info(nvt_test_pcie(t));
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair_opts o;
	struct nvt_qpair *q;

	if (info->irq_type != NVT_IRQ_MSIX || info->nr_vectors < 2) {
		nvt_test_skip(t, "MSI-X is not in use, or it has one vector only");
		return;
	}
	/*
	 * A vector of its own: vector 0 is the admin queue's, whose AERs
	 * and commands may raise it at any time.
	 */
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 16;
	o.vector = 1;
	NVT_ASSERT_OK(t, nvt_test_ctrl(t), nvt_qpair_create(nvt_test_ctrl(t), &o, &q));
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_clear(q));
	NVT_CHECK_EQ(t, nvt_qpair_irq_isset(q), 0);
	NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, q, NULL, NULL));
	NVT_ASSERT_OK(t, q, nvt_qpair_waitdone(q, 1, WAIT_MS, NULL));
	/* the completion can be seen before its interrupt has been taken */
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_wait(q, 1000));
	NVT_CHECK_EQ(t, nvt_qpair_irq_isset(q), 1);
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_clear(q));
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_mask(q));
	NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, q, NULL, NULL));
	NVT_ASSERT_OK(t, q, nvt_qpair_waitdone(q, 1, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, nvt_qpair_irq_isset(q), 0);
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_unmask(q));
	NVT_ASSERT_OK(t, q, nvt_qpair_irq_wait(q, 1000));
	NVT_CHECK_EQ(t, nvt_qpair_irq_isset(q), 1);
	nvt_qpair_delete(q);
}

static const struct nvt_test_case tests[] = {
	{ .name = "read_step_by_step", .fn = read_step_by_step, .fixtures = NVT_FIX_NS },
	{ .name = "write_read_helpers", .fn = write_read_helpers, .fixtures = NVT_FIX_NS },
	{ .name = "three_sqs_one_cq", .fn = three_sqs_one_cq, .fixtures = NVT_FIX_NS },
	{ .name = "same_cid", .fn = same_cid, .fixtures = NVT_FIX_NS },
	{ .name = "doorbell_out_of_range", .fn = doorbell_out_of_range, .fixtures = NVT_FIX_CTRL },
	{ .name = "cmb_sq", .fn = cmb_sq, .fixtures = NVT_FIX_NS },
	{ .name = "msix_mask_unmask", .fn = msix_mask_unmask, .fixtures = NVT_FIX_NS },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
