// SPDX-License-Identifier: MIT
/*
 * The names and functions expressions see: variables, the last command's
 * completion (dw0, status, sct, sc, cid, latency, value), the device
 * (nsid, id_ctrl.*, id_ns.*, ns.*, reg.*, pcie.*, ctrl.*), buffers
 * (<buf>.size, <buf>.data(last, first), <buf>.str(last, first),
 * <buf>.ascii(last, first)) and raw
 * access (id_ctrl(l, f), id_ns(l, f), reg(off), reg64(off), cfg(off, w),
 * cap_offset(id), ext_cap_offset(id)).
 */
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "device.h"
#include "exec.h"
#include "run.h"
#include "scope.h"

static int env_err(char *err, size_t errlen, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int env_err(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return ret;
}

/* The controller for a lookup; its failure becomes the lookup's error. */
static struct nvt_ctrl *env_ctrl(struct exec *x, char *err, size_t errlen)
{
	struct nvt_ctrl *ctrl = exec_ctrl(x);

	if (!ctrl)
		snprintf(err, errlen, "%s", x->msg);
	return ctrl;
}

static int bytes_int(const uint8_t *p, unsigned last, unsigned first,
		     int64_t *out, char *err, size_t errlen)
{
	if (last < first || last >= 4096 || last - first >= 8)
		return env_err(err, errlen, -EINVAL,
			       "byte range %u..%u: at most 8 bytes within 0..4095",
			       first, last);
	*out = (int64_t)nvt_le_get(p + first, last - first + 1);
	return 0;
}

static void bytes_str(const uint8_t *p, unsigned last, unsigned first,
		      struct val *out)
{
	size_t n = last - first + 1;

	if (n >= VAL_STR_MAX)
		n = VAL_STR_MAX - 1;
	out->is_str = true;
	out->i = 0;
	memcpy(out->s, p + first, n);
	out->s[n] = 0;
	while (n && (out->s[n - 1] == ' ' || !out->s[n - 1]))
		out->s[--n] = 0;
}

/* Identify Namespace of the namespace under test, read once per test. */
static const uint8_t *env_id_ns(struct exec *x, char *err, size_t errlen)
{
	struct runner *r = x->r;
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
	struct nvt_buf *buf;
	int ret;

	if (!ctrl)
		return NULL;
	if (r->have_id_ns)
		return r->id_ns;
	if (!r->nsid) {
		env_err(err, errlen, -ENOENT,
			"the controller has no active namespace");
		return NULL;
	}
	ret = nvt_buf_alloc(r->pcie, 4096, &buf);
	if (ret) {
		env_err(err, errlen, ret, "%s", nvt_pcie_error(r->pcie));
		return NULL;
	}
	ret = nvt_ctrl_identify(ctrl, buf, r->nsid, NVT_CNS_NS, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret) {
		env_err(err, errlen, ret, "identify namespace %u: %s", r->nsid,
			nvt_ctrl_error(ctrl));
	} else if (nvt_ctrl_latest_status(ctrl)) {
		ret = -EIO;
		env_err(err, errlen, ret,
			"identify namespace %u failed with status %02x/%02x",
			r->nsid, nvt_ctrl_latest_status(ctrl) >> 8,
			nvt_ctrl_latest_status(ctrl) & 0xff);
	} else {
		memcpy(r->id_ns, nvt_buf_data(buf), sizeof(r->id_ns));
		r->have_id_ns = true;
	}
	nvt_buf_free(buf);
	return ret ? NULL : r->id_ns;
}

static int id_field(const struct nvt_id_field *tab, size_t count,
		    const uint8_t *data, const char *what, const char *name,
		    struct val *out, char *err, size_t errlen)
{
	const struct nvt_id_field *f = nvt_id_field_find(tab, count, name);

	if (!f)
		return env_err(err, errlen, -ENOENT,
			       "%s has no field '%s' (nvt info lists them)",
			       what, name);
	if (f->is_string) {
		bytes_str(data, f->last, f->first, out);
		return 0;
	}
	if (f->last - f->first >= 8)
		return env_err(err, errlen, -EINVAL,
			       "%s.%s is %u bytes: use %s(%u, %u)", what, name,
			       f->last - f->first + 1, what, f->last, f->first);
	out->is_str = false;
	return bytes_int(data, f->last, f->first, &out->i, err, errlen);
}


/*
 * The command set of the namespace under test, from its Identification
 * Descriptor list (CNS 03h); NVM (0) when the list has no CSI descriptor.
 */
static int env_ns_csi(struct exec *x, char *err, size_t errlen)
{
	struct runner *r = x->r;
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
	const uint8_t *d;
	struct nvt_buf *buf;
	size_t off = 0;
	int ret, csi = 0;

	if (!ctrl)
		return -EIO;
	ret = nvt_buf_alloc(r->pcie, 4096, &buf);
	if (ret)
		return env_err(err, errlen, ret, "%s", nvt_pcie_error(r->pcie));
	ret = nvt_ctrl_identify(ctrl, buf, r->nsid, NVT_CNS_NS_DESC_LIST, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret) {
		env_err(err, errlen, ret, "identify descriptors of namespace %u: %s",
			r->nsid, nvt_ctrl_error(ctrl));
		goto out;
	}
	/* before NVMe 1.3 there is no list: the namespace is NVM */
	if (nvt_ctrl_latest_status(ctrl))
		goto out;
	d = nvt_buf_data(buf);
	while (off + 4 <= 4096 && d[off]) {
		if (d[off] == NVT_NIDT_CSI && d[off + 1] >= 1) {
			csi = d[off + 4];
			break;
		}
		off += 4 + d[off + 1];
	}
out:
	nvt_buf_free(buf);
	return ret ? ret : csi;
}

static int ns_property(struct exec *x, const char *name, struct val *out,
		       char *err, size_t errlen)
{
	const uint8_t *id, *lbaf;
	int64_t v, lba_size, meta_size;
	unsigned fmt;
	bool extended;

	if (!strcmp(name, "nsid")) {
		if (!env_ctrl(x, err, errlen))
			return -EIO;
		val_int(out, x->r->nsid);
		return 0;
	}
	if (!strcmp(name, "miscompares") || !strcmp(name, "datacheck")) {
		struct nvt_ns *ns = exec_ns(x);
		uint64_t n = 0;

		if (!ns)
			return env_err(err, errlen, -EIO, "%s", x->msg);
		if (name[0] == 'd') {
			val_int(out, nvt_ns_datacheck_enabled(ns));
			return 0;
		}
		if (nvt_ns_datacheck_miscompares(ns, &n))
			return env_err(err, errlen, -EIO, "%s",
				       nvt_ns_error(ns));
		val_int(out, (int64_t)n);
		return 0;
	}
	if (!strcmp(name, "zone_size")) {
		struct nvt_ns *ns = exec_ns(x);
		uint64_t zsze = 0;

		if (!ns)
			return env_err(err, errlen, -EIO, "%s", x->msg);
		if (nvt_ns_csi(ns) == NVT_CSI_ZNS &&
		    nvt_ns_zone_size(ns, &zsze))
			return env_err(err, errlen, -EIO, "%s",
				       nvt_ns_error(ns));
		val_int(out, (int64_t)zsze);
		return 0;
	}
	if (!strcmp(name, "max_lbas")) {	/* in MDTS, without PRACT */
		struct nvt_ns *ns = exec_ns(x);

		if (!ns)
			return env_err(err, errlen, -EIO, "%s", x->msg);
		val_int(out, nvt_ns_max_lbas(ns, 0));
		return 0;
	}
	if (!strcmp(name, "pi_bytes") || !strcmp(name, "pif")) {
		struct nvt_ns *ns = exec_ns(x);

		if (!ns)
			return env_err(err, errlen, -EIO, "%s", x->msg);
		/* pif: -1 without protection information */
		val_int(out, name[1] == 'i' ? (int64_t)nvt_ns_pi_bytes(ns) :
			     nvt_ns_pi_bytes(ns) ? nvt_ns_pi_format(ns) : -1);
		return 0;
	}
	if (!strcmp(name, "csi") || !strcmp(name, "zoned")) {
		int csi = env_ns_csi(x, err, errlen);

		if (csi < 0)
			return csi;
		val_int(out, name[0] == 'c' ? csi : csi == NVT_CSI_ZNS);
		return 0;
	}
	id = env_id_ns(x, err, errlen);
	if (!id)
		return -EIO;
	fmt = NVT_FLBAS_INDEX(id[NVT_IDNS_FLBAS]);
	lbaf = id + NVT_IDNS_LBAF + 4 * fmt;
	lba_size = lbaf[NVT_LBAF_LBADS] < 63 ? 1LL << lbaf[NVT_LBAF_LBADS] : 0;
	meta_size = nvt_le_get(lbaf + NVT_LBAF_MS, 2);
	extended = !!(id[NVT_IDNS_FLBAS] & NVT_FLBAS_EXTENDED);
	if (!strcmp(name, "nsze"))
		v = nvt_le_get(id + NVT_IDNS_NSZE, 8);
	else if (!strcmp(name, "ncap"))
		v = nvt_le_get(id + NVT_IDNS_NCAP, 8);
	else if (!strcmp(name, "nuse"))
		v = nvt_le_get(id + NVT_IDNS_NUSE, 8);
	else if (!strcmp(name, "sector_size"))
		v = lba_size;
	else if (!strcmp(name, "meta_size"))
		v = meta_size;
	else if (!strcmp(name, "lbaf"))
		v = fmt;
	else if (!strcmp(name, "nlbaf"))
		v = id[NVT_IDNS_NLBAF] + 1;
	else if (!strcmp(name, "extended"))
		v = extended;
	else if (!strcmp(name, "lba_bytes"))	/* per LBA in a data buffer */
		v = lba_size + (extended ? meta_size : 0);
	else
		return env_err(err, errlen, -ENOENT,
			       "ns has no property '%s' (nsid, nsze, ncap, nuse, sector_size, meta_size, lbaf, nlbaf, extended, lba_bytes, max_lbas, pi_bytes, pif, csi, zoned, zone_size, datacheck, miscompares)",
			       name);
	val_int(out, v);
	return 0;
}

static const struct {
	const char *name;
	uint16_t offset;
	uint8_t width;
	uint8_t shift;
} pcie_fields[] = {
	{ "vid", 0x00, 2, 0 }, { "did", 0x02, 2, 0 },
	{ "command", 0x04, 2, 0 }, { "status", 0x06, 2, 0 },
	{ "rev", 0x08, 1, 0 }, { "class", 0x08, 4, 8 },
	{ "header", 0x0e, 1, 0 }, { "ssvid", 0x2c, 2, 0 },
	{ "ssid", 0x2e, 2, 0 }, { "cap_ptr", 0x34, 1, 0 },
	{ "irq_pin", 0x3d, 1, 0 },
};

/* The link and the power state (NVT_IOC_PCIE), or -ENOENT for another name. */
static int pcie_link_property(struct exec *x, const char *name,
			      struct val *out, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		size_t offset;
	} fields[] = {
#define LINK_FIELD(f) { #f, offsetof(struct nvt_pcie_link, f) }
		LINK_FIELD(speed), LINK_FIELD(width), LINK_FIELD(max_speed),
		LINK_FIELD(max_width), LINK_FIELD(target_speed),
		LINK_FIELD(aspm), LINK_FIELD(aspm_up), LINK_FIELD(aspm_support),
#undef LINK_FIELD
	};
	struct nvt_pcie_link link;
	unsigned state;
	size_t i;
	int ret;

	if (!strcmp(name, "d_state")) {
		ret = nvt_pcie_d_state_get(x->r->pcie, &state);
		if (ret)
			return env_err(err, errlen, ret == -ENOENT ? -EIO : ret,
				       "%s", nvt_pcie_error(x->r->pcie));
		val_int(out, state);
		return 0;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(fields[i].name, name))
			break;
	if (i == sizeof(fields) / sizeof(fields[0]))
		return -ENOENT;
	ret = nvt_pcie_link_info(x->r->pcie, &link);
	if (ret)
		return env_err(err, errlen, ret == -ENOENT ? -EIO : ret, "%s",
			       nvt_pcie_error(x->r->pcie));
	val_int(out, *(const unsigned *)((const char *)&link + fields[i].offset));
	return 0;
}

