// SPDX-License-Identifier: MIT
/*
 * The PyNVMe3 script development guide's callback and interrupt examples
 * in C: a command sent from another's callback counts toward the same
 * waitdone; a qpair that rings at once raises its interrupt before anyone
 * reaps; and nvt_ns_format() leaves the timeouts the test set alone.
 */
#include <errno.h>
#include <time.h>

#include <nvt/test.h>

#define WAIT_MS		5000
#define LBA		96
#define COUNT		8

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

struct chain {
	struct nvt_ns *ns;
	struct nvt_qpair *q;
	struct nvt_io read;
	int sent;		/* nvt_ns_read()'s return in the callback */
	uint16_t write_status;
};

/* the write's callback: read back what it wrote, on the same qpair */
static void write_done(struct nvt_ctrl *ctrl, const struct nvt_completion *c,
		       void *arg)
{
	struct chain *ch = arg;

	ch->write_status = c->status;
	ch->sent = nvt_ns_read(ch->ns, ch->q, &ch->read);
}

/* guide: a read sent from a write's callback, then waitdone of 2 */
static void read_from_write_callback(struct nvt_test *t)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair *q = nvt_test_qpair(t);
	struct nvt_pcie *pcie = nvt_test_pcie(t);
	size_t bytes = nvt_ns_data_bytes(ns, COUNT);
	size_t meta = nvt_ns_meta_bytes(ns, COUNT);
	struct nvt_buf *w = NULL, *r = NULL, *wm = NULL, *rm = NULL;
	struct chain ch = { .ns = ns, .q = q, .sent = -1 };
	struct nvt_io io = { .lba = LBA, .count = COUNT };

	if (nvt_ns_csi(ns) == NVT_CSI_ZNS) {
		nvt_test_skip(t, "a zoned namespace takes writes at its write pointers only");
		return;
	}
	if (nvt_buf_alloc(pcie, bytes, &w) || nvt_buf_alloc(pcie, bytes, &r) ||
	    (meta && (nvt_buf_alloc(pcie, meta, &wm) ||
		      nvt_buf_alloc(pcie, meta, &rm)))) {
		nvt_test_fail(t, __FILE__, __LINE__, "no DMA buffer: %s",
			      nvt_pcie_error(pcie));
		goto out;
	}
	nvt_buf_fill(w, NVT_PAT_RANDOM, 0);
	nvt_buf_fill(r, NVT_PAT_ONES, 0);
	if (meta) {
		nvt_buf_fill(wm, NVT_PAT_RANDOM, 0);
		nvt_buf_fill(rm, NVT_PAT_ONES, 0);
	}
	ch.read = io;
	ch.read.data.buf = r;
	ch.read.data.meta = rm;
	io.data.buf = w;
	io.data.meta = wm;
	io.cb = write_done;
	io.arg = &ch;
	NVT_ASSERT_OK(t, ns, nvt_ns_write(ns, q, &io));
	/* one command is out; its callback sends the second */
	NVT_CHECK_EQ(t, nvt_qpair_outstanding(q), 1);
	NVT_ASSERT_OK(t, q, nvt_qpair_waitdone(q, 2, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, ch.sent, 0);
	NVT_CHECK_EQ(t, ch.write_status, 0);
	NVT_CHECK_EQ(t, nvt_qpair_latest_status(q), 0);
	NVT_CHECK_EQ(t, nvt_qpair_outstanding(q), 0);
	NVT_CHECK(t, nvt_buf_compare(w, r, NULL) == 0);
	if (meta)
		NVT_CHECK(t, nvt_buf_compare(wm, rm, NULL) == 0);

	/* a count beyond what is and will be outstanding is refused */
	ch.sent = -1;
	NVT_ASSERT_OK(t, ns, nvt_ns_write(ns, q, &io));
	NVT_CHECK_EQ(t, nvt_qpair_waitdone(q, 3, WAIT_MS, NULL), -EINVAL);
	nvt_test_log(t, "waitdone(3) of 2: %s", nvt_qpair_error(q));
	NVT_CHECK_EQ(t, ch.sent, 0);
	NVT_CHECK_EQ(t, nvt_qpair_outstanding(q), 0);
out:
	nvt_buf_free(w);
	nvt_buf_free(r);
	nvt_buf_free(wm);
	nvt_buf_free(rm);
}

