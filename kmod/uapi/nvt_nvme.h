/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nvt: the NVMe facts every part of nvt uses (NVMe Base 2.0, NVM and
 * Zoned Namespace command sets, NVMe over PCIe): register offsets and
 * fields, opcodes, identify offsets, status values, and the layouts of a
 * submission and a completion queue entry.  Each fact is defined here
 * once, for nvt.ko, libnvt, nvt-run and the tests alike; the header needs
 * nothing but <linux/types.h>.
 *
 * A status is one 11-bit value everywhere: SCT << 8 | SC.  DNR, More and
 * CRD are separate (nvt_cqe_dnr() ...), never part of a status.
 *
 * The SQE and CQE layouts are those of a little-endian host, where an
 * entry's dwords and named fields share memory as the controller sees it.
 */
#ifndef _UAPI_NVT_NVME_H
#define _UAPI_NVT_NVME_H

#include <linux/types.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "nvt's SQE and CQE layouts are those of a little-endian host"
#endif

/* ---- Controller registers (BAR0), NVMe 2.0 section 3.1.3 ---- */
#define NVT_REG_CAP		0x00	/* Controller Capabilities, 64 bits */
#define NVT_REG_VS		0x08	/* Version */
#define NVT_REG_INTMS		0x0c	/* Interrupt Mask Set */
#define NVT_REG_INTMC		0x10	/* Interrupt Mask Clear */
#define NVT_REG_CC		0x14	/* Controller Configuration */
#define NVT_REG_CSTS		0x1c	/* Controller Status */
#define NVT_REG_NSSR		0x20	/* NVM Subsystem Reset */
#define NVT_REG_AQA		0x24	/* Admin Queue Attributes */
#define NVT_REG_ASQ		0x28	/* Admin SQ Base Address, 64 bits */
#define NVT_REG_ACQ		0x30	/* Admin CQ Base Address, 64 bits */
#define NVT_REG_CMBLOC		0x38	/* CMB Location */
#define NVT_REG_CMBSZ		0x3c	/* CMB Size */
#define NVT_REG_BPINFO		0x40	/* Boot Partition Information */
#define NVT_REG_BPRSEL		0x44	/* Boot Partition Read Select */
#define NVT_REG_BPMBL		0x48	/* Boot Partition Memory Buffer Location, 64 bits */
#define NVT_REG_CMBMSC		0x50	/* CMB Memory Space Control, 64 bits */
#define NVT_REG_CMBSTS		0x58	/* CMB Status */
#define NVT_REG_PMRCAP		0xe00	/* PMR Capabilities */
#define NVT_REG_PMRCTL		0xe04	/* PMR Control */
#define NVT_REG_PMRSTS		0xe08	/* PMR Status */
#define NVT_REG_PMREBS		0xe0c	/* PMR Elasticity Buffer Size */
#define NVT_REG_PMRSWTP		0xe10	/* PMR Sustained Write Throughput */
#define NVT_REG_PMRMSC		0xe14	/* PMR Memory Space Control, 64 bits: PMRMSCL */
#define NVT_REG_PMRMSCU		0xe18	/* PMRMSC's upper dword, PMRMSCU */
#define NVT_REG_DBS		0x1000	/* the first doorbell */

/* Doorbells of queue @qid with CAP.DSTRD @dstrd */
#define NVT_DB_SQ(qid, dstrd)	(NVT_REG_DBS + (2u * (qid)) * (4u << (dstrd)))
#define NVT_DB_CQ(qid, dstrd)	(NVT_REG_DBS + (2u * (qid) + 1) * (4u << (dstrd)))

/* CAP fields */
#define NVT_CAP_MQES(cap)	((__u32)((cap) & 0xffff))	/* 0's based */
#define NVT_CAP_CQR(cap)	((__u32)((cap) >> 16) & 0x1)
#define NVT_CAP_AMS(cap)	((__u32)((cap) >> 17) & 0x3)
#define NVT_CAP_TO(cap)		((__u32)((cap) >> 24) & 0xff)	/* 500 ms units */
#define NVT_CAP_DSTRD(cap)	((__u32)((cap) >> 32) & 0xf)
#define NVT_CAP_NSSRS(cap)	((__u32)((cap) >> 36) & 0x1)
#define NVT_CAP_CSS(cap)	((__u32)((cap) >> 37) & 0xff)
#define NVT_CAP_BPS(cap)	((__u32)((cap) >> 45) & 0x1)
#define NVT_CAP_MPSMIN(cap)	((__u32)((cap) >> 48) & 0xf)
#define NVT_CAP_MPSMAX(cap)	((__u32)((cap) >> 52) & 0xf)
#define NVT_CAP_PMRS(cap)	((__u32)((cap) >> 56) & 0x1)
#define NVT_CAP_CMBS(cap)	((__u32)((cap) >> 57) & 0x1)
#define NVT_CAP_TO_MS(cap)	(NVT_CAP_TO(cap) * 500u)

#define NVT_CAP_AMS_WRR		(1u << 0)	/* in NVT_CAP_AMS() */
#define NVT_CAP_AMS_VENDOR	(1u << 1)
#define NVT_CAP_CSS_NVM		(1u << 0)	/* in NVT_CAP_CSS() */
#define NVT_CAP_CSS_IOCS	(1u << 6)
#define NVT_CAP_CSS_ADMIN_ONLY	(1u << 7)

/* CC fields */
#define NVT_CC_EN		(1u << 0)
#define NVT_CC_CSS_SHIFT	4
#define NVT_CC_CSS_NVM		(0u << NVT_CC_CSS_SHIFT)
#define NVT_CC_CSS_IOCS		(6u << NVT_CC_CSS_SHIFT)	/* all supported */
#define NVT_CC_CSS_ADMIN_ONLY	(7u << NVT_CC_CSS_SHIFT)
#define NVT_CC_MPS_SHIFT	7
#define NVT_CC_MPS(cc)		(((cc) >> NVT_CC_MPS_SHIFT) & 0xf)
#define NVT_CC_AMS_SHIFT	11
#define NVT_CC_AMS_RR		(0u << NVT_CC_AMS_SHIFT)
#define NVT_CC_AMS_WRR		(1u << NVT_CC_AMS_SHIFT)
#define NVT_CC_AMS_VENDOR	(7u << NVT_CC_AMS_SHIFT)
#define NVT_CC_SHN_SHIFT	14
#define NVT_CC_SHN_NORMAL	(1u << NVT_CC_SHN_SHIFT)
#define NVT_CC_SHN_ABRUPT	(2u << NVT_CC_SHN_SHIFT)
#define NVT_CC_SHN_MASK		(3u << NVT_CC_SHN_SHIFT)
#define NVT_CC_IOSQES_SHIFT	16
#define NVT_CC_IOCQES_SHIFT	20
/* 64-byte SQEs and 16-byte CQEs, as every NVMe over PCIe controller takes */
#define NVT_CC_ENTRY_SIZES	((6u << NVT_CC_IOSQES_SHIFT) | \
				 (4u << NVT_CC_IOCQES_SHIFT))

