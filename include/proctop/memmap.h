/* memmap — the model of one process's address space: its mappings (from
 * /proc/<pid>/smaps, or maps when smaps is missing), what kind each one is,
 * the totals, a summary by kind, per-file groups (pmap-like), sorting,
 * filtering and the resident-share bar.
 *
 * Pure model: no I/O.  The map reader (maps.h, mapread.c) fills a memmap
 * with memmap_add() and calls memmap_finish(); tests build one by hand.
 * Every size is in KiB (as the kernel prints smaps); addresses in bytes. */
#ifndef PROCTOP_MEMMAP_H
#define PROCTOP_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What a mapping is.  The order is the order of the summary by kind. */
enum memmap_kind {
	MEMMAP_CODE,      /* file-backed, executable (r-x) */
	MEMMAP_DATA,      /* file-backed, writable (rw-) */
	MEMMAP_FILE_RO,   /* file-backed, neither writable nor executable */
	MEMMAP_HEAP,      /* [heap] */
	MEMMAP_STACK,     /* [stack], [stack:<tid>] */
	MEMMAP_ANON,      /* no path, [anon:<name>] */
	MEMMAP_SHMEM,     /* shared memory: shared anonymous, /dev/zero,
	                     SysV (/SYSV...), memfd, /dev/shm, [anon_shmem:] */
	MEMMAP_DELETED,   /* a file deleted since it was mapped */
	MEMMAP_SPECIAL,   /* [vdso], [vvar], [vvar_vclock], [vsyscall], ... */
	MEMMAP_KIND_COUNT
};

/* The smaps figures of one mapping (or of the whole process), KiB.  A key
 * the kernel does not print stays 0. */
struct map_usage {
	uint64_t size_kib, kernel_page_kib, mmu_page_kib;
	uint64_t rss_kib, pss_kib, pss_dirty_kib;
	uint64_t pss_anon_kib, pss_file_kib, pss_shmem_kib;   /* rollup only */
	uint64_t shared_clean_kib, shared_dirty_kib;
	uint64_t private_clean_kib, private_dirty_kib;
	uint64_t referenced_kib, anonymous_kib, ksm_kib, lazyfree_kib;
	uint64_t anon_huge_kib, shmem_pmd_kib, file_pmd_kib;
	uint64_t shared_hugetlb_kib, private_hugetlb_kib;
	uint64_t swap_kib, swap_pss_kib, locked_kib;
	uint64_t thp_eligible;    /* "THPeligible: 0|1" (a flag, not KiB) */
};

/* One mapping.  The path lives in the memmap's string pool. */
struct map_entry {
	uint64_t start, end;      /* [start, end) in bytes */
	uint64_t offset;          /* file offset in bytes */
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char perms[5];            /* "r-xp", NUL-terminated */
	bool deleted;             /* the kernel appended " (deleted)" */
	enum memmap_kind kind;    /* set by memmap_finish */
	size_t path_off;          /* into memmap.paths */
	size_t path_len;          /* 0: no path (anonymous) */
	struct map_usage u;
};

struct memmap {
	pid_t pid;
	struct map_entry *maps;   /* in the kernel's order (ascending address);
	                             owned */
	size_t n, cap;
	char *paths;              /* NUL-separated path pool; owned */
	size_t paths_len, paths_cap;
	bool has_usage;           /* figures came from smaps (else maps only:
	                             only size_kib is known) */
	bool has_rollup;          /* rollup was read from smaps_rollup */
	struct map_usage rollup;
	/* Set by memmap_finish: */
	struct map_usage sum;     /* the sum over all mappings */
	struct map_usage by_kind[MEMMAP_KIND_COUNT];
	size_t count_by_kind[MEMMAP_KIND_COUNT];
};

void memmap_init(struct memmap *mm);
void memmap_fini(struct memmap *mm);
/* Forget every mapping (keeps the memory for the next read). */
void memmap_reset(struct memmap *mm);

/* Append a mapping whose path is path[0..path_len) (copied; may be empty)
 * and return it zeroed except for the path (borrowed; valid until the next
 * memmap_add).  Amortised O(1). */
struct map_entry *memmap_add(struct memmap *mm, const char *path,
	size_t path_len);

/* Classify every mapping and compute sum, by_kind, count_by_kind; with a
 * rollup, copy into it the sums of the lines smaps_rollup lacks (Size,
 * THPeligible).  Call it after has_rollup/rollup are set. */
