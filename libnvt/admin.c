// SPDX-License-Identifier: MIT
/*
 * Optional admin commands in one call each: firmware download and commit,
 * namespace management, sanitize, device self-test, security send and
 * receive, the timestamp, and the Commands Supported and Effects log.
 * Every command goes through the admin queue's one path (nvt_ctrl_send(),
 * nvt_ctrl_run()).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nvt/admin.h>

#include "controller_internal.h"

#define LE(p, off, bytes) nvt_le_get((const uint8_t *)(p) + (off), (bytes))

/* A firmware piece when neither MDTS nor FWUG bounds it */
#define FW_CHUNK_DEFAULT	(128u * 1024)
/* and never more than this (NUMD counts dwords in 32 bits) */
#define FW_CHUNK_MAX		(1u << 30)
/* the log pages read while waiting for an operation to end */
#define POLL_MS			100
#define WAIT_MAX_MS		(24u * 3600 * 1000)

/* A 4 KiB DMA buffer for a helper's own command. */
static int own_buf(struct nvt_ctrl *ctrl, struct nvt_buf **buf)
{
	int ret = nvt_buf_alloc(ctrl->pcie, 4096, buf);

	if (ret)
		return nvt_err(ctrl->err, -ret, "%s",
			       nvt_pcie_error(ctrl->pcie));
	return 0;
}

/*
 * Get Log Page @lid (@size bytes from offset 0, NSID @nsid, CSI @csi) into
 * @buf, waiting for it: 0, its status, or a negative errno.
 */
static int read_log(struct nvt_ctrl *ctrl, uint8_t lid, uint32_t size,
		    uint32_t nsid, uint8_t csi, struct nvt_buf *buf)
{
	uint32_t sqe[16] = { NVT_ADMIN_GET_LOG_PAGE, nsid };

	sqe[10] = (size / 4 - 1) << 16 | lid;
	sqe[14] = (uint32_t)csi << NVT_LOG_CSI_SHIFT;
	return nvt_ctrl_run(ctrl, sqe, buf, NULL);
}

/* ---- firmware ---- */

uint32_t nvt_ctrl_fw_chunk(struct nvt_ctrl *ctrl)
{
	uint64_t gran = 4, chunk, mdts;
	uint8_t fwug;

	if (!ctrl->id_valid)
		return 0;
	fwug = ctrl->id_ctrl[NVT_IDC_FWUG];
	if (fwug != NVT_FWUG_NOT_REPORTED && fwug != NVT_FWUG_NO_RESTRICTION)
		gran = (uint64_t)fwug * NVT_FWUG_UNIT;
	mdts = nvt_ctrl_mdts(ctrl);
	chunk = mdts ? mdts : (gran > FW_CHUNK_DEFAULT ? gran : FW_CHUNK_DEFAULT);
	if (chunk > FW_CHUNK_MAX)
		chunk = FW_CHUNK_MAX;
	return (uint32_t)(chunk - chunk % gran);
}

