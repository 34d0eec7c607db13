// SPDX-License-Identifier: MIT
/* nvt_worker: ioworkers in nvt.ko, each on a qpair of its own. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nvt/names.h>
#include <nvt/worker.h>

#include "controller_internal.h"

#define WORKER_QUEUE_MIN	256

struct nvt_worker {
	struct nvt_ns *ns;
	unsigned slow_us;
	uint8_t op[NVT_WORKER_OPS];
	unsigned nr_ops;
	struct nvt_ctrl *ctrl;
	struct nvt_qpair *q;
	int fd;			/* the device it ran on, even after a power cycle */
	uint32_t id;
	unsigned seconds_max;
	unsigned cmdlist_max;
	struct nvt_worker_seq *seq;	/* the sequence, as nvt.ko takes it */
	char err[NVT_ERR_LEN];
};

const char *nvt_worker_error(const struct nvt_worker *w)
{
	return w->err;
}

/* The replayed sequence in nvt.ko's layout; its opcodes in first use. */
static int worker_sequence(struct nvt_ctrl *ctrl, const struct nvt_worker_opts *o,
			   struct nvt_worker *w, struct nvt_worker_args *a)
{
	size_t i;
	unsigned k;

	if (o->nr_io_sequence > NVT_WORKER_MAX_SEQ || !o->io_sequence)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: io_sequence: 1..%u commands",
			       NVT_WORKER_MAX_SEQ);
	w->seq = calloc(o->nr_io_sequence, sizeof(*w->seq));
	if (!w->seq)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	w->nr_ops = 0;
	for (i = 0; i < o->nr_io_sequence; i++) {
		const struct nvt_worker_io *io = &o->io_sequence[i];

		for (k = 0; k < w->nr_ops && w->op[k] != io->opcode; k++)
			;
		if (k == w->nr_ops)
			w->op[w->nr_ops++] = io->opcode;
		if (io->opcode != NVT_NVM_FLUSH &&
		    (!io->nlb || io->nlb > 65536))
			return nvt_err(ctrl->err, EINVAL,
				       "ioworker: io_sequence[%zu]: %u LBAs: must be 1..65536",
				       i, io->nlb);
		w->seq[i].slba = io->slba;
		w->seq[i].nlb = io->nlb;
		w->seq[i].opcode = io->opcode;
		w->seq[i].time_us = io->time_us;
	}
	a->seq = (uintptr_t)w->seq;
	a->nr_seq = o->nr_io_sequence;
	return 0;
}

/* Regions inside the namespace, and a distribution that adds up. */
static int worker_regions(struct nvt_ns *ns, const struct nvt_worker_opts *o,
			  struct nvt_worker_args *a)
{
	struct nvt_ctrl *ctrl = nvt_ns_ctrl(ns);
	uint64_t nsze = nvt_ns_size(ns), sum = 0, one[1][2];
	const uint64_t (*r)[2];
	uint32_t largest = 0;
	unsigned i, n;

	if (o->nr_regions > NVT_WORKER_REGIONS)
		return nvt_err(ctrl->err, EINVAL, "ioworker: at most %u regions",
			       NVT_WORKER_REGIONS);
	/* without a list, the one region of region_start/region_end */
	one[0][0] = a->region_start;
	one[0][1] = a->region_end;
	r = o->nr_regions ? o->regions : (const uint64_t (*)[2])one;
	n = o->nr_regions ? o->nr_regions : 1;
	for (i = 0; i < a->nr_sizes; i++)
		if (a->io_sizes[i] > largest)
			largest = a->io_sizes[i];
	for (i = 0; i < n; i++) {
		if (r[i][1] > nsze || r[i][1] <= r[i][0])
			return nvt_err(ctrl->err, EINVAL,
				       "ioworker: region [%llu, %llu) is not inside the namespace's %llu LBAs",
				       (unsigned long long)r[i][0],
				       (unsigned long long)r[i][1],
				       (unsigned long long)nsze);
		/* an I/O would cross its end (a sequence sets its own LBAs) */
		if (r[i][1] - r[i][0] < largest && !o->nr_io_sequence)
			return nvt_err(ctrl->err, EINVAL,
				       "ioworker: region [%llu, %llu) is smaller than an I/O of %u LBAs",
				       (unsigned long long)r[i][0],
				       (unsigned long long)r[i][1], largest);
	}
	a->region_start = r[0][0];
	a->region_end = r[0][1];
	if (n > 1) {
		a->nr_regions = n;
		memcpy(a->regions, r, n * sizeof(r[0]));
	}
	for (i = 0; i < NVT_WORKER_DIST_PARTS; i++) {
		a->distribution[i] = o->distribution[i];
		sum += o->distribution[i];
	}
	if (sum > UINT32_MAX)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: the distribution's shares add up to more than %u",
			       UINT32_MAX);
	if (sum && !a->lba_random)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: a distribution shapes random LBAs, and lba_random is 0");
	return 0;
}

