/* SPDX-License-Identifier: MIT */
/*
 * C test programs built with <nvt/test.h>: nvt-run lets go of the device,
 * runs `prog --run NAME --protocol ...` and reads its log, warnings and
 * result ("@@nvt warning ...", "@@nvt result OUTCOME reason").
 */
#ifndef NVT_RUN_CTEST_H
#define NVT_RUN_CTEST_H

#include <stdio.h>

struct runner;
struct test;

/* The longest a C test may run before it is killed (ERROR). */
#define CTEST_LIMIT_S 3600

void ctest_run(struct runner *r, struct test *t, FILE *log,
	       const char *outdir);

#endif /* NVT_RUN_CTEST_H */
