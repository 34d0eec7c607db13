// SPDX-License-Identifier: MIT
/*
 * Steps on I/O queues and namespaces: qpair create/delete, every NVM and
 * zoned command, a generic I/O command, and Format NVM.
 *
 * An I/O step uses the qpair named by `qpair` (default "qpair", created
 * with depth 64 in the test when it does not exist) and the namespace under
 * test (or `nsid`).  Data goes from/to buffer `buf` (default "data", made
 * as large as the transfer when missing); a namespace with separate
 * metadata uses buffer `meta` the same way.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "progress.h"
#include "scope.h"
#include "fault.h"
#include "run.h"
#include "steps.h"

#define QPAIR_DEFAULT	"qpair"
#define QPAIR_DEPTH	64

static int get_qpair(struct step *st, struct nvt_ctrl *ctrl,
		     struct nvt_qpair **out)
{
	struct nvt_qpair_opts o;
	char name[64];
	int ret;

	ret = arg_str(st, "qpair", QPAIR_DEFAULT, name, sizeof(name));
	if (ret)
		return ret;
	*out = scope_qpair(st->x->scope, name);
	/* the default qpair follows the controller through resets */
	if (*out && (strcmp(name, QPAIR_DEFAULT) || !nvt_qpair_stale(*out)))
		return STEP_OK;
	if (strcmp(name, QPAIR_DEFAULT))
		return step_fail(st, STEP_FAIL,
				 "no qpair named '%s' (create it with the qpair step)",
				 name);
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = QPAIR_DEPTH;
	ret = nvt_qpair_create(ctrl, &o, out);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	if (scope_put_qpair(st->x->scope, name, *out)) {
		nvt_qpair_delete(*out);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	exec_log(st->x, "  qpair '%s' created: qid %u, depth %u", name,
		 nvt_qpair_id(*out), nvt_qpair_depth(*out));
	return STEP_OK;
}

/* The namespace of the step: the one under test, or `nsid`. */
static int get_ns(struct step *st, struct nvt_ctrl *ctrl, struct nvt_ns **out,
		  bool *own)
{
	uint32_t nsid;
	int ret;

	*own = false;
	if (arg_node(st, "nsid")) {
		ret = arg_u32(st, "nsid", 0, &nsid);
		if (ret)
			return ret;
		ret = nvt_ns_open(ctrl, nsid, out);
		if (ret)
			return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl),
						ret);
		*own = true;
		return STEP_OK;
	}
	*out = exec_ns(st->x);
	return *out ? STEP_OK : st->x->ns_outcome;
}

static void sync_cpl(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe,
		     void *arg)
{
	struct exec *x = arg;

	x->sync_done = true;
	x->sync_cqe = *cqe;
}

static void async_cpl(struct nvt_ctrl *ctrl, const struct nvt_completion *cqe,
		      void *arg)
{
	struct exec *x = arg;

	if (cqe->status && !x->async_status) {
		x->async_status = cqe->status;
		x->async_cid = cqe->cid;
	}
}

/* The callback of the step's command: async (waitdone reaps) or not. */
static int pick_cb(struct step *st, nvt_cpl_fn *cb, bool *async)
{
	int ret = arg_bool(st, "async", false, async);

	*cb = *async ? async_cpl : sync_cpl;
	st->x->sync_done = false;
	return ret;
}

/*
 * Wait for the command just queued and record its completion; an async
 * one is only queued (sent with the next waitdone or a full batch).
 * @why: the message of the object that sent it, when @sent failed.
 */
static int finish(struct step *st, struct nvt_qpair *q, int sent,
		  const char *why, bool async)
{
	struct nvt_ctrl *ctrl = nvt_qpair_ctrl(q);
	struct exec *x = st->x;
	int ret;

	if (sent)
		return step_call_failed(st, ctrl, why, sent);
	if (async) {
		ret = nvt_qpair_flush(q);
		if (ret)
			return step_call_failed(st, ctrl, nvt_qpair_error(q),
						ret);
		exec_log(x, "  sent, %u outstanding on qid %u",
			 nvt_qpair_outstanding(q), nvt_qpair_id(q));
		return STEP_OK;
	}
	/* async commands before it may complete first */
	while (!x->sync_done) {
		ret = nvt_qpair_waitdone(q, 1, 0, NULL);
		if (ret)
			return step_call_failed(st, ctrl, nvt_qpair_error(q),
						ret);
	}
	step_set_cmd(st, x->sync_cqe.status, x->sync_cqe.dw[0],
		     x->sync_cqe.cid, x->sync_cqe.latency_us);
	return STEP_OK;
}

