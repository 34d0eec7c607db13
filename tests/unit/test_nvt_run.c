// SPDX-License-Identifier: MIT
/*
 * nvt-run without a device: YAML loading and its error positions,
 * expressions, parametrize, -k filters, step validation messages,
 * collection of folders, and whole runs of device-free test cases.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../tools/nvt-run/collect.h"
#include "../../tools/nvt-run/doc.h"
#include "../../tools/nvt-run/expr.h"
#include "../../tools/nvt-run/filter.h"
#include "../../tools/nvt-run/params.h"
#include "../../tools/nvt-run/report.h"
#include "../../tools/nvt-run/run.h"
#include "../../tools/nvt-run/steps.h"

static char err[2048];

/* ---- YAML ---- */

static struct doc *load(const char *text)
{
	struct doc *d = NULL;

	err[0] = 0;
	doc_load_string("t.yaml", text, &d, err, sizeof(err));
	return d;
}

START_TEST(yaml_tree)
{
	struct doc *d = load("a: 1\nb: [x, 'y']\nc: {d: 0x10}\n");
	struct node *n;
	int64_t v;

	ck_assert_ptr_nonnull(d);
	n = node_get(d->root, "b");
	ck_assert_int_eq(n->type, NODE_SEQ);
	ck_assert_int_eq(n->n, 2);
	ck_assert(n->items[0]->plain);
	ck_assert(!n->items[1]->plain);
	ck_assert_int_eq(n->line, 2);
	ck_assert_int_eq(n->col, 4);
	ck_assert(scalar_int(node_get(node_get(d->root, "c"), "d")->str, &v));
	ck_assert_int_eq(v, 16);
	doc_free(d);
}
END_TEST

START_TEST(yaml_errors)
{
	ck_assert_ptr_null(load("a: 1\nb: [1, 2\n"));
	ck_assert_msg(!strncmp(err, "t.yaml:3:", 9) || !strncmp(err, "t.yaml:2:", 9),
		      "position: %s", err);
	ck_assert_ptr_null(load("a: 1\na: 2\n"));
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:2:1:"));
	ck_assert_ptr_nonnull(strstr(err, "duplicate key: a"));
	ck_assert_ptr_null(load("desc: a: b\n"));
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:1:"));
}
END_TEST

START_TEST(yaml_anchors)
{
	struct doc *d = load("base: &b {x: 1}\nother: *b\n");

	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(node_get(node_get(d->root, "other"), "x")->str, "1");
	doc_free(d);
}
END_TEST

START_TEST(scalars)
{
	int64_t v;
	bool b;

	ck_assert(scalar_int("1_000", &v) && v == 1000);
	ck_assert(scalar_int("0b101", &v) && v == 5);
	ck_assert(scalar_int("-3", &v) && v == -3);
	ck_assert(!scalar_int("12abc", &v));
	ck_assert(!scalar_int("", &v));
	ck_assert(scalar_bool("yes", &b) && b);
	ck_assert(scalar_bool("off", &b) && !b);
	ck_assert(!scalar_bool("maybe", &b));
}
END_TEST

/* ---- expressions ---- */

static int64_t ev(const char *text)
{
	struct val v;

	err[0] = 0;
	ck_assert_msg(!expr_eval(text, NULL, &v, NULL, err, sizeof(err)),
		      "%s: %s", text, err);
	ck_assert(!v.is_str);
	return v.i;
}

START_TEST(expr_precedence)
{
	ck_assert_int_eq(ev("1 + 2 * 3"), 7);
	ck_assert_int_eq(ev("(1 + 2) * 3"), 9);
	/* Python: & binds tighter than == */
	ck_assert_int_eq(ev("0x1f & 0xf == 0xf"), 1);
	ck_assert_int_eq(ev("1 << 4 | 1"), 17);
	ck_assert_int_eq(ev("-2 * -3"), 6);
	ck_assert_int_eq(ev("~0 & 0xff"), 255);
	ck_assert_int_eq(ev("7 / 2 + 7 % 2"), 4);
	ck_assert_int_eq(ev("1 < 2 and 2 < 3 or 0"), 1);
	ck_assert_int_eq(ev("not 1 or 0"), 0);
	ck_assert_int_eq(ev("0 ? 5 : 6"), 6);
	ck_assert_int_eq(ev("0 and 1 / 0"), 0);	/* short-circuit */
}
END_TEST

