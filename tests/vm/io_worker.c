// SPDX-License-Identifier: MIT
/*
 * Bench test of ioworkers: exact io_count, one sequential pass, the read
 * mix, the iops limit (within 5 %), the per-second counts and histogram,
 * workers stopped by a controller reset with the device still working,
 * where region lists and distributions put writes (read back), replayed
 * sequences and their command records, verified workers, opcode mixes of
 * more than eight opcodes with a histogram and percentiles per opcode (and
 * the mixes and STATUS arguments nvt.ko refuses), and, where the profile
 * traces QEMU's reads, the LBAs sent as the controller saw them.
 *
 * usage: io_worker BDF
 */
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>
#include "check.h"

static struct checks c;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

static uint64_t hist_total(const struct nvt_worker_result *r)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < NVT_WORKER_HIST_US; i++)
		n += r->latency_histogram[i];
	return n;
}

static int run(struct nvt_ns *ns, const struct nvt_worker_opts *o,
	       struct nvt_worker_result *r)
{
	struct nvt_worker *w;
	int ret = nvt_worker_start(ns, o, &w);

	if (ret) {
		printf("  start: %s\n", nvt_ctrl_error(nvt_ns_ctrl(ns)));
		memset(r, 0, sizeof(*r));
		return ret;
	}
	return nvt_worker_close(w, r);
}

#define MARK_LBAS	2048	/* the LBAs the region witnesses look at */
#define MARK		0x5aa5c33cu

/*
 * The witness of where a worker wrote: zero LBAs [0, MARK_LBAS) with a
 * sequential worker, run @o writing the dword MARK, read the LBAs back and
 * note each one: 0 zeros, 1 MARK, 2 anything else.
 */
static int mark_run(struct nvt_pcie *pcie, struct nvt_ns *ns,
		    struct nvt_worker_opts *o, struct nvt_worker_result *r,
		    unsigned char *marks)
{
	struct nvt_qpair_opts qo;
	struct nvt_worker_opts z;
	size_t bytes = nvt_ns_data_bytes(ns, 1);
	struct nvt_worker_result zr;
	struct nvt_buf *buf = NULL;
	struct nvt_qpair *q;
	unsigned lba, i;
	int ret;

	/* zeros written sequentially over the region */
	nvt_worker_opts_init(&z, sizeof(z));
	z.io_size[0] = 64;
	z.nr_sizes = 1;
	z.read_percentage = 0;
	z.lba_random = 0;
	z.region_end = MARK_LBAS;
	z.ptype = NVT_WORKER_PTYPE_ZEROS_ONES;
	z.pvalue = 0;
	ret = run(ns, &z, &zr);
	if (!ret && zr.io_count_write != MARK_LBAS / 64)
		ret = -EIO;
	nvt_worker_result_free(&zr);
	if (!ret) {
		o->read_percentage = 0;
		o->ptype = NVT_WORKER_PTYPE_DWORD32;
		o->pvalue = MARK;
		ret = run(ns, o, r);
	}
	if (ret)
		return ret;
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 8;
	ret = nvt_qpair_create(nvt_ns_ctrl(ns), &qo, &q);
	if (ret)
		return ret;
	ret = nvt_buf_alloc(pcie, 64 * bytes, &buf);
	for (lba = 0; !ret && lba < MARK_LBAS; lba += 64) {
		struct nvt_io io = { .lba = lba, .count = 64 };

		io.data.buf = buf;
		ret = nvt_ns_read(ns, q, &io);
		if (!ret)
			ret = nvt_qpair_waitdone(q, 1, 5000, NULL);
		if (!ret && nvt_qpair_latest_status(q))
			ret = -EIO;
		for (i = 0; !ret && i < 64; i++) {
			const uint8_t *d = nvt_buf_data(buf) + i * bytes;
			uint32_t v;
			size_t k;

			memcpy(&v, d, 4);
			marks[lba + i] = v == MARK ? 1 : 2;
			for (k = 0; v != MARK && k < bytes && !d[k]; k++)
				;
			if (k == bytes)
				marks[lba + i] = 0;
		}
	}
	if (ret)	/* the namespace has the qpair's messages too */
		printf("  reading LBAs back: %s %s (%d)\n", nvt_ns_error(ns),
		       nvt_qpair_error(q), ret);
	if (buf)
		nvt_buf_free(buf);
	nvt_qpair_delete(q);
	return ret;
}

/* LBAs in [start, end) with mark @m. */
static unsigned marked(const unsigned char *marks, unsigned start,
		       unsigned end, unsigned char m)
{
	unsigned n = 0;

	for (; start < end; start++)
		n += marks[start] == m;
	return n;
}

/* The runs of LBAs with a mark, for the log when a witness disagrees. */
static void show_marks(const unsigned char *marks)
{
	unsigned lba, end;

	for (lba = 0; lba < MARK_LBAS; lba = end) {
		for (end = lba + 1; end < MARK_LBAS && marks[end] == marks[lba];
		     end++)
			;
		if (marks[lba])
			printf("  LBAs %u..%u: %s\n", lba, end - 1,
			       marks[lba] == 1 ? "written" : "other data");
	}
}

/* The marks are exactly the LBAs of these regions. */
static bool marks_are(const unsigned char *marks,
		      const uint64_t (*regions)[2], unsigned nr)
{
	unsigned i, lba;

	for (lba = 0; lba < MARK_LBAS; lba++) {
		bool in = false;

		for (i = 0; i < nr; i++)
			in |= lba >= regions[i][0] && lba < regions[i][1];
		if (marks[lba] != in) {
			show_marks(marks);
			return false;
		}
	}
	return true;
}

/* Bytes in QEMU's trace log so far (where the next run's lines start). */
static long trace_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long)st.st_size;
}

/*
 * The reads QEMU executed, from its trace after byte @from: their LBAs
 * and sizes in order, up to @max.  QEMU appends as it goes: wait up to
 * 5 s for @want complete lines.  Returns how many there were.
 */
