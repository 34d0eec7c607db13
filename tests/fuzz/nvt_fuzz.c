// SPDX-License-Identifier: MIT
/*
 * nvt-fuzz: a structure-aware fuzzer of nvt.ko's ioctl and mmap interface.
 *
 *   nvt-fuzz [--seed S] [--threads T] [--ioctls N] [--seconds S] [--raw]
 *            [--oversize] [--skip OP,...] [--verbose] /dev/nvtN
 *
 * It talks to the module through the raw uapi (kmod/uapi/nvt_ioctl.h), not
 * libnvt, so that it can pass anything.  Each thread draws its calls from
 * its own generator, seeded from S and the thread's index, so a seed
 * repeats a thread's sequence of choices (the interleaving of threads and
 * the device's answers differ from run to run).
 *
 * Arguments are built from each struct's fields: mostly plausible values
 * (ids of buffers, queues and workers the fuzzer created, sizes and offsets
 * near their limits), sometimes invalid ones whose result the uapi fixes
 * (then success is a failure), and sometimes a mutated argument block
 * (argsz too small or too large with a non-zero tail, NULL, unmapped,
 * kernel, misaligned pointers, a pointer into a DMA buffer mapping another
 * thread is unmapping, a page that faults in the ioctl).  Between them run
 * the device's valid sequences (controller disable, admin queue setup and
 * enable through CC/AQA the way libnvt does it, I/O queues, reads and
 * writes with driver-built data pointers, workers, verification) and races:
 * mmap/munmap against BUF_FREE, reopening the file under running ioctls,
 * WORKER_FREE against WORKER_STATUS, QUEUE_DELETE against SUBMIT/REAP.
 *
 * What it keeps out, so that the guest survives the run:
 * - addresses the caller chooses for the controller's DMA (raw PRP/SGL/MPTR,
 *   ASQ/ACQ/AQA, BPMBL, CMBMSC, PMRMSC, doorbell and MSI-X table writes,
 *   Create I/O SQ/CQ, Doorbell Buffer Config and Set Features HMB on the
 *   admin queue): while the module lets them through, the controller would
 *   DMA into random host memory.  --raw sends them too and requires EPERM,
 *   for a module that refuses caller-chosen DMA addresses;
 * - transfers longer than the data pointer the driver builds for them
 *   (NLB beyond the data window, worker or verification LBA sizes smaller
 *   than the namespace's): --oversize sends those;
 * - config space writes to the BARs, the expansion ROM, the command
 *   register's memory space and bus master bits, BIST and the capabilities
 *   (MSI-X, MSI, power management, PCIe device control with FLR): they move
 *   or kill the device under the guest instead of testing nvt;
 * - NVM Subsystem Reset and admin commands that change what the device is
 *   (Format, Sanitize, Namespace Management and Attachment, Firmware).
 *
 * Exit status: 0 when the run ended and the kernel gave no result the uapi
 * rules out; 1 on such a result (success for an invalid argument, a wrong
 * errno where the uapi names one, ENOTTY for a known ioctl, a buffer
 * mapping showing data of another buffer, a live buffer's mapping gone);
 * 2 on bad usage or a device the fuzzer could not set up.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <glob.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nvt_genl.h"
#include "nvt_ioctl.h"
#include "nvt_nvme.h"

#define MAX_THREADS	64
#define MAX_BUFS	48
#define MAX_QUEUES	16
#define MAX_WORKERS	4
#define MAX_NS		16
#define NSLOTS		32
#define SLOT_SIZE	(8u << 20)	/* VA reserved per published mapping */
#define BUF_MAGIC	0x6e76742d62756621ull	/* "nvt-buf!" */
#define ARG_PAGES	4
#define PAGE		4096u

/*
 * Command timeouts while fuzzing: a controller the fuzzer confused (a CC
 * value it refuses, commands sent behind the driver's back) answers
 * nothing, and the driver's own admin commands under the exclusive lock
 * would hold every thread for the 10 s default.
 */
#define FUZZ_TIMEOUT_MS	1000

/* ---- statistics ---- */

enum {
	ST_RAWQ = 0x13,
	ST_PCIE = 0x14,
	ST_UNKNOWN,		/* after the last ioctl number */
	ST_MMAP,
	ST_REOPEN,
	ST_GENL,		/* netlink requests, not ioctls */
	NSTAT
};

static const char *const stat_names[NSTAT] = {
	"INFO", "READ", "WRITE", "BUF_ALLOC", "BUF_FREE", "ADMINQ_SETUP",
	"SUBMIT", "REAP", "TIMEOUT", "CMDLOG", "IRQ", "QUEUE_CREATE",
	"QUEUE_DELETE", "DATACHECK", "WORKER_START", "WORKER_STATUS",
	"WORKER_FREE", "DBBUF", "POWER", "RAWQ", "PCIE", "unknown", "mmap",
	"reopen", "genl",
};

#define NERR 140
static _Atomic uint64_t st_calls[NSTAT], st_err[NSTAT][NERR];
static _Atomic uint64_t total_calls;
static _Atomic uint64_t st_other[NSTAT];	/* another errno than named */
static _Atomic uint64_t st_us[NSTAT], st_max_us[NSTAT];
static _Atomic int failures, warnings;
static _Atomic uint64_t sigbus_seen, segv_seen;

/* ---- options ---- */

static uint64_t opt_seed;
static unsigned opt_threads = 4;
static uint64_t opt_ioctls = 100000;
static unsigned opt_seconds;
static bool opt_raw, opt_oversize, opt_verbose, opt_settle, opt_data_warn;
static const char *opt_dev;
static char opt_skip[512];

/* ---- the device and what the fuzzer made of it ---- */

static _Atomic int g_fd = -1;
static _Atomic unsigned g_gen;	/* bumped before the file is replaced */
/* bumped before every ioctl that may make, free or replace an I/O queue */
static _Atomic uint32_t g_qchanges;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_reset_lock = PTHREAD_MUTEX_INITIALIZER;
/*
 * With --skip mmap-excl: mmap() of the device never runs while an exclusive
 * ioctl (ADMINQ_SETUP, QUEUE_CREATE/DELETE, DBBUF) does, to look past a
 * deadlock of the two already known.
 */
static pthread_rwlock_t g_mmap_excl = PTHREAD_RWLOCK_INITIALIZER;
/*
 * With --settle-reset: no SUBMIT while a write that may clear CC.EN (or a
 * function reset) is made, no such write unless the I/O queues drained
 * (within 200 ms) or stood still for 5 s, and of the commands with data
 * only plain reads and writes.  QEMU 7.2's controller reset drains its
 * block layer and then frees its queues, but I/O that starts during the
 * drain (the next command of a queue whose doorbell came just before,
 * the later stages of Dataset Management, Compare, Verify, Flush, Write
 * Zeroes) runs on after the free, and its completion uses freed memory:
 * "aio failed" and a segfault of the emulator, not a fault of nvt, which
 * would end a bench run.
 */
static pthread_rwlock_t g_settle = PTHREAD_RWLOCK_INITIALIZER;

static uint64_t now_ms(void);

/*
 * Sum of one per-queue sysfs attribute over the driver's queues: the I/O
 * queues (sq1..) or all of them (sq0 too).
 */
static uint64_t queues_sum(const char *attr, bool with_admin)
{
	const char *name = strrchr(opt_dev, '/');
	char pattern[160];
	uint64_t total = 0;
	glob_t g;

	snprintf(pattern, sizeof(pattern), "/sys/class/nvt/%.32s/queues/%s/%s",
		 name ? name + 1 : opt_dev,
		 with_admin ? "sq[0-9]*" : "sq[1-9]*", attr);
	if (glob(pattern, 0, NULL, &g))
		return 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		unsigned long long n = 0;

		if (f) {
			if (fscanf(f, "%llu", &n) != 1)
				n = 0;
			fclose(f);
		}
		total += n;
	}
	globfree(&g);
	return total;
}

/* Commands the driver's I/O queues still have outstanding. */
static unsigned outstanding(void)
{
	/* sq1..: the admin queue keeps its AERs outstanding */
	return (unsigned)queues_sum("outstanding", false);
}

/*
 * Before a write that may clear CC.EN: false when the I/O queues did not
 * drain (a running worker): the caller leaves the reset out (settle_end()
 * still to be called).
 *
 * Queues that never drain (a controller that stopped answering, a lazy
 * doorbell nobody reaps) would keep out for ever the reset that recovers
 * them; such queues are still: no command submitted or completed on any
 * queue for 5 s.  Then nothing is in flight inside the controller and the
 * reset goes in.  Queues that move (a worker at full speed, whose next
 * doorbell may come just before the reset) never let one in: that is the
 * case QEMU 7.2 crashes on.
 */
static uint64_t g_moved_ms;	/* when the queues' counters last changed */
static _Atomic uint64_t g_resets_in, g_resets_out;	/* let in, left out */
static uint64_t g_moved_sig;	/* their submitted + completed sum then */

static bool settle_begin(void)
{
	uint64_t end, sig;

	if (!opt_settle)
		return true;
	pthread_rwlock_wrlock(&g_settle);
	end = now_ms() + 200;
	while (outstanding()) {
		if (now_ms() >= end) {
			sig = queues_sum("submitted", true) +
			      queues_sum("completed", true);
			if (sig != g_moved_sig || !g_moved_ms) {
				g_moved_sig = sig;
				g_moved_ms = now_ms();
				atomic_fetch_add(&g_resets_out, 1);
				return false;
			}
			if (now_ms() - g_moved_ms < 5000) {
				atomic_fetch_add(&g_resets_out, 1);
				return false;
			}
			break;
		}
		usleep(3000);
	}
	atomic_fetch_add(&g_resets_in, 1);
	return true;
}

static void settle_end(void)
{
	if (opt_settle)
		pthread_rwlock_unlock(&g_settle);
}
static bool g_avoid_mmap_excl;
static struct nvt_info g_info;
static uint64_t g_cap;
static uint32_t g_cc;		/* CC without EN, as the init writes it */
static unsigned g_mqes;
static _Atomic uint64_t g_serial;
static struct timespec g_start;
static _Atomic bool g_stop;

struct ns {
	uint32_t nsid;
	uint64_t nlba;
	uint32_t lbads;		/* data bytes per LBA */
	uint32_t ms;		/* metadata bytes per LBA */
	bool extended;		/* metadata inline: transfer lbads + ms */
};
static struct ns g_ns[MAX_NS];
static unsigned g_nr_ns;

struct fbuf {
	bool used, freeing;
	_Atomic bool dirty;	/* the device or the kernel may have written it */
	unsigned gen;
	uint32_t id;
	uint64_t serial, len, mmap_off;
	uint64_t dma;		/* its bus address, for caller-built pointers */
	uint32_t touch;		/* g_id_touch[id] when it was stamped */
};
static struct fbuf g_bufs[MAX_BUFS];
/*
 * Commands name buffers by id, and ids are given out again: a command
 * built for a buffer that is freed meanwhile reaches its successor.  So
 * every use of an id counts here, and a buffer whose id was used since it
 * was stamped is not checked.
 */
static _Atomic uint32_t g_id_touch[0x10000];
/*
 * Ids once named as a raw SQ's ring: where raw DMA is refused such a
 * buffer is sealed, and a writable mapping of it answers EACCES.
 */
static _Atomic bool g_id_ring[0x10000];
/* BUF_FREEs and reopens so far: an id picked before may name another buffer */
static _Atomic uint32_t g_frees;

struct fqueue {
	bool used, worker;
	uint32_t qid, depth;
};
static struct fqueue g_queues[MAX_QUEUES];

struct fworker {
	bool used;
	unsigned gen;
	uint32_t id, qid;
};
static struct fworker g_workers[MAX_WORKERS];

/* Published mappings of DMA buffers, at fixed addresses inside a reserve. */
enum { SLOT_FREE, SLOT_BUSY, SLOT_MAPPED, SLOT_DEAD };
struct slot {
	_Atomic int state;
	_Atomic uint64_t len;
	uint8_t *addr;
};
static struct slot g_slots[NSLOTS];
static uint8_t *g_reserve;

/* ---- per thread ---- */

struct thr {
	unsigned idx;
	uint64_t rng;
	uint64_t nops;
	pthread_t tid;
	_Atomic int ktid;	/* its kernel task id, for the hang report */
	uint8_t *arg;		/* ARG_PAGES pages, then a guard page */
	uint8_t *guard;
	uint8_t *big;		/* scratch for arrays the kernel reads/writes */
	size_t big_len;
	int memfd;
	const char *cur;	/* what it is doing, for the hang report */
	_Atomic uint64_t cur_since;
	_Atomic bool in_probe;
	sigjmp_buf probe_jmp;
	bool out_ok;		/* the last ioctl's outputs can be trusted */
};
static struct thr g_thr[MAX_THREADS];
static _Thread_local struct thr *self;

/* ---- helpers ---- */

static bool is_exclusive(unsigned long req)
{
	return req == NVT_IOC_ADMINQ_SETUP || req == NVT_IOC_QUEUE_CREATE ||
	       req == NVT_IOC_QUEUE_DELETE || req == NVT_IOC_DBBUF;
}

static int locked_ioctl(int fd, unsigned long req, void *arg)
{
	bool lock = g_avoid_mmap_excl && is_exclusive(req);
	int ret;

	if (req == NVT_IOC_QUEUE_CREATE || req == NVT_IOC_QUEUE_DELETE ||
	    req == NVT_IOC_ADMINQ_SETUP)
		atomic_fetch_add(&g_qchanges, 1);
	if (lock)
		pthread_rwlock_wrlock(&g_mmap_excl);
	ret = ioctl(fd, req, arg);
	if (lock) {
		int err = errno;

		pthread_rwlock_unlock(&g_mmap_excl);
		errno = err;
	}
	return ret;
}

static void *dev_mmap(void *addr, size_t len, int prot, int flags, int fd,
		      off_t off)
{
	void *m;
	int err;

	if (g_avoid_mmap_excl)
		pthread_rwlock_rdlock(&g_mmap_excl);
	m = mmap(addr, len, prot, flags, fd, off);
	err = errno;
	if (g_avoid_mmap_excl)
		pthread_rwlock_unlock(&g_mmap_excl);
	errno = err;
	return m;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

static double elapsed_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec - g_start.tv_sec) +
	       (ts.tv_nsec - g_start.tv_nsec) / 1e9;
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t rnd(void)
{
	return splitmix(&self->rng);
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned percent)
{
	return below(1000) < percent * 10u;
}

static uint64_t pick(const uint64_t *v, size_t n)
{
	return v[below(n)];
}
#define PICK(...) pick((const uint64_t[]){ __VA_ARGS__ }, \
		       sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t))

/* A value around a limit: 0, 1, limit-1, limit, limit+1, random. */
static uint64_t near(uint64_t limit)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return limit - 1;
	case 3: return limit;
	case 4: return limit + 1;
	case 5: return rnd();
	default: return below(limit + 1);
	}
}

static uint32_t flip_bits(uint32_t v)
{
	return v ^ (1u << below(32));
}

static void fail(const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	atomic_fetch_add(&failures, 1);
	printf("FAIL: seed %" PRIu64 " thread %u op %" PRIu64 ": %s\n",
	       opt_seed, self ? self->idx : 0, self ? self->nops : 0, msg);
	fflush(stdout);
}

static void warn(const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (atomic_fetch_add(&warnings, 1) >= 50)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("WARN: seed %" PRIu64 " thread %u op %" PRIu64 ": %s\n",
	       opt_seed, self ? self->idx : 0, self ? self->nops : 0, msg);
	fflush(stdout);
}

static bool skipped(const char *op)
{
	char buf[sizeof(opt_skip)], *save, *tok;

	snprintf(buf, sizeof(buf), "%s", opt_skip);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, op))
			return true;
	return false;
}

/* ---- guarded memory access (mappings other threads zap or replace) ---- */

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	if (self && atomic_load(&self->in_probe)) {
		atomic_fetch_add(sig == SIGBUS ? &sigbus_seen : &segv_seen, 1);
		atomic_store(&self->in_probe, false);
		siglongjmp(self->probe_jmp, sig);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* memcpy that survives SIGBUS/SIGSEGV: 0, or the signal that stopped it */
static int probe_copy(void *dst, const void *src, size_t len)
{
	/* no mask saved: the handlers run with SA_NODEFER */
	int sig = sigsetjmp(self->probe_jmp, 0);

	if (sig)
		return sig;
	atomic_store(&self->in_probe, true);
	memcpy(dst, src, len);
	atomic_store(&self->in_probe, false);
	return 0;
}

/* ---- the table of buffers ---- */

static int buf_pick(struct fbuf *out)
{
	unsigned gen = atomic_load(&g_gen);
	int i, n = 0, idx[MAX_BUFS];

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_BUFS; i++)
		if (g_bufs[i].used && !g_bufs[i].freeing &&
		    g_bufs[i].gen == gen)
			idx[n++] = i;
	if (n) {
		i = idx[below(n)];
		memcpy(out, &g_bufs[i], sizeof(*out));
		out->dirty = atomic_load(&g_bufs[i].dirty);
	}
	pthread_mutex_unlock(&g_lock);
	return n ? i : -1;
}

