// SPDX-License-Identifier: MIT
/*
 * The device under test: opened once and shown in the report, opened again
 * when it stopped answering (powered off or removed under the run), made
 * ready before each YAML test; and the warnings it raises.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <nvt/nvt.h>

#include "collect.h"
#include "device.h"
#include "events.h"
#include "exec.h"
#include "progress.h"
#include "report.h"
#include "run.h"
#include "steps.h"

/* ---- warnings ---- */

static void on_warning(void *arg, const char *message)
{
	struct runner *r = arg;

	if (r->cur)
		exec_log(r->cur, "warning: %s", message);
	if (r->nwarn >= WARN_MAX) {
		r->warn_dropped++;
		return;
	}
	r->warn[r->nwarn] = strdup(message);
	if (r->warn[r->nwarn])
		r->nwarn++;
}

void runner_drop_warnings(struct runner *r)
{
	while (r->nwarn)
		free(r->warn[--r->nwarn]);
	r->warn_dropped = 0;
}

bool exec_take_warning(struct exec *x, const char *text, const char *also)
{
	struct runner *r = x->r;
	unsigned i;

	for (i = 0; i < r->nwarn; i++) {
		if (!strstr(r->warn[i], text) ||
		    (also && !strstr(r->warn[i], also)))
			continue;
		free(r->warn[i]);
		memmove(&r->warn[i], &r->warn[i + 1],
			(r->nwarn - i - 1) * sizeof(r->warn[0]));
		r->nwarn--;
		return true;
	}
	return false;
}

void runner_take_warnings(struct runner *r, struct case_result *res)
{
	char **w;
	unsigned i;

	if (r->warn_dropped && r->nwarn < WARN_MAX + 1) {
		char *m;

		if (asprintf(&m, "%u more warnings were dropped",
			     r->warn_dropped) >= 0) {
			if (r->nwarn < WARN_MAX)
				r->warn[r->nwarn++] = m;
			else
				free(m);
		}
	}
	if (!r->nwarn)
		return;
	w = realloc(res->warnings, (res->nwarnings + r->nwarn) * sizeof(*w));
	if (!w) {
		runner_drop_warnings(r);
		return;
	}
	res->warnings = w;
	for (i = 0; i < r->nwarn; i++)
		res->warnings[res->nwarnings++] = r->warn[i];
	r->nwarn = 0;
	r->warn_dropped = 0;
}

/* ---- the device ---- */

/*
 * Listen to the device's events from its first opening on (subscribed by
 * address: followed across power cycles); r->events_off says why not.
 */
static void events_start(struct runner *r)
{
	if (r->events_tried)
		return;
	r->events_tried = true;
	if (!r->opts->no_events &&
	    run_events_open(&r->events, nvt_pcie_bdf(r->pcie), r->events_off,
			    sizeof(r->events_off)) && !r->events_off[0])
		snprintf(r->events_off, sizeof(r->events_off), "unknown error");
}

void runner_events_flush(struct runner *r, FILE *log)
{
	if (r)
		run_events_flush(r->events, log);
}

static void show_device(struct runner *r)
{
	char mn[48] = "", sn[24] = "", fr[16] = "";

	if (r->device_shown)
		return;
	r->device_shown = true;
	/* Identify Controller: SN bytes 23:04, MN 63:24, FR 71:64 */
	nvt_ctrl_id_str(r->ctrl, 23, 4, sn, sizeof(sn));
	nvt_ctrl_id_str(r->ctrl, 63, 24, mn, sizeof(mn));
	nvt_ctrl_id_str(r->ctrl, 71, 64, fr, sizeof(fr));
	report_device(r->report, &(struct report_devinfo){
		.bdf = nvt_pcie_bdf(r->pcie), .model = mn, .serial = sn,
		.firmware = fr, .nsid = r->nsid, .events_off = r->events_off[0] ? r->events_off : NULL,
	});
}

