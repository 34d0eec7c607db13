// SPDX-License-Identifier: MIT
/* A small evaluating parser (precedence climbing) for test expressions. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "expr.h"

struct parser {
	const char *text;
	const char *p;
	const struct expr_env *env;
	struct expr_trace *trace;
	int depth;		/* nesting, for the trace of the outermost op */
	int skip;		/* > 0: parse only (short-circuited branch) */
	char *err;
	size_t errlen;
};

void val_int(struct val *v, int64_t i)
{
	v->is_str = false;
	v->is_real = false;
	v->r = 0;
	v->i = i;
	v->s[0] = 0;
}

void val_str(struct val *v, const char *s)
{
	v->is_str = true;
	v->is_real = false;
	v->r = 0;
	v->i = 0;
	snprintf(v->s, sizeof(v->s), "%s", s);
}

void val_real(struct val *v, double r)
{
	v->is_str = false;
	v->is_real = true;
	v->r = r;
	v->i = (int64_t)r;
	v->s[0] = 0;
}

/* An integer or a fraction as a double. */
static double val_num(const struct val *v)
{
	return v->is_real ? v->r : (double)v->i;
}

bool val_truth(const struct val *v)
{
	if (v->is_real)
		return v->r != 0;
	return v->is_str ? v->s[0] != 0 : v->i != 0;
}

void val_format(const struct val *v, char *out, size_t len)
{
	if (v->is_str)
		snprintf(out, len, "'%s'", v->s);
	else if (v->is_real)
		snprintf(out, len, "%g", v->r);
	else if (v->i >= 0 && v->i < 10)
		snprintf(out, len, "%" PRId64, v->i);
	else
		snprintf(out, len, "%" PRId64 " (0x%" PRIx64 ")", v->i,
			 (uint64_t)v->i);
}

static int fail(struct parser *ps, const char *fmt, const char *what)
{
	char msg[600];

	snprintf(msg, sizeof(msg), fmt, what);
	snprintf(ps->err, ps->errlen, "in expression '%s' at column %d: %s",
		 ps->text, (int)(ps->p - ps->text) + 1, msg);
	return -EINVAL;
}

/*
 * ASCII, as the C locale's isspace() and isalnum(): the parser runs them
 * on every character it looks at, and the ctype calls were a tenth of a
 * long loop's time.
 */
static void skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || (*ps->p >= '\t' && *ps->p <= '\r'))
		ps->p++;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Accept operator @op (a keyword must not run into a following word). */
static bool accept(struct parser *ps, const char *op)
{
	size_t n;

	skip_space(ps);
	/* most tries fail here: every level of the grammar tries its ops */
	if (ps->p[0] != op[0])
		return false;
	n = strlen(op);
	if (strncmp(ps->p, op, n))
		return false;
	if (is_word_char(op[0]) && is_word_char(ps->p[n]))
		return false;
	/* keep "<" from eating "<<" / "<=", "&" from "&&", ... */
	if (n == 1 && strchr("<>&|=!", op[0]) && ps->p[1] &&
	    strchr("<>&|=", ps->p[1]) && !(op[0] == '!' && ps->p[1] != '='))
		return false;
	ps->p += n;
	return true;
}

static int parse_expr(struct parser *ps, struct val *out);
static int parse_unary(struct parser *ps, struct val *out);

static int need_int(struct parser *ps, const struct val *v, const char *op)
{
	if (v->is_str)
		return fail(ps, "operator %s needs integers, not a string", op);
	if (v->is_real)
		return fail(ps, "operator %s needs integers, not a fraction", op);
	return 0;
}

