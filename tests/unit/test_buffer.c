// SPDX-License-Identifier: MIT
/* nvt_buf without a device: patterns, windows, fields, compare, DSM ranges. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>
#include "unit.h"

static struct nvt_buf *host(size_t len)
{
	struct nvt_buf *b;

	ck_assert_int_eq(nvt_buf_alloc_host(len, &b), 0);
	return b;
}

START_TEST(alloc_limits)
{
	struct nvt_buf *b = (struct nvt_buf *)1;

	ck_assert_int_eq(nvt_buf_alloc_host(0, &b), -EINVAL);
	ck_assert_ptr_null(b);
	ck_assert_int_eq(nvt_buf_alloc_host(NVT_BUF_MAX_LEN + 1, &b), -EINVAL);
	b = host(NVT_BUF_MAX_LEN);
	ck_assert_uint_eq(nvt_buf_length(b), NVT_BUF_MAX_LEN);
	ck_assert_uint_eq(nvt_buf_size(b), NVT_BUF_MAX_LEN);
	ck_assert_uint_eq(nvt_buf_offset(b), 0);
	ck_assert(!nvt_buf_is_dma(b));
	ck_assert_uint_eq(nvt_buf_dma(b), 0);
	ck_assert_uint_eq(nvt_buf_data(b)[12345], 0);
	nvt_buf_free(b);
	nvt_buf_free(NULL);
}
END_TEST

/*
 * The Guard's CRC: CRC-16/T10-DIF's check value (its CRC of "123456789"),
 * in one call or two, and of zeros (0: an all-zero LBA's Guard is 0000h).
 */
START_TEST(crc16_t10dif)
{
	static const char digits[] = "123456789";
	static const uint8_t zeros[512];

	ck_assert_uint_eq(nvt_crc16_t10dif(0, digits, 9), 0xd0db);
	ck_assert_uint_eq(nvt_crc16_t10dif(nvt_crc16_t10dif(0, digits, 4),
					   digits + 4, 5), 0xd0db);
	ck_assert_uint_eq(nvt_crc16_t10dif(0, zeros, sizeof(zeros)), 0);
	ck_assert_uint_eq(nvt_crc16_t10dif(0x1234, digits, 0), 0x1234);
}
END_TEST

START_TEST(patterns)
{
	struct nvt_buf *b = host(4096);
	uint8_t *d = nvt_buf_data(b);
	uint64_t v;
	size_t i;

	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_ONES, 0), 0);
	for (i = 0; i < 4096; i++)
		ck_assert_uint_eq(d[i], 0xff);
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_DWORD, 0x12345678), 0);
	ck_assert_int_eq(nvt_buf_get_int(b, 4092, 4095, &v), 0);
	ck_assert_uint_eq(v, 0x12345678);
	ck_assert_uint_eq(d[1], 0x56);
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_INC16, 0xfffe), 0);
	ck_assert_int_eq(nvt_buf_get_int(b, 0, 1, &v), 0);
	ck_assert_uint_eq(v, 0xfffe);
	ck_assert_int_eq(nvt_buf_get_int(b, 4, 5, &v), 0);
	ck_assert_uint_eq(v, 0x0000);	/* wraps */
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_DEC16, 10), 0);
	ck_assert_int_eq(nvt_buf_get_int(b, 6, 7, &v), 0);
	ck_assert_uint_eq(v, 7);
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_ZEROS, 0), 0);
	for (i = 0; i < 4096; i++)
		ck_assert_uint_eq(d[i], 0);
	nvt_buf_free(b);
}
END_TEST

