/* memmap — one process's address space as a model (see proctop/memmap.h). */
#include "proctop/memmap.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proctop/xalloc.h"

void memmap_init(struct memmap *mm)
{
	memset(mm, 0, sizeof(*mm));
}

void memmap_fini(struct memmap *mm)
{
	free(mm->maps);
	free(mm->paths);
	memset(mm, 0, sizeof(*mm));
}

void memmap_reset(struct memmap *mm)
{
	struct map_entry *maps = mm->maps;
	char *paths = mm->paths;
	size_t cap = mm->cap, paths_cap = mm->paths_cap;

	memset(mm, 0, sizeof(*mm));
	mm->maps = maps;
	mm->cap = cap;
	mm->paths = paths;
	mm->paths_cap = paths_cap;
}

struct map_entry *memmap_add(struct memmap *mm, const char *path,
	size_t path_len)
{
	if (mm->n == mm->cap) {
		mm->cap = mm->cap ? mm->cap * 2 : 256;
		mm->maps = xreallocarray(mm->maps, mm->cap, sizeof(*mm->maps));
	}
	if (path_len > SIZE_MAX / 2 - mm->paths_len)
		path_len = 0;   /* cannot happen with a real buffer */
	if (mm->paths_len + path_len + 1 > mm->paths_cap) {
		size_t cap = mm->paths_cap ? mm->paths_cap : 4096;
		while (cap < mm->paths_len + path_len + 1)
			cap *= 2;
		mm->paths = xreallocarray(mm->paths, cap, 1);
		mm->paths_cap = cap;
	}
	struct map_entry *e = &mm->maps[mm->n++];
	memset(e, 0, sizeof(*e));
	e->path_off = mm->paths_len;
	e->path_len = path_len;
	if (path_len)
		memcpy(mm->paths + mm->paths_len, path, path_len);
	mm->paths[mm->paths_len + path_len] = '\0';
	mm->paths_len += path_len + 1;
	return e;
}

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && !memcmp(s, prefix, n);
}

static bool is_name(const char *s, size_t len, const char *name)
{
	return len == strlen(name) && !memcmp(s, name, len);
}

enum memmap_kind memmap_classify(const char *perms, const char *path,
	size_t path_len, bool deleted)
{
	bool shared = perms[3] == 's';

	if (!path_len)
		return shared ? MEMMAP_SHMEM : MEMMAP_ANON;
	if (path[0] == '[') {
		if (is_name(path, path_len, "[heap]"))
			return MEMMAP_HEAP;
		if (is_name(path, path_len, "[stack]") ||
				has_prefix(path, path_len, "[stack:"))
			return MEMMAP_STACK;
		if (has_prefix(path, path_len, "[anon_shmem:"))
			return MEMMAP_SHMEM;
		if (has_prefix(path, path_len, "[anon:"))
			return shared ? MEMMAP_SHMEM : MEMMAP_ANON;
		return MEMMAP_SPECIAL;
	}
	if (has_prefix(path, path_len, "/dev/zero") ||
			has_prefix(path, path_len, "/SYSV") ||
			has_prefix(path, path_len, "/memfd:") ||
			has_prefix(path, path_len, "/dev/shm/"))
		return MEMMAP_SHMEM;
	if (deleted)
		return MEMMAP_DELETED;
	if (perms[2] == 'x')
		return MEMMAP_CODE;
	if (perms[1] == 'w')
		return MEMMAP_DATA;
	return MEMMAP_FILE_RO;
}

static const struct {
	const char *name;
	char glyph;
} kinds[MEMMAP_KIND_COUNT] = {
	[MEMMAP_CODE]    = { "code", 'C' },
	[MEMMAP_DATA]    = { "data", 'D' },
	[MEMMAP_FILE_RO] = { "file-ro", 'F' },
	[MEMMAP_HEAP]    = { "heap", 'H' },
	[MEMMAP_STACK]   = { "stack", 'S' },
	[MEMMAP_ANON]    = { "anon", 'A' },
	[MEMMAP_SHMEM]   = { "shmem", 'M' },
	[MEMMAP_DELETED] = { "deleted", 'X' },
	[MEMMAP_SPECIAL] = { "special", 'V' },
};

