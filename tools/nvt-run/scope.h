/* SPDX-License-Identifier: MIT */
/*
 * Where test variables and named buffers live.  Scopes chain: a test's scope
 * sits on its suite's, which sits on its folders' (conftest.yaml), so a name
 * set in suite setup is seen by every test of the suite and a name set in a
 * test is gone after it.
 */
#ifndef NVT_RUN_SCOPE_H
#define NVT_RUN_SCOPE_H

#include "expr.h"

struct nvt_buf;
struct nvt_qpair;

struct scope_var {
	char *name;
	struct val val;
};

struct scope_buf {
	char *name;
	struct nvt_buf *buf;
};

struct scope_qpair {
	char *name;
	struct nvt_qpair *q;
};

struct scope {
	struct scope *parent;
	struct scope_var *vars;
	size_t nvars;
	struct scope_buf *bufs;
	size_t nbufs;
	struct scope_qpair *qpairs;
	size_t nqpairs;
};

void scope_init(struct scope *s, struct scope *parent);
/* Free the variables, qpairs (deleted) and buffers of @s (not parents). */
void scope_clear(struct scope *s);

/* Set in @s itself (shadowing parents); -ENOMEM on failure. */
int scope_set(struct scope *s, const char *name, const struct val *v);
int scope_set_int(struct scope *s, const char *name, int64_t i);
/* Look up through the chain; NULL when not found. */
const struct val *scope_get(const struct scope *s, const char *name);

/* Add (or replace, freeing the old one) buffer @name in @s; takes @buf. */
int scope_put_buf(struct scope *s, const char *name, struct nvt_buf *buf);
struct nvt_buf *scope_buf(const struct scope *s, const char *name);
/* The same for I/O queue pairs; replacing or clearing deletes them. */
int scope_put_qpair(struct scope *s, const char *name, struct nvt_qpair *q);
struct nvt_qpair *scope_qpair(const struct scope *s, const char *name);
/* Forget qpair @name in @s without deleting it; false if not there. */
bool scope_take_qpair(struct scope *s, const char *name);

/* Variable names are words: letters, digits, '_', not starting with a digit. */
bool scope_name_ok(const char *name);

#endif /* NVT_RUN_SCOPE_H */
