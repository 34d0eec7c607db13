// SPDX-License-Identifier: MIT
/*
 * Steps that drive the controller by hand: raw I/O queues whose rings are
 * the test's buffers (raw_cq, raw_sq, raw_delete), SQEs written field by
 * field (sqe), doorbells of any value (sq_tail, cq_head), the phase tag
 * wait (wait_pbit), PRP lists and SGL descriptors written where the test
 * wants them (prp_list, sgl), and a qpair's MSI-X vector (irq_*).
 *
 * Raw queues live in the test's scope by name (default "cq" and "sq");
 * the scope deletes its SQs, then its CQs, when it ends.  Expressions read
 * <cq>.cqe(i).<field>, <cq>.phase(i), <cq>.head, <sq>.tail and
 * <qpair>.irq_count (run_env.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "scope.h"
#include "steps.h"

#define CQ_DEFAULT		"cq"
#define SQ_DEFAULT		"sq"
#define RAW_ENTRIES		64
#define WAIT_PBIT_MS		10000
#define IRQ_WAIT_MS		1000

/* ---- checks at collection: constants that can never work ---- */

/* The value of argument @name when it is a constant; false otherwise. */
static bool constant(const struct node *args, const char *name, int64_t *v,
		     const struct node **at)
{
	const struct node *n;
	char msg[64];

	if (args->type != NODE_MAP)
		return false;
	n = node_get(args, name);
	if (!n || n->type != NODE_SCALAR)
		return false;
	*at = n;
	return expr_int(n->str, NULL, v, msg, sizeof(msg)) == 0;
}

static int check_range(const struct node *args, const char *step,
		       const char *name, int64_t lo, int64_t hi, char *err,
		       size_t errlen)
{
	const struct node *at;
	int64_t v;

	if (constant(args, name, &v, &at) && (v < lo || v > hi))
		return node_err(err, errlen, at, "%s: %s %lld: must be %lld..%lld",
				step, name, (long long)v, (long long)lo,
				(long long)hi);
	return 0;
}

/* An I/O queue's ID and size, unless the test gives CDW10 itself. */
static int check_queue(const struct node *args, const char *step, char *err,
		       size_t errlen)
{
	char msg[64];
	int64_t v;
	int ret;

	if (args->type == NODE_MAP && node_get(args, "cdw10"))
		return 0;
	/* `raw_cq: 0`: the value is the qid */
	if (args->type == NODE_SCALAR &&
	    !expr_int(args->str, NULL, &v, msg, sizeof(msg)) &&
	    (v < 1 || v > NVT_MAX_IO_QID))
		return node_err(err, errlen, args, "%s: qid %lld: must be 1..%d",
				step, (long long)v, NVT_MAX_IO_QID);
	ret = check_range(args, step, "qid", 1, NVT_MAX_IO_QID, err, errlen);
	if (!ret)
		ret = check_range(args, step, "entries", 2, 65536, err,
				  errlen);
	return ret;
}

static int check_raw_cq(const struct node *args, char *err, size_t errlen)
{
	int ret = check_queue(args, "raw_cq", err, errlen);

	if (!ret)
		ret = check_range(args, "raw_cq", "vector", 0, 0xffff, err,
				  errlen);
	return ret;
}

static int check_raw_sq(const struct node *args, char *err, size_t errlen)
{
	int ret = check_queue(args, "raw_sq", err, errlen);

	if (!ret)
		ret = check_range(args, "raw_sq", "prio", 0, 3, err, errlen);
	if (!ret)
		ret = check_range(args, "raw_sq", "cqid", 0, 0xffff, err,
				  errlen);
	if (!ret && args->type == NODE_MAP && node_get(args, "cq") &&
	    node_get(args, "cqid"))
		ret = node_err(err, errlen, node_get(args, "cqid"),
			       "raw_sq: cq (a raw CQ's name) or cqid (any ID), not both");
	return ret;
}

static const char *const sgl_types[] = {
	[NVT_SGL_DATA_BLOCK] = "data_block",
	[NVT_SGL_BIT_BUCKET] = "bit_bucket",
	[NVT_SGL_SEGMENT] = "segment",
	[NVT_SGL_LAST_SEGMENT] = "last_segment",
};
#define NR_SGL_TYPES	(sizeof(sgl_types) / sizeof(sgl_types[0]))

/* A descriptor type by name, or a number 0..15; -1 when neither. */
static int sgl_type(const char *text)
{
	char *end;
	long v;
	size_t i;

	for (i = 0; i < NR_SGL_TYPES; i++)
		if (!strcasecmp(text, sgl_types[i]))
			return (int)i;
	v = strtol(text, &end, 0);
	return *text && !*end && v >= 0 && v <= 15 ? (int)v : -1;
}

