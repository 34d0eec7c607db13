/* SPDX-License-Identifier: MIT */
/*
 * Running the collection in order: each test inside its folders' and
 * suite's setup (setup.c), a YAML test with its skips, fixtures and outcome
 * (yaml_test.c) or a test of a C program (ctest.c), on the device the
 * runner holds (device.c).
 */
#ifndef NVT_RUN_RUN_H
#define NVT_RUN_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "fault.h"

struct collection;
struct node;
struct runner;
struct suite;

/* --log-level: what a test's log keeps of the steps that went well */
enum log_level {
	LOG_LEVEL_WARNING,	/* failing steps, warnings and log steps only */
	LOG_LEVEL_INFO,		/* every step; of a loop its first pass */
	LOG_LEVEL_DEBUG,	/* every step of every pass */
};

struct warn_filters;

struct run_opts {
	const char *bdf;	/* NULL: the only nvt device */
	uint32_t nsid;		/* 0: the first active namespace */
	uint64_t seed;
	bool exitfirst;		/* -x */
	enum io_fault fault;	/* --fault: testing the test cases */
	const char *results;	/* directory */
	volatile sig_atomic_t *interrupted;	/* set by SIGINT/SIGTERM */
	/*
	 * Run even when the device cannot be opened, its steps failing one
	 * by one: the runner's own unit tests.  Otherwise a missing or lost
	 * device stops the run.
	 */
	bool without_device;
	enum log_level log_level;
	const struct warn_filters *filters;	/* -W; NULL: none */
	/* the live status line of long steps (a terminal, no --no-progress) */
	bool progress;
	/* --no-events: nvt.ko's events of the device not in the test logs */
	bool no_events;
	/* --time-limit: seconds a test may run unless it says; 0: none */
	int64_t time_limit_s;
};

/*
 * The seconds a test (@test of @s; @test NULL: a setup or teardown of @s;
 * @s NULL: of a folder) may run: its time_limit, else --time-limit; 0 none.
 */
int64_t runner_time_limit(const struct runner *r, const struct suite *s,
			  const struct node *test);

/* Run every test of @c in order; fills @c's results. */
void run_all(struct runner *r, struct collection *c);

#endif /* NVT_RUN_RUN_H */
