// SPDX-License-Identifier: MIT
/* YAML to a node tree with positions, built from libyaml's event stream. */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "doc.h"

struct anchor {
	char *name;
	struct node *node;
};

struct loader {
	yaml_parser_t parser;
	const char *file;
	char *err;
	size_t errlen;
	struct anchor *anchors;
	size_t nanchors;
};

static void node_free(struct node *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++) {
		node_free(n->items[i]);
		if (n->keys)
			node_free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->str);
	free(n);
}

static struct node *node_new(struct loader *ld, enum node_type type,
			     const yaml_mark_t *mark)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->type = type;
	n->file = ld->file;
	n->line = mark->line + 1;
	n->col = mark->column + 1;
	return n;
}

static struct node *node_copy(const struct node *src)
{
	struct node *n = calloc(1, sizeof(*n));
	size_t i;

	if (!n)
		return NULL;
	*n = *src;
	n->str = NULL;
	n->items = NULL;
	n->keys = NULL;
	n->n = 0;
	if (src->str && !(n->str = strdup(src->str)))
		goto fail;
	if (src->n) {
		n->items = calloc(src->n, sizeof(*n->items));
		if (!n->items)
			goto fail;
		if (src->keys) {
			n->keys = calloc(src->n, sizeof(*n->keys));
			if (!n->keys)
				goto fail;
		}
		for (i = 0; i < src->n; i++) {
			n->n = i + 1;
			n->items[i] = node_copy(src->items[i]);
			if (src->keys)
				n->keys[i] = node_copy(src->keys[i]);
			if (!n->items[i] || (src->keys && !n->keys[i]))
				goto fail;
		}
	}
	return n;
fail:
	node_free(n);
	return NULL;
}

static int fail_at(struct loader *ld, unsigned line, unsigned col,
		   const char *msg, const char *detail)
{
	snprintf(ld->err, ld->errlen, "%s:%u:%u: %s%s%s", ld->file, line, col,
		 msg, detail ? ": " : "", detail ? detail : "");
	return -EINVAL;
}

static int fail_mark(struct loader *ld, const yaml_mark_t *m, const char *msg,
		     const char *detail)
{
	return fail_at(ld, m->line + 1, m->column + 1, msg, detail);
}

static int next_event(struct loader *ld, yaml_event_t *ev)
{
	if (yaml_parser_parse(&ld->parser, ev))
		return 0;
	if (ld->parser.problem) {
		char detail[256];
		const yaml_mark_t *m = &ld->parser.problem_mark;

		if (ld->parser.context)
			snprintf(detail, sizeof(detail), "%s (%s)",
				 ld->parser.problem, ld->parser.context);
		else
			snprintf(detail, sizeof(detail), "%s",
				 ld->parser.problem);
		return fail_mark(ld, m, "invalid YAML", detail);
	}
	snprintf(ld->err, ld->errlen, "%s: cannot read YAML", ld->file);
	return -EIO;
}

static int remember_anchor(struct loader *ld, const yaml_char_t *name,
			   struct node *n)
{
	struct anchor *a;

