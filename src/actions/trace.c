/* trace — strace on one process through a pipe (see proctop/trace.h). */
#include "proctop/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proctop/xalloc.h"

extern char **environ;

struct trace {
	pid_t pid;               /* strace */
	int fd;                  /* read end, O_NONBLOCK */
	bool reaped;
	int status;
};

/* Full path of strace from PATH into buf; false when there is none. */
static bool find_strace(char *buf, size_t size)
{
	const char *path = getenv("PATH");
	struct stat st;

	if (!path || !*path)
		path = "/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		if (n > 0 && (size_t)snprintf(buf, size, "%.*s/strace", (int)n,
			path) < size && stat(buf, &st) == 0 &&
		    S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
			return true;
		path += n + (colon ? 1 : 0);
	}
	return false;
}

bool trace_available(void)
{
	char buf[4096];
	return find_strace(buf, sizeof(buf));
}

int trace_start(pid_t pid, struct trace **out)
{
	char prog[4096], pidtxt[16];
	int p[2], err;
	posix_spawn_file_actions_t fa;

	*out = NULL;
	if (!find_strace(prog, sizeof(prog)))
		return -ENOENT;
	if (pipe2(p, O_CLOEXEC) != 0)
		return -errno;
	snprintf(pidtxt, sizeof(pidtxt), "%d", (int)pid);
	char *argv[] = { (char *)"strace", (char *)"-s", (char *)"512",
		(char *)"-e", (char *)"trace=all", (char *)"-p", pidtxt, NULL };
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
		O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDERR_FILENO);
	pid_t child;
	err = posix_spawn(&child, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (err) {
		close(p[0]);
		return -err;
	}
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	struct trace *t = xcalloc(1, sizeof(*t));
	t->pid = child;
	t->fd = p[0];
	*out = t;
	return 0;
}

long trace_read(struct trace *t, struct sbuf *out, size_t max,
	bool *exited, int *status)
{
	char buf[4096];
	size_t got = 0;
	bool eof = false;

	*exited = false;
	while (got < max) {
		size_t want = max - got < sizeof(buf) ? max - got : sizeof(buf);
		ssize_t n = read(t->fd, buf, want);
		if (n > 0) {
			sbuf_add(out, buf, (size_t)n);
			got += (size_t)n;
			continue;
		}
		if (n == 0)
			eof = true;
		else if (errno == EINTR)
			continue;
		else if (errno != EAGAIN)
			return -errno;
		break;
	}
	if (!t->reaped && waitpid(t->pid, &t->status, WNOHANG) == t->pid)
		t->reaped = true;
	if (eof && t->reaped) {
		*exited = true;
		*status = t->status;
	}
	return (long)got;
}

void trace_stop(struct trace *t)
{
	if (!t)
		return;
	if (!t->reaped) {
		kill(t->pid, SIGTERM);
		/* strace detaches and exits at once; give it 1 s at most */
		for (int i = 0; i < 100; i++) {
			if (waitpid(t->pid, &t->status, WNOHANG) == t->pid) {
				t->reaped = true;
				break;
			}
			nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
		}
		if (!t->reaped) {
			kill(t->pid, SIGKILL);
			waitpid(t->pid, &t->status, 0);
		}
	}
	close(t->fd);
	free(t);
}
