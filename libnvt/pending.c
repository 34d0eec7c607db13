// SPDX-License-Identifier: MIT
/* The table of commands sent and not yet reaped. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pending.h"

#define TAG_INDEX_BITS	16

int nvt_pending_init(struct nvt_pending_table *t, unsigned size)
{
	if (!size || size > (1u << TAG_INDEX_BITS))
		return -EINVAL;
	t->slots = calloc(size, sizeof(*t->slots));
	if (!t->slots)
		return -ENOMEM;
	t->size = size;
	t->next_tag = 0;
	return 0;
}

void nvt_pending_free(struct nvt_pending_table *t)
{
	free(t->slots);
	t->slots = NULL;
	t->size = 0;
}

void nvt_pending_clear(struct nvt_pending_table *t)
{
	memset(t->slots, 0, t->size * sizeof(*t->slots));
}

struct nvt_pending *nvt_pending_new(struct nvt_pending_table *t,
				    uint64_t *tag)
{
	unsigned i, idx = 0;

	for (i = 0; i < t->size; i++) {
		idx = (unsigned)(t->next_tag + i) % t->size;
		if (!t->slots[idx].used)
			break;
	}
	if (i == t->size)
		return NULL;
	t->next_tag += i + 1;
	/* the index finds the entry, the sequence rejects stale tags */
	*tag = (t->next_tag << TAG_INDEX_BITS) | idx;
	memset(&t->slots[idx], 0, sizeof(t->slots[idx]));
	t->slots[idx].tag = *tag;
	return &t->slots[idx];
}

struct nvt_pending *nvt_pending_find(struct nvt_pending_table *t,
				     uint64_t tag)
{
	unsigned idx = tag & ((1u << TAG_INDEX_BITS) - 1);

	if (idx >= t->size || !t->slots[idx].used || t->slots[idx].tag != tag)
		return NULL;
	return &t->slots[idx];
}
