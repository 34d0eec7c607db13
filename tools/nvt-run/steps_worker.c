// SPDX-License-Identifier: MIT
/*
 * The ioworker step: a kernel-thread workload on the namespace under test.
 * It waits for the worker and publishes its results as <name>.<field>
 * variables (io_count_read, mseconds, latency_max_us, p99, iops, error,
 * ...), its status being the worker's first error; with async: true it
 * returns at once and ioworker_close collects it later, so a test can run
 * several, send admin commands or reset the controller meanwhile.  The
 * completions per second, the latency histogram and, per opcode, the
 * histograms and figures (worker_ops.h) go to CSV files.  On a
 * terminal, the step's wait shows the worker's figures on the status line.
 * ioworker_iostat reads a running async worker's figures so far.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <nvt/nvt.h>

#include "clock.h"
#include "device.h"
#include "exec.h"
#include "progress.h"
#include "scope.h"
#include "steps.h"
#include "worker_ops.h"

#define WORKER_DEFAULT	"ioworker"

static const struct {
	const char *name;
	uint8_t opc;
} op_names[] = {
	{ "read", NVT_NVM_READ }, { "write", NVT_NVM_WRITE },
	{ "compare", NVT_NVM_COMPARE }, { "flush", NVT_NVM_FLUSH },
	{ "write_zeroes", NVT_NVM_WRITE_ZEROES },
	{ "write_uncor", NVT_NVM_WRITE_UNCOR }, { "verify", NVT_NVM_VERIFY },
	{ "trim", NVT_NVM_DSM }, { "dsm", NVT_NVM_DSM },
};

static const char *op_name(uint8_t opc)
{
	size_t i;

	for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++)
		if (op_names[i].opc == opc)
			return op_names[i].name;
	return "op";
}

/* An opcode's name, or @prefix and its number in hex. */
static void op_text(uint8_t opc, const char *prefix, char *buf, size_t len)
{
	const char *n = op_name(opc);

	if (strcmp(n, "op"))
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "%s%02x", prefix, opc);
}

/* A field name's prefix for an opcode: its name, or opXX (hex). */
static void op_field(uint8_t opc, char *buf, size_t len)
{
	op_text(opc, "op", buf, len);
}

/* An opcode for people: its name, or 0xXX. */
static void op_label(uint8_t opc, char *buf, size_t len)
{
	op_text(opc, "0x", buf, len);
}

/* An opcode by name (read, write, trim, ...) or number; -1 if neither. */
static int op_code(const char *key)
{
	int64_t opc;
	size_t k;

	for (k = 0; k < sizeof(op_names) / sizeof(op_names[0]); k++)
		if (!strcmp(op_names[k].name, key))
			return op_names[k].opc;
	if (!scalar_int(key, &opc) || opc < 0 || opc > 0xff)
		return -1;
	return opc;
}

/* op_percentage: {read: 40, write: 30, trim: 30} (names or opcodes). */
static int get_ops(struct step *st, struct nvt_worker_opts *o)
{
	const struct node *n = arg_node(st, "op_percentage");
	size_t i;

	if (!n)
		return STEP_OK;
	if (n->type != NODE_MAP || !n->n || n->n > NVT_WORKER_OPS)
		return step_fail(st, STEP_FAIL,
				 "op_percentage: a mapping of 1..%d opcodes to shares",
				 NVT_WORKER_OPS);
	for (i = 0; i < n->n; i++) {
		const char *key = n->keys[i]->str;
		int opc = op_code(key);
		struct val w;

		if (opc < 0)
			return step_fail(st, STEP_FAIL,
					 "op_percentage: '%s' is not read, write, compare, flush, write_zeroes, write_uncor, verify, trim or an opcode",
					 key);
		for (size_t k = 0; k < i; k++)
			if (o->op[k] == opc)
				return step_fail(st, STEP_FAIL,
						 "op_percentage: opcode %02xh given twice",
						 opc);
		if (n->items[i]->type != NODE_SCALAR ||
		    exec_eval(st->x, n->items[i]->str, &w, NULL) || w.is_str ||
		    w.i < 1 || w.i > 1000000)
			return step_fail(st, STEP_FAIL,
					 "op_percentage: the share of %s must be 1..1000000",
					 key);
		o->op[i] = opc;
		o->op_weight[i] = w.i;
	}
	o->nr_ops = n->n;
	return STEP_OK;
}

