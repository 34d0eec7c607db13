// SPDX-License-Identifier: MIT
/*
 * Caller-built data pointers (kmod/nvt_udptr_calc.h): the walk follows
 * PRP1/PRP2, PRP lists (at offsets, chained), SGL segments and MPTR as a
 * controller would; every range it may touch must be inside one buffer,
 * lists and segments are copied and the SQE moved to the copies.  Buffers
 * and copy pages are host memory at made-up bus addresses; copies of lists
 * that lie in buffer 2 get addresses of a made-up "device memory" (as the
 * module puts copies of lists in the CMB into the CMB).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/nvt_udptr_calc.h"
#include "unit.h"

#define PS	4096u
#define SINK	0x5100000ull
#define NBUF	4
#define MAXP	40

/* the caller's buffers */
static const u64 buf_dma[NBUF] = {
	0x10000000ull,	/* 4 MiB */
	0x20000000ull,	/* 16 KiB */
	0x30000000ull,	/* 8 KiB */
	0x40000800ull,	/* 6 KiB, starts in the middle of a page */
};
static const u64 buf_len[NBUF] = { 4 << 20, 16 << 10, 8 << 10, 6 << 10 };
static u8 *buf_cpu[NBUF];

/* copy pages, and the list or segment each was asked for */
static void *pg[MAXP];
static u64 pg_dma[MAXP];
static u64 pg_src[MAXP], pg_len[MAXP];
static u32 npg;

#define DEVMEM	0xe0000000ull	/* copies of what lies in buffer 2 */

/* what reach() saw last, and how often */
static u32 nreach;
static u64 last_addr, last_len;
static const char *last_what;

static u32 ncopies;

static int reach(void *ctx, u64 addr, u64 len, const char *what, void *copy)
{
	int b;

	(void)ctx;
	nreach++;
	last_addr = addr;
	last_len = len;
	last_what = what;
	for (b = 0; b < NBUF; b++) {
		if (addr >= buf_dma[b] && addr - buf_dma[b] < buf_len[b] &&
		    len <= buf_len[b] - (addr - buf_dma[b])) {
			if (copy) {
				memcpy(copy, buf_cpu[b] + (addr - buf_dma[b]),
				       len);
				ncopies++;
			}
			return 0;
		}
	}
	return -EFAULT;
}

static int page(void *ctx, u64 src, u64 len, void **cpu, u64 *dma)
{
	(void)ctx;
	if (npg >= MAXP) return -ENOMEM;
	pg[npg] = aligned_alloc(4096, 4096);
	ck_assert_ptr_nonnull(pg[npg]);
	memset(pg[npg], 0, 4096);
	pg_src[npg] = src;
	pg_len[npg] = len;
	pg_dma[npg] = (src >= buf_dma[2] && src < buf_dma[2] + buf_len[2] ?
		       DEVMEM : 0xd0000000ull) + (u64)npg * 0x100000;
	*cpu = pg[npg];
	*dma = pg_dma[npg];
	npg++;
	return 0;
}

static struct nvt_udptr_walk w;

static void setup(void)
{
	int b;

	for (b = 0; b < NBUF; b++) {
		buf_cpu[b] = calloc(1, buf_len[b]);
		ck_assert_ptr_nonnull(buf_cpu[b]);
	}
	memset(&w, 0, sizeof(w));
	w.ps = PS;
	w.kpage = 4096;
	w.max_pages = 32;
	w.sink = SINK;
	w.reach = reach;
	w.page = page;
	nreach = 0;
	ncopies = 0;
}

static void teardown(void)
{
	u32 k;
	int b;

	for (b = 0; b < NBUF; b++)
		free(buf_cpu[b]);
	for (k = 0; k < npg; k++)
		free(pg[k]);
	npg = 0;
}

