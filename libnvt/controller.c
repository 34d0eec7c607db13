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
#include "pcie_internal.h"

#define ADMIN_DEPTH_DEFAULT	128
#define REAP_SLICE_MS		1000

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

	ret = nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap);
	if (ret)
		return ret;
	/* CAP.TO in 500 ms units, plus a little for the host side */
	deadline = nvt_now_ns() + (NVT_CAP_TO_MS(cap) + 500) * 1000000ull;
	for (;;) {
		ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CSTS, &csts);
		if (ret)
			return ret;
		if (csts == 0xffffffff)
			return nvt_err(ctrl->err, ENODEV,
				       "CSTS reads all ones: the device is gone");
		if (!!(csts & NVT_CSTS_RDY) == ready)
			return 0;
		if (ready && (csts & NVT_CSTS_CFS))
			return nvt_err(ctrl->err, EPROTO,
				       "controller fatal status (CSTS 0x%08x) while enabling",
				       csts);
		if (nvt_now_ns() > deadline)
			return nvt_err(ctrl->err, ETIMEDOUT,
				       "CSTS.RDY did not become %d within CAP.TO (%llu ms; CSTS 0x%08x)",
				       ready, (unsigned long long)NVT_CAP_TO_MS(cap),
				       csts);
		nvt_sleep_ms(1);
	}
}

/* ---- the admin queue, through the one command path (cmdq.c) ---- */

int nvt_ctrl_send(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		  const struct nvt_data *data, nvt_cpl_fn cb, void *arg)
{
	return nvt_cmdq_send(&ctrl->adminq, sqe, data, 0, cb, arg);
}

int nvt_ctrl_send_cid(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		      const struct nvt_data *data, uint32_t flags,
		      nvt_cpl_fn cb, void *arg)
{
	return nvt_cmdq_send(&ctrl->adminq, sqe, data, flags, cb, arg);
}

int nvt_ctrl_send_cmd(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		      struct nvt_buf *buf, nvt_cpl_fn cb, void *arg)
{
	struct nvt_data data = { .buf = buf };

	return nvt_cmdq_send(&ctrl->adminq, sqe, buf ? &data : NULL, 0, cb,
			     arg);
}

int nvt_ctrl_waitdone(struct nvt_ctrl *ctrl, unsigned count, uint32_t *dw0)
{
	return nvt_cmdq_waitdone(&ctrl->adminq, count, 0, dw0);
}

int nvt_ctrl_waitdone_irq(struct nvt_ctrl *ctrl, unsigned count,
			  unsigned timeout_ms, uint32_t *dw0)
{
	struct nvt_cmdq *q = &ctrl->adminq;
	int ret = nvt_cmdq_flush(q);

	if (ret)
		return ret;
	if (count > q->outstanding)
		return nvt_err(ctrl->err, EINVAL,
			       "waitdone(%u): only %u commands are outstanding",
			       count, q->outstanding);
	if (!timeout_ms)
		timeout_ms = NVT_TIMEOUT_DEFAULT_MS;
	ret = nvt_pcie_irq_wait(ctrl->pcie, 0, timeout_ms, NULL);
	if (ret == -ETIMEDOUT)
		return nvt_err(ctrl->err, ETIMEDOUT,
			       "waitdone(%u): no interrupt on vector 0 (the admin queue's) within %u ms",
			       count, timeout_ms);
	if (!ret)
		ret = nvt_pcie_irq_clear(ctrl->pcie, 0);
	if (ret)
		return nvt_err_pass(ctrl->err, ret, nvt_pcie_error(ctrl->pcie));
	return nvt_cmdq_waitdone(q, count, timeout_ms, dw0);
}

int nvt_ctrl_wait_aer(struct nvt_ctrl *ctrl, unsigned seen,
		      unsigned timeout_ms, uint32_t *dw0)
{
	uint64_t deadline = nvt_now_ns() + (uint64_t)timeout_ms * 1000000;
	struct nvt_cmdq *q = &ctrl->adminq;
	unsigned done = 0;
	int ret;

	while (q->aer_count <= seen) {
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
		ret = nvt_cmdq_reap(q, 1, 32, slice, &done);
		if (ret)
			return ret;
	}
	if (dw0)
		*dw0 = q->aer_last_dw0;
	return 0;
}

unsigned nvt_ctrl_outstanding(const struct nvt_ctrl *ctrl)
{
	return ctrl->adminq.outstanding;
}

uint16_t nvt_ctrl_latest_cid(const struct nvt_ctrl *ctrl)
{
	return ctrl->adminq.latest.cid;
}