/* Controller Memory Buffer: CMBLOC, CMBSZ, CMBMSC */
#define NVT_CMBLOC_BIR(loc)	((loc) & 0x7)
#define NVT_CMBLOC_OFST(loc)	((loc) >> 12)		/* in CMBSZ units */
#define NVT_CMBSZ_SQS		(1u << 0)
#define NVT_CMBSZ_CQS		(1u << 1)
#define NVT_CMBSZ_LISTS		(1u << 2)
#define NVT_CMBSZ_RDS		(1u << 3)
#define NVT_CMBSZ_WDS		(1u << 4)
#define NVT_CMBSZ_UNIT(sz)	(4096ull << (4 * (((sz) >> 8) & 0xf)))
#define NVT_CMBSZ_SZ(sz)	((sz) >> 12)		/* in units */
#define NVT_CMBMSC_CRE		(1ull << 0)
#define NVT_CMBMSC_CMSE		(1ull << 1)

/*
 * Persistent Memory Region: PMRCAP (what it offers, in which BAR), PMRCTL
 * (EN: host reads and writes allowed), PMRSTS (NRDY clears within PMRTO
 * once EN is set; HSTS: its health), PMRMSC (CMSE and the controller base
 * address: PMR addresses in commands mean the PMR; only with PMRCAP.CMSS).
 */
#define NVT_PMRCAP_RDS		(1u << 3)
#define NVT_PMRCAP_WDS		(1u << 4)
#define NVT_PMRCAP_BIR(cap)	(((cap) >> 5) & 0x7)
#define NVT_PMRCAP_PMRTU(cap)	(((cap) >> 8) & 0x3)	/* 0: 500 ms, 1: minutes */
#define NVT_PMRCAP_PMRTO(cap)	(((cap) >> 16) & 0xff)	/* in PMRTU units */
#define NVT_PMRCAP_CMSS		(1u << 24)
#define NVT_PMRCTL_EN		(1u << 0)
#define NVT_PMRSTS_ERR(sts)	((sts) & 0xff)
#define NVT_PMRSTS_NRDY		(1u << 8)
#define NVT_PMRSTS_HSTS(sts)	(((sts) >> 9) & 0x7)	/* 0: normal */
#define NVT_PMRMSC_CMSE		(1ull << 1)

/* CSTS fields */
#define NVT_CSTS_RDY		(1u << 0)
#define NVT_CSTS_CFS		(1u << 1)
#define NVT_CSTS_SHST(csts)	(((csts) >> 2) & 0x3)
#define NVT_CSTS_SHST_DONE	2
#define NVT_CSTS_NSSRO		(1u << 4)
#define NVT_CSTS_PP		(1u << 5)

#define NVT_NSSR_RESET		0x4e564d65	/* "NVMe" */

/* AQA: admin queue sizes, 1's based */
#define NVT_AQA(sq_entries, cq_entries) \
	((((__u32)(cq_entries) - 1) << 16) | ((__u32)(sq_entries) - 1))

/* ---- Admin command opcodes (section 5) ---- */
#define NVT_ADMIN_DELETE_SQ		0x00
#define NVT_ADMIN_CREATE_SQ		0x01
#define NVT_ADMIN_GET_LOG_PAGE		0x02
#define NVT_ADMIN_DELETE_CQ		0x04
#define NVT_ADMIN_CREATE_CQ		0x05
#define NVT_ADMIN_IDENTIFY		0x06
#define NVT_ADMIN_ABORT			0x08
#define NVT_ADMIN_SET_FEATURES		0x09
#define NVT_ADMIN_GET_FEATURES		0x0a
#define NVT_ADMIN_ASYNC_EVENT		0x0c
#define NVT_ADMIN_NS_MGMT		0x0d
#define NVT_ADMIN_FW_COMMIT		0x10
#define NVT_ADMIN_FW_DOWNLOAD		0x11
#define NVT_ADMIN_SELF_TEST		0x14
#define NVT_ADMIN_NS_ATTACH		0x15
#define NVT_ADMIN_KEEP_ALIVE		0x18
#define NVT_ADMIN_DIRECTIVE_SEND	0x19
#define NVT_ADMIN_DIRECTIVE_RECV	0x1a
#define NVT_ADMIN_VIRT_MGMT		0x1c
#define NVT_ADMIN_MI_SEND		0x1d
#define NVT_ADMIN_MI_RECV		0x1e
#define NVT_ADMIN_CAPACITY_MGMT		0x20
#define NVT_ADMIN_LOCKDOWN		0x24
#define NVT_ADMIN_DBBUF_CONFIG		0x7c
#define NVT_ADMIN_FABRICS		0x7f
#define NVT_ADMIN_FORMAT_NVM		0x80
#define NVT_ADMIN_SECURITY_SEND		0x81
#define NVT_ADMIN_SECURITY_RECV		0x82
#define NVT_ADMIN_SANITIZE		0x84
#define NVT_ADMIN_GET_LBA_STATUS	0x86
#define NVT_ADMIN_VENDOR_FIRST		0xc0

/* ---- I/O command opcodes: NVM command set, then zoned (ZNS) ---- */
#define NVT_NVM_FLUSH			0x00
#define NVT_NVM_WRITE			0x01
#define NVT_NVM_READ			0x02
#define NVT_NVM_WRITE_UNCOR		0x04
#define NVT_NVM_COMPARE			0x05
#define NVT_NVM_WRITE_ZEROES		0x08
#define NVT_NVM_DSM			0x09
#define NVT_NVM_VERIFY			0x0c	/* the NVMe Verify command */
#define NVT_NVM_RESV_REGISTER		0x0d
#define NVT_NVM_RESV_REPORT		0x0e
#define NVT_NVM_RESV_ACQUIRE		0x11
#define NVT_NVM_RESV_RELEASE		0x15
#define NVT_NVM_COPY			0x19
#define NVT_ZNS_MGMT_SEND		0x79
#define NVT_ZNS_MGMT_RECV		0x7a
#define NVT_ZNS_APPEND			0x7d
#define NVT_IO_VENDOR_FIRST		0x80

/* Opcode bits 1:0: the direction of its data (section 3.3) */
#define NVT_OPC_XFER(opc)		((opc) & 0x3)
#define NVT_XFER_NONE			0
#define NVT_XFER_TO_CTRL		1	/* host to controller */
#define NVT_XFER_FROM_CTRL		2
#define NVT_XFER_BIDI			3

