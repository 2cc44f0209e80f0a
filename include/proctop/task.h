/* task — one process (or one thread) as collected from /proc.
 *
 * Plain data, filled by the collector's pure parsers, owned by a snapshot.
 * A field group is valid only when its bit is set in `have`; a group that
 * could not be read (EACCES, the kernel lacks the file) stays unset and is
 * shown as "-", never as 0. */
#ifndef PROCTOP_TASK_H
#define PROCTOP_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Groups of fields, one per /proc file (or derived source). */
enum task_have {
	TASK_HAVE_STAT    = 1u << 0,   /* /proc/<pid>/stat */
	TASK_HAVE_STATM   = 1u << 1,   /* /proc/<pid>/statm */
	TASK_HAVE_STATUS  = 1u << 2,   /* /proc/<pid>/status */
	TASK_HAVE_ROLLUP  = 1u << 3,   /* /proc/<pid>/smaps_rollup */
	TASK_HAVE_IO      = 1u << 4,   /* /proc/<pid>/io */
	TASK_HAVE_CMDLINE = 1u << 5,   /* /proc/<pid>/cmdline (+ exe) */
	TASK_HAVE_UID     = 1u << 6,   /* fstat of /proc/<pid> */
	TASK_HAVE_CPU     = 1u << 7,   /* cpu_pct computed from a delta */
	TASK_HAVE_FDS     = 1u << 8,   /* /proc/<pid>/fd counted (nfds) */
	TASK_HAVE_CGROUP  = 1u << 9,   /* /proc/<pid>/cgroup (cgroup) */
	TASK_HAVE_LONG_COMM = 1u << 10, /* comm too long for stat.comm: the
	                                   whole one is x->comm */
	TASK_HAVE_IDS     = 1u << 11,  /* status id and Cap* lines (x->ids;
	                                   only with NEED_IDS) */
};

#define TASK_COMM_MAX 64           /* kernel threads' comm may exceed 16 */
#define TASK_COMM_INLINE 16        /* what a task keeps in place: a user
                                      process's whole comm (the kernel's
                                      TASK_COMM_LEN) */
#define PF_KTHREAD_FLAG 0x00200000u /* PF_KTHREAD in stat field 9 */

/* Fields of /proc/<pid>/stat, numbered as in proc_pid_stat(5). */
struct task_stat {
	pid_t pid;                 /* (1) */
	char comm[TASK_COMM_MAX];  /* (2) without the parentheses, raw bytes */
	char state;                /* (3) R S D T t Z X I (W P K x on old) */
	pid_t ppid;                /* (4) */
	pid_t pgrp;                /* (5) */
	pid_t session;             /* (6) */
	int tty_nr;                /* (7) */
	pid_t tpgid;               /* (8) */
	unsigned flags;            /* (9) PF_* */
	uint64_t minflt;           /* (10) */
	uint64_t cminflt;          /* (11) */
	uint64_t majflt;           /* (12) */
	uint64_t cmajflt;          /* (13) */
	uint64_t utime;            /* (14) ticks */
	uint64_t stime;            /* (15) ticks */
	int64_t cutime;            /* (16) ticks */
	int64_t cstime;            /* (17) ticks */
	long priority;             /* (18) */
	long nice;                 /* (19) */
	long num_threads;          /* (20) */
	uint64_t starttime;        /* (22) ticks after boot */
	uint64_t vsize;            /* (23) bytes */
	uint64_t rss_pages;        /* (24) pages */
	int processor;             /* (39) last CPU */
	unsigned rt_priority;      /* (40) */
	unsigned policy;           /* (41) SCHED_* */
};

/* /proc/<pid>/statm, in pages. */
struct task_statm {
	uint64_t size, resident, shared, text, data;
};

