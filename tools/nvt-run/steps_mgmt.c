// SPDX-License-Identifier: MIT
/*
 * Steps for the optional admin commands of <nvt/admin.h>: firmware
 * download and commit, namespace management, sanitize, device self-test,
 * security send and receive, the timestamp, and what the Commands
 * Supported and Effects log says of an opcode.  Each records the
 * completion of its (last) command, so expect works as for any command.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "scope.h"
#include "steps.h"

/* Longest wait for a background operation (sanitize, self-test): a day */
#define WAIT_MAX_MS	(24 * 3600 * 1000)

static const char *const fw_actions[] = {
	[NVT_FW_CA_REPLACE] = "replace",
	[NVT_FW_CA_REPLACE_ACTIVATE] = "replace_activate",
	[NVT_FW_CA_ACTIVATE] = "activate",
	[NVT_FW_CA_ACTIVATE_NOW] = "activate_now",
	[NVT_FW_CA_BP_REPLACE] = "bp_replace",
	[NVT_FW_CA_BP_ACTIVATE] = "bp_activate",
};
static const char *const san_actions[] = {
	[NVT_SANACT_EXIT_FAILURE] = "exit_failure",
	[NVT_SANACT_BLOCK_ERASE] = "block",
	[NVT_SANACT_OVERWRITE] = "overwrite",
	[NVT_SANACT_CRYPTO_ERASE] = "crypto",
};
static const char *const dst_codes[] = {
	[NVT_DST_SHORT] = "short",
	[NVT_DST_EXTENDED] = "extended",
	[NVT_DST_VENDOR] = "vendor",
	[NVT_DST_ABORT] = "abort",
};
#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * A helper that sent and waited returned @ret: record the completion of
 * its last command (a status > 0 is the controller's answer, for expect),
 * or fail as step_call_failed() says.
 */
static int finish_sync(struct step *st, struct nvt_ctrl *ctrl, int ret)
{
	if (ret < 0)
		return step_call_failed(st, ctrl, nvt_ctrl_error(ctrl), ret);
	step_set_cmd(st, nvt_ctrl_latest_status(ctrl), 0,
		     nvt_ctrl_latest_cid(ctrl), nvt_ctrl_latest_latency(ctrl));
	return STEP_OK;
}

/* An argument that must fit @bits bits. */
static int arg_bits(struct step *st, const char *name, uint32_t dflt,
		    unsigned bits, uint32_t *out)
{
	int ret = arg_u32(st, name, dflt, out);

	if (ret)
		return ret;
	if (bits < 32 && *out >> bits)
		return step_fail(st, STEP_FAIL,
				 "%s: %u does not fit %u bits (0..%u)", name,
				 *out, bits, (1u << bits) - 1);
	return 0;
}

/* A wait in ms, 1..a day. */
static int arg_wait_ms(struct step *st, int64_t dflt, int64_t *ms)
{
	int ret = arg_int(st, "timeout", dflt, ms);

	if (ret)
		return ret;
	if (*ms < 1 || *ms > WAIT_MAX_MS)
		return step_fail(st, STEP_FAIL, "timeout: %lld ms is not in 1..%d",
				 (long long)*ms, WAIT_MAX_MS);
	*ms = exec_wait_ms(st->x, *ms);
	return 0;
}

/* A step that only waits for a background operation, with @wait. */
static int wait_step(struct step *st,
		     int (*wait)(struct step *, struct nvt_ctrl *, int64_t))
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	int64_t ms;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_wait_ms(st, 600000, &ms);
	return ret ? ret : wait(st, ctrl, ms);
}

/* ---- firmware ---- */

/*
 * The image of file @path into a DMA buffer named @name (replacing one of
 * that name), zero padded to whole dwords: its length in *@len.
 */
