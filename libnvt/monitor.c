// SPDX-License-Identifier: MIT
/*
 * nvt_monitor: nvt.ko's events and statistics over generic netlink.
 *
 * Two sockets: one joined to the multicast groups, read without waiting
 * by nvt_monitor_dispatch(); one for GET requests, whose answers must not
 * mix with the broadcasts.  Messages are parsed attribute by attribute:
 * statistics repeat NVT_GENL_A_QUEUE and NVT_GENL_A_WORKER_STATS, and an
 * attribute this libnvt does not know (a newer nvt.ko) is skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "internal.h"
#include "monitor_internal.h"
#include "pcie_internal.h"

#define NVT_MONITOR_BUF	(256u << 10)	/* one read of the socket */

struct nvt_monitor {
	struct nl_sock *sock;		/* the groups */
	struct nl_sock *req;		/* GET */
	int family;
	int grp_events, grp_stats;
	bool in_events, in_stats;	/* joined */
	char want_bdf[16];		/* subscribed device, "" */
	int want_instance;		/* or this one, -1 */
	nvt_monitor_event_fn *on_event;
	nvt_monitor_stats_fn *on_stats;
	void *arg;
	uint8_t *buf;
	char err[NVT_ERR_LEN];
};

static const char *const nvt_event_names[] = {
	[NVT_EV_AER] = "aer",
	[NVT_EV_TIMEOUT] = "timeout",
	[NVT_EV_LATE] = "late",
	[NVT_EV_MISCOMPARE] = "miscompare",
	[NVT_EV_WORKER_START] = "worker_start",
	[NVT_EV_WORKER_END] = "worker_end",
	[NVT_EV_WORKER_ERROR] = "worker_error",
	[NVT_EV_CTRL_ENABLE] = "ctrl_enable",
	[NVT_EV_CTRL_DISABLE] = "ctrl_disable",
	[NVT_EV_CTRL_RESET] = "ctrl_reset",
	[NVT_EV_POWER_CUT] = "power_cut",
	[NVT_EV_POWER_RETURN] = "power_return",
	[NVT_EV_REMOVED] = "removed",
	[NVT_EV_CLAIMED] = "claimed",
	[NVT_EV_RAW_DMA] = "raw_dma",
	[NVT_EV_CTRL_FATAL] = "ctrl_fatal",
};

const char *nvt_monitor_event_name(uint32_t type)
{
	if (type < sizeof(nvt_event_names) / sizeof(nvt_event_names[0]) &&
	    nvt_event_names[type])
		return nvt_event_names[type];
	return "unknown";
}

/* libnl's error codes as errnos, for the ones nvt.ko and the socket give. */
static int nl_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_PERM:		return EPERM;
	case NLE_NOACCESS:	return EACCES;
	case NLE_NODEV:		return ENODEV;
	case NLE_NOMEM:		return ENOMEM;
	case NLE_INVAL:		return EINVAL;
	case NLE_OBJ_NOTFOUND:	return ENOENT;
	case NLE_AGAIN:		return EAGAIN;
	case NLE_BUSY:		return EBUSY;
	case NLE_INTR:		return EINTR;
	case NLE_MSGSIZE:	return EMSGSIZE;
	case NLE_MSG_TRUNC:	return EMSGSIZE;
	case NLE_OPNOTSUPP:	return EOPNOTSUPP;
	default:		return EIO;
	}
}

static int get_u32(const struct nlattr *a, uint32_t *v)
{
	if (nla_len(a) < 4)
		return -EPROTO;
	memcpy(v, nla_data(a), 4);
	return 0;
}

static int get_u64(const struct nlattr *a, uint64_t *v)
{
	if (nla_len(a) < 8)
		return -EPROTO;
	memcpy(v, nla_data(a), 8);
	return 0;
}

static int get_str(const struct nlattr *a, char *s, size_t len)
{
	size_t n = nla_len(a);

	if (!n || ((const char *)nla_data(a))[n - 1])
		return -EPROTO;		/* not NUL-terminated */
	snprintf(s, len, "%s", (const char *)nla_data(a));
	return 0;
}

/* The generic netlink header of @nlh if it is an nvt message of @cmd. */
static const struct genlmsghdr *nvt_genl_hdr(const struct nlmsghdr *nlh,
					     uint8_t cmd)
{
	const struct genlmsghdr *g;

	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return NULL;
	g = nlmsg_data(nlh);
	return g->cmd == cmd ? g : NULL;
}

