// SPDX-License-Identifier: MIT
/*
 * The mock of nvt.ko that libnvt's ioctl-boundary tests share
 * (mock_nvt.h says what it does).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mock_nvt.h"

struct mock_nvt mock;

int __real_ioctl(int fd, unsigned long req, ...);
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __real_munmap(void *addr, size_t len);
int __wrap_ioctl(int fd, unsigned long req, ...);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off);
int __wrap_munmap(void *addr, size_t len);

static int mock_fail(int err)
{
	errno = err;
	return -1;
}

static void *mock_buf_mem(uint32_t id)
{
	ck_assert_msg(id >= 1 && id <= mock.nbufs, "unknown buffer id %u", id);
	return mock.bufs[id - 1];
}

static int mock_buf_alloc(struct nvt_buf_alloc *a)
{
	size_t len = (a->length + 4095) & ~(size_t)4095;
	void *mem;

	if (mock.alloc_ret)
		return mock_fail(-mock.alloc_ret);
	ck_assert_uint_lt(mock.nbufs, MOCK_MAX_BUFS);
	mem = aligned_alloc(4096, len);
	ck_assert_ptr_nonnull(mem);
	memset(mem, 0, len);
	mock.allocs[mock.nbufs] = *a;
	mock.bufs[mock.nbufs++] = mem;
	a->id = mock.nbufs;
	a->alloc_length = len;
	a->dma_addr = (uint64_t)a->id << MOCK_MMAP_SHIFT;
	a->mmap_offset = (uint64_t)a->id << MOCK_MMAP_SHIFT;
	return 0;
}

static const void *mock_identify_page(uint8_t cns)
{
	switch (cns) {
	case NVT_CNS_CTRL:
		return mock.id_ctrl;
	case NVT_CNS_NS:
		return mock.id_ns;
	case NVT_CNS_NS_ACTIVE_LIST:
		return mock.ns_list;
	}
	return NULL;
}

/* The first page of mock_page() an admin command gets; NULL: none. */
static struct mock_page *mock_page_for(const struct nvt_cmd *c)
{
	unsigned i;

	for (i = 0; i < mock.npages; i++) {
		struct mock_page *p = &mock.pages[i];

		if (p->data && p->opcode == (c->sqe[0] & 0xff) &&
		    (c->sqe[10] & p->cdw10_mask) == p->cdw10)
			return p;
	}
	return NULL;
}

/* What the controller writes to host memory: Identify's pages, mock_page()'s. */
static void mock_dma_to_host(uint32_t qid, const struct nvt_cmd *c)
{
	struct mock_page *mp = NULL;
	const void *page = NULL;
	size_t len = NVT_IDENTIFY_BYTES;

	if (qid != NVT_ADMIN_QID)
		return;
	if ((c->sqe[0] & 0xff) == NVT_ADMIN_IDENTIFY)
		page = mock_identify_page(c->sqe[10] & 0xff);
	else
		mp = mock_page_for(c);
	if (mp) {
		page = mp->data;
		len = mp->len < c->buf_length ? mp->len : c->buf_length;
		if (mp->uses && !--mp->uses)
			mp->data = NULL;	/* used up */
	}
	if (page && (c->flags & NVT_CMD_DPTR_BUF))
		memcpy((uint8_t *)mock_buf_mem(c->buf_id) + c->buf_offset,
		       page, len);
}

static int mock_submit(struct nvt_submit *s)
{
	const struct nvt_cmd *cmds = (const struct nvt_cmd *)(uintptr_t)s->cmds;
	unsigned i;

	ck_assert_uint_eq(s->cmd_size, sizeof(struct nvt_cmd));
	if (mock.submit_ret) {
		s->count = 0;
		return mock_fail(-mock.submit_ret);
	}
	for (i = 0; i < s->count; i++) {
		struct mock_cmd *m = &mock.cmds[mock.ncmds];

		ck_assert_uint_lt(mock.ncmds, MOCK_MAX_CMDS);
		m->qid = s->qid;
		m->cmd = cmds[i];
		m->reaped = false;
		if (cmds[i].flags & NVT_CMD_DPTR_BUF)
			memcpy(m->head, (uint8_t *)mock_buf_mem(cmds[i].buf_id) +
			       cmds[i].buf_offset,
			       cmds[i].buf_length < sizeof(m->head) ?
			       cmds[i].buf_length : sizeof(m->head));
		mock_dma_to_host(s->qid, &cmds[i]);
		mock.ncmds++;
	}
	return 0;
}

