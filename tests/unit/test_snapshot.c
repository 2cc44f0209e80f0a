/* test_snapshot — sorting, linking, CPU% deltas, pid reuse, state counts,
 * system CPU shares, vm rates and free(1) memory figures, clear keeping
 * capacity, shared cmdline strings, threads linked after finish, from
 * snapshots built by hand. */
#include <stdlib.h>

#include "check.h"
#include "proctop/snapshot.h"
#include "proctop/xalloc.h"

#define NEAR(a, b) ((double)(a) - (double)(b) < 1e-6 \
	&& (double)(b) - (double)(a) < 1e-6)

static struct task *proc(struct snapshot *s, pid_t pid, pid_t ppid,
	char state, uint64_t ticks, uint64_t start)
{
	struct task *t = snapshot_add_proc(s);
	t->pid = t->tgid = pid;
	t->have = TASK_HAVE_STAT;
	t->stat.ppid = ppid;
	t->stat.state = state;
	t->stat.utime = ticks;
	t->stat.starttime = start;
	t->stat.num_threads = 1;
	return t;
}

static struct task *thread(struct snapshot *s, pid_t tgid, pid_t tid,
	uint64_t ticks, uint64_t start)
{
	struct task *t = snapshot_add_thread(s);
	t->pid = tid;
	t->tgid = tgid;
	t->have = TASK_HAVE_STAT;
	t->stat.state = 'S';
	t->stat.stime = ticks;
	t->stat.starttime = start;
	return t;
}

static void sys_base(struct snapshot *s, double mono_s, uint64_t k)
{
	s->hz = 100;
	s->page_kib = 4;
	s->mono.tv_sec = (time_t)mono_s;
	s->mono.tv_nsec = (long)((mono_s - (double)(time_t)mono_s) * 1e9);
	s->sys.mem.mem_total = 1000000;
	s->sys.mem.mem_available = 400000;
	s->sys.mem.mem_free = 100000;
	s->sys.mem.buffers = 1000;
	s->sys.mem.cached = 2000;
	s->sys.mem.sreclaimable = 500;
	s->sys.mem.swap_total = 8000;
	s->sys.mem.swap_free = 6000;
	s->sys.ncpus = 2;
	s->sys.cpus = xcalloc(2, sizeof(*s->sys.cpus));
	s->sys.vm.pgfault = 1000 * k;
	s->sys.vm.pswpout = 10 * k;
}

