/* SPDX-License-Identifier: MIT */
/*
 * nvt_worker: an ioworker, a kernel thread of nvt.ko that drives its own
 * I/O queue pair on a namespace with the workload described here, while
 * the test goes on (admin commands, resets, other workers).  Start it, look
 * at it (running, iostat), then close it for the results.
 *
 * Errors: a negative errno, with nvt_worker_error() of the worker saying
 * what went wrong; nvt_worker_start() and nvt_worker_close(), before and
 * after there is a worker, leave theirs with the controller
 * (nvt_ctrl_error()).
 */
#ifndef NVT_WORKER_H
#define NVT_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/namespace.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_worker;

#define NVT_WORKER_SIZES	16
#define NVT_WORKER_OPS		256	/* distinct opcodes: any I/O opcode once */
#define NVT_WORKER_REGIONS	8
#define NVT_WORKER_DIST_PARTS	100
/* &struct nvt_worker_opts.lba_start: the region's start, or its end going backwards */
#define NVT_WORKER_LBA_START_AUTO	UINT64_MAX
/* &struct nvt_worker_opts.lba_step: not given, contiguous (the I/O size) */
#define NVT_WORKER_LBA_STEP_AUTO	INT64_MIN
/* &struct nvt_worker_opts.ptype: the PyNVMe3 guide's data pattern codes */
#define NVT_WORKER_PTYPE_ZEROS_ONES	0	/* pvalue 0 zeros, 1 all ones */
#define NVT_WORKER_PTYPE_DWORD32	32	/* the dword pvalue repeated */
#define NVT_WORKER_PTYPE_RANDOM_PCT	0xbeef	/* pvalue % random bytes */
/* the slow I/Os a result lists (&struct nvt_worker_result.slow) */
#define NVT_WORKER_SLOW_KEPT		64

/**
 * struct nvt_worker_io - one command of a sequence to replay
 * @slba: its first LBA
 * @nlb: its LBAs, 1..65536 (ignored for a flush)
 * @opcode: read, write, compare, flush, ... (NVT_CMD_*)
 * @time_us: send it no earlier than this long after the worker's start
 */
struct nvt_worker_io {
	uint64_t slba;
	uint32_t nlb;
	uint8_t opcode;
	uint64_t time_us;
};

/**
 * struct nvt_worker_cmd - a completed command the worker kept
 * @slba: its first LBA
 * @nlb: its LBAs
 * @opcode: its opcode
 * @status: SCT << 8 | SC; 0 is success
 * @sent_us: when it was sent, from the worker's start
 * @cplt_us: when it completed, from the worker's start
 */
struct nvt_worker_cmd {
	uint64_t slba;
	uint32_t nlb;
	uint8_t opcode;
	uint16_t status;
	uint64_t sent_us, cplt_us;
};

