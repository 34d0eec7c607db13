// SPDX-License-Identifier: MIT
/*
 * Bench test of caller-built data pointers (NVT_CMD_DPTR_USER): data
 * written through PRPs and SGLs the test builds itself (PRP1 at offsets,
 * a PRP list at an offset, chained lists, SGL data blocks, segment chains,
 * a bit bucket) reads back right through the driver's own pointers, and
 * the other way round.  Where raw DMA is refused (no IOMMU) pointers that
 * reach outside the file's buffers, into a freed buffer, or lists in a
 * place the file does not own are refused with the right errno, and the
 * device still works; a buffer freed while its command is in flight stays
 * until the command is done.  Where raw DMA is allowed (an IOMMU) only
 * the good pointers are sent.
 *
 * What the controller may refuse on its own (QEMU 7.2: a chained PRP list
 * or a list entry with an offset, 00/13; a bit bucket) is not asserted:
 * only that the command ends and the host stays safe.
 *
 * usage: udptr BDF
 */
#include <errno.h>

#include "check.h"
#include "raw.h"

#define IOQ	1
#define LBA	512u
#define PG	4096u

static struct checks c;
static int checked;		/* raw DMA refused: the driver checks */
static int last_errno;

static int wait_cmd(int fd, uint32_t qid)
{
	for (;;) {
		struct nvt_cpl cpl;

		if (reap_q(fd, qid, &cpl, 1, 1, 10000) != 1)
			return -1;
		if (cpl.flags & NVT_CPL_AER)
			continue;
		return cpl_status(&cpl);
	}
}

/* -1 with last_errno when SUBMIT refuses, else the completion status */
static int run(int fd, uint32_t qid, struct nvt_cmd *cmd)
{
	errno = 0;
	if (submit_q(fd, qid, cmd, 1, 0, NULL)) {
		last_errno = errno;
		return -1;
	}
	last_errno = 0;
	return wait_cmd(fd, qid);
}

static int refused(int fd, uint32_t qid, struct nvt_cmd *cmd, int want)
{
	int st = run(fd, qid, cmd);

	return st == -1 && last_errno == want;
}

/* SUBMIT of @cmd answers @want (the errno seen is said either way) */
#define REFUSED(qid, cmd, want, what) do {				\
	int ok_ = refused(fd, qid, cmd, want);				\
									\
	CHECK(&c, ok_, what " (errno %d)", last_errno);			\
} while (0)

static void io_cmd(struct nvt_cmd *cmd, uint8_t opc, uint64_t slba,
		   uint32_t bytes)
{
	cmd_init(cmd, opc, 1);
	cmd->sqe[10] = (uint32_t)slba;
	cmd->sqe[11] = slba >> 32;
	cmd->sqe[12] = bytes / LBA - 1;
}

static void set64(uint32_t *sqe, int dw, uint64_t v)
{
	sqe[dw] = (uint32_t)v;
	sqe[dw + 1] = v >> 32;
}

/* caller PRPs, or the first SGL descriptor */
static void user_prp(struct nvt_cmd *cmd, uint64_t prp1, uint64_t prp2)
{
	cmd->flags |= NVT_CMD_DPTR_USER;
	set64(cmd->sqe, 6, prp1);
	set64(cmd->sqe, 8, prp2);
}

static void user_sgl(struct nvt_cmd *cmd, uint64_t addr, uint32_t len,
		     uint8_t type)
{
	cmd->flags |= NVT_CMD_DPTR_USER;
	cmd->sqe[0] |= NVT_SQE_PSDT_SGL;
	set64(cmd->sqe, 6, addr);
	cmd->sqe[8] = len;
	cmd->sqe[9] = (uint32_t)type << 28;
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);	/* the bench is little endian */
}

static void sgl_desc(uint8_t *p, uint64_t addr, uint32_t len, uint8_t type)
{
	memset(p, 0, 16);
	put64(p, addr);
	memcpy(p + 8, &len, 4);
	p[15] = type << 4;
}

static void fill(uint8_t *p, uint32_t len, uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(i * 7 + seed + (i >> 9));
}

/* driver-built write or read of @bytes at @slba through @b at 0 */
static int drv_io(int fd, uint8_t opc, struct buf *b, uint64_t slba,
		  uint32_t bytes)
{
	struct nvt_cmd cmd;

	io_cmd(&cmd, opc, slba, bytes);
	cmd_buf(&cmd, b, 0, bytes);
	return run(fd, IOQ, &cmd);
}

