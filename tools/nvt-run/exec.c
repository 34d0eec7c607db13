// SPDX-License-Identifier: MIT
/*
 * Running steps: each step is found in the step table, run, logged with
 * its completion, then its expect is checked and its keep stored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "clock.h"
#include "device.h"
#include "run.h"
#include "exec.h"
#include "expect.h"
#include "scope.h"
#include "steps.h"

void exec_init(struct exec *x, struct runner *r, struct scope *scope,
	       FILE *log, const char *outdir)
{
	memset(x, 0, sizeof(*x));
	x->r = r;
	x->scope = scope;
	x->log = log;
	x->outdir = outdir;
	/* --log-level warning: steps go into the log only when they fail */
	x->quiet = r && r->opts && r->opts->log_level == LOG_LEVEL_WARNING;
	exec_env_init(x);
	if (r->ctrl)
		x->aer_seen = nvt_ctrl_aer_count(r->ctrl, NULL);
}

struct nvt_worker *exec_worker(struct exec *x, const char *name,
			       struct nvt_worker *add)
{
	unsigned i;

	for (i = 0; i < x->nworkers; i++)
		if (!strcmp(x->workers[i].name, name))
			return add ? add : x->workers[i].w;
	if (!add)
		return NULL;
	if (x->nworkers == sizeof(x->workers) / sizeof(x->workers[0]))
		return add;
	snprintf(x->workers[x->nworkers].name, sizeof(x->workers[0].name),
		 "%s", name);
	x->workers[x->nworkers++].w = add;
	return NULL;
}

struct nvt_worker *exec_worker_take(struct exec *x, const char *name)
{
	struct nvt_worker *w;
	unsigned i;

	for (i = 0; i < x->nworkers; i++) {
		if (strcmp(x->workers[i].name, name))
			continue;
		w = x->workers[i].w;
		x->workers[i] = x->workers[--x->nworkers];
		return w;
	}
	return NULL;
}

void exec_done(struct exec *x)
{
	struct nvt_worker_result r;

	while (x->nworkers) {
		struct nvt_worker *w = x->workers[--x->nworkers].w;

		exec_log(x, "ioworker '%s' was not closed: stopped",
			 x->workers[x->nworkers].name);
		nvt_worker_stop(w);
		if (!nvt_worker_close(w, &r))
			nvt_worker_result_free(&r);
	}
	nvt_ns_close(x->ns);
	x->ns = NULL;
}

void exec_set_time_limit(struct exec *x, int64_t seconds)
{
	x->time_limit_s = seconds > 0 ? seconds : 0;
	x->deadline = seconds > 0 ? now_s() + seconds : 0;
	x->timed_out = false;
}

bool exec_overdue(const struct exec *x)
{
	return x->deadline && now_s() >= x->deadline;
}

int64_t exec_wait_ms(const struct exec *x, int64_t ms)
{
	double left;

	if (!x->deadline)
		return ms;
	/* a wait cut short ends just past the deadline, not before it */
	left = (x->deadline - now_s()) * 1000 + 2;
	if (left < 1)
		left = 1;
	return ms > 0 && ms < left ? ms : (int64_t)left;
}

/*
 * The test ran past its time_limit in step @n: the failure names the
 * step (the innermost one, when loops nest).
 */
static int time_up(struct exec *x, const struct node *n, const char *step)
{
	if (x->timed_out)
		return STEP_FAIL;
	x->timed_out = true;
	snprintf(x->msg, sizeof(x->msg),
		 "time limit: the test ran past its %lld s (time_limit) in %s:%u: %s",
		 (long long)x->time_limit_s, n->file, n->line, step);
	return STEP_FAIL;
}

int exec_eval(struct exec *x, const char *text, struct val *out,
	      struct expr_trace *trace)
{
	char err[sizeof(x->msg)];
	int ret;

	/* the message names the expression and the column */
	ret = expr_eval(text, &x->env, out, trace, err, sizeof(err));
	if (ret)
		memcpy(x->msg, err, sizeof(x->msg));
	return ret;
}