static int builtin(struct parser *ps, const char *name, struct val *args,
		   unsigned n, struct val *out)
{
	unsigned i;

	if (!strcmp(name, "min") || !strcmp(name, "max")) {
		if (!n)
			return fail(ps, "%s() needs at least one argument", name);
		*out = args[0];
		for (i = 0; i < n; i++) {
			if (args[i].is_str)
				return fail(ps, "%s() takes integers", name);
			if (name[1] == 'i' ? val_num(&args[i]) < val_num(out) :
			    val_num(&args[i]) > val_num(out))
				*out = args[i];
		}
		return 0;
	}
	if (!strcmp(name, "abs") && n == 1 && !args[0].is_str) {
		val_int(out, args[0].i < 0 ? -args[0].i : args[0].i);
		return 0;
	}
	if (!strcmp(name, "len") && n == 1 && args[0].is_str) {
		val_int(out, (int64_t)strlen(args[0].s));
		return 0;
	}
	if (!strcmp(name, "hex") && n == 1 && !args[0].is_str) {
		char s[32];

		snprintf(s, sizeof(s), "0x%" PRIx64, (uint64_t)args[0].i);
		val_str(out, s);
		return 0;
	}
	if (!strcmp(name, "str") && n == 1) {
		char s[32];

		if (args[0].is_str) {
			*out = args[0];
		} else {
			snprintf(s, sizeof(s), "%" PRId64, args[0].i);
			val_str(out, s);
		}
		return 0;
	}
	if (!strcmp(name, "int") && n == 1) {
		int64_t v;

		if (!args[0].is_str) {
			*out = args[0];
			return 0;
		}
		if (!scalar_int(args[0].s, &v))
			return fail(ps, "int(): '%s' is not an integer",
				    args[0].s);
		val_int(out, v);
		return 0;
	}
	if (!strcmp(name, "bit") && n == 2 && !args[0].is_str &&
	    !args[1].is_str) {
		val_int(out, args[1].i >= 0 && args[1].i < 64 ?
			((uint64_t)args[0].i >> args[1].i) & 1 : 0);
		return 0;
	}
	if (!strcmp(name, "bits") && n == 3 && !args[0].is_str &&
	    !args[1].is_str && !args[2].is_str) {
		/* bits(v, last, first): like the spec's v[last:first] */
		int64_t hi = args[1].i, lo = args[2].i;
		uint64_t v = (uint64_t)args[0].i;

		if (lo < 0 || hi > 63 || lo > hi)
			return fail(ps, "%s: needs 63 >= last >= first >= 0",
				    "bits(v, last, first)");
		v >>= lo;
		if (hi - lo < 63)
			v &= (1ull << (hi - lo + 1)) - 1;
		val_int(out, (int64_t)v);
		return 0;
	}
	return -ENOENT;
}

static int parse_call(struct parser *ps, const char *fn, struct val *out)
{
	struct val args[EXPR_MAX_ARGS];
	char name[192];
	size_t len;
	unsigned n = 0;
	int ret;

	if (!accept(ps, ")")) {
		do {
			if (n == EXPR_MAX_ARGS)
				return fail(ps, "%s", "too many arguments");
			ret = parse_expr(ps, &args[n++]);
			if (ret)
				return ret;
		} while (accept(ps, ","));
		if (!accept(ps, ")"))
			return fail(ps, "%s", "expected ')' or ','");
	}
	/* a member of what the call gives: cq.cqe(0).status is "cq.cqe.status" */
	snprintf(name, sizeof(name), "%s", fn);
	if (ps->p[0] == '.' && (isalpha((unsigned char)ps->p[1]) ||
				ps->p[1] == '_')) {
		len = strlen(name);
		name[len++] = *ps->p++;
		while (is_word_char(*ps->p)) {
			if (len + 1 >= sizeof(name))
				return fail(ps, "%s", "name too long");
			name[len++] = *ps->p++;
		}
		name[len] = 0;
	}
	if (ps->skip) {
		val_int(out, 0);
		return 0;
	}
	/* what the environment fills in is an integer unless it says so */
	val_int(out, 0);
	ret = builtin(ps, name, args, n, out);
	if (ret != -ENOENT)
		return ret;
	if (ps->env && ps->env->call) {
		char msg[256] = "";

		ret = ps->env->call(ps->env->ctx, name, args, n, out, msg,
				    sizeof(msg));
		if (ret == 0)
			return 0;
		if (ret != -ENOENT)
			return fail(ps, "%s", msg);
	}
	return fail(ps, "unknown function or wrong arguments: %s()", name);
}