/*
 * The function's IDs as the specifications give them (a VF's vendor and
 * device are its PF's), or -ENOENT for another name.
 */
static int pcie_ids_property(struct exec *x, const char *name,
			     struct val *out, char *err, size_t errlen)
{
	struct nvt_pcie_ids ids;
	int ret;

	if (strcmp(name, "vendor") && strcmp(name, "device") &&
	    strcmp(name, "vf"))
		return -ENOENT;
	ret = nvt_pcie_ids_get(x->r->pcie, &ids);
	if (ret)
		return env_err(err, errlen, ret == -ENOENT ? -EIO : ret, "%s",
			       nvt_pcie_error(x->r->pcie));
	val_int(out, !strcmp(name, "vendor") ? ids.vendor :
		     !strcmp(name, "device") ? ids.device : ids.vf);
	return 0;
}

static int pcie_property(struct exec *x, const char *name, struct val *out,
			 char *err, size_t errlen)
{
	struct nvt_ctrl *ctrl;
	uint32_t v;
	size_t i;
	int ret;

	/* asked of the bus and of nvt.ko: they hold while the power is off */
	if (!strcmp(name, "on_bus") || !strcmp(name, "alive")) {
		val_int(out, name[0] == 'o' ? nvt_pcie_on_bus(x->r->pcie) :
					      nvt_pcie_alive(x->r->pcie));
		return 0;
	}
	ctrl = env_ctrl(x, err, errlen);
	if (!ctrl)
		return -EIO;
	if (!strcmp(name, "bdf")) {
		val_str(out, nvt_pcie_bdf(x->r->pcie));
		return 0;
	}
	ret = pcie_link_property(x, name, out, err, errlen);
	if (ret != -ENOENT)
		return ret;
	ret = pcie_ids_property(x, name, out, err, errlen);
	if (ret != -ENOENT)
		return ret;
	for (i = 0; i < sizeof(pcie_fields) / sizeof(pcie_fields[0]); i++) {
		if (strcmp(pcie_fields[i].name, name))
			continue;
		if (nvt_pcie_cfg_read(x->r->pcie, pcie_fields[i].offset,
				      pcie_fields[i].width, &v))
			return env_err(err, errlen, -EIO, "%s",
				       nvt_pcie_error(x->r->pcie));
		val_int(out, v >> pcie_fields[i].shift);
		return 0;
	}
	return env_err(err, errlen, -ENOENT,
		       "pcie has no property '%s' (bdf, on_bus, alive, vendor, device, vf, vid, did, command, status, rev, class, header, ssvid, ssid, cap_ptr, irq_pin, speed, width, max_speed, max_width, target_speed, aspm, aspm_up, aspm_support, d_state)",
		       name);
}

