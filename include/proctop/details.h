/* details — everything the details screen shows about one process, read
 * on demand (only while that screen is open) through the same openat-based
 * reader as the collector.
 *
 * A field group is valid only when its DETAILS_HAVE_ bit is set; a file
 * that cannot be read (EACCES, a kernel thread has no exe/cwd) leaves it
 * unset, to be shown as "-". */
#ifndef PROCTOP_DETAILS_H
#define PROCTOP_DETAILS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/task.h"

enum details_have {
	DETAILS_HAVE_STAT     = 1u << 0,   /* stat: ids, state, nice, policy */
	DETAILS_HAVE_STATUS   = 1u << 1,   /* status: uids/gids, caps, ctxt */
	DETAILS_HAVE_CMDLINE  = 1u << 2,
	DETAILS_HAVE_EXE      = 1u << 3,
	DETAILS_HAVE_CWD      = 1u << 4,
	DETAILS_HAVE_CGROUP   = 1u << 5,
	DETAILS_HAVE_OOM      = 1u << 6,   /* oom_score and oom_score_adj */
	DETAILS_HAVE_LIMITS   = 1u << 7,   /* limits: RLIMIT_NICE/RTPRIO */
	DETAILS_HAVE_AFFINITY = 1u << 8,   /* Cpus_allowed_list (status) */
	DETAILS_HAVE_ROLLUP   = 1u << 9,   /* smaps_rollup: PSS, USS, SwapPss */
	DETAILS_HAVE_CG_MEM   = 1u << 10,  /* the cgroup's memory.current */
	DETAILS_HAVE_CG_MAX   = 1u << 11,  /* the cgroup's memory.max */
};

struct proc_details {
	uint32_t have;            /* enum details_have bits */
	pid_t pid;
	struct task_stat stat;    /* pid, ppid, pgrp (pgid), session (sid),
	                             state, nice, priority, policy,
	                             rt_priority, processor, num_threads,
	                             faults, starttime */
	struct task_status status;/* tgid, real/effective/saved/fs uid and
	                             gid, Cap* masks, context switches */
	char *cmdline;            /* raw, args joined by ' '; owned; NULL if
	                             empty or unreadable */
	size_t cmdline_len;
	char *exe;                /* readlink, raw; owned or NULL */
	char *cwd;                /* readlink, raw; owned or NULL */
	char *cgroup;             /* the cgroup file, raw, lines joined by
	                             "; "; owned or NULL */
	char *cpus_allowed_list;  /* full Cpus_allowed_list; owned or NULL */
	int oom_score;            /* 0..2000 */
	int oom_score_adj;        /* -1000..1000 */
	long rlim_nice;           /* RLIMIT_NICE soft, -1 unlimited */
	long rlim_rtprio;         /* RLIMIT_RTPRIO soft, -1 unlimited */
	struct task_rollup rollup;/* DETAILS_HAVE_ROLLUP: smaps_rollup (PSS,
	                             USS = private clean + dirty, SwapPss) */
	uint64_t cg_mem_current;  /* DETAILS_HAVE_CG_MEM: bytes charged to
	                             the process's cgroup (v2) */
	uint64_t cg_mem_max;      /* DETAILS_HAVE_CG_MAX: its limit in bytes;
	                             UINT64_MAX for "max" (no limit) */
	bool cg_v1;               /* the two come from a cgroup v1 memory
	                             controller (memory.usage_in_bytes,
	                             memory.limit_in_bytes; a limit of 2^63
	                             rounded down to a page is "max") */
};

void details_init(struct proc_details *d);
/* Frees the strings; d can be reused after details_init. */
void details_fini(struct proc_details *d);

/* Read the details of pid under proc_root ("/proc").  starttime is the
 * start time the caller saw: if the pid now has another one, returns
 * -ESRCH (a reused pid is another process).  Returns 0 (some groups may be
 * missing, see have), -ESRCH/-ENOENT when the process is gone, or -errno
 * when the root cannot be opened.  d is details_fini'd first. */
int details_read(const char *proc_root, pid_t pid, uint64_t starttime,
	struct proc_details *d);

/* Parse /proc/<pid>/limits: the soft "Max nice priority" and "Max
 * realtime priority" values (-1 for unlimited; a missing line leaves its
 * output unchanged).  Pure.  0, or -EINVAL when the header is missing. */
int details_parse_limits(const char *buf, size_t len, long *rlim_nice,
	long *rlim_rtprio);

/* The cgroup v2 path of a /proc/<pid>/cgroup text (the "0::/path" line)
 * into buf (size bytes), relative (no leading '/'; "" for the root).
 * 0, or -ENOENT when there is no v2 line, -EINVAL when the path has a
 * ".." component or does not fit.  Pure. */
int details_parse_cgroup2(const char *buf, size_t len, char *out,
	size_t size);

/* The same for the cgroup v1 memory controller's line ("N:memory:/path"
 * or "N:...,memory,...:/path"). */
int details_parse_cgroup_v1_memory(const char *buf, size_t len, char *out,
	size_t size);

/* Copy the value of status's "Cpus_allowed_list:" line (untruncated, no
 * newline) into a new string (caller frees); NULL if absent.  Pure. */
char *details_parse_cpus_allowed(const char *buf, size_t len);

#endif
