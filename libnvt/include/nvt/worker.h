/* SPDX-License-Identifier: MIT */
/*
 * nvt_worker: an ioworker, a kernel thread of nvt.ko that drives its own
 * I/O queue pair on a namespace with the workload described here, while
 * the test goes on (admin commands, resets, other workers).  Start it, look
 * at it (running, iostat), then close it for the results.
 */
#ifndef NVT_WORKER_H
#define NVT_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <nvt/namespace.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_worker;

#define NVT_WORKER_SIZES	16
#define NVT_WORKER_OPS		8
#define NVT_WORKER_REGIONS	8
#define NVT_WORKER_DIST_PARTS	100

/* One command of a sequence to replay. */
struct nvt_worker_io {
	uint64_t slba;
	uint32_t nlb;			/* LBAs (flush: ignored) */
	uint8_t opcode;			/* read, write, compare, flush, ... */
	uint64_t time_us;		/* send no earlier (from the start) */
};

/* A completed command the worker kept (cmdlist). */
struct nvt_worker_cmd {
	uint64_t slba;
	uint32_t nlb;
	uint8_t opcode;
	uint16_t status;		/* (SCT << 8) | SC, 0: success */
	uint64_t sent_us, cplt_us;	/* from the worker's start */
};

struct nvt_worker_opts {
	uint32_t io_size[NVT_WORKER_SIZES];	/* LBAs per I/O (default 8) */
	uint32_t io_weight[NVT_WORKER_SIZES];	/* shares (default equal) */
	unsigned nr_sizes;
	/* an opcode mix (read, write, compare, flush, write zeroes, write
	 * uncorrectable, verify, DSM deallocate) instead of read_percentage */
	uint8_t op[NVT_WORKER_OPS];
	uint32_t op_weight[NVT_WORKER_OPS];
	unsigned nr_ops;
	unsigned read_percentage;	/* 0..100 (set read_set) */
	bool read_set;			/* false: 100 % reads */
	unsigned lba_random;		/* 0..100 percent random (default 100) */
	bool random_set;
	uint32_t lba_align;		/* default: the smallest io_size */
	int64_t lba_step;		/* sequential step (0: the I/O size) */
	uint64_t lba_start;		/* sequential: the first LBA (set */
	bool lba_start_set;		/* lba_start_set; default: the region's
					 * start, or its end going backwards) */
	uint64_t region_start;
	uint64_t region_end;		/* 0: the end of the namespace */
	/* or 2..8 regions [start, end): random LBAs pick one by its size,
	 * sequential I/O goes through them in order */
	uint64_t regions[NVT_WORKER_REGIONS][2];
	unsigned nr_regions;
	/* shares of random I/O for 100 equal parts of a region (all 0:
	 * uniform); JEDEC's client workload puts 50 % in the first 5 % */
	uint32_t distribution[NVT_WORKER_DIST_PARTS];
	uint64_t io_count;		/* limits: 0 none; with none at all a */
	uint64_t lba_count;		/* sequential worker makes one pass */
	unsigned time_ms;
	unsigned iops;			/* 0: unlimited */
	unsigned qdepth;		/* default 63 */
	int cpu;			/* -1 (set cpu_set): any */
	bool cpu_set;
	uint32_t seed;			/* 0: random */
	bool exit_on_error;
	uint16_t io_flags;		/* CDW12 bits 31:16 of reads/writes */
	unsigned sgl_percentage;	/* 0..100: data as an SGL, not PRPs */
	unsigned qprio;			/* its queue's QPRIO (WRR), 0..3 */
	unsigned slow_latency_us;	/* warn about slower I/Os (0: off) */
	/*
	 * With every I/O in flight and none completed, sleep this long before
	 * polling again (0: poll without pause, the default): frees the CPU
	 * when workers outnumber CPUs, at the cost of up to that much in the
	 * latencies measured.  0..100000.
	 */
	unsigned poll_idle_us;
	unsigned ptype;			/* write data: 0 zeros, 1 dword */
	uint32_t pvalue;		/* pvalue, 2 random (pvalue %) */
	/*
	 * Replay these commands in order instead of generating I/O (sizes,
	 * mix, LBAs unused; limits still apply); up to 1,000,000, at most 8
	 * opcodes among them.
	 */
	const struct nvt_worker_io *io_sequence;
	size_t nr_io_sequence;
	unsigned cmdlist_max;		/* keep the last N commands (result) */
	bool cmdlist_errors_only;	/* ... only the failed ones */
};

struct nvt_worker_result {
	uint64_t io_count_read, io_count_write, io_count_nonread;
	uint64_t lba_count_read, lba_count_write, lba_count_nonread;
	uint64_t mseconds;
	uint32_t latency_max_us, latency_average_us;
	uint32_t error;			/* first error: (SCT << 8) | SC, 0 none */
	uint32_t error_cmd[16];
	uint32_t error_cpl[4];
	double cpu_usage;		/* the thread's CPU time / wall time */
	uint32_t *io_per_second;	/* completions in each second */
	unsigned seconds;
	uint32_t *latency_histogram;	/* 1 us bins, NVT_WORKER_HIST_US */
	/* per opcode of the mix (without one: [0] read, [1] write) */
	uint8_t op[NVT_WORKER_OPS];
	unsigned nr_ops;
	uint64_t op_count[NVT_WORKER_OPS];
	uint32_t op_latency_average_us[NVT_WORKER_OPS];
	uint32_t op_latency_max_us[NVT_WORKER_OPS];
	uint64_t slow_count;		/* I/Os slower than slow_latency_us */
	struct nvt_worker_cmd *cmdlist;	/* newest first (cmdlist_max) */
	unsigned nr_cmdlist;
};

int nvt_worker_start(struct nvt_ns *ns, const struct nvt_worker_opts *o,
		     struct nvt_worker **out);
bool nvt_worker_running(struct nvt_worker *w);
/* Counts so far (no per-second data or histogram). */
int nvt_worker_iostat(struct nvt_worker *w, struct nvt_worker_result *now);
/* Ask it to finish early (close() still waits for its I/O to end). */
int nvt_worker_stop(struct nvt_worker *w);
/*
 * The last @count commands of the worker's queue (newest first, cmdlog
 * text), while it runs or before close.
 */
int nvt_worker_cmdlog(struct nvt_worker *w, unsigned count, FILE *out);
/* Wait until it has ended (its limits, stop, or a reset). */
int nvt_worker_wait(struct nvt_worker *w);
/* Wait for the end, fill @res (free with nvt_worker_result_free()), free. */
int nvt_worker_close(struct nvt_worker *w, struct nvt_worker_result *res);
void nvt_worker_result_free(struct nvt_worker_result *res);
/* The latency (us) below which @percent of the I/Os completed. */
uint32_t nvt_worker_percentile(const struct nvt_worker_result *res,
			       double percent);

#ifdef __cplusplus
}
#endif
#endif /* NVT_WORKER_H */
