// SPDX-License-Identifier: MIT
/* The step table, validation of step lists, and argument access. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "expect.h"
#include "scope.h"
#include "steps.h"

/* Every area's steps; a new area adds its array here. */
static const struct step_def *const step_tables[] = {
	core_steps,
	admin_steps,
	mgmt_steps,
	io_steps,
	worker_steps,
	power_steps,
	raw_steps,
	pcie_steps,
};

static const char *const modifiers[] = { "expect", "keep", "desc", NULL };

const struct step_def *steps_find(const char *name)
{
	const struct step_def *d;
	size_t i;

	for (i = 0; i < sizeof(step_tables) / sizeof(step_tables[0]); i++)
		for (d = step_tables[i]; d->name; d++)
			if (d->name[0] == name[0] && !strcmp(d->name, name))
				return d;
	return NULL;
}

void steps_each(void (*fn)(const struct step_def *def, void *arg), void *arg)
{
	const struct step_def *d;
	size_t i;

	for (i = 0; i < sizeof(step_tables) / sizeof(step_tables[0]); i++)
		for (d = step_tables[i]; d->name; d++)
			fn(d, arg);
}

static bool is_modifier(const char *key)
{
	size_t i;

	for (i = 0; modifiers[i]; i++)
		if (!strcmp(key, modifiers[i]))
			return true;
	return false;
}