static int parse_primary(struct parser *ps, struct val *out)
{
	char name[128];
	size_t n = 0;
	int ret;

	skip_space(ps);
	if (accept(ps, "(")) {
		ps->depth++;
		ret = parse_expr(ps, out);
		ps->depth--;
		if (ret)
			return ret;
		if (!accept(ps, ")"))
			return fail(ps, "%s", "expected ')'");
		return 0;
	}
	if (isdigit((unsigned char)*ps->p)) {
		char num[80];
		int64_t v;

		while (is_word_char(ps->p[n]) && n + 1 < sizeof(num)) {
			num[n] = ps->p[n];
			n++;
		}
		num[n] = 0;
		if (ps->p[n] == '.' && isdigit((unsigned char)ps->p[n + 1]) &&
		    strspn(num, "0123456789") == n) {
			char *end;
			double r = strtod(ps->p, &end);

			ps->p = end;
			val_real(out, r);
			return 0;
		}
		if (!scalar_int(num, &v))
			return fail(ps, "bad number '%s'", num);
		ps->p += n;
		val_int(out, v);
		return 0;
	}
	if (*ps->p == '\'' || *ps->p == '"') {
		char q = *ps->p++;
		char s[VAL_STR_MAX];

		while (*ps->p && *ps->p != q) {
			if (n + 1 >= sizeof(s))
				return fail(ps, "%s", "string too long");
			s[n++] = *ps->p++;
		}
		if (*ps->p != q)
			return fail(ps, "%s", "unterminated string");
		ps->p++;
		s[n] = 0;
		val_str(out, s);
		return 0;
	}
	if (!isalpha((unsigned char)*ps->p) && *ps->p != '_')
		return fail(ps, "%s", *ps->p ? "expected a value" :
			    "expected a value, found the end");
	while (is_word_char(ps->p[n]) ||
	       (ps->p[n] == '.' && n && (isalpha((unsigned char)ps->p[n + 1]) ||
				     ps->p[n + 1] == '_'))) {
		if (n + 1 >= sizeof(name))
			return fail(ps, "%s", "name too long");
		name[n] = ps->p[n];
		n++;
	}
	name[n] = 0;
	ps->p += n;
	if (!strcmp(name, "true") || !strcmp(name, "false")) {
		val_int(out, name[0] == 't');
		return 0;
	}
	if (accept(ps, "("))
		return parse_call(ps, name, out);
	if (ps->skip) {
		val_int(out, 0);
		return 0;
	}
	if (ps->env && ps->env->lookup) {
		char msg[256] = "";

		val_int(out, 0);
		ret = ps->env->lookup(ps->env->ctx, name, out, msg, sizeof(msg));
		if (ret == 0)
			return 0;
		if (ret != -ENOENT)
			return fail(ps, "%s", msg);
	}
	ps->p -= n;
	return fail(ps, "unknown name '%s'", name);
}

static int parse_unary(struct parser *ps, struct val *out)
{
	int ret;

	if (accept(ps, "-") || accept(ps, "~") || accept(ps, "!")) {
		char op = ps->p[-1];

		ret = parse_unary(ps, out);
		if (ret)
			return ret;
		if (op == '!') {
			val_int(out, !val_truth(out));
			return 0;
		}
		if (op == '-' && out->is_real) {
			val_real(out, -out->r);
			return 0;
		}
		ret = need_int(ps, out, op == '-' ? "-" : "~");
		if (ret)
			return ret;
		out->i = op == '-' ? (int64_t)(0 - (uint64_t)out->i) : ~out->i;
		return 0;
	}
	return parse_primary(ps, out);
}

