// SPDX-License-Identifier: MIT
/*
 * Folders and suites around the tests: entering one binds its vars and runs
 * its setup once; leaving it runs its teardown (and a suite's fixtures').
 * Their logs go to the run log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind.h"
#include "collect.h"
#include "device.h"
#include "exec.h"
#include "report.h"
#include "run.h"
#include "scope.h"
#include "setup.h"
#include "steps.h"

int run_block(struct runner *r, struct scope *scope, const struct node *steps,
	      int64_t time_limit, const char *what, char **why)
{
	struct capture cap;
	struct exec x;
	int rc;

	if (!steps)
		return STEP_OK;
	capture_open(&cap);
	exec_init(&x, r, scope, cap.f, NULL);
	exec_set_time_limit(&x, time_limit);
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

/*
 * A folder's or suite's vars and setup in @scope; when they fail, @error
 * and @outcome are what every test below gets.
 */
static void set_up(struct runner *r, struct scope *scope,
		   const struct settings *set, int64_t time_limit,
		   const char *what, char **error, enum outcome *outcome)
{
	struct exec x;
	int rc;

	exec_init(&x, r, scope, NULL, NULL);
	rc = bind_vars(&x, scope, set->vars);
	if (rc) {
		if (asprintf(error, "%s: %s", what, x.msg) < 0)
			*error = NULL;
	} else {
		rc = run_block(r, scope, set->setup, time_limit, what, error);
	}
	if (rc)
		*outcome = rc == STEP_SKIP ? OUT_SKIPPED : OUT_ERROR;
}

static void folder_start(struct runner *r, struct folder *f)
{
	char what[512];

	scope_init(&f->scope, f->parent ? &f->parent->scope : NULL);
	f->active = true;
	if (f->parent && f->parent->setup_error) {
		f->setup_error = strdup(f->parent->setup_error);
		f->setup_outcome = f->parent->setup_outcome;
		return;
	}
	snprintf(what, sizeof(what), "setup of %s/conftest.yaml", f->dir);
	set_up(r, &f->scope, &f->set, runner_time_limit(r, NULL, NULL), what,
	       &f->setup_error, &f->setup_outcome);
}

static void folder_end(struct runner *r, struct folder *f)
{
	char what[512];

	if (!f->setup_error) {
		snprintf(what, sizeof(what), "teardown of %s/conftest.yaml",
			 f->dir);
		run_block(r, &f->scope, f->set.teardown,
			  runner_time_limit(r, NULL, NULL), what, NULL);
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

void folders_enter(struct runner *r, struct collection *c,
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

void suite_start(struct runner *r, struct suite *s)
{
	struct folder *f = s->folder;
	char what[600];

	scope_init(&s->scope, f ? &f->scope : NULL);
	s->active = true;
	if (f && f->setup_error) {
		s->setup_error = strdup(f->setup_error);
		s->setup_outcome = f->setup_outcome;
		return;
	}
	if (s->is_program)
		return;
	snprintf(what, sizeof(what), "setup of %s", s->path);
	set_up(r, &s->scope, &s->set, runner_time_limit(r, s, NULL), what,
	       &s->setup_error, &s->setup_outcome);
}

void suite_end(struct runner *r, struct suite *s)
{
	char what[600];
	size_t i;

	for (i = s->nsuite_fixtures; i-- > 0;) {
		snprintf(what, sizeof(what), "teardown of fixture %s",
			 s->suite_fixtures[i]->name);
		run_block(r, &s->scope, s->suite_fixtures[i]->teardown,
			  runner_time_limit(r, s, NULL), what, NULL);
	}
	free(s->suite_fixtures);
	s->suite_fixtures = NULL;
	s->nsuite_fixtures = 0;
	if (!s->setup_error) {
		snprintf(what, sizeof(what), "teardown of %s", s->path);
		run_block(r, &s->scope, s->set.teardown,
			  runner_time_limit(r, s, NULL), what, NULL);
	}
	scope_clear(&s->scope);
	free(s->setup_error);
	s->setup_error = NULL;
	s->active = false;
}
