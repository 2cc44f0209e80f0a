/* history — the last samples of a few system figures, for the header's
 * graphs (g in the TUI).
 *
 * Pure model: a fixed ring (no allocation) filled from each finished
 * snapshot; no I/O and no drawing.  The UI turns a series into levels
 * with history_levels and draws them. */
#ifndef PROCTOP_HISTORY_H
#define PROCTOP_HISTORY_H

#include <stddef.h>

#include "proctop/snapshot.h"

/* Samples kept: wider than any graph the header draws. */
#define HISTORY_MAX 256

enum history_series {
	HIST_CPU,        /* all CPUs busy, percent 0..100 */
	HIST_MEM,        /* memory used (total - available), KiB */
	HIST_SWAP,       /* swap used, KiB */
	HIST_SWAPIN,     /* swapped in, KiB/s */
	HIST_SWAPOUT,    /* swapped out, KiB/s */
	HIST_COUNT
};

struct history {
	double v[HIST_COUNT][HISTORY_MAX];  /* NaN: not known at that sample
	                                       (the first sample's rates) */
	size_t head;                        /* the next slot written */
	size_t n;                           /* samples kept, <= HISTORY_MAX */
	double mem_total_kib, swap_total_kib;   /* of the newest sample */
};

/* An empty history. */
void history_init(struct history *h);
/* Append the figures of the finished snapshot s (the oldest sample goes
 * once HISTORY_MAX are kept). */
void history_push(struct history *h, const struct snapshot *s);
/* Samples kept. */
size_t history_len(const struct history *h);
/* Series k `age` samples back (0: the newest); NaN when unknown or when
 * age >= history_len. */
double history_at(const struct history *h, enum history_series k,
	size_t age);
/* The value a full graph of series k stands for over its newest n
 * samples: 100 for CPU, the totals for memory and swap (0 without swap),
 * the largest rate for swap in/out (at least 1 KiB/s). */
double history_scale(const struct history *h, enum history_series k,
	size_t n);
/* Series k as graph levels in out[0, width): the newest sample in
 * out[width - 1], older ones to its left; each 0..levels of
 * history_scale(h, k, width) (a value above 0 is at least 1), -1 where
 * there is no sample. */
void history_levels(const struct history *h, enum history_series k,
	size_t width, int levels, int *out);

#endif
