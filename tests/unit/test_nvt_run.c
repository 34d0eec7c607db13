// SPDX-License-Identifier: MIT
/*
 * nvt-run without a device: YAML loading and its error positions,
 * expressions, parametrize, -k filters, step validation messages,
 * collection of folders, whole runs of device-free test cases, and what a
 * run without its device reports.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "../../tools/nvt-run/catalog.h"
#include "../../tools/nvt-run/collect.h"
#include "../../tools/nvt-run/config.h"
#include "../../tools/nvt-run/device.h"
#include "../../tools/nvt-run/doc.h"
#include "../../tools/nvt-run/events.h"
#include "../../tools/nvt-run/exec.h"
#include "../../tools/nvt-run/expect.h"
#include "../../tools/nvt-run/expr.h"
#include "../../tools/nvt-run/fault.h"
#include "../../tools/nvt-run/filter.h"
#include "../../tools/nvt-run/params.h"
#include "../../tools/nvt-run/report.h"
#include "../../tools/nvt-run/run.h"
#include "../../tools/nvt-run/scope.h"
#include "../../tools/nvt-run/steps.h"
#include "../../tools/nvt-run/warnfilter.h"

static char err[2048];

/* ---- YAML ---- */

static struct doc *load(const char *text)
{
	struct doc *d = NULL;

	err[0] = 0;
	doc_load_string("t.yaml", text, &d, err, sizeof(err));
	return d;
}

/* An event's line in a test log: local time to the microsecond, its fields. */
START_TEST(event_lines)
{
	struct nvt_monitor_event ev = {
		.type = NVT_EV_TIMEOUT, .instance = 0, .bdf = "0000:01:00.0",
		.time_ns = 1796293068576211583ull,
		.fields = NVT_MONITOR_FIELD(QID) | NVT_MONITOR_FIELD(CID) |
			  NVT_MONITOR_FIELD(OPCODE),
		.qid = 1, .cid = 5, .opcode = 2, .dw0 = 0xdead,
	};
	char line[512], when[40];
	time_t sec = 1796293068;
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S.576211", &tm);
	run_events_format(&ev, line, sizeof(line));
	ck_assert_str_eq(line + strlen(when), " event: timeout qid 1 cid 5 opcode 02h");
	ck_assert_int_eq(strncmp(line, when, strlen(when)), 0);
	ev.type = NVT_EV_MISCOMPARE;
	ev.fields = NVT_MONITOR_FIELD(QID) | NVT_MONITOR_FIELD(NSID) |
		    NVT_MONITOR_FIELD(LBA) | NVT_MONITOR_FIELD(EXPECTED) |
		    NVT_MONITOR_FIELD(ACTUAL);
	ev.nsid = 1;
	ev.lba = 0x100000000ull;
	ev.expected = 17;
	ev.actual = 200;
	run_events_format(&ev, line, sizeof(line));
	ck_assert_str_eq(line + strlen(when), " event: miscompare qid 1 nsid 1 lba 4294967296 expected 17 actual 200");
	ev.type = NVT_EV_LATE;
	ev.fields = NVT_MONITOR_FIELD(STATUS) | NVT_MONITOR_FIELD(DW0);
	ev.status = 0x7ff;
	run_events_format(&ev, line, sizeof(line));
	ck_assert_str_eq(line + strlen(when), " event: late status 07/ff dw0 0x0000dead");
	ev.type = NVT_EV_CTRL_FATAL;
	ev.fields = NVT_MONITOR_FIELD(CSTS);
	ev.csts = 0x3;
	run_events_format(&ev, line, sizeof(line));
	ck_assert_str_eq(line + strlen(when), " event: ctrl_fatal csts 0x00000003");
	/* a short buffer: cut, terminated */
	run_events_format(&ev, line, 12);
	ck_assert_uint_eq(strlen(line), 11);
	/* no events, nothing written */
	run_events_flush(NULL, stdout);
}
END_TEST

START_TEST(yaml_tree)
{
	struct doc *d = load("a: 1\nb: [x, 'y']\nc: {d: 0x10}\n");
	struct node *n;
	int64_t v;

	ck_assert_ptr_nonnull(d);
	n = node_get(d->root, "b");
	ck_assert_int_eq(n->type, NODE_SEQ);
	ck_assert_int_eq(n->n, 2);
	ck_assert(n->items[0]->plain);
	ck_assert(!n->items[1]->plain);
	ck_assert_int_eq(n->line, 2);
	ck_assert_int_eq(n->col, 4);
	ck_assert(scalar_int(node_get(node_get(d->root, "c"), "d")->str, &v));
	ck_assert_int_eq(v, 16);
	doc_free(d);
}
END_TEST

START_TEST(yaml_errors)
{
	ck_assert_ptr_null(load("a: 1\nb: [1, 2\n"));
	ck_assert_msg(!strncmp(err, "t.yaml:3:", 9) || !strncmp(err, "t.yaml:2:", 9),
		      "position: %s", err);
	ck_assert_ptr_null(load("a: 1\na: 2\n"));
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:2:1:"));
	ck_assert_ptr_nonnull(strstr(err, "duplicate key: a"));
	ck_assert_ptr_null(load("desc: a: b\n"));
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:1:"));
}
END_TEST

START_TEST(yaml_anchors)
{
	struct doc *d = load("base: &b {x: 1}\nother: *b\n");

	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(node_get(node_get(d->root, "other"), "x")->str, "1");
	doc_free(d);
}
END_TEST

START_TEST(scalars)
{
	int64_t v;
	bool b;

	ck_assert(scalar_int("1_000", &v) && v == 1000);
	ck_assert(scalar_int("0b101", &v) && v == 5);
	ck_assert(scalar_int("-3", &v) && v == -3);
	ck_assert(!scalar_int("12abc", &v));
	ck_assert(!scalar_int("", &v));
	ck_assert(scalar_bool("yes", &b) && b);
	ck_assert(scalar_bool("off", &b) && !b);
	ck_assert(!scalar_bool("maybe", &b));
}
END_TEST

/* ---- expressions ---- */

static int64_t ev(const char *text)
{
	struct val v;

	err[0] = 0;
	ck_assert_msg(!expr_eval(text, NULL, &v, NULL, err, sizeof(err)),
		      "%s: %s", text, err);
	ck_assert(!v.is_str);
	return v.i;
}

START_TEST(expr_precedence)
{
	ck_assert_int_eq(ev("1 + 2 * 3"), 7);
	ck_assert_int_eq(ev("(1 + 2) * 3"), 9);
	/* Python: & binds tighter than == */
	ck_assert_int_eq(ev("0x1f & 0xf == 0xf"), 1);
	ck_assert_int_eq(ev("1 << 4 | 1"), 17);
	ck_assert_int_eq(ev("-2 * -3"), 6);
	ck_assert_int_eq(ev("~0 & 0xff"), 255);
	ck_assert_int_eq(ev("7 / 2 + 7 % 2"), 4);
	ck_assert_int_eq(ev("1 < 2 and 2 < 3 or 0"), 1);
	ck_assert_int_eq(ev("not 1 or 0"), 0);
	ck_assert_int_eq(ev("0 ? 5 : 6"), 6);
	ck_assert_int_eq(ev("0 and 1 / 0"), 0);	/* short-circuit */
}
END_TEST

START_TEST(expr_builtins)
{
	ck_assert_int_eq(ev("bit(0x20101, 8)"), 1);
	ck_assert_int_eq(ev("bits(0x20101, 23, 16)"), 2);
	ck_assert_int_eq(ev("bits(0x004018200F0107FF, 51, 48)"), 0);
	ck_assert_int_eq(ev("min(3, 1, 2) + max(4, 9)"), 10);
	ck_assert_int_eq(ev("abs(-5)"), 5);
	ck_assert_int_eq(ev("len('abc')"), 3);
	ck_assert_int_eq(ev("int('0x10')"), 16);
	ck_assert_int_eq(ev("'ab' == 'ab' and 'a' != 'b'"), 1);
}
END_TEST

/* Fractions, as the guide's cpu_usage: literals, mixed arithmetic, order. */
START_TEST(expr_fractions)
{
	struct val v;

	ck_assert_int_eq(ev("0.85 < 1 and 0.85 > 0"), 1);
	ck_assert_int_eq(ev("0.5 * 4 == 2"), 1);
	ck_assert_int_eq(ev("1 / 4.0 == 0.25"), 1);
	ck_assert_int_eq(ev("-0.5 < 0"), 1);
	ck_assert_int_eq(ev("max(0.5, 0.25) == 0.5"), 1);
	ck_assert_int_eq(ev("7 / 2"), 3);	/* integers stay integers */
	ck_assert_int_eq(expr_eval("0.5 * 3", NULL, &v, NULL, err,
				   sizeof(err)), 0);
	ck_assert(v.is_real && v.r == 1.5);
	ck_assert_int_lt(expr_eval("0.5 & 1", NULL, &v, NULL, err,
				   sizeof(err)), 0);
}
END_TEST