static int load_image(struct step *st, const char *path, const char *name,
		      size_t *len, struct nvt_buf **out)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_buf *buf;
	FILE *f;
	long size;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	f = fopen(path, "rb");
	if (!f)
		return step_fail(st, STEP_FAIL, "file '%s': %s", path,
				 strerror(errno));
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return step_fail(st, STEP_FAIL, "file '%s': cannot tell its size",
				 path);
	}
	if (!size || (size_t)size > NVT_BUF_MAX_LEN) {
		fclose(f);
		return step_fail(st, STEP_FAIL,
				 "file '%s': %ld bytes (an image of 1..%u bytes at a time: give offset for the parts of a larger one)",
				 path, size, NVT_BUF_MAX_LEN);
	}
	*len = ((size_t)size + 3) & ~(size_t)3;
	ret = nvt_buf_alloc(nvt_ctrl_pcie(ctrl), *len, &buf);
	if (ret) {
		fclose(f);
		return step_fail(st, STEP_ERROR, "cannot allocate buffer '%s': %s",
				 name, strerror(-ret));
	}
	if (fread(nvt_buf_data(buf), 1, size, f) != (size_t)size) {
		fclose(f);
		nvt_buf_free(buf);
		return step_fail(st, STEP_FAIL, "file '%s': short read", path);
	}
	fclose(f);
	if (scope_put_buf(st->x->scope, name, buf)) {
		nvt_buf_free(buf);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	*out = buf;
	return 0;
}

static int step_fw_download(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	char path[512], name[128];
	int64_t size, offset, chunk;
	struct nvt_buf *buf;
	unsigned sent;
	size_t len = 0;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_str(st, "file", NULL, path, sizeof(path));
	if (!ret)
		ret = arg_str(st, "buf", "fw", name, sizeof(name));
	if (!ret)
		ret = arg_int(st, "offset", 0, &offset);
	if (!ret)
		ret = arg_int(st, "chunk", 0, &chunk);
	if (ret)
		return ret;
	if (path[0])
		ret = load_image(st, path, name, &len, &buf);
	else
		ret = arg_buf(st, "buf", "fw", 0, &buf);
	if (ret)
		return ret;
	ret = arg_int(st, "size", len ? (int64_t)len : (int64_t)nvt_buf_size(buf),
		      &size);
	if (ret)
		return ret;
	if (size < 4 || size % 4 || (size_t)size > nvt_buf_size(buf) ||
	    offset < 0 || offset % 4 || chunk < 0 || chunk % 4 ||
	    chunk > UINT32_MAX)
		return step_fail(st, STEP_FAIL,
				 "size %lld (1..%zu, the buffer's window), offset %lld and chunk %lld must be multiples of 4 bytes",
				 (long long)size, nvt_buf_size(buf),
				 (long long)offset, (long long)chunk);
	ret = nvt_ctrl_fw_download(ctrl, buf, size, offset, chunk, &sent);
	exec_log(st->x, "  %u Firmware Image Download command%s, pieces of %u bytes",
		 sent, sent == 1 ? "" : "s",
		 chunk ? (unsigned)chunk : nvt_ctrl_fw_chunk(ctrl));
	ret = finish_sync(st, ctrl, ret);
	if (ret == STEP_OK)
		step_set_value(st, sent);	/* the value: commands sent */
	return ret;
}

static int step_fw_commit(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t slot, action, bpid;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bits(st, "slot", 0, 3, &slot);
	if (!ret)
		ret = arg_named(st, "action", NULL, fw_actions,
				COUNT(fw_actions), 7, &action);
	if (!ret)
		ret = arg_bits(st, "bpid", 0, 1, &bpid);
	if (ret)
		return ret;
	return step_finish_admin(st, ctrl, nvt_ctrl_fw_commit(ctrl, slot,
							      action, bpid,
							      NULL, NULL));
}

/* ---- namespace management ---- */