	if (!name)
		return 0;
	a = realloc(ld->anchors, (ld->nanchors + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	ld->anchors = a;
	a[ld->nanchors].name = strdup((const char *)name);
	if (!a[ld->nanchors].name)
		return -ENOMEM;
	a[ld->nanchors++].node = n;
	return 0;
}

static int push(struct node *parent, struct node *key, struct node *item)
{
	struct node **items, **keys;

	items = realloc(parent->items, (parent->n + 1) * sizeof(*items));
	if (!items)
		return -ENOMEM;
	parent->items = items;
	if (key) {
		keys = realloc(parent->keys, (parent->n + 1) * sizeof(*keys));
		if (!keys)
			return -ENOMEM;
		parent->keys = keys;
		keys[parent->n] = key;
	}
	items[parent->n++] = item;
	return 0;
}

static int parse_node(struct loader *ld, yaml_event_t *ev, struct node **out);

/* Children of a sequence or mapping until its end event. */
static int parse_children(struct loader *ld, struct node *parent)
{
	yaml_event_t ev;
	int ret;

	for (;;) {
		struct node *key = NULL, *val = NULL;

		ret = next_event(ld, &ev);
		if (ret)
			return ret;
		if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (parent->type == NODE_MAP) {
			size_t i;

			ret = parse_node(ld, &ev, &key);
			if (ret)
				return ret;
			if (key->type != NODE_SCALAR) {
				ret = fail_at(ld, key->line, key->col,
					      "a mapping key must be a plain word",
					      NULL);
				node_free(key);
				return ret;
			}
			for (i = 0; i < parent->n; i++) {
				if (!strcmp(parent->keys[i]->str, key->str)) {
					ret = fail_at(ld, key->line, key->col,
						      "duplicate key", key->str);
					node_free(key);
					return ret;
				}
			}
			ret = next_event(ld, &ev);
			if (ret) {
				node_free(key);
				return ret;
			}
		}
		ret = parse_node(ld, &ev, &val);
		if (!ret)
			ret = push(parent, key, val);
		if (ret) {
			node_free(key);
			node_free(val);
			return ret;
		}
	}
}

/* Build the node that starts with @ev (consumed). */
static int parse_node(struct loader *ld, yaml_event_t *ev, struct node **out)
{
	struct node *n = NULL;
	yaml_char_t *anchor = NULL;
	int ret = 0;
	size_t i;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(ld, NODE_SCALAR, &ev->start_mark);
		if (!n || !(n->str = strdup((const char *)ev->data.scalar.value))) {
			ret = -ENOMEM;
			break;
		}
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = node_new(ld, ev->type == YAML_SEQUENCE_START_EVENT ?
			     NODE_SEQ : NODE_MAP, &ev->start_mark);
		if (!n) {
			ret = -ENOMEM;
			break;
		}
		anchor = ev->type == YAML_SEQUENCE_START_EVENT ?
			 ev->data.sequence_start.anchor :
			 ev->data.mapping_start.anchor;
		if (anchor && !(anchor = (yaml_char_t *)strdup((char *)anchor))) {
			ret = -ENOMEM;
			break;
		}
		yaml_event_delete(ev);
		ret = parse_children(ld, n);
		if (!ret)
			ret = remember_anchor(ld, anchor, n);
		free(anchor);
		if (ret) {
			node_free(n);
			return ret;
		}
		*out = n;
		return 0;
	case YAML_ALIAS_EVENT:
		for (i = 0; i < ld->nanchors; i++) {
			if (!strcmp(ld->anchors[i].name,
				    (const char *)ev->data.alias.anchor))
				break;
		}
		if (i == ld->nanchors) {
			ret = fail_mark(ld, &ev->start_mark, "unknown alias",
					(const char *)ev->data.alias.anchor);
			break;
		}
		n = node_copy(ld->anchors[i].node);
		if (!n) {
			ret = -ENOMEM;
			break;
		}
		n->line = ev->start_mark.line + 1;
		n->col = ev->start_mark.column + 1;
		break;
	default:
		ret = fail_mark(ld, &ev->start_mark, "unexpected YAML event",
				NULL);
		break;
	}
	if (!ret && anchor)
		ret = remember_anchor(ld, anchor, n);
	yaml_event_delete(ev);
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(ld->err, ld->errlen, "%s: out of memory",
				 ld->file);
		node_free(n);
		return ret;
	}
	*out = n;
	return 0;
}