static int check_type(const struct node *args, const char *step,
		      const char *name, char *err, size_t errlen)
{
	const struct node *n = args->type == NODE_MAP ? node_get(args, name) :
			       NULL;

	if (n && n->type == NODE_SCALAR && !strchr(n->str, '{') &&
	    sgl_type(n->str) < 0)
		return node_err(err, errlen, n,
				"%s: %s '%s': data_block, bit_bucket, segment, last_segment or 0..15",
				step, name, n->str);
	return 0;
}

static int check_sqe(const struct node *args, char *err, size_t errlen)
{
	int ret = check_type(args, "sqe", "sgl_type", err, errlen);

	if (!ret)
		ret = check_range(args, "sqe", "opcode", 0, 0xff, err, errlen);
	if (!ret)
		ret = check_range(args, "sqe", "cid", 0, 0xffff, err, errlen);
	if (!ret)
		ret = check_range(args, "sqe", "index", 0, 65535, err, errlen);
	if (!ret && args->type == NODE_MAP && node_get(args, "buf") &&
	    (node_get(args, "prp1") || node_get(args, "sgl_type")))
		ret = node_err(err, errlen, node_get(args, "buf"),
			       "sqe: buf makes PRP1/PRP2 itself: not with prp1 or sgl_type");
	return ret;
}

static int check_wait_pbit(const struct node *args, char *err, size_t errlen)
{
	return check_range(args, "wait_pbit", "phase", 0, 1, err, errlen);
}

static int check_prp_list(const struct node *args, char *err, size_t errlen)
{
	bool entries = args->type == NODE_MAP && node_get(args, "entries");
	bool data = args->type == NODE_MAP && node_get(args, "data");

	if (entries == data)
		return node_err(err, errlen, args,
				"prp_list: entries (a list of values) or data (a buffer's pages), one of them");
	return check_range(args, "prp_list", "pages", 1, 512 * 1024, err,
			   errlen);
}

static int check_sgl(const struct node *args, char *err, size_t errlen)
{
	int ret = check_type(args, "sgl", "type", err, errlen);

	if (!ret && args->type == NODE_MAP && node_get(args, "data") &&
	    node_get(args, "addr"))
		ret = node_err(err, errlen, node_get(args, "addr"),
			       "sgl: addr or data (a buffer), not both");
	if (!ret)
		ret = check_range(args, "sgl", "length", 0, UINT32_MAX, err,
				  errlen);
	return ret;
}

const struct step_check raw_checks[] = {
	{ "raw_cq", check_raw_cq },
	{ "raw_sq", check_raw_sq },
	{ "sqe", check_sqe },
	{ "wait_pbit", check_wait_pbit },
	{ "prp_list", check_prp_list },
	{ "sgl", check_sgl },
	{ NULL }
};

/* ---- helpers ---- */

static int get_rawq(struct step *st, const char *arg, const char *dflt,
		    bool cq, const struct scope_rawq **out)
{
	char name[64];
	int ret = arg_str(st, arg, dflt, name, sizeof(name));

	if (ret)
		return ret;
	*out = scope_rawq(st->x->scope, name);
	if (!*out || (cq ? !(*out)->cq : !(*out)->sq))
		return step_fail(st, STEP_FAIL,
				 "%s: no raw %s named '%s' (create it with %s)",
				 arg, cq ? "CQ" : "SQ", name,
				 cq ? "raw_cq" : "raw_sq");
	return STEP_OK;
}

/* The name a new raw queue takes: valid and not in use in this scope. */
static int new_name(struct step *st, const char *dflt, char *name, size_t len)
{
	int ret = arg_str(st, "name", dflt, name, len);

	if (ret)
		return ret;
	if (!scope_name_ok(name))
		return step_fail(st, STEP_FAIL, "name: '%s' is not a valid name",
				 name);
	if (scope_rawq(st->x->scope, name))
		return step_fail(st, STEP_FAIL,
				 "a raw queue named '%s' exists (raw_delete it first)",
				 name);
	return STEP_OK;
}

/* CDW10..12 as the test gives them; *@raw when it gives any. */
static int raw_dwords(struct step *st, uint32_t dflt[3], bool *raw)
{
	static const char *const names[] = { "cdw10", "cdw11", "cdw12" };
	int i, ret;

	*raw = false;
	for (i = 0; i < 3; i++) {
		*raw |= arg_node(st, names[i]) != NULL;
		ret = arg_u32(st, names[i], dflt[i], &dflt[i]);
		if (ret)
			return ret;
	}
	return STEP_OK;
}

/* The controller's memory page size, CC.MPS. */
static int page_size(struct step *st, struct nvt_ctrl *ctrl, uint32_t *out)
{
	uint32_t cc;
	int ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CC, &cc);

	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	*out = 4096u << NVT_CC_MPS(cc);
	return STEP_OK;
}

/* ---- raw queues ---- */

