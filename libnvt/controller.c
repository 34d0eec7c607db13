// SPDX-License-Identifier: MIT
/*
 * nvt_ctrl: the controller's registers, its init sequence and admin
 * commands.  The admin queue itself lives in nvt.ko; this side keeps each
 * command's callback, turns completions into warnings where a tester wants
 * one, and caches what init learned (identify data, namespaces).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "controller_internal.h"

#define CSTS_RDY	(1u << 0)
#define CSTS_CFS	(1u << 1)
#define CC_STANDARD	0x00460000u	/* IOCQES 4, IOSQES 6, MPS 0, NVM */
#define CC_CSS_ALL	(6u << 4)	/* all supported I/O command sets */
#define CC_EN		(1u << 0)

#define ADMIN_DEPTH_DEFAULT	128
#define REAP_SLICE_MS		1000

#define OPC_IDENTIFY	0x06
#define OPC_GET_LOG	0x02
#define OPC_SET_FEAT	0x09
#define OPC_GET_FEAT	0x0a
#define OPC_AER		0x0c

static void warn_stderr(void *arg, const char *message)
{
	(void)arg;
	fprintf(stderr, "nvt: warning: %s\n", message);
}

void nvt_ctrl_warn(struct nvt_ctrl *ctrl, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ctrl->warn(ctrl->warn_arg, msg);
}

void nvt_ctrl_set_warn(struct nvt_ctrl *ctrl, nvt_warn_fn warn, void *arg)
{
	ctrl->warn = warn ? warn : warn_stderr;
	ctrl->warn_arg = warn ? arg : NULL;
}

void nvt_ctrl_set_init(struct nvt_ctrl *ctrl, nvt_ctrl_init_fn init, void *arg)
{
	ctrl->init = init ? init : nvt_ctrl_init_standard;
	ctrl->init_arg = init ? arg : NULL;
}

const char *nvt_ctrl_error(const struct nvt_ctrl *ctrl)
{
	return ctrl->err;
}

struct nvt_pcie *nvt_ctrl_pcie(const struct nvt_ctrl *ctrl)
{
	return ctrl->pcie;
}

/* ---- registers ---- */

static int reg_rw(struct nvt_ctrl *ctrl, bool write, uint32_t offset,
		  unsigned width, uint64_t *value)
{
	int ret = write ?
		nvt_pcie_bar_write(ctrl->pcie, 0, offset, width, *value) :
		nvt_pcie_bar_read(ctrl->pcie, 0, offset, width, value);

	if (ret)
		return nvt_err(ctrl->err, -ret, "%s", nvt_pcie_error(ctrl->pcie));
	return 0;
}

int nvt_ctrl_reg_read32(struct nvt_ctrl *ctrl, uint32_t offset, uint32_t *value)
{
	uint64_t v = 0;
	int ret = reg_rw(ctrl, false, offset, 4, &v);

	*value = (uint32_t)v;
	return ret;
}

int nvt_ctrl_reg_write32(struct nvt_ctrl *ctrl, uint32_t offset, uint32_t value)
{
	uint64_t v = value;

	return reg_rw(ctrl, true, offset, 4, &v);
}

int nvt_ctrl_reg_read64(struct nvt_ctrl *ctrl, uint32_t offset, uint64_t *value)
{
	return reg_rw(ctrl, false, offset, 8, value);
}

int nvt_ctrl_reg_write64(struct nvt_ctrl *ctrl, uint32_t offset, uint64_t value)
{
	return reg_rw(ctrl, true, offset, 8, &value);
}

int nvt_ctrl_wait_ready(struct nvt_ctrl *ctrl, bool ready)
{
	uint64_t cap, deadline;
	uint32_t csts;
	int ret;

	ret = nvt_ctrl_reg_read64(ctrl, REG_CAP, &cap);
	if (ret)
		return ret;
	/* CAP.TO in 500 ms units, plus a little for the host side */
	deadline = nvt_now_ns() + (((cap >> 24) & 0xff) + 1) * 500000000ull;
	for (;;) {
		ret = nvt_ctrl_reg_read32(ctrl, REG_CSTS, &csts);
		if (ret)
			return ret;
		if (csts == 0xffffffff)
			return nvt_err(ctrl->err, ENODEV,
				       "CSTS reads all ones: the device is gone");
		if (!!(csts & CSTS_RDY) == ready)
			return 0;
		if (ready && (csts & CSTS_CFS))
			return nvt_err(ctrl->err, EIO,
				       "controller fatal status (CSTS 0x%08x) while enabling",
				       csts);
		if (nvt_now_ns() > deadline)
			return nvt_err(ctrl->err, ETIMEDOUT,
				       "CSTS.RDY did not become %d within CAP.TO (%llu ms; CSTS 0x%08x)",
				       ready, (unsigned long long)(((cap >> 24) & 0xff) * 500),
				       csts);
		nvt_sleep_ms(1);
	}
}