/* io_size: a number, a list of sizes, or a map of size: weight. */
static int get_sizes(struct step *st, struct nvt_worker_opts *o)
{
	const struct node *n = arg_node(st, "io_size");
	size_t i;

	if (!n)
		return STEP_OK;
	if (n->type == NODE_SCALAR) {
		int64_t v;
		int ret = arg_int(st, "io_size", 8, &v);

		if (ret)
			return ret;
		if (v < 1 || v > 65536)
			return step_fail(st, STEP_FAIL, "io_size: 1..65536 LBAs");
		o->io_size[0] = v;
		o->nr_sizes = 1;
		return STEP_OK;
	}
	if (!n->n || n->n > NVT_WORKER_SIZES)
		return step_fail(st, STEP_FAIL, "io_size: 1..%d sizes",
				 NVT_WORKER_SIZES);
	for (i = 0; i < n->n; i++) {
		const struct node *size = n->type == NODE_MAP ? n->keys[i] :
					  n->items[i];
		struct val v, w = { .i = 1 };

		if (size->type != NODE_SCALAR ||
		    exec_eval(st->x, size->str, &v, NULL) || v.is_str ||
		    v.i < 1 || v.i > 65536)
			return step_fail(st, STEP_FAIL,
					 "io_size: '%s' is not a size of 1..65536 LBAs",
					 size->str);
		if (n->type == NODE_MAP &&
		    (n->items[i]->type != NODE_SCALAR ||
		     exec_eval(st->x, n->items[i]->str, &w, NULL) ||
		     w.is_str || w.i < 1 || w.i > 1000000))
			return step_fail(st, STEP_FAIL,
					 "io_size: the weight of %s must be 1..1000000",
					 size->str);
		o->io_size[i] = v.i;
		o->io_weight[i] = w.i;
	}
	o->nr_sizes = n->n;
	return STEP_OK;
}

/* An integer expression of a list item, in [min, max]. */
static bool item_int(struct step *st, const struct node *n, int64_t min,
		     int64_t max, int64_t *out)
{
	struct val v;

	if (n->type != NODE_SCALAR || exec_eval(st->x, n->str, &v, NULL) ||
	    v.is_str || v.i < min || v.i > max)
		return false;
	*out = v.i;
	return true;
}

/*
 * region_start/region_end: two numbers, or two lists of the same length
 * for several regions.
 */
static int get_regions(struct step *st, struct nvt_worker_opts *o)
{
	const struct node *s = arg_node(st, "region_start");
	const struct node *e = arg_node(st, "region_end");
	int64_t v;
	size_t i;
	int ret;

	if ((!s || s->type == NODE_SCALAR) && (!e || e->type == NODE_SCALAR)) {
		ret = arg_int(st, "region_start", 0, &v);
		if (!ret && v < 0)
			ret = step_fail(st, STEP_FAIL, "region_start: an LBA");
		if (ret)
			return ret;
		o->region_start = v;
		ret = arg_int(st, "region_end", 0, &v);
		if (!ret && v < 0)
			ret = step_fail(st, STEP_FAIL, "region_end: an LBA");
		o->region_end = v;
		return ret;
	}
	if (!s || !e || s->type != NODE_SEQ || e->type != NODE_SEQ ||
	    s->n != e->n || !s->n || s->n > NVT_WORKER_REGIONS)
		return step_fail(st, STEP_FAIL,
				 "region_start and region_end: two numbers, or two lists of 1..%d LBAs, one per region",
				 NVT_WORKER_REGIONS);
	for (i = 0; i < s->n; i++) {
		int64_t a, b;

		if (!item_int(st, s->items[i], 0, INT64_MAX, &a) ||
		    !item_int(st, e->items[i], 1, INT64_MAX, &b) || b <= a)
			return step_fail(st, STEP_FAIL,
					 "region %zu: '%s'..'%s' is not a range of LBAs",
					 i, s->items[i]->str ? s->items[i]->str : "?",
					 e->items[i]->str ? e->items[i]->str : "?");
		o->regions[i][0] = a;
		o->regions[i][1] = b;
	}
	o->nr_regions = s->n;
	return STEP_OK;
}

/*
 * distribution: shares of random I/O for 100 equal parts of the region,
 * as 100 numbers or [share, parts] runs: [[1000, 5], [200, 15], [25, 80]].
 */
static int get_distribution(struct step *st, struct nvt_worker_opts *o)
{
	const struct node *n = arg_node(st, "distribution");
	unsigned parts = 0;
	uint64_t sum = 0;
	size_t i;

	if (!n)
		return STEP_OK;
	if (n->type != NODE_SEQ)
		goto bad;
	for (i = 0; i < n->n; i++) {
		const struct node *it = n->items[i];
		int64_t share, count = 1;

		if (it->type == NODE_SEQ) {
			if (it->n != 2 ||
			    !item_int(st, it->items[0], 0, 1000000, &share) ||
			    !item_int(st, it->items[1], 1, 100, &count))
				goto bad;
		} else if (!item_int(st, it, 0, 1000000, &share)) {
			goto bad;
		}
		if (parts + count > NVT_WORKER_DIST_PARTS)
			goto bad;
		while (count--) {
			o->distribution[parts++] = share;
			sum += share;
		}
	}
	if (parts == NVT_WORKER_DIST_PARTS && sum)
		return STEP_OK;
bad:
	return step_fail(st, STEP_FAIL,
			 "distribution: shares (0..1000000, not all 0) of 100 parts of the region: 100 numbers, or [share, parts] runs that make 100");
}

/*
 * io_sequence: [[slba, nlb, op, time_us], ...] replayed in order, op a
 * name or an opcode, time_us (default 0) the earliest it is sent.
 */
