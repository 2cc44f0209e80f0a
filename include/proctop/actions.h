/* actions — changing processes: signals, nice, CPU affinity, scheduling.
 *
 * Every action names its target as (pid, start time the user saw) and
 * re-checks the start time before doing anything, so a pid reused in
 * between is never touched (the result then says the process exited).
 * Signals go through pidfd_open + pidfd_send_signal, checked after the
 * pidfd is open (race-free).  Nice, affinity and policy are applied to
 * every thread (task/<tid>) unless the action names a single thread.
 *
 * Functions return 0 or -errno; actions_message() builds the one line the
 * user sees. */
#ifndef PROCTOP_ACTIONS_H
#define PROCTOP_ACTIONS_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/caps.h"
#include "proctop/sbuf.h"

struct collector;

/* ---- signals (signals.c) ---- */

struct signal_info {
	int signo;
	const char *name;        /* "SIGTERM"; NULL for real-time signals */
	const char *desc;        /* "terminate", short */
};

/* Number of signals in the menu: the standard ones, then SIGRTMIN ..
 * SIGRTMAX (named SIGRTMIN+n). */
size_t actions_signal_count(void);

/* The i-th menu entry (i < actions_signal_count()); for a real-time signal
 * name is NULL (use actions_signal_name).  Returns 0 or -EINVAL. */
int actions_signal_at(size_t i, struct signal_info *out);

/* Index of signo in the menu, or -1. */
long actions_signal_index(int signo);

/* Append the name of signo ("SIGTERM", "SIGRTMIN", "SIGRTMIN+3"), or
 * "signal N". */
void actions_signal_name(struct sbuf *out, int signo);

/* Parse "TERM", "SIGTERM", "sigterm", "15", "RTMIN+2", "SIGRTMAX-1" into a
 * signal number.  Returns the number or -EINVAL. */
int actions_signal_parse(const char *s);

/* ---- scheduling policies (signals.c) ---- */

/* Name of a SCHED_* policy ("SCHED_BATCH"), or NULL; static, borrowed. */
const char *actions_policy_name(int policy);

/* Parse "batch", "SCHED_BATCH", "other" ... into a policy, or -EINVAL. */
int actions_policy_parse(const char *s);

/* Whether policy is FIFO or RR (takes an RT priority 1..99). */
bool actions_policy_is_rt(int policy);

/* ---- I/O priority (signals.c; actions_get_ioprio in actions.c) ---- */

/* ioprio classes, as the kernel numbers them (IOPRIO_CLASS_*). */
enum io_class {
	IO_CLASS_NONE = 0,       /* derived from the nice value */
	IO_CLASS_RT = 1,         /* real-time: needs CAP_SYS_ADMIN or
	                            CAP_SYS_NICE */
	IO_CLASS_BE = 2,         /* best-effort */
	IO_CLASS_IDLE = 3,       /* only when the disk is otherwise idle */
};

/* "none", "realtime", "best-effort", "idle", or NULL; static. */
const char *actions_io_class_name(int io_class);

/* Current I/O priority of tid (ioprio_get): class and level 0..7.
 * 0 or -errno. */
int actions_get_ioprio(pid_t tid, int *io_class, int *level);

/* ---- CPU masks (cpumask.c) ---- */

/* A CPU set sized for the running kernel (CPU_ALLOC), not a fixed 1,024. */
struct cpu_mask {
	cpu_set_t *set;          /* owned */
	size_t size_bytes;       /* CPU_ALLOC_SIZE */
	int ncpus;               /* bits the set holds */
};

/* An empty mask able to hold CPUs 0..ncpus-1 (rounded up to the set's
 * bytes).  cpu_mask_fini frees.  A zeroed struct is a valid empty mask
 * (fini, count, format and the re-initialising functions accept it). */
void cpu_mask_init(struct cpu_mask *m, int ncpus);
void cpu_mask_fini(struct cpu_mask *m);
void cpu_mask_set(struct cpu_mask *m, int cpu);     /* ignored if >= ncpus */
bool cpu_mask_isset(const struct cpu_mask *m, int cpu);
int cpu_mask_count(const struct cpu_mask *m);

/* Parse a kernel CPU list ("0-3,8,10-11") into m (re-initialised, sized to
 * hold the highest CPU).  0 or -EINVAL (empty list, bad syntax, a CPU
 * number above 1<<20), leaving m unchanged. */
int cpu_mask_parse_list(struct cpu_mask *m, const char *s);

