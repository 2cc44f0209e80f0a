/* snapshot — everything proctop knows after one refresh.
 *
 * Pure model: no I/O.  The collector fills procs/threads/sys; then
 * snapshot_finish() links parents, children and threads, and computes CPU%
 * (against the previous snapshot), MEM% and the per-state counts. */
#ifndef PROCTOP_SNAPSHOT_H
#define PROCTOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "proctop/sysdata.h"
#include "proctop/task.h"

/* Per-state counts, indexed by enum snapshot_state. */
enum snapshot_state {
	STATE_R, STATE_S, STATE_D, STATE_T, STATE_t, STATE_Z, STATE_I,
	STATE_X, STATE_OTHER, STATE_COUNT
};

/* CPU time shares over the last interval, percent of that CPU (or of all
 * CPUs for `total`), each in 0..100. */
struct cpu_usage {
	double user, nice, system, iowait, irq, softirq, steal, guest, idle;
	double busy;          /* 100 - idle - iowait */
	bool valid;           /* false on the first snapshot / offline CPU */
};

/* vmstat rates per second over the last interval. */
struct vm_rates {
	double pgfault, pgmajfault, pswpin, pswpout, pgpgin, pgpgout,
		pgscan_direct, pgscan_kswapd, oom_kill;
	bool valid;
};

/* An immutable string shared by reference count between the collector's
 * cache and the snapshots that show it (proctop is single-threaded; the
 * count is not atomic). */
struct snap_str {
	size_t refs;
	size_t len;           /* bytes before the terminating NUL */
	char bytes[];         /* len bytes + NUL */
};

/* A new string holding a copy of the len bytes at p (NUL added), with one
 * reference; the caller releases it with snap_str_unref. */
struct snap_str *snap_str_new(const char *p, size_t len);
/* Take one more reference to str (NULL is fine); returns str. */
struct snap_str *snap_str_ref(struct snap_str *str);
/* Drop one reference (NULL is fine); the last one frees str. */
void snap_str_unref(struct snap_str *str);

/* What the next sample's CPU% needs of a task: a light snapshot keeps
 * only these (snapshot_keep_ticks). */
struct task_ticks {
	pid_t tgid, pid;
	bool has_stat;
	uint64_t starttime;        /* stat (22) */
	uint64_t ticks;            /* utime + stime */
};

/* Fixed-size records handed out from chunks (stable addresses), reused
 * after snapshot_clear (snapstore.c). */
struct snap_pool {
	void **chunks;
	size_t nchunks, chunks_cap;
	size_t used;                /* records handed out */
};

struct snapshot {
	struct timespec mono;       /* CLOCK_MONOTONIC when collected */
	time_t wall;                /* time(NULL) when collected */
	double interval_s;          /* since the previous snapshot, 0 if none */
	long hz;                    /* sysconf(_SC_CLK_TCK) */
	long page_kib;              /* page size in KiB */

	struct task *procs;         /* sorted by pid; owned */
	size_t nprocs, procs_cap;
	struct task *threads;       /* grouped by process, sorted by tid within;
	                               only when threads were collected; owned */
	size_t nthreads, threads_cap;
	bool has_threads;
	long *thread_by_tid;        /* indices into threads sorted by tid, for
	                               snapshot_find_thread; set by
	                               snapshot_finish; owned */
	struct snap_pool extra_pool; /* task_extra records; owned, kept by
	                               clear */
	struct snap_pool statm_pool; /* task_statm_kept records; the same */
	struct snap_pool ids_pool;  /* task_ids_kept records; the same */
	struct snap_str **shared;   /* the references this snapshot holds for
	                               its tasks' strings (cmdline, exe, a
	                               long comm, cgroup): a set, one per
	                               distinct string (snapstore.c); owned */
	size_t nshared, shared_cap;

	bool light;                 /* only ticks (and the system figures)
	                               are left: see snapshot_keep_ticks */
	struct task_ticks *ticks;   /* light: procs' then threads', each
	                               sorted like the arrays were; owned */
	size_t nticks, nticks_procs, ticks_cap;

	struct sys_stats sys;       /* owned */
	struct cpu_usage cpu_total;
	struct cpu_usage *cpus;     /* sys.ncpus entries; owned */
	struct vm_rates vm_rates;

	unsigned state_counts[STATE_COUNT];  /* over processes (see below) */
	size_t nprocs_user;         /* processes that are not kernel threads */
	size_t nkthreads;           /* kernel threads */
	size_t nthreads_total;      /* sum of num_threads over processes:
	                               every task (top -H's total) */
	size_t nthreads_user;       /* userland threads other than main
	                               threads: num_threads - 1 summed over
	                               the processes that are not kernel
	                               threads (htop's "thr") */
};

