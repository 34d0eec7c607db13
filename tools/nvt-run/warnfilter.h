/* SPDX-License-Identifier: MIT */
/*
 * Warning filters (-W ACTION:REGEX, filterwarnings in nvt-run.ini): a
 * warning a test raised is ignored, turned into the test's failure, or
 * kept, by the last filter whose extended regular expression it matches.
 */
#ifndef NVT_RUN_WARNFILTER_H
#define NVT_RUN_WARNFILTER_H

#include <regex.h>
#include <stddef.h>

#include "collect.h"

enum warn_action { WARN_DEFAULT, WARN_IGNORE, WARN_ERROR };

struct warn_filter {
	enum warn_action action;
	char *text;		/* as given, for messages */
	regex_t re;
};

struct warn_filters {
	struct warn_filter *f;
	size_t n;
};

/*
 * Add "ACTION:REGEX" (ACTION default, ignore or error; REGEX an extended
 * regular expression, empty: every warning).  0, or -1 with @err set.
 */
int warnfilter_add(struct warn_filters *wf, const char *spec, char *err,
		   size_t errlen);
/*
 * Apply @wf to the warnings of @res: ignored ones are dropped; a passed
 * test with a warning an error filter matches fails, its reason naming
 * the filter and the warning.
 */
void warnfilter_apply(const struct warn_filters *wf, struct case_result *res);
void warnfilter_free(struct warn_filters *wf);

#endif /* NVT_RUN_WARNFILTER_H */
