// SPDX-License-Identifier: MIT
/*
 * nvt_monitor's parsing of nvt.ko's netlink messages, built in memory as
 * nvt.ko builds them (no kernel needed), and nvt monitor's line format.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <nvt/nvt.h>
#include "monitor_internal.h"
#include "../../tools/nvt/commands.h"
#include "unit.h"

#define FAMILY	0x1c	/* any id: the parser looks at the command only */

static struct nl_msg *msg_new(uint8_t cmd, int minor)
{
	struct nl_msg *m = nlmsg_alloc();

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(genlmsg_put(m, 0, 0, FAMILY, 0, 0, cmd,
					  NVT_GENL_VERSION));
	if (minor >= 0)
		ck_assert_int_eq(nla_put_u32(m, NVT_GENL_A_MINOR, minor), 0);
	ck_assert_int_eq(nla_put_string(m, NVT_GENL_A_BDF, "0000:01:00.0"), 0);
	ck_assert_int_eq(nla_put_u64(m, NVT_GENL_A_TIME_NS,
				     1796293068576211583ull), 0);
	return m;
}

START_TEST(event_timeout)
{
	struct nl_msg *m = msg_new(NVT_GENL_CMD_EVENT, 2);
	struct nvt_monitor_event ev;

	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_TIMEOUT);
	nla_put_u32(m, NVT_GENL_A_QID, 3);
	nla_put_u32(m, NVT_GENL_A_CID, 17);
	nla_put_u32(m, NVT_GENL_A_OPCODE, 0x02);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), 0);
	ck_assert_uint_eq(ev.type, NVT_EV_TIMEOUT);
	ck_assert_str_eq(nvt_monitor_event_name(ev.type), "timeout");
	ck_assert_int_eq(ev.instance, 2);
	ck_assert_str_eq(ev.bdf, "0000:01:00.0");
	ck_assert_uint_eq(ev.time_ns, 1796293068576211583ull);
	ck_assert_uint_eq(ev.qid, 3);
	ck_assert_uint_eq(ev.cid, 17);
	ck_assert_uint_eq(ev.opcode, 2);
	ck_assert_uint_eq(ev.fields, NVT_MONITOR_FIELD(QID) |
			  NVT_MONITOR_FIELD(CID) | NVT_MONITOR_FIELD(OPCODE));
	nlmsg_free(m);
}
END_TEST

START_TEST(event_miscompare_and_unknown)
{
	struct nl_msg *m = msg_new(NVT_GENL_CMD_EVENT, 0);
	struct nvt_monitor_event ev;

	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_MISCOMPARE);
	nla_put_u32(m, 200, 0xdead);	/* a newer nvt.ko's attribute */
	nla_put_u32(m, NVT_GENL_A_NSID, 1);
	nla_put_u64(m, NVT_GENL_A_LBA, 0x123456789ull);
	nla_put_u32(m, NVT_GENL_A_EXPECTED, 235);
	nla_put_u32(m, NVT_GENL_A_ACTUAL, 248);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), 0);
	ck_assert_uint_eq(ev.lba, 0x123456789ull);
	ck_assert_uint_eq(ev.expected, 235);
	ck_assert_uint_eq(ev.actual, 248);
	ck_assert(ev.fields & NVT_MONITOR_FIELD(LBA));
	ck_assert(!(ev.fields & NVT_MONITOR_FIELD(QID)));
	nlmsg_free(m);
	ck_assert_str_eq(nvt_monitor_event_name(NVT_EV_MAX + 1), "unknown");
	ck_assert_str_eq(nvt_monitor_event_name(NVT_EV_NONE), "unknown");
}
END_TEST

START_TEST(event_ctrl_fatal)
{
	struct nl_msg *m = msg_new(NVT_GENL_CMD_EVENT, 1);
	struct nvt_monitor_event ev;
	char line[512];

	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_CTRL_FATAL);
	nla_put_u32(m, NVT_GENL_A_CSTS, 0x2);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), 0);
	ck_assert_str_eq(nvt_monitor_event_name(ev.type), "ctrl_fatal");
	ck_assert_uint_eq(ev.csts, 2);
	ck_assert_uint_eq(ev.fields, NVT_MONITOR_FIELD(CSTS));
	nvt_monitor_format(&ev, true, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "\"event\":\"ctrl_fatal\",\"csts\":2}"));
	nvt_monitor_format(&ev, false, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, " ctrl_fatal csts=0x2"));
	nlmsg_free(m);
}
END_TEST