/* Still the same live buffer (not being freed, same file)? */
static bool buf_still(int i, uint64_t serial, bool *dirty)
{
	bool ok;

	pthread_mutex_lock(&g_lock);
	ok = g_bufs[i].used && !g_bufs[i].freeing &&
	     g_bufs[i].serial == serial && g_bufs[i].gen == atomic_load(&g_gen);
	if (dirty)
		*dirty = atomic_load(&g_bufs[i].dirty) ||
			 atomic_load(&g_id_touch[g_bufs[i].id & 0xffff]) !=
			 g_bufs[i].touch;
	pthread_mutex_unlock(&g_lock);
	return ok;
}

static void buf_dirty(int i, uint32_t id)
{
	if (i >= 0)
		atomic_store(&g_bufs[i].dirty, true);
	atomic_fetch_add(&g_id_touch[id & 0xffff], 1);
}

static void buf_dirty_all(void)
{
	for (int i = 0; i < MAX_BUFS; i++)
		atomic_store(&g_bufs[i].dirty, true);
}

/* ---- the ioctl wrapper: placement mutations and the verdict ---- */

struct expect {
	bool must_fail;		/* invalid by the uapi: success is a failure */
	int errs[4];		/* when set: the errnos the uapi names */
	const char *why;
	bool strict;		/* another errno is a failure, not a warning */
	bool by_id;		/* invalid for the buffer an id named when picked */
	uint32_t frees;		/* g_frees then */
	bool by_queue;		/* invalid for the queue a qid named when picked */
	uint32_t qchanges;	/* g_qchanges then */
};

static void count(int st, int err)
{
	atomic_fetch_add(&st_calls[st], 1);
	atomic_fetch_add(&st_err[st][err < NERR ? err : 0], 1);
}

static void progress(void)
{
	uint64_t n = atomic_fetch_add(&total_calls, 1) + 1;

	if (n % 10000 == 0) {
		printf("progress: %" PRIu64 " ioctls, %.1f s, thread %u in %s\n",
		       n, elapsed_s(), self->idx, self->cur);
		fflush(stdout);
	}
}

static bool errno_in(const struct expect *ex, int err)
{
	for (int i = 0; i < 4 && ex->errs[i]; i++)
		if (ex->errs[i] == err)
			return true;
	return !ex->errs[0];
}

static void verdict(int st, unsigned long req, int ret, int err,
		    const struct expect *ex, const char *how)
{
	bool known = st < ST_UNKNOWN;

	count(st, ret ? err : 0);
	progress();
	if (!known && (ret == 0 || err != ENOTTY)) {
		fail("unknown ioctl 0x%lx: %s (want ENOTTY)", req,
		     ret ? strerror(err) : "success");
		return;
	}
	if (known && ret && err == ENOTTY) {
		fail("%s%s: ENOTTY for a known ioctl", stat_names[st], how);
		return;
	}
	/* its id may have been given to a buffer it fits since */
	if (ret == 0 && ex->must_fail && ex->by_id &&
	    atomic_load(&g_frees) != ex->frees)
		return;
	/* its qid may have been given to a queue it fits since */
	if (ret == 0 && ex->must_fail && ex->by_queue &&
	    atomic_load(&g_qchanges) != ex->qchanges)
		return;
	if (ret == 0 && ex->must_fail) {
		fail("%s%s: success, but %s", stat_names[st], how,
		     ex->why ? ex->why : "the argument is invalid");
		return;
	}
	if (ret && !errno_in(ex, err)) {
		/*
		 * Which of several invalid fields (or a stale id) a handler
		 * reports first is its own choice: only the argument block's
		 * own errnos (EFAULT, E2BIG, ENOTTY) are fixed.
		 */
		if (ex->strict)
			fail("%s%s: %s, but %s wants %s", stat_names[st], how,
			     strerror(err), ex->why ? ex->why : "the uapi",
			     strerror(ex->errs[0]));
		else
			atomic_fetch_add(&st_other[st], 1);
	}
}

/* A published mapping of another thread: any of its bytes, racing. */
static uint8_t *slot_pointer(size_t need)
{
	for (int tries = 0; tries < 4; tries++) {
		struct slot *s = &g_slots[below(NSLOTS)];
		uint64_t len = atomic_load(&s->len);

		if (atomic_load(&s->state) != SLOT_MAPPED || len < need)
			continue;
		return s->addr + below(len - need + 1);
	}
	return NULL;
}

/*
 * An ioctl that frees what an id names: its argument is never put in
 * another thread's mapping, where bytes changing under the copy would free
 * some other object of ours behind the records' back.
 */
static bool frees_by_id(unsigned long req)
{
	return req == NVT_IOC_BUF_FREE || req == NVT_IOC_WORKER_FREE ||
	       req == NVT_IOC_QUEUE_DELETE;
}

static void set_cur(const char *what)
{
	self->cur = what;
	atomic_store(&self->cur_since, now_ms());
}

/*
 * Issue ioctl @req with @arg (@size bytes, argsz set by the caller),
 * sometimes placed or sized wrongly.  The struct is copied back when its
 * outputs can be trusted (self->out_ok).
 */
static int do_ioctl(int st, unsigned long req, void *arg, size_t size,
		    struct expect ex)
{
	uint8_t *end = self->guard, *p;
	unsigned roll = below(1000);
	const char *how = "";
	int fd = atomic_load(&g_fd), ret, err;
	bool outputs = true;
	void *memfd_map = NULL;
	uint32_t argsz;

	set_cur(stat_names[st]);
	self->out_ok = false;
	memcpy(&argsz, arg, 4);
	p = end - size;
	memcpy(p, arg, size);

	if (roll < 10) {
		how = " (NULL argument)";
		p = NULL;
		ex = (struct expect){ .must_fail = true, .errs = { EFAULT }, .why = "NULL argument", .strict = true };
	} else if (roll < 20) {
		how = " (unmapped argument)";
		p = self->guard + below(PAGE - 4);
		ex = (struct expect){ .must_fail = true, .errs = { EFAULT }, .why = "unmapped argument", .strict = true };
	} else if (roll < 25) {
		how = " (kernel address)";
		p = (uint8_t *)(uintptr_t)PICK(0xffff888000000000ull,
					       0xffffffff81000000ull,
					       0xffffffffffffe000ull);
		ex = (struct expect){ .must_fail = true, .errs = { EFAULT }, .why = "kernel address", .strict = true };
	} else if (roll < 35 && !frees_by_id(req)) {
		uint8_t *q = slot_pointer(size);

		if (q) {
			how = " (argument in a buffer being unmapped)";
			buf_dirty_all();
			if (probe_copy(q, arg, size))
				q = NULL;
		}
		if (q) {
			p = q;
			outputs = false;
			ex = (struct expect){ 0 };
		}
	} else if (roll < 45 && !skipped("fault") && st != ST_UNKNOWN) {
		/* a page that is not mapped in yet: the ioctl faults it in */
		if (pwrite(self->memfd, arg, size, 0) == (ssize_t)size) {
			memfd_map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					 MAP_SHARED, self->memfd, 0);
			if (memfd_map == MAP_FAILED)
				memfd_map = NULL;
			else
				p = memfd_map;
			how = " (argument faulted in)";
		}
	} else if (roll < 70) {
		/* argsz smaller than the struct: refused (the uapi's rules) */
		uint32_t small = below(size);

		how = " (argsz too small)";
		memcpy(p, &small, 4);
		outputs = false;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
				      .why = "argsz under the struct's size",
				      .strict = true };
	} else if (roll < 85) {
		/* longer, zero tail: as valid as the struct itself */
		size_t extra = 1 + below(64);

		how = " (argsz larger, zero tail)";
		p = end - size - extra;
		memcpy(p, arg, size);
		memset(p + size, 0, extra);
		argsz = size + extra;
		memcpy(p, &argsz, 4);
	} else if (roll < 105) {
		size_t extra = 1 + below(64);

		how = " (argsz larger, non-zero tail)";
		p = end - size - extra;
		memcpy(p, arg, size);
		memset(p + size, 0, extra);
		p[size + below(extra)] = 1 + below(255);
		argsz = size + extra;
		memcpy(p, &argsz, 4);
		ex = (struct expect){ .must_fail = true, .errs = { E2BIG }, .why = "a non-zero tail", .strict = true };
	} else if (roll < 112) {
		how = " (argsz beyond the mapping)";
		memset(self->arg, 0, end - self->arg);
		p = end - size - below(64);
		memcpy(p, arg, size);
		argsz = PICK(0xffffffffu, 1u << 20, ARG_PAGES * PAGE + size);
		memcpy(p, &argsz, 4);
		ex = (struct expect){ .must_fail = true, .errs = { EFAULT, E2BIG }, .why = "argsz runs into unmapped memory", .strict = true };
	} else if (roll < 130) {
		how = " (misaligned argument)";
		p = end - size - 1 - below(7);
		memmove(p, end - size, size);
	}

	if (st == ST_UNKNOWN)
		ex = (struct expect){ .must_fail = true, .errs = { ENOTTY }, .why = "an unknown ioctl", .strict = true };
	uint64_t t0 = now_us();
	ret = locked_ioctl(fd, req, p);
	err = ret ? errno : 0;
	t0 = now_us() - t0;
	atomic_fetch_add(&st_us[st], t0);
	if (t0 > atomic_load(&st_max_us[st]))
		atomic_store(&st_max_us[st], t0);
	atomic_store(&self->cur_since, 0);
	if (memfd_map) {
		memcpy(end - size, memfd_map, size);
		munmap(memfd_map, PAGE);
		p = end - size;
	}
	/* the file was replaced meanwhile: ids and outputs mean nothing */
	if (fd != atomic_load(&g_fd))
		outputs = false;
	verdict(st, req, ret, err, &ex, how);
	if (outputs && p && (uintptr_t)p > 0xffff && (uintptr_t)p < 1ull << 47 &&
	    p < self->guard) {
		memcpy(arg, p, size);
		memcpy(arg, &(uint32_t){ (uint32_t)size }, 4);
		self->out_ok = ret == 0;
	}
	errno = err;
	return ret ? -err : 0;
}

/* A plain call for the setup: no mutation, no verdict. */
static int plain_ioctl(int fd, unsigned long req, void *arg)
{
	return locked_ioctl(fd, req, arg) ? -errno : 0;
}

/* ---- user pointers inside structs ---- */

enum ptr_kind { P_GOOD, P_NULL, P_GUARD, P_KERNEL, P_SLOT, P_SHORT };

/*
 * A pointer to @len bytes for the kernel to read or write: mostly the
 * thread's scratch memory, sometimes a bad one.  *kind says which.
 */
static uint64_t user_ptr(size_t len, enum ptr_kind *kind, bool allow_bad)
{
	unsigned r = allow_bad ? below(100) : 99;
	uint8_t *q;

	if (len > self->big_len)
		len = self->big_len;
	if (r < 3) {
		*kind = P_NULL;
		return 0;
	}
	if (r < 6) {
		*kind = P_GUARD;
		return (uintptr_t)self->guard;
	}
	if (r < 8) {
		*kind = P_KERNEL;
		return 0xffff888000001000ull;
	}
	if (r < 12 && (q = slot_pointer(len ? len : 1))) {
		*kind = P_SLOT;
		buf_dirty_all();
		return (uintptr_t)q;
	}
	if (r < 15 && len > 8) {
		/* the array runs into the guard page after the scratch */
		*kind = P_SHORT;
		return (uintptr_t)(self->big + self->big_len - len / 2);
	}
	*kind = P_GOOD;
	return (uintptr_t)(self->big + self->big_len - len);
}

static bool ptr_bad(enum ptr_kind k)
{
	return k == P_NULL || k == P_GUARD || k == P_KERNEL || k == P_SHORT;
}

/* ---- register access for the sequences ---- */

static int reg_read(int fd, uint32_t space, uint32_t width, uint64_t off,
		    uint64_t *val)
{
	struct nvt_rw r = { .argsz = sizeof(r), .space = space,
			    .width = width, .offset = off };
	int ret = plain_ioctl(fd, NVT_IOC_READ, &r);

	*val = ret ? ~0ull : r.value;
	return ret;
}

static int reg_write(int fd, uint32_t space, uint32_t width, uint64_t off,
		     uint64_t val)
{
	struct nvt_rw r = { .argsz = sizeof(r), .space = space,
			    .width = width, .offset = off, .value = val };

	return plain_ioctl(fd, NVT_IOC_WRITE, &r);
}

static int wait_rdy(int fd, bool want, unsigned ms)
{
	uint64_t end = now_ms() + ms, v;

	do {
		if (reg_read(fd, NVT_SPACE_BAR(0), 4, NVT_REG_CSTS, &v))
			return -1;
		if (v == 0xffffffffull)
			return -1;
		if ((v & 1) == want)
			return 0;
		usleep(1000);
	} while (now_ms() < end);
	return -1;
}

/* libnvt's standard init, without the commands: disable, rings, enable. */
static int ctrl_reinit(int fd, uint32_t depth, uint32_t flags, unsigned ms)
{
	struct nvt_adminq aq = { .argsz = sizeof(aq), .flags = flags,
				 .sq_depth = depth, .cq_depth = depth };
	int ret;

	if (!settle_begin()) {
		settle_end();
		return -EBUSY;
	}
	reg_write(fd, NVT_SPACE_BAR(0), 4, NVT_REG_CC, 0);
	settle_end();
	if (wait_rdy(fd, false, ms))
		return -ETIMEDOUT;
	ret = plain_ioctl(fd, NVT_IOC_ADMINQ_SETUP, &aq);
	if (ret)
		return ret;
	reg_write(fd, NVT_SPACE_BAR(0), 4, NVT_REG_CC, g_cc);
	reg_write(fd, NVT_SPACE_BAR(0), 4, NVT_REG_CC, g_cc | NVT_CC_EN);
	return wait_rdy(fd, true, ms) ? -ETIMEDOUT : 0;
}

static void set_timeouts(int fd, uint32_t flags)
{
	struct nvt_timeout to = { .argsz = sizeof(to), .flags = flags,
				  .opcode = NVT_TIMEOUT_ALL_OPCODES,
				  .timeout_ms = FUZZ_TIMEOUT_MS };

	plain_ioctl(fd, NVT_IOC_TIMEOUT, &to);
}

/* One admin command during setup, waited for; its status or -errno. */
static int setup_cmd(int fd, uint32_t *sqe, uint32_t buf_id, uint32_t len)
{
	struct nvt_cmd c = { .tag = 0x5e7 };
	struct nvt_submit s = { .argsz = sizeof(s), .qid = 0, .count = 1,
				.cmd_size = sizeof(c), .cmds = (uintptr_t)&c };
	struct nvt_cpl cpl[8];
	struct nvt_reap r = { .argsz = sizeof(r), .qid = 0, .min = 1,
			      .max = 8, .timeout_ms = 5000,
			      .cpl_size = sizeof(cpl[0]),
			      .cpls = (uintptr_t)cpl };
	uint64_t end = now_ms() + 10000;
	int ret;

	memcpy(c.sqe, sqe, sizeof(c.sqe));
	if (len) {
		c.flags = NVT_CMD_DPTR_BUF;
		c.buf_id = buf_id;
		c.buf_length = len;
	}
	ret = plain_ioctl(fd, NVT_IOC_SUBMIT, &s);
	if (ret)
		return ret;
	while (now_ms() < end) {
		r.count = 0;
		ret = plain_ioctl(fd, NVT_IOC_REAP, &r);
		if (ret)
			return ret;
		for (unsigned i = 0; i < r.count; i++)
			if (cpl[i].tag == 0x5e7)
				return nvt_cqe_status(cpl[i].cqe);
	}
	return -ETIMEDOUT;
}