static int reg_property(struct exec *x, const char *name, struct val *out,
			char *err, size_t errlen)
{
	const struct nvt_reg_name *reg = nvt_reg_find(name);
	struct nvt_ctrl *ctrl;
	uint64_t v64;
	uint32_t v32;
	int ret;

	if (!reg)
		return env_err(err, errlen, -ENOENT,
			       "no controller register '%s' (cap, vs, cc, csts, aqa, asq, acq, cmbloc, cmbsz, ...)",
			       name);
	ctrl = env_ctrl(x, err, errlen);
	if (!ctrl)
		return -EIO;
	if (reg->width == 64) {
		ret = nvt_ctrl_reg_read64(ctrl, reg->offset, &v64);
	} else {
		ret = nvt_ctrl_reg_read32(ctrl, reg->offset, &v32);
		v64 = v32;
	}
	if (ret)
		return env_err(err, errlen, ret, "%s", nvt_ctrl_error(ctrl));
	val_int(out, (int64_t)v64);
	return 0;
}

/* Power: is a power controller configured, is the device off now? */
static int subsys_property(struct exec *x, const char *name, struct val *out,
			   char *err, size_t errlen)
{
	struct nvt_subsys *s = exec_subsys(x);

	if (!s)
		return env_err(err, errlen, -EIO, "%s", x->msg);
	if (!strcmp(name, "power_control"))
		val_int(out, nvt_subsys_has_power(s));
	else
		val_int(out, nvt_subsys_powered_off(s));
	return 0;
}