/* the CPU address of bus address @dma, in a buffer or a copy page */
static u8 *at(u64 dma)
{
	u32 k;
	int b;

	for (b = 0; b < NBUF; b++)
		if (dma >= buf_dma[b] && dma < buf_dma[b] + buf_len[b])
			return buf_cpu[b] + (dma - buf_dma[b]);
	for (k = 0; k < npg; k++)
		if (dma >= pg_dma[k] && dma < pg_dma[k] + 4096)
			return (u8 *)pg[k] + (dma - pg_dma[k]);
	ck_abort_msg("0x%llx is nowhere", (unsigned long long)dma);
	return NULL;
}

static void put64(u64 dma, u64 v)
{
	__le64 le = htole64(v);

	memcpy(at(dma), &le, 8);
}

static u64 get64(u64 dma)
{
	__le64 le;

	memcpy(&le, at(dma), 8);
	return le64toh(le);
}

static void desc(u64 dma, u64 addr, u32 len, u8 type)
{
	nvt_sgl_set((struct nvt_sgl_desc *)at(dma), addr, len, type);
}

static void sqe_prp(u32 *sqe, u64 prp1, u64 prp2)
{
	memset(sqe, 0, 64);
	nvt_udptr_set64(sqe, 6, prp1);
	nvt_udptr_set64(sqe, 8, prp2);
}

static void sqe_sgl(u32 *sqe, u32 psdt, u64 addr, u32 len, u8 type)
{
	memset(sqe, 0, 64);
	sqe[0] = psdt;
	nvt_udptr_set64(sqe, 6, addr);
	sqe[8] = len;
	sqe[9] = (u32)type << 28;
}

#define B0	buf_dma[0]
#define B1	buf_dma[1]
#define B2	buf_dma[2]
#define B3	buf_dma[3]
#define NOWHERE	0x50000000ull

START_TEST(prp1_offsets)
{
	static const u32 offs[] = { 0, 4, 16, 512, 800, 3000 };
	u32 sqe[16], i;

	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		u64 prp1 = B0 + offs[i];

		/* a page from PRP1: the rest in PRP2's page */
		sqe_prp(sqe, prp1, offs[i] ? B2 : NOWHERE);
		ck_assert_int_eq(nvt_udptr_walk(&w, sqe, PS, 0), 0);
		if (offs[i]) {
			ck_assert_str_eq(last_what, "PRP2");
			ck_assert_uint_eq(last_addr, B2);
			ck_assert_uint_eq(last_len, offs[i]);
		} else {
			/* PRP2 not looked at: only PRP1, from its page */
			ck_assert_str_eq(last_what, "PRP1");
			ck_assert_uint_eq(last_addr, B0);
			ck_assert_uint_eq(last_len, PS);
		}
		/* nothing copied, nothing moved */
		ck_assert_uint_eq(npg, 0);
		ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 6), prp1);

		/* PRP2 outside the buffers */
		sqe_prp(sqe, prp1, NOWHERE);
		ck_assert_int_eq(nvt_udptr_walk(&w, sqe, PS + 1, 0),
				 -EFAULT);
		ck_assert_str_eq(last_what, "PRP2");

		/* PRP1 with an offset: its page's start must be ours too */
		sqe_prp(sqe, B3 + offs[i], 0);
		if ((B3 + offs[i]) % PS < B3 % PS) {
			/* in B3's second page, which B3 holds whole */
			ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 4, 0), 0);
			continue;
		}
		ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 4, 0), -EFAULT);
		ck_assert_str_eq(last_what, "PRP1");
		ck_assert_uint_eq(last_addr, B3 & ~(u64)(PS - 1));
	}
	/* the last byte of a buffer, and one past it */
	sqe_prp(sqe, B2 + 8192 - 4, 0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 4, 0), 0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 8, 0), -EFAULT);
	/* nothing moved: nothing looked at */
	sqe_prp(sqe, NOWHERE, NOWHERE);
	nreach = 0;
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(nreach, 0);
}
END_TEST

