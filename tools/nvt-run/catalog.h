/* SPDX-License-Identifier: MIT */
/* The catalog of collected YAML tests, as Markdown (nvt-run --catalog). */
#ifndef NVT_RUN_CATALOG_H
#define NVT_RUN_CATALOG_H

#include <stdio.h>

#include "collect.h"

/*
 * One section per suite, one table row per test (its parametrized cases
 * counted): name, desc, spec, skip and xfail reasons; then the totals.
 * C test programs are left out.  @how: the command that wrote it, for the
 * header.  Returns the tests without 'spec'.
 */
size_t catalog_write(FILE *f, const struct collection *c, const char *how);

#endif /* NVT_RUN_CATALOG_H */
