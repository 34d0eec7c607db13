/* SPDX-License-Identifier: MIT */
/*
 * A made-up run for the report's tests: tests of every outcome in two
 * suites, logs and device strings with markup, quotes, control characters
 * and bytes that are not UTF-8, and ioworkers' CSV files (many seconds,
 * one second, none).  The unit tests check its report.html; the report
 * check (tests/report/check-report.sh) shows it in a browser.
 */
#ifndef NVT_UNIT_REPORT_SAMPLE_H
#define NVT_UNIT_REPORT_SAMPLE_H

#include <stddef.h>

/* The strings the sample puts in the page, to look for them escaped. */
#define SAMPLE_MODEL "QEMU <NVMe> Ctrl & \"co\""
#define SAMPLE_LOG_MARKUP "<script>alert('x')</script>"

/*
 * Write the sample run's results to @results (created): report_finish()'s
 * exit status, or -1 with @err set.
 */
int report_sample_write(const char *results, char *err, size_t errlen);

#endif /* NVT_UNIT_REPORT_SAMPLE_H */