/*
 * Pieces of a transfer in buffer @u: @n runs of (offset, length) that
 * together make @bytes, in order.
 */
struct piece {
	uint64_t off;
	uint32_t len;
};

/* Write through @cmd (pieces of @u), read back by the driver, compare. */
static int write_check(int fd, struct nvt_cmd *cmd, struct buf *u,
		       struct buf *d, const struct piece *pc, int n,
		       uint64_t slba, uint32_t seed, const char *what)
{
	uint32_t bytes = 0, at;
	int i, st;

	for (i = 0; i < n; i++) {
		fill(u->p + pc[i].off, pc[i].len, seed + bytes);
		bytes += pc[i].len;
	}
	st = run(fd, IOQ, cmd);
	if (!CHECK(&c, st == 0, "%s: Write (status 0x%x, errno %d)", what,
		   st, last_errno))
		return -1;
	memset(d->p, 0, bytes);
	st = drv_io(fd, NVT_NVM_READ, d, slba, bytes);
	for (i = 0, at = 0; !st && i < n; at += pc[i].len, i++) {
		uint8_t want[PG * 16];

		fill(want, pc[i].len, seed + at);
		if (memcmp(d->p + at, want, pc[i].len))
			st = 0x1000 + i;
	}
	return CHECK(&c, st == 0, "%s: read back by the driver (0x%x)",
		     what, st) ? 0 : -1;
}

/* Driver writes a pattern, read through @cmd into pieces of @u, compare. */
static int read_check(int fd, struct nvt_cmd *cmd, struct buf *u,
		      struct buf *d, const struct piece *pc, int n,
		      uint64_t slba, uint32_t seed, const char *what)
{
	uint32_t bytes = 0, at;
	int i, st;

	for (i = 0; i < n; i++)
		bytes += pc[i].len;
	fill(d->p, bytes, seed);
	if (drv_io(fd, NVT_NVM_WRITE, d, slba, bytes))
		return CHECK(&c, 0, "%s: driver-built Write", what) - 1;
	for (i = 0; i < n; i++)
		memset(u->p + pc[i].off, 0xee, pc[i].len);
	st = run(fd, IOQ, cmd);
	if (!CHECK(&c, st == 0, "%s: Read (status 0x%x, errno %d)", what,
		   st, last_errno))
		return -1;
	for (i = 0, at = 0; i < n; at += pc[i].len, i++)
		if (memcmp(u->p + pc[i].off, d->p + at, pc[i].len))
			st = 0x1000 + i;
	return CHECK(&c, st == 0, "%s: data as the driver wrote it (0x%x)",
		     what, st) ? 0 : -1;
}

static void test_prp1_offsets(int fd, struct buf *u, struct buf *d)
{
	static const uint32_t offs[] = { 0, 4, 16, 512, 800, 3000 };
	unsigned int i;

	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		uint64_t base = 0x10000 * (i + 1), slba = 1000 + 16 * i;
		struct piece pc = { base + offs[i], PG };
		struct nvt_cmd cmd;
		char what[64];

		snprintf(what, sizeof(what), "PRP1 at offset %u", offs[i]);
		io_cmd(&cmd, NVT_NVM_WRITE, slba, PG);
		user_prp(&cmd, u->dma + base + offs[i], u->dma + base + PG);
		write_check(fd, &cmd, u, d, &pc, 1, slba, i, what);
		io_cmd(&cmd, NVT_NVM_READ, slba, PG);
		user_prp(&cmd, u->dma + base + offs[i], u->dma + base + PG);
		read_check(fd, &cmd, u, d, &pc, 1, slba, 50 + i, what);
	}
}

/*
 * 64 KiB in 16 pages of @u taken in reverse order, PRP1 the first; the
 * other 15 in PRP lists in @l: one at an offset (8 slots: 7 and the chain)
 * then one at a page start (@chain), or all in one list at an offset.
 */
static void test_prp_lists(int fd, struct buf *u, struct buf *l,
			   struct buf *d)
{
	struct piece pc[16];
	uint64_t l1 = PG + PG - 64, l2 = 3 * PG, slba = 2000;
	struct nvt_cmd cmd;
	int i, chain;