/* Open the device and initialize the controller, once or after release. */
static int runner_connect(struct runner *r)
{
	struct nvt_ctrl_opts co;
	int ret;

	if (r->ctrl)
		return 0;
	if (r->pcie && !nvt_pcie_alive(r->pcie)) {
		/* powered off (or removed) under us: open it again */
		nvt_pcie_close(r->pcie);
		r->pcie = NULL;
	}
	if (!r->pcie) {
		ret = nvt_pcie_open(r->opts->bdf, &r->pcie, r->dev_err,
				    sizeof(r->dev_err));
		if (ret)
			return ret;
	}
	/*
	 * Listening before the controller's initialization: what goes wrong
	 * in it is in the log; its own CC.EN events are not news.
	 */
	events_start(r);
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = on_warning;
	co.warn_arg = r;
	run_events_quiet_resets(r->events, true);
	ret = nvt_ctrl_open(r->pcie, &co, &r->ctrl, r->dev_err,
			    sizeof(r->dev_err));
	run_events_quiet_resets(r->events, false);
	if (ret)
		return ret;
	r->fresh = true;
	r->state = DEV_OK;
	r->have_id_ns = false;
	r->nsid = r->opts->nsid;
	if (!r->nsid && nvt_ctrl_ns_count(r->ctrl))
		r->nsid = nvt_ctrl_ns_id(r->ctrl, 0);
	show_device(r);
	return 0;
}

/* Where the status line of long steps starts (report_column()). */
static unsigned terminal_column(void *report)
{
	return report_column(report);
}

int runner_open(struct runner *r, const struct run_opts *opts,
		struct report *report)
{
	memset(r, 0, sizeof(*r));
	r->opts = opts;
	r->report = report;
	r->progress = progress_open(stdout, opts->progress, terminal_column,
				    report);
	return 0;
}

void runner_release(struct runner *r)
{
	nvt_subsys_close(r->subsys);
	r->subsys = NULL;
	/* buffers in folder scopes keep the file (and their DMA memory) */
	if (r->ctrl)
		nvt_ctrl_close(r->ctrl);
	r->ctrl = NULL;
	r->have_id_ns = false;
}

/* It cannot be opened: gone, unless the run goes on without a device. */
static bool mark_gone(struct runner *r)
{
	if (r->opts->without_device)
		return false;
	r->state = DEV_GONE;
	snprintf(r->gone_why, sizeof(r->gone_why), "%s: %s",
		 r->device_shown ? "device lost" : "cannot open the device",
		 r->dev_err);
	return true;
}

/*
 * An earlier test left the power off: this one starts powered, on a new
 * controller initialized.  False when the device does not come back.
 */
static bool power_back(struct runner *r)
{
	if (nvt_subsys_power_on(r->subsys)) {
		snprintf(r->dev_err, sizeof(r->dev_err),
			 "power on before the test: %s",
			 nvt_subsys_error(r->subsys));
		return !mark_gone(r);
	}
	r->have_id_ns = false;
	r->timeout_set = false;
	if (nvt_ctrl_reset(r->ctrl)) {
		/* runner_check() opens it afresh */
		snprintf(r->dev_err, sizeof(r->dev_err),
			 "initialization after power on: %s",
			 nvt_ctrl_error(r->ctrl));
		r->state = DEV_LOST;
		return true;
	}
	r->fresh = true;
	return true;
}

bool runner_check(struct runner *r, bool open)
{
	bool alive;

	if (r->state == DEV_GONE)
		return false;
	if (r->subsys && nvt_subsys_powered_off(r->subsys) && !power_back(r))
		return false;
	alive = r->pcie && nvt_pcie_alive(r->pcie);
	if ((r->state == DEV_LOST || !alive) && r->ctrl) {
		/* one recovery attempt: a fresh controller */
		runner_release(r);
		r->state = DEV_OK;
	}
	if (r->ctrl || (alive && !open))
		return true;
	return !runner_connect(r) || !mark_gone(r);
}

void runner_close(struct runner *r)
{
	run_events_close(r->events);
	r->events = NULL;
	runner_release(r);
	if (r->pcie)
		nvt_pcie_close(r->pcie);
	r->pcie = NULL;
	runner_drop_warnings(r);
	progress_close(r->progress);
	r->progress = NULL;
}

struct nvt_ctrl *exec_ctrl(struct exec *x)
{
	struct runner *r = x->r;

	if (r->state == DEV_GONE) {
		snprintf(x->msg, sizeof(x->msg), "%s", r->gone_why);
		return NULL;
	}
	if (r->state == DEV_LOST) {
		snprintf(x->msg, sizeof(x->msg), "device lost: %s",
			 r->dev_err);
		return NULL;
	}
	if (!r->ctrl) {
		if (runner_connect(r)) {
			snprintf(x->msg, sizeof(x->msg),
				 "cannot open the device: %s", r->dev_err);
			return NULL;
		}
		x->aer_seen = nvt_ctrl_aer_count(r->ctrl, NULL);
	}
	return r->ctrl;
}

