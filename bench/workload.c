/* workload — a benchmark population of sleeping processes and threads.
 *
 *   workload [-n N] [-k K] [-t T] [-c PCT] [-d SECONDS] [-q]
 *
 * Spawns N sleeping processes and K processes with T sleeping threads
 * each, prints "ready" on stdout when every process and thread exists,
 * and waits.  It cleans up after itself: every child is in one process
 * group that is killed (SIGKILL) and reaped when the workload gets
 * SIGTERM, SIGINT, SIGHUP, reaches -d SECONDS, or its own parent dies;
 * children also carry PR_SET_PDEATHSIG(SIGKILL), so a SIGKILLed workload
 * still takes them with it.
 *
 * Children are forked, never exec'd, from a small parent, and threads
 * get the smallest stacks the C library allows, so 5,000 processes cost
 * a few hundred MiB at most.  Before spawning it checks pid_max,
 * threads-max, RLIMIT_NPROC and the pids cgroup limit, and refuses with a
 * message naming the limit that is too low.
 *
 * -c PCT churns the N sleeping processes: PCT % of them per minute are
 * killed (oldest first) and replaced by new ones, one at a time, evenly
 * spread over the minute (5,000 at -c 1: one exit + one fork every
 * 1.2 s), so a recorder sees processes come and go at a steady rate. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Headroom kept free under every limit, for the rest of the machine. */
#define HEADROOM_TASKS 512

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void usage(FILE *f)
{
	fputs("usage: workload [-n N] [-k K] [-t T] [-c PCT] [-d SECONDS] [-q]\n"
	      "  -n N        N sleeping processes (default 0)\n"
	      "  -k K        K processes with T threads each (default 0)\n"
	      "  -t T        threads per threaded process (default 0)\n"
	      "  -c PCT      replace PCT % of the N processes per minute, spread\n"
	      "              evenly (kill the oldest, fork a new one; default 0)\n"
	      "  -d SECONDS  exit (and kill all children) after SECONDS (default: never)\n"
	      "  -q          no messages except \"ready\" and errors\n"
	      "Prints \"ready\" when all are up; SIGTERM/SIGINT/SIGHUP or the\n"
	      "parent's death kill every child.\n", f);
}

static long parse_count(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 1000000) {
		fprintf(stderr, "workload: bad %s: %s\n", what, s);
		exit(2);
	}
	return v;
}

/* First number in a small file, or -1. */
static long long read_ll(const char *path)
{
	char buf[64];
	long long v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		if (strncmp(buf, "max", 3) == 0)
			v = LLONG_MAX;
		else
			v = strtoll(buf, NULL, 10);
	}
	fclose(f);
	return v;
}

/* Tasks (threads included) now running on the machine, from loadavg. */
static long long tasks_now(void)
{
	char buf[128];
	const char *slash;
	FILE *f = fopen("/proc/loadavg", "re");

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	slash = strchr(buf, '/');
	return slash ? strtoll(slash + 1, NULL, 10) : -1;
}

/* The pids cgroup limit of this process (v2 or v1 hierarchy), or -1. */
static long long cgroup_pids_max(void)
{
	char line[512], path[1024];
	long long lim = -1;
	FILE *f = fopen("/proc/self/cgroup", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = strrchr(line, ':');
		size_t len;

		if (!p)
			continue;
		len = strlen(p + 1);
		if (len && p[len] == '\n')
			p[len] = '\0';
		if (strncmp(line, "0::", 3) == 0)
			snprintf(path, sizeof(path),
				"/sys/fs/cgroup%s/pids.max", p + 1);
		else if (strstr(line, ":pids:"))
			snprintf(path, sizeof(path),
				"/sys/fs/cgroup/pids%s/pids.max", p + 1);
		else
			continue;
		{
			long long v = read_ll(path);

			if (v > 0 && (lim < 0 || v < lim))
				lim = v;
		}
	}
	fclose(f);
	return lim;
}

/* Checks the kernel and rlimit limits for `need` more tasks.  Returns 0,
 * or -EAGAIN after printing which limit is too low. */
