/* SPDX-License-Identifier: MIT */
/*
 * The optional admin commands a controller advertises in Identify
 * Controller, one call each: Firmware Image Download and Firmware Commit
 * (OACS bit 2, FRMW, FWUG), Namespace Management (OACS bit 3), Sanitize
 * and its status log (SANICAP), Device Self-test and its log (OACS bit
 * 4), Security Send and Receive with the protocol list (OACS bit 0), the
 * Timestamp feature (ONCS bit 6), and what the Commands Supported and
 * Effects log (LPA bit 1) says of an opcode.
 *
 * The send functions (nvt_ctrl_fw_commit(), nvt_ctrl_ns_create(),
 * nvt_ctrl_sanitize() ...) queue one command and return, like
 * nvt_ctrl_identify(): reap it with nvt_ctrl_waitdone().  The others send,
 * wait and decode: they reap the admin queue, so reap what was sent before
 * them first, or its completion may be taken for theirs.  Those return 0,
 * the status (> 0) a command of theirs completed with, or a negative errno
 * with the message in nvt_ctrl_error().  Field layouts and values are in
 * <nvt/nvme.h> (NVT_FW_*, NVT_SANACT_*, NVT_DST_*, NVT_SECP_*, NVT_TS_*,
 * NVT_CSE_*).
 */
#ifndef NVT_ADMIN_H
#define NVT_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nvt/controller.h>
#include <nvt/export.h>
#include <nvt/nvme.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_buf;

/* ---- firmware ---- */

/**
 * nvt_ctrl_fw_chunk() - the largest piece of a firmware image one command takes
 * @ctrl: the controller, its Identify Controller data read
 *
 * MDTS rounded down to a multiple of FWUG (4 KiB units) when FWUG reports
 * a granularity (01h..FEh); MDTS when FWUG is 00h (not reported) or FFh
 * (no restriction); with no MDTS either, 128 KiB (or FWUG's granularity,
 * when it is larger).
 *
 * Return: the bytes, a multiple of 4; 0 when FWUG's granularity is larger
 * than MDTS (no piece can be sent) or there is no Identify Controller
 * data.
 */
NVT_EXPORT uint32_t nvt_ctrl_fw_chunk(struct nvt_ctrl *ctrl);

/**
 * nvt_ctrl_fw_download() - download a firmware image in pieces
 * @ctrl: the controller
 * @buf: a DMA buffer whose window holds the image (or the part of it to
 *	send)
 * @length: bytes of the window to send, a non-zero multiple of 4
 * @offset: where in the image they go, in bytes, a multiple of 4 (OFST)
 * @chunk: bytes per command, a multiple of 4; 0: nvt_ctrl_fw_chunk()
 * @sent: the commands sent; may be NULL
 *
 * Sends Firmware Image Download (11h) for each piece in order, each with
 * NUMD and OFST of its own, and waits for each; the first that fails ends
 * it.  The window of @buf is moved over the pieces and put back.  The
 * image is applied only by a later Firmware Commit.
 *
 * Return: 0, the status (> 0) of the piece that failed, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @buf is NULL, @length,
 * @offset or @chunk is not a multiple of 4, @length is 0 or beyond the
 * window, or the image ends beyond 2^34 bytes (OFST counts dwords in 32
 * bits); -ERANGE no chunk fits (see nvt_ctrl_fw_chunk()); an error of
 * nvt_ctrl_send() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_fw_download(struct nvt_ctrl *ctrl, struct nvt_buf *buf,
				    size_t length, uint64_t offset,
				    uint32_t chunk, unsigned *sent);

/**
 * nvt_ctrl_fw_commit() - send Firmware Commit
 * @ctrl: the controller
 * @slot: FS, 0..7 (0: the controller chooses)
 * @action: CA, NVT_FW_CA_* of <nvt/nvme.h>, 0..7 (4 and 5 are reserved:
 *	they go as given, to see the controller refuse them)
 * @bpid: BPID, the boot partition of actions 6 and 7, 0 or 1
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * A commit that activates at the next reset completes with 01/0b, 01/10 or
 * 01/11 (the reset it needs) on success; dword 0 bit 0 of the completion
 * is Multiple Update Detected.
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @slot or @action does not fit 3 bits or @bpid
 * 1 bit; an error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_fw_commit(struct nvt_ctrl *ctrl, uint8_t slot,
				  uint8_t action, uint8_t bpid, nvt_cpl_fn cb,
				  void *arg);

/* ---- namespace management ---- */

