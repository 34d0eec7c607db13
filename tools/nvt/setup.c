// SPDX-License-Identifier: MIT
/*
 * nvt setup: take one NVMe controller away from its driver and bind it to
 * nvt.ko; nvt reset: give it back to the inbox nvme driver.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "sysfs.h"

static int run_modprobe(const char *module)
{
	static const char *const paths[] = { "/sbin/modprobe", "/usr/sbin/modprobe" };
	int status;
	pid_t pid;
	unsigned i;

	for (i = 0; i < 2; i++) {
		if (access(paths[i], X_OK))
			continue;
		pid = fork();
		if (pid < 0)
			return -errno;
		if (pid == 0) {
			execl(paths[i], "modprobe", module, (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			return -errno;
		return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -EIO;
	}
	return -ENOENT;
}

static int load_module(const char *module_path)
{
	int fd, ret;

	if (tool_wait_path("/sys/bus/pci/drivers/nvt", 0))
		return 0;
	if (!module_path) {
		ret = run_modprobe("nvt");
		if (ret)
			fprintf(stderr, "nvt setup: 'modprobe nvt' failed; is nvt.ko installed? (or pass --module PATH)\n");
		return ret;
	}
	fd = open(module_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "nvt setup: %s: %s\n", module_path, strerror(errno));
		return -errno;
	}
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	ret = ret && errno != EEXIST ? -errno : 0;
	close(fd);
	if (ret)
		fprintf(stderr, "nvt setup: loading %s: %s\n", module_path,
			strerror(-ret));
	return ret;
}

static int bind_to(const char *bdf, const char *driver, const char *current)
{
	char path[256];
	int ret;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver_override", bdf);
	ret = tool_write(path, driver ? driver : "\n");
	if (ret)
		return ret;
	if (current[0]) {
		snprintf(path, sizeof(path), "/sys/bus/pci/drivers/%s/unbind", current);
		ret = tool_write(path, bdf);
		if (ret)
			return ret;
	}
	/* with no driver named, probing finds the device's own driver */
	tool_write("/sys/bus/pci/drivers_probe", bdf);
	return 0;
}

/* Wait for @dev (bound to nvt) to have its /dev/nvtN; the name in @dev. */
static int wait_node(const char *cmd, struct nvme_function *dev)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/nvt", dev->bdf);
	if (!tool_wait_path(path, 5000) || tool_scan_one(dev->bdf, dev) ||
	    !dev->nvt[0]) {
		fprintf(stderr, "nvt %s: %s did not bind to nvt (see dmesg)\n",
			cmd, dev->bdf);
		return 1;
	}
	snprintf(path, sizeof(path), "/dev/%s", dev->nvt);
	if (!tool_wait_path(path, 5000)) {
		fprintf(stderr, "nvt %s: %s bound, but %s did not appear\n", cmd,
			dev->bdf, path);
		return 1;
	}
	return 0;
}

static int write_pf_attr(const char *pf, const char *attr, int value)
{
	char path[256], v[16];

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", pf, attr);
	snprintf(v, sizeof(v), "%d", value);
	return tool_write(path, v);
}

/*
 * Disable the VFs of @pf (bound to nvt): each VF nvt holds is removed
 * like an unplugged device, open files and all.
 */
static int disable_vfs(const char *cmd, const struct nvme_function *pf)
{
	int ret;

	if (!pf->numvfs)
		return 0;
	ret = write_pf_attr(pf->bdf, "sriov_numvfs", 0);
	if (ret)
		fprintf(stderr, "nvt %s: %s: cannot disable its %d VFs: %s\n",
			cmd, pf->bdf, pf->numvfs, strerror(-ret));
	return ret;
}

/*
 * Enable @numvfs VFs on @pf (bound to nvt) and bind each to nvt: no
 * driver probes them as they appear (sriov_drivers_autoprobe 0), then
 * each gets driver_override nvt.
 */
