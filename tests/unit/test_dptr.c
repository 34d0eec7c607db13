// SPDX-License-Identifier: MIT
/*
 * Data pointers (kmod/nvt_dptr_calc.h): PRP1/PRP2 and PRP lists that
 * chain, SGL data blocks in chained segments, over a window at a given
 * bus address, with list pages of 4 KiB and of other sizes.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/nvt_dptr_calc.h"
#include "unit.h"

#define MAXP	8
#define SINK	0x5100000ull
#define DATA	0x10000000ull		/* a window's page-aligned start */

/* list pages as the module allocates them, at bus addresses of their own */
static void *pg[MAXP];
static dma_addr_t pg_dma[MAXP];
static u32 pg_size;

static void pages(u32 kpage)
{
	int k;

	for (k = 0; k < MAXP; k++) {
		if (kpage != pg_size) {
			free(pg[k]);
			pg[k] = aligned_alloc(kpage, kpage);
			ck_assert_ptr_nonnull(pg[k]);
		}
		pg_dma[k] = 0xd0000000ull + (u64)k * 0x100000;
	}
	pg_size = kpage;
}

static void teardown(void)
{
	int k;

	for (k = 0; k < MAXP; k++) {
		free(pg[k]);
		pg[k] = NULL;
	}
	pg_size = 0;
}

/* the CPU address of a list entry, from its bus address */
static __le64 *at(u64 dma)
{
	int k;

	for (k = 0; k < MAXP; k++)
		if (dma >= pg_dma[k] && dma < pg_dma[k] + pg_size)
			return (__le64 *)((u8 *)pg[k] + (dma - pg_dma[k]));
	ck_abort_msg("0x%llx is no list page", (unsigned long long)dma);
	return NULL;
}

static u64 entry(u64 list_dma, u32 i)
{
	return le64toh(at(list_dma)[i]);
}

/* plan and fill a PRP of [addr, addr + len) */
static int prp(u64 addr, u64 len, u32 ps, u32 kpage, u32 max,
	       struct nvt_prp_plan *p)
{
	int ret;

	u32 k;

	pages(kpage);
	ret = nvt_prp_plan(addr, len, ps, kpage, max, p);
	/* not zero: the fill must write every entry of its pages */
	for (k = 0; !ret && k < p->pages; k++)
		memset(pg[k], 0xa5, kpage);
	if (!ret && p->lists)
		nvt_prp_fill(p, ps, kpage, pg, pg_dma, SINK);
	return ret;
}

/* an assertion only when it fails: walk() runs millions of them */
#define EQ(a, b) do {							\
	unsigned long long a_ = (a), b_ = (b);				\
	if (a_ != b_)							\
		ck_abort_msg("%s == 0x%llx, %s == 0x%llx", #a, a_, #b, b_); \
} while (0)

/*
 * Walk a PRP as a controller does, and check that it names exactly the
 * pages of [addr, addr + len) in order, chains where the entries left do
 * not fit a list, and points every other entry of its pages at the sink.
 */
static void walk(const struct nvt_prp_plan *p, u64 addr, u64 len, u32 ps,
		 u32 kpage)
{
	u64 first = ps - (addr & (ps - 1)), page = addr + first, left;
	u32 per = ps / 8, lists = 0, i, k, used[MAXP] = { 0 };
	u64 list;

	EQ(p->prp1, addr);
	if (len <= first) {
		EQ(p->prp2, 0);
		EQ(p->lists, 0);
		return;
	}
	left = (len - first + ps - 1) / ps;
	if (left == 1) {
		EQ(p->prp2, page);
		EQ(p->lists, 0);
		return;
	}
	EQ(p->entries, left);
	list = p->prp2;
	while (left) {
		EQ(list & (ps - 1), 0);
		lists++;
		for (i = 0; i < per && left; i++) {
			u64 e = entry(list, i);

			if (i == per - 1 && left > 1) {
				list = e;	/* the chain */
				break;
			}
			EQ(e, page);
			page += ps;
			left--;
		}
		if (!left) {
			for (; i < per; i++)
				EQ(entry(list, i), SINK);
		}
	}
	EQ(lists, p->lists);
	EQ(p->pages, (lists + kpage / ps - 1) / (kpage / ps));
	/* pages past the used lists: all sink */
	for (k = 0; k < p->lists; k++)
		used[k / (kpage / ps)]++;
	for (k = 0; k < p->pages; k++)
		for (i = used[k] * per; i < kpage / 8; i++)
			EQ(le64toh(((__le64 *)pg[k])[i]), SINK);
}