/* The lines of /proc/<pid>/status proctop uses; memory in KiB. */
struct task_status {
	uid_t ruid, euid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	pid_t tgid, ngid, tracer_pid;
	uint64_t vm_peak_kib, vm_size_kib, vm_lck_kib, vm_hwm_kib, vm_rss_kib;
	uint64_t rss_anon_kib, rss_file_kib, rss_shmem_kib;
	uint64_t vm_data_kib, vm_stk_kib, vm_exe_kib, vm_lib_kib, vm_pte_kib;
	uint64_t vm_swap_kib;
	uint64_t cap_inh, cap_prm, cap_eff, cap_bnd, cap_amb;
	uint64_t voluntary_ctxt, nonvoluntary_ctxt;
	char cpus_allowed_list[256];   /* as the kernel prints it, truncated */
	bool has_vm;                   /* kernel threads have no Vm* lines */
};

/* /proc/<pid>/smaps_rollup, KiB. */
struct task_rollup {
	uint64_t rss_kib, pss_kib, pss_anon_kib, pss_file_kib, pss_shmem_kib;
	uint64_t shared_clean_kib, shared_dirty_kib;
	uint64_t private_clean_kib, private_dirty_kib;
	uint64_t referenced_kib, anonymous_kib, anon_huge_kib;
	uint64_t swap_kib, swap_pss_kib, locked_kib;
};

/* /proc/<pid>/io, bytes and counts. */
struct task_io {
	uint64_t rchar, wchar, syscr, syscw, read_bytes, write_bytes,
		cancelled_write_bytes;
};

/* What a task keeps of each file: the fields some column, sort, filter or
 * the model uses, under the parsers' names and in types sized for them (a
 * task is kept for every process and thread, twice: the snapshot shown
 * and the one being sampled).  The screens that show more (details, map)
 * read the whole files on demand. */
struct task_stat_kept {
	char comm[TASK_COMM_INLINE]; /* (2) raw bytes, NUL-terminated: the
	                              whole comm of a user process, the first
	                              15 bytes of a longer one (kernel
	                              threads); task_comm() is the whole */
	char state;                /* (3) */
	pid_t ppid, pgrp, session; /* (4) (5) (6) */
	int tty_nr;                /* (7) */
	unsigned flags;            /* (9) PF_* */
	int32_t priority, nice;    /* (18) (19) */
	int32_t num_threads;       /* (20) */
	int32_t processor;         /* (39) */
	uint32_t rt_priority;      /* (40) */
	uint32_t policy;           /* (41) */
	uint64_t minflt, majflt;   /* (10) (12) */
	uint64_t utime, stime;     /* (14) (15) ticks */
	uint64_t starttime;        /* (22) ticks after boot */
	uint64_t vsize;            /* (23) bytes */
	uint64_t rss_pages;        /* (24) pages */
};

struct task_statm_kept {          /* pages */
	uint64_t resident, shared, text, data;
};

struct task_status_kept {
	uint64_t vm_swap_kib;
	uint64_t voluntary_ctxt, nonvoluntary_ctxt;
	uid_t euid;
	bool has_vm;                   /* kernel threads have no Vm* lines */
};

/* The rest of status's Uid/Gid lines and its capability masks: only the
 * recorder keeps them (the details screen reads status whole when live),
 * in a record of their own so the tasks of the TUI and batch do not grow.
 * The effective uid is task_status_kept's euid. */
struct task_ids_kept {
	uid_t ruid, suid, fsuid;
	gid_t rgid, egid, sgid, fsgid;
	uint64_t cap_inh, cap_prm, cap_eff, cap_bnd, cap_amb;
};

struct task_rollup_kept {         /* KiB */
	uint64_t pss_kib, swap_pss_kib, private_clean_kib, private_dirty_kib;
};

struct task_io_kept {             /* bytes */
	uint64_t read_bytes, write_bytes;
};

/* Copy what a task keeps from a parsed file. */
void task_keep_stat(struct task_stat_kept *k, const struct task_stat *st);
void task_keep_statm(struct task_statm_kept *k, const struct task_statm *sm);
void task_keep_status(struct task_status_kept *k,
	const struct task_status *st);
void task_keep_ids(struct task_ids_kept *k, const struct task_status *st);
void task_keep_rollup(struct task_rollup_kept *k,
	const struct task_rollup *r);
