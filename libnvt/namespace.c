// SPDX-License-Identifier: MIT
/* nvt_ns: a namespace's format, and the NVM and zoned commands on it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller_internal.h"

#define FORMAT_TIMEOUT_MS	600000	/* nvt_ns_format() by default */


struct nvt_ns {
	struct nvt_ctrl *ctrl;
	uint32_t nsid;
	uint8_t id[4096];
	uint8_t csi;
	unsigned lbaf;
	uint32_t sector_size;
	uint16_t meta_size;
	bool extended;
	uint8_t pif;		/* NVT_PIF_*, with protection information */
	uint8_t pi_bytes;	/* 0 without protection information */
	char err[NVT_ERR_LEN];
};

static int datacheck_ioctl(struct nvt_ns *ns, struct nvt_datacheck *v);

uint32_t nvt_ns_id(const struct nvt_ns *ns)
{
	return ns->nsid;
}

const char *nvt_ns_error(const struct nvt_ns *ns)
{
	return ns->err;
}

struct nvt_ctrl *nvt_ns_ctrl(const struct nvt_ns *ns)
{
	return ns->ctrl;
}

uint64_t nvt_ns_size(const struct nvt_ns *ns)
{
	return nvt_le_get(ns->id + NVT_IDNS_NSZE, 8);
}

uint64_t nvt_ns_capacity(const struct nvt_ns *ns)
{
	return nvt_le_get(ns->id + NVT_IDNS_NCAP, 8);
}

uint32_t nvt_ns_sector_size(const struct nvt_ns *ns)
{
	return ns->sector_size;
}

uint16_t nvt_ns_meta_size(const struct nvt_ns *ns)
{
	return ns->meta_size;
}

bool nvt_ns_extended(const struct nvt_ns *ns)
{
	return ns->extended;
}

unsigned nvt_ns_pi_bytes(const struct nvt_ns *ns)
{
	return ns->pi_bytes;
}

int nvt_ns_pi_format(const struct nvt_ns *ns)
{
	return ns->pi_bytes ? ns->pif : -ENODATA;
}

unsigned nvt_ns_lba_format(const struct nvt_ns *ns)
{
	return ns->lbaf;
}

uint8_t nvt_ns_csi(const struct nvt_ns *ns)
{
	return ns->csi;
}

const uint8_t *nvt_ns_id_raw(const struct nvt_ns *ns)
{
	return ns->id;
}

int nvt_ns_id_field(struct nvt_ns *ns, const char *name,
		    uint64_t *value)
{
	const struct nvt_id_field *tab, *f;
	size_t n;

	tab = nvt_id_ns_fields(&n);
	f = nvt_id_field_find(tab, n, name);
	if (!f)
		return nvt_err(ns->err, ENOENT,
			       "Identify Namespace has no field '%s'", name);
	if (f->is_string || f->last - f->first >= 8)
		return nvt_err(ns->err, EINVAL,
			       "Identify Namespace field '%s' is not a number",
			       name);
	*value = nvt_le_get(ns->id + f->first, f->last - f->first + 1);
	return 0;
}

int nvt_ns_get_lba_format(const struct nvt_ns *ns, uint32_t data_size,
			  uint16_t meta_size)
{
	unsigned i, n = ns->id[NVT_IDNS_NLBAF] + 1u;

	for (i = 0; i < n && i < 64; i++) {
		const uint8_t *lbaf = ns->id + NVT_IDNS_LBAF + 4 * i;
		unsigned lbads = lbaf[NVT_LBAF_LBADS];

		if (lbads >= 9 && lbads < 32 && (1u << lbads) == data_size &&
		    nvt_le_get(lbaf + NVT_LBAF_MS, 2) == meta_size)
			return i;
	}
	return -ENOENT;
}

size_t nvt_ns_data_bytes(const struct nvt_ns *ns, uint32_t count)
{
	return (size_t)count * (ns->sector_size +
				(ns->extended ? ns->meta_size : 0));
}

size_t nvt_ns_meta_bytes(const struct nvt_ns *ns, uint32_t count)
{
	return ns->extended ? 0 : (size_t)count * ns->meta_size;
}

