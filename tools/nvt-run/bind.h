/* SPDX-License-Identifier: MIT */
/*
 * Names from YAML into scopes (a folder's or suite's vars, a test's
 * params), and captured logs: a memory stream that ends up in the run log
 * or in a test's result.
 */
#ifndef NVT_RUN_BIND_H
#define NVT_RUN_BIND_H

#include <stddef.h>
#include <stdio.h>

struct exec;
struct node;
struct scope;
struct test;

/* Bind mapping @vars (name: value) in @s; a step_rc, the reason in x->msg. */
int bind_vars(struct exec *x, struct scope *s, const struct node *vars);
/* Bind the parameters of @t in @s; a step_rc, the reason in x->msg. */
int bind_params(struct exec *x, struct scope *s, const struct test *t);

/* A captured log: a memory stream copied into the run log when done. */
struct capture {
	char *text;
	size_t len;
	FILE *f;
};

FILE *capture_open(struct capture *c);
/* Close the stream; the text stays in c->text (caller frees). */
void capture_close(struct capture *c);

#endif /* NVT_RUN_BIND_H */
