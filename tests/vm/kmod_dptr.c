// SPDX-License-Identifier: MIT
/*
 * Bench test of the data pointers nvt.ko builds over its buffers: a window
 * smaller than what the command moves is refused (EINVAL), whether the
 * size comes from NLB and the namespace's format, from NUMD, or is unknown
 * (a vendor opcode, then the window must cover MDTS); separate metadata
 * needs its own window; workers must use the namespace's LBA size;
 * formats wait for I/O and workers (EBUSY) and I/O waits for formats; and
 * data still reads back right in every namespace's format, with PRP lists
 * and chained lists.
 *
 * usage: kmod_dptr BDF [readback]
 */
#include <errno.h>

#include "check.h"
#include "raw.h"

#define IOQ		1
#define MAX_NS		8
/* vendor specific opcodes whose data goes to the host: C2h and 82h */
#define VENDOR_ADMIN_READ	(NVT_ADMIN_VENDOR_FIRST | NVT_XFER_FROM_CTRL)
#define VENDOR_IO_READ		(NVT_IO_VENDOR_FIRST | NVT_XFER_FROM_CTRL)

static struct checks c;

struct ns {
	uint32_t nsid;
	uint32_t lbaf;		/* index of the format in use */
	uint32_t data;		/* LBA data bytes */
	uint32_t ms;		/* metadata bytes */
	int extended;
	uint64_t nsze;
};

static struct ns nss[MAX_NS];
static unsigned int nr_ns;
static uint64_t mdts_bytes;	/* 0: no limit */
static uint32_t nn;

static int wait_cmd(int fd, uint32_t qid, struct nvt_cpl *out)
{
	for (;;) {
		struct nvt_cpl cpl;

		if (reap_q(fd, qid, &cpl, 1, 1, 10000) != 1)
			return -1;
		if (cpl.flags & NVT_CPL_AER)
			continue;
		if (out)
			*out = cpl;
		return cpl_status(&cpl);
	}
}

/* Send one command; -1 with errno when SUBMIT refuses it. */
static int last_errno;	/* of the last run() or refused() */

static int run(int fd, uint32_t qid, struct nvt_cmd *cmd)
{
	errno = 0;
	if (submit_q(fd, qid, cmd, 1, 0, NULL)) {
		last_errno = errno;
		return -1;
	}
	last_errno = 0;
	return wait_cmd(fd, qid, NULL);
}

static int admin_cmd_buf(int fd, uint8_t opc, uint32_t nsid, uint32_t cdw10,
		     uint32_t cdw11, struct buf *b, uint64_t len)
{
	struct nvt_cmd cmd;

	cmd_init(&cmd, opc, nsid);
	cmd.sqe[10] = cdw10;
	cmd.sqe[11] = cdw11;
	if (b)
		cmd_buf(&cmd, b, 0, len);
	return run(fd, NVT_ADMIN_QID, &cmd);
}

static int ctrl_init(int fd)
{
	if (ctrl_enable(fd, 64))
		return -1;
	return admin_cmd_buf(fd, NVT_ADMIN_SET_FEATURES, 0, NVT_FEAT_NUM_QUEUES,
			     0x00070007, NULL, 0);
}