/*
 * lba_step as the guide means it: 0 is the same LBA each time; not given,
 * sequential I/O is contiguous.
 */
static int worker_step(struct nvt_ctrl *ctrl, const struct nvt_worker_opts *o,
		       struct nvt_worker_args *a)
{
	if (o->lba_step == NVT_WORKER_LBA_STEP_AUTO)
		return 0;
	if (!o->lba_step && o->lba_random < 100 && !o->io_count &&
	    !o->lba_count && !o->time_ms && !o->nr_io_sequence)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: lba_step 0 stays on one LBA: give io_count, lba_count or time");
	a->lba_step = o->lba_step;
	a->flags |= NVT_WORKER_LBA_STEP;
	return 0;
}

/* ptype/pvalue in the guide's codes (nvt's older 1 and 2 as 32 and 0xbeef). */
static int worker_pattern(struct nvt_ctrl *ctrl,
			  const struct nvt_worker_opts *o,
			  struct nvt_worker_args *a)
{
	bool ok;

	switch (o->ptype) {
	case NVT_WORKER_PTYPE_FIXED:
		ok = o->pvalue <= 1;
		break;
	case NVT_WORKER_PTYPE_DWORD:
	case NVT_WORKER_PTYPE_DWORD_OLD:
		ok = true;
		break;
	case NVT_WORKER_PTYPE_RANDOM:
	case NVT_WORKER_PTYPE_RANDOM_OLD:
		ok = o->pvalue <= 100;
		break;
	default:
		ok = false;
	}
	if (!ok)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: ptype %#x pvalue %#x: ptype 0 (pvalue 0 zeros, 1 ones), 32 (pvalue a dword) or 0xbeef (pvalue 0..100 %% random bytes)",
			       o->ptype, o->pvalue);
	a->ptype = o->ptype;
	a->pvalue = o->pvalue;
	return 0;
}

/* The opcode mix in nvt.ko's layout: distinct opcodes, shares that fit. */
static int worker_ops(struct nvt_ctrl *ctrl, const struct nvt_worker_opts *o,
		      struct nvt_worker_op *ops, struct nvt_worker_args *a)
{
	bool seen[256] = { false };
	uint64_t sum = 0;
	unsigned i;

	if (o->nr_ops > NVT_WORKER_OPS)
		return nvt_err(ctrl->err, EINVAL, "ioworker: at most %u opcodes",
			       NVT_WORKER_OPS);
	for (i = 0; i < o->nr_ops; i++) {
		if (seen[o->op[i]])
			return nvt_err(ctrl->err, EINVAL,
				       "ioworker: op_percentage: opcode %02xh given twice",
				       o->op[i]);
		seen[o->op[i]] = true;
		ops[i] = (struct nvt_worker_op){
			.opcode = o->op[i],
			.weight = o->op_weight[i] ? o->op_weight[i] : 1,
		};
		sum += ops[i].weight;
	}
	if (sum > UINT32_MAX)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: op_percentage: the shares add up to more than %u",
			       UINT32_MAX);
	a->nr_ops = o->nr_ops;
	a->ops = o->nr_ops ? (uintptr_t)ops : 0;
	return 0;
}

static int worker_args(struct nvt_ns *ns, const struct nvt_worker_opts *o,
		       struct nvt_worker_op *ops, struct nvt_worker_args *a)
{
	struct nvt_ctrl *ctrl = nvt_ns_ctrl(ns);
	uint32_t smallest = UINT32_MAX;
	size_t meta;
	unsigned i;
	int ret;

