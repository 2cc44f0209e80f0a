/* fileread — the one bounded way proctop opens and reads a file.
 *
 * Every file proctop reads (per-process /proc files, system files, maps and
 * smaps, the settings file) is opened here: O_RDONLY | O_NONBLOCK (a FIFO
 * never blocks the open) | O_NOFOLLOW (a symlink planted in a --proc-root
 * tree is refused, not followed to /dev/zero) | O_CLOEXEC | O_NOCTTY, and
 * fstat must say it is a regular file (procfs files are; a FIFO, a device
 * or a socket is refused before any read).  Reads stop at a size cap chosen
 * by the caller per kind of file (FILEREAD_CAP_*), so no file makes proctop
 * read or keep more than that.
 *
 * Errors are negative errno values; two are the reader's own verdicts:
 * -FILEREAD_ENOTREG (not a regular file) and -EFBIG (over the cap).
 * fileread_strerror() words every error for a message line. */
#ifndef PROCTOP_FILEREAD_H
#define PROCTOP_FILEREAD_H

#include <errno.h>
#include <stddef.h>

#include "proctop/sbuf.h"

/* "not a regular file" (a FIFO, device, socket or directory).  Linux has
 * no EFTYPE; this errno is otherwise unused by the files proctop reads. */
#define FILEREAD_ENOTREG EMEDIUMTYPE

/* Caps per kind of file, from what the kernel can legitimately produce. */
enum {
	/* stat, statm, io, loadavg, uptime, task/<tid>/stat: one short
	 * line or a few (a 64-byte comm plus 52 numbers is ~1.2 KiB). */
	FILEREAD_CAP_RECORD = 4 * 1024,
	/* status (Cpus_allowed of 8,192 CPUs, Groups), smaps_rollup,
	 * limits, cgroup (a path per hierarchy), one smaps block. */
	FILEREAD_CAP_STATUS = 64 * 1024,
	/* cmdline: a display cap, like ps's; longer ones are truncated and
	 * marked as such, never read further. */
	FILEREAD_CAP_CMDLINE = 128 * 1024,
	/* meminfo, vmstat, /proc/stat (a line per CPU and the intr line,
	 * ~1 MiB on 8,192 CPUs). */
	FILEREAD_CAP_SYSTEM = 4 * 1024 * 1024,
};

/* Read flags. */
enum {
	/* The file is one seq_file record (per-process stat, statm, status,
	 * io, smaps_rollup, cmdline) or a regular file: a read shorter than
	 * asked ends it (saves the EOF read; the refresh is syscall-bound).
	 * Never for multi-record files (maps, smaps, vmstat, meminfo). */
	FILEREAD_ONE_RECORD = 1u << 0,
	/* Over the cap: keep the first cap bytes and return 1 (truncated)
	 * instead of failing with -EFBIG. */
	FILEREAD_TRUNCATE = 1u << 1,
	/* dirfd is on a real procfs (the caller checked with fstatfs): the
	 * kernel's per-process files are regular files that nobody can
	 * replace, so the fstat check is skipped (one syscall less per file
	 * on the refresh's hot path).  O_NOFOLLOW and O_NONBLOCK stay. */
	FILEREAD_PROCFS = 1u << 2,
};

/* Open name relative to dirfd (AT_FDCWD for a path) the bounded way
 * described above.  Returns the fd (caller closes) or -errno:
 * -FILEREAD_ENOTREG when it is not a regular file, -ELOOP for a symlink. */
int fileread_open(int dirfd, const char *name);

/* Read the open fd from its current offset into buf (reset first;
 * NUL-terminated; grows up to cap + 1 bytes).  Returns 0, 1 when the file
 * was longer than cap and FILEREAD_TRUNCATE kept its first cap bytes,
 * -EFBIG when it was longer without FILEREAD_TRUNCATE (buf then holds
 * the first cap bytes), or -errno from read. */
int fileread_fd(int fd, struct sbuf *buf, size_t cap, unsigned flags);

/* fileread_open (without its fstat with FILEREAD_PROCFS) + fileread_fd +
 * close.  Returns as fileread_fd, or the open's -errno. */
int fileread_at(int dirfd, const char *name, struct sbuf *buf, size_t cap,
	unsigned flags);

/* Words for err (negative errno) in a message line: "not a regular file",
 * "larger than the size limit", "a symbolic link" (ELOOP from O_NOFOLLOW),
 * else strerror's.  Borrowed, static text. */
const char *fileread_strerror(int err);

#endif
