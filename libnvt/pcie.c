// SPDX-License-Identifier: MIT
/* nvt_pcie: open a device bound to nvt.ko and reach its config space and BARs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/pci_regs.h>

#include "internal.h"
#include "pcie_internal.h"

#define NVT_CLASS "/sys/class/nvt"

int nvt_bdf_normalize(const char *in, char *out, size_t len)
{
	unsigned dom = 0, bus, dev, fn;
	char tail;

	/* sscanf's %x would take "0x" prefixes and signs: allow digits only */
	if (!in || !*in || strspn(in, "0123456789abcdefABCDEF:.") != strlen(in))
		return -EINVAL;
	if (sscanf(in, "%x:%x:%x.%x%c", &dom, &bus, &dev, &fn, &tail) != 4) {
		dom = 0;
		if (sscanf(in, "%x:%x.%x%c", &bus, &dev, &fn, &tail) != 3)
			return -EINVAL;
	}
	if (dom > 0xffff || bus > 0xff || dev > 0x1f || fn > 7)
		return -EINVAL;
	snprintf(out, len, "%04x:%02x:%02x.%x", dom, bus, dev, fn);
	return 0;
}

/* The nvtN name under /sys/bus/pci/devices/<bdf>/nvt/, or -ENODEV. */
int nvt_pcie_find_node(const char *bdf, char *name, size_t len)
{
	char path[128];
	struct dirent *d;
	DIR *dir;
	int ret = -ENODEV;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/nvt", bdf);
	dir = opendir(path);
	if (!dir)
		return -ENODEV;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "nvt", 3) == 0) {
			snprintf(name, len, "%.*s", (int)len - 1, d->d_name);
			ret = 0;
			break;
		}
	}
	closedir(dir);
	return ret;
}

/* The BDF of the only device bound to nvt. */
static int find_only_device(char *bdf, size_t len, char *errbuf, size_t errlen)
{
	char path[300], link[300];
	struct dirent *d;
	unsigned found = 0;
	DIR *dir;
	ssize_t n;

	dir = opendir(NVT_CLASS);
	if (!dir)
		return nvt_errn(errbuf, errlen, ENODEV,
				"nvt.ko is not loaded (no " NVT_CLASS "); run 'nvt setup'");
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "nvt", 3) != 0)
			continue;
		snprintf(path, sizeof(path), NVT_CLASS "/%s/device", d->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		if (found++ == 0) {
			const char *base = strrchr(link, '/');

			snprintf(bdf, len, "%.*s", (int)len - 1,
				 base ? base + 1 : link);
		}
	}
	closedir(dir);
	if (found == 0)
		return nvt_errn(errbuf, errlen, ENODEV,
				"no device is bound to nvt; run 'nvt setup'");
	if (found > 1)
		return nvt_errn(errbuf, errlen, EINVAL,
				"%u devices are bound to nvt; name one by its BDF", found);
	return 0;
}

