// SPDX-License-Identifier: MIT
/* Names of NVMe opcodes, statuses and identify fields (NVMe 2.0). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const admin_opcodes[256] = {
	[NVT_ADMIN_DELETE_SQ] = "Delete I/O Submission Queue",
	[NVT_ADMIN_CREATE_SQ] = "Create I/O Submission Queue",
	[NVT_ADMIN_GET_LOG_PAGE] = "Get Log Page",
	[NVT_ADMIN_DELETE_CQ] = "Delete I/O Completion Queue",
	[NVT_ADMIN_CREATE_CQ] = "Create I/O Completion Queue",
	[NVT_ADMIN_IDENTIFY] = "Identify",
	[NVT_ADMIN_ABORT] = "Abort",
	[NVT_ADMIN_SET_FEATURES] = "Set Features",
	[NVT_ADMIN_GET_FEATURES] = "Get Features",
	[NVT_ADMIN_ASYNC_EVENT] = "Asynchronous Event Request",
	[NVT_ADMIN_NS_MGMT] = "Namespace Management",
	[NVT_ADMIN_FW_COMMIT] = "Firmware Commit",
	[NVT_ADMIN_FW_DOWNLOAD] = "Firmware Image Download",
	[NVT_ADMIN_SELF_TEST] = "Device Self-test",
	[NVT_ADMIN_NS_ATTACH] = "Namespace Attachment",
	[NVT_ADMIN_KEEP_ALIVE] = "Keep Alive",
	[NVT_ADMIN_DIRECTIVE_SEND] = "Directive Send",
	[NVT_ADMIN_DIRECTIVE_RECV] = "Directive Receive",
	[NVT_ADMIN_VIRT_MGMT] = "Virtualization Management",
	[NVT_ADMIN_MI_SEND] = "NVMe-MI Send",
	[NVT_ADMIN_MI_RECV] = "NVMe-MI Receive",
	[NVT_ADMIN_CAPACITY_MGMT] = "Capacity Management",
	[NVT_ADMIN_LOCKDOWN] = "Lockdown",
	[NVT_ADMIN_DBBUF_CONFIG] = "Doorbell Buffer Config",
	[NVT_ADMIN_FABRICS] = "Fabrics Commands",
	[NVT_ADMIN_FORMAT_NVM] = "Format NVM",
	[NVT_ADMIN_SECURITY_SEND] = "Security Send",
	[NVT_ADMIN_SECURITY_RECV] = "Security Receive",
	[NVT_ADMIN_SANITIZE] = "Sanitize",
	[NVT_ADMIN_GET_LBA_STATUS] = "Get LBA Status",
};

static const char *const io_opcodes[256] = {
	[NVT_NVM_FLUSH] = "Flush",
	[NVT_NVM_WRITE] = "Write",
	[NVT_NVM_READ] = "Read",
	[NVT_NVM_WRITE_UNCOR] = "Write Uncorrectable",
	[NVT_NVM_COMPARE] = "Compare",
	[NVT_NVM_WRITE_ZEROES] = "Write Zeroes",
	[NVT_NVM_DSM] = "Dataset Management",
	[NVT_NVM_VERIFY] = "Verify",
	[NVT_NVM_RESV_REGISTER] = "Reservation Register",
	[NVT_NVM_RESV_REPORT] = "Reservation Report",
	[NVT_NVM_RESV_ACQUIRE] = "Reservation Acquire",
	[NVT_NVM_RESV_RELEASE] = "Reservation Release",
	[NVT_NVM_COPY] = "Copy",
	[NVT_ZNS_MGMT_SEND] = "Zone Management Send",
	[NVT_ZNS_MGMT_RECV] = "Zone Management Receive",
	[NVT_ZNS_APPEND] = "Zone Append",
};

static const char *opcode_name(const char *const *tab, uint8_t opcode)
{
	if (tab[opcode])
		return tab[opcode];
	return opcode >= 0xc0 ? "Vendor Specific" : "Unknown";
}

const char *nvt_admin_opcode_name(uint8_t opcode)
{
	return opcode_name(admin_opcodes, opcode);
}

const char *nvt_io_opcode_name(uint8_t opcode)
{
	return opcode_name(io_opcodes, opcode);
}

struct status_name {
	uint16_t status;
	const char *name;
};

/* sorted by status */
static const struct status_name statuses[] = {
	{ NVT_SC_SUCCESS, "SUCCESS" },
	{ NVT_SC_INVALID_OPCODE, "Invalid Command Opcode" },
	{ NVT_SC_INVALID_FIELD, "Invalid Field in Command" },
	{ NVT_SC_CID_CONFLICT, "Command ID Conflict" },
	{ NVT_SC_DATA_XFER_ERROR, "Data Transfer Error" },
	{ NVT_SC_ABORTED_POWER_LOSS, "Commands Aborted due to Power Loss Notification" },
	{ NVT_SC_INTERNAL, "Internal Error" },
	{ NVT_SC_ABORT_REQUESTED, "Command Abort Requested" },
	{ NVT_SC_ABORTED_SQ_DELETION, "Command Aborted due to SQ Deletion" },
	{ NVT_SC_ABORTED_FUSED_FAIL, "Command Aborted due to Failed Fused Command" },
	{ NVT_SC_ABORTED_FUSED_MISSING, "Command Aborted due to Missing Fused Command" },
	{ NVT_SC_INVALID_NS, "Invalid Namespace or Format" },
	{ NVT_SC_CMD_SEQ_ERROR, "Command Sequence Error" },
	{ NVT_SC_INVALID_SGL_SEGMENT, "Invalid SGL Segment Descriptor" },
	{ NVT_SC_INVALID_SGL_COUNT, "Invalid Number of SGL Descriptors" },
	{ NVT_SC_SGL_DATA_LENGTH, "Data SGL Length Invalid" },
	{ NVT_SC_SGL_MD_LENGTH, "Metadata SGL Length Invalid" },
	{ NVT_SC_SGL_TYPE_INVALID, "SGL Descriptor Type Invalid" },
	{ NVT_SC_INVALID_CMB_USE, "Invalid Use of Controller Memory Buffer" },
	{ NVT_SC_PRP_OFFSET_INVALID, "PRP Offset Invalid" },
	{ NVT_SC_ATOMIC_WU_EXCEEDED, "Atomic Write Unit Exceeded" },
	{ NVT_SC_OPERATION_DENIED, "Operation Denied" },
	{ NVT_SC_SGL_OFFSET_INVALID, "SGL Offset Invalid" },
	{ NVT_SC_HOST_ID_INCONSISTENT, "Host Identifier Inconsistent Format" },
	{ NVT_SC_KEEP_ALIVE_EXPIRED, "Keep Alive Timer Expired" },
	{ NVT_SC_KEEP_ALIVE_INVALID, "Keep Alive Timeout Invalid" },
	{ NVT_SC_ABORTED_PREEMPT, "Command Aborted due to Preempt and Abort" },
	{ NVT_SC_SANITIZE_FAILED, "Sanitize Failed" },
	{ NVT_SC_SANITIZE_IN_PROGRESS, "Sanitize In Progress" },
	{ NVT_SC_SGL_GRANULARITY, "SGL Data Block Granularity Invalid" },
	{ NVT_SC_CMD_NOT_SUPP_CMB_QUEUE, "Command Not Supported for Queue in CMB" },
	{ NVT_SC_NS_WRITE_PROTECTED, "Namespace is Write Protected" },
	{ NVT_SC_CMD_INTERRUPTED, "Command Interrupted" },
	{ NVT_SC_TRANSIENT_TRANSPORT, "Transient Transport Error" },
	{ NVT_SC_PROHIBITED_LOCKDOWN, "Command Prohibited by Command and Feature Lockdown" },
	{ NVT_SC_ADMIN_MEDIA_NOT_READY, "Admin Command Media Not Ready" },
	{ NVT_SC_LBA_RANGE, "LBA Out of Range" },
	{ NVT_SC_CAP_EXCEEDED, "Capacity Exceeded" },
	{ NVT_SC_NS_NOT_READY, "Namespace Not Ready" },
	{ NVT_SC_RESERVATION_CONFLICT, "Reservation Conflict" },
	{ NVT_SC_FORMAT_IN_PROGRESS, "Format In Progress" },
	{ 0x085, "Invalid Value Size" },
	{ 0x086, "Invalid Key Size" },
	{ 0x087, "KV Key Does Not Exist" },
	{ 0x088, "Unrecovered Error" },
	{ 0x089, "Key Exists" },
	{ NVT_SC_INVALID_CQ, "Completion Queue Invalid" },
	{ NVT_SC_INVALID_QID, "Invalid Queue Identifier" },
	{ NVT_SC_INVALID_QSIZE, "Invalid Queue Size" },
	{ NVT_SC_ABORT_LIMIT, "Abort Command Limit Exceeded" },
	{ NVT_SC_AER_LIMIT, "Asynchronous Event Request Limit Exceeded" },
	{ NVT_SC_INVALID_FW_SLOT, "Invalid Firmware Slot" },
	{ NVT_SC_INVALID_FW_IMAGE, "Invalid Firmware Image" },
	{ NVT_SC_INVALID_VECTOR, "Invalid Interrupt Vector" },
	{ NVT_SC_INVALID_LOG_PAGE, "Invalid Log Page" },
	{ NVT_SC_INVALID_FORMAT, "Invalid Format" },
	{ NVT_SC_FW_NEEDS_CONV_RESET, "Firmware Activation Requires Conventional Reset" },
	{ NVT_SC_INVALID_QUEUE_DELETION, "Invalid Queue Deletion" },
	{ NVT_SC_FEAT_NOT_SAVEABLE, "Feature Identifier Not Saveable" },
	{ NVT_SC_FEAT_NOT_CHANGEABLE, "Feature Not Changeable" },
	{ NVT_SC_FEAT_NOT_PER_NS, "Feature Not Namespace Specific" },
	{ NVT_SC_FW_NEEDS_SUBSYS_RESET, "Firmware Activation Requires NVM Subsystem Reset" },
	{ NVT_SC_FW_NEEDS_RESET, "Firmware Activation Requires Controller Level Reset" },
	{ NVT_SC_FW_NEEDS_MAX_TIME, "Firmware Activation Requires Maximum Time Violation" },
	{ NVT_SC_FW_ACTIVATE_PROHIBITED, "Firmware Activation Prohibited" },
	{ NVT_SC_OVERLAPPING_RANGE, "Overlapping Range" },
	{ NVT_SC_NS_INSUFFICIENT_CAP, "Namespace Insufficient Capacity" },
	{ NVT_SC_NS_ID_UNAVAILABLE, "Namespace Identifier Unavailable" },
	{ NVT_SC_NS_ALREADY_ATTACHED, "Namespace Already Attached" },
	{ NVT_SC_NS_IS_PRIVATE, "Namespace Is Private" },
	{ NVT_SC_NS_NOT_ATTACHED, "Namespace Not Attached" },
	{ NVT_SC_THIN_PROV_NOT_SUPP, "Thin Provisioning Not Supported" },
	{ NVT_SC_CTRL_LIST_INVALID, "Controller List Invalid" },
	{ NVT_SC_SELF_TEST_IN_PROGRESS, "Device Self-test In Progress" },
	{ NVT_SC_BP_WRITE_PROHIBITED, "Boot Partition Write Prohibited" },
	{ NVT_SC_INVALID_CTRL_ID, "Invalid Controller Identifier" },
	{ NVT_SC_INVALID_SEC_CTRL_STATE, "Invalid Secondary Controller State" },
	{ NVT_SC_INVALID_CTRL_RESOURCES, "Invalid Number of Controller Resources" },
	{ NVT_SC_INVALID_RESOURCE_ID, "Invalid Resource Identifier" },
	{ 0x123, "Sanitize Prohibited While Persistent Memory Region is Enabled" },
	{ 0x124, "ANA Group Identifier Invalid" },
	{ 0x125, "ANA Attach Failed" },
	{ 0x126, "Insufficient Capacity" },
	{ 0x127, "Namespace Attachment Limit Exceeded" },
	{ 0x128, "Prohibition of Command Execution Not Supported" },
	{ NVT_SC_IOCS_NOT_SUPPORTED, "I/O Command Set Not Supported" },
	{ NVT_SC_IOCS_NOT_ENABLED, "I/O Command Set Not Enabled" },
	{ NVT_SC_IOCS_COMBINATION, "I/O Command Set Combination Rejected" },
	{ NVT_SC_INVALID_IOCS, "Invalid I/O Command Set" },
	{ 0x12d, "Identifier Unavailable" },
	{ NVT_SC_CONFLICTING_ATTRS, "Conflicting Attributes" },
	{ NVT_SC_INVALID_PI, "Invalid Protection Information" },
	{ NVT_SC_WRITE_TO_RO_RANGE, "Attempted Write to Read Only Range" },
	{ NVT_SC_CMD_SIZE_LIMIT, "Command Size Limit Exceeded" },
	{ NVT_SC_ZONE_BOUNDARY, "Zone Boundary Error" },
	{ NVT_SC_ZONE_FULL, "Zone Is Full" },
	{ NVT_SC_ZONE_READ_ONLY, "Zone Is Read Only" },
	{ NVT_SC_ZONE_OFFLINE, "Zone Is Offline" },
	{ NVT_SC_ZONE_INVALID_WRITE, "Zone Invalid Write" },
	{ NVT_SC_TOO_MANY_ACTIVE_ZONES, "Too Many Active Zones" },
	{ NVT_SC_TOO_MANY_OPEN_ZONES, "Too Many Open Zones" },
	{ NVT_SC_ZONE_INVALID_TRANSITION, "Zone Invalid State Transition" },
	{ NVT_SC_WRITE_FAULT, "Write Fault" },
	{ NVT_SC_READ_ERROR, "Unrecovered Read Error" },
	{ NVT_SC_GUARD_CHECK, "End-to-end Guard Check Error" },
	{ NVT_SC_APPTAG_CHECK, "End-to-end Application Tag Check Error" },
	{ NVT_SC_REFTAG_CHECK, "End-to-end Reference Tag Check Error" },
	{ NVT_SC_COMPARE_FAILED, "Compare Failure" },
	{ NVT_SC_ACCESS_DENIED, "Access Denied" },
	{ NVT_SC_DEALLOCATED, "Deallocated or Unwritten Logical Block" },
	{ NVT_SC_STORAGE_TAG_CHECK, "End-to-End Storage Tag Check Error" },
	{ 0x300, "Internal Path Error" },
	{ 0x301, "Asymmetric Access Persistent Loss" },
	{ 0x302, "Asymmetric Access Inaccessible" },
	{ 0x303, "Asymmetric Access Transition" },
	{ 0x360, "Controller Pathing Error" },
	{ 0x370, "Host Pathing Error" },
	{ 0x371, "Command Aborted By Host" },
	{ NVT_STATUS_DATACHECK, "Data Verification Failed (nvt)" },
	{ NVT_STATUS_ABORTED, "Aborted by Reset (nvt)" },
	{ NVT_STATUS_TIMEOUT, "Command Timeout (nvt)" },
};

