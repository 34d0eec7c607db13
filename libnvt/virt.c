// SPDX-License-Identifier: MIT
/*
 * SR-IOV and Virtualization Enhancements: the primary controller's
 * capabilities and secondary controller list (Identify CNS 14h and 15h),
 * Virtualization Management, Namespace Attachment, and where a VF is.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "controller_internal.h"
#include "pcie_internal.h"

#define LE(p, off, bytes) nvt_le_get((const uint8_t *)(p) + (off), (bytes))

void nvt_primary_cap_decode(const void *d, struct nvt_primary_cap *cap)
{
	cap->cntlid = LE(d, NVT_PCC_CNTLID, 2);
	cap->portid = LE(d, NVT_PCC_PORTID, 2);
	cap->crt = LE(d, NVT_PCC_CRT, 1);
	cap->vqfrt = LE(d, NVT_PCC_VQFRT, 4);
	cap->vqrfa = LE(d, NVT_PCC_VQRFA, 4);
	cap->vqrfap = LE(d, NVT_PCC_VQRFAP, 2);
	cap->vqprt = LE(d, NVT_PCC_VQPRT, 2);
	cap->vqfrsm = LE(d, NVT_PCC_VQFRSM, 2);
	cap->vqgran = LE(d, NVT_PCC_VQGRAN, 2);
	cap->vifrt = LE(d, NVT_PCC_VIFRT, 4);
	cap->virfa = LE(d, NVT_PCC_VIRFA, 4);
	cap->virfap = LE(d, NVT_PCC_VIRFAP, 2);
	cap->viprt = LE(d, NVT_PCC_VIPRT, 2);
	cap->vifrsm = LE(d, NVT_PCC_VIFRSM, 2);
	cap->vigran = LE(d, NVT_PCC_VIGRAN, 2);
}

unsigned nvt_secondary_list_decode(const void *d,
				   struct nvt_secondary_ctrl *list,
				   unsigned max)
{
	unsigned n = LE(d, NVT_SCL_NUMID, 1), i;

	if (n > NVT_SCL_MAX_ENTRIES)
		n = NVT_SCL_MAX_ENTRIES;
	for (i = 0; i < n && i < max; i++) {
		unsigned e = NVT_SCL_ENTRY0 + i * NVT_SCL_ENTRY_SIZE;

		list[i].scid = LE(d, e + NVT_SCE_SCID, 2);
		list[i].pcid = LE(d, e + NVT_SCE_PCID, 2);
		list[i].online = LE(d, e + NVT_SCE_SCS, 1) & 1;
		list[i].vfn = LE(d, e + NVT_SCE_VFN, 2);
		list[i].nvq = LE(d, e + NVT_SCE_NVQ, 2);
		list[i].nvi = LE(d, e + NVT_SCE_NVI, 2);
	}
	return n;
}

/*
 * Identify @cns (14h, 15h) into a fresh buffer and hand its data to
 * @decode: 0, the completion status, or a negative errno.
 */
static int identify_decode(struct nvt_ctrl *ctrl, uint8_t cns, uint16_t cntid,
			   const char *what,
			   void (*decode)(const void *data, void *arg),
			   void *arg)
{
	struct nvt_buf *buf;
	uint16_t status;
	int ret;

	ret = nvt_buf_alloc(ctrl->pcie, 4096, &buf);
	if (ret)
		return nvt_err(ctrl->err, -ret, "%s", nvt_pcie_error(ctrl->pcie));
	ret = nvt_ctrl_identify(ctrl, buf, 0, cns, cntid, 0, NULL, NULL);
	if (!ret)
		ret = nvt_ctrl_waitdone(ctrl, 1, NULL);
	if (!ret) {
		status = nvt_ctrl_latest_status(ctrl);
		if (status)
			ret = nvt_status_err(ctrl->err, status, what);
		else
			decode(nvt_buf_data(buf), arg);
	}
	nvt_buf_free(buf);
	return ret;
}

static void decode_primary(const void *data, void *arg)
{
	nvt_primary_cap_decode(data, arg);
}

int nvt_ctrl_primary_cap(struct nvt_ctrl *ctrl, struct nvt_primary_cap *cap)
{
	if (!cap)
		return nvt_err(ctrl->err, EINVAL, "primary_cap: no result struct");
	return identify_decode(ctrl, NVT_CNS_PRIMARY_CTRL_CAP, 0,
			       "Identify Primary Controller Capabilities",
			       decode_primary, cap);
}