int nvt_pcie_open(const char *bdf, struct nvt_pcie **out,
		  char *errbuf, size_t errlen)
{
	struct nvt_pcie *p;
	char node[32], path[64];
	int ret;

	if (!out)
		return nvt_errn(errbuf, errlen, EINVAL, "nvt_pcie_open: out is NULL");
	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	p->fd = -1;
	atomic_init(&p->refs, 1);

	if (!bdf || !*bdf) {
		ret = find_only_device(p->bdf, sizeof(p->bdf), errbuf, errlen);
		if (ret)
			goto fail;
	} else if (nvt_bdf_normalize(bdf, p->bdf, sizeof(p->bdf))) {
		ret = nvt_errn(errbuf, errlen, EINVAL,
			       "'%s' is not a PCI address (DDDD:BB:DD.F)", bdf);
		goto fail;
	}

	ret = nvt_pcie_find_node(p->bdf, node, sizeof(node));
	if (ret) {
		ret = nvt_errn(errbuf, errlen, ENODEV,
			       "%s is not bound to nvt; run 'nvt setup %s'",
			       p->bdf, p->bdf);
		goto fail;
	}
	snprintf(path, sizeof(path), "/dev/%s", node);
	p->fd = open(path, O_RDWR | O_CLOEXEC);
	if (p->fd < 0) {
		ret = nvt_errn(errbuf, errlen, errno, "cannot open %s: %s%s",
			       path, strerror(errno),
			       errno == EPERM || errno == EACCES ?
			       " (root or CAP_SYS_RAWIO needed)" : "");
		goto fail;
	}
	p->info.argsz = sizeof(p->info);
	ret = nvt_ioctl(p->fd, NVT_IOC_INFO, &p->info);
	if (ret) {
		nvt_errn(errbuf, errlen, -ret, "%s: device info: %s", path,
			 strerror(-ret));
		goto fail;
	}
	if (p->info.abi_version != NVT_ABI_VERSION) {
		ret = nvt_errn(errbuf, errlen, EPROTO,
			       "%s speaks ABI %u, libnvt %u: update nvt.ko or libnvt",
			       path, p->info.abi_version, NVT_ABI_VERSION);
		goto fail;
	}
	*out = p;
	return 0;
fail:
	if (p->fd >= 0)
		close(p->fd);
	free(p);
	return ret;
}

int nvt_pcie_bound(const struct nvt_pcie *pcie)
{
	char path[128], node[32];

	if (!nvt_pcie_find_node(pcie->bdf, node, sizeof(node)))
		return 0;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s", pcie->bdf);
	return access(path, F_OK) ? -ENODEV : -EBUSY;
}

int nvt_pcie_reopen(struct nvt_pcie *pcie)
{
	struct nvt_info info = { .argsz = sizeof(info) };
	char node[32], path[64];
	int fd, ret, tries;

	ret = nvt_pcie_find_node(pcie->bdf, node, sizeof(node));
	if (ret)
		return nvt_err(pcie->err, ENODEV, "%s is not bound to nvt",
			       pcie->bdf);
	snprintf(path, sizeof(path), "/dev/%s", node);
	/* devtmpfs makes the node a moment after the device appears */
	for (tries = 0; (fd = open(path, O_RDWR | O_CLOEXEC)) < 0 &&
	     errno == ENOENT && tries < 500; tries++)
		nvt_sleep_ms(10);
	if (fd < 0)
		return nvt_err(pcie->err, errno, "cannot open %s: %s", path,
			       strerror(errno));
	ret = nvt_ioctl(fd, NVT_IOC_INFO, &info);
	if (ret) {
		close(fd);
		return nvt_err(pcie->err, -ret, "%s: device info: %s", path,
			       strerror(-ret));
	}
	/* everything holding the old fd number now reaches the new device */
	if (dup3(fd, pcie->fd, O_CLOEXEC) < 0) {
		ret = -errno;
		close(fd);
		return nvt_err(pcie->err, -ret, "%s: %s", path, strerror(-ret));
	}
	close(fd);
	pcie->info = info;
	return 0;
}

void nvt_pcie_get(struct nvt_pcie *pcie)
{
	atomic_fetch_add(&pcie->refs, 1);
}

void nvt_pcie_put(struct nvt_pcie *pcie)
{
	if (!pcie || atomic_fetch_sub(&pcie->refs, 1) != 1)
		return;
	close(pcie->fd);
	free(pcie);
}

/* Buffers hold a reference, so the fd stays open until the last one goes. */
void nvt_pcie_close(struct nvt_pcie *pcie)
{
	nvt_pcie_put(pcie);
}

const char *nvt_pcie_error(const struct nvt_pcie *pcie)
{
	return pcie->err;
}

const char *nvt_pcie_bdf(const struct nvt_pcie *pcie)
{
	return pcie->bdf;
}

int nvt_pcie_fd(const struct nvt_pcie *pcie)
{
	return pcie->fd;
}

bool nvt_pcie_alive(const struct nvt_pcie *pcie)
{
	struct nvt_info info = { .argsz = sizeof(info) };

	return nvt_ioctl(pcie->fd, NVT_IOC_INFO, &info) != -ENODEV;
}

