// SPDX-License-Identifier: MIT
/*
 * Transfer sizes (kmod/nvt_xfer.h): what each admin and I/O command moves
 * through its data and metadata pointers, from the SQE and the namespace
 * format; unknown where the specification leaves it to something else;
 * the address-carrying admin commands.
 */
#include <check.h>
#include <string.h>

#include "../../kmod/nvt_xfer.h"
#include "unit.h"

#define UNK NVT_XFER_UNKNOWN

static const struct nvt_xfer_ns ns512 = { .lba_bytes = 512 };
static const struct nvt_xfer_ns ns4k = { .lba_bytes = 4096 };
static const struct nvt_xfer_ns ns4k_sep8 = {
	.lba_bytes = 4096, .meta_bytes = 8 };
static const struct nvt_xfer_ns ns512_ext8 = { .lba_bytes = 520 };
static const struct nvt_xfer_ns ns512_ext8_pi = {
	.lba_bytes = 520, .pract_bytes = 8 };
static const struct nvt_xfer_ns ns4k_sep8_pi = {
	.lba_bytes = 4096, .meta_bytes = 8, .pract_bytes = 8 };
static const struct nvt_xfer_ns ns4k_sep16_pi = {
	.lba_bytes = 4096, .meta_bytes = 16,
	.pract_bytes = NVT_XFER_PRACT_UNKNOWN };
static const struct nvt_xfer_ns ns_unknown = { .lba_bytes = 0 };
static const struct nvt_xfer_ns ns_absent = { .absent = true };

static u32 sqe[16];

static void cmd(u8 opc)
{
	memset(sqe, 0, sizeof(sqe));
	sqe[0] = opc;
	sqe[1] = 1;
}

static struct nvt_xfer admin(void)
{
	struct nvt_xfer x;

	nvt_xfer_size(sqe, true, NULL, &x);
	return x;
}

static struct nvt_xfer io(const struct nvt_xfer_ns *ns)
{
	struct nvt_xfer x;

	nvt_xfer_size(sqe, false, ns, &x);
	return x;
}

#define ADMIN_IS(bytes) do {						\
	struct nvt_xfer x_ = admin();					\
	ck_assert_uint_eq(x_.data, (bytes));				\
	ck_assert_uint_eq(x_.meta, 0);					\
	ck_assert(!x_.addr);						\
} while (0)

START_TEST(get_log_page)
{
	cmd(0x02);
	sqe[10] = 0x02 | (127u << 16);		/* SMART, NUMDL 127 */
	ADMIN_IS(512);
	sqe[10] = 0x01;				/* NUMD 0: one dword */
	ADMIN_IS(4);
	sqe[10] = 0xffffu << 16;		/* NUMDL only */
	ADMIN_IS(0x10000ull * 4);
	sqe[11] = 0x1;				/* NUMDU 1 */
	ADMIN_IS(0x20000ull * 4);
	sqe[11] = 0xffff | 0xabcd0000;		/* LSI in 31:16 is not NUMD */
	sqe[10] = 0xffffu << 16;
	ADMIN_IS(0x100000000ull * 4);
}
END_TEST

START_TEST(identify)
{
	unsigned int cns;

	for (cns = 0; cns < 0x20; cns++) {
		cmd(0x06);
		sqe[10] = cns;
		ADMIN_IS(4096);
	}
}
END_TEST

static u64 feature(u8 opc, u8 fid, u32 cdw11)
{
	cmd(opc);
	sqe[10] = fid;
	sqe[11] = cdw11;
	return admin().data;
}