/*
 * PRACT with end-to-end protection on a format whose metadata is the
 * protection information alone: the controller makes (writes) or takes
 * away (reads) the PI, and none of the metadata is moved.
 */
static bool pract_moves_no_meta(const struct nvt_ns *ns, uint16_t flags)
{
	return (flags & NVT_IO_PRACT) &&
	       NVT_DPS_TYPE(ns->id[NVT_IDNS_DPS]) &&
	       ns->meta_size == ns->pi_bytes;
}

size_t nvt_ns_io_bytes(const struct nvt_ns *ns, uint32_t count,
		       uint16_t flags, size_t *meta)
{
	bool no_meta = pract_moves_no_meta(ns, flags);

	if (meta)
		*meta = no_meta ? 0 : nvt_ns_meta_bytes(ns, count);
	if (no_meta)
		return (size_t)count * ns->sector_size;
	return nvt_ns_data_bytes(ns, count);
}

uint32_t nvt_ns_max_lbas(const struct nvt_ns *ns, uint16_t flags)
{
	uint64_t mdts = nvt_ctrl_mdts(ns->ctrl);
	size_t per_lba = nvt_ns_io_bytes(ns, 1, flags, NULL);

	/* separate metadata goes through MPTR: MDTS leaves it out */
	if (!mdts || !per_lba || mdts / per_lba >= 65536)
		return 65536;
	return (uint32_t)(mdts / per_lba);
}

/*
 * Identify: CNS 00h for the format, CNS 03h for the command set, CNS 05h
 * (CSI 00h) for the protection information format.
 */
static int identify(struct nvt_ns *ns, struct nvt_buf *buf, uint8_t cns)
{
	struct nvt_ctrl *ctrl = ns->ctrl;
	int ret;

	memset(nvt_buf_data(buf), 0, 4096);
	ret = nvt_ctrl_identify(ctrl, buf, ns->nsid, cns, 0, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret)
		return nvt_err_pass(ns->err, ret, ctrl->err);
	return ctrl->adminq.latest.status;
}

/*
 * The protection information of the format in use: 8 bytes with a 16-bit
 * guard; a 32- or 64-bit guard makes it 16, which needs 16 bytes of
 * metadata or more and is told by the Extended LBA Format of the NVM
 * Command Set's Identify Namespace (NVM Command Set 1.0c, Extended LBA
 * Format: PIF).  A controller that answers CNS 05h with an error predates
 * the larger guards.
 */
static int pi_format(struct nvt_ns *ns, struct nvt_buf *buf)
{
	const uint8_t *elbaf;
	int ret;

	ns->pif = NVT_PIF_16B_GUARD;
	ns->pi_bytes = 0;
	if (!NVT_DPS_TYPE(ns->id[NVT_IDNS_DPS]))
		return 0;
	ns->pi_bytes = NVT_PI_BYTES;
	if (ns->meta_size < NVT_PI_LARGE_BYTES)
		return 0;
	ret = identify(ns, buf, NVT_CNS_CSI_NS);
	if (ret > 0)
		return 0;
	if (ret)
		return ret;
	elbaf = (const uint8_t *)nvt_buf_data(buf) + NVT_IDNS_NVM_ELBAF +
		4 * ns->lbaf;
	ns->pif = NVT_ELBAF_PIF(nvt_le_get(elbaf, 4));
	if (ns->pif != NVT_PIF_16B_GUARD)
		ns->pi_bytes = NVT_PI_LARGE_BYTES;
	return 0;
}