START_TEST(prp2_data_or_list)
{
	u32 sqe[16], i;
	u64 list;

	/* two pages: PRP2 is data */
	sqe_prp(sqe, B0, B0 + 0x10000);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 2 * PS, 0), 0);
	ck_assert_uint_eq(npg, 0);
	ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 8), B0 + 0x10000);
	ck_assert_str_eq(last_what, "PRP2");

	/* two pages and a byte: PRP2 is a list of two entries */
	put64(B1, B0 + 0x10000);
	put64(B1 + 8, B0 + 0x20000);
	put64(B1 + 16, 0xdead0000);	/* not read: the list ends */
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 2 * PS + 1, 0), 0);
	ck_assert_uint_eq(npg, 1);
	list = nvt_udptr_sqe64(sqe, 8);
	ck_assert_uint_eq(list, pg_dma[0]);
	ck_assert_uint_eq(get64(list), B0 + 0x10000);
	ck_assert_uint_eq(get64(list + 8), B0 + 0x20000);
	for (i = 2; i < 512; i++)
		ck_assert_uint_eq(get64(list + i * 8), SINK);
	/* the last entry: the one byte left */
	ck_assert_uint_eq(last_addr, B0 + 0x20000);
	ck_assert_uint_eq(last_len, 1);

	/* PRP1 at an offset: a byte past two pages from it is a list */
	sqe_prp(sqe, B0 + 3000, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, PS - 3000 + PS, 0), 0);
	ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 8), B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, PS - 3000 + PS + 1, 0), 0);
	ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 8), pg_dma[1]);
}
END_TEST

START_TEST(prp_list_at_offsets)
{
	u32 sqe[16], off;
	u64 list;

	for (off = 8; off < PS; off += 1016) {
		u64 l = B1 + 0x1000 + off;

		teardown();
		setup();
		put64(l, B0 + 0x1000);
		put64(l + 8, B0 + 0x2000);
		sqe_prp(sqe, B0, l);
		if (PS - off < 16)
			continue;
		ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), 0);
		list = nvt_udptr_sqe64(sqe, 8);
		/* the copy keeps the offset within the page */
		ck_assert_uint_eq(list, pg_dma[0] + off);
		ck_assert_uint_eq(get64(list), B0 + 0x1000);
		ck_assert_uint_eq(get64(list + 8), B0 + 0x2000);
		ck_assert_uint_eq(get64(pg_dma[0]), SINK);
	}

	/* not qword aligned */
	sqe_prp(sqe, B0, B1 + 4);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), -EINVAL);
	ck_assert_ptr_nonnull(w.why);

	/* the list must hold the entries used */
	put64(B3, B0 + 0x1000);
	put64(B3 + 8, B0 + 0x2000);
	sqe_prp(sqe, B0, B3);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), 0);
	sqe_prp(sqe, B0, B3 - 8);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), -EFAULT);
	ck_assert_str_eq(last_what, "PRP list");
	ck_assert_uint_eq(last_addr, B3 - 8);

	/* two slots to the page end: the second chains when more remain */
	put64(B1 + 0x3ff0, B0 + 0x1000);
	put64(B1 + 0x3ff8, B0 + 0x2000);
	sqe_prp(sqe, B0, B1 + 0x3ff0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), 0);
	/* the SQE now points at the copy: the caller's again */
	sqe_prp(sqe, B0, B1 + 0x3ff0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS + 1, 0), -EFAULT);
	/* B0 + 0x2000 read as a list: its zero first entry is no data */
	ck_assert_str_eq(last_what, "PRP entry");
	ck_assert_uint_eq(last_addr, 0);
}
END_TEST