	memset(a, 0, sizeof(*a));
	a->argsz = sizeof(*a);
	a->nsid = nvt_ns_id(ns);
	a->io_flags = o->io_flags;
	/* what an LBA moves, PRACT taken into account as nvt.ko does */
	a->lba_size = nvt_ns_io_bytes(ns, 1, o->io_flags, &meta);
	a->qdepth = o->qdepth ? o->qdepth : 63;
	a->nr_sizes = o->nr_sizes ? o->nr_sizes : 1;
	if (a->nr_sizes > NVT_WORKER_SIZES)
		return nvt_err(ctrl->err, EINVAL, "ioworker: at most %u io sizes",
			       NVT_WORKER_SIZES);
	for (i = 0; i < a->nr_sizes; i++) {
		a->io_sizes[i] = o->nr_sizes ? o->io_size[i] : 8;
		a->io_weights[i] = o->nr_sizes && o->io_weight[i] ?
				   o->io_weight[i] : 1;
		if (!a->io_sizes[i] || a->io_sizes[i] > 65536)
			return nvt_err(ctrl->err, EINVAL,
				       "ioworker: io_size %u: must be 1..65536 LBAs",
				       a->io_sizes[i]);
		if (a->io_sizes[i] < smallest)
			smallest = a->io_sizes[i];
	}
	a->read_percentage = o->read_percentage;
	a->lba_random = o->lba_random;
	a->lba_align = o->lba_align ? o->lba_align : smallest;
	ret = worker_step(ctrl, o, a);
	if (ret)
		return ret;
	a->region_start = o->region_start;
	a->region_end = o->region_end ? o->region_end : nvt_ns_size(ns);
	a->io_count = o->io_count;
	a->lba_count = o->lba_count;
	a->time_ms = o->time_ms;
	a->iops = o->iops;
	a->cpu = o->cpu;
	a->seed = o->seed;
	a->flags |= (o->exit_on_error ? NVT_WORKER_EXIT_ON_ERROR : 0) |
		   (o->cmdlist_errors_only ? NVT_WORKER_CMDLIST_ERRORS : 0) |
		   (o->lba_start != NVT_WORKER_LBA_START_AUTO ?
		    NVT_WORKER_LBA_START : 0);
	a->lba_start = o->lba_start != NVT_WORKER_LBA_START_AUTO ?
		       o->lba_start : 0;
	if (o->cmdlist_max > NVT_WORKER_MAX_CMDLIST)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: cmdlist: at most %u commands",
			       NVT_WORKER_MAX_CMDLIST);
	a->cmdlist_max = o->cmdlist_max;
	ret = worker_ops(ctrl, o, ops, a);
	if (ret)
		return ret;
	a->sgl_percentage = o->sgl_percentage;
	a->slow_latency_us = o->slow_latency_us;
	if (o->poll_idle_us > NVT_WORKER_MAX_POLL_IDLE_US)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: poll_idle: at most %u us",
			       NVT_WORKER_MAX_POLL_IDLE_US);
	a->poll_idle_us = o->poll_idle_us;
	ret = worker_pattern(ctrl, o, a);
	if (ret)
		return ret;
	if (o->sgl_percentage > 100 || o->qprio > 3)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: sgl_percentage 0..100, qprio 0..3");
	if (a->read_percentage > 100 || a->lba_random > 100)
		return nvt_err(ctrl->err, EINVAL,
			       "ioworker: read_percentage and lba_random are 0..100");
	ret = worker_regions(ns, o, a);
	if (ret)
		return ret;
	if (a->qdepth < 1 || a->qdepth > 4095)
		return nvt_err(ctrl->err, EINVAL, "ioworker: qdepth 1..4095");
	/* separate metadata: nvt.ko points each I/O at zeros of its own */
	a->meta_size = (uint32_t)meta;
	return 0;
}

