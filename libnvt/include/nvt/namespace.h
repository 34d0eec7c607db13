/* SPDX-License-Identifier: MIT */
/*
 * nvt_ns: one namespace of a controller: its format, and every NVM (and
 * zoned) command on an I/O queue pair.  Commands are asynchronous like all
 * others: they are queued on the qpair and complete in its waitdone().
 *
 * The data length of an I/O follows from the LBA count and the format
 * (data plus metadata for extended LBAs); the buffer's window must hold
 * it.  A namespace with separate metadata needs a metadata buffer for
 * commands that move data (unless PRACT lets the controller make it).
 */
#ifndef NVT_NAMESPACE_H
#define NVT_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nvt/controller.h>
#include <nvt/qpair.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_ns;

/* NVM command opcodes */
#define NVT_CMD_FLUSH		0x00
#define NVT_CMD_WRITE		0x01
#define NVT_CMD_READ		0x02
#define NVT_CMD_WRITE_UNCOR	0x04
#define NVT_CMD_COMPARE		0x05
#define NVT_CMD_WRITE_ZEROES	0x08
#define NVT_CMD_DSM		0x09
#define NVT_CMD_VERIFY		0x0c
#define NVT_CMD_COPY		0x19
#define NVT_CMD_ZONE_SEND	0x79
#define NVT_CMD_ZONE_RECV	0x7a
#define NVT_CMD_ZONE_APPEND	0x7d

/* io_flags: CDW12 bits 31:16 */
#define NVT_IO_LR		(1u << 15)	/* limited retry */
#define NVT_IO_FUA		(1u << 14)	/* force unit access */
#define NVT_IO_PRINFO(x)	(((x) & 0xfu) << 10)	/* PRACT|PRCHK */
#define NVT_IO_PRACT		(1u << 13)
#define NVT_IO_STC		(1u << 8)	/* storage tag check */
#define NVT_IO_DEAC		(1u << 9)	/* write zeroes: deallocate */

/* One I/O command. */
struct nvt_io {
	uint64_t lba;
	uint32_t count;		/* LBAs, 1..65536 */
	uint16_t flags;		/* NVT_IO_*: CDW12 bits 31:16 */
	uint32_t cdw13;		/* DSM hints (read/write) */
	uint32_t cdw14;		/* initial logical block reference tag */
	uint32_t cdw15;		/* application tag and mask */
	struct nvt_data data;	/* buffer, pointer type, metadata */
	nvt_cpl_fn cb;
	void *arg;
};

/* Open namespace @nsid (Identify Namespace); the error in the controller. */
int nvt_ns_open(struct nvt_ctrl *ctrl, uint32_t nsid, struct nvt_ns **out);
void nvt_ns_close(struct nvt_ns *ns);
/* Identify again (after a format or attribute change). */
int nvt_ns_refresh(struct nvt_ns *ns);

uint32_t nvt_ns_id(const struct nvt_ns *ns);
struct nvt_ctrl *nvt_ns_ctrl(const struct nvt_ns *ns);
uint64_t nvt_ns_size(const struct nvt_ns *ns);		/* NSZE, LBAs */
uint64_t nvt_ns_capacity(const struct nvt_ns *ns);	/* NCAP, LBAs */
uint32_t nvt_ns_sector_size(const struct nvt_ns *ns);	/* data bytes */
uint16_t nvt_ns_meta_size(const struct nvt_ns *ns);
bool nvt_ns_extended(const struct nvt_ns *ns);	/* metadata inline */
unsigned nvt_ns_lba_format(const struct nvt_ns *ns);
uint8_t nvt_ns_csi(const struct nvt_ns *ns);	/* 0 NVM, 2 zoned */
const uint8_t *nvt_ns_id_raw(const struct nvt_ns *ns);	/* 4096 B */
/* Identify Namespace field by its spec name (nvt_id_ns_fields()). */
int nvt_ns_id_field(const struct nvt_ns *ns, const char *name,
		    uint64_t *value);
/* The LBA format index with this data and metadata size, or -ENOENT. */
int nvt_ns_get_lba_format(const struct nvt_ns *ns, uint32_t data_size,
			  uint16_t meta_size);
/* Zone size in LBAs of a zoned namespace (zoned Identify Namespace). */
int nvt_ns_zone_size(struct nvt_ns *ns, uint64_t *zsze);
/* Bytes an I/O of @count LBAs moves: data (with inline metadata), meta. */
size_t nvt_ns_data_bytes(const struct nvt_ns *ns, uint32_t count);
size_t nvt_ns_meta_bytes(const struct nvt_ns *ns, uint32_t count);