	for (i = 0; i < 16; i++) {
		pc[i].off = (uint64_t)(40 - i) * PG;
		pc[i].len = PG;
	}
	for (chain = 0; chain < 2; chain++) {
		uint64_t list = chain ? l1 : 0x7c8;
		const char *what = chain ? "PRP lists chained over two pages" :
					   "a PRP list at offset 0x7c8";

		memset(l->p, 0, l->len);
		for (i = 1; i < 16; i++) {
			uint64_t at = list + (i - 1) * 8;

			if (chain && i >= 8)
				at = l2 + (i - 8) * 8;
			put64(l->p + at, u->dma + pc[i].off);
		}
		if (chain)
			put64(l->p + l1 + 7 * 8, l->dma + l2);
		io_cmd(&cmd, NVT_NVM_WRITE, slba, 16 * PG);
		user_prp(&cmd, u->dma + pc[0].off, l->dma + list);
		write_check(fd, &cmd, u, d, pc, 16, slba, 7 + chain, what);
		/* the SQE as it went points at the driver's copy */
		io_cmd(&cmd, NVT_NVM_READ, slba, 16 * PG);
		user_prp(&cmd, u->dma + pc[0].off, l->dma + list);
		read_check(fd, &cmd, u, d, pc, 16, slba, 70 + chain, what);
	}
}

/*
 * What the spec lets the controller refuse (QEMU 7.2: 00/13 Invalid PRP
 * Offset): a list entry with an offset, a chained list at an offset.  Inside
 * the buffers the driver lets them go; the command must end either way.
 */
static void test_prp_offsets_in_lists(int fd, struct buf *u, struct buf *l)
{
	struct nvt_cmd cmd;
	int st;

	memset(l->p, 0, 2 * PG);
	put64(l->p, u->dma + 0x61000 + 0x10);
	put64(l->p + 8, u->dma + 0x62000);
	io_cmd(&cmd, NVT_NVM_READ, 6000, 3 * PG);
	user_prp(&cmd, u->dma + 0x60000, l->dma);
	st = run(fd, IOQ, &cmd);
	CHECK(&c, st >= 0, "a PRP list entry with an offset: taken, and ends (status 0x%x, errno %d)",
	      st, last_errno);

	/* 2 slots at the page end: one entry, then a list at an offset */
	put64(l->p + PG - 16, u->dma + 0x61000);
	put64(l->p + PG - 8, l->dma + PG + 0x100);
	put64(l->p + PG + 0x100, u->dma + 0x62000);
	put64(l->p + PG + 0x108, u->dma + 0x63000);
	io_cmd(&cmd, NVT_NVM_READ, 6000, 4 * PG);
	user_prp(&cmd, u->dma + 0x60000, l->dma + PG - 16);
	st = run(fd, IOQ, &cmd);
	CHECK(&c, st >= 0, "a chained PRP list at an offset: taken, and ends (status 0x%x, errno %d)",
	      st, last_errno);
}