static int setup_device(int fd)
{
	struct nvt_buf_alloc ba = { .argsz = sizeof(ba), .length = 8192 };
	struct nvt_buf_free bf = { .argsz = sizeof(bf) };
	uint32_t sqe[16], *list;
	uint8_t *m;
	int ret;

	g_info.argsz = sizeof(g_info);
	if (plain_ioctl(fd, NVT_IOC_INFO, &g_info))
		return -1;
	if (reg_read(fd, NVT_SPACE_BAR(0), 8, NVT_REG_CAP, &g_cap))
		return -1;
	g_mqes = (g_cap & 0xffff) + 1;
	g_cc = NVT_CC_ENTRY_SIZES | ((NVT_CAP_CSS(g_cap) & NVT_CAP_CSS_IOCS) ? NVT_CC_CSS_IOCS : 0);
	set_timeouts(fd, 0);
	set_timeouts(fd, NVT_TIMEOUT_IO);
	ret = ctrl_reinit(fd, 64, 0, 10000);
	if (ret) {
		fprintf(stderr, "nvt-fuzz: controller init: %s\n", strerror(-ret));
		return -1;
	}
	if (plain_ioctl(fd, NVT_IOC_BUF_ALLOC, &ba))
		return -1;
	m = mmap(NULL, ba.alloc_length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 ba.mmap_offset);
	if (m == MAP_FAILED)
		return -1;
	/* the active namespace list, then each namespace's format */
	memset(sqe, 0, sizeof(sqe));
	sqe[0] = 0x06;
	sqe[10] = 2;
	if (setup_cmd(fd, sqe, ba.id, 4096) != 0) {
		fprintf(stderr, "nvt-fuzz: Identify (active namespaces) failed\n");
		return -1;
	}
	list = malloc(4096);
	memcpy(list, m, 4096);
	for (unsigned i = 0; i < 1024 && list[i] && g_nr_ns < MAX_NS; i++) {
		struct ns *ns = &g_ns[g_nr_ns];
		unsigned fmt;
		uint32_t lbaf;

		memset(sqe, 0, sizeof(sqe));
		sqe[0] = 0x06;
		sqe[1] = list[i];
		memset(m, 0, 4096);
		if (setup_cmd(fd, sqe, ba.id, 4096) != 0)
			continue;
		ns->nsid = list[i];
		memcpy(&ns->nlba, m, 8);
		fmt = (m[26] & 0xf) | ((m[26] >> 5 & 3) << 4);
		memcpy(&lbaf, m + 128 + 4 * fmt, 4);
		ns->lbads = 1u << ((lbaf >> 16) & 0xff);
		ns->ms = lbaf & 0xffff;
		ns->extended = m[26] & 0x10;
		if (ns->lbads < 512 || ns->lbads > 65536 || !ns->nlba)
			continue;
		g_nr_ns++;
	}
	free(list);
	munmap(m, ba.alloc_length);
	bf.id = ba.id;
	plain_ioctl(fd, NVT_IOC_BUF_FREE, &bf);
	return g_nr_ns ? 0 : -1;
}

/* ---- the operations ---- */

static void op_info(void)
{
	struct nvt_info a = { .argsz = sizeof(a) };

	do_ioctl(0x00, NVT_IOC_INFO, &a, sizeof(a), (struct expect){ 0 });
	if (self->out_ok && a.abi_version != NVT_ABI_VERSION)
		fail("INFO: abi_version %u, header says %u", a.abi_version,
		     NVT_ABI_VERSION);
}

/* Config space: which bytes a write may touch (see the top comment). */
static bool cfg_write_ok(uint64_t off, uint32_t width)
{
	for (uint64_t b = off; b < off + width; b++) {
		if (b >= g_info.cfg_size)
			continue;	/* refused with ERANGE anyway */
		if (b >= 0x40 || (b >= 0x10 && b < 0x28) ||
		    (b >= 0x30 && b < 0x34) || b == 0x0f)
			return false;
	}
	return true;
}

/* BAR0: registers that carry addresses, resets and doorbells stay out. */
static bool bar0_write_ok(uint64_t off, uint32_t width)
{
	static const uint64_t bad[][2] = {
		{ 0x20, 0x38 },		/* NSSR, AQA, ASQ, ACQ */
		{ 0x40, 0x58 },		/* BPINFO, BPRSEL, BPMBL, CMBMSC */
		{ 0xe00, 0xe20 },	/* PMR */
		{ 0x1000, ~0ull },	/* doorbells, MSI-X table */
	};

	for (unsigned i = 0; i < 4; i++)
		if (off < bad[i][1] && off + width > bad[i][0])
			return false;
	return true;
}

static bool overlaps(uint64_t off, uint32_t width, const uint64_t (*r)[2],
		     unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (off < r[i][1] && off + width > r[i][0])
			return true;
	return false;
}

/*
 * The writes --raw sends, which a module refusing raw DMA answers EPERM:
 * AQA/ASQ/ACQ, BPMBL, CMBMSC, PMRMSC, the doorbells and beyond, other BARs.
 * NSSR, BPINFO/BPRSEL and the rest of the PMR registers stay out in every
 * mode (a subsystem reset; a boot partition read into whatever BPMBL holds).
 */
static bool bar_raw_write(uint32_t space, uint64_t off, uint32_t width)
{
	static const uint64_t raw[][2] = {
		{ 0x24, 0x38 }, { 0x48, 0x58 }, { 0xe14, 0xe1c },
		{ 0x1000, ~0ull },
	};
	static const uint64_t never[][2] = {
		{ 0x20, 0x24 }, { 0x40, 0x48 }, { 0xe00, 0xe14 },
		{ 0xe1c, 0xe20 },
	};

	if (space != NVT_SPACE_BAR(0))
		return space != NVT_SPACE_CONFIG;	/* CMB and others */
	return overlaps(off, width, raw, 4) && !overlaps(off, width, never, 4);
}

static void gen_rw(struct nvt_rw *a, struct expect *ex, bool write)
{
	static const uint32_t widths[] = { 1, 2, 4, 8 };
	uint64_t len;
	unsigned bar;

	memset(a, 0, sizeof(*a));
	a->argsz = sizeof(*a);
	a->width = widths[below(4)];
	if (chance(40)) {
		a->space = NVT_SPACE_CONFIG;
		len = g_info.cfg_size;
		if (a->width == 8) {
			ex->must_fail = true;
			ex->errs[0] = EINVAL;
			ex->why = "width 8 in config space";
		}
	} else {
		bar = chance(80) ? 0 : below(6);
		a->space = NVT_SPACE_BAR(bar);
		len = g_info.bar_len[bar];
		if (!(g_info.bar_flags[bar] & NVT_BAR_MAPPED)) {
			ex->must_fail = true;
			ex->errs[0] = ENXIO;
			ex->why = "an unmapped BAR";
			len = 0x1000;
		}
	}
	switch (below(6)) {
	case 0:		/* the end of the space, and past it */
		a->offset = len - a->width * below(3) + (chance(50) ? a->width : 0);
		break;
	case 1:
		a->offset = near(len);
		break;
	default:	/* the registers */
		a->offset = below(write ? 0x40 : 0x1100);
		break;
	}
	if (!write || a->space != NVT_SPACE_CONFIG)
		a->offset &= ~(uint64_t)(a->width - 1);
	if (chance(3)) {
		a->width = PICK(0, 3, 5, 16, 0xffffffff);
		ex->must_fail = true;
		ex->errs[0] = EINVAL;
		ex->why = "an invalid width";
		return;
	}
	if (chance(3)) {
		a->space = PICK(7, 8, 100, 0xffffffff);
		ex->must_fail = true;
		ex->errs[0] = EINVAL;
		ex->why = "an unknown space";
		return;
	}
	if (chance(3)) {
		a->flags = 1u << below(32);
		ex->must_fail = true;
		ex->errs[0] = EINVAL;
		ex->why = "non-zero flags";
		return;
	}
	if (a->width && (a->offset & (a->width - 1)) && !ex->must_fail) {
		ex->must_fail = true;
		ex->errs[0] = EINVAL;
		ex->why = "a misaligned offset";
		return;
	}
	if (!ex->must_fail && (a->offset >= len || len - a->offset < a->width)) {
		ex->must_fail = true;
		ex->errs[0] = ERANGE;
		ex->why = "an offset outside the space";
	}
}

static void op_read(void)
{
	struct nvt_rw a;
	struct expect ex = { 0 };

	gen_rw(&a, &ex, false);
	do_ioctl(0x01, NVT_IOC_READ, &a, sizeof(a), ex);
}

static void op_write(void)
{
	struct nvt_rw a;
	struct expect ex = { 0 };
	bool raw;

	gen_rw(&a, &ex, true);
	if (!ex.must_fail) {
		if (a.space == NVT_SPACE_CONFIG) {
			if (!cfg_write_ok(a.offset, a.width))
				return;
			/* the command register keeps memory and bus master */
			if (a.offset <= 4 && a.offset + a.width > 4) {
				uint64_t cmd;

				if (reg_read(atomic_load(&g_fd), NVT_SPACE_CONFIG,
					     2, 4, &cmd))
					return;
				unsigned sh = (4 - a.offset) * 8;

				a.value &= ~(0x6ull << sh);
				a.value |= (cmd & 0x6) << sh;
			}
		} else {
			raw = !(a.space == NVT_SPACE_BAR(0) &&
				bar0_write_ok(a.offset, a.width));
			if (raw && (!opt_raw ||
				    !bar_raw_write(a.space, a.offset, a.width)))
				return;
			if (raw) {
				static _Thread_local char why[96];

				snprintf(why, sizeof(why), "raw DMA is refused "
					 "(BAR%u offset 0x%llx width %u)",
					 a.space - 1, (unsigned long long)a.offset,
					 a.width);
				ex.must_fail = true;
				ex.errs[0] = EPERM;
				ex.why = why;
			} else if (a.space == NVT_SPACE_BAR(0) &&
				   a.offset <= NVT_REG_CC && a.offset + a.width > NVT_REG_CC) {
				/* CC: the standard values, sometimes not */
				uint64_t cc = PICK(0, g_cc, g_cc | NVT_CC_EN,
						   g_cc | NVT_CC_EN | (1u << 14),
						   g_cc | NVT_CC_EN | (2u << 14));

				if (chance(2))
					cc = flip_bits(cc);
				a.value = cc << ((NVT_REG_CC - a.offset) * 8);
			}
		}
	}
	/* a write over CC that may clear EN */
	bool cc = a.space == NVT_SPACE_BAR(0) && a.offset <= NVT_REG_CC &&
		  a.offset + a.width > NVT_REG_CC;

	if (cc && !settle_begin()) {
		settle_end();
		return;
	}
	do_ioctl(0x02, NVT_IOC_WRITE, &a, sizeof(a), ex);
	if (cc)
		settle_end();
}

/* Map a buffer (fresh or from the table), check its pages' stamps. */
static void check_pages(const uint8_t *m, uint64_t first_page, uint64_t pages,
			int bi, uint64_t serial, const char *what)
{
	uint64_t want[2], got[2];
	bool dirty;

	for (uint64_t k = 0; k < pages; k++) {
		int sig = probe_copy(got, m + k * PAGE, sizeof(got));

		if (!buf_still(bi, serial, &dirty) || dirty)
			return;
		if (sig) {
			fail("%s: %s reading page %" PRIu64 " of live buffer %u",
			     what, sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
			     first_page + k, g_bufs[bi].id);
			return;
		}
		want[0] = BUF_MAGIC;
		want[1] = serial << 20 | (first_page + k);
		if (memcmp(got, want, sizeof(want))) {
			/* see --data-warn: a command by id may have landed */
			(opt_data_warn ? warn : fail)
			("%s: page %" PRIu64 " of buffer %u (serial %" PRIu64
			     ") holds %016" PRIx64 " %016" PRIx64 ", not its own "
			     "data", what, first_page + k, g_bufs[bi].id,
			     serial, got[0], got[1]);
			return;
		}
	}
}

/* ids whose touches BUF_ALLOC notes before it knows which id it gets */
#define TOUCH_SNAP	1024

/*
 * Did a command name buffer @id since @touched was noted?  A SUBMIT bumps
 * its ids after the ioctl too, so wait a little for one whose data just
 * landed.
 */
static bool aimed_at(uint32_t id, const uint32_t *touched)
{
	if (id >= TOUCH_SNAP)
		return true;	/* not noted: give it the benefit */
	if (atomic_load(&g_id_touch[id]) != touched[id])
		return true;
	usleep(2000);
	return atomic_load(&g_id_touch[id]) != touched[id];
}

static void op_buf_alloc(void)
{
	static _Thread_local uint32_t touched[TOUCH_SNAP];
	struct nvt_buf_alloc a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	unsigned gen = atomic_load(&g_gen);
	/* a BUF_FREE picked before a reopen may name the new buffer's id */
	uint32_t frees = atomic_load(&g_frees);
	int fd = atomic_load(&g_fd), i;
	uint8_t *m;

	a.length = PICK(1, 512, 4095, 4096, 4097, 8192, 65536, 1 << 20,
			NVT_BUF_MAX_LEN - 1, NVT_BUF_MAX_LEN);
	if (chance(60))
		a.length = 4096 * (1 + below(4));
	if (chance(5)) {
		a.length = PICK(0, NVT_BUF_MAX_LEN + 1, 1ull << 40, ~0ull);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "length outside 1..4 MiB" };
	} else if (chance(3)) {
		a.flags = 4u << below(30);
		if (chance(4))
			a.flags = NVT_BUF_CMB | NVT_BUF_PMR;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags, or CMB and PMR at once" };
	} else if (chance(4)) {
		/* device memory: there may be none (EOPNOTSUPP) or no room */
		a.flags = PICK(NVT_BUF_CMB, NVT_BUF_PMR);
	} else if (chance(2)) {
		a.reserved = 1 + below(0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
				      .why = "reserved non-zero" };
	}
	if (!ex.must_fail && a.length > (1 << 20) && chance(80))
		a.length = 4096;
	/*
	 * Another thread's command may aim at the new id (buf_dirty) as soon
	 * as it exists and land in it before it is read: note the touches of
	 * every id first, so that only an untouched buffer must read zeros.
	 */
	for (i = 0; i < TOUCH_SNAP; i++)
		touched[i] = atomic_load(&g_id_touch[i]);
	do_ioctl(0x03, NVT_IOC_BUF_ALLOC, &a, sizeof(a), ex);
	if (!self->out_ok)
		return;
	if (a.alloc_length < a.length || a.alloc_length % PAGE ||
	    a.alloc_length - a.length >= PAGE)
		fail("BUF_ALLOC: %" PRIu64 " bytes for %" PRIu64 " wanted",
		     (uint64_t)a.alloc_length, (uint64_t)a.length);
	if (a.id == 0 || a.id > 0xffff)
		warn("BUF_ALLOC: id %u", a.id);
	/* fresh memory: zeroes, never an old buffer's stamp */
	set_cur("mmap (new buffer)");
	m = dev_mmap(NULL, a.alloc_length, PROT_READ | PROT_WRITE, MAP_SHARED,
		     fd, a.mmap_offset);
	if (m == MAP_FAILED) {
		if (gen == atomic_load(&g_gen) &&
		    frees == atomic_load(&g_frees))
			fail("BUF_ALLOC: mmap of the new buffer %u: %s", a.id,
			     strerror(errno));
		return;
	}
	uint64_t serial = atomic_fetch_add(&g_serial, 1) + 1;
	uint32_t touch = atomic_load(&g_id_touch[a.id & 0xffff]);

	for (uint64_t k = 0; k < a.alloc_length / PAGE; k++) {
		uint64_t stamp[2], got[2] = { 0, 0 };

		if (probe_copy(got, m + k * PAGE, sizeof(got)))
			break;
		/* the PMR keeps what earlier buffers wrote: it persists */
		if (a.flags & NVT_BUF_PMR)
			got[0] = got[1] = 0;
		if (got[0] == BUF_MAGIC)
			(opt_data_warn ? warn : fail)
			("BUF_ALLOC: new buffer %u (serial %" PRIu64 ") "
			     "page %" PRIu64 " shows the data of another buffer "
			     "(serial %" PRIu64 " page %" PRIu64 ")", a.id,
			     serial, k, got[1] >> 20, got[1] & 0xfffff);
		else if ((got[0] || got[1]) && !aimed_at(a.id, touched))
			warn("BUF_ALLOC: new buffer %u page %" PRIu64
			     " not zeroed, and no command aimed at it", a.id, k);
		stamp[0] = BUF_MAGIC;
		stamp[1] = serial << 20 | k;
		if (probe_copy(m + k * PAGE, stamp, sizeof(stamp)))
			break;
	}
	munmap(m, a.alloc_length);
	atomic_store(&self->cur_since, 0);

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_BUFS && g_bufs[i].used; i++)
		;
	if (i < MAX_BUFS && gen == atomic_load(&g_gen)) {
		g_bufs[i] = (struct fbuf){ .used = true, .gen = gen,
					   .id = a.id, .serial = serial,
					   .len = a.alloc_length,
					   .mmap_off = a.mmap_offset,
					   .dma = a.dma_addr,
					   .touch = touch };
		atomic_store(&g_bufs[i].dirty, false);
		pthread_mutex_unlock(&g_lock);
		return;
	}
	pthread_mutex_unlock(&g_lock);
	/* no room: give it back */
	struct nvt_buf_free bf = { .argsz = sizeof(bf), .id = a.id };

	if (gen == atomic_load(&g_gen))
		plain_ioctl(fd, NVT_IOC_BUF_FREE, &bf);
}

