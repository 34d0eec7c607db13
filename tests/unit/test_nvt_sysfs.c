// SPDX-License-Identifier: MIT
/* The nvt command's device logic against a fake /sys and /proc tree. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "../../tools/nvt/commands.h"
#include "../../tools/nvt/sysfs.h"
#include "unit.h"

static char root[64];

static void put(const char *path, const char *text)
{
	char full[512], *slash;
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", root, path);
	for (slash = strchr(full + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(full, 0755);
		*slash = '/';
	}
	f = fopen(full, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void dir(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s/x", root, path);
	put(full + strlen(root), "");
	unlink(full);
}

static void link_to(const char *path, const char *target)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	ck_assert_int_eq(symlink(target, full), 0);
}

static void add_ctrl(const char *bdf, unsigned class, const char *driver,
		     const char *nvme)
{
	char p[256], t[64];

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/class", bdf);
	snprintf(t, sizeof(t), "0x%06x\n", class);
	put(p, t);
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/vendor", bdf);
	put(p, "0x1b36\n");
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/device", bdf);
	put(p, "0x0010\n");
	if (driver) {
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", bdf);
		snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", driver);
		link_to(p, t);
	}
	if (nvme) {
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/nvme/%s", bdf, nvme);
		dir(p);
		snprintf(p, sizeof(p), "/sys/class/nvme/%s/model", nvme);
		put(p, "QEMU NVMe Ctrl                          \n");
		snprintf(p, sizeof(p), "/sys/class/nvme/%s/serial", nvme);
		put(p, "SER1\n");
	}
}

static void setup_tree(void)
{
	strcpy(root, "/tmp/nvt-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	setenv("NVT_SYSFS_ROOT", root, 1);
	setenv("NVT_PROC_ROOT", root, 1);
	put("/proc/mounts", "/dev/sda1 / ext4 rw 0 0\n");
	put("/proc/swaps", "Filename Type Size Used Priority\n");
	dir("/sys/class/block");
	dir("/sys/bus/pci/devices");
}

static void teardown_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(bdf_forms)
{
	char out[16];

	ck_assert_int_eq(nvt_bdf_normalize("01:00.0", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "0000:01:00.0");
	ck_assert_int_eq(nvt_bdf_normalize("0001:a0:1f.7", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "0001:a0:1f.7");
	ck_assert_int_eq(nvt_bdf_normalize("01:20.0", out, sizeof(out)), -EINVAL);
	ck_assert_int_eq(nvt_bdf_normalize("01:00.8", out, sizeof(out)), -EINVAL);
	ck_assert_int_eq(nvt_bdf_normalize("nvme0", out, sizeof(out)), -EINVAL);
	ck_assert_int_eq(nvt_bdf_normalize("01:00.0x", out, sizeof(out)), -EINVAL);
}
END_TEST

START_TEST(scan_and_list)
{
	struct nvme_function devs[8];
	unsigned n;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	add_ctrl("0000:02:00.0", 0x010802, "nvt", NULL);
	dir("/sys/bus/pci/devices/0000:02:00.0/nvt/nvt0");
	add_ctrl("0000:01:00.0", 0x010802, "nvme", "nvme0");
	add_ctrl("0000:00:1f.2", 0x010601, "ahci", NULL);	/* SATA */
	ck_assert_int_eq(tool_scan(devs, 8, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(devs[0].bdf, "0000:01:00.0");	/* sorted */
	ck_assert_str_eq(devs[0].driver, "nvme");
	ck_assert_str_eq(devs[0].nvme, "nvme0");
	ck_assert_str_eq(devs[0].model, "QEMU NVMe Ctrl");
	ck_assert_str_eq(devs[1].driver, "nvt");
	ck_assert_str_eq(devs[1].nvt, "nvt0");

	f = open_memstream(&text, &len);
	ck_assert_int_eq(nvt_list_print(f), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "0000:01:00.0  nvme    1b36:0010 nvme0    QEMU NVMe Ctrl"));
	ck_assert_ptr_nonnull(strstr(text, "0000:02:00.0  nvt     1b36:0010 nvt0"));
	ck_assert_ptr_null(strstr(text, "00:1f.2"));
	free(text);
}
END_TEST

START_TEST(pick)
{
	struct nvme_function d;
	char err[256];

	ck_assert_int_eq(tool_pick(NULL, NULL, &d, err, sizeof(err)), -ENODEV);
	ck_assert_str_eq(err, "no NVMe controller found");
	add_ctrl("0000:01:00.0", 0x010802, "nvme", "nvme0");
	ck_assert_int_eq(tool_pick(NULL, NULL, &d, err, sizeof(err)), 0);
	ck_assert_str_eq(d.bdf, "0000:01:00.0");
	ck_assert_int_eq(tool_pick(NULL, "nvt", &d, err, sizeof(err)), -ENODEV);
	ck_assert_str_eq(err, "no NVMe controller is bound to nvt");
	add_ctrl("0000:03:00.0", 0x010802, NULL, NULL);
	ck_assert_int_eq(tool_pick(NULL, NULL, &d, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "2 NVMe controllers"));
	ck_assert_int_eq(tool_pick("03:00.0", NULL, &d, err, sizeof(err)), 0);
	ck_assert_str_eq(d.driver, "");
	add_ctrl("0000:00:1f.2", 0x010601, "ahci", NULL);
	ck_assert_int_eq(tool_pick("00:1f.2", NULL, &d, err, sizeof(err)), -ENOTTY);
	ck_assert_str_eq(err, "0000:00:1f.2 is not an NVMe controller");
	ck_assert_int_eq(tool_pick("05:00.0", NULL, &d, err, sizeof(err)), -ENODEV);
	ck_assert_int_eq(tool_pick("junk", NULL, &d, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "not a PCI address"));
}
END_TEST

