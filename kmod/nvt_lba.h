/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * nvt: LBA ranges as verification's LBA locks compare them (nvt_datacheck.c):
 * the last LBA of a range, whether two ranges overlap, and the ranges of a
 * Dataset Management list (16-byte ranges, NVM 1.0) or a Copy's Source
 * Range Entries (format 0, 32 bytes).  The interval tree the module keeps
 * them in is the kernel's; this is the arithmetic around it.  Pure code,
 * shared by the module and its unit tests.
 */
#ifndef _NVT_LBA_H
#define _NVT_LBA_H

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

/* The last LBA of [slba, slba + nlb) (nlb not 0), saturating. */
static inline u64 nvt_range_end(u64 slba, u64 nlb)
{
	return nlb > ~0ull - slba ? ~0ull : slba + nlb - 1;
}

/* Whether two ranges share an LBA; an empty range shares none. */
static inline bool nvt_range_overlap(u64 as, u64 an, u64 bs, u64 bn)
{
	if (!an || !bn)
		return false;
	return as <= nvt_range_end(bs, bn) && bs <= nvt_range_end(as, an);
}

/*
 * Range @i of a DSM list (@copy false: NLB a 32-bit count at byte 4) or
 * of a Copy's source ranges (NLB 0's based, 16 bits at byte 16); the
 * starting LBA is at byte 8 of both.
 */
static inline void nvt_lba_list_range(const void *ranges, u32 i, bool copy,
				      u64 *slba, u64 *nlb)
{
	const u8 *r = (const u8 *)ranges + i * (copy ? 32 : 16);

	*slba = nvt_le_get(r + 8, 8);
	*nlb = copy ? nvt_le_get(r + 16, 2) + 1 : nvt_le_get(r + 4, 4);
}

#endif /* _NVT_LBA_H */