/* ---- Command dword fields ---- */
/* SQE dword 0: FUSE bits 9:8, PSDT bits 15:14, CID bits 31:16 */
#define NVT_SQE_FUSE_FIRST		(1u << 8)
#define NVT_SQE_FUSE_SECOND		(2u << 8)
#define NVT_SQE_PSDT_MASK		(3u << 14)
#define NVT_SQE_PSDT_PRP		(0u << 14)
#define NVT_SQE_PSDT_SGL		(1u << 14)	/* MPTR an address */
#define NVT_SQE_PSDT_SGL_MPTR_SGL	(2u << 14)	/* MPTR an SGL */
#define NVT_SQE_CID_SHIFT		16

/* Create I/O CQ / SQ, CDW11 */
#define NVT_CQ_PC			(1u << 0)	/* physically contiguous */
#define NVT_CQ_IEN			(1u << 1)
#define NVT_CQ_IV_SHIFT			16
#define NVT_SQ_PC			(1u << 0)
#define NVT_SQ_QPRIO_SHIFT		1
#define NVT_SQ_CQID_SHIFT		16

/* Read, Write, Compare ... CDW12 */
#define NVT_RW_NLB_MASK			0xffffu		/* 0's based */
#define NVT_RW_STC			(1u << 24)	/* storage tag check */
#define NVT_RW_PRINFO_SHIFT		26	/* PRINFO: PRACT, then PRCHK 2:0 */
#define NVT_RW_PRACT			(1u << 29)
#define NVT_RW_FUA			(1u << 30)
#define NVT_RW_LR			(1u << 31)

/* Write Zeroes CDW12: deallocate */
#define NVT_WZ_DEAC			(1u << 25)

/* Zone Management Send CDW13: Zone Send Action */
#define NVT_ZSA_CLOSE			0x01
#define NVT_ZSA_FINISH			0x02
#define NVT_ZSA_OPEN			0x03
#define NVT_ZSA_RESET			0x04
#define NVT_ZSA_OFFLINE			0x05

/* Dataset Management CDW11 and its range (16 bytes) */
#define NVT_DSM_IDR			(1u << 0)
#define NVT_DSM_IDW			(1u << 1)
#define NVT_DSM_AD			(1u << 2)	/* deallocate */
#define NVT_DSM_RANGE_BYTES		16
#define NVT_COPY_RANGE_BYTES		32		/* source range format 0 */

/* SGL descriptor types (byte 15 bits 7:4), section 4.1.2 */
#define NVT_SGL_DATA_BLOCK		0x0
#define NVT_SGL_BIT_BUCKET		0x1
#define NVT_SGL_SEGMENT			0x2
#define NVT_SGL_LAST_SEGMENT		0x3
#define NVT_SGL_KEYED_DATA_BLOCK	0x4
#define NVT_SGL_TRANSPORT_DATA_BLOCK	0x5
#define NVT_SGL_DESC_BYTES		16
/* byte 15 of a descriptor: the type in bits 7:4, the subtype in 3:0 */
#define NVT_SGL_SUBTYPE_ADDRESS		0x0
#define NVT_SGL_SUBTYPE_OFFSET		0x1
#define NVT_SGL_ID(type, subtype)	((__u8)(((type) & 0xf) << 4 | ((subtype) & 0xf)))

/* ---- PRP entries (section 4.1.1) ---- */
#define NVT_PRP_ENTRY_BYTES		8

/* ---- Queue entry sizes (section 4.1, 4.2) ---- */
#define NVT_SQE_BYTES			64
#define NVT_CQE_BYTES			16
/* CDW10 of Create I/O CQ and SQ: QSIZE in bits 31:16, 0's based */
#define NVT_QSIZE_SHIFT			16

/* ---- Identify (section 5.17) ---- */
#define NVT_IDENTIFY_BYTES		4096
#define NVT_CNS_NS			0x00
#define NVT_CNS_CTRL			0x01
#define NVT_CNS_NS_ACTIVE_LIST		0x02
#define NVT_CNS_NS_DESC_LIST		0x03
#define NVT_CNS_NVMSET_LIST		0x04
#define NVT_CNS_CSI_NS			0x05
#define NVT_CNS_CSI_CTRL		0x06
#define NVT_CNS_CSI_NS_ACTIVE_LIST	0x07
#define NVT_CNS_ALLOC_NS_LIST		0x10
#define NVT_CNS_ALLOC_NS		0x11
#define NVT_CNS_CTRL_NS_LIST		0x12
#define NVT_CNS_CTRL_LIST		0x13
#define NVT_CNS_PRIMARY_CTRL_CAP	0x14
#define NVT_CNS_SECONDARY_CTRL_LIST	0x15
#define NVT_CNS_IOCS			0x1c

#define NVT_CSI_NVM			0x00
#define NVT_CSI_ZNS			0x02

/* Namespace Identification Descriptor types (CNS 03h) */
#define NVT_NIDT_EUI64			0x01
#define NVT_NIDT_NGUID			0x02
#define NVT_NIDT_UUID			0x03
#define NVT_NIDT_CSI			0x04

/* Identify Controller byte offsets the code reads */
#define NVT_IDC_VID			0
#define NVT_IDC_SSVID			2
#define NVT_IDC_SN			4	/* 20 bytes */
#define NVT_IDC_MN			24	/* 40 bytes */
#define NVT_IDC_FR			64	/* 8 bytes */
#define NVT_IDC_MDTS			77
#define NVT_IDC_CNTLID			78
#define NVT_IDC_VER			80
#define NVT_IDC_OAES			92
#define NVT_IDC_CTRATT			96
#define NVT_IDC_OACS			256
#define NVT_IDC_ACL			258
#define NVT_IDC_AERL			259
#define NVT_IDC_FRMW			260
#define NVT_IDC_LPA			261
#define NVT_IDC_ELPE			262
#define NVT_IDC_NPSS			263
#define NVT_IDC_TNVMCAP			280	/* 16 bytes */
#define NVT_IDC_UNVMCAP			296	/* 16 bytes */
#define NVT_IDC_EDSTT			316	/* 2 bytes, minutes */
#define NVT_IDC_DSTO			318
#define NVT_IDC_FWUG			319
#define NVT_IDC_SANICAP			328
#define NVT_IDC_SQES			512
#define NVT_IDC_CQES			513
#define NVT_IDC_MAXCMD			514
#define NVT_IDC_NN			516
#define NVT_IDC_ONCS			520
#define NVT_IDC_FUSES			522
#define NVT_IDC_FNA			524
#define NVT_IDC_VWC			525
#define NVT_IDC_AWUN			526
#define NVT_IDC_AWUPF			528
#define NVT_IDC_SGLS			536
#define NVT_IDC_SUBNQN			768	/* 256 bytes */
#define NVT_IDC_PSD0			2048	/* 32 bytes each */

