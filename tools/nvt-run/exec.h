/* SPDX-License-Identifier: MIT */
/*
 * One running list of steps (a test, a fixture, a setup or teardown): where
 * its names go, its log, what it opened, its async ioworkers and the last
 * command's completion.  Steps run through one table; expect and keep apply
 * to every step alike.
 */
#ifndef NVT_RUN_EXEC_H
#define NVT_RUN_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/controller.h>

#include "expr.h"

struct node;
struct nvt_ns;
struct nvt_worker;
struct runner;
struct scope;

struct exec {
	struct runner *r;
	struct scope *scope;	/* where set/keep/buffer put names */
	FILE *log;		/* the test's log */
	const char *outdir;	/* results/files/<test>/ for files it writes */
	char msg[1024];		/* failure, error or skip reason */
	struct expr_env env;
	unsigned aer_seen;	/* AERs before this test or taken by wait_aer */
	unsigned quiet;		/* > 0: steps logged only when they fail */
	struct nvt_ns *ns;	/* the namespace under test, opened on use */
	int ns_outcome;		/* STEP_FAIL or STEP_ERROR when it could not be */
	/* the I/O step waiting for its command, and async commands */
	bool sync_done;
	struct nvt_completion sync_cqe;
	uint16_t async_status;	/* first error not yet reported by waitdone */
	uint16_t async_cid;
	/* ioworkers started with async: true */
	struct exec_worker {
		char name[48];
		struct nvt_worker *w;
	} workers[8];
	unsigned nworkers;
	/* time_limit: steps fail once the clock passes @deadline */
	double deadline;	/* CLOCK_MONOTONIC seconds; 0: no limit */
	int64_t time_limit_s;
	bool timed_out;		/* the failure in msg is the time limit's */
	/* the last command's completion and the last step's value */
	struct step_result_view {
		bool have_cmd, have_value;
		uint16_t status, cid;
		uint32_t dw0, latency_us;
		struct val value;
	} last;
};

void exec_init(struct exec *x, struct runner *r, struct scope *scope,
	       FILE *log, const char *outdir);
/* What an exec opened for itself; workers left running are stopped. */
void exec_done(struct exec *x);

/* Point @x's expression environment at its names (run_env.c). */
void exec_env_init(struct exec *x);
/* Evaluate @text in the exec's environment (variables, id_ctrl.*, ...). */
int exec_eval(struct exec *x, const char *text, struct val *out,
	      struct expr_trace *trace);
/* Run a list of steps (for loop, repeat, fixtures); an enum step_rc. */
int exec_steps(struct exec *x, const struct node *list);

/*
 * Async ioworkers: with @add NULL, the one named @name (or NULL); else keep
 * @add under @name, returning NULL, or @add when there is no room.
 */
struct nvt_worker *exec_worker(struct exec *x, const char *name,
			       struct nvt_worker *add);
/* Forget (and return) the async ioworker @name. */
struct nvt_worker *exec_worker_take(struct exec *x, const char *name);
/*
 * Give the steps run from now @seconds (0: no limit).  A step that starts
 * or ends past the deadline fails the test with the time limit's message.
 */
void exec_set_time_limit(struct exec *x, int64_t seconds);
/*
 * The milliseconds a step may wait for something: @ms, cut to the time
 * left before the deadline and a little past it (at least 1), so that the
 * step ends overdue.  @ms <= 0 (wait until done) becomes the time left;
 * with no limit, @ms itself.
 */
int64_t exec_wait_ms(const struct exec *x, int64_t ms);
/* The deadline has passed. */
bool exec_overdue(const struct exec *x);
/* Write a line to the test's log. */
void exec_log(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* NVT_RUN_EXEC_H */
