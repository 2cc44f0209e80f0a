/* flatten — a snapshot's system figures and each task as arrays of
 * 64-bit fields (the codec's unit: see codec.c and doc/FORMAT.md), and
 * back.  Pure: no I/O. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/xalloc.h"

#include "codec_priv.h"

/* ---- system figures -------------------------------------------------- */

_Static_assert(offsetof(struct mem_stats, has_zswap) == 37 * sizeof(uint64_t),
	"struct mem_stats changed: extend the recording format");
_Static_assert(sizeof(struct vm_stats) == 11 * sizeof(uint64_t),
	"struct vm_stats changed: extend the recording format");
_Static_assert(offsetof(struct cpu_ticks, online) == 10 * sizeof(uint64_t),
	"struct cpu_ticks changed: extend the recording format");


static uint64_t dbits(double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof(v));
	return v;
}

static double bitsd(uint64_t v)
{
	double d;
	memcpy(&d, &v, sizeof(d));
	return d;
}

static void cpu_flatten(const struct cpu_ticks *c, uint64_t *v)
{
	memcpy(v, c, 10 * sizeof(uint64_t));
	v[10] = c->online;
}

static void cpu_unflatten(const uint64_t *v, struct cpu_ticks *c)
{
	memcpy(c, v, 10 * sizeof(uint64_t));
	c->online = v[10] != 0;
}

/* The system figures of s as fields; returns how many (into *v, grown). */
size_t codec_sys_flatten(const struct snapshot *s, uint64_t **v,
	size_t *cap)
{
	const struct sys_stats *y = &s->sys;
	size_t ncpus = y->cpus ? y->ncpus : 0;
	size_t n = SY_FIXED + CPU_N * ncpus;

	if (n > *cap) {
		*v = xreallocarray(*v, n, sizeof(**v));
		*cap = n;
	}
	uint64_t *o = *v;
	o[SY_MONO] = (uint64_t)s->mono.tv_sec * 1000000000u +
		(uint64_t)s->mono.tv_nsec;
	o[SY_HZ] = (uint64_t)s->hz;
	o[SY_PAGE_KIB] = (uint64_t)s->page_kib;
	o[SY_HAS_THREADS] = s->has_threads;
	o[SY_NCPUS] = ncpus;
	o[SY_CTXT] = y->ctxt;
	o[SY_INTR] = y->intr;
	o[SY_FORKS] = y->forks;
	o[SY_BTIME] = y->btime;
	o[SY_RUNNING] = y->procs_running;
	o[SY_BLOCKED] = y->procs_blocked;
	for (int i = 0; i < 3; i++)
		o[SY_LOAD0 + i] = dbits(y->loadavg[i]);
	o[SY_UPTIME] = dbits(y->uptime_s);
	o[SY_HAS_ZSWAP] = y->mem.has_zswap;
	memcpy(o + SY_MEM, &y->mem, MEM_N * sizeof(uint64_t));
	memcpy(o + SY_VM, &y->vm, VM_N * sizeof(uint64_t));
	cpu_flatten(&y->cpu_total, o + SY_CPU);
	for (size_t i = 0; i < ncpus; i++)
		cpu_flatten(&y->cpus[i], o + SY_FIXED + CPU_N * i);
	return n;
}