static int status_cmp(const void *key, const void *elem)
{
	uint16_t k = *(const uint16_t *)key;
	const struct status_name *s = elem;

	return (int)k - (int)s->status;
}

const char *nvt_status_name(uint16_t status)
{
	const struct status_name *s;

	s = bsearch(&status, statuses, ARRAY_SIZE(statuses),
		    sizeof(statuses[0]), status_cmp);
	if (s)
		return s->name;
	switch (status >> 8) {
	case 0:
		return "Generic Command Status (reserved)";
	case 1:
		return "Command Specific Status (reserved)";
	case 2:
		return "Media and Data Integrity Error";
	case 3:
		return "Path Related Status";
	case 7:
		return "Vendor Specific";
	default:
		return "Unknown";
	}
}

#define STR(n, f, l, d) { n, f, l, 1, d }
#define INT(n, f, l, d) { n, f, l, 0, d }

/* Identify Controller (CNS 01h), in byte order */
static const struct nvt_id_field id_ctrl_fields[] = {
	INT("vid", NVT_IDC_VID, NVT_IDC_VID + 1, "PCI Vendor ID"),
	INT("ssvid", NVT_IDC_SSVID, NVT_IDC_SSVID + 1, "PCI Subsystem Vendor ID"),
	STR("sn", NVT_IDC_SN, NVT_IDC_SN + 19, "Serial Number"),
	STR("mn", NVT_IDC_MN, NVT_IDC_MN + 39, "Model Number"),
	STR("fr", NVT_IDC_FR, NVT_IDC_FR + 7, "Firmware Revision"),
	INT("rab", 72, 72, "Recommended Arbitration Burst"),
	INT("ieee", 73, 75, "IEEE OUI Identifier"),
	INT("cmic", 76, 76, "Controller Multi-Path I/O and Namespace Sharing Capabilities"),
	INT("mdts", NVT_IDC_MDTS, NVT_IDC_MDTS, "Maximum Data Transfer Size"),
	INT("cntlid", NVT_IDC_CNTLID, NVT_IDC_CNTLID + 1, "Controller ID"),
	INT("ver", NVT_IDC_VER, NVT_IDC_VER + 3, "Version"),
	INT("rtd3r", 84, 87, "RTD3 Resume Latency"),
	INT("rtd3e", 88, 91, "RTD3 Entry Latency"),
	INT("oaes", NVT_IDC_OAES, NVT_IDC_OAES + 3, "Optional Asynchronous Events Supported"),
	INT("ctratt", NVT_IDC_CTRATT, NVT_IDC_CTRATT + 3, "Controller Attributes"),
	INT("rrls", 100, 101, "Read Recovery Levels Supported"),
	INT("cntrltype", 111, 111, "Controller Type"),
	STR("fguid", 112, 127, "FRU Globally Unique Identifier"),
	INT("crdt1", 128, 129, "Command Retry Delay Time 1"),
	INT("crdt2", 130, 131, "Command Retry Delay Time 2"),
	INT("crdt3", 132, 133, "Command Retry Delay Time 3"),
	INT("nvmsr", 253, 253, "NVM Subsystem Report"),
	INT("vwci", 254, 254, "VPD Write Cycle Information"),
	INT("mec", 255, 255, "Management Endpoint Capabilities"),
	INT("oacs", NVT_IDC_OACS, NVT_IDC_OACS + 1, "Optional Admin Command Support"),
	INT("acl", NVT_IDC_ACL, NVT_IDC_ACL, "Abort Command Limit"),
	INT("aerl", NVT_IDC_AERL, NVT_IDC_AERL, "Asynchronous Event Request Limit"),
	INT("frmw", NVT_IDC_FRMW, NVT_IDC_FRMW, "Firmware Updates"),
	INT("lpa", NVT_IDC_LPA, NVT_IDC_LPA, "Log Page Attributes"),
	INT("elpe", NVT_IDC_ELPE, NVT_IDC_ELPE, "Error Log Page Entries"),
	INT("npss", NVT_IDC_NPSS, NVT_IDC_NPSS, "Number of Power States Support"),
	INT("avscc", 264, 264, "Admin Vendor Specific Command Configuration"),
	INT("apsta", 265, 265, "Autonomous Power State Transition Attributes"),
	INT("wctemp", 266, 267, "Warning Composite Temperature Threshold"),
	INT("cctemp", 268, 269, "Critical Composite Temperature Threshold"),
	INT("mtfa", 270, 271, "Maximum Time for Firmware Activation"),
	INT("hmpre", 272, 275, "Host Memory Buffer Preferred Size"),
	INT("hmmin", 276, 279, "Host Memory Buffer Minimum Size"),
	STR("tnvmcap", NVT_IDC_TNVMCAP, NVT_IDC_TNVMCAP + 15, "Total NVM Capacity (128-bit)"),
	STR("unvmcap", NVT_IDC_UNVMCAP, NVT_IDC_UNVMCAP + 15, "Unallocated NVM Capacity (128-bit)"),
	INT("rpmbs", 312, 315, "Replay Protected Memory Block Support"),
	INT("edstt", NVT_IDC_EDSTT, NVT_IDC_EDSTT + 1, "Extended Device Self-test Time"),
	INT("dsto", NVT_IDC_DSTO, NVT_IDC_DSTO, "Device Self-test Options"),
	INT("fwug", NVT_IDC_FWUG, NVT_IDC_FWUG, "Firmware Update Granularity"),
	INT("kas", 320, 321, "Keep Alive Support"),
	INT("hctma", 322, 323, "Host Controlled Thermal Management Attributes"),
	INT("mntmt", 324, 325, "Minimum Thermal Management Temperature"),
	INT("mxtmt", 326, 327, "Maximum Thermal Management Temperature"),
	INT("sanicap", NVT_IDC_SANICAP, NVT_IDC_SANICAP + 3, "Sanitize Capabilities"),
	INT("hmminds", 332, 335, "Host Memory Buffer Minimum Descriptor Entry Size"),
	INT("hmmaxd", 336, 337, "Host Memory Maximum Descriptors Entries"),
	INT("nsetidmax", 338, 339, "NVM Set Identifier Maximum"),
	INT("endgidmax", 340, 341, "Endurance Group Identifier Maximum"),
	INT("anatt", 342, 342, "ANA Transition Time"),
	INT("anacap", 343, 343, "Asymmetric Namespace Access Capabilities"),
	INT("anagrpmax", 344, 347, "ANA Group Identifier Maximum"),
	INT("nanagrpid", 348, 351, "Number of ANA Group Identifiers"),
	INT("pels", 352, 355, "Persistent Event Log Size"),
	INT("domainid", 356, 357, "Domain Identifier"),
	STR("megcap", 368, 383, "Max Endurance Group Capacity (128-bit)"),
	INT("sqes", NVT_IDC_SQES, NVT_IDC_SQES, "Submission Queue Entry Size"),
	INT("cqes", NVT_IDC_CQES, NVT_IDC_CQES, "Completion Queue Entry Size"),
	INT("maxcmd", NVT_IDC_MAXCMD, NVT_IDC_MAXCMD + 1, "Maximum Outstanding Commands"),
	INT("nn", NVT_IDC_NN, NVT_IDC_NN + 3, "Number of Namespaces"),
	INT("oncs", NVT_IDC_ONCS, NVT_IDC_ONCS + 1, "Optional NVM Command Support"),
	INT("fuses", NVT_IDC_FUSES, NVT_IDC_FUSES + 1, "Fused Operation Support"),
	INT("fna", NVT_IDC_FNA, NVT_IDC_FNA, "Format NVM Attributes"),
	INT("vwc", NVT_IDC_VWC, NVT_IDC_VWC, "Volatile Write Cache"),
	INT("awun", NVT_IDC_AWUN, NVT_IDC_AWUN + 1, "Atomic Write Unit Normal"),
	INT("awupf", NVT_IDC_AWUPF, NVT_IDC_AWUPF + 1, "Atomic Write Unit Power Fail"),
	INT("icsvscc", 530, 530, "I/O Command Set Vendor Specific Command Configuration"),
	INT("nwpc", 531, 531, "Namespace Write Protection Capabilities"),
	INT("acwu", 532, 533, "Atomic Compare & Write Unit"),
	INT("cdfs", 534, 535, "Copy Descriptor Formats Supported"),
	INT("sgls", NVT_IDC_SGLS, NVT_IDC_SGLS + 3, "SGL Support"),
	INT("mnan", 540, 543, "Maximum Number of Allowed Namespaces"),
	STR("maxdna", 544, 559, "Maximum Domain Namespace Attachments (128-bit)"),
	INT("maxcna", 560, 563, "Maximum I/O Controller Namespace Attachments"),
	STR("subnqn", NVT_IDC_SUBNQN, NVT_IDC_SUBNQN + 255, "NVM Subsystem NVMe Qualified Name"),
	INT("ioccsz", 1792, 1795, "I/O Queue Command Capsule Supported Size"),
	INT("iorcsz", 1796, 1799, "I/O Queue Response Capsule Supported Size"),
	INT("icdoff", 1800, 1801, "In Capsule Data Offset"),
	INT("fcatt", 1802, 1802, "Fabrics Controller Attributes"),
	INT("msdbd", 1803, 1803, "Maximum SGL Data Block Descriptors"),
	INT("ofcs", 1804, 1805, "Optional Fabric Commands Support"),
};