/* SGL data blocks in a Last Segment, and a Segment chain */
static void test_sgl(int fd, struct buf *u, struct buf *l, struct buf *d)
{
	struct piece three[3] = { { 0x100, 1000 }, { 0x5003, 2096 },
				  { 0x9000, 1000 } };
	struct piece two[3] = { { 0x20000, 2048 }, { 0x31000, 1024 },
				{ 0x30000, 1024 } };
	struct nvt_cmd cmd;
	int i, st;

	memset(l->p, 0, l->len);
	for (i = 0; i < 3; i++)
		sgl_desc(l->p + 0x200 + 16 * i, u->dma + three[i].off,
			 three[i].len, NVT_SGL_DATA_BLOCK);
	io_cmd(&cmd, NVT_NVM_WRITE, 3000, PG);
	user_sgl(&cmd, l->dma + 0x200, 48, NVT_SGL_LAST_SEGMENT);
	write_check(fd, &cmd, u, d, three, 3, 3000, 3,
		    "SGL: three data blocks in a Last Segment");
	io_cmd(&cmd, NVT_NVM_READ, 3000, PG);
	user_sgl(&cmd, l->dma + 0x200, 48, NVT_SGL_LAST_SEGMENT);
	read_check(fd, &cmd, u, d, three, 3, 3000, 33,
		   "SGL: three data blocks in a Last Segment");

	/* Segment (a block, Last Segment) -> Last Segment (two blocks) */
	sgl_desc(l->p + 0x400, u->dma + two[0].off, two[0].len,
		 NVT_SGL_DATA_BLOCK);
	sgl_desc(l->p + 0x410, l->dma + 0x2800, 32, NVT_SGL_LAST_SEGMENT);
	sgl_desc(l->p + 0x2800, u->dma + two[1].off, two[1].len,
		 NVT_SGL_DATA_BLOCK);
	sgl_desc(l->p + 0x2810, u->dma + two[2].off, two[2].len,
		 NVT_SGL_DATA_BLOCK);
	io_cmd(&cmd, NVT_NVM_WRITE, 3100, PG);
	user_sgl(&cmd, l->dma + 0x400, 32, NVT_SGL_SEGMENT);
	write_check(fd, &cmd, u, d, two, 3, 3100, 4, "SGL: a segment chain");
	io_cmd(&cmd, NVT_NVM_READ, 3100, PG);
	user_sgl(&cmd, l->dma + 0x400, 32, NVT_SGL_SEGMENT);
	read_check(fd, &cmd, u, d, two, 3, 3100, 44, "SGL: a segment chain");

	/* a Read with a bit bucket in the middle: 512 kept, 2048 not, 1536 */
	fill(d->p, PG, 99);
	drv_io(fd, NVT_NVM_WRITE, d, 3200, PG);
	sgl_desc(l->p + 0x600, u->dma + 0x40000, 512, NVT_SGL_DATA_BLOCK);
	sgl_desc(l->p + 0x610, 0, 2048, NVT_SGL_BIT_BUCKET);
	sgl_desc(l->p + 0x620, u->dma + 0x41000, 1536, NVT_SGL_DATA_BLOCK);
	memset(u->p + 0x40000, 0xee, 0x2000);
	io_cmd(&cmd, NVT_NVM_READ, 3200, PG);
	user_sgl(&cmd, l->dma + 0x600, 48, NVT_SGL_LAST_SEGMENT);
	st = run(fd, IOQ, &cmd);
	CHECK(&c, st >= 0, "SGL bit bucket on a Read: taken (status 0x%x, errno %d)",
	      st, last_errno);
	if (st == 0)
		CHECK(&c, !memcmp(u->p + 0x40000, d->p, 512) &&
		      !memcmp(u->p + 0x41000, d->p + 2560, 1536) &&
		      u->p[0x40200] == 0xee,
		      "SGL bit bucket: the blocks around it hold their data");
	else
		printf("# the controller refused the bit bucket (0x%x)\n", st);
}

/* An admin command with caller PRPs: Identify Controller */
static void test_admin(int fd, struct buf *u, struct buf *d)
{
	struct nvt_cmd cmd;
	int st;

	cmd_init(&cmd, NVT_ADMIN_IDENTIFY, 0);
	cmd.sqe[10] = NVT_CNS_CTRL;
	cmd_buf(&cmd, d, 0, PG);
	st = run(fd, NVT_ADMIN_QID, &cmd);
	cmd_init(&cmd, NVT_ADMIN_IDENTIFY, 0);
	cmd.sqe[10] = NVT_CNS_CTRL;
	user_prp(&cmd, u->dma + 0x50000 + 800, u->dma + 0x51000);
	memset(u->p + 0x50000, 0, 2 * PG);
	st |= run(fd, NVT_ADMIN_QID, &cmd);
	/* the serial number onwards: 4 bytes at 0 are the PCI IDs */
	CHECK(&c, st == 0 && !memcmp(u->p + 0x50000 + 800, d->p, PG),
	      "admin Identify through caller PRPs (PRP1 at 800) matches the driver's (0x%x, errno %d)",
	      st, last_errno);
}

static struct buf *bufs[3];

/* whether [a, a + len) touches one of the test's buffers */
static int in_bufs(uint64_t a, uint64_t len)
{
	int i;

	for (i = 0; i < 3; i++)
		if (a + len > bufs[i]->dma && a < bufs[i]->dma + bufs[i]->len)
			return 1;
	return 0;
}

/* an address none of ours holds, with room for a few pages */
static uint64_t outside(void)
{
	uint64_t a = 0x1000;

	while (in_bufs(a, 4 * PG))
		a += 0x100000;
	return a;
}

static void test_refused(int fd, const char *bdf, struct buf *u,
			 struct buf *l, struct buf *d, uint64_t away)
{
	struct buf *e = NULL;
	struct nvt_cmd cmd;
	struct buf f;
	int st, i;

