/* SPDX-License-Identifier: MIT */
/*
 * The live status line of long work, as fio shows one: while a step runs
 * for more than a second (an ioworker, a format, a power cycle), one line
 * on the terminal, rewritten in place (\r) a few times a second with the
 * time so far, or what the step tells instead (a worker's elapsed of total
 * time, IOPS and errors), and cleared when the step ends.  Only on a terminal,
 * and not with --no-progress: logs of CI runs stay clean.  When the
 * terminal's line holds text (the dots of the tests so far), the status
 * line goes below it, and the cursor comes back to the end of that text.
 */
#ifndef NVT_RUN_PROGRESS_H
#define NVT_RUN_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct progress;
struct nvt_worker_result;

/*
 * The status line on @out (a terminal), or NULL when it is off (@enabled
 * false, or no memory): every call below takes NULL and does nothing.
 * @column(@arg), when not NULL, says at which column the cursor is when
 * long work begins (0: at a line's start).
 */
struct progress *progress_open(FILE *out, bool enabled,
			       unsigned (*column)(void *arg), void *arg);
void progress_close(struct progress *p);

/* Long work named @what begins; shown once it took a second. */
void progress_begin(struct progress *p, const char *what);
/* What to show instead of the time so far (a copy is kept); NULL: the time. */
void progress_update(struct progress *p, const char *detail);
/* It ended: the line, if shown, is cleared. */
void progress_end(struct progress *p);

/*
 * A running worker's figures for progress_update(): "<elapsed> of <time>"
 * (or "<ios> of <io_count> I/Os"; @time_ms and @io_count 0: elapsed
 * alone), @iops, and its first error ("no errors" without one; nvt.ko
 * keeps the first error, not a count).
 */
void progress_worker_text(char *buf, size_t len,
			  const struct nvt_worker_result *now,
			  uint64_t time_ms, uint64_t io_count, double iops);

#endif /* NVT_RUN_PROGRESS_H */