/* The data description: pointer type, buffers (created when missing). */
static int get_data(struct step *st, struct nvt_data *d, size_t data_bytes,
		    size_t meta_bytes)
{
	bool sgl = false;
	int64_t block = 0, tmo = 0;
	int ret;

	memset(d, 0, sizeof(*d));
	ret = arg_bool(st, "sgl", false, &sgl);
	if (!ret)
		ret = arg_int(st, "sgl_block", 0, &block);
	if (!ret)
		ret = arg_int(st, "timeout", 0, &tmo);
	if (ret)
		return ret;
	if (block < 0 || block > UINT32_MAX || tmo < 0 || tmo > 3600000)
		return step_fail(st, STEP_FAIL,
				 "sgl_block is 0..4294967295 bytes, timeout 0..3600000 ms");
	d->dptr = sgl || block ? NVT_DPTR_SGL : NVT_DPTR_PRP;
	d->sgl_block = block;
	d->timeout_ms = tmo;
	if (data_bytes) {
		ret = arg_buf(st, "buf", "data", data_bytes, &d->buf);
		if (ret)
			return ret;
	}
	if (meta_bytes) {
		ret = arg_buf(st, "meta", "meta", meta_bytes, &d->meta);
		if (ret)
			return ret;
	}
	return STEP_OK;
}

/* What the step sends under --fault (fault.h), said in the test's log. */
static io_fn *faulted(struct step *st, io_fn *fn, struct nvt_io *io)
{
	enum io_fault fault = st->x->r->opts->fault;
	char what[96] = "";
	io_fn *sent = fault_io(fault, fn, io, what, sizeof(what));

	if (what[0])
		exec_log(st->x, "  fault %s: %s", fault_name(fault), what);
	return sent;
}

/* Read, write, compare, verify, write zeroes/uncorrectable, zone append. */
static int run_io(struct step *st, io_fn *fn, bool moves_data)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_qpair *q;
	struct nvt_ns *ns;
	struct nvt_io io = { .count = 1 };
	int64_t lba, count, flags;
	uint32_t c13, c14, c15;
	bool own, async;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = pick_cb(st, &io.cb, &async);
	io.arg = st->x;
	if (!ret)
		ret = arg_int(st, "lba", 0, &lba);
	if (!ret)
		ret = arg_int(st, "count", 1, &count);
	if (!ret)
		ret = arg_int(st, "flags", 0, &flags);
	if (!ret)
		ret = arg_u32(st, "cdw13", 0, &c13);
	if (!ret)
		ret = arg_u32(st, "cdw14", 0, &c14);
	if (!ret)
		ret = arg_u32(st, "cdw15", 0, &c15);
	if (ret)
		return ret;
	/* SLBA is 64 bits: ~0 (-1 here) is LBA FFFFFFFFFFFFFFFFh */
	if (count < 1 || count > 65536 || flags < 0 || flags > 0xffff)
		return step_fail(st, STEP_FAIL,
				 "count 1..65536, flags 0..0xffff");
	ret = get_ns(st, ctrl, &ns, &own);
	if (ret)
		return ret;
	ret = get_qpair(st, ctrl, &q);
	if (!ret)
		ret = get_data(st, &io.data,
			       moves_data ? nvt_ns_data_bytes(ns, count) : 0,
			       moves_data ? nvt_ns_meta_bytes(ns, count) : 0);
	if (!ret) {
		io.lba = (uint64_t)lba;
		io.count = count;
		io.flags = flags;
		io.cdw13 = c13;
		io.cdw14 = c14;
		io.cdw15 = c15;
		fn = faulted(st, fn, &io);
		ret = finish(st, q, fn(ns, q, &io), nvt_ns_error(ns), async);
	}
	if (own)
		nvt_ns_close(ns);
	return ret;
}

static int step_read(struct step *st)
{
	return run_io(st, nvt_ns_read, true);
}

static int step_write(struct step *st)
{
	return run_io(st, nvt_ns_write, true);
}

static int step_compare(struct step *st)
{
	return run_io(st, nvt_ns_compare, true);
}

static int step_verify(struct step *st)
{
	return run_io(st, nvt_ns_verify, false);
}

static int step_write_zeroes(struct step *st)
{
	return run_io(st, nvt_ns_write_zeroes, false);
}

static int step_write_uncor(struct step *st)
{
	return run_io(st, nvt_ns_write_uncor, false);
}

static int step_zone_append(struct step *st)
{
	/* dw0 (the value) is the low half of the LBA written */
	return run_io(st, nvt_ns_zone_append, true);
}

