// SPDX-License-Identifier: MIT
/* Finding suites, validating them and expanding them into test cases. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect.h"
#include "filter.h"
#include "steps.h"

#define CONFTEST "conftest.yaml"

struct collector {
	struct collection *c;
	const char *kexpr;
	char *err;		/* usage error (bad -k) */
	size_t errlen;
	int usage_error;
};

const char *outcome_name(enum outcome o)
{
	static const char *const names[] = {
		[OUT_NOT_RUN] = "NOTRUN", [OUT_PASSED] = "PASSED",
		[OUT_FAILED] = "FAILED", [OUT_SKIPPED] = "SKIPPED",
		[OUT_ERROR] = "ERROR", [OUT_XFAILED] = "XFAIL",
		[OUT_XPASSED] = "XPASS",
	};
	return names[o];
}

static void add_error(struct collection *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add_error(struct collection *c, const char *fmt, ...)
{
	char **errs = realloc(c->errors, (c->nerrors + 1) * sizeof(*errs));
	va_list ap;

	if (!errs)
		return;
	c->errors = errs;
	va_start(ap, fmt);
	if (vasprintf(&errs[c->nerrors], fmt, ap) >= 0)
		c->nerrors++;
	va_end(ap);
}

/* Every key of @map must be one of @allowed (NULL-terminated). */
static int check_keys(const struct node *map, const char *what,
		      const char *const *allowed, char *err, size_t errlen)
{
	size_t i, k;

	for (i = 0; i < map->n; i++) {
		char list[512] = "";

		for (k = 0; allowed[k]; k++)
			if (!strcmp(map->keys[i]->str, allowed[k]))
				break;
		if (allowed[k])
			continue;
		/* the NVMe Verify command is a step; nvt's own check is not */
		if (!strcmp(map->keys[i]->str, "verify"))
			return node_err(err, errlen, map->keys[i],
					"'verify' is the NVMe Verify command (a step); per-LBA data checking of a test is 'datacheck: true'");
		for (k = 0; allowed[k]; k++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%s", k ? ", " : "", allowed[k]);
		return node_err(err, errlen, map->keys[i],
				"unknown key '%s' in %s (expected one of: %s)",
				map->keys[i]->str, what, list);
	}
	return 0;
}

static int want_type(const struct node *n, enum node_type t, const char *what,
		     char *err, size_t errlen)
{
	if (!n || n->type == t)
		return 0;
	return node_err(err, errlen, n, "%s must be %s, not %s", what,
			node_type_name(t), node_type_name(n->type));
}

static int parse_bool_node(const struct node *n, const char *what, int *out,
			   char *err, size_t errlen)
{
	bool b;

	if (!n)
		return 0;
	if (n->type != NODE_SCALAR || !scalar_bool(n->str, &b))
		return node_err(err, errlen, n, "%s must be true or false",
				what);
	*out = b;
	return 0;
}

/* skip_if: an expression, {when, reason}, or a list of them. */
static int check_conditions(const struct node *n, const char *what,
			    bool need_when, char *err, size_t errlen)
{
	static const char *const keys[] = { "when", "reason", "strict", NULL };
	static const char *const xkeys[] = {
		"when", "reason", "strict", "match", NULL
	};
	size_t i;
	int ret;

	if (!n)
		return 0;
	if (n->type == NODE_SCALAR)
		return 0;
	if (n->type == NODE_SEQ) {
		for (i = 0; i < n->n; i++) {
			ret = check_conditions(n->items[i], what, need_when,
					       err, errlen);
			if (ret)
				return ret;
		}
		return 0;
	}
	ret = check_keys(n, what, strcmp(what, "xfail") ? keys : xkeys, err,
			 errlen);
	if (ret)
		return ret;
	if (need_when && !node_get(n, "when"))
		return node_err(err, errlen, n, "%s needs 'when: <expression>'",
				what);
	for (i = 0; i < n->n; i++) {
		ret = want_type(n->items[i], NODE_SCALAR, n->keys[i]->str,
				err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

static int parse_fixtures(const struct node *n, struct settings *set,
			  char *err, size_t errlen)
{
	static const char *const keys[] = {
		"scope", "setup", "teardown", "desc", NULL
	};
	size_t i;
	int ret;

	if (!n)
		return 0;
	ret = want_type(n, NODE_MAP, "fixtures", err, errlen);
	if (ret)
		return ret;
	set->fixtures = calloc(n->n ? n->n : 1, sizeof(*set->fixtures));
	if (!set->fixtures)
		return -ENOMEM;
	for (i = 0; i < n->n; i++) {
		const struct node *f = n->items[i], *scope;
		struct fixture *fx = &set->fixtures[i];

		ret = want_type(f, NODE_MAP, "a fixture", err, errlen);
		if (!ret)
			ret = check_keys(f, "a fixture", keys, err, errlen);
		if (ret)
			return ret;
		fx->name = n->keys[i]->str;
		fx->setup = node_get(f, "setup");
		fx->teardown = node_get(f, "teardown");
		scope = node_get(f, "scope");
		if (scope && (scope->type != NODE_SCALAR ||
			      (strcmp(scope->str, "test") &&
			       strcmp(scope->str, "suite"))))
			return node_err(err, errlen, scope,
					"fixture scope must be test or suite");
		fx->suite_scope = scope && !strcmp(scope->str, "suite");
		ret = steps_validate(fx->setup, err, errlen);
		if (!ret)
			ret = steps_validate(fx->teardown, err, errlen);
		if (ret)
			return ret;
		set->nfixtures++;
	}
	return 0;
}

static int check_use(const struct node *use, char *err, size_t errlen)
{
	size_t i;

	if (!use)
		return 0;
	if (use->type == NODE_SCALAR)
		return 0;
	if (use->type != NODE_SEQ)
		return node_err(err, errlen, use,
				"use needs a fixture name or a list of them");
	for (i = 0; i < use->n; i++)
		if (use->items[i]->type != NODE_SCALAR)
			return node_err(err, errlen, use->items[i],
					"a fixture name must be a plain word");
	return 0;
}

/* time_limit: whole seconds a test may run, 0 for no limit. */
static int parse_time_limit(const struct node *n, int64_t *out, char *err,
			    size_t errlen)
{
	if (n && (n->type != NODE_SCALAR || !scalar_int(n->str, out) ||
		  *out < 0 || *out > TIME_LIMIT_MAX_S))
		return node_err(err, errlen, n,
				"time_limit must be whole seconds, 0..%d (0: no limit)",
				TIME_LIMIT_MAX_S);
	return 0;
}

/* The settings shared by conftest.yaml and suite files. */
static int parse_settings(const struct node *root, struct settings *set,
			  char *err, size_t errlen)
{
	const struct node *n;
	int ret;

	set->reinit = -1;
	set->datacheck = -1;
	set->timeout_ms = -1;
	set->time_limit_s = -1;
	set->vars = node_get(root, "vars");
	set->setup = node_get(root, "setup");
	set->teardown = node_get(root, "teardown");
	set->use = node_get(root, "use");
	set->skip_if = node_get(root, "skip_if");
	ret = want_type(set->vars, NODE_MAP, "vars", err, errlen);
	if (!ret)
		ret = steps_validate(set->setup, err, errlen);
	if (!ret)
		ret = steps_validate(set->teardown, err, errlen);
	if (!ret)
		ret = check_use(set->use, err, errlen);
	if (!ret)
		ret = check_conditions(set->skip_if, "skip_if", true, err,
				       errlen);
	if (!ret)
		ret = parse_bool_node(node_get(root, "reinit"), "reinit",
				      &set->reinit, err, errlen);
	if (!ret)
		ret = parse_bool_node(node_get(root, "datacheck"), "datacheck",
				      &set->datacheck, err, errlen);
	if (ret)
		return ret;
	n = node_get(root, "timeout");
	if (n && (n->type != NODE_SCALAR ||
		  !scalar_int(n->str, &set->timeout_ms) || set->timeout_ms <= 0))
		return node_err(err, errlen, n,
				"timeout must be a positive number of milliseconds");
	ret = parse_time_limit(node_get(root, "time_limit"),
			       &set->time_limit_s, err, errlen);
	if (ret)
		return ret;
	n = node_get(root, "skip");
	if (n) {
		ret = want_type(n, NODE_SCALAR, "skip (the reason)", err,
				errlen);
		if (ret)
			return ret;
		set->skip = n->str;
	}
	set->fixtures_node = node_get(root, "fixtures");
	return parse_fixtures(set->fixtures_node, set, err, errlen);
}

static struct folder *get_folder(struct collector *co, const char *dir);

static struct folder *new_folder(struct collector *co, const char *dir,
				 struct folder *parent)
{
	static const char *const keys[] = {
		"desc", "vars", "fixtures", "setup", "teardown", "use",
		"reinit", "timeout", "time_limit", "skip", "skip_if",
		"datacheck", NULL
	};
	struct collection *c = co->c;
	struct folder *f = calloc(1, sizeof(*f)), **fs;
	char path[PATH_MAX], err[1024];
	int ret;

	if (!f || !(f->dir = strdup(dir)))
		goto nomem;
	f->parent = parent;
	f->set.reinit = -1;
	f->set.datacheck = -1;
	f->set.timeout_ms = -1;
	f->set.time_limit_s = -1;
	fs = realloc(c->folders, (c->nfolders + 1) * sizeof(*fs));
	if (!fs)
		goto nomem;
	c->folders = fs;
	fs[c->nfolders++] = f;
	snprintf(path, sizeof(path), "%s/%s", dir, CONFTEST);
	if (!strcmp(dir, "."))
		snprintf(path, sizeof(path), "%s", CONFTEST);
	if (access(path, F_OK))
		return f;
	ret = doc_load(path, &f->conf, err, sizeof(err));
	if (!ret && f->conf->root) {
		ret = want_type(f->conf->root, NODE_MAP, CONFTEST, err,
				sizeof(err));
		if (!ret)
			ret = check_keys(f->conf->root, CONFTEST, keys, err,
					 sizeof(err));
		if (!ret)
			ret = parse_settings(f->conf->root, &f->set, err,
					     sizeof(err));
	}
	if (ret)
		add_error(c, "%s", err);
	return f;
nomem:
	if (f)
		free(f->dir);
	free(f);
	add_error(c, "%s: out of memory", dir);
	return NULL;
}

/* The folder object of @dir, with its parents up to the working directory. */
static struct folder *get_folder(struct collector *co, const char *dir)
{
	struct collection *c = co->c;
	struct folder *parent = NULL;
	char up[PATH_MAX];
	size_t i;
	char *slash;

	for (i = 0; i < c->nfolders; i++)
		if (!strcmp(c->folders[i]->dir, dir))
			return c->folders[i];
	snprintf(up, sizeof(up), "%s", dir);
	slash = strrchr(up, '/');
	if (slash && slash != up) {
		*slash = 0;
		parent = get_folder(co, up);
	} else if (strcmp(dir, ".") && dir[0] != '/') {
		parent = get_folder(co, ".");
	}
	return new_folder(co, dir, parent);
}

static void dirname_of(const char *path, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(out, len, ".");
	else if (slash == path)
		snprintf(out, len, "/");
	else
		snprintf(out, len, "%.*s", (int)(slash - path), path);
}

static struct suite *new_suite(struct collector *co, const char *path)
{
	struct collection *c = co->c;
	struct suite *s = calloc(1, sizeof(*s)), **ss;
	char dir[PATH_MAX];

	if (!s || !(s->path = strdup(path)))
		goto nomem;
	dirname_of(path, dir, sizeof(dir));
	s->folder = get_folder(co, dir);
	s->set.reinit = -1;
	s->set.datacheck = -1;
	s->set.timeout_ms = -1;
	s->set.time_limit_s = -1;
	ss = realloc(c->suites, (c->nsuites + 1) * sizeof(*ss));
	if (!ss)
		goto nomem;
	c->suites = ss;
	ss[c->nsuites++] = s;
	return s;
nomem:
	if (s)
		free(s->path);
	free(s);
	add_error(c, "%s: out of memory", path);
	return NULL;
}

/* Append a test case unless filtered out. */
static int add_test(struct collector *co, struct suite *s, const char *id,
		    const struct node *def, const struct param *params,
		    size_t nparams, const char *only)
{
	struct collection *c = co->c;
	struct test *t, **ts;
	size_t n;
	int m;

	if (only) {
		n = strlen(only);
		if (strncmp(id, only, n) || (id[n] && id[n] != '['))
			return 0;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->suite = s;
	t->def = def;
	if (!(t->id = strdup(id)) ||
	    asprintf(&t->nodeid, "%s::%s", s->path, id) < 0) {
		t->nodeid = NULL;
		goto nomem;
	}
	if (co->kexpr) {
		m = filter_match(co->kexpr, t->nodeid, co->err, co->errlen);
		if (m < 0) {
			co->usage_error = m;
			goto drop;
		}
		if (!m) {
			c->ndeselected++;
			goto drop;
		}
	}
	if (nparams) {
		t->params = malloc(nparams * sizeof(*params));
		if (!t->params)
			goto nomem;
		memcpy(t->params, params, nparams * sizeof(*params));
		t->nparams = nparams;
	}
	ts = realloc(c->tests, (c->ntests + 1) * sizeof(*ts));
	if (!ts)
		goto nomem;
	c->tests = ts;
	ts[c->ntests++] = t;
	s->ntests_selected++;
	return 0;
nomem:
	free(t->id);
	free(t->nodeid);
	free(t->params);
	free(t);
	return -ENOMEM;
drop:
	free(t->id);
	free(t->nodeid);
	free(t);
	return 0;
}

/* spec: the section(s) a test asserts: text, or a list of texts */
static int check_spec(const struct node *n, char *err, size_t errlen)
{
	size_t i;

	if (!n)
		return 0;
	if (n->type == NODE_SCALAR && n->str[0])
		return 0;
	if (n->type == NODE_SEQ && n->n) {
		for (i = 0; i < n->n; i++)
			if (n->items[i]->type != NODE_SCALAR ||
			    !n->items[i]->str[0])
				break;
		if (i == n->n)
			return 0;
	}
	return node_err(err, errlen, n,
			"spec must be the specification section(s) the test asserts: text or a list of texts");
}

static int check_test(const struct node *t, char *err, size_t errlen)
{
	static const char *const keys[] = {
		"name", "desc", "spec", "params", "skip", "skip_if", "xfail",
		"use", "steps", "repeat", "timeout", "time_limit", "datacheck",
		NULL
	};
	const struct node *n;
	int64_t v;
	int ret;

	ret = want_type(t, NODE_MAP, "a test", err, errlen);
	if (!ret)
		ret = check_keys(t, "a test", keys, err, errlen);
	if (ret)
		return ret;
	n = node_get(t, "name");
	if (!n || n->type != NODE_SCALAR || !n->str[0])
		return node_err(err, errlen, n ? n : t,
				"a test needs 'name: <text>'");
	if (strpbrk(n->str, "[]: \t"))
		return node_err(err, errlen, n,
				"a test name must not contain spaces, ':', '[' or ']'");
	n = node_get(t, "steps");
	if (!n)
		return node_err(err, errlen, t, "test '%s' needs 'steps:'",
				node_get(t, "name")->str);
	ret = steps_validate(n, err, errlen);
	if (!ret)
		ret = want_type(node_get(t, "skip"), NODE_SCALAR,
				"skip (the reason)", err, errlen);
	if (!ret)
		ret = check_conditions(node_get(t, "skip_if"), "skip_if", true,
				       err, errlen);
	if (!ret)
		ret = check_conditions(node_get(t, "xfail"), "xfail", false,
				       err, errlen);
	if (!ret)
		ret = check_use(node_get(t, "use"), err, errlen);
	if (ret)
		return ret;
	ret = check_spec(node_get(t, "spec"), err, errlen);
	if (ret)
		return ret;
	n = node_get(t, "repeat");
	if (n && (n->type != NODE_SCALAR || !scalar_int(n->str, &v) || v < 1))
		return node_err(err, errlen, n,
				"repeat must be a positive number");
	n = node_get(t, "timeout");
	if (n && (n->type != NODE_SCALAR || !scalar_int(n->str, &v) || v < 1))
		return node_err(err, errlen, n,
				"timeout must be a positive number of milliseconds");
	ret = parse_time_limit(node_get(t, "time_limit"), &v, err, errlen);
	if (ret)
		return ret;
	n = node_get(t, "datacheck");
	if (n) {
		bool b;

		if (n->type != NODE_SCALAR || !scalar_bool(n->str, &b))
			return node_err(err, errlen, n,
					"datacheck must be true or false");
	}
	return 0;
}

static void collect_yaml(struct collector *co, const char *path,
			 const char *only)
{
	static const char *const keys[] = {
		"suite", "desc", "vars", "fixtures", "setup", "teardown", "use",
		"reinit", "timeout", "time_limit", "skip", "skip_if",
		"datacheck", "tests", NULL
	};
	struct collection *c = co->c;
	const struct node *root, *tests, *n;
	struct suite *s;
	char err[1024];
	size_t i, r;
	int ret;

	s = new_suite(co, path);
	if (!s)
		return;
	ret = doc_load(path, &s->doc, err, sizeof(err));
	if (ret) {
		add_error(c, "%s", err);
		return;
	}
	root = s->doc->root;
	if (!root) {
		add_error(c, "%s: the file is empty (expected a suite: 'tests:' with a list of tests)",
			  path);
		return;
	}
	ret = want_type(root, NODE_MAP, "a suite file", err, sizeof(err));
	if (!ret)
		ret = check_keys(root, "a suite", keys, err, sizeof(err));
	if (!ret)
		ret = parse_settings(root, &s->set, err, sizeof(err));
	if (ret) {
		add_error(c, "%s", err);
		return;
	}
	n = node_get(root, "suite");
	s->name = n && n->type == NODE_SCALAR ? n->str : NULL;
	n = node_get(root, "desc");
	s->desc = n && n->type == NODE_SCALAR ? n->str : NULL;
	tests = node_get(root, "tests");
	if (!tests || tests->type != NODE_SEQ) {
		add_error(c, "%s:%u:%u: a suite needs 'tests:' with a list of tests",
			  path, tests ? tests->line : root->line,
			  tests ? tests->col : root->col);
		return;
	}
	/* names must be unique within a suite */
	for (i = 0; i < tests->n; i++) {
		const struct node *t = tests->items[i], *params;
		struct param_row *rows;
		size_t nrows, j;

		ret = check_test(t, err, sizeof(err));
		if (ret) {
			add_error(c, "%s", err);
			continue;
		}
		n = node_get(t, "name");
		for (j = 0; j < i; j++) {
			const struct node *o = node_get(tests->items[j], "name");

			if (o && o->type == NODE_SCALAR && !strcmp(o->str, n->str))
				break;
		}
		if (j < i) {
			add_error(c, "%s:%u:%u: duplicate test name '%s'", path,
				  n->line, n->col, n->str);
			continue;
		}
		params = node_get(t, "params");
		if (!params) {
			if (add_test(co, s, n->str, t, NULL, 0, only))
				add_error(c, "%s: out of memory", path);
			continue;
		}
		ret = params_expand(params, &rows, &nrows, err, sizeof(err));
		if (ret) {
			add_error(c, "%s", err);
			continue;
		}
		for (r = 0; r < nrows; r++) {
			char id[1024];

			snprintf(id, sizeof(id), "%s[%s]", n->str, rows[r].id);
			if (add_test(co, s, id, t, rows[r].params, rows[r].n,
				     only))
				add_error(c, "%s: out of memory", path);
		}
		params_free(rows, nrows);
	}
}

/* A C test program: its tests are what `prog --list` prints. */
static void collect_program(struct collector *co, const char *path,
			    const char *only)
{
	struct collection *c = co->c;
	char cmd[PATH_MAX + 64], line[512];
	struct suite *s;
	FILE *p;
	int status;

	s = new_suite(co, path);
	if (!s)
		return;
	s->is_program = true;
	snprintf(cmd, sizeof(cmd), "'%s' --list 2>&1", path);
	if (strchr(path, '\'')) {
		add_error(c, "%s: a quote in the path is not supported", path);
		return;
	}
	p = popen(cmd, "r");
	if (!p) {
		add_error(c, "%s: cannot run: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0])
			continue;
		if (add_test(co, s, line, NULL, NULL, 0, only))
			add_error(c, "%s: out of memory", path);
	}
	status = pclose(p);
	if (status != 0)
		add_error(c, "%s: '--list' failed (exit status %d); is it a program built with <nvt/test.h>?",
			  path, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static bool is_test_program(const char *path, const char *name)
{
	struct stat st;

	return !strncmp(name, "test_", 5) && !strchr(name, '.') &&
	       !stat(path, &st) && S_ISREG(st.st_mode) &&
	       (st.st_mode & S_IXUSR);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void collect_path(struct collector *co, const char *path,
			 const char *only);

static void collect_dir(struct collector *co, const char *dir)
{
	struct dirent **ents;
	char path[PATH_MAX];
	int n, i;

	get_folder(co, dir);
	n = scandir(dir, &ents, NULL, by_name);
	if (n < 0) {
		add_error(co->c, "%s: %s", dir, strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		struct stat st;

		if (name[0] == '.' || !strcmp(name, CONFTEST))
			goto next;
		if (!strcmp(dir, "."))
			snprintf(path, sizeof(path), "%s", name);
		else
			snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (stat(path, &st))
			goto next;
		if (S_ISDIR(st.st_mode) || is_yaml(name) ||
		    is_test_program(path, name))
			collect_path(co, path, NULL);
next:
		free(ents[i]);
	}
	free(ents);
}

static void collect_path(struct collector *co, const char *path,
			 const char *only)
{
	const char *name = strrchr(path, '/');
	struct stat st;

	name = name ? name + 1 : path;
	if (stat(path, &st)) {
		add_error(co->c, "%s: %s", path, strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (only)
			add_error(co->c, "%s: '::TEST' needs a file, not a folder",
				  path);
		else
			collect_dir(co, path);
	} else if (is_yaml(name)) {
		collect_yaml(co, path, only);
	} else if (S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR)) {
		collect_program(co, path, only);
	} else {
		add_error(co->c, "%s: not a test file (expected .yaml, a folder, or a test program)",
			  path);
	}
}

/* "./a//b/" -> "a/b" so node ids are stable. */
static void normalize(const char *in, char *out, size_t len)
{
	size_t n = 0;

	while (in[0] == '.' && in[1] == '/')
		in += 2;
	for (; *in && n + 1 < len; in++) {
		if (*in == '/' && n && out[n - 1] == '/')
			continue;
		out[n++] = *in;
	}
	while (n > 1 && out[n - 1] == '/')
		n--;
	out[n] = 0;
	if (!n)
		snprintf(out, len, ".");
}

int collect(struct collection *c, char *const *paths, int npaths,
	    const char *kexpr, char *err, size_t errlen)
{
	struct collector co = {
		.c = c, .kexpr = kexpr, .err = err, .errlen = errlen,
	};
	size_t i, j;
	int k;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < npaths; k++) {
		char path[PATH_MAX], *sep;

		normalize(paths[k], path, sizeof(path));
		sep = strstr(path, "::");
		if (sep) {
			*sep = 0;
			if (!sep[2]) {
				add_error(c, "%s: nothing after '::'", paths[k]);
				continue;
			}
		}
		collect_path(&co, path, sep ? sep + 2 : NULL);
		if (co.usage_error)
			return co.usage_error;
	}
	/* a suite's first and last selected test run its setup/teardown */
	for (i = 0; i < c->ntests; i++) {
		struct test *t = c->tests[i];

		t->first_in_suite = !i || c->tests[i - 1]->suite != t->suite;
		t->last_in_suite = i + 1 == c->ntests ||
				   c->tests[i + 1]->suite != t->suite;
	}
	/* the same test named twice on the command line runs once */
	for (i = 0; i < c->ntests; i++) {
		for (j = 0; j < i; j++) {
			if (!strcmp(c->tests[i]->nodeid, c->tests[j]->nodeid)) {
				add_error(c, "%s: selected twice",
					  c->tests[i]->nodeid);
				break;
			}
		}
	}
	return 0;
}

static void result_free(struct case_result *r)
{
	size_t i;

	free(r->reason);
	for (i = 0; i < r->nwarnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	free(r->log);
}

void collection_free(struct collection *c)
{
	size_t i;

	for (i = 0; i < c->ntests; i++) {
		result_free(&c->tests[i]->res);
		free(c->tests[i]->id);
		free(c->tests[i]->nodeid);
		free(c->tests[i]->params);
		free(c->tests[i]);
	}
	for (i = 0; i < c->nsuites; i++) {
		doc_free(c->suites[i]->doc);
		scope_clear(&c->suites[i]->scope);
		free(c->suites[i]->setup_error);
		free(c->suites[i]->suite_fixtures);
		free(c->suites[i]->set.fixtures);
		free(c->suites[i]->path);
		free(c->suites[i]);
	}
	for (i = 0; i < c->nfolders; i++) {
		doc_free(c->folders[i]->conf);
		scope_clear(&c->folders[i]->scope);
		free(c->folders[i]->setup_error);
		free(c->folders[i]->set.fixtures);
		free(c->folders[i]->dir);
		free(c->folders[i]);
	}
	for (i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->tests);
	free(c->suites);
	free(c->folders);
	free(c->errors);
	memset(c, 0, sizeof(*c));
}

bool settings_datacheck(const struct suite *s, const struct node *test)
{
	const struct folder *f;
	const struct node *n = test ? node_get(test, "datacheck") : NULL;
	bool b;

	if (n && scalar_bool(n->str, &b))
		return b;
	if (s->set.datacheck >= 0)
		return s->set.datacheck;
	for (f = s->folder; f; f = f->parent)
		if (f->set.datacheck >= 0)
			return f->set.datacheck;
	return false;
}

bool settings_reinit(const struct suite *s)
{
	const struct folder *f;

	if (s->set.reinit >= 0)
		return s->set.reinit;
	for (f = s->folder; f; f = f->parent)
		if (f->set.reinit >= 0)
			return f->set.reinit;
	return true;
}

int64_t settings_timeout(const struct suite *s)
{
	const struct folder *f;

	if (s->set.timeout_ms > 0)
		return s->set.timeout_ms;
	for (f = s->folder; f; f = f->parent)
		if (f->set.timeout_ms > 0)
			return f->set.timeout_ms;
	return -1;
}

int64_t settings_time_limit(const struct suite *s, const struct node *test)
{
	const struct node *n = test ? node_get(test, "time_limit") : NULL;
	const struct folder *f;
	int64_t v;

	if (n && scalar_int(n->str, &v))
		return v;
	if (s->set.time_limit_s >= 0)
		return s->set.time_limit_s;
	for (f = s->folder; f; f = f->parent)
		if (f->set.time_limit_s >= 0)
			return f->set.time_limit_s;
	return -1;
}

const struct fixture *settings_fixture(const struct suite *s, const char *name)
{
	const struct folder *f;
	size_t i;

	for (i = 0; i < s->set.nfixtures; i++)
		if (!strcmp(s->set.fixtures[i].name, name))
			return &s->set.fixtures[i];
	for (f = s->folder; f; f = f->parent)
		for (i = 0; i < f->set.nfixtures; i++)
			if (!strcmp(f->set.fixtures[i].name, name))
				return &f->set.fixtures[i];
	return NULL;
}
