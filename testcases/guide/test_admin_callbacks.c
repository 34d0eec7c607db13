// SPDX-License-Identifier: MIT
/*
 * The PyNVMe3 script development guide's callbacks that read a completion's
 * dword 0: an admin command's (Get Features, Number of Queues, in the
 * Controller section) and a write's (in the basic script section).  Each
 * callback must run once, inside the waitdone, with the completion the
 * waitdone also reports.
 */
#include <nvt/test.h>

#define WAIT_MS		5000
#define LBA		200
#define COUNT		4

struct seen {
	unsigned calls;
	uint32_t dw0;
	uint16_t cid;
	uint16_t status;
};

static void record(struct nvt_ctrl *ctrl, const struct nvt_completion *c,
		   void *arg)
{
	struct seen *s = arg;

	s->calls++;
	s->dw0 = c->dw[0];
	s->cid = c->cid;
	s->status = c->status;
}

/* guide: Controller section, a Get Features callback keeping dword 0 */
static void getfeatures_callback(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct seen s = { 0 };
	uint32_t dw0 = 0;

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getfeatures(ctrl, NVT_FEAT_NUM_QUEUES, 0, 0, 0,
						    NULL, record, &s));
	NVT_CHECK_EQ(t, s.calls, 0);
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, &dw0));
	NVT_CHECK_EQ(t, s.calls, 1);
	NVT_CHECK_EQ(t, s.status, 0);
	NVT_CHECK_EQ(t, s.dw0, dw0);
	NVT_CHECK_EQ(t, s.cid, nvt_ctrl_latest_cid(ctrl));
	nvt_test_log(t, "queues: %u SQs, %u CQs", (s.dw0 & 0xffff) + 1,
		     (s.dw0 >> 16) + 1);
}

/* guide: basic script, a write whose callback keeps the CQE's dword 0 */
static void write_callback(struct nvt_test *t)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair *q = nvt_test_qpair(t);
	struct nvt_pcie *pcie = nvt_test_pcie(t);
	size_t bytes = nvt_ns_data_bytes(ns, COUNT);
	size_t meta = nvt_ns_meta_bytes(ns, COUNT);
	struct nvt_buf *w = NULL, *r = NULL, *m = NULL;
	struct nvt_io io = { .lba = LBA, .count = COUNT };
	struct seen s = { 0 };

	if (nvt_ns_csi(ns) == NVT_CSI_ZNS) {
		nvt_test_skip(t, "a zoned namespace takes writes at its write pointers only");
		return;
	}
	if (nvt_buf_alloc(pcie, bytes, &w) || nvt_buf_alloc(pcie, bytes, &r) ||
	    (meta && nvt_buf_alloc(pcie, meta, &m))) {
		nvt_test_fail(t, __FILE__, __LINE__, "no DMA buffer: %s",
			      nvt_pcie_error(pcie));
		goto out;
	}
	nvt_buf_fill(w, NVT_PAT_RANDOM, 0);
	nvt_buf_fill(r, NVT_PAT_ONES, 0);
	io.data.buf = w;
	io.data.meta = m;
	io.cb = record;
	io.arg = &s;
	NVT_ASSERT_OK(t, ns, nvt_ns_write(ns, q, &io));
	NVT_ASSERT_OK(t, q, nvt_qpair_waitdone(q, 1, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, s.calls, 1);
	NVT_CHECK_EQ(t, s.status, 0);
	NVT_CHECK_EQ(t, s.cid, nvt_qpair_latest_cid(q));
	nvt_test_log(t, "write completion dword 0: 0x%x", s.dw0);

	io.data.buf = r;
	io.cb = NULL;
	io.arg = NULL;
	NVT_ASSERT_OK(t, ns, nvt_ns_read(ns, q, &io));
	NVT_ASSERT_OK(t, q, nvt_qpair_waitdone(q, 1, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, nvt_qpair_latest_status(q), 0);
	NVT_CHECK_EQ(t, s.calls, 1);
	NVT_CHECK(t, nvt_buf_compare(w, r, NULL) == 0);
out:
	nvt_buf_free(w);
	nvt_buf_free(r);
	nvt_buf_free(m);
}

static const struct nvt_test_case tests[] = {
	{ .name = "getfeatures_callback", .fn = getfeatures_callback,
	  .fixtures = NVT_FIX_CTRL },
	{ .name = "write_callback", .fn = write_callback,
	  .fixtures = NVT_FIX_NS | NVT_FIX_QPAIR },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