/**
 * struct nvt_ns_create - the host specified fields of a namespace to create
 * @nsze: Namespace Size, in logical blocks
 * @ncap: Namespace Capacity, in logical blocks (NCAP <= NSZE)
 * @flbas: Formatted LBA Size: the LBA format index (bits 3:0 and 6:5) and
 *	extended metadata (bit 4)
 * @dps: End-to-end Data Protection Type Settings
 * @nmic: Namespace Multi-path I/O and Namespace Sharing Capabilities (bit
 *	0: shared)
 * @anagrpid: ANA Group Identifier; 0: the controller chooses
 * @nvmsetid: NVM Set Identifier; 0: the controller chooses
 * @endgid: Endurance Group Identifier; 0: the controller chooses
 * @csi: the I/O command set of the namespace (CDW11 bits 31:24,
 *	NVT_CSI_*)
 */
struct nvt_ns_create {
	uint64_t nsze;
	uint64_t ncap;
	uint8_t flbas;
	uint8_t dps;
	uint8_t nmic;
	uint32_t anagrpid;
	uint16_t nvmsetid;
	uint16_t endgid;
	uint8_t csi;
};

/**
 * nvt_ctrl_ns_create() - send Namespace Management, create
 * @ctrl: the controller
 * @spec: the fields of the namespace
 * @buf: a DMA buffer with a window of 4096 bytes: the data structure is
 *	built in it (the rest zeroed)
 * @cb: called with the completion: dword 0 is the NSID created; may be
 *	NULL
 * @arg: for @cb
 *
 * The namespace is created unattached: Namespace Attachment
 * (nvt_ctrl_ns_attach()) attaches it to controllers.
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @spec is NULL, @buf is NULL or its window
 * smaller than 4096 bytes; an error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_ns_create(struct nvt_ctrl *ctrl,
				  const struct nvt_ns_create *spec,
				  struct nvt_buf *buf, nvt_cpl_fn cb,
				  void *arg);

/**
 * nvt_ctrl_ns_delete() - send Namespace Management, delete
 * @ctrl: the controller
 * @nsid: the namespace; %NVT_NSID_ALL (FFFFFFFFh) deletes every namespace
 *	of the subsystem
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()) of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_ns_delete(struct nvt_ctrl *ctrl, uint32_t nsid,
				  nvt_cpl_fn cb, void *arg);

/* ---- sanitize ---- */

/**
 * nvt_ctrl_sanitize() - send Sanitize
 * @ctrl: the controller
 * @action: SANACT, NVT_SANACT_* of <nvt/nvme.h>, 0..7 (0, 5, 6 and 7 are
 *	reserved: they go as given)
 * @flags: %NVT_SANITIZE_AUSE, %NVT_SANITIZE_OIPBP, %NVT_SANITIZE_NDAS, or 0
 * @owpass: OWPASS, overwrite passes, 0..15 (0 means 16)
 * @ovrpat: the overwrite pattern, CDW11
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * The command completes once the operation has started; it runs on in the
 * background (nvt_ctrl_sanitize_wait()).  Every namespace's data goes.
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @action does not fit 3 bits, @owpass 4 bits,
 * or @flags has other bits; an error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_sanitize(struct nvt_ctrl *ctrl, uint8_t action,
				 uint32_t flags, uint8_t owpass,
				 uint32_t ovrpat, nvt_cpl_fn cb, void *arg);

/**
 * struct nvt_sanitize_status - the Sanitize Status log page (81h), decoded
 * @sprog: Sanitize Progress: the fraction done, in 65536ths; FFFFh when
 *	none is in progress
 * @sstat: Sanitize Status, as it is (NVT_SSTAT_* of <nvt/nvme.h>)
 * @status: its bits 2:0: NVT_SSTAT_NEVER, _DONE, _IN_PROGRESS, _FAILED,
 *	_DONE_NDAS
 * @passes: its bits 7:3: overwrite passes completed
 * @gde: its bit 8, Global Data Erased: no user data written since the
 *	last sanitize or format
 * @scdw10: CDW10 of the Sanitize command that started the last operation
 * @eto: estimated seconds of an overwrite; FFFFFFFFh: no estimate
 * @etbe: estimated seconds of a block erase; FFFFFFFFh: no estimate
 * @etce: estimated seconds of a crypto erase; FFFFFFFFh: no estimate
 */