static unsigned traced_reads(const char *path, long from, unsigned want,
			     uint64_t *lbas, uint32_t *nlbs, unsigned max)
{
	struct timespec pause = { 0, 100000000 };
	unsigned n = 0, tries;
	char line[512];

	for (tries = 0; tries < 50; tries++) {
		FILE *f = fopen(path, "r");

		if (!f || fseek(f, from, SEEK_SET)) {
			if (f)
				fclose(f);
			return 0;
		}
		n = 0;
		while (fgets(line, sizeof(line), f)) {
			const char *p = strstr(line, "pci_nvme_read cid ");
			unsigned cid, nsid, nlb;
			unsigned long long count, lba;

			/* a line QEMU is still writing is not read yet */
			if (!p || !strchr(p, '\n') ||
			    sscanf(p, "pci_nvme_read cid %u nsid %u nlb %u count %llu lba 0x%llx",
				   &cid, &nsid, &nlb, &count, &lba) != 5)
				continue;
			if (n < max) {
				lbas[n] = lba;
				nlbs[n] = nlb;
			}
			n++;
		}
		fclose(f);
		if (n >= want)
			break;
		nanosleep(&pause, NULL);
	}
	return n;
}

/*
 * Lines of QEMU's trace after byte @from where the controller took an I/O
 * SQ's tail from the shadow doorbell page (pci_nvme_shadow_doorbell_sq,
 * sqid not 0); -1 when the trace cannot be read.
 */
static long traced_shadow_tails(const char *path, long from)
{
	char line[256];
	unsigned sqid, tail;
	long n = 0;
	FILE *f = fopen(path, "r");

	if (!f || from < 0 || fseek(f, from, SEEK_SET)) {
		if (f)
			fclose(f);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, "pci_nvme_shadow_doorbell_sq ");

		if (p && sscanf(p, "pci_nvme_shadow_doorbell_sq sqid %u new_shadow_doorbell %u",
				&sqid, &tail) == 2 && sqid)
			n++;
	}
	fclose(f);
	return n;
}

/*
 * QEMU's trace as an independent witness of the LBAs workers send: a
 * stepped sequence, a backward one from lba_start, random LBAs in a region.
 */
static void trace_witness(struct nvt_ns *ns, const char *trace)
{
	static uint64_t lbas[400];
	static uint32_t nlbs[400];
	struct nvt_worker_result r;
	struct nvt_worker_opts o;
	unsigned n, i, bad;
	long from;
	int ret;

	/* 4 KiB reads with a 4 KiB gap: 1024, 1040, ... one pass */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.io_size[0] = 8;
	o.nr_sizes = 1;
	o.lba_step = 16;
	o.region_start = 1024;
	o.region_end = 1024 + 1600;
	from = trace_size(trace);
	ret = run(ns, &o, &r);
	n = traced_reads(trace, from, 100, lbas, nlbs, 400);
	for (i = 0, bad = 0; i < n && i < 400; i++)
		bad += lbas[i] != 1024 + 16 * i || nlbs[i] != 8;
	CHECK(&c, ret == 0 && r.io_count_read == 100 && n == 100 && !bad,
	      "QEMU traced %u reads of lba_step 16: %u not at 1024 + 16 i (first %llu, last %llu)",
	      n, bad, (unsigned long long)lbas[0],
	      (unsigned long long)lbas[n ? (n < 400 ? n : 400) - 1 : 0]);
	nvt_worker_result_free(&r);

	/* backwards by one from lba_start 10: 10, 9, ..., 1 */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.io_size[0] = 1;
	o.nr_sizes = 1;
	o.lba_step = -1;
	o.lba_start = 10;
	o.io_count = 10;
	from = trace_size(trace);
	ret = run(ns, &o, &r);
	n = traced_reads(trace, from, 10, lbas, nlbs, 400);
	for (i = 0, bad = 0; i < n && i < 400; i++)
		bad += lbas[i] != 10 - i || nlbs[i] != 1;
	CHECK(&c, ret == 0 && n == 10 && !bad,
	      "QEMU traced %u reads from lba_start 10 by -1: %u out of order",
	      n, bad);
	nvt_worker_result_free(&r);

	/* lba_step 0, as the guide means it: every read at lba_start 77 */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.io_size[0] = 1;
	o.nr_sizes = 1;
	o.lba_step = 0;
	o.lba_start = 77;
	o.io_count = 20;
	o.qdepth = 4;
	from = trace_size(trace);
	ret = run(ns, &o, &r);
	n = traced_reads(trace, from, 20, lbas, nlbs, 400);
	for (i = 0, bad = 0; i < n && i < 400; i++)
		bad += lbas[i] != 77 || nlbs[i] != 1;
	CHECK(&c, ret == 0 && n == 20 && !bad,
	      "QEMU traced %u reads of lba_step 0 from LBA 77: %u elsewhere",
	      n, bad);
	nvt_worker_result_free(&r);

	/* random 4-LBA reads inside [5000, 5100), aligned to 4 */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_size[0] = 4;
	o.nr_sizes = 1;
	o.region_start = 5000;
	o.region_end = 5100;
	o.io_count = 300;
	o.lba_align = 4;
	from = trace_size(trace);
	ret = run(ns, &o, &r);
	n = traced_reads(trace, from, 300, lbas, nlbs, 400);
	for (i = 0, bad = 0; i < n && i < 400; i++)
		bad += lbas[i] < 5000 || lbas[i] + 4 > 5100 ||
		       (lbas[i] - 5000) % 4 || nlbs[i] != 4;
	CHECK(&c, ret == 0 && n == 300 && !bad,
	      "QEMU traced %u random reads in [5000, 5100): %u outside or unaligned",
	      n, bad);
	nvt_worker_result_free(&r);
}

/*
 * A counter of the one I/O SQ in sysfs (a worker's, while it runs):
 * -1 when there is not exactly one.
 */
static long long worker_sq_stat(const char *bdf, const char *attr)
{
	char pat[192], buf[32] = "";
	long long v = -1;
	size_t i, n = 0;
	const char *hit = NULL;
	glob_t g;
	FILE *f;

	snprintf(pat, sizeof(pat),
		 "/sys/bus/pci/devices/%s/nvt/nvt*/queues/sq*/%s", bdf, attr);
	if (glob(pat, 0, NULL, &g))
		return -1;
	for (i = 0; i < g.gl_pathc; i++)
		if (!strstr(g.gl_pathv[i], "/sq0/")) {
			hit = g.gl_pathv[i];
			n++;
		}
	if (n == 1 && (f = fopen(hit, "r"))) {
		if (fgets(buf, sizeof(buf), f))
			v = atoll(buf);
		fclose(f);
	}
	globfree(&g);
	return v;
}

