// SPDX-License-Identifier: MIT
/*
 * Bench test of buffers in controller memory: NVT_BUF_CMB (the multi
 * profile's 16 MiB Controller Memory Buffer) as a Write's source and a
 * Read's destination through the normal SUBMIT path, ENOSPC when it is
 * full and room again after BUF_FREE; NVT_BUF_PMR (its Persistent Memory
 * Region): enabled (PMRCTL.EN, PMRSTS ready), host writes read back, and
 * as a command's data where PMRCAP.CMSS gives it an address.  A device
 * without them answers EOPNOTSUPP.
 *
 * Caller-built pointers (NVT_CMD_DPTR_USER) into them where raw DMA is
 * refused: PRP entries and SGL data blocks into CMB/PMR buffers go, a PRP
 * list or SGL segment placed in the CMB (or PMR) is copied by the driver
 * into a page of that same memory (what the caller writes in its own copy
 * afterwards changes nothing), so a Write and a Read whose SGL segment and
 * data are both there succeed and move the right data; with the CMB full
 * to its last page that copy has no room (ENOSPC) until a page is freed;
 * one byte past a buffer's end is EFAULT.  A CMB buffer outlives a controller reset whose
 * function-reset side the test plays itself (CMBMSC cleared while the
 * controller is disabled): enabled again, CMBMSC is back and the buffer
 * carries data again.
 *
 * usage: cmb BDF
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "raw.h"

static struct checks c;

/* 32-bit accesses: device memory behind a BAR, mapped uncached */
static void io_fill(struct buf *b, uint32_t seed)
{
	volatile uint32_t *p = (volatile uint32_t *)b->p;
	size_t i;

	for (i = 0; i < 4096 / 4; i++)
		p[i] = seed * 2654435761u + i;
}

static int io_check(const uint8_t *mem, uint32_t seed)
{
	const volatile uint32_t *p = (const volatile uint32_t *)mem;
	size_t i;

	for (i = 0; i < 4096 / 4; i++)
		if (p[i] != seed * 2654435761u + i)
			return 0;
	return 1;
}

/* @cmd on qid 1, waited for: its status, -1 (reap), -errno (SUBMIT) */
static int run_io(int fd, struct nvt_cmd *cmd)
{
	struct nvt_cpl cpl;

	if (submit_q(fd, 1, cmd, 1, 0, NULL))
		return -errno;
	if (reap_q(fd, 1, &cpl, 1, 1, 5000) != 1)
		return -1;
	return cpl_status(&cpl);
}

static int xfer(int fd, uint8_t opc, uint32_t lba, struct buf *b)
{
	struct nvt_cmd cmd;

	cmd_init(&cmd, opc, 1);
	cmd.sqe[10] = lba;
	cmd.sqe[12] = 7;	/* 8 LBAs of 512 B */
	cmd_buf(&cmd, b, 0, 4096);
	return run_io(fd, &cmd);
}

/* Write from @dev's memory, read into a host buffer and into @dev2's. */
static void data_path(int fd, const char *what, struct buf *dev,
		      struct buf *dev2, struct buf *host, uint32_t lba)
{
	io_fill(dev, lba + 1);
	CHECK(&c, xfer(fd, NVT_NVM_WRITE, lba, dev) == 0, "%s: a Write from it", what);
	memset(host->p, 0, 4096);
	CHECK(&c, xfer(fd, NVT_NVM_READ, lba, host) == 0 && io_check(host->p, lba + 1),
	      "%s: read back into host memory, the same data", what);
	memset((void *)dev2->p, 0, 4096);
	CHECK(&c, xfer(fd, NVT_NVM_READ, lba, dev2) == 0 && io_check(dev2->p, lba + 1),
	      "%s: a Read into it, the same data", what);
}

/* @nlb 512 B LBAs at @lba with the caller's PRP1/PRP2 (or SGL1) */
static int xfer_user(int fd, uint8_t opc, uint32_t lba, uint32_t nlb,
		     uint32_t psdt, uint64_t p1, uint64_t p2)
{
	struct nvt_cmd cmd;

	cmd_init(&cmd, opc, 1);
	cmd.flags = NVT_CMD_DPTR_USER;
	cmd.sqe[0] |= psdt;
	cmd.sqe[6] = (uint32_t)p1;
	cmd.sqe[7] = p1 >> 32;
	cmd.sqe[8] = (uint32_t)p2;
	cmd.sqe[9] = p2 >> 32;
	cmd.sqe[10] = lba;
	cmd.sqe[12] = nlb - 1;
	return run_io(fd, &cmd);
}

static void put64(struct buf *b, uint64_t off, uint64_t v)
{
	volatile uint32_t *p = (volatile uint32_t *)(b->p + off);

	p[0] = (uint32_t)v;
	p[1] = v >> 32;
}

