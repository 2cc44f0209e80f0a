/* strpool — interned command lines and exe paths (see proctop/strpool.h).
 *
 * Open addressing with linear probing; a sweep rebuilds the table, so
 * there are no tombstones.  The table is kept at most half full. */
#include "proctop/strpool.h"

#include <stdlib.h>
#include <string.h>

#include "proctop/xalloc.h"

void strpool_init(struct strpool *p)
{
	memset(p, 0, sizeof(*p));
}

void strpool_fini(struct strpool *p)
{
	for (size_t i = 0; i < p->cap; i++)
		snap_str_unref(p->slots[i]);
	free(p->slots);
	memset(p, 0, sizeof(*p));
}

/* FNV-1a, 64-bit. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
	return h;
}

/* Put str (already referenced for the table) into a free slot. */
static void place(struct snap_str **slots, size_t cap, struct snap_str *str)
{
	size_t i = (size_t)hash_bytes(str->bytes, str->len) & (cap - 1);

	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = str;
}

/* Rebuild the table at capacity cap; with drop_unshared, without the
 * strings only the table holds (released). */
static void rebuild(struct strpool *p, size_t cap, int drop_unshared)
{
	struct snap_str **slots = xcalloc(cap, sizeof(*slots));
	size_t n = 0;

	for (size_t i = 0; i < p->cap; i++) {
		struct snap_str *str = p->slots[i];
		if (!str)
			continue;
		if (drop_unshared && str->refs == 1) {
			snap_str_unref(str);
			continue;
		}
		place(slots, cap, str);
		n++;
	}
	free(p->slots);
	p->slots = slots;
	p->cap = cap;
	p->n = n;
}

struct snap_str *strpool_intern(struct strpool *p, const char *bytes,
	size_t len)
{
	struct snap_str *str;

	if (p->cap) {
		size_t i = (size_t)hash_bytes(bytes, len) & (p->cap - 1);
		for (; p->slots[i]; i = (i + 1) & (p->cap - 1)) {
			str = p->slots[i];
			if (str->len == len && !memcmp(str->bytes, bytes, len))
				return snap_str_ref(str);
		}
	}
	if (2 * (p->n + 1) > p->cap)
		rebuild(p, p->cap ? p->cap * 2 : 64, 0);
	str = snap_str_new(bytes, len);
	place(p->slots, p->cap, snap_str_ref(str));   /* the table's */
	p->n++;
	return str;
}

void strpool_sweep(struct strpool *p)
{
	size_t cap = p->cap, kept = 0;

	if (!cap)
		return;
	for (size_t i = 0; i < p->cap; i++)
		kept += p->slots[i] && p->slots[i]->refs > 1;
	/* shrink while a quarter full at most, never below 64 */
	while (cap > 64 && 4 * kept <= cap)
		cap /= 2;
	rebuild(p, cap, 1);
}
