/* SPDX-License-Identifier: MIT */
/*
 * nvt-run.ini: default options for every run from a folder, the way
 * pytest.ini gives them to pytest.  Its [nvt-run] section:
 *
 *   [nvt-run]
 *   addopts = -v --seed 5          # options put before the command line's
 *   filterwarnings =               # -W filters, one per line, in order
 *       error:timed out
 *       ignore:^AER notification
 *   log_level = debug              # --log-level
 *   time_limit = 600               # --time-limit
 *
 * A line that starts with white space continues the key above it; '#' and
 * ';' start comment lines; other sections are left to other tools.
 */
#ifndef NVT_RUN_CONFIG_H
#define NVT_RUN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_FILE "nvt-run.ini"

struct run_config {
	char *path;		/* the file read; NULL: none */
	char **addopts;		/* split like a shell's words (quotes group) */
	size_t naddopts;
	char **filters;		/* "ACTION:REGEX" */
	size_t nfilters;
	char *log_level;	/* NULL: not set */
	char *time_limit;	/* seconds, as written; NULL: not set */
};

/*
 * Read @path into @c.  A missing file is no error unless @required.
 * 0, or -1 with @err set (the file, the line and what is wrong).
 */
int config_load(const char *path, bool required, struct run_config *c,
		char *err, size_t errlen);
void config_free(struct run_config *c);

#endif /* NVT_RUN_CONFIG_H */
