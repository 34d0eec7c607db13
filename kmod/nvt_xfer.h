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

/* Admin opcodes (Base, Admin Command Set, Opcodes for Admin Commands) */
#define NVT_XA_DELETE_SQ	0x00
#define NVT_XA_CREATE_SQ	0x01
#define NVT_XA_GET_LOG_PAGE	0x02
#define NVT_XA_DELETE_CQ	0x04
#define NVT_XA_CREATE_CQ	0x05
#define NVT_XA_IDENTIFY		0x06
#define NVT_XA_ABORT		0x08
#define NVT_XA_SET_FEATURES	0x09
#define NVT_XA_GET_FEATURES	0x0a
#define NVT_XA_AER		0x0c
#define NVT_XA_NS_MGMT		0x0d
#define NVT_XA_FW_COMMIT	0x10
#define NVT_XA_FW_DOWNLOAD	0x11
#define NVT_XA_SELF_TEST	0x14
#define NVT_XA_NS_ATTACH	0x15
#define NVT_XA_KEEP_ALIVE	0x18
#define NVT_XA_DIRECTIVE_SEND	0x19
#define NVT_XA_DIRECTIVE_RECV	0x1a
#define NVT_XA_VIRT_MGMT	0x1c
#define NVT_XA_CAPACITY_MGMT	0x20
#define NVT_XA_LOCKDOWN		0x24
#define NVT_XA_DBBUF		0x7c
#define NVT_XA_FORMAT		0x80
#define NVT_XA_SECURITY_SEND	0x81
#define NVT_XA_SECURITY_RECV	0x82
#define NVT_XA_SANITIZE		0x84
#define NVT_XA_GET_LBA_STATUS	0x86

/* I/O opcodes (Base, I/O commands; NVM and ZNS, Opcodes for I/O Commands) */
#define NVT_XI_FLUSH		0x00
#define NVT_XI_WRITE		0x01
#define NVT_XI_READ		0x02
#define NVT_XI_WRITE_UNCOR	0x04
#define NVT_XI_COMPARE		0x05
#define NVT_XI_WRITE_ZEROES	0x08
#define NVT_XI_DSM		0x09
#define NVT_XI_VERIFY		0x0c
#define NVT_XI_RESV_REGISTER	0x0d
#define NVT_XI_RESV_REPORT	0x0e
#define NVT_XI_RESV_ACQUIRE	0x11
#define NVT_XI_RESV_RELEASE	0x15
#define NVT_XI_COPY		0x19
#define NVT_XI_ZONE_MGMT_SEND	0x79
#define NVT_XI_ZONE_MGMT_RECV	0x7a
#define NVT_XI_ZONE_APPEND	0x7d

