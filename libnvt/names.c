// SPDX-License-Identifier: MIT
/* Names of NVMe opcodes, statuses and identify fields (NVMe 2.0). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const admin_opcodes[256] = {
	[0x00] = "Delete I/O Submission Queue",
	[0x01] = "Create I/O Submission Queue",
	[0x02] = "Get Log Page",
	[0x04] = "Delete I/O Completion Queue",
	[0x05] = "Create I/O Completion Queue",
	[0x06] = "Identify",
	[0x08] = "Abort",
	[0x09] = "Set Features",
	[0x0a] = "Get Features",
	[0x0c] = "Asynchronous Event Request",
	[0x0d] = "Namespace Management",
	[0x10] = "Firmware Commit",
	[0x11] = "Firmware Image Download",
	[0x14] = "Device Self-test",
	[0x15] = "Namespace Attachment",
	[0x18] = "Keep Alive",
	[0x19] = "Directive Send",
	[0x1a] = "Directive Receive",
	[0x1c] = "Virtualization Management",
	[0x1d] = "NVMe-MI Send",
	[0x1e] = "NVMe-MI Receive",
	[0x20] = "Capacity Management",
	[0x24] = "Lockdown",
	[0x7c] = "Doorbell Buffer Config",
	[0x7f] = "Fabrics Commands",
	[0x80] = "Format NVM",
	[0x81] = "Security Send",
	[0x82] = "Security Receive",
	[0x84] = "Sanitize",
	[0x86] = "Get LBA Status",
};

static const char *const io_opcodes[256] = {
	[0x00] = "Flush",
	[0x01] = "Write",
	[0x02] = "Read",
	[0x04] = "Write Uncorrectable",
	[0x05] = "Compare",
	[0x08] = "Write Zeroes",
	[0x09] = "Dataset Management",
	[0x0c] = "Verify",
	[0x0d] = "Reservation Register",
	[0x0e] = "Reservation Report",
	[0x11] = "Reservation Acquire",
	[0x15] = "Reservation Release",
	[0x19] = "Copy",
	[0x79] = "Zone Management Send",
	[0x7a] = "Zone Management Receive",
	[0x7d] = "Zone Append",
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
	{ 0x000, "SUCCESS" },
	{ 0x001, "Invalid Command Opcode" },
	{ 0x002, "Invalid Field in Command" },
	{ 0x003, "Command ID Conflict" },
	{ 0x004, "Data Transfer Error" },
	{ 0x005, "Commands Aborted due to Power Loss Notification" },
	{ 0x006, "Internal Error" },
	{ 0x007, "Command Abort Requested" },
	{ 0x008, "Command Aborted due to SQ Deletion" },
	{ 0x009, "Command Aborted due to Failed Fused Command" },
	{ 0x00a, "Command Aborted due to Missing Fused Command" },
	{ 0x00b, "Invalid Namespace or Format" },
	{ 0x00c, "Command Sequence Error" },
	{ 0x00d, "Invalid SGL Segment Descriptor" },
	{ 0x00e, "Invalid Number of SGL Descriptors" },
	{ 0x00f, "Data SGL Length Invalid" },
	{ 0x010, "Metadata SGL Length Invalid" },
	{ 0x011, "SGL Descriptor Type Invalid" },
	{ 0x012, "Invalid Use of Controller Memory Buffer" },
	{ 0x013, "PRP Offset Invalid" },
	{ 0x014, "Atomic Write Unit Exceeded" },
	{ 0x015, "Operation Denied" },
	{ 0x016, "SGL Offset Invalid" },
	{ 0x018, "Host Identifier Inconsistent Format" },
	{ 0x019, "Keep Alive Timer Expired" },
	{ 0x01a, "Keep Alive Timeout Invalid" },
	{ 0x01b, "Command Aborted due to Preempt and Abort" },
	{ 0x01c, "Sanitize Failed" },
	{ 0x01d, "Sanitize In Progress" },
	{ 0x01e, "SGL Data Block Granularity Invalid" },
	{ 0x01f, "Command Not Supported for Queue in CMB" },
	{ 0x020, "Namespace is Write Protected" },
	{ 0x021, "Command Interrupted" },
	{ 0x022, "Transient Transport Error" },
	{ 0x023, "Command Prohibited by Command and Feature Lockdown" },
	{ 0x024, "Admin Command Media Not Ready" },
	{ 0x080, "LBA Out of Range" },
	{ 0x081, "Capacity Exceeded" },
	{ 0x082, "Namespace Not Ready" },
	{ 0x083, "Reservation Conflict" },
	{ 0x084, "Format In Progress" },
	{ 0x085, "Invalid Value Size" },
	{ 0x086, "Invalid Key Size" },
	{ 0x087, "KV Key Does Not Exist" },
	{ 0x088, "Unrecovered Error" },
	{ 0x089, "Key Exists" },
	{ 0x100, "Completion Queue Invalid" },
	{ 0x101, "Invalid Queue Identifier" },
	{ 0x102, "Invalid Queue Size" },
	{ 0x103, "Abort Command Limit Exceeded" },
	{ 0x105, "Asynchronous Event Request Limit Exceeded" },
	{ 0x106, "Invalid Firmware Slot" },
	{ 0x107, "Invalid Firmware Image" },
	{ 0x108, "Invalid Interrupt Vector" },
	{ 0x109, "Invalid Log Page" },
	{ 0x10a, "Invalid Format" },
	{ 0x10b, "Firmware Activation Requires Conventional Reset" },
	{ 0x10c, "Invalid Queue Deletion" },
	{ 0x10d, "Feature Identifier Not Saveable" },
	{ 0x10e, "Feature Not Changeable" },
	{ 0x10f, "Feature Not Namespace Specific" },
	{ 0x110, "Firmware Activation Requires NVM Subsystem Reset" },
	{ 0x111, "Firmware Activation Requires Controller Level Reset" },
	{ 0x112, "Firmware Activation Requires Maximum Time Violation" },
	{ 0x113, "Firmware Activation Prohibited" },
	{ 0x114, "Overlapping Range" },
	{ 0x115, "Namespace Insufficient Capacity" },
	{ 0x116, "Namespace Identifier Unavailable" },
	{ 0x118, "Namespace Already Attached" },
	{ 0x119, "Namespace Is Private" },
	{ 0x11a, "Namespace Not Attached" },
	{ 0x11b, "Thin Provisioning Not Supported" },
	{ 0x11c, "Controller List Invalid" },
	{ 0x11d, "Device Self-test In Progress" },
	{ 0x11e, "Boot Partition Write Prohibited" },
	{ 0x11f, "Invalid Controller Identifier" },
	{ 0x120, "Invalid Secondary Controller State" },
	{ 0x121, "Invalid Number of Controller Resources" },
	{ 0x122, "Invalid Resource Identifier" },
	{ 0x123, "Sanitize Prohibited While Persistent Memory Region is Enabled" },
	{ 0x124, "ANA Group Identifier Invalid" },
	{ 0x125, "ANA Attach Failed" },
	{ 0x126, "Insufficient Capacity" },
	{ 0x127, "Namespace Attachment Limit Exceeded" },
	{ 0x128, "Prohibition of Command Execution Not Supported" },
	{ 0x129, "I/O Command Set Not Supported" },
	{ 0x12a, "I/O Command Set Not Enabled" },
	{ 0x12b, "I/O Command Set Combination Rejected" },
	{ 0x12c, "Invalid I/O Command Set" },
	{ 0x12d, "Identifier Unavailable" },
	{ 0x180, "Conflicting Attributes" },
	{ 0x181, "Invalid Protection Information" },
	{ 0x182, "Attempted Write to Read Only Range" },
	{ 0x183, "Command Size Limit Exceeded" },
	{ 0x1b8, "Zoned Boundary Error" },
	{ 0x1b9, "Zone Is Full" },
	{ 0x1ba, "Zone Is Read Only" },
	{ 0x1bb, "Zone Is Offline" },
	{ 0x1bc, "Zone Invalid Write" },
	{ 0x1bd, "Too Many Active Zones" },
	{ 0x1be, "Too Many Open Zones" },
	{ 0x1bf, "Invalid Zone State Transition" },
	{ 0x280, "Write Fault" },
	{ 0x281, "Unrecovered Read Error" },
	{ 0x282, "End-to-end Guard Check Error" },
	{ 0x283, "End-to-end Application Tag Check Error" },
	{ 0x284, "End-to-end Reference Tag Check Error" },
	{ 0x285, "Compare Failure" },
	{ 0x286, "Access Denied" },
	{ 0x287, "Deallocated or Unwritten Logical Block" },
	{ 0x288, "End-to-End Storage Tag Check Error" },
	{ 0x300, "Internal Path Error" },
	{ 0x301, "Asymmetric Access Persistent Loss" },
	{ 0x302, "Asymmetric Access Inaccessible" },
	{ 0x303, "Asymmetric Access Transition" },
	{ 0x360, "Controller Pathing Error" },
	{ 0x370, "Host Pathing Error" },
	{ 0x371, "Command Aborted By Host" },
	{ NVT_STATUS_VERIFY, "Data Verification Failed (nvt)" },
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
	INT("vid", 0, 1, "PCI Vendor ID"),
	INT("ssvid", 2, 3, "PCI Subsystem Vendor ID"),
	STR("sn", 4, 23, "Serial Number"),
	STR("mn", 24, 63, "Model Number"),
	STR("fr", 64, 71, "Firmware Revision"),
	INT("rab", 72, 72, "Recommended Arbitration Burst"),
	INT("ieee", 73, 75, "IEEE OUI Identifier"),
	INT("cmic", 76, 76, "Controller Multi-Path I/O and Namespace Sharing Capabilities"),
	INT("mdts", 77, 77, "Maximum Data Transfer Size"),
	INT("cntlid", 78, 79, "Controller ID"),
	INT("ver", 80, 83, "Version"),
	INT("rtd3r", 84, 87, "RTD3 Resume Latency"),
	INT("rtd3e", 88, 91, "RTD3 Entry Latency"),
	INT("oaes", 92, 95, "Optional Asynchronous Events Supported"),
	INT("ctratt", 96, 99, "Controller Attributes"),
	INT("rrls", 100, 101, "Read Recovery Levels Supported"),
	INT("cntrltype", 111, 111, "Controller Type"),
	STR("fguid", 112, 127, "FRU Globally Unique Identifier"),
	INT("crdt1", 128, 129, "Command Retry Delay Time 1"),
	INT("crdt2", 130, 131, "Command Retry Delay Time 2"),
	INT("crdt3", 132, 133, "Command Retry Delay Time 3"),
	INT("nvmsr", 253, 253, "NVM Subsystem Report"),
	INT("vwci", 254, 254, "VPD Write Cycle Information"),
	INT("mec", 255, 255, "Management Endpoint Capabilities"),
	INT("oacs", 256, 257, "Optional Admin Command Support"),
	INT("acl", 258, 258, "Abort Command Limit"),
	INT("aerl", 259, 259, "Asynchronous Event Request Limit"),
	INT("frmw", 260, 260, "Firmware Updates"),
	INT("lpa", 261, 261, "Log Page Attributes"),
	INT("elpe", 262, 262, "Error Log Page Entries"),
	INT("npss", 263, 263, "Number of Power States Support"),
	INT("avscc", 264, 264, "Admin Vendor Specific Command Configuration"),
	INT("apsta", 265, 265, "Autonomous Power State Transition Attributes"),
	INT("wctemp", 266, 267, "Warning Composite Temperature Threshold"),
	INT("cctemp", 268, 269, "Critical Composite Temperature Threshold"),
	INT("mtfa", 270, 271, "Maximum Time for Firmware Activation"),
	INT("hmpre", 272, 275, "Host Memory Buffer Preferred Size"),
	INT("hmmin", 276, 279, "Host Memory Buffer Minimum Size"),
	STR("tnvmcap", 280, 295, "Total NVM Capacity (128-bit)"),
	STR("unvmcap", 296, 311, "Unallocated NVM Capacity (128-bit)"),
	INT("rpmbs", 312, 315, "Replay Protected Memory Block Support"),
	INT("edstt", 316, 317, "Extended Device Self-test Time"),
	INT("dsto", 318, 318, "Device Self-test Options"),
	INT("fwug", 319, 319, "Firmware Update Granularity"),
	INT("kas", 320, 321, "Keep Alive Support"),
	INT("hctma", 322, 323, "Host Controlled Thermal Management Attributes"),
	INT("mntmt", 324, 325, "Minimum Thermal Management Temperature"),
	INT("mxtmt", 326, 327, "Maximum Thermal Management Temperature"),
	INT("sanicap", 328, 331, "Sanitize Capabilities"),
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
	INT("sqes", 512, 512, "Submission Queue Entry Size"),
	INT("cqes", 513, 513, "Completion Queue Entry Size"),
	INT("maxcmd", 514, 515, "Maximum Outstanding Commands"),
	INT("nn", 516, 519, "Number of Namespaces"),
	INT("oncs", 520, 521, "Optional NVM Command Support"),
	INT("fuses", 522, 523, "Fused Operation Support"),
	INT("fna", 524, 524, "Format NVM Attributes"),
	INT("vwc", 525, 525, "Volatile Write Cache"),
	INT("awun", 526, 527, "Atomic Write Unit Normal"),
	INT("awupf", 528, 529, "Atomic Write Unit Power Fail"),
	INT("icsvscc", 530, 530, "I/O Command Set Vendor Specific Command Configuration"),
	INT("nwpc", 531, 531, "Namespace Write Protection Capabilities"),
	INT("acwu", 532, 533, "Atomic Compare & Write Unit"),
	INT("cdfs", 534, 535, "Copy Descriptor Formats Supported"),
	INT("sgls", 536, 539, "SGL Support"),
	INT("mnan", 540, 543, "Maximum Number of Allowed Namespaces"),
	STR("maxdna", 544, 559, "Maximum Domain Namespace Attachments (128-bit)"),
	INT("maxcna", 560, 563, "Maximum I/O Controller Namespace Attachments"),
	STR("subnqn", 768, 1023, "NVM Subsystem NVMe Qualified Name"),
	INT("ioccsz", 1792, 1795, "I/O Queue Command Capsule Supported Size"),
	INT("iorcsz", 1796, 1799, "I/O Queue Response Capsule Supported Size"),
	INT("icdoff", 1800, 1801, "In Capsule Data Offset"),
	INT("fcatt", 1802, 1802, "Fabrics Controller Attributes"),
	INT("msdbd", 1803, 1803, "Maximum SGL Data Block Descriptors"),
	INT("ofcs", 1804, 1805, "Optional Fabric Commands Support"),
};

/* Identify Namespace, NVM command set (CNS 00h), in byte order */
static const struct nvt_id_field id_ns_fields[] = {
	INT("nsze", 0, 7, "Namespace Size"),
	INT("ncap", 8, 15, "Namespace Capacity"),
	INT("nuse", 16, 23, "Namespace Utilization"),
	INT("nsfeat", 24, 24, "Namespace Features"),
	INT("nlbaf", 25, 25, "Number of LBA Formats"),
	INT("flbas", 26, 26, "Formatted LBA Size"),
	INT("mc", 27, 27, "Metadata Capabilities"),
	INT("dpc", 28, 28, "End-to-end Data Protection Capabilities"),
	INT("dps", 29, 29, "End-to-end Data Protection Type Settings"),
	INT("nmic", 30, 30, "Namespace Multi-path I/O and Namespace Sharing Capabilities"),
	INT("rescap", 31, 31, "Reservation Capabilities"),
	INT("fpi", 32, 32, "Format Progress Indicator"),
	INT("dlfeat", 33, 33, "Deallocate Logical Block Features"),
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
	INT("mssrl", 74, 75, "Maximum Single Source Range Length"),
	INT("mcl", 76, 79, "Maximum Copy Length"),
	INT("msrc", 80, 80, "Maximum Source Range Count"),
	INT("nulbaf", 81, 81, "Number of Unique Capability LBA Formats"),
	INT("anagrpid", 92, 95, "ANA Group Identifier"),
	INT("nsattr", 99, 99, "Namespace Attributes"),
	INT("nvmsetid", 100, 101, "NVM Set Identifier"),
	INT("endgid", 102, 103, "Endurance Group Identifier"),
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
	uint16_t status = (e->cqe[3] >> 17) & 0x7ff;
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
	{ "cap", 0x00, 64, "Controller Capabilities" },
	{ "vs", 0x08, 32, "Version" },
	{ "intms", 0x0c, 32, "Interrupt Mask Set" },
	{ "intmc", 0x10, 32, "Interrupt Mask Clear" },
	{ "cc", 0x14, 32, "Controller Configuration" },
	{ "csts", 0x1c, 32, "Controller Status" },
	{ "nssr", 0x20, 32, "NVM Subsystem Reset" },
	{ "aqa", 0x24, 32, "Admin Queue Attributes" },
	{ "asq", 0x28, 64, "Admin Submission Queue Base Address" },
	{ "acq", 0x30, 64, "Admin Completion Queue Base Address" },
	{ "cmbloc", 0x38, 32, "Controller Memory Buffer Location" },
	{ "cmbsz", 0x3c, 32, "Controller Memory Buffer Size" },
	{ "bpinfo", 0x40, 32, "Boot Partition Information" },
	{ "bprsel", 0x44, 32, "Boot Partition Read Select" },
	{ "bpmbl", 0x48, 64, "Boot Partition Memory Buffer Location" },
	{ "cmbmsc", 0x50, 64, "Controller Memory Buffer Memory Space Control" },
	{ "cmbsts", 0x58, 32, "Controller Memory Buffer Status" },
	{ "pmrcap", 0xe00, 32, "Persistent Memory Capabilities" },
	{ "pmrctl", 0xe04, 32, "Persistent Memory Region Control" },
	{ "pmrsts", 0xe08, 32, "Persistent Memory Region Status" },
	{ "pmrebs", 0xe0c, 32, "Persistent Memory Region Elasticity Buffer Size" },
	{ "pmrswtp", 0xe10, 32, "Persistent Memory Region Sustained Write Throughput" },
	{ "pmrmscl", 0xe14, 32, "Persistent Memory Region Controller Memory Space Control Lower" },
	{ "pmrmscu", 0xe18, 32, "Persistent Memory Region Controller Memory Space Control Upper" },
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