int nvt_ns_refresh(struct nvt_ns *ns)
{
	struct nvt_ctrl *ctrl = ns->ctrl;
	struct nvt_buf *buf;
	const uint8_t *d, *lbaf;
	size_t off;
	int ret;

	ret = nvt_buf_alloc(ctrl->pcie, 4096, &buf);
	if (ret)
		return nvt_err(ns->err, -ret, "%s", nvt_pcie_error(ctrl->pcie));
	ret = identify(ns, buf, 0);
	if (ret > 0) {
		ret = nvt_status_err(ns->err, ret, "Identify Namespace");
		goto out;
	}
	if (ret)
		goto out;
	memcpy(ns->id, nvt_buf_data(buf), sizeof(ns->id));
	if (!nvt_ns_size(ns)) {
		ret = nvt_err(ns->err, ENOENT,
			      "namespace %u is not active (NSZE 0)", ns->nsid);
		goto out;
	}
	ns->lbaf = NVT_FLBAS_INDEX(ns->id[NVT_IDNS_FLBAS]);
	lbaf = ns->id + NVT_IDNS_LBAF + 4 * ns->lbaf;
	if (lbaf[NVT_LBAF_LBADS] < 9 || lbaf[NVT_LBAF_LBADS] > 31) {
		ret = nvt_err(ns->err, EINVAL,
			      "namespace %u: LBA format %u has LBADS %u",
			      ns->nsid, ns->lbaf, lbaf[NVT_LBAF_LBADS]);
		goto out;
	}
	ns->sector_size = 1u << lbaf[NVT_LBAF_LBADS];
	ns->meta_size = nvt_le_get(lbaf + NVT_LBAF_MS, 2);
	ns->extended = ns->id[NVT_IDNS_FLBAS] & NVT_FLBAS_EXTENDED;
	ret = pi_format(ns, buf);
	if (ret)
		goto out;

	/* the command set: a CSI descriptor, NVM when there is none */
	ns->csi = 0;
	if (identify(ns, buf, 3) == 0) {
		d = nvt_buf_data(buf);
		for (off = 0; off + 4 <= 4096 && d[off]; off += 4 + d[off + 1]) {
			if (d[off] == NVT_NIDT_CSI) {
				ns->csi = d[off + 4];
				break;
			}
		}
	}
	ret = 0;
out:
	nvt_buf_free(buf);
	return ret;
}

int nvt_ns_open(struct nvt_ctrl *ctrl, uint32_t nsid, struct nvt_ns **out)
{
	struct nvt_ns *ns;
	int ret;

	*out = NULL;
	if (!nsid || nsid == 0xffffffff)
		return nvt_err(ctrl->err, EINVAL,
			       "namespace ID %u: must be 1..FFFFFFFEh", nsid);
	ns = calloc(1, sizeof(*ns));
	if (!ns)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	ns->ctrl = ctrl;
	ns->nsid = nsid;
	ret = nvt_ns_refresh(ns);
	if (ret) {
		/* no namespace to keep the message: its controller keeps it */
		nvt_err_pass(ctrl->err, ret, ns->err);
		free(ns);
		return ret;
	}
	*out = ns;
	return 0;
}

void nvt_ns_close(struct nvt_ns *ns)
{
	free(ns);
}

/* Send on @q; the qpair's message of a failure becomes the namespace's. */
static int ns_send(struct nvt_ns *ns, struct nvt_qpair *q,
		   const uint32_t sqe[16], const struct nvt_data *data,
		   nvt_cpl_fn cb, void *arg)
{
	return nvt_err_pass(ns->err, nvt_qpair_send(q, sqe, data, cb, arg),
			    nvt_qpair_error(q));
}

/* An NVM command with SLBA/NLB, its data and metadata checked. */
static int send_io(struct nvt_ns *ns, struct nvt_qpair *q, uint8_t opc,
		   const struct nvt_io *io, bool moves_data)
{
	const char *name = nvt_io_opcode_name(opc);
	uint32_t sqe[16] = { 0 };
	struct nvt_data d = { .dptr = NVT_DPTR_PRP };

	if (!io->count || io->count > 65536)
		return nvt_err(ns->err, EINVAL,
			       "%s: %u LBAs, must be 1..65536", name, io->count);
	sqe[0] = opc;
	sqe[1] = ns->nsid;
	sqe[10] = (uint32_t)io->lba;
	sqe[11] = (uint32_t)(io->lba >> 32);
	sqe[12] = (io->count - 1) | (uint32_t)io->flags << 16;
	sqe[13] = io->cdw13;
	sqe[14] = io->cdw14;
	sqe[15] = io->cdw15;
	d.timeout_ms = io->data.timeout_ms;
	if (moves_data) {
		size_t meta;

		d = io->data;
		if (!d.buf)
			return nvt_err(ns->err, EINVAL,
				       "%s: no data buffer", name);
		d.length = nvt_ns_io_bytes(ns, io->count, io->flags, &meta);
		if (d.length > nvt_buf_size(d.buf))
			return nvt_err(ns->err, ERANGE,
				       "%s of %u LBAs moves %zu bytes; the buffer's window has %zu",
				       name, io->count, d.length,
				       nvt_buf_size(d.buf));
		if (meta && !d.meta)
			return nvt_err(ns->err, EINVAL,
				       "%s: namespace %u has %u bytes of separate metadata per LBA: give a metadata buffer",
				       name, ns->nsid, ns->meta_size);
		if (d.meta) {
			d.meta_length = meta ? meta : d.meta_length;
			if (d.meta_length > nvt_buf_size(d.meta))
				return nvt_err(ns->err, ERANGE,
					       "%s: %zu bytes of metadata; its buffer's window has %zu",
					       name, d.meta_length,
					       nvt_buf_size(d.meta));
		}
	}
	return ns_send(ns, q, sqe, &d, io->cb, io->arg);
}

