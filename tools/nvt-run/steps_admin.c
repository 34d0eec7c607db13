// SPDX-License-Identifier: MIT
/* Steps on the controller: admin commands, registers, reset, AER, logs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "steps.h"


static int step_identify(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t nsid, cns, cntid, csi;
	struct nvt_buf *buf;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "cns", 1, &cns);
	if (!ret)
		ret = arg_u32(st, "nsid", 0, &nsid);
	if (!ret)
		ret = arg_u32(st, "cntid", 0, &cntid);
	if (!ret)
		ret = arg_u32(st, "csi", 0, &csi);
	if (!ret)
		ret = arg_buf(st, "buf", "data", 4096, &buf);
	if (ret)
		return ret;
	if (cns > 0xff || cntid > 0xffff || csi > 0xff)
		return step_fail(st, STEP_FAIL,
				 "cns and csi are 8-bit, cntid 16-bit values");
	return step_finish_admin(st, ctrl, nvt_ctrl_identify(ctrl, buf, nsid, cns,
						      cntid, csi, NULL, NULL));
}

static int step_getfeatures(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t fid, sel, cdw11, nsid;
	struct nvt_buf *buf;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "fid", 0, &fid);
	if (!ret)
		ret = arg_u32(st, "sel", 0, &sel);
	if (!ret)
		ret = arg_u32(st, "cdw11", 0, &cdw11);
	if (!ret)
		ret = arg_u32(st, "nsid", 0, &nsid);
	if (!ret)
		ret = arg_buf(st, "buf", "", 4096, &buf);
	if (ret)
		return ret;
	if (fid > 0xff || sel > 7)
		return step_fail(st, STEP_FAIL,
				 "fid is 8-bit and sel 3-bit (0..7)");
	return step_finish_admin(st, ctrl, nvt_ctrl_getfeatures(ctrl, fid, sel, cdw11,
							 nsid, buf, NULL, NULL));
}

static int step_setfeatures(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t fid, cdw11, cdw12, nsid;
	struct nvt_buf *buf;
	bool save;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "fid", 0, &fid);
	if (!ret)
		ret = arg_u32(st, "cdw11", 0, &cdw11);
	if (!ret)
		ret = arg_u32(st, "cdw12", 0, &cdw12);
	if (!ret)
		ret = arg_u32(st, "nsid", 0, &nsid);
	if (!ret)
		ret = arg_bool(st, "save", false, &save);
	if (!ret)
		ret = arg_buf(st, "buf", "", 4096, &buf);
	if (ret)
		return ret;
	if (fid > 0xff)
		return step_fail(st, STEP_FAIL, "fid is an 8-bit value");
	return step_finish_admin(st, ctrl, nvt_ctrl_setfeatures(ctrl, fid, save,
							 cdw11, cdw12, nsid,
							 buf, NULL, NULL));
}

static int step_getlogpage(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t lid, nsid, lsp;
	int64_t size, offset;
	struct nvt_buf *buf;
	bool rae;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "lid", 0, &lid);
	if (!ret)
		ret = arg_int(st, "size", 512, &size);
	if (!ret)
		ret = arg_int(st, "offset", 0, &offset);
	if (!ret)
		ret = arg_u32(st, "nsid", 0xffffffff, &nsid);
	if (!ret)
		ret = arg_u32(st, "lsp", 0, &lsp);
	if (!ret)
		ret = arg_bool(st, "rae", false, &rae);
	if (ret)
		return ret;
	if (lid > 0xff || lsp > 0xf)
		return step_fail(st, STEP_FAIL, "lid is 8-bit and lsp 4-bit");
	if (size < 4 || size > NVT_BUF_MAX_LEN || offset < 0)
		return step_fail(st, STEP_FAIL,
				 "size must be 4..%u bytes and offset not negative",
				 NVT_BUF_MAX_LEN);
	ret = arg_buf(st, "buf", "data", size > 4096 ? size : 4096, &buf);
	if (ret)
		return ret;
	return step_finish_admin(st, ctrl, nvt_ctrl_getlogpage(ctrl, lid, buf, size,
							offset, nsid, lsp, rae,
							NULL, NULL));
}

static int step_admin(struct step *st)
{
	static const char *const cdw[] = {
		"cdw2", "cdw3", NULL, NULL, "prp1", "prp1_hi", "prp2",
		"prp2_hi", "cdw10", "cdw11", "cdw12", "cdw13", "cdw14", "cdw15",
	};
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t sqe[16] = { 0 }, opcode, flags, cid;
	struct nvt_data data = { 0 };
	struct nvt_buf *buf;
	int64_t prp;
	unsigned i;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "opcode", 0, &opcode);
	if (!ret)
		ret = arg_u32(st, "cid", 0, &cid);
	if (!ret)
		ret = arg_u32(st, "flags", 0, &flags);
	if (!ret)
		ret = arg_u32(st, "nsid", 0, &sqe[1]);
	if (!ret)
		ret = arg_buf(st, "buf", "", 4096, &buf);
	if (ret)
		return ret;
	if (opcode > 0xff || flags > 0xff || cid > 0xffff)
		return step_fail(st, STEP_FAIL,
				 "opcode and flags are 8-bit values, cid 16-bit");
	sqe[0] = opcode | flags << 8 | cid << 16;
	for (i = 0; i < 14; i++) {
		if (!cdw[i] || !strcmp(cdw[i], "prp1_hi") ||
		    !strcmp(cdw[i], "prp2_hi"))
			continue;
		if (!strncmp(cdw[i], "prp", 3)) {
			ret = arg_int(st, cdw[i], 0, &prp);
			if (ret)
				return ret;
			if (prp && buf)
				return step_fail(st, STEP_FAIL,
						 "give either buf or %s", cdw[i]);
			sqe[i + 2] = (uint32_t)prp;
			sqe[i + 3] = (uint32_t)((uint64_t)prp >> 32);
			continue;
		}
		ret = arg_u32(st, cdw[i], 0, &sqe[i + 2]);
		if (ret)
			return ret;
	}
	data.buf = buf;
	/* nvt.ko refuses a CID at or beyond the admin queue's depth */
	ret = nvt_ctrl_send_cid(ctrl, sqe, buf ? &data : NULL,
				arg_node(st, "cid") ? NVT_CMD_KEEP_CID : 0,
				NULL, NULL);
	if (!ret && opcode == NVT_ADMIN_ASYNC_EVENT) {
		/* it completes on an event (or with an error a later step sees) */
		exec_log(st->x, "  AER sent: it completes when an event occurs");
		return STEP_OK;
	}
	return step_finish_admin(st, ctrl, ret);
}