/* The controller's MDTS and the namespaces' formats, by Identify. */
static int learn(int fd, struct buf *id)
{
	uint64_t cap = 0;
	uint32_t nsid;
	uint8_t mdts;

	if (admin_cmd_buf(fd, NVT_ADMIN_IDENTIFY, 0, NVT_CNS_CTRL, 0, id, 4096))
		return -1;
	rw(fd, NVT_IOC_READ, NVT_SPACE_BAR(0), 8, NVT_REG_CAP, &cap);
	mdts = id->p[NVT_IDC_MDTS];
	mdts_bytes = mdts ? 1ull << (mdts + 12 + NVT_CAP_MPSMIN(cap)) : 0;
	memcpy(&nn, id->p + NVT_IDC_NN, 4);
	for (nsid = 1; nsid <= nn && nr_ns < MAX_NS; nsid++) {
		struct ns *n = &nss[nr_ns];
		uint8_t flbas;
		uint8_t *lbaf;

		if (admin_cmd_buf(fd, NVT_ADMIN_IDENTIFY, nsid, NVT_CNS_NS, 0, id,
				  4096))
			continue;
		memcpy(&n->nsze, id->p, 8);
		if (!n->nsze)
			continue;
		flbas = id->p[NVT_IDNS_FLBAS];
		n->nsid = nsid;
		n->lbaf = NVT_FLBAS_INDEX(flbas);
		lbaf = id->p + NVT_IDNS_LBAF + 4 * n->lbaf;
		n->ms = nvt_le_get(lbaf + NVT_LBAF_MS, 2);
		n->data = 1u << lbaf[NVT_LBAF_LBADS];
		n->extended = !!(flbas & NVT_FLBAS_EXTENDED);
		nr_ns++;
	}
	return nr_ns ? 0 : -1;
}

static uint32_t lba_bytes(const struct ns *n)
{
	return n->data + (n->extended ? n->ms : 0);
}

static uint32_t meta_bytes(const struct ns *n)
{
	return n->extended ? 0 : n->ms;
}

static void rw_cmd(struct nvt_cmd *cmd, uint8_t opc, const struct ns *n,
		   uint64_t slba, uint32_t nlb)
{
	cmd_init(cmd, opc, n->nsid);
	cmd->sqe[10] = (uint32_t)slba;
	cmd->sqe[11] = slba >> 32;
	cmd->sqe[12] = nlb - 1;
}

static void with_meta(struct nvt_cmd *cmd, struct buf *m, uint64_t len)
{
	cmd->flags |= NVT_CMD_MPTR_BUF;
	cmd->meta_buf_id = m->id;
	cmd->meta_offset = 0;
	cmd->meta_length = len;
}

static int refused(int fd, uint32_t qid, struct nvt_cmd *cmd, int want)
{
	int ret;

	errno = 0;
	ret = submit_q(fd, qid, cmd, 1, 0, NULL) == -1 && errno == want;
	last_errno = errno;
	return ret;
}

static void test_windows(int fd, struct buf *data, struct buf *meta,
			 struct buf *big)
{
	const struct ns *n = &nss[0];
	struct nvt_cmd cmd;
	unsigned int i;