static void test_first_and_links(void)
{
	struct snapshot s;
	snapshot_init(&s);
	CHECK(s.hz > 0 && s.page_kib > 0);
	sys_base(&s, 10, 1);
	proc(&s, 7, 1, 'S', 0, 700);
	proc(&s, 1, 0, 'S', 0, 1);
	proc(&s, 5, 1, 'R', 0, 500)->stat.num_threads = 3;
	proc(&s, 3, 1, 'Z', 0, 300);
	proc(&s, 9, 42, 'T', 0, 900);              /* parent not here */
	struct task *k = proc(&s, 2, 0, 'I', 0, 2);
	k->is_kthread = true;
	proc(&s, 11, 11, 't', 0, 1100);             /* ppid == pid */
	k = snapshot_add_proc(&s);                  /* no stat at all */
	k->pid = k->tgid = 13;
	k->cmdline = xstrdup("leak check");
	thread(&s, 5, 8, 0, 510);
	thread(&s, 5, 5, 0, 500);
	thread(&s, 5, 6, 0, 505);
	snapshot_finish(&s, NULL);

	/* Sorted by pid; find is a binary search. */
	CHECK_EQ_U(s.nprocs, 8);
	for (size_t i = 1; i < s.nprocs; i++)
		CHECK(s.procs[i - 1].pid < s.procs[i].pid);
	CHECK_EQ_I(snapshot_find(&s, 1), 0);
	CHECK_EQ_I(snapshot_find(&s, 13), 7);
	CHECK_EQ_I(snapshot_find(&s, 4), -1);
	CHECK_EQ_I(snapshot_find(&s, 100), -1);
	CHECK_EQ_I(snapshot_find(&s, 0), -1);

	/* Children of 1 in pid order: 3, 5, 7. */
	long init = snapshot_find(&s, 1);
	long c = s.procs[init].first_child;
	CHECK_EQ_I(s.procs[c].pid, 3);
	c = s.procs[c].next_sibling;
	CHECK_EQ_I(s.procs[c].pid, 5);
	c = s.procs[c].next_sibling;
	CHECK_EQ_I(s.procs[c].pid, 7);
	CHECK_EQ_I(s.procs[c].next_sibling, -1);
	CHECK_EQ_I(s.procs[snapshot_find(&s, 5)].parent, init);
	CHECK_EQ_I(s.procs[snapshot_find(&s, 9)].parent, -1);
	CHECK_EQ_I(s.procs[snapshot_find(&s, 11)].parent, -1);
	CHECK_EQ_I(s.procs[init].parent, -1);

	/* Threads: grouped, sorted by tid, linked both ways. */
	CHECK(s.has_threads);
	long p5 = snapshot_find(&s, 5);
	CHECK_EQ_I(s.procs[p5].first_thread, 0);
	CHECK_EQ_I(s.procs[p5].nthreads_listed, 3);
	CHECK_EQ_I(s.threads[0].pid, 5);
	CHECK_EQ_I(s.threads[1].pid, 6);
	CHECK_EQ_I(s.threads[2].pid, 8);
	CHECK_EQ_I(s.threads[2].parent, p5);
	CHECK(s.threads[1].is_thread);
	CHECK_EQ_I(snapshot_find_thread(&s, 8), 2);
	CHECK_EQ_I(snapshot_find_thread(&s, 7), -1);
	CHECK_EQ_I(s.procs[init].first_thread, -1);

	/* First sample: no CPU%, no system shares. */
	for (size_t i = 0; i < s.nprocs; i++)
		CHECK(!(s.procs[i].have & TASK_HAVE_CPU));
	CHECK(!s.cpu_total.valid);
	CHECK(!s.vm_rates.valid);
	CHECK(s.interval_s == 0);

	/* States: one per process, kernel threads included. */
	CHECK_EQ_U(s.state_counts[STATE_S], 2);
	CHECK_EQ_U(s.state_counts[STATE_R], 1);
	CHECK_EQ_U(s.state_counts[STATE_Z], 1);
	CHECK_EQ_U(s.state_counts[STATE_T], 1);
	CHECK_EQ_U(s.state_counts[STATE_t], 1);
	CHECK_EQ_U(s.state_counts[STATE_I], 1);
	CHECK_EQ_U(s.state_counts[STATE_OTHER], 1);  /* the one without stat */
	CHECK_EQ_U(s.nkthreads, 1);
	CHECK_EQ_U(s.nprocs_user, 7);
	CHECK_EQ_U(s.nthreads_total, 10);   /* 7 x 1 + 3 */
	/* htop's "thr": threads besides the main one (one process has 3,
	 * so 2), kernel threads never counted. */
	CHECK_EQ_U(s.nthreads_user, 2);

	/* Memory as free(1) >= 4.0.1 computes it. */
	CHECK_EQ_U(snapshot_mem_used_kib(&s), 600000);
	CHECK_EQ_U(snapshot_buff_cache_kib(&s), 3500);
	CHECK_EQ_U(snapshot_swap_used_kib(&s), 2000);
	s.sys.mem.mem_available = 2000000;   /* hostile: avail > total */
	CHECK_EQ_U(snapshot_mem_used_kib(&s), 0);
	/* Absurd figures saturate instead of wrapping to small. */
	struct mem_stats saved_mem = s.sys.mem;
	s.sys.mem.buffers = s.sys.mem.cached = s.sys.mem.sreclaimable =
		UINT64_MAX;
	CHECK_EQ_U(snapshot_buff_cache_kib(&s), UINT64_MAX);
	s.sys.mem.buffers = UINT64_MAX - 1;
	s.sys.mem.cached = 1;
	s.sys.mem.sreclaimable = 0;
	CHECK_EQ_U(snapshot_buff_cache_kib(&s), UINT64_MAX);
	s.sys.mem.cached = 2;
	CHECK_EQ_U(snapshot_buff_cache_kib(&s), UINT64_MAX);
	s.sys.mem = saved_mem;

	/* clear empties but keeps the arrays for the next sample */
	struct task *procs = s.procs, *threads = s.threads;
	size_t procs_cap = s.procs_cap;
	snapshot_clear(&s);
	CHECK_EQ_U(s.nprocs, 0);
	CHECK_EQ_U(s.nthreads, 0);
	CHECK(!s.has_threads && s.thread_by_tid == NULL && s.cpus == NULL);
	CHECK(s.hz > 0 && s.page_kib > 0);
	CHECK(s.procs == procs && s.procs_cap == procs_cap);
	CHECK(s.threads == threads && s.threads_cap > 0);
	CHECK_EQ_I(snapshot_find(&s, 1), -1);
	snapshot_fini(&s);
}

/* Samples of 1000 processes into one snapshot: after the first, clear
 * keeps the arrays, so appending never reallocates them again. */