static void pending_clear(struct nvt_ctrl *ctrl)
{
	nvt_pending_clear(&ctrl->pending);
	ctrl->outstanding = 0;
}

/* ---- sending ---- */

static int submit_error(struct nvt_ctrl *ctrl, int ret, uint8_t opc)
{
	const char *name = nvt_admin_opcode_name(opc);

	switch (ret) {
	case -EIO:
		return nvt_err(ctrl->err, EIO,
			       "%s: the controller is not enabled", name);
	case -EAGAIN:
		return nvt_err(ctrl->err, EAGAIN,
			       "%s: the admin queue is full (%u outstanding)",
			       name, ctrl->outstanding);
	case -EBADFD:
		return nvt_err(ctrl->err, EBADFD,
			       "%s: the admin queue registers were rewritten; run init_adminq",
			       name);
	case -ENOENT:
		return nvt_err(ctrl->err, ENOENT,
			       "%s: no admin queue; run init_adminq", name);
	case -ERANGE:
		return nvt_err(ctrl->err, ERANGE,
			       "%s: the data window is outside its buffer", name);
	default:
		return nvt_err(ctrl->err, -ret, "%s: %s", name, strerror(-ret));
	}
}

int nvt_ctrl_send_cmd(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		      struct nvt_buf *buf, nvt_cpl_fn cb, void *arg)
{
	struct nvt_cmd cmd = { .flags = 0 };
	struct nvt_submit sub = {
		.argsz = sizeof(sub), .qid = NVT_ADMIN_QID, .count = 1,
		.cmd_size = sizeof(cmd), .cmds = (uintptr_t)&cmd,
	};
	struct nvt_pending *p;
	uint8_t opc = sqe[0] & 0xff;
	int ret;

	memcpy(cmd.sqe, sqe, sizeof(cmd.sqe));
	if (buf) {
		struct nvt_buf_dma_ref ref;

		ret = nvt_buf_dma_ref(buf, &ref);
		if (ret)
			return nvt_err(ctrl->err, -ret, "%s: the buffer %s",
				       nvt_admin_opcode_name(opc),
				       nvt_buf_no_dma_why(ret));
		if (!ref.length)
			return nvt_err(ctrl->err, EINVAL,
				       "%s: the buffer's window is empty",
				       nvt_admin_opcode_name(opc));
		cmd.flags |= NVT_CMD_DPTR_BUF;
		cmd.buf_id = ref.id;
		cmd.buf_offset = ref.offset;
		cmd.buf_length = ref.length;
	}
	uint64_t tag = 0;

	p = nvt_pending_new(&ctrl->pending, &tag);
	cmd.tag = tag;
	if (!p)
		return nvt_err(ctrl->err, EAGAIN, "%u admin commands outstanding",
			       ctrl->pending.size);
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_SUBMIT, &sub);
	if (ret)
		return submit_error(ctrl, ret, opc);
	p->used = true;
	p->cb = cb;
	p->arg = arg;
	p->opcode = opc;
	/* AERs stay out until an event: nobody waits for them */
	if (opc != OPC_AER)
		ctrl->outstanding++;
	return 0;
}

/* ---- reaping ---- */

void nvt_cqe_from_cpl(const struct nvt_cpl *c, struct nvt_cqe *cqe)
{
	memcpy(cqe->dw, c->cqe, sizeof(cqe->dw));
	cqe->cid = c->cqe[3] & 0xffff;
	cqe->status = (c->cqe[3] >> 17) & 0x7ff;
	cqe->latency_us = c->latency_us;
	cqe->flags = c->flags;
}

