/* spawn — creates child processes in known states for the live tests.
 *
 *   spawn KIND...      one child per KIND, then prints "KIND PID" lines and
 *                      a final "ready" line on stdout, and waits until it is
 *                      killed; every child dies with it (PR_SET_PDEATHSIG)
 *   spawn --idle ...   just waits (the image of the bigcmd child)
 *
 * Kinds:
 *   sleep    sleeping (S)
 *   stop     stopped by SIGSTOP (T)
 *   traced   PTRACE_TRACEME + raise(SIGSTOP): tracing stop (t)
 *   zombie   exited, never waited for (Z); its parent is spawn
 *   nice     nice +10
 *   threads  3 extra threads (nlwp 4)
 *   mem64    touched exactly 64 MiB of anonymous memory
 *   comm     comm "a) Z 1 (b\033[1m"
 *   bigcmd   cmdline of three 131,071-byte arguments (~390 KiB)
 *   spin     spins on one CPU
 *   write12k wrote and fsynced 12 KiB to a file in /var/tmp (removed):
 *            /proc/PID/io write_bytes is 12288 where the kernel counts it
 *   ctxsw    main thread idle; a second thread sleeps 50 times (>= 50
 *            voluntary context switches of its own), then idles
 *   swap32   touched 32 MiB, then madvise(MADV_PAGEOUT) (swap if any)
 *   hugecmd  as nobody (when root), points its command line at 256 MiB of
 *            'A's with prctl(PR_SET_MM_MAP): /proc/PID/cmdline is then
 *            256 MiB long (what any local user can do)
 *
 * A child reports "set up" through a pipe before the parent moves on, so
 * every state is reached before "ready" is printed. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <grp.h>
#include <linux/prctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define MIB (1024u * 1024u)
#define BIG_ARG_LEN 131071u   /* MAX_ARG_STRLEN - 1 */
#define MAX_KINDS 64