uint32_t nvt_ctrl_latest_latency(const struct nvt_ctrl *ctrl)
{
	return ctrl->adminq.latest.latency_us;
}

uint16_t nvt_ctrl_latest_status(const struct nvt_ctrl *ctrl)
{
	return ctrl->adminq.latest.status;
}

uint32_t nvt_ctrl_latest_flags(const struct nvt_ctrl *ctrl)
{
	return ctrl->adminq.latest.flags;
}

unsigned nvt_ctrl_aer_count(const struct nvt_ctrl *ctrl, uint32_t *last_dw0)
{
	if (last_dw0)
		*last_dw0 = ctrl->adminq.aer_last_dw0;
	return ctrl->adminq.aer_count;
}

int nvt_ctrl_run(struct nvt_ctrl *ctrl, const uint32_t sqe[16],
		 struct nvt_buf *buf, uint32_t *dw0)
{
	int ret = nvt_ctrl_send_cmd(ctrl, sqe, buf, NULL, NULL);
	uint16_t status;

	if (ret)
		return ret;
	ret = nvt_ctrl_waitdone(ctrl, 1, dw0);
	if (ret)
		return ret;
	status = ctrl->adminq.latest.status;
	if (status)
		return nvt_status_err(ctrl->err, status,
				      nvt_admin_opcode_name(sqe[0] & 0xff));
	return 0;
}

/* ---- admin commands ---- */

int nvt_ctrl_identify(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
		      uint32_t nsid, uint8_t cns, uint16_t cntid, uint8_t csi,
		      nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_IDENTIFY, nsid };

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
	uint32_t sqe[16] = { NVT_ADMIN_GET_FEATURES, nsid };

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
	uint32_t sqe[16] = { NVT_ADMIN_SET_FEATURES, nsid };

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
	uint32_t sqe[16] = { NVT_ADMIN_GET_LOG_PAGE, nsid };
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

int nvt_ctrl_set_timeout_all(struct nvt_ctrl *ctrl, unsigned ms)
{
	int ret = timeout_ioctl(ctrl, 0, NVT_TIMEOUT_ALL_OPCODES, ms);

	return ret ? ret : timeout_ioctl(ctrl, NVT_TIMEOUT_IO,
					 NVT_TIMEOUT_ALL_OPCODES, ms);
}

int nvt_ctrl_set_opcode_timeout(struct nvt_ctrl *ctrl, uint8_t opcode,
				bool io, unsigned ms)
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
	nvt_cmdq_forget(&ctrl->adminq);
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
	ret = nvt_ctrl_identify(ctrl, buf, 0, NVT_CNS_CTRL, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret && ctrl->adminq.latest.status)
		ret = nvt_status_err(ctrl->err, ctrl->adminq.latest.status,
				     "Identify Controller");
	if (ret)
		goto out;
	memcpy(ctrl->id_ctrl, nvt_buf_data(buf), 4096);
	ctrl->id_valid = true;

	/* the active namespace list, 1024 ids per page */
	memset(nvt_buf_data(buf), 0, 4096);
	ret = nvt_ctrl_identify(ctrl, buf, 0, NVT_CNS_NS_ACTIVE_LIST, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret)
		goto out;
	ctrl->ns_count = 0;
	if (ctrl->adminq.latest.status)
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

#define IO(f)	NVT_FIELD_END(struct nvt_init_opts, f)
static const size_t init_opts_ends[] = {
	IO(size), IO(admin_depth), IO(lazy_doorbell), IO(ams), IO(aers),
};

void nvt_init_opts_init(struct nvt_init_opts *o, size_t size)
{
	static const struct nvt_init_opts defaults = {
		.size = sizeof(defaults), .aers = -1,
	};

	nvt_opts_init(o, size, &defaults, sizeof(defaults));
}

