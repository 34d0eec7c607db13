/*
 * Bench test of nvt.ko's ioctl interface, without libnvt: every call with
 * bad input gets its documented errno, and the admin path, timeouts,
 * resets, AER re-arm, raw-DMA parking and hot unbind behave as designed.
 *
 * usage: kmod_ioctl BDF
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/pci_regs.h>

#include "nvt_ioctl.h"
#include "raw.h"

static int failures;
static int checks;
static int aer_seen;		/* AER completions run_cmd() stepped over */
static uint32_t aer_dw0;

#define CHECK(cond, ...) check((cond), __LINE__, __VA_ARGS__)

static void check(int ok, int line, const char *fmt, ...)
{
	va_list ap;

	checks++;
	printf("%s: ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		printf(" (line %d, errno %d %s)", line, errno, strerror(errno));
		failures++;
	}
	printf("\n");
}

/* ioctl expected to fail with a given errno */
static void expect_errno(int fd, unsigned long req, void *arg, int want,
			 const char *what)
{
	errno = 0;
	int ret = ioctl(fd, req, arg);

	check(ret == -1 && errno == want, __LINE__, "%s -> %s (got %d/%s)",
	      what, strerror(want), ret, strerror(errno));
}

/* One command, waited for; returns its status or -1. */
static int run_cmd(int fd, struct nvt_cmd *c, struct nvt_cpl *out)
{
	struct nvt_cpl cpl[4];
	int n, i;

	if (submit(fd, c, 1, 0, NULL))
		return -1;
	for (;;) {
		n = reap(fd, cpl, 1, 1, 5000);
		if (n != 1)
			return -1;
		for (i = 0; i < n; i++) {
			if (cpl[i].flags & NVT_CPL_AER) {
				aer_seen++;
				aer_dw0 = cpl[i].cqe[0];
				continue;
			}
			if (out)
				*out = cpl[i];
			return cpl_status(&cpl[i]);
		}
	}
}

static void test_validation(int fd)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	struct { struct nvt_info i; uint32_t extra; } big;
	struct nvt_rw r;
	struct nvt_buf_alloc ba;
	struct nvt_buf_free bf;
	uint64_t v, lo, hi;

	CHECK(ioctl(fd, NVT_IOC_INFO, &info) == 0, "INFO");
	CHECK(info.vendor == 0x1b36 && info.device == 0x0010,
	      "INFO ids %04x:%04x", info.vendor, info.device);
	CHECK(info.class_code == 0x010802, "INFO class %06x", info.class_code);
	CHECK(info.irq_type == NVT_IRQ_MSIX && info.nr_vectors >= 2,
	      "INFO MSI-X with %u vectors", info.nr_vectors);
	CHECK(info.bar_len[0] >= 0x2000 && (info.bar_flags[0] & NVT_BAR_MAPPED),
	      "INFO BAR0 %llu bytes", (unsigned long long)info.bar_len[0]);

	expect_errno(fd, _IO(NVT_IOCTL_TYPE, 0x7f), &info, ENOTTY,
		     "unknown ioctl");
	info.argsz = 8;
	expect_errno(fd, NVT_IOC_INFO, &info, EINVAL, "argsz too small");
	memset(&big, 0, sizeof(big));
	big.i.argsz = sizeof(big);
	CHECK(ioctl(fd, NVT_IOC_INFO, &big) == 0,
	      "larger argsz with zero tail accepted");
	big.extra = 1;
	expect_errno(fd, NVT_IOC_INFO, &big, E2BIG,
		     "larger argsz with non-zero tail");
	expect_errno(fd, NVT_IOC_INFO, NULL, EFAULT, "NULL argument");

	CHECK(rw(fd, NVT_IOC_READ, NVT_SPACE_CONFIG, 2, PCI_VENDOR_ID, &v) == 0 &&
	      v == 0x1b36, "config vendor id");
	r = (struct nvt_rw){ .argsz = sizeof(r), .space = NVT_SPACE_CONFIG,
			     .width = 3 };
	expect_errno(fd, NVT_IOC_READ, &r, EINVAL, "width 3");
	r.width = 4;
	r.offset = 2;
	expect_errno(fd, NVT_IOC_READ, &r, EINVAL, "misaligned offset");
	r.offset = 4096;
	expect_errno(fd, NVT_IOC_READ, &r, ERANGE, "config offset 4096");
	r.offset = 0;
	r.width = 8;
	expect_errno(fd, NVT_IOC_READ, &r, EINVAL, "config width 8");
	r.space = 7;
	r.width = 4;
	expect_errno(fd, NVT_IOC_READ, &r, EINVAL, "space 7");
	r.space = NVT_SPACE_BAR(5);
	expect_errno(fd, NVT_IOC_READ, &r, ENXIO, "absent BAR5");
	r.space = NVT_SPACE_BAR(0);
	r.offset = info.bar_len[0];
	expect_errno(fd, NVT_IOC_READ, &r, ERANGE, "BAR0 offset = length");
	r.offset = 0;
	r.flags = 1;
	expect_errno(fd, NVT_IOC_READ, &r, EINVAL, "flags set");

	CHECK(rw(fd, NVT_IOC_READ, NVT_SPACE_BAR(0), 8, NVT_REG_CAP, &v) == 0 &&
	      rw(fd, NVT_IOC_READ, NVT_SPACE_BAR(0), 4, NVT_REG_CAP, &lo) == 0 &&
	      rw(fd, NVT_IOC_READ, NVT_SPACE_BAR(0), 4, NVT_REG_CAP + 4, &hi) == 0 &&
	      v == (lo | hi << 32), "CAP as one qword = two dwords (%llx)",
	      (unsigned long long)v);
	CHECK(reg32(fd, NVT_REG_VS) == 0x10400, "VS is 1.4");

	ba = (struct nvt_buf_alloc){ .argsz = sizeof(ba) };
	expect_errno(fd, NVT_IOC_BUF_ALLOC, &ba, EINVAL, "buffer length 0");
	ba.length = NVT_BUF_MAX_LEN + 1;
	expect_errno(fd, NVT_IOC_BUF_ALLOC, &ba, EINVAL, "buffer over 4 MiB");
	ba.length = 4096;
	ba.flags = 1u << 2;	/* above NVT_BUF_CMB and NVT_BUF_PMR */
	expect_errno(fd, NVT_IOC_BUF_ALLOC, &ba, EINVAL, "an unknown buffer flag");
	bf = (struct nvt_buf_free){ .argsz = sizeof(bf), .id = 9999 };
	expect_errno(fd, NVT_IOC_BUF_FREE, &bf, ENOENT, "free unknown id");
}

