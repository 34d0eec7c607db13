/* SPDX-License-Identifier: MIT */
/*
 * Parametrize: a test's `params` gives one test case per combination.
 *   params: {size: [1, 8], fid: [4, 5]}  ->  [1-4] [1-5] [8-4] [8-5]
 *   params: [{lid: 1, size: 64}, {lid: 2, size: 512, id: smart}]
 *                                         ->  [1-64] [smart]
 * The first key varies slowest.  Ids use the scalar text of each value, or
 * name+index for lists and mappings, like pytest.
 */
#ifndef NVT_RUN_PARAMS_H
#define NVT_RUN_PARAMS_H

#include <stddef.h>

#include "doc.h"

struct param {
	const char *name;		/* points into the doc */
	const struct node *value;
};

struct param_row {
	char *id;			/* "1-4" */
	struct param *params;
	size_t n;
};

#define PARAMS_MAX_ROWS 100000

int params_expand(const struct node *params, struct param_row **rows,
		  size_t *nrows, char *err, size_t errlen);
void params_free(struct param_row *rows, size_t nrows);

#endif /* NVT_RUN_PARAMS_H */