	/* NLB 64 over 4 KiB: the controller would move 64 LBAs */
	rw_cmd(&cmd, NVT_NVM_WRITE, n, 0, 64);
	cmd_buf(&cmd, data, 0, 4096);
	if (meta_bytes(n))
		with_meta(&cmd, meta, 64 * meta_bytes(n));
	CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
	      "nsid %u: Write of NLB 64 over a 4 KiB window -> EINVAL (errno %d)",
	      n->nsid, last_errno);
	cmd.sqe[0] = NVT_NVM_READ;
	CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
	      "nsid %u: Read of NLB 64 over a 4 KiB window -> EINVAL (errno %d)",
	      n->nsid, last_errno);
	/* one byte short */
	rw_cmd(&cmd, NVT_NVM_READ, n, 0, 8);
	cmd_buf(&cmd, data, 0, 8ull * lba_bytes(n) - 1);
	if (meta_bytes(n))
		with_meta(&cmd, meta, 8 * meta_bytes(n));
	CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
	      "nsid %u: Read of 8 LBAs, window one byte short -> EINVAL (errno %d)",
	      n->nsid, last_errno);
	cmd.buf_length++;
	CHECK(&c, run(fd, IOQ, &cmd) == 0,
	      "nsid %u: the same Read with the exact window completes",
	      n->nsid);
	/* the window may be larger than the transfer */
	cmd.buf_length = data->len;
	CHECK(&c, run(fd, IOQ, &cmd) == 0,
	      "nsid %u: the same Read with a larger window completes",
	      n->nsid);

	/* no such namespace: the controller refuses it before any transfer */
	cmd.sqe[1] = 0;
	CHECK(&c, run(fd, IOQ, &cmd) == 0x0b,
	      "Read of nsid 0 goes to the controller: Invalid Namespace");
	rw_cmd(&cmd, NVT_NVM_READ, n, 0, 64);
	cmd.sqe[1] = nn + 1;
	cmd_buf(&cmd, data, 0, 4096);
	CHECK(&c, run(fd, IOQ, &cmd) == 0x0b,
	      "Read of NLB 64 from nsid %u (none) over 4 KiB goes to the controller: Invalid Namespace",
	      nn + 1);

	/* Get Log Page: (NUMD + 1) dwords */
	CHECK(&c, admin_cmd_buf(fd, NVT_ADMIN_GET_LOG_PAGE, 0xffffffff,
				NVT_LID_SMART | (2047u << 16), 0,
				data, 4096) == -1 && last_errno == EINVAL,
	      "Get Log Page of 8 KiB over a 4 KiB window -> EINVAL (errno %d)",
	      last_errno);
	CHECK(&c, admin_cmd_buf(fd, NVT_ADMIN_GET_LOG_PAGE, 0xffffffff,
				NVT_LID_SMART | (0xffffu << 16),
				0xffff, data, data->len) == -1 && last_errno == EINVAL,
	      "Get Log Page with NUMDU set over the whole buffer -> EINVAL (errno %d)",
	      last_errno);
	CHECK(&c, admin_cmd_buf(fd, NVT_ADMIN_GET_LOG_PAGE, 0xffffffff,
				NVT_LID_SMART | (127u << 16), 0,
				data, 512) == 0,
	      "Get Log Page of 512 bytes over a 512-byte window completes");
	/* Identify moves 4 KiB */
	CHECK(&c, admin_cmd_buf(fd, NVT_ADMIN_IDENTIFY, 0, NVT_CNS_CTRL, 0, data,
				2048) == -1 &&
	      last_errno == EINVAL,
	      "Identify over a 2 KiB window -> EINVAL (errno %d)", last_errno);

	/* vendor specific: the size is unknown, the window must cover MDTS */
	CHECK(&c, admin_cmd_buf(fd, VENDOR_ADMIN_READ, 0, 0, 0, data, 4096) == -1 &&
	      last_errno == EINVAL,
	      "vendor admin opcode c2h over a 4 KiB window (MDTS %llu) -> EINVAL (errno %d)",
	      (unsigned long long)mdts_bytes, last_errno);
	if (mdts_bytes && mdts_bytes <= big->len) {
		int st = admin_cmd_buf(fd, VENDOR_ADMIN_READ, 0, 0, 0, big, mdts_bytes);

		CHECK(&c, st > 0,
		      "vendor admin opcode c2h over a window of MDTS goes to the controller (status %03x)",
		      st);
	}
	rw_cmd(&cmd, VENDOR_IO_READ, n, 0, 1);
	cmd_buf(&cmd, data, 0, 4096);
	CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
	      "vendor I/O opcode 82h over a 4 KiB window -> EINVAL (errno %d)",
	      last_errno);

	/* separate metadata: its own window, NLB x MS bytes */
	for (i = 0; i < nr_ns; i++) {
		n = &nss[i];
		if (!meta_bytes(n))
			continue;
		rw_cmd(&cmd, NVT_NVM_READ, n, 0, 16);
		cmd_buf(&cmd, data, 0, 16ull * lba_bytes(n));
		CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
		      "nsid %u: Read with separate metadata and no metadata pointer -> EINVAL (errno %d)",
		      n->nsid, last_errno);
		with_meta(&cmd, meta, 16ull * meta_bytes(n) - 1);
		CHECK(&c, refused(fd, IOQ, &cmd, EINVAL),
		      "nsid %u: metadata window one byte short -> EINVAL (errno %d)",
		      n->nsid, last_errno);
		cmd.meta_length++;
		CHECK(&c, run(fd, IOQ, &cmd) == 0,
		      "nsid %u: with the exact metadata window it completes",
		      n->nsid);
	}
}

