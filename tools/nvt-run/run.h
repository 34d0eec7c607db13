/* SPDX-License-Identifier: MIT */
/*
 * Running collected tests against the device: controller lifetime, scopes,
 * fixtures, setup/teardown, steps with expect/keep, warnings and outcomes.
 */
#ifndef NVT_RUN_RUN_H
#define NVT_RUN_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/controller.h>

#include "collect.h"
#include "expr.h"
#include "scope.h"

struct nvt_pcie;
struct nvt_ctrl;
struct nvt_ns;
struct nvt_worker;
struct report;

struct run_opts {
	const char *bdf;	/* NULL: the only nvt device */
	uint32_t nsid;		/* 0: the first active namespace */
	uint64_t seed;
	bool exitfirst;		/* -x */
	const char *results;	/* directory */
	volatile sig_atomic_t *interrupted;	/* set by SIGINT/SIGTERM */
};

#define WARN_MAX 64

/* Device state shared by all tests of a run. */
struct runner {
	const struct run_opts *opts;
	struct report *report;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_subsys *subsys;	/* opened on first use */
	bool lost;		/* the device stopped answering */
	bool fresh;		/* just initialized: no reset before a test */
	bool timeout_set;	/* a test changed the command timeouts */
	bool device_shown;
	struct exec *cur;	/* where warnings are logged */
	char dev_err[512];
	uint32_t nsid;
	uint8_t id_ns[4096];
	bool have_id_ns;
	/* warnings raised since the last step took them */
	char *warn[WARN_MAX];
	unsigned nwarn;
	unsigned warn_dropped;
};

/* One running test, fixture, setup or teardown. */
struct exec {
	struct runner *r;
	struct scope *scope;	/* where set/keep/buffer put names */
	FILE *log;		/* the test's log */
	const char *outdir;	/* results/files/<test>/ for files it writes */
	struct case_result *result;
	char msg[1024];		/* failure, error or skip reason */
	struct expr_env env;
	unsigned aer_seen;	/* AERs before this test or taken by wait_aer */
	struct nvt_ns *ns;	/* the namespace under test, opened on use */
	/* the I/O step waiting for its command, and async commands */
	bool sync_done;
	struct nvt_cqe sync_cqe;
	uint16_t async_status;	/* first error not yet reported by waitdone */
	uint16_t async_cid;
	/* ioworkers started with async: true */
	struct exec_worker {
		char name[48];
		struct nvt_worker *w;
	} workers[8];
	unsigned nworkers;
	/* the last command's completion and the last step's value */
	struct step_result_view {
		bool have_cmd, have_value;
		uint16_t status, cid;
		uint32_t dw0, latency_us;
		struct val value;
	} last;
};

int runner_open(struct runner *r, const struct run_opts *opts,
		struct report *report);
void runner_close(struct runner *r);
/* Let another process (a C test) use the device, then take it back. */
void runner_release(struct runner *r);

/* Run every test of @c in order; fills @c's results. */
void run_all(struct runner *r, struct collection *c);

/* Point @x's expression environment at its names (run_env.c). */
void exec_env_init(struct exec *x);

/* Within a step: the controller (opened on demand); NULL with x->msg set. */
struct nvt_ctrl *exec_ctrl(struct exec *x);
/* The namespace under test (opened on first use); NULL with x->msg set. */
struct nvt_ns *exec_ns(struct exec *x);
/* The subsystem of the controller (power, NSSR); NULL with x->msg set. */
struct nvt_subsys *exec_subsys(struct exec *x);
/* The power is back: what the runner knew of the device is stale. */
void exec_powered_on(struct exec *x);
/*
 * Async ioworkers: with @add NULL, the one named @name (or NULL); else keep
 * @add under @name, returning NULL, or @add when there is no room.
 */
struct nvt_worker *exec_worker(struct exec *x, const char *name,
			       struct nvt_worker *add);
/* Forget (and return) the async ioworker @name. */
struct nvt_worker *exec_worker_take(struct exec *x, const char *name);
/* Evaluate @text in the exec's environment (variables, id_ctrl.*, ...). */
int exec_eval(struct exec *x, const char *text, struct val *out,
	      struct expr_trace *trace);
/* Run a list of steps (for loop, repeat, fixtures); an enum step_rc. */
int exec_steps(struct exec *x, const struct node *list);
/*
 * Take (drop) the first pending warning containing @text (and @also, when
 * not NULL); true if there was one.
 */
bool exec_take_warning(struct exec *x, const char *text, const char *also);
/* Write a line to the test's log. */
void exec_log(struct exec *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* NVT_RUN_RUN_H */
