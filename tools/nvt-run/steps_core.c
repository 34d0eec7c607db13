// SPDX-License-Identifier: MIT
/* Steps that need no device: variables, checks, flow, buffers, files. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <nvt/nvt.h>

#include "device.h"
#include "run.h"
#include "exec.h"
#include "scope.h"
#include "steps.h"

static int step_set(struct step *st)
{
	const struct node *a = st->args;
	size_t i;

	for (i = 0; i < a->n; i++) {
		struct val v;
		int64_t n;

		if (scalar_int(a->items[i]->str, &n)) {
			val_int(&v, n);
		} else if (exec_eval(st->x, a->items[i]->str, &v, NULL)) {
			char msg[sizeof(st->x->msg)];

			snprintf(msg, sizeof(msg), "%s", st->x->msg);
			return step_fail(st, STEP_FAIL, "%s: %s",
					 a->keys[i]->str, msg);
		}
		if (scope_set(st->x->scope, a->keys[i]->str, &v))
			return step_fail(st, STEP_ERROR, "out of memory");
		st->res.have_value = true;
		st->res.value = v;
	}
	return STEP_OK;
}

static int step_check(struct step *st)
{
	const struct node *that = arg_node(st, "that");
	char msg[512];
	size_t i;
	int ret;

	ret = arg_str(st, "msg", "", msg, sizeof(msg));
	if (ret)
		return ret;
	if (that->type == NODE_SCALAR)
		return step_check_expr(st, that->str, msg);
	for (i = 0; i < that->n; i++) {
		if (that->items[i]->type != NODE_SCALAR)
			return step_fail(st, STEP_FAIL,
					 "that: each item must be an expression");
		ret = step_check_expr(st, that->items[i]->str, msg);
		if (ret)
			return ret;
	}
	return STEP_OK;
}

static int step_log(struct step *st)
{
	char msg[1024];
	int ret = arg_str(st, "msg", "", msg, sizeof(msg));

	if (ret)
		return ret;
	exec_log(st->x, "%s", msg);
	return STEP_OK;
}

static int step_sleep(struct step *st)
{
	struct timespec ts;
	int64_t ms;
	int ret = arg_int(st, "ms", 0, &ms);

	if (ret)
		return ret;
	if (ms < 0 || ms > 3600 * 1000)
		return step_fail(st, STEP_FAIL, "ms must be 0..3600000, not %lld",
				 (long long)ms);
	if (ms)		/* no further than the time limit */
		ms = exec_wait_ms(st->x, ms);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	return STEP_OK;
}

/*
 * One pass of a loop or repeat.  Only the first pass's steps go into the
 * test log (a loop over 65536 CIDs would write megabytes); a later pass
 * logs the step that failed and which pass it was.
 */
static int run_pass(struct step *st, const struct node *steps, int64_t pass,
		    const char *var, int64_t value)
{
	struct exec *x = st->x;
	int ret;

	if (pass == 0 || (x->r->opts && x->r->opts->log_level == LOG_LEVEL_DEBUG))
		return exec_steps(x, steps);
	x->quiet++;
	ret = exec_steps(x, steps);
	x->quiet--;
	if (ret && var[0])
		exec_log(x, "  in pass %lld of %s (%s = %lld; earlier passes after the first not logged)",
			 (long long)pass + 1, st->def->name, var, (long long)value);
	else if (ret)
		exec_log(x, "  in pass %lld of %s (earlier passes after the first not logged)",
			 (long long)pass + 1, st->def->name);
	return ret;
}

static void log_passes(struct step *st, int64_t passes)
{
	if (passes > 1 && !st->x->quiet)
		exec_log(st->x, "  %s: %lld passes, the steps of the first logged",
			 st->def->name, (long long)passes);
}

