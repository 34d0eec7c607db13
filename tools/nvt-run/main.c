// SPDX-License-Identifier: MIT
/*
 * nvt-run: collect YAML test cases and C test programs, run them on the nvt
 * device, report like pytest.  Exit statuses: enum run_status (report.h).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "catalog.h"
#include "clock.h"
#include "collect.h"
#include "config.h"
#include "device.h"
#include "report.h"
#include "run.h"
#include "steps.h"
#include "warnfilter.h"

#define DEFAULT_PATH "testcases"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nvt-run [options] [PATH|FILE::TEST ...]   (default: " DEFAULT_PATH "/)\n"
		"Runs YAML test cases and C test programs on an nvt device.\n"
		"\n"
		"  -k EXPR           only tests whose id matches: words, and, or, not, ( )\n"
		"  -x, --exitfirst   stop at the first failure or error\n"
		"  --list            list the selected tests, run nothing\n"
		"  --catalog         the selected YAML tests as a Markdown table (what\n"
		"                    each checks, its spec section, skips and xfails)\n"
		"  --steps           list the steps test cases can use\n"
		"  --pciaddr BDF     the device (default: the only one bound to nvt)\n"
		"  --vfid N          the device is virtual function N (1 = virtfn0) of the\n"
		"                    SR-IOV physical function --pciaddr names\n"
		"  --nsid N          the namespace under test (default: the first active)\n"
		"  --results DIR     log, junit.xml, results.json, files (default: results)\n"
		"  --junit FILE      JUnit XML here instead of DIR/junit.xml\n"
		"  --seed N          seed for random data (default: from the clock)\n"
		"  --fault F         for testing the test cases themselves, not the device:\n"
		"                    read-neighbour sends every read and compare step to\n"
		"                    SLBA + 1, drop-write sends a Flush in place of every\n"
		"                    write and zone_append step (it succeeds, nothing is\n"
		"                    written); a case that moves data must then fail\n"
		"  --no-progress     no live status line of long steps (ioworkers, format,\n"
		"                    power cycle); it is shown only on a terminal anyway\n"
		"  --no-events       do not put nvt.ko's events of the device (AER, timeout,\n"
		"                    miscompare, reset, fatal status ...) in the test logs\n"
		"  -v, --verbose     one line per test\n"
		"  -q, --quiet       no header, short summary\n"
		"  -W ACTION:REGEX   a warning matching the extended regular expression\n"
		"                    is an error (the test fails), ignore(d) or default\n"
		"                    (kept); the last filter that matches decides\n"
		"  --log-level L     a test's log: warning (failing steps only), info\n"
		"                    (every step; a loop's first pass), debug (every pass)\n"
		"  --time-limit S    a test that runs longer than S seconds fails (its\n"
		"                    own time_limit: wins; 0: no limit, the default)\n"
		"  --config FILE     default options from FILE (default: ./" CONFIG_FILE ")\n"
		"  --no-config       no " CONFIG_FILE "\n"
		"  --version\n"
		"\n"
		"Exit status:\n"
		"  0  every test passed, skipped or xfailed\n"
		"  1  a test failed or errored, or the run stopped early (-x, ^C)\n"
		"  2  a file could not be collected: nothing ran\n"
		"  3  the device is missing or was lost: the tests left were not run\n"
		"  4  usage error (options, paths, the results folder)\n");
}

static void print_step(const struct step_def *d, void *arg)
{
	const struct arg_def *a;
	bool verbose = *(bool *)arg;

	printf("%-18s %s\n", d->name, d->help);
	if (!verbose)
		return;
	for (a = d->args; a && a->name; a++)
		printf("    %-16s %s%s\n", a->name, a->help,
		       a->required ? " (required)" : "");
}

static int parse_u64(const char *opt, const char *s, uint64_t max,
		     uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno || !*s || *end || *s == '-' || *out > max) {
		fprintf(stderr, "nvt-run: %s: '%s' is not a number up to %" PRIu64 "\n",
			opt, s, max);
		return -1;
	}
	return 0;
}

static int parse_log_level(const char *s, enum log_level *out)
{
	static const char *const names[] = {
		[LOG_LEVEL_WARNING] = "warning", [LOG_LEVEL_INFO] = "info",
		[LOG_LEVEL_DEBUG] = "debug",
	};
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	}
	fprintf(stderr, "nvt-run: log level '%s': warning, info or debug\n", s);
	return -1;
}

/*
 * The config file --config or --no-config name (scanned before the other
 * options: its addopts go before them): @path, or NULL for none.
 */
