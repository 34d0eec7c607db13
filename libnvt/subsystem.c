// SPDX-License-Identifier: MIT
/* nvt_subsys: subsystem reset and power cycles of the device under test. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nvt/subsystem.h>

#include "controller_internal.h"
#include "pcie_internal.h"


extern char **environ;

struct nvt_subsys {
	struct nvt_ctrl *ctrl;
	struct nvt_pcie *pcie;
	char *power_off;
	char *power_on;
	unsigned timeout_s;
	char err[NVT_ERR_LEN];
};

static char *dup_command(const char *given, const char *env)
{
	const char *c = given ? given : getenv(env);

	return c && *c ? strdup(c) : NULL;
}

static const struct nvt_subsys_opts subsys_defaults = {
	.size = sizeof(subsys_defaults),
	.timeout_s = 10,
};

#define SO(f)	NVT_FIELD_END(struct nvt_subsys_opts, f)
static const size_t subsys_opts_ends[] = {
	SO(size), SO(power_off), SO(power_on), SO(timeout_s),
};

void nvt_subsys_opts_init(struct nvt_subsys_opts *o, size_t size)
{
	nvt_opts_init(o, size, &subsys_defaults, sizeof(subsys_defaults));
}

int nvt_subsys_open(struct nvt_ctrl *ctrl, const struct nvt_subsys_opts *given,
		    struct nvt_subsys **out, char *errbuf, size_t errlen)
{
	struct nvt_subsys_opts o = subsys_defaults;
	struct nvt_subsys *s;
	int ret;

	if (!out || !ctrl)
		return nvt_errn(errbuf, errlen, EINVAL,
				"nvt_subsys_open: no controller or no result pointer");
	*out = NULL;
	if (given) {
		ret = nvt_opts_take(&o, given, given->size, subsys_opts_ends,
				    sizeof(subsys_opts_ends) / sizeof(subsys_opts_ends[0]),
				    errbuf, errlen, "nvt_subsys_opts");
		if (ret)
			return ret;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	s->ctrl = ctrl;
	s->pcie = ctrl->pcie;
	s->power_off = dup_command(o.power_off, "NVT_POWER_OFF");
	s->power_on = dup_command(o.power_on, "NVT_POWER_ON");
	s->timeout_s = o.timeout_s ? o.timeout_s : 10;
	if (!s->power_off != !s->power_on) {
		nvt_subsys_close(s);
		return nvt_errn(errbuf, errlen, EINVAL,
				"a power controller needs both commands, power off and power on");
	}
	*out = s;
	return 0;
}

void nvt_subsys_close(struct nvt_subsys *s)
{
	if (!s)
		return;
	free(s->power_off);
	free(s->power_on);
	free(s);
}

const char *nvt_subsys_error(const struct nvt_subsys *s)
{
	return s->err;
}

bool nvt_subsys_has_power(const struct nvt_subsys *s)
{
	return s->power_off && s->power_on;
}

bool nvt_subsys_powered_off(const struct nvt_subsys *s)
{
	return s->pcie->powered_off;
}

/*
 * Run @cmd through /bin/sh, its output on our stderr (stdout may be a test
 * protocol), for at most @timeout_s seconds.
 */
static int run_command(struct nvt_subsys *s, const char *what, const char *cmd,
		       unsigned timeout_s)
{
	char *argv[] = { "sh", "-c", (char *)cmd, NULL };
	posix_spawn_file_actions_t fa;
	uint64_t deadline = nvt_now_ns() + timeout_s * 1000000000ull;
	int status, ret;
	pid_t pid, r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	ret = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (ret)
		return nvt_err(s->err, ret, "%s: cannot run '%s': %s", what,
			       cmd, strerror(ret));
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 &&
	       nvt_now_ns() < deadline)
		nvt_sleep_ms(10);
	if (r == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return nvt_err(s->err, ETIMEDOUT,
			       "%s: '%s' did not finish in %u s", what, cmd,
			       timeout_s);
	}
	if (r < 0)
		return nvt_err(s->err, errno, "%s: '%s': %s", what, cmd,
			       strerror(errno));
	if (WIFSIGNALED(status))
		return nvt_err(s->err, EIO, "%s: '%s' was killed by signal %d",
			       what, cmd, WTERMSIG(status));
	if (WEXITSTATUS(status))
		return nvt_err(s->err, EIO, "%s: '%s' failed with exit status %d",
			       what, cmd, WEXITSTATUS(status));
	return 0;
}