/* Append m as a kernel CPU list ("0-3,8"); "" for an empty mask. */
void cpu_mask_format_list(struct sbuf *out, const struct cpu_mask *m);

/* Read the affinity of tid (0 = self) into m (re-initialised), growing
 * the set until the kernel's size fits.  0 or -errno. */
int cpu_mask_get_affinity(pid_t tid, struct cpu_mask *m);

/* ---- acting ---- */

enum action_kind {
	ACTION_SIGNAL,           /* signo to the process */
	ACTION_RENICE,           /* nice, or nice step */
	ACTION_AFFINITY,         /* cpus */
	ACTION_SCHED,            /* policy, rt_priority, reset_on_fork */
	ACTION_IOPRIO,           /* io_class, io_level (ioprio_set) */
};

struct action {
	enum action_kind kind;
	pid_t pid;               /* the process (or the thread with thread) */
	uint64_t starttime;      /* stat field 22 the user saw */
	bool thread;             /* only this thread (tid), not the process;
	                            not for ACTION_SIGNAL */
	int signo;
	int nice;                /* absolute -20..19, or the step with
	                            nice_step */
	bool nice_step;          /* nice is added to the current nice */
	const struct cpu_mask *cpus;   /* borrowed */
	int policy;              /* SCHED_OTHER ... SCHED_RR */
	int rt_priority;         /* 1..99 for FIFO/RR, else 0 */
	bool reset_on_fork;
	int io_class;            /* enum io_class */
	int io_level;            /* 0..7 for RT and BE, else 0 */
};

struct action_result {
	int err;                 /* 0 or -errno */
	bool exited;             /* gone, or pid reused: nothing was done */
	bool readonly;           /* refused: --readonly */
	bool fixed_cpus;         /* ACTION_AFFINITY, err -EINVAL: the kernel
	                            does not allow changing this task's CPUs
	                            (PF_NO_SETAFFINITY: a per-CPU kernel
	                            thread); nothing was tried */
	int new_nice;            /* ACTION_RENICE: the value applied */
	size_t ntasks;           /* threads acted on successfully */
	size_t nfailed;          /* threads that refused */
	bool have_verdict;       /* verdict below was computed */
	struct caps_verdict verdict;   /* the credential rules' view */
};

struct actions;

/* A context acting on processes under the collector's proc root (c is
 * borrowed and must outlive it).  readonly refuses every action with
 * -EROFS.  NULL and *err = -errno when the root cannot be opened.  Caller
 * frees with actions_free. */
struct actions *actions_new(struct collector *c, bool readonly, int *err);
void actions_free(struct actions *a);

/* Whether the context refuses all actions. */
bool actions_readonly(const struct actions *a);

/* Do act.  Fills res (always) and returns res->err: -ESRCH with
 * res->exited when the target is gone or its pid now has another start
 * time (nothing was done), -EROFS when read-only, -EPERM/-EACCES with the
 * verdict explaining which capability is missing, -EINVAL for a bad
 * argument (and, with res->fixed_cpus, for affinity of a task whose CPUs
 * the kernel does not let anyone change).  A thread vanishing mid-way is
 * not an error. */
int actions_apply(struct actions *a, const struct action *act,
	struct action_result *res);

/* "May I?": check the target still exists and judge act by the kernel's
 * credential rules without doing it.  Returns 0 when allowed, -EPERM (or
 * -EACCES for lowering nice) with res->verdict saying why, -EINVAL with
 * res->fixed_cpus for affinity the kernel never allows on this task,
 * -ESRCH when the target exited, -EROFS when read-only. */
int actions_check(struct actions *a, const struct action *act,
	struct action_result *res);

/* Append the user's message line for act and its result, e.g.
 * "renice 1234 to -5: permission denied — lowering nice needs
 * CAP_SYS_NICE" or "process 4321 exited; nothing sent".  utf8 chooses "—"
 * or "-". */
void actions_message(struct sbuf *out, const struct action *act,
	const struct action_result *res, bool utf8);

/* Current nice of tid (getpriority).  0 and *nice, or -errno. */
int actions_get_nice(pid_t tid, int *nice);

/* Current policy of tid: *policy without SCHED_RESET_ON_FORK, the flag in
 * *reset_on_fork, RT priority in *rt_priority.  0 or -errno. */
int actions_get_sched(pid_t tid, int *policy, int *rt_priority,
	bool *reset_on_fork);

#endif