START_TEST(expr_errors)
{
	struct val v;

	ck_assert_int_lt(expr_eval("1 / 0", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "division by zero"));
	ck_assert_int_lt(expr_eval("1 +", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "column"));
	ck_assert_int_lt(expr_eval("nosuch + 1", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "unknown name 'nosuch'"));
	ck_assert_int_lt(expr_eval("'a' + 1", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_int_lt(expr_eval("frob(1)", NULL, &v, NULL, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "frob"));
	ck_assert_int_lt(expr_eval("bits(1, 2, 3)", NULL, &v, NULL, err, sizeof(err)), 0);
}
END_TEST

START_TEST(expr_trace_sides)
{
	struct expr_trace tr;
	struct val v;

	ck_assert_int_eq(expr_eval("2 * 3 == 7", NULL, &v, &tr, err, sizeof(err)), 0);
	ck_assert(!val_truth(&v));
	ck_assert(tr.have);
	ck_assert_str_eq(tr.op, "==");
	ck_assert_int_eq(tr.left.i, 6);
	ck_assert_int_eq(tr.right.i, 7);
}
END_TEST

/* ---- parametrize ---- */

START_TEST(params_matrix)
{
	struct doc *d = load("params: {a: [1, 2], b: [x, y, z]}\n");
	struct param_row *rows;
	size_t n;

	ck_assert_int_eq(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_int_eq(n, 6);
	ck_assert_str_eq(rows[0].id, "1-x");
	ck_assert_str_eq(rows[1].id, "1-y");
	ck_assert_str_eq(rows[5].id, "2-z");
	ck_assert_str_eq(rows[4].params[1].name, "b");
	ck_assert_str_eq(rows[4].params[1].value->str, "y");
	params_free(rows, n);
	doc_free(d);
}
END_TEST

START_TEST(params_rows)
{
	struct doc *d = load("params:\n  - {lid: 1, size: 64}\n  - {lid: 2, size: 512, id: smart}\n");
	struct param_row *rows;
	size_t n;

	ck_assert_int_eq(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(rows[0].id, "1-64");
	ck_assert_str_eq(rows[1].id, "smart");
	ck_assert_int_eq(rows[1].n, 2);
	params_free(rows, n);
	doc_free(d);

	d = load("params: {a: 1}\n");
	ck_assert_int_lt(params_expand(node_get(d->root, "params"), &rows, &n,
				       err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "t.yaml:1:"));
	doc_free(d);
}
END_TEST

/* ---- -k ---- */

START_TEST(filters)
{
	const char *id = "testcases/conformance/features.yaml::get_invalid_fid[0x03]";

	ck_assert_int_eq(filter_match("features", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("FEATURES and invalid", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("features and not invalid", id, err, sizeof(err)), 0);
	ck_assert_int_eq(filter_match("identify or (fid and 0x03)", id, err, sizeof(err)), 1);
	ck_assert_int_eq(filter_match("not (fid or cns)", id, err, sizeof(err)), 0);
	ck_assert_int_lt(filter_match("a and (b", id, err, sizeof(err)), 0);
	ck_assert_int_lt(filter_match("and", id, err, sizeof(err)), 0);
}
END_TEST

/* ---- step validation ---- */

static const char *validate(const char *text)
{
	struct doc *d = load(text);

	ck_assert_msg(d != NULL, "%s", err);
	if (!steps_validate(d->root, err, sizeof(err)))
		err[0] = 0;
	doc_free(d);
	return err;
}

START_TEST(step_errors)
{
	ck_assert_str_eq(validate("- identify: {cns: 1}\n  expect: 00/0b\n"), "");
	ck_assert_str_eq(validate("- reset:\n- getfeatures: 7\n"), "");
	ck_assert_ptr_nonnull(strstr(validate("- idntify: {cns: 1}\n"),
				     "t.yaml:1:3: unknown step 'idntify'"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {cnss: 1}\n"),
				     "unknown argument 'cnss' (expected: cns, nsid, cntid, csi, buf)"));
	ck_assert_ptr_nonnull(strstr(validate("- getfeatures: {sel: 1}\n"),
				     "fid"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  reset:\n"),
				     "one step per list item"));
	ck_assert_ptr_nonnull(strstr(validate("- set: {x: 1}\n  expect: 00/00\n"),
				     "not a command"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  expect: 0/zz\n"),
				     "t.yaml:2:"));
	ck_assert_ptr_nonnull(strstr(validate("- identify: {}\n  keep: 3x\n"),
				     "not a valid name"));
	ck_assert_ptr_nonnull(strstr(validate("identify: {}\n"),
				     "expected a list of steps"));
	ck_assert_ptr_nonnull(strstr(validate("- loop: {var: i, range: [3], steps: [{nope: 1}]}\n"),
				     "unknown step 'nope'"));
}
END_TEST

/* ns_attach: one controller, a list of them, or an empty list; one of them. */
START_TEST(ns_attach_step_errors)
{
	ck_assert_str_eq(validate("- ns_attach: {nsid: 1, cntlid: 2}\n"
				  "- ns_attach: {nsid: 1, controllers: [1, \"scid + 1\"], detach: true}\n"
				  "- ns_attach: {nsid: 1, empty: true}\n"), "");
	ck_assert_ptr_nonnull(strstr(validate("- ns_attach: {nsid: 1, cntlid: 1, controllers: [2]}\n"),
				     "t.yaml:1:32: ns_attach: cntlid (one controller) or controllers (a list), not both"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_attach: {nsid: 1, controllers: [2], empty: true}\n"),
				     "not with controllers"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_attach: {nsid: 1, controllers: []}\n"),
				     "controllers: 0 identifiers: a Controller List holds 1..2047"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_attach: {nsid: 1, controllers: 2}\n"),
				     "argument 'controllers' must be a list"));
}
END_TEST

/*
 * The optional admin command steps: names and constants that cannot
 * work, and NSID FFFFFFFFh (every namespace) only when said twice.
 */
START_TEST(mgmt_step_errors)
{
	ck_assert_str_eq(validate("- fw_commit: {action: activate, slot: 2}\n"
				  "- fw_commit: {action: 7, bpid: 1}\n"
				  "- fw_commit: {action: \"{ca}\", slot: \"s + 1\"}\n"
				  "- fw_download: {file: fw.bin, chunk: 4096}\n"
				  "- sanitize: {action: crypto, wait: true}\n"
				  "- sanitize: {action: 5, owpass: 15}\n"
				  "- self_test: short\n"
				  "- self_test: {stc: abort, nsid: 0}\n"
				  "- security_recv: {secp: 0, spsp: 0xffff, size: 512}\n"
				  "- ns_create: {nsze: 1024, flbas: 0}\n"
				  "- ns_delete: {nsid: 2}\n"
				  "- ns_delete: {all: true}\n"
				  "- timestamp_set: {ms: 1000}\n- timestamp_get:\n"
				  "- supports: {opcode: 0x80}\n  expect: {that: \"value == 1\"}\n"),
			 "");
	ck_assert_ptr_nonnull(strstr(validate("- fw_commit: {action: replace_now}\n"),
				     "t.yaml:1:23: fw_commit: unknown action 'replace_now'"));
	ck_assert_ptr_nonnull(strstr(validate("- fw_commit: {action: 8}\n"),
				     "fw_commit: action 8 is not in 0..7"));
	ck_assert_ptr_nonnull(strstr(validate("- fw_commit: {action: activate, slot: 8}\n"),
				     "fw_commit: slot 8 is not in 0..7"));
	ck_assert_ptr_nonnull(strstr(validate("- fw_commit: {slot: 1}\n"),
				     "fw_commit: missing argument 'action'"));
	ck_assert_ptr_nonnull(strstr(validate("- sanitize: {action: erase}\n"),
				     "sanitize: unknown action 'erase'"));
	ck_assert_ptr_nonnull(strstr(validate("- sanitize: {action: block, owpass: 16}\n"),
				     "owpass 16 is not in 0..15"));
	ck_assert_ptr_nonnull(strstr(validate("- self_test: long\n"),
				     "self_test: unknown stc 'long'"));
	ck_assert_ptr_nonnull(strstr(validate("- security_send: {secp: 256}\n"),
				     "secp 256 is not in 0..255"));
	ck_assert_ptr_nonnull(strstr(validate("- security_recv: {secp: 1, spsp: 0x10000}\n"),
				     "spsp 65536 is not in 0..65535"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_delete: {nsid: 0xffffffff}\n"),
				     "add all: true to mean it"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_delete: 0xffffffff\n"),
				     "deletes every namespace"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_delete: {}\n"),
				     "ns_delete: missing argument 'nsid' (or all: true)"));
	ck_assert_ptr_nonnull(strstr(validate("- ns_create: {ncap: 8}\n"),
				     "ns_create: missing argument 'nsze'"));
	ck_assert_ptr_nonnull(strstr(validate("- supports: {opcode: 1, io: true, size: 4}\n"),
				     "supports: unknown argument 'size'"));
}
END_TEST

/* Raw queue, pointer and MSI-X steps: constants that cannot work, at collection. */
START_TEST(raw_step_errors)
{
	ck_assert_str_eq(validate("- raw_cq: {qid: 1, entries: 16, vector: 2}\n"
				  "- raw_sq: {qid: 1, cq: cq, prio: 3, cmb: true}\n"
				  "- sqe: {opcode: 2, cid: 7, nsid: 1, buf: d, ring: true}\n"
				  "- sq_tail: 1\n- wait_pbit:\n  expect: 00/00\n"
				  "- cq_head: {value: 1}\n- raw_delete: sq\n"
				  "- prp_list: {buf: l, entries: [1, \"d.dma + 4096\"]}\n"
				  "- sgl: {buf: s, type: last_segment, length: 48, data: s}\n"
				  "- buffer: {name: c, cmb: true}\n- irq_isset:\n"
				  "- irq_wait: {timeout: 10}\n"), "");
	/* QID 0 and odd sizes only through CDW10; expressions at run time */
	ck_assert_str_eq(validate("- raw_cq: {qid: 0, cdw10: 0}\n"), "");
	ck_assert_str_eq(validate("- raw_cq: {qid: \"n + 1\"}\n"), "");
	ck_assert_ptr_nonnull(strstr(validate("- raw_cq: {qid: 0}\n"),
				     "t.yaml:1:17: raw_cq: qid 0: must be 1..65535"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_cq: 0\n"),
				     "t.yaml:1:11: raw_cq: qid 0"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_cq:\n"), "missing argument 'qid'"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_sq: {qid: 2, entries: 1}\n"),
				     "t.yaml:1:29: raw_sq: entries 1: must be 2..65536"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_sq: {qid: 2, prio: 4}\n"),
				     "prio 4"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_sq: {qid: 2, cq: a, cqid: 3}\n"),
				     "not both"));
	ck_assert_ptr_nonnull(strstr(validate("- raw_cq: {qid: 2, vector: 0x10000}\n"),
				     "vector"));
	ck_assert_ptr_nonnull(strstr(validate("- reset:\n- wait_pbit: {phase: 2}\n"),
				     "t.yaml:2:22: wait_pbit: phase 2"));
	ck_assert_ptr_nonnull(strstr(validate("- sgl: {buf: s, type: data_blok}\n"),
				     "t.yaml:1:23: sgl: type 'data_blok'"));
	ck_assert_ptr_nonnull(strstr(validate("- sgl: {buf: s, type: 1, addr: 0, data: d}\n"),
				     "addr or data"));
	ck_assert_ptr_nonnull(strstr(validate("- prp_list: {buf: l}\n"),
				     "entries (a list of values) or data"));
	ck_assert_ptr_nonnull(strstr(validate("- sqe: {opcode: 0x100}\n"),
				     "opcode 256"));
	ck_assert_ptr_nonnull(strstr(validate("- sqe: {sgl_type: seg}\n"),
				     "sgl_type 'seg'"));
	ck_assert_ptr_nonnull(strstr(validate("- sqe: {buf: d, prp1: 0}\n"),
				     "not with prp1"));
	ck_assert_ptr_nonnull(strstr(validate("- sq_tail: {sq: s}\n"),
				     "missing argument 'value'"));
	ck_assert_ptr_nonnull(strstr(validate("- irq_isset: {qpair: q, timeout: 1}\n"),
				     "unknown argument 'timeout'"));
	ck_assert_ptr_nonnull(strstr(validate("- sqe: {}\n  expect: 00/00\n"),
				     "not a command"));
}
END_TEST

/*
 * The expectation engine itself: every form of `expect` passes what it
 * should and fails what it should, so a regression that made it always
 * pass cannot leave the suites green.
 */
static int expect_on(const char *yaml, uint16_t status, uint32_t dw0,
		     const char *warning)
{
	struct runner r;
	struct scope sc;
	struct exec x;
	struct step st;
	struct doc *d = load(yaml);
	int ret;

	ck_assert_msg(d != NULL, "%s: %s", yaml, err);
	memset(&r, 0, sizeof(r));
	scope_init(&sc, NULL);
	exec_init(&x, &r, &sc, NULL, NULL);
	if (warning)
		r.warn[r.nwarn++] = strdup(warning);
	memset(&st, 0, sizeof(st));
	st.x = &x;
	st.def = steps_find("getfeatures");
	st.node = d->root;
	st.res.is_cmd = true;
	st.res.status = status;
	st.res.dw0 = dw0;
	st.res.cid = 7;
	/* as the runner does before checking: the names of `that` */
	x.last.have_cmd = true;
	x.last.status = status;
	x.last.dw0 = dw0;
	x.last.cid = 7;
	ret = expect_check(&st);
	runner_drop_warnings(&r);
	exec_done(&x);
	scope_clear(&sc);
	doc_free(d);
	return ret;
}

START_TEST(expect_forms)
{
	/* no expect: success only */
	ck_assert_int_eq(expect_on("x: 1\n", 0, 0, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("x: 1\n", 0x0002, 0, NULL), STEP_FAIL);
	/* one status, a list of them, "error" and "any" */
	ck_assert_int_eq(expect_on("expect: 00/0b\n", 0x000b, 0, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("expect: 00/0b\n", 0, 0, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: 00/0b\n", 0x010b, 0, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: [00/02, 01/09]\n", 0x0109, 0, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("expect: [00/02, 01/09]\n", 0x0102, 0, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {status: error}\n", 0x0281, 0, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("expect: {status: error}\n", 0, 0, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {status: any}\n", 0x0781, 0, NULL), STEP_OK);
	/* dw0 */
	ck_assert_int_eq(expect_on("expect: {dw0: 0x3f003f}\n", 0, 0x3f003f, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("expect: {dw0: 0x3f003f}\n", 0, 0x3f0040, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {dw0: 2 * 3}\n", 0, 6, NULL), STEP_OK);
	/* that, one or several; status and dw0 are names in it */
	ck_assert_int_eq(expect_on("expect: {that: 'bits(dw0, 15, 0) == 5'}\n", 0, 0x70005, NULL), STEP_OK);
	ck_assert_int_eq(expect_on("expect: {that: 'bits(dw0, 15, 0) == 5'}\n", 0, 0x70006, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {status: any, that: [status == 0x0b, dw0 == 0]}\n", 0x000b, 1, NULL), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {status: any, that: [status == 0x0b, dw0 == 1]}\n", 0x000b, 1, NULL), STEP_OK);
	/* a warning must have been raised, with that text */
	ck_assert_int_eq(expect_on("expect: {warning: 'AER notification'}\n", 0, 0,
				   "AER notification is triggered: 0x10100"), STEP_OK);
	ck_assert_int_eq(expect_on("expect: {warning: 'AER notification'}\n", 0, 0,
				   "something else"), STEP_FAIL);
	ck_assert_int_eq(expect_on("expect: {warning: 'AER notification'}\n", 0, 0, NULL), STEP_FAIL);
	/* an expected error status is not taken for the expected warning */
	ck_assert_int_eq(expect_on("expect: {status: 00/02, warning: 'late'}\n", 0x0002, 0,
				   "ERROR status: 00/02 (x, cid 7)"), STEP_FAIL);
	/* a bad expression in that is a failure, not a pass */
	ck_assert_int_eq(expect_on("expect: {that: 'nosuchname == 1'}\n", 0, 0, NULL), STEP_FAIL);
}
END_TEST

/* A member of a call's result reaches the environment as one call. */
static char called[64];

static int member_call(void *ctx, const char *name, const struct val *args,
		       unsigned nargs, struct val *out, char *e, size_t elen)
{
	snprintf(called, sizeof(called), "%s/%u/%lld", name, nargs,
		 nargs ? (long long)args[0].i : -1LL);
	val_int(out, 5);
	return 0;
}

START_TEST(expr_call_member)
{
	struct expr_env env = { .call = member_call };
	int64_t v;

	ck_assert_int_eq(expr_int("cq.cqe(1 + 1).status + 1", &env, &v, err,
				  sizeof(err)), 0);
	ck_assert_int_eq(v, 6);
	ck_assert_str_eq(called, "cq.cqe.status/1/2");
	ck_assert_int_eq(expr_int("cq.phase(3) == 5", &env, &v, err,
				  sizeof(err)), 0);
	ck_assert_str_eq(called, "cq.phase/1/3");
	ck_assert_int_eq(v, 1);
	/* a number after a call is no member */
	ck_assert_int_lt(expr_int("cq.cqe(0).5", &env, &v, err, sizeof(err)), 0);
}
END_TEST

/* Every step name is unique across the tables (no step hides another). */
static void count_name(const struct step_def *d, void *arg)
{
	const char **names = arg;
	size_t i;

	for (i = 0; names[i]; i++)
		ck_assert_msg(strcmp(names[i], d->name), "step '%s' twice", d->name);
	names[i] = d->name;
}

START_TEST(step_names_unique)
{
	const char *names[256] = { NULL };

	steps_each(count_name, names);
	ck_assert_ptr_eq(steps_find("compare")->args, steps_find("read")->args);
	ck_assert_ptr_nonnull(steps_find("buf_compare"));
}
END_TEST

/* ---- collection and device-free runs ---- */

static char dir[] = "/tmp/nvt-run-unit.XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static const char conftest[] =
	"vars: {base: 10}\n"
	"fixtures:\n"
	"  counter:\n"
	"    scope: suite\n"
	"    setup: [{set: {made: 1}}]\n";

static const char suite[] =
	"suite: device-free\n"
	"vars: {step: 2}\n"
	"tests:\n"
	"  - name: add\n"
	"    params: {a: [1, 2], b: [3]}\n"
	"    steps:\n"
	"      - set: {c: a + b + base}\n"
	"      - check: c == a + b + 10\n"
	"  - name: loops\n"
	"    use: counter\n"
	"    steps:\n"
	"      - set: {s: 0}\n"
	"      - loop: {var: i, range: [0, 10, step], steps: [{set: {s: s + i}}]}\n"
	"      - repeat: {count: 3, var: k, steps: [{set: {s: s + k}}]}\n"
	"      - check: [s == 23, made == 1]\n"
	"  - name: fails\n"
	"    steps:\n"
	"      - set: {x: 3}\n"
	"      - check: {that: x * 2 == 7, msg: doubled}\n"
	"  - name: skipped\n"
	"    skip_if: {when: base == 10, reason: ten}\n"
	"    steps: [{fail: never}]\n"
	"  - name: skip_step\n"
	"    steps:\n"
	"      - skip: {when: base > 100, reason: big}\n"
	"      - skip: {when: base == 10, reason: not supported here}\n"
	"      - fail: not reached\n"
	"  - name: expected_failure\n"
	"    xfail: known\n"
	"    steps: [{fail: boom}]\n"
	"  - name: repeated\n"
	"    repeat: 4\n"
	"    steps:\n"
	"      - set: {n: iteration}\n"
	"  - name: buffers\n"
	"    steps:\n"
	"      - buffer: {name: b, size: 64, host: true, pattern: inc16}\n"
	"      - poke: {buf: b, first: 8, last: 11, value: 0x12345678}\n"
	"      - check: [b.size == 64, 'b.data(1, 0) == 0', 'b.data(3, 2) == 1', 'b.data(11, 8) == 0x12345678']\n"
	"      - buffer: {name: r1, size: 64, host: true, pattern: random}\n"
	"      - buffer: {name: r2, size: 64, host: true, pattern: random}\n"
	"      - buffer: {name: half, size: 64, host: true, pattern: random, value: 50}\n"
	"      - check: ['r1.data(7, 0) != r2.data(7, 0)', 'r1.data(63, 56) != 0', 'half.data(7, 0) != 0', 'half.data(63, 56) == 0']\n"
	"      - buffer: {name: z, size: 64, host: true}\n"
	"      - buffer: {name: mix, size: 64, host: true}\n"
	"      - poke: {buf: mix, first: 16, last: 23, value: 'r1.data(23, 16)'}\n"
	"      - poke: {buf: mix, first: 24, last: 31, value: 'r1.data(31, 24)'}\n"
	"      - desc: units 0 and 2 of mix are zeros, unit 1 is r1's\n"
	"        buf_compare: {buf: mix, with: r1, or: z, unit: 16}\n"
	"        keep: {zunits: value}\n"
	"      - check: zunits == 3\n"
	"      - buffer: {name: text, size: 8, host: true, pattern: dword, value: 0x7e204120}\n"
	"      - poke: {buf: text, first: 6, last: 6, value: 0x7f}\n"
	"      - check: ['text.ascii(5, 0) == 1', 'text.ascii(6, 0) == 0', 'text.ascii(7) == 1', 'b.ascii(1, 0) == 0']\n"
	"  - name: csv\n"
	"    steps:\n"
	"      - csv: {file: out.csv, header: [a, b], row: [1, base]}\n"
	"      - csv: {file: out.csv, header: [a, b], row: [2, base * 2]}\n"
	"  - name: units_differ\n"
	"    xfail: a unit that is neither\n"
	"    steps:\n"
	"      - buffer: {name: a, size: 32, host: true, pattern: ones}\n"
	"      - buffer: {name: z, size: 32, host: true}\n"
	"      - poke: {buf: a, first: 20, last: 20, value: 0}\n"
	"      - buf_compare: {buf: a, with: z, or: z, unit: 16}\n"
	"  - name: xfail_matched\n"
	"    xfail: {reason: known, match: 'boom at'}\n"
	"    steps: [{fail: boom at 3}]\n"
	"  - name: xfail_other_failure\n"
	"    xfail: {reason: known, match: 'boom at'}\n"
	"    steps: [{fail: bang}]\n";

START_TEST(collect_and_run)
{
	struct collection c;
	struct report_opts po = { 0 };
	struct run_opts ro = { .seed = 1, .without_device = true };
	struct report *rp;
	struct runner r;
	char results[600], path[700], line[128], *paths[1] = { dir };
	char *outdir;
	enum outcome want[] = {
		OUT_PASSED, OUT_PASSED, OUT_PASSED, OUT_FAILED, OUT_SKIPPED,
		OUT_SKIPPED, OUT_XFAILED, OUT_PASSED, OUT_PASSED, OUT_PASSED,
		OUT_XFAILED, OUT_XFAILED, OUT_FAILED,
	};
	FILE *f;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file("conftest.yaml", conftest);
	write_file("free.yaml", suite);
	write_file("broken.yaml", "tests:\n  - name: x\n    steps:\n      - frob: 1\n");
	snprintf(results, sizeof(results), "%s/results", dir);

	/* collection errors are reported per file, with the position */
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(c.errors[0], "broken.yaml:4:9: unknown step 'frob'"));
	collection_free(&c);
	snprintf(path, sizeof(path), "%s/broken.yaml", dir);
	unlink(path);

	/* -k and FILE::TEST */
	ck_assert_int_eq(collect(&c, paths, 1, "add and not 2-3", err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 1);
	ck_assert_int_eq(c.ndeselected, 12);
	collection_free(&c);
	snprintf(path, sizeof(path), "%s/free.yaml::loops", dir);
	paths[0] = path;
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 1);
	collection_free(&c);
	ck_assert_int_lt(collect(&c, paths, 1, "a and (", err, sizeof(err)), 0);

	paths[0] = dir;
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ntests, 13);
	ck_assert_str_eq(c.tests[0]->id, "add[1-3]");
	po.results = results;
	po.verbosity = 1;
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	report_start(rp, &c);
	ro.results = results;
	ro.bdf = "0000:ff:1f.7";	/* nothing there: device-free tests still run */
	runner_open(&r, &ro, rp);
	run_all(&r, &c);
	runner_close(&r);
	for (i = 0; i < c.ntests; i++)
		ck_assert_msg(c.tests[i]->res.outcome == want[i],
			      "%s: %s (%s)", c.tests[i]->id,
			      outcome_name(c.tests[i]->res.outcome),
			      c.tests[i]->res.reason ? c.tests[i]->res.reason : "");
	ck_assert_ptr_nonnull(strstr(c.tests[3]->res.reason,
				     "free.yaml:19: check: doubled: x * 2 == 7 is false: 6 == 7"));
	ck_assert_str_eq(c.tests[4]->res.reason, "ten");
	ck_assert_str_eq(c.tests[5]->res.reason, "not supported here");
	ck_assert_ptr_nonnull(strstr(c.tests[12]->res.reason, "bang"));
	ck_assert_int_eq(report_finish(rp, &c, 0.5), 1);
	outdir = report_outdir(rp, c.tests[9]);
	ck_assert_ptr_nonnull(outdir);
	ck_assert_ptr_null(strchr(outdir + strlen(results) + 7, '/'));
	ck_assert_ptr_null(strchr(outdir + strlen(results) + 7, ':'));
	report_close(rp);

	/* the files of a run */
	snprintf(path, sizeof(path), "%s/junit.xml", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/results.json", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/nvt-run.log", results);
	ck_assert_int_eq(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/out.csv", outdir);
	free(outdir);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s", path);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "a,b\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "1,10\n");
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	ck_assert_str_eq(line, "2,20\n");
	fclose(f);
	collection_free(&c);
}
END_TEST

/*
 * The format step's defaults are the namespace's own format: FLBAS (LBA
 * format index in bits 3:0 and 6:5, bit 4 extended LBAs) and DPS (bits
 * 2:0 the PI type, bit 3 PI in the first bytes), NVM Command Set 4.1.5.1.
 */
START_TEST(format_defaults_keep_the_format)
{
	static const struct {
		uint8_t flbas, dps;
		uint32_t lbaf, pi;
		bool mset, pil;
	} fmt[] = {
		{ 0x00, 0x00, 0, 0, false, false },
		/* 512 B + 8 B extended (the bench's multi namespace 4) */
		{ 0x11, 0x00, 1, 0, true, false },
		/* separate metadata; PI type 1 in the first bytes */
		{ 0x05, 0x09, 5, 1, false, true },
		/* FLBAS bits 6:5 are the index's high bits; PI type 3 last */
		{ 0x53, 0x03, 0x23, 3, true, false },
	};
	uint8_t id[4096] = { 0 };
	struct format_settings f;
	size_t i;

	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		id[NVT_IDNS_FLBAS] = fmt[i].flbas;
		id[NVT_IDNS_DPS] = fmt[i].dps;
		format_settings_of(id, &f);
		ck_assert_uint_eq(f.lbaf, fmt[i].lbaf);
		ck_assert_uint_eq(f.pi, fmt[i].pi);
		ck_assert_int_eq(f.mset, fmt[i].mset);
		ck_assert_int_eq(f.pil, fmt[i].pil);
	}
}
END_TEST

/*
 * buf_compare of some bytes of each unit (only, except), e.g. the data of
 * extended LBAs without their metadata, and its messages naming the buffers.
 */
static const char units_suite[] =
	"setup:\n"
	"  - buffer: {name: a, size: 32, host: true}\n"
	"  - poke: {buf: a, first: 5, value: 0xff}\n"
	"  - poke: {buf: a, first: 21, value: 0xff}\n"
	"  - buffer: {name: z, size: 32, host: true}\n"
	"tests:\n"
	"  - name: except_the_difference\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, except: [4, 7]}\n"
	"        keep: {v: value}\n"
	"      - check: v == -1\n"
	"  - name: only_where_equal\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, only: [8, 15]}\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, only: [0, 7], except: [4, 7]}\n"
	"  - name: only_the_difference\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, only: [0, 7]}\n"
	"  - name: empty_except\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, except: [5, 4]}\n"
	"  - name: second_unit\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 16, except: [0, 7], only: [0, 15]}\n"
	"      - buffer: {name: b, size: 32, host: true}\n"
	"      - poke: {buf: b, first: 21, value: 1}\n"
	"      - buf_compare: {buf: b, with: z, unit: 16, only: [5, 5]}\n"
	"  - name: whole\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z}\n"
	"  - name: unit_must_divide\n"
	"    steps:\n"
	"      - buf_compare: {buf: a, with: z, unit: 12, only: [0, 3]}\n"
	"  - name: with_or\n"
	"    steps:\n"
	"      - buffer: {name: o, size: 32, host: true}\n"
	"      - poke: {buf: o, first: 5, value: 0xff}\n"
	"      - poke: {buf: o, first: 21, value: 0xff}\n"
	"      - desc: bytes 0..5 of each unit are o's, not z's\n"
	"        buf_compare: {buf: a, with: z, or: o, unit: 16, only: [0, 5]}\n"
	"        keep: {from_o: value}\n"
	"      - check: from_o == 2\n"
	"      - desc: without byte 5 each unit is z's\n"
	"        buf_compare: {buf: a, with: z, or: o, unit: 16, except: [5, 5]}\n"
	"        keep: {from_o: value}\n"
	"      - check: from_o == 0\n"
	"  - name: crc16\n"
	"    steps:\n"
	"      - buffer: {name: t, size: 16, host: true}\n"
	"      - desc: the bytes of '123456789'\n"
	"        poke: {buf: t, first: 0, last: 7, value: 0x3837363534333231}\n"
	"      - poke: {buf: t, first: 8, value: 0x39}\n"
	"      - check: ['t.crc16(8, 0) == 0xd0db', 't.crc16(8, 4, t.crc16(3, 0)) == 0xd0db', 't.crc16(15, 9) == 0']\n"
	"  - name: with_or_neither\n"
	"    steps:\n"
	"      - buffer: {name: o, size: 32, host: true, pattern: ones}\n"
	"      - buf_compare: {buf: a, with: z, or: o, unit: 16, only: [0, 5]}\n";

START_TEST(buf_compare_units)
{
	struct collection c;
	struct report_opts po = { 0 };
	struct run_opts ro = { .seed = 1, .without_device = true };
	struct report *rp;
	struct runner r;
	char results[600], *paths[1] = { dir };
	static const struct {
		enum outcome outcome;
		const char *reason;
	} want[] = {
		{ OUT_PASSED, NULL },
		{ OUT_PASSED, NULL },
		{ OUT_FAILED, "'a' and 'z' differ at byte 5 (unit 0, its byte 5): 0xff vs 0x00" },
		{ OUT_FAILED, "'a' and 'z' differ at byte 5 (unit 0, its byte 5)" },
		{ OUT_FAILED, "'b' and 'z' differ at byte 21 (unit 1, its byte 5): 0x01 vs 0x00" },
		{ OUT_FAILED, "'a' and 'z' differ at byte 5: 0xff vs 0x00" },
		{ OUT_FAILED, "unit 12 does not divide the buffer's 32 bytes" },
		{ OUT_PASSED, NULL },
		{ OUT_PASSED, NULL },
		{ OUT_FAILED, "unit 0 (bytes 0..15) holds neither buffer's bytes" },
	};
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file("units.yaml", units_suite);
	snprintf(results, sizeof(results), "%s/results", dir);
	ck_assert_int_eq(collect(&c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c.nerrors, 0);
	ck_assert_uint_eq(c.ntests, sizeof(want) / sizeof(want[0]));
	po.results = results;
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	report_start(rp, &c);
	ro.results = results;
	ro.bdf = "0000:ff:1f.7";
	runner_open(&r, &ro, rp);
	run_all(&r, &c);
	runner_close(&r);
	for (i = 0; i < c.ntests; i++) {
		const char *why = c.tests[i]->res.reason;

		ck_assert_msg(c.tests[i]->res.outcome == want[i].outcome,
			      "%s: %s (%s)", c.tests[i]->id,
			      outcome_name(c.tests[i]->res.outcome),
			      why ? why : "");
		if (want[i].reason)
			ck_assert_msg(why && strstr(why, want[i].reason),
				      "%s: '%s'", c.tests[i]->id, why ? why : "");
	}
	report_finish(rp, &c, 0.1);
	report_close(rp);
	collection_free(&c);
}
END_TEST

/* --fault: which steps each fault changes, and how. */
START_TEST(faults)
{
	struct nvt_io io = { .lba = 7 };
	enum io_fault f = FAULT_NONE;
	char what[96] = "";

	ck_assert_int_eq(fault_parse("read-neighbour", &f), 0);
	ck_assert_int_eq(f, FAULT_READ_NEIGHBOUR);
	ck_assert_str_eq(fault_name(f), "read-neighbour");
	ck_assert_int_eq(fault_parse("drop-write", &f), 0);
	ck_assert_int_eq(f, FAULT_DROP_WRITE);
	ck_assert_int_eq(fault_parse("none", &f), -EINVAL);
	ck_assert_int_eq(fault_parse("drop", &f), -EINVAL);

	/* read-neighbour: reads and compares one LBA on, nothing else */
	ck_assert_ptr_eq(fault_io(FAULT_READ_NEIGHBOUR, nvt_ns_read, &io, what,
				  sizeof(what)), nvt_ns_read);
	ck_assert_uint_eq(io.lba, 8);
	ck_assert_str_eq(what, "LBA 7 sent as LBA 8");
	ck_assert_ptr_eq(fault_io(FAULT_READ_NEIGHBOUR, nvt_ns_compare, &io,
				  what, sizeof(what)), nvt_ns_compare);
	ck_assert_uint_eq(io.lba, 9);
	what[0] = '\0';
	ck_assert_ptr_eq(fault_io(FAULT_READ_NEIGHBOUR, nvt_ns_write, &io, what,
				  sizeof(what)), nvt_ns_write);
	ck_assert_ptr_eq(fault_io(FAULT_READ_NEIGHBOUR, nvt_ns_verify, &io,
				  what, sizeof(what)), nvt_ns_verify);
	ck_assert_uint_eq(io.lba, 9);
	ck_assert_str_eq(what, "");

	/* drop-write: writes and zone appends go as something else */
	ck_assert_ptr_ne(fault_io(FAULT_DROP_WRITE, nvt_ns_write, &io, what,
				  sizeof(what)), nvt_ns_write);
	ck_assert_ptr_nonnull(strstr(what, "write of LBA 9 not sent"));
	ck_assert_ptr_ne(fault_io(FAULT_DROP_WRITE, nvt_ns_zone_append, &io,
				  what, sizeof(what)), nvt_ns_zone_append);
	what[0] = '\0';
	ck_assert_ptr_eq(fault_io(FAULT_DROP_WRITE, nvt_ns_read, &io, what,
				  sizeof(what)), nvt_ns_read);
	ck_assert_ptr_eq(fault_io(FAULT_DROP_WRITE, nvt_ns_write_zeroes, &io,
				  what, sizeof(what)), nvt_ns_write_zeroes);
	ck_assert_ptr_eq(fault_io(FAULT_NONE, nvt_ns_write, &io, what,
				  sizeof(what)), nvt_ns_write);
	ck_assert_uint_eq(io.lba, 9);
	ck_assert_str_eq(what, "");
}
END_TEST

/* What run_text() writes and how it runs it. */
struct text_run {
	const char *name, *text;
	mode_t mode;
	bool whole_folder;	/* collect the folder, not the file */
	bool without_device;	/* device-free tests run all the same */
	int64_t time_limit;	/* --time-limit */
	char results[64];	/* out: where the run's files went */
};

/*
 * Write tr->text to tr->name in a new temporary folder, collect that file
 * (or the whole folder) and run it quietly against a device that is not
 * there.  Returns report_finish()'s exit status.
 */
static int run_text(struct text_run *tr, struct collection *c)
{
	char tmp[] = "/tmp/nvt-run-unit-t.XXXXXX", path[600];
	char *paths[1] = { tr->whole_folder ? tmp : path };
	struct run_opts ro = { .bdf = "0000:ff:1f.7",
			       .without_device = tr->without_device,
			       .time_limit_s = tr->time_limit };
	struct report_opts po = { .verbosity = -1 };
	struct report *rp;
	struct runner r;
	FILE *f;
	int ret;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(path, sizeof(path), "%s/%s", tmp, tr->name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(tr->text, f);
	fclose(f);
	chmod(path, tr->mode);
	snprintf(tr->results, sizeof(tr->results), "%s/results", tmp);
	po.results = tr->results;
	ck_assert_int_eq(collect(c, paths, 1, NULL, err, sizeof(err)), 0);
	ck_assert_int_eq(c->nerrors, 0);
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	report_start(rp, c);
	runner_open(&r, &ro, rp);
	run_all(&r, c);
	runner_close(&r);
	ret = report_finish(rp, c, 0.1);
	report_close(rp);
	return ret;
}

/* How often @text occurs in file @name of @dir. */
static unsigned count_in_file(const char *dir, const char *name,
			      const char *text)
{
	char path[600], *all = NULL, *p;
	size_t len = 0;
	unsigned n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s", path);
	ck_assert_int_ge(getdelim(&all, &len, 0, f), 0);
	fclose(f);
	for (p = all; (p = strstr(p, text)); p += strlen(text))
		n++;
	free(all);
	return n;
}

/* Each sink tells @n tests not run for @why, and the final line @summary. */
static void assert_not_run(const char *results, unsigned n, const char *why,
			   const char *summary)
{
	char text[300];

	ck_assert_uint_eq(count_in_file(results, "nvt-run.log", summary), 1);
	snprintf(text, sizeof(text), "skipped=\"%u\"", n);
	ck_assert_uint_eq(count_in_file(results, "junit.xml", text), 1);
	snprintf(text, sizeof(text), "<skipped message=\"%s", why);
	ck_assert_uint_eq(count_in_file(results, "junit.xml", text), n);
	ck_assert_uint_eq(count_in_file(results, "results.json",
					"\"outcome\": \"NOTRUN\""), n);
	snprintf(text, sizeof(text), "\"not_run\": %u", n);
	ck_assert_uint_eq(count_in_file(results, "results.json", text), 1);
}

START_TEST(device_steps_error_without_device)
{
	struct text_run tr = {
		.name = "dev.yaml", .mode = 0644, .without_device = true,
		.text = "tests:\n  - name: needs_device\n    steps:\n      - identify: {cns: 1}\n",
	};
	struct collection c;

	ck_assert_int_eq(run_text(&tr, &c), RUN_TESTS_FAILED);
	ck_assert_int_eq(c.tests[0]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.reason, "cannot open the device"));
	collection_free(&c);
}
END_TEST

/*
 * No device: nothing runs, not even a suite's setup or a test that does
 * not touch the device; the reason is said once, every test is not run
 * for it, and the exit status says so.
 */
START_TEST(no_device_runs_nothing)
{
	static const char why[] =
		"cannot open the device: 0000:ff:1f.7 is not bound to nvt";
	struct text_run tr = {
		.name = "nodev.yaml", .mode = 0644,
		.text = "setup: [{log: suite setup}]\n"
			"tests:\n"
			"  - name: free\n    steps: [{set: {a: 1}}]\n"
			"  - name: needs_device\n    steps: [{identify: {cns: 1}}]\n"
			"  - name: skipped\n    skip: never reached\n    steps: [{set: {a: 1}}]\n",
	};
	struct collection c;
	size_t i;

	ck_assert_int_eq(run_text(&tr, &c), RUN_NO_DEVICE);
	for (i = 0; i < c.ntests; i++) {
		ck_assert_int_eq(c.tests[i]->res.outcome, OUT_NOT_RUN);
		ck_assert_ptr_nonnull(strstr(c.tests[i]->res.reason, why));
	}
	ck_assert_uint_eq(count_in_file(tr.results, "nvt-run.log", why), 1);
	ck_assert_uint_eq(count_in_file(tr.results, "nvt-run.log", "setup of"), 0);
	assert_not_run(tr.results, 3, why,
		       "0 passed, 0 failed, 0 skipped, 3 not run in");
	collection_free(&c);
}
END_TEST

/*
 * The device lost after the first test, as run_all() leaves it: the test
 * it was lost in is an error, the rest are not run for one reason; each
 * sink counts them and the exit status says the run is incomplete.
 */
START_TEST(lost_device_report)
{
	static const char why[] = "device lost: 0000:ff:1f.7 is not bound to nvt";
	struct text_run tr = {
		.name = "lost.yaml", .mode = 0644, .without_device = true,
		.text = "tests:\n"
			"  - name: a\n    steps: [{set: {a: 1}}]\n"
			"  - name: b\n    steps: [{set: {a: 1}}]\n"
			"  - name: c\n    steps: [{set: {a: 1}}]\n"
			"  - name: d\n    steps: [{set: {a: 1}}]\n",
	};
	struct report_opts po = { .verbosity = -1, .results = tr.results };
	struct collection c;
	struct report *rp;
	size_t i;

	ck_assert_int_eq(run_text(&tr, &c), RUN_OK);
	c.tests[1]->res.outcome = OUT_ERROR;
	c.tests[1]->res.reason = strdup("device lost: in the middle");
	for (i = 2; i < c.ntests; i++) {
		c.tests[i]->res.outcome = OUT_NOT_RUN;
		c.tests[i]->res.reason = strdup(why);
	}
	ck_assert_int_eq(report_open(&rp, &po, err, sizeof(err)), 0);
	report_start(rp, &c);
	for (i = 0; i < 2; i++)
		report_test(rp, c.tests[i], i);
	report_no_device(rp, why);
	ck_assert_int_eq(report_finish(rp, &c, 0.1), RUN_NO_DEVICE);
	report_close(rp);
	ck_assert_uint_eq(count_in_file(tr.results, "nvt-run.log", "!!! device lost"), 1);
	assert_not_run(tr.results, 2, why,
		       "1 passed, 0 failed, 0 skipped, 1 error, 2 not run in");
	collection_free(&c);
}
END_TEST

/*
 * Collect @text as suite @name in a new temporary folder (the path of the
 * file written goes to @path).  Returns collect()'s value; the collection
 * errors are in @c.
 */
static int collect_text(const char *name, const char *text,
			struct collection *c, char *path, size_t pathlen)
{
	char tmp[] = "/tmp/nvt-run-unit-c.XXXXXX";
	char *paths[1] = { path };
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	snprintf(path, pathlen, "%s/%s", tmp, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return collect(c, paths, 1, NULL, err, sizeof(err));
}

/* spec: a text or a list of texts; empty is an error; --catalog counts the tests without */
START_TEST(catalog_spec)
{
	static const char *const bad[] = {
		"spec: []", "spec: \"\"", "spec: [\"\"]", "spec: [a, [b]]",
		"spec: {section: 5.15}", "spec:",
	};
	static const char suite_text[] =
		"suite: specs\n"
		"desc: spec keys\n"
		"tests:\n"
		"  - name: one_section\n"
		"    spec: \"NVMe Base 2.0c 5.15 (Get Features)\"\n"
		"    desc: a text\n"
		"    steps: [{set: {a: 1}}]\n"
		"  - name: two_sections\n"
		"    spec: [\"NVMe Base 2.0c 5.27.1.4 (Volatile Write Cache)\", \"NVMe Base 2.0c 7.1 (Flush)\"]\n"
		"    desc: two\n"
		"    params: {x: [1, 2, 3]}\n"
		"    steps: [{set: {a: x}}]\n"
		"  - name: no_section\n"
		"    desc: no spec key\n"
		"    steps: [{set: {a: 1}}]\n"
		"  - name: no_section_no_desc\n"
		"    steps: [{set: {a: 1}}]\n";
	struct collection c;
	char path[600], text[512], *out = NULL;
	size_t len = 0, i;
	FILE *f;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
			 "tests:\n  - name: t\n    %s\n    steps: [{set: {a: 1}}]\n",
			 bad[i]);
		ck_assert_int_eq(collect_text("bad.yaml", text, &c, path, sizeof(path)), 0);
		ck_assert_msg(c.nerrors == 1, "%s: %zu collection errors", bad[i], c.nerrors);
		ck_assert_msg(strstr(c.errors[0], "bad.yaml:3:") &&
			      strstr(c.errors[0], "spec must be the specification section(s)"),
			      "%s: %s", bad[i], c.errors[0]);
		ck_assert_uint_eq(c.ntests, 0);
		collection_free(&c);
	}

	ck_assert_int_eq(collect_text("specs.yaml", suite_text, &c, path, sizeof(path)), 0);
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_uint_eq(c.ntests, 6);
	f = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(catalog_write(f, &c, "nvt-run --catalog specs.yaml"), 2);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "Written by `nvt-run --catalog specs.yaml`"));
	ck_assert_ptr_nonnull(strstr(out, "| one_section | 1 | a text | NVMe Base 2.0c 5.15 (Get Features) |"));
	ck_assert_ptr_nonnull(strstr(out, "| two_sections | 3 | two | NVMe Base 2.0c 5.27.1.4 (Volatile Write Cache); NVMe Base 2.0c 7.1 (Flush) |"));
	ck_assert_ptr_nonnull(strstr(out, "| no_section | 1 | no spec key |  |"));
	ck_assert_ptr_nonnull(strstr(out, "| no_section_no_desc | 1 |  |  |"));
	ck_assert_msg(strstr(out, "\n4 tests, 6 cases; 2 without a specification section.\n") &&
		      out[len - 1] == '\n' && !strchr(strstr(out, "\n4 tests") + 1, '\n')[1],
		      "the last line counts the tests without spec:\n%s", out);
	free(out);
	collection_free(&c);
}
END_TEST

/* A C test program's protocol, from a stand-in script. */
START_TEST(c_program_protocol)
{
	struct text_run tr = {
		.name = "test_fake", .mode = 0755, .whole_folder = true,
		.without_device = true,
		.text = "#!/bin/sh\n"
			"[ \"$1\" = --list ] && { echo one; echo two; echo three; echo four; exit 0; }\n"
			"[ \"$1 $3\" = \"--run --protocol\" ] || exit 9\n"
			"case $2 in\n"
			"one) echo a log line; echo '@@nvt warning odd'; echo '@@nvt result PASSED';;\n"
			"two) echo '@@nvt result FAILED t.c:3: check failed: x'; exit 1;;\n"
			"three) kill -SEGV $$;;\n"
			"four) exit 0;;\n"
			"esac\n",
	};
	struct collection c;

	run_text(&tr, &c);
	ck_assert_int_eq(c.ntests, 4);
	ck_assert_int_eq(c.tests[0]->res.outcome, OUT_PASSED);
	ck_assert_int_eq(c.tests[0]->res.nwarnings, 1);
	ck_assert_str_eq(c.tests[0]->res.warnings[0], "odd");
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.log, "a log line"));
	ck_assert_int_eq(c.tests[1]->res.outcome, OUT_FAILED);
	ck_assert_str_eq(c.tests[1]->res.reason, "t.c:3: check failed: x");
	ck_assert_int_eq(c.tests[2]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[2]->res.reason, "signal 11"));
	ck_assert_int_eq(c.tests[3]->res.outcome, OUT_ERROR);
	ck_assert_ptr_nonnull(strstr(c.tests[3]->res.reason, "without a result"));
	collection_free(&c);
}
END_TEST

/*
 * time_limit: a test that runs past it fails, whether a step waits (sleep,
 * wait_until) or a loop of short steps goes on; the test's own value wins
 * over its suite's and --time-limit, 0 lifting the limit; a C program is
 * killed.  Each limited test ends within about its limit.
 */
START_TEST(time_limits)
{
	struct text_run tr = {
		.name = "limits.yaml", .mode = 0644, .without_device = true,
		.time_limit = 30,
		.text = "time_limit: 1\n"
			"tests:\n"
			"  - name: long_sleep\n"
			"    steps: [{sleep: {ms: 20000}}, {set: {after: 1}}]\n"
			"  - name: busy_loop\n"
			"    steps:\n"
			"      - repeat: {count: 1000, steps: [{sleep: {ms: 20}}]}\n"
			"  - name: waits\n"
			"    steps:\n"
			"      - set: {x: 0}\n"
			"      - wait_until: {that: x == 1, timeout: 20000}\n"
			"  - name: own_limit_lifted\n"
			"    time_limit: 0\n"
			"    steps: [{sleep: {ms: 1200}}]\n"
			"  - name: own_limit_longer\n"
			"    time_limit: 3\n"
			"    steps: [{sleep: {ms: 1200}}]\n"
			"  - name: quick\n"
			"    steps: [{sleep: {ms: 10}}]\n",
	};
	struct text_run prog = {
		.name = "test_slow", .mode = 0755, .whole_folder = true,
		.without_device = true, .time_limit = 1,
		.text = "#!/bin/sh\n"
			"[ \"$1\" = --list ] && { echo slow; exit 0; }\n"
			"echo started; exec sleep 20\n",
	};
	static const char *const bad[] = {
		"time_limit: -1\ntests: [{name: a, steps: [{sleep: {ms: 1}}]}]\n",
		"tests: [{name: a, time_limit: soon, steps: [{sleep: {ms: 1}}]}]\n",
		"tests: [{name: a, time_limit: 604801, steps: [{sleep: {ms: 1}}]}]\n",
	};
	enum outcome want[] = {
		OUT_FAILED, OUT_FAILED, OUT_FAILED, OUT_PASSED, OUT_PASSED,
		OUT_PASSED,
	};
	struct collection c;
	char path[600];
	size_t i;

	run_text(&tr, &c);
	ck_assert_int_eq(c.ntests, 6);
	for (i = 0; i < c.ntests; i++)
		ck_assert_msg(c.tests[i]->res.outcome == want[i],
			      "%s: %s (%s)", c.tests[i]->id,
			      outcome_name(c.tests[i]->res.outcome),
			      c.tests[i]->res.reason ? c.tests[i]->res.reason : "");
	for (i = 0; i < 3; i++) {
		ck_assert_msg(c.tests[i]->res.duration < 2.5, "%s took %.1f s",
			      c.tests[i]->id, c.tests[i]->res.duration);
		ck_assert_ptr_nonnull(strstr(c.tests[i]->res.reason,
					     "time limit: the test ran past its 1 s"));
	}
	/* the failure names the step that ran out, the innermost */
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.reason, "limits.yaml:4: sleep"));
	ck_assert_ptr_nonnull(strstr(c.tests[1]->res.reason, "limits.yaml:7: sleep"));
	ck_assert_ptr_nonnull(strstr(c.tests[2]->res.reason, ": wait_until"));
	ck_assert_double_ge(c.tests[3]->res.duration, 1.2);
	collection_free(&c);

	/* --time-limit for a C program: killed, and a failure */
	run_text(&prog, &c);
	ck_assert_int_eq(c.ntests, 1);
	ck_assert_int_eq(c.tests[0]->res.outcome, OUT_FAILED);
	ck_assert_ptr_nonnull(strstr(c.tests[0]->res.reason,
				     "ran past its 1 s (time_limit): killed"));
	ck_assert_double_lt(c.tests[0]->res.duration, 3);
	collection_free(&c);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(collect_text("bad_limit.yaml", bad[i], &c, path,
					      sizeof(path)), 0);
		ck_assert_int_eq(c.nerrors, 1);
		ck_assert_msg(strstr(c.errors[0], "time_limit must be whole seconds"),
			      "%s", c.errors[0]);
		collection_free(&c);
	}
}
END_TEST