static void test_buffers(int fd)
{
	struct nvt_buf_alloc ba = { .argsz = sizeof(ba), .length = 5000 };
	struct nvt_buf_free bf = { .argsz = sizeof(bf) };
	void *p;

	CHECK(ioctl(fd, NVT_IOC_BUF_ALLOC, &ba) == 0 && ba.alloc_length == 8192
	      && ba.dma_addr && !(ba.dma_addr & 4095),
	      "alloc 5000 bytes -> 8192, page aligned DMA address");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
		 ba.mmap_offset);
	CHECK(p == MAP_FAILED && errno == EINVAL, "MAP_PRIVATE refused");
	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset);
	CHECK(p == MAP_FAILED && errno == EINVAL, "mapping beyond the buffer");
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset + (1ull << 32));
	CHECK(p == MAP_FAILED, "mapping another (unknown) id refused");
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset + 4096);
	CHECK(p != MAP_FAILED, "mapping the second page alone");
	if (p != MAP_FAILED) {
		memset(p, 0xa5, 4096);
		munmap(p, 4096);
	}
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset);
	CHECK(p != MAP_FAILED && ((uint8_t *)p)[4096] == 0xa5 &&
	      ((uint8_t *)p)[0] == 0, "both mappings see the same memory");
	if (p != MAP_FAILED)
		munmap(p, 8192);
	bf.id = ba.id;
	CHECK(ioctl(fd, NVT_IOC_BUF_FREE, &bf) == 0, "free");
	expect_errno(fd, NVT_IOC_BUF_FREE, &bf, ENOENT, "double free");
}

