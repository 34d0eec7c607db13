// SPDX-License-Identifier: MIT
/* Expansion of a test's params into the rows that become test cases. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

/* Append the id part of @v (the @index-th value of @name) to @id. */
static void id_append(char *id, size_t len, const char *name,
		      const struct node *v, size_t index)
{
	size_t used = strlen(id);

	if (used && used + 1 < len)
		id[used++] = '-';
	if (v->type == NODE_SCALAR)
		snprintf(id + used, len - used, "%s", v->str);
	else
		snprintf(id + used, len - used, "%s%zu", name, index);
}

void params_free(struct param_row *rows, size_t nrows)
{
	size_t i;

	for (i = 0; i < nrows; i++) {
		free(rows[i].id);
		free(rows[i].params);
	}
	free(rows);
}

static int matrix(const struct node *params, struct param_row **out,
		  size_t *nout, char *err, size_t errlen)
{
	struct param_row *rows;
	size_t total = 1, r, k;

	for (k = 0; k < params->n; k++) {
		const struct node *v = params->items[k];

		if (v->type != NODE_SEQ || !v->n)
			return node_err(err, errlen, v,
				    "each parameter needs a non-empty list of values");
		if (total > PARAMS_MAX_ROWS / v->n)
			return node_err(err, errlen, params,
				    "too many combinations (more than 100000)");
		total *= v->n;
	}
	rows = calloc(total, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	for (r = 0; r < total; r++) {
		char id[512] = "";
		size_t rest = r, span = total;

		rows[r].params = calloc(params->n, sizeof(struct param));
		if (!rows[r].params) {
			params_free(rows, total);
			return -ENOMEM;
		}
		rows[r].n = params->n;
		for (k = 0; k < params->n; k++) {
			const struct node *list = params->items[k];
			size_t idx;

			span /= list->n;
			idx = rest / span;
			rest %= span;
			rows[r].params[k].name = params->keys[k]->str;
			rows[r].params[k].value = list->items[idx];
			id_append(id, sizeof(id), params->keys[k]->str,
				  list->items[idx], idx);
		}
		rows[r].id = strdup(id);
		if (!rows[r].id) {
			params_free(rows, total);
			return -ENOMEM;
		}
	}
	*out = rows;
	*nout = total;
	return 0;
}

static int table(const struct node *params, struct param_row **out,
		 size_t *nout, char *err, size_t errlen)
{
	struct param_row *rows;
	size_t r, k;
	int ret;

	if (!params->n)
		return node_err(err, errlen, params, "params: the list of rows is empty");
	rows = calloc(params->n, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	for (r = 0; r < params->n; r++) {
		const struct node *row = params->items[r];
		const struct node *given_id = node_get(row, "id");
		char id[512] = "";
		size_t n = 0;

		if (row->type != NODE_MAP || !row->n) {
			ret = node_err(err, errlen, row,
				   "each row of params needs to be a mapping of name: value");
			goto fail;
		}
		if (r && row->n - !!given_id !=
			 params->items[0]->n - !!node_get(params->items[0], "id")) {
			ret = node_err(err, errlen, row,
				   "every row of params needs the same names");
			goto fail;
		}
		rows[r].params = calloc(row->n, sizeof(struct param));
		if (!rows[r].params) {
			ret = -ENOMEM;
			goto fail;
		}
		for (k = 0; k < row->n; k++) {
			if (!strcmp(row->keys[k]->str, "id"))
				continue;
			if (r && !node_get(params->items[0], row->keys[k]->str)) {
				ret = node_err(err, errlen, row->keys[k],
					   "every row of params needs the same names");
				goto fail;
			}
			rows[r].params[n].name = row->keys[k]->str;
			rows[r].params[n++].value = row->items[k];
			if (!given_id)
				id_append(id, sizeof(id), row->keys[k]->str,
					  row->items[k], r);
		}
		rows[r].n = n;
		if (given_id) {
			if (given_id->type != NODE_SCALAR) {
				ret = node_err(err, errlen, given_id,
					   "id must be a plain text");
				goto fail;
			}
			snprintf(id, sizeof(id), "%s", given_id->str);
		}
		rows[r].id = strdup(id);
		if (!rows[r].id) {
			ret = -ENOMEM;
			goto fail;
		}
	}
	*out = rows;
	*nout = params->n;
	return 0;
fail:
	params_free(rows, params->n);
	return ret;
}

int params_expand(const struct node *params, struct param_row **rows,
		  size_t *nrows, char *err, size_t errlen)
{
	int ret;

	*rows = NULL;
	*nrows = 0;
	if (params->type == NODE_MAP && params->n)
		ret = matrix(params, rows, nrows, err, errlen);
	else if (params->type == NODE_SEQ)
		ret = table(params, rows, nrows, err, errlen);
	else
		ret = node_err(err, errlen, params,
			   "params needs a mapping of name: [values] or a list of rows");
	if (ret == -ENOMEM)
		snprintf(err, errlen, "%s: out of memory", params->file);
	return ret;
}
