// SPDX-License-Identifier: MIT
/*
 * Running the collection: the device is opened once, re-initialized before
 * each test (unless reinit: false), and every test runs inside its folders'
 * and suite's setup, with its fixtures around it.  Steps run through one
 * table; expect and keep apply to every step alike.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include <nvt/nvt.h>

#include "ctest.h"
#include "expect.h"
#include "report.h"
#include "run.h"
#include "steps.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the device ---- */

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

static void show_device(struct runner *r)
{
	char mn[48] = "", fr[16] = "", line[256];

	if (r->device_shown)
		return;
	r->device_shown = true;
	nvt_ctrl_id_str(r->ctrl, 63, 24, mn, sizeof(mn));
	nvt_ctrl_id_str(r->ctrl, 71, 64, fr, sizeof(fr));
	snprintf(line, sizeof(line), "%s, %s, firmware %s, namespace %u",
		 nvt_pcie_bdf(r->pcie), mn, fr, r->nsid);
	report_device(r->report, line);
}

static bool device_alive(struct nvt_pcie *pcie)
{
	struct nvt_info info = { .argsz = sizeof(info) };

	return ioctl(nvt_pcie_fd(pcie), NVT_IOC_INFO, &info) == 0 ||
	       errno != ENODEV;
}

/* Open the device and initialize the controller, once or after release. */
static int runner_connect(struct runner *r)
{
	struct nvt_ctrl_opts co = { .warn = on_warning, .warn_arg = r };
	int ret;

	if (r->ctrl)
		return 0;
	if (r->pcie && !device_alive(r->pcie)) {
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
	ret = nvt_ctrl_open(r->pcie, &co, &r->ctrl, r->dev_err,
			    sizeof(r->dev_err));
	if (ret)
		return ret;
	r->fresh = true;
	r->lost = false;
	r->have_id_ns = false;
	r->nsid = r->opts->nsid;
	if (!r->nsid && nvt_ctrl_ns_count(r->ctrl))
		r->nsid = nvt_ctrl_ns_id(r->ctrl, 0);
	show_device(r);
	return 0;
}

int runner_open(struct runner *r, const struct run_opts *opts,
		struct report *report)
{
	memset(r, 0, sizeof(*r));
	r->opts = opts;
	r->report = report;
	return 0;
}

static void drop_warnings(struct runner *r)
{
	while (r->nwarn)
		free(r->warn[--r->nwarn]);
	r->warn_dropped = 0;
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

void runner_close(struct runner *r)
{
	runner_release(r);
	if (r->pcie)
		nvt_pcie_close(r->pcie);
	r->pcie = NULL;
	drop_warnings(r);
}

/* ---- exec: one running list of steps ---- */

static void exec_init(struct exec *x, struct runner *r, struct scope *scope,
		      FILE *log, const char *outdir)
{
	memset(x, 0, sizeof(*x));
	x->r = r;
	x->scope = scope;
	x->log = log;
	x->outdir = outdir;
	exec_env_init(x);
	if (r->ctrl)
		x->aer_seen = nvt_ctrl_aer_count(r->ctrl, NULL);
}

struct nvt_ctrl *exec_ctrl(struct exec *x)
{
	struct runner *r = x->r;

	if (r->lost) {
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
		return NULL;
	}
	return x->ns;
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

/* What an exec opened for itself; workers left running are stopped. */
static void exec_done(struct exec *x)
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

static int exec_step(struct exec *x, const struct node *n)
{
	const struct node *desc = node_get(n, "desc");
	struct step st;
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
	exec_log(x, "%s:%u: %s%s%s", n->file, n->line, st.def->name,
		 desc ? ": " : "", desc ? desc->str : "");
	rc = st.def->run(&st);
	if (st.res.is_cmd) {
		x->last.have_cmd = true;
		x->last.status = st.res.status;
		x->last.dw0 = st.res.dw0;
		x->last.cid = st.res.cid;
		x->last.latency_us = st.res.latency_us;
		exec_log(x, "  status %02x/%02x (%s), dw0 0x%08x, cid %u, %u us",
			 st.res.status >> 8, st.res.status & 0xff,
			 nvt_status_name(st.res.status), st.res.dw0,
			 st.res.cid, st.res.latency_us);
	}
	if (st.res.have_value) {
		x->last.have_value = true;
		x->last.value = st.res.value;
	}
	if (rc == STEP_OK)
		rc = expect_check(&st);
	if (rc == STEP_OK)
		rc = keep_results(&st);
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

/* ---- scopes and setup ---- */

/* A value from YAML: a number, "=expression", or text. */
static int bind_value(struct exec *x, struct scope *s, const char *name,
		      const struct node *v)
{
	struct val val;
	int64_t i;

	if (v->type != NODE_SCALAR) {
		snprintf(x->msg, sizeof(x->msg),
			 "%s:%u: '%s' must be a single value, not %s", v->file,
			 v->line, name, node_type_name(v->type));
		return STEP_ERROR;
	}
	if (v->plain && scalar_int(v->str, &i)) {
		val_int(&val, i);
	} else if (v->str[0] == '=') {
		if (exec_eval(x, v->str + 1, &val, NULL))
			return STEP_ERROR;
	} else if (strlen(v->str) >= VAL_STR_MAX) {
		snprintf(x->msg, sizeof(x->msg), "%s:%u: '%s' is too long",
			 v->file, v->line, name);
		return STEP_ERROR;
	} else {
		val_str(&val, v->str);
	}
	if (scope_set(s, name, &val)) {
		snprintf(x->msg, sizeof(x->msg), "out of memory");
		return STEP_ERROR;
	}
	return STEP_OK;
}

static int bind_vars(struct exec *x, struct scope *s, const struct node *vars)
{
	size_t i;
	int rc;

	for (i = 0; vars && i < vars->n; i++) {
		rc = bind_value(x, s, vars->keys[i]->str, vars->items[i]);
		if (rc)
			return rc;
	}
	return STEP_OK;
}

/* A captured log: a memory stream copied into the run log when done. */
struct capture {
	char *text;
	size_t len;
	FILE *f;
};

static FILE *capture_open(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->f = open_memstream(&c->text, &c->len);
	return c->f;
}

/* Close the stream; the text stays in c->text (caller frees). */
static void capture_close(struct capture *c)
{
	if (c->f)
		fclose(c->f);
	c->f = NULL;
}

/*
 * Run setup or teardown steps of a folder or suite in @scope; the log goes
 * to the run log.  Returns the step_rc, with the reason in @why.
 */
static int run_block(struct runner *r, struct scope *scope,
		     const struct node *steps, const char *what,
		     char **why)
{
	struct capture cap;
	struct exec x;
	int rc;

	if (!steps)
		return STEP_OK;
	capture_open(&cap);
	exec_init(&x, r, scope, cap.f, NULL);
	r->cur = &x;
	rc = exec_steps(&x, steps);
	exec_done(&x);
	r->cur = NULL;
	/* the device state it made is not a fresh controller's */
	r->fresh = false;
	capture_close(&cap);
	report_log(r->report, "%s%s%s", what, rc ? " did not pass: " : "",
		   rc ? x.msg : "");
	if (cap.text && cap.len)
		report_log(r->report, "%s", cap.text);
	free(cap.text);
	if (rc && why) {
		free(*why);
		*why = NULL;
		if (asprintf(why, "%s: %s", what, x.msg) < 0)
			*why = NULL;
	}
	return rc;
}

static void folder_start(struct runner *r, struct folder *f)
{
	struct exec x;
	char what[512];
	int rc;

	scope_init(&f->scope, f->parent ? &f->parent->scope : NULL);
	f->active = true;
	if (f->parent && f->parent->setup_error) {
		f->setup_error = strdup(f->parent->setup_error);
		f->setup_outcome = f->parent->setup_outcome;
		return;
	}
	exec_init(&x, r, &f->scope, NULL, NULL);
	rc = bind_vars(&x, &f->scope, f->set.vars);
	snprintf(what, sizeof(what), "setup of %s/conftest.yaml", f->dir);
	if (rc) {
		if (asprintf(&f->setup_error, "%s: %s", what, x.msg) < 0)
			f->setup_error = NULL;
	} else {
		rc = run_block(r, &f->scope, f->set.setup, what,
			       &f->setup_error);
	}
	if (rc)
		f->setup_outcome = rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR;
}

static void folder_end(struct runner *r, struct folder *f)
{
	char what[512];

	if (!f->setup_error) {
		snprintf(what, sizeof(what), "teardown of %s/conftest.yaml",
			 f->dir);
		run_block(r, &f->scope, f->set.teardown, what, NULL);
	}
	scope_clear(&f->scope);
	free(f->setup_error);
	f->setup_error = NULL;
	f->active = false;
}

static bool folder_in_chain(const struct folder *f, const struct folder *leaf)
{
	for (; leaf; leaf = leaf->parent)
		if (leaf == f)
			return true;
	return false;
}

/* End the folders @leaf is not in (deepest first), start the new ones. */
static void folders_enter(struct runner *r, struct collection *c,
			  struct folder *leaf)
{
	struct folder *chain[64];
	size_t i, n = 0;
	struct folder *f;

	for (i = c->nfolders; i-- > 0;)
		if (c->folders[i]->active &&
		    !folder_in_chain(c->folders[i], leaf))
			folder_end(r, c->folders[i]);
	for (f = leaf; f && n < 64; f = f->parent)
		chain[n++] = f;
	while (n--)
		if (!chain[n]->active)
			folder_start(r, chain[n]);
}

static void suite_start(struct runner *r, struct suite *s)
{
	struct folder *f = s->folder;
	struct exec x;
	char what[600];
	int rc;

	scope_init(&s->scope, f ? &f->scope : NULL);
	s->active = true;
	if (f && f->setup_error) {
		s->setup_error = strdup(f->setup_error);
		s->setup_outcome = f->setup_outcome;
		return;
	}
	if (s->is_program)
		return;
	exec_init(&x, r, &s->scope, NULL, NULL);
	rc = bind_vars(&x, &s->scope, s->set.vars);
	snprintf(what, sizeof(what), "setup of %s", s->path);
	if (rc) {
		if (asprintf(&s->setup_error, "%s: %s", what, x.msg) < 0)
			s->setup_error = NULL;
	} else {
		rc = run_block(r, &s->scope, s->set.setup, what,
			       &s->setup_error);
	}
	if (rc)
		s->setup_outcome = rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR;
}

static void suite_end(struct runner *r, struct suite *s)
{
	char what[600];
	size_t i;

	for (i = s->nsuite_fixtures; i-- > 0;) {
		snprintf(what, sizeof(what), "teardown of fixture %s",
			 s->suite_fixtures[i]->name);
		run_block(r, &s->scope, s->suite_fixtures[i]->teardown, what,
			  NULL);
	}
	free(s->suite_fixtures);
	s->suite_fixtures = NULL;
	s->nsuite_fixtures = 0;
	if (!s->setup_error) {
		snprintf(what, sizeof(what), "teardown of %s", s->path);
		run_block(r, &s->scope, s->set.teardown, what, NULL);
	}
	scope_clear(&s->scope);
	free(s->setup_error);
	s->setup_error = NULL;
	s->active = false;
}

/* ---- one test ---- */

struct test_run {
	struct runner *r;
	struct test *t;
	struct suite *s;
	struct exec x;
	struct scope scope;
	const struct fixture *fixtures[32];	/* test-scoped, set up */
	size_t nfixtures;
	bool verifying;
};

/*
 * verify: true.  A table the size of the namespace; when memory is short
 * the warning says so and the test runs without verification.
 */
static int verify_on(struct test_run *tr)
{
	struct nvt_ns *ns = exec_ns(&tr->x);
	int ret;

	if (!ns)
		return STEP_ERROR;
	ret = nvt_ns_verify_enable(ns, true, 0);
	if (ret == -ENOMEM)
		return STEP_OK;
	if (ret) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "verify: %s",
			 nvt_ctrl_error(nvt_ns_ctrl(ns)));
		return STEP_ERROR;
	}
	tr->verifying = true;
	exec_log(&tr->x, "data verification on for namespace %u",
		 nvt_ns_id(ns));
	return STEP_OK;
}

static void verify_off(struct test_run *tr)
{
	struct nvt_ns *ns = exec_ns(&tr->x);
	uint64_t bad = 0;

	if (!ns)
		return;
	if (!nvt_ns_verify_miscompares(ns, &bad) && bad)
		exec_log(&tr->x, "%llu reads did not verify",
			 (unsigned long long)bad);
	nvt_ns_verify_disable(ns);
}

/* Evaluate skip_if / xfail conditions; 1 when one holds (reason set). */
static int condition_holds(struct exec *x, const struct node *n,
			   const char *what, char *reason, size_t len,
			   bool *strict)
{
	const struct node *when, *why, *st;
	struct val v;
	size_t i;
	int ret;

	if (!n)
		return 0;
	if (n->type == NODE_SEQ) {
		for (i = 0; i < n->n; i++) {
			ret = condition_holds(x, n->items[i], what, reason,
					      len, strict);
			if (ret)
				return ret;
		}
		return 0;
	}
	if (n->type == NODE_SCALAR) {
		if (!strcmp(what, "xfail")) {
			/* xfail: <reason> marks the test unconditionally */
			snprintf(reason, len, "%s", n->str);
			return 1;
		}
		when = n;
		why = NULL;
	} else {
		when = node_get(n, "when");
		why = node_get(n, "reason");
		st = node_get(n, "strict");
		if (strict && st)
			scalar_bool(st->str, strict);
	}
	if (when) {
		if (exec_eval(x, when->str, &v, NULL))
			return -1;
		if (!val_truth(&v))
			return 0;
	}
	if (why)
		snprintf(reason, len, "%s", why->str);
	else if (when)
		snprintf(reason, len, "%s: %s", what, when->str);
	else
		snprintf(reason, len, "%s", what);
	return 1;
}

/* Skip reasons of the folders, the suite and the test; STEP_SKIP if any. */
static int check_skip(struct test_run *tr)
{
	struct folder *chain[64], *f;
	const struct node *skip = node_get(tr->t->def, "skip");
	const struct node *conds[66];
	size_t n = 0, nc = 0, i;
	char reason[512];
	int ret;

	for (f = tr->s->folder; f && n < 64; f = f->parent)
		chain[n++] = f;
	while (n--) {
		if (chain[n]->set.skip) {
			snprintf(tr->x.msg, sizeof(tr->x.msg), "%s",
				 chain[n]->set.skip);
			return STEP_SKIP;
		}
		conds[nc++] = chain[n]->set.skip_if;
	}
	if (tr->s->set.skip) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "%s", tr->s->set.skip);
		return STEP_SKIP;
	}
	if (skip) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "%s", skip->str);
		return STEP_SKIP;
	}
	conds[nc++] = tr->s->set.skip_if;
	conds[nc++] = node_get(tr->t->def, "skip_if");
	for (i = 0; i < nc; i++) {
		ret = condition_holds(&tr->x, conds[i], "skip_if", reason,
				      sizeof(reason), NULL);
		if (ret < 0)
			return STEP_ERROR;
		if (ret) {
			snprintf(tr->x.msg, sizeof(tr->x.msg), "%s", reason);
			return STEP_SKIP;
		}
	}
	return STEP_OK;
}