static int step_loop(struct step *st)
{
	const struct node *values = arg_node(st, "values");
	const struct node *range = arg_node(st, "range");
	const struct node *steps = arg_node(st, "steps");
	int64_t r[3] = { 0, 0, 1 }, i, pass = 0;
	char var[64];
	size_t k;
	int ret;

	ret = arg_str(st, "var", NULL, var, sizeof(var));
	if (ret)
		return ret;
	if (!scope_name_ok(var))
		return step_fail(st, STEP_FAIL, "var: '%s' is not a valid name",
				 var);
	if (!values == !range)
		return step_fail(st, STEP_FAIL,
				 "give either values: [..] or range: [start, stop, step]");
	if (values) {
		for (k = 0; k < values->n; k++) {
			struct val v;
			int64_t n;

			if (values->items[k]->type != NODE_SCALAR)
				return step_fail(st, STEP_FAIL,
						 "values: item %zu is not a value",
						 k);
			if (scalar_int(values->items[k]->str, &n))
				val_int(&v, n);
			else if (exec_eval(st->x, values->items[k]->str, &v,
					   NULL))
				return step_fail(st, STEP_FAIL, "values: %s",
						 values->items[k]->str);
			if (scope_set(st->x->scope, var, &v))
				return step_fail(st, STEP_ERROR, "out of memory");
			ret = run_pass(st, steps, pass++, var, v.is_str ? 0 : v.i);
			if (ret)
				return ret;
		}
		log_passes(st, pass);
		return STEP_OK;
	}
	if (range->n < 1 || range->n > 3)
		return step_fail(st, STEP_FAIL,
				 "range: [stop], [start, stop] or [start, stop, step]");
	for (k = 0; k < range->n; k++) {
		struct val v;

		if (range->items[k]->type != NODE_SCALAR ||
		    exec_eval(st->x, range->items[k]->str, &v, NULL) || v.is_str)
			return step_fail(st, STEP_FAIL,
					 "range: item %zu is not a number", k);
		r[range->n == 1 ? 1 : k] = v.i;
	}
	if (!r[2])
		return step_fail(st, STEP_FAIL, "range: step must not be 0");
	for (i = r[0]; r[2] > 0 ? i < r[1] : i > r[1]; i += r[2]) {
		if (scope_set_int(st->x->scope, var, i))
			return step_fail(st, STEP_ERROR, "out of memory");
		ret = run_pass(st, steps, pass++, var, i);
		if (ret)
			return ret;
	}
	log_passes(st, pass);
	return STEP_OK;
}

static int step_repeat(struct step *st)
{
	const struct node *steps = arg_node(st, "steps");
	char var[64];
	int64_t count, i;
	int ret;

	ret = arg_int(st, "count", 0, &count);
	if (!ret)
		ret = arg_str(st, "var", "", var, sizeof(var));
	if (ret)
		return ret;
	if (count < 0)
		return step_fail(st, STEP_FAIL, "count must not be negative");
	if (var[0] && !scope_name_ok(var))
		return step_fail(st, STEP_FAIL, "var: '%s' is not a valid name",
				 var);
	for (i = 0; i < count; i++) {
		if (var[0] && scope_set_int(st->x->scope, var, i))
			return step_fail(st, STEP_ERROR, "out of memory");
		ret = run_pass(st, steps, i, var, i);
		if (ret)
			return ret;
	}
	log_passes(st, count);
	return STEP_OK;
}

/* The optional `when` of skip and fail: 1 holds, 0 not, or a step_rc. */
static int when_holds(struct step *st)
{
	bool when;
	int ret = arg_bool(st, "when", true, &when);

	return ret ? -ret : when;
}

static int step_skip(struct step *st)
{
	char reason[512];
	int ret = when_holds(st);

	if (ret <= 0)
		return -ret;
	ret = arg_str(st, "reason", "skipped by the test", reason,
		      sizeof(reason));
	if (ret)
		return ret;
	snprintf(st->x->msg, sizeof(st->x->msg), "%s", reason);
	return STEP_SKIP;
}

static int step_fail_now(struct step *st)
{
	char reason[512];
	int ret = when_holds(st);

	if (ret <= 0)
		return -ret;
	ret = arg_str(st, "reason", "failed by the test", reason,
		      sizeof(reason));
	if (ret)
		return ret;
	return step_fail(st, STEP_FAIL, "%s", reason);
}