/* May steps hand the controller addresses of their own (raw prp1/prp2)? */
static int raw_dma_property(struct nvt_ctrl *ctrl, struct val *out, char *err,
			    size_t errlen)
{
	struct nvt_pcie *pcie = nvt_ctrl_pcie(ctrl);
	int ret = nvt_pcie_raw_dma_allowed(pcie);

	if (ret < 0)
		return env_err(err, errlen, ret, "%s", nvt_pcie_error(pcie));
	val_int(out, ret);
	return 0;
}

static int ctrl_property(struct exec *x, const char *name, struct val *out,
			 char *err, size_t errlen)
{
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);

	if (!ctrl)
		return -EIO;
	if (!strcmp(name, "mdts"))
		val_int(out, (int64_t)nvt_ctrl_mdts(ctrl));
	else if (!strcmp(name, "ns_count"))
		val_int(out, nvt_ctrl_ns_count(ctrl));
	else if (!strcmp(name, "aer_count"))
		val_int(out, nvt_ctrl_aer_count(ctrl, NULL));
	else if (!strcmp(name, "outstanding"))
		val_int(out, nvt_ctrl_outstanding(ctrl));
	else if (!strcmp(name, "power_control") ||
		 !strcmp(name, "powered_off"))
		return subsys_property(x, name, out, err, errlen);
	else if (!strcmp(name, "raw_dma"))
		return raw_dma_property(ctrl, out, err, errlen);
	else
		return env_err(err, errlen, -ENOENT,
			       "ctrl has no property '%s' (mdts in bytes, ns_count, aer_count, outstanding, power_control, powered_off, raw_dma)",
			       name);
	return 0;
}

static int last_result(struct exec *x, const char *name, struct val *out)
{
	const struct step_result_view *l = &x->last;

	if (!strcmp(name, "value") && l->have_value) {
		*out = l->value;
		return 0;
	}
	if (!l->have_cmd)
		return -ENOENT;
	if (!strcmp(name, "dw0"))
		val_int(out, l->dw0);
	else if (!strcmp(name, "status"))
		val_int(out, l->status);
	else if (!strcmp(name, "sct"))
		val_int(out, l->status >> 8);
	else if (!strcmp(name, "sc"))
		val_int(out, l->status & 0xff);
	else if (!strcmp(name, "cid"))
		val_int(out, l->cid);
	else if (!strcmp(name, "latency"))
		val_int(out, l->latency_us);
	else
		return -ENOENT;
	return 0;
}

/* <qpair>.irq_count, .irq_pending, .flags; <cq>.head, <sq>.tail, .qid, .entries */
static int queue_property(struct exec *x, const char *head, const char *prop,
			  struct val *out, char *err, size_t errlen)
{
	const struct scope_rawq *rq = scope_rawq(x->scope, head);
	struct nvt_qpair *q = scope_qpair(x->scope, head);
	uint64_t count;
	int ret;

	if (rq) {
		if (!strcmp(prop, "qid"))
			val_int(out, rq->cq ? nvt_rawcq_id(rq->cq) :
				nvt_rawsq_id(rq->sq));
		else if (!strcmp(prop, "entries"))
			val_int(out, rq->cq ? nvt_rawcq_entries(rq->cq) :
				nvt_rawsq_entries(rq->sq));
		else if (rq->cq && !strcmp(prop, "head"))
			val_int(out, nvt_rawcq_head(rq->cq));
		else if (rq->sq && !strcmp(prop, "tail"))
			val_int(out, nvt_rawsq_tail(rq->sq));
		else
			return env_err(err, errlen, -ENOENT,
				       "raw %s '%s' has qid, entries, %s",
				       rq->cq ? "CQ" : "SQ", head,
				       rq->cq ? "head, cqe(i).<field>, phase(i)" :
				       "tail");
		return 0;
	}
	if (!q)
		return -ENOENT;
	if (!strcmp(prop, "irq_count")) {
		ret = nvt_qpair_irq_count(q, &count);
		val_int(out, (int64_t)count);
	} else if (!strcmp(prop, "irq_pending")) {
		ret = nvt_qpair_irq_pending(q);
		val_int(out, ret);
	} else if (!strcmp(prop, "flags")) {
		ret = 0;
		val_int(out, nvt_qpair_latest_flags(q));
	} else if (!strcmp(prop, "qid")) {
		ret = 0;
		val_int(out, nvt_qpair_id(q));
	} else {
		return env_err(err, errlen, -ENOENT,
			       "qpair '%s' has qid, irq_count, irq_pending, flags",
			       head);
	}
	if (ret < 0)
		return env_err(err, errlen, ret, "%s", nvt_qpair_error(q));
	return 0;
}

