// SPDX-License-Identifier: MIT
/* --fault: reads one LBA off, or writes that never go (fault.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nvt/nvt.h>

#include "fault.h"

static const char *const fault_names[] = {
	[FAULT_NONE] = "none",
	[FAULT_READ_NEIGHBOUR] = "read-neighbour",
	[FAULT_DROP_WRITE] = "drop-write",
};

int fault_parse(const char *name, enum io_fault *out)
{
	size_t i;

	for (i = 1; i < sizeof(fault_names) / sizeof(fault_names[0]); i++) {
		if (!strcmp(name, fault_names[i])) {
			*out = (enum io_fault)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *fault_name(enum io_fault fault)
{
	return fault_names[fault];
}

/* Sent in place of a dropped write: completes successfully, writes nothing. */
static int flush_instead(struct nvt_ns *ns, struct nvt_qpair *q,
			 const struct nvt_io *io)
{
	return nvt_ns_flush(ns, q, io->cb, io->arg);
}

io_fn *fault_io(enum io_fault fault, io_fn *fn, struct nvt_io *io,
		char *what, size_t len)
{
	unsigned long long lba = io->lba;

	if (fault == FAULT_READ_NEIGHBOUR &&
	    (fn == nvt_ns_read || fn == nvt_ns_compare)) {
		io->lba++;
		snprintf(what, len, "LBA %llu sent as LBA %llu", lba, lba + 1);
		return fn;
	}
	if (fault == FAULT_DROP_WRITE &&
	    (fn == nvt_ns_write || fn == nvt_ns_zone_append)) {
		snprintf(what, len, "write of LBA %llu not sent (a Flush instead)",
			 lba);
		return flush_instead;
	}
	return fn;
}