static int get_sequence(struct step *st, struct nvt_worker_opts *o)
{
	const struct node *n = arg_node(st, "io_sequence");
	struct nvt_worker_io *seq;
	size_t i;

	if (!n)
		return STEP_OK;
	if (n->type != NODE_SEQ || !n->n || n->n > NVT_WORKER_MAX_SEQ)
		return step_fail(st, STEP_FAIL,
				 "io_sequence: a list of 1..%d [slba, nlb, op, time_us]",
				 NVT_WORKER_MAX_SEQ);
	seq = calloc(n->n, sizeof(*seq));
	if (!seq)
		return step_fail(st, STEP_ERROR, "out of memory");
	for (i = 0; i < n->n; i++) {
		const struct node *it = n->items[i];
		int64_t slba, nlb, t = 0;
		int opc = -1;

		if (it->type == NODE_SEQ && (it->n == 3 || it->n == 4) &&
		    it->items[2]->type == NODE_SCALAR)
			opc = op_code(it->items[2]->str);
		if (opc < 0 || !item_int(st, it->items[0], 0, INT64_MAX, &slba) ||
		    !item_int(st, it->items[1], 0, 65536, &nlb) ||
		    (it->n == 4 &&
		     !item_int(st, it->items[3], 0, 86400000000LL, &t))) {
			free(seq);
			return step_fail(st, STEP_FAIL,
					 "io_sequence[%zu]: not [slba, nlb (0..65536), op (name or opcode), time_us]",
					 i);
		}
		seq[i].slba = slba;
		seq[i].nlb = nlb;
		seq[i].opcode = opc;
		seq[i].time_us = t;
	}
	o->io_sequence = seq;
	o->nr_io_sequence = n->n;
	return STEP_OK;
}

/*
 * ptype/pvalue (-1: not given) in the guide's codes; the default is
 * random data.  A ptype without pvalue: zeros, a zero dword, all random.
 */
static void get_pattern(struct nvt_worker_opts *o, int64_t ptype,
			int64_t pvalue)
{
	if (ptype >= 0) {
		o->ptype = ptype;
		o->pvalue = ptype == NVT_WORKER_PTYPE_RANDOM_PCT ||
			    ptype == 2 ? 100 : 0;	/* 2: nvt's older code */
	}
	if (pvalue >= 0)
		o->pvalue = pvalue;
}

static int get_opts(struct step *st, struct nvt_worker_opts *o)
{
	static const struct {
		const char *name;
		int64_t max;
	} ints[] = {
		{ "read_percentage", 100 }, { "lba_align", 65536 },
		{ "io_count", INT64_MAX }, { "lba_count", INT64_MAX },
		{ "time", 86400 }, { "iops", 10000000 }, { "qdepth", 4095 },
		{ "cpu", 4095 }, { "seed", UINT32_MAX },
		{ "io_flags", 0xffff }, { "sgl_percentage", 100 },
		{ "qprio", 3 }, { "slow_latency", 100000000 },
		{ "ptype", 0xbeef },
		{ "pvalue", UINT32_MAX }, { "cmdlist", NVT_WORKER_MAX_CMDLIST },
		{ "lba_start", INT64_MAX },
		{ "poll_idle", NVT_WORKER_MAX_POLL_IDLE_US },
	};
	const struct node *rnd = arg_node(st, "lba_random");
	int64_t v[sizeof(ints) / sizeof(ints[0])], step;
	size_t i;
	int ret;

	nvt_worker_opts_init(o, sizeof(*o));
	ret = get_sizes(st, o);
	if (!ret)
		ret = get_ops(st, o);
	if (!ret)
		ret = get_regions(st, o);
	if (!ret)
		ret = get_distribution(st, o);
	for (i = 0; !ret && i < sizeof(ints) / sizeof(ints[0]); i++) {
		ret = arg_int(st, ints[i].name, -1, &v[i]);
		if (!ret && (v[i] < -1 || v[i] > ints[i].max))
			ret = step_fail(st, STEP_FAIL, "%s: 0..%lld",
					ints[i].name, (long long)ints[i].max);
	}
	if (!ret)
		ret = arg_int(st, "lba_step", 0, &step);
	/* the guide's default: a worker stops at its first error */
	if (!ret)
		ret = arg_bool(st, "exit_on_error", true, &o->exit_on_error);
	if (ret)
		return ret;
	if (v[0] >= 0)
		o->read_percentage = v[0];
	if (v[1] >= 0)
		o->lba_align = v[1];	/* default 1; 0: the I/O size */
	o->io_count = v[2] > 0 ? v[2] : 0;
	o->lba_count = v[3] > 0 ? v[3] : 0;
	o->time_ms = v[4] > 0 ? v[4] * 1000 : 0;
	o->iops = v[5] > 0 ? v[5] : 0;
	o->qdepth = v[6] > 0 ? v[6] : 0;
	o->cpu = v[7];		/* -1: any, the default */
	o->seed = v[8] > 0 ? v[8] : 0;
	/* not given: contiguous; 0 given: the same LBA each time */
	if (arg_node(st, "lba_step"))
		o->lba_step = step;
	o->io_flags = v[9] > 0 ? v[9] : 0;
	o->sgl_percentage = v[10] > 0 ? v[10] : 0;
	o->qprio = v[11] > 0 ? v[11] : 0;
	if (v[12] >= 0)
		o->slow_latency_us = v[12];	/* default 1 s; 0: off */
	get_pattern(o, v[13], v[14]);
	o->cmdlist_max = v[15] > 0 ? v[15] : 0;
	if (v[16] >= 0)
		o->lba_start = v[16];
	o->poll_idle_us = v[17] > 0 ? v[17] : 0;
	ret = arg_bool(st, "cmdlist_errors", false, &o->cmdlist_errors_only);
	if (ret)
		return ret;
	if (rnd) {
		bool b;

		/* true/false, or a percentage of random LBAs */
		if (scalar_bool(rnd->str, &b)) {
			o->lba_random = b ? 100 : 0;
		} else {
			ret = arg_int(st, "lba_random", 100, &v[0]);
			if (ret)
				return ret;
			if (v[0] < 0 || v[0] > 100)
				return step_fail(st, STEP_FAIL,
						 "lba_random: true, false or 0..100");
			o->lba_random = v[0];
		}
	}
	if (!o->io_count && !o->time_ms && !o->lba_count && o->lba_random &&
	    !arg_node(st, "io_sequence"))
		return step_fail(st, STEP_FAIL,
				 "give time, io_count or lba_count (only a sequential worker or a sequence ends by itself)");
	return get_sequence(st, o);
}

