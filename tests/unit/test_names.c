// SPDX-License-Identifier: MIT
/* Opcode and status names, identify field tables, the cmdlog text layout. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>
#include "unit.h"

START_TEST(opcodes)
{
	ck_assert_str_eq(nvt_admin_opcode_name(0x06), "Identify");
	ck_assert_str_eq(nvt_admin_opcode_name(0x80), "Format NVM");
	ck_assert_str_eq(nvt_admin_opcode_name(0x03), "Unknown");
	ck_assert_str_eq(nvt_admin_opcode_name(0xc1), "Vendor Specific");
	ck_assert_str_eq(nvt_io_opcode_name(0x02), "Read");
	ck_assert_str_eq(nvt_io_opcode_name(0x7d), "Zone Append");
	ck_assert_str_eq(nvt_io_opcode_name(0x06), "Unknown");
}
END_TEST

START_TEST(statuses)
{
	/* spread over the table: a lookup that needs it sorted */
	ck_assert_str_eq(nvt_status_name(0x000), "SUCCESS");
	ck_assert_str_eq(nvt_status_name(0x002), "Invalid Field in Command");
	ck_assert_str_eq(nvt_status_name(0x00b), "Invalid Namespace or Format");
	ck_assert_str_eq(nvt_status_name(0x013), "PRP Offset Invalid");
	ck_assert_str_eq(nvt_status_name(0x080), "LBA Out of Range");
	ck_assert_str_eq(nvt_status_name(0x101), "Invalid Queue Identifier");
	ck_assert_str_eq(nvt_status_name(0x109), "Invalid Log Page");
	ck_assert_str_eq(nvt_status_name(0x10e), "Feature Not Changeable");
	ck_assert_str_eq(nvt_status_name(0x1b8), "Zone Boundary Error");
	ck_assert_str_eq(nvt_status_name(0x1b9), "Zone Is Full");
	ck_assert_str_eq(nvt_status_name(0x1bf), "Zone Invalid State Transition");
	ck_assert_str_eq(nvt_status_name(0x285), "Compare Failure");
	ck_assert_str_eq(nvt_status_name(0x371), "Command Aborted By Host");
	ck_assert_str_eq(nvt_status_name(NVT_STATUS_TIMEOUT),
			 "Command Timeout (nvt)");
	ck_assert_str_eq(nvt_status_name(NVT_STATUS_ABORTED),
			 "Aborted by Reset (nvt)");
	ck_assert_str_eq(nvt_status_name(0x2ff), "Media and Data Integrity Error");
	ck_assert_str_eq(nvt_status_name(0x7c0), "Vendor Specific");
	ck_assert_str_eq(nvt_status_name(0x4ff), "Unknown");
}
END_TEST

static void check_table(const struct nvt_id_field *t, size_t n)
{
	size_t i, j;

	ck_assert_uint_gt(n, 20);
	for (i = 0; i < n; i++) {
		ck_assert_uint_le(t[i].first, t[i].last);
		ck_assert_uint_lt(t[i].last, 4096);
		ck_assert(t[i].is_string || t[i].last - t[i].first < 8);
		ck_assert_ptr_nonnull(t[i].desc);
		/* in byte order, no overlap, names unique */
		if (i)
			ck_assert_uint_gt(t[i].first, t[i - 1].last);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(t[i].name, t[j].name);
	}
}

START_TEST(id_tables)
{
	const struct nvt_id_field *t, *f;
	size_t n;

	t = nvt_id_ctrl_fields(&n);
	check_table(t, n);
	f = nvt_id_field_find(t, n, "mdts");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->first, 77);
	f = nvt_id_field_find(t, n, "MN");
	ck_assert(f && f->is_string && f->first == 24 && f->last == 63);
	f = nvt_id_field_find(t, n, "oncs");
	ck_assert(f && f->first == 520 && f->last == 521);
	f = nvt_id_field_find(t, n, "aerl");
	ck_assert(f && f->first == 259);
	ck_assert_ptr_null(nvt_id_field_find(t, n, "nope"));
	ck_assert_ptr_null(nvt_id_field_find(t, n, NULL));

	t = nvt_id_ns_fields(&n);
	check_table(t, n);
	f = nvt_id_field_find(t, n, "flbas");
	ck_assert(f && f->first == 26);
	f = nvt_id_field_find(t, n, "lbaf15");
	ck_assert(f && f->first == 188 && f->last == 191);
}
END_TEST

static char *format(const struct nvt_log_entry *e, unsigned index)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	nvt_cmdlog_format(e, index, f);
	fclose(f);
	return text;
}

START_TEST(cmdlog_text)
{
	struct nvt_log_entry e = { .qid = 0 };
	char *text;

	setenv("TZ", "UTC", 1);
	e.sqe[0] = 0x007e0006;
	e.sqe[1] = 2;
	e.sqe[6] = 0x26cbe000;
	e.cqe[2] = 3;
	e.cqe[3] = 0x0001007e;
	e.submit_ns = 1665251248954447000ull;
	e.complete_ns = 1665251248954568000ull;
	e.flags = NVT_LOG_DONE;
	text = format(&e, 33);
	ck_assert_str_eq(text,
		"2022-10-08 17:47:28.954447 [cmd000033: Identify, sqid: 0]\n"
		"0x007e0006, 0x00000002, 0x00000000, 0x00000000\n"
		"0x00000000, 0x00000000, 0x26cbe000, 0x00000000\n"
		"0x00000000, 0x00000000, 0x00000000, 0x00000000\n"
		"0x00000000, 0x00000000, 0x00000000, 0x00000000\n"
		"2022-10-08 17:47:28.954568 [cpl: SUCCESS]\n"
		"0x00000000, 0x00000000, 0x00000003, 0x0001007e\n\n");
	free(text);

	/* an I/O command that timed out: names from the I/O table */
	e.qid = 1;
	e.sqe[0] = 0x00050002;
	e.cqe[3] = 0x0005u | ((uint32_t)NVT_STATUS_TIMEOUT << 17);
	e.flags = NVT_LOG_DONE | (NVT_CPL_TIMEOUT << 8);
	text = format(&e, 0);
	ck_assert_ptr_nonnull(strstr(text, "[cmd000000: Read, sqid: 1]"));
	ck_assert_ptr_nonnull(strstr(text, "[cpl: Command Timeout (nvt), timeout]"));
	free(text);

	e.flags = 0;
	text = format(&e, 7);
	ck_assert_ptr_nonnull(strstr(text, "[cpl: outstanding]\n"));
	ck_assert_ptr_null(strstr(text, "0x00000005"));
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("tables");

	tcase_add_test(tc, opcodes);
	tcase_add_test(tc, statuses);
	tcase_add_test(tc, id_tables);
	tcase_add_test(tc, cmdlog_text);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
