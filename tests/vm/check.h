/* SPDX-License-Identifier: MIT */
/*
 * TAP-like checks for bench test programs: "ok N - what" / "not ok N - what",
 * then "N passed, N failed"; check_exit() is the program's exit status.
 */
#ifndef NVT_VM_CHECK_H
#define NVT_VM_CHECK_H

#include <stdarg.h>
#include <stdio.h>

struct checks {
	unsigned passed;
	unsigned failed;
	int last;	/* the condition of the check being made */
};

__attribute__((format(printf, 4, 5)))
static inline int check_at(struct checks *c, int ok, int line,
			   const char *fmt, ...)
{
	va_list ap;

	printf("%s %u - ", ok ? "ok" : "not ok", c->passed + c->failed + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf("  (line %d)", line);
	printf("\n");
	fflush(stdout);
	if (ok)
		c->passed++;
	else
		c->failed++;
	return ok;
}

/*
 * The condition first (the comma operator orders it): the message's
 * arguments then show the values the condition produced.
 */
#define CHECK(c, cond, ...) \
	((c)->last = !!(cond), \
	 check_at((c), (c)->last, __LINE__, __VA_ARGS__))

static inline int check_exit(const struct checks *c)
{
	printf("%u passed, %u failed\n", c->passed, c->failed);
	return c->failed ? 1 : 0;
}

#endif /* NVT_VM_CHECK_H */