#define for_each_msg_attr(a, nlh, rem) \
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0), \
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem)

/* The attributes every message has; 1: not one of them. */
static int parse_common(const struct nlattr *a, int *instance, char *bdf,
			uint64_t *time_ns)
{
	uint32_t v;

	switch (nla_type(a)) {
	case NVT_GENL_A_MINOR:
		if (get_u32(a, &v))
			return -EPROTO;
		*instance = (int)v;
		return 0;
	case NVT_GENL_A_BDF:
		return get_str(a, bdf, 16);
	case NVT_GENL_A_TIME_NS:
		return get_u64(a, time_ns);
	default:
		return 1;
	}
}

int nvt_monitor_parse_event(const struct nlmsghdr *nlh,
			    struct nvt_monitor_event *ev)
{
	const struct nlattr *a;
	uint32_t *u32f;
	int rem, ret, t;
	bool typed = false;

	memset(ev, 0, sizeof(*ev));
	ev->instance = -1;
	if (!nvt_genl_hdr(nlh, NVT_GENL_CMD_EVENT))
		return -EPROTO;
	for_each_msg_attr(a, nlh, rem) {
		ret = parse_common(a, &ev->instance, ev->bdf, &ev->time_ns);
		if (ret <= 0) {
			if (ret)
				return ret;
			continue;
		}
		t = nla_type(a);
		switch (t) {
		case NVT_GENL_A_EVENT:
			if (get_u32(a, &ev->type))
				return -EPROTO;
			typed = true;
			continue;
		case NVT_GENL_A_LBA:
			if (get_u64(a, &ev->lba))
				return -EPROTO;
			ev->fields |= 1u << t;
			continue;
		case NVT_GENL_A_DW0:	u32f = &ev->dw0; break;
		case NVT_GENL_A_QID:	u32f = &ev->qid; break;
		case NVT_GENL_A_CID:	u32f = &ev->cid; break;
		case NVT_GENL_A_OPCODE:	u32f = &ev->opcode; break;
		case NVT_GENL_A_STATUS:	u32f = &ev->status; break;
		case NVT_GENL_A_NSID:	u32f = &ev->nsid; break;
		case NVT_GENL_A_EXPECTED: u32f = &ev->expected; break;
		case NVT_GENL_A_ACTUAL:	u32f = &ev->actual; break;
		case NVT_GENL_A_WORKER:	u32f = &ev->worker; break;
		case NVT_GENL_A_CSTS:	u32f = &ev->csts; break;
		default:
			continue;	/* a newer nvt.ko's */
		}
		if (get_u32(a, u32f))
			return -EPROTO;
		ev->fields |= 1u << t;
	}
	return typed && ev->instance >= 0 ? 0 : -EPROTO;
}

static int parse_queue(const struct nlattr *nest, struct nvt_monitor_queue *q)
{
	const struct nlattr *a;
	uint64_t *u64f;
	uint32_t v;
	int rem;

	memset(q, 0, sizeof(*q));
	q->worker = -1;
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case NVT_GENL_Q_QID:
			if (get_u32(a, &q->qid))
				return -EPROTO;
			continue;
		case NVT_GENL_Q_DEPTH:
			if (get_u32(a, &q->depth))
				return -EPROTO;
			continue;
		case NVT_GENL_Q_WORKER:
			if (get_u32(a, &v))
				return -EPROTO;
			q->worker = v;
			continue;
		case NVT_GENL_Q_OUTSTANDING:
			if (get_u32(a, &q->outstanding))
				return -EPROTO;
			continue;
		case NVT_GENL_Q_SUBMITTED:	u64f = &q->submitted; break;
		case NVT_GENL_Q_COMPLETED:	u64f = &q->completed; break;
		case NVT_GENL_Q_DONE_1S:	u64f = &q->done_1s; break;
		case NVT_GENL_Q_LAT_AVG_NS:	u64f = &q->lat_avg_ns; break;
		case NVT_GENL_Q_LAT_MAX_NS:	u64f = &q->lat_max_ns; break;
		default:
			continue;
		}
		if (get_u64(a, u64f))
			return -EPROTO;
	}
	return 0;
}

static int parse_worker(const struct nlattr *nest,
			struct nvt_monitor_worker *w)
{
	const struct nlattr *a;
	uint64_t *u64f;
	uint32_t *u32f;
	int rem;

