/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: how many bytes a command moves through its data pointer (PRP1/PRP2
 * or the SGL) and through its metadata pointer (MPTR), read from the SQE
 * and the format of the namespace it addresses, as the NVMe specifications
 * define them (NVM Express Base Specification 2.0, "Base"; NVM Command Set
 * Specification 1.0, "NVM"; Zoned Namespace Command Set Specification 1.1,
 * "ZNS").  Pure code, shared by the module and its unit tests.
 */
#ifndef _NVT_XFER_H
#define _NVT_XFER_H

#include "uapi/nvt_nvme.h"

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

/* a size the SQE and what is known of the namespace do not tell */
#define NVT_XFER_UNKNOWN	(~0ull)
/* nvt_xfer_ns.pract_bytes: whether PRACT changes the transfer is unknown */
#define NVT_XFER_PRACT_UNKNOWN	(~0u)

/* The format of a namespace, as far as it matters to a transfer. */
struct nvt_xfer_ns {
	/* bytes per LBA in the data buffer: LBA data, plus the metadata */
	/* when the format is extended; 0: the format is unknown */
	u32 lba_bytes;
	u32 meta_bytes;		/* separate metadata bytes per LBA (MPTR) */
	/*
	 * Bytes per LBA the host does not move when PRACT is set: the
	 * protection information the controller inserts or strips when the
	 * metadata is exactly the PI (NVM, End-to-end Data Protection); 0: PRACT changes nothing;
	 * NVT_XFER_PRACT_UNKNOWN.  Taken from the metadata: separate when
	 * meta_bytes is not 0, else from lba_bytes.
	 */
	u32 pract_bytes;
	/*
	 * No such namespace (not active, NSID 0 or FFFFFFFFh): the LBA
	 * commands end in Invalid Namespace or Format before any transfer
	 * (Base, Namespace Identifier Usage).
	 */
	bool absent;
};

struct nvt_xfer {
	u64 data;		/* bytes through PRP/SGL, or NVT_XFER_UNKNOWN */
	u64 meta;		/* bytes through MPTR, or NVT_XFER_UNKNOWN */
	/*
	 * The data pointer (or command dwords) carries the address of a
	 * queue or of a buffer the controller keeps using after the
	 * command: Create I/O SQ/CQ, Doorbell Buffer Config, Set Features
	 * Host Memory Buffer.  With PC=1 (one contiguous ring) data is the
	 * ring's size (NVM's 64-byte SQ and 16-byte CQ entries).
	 */
	bool addr;
};

/* (NUMD + 1) dwords, NUMD 0's based and up to 32 bits */
static inline u64 nvt_xfer_dwords(u64 numd)
{
	return (numd + 1) * 4;
}

/*
 * Bytes of a Get/Set Features data structure (Base, Set Features, Feature
 * Identifiers and the Feature's own section): 0 for the Features that use only command
 * and completion dwords.  @cdw11 for Host Identifier's EXHID.
 */
static inline u64 nvt_xfer_feature(u8 fid, u32 cdw11, bool set)
{
	switch (fid) {
	case NVT_FEAT_ARBITRATION:
	case NVT_FEAT_POWER_MGMT:
	case NVT_FEAT_TEMP_THRESH:
	case NVT_FEAT_ERR_RECOVERY:
	case NVT_FEAT_VOLATILE_WC:
	case NVT_FEAT_NUM_QUEUES:
	case NVT_FEAT_IRQ_COALESCE:
	case NVT_FEAT_IRQ_CONFIG:
	case NVT_FEAT_WRITE_ATOMIC:
	case NVT_FEAT_ASYNC_EVENT:
	case NVT_FEAT_KATO:
	case NVT_FEAT_HCTM:
	case NVT_FEAT_NOPSC:
	case NVT_FEAT_READ_RECOVERY:
	case NVT_FEAT_PLM_WINDOW:
	case NVT_FEAT_LBA_STATUS_ATTR:
	case NVT_FEAT_SANITIZE:
	case NVT_FEAT_ENDURANCE_EVENT:
	case NVT_FEAT_IOCS_PROFILE:
	case NVT_FEAT_SPINUP:
	case NVT_FEAT_SW_PROGRESS:
	case NVT_FEAT_RESV_MASK:
	case NVT_FEAT_RESV_PERSIST:
	case NVT_FEAT_WRITE_PROTECT:
		return 0;
	case NVT_FEAT_LBA_RANGE:	/* 64 entries of 64 bytes */
		return 4096;
	case NVT_FEAT_AUTO_PST:	/* 32 entries of 8 bytes */
		return 256;
	case NVT_FEAT_HOST_MEM_BUF:
		/* Get: the 4 KiB Attributes; Set: addresses in CDW13-15 */
		return set ? 0 : 4096;
	case NVT_FEAT_TIMESTAMP:
		return 8;
	case NVT_FEAT_PLM_CONFIG:
	case NVT_FEAT_HOST_BEHAVIOR:
		return 512;
	case NVT_FEAT_ENH_CTRL_METADATA:
	case NVT_FEAT_CTRL_METADATA:
	case NVT_FEAT_NS_METADATA:
		return 4096;
	case NVT_FEAT_HOST_ID:	/* 64 or 128 bits (EXHID) */
		return cdw11 & 1 ? 16 : 8;
	default:	/* reserved, newer or vendor specific (C0h-FFh) */
		return NVT_XFER_UNKNOWN;
	}
}