/* Flush, DSM, Copy, zone send/receive: a namespace and a qpair. */
struct io_ctx {
	struct nvt_ctrl *ctrl;
	struct nvt_qpair *q;
	struct nvt_ns *ns;
	bool own;
	bool async;
	nvt_cpl_fn cb;
};

/* @any_nsid: `nsid` is sent as given, not opened as a namespace */
static int io_begin(struct step *st, struct io_ctx *c, bool any_nsid)
{
	int ret;

	c->own = false;
	c->ctrl = exec_ctrl(st->x);
	if (!c->ctrl)
		return STEP_ERROR;
	ret = pick_cb(st, &c->cb, &c->async);
	if (ret)
		return ret;
	if (any_nsid) {
		c->ns = exec_ns(st->x);
		ret = c->ns ? STEP_OK : st->x->ns_outcome;
	} else {
		ret = get_ns(st, c->ctrl, &c->ns, &c->own);
	}
	if (!ret)
		ret = get_qpair(st, c->ctrl, &c->q);
	if (ret && c->own)
		nvt_ns_close(c->ns);
	return ret;
}

/* @sent: what the namespace's call returned */
static int io_end(struct step *st, struct io_ctx *c, int sent)
{
	int ret = finish(st, c->q, sent, nvt_ns_error(c->ns), c->async);

	if (c->own)
		nvt_ns_close(c->ns);
	return ret;
}

static int step_flush(struct step *st)
{
	struct io_ctx c;
	int ret = io_begin(st, &c, false);

	if (ret)
		return ret;
	return io_end(st, &c, nvt_ns_flush(c.ns, c.q, c.cb, st->x));
}

/* Ranges: a list of [lba, count] written into buffer `buf` first. */
static int put_ranges(struct step *st, struct io_ctx *c, size_t entry,
		      struct nvt_buf **buf, unsigned *nr)
{
	const struct node *ranges = arg_node(st, "ranges");
	size_t i;
	int ret;

	ret = arg_buf(st, "buf", "ranges", 4096, buf);
	if (ret)
		return ret;
	if (!ranges) {
		int64_t n;

		/* the buffer was filled by earlier steps */
		ret = arg_int(st, "nr", 1, &n);
		if (ret)
			return ret;
		if (n < 1 || n > 256)
			return step_fail(st, STEP_FAIL, "nr must be 1..256");
		*nr = n;
		return STEP_OK;
	}
	if (!ranges->n || ranges->n > 256)
		return step_fail(st, STEP_FAIL, "ranges: 1..256 of [lba, count]");
	for (i = 0; i < ranges->n; i++) {
		const struct node *r = ranges->items[i];
		int64_t v[2];
		size_t k;

		if (r->type != NODE_SEQ || r->n != 2)
			return step_fail(st, STEP_FAIL,
					 "ranges: item %zu must be [lba, count]", i);
		for (k = 0; k < 2; k++) {
			struct val val;

			if (exec_eval(st->x, r->items[k]->str, &val, NULL) ||
			    val.is_str || val.i < 0)
				return step_fail(st, STEP_FAIL,
						 "ranges: item %zu: '%s' is not a number",
						 i, r->items[k]->str);
			v[k] = val.i;
		}
		ret = entry == 16 ?
		      nvt_buf_set_dsm_range(*buf, i, v[0], v[1], 0) :
		      nvt_buf_set_copy_range(*buf, i, v[0], v[1]);
		if (ret)
			return step_fail(st, STEP_FAIL, "%s",
					 nvt_buf_error(*buf));
	}
	*nr = ranges->n;
	return STEP_OK;
}

static int step_dsm(struct step *st)
{
	struct nvt_buf *buf;
	struct io_ctx c;
	uint32_t attr;
	unsigned nr;
	int ret = io_begin(st, &c, false);

	if (ret)
		return ret;
	ret = arg_u32(st, "attr", 0x4, &attr);
	if (!ret)
		ret = put_ranges(st, &c, 16, &buf, &nr);
	if (ret) {
		if (c.own)
			nvt_ns_close(c.ns);
		return ret;
	}
	return io_end(st, &c, nvt_ns_dsm(c.ns, c.q, buf, nr, attr, c.cb, st->x));
}