int nvt_ns_read(struct nvt_ns *ns, struct nvt_qpair *q,
		const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_READ, io, true);
}

int nvt_ns_write(struct nvt_ns *ns, struct nvt_qpair *q,
		 const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_WRITE, io, true);
}

int nvt_ns_compare(struct nvt_ns *ns, struct nvt_qpair *q,
		   const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_COMPARE, io, true);
}

int nvt_ns_verify(struct nvt_ns *ns, struct nvt_qpair *q,
		  const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_VERIFY, io, false);
}

int nvt_ns_write_zeroes(struct nvt_ns *ns, struct nvt_qpair *q,
			const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_WRITE_ZEROES, io, false);
}

int nvt_ns_write_uncor(struct nvt_ns *ns, struct nvt_qpair *q,
		       const struct nvt_io *io)
{
	return send_io(ns, q, NVT_NVM_WRITE_UNCOR, io, false);
}

int nvt_ns_zone_append(struct nvt_ns *ns, struct nvt_qpair *q,
		       const struct nvt_io *io)
{
	return send_io(ns, q, NVT_ZNS_APPEND, io, true);
}

int nvt_ns_flush(struct nvt_ns *ns, struct nvt_qpair *q, nvt_cpl_fn cb,
		 void *arg)
{
	uint32_t sqe[16] = { NVT_NVM_FLUSH, ns->nsid };

	return ns_send(ns, q, sqe, NULL, cb, arg);
}

/* A command whose data is a list of @nr entries of @entry bytes. */
static int send_list(struct nvt_ns *ns, struct nvt_qpair *q, uint32_t sqe[16],
		     struct nvt_buf *list, unsigned nr, size_t entry,
		     nvt_cpl_fn cb, void *arg)
{
	struct nvt_data d = { .buf = list, .length = nr * entry };
	const char *name = nvt_io_opcode_name(sqe[0] & 0xff);

	if (!nr || nr > 256)
		return nvt_err(ns->err, EINVAL,
			       "%s: %u ranges, must be 1..256", name, nr);
	if (!list || d.length > nvt_buf_size(list))
		return nvt_err(ns->err, ERANGE,
			       "%s: %u ranges need %zu bytes in the buffer's window",
			       name, nr, d.length);
	return ns_send(ns, q, sqe, &d, cb, arg);
}

int nvt_ns_dsm(struct nvt_ns *ns, struct nvt_qpair *q, struct nvt_buf *ranges,
	       unsigned nr, uint32_t attr, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_NVM_DSM, ns->nsid };

	sqe[10] = nr - 1;
	sqe[11] = attr;
	return send_list(ns, q, sqe, ranges, nr, 16, cb, arg);
}

int nvt_ns_copy(struct nvt_ns *ns, struct nvt_qpair *q, struct nvt_buf *ranges,
		unsigned nr, uint64_t sdlba, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_NVM_COPY, ns->nsid };

	sqe[10] = (uint32_t)sdlba;
	sqe[11] = (uint32_t)(sdlba >> 32);
	sqe[12] = (nr - 1) & 0xff;	/* NR, descriptor format 0 */
	return send_list(ns, q, sqe, ranges, nr, 32, cb, arg);
}