static void test_admin(int fd, const char *bdf)
{
	struct nvt_adminq aq = { .argsz = sizeof(aq), .sq_depth = 32,
				 .cq_depth = 32 };
	struct nvt_cmd c[3];
	struct nvt_cpl cpl[8];
	struct nvt_irq irq = { .argsz = sizeof(irq) };
	struct buf b;
	uint32_t queued;
	uint64_t t0;
	char policy[16];
	int n;

	wreg32(fd, NVT_REG_CC, 0);
	CHECK(wait_rdy(fd, 0) == 0, "CSTS.RDY clears after CC.EN=0");
	sysfs_str(bdf, "raw_dma_policy", policy, sizeof(policy));
	if (!strcmp(policy, "refused")) {
		struct nvt_rw cc = { .argsz = sizeof(cc), .space = NVT_SPACE_BAR(0),
				     .width = 4, .offset = NVT_REG_CC,
				     .value = NVT_CC_ENTRY_SIZES | NVT_CC_EN };

		/* the registers still hold the inbox driver's freed rings */
		errno = 0;
		CHECK(ioctl(fd, NVT_IOC_WRITE, &cc) < 0 && errno == EPERM,
		      "CC.EN=1 before an admin queue was set up -> EPERM");
		CHECK(!(reg32(fd, NVT_REG_CC) & NVT_CC_EN), "CC.EN still 0");
	}
	aq.sq_depth = 1;
	expect_errno(fd, NVT_IOC_ADMINQ_SETUP, &aq, EINVAL, "admin depth 1");
	aq.sq_depth = 5000;
	expect_errno(fd, NVT_IOC_ADMINQ_SETUP, &aq, EINVAL, "admin depth 5000");
	aq.sq_depth = 32;
	aq.flags = 8;
	expect_errno(fd, NVT_IOC_ADMINQ_SETUP, &aq, EINVAL, "admin flags");
	aq.flags = 0;
	CHECK(ioctl(fd, NVT_IOC_ADMINQ_SETUP, &aq) == 0, "admin queue 32/32");
	CHECK(reg32(fd, NVT_REG_AQA) == NVT_AQA(32, 32), "AQA = 0x%08x",
	      reg32(fd, NVT_REG_AQA));

	cmd_init(&c[0], NVT_ADMIN_GET_FEATURES, 0);
	c[0].sqe[10] = NVT_FEAT_NUM_QUEUES;
	errno = 0;
	CHECK(submit(fd, c, 1, 0, NULL) == -1 && errno == ENOTCONN,
	      "submit while disabled -> ENOTCONN");

	wreg32(fd, NVT_REG_CC, NVT_CC_ENTRY_SIZES | NVT_CC_EN);
	CHECK(wait_rdy(fd, 1) == 0, "controller ready");
	expect_errno(fd, NVT_IOC_ADMINQ_SETUP, &aq, EBUSY,
		     "admin queue setup while enabled");

	CHECK(buf_alloc(fd, 8192, &b) == 0, "identify buffer");
	memset(b.p, 0xff, b.len);
	cmd_init(&c[0], NVT_ADMIN_IDENTIFY, 0);
	c[0].sqe[10] = NVT_CNS_CTRL;
	c[0].tag = 0x1234;
	cmd_buf(&c[0], &b, 0x100, 4096);	/* crosses a page: PRP2 */
	CHECK(run_cmd(fd, c, &cpl[0]) == 0, "identify controller");
	CHECK(cpl[0].tag == 0x1234, "tag returned");
	CHECK(!memcmp(b.p + 0x100 + 24, "QEMU NVMe Ctrl", 14),
	      "model number through a two-page PRP");
	CHECK(b.p[0xff] == 0xff && b.p[0x100 + 4096] == 0xff,
	      "nothing written outside the window");

	cmd_init(&c[0], NVT_ADMIN_IDENTIFY, 0);
	cmd_buf(&c[0], &b, 8192, 4096);
	expect_errno(fd, NVT_IOC_SUBMIT,
		     &(struct nvt_submit){ .argsz = sizeof(struct nvt_submit),
					   .count = 1, .cmd_size = sizeof(c[0]),
					   .cmds = (uintptr_t)c },
		     ERANGE, "data window outside the buffer");
	c[0].buf_id = 9999;
	c[0].buf_offset = 0;
	errno = 0;
	CHECK(submit(fd, c, 1, 0, &queued) == -1 && errno == ENOENT &&
	      queued == 0, "unknown buffer id -> ENOENT, nothing queued");
	c[0].flags = 0x80;
	errno = 0;
	CHECK(submit(fd, c, 1, 0, NULL) == -1 && errno == EINVAL,
	      "unknown command flag -> EINVAL");

	/* a batch of three in one ioctl */
	for (n = 0; n < 3; n++) {
		cmd_init(&c[n], NVT_ADMIN_GET_FEATURES, 0);
		c[n].sqe[10] = NVT_FEAT_NUM_QUEUES;
		c[n].tag = n;
	}
	CHECK(submit(fd, c, 3, 0, &queued) == 0 && queued == 3,
	      "batch of 3 queued");
	CHECK(c[0].cid != c[1].cid && c[1].cid != c[2].cid,
	      "distinct CIDs %u %u %u", c[0].cid, c[1].cid, c[2].cid);
	n = reap(fd, cpl, 3, 8, 5000);
	CHECK(n == 3, "3 completions reaped (%d)", n);
	{
		unsigned seen = 0, k;

		for (k = 0; n == 3 && k < 3; k++) {
			uint64_t t = cpl[k].tag;

			CHECK(t < 3 && !cpl_status(&cpl[k]) &&
			      nvt_cqe_cid(cpl[k].cqe) == c[t < 3 ? t : 0].cid,
			      "completion %u: tag %llu, its command's CID, success",
			      k, (unsigned long long)t);
			if (t < 3)
				seen |= 1u << t;
		}
		CHECK(seen == 7, "each command of the batch completed once");
	}

	/* invalid FID gives 00/02 with DNR */
	cmd_init(&c[0], NVT_ADMIN_GET_FEATURES, 0);
	c[0].sqe[10] = 0x7f;
	n = run_cmd(fd, c, &cpl[0]);
	CHECK((n & 0xff) == 0x02 && ((n >> 8) & 7) == 0,
	      "invalid feature id -> 00/02 (status 0x%x)", n);

	/* timeout: queued without a doorbell, the controller never sees it */
	cmd_init(&c[0], NVT_ADMIN_GET_FEATURES, 0);
	c[0].sqe[10] = NVT_FEAT_NUM_QUEUES;
	c[0].timeout_ms = 300;
	t0 = now_ms();
	CHECK(submit(fd, c, 1, NVT_SUBMIT_NO_DOORBELL, NULL) == 0,
	      "queued without doorbell");
	n = reap(fd, cpl, 1, 1, 5000);
	CHECK(n == 1 && (cpl[0].flags & NVT_CPL_TIMEOUT) &&
	      cpl_status(&cpl[0]) == NVT_STATUS_TIMEOUT,
	      "times out with status 07/ff after %llu ms",
	      (unsigned long long)(now_ms() - t0));
	CHECK(now_ms() - t0 >= 300 && now_ms() - t0 < 2000,
	      "timeout honoured (300 ms)");
	/* the next doorbell makes the controller run both */
	cmd_init(&c[1], NVT_ADMIN_GET_FEATURES, 0);
	c[1].sqe[10] = NVT_FEAT_NUM_QUEUES;
	CHECK(submit(fd, &c[1], 1, 0, NULL) == 0 && c[1].cid != c[0].cid,
	      "timed-out CID is not reused");
	n = reap(fd, cpl, 2, 8, 5000);
	CHECK(n == 2 && ((cpl[0].flags | cpl[1].flags) & NVT_CPL_LATE),
	      "late completion of the timed-out command is flagged");

	/* interrupts were counted on vector 0 */
	CHECK(ioctl(fd, NVT_IOC_IRQ, &irq) == 0 && irq.count > 0,
	      "vector 0 counted %llu interrupts",
	      (unsigned long long)irq.count);
	irq.op = NVT_IRQ_OP_CLEAR;
	CHECK(ioctl(fd, NVT_IOC_IRQ, &irq) == 0 && irq.count == 0,
	      "vector 0 cleared");
	irq.op = NVT_IRQ_OP_COUNT;
	irq.vector = 4096;
	expect_errno(fd, NVT_IOC_IRQ, &irq, EINVAL, "bad vector");

	/* cmdlog: newest first */
	{
		struct nvt_log_entry log[4];
		struct nvt_cmdlog cl = { .argsz = sizeof(cl), .max = 4,
					 .entry_size = sizeof(log[0]),
					 .entries = (uintptr_t)log };

		CHECK(ioctl(fd, NVT_IOC_CMDLOG, &cl) == 0 && cl.count == 4,
		      "cmdlog returns 4 entries");
		CHECK((log[0].sqe[0] >> 16) == c[1].cid &&
		      (log[1].sqe[0] >> 16) == c[0].cid,
		      "cmdlog newest first");
		CHECK((log[0].flags & NVT_LOG_DONE) &&
		      log[0].complete_ns >= log[0].submit_ns,
		      "cmdlog entry completed with timestamps");
		CHECK(((log[1].flags >> 8) & NVT_CPL_TIMEOUT),
		      "cmdlog marks the timeout");
		cl.qid = 5;
		expect_errno(fd, NVT_IOC_CMDLOG, &cl, ENOENT, "cmdlog of qid 5");
	}

	/* AER: fires on a temperature threshold below the current one */
	cmd_init(&c[1], NVT_ADMIN_SET_FEATURES, 0);
	c[1].sqe[10] = NVT_FEAT_ASYNC_EVENT;
	c[1].sqe[11] = 0x2;		/* async event config: temperature */
	CHECK(run_cmd(fd, &c[1], NULL) == 0, "temperature events enabled");
	cmd_init(&c[0], NVT_ADMIN_ASYNC_EVENT, 0);
	CHECK(submit(fd, c, 1, 0, NULL) == 0, "AER submitted");
	CHECK(reap(fd, cpl, 1, 8, 300) == 0, "AER stays outstanding");
	cmd_init(&c[1], NVT_ADMIN_SET_FEATURES, 0);
	c[1].sqe[10] = NVT_FEAT_TEMP_THRESH;
	c[1].sqe[11] = 0x100;		/* 256 K: below QEMU's 323 K */
	CHECK(run_cmd(fd, &c[1], NULL) == 0, "temperature threshold set");
	if (!aer_seen && reap(fd, cpl, 1, 8, 2000) == 1 &&
	    (cpl[0].flags & NVT_CPL_AER)) {
		aer_seen++;
		aer_dw0 = cpl[0].cqe[0];
	}
	CHECK(aer_seen == 1 && (aer_dw0 & 0x7) == 1 &&
	      ((aer_dw0 >> 16) & 0xff) == 2,
	      "AER completion flagged: SMART event 0x%x", aer_dw0);
	{
		struct nvt_log_entry log[2];
		struct nvt_cmdlog cl = { .argsz = sizeof(cl), .max = 2,
					 .entry_size = sizeof(log[0]),
					 .entries = (uintptr_t)log };

		CHECK(ioctl(fd, NVT_IOC_CMDLOG, &cl) == 0 &&
		      (log[0].sqe[0] & 0xff) == NVT_ADMIN_ASYNC_EVENT &&
		      !(log[0].flags & NVT_LOG_DONE),
		      "AER re-armed by the driver");
	}
	cmd_init(&c[1], NVT_ADMIN_SET_FEATURES, 0);
	c[1].sqe[10] = NVT_FEAT_TEMP_THRESH;
	c[1].sqe[11] = 0x157;
	run_cmd(fd, &c[1], NULL);

	/* reset: outstanding commands are aborted, the AER silently */
	cmd_init(&c[0], NVT_ADMIN_GET_FEATURES, 0);
	c[0].sqe[10] = NVT_FEAT_NUM_QUEUES;
	CHECK(submit(fd, c, 1, NVT_SUBMIT_NO_DOORBELL, NULL) == 0,
	      "command left outstanding");
	wreg32(fd, NVT_REG_CC, 0);
	n = reap(fd, cpl, 1, 8, 1000);
	CHECK(n == 1 && (cpl[0].flags & NVT_CPL_ABORTED) &&
	      cpl_status(&cpl[0]) == NVT_STATUS_ABORTED,
	      "CC.EN=0 aborts it with 07/fe (%d completions)", n);
	CHECK(wait_rdy(fd, 0) == 0, "controller disabled");

	/* raw DMA: refused without a translating IOMMU unless allowed */
	wreg32(fd, NVT_REG_CC, NVT_CC_ENTRY_SIZES | NVT_CC_EN);
	CHECK(wait_rdy(fd, 1) == 0, "controller re-enabled, same admin queue");
	CHECK(sysfs_int(bdf, "raw_dma") == 0, "no raw DMA yet");
	sysfs_str(bdf, "raw_dma_policy", policy, sizeof(policy));
	CHECK(!strcmp(policy, "refused") || !strcmp(policy, "iommu"),
	      "raw DMA policy: %s", policy);
	cmd_init(&c[0], NVT_ADMIN_IDENTIFY, 0);
	c[0].sqe[10] = NVT_CNS_CTRL;
	c[0].sqe[6] = (uint32_t)b.dma;
	c[0].sqe[7] = b.dma >> 32;
	if (!strcmp(policy, "refused")) {
		struct nvt_rw rw = { .argsz = sizeof(rw),
				     .space = NVT_SPACE_BAR(0), .width = 4 };

		CHECK(submit(fd, c, 1, 0, NULL) < 0 && errno == EPERM,
		      "a raw PRP1 is refused (EPERM)");
		rw.offset = NVT_REG_ASQ;
		rw.value = b.dma;
		CHECK(ioctl(fd, NVT_IOC_WRITE, &rw) < 0 && errno == EPERM,
		      "a hand-written ASQ is refused (EPERM)");
		rw.offset = NVT_REG_DBS;	/* the admin SQ doorbell */
		rw.value = 0;
		CHECK(ioctl(fd, NVT_IOC_WRITE, &rw) < 0 && errno == EPERM,
		      "a doorbell write is refused (EPERM)");
		rw.space = NVT_SPACE_CONFIG;
		rw.offset = PCI_BASE_ADDRESS_0;
		CHECK(ioctl(fd, NVT_IOC_WRITE, &rw) < 0 && errno == EPERM,
		      "a BAR register write is refused (EPERM)");
		CHECK(sysfs_int(bdf, "raw_dma") == 0, "no raw DMA after refusals");
		CHECK(module_param_set("unsafe_raw_dma", "1") == 0,
		      "unsafe_raw_dma allowed by the administrator");
		sysfs_str(bdf, "raw_dma_policy", policy, sizeof(policy));
		CHECK(!strcmp(policy, "unsafe"), "policy now %s", policy);
	}
	memset(b.p, 0, 4096);
	CHECK(run_cmd(fd, c, NULL) == 0 && !memcmp(b.p + 24, "QEMU", 4),
	      "identify through a raw PRP1 after the reset");
	CHECK(sysfs_int(bdf, "raw_dma") == 1, "raw DMA noted");
	CHECK(buf_free(fd, &b) == 0, "buffer freed (parked)");
	wreg32(fd, NVT_REG_CC, 0);
	CHECK(wait_rdy(fd, 0) == 0, "disabled");
	usleep(200000);
	CHECK(sysfs_int(bdf, "raw_dma") == 0, "raw DMA cleared after disable");
	module_param_set("unsafe_raw_dma", "0");
}