/* Set s's system figures from n fields; -EBADMSG when they do not fit. */
int codec_sys_unflatten(const uint64_t *v, size_t n, struct snapshot *s)
{
	struct sys_stats *y = &s->sys;

	if (n < SY_FIXED || v[SY_NCPUS] > REC_CPUS_MAX ||
	    n != SY_FIXED + CPU_N * v[SY_NCPUS] || v[SY_HZ] == 0 ||
	    v[SY_HZ] > 1000000 || v[SY_PAGE_KIB] == 0 ||
	    v[SY_PAGE_KIB] > (1u << 20))
		return -EBADMSG;
	s->mono.tv_sec = (time_t)(v[SY_MONO] / 1000000000u);
	s->mono.tv_nsec = (long)(v[SY_MONO] % 1000000000u);
	s->hz = (long)v[SY_HZ];
	s->page_kib = (long)v[SY_PAGE_KIB];
	s->has_threads = v[SY_HAS_THREADS] != 0;
	y->ctxt = v[SY_CTXT];
	y->intr = v[SY_INTR];
	y->forks = v[SY_FORKS];
	y->btime = v[SY_BTIME];
	y->procs_running = (unsigned)v[SY_RUNNING];
	y->procs_blocked = (unsigned)v[SY_BLOCKED];
	for (int i = 0; i < 3; i++)
		y->loadavg[i] = bitsd(v[SY_LOAD0 + i]);
	y->uptime_s = bitsd(v[SY_UPTIME]);
	memcpy(&y->mem, v + SY_MEM, MEM_N * sizeof(uint64_t));
	y->mem.has_zswap = v[SY_HAS_ZSWAP] != 0;
	memcpy(&y->vm, v + SY_VM, VM_N * sizeof(uint64_t));
	cpu_unflatten(v + SY_CPU, &y->cpu_total);
	free(y->cpus);
	y->cpus = NULL;
	y->ncpus = (size_t)v[SY_NCPUS];
	if (y->ncpus) {
		y->cpus = xcalloc(y->ncpus, sizeof(*y->cpus));
		for (size_t i = 0; i < y->ncpus; i++)
			cpu_unflatten(v + SY_FIXED + CPU_N * i, &y->cpus[i]);
	}
	return 0;
}

/* ---- tasks ------------------------------------------------------------ */

static uint64_t sx(int64_t v)
{
	return (uint64_t)v;
}

/* t's fields into v; str: t's string indices + 1 (0 = none). */
void codec_task_flatten(const struct task *t, const uint32_t str[RS_COUNT],
	uint64_t v[RF_COUNT])
{
	const struct task_stat_kept *st = &t->stat;
	uint32_t have = t->have & TASK_HAVE_RECORDED;

	memset(v, 0, RF_COUNT * sizeof(*v));
	v[RF_HAVE] = have;
	v[RF_KTHREAD] = t->is_kthread;
	v[RF_STATE] = (unsigned char)st->state;
	v[RF_PPID] = sx(st->ppid);
	v[RF_PGRP] = sx(st->pgrp);
	v[RF_SESSION] = sx(st->session);
	v[RF_TTY] = sx(st->tty_nr);
	v[RF_FLAGS] = st->flags;
	v[RF_PRIO] = sx(st->priority);
	v[RF_NICE] = sx(st->nice);
	v[RF_NTHREADS] = sx(st->num_threads);
	v[RF_PROCESSOR] = sx(st->processor);
	v[RF_RTPRIO] = st->rt_priority;
	v[RF_POLICY] = st->policy;
	v[RF_MINFLT] = st->minflt;
	v[RF_MAJFLT] = st->majflt;
	v[RF_UTIME] = st->utime;
	v[RF_STIME] = st->stime;
	v[RF_STARTTIME] = st->starttime;
	v[RF_VSIZE] = st->vsize;
	v[RF_RSS] = st->rss_pages;
	if (have & TASK_HAVE_STATM) {
		v[RF_SM_RES] = t->statm->resident;
		v[RF_SM_SHR] = t->statm->shared;
		v[RF_SM_TEXT] = t->statm->text;
		v[RF_SM_DATA] = t->statm->data;
	}
	if (have & TASK_HAVE_UID)
		v[RF_UID] = t->uid;
	if (t->x && (have & TASK_HAVE_STATUS)) {
		const struct task_status_kept *s = &t->x->status;
		v[RF_SWAP] = s->vm_swap_kib;
		v[RF_VCSW] = s->voluntary_ctxt;
		v[RF_NVCSW] = s->nonvoluntary_ctxt;
		v[RF_EUID] = s->euid;
		v[RF_HASVM] = s->has_vm;
	}
	if (t->x && (have & TASK_HAVE_ROLLUP)) {
		const struct task_rollup_kept *r = &t->x->rollup;
		v[RF_PSS] = r->pss_kib;
		v[RF_SWAPPSS] = r->swap_pss_kib;
		v[RF_PCLEAN] = r->private_clean_kib;
		v[RF_PDIRTY] = r->private_dirty_kib;
	}
	if (t->x && (have & TASK_HAVE_IO)) {
		v[RF_RBYTES] = t->x->io.read_bytes;
		v[RF_WBYTES] = t->x->io.write_bytes;
	}
	if (t->x && t->x->ids && (have & TASK_HAVE_IDS)) {
		const struct task_ids_kept *id = t->x->ids;
		v[RF_RUID] = id->ruid;
		v[RF_SUID] = id->suid;
		v[RF_FSUID] = id->fsuid;
		v[RF_RGID] = id->rgid;
		v[RF_EGID] = id->egid;
		v[RF_SGID] = id->sgid;
		v[RF_FSGID] = id->fsgid;
		v[RF_CAPINH] = id->cap_inh;
		v[RF_CAPPRM] = id->cap_prm;
		v[RF_CAPEFF] = id->cap_eff;
		v[RF_CAPBND] = id->cap_bnd;
		v[RF_CAPAMB] = id->cap_amb;
	}
	v[RF_COMM] = str[RS_COMM];
	v[RF_CMDLINE] = str[RS_CMDLINE];
	v[RF_EXE] = str[RS_EXE];
	v[RF_USER] = str[RS_USER];
}