/* Binary levels, loosest first (after or/and/not and comparisons). */
static const char *const level_ops[][4] = {
	{ "|" }, { "^" }, { "&" }, { "<<", ">>" }, { "+", "-" },
	{ "*", "/", "%" },
};
#define NLEVELS (sizeof(level_ops) / sizeof(level_ops[0]))

/* + - * / with a fraction on either side: a fraction. */
static int apply_real(struct parser *ps, const char *op, struct val *l,
		      const struct val *r)
{
	double a = val_num(l), b = val_num(r);

	switch (op[0]) {
	case '+': a += b; break;
	case '-': a -= b; break;
	case '*': a *= b; break;
	default:
		if (b == 0)
			return fail(ps, "%s", "division by zero");
		a /= b;
	}
	val_real(l, a);
	return 0;
}

static int apply(struct parser *ps, const char *op, struct val *l,
		 const struct val *r)
{
	uint64_t a = (uint64_t)l->i, b = (uint64_t)r->i;
	int ret;

	if (ps->skip)
		return 0;
	if (!strcmp(op, "+") && l->is_str && r->is_str) {
		char s[2 * VAL_STR_MAX];

		snprintf(s, sizeof(s), "%s%s", l->s, r->s);
		val_str(l, s);
		return 0;
	}
	if ((l->is_real || r->is_real) && !l->is_str && !r->is_str &&
	    strchr("+-*/", op[0]))
		return apply_real(ps, op, l, r);
	ret = need_int(ps, l, op);
	if (!ret)
		ret = need_int(ps, r, op);
	if (ret)
		return ret;
	switch (op[0]) {
	case '|': a |= b; break;
	case '^': a ^= b; break;
	case '&': a &= b; break;
	case '<': a = b >= 64 ? 0 : a << b; break;
	case '>': a = b >= 64 ? 0 : a >> b; break;
	case '+': a += b; break;
	case '-': a -= b; break;
	case '*': a *= b; break;
	case '/':
	case '%':
		if (!r->i)
			return fail(ps, "%s", "division by zero");
		if (op[0] == '/')
			l->i = l->i / r->i;
		else
			l->i = l->i % r->i;
		return 0;
	}
	l->i = (int64_t)a;
	return 0;
}

static int parse_level(struct parser *ps, unsigned level, struct val *out)
{
	struct val r;
	unsigned i;
	int ret;

	if (level == NLEVELS)
		return parse_unary(ps, out);
	ret = parse_level(ps, level + 1, out);
	for (;;) {
		const char *op = NULL;

		if (ret)
			return ret;
		for (i = 0; i < 4 && level_ops[level][i]; i++) {
			if (accept(ps, level_ops[level][i])) {
				op = level_ops[level][i];
				break;
			}
		}
		if (!op)
			return 0;
		ret = parse_level(ps, level + 1, &r);
		if (!ret)
			ret = apply(ps, op, out, &r);
	}
}

static int compare(struct parser *ps, const char *op, struct val *l,
		   const struct val *r)
{
	int c;

	if (ps->skip)
		return 0;
	if (l->is_str != r->is_str) {
		if (strcmp(op, "==") && strcmp(op, "!="))
			return fail(ps, "cannot order a string and an integer (%s)",
				    op);
		c = 1;
	} else if (l->is_str) {
		c = strcmp(l->s, r->s);
	} else if (l->is_real || r->is_real) {
		c = val_num(l) < val_num(r) ? -1 : val_num(l) > val_num(r);
	} else {
		c = l->i < r->i ? -1 : l->i > r->i;
	}
	if (!strcmp(op, "=="))
		c = c == 0;
	else if (!strcmp(op, "!="))
		c = c != 0;
	else if (!strcmp(op, "<="))
		c = c <= 0;
	else if (!strcmp(op, ">="))
		c = c >= 0;
	else if (!strcmp(op, "<"))
		c = c < 0;
	else
		c = c > 0;
	val_int(l, c);
	return 0;
}

