/* collector — reads a /proc tree into a snapshot (see proctop/collector.h).
 *
 * One sample: list the root once, and for each pid open its directory,
 * read stat, then only the files `need` names (fstat for the owner only
 * with NEED_USER; a single-threaded process's task/ is not listed), in
 * steps with a deadline so the TUI can read keys in between.  cmdline and
 * exe come from the per-lifetime cache in cmdcache.c (a pid-sorted array
 * walked in place every sample: entries of gone processes are dropped,
 * new ones merged in at the end, and a reused pid is a new process); the
 * strings are immutable,
 * reference-counted and interned (strpool), shared by the cache and every
 * snapshot showing them.  All buffers live in the collector and are
 * reused: the hot path allocates only what the snapshot keeps. */
#include "proctop/collector.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/syscall.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"
#include "proctop/strpool.h"
#include "proctop/sysstats.h"
#include "proctop/xalloc.h"

#include "collector_priv.h"

struct collector *collector_new(const char *proc_root, int *err)
{
	struct collector *c = xcalloc(1, sizeof(*c));
	long pg;

	c->root_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->root_fd < 0) {
		*err = -errno;
		free(c);
		return NULL;
	}
	/* Only the kernel's procfs is trusted to hold regular files alone
	 * (a --proc-root copy on another file system gets every check). */
	struct statfs sfs;
	if (fstatfs(c->root_fd, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC)
		c->rflags = FILEREAD_PROCFS;
	c->ss = sysstats_new(proc_root, err);
	if (!c->ss) {
		close(c->root_fd);
		free(c);
		return NULL;
	}
	c->root = xstrdup(proc_root);
	c->hz = sysconf(_SC_CLK_TCK);
	if (c->hz <= 0)
		c->hz = 100;
	pg = sysconf(_SC_PAGESIZE);
	c->page_kib = pg >= 1024 ? pg / 1024 : 4;
	sbuf_init(&c->buf);
	strpool_init(&c->strings);
	return c;
}

void collector_free(struct collector *c)
{
	if (!c)
		return;
	collector_abort(c);
	cmdcache_fini(c);
	for (size_t i = 0; i < c->nusers; i++)
		free(c->users[i].name);
	free(c->users);
	free(c->pids);
	free(c->tids);
	sbuf_fini(&c->buf);
	strpool_fini(&c->strings);
	sysstats_free(c->ss);
	close(c->root_fd);
	free(c->root);
	free(c);
}

const char *collector_root(const struct collector *c)
{
	return c->root;
}

/* ---- user names ------------------------------------------------------- */

const char *collector_user_name(struct collector *c, uid_t uid)
{
	size_t lo = 0, hi = c->nusers;
	struct passwd pw, *res = NULL;
	char stackbuf[1024], *pwbuf = stackbuf, *name = NULL;
	size_t pwlen = sizeof(stackbuf);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->users[mid].uid == uid)
			return c->users[mid].name;
		if (c->users[mid].uid < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Not cached: look it up once; ERANGE grows the buffer (bounded). */
	for (;;) {
		int rc = getpwuid_r(uid, &pw, pwbuf, pwlen, &res);
		if (rc != ERANGE || pwlen >= 1u << 20)
			break;
		pwlen *= 2;
		if (pwbuf != stackbuf)
			free(pwbuf);
		pwbuf = xmalloc(pwlen);
		/* xmalloc never returns NULL, but its declaration does not say
		 * so: without this, gcc -O2 with sanitizers warns (-Wnonnull) */
		if (!pwbuf)
			break;
	}
	if (res && res->pw_name)
		name = xstrdup(res->pw_name);
	if (pwbuf != stackbuf)
		free(pwbuf);

	if (c->nusers == c->users_cap) {
		c->users_cap = c->users_cap ? c->users_cap * 2 : 16;
		c->users = xreallocarray(c->users, c->users_cap,
			sizeof(*c->users));
	}
	memmove(&c->users[lo + 1], &c->users[lo],
		(c->nusers - lo) * sizeof(*c->users));
	c->users[lo].uid = uid;
	c->users[lo].name = name;
	c->nusers++;
	return name;
}

/* ---- per-process reading ---------------------------------------------- */

/* Read one single-record file of a task (see reader_read_record), without
 * the regular-file check on a real procfs. */
static int read_record(const struct collector *c, int dirfd,
	const char *name, size_t cap, struct sbuf *buf)
{
	return fileread_at(dirfd, name, buf, cap,
		FILEREAD_ONE_RECORD | c->rflags);
}