/* an SGL descriptor at @off of @b, with 32-bit stores */
static void put_desc(struct buf *b, uint64_t off, uint64_t addr,
		     uint32_t len, uint8_t type)
{
	volatile uint32_t *p = (volatile uint32_t *)(b->p + off);

	put64(b, off, addr);
	p[2] = len;
	p[3] = (uint32_t)type << 28;
}

/*
 * Pointers the test builds into @dev (16 KiB of device memory): data
 * there, a PRP list and an SGL segment there too.  @host: 16 KiB.
 */
static void user_pointers(int fd, const char *what, struct buf *dev,
			  struct buf *host, uint32_t lba)
{
	struct buf page;
	int i, st;

	/* PRP1 alone, at an offset inside the buffer */
	io_fill(dev, lba + 5);
	CHECK(&c, xfer_user(fd, NVT_NVM_WRITE, lba, 8, 0, dev->dma, 0) == 0,
	      "%s: a Write with PRP1 at its bus address", what);
	memset(host->p, 0, 4096);
	CHECK(&c, xfer(fd, NVT_NVM_READ, lba, host) == 0 && io_check(host->p, lba + 5),
	      "%s: its data read back", what);

	/* 12 KiB: PRP2 is a list of two entries, in the device memory too */
	put64(dev, 0x3000, dev->dma + 0x1000);
	put64(dev, 0x3008, dev->dma + 0x2000);
	for (i = 0; i < 3; i++) {
		page = *dev;
		page.p += i * 4096;
		io_fill(&page, lba + 10 + i);
	}
	/* the list is in the fourth page, after the data */
	st = xfer_user(fd, NVT_NVM_WRITE, lba, 24, 0, dev->dma, dev->dma + 0x3000);
	CHECK(&c, st == 0, "%s: a 12 KiB Write whose PRP list is in it (%d)",
	      what, st);
	memset(host->p, 0, 3 * 4096);
	st = xfer(fd, NVT_NVM_READ, lba + 8, host);
	CHECK(&c, st == 0 && io_check(host->p, lba + 11),
	      "%s: its second page landed where the list said", what);

	/* past the end of the buffer: refused */
	CHECK(&c, xfer_user(fd, NVT_NVM_WRITE, lba, 16, 0, dev->dma + dev->len - 4096,
			    dev->dma + dev->len) == -EFAULT,
	      "%s: PRP2 the page after the buffer -> EFAULT", what);
	CHECK(&c, xfer_user(fd, NVT_NVM_WRITE, lba, 24, 0, dev->dma,
			    dev->dma + dev->len - 8) == -EFAULT,
	      "%s: a PRP list running past the buffer's end -> EFAULT", what);

	/* SGL: one data block in it */
	io_fill(dev, lba + 20);
	CHECK(&c, xfer_user(fd, NVT_NVM_WRITE, lba, 8, NVT_SQE_PSDT_SGL, dev->dma,
			    4096ull | (uint64_t)NVT_SGL_DATA_BLOCK << 60) == 0,
	      "%s: a Write with SGL1 a data block in it", what);
	memset(host->p, 0, 4096);
	CHECK(&c, xfer(fd, NVT_NVM_READ, lba, host) == 0 && io_check(host->p, lba + 20),
	      "%s: its data read back", what);

	/*
	 * A Last Segment in it, of one data block in it: the driver copies
	 * the segment into a page of the same device memory, so the segment
	 * and the data are in one memory space (a copy in host memory makes
	 * QEMU 7.2 answer 00/12, Invalid Use of Controller Memory Buffer).
	 */
	io_fill(dev, lba + 30);
	put_desc(dev, 0x3000, dev->dma, 4096, NVT_SGL_DATA_BLOCK);
	st = xfer_user(fd, NVT_NVM_WRITE, lba, 8, NVT_SQE_PSDT_SGL, dev->dma + 0x3000,
		       16ull | (uint64_t)NVT_SGL_LAST_SEGMENT << 60);
	CHECK(&c, st == 0, "%s: a Write whose SGL segment is in it (status 0x%x)",
	      what, st);
	memset(host->p, 0, 4096);
	st = xfer(fd, NVT_NVM_READ, lba, host);
	CHECK(&c, st == 0 && io_check(host->p, lba + 30),
	      "%s: ... its data read back (status 0x%x)", what, st);
	/* a Read the same way, into its second page */
	page = *dev;
	page.p += 4096;
	io_fill(&page, 0);
	put_desc(dev, 0x3000, dev->dma + 4096, 4096, NVT_SGL_DATA_BLOCK);
	st = xfer_user(fd, NVT_NVM_READ, lba, 8, NVT_SQE_PSDT_SGL, dev->dma + 0x3000,
		       16ull | (uint64_t)NVT_SGL_LAST_SEGMENT << 60);
	CHECK(&c, st == 0 && io_check(page.p, lba + 30),
	      "%s: a Read through an SGL segment in it, into it (status 0x%x)",
	      what, st);
	put_desc(dev, 0x3000, dev->dma + dev->len, 4096, NVT_SGL_DATA_BLOCK);
	CHECK(&c, xfer_user(fd, NVT_NVM_WRITE, lba, 8, NVT_SQE_PSDT_SGL,
			    dev->dma + 0x3000,
			    16ull | (uint64_t)NVT_SGL_LAST_SEGMENT << 60) ==
	      -EFAULT, "%s: ... and its data block past the end -> EFAULT",
	      what);
}

