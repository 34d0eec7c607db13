// SPDX-License-Identifier: MIT
/*
 * The catalog: every collected YAML test as a Markdown table row, with what
 * it checks, the specification section it asserts, and when it skips or is
 * expected to fail.  docs/conformance.md is this output.
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"

/* @s as one table cell: no line breaks, '|' escaped. */
static void cell(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s, f);
	}
}

/* The reason of one skip_if/xfail condition, or its 'when' expression. */
static void condition(FILE *f, const struct node *n, const char *what)
{
	const struct node *reason = node_get(n, "reason");
	const struct node *when = node_get(n, "when");

	fprintf(f, "%s: ", what);
	if (n->type == NODE_SCALAR)
		cell(f, n->str);
	else if (reason && reason->type == NODE_SCALAR)
		cell(f, reason->str);
	else if (when && when->type == NODE_SCALAR)
		cell(f, when->str);
}

static void conditions(FILE *f, const struct node *n, const char *what,
		       bool *first)
{
	size_t i;

	if (!n)
		return;
	if (n->type == NODE_SEQ) {
		for (i = 0; i < n->n; i++)
			conditions(f, n->items[i], what, first);
		return;
	}
	if (!*first)
		fputs("; ", f);
	*first = false;
	condition(f, n, what);
}

static void spec(FILE *f, const struct node *n)
{
	size_t i;

	if (!n)
		return;
	if (n->type == NODE_SCALAR) {
		cell(f, n->str);
		return;
	}
	for (i = 0; i < n->n; i++) {
		if (i)
			fputs("; ", f);
		if (n->items[i]->type == NODE_SCALAR)
			cell(f, n->items[i]->str);
	}
}

/* Cases of the test defined by @def, from index @i on. */
static size_t cases_of(const struct collection *c, size_t i,
		       const struct node *def)
{
	size_t n = 0;

	while (i + n < c->ntests && c->tests[i + n]->def == def)
		n++;
	return n;
}

size_t catalog_write(FILE *f, const struct collection *c, const char *how)
{
	const struct suite *s = NULL;
	size_t i, n, tests = 0, without = 0;
	bool first;

	fprintf(f, "# Test catalog\n\nWritten by `%s`; regenerate it rather than edit it. Each test's\n"
		"specification section is the one its assertions follow; a skip says what the device\n"
		"must advertise for the test to apply, an xfail names a known deviation of a controller\n"
		"from the specification (strict: it fails the run if the controller behaves).\n",
		how);

	for (i = 0; i < c->ntests; i += n) {
		const struct test *t = c->tests[i];
		const struct node *def = t->def, *name;

		n = def ? cases_of(c, i, def) : 1;
		if (!def)
			continue;	/* C programs describe themselves */
		if (t->suite != s) {
			s = t->suite;
			fprintf(f, "\n## %s\n\n", s->path);
			if (s->desc) {
				cell(f, s->desc);
				fputs("\n\n", f);
			}
			fputs("| test | cases | what it checks | specification | skips and expected failures |\n",
			      f);
			fputs("|---|---|---|---|---|\n", f);
		}
		name = node_get(def, "name");
		tests++;
		fputs("| ", f);
		cell(f, name ? name->str : t->id);
		fprintf(f, " | %zu | ", n);
		cell(f, node_get(def, "desc") ? node_get(def, "desc")->str : "");
		fputs(" | ", f);
		if (node_get(def, "spec"))
			spec(f, node_get(def, "spec"));
		else
			without++;
		fputs(" | ", f);
		first = true;
		if (node_get(def, "skip")) {
			fputs("skip: ", f);
			cell(f, node_get(def, "skip")->str);
			first = false;
		}
		conditions(f, node_get(def, "skip_if"), "skip", &first);
		conditions(f, node_get(def, "xfail"), "xfail", &first);
		fputs(" |\n", f);
	}
	fprintf(f, "\n%zu tests, %zu cases; %zu without a specification section.\n",
		tests, c->ntests, without);
	return without;
}