START_TEST(event_malformed)
{
	struct nvt_monitor_event ev;
	struct nl_msg *m;
	uint16_t half = 1;

	/* a u32 with two bytes */
	m = msg_new(NVT_GENL_CMD_EVENT, 0);
	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_AER);
	nla_put(m, NVT_GENL_A_DW0, sizeof(half), &half);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), -EPROTO);
	nlmsg_free(m);
	/* no device */
	m = msg_new(NVT_GENL_CMD_EVENT, -1);
	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_AER);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), -EPROTO);
	nlmsg_free(m);
	/* no type */
	m = msg_new(NVT_GENL_CMD_EVENT, 0);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), -EPROTO);
	nlmsg_free(m);
	/* statistics are not an event, nor the other way round */
	m = msg_new(NVT_GENL_CMD_STATS, 0);
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), -EPROTO);
	nlmsg_free(m);
	/* a BDF without its NUL */
	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, FAMILY, 0, 0, NVT_GENL_CMD_EVENT, 1);
	nla_put_u32(m, NVT_GENL_A_MINOR, 0);
	nla_put_u32(m, NVT_GENL_A_EVENT, NVT_EV_AER);
	nla_put(m, NVT_GENL_A_BDF, 4, "0000");
	ck_assert_int_eq(nvt_monitor_parse_event(nlmsg_hdr(m), &ev), -EPROTO);
	nlmsg_free(m);
}
END_TEST

static void put_queue(struct nl_msg *m, uint32_t qid, int worker,
		      uint64_t done)
{
	struct nlattr *n = nla_nest_start(m, NVT_GENL_A_QUEUE);

	nla_put_u32(m, NVT_GENL_Q_QID, qid);
	nla_put_u32(m, NVT_GENL_Q_DEPTH, 64);
	if (worker >= 0)
		nla_put_u32(m, NVT_GENL_Q_WORKER, worker);
	nla_put_u64(m, NVT_GENL_Q_COMPLETED, 1000 + qid);
	nla_put_u32(m, NVT_GENL_Q_OUTSTANDING, 8);
	nla_put_u64(m, NVT_GENL_Q_DONE_1S, done);
	nla_put_u64(m, NVT_GENL_Q_LAT_AVG_NS, 500000);
	nla_put_u64(m, NVT_GENL_Q_LAT_MAX_NS, 9000000);
	nla_nest_end(m, n);
}

START_TEST(stats)
{
	struct nl_msg *m = msg_new(NVT_GENL_CMD_STATS, 1);
	struct nvt_monitor_stats *st;
	struct nlattr *n;

	nla_put_u64(m, NVT_GENL_A_DROPPED, 5);
	put_queue(m, 0, -1, 0);
	put_queue(m, 1, 4, 15454);
	n = nla_nest_start(m, NVT_GENL_A_WORKER_STATS);
	nla_put_u32(m, NVT_GENL_W_ID, 4);
	nla_put_u32(m, NVT_GENL_W_QID, 1);
	nla_put_u32(m, NVT_GENL_W_RUNNING, 1);
	nla_put_u64(m, NVT_GENL_W_IOS_1S, 15454);
	nla_put_u64(m, NVT_GENL_W_BYTES_1S, 15454 * 4096ull);
	nla_put_u64(m, NVT_GENL_W_ERRORS, 2);
	nla_put_u32(m, NVT_GENL_W_STATUS, 0x2fd);
	nla_nest_end(m, n);
	ck_assert_int_eq(nvt_monitor_parse_stats(nlmsg_hdr(m), &st), 0);
	ck_assert_int_eq(st->instance, 1);
	ck_assert_uint_eq(st->dropped, 5);
	ck_assert_uint_eq(st->nr_queues, 2);
	ck_assert_uint_eq(st->queues[0].qid, 0);
	ck_assert_int_eq(st->queues[0].worker, -1);
	ck_assert_uint_eq(st->queues[1].qid, 1);
	ck_assert_int_eq(st->queues[1].worker, 4);
	ck_assert_uint_eq(st->queues[1].completed, 1001);
	ck_assert_uint_eq(st->queues[1].done_1s, 15454);
	ck_assert_uint_eq(st->queues[1].lat_max_ns, 9000000);
	ck_assert_uint_eq(st->nr_workers, 1);
	ck_assert_uint_eq(st->workers[0].id, 4);
	ck_assert_uint_eq(st->workers[0].running, 1);
	ck_assert_uint_eq(st->workers[0].bytes_1s, 15454 * 4096ull);
	ck_assert_uint_eq(st->workers[0].errors, 2);
	ck_assert_uint_eq(st->workers[0].status, 0x2fd);
	nvt_monitor_stats_free(st);
	nlmsg_free(m);

	/* a device with nothing: no queues, no workers */
	m = msg_new(NVT_GENL_CMD_STATS, 0);
	ck_assert_int_eq(nvt_monitor_parse_stats(nlmsg_hdr(m), &st), 0);
	ck_assert_uint_eq(st->nr_queues + st->nr_workers, 0);
	nvt_monitor_stats_free(st);
	nlmsg_free(m);
}
END_TEST