static int parse_comparison(struct parser *ps, struct val *out)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
	struct val r;
	unsigned i;
	int ret = parse_level(ps, 0, out);

	while (!ret) {
		const char *op = NULL;

		for (i = 0; i < 6; i++) {
			if (accept(ps, ops[i])) {
				op = ops[i];
				break;
			}
		}
		if (!op)
			return 0;
		ret = parse_level(ps, 0, &r);
		if (ret)
			return ret;
		if (ps->trace && !ps->depth && !ps->skip) {
			ps->trace->have = true;
			snprintf(ps->trace->op, sizeof(ps->trace->op), "%s", op);
			ps->trace->left = *out;
			ps->trace->right = r;
		}
		ret = compare(ps, op, out, &r);
	}
	return ret;
}

static int parse_not(struct parser *ps, struct val *out)
{
	int ret;

	if (accept(ps, "not")) {
		ret = parse_not(ps, out);
		if (!ret)
			val_int(out, !val_truth(out));
		return ret;
	}
	return parse_comparison(ps, out);
}

static int parse_and(struct parser *ps, struct val *out)
{
	int ret = parse_not(ps, out);

	while (!ret && (accept(ps, "and") || accept(ps, "&&"))) {
		struct val r;
		bool skip = !val_truth(out);

		ps->skip += skip;
		ret = parse_not(ps, &r);
		ps->skip -= skip;
		if (!ret && !ps->skip)
			val_int(out, !skip && val_truth(&r));
	}
	return ret;
}

static int parse_or(struct parser *ps, struct val *out)
{
	int ret = parse_and(ps, out);

	while (!ret && (accept(ps, "or") || accept(ps, "||"))) {
		struct val r;
		bool skip = val_truth(out);

		ps->skip += skip;
		ret = parse_and(ps, &r);
		ps->skip -= skip;
		if (!ret && !ps->skip)
			val_int(out, skip || val_truth(&r));
	}
	return ret;
}

static int parse_expr(struct parser *ps, struct val *out)
{
	int ret = parse_or(ps, out);
	struct val a, b;
	bool cond;

	if (ret || !accept(ps, "?"))
		return ret;
	cond = val_truth(out);
	ps->depth++;
	ps->skip += !cond;
	ret = parse_expr(ps, &a);
	ps->skip -= !cond;
	if (!ret && !accept(ps, ":"))
		ret = fail(ps, "%s", "expected ':'");
	ps->skip += cond;
	if (!ret)
		ret = parse_expr(ps, &b);
	ps->skip -= cond;
	ps->depth--;
	if (!ret)
		*out = cond ? a : b;
	return ret;
}

int expr_eval(const char *text, const struct expr_env *env, struct val *out,
	      struct expr_trace *trace, char *err, size_t errlen)
{
	struct parser ps = {
		.text = text, .p = text, .env = env, .trace = trace,
		.err = err, .errlen = errlen,
	};
	int ret;

	if (trace)
		trace->have = false;
	ret = parse_expr(&ps, out);
	if (ret)
		return ret;
	skip_space(&ps);
	if (*ps.p)
		return fail(&ps, "unexpected '%s'", ps.p);
	return 0;
}

int expr_int(const char *text, const struct expr_env *env, int64_t *out,
	     char *err, size_t errlen)
{
	struct val v;
	int ret = expr_eval(text, env, &v, NULL, err, errlen);

	if (ret)
		return ret;
	if (v.is_str) {
		snprintf(err, errlen, "expression '%s' is the string '%s', expected an integer",
			 text, v.s);
		return -EINVAL;
	}
	if (v.is_real) {
		snprintf(err, errlen, "expression '%s' is the fraction %g, expected an integer",
			 text, v.r);
		return -EINVAL;
	}
	*out = v.i;
	return 0;
}