/* The guide's ioworker defaults. */
static const struct nvt_worker_opts worker_defaults = {
	.size = sizeof(worker_defaults),
	.read_percentage = 100,
	.lba_random = 100,
	.lba_align = 1,
	.lba_step = NVT_WORKER_LBA_STEP_AUTO,
	.lba_start = NVT_WORKER_LBA_START_AUTO,
	.cpu = -1,
	.exit_on_error = true,
	.slow_latency_us = 1000000,
	.ptype = NVT_WORKER_PTYPE_RANDOM_PCT,
	.pvalue = 100,
};

#define WO(f)	NVT_FIELD_END(struct nvt_worker_opts, f)
static const size_t worker_opts_ends[] = {
	WO(size), WO(io_size), WO(io_weight), WO(nr_sizes), WO(op),
	WO(op_weight), WO(nr_ops), WO(read_percentage), WO(lba_random),
	WO(lba_align), WO(lba_step), WO(lba_start), WO(region_start),
	WO(region_end), WO(regions), WO(nr_regions), WO(distribution),
	WO(io_count), WO(lba_count), WO(time_ms), WO(iops), WO(qdepth),
	WO(cpu), WO(seed), WO(exit_on_error), WO(io_flags),
	WO(sgl_percentage), WO(qprio), WO(slow_latency_us), WO(poll_idle_us),
	WO(ptype), WO(pvalue), WO(io_sequence), WO(nr_io_sequence),
	WO(cmdlist_max), WO(cmdlist_errors_only),
};

void nvt_worker_opts_init(struct nvt_worker_opts *o, size_t size)
{
	nvt_opts_init(o, size, &worker_defaults, sizeof(worker_defaults));
}

int nvt_worker_start(struct nvt_ns *ns, const struct nvt_worker_opts *opts,
		     struct nvt_worker **out)
{
	struct nvt_ctrl *ctrl = nvt_ns_ctrl(ns);
	struct nvt_worker_opts wo = worker_defaults;
	const struct nvt_worker_opts *o = &wo;
	struct nvt_qpair_opts qo;
	struct nvt_worker_op ops[NVT_WORKER_OPS];
	struct nvt_worker_args a;
	struct nvt_worker *w;
	unsigned max;
	int ret;

	*out = NULL;
	ret = nvt_opts_take(&wo, opts, opts->size, worker_opts_ends,
			    sizeof(worker_opts_ends) / sizeof(worker_opts_ends[0]),
			    ctrl->err, NVT_ERR_LEN, "nvt_worker_opts");
	if (ret)
		return ret;
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.no_irq = true;
	ret = worker_args(ns, o, ops, &a);
	if (ret)
		return ret;
	w = calloc(1, sizeof(*w));
	if (!w)
		return nvt_err(ctrl->err, ENOMEM, "out of memory");
	/*
	 * its own qpair: twice as deep as it keeps in flight, and at least
	 * WORKER_QUEUE_MIN (where the controller allows), so that nvt.ko
	 * writes the CQ head doorbell only when the CQ runs short of room
	 * for the commands out, not once per pass
	 */
	qo.depth = a.qdepth + 1;
	if (!nvt_qpair_depth_max(ctrl, &max)) {
		uint64_t want = 2ull * a.qdepth + 1;

		if (want < WORKER_QUEUE_MIN)
			want = WORKER_QUEUE_MIN;
		if (want > max)
			want = max;
		if (want > qo.depth)
			qo.depth = (unsigned)want;
	}
	qo.prio = o->qprio;
	ret = nvt_qpair_create(ctrl, &qo, &w->q);
	if (ret) {
		free(w);
		return ret;
	}
	a.qid = nvt_qpair_id(w->q);
	w->nr_ops = a.nr_ops ? a.nr_ops : 2;
	memcpy(w->op, o->op, sizeof(w->op));
	if (!a.nr_ops) {
		w->op[0] = NVT_NVM_READ;
		w->op[1] = NVT_NVM_WRITE;
	}
	ret = o->nr_io_sequence ? worker_sequence(ctrl, o, w, &a) : 0;
	if (!ret) {
		ret = nvt_ioctl(ctrl->fd, NVT_IOC_WORKER_START, &a);
		if (ret)
			nvt_err(ctrl->err, -ret, "ioworker: %s",
				ret == -E2BIG ? "io_size x qdepth needs more than 64 MiB of buffers, or one I/O more than one PRP list page" :
				ret == -EINVAL ? "invalid arguments (cpu, sizes, region, lba_start outside it, opcode mix)" :
				strerror(-ret));
	}
	/* nvt.ko has its own copy of the sequence now */
	free(w->seq);
	w->seq = NULL;
	if (ret) {
		nvt_qpair_delete(w->q);
		free(w);
		return ret;
	}
	/* its own hold on this device's file: results outlive a power cycle */
	w->fd = fcntl(ctrl->fd, F_DUPFD_CLOEXEC, 0);
	if (w->fd < 0) {
		struct nvt_worker_status fr = {
			.argsz = sizeof(fr), .id = a.id, .flags = NVT_WORKER_STOP,
		};

		ret = nvt_err(ctrl->err, errno, "ioworker: %s", strerror(errno));
		nvt_ioctl(ctrl->fd, NVT_IOC_WORKER_FREE, &fr);
		nvt_qpair_delete(w->q);
		free(w);
		return ret;
	}
	w->ns = ns;
	w->ctrl = ctrl;
	w->slow_us = o->slow_latency_us;
	w->cmdlist_max = o->cmdlist_max;
	w->id = a.id;
	w->seconds_max = (o->time_ms ? o->time_ms / 1000 : 3600) + 2;
	*out = w;
	return 0;
}