START_TEST(prp_chained_lists)
{
	u32 sqe[16], i, n = 600;
	u64 l1 = B1 + 0x1000, l2 = B2 + 0x100, list;

	/* a page of entries: 511 and the chain, then 89 */
	for (i = 0; i < 511; i++)
		put64(l1 + i * 8, B0 + (u64)(i + 1) * PS);
	put64(l1 + 511 * 8, l2);
	for (i = 511; i < n; i++)
		put64(l2 + (i - 511) * 8, B0 + (u64)(i + 1) * PS);
	sqe_prp(sqe, B0, l1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, (u64)(n + 1) * PS, 0), 0);
	ck_assert_uint_eq(npg, 2);
	list = nvt_udptr_sqe64(sqe, 8);
	ck_assert_uint_eq(list, pg_dma[0]);
	ck_assert_uint_eq(get64(list + 511 * 8), pg_dma[1] + 0x100);
	ck_assert_uint_eq(get64(pg_dma[1] + 0x100 + 88 * 8), B0 + (u64)n * PS);
	ck_assert_uint_eq(get64(pg_dma[1] + 0x100 + 89 * 8), SINK);
	/* the caller's lists are left as they were */
	ck_assert_uint_eq(get64(l1 + 511 * 8), l2);

	/* one entry more: the second list's 90th is outside (zero) */
	teardown();
	setup();
	for (i = 0; i < 511; i++)
		put64(l1 + i * 8, B0 + (u64)(i + 1) * PS);
	put64(l1 + 511 * 8, l2);
	sqe_prp(sqe, B0, l1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, (u64)(n + 2) * PS, 0),
			 -EFAULT);
	ck_assert_str_eq(last_what, "PRP entry");
	ck_assert_uint_eq(last_addr, 0);

	/* lists of one slot chain forever: bounded */
	teardown();
	setup();
	put64(B1 + 0xff8, B1 + 0x1ff8);
	put64(B1 + 0x1ff8, B1 + 0xff8);
	sqe_prp(sqe, B0, B1 + 0xff8);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 4 * PS, 0), -E2BIG);
	ck_assert_uint_eq(npg, 32);

	/* a list that chains to itself: bounded */
	teardown();
	setup();
	put64(B1 + 0xff0, B0 + PS);
	put64(B1 + 0xff8, B1 + 0xff0);
	sqe_prp(sqe, B0, B1 + 0xff0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 100 * PS, 0), -E2BIG);
}
END_TEST

START_TEST(prp_entries_with_offsets)
{
	u32 sqe[16];

	/* PRP2 as data with an offset: from its page start to its end */
	sqe_prp(sqe, B0, B0 + 0x2010);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 2 * PS, 0), 0);
	ck_assert_uint_eq(last_addr, B0 + 0x2000);
	ck_assert_uint_eq(last_len, 0x10 + PS);
	/* ... which must be inside one buffer */
	sqe_prp(sqe, B0, B1 + 0x3010);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 2 * PS, 0), -EFAULT);
	sqe_prp(sqe, B0, B3 + 16);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, PS + 16, 0), -EFAULT);

	/* a list entry with an offset */
	put64(B1, B0 + 0x1000);
	put64(B1 + 8, B0 + 0x2800);
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), 0);
	ck_assert_uint_eq(last_addr, B0 + 0x2000);
	ck_assert_uint_eq(last_len, 0x800 + PS);
	put64(B1 + 8, B2 + 0x1800);
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), -EFAULT);

	/* entries outside any buffer, or across two */
	put64(B1 + 8, NOWHERE);
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), -EFAULT);
	ck_assert_str_eq(last_what, "PRP entry");
	put64(B1 + 8, B1 + 0x3000);
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), 0);
	put64(B1 + 16, B1 + 0x2000);
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS + 1, 0), 0);
	put64(B1 + 16, B1 + 0x4000);	/* one past B1's end */
	sqe_prp(sqe, B0, B1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS + 1, 0), -EFAULT);

	/* the list itself outside */
	sqe_prp(sqe, B0, NOWHERE);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 3 * PS, 0), -EFAULT);
	ck_assert_str_eq(last_what, "PRP list");
	/* PRP1 outside */
	sqe_prp(sqe, NOWHERE, B0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, 0), -EFAULT);
	ck_assert_str_eq(last_what, "PRP1");
}
END_TEST

START_TEST(prp_controller_page_larger)
{
	u32 sqe[16];

	w.ps = 8192;
	sqe_prp(sqe, B0, B0 + 8192);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 16384, 0), 0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 16385, 0), -EOPNOTSUPP);
}
END_TEST