/* <cq>.cqe(i).<field> and <cq>.phase(i): an entry of a raw CQ's ring. */
static int rawcq_call(struct nvt_rawcq *cq, const char *head,
		      const char *method, const struct val *args,
		      unsigned nargs, struct val *out, char *err,
		      size_t errlen)
{
	static const char *const fields =
		"status, sct, sc, cid, sqhd, sqid, phase, dnr, more, dw0, dw1, dw2, dw3";
	union nvt_cqe cqe;
	const char *f;
	int ret;

	if (nargs != 1 || args[0].is_str || args[0].i < 0 ||
	    args[0].i > UINT32_MAX)
		return env_err(err, errlen, -EINVAL,
			       "%s.%s(i): one entry index", head, method);
	if (!strcmp(method, "phase")) {
		ret = nvt_rawcq_phase(cq, (unsigned)args[0].i);
		if (ret < 0)
			return env_err(err, errlen, ret, "%s",
				       nvt_rawcq_error(cq));
		val_int(out, ret);
		return 0;
	}
	if (strncmp(method, "cqe.", 4))
		return env_err(err, errlen, -ENOENT,
			       "raw CQ '%s': %s.cqe(i).<field> (%s) or %s.phase(i)",
			       head, head, fields, head);
	f = method + 4;
	ret = nvt_rawcq_entry(cq, (unsigned)args[0].i, &cqe);
	if (ret)
		return env_err(err, errlen, ret, "%s", nvt_rawcq_error(cq));
	if (!strcmp(f, "status"))
		val_int(out, nvt_cqe_status(cqe.dw));
	else if (!strcmp(f, "sct"))
		val_int(out, nvt_cqe_status(cqe.dw) >> 8);
	else if (!strcmp(f, "sc"))
		val_int(out, nvt_cqe_status(cqe.dw) & 0xff);
	else if (!strcmp(f, "cid"))
		val_int(out, nvt_cqe_cid(cqe.dw));
	else if (!strcmp(f, "sqhd"))
		val_int(out, nvt_cqe_sqhd(cqe.dw));
	else if (!strcmp(f, "sqid"))
		val_int(out, nvt_cqe_sqid(cqe.dw));
	else if (!strcmp(f, "phase"))
		val_int(out, nvt_cqe_phase(cqe.dw));
	else if (!strcmp(f, "dnr"))
		val_int(out, nvt_cqe_dnr(cqe.dw));
	else if (!strcmp(f, "more"))
		val_int(out, nvt_cqe_more(cqe.dw));
	else if (f[0] == 'd' && f[1] == 'w' && f[2] >= '0' && f[2] <= '3' &&
		 !f[3])
		val_int(out, cqe.dw[f[2] - '0']);
	else
		return env_err(err, errlen, -ENOENT,
			       "%s.cqe(i).%s: the fields are %s", head, f,
			       fields);
	return 0;
}

/*
 * primary.<field>: Identify Primary Controller Capabilities, read live;
 * secondary.count and secondary(i).<field>: the Secondary Controller
 * List (entry i, from 0), read live.
 */
static int primary_property(struct exec *x, const char *name,
			    struct val *out, char *err, size_t errlen)
{
	static const char fields[] =
		"cntlid, portid, crt, vqfrt, vqrfa, vqrfap, vqprt, vqfrsm, vqgran, vifrt, virfa, virfap, viprt, vifrsm, vigran";
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
	struct nvt_primary_cap c;
	int ret;

	if (!ctrl)
		return -EIO;
	ret = nvt_ctrl_primary_cap(ctrl, &c);
	if (ret)
		return env_err(err, errlen, ret < 0 ? ret : -EIO, "%s",
			       nvt_ctrl_error(ctrl));
#define F(f) if (!strcmp(name, #f)) { val_int(out, c.f); return 0; }
	F(cntlid) F(portid) F(crt) F(vqfrt) F(vqrfa) F(vqrfap) F(vqprt)
	F(vqfrsm) F(vqgran) F(vifrt) F(virfa) F(virfap) F(viprt) F(vifrsm)
	F(vigran)
#undef F
	return env_err(err, errlen, -ENOENT, "primary.%s: the fields are %s",
		       name, fields);
}