const struct nvt_info *nvt_pcie_info(const struct nvt_pcie *pcie)
{
	return &pcie->info;
}

static int rw(struct nvt_pcie *p, unsigned long req, uint32_t space,
	      uint64_t offset, unsigned width, uint64_t *value)
{
	struct nvt_rw a = {
		.argsz = sizeof(a), .space = space, .width = width,
		.offset = offset, .value = *value,
	};
	const char *what = req == NVT_IOC_READ ? "read" : "write";
	char where[16];
	int ret;

	if (space == NVT_SPACE_CONFIG)
		snprintf(where, sizeof(where), "config");
	else
		snprintf(where, sizeof(where), "BAR%u", space - 1);
	if (width != 1 && width != 2 && width != 4 &&
	    !(width == 8 && space != NVT_SPACE_CONFIG))
		return nvt_err(p->err, EINVAL, "%s %s: width %u is not %s",
			       where, what, width,
			       space == NVT_SPACE_CONFIG ? "1, 2 or 4" : "1, 2, 4 or 8");
	if (offset % width)
		return nvt_err(p->err, EINVAL,
			       "%s %s: offset 0x%llx is not aligned to %u bytes",
			       where, what, (unsigned long long)offset, width);
	ret = nvt_ioctl(p->fd, req, &a);
	if (ret)
		return nvt_err(p->err, -ret, "%s %s of %u bytes at 0x%llx: %s",
			       where, what, width, (unsigned long long)offset,
			       ret == -ERANGE ? "outside the space" :
			       ret == -ENXIO ? "BAR not mapped" : strerror(-ret));
	*value = a.value;
	return 0;
}

int nvt_pcie_cfg_read(struct nvt_pcie *pcie, uint32_t offset, unsigned width,
		      uint32_t *value)
{
	uint64_t v = 0;
	int ret = rw(pcie, NVT_IOC_READ, NVT_SPACE_CONFIG, offset, width, &v);

	if (!ret)
		*value = (uint32_t)v;
	return ret;
}

int nvt_pcie_cfg_write(struct nvt_pcie *pcie, uint32_t offset, unsigned width,
		       uint32_t value)
{
	uint64_t v = value;

	return rw(pcie, NVT_IOC_WRITE, NVT_SPACE_CONFIG, offset, width, &v);
}

int nvt_pcie_bar_read(struct nvt_pcie *pcie, unsigned bar, uint64_t offset,
		      unsigned width, uint64_t *value)
{
	uint64_t v = 0;
	int ret;

	if (bar > 5)
		return nvt_err(pcie->err, EINVAL, "BAR%u does not exist (0..5)", bar);
	ret = rw(pcie, NVT_IOC_READ, NVT_SPACE_BAR(bar), offset, width, &v);
	if (!ret)
		*value = v;
	return ret;
}

int nvt_pcie_bar_write(struct nvt_pcie *pcie, unsigned bar, uint64_t offset,
		       unsigned width, uint64_t value)
{
	if (bar > 5)
		return nvt_err(pcie->err, EINVAL, "BAR%u does not exist (0..5)", bar);
	return rw(pcie, NVT_IOC_WRITE, NVT_SPACE_BAR(bar), offset, width, &value);
}

int nvt_pcie_cap_offset(struct nvt_pcie *pcie, unsigned id)
{
	uint32_t status, pos, hdr;
	unsigned hops;
	int ret;

	ret = nvt_pcie_cfg_read(pcie, PCI_STATUS, 2, &status);
	if (ret)
		return ret;
	if (!(status & PCI_STATUS_CAP_LIST))
		return nvt_err(pcie->err, ENOENT, "no capability list");
	ret = nvt_pcie_cfg_read(pcie, PCI_CAPABILITY_LIST, 1, &pos);
	if (ret)
		return ret;
	/* 48 hops at most: a looping list must not hang the caller */
	for (hops = 0; hops < 48 && pos >= PCI_STD_HEADER_SIZEOF; hops++) {
		pos &= ~3u;
		ret = nvt_pcie_cfg_read(pcie, pos, 2, &hdr);
		if (ret)
			return ret;
		if ((hdr & 0xff) == id)
			return (int)pos;
		pos = hdr >> 8;
	}
	return nvt_err(pcie->err, ENOENT, "capability 0x%02x not found", id);
}

