/* snapshot — sorting, linking and deltas over one refresh (see
 * proctop/snapshot.h).  Pure: no I/O. */
#include "proctop/snapshot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/units.h"
#include "proctop/xalloc.h"

#include "snapshot_priv.h"

void snapshot_init(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	long hz = sysconf(_SC_CLK_TCK);
	long page = sysconf(_SC_PAGESIZE);
	s->hz = hz > 0 ? hz : 100;
	s->page_kib = page >= 1024 ? page / 1024 : 4;
}

void snapshot_fini(struct snapshot *s)
{
	snapshot_release_strings(s);
	snapshot_free_extra(s);
	free(s->ticks);
	free(s->procs);
	free(s->threads);
	free(s->shared);
	free(s->thread_by_tid);
	free(s->cpus);
	sys_stats_fini(&s->sys);
	memset(s, 0, sizeof(*s));
}

void snapshot_clear(struct snapshot *s)
{
	struct task *procs = s->procs, *threads = s->threads;
	struct snap_str **shared = s->shared;
	size_t procs_cap = s->procs_cap, threads_cap = s->threads_cap;
	size_t shared_cap = s->shared_cap;
	struct snap_pool extra = s->extra_pool, statm = s->statm_pool;
	struct snap_pool ids = s->ids_pool;
	struct task_ticks *ticks = s->ticks;
	size_t ticks_cap = s->ticks_cap;

	snapshot_release_strings(s);
	free(s->thread_by_tid);
	free(s->cpus);
	sys_stats_fini(&s->sys);
	snapshot_init(s);
	s->procs = procs;
	s->procs_cap = procs_cap;
	s->threads = threads;
	s->threads_cap = threads_cap;
	s->shared = shared;
	s->shared_cap = shared_cap;
	s->extra_pool = extra;             /* the chunks are reused */
	s->extra_pool.used = 0;
	s->statm_pool = statm;
	s->statm_pool.used = 0;
	s->ids_pool = ids;
	s->ids_pool.used = 0;
	s->ticks = ticks;
	s->ticks_cap = ticks_cap;
}

static struct task_ticks prev_entry(const struct snapshot *prev,
	bool threads, size_t j);

void snapshot_keep_ticks(struct snapshot *s, struct snapshot *spare)
{
	size_t n = s->nprocs + s->nthreads;

	if (s->light)
		return;
	if (n > s->ticks_cap) {
		free(s->ticks);
		s->ticks_cap = n;
		s->ticks = xreallocarray(NULL, n, sizeof(*s->ticks));
	}
	for (size_t i = 0; i < s->nprocs; i++)
		s->ticks[i] = prev_entry(s, false, i);
	for (size_t i = 0; i < s->nthreads; i++)
		s->ticks[s->nprocs + i] = prev_entry(s, true, i);
	s->nticks = n;
	s->nticks_procs = s->nprocs;

	/* The tasks, their strings and extra records go; their capacity
	 * moves to spare. */
	snapshot_release_strings(s);
	snapshot_clear(spare);
	free(spare->procs);
	free(spare->threads);
	snapshot_free_extra(spare);
	spare->procs = s->procs;
	spare->procs_cap = s->procs_cap;
	spare->threads = s->threads;
	spare->threads_cap = s->threads_cap;
	spare->extra_pool = s->extra_pool;
	spare->extra_pool.used = 0;
	spare->statm_pool = s->statm_pool;
	spare->statm_pool.used = 0;
	spare->ids_pool = s->ids_pool;
	spare->ids_pool.used = 0;
	s->procs = s->threads = NULL;
	s->nprocs = s->nthreads = s->procs_cap = s->threads_cap = 0;
	memset(&s->extra_pool, 0, sizeof(s->extra_pool));
	memset(&s->statm_pool, 0, sizeof(s->statm_pool));
	memset(&s->ids_pool, 0, sizeof(s->ids_pool));
	free(s->thread_by_tid);
	s->thread_by_tid = NULL;
	s->light = true;
}

/* Append one zeroed task with unset links to *arr. */
static struct task *tasks_append(struct task **arr, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		*arr = xreallocarray(*arr, ncap, sizeof(**arr));
		*cap = ncap;
	}
	struct task *t = &(*arr)[(*n)++];
	memset(t, 0, sizeof(*t));
	t->parent = t->first_child = t->next_sibling = t->first_thread = -1;
	return t;
}