START_TEST(sgl_data_and_bit_bucket)
{
	u32 sqe[16];

	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B2 + 3, 8189, NVT_SGL_DATA_BLOCK);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_str_eq(last_what, "SGL data block");
	sqe[8] = 8190;
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EFAULT);
	/* a data block of no bytes reaches nothing */
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, NOWHERE, 0, NVT_SGL_DATA_BLOCK);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	/* a bit bucket reaches nothing */
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, NOWHERE, 4096, NVT_SGL_BIT_BUCKET);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(nreach, 2);
	/* keyed, transport, reserved types and subtypes */
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 512, NVT_SGL_KEYED_DATA_BLOCK);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 512,
		NVT_SGL_TRANSPORT_DATA_BLOCK);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 512, 0x7);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 512, NVT_SGL_DATA_BLOCK);
	sqe[9] |= 1u << 24;	/* Offset subtype */
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	/* PSDT 11b */
	sqe_prp(sqe, B0, 0);
	sqe[0] = NVT_SQE_PSDT_MASK;
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, 0), -EINVAL);
}
END_TEST

START_TEST(sgl_segments)
{
	u32 sqe[16];
	u64 s1 = B1 + 0x100, s2 = B2 + 0x200, c1, c2;

	/* a Segment of three: data, bit bucket, Last Segment of two */
	desc(s1, B0, 4096, NVT_SGL_DATA_BLOCK);
	desc(s1 + 16, NOWHERE, 512, NVT_SGL_BIT_BUCKET);
	desc(s1 + 32, s2, 32, NVT_SGL_LAST_SEGMENT);
	desc(s2, B0 + 0x10000, 100, NVT_SGL_DATA_BLOCK);
	desc(s2 + 16, B3, 6 << 10, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 48, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(npg, 2);
	c1 = nvt_udptr_sqe64(sqe, 6);
	ck_assert_uint_eq(c1, pg_dma[0] + 0x100);
	ck_assert_uint_eq(sqe[8], 48);
	ck_assert_uint_eq(sqe[9] >> 28, NVT_SGL_SEGMENT);
	c2 = get64(c1 + 32);
	ck_assert_uint_eq(c2, pg_dma[1] + 0x200);
	ck_assert_uint_eq(get64(c2 + 16), B3);
	/* the caller's segment points where it did */
	ck_assert_uint_eq(get64(s1 + 32), s2);
	ck_assert_str_eq(last_what, "SGL data block");
	ck_assert_uint_eq(last_addr, B3);

	/* a data block of the last segment outside */
	desc(s2 + 16, B3, (6 << 10) + 1, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 48, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EFAULT);

	/* a segment descriptor that is not last is followed too */
	desc(s2 + 16, B3, 16, NVT_SGL_DATA_BLOCK);
	desc(s1, s2 + 16, 16, NVT_SGL_SEGMENT);
	desc(s1 + 32, B0, 16, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 48, NVT_SGL_LAST_SEGMENT);
	nreach = 0;
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(nreach, 4);	/* s1, its block, s2 + 16, B3 */
	ck_assert_uint_eq(last_addr, B3);

	/* a segment outside, of a bad length, too long */
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, NOWHERE, 16, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EFAULT);
	ck_assert_str_eq(last_what, "SGL segment");
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 40, NVT_SGL_LAST_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 0, NVT_SGL_LAST_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -EINVAL);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 4096 + 16, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -E2BIG);
	/* a whole page at an offset: copied to the page's start */
	memset(at(B0 + 0x800), 0, 4096);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0 + 0x800, 4096, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 6) & 0xfff, 0);
}
END_TEST

/*
 * Lists and segments are read once, through reach() into the copy page
 * (so that the module can read controller memory its own way); data
 * ranges are only checked.  What the caller writes afterwards, in host or
 * controller memory, is not what the controller follows.
 */