int nvt_ctrl_init_standard(struct nvt_ctrl *ctrl, void *arg)
{
	struct nvt_init_opts o;
	uint32_t sqe[16] = { 0 }, cc = NVT_CC_ENTRY_SIZES;
	unsigned aers, i;
	uint64_t cap;
	int ret;

	nvt_init_opts_init(&o, sizeof(o));
	if (arg) {
		const struct nvt_init_opts *given = arg;

		ret = nvt_opts_take(&o, given, given->size, init_opts_ends,
				    sizeof(init_opts_ends) / sizeof(init_opts_ends[0]),
				    ctrl->err, sizeof(ctrl->err), "nvt_init_opts");
		if (ret)
			return ret;
	}
	if (o.ams > 7 || o.aers < -1 || o.aers > 256)
		return nvt_err(ctrl->err, EINVAL,
			       "init: ams %u (0..7) or aers %d (-1..256) out of range",
			       o.ams, o.aers);
	cc |= o.ams << NVT_CC_AMS_SHIFT;
	/* zoned and other command sets need CC.CSS = 110b to be usable */
	ret = nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap);
	if (!ret && (NVT_CAP_CSS(cap) & NVT_CAP_CSS_IOCS))
		cc |= NVT_CC_CSS_IOCS;
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, 0);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, false);
	if (!ret)
		ret = nvt_ctrl_init_adminq(ctrl, o.admin_depth, o.lazy_doorbell);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, cc);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, cc | NVT_CC_EN);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, true);
	if (!ret)
		ret = nvt_ctrl_init_ns(ctrl);
	if (ret)
		return ret;

	/* number of queues: ask for the most, read back what was granted */
	sqe[0] = NVT_ADMIN_SET_FEATURES;
	sqe[10] = NVT_FEAT_NUM_QUEUES;
	sqe[11] = 0xfffefffe;
	ret = nvt_ctrl_run(ctrl, sqe, NULL, NULL);
	if (ret)
		return ret;
	sqe[0] = NVT_ADMIN_GET_FEATURES;
	sqe[11] = 0;
	ret = nvt_ctrl_run(ctrl, sqe, NULL, NULL);
	if (ret)
		return ret;

	aers = o.aers < 0 ? ctrl->id_ctrl[NVT_IDC_AERL] + 1u : (unsigned)o.aers;
	memset(sqe, 0, sizeof(sqe));
	sqe[0] = NVT_ADMIN_ASYNC_EVENT;
	for (i = 0; i < aers; i++) {
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
	/* > 0: a command of it completed with that status */
	if (ret > 0 && !ctrl->err[0])
		nvt_status_err(ctrl->err, ret, "the init function");
	else if (ret < 0 && !ctrl->err[0])
		nvt_err(ctrl->err, -ret, "the init function failed: %s",
			strerror(-ret));
	return ret;
}

#define CO(f)	NVT_FIELD_END(struct nvt_ctrl_opts, f)
static const size_t ctrl_opts_ends[] = {
	CO(size), CO(init), CO(init_arg), CO(warn), CO(warn_arg),
};

void nvt_ctrl_opts_init(struct nvt_ctrl_opts *o, size_t size)
{
	static const struct nvt_ctrl_opts defaults = { .size = sizeof(defaults) };

	nvt_opts_init(o, size, &defaults, sizeof(defaults));
}

int nvt_ctrl_open(struct nvt_pcie *pcie, const struct nvt_ctrl_opts *given,
		  struct nvt_ctrl **out, char *errbuf, size_t errlen)
{
	struct nvt_ctrl_opts o = { .size = sizeof(o) }, *opts = NULL;
	struct nvt_ctrl *ctrl;
	int ret;

	if (!out || !pcie)
		return nvt_errn(errbuf, errlen, EINVAL,
				"nvt_ctrl_open: no device or no result pointer");
	*out = NULL;
	if (given) {
		ret = nvt_opts_take(&o, given, given->size, ctrl_opts_ends,
				    sizeof(ctrl_opts_ends) / sizeof(ctrl_opts_ends[0]),
				    errbuf, errlen, "nvt_ctrl_opts");
		if (ret)
			return ret;
		opts = &o;
	}
	ctrl = calloc(1, sizeof(*ctrl));
	if (!ctrl)
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	if (nvt_cmdq_init(&ctrl->adminq, ctrl, ctrl->err, NVT_ADMIN_QID, 0,
			  4096, false)) {
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
	nvt_cmdq_fini(&ctrl->adminq);
	free(ctrl);
}

void nvt_ctrl_lost_power(struct nvt_ctrl *ctrl)
{
	nvt_cmdq_forget(&ctrl->adminq);
	ctrl->generation++;	/* its qpairs are gone */
	ctrl->id_valid = false;
}

/* Completions of everything outstanding arrive as aborted: hand them out. */
static void drain_aborted(struct nvt_ctrl *ctrl)
{
	unsigned ignored = 0, rounds;

	for (rounds = 0; ctrl->adminq.outstanding && rounds < 64; rounds++)
		if (nvt_cmdq_reap(&ctrl->adminq, 0, 32, 0, &ignored))
			break;
	nvt_cmdq_forget(&ctrl->adminq);
}

int nvt_ctrl_reset(struct nvt_ctrl *ctrl)
{
	int ret;

	ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, 0);
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
	int ret = id_check(ctrl, last, first);