START_TEST(expr_builtins)
{
	ck_assert_int_eq(ev("bit(0x20101, 8)"), 1);
	ck_assert_int_eq(ev("bits(0x20101, 23, 16)"), 2);
	ck_assert_int_eq(ev("bits(0x004018200F0107FF, 51, 48)"), 0);
	ck_assert_int_eq(ev("min(3, 1, 2) + max(4, 9)"), 10);
	ck_assert_int_eq(ev("abs(-5)"), 5);
	ck_assert_int_eq(ev("len('abc')"), 3);
	ck_assert_int_eq(ev("int('0x10')"), 16);
	ck_assert_int_eq(ev("'ab' == 'ab' and 'a' != 'b'"), 1);
}
END_TEST

START_TEST(expr_errors)
{
	struct val v;

	ck_assert_int_lt(expr_eval("1 / 0", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "division by zero"));
	ck_assert_int_lt(expr_eval("1 +", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "column"));
	ck_assert_int_lt(expr_eval("nosuch + 1", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "unknown name 'nosuch'"));
	ck_assert_int_lt(expr_eval("'a' + 1", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_int_lt(expr_eval("frob(1)", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "frob"));
	ck_assert_int_lt(expr_eval("bits(1, 2, 3)", NULL, &v, NULL, err, sizeof(err)), 0);
}
END_TEST

START_TEST(expr_trace_sides)
{
	struct expr_trace tr;
	struct val v;

	ck_assert_int_eq(expr_eval("2 * 3 == 7", NULL, &v, &tr, err, sizeof(err)), 0);
	ck_assert(!val_truth(&v));
	ck_assert(tr.have);
	ck_assert_str_eq(tr.op, "==");
	ck_assert_int_eq(tr.left.i, 6);
	ck_assert_int_eq(tr.right.i, 7);
}
END_TEST

/* ---- parametrize ---- */

START_TEST(params_matrix)
{
	struct doc *d = load("params: {a: [1, 2], b: [x, y, z]}\n");
	struct param_row *rows;
	size_t n;

	ck_assert_int_eq(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_int_eq(n, 6);
	ck_assert_str_eq(rows[0].id, "1-x");
	ck_assert_str_eq(rows[1].id, "1-y");
	ck_assert_str_eq(rows[5].id, "2-z");
	ck_assert_str_eq(rows[4].params[1].name, "b");
	ck_assert_str_eq(rows[4].params[1].value->str, "y");
	params_free(rows, n);
	doc_free(d);
}
END_TEST

START_TEST(params_rows)
{
	struct doc *d = load("params:\n  - {lid: 1, size: 64}\n  - {lid: 2, size: 512, id: smart}\n");
	struct param_row *rows;
	size_t n;

	ck_assert_int_eq(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].id, "1-64");
	ck_assert_str_eq(rows[1].id, "smart");
	ck_assert_int_eq(rows[1].n, 2);
	params_free(rows, n);
	doc_free(d);

	d = load("params: {a: 1}\n");
	ck_assert_int_lt(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:1:"));
	doc_free(d);
}
END_TEST

/* ---- -k ---- */

START_TEST(filters)
{
	const char *id = "testcases/conformance/features.yaml::get_invalid_fid[0x03]";

	ck_assert_int_eq(filter_match("features", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("FEATURES and invalid", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("features and not invalid", id, err, sizeof(err)), 0);
	ck_assert_int_eq(filter_match("identify or (fid and 0x03)", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("not (fid or cns)", id, err, sizeof(err)), 0);
	ck_assert_int_lt(filter_match("a and (b", id, err, sizeof(err)), 0);
	ck_assert_int_lt(filter_match("and", id, err, sizeof(err)), 0);
}
END_TEST

/* ---- step validation ---- */

static const char *validate(const char *text)
{
	struct doc *d = load(text);

	ck_assert_msg(d != NULL, "%s", err);
	if (!steps_validate(d->root, err, sizeof(err)))
		err[0] = 0;
	doc_free(d);
	return err;
}

START_TEST(step_errors)
{
	ck_assert_str_eq(validate("- identify: {cns: 1}\n  expect: 00/0b\n"), "");
	ck_assert_str_eq(validate("- reset:\n- getfeatures: 7\n"), "");
	ck_assert_ptr_nonnull(strstr(validate("- idntify: {cns: 1}\n"),
				     "t.yaml:1:3: unknown step 'idntify'"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {cnss: 1}\n"),
				     "unknown argument 'cnss' (expected: cns, nsid, cntid, csi, buf)"));
	ck_assert_ptr_nonnull(strstr(validate("- getfeatures: {sel: 1}\n"),
				     "fid"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  reset:\n"),
				     "one step per list item"));
	ck_assert_ptr_nonnull(strstr(validate("- set: {x: 1}\n  expect: 00/00\n"),
				     "not a command"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  expect: 0/zz\n"),
				     "t.yaml:2:"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  keep: 3x\n"),
				     "not a valid name"));
	ck_assert_ptr_nonnull(strstr(validate("identify: {}\n"),
				     "expected a list of steps"));
	ck_assert_ptr_nonnull(strstr(validate("- loop: {var: i, range: [3], steps: [{nope: 1}]}\n"),
				     "unknown step 'nope'"));
}
END_TEST

/* Every step name is unique across the tables (no step hides another). */
static void count_name(const struct step_def *d, void *arg)
{
	const char **names = arg;
	size_t i;

	for (i = 0; names[i]; i++)
		ck_assert_msg(strcmp(names[i], d->name), "step '%s' twice", d->name);
	names[i] = d->name;
}

START_TEST(step_names_unique)
{
	const char *names[256] = { NULL };

	steps_each(count_name, names);
	ck_assert_ptr_eq(steps_find("compare")->args, steps_find("read")->args);
	ck_assert_ptr_nonnull(steps_find("buf_compare"));
}
END_TEST

/* ---- collection and device-free runs ---- */

static char dir[] = "/tmp/nvt-run-unit.XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static const char conftest[] =
	"vars: {base: 10}\n"
	"fixtures:\n"
	"  counter:\n"
	"    scope: suite\n"
	"    setup: [{set: {made: 1}}]\n";

static const char suite[] =
	"suite: device-free\n"
	"vars: {step: 2}\n"
	"tests:\n"
	"  - name: add\n"
	"    params: {a: [1, 2], b: [3]}\n"
	"    steps:\n"
	"      - set: {c: a + b + base}\n"
	"      - check: c == a + b + 10\n"
	"  - name: loops\n"
	"    use: counter\n"
	"    steps:\n"
	"      - set: {s: 0}\n"
	"      - loop: {var: i, range: [0, 10, step], steps: [{set: {s: s + i}}]}\n"
	"      - repeat: {count: 3, var: k, steps: [{set: {s: s + k}}]}\n"
	"      - check: [s == 23, made == 1]\n"
	"  - name: fails\n"
	"    steps:\n"
	"      - set: {x: 3}\n"
	"      - check: {that: x * 2 == 7, msg: doubled}\n"
	"  - name: skipped\n"
	"    skip_if: {when: base == 10, reason: ten}\n"
	"    steps: [{fail: never}]\n"
	"  - name: skip_step\n"
	"    steps:\n"
	"      - skip: {when: base > 100, reason: big}\n"
	"      - skip: {when: base == 10, reason: not supported here}\n"
	"      - fail: not reached\n"
	"  - name: expected_failure\n"
	"    xfail: known\n"
	"    steps: [{fail: boom}]\n"
	"  - name: repeated\n"
	"    repeat: 4\n"
	"    steps:\n"
	"      - set: {n: iteration}\n"
	"  - name: buffers\n"
	"    steps:\n"
	"      - buffer: {name: b, size: 64, host: true, pattern: inc16}\n"
	"      - poke: {buf: b, first: 8, last: 11, value: 0x12345678}\n"
	"      - check: [b.size == 64, 'b.data(1, 0) == 0', 'b.data(3, 2) == 1', 'b.data(11, 8) == 0x12345678']\n"
	"  - name: csv\n"
	"    steps:\n"
	"      - csv: {file: out.csv, header: [a, b], row: [1, base]}\n"
	"      - csv: {file: out.csv, header: [a, b], row: [2, base * 2]}\n";

START_TEST(collect_and_run)
{
	struct collection c;
	struct report_opts po = { 0 };
	struct run_opts ro = { .seed = 1 };
	struct report *rp;
	struct runner r;
	char results[600], path[700], line[128], *paths[1] = { dir };
	char *outdir;
	enum outcome want[] = {
		OUT_PASSED, OUT_PASSED, OUT_PASSED, OUT_FAILED, OUT_SKIPPED,
		OUT_SKIPPED, OUT_XFAILED, OUT_PASSED, OUT_PASSED, OUT_PASSED,
	};
	FILE *f;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file("conftest.yaml", conftest);
	write_file("free.yaml", suite);
	write_file("broken.yaml", "tests:\n  - name: x\n    steps:\n      - frob: 1\n");
	snprintf(results, sizeof(results), "%s/results", dir);

	/* collection errors are reported per file, with the position */
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(c.errors[0], "broken.yaml:4:9: unknown step 'frob'"));
	collection_free(&c);
	snprintf(path, sizeof(path), "%s/broken.yaml", dir);
	unlink(path);

	/* -k and FILE::TEST */
	ck_assert_int_eq(collect(&c, paths, 1, "add and not 2-3", err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 1);
	ck_assert_int_eq(c.ndeselected, 9);
	collection_free(&c);
	snprintf(path, sizeof(path), "%s/free.yaml::loops", dir);
	paths[0] = path;
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 1);
	collection_free(&c);
	ck_assert_int_lt(collect(&c, paths, 1, "a and (", err, sizeof(err)), 0);

	paths[0] = dir;
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 10);
	ck_assert_str_eq(c.tests[0]->id, "add[1-3]");
	po.results = results;
	po.verbosity = 1;
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	ro.results = results;
	ro.bdf = "0000:ff:1f.7";	/* nothing there: device-free tests still run */
	runner_open(&r, &ro, rp);
	run_all(&r, &c);
	runner_close(&r);
	for (i = 0; i < c.ntests; i++)
		ck_assert_msg(c.tests[i]->res.outcome == want[i],
			      "%s: %s (%s)", c.tests[i]->id,
			      outcome_name(c.tests[i]->res.outcome),
			      c.tests[i]->res.reason ? c.tests[i]->res.reason : "");
	ck_assert_ptr_nonnull(strstr(c.tests[3]->res.reason,
				     "free.yaml:19: check: doubled: x * 2 == 7 is false: 6 == 7"));
	ck_assert_str_eq(c.tests[4]->res.reason, "ten");
	ck_assert_str_eq(c.tests[5]->res.reason, "not supported here");
	ck_assert_int_eq(report_finish(rp, &c, 0.5), 1);
	outdir = report_outdir(rp, c.tests[9]);
	ck_assert_ptr_nonnull(outdir);
	ck_assert_ptr_null(strchr(outdir + strlen(results) + 7, '/'));
	ck_assert_ptr_null(strchr(outdir + strlen(results) + 7, ':'));
	report_close(rp);

	/* the files of a run */
	snprintf(path, sizeof(path), "%s/junit.xml", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/results.json", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/nvt-run.log", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/out.csv", outdir);
	free(outdir);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s", path);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "a,b\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "1,10\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "2,20\n");
	fclose(f);
	collection_free(&c);
}
END_TEST

/*
 * Write @text to @name in a new temporary folder, collect that file (or
 * the whole folder) and run it quietly against a device that is not there.
 * Returns report_finish()'s exit code.
 */
static int run_text(const char *name, const char *text, mode_t mode,
		    bool whole_folder, struct collection *c)
{
	char tmp[] = "/tmp/nvt-run-unit-t.XXXXXX", path[600];
	char *paths[1] = { whole_folder ? tmp : path };
	struct run_opts ro = { .bdf = "0000:ff:1f.7" };
	struct report_opts po = { .verbosity = -1 };
	struct report *rp;
	struct runner r;
	FILE *f;
	int ret;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	ck_assert_int_eq(collect(c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c->nerrors, 0);
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	runner_open(&r, &ro, rp);
	run_all(&r, c);
	runner_close(&r);
	ret = report_finish(rp, c, 0.1);
	report_close(rp);
	return ret;
}

START_TEST(device_steps_error_without_device)
{
	struct collection c;

	ck_assert_int_eq(run_text("dev.yaml",
				  "tests:\n  - name: needs_device\n    steps:\n      - identify: {cns: 1}\n",
				  0644, false, &c), 1);
	ck_assert_int_eq(c.tests[0]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.reason, "cannot open the device"));
	collection_free(&c);
}
END_TEST

/* A C test program's protocol, from a stand-in script. */
START_TEST(c_program_protocol)
{
	struct collection c;

	run_text("test_fake",
		 "#!/bin/sh\n"
		 "[ \"$1\" = --list ] && { echo one; echo two; echo three; echo four; exit 0; }\n"
		 "[ \"$1 $3\" = \"--run --protocol\" ] || exit 9\n"
		 "case $2 in\n"
		 "one) echo a log line; echo '@@nvt warning odd'; echo '@@nvt result PASSED';;\n"
		 "two) echo '@@nvt result FAILED t.c:3: check failed: x'; exit 1;;\n"
		 "three) kill -SEGV $$;;\n"
		 "four) exit 0;;\n"
		 "esac\n", 0755, true, &c);
	ck_assert_int_eq(c.ntests, 4);
	ck_assert_int_eq(c.tests[0]->res.outcome, OUT_PASSED);
	ck_assert_int_eq(c.tests[0]->res.nwarnings, 1);
	ck_assert_str_eq(c.tests[0]->res.warnings[0], "odd");
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.log, "a log line"));
	ck_assert_int_eq(c.tests[1]->res.outcome, OUT_FAILED);
	ck_assert_str_eq(c.tests[1]->res.reason, "t.c:3: check failed: x");
	ck_assert_int_eq(c.tests[2]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[2]->res.reason, "signal 11"));
	ck_assert_int_eq(c.tests[3]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[3]->res.reason, "without a result"));
	collection_free(&c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("nvt-run");
	TCase *tc = tcase_create("parts");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, yaml_tree);
	tcase_add_test(tc, yaml_errors);
	tcase_add_test(tc, yaml_anchors);
	tcase_add_test(tc, scalars);
	tcase_add_test(tc, expr_precedence);
	tcase_add_test(tc, expr_builtins);
	tcase_add_test(tc, expr_errors);
	tcase_add_test(tc, expr_trace_sides);
	tcase_add_test(tc, params_matrix);
	tcase_add_test(tc, params_rows);
	tcase_add_test(tc, filters);
	tcase_add_test(tc, step_errors);
	tcase_add_test(tc, step_names_unique);
	tcase_add_test(tc, collect_and_run);
	tcase_add_test(tc, device_steps_error_without_device);
	tcase_add_test(tc, c_program_protocol);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
