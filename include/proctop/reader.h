/* reader — the one place that opens per-process /proc files.
 *
 * Files are read relative to an open directory fd (openat), so a reused pid
 * never mixes two processes' files.  The proc root is a parameter. */
#ifndef PROCTOP_READER_H
#define PROCTOP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "proctop/sbuf.h"

/* Read the whole file `name` relative to dirfd into buf (reset first; grows
 * up to cap, NUL-terminated) through fileread (proctop/fileread.h: no
 * symlink, regular files only, never more than cap bytes; cap is one of
 * FILEREAD_CAP_*).  Returns 0 or -errno (-ENOENT / -ESRCH when the
 * process vanished, -EACCES when not permitted, -EFBIG over cap,
 * -FILEREAD_ENOTREG for a FIFO or device). */
int reader_read_file(int dirfd, const char *name, size_t cap,
	struct sbuf *buf);

/* Like reader_read_file, for files the kernel produces as one seq_file
 * record (per-process stat, statm, status, io, smaps_rollup) and for
 * regular files: a read shorter than asked is taken as the end of the
 * file, which saves the EOF read (the refresh is syscall-bound).  Never
 * for multi-record files (maps, smaps, vmstat), where the kernel may
 * return a short read before the end. */
int reader_read_record(int dirfd, const char *name, size_t cap,
	struct sbuf *buf);

/* Appended to a command line longer than FILEREAD_CAP_CMDLINE, after its
 * first FILEREAD_CAP_CMDLINE bytes. */
#define READER_CMDLINE_MARK " [truncated]"

/* Read the cmdline file relative to dirfd into buf as one display string:
 * the NUL separators become spaces and trailing NULs go
 * (procfs_join_cmdline).  Never more than FILEREAD_CAP_CMDLINE bytes of
 * it are read (a local user can point a command line at gigabytes with
 * PR_SET_MM_MAP); a longer one keeps its first bytes and ends with
 * READER_CMDLINE_MARK.  Returns the string's length (0: empty, e.g. a
 * kernel thread or a zombie) or -errno. */
int reader_read_cmdline(int dirfd, struct sbuf *buf);

/* List the numeric entries of a /proc-like directory (pids, or tids under
 * task/), from its start (the fd is rewound).  Fills *pids (caller frees;
 * grown with xreallocarray) and *n.  Returns 0 or -errno. */
int reader_list_pids(int dirfd, pid_t **pids, size_t *n);

/* Like reader_list_pids, but reuses *pids (capacity *cap, both 0/NULL the
 * first time; the array stays the caller's to free), so a sampler that
 * lists every refresh does not allocate.  The result is sorted ascending.
 * Reads from the fd's current offset: a fresh fd, or lseek(fd, 0,
 * SEEK_SET) before listing again (one syscall less per task/ listing). */
int reader_list_pids_reuse(int dirfd, pid_t **pids, size_t *n, size_t *cap);

/* One getdents64 of the listing: append the numeric entries it returns to
 * *pids (*n, *cap as in reader_list_pids_reuse; not sorted) and clear
 * *sorted if one is below the entry before it.  1: call again, 0: the end
 * of the directory, or -errno.  A sampler lists a huge /proc in pieces
 * with it (one call is about 700 entries). */
int reader_list_pids_step(int dirfd, pid_t **pids, size_t *n, size_t *cap,
	bool *sorted);

/* Read "<pid>/<name>" relative to dirfd as one record (see
 * reader_read_record), e.g. task/<tid>/stat from a task/ fd: the pid
 * directory is not opened, which saves two syscalls per thread.  flags:
 * more FILEREAD_* flags (FILEREAD_PROCFS on a real procfs).  Returns as
 * reader_read_file (-ENAMETOOLONG for a name over 48 bytes). */
int reader_read_pid_record(int dirfd, pid_t pid, const char *name,
	size_t cap, unsigned flags, struct sbuf *buf);

/* Open "<pid>" under root_fd as an O_DIRECTORY|O_PATH-less read fd.
 * Returns the fd or -errno. */
int reader_open_pid(int root_fd, pid_t pid);

#endif
