/* SPDX-License-Identifier: MIT */
/*
 * Helpers for bench tests that talk to nvt.ko through its raw ioctls,
 * without libnvt: registers, buffers, commands, the device's sysfs node.
 */
#ifndef NVT_VM_RAW_H
#define NVT_VM_RAW_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "nvt_ioctl.h"
#include "nvt_nvme.h"

static inline uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

static inline int rw(int fd, unsigned long req, uint32_t space, uint32_t width,
	      uint64_t off, uint64_t *val)
{
	struct nvt_rw r = { .argsz = sizeof(r), .space = space, .width = width,
			    .offset = off, .value = val ? *val : 0 };
	int ret = ioctl(fd, req, &r);

	if (!ret && val)
		*val = r.value;
	return ret;
}

static inline uint32_t reg32(int fd, uint64_t off)
{
	uint64_t v = 0;

	rw(fd, NVT_IOC_READ, NVT_SPACE_BAR(0), 4, off, &v);
	return v;
}

/* A 64-bit register (CAP, CMBMSC ...) as two dword reads, low first */
static inline uint64_t reg64(int fd, uint64_t off)
{
	uint64_t lo = reg32(fd, off);

	return lo | (uint64_t)reg32(fd, off + 4) << 32;
}

static inline void wreg32(int fd, uint64_t off, uint32_t val)
{
	uint64_t v = val;

	rw(fd, NVT_IOC_WRITE, NVT_SPACE_BAR(0), 4, off, &v);
}

static inline int wait_rdy(int fd, int want)
{
	uint64_t end = now_ms() + 10000;

	while (now_ms() < end) {
		if ((reg32(fd, NVT_REG_CSTS) & NVT_CSTS_RDY) == (uint32_t)want)
			return 0;
		usleep(1000);
	}
	return -1;
}

/*
 * The standard bring-up without commands: CC.EN=0, admin rings of @depth
 * entries, CC.EN=1 (4 KiB pages, 64/16-byte entries).  0 or -1.
 */
static inline int ctrl_enable(int fd, uint32_t depth)
{
	struct nvt_adminq aq = { .argsz = sizeof(aq), .sq_depth = depth,
				 .cq_depth = depth };

	wreg32(fd, NVT_REG_CC, 0);
	if (wait_rdy(fd, 0) || ioctl(fd, NVT_IOC_ADMINQ_SETUP, &aq))
		return -1;
	wreg32(fd, NVT_REG_CC, NVT_CC_ENTRY_SIZES | NVT_CC_EN);
	return wait_rdy(fd, 1);
}

struct buf {
	uint32_t id;
	uint64_t dma;
	uint64_t len;
	uint8_t *p;
};

/* A buffer where @flags says (NVT_BUF_CMB, NVT_BUF_PMR; 0: host), mapped. */
static inline int buf_alloc_in(int fd, uint32_t flags, uint64_t len,
			       struct buf *b)
{
	struct nvt_buf_alloc ba = { .argsz = sizeof(ba), .length = len,
				    .flags = flags };

	if (ioctl(fd, NVT_IOC_BUF_ALLOC, &ba))
		return -1;
	b->id = ba.id;
	b->dma = ba.dma_addr;
	b->len = ba.alloc_length;
	b->p = mmap(NULL, ba.alloc_length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, ba.mmap_offset);
	return b->p == MAP_FAILED ? -1 : 0;
}

static inline int buf_alloc(int fd, uint64_t len, struct buf *b)
{
	return buf_alloc_in(fd, 0, len, b);
}

static inline int buf_free(int fd, struct buf *b)
{
	struct nvt_buf_free bf = { .argsz = sizeof(bf), .id = b->id };

	munmap(b->p, b->len);
	return ioctl(fd, NVT_IOC_BUF_FREE, &bf);
}

static inline void cmd_init(struct nvt_cmd *c, uint8_t opc, uint32_t nsid)
{
	memset(c, 0, sizeof(*c));
	c->sqe[0] = opc;
	c->sqe[1] = nsid;
}

static inline void cmd_buf(struct nvt_cmd *c, struct buf *b, uint64_t off,
		    uint64_t len)
{
	c->flags |= NVT_CMD_DPTR_BUF;
	c->buf_id = b->id;
	c->buf_offset = off;
	c->buf_length = len;
}