/* What raw_cq and raw_sq share. */
struct raw_common {
	char name[64];
	uint32_t qid, entries, timeout;
	int64_t offset;
	bool pc;
	struct nvt_buf *buf;	/* NULL: a ring of its own */
	uint32_t dw[3];		/* CDW10..12 of the create command */
	bool raw;		/* the test gave some of them */
};

/*
 * The create command's CDW10..12: what the test gives, else QSIZE and QID,
 * @cdw11 (what the other arguments make) and 0.
 */
static int common_dwords(struct step *st, struct raw_common *c,
			 uint32_t cdw11)
{
	c->dw[0] = (c->entries - 1) << NVT_QSIZE_SHIFT | (c->qid & 0xffff);
	c->dw[1] = cdw11;
	c->dw[2] = 0;
	return raw_dwords(st, c->dw, &c->raw);
}

/* The members nvt_rawcq_opts and nvt_rawsq_opts share, from @c. */
#define RAW_COMMON_OPTS(o, c)					\
	do {							\
		(o)->qid = (c)->qid;				\
		(o)->entries = (c)->entries;			\
		(o)->buf = (c)->buf;				\
		(o)->buf_offset = (c)->offset;			\
		(o)->pc = (c)->pc;				\
		(o)->raw = (c)->raw;				\
		(o)->cdw10 = (c)->dw[0];			\
		(o)->cdw11 = (c)->dw[1];			\
		(o)->cdw12 = (c)->dw[2];			\
		(o)->timeout_ms = (c)->timeout;			\
	} while (0)

static int common_args(struct step *st, const char *dflt, struct raw_common *c)
{
	int ret = new_name(st, dflt, c->name, sizeof(c->name));

	c->buf = NULL;
	if (!ret)
		ret = arg_u32(st, "qid", 0, &c->qid);
	if (!ret)
		ret = arg_u32(st, "entries", RAW_ENTRIES, &c->entries);
	if (!ret)
		ret = arg_bool(st, "pc", true, &c->pc);
	if (!ret)
		ret = arg_int(st, "offset", 0, &c->offset);
	if (!ret)
		ret = arg_u32(st, "timeout", 0, &c->timeout);
	if (!ret && arg_node(st, "buf"))
		ret = arg_buf(st, "buf", NULL, 0, &c->buf);
	if (!ret && c->offset < 0)
		ret = step_fail(st, STEP_FAIL, "offset must be >= 0");
	return ret;
}

/*
 * The end of raw_cq and raw_sq: @ret of the create call; the queue (@cq or
 * @sq) is kept under its name, a refusal (@status) is the step's status.
 */
static int keep_rawq(struct step *st, struct nvt_ctrl *ctrl, int ret,
		     uint16_t status, const char *name, struct nvt_rawcq *cq,
		     struct nvt_rawsq *sq)
{
	uint16_t qid;

	if (ret > 0) {
		step_set_cmd(st, status, 0, 0, 0);
		return STEP_OK;
	}
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	if (scope_put_rawq(st->x->scope, name, cq, sq)) {
		nvt_rawcq_delete(cq);
		nvt_rawsq_delete(sq);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	qid = cq ? nvt_rawcq_id(cq) : nvt_rawsq_id(sq);
	exec_log(st->x, "  raw %s '%s': qid %u, %u entries", cq ? "CQ" : "SQ",
		 name, qid, cq ? nvt_rawcq_entries(cq) : nvt_rawsq_entries(sq));
	step_set_cmd(st, 0, 0, 0, 0);
	step_set_value(st, qid);
	return STEP_OK;
}

static int step_raw_cq(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_rawcq *cq = NULL;
	struct nvt_rawcq_opts o;
	struct raw_common c;
	uint32_t vector;
	bool ien;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	nvt_rawcq_opts_init(&o, sizeof(o));
	ret = common_args(st, CQ_DEFAULT, &c);
	if (!ret)
		ret = arg_u32(st, "vector", 0, &vector);
	if (!ret)
		ret = arg_bool(st, "ien", true, &ien);
	if (ret)
		return ret;
	ret = common_dwords(st, &c, vector << NVT_CQ_IV_SHIFT |
			    (ien ? NVT_CQ_IEN : 0) | (c.pc ? NVT_CQ_PC : 0));
	if (ret)
		return ret;
	RAW_COMMON_OPTS(&o, &c);
	o.ien = ien;
	o.vector = vector;
	/* a ring of its own starts zeroed: phase tags 0 */
	ret = nvt_rawcq_create(ctrl, &o, &cq);
	return keep_rawq(st, ctrl, ret, o.status, c.name, cq, NULL);
}

static int step_raw_sq(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct scope_rawq *cq = NULL;
	struct nvt_rawsq *sq = NULL;
	struct nvt_rawsq_opts o;
	struct raw_common c;
	uint32_t prio, cqid = 0;
	bool cmb;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	nvt_rawsq_opts_init(&o, sizeof(o));
	ret = common_args(st, SQ_DEFAULT, &c);
	if (!ret)
		ret = arg_u32(st, "prio", 0, &prio);
	if (!ret)
		ret = arg_bool(st, "cmb", false, &cmb);
	if (!ret && arg_node(st, "cqid"))
		ret = arg_u32(st, "cqid", 0, &cqid);
	else if (!ret)
		ret = get_rawq(st, "cq", CQ_DEFAULT, true, &cq);
	if (ret)
		return ret;
	if (cq)
		cqid = nvt_rawcq_id(cq->cq);
	ret = common_dwords(st, &c, (cqid & 0xffff) << NVT_SQ_CQID_SHIFT |
			    (prio & 3) << NVT_SQ_QPRIO_SHIFT |
			    (c.pc ? NVT_SQ_PC : 0));
	if (ret)
		return ret;
	RAW_COMMON_OPTS(&o, &c);
	o.mem = cmb ? NVT_MEM_CMB : NVT_MEM_HOST;
	o.cq = cq ? cq->cq : NULL;
	o.cqid = cqid;
	o.prio = prio;
	ret = nvt_rawsq_create(ctrl, &o, &sq);
	return keep_rawq(st, ctrl, ret, o.status, c.name, NULL, sq);
}

static int step_raw_delete(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct scope_rawq *rq;
	struct nvt_rawcq *cq;
	struct nvt_rawsq *sq;
	char name[64];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "name", NULL, name, sizeof(name));
	if (ret)
		return ret;
	rq = scope_rawq(st->x->scope, name);
	if (!rq)
		return step_fail(st, STEP_FAIL, "no raw queue named '%s'", name);
	cq = rq->cq;
	sq = rq->sq;
	ret = cq ? nvt_rawcq_delete(cq) : nvt_rawsq_delete(sq);
	/* refused: the queue is still there, under its name */
	if (ret <= 0)
		scope_take_rawq(st->x->scope, name);
	if (ret < 0)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	/* the controller's answer (Invalid Queue Deletion ...) is the status */
	step_set_cmd(st, (uint16_t)ret, 0, 0, 0);
	return STEP_OK;
}

