/* procfiles — environment, open files and locks of one process (see
 * proctop/procfiles.h). */
#include "proctop/procfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/xalloc.h"

/* ---- environment ---- */

size_t procfiles_split_environ(const char *buf, size_t len, size_t **off,
	size_t **lens)
{
	size_t n = 0, cap = 0, i = 0;

	*off = NULL;
	*lens = NULL;
	while (i < len) {
		const char *nul = memchr(buf + i, '\0', len - i);
		size_t end = nul ? (size_t)(nul - buf) : len;
		if (end > i) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				*off = xreallocarray(*off, cap, sizeof(**off));
				*lens = xreallocarray(*lens, cap, sizeof(**lens));
			}
			(*off)[n] = i;
			(*lens)[n] = end - i;
			n++;
		}
		i = end + 1;
	}
	return n;
}

int procfiles_read_environ(int pid_fd, struct sbuf *buf)
{
	int rc = fileread_at(pid_fd, "environ", buf, PROCFILES_ENVIRON_CAP,
		FILEREAD_TRUNCATE);
	return rc == -ENOENT ? -ESRCH : rc;
}

/* ---- fdinfo ---- */

/* The value after "key:" at the start of a line of buf, or NULL. */
static const char *field_at(const char *buf, size_t len, const char *key)
{
	size_t kl = strlen(key);
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;
		if (end - i > kl && !memcmp(buf + i, key, kl))
			return buf + i + kl;
		i = end + 1;
	}
	return NULL;
}

/* Value of digit c in base 8, 10 or 16, or base when it is none. */
static unsigned digit(char c, unsigned base)
{
	unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : base;
	return d < base ? d : base;
}

/* Digits in base (8, 10 or 16) after blanks, up to the end of the line. */
static bool parse_num(const char *p, const char *end, unsigned base,
	uint64_t *out)
{
	uint64_t v = 0;
	bool any = false;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (; p < end && digit(*p, base) < base; p++) {
		unsigned d = digit(*p, base);
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
		any = true;
	}
	if (!any || (p < end && *p != '\n'))
		return false;
	*out = v;
	return true;
}

int procfiles_parse_fdinfo(const char *buf, size_t len, struct pf_fdinfo *out)
{
	const char *end = buf + len;
	const char *p;
	uint64_t v;

	memset(out, 0, sizeof(*out));
	if ((p = field_at(buf, len, "pos:")) && parse_num(p, end, 10, &v)) {
		out->pos = v;
		out->have_pos = true;
	}
	if ((p = field_at(buf, len, "flags:")) && parse_num(p, end, 8, &v) &&
	    v <= UINT32_MAX) {
		out->flags = (unsigned)v;
		out->have_flags = true;
	}
	return out->have_pos || out->have_flags ? 0 : -EINVAL;
}

void procfiles_flags_text(unsigned flags, char *buf, size_t size)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ O_APPEND, "APPEND" }, { O_NONBLOCK, "NONBLOCK" },
		{ O_CLOEXEC, "CLOEXEC" }, { O_DIRECT, "DIRECT" },
		{ O_SYNC, "SYNC" }, { O_PATH, "PATH" }, { O_TMPFILE & ~O_DIRECTORY, "TMPFILE" },
		{ O_NOATIME, "NOATIME" },
	};
	unsigned acc = flags & O_ACCMODE;
	size_t n;

	if (!size)
		return;
	n = (size_t)snprintf(buf, size, "%s", acc == O_RDONLY ? "r" :
		acc == O_WRONLY ? "w" : acc == O_RDWR ? "rw" : "?");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (n >= size || (flags & names[i].bit) != names[i].bit)
			continue;
		n += (size_t)snprintf(buf + n, size - n, ",%s", names[i].name);
	}
}

const char *procfiles_fd_type(const char *link, size_t len, bool have_mode,
	unsigned mode)
{
	if (len >= 8 && !memcmp(link, "socket:[", 8))
		return "SOCK";
	if (len >= 6 && !memcmp(link, "pipe:[", 6))
		return "FIFO";
	if (len >= 11 && !memcmp(link, "anon_inode:", 11))
		return "anon_inode";
	if (!have_mode)
		return "unknown";
	switch (mode & S_IFMT) {
	case S_IFREG: return "REG";
	case S_IFDIR: return "DIR";
	case S_IFCHR: return "CHR";
	case S_IFBLK: return "BLK";
	case S_IFIFO: return "FIFO";
	case S_IFSOCK: return "SOCK";
	case S_IFLNK: return "LNK";
	default: return "unknown";
	}
}

void procfiles_fds_init(struct pf_fds *f)
{
	memset(f, 0, sizeof(*f));
}

static void fds_clear(struct pf_fds *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].name);
	f->n = 0;
}

