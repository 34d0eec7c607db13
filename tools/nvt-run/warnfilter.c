// SPDX-License-Identifier: MIT
/* Warning filters: ignore a warning, or make it the test's failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warnfilter.h"

static const char *const action_names[] = {
	[WARN_DEFAULT] = "default", [WARN_IGNORE] = "ignore",
	[WARN_ERROR] = "error",
};

int warnfilter_add(struct warn_filters *wf, const char *spec, char *err,
		   size_t errlen)
{
	const char *colon = strchr(spec, ':');
	struct warn_filter f = { 0 }, *grown;
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	int a, rc;

	for (a = 0; a < 3; a++)
		if (strlen(action_names[a]) == len &&
		    !strncmp(spec, action_names[a], len))
			break;
	if (a == 3) {
		snprintf(err, errlen,
			 "warning filter '%s': ACTION:REGEX, ACTION error, ignore or default",
			 spec);
		return -1;
	}
	f.action = a;
	rc = regcomp(&f.re, colon ? colon + 1 : "", REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char why[128];

		regerror(rc, &f.re, why, sizeof(why));
		snprintf(err, errlen, "warning filter '%s': %s", spec, why);
		return -1;
	}
	f.text = strdup(spec);
	grown = realloc(wf->f, (wf->n + 1) * sizeof(*grown));
	if (!f.text || !grown) {
		free(f.text);
		regfree(&f.re);
		if (grown)
			wf->f = grown;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	wf->f = grown;
	wf->f[wf->n++] = f;
	return 0;
}

/* The last filter @msg matches, or NULL. */
static const struct warn_filter *match(const struct warn_filters *wf,
				       const char *msg)
{
	size_t i = wf->n;

	while (i--)
		if (!regexec(&wf->f[i].re, msg, 0, NULL, 0))
			return &wf->f[i];
	return NULL;
}

void warnfilter_apply(const struct warn_filters *wf, struct case_result *res)
{
	size_t i, kept = 0;

	for (i = 0; i < res->nwarnings; i++) {
		const struct warn_filter *f = match(wf, res->warnings[i]);
		char *reason;

		if (f && f->action == WARN_IGNORE) {
			free(res->warnings[i]);
			continue;
		}
		if (f && f->action == WARN_ERROR && res->outcome == OUT_PASSED &&
		    asprintf(&reason, "warning turned into an error by '-W %s': %s",
			     f->text, res->warnings[i]) >= 0) {
			free(res->reason);
			res->reason = reason;
			res->outcome = OUT_FAILED;
		}
		res->warnings[kept++] = res->warnings[i];
	}
	res->nwarnings = kept;
}

void warnfilter_free(struct warn_filters *wf)
{
	size_t i;

	for (i = 0; i < wf->n; i++) {
		free(wf->f[i].text);
		regfree(&wf->f[i].re);
	}
	free(wf->f);
	wf->f = NULL;
	wf->n = 0;
}