	memset(w, 0, sizeof(*w));
	nla_for_each_nested(a, nest, rem) {
		u64f = NULL;
		u32f = NULL;
		switch (nla_type(a)) {
		case NVT_GENL_W_ID:		u32f = &w->id; break;
		case NVT_GENL_W_QID:		u32f = &w->qid; break;
		case NVT_GENL_W_RUNNING:	u32f = &w->running; break;
		case NVT_GENL_W_STATUS:		u32f = &w->status; break;
		case NVT_GENL_W_INFLIGHT:	u32f = &w->inflight; break;
		case NVT_GENL_W_COMPLETED:	u64f = &w->completed; break;
		case NVT_GENL_W_ERRORS:		u64f = &w->errors; break;
		case NVT_GENL_W_IOS_1S:		u64f = &w->ios_1s; break;
		case NVT_GENL_W_BYTES_1S:	u64f = &w->bytes_1s; break;
		case NVT_GENL_W_LAT_AVG_NS:	u64f = &w->lat_avg_ns; break;
		case NVT_GENL_W_LAT_MAX_NS:	u64f = &w->lat_max_ns; break;
		default:
			continue;
		}
		if ((u32f && get_u32(a, u32f)) || (u64f && get_u64(a, u64f)))
			return -EPROTO;
	}
	return 0;
}

void nvt_monitor_stats_free(struct nvt_monitor_stats *st)
{
	if (!st)
		return;
	free(st->queues);
	free(st->workers);
	free(st);
}

int nvt_monitor_parse_stats(const struct nlmsghdr *nlh,
			    struct nvt_monitor_stats **out)
{
	struct nvt_monitor_stats *st;
	const struct nlattr *a;
	unsigned nq = 0, nw = 0;
	int rem, ret = 0;