static int set_var(struct step *st, const char *name, const char *field,
		   int64_t v)
{
	char full[128];

	snprintf(full, sizeof(full), "%s.%s", name, field);
	return scope_set_int(st->x->scope, full, v);
}

/* A fraction, as the guide's cpu_usage. */
static int set_real(struct step *st, const char *name, const char *field,
		    double r)
{
	char full[128];
	struct val v;

	snprintf(full, sizeof(full), "%s.%s", name, field);
	val_real(&v, r);
	return scope_set(st->x->scope, full, &v);
}

#define MAX_PERCENTILES	16

/* Percentiles asked for: the number and its field name, p99_99 for 99.99. */
struct pct {
	double p[MAX_PERCENTILES];
	char field[MAX_PERCENTILES][24];
	unsigned n;
};

/*
 * percentiles: [50, 99.9, 99.9999]: each 0..100 as written (no expression:
 * those are integers), published as <name>.p50, .p99_9, .p99_9999 and
 * per opcode <name>.<op>_p99_9.
 */
static int get_percentiles(struct step *st, struct pct *pc)
{
	const struct node *n = arg_node(st, "percentiles");
	size_t i, k;

	pc->n = 0;
	if (!n)
		return STEP_OK;
	if (n->type != NODE_SEQ || !n->n || n->n > MAX_PERCENTILES)
		return step_fail(st, STEP_FAIL,
				 "percentiles: a list of 1..%d numbers 0..100",
				 MAX_PERCENTILES);
	for (i = 0; i < n->n; i++) {
		const struct node *it = n->items[i];
		char *end;
		double p;

		if (it->type != NODE_SCALAR || !it->str[0] ||
		    strlen(it->str) >= sizeof(pc->field[0]) - 1 ||
		    strspn(it->str, "0123456789.") != strlen(it->str))
			goto bad;
		p = strtod(it->str, &end);
		if (*end || !(p >= 0 && p <= 100))
			goto bad;
		pc->p[i] = p;
		snprintf(pc->field[i], sizeof(pc->field[i]), "p%s", it->str);
		for (k = 0; pc->field[i][k]; k++)
			if (pc->field[i][k] == '.')
				pc->field[i][k] = '_';
	}
	pc->n = n->n;
	return STEP_OK;
bad:
	return step_fail(st, STEP_FAIL,
			 "percentiles: '%s' is not a number 0..100",
			 n->items[i]->str ? n->items[i]->str : "?");
}

/* The first error's command and completion: <name>.error_cmd_dwN, ... */
static int publish_error(struct step *st, const char *name,
			 const struct nvt_worker_result *r)
{
	char field[32];
	unsigned i;
	int ret = 0;

	for (i = 0; i < 16; i++) {
		snprintf(field, sizeof(field), "error_cmd_dw%u", i);
		ret |= set_var(st, name, field, r->error_cmd[i]);
	}
	for (i = 0; i < 4; i++) {
		snprintf(field, sizeof(field), "error_cpl_dw%u", i);
		ret |= set_var(st, name, field, r->error_cpl[i]);
	}
	ret |= set_var(st, name, "error_opcode", r->error_cmd[0] & 0xff);
	ret |= set_var(st, name, "error_slba",
		       (int64_t)((uint64_t)r->error_cmd[11] << 32 |
				 r->error_cmd[10]));
	return ret;
}