int nvt_ctrl_fw_download(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
			 size_t length, uint64_t offset, uint32_t chunk,
			 unsigned *sent)
{
	size_t woff, wsize, pos, len;
	unsigned n = 0;
	int ret = 0;

	if (sent)
		*sent = 0;
	if (!buf)
		return nvt_err(ctrl->err, EINVAL,
			       "Firmware Image Download: no buffer");
	woff = nvt_buf_offset(buf);
	wsize = nvt_buf_size(buf);
	if (!length || length % 4 || offset % 4 || chunk % 4)
		return nvt_err(ctrl->err, EINVAL,
			       "Firmware Image Download: length %zu, offset %llu and piece %u must be multiples of 4 bytes (dwords), the length not 0",
			       length, (unsigned long long)offset, chunk);
	if (length > wsize)
		return nvt_err(ctrl->err, EINVAL,
			       "Firmware Image Download: %zu bytes are beyond the %zu-byte buffer window",
			       length, wsize);
	if (offset + length > (4ull << 32))
		return nvt_err(ctrl->err, EINVAL,
			       "Firmware Image Download: the image ends at byte %llu, beyond what OFST reaches (2^34)",
			       (unsigned long long)(offset + length));
	if (!chunk) {
		chunk = nvt_ctrl_fw_chunk(ctrl);
		if (!chunk)
			return nvt_err(ctrl->err, ERANGE,
				       "Firmware Image Download: no piece fits both FWUG (%u x 4 KiB) and MDTS (%llu bytes), or no Identify Controller data",
				       ctrl->id_ctrl[NVT_IDC_FWUG],
				       (unsigned long long)nvt_ctrl_mdts(ctrl));
	}
	for (pos = 0; pos < length; pos += len) {
		uint32_t sqe[16] = { NVT_ADMIN_FW_DOWNLOAD };

		len = length - pos < chunk ? length - pos : chunk;
		sqe[10] = (uint32_t)(len / 4 - 1);		/* NUMD, 0's based */
		sqe[11] = (uint32_t)((offset + pos) / 4);	/* OFST */
		ret = nvt_buf_set_window(buf, woff + pos, len);
		if (ret) {
			ret = nvt_err(ctrl->err, -ret, "%s", nvt_buf_error(buf));
			break;
		}
		ret = nvt_ctrl_run(ctrl, sqe, buf, NULL);
		if (ret >= 0)
			n++;
		if (ret)
			break;
	}
	nvt_buf_set_window(buf, woff, wsize);
	if (sent)
		*sent = n;
	return ret;
}

int nvt_ctrl_fw_commit(struct nvt_ctrl *ctrl, uint8_t slot, uint8_t action,
		       uint8_t bpid, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_FW_COMMIT };

	if (slot > 7 || action > 7 || bpid > 1)
		return nvt_err(ctrl->err, EINVAL,
			       "Firmware Commit: slot %u and action %u must fit 3 bits, boot partition %u 1 bit",
			       slot, action, bpid);
	sqe[10] = NVT_FW_COMMIT_CDW10(slot, action, bpid);
	return nvt_ctrl_send_cmd(ctrl, sqe, NULL, cb, arg);
}

/* ---- namespace management ---- */

int nvt_ctrl_ns_create(struct nvt_ctrl *ctrl, const struct nvt_ns_create *spec,
		       struct nvt_buf *buf, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_NS_MGMT };
	size_t base;

	if (!spec)
		return nvt_err(ctrl->err, EINVAL,
			       "Namespace Management: no namespace to create");
	if (!buf || nvt_buf_size(buf) < 4096)
		return nvt_err(ctrl->err, EINVAL,
			       "Namespace Management: needs a DMA buffer window of 4096 bytes");
	/* the host specified fields, where Identify Namespace has them */
	base = nvt_buf_offset(buf);
	memset(nvt_buf_data(buf) + base, 0, 4096);
	nvt_buf_set_int(buf, base + NVT_IDNS_NSZE, base + NVT_IDNS_NSZE + 7,
			spec->nsze);
	nvt_buf_set_int(buf, base + NVT_IDNS_NCAP, base + NVT_IDNS_NCAP + 7,
			spec->ncap);
	nvt_buf_set_int(buf, base + NVT_IDNS_FLBAS, base + NVT_IDNS_FLBAS,
			spec->flbas);
	nvt_buf_set_int(buf, base + NVT_IDNS_DPS, base + NVT_IDNS_DPS,
			spec->dps);
	nvt_buf_set_int(buf, base + NVT_IDNS_NMIC, base + NVT_IDNS_NMIC,
			spec->nmic);
	nvt_buf_set_int(buf, base + NVT_IDNS_ANAGRPID,
			base + NVT_IDNS_ANAGRPID + 3, spec->anagrpid);
	nvt_buf_set_int(buf, base + NVT_IDNS_NVMSETID,
			base + NVT_IDNS_NVMSETID + 1, spec->nvmsetid);
	nvt_buf_set_int(buf, base + NVT_IDNS_ENDGID, base + NVT_IDNS_ENDGID + 1,
			spec->endgid);
	sqe[10] = NVT_NS_MGMT_SEL_CREATE;
	sqe[11] = (uint32_t)spec->csi << 24;
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

