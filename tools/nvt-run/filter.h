/* SPDX-License-Identifier: MIT */
/*
 * -k EXPR, as in pytest: words matched case-insensitively as substrings of
 * a test's node id ("dir/file.yaml::suite::name[params]"), combined with
 * and, or, not and parentheses.
 */
#ifndef NVT_RUN_FILTER_H
#define NVT_RUN_FILTER_H

#include <stdbool.h>
#include <stddef.h>

/* 1 match, 0 no match, -EINVAL for a bad expression (message in @err). */
int filter_match(const char *expr, const char *text, char *err, size_t errlen);

#endif /* NVT_RUN_FILTER_H */