static void op_buf_free(void)
{
	struct nvt_buf_free a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	struct fbuf b;
	int i = -1, ret;

	if (chance(10) || (i = buf_pick(&b)) < 0) {
		a.id = PICK(0, 0x10000, 0xffffffff, 0x80000000);
		ex = (struct expect){ .must_fail = true, .errs = { ENOENT }, .why = "an id never given out" };
		i = -1;
	} else {
		pthread_mutex_lock(&g_lock);
		if (g_bufs[i].serial != b.serial || g_bufs[i].freeing) {
			pthread_mutex_unlock(&g_lock);
			return;
		}
		g_bufs[i].freeing = true;
		pthread_mutex_unlock(&g_lock);
		atomic_fetch_add(&g_frees, 1);
		a.id = b.id;
	}
	ret = do_ioctl(0x04, NVT_IOC_BUF_FREE, &a, sizeof(a), ex);
	if (i < 0)
		return;
	pthread_mutex_lock(&g_lock);
	/* freed, or its argument never reached the kernel: forget it */
	if (!ret || ret == -ENOENT)
		g_bufs[i].used = false;
	g_bufs[i].freeing = false;
	pthread_mutex_unlock(&g_lock);
}

/* Take a slot, map there; later calls replace the mapping (munmap race). */
static void op_mmap(void)
{
	struct expect ex = { 0 };
	struct slot *s = NULL;
	struct fbuf b;
	uint64_t off, len, first = 0;
	int prot = PROT_READ | PROT_WRITE, flags = MAP_SHARED | MAP_FIXED;
	int fd = atomic_load(&g_fd), i, si, err;
	void *m;
	unsigned gen = atomic_load(&g_gen);

	set_cur("mmap");
	/* give a published mapping back: the others may be using it */
	si = below(NSLOTS);
	if (atomic_load(&g_slots[si].state) == SLOT_MAPPED && chance(50)) {
		int st = SLOT_MAPPED;

		if (atomic_compare_exchange_strong(&g_slots[si].state, &st,
						   SLOT_BUSY)) {
			atomic_store(&g_slots[si].len, 0);
			if (mmap(g_slots[si].addr, SLOT_SIZE, PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
				 MAP_NORESERVE, -1, 0) == MAP_FAILED)
				atomic_store(&g_slots[si].state, SLOT_DEAD);
			else
				atomic_store(&g_slots[si].state, SLOT_FREE);
		}
	}
	for (si = 0; si < NSLOTS; si++) {
		int st = SLOT_FREE;

		if (atomic_compare_exchange_strong(&g_slots[si].state, &st,
						   SLOT_BUSY)) {
			s = &g_slots[si];
			break;
		}
	}
	if (!s)
		return;

	i = buf_pick(&b);
	if (i < 0 || chance(5)) {
		/* id 0 is never given out, whatever the generation bits */
		off = PICK(0, 0x10000ull << 32, 0x12345000ull,
			   0x7fff0000ull << 32);
		len = PAGE;
		ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "an offset of no buffer" };
		i = -1;
	} else {
		off = b.mmap_off;
		len = b.len;
		switch (below(6)) {
		case 0:		/* the last page */
			first = b.len / PAGE - 1;
			len = PAGE;
			break;
		case 1:		/* one page too many */
			len = b.len + PAGE;
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a mapping longer than the buffer" };
			break;
		case 2:		/* starting past the end */
			first = b.len / PAGE + below(3);
			len = PAGE;
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a mapping past the buffer" };
			break;
		case 3:
			if (chance(30)) {
				flags = MAP_PRIVATE | MAP_FIXED;
				ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a private mapping" };
			} else {
				prot = PROT_READ;
			}
			break;
		}
		off += first * PAGE;
	}
	if (len > SLOT_SIZE)
		len = SLOT_SIZE;
	/* what the mapping was meant to be, whatever happens meanwhile */
	bool meant_valid = !ex.must_fail;
	uint64_t t0 = now_us();
	m = dev_mmap(s->addr, len, prot, flags, fd, off);
	err = m == MAP_FAILED ? errno : 0;
	atomic_fetch_add(&st_us[ST_MMAP], now_us() - t0);
	count(ST_MMAP, err);
	atomic_store(&self->cur_since, 0);
	/* the buffer may have been freed, or the file replaced, meanwhile */
	if (i >= 0 && !buf_still(i, b.serial, NULL))
		ex = (struct expect){ 0 };
	if (gen != atomic_load(&g_gen))
		ex = (struct expect){ 0 };
	if (!err && ex.must_fail)
		fail("mmap at 0x%" PRIx64 " length %" PRIu64 ": success, but %s",
		     off, len, ex.why);
	else if (err && ex.errs[0] && err != ex.errs[0] && err != ENOENT)
		fail("mmap at 0x%" PRIx64 ": %s, but %s wants %s", off,
		     strerror(err), ex.why, strerror(ex.errs[0]));
	else if (err && meant_valid && i >= 0 && buf_still(i, b.serial, NULL) &&
		 gen == atomic_load(&g_gen) &&
		 !(err == EACCES && (prot & PROT_WRITE) &&
		   atomic_load(&g_id_ring[b.id & 0xffff])))
		fail("mmap of live buffer %u (page %" PRIu64 ", %" PRIu64
		     " bytes): %s", b.id, first, len, strerror(err));
	if (err) {
		/*
		 * A failed MAP_FIXED leaves a hole where the reserve was, and
		 * another thread's mmap(NULL) may land in it meanwhile: take
		 * the hole back, or never use the slot again (a later
		 * MAP_FIXED there would replace that thread's mapping).
		 */
		if (mmap(s->addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0) == MAP_FAILED)
			atomic_store(&s->state, SLOT_DEAD);
		else
			atomic_store(&s->state, SLOT_FREE);
		return;
	}
	if (i >= 0 && !b.dirty &&
	    atomic_load(&g_id_touch[b.id & 0xffff]) == b.touch)
		check_pages(m, first, len / PAGE, i, b.serial, "mmap");
	if (prot & PROT_WRITE) {
		atomic_store(&s->len, len);
		atomic_store(&s->state, SLOT_MAPPED);
	} else {
		mmap(s->addr, SLOT_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		     MAP_FIXED | MAP_NORESERVE, -1, 0);
		atomic_store(&s->state, SLOT_FREE);
	}
}

/* ---- commands ---- */

static int queue_pick(struct fqueue *out, bool idle)
{
	int i, n = 0, idx[MAX_QUEUES];

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_QUEUES; i++)
		if (g_queues[i].used && !(idle && g_queues[i].worker))
			idx[n++] = i;
	if (n) {
		i = idx[below(n)];
		*out = g_queues[i];
	}
	pthread_mutex_unlock(&g_lock);
	return n ? i : -1;
}

static const struct ns *ns_pick(void)
{
	return &g_ns[below(g_nr_ns)];
}

static uint32_t ns_lba_bytes(const struct ns *ns)
{
	return ns->lbads + (ns->extended ? ns->ms : 0);
}

/* Point the command's data at a window of a buffer of ours. */
static bool cmd_data(struct nvt_cmd *c, uint64_t len, struct expect *ex)
{
	struct fbuf b;
	int i = buf_pick(&b);

	if (i < 0 || b.len < len)
		return false;
	buf_dirty(i, b.id);
	c->flags |= NVT_CMD_DPTR_BUF;
	c->buf_id = b.id;
	c->buf_length = len;
	c->buf_offset = below((b.len - len) / 4 + 1) * 4;
	if (chance(50))
		c->buf_offset &= ~(uint64_t)(PAGE - 1);
	if (chance(4)) {
		c->buf_offset = b.len - len + 4 * (1 + below(16));
		ex->must_fail = true;
		ex->by_id = true;
		ex->frees = atomic_load(&g_frees);
		ex->why = "a data window past the buffer";
	} else if (chance(2)) {
		c->buf_offset = PICK(~0ull, ~0ull - 4095, 1ull << 63);
		ex->must_fail = true;
		ex->why = "a data window past the buffer";
	}
	return true;
}

static bool cmd_meta(struct nvt_cmd *c, uint64_t len, struct expect *ex)
{
	struct fbuf b;
	int i = buf_pick(&b);

	if (i < 0 || b.len < len)
		return false;
	buf_dirty(i, b.id);
	c->flags |= NVT_CMD_MPTR_BUF;
	c->meta_buf_id = b.id;
	c->meta_length = len;
	c->meta_offset = below((b.len - len) / 4 + 1) * 4;
	if (chance(3)) {
		c->meta_offset = b.len;
		ex->must_fail = true;
		ex->by_id = true;
		ex->frees = atomic_load(&g_frees);
		ex->why = "a metadata window past the buffer";
	}
	return true;
}

/* Admin opcodes QEMU and the spec leave unassigned: no data, no effect. */
static uint8_t reserved_admin_opc(void)
{
	return PICK(0x03, 0x07, 0x0b, 0x0e, 0x0f, 0x13, 0x16, 0x17, 0x1b, 0x1e,
		    0x1f, 0x7d, 0x7e, 0x7f, 0x83, 0x85, 0x87, 0x90, 0xbf, 0xc0,
		    0xc1, 0xd5, 0xff);
}

/*
 * One admin command.  false: nothing safe to send (no buffer).  Opcodes
 * that carry a transfer always get a driver-built pointer covering it.
 */
static bool gen_admin(struct nvt_cmd *c, struct expect *ex)
{
	uint8_t opc;
	uint32_t numd;

	switch (below(12)) {
	case 0: case 1:			/* Identify */
		opc = 0x06;
		c->sqe[1] = PICK(0, 1, 0xffffffff, g_ns[0].nsid, 2, 0x1000);
		c->sqe[10] = PICK(0, 1, 2, 3, 5, 6, 7, 8, 0x10, 0x11, 0x12,
				  0x13, 0x14, 0x15, 0x1c, 0x1f, below(256));
		if (!cmd_data(c, 4096, ex))
			return false;
		break;
	case 2: case 3:			/* Get Log Page */
		opc = 0x02;
		c->sqe[1] = PICK(0, 0xffffffff, 1);
		numd = PICK(0, 1, 127, 511, 1023) ;
		c->sqe[10] = PICK(1, 2, 3, 4, 5, 6, 0x0c, 0x0d, 0x70, 0x80,
				  0xc0, below(256)) | (numd & 0xffff) << 16;
		c->sqe[12] = chance(20) ? below(8192) & ~3u : 0;
		if (!cmd_data(c, (numd + 1) * 4, ex))
			return false;
		break;
	case 4: case 5:			/* Get Features */
		opc = 0x0a;
		c->sqe[10] = PICK(1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0a, 0x0b, 0x0c,
				  0x0d, 0x0e, 0x10, 0x11, 0x80, 0x81,
				  below(256)) | (below(4) << 8);
		c->sqe[1] = PICK(0, 1, 0xffffffff);
		if (!cmd_data(c, 4096, ex))
			return false;
		break;
	case 6:				/* Set Features, never HMB */
		opc = 0x09;
		do
			c->sqe[10] = PICK(1, 2, 4, 5, 6, 7, 8, 0x0a, 0x0b, 0x0c,
					  0x0e, 0x10, 0x11, 0x80, below(256));
		while ((c->sqe[10] & 0xff) == 0x0d);
		c->sqe[11] = rnd();
		if (!cmd_data(c, 4096, ex))
			return false;
		break;
	case 7:				/* AER, Keep Alive, Abort */
		opc = PICK(0x0c, 0x18, 0x08);
		c->sqe[10] = rnd();
		break;
	case 8:				/* Delete I/O SQ/CQ behind the driver */
		if (!chance(10))
			return false;
		opc = PICK(0x00, 0x04);
		c->sqe[10] = below(8);
		break;
	default:
		opc = reserved_admin_opc();
		if (chance(50) && !cmd_data(c, 4096, ex))
			return false;
		break;
	}
	c->sqe[0] = opc;
	return true;
}

static uint8_t reserved_io_opc(void)
{
	return PICK(0x03, 0x06, 0x07, 0x0b, 0x0f, 0x16, 0x1e, 0x1f, 0x80, 0x81,
		    0x90, 0xc0, 0xff);
}

static bool gen_io(struct nvt_cmd *c, struct expect *ex)
{
	const struct ns *ns = ns_pick();
	uint32_t lb = ns_lba_bytes(ns), nlb, nr;
	uint64_t slba;
	uint8_t opc;

	nlb = PICK(0, 0, 1, 7, 15, 63, 255);
	while (nlb && (uint64_t)(nlb + 1) * lb > NVT_BUF_MAX_LEN)
		nlb /= 2;
	slba = PICK(0, 1, ns->nlba - nlb - 1, ns->nlba - 1, ns->nlba,
		    ns->nlba + 8, below(ns->nlba), below(64), ~0ull);
	c->sqe[1] = ns->nsid;
	if (chance(3))
		c->sqe[1] = PICK(0, 0xffffffff, g_ns[g_nr_ns - 1].nsid + 1);
	c->sqe[10] = slba;
	c->sqe[11] = slba >> 32;
	switch (below(10)) {
	case 0: case 1: case 2:		/* Read */
	case 3: case 4:			/* Write */
	case 5:				/* Compare */
		opc = opt_settle ? PICK(0x02, 0x02, 0x01) :
				   PICK(0x02, 0x02, 0x01, 0x05);
		c->sqe[12] = nlb | (chance(20) ? 1u << 30 : 0);
		if (!cmd_data(c, (uint64_t)(nlb + 1) * lb, ex))
			return false;
		if (chance(20)) {
			c->flags |= NVT_CMD_DPTR_SGL;
			c->sgl_block = PICK(0, lb, 512, 4096, 3, 100);
		}
		if (ns->ms && !ns->extended &&
		    !cmd_meta(c, (uint64_t)(nlb + 1) * ns->ms, ex))
			return false;
		break;
	case 6:				/* Flush, Write Zeroes, Uncorrectable, Verify */
		/* Write Uncorrectable: QEMU 7.2 has none, nothing to cancel */
		opc = opt_settle ? 0x04 : PICK(0x00, 0x08, 0x04, 0x0c);
		c->sqe[12] = nlb;
		break;
	case 7:				/* Dataset Management */
		if (opt_settle)
			return false;
		opc = 0x09;
		nr = PICK(0, 1, 15, 255);
		c->sqe[10] = nr;
		c->sqe[11] = PICK(4, 2, 1, 0);
		if (!cmd_data(c, (nr + 1) * 16, ex))
			return false;
		break;
	default:
		opc = reserved_io_opc();
		if (chance(50) && !cmd_data(c, 4096, ex))
			return false;
		break;
	}
	c->sqe[0] = opc;
	if (opt_oversize && chance(10)) {
		/* the controller moves more than the window covers */
		c->sqe[12] |= 0xffff;
		c->sqe[10] |= chance(50) ? 0 : 0xffff0000u;
	}
	return true;
}

/* Raw DMA: caller-chosen addresses, which a refusing module answers EPERM. */
static void gen_raw(struct nvt_cmd *c, bool admin, struct expect *ex)
{
	uint64_t addr = PICK(0x1000, 0x100000, 0xdead0000, rnd() & ~0xfffull);

	switch (admin ? below(5) : 0) {
	case 0:
		c->sqe[0] = admin ? 0x06 : 0x02;
		c->sqe[6] = addr;
		c->sqe[7] = addr >> 32;
		break;
	case 1:
		c->sqe[0] = PICK(0x01, 0x05);	/* Create I/O SQ/CQ */
		c->sqe[6] = addr;
		c->sqe[7] = addr >> 32;
		c->sqe[10] = (60 + below(4)) | 63u << 16;
		c->sqe[11] = 1;
		break;
	case 2:
		c->sqe[0] = 0x7c;		/* Doorbell Buffer Config */
		c->sqe[6] = addr;
		c->sqe[8] = addr + 0x1000;
		break;
	case 3:
		c->sqe[0] = 0x09;		/* Set Features HMB */
		c->sqe[10] = 0x0d;
		c->sqe[11] = 1;
		c->sqe[14] = addr;
		c->sqe[15] = 1;
		break;
	default:
		c->sqe[0] = 0x02;		/* MPTR */
		c->sqe[4] = addr;
		c->sqe[5] = addr >> 32;
		break;
	}
	ex->must_fail = true;
	ex->errs[0] = EPERM;
	ex->why = "raw DMA is refused";
}

