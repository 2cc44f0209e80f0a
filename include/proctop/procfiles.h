/* procfiles — what one process has open: its environment, its file
 * descriptors (read natively from /proc/<pid>/fd and fdinfo, no lsof) and
 * its file locks (/proc/locks).  For the environment (e), open files (l)
 * and locks (x) screens.
 *
 * The parsers are pure functions over buffers; the readers go through an
 * open /proc/<pid> directory fd (reader_open_pid) so a reused pid never
 * mixes two processes, and every file is read by the bounded reader. */
#ifndef PROCTOP_PROCFILES_H
#define PROCTOP_PROCFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/sbuf.h"

/* ---- environment ---- */

/* Cap on /proc/<pid>/environ: as a command line (any user can make
 * theirs huge); a longer one keeps its first bytes. */
#define PROCFILES_ENVIRON_CAP (128 * 1024)

/* Split a raw environ buffer (NUL-separated "NAME=value" entries) into
 * entries: offsets and lengths into buf, empty entries skipped.  *off and
 * *lens are caller-freed (grown with xreallocarray).  Returns the count. */
size_t procfiles_split_environ(const char *buf, size_t len, size_t **off,
	size_t **lens);

/* Read environ through pid_fd into buf (raw bytes).  Returns 0, 1 when it
 * was longer than PROCFILES_ENVIRON_CAP and was cut, or -errno (-EACCES:
 * no ptrace read access; an empty buf for a kernel thread or zombie). */
int procfiles_read_environ(int pid_fd, struct sbuf *buf);

/* ---- file descriptors ---- */

struct pf_fdinfo {
	bool have_pos, have_flags;
	uint64_t pos;               /* "pos:" */
	unsigned flags;             /* "flags:" (octal, O_* bits) */
};

/* Parse a /proc/<pid>/fdinfo/<fd> buffer (pure).  0, or -EINVAL when
 * neither pos nor flags is there. */
int procfiles_parse_fdinfo(const char *buf, size_t len, struct pf_fdinfo *out);

/* "r", "w" or "rw" and the notable O_* flags, comma-separated, into buf:
 * "rw,APPEND,NONBLOCK,CLOEXEC" (pure; NUL always). */
void procfiles_flags_text(unsigned flags, char *buf, size_t size);

/* The TYPE of an open file from its fd link text and (when have_mode) the
 * st_mode of what it points at: "REG", "DIR", "CHR", "BLK", "FIFO",
 * "SOCK", "LNK", "anon_inode" for "anon_inode:[eventfd]" (the name goes in
 * NAME), "unknown".  Static, borrowed. */
const char *procfiles_fd_type(const char *link, size_t len, bool have_mode,
	unsigned mode);

struct pf_fd {
	int fd;
	const char *type;           /* procfiles_fd_type */
	char *name;                 /* link target, raw (caller sanitises);
	                               owned */
	size_t name_len;
	struct pf_fdinfo info;
	bool have_stat;             /* dev / ino of the target */
	unsigned dev_major, dev_minor;
	uint64_t ino;
};

struct pf_fds {
	struct pf_fd *v;            /* owned, sorted by fd */
	size_t n, cap;
};

void procfiles_fds_init(struct pf_fds *f);
void procfiles_fds_fini(struct pf_fds *f);

/* List pid_fd's fd/ (readlinkat, fstatat) and fdinfo/ into out (cleared
 * first).  0 or -errno of the fd/ directory (-EACCES: no ptrace read
 * access); an fd closed meanwhile is skipped. */
int procfiles_read_fds(int pid_fd, struct pf_fds *out);

/* ---- locks ---- */

struct pf_lock {
	char type[12];              /* POSIX, FLOCK, OFDLCK, LEASE, DELEG */
	char mode[12];              /* ADVISORY, MANDATORY, ACTIVE, ... */
	char access[8];             /* READ, WRITE */
	pid_t pid;                  /* -1 for an OFD lock without an owner */
	bool waiting;               /* "->": a request blocked on the above */
	unsigned dev_major, dev_minor;
	uint64_t ino;
	uint64_t start;
	bool to_eof;                /* end "EOF" */
	uint64_t end;
};

/* Parse /proc/locks (pure), keeping the lines of pid (all when pid <= 0).
 * *out is caller-freed.  Returns the number kept; malformed lines are
 * skipped. */
size_t procfiles_parse_locks(const char *buf, size_t len, pid_t pid,
	struct pf_lock **out);

/* Read <root>/locks (root_fd: the proc root) and keep pid's locks.
 * Returns the count or -errno. */
long procfiles_read_locks(int root_fd, pid_t pid, struct pf_lock **out);

#endif
