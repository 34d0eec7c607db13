// SPDX-License-Identifier: MIT
/*
 * The decoders of Identify Primary Controller Capabilities (CNS 14h) and
 * the Secondary Controller List (CNS 15h), against byte layouts written
 * from the specification's figures, and the Virtualization Management
 * CDW10 layout.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>
#include "unit.h"

static void le(uint8_t *p, unsigned off, uint64_t v, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes; i++)
		p[off + i] = (uint8_t)(v >> (8 * i));
}

START_TEST(primary_cap)
{
	uint8_t d[4096] = { 0 };
	struct nvt_primary_cap c;

	le(d, 0, 0x1234, 2);	/* CNTLID */
	le(d, 2, 7, 2);		/* PORTID */
	d[4] = 3;		/* CRT: VQ and VI */
	le(d, 32, 4, 4);	/* VQFRT */
	le(d, 36, 2, 4);	/* VQRFA */
	le(d, 40, 1, 2);	/* VQRFAP */
	le(d, 42, 5, 2);	/* VQPRT */
	le(d, 44, 2, 2);	/* VQFRSM */
	le(d, 46, 1, 2);	/* VQGRAN */
	le(d, 64, 0x10002, 4);	/* VIFRT */
	le(d, 68, 1, 4);	/* VIRFA */
	le(d, 72, 0, 2);	/* VIRFAP */
	le(d, 74, 6, 2);	/* VIPRT */
	le(d, 76, 1, 2);	/* VIFRSM */
	le(d, 78, 3, 2);	/* VIGRAN */
	nvt_primary_cap_decode(d, &c);
	ck_assert_uint_eq(c.cntlid, 0x1234);
	ck_assert_uint_eq(c.portid, 7);
	ck_assert_uint_eq(c.crt, NVT_PCC_CRT_VQ | NVT_PCC_CRT_VI);
	ck_assert_uint_eq(c.vqfrt, 4);
	ck_assert_uint_eq(c.vqrfa, 2);
	ck_assert_uint_eq(c.vqrfap, 1);
	ck_assert_uint_eq(c.vqprt, 5);
	ck_assert_uint_eq(c.vqfrsm, 2);
	ck_assert_uint_eq(c.vqgran, 1);
	ck_assert_uint_eq(c.vifrt, 0x10002);
	ck_assert_uint_eq(c.virfa, 1);
	ck_assert_uint_eq(c.virfap, 0);
	ck_assert_uint_eq(c.viprt, 6);
	ck_assert_uint_eq(c.vifrsm, 1);
	ck_assert_uint_eq(c.vigran, 3);
}
END_TEST

START_TEST(secondary_list)
{
	uint8_t d[4096] = { 0 };
	struct nvt_secondary_ctrl s[2];
	unsigned i;

	d[0] = 3;		/* NUMID */
	for (i = 0; i < 3; i++) {
		uint8_t *e = d + 32 + 32 * i;

		le(e, 0, i + 1, 2);		/* SCID */
		le(e, 2, 0, 2);			/* PCID */
		e[4] = i == 1;			/* SCS: online */
		le(e, 8, i + 1, 2);		/* VFN */
		le(e, 10, 2 * i, 2);		/* NVQ */
		le(e, 12, i, 2);		/* NVI */
	}
	ck_assert_uint_eq(nvt_secondary_list_decode(d, s, 2), 3);
	ck_assert_uint_eq(s[0].scid, 1);
	ck_assert(!s[0].online);
	ck_assert_uint_eq(s[1].scid, 2);
	ck_assert_uint_eq(s[1].pcid, 0);
	ck_assert(s[1].online);
	ck_assert_uint_eq(s[1].vfn, 2);
	ck_assert_uint_eq(s[1].nvq, 2);
	ck_assert_uint_eq(s[1].nvi, 1);
	ck_assert_uint_eq(nvt_secondary_list_decode(d, NULL, 0), 3);
	d[0] = 200;		/* more than a page holds: capped */
	ck_assert_uint_eq(nvt_secondary_list_decode(d, NULL, 0),
			  NVT_SCL_MAX_ENTRIES);
}
END_TEST

START_TEST(virt_cdw10)
{
	ck_assert_uint_eq(NVT_VIRT_CDW10(NVT_VIRT_ACT_SEC_ASSIGN,
					 NVT_VIRT_RT_VI, 0x1234),
			  0x12340108u);
	ck_assert_uint_eq(NVT_VIRT_CDW10(NVT_VIRT_ACT_SEC_ONLINE, 0, 2),
			  0x00020009u);
	/* out-of-range fields do not spill into their neighbours */
	ck_assert_uint_eq(NVT_VIRT_CDW10(0x1f, 0xf, 0), 0x0000070fu);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("virt");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, primary_cap);
	tcase_add_test(tc, secondary_list);
	tcase_add_test(tc, virt_cdw10);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