/*
 * What a worker's SQ doorbell costs: MMIO writes and commands submitted
 * while it runs at queue depth 32 for 2 s.  0 when measured.
 */
static int doorbell_cost(struct nvt_ns *ns, const char *bdf,
			 long long *writes, long long *submitted)
{
	struct timespec t = { 1, 500000000 };
	struct nvt_worker_result r;
	struct nvt_worker_opts o;
	struct nvt_worker *w;
	int ret;

	nvt_worker_opts_init(&o, sizeof(o));
	o.time_ms = 2000;
	o.qdepth = 32;
	o.read_percentage = 100;
	ret = nvt_worker_start(ns, &o, &w);
	if (ret)
		return ret;
	nanosleep(&t, NULL);
	*writes = worker_sq_stat(bdf, "doorbell_writes");
	*submitted = worker_sq_stat(bdf, "submitted");
	ret = nvt_worker_close(w, &r);
	if (!ret && r.error)
		ret = -EIO;
	nvt_worker_result_free(&r);
	return ret ? ret : *writes < 0 || *submitted <= 0 ? -ENOENT : 0;
}

/*
 * Per opcode of a mix: every opcode sent, counts that add up, a histogram
 * each holding its count, percentiles in order within the maximum.
 */
static void check_ops(const struct nvt_worker_result *r, const char *what)
{
	uint64_t sum = 0, h;
	uint32_t p50, p99, p9999;
	unsigned i, b;
	bool ok = true;

	for (i = 0; i < r->nr_ops; i++) {
		const uint32_t *hist = r->op_histogram +
				       (size_t)i * NVT_WORKER_OPH_BINS;

		for (h = 0, b = 0; b < NVT_WORKER_OPH_BINS; b++)
			h += hist[b];
		sum += r->op_count[i];
		if (nvt_worker_percentile_op(r, r->op[i], 50, &p50) ||
		    nvt_worker_percentile_op(r, r->op[i], 99, &p99) ||
		    nvt_worker_percentile_op(r, r->op[i], 99.99, &p9999) ||
		    !r->op_count[i] || h != r->op_count[i] || !p50 ||
		    p50 > p99 || p99 > p9999 ||
		    p9999 > r->op_latency_max_us[i] ||
		    r->op_latency_average_us[i] > r->op_latency_max_us[i]) {
			printf("  %s: opcode %02xh: %llu I/Os, histogram %llu, p50 %u p99 %u p99.99 %u max %u us\n",
			       what, r->op[i], (unsigned long long)r->op_count[i],
			       (unsigned long long)h, p50, p99, p9999,
			       r->op_latency_max_us[i]);
			ok = false;
		}
	}
	CHECK(&c, ok && sum == r->io_count_read + r->io_count_nonread,
	      "%s: %u opcodes, %llu I/Os, each with its histogram and p50 <= p99 <= p99.99 <= max",
	      what, r->nr_ops, (unsigned long long)sum);
}

/*
 * An opcode mix of more than the eight opcodes of old, the device's
 * optional ones as ONCS says, vendor-specific ones it refuses; and the
 * mix nvt.ko refuses, through the ioctl itself.
 */
static void op_mix(struct nvt_pcie *pcie, struct nvt_ctrl *ctrl,
		   struct nvt_ns *ns)
{
	static const struct { uint32_t oncs; uint8_t opc; } optional[] = {
		{ NVT_ONCS_COMPARE, NVT_NVM_COMPARE },
		{ NVT_ONCS_WRITE_ZEROES, NVT_NVM_WRITE_ZEROES },
		{ NVT_ONCS_DSM, NVT_NVM_DSM },
		{ NVT_ONCS_VERIFY, NVT_NVM_VERIFY },
	};
	struct nvt_worker_op ops[3];
	struct nvt_worker_args a;
	struct nvt_worker_status st;
	struct nvt_worker_result r;
	struct nvt_worker_opts o;
	struct nvt_qpair_opts qo;
	struct nvt_qpair *q;
	struct nvt_worker *w;
	uint64_t oncs = 0;
	unsigned i, n = 0, vendor;
	int fd = nvt_pcie_fd(pcie), ret;

	nvt_ctrl_id_field(ctrl, "oncs", &oncs);
	/* zeros first: compares of zeros read back match */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.read_percentage = 0;
	o.region_end = 4096;
	o.ptype = 0;
	o.pvalue = 0;
	ret = run(ns, &o, &r);
	nvt_worker_result_free(&r);

	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 6000;
	o.region_end = 4096;
	o.qdepth = 8;
	o.ptype = 0;
	o.pvalue = 0;
	o.exit_on_error = false;
	o.op[n++] = NVT_NVM_READ;
	o.op[n++] = NVT_NVM_WRITE;
	o.op[n++] = NVT_NVM_FLUSH;
	for (i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
		if (oncs & optional[i].oncs)
			o.op[n++] = optional[i].opc;
	/* vendor-specific opcodes (no data, to the host, from it) */
	for (vendor = 0; n < 11; vendor++)
		o.op[n++] = 0xc0 + vendor;
	for (i = 0; i < n; i++)
		o.op_weight[i] = 1;
	o.nr_ops = n;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.nr_ops == n && r.error == NVT_SC_INVALID_OPCODE &&
	      (r.error_cmd[0] & 0xff) >= 0xc0 &&
	      ((r.error_cpl[3] >> 17) & 0x7ff) == NVT_SC_INVALID_OPCODE &&
	      r.error_cmd[0] >> 16 == (r.error_cpl[3] & 0xffff),
	      "a mix of %u opcodes (ONCS %03llx, %u vendor-specific): 6000 I/Os, error %03x of opcode %02xh, CID %u in the SQE, %u in the CQE",
	      n, (unsigned long long)oncs, vendor, r.error,
	      r.error_cmd[0] & 0xff, r.error_cmd[0] >> 16,
	      r.error_cpl[3] & 0xffff);
	if (!ret)
		check_ops(&r, "the mix");
	nvt_worker_result_free(&r);