void task_keep_io(struct task_io_kept *k, const struct task_io *io);

/* What a task needs only for some columns (in the TUI only the rows on
 * screen read them, unless they sort or filter) or for the exporter (fd
 * count, cgroup path): kept outside the task, in a record the snapshot
 * allocates for the tasks that have one (snapshot_task_extra). */
struct task_extra {
	struct task_status_kept status;
	struct task_rollup_kept rollup;
	struct task_io_kept io;
	uint64_t nfds;        /* open file descriptors, TASK_HAVE_FDS */
	const char *cgroup;   /* cgroup v2 path ("/system.slice/x.service"),
	                         raw bytes; borrowed from a string the
	                         snapshot holds (snapshot_hold); NULL unless
	                         TASK_HAVE_CGROUP */
	const char *comm;     /* the whole comm when it is longer than
	                         stat.comm holds (TASK_HAVE_LONG_COMM; set by
	                         snapshot_set_comm); borrowed like cgroup */
	struct task_ids_kept *ids; /* TASK_HAVE_IDS: the snapshot's
	                         (snapshot_task_ids), NULL otherwise */
};

struct task {
	pid_t pid;            /* tid for a thread, tgid for a process */
	pid_t tgid;           /* == pid for a process */
	bool is_thread;       /* an entry from task/<tid>, not the leader row */
	bool is_kthread;      /* PF_KTHREAD set in stat flags */
	uint32_t have;        /* enum task_have bits */

	struct task_stat_kept stat;
	struct task_statm_kept *statm; /* valid with TASK_HAVE_STATM (in the
	                         TUI only the rows on screen read statm,
	                         unless a column that needs it sorts or
	                         filters); the snapshot's (snapshot_task_statm),
	                         a thread's is its process's */
	struct task_extra *x; /* status, smaps_rollup and io (valid with
	                         TASK_HAVE_STATUS, _ROLLUP, _IO); NULL until
	                         one of them is read; the snapshot's */

	uid_t uid;            /* owner of /proc/<pid> (fstat), TASK_HAVE_UID */
	uint32_t cmdline_len;
	const char *user;     /* user name; borrowed from the collector's
	                         uid cache (valid while the collector lives),
	                         NULL when unknown */
	char *cmdline;        /* NUL-separated args joined with ' '; raw bytes,
	                         unsanitised; NULL when empty or unreadable.
	                         Read-only for everyone but its writer; valid
	                         until the snapshot is cleared or finished:
	                         the collector's are shared strings the
	                         snapshot holds references to (no copy), one
	                         set by hand is a heap string the snapshot
	                         frees (see snapshot_fini) */
	char *exe;            /* readlink of exe or NULL; owned like cmdline */

	float cpu_pct;        /* 100 = one CPU busy, valid with TASK_HAVE_CPU */
	float mem_pct;        /* RES / MemTotal * 100 */
	uint32_t ticks_delta; /* utime+stime delta since previous snapshot
	                         (clock ticks in one interval: 32 bits are
	                         years of CPU) */

	/* Links, set by the model: indices into the snapshot's array of the
	 * same kind, or -1. */
	int32_t parent;       /* process: index of ppid's task; thread: index
	                         of its process in snapshot.procs */
	int32_t first_child, next_sibling;
	int32_t first_thread; /* process: index into snapshot.threads, or -1 */
	int32_t nthreads_listed; /* process: threads that follow first_thread */
};

/* Derived values every layer agrees on. */
/* RES in KiB: statm's exact resident count when it was read, else stat
 * field (24), which the kernel may report slightly behind. */
uint64_t task_rss_kib(const struct task *t, long page_kib);
uint64_t task_virt_kib(const struct task *t);
uint64_t task_total_ticks(const struct task *t);   /* utime + stime */

/* The whole comm of t (raw bytes, NUL-terminated, at most TASK_COMM_MAX -
 * 1 bytes); borrowed from t or its snapshot. */
static inline const char *task_comm(const struct task *t)
{
	return (t->have & TASK_HAVE_LONG_COMM) ? t->x->comm : t->stat.comm;
}

#endif