/* The device cannot be made ready for the test: an ERROR, and lost. */
static int device_not_ready(struct test_run *tr, const char *what,
			    const char *why)
{
	struct runner *r = tr->r;

	snprintf(r->dev_err, sizeof(r->dev_err), "%s: %s", what, why);
	snprintf(tr->x.msg, sizeof(tr->x.msg), "%s", r->dev_err);
	r->lost = true;
	return STEP_ERROR;
}

/* Re-initialize the controller for isolation, and apply the timeout. */
static int prepare_device(struct test_run *tr)
{
	struct runner *r = tr->r;
	const struct node *tn = node_get(tr->t->def, "timeout");
	int64_t timeout = settings_timeout(tr->s);
	bool powered = false;
	int ret;

	if (tn)
		scalar_int(tn->str, &timeout);
	/* an earlier test left the power off: this one starts powered */
	if (r->subsys && nvt_subsys_powered_off(r->subsys)) {
		ret = nvt_subsys_power_on(r->subsys);
		if (ret)
			return device_not_ready(tr, "power on before the test",
						nvt_subsys_error(r->subsys));
		powered = true;		/* a new controller: initialize it */
	}
	if (r->lost && r->ctrl) {
		/* one recovery attempt: a fresh controller */
		runner_release(r);
		r->lost = false;
	}
	/* without a device, tests that touch it fail in their first step */
	if (!r->ctrl && runner_connect(r))
		return STEP_OK;

	if ((!r->fresh && settings_reinit(tr->s)) || powered) {
		ret = nvt_ctrl_reset(r->ctrl);
		if (ret)
			return device_not_ready(tr,
						"re-initialization before the test failed",
						nvt_ctrl_error(r->ctrl));
		r->have_id_ns = false;
		r->timeout_set = false;
	}
	r->fresh = false;
	ret = 0;
	if (timeout > 0) {
		ret = nvt_ctrl_set_timeout(r->ctrl, timeout);
		r->timeout_set = true;
	} else if (r->timeout_set) {
		ret = nvt_ctrl_restore_timeouts(r->ctrl);
		r->timeout_set = false;
	}
	if (ret) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "timeout: %s",
			 nvt_ctrl_error(r->ctrl));
		return STEP_ERROR;
	}
	/* warnings of earlier tests' leftovers are not this test's */
	drop_warnings(r);
	tr->x.aer_seen = nvt_ctrl_aer_count(r->ctrl, NULL);
	return STEP_OK;
}

