// SPDX-License-Identifier: MIT
/* Running one test of a C test program and reading what it says. */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include <nvt/test.h>

#include "clock.h"
#include "collect.h"
#include "ctest.h"
#include "device.h"
#include "run.h"

static void add_warning(struct case_result *res, const char *text)
{
	char **w = realloc(res->warnings, (res->nwarnings + 1) * sizeof(*w));

	if (!w)
		return;
	res->warnings = w;
	w[res->nwarnings] = strdup(text);
	if (w[res->nwarnings])
		res->nwarnings++;
}

static const struct {
	const char *word;
	enum outcome o;
} outcomes[] = {
	{ "PASSED", OUT_PASSED }, { "FAILED", OUT_FAILED },
	{ "SKIPPED", OUT_SKIPPED }, { "ERROR", OUT_ERROR },
};

/* One line of the program's output. */
static void take_line(struct test *t, char *line, FILE *log, bool *have)
{
	struct case_result *res = &t->res;
	size_t i, n;

	if (!strncmp(line, NVT_TEST_PROTO_WARNING,
		     strlen(NVT_TEST_PROTO_WARNING))) {
		add_warning(res, line + strlen(NVT_TEST_PROTO_WARNING));
		fprintf(log, "warning: %s\n",
			line + strlen(NVT_TEST_PROTO_WARNING));
		return;
	}
	if (strncmp(line, NVT_TEST_PROTO_RESULT, strlen(NVT_TEST_PROTO_RESULT))) {
		fprintf(log, "%s\n", line);
		return;
	}
	line += strlen(NVT_TEST_PROTO_RESULT);
	for (i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++) {
		n = strlen(outcomes[i].word);
		if (strncmp(line, outcomes[i].word, n) ||
		    (line[n] && line[n] != ' '))
			continue;
		res->outcome = outcomes[i].o;
		free(res->reason);
		res->reason = line[n] && line[n + 1] ? strdup(line + n + 1) :
			      NULL;
		*have = true;
		return;
	}
	fprintf(log, "unknown result line: %s\n", line);
}

static void set_error(struct test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_error(struct test *t, const char *fmt, ...)
{
	va_list ap;

	t->res.outcome = OUT_ERROR;
	free(t->res.reason);
	va_start(ap, fmt);
	if (vasprintf(&t->res.reason, fmt, ap) < 0)
		t->res.reason = NULL;
	va_end(ap);
}

/* Read the program's output until it closes or @limit seconds pass. */
static bool read_output(int fd, struct test *t, FILE *log, bool *have,
			int64_t limit)
{
	double deadline = now_s() + limit;
	char buf[4096], line[4096];
	size_t used = 0;
	ssize_t n;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		double left = deadline - now_s();
		int ret;

		if (left <= 0)
			return false;
		ret = poll(&p, 1, left > 1000 ? 1000000 : (int)(left * 1000));
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || used == sizeof(line) - 1) {
				line[used] = 0;
				take_line(t, line, log, have);
				used = 0;
				if (buf[i] == '\n')
					continue;
			}
			line[used++] = buf[i];
		}
	}
	if (used) {
		line[used] = 0;
		take_line(t, line, log, have);
	}
	return true;
}

void ctest_run(struct runner *r, struct test *t, FILE *log,
	       const char *outdir)
{
	char nsid[16], seed[24];
	const char *argv[16];
	int fds[2], status, argc = 0;
	int64_t limit = runner_time_limit(r, t->suite, NULL);
	bool have = false, in_time;
	pid_t pid;

	/* the program initializes the controller itself */
	runner_release(r);
	r->fresh = false;
	argv[argc++] = t->suite->path;
	argv[argc++] = "--run";
	argv[argc++] = t->id;
	argv[argc++] = "--protocol";
	snprintf(seed, sizeof(seed), "%" PRIu64, r->opts->seed);
	argv[argc++] = "--seed";
	argv[argc++] = seed;
	if (r->opts->bdf) {
		argv[argc++] = "--pciaddr";
		argv[argc++] = r->opts->bdf;
	}
	if (r->opts->nsid) {
		snprintf(nsid, sizeof(nsid), "%u", r->opts->nsid);
		argv[argc++] = "--nsid";
		argv[argc++] = nsid;
	}
	if (outdir) {
		argv[argc++] = "--outdir";
		argv[argc++] = outdir;
	}
	argv[argc] = NULL;
	fflush(NULL);
	if (pipe(fds)) {
		set_error(t, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		set_error(t, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (!pid) {
		setpgid(0, 0);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], (char *const *)argv);
		printf(NVT_TEST_PROTO_RESULT "ERROR cannot run %s: %s\n",
		       argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	in_time = read_output(fds[0], t, log, &have,
			      limit ? limit : CTEST_LIMIT_S);
	if (!in_time)
		kill(-pid, SIGKILL);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!in_time && limit) {
		set_error(t, "time limit: the test ran past its %lld s (time_limit): killed",
			  (long long)limit);
		t->res.outcome = OUT_FAILED;
	} else if (!in_time) {
		set_error(t, "killed after %d s", CTEST_LIMIT_S);
	}
	else if (WIFSIGNALED(status))
		set_error(t, "the test program died of signal %d (%s)",
			  WTERMSIG(status), strsignal(WTERMSIG(status)));
	else if (!have)
		set_error(t, "the test program exited with status %d without a result",
			  WEXITSTATUS(status));
}
