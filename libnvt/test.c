// SPDX-License-Identifier: MIT
/*
 * The harness of custom C tests (<nvt/test.h>): command line, fixtures,
 * checks, and the results, either for nvt-run (one test, protocol lines)
 * or on the terminal in nvt-run's form.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <nvt/test.h>

enum test_outcome { T_PASSED, T_FAILED, T_SKIPPED, T_ERROR };

static const char *const outcome_names[] = {
	"PASSED", "FAILED", "SKIPPED", "ERROR",
};

struct test_opts {
	const char *bdf;
	uint32_t nsid;
	uint64_t seed;
	const char *outdir;
	const char *run;	/* --run NAME */
	const char *filter;	/* -k TEXT */
	bool protocol;
	bool list;
};

struct nvt_test {
	const struct nvt_test_case *tc;
	const char *param;	/* the row's ID, or NULL */
	unsigned param_index;
	const struct test_opts *o;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_buf *buf;
	struct nvt_ns *ns;
	struct nvt_qpair *qpair;
	bool verifying;
	uint32_t nsid;
	enum test_outcome outcome;
	char reason[1024];
	bool outdir_made;
	unsigned warnings;
};

struct nvt_pcie *nvt_test_pcie(struct nvt_test *t)
{
	return t->pcie;
}

struct nvt_ctrl *nvt_test_ctrl(struct nvt_test *t)
{
	return t->ctrl;
}

struct nvt_buf *nvt_test_buf(struct nvt_test *t)
{
	return t->buf;
}

struct nvt_ns *nvt_test_ns(struct nvt_test *t)
{
	return t->ns;
}

struct nvt_qpair *nvt_test_qpair(struct nvt_test *t)
{
	return t->qpair;
}

uint32_t nvt_test_nsid(struct nvt_test *t)
{
	return t->nsid;
}

uint64_t nvt_test_seed(struct nvt_test *t)
{
	return t->o->seed;
}

const char *nvt_test_outdir(struct nvt_test *t)
{
	if (!t->o->outdir)
		return NULL;
	if (!t->outdir_made && mkdir(t->o->outdir, 0755) && errno != EEXIST) {
		nvt_test_log(t, "cannot create %s: %s", t->o->outdir,
			     strerror(errno));
		return NULL;
	}
	t->outdir_made = true;
	return t->o->outdir;
}

const char *nvt_test_param(const struct nvt_test *t)
{
	return t->param;
}

unsigned nvt_test_param_index(const struct nvt_test *t)
{
	return t->param_index;
}

