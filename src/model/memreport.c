/* memreport — the memory & swap report's figures (see proctop/memreport.h). */
#include "proctop/memreport.h"

#define ADD(arr, n, l, k, v) \
	((arr)[(n)++] = (struct mem_figure){ .label = (l), .key = (k), .kib = (v) })

void memreport_figures(const struct snapshot *s, struct mem_figures *f)
{
	const struct mem_stats *m = &s->sys.mem;
	size_t n = 0;

	ADD(f->mem, n, "total", "total_kib", m->mem_total);
	ADD(f->mem, n, "used", "used_kib", snapshot_mem_used_kib(s));
	ADD(f->mem, n, "available", "available_kib", m->mem_available);
	ADD(f->mem, n, "free", "free_kib", m->mem_free);
	ADD(f->mem, n, "buff/cache", "buff_cache_kib",
		snapshot_buff_cache_kib(s));
	ADD(f->mem, n, "buffers", "buffers_kib", m->buffers);
	ADD(f->mem, n, "cached", "cached_kib", m->cached);
	ADD(f->mem, n, "shmem", "shmem_kib", m->shmem);
	ADD(f->mem, n, "slab reclaimable", "slab_reclaimable_kib",
		m->sreclaimable);
	ADD(f->mem, n, "slab unreclaimable", "slab_unreclaimable_kib",
		m->sunreclaim);
	ADD(f->mem, n, "dirty", "dirty_kib", m->dirty);
	ADD(f->mem, n, "writeback", "writeback_kib", m->writeback);
	ADD(f->mem, n, "anon pages", "anon_pages_kib", m->anon_pages);
	ADD(f->mem, n, "anon huge pages", "anon_huge_pages_kib",
		m->anon_huge_pages);
	ADD(f->mem, n, "page tables", "page_tables_kib", m->page_tables);
	ADD(f->mem, n, "committed", "committed_as_kib", m->committed_as);
	ADD(f->mem, n, "commit limit", "commit_limit_kib", m->commit_limit);
	f->nmem = n;
	n = 0;
	ADD(f->swap, n, "total", "total_kib", m->swap_total);
	ADD(f->swap, n, "used", "used_kib", snapshot_swap_used_kib(s));
	ADD(f->swap, n, "cached", "cached_kib", m->swap_cached);
	ADD(f->swap, n, "free", "free_kib", m->swap_free);
	f->nswap = n;
	n = 0;
	if (m->has_zswap) {
		ADD(f->zswap, n, "pool (compressed)", "pool_kib", m->zswap);
		ADD(f->zswap, n, "stored (original)", "stored_kib", m->zswapped);
	}
	f->nzswap = n;
}

size_t memreport_rates(const struct snapshot *s, struct mem_rate *r)
{
	const struct vm_rates *v = &s->vm_rates;
	size_t n = 0;

#define RATE(l, k, f) (r[n++] = (struct mem_rate){ .label = (l), \
	.key = (k), .per_s = v->f })
	RATE("page faults", "pgfault", pgfault);
	RATE("major faults", "pgmajfault", pgmajfault);
	RATE("swapped in (pages)", "pswpin", pswpin);
	RATE("swapped out (pages)", "pswpout", pswpout);
	RATE("paged in (KiB)", "pgpgin", pgpgin);
	RATE("paged out (KiB)", "pgpgout", pgpgout);
	RATE("direct scans (pages)", "pgscan_direct", pgscan_direct);
	RATE("kswapd scans (pages)", "pgscan_kswapd", pgscan_kswapd);
	RATE("OOM kills", "oom_kill", oom_kill);
#undef RATE
	return n;
}

size_t memreport_swap_users(const struct snapshot *s, long *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nprocs; i++) {
		const struct task *t = &s->procs[i];
		if ((t->have & TASK_HAVE_STATUS) && t->x->status.vm_swap_kib > 0)
			idx[n++] = (long)i;
	}
	return n;
}