static int step_virt_mgmt(struct step *st)
{
	static const char *const acts[] = {
		[NVT_VIRT_ACT_PRIMARY_ALLOC] = "primary",
		[NVT_VIRT_ACT_SEC_OFFLINE] = "offline",
		[NVT_VIRT_ACT_SEC_ASSIGN] = "assign",
		[NVT_VIRT_ACT_SEC_ONLINE] = "online",
	};
	static const char *const rts[] = {
		[NVT_VIRT_RT_VQ] = "vq", [NVT_VIRT_RT_VI] = "vi",
	};
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t act, rt, cntlid, nr;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_named(st, "action", NULL, acts, 10, 0xf, &act);
	if (!ret)
		ret = arg_named(st, "rt", "vq", rts, 2, 7, &rt);
	if (!ret)
		ret = arg_u32(st, "cntlid", 0, &cntlid);
	if (!ret)
		ret = arg_u32(st, "nr", 0, &nr);
	if (ret)
		return ret;
	if (cntlid > 0xffff || nr > 0xffff)
		return step_fail(st, STEP_FAIL, "cntlid and nr are 16-bit values");
	return step_finish_admin(st, ctrl, nvt_ctrl_virt_mgmt(ctrl, act, rt, cntlid,
						       nr, NULL, NULL));
}

/*
 * The Controller List of ns_attach: `cntlid` (one), `controllers` (a
 * list of identifiers or expressions) or `empty: true` (none).
 */