struct nvt_sanitize_status {
	uint16_t sprog;
	uint16_t sstat;
	uint8_t status;
	uint8_t passes;
	bool gde;
	uint32_t scdw10;
	uint32_t eto;
	uint32_t etbe;
	uint32_t etce;
};

/**
 * nvt_sanitize_status_decode() - decode the Sanitize Status log page
 * @data: its first 20 bytes or more, as Get Log Page 81h returned them
 * @st: where the fields go
 */
NVT_EXPORT void nvt_sanitize_status_decode(const void *data,
					   struct nvt_sanitize_status *st);

/**
 * nvt_ctrl_sanitize_status() - read the Sanitize Status log page
 * @ctrl: the controller, with an admin queue
 * @st: where the decoded fields go
 *
 * Sends Get Log Page 81h (512 bytes) and waits for it.
 *
 * Return: 0, the status (> 0) Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @st is NULL; an error of
 * nvt_buf_alloc(), nvt_ctrl_getlogpage() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_sanitize_status(struct nvt_ctrl *ctrl,
					struct nvt_sanitize_status *st);

/**
 * nvt_ctrl_sanitize_wait() - wait for a sanitize operation to end
 * @ctrl: the controller
 * @timeout_ms: how long at most, 1..86400000 (a day)
 * @st: the log page as last read; may be NULL
 *
 * Reads the Sanitize Status log page every 100 ms (or more, as reading
 * takes) until its status is no longer %NVT_SSTAT_IN_PROGRESS.  The status
 * then says how it ended.
 *
 * Return: 0, the status (> 0) a Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @timeout_ms is out of
 * range; -ETIMEDOUT still in progress after @timeout_ms; an error of
 * nvt_ctrl_sanitize_status().
 */
NVT_EXPORT int nvt_ctrl_sanitize_wait(struct nvt_ctrl *ctrl,
				      unsigned timeout_ms,
				      struct nvt_sanitize_status *st);

/* ---- device self-test ---- */

/**
 * nvt_ctrl_self_test() - send Device Self-test
 * @ctrl: the controller
 * @nsid: the namespaces it covers: one NSID, 0 (none: the controller
 *	only) or %NVT_NSID_ALL (every active one)
 * @stc: Self-test Code, NVT_DST_* of <nvt/nvme.h> (1h short, 2h extended,
 *	Eh vendor specific, Fh abort), 0..15; others go as given
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * The command completes once the operation has started; it runs in the
 * background (nvt_ctrl_self_test_wait()).
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @stc does not fit 4 bits; an error of
 * nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_self_test(struct nvt_ctrl *ctrl, uint32_t nsid,
				  uint8_t stc, nvt_cpl_fn cb, void *arg);

/**
 * struct nvt_self_test_result - one Self-test Result Data Structure
 * @stc: the Self-test Code of the operation (bits 7:4 of byte 0)
 * @result: how it ended (bits 3:0): NVT_DST_RESULT_OK, _ABORTED_CMD,
 *	_ABORTED_RESET, ...; %NVT_DST_RESULT_UNUSED: no result here
 * @segment: the segment that failed (1-based), 0 when none did
 * @vdi: Valid Diagnostic Information: NVT_DSTR_VDI_* say which of @nsid,
 *	@flba, @sct and @sc hold a value
 * @poh: power on hours when it ended
 * @nsid: the namespace the failure was in
 * @flba: the first failing LBA
 * @sct: Status Code Type of the error, if any
 * @sc: Status Code of the error, if any
 */
