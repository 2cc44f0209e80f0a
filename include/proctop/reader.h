/* reader — the one place that opens per-process /proc files.
 *
 * Files are read relative to an open directory fd (openat), so a reused pid
 * never mixes two processes' files.  The proc root is a parameter. */
#ifndef PROCTOP_READER_H
#define PROCTOP_READER_H

#include <stddef.h>
#include <sys/types.h>

#include "proctop/sbuf.h"

/* Read the whole file `name` relative to dirfd into buf (reset first; grows
 * as needed, NUL-terminated).  Returns 0 or -errno (-ENOENT / -ESRCH when
 * the process vanished, -EACCES when not permitted). */
int reader_read_file(int dirfd, const char *name, struct sbuf *buf);

/* List the numeric entries of a /proc-like directory (pids, or tids under
 * task/).  Fills *pids (caller frees; grown with xreallocarray) and *n.
 * Returns 0 or -errno. */
int reader_list_pids(int dirfd, pid_t **pids, size_t *n);

/* Open "<pid>" under root_fd as an O_DIRECTORY|O_PATH-less read fd.
 * Returns the fd or -errno. */
int reader_open_pid(int root_fd, pid_t pid);

#endif