static inline int submit_q(int fd, uint32_t qid, struct nvt_cmd *c, uint32_t n,
			   uint32_t flags, uint32_t *queued)
{
	struct nvt_submit s = { .argsz = sizeof(s), .flags = flags, .qid = qid,
				.count = n, .cmd_size = sizeof(*c),
				.cmds = (uintptr_t)c };
	int ret = ioctl(fd, NVT_IOC_SUBMIT, &s);

	if (queued)
		*queued = s.count;
	return ret;
}

static inline int reap_q(int fd, uint32_t qid, struct nvt_cpl *c, uint32_t min,
			 uint32_t max, uint32_t timeout_ms)
{
	struct nvt_reap r = { .argsz = sizeof(r), .qid = qid, .min = min,
			      .max = max, .timeout_ms = timeout_ms,
			      .cpl_size = sizeof(*c), .cpls = (uintptr_t)c };

	if (ioctl(fd, NVT_IOC_REAP, &r))
		return -1;
	return r.count;
}

/* the admin queue */
static inline int submit(int fd, struct nvt_cmd *c, uint32_t n, uint32_t flags,
			 uint32_t *queued)
{
	return submit_q(fd, NVT_ADMIN_QID, c, n, flags, queued);
}

static inline int reap(int fd, struct nvt_cpl *c, uint32_t min, uint32_t max,
		       uint32_t timeout_ms)
{
	return reap_q(fd, NVT_ADMIN_QID, c, min, max, timeout_ms);
}

static inline uint16_t cpl_status(const struct nvt_cpl *c)
{
	return nvt_cqe_status(c->cqe);
}

/* One admin command without data, waited for: its status, or -1. */
static inline int admin_cmd(int fd, uint8_t opc, uint32_t cdw10,
			    uint32_t cdw11, uint32_t *dw0)
{
	struct nvt_cmd cmd;
	struct nvt_cpl cpl;

	cmd_init(&cmd, opc, 0);
	cmd.sqe[10] = cdw10;
	cmd.sqe[11] = cdw11;
	if (submit(fd, &cmd, 1, 0, NULL) || reap(fd, &cpl, 1, 1, 5000) != 1)
		return -1;
	if (dw0)
		*dw0 = cpl.cqe[0];
	return cpl_status(&cpl);
}

/* The nvtN name of the device at BDF, from its sysfs class directory. */
static inline int nvt_node(const char *bdf, char *name, size_t len)
{
	char path[128];
	struct dirent *de;
	DIR *d;
	int ret = -1;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%.32s/nvt", bdf);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strncmp(de->d_name, "nvt", 3)) {
			snprintf(name, len, "%.15s", de->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

static inline int open_dev(const char *bdf)
{
	char name[16], path[64];

	if (nvt_node(bdf, name, sizeof(name)))
		return -1;
	snprintf(path, sizeof(path), "/dev/%s", name);
	return open(path, O_RDWR);
}

/*
 * A bench program's start: "usage: PROG BDF", line-buffered output, the
 * device opened.  The fd, or -2 (usage) / -1 (open failed), said on stderr.
 */
static inline int bench_open(int argc, char **argv)
{
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return -2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open_dev(argv[1]);
	if (fd < 0)
		perror("open nvt device");
	return fd;
}

/* The first word of /sys/class/nvt/nvtN/@attr into @buf ("" if none). */
static inline void sysfs_str(const char *bdf, const char *attr, char *buf,
			     size_t len)
{
	char name[16], path[160];
	FILE *f;

	buf[0] = 0;
	if (nvt_node(bdf, name, sizeof(name)))
		return;
	snprintf(path, sizeof(path), "/sys/class/nvt/%s/%.32s", name, attr);
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, len, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
}

/* Set nvt.ko's parameter @name to @value; 0 or -1. */
static inline int module_param_set(const char *name, const char *value)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/nvt/parameters/%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(value, f);
	return fclose(f) ? -1 : 0;
}

static inline int sysfs_int(const char *bdf, const char *attr)
{
	char name[16], path[160], buf[32] = "";
	FILE *f;

	if (nvt_node(bdf, name, sizeof(name)))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/nvt/%s/%.32s", name, attr);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return atoi(buf);
}

#endif /* NVT_VM_RAW_H */