static int check_limits(long long need, bool quiet)
{
	long long now = tasks_now(), pid_max, threads_max, cg;
	struct rlimit rl;
	int bad = 0;

	if (now < 0)
		now = 0;
	pid_max = read_ll("/proc/sys/kernel/pid_max");
	threads_max = read_ll("/proc/sys/kernel/threads-max");
	cg = cgroup_pids_max();
	if (pid_max > 0 && now + need + HEADROOM_TASKS > pid_max) {
		fprintf(stderr, "workload: kernel.pid_max=%lld is too low for "
			"%lld more tasks (%lld running); raise it with "
			"sysctl kernel.pid_max=%lld\n", pid_max, need, now,
			now + need + 4 * HEADROOM_TASKS);
		bad = 1;
	}
	if (threads_max > 0 && now + need + HEADROOM_TASKS > threads_max) {
		fprintf(stderr, "workload: kernel.threads-max=%lld is too low "
			"for %lld more tasks\n", threads_max, need);
		bad = 1;
	}
	if (cg > 0 && cg != LLONG_MAX && now + need + HEADROOM_TASKS > cg) {
		fprintf(stderr, "workload: the pids cgroup allows %lld tasks; "
			"%lld more do not fit\n", cg, need);
		bad = 1;
	}
	/* RLIMIT_NPROC counts all tasks of the real uid; root with
	 * CAP_SYS_RESOURCE or CAP_SYS_ADMIN is exempt, so check only for
	 * others (an approximation: the whole machine's count). */
	if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
	    && geteuid() != 0
	    && (unsigned long long)(now + need) > rl.rlim_cur) {
		fprintf(stderr, "workload: RLIMIT_NPROC=%llu may be too low "
			"for %lld more tasks (ulimit -u)\n",
			(unsigned long long)rl.rlim_cur, need);
		bad = 1;
	}
	if (!quiet && !bad)
		fprintf(stderr, "workload: limits ok: pid_max=%lld "
			"threads-max=%lld cgroup pids.max=%s, %lld tasks now, "
			"%lld to add\n", pid_max, threads_max,
			cg < 0 || cg == LLONG_MAX ? "max" : "set", now, need);
	return bad ? -EAGAIN : 0;
}

/* What every child does first: die with the workload, default signals. */
static void child_setup(pid_t parent, const char *name)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	prctl(PR_SET_NAME, name);
}

static void *thread_sleep(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* Body of a threaded child: start `nthreads` sleeping threads, report
 * one byte on `ready_fd` (or 'E' if a thread could not start), sleep. */
static void threaded_child(long nthreads, int ready_fd)
{
	pthread_attr_t attr;
	char ok = 'R';
	long i;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN > 16384 ?
		PTHREAD_STACK_MIN : 16384);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < nthreads; i++) {
		pthread_t th;

		if (pthread_create(&th, &attr, thread_sleep, NULL) != 0) {
			ok = 'E';
			break;
		}
	}
	pthread_attr_destroy(&attr);
	if (write(ready_fd, &ok, 1) != 1)
		_exit(1);
	close(ready_fd);
	for (;;)
		pause();
}