const char *memmap_kind_name(enum memmap_kind k)
{
	return k < MEMMAP_KIND_COUNT ? kinds[k].name : "?";
}

char memmap_kind_glyph(enum memmap_kind k)
{
	return k < MEMMAP_KIND_COUNT ? kinds[k].glyph : ' ';
}

const char *memmap_path(const struct memmap *mm, const struct map_entry *e)
{
	return mm->paths ? mm->paths + e->path_off : "";
}

const char *memmap_label(const struct memmap *mm, const struct map_entry *e,
	size_t *len)
{
	if (e->path_len) {
		*len = e->path_len;
		return memmap_path(mm, e);
	}
	const char *s = e->kind == MEMMAP_SHMEM ? "[shmem]" : "[anon]";
	*len = strlen(s);
	return s;
}

uint64_t map_usage_dirty_kib(const struct map_usage *u)
{
	return u->shared_dirty_kib + u->private_dirty_kib;
}

void map_usage_add(struct map_usage *acc, const struct map_usage *u)
{
	/* struct map_usage is all uint64_t: add it as an array */
	uint64_t a[sizeof(*acc) / sizeof(uint64_t)];
	uint64_t b[sizeof(*acc) / sizeof(uint64_t)];

	_Static_assert(sizeof(struct map_usage) % sizeof(uint64_t) == 0,
		"map_usage must hold only uint64_t");
	memcpy(a, acc, sizeof(a));
	memcpy(b, u, sizeof(b));
	for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		a[i] += b[i];
	memcpy(acc, a, sizeof(a));
}

const struct map_field memmap_fields[MEMMAP_NFIELDS] = {
#define F(n, j, f) { n, j, offsetof(struct map_usage, f) }
	F("Size", "size_kib", size_kib),
	F("Rss", "rss_kib", rss_kib),
	F("Pss", "pss_kib", pss_kib),
	F("Pss_Dirty", "pss_dirty_kib", pss_dirty_kib),
	F("Shared_Clean", "shared_clean_kib", shared_clean_kib),
	F("Shared_Dirty", "shared_dirty_kib", shared_dirty_kib),
	F("Private_Clean", "private_clean_kib", private_clean_kib),
	F("Private_Dirty", "private_dirty_kib", private_dirty_kib),
	F("Referenced", "referenced_kib", referenced_kib),
	F("Anonymous", "anonymous_kib", anonymous_kib),
	F("LazyFree", "lazyfree_kib", lazyfree_kib),
	F("AnonHugePages", "anon_huge_kib", anon_huge_kib),
	F("Swap", "swap_kib", swap_kib),
	F("SwapPss", "swap_pss_kib", swap_pss_kib),
	F("Locked", "locked_kib", locked_kib),
	F("THPeligible", "thp_eligible", thp_eligible),
#undef F
};

uint64_t map_usage_field(const struct map_usage *u, size_t field)
{
	uint64_t v;

	if (field >= MEMMAP_NFIELDS)
		return 0;
	memcpy(&v, (const char *)u + memmap_fields[field].off, sizeof(v));
	return v;
}

void memmap_finish(struct memmap *mm)
{
	memset(&mm->sum, 0, sizeof(mm->sum));
	memset(mm->by_kind, 0, sizeof(mm->by_kind));
	memset(mm->count_by_kind, 0, sizeof(mm->count_by_kind));
	for (size_t i = 0; i < mm->n; i++) {
		struct map_entry *e = &mm->maps[i];
		e->kind = memmap_classify(e->perms, memmap_path(mm, e),
			e->path_len, e->deleted);
		map_usage_add(&mm->sum, &e->u);
		map_usage_add(&mm->by_kind[e->kind], &e->u);
		mm->count_by_kind[e->kind]++;
	}
	if (mm->has_rollup) {   /* lines smaps_rollup does not print */
		mm->rollup.size_kib = mm->sum.size_kib;
		mm->rollup.thp_eligible = mm->sum.thp_eligible;
		mm->rollup.kernel_page_kib = 0;
		mm->rollup.mmu_page_kib = 0;
	}
}