void nvt_test_log(struct nvt_test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void set_outcome(struct nvt_test *t, enum test_outcome o,
			const char *fmt, va_list ap)
{
	/* the first failure is the reason; later ones are in the log */
	if (t->outcome == T_PASSED || (o == T_ERROR && t->outcome != T_ERROR)) {
		t->outcome = o;
		vsnprintf(t->reason, sizeof(t->reason), fmt, ap);
	}
}

void nvt_test_fail(struct nvt_test *t, const char *file, int line,
		   const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nvt_test_log(t, "%s:%d: %s", file, line, msg);
	if (t->outcome == T_PASSED) {
		t->outcome = T_FAILED;
		snprintf(t->reason, sizeof(t->reason), "%s:%d: %s", file, line,
			 msg);
	}
}

void nvt_test_skip(struct nvt_test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (t->outcome == T_PASSED)
		set_outcome(t, T_SKIPPED, fmt, ap);
	va_end(ap);
}

static void test_error(struct nvt_test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void test_error(struct nvt_test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_outcome(t, T_ERROR, fmt, ap);
	va_end(ap);
}

bool nvt_test_failed(const struct nvt_test *t)
{
	return t->outcome == T_FAILED || t->outcome == T_ERROR;
}

bool nvt_test_check_eq(struct nvt_test *t, const char *file, int line,
		       const char *a_text, const char *b_text, long long a,
		       long long b)
{
	if (a == b)
		return true;
	nvt_test_fail(t, file, line, "expected %s == %s, but %lld (0x%llx) != %lld (0x%llx)",
		      a_text, b_text, a, (unsigned long long)a, b,
		      (unsigned long long)b);
	return false;
}

static void on_warning(void *arg, const char *message)
{
	struct nvt_test *t = arg;

	t->warnings++;
	if (t->o->protocol)
		printf(NVT_TEST_PROTO_WARNING "%s\n", message);
	else
		printf("warning: %s\n", message);
	fflush(stdout);
}

static int fixtures_setup(struct nvt_test *t)
{
	struct nvt_ctrl_opts co;
	unsigned fx = t->tc->fixtures;
	char err[512];
	int ret;

	if (fx & NVT_FIX_DATACHECK)
		fx |= NVT_FIX_NS;
	if (fx & (NVT_FIX_BUF | NVT_FIX_NS | NVT_FIX_QPAIR))
		fx |= NVT_FIX_CTRL;
	if (!(fx & NVT_FIX_CTRL))
		return 0;
	ret = nvt_pcie_open(t->o->bdf, &t->pcie, err, sizeof(err));
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = on_warning;
	co.warn_arg = t;
	if (!ret)
		ret = nvt_ctrl_open(t->pcie, &co, &t->ctrl, err, sizeof(err));
	if (ret) {
		test_error(t, "fixture ctrl: %s", err);
		return ret;
	}
	t->nsid = t->o->nsid;
	if (!t->nsid && nvt_ctrl_ns_count(t->ctrl))
		t->nsid = nvt_ctrl_ns_id(t->ctrl, 0);
	if (fx & NVT_FIX_BUF) {
		ret = nvt_buf_alloc(t->pcie, 4096, &t->buf);
		if (ret) {
			test_error(t, "fixture buf: %s",
				   nvt_pcie_error(t->pcie));
			return ret;
		}
	}
	if (fx & NVT_FIX_NS) {
		ret = t->nsid ? nvt_ns_open(t->ctrl, t->nsid, &t->ns) : -ENOENT;
		if (ret) {
			test_error(t, "fixture ns: %s", t->nsid ?
				   nvt_ctrl_error(t->ctrl) :
				   "the controller has no active namespace");
			return ret;
		}
	}
	if (fx & NVT_FIX_DATACHECK) {
		/* short of memory: the warning says so, the test goes on */
		ret = nvt_ns_datacheck_enable(t->ns, true, 0);
		if (ret && ret != -ENOMEM) {
			test_error(t, "fixture verify: %s",
				   nvt_ns_error(t->ns));
			return ret;
		}
		t->verifying = !ret;
	}
	if (fx & NVT_FIX_QPAIR) {
		struct nvt_qpair_opts qo;

		nvt_qpair_opts_init(&qo, sizeof(qo));
		qo.depth = 64;
		ret = nvt_qpair_create(t->ctrl, &qo, &t->qpair);
		if (ret) {
			test_error(t, "fixture qpair: %s",
				   nvt_ctrl_error(t->ctrl));
			return ret;
		}
	}
	return 0;
}

static void fixtures_teardown(struct nvt_test *t)
{
	/* the queue first: its commands may point into buffers */
	if (t->qpair)
		nvt_qpair_delete(t->qpair);
	if (t->verifying)
		nvt_ns_datacheck_disable(t->ns);
	nvt_ns_close(t->ns);
	t->qpair = NULL;
	t->ns = NULL;
	if (t->buf)
		nvt_buf_free(t->buf);
	if (t->ctrl)
		nvt_ctrl_close(t->ctrl);
	if (t->pcie)
		nvt_pcie_close(t->pcie);
	t->buf = NULL;
	t->ctrl = NULL;
	t->pcie = NULL;
}

static void run_one(struct nvt_test *t)
{
	if (t->tc->skip) {
		snprintf(t->reason, sizeof(t->reason), "%s", t->tc->skip);
		t->outcome = T_SKIPPED;
		return;
	}
	if (!fixtures_setup(t))
		t->tc->fn(t);
	fixtures_teardown(t);
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--pciaddr BDF] [--nsid N] [--seed N] [--outdir DIR] [-k TEXT] [--list] [NAME...]\n"
		"Runs the tests of this program (all, or those named or matching -k).\n",
		prog);
}

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && *s && !*end && *s != '-';
}