int nvt_ctrl_ns_delete(struct nvt_ctrl *ctrl, uint32_t nsid, nvt_cpl_fn cb,
		       void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_NS_MGMT, nsid };

	sqe[10] = NVT_NS_MGMT_SEL_DELETE;
	return nvt_ctrl_send_cmd(ctrl, sqe, NULL, cb, arg);
}

/* ---- sanitize ---- */

int nvt_ctrl_sanitize(struct nvt_ctrl *ctrl, uint8_t action, uint32_t flags,
		      uint8_t owpass, uint32_t ovrpat, nvt_cpl_fn cb, void *arg)
{
	const uint32_t known = NVT_SANITIZE_AUSE | NVT_SANITIZE_OIPBP |
			       NVT_SANITIZE_NDAS;
	uint32_t sqe[16] = { NVT_ADMIN_SANITIZE };

	if (action > 7 || owpass > 15 || (flags & ~known))
		return nvt_err(ctrl->err, EINVAL,
			       "Sanitize: action %u must fit 3 bits, overwrite passes %u 4 bits, flags 0x%x be AUSE, OIPBP or NDAS",
			       action, owpass, flags);
	sqe[10] = action | flags |
		  (uint32_t)owpass << NVT_SANITIZE_OWPASS_SHIFT;
	sqe[11] = ovrpat;
	return nvt_ctrl_send_cmd(ctrl, sqe, NULL, cb, arg);
}

void nvt_sanitize_status_decode(const void *d, struct nvt_sanitize_status *st)
{
	st->sprog = LE(d, NVT_SANLOG_SPROG, 2);
	st->sstat = LE(d, NVT_SANLOG_SSTAT, 2);
	st->status = NVT_SSTAT_STATUS(st->sstat);
	st->passes = NVT_SSTAT_PASSES(st->sstat);
	st->gde = st->sstat & NVT_SSTAT_GDE;
	st->scdw10 = LE(d, NVT_SANLOG_SCDW10, 4);
	st->eto = LE(d, NVT_SANLOG_ETO, 4);
	st->etbe = LE(d, NVT_SANLOG_ETBE, 4);
	st->etce = LE(d, NVT_SANLOG_ETCE, 4);
}

int nvt_ctrl_sanitize_status(struct nvt_ctrl *ctrl,
			     struct nvt_sanitize_status *st)
{
	struct nvt_buf *buf;
	int ret;

	if (!st)
		return nvt_err(ctrl->err, EINVAL, "sanitize_status: no result struct");
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	ret = read_log(ctrl, NVT_LID_SANITIZE, NVT_SANLOG_BYTES, NVT_NSID_ALL,
		       0, buf);
	if (!ret)
		nvt_sanitize_status_decode(nvt_buf_data(buf), st);
	nvt_buf_free(buf);
	return ret;
}

/*
 * Read a log page with @read until @busy says the operation it reports
 * has ended, or @timeout_ms passed: 0, a status, or a negative errno.
 */
static int poll_log(struct nvt_ctrl *ctrl, unsigned timeout_ms,
		    const char *what, int (*read)(struct nvt_ctrl *, void *),
		    bool (*busy)(const void *), void *out)
{
	uint64_t end;
	int ret;

	if (!timeout_ms || timeout_ms > WAIT_MAX_MS)
		return nvt_err(ctrl->err, EINVAL,
			       "%s: timeout %u ms is not in 1..%u", what,
			       timeout_ms, WAIT_MAX_MS);
	end = nvt_now_ns() + (uint64_t)timeout_ms * 1000000;
	for (;;) {
		ret = read(ctrl, out);
		if (ret || !busy(out))
			return ret;
		if (nvt_now_ns() >= end)
			return nvt_err(ctrl->err, ETIMEDOUT,
				       "%s: still in progress after %u ms",
				       what, timeout_ms);
		nvt_sleep_ms(POLL_MS);
	}
}