/* ---- entries and doorbells ---- */

static const char *const sqe_fields[] = {
	"nsid", "cdw2", "cdw3", "cdw10", "cdw11", "cdw12", "cdw13", "cdw14",
	"cdw15",
};

static uint32_t *sqe_field(union nvt_sqe *sqe, size_t i)
{
	uint32_t *const f[] = {
		&sqe->nsid, &sqe->cdw2, &sqe->cdw3, &sqe->cdw10, &sqe->cdw11,
		&sqe->cdw12, &sqe->cdw13, &sqe->cdw14, &sqe->cdw15,
	};

	return f[i];
}

/* The SQE the step describes: dwords first, then the named fields. */
static int build_sqe(struct step *st, struct nvt_ctrl *ctrl,
		     union nvt_sqe *sqe)
{
	char name[8], type[32];
	uint32_t v, page = 4096, len;
	int64_t p, addr;
	struct nvt_buf *buf;
	size_t i;
	int ret, t;

	memset(sqe, 0, sizeof(*sqe));
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "dw%zu", i);
		ret = arg_u32(st, name, 0, &sqe->dw[i]);
		if (ret)
			return ret;
	}
	if (arg_node(st, "opcode")) {
		ret = arg_u32(st, "opcode", 0, &v);
		if (ret)
			return ret;
		sqe->opcode = (uint8_t)v;
	}
	if (arg_node(st, "flags")) {
		ret = arg_u32(st, "flags", 0, &v);
		if (ret)
			return ret;
		sqe->flags = (uint8_t)v;
	}
	if (arg_node(st, "cid")) {
		ret = arg_u32(st, "cid", 0, &v);
		if (ret)
			return ret;
		sqe->cid = (uint16_t)v;
	}
	for (i = 0; i < sizeof(sqe_fields) / sizeof(sqe_fields[0]); i++) {
		if (!arg_node(st, sqe_fields[i]))
			continue;
		ret = arg_u32(st, sqe_fields[i], 0, sqe_field(sqe, i));
		if (ret)
			return ret;
	}
	if (arg_node(st, "mptr")) {
		ret = arg_int(st, "mptr", 0, &p);
		if (ret)
			return ret;
		sqe->mptr = (uint64_t)p;
	}
	if (arg_node(st, "prp1") || arg_node(st, "prp2")) {
		int64_t p1, p2;

		ret = arg_int(st, "prp1", (int64_t)sqe->prp1, &p1);
		if (!ret)
			ret = arg_int(st, "prp2", (int64_t)sqe->prp2, &p2);
		if (ret)
			return ret;
		nvt_sqe_set_prp(sqe, (uint64_t)p1, (uint64_t)p2);
	}
	if (arg_node(st, "sgl_type")) {
		ret = arg_str(st, "sgl_type", NULL, type, sizeof(type));
		if (!ret)
			ret = arg_int(st, "sgl_addr", 0, &addr);
		if (!ret)
			ret = arg_u32(st, "sgl_length", 0, &len);
		if (ret)
			return ret;
		t = sgl_type(type);
		if (t < 0)
			return step_fail(st, STEP_FAIL,
					 "sgl_type '%s': data_block, bit_bucket, segment, last_segment or 0..15",
					 type);
		nvt_sqe_set_sgl(sqe, (unsigned)t, (uint64_t)addr, len);
	}
	if (arg_node(st, "buf")) {
		ret = arg_buf(st, "buf", NULL, 0, &buf);
		if (!ret)
			ret = page_size(st, ctrl, &page);
		if (ret)
			return ret;
		ret = nvt_dptr_prp(sqe, buf, nvt_buf_offset(buf),
				   nvt_buf_size(buf), page, NULL, 0);
		if (ret)
			return step_fail(st, STEP_FAIL, "%s",
					 nvt_buf_error(buf));
	}
	return STEP_OK;
}

