/* collector_priv — the collector's state, shared by its two files:
 * collector.c (sampling: listing, per-process files, threads, steps) and
 * cmdcache.c (the per-lifetime cache of command lines and exe paths).
 * Private to src/collect. */
#ifndef PROCTOP_COLLECTOR_PRIV_H
#define PROCTOP_COLLECTOR_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/collector.h"
#include "proctop/procfs.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"
#include "proctop/strpool.h"

/* Samples between two sweeps of the strings (command lines, exe and
 * cgroup paths) nobody but the pool holds. */
#define STRPOOL_SWEEP_SAMPLES 8
/* Samples between two attempts at a cmdline that could not be read. */
#define CMD_RETRY_SAMPLES 32
/* On the first sample, a process younger than this is young (see top). */
#define YOUNG_FIRST_S 1.0

/* What we keep for one process across samples (40 bytes: one entry per
 * process, in one array). */
struct cmd_entry {
	pid_t pid;            /* 0: dropped during the running sample */
	uint32_t comm_hash;   /* comm_hash() of comm when read: a change
	                         means exec */
	uint64_t starttime;
	uint32_t retry_sample;
	bool have_cmdline;    /* cmdline (+exe) was read */
	bool recheck;         /* young when read: read again next sample */
	bool failed;          /* the read failed; retry at retry_sample */
	bool had_threads;     /* seen with num_threads > 1 in this lifetime */
	struct snap_str *cmdline; /* joined; NULL when empty/unreadable; one
	                             reference held */
	struct snap_str *exe; /* NULL when unreadable (kernel thread, EACCES) */
};

/* A sample taken in steps (collector_begin / collector_step). */
struct sample_run {
	bool active;
	unsigned need;
	struct snapshot *out;
	size_t next;          /* index into pids of the next process */
	bool listing;         /* pids is still being listed (a real procfs,
	                         which lists in ascending order: in steps) */
	size_t cur;           /* merge walk position in the old cache */
};

struct user_entry {
	uid_t uid;
	char *name;           /* NULL: the uid has no name */
};

struct collector {
	char *root;
	int root_fd;
	struct sysstats *ss;
	long hz, page_kib;

	struct sbuf buf;                  /* file contents, reused */
	pid_t *pids;                      /* root listing, reused */
	size_t npids, pids_cap;
	pid_t *tids;                      /* task/ listing, reused */
	size_t ntids, tids_cap;

	struct cmd_entry *cache;          /* sorted by pid */
	size_t ncache, cache_cap;
	struct cmd_entry *next;           /* processes new in the running
	                                     sample, by pid; merged into
	                                     cache when it ends */
	size_t nnext, next_cap;

	struct user_entry *users;         /* sorted by uid */
	size_t nusers, users_cap;

	int fd_size;                      /* fd/'s st_size is the count of
	                                     open fds: 0 unknown, 1 yes, -1 no */

	unsigned long nsample;            /* collector_sample calls so far */
	const char *failed;               /* file of the last failed sample,
	                                     NULL: the listing (or none) */
	struct sample_run run;            /* the sample being taken */
	struct strpool strings;           /* cmdline and exe strings, one
	                                     copy of each (interned) */
	unsigned rflags;                  /* FILEREAD_PROCFS on a real procfs */
	double uptime_s, prev_uptime_s;   /* of the last two samples, 0: none */
	struct {                          /* collector_threads_of */
		pid_t pid;                /* 0: none */
		uint64_t starttime;
		unsigned need;
	} threads_of;
};

/* ---- cmdcache.c ---------------------------------------------------------
 * The cache is an array of cmd_entry sorted by pid, updated in place by a
 * sample's walk: cmdcache_take finds each listed process's entry at
 * position *cur (pids ascending), drops the entries it passes (gone
 * processes) and puts a process it has no entry for in c->next; when the
 * sample ends, cmdcache_commit drops the rest and merges c->next in.  No
 * second copy of the cache is built. */

/* The entry for the process (pid, stat st) during a sample, brought up to
 * date (read cmdline from dirfd when `want` and due; a new entry without
 * cmdline when only `track`: threads are shown).  May return NULL. */
struct cmd_entry *cmdcache_take(struct collector *c, size_t *cur, pid_t pid,
	const struct task_stat *st, int dirfd, bool want, bool track);
/* End the sample's walk at cur: drop the entries not reached (gone), merge
 * the new ones in. */
void cmdcache_commit(struct collector *c, size_t cur);
/* End a sample early: keep the entries not reached, merge the new ones. */
void cmdcache_abort(struct collector *c, size_t cur);
/* Outside a sample (collector_fill): find or insert the entry and read its
 * cmdline now.  Borrowed from c. */
const struct cmd_entry *cmdcache_lookup(struct collector *c, pid_t pid,
	const struct task_stat *st, int dirfd);
/* Share e's cmdline/exe with the snapshot's task t (no copy). */
void cmdcache_put(struct snapshot *snap, struct task *t,
	const struct cmd_entry *e);
/* Free every entry and both arrays. */
void cmdcache_fini(struct collector *c);

#endif
