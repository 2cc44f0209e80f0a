/* collector — reads /proc into a snapshot.
 *
 * Per-process files come from the project's own openat-based reader and the
 * pure parsers in procfs.h; system figures from sysstats (libproc2).  Only
 * what `need` asks for is read.  A process that vanishes mid-read is
 * dropped; a file that cannot be read (EACCES) leaves its TASK_HAVE_ bit
 * unset.  cmdline, exe and user name are read once per process lifetime
 * and cached by (pid, starttime); cmdline and exe again after an exec
 * (seen as a comm change), once more the sample after a process was
 * first read young (it may exec keeping its comm, or rewrite its command
 * line), and on demand through collector_fill.  Tasks share the cached
 * strings (no copy per refresh).  A cmdline that could not be read is not
 * tried again for 32 samples. */
#ifndef PROCTOP_COLLECTOR_H
#define PROCTOP_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include "proctop/snapshot.h"

/* What to read.  NEED_STAT is always implied. */
enum collect_need {
	NEED_STAT    = 1u << 0,
	NEED_STATM   = 1u << 1,   /* SHR, text, data */
	NEED_STATUS  = 1u << 2,   /* swap, ctx switches, ids, caps */
	NEED_ROLLUP  = 1u << 3,   /* PSS, SwapPss (smaps_rollup, expensive) */
	NEED_IO      = 1u << 4,
	NEED_CMDLINE = 1u << 5,   /* cmdline + exe (cached per lifetime) */
	NEED_USER    = 1u << 6,   /* uid + user name (uid from fstat) */
	NEED_THREADS = 1u << 7,   /* task/<tid>/stat for every thread */
	NEED_THREAD_STATUS = 1u << 8, /* task/<tid>/status (ctx switches) */
	NEED_FDS     = 1u << 9,   /* count of fd/ entries (st_size of fd/ on
	                             kernels >= 6.2, else a listing) */
	NEED_CGROUP  = 1u << 10,  /* cgroup v2 path (interned, shared) */
	NEED_PSI     = 1u << 11,  /* system: pressure/{cpu,memory,io} */
	NEED_IDS     = 1u << 12,  /* with NEED_STATUS (or _THREAD_STATUS):
	                             keep status's other uids, gids and
	                             capability masks too (the recorder) */
};

struct collector;

/* proc_root is usually "/proc".  Returns NULL and *err = -errno when the
 * root cannot be opened.  Caller frees with collector_free. */
struct collector *collector_new(const char *proc_root, int *err);
void collector_free(struct collector *c);

/* Fill `out` (which must be freshly initialised or cleared) with every
 * process, and their threads with NEED_THREADS, reading `need`; plus the
 * system figures.  Does not call snapshot_finish.  0 or -errno (only for
 * failures of the whole sample, e.g. the root cannot be listed). */
int collector_sample(struct collector *c, unsigned need, struct snapshot *out);

/* The same sample in steps, so a caller can do other work (the TUI reads
 * keys) while it is taken: collector_begin reads the system files and
 * starts listing the processes (0 or -errno, as collector_sample; the
 * kernel's procfs is listed in pieces between the steps' reads, a
 * --proc-root tree whole here); then each
 * collector_step reads processes until the sample is complete (returns 0)
 * or CLOCK_MONOTONIC passes *deadline (returns 1: call again; NULL: no
 * deadline); -EINVAL when no sample was begun.  `out` belongs to the
 * caller but must not be touched until the sample is complete.  At most
 * one sample runs at a time; between steps, collector_fill does not
 * re-read command lines (the cache is being rebuilt) and everything else
 * works. */
int collector_begin(struct collector *c, unsigned need,
	struct snapshot *out);
int collector_step(struct collector *c, const struct timespec *deadline);

/* Whether a sample was begun and is not complete. */
bool collector_busy(const struct collector *c);

/* Drop the sample being taken, if any (its snapshot is left partial: the
 * caller clears it); what the collector cached is kept. */
void collector_abort(struct collector *c);

/* Make the next sample (or the rest of the running one) read every
 * cached process's command line again, as if each were young: for a
 * search over all command lines, including programs that rewrote theirs
 * since they were cached.  An unchanged one costs no allocation. */
void collector_recheck_cmdlines(struct collector *c);

/* Read the extra files `need` for the listed processes of snap (indices
 * into snap->procs), e.g. only the rows on screen.  NEED_CMDLINE here
 * means "re-read now" (even when the task has it): a command line that
 * changed since it was cached (a program that rewrites it, an exec that
 * kept the comm) replaces the task's and the cache's; an unchanged one
 * costs no allocation (exe is read again only when it changed).  Entries
 * whose process is gone or was replaced (start time differs) keep their
 * bits unset.  Returns 0 or -errno. */
int collector_fill(struct collector *c, struct snapshot *snap,
	const long *idx, size_t n, unsigned need);

/* From the next process read on, every sample also reads the threads of
 * the one process (pid, starttime): task/<tid>/stat, plus status with
 * NEED_THREAD_STATUS in need, as NEED_THREADS does for every process (a
 * single-threaded process gets its leader as a thread entry).  So a view
 * of one process's threads (the TUI's thread screen) comes with the
 * sample: snapshot_finish links them and gives them CPU% against a
 * previous sample that had them too.  pid 0: none (the default). */
void collector_threads_of(struct collector *c, pid_t pid,
	uint64_t starttime, unsigned need);

/* After collector_sample returned err: one line for the user naming the
 * file that failed and why, e.g. "cannot read /proc/meminfo: not a
 * regular file" (written to out, at most size bytes with the NUL). */
void collector_describe_error(const struct collector *c, int err,
	char *out, size_t size);

/* The proc root this collector reads (borrowed). */
const char *collector_root(const struct collector *c);

/* Look up a user name for uid via the collector's cache; borrowed, valid
 * for the collector's lifetime; NULL if the uid has no name. */
const char *collector_user_name(struct collector *c, uid_t uid);

/* Re-read the start time of pid from its stat (for actions that must not
 * hit a reused pid).  0 and *starttime, or -errno (-ESRCH if gone). */
int collector_pid_starttime(struct collector *c, pid_t pid,
	unsigned long long *starttime);

#endif