/* Bytes per LBA of namespace 1 in a data buffer, from Identify Namespace. */
static uint32_t ns1_lba_bytes(int fd)
{
	struct nvt_cmd c;
	struct buf id;
	uint32_t bytes = 0;
	uint8_t flbas;

	if (buf_alloc(fd, 4096, &id))
		return 0;
	cmd_init(&c, NVT_ADMIN_IDENTIFY, 1);
	cmd_buf(&c, &id, 0, 4096);
	if (run_cmd(fd, &c, NULL) == 0) {
		flbas = id.p[26];
		/* LBAF n: MS (15:0), LBADS (23:16); bit 4: metadata inline */
		bytes = 1u << id.p[128 + 4 * (flbas & 0xf) + 2];
		if (flbas & 0x10)
			bytes += id.p[128 + 4 * (flbas & 0xf)] |
				 id.p[128 + 4 * (flbas & 0xf) + 1] << 8;
	}
	buf_free(fd, &id);
	return bytes;
}

/* Is namespace 1 zoned (Identify Namespace for the Zoned command set)? */
static int ns1_zoned(int fd)
{
	struct nvt_cmd c;
	struct buf id;
	int zoned;

	if (buf_alloc(fd, 4096, &id))
		return 0;
	cmd_init(&c, NVT_ADMIN_IDENTIFY, 1);
	c.sqe[10] = NVT_CNS_CSI_NS;
	c.sqe[11] = NVT_CSI_ZNS << 24;	/* CSI: Zoned Namespace */
	cmd_buf(&c, &id, 0, 4096);
	zoned = run_cmd(fd, &c, NULL) == 0;
	buf_free(fd, &id);
	return zoned;
}