static int status(struct nvt_worker *w, struct nvt_worker_status *st,
		  uint32_t flags, struct nvt_worker_op_stat *ops)
{
	int ret;

	memset(st, 0, sizeof(*st));
	st->argsz = sizeof(*st);
	st->id = w->id;
	st->flags = flags;
	st->ops = (uintptr_t)ops;
	st->ops_room = ops ? w->nr_ops : 0;
	ret = nvt_ioctl(w->fd, NVT_IOC_WORKER_STATUS, st);
	if (ret)
		return nvt_err(w->err, -ret, "ioworker %u: %s", w->id,
			       strerror(-ret));
	return 0;
}

static void fill(const struct nvt_worker *w, struct nvt_worker_result *r,
		 const struct nvt_worker_status *st,
		 const struct nvt_worker_op_stat *ops)
{
	unsigned i;

	r->io_count_read = st->io_count_read;
	r->io_count_write = st->io_count_write;
	r->io_count_nonread = st->io_count_nonread;
	r->lba_count_read = st->lba_count_read;
	r->lba_count_write = st->lba_count_write;
	r->lba_count_nonread = st->lba_count_nonread;
	r->slow_count = st->slow_count;
	r->nr_ops = w->nr_ops;
	memcpy(r->op, w->op, sizeof(r->op));
	for (i = 0; ops && i < w->nr_ops && i < st->nr_ops; i++) {
		r->op_count[i] = ops[i].count;
		r->op_latency_max_us[i] = ops[i].latency_max_us;
		r->op_latency_average_us[i] = ops[i].count ?
			ops[i].latency_sum_us / ops[i].count : 0;
	}
	r->mseconds = st->mseconds;
	r->latency_max_us = st->latency_max_us;
	r->latency_average_us = st->latency_average_us;
	/* SCT/SC as every completion in libnvt: DNR and More in error_cpl */
	r->error = st->error;
	memcpy(r->error_cmd, st->error_cmd, sizeof(r->error_cmd));
	memcpy(r->error_cpl, st->error_cpl, sizeof(r->error_cpl));
	r->cpu_usage = st->mseconds ?
		       st->cpu_ns / 1e6 / (double)st->mseconds : 0;
}

bool nvt_worker_running(struct nvt_worker *w)
{
	struct nvt_worker_status st;

	return !status(w, &st, 0, NULL) && (st.flags & NVT_WORKER_RUNNING);
}

int nvt_worker_iostat(struct nvt_worker *w, struct nvt_worker_result *now)
{
	struct nvt_worker_op_stat ops[NVT_WORKER_OPS];
	struct nvt_worker_status st;
	int ret = status(w, &st, 0, ops);

	memset(now, 0, sizeof(*now));
	if (!ret)
		fill(w, now, &st, ops);
	return ret;
}