START_TEST(lists_read_once_through_reach)
{
	u32 sqe[16], i;
	u64 l1 = B1 + 0x1000, s1 = B1 + 0x100;

	for (i = 0; i < 3; i++)
		put64(l1 + i * 8, B0 + (u64)(i + 1) * PS);
	sqe_prp(sqe, B0, l1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 4 * PS, 0), 0);
	ck_assert_uint_eq(ncopies, 1);
	ck_assert_uint_eq(nreach, 5);	/* PRP1, the list, three entries */
	put64(l1, NOWHERE);
	ck_assert_uint_eq(get64(nvt_udptr_sqe64(sqe, 8)), B0 + PS);

	teardown();
	setup();
	desc(s1, B0, 4096, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 16, NVT_SGL_LAST_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(ncopies, 1);
	ck_assert_uint_eq(nreach, 2);
	desc(s1, NOWHERE, 4096, NVT_SGL_DATA_BLOCK);
	ck_assert_uint_eq(get64(nvt_udptr_sqe64(sqe, 6)), B0);
}
END_TEST

START_TEST(sgl_segment_loops)
{
	u32 sqe[16];
	u64 s = B1 + 0x40;

	/* a segment pointing at itself */
	desc(s, B0, 512, NVT_SGL_DATA_BLOCK);
	desc(s + 16, s, 32, NVT_SGL_SEGMENT);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s, 32, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -E2BIG);
	ck_assert_uint_le(npg, 32);

	/* two segments pointing at each other, twice each */
	teardown();
	setup();
	desc(s, s + 32, 32, NVT_SGL_SEGMENT);
	desc(s + 16, s + 32, 32, NVT_SGL_LAST_SEGMENT);
	desc(s + 32, s, 32, NVT_SGL_SEGMENT);
	desc(s + 48, s, 32, NVT_SGL_SEGMENT);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s, 32, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), -E2BIG);
	ck_assert_uint_le(npg, 32);
}
END_TEST

START_TEST(metadata_pointer)
{
	u32 sqe[16];
	u64 c;

	/* PSDT 00b: [MPTR, MPTR + meta) */
	sqe_prp(sqe, B0, 0);
	nvt_udptr_set64(sqe, 4, B2 + 8192 - 64);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, 64), 0);
	ck_assert_str_eq(last_what, "MPTR");
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, 65), -EFAULT);
	/* no metadata: MPTR not looked at */
	nvt_udptr_set64(sqe, 4, NOWHERE);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, 0), 0);
	ck_assert_str_eq(last_what, "PRP1");
	/* unknown size: 0 is left alone, an address refused */
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, NVT_XFER_UNKNOWN),
			 -EINVAL);
	nvt_udptr_set64(sqe, 4, 0);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 512, NVT_XFER_UNKNOWN), 0);

	/* PSDT 01b: an address too */
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, B0, 512, NVT_SGL_DATA_BLOCK);
	nvt_udptr_set64(sqe, 4, NOWHERE);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 8), -EFAULT);
	ck_assert_str_eq(last_what, "MPTR");

	/* PSDT 10b: one descriptor, copied */
	desc(B1 + 0x30, B2 + 0x100, 8, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL_MPTR_SGL, B0, 512, NVT_SGL_DATA_BLOCK);
	nvt_udptr_set64(sqe, 4, B1 + 0x30);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 8), 0);
	c = nvt_udptr_sqe64(sqe, 4);
	ck_assert_uint_eq(c, pg_dma[npg - 1] + 0x30);
	ck_assert_uint_eq(get64(c), B2 + 0x100);
	ck_assert_uint_eq(last_addr, B2 + 0x100);
	/* ... whose block is outside */
	desc(B1 + 0x30, NOWHERE, 8, NVT_SGL_DATA_BLOCK);
	nvt_udptr_set64(sqe, 4, B1 + 0x30);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 8), -EFAULT);
	/* ... or the descriptor itself */
	nvt_udptr_set64(sqe, 4, NOWHERE);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 8), -EFAULT);
	ck_assert_str_eq(last_what, "MPTR's SGL descriptor");
}
END_TEST

/*
 * page() is told which list or segment each copy is for, so that the
 * module can put the copy in the memory space the original is in; the
 * SQE, PRP list links and Segment descriptors then point at those copies,
 * each where its original was.
 */