static int ctrl_list_arg(struct step *st, uint16_t *ids, unsigned *count)
{
	const struct node *list = arg_node(st, "controllers");
	uint32_t cntlid;
	bool empty;
	size_t i;
	int ret;

	ret = arg_bool(st, "empty", false, &empty);
	if (ret)
		return ret;
	*count = 0;
	if (empty)
		return STEP_OK;
	if (!list) {
		ret = arg_u32(st, "cntlid", 0, &cntlid);
		if (ret)
			return ret;
		if (cntlid > 0xffff)
			return step_fail(st, STEP_FAIL,
					 "cntlid is a 16-bit value");
		ids[(*count)++] = (uint16_t)cntlid;
		return STEP_OK;
	}
	if (list->type != NODE_SEQ || !list->n ||
	    list->n > NVT_CTRL_LIST_MAX)
		return step_fail(st, STEP_FAIL,
				 "controllers: a list of 1..%u controller identifiers",
				 NVT_CTRL_LIST_MAX);
	for (i = 0; i < list->n; i++) {
		const struct node *it = list->items[i];
		struct val v;

		if (it->type != NODE_SCALAR ||
		    exec_eval(st->x, it->str, &v, NULL) || v.is_str ||
		    v.i < 0 || v.i > 0xffff)
			return step_fail(st, STEP_FAIL,
					 "controllers: item %zu is not a 16-bit controller identifier",
					 i);
		ids[(*count)++] = (uint16_t)v.i;
	}
	return STEP_OK;
}

static int step_ns_attach(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint16_t ids[NVT_CTRL_LIST_MAX];
	struct nvt_buf *buf;
	unsigned count;
	uint32_t nsid;
	bool detach;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_u32(st, "nsid", 0, &nsid);
	if (!ret)
		ret = arg_bool(st, "detach", false, &detach);
	if (!ret)
		ret = ctrl_list_arg(st, ids, &count);
	if (!ret)
		ret = arg_buf(st, "buf", "ctrl_list", 4096, &buf);
	if (ret)
		return ret;
	return step_finish_admin(st, ctrl, nvt_ctrl_ns_attach(ctrl, nsid, detach, ids,
						       count, buf, NULL, NULL));
}

/* ns_attach: one way of naming the controllers, and a list that fits. */
static int check_ns_attach(const struct node *args, char *err, size_t errlen)
{
	const struct node *list, *one, *empty;

	if (args->type != NODE_MAP)
		return 0;
	list = node_get(args, "controllers");
	one = node_get(args, "cntlid");
	empty = node_get(args, "empty");
	if (list && one)
		return node_err(err, errlen, one,
				"ns_attach: cntlid (one controller) or controllers (a list), not both");
	if (list && empty)
		return node_err(err, errlen, empty,
				"ns_attach: empty sends no controllers: not with controllers");
	if (list && (!list->n || list->n > NVT_CTRL_LIST_MAX))
		return node_err(err, errlen, list,
				"ns_attach: controllers: %zu identifiers: a Controller List holds 1..%u (empty: true sends none)",
				list->n, NVT_CTRL_LIST_MAX);
	return 0;
}

const struct step_check admin_checks[] = {
	{ "ns_attach", check_ns_attach },
	{ NULL }
};

/*
 * A register argument: a name (cc, csts, ...), a byte offset, or an
 * expression giving either (a parameter holding "cap").
 */
static int reg_arg(struct step *st, uint32_t *offset, unsigned *width)
{
	const struct node *n = arg_node(st, "reg");
	const struct nvt_reg_name *r = nvt_reg_find(n->str);
	struct val v = { .i = 0 };
	int64_t w;
	int ret;

	if (!r) {
		if (!scalar_int(n->str, &v.i)) {
			if (exec_eval(st->x, n->str, &v, NULL))
				return step_fail(st, STEP_FAIL,
						 "reg '%s': not a register name (cap, vs, cc, csts, aqa, ...), offset or expression",
						 n->str);
			if (v.is_str)
				r = nvt_reg_find(v.s);
			if (v.is_str && !r)
				return step_fail(st, STEP_FAIL,
						 "reg '%s': no register named '%s'",
						 n->str, v.s);
		}
	}
	if (r) {
		*offset = r->offset;
		*width = r->width;
	} else {
		if (v.i < 0 || v.i > 0xfff8 || v.i % 4)
			return step_fail(st, STEP_FAIL,
					 "reg offset 0x%llx: must be dword aligned and below 0x10000",
					 (long long)v.i);
		*offset = v.i;
		*width = 32;
	}
	ret = arg_int(st, "width", *width, &w);
	if (ret)
		return ret;
	if (w != 32 && w != 64)
		return step_fail(st, STEP_FAIL, "width must be 32 or 64");
	*width = w;
	return 0;
}

static int step_reg_read(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t offset, v32;
	unsigned width;
	uint64_t v;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = reg_arg(st, &offset, &width);
	if (ret)
		return ret;
	if (width == 64) {
		ret = nvt_ctrl_reg_read64(ctrl, offset, &v);
	} else {
		ret = nvt_ctrl_reg_read32(ctrl, offset, &v32);
		v = v32;
	}
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	exec_log(st->x, "  register 0x%x = 0x%llx", offset,
		 (unsigned long long)v);
	step_set_value(st, (int64_t)v);
	return STEP_OK;
}