/* Identify Namespace (NVM) byte offsets the code reads */
#define NVT_IDNS_NSZE			0
#define NVT_IDNS_NCAP			8
#define NVT_IDNS_NUSE			16
#define NVT_IDNS_NSFEAT			24
#define NVT_IDNS_NLBAF			25
#define NVT_IDNS_FLBAS			26
#define NVT_IDNS_MC			27
#define NVT_IDNS_DPC			28
#define NVT_IDNS_DPS			29
#define NVT_IDNS_NMIC			30
#define NVT_IDNS_DLFEAT			33
#define NVT_IDNS_MSSRL			74
#define NVT_IDNS_MCL			76
#define NVT_IDNS_MSRC			80
#define NVT_IDNS_ANAGRPID		92	/* 4 bytes */
#define NVT_IDNS_NVMSETID		100	/* 2 bytes */
#define NVT_IDNS_ENDGID			102	/* 2 bytes */
#define NVT_IDNS_LBAF			128	/* 4 bytes each */
/* in each LBA format: MS (2 bytes), LBADS (log2 of the LBA size), RP */
#define NVT_LBAF_MS			0
#define NVT_LBAF_LBADS			2
#define NVT_LBAF_RP			3

/* Identify Controller OACS bits (Optional Admin Command Support) */
#define NVT_OACS_SECURITY		(1u << 0)	/* Security Send and Receive */
#define NVT_OACS_FORMAT			(1u << 1)	/* Format NVM */
#define NVT_OACS_FW			(1u << 2)	/* Firmware Commit and Image Download */
#define NVT_OACS_NS_MGMT		(1u << 3)	/* Namespace Management and Attachment */
#define NVT_OACS_SELF_TEST		(1u << 4)	/* Device Self-test */
#define NVT_OACS_DIRECTIVES		(1u << 5)	/* Directive Send and Receive */
#define NVT_OACS_MI			(1u << 6)	/* NVMe-MI Send and Receive */
#define NVT_OACS_VIRT_MGMT		(1u << 7)
#define NVT_OACS_DBBUF			(1u << 8)	/* Doorbell Buffer Config */
#define NVT_OACS_LBA_STATUS		(1u << 9)	/* Get LBA Status */
#define NVT_OACS_LOCKDOWN		(1u << 10)	/* Command and Feature Lockdown */

/* Identify Controller ONCS bits (Optional NVM Command Support) */
#define NVT_ONCS_COMPARE		(1u << 0)
#define NVT_ONCS_WRITE_UNCOR		(1u << 1)
#define NVT_ONCS_DSM			(1u << 2)
#define NVT_ONCS_WRITE_ZEROES		(1u << 3)
#define NVT_ONCS_SELECT			(1u << 4)	/* Save and Select in Set/Get Features */
#define NVT_ONCS_RESERVATIONS		(1u << 5)
#define NVT_ONCS_TIMESTAMP		(1u << 6)	/* the Timestamp feature */
#define NVT_ONCS_VERIFY			(1u << 7)
#define NVT_ONCS_COPY			(1u << 8)

/* Identify Controller LPA bits (Log Page Attributes) */
#define NVT_LPA_SMART_PER_NS		(1u << 0)
#define NVT_LPA_CMD_EFFECTS		(1u << 1)	/* Commands Supported and Effects */
#define NVT_LPA_EXTENDED		(1u << 2)	/* offsets, NUMDU */

/*
 * Firmware (Base 2.0: Firmware Image Download and Firmware Commit
 * commands, Firmware Slot Information log).  FRMW: slot 1 read only in
 * bit 0, the number of slots (1..7) in bits 3:1, activation without reset
 * in bit 4.  FWUG: the granularity of image pieces in 4 KiB units (0: not
 * reported, FFh: any dword granularity).
 */
#define NVT_FRMW_SLOT1_RO		(1u << 0)
#define NVT_FRMW_NOFS(frmw)		(((frmw) >> 1) & 0x7)
#define NVT_FRMW_ACT_NO_RESET		(1u << 4)
#define NVT_FWUG_UNIT			4096
#define NVT_FWUG_NOT_REPORTED		0x00
#define NVT_FWUG_NO_RESTRICTION		0xff
/* Firmware Commit CDW10: FS bits 2:0, CA bits 5:3, BPID bit 31 */
#define NVT_FW_CA_REPLACE		0x0	/* image to the slot, not activated */
#define NVT_FW_CA_REPLACE_ACTIVATE	0x1	/* and activated at the next reset */
#define NVT_FW_CA_ACTIVATE		0x2	/* the slot's image at the next reset */
#define NVT_FW_CA_ACTIVATE_NOW		0x3	/* without a reset (FRMW bit 4) */
#define NVT_FW_CA_BP_REPLACE		0x6	/* image to boot partition BPID */
#define NVT_FW_CA_BP_ACTIVATE		0x7	/* boot partition BPID active */
#define NVT_FW_COMMIT_CDW10(slot, ca, bpid) \
	((((__u32)(bpid) & 0x1) << 31) | (((__u32)(ca) & 0x7) << 3) | \
	 ((__u32)(slot) & 0x7))
/* Firmware Slot Information log (03h): AFI, then slot n's revision */
#define NVT_FWSLOT_AFI			0	/* active 2:0, next reset 6:4 */
#define NVT_FWSLOT_FRS(slot)		(8u * (slot))	/* 8 bytes, slots 1..7 */

/*
 * Namespace Management (admin 0Dh): CDW10 SEL bits 3:0, CDW11 CSI bits
 * 31:24 (create).  Create's data is 4 KiB of host specified fields at
 * the offsets of Identify Namespace (NSZE, NCAP, FLBAS, DPS, NMIC,
 * ANAGRPID, NVMSETID, ENDGID); dword 0 of its completion is the new NSID.
 * NSID FFFFFFFFh in a delete deletes every namespace.
 */
#define NVT_NS_MGMT_SEL_CREATE		0x0
#define NVT_NS_MGMT_SEL_DELETE		0x1
#define NVT_NSID_ALL			0xffffffffu

/*
 * Sanitize (admin 84h): CDW10 SANACT bits 2:0, AUSE bit 3, OWPASS bits
 * 7:4, OIPBP bit 8, NDAS bit 9; CDW11 the overwrite pattern.  SANICAP
 * says which actions the controller has.
 */