	/* most opcodes at once: the unknown ones refused, all counted */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 2048;
	o.region_end = 4096;
	o.qdepth = 8;
	o.exit_on_error = false;
	/* none that changes data or reservation or zone state */
	o.nr_ops = 0;
	for (i = 0; i < 256; i++)
		if (i != NVT_NVM_WRITE && i != NVT_NVM_WRITE_UNCOR &&
		    i != NVT_NVM_WRITE_ZEROES && i != NVT_NVM_DSM &&
		    !(i >= 0x0d && i <= 0x1f) && !(i >= 0x79 && i <= 0x7f)) {
			o.op[o.nr_ops] = i;
			o.op_weight[o.nr_ops++] = 1;
		}
	ret = run(ns, &o, &r);
	for (i = 0, n = 0; !ret && i < r.nr_ops; i++)
		n += r.op_count[i] > 0;
	CHECK(&c, ret == 0 && r.nr_ops == o.nr_ops &&
	      r.io_count_read + r.io_count_nonread == 2048 && n > 150,
	      "a mix of %u opcodes: %llu I/Os, %u opcodes sent, error %03x",
	      o.nr_ops, (unsigned long long)(r.io_count_read + r.io_count_nonread),
	      n, r.error);
	nvt_worker_result_free(&r);

	/* libnvt refuses the same opcode twice */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 10;
	o.op[0] = NVT_NVM_READ;
	o.op[1] = NVT_NVM_READ;
	o.nr_ops = 2;
	CHECK(&c, nvt_worker_start(ns, &o, &w) == -EINVAL,
	      "the same opcode twice refused: %s", nvt_ctrl_error(ctrl));

	/* nvt.ko's own checks, on a queue of ours */
	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.no_irq = true;
	qo.depth = 16;
	if (nvt_qpair_create(ctrl, &qo, &q)) {
		CHECK(&c, 0, "qpair for the raw worker: %s", nvt_ctrl_error(ctrl));
		return;
	}
	memset(&a, 0, sizeof(a));
	a.argsz = sizeof(a);
	a.qid = nvt_qpair_id(q);
	a.nsid = nvt_ns_id(ns);
	a.lba_size = nvt_ns_io_bytes(ns, 1, 0, NULL);
	a.qdepth = 4;
	a.region_end = 1024;
	a.io_sizes[0] = 1;
	a.io_weights[0] = 1;
	a.nr_sizes = 1;
	a.read_percentage = 100;
	a.io_count = 100;
	a.cpu = -1;
	ops[0] = (struct nvt_worker_op){ .opcode = NVT_NVM_READ, .weight = 3 };
	ops[1] = (struct nvt_worker_op){ .opcode = NVT_NVM_FLUSH, .weight = 1 };
	ops[2] = (struct nvt_worker_op){ .opcode = 0xc1, .weight = 1 };
	{
		static const struct {
			uint32_t nr;
			int ptr;	/* 0 ops, 1 NULL, 2 unmapped, 3 kernel */
			int bad;	/* 0 none, 1 weight 0, 2 twice, 3 rsvd, 4 sum */
			int err;
			const char *what;
		} cases[] = {
			{ NVT_WORKER_MAX_OPS + 1, 0, 0, EINVAL, "nr_ops 257" },
			{ 0xffffffff, 0, 0, EINVAL, "nr_ops 2^32 - 1" },
			{ 3, 1, 0, EINVAL, "no pointer with nr_ops 3" },
			{ 0, 0, 0, EINVAL, "a pointer with nr_ops 0" },
			{ 3, 2, 0, EFAULT, "an unmapped pointer" },
			{ 3, 3, 0, EFAULT, "a kernel pointer" },
			{ 3, 0, 1, EINVAL, "a weight 0" },
			{ 3, 0, 2, EINVAL, "an opcode twice" },
			{ 3, 0, 3, EINVAL, "rsvd set" },
			{ 3, 0, 4, EINVAL, "weights over 2^32 - 1" },
		};
		struct nvt_worker_op bad[3];

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			memcpy(bad, ops, sizeof(bad));
			if (cases[i].bad == 1)
				bad[1].weight = 0;
			else if (cases[i].bad == 2)
				bad[2].opcode = bad[0].opcode;
			else if (cases[i].bad == 3)
				bad[2].rsvd[1] = 1;
			else if (cases[i].bad == 4)
				bad[0].weight = bad[1].weight = 0x80000000u;
			a.nr_ops = cases[i].nr;
			a.ops = cases[i].ptr == 1 ? 0 :
				cases[i].ptr == 2 ? 4096 :
				cases[i].ptr == 3 ? 0xffff888000001000ull :
				(uintptr_t)bad;
			errno = 0;
			ret = ioctl(fd, NVT_IOC_WORKER_START, &a);
			CHECK(&c, ret < 0 && errno == cases[i].err,
			      "WORKER_START with %s -> %s (%s)", cases[i].what,
			      strerror(cases[i].err), strerror(errno));
			if (!ret) {
				st = (struct nvt_worker_status){
					.argsz = sizeof(st), .id = a.id };
				ioctl(fd, NVT_IOC_WORKER_FREE, &st);
			}
		}
	}
	/* a good one: its figures per opcode, as much as there is room for */
	{
		struct nvt_worker_op_stat stats[3];
		uint32_t *hist = calloc(3 * NVT_WORKER_OPH_BINS, sizeof(*hist));
		uint64_t h = 0;

		a.nr_ops = 3;
		a.ops = (uintptr_t)ops;
		ret = ioctl(fd, NVT_IOC_WORKER_START, &a);
		CHECK(&c, ret == 0, "WORKER_START with read, flush, c1h");
		memset(&st, 0, sizeof(st));
		st.argsz = sizeof(st);
		st.id = a.id;
		do {
			usleep(10000);
			st.ops = 0;
			ret = ioctl(fd, NVT_IOC_WORKER_STATUS, &st);
		} while (!ret && (st.flags & NVT_WORKER_RUNNING));
		memset(stats, 0xa5, sizeof(stats));
		st.ops = (uintptr_t)stats;
		st.ops_room = 2;
		st.op_histogram = (uintptr_t)hist;
		ret = ioctl(fd, NVT_IOC_WORKER_STATUS, &st);
		for (i = 0; hist && i < 2 * NVT_WORKER_OPH_BINS; i++)
			h += hist[i];
		CHECK(&c, ret == 0 && st.nr_ops == 3 &&
		      stats[0].opcode == NVT_NVM_READ &&
		      stats[1].opcode == NVT_NVM_FLUSH &&
		      stats[2].opcode == 0xa5 &&
		      stats[0].count + stats[1].count < 100 &&
		      stats[0].count > stats[1].count &&
		      h == stats[0].count + stats[1].count &&
		      st.error == NVT_SC_INVALID_OPCODE,
		      "STATUS with room for 2 of 3 opcodes: reads %llu, flushes %llu, histograms %llu, nr_ops %u, error %03x",
		      (unsigned long long)stats[0].count,
		      (unsigned long long)stats[1].count,
		      (unsigned long long)h, st.nr_ops, st.error);
		st.ops_room = NVT_WORKER_MAX_OPS + 1;
		errno = 0;
		CHECK(&c, ioctl(fd, NVT_IOC_WORKER_STATUS, &st) < 0 &&
		      errno == EINVAL, "STATUS with ops_room 257 -> EINVAL");
		st.ops_room = 3;
		st.op_histogram = 4096;
		errno = 0;
		CHECK(&c, ioctl(fd, NVT_IOC_WORKER_STATUS, &st) < 0 &&
		      errno == EFAULT, "STATUS with an unmapped histogram -> EFAULT");
		st.op_histogram = 0;
		st.ops = 0xffff888000001000ull;
		errno = 0;
		CHECK(&c, ioctl(fd, NVT_IOC_WORKER_STATUS, &st) < 0 &&
		      errno == EFAULT, "STATUS with a kernel pointer -> EFAULT");
		st.ops = 0;
		ioctl(fd, NVT_IOC_WORKER_FREE, &st);
		free(hist);
	}
	nvt_qpair_delete(q);
}

