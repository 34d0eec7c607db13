// SPDX-License-Identifier: MIT
/*
 * Steps on the NVM subsystem: the device's power (the power controller's
 * commands, NVT_POWER_OFF / NVT_POWER_ON) and NVM subsystem reset.  A test
 * needing what the bench or device lacks is skipped, saying why.
 */
#include <errno.h>
#include <stdio.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "progress.h"
#include "steps.h"

static int subsys_failed(struct step *st, struct nvt_subsys *s, int ret)
{
	if (ret == -ENOTSUP)
		return step_fail(st, STEP_SKIP, "%s", nvt_subsys_error(s));
	return step_fail(st, STEP_FAIL, "%s", nvt_subsys_error(s));
}

static int step_power_off(struct step *st)
{
	struct nvt_subsys *s = exec_subsys(st->x);
	int ret;

	if (!s)
		return STEP_ERROR;
	ret = nvt_subsys_power_off(s);
	return ret ? subsys_failed(st, s, ret) : STEP_OK;
}

/* The power is back: unless reset is false, initialize the controller. */
static int powered_on(struct step *st, bool reset)
{
	struct nvt_ctrl *ctrl;
	int ret;

	exec_powered_on(st->x);
	if (!reset)
		return STEP_OK;
	ctrl = exec_ctrl(st->x);
	if (!ctrl)
		return STEP_ERROR;
	ret = nvt_ctrl_reset(ctrl);
	if (ret) {
		st->x->r->state = DEV_LOST;
		return step_fail(st, STEP_ERROR,
				 "controller init after power on: %s",
				 nvt_ctrl_error(ctrl));
	}
	return STEP_OK;
}

static int step_power_on(struct step *st)
{
	struct nvt_subsys *s = exec_subsys(st->x);
	bool reset;
	int ret;

	if (!s)
		return STEP_ERROR;
	ret = arg_bool(st, "reset", true, &reset);
	if (ret)
		return ret;
	ret = nvt_subsys_power_on(s);
	return ret ? subsys_failed(st, s, ret) : powered_on(st, reset);
}

static int step_power_cycle(struct step *st)
{
	struct nvt_subsys *s = exec_subsys(st->x);
	int64_t off_ms;
	bool reset;
	int ret;

	if (!s)
		return STEP_ERROR;
	ret = arg_int(st, "off_ms", 100, &off_ms);
	if (!ret)
		ret = arg_bool(st, "reset", true, &reset);
	if (ret)
		return ret;
	if (off_ms < 0 || off_ms > 600000)
		return step_fail(st, STEP_FAIL, "off_ms must be 0..600000");
	progress_begin(st->x->r->progress, "power cycle");
	ret = nvt_subsys_power_cycle(s, (unsigned)off_ms);
	ret = ret ? subsys_failed(st, s, ret) : powered_on(st, reset);
	progress_end(st->x->r->progress);
	return ret;
}

static int step_subsystem_reset(struct step *st)
{
	struct nvt_subsys *s = exec_subsys(st->x);
	struct nvt_ctrl *ctrl;
	int ret;

	if (!s)
		return STEP_ERROR;
	ret = nvt_subsys_reset(s);
	if (ret)
		return subsys_failed(st, s, ret);
	ctrl = exec_ctrl(st->x);
	ret = ctrl ? nvt_ctrl_reset(ctrl) : -ENODEV;
	if (ret)
		return step_fail(st, STEP_ERROR, "controller init after NSSR: %s",
				 ctrl ? nvt_ctrl_error(ctrl) : st->x->msg);
	return STEP_OK;
}

static const struct arg_def no_args[] = { { NULL } };
static const struct arg_def power_on_args[] = {
	{ "reset", ARG_BOOL, false, "initialize the controller after (default true)" },
	{ NULL }
};
static const struct arg_def power_cycle_args[] = {
	{ "off_ms", ARG_INT, false, "time without power (default 100 ms)" },
	{ "reset", ARG_BOOL, false, "initialize the controller after (default true)" },
	{ NULL }
};

const struct step_def power_steps[] = {
	{ "power_off", "cut the device's power (running ioworkers end with 07/fe)",
	  no_args, 0, step_power_off },
	{ "power_on", "power the device on, then initialize the controller",
	  power_on_args, 0, step_power_on },
	{ "power_cycle", "power off, wait off_ms, power on, initialize",
	  power_cycle_args, 0, step_power_cycle },
	{ "subsystem_reset", "NVM subsystem reset (NSSR), then initialize",
	  no_args, 0, step_subsystem_reset },
	{ NULL }
};