static void pattern(uint8_t *p, size_t len, uint32_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(seed * 31 + i * 7 + i / 4099);
}

/*
 * Write then read back @nlb LBAs at byte @off of the buffer (an offset
 * inside a page makes PRP1 partial), windows exact.
 */
static void readback(int fd, const struct ns *n, struct buf *data,
		     struct buf *meta, uint64_t off, uint32_t nlb,
		     uint32_t seed)
{
	uint64_t len = (uint64_t)nlb * lba_bytes(n);
	uint64_t mlen = (uint64_t)nlb * meta_bytes(n);
	uint64_t slba = (uint64_t)seed * 8192 % (n->nsze - nlb);
	struct nvt_cmd cmd;
	uint8_t *want;
	int st;

	want = malloc(len + mlen);
	if (!want)
		return;
	pattern(want, len + mlen, seed);
	memcpy(data->p + off, want, len);
	if (mlen)
		memcpy(meta->p, want + len, mlen);
	rw_cmd(&cmd, NVT_NVM_WRITE, n, slba, nlb);
	cmd_buf(&cmd, data, off, len);
	if (mlen)
		with_meta(&cmd, meta, mlen);
	st = run(fd, IOQ, &cmd);
	memset(data->p + off, 0xee, len);
	if (mlen)
		memset(meta->p, 0xee, mlen);
	cmd.sqe[0] = NVT_NVM_READ;
	st = st ? st : run(fd, IOQ, &cmd);
	if (st == 0 && (memcmp(data->p + off, want, len) ||
			(mlen && memcmp(meta->p, want + len, mlen)))) {
		uint64_t k;

		for (k = 0; k < len && data->p[off + k] == want[k]; k++)
			;
		printf("# data differs from byte %llu of %llu\n",
		       (unsigned long long)k, (unsigned long long)len);
		for (k = 0; k < mlen && meta->p[k] == want[len + k]; k++)
			;
		printf("# metadata differs from byte %llu of %llu\n",
		       (unsigned long long)k, (unsigned long long)mlen);
	}
	CHECK(&c, st == 0 && !memcmp(data->p + off, want, len) &&
	      (!mlen || !memcmp(meta->p, want + len, mlen)),
	      "nsid %u (%u+%u%s): %u LBAs (%llu bytes) at buffer offset %llu read back right (status %d)",
	      n->nsid, n->data, n->ms, n->extended ? " extended" : "", nlb,
	      (unsigned long long)len, (unsigned long long)off, st);
	free(want);
}

static void test_readback(int fd, struct buf *big, struct buf *meta)
{
	unsigned int i;

	for (i = 0; i < nr_ns; i++) {
		const struct ns *n = &nss[i];
		uint64_t max = mdts_bytes && mdts_bytes < big->len ?
			       mdts_bytes : big->len;
		uint32_t most = (max - 4096) / lba_bytes(n);

		if (most > 65536)
			most = 65536;
		readback(fd, n, big, meta, 0, 1, 1);
		readback(fd, n, big, meta, 512, 3, 2);		/* two pages */
		readback(fd, n, big, meta, 0, 64, 3);		/* a list */
		/*
		 * QEMU 7.2 loses some metadata of larger commands, or fails
		 * them (02/80), whichever driver builds their pointers
		 */
		if (n->ms) {
			readback(fd, n, big, meta, 1024, 64, 7);
			readback(fd, n, big, meta, 512, 64, 9);
			continue;
		}
		readback(fd, n, big, meta, 1024, most < 200 ? most : 200,
			 4);					/* unaligned */
		readback(fd, n, big, meta, 512, most, 5);	/* chained */

	}
}