static int step_ns_create(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_ns_create spec = { 0 };
	uint32_t flbas, dps, nmic, anagrpid, nvmsetid, endgid, csi;
	int64_t nsze, ncap;
	struct nvt_buf *buf;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_int(st, "nsze", 0, &nsze);
	if (!ret)
		ret = arg_int(st, "ncap", nsze, &ncap);
	if (!ret)
		ret = arg_bits(st, "flbas", 0, 8, &flbas);
	if (!ret)
		ret = arg_bits(st, "dps", 0, 8, &dps);
	if (!ret)
		ret = arg_bits(st, "nmic", 0, 8, &nmic);
	if (!ret)
		ret = arg_u32(st, "anagrpid", 0, &anagrpid);
	if (!ret)
		ret = arg_bits(st, "nvmsetid", 0, 16, &nvmsetid);
	if (!ret)
		ret = arg_bits(st, "endgid", 0, 16, &endgid);
	if (!ret)
		ret = arg_bits(st, "csi", NVT_CSI_NVM, 8, &csi);
	if (!ret)
		ret = arg_buf(st, "buf", "ns_data", 4096, &buf);
	if (ret)
		return ret;
	if (nsze < 0 || ncap < 0)
		return step_fail(st, STEP_FAIL, "nsze and ncap are LBA counts, not negative");
	spec.nsze = nsze;
	spec.ncap = ncap;
	spec.flbas = flbas;
	spec.dps = dps;
	spec.nmic = nmic;
	spec.anagrpid = anagrpid;
	spec.nvmsetid = nvmsetid;
	spec.endgid = endgid;
	spec.csi = csi;
	/* dword 0 (the value): the NSID created */
	return step_finish_admin(st, ctrl, nvt_ctrl_ns_create(ctrl, &spec, buf,
							      NULL, NULL));
}

static int step_ns_delete(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t nsid;
	bool all;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bool(st, "all", false, &all);
	if (!ret)
		ret = arg_u32(st, "nsid", all ? NVT_NSID_ALL : 0, &nsid);
	if (ret)
		return ret;
	if (nsid == NVT_NSID_ALL && !all)
		return step_fail(st, STEP_FAIL,
				 "nsid 0xffffffff deletes every namespace: say all: true to mean it");
	if (all && nsid != NVT_NSID_ALL)
		return step_fail(st, STEP_FAIL,
				 "all: true deletes every namespace (NSID 0xffffffff), not namespace %u",
				 nsid);
	if (!arg_node(st, "nsid") && !all)
		return step_fail(st, STEP_FAIL, "give nsid (or all: true)");
	return step_finish_admin(st, ctrl, nvt_ctrl_ns_delete(ctrl, nsid, NULL,
							      NULL));
}

/* ---- sanitize ---- */

static void log_sanitize(struct step *st, const struct nvt_sanitize_status *s)
{
	exec_log(st->x, "  sanitize status: SSTAT 0x%04x (status %u, %u overwrite passes, global data erased %u), SPROG 0x%04x, SCDW10 0x%08x",
		 s->sstat, s->status, s->passes, s->gde, s->sprog, s->scdw10);
}

/* Wait for the sanitize operation; the value: SSTAT. */
static int sanitize_wait(struct step *st, struct nvt_ctrl *ctrl, int64_t ms)
{
	struct nvt_sanitize_status s = { 0 };
	int ret = nvt_ctrl_sanitize_wait(ctrl, ms, &s);

	if (ret == -ETIMEDOUT) {
		log_sanitize(st, &s);
		return step_fail(st, STEP_FAIL,
				 "sanitize still in progress after %lld ms (SPROG %u of 65536)",
				 (long long)ms, s.sprog);
	}
	ret = finish_sync(st, ctrl, ret);
	if (ret != STEP_OK || st->res.status)
		return ret;
	log_sanitize(st, &s);
	step_set_value(st, s.sstat);
	return STEP_OK;
}

