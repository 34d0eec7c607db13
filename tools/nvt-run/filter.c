// SPDX-License-Identifier: MIT
/* The -k filter: a tiny boolean grammar over substring matches. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "filter.h"

struct fparser {
	const char *expr;
	const char *p;
	const char *text;
	char *err;
	size_t errlen;
};

static int fail(struct fparser *f, const char *msg)
{
	snprintf(f->err, f->errlen, "-k '%s': %s at column %d", f->expr, msg,
		 (int)(f->p - f->expr) + 1);
	return -EINVAL;
}

/* Next token into @tok: "(", ")", or a word; "" at the end. */
static void peek(struct fparser *f, char *tok, size_t len)
{
	const char *p = f->p;
	size_t n = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '(' || *p == ')') {
		tok[0] = *p;
		tok[1] = 0;
		return;
	}
	while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')') {
		if (n + 1 < len)
			tok[n++] = *p;
		p++;
	}
	tok[n] = 0;
}

static void advance(struct fparser *f)
{
	char tok[256];

	peek(f, tok, sizeof(tok));
	while (isspace((unsigned char)*f->p))
		f->p++;
	f->p += strlen(tok);
	if (!strcmp(tok, "(") || !strcmp(tok, ")"))
		return;
	while (*f->p && !isspace((unsigned char)*f->p) && *f->p != '(' &&
	       *f->p != ')')
		f->p++;	/* a word longer than tok */
}

static int parse_or(struct fparser *f);

static int parse_not(struct fparser *f)
{
	char tok[256];
	int v;

	peek(f, tok, sizeof(tok));
	if (!strcmp(tok, "not")) {
		advance(f);
		v = parse_not(f);
		return v < 0 ? v : !v;
	}
	if (!strcmp(tok, "(")) {
		advance(f);
		v = parse_or(f);
		if (v < 0)
			return v;
		peek(f, tok, sizeof(tok));
		if (strcmp(tok, ")"))
			return fail(f, "expected ')'");
		advance(f);
		return v;
	}
	if (!tok[0] || !strcmp(tok, ")") || !strcmp(tok, "and") ||
	    !strcmp(tok, "or"))
		return fail(f, "expected a word");
	advance(f);
	return strcasestr(f->text, tok) != NULL;
}

static int parse_and(struct fparser *f)
{
	char tok[256];
	int v = parse_not(f), r;

	for (;;) {
		if (v < 0)
			return v;
		peek(f, tok, sizeof(tok));
		if (strcmp(tok, "and"))
			return v;
		advance(f);
		r = parse_not(f);
		if (r < 0)
			return r;
		v = v && r;
	}
}

static int parse_or(struct fparser *f)
{
	char tok[256];
	int v = parse_and(f), r;

	for (;;) {
		if (v < 0)
			return v;
		peek(f, tok, sizeof(tok));
		if (strcmp(tok, "or"))
			return v;
		advance(f);
		r = parse_and(f);
		if (r < 0)
			return r;
		v = v || r;
	}
}

int filter_match(const char *expr, const char *text, char *err, size_t errlen)
{
	struct fparser f = {
		.expr = expr, .p = expr, .text = text, .err = err,
		.errlen = errlen,
	};
	char tok[256];
	int v = parse_or(&f);

	if (v < 0)
		return v;
	peek(&f, tok, sizeof(tok));
	if (tok[0])
		return fail(&f, "unexpected word");
	return v;
}