/* Handle one completion; true when it was one waitdone() counts. */
static bool complete_one(struct nvt_ctrl *ctrl, const struct nvt_cpl *c)
{
	struct nvt_pending *p = nvt_pending_find(&ctrl->pending, c->tag);
	struct nvt_cqe cqe;
	const char *name;

	nvt_cqe_from_cpl(c, &cqe);
	if (c->flags & NVT_CPL_AER) {
		ctrl->aer_count++;
		ctrl->aer_last_dw0 = cqe.dw[0];
		nvt_ctrl_warn(ctrl, "AER notification is triggered: 0x%x",
			      cqe.dw[0]);
		return false;
	}
	if (c->flags & NVT_CPL_LATE) {
		nvt_ctrl_warn(ctrl, "late completion of timed-out command cid %u (status %02x/%02x)",
			      cqe.cid, cqe.status >> 8, cqe.status & 0xff);
		return false;
	}
	if (c->flags & NVT_CPL_UNKNOWN_CID) {
		nvt_ctrl_warn(ctrl, "completion for cid %u, which was not outstanding",
			      cqe.cid);
		return false;
	}
	name = p ? nvt_admin_opcode_name(p->opcode) : "command";
	if (c->flags & NVT_CPL_TIMEOUT)
		nvt_ctrl_warn(ctrl, "%s (cid %u) timed out: status 07/ff",
			      name, cqe.cid);
	else if (c->flags & NVT_CPL_ABORTED)
		nvt_ctrl_warn(ctrl, "%s (cid %u) aborted by a controller reset: status 07/fe",
			      name, cqe.cid);
	else if (cqe.status)
		nvt_ctrl_warn(ctrl, "ERROR status: %02x/%02x %s (%s, cid %u)",
			      cqe.status >> 8, cqe.status & 0xff,
			      nvt_status_name(cqe.status), name, cqe.cid);
	if (p && p->opcode == OPC_AER) {
		/* an AER that failed (limit exceeded): never counted as sent */
		p->used = false;
		return false;
	}
	ctrl->latest_cid = cqe.cid;
	ctrl->latest_status = cqe.status;
	ctrl->latest_latency = cqe.latency_us;
	ctrl->latest_dw0 = cqe.dw[0];
	if (p) {
		nvt_cpl_fn cb = p->cb;
		void *arg = p->arg;

		p->used = false;
		if (ctrl->outstanding)
			ctrl->outstanding--;
		if (cb)
			cb(ctrl, &cqe, arg);
	}
	return p != NULL;
}

/* One REAP call: up to @max completions, waiting up to @timeout_ms. */
static int reap_some(struct nvt_ctrl *ctrl, unsigned min, unsigned max,
		     unsigned timeout_ms, unsigned *counted)
{
	struct nvt_cpl cpl[32];
	struct nvt_reap rp = {
		.argsz = sizeof(rp), .qid = NVT_ADMIN_QID, .min = min,
		.max = max > 32 ? 32 : max, .timeout_ms = timeout_ms,
		.cpl_size = sizeof(cpl[0]), .cpls = (uintptr_t)cpl,
	};
	unsigned i;
	int ret;

	if (rp.min > rp.max)
		rp.min = rp.max;
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_REAP, &rp);
	if (ret == -ENODEV)
		return nvt_err(ctrl->err, ENODEV, "the device is gone");
	if (ret)
		return nvt_err(ctrl->err, -ret, "reaping the admin queue: %s",
			       strerror(-ret));
	for (i = 0; i < rp.count; i++)
		*counted += complete_one(ctrl, &cpl[i]);
	return 0;
}

int nvt_ctrl_waitdone(struct nvt_ctrl *ctrl, unsigned count, uint32_t *dw0)
{
	unsigned done = 0;
	int ret;

	if (count > ctrl->outstanding)
		return nvt_err(ctrl->err, EINVAL,
			       "waitdone(%u): only %u commands are outstanding",
			       count, ctrl->outstanding);
	/* each command ends within its timeout, so this loop ends too */
	while (done < count) {
		ret = reap_some(ctrl, 1, count - done, REAP_SLICE_MS, &done);
		if (ret)
			return ret;
	}
	if (dw0)
		*dw0 = ctrl->latest_dw0;
	return 0;
}

