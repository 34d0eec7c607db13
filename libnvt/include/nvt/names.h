/* SPDX-License-Identifier: MIT */
/* Names of NVMe opcodes, statuses and identify fields, for logs and reports. */
#ifndef NVT_NAMES_H
#define NVT_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <nvt/nvt_ioctl.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * nvt_admin_opcode_name() - the name of an admin opcode
 * @opcode: the opcode
 *
 * Return: "Identify", "Get Log Page", ...; "Vendor Specific" for C0h..FFh
 * and "Unknown" for the others the spec does not name.
 */
NVT_EXPORT const char *nvt_admin_opcode_name(uint8_t opcode);

/**
 * nvt_io_opcode_name() - the name of an I/O opcode
 * @opcode: the opcode
 *
 * Return: "Write", "Read", "Zone Append", ...; "Vendor Specific" for
 * C0h..FFh and "Unknown" for the others the spec does not name.
 */
NVT_EXPORT const char *nvt_io_opcode_name(uint8_t opcode);

/**
 * nvt_status_name() - the name of a completion status
 * @status: SCT << 8 | SC
 *
 * Return: "SUCCESS", "Invalid Field in Command", ...; for a code the spec
 * does not name, its status code type ("Vendor Specific", ...) or
 * "Unknown".
 */
NVT_EXPORT const char *nvt_status_name(uint16_t status);

/**
 * struct nvt_id_field - a field of a 4096-byte identify structure
 * @name: the spec's abbreviation, lower case ("mdts", "nsze", ...)
 * @first: its first byte
 * @last: its last byte (inclusive)
 * @is_string: 1 for ASCII, space padded; 0 for a little-endian number
 * @desc: the spec's name of the field
 */
struct nvt_id_field {
	const char *name;
	uint16_t first;
	uint16_t last;
	uint8_t is_string;
	const char *desc;
};

/**
 * nvt_id_ctrl_fields() - the fields of Identify Controller
 * @count: how many there are
 *
 * Return: the table, in byte order.
 */
NVT_EXPORT const struct nvt_id_field *nvt_id_ctrl_fields(size_t *count);

/**
 * nvt_id_ns_fields() - the fields of Identify Namespace (NVM command set)
 * @count: how many there are
 *
 * Return: the table, in byte order.
 */
NVT_EXPORT const struct nvt_id_field *nvt_id_ns_fields(size_t *count);

/**
 * nvt_id_field_find() - a field of a table by its name
 * @tab: nvt_id_ctrl_fields() or nvt_id_ns_fields()
 * @count: its entries
 * @name: the field's name, in any case
 *
 * Return: the field, or NULL when @name is NULL or names none.
 */
NVT_EXPORT const struct nvt_id_field *
nvt_id_field_find(const struct nvt_id_field *tab, size_t count,
		  const char *name);

/**
 * struct nvt_reg_name - a controller register (BAR0)
 * @name: the spec's abbreviation, lower case ("cap", "cc", "csts", ...)
 * @offset: its byte offset in BAR0
 * @width: 32 or 64 bits
 * @desc: the spec's name of the register
 */
struct nvt_reg_name {
	const char *name;
	uint16_t offset;
	uint8_t width;
	const char *desc;
};

/**
 * nvt_reg_names() - the controller registers libnvt knows by name
 * @count: how many there are
 *
 * Return: the table, in offset order.
 */
NVT_EXPORT const struct nvt_reg_name *nvt_reg_names(size_t *count);

/**
 * nvt_reg_find() - a controller register by its name
 * @name: the spec's abbreviation, in any case; not NULL
 *
 * Return: the register, or NULL when @name names none.
 */
NVT_EXPORT const struct nvt_reg_name *nvt_reg_find(const char *name);

/**
 * nvt_cmdlog_format() - write one command log entry as text
 * @e: the entry (NVT_IOC_CMDLOG)
 * @index: its number in the listing: "cmd%06u"
 * @out: where to write it
 *
 * Writes, in local time, with the opcode named by the queue's kind::
 *
 *   2026-01-02 03:04:05.123456 [cmd000033: Identify, sqid: 0]
 *   0x00010006, 0x00000000, ... (16 dwords, 4 per line)
 *   2026-01-02 03:04:05.123500 [cpl: SUCCESS]
 *   0x00000000, 0x00000000, 0x00000001, 0x0001007e
 *
 * then an empty line.  The completion line adds ", timeout", ", aborted",
 * ", aer" or ", late" for a completion nvt.ko made up or flagged.  An entry
 * still outstanding prints "[cpl: outstanding]" and no CQE.
 */
NVT_EXPORT void nvt_cmdlog_format(const struct nvt_log_entry *e,
				  unsigned index, FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NVT_NAMES_H */