/* Identify Namespace, NVM command set (CNS 00h), in byte order */
static const struct nvt_id_field id_ns_fields[] = {
	INT("nsze", NVT_IDNS_NSZE, NVT_IDNS_NSZE + 7, "Namespace Size"),
	INT("ncap", NVT_IDNS_NCAP, NVT_IDNS_NCAP + 7, "Namespace Capacity"),
	INT("nuse", NVT_IDNS_NUSE, NVT_IDNS_NUSE + 7, "Namespace Utilization"),
	INT("nsfeat", NVT_IDNS_NSFEAT, NVT_IDNS_NSFEAT, "Namespace Features"),
	INT("nlbaf", NVT_IDNS_NLBAF, NVT_IDNS_NLBAF, "Number of LBA Formats"),
	INT("flbas", NVT_IDNS_FLBAS, NVT_IDNS_FLBAS, "Formatted LBA Size"),
	INT("mc", NVT_IDNS_MC, NVT_IDNS_MC, "Metadata Capabilities"),
	INT("dpc", NVT_IDNS_DPC, NVT_IDNS_DPC, "End-to-end Data Protection Capabilities"),
	INT("dps", NVT_IDNS_DPS, NVT_IDNS_DPS, "End-to-end Data Protection Type Settings"),
	INT("nmic", NVT_IDNS_NMIC, NVT_IDNS_NMIC, "Namespace Multi-path I/O and Namespace Sharing Capabilities"),
	INT("rescap", 31, 31, "Reservation Capabilities"),
	INT("fpi", 32, 32, "Format Progress Indicator"),
	INT("dlfeat", NVT_IDNS_DLFEAT, NVT_IDNS_DLFEAT, "Deallocate Logical Block Features"),
	INT("nawun", 34, 35, "Namespace Atomic Write Unit Normal"),
	INT("nawupf", 36, 37, "Namespace Atomic Write Unit Power Fail"),
	INT("nacwu", 38, 39, "Namespace Atomic Compare & Write Unit"),
	INT("nabsn", 40, 41, "Namespace Atomic Boundary Size Normal"),
	INT("nabo", 42, 43, "Namespace Atomic Boundary Offset"),
	INT("nabspf", 44, 45, "Namespace Atomic Boundary Size Power Fail"),
	INT("noiob", 46, 47, "Namespace Optimal I/O Boundary"),
	STR("nvmcap", 48, 63, "NVM Capacity (128-bit)"),
	INT("npwg", 64, 65, "Namespace Preferred Write Granularity"),
	INT("npwa", 66, 67, "Namespace Preferred Write Alignment"),
	INT("npdg", 68, 69, "Namespace Preferred Deallocate Granularity"),
	INT("npda", 70, 71, "Namespace Preferred Deallocate Alignment"),
	INT("nows", 72, 73, "Namespace Optimal Write Size"),
	INT("mssrl", NVT_IDNS_MSSRL, NVT_IDNS_MSSRL + 1, "Maximum Single Source Range Length"),
	INT("mcl", NVT_IDNS_MCL, NVT_IDNS_MCL + 3, "Maximum Copy Length"),
	INT("msrc", NVT_IDNS_MSRC, NVT_IDNS_MSRC, "Maximum Source Range Count"),
	INT("nulbaf", 81, 81, "Number of Unique Capability LBA Formats"),
	INT("anagrpid", NVT_IDNS_ANAGRPID, NVT_IDNS_ANAGRPID + 3, "ANA Group Identifier"),
	INT("nsattr", 99, 99, "Namespace Attributes"),
	INT("nvmsetid", NVT_IDNS_NVMSETID, NVT_IDNS_NVMSETID + 1, "NVM Set Identifier"),
	INT("endgid", NVT_IDNS_ENDGID, NVT_IDNS_ENDGID + 1, "Endurance Group Identifier"),
	STR("nguid", 104, 119, "Namespace Globally Unique Identifier"),
	INT("eui64", 120, 127, "IEEE Extended Unique Identifier"),
	INT("lbaf0", 128, 131, "LBA Format 0 Support"),
	INT("lbaf1", 132, 135, "LBA Format 1 Support"),
	INT("lbaf2", 136, 139, "LBA Format 2 Support"),
	INT("lbaf3", 140, 143, "LBA Format 3 Support"),
	INT("lbaf4", 144, 147, "LBA Format 4 Support"),
	INT("lbaf5", 148, 151, "LBA Format 5 Support"),
	INT("lbaf6", 152, 155, "LBA Format 6 Support"),
	INT("lbaf7", 156, 159, "LBA Format 7 Support"),
	INT("lbaf8", 160, 163, "LBA Format 8 Support"),
	INT("lbaf9", 164, 167, "LBA Format 9 Support"),
	INT("lbaf10", 168, 171, "LBA Format 10 Support"),
	INT("lbaf11", 172, 175, "LBA Format 11 Support"),
	INT("lbaf12", 176, 179, "LBA Format 12 Support"),
	INT("lbaf13", 180, 183, "LBA Format 13 Support"),
	INT("lbaf14", 184, 187, "LBA Format 14 Support"),
	INT("lbaf15", 188, 191, "LBA Format 15 Support"),
};

