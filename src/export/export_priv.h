/* export_priv — the exporter's state, shared by groups.c (grouping,
 * exited totals) and exposition.c (rendering).  Private to src/export. */
#ifndef PROCTOP_EXPORT_PRIV_H
#define PROCTOP_EXPORT_PRIV_H

#include <stdint.h>
#include <sys/types.h>

#include "proctop/export.h"

/* The per-process counters a group sums (raw units: clock ticks, faults,
 * bytes). */
enum { CTR_TICKS, CTR_MAJFLT, CTR_RBYTES, CTR_WBYTES, CTR_COUNT };

struct egroup {
	char *name;                 /* label value (export_label_text); owned */
	size_t name_len;
	bool individual;            /* one process (--top): base 0, no TTL */
	uint64_t exited[CTR_COUNT]; /* what processes that left contributed */
	uint64_t live[CTR_COUNT];   /* sum over members of (last - base) */
	uint64_t res, swap, pss, fds, threads, procs;   /* bytes / counts */
	bool has_swap, has_pss, has_fds;   /* some member had the figure */
	bool had_io;                /* some member ever had io (sticky) */
	double seen_s;              /* CLOCK_MONOTONIC of the last sample
	                               with members */
};

/* One process's counters as last seen, and what it had when it joined
 * its group (its contribution is last - base). */
struct etrack {
	pid_t pid;
	uint64_t starttime;
	uint32_t group;             /* index into grouping.groups */
	uint64_t last[CTR_COUNT], base[CTR_COUNT];
};

struct grouping {
	struct egroup *groups;      /* stable indices between updates */
	size_t ngroups, groups_cap;
	uint32_t *order;            /* group indices sorted by name */
	struct etrack *tracks;      /* sorted by pid */
	size_t ntracks, tracks_cap;
	struct etrack *next;        /* built during an update */
	size_t nnext, next_cap;
	size_t max_groups;
};

struct exporter {
	struct export_config cfg;
	struct grouping main;
	struct grouping top;        /* cfg.top_n > 0 */
	struct sbuf name;           /* scratch: a group name being built */
	long *rank;                 /* scratch: process indices for --top */
	size_t rank_cap;
};

/* The first rule of r that matches process t: true and *name (borrowed
 * from r); false when none does. */
bool export_rules_match(const struct export_rules *r, const struct task *t,
	const char **name);

#endif