int nvt_worker_stop(struct nvt_worker *w)
{
	struct nvt_worker_status st;

	return status(w, &st, NVT_WORKER_STOP, NULL);
}

int nvt_worker_cmdlog(struct nvt_worker *w, unsigned count, FILE *out)
{
	return nvt_cmdlog_queue(w->ctrl, nvt_qpair_id(w->q), count, out,
				w->err);
}

int nvt_worker_wait(struct nvt_worker *w)
{
	struct timespec pause = { 0, 5000000 };
	struct nvt_worker_status st;
	int ret;

	/* it ends by itself at its limits (or when stopped) */
	while (!(ret = status(w, &st, 0, NULL)) &&
	       (st.flags & NVT_WORKER_RUNNING))
		nanosleep(&pause, NULL);
	return ret;
}

/*
 * The slow I/Os nvt.ko kept into @res: their count with how many are not
 * shown first, then each one, as the guide's ioworker warns of it.
 */
static void worker_slow(struct nvt_worker *w, struct nvt_worker_result *res,
			const struct nvt_worker_rec *recs, unsigned n)
{
	unsigned i;

	if (n > NVT_WORKER_SLOW_KEPT)
		n = NVT_WORKER_SLOW_KEPT;
	if (res->slow_count)
		nvt_ctrl_warn(w->ctrl, "ioworker: %llu I/Os slower than %u us (max %u us): %u follow, %llu more not shown",
			      (unsigned long long)res->slow_count, w->slow_us,
			      res->latency_max_us, n,
			      (unsigned long long)(res->slow_count - n));
	for (i = 0; i < n; i++) {
		struct nvt_worker_cmd *c = &res->slow[i];

		c->slba = recs[i].slba;
		c->nlb = recs[i].nlb;
		c->opcode = recs[i].opcode;
		c->status = recs[i].status;
		c->sent_us = recs[i].sent_us;
		c->cplt_us = recs[i].cplt_us;
		nvt_ctrl_warn(w->ctrl, "ioworker: slow I/O: %s LBA %llu (%u LBAs) took %llu us, over slow_latency %u us",
			      nvt_io_opcode_name(c->opcode),
			      (unsigned long long)c->slba, c->nlb,
			      (unsigned long long)(c->cplt_us - c->sent_us),
			      w->slow_us);
	}
	res->nr_slow = n;
}

int nvt_worker_close(struct nvt_worker *w, struct nvt_worker_result *res)
{
	struct nvt_worker_status st;
	struct nvt_worker_status fr = { .argsz = sizeof(fr), .id = w->id };
	struct nvt_worker_op_stat ops[NVT_WORKER_OPS];
	struct nvt_worker_rec *recs = NULL;
	struct nvt_worker_rec slow[NVT_WORKER_SLOW_KEPT];
	unsigned i;
	int ret;

	memset(res, 0, sizeof(*res));
	ret = nvt_worker_wait(w);
	if (!ret) {
		res->slow = calloc(NVT_WORKER_SLOW_KEPT, sizeof(*res->slow));
		res->io_per_second = calloc(w->seconds_max, sizeof(uint32_t));
		res->latency_histogram = calloc(NVT_WORKER_HIST_US,
						sizeof(uint32_t));
		res->op_histogram = calloc((size_t)w->nr_ops *
					   NVT_WORKER_OPH_BINS,
					   sizeof(uint32_t));
		if (w->cmdlist_max) {
			recs = calloc(w->cmdlist_max, sizeof(*recs));
			res->cmdlist = calloc(w->cmdlist_max,
					      sizeof(*res->cmdlist));
		}
		if (!res->slow || !res->io_per_second ||
		    !res->latency_histogram || !res->op_histogram ||
		    (w->cmdlist_max && (!recs || !res->cmdlist)))
			ret = nvt_err(w->err, ENOMEM, "out of memory");
	}
	if (!ret) {
		memset(&st, 0, sizeof(st));
		st.argsz = sizeof(st);
		st.id = w->id;
		st.per_second = (uintptr_t)res->io_per_second;
		st.per_second_max = w->seconds_max;
		st.histogram = (uintptr_t)res->latency_histogram;
		st.ops = (uintptr_t)ops;
		st.ops_room = w->nr_ops;
		st.op_histogram = (uintptr_t)res->op_histogram;
		st.cmdlist = (uintptr_t)recs;
		st.cmdlist_room = recs ? w->cmdlist_max : 0;
		st.slow = (uintptr_t)slow;
		st.slow_room = NVT_WORKER_SLOW_KEPT;
		ret = nvt_ioctl(w->fd, NVT_IOC_WORKER_STATUS, &st);
		if (ret)
			ret = nvt_err(w->err, -ret, "ioworker %u: %s",
				      w->id, strerror(-ret));
		else
			fill(w, res, &st, ops);
		res->seconds = st.seconds < w->seconds_max ? st.seconds :
			       w->seconds_max;
		for (i = 0; !ret && i < st.nr_cmdlist; i++) {
			res->cmdlist[i].slba = recs[i].slba;
			res->cmdlist[i].nlb = recs[i].nlb;
			res->cmdlist[i].opcode = recs[i].opcode;
			res->cmdlist[i].status = recs[i].status;
			res->cmdlist[i].sent_us = recs[i].sent_us;
			res->cmdlist[i].cplt_us = recs[i].cplt_us;
		}
		res->nr_cmdlist = ret ? 0 : st.nr_cmdlist;
		if (!ret)
			worker_slow(w, res, slow, st.nr_slow);
	}
	free(recs);
	nvt_ioctl(w->fd, NVT_IOC_WORKER_FREE, &fr);
	close(w->fd);
	nvt_qpair_delete(w->q);
	/* the worker is freed: its controller keeps the message */
	nvt_err_pass(w->ctrl->err, ret, w->err);
	free(w);
	if (ret)
		nvt_worker_result_free(res);
	return ret;
}

