/* actions — signals through pidfds; nice, affinity and policy on every
 * thread; all after re-checking the target's start time
 * (see proctop/actions.h). */
#include "proctop/actions.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/details.h"
#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/xalloc.h"

#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

/* include/uapi/linux/ioprio.h (glibc has no wrapper) */
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_VALUE(cls, lvl) (((cls) << IOPRIO_CLASS_SHIFT) | (lvl))

struct actions {
	struct collector *c;     /* borrowed */
	int root_fd;             /* the proc root, O_DIRECTORY */
	bool readonly;
	struct sbuf buf;         /* scratch for file reads */
};

struct actions *actions_new(struct collector *c, bool readonly, int *err)
{
	int fd = open(collector_root(c), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	struct actions *a = xcalloc(1, sizeof(*a));
	a->c = c;
	a->root_fd = fd;
	a->readonly = readonly;
	sbuf_init(&a->buf);
	return a;
}

void actions_free(struct actions *a)
{
	if (!a)
		return;
	close(a->root_fd);
	sbuf_fini(&a->buf);
	free(a);
}

bool actions_readonly(const struct actions *a)
{
	return a->readonly;
}

/* glibc 2.36 declares no wrappers for these two. */
static int sys_pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int sys_pidfd_send_signal(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* Open <pid> under the root and check it still has starttime; fills *st.
 * Returns the directory fd, or -ESRCH when gone or replaced, or -errno. */
static int target_open(struct actions *a, pid_t pid, uint64_t starttime,
	struct task_stat *st)
{
	int dirfd = reader_open_pid(a->root_fd, pid);

	if (dirfd < 0)
		return dirfd == -ENOENT ? -ESRCH : dirfd;
	int err = reader_read_file(dirfd, "stat", FILEREAD_CAP_RECORD, &a->buf);
	if (!err && procfs_parse_stat(a->buf.data, a->buf.len, st) != 0)
		err = -ESRCH;   /* an unparsable stat: not the process we saw */
	if (!err && st->starttime != starttime)
		err = -ESRCH;
	if (err) {
		close(dirfd);
		return err == -ENOENT ? -ESRCH : err;
	}
	return dirfd;
}

/* stat flags: the kernel refuses sched_setaffinity on this task with
 * EINVAL (per-CPU kernel threads, kthread_bind). */
#define PF_NO_SETAFFINITY_FLAG 0x04000000u

/* Affinity the kernel never allows on the task whose stat is st. */
static bool fixed_cpus(const struct action *act, const struct task_stat *st)
{
	return act->kind == ACTION_AFFINITY &&
		(st->flags & PF_NO_SETAFFINITY_FLAG);
}

/* Gather what caps_judge needs about the target open as dirfd. */
static void target_facts(struct actions *a, int dirfd,
	const struct task_stat *st, struct caps_target *t)
{
	struct task_status status;

	memset(t, 0, sizeof(*t));
	t->nice = st->nice;
	t->policy = (int)(st->policy & ~(unsigned)SCHED_RESET_ON_FORK);
	t->rt_priority = st->rt_priority;
	t->rlim_nice = 0;         /* the kernel's defaults */
	t->rlim_rtprio = 0;
	if (reader_read_file(dirfd, "status",
		FILEREAD_CAP_STATUS, &a->buf) == 0 &&
	    procfs_parse_status(a->buf.data, a->buf.len, &status) == 0) {
		t->ruid = status.ruid;
		t->euid = status.euid;
		t->suid = status.suid;
	}
	if (reader_read_file(dirfd, "limits",
		FILEREAD_CAP_STATUS, &a->buf) == 0)
		details_parse_limits(a->buf.data, a->buf.len, &t->rlim_nice,
			&t->rlim_rtprio);
}

static void judge(struct actions *a, int dirfd, const struct task_stat *st,
	const struct action *act, int new_nice, struct action_result *res)
{
	struct caps_self self;
	struct caps_target t;
	struct caps_request req = { .new_nice = new_nice,
		.policy = act->policy, .rt_priority = act->rt_priority };

	if (caps_self_read(&self) != 0)
		return;
	target_facts(a, dirfd, st, &t);
	switch (act->kind) {
	case ACTION_SIGNAL:   req.op = CAPS_OP_SIGNAL; break;
	case ACTION_RENICE:   req.op = CAPS_OP_RENICE; break;
	case ACTION_AFFINITY: req.op = CAPS_OP_AFFINITY; break;
	case ACTION_SCHED:    req.op = CAPS_OP_SCHED; break;
	case ACTION_IOPRIO:   req.op = CAPS_OP_IOPRIO; break;
	}
	req.io_class = act->io_class;
	res->verdict = caps_judge(&self, &t, &req);
	res->have_verdict = true;
}

static int clamp_nice(long v)
{
	return v < -20 ? -20 : v > 19 ? 19 : (int)v;
}

/* -EINVAL for arguments no kernel would take. */
static int validate(const struct action *act)
{
	switch (act->kind) {
	case ACTION_SIGNAL:
		if (act->thread || actions_signal_index(act->signo) < 0)
			return -EINVAL;
		break;
	case ACTION_RENICE:
		if (!act->nice_step && (act->nice < -20 || act->nice > 19))
			return -EINVAL;
		break;
	case ACTION_AFFINITY:
		if (!act->cpus || cpu_mask_count(act->cpus) == 0)
			return -EINVAL;
		break;
	case ACTION_SCHED:
		if (!actions_policy_name(act->policy))
			return -EINVAL;
		if (actions_policy_is_rt(act->policy) ?
		    act->rt_priority < 1 || act->rt_priority > 99 :
		    act->rt_priority != 0)
			return -EINVAL;
		break;
	case ACTION_IOPRIO:
		if (!actions_io_class_name(act->io_class) || act->io_level < 0 ||
		    act->io_level > 7 || ((act->io_class == IO_CLASS_NONE ||
		    act->io_class == IO_CLASS_IDLE) && act->io_level != 0))
			return -EINVAL;
		break;
	}
	return 0;
}

static int apply_signal(struct actions *a, const struct action *act,
	struct action_result *res)
{
	struct task_stat st;
	int pidfd = sys_pidfd_open(act->pid);

	if (pidfd < 0) {
		int e = errno;
		if (e != EINVAL && e != ENOENT)
			return -e;
		/* Kernels answer EINVAL (before 6.9) or ENOENT for a pid that
		 * is a thread, not a process: say which it was. */
		int dirfd = reader_open_pid(a->root_fd, act->pid);
		if (dirfd < 0)
			return -ESRCH;
		close(dirfd);
		return -EINVAL;
	}
	/* The pidfd now names one process for good; if the pid's start time
	 * is still the one the user saw, that process is the one meant. */
	int dirfd = target_open(a, act->pid, act->starttime, &st);
	if (dirfd < 0) {
		close(pidfd);
		return dirfd;
	}
	int err = 0;
	if (sys_pidfd_send_signal(pidfd, act->signo) != 0)
		err = -errno;
	else
		res->ntasks = 1;
	if (err == -EPERM)
		judge(a, dirfd, &st, act, 0, res);
	close(dirfd);
	close(pidfd);
	return err;
}

/* Change one thread as act says; 0 or -errno. */
static int apply_one(const struct action *act, pid_t tid, int new_nice)
{
	int rc;

	switch (act->kind) {
	case ACTION_RENICE:
		rc = setpriority(PRIO_PROCESS, (id_t)tid, new_nice);
		break;
	case ACTION_AFFINITY:
		rc = sched_setaffinity(tid, act->cpus->size_bytes, act->cpus->set);
		break;
	case ACTION_SCHED: {
		struct sched_param sp = { .sched_priority = act->rt_priority };
		int policy = act->policy |
			(act->reset_on_fork ? SCHED_RESET_ON_FORK : 0);
		rc = sched_setscheduler(tid, policy, &sp);
		break;
	}
	case ACTION_IOPRIO:
		rc = (int)syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, (int)tid,
			IOPRIO_VALUE(act->io_class, act->io_level));
		break;
	default:
		return -EINVAL;
	}
	return rc == 0 ? 0 : -errno;
}

/* The threads to act on: task/ of the process open as dirfd, or just the
 * one thread.  *tids is caller-freed.  0 or -errno. */
static int list_tids(int dirfd, const struct action *act, pid_t **tids,
	size_t *n)
{
	if (act->thread) {
		*tids = xmalloc(sizeof(**tids));
		(*tids)[0] = act->pid;
		*n = 1;
		return 0;
	}
	int taskfd = openat(dirfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (taskfd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	*tids = NULL;
	*n = 0;
	int err = reader_list_pids(taskfd, tids, n);
	close(taskfd);
	return err;
}

static int apply_threads(struct actions *a, const struct action *act,
	struct action_result *res)
{
	struct task_stat st;
	int dirfd = target_open(a, act->pid, act->starttime, &st);

	if (dirfd < 0)
		return dirfd;
	if (fixed_cpus(act, &st)) {
		res->fixed_cpus = true;
		close(dirfd);
		return -EINVAL;
	}
	int new_nice = act->nice;
	if (act->kind == ACTION_RENICE && act->nice_step)
		new_nice = clamp_nice(st.nice + (long)act->nice);
	res->new_nice = new_nice;

	pid_t *tids = NULL;
	size_t n = 0;
	int err = list_tids(dirfd, act, &tids, &n);
	for (size_t i = 0; !err && i < n; i++) {
		int e = apply_one(act, tids[i], new_nice);
		if (e == 0) {
			res->ntasks++;
		} else if (e != -ESRCH) {   /* a vanished thread is fine */
			res->nfailed++;
			if (!err)
				err = e;
		}
	}
	free(tids);
	if (!err && res->ntasks == 0)
		err = -ESRCH;   /* every thread vanished: the process exited */
	if (err == -EPERM || err == -EACCES)
		judge(a, dirfd, &st, act, new_nice, res);
	close(dirfd);
	return err;
}

int actions_apply(struct actions *a, const struct action *act,
	struct action_result *res)
{
	int err;

	memset(res, 0, sizeof(*res));
	res->new_nice = act->nice;
	if (a->readonly) {
		res->readonly = true;
		err = -EROFS;
	} else if ((err = validate(act)) != 0) {
		;
	} else if (act->kind == ACTION_SIGNAL) {
		err = apply_signal(a, act, res);
	} else {
		err = apply_threads(a, act, res);
	}
	res->exited = err == -ESRCH;
	res->err = err;
	return err;
}

int actions_check(struct actions *a, const struct action *act,
	struct action_result *res)
{
	struct task_stat st;
	int err;

	memset(res, 0, sizeof(*res));
	res->new_nice = act->nice;
	if (a->readonly) {
		res->readonly = true;
		err = -EROFS;
	} else if ((err = validate(act)) == 0) {
		int dirfd = target_open(a, act->pid, act->starttime, &st);
		if (dirfd < 0) {
			err = dirfd;
		} else if (fixed_cpus(act, &st)) {
			res->fixed_cpus = true;
			close(dirfd);
			err = -EINVAL;
		} else {
			if (act->kind == ACTION_RENICE && act->nice_step)
				res->new_nice = clamp_nice(st.nice + (long)act->nice);
			judge(a, dirfd, &st, act, res->new_nice, res);
			close(dirfd);
			if (res->have_verdict && !res->verdict.allowed)
				err = res->verdict.why == CAPS_WHY_LOWER_NICE ?
					-EACCES : -EPERM;
		}
	}
	res->exited = err == -ESRCH;
	res->err = err;
	return err;
}

int actions_get_nice(pid_t tid, int *nice)
{
	errno = 0;
	int v = getpriority(PRIO_PROCESS, (id_t)tid);
	if (v == -1 && errno)
		return -errno;
	*nice = v;
	return 0;
}

int actions_get_ioprio(pid_t tid, int *io_class, int *level)
{
	long v = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, (int)tid);

	if (v < 0)
		return -errno;
	*io_class = (int)(v >> IOPRIO_CLASS_SHIFT);
	*level = (int)(v & ((1 << IOPRIO_CLASS_SHIFT) - 1));
	return 0;
}

int actions_get_sched(pid_t tid, int *policy, int *rt_priority,
	bool *reset_on_fork)
{
	struct sched_param sp;
	int p = sched_getscheduler(tid);

	if (p < 0 || sched_getparam(tid, &sp) != 0)
		return -errno;
	*reset_on_fork = (p & SCHED_RESET_ON_FORK) != 0;
	*policy = p & ~SCHED_RESET_ON_FORK;
	*rt_priority = sp.sched_priority;
	return 0;
}