static int enable_vfs(struct nvme_function *pf, int numvfs)
{
	struct nvme_function vf;
	int i, ret, rc = 0;

	if (numvfs > pf->totalvfs) {
		fprintf(stderr, "nvt setup: %s: %d VFs asked, the PF has %s%d\n",
			pf->bdf, numvfs, pf->totalvfs ? "" : "no SR-IOV capability: ",
			pf->totalvfs);
		return 1;
	}
	if (pf->numvfs && pf->numvfs != numvfs && disable_vfs("setup", pf))
		return 1;	/* the PCI core changes the count only from 0 */
	if (pf->numvfs != numvfs) {
		ret = write_pf_attr(pf->bdf, "sriov_drivers_autoprobe", 0);
		if (!ret)
			ret = write_pf_attr(pf->bdf, "sriov_numvfs", numvfs);
		write_pf_attr(pf->bdf, "sriov_drivers_autoprobe", 1);
		if (ret) {
			fprintf(stderr, "nvt setup: %s: enabling %d VFs: %s (see dmesg)\n",
				pf->bdf, numvfs, strerror(-ret));
			return 1;
		}
	}
	for (i = 1; i <= numvfs; i++) {
		char bdf[16];

		if (tool_vf_bdf(pf->bdf, i, bdf, sizeof(bdf)) ||
		    tool_scan_one(bdf, &vf)) {
			fprintf(stderr, "nvt setup: %s: VF %d did not appear\n",
				pf->bdf, i);
			rc = 1;
			continue;
		}
		if (strcmp(vf.driver, "nvt")) {
			ret = bind_to(vf.bdf, "nvt", vf.driver);
			if (ret) {
				fprintf(stderr, "nvt setup: VF %d %s: cannot bind: %s\n",
					i, vf.bdf, strerror(-ret));
				rc = 1;
				continue;
			}
		}
		if (wait_node("setup", &vf)) {
			rc = 1;
			continue;
		}
		printf("%s: VF %d of %s bound to nvt as /dev/%s\n", vf.bdf, i,
		       pf->bdf, vf.nvt);
	}
	return rc;
}

int nvt_tool_setup(int argc, char **argv)
{
	const char *bdf = NULL, *module = NULL;
	struct nvme_function dev;
	char err[256], why[256], *end;
	int i, ret, force = 0;
	long numvfs = -1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--force"))
			force = 1;
		else if (!strcmp(argv[i], "--module") && i + 1 < argc)
			module = argv[++i];
		else if (!strcmp(argv[i], "--numvfs") && i + 1 < argc) {
			numvfs = strtol(argv[++i], &end, 0);
			if (*end || end == argv[i] || numvfs < 0 ||
			    numvfs > 65535) {
				fprintf(stderr, "nvt setup: --numvfs '%s': a count 0..65535\n",
					argv[i]);
				return 2;
			}
		} else if (argv[i][0] != '-' && !bdf)
			bdf = argv[i];
		else {
			fprintf(stderr, "usage: nvt setup [BDF] [--force] [--module PATH] [--numvfs N]\n");
			return 2;
		}
	}
	if (nvt_need_root("setup"))
		return 1;
	if (tool_pick(bdf, NULL, &dev, err, sizeof(err))) {
		fprintf(stderr, "nvt setup: %s\n", err);
		return 1;
	}
	if (numvfs >= 0 && dev.physfn[0]) {
		fprintf(stderr, "nvt setup: %s is VF %u of %s: --numvfs goes with the PF\n",
			dev.bdf, dev.vfid, dev.physfn);
		return 1;
	}
	if (!strcmp(dev.driver, "nvt")) {
		printf("%s: already bound to nvt as /dev/%s\n", dev.bdf, dev.nvt);
		if (numvfs == 0)
			return disable_vfs("setup", &dev) ? 1 : 0;
		return numvfs > 0 ? enable_vfs(&dev, numvfs) : 0;
	}
	if (dev.nvme[0] && tool_busy(dev.nvme, why, sizeof(why))) {
		if (!force) {
			fprintf(stderr, "nvt setup: %s: %s; refusing to take it (--force to override)\n",
				dev.bdf, why);
			return 1;
		}
		fprintf(stderr, "nvt setup: %s: %s; taking it anyway (--force)\n",
			dev.bdf, why);
	}
	if (load_module(module))
		return 1;
	ret = bind_to(dev.bdf, "nvt", dev.driver);
	if (ret) {
		fprintf(stderr, "nvt setup: %s: cannot rebind: %s\n", dev.bdf,
			strerror(-ret));
		return 1;
	}
	if (wait_node("setup", &dev))
		return 1;
	printf("%s: bound to nvt as /dev/%s\n", dev.bdf, dev.nvt);
	if (numvfs == 0)
		return disable_vfs("setup", &dev) ? 1 : 0;
	return numvfs > 0 ? enable_vfs(&dev, numvfs) : 0;
}