START_TEST(stats_malformed)
{
	struct nl_msg *m = msg_new(NVT_GENL_CMD_STATS, 1);
	struct nvt_monitor_stats *st = (void *)1;
	struct nlattr *n;

	n = nla_nest_start(m, NVT_GENL_A_QUEUE);
	nla_put_u32(m, NVT_GENL_Q_COMPLETED, 7);	/* a u64 of 4 bytes */
	nla_nest_end(m, n);
	ck_assert_int_eq(nvt_monitor_parse_stats(nlmsg_hdr(m), &st), -EPROTO);
	ck_assert_ptr_null(st);
	nlmsg_free(m);
	m = msg_new(NVT_GENL_CMD_EVENT, 1);
	ck_assert_int_eq(nvt_monitor_parse_stats(nlmsg_hdr(m), &st), -EPROTO);
	nlmsg_free(m);
}
END_TEST

START_TEST(devices)
{
	char bdf[16];
	int n;

	ck_assert_int_eq(nvt_monitor_parse_dev("nvt3", bdf, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(bdf, "");
	ck_assert_int_eq(nvt_monitor_parse_dev("12", bdf, &n), 0);
	ck_assert_int_eq(n, 12);
	ck_assert_int_eq(nvt_monitor_parse_dev("01:00.0", bdf, &n), 0);
	ck_assert_int_eq(n, -1);
	ck_assert_str_eq(bdf, "0000:01:00.0");
	ck_assert_int_eq(nvt_monitor_parse_dev("nvtx", bdf, &n), -EINVAL);
	ck_assert_int_eq(nvt_monitor_parse_dev("nvt", bdf, &n), -EINVAL);
	ck_assert_int_eq(nvt_monitor_parse_dev("", bdf, &n), -EINVAL);
	ck_assert_int_eq(nvt_monitor_parse_dev("1:2", bdf, &n), -EINVAL);
	ck_assert_int_eq(nvt_monitor_parse_dev("99999999999", bdf, &n),
			 -EINVAL);
}
END_TEST

START_TEST(lines)
{
	struct nvt_monitor_event ev = {
		.type = NVT_EV_MISCOMPARE, .instance = 0,
		.bdf = "0000:01:00.0", .time_ns = 1796293069069504892ull,
		.fields = NVT_MONITOR_FIELD(QID) | NVT_MONITOR_FIELD(NSID) |
			  NVT_MONITOR_FIELD(LBA) | NVT_MONITOR_FIELD(EXPECTED) |
			  NVT_MONITOR_FIELD(ACTUAL),
		.qid = 1, .nsid = 1, .lba = 488, .expected = 235,
		.actual = 248, .cid = 61,
	};
	char line[512];

	nvt_monitor_format(&ev, true, line, sizeof(line));
	ck_assert_str_eq(line, "{\"time\":\"2026-12-03T10:17:49.069504892Z\",\"time_ns\":1796293069069504892,\"instance\":0,\"bdf\":\"0000:01:00.0\",\"event\":\"miscompare\",\"qid\":1,\"nsid\":1,\"lba\":488,\"expected\":235,\"actual\":248}");
	nvt_monitor_format(&ev, false, line, sizeof(line));
	ck_assert_str_eq(line, "2026-12-03T10:17:49.069504892Z nvt0 0000:01:00.0 miscompare qid=1 nsid=1 lba=488 expected=0xeb actual=0xf8");
	/* a short buffer: cut, still a string */
	nvt_monitor_format(&ev, true, line, 40);
	ck_assert_uint_eq(strlen(line), 39);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, event_timeout);
	tcase_add_test(tc, event_miscompare_and_unknown);
	tcase_add_test(tc, event_ctrl_fatal);
	tcase_add_test(tc, event_malformed);
	tcase_add_test(tc, stats);
	tcase_add_test(tc, stats_malformed);
	tcase_add_test(tc, devices);
	tcase_add_test(tc, lines);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
