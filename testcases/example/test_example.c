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

	NVT_ASSERT_OK(t, ctrl, nvt_ctrl_identify(ctrl, buf, 0, 1, 0, 0,
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
	uint32_t kelvin, dw0 = 0;
	FILE *csv = NULL;
	char path[4096];

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
}

static const struct nvt_test_case tests[] = {
	{ .name = "identify_vendor_id", .fn = identify_vendor_id,
	  .fixtures = NVT_FIX_BUF },
	{ .name = "invalid_feature", .fn = invalid_feature,
	  .fixtures = NVT_FIX_CTRL },
	{ .name = "temperature_threshold", .fn = temperature_threshold,
	  .fixtures = NVT_FIX_CTRL },
	{ .name = "power_cycle", .skip = "power cycling is not supported yet" },
	{ .name = NULL }
};

int main(int argc, char **argv)
{
	return nvt_test_main(argc, argv, tests);
}