const struct map_usage *memmap_totals(const struct memmap *mm)
{
	if (!mm->has_rollup)
		return &mm->sum;
	return &mm->rollup;
}

static const char *sort_names[MEMMAP_SORT_COUNT] = {
	[MEMMAP_SORT_ADDR] = "address",
	[MEMMAP_SORT_SIZE] = "size",
	[MEMMAP_SORT_RSS] = "rss",
	[MEMMAP_SORT_PSS] = "pss",
	[MEMMAP_SORT_SWAP] = "swap",
	[MEMMAP_SORT_DIRTY] = "dirty",
};

const char *memmap_sort_name(enum memmap_sort s)
{
	return s < MEMMAP_SORT_COUNT ? sort_names[s] : "?";
}

/* The value a (non-address) sort key orders by. */
static uint64_t sort_value(const struct map_usage *u, enum memmap_sort key)
{
	switch (key) {
	case MEMMAP_SORT_SIZE:  return u->size_kib;
	case MEMMAP_SORT_RSS:   return u->rss_kib;
	case MEMMAP_SORT_PSS:   return u->pss_kib;
	case MEMMAP_SORT_SWAP:  return u->swap_kib;
	case MEMMAP_SORT_DIRTY: return map_usage_dirty_kib(u);
	default:                return 0;
	}
}

bool memmap_matches(const struct memmap *mm, const struct map_entry *e,
	const char *filter)
{
	if (!filter || !*filter)
		return true;
	size_t len;
	const char *label = memmap_label(mm, e, &len);
	/* labels come from the pool or are literals: NUL-terminated */
	return strcasestr(label, filter) != NULL;
}

/* qsort has no context argument: sort (value, address, index) triples. */
struct sort_item {
	uint64_t value;
	uint64_t addr;
	size_t index;
};

static int sort_item_cmp(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;   /* largest first */
	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

size_t memmap_select(const struct memmap *mm, enum memmap_sort key,
	const char *filter, size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < mm->n; i++)
		if (memmap_matches(mm, &mm->maps[i], filter))
			idx[n++] = i;
	if (key == MEMMAP_SORT_ADDR || n < 2)
		return n;   /* the kernel lists mappings by ascending address */
	struct sort_item *items = xreallocarray(NULL, n, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct map_entry *e = &mm->maps[idx[i]];
		items[i] = (struct sort_item){ sort_value(&e->u, key), e->start,
			idx[i] };
	}
	qsort(items, n, sizeof(*items), sort_item_cmp);
	for (size_t i = 0; i < n; i++)
		idx[i] = items[i].index;
	free(items);
	return n;
}

/* Grouping: order mapping indices by (label, deleted, address). */
struct group_key {
	const char *label;
	bool deleted;
	uint64_t addr;
	size_t index;
};

static int group_key_cmp(const void *pa, const void *pb)
{
	const struct group_key *a = pa, *b = pb;
	int c = strcmp(a->label, b->label);

	if (c)
		return c;
	if (a->deleted != b->deleted)
		return a->deleted ? 1 : -1;
	return (a->addr > b->addr) - (a->addr < b->addr);
}

static bool same_group(const struct group_key *a, const struct group_key *b)
{
	return a->deleted == b->deleted && !strcmp(a->label, b->label);
}

static int group_cmp_addr(const void *pa, const void *pb)
{
	const struct memmap_group *a = pa, *b = pb;
	return (a->first > b->first) - (a->first < b->first);
}

