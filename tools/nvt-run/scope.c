// SPDX-License-Identifier: MIT
/* Variables and named buffers, per test, suite and folder. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "scope.h"

void scope_init(struct scope *s, struct scope *parent)
{
	memset(s, 0, sizeof(*s));
	s->parent = parent;
}

/*
 * A raw queue at the end of its scope.  Its SQs are gone first, so the
 * controller has no reason to refuse; if it does anyway, the queue stays
 * on the device (and its small handle with it) until nvt-run closes it.
 */
static void scope_rawq_delete(struct nvt_rawcq *cq, struct nvt_rawsq *sq)
{
	if (cq)
		nvt_rawcq_delete(cq);
	if (sq)
		nvt_rawsq_delete(sq);
}

void scope_clear(struct scope *s)
{
	size_t i;

	for (i = 0; i < s->nvars; i++)
		free(s->vars[i].name);
	/* queues first: their commands may point into the buffers */
	for (i = 0; i < s->nqpairs; i++) {
		free(s->qpairs[i].name);
		nvt_qpair_delete(s->qpairs[i].q);
	}
	free(s->qpairs);
	s->qpairs = NULL;
	s->nqpairs = 0;
	/* an SQ before its CQ, or the controller refuses the CQ's deletion */
	for (i = 0; i < s->nrawqs; i++)
		if (s->rawqs[i].sq)
			scope_rawq_delete(NULL, s->rawqs[i].sq);
	for (i = 0; i < s->nrawqs; i++) {
		if (s->rawqs[i].cq)
			scope_rawq_delete(s->rawqs[i].cq, NULL);
		free(s->rawqs[i].name);
	}
	free(s->rawqs);
	s->rawqs = NULL;
	s->nrawqs = 0;
	for (i = 0; i < s->nbufs; i++) {
		free(s->bufs[i].name);
		nvt_buf_free(s->bufs[i].buf);
	}
	free(s->vars);
	free(s->bufs);
	s->vars = NULL;
	s->bufs = NULL;
	s->nvars = s->nbufs = 0;
}

int scope_set(struct scope *s, const char *name, const struct val *v)
{
	struct scope_var *vars;
	size_t i;

	for (i = 0; i < s->nvars; i++) {
		if (!strcmp(s->vars[i].name, name)) {
			s->vars[i].val = *v;
			return 0;
		}
	}
	vars = realloc(s->vars, (s->nvars + 1) * sizeof(*vars));
	if (!vars)
		return -ENOMEM;
	s->vars = vars;
	vars[s->nvars].name = strdup(name);
	if (!vars[s->nvars].name)
		return -ENOMEM;
	vars[s->nvars++].val = *v;
	return 0;
}

int scope_set_int(struct scope *s, const char *name, int64_t i)
{
	struct val v;

	val_int(&v, i);
	return scope_set(s, name, &v);
}

const struct val *scope_get(const struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent)
		for (i = 0; i < s->nvars; i++)
			if (!strcmp(s->vars[i].name, name))
				return &s->vars[i].val;
	return NULL;
}

int scope_put_buf(struct scope *s, const char *name, struct nvt_buf *buf)
{
	struct scope_buf *bufs;
	size_t i;

	for (i = 0; i < s->nbufs; i++) {
		if (!strcmp(s->bufs[i].name, name)) {
			nvt_buf_free(s->bufs[i].buf);
			s->bufs[i].buf = buf;
			return 0;
		}
	}
	bufs = realloc(s->bufs, (s->nbufs + 1) * sizeof(*bufs));
	if (!bufs)
		return -ENOMEM;
	s->bufs = bufs;
	bufs[s->nbufs].name = strdup(name);
	if (!bufs[s->nbufs].name)
		return -ENOMEM;
	bufs[s->nbufs++].buf = buf;
	return 0;
}

struct nvt_buf *scope_buf(const struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent)
		for (i = 0; i < s->nbufs; i++)
			if (!strcmp(s->bufs[i].name, name))
				return s->bufs[i].buf;
	return NULL;
}

int scope_put_qpair(struct scope *s, const char *name, struct nvt_qpair *q)
{
	struct scope_qpair *qs;
	size_t i;

	for (i = 0; i < s->nqpairs; i++) {
		if (!strcmp(s->qpairs[i].name, name)) {
			nvt_qpair_delete(s->qpairs[i].q);
			s->qpairs[i].q = q;
			return 0;
		}
	}
	qs = realloc(s->qpairs, (s->nqpairs + 1) * sizeof(*qs));
	if (!qs)
		return -ENOMEM;
	s->qpairs = qs;
	qs[s->nqpairs].name = strdup(name);
	if (!qs[s->nqpairs].name)
		return -ENOMEM;
	qs[s->nqpairs++].q = q;
	return 0;
}

struct nvt_qpair *scope_qpair(const struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent)
		for (i = 0; i < s->nqpairs; i++)
			if (!strcmp(s->qpairs[i].name, name))
				return s->qpairs[i].q;
	return NULL;
}

bool scope_take_qpair(struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent) {
		for (i = 0; i < s->nqpairs; i++) {
			if (strcmp(s->qpairs[i].name, name))
				continue;
			free(s->qpairs[i].name);
			s->qpairs[i] = s->qpairs[--s->nqpairs];
			return true;
		}
	}
	return false;
}

int scope_put_rawq(struct scope *s, const char *name, struct nvt_rawcq *cq,
		   struct nvt_rawsq *sq)
{
	struct scope_rawq *rq;
	size_t i;

	for (i = 0; i < s->nrawqs; i++)
		if (!strcmp(s->rawqs[i].name, name))
			return -EEXIST;
	rq = realloc(s->rawqs, (s->nrawqs + 1) * sizeof(*rq));
	if (!rq)
		return -ENOMEM;
	s->rawqs = rq;
	rq[s->nrawqs].name = strdup(name);
	if (!rq[s->nrawqs].name)
		return -ENOMEM;
	rq[s->nrawqs].cq = cq;
	rq[s->nrawqs++].sq = sq;
	return 0;
}

const struct scope_rawq *scope_rawq(const struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent)
		for (i = 0; i < s->nrawqs; i++)
			if (!strcmp(s->rawqs[i].name, name))
				return &s->rawqs[i];
	return NULL;
}

bool scope_take_rawq(struct scope *s, const char *name)
{
	size_t i;

	for (; s; s = s->parent) {
		for (i = 0; i < s->nrawqs; i++) {
			if (strcmp(s->rawqs[i].name, name))
				continue;
			free(s->rawqs[i].name);
			s->rawqs[i] = s->rawqs[--s->nrawqs];
			return true;
		}
	}
	return false;
}

bool scope_name_ok(const char *name)
{
	const char *p;

	if (!*name || isdigit((unsigned char)*name))
		return false;
	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return true;
}
