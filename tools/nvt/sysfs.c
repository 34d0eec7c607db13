// SPDX-License-Identifier: MIT
/* Reading the PCI and block device trees for the nvt command. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "sysfs.h"

void tool_path(char *out, size_t len, const char *path)
{
	const char *root = NULL;

	if (!strncmp(path, "/sys", 4))
		root = getenv("NVT_SYSFS_ROOT");
	else if (!strncmp(path, "/proc", 5))
		root = getenv("NVT_PROC_ROOT");
	else if (!strncmp(path, "/dev", 4))
		root = getenv("NVT_DEV_ROOT");
	snprintf(out, len, "%s%s", root ? root : "", path);
}

int tool_read(const char *path, char *buf, size_t len)
{
	char full[512];
	ssize_t n;
	int fd;

	tool_path(full, sizeof(full), path);
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

int tool_write(const char *path, const char *value)
{
	char full[512];
	ssize_t n;
	int fd;

	tool_path(full, sizeof(full), path);
	fd = open(full, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* The one entry of @dir whose name starts with @prefix. */
static void first_entry(const char *dir, const char *prefix, char *out,
			size_t len)
{
	char full[512];
	struct dirent *d;
	DIR *dp;

	out[0] = '\0';
	tool_path(full, sizeof(full), dir);
	dp = opendir(full);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (!strncmp(d->d_name, prefix, strlen(prefix))) {
			snprintf(out, len, "%.*s", (int)len - 1, d->d_name);
			break;
		}
	}
	closedir(dp);
}

/* The PCI address a sysfs link under the device points to, or "". */
static void link_bdf(const char *bdf, const char *name, char *out, size_t len)
{
	char path[256], full[512], link[512];
	const char *base;
	ssize_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", bdf, name);
	tool_path(full, sizeof(full), path);
	n = readlink(full, link, sizeof(link) - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	base = strrchr(link, '/');
	snprintf(out, len, "%.*s", (int)len - 1, base ? base + 1 : link);
}

int tool_vf_bdf(const char *pf, unsigned vfid, char *out, size_t len)
{
	char name[32];

	if (!vfid)
		return -ENOENT;
	snprintf(name, sizeof(name), "virtfn%u", vfid - 1);
	link_bdf(pf, name, out, len);
	return out[0] ? 0 : -ENOENT;
}

/* SR-IOV: a PF's VF counts, or a VF's PF and its number there. */
static void sriov_scan(struct nvme_function *dev)
{
	char path[256], buf[32], vf[16];
	unsigned i;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_totalvfs",
		 dev->bdf);
	if (!tool_read(path, buf, sizeof(buf))) {
		dev->totalvfs = atoi(buf);
		snprintf(path, sizeof(path),
			 "/sys/bus/pci/devices/%s/sriov_numvfs", dev->bdf);
		if (!tool_read(path, buf, sizeof(buf)))
			dev->numvfs = atoi(buf);
	}
	link_bdf(dev->bdf, "physfn", dev->physfn, sizeof(dev->physfn));
	for (i = 1; dev->physfn[0] && i <= 256; i++) {
		if (tool_vf_bdf(dev->physfn, i, vf, sizeof(vf)))
			break;
		if (!strcmp(vf, dev->bdf)) {
			dev->vfid = i;
			break;
		}
	}
}