/*
 * Caller-built pointers (NVT_CMD_DPTR_USER) over the bus addresses of our
 * buffers, where the module checks them (raw DMA refused): inside a
 * buffer they go (or EFAULT: it was freed meanwhile); lists and segments
 * in a buffer hold whatever it holds (any answer, and the device may
 * write any of our buffers); addresses no buffer has are EFAULT, and
 * malformed descriptors EINVAL.
 */
static bool gen_user(struct nvt_cmd *c, bool admin, struct expect *ex)
{
	const struct ns *ns = ns_pick();
	uint64_t bytes, base, page, meta = 0;
	uint32_t nlb = 0;
	struct fbuf b;
	int i = buf_pick(&b);

	if (i < 0 || !b.dma)
		return false;
	if (admin) {
		c->sqe[0] = 0x06;		/* Identify */
		c->sqe[10] = PICK(0, 1, 2, 3);
		c->sqe[1] = c->sqe[10] ? 0 : ns->nsid;
		bytes = 4096;
	} else {
		nlb = PICK(0, 1, 7, 15, 63);
		c->sqe[0] = PICK(0x02, 0x02, 0x01);
		c->sqe[1] = ns->nsid;
		c->sqe[10] = below(64);
		c->sqe[12] = nlb;
		bytes = (uint64_t)(nlb + 1) * ns_lba_bytes(ns);
		if (ns->ms && !ns->extended)
			meta = (uint64_t)(nlb + 1) * ns->ms;
	}
	if (bytes > b.len || meta > b.len)
		return false;
	buf_dirty(i, b.id);
	c->flags |= NVT_CMD_DPTR_USER;
	base = b.dma + below((b.len - bytes) / 4 + 1) * 4;
	page = (base | (PAGE - 1)) + 1;
	if (meta)
		c->sqe[4] = b.dma, c->sqe[5] = b.dma >> 32;
	switch (below(7)) {
	case 0:		/* PRP1, PRP2 the next page (or a list of whatever) */
		if (bytes > page - base + PAGE)
			buf_dirty_all();
		c->sqe[6] = base;
		c->sqe[7] = base >> 32;
		c->sqe[8] = page;
		c->sqe[9] = page >> 32;
		break;
	case 1:		/* one SGL data block */
		if (admin)
			return true;	/* PRP1 0 (EFAULT) or nothing */
		c->sqe[0] |= NVT_SQE_PSDT_SGL;
		c->sqe[6] = base;
		c->sqe[7] = base >> 32;
		c->sqe[8] = bytes;
		c->sqe[9] = NVT_SGL_DATA_BLOCK << 28;
		break;
	case 2:		/* an SGL segment of whatever a buffer holds */
		buf_dirty_all();
		base = b.dma + below(b.len / 16) * 16;
		c->sqe[0] |= PICK(NVT_SQE_PSDT_SGL, NVT_SQE_PSDT_SGL_MPTR_SGL);
		c->sqe[6] = base;
		c->sqe[7] = base >> 32;
		c->sqe[8] = 16 * PICK(1, 2, 16, 256);
		c->sqe[9] = (uint32_t)PICK(NVT_SGL_SEGMENT,
					   NVT_SGL_LAST_SEGMENT) << 28;
		break;
	case 3:		/* a PRP list of whatever a buffer holds */
		buf_dirty_all();
		c->sqe[6] = base;
		c->sqe[7] = base >> 32;
		c->sqe[8] = b.dma + below(b.len / 8) * 8;
		c->sqe[9] = (b.dma + below(b.len / 8) * 8) >> 32;
		break;
	case 4:		/* nobody's memory */
		c->sqe[6] = PICK(0x1000, 0x2000, ~0ull - 4095);
		c->sqe[7] = c->sqe[6] == (uint32_t)(~0ull - 4095) ? ~0u : 0;
		if (!bytes || (admin && c->sqe[10] > 1))
			return true;
		*ex = (struct expect){ .must_fail = true,
				       .errs = { EFAULT, EBUSY, ENOTCONN, EBADFD },
				       .why = "a caller-built pointer outside the buffers" };
		break;
	case 5:		/* an SGL data block nobody owns */
		if (admin || !bytes)
			return true;
		c->sqe[0] |= NVT_SQE_PSDT_SGL;
		c->sqe[6] = 0x1000;
		c->sqe[8] = bytes;
		*ex = (struct expect){ .must_fail = true,
				       .errs = { EFAULT, EBUSY, ENOTCONN, EBADFD },
				       .why = "a caller-built SGL outside the buffers" };
		break;
	default:	/* malformed: PSDT 11b, a keyed data block */
		c->sqe[6] = base;
		c->sqe[7] = base >> 32;
		if (chance(2)) {
			c->sqe[0] |= NVT_SQE_PSDT_MASK;
		} else {
			c->sqe[0] |= NVT_SQE_PSDT_SGL;
			c->sqe[8] = bytes;
			c->sqe[9] = NVT_SGL_KEYED_DATA_BLOCK << 28;
		}
		*ex = (struct expect){ .must_fail = true,
				       .errs = { EINVAL, EBUSY, ENOTCONN, EBADFD },
				       .why = "a malformed caller-built pointer" };
		break;
	}
	return true;
}

static void op_submit(void)
{
	struct nvt_submit a = { .argsz = sizeof(a), .cmd_size = sizeof(struct nvt_cmd) };
	struct expect ex = { 0 };
	struct nvt_cmd cmds[16];
	struct fqueue q;
	uint32_t n = PICK(1, 1, 1, 2, 4, 8, 16), i;
	enum ptr_kind k;
	bool admin = chance(35) || queue_pick(&q, false) < 0;
	const char *content_why;
	size_t bytes;

	if (admin) {
		q = (struct fqueue){ .qid = 0, .depth = 64 };
		n = n > 4 ? 4 : n;
	}
	a.qid = q.qid;
	if (chance(3)) {
		a.qid = PICK(0x10000, 0xffffffff, 65535);
		ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "a queue that does not exist" };
	}
	memset(cmds, 0, sizeof(cmds));
	for (i = 0; i < n; i++) {
		struct nvt_cmd *c = &cmds[i];
		struct expect cex = { 0 };

		c->tag = rnd();
		c->timeout_ms = PICK(0, 0, 0, 1, 10, 100, 1000);
		if (opt_raw && chance(5)) {
			gen_raw(c, admin, &cex);
		} else if (opt_raw && chance(4)) {
			if (!gen_user(c, admin, &cex)) {
				n = i;
				break;
			}
		} else if (!(admin ? gen_admin(c, &cex) : gen_io(c, &cex))) {
			n = i;
			break;
		}
		if (chance(3)) {
			c->flags |= NVT_CMD_KEEP_CID;
			c->sqe[0] |= (uint32_t)PICK(0, 1, q.depth - 1, q.depth,
						    0xffff) << 16;
			if (i == 0 && ((c->sqe[0] >> 16) >= 4096))
				cex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a CID beyond the queue" };
		}
		if (chance(6)) {
			/* a CID taken or not: both are fine with KEEP_CID */
			c->flags |= NVT_CMD_DUP_CID;
			if (!(c->flags & NVT_CMD_KEEP_CID))
				cex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "DUP_CID without KEEP_CID" };
		}
		if (chance(2)) {
			/* bits 0-5 are defined */
			c->flags |= 1u << (6 + below(26));
			cex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown command flags" };
		} else if (chance(2)) {
			c->timeout_ms = PICK(3600001, 0xffffffff);
			cex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a timeout over an hour" };
		} else if (chance(2) && (c->flags & NVT_CMD_DPTR_BUF)) {
			c->buf_id = PICK(0, 0x10000, 0xffffffff);
			cex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "an unknown buffer" };
		}
		/* only the first command's fate decides the call's */
		if (i == 0 && cex.must_fail && !ex.must_fail)
			ex = (struct expect){ .must_fail = true, .errs = { 0 },
					      .why = cex.why, .by_id = cex.by_id,
					      .frees = cex.frees };
		if (i == 0 && cex.errs[0] == EPERM)
			ex = cex;
	}
	a.count = n;
	content_why = ex.why;
	if (chance(3)) {
		a.cmd_size = PICK(0, 1, sizeof(struct nvt_cmd) - 1);
		ex = (struct expect){ .must_fail = n > 0, .errs = { EINVAL }, .why = "cmd_size too small" };
		if (!n)
			ex.errs[0] = 0;
	} else if (chance(3)) {
		a.count = PICK(65537, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "count over the batch limit" };
	} else if (chance(2)) {
		a.flags = 2u << below(31);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
	} else if (chance(2)) {
		a.reserved = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero" };
	} else if (chance(5)) {
		a.flags = NVT_SUBMIT_NO_DOORBELL;
	}
	bytes = (size_t)n * sizeof(struct nvt_cmd);
	a.cmds = user_ptr(bytes, &k, true);
	if (k == P_GOOD || k == P_SHORT || k == P_SLOT) {
		uint8_t *dst = (uint8_t *)(uintptr_t)a.cmds;
		size_t room = k == P_SHORT ?
			      (size_t)(self->big + self->big_len - dst) : bytes;

		if (probe_copy(dst, cmds, room < bytes ? room : bytes))
			k = P_SLOT;
	}
	/*
	 * In another buffer's mapping, the commands may be gone before the
	 * kernel reads them (another thread unmaps or replaces it): what
	 * their contents called for is no longer known.
	 */
	if (k == P_SLOT && ex.must_fail && ex.why == content_why)
		ex = (struct expect){ 0 };
	if (n && ptr_bad(k) && !ex.must_fail)
		ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "an unreadable command array" };
	if (opt_settle)
		pthread_rwlock_rdlock(&g_settle);
	do_ioctl(0x06, NVT_IOC_SUBMIT, &a, sizeof(a), ex);
	if (opt_settle)
		pthread_rwlock_unlock(&g_settle);
	if (self->out_ok && a.count > n)
		fail("SUBMIT: %u commands queued of %u", a.count, n);
	/* their ids may have been freed and given to a new buffer meanwhile */
	for (i = 0; i < n && i < 16; i++) {
		if (cmds[i].flags & NVT_CMD_DPTR_BUF)
			buf_dirty(-1, cmds[i].buf_id);
		if (cmds[i].flags & NVT_CMD_MPTR_BUF)
			buf_dirty(-1, cmds[i].meta_buf_id);
	}
}

static void op_reap(void)
{
	struct nvt_reap a = { .argsz = sizeof(a), .cpl_size = sizeof(struct nvt_cpl) };
	struct expect ex = { 0 };
	struct fqueue q;
	enum ptr_kind k;
	uint32_t max = PICK(1, 4, 16, 64);

	a.qid = chance(30) || queue_pick(&q, false) < 0 ? 0 : q.qid;
	a.max = max;
	a.min = PICK(0, 0, 1, max);
	a.timeout_ms = chance(5) ? PICK(5, 20) : PICK(0, 0, 0, 1);
	a.cpls = user_ptr(max * sizeof(struct nvt_cpl), &k, true);
	if (chance(3)) {
		a.flags = 1u << below(32);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "non-zero flags" };
	} else if (chance(3)) {
		a.max = PICK(0, 65537, 0xffffffff);
		a.min = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "max outside 1..65536" };
	} else if (chance(3)) {
		a.min = a.max + 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "min over max" };
	} else if (chance(3)) {
		a.cpl_size = PICK(0, 1, sizeof(struct nvt_cpl) - 1);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "cpl_size too small" };
	} else if (chance(3)) {
		a.qid = PICK(0x10000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { ENOENT }, .why = "a queue that does not exist" };
	}
	do_ioctl(0x07, NVT_IOC_REAP, &a, sizeof(a), ex);
	if (self->out_ok && a.count > a.max)
		fail("REAP: %u completions for room of %u", a.count, a.max);
}

static void op_timeout(void)
{
	struct nvt_timeout a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };

	/* (the default, 10 s, only sometimes: see FUZZ_TIMEOUT_MS) */
	a.flags = PICK(0, 0, 0, NVT_TIMEOUT_IO, NVT_TIMEOUT_IO, NVT_TIMEOUT_IO,
		       NVT_TIMEOUT_RESTORE, NVT_TIMEOUT_RESTORE | NVT_TIMEOUT_IO);
	a.opcode = PICK(0, 1, 2, 6, 0xff, NVT_TIMEOUT_ALL_OPCODES, below(256));
	/* long ones would keep the driver's own admin commands waiting */
	a.timeout_ms = PICK(1, 5, 100, FUZZ_TIMEOUT_MS, FUZZ_TIMEOUT_MS, 2000);
	if (chance(5)) {
		a.flags = 4u << below(30);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
	} else if (chance(5)) {
		a.opcode = PICK(0x100, 0xfffffffe, 0x80000000);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an opcode over 255" };
	} else if (chance(5) && !(a.flags & NVT_TIMEOUT_RESTORE)) {
		a.timeout_ms = PICK(0, 3600001, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a timeout outside 1..3600000" };
	}
	do_ioctl(0x08, NVT_IOC_TIMEOUT, &a, sizeof(a), ex);
	/* 1 ms timeouts end everything: back to the fuzzer's own soon */
	if (!ex.must_fail && (a.timeout_ms < 100 || a.flags & NVT_TIMEOUT_RESTORE) &&
	    chance(70))
		set_timeouts(atomic_load(&g_fd), a.flags & NVT_TIMEOUT_IO);
}

static void op_cmdlog(void)
{
	struct nvt_cmdlog a = { .argsz = sizeof(a),
				.entry_size = sizeof(struct nvt_log_entry) };
	struct expect ex = { 0 };
	struct fqueue q;
	enum ptr_kind k;

	a.qid = chance(40) || queue_pick(&q, false) < 0 ? 0 : q.qid;
	a.max = PICK(1, 2, 16, 128, 1000);
	if (chance(10))
		a.entry_size += PICK(8, 64);
	a.entries = user_ptr((size_t)a.max * a.entry_size, &k, true);
	if (chance(3)) {
		a.max = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "max 0" };
	} else if (chance(3)) {
		a.entry_size = PICK(0, 1, sizeof(struct nvt_log_entry) - 1);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "entry_size too small" };
	} else if (chance(3)) {
		a.qid = PICK(0x10000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { ENOENT }, .why = "a queue that does not exist" };
	} else if (chance(2)) {
		a.max = PICK(0x100000, 0xffffffff);	/* huge room: kernel must cap */
	} else if (chance(2)) {
		a.reserved = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
				      .why = "reserved non-zero" };
	}
	do_ioctl(0x09, NVT_IOC_CMDLOG, &a, sizeof(a), ex);
}