/*
 * Per opcode of the mix: counts, latencies, percentiles (p50, p99, p999
 * and those asked for) as <name>.<op>_<field>; a line each in the log.
 */
static int publish_ops(struct step *st, const char *name,
		       const struct nvt_worker_result *r, const struct pct *pc)
{
	static const double std_p[] = { 50, 99, 99.9 };
	static const char *const std_f[] = { "p50", "p99", "p999" };
	char op[16], field[64];
	unsigned i, k;
	uint32_t us, p99;
	int ret = 0;

	for (i = 0; i < r->nr_ops; i++) {
		op_field(r->op[i], op, sizeof(op));
		snprintf(field, sizeof(field), "%s_count", op);
		ret |= set_var(st, name, field, r->op_count[i]);
		snprintf(field, sizeof(field), "%s_latency_average_us", op);
		ret |= set_var(st, name, field, r->op_latency_average_us[i]);
		snprintf(field, sizeof(field), "%s_latency_max_us", op);
		ret |= set_var(st, name, field, r->op_latency_max_us[i]);
		for (k = 0; k < 3; k++) {
			nvt_worker_percentile_op(r, r->op[i], std_p[k], &us);
			snprintf(field, sizeof(field), "%s_%s", op, std_f[k]);
			ret |= set_var(st, name, field, us);
		}
		for (k = 0; k < pc->n; k++) {
			nvt_worker_percentile_op(r, r->op[i], pc->p[k], &us);
			snprintf(field, sizeof(field), "%s_%s", op,
				 pc->field[k]);
			ret |= set_var(st, name, field, us);
		}
		nvt_worker_percentile_op(r, r->op[i], 99, &p99);
		exec_log(st->x, "  %s: %s (%02xh): %llu I/Os, latency avg %u us, p99 %u us, max %u us",
			 name, op, r->op[i], (unsigned long long)r->op_count[i],
			 r->op_latency_average_us[i], p99,
			 r->op_latency_max_us[i]);
	}
	return ret;
}

/* The commands it kept: to the log (the newest 32) and a CSV (all). */
static void write_cmdlist(struct step *st, const char *name,
			  const struct nvt_worker_result *r)
{
	char path[4400];
	unsigned i;
	FILE *f;

	for (i = 0; i < r->nr_cmdlist && i < 32; i++) {
		const struct nvt_worker_cmd *c = &r->cmdlist[i];

		exec_log(st->x, "  %s: %s slba %llu nlb %u sent %llu us done %llu us status %02x/%02x",
			 name, op_name(c->opcode), (unsigned long long)c->slba,
			 c->nlb, (unsigned long long)c->sent_us,
			 (unsigned long long)c->cplt_us, (c->status >> 8) & 7,
			 c->status & 0xff);
	}
	if (!r->nr_cmdlist || !st->x->outdir ||
	    (mkdir(st->x->outdir, 0755) && errno != EEXIST))
		return;
	snprintf(path, sizeof(path), "%s/%s_cmdlist.csv", st->x->outdir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "slba,nlb,opcode,sent_us,cplt_us,status\n");
	for (i = 0; i < r->nr_cmdlist; i++)
		fprintf(f, "%llu,%u,0x%02x,%llu,%llu,0x%03x\n",
			(unsigned long long)r->cmdlist[i].slba,
			r->cmdlist[i].nlb, r->cmdlist[i].opcode,
			(unsigned long long)r->cmdlist[i].sent_us,
			(unsigned long long)r->cmdlist[i].cplt_us,
			r->cmdlist[i].status);
	fclose(f);
}

static void write_csv(struct step *st, const char *name,
		      const struct nvt_worker_result *r)
{
	char path[4400];
	unsigned i;
	FILE *f;

	if (!st->x->outdir ||
	    (mkdir(st->x->outdir, 0755) && errno != EEXIST))
		return;
	snprintf(path, sizeof(path), "%s/%s_iops.csv", st->x->outdir, name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "second,ios\n");
		for (i = 0; i < r->seconds; i++)
			fprintf(f, "%u,%u\n", i, r->io_per_second[i]);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/%s_latency.csv", st->x->outdir, name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "latency_us,ios\n");
		for (i = 0; i < NVT_WORKER_HIST_US; i++)
			if (r->latency_histogram[i])
				fprintf(f, "%u,%u\n", i,
					r->latency_histogram[i]);
		fclose(f);
	}
	/* per opcode: histograms and figures (worker_ops.h) */
	worker_ops_files(st->x->outdir, name, r, op_label);
}

/* Results as <name>.<field> variables; the step's status and value. */
static int publish(struct step *st, const char *name,
		   struct nvt_worker_result *r, const struct pct *pc)
{
	uint64_t ios = r->io_count_read + r->io_count_nonread;
	unsigned i;
	int ret = 0;