static int step_sqe(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct scope_rawq *rq;
	union nvt_sqe sqe;
	uint32_t index, next;
	bool ring;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = get_rawq(st, "sq", SQ_DEFAULT, false, &rq);
	if (ret)
		return ret;
	ret = arg_u32(st, "index", nvt_rawsq_tail(rq->sq) %
		      nvt_rawsq_entries(rq->sq), &index);
	if (!ret)
		ret = arg_bool(st, "ring", false, &ring);
	if (!ret)
		ret = build_sqe(st, ctrl, &sqe);
	if (ret)
		return ret;
	ret = nvt_rawsq_set_entry(rq->sq, index, &sqe, NULL);
	if (ret)
		return step_call_failed(st, ctrl, nvt_rawsq_error(rq->sq), ret);
	if (ring) {
		next = (index + 1) % nvt_rawsq_entries(rq->sq);
		ret = nvt_rawsq_set_tail(rq->sq, next);
		if (ret)
			return step_call_failed(st, ctrl,
						nvt_rawsq_error(rq->sq), ret);
	}
	step_set_value(st, index);
	return STEP_OK;
}

static int doorbell(struct step *st, bool cq)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct scope_rawq *rq;
	uint32_t value;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = get_rawq(st, cq ? "cq" : "sq", cq ? CQ_DEFAULT : SQ_DEFAULT, cq,
		       &rq);
	if (!ret)
		ret = arg_u32(st, "value", 0, &value);
	if (ret)
		return ret;
	ret = cq ? nvt_rawcq_set_head(rq->cq, value) :
	      nvt_rawsq_set_tail(rq->sq, value);
	if (ret)
		return step_call_failed(st, ctrl, cq ? nvt_rawcq_error(rq->cq) :
					nvt_rawsq_error(rq->sq), ret);
	return STEP_OK;
}

static int step_sq_tail(struct step *st)
{
	return doorbell(st, false);
}

static int step_cq_head(struct step *st)
{
	return doorbell(st, true);
}

static int step_wait_pbit(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	const struct scope_rawq *rq;
	uint32_t index, phase, tmo;
	union nvt_cqe cqe;
	bool irq;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = get_rawq(st, "cq", CQ_DEFAULT, true, &rq);
	if (ret)
		return ret;
	ret = arg_u32(st, "index", nvt_rawcq_head(rq->cq) %
		      nvt_rawcq_entries(rq->cq), &index);
	if (!ret)
		ret = arg_u32(st, "phase", 1, &phase);
	if (!ret)
		ret = arg_u32(st, "timeout", WAIT_PBIT_MS, &tmo);
	if (!ret)
		ret = arg_bool(st, "irq", false, &irq);
	if (ret)
		return ret;
	if (irq) {
		ret = nvt_rawcq_wait_irq(rq->cq, tmo, NULL);
		if (ret)
			return step_call_failed(st, ctrl,
						nvt_rawcq_error(rq->cq), ret);
	}
	ret = nvt_rawcq_wait_phase(rq->cq, index, phase, tmo);
	if (!ret)
		ret = nvt_rawcq_entry(rq->cq, index, &cqe);
	if (ret)
		return step_call_failed(st, ctrl, nvt_rawcq_error(rq->cq), ret);
	/* the entry is the step's completion: expect 00/00 etc. work on it */
	step_set_cmd(st, nvt_cqe_status(cqe.dw), cqe.dw0, nvt_cqe_cid(cqe.dw),
		     0);
	return STEP_OK;
}

/* ---- PRP lists and SGL descriptors in buffers ---- */