static int step_copy(struct step *st)
{
	struct nvt_buf *buf;
	struct io_ctx c;
	int64_t sdlba;
	unsigned nr;
	int ret = io_begin(st, &c, false);

	if (ret)
		return ret;
	ret = arg_int(st, "sdlba", 0, &sdlba);
	if (!ret)
		ret = put_ranges(st, &c, 32, &buf, &nr);
	if (!ret && sdlba < 0)
		ret = step_fail(st, STEP_FAIL, "sdlba must be >= 0");
	if (ret) {
		if (c.own)
			nvt_ns_close(c.ns);
		return ret;
	}
	return io_end(st, &c, nvt_ns_copy(c.ns, c.q, buf, nr, sdlba, c.cb,
					  st->x));
}

static int step_zone_send(struct step *st)
{
	struct nvt_data d;
	struct io_ctx c;
	int64_t slba, action;
	bool all;
	int ret = io_begin(st, &c, false);

	if (ret)
		return ret;
	ret = arg_int(st, "slba", 0, &slba);
	if (!ret)
		ret = arg_int(st, "action", 0, &action);
	if (!ret)
		ret = arg_bool(st, "all", false, &all);
	if (!ret)
		ret = get_data(st, &d, 0, 0);
	if (!ret && arg_node(st, "buf"))
		ret = arg_buf(st, "buf", "data", 4096, &d.buf);
	if (!ret && (slba < 0 || action < 0 || action > 0xff))
		ret = step_fail(st, STEP_FAIL, "slba >= 0, action 0..255");
	if (ret) {
		if (c.own)
			nvt_ns_close(c.ns);
		return ret;
	}
	return io_end(st, &c, nvt_ns_zone_send(c.ns, c.q, slba, action, all,
					       &d, c.cb, st->x));
}

static int step_zone_recv(struct step *st)
{
	struct nvt_data d;
	struct io_ctx c;
	int64_t slba, action, afield, size;
	bool partial;
	int ret = io_begin(st, &c, false);

	if (ret)
		return ret;
	ret = arg_int(st, "slba", 0, &slba);
	if (!ret)
		ret = arg_int(st, "action", 0, &action);
	if (!ret)
		ret = arg_int(st, "afield", 0, &afield);
	if (!ret)
		ret = arg_bool(st, "partial", false, &partial);
	if (!ret)
		ret = arg_int(st, "size", 4096, &size);
	if (!ret && (slba < 0 || action < 0 || action > 0xff || afield < 0 ||
		     afield > 0xff || size < 4 || size % 4))
		ret = step_fail(st, STEP_FAIL,
				"slba >= 0, action and afield 0..255, size a multiple of 4");
	if (!ret)
		ret = get_data(st, &d, size, 0);
	if (ret) {
		if (c.own)
			nvt_ns_close(c.ns);
		return ret;
	}
	d.length = size;
	return io_end(st, &c, nvt_ns_zone_recv(c.ns, c.q, slba, action, afield,
					       partial, &d, c.cb, st->x));
}

/* Any I/O command, dword by dword. */
static int step_io(struct step *st)
{
	static const char *const cdw[] = {
		"cdw2", "cdw3", "cdw10", "cdw11", "cdw12", "cdw13", "cdw14",
		"cdw15",
	};
	static const unsigned at[] = { 2, 3, 10, 11, 12, 13, 14, 15 };
	uint32_t sqe[16] = { 0 }, opcode, flags, nsid;
	struct nvt_data d;
	struct io_ctx c;
	int64_t size;
	unsigned i;
	int ret = io_begin(st, &c, true);

	if (ret)
		return ret;
	ret = arg_u32(st, "opcode", 0, &opcode);
	if (!ret)
		ret = arg_u32(st, "flags", 0, &flags);
	if (!ret)
		ret = arg_int(st, "size", 0, &size);
	if (!ret)
		ret = arg_u32(st, "nsid", nvt_ns_id(c.ns), &nsid);
	for (i = 0; !ret && i < sizeof(at) / sizeof(at[0]); i++)
		ret = arg_u32(st, cdw[i], 0, &sqe[at[i]]);
	if (!ret && (opcode > 0xff || flags > 0xff || size < 0))
		ret = step_fail(st, STEP_FAIL,
				"opcode and flags are 8-bit, size >= 0");
	for (i = 0; !ret && i < 3; i++) {
		static const char *const raw[] = { "prp1", "prp2", "mptr" };
		static const unsigned raw_at[] = { 6, 8, 4 };
		int64_t v;

		/* raw pointers: the controller may DMA anywhere they say */
		ret = arg_int(st, raw[i], 0, &v);
		sqe[raw_at[i]] = (uint32_t)v;
		sqe[raw_at[i] + 1] = (uint32_t)((uint64_t)v >> 32);
	}
	if (!ret && size && (sqe[6] || sqe[7] || sqe[8] || sqe[9]))
		ret = step_fail(st, STEP_FAIL, "give either size (a buffer) or prp1/prp2");
	if (!ret)
		ret = get_data(st, &d, size, 0);
	if (ret) {
		if (c.own)
			nvt_ns_close(c.ns);
		return ret;
	}
	d.length = size;
	sqe[0] = opcode | flags << 8;
	sqe[1] = nsid;
	ret = finish(st, c.q, nvt_qpair_send(c.q, sqe, size ? &d : NULL, c.cb,
					     st->x),
		     nvt_qpair_error(c.q), c.async);
	if (c.own)
		nvt_ns_close(c.ns);
	return ret;
}