/* Kills every child (one process group) and reaps them all. */
static void kill_all(pid_t pgid)
{
	if (pgid > 0)
		kill(-pgid, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

/* Forks one child into process group *pgid (the first child founds it).
 * Returns the pid, 0 in the child, -errno on failure. */
static pid_t spawn(pid_t *pgid)
{
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		setpgid(0, *pgid);   /* 0 = found a new group */
		return 0;
	}
	/* Both sides set the group, so it is right whoever runs first. */
	setpgid(pid, *pgid ? *pgid : pid);
	if (!*pgid)
		*pgid = pid;
	return pid;
}

/* Forks one sleeping child.  Returns its pid (never returns in the
 * child), or -errno. */
static pid_t spawn_sleeper(pid_t *pgid, pid_t self, const sigset_t *old)
{
	pid_t pid = spawn(pgid);

	if (pid == 0) {
		child_setup(self, "wl-sleep");
		sigprocmask(SIG_SETMASK, old, NULL);
		for (;;)
			pause();
	}
	return pid;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits for a stop signal; with churn, replaces one sleeper (the oldest,
 * round robin over `pids`) every 60 / (n * pct / 100) seconds meanwhile.
 * Returns the number of replacements. */
static long churn_until_stopped(pid_t *pids, long n, double pct,
				pid_t *pgid, pid_t self, const sigset_t *old)
{
	double period = n > 0 && pct > 0 ? 60.0 / ((double)n * pct / 100.0) : 0;
	double next = now_s() + period;
	long replaced = 0, at = 0;

	while (!stop_signal) {
		struct timespec ts;
		double wait;
		pid_t pid;

		if (period <= 0) {
			sigsuspend(old);
			continue;
		}
		wait = next - now_s();
		if (wait > 0) {
			ts.tv_sec = (time_t)wait;
			ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
			pselect(0, NULL, NULL, NULL, &ts, old);
			continue;
		}
		next += period;
		kill(pids[at], SIGKILL);
		while (waitpid(pids[at], NULL, 0) < 0 && errno == EINTR)
			;
		pid = spawn_sleeper(pgid, self, old);
		if (pid < 0) {
			fprintf(stderr, "workload: churn: fork failed: %s\n",
				strerror((int)-pid));
			break;
		}
		pids[at] = pid;
		at = (at + 1) % n;
		replaced++;
	}
	return replaced;
}

int main(int argc, char **argv)
{
	long nsleep = 0, nthreaded = 0, nthreads = 0, seconds = 0, i;
	double churn = 0;
	pid_t *sleepers;
	bool quiet = false;
	struct sigaction sa = { .sa_handler = on_stop };
	sigset_t block, old;
	pid_t self = getpid(), parent = getppid(), pgid = 0;
	int ready[2], opt, rc = 0;
	struct timespec t0, t1;

	while ((opt = getopt(argc, argv, "n:k:t:c:d:qh")) != -1) {
		switch (opt) {
		case 'n': nsleep = parse_count(optarg, "-n"); break;
		case 'k': nthreaded = parse_count(optarg, "-k"); break;
		case 't': nthreads = parse_count(optarg, "-t"); break;
		case 'd': seconds = parse_count(optarg, "-d"); break;
		case 'c': {
			char *end;

			churn = strtod(optarg, &end);
			if (end == optarg || *end || !(churn >= 0 && churn <= 6000)) {
				fprintf(stderr, "workload: bad -c: %s\n", optarg);
				return 2;
			}
			break;
		}
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (check_limits(nsleep + nthreaded * (nthreads + 1), quiet) < 0)
		return 1;
	sleepers = calloc(nsleep ? (size_t)nsleep : 1, sizeof(*sleepers));
	if (!sleepers) {
		perror("workload");
		return 1;
	}

	/* Stop signals are blocked while spawning and handled in the
	 * sigsuspend below, so a ^C mid-spawn still cleans up. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGALRM);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sigprocmask(SIG_BLOCK, &block, &old);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* The parent died before the death signal was armed.  (Not
	 * "getppid() == 1": in a PID namespace of its own, e.g. under
	 * `unshare --pid --fork --mount-proc`, the parent may be pid 1.) */
	if (getppid() != parent)
		return 1;
	if (pipe2(ready, O_CLOEXEC) < 0) {
		perror("workload: pipe");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);

	for (i = 0; i < nthreaded && rc == 0; i++) {
		pid_t pid = spawn(&pgid);

		if (pid == 0) {
			close(ready[0]);
			child_setup(self, "wl-threads");
			sigprocmask(SIG_SETMASK, &old, NULL);
			threaded_child(nthreads, ready[1]);
		}
		if (pid < 0)
			rc = (int)pid;
	}
	for (i = 0; i < nsleep && rc == 0; i++) {
		pid_t pid = spawn_sleeper(&pgid, self, &old);

		if (pid < 0)
			rc = (int)pid;
		else
			sleepers[i] = pid;
	}
	close(ready[1]);
	if (rc < 0) {
		fprintf(stderr, "workload: fork failed after %ld processes: "
			"%s\n", i, strerror(-rc));
		kill_all(pgid);
		return 1;
	}
	/* One byte per threaded child once all its threads exist. */
	for (i = 0; i < nthreaded; i++) {
		char c;
		ssize_t r = read(ready[0], &c, 1);

		if (r < 0 && errno == EINTR) {
			i--;
			continue;
		}
		if (r != 1 || c != 'R') {
			fprintf(stderr, "workload: a threaded child could not "
				"start its %ld threads\n", nthreads);
			kill_all(pgid);
			return 1;
		}
	}
	close(ready[0]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet)
		fprintf(stderr, "workload: %ld processes + %ld x %ld threads "
			"up in %.2f s (pgid %d)\n", nsleep, nthreaded, nthreads,
			(double)(t1.tv_sec - t0.tv_sec)
			+ (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, (int)pgid);
	printf("ready\n");
	fflush(stdout);

	if (seconds > 0)
		alarm((unsigned)seconds);
	{
		long replaced = churn_until_stopped(sleepers, nsleep, churn,
						    &pgid, self, &old);

		if (!quiet && churn > 0)
			fprintf(stderr, "workload: %ld processes replaced\n",
				replaced);
	}
	kill_all(pgid);
	free(sleepers);
	return 0;
}