static void op_irq(void)
{
	struct nvt_irq a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };

	bool msix = g_info.irq_type == NVT_IRQ_MSIX;

	a.op = PICK(NVT_IRQ_OP_COUNT, NVT_IRQ_OP_COUNT, NVT_IRQ_OP_CLEAR,
		    NVT_IRQ_OP_WAIT, NVT_IRQ_OP_MASK, NVT_IRQ_OP_UNMASK,
		    NVT_IRQ_OP_UNMASK, NVT_IRQ_OP_PENDING);
	a.vector = below(g_info.nr_vectors ? g_info.nr_vectors : 1);
	a.timeout_ms = chance(5) ? PICK(5, 20) : PICK(0, 1);
	if (a.op >= NVT_IRQ_OP_MASK && !msix)
		ex = (struct expect){ .must_fail = true, .errs = { EOPNOTSUPP }, .why = "MSI-X ops without MSI-X" };
	if (chance(5)) {
		a.vector = PICK(g_info.nr_vectors, g_info.nr_vectors + 1, 0xffff,
				0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a vector beyond the device's" };
	} else if (chance(5)) {
		a.op = PICK(6, 7, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an unknown op" };
	} else if (chance(8)) {
		a.reserved = 1 + below(0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero" };
	}
	do_ioctl(0x0a, NVT_IOC_IRQ, &a, sizeof(a), ex);
	if (!self->out_ok)
		return;
	/* the table's word and the PBA as read: MSI-X only, two bits */
	if (a.flags & ~(NVT_IRQ_MASKED | NVT_IRQ_PENDING) || (!msix && a.flags))
		fail("IRQ: flags 0x%x (%s)", a.flags, msix ? "MSI-X" : "no MSI-X");
}

static void op_queue_create(void)
{
	struct nvt_queue_create a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	int i, ret;
	unsigned max_depth = g_mqes < 4096 ? g_mqes : 4096;

	a.qid = chance(60) ? 0 : 1 + below(12);
	a.depth = PICK(2, 3, 16, 64, 256, 1024, max_depth);
	a.vector = below(g_info.nr_vectors ? g_info.nr_vectors : 1);
	a.prio = below(4);
	a.flags = PICK(0, 0, NVT_Q_LAZY_DOORBELL, NVT_Q_NO_IRQ, NVT_Q_SQ_CMB);
	switch (below(30)) {
	case 0:
		a.depth = PICK(0, 1, max_depth + 1, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a depth outside 2..MQES+1" };
		break;
	case 1:
		a.prio = PICK(4, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "prio over 3" };
		break;
	case 2:
		a.flags = 8u << below(29);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
		break;
	case 3:
		a.qid = PICK(65536, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "qid over 65535" };
		break;
	case 4:
		a.vector = PICK(g_info.nr_vectors, 0x10000, 0xffffffff);
		a.flags = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a vector beyond the device's" };
		break;
	case 5:
		a.reserved = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero" };
		break;
	}
	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_QUEUES && g_queues[i].used; i++)
		;
	pthread_mutex_unlock(&g_lock);
	if (i == MAX_QUEUES && !ex.must_fail)
		return;
	ret = do_ioctl(0x0b, NVT_IOC_QUEUE_CREATE, &a, sizeof(a), ex);
	if (ret || !self->out_ok)
		return;
	if (a.qid == 0 || a.qid > 65535)
		fail("QUEUE_CREATE: qid %u given out", a.qid);
	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_QUEUES; i++)
		if (g_queues[i].used && g_queues[i].qid == a.qid)
			g_queues[i].used = false;	/* recreated: stale entry */
	for (i = 0; i < MAX_QUEUES && g_queues[i].used; i++)
		;
	if (i < MAX_QUEUES)
		g_queues[i] = (struct fqueue){ .used = true, .qid = a.qid,
					       .depth = a.depth };
	pthread_mutex_unlock(&g_lock);
}

static void op_queue_delete(void)
{
	struct nvt_queue_delete a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	struct fqueue q;
	int i, ret;

	i = queue_pick(&q, false);
	a.qid = i < 0 ? 1 + below(8) : q.qid;
	if (chance(8)) {
		a.qid = PICK(0, 0x10000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "qid 0 or over 65535" };
		i = -1;
	} else if (chance(3)) {
		a.status = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "status in non-zero" };
	}
	ret = do_ioctl(0x0c, NVT_IOC_QUEUE_DELETE, &a, sizeof(a), ex);
	if (i >= 0 && (!ret || ret == -ENOENT)) {
		pthread_mutex_lock(&g_lock);
		if (g_queues[i].used && g_queues[i].qid == q.qid &&
		    (ret || self->out_ok))
			g_queues[i].used = false;
		pthread_mutex_unlock(&g_lock);
	}
}

/* The admin queue was set up again: every I/O queue went with the old one. */
static void queues_forget(void)
{
	pthread_mutex_lock(&g_lock);
	for (int i = 0; i < MAX_QUEUES; i++)
		if (!g_queues[i].worker)
			g_queues[i].used = false;
	pthread_mutex_unlock(&g_lock);
}

static void op_adminq_setup(void)
{
	struct nvt_adminq a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	int ret;

	a.sq_depth = PICK(2, 16, 64, 128, 4096);
	a.cq_depth = chance(70) ? a.sq_depth : PICK(2, 32, 4096);
	a.flags = chance(20) ? NVT_Q_LAZY_DOORBELL : 0;
	if (chance(10)) {
		a.sq_depth = PICK(0, 1, 4097, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a depth outside 2..4096" };
	} else if (chance(5)) {
		a.flags = 2u << below(31);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
	}
	ret = do_ioctl(0x05, NVT_IOC_ADMINQ_SETUP, &a, sizeof(a), ex);
	if (!ret && self->out_ok)
		queues_forget();
}

/* Controller reset: CC.EN=0, RDY=0, new admin rings, enable (libnvt's init). */
static void op_reset(void)
{
	int fd = atomic_load(&g_fd), ret;

	set_cur("reset");
	if (pthread_mutex_trylock(&g_reset_lock))
		return;
	ret = ctrl_reinit(fd, PICK(2, 8, 32, 64, 128, 1024),
			  chance(20) ? NVT_Q_LAZY_DOORBELL : 0, 2000);
	count(0x05, ret < 0 ? -ret : 0);
	progress();
	if (!ret)
		queues_forget();
	pthread_mutex_unlock(&g_reset_lock);
	atomic_store(&self->cur_since, 0);
}

/* Controller disable alone: everything in flight ends as aborted. */
static void op_disable(void)
{
	set_cur("disable");
	if (pthread_mutex_trylock(&g_reset_lock))
		return;
	if (!settle_begin()) {
		settle_end();
		pthread_mutex_unlock(&g_reset_lock);
		return;
	}
	reg_write(atomic_load(&g_fd), NVT_SPACE_BAR(0), 4, NVT_REG_CC, 0);
	settle_end();
	count(0x02, 0);
	progress();
	usleep(below(3000));
	/* enable again (unless another thread reset it already) */
	ctrl_reinit(atomic_load(&g_fd), 64, 0, 2000);
	pthread_mutex_unlock(&g_reset_lock);
	atomic_store(&self->cur_since, 0);
}

static void op_verify(void)
{
	struct nvt_datacheck a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	const struct ns *ns = ns_pick();
	enum ptr_kind k;

	a.op = PICK(NVT_DATACHECK_ENABLE, NVT_DATACHECK_DISABLE, NVT_DATACHECK_GET,
		    NVT_DATACHECK_SET, NVT_DATACHECK_INFO, NVT_DATACHECK_INFO);
	a.nsid = ns->nsid;
	switch (a.op) {
	case NVT_DATACHECK_ENABLE:
		a.nlba = PICK(ns->nlba, ns->nlba, 1, 4096, ns->nlba + 1);
		a.lba_size = ns->lbads;
		a.lba_stride = ns_lba_bytes(ns);
		a.flags = chance(50) ? NVT_DATACHECK_STAMP : 0;
		if (opt_oversize && chance(20)) {
			a.lba_size = PICK(512, 4096, 65536);
			a.lba_stride = a.lba_size + PICK(0, 8, 64);
		}
		switch (below(16)) {
		case 0:
			a.nlba = PICK(0, (1ull << 36) + 1, ~0ull);
			ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "nlba 0 or over 2^36" };
			break;
		case 1:
			a.lba_size = PICK(0, 511, 65537);
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "lba_size outside 512..65536" };
			break;
		case 2:
			a.lba_stride = a.lba_size - 1;
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a stride under lba_size" };
			break;
		case 3:
			a.nsid = PICK(0, 0xffffffff);
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "nsid 0 or all ones" };
			break;
		case 4:
			a.flags = 2u << below(31);
			ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
			break;
		}
		break;
	case NVT_DATACHECK_GET:
	case NVT_DATACHECK_SET:
		a.first = PICK(0, 1, ns->nlba - 1, ns->nlba, ns->nlba + 1,
			       below(ns->nlba), ~0ull);
		a.count = PICK(0, 1, 512, 4096, 65536, ns->nlba, ~0ull);
		if (a.count > 65536 && a.count != ~0ull)
			a.count = 65536;
		a.data = user_ptr(a.count > (1 << 20) ? 1 << 20 : a.count, &k, true);
		/* tables are at most nlba + 1 entries (ENABLE above) */
		if (a.first > ns->nlba || a.count > ns->nlba + 1 - a.first)
			ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "entries outside the table" };
		break;
	default:
		break;
	}
	if (chance(3)) {
		a.op = PICK(0, 6, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an unknown op" };
	}
	do_ioctl(0x0d, NVT_IOC_DATACHECK, &a, sizeof(a), ex);
}

static void op_worker_start(void)
{
	struct nvt_worker_args w;
	struct expect ex = { 0 };
	const struct ns *ns = ns_pick();
	struct fqueue q;
	struct nvt_worker_seq *seq;
	enum ptr_kind k;
	int qi, i, ret;
	uint32_t qchanges;
	uint64_t span;

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_WORKERS && g_workers[i].used; i++)
		;
	pthread_mutex_unlock(&g_lock);
	if (i == MAX_WORKERS)
		return;
	qchanges = atomic_load(&g_qchanges);
	qi = queue_pick(&q, true);
	if (qi < 0)
		return;
	memset(&w, 0, sizeof(w));
	w.argsz = sizeof(w);
	w.qid = q.qid;
	w.nsid = ns->nsid;
	w.lba_size = ns_lba_bytes(ns);
	if (opt_oversize && chance(20))
		w.lba_size = PICK(512, 4096);
	w.qdepth = 1 + below(q.depth > 16 ? 15 : q.depth - 1);
	span = ns->nlba < 65536 ? ns->nlba : 65536;
	w.region_start = below(ns->nlba - span + 1);
	w.region_end = w.region_start + 1 + below(span);
	w.nr_sizes = 1 + below(3);
	for (i = 0; i < (int)w.nr_sizes; i++) {
		w.io_sizes[i] = PICK(1, 1, 2, 8);
		w.io_weights[i] = 1 + below(10);
	}
	w.read_percentage = PICK(0, 50, 100, below(101));
	w.lba_random = PICK(0, 100, below(101));
	w.lba_align = PICK(0, 1, 8);
	w.lba_step = PICK(0, 1, -1, 8);
	w.time_ms = PICK(10, 50, 200);
	w.io_count = PICK(0, 10, 1000);
	w.cpu = PICK(-1, -1, 0, 1);
	w.seed = rnd();
	w.poll_idle_us = PICK(0, 100, 1000);
	w.cmdlist_max = PICK(0, 16, 100);
	w.slow_latency_us = PICK(0, 1000);
	w.sgl_percentage = PICK(0, 0, 50);
	/* the guide's codes 0, 32, 0xbeef and the older 1 and 2 */
	w.ptype = PICK(0, 1, 2, 32, 0xbeef);
	w.pvalue = w.ptype ? below(101) : below(2);
	/* lba_step given: 0 is one LBA (time_ms always limits the run) */
	if (chance(30))
		w.flags |= NVT_WORKER_LBA_STEP;
	if (ns->ms && !ns->extended)
		w.meta_size = ns->ms;
	if (chance(20)) {
		/* standard opcodes, then vendor ones moving data or not */
		static const uint8_t opcs[] = { 0x02, 0x01, 0x05, 0x08, 0x04,
						0x0c, 0x00, 0x09, 0x80, 0x81,
						0x82, 0x83 };
		struct nvt_worker_op *op;
		int n = 1 + below(opt_settle ? 2 : 12), j;

		w.nr_ops = n;
		w.ops = user_ptr(n * sizeof(*op), &k, true);
		if (k == P_GOOD) {
			uint8_t pick[12];

			/* distinct opcodes: a shuffle of the list's head */
			memcpy(pick, opcs, sizeof(pick));
			for (i = opt_settle ? 1 : 11; i > 0; i--) {
				uint8_t t = pick[i];

				j = below(i + 1);
				pick[i] = pick[j];
				pick[j] = t;
			}
			op = (void *)(uintptr_t)w.ops;
			for (i = 0; i < n; i++)
				op[i] = (struct nvt_worker_op){
					.opcode = pick[i],
					.weight = 1 + below(5) };
			switch (below(20)) {
			case 0:
				op[below(n)].weight = 0;
				ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
						      .why = "an opcode of the mix with weight 0" };
				break;
			case 1:
				op[below(n)].rsvd[below(3)] = 1;
				ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
						      .why = "an opcode's rsvd non-zero" };
				break;
			case 2:
				if (n < 2)
					break;
				op[n - 1].opcode = op[0].opcode;
				ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
						      .why = "an opcode twice in the mix" };
				break;
			case 3:
				if (n < 2)
					break;
				op[0].weight = 0xffffffffu;
				ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
						      .why = "the mix's weights over U32_MAX" };
				break;
			}
		} else if (ptr_bad(k)) {
			ex = (struct expect){ .must_fail = true, .errs = { 0 },
					      .why = "an unreadable opcode mix" };
		} else {
			/* in another buffer's mapping: contents unknown */
			ex = (struct expect){ 0 };
		}
	}
	if (chance(15)) {
		w.nr_regions = 2 + below(3);
		for (i = 0; i < (int)w.nr_regions; i++) {
			w.regions[i][0] = below(ns->nlba - 64);
			w.regions[i][1] = w.regions[i][0] + 1 + below(64);
		}
	}
	if (chance(10))
		for (i = 0; i < NVT_WORKER_DIST_PARTS; i++)
			w.distribution[i] = below(100);
	/* the mix has the scratch's end: a sequence goes without one */
	if (chance(10) && !w.nr_ops) {
		w.nr_seq = 1 + below(64);
		w.seq = user_ptr(w.nr_seq * sizeof(*seq), &k, true);
		if (k == P_GOOD) {
			seq = (void *)(uintptr_t)w.seq;
			for (i = 0; i < (int)w.nr_seq; i++)
				seq[i] = (struct nvt_worker_seq){
					.slba = below(ns->nlba - 8),
					.nlb = 1 + below(8),
					.opcode = PICK(0x01, 0x02),
					.time_us = i * 100 };
			if (chance(5)) {
				seq[below(w.nr_seq)].rsvd[0] = 1;
				ex = (struct expect){ .must_fail = true,
						      .errs = { EINVAL },
						      .why = "a sequence entry's rsvd non-zero" };
			}
		} else if (ptr_bad(k)) {
			ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "an unreadable sequence" };
		}
	}
	switch (below(24)) {
	case 0:
		w.qdepth = PICK(0, q.depth, q.depth + 1);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "qdepth 0 or not below the depth",
				      .by_queue = w.qdepth != 0, .qchanges = qchanges };
		break;
	case 1:
		w.lba_size = PICK(0, 511, 65537);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "lba_size outside 512..65536" };
		break;
	case 2:
		w.region_end = w.region_start;
		w.nr_regions = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an empty region" };
		break;
	case 3:
		w.nr_sizes = PICK(0, NVT_WORKER_MAX_SIZES + 1);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "nr_sizes outside 1..16" };
		break;
	case 4:
		w.read_percentage = 101;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "read_percentage over 100" };
		break;
	case 5:
		w.nsid = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "nsid 0" };
		break;
	case 6:
		w.flags = 16u << below(28);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
		break;
	case 7:
		w.nr_regions = NVT_WORKER_MAX_REGIONS + 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "nr_regions over 8" };
		break;
	case 8:
		w.io_weights[0] = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a zero weight" };
		break;
	case 9:
		w.poll_idle_us = NVT_WORKER_MAX_POLL_IDLE_US + 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "poll_idle_us over the limit" };
		break;
	case 10:
		w.qid = PICK(0, 0x10000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { 0 }, .why = "no such I/O queue" };
		break;
	case 11:
		w.cpu = PICK(4096, 0x7fffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an offline cpu" };
		break;
	case 12:
		w.nr_seq = 5;
		w.seq = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a sequence without a pointer" };
		break;
	case 13:
		memset(&w.rsvd, 0xff, sizeof(w.rsvd));
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "rsvd non-zero" };
		break;
	case 14:
		w.nr_ops = PICK(NVT_WORKER_MAX_OPS + 1, 0x10000, 0xffffffff);
		w.ops = (uintptr_t)self->big;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "nr_ops over the limit" };
		break;
	case 15:
		w.nr_ops = 1 + below(8);
		w.ops = 0;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an opcode mix without a pointer" };
		break;
	case 16:
		w.nr_ops = 0;
		w.ops = (uintptr_t)self->big;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an opcode mix pointer with nr_ops 0" };
		break;
	}
	ret = do_ioctl(0x0e, NVT_IOC_WORKER_START, &w, sizeof(w), ex);
	if (ret || !self->out_ok)
		return;
	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_WORKERS && g_workers[i].used; i++)
		;
	if (i < MAX_WORKERS) {
		g_workers[i] = (struct fworker){ .used = true, .id = w.id,
						 .qid = w.qid,
						 .gen = atomic_load(&g_gen) };
		if (g_queues[qi].used && g_queues[qi].qid == w.qid)
			g_queues[qi].worker = true;
	}
	pthread_mutex_unlock(&g_lock);
}

static int worker_pick(struct fworker *out)
{
	int i, n = 0, idx[MAX_WORKERS];

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < MAX_WORKERS; i++)
		if (g_workers[i].used)
			idx[n++] = i;
	if (n) {
		i = idx[below(n)];
		*out = g_workers[i];
	}
	pthread_mutex_unlock(&g_lock);
	return n ? i : -1;
}