static int use_fixture(struct test_run *tr, const char *name)
{
	const struct fixture *fx = settings_fixture(tr->s, name);
	struct suite *s = tr->s;
	char what[300];
	char *why = NULL;
	size_t i;
	int rc;

	if (!fx) {
		snprintf(tr->x.msg, sizeof(tr->x.msg),
			 "fixture '%s' is not defined for %s", name, s->path);
		return STEP_ERROR;
	}
	for (i = 0; i < tr->nfixtures; i++)
		if (tr->fixtures[i] == fx)
			return STEP_OK;
	for (i = 0; i < s->nsuite_fixtures; i++)
		if (s->suite_fixtures[i] == fx)
			return STEP_OK;
	if (fx->suite_scope) {
		const struct fixture **grown;

		snprintf(what, sizeof(what), "fixture %s", name);
		rc = run_block(tr->r, &s->scope, fx->setup, what, &why);
		if (rc) {
			snprintf(tr->x.msg, sizeof(tr->x.msg), "%s",
				 why ? why : what);
			free(why);
			return rc == STEP_SKIP ? STEP_SKIP : STEP_ERROR;
		}
		grown = realloc(s->suite_fixtures,
				(s->nsuite_fixtures + 1) * sizeof(*grown));
		if (!grown) {
			snprintf(tr->x.msg, sizeof(tr->x.msg), "out of memory");
			return STEP_ERROR;
		}
		s->suite_fixtures = grown;
		s->suite_fixtures[s->nsuite_fixtures++] = fx;
		return STEP_OK;
	}
	if (tr->nfixtures >= sizeof(tr->fixtures) / sizeof(tr->fixtures[0])) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "too many fixtures");
		return STEP_ERROR;
	}
	exec_log(&tr->x, "fixture %s: setup", name);
	rc = exec_steps(&tr->x, fx->setup);
	if (rc) {
		char msg[sizeof(tr->x.msg)];

		snprintf(msg, sizeof(msg), "%s", tr->x.msg);
		snprintf(tr->x.msg, sizeof(tr->x.msg), "fixture %s: %.900s", name,
			 msg);
		return rc == STEP_SKIP ? STEP_SKIP : STEP_ERROR;
	}
	tr->fixtures[tr->nfixtures++] = fx;
	return STEP_OK;
}

