/* task — derived values every layer agrees on (see proctop/task.h). */
#include "proctop/task.h"

/* statm's resident count is exact; stat field 24 comes from the per-CPU
 * split counters without summing them and, since Linux 6.2, can lag by a
 * few hundred KiB.  So prefer statm when the collector read it anyway. */
uint64_t task_rss_kib(const struct task *t, long page_kib)
{
	if (page_kib <= 0)
		page_kib = 4;
	if (t->have & TASK_HAVE_STATM)
		return t->statm.resident * (uint64_t)page_kib;
	return t->stat.rss_pages * (uint64_t)page_kib;
}

uint64_t task_virt_kib(const struct task *t)
{
	return t->stat.vsize / 1024u;
}

uint64_t task_total_ticks(const struct task *t)
{
	return t->stat.utime + t->stat.stime;
}