START_TEST(copies_where_the_originals_are)
{
	u32 sqe[16], i, n = 600;
	u64 l1 = B2 + 0x100, l2 = B0 + 0x2000, s1 = B2 + 0x40, s2 = B0 + 0x80;
	u64 c1, c2;

	/* PRP: the first list in buffer 2, chained to one in buffer 0 */
	for (i = 0; i < 479; i++)
		put64(l1 + i * 8, B0 + (u64)(i + 1) * PS);
	put64(l1 + 479 * 8, l2);
	for (i = 0; i < n - 1 - 479; i++)
		put64(l2 + i * 8, B0 + (u64)(i + 480) * PS);
	sqe_prp(sqe, B0, l1);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, (u64)n * PS, 0), 0);
	ck_assert_uint_eq(npg, 2);
	ck_assert_uint_eq(pg_src[0], l1);
	ck_assert_uint_eq(pg_len[0], 480 * 8);
	ck_assert_uint_eq(pg_src[1], l2);
	ck_assert_uint_eq(pg_len[1], (n - 1 - 479) * 8);
	c1 = nvt_udptr_sqe64(sqe, 8);
	ck_assert_uint_eq(c1, DEVMEM + 0x100);
	c2 = get64(c1 + 479 * 8);
	ck_assert_uint_eq(c2, 0xd0000000ull + 0x100000);	/* l2 at offset 0 */
	ck_assert_uint_eq(get64(c2 + 8), B0 + 481ull * PS);

	teardown();
	setup();
	/* SGL: a Segment in buffer 2 whose Last Segment is in buffer 0 */
	desc(s1, B2 + 0x1000, 512, NVT_SGL_DATA_BLOCK);
	desc(s1 + 16, s2, 16, NVT_SGL_LAST_SEGMENT);
	desc(s2, B0, 512, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL, s1, 32, NVT_SGL_SEGMENT);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 0), 0);
	ck_assert_uint_eq(npg, 2);
	ck_assert_uint_eq(pg_src[0], s1);
	ck_assert_uint_eq(pg_len[0], 32);
	ck_assert_uint_eq(pg_src[1], s2);
	ck_assert_uint_eq(pg_len[1], 16);
	c1 = nvt_udptr_sqe64(sqe, 6);
	ck_assert_uint_eq(c1, DEVMEM + 0x40);
	c2 = get64(c1 + 16);
	ck_assert_uint_eq(c2, 0xd0000000ull + 0x100000 + 0x80);
	ck_assert_uint_eq(get64(c2), B0);

	/* MPTR's descriptor (PSDT 10b) in buffer 2 */
	desc(B2 + 0x230, B0 + 0x100, 8, NVT_SGL_DATA_BLOCK);
	sqe_sgl(sqe, NVT_SQE_PSDT_SGL_MPTR_SGL, B0, 512, NVT_SGL_DATA_BLOCK);
	nvt_udptr_set64(sqe, 4, B2 + 0x230);
	ck_assert_int_eq(nvt_udptr_walk(&w, sqe, 0, 8), 0);
	ck_assert_uint_eq(pg_src[npg - 1], B2 + 0x230);
	ck_assert_uint_eq(pg_len[npg - 1], 16);
	ck_assert_uint_eq(nvt_udptr_sqe64(sqe, 4),
			  DEVMEM + (u64)(npg - 1) * 0x100000 + 0x230);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("caller-built data pointers");
	TCase *tc = tcase_create("walk");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, prp1_offsets);
	tcase_add_test(tc, prp2_data_or_list);
	tcase_add_test(tc, prp_list_at_offsets);
	tcase_add_test(tc, prp_chained_lists);
	tcase_add_test(tc, prp_entries_with_offsets);
	tcase_add_test(tc, prp_controller_page_larger);
	tcase_add_test(tc, sgl_data_and_bit_bucket);
	tcase_add_test(tc, sgl_segments);
	tcase_add_test(tc, lists_read_once_through_reach);
	tcase_add_test(tc, sgl_segment_loops);
	tcase_add_test(tc, metadata_pointer);
	tcase_add_test(tc, copies_where_the_originals_are);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
