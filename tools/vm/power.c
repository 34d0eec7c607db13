// SPDX-License-Identifier: MIT
/*
 * nvt-vm-power: the bench guest's power controller. Unplugs and plugs back
 * the emulated NVMe controller named by the profile's 'power' directive,
 * through a QMP monitor that tools/nvt-vm wires to the guest's second serial
 * port (/dev/ttyS1).
 *
 *   nvt-vm-power off|on|status [--timeout SECONDS]
 *
 * NVT_POWER_DEVICE is the controller's -device string (its id= names it),
 * NVT_POWER_TTY the serial port (default /dev/ttyS1).
 *
 * The monitor's session outlives this program (the port stays connected),
 * so its output may hold the greeting, events and replies meant for an
 * earlier run: every command carries an id of its own and only the reply
 * with that id counts. Every read waits with poll() until one deadline.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PROG		"nvt-vm-power"
#define EXIT_FAIL	1
#define EXIT_USAGE	2
#define EXIT_ABSENT	3

#define LINE_MAX_LEN	65536

struct qmp {
	int fd;
	const char *tty;
	double deadline;	/* CLOCK_MONOTONIC seconds: the whole run's limit */
	double timeout;		/* for messages */
	unsigned int seq;
	char id[48];		/* id of the command in flight */
	char in[LINE_MAX_LEN];	/* bytes read, not yet a whole line */
	size_t len;
	int skipping;		/* dropping the rest of an overlong line */
	char line[LINE_MAX_LEN];
	const char *watch;	/* a device whose DEVICE_DELETED is awaited */
	int watch_deleted;	/* ...seen while waiting for a reply */
};

static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(EXIT_FAIL);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: " PROG " off|on|status [--timeout SECONDS]\n"
		"\n"
		"  off     unplug the controller (QMP device_del) and wait until QEMU\n"
		"          reports it deleted\n"
		"  on      plug it back (device_add with its -device string)\n"
		"  status  print whether it exists; exit 0 present, 3 absent\n"
		"\n"
		"  --timeout SECONDS  limit for the whole operation (default 10)\n"
		"\n"
		"environment: NVT_POWER_DEVICE (the controller's -device string),\n"
		"NVT_POWER_TTY (the serial port wired to QMP, default /dev/ttyS1)\n");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ JSON bits */

/*
 * The value of KEY in the object starting at OBJ ('{'), or NULL. Only that
 * object's own keys count, not those of objects nested in it; strings are
 * skipped whole, so a key's text inside a value never matches.
 */
static const char *json_get(const char *obj, const char *key)
{
	size_t klen = strlen(key);
	const char *p = obj, *s, *q;
	int depth = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (*p != '{')
		return NULL;
	for (; *p; p++) {
		switch (*p) {
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth <= 0)
				return NULL;
			break;
		case '"':
			s = ++p;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				p++;
			}
			if (!*p)
				return NULL;
			if (depth != 1 || (size_t)(p - s) != klen || memcmp(s, key, klen))
				break;
			q = p + 1;
			while (isspace((unsigned char)*q))
				q++;
			if (*q != ':')
				break;	/* a value, not a key */
			q++;
			while (isspace((unsigned char)*q))
				q++;
			return q;
		}
	}
	return NULL;
}

/* Decode the JSON string at VAL into OUT; -1 if VAL is not a string. */
static int json_string(const char *val, char *out, size_t size)
{
	size_t n = 0;
	const char *p;
	unsigned int u;
	int i;

	if (!val || *val != '"' || !size)
		return -1;
	for (p = val + 1; *p && *p != '"'; p++) {
		char c = *p;

		if (c == '\\') {
			switch (*++p) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u':
				for (u = 0, i = 1; i <= 4; i++) {
					if (!isxdigit((unsigned char)p[i]))
						return -1;
					u = u * 16 + (isdigit((unsigned char)p[i]) ?
						      p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
				}
				c = u < 0x80 ? (char)u : '?';
				p += 4;
				break;
			case '\0':
				return -1;
			default: c = *p; break;	/* \" \\ \/ */
			}
		}
		if (n + 1 < size)
			out[n++] = c;
	}
	if (*p != '"')
		return -1;
	out[n] = '\0';
	return 0;
}

/* Is the string at VAL exactly WANT? */
static int json_string_is(const char *val, const char *want)
{
	char buf[256];

	return !json_string(val, buf, sizeof(buf)) && !strcmp(buf, want);
}