static int use_list(struct test_run *tr, const struct node *use)
{
	size_t i;
	int rc;

	if (!use)
		return STEP_OK;
	if (use->type == NODE_SCALAR)
		return use_fixture(tr, use->str);
	for (i = 0; i < use->n; i++) {
		rc = use_fixture(tr, use->items[i]->str);
		if (rc)
			return rc;
	}
	return STEP_OK;
}

static int setup_fixtures(struct test_run *tr)
{
	struct folder *chain[64], *f;
	size_t n = 0;
	int rc;

	for (f = tr->s->folder; f && n < 64; f = f->parent)
		chain[n++] = f;
	while (n--) {
		rc = use_list(tr, chain[n]->set.use);
		if (rc)
			return rc;
	}
	rc = use_list(tr, tr->s->set.use);
	return rc ? rc : use_list(tr, node_get(tr->t->def, "use"));
}

/* Test-scoped fixtures' teardown, last first; the first failure wins. */
static int teardown_fixtures(struct test_run *tr, char *why, size_t len)
{
	int rc, first = STEP_OK;

	while (tr->nfixtures) {
		const struct fixture *fx = tr->fixtures[--tr->nfixtures];

		exec_log(&tr->x, "fixture %s: teardown", fx->name);
		rc = exec_steps(&tr->x, fx->teardown);
		if (rc && !first) {
			first = rc;
			snprintf(why, len, "teardown of fixture %s: %.900s",
				 fx->name, tr->x.msg);
		}
	}
	return first;
}