static int step_sanitize(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t action, owpass, ovrpat, flags = 0;
	bool ause, oipbp, ndas, wait;
	int64_t ms;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_named(st, "action", NULL, san_actions, COUNT(san_actions), 7,
			&action);
	if (!ret)
		ret = arg_bool(st, "ause", false, &ause);
	if (!ret)
		ret = arg_bool(st, "oipbp", false, &oipbp);
	if (!ret)
		ret = arg_bool(st, "ndas", false, &ndas);
	if (!ret)
		ret = arg_bits(st, "owpass", 1, 4, &owpass);
	if (!ret)
		ret = arg_u32(st, "pattern", 0, &ovrpat);
	if (!ret)
		ret = arg_bool(st, "wait", false, &wait);
	if (!ret)
		ret = arg_wait_ms(st, 600000, &ms);
	if (ret)
		return ret;
	flags |= ause ? NVT_SANITIZE_AUSE : 0;
	flags |= oipbp ? NVT_SANITIZE_OIPBP : 0;
	flags |= ndas ? NVT_SANITIZE_NDAS : 0;
	ret = step_finish_admin(st, ctrl, nvt_ctrl_sanitize(ctrl, action, flags,
							    owpass, ovrpat,
							    NULL, NULL));
	if (ret != STEP_OK || !wait || st->res.status)
		return ret;
	return sanitize_wait(st, ctrl, ms);
}

static int step_sanitize_wait(struct step *st)
{
	return wait_step(st, sanitize_wait);
}

/* ---- device self-test ---- */

/* Wait for the self-test; the value: the newest result's byte 0. */
static int self_test_wait(struct step *st, struct nvt_ctrl *ctrl, int64_t ms)
{
	struct nvt_self_test_log log = { 0 };
	const struct nvt_self_test_result *r = &log.results[0];
	int ret = nvt_ctrl_self_test_wait(ctrl, ms, &log);

	if (ret == -ETIMEDOUT)
		return step_fail(st, STEP_FAIL,
				 "device self-test %u still in progress after %lld ms (%u %% done)",
				 log.current_op, (long long)ms, log.completion);
	ret = finish_sync(st, ctrl, ret);
	if (ret != STEP_OK || st->res.status)
		return ret;
	exec_log(st->x, "  self-test log: %u results; newest: code %u, result %u, segment %u",
		 log.count, r->stc, r->result, r->segment);
	step_set_value(st, (int64_t)r->stc << 4 | r->result);
	return STEP_OK;
}

static int step_self_test(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t stc, nsid;
	int64_t ms;
	bool wait;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_named(st, "stc", NULL, dst_codes, COUNT(dst_codes), 15, &stc);
	if (!ret)
		ret = arg_u32(st, "nsid", NVT_NSID_ALL, &nsid);
	if (!ret)
		ret = arg_bool(st, "wait", false, &wait);
	if (!ret)
		ret = arg_wait_ms(st, 600000, &ms);
	if (ret)
		return ret;
	ret = step_finish_admin(st, ctrl, nvt_ctrl_self_test(ctrl, nsid, stc,
							     NULL, NULL));
	if (ret != STEP_OK || !wait || st->res.status)
		return ret;
	return self_test_wait(st, ctrl, ms);
}

static int step_self_test_wait(struct step *st)
{
	return wait_step(st, self_test_wait);
}

/* ---- security ---- */

static int security(struct step *st, bool send)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	uint32_t secp, spsp, nssf, size;
	struct nvt_buf *buf = NULL;
	char name[128];
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bits(st, "secp", 0, 8, &secp);
	if (!ret)
		ret = arg_bits(st, "spsp", 0, 16, &spsp);
	if (!ret)
		ret = arg_bits(st, "nssf", 0, 8, &nssf);
	if (!ret)
		ret = arg_u32(st, "size", send ? 0 : 512, &size);
	if (ret)
		return ret;
	if (size > NVT_BUF_MAX_LEN)
		return step_fail(st, STEP_FAIL, "size: %u bytes, at most %u",
				 size, NVT_BUF_MAX_LEN);
	if (size) {
		ret = arg_buf(st, "buf", "data", size > 4096 ? size : 4096,
			      &buf);
		if (ret)
			return ret;
		if (size > nvt_buf_size(buf)) {
			arg_str(st, "buf", "data", name, sizeof(name));
			return step_fail(st, STEP_FAIL,
					 "size: %u bytes do not fit the window of buffer '%s' (%zu)",
					 size, name, nvt_buf_size(buf));
		}
	}
	ret = send ? nvt_ctrl_security_send(ctrl, secp, spsp, nssf, buf, size,
					    NULL, NULL) :
	      nvt_ctrl_security_recv(ctrl, secp, spsp, nssf, buf, size, NULL,
				     NULL);
	return step_finish_admin(st, ctrl, ret);
}