static int parse_args(int argc, char **argv, struct test_opts *o)
{
	static const struct option longopts[] = {
		{ "pciaddr", required_argument, NULL, 'p' },
		{ "nsid", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "outdir", required_argument, NULL, 'o' },
		{ "run", required_argument, NULL, 'r' },
		{ "protocol", no_argument, NULL, 'P' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t v;
	int c;

	memset(o, 0, sizeof(*o));
	o->seed = (uint64_t)time(NULL);
	while ((c = getopt_long(argc, argv, "k:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->bdf = optarg;
			break;
		case 'n':
			if (!parse_u64(optarg, &v) || v > UINT32_MAX) {
				fprintf(stderr, "--nsid: '%s' is not a namespace ID\n",
					optarg);
				return -1;
			}
			o->nsid = v;
			break;
		case 's':
			if (!parse_u64(optarg, &o->seed)) {
				fprintf(stderr, "--seed: '%s' is not a number\n",
					optarg);
				return -1;
			}
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case 'r':
			o->run = optarg;
			break;
		case 'P':
			o->protocol = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'k':
			o->filter = optarg;
			break;
		default:
			usage(argv[0]);
			return c == 'h' ? 1 : -1;
		}
	}
	return 0;
}

static bool selected(const struct test_opts *o, const char *name,
		     int argc, char **argv)
{
	int i;

	if (o->filter && !strcasestr(name, o->filter))
		return false;
	if (optind >= argc)
		return true;
	for (i = optind; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The rows of a test: 1 without parameters. */
static unsigned param_rows(const struct nvt_test_case *tc)
{
	unsigned n = 0;

	if (!tc->params)
		return 1;
	while (tc->params[n])
		n++;
	return n;
}

/* NAME, or NAME[ID] of row @row. */
static void full_name(const struct nvt_test_case *tc, unsigned row,
		      char *out, size_t len)
{
	if (tc->params)
		snprintf(out, len, "%s[%s]", tc->name, tc->params[row]);
	else
		snprintf(out, len, "%s", tc->name);
}

static bool name_ok(const char *s, const char *extra)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '_' && !strchr(extra, *s))
			return false;
	return true;
}

/* Names nvt-run can take as node IDs; a bad one is the program's bug. */
static bool cases_ok(const char *prog, const struct nvt_test_case *cases)
{
	const struct nvt_test_case *tc;
	unsigned r;

	for (tc = cases; tc->name; tc++) {
		if (!name_ok(tc->name, "")) {
			fprintf(stderr, "%s: test name '%s': letters, digits and '_' only\n",
				prog, tc->name);
			return false;
		}
		if (tc->params && !tc->params[0]) {
			fprintf(stderr, "%s: test '%s' has an empty parameter list\n",
				prog, tc->name);
			return false;
		}
		for (r = 0; tc->params && tc->params[r]; r++) {
			if (!name_ok(tc->params[r], "-.")) {
				fprintf(stderr, "%s: test '%s': parameter ID '%s': letters, digits, '_', '-' and '.' only\n",
					prog, tc->name, tc->params[r]);
				return false;
			}
		}
	}
	return true;
}

static void test_init(struct nvt_test *t, const struct test_opts *o,
		      const struct nvt_test_case *tc, unsigned row)
{
	memset(t, 0, sizeof(*t));
	t->tc = tc;
	t->o = o;
	t->param_index = row;
	t->param = tc->params ? tc->params[row] : NULL;
}

/* nvt-run's way: one test, protocol lines. */
static int run_protocol(const struct test_opts *o,
			const struct nvt_test_case *cases)
{
	const struct nvt_test_case *tc;
	struct nvt_test t;
	char name[512];
	unsigned r = 0;

	for (tc = cases; tc->name; tc++) {
		for (r = 0; r < param_rows(tc); r++) {
			full_name(tc, r, name, sizeof(name));
			if (!strcmp(name, o->run))
				goto found;
		}
	}
	printf(NVT_TEST_PROTO_RESULT "ERROR no test named '%s'\n", o->run);
	return 2;
found:
	test_init(&t, o, tc, r);
	run_one(&t);
	printf(NVT_TEST_PROTO_RESULT "%s %s\n", outcome_names[t.outcome],
	       t.reason);
	fflush(stdout);
	return t.outcome == T_FAILED || t.outcome == T_ERROR;
}

int nvt_test_main(int argc, char **argv, const struct nvt_test_case *cases)
{
	const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 :
			   argv[0];
	const struct nvt_test_case *tc;
	unsigned counts[4] = { 0 }, n = 0, r;
	struct test_opts o;
	double t0 = now_s();
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	if (!cases_ok(prog, cases))
		return 2;
	if (o.run)
		return run_protocol(&o, cases);
	for (tc = cases; tc->name; tc++) {
		for (r = 0; r < param_rows(tc); r++) {
			struct nvt_test t;
			char name[512];

			full_name(tc, r, name, sizeof(name));
			if (o.list) {
				printf("%s\n", name);
				continue;
			}
			if (!selected(&o, name, argc, argv))
				continue;
			test_init(&t, &o, tc, r);
			run_one(&t);
			counts[t.outcome]++;
			n++;
			printf("%s::%s %s%s%s\n", prog, name,
			       outcome_names[t.outcome],
			       t.reason[0] ? " - " : "", t.reason);
			fflush(stdout);
		}
	}
	if (o.list)
		return 0;
	if (!n) {
		fprintf(stderr, "%s: no test selected\n", prog);
		return 4;
	}
	printf("%u passed, %u failed, %u skipped", counts[T_PASSED],
	       counts[T_FAILED], counts[T_SKIPPED]);
	if (counts[T_ERROR])
		printf(", %u error%s", counts[T_ERROR],
		       counts[T_ERROR] > 1 ? "s" : "");
	printf(" in %.2fs\n", now_s() - t0);
	return counts[T_FAILED] || counts[T_ERROR] ? 1 : 0;
}