int nvt_ctrl_wait_aer(struct nvt_ctrl *ctrl, unsigned seen,
		      unsigned timeout_ms, uint32_t *dw0)
{
	uint64_t deadline = nvt_now_ns() + (uint64_t)timeout_ms * 1000000;
	unsigned done = 0;
	int ret;

	while (ctrl->aer_count <= seen) {
		uint64_t now = nvt_now_ns();
		unsigned slice;

		if (now >= deadline)
			return nvt_err(ctrl->err, ETIMEDOUT,
				       "no AER completion within %u ms",
				       timeout_ms);
		slice = (deadline - now) / 1000000 + 1;
		if (slice > REAP_SLICE_MS)
			slice = REAP_SLICE_MS;
		/* other completions are handled as waitdone() would */
		ret = reap_some(ctrl, 1, 32, slice, &done);
		if (ret)
			return ret;
	}
	if (dw0)
		*dw0 = ctrl->aer_last_dw0;
	return 0;
}

unsigned nvt_ctrl_outstanding(const struct nvt_ctrl *ctrl)
{
	return ctrl->outstanding;
}

uint16_t nvt_ctrl_latest_cid(const struct nvt_ctrl *ctrl)
{
	return ctrl->latest_cid;
}

uint32_t nvt_ctrl_latest_latency(const struct nvt_ctrl *ctrl)
{
	return ctrl->latest_latency;
}

uint16_t nvt_ctrl_latest_status(const struct nvt_ctrl *ctrl)
{
	return ctrl->latest_status;
}

unsigned nvt_ctrl_aer_count(const struct nvt_ctrl *ctrl, uint32_t *last_dw0)
{
	if (last_dw0)
		*last_dw0 = ctrl->aer_last_dw0;
	return ctrl->aer_count;
}

/* Send and wait: for init and the helpers built on commands. */
static int run(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
	       struct nvt_buf *buf, uint32_t *dw0)
{
	int ret = nvt_ctrl_send_cmd(ctrl, sqe, buf, NULL, NULL);

	if (ret)
		return ret;
	ret = nvt_ctrl_waitdone(ctrl, 1, dw0);
	if (ret)
		return ret;
	if (ctrl->latest_status)
		return nvt_err(ctrl->err, EIO, "%s failed: status %02x/%02x %s",
			       nvt_admin_opcode_name(sqe[0] & 0xff),
			       ctrl->latest_status >> 8,
			       ctrl->latest_status & 0xff,
			       nvt_status_name(ctrl->latest_status));
	return 0;
}

/* ---- admin commands ---- */