static int step_qpair(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_qpair_opts o;
	struct nvt_qpair *q;
	uint32_t depth, qid, prio, vector;
	bool irq, lazy, cmb;
	char name[64];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "name", QPAIR_DEFAULT, name, sizeof(name));
	if (!ret)
		ret = arg_u32(st, "depth", QPAIR_DEPTH, &depth);
	if (!ret)
		ret = arg_u32(st, "qid", 0, &qid);
	if (!ret)
		ret = arg_u32(st, "prio", 0, &prio);
	if (!ret)
		ret = arg_u32(st, "vector", 0, &vector);
	if (!ret)
		ret = arg_bool(st, "irq", true, &irq);
	if (!ret)
		ret = arg_bool(st, "lazy_doorbell", false, &lazy);
	if (!ret)
		ret = arg_bool(st, "cmb", false, &cmb);
	if (ret)
		return ret;
	if (!scope_name_ok(name))
		return step_fail(st, STEP_FAIL, "name: '%s' is not a valid name",
				 name);
	nvt_qpair_opts_init(&o, sizeof(o));
	o.depth = depth;
	o.qid = qid;
	o.prio = prio;
	o.vector = vector;
	o.no_irq = !irq;
	o.lazy_doorbell = lazy;
	o.sq_in_cmb = cmb;
	ret = nvt_qpair_create(ctrl, &o, &q);
	if (ret > 0) {
		/* the controller's answer is the step's status */
		step_set_cmd(st, o.status, 0, 0, 0);
		return STEP_OK;
	}
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	if (scope_put_qpair(st->x->scope, name, q)) {
		nvt_qpair_delete(q);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	exec_log(st->x, "  qpair '%s': qid %u, depth %u", name,
		 nvt_qpair_id(q), nvt_qpair_depth(q));
	step_set_cmd(st, 0, 0, 0, 0);
	step_set_value(st, nvt_qpair_id(q));
	return STEP_OK;
}

static int step_qpair_delete(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_qpair *q;
	char name[64];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "name", QPAIR_DEFAULT, name, sizeof(name));
	if (ret)
		return ret;
	q = scope_qpair(st->x->scope, name);
	if (!q)
		return step_fail(st, STEP_FAIL, "no qpair named '%s'", name);
	if (nvt_qpair_outstanding(q))
		return step_fail(st, STEP_FAIL,
				 "qpair '%s' has %u commands outstanding",
				 name, nvt_qpair_outstanding(q));
	scope_take_qpair(st->x->scope, name);
	ret = nvt_qpair_delete(q);
	if (ret < 0)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

void format_settings_of(const uint8_t *id_ns, struct format_settings *out)
{
	out->lbaf = NVT_FLBAS_INDEX(id_ns[NVT_IDNS_FLBAS]);
	out->mset = !!(id_ns[NVT_IDNS_FLBAS] & NVT_FLBAS_EXTENDED);
	out->pi = NVT_DPS_TYPE(id_ns[NVT_IDNS_DPS]);
	out->pil = !!(id_ns[NVT_IDNS_DPS] & NVT_DPS_FIRST_BYTES);
}