struct nvt_subsys *exec_subsys(struct exec *x)
{
	struct runner *r = x->r;
	struct nvt_ctrl *ctrl = r->subsys ? r->ctrl : exec_ctrl(x);

	if (!ctrl)
		return NULL;
	if (!r->subsys &&
	    nvt_subsys_open(ctrl, NULL, &r->subsys, x->msg, sizeof(x->msg)))
		return NULL;
	return r->subsys;
}

void exec_powered_on(struct exec *x)
{
	x->r->have_id_ns = false;
	x->r->timeout_set = false;
	x->aer_seen = 0;
}

struct nvt_ns *exec_ns(struct exec *x)
{
	struct nvt_ctrl *ctrl = exec_ctrl(x);
	int ret;

	x->ns_outcome = STEP_ERROR;
	if (!ctrl)
		return NULL;
	if (x->ns && nvt_ns_id(x->ns) == x->r->nsid)
		return x->ns;
	nvt_ns_close(x->ns);
	x->ns = NULL;
	if (!x->r->nsid) {
		snprintf(x->msg, sizeof(x->msg),
			 "the controller has no active namespace to test");
		return NULL;
	}
	ret = nvt_ns_open(ctrl, x->r->nsid, &x->ns);
	if (ret) {
		snprintf(x->msg, sizeof(x->msg), "namespace %u: %s",
			 x->r->nsid, nvt_ctrl_error(ctrl));
		/* a controller the test disabled, or its answer: a failure */
		x->ns_outcome = ret == -ENODEV ||
				!nvt_pcie_alive(nvt_ctrl_pcie(ctrl)) ?
				STEP_ERROR : STEP_FAIL;
		return NULL;
	}
	return x->ns;
}

/* The device cannot be made ready for the test: an ERROR, and lost. */
static int device_not_ready(struct exec *x, const char *what, const char *why)
{
	struct runner *r = x->r;

	snprintf(r->dev_err, sizeof(r->dev_err), "%s: %s", what, why);
	snprintf(x->msg, sizeof(x->msg), "%s", r->dev_err);
	r->state = DEV_LOST;
	return STEP_ERROR;
}

/*
 * A test that ended early (failed, xfailed) may leave the function in
 * D3hot: the next one starts in D0, as its initialization assumes.
 */
static int device_back_to_d0(struct exec *x)
{
	struct nvt_pcie *pcie = nvt_ctrl_pcie(x->r->ctrl);
	unsigned state;

	if (nvt_pcie_d_state_get(pcie, &state) || state == 0)
		return STEP_OK;
	exec_log(x, "the function was left in D%u: back to D0", state);
	if (nvt_pcie_d_state_set(pcie, 0))
		return device_not_ready(x, "back to D0 before the test",
					nvt_pcie_error(pcie));
	return STEP_OK;
}

/* Re-initialize the controller for isolation, and apply the timeout. */
int device_prepare(struct exec *x, int64_t timeout, bool reinit)
{
	struct runner *r = x->r;
	int ret;

	if (!runner_check(r, true)) {
		snprintf(x->msg, sizeof(x->msg), "%s", r->gone_why);
		return STEP_ERROR;
	}
	/* run without a device: tests that touch it fail in their first step */
	if (!r->ctrl)
		return STEP_OK;

	if (!r->fresh && reinit) {
		ret = device_back_to_d0(x);
		if (ret)
			return ret;
		run_events_quiet_resets(r->events, true);
		ret = nvt_ctrl_reset(r->ctrl);
		run_events_quiet_resets(r->events, false);
		if (ret)
			return device_not_ready(x,
						"re-initialization before the test failed",
						nvt_ctrl_error(r->ctrl));
		r->have_id_ns = false;
		r->timeout_set = false;
	}
	r->fresh = false;
	ret = 0;
	if (timeout > 0) {
		ret = nvt_ctrl_set_timeout_all(r->ctrl, timeout);
		r->timeout_set = true;
	} else if (r->timeout_set) {
		ret = nvt_ctrl_restore_timeouts(r->ctrl);
		r->timeout_set = false;
	}
	if (ret) {
		snprintf(x->msg, sizeof(x->msg), "timeout: %s",
			 nvt_ctrl_error(r->ctrl));
		return STEP_ERROR;
	}
	/* warnings of earlier tests' leftovers are not this test's */
	runner_drop_warnings(r);
	x->aer_seen = nvt_ctrl_aer_count(r->ctrl, NULL);
	return STEP_OK;
}