static int step_prp_list(struct step *st)
{
	const struct node *entries = arg_node(st, "entries");
	struct nvt_buf *list, *data;
	uint32_t pages, page = 4096;
	int64_t offset, data_offset;
	size_t i;
	int ret;

	ret = arg_buf(st, "buf", NULL, 4096, &list);
	if (!ret)
		ret = arg_int(st, "offset", 0, &offset);
	if (ret)
		return ret;
	if (offset < 0)
		return step_fail(st, STEP_FAIL, "offset must be >= 0");
	if (!entries) {
		ret = arg_buf(st, "data", NULL, 0, &data);
		if (!ret)
			ret = arg_int(st, "data_offset", 0, &data_offset);
		if (!ret)
			ret = arg_u32(st, "pages", 1, &pages);
		if (!ret)
			ret = arg_u32(st, "page_size", 4096, &page);
		if (ret)
			return ret;
		if (data_offset < 0)
			return step_fail(st, STEP_FAIL,
					 "data_offset must be >= 0");
		ret = nvt_prp_list_fill(list, offset, data, data_offset, page,
					pages);
		if (ret)
			return step_fail(st, STEP_FAIL, "%s",
					 nvt_buf_error(list));
		return STEP_OK;
	}
	if (entries->type != NODE_SEQ)
		return step_fail(st, STEP_FAIL, "entries: a list of values");
	for (i = 0; i < entries->n; i++) {
		struct val v;

		if (entries->items[i]->type != NODE_SCALAR ||
		    exec_eval(st->x, entries->items[i]->str, &v, NULL) ||
		    v.is_str)
			return step_fail(st, STEP_FAIL,
					 "entries: item %zu is not a number", i);
		ret = nvt_prp_list_set(list, offset, i, (uint64_t)v.i);
		if (ret)
			return step_fail(st, STEP_FAIL, "%s",
					 nvt_buf_error(list));
	}
	return STEP_OK;
}

static int step_sgl(struct step *st)
{
	struct nvt_buf *seg, *data;
	int64_t offset, addr, data_offset;
	uint32_t length;
	char type[32];
	int t, ret;

	ret = arg_buf(st, "buf", NULL, 4096, &seg);
	if (!ret)
		ret = arg_int(st, "offset", 0, &offset);
	if (!ret)
		ret = arg_str(st, "type", NULL, type, sizeof(type));
	if (!ret)
		ret = arg_u32(st, "length", 0, &length);
	if (!ret)
		ret = arg_int(st, "addr", 0, &addr);
	if (ret)
		return ret;
	t = sgl_type(type);
	if (t < 0)
		return step_fail(st, STEP_FAIL,
				 "type '%s': data_block, bit_bucket, segment, last_segment or 0..15",
				 type);
	if (offset < 0)
		return step_fail(st, STEP_FAIL, "offset must be >= 0");
	if (arg_node(st, "data")) {
		uint64_t bus;

		ret = arg_buf(st, "data", NULL, 0, &data);
		if (!ret)
			ret = arg_int(st, "data_offset", 0, &data_offset);
		if (ret)
			return ret;
		if (data_offset < 0 ||
		    nvt_buf_bus_addr(data, data_offset, &bus))
			return step_fail(st, STEP_FAIL, "data: %s",
					 data_offset < 0 ?
					 "data_offset must be >= 0" :
					 nvt_buf_error(data));
		addr = (int64_t)bus;
	}
	ret = nvt_sgl_write(seg, offset, (unsigned)t, (uint64_t)addr, length);
	if (ret)
		return step_fail(st, STEP_FAIL, "%s", nvt_buf_error(seg));
	return STEP_OK;
}

/* ---- a qpair's MSI-X vector ---- */

enum irq_op { IRQ_CLEAR, IRQ_ISSET, IRQ_WAIT, IRQ_MASK, IRQ_UNMASK };

static int irq_step(struct step *st, enum irq_op op)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_qpair *q;
	uint32_t tmo = IRQ_WAIT_MS;
	char name[64];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "qpair", "qpair", name, sizeof(name));
	if (!ret && op == IRQ_WAIT)
		ret = arg_u32(st, "timeout", IRQ_WAIT_MS, &tmo);
	if (ret)
		return ret;
	q = scope_qpair(st->x->scope, name);
	if (!q)
		return step_fail(st, STEP_FAIL,
				 "no qpair named '%s' (create it with the qpair step)",
				 name);
	switch (op) {
	case IRQ_CLEAR:
		ret = nvt_qpair_irq_clear(q);
		break;
	case IRQ_ISSET:
		ret = nvt_qpair_irq_isset(q);
		if (ret >= 0) {
			step_set_value(st, ret);
			ret = 0;
		}
		break;
	case IRQ_WAIT:
		ret = nvt_qpair_irq_wait(q, tmo);
		break;
	case IRQ_MASK:
		ret = nvt_qpair_irq_mask(q);
		break;
	case IRQ_UNMASK:
		ret = nvt_qpair_irq_unmask(q);
		break;
	}
	if (ret)
		return step_call_failed(st, ctrl, nvt_qpair_error(q), ret);
	return STEP_OK;
}

static int step_irq_clear(struct step *st)
{
	return irq_step(st, IRQ_CLEAR);
}