#define NVT_SANACT_EXIT_FAILURE		0x1
#define NVT_SANACT_BLOCK_ERASE		0x2
#define NVT_SANACT_OVERWRITE		0x3
#define NVT_SANACT_CRYPTO_ERASE		0x4
#define NVT_SANITIZE_AUSE		(1u << 3)	/* allow unrestricted exit */
#define NVT_SANITIZE_OWPASS_SHIFT	4
#define NVT_SANITIZE_OIPBP		(1u << 8)	/* invert pattern between passes */
#define NVT_SANITIZE_NDAS		(1u << 9)	/* no deallocate after */
#define NVT_SANICAP_CES			(1u << 0)	/* crypto erase */
#define NVT_SANICAP_BES			(1u << 1)	/* block erase */
#define NVT_SANICAP_OWS			(1u << 2)	/* overwrite */
/* Sanitize Status log (81h), byte offsets */
#define NVT_SANLOG_BYTES		512
#define NVT_SANLOG_SPROG		0	/* 2 bytes: progress of 65536 */
#define NVT_SANLOG_SSTAT		2	/* 2 bytes */
#define NVT_SANLOG_SCDW10		4	/* 4 bytes: the last Sanitize's CDW10 */
#define NVT_SANLOG_ETO			8	/* 4 bytes each: estimated seconds, */
#define NVT_SANLOG_ETBE			12	/* FFFFFFFFh none */
#define NVT_SANLOG_ETCE			16
#define NVT_SSTAT_STATUS(sstat)		((sstat) & 0x7)
#define NVT_SSTAT_NEVER			0x0	/* never sanitized */
#define NVT_SSTAT_DONE			0x1	/* the last one completed */
#define NVT_SSTAT_IN_PROGRESS		0x2
#define NVT_SSTAT_FAILED		0x3
#define NVT_SSTAT_DONE_NDAS		0x4	/* completed, deallocated despite NDAS */
#define NVT_SSTAT_PASSES(sstat)		(((sstat) >> 3) & 0x1f)
#define NVT_SSTAT_GDE			(1u << 8)	/* global data erased */
#define NVT_SPROG_IDLE			0xffff	/* SPROG when none is in progress */

/*
 * Device Self-test (admin 14h): NSID, CDW10 STC bits 3:0.  The Device
 * Self-test log (06h): the operation in progress, its completion, and 20
 * result entries of 28 bytes, newest first.
 */
#define NVT_DST_SHORT			0x1
#define NVT_DST_EXTENDED		0x2
#define NVT_DST_VENDOR			0xe
#define NVT_DST_ABORT			0xf
#define NVT_DSTLOG_BYTES		564
#define NVT_DSTLOG_CURRENT		0	/* bits 3:0: STC in progress, 0 none */
#define NVT_DSTLOG_COMPLETION		1	/* bits 6:0: percent */
#define NVT_DSTLOG_ENTRY0		4
#define NVT_DSTLOG_ENTRY_SIZE		28
#define NVT_DSTLOG_ENTRIES		20
/* in each result entry */
#define NVT_DSTR_STATUS			0	/* STC 7:4, result 3:0 */
#define NVT_DSTR_SEGMENT		1
#define NVT_DSTR_VDI			2	/* which of the fields below are valid */
#define NVT_DSTR_POH			4	/* 8 bytes */
#define NVT_DSTR_NSID			12	/* 4 bytes */
#define NVT_DSTR_FLBA			16	/* 8 bytes */
#define NVT_DSTR_SCT			24
#define NVT_DSTR_SC			25
#define NVT_DSTR_VDI_NSID		(1u << 0)
#define NVT_DSTR_VDI_FLBA		(1u << 1)
#define NVT_DSTR_VDI_SCT		(1u << 2)
#define NVT_DSTR_VDI_SC			(1u << 3)
#define NVT_DST_RESULT_OK		0x0
#define NVT_DST_RESULT_ABORTED_CMD	0x1	/* by a Device Self-test (abort) */
#define NVT_DST_RESULT_ABORTED_RESET	0x2	/* by a Controller Level Reset */
#define NVT_DST_RESULT_UNUSED		0xf	/* the entry holds no result */

/*
 * Security Send (81h) and Receive (82h): CDW10 SECP bits 31:24, SPSP
 * bits 23:8, NSSF bits 7:0; CDW11 the transfer (TL) or allocation (AL)
 * length in bytes.  Protocol 00h, SPSP 0000h lists the supported
 * protocols (SPC-4): a big-endian length in bytes 7:6, the protocol
 * identifiers from byte 8, ascending.
 */
#define NVT_SECURITY_CDW10(secp, spsp, nssf) \
	(((__u32)(secp) << 24) | (((__u32)(spsp) & 0xffff) << 8) | \
	 ((__u32)(nssf) & 0xff))
#define NVT_SECP_INFO			0x00	/* security protocol information */
#define NVT_SECP_TCG_FIRST		0x01	/* TCG: 01h..06h */
#define NVT_SECP_TCG_LAST		0x06
#define NVT_SPSP_PROTOCOL_LIST		0x0000
#define NVT_SECP_LIST_LENGTH		6	/* 2 bytes, big endian */
#define NVT_SECP_LIST			8

/*
 * The Timestamp feature's data (FID 0Eh, 8 bytes): milliseconds since
 * midnight 1 January 1970 UTC in bits 47:0, Synch bit 48 (1: the count
 * may have stopped), Timestamp Origin bits 51:49.
 */
#define NVT_TIMESTAMP_BYTES		8
#define NVT_TS_MS_MASK			((1ull << 48) - 1)
#define NVT_TS_SYNCH			(1ull << 48)
#define NVT_TS_ORIGIN(ts)		(((ts) >> 49) & 0x7)
#define NVT_TS_ORIGIN_RESET		0x0	/* zeroed by a Controller Level Reset */
#define NVT_TS_ORIGIN_SET		0x1	/* set by Set Features */

/*
 * Commands Supported and Effects log (05h): one dword per opcode, the
 * admin commands' from byte 0, the I/O commands' (of the command set
 * Get Log Page's CSI names, CDW14 bits 31:24) from byte 1024.
 */
#define NVT_CSE_LOG_BYTES		4096
#define NVT_CSE_ADMIN			0
#define NVT_CSE_IO			1024
#define NVT_CSE_CSUPP			(1u << 0)	/* supported */
#define NVT_CSE_LBCC			(1u << 1)	/* may change LBA content */
#define NVT_CSE_NCC			(1u << 2)	/* namespace capability change */
#define NVT_CSE_NIC			(1u << 3)	/* namespace inventory change */
#define NVT_CSE_CCC			(1u << 4)	/* controller capability change */
#define NVT_CSE_CSE(e)			(((e) >> 16) & 0x7)	/* submission and execution */
#define NVT_CSE_USS			(1u << 19)	/* UUID selection supported */
#define NVT_LOG_CSI_SHIFT		24	/* Get Log Page CDW14 */

/*
 * Virtualization Enhancements (NVMe base spec 2.0, 8.26; Virtualization
 * Management 5.22).  A primary controller (the PF's) hands flexible
 * resources to its secondary controllers (its VFs' and others').
 *
 * Virtualization Management (admin 1Ch): CDW10 bits 3:0 the action, 10:8
 * the resource type, 31:16 the controller identifier; CDW11 bits 15:0 the
 * number of resources.
 */
#define NVT_VIRT_ACT_PRIMARY_ALLOC	0x1	/* primary flexible allocation */
#define NVT_VIRT_ACT_SEC_OFFLINE	0x7	/* secondary controller offline */
#define NVT_VIRT_ACT_SEC_ASSIGN		0x8	/* assign to a secondary */
#define NVT_VIRT_ACT_SEC_ONLINE		0x9	/* secondary controller online */
#define NVT_VIRT_RT_VQ			0x0	/* VQ resources: queues */
#define NVT_VIRT_RT_VI			0x1	/* VI resources: interrupts */
#define NVT_VIRT_CDW10(act, rt, cntlid) \
	(((__u32)(cntlid) << 16) | (((__u32)(rt) & 0x7) << 8) | \
	 ((__u32)(act) & 0xf))