static void worker_args(struct nvt_worker_args *a, const struct ns *n,
			uint32_t qid)
{
	memset(a, 0, sizeof(*a));
	a->argsz = sizeof(*a);
	a->qid = qid;
	a->nsid = n->nsid;
	a->lba_size = lba_bytes(n);
	a->meta_size = meta_bytes(n);
	a->qdepth = 4;
	a->region_start = 0;
	a->region_end = n->nsze < 1024 ? n->nsze : 1024;
	a->io_sizes[0] = 1;
	a->io_weights[0] = 1;
	a->nr_sizes = 1;
	a->read_percentage = 100;
	a->lba_random = 100;
	a->lba_align = 1;
	a->time_ms = 3000;
	a->cpu = -1;
	a->seed = 1;
	a->poll_idle_us = 100;
}

static void worker_end(int fd, uint32_t id)
{
	struct nvt_worker_status st = { .argsz = sizeof(st), .id = id,
					.flags = NVT_WORKER_STOP };

	ioctl(fd, NVT_IOC_WORKER_STATUS, &st);
	ioctl(fd, NVT_IOC_WORKER_FREE, &st);
}

static void test_workers(int fd, uint32_t wq)
{
	const struct ns *n = &nss[0];
	struct nvt_worker_args a;
	struct nvt_cmd cmd;
	unsigned int i;
	int ret;

	for (i = 0; i < nr_ns; i++) {
		worker_args(&a, &nss[i], wq);
		a.lba_size = nss[i].data == 512 ? 4096 : 512;
		errno = 0;
		ret = ioctl(fd, NVT_IOC_WORKER_START, &a);
		CHECK(&c, ret == -1 && errno == EINVAL,
		      "nsid %u: worker with lba_size %u (the namespace moves %u) -> EINVAL (errno %d)",
		      nss[i].nsid, a.lba_size, lba_bytes(&nss[i]), errno);
		if (!ret)	/* started after all: stop it */
			worker_end(fd, a.id);
		if (!meta_bytes(&nss[i]))
			continue;
		worker_args(&a, &nss[i], wq);
		a.meta_size = 0;
		errno = 0;
		ret = ioctl(fd, NVT_IOC_WORKER_START, &a);
		CHECK(&c, ret == -1 && errno == EINVAL,
		      "nsid %u: worker without its %u bytes of separate metadata -> EINVAL (errno %d)",
		      nss[i].nsid, meta_bytes(&nss[i]), errno);
		if (!ret)
			worker_end(fd, a.id);
	}

	/* a format while a worker runs waits (EBUSY) */
	worker_args(&a, n, wq);
	if (!CHECK(&c, ioctl(fd, NVT_IOC_WORKER_START, &a) == 0,
		   "nsid %u: worker with the namespace's format starts",
		   n->nsid))
		return;
	cmd_init(&cmd, NVT_ADMIN_FORMAT_NVM, n->nsid);
	cmd.sqe[10] = (n->lbaf & 0xf) | (n->lbaf >> 4) << 12 |
		      n->extended << 4;
	errno = 0;
	CHECK(&c, refused(fd, NVT_ADMIN_QID, &cmd, EBUSY),
	      "Format NVM while a worker runs -> EBUSY (errno %d)", last_errno);
	if (!last_errno)
		wait_cmd(fd, NVT_ADMIN_QID, NULL);
	worker_end(fd, a.id);
	/* (a zoned namespace may refuse it: not the driver) */
	ret = run(fd, NVT_ADMIN_QID, &cmd);
	CHECK(&c, ret >= 0,
	      "Format NVM once the worker is gone goes to the controller (status %03x)",
	      ret);
}