void exec_log(struct exec *x, const char *fmt, ...)
{
	va_list ap;

	if (!x->log)
		return;
	va_start(ap, fmt);
	vfprintf(x->log, fmt, ap);
	va_end(ap);
	fputc('\n', x->log);
}

static int keep_results(struct step *st)
{
	const struct node *k = node_get(st->node, "keep");
	struct exec *x = st->x;
	size_t i;

	if (!k)
		return STEP_OK;
	if (k->type == NODE_SCALAR) {
		if (!st->res.have_value)
			return step_fail(st, STEP_FAIL,
					 "keep: this step has no result; use keep: {name: expression}");
		if (scope_set(x->scope, k->str, &st->res.value))
			return step_fail(st, STEP_ERROR, "out of memory");
		return STEP_OK;
	}
	for (i = 0; i < k->n; i++) {
		struct val v;

		if (exec_eval(x, k->items[i]->str, &v, NULL)) {
			char msg[sizeof(x->msg)];

			snprintf(msg, sizeof(msg), "%s", x->msg);
			return step_fail(st, STEP_FAIL, "keep %s: %s",
					 k->keys[i]->str, msg);
		}
		if (scope_set(x->scope, k->keys[i]->str, &v))
			return step_fail(st, STEP_ERROR, "out of memory");
	}
	return STEP_OK;
}

/* A step's line in the test log, or (@cpl) the completion of its command. */
static void log_step(struct exec *x, const struct node *n,
		     const struct step *st, const struct node *desc, bool cpl)
{
	if (!cpl) {
		exec_log(x, "%s:%u: %s%s%s", n->file, n->line, st->def->name,
			 desc ? ": " : "", desc ? desc->str : "");
		return;
	}
	exec_log(x, "  status %02x/%02x (%s), dw0 0x%08x, cid %u, %u us",
		 st->res.status >> 8, st->res.status & 0xff,
		 nvt_status_name(st->res.status), st->res.dw0, st->res.cid,
		 st->res.latency_us);
}

static int exec_step(struct exec *x, const struct node *n)
{
	const struct node *desc = node_get(n, "desc");
	struct step st;
	bool quiet;
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	st.x = x;
	st.node = n;
	for (i = 0; i < n->n && !st.def; i++) {
		st.def = steps_find(n->keys[i]->str);
		st.args = n->items[i];
	}
	if (!st.def) {	/* validated at collection: cannot happen */
		snprintf(x->msg, sizeof(x->msg), "%s:%u: not a step", n->file,
			 n->line);
		return STEP_ERROR;
	}
	quiet = x->quiet > 0;
	if (!quiet)
		log_step(x, n, &st, desc, false);
	/* a step is not started past the deadline, and fails if it ends there */
	rc = exec_overdue(x) ? STEP_FAIL : st.def->run(&st);
	if (exec_overdue(x))
		rc = time_up(x, n, st.def->name);
	if (st.res.is_cmd) {
		x->last.have_cmd = true;
		x->last.status = st.res.status;
		x->last.dw0 = st.res.dw0;
		x->last.cid = st.res.cid;
		x->last.latency_us = st.res.latency_us;
		if (!quiet)
			log_step(x, n, &st, desc, true);
	}
	/* what nvt.ko told of the device during the step, right after it */
	runner_events_flush(x->r, x->log);
	if (st.res.have_value) {
		x->last.have_value = true;
		x->last.value = st.res.value;
	}
	if (rc == STEP_OK)
		rc = expect_check(&st);
	if (rc == STEP_OK)
		rc = keep_results(&st);
	if (rc != STEP_OK && quiet) {
		log_step(x, n, &st, desc, false);
		if (st.res.is_cmd)
			log_step(x, n, &st, desc, true);
	}
	if (rc != STEP_OK)
		exec_log(x, "  %s: %s", rc == STEP_SKIP ? "skip" :
			 rc == STEP_FAIL ? "FAILED" : "ERROR", x->msg);
	return rc;
}

int exec_steps(struct exec *x, const struct node *list)
{
	size_t i;
	int rc;

	if (!list)
		return STEP_OK;
	for (i = 0; i < list->n; i++) {
		rc = exec_step(x, list->items[i]);
		if (rc != STEP_OK)
			return rc;
	}
	return STEP_OK;
}
