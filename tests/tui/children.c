/* children — spawn processes in known states for the TUI tests.
 *
 *   children PIDFILE
 *
 * The helper renames itself "pt-parent" and forks:
 *   pt-sleep-a   sleeping
 *   pt-stopped   stopped (SIGSTOP, state T)
 *   pt-zombie    exits at once and is never waited for (state Z)
 *   pt-threads   main thread + 3 threads named pt-thr-1..3
 *   pt-mem64     touched exactly 64 MiB of anonymous memory
 *   pt-esc...    comm and argv[0] contain ESC, an OSC title sequence, BEL,
 *                a C1 CSI and an invalid byte
 *   pt-nobody    sleeping as uid 65534 (only when run as root)
 *   pt-huge      sleeping, with a ~390 KiB command line
 * and writes "name pid" lines to PIDFILE (renamed into place when
 * complete).
 *
 *   children --rewrite SECONDS NAME
 *
 * alone: after SECONDS, overwrites its own argv[0] (a 40-byte filler
 * given as the program name) with NAME, as setproctitle does, keeping its
 * comm; then sleeps until killed.
 *
 *   children --files PATH
 *
 * alone: opens PATH read-write (created, 4,096 bytes written, offset then
 * at 1,234) and holds an exclusive flock on it, opens a pipe and a socket
 * pair, prints "ready" and sleeps until killed.  It runs until SIGTERM/SIGINT/SIGHUP, then kills them all.
 * Every child also dies with the helper (PR_SET_PDEATHSIG). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define ESC_NAME "pt-esc\033]2;PWN\007"
#define ESC_ARGV0 "pt-esc\033]2;PWNED\007\xc2\x9b\xffz"
#define MAX_KIDS 16

static pid_t kids[MAX_KIDS];
static size_t nkids;
static volatile sig_atomic_t done;

static void on_term(int sig)
{
	(void)sig;
	done = 1;
}

static void child_setup(const char *name)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	prctl(PR_SET_NAME, name);
}

static void *thread_main(void *arg)
{
	char name[16];
	snprintf(name, sizeof(name), "pt-thr-%d", (int)(long)arg);
	pthread_setname_np(pthread_self(), name);
	for (;;)
		pause();
	return NULL;
}

static void run_threads(void)
{
	pthread_t t;
	for (long i = 1; i <= 3; i++)
		if (pthread_create(&t, NULL, thread_main, (void *)i) != 0)
			_exit(1);
	for (;;)
		pause();
}

static void run_mem64(void)
{
	size_t size = 64u << 20;
	/* volatile: the compiler must not drop the stores. */
	volatile char *p = malloc(size);
	if (!p)
		_exit(1);
	for (size_t i = 0; i < size; i += 4096)
		p[i] = 0x5a;
	for (;;)
		pause();
}

static void run_stopped(void)
{
	raise(SIGSTOP);
	for (;;)
		pause();
}

static void run_zombie(void)
{
	_exit(0);
}

static void run_nobody(void)
{
	if (setgid(65534) < 0 || setuid(65534) < 0)
		_exit(1);
	for (;;)
		pause();
}

static const struct {
	const char *role;
	void (*fn)(void);
} roles[] = {
	{ "sleep", NULL }, { "stop", run_stopped }, { "zombie", run_zombie },
	{ "threads", run_threads }, { "mem64", run_mem64 },
	{ "nobody", run_nobody }, { "esc", NULL },
};

/* In the re-executed child: become `role` under the name argv0. */
static int child_main(const char *argv0, const char *role, pid_t parent)
{
	char name[16];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		return 0;
	if (!strcmp(role, "esc")) {
		child_setup(ESC_NAME);
	} else {
		snprintf(name, sizeof(name), "%s", argv0);
		child_setup(name);
	}
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].role, role) && roles[i].fn)
			roles[i].fn();
	for (;;)
		pause();
}

/* A child whose command line is three 131,071-byte arguments (~390 KiB):
 * "pt-huge --child huge PARENT AAAA... BBBB... CCCC..." */
static void spawn_huge(FILE *out)
{
	char parent[32];
	size_t n = 131071;
	snprintf(parent, sizeof(parent), "%d", (int)getpid());
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		char *big[3];
		for (int i = 0; i < 3; i++) {
			big[i] = malloc(n + 1);
			if (!big[i])
				_exit(1);
			memset(big[i], 'A' + i, n);
			big[i][n] = '\0';
		}
		char *args[] = { (char *)"pt-huge", (char *)"--child",
			(char *)"sleep", parent, big[0], big[1], big[2], NULL };
		execv("/proc/self/exe", args);
		_exit(127);
	}
	if (nkids < MAX_KIDS)
		kids[nkids++] = pid;
	fprintf(out, "pt-huge %d\n", (int)pid);
}

/* Fork and re-exec this program as `name --child role` (so the command
 * line shows the name), record the pid. */
static pid_t spawn(const char *name, const char *role, FILE *out)
{
	char parent[32];
	snprintf(parent, sizeof(parent), "%d", (int)getpid());
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		char *args[] = { (char *)name, (char *)"--child", (char *)role,
			parent, NULL };
		execv("/proc/self/exe", args);
		_exit(127);
	}
	if (nkids < MAX_KIDS)
		kids[nkids++] = pid;
	fprintf(out, "%s %d\n", !strcmp(role, "esc") ? "pt-esc" : name,
		(int)pid);
	return pid;
}

/* --files: known open files for the open-files and locks screens. */
static int files_main(const char *path)
{
	static char block[4096];
	int p[2], sv[2];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, block, sizeof(block)) != (ssize_t)sizeof(block) ||
	    lseek(fd, 1234, SEEK_SET) != 1234 || flock(fd, LOCK_EX) != 0 ||
	    pipe(p) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror(path);
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	char tmp[4096];
	struct sigaction sa;

	if (argc >= 4 && !strcmp(argv[1], "--child"))
		return child_main(argv[0], argv[2], (pid_t)atoi(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "--files"))
		return files_main(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--rewrite")) {
		size_t room = strlen(argv[0]);
		usleep((useconds_t)(atof(argv[2]) * 1e6));
		memset(argv[0], 'x', room);
		memcpy(argv[0], argv[3], strlen(argv[3]) < room ?
			strlen(argv[3]) : room);
		for (;;)
			pause();
	}
	if (argc != 2) {
		fprintf(stderr, "usage: children PIDFILE\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	prctl(PR_SET_NAME, "pt-parent");
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	FILE *out = fopen(tmp, "w");
	if (!out) {
		perror(tmp);
		return 1;
	}
	fprintf(out, "pt-parent %d\n", (int)getpid());
	spawn("pt-sleep-a", "sleep", out);
	pid_t stopped = spawn("pt-stopped", "stop", out);
	spawn("pt-zombie", "zombie", out);
	spawn("pt-threads", "threads", out);
	spawn("pt-mem64", "mem64", out);
	if (geteuid() == 0)
		spawn("pt-nobody", "nobody", out);
	spawn(ESC_ARGV0, "esc", out);
	spawn_huge(out);
	/* Wait until the stopped child really is stopped. */
	int st;
	if (waitpid(stopped, &st, WUNTRACED) == stopped && WIFSTOPPED(st))
		fprintf(out, "ok stopped\n");
	if (fclose(out) != 0 || rename(tmp, argv[1]) != 0) {
		perror(argv[1]);
		return 1;
	}
	while (!done)
		pause();
	for (size_t i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return 0;
}