const struct nvt_id_field *nvt_id_ctrl_fields(size_t *count)
{
	*count = ARRAY_SIZE(id_ctrl_fields);
	return id_ctrl_fields;
}

const struct nvt_id_field *nvt_id_ns_fields(size_t *count)
{
	*count = ARRAY_SIZE(id_ns_fields);
	return id_ns_fields;
}

const struct nvt_id_field *nvt_id_field_find(const struct nvt_id_field *tab,
					     size_t count, const char *name)
{
	size_t i;

	for (i = 0; name && i < count; i++)
		if (strcasecmp(tab[i].name, name) == 0)
			return &tab[i];
	return NULL;
}

static void print_time(uint64_t ns, FILE *out)
{
	time_t sec = (time_t)(ns / 1000000000ull);
	struct tm tm;
	char buf[32];

	localtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(out, "%s.%06llu", buf,
		(unsigned long long)(ns % 1000000000ull / 1000));
}

void nvt_cmdlog_format(const struct nvt_log_entry *e, unsigned index,
		       FILE *out)
{
	uint8_t opc = e->sqe[0] & 0xff;
	uint32_t cflags = e->flags >> 8;
	uint16_t status = nvt_cqe_status(e->cqe);
	int i;

	print_time(e->submit_ns, out);
	fprintf(out, " [cmd%06u: %s, sqid: %u]\n", index,
		e->qid ? nvt_io_opcode_name(opc) : nvt_admin_opcode_name(opc),
		e->qid);
	for (i = 0; i < 16; i++)
		fprintf(out, "0x%08x%s", e->sqe[i], i % 4 == 3 ? "\n" : ", ");
	if (!(e->flags & NVT_LOG_DONE)) {
		fputs("[cpl: outstanding]\n\n", out);
		return;
	}
	print_time(e->complete_ns, out);
	fprintf(out, " [cpl: %s%s%s%s%s]\n", nvt_status_name(status),
		cflags & NVT_CPL_TIMEOUT ? ", timeout" : "",
		cflags & NVT_CPL_ABORTED ? ", aborted" : "",
		cflags & NVT_CPL_AER ? ", aer" : "",
		cflags & NVT_CPL_LATE ? ", late" : "");
	fprintf(out, "0x%08x, 0x%08x, 0x%08x, 0x%08x\n\n",
		e->cqe[0], e->cqe[1], e->cqe[2], e->cqe[3]);
}