static int step_irq_isset(struct step *st)
{
	return irq_step(st, IRQ_ISSET);
}

static int step_irq_wait(struct step *st)
{
	return irq_step(st, IRQ_WAIT);
}

static int step_irq_mask(struct step *st)
{
	return irq_step(st, IRQ_MASK);
}

static int step_irq_unmask(struct step *st)
{
	return irq_step(st, IRQ_UNMASK);
}

/* ---- the table ---- */

#define RAW_CDWS \
	{ "cdw10", ARG_INT, false, "Command Dword 10 as sent (default: from qid and entries)" }, \
	{ "cdw11", ARG_INT, false, "Command Dword 11 as sent (default: from the other arguments)" }, \
	{ "cdw12", ARG_INT, false, "Command Dword 12 as sent (default 0)" }, \
	{ "timeout", ARG_INT, false, "ms for Create and Delete (default: the admin timeout)" }

static const struct arg_def raw_cq_args[] = {
	{ "qid", ARG_INT, true, "queue ID, 1..65535" },
	{ "name", ARG_STR, false, "name later steps use (default: cq)" },
	{ "entries", ARG_INT, false, "entries, 2..65536 (default 64)" },
	{ "buf", ARG_STR, false, "buffer holding the ring (default: one of its own)" },
	{ "offset", ARG_INT, false, "where the ring starts in buf" },
	{ "ien", ARG_BOOL, false, "interrupts enabled (default true)" },
	{ "vector", ARG_INT, false, "interrupt vector (IV)" },
	{ "pc", ARG_BOOL, false, "physically contiguous (default true)" },
	RAW_CDWS,
	{ NULL }
};
static const struct arg_def raw_sq_args[] = {
	{ "qid", ARG_INT, true, "queue ID, 1..65535" },
	{ "name", ARG_STR, false, "name later steps use (default: sq)" },
	{ "entries", ARG_INT, false, "entries, 2..65536 (default 64)" },
	{ "cq", ARG_STR, false, "its raw CQ (default: cq)" },
	{ "cqid", ARG_INT, false, "a CQID instead of cq (one no CQ has)" },
	{ "prio", ARG_INT, false, "QPRIO, 0..3" },
	{ "buf", ARG_STR, false, "buffer holding the ring (default: one of its own)" },
	{ "offset", ARG_INT, false, "where the ring starts in buf" },
	{ "cmb", ARG_BOOL, false, "a ring of its own in the CMB" },
	{ "pc", ARG_BOOL, false, "physically contiguous (default true)" },
	RAW_CDWS,
	{ NULL }
};
static const struct arg_def raw_delete_args[] = {
	{ "name", ARG_STR, true, "the raw CQ or SQ" }, { NULL }
};
static const struct arg_def sqe_args[] = {
	{ "opcode", ARG_INT, false, "CDW0 7:0" },
	{ "sq", ARG_STR, false, "raw SQ (default: sq)" },
	{ "index", ARG_INT, false, "entry (default: the tail)" },
	{ "ring", ARG_BOOL, false, "then write the tail doorbell: index + 1" },
	{ "flags", ARG_INT, false, "CDW0 15:8: FUSE, PSDT" },
	{ "cid", ARG_INT, false, "CDW0 31:16, as given (duplicates too)" },
	{ "nsid", ARG_INT, false, NULL },
	{ "cdw2", ARG_INT, false, NULL }, { "cdw3", ARG_INT, false, NULL },
	{ "mptr", ARG_INT, false, NULL },
	{ "prp1", ARG_INT, false, "PRP entry 1 (PSDT 00b)" },
	{ "prp2", ARG_INT, false, "PRP entry 2, or a PRP list's address" },
	{ "sgl_type", ARG_STR, false, "SGL1 (PSDT 01b): data_block, bit_bucket, segment, last_segment, 0..15" },
	{ "sgl_addr", ARG_INT, false, "SGL1's address" },
	{ "sgl_length", ARG_INT, false, "SGL1's length" },
	{ "buf", ARG_STR, false, "data buffer: PRP1/PRP2 over its window" },
	{ "cdw10", ARG_INT, false, NULL }, { "cdw11", ARG_INT, false, NULL },
	{ "cdw12", ARG_INT, false, NULL }, { "cdw13", ARG_INT, false, NULL },
	{ "cdw14", ARG_INT, false, NULL }, { "cdw15", ARG_INT, false, NULL },
	{ "dw0", ARG_INT, false, "dword 0, before the named fields" },
	{ "dw1", ARG_INT, false, NULL }, { "dw2", ARG_INT, false, NULL },
	{ "dw3", ARG_INT, false, NULL }, { "dw4", ARG_INT, false, NULL },
	{ "dw5", ARG_INT, false, NULL }, { "dw6", ARG_INT, false, NULL },
	{ "dw7", ARG_INT, false, NULL }, { "dw8", ARG_INT, false, NULL },
	{ "dw9", ARG_INT, false, NULL }, { "dw10", ARG_INT, false, NULL },
	{ "dw11", ARG_INT, false, NULL }, { "dw12", ARG_INT, false, NULL },
	{ "dw13", ARG_INT, false, NULL }, { "dw14", ARG_INT, false, NULL },
	{ "dw15", ARG_INT, false, NULL },
	{ NULL }
};
static const struct arg_def sq_tail_args[] = {
	{ "value", ARG_INT, true, "any 32-bit value" },
	{ "sq", ARG_STR, false, "raw SQ (default: sq)" },
	{ NULL }
};
static const struct arg_def cq_head_args[] = {
	{ "value", ARG_INT, true, "any 32-bit value" },
	{ "cq", ARG_STR, false, "raw CQ (default: cq)" },
	{ NULL }
};
static const struct arg_def wait_pbit_args[] = {
	{ "index", ARG_INT, false, "entry (default: the head)" },
	{ "phase", ARG_INT, false, "0 or 1 (default 1)" },
	{ "cq", ARG_STR, false, "raw CQ (default: cq)" },
	{ "timeout", ARG_INT, false, "ms (default 10000)" },
	{ "irq", ARG_BOOL, false, "wait for the CQ's vector first" },
	{ NULL }
};
static const struct arg_def prp_list_args[] = {
	{ "buf", ARG_STR, true, "the list's buffer (made, 4 KiB, when missing)" },
	{ "offset", ARG_INT, false, "where the list starts in it" },
	{ "entries", ARG_LIST, false, "the entries' values, any" },
	{ "data", ARG_STR, false, "instead: entries over this buffer's pages" },
	{ "data_offset", ARG_INT, false, "entry 0 points here in data" },
	{ "pages", ARG_INT, false, "entries to write (default 1)" },
	{ "page_size", ARG_INT, false, "bytes between entries (default 4096)" },
	{ NULL }
};
static const struct arg_def sgl_args[] = {
	{ "buf", ARG_STR, true, "the segment's buffer (made, 4 KiB, when missing)" },
	{ "type", ARG_STR, true, "data_block, bit_bucket, segment, last_segment, 0..15" },
	{ "offset", ARG_INT, false, "where the descriptor goes in buf" },
	{ "length", ARG_INT, false, "bytes (a segment: 16 per descriptor)" },
	{ "addr", ARG_INT, false, "address" },
	{ "data", ARG_STR, false, "instead of addr: this buffer" },
	{ "data_offset", ARG_INT, false, "at this byte" },
	{ NULL }
};
static const struct arg_def irq_args[] = {
	{ "qpair", ARG_STR, false, "qpair (default: qpair)" }, { NULL }
};
static const struct arg_def irq_wait_args[] = {
	{ "qpair", ARG_STR, false, "qpair (default: qpair)" },
	{ "timeout", ARG_INT, false, "ms (default 1000)" },
	{ NULL }
};