int nvt_ext_cap_find(int (*rd)(void *ctx, uint32_t offset, uint32_t *v),
		     void *ctx, unsigned id)
{
	/* the first follows the conventional config space */
	uint32_t pos = PCI_CFG_SPACE_SIZE, hdr;
	unsigned hops;
	int ret;

	for (hops = 0; hops < (PCI_CFG_SPACE_EXP_SIZE - PCI_CFG_SPACE_SIZE) / 8 &&
	     pos >= PCI_CFG_SPACE_SIZE; hops++) {
		ret = rd(ctx, pos, &hdr);
		if (ret)
			return ret;
		if (hdr == 0 || hdr == 0xffffffff)
			break;
		if (PCI_EXT_CAP_ID(hdr) == id)
			return (int)pos;
		pos = PCI_EXT_CAP_NEXT(hdr);
	}
	return -ENOENT;
}

static int cfg_read32(void *pcie, uint32_t offset, uint32_t *v)
{
	return nvt_pcie_cfg_read(pcie, offset, 4, v);
}

int nvt_pcie_ext_cap_offset(struct nvt_pcie *pcie, unsigned id)
{
	int ret;

	if (pcie->info.cfg_size <= PCI_CFG_SPACE_SIZE)
		return nvt_err(pcie->err, ENOENT,
			       "no extended config space (%u bytes)",
			       pcie->info.cfg_size);
	ret = nvt_ext_cap_find(cfg_read32, pcie, id);
	if (ret == -ENOENT)
		return nvt_err(pcie->err, ENOENT,
			       "extended capability 0x%04x not found", id);
	return ret;
}

/*
 * A read of @width bytes of another function's config space, through its
 * sysfs file @fd: 0, -EACCES beyond the 64 bytes that are anyone's
 * (the rest is root's), or another -errno.
 */
static int sysfs_cfg_read(int fd, uint32_t offset, unsigned width,
			  uint32_t *v)
{
	uint8_t b[4];
	ssize_t n = pread(fd, b, width, offset);

	if (n < 0)
		return -errno;
	if (n != (ssize_t)width)
		return -EACCES;
	*v = (uint32_t)nvt_le_get(b, width);
	return 0;
}

static int sysfs_cfg_read32(void *fd, uint32_t offset, uint32_t *v)
{
	return sysfs_cfg_read(*(int *)fd, offset, 4, v);
}

/*
 * The Vendor ID of physical function @pf and the VF Device ID of its
 * SR-IOV capability: 0 or -errno (-ENOENT: no SR-IOV capability).
 */
static int pf_vf_ids(const char *pf, uint32_t *vid, uint32_t *vf_did)
{
	char path[128];
	int fd, pos;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/config", pf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	pos = sysfs_cfg_read(fd, PCI_VENDOR_ID, 2, vid);
	if (!pos)
		pos = nvt_ext_cap_find(sysfs_cfg_read32, &fd,
				       PCI_EXT_CAP_ID_SRIOV);
	if (pos >= 0)
		pos = sysfs_cfg_read(fd, pos + PCI_SRIOV_VF_DID, 2, vf_did);
	close(fd);
	return pos;
}

/*
 * Asked of the bus, not of nvt.ko: a function that lost its power is
 * removed from sysfs, one cut off without removal reads all ones.  The
 * Class Code dword, not the IDs: a VF's Vendor and Device ID read FFFFh.
 */
bool nvt_pcie_on_bus(const struct nvt_pcie *pcie)
{
	char path[128];
	uint32_t class_rev = 0xffffffffu;
	int fd, ret;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/config", pcie->bdf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ret = sysfs_cfg_read(fd, PCI_CLASS_REVISION, 4, &class_rev);
	close(fd);
	return !ret && class_rev != 0xffffffffu;
}