/**
 * struct nvt_worker_opts - the workload of an ioworker
 *
 * Start from nvt_worker_opts_init(), which sets every field to the default
 * given here.
 *
 * @size: the struct's size as the caller knows it: set by
 *	nvt_worker_opts_init(), so that later libnvts with more fields read
 *	only these and take the defaults for the rest
 * @io_size: LBAs per I/O, 1..65536 each (default: one size, 8)
 * @io_weight: the shares of the sizes (0: 1; default equal)
 * @nr_sizes: entries of @io_size, 0..%NVT_WORKER_SIZES (0: the default)
 * @op: an opcode mix instead of @read_percentage, distinct I/O opcodes
 *	00h..FFh: read, write, compare, flush, write zeroes, write
 *	uncorrectable, verify and DSM (one deallocate range) as the NVM
 *	command set has them; any other with the SLBA in CDW10-11, NLB - 1
 *	in CDW12 and, when its bits 1:0 say it moves data, the I/O's data
 *	(&struct nvt_worker_op of <nvt/nvt_ioctl.h>)
 * @op_weight: the shares of the opcodes (0: 1); they add up to at most
 *	UINT32_MAX
 * @nr_ops: entries of @op, 0..%NVT_WORKER_OPS (0: reads and writes)
 * @read_percentage: reads among reads and writes, 0..100 (default 100)
 * @lba_random: percent of I/Os at random LBAs, the rest sequential, 0..100
 *	(default 100)
 * @lba_align: random LBAs are multiples of this (default 1, any LBA, as
 *	the guide; 0: the smallest I/O size)
 * @lba_step: the next sequential LBA is this far on, backwards when
 *	negative; 0 sends every sequential I/O to the same LBA (then give
 *	@io_count, @lba_count or @time_ms).  Default
 *	%NVT_WORKER_LBA_STEP_AUTO: the I/O size, contiguous I/O
 * @lba_start: the first sequential LBA, inside the region (default
 *	%NVT_WORKER_LBA_START_AUTO: the region's start, or its end going
 *	backwards)
 * @region_start: the region of LBAs, [@region_start, @region_end)
 * @region_end: its end, not included (0: the end of the namespace)
 * @regions: or 2..8 regions [start, end): random LBAs pick one by its
 *	size, sequential I/O goes through them in order
 * @nr_regions: entries of @regions (0: @region_start and @region_end)
 * @distribution: shares of random I/O for 100 equal parts of a region
 *	(all 0: uniform); JEDEC's client workload puts 50 % in the first 5 %.
 *	Needs random LBAs.
 * @io_count: stop after this many I/Os (0: no limit)
 * @lba_count: stop after this many LBAs (0: no limit); with none of the
 *	three limits a sequential worker makes one pass
 * @time_ms: stop after this long (0: no limit)
 * @iops: at most this many I/Os per second (0: unlimited)
 * @qdepth: I/Os in flight, 1..4095 (0: 63); the worker's qpair is one
 *	entry deeper
 * @cpu: the CPU its thread runs on (default -1: any)
 * @seed: of its random numbers (0: random)
 * @exit_on_error: stop at the first error (default true; false goes on,
 *	the result keeping the first error)
 * @io_flags: CDW12 bits 31:16 of reads and writes (NVT_IO_*)
 * @sgl_percentage: percent of I/Os whose data goes as an SGL, not PRPs,
 *	0..100
 * @qprio: QPRIO of its queue for weighted round robin, 0..3
 * @slow_latency_us: count I/Os slower than this, and warn about each of
 *	the first %NVT_WORKER_SLOW_KEPT at nvt_worker_close() (default
 *	1000000, one second; 0: off)
 * @poll_idle_us: with every I/O in flight and none completed, sleep this
 *	long before polling again, 0..100000 (0: poll without pause, the
 *	default): frees the CPU when workers outnumber CPUs, at the cost of up
 *	to that much in the latencies measured
 * @ptype: the data written, in the guide's codes:
 *	%NVT_WORKER_PTYPE_ZEROS_ONES (0), %NVT_WORKER_PTYPE_DWORD32 (32),
 *	%NVT_WORKER_PTYPE_RANDOM_PCT (0xbeef, the default); nvt's older codes
 *	1 (as 32) and 2 (as 0xbeef) still work.  With verification on, each
 *	LBA's stamp goes over the pattern.
 * @pvalue: 0 zeros or 1 all 0xff bytes with @ptype 0; the dword of 32;
 *	the percentage of random bytes of 0xbeef, 1..100 (the rest zeros), or
 *	0 for all of them (default 100: random data that does not compress)
 * @io_sequence: replay these commands in order instead of generating I/O
 *	(sizes, mix and LBAs unused; the limits still apply)
 * @nr_io_sequence: entries of @io_sequence, up to 1,000,000 (0: generate)
 * @cmdlist_max: keep the last N commands for the result, up to 100,000
 * @cmdlist_errors_only: keep only the failed ones
 */
struct nvt_worker_opts {
	size_t size;
	uint32_t io_size[NVT_WORKER_SIZES];
	uint32_t io_weight[NVT_WORKER_SIZES];
	unsigned nr_sizes;
	uint8_t op[NVT_WORKER_OPS];
	uint32_t op_weight[NVT_WORKER_OPS];
	unsigned nr_ops;
	unsigned read_percentage;
	unsigned lba_random;
	uint32_t lba_align;
	int64_t lba_step;
	uint64_t lba_start;
	uint64_t region_start;
	uint64_t region_end;
	uint64_t regions[NVT_WORKER_REGIONS][2];
	unsigned nr_regions;
	uint32_t distribution[NVT_WORKER_DIST_PARTS];
	uint64_t io_count;
	uint64_t lba_count;
	unsigned time_ms;
	unsigned iops;
	unsigned qdepth;
	int cpu;
	uint32_t seed;
	bool exit_on_error;
	uint16_t io_flags;
	unsigned sgl_percentage;
	unsigned qprio;
	unsigned slow_latency_us;
	unsigned poll_idle_us;
	unsigned ptype;
	uint32_t pvalue;
	const struct nvt_worker_io *io_sequence;
	size_t nr_io_sequence;
	unsigned cmdlist_max;
	bool cmdlist_errors_only;
};