START_TEST(random_percentage)
{
	struct nvt_buf *a = host(100 * 1024), *b = host(100 * 1024);
	uint8_t *d = nvt_buf_data(a);
	size_t i, nonzero = 0, tail_nonzero = 0;

	ck_assert_int_eq(nvt_buf_fill(a, NVT_PAT_RANDOM, 101), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(a), "101%"));
	ck_assert_int_eq(nvt_buf_fill(a, NVT_PAT_RANDOM, 30), 0);
	for (i = 0; i < 100 * 1024; i++) {
		nonzero += d[i] != 0;
		tail_nonzero += i >= 30 * 1024 && d[i];
	}
	/* 30 KiB random: about 1/256 of them happen to be zero */
	ck_assert_uint_gt(nonzero, 30 * 1024 * 99 / 100);
	ck_assert_uint_eq(tail_nonzero, 0);
	ck_assert_int_eq(nvt_buf_fill(a, NVT_PAT_RANDOM, 100), 0);
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_RANDOM, 100), 0);
	ck_assert_int_eq(nvt_buf_compare(a, b, NULL), 1);
	nvt_buf_free(a);
	nvt_buf_free(b);
}
END_TEST

/* No percentage (0) is all random: never zeros, new bytes on every fill. */
START_TEST(random_by_default)
{
	struct nvt_buf *a = host(64 * 1024), *b = host(64 * 1024);
	struct nvt_buf *before = host(64 * 1024);
	uint8_t *d = nvt_buf_data(a);
	size_t i, zeros = 0, tail_zeros = 0;

	ck_assert_int_eq(nvt_buf_fill(a, NVT_PAT_RANDOM, 0), 0);
	ck_assert_int_eq(nvt_buf_fill(b, NVT_PAT_RANDOM, 0), 0);
	ck_assert_int_eq(nvt_buf_compare(a, b, NULL), 1);
	for (i = 0; i < 64 * 1024; i++) {
		zeros += !d[i];
		tail_zeros += i >= 63 * 1024 && !d[i];
	}
	/* about 1/256 of random bytes happen to be zero, up to the end */
	ck_assert_uint_lt(zeros, 64 * 1024 / 100);
	ck_assert_uint_lt(tail_zeros, 1024 / 100);
	memcpy(nvt_buf_data(before), d, 64 * 1024);
	ck_assert_int_eq(nvt_buf_fill(a, NVT_PAT_RANDOM, 0), 0);
	ck_assert_int_eq(nvt_buf_compare(a, before, NULL), 1);
	nvt_buf_free(a);
	nvt_buf_free(b);
	nvt_buf_free(before);
}
END_TEST

START_TEST(pattern_names)
{
	enum nvt_pattern p;

	ck_assert_int_eq(nvt_pattern_parse("random", &p), 0);
	ck_assert_int_eq(p, NVT_PAT_RANDOM);
	ck_assert_int_eq(nvt_pattern_parse("INC16", &p), 0);
	ck_assert_int_eq(p, NVT_PAT_INC16);
	ck_assert_int_eq(nvt_pattern_parse("stripes", &p), -EINVAL);
	ck_assert_int_eq(nvt_pattern_parse(NULL, &p), -EINVAL);
}
END_TEST

START_TEST(window)
{
	struct nvt_buf *b = host(515);

	ck_assert_int_eq(nvt_buf_set_window(b, 3, 512), 0);
	ck_assert_uint_eq(nvt_buf_offset(b), 3);
	ck_assert_uint_eq(nvt_buf_size(b), 512);
	ck_assert_int_eq(nvt_buf_set_window(b, 4, 512), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(b), "outside"));
	/* a failed change leaves the window as it was */
	ck_assert_uint_eq(nvt_buf_offset(b), 3);
	ck_assert_int_eq(nvt_buf_set_window(b, 516, 0), -EINVAL);
	ck_assert_int_eq(nvt_buf_set_window(b, 515, 0), 0);
	nvt_buf_free(b);
}
END_TEST