static int datacheck_get(int fd, uint64_t first, uint64_t count, uint8_t *out)
{
	struct nvt_datacheck v = { .argsz = sizeof(v), .op = NVT_DATACHECK_GET,
				.nsid = 1, .first = first, .count = count,
				.data = (uintptr_t)out };

	return ioctl(fd, NVT_IOC_DATACHECK, &v);
}

/*
 * Regressions of the module's safety defects, each of which this test
 * catches when its fix is taken out.
 */
static void test_defects(int fd, const char *bdf)
{
	struct nvt_adminq aq = { .argsz = sizeof(aq), .sq_depth = 32,
				 .cq_depth = 32 };
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = 1,
				       .depth = 16, .flags = NVT_Q_NO_IRQ };
	struct nvt_worker_args wa = { .argsz = sizeof(wa) };
	struct nvt_worker_status ws = { .argsz = sizeof(ws) };
	struct nvt_datacheck v = { .argsz = sizeof(v) };
	struct nvt_buf_alloc *ba;
	struct nvt_cmd c;
	struct nvt_cpl cpl[4];
	struct buf x = { 0 }, y = { 0 }, w = { 0 };
	uint8_t table[8];
	uint32_t lba_bytes, undone_id, i;
	int n, ret;

	CHECK(ctrl_enable(fd, 32) == 0, "admin queue again, controller enabled");
	CHECK(ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) == 0, "I/O queue 1");
	lba_bytes = ns1_lba_bytes(fd);
	CHECK(lba_bytes >= 512, "namespace 1: %u bytes per LBA", lba_bytes);

	/* a buffer whose id could not be copied back is undone, not leaked */
	CHECK(buf_alloc(fd, 4096, &x) == 0, "buffer x");
	undone_id = x.id;
	CHECK(buf_free(fd, &x) == 0, "buffer x freed: its id is the lowest free");
	ba = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(ba, 0, sizeof(*ba));
	ba->argsz = sizeof(*ba);
	ba->length = 4096;
	mprotect(ba, 4096, PROT_READ);
	errno = 0;
	CHECK(ioctl(fd, NVT_IOC_BUF_ALLOC, ba) < 0 && errno == EFAULT,
	      "BUF_ALLOC into a read-only struct -> EFAULT");
	munmap(ba, 4096);
	CHECK(buf_alloc(fd, 4096, &y) == 0 && y.id == undone_id,
	      "the id it took is free again (%u, want %u)", y.id, undone_id);
	buf_free(fd, &y);

	/* a worker's queue is the worker's: SUBMIT and REAP answer EBUSY */
	wa.qid = 1;
	wa.nsid = 1;
	wa.lba_size = lba_bytes;
	wa.qdepth = 2;
	wa.region_end = 1024;
	wa.io_sizes[0] = 1;
	wa.io_weights[0] = 1;
	wa.nr_sizes = 1;
	wa.read_percentage = 100;
	wa.time_ms = 1000;
	wa.iops = 100;
	wa.cpu = -1;
	CHECK(ioctl(fd, NVT_IOC_WORKER_START, &wa) == 0, "worker on queue 1");
	cmd_init(&c, NVT_NVM_FLUSH, 1);
	errno = 0;
	CHECK(submit_q(fd, 1, &c, 1, 0, NULL) < 0 && errno == EBUSY,
	      "SUBMIT to the worker's queue -> EBUSY");
	errno = 0;
	CHECK(reap_q(fd, 1, cpl, 0, 4, 0) < 0 && errno == EBUSY,
	      "REAP of the worker's queue -> EBUSY");
	ws.id = wa.id;
	CHECK(ioctl(fd, NVT_IOC_WORKER_STATUS, &ws) == 0, "worker status");
	ws.flags = 0x80;
	errno = 0;
	CHECK(ioctl(fd, NVT_IOC_WORKER_STATUS, &ws) < 0 && errno == EINVAL,
	      "worker status with an unknown flag -> EINVAL");
	ws.flags = 0;
	CHECK(ioctl(fd, NVT_IOC_WORKER_FREE, &ws) == 0, "worker freed");
	errno = 0;
	CHECK(ioctl(fd, NVT_IOC_WORKER_FREE, &ws) < 0 && errno == ENOENT,
	      "freed twice -> ENOENT");
	errno = 0;
	CHECK(ioctl(fd, NVT_IOC_WORKER_STATUS, &ws) < 0 && errno == ENOENT,
	      "status of a freed worker -> ENOENT");

	/* a worker whose id could not be copied back is stopped and freed */
	{
		struct nvt_worker_args *ro = mmap(NULL, 4096,
						  PROT_READ | PROT_WRITE,
						  MAP_PRIVATE | MAP_ANONYMOUS,
						  -1, 0);

		*ro = wa;
		ro->id = 0;
		mprotect(ro, 4096, PROT_READ);
		errno = 0;
		CHECK(ioctl(fd, NVT_IOC_WORKER_START, ro) < 0 &&
		      errno == EFAULT,
		      "WORKER_START into a read-only struct -> EFAULT");
		munmap(ro, 4096);
		ws.id = wa.id;	/* the lowest free id: the one it took */
		errno = 0;
		CHECK(ioctl(fd, NVT_IOC_WORKER_STATUS, &ws) < 0 &&
		      errno == ENOENT, "no worker left behind on id %u",
		      wa.id);
		CHECK(ioctl(fd, NVT_IOC_WORKER_START, &wa) == 0,
		      "its queue is free: a new worker starts on it");
		ws.id = wa.id;
		CHECK(ioctl(fd, NVT_IOC_WORKER_FREE, &ws) == 0, "and is freed");
	}

	/*
	 * A worker whose LBAs are laid out otherwise than the table says
	 * (here: the table's stride twice the worker's LBA) is not stamped
	 * or checked, and what it writes becomes unknown: walking its slot
	 * by the table's stride would leave the slot.
	 */
	if (ns1_zoned(fd)) {
		printf("(zoned namespace: the writing worker case is left out)\n");
		goto flush;
	}
	v.op = NVT_DATACHECK_ENABLE;
	v.nsid = 1;
	v.nlba = 1024;
	v.lba_size = 2 * lba_bytes;
	v.lba_stride = 2 * lba_bytes;
	v.flags = NVT_DATACHECK_STAMP;
	CHECK(ioctl(fd, NVT_IOC_DATACHECK, &v) == 0, "verification on, stride %u",
	      2 * lba_bytes);
	memset(&wa, 0, sizeof(wa));
	wa.argsz = sizeof(wa);
	wa.qid = 1;
	wa.nsid = 1;
	wa.lba_size = lba_bytes;
	wa.qdepth = 2;
	wa.region_start = 512;
	wa.region_end = 1024;
	wa.io_sizes[0] = 1;
	wa.io_weights[0] = 1;
	wa.nr_sizes = 1;
	wa.read_percentage = 0;
	wa.io_count = 16;
	wa.cpu = -1;
	CHECK(ioctl(fd, NVT_IOC_WORKER_START, &wa) == 0, "a writing worker");
	ws.id = wa.id;
	for (i = 0; i < 500; i++) {
		if (ioctl(fd, NVT_IOC_WORKER_STATUS, &ws) ||
		    !(ws.flags & NVT_WORKER_RUNNING))
			break;
		usleep(10000);
	}
	CHECK(!(ws.flags & NVT_WORKER_RUNNING) && ws.io_count_write == 16 &&
	      !ws.error, "it wrote 16 LBAs (%llu, error 0x%x)",
	      (unsigned long long)ws.io_count_write, ws.error);
	ioctl(fd, NVT_IOC_WORKER_FREE, &ws);
	memset(table, 0xaa, sizeof(table));
	ret = datacheck_get(fd, 512, 8, table);
	CHECK(!ret && !table[0] && !table[7],
	      "their table entries are unknown (0x%02x)", table[0]);
	v.op = NVT_DATACHECK_DISABLE;
	ioctl(fd, NVT_IOC_DATACHECK, &v);