int main(int argc, char **argv)
{
	struct nvt_ctrl_opts co;
	struct nvt_worker_result r, r2;
	struct nvt_worker_opts o;
	struct nvt_worker *w1, *w2;
	struct nvt_pcie *pcie;
	struct nvt_ctrl *ctrl;
	struct nvt_ns *ns;
	const char *trace;
	long from;
	long long mmio_plain = -1, sub_plain = -1, mmio_shadow = -1, sub_shadow = -1;
	uint64_t total, sum;
	char err[512];
	unsigned i, bad;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s BDF\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	nvt_ctrl_opts_init(&co, sizeof(co));
	co.warn = quiet;
	if (nvt_pcie_open(argv[1], &pcie, err, sizeof(err)) ||
	    nvt_ctrl_open(pcie, &co, &ctrl, err, sizeof(err)) ||
	    nvt_ns_open(ctrl, nvt_ctrl_ns_id(ctrl, 0), &ns)) {
		printf("not ok 1 - open: %s\n", err);
		return 1;
	}

	/* io_count is exact */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 1000;
	o.qdepth = 16;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 1000 && !r.io_count_write &&
	      !r.error, "io_count 1000: %llu reads, error %u",
	      (unsigned long long)r.io_count_read, r.error);
	CHECK(&c, ret == 0 && hist_total(&r) == 1000 &&
	      nvt_worker_percentile(&r, 50) <= nvt_worker_percentile(&r, 99.9) &&
	      nvt_worker_percentile(&r, 99.9) <= r.latency_max_us,
	      "histogram holds 1000, p50 %u us <= p99.9 %u us <= max %u us",
	      nvt_worker_percentile(&r, 50), nvt_worker_percentile(&r, 99.9),
	      r.latency_max_us);
	nvt_worker_result_free(&r);

	/* slow I/Os: the first 64 kept with what they were, all counted */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 100;
	o.region_start = 3000;
	o.region_end = 4000;
	o.slow_latency_us = 1;
	ret = run(ns, &o, &r);
	for (i = 0, bad = 0; ret == 0 && i < r.nr_slow; i++)
		bad += r.slow[i].opcode != NVT_NVM_READ ||
		       r.slow[i].slba < 3000 || r.slow[i].slba + 8 > 4000 ||
		       r.slow[i].nlb != 8 || r.slow[i].status ||
		       r.slow[i].cplt_us <= r.slow[i].sent_us;
	CHECK(&c, ret == 0 && r.slow_count == 100 &&
	      r.nr_slow == NVT_WORKER_SLOW_KEPT && !bad,
	      "slow_latency 1 us: %llu slow, %u kept, %u of them wrong",
	      (unsigned long long)r.slow_count, r.nr_slow, bad);
	nvt_worker_result_free(&r);
	/* the default, one second: none on the bench */
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 100;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && !r.slow_count && !r.nr_slow,
	      "default slow_latency 1 s: %llu slow",
	      (unsigned long long)r.slow_count);
	nvt_worker_result_free(&r);

	/* a sequential pass over a region: each LBA once */
	nvt_worker_opts_init(&o, sizeof(o));
	o.lba_random = 0;
	o.region_start = 1024;
	o.region_end = 1024 + 8192;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 1024 &&
	      r.lba_count_read == 8192, "one sequential pass: %llu I/Os, %llu LBAs",
	      (unsigned long long)r.io_count_read,
	      (unsigned long long)r.lba_count_read);
	nvt_worker_result_free(&r);

	/* the read/write mix */
	nvt_worker_opts_init(&o, sizeof(o));
	o.read_percentage = 30;
	o.io_count = 4000;
	o.io_size[0] = 1;
	o.io_size[1] = 8;
	o.io_weight[0] = 3;
	o.io_weight[1] = 1;
	o.nr_sizes = 2;
	ret = run(ns, &o, &r);
	total = r.io_count_read + r.io_count_write;
	CHECK(&c, ret == 0 && total == 4000 && r.io_count_read > 900 &&
	      r.io_count_read < 1500 && !r.error,
	      "30 %% reads: %llu reads, %llu writes",
	      (unsigned long long)r.io_count_read,
	      (unsigned long long)r.io_count_write);
	nvt_worker_result_free(&r);

	/* the iops limit, and completions per second */
	nvt_worker_opts_init(&o, sizeof(o));
	o.time_ms = 3000;
	o.iops = 1500;
	o.io_size[0] = 1;
	o.nr_sizes = 1;
	ret = run(ns, &o, &r);
	total = r.io_count_read;
	CHECK(&c, ret == 0 && total >= 4275 && total <= 4725,
	      "iops 1500 for 3 s: %llu I/Os (%.1f %% off)",
	      (unsigned long long)total, (total - 4500.0) / 45.0);
	for (i = 0, sum = 0; i < r.seconds; i++)
		sum += r.io_per_second[i];
	/*
	 * A guest stalled by a busy host completes less in one second and
	 * the limiter catches up in the next: judge two seconds together.
	 */
	CHECK(&c, ret == 0 && sum == total && r.seconds >= 3 &&
	      r.io_per_second[0] && r.io_per_second[1] && r.io_per_second[2] &&
	      r.io_per_second[1] + r.io_per_second[2] >= 2700 &&
	      r.io_per_second[1] + r.io_per_second[2] <= 3300,
	      "per second: %u %u %u ... (sum %llu)", r.io_per_second[0],
	      r.io_per_second[1], r.io_per_second[2], (unsigned long long)sum);
	CHECK(&c, r.mseconds >= 2990 && r.mseconds < 3500 && r.cpu_usage >= 0 &&
	      r.cpu_usage <= 1.01, "%llu ms, cpu usage %.2f",
	      (unsigned long long)r.mseconds, r.cpu_usage);
	nvt_worker_result_free(&r);

	/*
	 * Two workers, a controller reset under them.  Few I/Os in flight:
	 * QEMU 7.2 can crash when reset with many.
	 */
	nvt_worker_opts_init(&o, sizeof(o));
	o.time_ms = 10000;
	o.read_percentage = 50;
	o.qdepth = 2;
	o.iops = 100;
	ret = nvt_worker_start(ns, &o, &w1);
	if (!ret)
		ret = nvt_worker_start(ns, &o, &w2);
	CHECK(&c, ret == 0, "two workers started");
	if (!ret) {
		struct timespec t = { 0, 500000000 };

		nanosleep(&t, NULL);
		CHECK(&c, nvt_worker_running(w1) && nvt_worker_running(w2),
		      "both running");
		CHECK(&c, nvt_ctrl_reset(ctrl) == 0, "controller reset");
		ret = nvt_worker_close(w1, &r);
		ret |= nvt_worker_close(w2, &r2);
		CHECK(&c, ret == 0 && r.error && r2.error &&
		      r.mseconds < 5000 && r2.mseconds < 5000,
		      "both ended at the reset: errors %02x/%02x, %llu and %llu ms, %llu and %llu I/Os",
		      r.error >> 8, r.error & 0xff,
		      (unsigned long long)r.mseconds,
		      (unsigned long long)r2.mseconds,
		      (unsigned long long)(r.io_count_read + r.io_count_write),
		      (unsigned long long)(r2.io_count_read + r2.io_count_write));
		nvt_worker_result_free(&r);
		nvt_worker_result_free(&r2);
	}
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 100;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read == 100 && !r.error,
	      "a worker after the reset works");
	nvt_worker_result_free(&r);

	/*
	 * Shadow doorbells.  The driver writes the register only where the
	 * controller's event index asks for it (an emulated controller that
	 * keeps up asks every time, so the counts show the cost, not a
	 * saving); the witness that the controller reads tails from the
	 * shadow page is its own trace, where the profile has one.
	 */
	trace = getenv("NVT_QEMU_TRACE");
	from = trace ? trace_size(trace) : -1;
	CHECK(&c, nvt_ctrl_reset(ctrl) == 0 &&
	      doorbell_cost(ns, argv[1], &mmio_plain, &sub_plain) == 0 &&
	      mmio_plain > 0 && mmio_plain <= sub_plain,
	      "without shadow doorbells: %lld MMIO SQ doorbell writes for %lld commands",
	      mmio_plain, sub_plain);
	if (trace)
		CHECK(&c, traced_shadow_tails(trace, from) == 0,
		      "QEMU took no SQ tail from a shadow page: %ld",
		      traced_shadow_tails(trace, from));
	CHECK(&c, nvt_ctrl_reset(ctrl) == 0 && nvt_ctrl_shadow_doorbells(ctrl) == 0,
	      "shadow doorbells on: %s", nvt_ctrl_error(ctrl));
	from = trace ? trace_size(trace) : -1;
	CHECK(&c, doorbell_cost(ns, argv[1], &mmio_shadow, &sub_shadow) == 0 &&
	      mmio_shadow > 0 && mmio_shadow <= sub_shadow,
	      "with shadow doorbells: %lld MMIO SQ doorbell writes for %lld commands (without: %lld for %lld)",
	      mmio_shadow, sub_shadow, mmio_plain, sub_plain);
	/* QEMU re-reads the shadow tail as it goes; it appends to its log */
	if (trace) {
		struct timespec pause = { 0, 200000000 };
		long n = 0;

		for (i = 0; i < 25 && (n = traced_shadow_tails(trace, from)) <= 0; i++)
			nanosleep(&pause, NULL);
		CHECK(&c, n > 0,
		      "QEMU took I/O SQ tails from the shadow page: %ld times", n);
	} else {
		printf("# no QEMU trace in this profile: the shadow-page witness runs on basic\n");
	}
	nvt_worker_opts_init(&o, sizeof(o));
	o.io_count = 3000;
	o.read_percentage = 50;
	ret = run(ns, &o, &r);
	CHECK(&c, ret == 0 && r.io_count_read + r.io_count_write == 3000 &&
	      !r.error, "3000 I/Os through shadow doorbells, error %u", r.error);
	nvt_worker_result_free(&r);
	{
		struct nvt_qpair_opts qo;
		struct nvt_qpair *q;

		nvt_qpair_opts_init(&qo, sizeof(qo));
		qo.depth = 8;
		if (!nvt_qpair_create(ctrl, &qo, &q)) {
			CHECK(&c, nvt_ctrl_shadow_doorbells(ctrl) == -EBUSY,
			      "refused once an I/O queue exists: %s",
			      nvt_ctrl_error(ctrl));
			nvt_qpair_delete(q);
		}
	}

	/*
	 * Regions and distribution, witnessed by the data: only the LBAs
	 * they name hold the worker's pattern afterwards.
	 */
	{
		static const uint64_t three[3][2] = {
			{ 100, 132 }, { 1000, 1016 }, { 1500, 1508 } };
		unsigned char marks[MARK_LBAS];
		unsigned a, b;

		nvt_worker_opts_init(&o, sizeof(o));
		o.lba_random = 0;		/* sequential, one pass */
		o.io_size[0] = 4;
		o.nr_sizes = 1;
		memcpy(o.regions, three, sizeof(three));
		o.nr_regions = 3;
		ret = mark_run(pcie, ns, &o, &r, marks);
		CHECK(&c, ret == 0 && r.io_count_write == 14 &&
		      marks_are(marks, three, 3),
		      "sequential pass over 3 regions: %llu writes, %u LBAs marked, exactly the regions",
		      (unsigned long long)r.io_count_write,
		      marked(marks, 0, MARK_LBAS, 1));
		nvt_worker_result_free(&r);

		o.lba_step = -4;
		ret = mark_run(pcie, ns, &o, &r, marks);
		CHECK(&c, ret == 0 && r.io_count_write == 14 &&
		      marks_are(marks, three, 3),
		      "backwards over 3 regions: %llu writes, exactly the regions",
		      (unsigned long long)r.io_count_write);
		nvt_worker_result_free(&r);

		/* random over two regions, 100 and 300 LBAs: about 1 to 3 */
		nvt_worker_opts_init(&o, sizeof(o));
		o.io_count = 400;
		o.io_size[0] = 1;
		o.nr_sizes = 1;
		o.regions[0][0] = 0;
		o.regions[0][1] = 100;
		o.regions[1][0] = 1200;
		o.regions[1][1] = 1500;
		o.nr_regions = 2;
		o.seed = 7;
		ret = mark_run(pcie, ns, &o, &r, marks);
		a = marked(marks, 0, 100, 1);
		b = marked(marks, 1200, 1500, 1);
		if (a + b != marked(marks, 0, MARK_LBAS, 1) ||
		    marked(marks, 0, MARK_LBAS, 2))
			show_marks(marks);
		CHECK(&c, ret == 0 && r.io_count_write == 400 &&
		      a + b == marked(marks, 0, MARK_LBAS, 1) &&
		      !marked(marks, 0, MARK_LBAS, 2) && a >= 40 && b >= 150,
		      "random over 2 regions: %u and %u LBAs written, none outside",
		      a, b);
		nvt_worker_result_free(&r);

		/* a distribution with one part: 1 % of [0, 2000) */
		nvt_worker_opts_init(&o, sizeof(o));
		o.io_count = 200;
		o.io_size[0] = 1;
		o.nr_sizes = 1;
		o.region_end = 2000;
		o.distribution[7] = 1;
		o.seed = 7;
		ret = mark_run(pcie, ns, &o, &r, marks);
		a = marked(marks, 140, 160, 1);
		if (a != marked(marks, 0, MARK_LBAS, 1))
			show_marks(marks);
		CHECK(&c, ret == 0 && a >= 15 &&
		      a == marked(marks, 0, MARK_LBAS, 1),
		      "distribution part 7 only: %u of LBAs 140..159 written, %u elsewhere",
		      a, marked(marks, 0, MARK_LBAS, 1) - a);
		nvt_worker_result_free(&r);

		/* bad regions and distributions: clear errors */
		nvt_worker_opts_init(&o, sizeof(o));
		o.io_count = 10;
		o.nr_regions = 9;
		CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
		      "9 regions refused: %s", nvt_ctrl_error(ctrl));
		o.nr_regions = 2;
		o.regions[0][1] = 10;
		o.regions[1][0] = 20;
		o.regions[1][1] = nvt_ns_size(ns) + 1;
		CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
		      "a region past the end refused: %s", nvt_ctrl_error(ctrl));
		o.regions[1][1] = 24;
		o.io_size[0] = 8;
		o.nr_sizes = 1;
		CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
		      "a region smaller than one I/O refused: %s",
		      nvt_ctrl_error(ctrl));
		o.nr_regions = 0;
		o.distribution[3] = 1;
		o.lba_random = 0;
		CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
		      "a distribution for sequential I/O refused: %s",
		      nvt_ctrl_error(ctrl));
	}

	if (getenv("NVT_QEMU_TRACE"))
		trace_witness(ns, getenv("NVT_QEMU_TRACE"));
	else
		printf("# no QEMU trace in this profile: its witness runs on basic\n");

	/* a replayed sequence at its times, and the records it leaves */
	{
		const struct nvt_worker_io seq[] = {
			{ 0, 8, NVT_NVM_WRITE, 0 },
			{ 100, 8, NVT_NVM_READ, 0 },
			{ 200, 1, NVT_NVM_WRITE, 300000 },
			{ 0, 8, NVT_NVM_READ, 600000 },
		};
		struct nvt_worker_io bad[] = {
			{ 0, 8, NVT_NVM_READ, 0 },
			{ nvt_ns_size(ns), 1, NVT_NVM_READ, 0 },
			{ 8, 8, NVT_NVM_READ, 0 },
		};
		const struct nvt_worker_cmd *k = NULL;

		nvt_worker_opts_init(&o, sizeof(o));
		o.io_sequence = seq;
		o.nr_io_sequence = 4;
		o.cmdlist_max = 10;
		ret = run(ns, &o, &r);
		CHECK(&c, ret == 0 && r.io_count_write == 2 &&
		      r.io_count_read == 2 && r.lba_count_write == 9 &&
		      r.mseconds >= 600 && r.nr_ops == 2 &&
		      r.op[0] == NVT_NVM_WRITE && r.op_count[0] == 2 &&
		      r.op[1] == NVT_NVM_READ && r.op_count[1] == 2 && !r.error,
		      "io_sequence of 4: %llu writes, %llu reads in %llu ms",
		      (unsigned long long)r.io_count_write,
		      (unsigned long long)r.io_count_read,
		      (unsigned long long)r.mseconds);
		for (i = 0; i < r.nr_cmdlist; i++)
			if (r.cmdlist[i].slba == 200)
				k = &r.cmdlist[i];
		CHECK(&c, ret == 0 && r.nr_cmdlist == 4 &&
		      r.cmdlist[0].slba == 0 && r.cmdlist[0].nlb == 8 &&
		      r.cmdlist[0].opcode == NVT_NVM_READ &&
		      r.cmdlist[0].sent_us >= 600000 &&
		      r.cmdlist[0].cplt_us >= r.cmdlist[0].sent_us &&
		      k && k->opcode == NVT_NVM_WRITE && k->nlb == 1 &&
		      k->sent_us >= 300000 && k->sent_us < 600000,
		      "cmdlist: %u records, newest read at %llu us, the write of LBA 200 sent at %llu us",
		      r.nr_cmdlist,
		      (unsigned long long)(r.nr_cmdlist ? r.cmdlist[0].sent_us : 0),
		      (unsigned long long)(k ? k->sent_us : 0));
		nvt_worker_result_free(&r);

		/* an LBA out of range among three: only its record kept */
		o.io_sequence = bad;
		o.nr_io_sequence = 3;
		o.cmdlist_errors_only = true;
		o.exit_on_error = false;	/* all three, past the error */
		ret = run(ns, &o, &r);
		CHECK(&c, ret == 0 && r.io_count_read == 3 &&
		      r.error == NVT_SC_LBA_RANGE && r.nr_cmdlist == 1 &&
		      r.cmdlist[0].slba == nvt_ns_size(ns) &&
		      r.cmdlist[0].status == NVT_SC_LBA_RANGE,
		      "errors only: %u record(s), status %03x at LBA %llu",
		      r.nr_cmdlist, r.nr_cmdlist ? r.cmdlist[0].status : 0,
		      (unsigned long long)(r.nr_cmdlist ? r.cmdlist[0].slba : 0));
		nvt_worker_result_free(&r);

		o.cmdlist_errors_only = false;
		o.exit_on_error = false;
		bad[1].slba = 16;
		bad[1].opcode = 0x06;	/* no NVM command: sent, and refused */
		ret = run(ns, &o, &r);
		CHECK(&c, ret == 0 && r.io_count_read == 2 &&
		      r.io_count_nonread == 1 && r.nr_ops == 2 &&
		      r.op[1] == 0x06 && r.op_count[1] == 1 &&
		      r.error == NVT_SC_INVALID_OPCODE &&
		      (r.error_cmd[0] & 0xff) == 0x06,
		      "io_sequence with opcode 06h: sent, error %03x of opcode %02xh",
		      r.error, r.error_cmd[0] & 0xff);
		nvt_worker_result_free(&r);
		bad[1].opcode = NVT_NVM_READ;
		bad[1].nlb = 0;
		CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
		      "io_sequence with 0 LBAs refused: %s", nvt_ctrl_error(ctrl));
	}

	/*
	 * Data verification under workers: every read checked against what
	 * was written, overlapping I/O kept apart by LBA locks (two workers
	 * on the same 1024 LBAs), and a stale table caught as 07/fd.
	 */
	{
		char path[] = "/tmp/nvt-vtable-XXXXXX";
		uint64_t mis = 1;
		int fd = mkstemp(path);

		if (fd >= 0)
			close(fd);
		ret = nvt_ns_datacheck_enable(ns, true, 0);
		CHECK(&c, ret == 0, "verification on (%d)", ret);
		nvt_worker_opts_init(&o, sizeof(o));
		o.lba_random = 0;		/* one sequential pass */
		o.read_percentage = 0;
		o.region_end = 1024;
		o.ptype = NVT_WORKER_PTYPE_RANDOM_PCT;
		o.pvalue = 100;
		ret = run(ns, &o, &r);
		CHECK(&c, ret == 0 && r.io_count_write == 128 && !r.error,
		      "verified: 1024 LBAs written, error %03x", r.error);
		nvt_worker_result_free(&r);

		nvt_worker_opts_init(&o, sizeof(o));
		o.io_count = 2000;
		o.read_percentage = 50;
		o.region_end = 1024;
		o.io_size[0] = 1;
		o.io_size[1] = 8;
		o.nr_sizes = 2;
		o.qdepth = 16;
		o.ptype = NVT_WORKER_PTYPE_RANDOM_PCT;
		o.pvalue = 100;
		ret = nvt_worker_start(ns, &o, &w1);
		if (!ret)
			ret = nvt_worker_start(ns, &o, &w2);
		if (!ret) {
			ret = nvt_worker_close(w1, &r);
			ret |= nvt_worker_close(w2, &r2);
			ret |= nvt_ns_datacheck_miscompares(ns, &mis);
			CHECK(&c, ret == 0 && !r.error && !r2.error &&
			      r.io_count_read + r.io_count_write == 2000 &&
			      r2.io_count_read + r2.io_count_write == 2000 && !mis,
			      "two workers mixing reads and writes on the same 1024 LBAs: %llu + %llu reads checked, errors %03x/%03x, %llu miscompares",
			      (unsigned long long)r.io_count_read,
			      (unsigned long long)r2.io_count_read, r.error,
			      r2.error, (unsigned long long)mis);
			nvt_worker_result_free(&r);
			nvt_worker_result_free(&r2);
		} else {
			CHECK(&c, 0, "two verified workers: %s",
			      nvt_ctrl_error(ctrl));
		}

		/* the table of before the last writes: reads must catch it */
		ret = nvt_ns_datacheck_save(ns, path);
		CHECK(&c, ret == 0, "table saved (%d)", ret);
		nvt_worker_opts_init(&o, sizeof(o));
		o.lba_random = 0;
		o.read_percentage = 0;
		o.region_end = 1024;
		ret = run(ns, &o, &r);
		nvt_worker_result_free(&r);
		if (!ret)
			ret = nvt_ns_datacheck_load(ns, path);
		CHECK(&c, ret == 0, "rewritten, old table loaded (%d)", ret);
		nvt_worker_opts_init(&o, sizeof(o));
		o.lba_random = 0;
		o.region_end = 1024;
		o.exit_on_error = true;
		ret = run(ns, &o, &r);
		ret |= nvt_ns_datacheck_miscompares(ns, &mis);
		CHECK(&c, ret == 0 && r.error == NVT_STATUS_DATACHECK && mis >= 1,
		      "a read of data the table does not know: error %02x/%02x, %llu miscompares",
		      r.error >> 8, r.error & 0xff, (unsigned long long)mis);
		nvt_worker_result_free(&r);
		unlink(path);
		CHECK(&c, nvt_ns_datacheck_disable(ns) == 0, "verification off");
	}

	op_mix(pcie, ctrl, ns);

	/* bad input: a clear error, nothing started */
	nvt_worker_opts_init(&o, sizeof(o));
	o.region_start = 100;
	o.region_end = 50;
	CHECK(&c, nvt_worker_start(ns, &o, &w1) == -EINVAL,
	      "bad region refused: %s", nvt_ctrl_error(ctrl));
	o.region_end = 0;
	o.io_size[0] = 2048;
	o.nr_sizes = 1;
	o.qdepth = 256;
	CHECK(&c, nvt_worker_start(ns, &o, &w1) < 0,
	      "too much buffer refused: %s", nvt_ctrl_error(ctrl));

	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
	return check_exit(&c);
}