static int secondary_entry(struct exec *x, int64_t index, const char *name,
			   struct val *out, char *err, size_t errlen)
{
	struct nvt_secondary_ctrl list[NVT_SCL_MAX_ENTRIES], *e;
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
	unsigned n;
	int ret;

	if (!ctrl)
		return -EIO;
	ret = nvt_ctrl_secondary_list(ctrl, 0, list, NVT_SCL_MAX_ENTRIES, &n);
	if (ret)
		return env_err(err, errlen, ret < 0 ? ret : -EIO, "%s",
			       nvt_ctrl_error(ctrl));
	if (index < 0) {
		val_int(out, n);
		return 0;
	}
	if (index >= n || index >= NVT_SCL_MAX_ENTRIES)
		return env_err(err, errlen, -ERANGE,
			       "secondary(%lld): the list has %u entries",
			       (long long)index, n);
	e = &list[index];
	if (!strcmp(name, "scid"))
		val_int(out, e->scid);
	else if (!strcmp(name, "pcid"))
		val_int(out, e->pcid);
	else if (!strcmp(name, "online"))
		val_int(out, e->online);
	else if (!strcmp(name, "vfn"))
		val_int(out, e->vfn);
	else if (!strcmp(name, "nvq"))
		val_int(out, e->nvq);
	else if (!strcmp(name, "nvi"))
		val_int(out, e->nvi);
	else
		return env_err(err, errlen, -ENOENT,
			       "secondary(i).%s: the fields are scid, pcid, online, vfn, nvq, nvi",
			       name);
	return 0;
}

static int env_lookup(void *ctx, const char *name, struct val *out,
		      char *err, size_t errlen)
{
	struct exec *x = ctx;
	const struct val *v = scope_get(x->scope, name);
	const char *dot = strchr(name, '.');
	char head[64];
	struct nvt_buf *buf;

	if (v) {
		*out = *v;
		return 0;
	}
	if (!last_result(x, name, out))
		return 0;
	if (!strcmp(name, "seed")) {
		val_int(out, (int64_t)x->r->opts->seed);
		return 0;
	}
	if (!strcmp(name, "nsid"))
		return ns_property(x, "nsid", out, err, errlen);
	if (!dot || (size_t)(dot - name) >= sizeof(head))
		return -ENOENT;
	snprintf(head, sizeof(head), "%.*s", (int)(dot - name), name);
	dot++;
	if (!strcmp(head, "id_ctrl")) {
		struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
		const struct nvt_id_field *tab;
		size_t n;

		if (!ctrl)
			return -EIO;
		tab = nvt_id_ctrl_fields(&n);
		return id_field(tab, n, nvt_ctrl_id_raw(ctrl), "id_ctrl", dot,
				out, err, errlen);
	}
	if (!strcmp(head, "id_ns")) {
		const uint8_t *id = env_id_ns(x, err, errlen);
		const struct nvt_id_field *tab;
		size_t n;

		if (!id)
			return -EIO;
		tab = nvt_id_ns_fields(&n);
		return id_field(tab, n, id, "id_ns", dot, out, err, errlen);
	}
	if (!strcmp(head, "ns"))
		return ns_property(x, dot, out, err, errlen);
	if (!strcmp(head, "reg"))
		return reg_property(x, dot, out, err, errlen);
	if (!strcmp(head, "pcie"))
		return pcie_property(x, dot, out, err, errlen);
	if (!strcmp(head, "ctrl"))
		return ctrl_property(x, dot, out, err, errlen);
	if (!strcmp(head, "primary"))
		return primary_property(x, dot, out, err, errlen);
	if (!strcmp(name, "secondary.count"))
		return secondary_entry(x, -1, NULL, out, err, errlen);
	buf = scope_buf(x->scope, head);
	if (buf) {
		if (!strcmp(dot, "size"))
			val_int(out, (int64_t)nvt_buf_length(buf));
		else if (!strcmp(dot, "offset"))
			val_int(out, (int64_t)nvt_buf_offset(buf));
		else if (!strcmp(dot, "window"))
			val_int(out, (int64_t)nvt_buf_size(buf));
		else if (!strcmp(dot, "dma"))	/* of the window's start */
			val_int(out, (int64_t)nvt_buf_dma(buf));
		else
			return env_err(err, errlen, -ENOENT,
				       "buffer '%s' has size, offset, window, dma, data(last, first), str(last, first) and ascii(last, first)",
				       head);
		return 0;
	}
	return queue_property(x, head, dot, out, err, errlen);
}

/* Arguments (last[, first]) of a byte-range call, as in buf.data(3, 0). */
static int range_args(const char *fn, const struct val *args, unsigned nargs,
		      int64_t *last, int64_t *first, char *err, size_t errlen)
{
	unsigned i;

	if (nargs < 1 || nargs > 2)
		return env_err(err, errlen, -EINVAL,
			       "%s(last, first) takes 1 or 2 arguments", fn);
	for (i = 0; i < nargs; i++)
		if (args[i].is_str || args[i].i < 0)
			return env_err(err, errlen, -EINVAL,
				       "%s(): byte offsets are numbers >= 0", fn);
	*last = args[0].i;
	*first = nargs == 2 ? args[1].i : args[0].i;
	if (*first > *last)
		return env_err(err, errlen, -EINVAL,
			       "%s(last, first): last %lld is before first %lld",
			       fn, (long long)*last, (long long)*first);
	return 0;
}