flush:
	/* a flush that times out leaves the verification table alone */
	v.op = NVT_DATACHECK_ENABLE;
	v.nsid = 1;
	v.nlba = 1024;
	v.lba_size = lba_bytes;
	v.lba_stride = lba_bytes;
	v.flags = NVT_DATACHECK_STAMP;
	CHECK(ioctl(fd, NVT_IOC_DATACHECK, &v) == 0, "verification on");
	CHECK(buf_alloc(fd, 8 * lba_bytes, &w) == 0, "write buffer");
	for (i = 0; i < 8 * lba_bytes; i++)
		w.p[i] = i * 7 + 3;
	cmd_init(&c, NVT_NVM_WRITE, 1);
	c.sqe[12] = 7;
	cmd_buf(&c, &w, 0, 8 * lba_bytes);
	ret = submit_q(fd, 1, &c, 1, 0, NULL);
	n = reap_q(fd, 1, cpl, 1, 1, 5000);
	CHECK(!ret && n == 1 && !cpl_status(&cpl[0]), "8 LBAs written");
	CHECK(datacheck_get(fd, 0, 8, table) == 0 && table[0] && table[7],
	      "their check values are known");
	cmd_init(&c, NVT_NVM_FLUSH, 1);
	c.timeout_ms = 100;
	ret = submit_q(fd, 1, &c, 1, NVT_SUBMIT_NO_DOORBELL, NULL);
	n = reap_q(fd, 1, cpl, 1, 1, 2000);
	CHECK(!ret && n == 1 && (cpl[0].flags & NVT_CPL_TIMEOUT),
	      "a flush never rung times out");
	memset(table, 0, sizeof(table));
	CHECK(datacheck_get(fd, 0, 8, table) == 0 && table[0] && table[7],
	      "the table still knows the written LBAs");
	v.op = NVT_DATACHECK_DISABLE;
	ioctl(fd, NVT_IOC_DATACHECK, &v);
	buf_free(fd, &w);

	/*
	 * Consumed SQ entries are cleared: a doorbell written again (allowed
	 * here as raw DMA) makes the controller run zeroed entries, Delete
	 * I/O SQ 0 (01/01), never an old command whose buffers are gone.
	 */
	if (module_param_set("unsafe_raw_dma", "1") == 0) {
		struct nvt_cpl many[40];
		uint32_t tail = sysfs_int(bdf, "queues/sq0/tail");
		int got, bad = 0, k;

		wreg32(fd, NVT_REG_DBS, (tail + 31) % 32);	/* SQ 0's tail */
		got = reap(fd, many, 31, 40, 3000);
		for (k = 0; k < got; k++)
			bad += cpl_status(&many[k]) != 0x101;
		CHECK(got == 31 && !bad,
		      "31 consumed entries rung again: %d completions, %d not 01/01",
		      got, bad);
		module_param_set("unsafe_raw_dma", "0");
	}

	/* a hand-written admin queue stays raw across a reset */
	if (module_param_set("unsafe_raw_dma", "1") == 0) {
		uint32_t asq = reg32(fd, NVT_REG_ASQ);

		wreg32(fd, NVT_REG_ASQ, asq);
		wreg32(fd, NVT_REG_CC, 0);
		CHECK(wait_rdy(fd, 0) == 0, "disabled");
		CHECK(sysfs_int(bdf, "raw_dma") == 0, "raw DMA over for now");
		wreg32(fd, NVT_REG_CC, NVT_CC_ENTRY_SIZES | NVT_CC_EN);
		CHECK(wait_rdy(fd, 1) == 0 && sysfs_int(bdf, "raw_dma") == 1,
		      "enabled on the hand-written admin queue: raw DMA again");
		wreg32(fd, NVT_REG_CC, 0);
		wait_rdy(fd, 0);
		module_param_set("unsafe_raw_dma", "0");
	}
	wreg32(fd, NVT_REG_CC, 0);
	CHECK(wait_rdy(fd, 0) == 0 &&
	      ioctl(fd, NVT_IOC_ADMINQ_SETUP, &aq) == 0,
	      "a fresh admin queue ends it");
}