const struct step_def raw_steps[] = {
	{ "raw_cq", "create a raw I/O CQ whose ring is a buffer (status: the controller's answer)",
	  raw_cq_args, STEP_CMD, step_raw_cq },
	{ "raw_sq", "create a raw I/O SQ whose ring is a buffer, host or CMB",
	  raw_sq_args, STEP_CMD, step_raw_sq },
	{ "raw_delete", "delete a raw CQ or SQ (status: the controller's answer)",
	  raw_delete_args, STEP_CMD, step_raw_delete },
	{ "sqe", "write an SQ entry of a raw SQ, field by field (value: its index)",
	  sqe_args, 0, step_sqe },
	{ "sq_tail", "write a raw SQ's tail doorbell", sq_tail_args, 0,
	  step_sq_tail },
	{ "cq_head", "write a raw CQ's head doorbell", cq_head_args, 0,
	  step_cq_head },
	{ "wait_pbit", "wait for a raw CQ entry's phase tag (status: the entry's)",
	  wait_pbit_args, STEP_CMD, step_wait_pbit },
	{ "prp_list", "write PRP list entries into a buffer", prp_list_args,
	  0, step_prp_list },
	{ "sgl", "write an SGL descriptor into a buffer", sgl_args, 0,
	  step_sgl },
	{ "irq_clear", "clear the interrupt count of a qpair's vector",
	  irq_args, 0, step_irq_clear },
	{ "irq_isset", "value: 1 when the qpair's vector fired since the clear",
	  irq_args, 0, step_irq_isset },
	{ "irq_wait", "wait for the qpair's vector", irq_wait_args, 0,
	  step_irq_wait },
	{ "irq_mask", "mask the qpair's MSI-X vector", irq_args, 0,
	  step_irq_mask },
	{ "irq_unmask", "unmask the qpair's MSI-X vector (held messages go)",
	  irq_args, 0, step_irq_unmask },
	{ NULL }
};