/**
 * struct nvt_worker_result - what an ioworker did
 * @io_count_read: reads completed
 * @io_count_write: writes completed
 * @io_count_nonread: other commands completed
 * @lba_count_read: LBAs read
 * @lba_count_write: LBAs written
 * @lba_count_nonread: LBAs of the other commands
 * @mseconds: how long it ran, in milliseconds
 * @latency_max_us: the slowest I/O, in microseconds
 * @latency_average_us: the average latency, in microseconds
 * @error: the first error status, SCT << 8 | SC; 0 none
 * @error_cmd: the SQE of the command that failed (or the latest sent)
 * @error_cpl: its CQE
 * @cpu_usage: the thread's CPU time over the wall time (once it ended)
 * @io_per_second: completions in each second (nvt_worker_close() only)
 * @seconds: entries of @io_per_second
 * @latency_histogram: latencies in 1 us bins, %NVT_WORKER_HIST_US of them
 *	(nvt_worker_close() only)
 * @op: the opcodes of the mix (without one: [0] read, [1] write)
 * @nr_ops: entries of @op
 * @op_count: I/Os completed, per opcode of @op
 * @op_latency_average_us: their average latency
 * @op_latency_max_us: their largest latency
 * @op_histogram: per opcode of @op, %NVT_WORKER_OPH_BINS latency counts
 *	in the bins of nvt_worker_oph_bin() (<nvt/nvt_ioctl.h>), one
 *	histogram after the other (nvt_worker_close() only); read it with
 *	nvt_worker_percentile_op()
 * @slow_count: I/Os slower than &struct nvt_worker_opts.slow_latency_us
 * @cmdlist: the commands kept, newest first (nvt_worker_close() only)
 * @nr_cmdlist: entries of @cmdlist
 * @slow: the first slow I/Os, up to %NVT_WORKER_SLOW_KEPT, in the order
 *	they completed: opcode, LBA, LBAs, status, and sent_us/cplt_us whose
 *	difference is the latency (nvt_worker_close() only)
 * @nr_slow: entries of @slow; @slow_count - @nr_slow slow I/Os more
 */
struct nvt_worker_result {
	uint64_t io_count_read, io_count_write, io_count_nonread;
	uint64_t lba_count_read, lba_count_write, lba_count_nonread;
	uint64_t mseconds;
	uint32_t latency_max_us, latency_average_us;
	uint32_t error;
	uint32_t error_cmd[16];
	uint32_t error_cpl[4];
	double cpu_usage;
	uint32_t *io_per_second;
	unsigned seconds;
	uint32_t *latency_histogram;
	uint8_t op[NVT_WORKER_OPS];
	unsigned nr_ops;
	uint64_t op_count[NVT_WORKER_OPS];
	uint32_t op_latency_average_us[NVT_WORKER_OPS];
	uint32_t op_latency_max_us[NVT_WORKER_OPS];
	uint32_t *op_histogram;
	uint64_t slow_count;
	struct nvt_worker_cmd *cmdlist;
	unsigned nr_cmdlist;
	struct nvt_worker_cmd *slow;
	unsigned nr_slow;
};

/**
 * nvt_worker_opts_init() - a workload with its defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * Call it before setting fields: each gets the default its documentation
 * gives, those of the PyNVMe3 guide's ioworker: 100 % random reads of 8
 * LBAs at any LBA, 63 in flight, on any CPU, over the whole namespace,
 * stopping at the first error, random write data, slow above one second.
 */
NVT_EXPORT void nvt_worker_opts_init(struct nvt_worker_opts *o, size_t size);

/**
 * nvt_worker_start() - start an ioworker on a namespace
 * @ns: the namespace
 * @o: the workload (nvt_worker_opts_init() first)
 * @out: the new worker; NULL on failure
 *
 * The worker gets a qpair of its own (no interrupts) and runs in a kernel
 * thread of nvt.ko while the test goes on.  It ends at its limits, when
 * stopped, or with a controller reset or power cut (its I/O then completes
 * as 07/fe); its results stay until nvt_worker_close(), also over a power
 * cycle.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error() of
 * @ns's controller): -EINVAL @o->size is 0 or too small for the size
 * itself, a value of @o is out of range (an opcode twice in @o->op, shares
 * adding up to more than UINT32_MAX), or nvt.ko refused the arguments (CPU,
 * sizes, region, @o->lba_start outside it, a format it cannot work with); -E2BIG the I/O sizes times the queue depth need more
 * than 64 MiB of buffers, or one I/O more than one PRP list page; -EBUSY a
 * format-changing admin command is outstanding; -ENOMEM; an error of
 * nvt_qpair_create() for its qpair; -ENODEV the device is gone; or the
 * errno of duplicating the device's file descriptor (-EMFILE).
 */
NVT_EXPORT int nvt_worker_start(struct nvt_ns *ns,
				const struct nvt_worker_opts *o,
				struct nvt_worker **out);

/**
 * nvt_worker_error() - the message of the last failure
 * @w: the worker
 *
 * Return: the message the last failing call on @w left.
 */
NVT_EXPORT const char *nvt_worker_error(const struct nvt_worker *w);

