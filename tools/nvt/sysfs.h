/* SPDX-License-Identifier: MIT */
/*
 * What the nvt command reads and writes under /sys, /proc and /dev.  The
 * roots come from NVT_SYSFS_ROOT, NVT_PROC_ROOT and NVT_DEV_ROOT when set,
 * so the logic runs against a fake tree in unit tests.
 */
#ifndef NVT_TOOL_SYSFS_H
#define NVT_TOOL_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

#define NVT_MAX_CTRLS 64

struct nvme_function {
	char bdf[16];
	char driver[32];	/* "nvme", "nvt", "" when unbound */
	unsigned vendor, device;
	char nvme[16];		/* nvmeX when bound to nvme */
	char nvt[16];		/* nvtN when bound to nvt */
	char model[48];
	char serial[32];
	/* SR-IOV: a PF's VF counts; a VF's PF and number (1 = virtfn0) */
	int totalvfs;		/* 0: no SR-IOV capability */
	int numvfs;
	char physfn[16];	/* "" unless a VF */
	unsigned vfid;
};

/* root + path; @path starts with "/sys", "/proc" or "/dev" */
void tool_path(char *out, size_t len, const char *path);

int tool_read(const char *path, char *buf, size_t len);	/* trims \n */
int tool_write(const char *path, const char *value);

/* Every PCI function with class 0x010802, sorted by BDF. */
int tool_scan(struct nvme_function *devs, unsigned max, unsigned *count);
int tool_scan_one(const char *bdf, struct nvme_function *dev);

/*
 * Pick the device to act on: @bdf if given (it must be an NVMe
 * controller), else the only NVMe controller (or the only one bound to
 * @driver if @driver is set).  Errors come with a message in @err.
 */
int tool_pick(const char *bdf, const char *driver, struct nvme_function *dev,
	      char *err, size_t errlen);

/*
 * Why the namespaces of nvme controller @nvme may not be taken away:
 * a block device (or partition) that is mounted, used as swap or held by
 * another device.  0 when none is; -EBUSY with the reason in @why.
 */
int tool_busy(const char *nvme, char *why, size_t len);

/* The address of VF @vfid (1 = virtfn0) of @pf, or -ENOENT. */
int tool_vf_bdf(const char *pf, unsigned vfid, char *out, size_t len);

/* Wait up to @ms for @path to exist. */
bool tool_wait_path(const char *path, unsigned ms);

#endif /* NVT_TOOL_SYSFS_H */