static int step_security_send(struct step *st)
{
	return security(st, true);
}

static int step_security_recv(struct step *st)
{
	return security(st, false);
}

static int step_security_protocols(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	char list[3 * 256 + 1] = "";
	uint8_t ids[256];
	struct nvt_buf *buf;
	int ret, n, i;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_buf(st, "buf", "data", 4096, &buf);
	if (ret)
		return ret;
	if (nvt_buf_size(buf) < 4096)
		return step_fail(st, STEP_FAIL,
				 "buf: the list needs a window of 4096 bytes");
	ret = step_finish_admin(st, ctrl, nvt_ctrl_security_recv(ctrl,
				 NVT_SECP_INFO, NVT_SPSP_PROTOCOL_LIST, 0, buf,
				 4096, NULL, NULL));
	if (ret != STEP_OK || st->res.status)
		return ret;
	n = nvt_security_protocols_decode(nvt_buf_data(buf) +
					  nvt_buf_offset(buf), 4096, ids,
					  sizeof(ids));
	for (i = 0; i < n && i < (int)sizeof(ids); i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
			 " %02x", ids[i]);
	exec_log(st->x, "  %d security protocols:%s", n, list);
	step_set_value(st, n);	/* the value: how many are listed */
	return STEP_OK;
}

/* ---- timestamp ---- */

static int step_timestamp_get(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_timestamp ts = { 0 };
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = finish_sync(st, ctrl, nvt_ctrl_timestamp_get(ctrl, &ts));
	if (ret != STEP_OK || st->res.status)
		return ret;
	exec_log(st->x, "  timestamp %llu ms, synch %u, origin %u",
		 (unsigned long long)ts.ms, ts.synch, ts.origin);
	/* the value: the 8 bytes, ms in 47:0, synch 48, origin 51:49 */
	step_set_value(st, (int64_t)ts.raw);
	return STEP_OK;
}

static int step_timestamp_set(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct timespec now;
	int64_t ms;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	clock_gettime(CLOCK_REALTIME, &now);
	ret = arg_int(st, "ms", (int64_t)now.tv_sec * 1000 +
		      now.tv_nsec / 1000000, &ms);
	if (ret)
		return ret;
	if (ms < 0 || (uint64_t)ms > NVT_TS_MS_MASK)
		return step_fail(st, STEP_FAIL, "ms: %lld does not fit 48 bits",
				 (long long)ms);
	ret = finish_sync(st, ctrl, nvt_ctrl_timestamp_set(ctrl, ms));
	if (ret == STEP_OK)
		step_set_value(st, ms);
	return ret;
}

/* ---- commands supported and effects ---- */

static int step_supports(struct step *st)
{
	struct nvt_ctrl *ctrl = exec_ctrl(st->x);
	struct nvt_cmd_effects e = { 0 };
	uint32_t opcode, csi;
	char text[80];
	bool io;
	int ret;

	if (!ctrl)
		return STEP_ERROR;
	ret = arg_bits(st, "opcode", 0, 8, &opcode);
	if (!ret)
		ret = arg_bool(st, "io", false, &io);
	if (!ret)
		ret = arg_bits(st, "csi", NVT_CSI_NVM, 8, &csi);
	if (ret)
		return ret;
	ret = finish_sync(st, ctrl, nvt_ctrl_cmd_effects(ctrl, csi, opcode, io,
							 &e));
	if (ret != STEP_OK || st->res.status)
		return ret;
	nvt_cmd_effects_format(&e, text, sizeof(text));
	exec_log(st->x, "  %s opcode 0x%02x (%s): %s (0x%08x)",
		 io ? "I/O" : "admin", opcode,
		 io ? nvt_io_opcode_name(opcode) :
		 nvt_admin_opcode_name(opcode), text, e.raw);
	step_set_value(st, e.csupp);	/* the value: 1 supported, 0 not */
	return STEP_OK;
}