size_t memmap_group(const struct memmap *mm, enum memmap_sort key,
	const char *filter, struct memmap_group **out)
{
	struct group_key *keys = xreallocarray(NULL, mm->n ? mm->n : 1,
		sizeof(*keys));
	size_t nk = 0;

	for (size_t i = 0; i < mm->n; i++) {
		const struct map_entry *e = &mm->maps[i];
		if (!memmap_matches(mm, e, filter))
			continue;
		size_t len;
		keys[nk++] = (struct group_key){ memmap_label(mm, e, &len),
			e->deleted, e->start, i };
	}
	qsort(keys, nk, sizeof(*keys), group_key_cmp);

	struct memmap_group *groups = xreallocarray(NULL, nk ? nk : 1,
		sizeof(*groups));
	size_t ng = 0;
	for (size_t i = 0; i < nk; i++) {
		const struct map_entry *e = &mm->maps[keys[i].index];
		if (i == 0 || !same_group(&keys[i], &keys[i - 1])) {
			groups[ng++] = (struct memmap_group){ .first = keys[i].index,
				.kind = e->kind };
		}
		struct memmap_group *g = &groups[ng - 1];
		g->count++;
		map_usage_add(&g->u, &e->u);
		g->vsize_kib = g->u.size_kib;
		if (keys[i].index < g->first)
			g->first = keys[i].index;
		/* the most significant kind: the first in enum order */
		if (e->kind < g->kind)
			g->kind = e->kind;
	}
	free(keys);

	/* mapping indices follow addresses: order by first, then by key */
	qsort(groups, ng, sizeof(*groups), group_cmp_addr);
	if (key != MEMMAP_SORT_ADDR && ng > 1) {
		struct sort_item *items = xreallocarray(NULL, ng, sizeof(*items));
		for (size_t i = 0; i < ng; i++)
			items[i] = (struct sort_item){ sort_value(&groups[i].u, key),
				mm->maps[groups[i].first].start, i };
		qsort(items, ng, sizeof(*items), sort_item_cmp);
		struct memmap_group *sorted = xreallocarray(NULL, ng,
			sizeof(*sorted));
		for (size_t i = 0; i < ng; i++)
			sorted[i] = groups[items[i].index];
		free(items);
		free(groups);
		groups = sorted;
	}
	free(*out);
	*out = groups;
	return ng;
}

void memmap_bar(const struct memmap *mm, unsigned char *cells, size_t ncells)
{
	uint64_t total = 0, raw_total = 0;
	unsigned shift = 0;

	for (size_t c = 0; c < ncells; c++)
		cells[c] = MEMMAP_KIND_COUNT;
	for (size_t i = 0; i < mm->n; i++) {   /* saturating */
		uint64_t r = mm->maps[i].u.rss_kib;
		raw_total = r > UINT64_MAX - raw_total ? UINT64_MAX :
			raw_total + r;
	}
	if (!raw_total || !ncells)
		return;
	/* Positions are scaled by ncells; drop low bits of absurd totals so
	 * that total * ncells fits in 64 bits. */
	while (shift < 63 && (raw_total >> shift) > UINT64_MAX / 2 / ncells)
		shift++;
	for (size_t i = 0; i < mm->n; i++)
		total += mm->maps[i].u.rss_kib >> shift;
	if (!total)
		return;

	/* Cell c covers [c*total, (c+1)*total) and mapping i covers
	 * [pos*ncells, (pos+rss)*ncells) of the resident memory in address
	 * order (both scaled by ncells).  Walk mappings and cells together,
	 * adding each overlap to the cell's per-kind tally. */
	uint64_t tally[MEMMAP_KIND_COUNT] = { 0 };
	size_t c = 0, i = 0;
	uint64_t pos = 0;   /* cumulative (shifted) Rss before mapping i */
	while (c < ncells && i < mm->n) {
		const struct map_entry *e = &mm->maps[i];
		uint64_t m_end = pos + (e->u.rss_kib >> shift);
		uint64_t c_lo = (uint64_t)c * total, c_hi = c_lo + total;
		uint64_t m_lo = pos * ncells, m_hi = m_end * ncells;
		uint64_t lo = m_lo > c_lo ? m_lo : c_lo;
		uint64_t hi = m_hi < c_hi ? m_hi : c_hi;
		if (hi > lo && e->kind < MEMMAP_KIND_COUNT)
			tally[e->kind] += hi - lo;
		if (m_hi < c_hi) {
			pos = m_end;
			i++;
			continue;
		}
		/* cell c is complete */
		size_t best = 0;
		for (size_t k = 1; k < MEMMAP_KIND_COUNT; k++)
			if (tally[k] > tally[best])
				best = k;
		cells[c++] = tally[best] ? (unsigned char)best :
			MEMMAP_KIND_COUNT;
		memset(tally, 0, sizeof(tally));
		if (m_hi == c_hi) {
			pos = m_end;
			i++;
		}
	}
}