struct secondary_out {
	struct nvt_secondary_ctrl *list;
	unsigned max;
	unsigned *count;
};

static void decode_secondary(const void *data, void *arg)
{
	struct secondary_out *o = arg;

	*o->count = nvt_secondary_list_decode(data, o->list, o->max);
}

int nvt_ctrl_secondary_list(struct nvt_ctrl *ctrl, uint16_t first,
			    struct nvt_secondary_ctrl *list, unsigned max,
			    unsigned *count)
{
	struct secondary_out o = { list, max, count };

	if (!list || !count)
		return nvt_err(ctrl->err, EINVAL,
			       "secondary_list: no list or count");
	*count = 0;
	return identify_decode(ctrl, NVT_CNS_SECONDARY_CTRL_LIST, first,
			       "Identify Secondary Controller List",
			       decode_secondary, &o);
}

int nvt_ctrl_virt_mgmt(struct nvt_ctrl *ctrl, uint8_t action, uint8_t rt,
		       uint16_t cntlid, uint16_t nr, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_VIRT_MGMT };

	if (action > 0xf || rt > 0x7)
		return nvt_err(ctrl->err, EINVAL,
			       "Virtualization Management: action %u must fit 4 bits and resource type %u 3 bits",
			       action, rt);
	sqe[10] = NVT_VIRT_CDW10(action, rt, cntlid);
	sqe[11] = nr;
	return nvt_ctrl_send_cmd(ctrl, sqe, NULL, cb, arg);
}

int nvt_ctrl_ns_attach(struct nvt_ctrl *ctrl, uint32_t nsid, bool detach,
		       const uint16_t *cntids, unsigned count,
		       struct nvt_buf *buf, nvt_cpl_fn cb, void *arg)
{
	uint32_t sqe[16] = { NVT_ADMIN_NS_ATTACH, nsid };
	uint8_t *p;
	unsigned i;

	if (!buf || nvt_buf_size(buf) < 4096)
		return nvt_err(ctrl->err, EINVAL,
			       "Namespace Attachment: needs a DMA buffer window of 4096 bytes");
	if (count > NVT_CTRL_LIST_MAX || (count && !cntids))
		return nvt_err(ctrl->err, EINVAL,
			       "Namespace Attachment: %u controllers (a list holds 0..%u)",
			       count, NVT_CTRL_LIST_MAX);
	/* the Controller List: a count, then the identifiers, little endian */
	p = nvt_buf_data(buf) + nvt_buf_offset(buf);
	memset(p, 0, 4096);
	p[0] = count & 0xff;
	p[1] = count >> 8;
	for (i = 0; i < count; i++) {
		p[2 + 2 * i] = cntids[i] & 0xff;
		p[3 + 2 * i] = cntids[i] >> 8;
	}
	sqe[10] = detach ? NVT_NS_ATTACH_SEL_DETACH : NVT_NS_ATTACH_SEL_ATTACH;
	return nvt_ctrl_send_cmd(ctrl, sqe, buf, cb, arg);
}

/* The function a sysfs link @path points at, or -ENOENT: no such link. */
static int link_bdf(const char *path, char *out, size_t len)
{
	char link[PATH_MAX];
	const char *name;
	ssize_t n = readlink(path, link, sizeof(link) - 1);

	if (n < 0)
		return -ENOENT;
	link[n] = '\0';
	name = strrchr(link, '/');
	return nvt_bdf_normalize(name ? name + 1 : link, out, len);
}

int nvt_sriov_vf_bdf(const char *pf_bdf, unsigned vfid, char *out, size_t len)
{
	char pf[16], path[128];

	if (nvt_bdf_normalize(pf_bdf, pf, sizeof(pf)) || !vfid || !out ||
	    len < 13)
		return -EINVAL;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s", pf);
	if (access(path, F_OK))
		return -ENODEV;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/sriov_totalvfs", pf);
	if (access(path, F_OK))
		return -ENOTSUP;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/virtfn%u", pf, vfid - 1);
	return link_bdf(path, out, len);
}

int nvt_sriov_physfn(const char *bdf, char *pf, size_t len)
{
	char dev[16], path[128];

	if (nvt_bdf_normalize(bdf, dev, sizeof(dev)) || !pf || len < 13)
		return -EINVAL;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s", dev);
	if (access(path, F_OK))
		return -ENODEV;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/physfn", dev);
	return link_bdf(path, pf, len);
}