/* Identify Primary Controller Capabilities (CNS 14h), byte offsets */
#define NVT_PCC_CNTLID			0	/* 2 bytes */
#define NVT_PCC_PORTID			2	/* 2 bytes */
#define NVT_PCC_CRT			4	/* controller resource types */
#define NVT_PCC_VQFRT			32	/* 4 bytes: VQ flexible total */
#define NVT_PCC_VQRFA			36	/* 4 bytes: VQ assigned to secondaries */
#define NVT_PCC_VQRFAP			40	/* 2 bytes: VQ allocated to primary */
#define NVT_PCC_VQPRT			42	/* 2 bytes: VQ private total */
#define NVT_PCC_VQFRSM			44	/* 2 bytes: VQ max per secondary */
#define NVT_PCC_VQGRAN			46	/* 2 bytes: VQ granularity */
#define NVT_PCC_VIFRT			64	/* 4 bytes: VI flexible total */
#define NVT_PCC_VIRFA			68	/* 4 bytes */
#define NVT_PCC_VIRFAP			72	/* 2 bytes */
#define NVT_PCC_VIPRT			74	/* 2 bytes */
#define NVT_PCC_VIFRSM			76	/* 2 bytes */
#define NVT_PCC_VIGRAN			78	/* 2 bytes */
#define NVT_PCC_CRT_VQ			(1u << 0)
#define NVT_PCC_CRT_VI			(1u << 1)

/*
 * Identify Secondary Controller List (CNS 15h): byte 0 the number of
 * entries (up to 127), then 32-byte entries from byte 32, in controller
 * identifier order from CDW10.CNTID on.
 */
#define NVT_SCL_NUMID			0
#define NVT_SCL_ENTRY0			32
#define NVT_SCL_ENTRY_SIZE		32
#define NVT_SCL_MAX_ENTRIES		127
/* in each entry */
#define NVT_SCE_SCID			0	/* 2 bytes */
#define NVT_SCE_PCID			2	/* 2 bytes */
#define NVT_SCE_SCS			4	/* bit 0: online */
#define NVT_SCE_VFN			8	/* 2 bytes; 0: not a VF */
#define NVT_SCE_NVQ			10	/* 2 bytes: VQ assigned */
#define NVT_SCE_NVI			12	/* 2 bytes: VI assigned */

/*
 * Namespace Attachment (admin 15h): CDW10 bits 3:0 SEL; the data is a
 * Controller List: a 2-byte count, then up to 2047 2-byte identifiers.
 */
#define NVT_NS_ATTACH_SEL_ATTACH	0x0
#define NVT_NS_ATTACH_SEL_DETACH	0x1
#define NVT_CTRL_LIST_MAX		2047

/* Identify Namespace, Zoned (CNS 05h, CSI 02h): LBA format extensions, */
/* 16 bytes each, the first 8 the zone size in LBAs */
#define NVT_IDNS_ZNS_LBAFE		2816

/*
 * Identify CNS 05h, CSI 00h: the NVM Command Set's namespace data, whose
 * Extended LBA Formats (4 bytes each, in LBA format order) give the
 * protection information format (PIF): a 16-bit guard (8-byte PI), or a
 * 32- or 64-bit guard (16-byte PI).
 */
#define NVT_IDNS_NVM_ELBAF		12
#define NVT_ELBAF_STS(elbaf)		((elbaf) & 0x7f)	/* storage tag bits */
#define NVT_ELBAF_PIF(elbaf)		(((elbaf) >> 7) & 0x3)
#define NVT_PIF_16B_GUARD		0
#define NVT_PIF_32B_GUARD		1
#define NVT_PIF_64B_GUARD		2
#define NVT_PI_LARGE_BYTES		16	/* with a 32- or 64-bit guard */

#define NVT_FLBAS_INDEX(flbas)		(((flbas) & 0xf) | (((flbas) >> 1) & 0x30))
#define NVT_FLBAS_EXTENDED		(1u << 4)	/* metadata after each LBA */
#define NVT_DPS_TYPE(dps)		((dps) & 0x7)
#define NVT_DPS_FIRST_BYTES		(1u << 3)	/* PI in the first 8 bytes */
#define NVT_PI_BYTES			8

/* ---- Features (section 5.27.1) ---- */
#define NVT_FEAT_ARBITRATION		0x01
#define NVT_FEAT_POWER_MGMT		0x02
#define NVT_FEAT_LBA_RANGE		0x03
#define NVT_FEAT_TEMP_THRESH		0x04
#define NVT_FEAT_ERR_RECOVERY		0x05
#define NVT_FEAT_VOLATILE_WC		0x06
#define NVT_FEAT_NUM_QUEUES		0x07
#define NVT_FEAT_IRQ_COALESCE		0x08
#define NVT_FEAT_IRQ_CONFIG		0x09
#define NVT_FEAT_WRITE_ATOMIC		0x0a
#define NVT_FEAT_ASYNC_EVENT		0x0b
#define NVT_FEAT_AUTO_PST		0x0c
#define NVT_FEAT_HOST_MEM_BUF		0x0d
#define NVT_FEAT_TIMESTAMP		0x0e
#define NVT_FEAT_KATO			0x0f
#define NVT_FEAT_HCTM			0x10
#define NVT_FEAT_NOPSC			0x11
#define NVT_FEAT_READ_RECOVERY		0x12
#define NVT_FEAT_PLM_CONFIG		0x13
#define NVT_FEAT_PLM_WINDOW		0x14
#define NVT_FEAT_LBA_STATUS_ATTR	0x15
#define NVT_FEAT_HOST_BEHAVIOR		0x16
#define NVT_FEAT_SANITIZE		0x17
#define NVT_FEAT_ENDURANCE_EVENT	0x18
#define NVT_FEAT_IOCS_PROFILE		0x19
#define NVT_FEAT_SPINUP			0x1a
#define NVT_FEAT_ENH_CTRL_METADATA	0x7d
#define NVT_FEAT_CTRL_METADATA		0x7e
#define NVT_FEAT_NS_METADATA		0x7f
#define NVT_FEAT_SW_PROGRESS		0x80
#define NVT_FEAT_HOST_ID		0x81
#define NVT_FEAT_RESV_MASK		0x82
#define NVT_FEAT_RESV_PERSIST		0x83
#define NVT_FEAT_WRITE_PROTECT		0x84

/*
 * ---- Asynchronous Event Request completion, Dword 0 (section 5.2) ----
 * Event type in bits 2:0, event information in 15:8, the log page to
 * read (which clears the event) in 23:16.
 */
