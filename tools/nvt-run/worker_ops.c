// SPDX-License-Identifier: MIT
/* An ioworker's figures per opcode, <name>_op_stats.csv (worker_ops.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <nvt/nvt.h>

#include "worker_ops.h"

const double worker_ops_pct[WORKER_OPS_NPCT] = { 50, 90, 99, 99.9, 99.99 };
const char *const worker_ops_pct_key[WORKER_OPS_NPCT] = {
	"p50", "p90", "p99", "p99_9", "p99_99",
};
const char *const worker_ops_pct_label[WORKER_OPS_NPCT] = {
	"p50", "p90", "p99", "p99.9", "p99.99",
};

void worker_ops_header(FILE *f)
{
	unsigned k;

	fputs("opcode,name,count,mean_us", f);
	for (k = 0; k < WORKER_OPS_NPCT; k++)
		fprintf(f, ",%s_us", worker_ops_pct_key[k]);
	fputs(",max_us", f);
}

void worker_ops_line(FILE *f, const struct worker_op *op)
{
	unsigned k;

	fprintf(f, "0x%02x,%s,%" PRIu64 ",%" PRIu32, op->opcode, op->name,
		op->count, op->mean_us);
	for (k = 0; k < WORKER_OPS_NPCT; k++)
		fprintf(f, ",%" PRIu32, op->pct_us[k]);
	fprintf(f, ",%" PRIu32 "\n", op->max_us);
}

/* One line into @op; false for the header or a line that is not one. */
static int parse_line(char *line, struct worker_op *op)
{
	char *field[4 + WORKER_OPS_NPCT + 1], *end, *save = NULL;
	unsigned long long v[4 + WORKER_OPS_NPCT + 1];
	size_t n = 0, k;

	line[strcspn(line, "\r\n")] = 0;
	for (end = strtok_r(line, ",", &save); end && n < 11;
	     end = strtok_r(NULL, ",", &save))
		field[n++] = end;
	if (n != 10 || strtok_r(NULL, ",", &save))
		return 0;
	for (k = 0; k < n; k++) {
		if (k == 1)
			continue;
		errno = 0;
		v[k] = strtoull(field[k], &end, k ? 10 : 16);
		if (errno || *end || end == field[k])
			return 0;
	}
	if (v[0] > 0xff || strlen(field[1]) >= sizeof(op->name))
		return 0;
	memset(op, 0, sizeof(*op));
	op->opcode = v[0];
	strcpy(op->name, field[1]);
	op->count = v[2];
	op->mean_us = v[3];
	for (k = 0; k < WORKER_OPS_NPCT; k++)
		op->pct_us[k] = v[4 + k];
	op->max_us = v[9];
	return 1;
}

int worker_ops_read(const char *dir, const char *name, struct worker_op **ops)
{
	struct worker_op *list = NULL, *grown, op;
	char path[4400], line[512];
	size_t n = 0;
	FILE *f;

	*ops = NULL;
	snprintf(path, sizeof(path), "%s/%s_op_stats.csv", dir, name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!parse_line(line, &op))
			continue;
		grown = realloc(list, (n + 1) * sizeof(*list));
		if (!grown) {
			free(list);
			fclose(f);
			return -ENOMEM;
		}
		list = grown;
		list[n++] = op;
	}
	fclose(f);
	*ops = list;
	return n;
}

int worker_ops_files(const char *dir, const char *name,
		     const struct nvt_worker_result *r,
		     void (*label)(uint8_t opc, char *buf, size_t len))
{
	struct worker_op op;
	char path[4400];
	unsigned i, k;
	FILE *f;
	int ret = 0;

	if (!r->op_histogram || !r->nr_ops)
		return 0;
	snprintf(path, sizeof(path), "%s/%s_latency_op.csv", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "opcode,latency_us,ios\n");
	for (k = 0; k < r->nr_ops; k++) {
		const uint32_t *h = r->op_histogram +
				    (size_t)k * NVT_WORKER_OPH_BINS;

		for (i = 0; i < NVT_WORKER_OPH_BINS; i++)
			if (h[i])
				fprintf(f, "0x%02x,%u,%u\n", r->op[k],
					nvt_worker_oph_lower(i), h[i]);
	}
	if (fclose(f))
		ret = -errno;
	snprintf(path, sizeof(path), "%s/%s_op_stats.csv", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	worker_ops_header(f);
	fputc('\n', f);
	for (i = 0; i < r->nr_ops; i++) {
		memset(&op, 0, sizeof(op));
		op.opcode = r->op[i];
		label(r->op[i], op.name, sizeof(op.name));
		op.count = r->op_count[i];
		op.mean_us = r->op_latency_average_us[i];
		op.max_us = r->op_latency_max_us[i];
		/* no I/O of it: -ENODATA, and 0 */
		for (k = 0; k < WORKER_OPS_NPCT; k++)
			nvt_worker_percentile_op(r, r->op[i],
						 worker_ops_pct[k],
						 &op.pct_us[k]);
		worker_ops_line(f, &op);
	}
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}
