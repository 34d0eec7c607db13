// SPDX-License-Identifier: MIT
/*
 * Steps on the PCIe function and its link: Function Level Reset and hot
 * reset, power states, link speed, ASPM, config space writes.  What the
 * function or the topology lacks (no FLR, no PM capability, no bridge or
 * PCIe port above it) skips the test, saying why.
 *
 * A reset of the function leaves the controller disabled with its
 * registers at their defaults; pcie_reset then initializes it as the reset
 * step does (the test's init function), unless told not to (reset: false),
 * when the test does it itself (a reset step, or its own sequence).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "steps.h"

static int pcie_failed(struct step *st, struct nvt_ctrl *ctrl, int ret)
{
	const char *why = nvt_pcie_error(nvt_ctrl_pcie(ctrl));

	if (ret == -EOPNOTSUPP)
		return step_fail(st, STEP_SKIP, "%s", why);
	return step_call_failed(st, ctrl, why, ret);
}

/* After a reset of the function: initialize the controller unless told not to. */
static int reinit(struct step *st, struct nvt_ctrl *ctrl, const char *what)
{
	bool reset;
	int ret = arg_bool(st, "reset", true, &reset);

	if (ret || !reset)
		return ret;
	ret = nvt_ctrl_reset(ctrl);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	exec_log(st->x, "  controller initialized after the %s", what);
	return STEP_OK;
}

static int step_pcie_reset(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	char type[16];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "type", "flr", type, sizeof(type));
	if (ret)
		return ret;
	if (!strcmp(type, "flr"))
		ret = nvt_pcie_flr(nvt_ctrl_pcie(ctrl));
	else if (!strcmp(type, "hot"))
		ret = nvt_pcie_hot_reset(nvt_ctrl_pcie(ctrl));
	else
		return step_fail(st, STEP_FAIL, "type '%s': want flr or hot", type);
	if (ret)
		return pcie_failed(st, ctrl, ret);
	return reinit(st, ctrl, type);
}

struct named_value {
	const char *name;
	unsigned value;
};

static const struct named_value d_state_names[] = {
	{ "D0", 0 }, { "D3hot", 3 }, { NULL, 0 },
};

static const struct named_value aspm_names[] = {
	{ "off", 0 }, { "l0s", NVT_PCIE_ASPM_L0S }, { "l1", NVT_PCIE_ASPM_L1 },
	{ "l0s_l1", NVT_PCIE_ASPM_L0S | NVT_PCIE_ASPM_L1 }, { NULL, 0 },
};

/* Argument "state" as one of @names' values; @want lists them for the message. */
static int state_arg(struct step *st, const struct named_value *names,
		     const char *want, unsigned *out)
{
	char name[16];
	int ret = arg_str(st, "state", NULL, name, sizeof(name));

	if (ret)
		return ret;
	for (; names->name; names++) {
		if (!strcmp(names->name, name)) {
			*out = names->value;
			return 0;
		}
	}
	return step_fail(st, STEP_FAIL, "state '%s': want %s", name, want);
}

static int step_d_state(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	unsigned state;
	uint32_t cc = 0;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = state_arg(st, d_state_names, "D0 or D3hot", &state);
	if (ret)
		return ret;
	ret = nvt_pcie_d_state_set(nvt_ctrl_pcie(ctrl), state);
	if (ret)
		return pcie_failed(st, ctrl, ret);
	if (state)
		return STEP_OK;
	/* back in D0: a function without No_Soft_Reset was reset */
	ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CC, &cc);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return cc & NVT_CC_EN ? STEP_OK : reinit(st, ctrl, "D3hot to D0 reset");
}

static int step_link_speed(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	int64_t speed;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "speed", 0, &speed);
	if (ret)
		return ret;
	if (speed < 1 || speed > 7)
		return step_fail(st, STEP_FAIL,
				 "speed %lld: want 1 (2.5 GT/s) .. 7",
				 (long long)speed);
	ret = nvt_pcie_link_speed_set(nvt_ctrl_pcie(ctrl), (unsigned)speed);
	return ret ? pcie_failed(st, ctrl, ret) : STEP_OK;
}

static int step_aspm(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	unsigned aspm;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = state_arg(st, aspm_names, "off, l0s, l1 or l0s_l1", &aspm);
	if (ret)
		return ret;
	ret = nvt_pcie_aspm_set(nvt_ctrl_pcie(ctrl), aspm);
	return ret ? pcie_failed(st, ctrl, ret) : STEP_OK;
}

static int step_cfg_write(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	int64_t offset, value, width;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "offset", 0, &offset);
	if (!ret)
		ret = arg_int(st, "value", 0, &value);
	if (!ret)
		ret = arg_int(st, "width", 4, &width);
	if (ret)
		return ret;
	if (width != 1 && width != 2 && width != 4)
		return step_fail(st, STEP_FAIL, "width %lld: want 1, 2 or 4",
				 (long long)width);
	if (offset < 0 || offset > 4095 || offset % width)
		return step_fail(st, STEP_FAIL,
				 "offset 0x%llx: want 0..0xfff, a multiple of the width",
				 (long long)offset);
	if (value < 0 || (uint64_t)value >> (8 * width))
		return step_fail(st, STEP_FAIL,
				 "value 0x%llx does not fit %lld bytes",
				 (long long)value, (long long)width);
	ret = nvt_pcie_cfg_write(nvt_ctrl_pcie(ctrl), (uint32_t)offset,
				 (unsigned)width, (uint32_t)value);
	if (ret)
		return step_call_failed(st, ctrl,
					nvt_pcie_error(nvt_ctrl_pcie(ctrl)), ret);
	return STEP_OK;
}

static const struct arg_def pcie_reset_args[] = {
	{ "type", ARG_STR, true, "flr (Function Level Reset) or hot (secondary bus reset)" },
	{ "reset", ARG_BOOL, false, "initialize the controller after (default true)" },
	{ NULL }
};
static const struct arg_def d_state_args[] = {
	{ "state", ARG_STR, true, "D0 or D3hot" },
	{ "reset", ARG_BOOL, false, "initialize the controller when D0 comes with a reset (default true)" },
	{ NULL }
};
static const struct arg_def link_speed_args[] = {
	{ "speed", ARG_INT, true, "target link speed: 1 (2.5 GT/s), 2 (5), 3 (8), 4 (16), 5 (32)" },
	{ NULL }
};
static const struct arg_def aspm_args[] = {
	{ "state", ARG_STR, true, "off, l0s, l1 or l0s_l1" },
	{ NULL }
};
static const struct arg_def cfg_write_args[] = {
	{ "offset", ARG_INT, true, "byte offset in config space" },
	{ "value", ARG_INT, true, "the value" },
	{ "width", ARG_INT, false, "bytes: 1, 2 or 4 (default 4)" },
	{ NULL }
};

const struct step_def pcie_steps[] = {
	{ "pcie_reset", "reset the function (FLR or hot reset), then initialize the controller",
	  pcie_reset_args, 0, step_pcie_reset },
	{ "d_state", "put the function in D0 or D3hot (PMCSR)",
	  d_state_args, 0, step_d_state },
	{ "link_speed", "set the upstream port's target link speed and retrain the link",
	  link_speed_args, 0, step_link_speed },
	{ "aspm", "ASPM control on both ends of the link",
	  aspm_args, 0, step_aspm },
	{ "cfg_write", "write config space",
	  cfg_write_args, 0, step_cfg_write },
	{ NULL }
};