static int bind_params(struct test_run *tr)
{
	size_t i;
	int rc;

	for (i = 0; i < tr->t->nparams; i++) {
		rc = bind_value(&tr->x, &tr->scope, tr->t->params[i].name,
				tr->t->params[i].value);
		if (rc)
			return rc;
	}
	return STEP_OK;
}

static int run_steps(struct test_run *tr)
{
	const struct node *rep = node_get(tr->t->def, "repeat");
	int64_t count = 1, i;
	int rc;

	if (rep)
		scalar_int(rep->str, &count);
	for (i = 0; i < count; i++) {
		if (rep) {
			scope_set_int(&tr->scope, "iteration", i);
			exec_log(&tr->x, "iteration %lld of %lld",
				 (long long)i + 1, (long long)count);
		}
		rc = exec_steps(&tr->x, node_get(tr->t->def, "steps"));
		if (rc)
			return rc;
	}
	return STEP_OK;
}

static void set_result(struct case_result *res, enum outcome o,
		       const char *reason)
{
	res->outcome = o;
	free(res->reason);
	res->reason = reason && reason[0] ? strdup(reason) : NULL;
}

static void take_warnings(struct runner *r, struct case_result *res)
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
		drop_warnings(r);
		return;
	}
	res->warnings = w;
	for (i = 0; i < r->nwarn; i++)
		res->warnings[res->nwarnings++] = r->warn[i];
	r->nwarn = 0;
	r->warn_dropped = 0;
}