int nvt_ctrl_identify(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
		      uint32_t nsid, uint8_t cns, uint16_t cntid, uint8_t csi,
		      nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { OPC_IDENTIFY, nsid };

	if (!buf || nvt_buf_size(buf) < 4096)
		return nvt_err(ctrl->err, EINVAL,
			       "Identify: needs a DMA buffer window of 4096 bytes");
	sqe[10] = ((uint32_t)cntid << 16) | cns;
	sqe[11] = (uint32_t)csi << 24;
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

int nvt_ctrl_getfeatures(struct nvt_ctrl *ctrl, uint8_t fid, uint8_t sel,
			 uint32_t cdw11, uint32_t nsid, struct nvt_buf *buf,
			 nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { OPC_GET_FEAT, nsid };

	if (sel > 7)
		return nvt_err(ctrl->err, EINVAL,
			       "Get Features: SEL %u does not fit 3 bits", sel);
	sqe[10] = ((uint32_t)sel << 8) | fid;
	sqe[11] = cdw11;
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

int nvt_ctrl_setfeatures(struct nvt_ctrl *ctrl, uint8_t fid, bool save,
			 uint32_t cdw11, uint32_t cdw12, uint32_t nsid,
			 struct nvt_buf *buf, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { OPC_SET_FEAT, nsid };

	sqe[10] = (save ? 1u << 31 : 0) | fid;
	sqe[11] = cdw11;
	sqe[12] = cdw12;
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

int nvt_ctrl_getlogpage(struct nvt_ctrl *ctrl, uint8_t lid,
			struct nvt_buf *buf, uint32_t size, uint64_t offset,
			uint32_t nsid, uint8_t lsp, bool rae,
			nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { OPC_GET_LOG, nsid };
	uint32_t numd;

	if (!buf)
		return nvt_err(ctrl->err, EINVAL, "Get Log Page: no buffer");
	if (size == 0 || size % 4 || offset % 4)
		return nvt_err(ctrl->err, EINVAL,
			       "Get Log Page: size %u and offset %llu must be non-zero multiples of 4 (dwords)",
			       size, (unsigned long long)offset);
	if (size > nvt_buf_size(buf))
		return nvt_err(ctrl->err, EINVAL,
			       "Get Log Page: %u bytes do not fit the %zu-byte buffer window",
			       size, nvt_buf_size(buf));
	if (lsp > 0x7f)
		return nvt_err(ctrl->err, EINVAL,
			       "Get Log Page: LSP 0x%x does not fit 7 bits", lsp);
	numd = size / 4 - 1;
	sqe[10] = ((numd & 0xffff) << 16) | (rae ? 1u << 15 : 0) |
		  ((uint32_t)lsp << 8) | lid;
	sqe[11] = numd >> 16;
	sqe[12] = (uint32_t)offset;
	sqe[13] = (uint32_t)(offset >> 32);
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

/* ---- timeouts ---- */

static int timeout_ioctl(struct nvt_ctrl *ctrl, uint32_t flags,
			 uint32_t opcode, unsigned ms)
{
	struct nvt_timeout to = {
		.argsz = sizeof(to), .flags = flags, .opcode = opcode,
		.timeout_ms = ms,
	};
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_TIMEOUT, &to);

	if (ret)
		return nvt_err(ctrl->err, -ret,
			       "timeout of %u ms: must be 1..3600000", ms);
	return 0;
}

int nvt_ctrl_set_timeout(struct nvt_ctrl *ctrl, unsigned ms)
{
	int ret = timeout_ioctl(ctrl, 0, NVT_TIMEOUT_ALL_OPCODES, ms);

	return ret ? ret : timeout_ioctl(ctrl, NVT_TIMEOUT_IO,
					 NVT_TIMEOUT_ALL_OPCODES, ms);
}

int nvt_ctrl_set_timeout_ms(struct nvt_ctrl *ctrl, uint8_t opcode, bool io,
			    unsigned ms)
{
	return timeout_ioctl(ctrl, io ? NVT_TIMEOUT_IO : 0, opcode, ms);
}

int nvt_ctrl_restore_timeouts(struct nvt_ctrl *ctrl)
{
	int ret = timeout_ioctl(ctrl, NVT_TIMEOUT_RESTORE,
				NVT_TIMEOUT_ALL_OPCODES, 0);

	return ret ? ret : timeout_ioctl(ctrl, NVT_TIMEOUT_RESTORE | NVT_TIMEOUT_IO,
					 NVT_TIMEOUT_ALL_OPCODES, 0);
}

/* ---- init ---- */

int nvt_ctrl_init_adminq(struct nvt_ctrl *ctrl, unsigned depth,
			 bool lazy_doorbell)
{
	struct nvt_adminq aq = {
		.argsz = sizeof(aq),
		.flags = lazy_doorbell ? NVT_Q_LAZY_DOORBELL : 0,
		.sq_depth = depth ? depth : ADMIN_DEPTH_DEFAULT,
		.cq_depth = depth ? depth : ADMIN_DEPTH_DEFAULT,
	};
	int ret;

	if (aq.sq_depth < 2 || aq.sq_depth > 4096)
		return nvt_err(ctrl->err, EINVAL,
			       "admin queue depth %u: must be 2..4096", depth);
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_ADMINQ_SETUP, &aq);
	if (ret == -EBUSY)
		return nvt_err(ctrl->err, EBUSY,
			       "init_adminq: the controller is enabled (clear CC.EN and wait for CSTS.RDY=0 first)");
	if (ret)
		return nvt_err(ctrl->err, -ret, "init_adminq: %s", strerror(-ret));
	/* the old queue and whatever it held are gone, I/O queues too */
	pending_clear(ctrl);
	ctrl->generation++;
	return 0;
}

int nvt_ctrl_init_ns(struct nvt_ctrl *ctrl)
{
	struct nvt_buf *buf;
	unsigned i;
	int ret;

	ret = nvt_buf_alloc(ctrl->pcie, 4096, &buf);
	if (ret)
		return nvt_err(ctrl->err, -ret, "%s", nvt_pcie_error(ctrl->pcie));
	ret = nvt_ctrl_identify(ctrl, buf, 0, 1, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret && ctrl->latest_status)
		ret = nvt_err(ctrl->err, EIO, "Identify Controller failed: %02x/%02x",
			      ctrl->latest_status >> 8, ctrl->latest_status & 0xff);
	if (ret)
		goto out;
	memcpy(ctrl->id_ctrl, nvt_buf_data(buf), 4096);
	ctrl->id_valid = true;

	/* the active namespace list, 1024 ids per page */
	memset(nvt_buf_data(buf), 0, 4096);
	ret = nvt_ctrl_identify(ctrl, buf, 0, 2, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret)
		goto out;
	ctrl->ns_count = 0;
	if (ctrl->latest_status)
		goto out;	/* pre-1.1 devices: no list, nothing to add */
	for (i = 0; i < NVT_CTRL_MAX_NS; i++) {
		uint64_t id;

		nvt_buf_get_int(buf, i * 4, i * 4 + 3, &id);
		if (!id)
			break;
		ctrl->ns_ids[ctrl->ns_count++] = (uint32_t)id;
	}
out:
	nvt_buf_free(buf);
	return ret;
}

int nvt_ctrl_init_standard(struct nvt_ctrl *ctrl, void *arg)
{
	uint32_t sqe[16] = { 0 }, cc = CC_STANDARD;
	unsigned aerl, i;
	uint64_t cap;
	int ret;

	(void)arg;
	/* zoned and other command sets need CC.CSS = 110b to be usable */
	ret = nvt_ctrl_reg_read64(ctrl, REG_CAP, &cap);
	if (!ret && (cap & CAP_CSS_IOCS))
		cc |= CC_CSS_ALL;
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, REG_CC, 0);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, false);
	if (!ret)
		ret = nvt_ctrl_init_adminq(ctrl, 0, false);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, REG_CC, cc);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, REG_CC, cc | CC_EN);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, true);
	if (!ret)
		ret = nvt_ctrl_init_ns(ctrl);
	if (ret)
		return ret;

	/* number of queues: ask for the most, read back what was granted */
	sqe[0] = OPC_SET_FEAT;
	sqe[10] = 0x07;
	sqe[11] = 0xfffefffe;
	ret = run(ctrl, sqe, NULL, NULL);
	if (ret)
		return ret;
	sqe[0] = OPC_GET_FEAT;
	sqe[11] = 0;
	ret = run(ctrl, sqe, NULL, NULL);
	if (ret)
		return ret;

	aerl = ctrl->id_ctrl[259] + 1u;
	memset(sqe, 0, sizeof(sqe));
	sqe[0] = OPC_AER;
	for (i = 0; i < aerl; i++) {
		ret = nvt_ctrl_send_cmd(ctrl, sqe, NULL, NULL, NULL);
		if (ret)
			return ret;
	}
	return 0;
}

