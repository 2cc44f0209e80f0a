/* procfs — pure parsers for per-process /proc files.
 *
 * Each takes a buffer and its length (the buffer need not be NUL-terminated;
 * it may be truncated or hostile) and fills a struct.  They never allocate
 * except procfs_parse_cmdline (see there) and never read files.
 * Return 0 on success, -EINVAL when the buffer is not a well-formed file of
 * that kind (the struct is then unspecified).  Unknown lines/keys are ignored;
 * a missing optional line leaves its field 0. */
#ifndef PROCTOP_PROCFS_H
#define PROCTOP_PROCFS_H

#include <stddef.h>

#include "proctop/task.h"

/* /proc/<pid>/stat.  comm runs from the first '(' to the LAST ')', so names
 * containing ") " or newlines parse; it is copied raw (truncated to
 * TASK_COMM_MAX-1 bytes).  Fields after (24) are optional (old kernels, a
 * truncated read): missing ones stay 0. */
int procfs_parse_stat(const char *buf, size_t len, struct task_stat *out);

/* /proc/<pid>/statm: seven numbers in pages; needs at least three. */
int procfs_parse_statm(const char *buf, size_t len, struct task_statm *out);

/* /proc/<pid>/status: the lines struct task_status names. */
int procfs_parse_status(const char *buf, size_t len, struct task_status *out);

/* /proc/<pid>/smaps_rollup (the summary block; the header line is skipped). */
int procfs_parse_rollup(const char *buf, size_t len, struct task_rollup *out);

/* /proc/<pid>/io. */
int procfs_parse_io(const char *buf, size_t len, struct task_io *out);

/* /proc/<pid>/cmdline: NUL-separated arguments become one string joined by
 * single spaces (trailing NULs dropped, so setproctitle padding vanishes;
 * NULs inside an argument list are the separators; a rewritten cmdline
 * without any NUL is kept as it is).  Sets *out to a new string (caller
 * frees) and *out_len to its length; an empty cmdline gives *out = NULL,
 * returns 0. */
int procfs_parse_cmdline(const char *buf, size_t len, char **out,
	size_t *out_len);

/* The same joining in place, without allocating: buf's len bytes become
 * the joined string's bytes; returns its length (0 for an empty cmdline).
 * Does not add a NUL. */
size_t procfs_join_cmdline(char *buf, size_t len);

/* /proc/<pid>/cgroup: the cgroup v2 path (the "0::" line), else, on a
 * v1-only system, the path of the "name=systemd" hierarchy.  Sets *path
 * (borrowed: points into buf) and *path_len; -EINVAL when there is none. */
int procfs_cgroup_path(const char *buf, size_t len, const char **path,
	size_t *path_len);

/* Parse a decimal unsigned number at *p (not past end), advancing *p.
 * Saturates at UINT64_MAX on overflow.  Returns -EINVAL if no digit. */
int procfs_parse_u64(const char **p, const char *end, uint64_t *out);

/* The first byte at or after s (not past end) that is not a space or a
 * tab; end if none.  Borrowed: points into the same buffer. */
const char *procfs_skip_blank(const char *s, const char *end);

#endif