static int buf_call(struct exec *x, struct nvt_buf *buf, const char *name,
		    const char *method, const struct val *args,
		    unsigned nargs, struct val *out, char *err, size_t errlen)
{
	int64_t last, first;
	uint16_t seed = 0;
	uint64_t v;
	int ret;

	if (strcmp(method, "data") && strcmp(method, "str") &&
	    strcmp(method, "ascii") && strcmp(method, "crc16"))
		return env_err(err, errlen, -ENOENT,
			       "buffer '%s' has data(last, first), str(last, first), ascii(last, first) and crc16(last, first[, crc])",
			       name);
	if (!strcmp(method, "crc16") && nargs == 3) {
		/* the CRC of bytes before, to go on from */
		if (args[2].is_str || args[2].i < 0 || args[2].i > 0xffff)
			return env_err(err, errlen, -EINVAL,
				       "crc16(last, first, crc): crc is 0..0xffff");
		seed = (uint16_t)args[2].i;
		nargs = 2;
	}
	ret = range_args(method, args, nargs, &last, &first, err, errlen);
	if (ret)
		return ret;
	if ((uint64_t)last >= nvt_buf_length(buf))
		return env_err(err, errlen, -EINVAL,
			       "%s.%s(): byte %lld is beyond the buffer's %zu bytes",
			       name, method, (long long)last,
			       nvt_buf_length(buf));
	if (!strcmp(method, "ascii")) {
		/* 1 when every byte is printable ASCII (20h..7Eh), as the
		 * string fields of identify data must be */
		const uint8_t *p = nvt_buf_data(buf);
		int64_t i;

		val_int(out, 1);
		for (i = first; i <= last; i++)
			if (p[i] < 0x20 || p[i] > 0x7e)
				val_int(out, 0);
		return 0;
	}
	if (!strcmp(method, "crc16")) {
		/* a protection information Guard over bytes first..last */
		val_int(out, nvt_crc16_t10dif(seed, nvt_buf_data(buf) + first,
					      (size_t)(last - first + 1)));
		return 0;
	}
	if (!strcmp(method, "str")) {
		out->is_str = true;
		out->i = 0;
		nvt_buf_get_str(buf, first, last, out->s, sizeof(out->s));
		return 0;
	}
	if (last - first >= 8)
		return env_err(err, errlen, -EINVAL,
			       "%s.data(): at most 8 bytes as a number", name);
	nvt_buf_get_int(buf, first, last, &v);
	val_int(out, (int64_t)v);
	return 0;
}

static int int_arg(const char *fn, const struct val *args, unsigned nargs,
		   unsigned min, unsigned max, char *err, size_t errlen)
{
	unsigned i;

	if (nargs < min || nargs > max)
		return env_err(err, errlen, -EINVAL,
			       "%s() takes %u%s%s argument%s", fn, min,
			       max > min ? " or " : "",
			       max > min ? (max == 2 ? "2" : "more") : "",
			       max > 1 ? "s" : "");
	for (i = 0; i < nargs; i++)
		if (args[i].is_str || args[i].i < 0)
			return env_err(err, errlen, -EINVAL,
				       "%s(): arguments are numbers >= 0", fn);
	return 0;
}

/*
 * supports(opcode[, io]) and effects(opcode[, io]).<field>: the Commands
 * Supported and Effects entry of an admin opcode (io 0) or an I/O opcode
 * of the NVM command set (io 1), read live.
 */
static int effects_call(struct exec *x, const char *field,
			const struct val *args, unsigned nargs,
			struct val *out, char *err, size_t errlen)
{
	static const char fields[] =
		"csupp, lbcc, ncc, nic, ccc, cse, uss, raw";
	const char *fn = field ? "effects" : "supports";
	struct nvt_ctrl *ctrl = env_ctrl(x, err, errlen);
	struct nvt_cmd_effects e;
	int ret;

	if (!ctrl)
		return -EIO;
	ret = int_arg(fn, args, nargs, 1, 2, err, errlen);
	if (ret)
		return ret;
	if (args[0].i > 0xff || (nargs > 1 && args[1].i > 1))
		return env_err(err, errlen, -EINVAL,
			       "%s(opcode, io): an opcode 0..255, io 0 (admin) or 1 (I/O)",
			       fn);
	ret = nvt_ctrl_cmd_effects(ctrl, NVT_CSI_NVM, args[0].i,
				   nargs > 1 && args[1].i, &e);
	if (ret)
		return env_err(err, errlen, ret < 0 ? ret : -EIO, "%s(): %s",
			       fn, nvt_ctrl_error(ctrl));
	if (!field || !strcmp(field, "csupp"))
		val_int(out, e.csupp);
	else if (!strcmp(field, "lbcc"))
		val_int(out, e.lbcc);
	else if (!strcmp(field, "ncc"))
		val_int(out, e.ncc);
	else if (!strcmp(field, "nic"))
		val_int(out, e.nic);
	else if (!strcmp(field, "ccc"))
		val_int(out, e.ccc);
	else if (!strcmp(field, "cse"))
		val_int(out, e.cse);
	else if (!strcmp(field, "uss"))
		val_int(out, e.uss);
	else if (!strcmp(field, "raw"))
		val_int(out, e.raw);
	else
		return env_err(err, errlen, -EINVAL,
			       "effects(opcode, io).%s: the fields are %s",
			       field, fields);
	return 0;
}