START_TEST(prp_inside_a_page)
{
	struct nvt_prp_plan p;

	ck_assert_int_eq(prp(DATA + 0x200, 100, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp1, DATA + 0x200);
	ck_assert_uint_eq(p.prp2, 0);
	ck_assert_uint_eq(p.lists, 0);
	/* up to the page's end: still one entry */
	ck_assert_int_eq(prp(DATA + 0x200, 0xe00, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, 0);
	/* one byte more: PRP2 is the next page */
	ck_assert_int_eq(prp(DATA + 0x200, 0xe01, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 0x1000);
	ck_assert_uint_eq(p.lists, 0);
	/* the last byte of a page */
	ck_assert_int_eq(prp(DATA + 0xfff, 1, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, 0);
	ck_assert_int_eq(prp(DATA + 0xfff, 2, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 0x1000);
}
END_TEST

START_TEST(prp_one_and_two_pages)
{
	struct nvt_prp_plan p;

	ck_assert_int_eq(prp(DATA, 4096, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp1, DATA);
	ck_assert_uint_eq(p.prp2, 0);
	ck_assert_int_eq(prp(DATA, 4097, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 4096);
	ck_assert_uint_eq(p.lists, 0);
	ck_assert_int_eq(prp(DATA, 8192, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 4096);
	ck_assert_uint_eq(p.lists, 0);
	/* two pages and a byte: a list of two entries */
	ck_assert_int_eq(prp(DATA, 8193, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, pg_dma[0]);
	ck_assert_uint_eq(p.entries, 2);
	ck_assert_uint_eq(p.lists, 1);
	ck_assert_uint_eq(p.pages, 1);
	ck_assert_uint_eq(entry(p.prp2, 0), DATA + 4096);
	ck_assert_uint_eq(entry(p.prp2, 1), DATA + 8192);
	ck_assert_uint_eq(entry(p.prp2, 2), SINK);
	ck_assert_uint_eq(entry(p.prp2, 511), SINK);
	/* 8 KiB from inside a page: three pages, so a list */
	ck_assert_int_eq(prp(DATA + 0x200, 8192, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp1, DATA + 0x200);
	ck_assert_uint_eq(p.entries, 2);
	ck_assert_uint_eq(entry(p.prp2, 0), DATA + 0x1000);
	ck_assert_uint_eq(entry(p.prp2, 1), DATA + 0x2000);
	ck_assert_uint_eq(entry(p.prp2, 2), SINK);
}
END_TEST

START_TEST(prp_list_full_and_chained)
{
	struct nvt_prp_plan p;
	u64 len = 4096 + 512 * 4096ull;

	/* 512 entries: one list, its last entry data */
	ck_assert_int_eq(prp(DATA, len, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.entries, 512);
	ck_assert_uint_eq(p.lists, 1);
	ck_assert_uint_eq(p.pages, 1);
	ck_assert_uint_eq(entry(p.prp2, 511), DATA + 512 * 4096ull);
	walk(&p, DATA, len, 4096, 4096);

	/* 513: the last entry chains, the second list holds two */
	ck_assert_int_eq(prp(DATA, len + 1, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.entries, 513);
	ck_assert_uint_eq(p.lists, 2);
	ck_assert_uint_eq(p.pages, 2);
	ck_assert_uint_eq(p.prp2, pg_dma[0]);
	ck_assert_uint_eq(entry(p.prp2, 510), DATA + 511 * 4096ull);
	ck_assert_uint_eq(entry(p.prp2, 511), pg_dma[1]);
	ck_assert_uint_eq(entry(pg_dma[1], 0), DATA + 512 * 4096ull);
	ck_assert_uint_eq(entry(pg_dma[1], 1), DATA + 513 * 4096ull);
	ck_assert_uint_eq(entry(pg_dma[1], 2), SINK);
	walk(&p, DATA, len + 1, 4096, 4096);

	/* 16 KiB pages hold four lists: the chain stays in one page */
	ck_assert_int_eq(prp(DATA, len + 1, 4096, 16384, MAXP, &p), 0);
	ck_assert_uint_eq(p.lists, 2);
	ck_assert_uint_eq(p.pages, 1);
	ck_assert_uint_eq(entry(p.prp2, 511), pg_dma[0] + 4096);
	walk(&p, DATA, len + 1, 4096, 16384);
}
END_TEST

START_TEST(prp_too_many_pages)
{
	struct nvt_prp_plan p;
	/* 8 pages of one list each: 8 * 511 + 1 entries */
	u64 most = 4096 + (8 * 511 + 1) * 4096ull;

	ck_assert_int_eq(prp(DATA, most, 4096, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.lists, 8);
	ck_assert_uint_eq(p.pages, 8);
	walk(&p, DATA, most, 4096, 4096);
	ck_assert_int_eq(nvt_prp_plan(DATA, most + 1, 4096, 4096, MAXP, &p),
			 -E2BIG);
	ck_assert_int_eq(nvt_prp_plan(DATA, 3 * 4096, 4096, 4096, 0, &p),
			 -E2BIG);
}
END_TEST

START_TEST(prp_controller_pages_larger)
{
	struct nvt_prp_plan p;

	/* MPS 8 KiB over 4 KiB kernel pages: two pages, no list, work */
	ck_assert_int_eq(prp(DATA + 0x1000, 0x1000, 8192, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, 0);
	ck_assert_int_eq(prp(DATA + 0x1000, 0x1001, 8192, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 0x2000);
	ck_assert_int_eq(prp(DATA, 16384, 8192, 4096, MAXP, &p), 0);
	ck_assert_uint_eq(p.prp2, DATA + 8192);
	/* a list would not fit a kernel page */
	ck_assert_int_eq(nvt_prp_plan(DATA, 16385, 8192, 4096, MAXP, &p),
			 -EOPNOTSUPP);
	/* MPS 16 KiB in 64 KiB pages: 2048 entries a list, four a page */
	ck_assert_int_eq(prp(DATA, 16384 * 3, 16384, 65536, MAXP, &p), 0);
	ck_assert_uint_eq(p.entries, 2);
	ck_assert_uint_eq(entry(p.prp2, 0), DATA + 16384);
	ck_assert_uint_eq(entry(p.prp2, 2047), SINK);
	walk(&p, DATA, 16384 * 3, 16384, 65536);
	ck_assert_int_eq(prp(DATA, 16384 * 2050ull, 16384, 65536, MAXP, &p),
			 0);
	ck_assert_uint_eq(p.lists, 2);
	ck_assert_uint_eq(p.pages, 1);
	walk(&p, DATA, 16384 * 2050ull, 16384, 65536);
}
END_TEST

/* every length up to a few lists, from several offsets */
START_TEST(prp_walk_all)
{
	static const u64 offs[] = { 0, 8, 0x200, 0xff8, 0xfff };
	struct nvt_prp_plan p;
	u64 len;
	u32 o;

	for (o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
		for (len = 1; len < 2100 * 4096ull; len += len < 3 * 4096 ?
		     1 : 4093) {
			ck_assert_int_eq(prp(DATA + offs[o], len, 4096, 4096,
					     MAXP, &p), 0);
			walk(&p, DATA + offs[o], len, 4096, 4096);
		}
	}
}
END_TEST

static int sgl(u64 len, u32 block, u32 max, struct nvt_sgl_plan *p,
	       u64 dptr[2])
{
	int ret;

	u32 k;

	pages(4096);
	for (k = 0; k < MAXP; k++)
		memset(pg[k], 0xa5, 4096);
	ret = nvt_sgl_plan(len, block, 4096, max, p);
	if (!ret)
		nvt_sgl_fill(p, DATA, len, block, 4096, pg, pg_dma, dptr);
	return ret;
}

static void desc_is(const struct nvt_sgl_desc *d, u64 addr, u32 len, u8 type)
{
	static const u8 zero[3];

	ck_assert_uint_eq(le64toh(d->addr), addr);
	ck_assert_uint_eq(le32toh(d->length), len);
	ck_assert_mem_eq(d->rsvd, zero, 3);
	ck_assert_uint_eq(d->type, type << 4);
}

#define SQE_DESC(len, type)	((u64)(len) | (u64)((type) << 4) << 56)

START_TEST(sgl_one_block)
{
	struct nvt_sgl_plan p;
	u64 dptr[2];

	ck_assert_int_eq(sgl(4096, 0, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 0);
	ck_assert_uint_eq(dptr[0], DATA);
	ck_assert_uint_eq(dptr[1], SQE_DESC(4096, NVT_SGL_DATA_BLOCK));
	ck_assert_int_eq(sgl(4096, 4096, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 0);
	ck_assert_uint_eq(dptr[1], 4096);
	ck_assert_int_eq(sgl(100, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(dptr[1], 100);
	ck_assert_int_eq(sgl(0xffffffffull, 0, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(dptr[1], 0xffffffffull);
	ck_assert_int_eq(nvt_sgl_plan(0x100000000ull, 0, 4096, MAXP, &p),
			 -E2BIG);
}
END_TEST

START_TEST(sgl_blocks_in_one_segment)
{
	struct nvt_sgl_plan p;
	const struct nvt_sgl_desc *d = NULL;
	u64 dptr[2];
	u32 i;

	ck_assert_int_eq(sgl(4096, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.blocks, 8);
	ck_assert_uint_eq(p.pages, 1);
	ck_assert_uint_eq(dptr[0], pg_dma[0]);
	ck_assert_uint_eq(dptr[1], SQE_DESC(8 * 16, NVT_SGL_LAST_SEGMENT));
	d = pg[0];
	for (i = 0; i < 8; i++)
		desc_is(&d[i], DATA + i * 512, 512, NVT_SGL_DATA_BLOCK);

	/* a shorter last block */
	ck_assert_int_eq(sgl(4000, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.blocks, 8);
	d = pg[0];
	desc_is(&d[6], DATA + 6 * 512, 512, NVT_SGL_DATA_BLOCK);
	desc_is(&d[7], DATA + 7 * 512, 4000 - 7 * 512, NVT_SGL_DATA_BLOCK);

	/* 256 blocks fill the page exactly: no chain */
	ck_assert_int_eq(sgl(256 * 512, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 1);
	ck_assert_uint_eq(dptr[1], SQE_DESC(4096, NVT_SGL_LAST_SEGMENT));
	d = pg[0];
	desc_is(&d[255], DATA + 255 * 512, 512, NVT_SGL_DATA_BLOCK);
}
END_TEST

START_TEST(sgl_chained_segments)
{
	struct nvt_sgl_plan p;
	const struct nvt_sgl_desc *d;
	u64 dptr[2], i;

	/* 257 blocks: 255 and a Last Segment, then 2 */
	ck_assert_int_eq(sgl(257 * 512, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 2);
	ck_assert_uint_eq(dptr[0], pg_dma[0]);
	ck_assert_uint_eq(dptr[1], SQE_DESC(4096, NVT_SGL_SEGMENT));
	d = pg[0];
	desc_is(&d[254], DATA + 254 * 512, 512, NVT_SGL_DATA_BLOCK);
	desc_is(&d[255], pg_dma[1], 32, NVT_SGL_LAST_SEGMENT);
	d = pg[1];
	desc_is(&d[0], DATA + 255 * 512, 512, NVT_SGL_DATA_BLOCK);
	desc_is(&d[1], DATA + 256 * 512, 512, NVT_SGL_DATA_BLOCK);

	/* 512 blocks: Segment, Segment, Last Segment */
	ck_assert_int_eq(sgl(512 * 512, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 3);
	desc_is(&((struct nvt_sgl_desc *)pg[0])[255], pg_dma[1], 4096,
		NVT_SGL_SEGMENT);
	desc_is(&((struct nvt_sgl_desc *)pg[1])[255], pg_dma[2], 32,
		NVT_SGL_LAST_SEGMENT);
	for (i = 0; i < 512; i++) {
		d = pg[i / 255];
		desc_is(&d[i % 255], DATA + i * 512, 512, NVT_SGL_DATA_BLOCK);
	}

	/* eight pages hold 8 * 255 + 1 blocks, and no more */
	ck_assert_int_eq(sgl(2041 * 512, 512, MAXP, &p, dptr), 0);
	ck_assert_uint_eq(p.pages, 8);
	d = pg[7];
	desc_is(&d[0], DATA + 7 * 255 * 512, 512, NVT_SGL_DATA_BLOCK);
	desc_is(&d[255], DATA + 2040 * 512, 512, NVT_SGL_DATA_BLOCK);
	ck_assert_int_eq(nvt_sgl_plan(2042 * 512, 512, 4096, MAXP, &p),
			 -E2BIG);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("data pointers");
	TCase *tc = tcase_create("prp and sgl");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, prp_inside_a_page);
	tcase_add_test(tc, prp_one_and_two_pages);
	tcase_add_test(tc, prp_list_full_and_chained);
	tcase_add_test(tc, prp_too_many_pages);
	tcase_add_test(tc, prp_controller_pages_larger);
	tcase_add_test(tc, prp_walk_all);
	tcase_add_test(tc, sgl_one_block);
	tcase_add_test(tc, sgl_blocks_in_one_segment);
	tcase_add_test(tc, sgl_chained_segments);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
