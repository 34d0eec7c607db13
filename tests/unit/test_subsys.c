// SPDX-License-Identifier: MIT
/*
 * nvt_subsys_opts without a device: subsystem.c is built in here to see
 * which fields of the options nvt_subsys_open() reads and what it keeps.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../libnvt/subsystem.c"
#include "unit.h"

static struct nvt_ctrl ctrl = { .fd = -1 };

static void no_environment(void)
{
	unsetenv("NVT_POWER_OFF");
	unsetenv("NVT_POWER_ON");
}

START_TEST(subsys_opts_defaults)
{
	struct nvt_subsys_opts o;
	unsigned char raw[sizeof(o) + 8];

	memset(&o, 0xa5, sizeof(o));
	nvt_subsys_opts_init(&o, sizeof(o));
	ck_assert_uint_eq(o.size, sizeof(o));
	ck_assert_ptr_null(o.power_off);
	ck_assert_ptr_null(o.power_on);
	ck_assert_uint_eq(o.timeout_s, 10);
	/* an older, shorter struct: nothing written past its size */
	memset(raw, 0xa5, sizeof(raw));
	nvt_subsys_opts_init((struct nvt_subsys_opts *)raw, 16);
	ck_assert_uint_eq(((struct nvt_subsys_opts *)raw)->size, 16);
	ck_assert_uint_eq(raw[16], 0xa5);
}
END_TEST

START_TEST(subsys_opts_sizes)
{
	struct nvt_subsys_opts o;
	struct nvt_subsys *s = (struct nvt_subsys *)1;
	char err[256] = "";

	no_environment();
	/* not initialized: refused with a message */
	memset(&o, 0, sizeof(o));
	o.power_off = "true";
	o.power_on = "true";
	ck_assert_int_eq(nvt_subsys_open(&ctrl, &o, &s, err, sizeof(err)),
			 -EINVAL);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err, "nvt_subsys_opts_init()"));
	o.size = sizeof(o.size) - 1;
	ck_assert_int_eq(nvt_subsys_open(&ctrl, &o, &s, err, sizeof(err)),
			 -EINVAL);
	/* a caller that knows only the size field: every field a default */
	o.size = sizeof(o.size);
	o.timeout_s = 3;	/* the commands too: past its size, never read */
	ck_assert_int_eq(nvt_subsys_open(&ctrl, &o, &s, err, sizeof(err)), 0);
	ck_assert(!nvt_subsys_has_power(s));
	ck_assert_uint_eq(s->timeout_s, 10);
	nvt_subsys_close(s);
	/* one that knows the power off command too: half a controller */
	o.size = NVT_FIELD_END(struct nvt_subsys_opts, power_off);
	ck_assert_int_eq(nvt_subsys_open(&ctrl, &o, &s, err, sizeof(err)),
			 -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "both commands"));
	/* the whole struct */
	nvt_subsys_opts_init(&o, sizeof(o));
	o.power_off = "true";
	o.power_on = "false";
	o.timeout_s = 3;
	ck_assert_int_eq(nvt_subsys_open(&ctrl, &o, &s, err, sizeof(err)), 0);
	ck_assert(nvt_subsys_has_power(s));
	ck_assert_str_eq(s->power_off, "true");
	ck_assert_str_eq(s->power_on, "false");
	ck_assert_uint_eq(s->timeout_s, 3);
	nvt_subsys_close(s);
}
END_TEST

START_TEST(subsys_opts_null_takes_the_environment)
{
	struct nvt_subsys *s;
	char err[256] = "";

	setenv("NVT_POWER_OFF", "true", 1);
	setenv("NVT_POWER_ON", "true", 1);
	ck_assert_int_eq(nvt_subsys_open(&ctrl, NULL, &s, err, sizeof(err)), 0);
	ck_assert(nvt_subsys_has_power(s));
	ck_assert_uint_eq(s->timeout_s, 10);
	nvt_subsys_close(s);
	no_environment();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("subsys");
	TCase *tc = tcase_create("opts");

	tcase_add_test(tc, subsys_opts_defaults);
	tcase_add_test(tc, subsys_opts_sizes);
	tcase_add_test(tc, subsys_opts_null_takes_the_environment);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
