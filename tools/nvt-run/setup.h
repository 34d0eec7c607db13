/* SPDX-License-Identifier: MIT */
/*
 * Folder and suite setup and teardown: a folder's conftest.yaml and a
 * suite's vars and setup run once, before the first test below them; their
 * teardown, and that of suite-scoped fixtures, after the last.  What failed
 * is kept as the reason of every test below it.
 */
#ifndef NVT_RUN_SETUP_H
#define NVT_RUN_SETUP_H

#include <stdint.h>

struct collection;
struct folder;
struct node;
struct runner;
struct scope;
struct suite;

/* End the folders @leaf is not in (deepest first), start the new ones. */
void folders_enter(struct runner *r, struct collection *c,
		   struct folder *leaf);
void suite_start(struct runner *r, struct suite *s);
void suite_end(struct runner *r, struct suite *s);
/*
 * Run setup or teardown steps of a folder, suite or suite fixture in
 * @scope, within @time_limit seconds (0: none); the log goes to the run
 * log.  Returns the step_rc, with the reason in @why.
 */
int run_block(struct runner *r, struct scope *scope, const struct node *steps,
	      int64_t time_limit, const char *what, char **why);

#endif /* NVT_RUN_SETUP_H */