START_TEST(fields)
{
	struct nvt_buf *b = host(4096);
	char s[64];
	uint64_t v;

	memcpy(nvt_buf_data(b) + 24, "QEMU NVMe Ctrl                          ", 40);
	ck_assert_int_eq(nvt_buf_get_str(b, 24, 63, s, sizeof(s)), 0);
	ck_assert_str_eq(s, "QEMU NVMe Ctrl");
	ck_assert_int_eq(nvt_buf_get_str(b, 24, 63, s, 5), 0);
	ck_assert_str_eq(s, "QEMU");
	ck_assert_int_eq(nvt_buf_set_int(b, 0, 1, 0x1b36), 0);
	ck_assert_uint_eq(nvt_buf_data(b)[0], 0x36);
	ck_assert_int_eq(nvt_buf_get_int(b, 0, 1, &v), 0);
	ck_assert_uint_eq(v, 0x1b36);
	ck_assert_int_eq(nvt_buf_set_int(b, 100, 107, 0x0102030405060708ull), 0);
	ck_assert_int_eq(nvt_buf_get_int(b, 100, 107, &v), 0);
	ck_assert_uint_eq(v, 0x0102030405060708ull);
	ck_assert_int_eq(nvt_buf_get_int(b, 100, 108, &v), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(b), "wider than 8"));
	ck_assert_int_eq(nvt_buf_get_int(b, 5, 4, &v), -EINVAL);
	ck_assert_int_eq(nvt_buf_get_int(b, 4095, 4096, &v), -EINVAL);
	ck_assert_int_eq(nvt_buf_get_str(b, 0, 4096, s, sizeof(s)), -EINVAL);
	nvt_buf_free(b);
}
END_TEST

START_TEST(compare)
{
	struct nvt_buf *a = host(1024), *b = host(1030);
	size_t at;

	nvt_buf_fill(a, NVT_PAT_INC16, 0);
	nvt_buf_fill(b, NVT_PAT_INC16, 0);
	ck_assert_int_eq(nvt_buf_compare(a, b, &at), 1);	/* sizes */
	ck_assert_uint_eq(at, 1024);
	ck_assert_int_eq(nvt_buf_set_window(b, 0, 1024), 0);
	ck_assert_int_eq(nvt_buf_compare(a, b, &at), 0);
	nvt_buf_data(b)[700] ^= 1;
	ck_assert_int_eq(nvt_buf_compare(a, b, &at), 1);
	ck_assert_uint_eq(at, 700);
	/* windows are compared, not whole buffers */
	ck_assert_int_eq(nvt_buf_set_window(a, 702, 100), 0);
	ck_assert_int_eq(nvt_buf_set_window(b, 702, 100), 0);
	ck_assert_int_eq(nvt_buf_compare(a, b, NULL), 0);
	nvt_buf_free(a);
	nvt_buf_free(b);
}
END_TEST

START_TEST(dsm_ranges)
{
	struct nvt_buf *b = host(4096);
	uint64_t v;

	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 1, 0x123456789aull, 8, 4), 0);
	ck_assert_int_eq(nvt_buf_get_int(b, 16, 19, &v), 0);
	ck_assert_uint_eq(v, 4);
	ck_assert_int_eq(nvt_buf_get_int(b, 20, 23, &v), 0);
	ck_assert_uint_eq(v, 8);
	ck_assert_int_eq(nvt_buf_get_int(b, 24, 31, &v), 0);
	ck_assert_uint_eq(v, 0x123456789aull);
	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 255, 0, 1, 0), 0);
	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 256, 0, 1, 0), -EINVAL);
	nvt_buf_free(b);
	b = host(40);
	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 2, 0, 1, 0), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_buf_error(b), "does not fit"));
	nvt_buf_free(b);
}
END_TEST

START_TEST(dump)
{
	struct nvt_buf *b = host(20);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	memcpy(nvt_buf_data(b), "nvt dump", 8);
	nvt_buf_dump(b, 0, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "00000000: 6e 76 74 20 64 75 6d 70  00"));
	ck_assert_ptr_nonnull(strstr(text, "nvt dump"));
	ck_assert_ptr_nonnull(strstr(text, "\n00000010: 00 00 00 00"));
	free(text);
	nvt_buf_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("buffer");
	TCase *tc = tcase_create("host");

	tcase_add_test(tc, alloc_limits);
	tcase_add_test(tc, crc16_t10dif);
	tcase_add_test(tc, patterns);
	tcase_add_test(tc, random_percentage);
	tcase_add_test(tc, random_by_default);
	tcase_add_test(tc, pattern_names);
	tcase_add_test(tc, window);
	tcase_add_test(tc, fields);
	tcase_add_test(tc, compare);
	tcase_add_test(tc, dsm_ranges);
	tcase_add_test(tc, dump);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