	if (ret)
		return ret;
	if (last - first >= 8)
		return nvt_err(ctrl->err, EINVAL,
			       "identify bytes %u..%u: wider than 8 bytes, read it as a string",
			       first, last);
	*value = nvt_le_get(ctrl->id_ctrl + first, last - first + 1);
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

	if (!ctrl->id_valid || nvt_ctrl_reg_read64(ctrl, NVT_REG_CAP, &cap))
		return 0;
	mdts = ctrl->id_ctrl[NVT_IDC_MDTS];
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

/* The logs of every queue nvt.ko has now, merged, newest first. */
static int cmdlog_merged(struct nvt_ctrl *ctrl, unsigned count, FILE *out)
{
	struct nvt_log_entry *all;
	uint16_t *qids;
	unsigned nq, q;
	size_t n = 0, i;
	int ret;

	qids = calloc(NVT_CTRL_MAX_IOQ + 1, sizeof(*qids));
	if (!qids)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	ret = nvt_pcie_sq_ids(ctrl->pcie, qids, NVT_CTRL_MAX_IOQ + 1, &nq);
	if (ret) {
		free(qids);
		return nvt_err(ctrl->err, -ret, "cmdlog: the queues: %s",
			       nvt_pcie_error(ctrl->pcie));
	}
	all = calloc((size_t)nq * count + 1, sizeof(*all));
	if (!all) {
		free(qids);
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	}
	for (q = 0; q < nq; q++) {
		struct nvt_cmdlog cl = {
			.argsz = sizeof(cl), .qid = qids[q], .max = count,
			.entry_size = sizeof(*all), .entries = (uintptr_t)(all + n),
		};

		ret = nvt_ioctl(ctrl->fd, NVT_IOC_CMDLOG, &cl);
		if (ret == -ENOENT)	/* deleted since the listing */
			continue;
		if (ret) {
			ret = nvt_err(ctrl->err, -ret, "cmdlog of queue %u: %s",
				      qids[q], strerror(-ret));
			free(all);
			free(qids);
			return ret;
		}
		n += cl.count;
	}
	free(qids);
	qsort(all, n, sizeof(*all), by_time_desc);
	if (n > count)
		n = count;
	for (i = 0; i < n; i++)
		nvt_cmdlog_format(&all[i], i, out);
	free(all);
	return (int)n;
}

int nvt_cmdlog_queue(struct nvt_ctrl *ctrl, unsigned qid, unsigned count,
		     FILE *out, char *err)
{
	struct nvt_log_entry *e;
	struct nvt_cmdlog cl = {
		.argsz = sizeof(cl), .qid = qid, .max = count,
		.entry_size = sizeof(*e),
	};
	unsigned i;
	int ret;

	if (!count || count > 65536)
		return nvt_err(err, EINVAL,
			       "cmdlog: count %u must be 1..65536", count);
	e = calloc(count, sizeof(*e));
	if (!e)
		return nvt_err(err, ENOMEM, "out of memory");
	cl.entries = (uintptr_t)e;
	ret = nvt_ioctl(ctrl->fd, NVT_IOC_CMDLOG, &cl);
	if (ret) {
		free(e);
		return nvt_err(err, -ret, "cmdlog of queue %u: %s", qid,
			       ret == -ENOENT ? "no such queue" : strerror(-ret));
	}
	for (i = 0; i < cl.count; i++)
		nvt_cmdlog_format(&e[i], i, out);
	free(e);
	return (int)cl.count;
}

int nvt_ctrl_cmdlog(struct nvt_ctrl *ctrl, unsigned qid, unsigned count,
		    FILE *out)
{
	if (qid == NVT_CMDLOG_ALL_QUEUES && count && count <= 65536)
		return cmdlog_merged(ctrl, count, out);
	return nvt_cmdlog_queue(ctrl, qid, count, out, ctrl->err);
}

int nvt_ctrl_shadow_doorbells(struct nvt_ctrl *ctrl)
{
	struct nvt_dbbuf db = { .argsz = sizeof(db) };
	int ret = nvt_ioctl(ctrl->fd, NVT_IOC_DBBUF, &db);

	if (ret == -EREMOTEIO)
		return nvt_status_err(ctrl->err, db.status,
				      "Doorbell Buffer Config");
	if (ret)
		return nvt_err(ctrl->err, -ret, "shadow doorbells: %s",
			       ret == -EBUSY ? "I/O queues exist already" :
			       ret == -ENOTCONN ? "the controller is not enabled" :
			       strerror(-ret));
	return 0;
}
