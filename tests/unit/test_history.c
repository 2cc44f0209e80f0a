/* The header's history ring: push, wrap-around, ages, scales, levels. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "proctop/history.h"

/* A finished-looking snapshot with these figures (no tasks needed). */
static void fill(struct snapshot *s, double busy, uint64_t avail_kib,
	uint64_t swap_free_kib, double swpin, double swpout)
{
	s->page_kib = 4;
	s->cpu_total.valid = busy >= 0.0;
	s->cpu_total.busy = busy;
	s->sys.mem.mem_total = 1000000;
	s->sys.mem.mem_available = avail_kib;
	s->sys.mem.swap_total = 500000;
	s->sys.mem.swap_free = swap_free_kib;
	s->vm_rates.valid = swpin >= 0.0;
	s->vm_rates.pswpin = swpin;
	s->vm_rates.pswpout = swpout;
}

int main(void)
{
	struct history h;
	struct snapshot s;
	int lv[8];

	snapshot_init(&s);
	history_init(&h);
	CHECK_EQ_U(history_len(&h), 0);
	CHECK(isnan(history_at(&h, HIST_CPU, 0)));

	/* The first sample has no CPU% and no rates yet. */
	fill(&s, -1.0, 600000, 500000, -1.0, -1.0);
	history_push(&h, &s);
	CHECK_EQ_U(history_len(&h), 1);
	CHECK(isnan(history_at(&h, HIST_CPU, 0)));
	CHECK(isnan(history_at(&h, HIST_SWAPIN, 0)));
	CHECK(history_at(&h, HIST_MEM, 0) == 400000.0);
	CHECK(history_at(&h, HIST_SWAP, 0) == 0.0);

	fill(&s, 50.0, 500000, 400000, 10.0, 2.5);
	history_push(&h, &s);
	CHECK(history_at(&h, HIST_CPU, 0) == 50.0);
	CHECK(history_at(&h, HIST_MEM, 0) == 500000.0);
	CHECK(history_at(&h, HIST_MEM, 1) == 400000.0);
	CHECK(history_at(&h, HIST_SWAP, 0) == 100000.0);
	CHECK(history_at(&h, HIST_SWAPIN, 0) == 40.0);    /* pages * 4 KiB */
	CHECK(history_at(&h, HIST_SWAPOUT, 0) == 10.0);
	CHECK(isnan(history_at(&h, HIST_CPU, 2)));
	CHECK(history_scale(&h, HIST_CPU, 8) == 100.0);
	CHECK(history_scale(&h, HIST_MEM, 8) == 1000000.0);
	CHECK(history_scale(&h, HIST_SWAP, 8) == 500000.0);
	CHECK(history_scale(&h, HIST_SWAPIN, 8) == 40.0);

	/* Levels: right-aligned, -1 where there is no sample, NaN too. */
	history_levels(&h, HIST_CPU, 4, 8, lv);
	CHECK_EQ_I(lv[0], -1);
	CHECK_EQ_I(lv[1], -1);
	CHECK_EQ_I(lv[2], -1);       /* the first sample: unknown */
	CHECK_EQ_I(lv[3], 4);        /* 50 % of 8 levels */
	history_levels(&h, HIST_MEM, 2, 8, lv);
	CHECK_EQ_I(lv[0], 3);        /* 40 %: 3.2 -> 3 */
	CHECK_EQ_I(lv[1], 4);
	/* A tiny non-zero value still shows; zero shows nothing. */
	fill(&s, 0.1, 1000000, 500000, 0.0, 0.0);
	history_push(&h, &s);
	history_levels(&h, HIST_CPU, 1, 8, lv);
	CHECK_EQ_I(lv[0], 1);
	history_levels(&h, HIST_SWAPOUT, 1, 8, lv);
	CHECK_EQ_I(lv[0], 0);
	/* Rates scale to their largest value in the window shown. */
	history_levels(&h, HIST_SWAPIN, 2, 8, lv);
	CHECK_EQ_I(lv[0], 8);
	CHECK_EQ_I(lv[1], 0);

	/* Wrap-around: the newest HISTORY_MAX samples, oldest dropped. */
	for (int i = 0; i < HISTORY_MAX + 10; i++) {
		fill(&s, (double)(i % 100), 500000, 500000, 0.0, 0.0);
		history_push(&h, &s);
	}
	CHECK_EQ_U(history_len(&h), HISTORY_MAX);
	CHECK(history_at(&h, HIST_CPU, 0) ==
		(double)((HISTORY_MAX + 9) % 100));
	CHECK(history_at(&h, HIST_CPU, HISTORY_MAX - 1) == 10.0);
	CHECK(isnan(history_at(&h, HIST_CPU, HISTORY_MAX)));
	/* Without swap the swap graph is empty, not divided by zero. */
	s.sys.mem.swap_total = s.sys.mem.swap_free = 0;
	history_push(&h, &s);
	CHECK(history_scale(&h, HIST_SWAP, 4) == 0.0);
	history_levels(&h, HIST_SWAP, 1, 8, lv);
	CHECK_EQ_I(lv[0], 0);

	snapshot_fini(&s);
	return check_done();
}
