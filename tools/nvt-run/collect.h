/* SPDX-License-Identifier: MIT */
/*
 * Collection: from paths on the command line to the ordered list of test
 * cases.  A YAML file is a suite; a folder is a collection of suites, with
 * its conftest.yaml giving folder-level variables, fixtures, setup and
 * teardown; an executable named test_* built with <nvt/test.h> is a suite
 * of C tests.  Everything is validated here, before the device is touched.
 */
#ifndef NVT_RUN_COLLECT_H
#define NVT_RUN_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "params.h"
#include "scope.h"

/* OUT_NOT_RUN: not reached (-x, interrupted) or the device was gone first. */
enum outcome {
	OUT_NOT_RUN, OUT_PASSED, OUT_FAILED, OUT_SKIPPED, OUT_ERROR,
	OUT_XFAILED, OUT_XPASSED,
};

/* The longest time_limit (and --time-limit): a week, in seconds. */
#define TIME_LIMIT_MAX_S (7 * 24 * 3600)

struct fixture {
	const char *name;
	const struct node *setup, *teardown;
	bool suite_scope;	/* once per suite instead of once per test */
};

/* What suites and folders can say (conftest.yaml or the suite file). */
struct settings {
	const struct node *vars;	/* mapping name: value */
	const struct node *setup, *teardown;
	const struct node *use;		/* fixtures every test uses */
	const struct node *skip_if;
	const struct node *fixtures_node;
	struct fixture *fixtures;
	size_t nfixtures;
	int reinit;			/* -1: inherit; default true */
	int datacheck;			/* -1: inherit; default false */
	int64_t timeout_ms;		/* -1: inherit; default driver's */
	int64_t time_limit_s;		/* -1: inherit; 0: none */
	const char *skip;		/* unconditional skip reason */
};

struct folder {
	struct folder *parent;
	char *dir;
	struct doc *conf;	/* conftest.yaml, may be NULL */
	struct settings set;
	/* while running */
	struct scope scope;
	bool active;
	char *setup_error;	/* setup failed or skipped: why */
	enum outcome setup_outcome;	/* OUT_ERROR or OUT_SKIPPED */
};

struct case_result {
	enum outcome outcome;
	char *reason;
	double duration;
	char **warnings;
	size_t nwarnings;
	char *log;
};

struct suite;

struct test {
	struct suite *suite;
	char *id;		/* name or name[params] */
	char *nodeid;		/* path::id */
	const struct node *def;	/* the test's mapping (NULL for C tests) */
	struct param *params;	/* owned array; names/values in the doc */
	size_t nparams;
	bool first_in_suite, last_in_suite;
	struct case_result res;
};

struct suite {
	struct folder *folder;
	char *path;
	struct doc *doc;	/* NULL for a C test program */
	const char *name;
	const char *desc;
	struct settings set;
	bool is_program;
	size_t ntests_selected;
	/* while running */
	struct scope scope;
	bool active;
	char *setup_error;
	enum outcome setup_outcome;
	const struct fixture **suite_fixtures;	/* set up, torn down at end */
	size_t nsuite_fixtures;
};

struct collection {
	struct folder **folders;
	size_t nfolders;
	struct suite **suites;
	size_t nsuites;
	struct test **tests;	/* selected, in run order */
	size_t ntests;
	size_t ndeselected;
	char **errors;		/* collection errors: file:line:col: msg */
	size_t nerrors;
};

/*
 * Collect @paths (files, folders, or FILE::TEST), keeping tests whose node id
 * matches @kexpr (may be NULL).  Problems in files are collection errors in
 * @c->errors; a return < 0 is a usage error (bad -k) with @err set.
 */
int collect(struct collection *c, char *const *paths, int npaths,
	    const char *kexpr, char *err, size_t errlen);
void collection_free(struct collection *c);

/* The effective setting for a suite, walking up its folders. */
bool settings_reinit(const struct suite *s);
/* Per-LBA data verification for @test (its own key first). */
bool settings_datacheck(const struct suite *s, const struct node *test);
int64_t settings_timeout(const struct suite *s);
/*
 * The seconds @test (NULL: any test of @s) may run, its own time_limit
 * first: 0 none, -1 not set anywhere (the run's --time-limit applies).
 */
int64_t settings_time_limit(const struct suite *s, const struct node *test);
/* Find fixture @name visible from suite @s (suite first, then folders). */
const struct fixture *settings_fixture(const struct suite *s, const char *name);

const char *outcome_name(enum outcome o);

#endif /* NVT_RUN_COLLECT_H */