/* ---- argument checks at collection ---- */

/* A plain number written as the argument; false: absent or an expression. */
static bool const_arg(const struct node *args, const char *name,
		      int64_t *v, const struct node **at)
{
	const struct node *n = args->type == NODE_MAP ?
			       node_get(args, name) : NULL;

	*at = n;
	return n && n->type == NODE_SCALAR && scalar_int(n->str, v);
}

static int check_max(const struct node *args, const char *step,
		     const char *name, int64_t max, char *err, size_t errlen)
{
	const struct node *at;
	int64_t v;

	if (const_arg(args, name, &v, &at) && (v < 0 || v > max))
		return node_err(err, errlen, at, "%s: %s %lld is not in 0..%lld",
				step, name, (long long)v, (long long)max);
	return 0;
}

/* A name argument given as text: one of @names, or a number up to @max. */
static int check_name(const struct node *args, const char *step,
		      const char *name, const char *const *names,
		      unsigned count, int64_t max, char *err, size_t errlen)
{
	const struct node *n;
	int64_t v;
	unsigned i;

	n = args->type == NODE_MAP ? node_get(args, name) :
	    (args->type == NODE_SCALAR ? args : NULL);
	if (!n || n->type != NODE_SCALAR || strchr(n->str, '{'))
		return 0;
	if (scalar_int(n->str, &v))
		return v < 0 || v > max ?
		       node_err(err, errlen, n, "%s: %s %lld is not in 0..%lld",
				step, name, (long long)v, (long long)max) : 0;
	for (i = 0; i < count; i++)
		if (names[i] && !strcmp(names[i], n->str))
			return 0;
	return node_err(err, errlen, n,
			"%s: unknown %s '%s' (nvt-run --steps -v lists the names)",
			step, name, n->str);
}

static int check_fw_commit(const struct node *args, char *err, size_t errlen)
{
	int ret = check_name(args, "fw_commit", "action", fw_actions,
			     COUNT(fw_actions), 7, err, errlen);

	if (!ret)
		ret = check_max(args, "fw_commit", "slot", 7, err, errlen);
	if (!ret)
		ret = check_max(args, "fw_commit", "bpid", 1, err, errlen);
	return ret;
}

static int check_sanitize(const struct node *args, char *err, size_t errlen)
{
	int ret = check_name(args, "sanitize", "action", san_actions,
			     COUNT(san_actions), 7, err, errlen);

	if (!ret)
		ret = check_max(args, "sanitize", "owpass", 15, err, errlen);
	return ret;
}

static int check_self_test(const struct node *args, char *err, size_t errlen)
{
	return check_name(args, "self_test", "stc", dst_codes,
			  COUNT(dst_codes), 15, err, errlen);
}

static int check_security(const struct node *args, char *err, size_t errlen)
{
	int ret = check_max(args, "security", "secp", 0xff, err, errlen);

	if (!ret)
		ret = check_max(args, "security", "spsp", 0xffff, err, errlen);
	if (!ret)
		ret = check_max(args, "security", "nssf", 0xff, err, errlen);
	return ret;
}