struct task *snapshot_add_proc(struct snapshot *s)
{
	return tasks_append(&s->procs, &s->nprocs, &s->procs_cap);
}

struct task *snapshot_add_thread(struct snapshot *s)
{
	s->has_threads = true;
	struct task *t = tasks_append(&s->threads, &s->nthreads,
		&s->threads_cap);
	t->is_thread = true;
	return t;
}

enum snapshot_state snapshot_state_of(char state)
{
	switch (state) {
	case 'R': return STATE_R;
	case 'S': return STATE_S;
	case 'D': return STATE_D;
	case 'T': return STATE_T;
	case 't': return STATE_t;
	case 'Z': return STATE_Z;
	case 'I': return STATE_I;
	case 'X': case 'x': return STATE_X;
	default: return STATE_OTHER;
	}
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = ((const struct task *)a)->pid;
	pid_t y = ((const struct task *)b)->pid;
	return (x > y) - (x < y);
}

static int cmp_tgid_tid(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	if (x->tgid != y->tgid)
		return (x->tgid > y->tgid) - (x->tgid < y->tgid);
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_thread_idx(const void *a, const void *b, void *arg)
{
	const struct task *th = arg;
	pid_t x = th[*(const long *)a].pid, y = th[*(const long *)b].pid;
	return (x > y) - (x < y);
}

long snapshot_find(const struct snapshot *s, pid_t pid)
{
	size_t lo = 0, hi = s->nprocs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		pid_t p = s->procs[mid].pid;
		if (p == pid)
			return (long)mid;
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long snapshot_find_thread(const struct snapshot *s, pid_t tid)
{
	if (!s->thread_by_tid)
		return -1;
	size_t lo = 0, hi = s->nthreads;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		long idx = s->thread_by_tid[mid];
		pid_t p = s->threads[idx].pid;
		if (p == tid)
			return idx;
		if (p < tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Binary search in a plain pid array (cache-friendly, unlike the tasks). */
static long pid_index(const pid_t *pids, size_t n, pid_t pid)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pids[mid] == pid)
			return (long)mid;
		if (pids[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Parent/child links; children end up in pid order.  pids: the procs'
 * pids in array order. */
static void link_procs(struct snapshot *s, const pid_t *pids)
{
	for (size_t i = 0; i < s->nprocs; i++) {
		struct task *t = &s->procs[i];
		t->parent = t->first_child = t->next_sibling = -1;
		t->first_thread = -1;
		t->nthreads_listed = 0;
	}
	/* Walk backwards and prepend, so each child list is ascending. */
	for (size_t k = s->nprocs; k-- > 0;) {
		struct task *t = &s->procs[k];
		if (!t->stat.ppid || t->stat.ppid == t->pid)
			continue;
		long p = pid_index(pids, s->nprocs, t->stat.ppid);
		if (p < 0)
			continue;
		t->parent = p;
		t->next_sibling = s->procs[p].first_child;
		s->procs[p].first_child = (long)k;
	}
}

static void link_threads(struct snapshot *s, const pid_t *pids)
{
	free(s->thread_by_tid);
	s->thread_by_tid = NULL;
	if (!s->nthreads)
		return;
	s->thread_by_tid = xreallocarray(NULL, s->nthreads,
		sizeof(*s->thread_by_tid));
	for (size_t i = 0; i < s->nthreads; i++) {
		struct task *th = &s->threads[i];
		s->thread_by_tid[i] = (long)i;
		th->is_thread = true;
		th->first_child = th->next_sibling = th->first_thread = -1;
		th->nthreads_listed = 0;
		th->parent = pid_index(pids, s->nprocs, th->tgid);
		if (th->parent < 0)
			continue;
		struct task *p = &s->procs[th->parent];
		if (p->first_thread < 0)
			p->first_thread = (long)i;
		p->nthreads_listed++;
	}
	qsort_r(s->thread_by_tid, s->nthreads, sizeof(*s->thread_by_tid),
		cmp_thread_idx, s->threads);
}

/* What CPU% needs of the task of prev at index j of its procs (threads):
 * from its task, or from its kept ticks once prev was made light
 * (snapshot_keep_ticks). */
static struct task_ticks prev_entry(const struct snapshot *prev,
	bool threads, size_t j)
{
	if (prev->light)
		return threads ? prev->ticks[prev->nticks_procs + j] :
			prev->ticks[j];
	const struct task *t = threads ? &prev->threads[j] : &prev->procs[j];
	return (struct task_ticks){
		.tgid = t->tgid, .pid = t->pid,
		.has_stat = (t->have & TASK_HAVE_STAT) != 0,
		.starttime = t->stat.starttime, .ticks = task_total_ticks(t),
	};
}

/* Number of procs (threads) of prev that prev_entry can give. */
static size_t prev_count(const struct snapshot *prev, bool threads)
{
	if (!prev)
		return 0;
	if (prev->light)
		return threads ? prev->nticks - prev->nticks_procs :
			prev->nticks_procs;
	return threads ? prev->nthreads : prev->nprocs;
}

/* Order of (tgid, tid) pairs. */
static int cmp_ids(pid_t tgid_a, pid_t pid_a, pid_t tgid_b, pid_t pid_b)
{
	if (tgid_a != tgid_b)
		return (tgid_a > tgid_b) - (tgid_a < tgid_b);
	return (pid_a > pid_b) - (pid_a < pid_b);
}

/* CPU% of t against old (may be NULL).  born_after_prev: t cannot have
 * existed at the previous sample, so all its ticks are from this interval. */
static void task_cpu(struct task *t, const struct task_ticks *old,
	bool born_after_prev, const struct snapshot *s)
{
	t->have &= ~(uint32_t)TASK_HAVE_CPU;
	t->cpu_pct = 0;
	t->ticks_delta = 0;
	if (!(t->have & TASK_HAVE_STAT) || s->interval_s <= 0)
		return;
	uint64_t now = task_total_ticks(t);
	uint64_t d;
	if (old && old->has_stat && old->starttime == t->stat.starttime) {
		d = now > old->ticks ? now - old->ticks : 0;
	} else if (born_after_prev) {
		d = now;
	} else {
		return;
	}
	t->ticks_delta = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	double pct = (double)t->ticks_delta / (double)s->hz / s->interval_s
		* 100.0;
	double max = 100.0 * (double)(s->sys.ncpus ? s->sys.ncpus : 1);
	t->cpu_pct = (float)(pct > max ? max : pct);
	t->have |= TASK_HAVE_CPU;
}

/* Was a task with this start time born after prev was sampled? */
static bool born_after(const struct snapshot *s, const struct snapshot *prev,
	const struct task *t)
{
	if (!prev || prev->sys.uptime_s <= 0)
		return false;
	double start_s = (double)t->stat.starttime / (double)s->hz;
	return start_s >= prev->sys.uptime_s;
}

/* Match the tasks of one kind (procs by pid, threads by (tgid, tid))
 * against prev's by walking both sorted arrays together. */
static void compute_cpu_of(struct snapshot *s, const struct snapshot *prev,
	bool threads)
{
	size_t n = threads ? s->nthreads : s->nprocs;
	size_t m = prev_count(prev, threads), j = 0;

	for (size_t i = 0; i < n; i++) {
		struct task *t = threads ? &s->threads[i] : &s->procs[i];
		struct task_ticks old;
		int c = 1;
		while (j < m) {
			old = prev_entry(prev, threads, j);
			c = threads ? cmp_ids(old.tgid, old.pid, t->tgid, t->pid) :
				cmp_ids(0, old.pid, 0, t->pid);
			if (c >= 0)
				break;
			j++;
		}
		task_cpu(t, j < m && c == 0 ? &old : NULL,
			born_after(s, prev, t), s);
	}
}

static void compute_cpu(struct snapshot *s, const struct snapshot *prev)
{
	compute_cpu_of(s, prev, false);
	compute_cpu_of(s, prev, true);
}

static uint64_t tick_delta(uint64_t now, uint64_t then)
{
	return now > then ? now - then : 0;
}

/* Shares of one CPU line over the interval.  The kernel counts guest time
 * inside user (and guest_nice inside nice), so those are subtracted. */
static void cpu_usage_from(struct cpu_usage *u, const struct cpu_ticks *now,
	const struct cpu_ticks *then)
{
	memset(u, 0, sizeof(*u));
	if (!now->online || !then->online)
		return;
	uint64_t d_user = tick_delta(now->user, then->user);
	uint64_t d_nice = tick_delta(now->nice, then->nice);
	uint64_t d_guest = tick_delta(now->guest, then->guest);
	uint64_t d_gnice = tick_delta(now->guest_nice, then->guest_nice);
	d_guest = d_guest < d_user ? d_guest : d_user;
	d_gnice = d_gnice < d_nice ? d_gnice : d_nice;
	d_user -= d_guest;
	d_nice -= d_gnice;
	uint64_t d_sys = tick_delta(now->system, then->system);
	uint64_t d_idle = tick_delta(now->idle, then->idle);
	uint64_t d_io = tick_delta(now->iowait, then->iowait);
	uint64_t d_irq = tick_delta(now->irq, then->irq);
	uint64_t d_sirq = tick_delta(now->softirq, then->softirq);
	uint64_t d_steal = tick_delta(now->steal, then->steal);
	/* Summed as doubles: absurd counters (a crafted /proc/stat near
	 * 2^64) must not wrap the total to something small; the shares
	 * stay proportional and add up to 100. */
	double total = (double)d_user + (double)d_nice + (double)d_sys +
		(double)d_idle + (double)d_io + (double)d_irq +
		(double)d_sirq + (double)d_steal + (double)d_guest +
		(double)d_gnice;
	if (!(total > 0))
		return;
	double k = 100.0 / total;
	u->user = (double)d_user * k;
	u->nice = (double)d_nice * k;
	u->system = (double)d_sys * k;
	u->idle = (double)d_idle * k;
	u->iowait = (double)d_io * k;
	u->irq = (double)d_irq * k;
	u->softirq = (double)d_sirq * k;
	u->steal = (double)d_steal * k;
	u->guest = ((double)d_guest + (double)d_gnice) * k;
	u->busy = 100.0 - u->idle - u->iowait;
	if (u->busy < 0)
		u->busy = 0;
	u->valid = true;
}

static double rate(uint64_t now, uint64_t then, double interval_s)
{
	return (double)tick_delta(now, then) / interval_s;
}

static void compute_sys(struct snapshot *s, const struct snapshot *prev)
{
	free(s->cpus);
	s->cpus = NULL;
	memset(&s->cpu_total, 0, sizeof(s->cpu_total));
	memset(&s->vm_rates, 0, sizeof(s->vm_rates));
	if (s->sys.ncpus && s->sys.cpus)
		s->cpus = xcalloc(s->sys.ncpus, sizeof(*s->cpus));
	if (!prev)
		return;
	struct cpu_ticks tot_now = s->sys.cpu_total, tot_then =
		prev->sys.cpu_total;
	tot_now.online = tot_then.online = true;
	cpu_usage_from(&s->cpu_total, &tot_now, &tot_then);
	for (size_t i = 0; s->cpus && i < s->sys.ncpus && i < prev->sys.ncpus
		&& prev->sys.cpus; i++)
		cpu_usage_from(&s->cpus[i], &s->sys.cpus[i],
			&prev->sys.cpus[i]);
	if (s->interval_s <= 0)
		return;
	const struct vm_stats *a = &s->sys.vm, *b = &prev->sys.vm;
	double dt = s->interval_s;
	s->vm_rates.pgfault = rate(a->pgfault, b->pgfault, dt);
	s->vm_rates.pgmajfault = rate(a->pgmajfault, b->pgmajfault, dt);
	s->vm_rates.pswpin = rate(a->pswpin, b->pswpin, dt);
	s->vm_rates.pswpout = rate(a->pswpout, b->pswpout, dt);
	s->vm_rates.pgpgin = rate(a->pgpgin, b->pgpgin, dt);
	s->vm_rates.pgpgout = rate(a->pgpgout, b->pgpgout, dt);
	s->vm_rates.pgscan_direct = rate(a->pgscan_direct, b->pgscan_direct,
		dt);
	s->vm_rates.pgscan_kswapd = rate(a->pgscan_kswapd, b->pgscan_kswapd,
		dt);
	s->vm_rates.oom_kill = rate(a->oom_kill, b->oom_kill, dt);
	s->vm_rates.valid = true;
}

static void compute_counts(struct snapshot *s)
{
	memset(s->state_counts, 0, sizeof(s->state_counts));
	s->nkthreads = s->nprocs_user = s->nthreads_total = 0;
	s->nthreads_user = 0;
	uint64_t total_kib = s->sys.mem.mem_total;
	for (size_t i = 0; i < s->nprocs; i++) {
		struct task *t = &s->procs[i];
		s->state_counts[snapshot_state_of(t->stat.state)]++;
		if (t->is_kthread) {
			s->nkthreads++;
		} else {
			s->nprocs_user++;
			if (t->stat.num_threads > 1)
				s->nthreads_user +=
					(size_t)t->stat.num_threads - 1;
		}
		s->nthreads_total += t->stat.num_threads > 0 ?
			(size_t)t->stat.num_threads : 1;
	}
	for (size_t i = 0; i < s->nprocs + s->nthreads; i++) {
		struct task *t = i < s->nprocs ? &s->procs[i] :
			&s->threads[i - s->nprocs];
		t->mem_pct = 0;
		if (total_kib && (t->have & TASK_HAVE_STAT))
			t->mem_pct = (double)task_rss_kib(t, s->page_kib)
				* 100.0 / (double)total_kib;
	}
}

struct sort_arg {
	const struct task *tasks;
	int (*cmp)(const void *, const void *);
};

static int cmp_task_idx(const void *a, const void *b, void *arg)
{
	const struct sort_arg *sa = arg;
	return sa->cmp(&sa->tasks[*(const long *)a],
		&sa->tasks[*(const long *)b]);
}

/* Sort tasks by cmp.  Tasks are large, so an index array is sorted and the
 * tasks moved once; input that is already in order (readdir of /proc
 * usually is) costs one pass. */
static void sort_tasks(struct task **tasks, size_t n, size_t cap,
	int (*cmp)(const void *, const void *))
{
	size_t i = 1;
	while (i < n && cmp(&(*tasks)[i - 1], &(*tasks)[i]) <= 0)
		i++;
	if (i >= n)
		return;
	long *idx = xreallocarray(NULL, n, sizeof(*idx));
	for (i = 0; i < n; i++)
		idx[i] = (long)i;
	struct sort_arg arg = { .tasks = *tasks, .cmp = cmp };
	qsort_r(idx, n, sizeof(*idx), cmp_task_idx, &arg);
	struct task *sorted = xreallocarray(NULL, cap, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = (*tasks)[idx[i]];
	free(*tasks);
	*tasks = sorted;
	free(idx);
}

void snapshot_finish(struct snapshot *s, const struct snapshot *prev)
{
	sort_tasks(&s->procs, s->nprocs, s->procs_cap, cmp_pid);
	sort_tasks(&s->threads, s->nthreads, s->threads_cap, cmp_tgid_tid);
	s->interval_s = 0;
	if (prev) {
		double dt = (double)(s->mono.tv_sec - prev->mono.tv_sec)
			+ (double)(s->mono.tv_nsec - prev->mono.tv_nsec) / 1e9;
		s->interval_s = dt > 0 ? dt : 0;
	}
	if (s->hz <= 0)
		s->hz = 100;
	pid_t *pids = xreallocarray(NULL, s->nprocs ? s->nprocs : 1,
		sizeof(*pids));
	for (size_t i = 0; i < s->nprocs; i++)
		pids[i] = s->procs[i].pid;
	link_procs(s, pids);
	link_threads(s, pids);
	free(pids);
	compute_cpu(s, prev);
	compute_counts(s);
	compute_sys(s, prev);
}

uint64_t snapshot_mem_used_kib(const struct snapshot *s)
{
	const struct mem_stats *m = &s->sys.mem;
	return m->mem_total > m->mem_available ?
		m->mem_total - m->mem_available : 0;
}

uint64_t snapshot_buff_cache_kib(const struct snapshot *s)
{
	const struct mem_stats *m = &s->sys.mem;
	return units_sat_add(units_sat_add(m->buffers, m->cached),
		m->sreclaimable);
}

uint64_t snapshot_swap_used_kib(const struct snapshot *s)
{
	const struct mem_stats *m = &s->sys.mem;
	return m->swap_total > m->swap_free ? m->swap_total - m->swap_free : 0;
}