static inline void nvt_xfer_admin(const u32 *sqe, struct nvt_xfer *x)
{
	u8 opc = sqe[0] & 0xff;

	x->meta = 0;		/* MPTR: reserved in admin commands */
	switch (opc) {
	/* Base: these use command and completion dwords only */
	case NVT_ADMIN_DELETE_SQ:
	case NVT_ADMIN_DELETE_CQ:
	case NVT_ADMIN_ABORT:
	case NVT_ADMIN_ASYNC_EVENT:
	case NVT_ADMIN_FW_COMMIT:
	case NVT_ADMIN_SELF_TEST:
	case NVT_ADMIN_KEEP_ALIVE:
	case NVT_ADMIN_VIRT_MGMT:
	case NVT_ADMIN_CAPACITY_MGMT:
	case NVT_ADMIN_LOCKDOWN:
	case NVT_ADMIN_FORMAT_NVM:
	case NVT_ADMIN_SANITIZE:
		x->data = 0;
		return;
	case NVT_ADMIN_CREATE_SQ:	/* Base: PRP1 is the ring (PC=1) or a list */
	case NVT_ADMIN_CREATE_CQ:	/* Base: QSIZE CDW10 31:16, PC CDW11 bit 0 */
		x->addr = true;
		if (!(sqe[11] & 1))
			return;	/* PC=0: the ring's pages in a PRP list */
		x->data = (u64)((sqe[10] >> 16) + 1) *
			  (opc == NVT_ADMIN_CREATE_SQ ? 64 : 16);
		return;
	case NVT_ADMIN_DBBUF_CONFIG:	/* Base: two pages, doorbells and EventIdx */
		x->addr = true;
		return;
	/* Base: NUMDU CDW11 15:0, NUMDL CDW10 31:16 */
	case NVT_ADMIN_GET_LOG_PAGE:
		x->data = nvt_xfer_dwords((u64)(sqe[11] & 0xffff) << 16 |
					  sqe[10] >> 16);
		return;
	case NVT_ADMIN_IDENTIFY:	/* Base: every CNS returns 4 KiB */
		x->data = 4096;
		return;
	case NVT_ADMIN_SET_FEATURES:	/* Base: FID CDW10 7:0 */
	case NVT_ADMIN_GET_FEATURES:
		x->data = nvt_xfer_feature(sqe[10] & 0xff, sqe[11],
					   opc == NVT_ADMIN_SET_FEATURES);
		if (opc == NVT_ADMIN_SET_FEATURES && (sqe[10] & 0xff) == NVT_FEAT_HOST_MEM_BUF)
			x->addr = true;	/* HMB descriptor list in CDW13-14 */
		return;
	case NVT_ADMIN_NS_MGMT:	/* Base: SEL 0h create (4 KiB), 1h delete */
		if ((sqe[10] & 0xf) == 0)
			x->data = 4096;
		else if ((sqe[10] & 0xf) == 1)
			x->data = 0;
		return;
	case NVT_ADMIN_NS_ATTACH:	/* Base: a Controller List, 4 KiB */
		x->data = 4096;
		return;
	case NVT_ADMIN_FW_DOWNLOAD:	/* Base: NUMD CDW10 */
	case NVT_ADMIN_DIRECTIVE_SEND:	/* Base: NUMD CDW10 */
	case NVT_ADMIN_DIRECTIVE_RECV:	/* Base: NUMD CDW10 */
		x->data = nvt_xfer_dwords(sqe[10]);
		return;
	case NVT_ADMIN_SECURITY_SEND:	/* Base: TL, bytes, CDW11 */
	case NVT_ADMIN_SECURITY_RECV:	/* Base: AL, bytes, CDW11 */
		x->data = sqe[11];
		return;
	case NVT_ADMIN_GET_LBA_STATUS:	/* MNDW CDW12, dwords, 0's based */
		x->data = nvt_xfer_dwords(sqe[12]);
		return;
	default:	/* NVMe-MI, Fabrics, reserved, vendor (C0h-FFh) */
		return;
	}
}

/* LBA data and metadata of a Read, Write, Compare or Zone Append. */
static inline void nvt_xfer_lbas(const u32 *sqe, const struct nvt_xfer_ns *ns,
				 struct nvt_xfer *x)
{
	u64 nlb = (u64)(sqe[12] & 0xffff) + 1;	/* NVM: 0's based */
	u32 lba = ns->lba_bytes, meta = ns->meta_bytes;