struct nvt_self_test_result {
	uint8_t stc;
	uint8_t result;
	uint8_t segment;
	uint8_t vdi;
	uint64_t poh;
	uint32_t nsid;
	uint64_t flba;
	uint8_t sct;
	uint8_t sc;
};

/**
 * struct nvt_self_test_log - the Device Self-test log page (06h), decoded
 * @current_op: the Self-test Code of the operation in progress; 0: none
 * @completion: how far it is, in percent
 * @count: the result entries that hold a result (up to 20; the first
 *	unused one ends them)
 * @results: the entries, newest first
 */
struct nvt_self_test_log {
	uint8_t current_op;
	uint8_t completion;
	unsigned count;
	struct nvt_self_test_result results[NVT_DSTLOG_ENTRIES];
};

/**
 * nvt_self_test_log_decode() - decode the Device Self-test log page
 * @data: its 564 bytes, as Get Log Page 06h returned them
 * @log: where the fields go
 */
NVT_EXPORT void nvt_self_test_log_decode(const void *data,
					 struct nvt_self_test_log *log);

/**
 * nvt_ctrl_self_test_log() - read the Device Self-test log page
 * @ctrl: the controller, with an admin queue
 * @log: where the decoded fields go
 *
 * Sends Get Log Page 06h (564 bytes, NSID FFFFFFFFh) and waits for it.
 *
 * Return: 0, the status (> 0) Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @log is NULL; an error of
 * nvt_buf_alloc(), nvt_ctrl_getlogpage() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_self_test_log(struct nvt_ctrl *ctrl,
				      struct nvt_self_test_log *log);

/**
 * nvt_ctrl_self_test_wait() - wait for a device self-test to end
 * @ctrl: the controller
 * @timeout_ms: how long at most, 1..86400000 (a day)
 * @log: the log page as last read; its newest result is the operation's;
 *	may be NULL
 *
 * Reads the Device Self-test log page every 100 ms (or more, as reading
 * takes) until no operation is in progress.
 *
 * Return: 0, the status (> 0) a Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @timeout_ms is out of
 * range; -ETIMEDOUT still in progress after @timeout_ms; an error of
 * nvt_ctrl_self_test_log().
 */
NVT_EXPORT int nvt_ctrl_self_test_wait(struct nvt_ctrl *ctrl,
				       unsigned timeout_ms,
				       struct nvt_self_test_log *log);

/* ---- security ---- */

/**
 * nvt_ctrl_security_send() - send Security Send
 * @ctrl: the controller
 * @secp: Security Protocol (SECP), CDW10 bits 31:24
 * @spsp: SP Specific (SPSP1 and SPSP0), CDW10 bits 23:8
 * @nssf: NVMe Security Specific Field, CDW10 bits 7:0
 * @buf: a DMA buffer whose window holds the data; NULL when @length is 0
 * @length: Transfer Length (TL, CDW11) in bytes, at most the window
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @length is not 0 without @buf, or is beyond
 * its window; an error of nvt_ctrl_send().
 */