static const struct arg_def *find_arg(const struct step_def *d,
				      const char *name)
{
	const struct arg_def *a;

	for (a = d->args; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

static const char *type_words(enum arg_type t)
{
	switch (t) {
	case ARG_INT:
		return "a number or an expression";
	case ARG_STR:
		return "a text";
	case ARG_BOOL:
		return "true, false or an expression";
	case ARG_STEPS:
		return "a list of steps";
	case ARG_LIST:
		return "a list";
	default:
		return "a value or a list";
	}
}

static int check_arg(const struct step_def *d, const struct arg_def *a,
		     const struct node *v, char *err, size_t errlen)
{
	bool ok;

	switch (a->type) {
	case ARG_STEPS:
		if (v->type != NODE_SEQ)
			break;
		return steps_validate(v, err, errlen);
	case ARG_LIST:
		ok = v->type == NODE_SEQ;
		if (ok)
			return 0;
		break;
	case ARG_ANY:
		if (v->type != NODE_MAP)
			return 0;
		break;
	case ARG_TREE:
		return 0;
	default:
		if (v->type == NODE_SCALAR)
			return 0;
		break;
	}
	return node_err(err, errlen, v, "%s: argument '%s' must be %s, not %s",
		    d->name, a->name, type_words(a->type),
		    node_type_name(v->type));
}

static void list_args(const struct step_def *d, char *out, size_t len)
{
	const struct arg_def *a;

	out[0] = 0;
	for (a = d->args; a && a->name; a++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			 a == d->args ? "" : ", ", a->name);
	if (!out[0])
		snprintf(out, len, "none");
}

static int check_args(const struct step_def *d, const struct node *v,
		      char *err, size_t errlen)
{
	const struct arg_def *a;
	char names[512];
	size_t i;
	int ret;

	if (v->type == NODE_SCALAR && !v->str[0] && v->plain) {
		/* `reset:` with nothing after it */
		for (a = d->args; a && a->name; a++)
			if (a->required)
				return node_err(err, errlen, v,
					    "%s: missing argument '%s'",
					    d->name, a->name);
		return 0;
	}
	if (v->type != NODE_MAP || (d->flags & STEP_FREE_ARGS)) {
		if (d->flags & STEP_FREE_ARGS) {
			if (v->type != NODE_MAP)
				return node_err(err, errlen, v,
					    "%s needs a mapping of name: value",
					    d->name);
			for (i = 0; i < v->n; i++) {
				if (!scope_name_ok(v->keys[i]->str))
					return node_err(err, errlen, v->keys[i],
						    "%s: '%s' is not a valid name (letters, digits, _)",
						    d->name, v->keys[i]->str);
				if (v->items[i]->type != NODE_SCALAR)
					return node_err(err, errlen, v->items[i],
						    "%s: the value of '%s' must be a number, text or expression",
						    d->name, v->keys[i]->str);
			}
			return 0;
		}
		/* shorthand: the value of the first argument */
		if (!d->args || !d->args[0].name)
			return node_err(err, errlen, v, "%s takes no arguments",
				    d->name);
		ret = check_arg(d, &d->args[0], v, err, errlen);
		if (ret)
			return ret;
		for (a = d->args + 1; a->name; a++)
			if (a->required)
				return node_err(err, errlen, v,
					    "%s: missing argument '%s'",
					    d->name, a->name);
		return 0;
	}
	for (i = 0; i < v->n; i++) {
		a = find_arg(d, v->keys[i]->str);
		if (!a) {
			list_args(d, names, sizeof(names));
			return node_err(err, errlen, v->keys[i],
				    "%s: unknown argument '%s' (expected: %s)",
				    d->name, v->keys[i]->str, names);
		}
		ret = check_arg(d, a, v->items[i], err, errlen);
		if (ret)
			return ret;
	}
	for (a = d->args; a && a->name; a++)
		if (a->required && !node_get(v, a->name))
			return node_err(err, errlen, v, "%s: missing argument '%s'",
				    d->name, a->name);
	return 0;
}

static int check_keep(const struct node *k, char *err, size_t errlen)
{
	size_t i;

	if (k->type == NODE_SCALAR) {
		if (!scope_name_ok(k->str))
			return node_err(err, errlen, k,
				    "keep: '%s' is not a valid name", k->str);
		return 0;
	}
	if (k->type != NODE_MAP)
		return node_err(err, errlen, k,
			    "keep needs a name, or a mapping of name: expression");
	for (i = 0; i < k->n; i++) {
		if (!scope_name_ok(k->keys[i]->str))
			return node_err(err, errlen, k->keys[i],
				    "keep: '%s' is not a valid name",
				    k->keys[i]->str);
		if (k->items[i]->type != NODE_SCALAR)
			return node_err(err, errlen, k->items[i],
				    "keep: the value of '%s' must be an expression",
				    k->keys[i]->str);
	}
	return 0;
}

static const struct step_check *const check_tables[] = {
	raw_checks, admin_checks, mgmt_checks,
};

/* The step's own checks, when it has some (struct step_check). */
static int own_checks(const struct step_def *d, const struct node *args,
		      char *err, size_t errlen)
{
	const struct step_check *c;
	size_t i;

	for (i = 0; i < sizeof(check_tables) / sizeof(check_tables[0]); i++)
		for (c = check_tables[i]; c->name; c++)
			if (!strcmp(c->name, d->name))
				return c->check(args, err, errlen);
	return 0;
}

static int validate_one(const struct node *st, char *err, size_t errlen)
{
	const struct step_def *d = NULL;
	const struct node *args = NULL, *n;
	size_t i;
	int ret;

	if (st->type != NODE_MAP)
		return node_err(err, errlen, st,
			    "a step must be a mapping like 'identify: {cns: 1}', not %s",
			    node_type_name(st->type));
	for (i = 0; i < st->n; i++) {
		const char *key = st->keys[i]->str;
		const struct step_def *k;

		if (is_modifier(key))
			continue;
		k = steps_find(key);
		if (!k)
			return node_err(err, errlen, st->keys[i],
				    "unknown step '%s' (nvt-run --steps lists them)",
				    key);
		if (d)
			return node_err(err, errlen, st->keys[i],
				    "one step per list item: '%s' follows '%s' (start a new item with '-')",
				    key, d->name);
		d = k;
		args = st->items[i];
	}
	if (!d)
		return node_err(err, errlen, st,
			    "a step needs a step name besides expect/keep/desc");
	ret = check_args(d, args, err, errlen);
	if (!ret)
		ret = own_checks(d, args, err, errlen);
	if (ret)
		return ret;
	n = node_get(st, "expect");
	if (n) {
		if (!(d->flags & STEP_CMD) && n->type == NODE_SCALAR)
			return node_err(err, errlen, n,
				    "%s is not a command: it has no status to expect",
				    d->name);
		ret = expect_validate(n, d->flags & STEP_CMD, err, errlen);
		if (ret)
			return ret;
	}
	n = node_get(st, "keep");
	if (n)
		return check_keep(n, err, errlen);
	return 0;
}

int steps_validate(const struct node *list, char *err, size_t errlen)
{
	size_t i;
	int ret;

	if (!list)
		return 0;
	if (list->type != NODE_SEQ)
		return node_err(err, errlen, list,
			    "expected a list of steps (each item starting with '-'), not %s",
			    node_type_name(list->type));
	for (i = 0; i < list->n; i++) {
		ret = validate_one(list->items[i], err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

int step_call_failed(struct step *st, struct nvt_ctrl *ctrl, const char *why,
		     int ret)
{
	struct runner *r = st->x->r;

	if (ret == -ENODEV || !nvt_pcie_alive(nvt_ctrl_pcie(ctrl))) {
		r->state = DEV_LOST;
		snprintf(r->dev_err, sizeof(r->dev_err), "%s", why);
		return step_fail(st, STEP_ERROR, "device lost: %s", why);
	}
	return step_fail(st, STEP_FAIL, "%s", why);
}

int step_fail(struct step *st, int rc, const char *fmt, ...)
{
	char msg[sizeof(st->x->msg) - 80];
	const struct node *n = st->node;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(st->x->msg, sizeof(st->x->msg), "%s:%u: %s: %s", n->file,
		 n->line, st->def->name, msg);
	return rc;
}

int step_check_expr(struct step *st, const char *text, const char *prefix)
{
	struct expr_trace tr;
	struct val v;

	if (exec_eval(st->x, text, &v, &tr)) {
		char m[sizeof(st->x->msg)];

		snprintf(m, sizeof(m), "%s", st->x->msg);
		return step_fail(st, STEP_FAIL, "%s%s%s", prefix,
				 prefix[0] ? ": " : "", m);
	}
	if (val_truth(&v))
		return STEP_OK;
	if (tr.have) {
		char l[300], r[300];

		val_format(&tr.left, l, sizeof(l));
		val_format(&tr.right, r, sizeof(r));
		return step_fail(st, STEP_FAIL, "%s%s%s is false: %s %s %s",
				 prefix, prefix[0] ? ": " : "", text, l, tr.op,
				 r);
	}
	return step_fail(st, STEP_FAIL, "%s%s%s is false", prefix,
			 prefix[0] ? ": " : "", text);
}

void step_set_cmd(struct step *st, uint16_t status, uint32_t dw0,
		  uint16_t cid, uint32_t latency_us)
{
	st->res.is_cmd = true;
	st->res.status = status;
	st->res.dw0 = dw0;
	st->res.cid = cid;
	st->res.latency_us = latency_us;
	st->res.have_value = true;
	val_int(&st->res.value, dw0);
}

void step_set_value(struct step *st, int64_t value)
{
	st->res.have_value = true;
	val_int(&st->res.value, value);
}

const struct node *arg_node(struct step *st, const char *name)
{
	const struct node *a = st->args;

	if (!a)
		return NULL;
	if (a->type == NODE_MAP && !(st->def->flags & STEP_FREE_ARGS))
		return node_get(a, name);
	if (a->type == NODE_SCALAR && !a->str[0] && a->plain)
		return NULL;
	/* shorthand value: the first argument */
	if (st->def->args && st->def->args[0].name &&
	    !strcmp(st->def->args[0].name, name))
		return a;
	return NULL;
}

static int eval_node(struct step *st, const char *name, const struct node *n,
		     struct val *v)
{
	int64_t i;

	if (scalar_int(n->str, &i)) {
		val_int(v, i);
		return 0;
	}
	if (exec_eval(st->x, n->str, v, NULL)) {
		char msg[sizeof(st->x->msg)];

		snprintf(msg, sizeof(msg), "%s", st->x->msg);
		return step_fail(st, STEP_FAIL, "%s: %s", name, msg);
	}
	return 0;
}

int arg_int(struct step *st, const char *name, int64_t dflt, int64_t *out)
{
	const struct node *n = arg_node(st, name);
	struct val v;
	int ret;

	if (!n) {
		*out = dflt;
		return 0;
	}
	ret = eval_node(st, name, n, &v);
	if (ret)
		return ret;
	if (v.is_str)
		return step_fail(st, STEP_FAIL, "%s: '%s' is not a number",
				 name, v.s);
	*out = v.i;
	return 0;
}

int arg_u32(struct step *st, const char *name, uint32_t dflt, uint32_t *out)
{
	int64_t v;
	int ret = arg_int(st, name, dflt, &v);

	if (ret)
		return ret;
	if (v < 0 || v > UINT32_MAX)
		return step_fail(st, STEP_FAIL,
				 "%s: %lld does not fit in 32 bits", name,
				 (long long)v);
	*out = (uint32_t)v;
	return 0;
}

int arg_bool(struct step *st, const char *name, bool dflt, bool *out)
{
	const struct node *n = arg_node(st, name);
	struct val v;
	int ret;

	if (!n) {
		*out = dflt;
		return 0;
	}
	if (scalar_bool(n->str, out))
		return 0;
	ret = eval_node(st, name, n, &v);
	if (ret)
		return ret;
	*out = val_truth(&v);
	return 0;
}

int arg_str(struct step *st, const char *name, const char *dflt, char *out,
	    size_t len)
{
	const struct node *n = arg_node(st, name);
	const char *p;
	size_t used = 0;

	if (!n) {
		snprintf(out, len, "%s", dflt ? dflt : "");
		return 0;
	}
	/* {expr} is replaced by its value; {{ and }} are literal braces */
	for (p = n->str; *p && used + 1 < len; p++) {
		const char *end;
		char text[512];
		struct val v;

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			out[used++] = *p++;
			continue;
		}
		if (*p != '{') {
			out[used++] = *p;
			continue;
		}
		end = strchr(p, '}');
		if (!end)
			return step_fail(st, STEP_FAIL,
					 "%s: '{' without '}' (write {{ for a brace)",
					 name);
		snprintf(text, sizeof(text), "%.*s", (int)(end - p - 1), p + 1);
		if (exec_eval(st->x, text, &v, NULL)) {
			char msg[sizeof(st->x->msg)];

			snprintf(msg, sizeof(msg), "%s", st->x->msg);
			return step_fail(st, STEP_FAIL, "%s: %s", name, msg);
		}
		if (v.is_str)
			used += snprintf(out + used, len - used, "%s", v.s);
		else
			used += snprintf(out + used, len - used, "%lld",
					 (long long)v.i);
		if (used >= len)
			used = len - 1;
		p = end;
	}
	out[used] = 0;
	return 0;
}

int arg_buf(struct step *st, const char *name, const char *dflt,
	    size_t create, struct nvt_buf **out)
{
	char bname[128];
	struct nvt_buf *buf;
	struct nvt_ctrl *ctrl;
	int ret;

	*out = NULL;
	ret = arg_str(st, name, dflt, bname, sizeof(bname));
	if (ret)
		return ret;
	if (!bname[0])
		return 0;
	buf = scope_buf(st->x->scope, bname);
	if (buf) {
		*out = buf;
		return 0;
	}
	if (!create)
		return step_fail(st, STEP_FAIL,
				 "%s: no buffer named '%s' (create it with the buffer step)",
				 name, bname);
	ctrl = exec_ctrl(st->x);
	if (!ctrl)
		return STEP_ERROR;
	ret = nvt_buf_alloc(nvt_ctrl_pcie(ctrl), create, &buf);
	if (ret)
		return step_fail(st, STEP_ERROR, "cannot allocate buffer '%s': %s",
				 bname, strerror(-ret));
	if (scope_put_buf(st->x->scope, bname, buf)) {
		nvt_buf_free(buf);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	*out = buf;
	return 0;
}

int step_finish_admin(struct step *st, struct nvt_ctrl *ctrl, int sent)
{
	uint32_t dw0;
	int ret;

	if (sent)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), sent);
	ret = nvt_ctrl_waitdone(ctrl, 1, &dw0);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	step_set_cmd(st, nvt_ctrl_latest_status(ctrl), dw0,
		     nvt_ctrl_latest_cid(ctrl), nvt_ctrl_latest_latency(ctrl));
	return STEP_OK;
}

/* "a, b or c": the names of a table, for messages. */
static void name_list(const char *const *names, unsigned count, char *out,
		      size_t len)
{
	unsigned i, n = 0;

	out[0] = 0;
	for (i = 0; i < count; i++)
		if (names[i])
			snprintf(out + strlen(out), len - strlen(out), "%s%s",
				 n++ ? ", " : "", names[i]);
}

int arg_named(struct step *st, const char *name, const char *dflt,
	      const char *const *names, unsigned count, unsigned max,
	      uint32_t *out)
{
	char text[32], list[256], *end;
	unsigned long v;
	unsigned i;
	int ret = arg_str(st, name, dflt, text, sizeof(text));

	if (ret)
		return ret;
	for (i = 0; i < count; i++) {
		if (names[i] && !strcmp(text, names[i])) {
			*out = i;
			return 0;
		}
	}
	v = strtoul(text, &end, 0);
	if (*end || end == text || v > max) {
		name_list(names, count, list, sizeof(list));
		return step_fail(st, STEP_FAIL,
				 "%s '%s': one of %s, or a number up to %u",
				 name, text, list, max);
	}
	*out = v;
	return 0;
}
