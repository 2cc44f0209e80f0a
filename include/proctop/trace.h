/* trace — strace attached to one process, its output read from a pipe
 * (the TUI's s key, as htop's TraceScreen).
 *
 * trace_start spawns `strace -s 512 -e trace=all -p PID` with stdin from
 * /dev/null and stdout + stderr into a non-blocking pipe; trace_read
 * takes what arrived without waiting; trace_stop ends strace (SIGTERM:
 * strace detaches from the process, which goes on), reaping it. */
#ifndef PROCTOP_TRACE_H
#define PROCTOP_TRACE_H

#include <stdbool.h>
#include <sys/types.h>

#include "proctop/sbuf.h"

struct trace;

/* Whether strace is found in PATH (an executable regular file). */
bool trace_available(void);

/* Start strace on pid.  *out is freed by trace_stop.  Returns 0, -ENOENT
 * when strace is not installed, or -errno. */
int trace_start(pid_t pid, struct trace **out);

/* Append what strace wrote since the last call (at most max bytes) to
 * out, without blocking.  Returns the bytes appended, 0 when nothing
 * came, or -errno.  Once strace has exited and its output is drained,
 * *exited is set and *status holds its wait status. */
long trace_read(struct trace *t, struct sbuf *out, size_t max,
	bool *exited, int *status);

/* Stop strace (SIGTERM, then SIGKILL if it lingers), reap it, free t.
 * NULL is fine. */
void trace_stop(struct trace *t);

#endif
