/* history — a ring of system figures for the header's graphs (see
 * proctop/history.h). */
#include "proctop/history.h"

#include <math.h>
#include <string.h>

void history_init(struct history *h)
{
	memset(h, 0, sizeof(*h));
}

void history_push(struct history *h, const struct snapshot *s)
{
	const struct mem_stats *m = &s->sys.mem;
	double page_kib = s->page_kib > 0 ? (double)s->page_kib : 4.0;
	size_t i = h->head;

	h->v[HIST_CPU][i] = s->cpu_total.valid ? s->cpu_total.busy : NAN;
	h->v[HIST_MEM][i] = (double)snapshot_mem_used_kib(s);
	h->v[HIST_SWAP][i] = (double)snapshot_swap_used_kib(s);
	h->v[HIST_SWAPIN][i] = s->vm_rates.valid ?
		s->vm_rates.pswpin * page_kib : NAN;
	h->v[HIST_SWAPOUT][i] = s->vm_rates.valid ?
		s->vm_rates.pswpout * page_kib : NAN;
	h->mem_total_kib = (double)m->mem_total;
	h->swap_total_kib = (double)m->swap_total;
	h->head = (i + 1) % HISTORY_MAX;
	if (h->n < HISTORY_MAX)
		h->n++;
}

size_t history_len(const struct history *h)
{
	return h->n;
}

double history_at(const struct history *h, enum history_series k,
	size_t age)
{
	if ((unsigned)k >= HIST_COUNT || age >= h->n)
		return NAN;
	return h->v[k][(h->head + HISTORY_MAX - 1 - age) % HISTORY_MAX];
}

double history_scale(const struct history *h, enum history_series k,
	size_t n)
{
	double max = 1.0;

	switch (k) {
	case HIST_CPU:
		return 100.0;
	case HIST_MEM:
		return h->mem_total_kib;
	case HIST_SWAP:
		return h->swap_total_kib;
	default:
		for (size_t a = 0; a < n && a < h->n; a++) {
			double v = history_at(h, k, a);
			if (v > max)
				max = v;
		}
		return max;
	}
}

void history_levels(const struct history *h, enum history_series k,
	size_t width, int levels, int *out)
{
	double scale = history_scale(h, k, width);

	for (size_t c = 0; c < width; c++) {
		double v = history_at(h, k, width - 1 - c);
		if (isnan(v)) {
			out[c] = -1;
			continue;
		}
		double f = scale > 0.0 ? v / scale : 0.0;
		if (f < 0.0)
			f = 0.0;
		if (f > 1.0)
			f = 1.0;
		int l = (int)(f * levels + 0.5);
		out[c] = l == 0 && v > 0.0 ? 1 : l;
	}
}