/*
 * The CMB full to its last page: an SGL segment in @dev cannot be copied
 * into the CMB -> ENOSPC; one page given back, and the same Write goes.
 */
static void no_room_for_copies(int fd, struct buf *dev, uint32_t lba)
{
	static struct buf small[4096];
	uint64_t sgl1 = 16ull | (uint64_t)NVT_SGL_LAST_SEGMENT << 60;
	int n, i, st;

	for (n = 0; n < 4096; n++)
		if (buf_alloc_in(fd, NVT_BUF_CMB, 4096, &small[n]))
			break;
	CHECK(&c, n < 4096 && errno == ENOSPC,
	      "the CMB full to its last page (%d more 4 KiB buffers)", n);
	io_fill(dev, lba + 40);
	put_desc(dev, 0x3000, dev->dma, 4096, NVT_SGL_DATA_BLOCK);
	st = xfer_user(fd, NVT_NVM_WRITE, lba, 8, NVT_SQE_PSDT_SGL, dev->dma + 0x3000,
		       sgl1);
	CHECK(&c, st == -ENOSPC,
	      "no room in the CMB for the copy of an SGL segment in it -> ENOSPC (%d)",
	      st);
	if (n)
		buf_free(fd, &small[--n]);
	/* a freed buffer's pages go back from a work item: soon */
	for (i = 0; i < 100; i++) {
		st = xfer_user(fd, NVT_NVM_WRITE, lba, 8, NVT_SQE_PSDT_SGL,
			       dev->dma + 0x3000, sgl1);
		if (st != -ENOSPC)
			break;
		usleep(10000);
	}
	CHECK(&c, st == 0, "a page back: the segment's copy fits (status 0x%x, after %d ms)",
	      st, i * 10);
	while (n--)
		buf_free(fd, &small[n]);
}

/*
 * The controller reset with CMBMSC cleared behind it (as a function reset
 * does), then enabled again: the live buffer @b is usable again.
 */
static void cmb_after_reset(int fd, struct buf *b, struct buf *b2,
			    struct buf *host)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 16, .vector = 1 };
	uint64_t msc = reg64(fd, NVT_REG_CMBMSC);
	uint64_t zero = 0, after;

	wreg32(fd, NVT_REG_CC, 0);
	CHECK(&c, wait_rdy(fd, 0) == 0, "CC.EN=0: CSTS.RDY 0");
	after = reg64(fd, NVT_REG_CMBMSC);
	printf("CMBMSC 0x%llx before the reset, 0x%llx after CC.EN=0\n",
	       (unsigned long long)msc, (unsigned long long)after);
	/* what a function reset does; a raw write, so the opt-in for it */
	if (module_param_set("unsafe_raw_dma", "1") == 0) {
		CHECK(&c, rw(fd, NVT_IOC_WRITE, NVT_SPACE_BAR(0), 8, NVT_REG_CMBMSC,
			     &zero) == 0 && reg32(fd, NVT_REG_CMBMSC) == 0 &&
		      reg32(fd, NVT_REG_CMBSZ) == 0,
		      "CMBMSC cleared by hand: CMBSZ reads 0");
		module_param_set("unsafe_raw_dma", "0");
	}
	CHECK(&c, ctrl_enable(fd, 64) == 0 &&
	      ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) == 0,
	      "enabled again, qid 1 again");
	after = reg64(fd, NVT_REG_CMBMSC);
	CHECK(&c, after == msc && reg32(fd, NVT_REG_CMBSZ) != 0,
	      "CMBMSC back as it was (0x%llx) and CMBSZ 0x%x",
	      (unsigned long long)after, reg32(fd, NVT_REG_CMBSZ));
	data_path(fd, "CMB after a reset", b, b2, host, 192);
}