/* Zeroes s and presets hz and page_kib from sysconf. */
void snapshot_init(struct snapshot *s);
/* Frees the arrays and releases the tasks' cmdline/exe strings.  A task's
 * cmdline/exe is either a shared string set by snapshot_share_cmd (the
 * snapshot holds a reference until fini/clear) or a heap string the
 * snapshot owns and frees (e.g. set by hand in tests); a thread entry has
 * NULL, or its own of either kind (the cmd column shows a thread's comm;
 * process-wide columns fall back to the thread's process). */
void snapshot_fini(struct snapshot *s);
/* Empties s for the next sample like fini + init, but keeps the capacity of
 * the procs, threads and shared arrays (no regrowth every refresh). */
void snapshot_clear(struct snapshot *s);

/* Make finished s light: keep what the next sample's snapshot_finish
 * needs of it (struct task_ticks per task, the system figures and the
 * time) and give its task arrays, extra records and capacity to spare
 * (cleared first), which becomes the snapshot to sample into.  A light
 * snapshot is only a `prev` for snapshot_finish:
 * it has no tasks (nprocs = nthreads = 0).  Batch mode keeps one full
 * snapshot and one light one instead of two full ones. */
void snapshot_keep_ticks(struct snapshot *s, struct snapshot *spare);

/* Point task t of s at the shared cmdline and exe (either may be NULL),
 * holding a reference to each for s's lifetime; sets cmdline_len.  A
 * previous string of t that s does not hold is freed. */
void snapshot_share_cmd(struct snapshot *s, struct task *t,
	struct snap_str *cmdline, struct snap_str *exe);

/* t's extra record (status, rollup, io), allocated zeroed on first use
 * from s's pool; valid (at a fixed address, whatever the task arrays do)
 * until s is cleared or freed.  t must belong to s. */
struct task_extra *snapshot_task_extra(struct snapshot *s, struct task *t);

/* Set task t's comm to the len bytes at comm (no NUL inside; at most
 * TASK_COMM_MAX - 1 are kept): its first 15 in t->stat.comm and, when it
 * is longer (kernel threads), the whole in t's extra record (a copy s
 * holds, TASK_HAVE_LONG_COMM). */
void snapshot_set_comm(struct snapshot *s, struct task *t, const char *comm,
	size_t len);

/* t's statm record, allocated zeroed on first use from s's pool; valid
 * like an extra record.  A thread entry may point at its process's. */
struct task_statm_kept *snapshot_task_statm(struct snapshot *s,
	struct task *t);

/* t's ids record (status ids and caps), hung on t's extra record and
 * allocated zeroed on first use from s's pool; valid like an extra
 * record. */
struct task_ids_kept *snapshot_task_ids(struct snapshot *s, struct task *t);

/* Hold a reference to str (not NULL) for s's lifetime (until clear/fini)
 * and return its bytes, for a task field that borrows them (cgroup). */
const char *snapshot_hold(struct snapshot *s, struct snap_str *str);

/* Append a zeroed task to procs (or threads); returns it (borrowed; valid
 * until the next append).  Link fields are preset to -1; threads also set
 * s->has_threads.  snapshot_finish may reorder the arrays. */
struct task *snapshot_add_proc(struct snapshot *s);
struct task *snapshot_add_thread(struct snapshot *s);

/* Sort, link and compute derived values.  prev may be NULL (first sample:
 * no CPU%) and must itself have been finished.  Matching against prev is by
 * (pid, starttime) (threads: tid, starttime), so a reused pid is a new
 * process: a task not matched in prev gets CPU% from all its ticks only when
 * it started after prev was sampled (starttime >= prev->sys.uptime_s),
 * otherwise TASK_HAVE_CPU stays unset.  CPU% is capped at 100 x ncpus.
 * Children are linked in pid order; ppid == pid or a missing parent leaves
 * parent = -1.  May be called again (it recomputes everything).
 * Per-state counts: one per process, by its stat state (T = stopped,
 * t = tracing stop, I = idle kernel thread); kernel threads count too.
 * snapshot.threads may or may not include the leader (tid == tgid); the
 * view never shows the leader as a separate thread row. */
void snapshot_finish(struct snapshot *s, const struct snapshot *prev);

/* Index of the process (or thread) with this pid, or -1.  O(log n).
 * Valid after snapshot_finish (the arrays are sorted there). */
long snapshot_find(const struct snapshot *s, pid_t pid);
long snapshot_find_thread(const struct snapshot *s, pid_t tid);

/* Map a stat state letter to its counter. */
enum snapshot_state snapshot_state_of(char state);

/* System figures as free(1) computes them, KiB. */
uint64_t snapshot_mem_used_kib(const struct snapshot *s);   /* total - avail */
uint64_t snapshot_buff_cache_kib(const struct snapshot *s); /* buf+cache+srecl */
uint64_t snapshot_swap_used_kib(const struct snapshot *s);

#endif