static int write_sysfs(struct nvt_subsys *s, const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return nvt_err(s->err, errno, "%s: %s", path, strerror(errno));
	n = write(fd, v, strlen(v));
	close(fd);
	if (n < 0)
		return nvt_err(s->err, errno, "%s: %s", path, strerror(errno));
	return 0;
}

static int no_power(struct nvt_subsys *s)
{
	return nvt_err(s->err, ENOTSUP,
		       "no power controller: set NVT_POWER_OFF and NVT_POWER_ON to its commands");
}

static int power_notice(struct nvt_subsys *s, uint32_t flags)
{
	struct nvt_power pw = { .argsz = sizeof(pw), .flags = flags };

	return nvt_ioctl(s->pcie->fd, NVT_IOC_POWER, &pw);
}

/* Has nvt.ko let go of the device (its removal ran)? */
static bool device_gone(struct nvt_subsys *s)
{
	struct nvt_info info = { .argsz = sizeof(info) };

	return nvt_ioctl(s->pcie->fd, NVT_IOC_INFO, &info) == -ENODEV;
}

/*
 * Wait for the device to leave.  A power controller that only cuts the
 * power leaves a device that reads all ones on the bus: take it off.
 */
static int wait_gone(struct nvt_subsys *s)
{
	uint64_t deadline = nvt_now_ns() + s->timeout_s * 1000000000ull;
	char path[128];
	uint32_t csts = 0;
	int ret;

	while (!device_gone(s)) {
		ret = nvt_ctrl_reg_read32(s->ctrl, NVT_REG_CSTS, &csts);
		if (!ret && csts == 0xffffffff) {
			snprintf(path, sizeof(path), PCI_DEVICES "/%s/remove",
				 s->pcie->bdf);
			ret = write_sysfs(s, path, "1");
			if (ret)
				return ret;
			continue;
		}
		if (nvt_now_ns() > deadline)
			return nvt_err(s->err, EIO,
				       "power off: %s still answers %u s after the power controller's command (CSTS 0x%08x)",
				       s->pcie->bdf, s->timeout_s, csts);
		nvt_sleep_ms(10);
	}
	return 0;
}

int nvt_subsys_power_off(struct nvt_subsys *s)
{
	int ret;

	s->err[0] = '\0';
	if (!nvt_subsys_has_power(s))
		return no_power(s);
	if (s->pcie->powered_off)
		return nvt_err(s->err, EALREADY, "%s is already powered off",
			       s->pcie->bdf);
	ret = power_notice(s, NVT_POWER_CUT);
	if (ret == -EOPNOTSUPP)
		return nvt_err(s->err, EOPNOTSUPP,
			       "power off: %s is a virtual function: it has no power of its own (cut its PF's)",
			       s->pcie->bdf);
	if (ret)
		return nvt_err(s->err, -ret, "power off: telling nvt.ko: %s",
			       strerror(-ret));
	ret = nvt_pcie_bufs_to_host(s->pcie);
	if (ret) {
		snprintf(s->err, sizeof(s->err), "%s", s->pcie->err);
	} else {
		ret = run_command(s, "power off", s->power_off,
				  s->timeout_s + 5);
		if (!ret)
			ret = wait_gone(s);
	}
	if (ret && !device_gone(s)) {
		/* the power is still on: the device goes on as it was */
		power_notice(s, 0);
		nvt_pcie_bufs_to_device(s->pcie, true);
		return ret;
	}
	/* gone: its queues and commands with it */
	s->pcie->powered_off = true;
	nvt_ctrl_lost_power(s->ctrl);
	return 0;
}

