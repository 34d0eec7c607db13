/* SPDX-License-Identifier: MIT */
/*
 * The device under test as a run holds it: opened once, made ready before
 * each YAML test (powered, re-initialized, its timeouts), let go while a C
 * test program uses it, opened again when it stopped answering; and the
 * warnings it raises, until a test takes them.
 */
#ifndef NVT_RUN_DEVICE_H
#define NVT_RUN_DEVICE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct case_result;
struct exec;
struct nvt_ctrl;
struct nvt_ns;
struct nvt_pcie;
struct nvt_subsys;
struct progress;
struct report;
struct run_events;
struct run_opts;

#define WARN_MAX 128	/* room for an ioworker's 64 slow I/Os and more */

/*
 * What the run knows of the device: one state, set by device.c and by the
 * steps that see it stop answering (DEV_LOST).
 */
enum device_state {
	DEV_OK,		/* answering, or not opened yet */
	DEV_LOST,	/* stopped answering: released and opened again */
	DEV_GONE,	/* cannot be opened: no test can run */
};

/* Device state shared by all tests of a run. */
struct runner {
	const struct run_opts *opts;
	struct report *report;
	struct progress *progress;	/* NULL: no status line */
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_subsys *subsys;	/* opened on first use */
	enum device_state state;
	char gone_why[600];	/* DEV_GONE: why */
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
	/* nvt.ko's events of the device (events.h); NULL: not listening */
	struct run_events *events;
	bool events_tried;
	char events_off[256];	/* why not ("": listening, or --no-events) */
};

int runner_open(struct runner *r, const struct run_opts *opts,
		struct report *report);
void runner_close(struct runner *r);
/* Let another process (a C test) use the device, then take it back. */
void runner_release(struct runner *r);
/*
 * Before each test: is there still a device?  One an earlier test left
 * powered off is powered on; one that was lost or whose file no longer
 * answers (removed, unbound) is released, then opened again with its
 * controller when it is needed: always for @open, else when the file is
 * dead.  False when that fails: the device is gone, r->gone_why says why,
 * and no test can run.
 */
bool runner_check(struct runner *r, bool open);

/*
 * Before a YAML test: the device checked (runner_check()), the controller
 * re-initialized unless @reinit is false (or it is fresh) and @timeout
 * applied (ms; 0: the driver's).  A step_rc, the reason in x->msg.
 */
int device_prepare(struct exec *x, int64_t timeout, bool reinit);

/* Within a step: the controller (opened on demand); NULL with x->msg set. */
struct nvt_ctrl *exec_ctrl(struct exec *x);
/*
 * The namespace under test (opened on first use); NULL with x->msg set
 * and x->ns_outcome the step's outcome (FAIL when the controller refused).
 */
struct nvt_ns *exec_ns(struct exec *x);
/* The subsystem of the controller (power, NSSR); NULL with x->msg set. */
struct nvt_subsys *exec_subsys(struct exec *x);
/* The power is back: what the runner knew of the device is stale. */
void exec_powered_on(struct exec *x);

/*
 * The device's events that came so far into @log, the log of the test,
 * setup or teardown that runs (see events.h).
 */
void runner_events_flush(struct runner *r, FILE *log);

/* Forget the warnings raised so far. */
void runner_drop_warnings(struct runner *r);
/* Move the warnings raised so far into @res. */
void runner_take_warnings(struct runner *r, struct case_result *res);
/*
 * Take (drop) the first pending warning containing @text (and @also, when
 * not NULL); true if there was one.
 */
bool exec_take_warning(struct exec *x, const char *text, const char *also);

#endif /* NVT_RUN_DEVICE_H */
