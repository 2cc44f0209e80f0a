/* task — derived values every layer agrees on (see proctop/task.h). */
#include "proctop/task.h"

#include <string.h>

/* statm's resident count is exact; stat field 24 comes from the per-CPU
 * split counters without summing them and, since Linux 6.2, can lag by a
 * few hundred KiB.  So prefer statm when the collector read it anyway. */
uint64_t task_rss_kib(const struct task *t, long page_kib)
{
	if (page_kib <= 0)
		page_kib = 4;
	if (t->have & TASK_HAVE_STATM)
		return t->statm->resident * (uint64_t)page_kib;
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

void task_keep_stat(struct task_stat_kept *k, const struct task_stat *st)
{
	memcpy(k->comm, st->comm, sizeof(k->comm));   /* the head; see
	                                                  snapshot_set_comm */
	k->comm[sizeof(k->comm) - 1] = '\0';
	k->state = st->state;
	k->ppid = st->ppid;
	k->pgrp = st->pgrp;
	k->session = st->session;
	k->tty_nr = st->tty_nr;
	k->flags = st->flags;
	k->priority = (int32_t)st->priority;
	k->nice = (int32_t)st->nice;
	k->num_threads = (int32_t)st->num_threads;
	k->processor = st->processor;
	k->rt_priority = st->rt_priority;
	k->policy = st->policy;
	k->minflt = st->minflt;
	k->majflt = st->majflt;
	k->utime = st->utime;
	k->stime = st->stime;
	k->starttime = st->starttime;
	k->vsize = st->vsize;
	k->rss_pages = st->rss_pages;
}

void task_keep_statm(struct task_statm_kept *k, const struct task_statm *sm)
{
	k->resident = sm->resident;
	k->shared = sm->shared;
	k->text = sm->text;
	k->data = sm->data;
}

void task_keep_status(struct task_status_kept *k,
	const struct task_status *st)
{
	k->vm_swap_kib = st->vm_swap_kib;
	k->voluntary_ctxt = st->voluntary_ctxt;
	k->nonvoluntary_ctxt = st->nonvoluntary_ctxt;
	k->euid = st->euid;
	k->has_vm = st->has_vm;
}

void task_keep_ids(struct task_ids_kept *k, const struct task_status *st)
{
	k->ruid = st->ruid;
	k->suid = st->suid;
	k->fsuid = st->fsuid;
	k->rgid = st->rgid;
	k->egid = st->egid;
	k->sgid = st->sgid;
	k->fsgid = st->fsgid;
	k->cap_inh = st->cap_inh;
	k->cap_prm = st->cap_prm;
	k->cap_eff = st->cap_eff;
	k->cap_bnd = st->cap_bnd;
	k->cap_amb = st->cap_amb;
}

void task_keep_rollup(struct task_rollup_kept *k,
	const struct task_rollup *r)
{
	k->pss_kib = r->pss_kib;
	k->swap_pss_kib = r->swap_pss_kib;
	k->private_clean_kib = r->private_clean_kib;
	k->private_dirty_kib = r->private_dirty_kib;
}

void task_keep_io(struct task_io_kept *k, const struct task_io *io)
{
	k->read_bytes = io->read_bytes;
	k->write_bytes = io->write_bytes;
}