START_TEST(busy)
{
	char why[256] = "";

	put("/sys/class/block/nvme0n1/dev", "259:0\n");
	put("/sys/class/block/nvme0n1p1/dev", "259:1\n");
	put("/sys/class/block/nvme10n1/dev", "259:5\n");
	dir("/sys/class/block/nvme0n1/holders");
	ck_assert_int_eq(tool_busy("nvme0", why, sizeof(why)), 0);

	/* a partition mounted */
	put("/proc/mounts", "/dev/nvme0n1p1 /data ext4 rw 0 0\n");
	ck_assert_int_eq(tool_busy("nvme0", why, sizeof(why)), -EBUSY);
	ck_assert_str_eq(why, "/dev/nvme0n1p1 is mounted");
	/* another controller's disk does not count */
	put("/proc/mounts", "/dev/nvme10n1 /data ext4 rw 0 0\n");
	ck_assert_int_eq(tool_busy("nvme0", why, sizeof(why)), 0);
	ck_assert_int_eq(tool_busy("nvme10", why, sizeof(why)), -EBUSY);
	put("/proc/mounts", "\n");

	put("/proc/swaps", "Filename Type\n/dev/nvme0n1 partition 1 0 -2\n");
	ck_assert_int_eq(tool_busy("nvme0", why, sizeof(why)), -EBUSY);
	ck_assert_str_eq(why, "/dev/nvme0n1 is used as swap");
	put("/proc/swaps", "Filename Type\n");

	dir("/sys/class/block/nvme0n1/holders/dm-0");
	ck_assert_int_eq(tool_busy("nvme0", why, sizeof(why)), -EBUSY);
	ck_assert_str_eq(why, "/dev/nvme0n1 is held by dm-0");
}
END_TEST

START_TEST(sriov_functions)
{
	struct nvme_function devs[8], *pf, *vf;
	char bdf[16];
	char *text = NULL;
	size_t len = 0;
	unsigned n;
	FILE *f;

	add_ctrl("0000:01:00.0", 0x010802, "nvt", NULL);
	put("/sys/bus/pci/devices/0000:01:00.0/sriov_totalvfs", "2\n");
	put("/sys/bus/pci/devices/0000:01:00.0/sriov_numvfs", "2\n");
	link_to("/sys/bus/pci/devices/0000:01:00.0/virtfn0", "../0000:01:00.1");
	link_to("/sys/bus/pci/devices/0000:01:00.0/virtfn1", "../0000:01:00.2");
	add_ctrl("0000:01:00.1", 0x010802, "nvt", NULL);
	link_to("/sys/bus/pci/devices/0000:01:00.1/physfn", "../0000:01:00.0");
	add_ctrl("0000:01:00.2", 0x010802, NULL, NULL);
	link_to("/sys/bus/pci/devices/0000:01:00.2/physfn", "../0000:01:00.0");

	ck_assert_int_eq(tool_scan(devs, 8, &n), 0);
	ck_assert_uint_eq(n, 3);
	pf = &devs[0];
	ck_assert_int_eq(pf->totalvfs, 2);
	ck_assert_int_eq(pf->numvfs, 2);
	ck_assert_str_eq(pf->physfn, "");
	vf = &devs[2];
	ck_assert_str_eq(vf->physfn, "0000:01:00.0");
	ck_assert_uint_eq(vf->vfid, 2);
	ck_assert_int_eq(vf->totalvfs, 0);
	ck_assert_int_eq(tool_vf_bdf("0000:01:00.0", 1, bdf, sizeof(bdf)), 0);
	ck_assert_str_eq(bdf, "0000:01:00.1");
	ck_assert_int_eq(tool_vf_bdf("0000:01:00.0", 3, bdf, sizeof(bdf)), -ENOENT);
	ck_assert_int_eq(tool_vf_bdf("0000:01:00.0", 0, bdf, sizeof(bdf)), -ENOENT);

	f = open_memstream(&text, &len);
	ck_assert_int_eq(nvt_list_print(f), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "PF, 2 of 2 VFs"));
	ck_assert_ptr_nonnull(strstr(text, "VF 1 of 0000:01:00.0"));
	ck_assert_ptr_nonnull(strstr(text, "VF 2 of 0000:01:00.0"));
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("nvt-tool");
	TCase *tc = tcase_create("sysfs");

	tcase_add_checked_fixture(tc, setup_tree, teardown_tree);
	tcase_add_test(tc, bdf_forms);
	tcase_add_test(tc, scan_and_list);
	tcase_add_test(tc, pick);
	tcase_add_test(tc, busy);
	tcase_add_test(tc, sriov_functions);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