static int step_format(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct format_settings f;
	struct nvt_ns *ns;
	uint32_t ses, tmo;
	bool own;
	int ret, rc;

	if (!ctrl)
		return STEP_ERROR;
	ret = get_ns(st, ctrl, &ns, &own);
	if (ret)
		return ret;
	/* what is not given stays as the namespace has it */
	format_settings_of(nvt_ns_id_raw(ns), &f);
	ret = arg_u32(st, "lbaf", f.lbaf, &f.lbaf);
	if (!ret)
		ret = arg_u32(st, "ses", 0, &ses);
	if (!ret)
		ret = arg_u32(st, "pi", f.pi, &f.pi);
	if (!ret)
		ret = arg_bool(st, "pil", f.pil, &f.pil);
	if (!ret)
		ret = arg_bool(st, "mset", f.mset, &f.mset);
	if (!ret)
		ret = arg_u32(st, "timeout", 600000, &tmo);
	if (ret) {
		if (own)
			nvt_ns_close(ns);
		return ret;
	}
	progress_begin(st->x->r->progress, "format");
	tmo = exec_wait_ms(st->x, tmo);
	ret = nvt_ns_format(ns, f.lbaf, ses, f.pi, f.pil, f.mset, tmo);
	progress_end(st->x->r->progress);
	/* id_ns.* and ns.* read the new format from now on */
	st->x->r->have_id_ns = false;
	rc = STEP_OK;
	if (ret > 0)		/* Format NVM completed with this status */
		step_set_cmd(st, nvt_ctrl_latest_status(ctrl), 0,
			     nvt_ctrl_latest_cid(ctrl),
			     nvt_ctrl_latest_latency(ctrl));
	else if (ret)
		rc = step_call_failed(st, ctrl, nvt_ns_error(ns), ret);
	else
		step_set_cmd(st, 0, 0, nvt_ctrl_latest_cid(ctrl),
			     nvt_ctrl_latest_latency(ctrl));
	if (own)
		nvt_ns_close(ns);
	return rc;
}

/* Reap async commands; the status is the first error among them. */
static int step_waitdone(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_qpair *q;
	int64_t count, tmo;
	uint16_t status;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = get_qpair(st, ctrl, &q);
	if (!ret)
		ret = arg_int(st, "count", nvt_qpair_outstanding(q), &count);
	if (!ret)
		ret = arg_int(st, "timeout", 0, &tmo);
	if (ret)
		return ret;
	if (count < 0 || count > nvt_qpair_outstanding(q) || tmo < 0 ||
	    tmo > 3600000)
		return step_fail(st, STEP_FAIL,
				 "count 0..%u (outstanding), timeout 0..3600000 ms",
				 nvt_qpair_outstanding(q));
	/* 0 (until done) too ends at the time limit */
	ret = nvt_qpair_waitdone(q, count, exec_wait_ms(st->x, tmo), NULL);
	if (ret)
		return step_call_failed(st, ctrl, nvt_qpair_error(q), ret);
	status = st->x->async_status;
	step_set_cmd(st, status, 0, status ? st->x->async_cid : 0, 0);
	step_set_value(st, count);
	st->x->async_status = 0;
	return STEP_OK;
}

/* Data verification of the namespace: on/off, table to a file and back. */
static int step_datacheck(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct node *on = arg_node(st, "on");
	char save[256], load[256], path[4400];
	struct nvt_ns *ns;
	bool enable, stamp, own;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bool(st, "on", true, &enable);
	if (!ret)
		ret = arg_bool(st, "stamp", true, &stamp);
	if (!ret)
		ret = arg_str(st, "save", "", save, sizeof(save));
	if (!ret)
		ret = arg_str(st, "load", "", load, sizeof(load));
	if (ret)
		return ret;
	if (!on && !save[0] && !load[0])
		return step_fail(st, STEP_FAIL, "give on, save or load");
	if (strchr(save, '/') || strchr(load, '/'))
		return step_fail(st, STEP_FAIL,
				 "save and load name files in the test's results folder");
	if ((save[0] || load[0]) && !st->x->outdir)
		return step_fail(st, STEP_FAIL, "no results folder for files");
	ret = get_ns(st, ctrl, &ns, &own);
	if (ret)
		return ret;
	if (on)
		ret = enable ? nvt_ns_datacheck_enable(ns, stamp, 0) :
			       nvt_ns_datacheck_disable(ns);
	if (!ret && (save[0] || load[0]) && mkdir(st->x->outdir, 0755) &&
	    errno != EEXIST)
		ret = -errno;
	if (!ret && save[0]) {
		snprintf(path, sizeof(path), "%s/%s", st->x->outdir, save);
		ret = nvt_ns_datacheck_save(ns, path);
	}
	if (!ret && load[0]) {
		snprintf(path, sizeof(path), "%s/%s", st->x->outdir, load);
		ret = nvt_ns_datacheck_load(ns, path);
	}
	if (ret)
		ret = step_call_failed(st, ctrl, nvt_ns_error(ns), ret);
	if (own)
		nvt_ns_close(ns);
	return ret;
}