/* ---- nvt-run.ini and warning filters ---- */

static void config_text(const char *text, char *path, size_t len)
{
	int fd;

	snprintf(path, len, "/tmp/nvt-run-ini.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

START_TEST(config_file)
{
	struct run_config c;
	char path[64], err[512];

	config_text("# defaults\n[other]\naddopts = -x\n[nvt-run]\n"
		    "addopts = -v --seed 5 -k \"a and not b\"\n"
		    "filterwarnings =\n    error:timed out\n\n"
		    "    ignore:^AER\n; done\nlog_level = debug\n"
		    "time_limit = 600\n",
		    path, sizeof(path));
	ck_assert_int_eq(config_load(path, true, &c, err, sizeof(err)), 0);
	ck_assert_str_eq(c.path, path);
	ck_assert_uint_eq(c.naddopts, 5);
	ck_assert_str_eq(c.addopts[0], "-v");
	ck_assert_str_eq(c.addopts[2], "5");
	ck_assert_str_eq(c.addopts[4], "a and not b");
	ck_assert_uint_eq(c.nfilters, 2);
	ck_assert_str_eq(c.filters[0], "error:timed out");
	ck_assert_str_eq(c.filters[1], "ignore:^AER");
	ck_assert_str_eq(c.log_level, "debug");
	ck_assert_str_eq(c.time_limit, "600");
	config_free(&c);
	unlink(path);

	/* what is wrong is said with the file and line */
	config_text("[nvt-run]\nverbose = 1\n", path, sizeof(path));
	ck_assert_int_eq(config_load(path, true, &c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ":2: unknown key 'verbose'"));
	unlink(path);
	config_text("[nvt-run]\naddopts = -k 'open\n", path, sizeof(path));
	ck_assert_int_eq(config_load(path, true, &c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "a quote (') is not closed"));
	unlink(path);
	config_text("[nvt-run]\n-v\n", path, sizeof(path));
	ck_assert_int_eq(config_load(path, true, &c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ":2: 'key = value' expected"));
	unlink(path);
	/* a missing file: nothing unless asked for by name */
	ck_assert_int_eq(config_load(path, false, &c, err, sizeof(err)), 0);
	ck_assert_ptr_null(c.path);
	ck_assert_int_eq(config_load(path, true, &c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

static void result_with(struct case_result *res, enum outcome o,
			const char *w1, const char *w2)
{
	memset(res, 0, sizeof(*res));
	res->outcome = o;
	res->warnings = calloc(2, sizeof(char *));
	res->warnings[0] = strdup(w1);
	res->warnings[1] = strdup(w2);
	res->nwarnings = 2;
}

static void result_free(struct case_result *res)
{
	size_t i;

	for (i = 0; i < res->nwarnings; i++)
		free(res->warnings[i]);
	free(res->warnings);
	free(res->reason);
}

START_TEST(warning_filters)
{
	struct warn_filters wf = { 0 };
	struct case_result res;
	char err[256];

	ck_assert_int_eq(warnfilter_add(&wf, "error:timed out", err, sizeof(err)), 0);
	ck_assert_int_eq(warnfilter_add(&wf, "ignore:^AER", err, sizeof(err)), 0);
	/* later filters win: this Flush timeout stays a warning */
	ck_assert_int_eq(warnfilter_add(&wf, "default:^Flush", err, sizeof(err)), 0);

	result_with(&res, OUT_PASSED, "AER notification is triggered: 0x1",
		    "Read (qid 1, cid 3) timed out: status 07/ff");
	warnfilter_apply(&wf, &res);
	ck_assert_int_eq(res.outcome, OUT_FAILED);
	ck_assert_str_eq(res.reason, "warning turned into an error by '-W error:timed out': Read (qid 1, cid 3) timed out: status 07/ff");
	ck_assert_uint_eq(res.nwarnings, 1);
	ck_assert_str_eq(res.warnings[0], "Read (qid 1, cid 3) timed out: status 07/ff");
	result_free(&res);

	result_with(&res, OUT_PASSED, "Flush (qid 1, cid 0) timed out: status 07/ff",
		    "late completion of timed-out command qid 1 cid 0");
	warnfilter_apply(&wf, &res);
	ck_assert_int_eq(res.outcome, OUT_PASSED);
	ck_assert_uint_eq(res.nwarnings, 2);
	result_free(&res);

	/* a skipped or xfailed test keeps its outcome */
	result_with(&res, OUT_XFAILED, "Read timed out", "x");
	warnfilter_apply(&wf, &res);
	ck_assert_int_eq(res.outcome, OUT_XFAILED);
	result_free(&res);

	ck_assert_int_eq(warnfilter_add(&wf, "fail:x", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "ACTION error, ignore or default"));
	ck_assert_int_eq(warnfilter_add(&wf, "error:(", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "warning filter 'error:('"));
	ck_assert_uint_eq(wf.n, 3);
	warnfilter_free(&wf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("nvt-run");
	TCase *tc = tcase_create("parts");
	TCase *slow = tcase_create("time limits");	/* sleeps for seconds */
	SRunner *sr;
	int failed;

	tcase_add_test(tc, yaml_tree);
	tcase_add_test(tc, expect_forms);
	tcase_add_test(tc, yaml_errors);
	tcase_add_test(tc, yaml_anchors);
	tcase_add_test(tc, scalars);
	tcase_add_test(tc, expr_precedence);
	tcase_add_test(tc, expr_builtins);
	tcase_add_test(tc, expr_fractions);
	tcase_add_test(tc, expr_errors);
	tcase_add_test(tc, expr_trace_sides);
	tcase_add_test(tc, params_matrix);
	tcase_add_test(tc, params_rows);
	tcase_add_test(tc, filters);
	tcase_add_test(tc, step_errors);
	tcase_add_test(tc, raw_step_errors);
	tcase_add_test(tc, ns_attach_step_errors);
	tcase_add_test(tc, mgmt_step_errors);
	tcase_add_test(tc, expr_call_member);
	tcase_add_test(tc, step_names_unique);
	tcase_add_test(tc, collect_and_run);
	tcase_add_test(tc, buf_compare_units);
	tcase_add_test(tc, device_steps_error_without_device);
	tcase_add_test(tc, faults);
	tcase_add_test(tc, format_defaults_keep_the_format);
	tcase_add_test(tc, no_device_runs_nothing);
	tcase_add_test(tc, lost_device_report);
	tcase_add_test(tc, c_program_protocol);
	tcase_add_test(tc, catalog_spec);
	tcase_add_test(tc, config_file);
	tcase_add_test(tc, warning_filters);
	tcase_add_test(tc, event_lines);
	suite_add_tcase(s, tc);
	tcase_set_timeout(slow, 30);
	tcase_add_test(slow, time_limits);
	suite_add_tcase(s, slow);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
