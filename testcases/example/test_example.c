// SPDX-License-Identifier: MIT
/*
 * An example of custom C tests with <nvt/test.h>.  `make` builds it next to
 * this file; `nvt-run testcases/example` runs it like a YAML suite, and
 * `./test_example` runs it alone.
 */
#include <stdio.h>

#include <nvt/test.h>

/* Identify Controller reports the PCI vendor ID of the function. */
static void identify_vendor_id(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	struct nvt_buf *buf = nvt_test_buf(t);
	uint32_t pci_vid = 0;
	uint64_t vid = 0;

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_identify(ctrl, buf, 0, NVT_CNS_CTRL, 0, 0,
						 NULL, NULL));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, NULL));
	NVT_ASSERT(t, nvt_ctrl_latest_status(ctrl) == 0);
	nvt_buf_get_int(buf, 0, 1, &vid);
	NVT_ASSERT(t, !nvt_pcie_cfg_read(nvt_test_pcie(t), 0, 2, &pci_vid));
	NVT_CHECK_EQ(t, vid, pci_vid);
	nvt_test_log(t, "vendor 0x%04llx", (unsigned long long)vid);
}

/* An unknown Feature Identifier fails with Invalid Field (00/02). */
static void invalid_feature(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getfeatures(ctrl, 0, 0, 0, 0, NULL,
						    NULL, NULL));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, NULL));
	NVT_CHECK_EQ(t, nvt_ctrl_latest_status(ctrl), 0x0002);
}

/* The temperature threshold written reads back; a CSV goes to results. */
static void temperature_threshold(struct nvt_test *t)
{
	struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
	const char *dir = nvt_test_outdir(t);
	uint32_t kelvin, dw0 = 0, before = 0;
	FILE *csv = NULL;
	char path[4096];

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getfeatures(ctrl, 4, 0, 0, 0, NULL,
						    NULL, NULL));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, &before));

	if (dir) {
		snprintf(path, sizeof(path), "%s/threshold.csv", dir);
		csv = fopen(path, "w");
	}
	for (kelvin = 300; kelvin <= 360; kelvin += 20) {
		NVT_ASSERT_OK(t, ctrl, nvt_ctrl_setfeatures(ctrl, 4, false,
							    kelvin, 0, 0, NULL,
							    NULL, NULL));
		NVT_ASSERT_OK(t, ctrl, nvt_ctrl_getfeatures(ctrl, 4, 0, 0, 0,
							    NULL, NULL, NULL));
		NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 2, &dw0));
		NVT_CHECK_EQ(t, dw0 & 0xffff, kelvin);
		if (csv)
			fprintf(csv, "%u,%u\n", kelvin, dw0 & 0xffff);
	}
	if (csv)
		fclose(csv);
	/* leave the device as it was found */
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_setfeatures(ctrl, 4, false, before, 0,
						    0, NULL, NULL, NULL));
	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, NULL));
}

/* The sizes write_read_back runs with, one row each: its IDs, its bytes. */
static const char *const xfer_ids[] = { "4k", "64k", NULL };
static const uint32_t xfer_bytes[] = { 4096, 65536 };

/* Data written through an I/O qpair reads back identical and verified. */
static void write_read_back(struct nvt_test *t)
{
	struct nvt_ns *ns = nvt_test_ns(t);
	struct nvt_qpair *q = nvt_test_qpair(t);
	uint32_t count = xfer_bytes[nvt_test_param_index(t)] /
			 nvt_ns_sector_size(ns);
	struct nvt_buf *w = NULL, *r = NULL, *meta = NULL;
	struct nvt_io io = { .lba = 0 };
	size_t bytes, meta_bytes;
	int ret = 0;

	if (!count)	/* LBAs larger than the row's size: one of them */
		count = 1;
	io.count = count;
	bytes = nvt_ns_data_bytes(ns, count);
	meta_bytes = nvt_ns_meta_bytes(ns, count);

	if (nvt_buf_alloc(nvt_test_pcie(t), bytes, &w) ||
	    nvt_buf_alloc(nvt_test_pcie(t), bytes, &r) ||
	    (meta_bytes &&
	     nvt_buf_alloc(nvt_test_pcie(t), meta_bytes, &meta))) {
		nvt_test_fail(t, __FILE__, __LINE__, "no DMA buffer: %s",
			      nvt_pcie_error(nvt_test_pcie(t)));
		goto out;
	}
	nvt_buf_fill(w, NVT_PAT_RANDOM, 100);
	/* a zoned namespace takes writes at the write pointer: empty zone 0 */
	/* each object keeps the message of its own failed call */
	if (nvt_ns_csi(ns) == 2 &&
	    ((ret = nvt_ns_zone_send(ns, q, 0, 4, false, NULL, NULL, NULL)) ||
	     nvt_qpair_waitdone(q, 1, 0, NULL))) {
		nvt_test_fail(t, __FILE__, __LINE__, "zone reset: %s",
			      ret ? nvt_ns_error(ns) : nvt_qpair_error(q));
		goto out;
	}
	io.data.buf = w;
	io.data.meta = meta;
	ret = nvt_ns_write(ns, q, &io);
	if (ret || nvt_qpair_waitdone(q, 1, 0, NULL)) {
		nvt_test_fail(t, __FILE__, __LINE__, "write: %s",
			      ret ? nvt_ns_error(ns) : nvt_qpair_error(q));
		goto out;
	}
	if (!NVT_CHECK_EQ(t, nvt_qpair_latest_status(q), 0))
		goto out;
	io.data.buf = r;
	ret = nvt_ns_read(ns, q, &io);
	if (ret || nvt_qpair_waitdone(q, 1, 0, NULL)) {
		nvt_test_fail(t, __FILE__, __LINE__, "read: %s",
			      ret ? nvt_ns_error(ns) : nvt_qpair_error(q));
		goto out;
	}
	if (NVT_CHECK_EQ(t, nvt_qpair_latest_status(q), 0))
		NVT_CHECK(t, nvt_buf_compare(w, r, NULL) == 0);
out:
	nvt_buf_free(w);
	nvt_buf_free(r);
	nvt_buf_free(meta);
}

static const struct nvt_test_case tests[] = {
	{ .name = "identify_vendor_id", .fn = identify_vendor_id,
	  .fixtures = NVT_FIX_BUF },
	{ .name = "invalid_feature", .fn = invalid_feature,
	  .fixtures = NVT_FIX_CTRL },
	{ .name = "temperature_threshold", .fn = temperature_threshold,
	  .fixtures = NVT_FIX_CTRL },
	{ .name = "write_read_back", .fn = write_read_back,
	  .fixtures = NVT_FIX_NS | NVT_FIX_QPAIR | NVT_FIX_DATACHECK,
	  .params = xfer_ids },
	{ .name = "always_skipped", .skip = "an example of a test skipped for a fixed reason" },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
