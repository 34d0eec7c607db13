/* SPDX-License-Identifier: MIT */
/*
 * An ioworker's figures per opcode as a file of its results folder,
 * <name>_op_stats.csv, one line an opcode of its mix:
 *
 *   opcode,name,count,mean_us,p50_us,p90_us,p99_us,p99_9_us,p99_99_us,max_us
 *   0x02,read,5988,81,77,98,153,420,903,1012
 *
 * The ioworker step writes it (the count, mean and max nvt.ko measured,
 * the percentiles of the opcode's histogram by nvt_worker_percentile_op())
 * beside <name>_latency_op.csv, the histograms themselves:
 *
 *   opcode,latency_us,ios      (each non-empty bin: its smallest latency)
 *
 * report.html draws and tabulates them, results.json carries the figures.
 */
#ifndef NVT_RUN_WORKER_OPS_H
#define NVT_RUN_WORKER_OPS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct nvt_worker_result;

#define WORKER_OPS_NPCT 5

/* 50, 90, 99, 99.9, 99.99 */
extern const double worker_ops_pct[WORKER_OPS_NPCT];
/* "p50", "p90", "p99", "p99_9", "p99_99": the columns' and keys' names */
extern const char *const worker_ops_pct_key[WORKER_OPS_NPCT];
/* "p50", "p90", "p99", "p99.9", "p99.99": for people */
extern const char *const worker_ops_pct_label[WORKER_OPS_NPCT];

struct worker_op {
	unsigned opcode;
	char name[24];		/* read, write, ... or 0xNN */
	uint64_t count;
	uint32_t mean_us, max_us;
	uint32_t pct_us[WORKER_OPS_NPCT];	/* of worker_ops_pct */
};

/*
 * Write <@name>_latency_op.csv and <@name>_op_stats.csv of @r (with its
 * histograms: nvt_worker_close()) to @dir, which exists; @label names an
 * opcode (read, ..., or 0xNN).  Nothing without histograms.  Returns 0, or
 * a negative errno of creating or writing a file.
 */
int worker_ops_files(const char *dir, const char *name,
		     const struct nvt_worker_result *r,
		     void (*label)(uint8_t opc, char *buf, size_t len));

/* The header line of <name>_op_stats.csv, without its newline. */
void worker_ops_header(FILE *f);
/* One opcode's line, with its newline. */
void worker_ops_line(FILE *f, const struct worker_op *op);

/*
 * The opcodes of <@name>_op_stats.csv in @dir, in the file's order:
 * *@ops (free it).  Returns how many (0 without the file or a line of it),
 * or -ENOMEM.
 */
int worker_ops_read(const char *dir, const char *name, struct worker_op **ops);

#endif /* NVT_RUN_WORKER_OPS_H */
