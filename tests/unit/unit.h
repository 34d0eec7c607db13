/* SPDX-License-Identifier: MIT */
/* What every unit test program shares: running its Check suite. */
#ifndef NVT_UNIT_H
#define NVT_UNIT_H

#include <check.h>

/*
 * Run every test of @s (forked, Check's default), print Check's summary
 * and free the runner: the program's exit status, 0 when all passed.
 */
static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

#endif /* NVT_UNIT_H */
