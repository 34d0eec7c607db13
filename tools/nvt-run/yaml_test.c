// SPDX-License-Identifier: MIT
/*
 * One YAML test: parameters bound, skips and xfail evaluated, the device
 * made ready (and checking when asked), fixtures set up around the steps
 * and torn down after them, last first, and the outcome that follows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "bind.h"
#include "collect.h"
#include "device.h"
#include "exec.h"
#include "run.h"
#include "scope.h"
#include "setup.h"
#include "steps.h"
#include "yaml_test.h"

struct test_run {
	struct runner *r;
	struct test *t;
	struct suite *s;
	struct exec x;
	struct scope scope;
	const struct fixture *fixtures[32];	/* test-scoped, set up */
	size_t nfixtures;
	bool checking;
};

/*
 * verify: true.  A table the size of the namespace; when memory is short
 * the warning says so and the test runs without verification.
 */
static int datacheck_on(struct test_run *tr)
{
	struct nvt_ns *ns = exec_ns(&tr->x);
	int ret;

	if (!ns)
		return STEP_ERROR;
	ret = nvt_ns_datacheck_enable(ns, true, 0);
	if (ret == -ENOMEM)
		return STEP_OK;
	if (ret) {
		snprintf(tr->x.msg, sizeof(tr->x.msg), "datacheck: %s",
			 nvt_ns_error(ns));
		return STEP_ERROR;
	}
	tr->checking = true;
	exec_log(&tr->x, "data verification on for namespace %u",
		 nvt_ns_id(ns));
	return STEP_OK;
}

static void datacheck_off(struct test_run *tr)
{
	struct nvt_ns *ns = exec_ns(&tr->x);
	uint64_t bad = 0;

	if (!ns)
		return;
	if (!nvt_ns_datacheck_miscompares(ns, &bad) && bad)
		exec_log(&tr->x, "%llu reads did not verify",
			 (unsigned long long)bad);
	nvt_ns_datacheck_disable(ns);
}

/*
 * Evaluate skip_if / xfail conditions; 1 when one holds (reason set, and
 * for an xfail its strict flag and the text its failure must show).
 */
static int condition_holds(struct exec *x, const struct node *n,
			   const char *what, char *reason, size_t len,
			   bool *strict, const char **match)
{
	const struct node *when, *why, *st, *m;
	struct val v;
	size_t i;
	int ret;

	if (!n)
		return 0;
	if (n->type == NODE_SEQ) {
		for (i = 0; i < n->n; i++) {
			ret = condition_holds(x, n->items[i], what, reason,
					      len, strict, match);
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
		m = node_get(n, "match");
		if (match && m && m->type == NODE_SCALAR)
			*match = m->str;
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
				      sizeof(reason), NULL, NULL);
		if (ret < 0)
			return STEP_ERROR;
		if (ret) {
			snprintf(tr->x.msg, sizeof(tr->x.msg), "%s", reason);
			return STEP_SKIP;
		}
	}
	return STEP_OK;
}


/* The device ready for the test, with its timeout or its suite's. */
static int prepare_device(struct test_run *tr)
{
	const struct node *tn = node_get(tr->t->def, "timeout");
	int64_t timeout = settings_timeout(tr->s);

	if (tn)
		scalar_int(tn->str, &timeout);
	return device_prepare(&tr->x, timeout, settings_reinit(tr->s));
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
		rc = run_block(tr->r, &s->scope, fx->setup, tr->x.time_limit_s,
			       what, &why);
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

void yaml_test_run(struct runner *r, struct test *t, FILE *log,
		   const char *outdir)
{
	struct test_run tr;
	struct case_result *res = &t->res;
	char reason[sizeof(tr.x.msg)] = "", xreason[512] = "";
	const char *match = NULL;
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
	rc = bind_params(&tr.x, &tr.scope, t);
	if (!rc)
		rc = check_skip(&tr);
	if (rc) {
		set_result(res, rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR,
			   tr.x.msg);
		goto out;
	}
	xf = condition_holds(&tr.x, node_get(t->def, "xfail"), "xfail",
			     xreason, sizeof(xreason), &strict, &match);
	if (xf < 0) {
		set_result(res, OUT_ERROR, tr.x.msg);
		goto out;
	}
	/* the limit counts from the test's own setup on */
	exec_set_time_limit(&tr.x, runner_time_limit(r, tr.s, t->def));
	rc = prepare_device(&tr);
	if (!rc && settings_datacheck(tr.s, t->def))
		rc = datacheck_on(&tr);
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
	/* the fixtures' teardown gets a whole limit of its own */
	exec_set_time_limit(&tr.x, tr.x.time_limit_s);
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
		/* an xfail with a match absorbs only the failure it names */
		if (xf && match && !strstr(reason, match)) {
			exec_log(&tr.x, "not the expected failure (xfail match '%s')",
				 match);
			xf = 0;
		}
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
	if (tr.checking)
		datacheck_off(&tr);
	exec_done(&tr.x);
	runner_take_warnings(r, res);
}
