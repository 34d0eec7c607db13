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
struct nvt_rawcq;
struct nvt_rawsq;

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

/* A raw queue: a CQ or an SQ (the other NULL). */
struct scope_rawq {
	char *name;
	struct nvt_rawcq *cq;
	struct nvt_rawsq *sq;
};

struct scope {
	struct scope *parent;
	struct scope_var *vars;
	size_t nvars;
	struct scope_buf *bufs;
	size_t nbufs;
	struct scope_qpair *qpairs;
	size_t nqpairs;
	struct scope_rawq *rawqs;
	size_t nrawqs;
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

/*
 * Raw queues (one name space for CQs and SQs): @cq or @sq, the other NULL.
 * Adding takes the queue; a name in use in @s is -EEXIST.  Clearing a
 * scope deletes its SQs, then its CQs.
 */
int scope_put_rawq(struct scope *s, const char *name, struct nvt_rawcq *cq,
		   struct nvt_rawsq *sq);
/* Look up through the chain; NULL when not found. */
const struct scope_rawq *scope_rawq(const struct scope *s, const char *name);
/* Forget raw queue @name in @s without deleting it; false if not there. */
bool scope_take_rawq(struct scope *s, const char *name);

/* Variable names are words: letters, digits, '_', not starting with a digit. */
bool scope_name_ok(const char *name);

#endif /* NVT_RUN_SCOPE_H */