int nvt_pcie_ids_get(struct nvt_pcie *pcie, struct nvt_pcie_ids *ids)
{
	uint32_t vid, did, ssvid, ssid;
	char pf[16];
	int ret;

	if (!ids)
		return nvt_err(pcie->err, EINVAL, "pcie_ids: no result struct");
	ret = nvt_pcie_cfg_read(pcie, PCI_VENDOR_ID, 2, &vid);
	if (!ret)
		ret = nvt_pcie_cfg_read(pcie, PCI_DEVICE_ID, 2, &did);
	if (!ret)
		ret = nvt_pcie_cfg_read(pcie, PCI_SUBSYSTEM_VENDOR_ID, 2, &ssvid);
	if (!ret)
		ret = nvt_pcie_cfg_read(pcie, PCI_SUBSYSTEM_ID, 2, &ssid);
	if (ret)
		return ret;
	*ids = (struct nvt_pcie_ids){
		.vendor = vid, .device = did, .subsystem_vendor = ssvid,
		.subsystem_device = ssid,
	};
	ret = nvt_sriov_physfn(pcie->bdf, pf, sizeof(pf));
	if (ret == -ENOENT)
		return 0;		/* not a VF: its own registers */
	if (ret)
		return nvt_err(pcie->err, -ret, "%s: its physical function: %s",
			       pcie->bdf, strerror(-ret));
	/* a VF's Vendor ID is its PF's, its Device ID the PF's VF Device ID */
	ids->vf = true;
	ret = pf_vf_ids(pf, &vid, &did);
	if (ret == -ENOENT)
		return nvt_err(pcie->err, ENOENT,
			       "%s is a VF, but its PF %s has no SR-IOV capability",
			       pcie->bdf, pf);
	if (ret)
		return nvt_err(pcie->err, -ret,
			       "%s: the config space of its PF %s: %s%s",
			       pcie->bdf, pf, strerror(-ret),
			       ret == -EACCES ?
			       " (beyond its first 64 bytes it is root's)" : "");
	ids->vendor = vid;
	ids->device = did;
	return 0;
}

static int irq_op(struct nvt_pcie *p, uint32_t op, unsigned vector,
		  unsigned timeout_ms, uint64_t *count, uint32_t *flags)
{
	struct nvt_irq a = {
		.argsz = sizeof(a), .op = op, .vector = vector,
		.timeout_ms = timeout_ms,
	};
	int ret = nvt_ioctl(p->fd, NVT_IOC_IRQ, &a);

	if (ret == -EINVAL && vector >= p->info.nr_vectors)
		return nvt_err(p->err, EINVAL, "vector %u: the device has %u",
			       vector, p->info.nr_vectors);
	if (ret == -ETIMEDOUT)
		return nvt_err(p->err, ETIMEDOUT,
			       "no interrupt on vector %u within %u ms",
			       vector, timeout_ms);
	if (ret == -EOPNOTSUPP)
		return nvt_err(p->err, EOPNOTSUPP,
			       "vector %u: masking and pending bits are MSI-X's, the device uses %s",
			       vector, p->info.irq_type == NVT_IRQ_MSI ? "MSI" :
			       p->info.irq_type == NVT_IRQ_INTX ? "INTx" :
			       "no MSI-X");
	if (ret)
		return nvt_err(p->err, -ret, "interrupt vector %u: %s", vector,
			       strerror(-ret));
	if (count)
		*count = a.count;
	if (flags)
		*flags = a.flags;
	return 0;
}

int nvt_pcie_irq_count(struct nvt_pcie *pcie, unsigned vector, uint64_t *count)
{
	return irq_op(pcie, NVT_IRQ_OP_COUNT, vector, 0, count, NULL);
}

int nvt_pcie_irq_clear(struct nvt_pcie *pcie, unsigned vector)
{
	return irq_op(pcie, NVT_IRQ_OP_CLEAR, vector, 0, NULL, NULL);
}

int nvt_pcie_irq_wait(struct nvt_pcie *pcie, unsigned vector,
		      unsigned timeout_ms, uint64_t *count)
{
	return irq_op(pcie, NVT_IRQ_OP_WAIT, vector, timeout_ms, count, NULL);
}