static void die(const char *what)
{
	fprintf(stderr, "spawn: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void idle_forever(void)
{
	for (;;)
		pause();
}

static void *thread_idle(void *arg)
{
	(void)arg;
	idle_forever();
	return NULL;
}

/* Sleep 50 times (each a voluntary switch), then post `arg` and idle. */
static void *thread_switch(void *arg)
{
	int *done_fd = arg;
	char one = 1;
	for (int i = 0; i < 50; i++)
		usleep(1000);
	if (write(*done_fd, &one, 1) != 1)
		die("write");
	idle_forever();
	return NULL;
}

/* Write 12 KiB to a new file in /var/tmp, fsync it and remove it. */
static void write_12k(void)
{
	char path[] = "/var/tmp/proctop-spawn.XXXXXX", buf[4096];
	int fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp");
	unlink(path);
	memset(buf, 'w', sizeof(buf));
	for (int i = 0; i < 3; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			die("write");
	if (fsync(fd) < 0)
		die("fsync");
	close(fd);
}

/* Map and touch `bytes` of anonymous memory (every page written). */
static char *touch_anon(size_t bytes)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	for (size_t off = 0; off < bytes; off += (size_t)page)
		p[off] = (char)(1 + off / (size_t)page % 251);
	return p;
}

/* Stat fields (1-based, as in proc_pid_stat(5)) of this process. */
static void self_stat(unsigned long long *f, int nf)
{
	char buf[4096];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	char *p;

	if (n <= 0)
		die("/proc/self/stat");
	close(fd);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	memset(f, 0, sizeof(*f) * (size_t)nf);
	for (int i = 3; p && i < nf; i++) {
		p = strchr(p + 1, ' ');
		if (p && i >= 4)
			f[i] = strtoull(p + 1, NULL, 10);
	}
}

/* Drop to nobody (when root), then make /proc/self/cmdline 256 MiB. */
static void huge_cmdline(void)
{
	const size_t len = 256 * MIB;
	unsigned long long f[53];
	struct prctl_mm_map map;
	char *p;

	if (getuid() == 0) {
		if (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0 ||
		    setresuid(65534, 65534, 65534) < 0)
			die("setresuid nobody");
		/* a change of credentials clears the parent-death signal */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
			die("prctl");
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	memset(p, 'A', len - 1);
	p[len - 1] = '\0';
	self_stat(f, 53);
	memset(&map, 0, sizeof(map));
	map.start_code = f[26];
	map.end_code = f[27];
	map.start_stack = f[28];
	map.start_data = f[45];
	map.end_data = f[46];
	map.start_brk = f[47];
	map.brk = (unsigned long)sbrk(0);
	map.arg_start = (unsigned long)p;
	map.arg_end = (unsigned long)p + len;
	map.env_start = f[50];
	map.env_end = f[51];
	map.exe_fd = (unsigned)-1;
	if (prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&map, sizeof(map),
		0) < 0)
		die("prctl(PR_SET_MM_MAP)");
}

/* The child's side: reach the state, tell the parent, wait. */
static void child_main(const char *kind, int ready_fd, const char *self)
{
	char one = 1;

	if (!strcmp(kind, "zombie"))
		_exit(0);
	if (!strcmp(kind, "nice")) {
		if (setpriority(PRIO_PROCESS, 0, 10) < 0)
			die("setpriority");
	} else if (!strcmp(kind, "threads")) {
		for (int i = 0; i < 3; i++) {
			pthread_t th;
			if (pthread_create(&th, NULL, thread_idle, NULL))
				die("pthread_create");
		}
	} else if (!strcmp(kind, "mem64")) {
		touch_anon(64 * MIB);
	} else if (!strcmp(kind, "write12k")) {
		write_12k();
	} else if (!strcmp(kind, "ctxsw")) {
		static int pfd[2];
		pthread_t th;
		char byte;
		if (pipe(pfd) < 0)
			die("pipe");
		if (pthread_create(&th, NULL, thread_switch, &pfd[1]))
			die("pthread_create");
		if (read(pfd[0], &byte, 1) != 1)
			die("read");
	} else if (!strcmp(kind, "comm")) {
		if (prctl(PR_SET_NAME, "a) Z 1 (b\033[1m", 0, 0, 0) < 0)
			die("prctl");
	} else if (!strcmp(kind, "swap32")) {
		char *p = touch_anon(32 * MIB);
		if (madvise(p, 32 * MIB, MADV_PAGEOUT) < 0)
			die("madvise");
	} else if (!strcmp(kind, "hugecmd")) {
		huge_cmdline();
	} else if (!strcmp(kind, "bigcmd")) {
		char *args[6];
		args[0] = (char *)"spawn-bigcmd";
		args[1] = (char *)"--idle";
		for (int i = 0; i < 3; i++) {
			args[2 + i] = malloc(BIG_ARG_LEN + 1);
			if (!args[2 + i])
				die("malloc");
			memset(args[2 + i], 'a' + i, BIG_ARG_LEN);
			args[2 + i][BIG_ARG_LEN] = '\0';
		}
		args[5] = NULL;
		/* The ready byte is written by the new image (fd stays open). */
		char fdarg[16];
		snprintf(fdarg, sizeof(fdarg), "%d", ready_fd);
		if (setenv("SPAWN_READY_FD", fdarg, 1) < 0)
			die("setenv");
		execv(self, args);
		die("execv");
	} else if (!strcmp(kind, "traced")) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			die("ptrace");
		if (write(ready_fd, &one, 1) != 1)
			die("write");
		raise(SIGSTOP);
		idle_forever();
	} else if (!strcmp(kind, "spin")) {
		if (write(ready_fd, &one, 1) != 1)
			die("write");
		for (volatile unsigned long n = 0;; n++)
			;
	} else if (strcmp(kind, "sleep") && strcmp(kind, "stop")) {
		fprintf(stderr, "spawn: unknown kind '%s'\n", kind);
		_exit(1);
	}
	if (write(ready_fd, &one, 1) != 1)
		die("write");
	idle_forever();
}

/* Start one child of `kind`; returns its pid once it is in its state. */
static pid_t start_child(const char *kind, const char *self)
{
	int fds[2];
	pid_t parent = getpid(), pid;
	char byte;
	siginfo_t si;
	int st;

	if (pipe2(fds, O_CLOEXEC) < 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(fds[0]);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
			die("prctl");
		if (getppid() != parent)
			_exit(0);
		if (!strcmp(kind, "bigcmd"))
			fcntl(fds[1], F_SETFD, 0);   /* keep across exec */
		child_main(kind, fds[1], self);
		_exit(0);
	}
	close(fds[1]);
	if (!strcmp(kind, "zombie")) {
		/* Wait for the exit without reaping: it stays a zombie. */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0)
			die("waitid");
	} else {
		if (read(fds[0], &byte, 1) != 1) {
			fprintf(stderr, "spawn: child '%s' failed\n", kind);
			exit(1);
		}
		if (!strcmp(kind, "stop")) {
			if (kill(pid, SIGSTOP) < 0)
				die("kill");
		}
		if (!strcmp(kind, "stop") || !strcmp(kind, "traced")) {
			if (waitpid(pid, &st, WUNTRACED) < 0)
				die("waitpid");
		}
	}
	close(fds[0]);
	return pid;
}

int main(int argc, char **argv)
{
	pid_t pids[MAX_KINDS];
	char self[4096];
	ssize_t n;

	if (argc >= 2 && !strcmp(argv[1], "--idle")) {
		const char *fd = getenv("SPAWN_READY_FD");
		char one = 1;
		if (fd && write(atoi(fd), &one, 1) != 1)
			die("write");
		if (fd)
			close(atoi(fd));
		idle_forever();
	}
	if (argc < 2 || argc - 1 > MAX_KINDS) {
		fprintf(stderr, "usage: spawn KIND... (at most %d)\n", MAX_KINDS);
		return 2;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		die("readlink");
	self[n] = '\0';

	for (int i = 1; i < argc; i++)
		pids[i - 1] = start_child(argv[i], self);
	for (int i = 1; i < argc; i++)
		printf("%s %d\n", argv[i], (int)pids[i - 1]);
	printf("ready\n");
	if (fflush(stdout) == EOF)
		die("stdout");
	idle_forever();
}