static int check_ns_delete(const struct node *args, char *err, size_t errlen)
{
	const struct node *at, *all;
	int64_t v;

	if (args->type == NODE_SCALAR && scalar_int(args->str, &v) &&
	    v == NVT_NSID_ALL)
		return node_err(err, errlen, args,
				"ns_delete: nsid 0xffffffff deletes every namespace: write {all: true} to mean it");
	if (args->type != NODE_MAP)
		return 0;
	all = node_get(args, "all");
	if (const_arg(args, "nsid", &v, &at) && v == NVT_NSID_ALL && !all)
		return node_err(err, errlen, at,
				"ns_delete: nsid 0xffffffff deletes every namespace: add all: true to mean it");
	if (!all && !node_get(args, "nsid"))
		return node_err(err, errlen, args,
				"ns_delete: missing argument 'nsid' (or all: true)");
	return 0;
}

const struct step_check mgmt_checks[] = {
	{ "fw_commit", check_fw_commit },
	{ "sanitize", check_sanitize },
	{ "self_test", check_self_test },
	{ "security_send", check_security },
	{ "security_recv", check_security },
	{ "ns_delete", check_ns_delete },
	{ NULL }
};

/* ---- the table ---- */

static const struct arg_def fw_download_args[] = {
	{ "buf", ARG_STR, false, "the image's buffer (default fw); with file, the buffer made for it" },
	{ "file", ARG_STR, false, "read the image from this file (up to 4 MiB, zero padded to dwords)" },
	{ "size", ARG_INT, false, "bytes to send (default: the buffer's window, or the file)" },
	{ "offset", ARG_INT, false, "where they go in the image, bytes (OFST; default 0)" },
	{ "chunk", ARG_INT, false, "bytes per command (default: MDTS in whole FWUG units)" },
	{ NULL }
};
static const struct arg_def fw_commit_args[] = {
	{ "action", ARG_STR, true, "CA: replace, replace_activate, activate, activate_now, bp_replace, bp_activate, or 0..7" },
	{ "slot", ARG_INT, false, "FS, 0..7 (default 0: the controller chooses)" },
	{ "bpid", ARG_INT, false, "boot partition of bp_replace and bp_activate, 0 or 1" },
	{ NULL }
};
static const struct arg_def ns_create_args[] = {
	{ "nsze", ARG_INT, true, "size in LBAs" },
	{ "ncap", ARG_INT, false, "capacity in LBAs (default nsze)" },
	{ "flbas", ARG_INT, false, "LBA format index (bits 3:0, 6:5), extended metadata (bit 4)" },
	{ "dps", ARG_INT, false, "end-to-end protection settings" },
	{ "nmic", ARG_INT, false, "1: shared (multi-path)" },
	{ "anagrpid", ARG_INT, false, "ANA group (0: the controller's choice)" },
	{ "nvmsetid", ARG_INT, false, "NVM set (0: the controller's choice)" },
	{ "endgid", ARG_INT, false, "endurance group (0: the controller's choice)" },
	{ "csi", ARG_INT, false, "I/O command set (default 0: NVM)" },
	{ "buf", ARG_STR, false, "buffer for the data structure (default ns_data)" },
	{ NULL }
};
static const struct arg_def ns_delete_args[] = {
	{ "nsid", ARG_INT, false, "the namespace" },
	{ "all", ARG_BOOL, false, "delete every namespace (NSID FFFFFFFFh)" },
	{ NULL }
};
static const struct arg_def sanitize_args[] = {
	{ "action", ARG_STR, true, "SANACT: block, crypto, overwrite, exit_failure, or 0..7" },
	{ "ause", ARG_BOOL, false, "allow unrestricted sanitize exit" },
	{ "owpass", ARG_INT, false, "overwrite passes, 0..15 (0: 16; default 1)" },
	{ "oipbp", ARG_BOOL, false, "invert the pattern between passes" },
	{ "ndas", ARG_BOOL, false, "no deallocate after sanitize" },
	{ "pattern", ARG_INT, false, "overwrite pattern (CDW11)" },
	{ "wait", ARG_BOOL, false, "wait on the Sanitize Status log until it ends (value: SSTAT)" },
	{ "timeout", ARG_INT, false, "ms to wait at most (default 600000)" },
	{ NULL }
};
static const struct arg_def wait_args[] = {
	{ "timeout", ARG_INT, false, "ms to wait at most (default 600000)" },
	{ NULL }
};
static const struct arg_def self_test_args[] = {
	{ "stc", ARG_STR, true, "short, extended, vendor, abort, or 0..15" },
	{ "nsid", ARG_INT, false, "namespace (default 0xffffffff: all; 0: none)" },
	{ "wait", ARG_BOOL, false, "wait on the self-test log until it ends (value: the newest result, code << 4 | result)" },
	{ "timeout", ARG_INT, false, "ms to wait at most (default 600000)" },
	{ NULL }
};
static const struct arg_def security_args[] = {
	{ "secp", ARG_INT, true, "security protocol" },
	{ "spsp", ARG_INT, false, "SP specific, 16 bits" },
	{ "nssf", ARG_INT, false, "NVMe security specific field" },
	{ "size", ARG_INT, false, "transfer (send, default 0) or allocation (receive, default 512) length in bytes" },
	{ "buf", ARG_STR, false, "data buffer (default data)" },
	{ NULL }
};
static const struct arg_def security_protocols_args[] = {
	{ "buf", ARG_STR, false, "buffer for the list (default data): byte 8 on" },
	{ NULL }
};
static const struct arg_def timestamp_set_args[] = {
	{ "ms", ARG_INT, false, "ms since 1970 (default: the host's clock)" },
	{ NULL }
};
static const struct arg_def supports_args[] = {
	{ "opcode", ARG_INT, true, "the opcode" },
	{ "io", ARG_BOOL, false, "an I/O opcode (default: admin)" },
	{ "csi", ARG_INT, false, "the command set of an I/O opcode (default 0: NVM)" },
	{ NULL }
};
static const struct arg_def no_args[] = { { NULL } };