static int reset_one(const struct nvme_function *dev)
{
	char path[256];
	struct nvme_function now;
	int ret;

	/* a PF's VFs first: they cannot outlive it */
	if (disable_vfs("reset", dev))
		return 1;
	ret = bind_to(dev->bdf, NULL, dev->driver);
	if (ret) {
		fprintf(stderr, "nvt reset: %s: cannot unbind: %s\n", dev->bdf,
			strerror(-ret));
		return 1;
	}
	if (!tool_wait_path("/sys/bus/pci/drivers/nvme", 0) &&
	    run_modprobe("nvme")) {
		fprintf(stderr, "nvt reset: %s is unbound, but the nvme driver cannot be loaded\n",
			dev->bdf);
		return 1;
	}
	tool_write("/sys/bus/pci/drivers_probe", dev->bdf);
	if (dev->physfn[0]) {
		/* an offline secondary controller: nvme may well give up on it */
		tool_scan_one(dev->bdf, &now);
		printf("%s: VF %u of %s released by nvt (driver now: %s)\n",
		       dev->bdf, dev->vfid, dev->physfn,
		       now.driver[0] ? now.driver : "none");
		return 0;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/nvme", dev->bdf);
	if (!tool_wait_path(path, 10000) || tool_scan_one(dev->bdf, &now) ||
	    strcmp(now.driver, "nvme")) {
		fprintf(stderr, "nvt reset: %s did not come back to nvme (see dmesg)\n",
			dev->bdf);
		return 1;
	}
	printf("%s: back with nvme as /dev/%s\n", dev->bdf, now.nvme);
	return 0;
}

/* Is @dev a VF whose PF nvt holds too (resetting the PF removes it)? */
static bool pf_held(const struct nvme_function *devs, unsigned n,
		    const struct nvme_function *dev)
{
	unsigned i;

	for (i = 0; dev->physfn[0] && i < n; i++)
		if (!strcmp(devs[i].bdf, dev->physfn))
			return !strcmp(devs[i].driver, "nvt");
	return false;
}

int nvt_tool_reset(int argc, char **argv)
{
	struct nvme_function devs[NVT_MAX_CTRLS], dev;
	char err[256];
	unsigned n, i;
	int rc = 0;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: nvt reset [BDF]\n");
		return 2;
	}
	if (nvt_need_root("reset"))
		return 1;
	if (argc == 2) {
		if (tool_pick(argv[1], NULL, &dev, err, sizeof(err))) {
			fprintf(stderr, "nvt reset: %s\n", err);
			return 1;
		}
		if (strcmp(dev.driver, "nvt")) {
			printf("%s: not bound to nvt (driver: %s)\n", dev.bdf,
			       dev.driver[0] ? dev.driver : "none");
			return 0;
		}
		return reset_one(&dev);
	}
	/* every device nvt holds */
	if (tool_scan(devs, NVT_MAX_CTRLS, &n)) {
		fprintf(stderr, "nvt reset: cannot read the PCI devices\n");
		return 1;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(devs[i].driver, "nvt") && !pf_held(devs, n, &devs[i]))
			rc |= reset_one(&devs[i]);
	return rc;
}