static int run_init(struct nvt_ctrl *ctrl)
{
	int ret;

	ctrl->err[0] = '\0';
	ret = ctrl->init(ctrl, ctrl->init_arg);
	if (ret && !ctrl->err[0])
		nvt_err(ctrl->err, -ret, "the init function failed: %s",
			strerror(-ret));
	if (ret > 0)
		ret = nvt_err(ctrl->err, EIO, "the init function returned %d",
			      ret);
	return ret;
}

int nvt_ctrl_open(struct nvt_pcie *pcie, const struct nvt_ctrl_opts *opts,
		  struct nvt_ctrl **out, char *errbuf, size_t errlen)
{
	struct nvt_ctrl *ctrl;
	int ret;

	if (!out || !pcie)
		return nvt_errn(errbuf, errlen, EINVAL,
				"nvt_ctrl_open: no device or no result pointer");
	*out = NULL;
	ctrl = calloc(1, sizeof(*ctrl));
	if (!ctrl)
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	if (nvt_pending_init(&ctrl->pending, 4096)) {
		free(ctrl);
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	}
	ctrl->pcie = pcie;
	ctrl->fd = nvt_pcie_fd(pcie);
	nvt_ctrl_set_init(ctrl, opts ? opts->init : NULL,
			  opts ? opts->init_arg : NULL);
	nvt_ctrl_set_warn(ctrl, opts ? opts->warn : NULL,
			  opts ? opts->warn_arg : NULL);

