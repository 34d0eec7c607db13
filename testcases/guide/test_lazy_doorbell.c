// SPDX-License-Identifier: MIT
/*
 * The lazy doorbell examples of the PyNVMe3 script development guide in C:
 * an admin queue and an I/O qpair whose SQ tail doorbell is written only
 * when the test reaps.  Until then the controller has not been told of the
 * commands, so none of them completes and no interrupt comes; the reap
 * rings once and all of them complete.  lazy_doorbell.yaml does the qpair
 * part in YAML.
 */
#include <time.h>

#include <nvt/test.h>

#define WAIT_MS 5000

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* guide: "Lazy Doorbell", three Get Features rung once by the reap */
static void admin_lazy_doorbell(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_pcie *pcie = nvt_test_pcie(t);
	uint32_t cc = NVT_CC_ENTRY_SIZES;
	uint64_t cap, count = ~0ull;
	int i;

	/* re-initialized with a lazy admin doorbell: disable, rings, enable */
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap));
	if (NVT_CAP_CSS(cap) & NVT_CAP_CSS_IOCS)
		cc |= NVT_CC_CSS_IOCS;
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, 0));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_wait_ready(ctrl, false));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_init_adminq(ctrl, 0, true));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, cc));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_reg_write32(ctrl, NVT_REG_CC,
						    cc | NVT_CC_EN));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_wait_ready(ctrl, true));

	NVT_CHECK_EQ(t, nvt_pcie_irq_clear(pcie, 0), 0);
	for (i = 0; i < 3; i++)
		NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getfeatures(ctrl, NVT_FEAT_NUM_QUEUES,
							    0, 0, 0, NULL, NULL,
							    NULL));
	/* not rung yet: nothing completes, nothing interrupts */
	sleep_ms(100);
	NVT_CHECK_EQ(t, nvt_pcie_irq_count(pcie, 0, &count), 0);
	NVT_CHECK_EQ(t, count, 0);
	NVT_CHECK_EQ(t, nvt_ctrl_outstanding(ctrl), 3);
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 3, NULL));
	NVT_CHECK_EQ(t, nvt_ctrl_latest_status(ctrl), 0);
	NVT_CHECK_EQ(t, nvt_ctrl_outstanding(ctrl), 0);
}

/* guide: the qpair's lazy_doorbell, three reads rung once by waitdone */
static void qpair_lazy_doorbell(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair_opts o;
	struct nvt_qpair *lazy = NULL, *eager = NULL;
	const struct nvt_info *info = nvt_pcie_info(nvt_test_pcie(t));
	uint64_t count = ~0ull;
	int i;

	/* each qpair its own vector: an interrupt of one must not count */
	if (info->irq_type != NVT_IRQ_MSIX || info->nr_vectors < 3) {
		nvt_test_skip(t, "MSI-X with 3 vectors is not in use: the qpairs cannot have vectors of their own");
		return;
	}

	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 16;
	o.vector = 2;
	o.lazy_doorbell = true;
	NVT_ASSERT_OK(t, ctrl, nvt_qpair_create(ctrl, &o, &lazy));
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 16;
	o.vector = 1;
	NVT_ASSERT_OK(t, ctrl, nvt_qpair_create(ctrl, &o, &eager));

	/* the same three commands on a qpair that rings at once interrupt */
	NVT_ASSERT_OK(t, eager, nvt_qpair_irq_clear(eager));
	for (i = 0; i < 3; i++)
		NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, eager, NULL, NULL));
	/* libnvt hands a qpair's batch to nvt.ko here, or at waitdone */
	NVT_ASSERT_OK(t, eager, nvt_qpair_flush(eager));
	NVT_ASSERT_OK(t, eager, nvt_qpair_irq_wait(eager, 1000));
	NVT_ASSERT_OK(t, eager, nvt_qpair_waitdone(eager, 3, WAIT_MS, NULL));

	NVT_ASSERT_OK(t, lazy, nvt_qpair_irq_clear(lazy));
	for (i = 0; i < 3; i++)
		NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, lazy, NULL, NULL));
	NVT_ASSERT_OK(t, lazy, nvt_qpair_flush(lazy));
	sleep_ms(200);
	/* not rung yet: nothing completes, nothing interrupts */
	NVT_ASSERT_OK(t, lazy, nvt_qpair_irq_count(lazy, &count));
	NVT_CHECK_EQ(t, count, 0);
	NVT_ASSERT_OK(t, lazy, nvt_qpair_waitdone(lazy, 3, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, nvt_qpair_latest_status(lazy), 0);
	NVT_ASSERT_OK(t, lazy, nvt_qpair_irq_wait(lazy, 1000));
	nvt_qpair_delete(lazy);
	nvt_qpair_delete(eager);
}

static const struct nvt_test_case tests[] = {
	{ .name = "admin_lazy_doorbell", .fn = admin_lazy_doorbell, .fixtures = NVT_FIX_CTRL },
	{ .name = "qpair_lazy_doorbell", .fn = qpair_lazy_doorbell, .fixtures = NVT_FIX_NS },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
