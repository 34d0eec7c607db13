/* SPDX-License-Identifier: MIT */
/*
 * Expressions in test cases: integers (64-bit), fractions (0.85: doubles,
 * from literals and results such as an ioworker's cpu_usage; + - * / and
 * comparisons mix them with integers) and strings, with Python's
 * operator precedence (so `dw0 & 0xff == 3` means `(dw0 & 0xff) == 3`):
 *   or, and, not  <  == != < <= > >=  <  |  <  ^  <  &  <  << >>  <  + -
 *   <  * / %  <  unary - ~ !
 * plus `c ? a : b`.  Names (with dots: id_ctrl.mdts) and calls
 * (buf.data(3, 0), min(a, b)) are resolved by the environment; a member
 * of a call's result (cq.cqe(0).status) reaches it as the call
 * "cq.cqe.status" with the call's arguments.
 */
#ifndef NVT_RUN_EXPR_H
#define NVT_RUN_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VAL_STR_MAX 256

struct val {
	bool is_str;
	bool is_real;	/* a fraction in @r (@i its integer part) */
	double r;
	int64_t i;
	char s[VAL_STR_MAX];
};

struct expr_env {
	/* 0, or -ENOENT for an unknown name (other errors: message in err) */
	int (*lookup)(void *ctx, const char *name, struct val *out,
		      char *err, size_t errlen);
	/* 0, or -ENOENT for an unknown function */
	int (*call)(void *ctx, const char *name, const struct val *args,
		    unsigned nargs, struct val *out, char *err, size_t errlen);
	void *ctx;
};

/* The two sides of the outermost comparison, for failure messages. */
struct expr_trace {
	bool have;
	char op[4];
	struct val left, right;
};

#define EXPR_MAX_ARGS 8

/* @env and @trace may be NULL.  Errors name the column in @text. */
int expr_eval(const char *text, const struct expr_env *env, struct val *out,
	      struct expr_trace *trace, char *err, size_t errlen);
/* Evaluate and require an integer (strings are an error). */
int expr_int(const char *text, const struct expr_env *env, int64_t *out,
	     char *err, size_t errlen);

void val_int(struct val *v, int64_t i);
void val_str(struct val *v, const char *s);
void val_real(struct val *v, double r);
bool val_truth(const struct val *v);
/* Readable form: 42 (0x2a) for integers, 'text' for strings. */
void val_format(const struct val *v, char *out, size_t len);

#endif /* NVT_RUN_EXPR_H */