int nvt_ns_zone_send(struct nvt_ns *ns, struct nvt_qpair *q, uint64_t slba,
		     uint8_t action, bool all, const struct nvt_data *data,
		     nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ZNS_MGMT_SEND, ns->nsid };

	sqe[10] = (uint32_t)slba;
	sqe[11] = (uint32_t)(slba >> 32);
	sqe[13] = action | (all ? 1u << 8 : 0);
	return ns_send(ns, q, sqe, data && data->buf ? data : NULL, cb, arg);
}

int nvt_ns_zone_recv(struct nvt_ns *ns, struct nvt_qpair *q, uint64_t slba,
		     uint8_t action, uint8_t afield, bool partial,
		     const struct nvt_data *data, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ZNS_MGMT_RECV, ns->nsid };
	size_t len;

	if (!data || !data->buf)
		return nvt_err(ns->err, EINVAL,
			       "Zone Management Receive: no data buffer");
	len = data->length ? data->length : nvt_buf_size(data->buf);
	if (len < 4 || len % 4)
		return nvt_err(ns->err, EINVAL,
			       "Zone Management Receive: %zu bytes, must be a multiple of 4",
			       len);
	sqe[10] = (uint32_t)slba;
	sqe[11] = (uint32_t)(slba >> 32);
	sqe[12] = len / 4 - 1;		/* NUMD, 0's based */
	sqe[13] = action | (uint32_t)afield << 8 | (partial ? 1u << 16 : 0);
	return ns_send(ns, q, sqe, data, cb, arg);
}

int nvt_ns_send_cmd(struct nvt_ns *ns, struct nvt_qpair *q,
		    const uint32_t sqe[16], const struct nvt_data *data,
		    nvt_cpl_fn cb, void *arg)
{
	uint32_t s[16];

	memcpy(s, sqe, sizeof(s));
	if (!s[1])
		s[1] = ns->nsid;
	return ns_send(ns, q, s, data && data->buf ? data : NULL, cb, arg);
}