int nvt_ns_read(struct nvt_ns *ns, struct nvt_qpair *q,
		const struct nvt_io *io);
int nvt_ns_write(struct nvt_ns *ns, struct nvt_qpair *q,
		 const struct nvt_io *io);
int nvt_ns_compare(struct nvt_ns *ns, struct nvt_qpair *q,
		   const struct nvt_io *io);
/* No data moves for these: @io's buffer is ignored. */
int nvt_ns_verify(struct nvt_ns *ns, struct nvt_qpair *q,
		  const struct nvt_io *io);
int nvt_ns_write_zeroes(struct nvt_ns *ns, struct nvt_qpair *q,
			const struct nvt_io *io);
int nvt_ns_write_uncor(struct nvt_ns *ns, struct nvt_qpair *q,
		       const struct nvt_io *io);
int nvt_ns_flush(struct nvt_ns *ns, struct nvt_qpair *q, nvt_cpl_fn cb,
		 void *arg);
/*
 * Dataset Management over @nr ranges in @ranges (nvt_buf_set_dsm_range());
 * @attr is CDW11 (bit 2: deallocate).
 */
int nvt_ns_dsm(struct nvt_ns *ns, struct nvt_qpair *q, struct nvt_buf *ranges,
	       unsigned nr, uint32_t attr, nvt_cpl_fn cb, void *arg);
/*
 * Copy @nr source ranges (format 0 descriptors, nvt_buf_set_copy_range())
 * to @sdlba.
 */
int nvt_ns_copy(struct nvt_ns *ns, struct nvt_qpair *q, struct nvt_buf *ranges,
		unsigned nr, uint64_t sdlba, nvt_cpl_fn cb, void *arg);
/* Zone Management Send: @action (1 close, 2 finish, 3 open, 4 reset, ...). */
int nvt_ns_zone_send(struct nvt_ns *ns, struct nvt_qpair *q, uint64_t slba,
		     uint8_t action, bool all, const struct nvt_data *data,
		     nvt_cpl_fn cb, void *arg);
/* Zone Management Receive into @data (report zones: action 0). */
int nvt_ns_zone_recv(struct nvt_ns *ns, struct nvt_qpair *q, uint64_t slba,
		     uint8_t action, uint8_t afield, bool partial,
		     const struct nvt_data *data, nvt_cpl_fn cb, void *arg);
/* Zone Append at the zone starting at @io->lba; the LBA comes back in dw0/1. */
int nvt_ns_zone_append(struct nvt_ns *ns, struct nvt_qpair *q,
		       const struct nvt_io *io);
/*
 * Any I/O command: @sqe whole; NSID (dword 1) is the namespace's when 0.
 */
int nvt_ns_send_cmd(struct nvt_ns *ns, struct nvt_qpair *q,
		    const uint32_t sqe[16], const struct nvt_data *data,
		    nvt_cpl_fn cb, void *arg);

/*
 * Per-LBA data verification in nvt.ko (one byte per LBA): every write
 * through nvt records a check value of each LBA (after stamping it with
 * (nsid, LBA) in its first 8 bytes and an increasing token in its last 8,
 * unless @stamp is false); every read is checked, and data that does not
 * match completes with status 07/fd and a warning naming the LBA.  Write
 * zeroes, deallocation, write uncorrectable, copy, zone reset and format
 * keep the table right.  @nlba: LBAs tracked from 0 (0: the whole
 * namespace).  When memory is short: -ENOMEM, a warning, and verification
 * stays off.
 */
int nvt_ns_verify_enable(struct nvt_ns *ns, bool stamp, uint64_t nlba);
int nvt_ns_verify_disable(struct nvt_ns *ns);
bool nvt_ns_verify_enabled(struct nvt_ns *ns);
/* Reads that did not verify since enable. */
int nvt_ns_verify_miscompares(struct nvt_ns *ns, uint64_t *count);
/* The table to a file and back (same namespace geometry). */
int nvt_ns_verify_save(struct nvt_ns *ns, const char *path);
int nvt_ns_verify_load(struct nvt_ns *ns, const char *path);

/*
 * Format NVM to LBA format @lbaf (SES @ses, PI @pi, PIL, MSET), waiting up
 * to @timeout_ms for it (the admin timeout is raised meanwhile), then
 * Identify again; afterwards every command timeout is the default.
 */
int nvt_ns_format(struct nvt_ns *ns, unsigned lbaf, unsigned ses, unsigned pi,
		  bool pil, bool mset, unsigned timeout_ms);

#ifdef __cplusplus
}
#endif
#endif /* NVT_NAMESPACE_H */