/*
 * guide: send a command, then look at its qpair's interrupt.  A qpair that
 * rings at once tells the controller at send, so the interrupt comes with
 * no waitdone or flush; a batching one holds the command until then.
 */
static void interrupt_before_reap(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_ns *ns = nvt_test_ns(t);
	const struct nvt_info *info = nvt_pcie_info(nvt_test_pcie(t));
	struct nvt_qpair *at_once = NULL, *batching = NULL;
	struct nvt_qpair_opts o;
	uint64_t count = ~0ull;

	if (info->irq_type != NVT_IRQ_MSIX || info->nr_vectors < 3) {
		nvt_test_skip(t, "MSI-X with 3 vectors is not in use: the qpairs cannot have vectors of their own");
		return;
	}
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 16;
	o.vector = 1;
	o.ring_at_once = true;
	NVT_ASSERT_OK(t, ctrl, nvt_qpair_create(ctrl, &o, &at_once));
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 16;
	o.vector = 2;
	NVT_ASSERT_OK(t, ctrl, nvt_qpair_create(ctrl, &o, &batching));

	NVT_ASSERT_OK(t, at_once, nvt_qpair_irq_clear(at_once));
	NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, at_once, NULL, NULL));
	NVT_ASSERT_OK(t, at_once, nvt_qpair_irq_wait(at_once, 1000));
	NVT_ASSERT_OK(t, at_once, nvt_qpair_waitdone(at_once, 1, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, nvt_qpair_latest_status(at_once), 0);

	NVT_ASSERT_OK(t, batching, nvt_qpair_irq_clear(batching));
	NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, batching, NULL, NULL));
	sleep_ms(200);
	NVT_ASSERT_OK(t, batching, nvt_qpair_irq_count(batching, &count));
	NVT_CHECK_EQ(t, count, 0);
	NVT_ASSERT_OK(t, batching, nvt_qpair_waitdone(batching, 1, WAIT_MS, NULL));
	NVT_ASSERT_OK(t, batching, nvt_qpair_irq_wait(batching, 1000));
	nvt_qpair_delete(at_once);
	nvt_qpair_delete(batching);
}

/*
 * A per-opcode timeout the test set survives nvt_ns_format(): a Flush held
 * in a lazy-doorbell qpair past a 100 ms Flush timeout still times out
 * (07/ff) after a format, where the default 10 s would let it complete.
 */
static void format_keeps_timeouts(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair *lazy = NULL;
	struct nvt_qpair_opts o;
	uint64_t oacs = 0;

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_id_field(ctrl, "oacs", &oacs));
	if (!(oacs & NVT_OACS_FORMAT)) {
		nvt_test_skip(t, "OACS: no Format NVM");
		return;
	}
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_set_opcode_timeout(ctrl, NVT_NVM_FLUSH,
							   true, 100));
	NVT_ASSERT_OK(t, ns, nvt_ns_format(ns, nvt_ns_lba_format(ns), 0,
					   NVT_DPS_TYPE(nvt_ns_id_raw(ns)[NVT_IDNS_DPS]),
					   nvt_ns_id_raw(ns)[NVT_IDNS_DPS] & NVT_DPS_FIRST_BYTES,
					   nvt_ns_extended(ns), 0));
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = 4;
	o.lazy_doorbell = true;
	NVT_ASSERT_OK(t, ctrl, nvt_qpair_create(ctrl, &o, &lazy));
	NVT_ASSERT_OK(t, ns, nvt_ns_flush(ns, lazy, NULL, NULL));
	NVT_ASSERT_OK(t, lazy, nvt_qpair_flush(lazy));
	sleep_ms(500);
	NVT_ASSERT_OK(t, lazy, nvt_qpair_waitdone(lazy, 1, WAIT_MS, NULL));
	NVT_CHECK_EQ(t, nvt_qpair_latest_status(lazy), NVT_STATUS_TIMEOUT);
	nvt_qpair_delete(lazy);
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_restore_timeouts(ctrl));
}

static const struct nvt_test_case tests[] = {
	{ .name = "read_from_write_callback", .fn = read_from_write_callback,
	  .fixtures = NVT_FIX_NS | NVT_FIX_QPAIR },
	{ .name = "interrupt_before_reap", .fn = interrupt_before_reap,
	  .fixtures = NVT_FIX_NS },
	{ .name = "format_keeps_timeouts", .fn = format_keeps_timeouts,
	  .fixtures = NVT_FIX_NS },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
