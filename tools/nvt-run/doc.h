/* SPDX-License-Identifier: MIT */
/*
 * A YAML file loaded (with libyaml) into a tree of nodes that remember where
 * they came from, so every later error can say file:line:column.
 */
#ifndef NVT_RUN_DOC_H
#define NVT_RUN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum node_type { NODE_SCALAR, NODE_SEQ, NODE_MAP };

struct node {
	enum node_type type;
	const char *file;	/* owned by the doc */
	unsigned line, col;	/* 1-based */
	char *str;		/* scalar text */
	bool plain;		/* scalar written without quotes */
	size_t n;		/* items of a sequence, pairs of a map */
	struct node **items;	/* sequence items, or map values */
	struct node **keys;	/* map keys (scalars) */
};

struct doc {
	char *file;
	struct node *root;	/* NULL for an empty file */
};

/*
 * Load @path.  On error returns -errno/-EINVAL and writes
 * "file:line:col: message" into @err.
 */
int doc_load(const char *path, struct doc **out, char *err, size_t errlen);
/* Same, from text in memory (@name names it in messages). */
int doc_load_string(const char *name, const char *text, struct doc **out,
		    char *err, size_t errlen);
void doc_free(struct doc *doc);

/* "file:line:col: message" about @n into @err; returns -EINVAL. */
int node_err(char *err, size_t errlen, const struct node *n,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Map lookup; NULL when @map is not a map or has no @key. */
struct node *node_get(const struct node *map, const char *key);
const char *node_type_name(enum node_type type);

/*
 * Scalar conversions: integers in decimal, 0x hex, 0b binary, with '_'
 * separators allowed; booleans true/false/yes/no/on/off.  Return false when
 * the scalar is not of that kind.
 */
bool scalar_int(const char *s, int64_t *value);
bool scalar_bool(const char *s, bool *value);

#endif /* NVT_RUN_DOC_H */
