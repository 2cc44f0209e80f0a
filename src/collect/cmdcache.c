/* cmdcache — the collector's cache of command lines and exe paths, per
 * process lifetime (see collector_priv.h and proctop/collector.h).
 *
 * An entry is keyed by (pid, start time), so a reused pid is a new
 * process.  Its cmdline is read once, again after an exec (seen as a comm
 * change), once more the sample after a young process was first read, and
 * on demand (collector_fill with NEED_CMDLINE, collector_recheck_cmdlines).
 * A re-read that finds the same bytes keeps the strings; a failed read is
 * retried only every CMD_RETRY_SAMPLES samples.  An exec that keeps the
 * comm (bash -> bash script.sh) and a program that rewrites its command
 * line (postgres, sshd) are caught by the young re-read and the on-demand
 * ones. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/reader.h"
#include "proctop/xalloc.h"

#include "collector_priv.h"

/* FNV-1a of a comm (NUL-terminated, at most TASK_COMM_MAX bytes): what a
 * cache entry keeps of it to see an exec (a collision only delays that
 * to the young-process re-check). */
static uint32_t comm_hash(const char *comm)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < TASK_COMM_MAX && comm[i]; i++)
		h = (h ^ (unsigned char)comm[i]) * 16777619u;
	return h;
}

static void cmd_entry_fini(struct cmd_entry *e)
{
	snap_str_unref(e->cmdline);
	snap_str_unref(e->exe);
	memset(e, 0, sizeof(*e));
}

/* Whether a process with stat st, read now, may still exec or rewrite its
 * command line soon: it started after the previous sample (or, on the
 * first, less than YOUNG_FIRST_S before it).  Without a clock (no uptime
 * file) every process first seen after the first sample is young. */
static bool is_young(const struct collector *c, const struct task_stat *st)
{
	double start_s = (double)st->starttime / (double)c->hz;

	if (c->uptime_s <= 0)
		return c->nsample > 0;
	if (c->prev_uptime_s > 0)
		return start_s >= c->prev_uptime_s;
	return c->uptime_s - start_s < YOUNG_FIRST_S;
}

/* Read cmdline and exe from dirfd into e (pid and starttime set) for the
 * process with stat st; a failed first read is remembered (a failed
 * re-read keeps what was read).  A re-read that finds the same cmdline
 * keeps e's strings (no allocation) and does not read exe again.  `exec`:
 * an exec was just seen.  Sets e->recheck when the entry is young. */
static void read_cmd_entry(struct collector *c, int dirfd,
	struct cmd_entry *e, const struct task_stat *st, bool exec)
{
	char link[4096 + 64];
	bool was_recheck = e->recheck;
	size_t len;
	ssize_t n;
	int rc;

	e->comm_hash = comm_hash(st->comm);
	e->recheck = false;
	rc = reader_read_cmdline(dirfd, &c->buf);
	if (rc < 0) {
		if (!e->have_cmdline) {
			e->failed = true;
			e->retry_sample = (uint32_t)c->nsample +
				CMD_RETRY_SAMPLES;
		}
		return;
	}
	len = (size_t)rc;
	e->recheck = !was_recheck && (exec || is_young(c, st));
	if (e->have_cmdline && (e->cmdline ?
		(e->cmdline->len == len &&
		 !memcmp(e->cmdline->bytes, c->buf.data, len)) : len == 0))
		return;                          /* unchanged */
	e->have_cmdline = true;
	e->failed = false;
	snap_str_unref(e->cmdline);
	e->cmdline = len ? strpool_intern(&c->strings, c->buf.data, len) :
		NULL;
	/* readlink truncates silently: a full buffer keeps the prefix */
	snap_str_unref(e->exe);
	e->exe = NULL;
	n = readlinkat(dirfd, "exe", link, sizeof(link) - 1);
	if (n > 0)
		e->exe = strpool_intern(&c->strings, link, (size_t)n);
}

/* Share the cached cmdline/exe with the snapshot's task (no copy). */
void cmdcache_put(struct snapshot *snap, struct task *t,
	const struct cmd_entry *e)
{
	if (!e->have_cmdline)
		return;
	t->have |= TASK_HAVE_CMDLINE;
	snapshot_share_cmd(snap, t, e->cmdline, e->exe);
}