int nvt_ns_format(struct nvt_ns *ns, unsigned lbaf, unsigned ses, unsigned pi,
		  bool pil, bool mset, unsigned timeout_ms)
{
	struct nvt_ctrl *ctrl = ns->ctrl;
	uint32_t sqe[16] = { NVT_ADMIN_FORMAT_NVM, ns->nsid };
	struct nvt_datacheck v = { .op = NVT_DATACHECK_INFO };
	bool verifying = datacheck_ioctl(ns, &v) == 0;
	struct nvt_data data = { 0 };
	int ret;

	if (lbaf > 63 || ses > 7 || pi > 7)
		return nvt_err(ns->err, EINVAL,
			       "format: LBAF 0..63, SES 0..7, PI 0..7");
	sqe[10] = (lbaf & 0xf) | (mset ? 1u << 4 : 0) | (pi << 5) |
		  (pil ? 1u << 8 : 0) | (ses << 9) | ((lbaf >> 4) & 3) << 12;
	/* a timeout of this command's own: the test's per-opcode ones stay */
	data.timeout_ms = timeout_ms ? timeout_ms : FORMAT_TIMEOUT_MS;
	ret = nvt_ctrl_send(ctrl, sqe, &data, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (ret)
		return nvt_err_pass(ns->err, ret, ctrl->err);
	if (ctrl->adminq.latest.status)
		return nvt_status_err(ns->err, ctrl->adminq.latest.status,
				      "Format NVM");
	ret = nvt_ns_refresh(ns);
	/* the table follows the new format (nvt.ko emptied it) */
	if (!ret && verifying)
		ret = nvt_ns_datacheck_enable(ns, v.flags & NVT_DATACHECK_STAMP,
					   v.nlba < nvt_ns_size(ns) ?
					   v.nlba : 0);
	return ret;
}

int nvt_ns_zone_size(struct nvt_ns *ns, uint64_t *zsze)
{
	struct nvt_ctrl *ctrl = ns->ctrl;
	struct nvt_buf *buf;
	int ret;

	*zsze = 0;
	if (ns->csi != 2)
		return nvt_err(ns->err, EINVAL, "namespace %u is not zoned",
			       ns->nsid);
	ret = nvt_buf_alloc(ctrl->pcie, 4096, &buf);
	if (ret)
		return nvt_err(ns->err, -ret, "%s", nvt_pcie_error(ctrl->pcie));
	/* CNS 05h, CSI 02h: the zoned command set's Identify Namespace */
	ret = nvt_ctrl_identify(ctrl, buf, ns->nsid, NVT_CNS_CSI_NS, 0, NVT_CSI_ZNS, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	nvt_err_pass(ns->err, ret, ctrl->err);
	if (!ret && ctrl->adminq.latest.status)
		ret = nvt_status_err(ns->err, ctrl->adminq.latest.status,
				     "zoned Identify Namespace");
	if (!ret)	/* LBA Format Extension of the format in use: ZSZE */
		*zsze = nvt_le_get(nvt_buf_data(buf) + NVT_IDNS_ZNS_LBAFE +
				   16 * ns->lbaf, 8);
	nvt_buf_free(buf);
	return ret;
}

/* ---- data verification ---- */

static int datacheck_ioctl(struct nvt_ns *ns, struct nvt_datacheck *v)
{
	v->argsz = sizeof(*v);
	v->nsid = ns->nsid;
	return nvt_ioctl(ns->ctrl->fd, NVT_IOC_DATACHECK, v);
}

int nvt_ns_datacheck_enable(struct nvt_ns *ns, bool stamp, uint64_t nlba)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_ENABLE };
	int ret;

	v.nlba = nlba ? nlba : nvt_ns_size(ns);
	if (v.nlba > nvt_ns_size(ns))
		return nvt_err(ns->err, EINVAL,
			       "datacheck: %llu LBAs, but namespace %u has %llu",
			       (unsigned long long)v.nlba, ns->nsid,
			       (unsigned long long)nvt_ns_size(ns));
	v.lba_size = ns->sector_size;
	v.lba_stride = nvt_ns_data_bytes(ns, 1);
	v.flags = stamp ? NVT_DATACHECK_STAMP : 0;
	if (ns->csi == 2) {
		uint64_t zsze = 0;

		/* zone size of the format in use: I/O command set specific */
		nvt_ns_zone_size(ns, &zsze);
		v.zone_size = zsze;
	}
	ret = datacheck_ioctl(ns, &v);
	if (ret == -ENOMEM) {
		nvt_ctrl_warn(ns->ctrl, "not enough memory for the verification table of namespace %u (%llu LBAs): verification is off",
			      ns->nsid, (unsigned long long)v.nlba);
		return nvt_err(ns->err, ENOMEM,
			       "datacheck: no memory for %llu LBAs",
			       (unsigned long long)v.nlba);
	}
	if (ret)
		return nvt_err(ns->err, -ret,
			       "datacheck: enabling on namespace %u: %s", ns->nsid,
			       strerror(-ret));
	return 0;
}

int nvt_ns_datacheck_disable(struct nvt_ns *ns)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_DISABLE };
	int ret = datacheck_ioctl(ns, &v);

	if (ret && ret != -ENOENT)
		return nvt_err(ns->err, -ret, "datacheck: %s",
			       strerror(-ret));
	return 0;
}

bool nvt_ns_datacheck_enabled(struct nvt_ns *ns)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_INFO };

	return datacheck_ioctl(ns, &v) == 0;
}

int nvt_ns_datacheck_miscompares(struct nvt_ns *ns, uint64_t *count)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_INFO };
	int ret = datacheck_ioctl(ns, &v);

	if (ret)
		return nvt_err(ns->err, -ret,
			       "datacheck: namespace %u: %s", ns->nsid,
			       ret == -ENOENT ? "verification is off" :
			       strerror(-ret));
	*count = v.miscompares;
	return 0;
}

#define DATACHECK_CHUNK	(1u << 20)
/* 2: nvt.ko's check values are a multiplicative hash (1: a CRC-32) */
#define VERIFY_MAGIC	"nvt-verify-2"
#define VERIFY_MAGIC_CRC	"nvt-verify-1"

