/* SPDX-License-Identifier: MIT */
/* The one clock nvt-run measures durations, limits and rates with. */
#ifndef NVT_RUN_CLOCK_H
#define NVT_RUN_CLOCK_H

#include <time.h>

/* Seconds on CLOCK_MONOTONIC: immune to the wall clock being set. */
static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif /* NVT_RUN_CLOCK_H */
