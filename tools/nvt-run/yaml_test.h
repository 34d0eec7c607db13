/* SPDX-License-Identifier: MIT */
/*
 * One YAML test: its parameters, skips and xfail, the device made ready,
 * verification, fixtures around its steps, and its outcome.
 */
#ifndef NVT_RUN_YAML_TEST_H
#define NVT_RUN_YAML_TEST_H

#include <stdio.h>

struct runner;
struct test;

/* Run @t, its log to @log and its files to @outdir; fills t->res. */
void yaml_test_run(struct runner *r, struct test *t, FILE *log,
		   const char *outdir);

#endif /* NVT_RUN_YAML_TEST_H */