/**
 * nvt_worker_running() - is the worker still running?
 * @w: the worker
 *
 * Return: true while it runs; false once it ended, and when nvt.ko cannot
 * be asked.
 */
NVT_EXPORT bool nvt_worker_running(struct nvt_worker *w);

/**
 * nvt_worker_iostat() - the worker's figures so far
 * @w: the worker
 * @now: its counts, latencies and first error (no per-second data,
 *	histogram or command list; &struct nvt_worker_result.cpu_usage once it
 *	ended); zeroed on failure
 *
 * Return: 0, or -ENOENT (message in nvt_worker_error()) when nvt.ko no
 * longer knows the worker.
 */
NVT_EXPORT int nvt_worker_iostat(struct nvt_worker *w,
				 struct nvt_worker_result *now);

/**
 * nvt_worker_stop() - ask the worker to finish early
 * @w: the worker
 *
 * It stops sending; nvt_worker_wait() and nvt_worker_close() still wait for
 * its I/O in flight to end.
 *
 * Return: 0, or -ENOENT (message in nvt_worker_error()) when nvt.ko no
 * longer knows the worker.
 */
NVT_EXPORT int nvt_worker_stop(struct nvt_worker *w);

/**
 * nvt_worker_cmdlog() - write the command log of the worker's queue
 * @w: the worker, running or not yet closed
 * @count: at most this many entries, 1..65536
 * @out: where to write them, newest first, as nvt_cmdlog_format() does
 *
 * Return: the entries written, or a negative errno as nvt_ctrl_cmdlog()
 * gives it (-ENOENT once the queue ended with a reset or power cycle;
 * message in nvt_worker_error()).
 */
NVT_EXPORT int nvt_worker_cmdlog(struct nvt_worker *w, unsigned count,
				 FILE *out);

/**
 * nvt_worker_wait() - wait until the worker has ended
 * @w: the worker
 *
 * It ends at its limits, when stopped, or with a controller reset or power
 * cut.  Polls every 5 ms.
 *
 * Return: 0, or -ENOENT (message in nvt_worker_error()) when nvt.ko no
 * longer knows the worker.
 */
NVT_EXPORT int nvt_worker_wait(struct nvt_worker *w);

/**
 * nvt_worker_close() - wait for the worker's end, take its results, free it
 * @w: the worker; freed also when this fails
 * @res: its results, complete (free them with nvt_worker_result_free());
 *	zeroed, with nothing to free, on failure
 *
 * Warns, through the controller's warning handler, of slow I/Os (slower
 * than &struct nvt_worker_opts.slow_latency_us): once with their count and
 * how many are not shown, then of each one kept (its opcode, LBA and
 * latency).
 * Its qpair is deleted.
 *
 * Return: 0, or a negative errno (message in nvt_ctrl_error(): @w is
 * gone): -ENOMEM; -ENOENT nvt.ko no longer knows the worker.
 */
NVT_EXPORT int nvt_worker_close(struct nvt_worker *w,
				struct nvt_worker_result *res);

/**
 * nvt_worker_result_free() - free what a result holds
 * @res: the result of nvt_worker_close(); its pointers are set to NULL, so
 *	a second call does nothing
 */
NVT_EXPORT void nvt_worker_result_free(struct nvt_worker_result *res);

/**
 * nvt_worker_percentile() - a latency percentile of the worker's I/O
 * @res: the result of nvt_worker_close()
 * @percent: 0..100
 *
 * Return: the latency in microseconds below which @percent of the I/Os
 * completed (%NVT_WORKER_HIST_US - 1 for what took longer); 0 without a
 * histogram or I/O.
 */
NVT_EXPORT uint32_t nvt_worker_percentile(const struct nvt_worker_result *res,
					  double percent);

/**
 * nvt_worker_percentile_op() - a latency percentile of one opcode's I/O
 * @res: the result of nvt_worker_close()
 * @opcode: an opcode of the mix (&struct nvt_worker_result.op)
 * @percent: 0..100
 * @us: out: the latency in microseconds below which @percent of that
 *	opcode's I/Os completed, to the bin of its histogram (exact below
 *	1024 us, within 0.2 % above; 2^20 us for what took longer); 0 on
 *	failure
 *
 * Return: 0; -EINVAL @percent is not 0..100; -ENOENT @opcode is not in
 * the mix; -ENODATA no histogram (a result of nvt_worker_iostat()) or no
 * I/O of @opcode completed.
 */
NVT_EXPORT int nvt_worker_percentile_op(const struct nvt_worker_result *res,
					uint8_t opcode, double percent,
					uint32_t *us);

#ifdef __cplusplus
}
#endif
#endif /* NVT_WORKER_H */