static int device_call(struct exec *x, const char *name,
		       const struct val *args, unsigned nargs,
		       struct val *out, char *err, size_t errlen)
{
	struct nvt_ctrl *ctrl;
	int64_t last, first;
	uint64_t v64;
	uint32_t v32;
	int ret;

	if (!strcmp(name, "id_ctrl") || !strcmp(name, "id_ns")) {
		const uint8_t *id;

		ret = range_args(name, args, nargs, &last, &first, err, errlen);
		if (ret)
			return ret;
		ctrl = env_ctrl(x, err, errlen);
		if (!ctrl)
			return -EIO;
		id = name[3] == 'c' ? nvt_ctrl_id_raw(ctrl) :
		     env_id_ns(x, err, errlen);
		if (!id)
			return -EIO;
		out->is_str = false;
		return bytes_int(id, last, first, &out->i, err, errlen);
	}
	if (!strcmp(name, "reg") || !strcmp(name, "reg64")) {
		ret = int_arg(name, args, nargs, 1, 1, err, errlen);
		if (ret)
			return ret;
		ctrl = env_ctrl(x, err, errlen);
		if (!ctrl)
			return -EIO;
		if (name[3]) {
			ret = nvt_ctrl_reg_read64(ctrl, args[0].i, &v64);
		} else {
			ret = nvt_ctrl_reg_read32(ctrl, args[0].i, &v32);
			v64 = v32;
		}
		if (ret)
			return env_err(err, errlen, ret, "%s",
				       nvt_ctrl_error(ctrl));
		val_int(out, (int64_t)v64);
		return 0;
	}
	if (!strcmp(name, "cfg")) {
		ret = int_arg(name, args, nargs, 1, 2, err, errlen);
		if (ret)
			return ret;
		if (!env_ctrl(x, err, errlen))
			return -EIO;
		ret = nvt_pcie_cfg_read(x->r->pcie, args[0].i,
					nargs > 1 ? args[1].i : 4, &v32);
		if (ret)
			return env_err(err, errlen, ret, "%s",
				       nvt_pcie_error(x->r->pcie));
		val_int(out, v32);
		return 0;
	}
	if (!strcmp(name, "supports"))
		return effects_call(x, NULL, args, nargs, out, err, errlen);
	if (!strcmp(name, "cap_offset") || !strcmp(name, "ext_cap_offset")) {
		ret = int_arg(name, args, nargs, 1, 1, err, errlen);
		if (ret)
			return ret;
		if (!env_ctrl(x, err, errlen))
			return -EIO;
		ret = name[0] == 'c' ?
		      nvt_pcie_cap_offset(x->r->pcie, args[0].i) :
		      nvt_pcie_ext_cap_offset(x->r->pcie, args[0].i);
		if (ret < 0 && ret != -ENOENT)
			return env_err(err, errlen, ret, "%s",
				       nvt_pcie_error(x->r->pcie));
		/* absent: 0, never a valid capability offset */
		val_int(out, ret < 0 ? 0 : ret);
		return 0;
	}
	return -ENOENT;
}

static int env_call(void *ctx, const char *name, const struct val *args,
		    unsigned nargs, struct val *out, char *err, size_t errlen)
{
	struct exec *x = ctx;
	const char *dot = strrchr(name, '.');
	const char *first = strchr(name, '.');
	const struct scope_rawq *rq;
	char head[64];
	struct nvt_buf *buf;

	if (!dot)
		return device_call(x, name, args, nargs, out, err, errlen);
	if ((size_t)(first - name) < sizeof(head)) {
		snprintf(head, sizeof(head), "%.*s", (int)(first - name), name);
		rq = scope_rawq(x->scope, head);
		if (rq && rq->cq)
			return rawcq_call(rq->cq, head, first + 1, args, nargs,
					  out, err, errlen);
	}
	if ((size_t)(dot - name) >= sizeof(head))
		return -ENOENT;
	snprintf(head, sizeof(head), "%.*s", (int)(dot - name), name);
	if (!strcmp(head, "effects"))
		return effects_call(x, dot + 1, args, nargs, out, err, errlen);
	if (!strcmp(head, "secondary")) {
		int ret = int_arg(name, args, nargs, 1, 1, err, errlen);

		return ret ? ret : secondary_entry(x, args[0].i, dot + 1, out,
						   err, errlen);
	}
	buf = scope_buf(x->scope, head);
	if (!buf)
		return -ENOENT;
	return buf_call(x, buf, head, dot + 1, args, nargs, out, err, errlen);
}

void exec_env_init(struct exec *x)
{
	x->env.lookup = env_lookup;
	x->env.call = env_call;
	x->env.ctx = x;
}
