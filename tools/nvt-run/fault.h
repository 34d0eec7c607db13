/* SPDX-License-Identifier: MIT */
/*
 * Faults nvt-run puts into its own I/O steps (--fault), to test the test
 * cases rather than the device: a case that moves data must fail when the
 * data does not arrive.  Only the read, compare, write and zone_append
 * steps are touched; ioworkers, the io step and C tests are not.
 */
#ifndef NVT_RUN_FAULT_H
#define NVT_RUN_FAULT_H

#include <stddef.h>

struct nvt_ns;
struct nvt_qpair;
struct nvt_io;

enum io_fault {
	FAULT_NONE,
	FAULT_READ_NEIGHBOUR,	/* reads and compares go to SLBA + 1 */
	FAULT_DROP_WRITE,	/* writes are not sent, yet succeed */
};

typedef int io_fn(struct nvt_ns *ns, struct nvt_qpair *q,
		  const struct nvt_io *io);

/* "read-neighbour" or "drop-write"; -EINVAL for anything else. */
int fault_parse(const char *name, enum io_fault *out);
const char *fault_name(enum io_fault fault);

/*
 * The command an I/O step sends for @fn under @fault: @fn itself, with
 * @io's LBA moved for read-neighbour, or for drop-write a Flush in place
 * of a write (it completes like the write would, async ones too, and
 * moves nothing).  When the fault applies, @what says what it did.
 */
io_fn *fault_io(enum io_fault fault, io_fn *fn, struct nvt_io *io,
		char *what, size_t len);

#endif /* NVT_RUN_FAULT_H */