	*out = NULL;
	if (!nvt_genl_hdr(nlh, NVT_GENL_CMD_STATS))
		return -EPROTO;
	for_each_msg_attr(a, nlh, rem) {
		nq += nla_type(a) == NVT_GENL_A_QUEUE;
		nw += nla_type(a) == NVT_GENL_A_WORKER_STATS;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->instance = -1;
	st->queues = calloc(nq ? nq : 1, sizeof(*st->queues));
	st->workers = calloc(nw ? nw : 1, sizeof(*st->workers));
	if (!st->queues || !st->workers) {
		nvt_monitor_stats_free(st);
		return -ENOMEM;
	}
	for_each_msg_attr(a, nlh, rem) {
		ret = parse_common(a, &st->instance, st->bdf, &st->time_ns);
		if (ret <= 0) {
			if (ret)
				break;
			continue;
		}
		ret = 0;
		switch (nla_type(a)) {
		case NVT_GENL_A_DROPPED:
			ret = get_u64(a, &st->dropped);
			break;
		case NVT_GENL_A_QUEUE:
			ret = parse_queue(a, &st->queues[st->nr_queues++]);
			break;
		case NVT_GENL_A_WORKER_STATS:
			ret = parse_worker(a, &st->workers[st->nr_workers++]);
			break;
		default:
			break;
		}
		if (ret)
			break;
	}
	if (!ret && st->instance < 0)
		ret = -EPROTO;
	if (ret) {
		nvt_monitor_stats_free(st);
		return ret;
	}
	*out = st;
	return 0;
}

int nvt_monitor_parse_dev(const char *dev, char *bdf, int *instance)
{
	const char *num = dev;
	char *end;
	long n;

	bdf[0] = 0;
	*instance = -1;
	if (!dev || !*dev)
		return -EINVAL;
	if (!strncmp(dev, "nvt", 3))
		num = dev + 3;
	if (isdigit((unsigned char)*num) && strspn(num, "0123456789") ==
					     strlen(num)) {
		errno = 0;
		n = strtol(num, &end, 10);
		if (errno || n > 0xffff)
			return -EINVAL;
		*instance = (int)n;
		return 0;
	}
	if (num != dev)
		return -EINVAL;
	return nvt_bdf_normalize(dev, bdf, 16);
}

int nvt_monitor_open(struct nvt_monitor **out, char *errbuf, size_t errlen)
{
	struct nvt_monitor *m;
	int ret;

	if (!out)
		return nvt_errn(errbuf, errlen, EINVAL, "no place for the monitor");
	*out = NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
	m->want_instance = -1;
	m->buf = malloc(NVT_MONITOR_BUF);
	m->sock = nl_socket_alloc();
	m->req = nl_socket_alloc();
	if (!m->buf || !m->sock || !m->req) {
		ret = nvt_errn(errbuf, errlen, ENOMEM, "out of memory");
		goto fail;
	}
	ret = genl_connect(m->sock);
	if (!ret)
		ret = genl_connect(m->req);
	if (ret) {
		ret = nvt_errn(errbuf, errlen, nl_errno(ret),
			       "generic netlink socket: %s", nl_geterror(ret));
		goto fail;
	}
	m->family = genl_ctrl_resolve(m->req, NVT_GENL_NAME);
	if (m->family < 0) {
		ret = nvt_errn(errbuf, errlen, ENOENT,
			       "no generic netlink family \"%s\" (is nvt.ko loaded?)",
			       NVT_GENL_NAME);
		goto fail;
	}
	m->grp_events = genl_ctrl_resolve_grp(m->req, NVT_GENL_NAME,
					      NVT_GENL_GRP_EVENTS);
	m->grp_stats = genl_ctrl_resolve_grp(m->req, NVT_GENL_NAME,
					     NVT_GENL_GRP_STATS);
	if (m->grp_events < 0 || m->grp_stats < 0) {
		ret = nvt_errn(errbuf, errlen, ENOENT,
			       "nvt.ko has no \"%s\" and \"%s\" groups",
			       NVT_GENL_GRP_EVENTS, NVT_GENL_GRP_STATS);
		goto fail;
	}
	/*
	 * bursts of events: room for many before the kernel drops any, beyond
	 * net.core.rmem_max where the caller may (CAP_NET_ADMIN)
	 */
	nl_socket_set_buffer_size(m->sock, 4 << 20, 0);
	setsockopt(nl_socket_get_fd(m->sock), SOL_SOCKET, SO_RCVBUFFORCE,
		   &(int){ 4 << 20 }, sizeof(int));
	nl_socket_disable_seq_check(m->sock);
	ret = nl_socket_set_nonblocking(m->sock);
	if (ret) {
		ret = nvt_errn(errbuf, errlen, nl_errno(ret),
			       "netlink socket: %s", nl_geterror(ret));
		goto fail;
	}
	*out = m;
	return 0;
fail:
	nvt_monitor_close(m);
	return ret;
}

const char *nvt_monitor_error(const struct nvt_monitor *m)
{
	return m ? m->err : "no monitor";
}

static int join(struct nvt_monitor *m, int grp, bool want, bool *in,
		const char *name)
{
	int ret;

	if (want == *in)
		return 0;
	ret = want ? nl_socket_add_membership(m->sock, grp) :
		     nl_socket_drop_membership(m->sock, grp);
	if (ret)
		return nvt_err(m->err, nl_errno(ret),
			       "joining nvt's \"%s\" group: %s%s", name,
			       nl_geterror(ret), nl_errno(ret) == EPERM ?
			       " (needs CAP_SYS_ADMIN)" : "");
	*in = want;
	return 0;
}

int nvt_monitor_subscribe(struct nvt_monitor *m, const char *dev,
			  nvt_monitor_event_fn *on_event,
			  nvt_monitor_stats_fn *on_stats, void *arg)
{
	char bdf[16] = "";
	int instance = -1, ret;

	if (!m)
		return -EINVAL;
	if (!on_event && !on_stats)
		return nvt_err(m->err, EINVAL, "neither events nor statistics asked for");
	if (dev && nvt_monitor_parse_dev(dev, bdf, &instance))
		return nvt_err(m->err, EINVAL,
			       "\"%s\" is neither a PCI address nor an nvt instance",
			       dev);
	ret = join(m, m->grp_events, on_event, &m->in_events,
		   NVT_GENL_GRP_EVENTS);
	if (!ret)
		ret = join(m, m->grp_stats, on_stats, &m->in_stats,
			   NVT_GENL_GRP_STATS);
	if (ret)
		return ret;
	memcpy(m->want_bdf, bdf, sizeof(bdf));
	m->want_instance = instance;
	m->on_event = on_event;
	m->on_stats = on_stats;
	m->arg = arg;
	return 0;
}

int nvt_monitor_fd(const struct nvt_monitor *m)
{
	return m ? nl_socket_get_fd(m->sock) : -EINVAL;
}

static bool wanted(const struct nvt_monitor *m, int instance, const char *bdf)
{
	if (m->want_bdf[0])
		return !strcmp(m->want_bdf, bdf);
	return m->want_instance < 0 || m->want_instance == instance;
}

/* One message of the groups; false if it was not ours or malformed. */
static bool handle(struct nvt_monitor *m, const struct nlmsghdr *nlh)
{
	struct nvt_monitor_event ev;
	struct nvt_monitor_stats *st;

	if (nlh->nlmsg_type != m->family)
		return false;
	if (m->on_event && !nvt_monitor_parse_event(nlh, &ev)) {
		if (wanted(m, ev.instance, ev.bdf))
			m->on_event(&ev, m->arg);
		return true;
	}
	if (m->on_stats && !nvt_monitor_parse_stats(nlh, &st)) {
		if (wanted(m, st->instance, st->bdf))
			m->on_stats(st, m->arg);
		nvt_monitor_stats_free(st);
		return true;
	}
	return false;
}

int nvt_monitor_dispatch(struct nvt_monitor *m)
{
	int fd, handled = 0, lost = 0;
	struct nlmsghdr *nlh;
	ssize_t n;
	int len;

	if (!m)
		return -EINVAL;
	fd = nl_socket_get_fd(m->sock);
	for (;;) {
		n = recv(fd, m->buf, NVT_MONITOR_BUF, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				lost = 1;	/* the kernel dropped some */
				continue;
			}
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			return nvt_err(m->err, errno, "reading nvt events: %s",
				       strerror(errno));
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)m->buf; nlmsg_ok(nlh, len);
		     nlh = nlmsg_next(nlh, &len))
			handled += handle(m, nlh);
	}
	if (lost)
		return nvt_err(m->err, ENOBUFS,
			       "nvt messages were lost: not read in time");
	return handled;
}

