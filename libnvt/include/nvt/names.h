/* SPDX-License-Identifier: MIT */
/* Names of NVMe opcodes, statuses and identify fields, for logs and reports. */
#ifndef NVT_NAMES_H
#define NVT_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <nvt/nvt_ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "Identify", "Write", ...; "Vendor Specific" or "Unknown" otherwise. */
const char *nvt_admin_opcode_name(uint8_t opcode);
const char *nvt_io_opcode_name(uint8_t opcode);
/* @status is SCT << 8 | SC: "SUCCESS", "Invalid Field in Command", ... */
const char *nvt_status_name(uint16_t status);

/* A field of a 4096-byte identify structure. */
struct nvt_id_field {
	const char *name;	/* spec abbreviation, lower case */
	uint16_t first;		/* first byte */
	uint16_t last;		/* last byte (inclusive) */
	uint8_t is_string;	/* ASCII, space padded */
	const char *desc;
};
const struct nvt_id_field *nvt_id_ctrl_fields(size_t *count);
const struct nvt_id_field *nvt_id_ns_fields(size_t *count);
const struct nvt_id_field *nvt_id_field_find(const struct nvt_id_field *tab,
					     size_t count, const char *name);

/* A controller register (BAR0) by its spec abbreviation. */
struct nvt_reg_name {
	const char *name;	/* lower case: "cap", "cc", "csts", ... */
	uint16_t offset;
	uint8_t width;		/* 32 or 64 */
	const char *desc;
};
const struct nvt_reg_name *nvt_reg_names(size_t *count);
/* Case-insensitive; NULL when unknown. */
const struct nvt_reg_name *nvt_reg_find(const char *name);

/*
 * One command log entry as text:
 *   2026-01-02 03:04:05.123456 [cmd000033: Identify, sqid: 0]
 *   0x00010006, 0x00000000, ... (16 dwords, 4 per line)
 *   2026-01-02 03:04:05.123500 [cpl: SUCCESS]
 *   0x00000000, 0x00000000, 0x00000001, 0x0001007e
 * then an empty line.  @index numbers the entry (cmd%06u).  An entry still
 * outstanding prints "[cpl: outstanding]" and no CQE.
 */
void nvt_cmdlog_format(const struct nvt_log_entry *e, unsigned index,
		       FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_NAMES_H */