#define IO_COMMON \
	{ "qpair", ARG_STR, false, "qpair name (default: qpair, made on first use)" }, \
	{ "async", ARG_BOOL, false, "send without waiting (waitdone reaps it)" }, \
	{ "nsid", ARG_INT, false, "namespace (default: the one under test)" }, \
	{ "timeout", ARG_INT, false, "command timeout in ms (default: per opcode)" }

#define IO_LBA \
	{ "lba", ARG_INT, false, "starting LBA, 64 bits (default 0; ~0 is the last)" }, \
	{ "count", ARG_INT, false, "LBAs, 1..65536 (default 1)" }, \
	{ "flags", ARG_INT, false, "io_flags, CDW12 bits 31:16 (FUA 0x4000, LR 0x8000, PRINFO)" }, \
	{ "cdw13", ARG_INT, false, "DSM hints" }, \
	{ "cdw14", ARG_INT, false, "reference tag" }, \
	{ "cdw15", ARG_INT, false, "application tag and mask" }

static const struct arg_def rw_args[] = {
	IO_LBA, IO_COMMON,
	{ "buf", ARG_STR, false, "data buffer (default: data)" },
	{ "meta", ARG_STR, false, "separate metadata buffer (default: meta)" },
	{ "sgl", ARG_BOOL, false, "an SGL data block instead of PRPs" },
	{ "sgl_block", ARG_INT, false, "SGL in segments of data blocks of this size" },
	{ NULL }
};
static const struct arg_def nodata_args[] = { IO_LBA, IO_COMMON, { NULL } };
static const struct arg_def flush_args[] = { IO_COMMON, { NULL } };
static const struct arg_def dsm_args[] = {
	{ "ranges", ARG_LIST, false, "[[lba, count], ...] (or nr with a filled buf)" },
	{ "attr", ARG_INT, false, "CDW11 attributes (default 4: deallocate)" },
	{ "nr", ARG_INT, false, "ranges already in buf" },
	{ "buf", ARG_STR, false, "range buffer (default: ranges)" },
	IO_COMMON, { NULL }
};
static const struct arg_def copy_args[] = {
	{ "ranges", ARG_LIST, false, "source [[lba, count], ...]" },
	{ "sdlba", ARG_INT, true, "destination LBA" },
	{ "nr", ARG_INT, false, "ranges already in buf" },
	{ "buf", ARG_STR, false, "range buffer (default: ranges)" },
	IO_COMMON, { NULL }
};
static const struct arg_def zone_send_args[] = {
	{ "slba", ARG_INT, false, "zone start LBA" },
	{ "action", ARG_INT, true, "1 close, 2 finish, 3 open, 4 reset, 5 offline" },
	{ "all", ARG_BOOL, false, "select all zones" },
	{ "buf", ARG_STR, false, "data (zone descriptor extension)" },
	IO_COMMON, { NULL }
};
static const struct arg_def zone_recv_args[] = {
	{ "slba", ARG_INT, false, "zone start LBA" },
	{ "action", ARG_INT, false, "0 report zones, 1 extended report" },
	{ "afield", ARG_INT, false, "reporting options (0: all zones)" },
	{ "partial", ARG_BOOL, false, "partial report" },
	{ "size", ARG_INT, false, "bytes (default 4096)" },
	{ "buf", ARG_STR, false, "buffer (default: data)" },
	IO_COMMON, { NULL }
};
static const struct arg_def io_args[] = {
	{ "opcode", ARG_INT, true, "opcode" },
	{ "flags", ARG_INT, false, "dword 0 bits 15:8 (FUSE)" },
	{ "cdw2", ARG_INT, false, NULL }, { "cdw3", ARG_INT, false, NULL },
	{ "cdw10", ARG_INT, false, NULL }, { "cdw11", ARG_INT, false, NULL },
	{ "cdw12", ARG_INT, false, NULL }, { "cdw13", ARG_INT, false, NULL },
	{ "cdw14", ARG_INT, false, NULL }, { "cdw15", ARG_INT, false, NULL },
	{ "size", ARG_INT, false, "bytes of data in buf (default 0: none)" },
	{ "buf", ARG_STR, false, "data buffer (default: data)" },
	{ "prp1", ARG_INT, false, "raw PRP entry 1 (without size/buf)" },
	{ "prp2", ARG_INT, false, "raw PRP entry 2" },
	{ "mptr", ARG_INT, false, "raw metadata pointer" },
	{ "sgl", ARG_BOOL, false, "an SGL data block instead of PRPs" },
	{ "sgl_block", ARG_INT, false, "SGL in segments of data blocks of this size" },
	IO_COMMON, { NULL }
};
static const struct arg_def qpair_args[] = {
	{ "name", ARG_STR, false, "name I/O steps use (default: qpair)" },
	{ "depth", ARG_INT, false, "entries (default 64)" },
	{ "qid", ARG_INT, false, "queue ID (default: the lowest free)" },
	{ "prio", ARG_INT, false, "QPRIO for WRR, 0..3" },
	{ "irq", ARG_BOOL, false, "interrupts enabled (default true)" },
	{ "vector", ARG_INT, false, "MSI-X vector" },
	{ "lazy_doorbell", ARG_BOOL, false, "ring the doorbell only when reaping" },
	{ "cmb", ARG_BOOL, false, "the SQ ring in the Controller Memory Buffer" },
	{ NULL }
};
static const struct arg_def qpair_delete_args[] = {
	{ "name", ARG_STR, false, "qpair (default: qpair)" }, { NULL }
};
static const struct arg_def waitdone_args[] = {
	{ "count", ARG_INT, false, "commands to reap (default: all outstanding)" },
	{ "qpair", ARG_STR, false, "qpair (default: qpair)" },
	{ "timeout", ARG_INT, false, "ms to wait at most (default: until done)" },
	{ NULL }
};
static const struct arg_def datacheck_args[] = {
	{ "on", ARG_BOOL, false, "turn the per-LBA data check on or off" },
	{ "stamp", ARG_BOOL, false, "stamp (nsid, LBA) and a token into writes (default true)" },
	{ "save", ARG_STR, false, "save the table to this file (results folder)" },
	{ "load", ARG_STR, false, "load the table from this file" },
	{ "nsid", ARG_INT, false, "namespace (default: the one under test)" },
	{ NULL }
};
static const struct arg_def format_args[] = {
	{ "lbaf", ARG_INT, false, "LBA format (default: the namespace's, FLBAS)" },
	{ "ses", ARG_INT, false, "secure erase settings (default 0)" },
	{ "pi", ARG_INT, false, "protection information type (default: the namespace's, DPS)" },
	{ "pil", ARG_BOOL, false, "PI in the first bytes of metadata (default: the namespace's, DPS bit 3)" },
	{ "mset", ARG_BOOL, false, "extended LBAs, metadata inline (default: the namespace's, FLBAS bit 4)" },
	{ "nsid", ARG_INT, false, "namespace (default: the one under test)" },
	{ "timeout", ARG_INT, false, "ms to wait (default 600000)" },
	{ NULL }
};