static void op_worker_status(void)
{
	struct nvt_worker_status a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	struct fworker w;
	enum ptr_kind k;

	if (worker_pick(&w) < 0 || chance(10)) {
		a.id = PICK(0x80000000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { ENOENT }, .why = "a worker id never given out" };
	} else {
		a.id = w.id;
	}
	a.flags = chance(10) ? NVT_WORKER_STOP : 0;
	if (chance(20)) {
		a.per_second_max = PICK(1, 16, 1000);
		a.per_second = user_ptr(a.per_second_max * 4, &k, true);
	}
	if (chance(2)) {
		a.histogram = user_ptr(1 << 20, &k, true);	/* short: EFAULT */
	}
	if (chance(10)) {
		/* counts and histograms per opcode: short ones fail EFAULT */
		a.ops_room = PICK(1, 2, 12, NVT_WORKER_MAX_OPS);
		a.ops = user_ptr(a.ops_room * sizeof(struct nvt_worker_op_stat),
				 &k, true);
		if (chance(2))
			a.op_histogram = user_ptr((size_t)a.ops_room *
						  NVT_WORKER_OPH_BINS * 4,
						  &k, true);
	}
	if (chance(20)) {
		a.cmdlist_room = PICK(1, 16, 128);
		a.cmdlist = user_ptr(a.cmdlist_room * sizeof(struct nvt_worker_rec),
				     &k, true);
	}
	if (chance(3) && !ex.must_fail) {
		a.flags = 4u << below(30);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
				      .why = "unknown flags" };
	} else if (chance(10) && !ex.must_fail) {
		a.ops_room = PICK(NVT_WORKER_MAX_OPS + 1, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL },
				      .why = "ops_room over the limit" };
	}
	do_ioctl(0x0f, NVT_IOC_WORKER_STATUS, &a, sizeof(a), ex);
}

static void op_worker_free(void)
{
	/* WORKER_FREE takes the status struct (id) */
	struct nvt_worker_status a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	struct fworker w;
	int i = -1, ret;

	if ((i = worker_pick(&w)) < 0 || chance(10)) {
		a.id = PICK(0x80000000, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { ENOENT }, .why = "a worker id never given out" };
		i = -1;
	} else {
		a.id = w.id;
	}
	ret = do_ioctl(0x10, NVT_IOC_WORKER_FREE, &a, sizeof(a), ex);
	if (i < 0 || (ret && ret != -ENOENT))
		return;
	pthread_mutex_lock(&g_lock);
	if (g_workers[i].used && g_workers[i].id == w.id) {
		g_workers[i].used = false;
		for (int j = 0; j < MAX_QUEUES; j++)
			if (g_queues[j].qid == w.qid)
				g_queues[j].worker = false;
	}
	pthread_mutex_unlock(&g_lock);
}

static void op_dbbuf(void)
{
	struct nvt_dbbuf a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };

	if (chance(10)) {
		a.flags = 1u << below(32);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "non-zero flags" };
	} else if (chance(10)) {
		a.reserved = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero" };
	}
	do_ioctl(0x11, NVT_IOC_DBBUF, &a, sizeof(a), ex);
}

/*
 * Raw queues: creates with any dwords on IDs 1..16 (rings in the file's
 * buffers), deletes, entries and doorbells.  SQs only where their rings
 * are sealed and their entries checked (--raw: raw DMA refused); where
 * raw DMA is allowed the buffers' random bytes would be commands with
 * pointers anywhere.  A doorbell of an ID no queue has is only noise
 * (the controller reports it).
 */
static void op_rawq(void)
{
	struct nvt_rawq a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	struct fbuf b;
	uint32_t size = PICK(1, 2, 3, 16, 64, 1024);
	int i;

	a.op = 1 + below(7);
	a.qid = 1 + below(16);
	a.timeout_ms = PICK(0, FUZZ_TIMEOUT_MS, 1);
	if ((a.op == NVT_RAWQ_CREATE_SQ && !opt_raw) || chance(3)) {
		a.op = PICK(0, 8, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "an unknown op" };
	}
	switch (a.op) {
	case NVT_RAWQ_CREATE_CQ:
	case NVT_RAWQ_CREATE_SQ:
		i = buf_pick(&b);
		a.buf_id = i < 0 ? 1 + below(8) : b.id;
		a.buf_offset = chance(80) ? PAGE * below(4) : below(1u << 20);
		a.cdw10 = (size - 1) << 16 | (chance(95) ? a.qid : rnd());
		a.cdw11 = a.op == NVT_RAWQ_CREATE_CQ ?
			  (uint32_t)below(g_info.nr_vectors + 1) << 16 |
			  PICK(1, 1, 3, 0, 2) :
			  (uint32_t)(1 + below(16)) << 16 | PICK(1, 1, 3, 5, 0);
		a.cdw12 = chance(95) ? 0 : rnd();
		if (i >= 0)
			buf_dirty(i, b.id);	/* the ring: CQEs, or zeroed */
		if (a.op == NVT_RAWQ_CREATE_SQ)
			atomic_store(&g_id_ring[a.buf_id & 0xffff], true);
		break;
	case NVT_RAWQ_SQE:
		a.index = below(size);
		for (i = 0; i < 16; i++)
			a.sqe[i] = chance(50) ? 0 : rnd();
		/* --settle-reset: reads and writes only, as on SUBMIT */
		a.sqe[0] = opt_settle ? (rnd() & 0xffff0000) | PICK(0x02, 0x01) :
			   PICK(0x00, 0x02, 0x01, rnd()) & 0xffff00ff;
		break;
	case NVT_RAWQ_SQ_TAIL:
	case NVT_RAWQ_CQ_HEAD:
		a.value = PICK(0, 1, size, rnd());
		if (chance(10))
			a.qid = PICK(0, 0x10000, 0xffffffff);
		break;
	}
	if (a.op >= NVT_RAWQ_CREATE_CQ && a.op <= NVT_RAWQ_DELETE_CQ &&
	    chance(5)) {
		a.timeout_ms = PICK(3600001, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a timeout over an hour" };
	} else if (chance(3)) {
		a.reserved = 1;
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero" };
	}
	do_ioctl(ST_RAWQ, NVT_IOC_RAWQ, &a, sizeof(a), ex);
}

static void op_power(void)
{
	struct nvt_power a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	int ret;

	a.flags = PICK(0, NVT_POWER_CUT);
	if (chance(20)) {
		a.flags = 2u << below(31);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown flags" };
	}
	ret = do_ioctl(0x12, NVT_IOC_POWER, &a, sizeof(a), ex);
	if (!ret && (a.flags & NVT_POWER_CUT)) {
		/* no power is cut: take the notice back */
		struct nvt_power back = { .argsz = sizeof(back) };

		plain_ioctl(atomic_load(&g_fd), NVT_IOC_POWER, &back);
	}
}

/*
 * NVT_IOC_PCIE: reading often; resets, power states and link changes
 * rarely and one at a time (as op_reset), the controller set up again
 * after, and D3hot always followed by D0; bad ops and values must fail.
 */
static void op_pcie(void)
{
	struct nvt_pcie_ctl a = { .argsz = sizeof(a) };
	struct expect ex = { 0 };
	bool disruptive;
	int fd, ret;

	a.op = PICK(NVT_PCIE_STATUS, NVT_PCIE_STATUS, NVT_PCIE_STATUS,
		    NVT_PCIE_FLR, NVT_PCIE_HOT_RESET, NVT_PCIE_D_STATE,
		    NVT_PCIE_LINK_SPEED, NVT_PCIE_ASPM);
	switch (a.op) {
	case NVT_PCIE_D_STATE:
		a.value = PICK(0, 3);
		break;
	case NVT_PCIE_LINK_SPEED:
		a.value = 1 + below(7);
		break;
	case NVT_PCIE_ASPM:
		a.value = below(4);
		break;
	}
	switch (below(20)) {
	case 0:
		a.op = PICK(6, 7, 0x100, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "unknown op", .strict = true };
		break;
	case 1:
		a.flags = 1u << below(32);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "flags non-zero", .strict = true };
		break;
	case 2:
		a.reserved = PICK(1, 0x8000, 0xffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "reserved non-zero", .strict = true };
		break;
	case 3:
		a.op = PICK(NVT_PCIE_STATUS, NVT_PCIE_FLR, NVT_PCIE_HOT_RESET);
		a.value = PICK(1, 3, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "a value for an op without one", .strict = true };
		break;
	case 4:
		a.op = NVT_PCIE_D_STATE;
		a.value = PICK(1, 2, 4, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL }, .why = "D-state not 0 or 3" };
		break;
	case 5:
		a.op = PICK(NVT_PCIE_LINK_SPEED, NVT_PCIE_ASPM);
		a.value = a.op == NVT_PCIE_ASPM ? PICK(4, 0x10, 0xffffffff) :
			  PICK(0, 8, 0xffffffff);
		ex = (struct expect){ .must_fail = true, .errs = { EINVAL, EOPNOTSUPP }, .why = "a bad speed or ASPM value" };
		break;
	}
	disruptive = a.op != NVT_PCIE_STATUS && !ex.must_fail;
	if (!disruptive) {
		do_ioctl(ST_PCIE, NVT_IOC_PCIE, &a, sizeof(a), ex);
		return;
	}
	/* a reset or a change of the link: rarely, one at a time */
	if (below(8) || pthread_mutex_trylock(&g_reset_lock))
		return;
	if (!settle_begin()) {
		settle_end();
		pthread_mutex_unlock(&g_reset_lock);
		return;
	}
	ret = do_ioctl(ST_PCIE, NVT_IOC_PCIE, &a, sizeof(a), ex);
	settle_end();
	fd = atomic_load(&g_fd);
	if (a.op == NVT_PCIE_D_STATE && a.value == 3 && !ret) {
		struct nvt_pcie_ctl d0 = { .argsz = sizeof(d0),
					   .op = NVT_PCIE_D_STATE };

		usleep(below(20000));
		plain_ioctl(fd, NVT_IOC_PCIE, &d0);
	}
	progress();
	/* a reset leaves the controller disabled: set it up again */
	if ((a.op == NVT_PCIE_FLR || a.op == NVT_PCIE_HOT_RESET ||
	     a.op == NVT_PCIE_D_STATE) && !ctrl_reinit(fd, 64, 0, 2000))
		queues_forget();
	pthread_mutex_unlock(&g_reset_lock);
	atomic_store(&self->cur_since, 0);
}

static void op_unknown(void)
{
	struct expect ex = { .must_fail = true, .errs = { ENOTTY },
			     .why = "an unknown ioctl", .strict = true };
	uint8_t arg[64] = { 0 };
	unsigned long req;
	unsigned type, nr;

	memcpy(arg, &(uint32_t){ 64 }, 4);
	switch (below(4)) {
	case 0:		/* nvt's type, numbers past the last */
		nr = ST_UNKNOWN + below(0x100 - ST_UNKNOWN);
		req = _IO(NVT_IOCTL_TYPE, nr);
		break;
	case 1:		/* a known number with direction and size bits */
		nr = below(ST_UNKNOWN);
		req = PICK(_IOW(NVT_IOCTL_TYPE, nr, struct nvt_info),
			   _IOR(NVT_IOCTL_TYPE, nr, uint32_t),
			   _IOWR(NVT_IOCTL_TYPE, nr, struct nvt_rw));
		break;
	case 2:		/* other types (not those the VFS answers itself) */
		do
			type = below(256);
		while (type == 0x00 || type == 0x15 || type == 0x54 ||
		       type == 0x58 || type == 0x66 || type == 0x94 ||
		       type == NVT_IOCTL_TYPE);
		req = _IO(type, below(256));
		break;
	default:	/* random numbers */
		do {
			req = (uint32_t)rnd();
			type = (req >> 8) & 0xff;
		} while (type == 0x00 || type == 0x15 || type == 0x54 ||
			 type == 0x58 || type == 0x66 || type == 0x94 ||
			 (type == NVT_IOCTL_TYPE && (req & 0xff) < ST_UNKNOWN &&
			  !(req >> 16)));
		break;
	}
	do_ioctl(ST_UNKNOWN, req, arg, sizeof(arg), ex);
}

/* Replace the file under everything that runs: close and reopen. */
static void op_reopen(void)
{
	int nfd, old;

	set_cur("reopen");
	nfd = open(opt_dev, O_RDWR);
	count(ST_REOPEN, nfd < 0 ? errno : 0);
	if (nfd < 0) {
		fail("reopen %s: %s", opt_dev, strerror(errno));
		return;
	}
	pthread_mutex_lock(&g_lock);
	atomic_fetch_add(&g_frees, 1);
	atomic_fetch_add(&g_gen, 1);
	old = atomic_load(&g_fd);
	/* dup2 swaps the file under the number atomically */
	if (dup2(nfd, old) < 0)
		fail("dup2: %s", strerror(errno));
	/* a call that read the count between the two may still use the old file */
	atomic_fetch_add(&g_frees, 1);
	atomic_fetch_add(&g_gen, 1);
	for (int i = 0; i < MAX_BUFS; i++)
		g_bufs[i].used = false;
	for (int i = 0; i < MAX_WORKERS; i++)
		g_workers[i].used = false;
	for (int i = 0; i < MAX_QUEUES; i++)
		g_queues[i].worker = false;
	pthread_mutex_unlock(&g_lock);
	close(nfd);
	atomic_store(&self->cur_since, 0);
}

/* ---- nvt.ko's generic netlink family ---- */

static int g_genl_family = -1;	/* its id, or -1: not there */
static int g_minor = -1;	/* N of the /dev/nvtN fuzzed */

/* Append attribute @type of @len bytes (copied from @data, may be NULL). */
static size_t genl_put(uint8_t *msg, size_t off, size_t room, uint16_t type,
		       const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)(msg + off);

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > room)
		return off;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy(msg + off + NLA_HDRLEN, data, len);
	else
		memset(msg + off + NLA_HDRLEN, 0, len);
	return off + NLA_HDRLEN + NLA_ALIGN(len);
}

/*
 * Send a request and read until its answer or error: the errno nvt.ko (or
 * the netlink core) gave, 0 for an answer, -1 when none came.
 */