NVT_EXPORT int nvt_ctrl_security_send(struct nvt_ctrl *ctrl, uint8_t secp,
				      uint16_t spsp, uint8_t nssf,
				      struct nvt_buf *buf, uint32_t length,
				      nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_security_recv() - send Security Receive
 * @ctrl: the controller
 * @secp: Security Protocol (SECP), CDW10 bits 31:24
 * @spsp: SP Specific (SPSP1 and SPSP0), CDW10 bits 23:8
 * @nssf: NVMe Security Specific Field, CDW10 bits 7:0
 * @buf: a DMA buffer for the data; NULL when @length is 0
 * @length: Allocation Length (AL, CDW11) in bytes, at most the window
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @length is not 0 without @buf, or is beyond
 * its window; an error of nvt_ctrl_send().
 */
NVT_EXPORT int nvt_ctrl_security_recv(struct nvt_ctrl *ctrl, uint8_t secp,
				      uint16_t spsp, uint8_t nssf,
				      struct nvt_buf *buf, uint32_t length,
				      nvt_cpl_fn cb, void *arg);

/**
 * nvt_security_protocols_decode() - decode the supported protocol list
 * @data: what Security Receive, protocol 00h, SPSP 0000h returned
 * @len: bytes at @data, 8 or more
 * @list: where the protocol identifiers go, in the order listed; may be
 *	NULL with @max 0
 * @max: identifiers @list holds
 *
 * Return: the number of identifiers the list says it has (its big-endian
 * length), which may be more than @max or than @len holds: only those
 * within both are stored; -EINVAL @len is below 8.
 */
NVT_EXPORT int nvt_security_protocols_decode(const void *data, size_t len,
					     uint8_t *list, unsigned max);

/**
 * nvt_ctrl_security_protocols() - the security protocols the controller has
 * @ctrl: the controller, with an admin queue
 * @list: where the protocol identifiers go (see
 *	nvt_security_protocols_decode())
 * @max: identifiers @list holds
 * @count: the number the controller listed
 *
 * Sends Security Receive, protocol 00h (security protocol information),
 * SPSP 0000h, with an allocation length of 4096 bytes, and waits for it.
 *
 * Return: 0, the status (> 0) Security Receive completed with, or a
 * negative errno (message in nvt_ctrl_error()): -EINVAL @count is NULL, or
 * @list with @max > 0 is; an error of nvt_buf_alloc(),
 * nvt_ctrl_security_recv() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_security_protocols(struct nvt_ctrl *ctrl,
					   uint8_t *list, unsigned max,
					   unsigned *count);

/* ---- timestamp ---- */

/**
 * struct nvt_timestamp - the Timestamp feature (FID 0Eh), decoded
 * @ms: milliseconds since midnight, 1 January 1970 UTC (48 bits)
 * @synch: Synch: 1 when the controller may have stopped counting since
 *	the timestamp was set (a sleep state, ...)
 * @origin: Timestamp Origin: %NVT_TS_ORIGIN_RESET (zeroed by a Controller
 *	Level Reset) or %NVT_TS_ORIGIN_SET (set by Set Features); others are
 *	reserved
 * @raw: the data structure's 8 bytes as one little-endian value
 */
struct nvt_timestamp {
	uint64_t ms;
	bool synch;
	uint8_t origin;
	uint64_t raw;
};

/**
 * nvt_timestamp_decode() - decode the Timestamp data structure
 * @data: its 8 bytes
 * @ts: where the fields go
 */
NVT_EXPORT void nvt_timestamp_decode(const void *data,
				     struct nvt_timestamp *ts);

/**
 * nvt_ctrl_timestamp_get() - read the controller's timestamp
 * @ctrl: the controller, with an admin queue
 * @ts: where the decoded value goes
 *
 * Sends Get Features, Timestamp (current value), and waits for it.
 *
 * Return: 0, the status (> 0) Get Features completed with (00/02 Invalid
 * Field when the controller has no Timestamp feature: ONCS bit 6), or a
 * negative errno (message in nvt_ctrl_error()): -EINVAL @ts is NULL; an
 * error of nvt_buf_alloc(), nvt_ctrl_getfeatures() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_timestamp_get(struct nvt_ctrl *ctrl,
				      struct nvt_timestamp *ts);

/**
 * nvt_ctrl_timestamp_set() - set the controller's timestamp
 * @ctrl: the controller, with an admin queue
 * @ms: milliseconds since midnight, 1 January 1970 UTC, below 2^48
 *
 * Sends Set Features, Timestamp (not saved), and waits for it.
 *
 * Return: 0, the status (> 0) Set Features completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @ms does not fit 48 bits;
 * an error of nvt_buf_alloc(), nvt_ctrl_setfeatures() or
 * nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_timestamp_set(struct nvt_ctrl *ctrl, uint64_t ms);

/* ---- commands supported and effects ---- */

/**
 * struct nvt_cmd_effects - one entry of the Commands Supported and Effects log
 * @raw: the entry as it is (NVT_CSE_* of <nvt/nvme.h>)
 * @csupp: Command Supported
 * @lbcc: Logical Block Content Change: it may change the data of LBAs
 * @ncc: Namespace Capability Change: it may change a namespace's
 *	capabilities (its size, format ...)
 * @nic: Namespace Inventory Change: it may add or remove namespaces
 * @ccc: Controller Capability Change: it may change the controller's
 *	capabilities
 * @cse: Command Submission and Execution: 0 no restriction, 1 only while
 *	no other command to the same namespace is outstanding, 2 only while no
 *	other command to any namespace is
 * @uss: UUID Selection Supported
 */
struct nvt_cmd_effects {
	uint32_t raw;
	bool csupp;
	bool lbcc;
	bool ncc;
	bool nic;
	bool ccc;
	uint8_t cse;
	bool uss;
};

/**
 * nvt_cmd_effects_decode() - decode one Commands Supported and Effects entry
 * @entry: the entry's dword
 * @e: where the fields go
 */
NVT_EXPORT void nvt_cmd_effects_decode(uint32_t entry,
				       struct nvt_cmd_effects *e);

/**
 * nvt_cmd_effects_format() - an entry as text
 * @e: the decoded entry
 * @out: where the text goes: "unsupported", or "supported" followed by
 *	the effects that are set ("LBCC NCC NIC CCC CSE=1 USS")
 * @len: bytes at @out
 *
 * Return: the length of the whole text, as snprintf() gives it.
 */
NVT_EXPORT int nvt_cmd_effects_format(const struct nvt_cmd_effects *e,
				      char *out, size_t len);

/**
 * nvt_ctrl_cmd_effects() - what the controller says of one opcode
 * @ctrl: the controller, with an admin queue
 * @csi: the I/O command set whose I/O commands the log lists (NVT_CSI_*,
 *	Get Log Page CDW14 bits 31:24); ignored for admin opcodes
 * @opcode: the opcode
 * @io: true: the I/O opcode, false: the admin opcode
 * @e: its decoded entry
 *
 * Sends Get Log Page 05h (4096 bytes, NSID 0) and waits for it.  The
 * controller has the page when Identify Controller LPA bit 1 is set.
 *
 * Return: 0, the status (> 0) Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @e is NULL; an error of
 * nvt_buf_alloc(), nvt_ctrl_send() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_cmd_effects(struct nvt_ctrl *ctrl, uint8_t csi,
				    uint8_t opcode, bool io,
				    struct nvt_cmd_effects *e);

/**
 * nvt_ctrl_supports() - whether the controller supports an opcode
 * @ctrl: the controller, with an admin queue
 * @opcode: the opcode
 * @io: true: an I/O opcode of the NVM command set, false: an admin opcode
 * @supported: CSUPP of its Commands Supported and Effects entry
 *
 * nvt_ctrl_cmd_effects() for one answer.
 *
 * Return: 0, the status (> 0) Get Log Page completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @supported is NULL; an
 * error of nvt_ctrl_cmd_effects().
 */
NVT_EXPORT int nvt_ctrl_supports(struct nvt_ctrl *ctrl, uint8_t opcode,
				 bool io, bool *supported);

#ifdef __cplusplus
}
#endif

#endif /* NVT_ADMIN_H */