static const struct nvt_reg_name reg_names[] = {
	{ "cap", NVT_REG_CAP, 64, "Controller Capabilities" },
	{ "vs", NVT_REG_VS, 32, "Version" },
	{ "intms", NVT_REG_INTMS, 32, "Interrupt Mask Set" },
	{ "intmc", NVT_REG_INTMC, 32, "Interrupt Mask Clear" },
	{ "cc", NVT_REG_CC, 32, "Controller Configuration" },
	{ "csts", NVT_REG_CSTS, 32, "Controller Status" },
	{ "nssr", NVT_REG_NSSR, 32, "NVM Subsystem Reset" },
	{ "aqa", NVT_REG_AQA, 32, "Admin Queue Attributes" },
	{ "asq", NVT_REG_ASQ, 64, "Admin Submission Queue Base Address" },
	{ "acq", NVT_REG_ACQ, 64, "Admin Completion Queue Base Address" },
	{ "cmbloc", NVT_REG_CMBLOC, 32, "Controller Memory Buffer Location" },
	{ "cmbsz", NVT_REG_CMBSZ, 32, "Controller Memory Buffer Size" },
	{ "bpinfo", NVT_REG_BPINFO, 32, "Boot Partition Information" },
	{ "bprsel", NVT_REG_BPRSEL, 32, "Boot Partition Read Select" },
	{ "bpmbl", NVT_REG_BPMBL, 64, "Boot Partition Memory Buffer Location" },
	{ "cmbmsc", NVT_REG_CMBMSC, 64, "Controller Memory Buffer Memory Space Control" },
	{ "cmbsts", NVT_REG_CMBSTS, 32, "Controller Memory Buffer Status" },
	{ "pmrcap", NVT_REG_PMRCAP, 32, "Persistent Memory Capabilities" },
	{ "pmrctl", NVT_REG_PMRCTL, 32, "Persistent Memory Region Control" },
	{ "pmrsts", NVT_REG_PMRSTS, 32, "Persistent Memory Region Status" },
	{ "pmrebs", NVT_REG_PMREBS, 32, "Persistent Memory Region Elasticity Buffer Size" },
	{ "pmrswtp", NVT_REG_PMRSWTP, 32, "Persistent Memory Region Sustained Write Throughput" },
	{ "pmrmscl", NVT_REG_PMRMSC, 32, "Persistent Memory Region Controller Memory Space Control Lower" },
	{ "pmrmscu", NVT_REG_PMRMSCU, 32, "Persistent Memory Region Controller Memory Space Control Upper" },
};

const struct nvt_reg_name *nvt_reg_names(size_t *count)
{
	*count = sizeof(reg_names) / sizeof(reg_names[0]);
	return reg_names;
}

const struct nvt_reg_name *nvt_reg_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++)
		if (!strcasecmp(reg_names[i].name, name))
			return &reg_names[i];
	return NULL;
}