	/* a buffer whose next page is none of ours (Writes only: read) */
	for (i = 0; i < 3 && !e; i++)
		if (!in_bufs(bufs[i]->dma + bufs[i]->len, PG))
			e = bufs[i];
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_prp(&cmd, away, 0);
	REFUSED(IOQ, &cmd, EFAULT,
		"PRP1 outside the buffers -> EFAULT");
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_prp(&cmd, u->dma + u->len - 512, away);
	REFUSED(IOQ, &cmd, EFAULT,
		"PRP2 outside the buffers -> EFAULT");
	if (e) {
		io_cmd(&cmd, NVT_NVM_WRITE, 0, 2 * PG);
		user_prp(&cmd, e->dma + e->len - PG, e->dma + e->len);
		REFUSED(IOQ, &cmd, EFAULT,
			"PRP2 just past a buffer's end -> EFAULT");
	}
	io_cmd(&cmd, NVT_NVM_READ, 0, 4 * PG);
	user_prp(&cmd, u->dma, away);
	REFUSED(IOQ, &cmd, EFAULT,
		"a PRP list in memory the file does not own -> EFAULT");
	put64(l->p, u->dma + PG);
	put64(l->p + 8, away);
	put64(l->p + 16, u->dma + 3 * PG);
	io_cmd(&cmd, NVT_NVM_READ, 0, 4 * PG);
	user_prp(&cmd, u->dma, l->dma);
	REFUSED(IOQ, &cmd, EFAULT,
		"a PRP list entry outside the buffers -> EFAULT");
	io_cmd(&cmd, NVT_NVM_READ, 0, 4 * PG);
	user_prp(&cmd, u->dma, l->dma + 4);
	REFUSED(IOQ, &cmd, EINVAL,
		"a PRP list pointer not qword aligned -> EINVAL");

	/* a freed buffer */
	if (!buf_alloc(fd, 64 * 1024, &f)) {
		uint64_t gone = f.dma;

		buf_free(fd, &f);
		io_cmd(&cmd, NVT_NVM_READ, 0, PG);
		user_prp(&cmd, gone, 0);
		REFUSED(IOQ, &cmd, EFAULT,
		"PRP1 into a freed buffer -> EFAULT");
	}

	/* SGLs */
	if (e) {
		io_cmd(&cmd, NVT_NVM_WRITE, 0, PG);
		user_sgl(&cmd, e->dma + e->len - 512, PG, NVT_SGL_DATA_BLOCK);
		REFUSED(IOQ, &cmd, EFAULT,
			"a Write's SGL data block running past its buffer's end -> EFAULT");
	} else {
		printf("# every buffer is followed by another: no check past an end\n");
	}
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_sgl(&cmd, away, PG, NVT_SGL_DATA_BLOCK);
	REFUSED(IOQ, &cmd, EFAULT,
		"an SGL data block outside -> EFAULT");
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_sgl(&cmd, away, 32, NVT_SGL_SEGMENT);
	REFUSED(IOQ, &cmd, EFAULT,
		"an SGL segment outside -> EFAULT");
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_sgl(&cmd, u->dma, PG, NVT_SGL_KEYED_DATA_BLOCK);
	REFUSED(IOQ, &cmd, EINVAL,
		"a keyed SGL data block -> EINVAL");
	sgl_desc(l->p + 0x100, u->dma, 512, NVT_SGL_DATA_BLOCK);
	sgl_desc(l->p + 0x110, l->dma + 0x100, 32, NVT_SGL_SEGMENT);
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_sgl(&cmd, l->dma + 0x100, 32, NVT_SGL_SEGMENT);
	REFUSED(IOQ, &cmd, E2BIG,
		"an SGL segment pointing at itself -> E2BIG");
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_prp(&cmd, u->dma, 0);
	cmd.sqe[0] |= NVT_SQE_PSDT_MASK;
	REFUSED(IOQ, &cmd, EINVAL,
		"PSDT 11b -> EINVAL");