static int step_reg_write(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	unsigned width;
	uint32_t offset;
	int64_t v;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = reg_arg(st, &offset, &width);
	if (!ret)
		ret = arg_int(st, "value", 0, &v);
	if (ret)
		return ret;
	if (width == 64)
		ret = nvt_ctrl_reg_write64(ctrl, offset, (uint64_t)v);
	else if ((uint64_t)v > UINT32_MAX)
		return step_fail(st, STEP_FAIL,
				 "value 0x%llx does not fit a 32-bit register",
				 (unsigned long long)v);
	else
		ret = nvt_ctrl_reg_write32(ctrl, offset, (uint32_t)v);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

/*
 * A reset; with arguments, this one init (and only this one: the next
 * reset is the standard one again) does what they say.
 */
static int step_reset(struct step *st)
{
	static const char *const ams_names[] = {
		"rr", "wrr", NULL, NULL, NULL, NULL, NULL, "vendor",
	};
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_init_opts o;
	int64_t aers;
	uint32_t ams;
	bool custom;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	custom = arg_node(st, "admin_depth") || arg_node(st, "lazy_doorbell") ||
		 arg_node(st, "arbitration") || arg_node(st, "aers");
	nvt_init_opts_init(&o, sizeof(o));
	ret = arg_u32(st, "admin_depth", 0, &o.admin_depth);
	if (!ret)
		ret = arg_bool(st, "lazy_doorbell", false, &o.lazy_doorbell);
	if (!ret)
		ret = arg_named(st, "arbitration", "rr", ams_names, 8, 7, &ams);
	if (!ret)
		ret = arg_int(st, "aers", -1, &aers);
	if (ret)
		return ret;
	if (aers < -1 || aers > 256)
		return step_fail(st, STEP_FAIL, "aers %lld: 0..256, or -1 for AERL + 1",
				 (long long)aers);
	o.ams = ams;
	o.aers = (int)aers;
	if (custom)
		nvt_ctrl_set_init(ctrl, nvt_ctrl_init_standard, &o);
	ret = nvt_ctrl_reset(ctrl);
	if (custom)
		nvt_ctrl_set_init(ctrl, NULL, NULL);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

static int step_disable(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t cc;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = nvt_ctrl_reg_read32(ctrl, NVT_REG_CC, &cc);
	if (!ret)
		ret = nvt_ctrl_reg_write32(ctrl, NVT_REG_CC, cc & ~NVT_CC_EN);
	if (!ret)
		ret = nvt_ctrl_wait_ready(ctrl, false);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

static int step_wait_ready(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	bool ready;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bool(st, "ready", true, &ready);
	if (ret)
		return ret;
	ret = nvt_ctrl_wait_ready(ctrl, ready);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

static int step_timeout(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	int64_t ms, opcode;
	bool io;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "ms", 0, &ms);
	if (!ret)
		ret = arg_int(st, "opcode", -1, &opcode);
	if (!ret)
		ret = arg_bool(st, "io", false, &io);
	if (ret)
		return ret;
	if (ms < 1 || ms > 3600 * 1000 || opcode > 0xff)
		return step_fail(st, STEP_FAIL,
				 "ms must be 1..3600000 and opcode 0..255");
	ret = opcode < 0 ? nvt_ctrl_set_timeout_all(ctrl, ms) :
	      nvt_ctrl_set_opcode_timeout(ctrl, opcode, io, ms);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	return STEP_OK;
}

static int step_wait_aer(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t dw0;
	int64_t ms;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "timeout", 5000, &ms);
	if (ret)
		return ret;
	if (ms < 1 || ms > 3600 * 1000)
		return step_fail(st, STEP_FAIL, "timeout must be 1..3600000 ms");
	ms = exec_wait_ms(st->x, ms);
	ret = nvt_ctrl_wait_aer(ctrl, st->x->aer_seen, ms, &dw0);
	if (ret == -ETIMEDOUT)
		return step_fail(st, STEP_FAIL,
				 "no asynchronous event within %lld ms",
				 (long long)ms);
	if (ret)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	st->x->aer_seen = nvt_ctrl_aer_count(ctrl, NULL);
	exec_take_warning(st->x, "AER notification is triggered", NULL);
	step_set_cmd(st, 0, dw0, 0, 0);
	return STEP_OK;
}

static int step_cmdlog(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	int64_t count, qid;
	bool all;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "count", 16, &count);
	if (!ret)
		ret = arg_int(st, "qid", 0, &qid);
	if (!ret)
		ret = arg_bool(st, "all", false, &all);
	if (ret)
		return ret;
	if (count < 1 || count > 65536 || qid < 0 || qid > 0xffff)
		return step_fail(st, STEP_FAIL,
				 "count 1..65536 and qid 0..65535");
	ret = nvt_ctrl_cmdlog(ctrl, all ? NVT_CMDLOG_ALL_QUEUES : qid, count,
			      st->x->log);
	if (ret < 0)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	/* the value: how many entries were written to the log */
	step_set_value(st, ret);
	return STEP_OK;
}

static const struct arg_def identify_args[] = {
	{ "cns", ARG_INT, false, "CNS (default 1: controller)" },
	{ "nsid", ARG_INT, false, "namespace ID (default 0)" },
	{ "cntid", ARG_INT, false, "controller ID" },
	{ "csi", ARG_INT, false, "command set identifier" },
	{ "buf", ARG_STR, false, "buffer name (default: data, 4 KiB)" },
	{ NULL }
};
static const struct arg_def getfeatures_args[] = {
	{ "fid", ARG_INT, true, "feature identifier" },
	{ "sel", ARG_INT, false, "0 current, 1 default, 2 saved, 3 capabilities" },
	{ "cdw11", ARG_INT, false, "dword 11" },
	{ "nsid", ARG_INT, false, "namespace ID" },
	{ "buf", ARG_STR, false, "buffer for features with data" },
	{ NULL }
};
static const struct arg_def setfeatures_args[] = {
	{ "fid", ARG_INT, true, "feature identifier" },
	{ "cdw11", ARG_INT, false, "dword 11" },
	{ "cdw12", ARG_INT, false, "dword 12" },
	{ "save", ARG_BOOL, false, "SV: keep across resets" },
	{ "nsid", ARG_INT, false, "namespace ID" },
	{ "buf", ARG_STR, false, "buffer for features with data" },
	{ NULL }
};
static const struct arg_def getlogpage_args[] = {
	{ "lid", ARG_INT, true, "log page identifier" },
	{ "size", ARG_INT, false, "bytes, a multiple of 4 (default 512)" },
	{ "offset", ARG_INT, false, "byte offset in the log" },
	{ "nsid", ARG_INT, false, "namespace ID (default 0xffffffff)" },
	{ "lsp", ARG_INT, false, "log specific field" },
	{ "rae", ARG_BOOL, false, "retain asynchronous event" },
	{ "buf", ARG_STR, false, "buffer name (default: data)" },
	{ NULL }
};
static const struct arg_def admin_args[] = {
	{ "opcode", ARG_INT, true, "opcode" },
	{ "flags", ARG_INT, false, "dword 0 bits 15:8 (FUSE, PSDT)" },
	{ "cid", ARG_INT, false, "CID as given, below the admin queue's depth (default: nvt.ko's)" },
	{ "nsid", ARG_INT, false, "namespace ID" },
	{ "cdw2", ARG_INT, false, NULL }, { "cdw3", ARG_INT, false, NULL },
	{ "cdw10", ARG_INT, false, NULL }, { "cdw11", ARG_INT, false, NULL },
	{ "cdw12", ARG_INT, false, NULL }, { "cdw13", ARG_INT, false, NULL },
	{ "cdw14", ARG_INT, false, NULL }, { "cdw15", ARG_INT, false, NULL },
	{ "buf", ARG_STR, false, "data buffer (PRPs built over it)" },
	{ "prp1", ARG_INT, false, "raw PRP entry 1, without buf" },
	{ "prp2", ARG_INT, false, "raw PRP entry 2, without buf" },
	{ NULL }
};
static const struct arg_def virt_mgmt_args[] = {
	{ "action", ARG_STR, true, "assign, online, offline, primary, or 0..15" },
	{ "cntlid", ARG_INT, false, "the controller acted on" },
	{ "rt", ARG_STR, false, "resource type: vq (default), vi, or 0..7" },
	{ "nr", ARG_INT, false, "number of resources (assign, primary)" },
	{ NULL }
};
static const struct arg_def ns_attach_args[] = {
	{ "nsid", ARG_INT, true, "the namespace" },
	{ "cntlid", ARG_INT, false, "the controller to attach it to" },
	{ "controllers", ARG_LIST, false, "several controllers, [id, ...], in one Controller List (up to 2047)" },
	{ "detach", ARG_BOOL, false, "detach instead (SEL 1)" },
	{ "empty", ARG_BOOL, false, "send an empty controller list" },
	{ "buf", ARG_STR, false, "buffer for the list (default: ctrl_list)" },
	{ NULL }
};
static const struct arg_def reg_read_args[] = {
	{ "reg", ARG_STR, true, "register name (cap, cc, csts, ...) or offset" },
	{ "width", ARG_INT, false, "32 or 64 (default: the register's)" },
	{ NULL }
};
static const struct arg_def reg_write_args[] = {
	{ "reg", ARG_STR, true, "register name or offset" },
	{ "value", ARG_INT, true, "the value" },
	{ "width", ARG_INT, false, "32 or 64" },
	{ NULL }
};
static const struct arg_def wait_ready_args[] = {
	{ "ready", ARG_BOOL, false, "wait for CSTS.RDY to become this (default true)" },
	{ NULL }
};
static const struct arg_def timeout_args[] = {
	{ "ms", ARG_INT, true, "milliseconds" },
	{ "opcode", ARG_INT, false, "only this opcode (default: all)" },
	{ "io", ARG_BOOL, false, "the opcode is an I/O opcode" },
	{ NULL }
};
static const struct arg_def wait_aer_args[] = {
	{ "timeout", ARG_INT, false, "milliseconds (default 5000)" },
	{ NULL }
};
static const struct arg_def cmdlog_args[] = {
	{ "count", ARG_INT, false, "entries (default 16)" },
	{ "qid", ARG_INT, false, "queue (default 0: admin)" },
	{ "all", ARG_BOOL, false, "every queue merged, newest first" },
	{ NULL }
};
static const struct arg_def no_args[] = { { NULL } };
static const struct arg_def reset_args[] = {
	{ "admin_depth", ARG_INT, false, "admin queue entries, 2..4096 (default 128)" },
	{ "lazy_doorbell", ARG_BOOL, false, "admin SQ doorbell rung only when reaping" },
	{ "arbitration", ARG_STR, false, "CC.AMS: rr (default), wrr, vendor or 0..7" },
	{ "aers", ARG_INT, false, "AERs to send after init (default AERL + 1)" },
	{ NULL }
};

const struct step_def admin_steps[] = {
	{ "identify", "Identify into a buffer", identify_args, STEP_CMD,
	  step_identify },
	{ "getfeatures", "Get Features", getfeatures_args, STEP_CMD,
	  step_getfeatures },
	{ "setfeatures", "Set Features", setfeatures_args, STEP_CMD,
	  step_setfeatures },
	{ "getlogpage", "Get Log Page into a buffer", getlogpage_args,
	  STEP_CMD, step_getlogpage },
	{ "admin", "any admin command, dword by dword", admin_args, STEP_CMD,
	  step_admin },
	{ "virt_mgmt", "Virtualization Management: flexible resources, secondary controllers online/offline",
	  virt_mgmt_args, STEP_CMD, step_virt_mgmt },
	{ "ns_attach", "Namespace Attachment to (or detach from) one controller or a list of them",
	  ns_attach_args, STEP_CMD, step_ns_attach },
	{ "reg_read", "read a controller register (value)", reg_read_args, 0,
	  step_reg_read },
	{ "reg_write", "write a controller register", reg_write_args, 0,
	  step_reg_write },
	{ "reset", "controller reset: CC.EN=0, then initialize again (this once as the arguments say)",
	  reset_args, 0, step_reset },
	{ "disable", "CC.EN=0 and wait for CSTS.RDY=0", no_args, 0,
	  step_disable },
	{ "wait_ready", "wait for CSTS.RDY (CAP.TO bounds it)",
	  wait_ready_args, 0, step_wait_ready },
	{ "timeout", "command timeout for all or one opcode", timeout_args, 0,
	  step_timeout },
	{ "wait_aer", "wait for an asynchronous event (dw0)", wait_aer_args,
	  STEP_CMD, step_wait_aer },
	{ "cmdlog", "write the latest commands of a queue to the log",
	  cmdlog_args, 0, step_cmdlog },
	{ NULL }
};