START_TEST(features)
{
	static const u8 none[] = { 0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08,
				   0x09, 0x0a, 0x0b, 0x0f, 0x10, 0x11, 0x12,
				   0x14, 0x15, 0x17, 0x18, 0x19, 0x1a, 0x80,
				   0x82, 0x83, 0x84 };
	unsigned int i;
	u8 opc;

	for (opc = 0x09; opc <= 0x0a; opc++) {
		for (i = 0; i < sizeof(none); i++)
			ck_assert_uint_eq(feature(opc, none[i], 0), 0);
		ck_assert_uint_eq(feature(opc, 0x03, 0), 4096);
		ck_assert_uint_eq(feature(opc, 0x0c, 0), 256);
		ck_assert_uint_eq(feature(opc, 0x0e, 0), 8);
		ck_assert_uint_eq(feature(opc, 0x13, 0), 512);
		ck_assert_uint_eq(feature(opc, 0x16, 0), 512);
		ck_assert_uint_eq(feature(opc, 0x7d, 0), 4096);
		ck_assert_uint_eq(feature(opc, 0x7e, 0), 4096);
		ck_assert_uint_eq(feature(opc, 0x7f, 0), 4096);
		ck_assert_uint_eq(feature(opc, 0x81, 0), 8);
		ck_assert_uint_eq(feature(opc, 0x81, 1), 16);
		/* reserved and vendor specific */
		ck_assert_uint_eq(feature(opc, 0x00, 0), UNK);
		ck_assert_uint_eq(feature(opc, 0x50, 0), UNK);
		ck_assert_uint_eq(feature(opc, 0x90, 0), UNK);
		ck_assert_uint_eq(feature(opc, 0xc0, 0), UNK);
		ck_assert_uint_eq(feature(opc, 0xff, 0), UNK);
	}
	/* Host Memory Buffer: Get reads the attributes, Set has addresses */
	ck_assert_uint_eq(feature(0x0a, 0x0d, 0), 4096);
	ck_assert(!admin().addr);
	ck_assert_uint_eq(feature(0x09, 0x0d, 1), 0);
	ck_assert(admin().addr);
	/* the Save bit and the upper CDW10 bits are not the FID */
	cmd(0x09);
	sqe[10] = 0x80000000u | 0x0e;
	ADMIN_IS(8);
}
END_TEST

START_TEST(dword_counted)
{
	static const u8 opcs[] = { 0x11, 0x19, 0x1a };	/* FW, directives */
	unsigned int i;

	for (i = 0; i < sizeof(opcs); i++) {
		cmd(opcs[i]);
		sqe[10] = 0;
		ADMIN_IS(4);
		sqe[10] = 1023;
		ADMIN_IS(4096);
		sqe[10] = 0xffffffffu;
		ADMIN_IS(0x100000000ull * 4);
	}
}
END_TEST

START_TEST(ns_management)
{
	cmd(0x0d);
	sqe[10] = 0;		/* create */
	ADMIN_IS(4096);
	sqe[10] = 1;		/* delete */
	ADMIN_IS(0);
	sqe[10] = 2;		/* reserved */
	ck_assert_uint_eq(admin().data, UNK);
	cmd(0x15);		/* attach / detach: a controller list */
	ADMIN_IS(4096);
	sqe[10] = 1;
	ADMIN_IS(4096);
}
END_TEST

START_TEST(security)
{
	cmd(0x81);
	sqe[11] = 12345;	/* TL */
	ADMIN_IS(12345);
	cmd(0x82);
	sqe[11] = 0;		/* AL */
	ADMIN_IS(0);
	sqe[11] = 65536;
	ADMIN_IS(65536);
}
END_TEST

START_TEST(get_lba_status)
{
	cmd(0x86);
	sqe[12] = 3;		/* MNDW */
	ADMIN_IS(16);
}
END_TEST

START_TEST(no_data_admin)
{
	static const u8 opcs[] = { 0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18,
				   0x1c, 0x20, 0x24, 0x80, 0x84 };
	unsigned int i;

	for (i = 0; i < sizeof(opcs); i++) {
		cmd(opcs[i]);
		sqe[10] = 0xffffffff;
		sqe[11] = 0xffffffff;
		ADMIN_IS(0);
	}
}
END_TEST