int tool_scan_one(const char *bdf, struct nvme_function *dev)
{
	char path[256], buf[256], link[512], full[512], name[16];
	ssize_t n;

	snprintf(name, sizeof(name), "%.15s", bdf);	/* may be dev->bdf */
	bdf = name;
	memset(dev, 0, sizeof(*dev));
	snprintf(dev->bdf, sizeof(dev->bdf), "%s", name);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/class", bdf);
	if (tool_read(path, buf, sizeof(buf)))
		return -ENODEV;
	if (strtoul(buf, NULL, 16) != 0x010802)
		return -ENOTTY;
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vendor", bdf);
	if (!tool_read(path, buf, sizeof(buf)))
		dev->vendor = strtoul(buf, NULL, 16);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device", bdf);
	if (!tool_read(path, buf, sizeof(buf)))
		dev->device = strtoul(buf, NULL, 16);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", bdf);
	tool_path(full, sizeof(full), path);
	n = readlink(full, link, sizeof(link) - 1);
	if (n > 0) {
		link[n] = '\0';
		snprintf(dev->driver, sizeof(dev->driver), "%.31s",
			 strrchr(link, '/') ? strrchr(link, '/') + 1 : link);
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/nvme", bdf);
	first_entry(path, "nvme", dev->nvme, sizeof(dev->nvme));
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/nvt", bdf);
	first_entry(path, "nvt", dev->nvt, sizeof(dev->nvt));
	sriov_scan(dev);
	if (dev->nvme[0]) {
		snprintf(path, sizeof(path), "/sys/class/nvme/%s/model", dev->nvme);
		tool_read(path, dev->model, sizeof(dev->model));
		snprintf(path, sizeof(path), "/sys/class/nvme/%s/serial", dev->nvme);
		tool_read(path, dev->serial, sizeof(dev->serial));
	}
	return 0;
}

static int bdf_cmp(const void *a, const void *b)
{
	return strcmp(((const struct nvme_function *)a)->bdf,
		      ((const struct nvme_function *)b)->bdf);
}

int tool_scan(struct nvme_function *devs, unsigned max, unsigned *count)
{
	char full[512];
	struct dirent *d;
	DIR *dp;

	*count = 0;
	tool_path(full, sizeof(full), "/sys/bus/pci/devices");
	dp = opendir(full);
	if (!dp)
		return -errno;
	while ((d = readdir(dp)) && *count < max) {
		if (d->d_name[0] == '.')
			continue;
		if (tool_scan_one(d->d_name, &devs[*count]) == 0)
			(*count)++;
	}
	closedir(dp);
	qsort(devs, *count, sizeof(*devs), bdf_cmp);
	return 0;
}

int tool_pick(const char *bdf, const char *driver, struct nvme_function *dev,
	      char *err, size_t errlen)
{
	struct nvme_function devs[NVT_MAX_CTRLS];
	unsigned n, i, found = 0;
	char norm[16];
	int ret;

	if (bdf) {
		if (nvt_bdf_normalize(bdf, norm, sizeof(norm))) {
			snprintf(err, errlen,
				 "'%s' is not a PCI address (DDDD:BB:DD.F)", bdf);
			return -EINVAL;
		}
		ret = tool_scan_one(norm, dev);
		if (ret == -ENODEV)
			snprintf(err, errlen, "no PCI device %s", norm);
		else if (ret == -ENOTTY)
			snprintf(err, errlen, "%s is not an NVMe controller", norm);
		return ret;
	}
	ret = tool_scan(devs, NVT_MAX_CTRLS, &n);
	if (ret) {
		snprintf(err, errlen, "cannot list PCI devices: %s",
			 strerror(-ret));
		return ret;
	}
	for (i = 0; i < n; i++) {
		if (driver && strcmp(devs[i].driver, driver))
			continue;
		if (found++ == 0)
			*dev = devs[i];
	}
	if (found == 1)
		return 0;
	if (!found) {
		snprintf(err, errlen, driver ? "no NVMe controller is bound to %s" :
			 "no NVMe controller found", driver);
		return -ENODEV;
	}
	snprintf(err, errlen, "%u NVMe controllers%s%s: name one by its BDF (see 'nvt list')",
		 found, driver ? " bound to " : "", driver ? driver : "");
	return -EINVAL;
}

/* "major:minor" of block device @name */
static int block_devno(const char *name, char *out, size_t len)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/class/block/%.64s/dev", name);
	return tool_read(path, out, len);
}

/* Is the device @name (major:minor @devno) mounted or swapped on? */
static int in_use_by_mount(const char *name, char *why, size_t len)
{
	static const char *const tables[] = { "/proc/mounts", "/proc/swaps" };
	char full[512], line[1024], dev[512];
	unsigned i;

	for (i = 0; i < 2; i++) {
		FILE *f;

		tool_path(full, sizeof(full), tables[i]);
		f = fopen(full, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			char *base;

			if (sscanf(line, "%511s", dev) != 1)
				continue;
			base = strrchr(dev, '/');
			if (base && !strcmp(base + 1, name)) {
				snprintf(why, len, "/dev/%s is %s", name,
					 i ? "used as swap" : "mounted");
				fclose(f);
				return -EBUSY;
			}
		}
		fclose(f);
	}
	return 0;
}

static int has_holders(const char *name, char *why, size_t len)
{
	char path[256], full[512];
	struct dirent *d;
	DIR *dp;

	snprintf(path, sizeof(path), "/sys/class/block/%.64s/holders", name);
	tool_path(full, sizeof(full), path);
	dp = opendir(full);
	if (!dp)
		return 0;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(why, len, "/dev/%s is held by %s", name, d->d_name);
		closedir(dp);
		return -EBUSY;
	}
	closedir(dp);
	return 0;
}

int tool_busy(const char *nvme, char *why, size_t len)
{
	char full[512], devno[32];
	struct dirent *d;
	DIR *dp;
	size_t plen = strlen(nvme);
	int ret = 0;

	/* nvmeXnY, nvmeXnYpZ, and nvmeXcZnY paths of a multipath subsystem */
	tool_path(full, sizeof(full), "/sys/class/block");
	dp = opendir(full);
	if (!dp)
		return 0;
	while (!ret && (d = readdir(dp))) {
		const char *rest = d->d_name + plen;

		if (strncmp(d->d_name, nvme, plen) || (*rest != 'n' && *rest != 'c'))
			continue;
		if (block_devno(d->d_name, devno, sizeof(devno)))
			continue;
		ret = in_use_by_mount(d->d_name, why, len);
		if (!ret)
			ret = has_holders(d->d_name, why, len);
	}
	closedir(dp);
	return ret;
}

bool tool_wait_path(const char *path, unsigned ms)
{
	struct timespec ts = { 0, 10 * 1000000 };
	char full[512];
	unsigned waited;

	tool_path(full, sizeof(full), path);
	for (waited = 0; waited <= ms; waited += 10) {
		if (access(full, F_OK) == 0)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}