/* The non-string fields of v into t (of snapshot s). */
void codec_task_unflatten(const uint64_t v[RF_COUNT], struct snapshot *s,
	struct task *t)
{
	struct task_stat_kept *st = &t->stat;

	t->have = (uint32_t)v[RF_HAVE] & TASK_HAVE_RECORDED;
	t->is_kthread = v[RF_KTHREAD] != 0;
	st->state = (char)v[RF_STATE];
	st->ppid = (pid_t)v[RF_PPID];
	st->pgrp = (pid_t)v[RF_PGRP];
	st->session = (pid_t)v[RF_SESSION];
	st->tty_nr = (int)v[RF_TTY];
	st->flags = (unsigned)v[RF_FLAGS];
	st->priority = (int32_t)v[RF_PRIO];
	st->nice = (int32_t)v[RF_NICE];
	st->num_threads = (int32_t)v[RF_NTHREADS];
	st->processor = (int32_t)v[RF_PROCESSOR];
	st->rt_priority = (uint32_t)v[RF_RTPRIO];
	st->policy = (uint32_t)v[RF_POLICY];
	st->minflt = v[RF_MINFLT];
	st->majflt = v[RF_MAJFLT];
	st->utime = v[RF_UTIME];
	st->stime = v[RF_STIME];
	st->starttime = v[RF_STARTTIME];
	st->vsize = v[RF_VSIZE];
	st->rss_pages = v[RF_RSS];
	if (t->have & TASK_HAVE_STATM) {
		struct task_statm_kept *sm = snapshot_task_statm(s, t);
		sm->resident = v[RF_SM_RES];
		sm->shared = v[RF_SM_SHR];
		sm->text = v[RF_SM_TEXT];
		sm->data = v[RF_SM_DATA];
	}
	t->uid = (uid_t)v[RF_UID];
	if (!(t->have & (TASK_HAVE_STATUS | TASK_HAVE_ROLLUP | TASK_HAVE_IO)))
		return;
	struct task_extra *x = snapshot_task_extra(s, t);
	x->status.vm_swap_kib = v[RF_SWAP];
	x->status.voluntary_ctxt = v[RF_VCSW];
	x->status.nonvoluntary_ctxt = v[RF_NVCSW];
	x->status.euid = (uid_t)v[RF_EUID];
	x->status.has_vm = v[RF_HASVM] != 0;
	x->rollup.pss_kib = v[RF_PSS];
	x->rollup.swap_pss_kib = v[RF_SWAPPSS];
	x->rollup.private_clean_kib = v[RF_PCLEAN];
	x->rollup.private_dirty_kib = v[RF_PDIRTY];
	x->io.read_bytes = v[RF_RBYTES];
	x->io.write_bytes = v[RF_WBYTES];
	if (!(t->have & TASK_HAVE_IDS))
		return;
	struct task_ids_kept *id = snapshot_task_ids(s, t);
	id->ruid = (uid_t)v[RF_RUID];
	id->suid = (uid_t)v[RF_SUID];
	id->fsuid = (uid_t)v[RF_FSUID];
	id->rgid = (gid_t)v[RF_RGID];
	id->egid = (gid_t)v[RF_EGID];
	id->sgid = (gid_t)v[RF_SGID];
	id->fsgid = (gid_t)v[RF_FSGID];
	id->cap_inh = v[RF_CAPINH];
	id->cap_prm = v[RF_CAPPRM];
	id->cap_eff = v[RF_CAPEFF];
	id->cap_bnd = v[RF_CAPBND];
	id->cap_amb = v[RF_CAPAMB];
}