const struct step_def mgmt_steps[] = {
	{ "fw_download", "Firmware Image Download of a buffer or file, in pieces (value: commands sent)",
	  fw_download_args, STEP_CMD, step_fw_download },
	{ "fw_commit", "Firmware Commit: a slot and commit action",
	  fw_commit_args, STEP_CMD, step_fw_commit },
	{ "ns_create", "Namespace Management, create (dw0: the new NSID)",
	  ns_create_args, STEP_CMD, step_ns_create },
	{ "ns_delete", "Namespace Management, delete", ns_delete_args,
	  STEP_CMD, step_ns_delete },
	{ "sanitize", "Sanitize, and with wait the Sanitize Status log until it ends",
	  sanitize_args, STEP_CMD, step_sanitize },
	{ "sanitize_wait", "read the Sanitize Status log until no sanitize is in progress (value: SSTAT)",
	  wait_args, STEP_CMD, step_sanitize_wait },
	{ "self_test", "Device Self-test, and with wait the self-test log until it ends",
	  self_test_args, STEP_CMD, step_self_test },
	{ "self_test_wait", "read the Device Self-test log until no test is in progress (value: the newest result)",
	  wait_args, STEP_CMD, step_self_test_wait },
	{ "security_send", "Security Send", security_args, STEP_CMD,
	  step_security_send },
	{ "security_recv", "Security Receive into a buffer", security_args,
	  STEP_CMD, step_security_recv },
	{ "security_protocols", "Security Receive of the supported protocol list (value: how many)",
	  security_protocols_args, STEP_CMD, step_security_protocols },
	{ "timestamp_get", "Get Features Timestamp (value: ms 47:0, synch 48, origin 51:49)",
	  no_args, STEP_CMD, step_timestamp_get },
	{ "timestamp_set", "Set Features Timestamp (value: the ms set)",
	  timestamp_set_args, STEP_CMD, step_timestamp_set },
	{ "supports", "the Commands Supported and Effects entry of an opcode (value: 1 supported, 0 not)",
	  supports_args, STEP_CMD, step_supports },
	{ NULL }
};