static int genl_call(int s, uint8_t *msg, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint8_t buf[16384];
	ssize_t n;

	if (sendto(s, msg, len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return errno;
	for (;;) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		n = recv(s, buf, sizeof(buf), 0);
		if (n < 0)
			return errno == EAGAIN ? -1 : errno;
		for (int left = (int)n; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				return -e->error;
			}
			if (h->nlmsg_type == NLMSG_DONE ||
			    !(h->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
}

static int genl_socket(void)
{
	struct timeval tv = { .tv_sec = 2 };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (s >= 0)
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return s;
}

/* The id of the "nvt" family, from the controller, or -1. */
static int genl_resolve(void)
{
	uint8_t msg[256] = { 0 }, buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)msg;
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;
	int s = genl_socket(), id = -1;
	ssize_t n;

	if (s < 0)
		return -1;
	off = genl_put(msg, off, sizeof(msg), CTRL_ATTR_FAMILY_NAME,
		       NVT_GENL_NAME, sizeof(NVT_GENL_NAME));
	h->nlmsg_len = off;
	h->nlmsg_type = GENL_ID_CTRL;
	h->nlmsg_flags = NLM_F_REQUEST;
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	if (sendto(s, msg, off, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		goto out;
	n = recv(s, buf, sizeof(buf), 0);
	h = (struct nlmsghdr *)buf;
	if (n < 0 || !NLMSG_OK(h, (int)n) || h->nlmsg_type != GENL_ID_CTRL)
		goto out;
	for (struct nlattr *a = (struct nlattr *)((uint8_t *)NLMSG_DATA(h) +
						   GENL_HDRLEN);
	     (uint8_t *)a + NLA_HDRLEN <= buf + h->nlmsg_len && a->nla_len >= NLA_HDRLEN;
	     a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			id = *(uint16_t *)((uint8_t *)a + NLA_HDRLEN);
out:
	close(s);
	return id;
}

/*
 * A request to nvt's family with random command, flags and attributes
 * (the device's own minor now and then, nests, short and long payloads):
 * answered with a statistics message or an error the netlink core or
 * nvt.ko gives for malformed requests, never anything else.
 */
static void op_genl(void)
{
	static const int ok[] = { 0, EINVAL, ENODEV, EOPNOTSUPP, ERANGE,
				  EMSGSIZE, ENOMEM, EINTR };
	uint8_t msg[1024] = { 0 }, payload[40];
	struct nlmsghdr *h = (struct nlmsghdr *)msg;
	struct genlmsghdr *g = NLMSG_DATA(h);
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;
	unsigned nattrs = below(6), i;
	uint64_t t0 = now_us(), us;
	int s, err;

	if (g_genl_family < 0)
		return;
	s = genl_socket();
	if (s < 0) {
		count(ST_GENL, errno);
		return;
	}
	h->nlmsg_type = g_genl_family;
	h->nlmsg_flags = NLM_F_REQUEST | (chance(20) ? NLM_F_DUMP : 0) |
			 (chance(30) ? NLM_F_ACK : 0);
	h->nlmsg_seq = (uint32_t)rnd();
	g->cmd = chance(70) ? NVT_GENL_CMD_GET : (uint8_t)below(8);
	g->version = chance(80) ? NVT_GENL_VERSION : (uint8_t)rnd();
	if (chance(70)) {
		uint32_t minor = chance(70) ? (uint32_t)g_minor :
				 (uint32_t)near(NVT_GENL_A_MAX * 8);

		off = genl_put(msg, off, sizeof(msg), NVT_GENL_A_MINOR,
			       &minor, sizeof(minor));
	}
	for (i = 0; i < nattrs; i++) {
		uint16_t type = (uint16_t)below(NVT_GENL_A_MAX + 4);
		uint16_t len = (uint16_t)PICK(0, 1, 2, 4, 8, below(40));

		for (unsigned b = 0; b < len; b++)
			payload[b] = (uint8_t)rnd();
		if (chance(10))
			type |= NLA_F_NESTED;
		off = genl_put(msg, off, sizeof(msg), type, payload, len);
	}
	h->nlmsg_len = off;
	err = genl_call(s, msg, off);
	close(s);
	us = now_us() - t0;
	atomic_fetch_add(&st_us[ST_GENL], us);
	if (us > atomic_load(&st_max_us[ST_GENL]))
		atomic_store(&st_max_us[ST_GENL], us);
	if (err < 0) {
		count(ST_GENL, ETIMEDOUT);
		warn("genl cmd %u: no answer in 2 s", g->cmd);
		return;
	}
	count(ST_GENL, err);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (err == ok[i])
			return;
	fail("genl cmd %u flags 0x%x: errno %d (%s)", g->cmd, h->nlmsg_flags,
	     err, strerror(err));
}

/* ---- the mix ---- */

struct op {
	const char *name;
	void (*fn)(void);
	unsigned weight;	/* per mille */
	bool on;
};

static struct op ops[] = {
	{ "info", op_info, 20, false },
	{ "read", op_read, 80, false },
	{ "write", op_write, 60, false },
	{ "buf_alloc", op_buf_alloc, 60, false },
	{ "buf_free", op_buf_free, 45, false },
	{ "mmap", op_mmap, 60, false },
	{ "submit", op_submit, 200, false },
	{ "reap", op_reap, 120, false },
	{ "timeout", op_timeout, 15, false },
	{ "cmdlog", op_cmdlog, 25, false },
	{ "irq", op_irq, 25, false },
	{ "queue_create", op_queue_create, 8, false },
	{ "queue_delete", op_queue_delete, 5, false },
	{ "adminq_setup", op_adminq_setup, 4, false },
	{ "reset", op_reset, 4, false },
	{ "disable", op_disable, 2, false },
	{ "verify", op_verify, 30, false },
	{ "worker_start", op_worker_start, 12, false },
	{ "worker_status", op_worker_status, 30, false },
	{ "worker_free", op_worker_free, 12, false },
	{ "dbbuf", op_dbbuf, 2, false },
	{ "power", op_power, 6, false },
	{ "rawq", op_rawq, 30, false },
	{ "pcie", op_pcie, 12, false },
	{ "unknown", op_unknown, 40, false },
	{ "reopen", op_reopen, 1, false },
	{ "genl", op_genl, 10, false },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))
static unsigned ops_total;

static bool time_up(void)
{
	if (atomic_load(&g_stop))
		return true;
	if (atomic_load(&total_calls) >= opt_ioctls)
		return true;
	return opt_seconds && elapsed_s() >= opt_seconds;
}

static void *thread_main(void *p)
{
	struct thr *t = p;

	self = t;
	atomic_store(&t->ktid, gettid());
	while (!time_up()) {
		unsigned r = below(ops_total), i;

		for (i = 0; i < NOPS; i++) {
			if (!ops[i].on)
				continue;
			if (r < ops[i].weight)
				break;
			r -= ops[i].weight;
		}
		t->nops++;
		if (opt_verbose)
			printf("t%u #%" PRIu64 " %s\n", t->idx, t->nops, ops[i].name);
		ops[i].fn();
	}
	return NULL;
}

static int thread_setup(struct thr *t, unsigned idx)
{
	uint64_t s = opt_seed ^ (0x100000001b3ull * (idx + 1));

	t->idx = idx;
	t->rng = splitmix(&s);
	t->arg = mmap(NULL, (ARG_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->arg == MAP_FAILED)
		return -1;
	t->guard = t->arg + ARG_PAGES * PAGE;
	mprotect(t->guard, PAGE, PROT_NONE);
	/* scratch for arrays, also followed by a guard page */
	t->big_len = (2u << 20);
	t->big = mmap(NULL, t->big_len + PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->big == MAP_FAILED)
		return -1;
	mprotect(t->big + t->big_len, PAGE, PROT_NONE);
	t->memfd = memfd_create("nvt-fuzz-arg", 0);
	if (t->memfd < 0 || ftruncate(t->memfd, PAGE))
		return -1;
	t->cur = "start";
	return 0;
}

/* ---- the end ---- */

static const char *errname(int e)
{
	switch (e) {
	case 0: return "ok";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENOTCONN: return "ENOTCONN";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case ENOTTY: return "ENOTTY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EREMOTEIO: return "EREMOTEIO";
	case EBADFD: return "EBADFD";
	default: return NULL;
	}
}

static void summary(void)
{
	uint64_t n = 0;

	printf("\n%-14s %9s %8s %8s %6s  %s\n", "ioctl", "calls", "avg_us",
	       "max_ms", "other", "results");
	for (int st = 0; st < NSTAT; st++) {
		uint64_t calls = atomic_load(&st_calls[st]);
		char line[1024];
		size_t len = 0;

		if (!calls)
			continue;
		n += st < ST_MMAP ? calls : 0;
		for (int e = 0; e < NERR; e++) {
			uint64_t c = atomic_load(&st_err[st][e]);
			const char *name = errname(e);
			char tmp[16];

			if (!c)
				continue;
			if (!name) {
				snprintf(tmp, sizeof(tmp), "errno%d", e);
				name = tmp;
			}
			len += snprintf(line + len, sizeof(line) - len, "%s%s:%" PRIu64,
					len ? " " : "", name, c);
			if (len >= sizeof(line))
				break;
		}
		printf("%-14s %9" PRIu64 " %8" PRIu64 " %8" PRIu64 " %6" PRIu64 "  %s\n",
		       stat_names[st], calls, atomic_load(&st_us[st]) / calls,
		       atomic_load(&st_max_us[st]) / 1000,
		       atomic_load(&st_other[st]), line);
	}
	printf("\nseed %" PRIu64 ": %" PRIu64 " ioctls in %.1f s (%.0f/s), %u threads, "
	       "SIGBUS %" PRIu64 " SIGSEGV %" PRIu64 " (caught), %d warnings, %d failures\n",
	       opt_seed, n, elapsed_s(), n / (elapsed_s() > 0 ? elapsed_s() : 1),
	       opt_threads, atomic_load(&sigbus_seen), atomic_load(&segv_seen),
	       atomic_load(&warnings), atomic_load(&failures));
	if (opt_settle)
		printf("settle-reset: %" PRIu64 " resets let in, %" PRIu64
		       " left out (I/O queues busy)\n",
		       atomic_load(&g_resets_in), atomic_load(&g_resets_out));
}

/* Leave the device usable: no workers, default timeouts, no power notice. */
static void cleanup(void)
{
	int fd = atomic_load(&g_fd);
	struct nvt_power pw = { .argsz = sizeof(pw) };
	struct nvt_timeout to = { .argsz = sizeof(to),
				  .flags = NVT_TIMEOUT_RESTORE,
				  .opcode = NVT_TIMEOUT_ALL_OPCODES };

	for (int i = 0; i < MAX_WORKERS; i++) {
		struct nvt_worker_status ws = { .argsz = sizeof(ws),
						.id = g_workers[i].id };

		if (g_workers[i].used)
			plain_ioctl(fd, NVT_IOC_WORKER_FREE, &ws);
	}
	plain_ioctl(fd, NVT_IOC_POWER, &pw);
	for (unsigned i = 0; i < g_nr_ns; i++) {
		struct nvt_datacheck v = { .argsz = sizeof(v),
					.op = NVT_DATACHECK_DISABLE,
					.nsid = g_ns[i].nsid };

		plain_ioctl(fd, NVT_IOC_DATACHECK, &v);
	}
	plain_ioctl(fd, NVT_IOC_TIMEOUT, &to);
	to.flags |= NVT_TIMEOUT_IO;
	plain_ioctl(fd, NVT_IOC_TIMEOUT, &to);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nvt-fuzz [options] /dev/nvtN\n"
		"  --seed S        generator seed (default: from the clock); thread i\n"
		"                  draws from S and i\n"
		"  --threads T     threads (default 4, at most %d)\n"
		"  --ioctls N      stop after N calls (default 100000)\n"
		"  --seconds S     stop after S seconds (default: no limit)\n"
		"  --raw           also send caller-chosen DMA addresses (raw PRP/SGL/\n"
		"                  MPTR, ASQ/ACQ/BPMBL/CMBMSC/PMRMSC and doorbell writes,\n"
		"                  Create I/O SQ/CQ, Doorbell Buffer Config, Set Features\n"
		"                  HMB) and require EPERM: only for a module that refuses\n"
		"                  raw DMA, else the controller writes random memory\n"
		"  --oversize      also send transfers longer than the data pointer the\n"
		"                  driver builds (NLB beyond the window, worker and\n"
		"                  verification LBA sizes under the namespace's)\n"
		"  --settle-reset  no SUBMIT in the 3 ms before a write clearing CC.EN,\n"
		"                  no reset unless the I/O queues drained, plain reads\n"
		"                  and writes only (QEMU 7.2's controller crashes when\n"
		"                  CC.EN=0 cancels commands; for the bench)\n"
		"  --data-warn     a buffer's pages holding other data than its own\n"
		"                  stamps are warnings: a command built for a freed\n"
		"                  buffer reaches the next one given the same id\n"
		"  --skip OP,...   leave operations out: ", MAX_THREADS);
	for (unsigned i = 0; i < NOPS; i++)
		fprintf(f, "%s%s", ops[i].name, i + 1 < NOPS ? "," : "");
	fprintf(f, ",\n"
		"                  fault (arguments in pages the ioctl faults in),\n"
		"                  mmap-excl (mmap racing the exclusive ioctls)\n"
		"  --verbose       print every operation\n"
		"Exit: 0 ran to the end, 1 a result the uapi rules out, 2 usage/setup.\n");
}

/* Print a file of procfs or sysfs, each line prefixed. */
static void dump_file(const char *path, const char *prefix)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f) {
		printf("%s(%s: %s)\n", prefix, path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f))
		printf("%s%s", prefix, line);
	fclose(f);
}

/*
 * Where a stuck thread is in the kernel, and the driver's view of its
 * queues: what a hang report needs to be worth reading.
 */
static void dump_stuck(unsigned i)
{
	static bool queues_told;
	const char *name = strrchr(opt_dev, '/');
	char path[128];
	glob_t g;

	snprintf(path, sizeof(path), "/proc/self/task/%d/wchan",
		 atomic_load(&g_thr[i].ktid));
	dump_file(path, "  wchan: ");
	printf("\n");
	snprintf(path, sizeof(path), "/proc/self/task/%d/stack",
		 atomic_load(&g_thr[i].ktid));
	dump_file(path, "  ");
	if (queues_told)
		return;
	queues_told = true;
	snprintf(path, sizeof(path), "/sys/class/nvt/%.32s/state",
		 name ? name + 1 : opt_dev);
	dump_file(path, "  state: ");
	snprintf(path, sizeof(path), "/sys/class/nvt/%.32s/queues/*/*",
		 name ? name + 1 : opt_dev);
	if (glob(path, 0, NULL, &g))
		return;
	for (size_t k = 0; k < g.gl_pathc; k++) {
		char prefix[160];

		snprintf(prefix, sizeof(prefix), "  %s: ", g.gl_pathv[k]);
		dump_file(g.gl_pathv[k], prefix);
	}
	globfree(&g);
}

static void *watchdog(void *p)
{
	bool told[MAX_THREADS] = { 0 };

	(void)p;
	while (!atomic_load(&g_stop)) {
		sleep(1);
		for (unsigned i = 0; i < opt_threads; i++) {
			uint64_t since = atomic_load(&g_thr[i].cur_since);

			if (since && now_ms() - since > 20000 && !told[i]) {
				told[i] = true;
				printf("STUCK: thread %u in %s for %" PRIu64 " s "
				       "(seed %" PRIu64 ", op %" PRIu64 ")\n",
				       i, g_thr[i].cur, (now_ms() - since) / 1000,
				       opt_seed, g_thr[i].nops);
				dump_stuck(i);
				fflush(stdout);
			} else if (!since) {
				told[i] = false;
			}
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_signal,
				.sa_flags = SA_SIGINFO | SA_NODEFER };
	pthread_t wd;
	int i, fd;

	opt_seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--seed") && i + 1 < argc)
			opt_seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(a, "--threads") && i + 1 < argc)
			opt_threads = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--ioctls") && i + 1 < argc)
			opt_ioctls = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(a, "--seconds") && i + 1 < argc)
			opt_seconds = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--skip") && i + 1 < argc)
			snprintf(opt_skip, sizeof(opt_skip), "%s", argv[++i]);
		else if (!strcmp(a, "--raw"))
			opt_raw = true;
		else if (!strcmp(a, "--oversize"))
			opt_oversize = true;
		else if (!strcmp(a, "--data-warn"))
			opt_data_warn = true;
		else if (!strcmp(a, "--settle-reset"))
			opt_settle = true;
		else if (!strcmp(a, "--verbose"))
			opt_verbose = true;
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (a[0] != '-' && !opt_dev)
			opt_dev = a;
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!opt_dev || !opt_threads || opt_threads > MAX_THREADS) {
		usage(stderr);
		return 2;
	}
	g_avoid_mmap_excl = skipped("mmap-excl");
	for (i = 0; i < (int)NOPS; i++) {
		ops[i].on = !skipped(ops[i].name);
		ops_total += ops[i].on ? ops[i].weight : 0;
	}
	if (!ops_total) {
		fprintf(stderr, "nvt-fuzz: every operation skipped\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	g_genl_family = genl_resolve();
	if (sscanf(opt_dev, "/dev/nvt%d", &g_minor) != 1)
		g_minor = 0;
	if (g_genl_family < 0)
		printf("nvt-fuzz: no \"%s\" netlink family: genl left out\n",
		       NVT_GENL_NAME);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);

	fd = open(opt_dev, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "nvt-fuzz: %s: %s\n", opt_dev, strerror(errno));
		return 2;
	}
	atomic_store(&g_fd, fd);
	if (setup_device(fd)) {
		fprintf(stderr, "nvt-fuzz: %s: could not set the controller up\n",
			opt_dev);
		return 2;
	}
	g_reserve = mmap(NULL, (size_t)NSLOTS * SLOT_SIZE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (g_reserve == MAP_FAILED)
		return 2;
	for (i = 0; i < NSLOTS; i++)
		g_slots[i].addr = g_reserve + (size_t)i * SLOT_SIZE;

	printf("nvt-fuzz: seed %" PRIu64 ", %u threads, %" PRIu64 " ioctls%s%s%s, "
	       "%u namespace(s), %u vectors, MQES+1 %u\n", opt_seed, opt_threads,
	       opt_ioctls, opt_raw ? ", raw" : "",
	       opt_oversize ? ", oversize" : "", opt_settle ? ", settle-reset" : "",
	       g_nr_ns, g_info.nr_vectors, g_mqes);
	if (opt_skip[0])
		printf("nvt-fuzz: skipping %s\n", opt_skip);
	clock_gettime(CLOCK_MONOTONIC, &g_start);
	for (i = 0; i < (int)opt_threads; i++) {
		if (thread_setup(&g_thr[i], i)) {
			fprintf(stderr, "nvt-fuzz: thread setup: %s\n", strerror(errno));
			return 2;
		}
	}
	pthread_create(&wd, NULL, watchdog, NULL);
	for (i = 0; i < (int)opt_threads; i++)
		pthread_create(&g_thr[i].tid, NULL, thread_main, &g_thr[i]);
	for (i = 0; i < (int)opt_threads; i++)
		pthread_join(g_thr[i].tid, NULL);
	atomic_store(&g_stop, true);
	pthread_join(wd, NULL);
	self = &g_thr[0];
	cleanup();
	summary();
	close(atomic_load(&g_fd));
	return atomic_load(&failures) ? 1 : 0;
}
