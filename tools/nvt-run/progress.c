// SPDX-License-Identifier: MIT
/*
 * The live status line (progress.h): a thread that, between
 * progress_begin() and progress_end(), redraws the line every 250 ms once
 * the work took a second, cut to the terminal's width.  The step's own
 * thread keeps running the work and hands new text with progress_update().
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <nvt/worker.h>

#include "progress.h"

#define SHOW_AFTER_S 1.0
#define REDRAW_MS 250

struct progress {
	FILE *out;
	unsigned (*column)(void *arg);
	void *arg;
	unsigned col;		/* the cursor's column at begin */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool running;		/* between begin and end */
	bool stop;
	bool shown;		/* the line is on the screen */
	struct timespec t0;
	char what[96];
	char detail[160];
};

struct progress *progress_open(FILE *out, bool enabled,
			       unsigned (*column)(void *arg), void *arg)
{
	struct progress *p;

	if (!enabled)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->out = out;
	p->column = column;
	p->arg = arg;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	return p;
}

void progress_close(struct progress *p)
{
	if (!p)
		return;
	progress_end(p);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->wake);
	free(p);
}

static double since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - t0->tv_sec + (now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The terminal's width, 80 when it cannot be asked. */
static int columns(FILE *out)
{
	struct winsize ws;

	if (ioctl(fileno(out), TIOCGWINSZ, &ws) || ws.ws_col < 20)
		return 80;
	return ws.ws_col;
}

/* Under p->lock. */
static void draw(struct progress *p)
{
	char line[320];
	int width = columns(p->out) - 1, n;

	/* the step's own figures, or the time it took so far */
	if (p->detail[0])
		n = snprintf(line, sizeof(line), "  %s: %s", p->what, p->detail);
	else
		n = snprintf(line, sizeof(line), "  %s: %.1f s", p->what,
			     since(&p->t0));
	if (n > width)
		line[width] = 0;
	/* below the text on the cursor's line, the first time */
	if (!p->shown && p->col)
		fputc('\n', p->out);
	/* \r, the line, then erase what an earlier longer line left */
	fprintf(p->out, "\r%s\033[K", line);
	fflush(p->out);
	p->shown = true;
}

static void *redraw(void *arg)
{
	struct progress *p = arg;
	struct timespec until;

	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += REDRAW_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->wake, &p->lock, &until);
		if (!p->stop && since(&p->t0) >= SHOW_AFTER_S)
			draw(p);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

void progress_begin(struct progress *p, const char *what)
{
	if (!p)
		return;
	progress_end(p);
	snprintf(p->what, sizeof(p->what), "%s", what);
	p->detail[0] = 0;
	p->stop = false;
	p->shown = false;
	p->col = p->column ? p->column(p->arg) : 0;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	p->running = !pthread_create(&p->thread, NULL, redraw, p);
}

void progress_update(struct progress *p, const char *detail)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	snprintf(p->detail, sizeof(p->detail), "%s", detail ? detail : "");
	pthread_mutex_unlock(&p->lock);
}

void progress_end(struct progress *p)
{
	if (!p || !p->running)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	p->running = false;
	if (p->shown) {
		fputs("\r\033[K", p->out);
		/* back up to the end of the text it went below */
		if (p->col)
			fprintf(p->out, "\033[A\033[%uC", p->col);
		fflush(p->out);
		p->shown = false;
	}
}

void progress_worker_text(char *buf, size_t len,
			  const struct nvt_worker_result *now,
			  uint64_t time_ms, uint64_t io_count, double iops)
{
	uint64_t ios = now->io_count_read + now->io_count_nonread;
	char error[32];
	int n;

	if (time_ms)
		n = snprintf(buf, len, "%.1f of %.0f s", now->mseconds / 1000.0,
			     time_ms / 1000.0);
	else if (io_count)
		n = snprintf(buf, len, "%llu of %llu I/Os",
			     (unsigned long long)ios,
			     (unsigned long long)io_count);
	else
		n = snprintf(buf, len, "%llu I/Os", (unsigned long long)ios);
	if (now->error)
		snprintf(error, sizeof(error), "error %02x/%02x",
			 (now->error >> 8) & 7, now->error & 0xff);
	else
		snprintf(error, sizeof(error), "no errors");
	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - n, ", %.0f IOPS, %s", iops, error);
}