/*
 * The scripted completion of the @index'th command sent; its CID is the
 * caller's with NVT_CMD_KEEP_CID, else @index.
 */
static void mock_complete(unsigned index, struct nvt_cpl *cpl)
{
	const struct mock_answer *a = &mock.answers[index];
	const struct nvt_cmd *c = &mock.cmds[index].cmd;
	uint32_t cid = c->flags & NVT_CMD_KEEP_CID ?
		       c->sqe[0] >> NVT_SQE_CID_SHIFT : index;

	memset(cpl, 0, sizeof(*cpl));
	cpl->tag = c->tag;
	cpl->cqe[0] = a->dw0;
	cpl->cqe[3] = (uint32_t)a->status << NVT_CQE_STATUS_SHIFT | cid;
	cpl->flags = mock.cpl_flags;
	mock.cmds[index].reaped = true;
}

static int mock_reap(struct nvt_reap *r)
{
	struct nvt_cpl *cpls = (struct nvt_cpl *)(uintptr_t)r->cpls;
	unsigned i;

	ck_assert_uint_eq(r->cpl_size, sizeof(struct nvt_cpl));
	mock.nreap++;
	if (mock.reap_ret)
		return mock_fail(-mock.reap_ret);
	r->count = 0;
	for (i = 0; i < mock.ncmds && r->count < r->max; i++)
		if (mock.cmds[i].qid == r->qid && !mock.cmds[i].reaped)
			mock_complete(i, &cpls[r->count++]);
	/* libnvt would wait for ever for a command it never sent */
	ck_assert_msg(r->count >= r->min, "REAP for %u, %u outstanding",
		      r->min, r->count);
	return 0;
}

static int mock_read(struct nvt_rw *rw)
{
	rw->value = 0;
	if (rw->space != NVT_SPACE_BAR(0))
		return 0;
	if (rw->offset == NVT_REG_CAP)
		rw->value = MOCK_MQES;
	else if (rw->offset == NVT_REG_CSTS)
		rw->value = mock.cc & NVT_CC_EN ? NVT_CSTS_RDY : 0;
	return 0;
}

static int mock_write(const struct nvt_rw *rw)
{
	if (rw->space == NVT_SPACE_BAR(0) && rw->offset == NVT_REG_CC)
		mock.cc = (uint32_t)rw->value;
	return 0;
}

static int mock_queue_create(struct nvt_queue_create *qc)
{
	if (mock.queue_create_ret) {
		qc->status = mock.queue_create_status;
		return mock_fail(-mock.queue_create_ret);
	}
	qc->qid = qc->qid ? qc->qid : 1;
	return 0;
}

static int mock_info(struct nvt_info *info)
{
	if (mock.info_ret)
		return mock_fail(-mock.info_ret);
	info->abi_version = NVT_ABI_VERSION;
	return 0;
}

static int mock_timeout(const struct nvt_timeout *to)
{
	if (mock.ntimeouts < MOCK_MAX_TIMEOUTS)
		mock.timeouts[mock.ntimeouts] = *to;
	mock.ntimeouts++;
	return 0;
}

static int mock_rawq(struct nvt_rawq *r)
{
	ck_assert_uint_eq(r->argsz, sizeof(*r));
	ck_assert_uint_lt(mock.nrawq, MOCK_MAX_OPS);
	mock.rawq[mock.nrawq++] = *r;
	if (mock.rawq_ret) {
		r->status = mock.rawq_status;
		return mock_fail(-mock.rawq_ret);
	}
	if (r->op == NVT_RAWQ_CREATE_CQ || r->op == NVT_RAWQ_CREATE_SQ)
		r->qid = r->cdw10 & 0xffff;
	/* the driver's copy of a list: the entry as written differs */
	if (r->op == NVT_RAWQ_SQE)
		r->sqe[6] ^= 0x1000;
	return 0;
}