static sigjmp_buf sigbus_jmp;

static void on_sigbus(int sig)
{
	siglongjmp(sigbus_jmp, 1);
}

/* The mmap offset of a freed buffer does not map the next one on its id. */
static void test_stale_offset(int fd)
{
	struct nvt_buf_alloc x = { .argsz = sizeof(x), .length = 4096 };
	struct nvt_buf_alloc y = { .argsz = sizeof(y), .length = 4096 };
	struct nvt_buf_free bf = { .argsz = sizeof(bf) };
	void *p;
	int err;

	if (ioctl(fd, NVT_IOC_BUF_ALLOC, &x))
		return;
	bf.id = x.id;
	ioctl(fd, NVT_IOC_BUF_FREE, &bf);
	if (ioctl(fd, NVT_IOC_BUF_ALLOC, &y))
		return;
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, x.mmap_offset);
	err = p == MAP_FAILED ? errno : 0;
	if (p != MAP_FAILED)
		munmap(p, 4096);
	CHECK(y.id == x.id && y.mmap_offset != x.mmap_offset && err == ENOENT,
	      "the freed buffer's offset maps nothing, not the new buffer on its id %u (%s)",
	      y.id, strerror(err));
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, y.mmap_offset);
	CHECK(p != MAP_FAILED, "the new buffer's own offset maps it");
	if (p != MAP_FAILED)
		munmap(p, 4096);
	bf.id = y.id;
	ioctl(fd, NVT_IOC_BUF_FREE, &bf);
}