void procfiles_fds_fini(struct pf_fds *f)
{
	fds_clear(f);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/* One fd: its link, what it points at, its fdinfo.  false when it was
 * closed meanwhile. */
static bool read_one_fd(int fd_dir, int info_dir, int fd, struct pf_fd *out,
	struct sbuf *tmp)
{
	char name[16], link[4096];
	struct stat st;

	snprintf(name, sizeof(name), "%d", fd);
	ssize_t n = readlinkat(fd_dir, name, link, sizeof(link));
	if (n < 0)
		return false;
	memset(out, 0, sizeof(*out));
	out->fd = fd;
	out->name = xmalloc((size_t)n + 1);
	memcpy(out->name, link, (size_t)n);
	out->name[n] = '\0';
	out->name_len = (size_t)n;
	/* stat what the fd points at (never opened: a FIFO cannot block) */
	out->have_stat = fstatat(fd_dir, name, &st, 0) == 0;
	if (out->have_stat) {
		out->dev_major = major(st.st_dev);
		out->dev_minor = minor(st.st_dev);
		out->ino = (uint64_t)st.st_ino;
	}
	out->type = procfiles_fd_type(link, (size_t)n, out->have_stat,
		out->have_stat ? (unsigned)st.st_mode : 0);
	if (info_dir >= 0 && reader_read_record(info_dir, name,
		FILEREAD_CAP_STATUS, tmp) == 0)
		(void)procfiles_parse_fdinfo(tmp->data, tmp->len, &out->info);
	return true;
}

int procfiles_read_fds(int pid_fd, struct pf_fds *out)
{
	pid_t *fds = NULL;
	size_t nfds = 0;
	struct sbuf tmp;
	int err;

	fds_clear(out);
	int fd_dir = openat(pid_fd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd_dir < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	err = reader_list_pids(fd_dir, &fds, &nfds);
	if (err) {
		close(fd_dir);
		return err;
	}
	int info_dir = openat(pid_fd, "fdinfo",
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	sbuf_init(&tmp);
	/* the listing skips "0" (no pid is 0): fd 0 is looked up itself */
	for (size_t i = 0; i <= nfds; i++) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 32;
			out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
		}
		if (read_one_fd(fd_dir, info_dir, i ? (int)fds[i - 1] : 0,
			&out->v[out->n], &tmp))
			out->n++;
	}
	sbuf_fini(&tmp);
	free(fds);
	if (info_dir >= 0)
		close(info_dir);
	close(fd_dir);
	return 0;
}

/* ---- locks ---- */

/* Next blank-separated word of [*p, end) into w (cut to size). */
static bool next_word(const char **p, const char *end, char *w, size_t size)
{
	const char *s = *p;
	size_t n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s >= end)
		return false;
	while (s < end && *s != ' ' && *s != '\t') {
		if (*s == '\0')
			return false;        /* not text: /proc has no NULs */
		if (n + 1 < size)
			w[n++] = *s;
		s++;
	}
	w[n] = '\0';
	*p = s;
	return true;
}

static bool word_u64(const char *w, unsigned base, uint64_t *v)
{
	return parse_num(w, w + strlen(w), base, v);
}

/* "1: POSIX  ADVISORY  WRITE 1234 08:01:131 0 EOF", or "1: -> POSIX ..." */
static bool parse_lock_line(const char *p, const char *end, struct pf_lock *l)
{
	char w[40], dev[64];
	uint64_t v, maj, min;

	memset(l, 0, sizeof(*l));
	if (!next_word(&p, end, w, sizeof(w)) || w[0] == '\0' ||
	    w[strlen(w) - 1] != ':')
		return false;
	if (!next_word(&p, end, l->type, sizeof(l->type)))
		return false;
	if (!strcmp(l->type, "->")) {
		l->waiting = true;
		if (!next_word(&p, end, l->type, sizeof(l->type)))
			return false;
	}
	if (!next_word(&p, end, l->mode, sizeof(l->mode)) ||
	    !next_word(&p, end, l->access, sizeof(l->access)) ||
	    !next_word(&p, end, w, sizeof(w)))
		return false;
	if (!strcmp(w, "-1"))
		l->pid = -1;
	else if (word_u64(w, 10, &v) && v <= INT32_MAX)
		l->pid = (pid_t)v;
	else
		return false;
	if (!next_word(&p, end, dev, sizeof(dev)))
		return false;
	/* maj:min:ino, the device numbers in hex */
	char *c1 = strchr(dev, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c1 || !c2)
		return false;
	*c1 = *c2 = '\0';
	if (!word_u64(dev, 16, &maj) || !word_u64(c1 + 1, 16, &min) ||
	    !word_u64(c2 + 1, 10, &l->ino) || maj > UINT32_MAX ||
	    min > UINT32_MAX)
		return false;
	l->dev_major = (unsigned)maj;
	l->dev_minor = (unsigned)min;
	if (!next_word(&p, end, w, sizeof(w)) || !word_u64(w, 10, &l->start))
		return false;
	if (!next_word(&p, end, w, sizeof(w)))
		return false;
	if (!strcmp(w, "EOF"))
		l->to_eof = true;
	else if (!word_u64(w, 10, &l->end))
		return false;
	return true;
}

size_t procfiles_parse_locks(const char *buf, size_t len, pid_t pid,
	struct pf_lock **out)
{
	size_t n = 0, cap = 0, i = 0;
	struct pf_lock l;

	*out = NULL;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;
		if (parse_lock_line(buf + i, buf + end, &l) &&
		    (pid <= 0 || l.pid == pid)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			(*out)[n++] = l;
		}
		i = end + 1;
	}
	return n;
}

long procfiles_read_locks(int root_fd, pid_t pid, struct pf_lock **out)
{
	struct sbuf buf;

	*out = NULL;
	sbuf_init(&buf);
	int rc = fileread_at(root_fd, "locks", &buf, FILEREAD_CAP_SYSTEM, 0);
	long n = rc < 0 ? rc :
		(long)procfiles_parse_locks(buf.data, buf.len, pid, out);
	sbuf_fini(&buf);
	return n;
}
