/* reader — openat-based reading of per-process /proc files (see
 * proctop/reader.h). */
#include "proctop/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/fileread.h"
#include "proctop/procfs.h"
#include "proctop/xalloc.h"

int reader_read_file(int dirfd, const char *name, size_t cap,
	struct sbuf *buf)
{
	return fileread_at(dirfd, name, buf, cap, 0);
}

int reader_read_record(int dirfd, const char *name, size_t cap,
	struct sbuf *buf)
{
	return fileread_at(dirfd, name, buf, cap, FILEREAD_ONE_RECORD);
}

int reader_read_cmdline(int dirfd, struct sbuf *buf)
{
	int rc = fileread_at(dirfd, "cmdline", buf, FILEREAD_CAP_CMDLINE,
		FILEREAD_ONE_RECORD | FILEREAD_TRUNCATE);
	size_t len;

	if (rc < 0)
		return rc;
	len = procfs_join_cmdline(buf->data, buf->len);
	buf->len = len;
	buf->data[len] = '\0';
	if (rc == 1)
		sbuf_adds(buf, READER_CMDLINE_MARK);
	return (int)buf->len;
}

/* A name made only of digits, 1..INT_MAX; else 0. */
static pid_t name_to_pid(const char *s)
{
	long long v = 0;

	if (*s < '1' || *s > '9')
		return 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 10)
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v > INT_MAX ? 0 : (pid_t)v;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

int reader_list_pids_step(int dirfd, pid_t **pids, size_t *n, size_t *cap,
	bool *sorted)
{
	/* 8-byte aligned for struct dirent64 */
	uint64_t dents[2048];
	ssize_t r;

	do
		r = getdents64(dirfd, dents, sizeof(dents));
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	for (size_t off = 0; off < (size_t)r;) {
		const struct dirent64 *d =
			(const struct dirent64 *)((const char *)dents + off);
		pid_t pid;
		if (d->d_reclen == 0)
			return -EIO;
		off += d->d_reclen;
		pid = name_to_pid(d->d_name);
		if (!pid)
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 512;
			*pids = xreallocarray(*pids, *cap, sizeof(**pids));
		}
		if (*n && (*pids)[*n - 1] > pid)
			*sorted = false;
		(*pids)[(*n)++] = pid;
	}
	return r > 0;
}

int reader_list_pids_reuse(int dirfd, pid_t **pids, size_t *n, size_t *cap)
{
	bool sorted = true;
	int rc;

	*n = 0;
	while ((rc = reader_list_pids_step(dirfd, pids, n, cap, &sorted)) > 0)
		;
	if (rc < 0)
		return rc;
	if (!sorted)
		qsort(*pids, *n, sizeof(**pids), cmp_pid);
	return 0;
}

int reader_list_pids(int dirfd, pid_t **pids, size_t *n)
{
	size_t cap = 0;

	*pids = NULL;
	*n = 0;
	if (lseek(dirfd, 0, SEEK_SET) < 0)
		return -errno;
	return reader_list_pids_reuse(dirfd, pids, n, &cap);
}

/* Write pid in decimal ending just before *end; returns its first char. */
static char *put_pid(char *end, char *start, pid_t pid)
{
	unsigned v = (unsigned)pid;
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v && p > start);
	return p;
}

int reader_open_pid(int root_fd, pid_t pid)
{
	char name[16];
	int fd;

	if (pid <= 0)
		return -ENOENT;
	/* decimal by hand: this runs for every pid on every refresh */
	name[sizeof(name) - 1] = '\0';
	fd = openat(root_fd, put_pid(name + sizeof(name) - 1, name, pid),
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int reader_read_pid_record(int dirfd, pid_t pid, const char *name,
	size_t cap, unsigned flags, struct sbuf *buf)
{
	char path[64];
	size_t nlen = strlen(name);
	char *start;

	if (pid <= 0)
		return -ENOENT;
	if (nlen > sizeof(path) - 16)
		return -ENAMETOOLONG;
	/* "<pid>/" then name, built right to left into path */
	memcpy(path + sizeof(path) - 1 - nlen, name, nlen + 1);
	path[sizeof(path) - 2 - nlen] = '/';
	start = put_pid(path + sizeof(path) - 2 - nlen, path, pid);
	return fileread_at(dirfd, start, buf, cap,
		FILEREAD_ONE_RECORD | flags);
}