int main(int argc, char **argv)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 16, .vector = 1 };
	struct buf host, b1, b2, big[8];
	uint64_t cap;
	int fd = bench_open(argc, argv), n, ret;

	if (fd < 0)
		return 1;
	if (ctrl_enable(fd, 64) || ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) ||
	    buf_alloc(fd, 4 * 4096, &host)) {
		CHECK(&c, 0, "controller, qid 1, host buffer");
		return check_exit(&c);
	}
	cap = reg64(fd, NVT_REG_CAP);
	CHECK(&c, buf_alloc_in(fd, NVT_BUF_CMB | NVT_BUF_PMR, 4096, &b1) &&
	      errno == EINVAL, "CMB and PMR at once -> EINVAL");
	CHECK(&c, buf_alloc_in(fd, 1u << 2, 4096, &b1) && errno == EINVAL,
	      "unknown flag -> EINVAL");

	/* the CMB */
	ret = buf_alloc_in(fd, NVT_BUF_CMB, 4096, &b1);
	if (ret && errno == EOPNOTSUPP) {
		CHECK(&c, !NVT_CAP_CMBS(cap) || !reg32(fd, NVT_REG_CMBSZ),
		      "no CMB (CAP.CMBS %d): NVT_BUF_CMB -> EOPNOTSUPP",
		      (int)NVT_CAP_CMBS(cap));
	} else {
		CHECK(&c, ret == 0 && b1.dma && b1.len == 4096,
		      "a CMB buffer: its address 0x%llx",
		      (unsigned long long)b1.dma);
		CHECK(&c, buf_alloc_in(fd, NVT_BUF_CMB, 4096, &b2) == 0 &&
		      b2.dma != b1.dma, "a second one elsewhere in the CMB");
		data_path(fd, "CMB", &b1, &b2, &host, 64);
		CHECK(&c, buf_alloc_in(fd, NVT_BUF_CMB, 4 * 4096, &big[0]) == 0,
		      "a 16 KiB CMB buffer");
		user_pointers(fd, "CMB", &big[0], &host, 256);
		buf_free(fd, &big[0]);
		cmb_after_reset(fd, &b1, &b2, &host);
		for (n = 0; n < 8; n++)
			if (buf_alloc_in(fd, NVT_BUF_CMB, 4u << 20, &big[n]))
				break;
		CHECK(&c, n < 8 && errno == ENOSPC && n >= 3,
		      "the CMB full after %d 4 MiB buffers -> ENOSPC", n);
		if (n)
			no_room_for_copies(fd, &big[0], 448);
		while (n--)
			buf_free(fd, &big[n]);
		/* a freed buffer's pages go back from a work item: soon */
		for (n = 0; n < 100; n++) {
			ret = buf_alloc_in(fd, NVT_BUF_CMB, 4u << 20, &big[0]);
			if (!ret || errno != ENOSPC)
				break;
			usleep(10000);
		}
		CHECK(&c, ret == 0 && buf_free(fd, &big[0]) == 0,
		      "freed buffers give their pages back (after %d ms)",
		      n * 10);
		buf_free(fd, &b1);
		buf_free(fd, &b2);
	}

	/* the PMR */
	ret = buf_alloc_in(fd, NVT_BUF_PMR, 4096, &b1);
	if (ret && errno == EOPNOTSUPP) {
		CHECK(&c, !NVT_CAP_PMRS(cap),
		      "no PMR (CAP.PMRS 0): NVT_BUF_PMR -> EOPNOTSUPP");
		return check_exit(&c);
	}
	CHECK(&c, ret == 0, "a PMR buffer: its address 0x%llx",
	      (unsigned long long)b1.dma);
	CHECK(&c, (reg32(fd, NVT_REG_PMRCTL) & NVT_PMRCTL_EN) &&
	      !(reg32(fd, NVT_REG_PMRSTS) & NVT_PMRSTS_NRDY),
	      "PMRCTL.EN set, PMRSTS ready (0x%x)", reg32(fd, NVT_REG_PMRSTS));
	io_fill(&b1, 77);
	CHECK(&c, io_check(b1.p, 77), "host writes to the PMR read back");
	if (!(reg32(fd, NVT_REG_PMRCAP) & NVT_PMRCAP_CMSS)) {
		CHECK(&c, b1.dma == 0, "no PMRCAP.CMSS: no address for commands");
		return check_exit(&c);
	}
	CHECK(&c, buf_alloc_in(fd, NVT_BUF_PMR, 4096, &b2) == 0 && b1.dma &&
	      b2.dma != b1.dma, "PMRCAP.CMSS: PMR buffers have addresses");
	data_path(fd, "PMR", &b1, &b2, &host, 128);
	CHECK(&c, buf_alloc_in(fd, NVT_BUF_PMR, 4 * 4096, &big[0]) == 0,
	      "a 16 KiB PMR buffer");
	user_pointers(fd, "PMR", &big[0], &host, 320);
	return check_exit(&c);
}