static void run_yaml_test(struct runner *r, struct test *t, FILE *log,
			  const char *outdir)
{
	struct test_run tr;
	struct case_result *res = &t->res;
	char reason[sizeof(tr.x.msg)] = "", xreason[512] = "";
	bool strict = false;
	int rc, xf, trc;

	memset(&tr, 0, sizeof(tr));
	tr.r = r;
	tr.t = t;
	tr.s = t->suite;
	scope_init(&tr.scope, &tr.s->scope);
	exec_init(&tr.x, r, &tr.scope, log, outdir);
	r->cur = &tr.x;

	if (tr.s->setup_error) {
		set_result(res, tr.s->setup_outcome, tr.s->setup_error);
		goto out;
	}
	rc = bind_params(&tr);
	if (!rc)
		rc = check_skip(&tr);
	if (rc) {
		set_result(res, rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR,
			   tr.x.msg);
		goto out;
	}
	xf = condition_holds(&tr.x, node_get(t->def, "xfail"), "xfail",
			     xreason, sizeof(xreason), &strict);
	if (xf < 0) {
		set_result(res, OUT_ERROR, tr.x.msg);
		goto out;
	}
	rc = prepare_device(&tr);
	if (!rc && settings_verify(tr.s, t->def))
		rc = verify_on(&tr);
	if (!rc)
		rc = setup_fixtures(&tr);
	if (rc) {
		set_result(res, rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR,
			   tr.x.msg);
		teardown_fixtures(&tr, reason, sizeof(reason));
		goto out;
	}
	rc = run_steps(&tr);
	snprintf(reason, sizeof(reason), "%s", tr.x.msg);
	trc = teardown_fixtures(&tr, tr.x.msg, sizeof(tr.x.msg));
	if (rc == STEP_OK && trc) {
		rc = STEP_ERROR;
		snprintf(reason, sizeof(reason), "%s", tr.x.msg);
	}
	switch (rc) {
	case STEP_OK:
		if (xf && strict)
			set_result(res, OUT_FAILED, "[XPASS(strict)] passed unexpectedly");
		else
			set_result(res, xf ? OUT_XPASSED : OUT_PASSED,
				   xf ? xreason : NULL);
		break;
	case STEP_FAIL:
		set_result(res, xf ? OUT_XFAILED : OUT_FAILED,
			   xf ? xreason : reason);
		if (xf)
			exec_log(&tr.x, "expected failure: %s", reason);
		break;
	case STEP_SKIP:
		set_result(res, OUT_SKIPPED, reason);
		break;
	default:
		set_result(res, OUT_ERROR, reason);
		break;
	}
out:
	r->cur = NULL;
	/* queues go before the namespace and buffers they use */
	scope_clear(&tr.scope);
	if (tr.verifying)
		verify_off(&tr);
	exec_done(&tr.x);
	take_warnings(r, res);
}