#define NVT_AER_TYPE(dw0)		((dw0) & 0x7)
#define NVT_AER_INFO(dw0)		(((dw0) >> 8) & 0xff)
#define NVT_AER_LID(dw0)		(((dw0) >> 16) & 0xff)
#define NVT_AER_TYPE_ERROR		0x0
#define NVT_AER_TYPE_SMART		0x1
#define NVT_AER_TYPE_NOTICE		0x2
/* Error status event information */
#define NVT_AER_ERR_INVALID_DB_REG	0x00	/* Write to Invalid Doorbell Register */
#define NVT_AER_ERR_INVALID_DB_VALUE	0x01	/* Invalid Doorbell Write Value */

/* ---- Log pages (section 5.16.1) ---- */
#define NVT_LID_ERROR			0x01
#define NVT_LID_SMART			0x02
#define NVT_LID_FW_SLOT			0x03
#define NVT_LID_CHANGED_NS		0x04
#define NVT_LID_CMD_EFFECTS		0x05
#define NVT_LID_SELF_TEST		0x06
#define NVT_LID_TELEMETRY_HOST		0x07
#define NVT_LID_TELEMETRY_CTRL		0x08
#define NVT_LID_ENDURANCE_GROUP		0x09
#define NVT_LID_PERSISTENT_EVENT	0x0d
#define NVT_LID_SANITIZE		0x81

/* ---- Status values, SCT << 8 | SC (section 4.2.3) ---- */
#define NVT_SCT(status)			(((status) >> 8) & 0x7)
#define NVT_SC(status)			((status) & 0xff)
#define NVT_SCT_GENERIC			0
#define NVT_SCT_CMD_SPECIFIC		1
#define NVT_SCT_MEDIA			2
#define NVT_SCT_PATH			3
#define NVT_SCT_VENDOR			7

/* generic */
#define NVT_SC_SUCCESS			0x000
#define NVT_SC_INVALID_OPCODE		0x001
#define NVT_SC_INVALID_FIELD		0x002
#define NVT_SC_CID_CONFLICT		0x003
#define NVT_SC_DATA_XFER_ERROR		0x004
#define NVT_SC_ABORTED_POWER_LOSS	0x005
#define NVT_SC_INTERNAL			0x006
#define NVT_SC_ABORT_REQUESTED		0x007
#define NVT_SC_ABORTED_SQ_DELETION	0x008
#define NVT_SC_ABORTED_FUSED_FAIL	0x009
#define NVT_SC_ABORTED_FUSED_MISSING	0x00a
#define NVT_SC_INVALID_NS		0x00b	/* Invalid Namespace or Format */
#define NVT_SC_CMD_SEQ_ERROR		0x00c
#define NVT_SC_INVALID_SGL_SEGMENT	0x00d
#define NVT_SC_INVALID_SGL_COUNT	0x00e
#define NVT_SC_SGL_DATA_LENGTH		0x00f
#define NVT_SC_SGL_MD_LENGTH		0x010
#define NVT_SC_SGL_TYPE_INVALID		0x011
#define NVT_SC_INVALID_CMB_USE		0x012
#define NVT_SC_PRP_OFFSET_INVALID	0x013
#define NVT_SC_ATOMIC_WU_EXCEEDED	0x014
#define NVT_SC_OPERATION_DENIED		0x015
#define NVT_SC_SGL_OFFSET_INVALID	0x016
#define NVT_SC_HOST_ID_INCONSISTENT	0x018
#define NVT_SC_KEEP_ALIVE_EXPIRED	0x019
#define NVT_SC_KEEP_ALIVE_INVALID	0x01a
#define NVT_SC_ABORTED_PREEMPT		0x01b
#define NVT_SC_SANITIZE_FAILED		0x01c
#define NVT_SC_SANITIZE_IN_PROGRESS	0x01d
#define NVT_SC_SGL_GRANULARITY		0x01e
#define NVT_SC_CMD_NOT_SUPP_CMB_QUEUE	0x01f
#define NVT_SC_NS_WRITE_PROTECTED	0x020
#define NVT_SC_CMD_INTERRUPTED		0x021
#define NVT_SC_TRANSIENT_TRANSPORT	0x022
#define NVT_SC_PROHIBITED_LOCKDOWN	0x023
#define NVT_SC_ADMIN_MEDIA_NOT_READY	0x024
#define NVT_SC_LBA_RANGE		0x080
#define NVT_SC_CAP_EXCEEDED		0x081
#define NVT_SC_NS_NOT_READY		0x082
#define NVT_SC_RESERVATION_CONFLICT	0x083
#define NVT_SC_FORMAT_IN_PROGRESS	0x084
/* command specific */
#define NVT_SC_INVALID_CQ		0x100
#define NVT_SC_INVALID_QID		0x101
#define NVT_SC_INVALID_QSIZE		0x102
#define NVT_SC_ABORT_LIMIT		0x103
#define NVT_SC_AER_LIMIT		0x105
#define NVT_SC_INVALID_FW_SLOT		0x106
#define NVT_SC_INVALID_FW_IMAGE		0x107
#define NVT_SC_INVALID_VECTOR		0x108
#define NVT_SC_INVALID_LOG_PAGE		0x109
#define NVT_SC_INVALID_FORMAT		0x10a
#define NVT_SC_FW_NEEDS_CONV_RESET	0x10b
#define NVT_SC_INVALID_QUEUE_DELETION	0x10c
#define NVT_SC_FEAT_NOT_SAVEABLE	0x10d
#define NVT_SC_FEAT_NOT_CHANGEABLE	0x10e
#define NVT_SC_FEAT_NOT_PER_NS		0x10f
#define NVT_SC_FW_NEEDS_SUBSYS_RESET	0x110
#define NVT_SC_FW_NEEDS_RESET		0x111
#define NVT_SC_FW_NEEDS_MAX_TIME	0x112
#define NVT_SC_FW_ACTIVATE_PROHIBITED	0x113
#define NVT_SC_OVERLAPPING_RANGE	0x114
#define NVT_SC_NS_INSUFFICIENT_CAP	0x115
#define NVT_SC_NS_ID_UNAVAILABLE	0x116
#define NVT_SC_NS_ALREADY_ATTACHED	0x118
#define NVT_SC_NS_IS_PRIVATE		0x119
#define NVT_SC_NS_NOT_ATTACHED		0x11a
#define NVT_SC_THIN_PROV_NOT_SUPP	0x11b
#define NVT_SC_CTRL_LIST_INVALID	0x11c
#define NVT_SC_SELF_TEST_IN_PROGRESS	0x11d
#define NVT_SC_BP_WRITE_PROHIBITED	0x11e
#define NVT_SC_INVALID_CTRL_ID		0x11f
#define NVT_SC_INVALID_SEC_CTRL_STATE	0x120
#define NVT_SC_INVALID_CTRL_RESOURCES	0x121
#define NVT_SC_INVALID_RESOURCE_ID	0x122
#define NVT_SC_IOCS_NOT_SUPPORTED	0x129
#define NVT_SC_IOCS_NOT_ENABLED		0x12a
#define NVT_SC_IOCS_COMBINATION		0x12b
#define NVT_SC_INVALID_IOCS		0x12c
#define NVT_SC_CONFLICTING_ATTRS	0x180
#define NVT_SC_INVALID_PI		0x181
#define NVT_SC_WRITE_TO_RO_RANGE	0x182
#define NVT_SC_CMD_SIZE_LIMIT		0x183
#define NVT_SC_ZONE_BOUNDARY		0x1b8
#define NVT_SC_ZONE_FULL		0x1b9
#define NVT_SC_ZONE_READ_ONLY		0x1ba
#define NVT_SC_ZONE_OFFLINE		0x1bb
#define NVT_SC_ZONE_INVALID_WRITE	0x1bc
#define NVT_SC_TOO_MANY_ACTIVE_ZONES	0x1bd
#define NVT_SC_TOO_MANY_OPEN_ZONES	0x1be
#define NVT_SC_ZONE_INVALID_TRANSITION	0x1bf
/* media and data integrity */
#define NVT_SC_WRITE_FAULT		0x280
#define NVT_SC_READ_ERROR		0x281
#define NVT_SC_GUARD_CHECK		0x282
#define NVT_SC_APPTAG_CHECK		0x283
#define NVT_SC_REFTAG_CHECK		0x284
#define NVT_SC_COMPARE_FAILED		0x285
#define NVT_SC_ACCESS_DENIED		0x286
#define NVT_SC_DEALLOCATED		0x287
#define NVT_SC_STORAGE_TAG_CHECK	0x288