/*
 * Freeing a buffer zaps its mappings at once: the next buffer may get the
 * same id (and mmap offset), and its mapping must stay usable however late
 * the freed buffer's memory goes.
 */
static void test_buffer_reuse(int fd)
{
	volatile int faulted_old = 0, faulted_new = 0, same_id = 0;
	volatile unsigned i;

	signal(SIGBUS, on_sigbus);
	for (i = 0; i < 200; i++) {
		struct nvt_buf_free bf = { .argsz = sizeof(bf) };
		struct buf a, b;

		if (buf_alloc(fd, 4096, &a))
			break;
		a.p[0] = 1;
		bf.id = a.id;
		ioctl(fd, NVT_IOC_BUF_FREE, &bf);
		if (sigsetjmp(sigbus_jmp, 1) == 0)
			a.p[1] = 1;	/* still mapped: must fault */
		else
			faulted_old++;
		if (buf_alloc(fd, 4096, &b))
			break;
		same_id += b.id == a.id;
		usleep(500);	/* let the old buffer's release run */
		if (sigsetjmp(sigbus_jmp, 1) == 0)
			b.p[0] = 2;
		else
			faulted_new++;
		munmap(a.p, 4096);
		munmap(b.p, 4096);
		bf.id = b.id;
		ioctl(fd, NVT_IOC_BUF_FREE, &bf);
	}
	signal(SIGBUS, SIG_DFL);
	CHECK(i == 200, "200 rounds of free and reallocate");
	CHECK(faulted_old == 200, "a freed buffer's mapping is gone at once (%d)",
	      faulted_old);
	CHECK(same_id > 0 && faulted_new == 0,
	      "a new buffer on a reused id stays mapped (%d reused, %d faulted)",
	      same_id, faulted_new);
	test_stale_offset(fd);
}

/* Unbind the device under an open fd with a live mapping. */
static void test_unbind(int fd, const char *bdf)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	struct buf b;
	volatile int faulted = 0;
	FILE *f;

	CHECK(buf_alloc(fd, 4096, &b) == 0, "buffer mapped before unbind");
	b.p[0] = 1;
	f = fopen("/sys/bus/pci/drivers/nvt/unbind", "w");
	CHECK(f && fputs(bdf, f) >= 0 && fclose(f) == 0, "unbind with fd open");
	errno = 0;
	CHECK(ioctl(fd, NVT_IOC_INFO, &info) == -1 && errno == ENODEV,
	      "ioctl after unbind -> ENODEV");
	signal(SIGBUS, on_sigbus);
	if (sigsetjmp(sigbus_jmp, 1) == 0)
		b.p[0] = 2;
	else
		faulted = 1;
	signal(SIGBUS, SIG_DFL);
	CHECK(faulted, "mapping of a removed device faults (SIGBUS)");
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 1ull << 32) ==
	      MAP_FAILED, "mmap after unbind refused");
	munmap(b.p, 4096);
	f = fopen("/sys/bus/pci/drivers_probe", "w");
	CHECK(f && fputs(bdf, f) >= 0 && fclose(f) == 0, "rebind");
}

int main(int argc, char **argv)
{
	int fd;

	fd = bench_open(argc, argv);
	if (fd < 0)
		return fd == -2 ? 2 : 1;
	test_validation(fd);
	test_buffers(fd);
	test_admin(fd, argv[1]);
	test_defects(fd, argv[1]);
	test_buffer_reuse(fd);
	test_unbind(fd, argv[1]);
	close(fd);
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