START_TEST(address_carrying)
{
	struct nvt_xfer x;

	cmd(0x01);			/* Create I/O SQ, 64 entries, PC=1 */
	sqe[10] = (63u << 16) | 1;
	sqe[11] = 1 | (1u << 16);
	x = admin();
	ck_assert(x.addr);
	ck_assert_uint_eq(x.data, 64 * 64);
	sqe[11] = 1u << 16;		/* PC=0: a PRP list */
	x = admin();
	ck_assert(x.addr);
	ck_assert_uint_eq(x.data, UNK);
	cmd(0x05);			/* Create I/O CQ, 256 entries, PC=1 */
	sqe[10] = (255u << 16) | 1;
	sqe[11] = 1 | 2;
	x = admin();
	ck_assert(x.addr);
	ck_assert_uint_eq(x.data, 256 * 16);
	cmd(0x7c);			/* Doorbell Buffer Config */
	x = admin();
	ck_assert(x.addr);
	ck_assert_uint_eq(x.data, UNK);
}
END_TEST

START_TEST(unknown_admin)
{
	static const u8 opcs[] = { 0x03, 0x1d, 0x1e, 0x7f, 0x85, 0xc0, 0xc1,
				   0xd2, 0xff };
	unsigned int i;

	for (i = 0; i < sizeof(opcs); i++) {
		struct nvt_xfer x;

		cmd(opcs[i]);
		x = admin();
		ck_assert_uint_eq(x.data, UNK);
		ck_assert(!x.addr);
	}
}
END_TEST

START_TEST(read_write_compare_append)
{
	static const u8 opcs[] = { 0x01, 0x02, 0x05, 0x7d };
	unsigned int i;
	struct nvt_xfer x;

	for (i = 0; i < sizeof(opcs); i++) {
		cmd(opcs[i]);
		sqe[12] = 63;		/* NLB 64 */
		x = io(&ns4k);
		ck_assert_uint_eq(x.data, 64 * 4096);
		ck_assert_uint_eq(x.meta, 0);
		x = io(&ns512);
		ck_assert_uint_eq(x.data, 64 * 512);
		x = io(&ns4k_sep8);
		ck_assert_uint_eq(x.data, 64 * 4096);
		ck_assert_uint_eq(x.meta, 64 * 8);
		x = io(&ns512_ext8);
		ck_assert_uint_eq(x.data, 64 * 520);
		ck_assert_uint_eq(x.meta, 0);
		/* the namespace unknown: nothing known */
		x = io(NULL);
		ck_assert_uint_eq(x.data, UNK);
		ck_assert_uint_eq(x.meta, UNK);
		x = io(&ns_unknown);
		ck_assert_uint_eq(x.data, UNK);
		ck_assert_uint_eq(x.meta, UNK);
		/* no such namespace: aborted before any transfer */
		x = io(&ns_absent);
		ck_assert_uint_eq(x.data, 0);
		ck_assert_uint_eq(x.meta, 0);
		/* NLB's upper bits (LR, FUA, PRINFO without PRACT) */
		sqe[12] = 0xffff | (1u << 31) | (1u << 30) | (7u << 26);
		x = io(&ns512);
		ck_assert_uint_eq(x.data, 65536ull * 512);
		/* PRACT: the PI is the metadata: not moved */
		sqe[12] = 7 | NVT_RW_PRACT;
		x = io(&ns512_ext8_pi);
		ck_assert_uint_eq(x.data, 8 * 512);
		x = io(&ns4k_sep8_pi);
		ck_assert_uint_eq(x.data, 8 * 4096);
		ck_assert_uint_eq(x.meta, 0);
		x = io(&ns512_ext8);	/* no PI: PRACT changes nothing */
		ck_assert_uint_eq(x.data, 8 * 520);
		x = io(&ns4k_sep16_pi);
		ck_assert_uint_eq(x.data, UNK);
		ck_assert_uint_eq(x.meta, UNK);
		sqe[12] = 7;		/* without PRACT it is moved */
		x = io(&ns512_ext8_pi);
		ck_assert_uint_eq(x.data, 8 * 520);
		x = io(&ns4k_sep16_pi);
		ck_assert_uint_eq(x.meta, 8 * 16);
	}
}
END_TEST

START_TEST(no_data_io)
{
	static const u8 opcs[] = { 0x00, 0x04, 0x08, 0x0c };
	unsigned int i;

	for (i = 0; i < sizeof(opcs); i++) {
		struct nvt_xfer x;

		cmd(opcs[i]);
		sqe[12] = 0xffff;
		x = io(&ns4k);
		ck_assert_uint_eq(x.data, 0);
		ck_assert_uint_eq(x.meta, 0);
		x = io(NULL);
		ck_assert_uint_eq(x.data, 0);
	}
}
END_TEST