/* Queues made by a folder's setup would not survive a C test's own init. */
static const char *folder_with_qpairs(const struct suite *s)
{
	const struct folder *f;

	for (f = s->folder; f; f = f->parent)
		if (f->scope.nqpairs)
			return f->dir;
	return NULL;
}

void run_all(struct runner *r, struct collection *c)
{
	size_t i;
	bool stop = false;

	if (c->ntests && runner_connect(r))
		report_log(r->report, "cannot open the device: %s",
			   r->dev_err);
	for (i = 0; i < c->ntests && !stop; i++) {
		struct test *t = c->tests[i];
		struct suite *s = t->suite;
		struct capture cap;
		char *outdir;
		double t0;

		folders_enter(r, c, s->folder);
		if (!s->active)
			suite_start(r, s);
		outdir = report_outdir(r->report, t);
		capture_open(&cap);
		t0 = now_s();
		if (s->is_program && folder_with_qpairs(s)) {
			t->res.outcome = OUT_ERROR;
			if (asprintf(&t->res.reason,
				     "%s/conftest.yaml holds I/O qpairs: a C test re-initializes the controller under them",
				     folder_with_qpairs(s)) < 0)
				t->res.reason = NULL;
		} else if (s->is_program && !s->setup_error) {
			ctest_run(r, t, cap.f, outdir);
		} else {
			run_yaml_test(r, t, cap.f, outdir);
		}
		t->res.duration = now_s() - t0;
		capture_close(&cap);
		t->res.log = cap.text;
		free(outdir);
		if (t->last_in_suite)
			suite_end(r, s);
		report_test(r->report, t, i, c->ntests);
		if (r->opts->interrupted && *r->opts->interrupted) {
			report_stopped(r->report, "interrupted");
			stop = true;
		}
		if (!stop && r->opts->exitfirst &&
		    (t->res.outcome == OUT_FAILED ||
		     t->res.outcome == OUT_ERROR)) {
			report_stopped(r->report,
				       "stopping after the first failure (-x)");
			stop = true;
		}
	}
	for (i = 0; i < c->nsuites; i++)
		if (c->suites[i]->active)
			suite_end(r, c->suites[i]);
	folders_enter(r, c, NULL);
}
