// SPDX-License-Identifier: MIT
/*
 * nvt-run's live status line: nothing when it is off or the work is short,
 * one line rewritten in place and cleared at the end when the work takes
 * longer than a second, and a worker's figures as the line shows them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nvt/worker.h>

#include "../../tools/nvt-run/progress.h"
#include "unit.h"

START_TEST(off_writes_nothing)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct progress *p = progress_open(f, false, NULL, NULL);

	ck_assert_ptr_null(p);
	progress_begin(p, "format");
	progress_update(p, "x");
	progress_end(p);
	progress_close(p);
	fclose(f);
	ck_assert_int_eq(len, 0);
	free(text);
}
END_TEST

START_TEST(short_work_writes_nothing)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct progress *p = progress_open(f, true, NULL, NULL);

	ck_assert_ptr_nonnull(p);
	progress_begin(p, "format");
	usleep(300000);
	progress_end(p);
	progress_close(p);
	fclose(f);
	ck_assert_int_eq(len, 0);
	free(text);
}
END_TEST

START_TEST(long_work_one_line_cleared)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct progress *p = progress_open(f, true, NULL, NULL);

	progress_begin(p, "ioworker w");
	progress_update(p, "1.0 of 10 s, 5 IOPS, no errors");
	usleep(1700000);
	progress_end(p);
	fflush(f);
	/* redrawn in place (\r, no newline), erased at the end */
	ck_assert_ptr_nonnull(strstr(text, "\r  ioworker w: 1.0 of 10 s, 5 IOPS, no errors\033[K\r"));
	ck_assert_ptr_null(strchr(text, '\n'));
	ck_assert_int_ge(len, 4);
	ck_assert_str_eq(text + len - 4, "\r\033[K");
	/* a second long step starts its own line; a short one adds nothing */
	progress_begin(p, "format");
	progress_end(p);
	fflush(f);
	ck_assert_str_eq(text + len - 4, "\r\033[K");
	progress_close(p);
	fclose(f);
	free(text);
}
END_TEST

static unsigned column_30(void *arg)
{
	return 30;
}

START_TEST(below_an_open_line)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct progress *p = progress_open(f, true, column_30, NULL);

	progress_begin(p, "format");
	usleep(1300000);
	progress_end(p);
	fflush(f);
	/* a line of its own below the tests' dots, then back to their end */
	ck_assert(!strncmp(text, "\n\r  format: 1.", 14));
	ck_assert_ptr_null(strchr(text + 1, '\n'));
	ck_assert_str_eq(text + len - 12, "\r\033[K\033[A\033[30C");
	progress_close(p);
	fclose(f);
	free(text);
}
END_TEST

START_TEST(worker_text)
{
	struct nvt_worker_result now = {
		.io_count_read = 900, .io_count_nonread = 100, .mseconds = 3000,
	};
	char buf[160];

	progress_worker_text(buf, sizeof(buf), &now, 10000, 0, 1234.4);
	ck_assert_str_eq(buf, "3.0 of 10 s, 1234 IOPS, no errors");
	now.error = 0x281;
	progress_worker_text(buf, sizeof(buf), &now, 0, 5000, 99);
	ck_assert_str_eq(buf, "1000 of 5000 I/Os, 99 IOPS, error 02/81");
	progress_worker_text(buf, sizeof(buf), &now, 0, 0, 0);
	ck_assert_str_eq(buf, "1000 I/Os, 0 IOPS, error 02/81");
	progress_worker_text(buf, 12, &now, 0, 0, 0);
	ck_assert_str_eq(buf, "1000 I/Os, ");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("progress");

	tcase_add_test(tc, off_writes_nothing);
	tcase_add_test(tc, short_work_writes_nothing);
	tcase_add_test(tc, long_work_one_line_cleared);
	tcase_add_test(tc, below_an_open_line);
	tcase_add_test(tc, worker_text);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