	ret |= set_var(st, name, "io_count_read", r->io_count_read);
	ret |= set_var(st, name, "io_count_write", r->io_count_write);
	ret |= set_var(st, name, "io_count_nonread", r->io_count_nonread);
	ret |= set_var(st, name, "lba_count_read", r->lba_count_read);
	ret |= set_var(st, name, "lba_count_write", r->lba_count_write);
	ret |= set_var(st, name, "lba_count_nonread", r->lba_count_nonread);
	ret |= set_var(st, name, "mseconds", r->mseconds);
	ret |= set_var(st, name, "latency_max_us", r->latency_max_us);
	ret |= set_var(st, name, "latency_average_us", r->latency_average_us);
	ret |= set_var(st, name, "error", r->error);
	ret |= set_real(st, name, "cpu_usage", r->cpu_usage);	/* 0.85 */
	ret |= set_var(st, name, "iops",
		       r->mseconds ? (int64_t)(ios * 1000 / r->mseconds) : 0);
	ret |= set_var(st, name, "p50", nvt_worker_percentile(r, 50));
	ret |= set_var(st, name, "p99", nvt_worker_percentile(r, 99));
	ret |= set_var(st, name, "p999", nvt_worker_percentile(r, 99.9));
	ret |= set_var(st, name, "seconds", r->seconds);
	ret |= set_var(st, name, "slow_count", r->slow_count);
	for (i = 0; i < pc->n; i++)
		ret |= set_var(st, name, pc->field[i],
			       nvt_worker_percentile(r, pc->p[i]));
	ret |= publish_error(st, name, r);
	ret |= set_var(st, name, "running", 0);
	ret |= set_var(st, name, "cmdlist", r->nr_cmdlist);
	write_csv(st, name, r);
	write_cmdlist(st, name, r);
	exec_log(st->x, "  %s: %llu reads, %llu writes in %llu ms (%lld IOPS), latency avg %u us, p99 %u us, max %u us, error %02x/%02x",
		 name, (unsigned long long)r->io_count_read,
		 (unsigned long long)r->io_count_write,
		 (unsigned long long)r->mseconds,
		 r->mseconds ? (long long)(ios * 1000 / r->mseconds) : 0LL,
		 r->latency_average_us, nvt_worker_percentile(r, 99),
		 r->latency_max_us, r->error >> 8, r->error & 0xff);
	ret |= publish_ops(st, name, r, pc);
	step_set_cmd(st, r->error, 0, 0, 0);
	step_set_value(st, ios);
	nvt_worker_result_free(r);
	return ret ? step_fail(st, STEP_ERROR, "out of memory") : STEP_OK;
}

/*
 * Wait for the worker's end with its figures on the status line (without
 * one, nvt_worker_close() waits): elapsed of @o's time (or I/Os of its
 * io_count), the IOPS of the last half second, its first error.  @o NULL:
 * the limits are not known here (ioworker_close).  The worker is stopped
 * when the test's time limit passes.
 */
static void worker_watch(struct step *st, const char *name,
			 const struct nvt_worker_opts *o, struct nvt_worker *w)
{
	struct progress *p = st->x->r->progress;
	struct timespec pause = { 0, 20000000 };
	struct nvt_worker_result now;
	double t_last = now_s(), iops = 0;
	uint64_t ios_last = 0;
	char what[80], text[160];

	if (!p && !st->x->deadline)
		return;
	snprintf(what, sizeof(what), "ioworker %s", name);
	progress_begin(p, what);
	while (nvt_worker_running(w)) {
		double t = now_s();

		if (exec_overdue(st->x)) {
			exec_log(st->x, "  ioworker '%s' stopped at the time limit",
				 name);
			nvt_worker_stop(w);
			break;
		}
		nanosleep(&pause, NULL);
		if (!p || t - t_last < 0.5 || nvt_worker_iostat(w, &now))
			continue;
		iops = (now.io_count_read + now.io_count_nonread - ios_last) /
		       (t - t_last);
		ios_last = now.io_count_read + now.io_count_nonread;
		t_last = t;
		progress_worker_text(text, sizeof(text), &now,
				     o ? o->time_ms : 0, o ? o->io_count : 0,
				     iops);
		progress_update(p, text);
	}
	progress_end(p);
}

/* cmdlog: N writes the worker's last N commands to the test log. */
static int worker_cmdlog(struct step *st, struct nvt_worker *w)
{
	int64_t n;
	int ret = arg_int(st, "cmdlog", 0, &n);

	if (ret)
		return ret;
	if (n < 0 || n > 65536)
		return step_fail(st, STEP_FAIL, "cmdlog: 0..65536 commands");
	if (!n)
		return STEP_OK;
	nvt_worker_wait(w);
	if (nvt_worker_cmdlog(w, n, st->x->log) < 0)
		exec_log(st->x, "  cmdlog: %s", nvt_worker_error(w));
	return STEP_OK;
}