static int config_path(int argc, char **argv, const char **path,
		       bool *required)
{
	int i;

	*path = CONFIG_FILE;
	*required = false;
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--no-config")) {
			*path = NULL;
		} else if (!strcmp(argv[i], "--config")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "nvt-run: --config needs a file\n");
				return -1;
			}
			*path = argv[++i];
			*required = true;
		} else if (!strncmp(argv[i], "--config=", 9)) {
			*path = argv[i] + 9;
			*required = true;
		}
	}
	return 0;
}

/* argv with the config file's addopts after the program name. */
static char **with_addopts(int argc, char **argv, const struct run_config *cf,
			   int *nargc)
{
	char **v = calloc(argc + cf->naddopts + 1, sizeof(*v));
	size_t i;

	if (!v)
		return NULL;
	v[0] = argv[0];
	for (i = 0; i < cf->naddopts; i++)
		v[1 + i] = cf->addopts[i];
	for (i = 1; i < (size_t)argc; i++)
		v[cf->naddopts + i] = argv[i];
	*nargc = argc + cf->naddopts;
	return v;
}

static volatile sig_atomic_t interrupted;

/* Finish the test that runs, then stop and report (like pytest's ^C). */
static void on_interrupt(int sig)
{
	interrupted = 1;
}

int main(int argc, char **argv)
{
	enum { OPT_LIST = 256, OPT_STEPS, OPT_PCIADDR, OPT_NSID, OPT_RESULTS,
	       OPT_JUNIT, OPT_SEED, OPT_FAULT, OPT_VERSION, OPT_VFID,
	       OPT_CATALOG, OPT_NO_PROGRESS, OPT_LOG_LEVEL, OPT_CONFIG,
	       OPT_NO_CONFIG, OPT_NO_EVENTS, OPT_TIME_LIMIT };
	static const struct option longopts[] = {
		{ "exitfirst", no_argument, NULL, 'x' },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "catalog", no_argument, NULL, OPT_CATALOG },
		{ "steps", no_argument, NULL, OPT_STEPS },
		{ "pciaddr", required_argument, NULL, OPT_PCIADDR },
		{ "nsid", required_argument, NULL, OPT_NSID },
		{ "vfid", required_argument, NULL, OPT_VFID },
		{ "results", required_argument, NULL, OPT_RESULTS },
		{ "junit", required_argument, NULL, OPT_JUNIT },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "fault", required_argument, NULL, OPT_FAULT },
		{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
		{ "no-events", no_argument, NULL, OPT_NO_EVENTS },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
		{ "time-limit", required_argument, NULL, OPT_TIME_LIMIT },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct run_opts ro = { .results = "results", .log_level = LOG_LEVEL_INFO };
	struct warn_filters filters = { 0 };
	struct run_config cf;
	const char *cfpath, **wspecs = NULL;
	size_t nwspecs = 0;
	bool cfrequired;
	struct report_opts po = { 0 };
	char *default_paths[] = { DEFAULT_PATH };
	const char *kexpr = NULL, *junit = NULL;
	bool list = false, steps = false, catalog = false, progress = true;
	struct collection c;
	struct report *rp;
	struct runner r;
	char err[1024], bdf[32], vf_bdf[32];
	char **paths;
	int npaths, verbosity = 0, ret, opt;
	uint64_t v, vfid = 0;
	double t0 = now_s();
	size_t i;

	ro.seed = (uint64_t)time(NULL);
	if (config_path(argc, argv, &cfpath, &cfrequired))
		return RUN_USAGE_ERROR;
	memset(&cf, 0, sizeof(cf));
	if (cfpath && config_load(cfpath, cfrequired, &cf, err, sizeof(err))) {
		fprintf(stderr, "nvt-run: %s\n", err);
		return RUN_USAGE_ERROR;
	}
	if (cf.log_level && parse_log_level(cf.log_level, &ro.log_level))
		return RUN_USAGE_ERROR;
	if (cf.time_limit &&
	    parse_u64("time_limit", cf.time_limit, TIME_LIMIT_MAX_S, &v))
		return RUN_USAGE_ERROR;
	ro.time_limit_s = cf.time_limit ? (int64_t)v : 0;
	argv = with_addopts(argc, argv, &cf, &argc);
	wspecs = calloc(argc, sizeof(*wspecs));
	if (!argv || !wspecs) {
		fprintf(stderr, "nvt-run: out of memory\n");
		return RUN_USAGE_ERROR;
	}
	while ((opt = getopt_long(argc, argv, "k:xvqhW:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'W':
			wspecs[nwspecs++] = optarg;
			break;
		case OPT_LOG_LEVEL:
			if (parse_log_level(optarg, &ro.log_level))
				return RUN_USAGE_ERROR;
			break;
		case OPT_TIME_LIMIT:
			if (parse_u64("--time-limit", optarg, TIME_LIMIT_MAX_S,
				      &v))
				return RUN_USAGE_ERROR;
			ro.time_limit_s = v;
			break;
		case OPT_CONFIG:
		case OPT_NO_CONFIG:	/* taken before the others */
			break;
		case 'k':
			kexpr = optarg;
			break;
		case 'x':
			ro.exitfirst = true;
			break;
		case 'v':
			verbosity = 1;
			break;
		case 'q':
			verbosity = -1;
			break;
		case OPT_LIST:
			list = true;
			break;
		case OPT_STEPS:
			steps = true;
			break;
		case OPT_CATALOG:
			catalog = true;
			break;
		case OPT_PCIADDR:
			if (nvt_bdf_normalize(optarg, bdf, sizeof(bdf))) {
				fprintf(stderr, "nvt-run: --pciaddr: '%s' is not a PCI address like 0000:01:00.0\n",
					optarg);
				return RUN_USAGE_ERROR;
			}
			ro.bdf = bdf;
			break;
		case OPT_NSID:
			if (parse_u64("--nsid", optarg, UINT32_MAX, &v) || !v) {
				if (!v)
					fprintf(stderr, "nvt-run: --nsid: must not be 0\n");
				return RUN_USAGE_ERROR;
			}
			ro.nsid = v;
			break;
		case OPT_VFID:
			if (parse_u64("--vfid", optarg, 65535, &vfid) || !vfid) {
				if (!vfid)
					fprintf(stderr, "nvt-run: --vfid: VFs count from 1\n");
				return RUN_USAGE_ERROR;
			}
			break;
		case OPT_RESULTS:
			ro.results = optarg;
			break;
		case OPT_JUNIT:
			junit = optarg;
			break;
		case OPT_SEED:
			if (parse_u64("--seed", optarg, UINT64_MAX, &ro.seed))
				return RUN_USAGE_ERROR;
			break;
		case OPT_FAULT:
			if (fault_parse(optarg, &ro.fault)) {
				fprintf(stderr, "nvt-run: --fault: '%s' is not read-neighbour or drop-write\n",
					optarg);
				return 4;
			}
			break;
		case OPT_NO_PROGRESS:
			progress = false;
			break;
		case OPT_NO_EVENTS:
			ro.no_events = true;
			break;
		case OPT_VERSION:
			printf("nvt-run %s\n", NVT_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return RUN_USAGE_ERROR;
		}
	}
	/* the file's filters first: the command line's come later and win */
	for (i = 0; i < cf.nfilters + nwspecs; i++) {
		const char *spec = i < cf.nfilters ? cf.filters[i] :
				   wspecs[i - cf.nfilters];

		if (warnfilter_add(&filters, spec, err, sizeof(err))) {
			fprintf(stderr, "nvt-run: %s%s%s\n",
				i < cf.nfilters ? cf.path : "-W",
				": ", err);
			return RUN_USAGE_ERROR;
		}
	}
	ro.filters = filters.n ? &filters : NULL;
	if (vfid) {
		if (!ro.bdf) {
			fprintf(stderr, "nvt-run: --vfid needs --pciaddr: the physical function\n");
			return RUN_USAGE_ERROR;
		}
		ret = nvt_sriov_vf_bdf(ro.bdf, vfid, vf_bdf, sizeof(vf_bdf));
		if (ret) {
			fprintf(stderr, "nvt-run: --vfid %llu: %s\n",
				(unsigned long long)vfid,
				ret == -ENOTSUP ? "the device has no SR-IOV capability" :
				ret == -ENOENT ? "no such VF is enabled (nvt setup BDF --numvfs N)" :
				strerror(-ret));
			return RUN_USAGE_ERROR;
		}
		ro.bdf = vf_bdf;
	}
	if (steps) {
		bool verbose = verbosity > 0;

		steps_each(print_step, &verbose);
		return 0;
	}
	paths = argv + optind;
	npaths = argc - optind;
	if (!npaths) {
		struct stat st;

		if (stat(DEFAULT_PATH, &st) || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "nvt-run: no %s/ folder here: give the test paths\n",
				DEFAULT_PATH);
			return RUN_USAGE_ERROR;
		}
		paths = default_paths;
		npaths = 1;
	}
	ret = collect(&c, paths, npaths, kexpr, err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "nvt-run: %s\n", err);
		return RUN_USAGE_ERROR;
	}
	if (catalog) {
		char how[256] = "nvt-run --catalog";

		for (i = 0; i < (size_t)npaths; i++)
			snprintf(how + strlen(how), sizeof(how) - strlen(how),
				 " %s", paths[i]);
		catalog_write(stdout, &c, how);
		for (i = 0; i < c.nerrors; i++)
			fprintf(stderr, "ERROR collecting %s\n", c.errors[i]);
		ret = c.nerrors ? RUN_COLLECTION_ERRORS : RUN_OK;
		collection_free(&c);
		return ret;
	}
	if (list) {
		for (i = 0; i < c.ntests; i++)
			printf("%s\n", c.tests[i]->nodeid);
		for (i = 0; i < c.nerrors; i++)
			fprintf(stderr, "ERROR collecting %s\n", c.errors[i]);
		if (verbosity >= 0)
			printf("\n%zu test%s selected, %zu deselected\n", c.ntests,
			       c.ntests == 1 ? "" : "s", c.ndeselected);
		ret = c.nerrors ? RUN_COLLECTION_ERRORS : RUN_OK;
		collection_free(&c);
		return ret;
	}
	po.results = ro.results[0] ? ro.results : NULL;
	po.junit = junit;
	po.verbosity = verbosity;
	po.seed = ro.seed;
	po.fault = ro.fault ? fault_name(ro.fault) : NULL;
	if (report_open(&rp, &po, err, sizeof(err))) {
		fprintf(stderr, "nvt-run: %s\n", err);
		collection_free(&c);
		return RUN_USAGE_ERROR;
	}
	report_start(rp, &c);
	if (c.nerrors) {
		/* like pytest: a suite that does not load stops the session */
		report_stopped(rp, "Interrupted: errors during collection");
	} else {
		struct sigaction sa = { .sa_handler = on_interrupt };

		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		ro.interrupted = &interrupted;
		/* a terminal's status line, never in a log or a pipe */
		ro.progress = progress && isatty(STDOUT_FILENO);
		runner_open(&r, &ro, rp);
		run_all(&r, &c);
		runner_close(&r);
	}
	ret = report_finish(rp, &c, now_s() - t0);
	report_close(rp);
	collection_free(&c);
	warnfilter_free(&filters);
	config_free(&cf);
	free(wspecs);
	free(argv);
	return ret;
}
