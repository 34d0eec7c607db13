// SPDX-License-Identifier: MIT
/* Variables and parameters from YAML into scopes; captured logs. */
#include <stdio.h>
#include <string.h>

#include "bind.h"
#include "collect.h"
#include "exec.h"
#include "scope.h"
#include "steps.h"

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

int bind_vars(struct exec *x, struct scope *s, const struct node *vars)
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

int bind_params(struct exec *x, struct scope *s, const struct test *t)
{
	size_t i;
	int rc;

	for (i = 0; i < t->nparams; i++) {
		rc = bind_value(x, s, t->params[i].name, t->params[i].value);
		if (rc)
			return rc;
	}
	return STEP_OK;
}

FILE *capture_open(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->f = open_memstream(&c->text, &c->len);
	return c->f;
}

void capture_close(struct capture *c)
{
	if (c->f)
		fclose(c->f);
	c->f = NULL;
}
