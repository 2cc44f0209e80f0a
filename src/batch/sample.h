/* sample — the refresh loop's helpers shared by batch.c and reports.c.
 *
 * Private to src/batch. */
#ifndef PROCTOP_BATCH_SAMPLE_H
#define PROCTOP_BATCH_SAMPLE_H

#include <time.h>

#include "proctop/collector.h"
#include "proctop/snapshot.h"

/* Add s seconds (>= 0) to *ts, keeping tv_nsec below one second. */
void sample_timespec_add(struct timespec *ts, double s);

/* Sleep until delay_s after *since (CLOCK_MONOTONIC), so refreshes do not
 * drift by the time each one takes. */
void sample_sleep_after(const struct timespec *since, double delay_s);

/* Clear s, collect what `need` asks for into it, finish it against prev
 * (NULL for a priming sample).  On failure prints one message naming root
 * on stderr and returns -errno; else 0. */
int sample_take(struct collector *c, unsigned need, struct snapshot *s,
	const struct snapshot *prev, const char *root);

#endif