static int read_sanitize(struct nvt_ctrl *ctrl, void *out)
{
	return nvt_ctrl_sanitize_status(ctrl, out);
}

static bool sanitize_busy(const void *out)
{
	const struct nvt_sanitize_status *st = out;

	return st->status == NVT_SSTAT_IN_PROGRESS;
}

int nvt_ctrl_sanitize_wait(struct nvt_ctrl *ctrl, unsigned timeout_ms,
			   struct nvt_sanitize_status *st)
{
	struct nvt_sanitize_status mine;

	return poll_log(ctrl, timeout_ms, "sanitize", read_sanitize,
			sanitize_busy, st ? st : &mine);
}

/* ---- device self-test ---- */

int nvt_ctrl_self_test(struct nvt_ctrl *ctrl, uint32_t nsid, uint8_t stc,
		       nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_SELF_TEST, nsid };

	if (stc > 0xf)
		return nvt_err(ctrl->err, EINVAL,
			       "Device Self-test: code %u does not fit 4 bits",
			       stc);
	sqe[10] = stc;
	return nvt_ctrl_send_cmd(ctrl, sqe, NULL, cb, arg);
}

void nvt_self_test_log_decode(const void *d, struct nvt_self_test_log *log)
{
	unsigned i;

	memset(log, 0, sizeof(*log));
	log->current_op = LE(d, NVT_DSTLOG_CURRENT, 1) & 0xf;
	log->completion = LE(d, NVT_DSTLOG_COMPLETION, 1) & 0x7f;
	for (i = 0; i < NVT_DSTLOG_ENTRIES; i++) {
		const uint8_t *e = (const uint8_t *)d + NVT_DSTLOG_ENTRY0 +
				   i * NVT_DSTLOG_ENTRY_SIZE;
		struct nvt_self_test_result *r = &log->results[i];

		r->stc = e[NVT_DSTR_STATUS] >> 4;
		r->result = e[NVT_DSTR_STATUS] & 0xf;
		r->segment = e[NVT_DSTR_SEGMENT];
		r->vdi = e[NVT_DSTR_VDI];
		r->poh = LE(e, NVT_DSTR_POH, 8);
		r->nsid = LE(e, NVT_DSTR_NSID, 4);
		r->flba = LE(e, NVT_DSTR_FLBA, 8);
		r->sct = e[NVT_DSTR_SCT] & 0x7;
		r->sc = e[NVT_DSTR_SC];
		if (r->result != NVT_DST_RESULT_UNUSED && log->count == i)
			log->count++;
	}
}

int nvt_ctrl_self_test_log(struct nvt_ctrl *ctrl, struct nvt_self_test_log *log)
{
	struct nvt_buf *buf;
	int ret;

	if (!log)
		return nvt_err(ctrl->err, EINVAL, "self_test_log: no result struct");
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	ret = read_log(ctrl, NVT_LID_SELF_TEST, NVT_DSTLOG_BYTES, NVT_NSID_ALL,
		       0, buf);
	if (!ret)
		nvt_self_test_log_decode(nvt_buf_data(buf), log);
	nvt_buf_free(buf);
	return ret;
}

static int read_self_test(struct nvt_ctrl *ctrl, void *out)
{
	return nvt_ctrl_self_test_log(ctrl, out);
}

static bool self_test_busy(const void *out)
{
	const struct nvt_self_test_log *log = out;

	return log->current_op != 0;
}

int nvt_ctrl_self_test_wait(struct nvt_ctrl *ctrl, unsigned timeout_ms,
			    struct nvt_self_test_log *log)
{
	struct nvt_self_test_log mine;