static int step_ioworker(struct step *st)
{
	struct nvt_worker_opts o;
	struct nvt_worker_result r;
	struct nvt_worker *w;
	struct nvt_ns *ns;
	struct pct pc;
	char name[48];
	bool async;
	int ret;

	ret = arg_str(st, "name", WORKER_DEFAULT, name, sizeof(name));
	if (!ret)
		ret = arg_bool(st, "async", false, &async);
	if (!ret)
		ret = get_percentiles(st, &pc);
	if (!ret && async && pc.n)
		ret = step_fail(st, STEP_FAIL,
				"percentiles: give them to the ioworker_close that collects an async worker");
	if (!ret)
		ret = get_opts(st, &o);
	if (ret)
		return ret;
	if (!scope_name_ok(name))
		return step_fail(st, STEP_FAIL, "name: '%s' is not a valid name",
				 name);
	if (exec_worker(st->x, name, NULL))
		return step_fail(st, STEP_FAIL,
				 "ioworker '%s' is still running: ioworker_close it first",
				 name);
	ns = exec_ns(st->x);
	if (!ns)
		return st->x->ns_outcome;
	ret = nvt_worker_start(ns, &o, &w);
	free((void *)o.io_sequence);
	if (ret)
		return step_call_failed(st, nvt_ns_ctrl(ns),
					nvt_ctrl_error(nvt_ns_ctrl(ns)), ret);
	if (async) {
		if (exec_worker(st->x, name, w)) {
			nvt_worker_stop(w);
			nvt_worker_close(w, &r);
			nvt_worker_result_free(&r);
			return step_fail(st, STEP_FAIL, "too many async ioworkers");
		}
		exec_log(st->x, "  ioworker '%s' started", name);
		return STEP_OK;
	}
	worker_watch(st, name, &o, w);
	ret = worker_cmdlog(st, w);
	if (!ret && nvt_worker_close(w, &r))
		ret = step_fail(st, STEP_ERROR, "%s",
				nvt_ctrl_error(nvt_ns_ctrl(ns)));
	return ret ? ret : publish(st, name, &r, &pc);
}

static int step_ioworker_close(struct step *st)
{
	struct nvt_worker_result r;
	struct nvt_worker *w;
	struct pct pc;
	char name[48];
	bool stop;
	int ret;

	ret = arg_str(st, "name", WORKER_DEFAULT, name, sizeof(name));
	if (!ret)
		ret = arg_bool(st, "stop", false, &stop);
	if (!ret)
		ret = get_percentiles(st, &pc);
	if (ret)
		return ret;
	w = exec_worker_take(st->x, name);
	if (!w)
		return step_fail(st, STEP_FAIL, "no async ioworker named '%s'",
				 name);
	if (stop)
		nvt_worker_stop(w);
	else
		worker_watch(st, name, NULL, w);
	ret = worker_cmdlog(st, w);
	if (ret) {
		nvt_worker_close(w, &r);
		nvt_worker_result_free(&r);
		return ret;
	}
	ret = nvt_worker_close(w, &r);
	if (ret)
		return step_fail(st, STEP_ERROR, "ioworker '%s': %s", name,
				 nvt_ctrl_error(exec_ctrl(st->x)));
	return publish(st, name, &r, &pc);
}

/*
 * An async worker's figures so far, while it runs (the guide's running and
 * iostat): <name>.running, I/O and LBA counts, mseconds, latencies, the
 * first error, per opcode counts.  The step's value is its I/Os so far.
 */
static int step_ioworker_iostat(struct step *st)
{
	struct nvt_worker_result r;
	struct nvt_worker *w;
	char name[48], op[16], field[64];
	bool running;
	unsigned i;
	int ret;

	ret = arg_str(st, "name", WORKER_DEFAULT, name, sizeof(name));
	if (ret)
		return ret;
	w = exec_worker(st->x, name, NULL);
	if (!w)
		return step_fail(st, STEP_FAIL, "no async ioworker named '%s'",
				 name);
	/* running first: figures read after it ended are final */
	running = nvt_worker_running(w);
	if (nvt_worker_iostat(w, &r))
		return step_fail(st, STEP_ERROR, "ioworker '%s': %s", name,
				 nvt_worker_error(w));
	ret |= set_var(st, name, "running", running);
	ret |= set_var(st, name, "io_count_read", r.io_count_read);
	ret |= set_var(st, name, "io_count_write", r.io_count_write);
	ret |= set_var(st, name, "io_count_nonread", r.io_count_nonread);
	ret |= set_var(st, name, "lba_count_read", r.lba_count_read);
	ret |= set_var(st, name, "lba_count_write", r.lba_count_write);
	ret |= set_var(st, name, "lba_count_nonread", r.lba_count_nonread);
	ret |= set_var(st, name, "mseconds", r.mseconds);
	ret |= set_var(st, name, "latency_max_us", r.latency_max_us);
	ret |= set_var(st, name, "latency_average_us", r.latency_average_us);
	ret |= set_var(st, name, "error", r.error);
	ret |= set_var(st, name, "slow_count", r.slow_count);
	ret |= publish_error(st, name, &r);
	for (i = 0; i < r.nr_ops; i++) {
		op_field(r.op[i], op, sizeof(op));
		snprintf(field, sizeof(field), "%s_count", op);
		ret |= set_var(st, name, field, r.op_count[i]);
	}
	exec_log(st->x, "  %s: %s, %llu I/Os in %llu ms, error %02x/%02x",
		 name, running ? "running" : "ended",
		 (unsigned long long)(r.io_count_read + r.io_count_nonread),
		 (unsigned long long)r.mseconds, (r.error >> 8) & 7,
		 r.error & 0xff);
	step_set_value(st, r.io_count_read + r.io_count_nonread);
	return ret ? step_fail(st, STEP_ERROR, "out of memory") : STEP_OK;
}