	ret = run_init(ctrl);
	if (ret) {
		nvt_errn(errbuf, errlen, -ret, "%s: controller init: %s",
			 nvt_pcie_bdf(pcie), ctrl->err);
		nvt_ctrl_close(ctrl);
		return ret;
	}
	*out = ctrl;
	return 0;
}

void nvt_ctrl_close(struct nvt_ctrl *ctrl)
{
	if (!ctrl)
		return;
	nvt_pending_free(&ctrl->pending);
	free(ctrl);
}

void nvt_ctrl_lost_power(struct nvt_ctrl *ctrl)
{
	pending_clear(ctrl);
	ctrl->generation++;	/* its qpairs are gone */
	ctrl->id_valid = false;
}

/* Completions of everything outstanding arrive as aborted: hand them out. */
static void drain_aborted(struct nvt_ctrl *ctrl)
{
	unsigned ignored = 0, rounds;

	for (rounds = 0; ctrl->outstanding && rounds < 64; rounds++)
		if (reap_some(ctrl, 0, 32, 0, &ignored))
			break;
	pending_clear(ctrl);
}

int nvt_ctrl_reset(struct nvt_ctrl *ctrl)
{
	int ret;

	ret = nvt_ctrl_reg_write32(ctrl, REG_CC, 0);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, false);
	if (ret)
		return ret;
	drain_aborted(ctrl);
	ret = nvt_ctrl_restore_timeouts(ctrl);
	if (ret)
		return ret;
	ctrl->id_valid = false;
	return run_init(ctrl);
}

/* ---- identify data ---- */

static int id_check(struct nvt_ctrl *ctrl, unsigned last, unsigned first)
{
	if (!ctrl->id_valid)
		return nvt_err(ctrl->err, ENODATA,
			       "no identify data: the init function did not run init_ns");
	if (first > last || last > 4095)
		return nvt_err(ctrl->err, EINVAL,
			       "identify bytes %u..%u: want first <= last <= 4095",
			       first, last);
	return 0;
}

int nvt_ctrl_id_data(struct nvt_ctrl *ctrl, unsigned last, unsigned first,
		     uint64_t *value)
{
	uint64_t v = 0;
	unsigned i;
	int ret = id_check(ctrl, last, first);

	if (ret)
		return ret;
	if (last - first >= 8)
		return nvt_err(ctrl->err, EINVAL,
			       "identify bytes %u..%u: wider than 8 bytes, read it as a string",
			       first, last);
	for (i = last + 1; i-- > first;)
		v = v << 8 | ctrl->id_ctrl[i];
	*value = v;
	return 0;
}

int nvt_ctrl_id_str(struct nvt_ctrl *ctrl, unsigned last, unsigned first,
		    char *out, size_t outlen)
{
	size_t n;
	int ret = id_check(ctrl, last, first);

	if (ret)
		return ret;
	if (!out || !outlen)
		return nvt_err(ctrl->err, EINVAL, "no room for the string");
	n = last - first + 1;
	if (n > outlen - 1)
		n = outlen - 1;
	memcpy(out, ctrl->id_ctrl + first, n);
	out[n] = '\0';
	n = strlen(out);
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
	return 0;
}

int nvt_ctrl_id_field(struct nvt_ctrl *ctrl, const char *name, uint64_t *value)
{
	const struct nvt_id_field *f;
	size_t count;

	nvt_id_ctrl_fields(&count);
	f = nvt_id_field_find(nvt_id_ctrl_fields(&count), count, name);
	if (!f)
		return nvt_err(ctrl->err, ENOENT,
			       "'%s' is not an Identify Controller field", name ? name : "");
	if (f->is_string || f->last - f->first >= 8)
		return nvt_err(ctrl->err, EINVAL,
			       "'%s' is a %s field: read it with nvt_ctrl_id_str(%u, %u)",
			       name, f->is_string ? "string" : "wide",
			       f->last, f->first);
	return nvt_ctrl_id_data(ctrl, f->last, f->first, value);
}

const uint8_t *nvt_ctrl_id_raw(const struct nvt_ctrl *ctrl)
{
	return ctrl->id_valid ? ctrl->id_ctrl : NULL;
}