/* Poll an expression (a register, a buffer) until it holds. */
static int step_wait_until(struct step *st)
{
	const struct node *that = arg_node(st, "that");
	struct timespec t0, now, pause = { 0, 1000000 };
	int64_t timeout, waited;
	struct val v;

	if (arg_int(st, "timeout", 5000, &timeout))
		return STEP_FAIL;
	if (timeout < 0 || timeout > 3600 * 1000)
		return step_fail(st, STEP_FAIL, "timeout must be 0..3600000 ms");
	if (timeout)
		timeout = exec_wait_ms(st->x, timeout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (exec_eval(st->x, that->str, &v, NULL)) {
			char msg[sizeof(st->x->msg)];

			snprintf(msg, sizeof(msg), "%s", st->x->msg);
			return step_fail(st, STEP_FAIL, "%s", msg);
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited = (now.tv_sec - t0.tv_sec) * 1000 +
			 (now.tv_nsec - t0.tv_nsec) / 1000000;
		if (val_truth(&v)) {
			step_set_value(st, waited);
			return STEP_OK;
		}
		if (waited >= timeout)
			return step_fail(st, STEP_FAIL,
					 "%s still false after %lld ms",
					 that->str, (long long)timeout);
		nanosleep(&pause, NULL);
	}
}

static int step_buffer(struct step *st)
{
	char name[128], pattern[32];
	enum nvt_pattern pat;
	struct nvt_buf *buf;
	int64_t size, value, offset, wsize;
	bool host, cmb, pmr;
	int ret;

	ret = arg_str(st, "name", NULL, name, sizeof(name));
	if (!ret)
		ret = arg_int(st, "size", 4096, &size);
	if (!ret)
		ret = arg_str(st, "pattern", "zeros", pattern, sizeof(pattern));
	if (!ret)
		ret = arg_int(st, "value", 0, &value);
	if (!ret)
		ret = arg_bool(st, "host", false, &host);
	if (!ret)
		ret = arg_bool(st, "cmb", false, &cmb);
	if (!ret)
		ret = arg_bool(st, "pmr", false, &pmr);
	if (!ret)
		ret = arg_int(st, "offset", 0, &offset);
	if (ret)
		return ret;
	if (host + cmb + pmr > 1)
		return step_fail(st, STEP_FAIL,
				 "host, cmb and pmr: one of them at most");
	if (!scope_name_ok(name))
		return step_fail(st, STEP_FAIL, "name: '%s' is not a valid name",
				 name);
	if (size < 1 || size > NVT_BUF_MAX_LEN)
		return step_fail(st, STEP_FAIL, "size must be 1..%llu, not %lld",
				 (unsigned long long)NVT_BUF_MAX_LEN,
				 (long long)size);
	ret = arg_int(st, "window", size - offset, &wsize);
	if (ret)
		return ret;
	if (offset < 0 || wsize < 0 || offset + wsize > size)
		return step_fail(st, STEP_FAIL,
				 "offset %lld + window %lld exceed the size %lld",
				 (long long)offset, (long long)wsize,
				 (long long)size);
	if (nvt_pattern_parse(pattern, &pat))
		return step_fail(st, STEP_FAIL,
				 "pattern '%s': expected zeros, ones, dword, random, inc16 or dec16",
				 pattern);
	if (host) {
		ret = nvt_buf_alloc_host(size, &buf);
	} else {
		struct nvt_ctrl *ctrl = exec_ctrl(st->x);

		if (!ctrl)
			return STEP_ERROR;
		ret = nvt_buf_alloc_in(nvt_ctrl_pcie(ctrl), size,
				       cmb ? NVT_MEM_CMB :
				       pmr ? NVT_MEM_PMR : NVT_MEM_HOST, &buf);
		if (ret && (cmb || pmr))
			return step_call_failed(st, ctrl,
						nvt_pcie_error(nvt_ctrl_pcie(ctrl)),
						ret);
	}
	if (ret)
		return step_fail(st, STEP_ERROR, "cannot allocate %lld bytes: %s",
				 (long long)size, strerror(-ret));
	ret = nvt_buf_fill(buf, pat, (uint32_t)value);
	if (!ret)
		ret = nvt_buf_set_window(buf, offset, wsize);
	if (ret) {
		char msg[256];

		snprintf(msg, sizeof(msg), "%s", nvt_buf_error(buf));
		nvt_buf_free(buf);
		return step_fail(st, STEP_FAIL, "%s", msg);
	}
	if (scope_put_buf(st->x->scope, name, buf)) {
		nvt_buf_free(buf);
		return step_fail(st, STEP_ERROR, "out of memory");
	}
	return STEP_OK;
}

static int step_fill(struct step *st)
{
	char pattern[32];
	enum nvt_pattern pat;
	struct nvt_buf *buf;
	int64_t value;
	int ret;

	ret = arg_buf(st, "buf", NULL, 0, &buf);
	if (!ret)
		ret = arg_str(st, "pattern", "zeros", pattern, sizeof(pattern));
	if (!ret)
		ret = arg_int(st, "value", 0, &value);
	if (ret)
		return ret;
	if (nvt_pattern_parse(pattern, &pat))
		return step_fail(st, STEP_FAIL,
				 "pattern '%s': expected zeros, ones, dword, random, inc16 or dec16",
				 pattern);
	if (nvt_buf_fill(buf, pat, (uint32_t)value))
		return step_fail(st, STEP_FAIL, "%s", nvt_buf_error(buf));
	return STEP_OK;
}

static int step_poke(struct step *st)
{
	struct nvt_buf *buf;
	int64_t first, last, value;
	int ret;

	ret = arg_buf(st, "buf", NULL, 0, &buf);
	if (!ret)
		ret = arg_int(st, "first", 0, &first);
	if (!ret)
		ret = arg_int(st, "last", first, &last);
	if (!ret)
		ret = arg_int(st, "value", 0, &value);
	if (ret)
		return ret;
	if (first < 0 || last < first ||
	    nvt_buf_set_int(buf, first, last, (uint64_t)value))
		return step_fail(st, STEP_FAIL, "bytes %lld..%lld: %s",
				 (long long)first, (long long)last,
				 first < 0 || last < first ? "bad range" :
				 nvt_buf_error(buf));
	return STEP_OK;
}

static int step_dump(struct step *st)
{
	struct nvt_buf *buf;
	int64_t size;
	int ret;

	ret = arg_buf(st, "buf", NULL, 0, &buf);
	if (!ret)
		ret = arg_int(st, "size", 256, &size);
	if (ret)
		return ret;
	if (size < 0)
		return step_fail(st, STEP_FAIL, "size must not be negative");
	nvt_buf_dump(buf, size, st->x->log);
	return STEP_OK;
}

/* A byte range [first, last] of each unit; last < first: none. */
struct unit_range {
	int64_t first, last;
	bool given;
};

static int arg_unit_range(struct step *st, const char *name,
			  struct unit_range *r)
{
	const struct node *n = arg_node(st, name);
	int64_t v[2];
	size_t k;

	memset(r, 0, sizeof(*r));
	if (!n)
		return 0;
	if (n->type != NODE_SEQ || n->n != 2)
		return step_fail(st, STEP_FAIL,
				 "%s: [first, last], bytes of each unit", name);
	for (k = 0; k < 2; k++) {
		struct val x;

		if (n->items[k]->type != NODE_SCALAR ||
		    exec_eval(st->x, n->items[k]->str, &x, NULL) || x.is_str)
			return step_fail(st, STEP_FAIL,
					 "%s: item %zu is not a number", name,
					 k);
		v[k] = x.i;
	}
	if (v[0] < 0)
		return step_fail(st, STEP_FAIL, "%s: first must be >= 0", name);
	r->first = v[0];
	r->last = v[1];
	r->given = true;
	return 0;
}

static bool in_range(const struct unit_range *r, size_t at)
{
	return (int64_t)at >= r->first && (int64_t)at <= r->last;
}

/*
 * The first byte of @size where @a and @b differ among those compared:
 * byte i of each @unit is compared when it is in @only (or @only is not
 * given) and not in @except.  @size when none differs.
 */
static size_t buf_units_diff(const uint8_t *a, const uint8_t *b, size_t size,
		      size_t unit, const struct unit_range *only,
		      const struct unit_range *except)
{
	size_t off;

	for (off = 0; off < size; off++) {
		size_t in = off % unit;

		if (only->given && !in_range(only, in))
			continue;
		if (except->given && in_range(except, in))
			continue;
		if (a[off] != b[off])
			return off;
	}
	return size;
}

/*
 * buf_compare with "or": each @unit bytes of @a hold what @with holds there
 * or what @alt holds there (a deallocated LBA may read as the data it had or
 * as DLFEAT says), the bytes of each unit compared as buf_units_diff()
 * says.  The step's value is the number of units that matched only @alt;
 * it fails at the first unit that matches neither.
 */
static int compare_units(struct step *st, const struct nvt_buf *a,
			 const struct nvt_buf *with, const struct nvt_buf *alt,
			 int64_t unit, const struct unit_range *only,
			 const struct unit_range *except)
{
	const uint8_t *pa = nvt_buf_data(a) + nvt_buf_offset(a);
	const uint8_t *pw = nvt_buf_data(with) + nvt_buf_offset(with);
	const uint8_t *po = nvt_buf_data(alt) + nvt_buf_offset(alt);
	size_t size = nvt_buf_size(a), off, u;
	int64_t from_alt = 0;

	if (unit <= 0 || size % (size_t)unit)
		return step_fail(st, STEP_FAIL,
				 "unit %lld does not divide the buffer's %zu bytes",
				 (long long)unit, size);
	if (nvt_buf_size(with) != size || nvt_buf_size(alt) != size)
		return step_fail(st, STEP_FAIL,
				 "the buffers are %zu, %zu and %zu bytes: compare buffers of one size",
				 size, nvt_buf_size(with), nvt_buf_size(alt));
	u = (size_t)unit;
	for (off = 0; off < size; off += u) {
		if (buf_units_diff(pa + off, pw + off, u, u, only, except) == u)
			continue;
		if (buf_units_diff(pa + off, po + off, u, u, only, except) == u) {
			from_alt++;
			continue;
		}
		step_set_value(st, (int64_t)off);
		return step_fail(st, STEP_FAIL,
				 "unit %zu (bytes %zu..%zu) holds neither buffer's bytes",
				 off / u, off, off + u - 1);
	}
	step_set_value(st, from_alt);
	return STEP_OK;
}

static int step_buf_compare(struct step *st)
{
	struct nvt_buf *a, *b, *alt;
	struct unit_range only, except;
	char na[128], nb[128];
	int64_t unit;
	size_t diff;
	int ret;

	ret = arg_buf(st, "buf", NULL, 0, &a);
	if (!ret)
		ret = arg_buf(st, "with", NULL, 0, &b);
	if (!ret)
		ret = arg_int(st, "unit", 0, &unit);
	if (!ret)
		ret = arg_unit_range(st, "only", &only);
	if (!ret)
		ret = arg_unit_range(st, "except", &except);
	if (!ret)
		ret = arg_str(st, "buf", NULL, na, sizeof(na));
	if (!ret)
		ret = arg_str(st, "with", NULL, nb, sizeof(nb));
	if (ret)
		return ret;
	if (arg_node(st, "or")) {
		ret = arg_buf(st, "or", NULL, 0, &alt);
		if (ret)
			return ret;
		return compare_units(st, a, b, alt, unit, &only, &except);
	}
	if (only.given || except.given) {
		if (unit <= 0 || nvt_buf_size(a) % (size_t)unit)
			return step_fail(st, STEP_FAIL,
					 "unit %lld does not divide the buffer's %zu bytes",
					 (long long)unit, nvt_buf_size(a));
		if (nvt_buf_size(b) != nvt_buf_size(a))
			return step_fail(st, STEP_FAIL,
					 "the buffers are %zu and %zu bytes: compare buffers of one size",
					 nvt_buf_size(a), nvt_buf_size(b));
		diff = buf_units_diff(nvt_buf_data(a) + nvt_buf_offset(a),
				      nvt_buf_data(b) + nvt_buf_offset(b),
				      nvt_buf_size(a), (size_t)unit, &only,
				      &except);
		if (diff == nvt_buf_size(a)) {
			step_set_value(st, -1);
			return STEP_OK;
		}
		step_set_value(st, (int64_t)diff);
		return step_fail(st, STEP_FAIL,
				 "'%s' and '%s' differ at byte %zu (unit %zu, its byte %zu): 0x%02x vs 0x%02x",
				 na, nb, diff, diff / (size_t)unit,
				 diff % (size_t)unit,
				 nvt_buf_data(a)[nvt_buf_offset(a) + diff],
				 nvt_buf_data(b)[nvt_buf_offset(b) + diff]);
	}
	if (!nvt_buf_compare(a, b, &diff)) {
		step_set_value(st, -1);
		return STEP_OK;
	}
	step_set_value(st, (int64_t)diff);
	return step_fail(st, STEP_FAIL,
			 "'%s' and '%s' differ at byte %zu: 0x%02x vs 0x%02x",
			 na, nb, diff, diff < nvt_buf_size(a) ?
			 nvt_buf_data(a)[nvt_buf_offset(a) + diff] : 0,
			 diff < nvt_buf_size(b) ?
			 nvt_buf_data(b)[nvt_buf_offset(b) + diff] : 0);
}

/* Append one row to a CSV file in the test's results folder. */
static int step_csv(struct step *st)
{
	const struct node *row = arg_node(st, "row");
	const struct node *header = arg_node(st, "header");
	char file[256], path[PATH_MAX];
	struct stat sb;
	bool fresh;
	size_t i;
	FILE *f;
	int ret;

	ret = arg_str(st, "file", NULL, file, sizeof(file));
	if (ret)
		return ret;
	if (!file[0] || strchr(file, '/') || file[0] == '.')
		return step_fail(st, STEP_FAIL,
				 "file: a plain file name, not '%s'", file);
	if (!st->x->outdir)
		return step_fail(st, STEP_ERROR, "no results folder");
	if (mkdir(st->x->outdir, 0755) && errno != EEXIST)
		return step_fail(st, STEP_ERROR, "%s: %s", st->x->outdir,
				 strerror(errno));
	snprintf(path, sizeof(path), "%s/%s", st->x->outdir, file);
	fresh = stat(path, &sb) != 0;
	f = fopen(path, "a");
	if (!f)
		return step_fail(st, STEP_ERROR, "%s: %s", path, strerror(errno));
	if (fresh && header)
		for (i = 0; i < header->n; i++)
			fprintf(f, "%s%s", i ? "," : "",
				header->items[i]->type == NODE_SCALAR ?
				header->items[i]->str : "");
	if (fresh && header)
		fputc('\n', f);
	for (i = 0; i < row->n; i++) {
		struct val v;

		if (row->items[i]->type != NODE_SCALAR ||
		    exec_eval(st->x, row->items[i]->str, &v, NULL)) {
			fclose(f);
			return step_fail(st, STEP_FAIL, "row: item %zu: %s", i,
					 st->x->msg);
		}
		if (v.is_str)
			fprintf(f, "%s\"%s\"", i ? "," : "", v.s);
		else if (v.is_real)
			fprintf(f, "%s%g", i ? "," : "", v.r);
		else
			fprintf(f, "%s%lld", i ? "," : "", (long long)v.i);
	}
	fputc('\n', f);
	if (fclose(f))
		return step_fail(st, STEP_ERROR, "%s: %s", path, strerror(errno));
	return STEP_OK;
}

static const struct arg_def set_args[] = { { NULL } };
static const struct arg_def check_args[] = {
	{ "that", ARG_ANY, true, "expression(s) that must be true" },
	{ "msg", ARG_STR, false, "text to add to the failure" },
	{ NULL }
};
static const struct arg_def log_args[] = {
	{ "msg", ARG_STR, true, "text; {expr} is replaced by its value" },
	{ NULL }
};
static const struct arg_def sleep_args[] = {
	{ "ms", ARG_INT, true, "milliseconds" }, { NULL }
};
static const struct arg_def loop_args[] = {
	{ "var", ARG_STR, true, "the variable set on each pass" },
	{ "values", ARG_LIST, false, "the values, in order" },
	{ "range", ARG_LIST, false, "[stop], [start, stop] or [start, stop, step]" },
	{ "steps", ARG_STEPS, true, "the steps of each pass" },
	{ NULL }
};
static const struct arg_def repeat_args[] = {
	{ "count", ARG_INT, true, "how many times" },
	{ "steps", ARG_STEPS, true, "the steps to repeat" },
	{ "var", ARG_STR, false, "variable set to 0, 1, ..." },
	{ NULL }
};
static const struct arg_def reason_args[] = {
	{ "reason", ARG_STR, false, "why" },
	{ "when", ARG_BOOL, false, "only when this holds (default: always)" },
	{ NULL }
};
static const struct arg_def wait_until_args[] = {
	{ "that", ARG_STR, true, "the expression to wait for" },
	{ "timeout", ARG_INT, false, "milliseconds (default 5000)" },
	{ NULL }
};
static const struct arg_def buffer_args[] = {
	{ "name", ARG_STR, true, "the name later steps use" },
	{ "size", ARG_INT, false, "bytes (default 4096)" },
	{ "pattern", ARG_STR, false, "zeros, ones, dword, random, inc16, dec16" },
	{ "value", ARG_INT, false, "the pattern's value (random: percent of random bytes, default all)" },
	{ "offset", ARG_INT, false, "start of the window commands transfer" },
	{ "window", ARG_INT, false, "size of that window (default: to the end)" },
	{ "host", ARG_BOOL, false, "plain host memory, no DMA address" },
	{ "cmb", ARG_BOOL, false, "in the controller's Controller Memory Buffer" },
	{ "pmr", ARG_BOOL, false, "in the controller's Persistent Memory Region" },
	{ NULL }
};
static const struct arg_def fill_args[] = {
	{ "buf", ARG_STR, true, "the buffer" },
	{ "pattern", ARG_STR, false, "zeros, ones, dword, random, inc16, dec16" },
	{ "value", ARG_INT, false, "the pattern's value (random: percent of random bytes, default all)" },
	{ NULL }
};
static const struct arg_def poke_args[] = {
	{ "buf", ARG_STR, true, "the buffer" },
	{ "first", ARG_INT, true, "first byte" },
	{ "last", ARG_INT, false, "last byte (default: first), at most 8 bytes" },
	{ "value", ARG_INT, true, "little-endian value" },
	{ NULL }
};
static const struct arg_def dump_args[] = {
	{ "buf", ARG_STR, true, "the buffer" },
	{ "size", ARG_INT, false, "bytes to show (default 256, 0: all)" },
	{ NULL }
};
static const struct arg_def compare_args[] = {
	{ "buf", ARG_STR, true, "one buffer" },
	{ "with", ARG_STR, true, "the other" },
	{ "or", ARG_STR, false,
	  "a third: each unit must match \"with\" or this one" },
	{ "unit", ARG_INT, false, "bytes a unit (with \"or\", \"only\" or \"except\"), e.g. ns.lba_bytes" },
	{ "only", ARG_LIST, false, "[first, last]: compare only these bytes of each unit" },
	{ "except", ARG_LIST, false, "[first, last]: leave these bytes of each unit out (last < first: none)" },
	{ NULL }
};
static const struct arg_def csv_args[] = {
	{ "file", ARG_STR, true, "file name in the test's results folder" },
	{ "row", ARG_LIST, true, "expressions, one per column" },
	{ "header", ARG_LIST, false, "column names, written once" },
	{ NULL }
};

const struct step_def core_steps[] = {
	{ "set", "set variables: {name: expression, ...}", set_args,
	  STEP_FREE_ARGS, step_set },
	{ "check", "fail unless every expression is true", check_args, 0,
	  step_check },
	{ "log", "write a line to the test log", log_args, 0, step_log },
	{ "sleep", "wait some milliseconds", sleep_args, 0, step_sleep },
	{ "loop", "run steps for each value of a variable", loop_args, 0,
	  step_loop },
	{ "repeat", "run steps a number of times", repeat_args, 0,
	  step_repeat },
	{ "skip", "stop here and report the test SKIPPED", reason_args, 0,
	  step_skip },
	{ "fail", "stop here and report the test FAILED", reason_args, 0,
	  step_fail_now },
	{ "wait_until", "poll an expression until it holds (value: ms waited)",
	  wait_until_args, 0, step_wait_until },
	{ "buffer", "create a named buffer", buffer_args, 0, step_buffer },
	{ "fill", "fill a buffer with a pattern", fill_args, 0, step_fill },
	{ "poke", "write a little-endian value into a buffer", poke_args, 0,
	  step_poke },
	{ "dump", "hex dump of a buffer into the log", dump_args, 0,
	  step_dump },
	{ "buf_compare", "fail unless two buffers hold the same bytes",
	  compare_args, 0, step_buf_compare },
	{ "csv", "append a row to a CSV file in results/", csv_args, 0,
	  step_csv },
	{ NULL }
};
