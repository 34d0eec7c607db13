// SPDX-License-Identifier: MIT
/* nvt-run.ini: default options, warning filters and the log level. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

enum cfg_key {
	KEY_NONE, KEY_ADDOPTS, KEY_FILTERS, KEY_LOG_LEVEL, KEY_TIME_LIMIT
};

static const char *const key_names[] = {
	[KEY_ADDOPTS] = "addopts", [KEY_FILTERS] = "filterwarnings",
	[KEY_LOG_LEVEL] = "log_level", [KEY_TIME_LIMIT] = "time_limit",
};

/* A key that holds one value: where it goes in @c, NULL for the others. */
static char **single(struct run_config *c, enum cfg_key key)
{
	return key == KEY_LOG_LEVEL ? &c->log_level :
	       key == KEY_TIME_LIMIT ? &c->time_limit : NULL;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int push(char ***v, size_t *n, const char *s, size_t len)
{
	char **grown = realloc(*v, (*n + 1) * sizeof(*grown));
	char *copy = strndup(s, len);

	if (grown)
		*v = grown;
	if (!grown || !copy) {
		free(copy);
		return -1;
	}
	(*v)[(*n)++] = copy;
	return 0;
}

/* Split @s into words: white space between them, quotes group. */
static int split_words(struct run_config *c, const char *s, char *err,
		       size_t errlen, const char *where)
{
	char word[1024];

	while (*s) {
		size_t len = 0;
		char quote = 0;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		while (*s && (quote || !isspace((unsigned char)*s))) {
			if (!quote && (*s == '"' || *s == '\'')) {
				quote = *s++;
				continue;
			}
			if (quote && *s == quote) {
				quote = 0;
				s++;
				continue;
			}
			if (len + 1 >= sizeof(word)) {
				snprintf(err, errlen, "%s: addopts: a word longer than %zu bytes",
					 where, sizeof(word) - 1);
				return -1;
			}
			word[len++] = *s++;
		}
		if (quote) {
			snprintf(err, errlen, "%s: addopts: a quote (%c) is not closed",
				 where, quote);
			return -1;
		}
		if (push(&c->addopts, &c->naddopts, word, len)) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* One value of @key (the text after '=', or a continuation line). */
static int take(struct run_config *c, enum cfg_key key, const char *v,
		char *err, size_t errlen, const char *where)
{
	char **one = single(c, key);

	if (!*v)
		return 0;
	if (one) {
		if (*one) {
			snprintf(err, errlen, "%s: %s: one value", where,
				 key_names[key]);
			return -1;
		}
		*one = strdup(v);
		if (!*one) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	}
	switch (key) {
	case KEY_ADDOPTS:
		return split_words(c, v, err, errlen, where);
	case KEY_FILTERS:
		if (push(&c->filters, &c->nfilters, v, strlen(v))) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	default:
		snprintf(err, errlen, "%s: a value outside any key", where);
		return -1;
	}
}

int config_load(const char *path, bool required, struct run_config *c,
		char *err, size_t errlen)
{
	enum cfg_key key = KEY_NONE;
	bool ours = false;
	char line[2048], where[300];
	unsigned lineno = 0;
	FILE *f;
	int ret = 0;

	memset(c, 0, sizeof(*c));
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT && !required)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	c->path = strdup(path);
	while (!ret && fgets(line, sizeof(line), f)) {
		bool cont = line[0] == ' ' || line[0] == '\t';
		char *s = trim(line), *eq;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			ours = !strcmp(s, "[nvt-run]");
			key = KEY_NONE;
			continue;
		}
		if (!ours)
			continue;
		if (cont && key != KEY_NONE) {
			ret = take(c, key, s, err, errlen, where);
			continue;
		}
		eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, errlen, "%s: 'key = value' expected", where);
			ret = -1;
			break;
		}
		*eq = '\0';
		s = trim(s);
		for (key = KEY_ADDOPTS; key <= KEY_TIME_LIMIT; key++)
			if (!strcmp(s, key_names[key]))
				break;
		if (key > KEY_TIME_LIMIT) {
			snprintf(err, errlen,
				 "%s: unknown key '%s' (addopts, filterwarnings, log_level, time_limit)",
				 where, s);
			ret = -1;
			break;
		}
		ret = take(c, key, trim(eq + 1), err, errlen, where);
	}
	fclose(f);
	if (ret)
		config_free(c);
	return ret;
}

void config_free(struct run_config *c)
{
	size_t i;

	for (i = 0; i < c->naddopts; i++)
		free(c->addopts[i]);
	for (i = 0; i < c->nfilters; i++)
		free(c->filters[i]);
	free(c->addopts);
	free(c->filters);
	free(c->log_level);
	free(c->time_limit);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