void nvt_worker_result_free(struct nvt_worker_result *res)
{
	free(res->io_per_second);
	free(res->latency_histogram);
	free(res->op_histogram);
	free(res->cmdlist);
	free(res->slow);
	res->slow = NULL;
	res->nr_slow = 0;
	res->io_per_second = NULL;
	res->latency_histogram = NULL;
	res->op_histogram = NULL;
	res->cmdlist = NULL;
	res->nr_cmdlist = 0;
}

uint32_t nvt_worker_percentile(const struct nvt_worker_result *res,
			       double percent)
{
	uint64_t total = 0, want, seen = 0;
	uint32_t us;

	if (!res->latency_histogram)
		return 0;
	for (us = 0; us < NVT_WORKER_HIST_US; us++)
		total += res->latency_histogram[us];
	if (!total)
		return 0;
	want = (uint64_t)(total * percent / 100.0 + 0.5);
	if (!want)
		want = 1;
	for (us = 0; us < NVT_WORKER_HIST_US; us++) {
		seen += res->latency_histogram[us];
		if (seen >= want)
			return us;
	}
	return NVT_WORKER_HIST_US - 1;
}

int nvt_worker_percentile_op(const struct nvt_worker_result *res,
			     uint8_t opcode, double percent, uint32_t *us)
{
	const uint32_t *h;
	uint64_t total = 0, want, seen = 0;
	unsigned i, b;

	*us = 0;
	if (!(percent >= 0 && percent <= 100))
		return -EINVAL;
	for (i = 0; i < res->nr_ops && res->op[i] != opcode; i++)
		;
	if (i == res->nr_ops)
		return -ENOENT;
	if (!res->op_histogram || !res->op_count[i])
		return -ENODATA;
	h = res->op_histogram + (size_t)i * NVT_WORKER_OPH_BINS;
	for (b = 0; b < NVT_WORKER_OPH_BINS; b++)
		total += h[b];
	if (!total)
		return -ENODATA;
	/* as nvt_worker_percentile(): the bin where that share is reached */
	want = (uint64_t)(total * percent / 100.0 + 0.5);
	if (!want)
		want = 1;
	for (b = 0; b < NVT_WORKER_OPH_BINS - 1; b++) {
		seen += h[b];
		if (seen >= want)
			break;
	}
	*us = nvt_worker_oph_lower(b);
	return 0;
}