	return poll_log(ctrl, timeout_ms, "device self-test", read_self_test,
			self_test_busy, log ? log : &mine);
}

/* ---- security ---- */

static int security(struct nvt_ctrl *ctrl, uint8_t opcode, uint8_t secp,
		    uint16_t spsp, uint8_t nssf, struct nvt_buf *buf,
		    uint32_t length, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { opcode };
	struct nvt_data data = { .buf = buf, .length = length };

	if ((length && !buf) || (buf && length > nvt_buf_size(buf)))
		return nvt_err(ctrl->err, EINVAL,
			       "%s: %u bytes need a buffer window that holds them",
			       nvt_admin_opcode_name(opcode), length);
	sqe[10] = NVT_SECURITY_CDW10(secp, spsp, nssf);
	sqe[11] = length;
	return nvt_ctrl_send(ctrl, sqe, length ? &data : NULL, cb, arg);
}

int nvt_ctrl_security_send(struct nvt_ctrl *ctrl, uint8_t secp, uint16_t spsp,
			   uint8_t nssf, struct nvt_buf *buf, uint32_t length,
			   nvt_cpl_fn cb, void *arg)
{
	return security(ctrl, NVT_ADMIN_SECURITY_SEND, secp, spsp, nssf, buf,
			length, cb, arg);
}

int nvt_ctrl_security_recv(struct nvt_ctrl *ctrl, uint8_t secp, uint16_t spsp,
			   uint8_t nssf, struct nvt_buf *buf, uint32_t length,
			   nvt_cpl_fn cb, void *arg)
{
	return security(ctrl, NVT_ADMIN_SECURITY_RECV, secp, spsp, nssf, buf,
			length, cb, arg);
}

int nvt_security_protocols_decode(const void *data, size_t len, uint8_t *list,
				  unsigned max)
{
	const uint8_t *d = data;
	unsigned n, i;

	if (len < NVT_SECP_LIST)
		return -EINVAL;
	/* SPC-4: the list length is big endian */
	n = (unsigned)d[NVT_SECP_LIST_LENGTH] << 8 | d[NVT_SECP_LIST_LENGTH + 1];
	for (i = 0; i < n && i < max && NVT_SECP_LIST + i < len; i++)
		list[i] = d[NVT_SECP_LIST + i];
	return (int)n;
}

int nvt_ctrl_security_protocols(struct nvt_ctrl *ctrl, uint8_t *list,
				unsigned max, unsigned *count)
{
	struct nvt_buf *buf;
	int ret;

	if (!count || (max && !list))
		return nvt_err(ctrl->err, EINVAL,
			       "security_protocols: no count, or no list to hold %u",
			       max);
	*count = 0;
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	ret = nvt_ctrl_security_recv(ctrl, NVT_SECP_INFO,
				     NVT_SPSP_PROTOCOL_LIST, 0, buf, 4096,
				     NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret && ctrl->adminq.latest.status)
		ret = nvt_status_err(ctrl->err, ctrl->adminq.latest.status,
				     "Security Receive (protocol list)");
	if (!ret)
		*count = (unsigned)nvt_security_protocols_decode(nvt_buf_data(buf),
								 4096, list,
								 max);
	nvt_buf_free(buf);
	return ret;
}

/* ---- timestamp ---- */

void nvt_timestamp_decode(const void *data, struct nvt_timestamp *ts)
{
	ts->raw = LE(data, 0, NVT_TIMESTAMP_BYTES);
	ts->ms = ts->raw & NVT_TS_MS_MASK;
	ts->synch = ts->raw & NVT_TS_SYNCH;
	ts->origin = NVT_TS_ORIGIN(ts->raw);
}