struct dump_ctx {
	struct nvt_monitor_stats *st;
	int ret;
};

static int dump_valid(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *c = arg;

	if (!c->st)
		c->ret = nvt_monitor_parse_stats(nlmsg_hdr(msg), &c->st);
	return NL_OK;
}

int nvt_monitor_dump(struct nvt_monitor *m, const char *dev,
		     struct nvt_monitor_stats **out)
{
	struct dump_ctx c = { .ret = -EPROTO };
	char bdf[16], node[32];
	struct nl_msg *msg;
	int instance, ret;

	if (!m)
		return -EINVAL;
	if (!out || !dev)
		return nvt_err(m->err, EINVAL, "no device or no place for its statistics");
	*out = NULL;
	if (nvt_monitor_parse_dev(dev, bdf, &instance))
		return nvt_err(m->err, EINVAL,
			       "\"%s\" is neither a PCI address nor an nvt instance",
			       dev);
	if (bdf[0]) {
		if (nvt_pcie_find_node(bdf, node, sizeof(node)) ||
		    sscanf(node, "nvt%d", &instance) != 1)
			return nvt_err(m->err, ENODEV, "%s is not bound to nvt", bdf);
	}
	msg = nlmsg_alloc();
	if (!msg)
		return nvt_err(m->err, ENOMEM, "out of memory");
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, m->family, 0, 0,
			 NVT_GENL_CMD_GET, NVT_GENL_VERSION) ||
	    nla_put_u32(msg, NVT_GENL_A_MINOR, (uint32_t)instance)) {
		nlmsg_free(msg);
		return nvt_err(m->err, ENOMEM, "out of memory");
	}
	nl_socket_modify_cb(m->req, NL_CB_VALID, NL_CB_CUSTOM, dump_valid, &c);
	ret = nl_send_auto(m->req, msg);
	nlmsg_free(msg);
	if (ret >= 0)
		ret = nl_recvmsgs_default(m->req);
	if (ret < 0) {
		nvt_monitor_stats_free(c.st);
		return nvt_err(m->err, nl_errno(ret), "nvt%d: %s%s", instance,
			       nl_geterror(ret), nl_errno(ret) == EPERM ?
			       " (needs CAP_NET_ADMIN)" : "");
	}
	if (!c.st)
		return nvt_err(m->err, c.ret == -ENOMEM ? ENOMEM : EPROTO,
			       "nvt%d: no statistics in nvt.ko's answer",
			       instance);
	*out = c.st;
	return 0;
}

void nvt_monitor_close(struct nvt_monitor *m)
{
	if (!m)
		return;
	nl_socket_free(m->sock);	/* closes it: the groups are left */
	nl_socket_free(m->req);
	free(m->buf);
	free(m);
}