uint64_t nvt_ctrl_mdts(struct nvt_ctrl *ctrl)
{
	uint64_t cap = 0;
	unsigned mdts;

	if (!ctrl->id_valid || nvt_ctrl_reg_read64(ctrl, REG_CAP, &cap))
		return 0;
	mdts = ctrl->id_ctrl[77];
	if (!mdts)
		return 0;
	/* in units of the minimum memory page size, CAP.MPSMIN */
	return (4096ull << ((cap >> 48) & 0xf)) << mdts;
}

unsigned nvt_ctrl_ns_count(const struct nvt_ctrl *ctrl)
{
	return ctrl->ns_count;
}

uint32_t nvt_ctrl_ns_id(const struct nvt_ctrl *ctrl, unsigned index)
{
	return index < ctrl->ns_count ? ctrl->ns_ids[index] : 0;
}

/* ---- command log ---- */

static int by_time_desc(const void *a, const void *b)
{
	const struct nvt_log_entry *x = a, *y = b;

	return x->submit_ns < y->submit_ns ? 1 :
	       x->submit_ns > y->submit_ns ? -1 : 0;
}

/* Every queue's log (admin and up to the highest I/O qid), newest first. */
static int cmdlog_merged(struct nvt_ctrl *ctrl, unsigned count, FILE *out)
{
	struct nvt_log_entry *all = NULL, *grown;
	size_t n = 0, i;
	unsigned qid;
	int ret;

	for (qid = 0; qid <= NVT_CTRL_MAX_IOQ; qid++) {
		struct nvt_cmdlog cl = {
			.argsz = sizeof(cl), .qid = qid, .max = count,
			.entry_size = sizeof(*all),
		};

		grown = realloc(all, (n + count) * sizeof(*all));
		if (!grown) {
			free(all);
			return nvt_err(ctrl->err, ENOMEM, "out of memory");
		}
		all = grown;
		cl.entries = (uintptr_t)(all + n);
		ret = nvt_ioctl(ctrl->fd, NVT_IOC_CMDLOG, &cl);
		if (ret == -ENOENT)
			continue;
		if (ret) {
			free(all);
			return nvt_err(ctrl->err, -ret, "cmdlog of queue %u: %s",
				       qid, strerror(-ret));
		}
		n += cl.count;
	}
	qsort(all, n, sizeof(*all), by_time_desc);
	if (n > count)
		n = count;
	for (i = 0; i < n; i++)
		nvt_cmdlog_format(&all[i], i, out);
	free(all);
	return (int)n;
}

int nvt_ctrl_cmdlog(struct nvt_ctrl *ctrl, unsigned qid, unsigned count,
		    FILE *out)
{
	struct nvt_log_entry *e;
	struct nvt_cmdlog cl = {
		.argsz = sizeof(cl), .qid = qid, .max = count,
		.entry_size = sizeof(*e),
	};
	unsigned i;
	int ret;

	if (!count || count > 65536)
		return nvt_err(ctrl->err, EINVAL,
			       "cmdlog: count %u must be 1..65536", count);
	if (qid == NVT_CMDLOG_ALL_QUEUES)
		return cmdlog_merged(ctrl, count, out);
	e = calloc(count, sizeof(*e));
	if (!e)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	cl.entries = (uintptr_t)e;
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_CMDLOG, &cl);
	if (ret) {
		free(e);
		return nvt_err(ctrl->err, -ret, "cmdlog of queue %u: %s", qid,
			       ret == -ENOENT ? "no such queue" : strerror(-ret));
	}
	for (i = 0; i < cl.count; i++)
		nvt_cmdlog_format(&e[i], i, out);
	free(e);
	return (int)cl.count;
}

int nvt_ctrl_shadow_doorbells(struct nvt_ctrl *ctrl)
{
	struct nvt_dbbuf db = { .argsz = sizeof(db) };
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_DBBUF, &db);

	if (ret == -EREMOTEIO)
		return nvt_err(ctrl->err, EREMOTEIO,
			       "Doorbell Buffer Config: %02x/%02x %s",
			       db.status >> 8, db.status & 0xff,
			       nvt_status_name(db.status));
	if (ret)
		return nvt_err(ctrl->err, -ret, "shadow doorbells: %s",
			       ret == -EBUSY ? "I/O queues exist already" :
			       ret == -EIO ? "the controller is not enabled" :
			       strerror(-ret));
	return 0;
}