void memmap_finish(struct memmap *mm);

/* The kind of a mapping from its perms ("rw-p"), path and deleted flag. */
enum memmap_kind memmap_classify(const char *perms, const char *path,
	size_t path_len, bool deleted);

/* "code", "data", "file-ro", "heap", "stack", "anon", "shmem", "deleted",
 * "special" (static strings). */
const char *memmap_kind_name(enum memmap_kind k);
/* The one-character glyph of a kind in the resident bar ('C', 'D', ...). */
char memmap_kind_glyph(enum memmap_kind k);

/* The raw path of a mapping, NUL-terminated (borrowed from mm; "" when it
 * has none).  Unsanitised: it is attacker-controlled. */
const char *memmap_path(const struct memmap *mm, const struct map_entry *e);

/* What to show as the mapping's name: its path, or "[anon]" / "[shmem]"
 * for a mapping without one.  Borrowed, raw. */
const char *memmap_label(const struct memmap *mm, const struct map_entry *e,
	size_t *len);

/* The totals to show: the rollup when it was read (it is what the kernel
 * reports for the whole process; its Pss is exact where the per-mapping Pss
 * values are each rounded down), else the sum.  Borrowed. */
const struct map_usage *memmap_totals(const struct memmap *mm);

/* Dirty = Shared_Dirty + Private_Dirty. */
uint64_t map_usage_dirty_kib(const struct map_usage *u);
/* acc += u, field by field (THPeligible counts eligible mappings). */
void map_usage_add(struct map_usage *acc, const struct map_usage *u);

/* The per-mapping figures of a map table, named as smaps and pmap -X name
 * them, in pmap -X's order (Size, Rss, Pss, ... THPeligible). */
struct map_field {
	const char *name;         /* "Private_Dirty" */
	const char *json_key;     /* "private_dirty_kib" */
	size_t off;               /* of a uint64_t in struct map_usage */
};
#define MEMMAP_NFIELDS 16
extern const struct map_field memmap_fields[MEMMAP_NFIELDS];

/* The value of memmap_fields[field] in u (0 for an unknown field). */
uint64_t map_usage_field(const struct map_usage *u, size_t field);

enum memmap_sort {
	MEMMAP_SORT_ADDR,    /* ascending address (default) */
	MEMMAP_SORT_SIZE,    /* the others: largest first, address tiebreak */
	MEMMAP_SORT_RSS,
	MEMMAP_SORT_PSS,
	MEMMAP_SORT_SWAP,
	MEMMAP_SORT_DIRTY,
	MEMMAP_SORT_COUNT
};

/* "address", "size", "rss", "pss", "swap", "dirty" (static strings). */
const char *memmap_sort_name(enum memmap_sort s);

/* Does the mapping's label contain filter (case-insensitive)?  NULL or ""
 * matches everything. */
bool memmap_matches(const struct memmap *mm, const struct map_entry *e,
	const char *filter);

/* Write into idx (room for mm->n) the indices of the mappings matching
 * filter, ordered by key.  Returns how many.  O(n log n). */
size_t memmap_select(const struct memmap *mm, enum memmap_sort key,
	const char *filter, size_t *idx);

/* All mappings of one file (or one label for mappings without a file),
 * summed, like pmap's per-file view. */
struct memmap_group {
	size_t first;             /* index of its lowest-address mapping */
	size_t count;             /* mappings in the group */
	uint64_t vsize_kib;       /* sum of sizes (also in u.size_kib) */
	struct map_usage u;
	enum memmap_kind kind;    /* the most significant kind among its
	                             mappings: the first in enum memmap_kind
	                             order (code > data > read-only file >
	                             heap > stack > anon > shmem > deleted >
	                             special), so a library is "code" */
};

/* Group the mappings matching filter by label (path + deleted flag), order
 * the groups by key (address = the group's lowest address).  *out is
 * replaced by a new array (caller frees); returns the group count. */
size_t memmap_group(const struct memmap *mm, enum memmap_sort key,
	const char *filter, struct memmap_group **out);

/* The resident bar: ncells cells from low to high address, each standing
 * for an equal share of the total Rss; cell i gets the kind holding the most
 * of the resident memory that falls into it.  With no resident memory
 * every cell is MEMMAP_KIND_COUNT (empty).  O(n + ncells). */
void memmap_bar(const struct memmap *mm, unsigned char *cells, size_t ncells);

#endif