/* I/O waits while a format is outstanding, and formats wait for I/O. */
static void test_format_hold(int fd, struct buf *data, struct buf *meta)
{
	const struct ns *n = &nss[0];
	struct nvt_cmd fmt, io, gf;

	cmd_init(&fmt, NVT_ADMIN_FORMAT_NVM, n->nsid);
	fmt.sqe[10] = (n->lbaf & 0xf) | (n->lbaf >> 4) << 12 |
		      n->extended << 4;
	rw_cmd(&io, NVT_NVM_READ, n, 0, 1);
	cmd_buf(&io, data, 0, lba_bytes(n));
	if (meta_bytes(n))
		with_meta(&io, meta, meta_bytes(n));

	/* the format sits in the ring, doorbell not rung */
	if (!CHECK(&c, submit_q(fd, NVT_ADMIN_QID, &fmt, 1,
				NVT_SUBMIT_NO_DOORBELL, NULL) == 0,
		   "Format NVM queued without a doorbell"))
		return;
	errno = 0;
	CHECK(&c, refused(fd, IOQ, &io, EBUSY),
	      "Read with a driver-built pointer while a format is outstanding -> EBUSY (errno %d)",
	      last_errno);
	if (!last_errno)
		wait_cmd(fd, IOQ, NULL);
	/* ring it with a command of no consequence */
	cmd_init(&gf, NVT_ADMIN_GET_FEATURES, 0);
	gf.sqe[10] = NVT_FEAT_NUM_QUEUES;
	submit_q(fd, NVT_ADMIN_QID, &gf, 1, 0, NULL);
	CHECK(&c, wait_cmd(fd, NVT_ADMIN_QID, NULL) >= 0 &&
	      wait_cmd(fd, NVT_ADMIN_QID, NULL) >= 0,
	      "the format and Get Features complete");
	CHECK(&c, run(fd, IOQ, &io) == 0, "then the Read goes");

	/* a Read in flight (queued, not rung) keeps formats out */
	if (!CHECK(&c, submit_q(fd, IOQ, &io, 1, NVT_SUBMIT_NO_DOORBELL,
				NULL) == 0, "Read queued without a doorbell"))
		return;
	errno = 0;
	CHECK(&c, refused(fd, NVT_ADMIN_QID, &fmt, EBUSY),
	      "Format NVM while a Read is in flight -> EBUSY (errno %d)", last_errno);
	if (!last_errno)
		wait_cmd(fd, NVT_ADMIN_QID, NULL);
	submit_q(fd, IOQ, &io, 1, 0, NULL);
	CHECK(&c, wait_cmd(fd, IOQ, NULL) == 0 && wait_cmd(fd, IOQ, NULL) == 0,
	      "both Reads complete once rung");
}

int main(int argc, char **argv)
{
	struct nvt_queue_create qc = { .argsz = sizeof(qc), .qid = IOQ,
				       .depth = 64, .vector = 0,
				       .flags = NVT_Q_NO_IRQ };
	struct nvt_queue_create wqc = qc;
	struct buf id, data, meta, big;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: kmod_dptr BDF [readback]\n");
		return 2;
	}
	fd = open_dev(argv[1]);
	if (fd < 0 || ctrl_init(fd)) {
		printf("not ok 1 - controller bring-up\n");
		return 1;
	}
	if (buf_alloc(fd, 4096, &id) || buf_alloc(fd, 1 << 20, &data) ||
	    buf_alloc(fd, 1 << 20, &meta) ||
	    buf_alloc(fd, NVT_BUF_MAX_LEN, &big) || learn(fd, &id)) {
		printf("not ok 1 - buffers and Identify\n");
		return 1;
	}
	printf("# MDTS %llu bytes, %u namespaces\n",
	       (unsigned long long)mdts_bytes, nr_ns);
	wqc.qid = 2;
	if (ioctl(fd, NVT_IOC_QUEUE_CREATE, &qc) ||
	    ioctl(fd, NVT_IOC_QUEUE_CREATE, &wqc)) {
		printf("not ok 1 - I/O queues\n");
		return 1;
	}
	/* "readback": that part alone */
	if (argc > 2 && !strcmp(argv[2], "readback")) {
		test_readback(fd, &big, &meta);
		return check_exit(&c);
	}
	test_windows(fd, &data, &meta, &big);
	test_readback(fd, &big, &meta);
	test_format_hold(fd, &data, &meta);
	test_workers(fd, wqc.qid);
	return check_exit(&c);
}