/* The driver bound to pcie->bdf ("" for none), into @name. */
static void bound_driver(struct nvt_subsys *s, char *name, size_t len)
{
	char path[128], target[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/driver", s->pcie->bdf);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		snprintf(name, len, "no driver");
		return;
	}
	target[n] = '\0';
	snprintf(name, len, "%s", basename(target));
}

/* Wait for the device at pcie->bdf bound to nvt; rescan the bus if absent. */
static int wait_back(struct nvt_subsys *s)
{
	uint64_t start = nvt_now_ns(), now, next_rescan;
	uint64_t deadline = start + s->timeout_s * 1000000000ull;
	char driver[64];
	int ret;

	next_rescan = start + 1000000000ull;
	for (;;) {
		ret = nvt_pcie_bound(s->pcie);
		if (!ret)
			return 0;
		now = nvt_now_ns();
		if (now > deadline)
			break;
		/* a bus without hotplug does not see the device come back */
		if (ret == -ENODEV && now > next_rescan) {
			ret = write_sysfs(s, "/sys/bus/pci/rescan", "1");
			if (ret)
				return ret;
			next_rescan = now + 1000000000ull;
		}
		nvt_sleep_ms(10);
	}
	if (ret == -ENODEV)
		return nvt_err(s->err, ENODEV,
			       "power on: %s did not come back in %u s",
			       s->pcie->bdf, s->timeout_s);
	bound_driver(s, driver, sizeof(driver));
	return nvt_err(s->err, EBUSY,
		       "power on: %s came back bound to %s, not nvt",
		       s->pcie->bdf, driver);
}

int nvt_subsys_power_on(struct nvt_subsys *s)
{
	int ret;

	s->err[0] = '\0';
	if (!nvt_subsys_has_power(s))
		return no_power(s);
	if (!s->pcie->powered_off)
		return nvt_err(s->err, EALREADY, "%s is not powered off",
			       s->pcie->bdf);
	/* an earlier power on that failed later may have brought it back */
	if (nvt_pcie_bound(s->pcie))
		ret = run_command(s, "power on", s->power_on,
				  s->timeout_s + 5);
	else
		ret = 0;
	if (!ret)
		ret = wait_back(s);
	if (!ret) {
		ret = nvt_pcie_reopen(s->pcie);
		if (ret)
			nvt_err(s->err, -ret, "power on: %s", s->pcie->err);
	}
	if (ret)
		return ret;
	s->pcie->powered_off = false;
	ret = nvt_pcie_bufs_to_device(s->pcie, false);
	if (ret)
		return nvt_err(s->err, -ret, "power on: %s", s->pcie->err);
	return 0;
}

int nvt_subsys_power_cycle(struct nvt_subsys *s, unsigned off_ms)
{
	int ret = nvt_subsys_power_off(s);

	if (ret)
		return ret;
	nvt_sleep_ms(off_ms);
	return nvt_subsys_power_on(s);
}

int nvt_subsys_reset(struct nvt_subsys *s)
{
	uint64_t cap;
	int ret;

	s->err[0] = '\0';
	if (s->pcie->powered_off)
		return nvt_err(s->err, ENODEV, "%s is powered off",
			       s->pcie->bdf);
	ret = nvt_ctrl_reg_read64(s->ctrl, NVT_REG_CAP, &cap);
	if (ret)
		return nvt_err(s->err, -ret, "NVM subsystem reset: %s",
			       nvt_ctrl_error(s->ctrl));
	if (!NVT_CAP_NSSRS(cap))
		return nvt_err(s->err, ENOTSUP,
			       "NVM subsystem reset: the controller does not support it (CAP.NSSRS 0)");
	ret = nvt_ctrl_reg_write32(s->ctrl, NVT_REG_NSSR, NVT_NSSR_RESET);
	if (!ret)
		ret = nvt_ctrl_wait_ready(s->ctrl, false);
	if (ret)
		return nvt_err(s->err, -ret, "NVM subsystem reset: %s",
			       nvt_ctrl_error(s->ctrl));
	return 0;
}