START_TEST(dsm)
{
	cmd(0x09);
	sqe[10] = 0;
	ck_assert_uint_eq(io(NULL).data, 16);
	sqe[10] = 255 | 0xffff0000;
	ck_assert_uint_eq(io(&ns512).data, 4096);
}
END_TEST

START_TEST(copy)
{
	cmd(0x19);
	sqe[12] = 0;			/* format 0h, one range */
	ck_assert_uint_eq(io(NULL).data, 32);
	sqe[12] = 127;
	ck_assert_uint_eq(io(NULL).data, 128 * 32);
	sqe[12] = 127 | 1u << 8;	/* format 1h */
	ck_assert_uint_eq(io(NULL).data, 128 * 40);
	sqe[12] = 3 | 2u << 8;		/* format 2h */
	ck_assert_uint_eq(io(NULL).data, 4 * 32);
	sqe[12] = 3 | 3u << 8;		/* format 3h */
	ck_assert_uint_eq(io(NULL).data, 4 * 40);
	sqe[12] = 3 | 4u << 8;		/* reserved */
	ck_assert_uint_eq(io(NULL).data, UNK);
	ck_assert_uint_eq(io(NULL).meta, 0);
}
END_TEST

START_TEST(zones)
{
	cmd(0x7a);			/* Zone Management Receive */
	sqe[12] = 1023;
	ck_assert_uint_eq(io(&ns4k).data, 4096);
	cmd(0x79);			/* Zone Management Send */
	sqe[13] = 0x04;			/* reset */
	ck_assert_uint_eq(io(&ns4k).data, 0);
	sqe[13] = 0x10;			/* set zone descriptor extension */
	ck_assert_uint_eq(io(&ns4k).data, UNK);
}
END_TEST

START_TEST(reservations)
{
	cmd(0x0d);
	ck_assert_uint_eq(io(NULL).data, 24);
	cmd(0x0e);
	sqe[10] = 1023;
	ck_assert_uint_eq(io(NULL).data, 4096);
	cmd(0x11);
	ck_assert_uint_eq(io(NULL).data, 16);
	cmd(0x15);
	ck_assert_uint_eq(io(NULL).data, 8);
}
END_TEST

START_TEST(unknown_io)
{
	static const u8 opcs[] = { 0x03, 0x06, 0x12, 0x80, 0x81, 0xc0, 0xff };
	unsigned int i;

	for (i = 0; i < sizeof(opcs); i++) {
		struct nvt_xfer x;

		cmd(opcs[i]);
		x = io(&ns4k);
		ck_assert_uint_eq(x.data, UNK);
		ck_assert_uint_eq(x.meta, UNK);
		ck_assert(!x.addr);
	}
}
END_TEST

START_TEST(format_changing)
{
	unsigned int opc;

	for (opc = 0; opc < 256; opc++)
		ck_assert_int_eq(nvt_xfer_changes_format(opc),
				 opc == 0x80 || opc == 0x84 || opc == 0x0d ||
				 opc == 0x15 || opc >= 0xc0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("transfer sizes");
	TCase *tc = tcase_create("commands");

	tcase_add_test(tc, get_log_page);
	tcase_add_test(tc, identify);
	tcase_add_test(tc, features);
	tcase_add_test(tc, dword_counted);
	tcase_add_test(tc, ns_management);
	tcase_add_test(tc, security);
	tcase_add_test(tc, get_lba_status);
	tcase_add_test(tc, no_data_admin);
	tcase_add_test(tc, address_carrying);
	tcase_add_test(tc, unknown_admin);
	tcase_add_test(tc, read_write_compare_append);
	tcase_add_test(tc, no_data_io);
	tcase_add_test(tc, dsm);
	tcase_add_test(tc, copy);
	tcase_add_test(tc, zones);
	tcase_add_test(tc, reservations);
	tcase_add_test(tc, unknown_io);
	tcase_add_test(tc, format_changing);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