/**
 * union nvt_sqe - a submission queue entry (section 4.2), 64 bytes
 * @dw: its sixteen dwords, for raw access and error injection
 * @opcode: CDW0 bits 7:0
 * @flags: CDW0 bits 15:8: FUSE 1:0, PSDT 7:6
 * @cid: CDW0 bits 31:16, the command identifier
 * @nsid: the namespace identifier
 * @cdw2: command dword 2
 * @cdw3: command dword 3
 * @mptr: the metadata pointer
 * @prp1: PRP entry 1, or the SGL descriptor's bytes 0-7
 * @prp2: PRP entry 2, or the SGL descriptor's bytes 8-15
 * @cdw10: command dword 10
 * @cdw11: command dword 11
 * @cdw12: command dword 12
 * @cdw13: command dword 13
 * @cdw14: command dword 14
 * @cdw15: command dword 15
 */
union nvt_sqe {
	__u32 dw[16];
	struct {
		__u8 opcode;
		__u8 flags;
		__u16 cid;
		__u32 nsid;
		__u32 cdw2;
		__u32 cdw3;
		__u64 mptr;
		__u64 prp1;
		__u64 prp2;
		__u32 cdw10;
		__u32 cdw11;
		__u32 cdw12;
		__u32 cdw13;
		__u32 cdw14;
		__u32 cdw15;
	};
};

/**
 * union nvt_cqe - a completion queue entry (section 4.2.2), 16 bytes
 * @dw: its four dwords, as the readers below take them
 * @dw0: command specific
 * @dw1: command specific
 * @sqhd: the SQ head pointer
 * @sqid: the SQ the command came from
 * @cid: the command identifier
 * @sf: phase (bit 0) and status field: SC 8:1, SCT 11:9, CRD 13:12,
 *	More 14, DNR 15
 */
union nvt_cqe {
	__u32 dw[4];
	struct {
		__u32 dw0;
		__u32 dw1;
		__u16 sqhd;
		__u16 sqid;
		__u16 cid;
		__u16 sf;
	};
};

/* CQE dword 3 */
#define NVT_CQE_PHASE			(1u << 16)
#define NVT_CQE_STATUS_SHIFT		17

/* Readers of a CQE's four dwords, as the controller wrote them */

/**
 * nvt_cqe_status() - the status of a completion
 * @cqe: the entry's four dwords
 *
 * Return: SCT << 8 | SC, without phase, CRD, More and DNR; 0 is success.
 */
static inline __u16 nvt_cqe_status(const __u32 *cqe)
{
	return (cqe[3] >> NVT_CQE_STATUS_SHIFT) & 0x7ff;
}

/**
 * nvt_cqe_phase() - the phase tag of a completion
 * @cqe: the entry's four dwords
 *
 * Return: 0 or 1.
 */
static inline __u32 nvt_cqe_phase(const __u32 *cqe)
{
	return !!(cqe[3] & NVT_CQE_PHASE);
}

/**
 * nvt_cqe_cid() - the command identifier of a completion
 * @cqe: the entry's four dwords
 *
 * Return: the CID.
 */
static inline __u16 nvt_cqe_cid(const __u32 *cqe)
{
	return cqe[3] & 0xffff;
}

/**
 * nvt_cqe_sqhd() - the SQ head pointer a completion reports
 * @cqe: the entry's four dwords
 *
 * Return: SQHD.
 */
static inline __u16 nvt_cqe_sqhd(const __u32 *cqe)
{
	return cqe[2] & 0xffff;
}

/**
 * nvt_cqe_sqid() - the submission queue a completion is for
 * @cqe: the entry's four dwords
 *
 * Return: SQID.
 */
static inline __u16 nvt_cqe_sqid(const __u32 *cqe)
{
	return cqe[2] >> 16;
}

/**
 * nvt_cqe_crd() - the command retry delay of a completion
 * @cqe: the entry's four dwords
 *
 * Return: CRD, 0..3 (0: retry at once; else CRDT1..3 of Identify Controller).
 */
static inline __u32 nvt_cqe_crd(const __u32 *cqe)
{
	return (cqe[3] >> 28) & 0x3;
}

/**
 * nvt_cqe_more() - the More bit of a completion
 * @cqe: the entry's four dwords
 *
 * Return: 1 when the Error Information log page has more about it.
 */
static inline __u32 nvt_cqe_more(const __u32 *cqe)
{
	return (cqe[3] >> 30) & 0x1;
}

/**
 * nvt_cqe_dnr() - the Do Not Retry bit of a completion
 * @cqe: the entry's four dwords
 *
 * Return: 1 when the same command would fail again.
 */
static inline __u32 nvt_cqe_dnr(const __u32 *cqe)
{
	return cqe[3] >> 31;
}

/**
 * nvt_le_get() - a little-endian field, as identify data and logs hold them
 * @p: its first byte (no alignment needed)
 * @bytes: its size, 1..8
 *
 * Return: its value.
 */
static inline __u64 nvt_le_get(const void *p, unsigned int bytes)
{
	const __u8 *b = (const __u8 *)p;
	__u64 v = 0;

	while (bytes--)
		v = v << 8 | b[bytes];
	return v;
}

#endif /* _UAPI_NVT_NVME_H */