	/* with the driver's own pointers, and on the admin queue */
	io_cmd(&cmd, NVT_NVM_READ, 0, PG);
	user_prp(&cmd, u->dma, 0);
	cmd_buf(&cmd, d, 0, PG);
	REFUSED(IOQ, &cmd, EINVAL,
		"DPTR_USER with DPTR_BUF -> EINVAL");
	cmd_init(&cmd, NVT_ADMIN_IDENTIFY, 0);
	cmd.sqe[10] = NVT_CNS_CTRL;
	user_prp(&cmd, away, 0);
	REFUSED(NVT_ADMIN_QID, &cmd, EFAULT,
		"admin Identify into memory the file does not own -> EFAULT");
	cmd_init(&cmd, NVT_ADMIN_CREATE_CQ, 0);
	cmd.sqe[10] = 63 << 16 | 9;
	cmd.sqe[11] = 1;
	user_prp(&cmd, u->dma, 0);
	REFUSED(NVT_ADMIN_QID, &cmd, EINVAL,
		"Create I/O CQ with a caller pointer -> EINVAL");

	/* nothing of that reached the controller: it still works */
	fill(d->p, PG, 5);
	st = drv_io(fd, NVT_NVM_WRITE, d, 4000, PG);
	memset(d->p, 0, PG);
	st |= drv_io(fd, NVT_NVM_READ, d, 4000, PG);
	memset(u->p, 0, PG);
	fill(u->p, PG, 5);
	CHECK(&c, st == 0 && !memcmp(u->p, d->p, PG),
	      "the device still reads and writes (0x%x)", st);
	CHECK(&c, sysfs_int(bdf, "raw_dma") == 0,
	      "this controller life used no raw DMA");
}

/*
 * A Write queued (not rung) from a buffer that is then freed: the command
 * still reads the data that was there, the buffer held until it is done.
 */
static void test_freed_in_flight(int fd, struct buf *d)
{
	struct nvt_cmd cmd, flush;
	struct buf g;
	int st;

	if (!CHECK(&c, buf_alloc(fd, 64 * 1024, &g) == 0, "a buffer to free"))
		return;
	fill(g.p + 0x3000, 2 * PG, 77);
	fill(d->p, 2 * PG, 77);
	io_cmd(&cmd, NVT_NVM_WRITE, 5000, 2 * PG);
	user_prp(&cmd, g.dma + 0x3000, g.dma + 0x4000);
	st = submit_q(fd, IOQ, &cmd, 1, NVT_SUBMIT_NO_DOORBELL, NULL);
	if (!CHECK(&c, st == 0, "Write queued without a doorbell (errno %d)",
		   errno))
		return;
	CHECK(&c, buf_free(fd, &g) == 0,
	      "its buffer freed while the Write is in flight");
	cmd_init(&flush, NVT_NVM_FLUSH, 1);
	st = submit_q(fd, IOQ, &flush, 1, 0, NULL);
	st |= wait_cmd(fd, IOQ);
	st |= wait_cmd(fd, IOQ);
	CHECK(&c, st == 0, "the Write and a Flush complete (0x%x)", st);
	memset(d->p, 0, 2 * PG);
	st = drv_io(fd, NVT_NVM_READ, d, 5000, 2 * PG);
	{
		uint8_t want[2 * PG];

		fill(want, 2 * PG, 77);
		CHECK(&c, st == 0 && !memcmp(d->p, want, 2 * PG),
		      "the data written is what the freed buffer held");
	}
}

int main(int argc, char **argv)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = IOQ,
				       .depth = 64, .vector = 0,
				       .flags = NVT_Q_NO_IRQ };
	struct buf u, l, d;
	char policy[32];
	int fd;

	fd = bench_open(argc, argv);
	if (fd < 0)
		return 1;
	wreg32(fd, NVT_REG_CC, 0);
	if (ctrl_enable(fd, 64) || buf_alloc(fd, 1 << 20, &u) ||
	    buf_alloc(fd, 64 * 1024, &l) || buf_alloc(fd, 1 << 20, &d) ||
	    ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc)) {
		printf("not ok 1 - bring-up, buffers and an I/O queue\n");
		return 1;
	}
	bufs[0] = &u;
	bufs[1] = &l;
	bufs[2] = &d;
	sysfs_str(argv[1], "raw_dma_policy", policy, sizeof(policy));
	checked = !strcmp(policy, "refused");
	printf("# raw DMA policy: %s: pointers %s\n", policy,
	       checked ? "checked" : "go as given");

	test_prp1_offsets(fd, &u, &d);
	test_prp_lists(fd, &u, &l, &d);
	test_prp_offsets_in_lists(fd, &u, &l);
	test_sgl(fd, &u, &l, &d);
	test_admin(fd, &u, &d);
	if (checked)
		test_refused(fd, argv[1], &u, &l, &d, outside());
	test_freed_in_flight(fd, &d);
	return check_exit(&c);
}
