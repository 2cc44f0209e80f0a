/* memreport — the figures of the memory & swap report, shared by
 * `proctop -b --memory` and the TUI's memory screen so both show the same
 * lines in the same order.  Pure: computed from a finished snapshot. */
#ifndef PROCTOP_MEMREPORT_H
#define PROCTOP_MEMREPORT_H

#include <stddef.h>
#include <stdint.h>

#include "proctop/snapshot.h"

/* One labelled figure in KiB. */
struct mem_figure {
	const char *label;      /* for people: "used", "slab reclaimable" */
	const char *key;        /* for JSON / CSV: "used_kib" */
	uint64_t kib;
};

#define MEMREPORT_MAX_MEM 20
#define MEMREPORT_NRATES 9

struct mem_figures {
	struct mem_figure mem[MEMREPORT_MAX_MEM];   /* meminfo, free(1) style */
	struct mem_figure swap[4];   /* total, used, cached, free */
	struct mem_figure zswap[2];  /* only when the kernel has zswap */
	size_t nmem, nswap, nzswap;
};

/* Fill f from s: used = MemTotal - MemAvailable, buff/cache = Buffers +
 * Cached + SReclaimable, swap used = SwapTotal - SwapFree (as free(1)). */
void memreport_figures(const struct snapshot *s, struct mem_figures *f);

/* One vmstat counter's rate per second over the snapshot's interval. */
struct mem_rate {
	const char *label;      /* "page faults", "swapped out (pages)" */
	const char *key;        /* the /proc/vmstat name: "pgfault" */
	double per_s;
};

/* Fill r[MEMREPORT_NRATES] from s->vm_rates (meaningful only when
 * s->vm_rates.valid).  Returns MEMREPORT_NRATES. */
size_t memreport_rates(const struct snapshot *s, struct mem_rate *r);

/* Write into idx (room for s->nprocs) the indices of the processes with
 * swapped-out memory (VmSwap > 0, status read); returns how many. */
size_t memreport_swap_users(const struct snapshot *s, long *idx);

#endif