static void test_clear_keeps_capacity(void)
{
	struct snapshot s;
	struct task *procs = NULL;
	size_t cap = 0, moves = 0;

	snapshot_init(&s);
	for (int round = 0; round < 3; round++) {
		snapshot_clear(&s);
		for (pid_t pid = 1; pid <= 1000; pid++)
			proc(&s, pid, 0, 'S', 0, 1);
		snapshot_finish(&s, NULL);
		if (round > 0 && (s.procs != procs || s.procs_cap != cap))
			moves++;
		procs = s.procs;
		cap = s.procs_cap;
	}
	CHECK_EQ_U(moves, 0);
	CHECK(cap >= 1000);
	snapshot_fini(&s);
}

/* Shared strings: two snapshots (prev and cur) and the "cache" hold one
 * copy; each release is independent; a string set by hand is freed by
 * the snapshot; a replaced shared string stays valid until fini. */
static void test_shared_strings(void)
{
	struct snapshot a, b;
	struct snap_str *cmd = snap_str_new("bash script.sh", 14);
	struct snap_str *exe = snap_str_new("/usr/bin/bash", 13);
	struct snap_str *big = snap_str_new("x\0y", 3);

	CHECK_EQ_U(cmd->refs, 1);
	CHECK_EQ_U(cmd->len, 14);
	CHECK_STR(cmd->bytes, "bash script.sh");
	CHECK_EQ_U(big->len, 3);
	CHECK(big->bytes[3] == '\0');
	CHECK(snap_str_ref(NULL) == NULL);
	snap_str_unref(NULL);

	snapshot_init(&a);
	snapshot_init(&b);
	struct task *t = proc(&a, 10, 1, 'S', 0, 5);
	snapshot_share_cmd(&a, t, cmd, exe);
	CHECK(t->cmdline == cmd->bytes && t->exe == exe->bytes);
	CHECK_EQ_U(t->cmdline_len, 14);
	t = proc(&a, 11, 1, 'S', 0, 5);
	t->cmdline = xstrdup("by hand");    /* owned by the snapshot */
	t->cmdline_len = 7;
	t->exe = xstrdup("/by/hand");
	snapshot_finish(&a, NULL);

	t = proc(&b, 10, 1, 'S', 0, 5);
	snapshot_share_cmd(&b, t, cmd, exe);
	CHECK_EQ_U(cmd->refs, 3);
	CHECK_EQ_U(exe->refs, 3);
	/* a re-read found a new cmdline: b points at it, a keeps the old */
	snapshot_share_cmd(&b, t, big, exe);
	CHECK(t->cmdline == big->bytes && t->cmdline_len == 3);
	CHECK_EQ_U(exe->refs, 3);
	/* b's task 11 gets a hand-made string, then a shared one: freed */
	t = proc(&b, 11, 1, 'S', 0, 5);
	t->cmdline = xstrdup("old");
	snapshot_share_cmd(&b, t, cmd, NULL);
	CHECK(t->cmdline == cmd->bytes && t->exe == NULL);
	snapshot_finish(&b, &a);

	/* the cache lets go (the process exited): snapshots still read */
	snap_str_unref(cmd);
	snap_str_unref(exe);
	snap_str_unref(big);
	CHECK_STR(a.procs[0].cmdline, "bash script.sh");
	CHECK_STR(a.procs[1].cmdline, "by hand");
	snapshot_clear(&a);
	CHECK_STR(b.procs[0].cmdline, "x");
	CHECK_STR(b.procs[0].exe, "/usr/bin/bash");
	CHECK_STR(b.procs[1].cmdline, "bash script.sh");
	CHECK_EQ_U(cmd->refs, 1);            /* b holds it once, for both tasks */
	snapshot_fini(&b);
	snapshot_fini(&a);
}