	if (ns->absent) {
		x->data = 0;
		x->meta = 0;
		return;
	}
	if (!lba)
		return;
	if (sqe[12] & NVT_RW_PRACT && ns->pract_bytes) {
		if (ns->pract_bytes == NVT_XFER_PRACT_UNKNOWN)
			return;
		/* NVM, End-to-end Data Protection: no PI moved */
		if (meta)
			meta = meta > ns->pract_bytes ? meta - ns->pract_bytes : 0;
		else
			lba = lba > ns->pract_bytes ? lba - ns->pract_bytes : 0;
	}
	x->data = nlb * lba;
	x->meta = nlb * meta;
}

static inline void nvt_xfer_io(const u32 *sqe, const struct nvt_xfer_ns *ns,
			       struct nvt_xfer *x)
{
	u8 opc = sqe[0] & 0xff;

	switch (opc) {
	case NVT_NVM_READ:		/* NVM */
	case NVT_NVM_WRITE:		/* NVM */
	case NVT_NVM_COMPARE:		/* NVM */
	case NVT_ZNS_APPEND:	/* ZNS */
		if (ns)
			nvt_xfer_lbas(sqe, ns, x);
		return;
	}
	x->meta = 0;	/* the others have no metadata pointer */
	switch (opc) {
	case NVT_NVM_FLUSH:		/* Base */
	case NVT_NVM_WRITE_UNCOR:	/* NVM */
	case NVT_NVM_WRITE_ZEROES:	/* NVM */
	case NVT_NVM_VERIFY:		/* NVM */
		x->data = 0;
		return;
	case NVT_NVM_DSM:		/* NVM: NR CDW10 7:0, 16-byte ranges */
		x->data = 16 * ((u64)(sqe[10] & 0xff) + 1);
		return;
	case NVT_NVM_COPY:		/* NVM: NR CDW12 7:0, format 11:8 */
		switch ((sqe[12] >> 8) & 0xf) {
		case 0:		/* Figure 36: 32 bytes */
		case 2:		/* format 0h with a source namespace: 32 */
			x->data = 32 * ((u64)(sqe[12] & 0xff) + 1);
			return;
		case 1:		/* Figure 37: 40 bytes */
		case 3:		/* format 1h with a source namespace: 40 */
			x->data = 40 * ((u64)(sqe[12] & 0xff) + 1);
			return;
		}
		return;
	case NVT_NVM_RESV_REGISTER:	/* Base: 24 bytes */
		x->data = 24;
		return;
	case NVT_NVM_RESV_REPORT:	/* Base: NUMD CDW10 */
		x->data = nvt_xfer_dwords(sqe[10]);
		return;
	case NVT_NVM_RESV_ACQUIRE:	/* Base: 16 bytes */
		x->data = 16;
		return;
	case NVT_NVM_RESV_RELEASE:	/* Base: 8 bytes */
		x->data = 8;
		return;
	case NVT_ZNS_MGMT_SEND:	/* ZNS: ZSA CDW13 7:0 */
		/* Set Zone Descriptor Extension: ZDES of Identify NS (ZNS) */
		if ((sqe[13] & 0xff) != 0x10)
			x->data = 0;
		return;
	case NVT_ZNS_MGMT_RECV:	/* ZNS: NUMD CDW12 */
		x->data = nvt_xfer_dwords(sqe[12]);
		return;
	default:			/* other command sets, vendor: unknown */
		x->meta = NVT_XFER_UNKNOWN;
		return;
	}
}

/*
 * The transfer of @sqe on the admin queue (@admin) or an I/O queue, with
 * @ns the format of its namespace (NULL, or lba_bytes 0 and not absent:
 * unknown).
 */
static inline void nvt_xfer_size(const u32 *sqe, bool admin,
				 const struct nvt_xfer_ns *ns,
				 struct nvt_xfer *x)
{
	x->data = NVT_XFER_UNKNOWN;
	x->meta = NVT_XFER_UNKNOWN;
	x->addr = false;
	if (admin)
		nvt_xfer_admin(sqe, x);
	else
		nvt_xfer_io(sqe, ns && (ns->lba_bytes || ns->absent) ? ns : NULL,
			    x);
}

/*
 * Admin commands after which a namespace's format may differ: Format NVM,
 * Sanitize, Namespace Management and Attachment, vendor specific ones.
 */
static inline bool nvt_xfer_changes_format(u8 opc)
{
	return opc == NVT_ADMIN_FORMAT_NVM || opc == NVT_ADMIN_SANITIZE ||
	       opc == NVT_ADMIN_NS_MGMT || opc == NVT_ADMIN_NS_ATTACH || opc >= 0xc0;
}

#endif /* _NVT_XFER_H */
