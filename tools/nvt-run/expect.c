// SPDX-License-Identifier: MIT
/* Checking a step's status, dword 0, expressions and warnings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "expect.h"
#include "steps.h"

static bool hexbyte(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (!n || n > 2)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return false;
	}
	*out = v;
	return true;
}

bool status_parse(const char *s, uint16_t *out)
{
	const char *slash = strchr(s, '/');
	unsigned sct, sc;

	if (!slash || !hexbyte(s, slash - s, &sct) ||
	    !hexbyte(slash + 1, strlen(slash + 1), &sc) || sct > 7)
		return false;
	*out = (uint16_t)(sct << 8 | sc);
	return true;
}

static bool status_word(const char *s)
{
	return !strcmp(s, "success") || !strcmp(s, "error") ||
	       !strcmp(s, "any");
}

static int check_status_node(const struct node *n, char *err, size_t errlen)
{
	uint16_t st;
	size_t i;

	if (n->type == NODE_SEQ) {
		if (!n->n)
			return node_err(err, errlen, n, "status: the list is empty");
		for (i = 0; i < n->n; i++) {
			int ret = check_status_node(n->items[i], err, errlen);

			if (ret)
				return ret;
		}
		return 0;
	}
	if (n->type == NODE_SCALAR &&
	    (status_parse(n->str, &st) || status_word(n->str)))
		return 0;
	return node_err(err, errlen, n,
		    "a status is SCT/SC in hex like 00/0b, or success, error, any");
}

static int check_scalars(const struct node *n, const char *what, char *err,
			 size_t errlen)
{
	char msg[128];
	size_t i;

	if (n->type == NODE_SCALAR)
		return 0;
	snprintf(msg, sizeof(msg), "%s needs a text or a list of texts", what);
	if (n->type != NODE_SEQ)
		return node_err(err, errlen, n, "%s", msg);
	for (i = 0; i < n->n; i++)
		if (n->items[i]->type != NODE_SCALAR)
			return node_err(err, errlen, n->items[i], "%s", msg);
	return 0;
}

int expect_validate(const struct node *e, bool is_cmd, char *err,
		    size_t errlen)
{
	static const char *const cmd_keys[] = { "status", "dw0", NULL };
	size_t i, k;
	int ret;

	if (e->type != NODE_MAP)
		return check_status_node(e, err, errlen);
	for (i = 0; i < e->n; i++) {
		const char *key = e->keys[i]->str;
		const struct node *v = e->items[i];

		for (k = 0; cmd_keys[k]; k++)
			if (!strcmp(key, cmd_keys[k]) && !is_cmd)
				return node_err(err, errlen, e->keys[i],
					    "only commands have a status and dw0 to expect");
		if (!strcmp(key, "status"))
			ret = check_status_node(v, err, errlen);
		else if (!strcmp(key, "dw0"))
			ret = v->type == NODE_SCALAR ? 0 :
			      node_err(err, errlen, v, "dw0 needs a value or expression");
		else if (!strcmp(key, "that"))
			ret = check_scalars(v, "that", err, errlen);
		else if (!strcmp(key, "warning"))
			ret = check_scalars(v, "warning", err, errlen);
		else {
			char msg[160];

			snprintf(msg, sizeof(msg),
				 "unknown key '%s' in expect (expected: status, dw0, that, warning)",
				 key);
			return node_err(err, errlen, e->keys[i], "%s", msg);
		}
		if (ret)
			return ret;
	}
	return 0;
}

static bool status_matches(const struct node *n, uint16_t status)
{
	uint16_t want;
	size_t i;

	if (n->type == NODE_SEQ) {
		for (i = 0; i < n->n; i++)
			if (status_matches(n->items[i], status))
				return true;
		return false;
	}
	if (!strcmp(n->str, "any"))
		return true;
	if (!strcmp(n->str, "error"))
		return status != 0;
	if (!strcmp(n->str, "success"))
		return status == 0;
	return status_parse(n->str, &want) && want == status;
}

static void describe_status(const struct node *n, char *out, size_t len)
{
	size_t i, used;

	if (n->type == NODE_SCALAR) {
		snprintf(out, len, "%s", n->str);
		return;
	}
	out[0] = 0;
	for (i = 0; i < n->n; i++) {
		used = strlen(out);
		snprintf(out + used, len - used, "%s%s", i ? " or " : "",
			 n->items[i]->str);
	}
}

int expect_check(struct step *st)
{
	const struct node *e = node_get(st->node, "expect");
	const struct node *status = NULL, *n;
	size_t i;
	int ret;

	if (e)
		status = e->type == NODE_MAP ? node_get(e, "status") : e;
	if (st->res.is_cmd) {
		uint16_t s = st->res.status;
		bool ok = status ? status_matches(status, s) : s == 0;

		if (!ok) {
			char want[128];

			if (status)
				describe_status(status, want, sizeof(want));
			else
				snprintf(want, sizeof(want), "00/00");
			return step_fail(st, STEP_FAIL,
					 "status %02x/%02x (%s), expected %s",
					 s >> 8, s & 0xff, nvt_status_name(s),
					 want);
		}
	}
	/* expected warnings first: one may be the error status's own */
	n = e && e->type == NODE_MAP ? node_get(e, "warning") : NULL;
	if (n) {
		size_t count = n->type == NODE_SEQ ? n->n : 1;

		for (i = 0; i < count; i++) {
			const char *w = n->type == NODE_SEQ ?
					n->items[i]->str : n->str;

			if (!exec_take_warning(st->x, w, NULL))
				return step_fail(st, STEP_FAIL,
						 "expected a warning containing '%s', none was raised",
						 w);
		}
	}
	if (st->res.is_cmd && st->res.status) {
		uint16_t s = st->res.status;
		char a[32], b[32];

		/* expected, so not a warning */
		snprintf(a, sizeof(a), "ERROR status: %02x/%02x", s >> 8,
			 s & 0xff);
		snprintf(b, sizeof(b), "cid %u)", st->res.cid);
		exec_take_warning(st->x, a, b);
	}
	if (!e || e->type != NODE_MAP)
		return STEP_OK;
	n = node_get(e, "dw0");
	if (n) {
		struct val want;

		if (scalar_int(n->str, &want.i)) {
			want.is_str = false;
		} else if (exec_eval(st->x, n->str, &want, NULL)) {
			char msg[sizeof(st->x->msg)];

			snprintf(msg, sizeof(msg), "%s", st->x->msg);
			return step_fail(st, STEP_FAIL, "expect dw0: %s", msg);
		}
		if (want.is_str || (uint32_t)want.i != st->res.dw0)
			return step_fail(st, STEP_FAIL,
					 "dw0 0x%08x, expected %s", st->res.dw0,
					 n->str);
	}
	n = node_get(e, "that");
	if (n) {
		if (n->type == NODE_SCALAR)
			return step_check_expr(st, n->str, "expect");
		for (i = 0; i < n->n; i++) {
			ret = step_check_expr(st, n->items[i]->str,
					      "expect");
			if (ret)
				return ret;
		}
	}
	return STEP_OK;
}