int nvt_pcie_irq_mask(struct nvt_pcie *pcie, unsigned vector)
{
	return irq_op(pcie, NVT_IRQ_OP_MASK, vector, 0, NULL, NULL);
}

int nvt_pcie_irq_unmask(struct nvt_pcie *pcie, unsigned vector)
{
	return irq_op(pcie, NVT_IRQ_OP_UNMASK, vector, 0, NULL, NULL);
}

int nvt_pcie_irq_pending(struct nvt_pcie *pcie, unsigned vector)
{
	uint32_t flags = 0;
	int ret = irq_op(pcie, NVT_IRQ_OP_PENDING, vector, 0, NULL, &flags);

	return ret ? ret : !!(flags & NVT_IRQ_PENDING);
}

static int by_qid(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

int nvt_pcie_sq_ids(struct nvt_pcie *pcie, uint16_t *qids, unsigned max,
		    unsigned *n)
{
	char node[32], path[300];
	struct dirent *d;
	unsigned long qid;
	char *end;
	DIR *dir;
	int ret;

	*n = 0;
	ret = nvt_pcie_find_node(pcie->bdf, node, sizeof(node));
	if (ret)
		return nvt_err(pcie->err, -ret, "%s is not bound to nvt",
			       pcie->bdf);
	snprintf(path, sizeof(path), NVT_CLASS "/%s/queues", node);
	dir = opendir(path);
	if (!dir)
		return nvt_err(pcie->err, errno, "%s: %s", path,
			       strerror(errno));
	while ((d = readdir(dir)) && *n < max) {
		if (strncmp(d->d_name, "sq", 2) != 0)
			continue;
		qid = strtoul(d->d_name + 2, &end, 10);
		if (*end || end == d->d_name + 2 || qid > UINT16_MAX)
			continue;
		qids[(*n)++] = (uint16_t)qid;
	}
	closedir(dir);
	qsort(qids, *n, sizeof(*qids), by_qid);
	return 0;
}

int nvt_pcie_raw_dma_allowed(struct nvt_pcie *pcie)
{
	char node[32], path[300], policy[16] = "";
	FILE *f;
	int ret;

	ret = nvt_pcie_find_node(pcie->bdf, node, sizeof(node));
	if (ret)
		return nvt_err(pcie->err, -ret, "%s is not bound to nvt",
			       pcie->bdf);
	snprintf(path, sizeof(path), NVT_CLASS "/%s/raw_dma_policy", node);
	f = fopen(path, "r");
	if (!f)
		return nvt_err(pcie->err, errno, "%s: %s", path,
			       strerror(errno));
	if (!fgets(policy, sizeof(policy), f))
		policy[0] = 0;
	fclose(f);
	return strncmp(policy, "refused", 7) != 0;
}

/* ---- resets, power states, the link (NVT_IOC_PCIE) ---- */

static const char *const pcie_op_names[] = {
	[NVT_PCIE_STATUS] = "PCIe status",
	[NVT_PCIE_FLR] = "FLR",
	[NVT_PCIE_HOT_RESET] = "hot reset",
	[NVT_PCIE_D_STATE] = "D-state",
	[NVT_PCIE_LINK_SPEED] = "link speed",
	[NVT_PCIE_ASPM] = "ASPM",
};

/* Why nvt.ko refused @op with @err: what the kernel log says too. */
static const char *pcie_refusal(uint32_t op, int err)
{
	switch (err) {
	case EOPNOTSUPP:
		switch (op) {
		case NVT_PCIE_FLR:
			return "the function does not advertise Function Level Reset (DEVCAP)";
		case NVT_PCIE_HOT_RESET:
			return "no bridge above the function that can reset its bus";
		case NVT_PCIE_D_STATE:
			return "the function has no PM capability";
		case NVT_PCIE_LINK_SPEED:
			return "no PCIe port above the function, or it does not support this speed (LNKCAP2)";
		default:
			return "no PCIe port above the function, or an end of the link does not support this state (LNKCAP)";
		}
	case EBUSY:
		return "the reset would reach other functions (another function on the bus, or virtual functions enabled)";
	case EAGAIN:
		return "the PCI core could not lock the bus: try again";
	case ETIMEDOUT:
		return "the link was still training after a second (LNKSTA.LT)";
	case ENODEV:
		return "the device is gone";
	default:
		return strerror(err);
	}
}

static int pcie_ctl(struct nvt_pcie *p, uint32_t op, uint32_t value,
		    struct nvt_pcie_ctl *out)
{
	struct nvt_pcie_ctl a = {
		.argsz = sizeof(a), .op = op, .value = value,
	};
	int ret = nvt_ioctl(p->fd, NVT_IOC_PCIE, &a);

	if (out)
		*out = a;
	if (ret)
		return nvt_err(p->err, -ret, "%s: %s", pcie_op_names[op],
			       pcie_refusal(op, -ret));
	return 0;
}

int nvt_pcie_flr(struct nvt_pcie *pcie)
{
	return pcie_ctl(pcie, NVT_PCIE_FLR, 0, NULL);
}

int nvt_pcie_hot_reset(struct nvt_pcie *pcie)
{
	return pcie_ctl(pcie, NVT_PCIE_HOT_RESET, 0, NULL);
}

int nvt_pcie_d_state_set(struct nvt_pcie *pcie, unsigned state)
{
	if (state != 0 && state != 3)
		return nvt_err(pcie->err, EINVAL,
			       "D-state %u: want 0 (D0) or 3 (D3hot)", state);
	return pcie_ctl(pcie, NVT_PCIE_D_STATE, state, NULL);
}

int nvt_pcie_d_state_get(struct nvt_pcie *pcie, unsigned *state)
{
	struct nvt_pcie_ctl a;
	int ret = pcie_ctl(pcie, NVT_PCIE_STATUS, 0, &a);

	if (ret)
		return ret;
	if (!(a.present & NVT_PCIE_HAS_PM))
		return nvt_err(pcie->err, EOPNOTSUPP, "D-state: %s",
			       pcie_refusal(NVT_PCIE_D_STATE, EOPNOTSUPP));
	*state = a.d_state;
	return 0;
}

int nvt_pcie_link_info(struct nvt_pcie *pcie, struct nvt_pcie_link *link)
{
	struct nvt_pcie_ctl a;
	int ret = pcie_ctl(pcie, NVT_PCIE_STATUS, 0, &a);

	if (ret)
		return ret;
	*link = (struct nvt_pcie_link){
		.speed = a.speed, .width = a.width,
		.max_speed = a.max_speed, .max_width = a.max_width,
		.target_speed = a.target_speed, .aspm = a.aspm,
		.aspm_up = a.aspm_up, .aspm_support = a.aspm_support,
	};
	return 0;
}

int nvt_pcie_link_speed_set(struct nvt_pcie *pcie, unsigned speed)
{
	if (speed < 1 || speed > 7)
		return nvt_err(pcie->err, EINVAL,
			       "link speed %u: want 1 (2.5 GT/s) .. 7", speed);
	return pcie_ctl(pcie, NVT_PCIE_LINK_SPEED, speed, NULL);
}

int nvt_pcie_aspm_set(struct nvt_pcie *pcie, unsigned aspm)
{
	if (aspm & ~(NVT_PCIE_ASPM_L0S | NVT_PCIE_ASPM_L1))
		return nvt_err(pcie->err, EINVAL,
			       "ASPM %#x: want 0, 1 (L0s), 2 (L1) or 3 (L0s and L1)",
			       aspm);
	return pcie_ctl(pcie, NVT_PCIE_ASPM, aspm, NULL);
}

int nvt_pcie_aspm_get(struct nvt_pcie *pcie, unsigned *aspm)
{
	struct nvt_pcie_ctl a;
	int ret = pcie_ctl(pcie, NVT_PCIE_STATUS, 0, &a);

	if (!ret)
		*aspm = a.aspm;
	return ret;
}