/* Read and parse stat of the task whose directory is dirfd. */
static int read_stat(struct collector *c, int dirfd, struct task_stat *st)
{
	int rc = read_record(c, dirfd, "stat", FILEREAD_CAP_RECORD, &c->buf);
	if (rc < 0)
		return rc;
	return procfs_parse_stat(c->buf.data, c->buf.len, st);
}

/* Count the open fds of the process whose directory is dirfd into *n.
 * Since Linux 6.2 a stat of fd/ gives the count as its size (learnt once
 * from the root's self/fd, which has at least stdin..stderr); else the
 * entries of fd/ are counted.  0 or -errno. */
static int count_fds(struct collector *c, int dirfd, uint64_t *n)
{
	char ents[4096];
	struct stat sb;
	long got;
	int fd;

	if (c->fd_size == 0)
		c->fd_size = fstatat(c->root_fd, "self/fd", &sb, 0) == 0 &&
			S_ISDIR(sb.st_mode) && sb.st_size > 0 ? 1 : -1;
	if (c->fd_size > 0) {
		if (fstatat(dirfd, "fd", &sb, 0) < 0)
			return -errno;
		*n = (uint64_t)sb.st_size;
		return 0;
	}
	fd = openat(dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*n = 0;
	while ((got = syscall(SYS_getdents64, fd, ents, sizeof(ents))) > 0) {
		for (long off = 0; off < got;) {
			unsigned short reclen;
			const char *name;

			memcpy(&reclen, ents + off + 16, sizeof(reclen));
			name = ents + off + 19;
			if (name[0] != '.')
				(*n)++;
			if (!reclen)
				break;
			off += reclen;
		}
	}
	got = got < 0 ? -errno : 0;
	close(fd);
	return (int)got;
}

/* Read the cgroup path of the process at dirfd into t (held by snap;
 * interned: processes of one unit share it). */
static void read_cgroup(struct collector *c, int dirfd,
	struct snapshot *snap, struct task *t)
{
	struct snap_str *str;
	const char *path;
	size_t len;

	if (reader_read_file(dirfd, "cgroup", FILEREAD_CAP_STATUS,
		&c->buf) < 0 ||
	    procfs_cgroup_path(c->buf.data, c->buf.len, &path, &len) < 0)
		return;
	str = strpool_intern(&c->strings, path, len);
	snapshot_task_extra(snap, t)->cgroup = snapshot_hold(snap, str);
	snap_str_unref(str);
	t->have |= TASK_HAVE_CGROUP;
}

/* Parse the status text in b into what task t of snapshot s keeps of it
 * (its extra record, and with NEED_IDS in need its ids record) and set
 * TASK_HAVE_STATUS (and _IDS); 0 or -errno. */
static int keep_status(const struct sbuf *b, struct snapshot *s,
	struct task *t, unsigned need)
{
	struct task_status st;
	int rc = procfs_parse_status(b->data, b->len, &st);

	if (rc == 0) {
		task_keep_status(&snapshot_task_extra(s, t)->status, &st);
		t->have |= TASK_HAVE_STATUS;
		if (need & NEED_IDS) {
			task_keep_ids(snapshot_task_ids(s, t), &st);
			t->have |= TASK_HAVE_IDS;
		}
	}
	return rc;
}

/* Read the optional per-process files `need` names into t of snapshot s;
 * a file that cannot be read or parsed leaves its bit unset.  Each is
 * parsed whole and only what a task keeps (task.h) is copied. */
static void read_optional(struct collector *c, int dirfd, unsigned need,
	struct snapshot *s, struct task *t)
{
	struct sbuf *b = &c->buf;
	struct task_statm statm;
	struct task_rollup rollup;
	struct task_io io;

	uint64_t nfds;
	if ((need & NEED_FDS) && count_fds(c, dirfd, &nfds) == 0) {
		snapshot_task_extra(s, t)->nfds = nfds;
		t->have |= TASK_HAVE_FDS;
	}

	if ((need & NEED_STATM) &&
	    read_record(c, dirfd, "statm", FILEREAD_CAP_RECORD, b) == 0 &&
	    procfs_parse_statm(b->data, b->len, &statm) == 0) {
		task_keep_statm(snapshot_task_statm(s, t), &statm);
		t->have |= TASK_HAVE_STATM;
	}
	if ((need & NEED_STATUS) &&
	    read_record(c, dirfd, "status", FILEREAD_CAP_STATUS, b) == 0)
		keep_status(b, s, t, need);
	if ((need & NEED_ROLLUP) &&
	    read_record(c, dirfd, "smaps_rollup", FILEREAD_CAP_STATUS, b) == 0 &&
	    procfs_parse_rollup(b->data, b->len, &rollup) == 0) {
		task_keep_rollup(&snapshot_task_extra(s, t)->rollup, &rollup);
		t->have |= TASK_HAVE_ROLLUP;
	}
	if ((need & NEED_IO) &&
	    read_record(c, dirfd, "io", FILEREAD_CAP_RECORD, b) == 0 &&
	    procfs_parse_io(b->data, b->len, &io) == 0) {
		task_keep_io(&snapshot_task_extra(s, t)->io, &io);
		t->have |= TASK_HAVE_IO;
	}
}

/* The owner: the effective uid from status when it was read, else, with
 * NEED_USER, the owner of the /proc/<pid> directory from an fstat of fd
 * (the kernel gives it the task's effective uid; for a non-dumpable
 * process it is the files inside, not the directory, that belong to root:
 * a non-dumpable nobody process's directory still shows 65534).  status
 * is exact either way, so it wins when it was read.
 * Without either TASK_HAVE_UID stays unset (no column or filter asked). */
static void put_uid(struct collector *c, struct task *t, int fd,
	unsigned need)
{
	struct stat sb;

	if (t->have & TASK_HAVE_STATUS) {
		t->uid = t->x->status.euid;
	} else if ((need & NEED_USER) && fstat(fd, &sb) == 0) {
		t->uid = sb.st_uid;
	} else {
		return;
	}
	t->have |= TASK_HAVE_UID;
	if (need & NEED_USER)
		t->user = collector_user_name(c, t->uid);
}

/* A comm longer than a task keeps in place (kernel threads) goes whole
 * into the task's extra record. */
static void keep_long_comm(struct snapshot *s, struct task *t,
	const struct task_stat *st)
{
	size_t len = strnlen(st->comm, sizeof(st->comm));

	if (len >= TASK_COMM_INLINE)
		snapshot_set_comm(s, t, st->comm, len);
}

/* Add thread tid of process p (index pi in out->procs) with its stat st;
 * mm-wide values and the owner are copied from the process.  Returns the
 * new thread (borrowed from out). */
static struct task *add_thread(struct snapshot *out, size_t pi, pid_t tid,
	const struct task_stat_kept *st)
{
	struct task *t = snapshot_add_thread(out);
	const struct task *p = &out->procs[pi];

	t->stat = *st;
	t->pid = tid;
	t->tgid = p->pid;
	t->is_kthread = p->is_kthread;
	t->have = TASK_HAVE_STAT | (p->have &
		(TASK_HAVE_UID | TASK_HAVE_STATM | TASK_HAVE_ROLLUP));
	t->uid = p->uid;
	t->user = p->user;
	t->statm = p->statm;     /* shared: the same snapshot's record */
	if (p->have & TASK_HAVE_ROLLUP)
		snapshot_task_extra(out, t)->rollup = p->x->rollup;
	return t;
}

/* Threads of process p (index pi in out->procs): task/<tid>/stat for each,
 * plus status with NEED_THREAD_STATUS, read as "<tid>/stat" relative to
 * the task/ fd (which pins this process, so a reused pid cannot mix in).
 * mm-wide values are copied from the process, never re-read.  A thread
 * that vanished is skipped alone. */
static void read_threads(struct collector *c, int pid_fd, size_t pi,
	unsigned need, struct snapshot *out)
{
	int task_fd = openat(pid_fd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (task_fd < 0)
		return;
	if (reader_list_pids_reuse(task_fd, &c->tids, &c->ntids,
			&c->tids_cap) < 0) {
		close(task_fd);
		return;
	}
	for (size_t i = 0; i < c->ntids; i++) {
		struct task_stat st;
		struct task_stat_kept kept;
		struct task *t;
		pid_t tid = c->tids[i];

		if (reader_read_pid_record(task_fd, tid, "stat",
			FILEREAD_CAP_RECORD, c->rflags, &c->buf) < 0 ||
		    procfs_parse_stat(c->buf.data, c->buf.len, &st) < 0)
			continue;
		task_keep_stat(&kept, &st);
		t = add_thread(out, pi, tid, &kept);
		keep_long_comm(out, t, &st);
		if ((need & NEED_THREAD_STATUS) &&
		    reader_read_pid_record(task_fd, tid, "status",
			FILEREAD_CAP_STATUS, c->rflags,
			&c->buf) == 0)
			keep_status(&c->buf, out, t, need);
	}
	close(task_fd);
}

/* The threads of process pi during a sample.  A process whose stat says
 * it has one thread (num_threads 1) has one task, the leader (tid == pid:
 * a leader that exits first stays listed until the group is gone), and
 * the process row stands for it everywhere (the list never shows a
 * leader as a thread row; the thread screen shows the process row when
 * its leader is not listed), so no thread entry is made: with every
 * process single-threaded, threads shown cost nothing.  The process's
 * counters include threads that exited, so once a process was seen with
 * more threads (had_threads, for its lifetime) its task/ is always
 * listed: otherwise the leader's CPU% would jump by the dead threads'
 * time the refresh after they exit. */
static void sample_threads(struct collector *c, int pid_fd, size_t pi,
	unsigned need, bool had_threads, struct snapshot *out)
{
	const struct task *p = &out->procs[pi];

	if (p->stat.num_threads != 1 || had_threads)
		read_threads(c, pid_fd, pi, need, out);
}

/* List the next piece of the proc root into c->pids, keeping them
 * ascending (an entry below the one before, which procfs never gives, is
 * left out).  1: more to list, 0: done, or -errno. */
static int list_more(struct collector *c)
{
	size_t first = c->npids, w = first;
	bool sorted = true;
	int rc = reader_list_pids_step(c->root_fd, &c->pids, &c->npids,
		&c->pids_cap, &sorted);

	for (size_t i = first; i < c->npids; i++)
		if (!w || c->pids[i] > c->pids[w - 1])
			c->pids[w++] = c->pids[i];
	c->npids = w;
	return rc;
}

int collector_begin(struct collector *c, unsigned need,
	struct snapshot *out)
{
	int rc;

	collector_abort(c);
	clock_gettime(CLOCK_MONOTONIC, &out->mono);
	out->wall = time(NULL);
	out->hz = c->hz;
	out->page_kib = c->page_kib;

	rc = sysstats_read(c->ss, &out->sys);
	if (rc < 0) {
		c->failed = sysstats_failed_file(c->ss);
		return rc;
	}
	if (need & NEED_PSI)
		sysstats_read_psi(c->ss, &out->sys.psi);
	c->prev_uptime_s = c->uptime_s;
	c->uptime_s = out->sys.uptime_s;
	c->failed = NULL;          /* now: the listing */
	if (lseek(c->root_fd, 0, SEEK_SET) < 0)
		return -errno;
	/* The kernel's procfs lists pids in ascending order, about 3 us
	 * each (100 ms at 30,000 processes): listed in steps between the
	 * reads.  Another tree is listed whole and sorted. */
	bool steps = (c->rflags & FILEREAD_PROCFS) != 0;
	c->npids = 0;
	rc = steps ? list_more(c) : reader_list_pids_reuse(c->root_fd,
		&c->pids, &c->npids, &c->pids_cap);
	if (rc < 0)
		return rc;
	if (need & NEED_THREADS)
		out->has_threads = true;

	c->nnext = 0;
	c->run = (struct sample_run){
		.active = true, .need = need, .out = out, .listing = rc > 0,
	};
	return 0;
}

/* Read process c->pids[i] of the running sample into its snapshot. */
static void sample_one(struct collector *c, size_t i)
{
	struct snapshot *out = c->run.out;
	unsigned need = c->run.need;
	pid_t pid = c->pids[i];
	struct task_stat st;
	struct task *t;
	int fd = reader_open_pid(c->root_fd, pid);

	if (fd < 0)
		return;                  /* gone since the listing */
	if (read_stat(c, fd, &st) < 0) {
		close(fd);               /* vanished (or garbage) */
		return;
	}
	t = snapshot_add_proc(out);
	t->pid = t->tgid = pid;
	task_keep_stat(&t->stat, &st);
	t->have = TASK_HAVE_STAT;
	keep_long_comm(out, t, &st);
	t->is_kthread = (st.flags & PF_KTHREAD_FLAG) != 0;
	read_optional(c, fd, need, out, t);
	put_uid(c, t, fd, need);
	if (need & NEED_CGROUP)
		read_cgroup(c, fd, out, t);

	struct cmd_entry *e = cmdcache_take(c, &c->run.cur, pid, &st, fd,
		(need & NEED_CMDLINE) != 0, (need & NEED_THREADS) != 0);
	if (e && (need & NEED_CMDLINE))
		cmdcache_put(out, t, e);

	if ((need & NEED_THREADS) && e && st.num_threads > 1)
		e->had_threads = true;
	if (pid == c->threads_of.pid && st.starttime == c->threads_of.starttime)
		read_threads(c, fd, out->nprocs - 1,
			need | c->threads_of.need, out);
	else if (need & NEED_THREADS)
		sample_threads(c, fd, out->nprocs - 1, need,
			e && e->had_threads, out);
	close(fd);
}

static bool past(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > deadline->tv_sec ||
		(now.tv_sec == deadline->tv_sec &&
		 now.tv_nsec >= deadline->tv_nsec);
}

int collector_step(struct collector *c, const struct timespec *deadline)
{
	if (!c->run.active)
		return -EINVAL;
	for (;;) {
		if (c->run.next == c->npids) {
			if (!c->run.listing)
				break;
			/* an error mid-listing ends it: the sample has the
			 * processes listed so far */
			c->run.listing = list_more(c) > 0;
		} else {
			sample_one(c, c->run.next++);
		}
		if (deadline && (c->run.next < c->npids || c->run.listing) &&
		    past(deadline))
			return 1;
	}
	cmdcache_commit(c, c->run.cur);
	c->nsample++;
	if (c->nsample % STRPOOL_SWEEP_SAMPLES == 0)
		strpool_sweep(&c->strings);
	c->run.active = false;
	return 0;
}

bool collector_busy(const struct collector *c)
{
	return c->run.active;
}

void collector_abort(struct collector *c)
{
	if (!c->run.active)
		return;
	cmdcache_abort(c, c->run.cur);
	c->run.active = false;
}

int collector_sample(struct collector *c, unsigned need, struct snapshot *out)
{
	int rc = collector_begin(c, need, out);

	while (rc == 0 && (rc = collector_step(c, NULL)) > 0)
		;
	return rc;
}

int collector_fill(struct collector *c, struct snapshot *snap,
	const long *idx, size_t n, unsigned need)
{
	for (size_t i = 0; i < n; i++) {
		struct task_stat st;
		struct task *t;
		int fd;

		if (idx[i] < 0 || (size_t)idx[i] >= snap->nprocs)
			continue;
		t = &snap->procs[idx[i]];
		fd = reader_open_pid(c->root_fd, t->pid);
		if (fd < 0)
			continue;
		if (read_stat(c, fd, &st) < 0 ||
		    st.starttime != t->stat.starttime) {
			close(fd);               /* gone or replaced */
			continue;
		}
		read_optional(c, fd, need, snap, t);
		if ((need & NEED_USER) && !t->user && (t->have & TASK_HAVE_UID))
			t->user = collector_user_name(c, t->uid);
		/* the cache is mid-merge while a sample runs: re-read later */
		if ((need & NEED_CMDLINE) && !c->run.active) {
			const struct cmd_entry *e = cmdcache_lookup(c, t->pid,
				&st, fd);
			cmdcache_put(snap, t, e);
		}
		close(fd);
	}
	return 0;
}

void collector_threads_of(struct collector *c, pid_t pid,
	uint64_t starttime, unsigned need)
{
	c->threads_of.pid = pid;
	c->threads_of.starttime = starttime;
	c->threads_of.need = need & NEED_THREAD_STATUS;
}

int collector_pid_starttime(struct collector *c, pid_t pid,
	unsigned long long *starttime)
{
	struct task_stat st;
	int fd = reader_open_pid(c->root_fd, pid);
	int rc;

	if (fd < 0)
		return fd == -ENOENT ? -ESRCH : fd;
	rc = read_stat(c, fd, &st);
	close(fd);
	if (rc == -ENOENT)
		return -ESRCH;
	if (rc < 0)
		return rc;
	*starttime = st.starttime;
	return 0;
}

void collector_describe_error(const struct collector *c, int err,
	char *out, size_t size)
{
	if (c->failed)
		snprintf(out, size, "cannot read %s/%s: %s", c->root,
			c->failed, fileread_strerror(err));
	else
		snprintf(out, size, "cannot list the processes in %s: %s",
			c->root, fileread_strerror(err));
}