/* File: a header line "nvt-verify-2 nsid nlba lba_size", then the table. */
int nvt_ns_datacheck_save(struct nvt_ns *ns, const char *path)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_INFO };
	uint8_t *chunk;
	uint64_t at;
	FILE *f;
	int ret = datacheck_ioctl(ns, &v);

	if (ret)
		return nvt_err(ns->err, -ret, "datacheck save: %s",
			       ret == -ENOENT ? "verification is off" :
			       strerror(-ret));
	chunk = malloc(DATACHECK_CHUNK);
	f = chunk ? fopen(path, "wb") : NULL;
	if (!f) {
		ret = nvt_err(ns->err, chunk ? errno : ENOMEM,
			      "datacheck save: %s: %s", path,
			      chunk ? strerror(errno) : "out of memory");
		free(chunk);
		return ret;
	}
	fprintf(f, "%s %u %llu %u\n", VERIFY_MAGIC, ns->nsid,
		(unsigned long long)v.nlba, v.lba_size);
	for (at = 0; at < v.nlba && !ret; at += DATACHECK_CHUNK) {
		struct nvt_datacheck g = { .op = NVT_DATACHECK_GET, .first = at };

		g.count = v.nlba - at < DATACHECK_CHUNK ? v.nlba - at : DATACHECK_CHUNK;
		g.data = (uintptr_t)chunk;
		ret = datacheck_ioctl(ns, &g);
		if (ret)
			ret = nvt_err(ns->err, -ret, "datacheck save: %s",
				      strerror(-ret));
		else if (fwrite(chunk, 1, g.count, f) != g.count)
			ret = nvt_err(ns->err, EIO, "datacheck save: %s: %s",
				      path, strerror(errno));
	}
	if (fclose(f) && !ret)
		ret = nvt_err(ns->err, EIO, "datacheck save: %s: %s", path,
			      strerror(errno));
	free(chunk);
	return ret;
}

int nvt_ns_datacheck_load(struct nvt_ns *ns, const char *path)
{
	struct nvt_datacheck v = { .op = NVT_DATACHECK_INFO };
	unsigned long long nlba;
	unsigned nsid, lba_size;
	char magic[32] = "";
	uint8_t *chunk;
	uint64_t at;
	FILE *f;
	int ret = datacheck_ioctl(ns, &v);

	if (ret)
		return nvt_err(ns->err, -ret, "datacheck load: %s",
			       ret == -ENOENT ? "verification is off" :
			       strerror(-ret));
	f = fopen(path, "rb");
	if (!f)
		return nvt_err(ns->err, errno, "datacheck load: %s: %s",
			       path, strerror(errno));
	if (fscanf(f, "%31s %u %llu %u", magic, &nsid, &nlba, &lba_size) != 4 ||
	    strcmp(magic, VERIFY_MAGIC) || fgetc(f) != '\n') {
		fclose(f);
		if (!strcmp(magic, VERIFY_MAGIC_CRC))
			return nvt_err(ns->err, EINVAL,
				       "datacheck load: %s holds the CRC-32 check values of an earlier nvt, which this one does not compute",
				       path);
		return nvt_err(ns->err, EINVAL,
			       "datacheck load: %s is not a verification table",
			       path);
	}
	if (nlba != v.nlba || lba_size != v.lba_size) {
		fclose(f);
		return nvt_err(ns->err, EINVAL,
			       "datacheck load: %s has %llu LBAs of %u bytes; the table here has %llu of %u",
			       path, nlba, lba_size,
			       (unsigned long long)v.nlba, v.lba_size);
	}
	chunk = malloc(DATACHECK_CHUNK);
	if (!chunk) {
		fclose(f);
		return nvt_err(ns->err, ENOMEM, "out of memory");
	}
	for (at = 0; at < v.nlba && !ret; at += DATACHECK_CHUNK) {
		struct nvt_datacheck s = { .op = NVT_DATACHECK_SET, .first = at };

		s.count = v.nlba - at < DATACHECK_CHUNK ? v.nlba - at : DATACHECK_CHUNK;
		s.data = (uintptr_t)chunk;
		if (fread(chunk, 1, s.count, f) != s.count) {
			ret = nvt_err(ns->err, EINVAL,
				      "datacheck load: %s is truncated", path);
			break;
		}
		ret = datacheck_ioctl(ns, &s);
		if (ret)
			ret = nvt_err(ns->err, -ret, "datacheck load: %s",
				      strerror(-ret));
	}
	fclose(f);
	free(chunk);
	return ret;
}