static const struct arg_def ioworker_args[] = {
	{ "io_size", ARG_TREE, false, "LBAs per I/O: a number, a list, or {size: weight}" },
	{ "time", ARG_INT, false, "seconds to run" },
	{ "io_count", ARG_INT, false, "I/Os to send" },
	{ "lba_count", ARG_INT, false, "LBAs to move" },
	{ "read_percentage", ARG_INT, false, "0..100 (default 100)" },
	{ "op_percentage", ARG_TREE, false, "{read: 40, write: 30, trim: 30}: an opcode mix instead" },
	{ "lba_random", ARG_ANY, false, "true, false or a percentage (default true)" },
	{ "lba_align", ARG_INT, false, "random LBAs are multiples of this (default 1; 0: io_size)" },
	{ "lba_step", ARG_INT, false, "sequential: LBAs from one I/O to the next (default io_size; 0: the same LBA)" },
	{ "lba_start", ARG_INT, false, "sequential: the first LBA (default: the region's start)" },
	{ "region_start", ARG_TREE, false, "first LBA (default 0), or a list: one per region" },
	{ "region_end", ARG_TREE, false, "end LBA, not included (default: the namespace's end), or a list" },
	{ "distribution", ARG_TREE, false, "random I/O shares of 100 parts of the region: 100 numbers or [share, parts] runs" },
	{ "qdepth", ARG_INT, false, "I/Os in flight (default 63)" },
	{ "iops", ARG_INT, false, "at most this many I/Os per second" },
	{ "cpu", ARG_INT, false, "the CPU its thread runs on" },
	{ "seed", ARG_INT, false, "random seed" },
	{ "exit_on_error", ARG_BOOL, false, "stop at the first error (default true)" },
	{ "io_flags", ARG_INT, false, "CDW12 bits 31:16 of reads and writes (FUA 0x4000)" },
	{ "sgl_percentage", ARG_INT, false, "0..100: data pointed at by an SGL" },
	{ "qprio", ARG_INT, false, "QPRIO of its queue (WRR), 0..3" },
	{ "slow_latency", ARG_INT, false, "warn about each I/O slower than this (us; default 1000000, 0 off)" },
	{ "poll_idle", ARG_INT, false, "sleep this long (us) when all I/O is in flight and none completed" },
	{ "ptype", ARG_INT, false, "write data: 0 zeros (pvalue 1: ones), 32 the dword pvalue, 0xbeef random (default)" },
	{ "pvalue", ARG_INT, false, "0/1, the dword, or the percentage of random bytes (default 100)" },
	{ "name", ARG_STR, false, "results as <name>.<field> (default: ioworker)" },
	{ "async", ARG_BOOL, false, "return at once; ioworker_close collects it" },
	{ "cmdlog", ARG_INT, false, "its last N commands to the test log" },
	{ "io_sequence", ARG_TREE, false, "replay [[slba, nlb, op, time_us], ...] instead of generating I/O" },
	{ "cmdlist", ARG_INT, false, "keep its last N commands: <name>.cmdlist, log, <name>_cmdlist.csv" },
	{ "cmdlist_errors", ARG_BOOL, false, "cmdlist keeps failed commands only" },
	{ "percentiles", ARG_TREE, false, "[50, 99.9, 99.9999]: latency percentiles as <name>.p99_9, per opcode <name>.<op>_p99_9" },
	{ NULL }
};
static const struct arg_def close_args[] = {
	{ "name", ARG_STR, false, "the async ioworker (default: ioworker)" },
	{ "stop", ARG_BOOL, false, "stop it now instead of at its limits" },
	{ "cmdlog", ARG_INT, false, "its last N commands to the test log" },
	{ "percentiles", ARG_TREE, false, "[50, 99.9, 99.9999]: latency percentiles as <name>.p99_9, per opcode <name>.<op>_p99_9" },
	{ NULL }
};
static const struct arg_def iostat_args[] = {
	{ "name", ARG_STR, false, "the async ioworker (default: ioworker)" },
	{ NULL }
};

const struct step_def worker_steps[] = {
	{ "ioworker", "a kernel-thread workload (results: <name>.<field>, status: its first error)",
	  ioworker_args, STEP_CMD, step_ioworker },
	{ "ioworker_close", "wait for an async ioworker and collect its results",
	  close_args, STEP_CMD, step_ioworker_close },
	{ "ioworker_iostat", "an async ioworker's figures so far: <name>.running, counts, latencies, error",
	  iostat_args, 0, step_ioworker_iostat },
	{ NULL }
};
