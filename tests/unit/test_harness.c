// SPDX-License-Identifier: MIT
/*
 * The custom C test harness (<nvt/test.h>) without a device: tests that ask
 * for no fixture, run by nvt_test_main() as a test program would be, with
 * parameter rows, selection, --list, --run and bad names.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nvt/test.h>
#include "unit.h"

static char ran[16][32];	/* "name:index:param" of each run, in order */
static unsigned nran;

static void record(struct nvt_test *t, const char *name)
{
	const char *p = nvt_test_param(t);

	if (nran < 16)
		snprintf(ran[nran++], sizeof(ran[0]), "%s:%u:%s", name,
			 nvt_test_param_index(t), p ? p : "-");
}

static void plain(struct nvt_test *t)
{
	record(t, "plain");
}

static void sizes(struct nvt_test *t)
{
	record(t, "sizes");
	/* the row "fail" fails: outcomes stay per row */
	if (!strcmp(nvt_test_param(t), "fail"))
		nvt_test_fail(t, __FILE__, __LINE__, "the failing row");
}

static const char *const size_ids[] = { "512", "4k", "fail", NULL };

static const struct nvt_test_case cases[] = {
	{ .name = "plain", .fn = plain },
	{ .name = "sizes", .fn = sizes, .params = size_ids },
	{ .name = NULL }
};

/* nvt_test_main() with @args, its stdout thrown away. */
static int run_main(const struct nvt_test_case *tc, const char **args)
{
	char *argv[16] = { "test_h" };
	int argc = 1, ret, saved;

	while (args && args[argc - 1] && argc < 15) {
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	nran = 0;
	optind = 1;	/* getopt starts over, as in a new program */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	ck_assert(freopen("/dev/null", "w", stdout) != NULL);
	ret = nvt_test_main(argc, argv, tc);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return ret;
}

START_TEST(rows_run_each)
{
	/* one row fails: exit status 1, every row ran once, in order */
	ck_assert_int_eq(run_main(cases, NULL), 1);
	ck_assert_uint_eq(nran, 4);
	ck_assert_str_eq(ran[0], "plain:0:-");
	ck_assert_str_eq(ran[1], "sizes:0:512");
	ck_assert_str_eq(ran[2], "sizes:1:4k");
	ck_assert_str_eq(ran[3], "sizes:2:fail");
}
END_TEST

START_TEST(rows_selected)
{
	const char *by_name[] = { "sizes[4k]", NULL };
	const char *by_k[] = { "-k", "512", NULL };
	const char *by_run[] = { "--run", "sizes[fail]", "--protocol", NULL };
	const char *no_row[] = { "--run", "sizes[8k]", "--protocol", NULL };
	const char *listed[] = { "--list", NULL };

	ck_assert_int_eq(run_main(cases, by_name), 0);
	ck_assert_uint_eq(nran, 1);
	ck_assert_str_eq(ran[0], "sizes:1:4k");
	ck_assert_int_eq(run_main(cases, by_k), 0);
	ck_assert_uint_eq(nran, 1);
	ck_assert_str_eq(ran[0], "sizes:0:512");
	ck_assert_int_eq(run_main(cases, by_run), 1);
	ck_assert_uint_eq(nran, 1);
	ck_assert_str_eq(ran[0], "sizes:2:fail");
	ck_assert_int_eq(run_main(cases, no_row), 2);
	ck_assert_uint_eq(nran, 0);
	ck_assert_int_eq(run_main(cases, listed), 0);
	ck_assert_uint_eq(nran, 0);
}
END_TEST

START_TEST(bad_names_refused)
{
	static const char *const bad_id[] = { "a b", NULL };
	static const char *const none[] = { NULL };
	const struct nvt_test_case bad_row[] = {
		{ .name = "t", .fn = plain, .params = bad_id }, { .name = NULL }
	};
	const struct nvt_test_case empty[] = {
		{ .name = "t", .fn = plain, .params = none }, { .name = NULL }
	};
	const struct nvt_test_case bad_name[] = {
		{ .name = "t[1]", .fn = plain }, { .name = NULL }
	};

	ck_assert_int_eq(run_main(bad_row, NULL), 2);
	ck_assert_int_eq(run_main(empty, NULL), 2);
	ck_assert_int_eq(run_main(bad_name, NULL), 2);
	ck_assert_uint_eq(nran, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("harness");
	TCase *tc = tcase_create("params");

	tcase_add_test(tc, rows_run_each);
	tcase_add_test(tc, rows_selected);
	tcase_add_test(tc, bad_names_refused);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