#define NVT_XFER_PRACT		(1u << 29)	/* CDW12 PRINFO.PRACT (NVM, Read, Write) */

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
	case 0x01:	/* Arbitration */
	case 0x02:	/* Power Management */
	case 0x04:	/* Temperature Threshold */
	case 0x05:	/* Error Recovery */
	case 0x06:	/* Volatile Write Cache */
	case 0x07:	/* Number of Queues */
	case 0x08:	/* Interrupt Coalescing */
	case 0x09:	/* Interrupt Vector Configuration */
	case 0x0a:	/* Write Atomicity Normal */
	case 0x0b:	/* Asynchronous Event Configuration */
	case 0x0f:	/* Keep Alive Timer */
	case 0x10:	/* Host Controlled Thermal Management */
	case 0x11:	/* Non-Operational Power State Config */
	case 0x12:	/* Read Recovery Level Config */
	case 0x14:	/* Predictable Latency Mode Window */
	case 0x15:	/* LBA Status Information Attributes */
	case 0x17:	/* Sanitize Config */
	case 0x18:	/* Endurance Group Event Configuration */
	case 0x19:	/* I/O Command Set Profile */
	case 0x1a:	/* Spinup Control */
	case 0x80:	/* Software Progress Marker */
	case 0x82:	/* Reservation Notification Mask */
	case 0x83:	/* Reservation Persistence */
	case 0x84:	/* Namespace Write Protection Config */
		return 0;
	case 0x03:	/* LBA Range Type: 64 entries of 64 bytes */
		return 4096;
	case 0x0c:	/* Autonomous Power State Transition: 32 x 8 entries */
		return 256;
	case 0x0d:	/* Host Memory Buffer: Get returns the 4 KiB */
		/* Attributes structure; Set has addresses in CDW13-15 */
		return set ? 0 : 4096;
	case 0x0e:	/* Timestamp */
		return 8;
	case 0x13:	/* Predictable Latency Mode Config */
		return 512;
	case 0x16:	/* Host Behavior Support */
		return 512;
	case 0x7d:	/* Enhanced Controller Metadata: 4 KiB */
	case 0x7e:	/* Controller Metadata */
	case 0x7f:	/* Namespace Metadata */
		return 4096;
	case 0x81:	/* Host Identifier: 64 or 128 bits (EXHID) */
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
	case NVT_XA_DELETE_SQ:
	case NVT_XA_DELETE_CQ:
	case NVT_XA_ABORT:
	case NVT_XA_AER:
	case NVT_XA_FW_COMMIT:
	case NVT_XA_SELF_TEST:
	case NVT_XA_KEEP_ALIVE:
	case NVT_XA_VIRT_MGMT:
	case NVT_XA_CAPACITY_MGMT:
	case NVT_XA_LOCKDOWN:
	case NVT_XA_FORMAT:
	case NVT_XA_SANITIZE:
		x->data = 0;
		return;
	case NVT_XA_CREATE_SQ:	/* Base: PRP1 is the ring (PC=1) or a list */
	case NVT_XA_CREATE_CQ:	/* Base: QSIZE CDW10 31:16, PC CDW11 bit 0 */
		x->addr = true;
		if (!(sqe[11] & 1))
			return;	/* PC=0: the ring's pages in a PRP list */
		x->data = (u64)((sqe[10] >> 16) + 1) *
			  (opc == NVT_XA_CREATE_SQ ? 64 : 16);
		return;
	case NVT_XA_DBBUF:	/* Base: two pages, doorbells and EventIdx */
		x->addr = true;
		return;
	/* Base: NUMDU CDW11 15:0, NUMDL CDW10 31:16 */
	case NVT_XA_GET_LOG_PAGE:
		x->data = nvt_xfer_dwords((u64)(sqe[11] & 0xffff) << 16 |
					  sqe[10] >> 16);
		return;
	case NVT_XA_IDENTIFY:	/* Base: every CNS returns 4 KiB */
		x->data = 4096;
		return;
	case NVT_XA_SET_FEATURES:	/* Base: FID CDW10 7:0 */
	case NVT_XA_GET_FEATURES:
		x->data = nvt_xfer_feature(sqe[10] & 0xff, sqe[11],
					   opc == NVT_XA_SET_FEATURES);
		if (opc == NVT_XA_SET_FEATURES && (sqe[10] & 0xff) == 0x0d)
			x->addr = true;	/* HMB descriptor list in CDW13-14 */
		return;
	case NVT_XA_NS_MGMT:	/* Base: SEL 0h create (4 KiB), 1h delete */
		if ((sqe[10] & 0xf) == 0)
			x->data = 4096;
		else if ((sqe[10] & 0xf) == 1)
			x->data = 0;
		return;
	case NVT_XA_NS_ATTACH:	/* Base: a Controller List, 4 KiB */
		x->data = 4096;
		return;
	case NVT_XA_FW_DOWNLOAD:	/* Base: NUMD CDW10 */
	case NVT_XA_DIRECTIVE_SEND:	/* Base: NUMD CDW10 */
	case NVT_XA_DIRECTIVE_RECV:	/* Base: NUMD CDW10 */
		x->data = nvt_xfer_dwords(sqe[10]);
		return;
	case NVT_XA_SECURITY_SEND:	/* Base: TL, bytes, CDW11 */
	case NVT_XA_SECURITY_RECV:	/* Base: AL, bytes, CDW11 */
		x->data = sqe[11];
		return;
	case NVT_XA_GET_LBA_STATUS:	/* MNDW CDW12, dwords, 0's based */
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
	if (sqe[12] & NVT_XFER_PRACT && ns->pract_bytes) {
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
	case NVT_XI_READ:		/* NVM */
	case NVT_XI_WRITE:		/* NVM */
	case NVT_XI_COMPARE:		/* NVM */
	case NVT_XI_ZONE_APPEND:	/* ZNS */
		if (ns)
			nvt_xfer_lbas(sqe, ns, x);
		return;
	}
	x->meta = 0;	/* the others have no metadata pointer */
	switch (opc) {
	case NVT_XI_FLUSH:		/* Base */
	case NVT_XI_WRITE_UNCOR:	/* NVM */
	case NVT_XI_WRITE_ZEROES:	/* NVM */
	case NVT_XI_VERIFY:		/* NVM */
		x->data = 0;
		return;
	case NVT_XI_DSM:		/* NVM: NR CDW10 7:0, 16-byte ranges */
		x->data = 16 * ((u64)(sqe[10] & 0xff) + 1);
		return;
	case NVT_XI_COPY:		/* NVM: NR CDW12 7:0, format 11:8 */
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
	case NVT_XI_RESV_REGISTER:	/* Base: 24 bytes */
		x->data = 24;
		return;
	case NVT_XI_RESV_REPORT:	/* Base: NUMD CDW10 */
		x->data = nvt_xfer_dwords(sqe[10]);
		return;
	case NVT_XI_RESV_ACQUIRE:	/* Base: 16 bytes */
		x->data = 16;
		return;
	case NVT_XI_RESV_RELEASE:	/* Base: 8 bytes */
		x->data = 8;
		return;
	case NVT_XI_ZONE_MGMT_SEND:	/* ZNS: ZSA CDW13 7:0 */
		/* Set Zone Descriptor Extension: ZDES of Identify NS (ZNS) */
		if ((sqe[13] & 0xff) != 0x10)
			x->data = 0;
		return;
	case NVT_XI_ZONE_MGMT_RECV:	/* ZNS: NUMD CDW12 */
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
	return opc == NVT_XA_FORMAT || opc == NVT_XA_SANITIZE ||
	       opc == NVT_XA_NS_MGMT || opc == NVT_XA_NS_ATTACH || opc >= 0xc0;
}

#endif /* _NVT_XFER_H */