/* S as the body of a JSON string (no quotes) into OUT. */
static void json_escape(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 7 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = c;
		} else if (c < 0x20) {
			n += snprintf(out + n, size - n, "\\u%04x", c);
		} else {
			out[n++] = c;
		}
	}
	if (*s)
		fail("device string too long");
	out[n] = '\0';
}

/* ------------------------------------------------------------ the port */

static void qmp_open(struct qmp *q)
{
	struct termios t;

	q->fd = open(q->tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (q->fd < 0)
		fail("cannot open %s: %s (does the profile have a 'power' directive?)",
		     q->tty, strerror(errno));
	/*
	 * Raw, no echo, at once: the greeting (or an earlier run's output)
	 * waits in the port, and echoing it back would feed QMP garbage.
	 */
	if (tcgetattr(q->fd, &t))
		fail("%s is not a terminal: %s", q->tty, strerror(errno));
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cflag &= ~CRTSCTS;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	cfsetispeed(&t, B115200);
	cfsetospeed(&t, B115200);
	if (tcsetattr(q->fd, TCSANOW, &t))
		fail("cannot set %s to raw mode: %s", q->tty, strerror(errno));
	tcflush(q->fd, TCIOFLUSH);
}

/* Milliseconds left until UNTIL, for poll(). */
static int ms_until(double until)
{
	double left = until - now();

	if (left <= 0)
		return 0;
	return left > 60 ? 60000 : (int)(left * 1000) + 1;
}

static void qmp_write(struct qmp *q, const char *buf, size_t len)
{
	struct pollfd p = { .fd = q->fd, .events = POLLOUT };
	ssize_t n;

	while (len) {
		n = write(q->fd, buf, len);
		if (n > 0) {
			buf += n;
			len -= n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			fail("write to %s: %s", q->tty, strerror(errno));
		if (now() >= q->deadline)
			fail("%s does not take output (timed out after %g s)",
			     q->tty, q->timeout);
		if (poll(&p, 1, ms_until(q->deadline)) < 0 && errno != EINTR)
			fail("poll %s: %s", q->tty, strerror(errno));
	}
}

/*
 * The next whole line from QEMU into q->line (without its CR LF): 1, or 0
 * once UNTIL has passed (even while lines keep coming: a chatty port must
 * not hold anyone past a deadline; what is not read yet stays buffered).
 */
static int qmp_line(struct qmp *q, double until)
{
	struct pollfd p = { .fd = q->fd, .events = POLLIN };
	char *nl;
	size_t n;
	ssize_t r;
	int ret;

	for (;;) {
		if (now() >= until)
			return 0;
		nl = memchr(q->in, '\n', q->len);
		if (nl) {
			n = nl - q->in;
			if (!q->skipping) {
				size_t end = n;

				memcpy(q->line, q->in, n);
				q->line[n] = '\0';
				while (end && (q->line[end - 1] == '\r' || q->line[end - 1] == ' '))
					q->line[--end] = '\0';
			}
			q->len -= n + 1;
			memmove(q->in, nl + 1, q->len);
			if (q->skipping) {
				q->skipping = 0;
				continue;
			}
			return 1;
		}
		if (q->len == sizeof(q->in)) {
			/* no line is that long: drop it up to its end */
			q->len = 0;
			q->skipping = 1;
		}
		ret = poll(&p, 1, ms_until(until));
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			fail("poll %s: %s", q->tty, strerror(errno));
		}
		if (ret == 0)
			continue;
		r = read(q->fd, q->in + q->len, sizeof(q->in) - q->len);
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			fail("read from %s: %s", q->tty, strerror(errno));
		if (r == 0)
			fail("%s hung up", q->tty);
		if (r > 0)
			q->len += r;
	}
}

/* Send command EXECUTE (ARGS: a JSON object or NULL) under a new id. */
static void qmp_send(struct qmp *q, const char *execute, const char *args)
{
	char msg[LINE_MAX_LEN];
	int n;

	snprintf(q->id, sizeof(q->id), PROG "-%ld-%u", (long)getpid(), ++q->seq);
	n = snprintf(msg, sizeof(msg), "{\"execute\": \"%s\"%s%s, \"id\": \"%s\"}\n",
		     execute, args ? ", \"arguments\": " : "", args ? args : "", q->id);
	if (n < 0 || (size_t)n >= sizeof(msg))
		fail("%s: command too long", execute);
	qmp_write(q, msg, n);
}

/* Is q->line the reply to the command in flight? */
static int qmp_is_reply(struct qmp *q)
{
	return json_string_is(json_get(q->line, "id"), q->id);
}

/* The error's class and desc in the reply q->line; 0 if it is no error. */
static int qmp_error(struct qmp *q, char *class, size_t csize, char *desc, size_t dsize)
{
	const char *err = json_get(q->line, "error");

	if (!err)
		return 0;
	if (json_string(json_get(err, "class"), class, csize))
		snprintf(class, csize, "?");
	if (json_string(json_get(err, "desc"), desc, dsize)) {
		/* no desc: the reply itself says most */
		strncpy(desc, q->line, dsize - 1);
		desc[dsize - 1] = '\0';
	}
	return 1;
}

/* Is the line read the DEVICE_DELETED event of device ID? */
static bool device_deleted_event(struct qmp *q, const char *id)
{
	const char *ev = json_get(q->line, "event"), *data;

	if (!ev || !json_string_is(ev, "DEVICE_DELETED"))
		return false;
	data = json_get(q->line, "data");
	return data && json_string_is(json_get(data, "device"), id);
}

/* Wait for the reply to the command in flight into q->line. */
static void qmp_reply(struct qmp *q, const char *what)
{
	while (qmp_line(q, q->deadline)) {
		if (qmp_is_reply(q))
			return;
		/* an event that came before the reply is not lost */
		if (q->watch && device_deleted_event(q, q->watch))
			q->watch_deleted = 1;
	}
	fail("%s: no reply from QEMU within %g s", what, q->timeout);
}

/*
 * Leave capabilities negotiation (or find it done by an earlier run).
 * Whatever garbage reached QMP before (the greeting echoed back while the
 * port was still cooked) may leave its JSON parser inside an object: a
 * 0xFF byte, never valid JSON, makes it drop that and start over. Sent
 * again every second until an answer comes.
 */
static void qmp_connect(struct qmp *q)
{
	char class[64], desc[512];
	double next;

	for (;;) {
		qmp_write(q, "\xff\n", 2);
		qmp_send(q, "qmp_capabilities", NULL);
		next = now() + 1;
		if (next > q->deadline)
			next = q->deadline;
		while (qmp_line(q, next)) {
			if (!qmp_is_reply(q))
				continue;	/* greeting, events, parse errors */
			if (!qmp_error(q, class, sizeof(class), desc, sizeof(desc)))
				return;
			if (strstr(desc, "already complete"))
				return;
			fail("qmp_capabilities: %s", desc);
		}
		if (now() >= q->deadline)
			fail("no answer from QEMU's monitor on %s within %g s "
			     "(is it wired to QMP? see the profile's 'power' directive)",
			     q->tty, q->timeout);
	}
}

/* ------------------------------------------------------------ commands */

/* The value of the id= option of a -device string, into OUT. */
static int device_id(const char *dev, char *out, size_t size)
{
	const char *p = dev;
	size_t n;

	while (*p) {
		/* options are separated by single commas; ",," is a comma */
		const char *start = p;

		while (*p && !(*p == ',' && p[1] != ',')) {
			if (*p == ',')
				p++;
			p++;
		}
		if (p - start > 3 && !strncmp(start, "id=", 3)) {
			n = p - start - 3;
			if (n >= size)
				return -1;
			memcpy(out, start + 3, n);
			out[n] = '\0';
			return 0;
		}
		if (*p)
			p++;
	}
	return -1;
}

/* Does QEMU still have device ID? */
static bool device_present(struct qmp *q, const char *id)
{
	char esc[256], args[512], class[64], desc[512];

	json_escape(id, esc, sizeof(esc));
	snprintf(args, sizeof(args),
		 "{\"path\": \"/machine/peripheral/%s\", \"property\": \"type\"}", esc);
	qmp_send(q, "qom-get", args);
	qmp_reply(q, "qom-get");
	if (!qmp_error(q, class, sizeof(class), desc, sizeof(desc)))
		return true;
	if (!strcmp(class, "DeviceNotFound"))
		return false;
	fail("qom-get %s: %s", id, desc);
	return false;
}

static int power_off(struct qmp *q, const char *id)
{
	char esc[256], args[512], class[64], desc[512];
	double t0 = now();

	json_escape(id, esc, sizeof(esc));
	snprintf(args, sizeof(args), "{\"id\": \"%s\"}", esc);
	qmp_send(q, "device_del", args);
	qmp_reply(q, "device_del");
	if (qmp_error(q, class, sizeof(class), desc, sizeof(desc)))
		fail("off: device_del %s: %s", id, desc);
	/*
	 * QEMU's output is in order: a DEVICE_DELETED read after the reply
	 * was sent after the command, not left over from an earlier run.
	 * The device is also looked for twice a second, in case the event
	 * never comes; one that comes meanwhile is kept by qmp_reply().
	 */
	q->watch = id;
	q->watch_deleted = 0;
	for (;;) {
		double poll_at = now() + 0.5;

		if (poll_at > q->deadline)
			poll_at = q->deadline;
		while (!q->watch_deleted && qmp_line(q, poll_at))
			q->watch_deleted = device_deleted_event(q, id);
		if (q->watch_deleted) {
			printf("%s: off (%.2f s)\n", id, now() - t0);
			q->watch = NULL;
			return 0;
		}
		if (now() >= q->deadline)
			break;
		if (!device_present(q, id)) {
			if (q->watch_deleted)
				printf("%s: off (%.2f s)\n", id, now() - t0);
			else
				printf("%s: off (%.2f s, seen gone without its event)\n",
				       id, now() - t0);
			q->watch = NULL;
			return 0;
		}
	}
	q->watch = NULL;
	fail("off: %s not deleted within %g s (did the guest refuse to "
	     "release it?)", id, q->timeout);
	return EXIT_FAIL;
}

static int power_on(struct qmp *q, const char *id, const char *dev)
{
	char cmd[8192], esc[16384], args[16500], class[64], desc[512];
	char text[1024];
	size_t n;
	double t0 = now();

	if ((size_t)snprintf(cmd, sizeof(cmd), "device_add %s", dev) >= sizeof(cmd))
		fail("NVT_POWER_DEVICE is too long");
	json_escape(cmd, esc, sizeof(esc));
	snprintf(args, sizeof(args), "{\"command-line\": \"%s\"}", esc);
	qmp_send(q, "human-monitor-command", args);
	qmp_reply(q, "device_add");
	if (qmp_error(q, class, sizeof(class), desc, sizeof(desc)))
		fail("on: human-monitor-command: %s", desc);
	if (json_string(json_get(q->line, "return"), text, sizeof(text)))
		fail("on: unexpected reply: %s", q->line);
	/* the human monitor's output: empty on success, else QEMU's error */
	n = strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		text[--n] = '\0';
	if (n) {
		char *nl;

		while ((nl = strpbrk(text, "\r\n")))
			*nl = ' ';
		fail("on: device_add %s: %s", id, text);
	}
	printf("%s: on (%.2f s)\n", id, now() - t0);
	return 0;
}

static int power_status(struct qmp *q, const char *id)
{
	if (device_present(q, id)) {
		printf("%s: present\n", id);
		return 0;
	}
	printf("%s: absent\n", id);
	return EXIT_ABSENT;
}

int main(int argc, char **argv)
{
	static struct qmp q;
	const char *op = NULL, *dev, *tty;
	char id[128], *end;
	double timeout = 10;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--timeout")) {
			if (++i == argc) {
				fprintf(stderr, PROG ": --timeout needs seconds\n");
				return EXIT_USAGE;
			}
			timeout = strtod(argv[i], &end);
			if (end == argv[i] || *end || !(timeout > 0) || timeout > 86400) {
				fprintf(stderr, PROG ": --timeout wants seconds > 0, not '%s'\n",
					argv[i]);
				return EXIT_USAGE;
			}
		} else if (!op && (!strcmp(argv[i], "off") || !strcmp(argv[i], "on") ||
				   !strcmp(argv[i], "status"))) {
			op = argv[i];
		} else {
			fprintf(stderr, PROG ": unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!op) {
		usage(stderr);
		return EXIT_USAGE;
	}

	dev = getenv("NVT_POWER_DEVICE");
	if (!dev || !*dev)
		fail("NVT_POWER_DEVICE is not set (the profile has no 'power' directive)");
	if (device_id(dev, id, sizeof(id)) || !*id)
		fail("NVT_POWER_DEVICE '%s' has no id=", dev);
	tty = getenv("NVT_POWER_TTY");
	q.tty = tty && *tty ? tty : "/dev/ttyS1";
	q.timeout = timeout;
	q.deadline = now() + timeout;

	qmp_open(&q);
	qmp_connect(&q);
	if (!strcmp(op, "off"))
		return power_off(&q, id);
	if (!strcmp(op, "on"))
		return power_on(&q, id, dev);
	return power_status(&q, id);
}