static void test_deltas(void)
{
	struct snapshot prev, cur;
	snapshot_init(&prev);
	snapshot_init(&cur);
	sys_base(&prev, 10.0, 1);
	sys_base(&cur, 12.0, 3);        /* 2 s later */
	prev.sys.uptime_s = 50;

	proc(&prev, 1, 0, 'S', 100, 1);
	proc(&prev, 5, 1, 'S', 50, 1000);
	proc(&prev, 7, 1, 'S', 200, 2000);
	proc(&prev, 8, 1, 'S', 500, 2100);
	thread(&prev, 5, 6, 40, 1001);
	thread(&prev, 5, 9, 40, 1002);

	proc(&cur, 1, 0, 'S', 300, 1)->stat.rss_pages = 25000;
	proc(&cur, 5, 1, 'R', 150, 1000);
	proc(&cur, 7, 1, 'R', 30, 9000);   /* pid reused after prev */
	proc(&cur, 8, 1, 'S', 400, 2100);  /* counter went backwards */
	proc(&cur, 10, 1, 'S', 5000, 3000); /* new but born before prev */
	proc(&cur, 12, 1, 'R', 10, 6000);   /* new, born after prev */
	thread(&cur, 5, 6, 90, 1001);
	thread(&cur, 5, 9, 10, 7000);       /* tid reused */

	/* CPU ticks: 2 CPUs, guest counted inside user. */
	prev.sys.cpu_total = (struct cpu_ticks){ .user = 100, .system = 50,
		.idle = 800, .iowait = 10 };
	cur.sys.cpu_total = (struct cpu_ticks){ .user = 200, .system = 100,
		.idle = 1000, .iowait = 20, .steal = 10, .guest = 40 };
	prev.sys.cpus[0] = (struct cpu_ticks){ .user = 10, .idle = 90,
		.online = true };
	cur.sys.cpus[0] = (struct cpu_ticks){ .user = 60, .nice = 10,
		.idle = 120, .online = true, .guest_nice = 10 };
	prev.sys.cpus[1] = (struct cpu_ticks){ .idle = 5, .online = true };
	cur.sys.cpus[1] = (struct cpu_ticks){ .idle = 5, .online = false };

	snapshot_finish(&prev, NULL);
	snapshot_finish(&cur, &prev);
	CHECK(NEAR(cur.interval_s, 2.0));

	const struct task *t = &cur.procs[snapshot_find(&cur, 1)];
	CHECK(t->have & TASK_HAVE_CPU);
	CHECK_EQ_U(t->ticks_delta, 200);
	CHECK(NEAR(t->cpu_pct, 100.0));      /* 200 ticks / 100 Hz / 2 s */
	CHECK(NEAR(t->mem_pct, 10.0));       /* 100000 KiB of 1000000 */
	t = &cur.procs[snapshot_find(&cur, 5)];
	CHECK(NEAR(t->cpu_pct, 50.0));
	/* Reused pid: its own ticks since birth, nothing carried. */
	t = &cur.procs[snapshot_find(&cur, 7)];
	CHECK(t->have & TASK_HAVE_CPU);
	CHECK_EQ_U(t->ticks_delta, 30);
	CHECK(NEAR(t->cpu_pct, 15.0));
	t = &cur.procs[snapshot_find(&cur, 8)];
	CHECK(NEAR(t->cpu_pct, 0.0));
	CHECK_EQ_U(t->ticks_delta, 0);
	/* Not in prev although born before it: unknown, not a huge %. */
	t = &cur.procs[snapshot_find(&cur, 10)];
	CHECK(!(t->have & TASK_HAVE_CPU));
	t = &cur.procs[snapshot_find(&cur, 12)];
	CHECK(NEAR(t->cpu_pct, 5.0));
	/* Threads matched by tid + start time. */
	const struct task *th = &cur.threads[snapshot_find_thread(&cur, 6)];
	CHECK(NEAR(th->cpu_pct, 25.0));
	th = &cur.threads[snapshot_find_thread(&cur, 9)];
	CHECK(NEAR(th->cpu_pct, 5.0));       /* born after prev: 10 ticks */

	/* Without prev uptime a reused pid gets no CPU% at all. */
	prev.sys.uptime_s = 0;
	snapshot_finish(&cur, &prev);
	t = &cur.procs[snapshot_find(&cur, 7)];
	CHECK(!(t->have & TASK_HAVE_CPU));
	t = &cur.procs[snapshot_find(&cur, 1)];
	CHECK(NEAR(t->cpu_pct, 100.0));      /* finish is repeatable */

	/* Total: user 60 + guest 40 (not twice), system 50, idle 200,
	 * iowait 10, steal 10: 370 ticks. */
	const struct cpu_usage *u = &cur.cpu_total;
	CHECK(u->valid);
	CHECK(NEAR(u->user, 6000.0 / 370));
	CHECK(NEAR(u->guest, 4000.0 / 370));
	CHECK(NEAR(u->system, 5000.0 / 370));
	CHECK(NEAR(u->idle, 20000.0 / 370));
	CHECK(NEAR(u->iowait, 1000.0 / 370));
	CHECK(NEAR(u->steal, 1000.0 / 370));
	double sum = u->user + u->nice + u->system + u->iowait + u->irq
		+ u->softirq + u->steal + u->guest + u->idle;
	CHECK(NEAR(sum, 100.0));
	CHECK(NEAR(u->busy, 100.0 - u->idle - u->iowait));
	/* Absurd counters near 2^64 do not wrap the total: the shares stay
	 * proportional. */
	struct cpu_ticks saved_tot = cur.sys.cpu_total;
	cur.sys.cpu_total = prev.sys.cpu_total;
	cur.sys.cpu_total.user = UINT64_MAX / 2 + 1000;   /* sum > 2^64 */
	cur.sys.cpu_total.idle = UINT64_MAX / 2 + 1000;
	cur.sys.cpu_total.online = true;
	snapshot_finish(&cur, &prev);
	CHECK(u->valid);
	CHECK(u->user > 49.9 && u->user < 50.1);
	CHECK(u->idle > 49.9 && u->idle < 50.1);
	CHECK(u->busy >= 0.0 && u->busy <= 100.0);
	cur.sys.cpu_total = saved_tot;
	snapshot_finish(&cur, &prev);
	/* CPU 0: user 50 (incl. 0 guest), nice 10 all guest_nice, idle 30. */
	CHECK(cur.cpus[0].valid);
	CHECK(NEAR(cur.cpus[0].user, 5000.0 / 90));
	CHECK(NEAR(cur.cpus[0].nice, 0.0));
	CHECK(NEAR(cur.cpus[0].guest, 1000.0 / 90));
	CHECK(!cur.cpus[1].valid);            /* offline */

	/* vmstat rates per second. */
	CHECK(cur.vm_rates.valid);
	CHECK(NEAR(cur.vm_rates.pgfault, 1000.0));
	CHECK(NEAR(cur.vm_rates.pswpout, 10.0));

	/* Deep copy of system figures. */
	struct sys_stats copy = { 0 };
	sys_stats_copy(&copy, &cur.sys);
	CHECK(copy.cpus != cur.sys.cpus);
	CHECK_EQ_U(copy.ncpus, 2);
	CHECK_EQ_U(copy.cpus[0].user, 60);
	CHECK_EQ_U(copy.mem.mem_total, 1000000);
	sys_stats_fini(&copy);
	CHECK(copy.cpus == NULL);

	/* The same against a light prev (snapshot_keep_ticks): the same
	 * CPU% for every task, and its arrays went to the spare. */
	prev.sys.uptime_s = 50;
	snapshot_finish(&cur, &prev);
	float want[16];
	size_t nw = 0;
	for (size_t i = 0; i < cur.nprocs && nw < 16; i++)
		want[nw++] = cur.procs[i].cpu_pct;
	for (size_t i = 0; i < cur.nthreads && nw < 16; i++)
		want[nw++] = cur.threads[i].cpu_pct;
	struct snapshot spare;
	snapshot_init(&spare);
	struct task *old_procs = prev.procs;
	snapshot_keep_ticks(&prev, &spare);
	CHECK(prev.light);
	CHECK_EQ_U(prev.nprocs + prev.nthreads, 0);
	CHECK_EQ_U(prev.nticks, 6);
	CHECK(spare.procs == old_procs && spare.nprocs == 0);
	snapshot_finish(&cur, &prev);
	nw = 0;
	for (size_t i = 0; i < cur.nprocs && nw < 16; i++)
		CHECK(cur.procs[i].cpu_pct == want[nw++]);
	for (size_t i = 0; i < cur.nthreads && nw < 16; i++)
		CHECK(cur.threads[i].cpu_pct == want[nw++]);
	CHECK(!(cur.procs[snapshot_find(&cur, 10)].have & TASK_HAVE_CPU));
	snapshot_keep_ticks(&prev, &spare);         /* light already: no-op */
	CHECK(prev.light);
	/* a light snapshot cleared is an ordinary one again */
	snapshot_clear(&prev);
	CHECK(!prev.light);
	snapshot_fini(&spare);

	snapshot_fini(&prev);
	snapshot_fini(&cur);
}

static void test_state_map(void)
{
	CHECK_EQ_U(snapshot_state_of('R'), STATE_R);
	CHECK_EQ_U(snapshot_state_of('D'), STATE_D);
	CHECK_EQ_U(snapshot_state_of('t'), STATE_t);
	CHECK_EQ_U(snapshot_state_of('I'), STATE_I);
	CHECK_EQ_U(snapshot_state_of('X'), STATE_X);
	CHECK_EQ_U(snapshot_state_of('W'), STATE_OTHER);
	CHECK_EQ_U(snapshot_state_of('\0'), STATE_OTHER);
}

int main(void)
{
	test_first_and_links();
	test_deltas();
	test_clear_keeps_capacity();
	test_shared_strings();
	test_state_map();
	return check_done();
}