/* A zeroed entry appended to c->next (valid until the next append). */
static struct cmd_entry *next_append(struct collector *c)
{
	if (c->nnext == c->next_cap) {
		c->next_cap = c->next_cap ? c->next_cap * 2 : 64;
		c->next = xreallocarray(c->next, c->next_cap, sizeof(*c->next));
	}
	struct cmd_entry *e = &c->next[c->nnext++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* Bring entry e (same pid and starttime as the process with stat st) up
 * to date: an exec (comm changed; kernel threads never exec, but some
 * rename themselves all the time) drops what was read; then, when `want`,
 * read cmdline if never read (or failed, and the retry is due), after an
 * exec, when young (recheck) or when `force`. */
static void cache_refresh(struct collector *c, struct cmd_entry *e,
	const struct task_stat *st, int dirfd, bool want, bool force)
{
	bool exec = !(st->flags & PF_KTHREAD_FLAG) &&
		e->comm_hash != comm_hash(st->comm);

	if (exec) {
		snap_str_unref(e->cmdline);
		snap_str_unref(e->exe);
		e->cmdline = e->exe = NULL;
		e->have_cmdline = e->failed = e->recheck = false;
		e->comm_hash = comm_hash(st->comm);
	}
	if (!want)
		return;
	if (force || exec || e->recheck ||
	    (!e->have_cmdline && !(e->failed &&
		(int32_t)(e->retry_sample - (uint32_t)c->nsample) > 0)))
		read_cmd_entry(c, dirfd, e, st, exec);
}

/* During a sample: the cache entry for the process (pid, stat), found in
 * place (walked with *cur, pids ascending; the entries passed belong to
 * gone processes and are dropped); a new one in c->next when there is
 * none: with cmdline read from dirfd when `want`, or without when only
 * `track` (threads are shown: had_threads must last the process's
 * lifetime).  had_threads survives an exec.  May return NULL; the entry
 * is valid until the next call. */
struct cmd_entry *cmdcache_take(struct collector *c, size_t *cur,
	pid_t pid, const struct task_stat *st, int dirfd, bool want,
	bool track)
{
	struct cmd_entry *e;

	while (*cur < c->ncache && c->cache[*cur].pid < pid)
		cmd_entry_fini(&c->cache[(*cur)++]);
	if (*cur < c->ncache && c->cache[*cur].pid == pid) {
		e = &c->cache[(*cur)++];
		if (e->starttime == st->starttime) {
			cache_refresh(c, e, st, dirfd, want, false);
			return e;
		}
		cmd_entry_fini(e);     /* pid reused */
	}
	if (!want && !track)
		return NULL;
	e = next_append(c);
	e->pid = pid;
	e->starttime = st->starttime;
	if (want)
		read_cmd_entry(c, dirfd, e, st, false);
	else
		e->comm_hash = comm_hash(st->comm);
	return e;
}

/* Drop the dropped entries (pid 0) from the cache and merge c->next (new
 * processes, by pid; none of them is in the cache) into it. */
static void cache_merge_new(struct collector *c)
{
	size_t w = 0, m = c->nnext;

	for (size_t i = 0; i < c->ncache; i++)
		if (c->cache[i].pid)
			c->cache[w++] = c->cache[i];
	c->ncache = w;
	if (!m)
		return;
	if (!w) {                      /* the first sample: take next whole */
		struct cmd_entry *tmp = c->cache;
		size_t cap = c->cache_cap;
		c->cache = c->next;
		c->cache_cap = c->next_cap;
		c->ncache = m;
		c->next = tmp;
		c->next_cap = cap;
		c->nnext = 0;
		return;
	}
	if (w + m > c->cache_cap) {
		c->cache_cap = w + m + (w + m) / 8;
		c->cache = xreallocarray(c->cache, c->cache_cap,
			sizeof(*c->cache));
	}
	/* Merge from the back, in place. */
	size_t i = w, j = m, k = w + m;
	while (j > 0) {
		if (i > 0 && c->cache[i - 1].pid > c->next[j - 1].pid)
			c->cache[--k] = c->cache[--i];
		else
			c->cache[--k] = c->next[--j];
	}
	c->ncache = w + m;
	c->nnext = 0;
}

/* Finish a sample's walk: drop what was not reached, merge the new. */
void cmdcache_commit(struct collector *c, size_t cur)
{
	for (; cur < c->ncache; cur++)
		cmd_entry_fini(&c->cache[cur]);
	cache_merge_new(c);
}

/* Outside a sample (collector_fill): find or insert the entry and read
 * its cmdline now. */
const struct cmd_entry *cmdcache_lookup(struct collector *c, pid_t pid,
	const struct task_stat *st, int dirfd)
{
	size_t lo = 0, hi = c->ncache;
	struct cmd_entry *e;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->cache[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->ncache && c->cache[lo].pid == pid) {
		e = &c->cache[lo];
		if (e->starttime == st->starttime) {
			cache_refresh(c, e, st, dirfd, true, true);
			return e;
		}
		cmd_entry_fini(e);     /* pid reused */
	} else {
		if (c->ncache == c->cache_cap) {
			c->cache_cap = c->cache_cap ? c->cache_cap * 2 : 256;
			c->cache = xreallocarray(c->cache, c->cache_cap,
				sizeof(*c->cache));
		}
		memmove(&c->cache[lo + 1], &c->cache[lo],
			(c->ncache - lo) * sizeof(*c->cache));
		c->ncache++;
		e = &c->cache[lo];
		memset(e, 0, sizeof(*e));
	}
	e->pid = pid;
	e->starttime = st->starttime;
	read_cmd_entry(c, dirfd, e, st, false);
	return e;
}

void collector_recheck_cmdlines(struct collector *c)
{
	/* mid-sample, the new processes' entries are in next */
	for (size_t i = 0; i < c->ncache; i++)
		if (c->cache[i].have_cmdline)
			c->cache[i].recheck = true;
	for (size_t i = 0; i < c->nnext; i++)
		if (c->next[i].have_cmdline)
			c->next[i].recheck = true;
}

void cmdcache_abort(struct collector *c, size_t cur)
{
	/* The entries not reached yet stay: nothing read is lost. */
	(void)cur;
	cache_merge_new(c);
}

void cmdcache_fini(struct collector *c)
{
	for (size_t i = 0; i < c->ncache; i++)
		cmd_entry_fini(&c->cache[i]);
	for (size_t i = 0; i < c->nnext; i++)
		cmd_entry_fini(&c->next[i]);
	free(c->cache);
	free(c->next);
	c->cache = c->next = NULL;
	c->ncache = c->nnext = 0;
}