static int load(struct loader *ld, struct doc *doc)
{
	yaml_event_t ev;
	bool in_doc = false;
	int ret;

	for (;;) {
		ret = next_event(ld, &ev);
		if (ret)
			return ret;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			return 0;
		case YAML_DOCUMENT_START_EVENT:
			if (doc->root) {
				ret = fail_mark(ld, &ev.start_mark,
						"a test file holds one YAML document",
						NULL);
				yaml_event_delete(&ev);
				return ret;
			}
			in_doc = true;
			yaml_event_delete(&ev);
			break;
		case YAML_DOCUMENT_END_EVENT:
			in_doc = false;
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_START_EVENT:
			yaml_event_delete(&ev);
			break;
		default:
			if (!in_doc) {
				yaml_event_delete(&ev);
				break;
			}
			ret = parse_node(ld, &ev, &doc->root);
			if (ret)
				return ret;
		}
	}
}

static int load_common(const char *name, const char *text, size_t len,
		       struct doc **out, char *err, size_t errlen)
{
	struct loader ld = { .err = err, .errlen = errlen };
	struct doc *doc = calloc(1, sizeof(*doc));
	size_t i;
	int ret;

	*out = NULL;
	if (!doc || !(doc->file = strdup(name))) {
		free(doc);
		snprintf(err, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	ld.file = doc->file;
	if (!yaml_parser_initialize(&ld.parser)) {
		doc_free(doc);
		snprintf(err, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)text,
				     len);
	ret = load(&ld, doc);
	yaml_parser_delete(&ld.parser);
	for (i = 0; i < ld.nanchors; i++)
		free(ld.anchors[i].name);
	free(ld.anchors);
	if (ret) {
		doc_free(doc);
		return ret;
	}
	*out = doc;
	return 0;
}

int doc_load_string(const char *name, const char *text, struct doc **out,
		    char *err, size_t errlen)
{
	return load_common(name, text, strlen(text), out, err, errlen);
}

int doc_load(const char *path, struct doc **out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	int ret;

	*out = NULL;
	if (!f) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	do {
		if (len + 4096 > cap) {
			char *t = realloc(text, cap + 65536);

			if (!t) {
				free(text);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return -ENOMEM;
			}
			text = t;
			cap += 65536;
		}
		got = fread(text + len, 1, cap - len - 1, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		free(text);
		fclose(f);
		snprintf(err, errlen, "%s: read error", path);
		return -EIO;
	}
	fclose(f);
	text[len] = 0;
	ret = load_common(path, text, len, out, err, errlen);
	free(text);
	return ret;
}

void doc_free(struct doc *doc)
{
	if (!doc)
		return;
	node_free(doc->root);
	free(doc->file);
	free(doc);
}

struct node *node_get(const struct node *map, const char *key)
{
	size_t i;

	if (!map || map->type != NODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i]->str, key))
			return map->items[i];
	return NULL;
}

const char *node_type_name(enum node_type type)
{
	switch (type) {
	case NODE_SCALAR:
		return "a scalar";
	case NODE_SEQ:
		return "a list";
	default:
		return "a mapping";
	}
}

bool scalar_int(const char *s, int64_t *value)
{
	char digits[80];
	size_t n = 0;
	bool neg = false;
	uint64_t v = 0;
	unsigned base = 10;
	const char *p = s;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	}
	for (; *p; p++) {
		if (*p == '_' && n)
			continue;
		if (n + 1 >= sizeof(digits))
			return false;
		digits[n++] = *p;
	}
	if (!n)
		return false;
	digits[n] = 0;
	for (p = digits; *p; p++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return false;
		if (d >= base || v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*value = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

bool scalar_bool(const char *s, bool *value)
{
	static const char *const yes[] = { "true", "yes", "on", "True", "TRUE" };
	static const char *const no[] = { "false", "no", "off", "False", "FALSE" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcmp(s, yes[i])) {
			*value = true;
			return true;
		}
		if (!strcmp(s, no[i])) {
			*value = false;
			return true;
		}
	}
	return false;
}

int node_err(char *err, size_t errlen, const struct node *n,
	     const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%u:%u: %s", n->file, n->line, n->col, msg);
	return -EINVAL;
}