const struct step_def io_steps[] = {
	{ "qpair", "create an I/O queue pair (status: the controller's answer)",
	  qpair_args, STEP_CMD, step_qpair },
	{ "qpair_delete", "delete an I/O queue pair", qpair_delete_args, 0,
	  step_qpair_delete },
	{ "read", "Read LBAs into a buffer", rw_args, STEP_CMD, step_read },
	{ "write", "Write LBAs from a buffer", rw_args, STEP_CMD, step_write },
	{ "compare", "Compare LBAs with a buffer", rw_args, STEP_CMD,
	  step_compare },
	{ "verify", "Verify LBAs (no data moves)", nodata_args, STEP_CMD,
	  step_verify },
	{ "write_zeroes", "Write Zeroes", nodata_args, STEP_CMD,
	  step_write_zeroes },
	{ "write_uncor", "Write Uncorrectable", nodata_args, STEP_CMD,
	  step_write_uncor },
	{ "flush", "Flush", flush_args, STEP_CMD, step_flush },
	{ "dsm", "Dataset Management (deallocate) of ranges", dsm_args,
	  STEP_CMD, step_dsm },
	{ "copy", "Copy ranges to sdlba", copy_args, STEP_CMD, step_copy },
	{ "zone_send", "Zone Management Send", zone_send_args, STEP_CMD,
	  step_zone_send },
	{ "zone_recv", "Zone Management Receive", zone_recv_args, STEP_CMD,
	  step_zone_recv },
	{ "zone_append", "Zone Append (value: the LBA written)", rw_args,
	  STEP_CMD, step_zone_append },
	{ "io", "any I/O command, dword by dword", io_args, STEP_CMD, step_io },
	{ "waitdone", "reap async commands (status: the first error among them)",
	  waitdone_args, STEP_CMD, step_waitdone },
	{ "datacheck", "nvt's per-LBA data check: on/off, save/load the table",
	  datacheck_args, 0, step_datacheck },
	{ "format", "Format NVM (waits; ns.* follow the new format)",
	  format_args, STEP_CMD, step_format },
	{ NULL }
};