static int mock_irq(struct nvt_irq *a)
{
	ck_assert_uint_eq(a->argsz, sizeof(*a));
	ck_assert_uint_lt(mock.nirq, MOCK_MAX_OPS);
	if (!mock.nirq)
		mock.reaps_before_irq = mock.nreap;
	mock.irq[mock.nirq++] = *a;
	if (a->op == NVT_IRQ_OP_WAIT && mock.irq_wait_ret)
		return mock_fail(-mock.irq_wait_ret);
	a->count = mock.irq_count;
	a->flags = mock.irq_flags;
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd != mock.fd)
		return __real_ioctl(fd, req, arg);
	switch (req) {
	case NVT_IOC_INFO:
		return mock_info(arg);
	case NVT_IOC_READ:
		return mock_read(arg);
	case NVT_IOC_WRITE:
		return mock_write(arg);
	case NVT_IOC_ADMINQ_SETUP:
	case NVT_IOC_BUF_FREE:		/* the memory goes with munmap() */
	case NVT_IOC_QUEUE_DELETE:
		return 0;
	case NVT_IOC_BUF_ALLOC:
		return mock_buf_alloc(arg);
	case NVT_IOC_SUBMIT:
		return mock_submit(arg);
	case NVT_IOC_REAP:
		return mock_reap(arg);
	case NVT_IOC_TIMEOUT:
		return mock_timeout(arg);
	case NVT_IOC_DATACHECK:
		return mock_fail(ENOENT);	/* verification is off */
	case NVT_IOC_QUEUE_CREATE:
		return mock_queue_create(arg);
	case NVT_IOC_RAWQ:
		return mock_rawq(arg);
	case NVT_IOC_IRQ:
		return mock_irq(arg);
	case NVT_IOC_WORKER_START:
		memcpy(&mock.worker, arg, sizeof(mock.worker));
		if (mock.worker.ops && mock.worker.nr_ops <= NVT_WORKER_MAX_OPS)
			memcpy(mock.worker_ops,
			       (const void *)(uintptr_t)mock.worker.ops,
			       mock.worker.nr_ops * sizeof(mock.worker_ops[0]));
		mock.nworker++;
		return mock_fail(EIO);
	}
	ck_abort_msg("unexpected ioctl 0x%lx", req);
	return mock_fail(ENOTTY);
}

void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
		  off_t off)
{
	if (fd != mock.fd)
		return __real_mmap(addr, len, prot, flags, fd, off);
	ck_assert_ptr_null(addr);
	return mock_buf_mem((uint32_t)((uint64_t)off >> MOCK_MMAP_SHIFT));
}

int __wrap_munmap(void *addr, size_t len)
{
	unsigned i;

	for (i = 0; i < mock.nbufs; i++) {
		if (mock.bufs[i] == addr) {
			free(addr);
			mock.bufs[i] = NULL;
			return 0;
		}
	}
	return __real_munmap(addr, len);
}

struct nvt_pcie *fake_device(void)
{
	struct nvt_pcie *p = calloc(1, sizeof(*p));

	ck_assert_ptr_nonnull(p);
	p->fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	ck_assert_int_ge(p->fd, 0);
	atomic_init(&p->refs, 1);
	snprintf(p->bdf, sizeof(p->bdf), "0000:01:00.0");
	p->info.abi_version = NVT_ABI_VERSION;
	return p;
}

struct nvt_pcie *mock_start(void)
{
	struct nvt_pcie *p;

	memset(&mock, 0, sizeof(mock));
	p = fake_device();
	mock.fd = p->fd;
	return p;
}

static int mock_no_init(struct nvt_ctrl *c, void *arg)
{
	return 0;
}

static void mock_no_warn(void *arg, const char *message)
{
}

struct nvt_ctrl *mock_ctrl_open(struct nvt_pcie *pcie, nvt_warn_fn warn)
{
	struct nvt_ctrl_opts opts;
	struct nvt_ctrl *ctrl;
	char err[256];

	nvt_ctrl_opts_init(&opts, sizeof(opts));
	opts.init = mock_no_init;
	opts.warn = warn ? warn : mock_no_warn;
	ck_assert_int_eq(nvt_ctrl_open(pcie, &opts, &ctrl, err, sizeof(err)), 0);
	return ctrl;
}

void mock_forget(void)
{
	mock.ncmds = 0;
	memset(mock.answers, 0, sizeof(mock.answers));
	mock.ntimeouts = 0;
	mock.nrawq = 0;
	mock.nirq = 0;
	mock.nreap = 0;
}

void mock_page(uint8_t opcode, uint32_t mask, uint32_t cdw10,
	       const void *data, size_t len, unsigned uses)
{
	ck_assert_uint_lt(mock.npages, MOCK_MAX_PAGES);
	mock.pages[mock.npages++] = (struct mock_page){
		opcode, mask, cdw10, data, len, uses
	};
}

void mock_answer(unsigned index, uint16_t status, uint32_t dw0)
{
	mock.answers[index] = (struct mock_answer){ status, dw0 };
}

const struct nvt_cmd *sent(unsigned index)
{
	ck_assert_msg(index < mock.ncmds, "command %u was not sent (%u were)",
		      index, mock.ncmds);
	return &mock.cmds[index].cmd;
}