int nvt_ctrl_timestamp_get(struct nvt_ctrl *ctrl, struct nvt_timestamp *ts)
{
	uint32_t sqe[16] = { NVT_ADMIN_GET_FEATURES };
	struct nvt_buf *buf;
	int ret;

	if (!ts)
		return nvt_err(ctrl->err, EINVAL, "timestamp_get: no result struct");
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	sqe[10] = NVT_FEAT_TIMESTAMP;
	ret = nvt_ctrl_run(ctrl, sqe, buf, NULL);
	if (!ret)
		nvt_timestamp_decode(nvt_buf_data(buf), ts);
	nvt_buf_free(buf);
	return ret;
}

int nvt_ctrl_timestamp_set(struct nvt_ctrl *ctrl, uint64_t ms)
{
	uint32_t sqe[16] = { NVT_ADMIN_SET_FEATURES };
	struct nvt_buf *buf;
	int ret;

	if (ms > NVT_TS_MS_MASK)
		return nvt_err(ctrl->err, EINVAL,
			       "timestamp_set: %llu ms does not fit 48 bits",
			       (unsigned long long)ms);
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	nvt_buf_set_int(buf, 0, NVT_TIMESTAMP_BYTES - 1, ms);
	sqe[10] = NVT_FEAT_TIMESTAMP;
	ret = nvt_ctrl_run(ctrl, sqe, buf, NULL);
	nvt_buf_free(buf);
	return ret;
}

/* ---- commands supported and effects ---- */

void nvt_cmd_effects_decode(uint32_t entry, struct nvt_cmd_effects *e)
{
	e->raw = entry;
	e->csupp = entry & NVT_CSE_CSUPP;
	e->lbcc = entry & NVT_CSE_LBCC;
	e->ncc = entry & NVT_CSE_NCC;
	e->nic = entry & NVT_CSE_NIC;
	e->ccc = entry & NVT_CSE_CCC;
	e->cse = NVT_CSE_CSE(entry);
	e->uss = entry & NVT_CSE_USS;
}

int nvt_cmd_effects_format(const struct nvt_cmd_effects *e, char *out,
			   size_t len)
{
	char cse[16] = "";

	if (!e->csupp)
		return snprintf(out, len, "unsupported");
	if (e->cse)
		snprintf(cse, sizeof(cse), " CSE=%u", e->cse);
	return snprintf(out, len, "supported%s%s%s%s%s%s",
			e->lbcc ? " LBCC" : "", e->ncc ? " NCC" : "",
			e->nic ? " NIC" : "", e->ccc ? " CCC" : "", cse,
			e->uss ? " USS" : "");
}

int nvt_ctrl_cmd_effects(struct nvt_ctrl *ctrl, uint8_t csi, uint8_t opcode,
			 bool io, struct nvt_cmd_effects *e)
{
	struct nvt_buf *buf;
	uint64_t entry;
	int ret;

	if (!e)
		return nvt_err(ctrl->err, EINVAL, "cmd_effects: no result struct");
	ret = own_buf(ctrl, &buf);
	if (ret)
		return ret;
	ret = read_log(ctrl, NVT_LID_CMD_EFFECTS, NVT_CSE_LOG_BYTES, 0,
		       io ? csi : 0, buf);
	if (!ret) {
		size_t at = (io ? NVT_CSE_IO : NVT_CSE_ADMIN) + 4u * opcode;

		nvt_buf_get_int(buf, at, at + 3, &entry);
		nvt_cmd_effects_decode((uint32_t)entry, e);
	}
	nvt_buf_free(buf);
	return ret;
}

int nvt_ctrl_supports(struct nvt_ctrl *ctrl, uint8_t opcode, bool io,
		      bool *supported)
{
	struct nvt_cmd_effects e;
	int ret;

	if (!supported)
		return nvt_err(ctrl->err, EINVAL, "supports: no result");
	*supported = false;
	ret = nvt_ctrl_cmd_effects(ctrl, NVT_CSI_NVM, opcode, io, &e);
	if (!ret)
		*supported = e.csupp;
	return ret;
}
