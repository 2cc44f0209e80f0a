/* store — writing a recording directory: lock, files, index, rotation
 * (see proctop/recstore.h). */
#include "proctop/recstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "proctop/xalloc.h"

struct rec_store {
	char *dir;                 /* owned */
	int dir_fd, lock_fd;
	int fd, idx_fd;            /* current data and index file, or -1 */
	char name[64];             /* current data file's name in dir */
	char *path;                /* dir/name; owned */
	uint64_t size;             /* current data file's length */
	uint64_t max_size;         /* the directory's limit, 0: none */
	uint64_t file_max;         /* one file's limit, 0: none */
	int year, yday;            /* local date of the current file */
};

static void say(struct sbuf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct sbuf *why, const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(why);
	va_start(ap, fmt);
	sbuf_vaddf(why, fmt, ap);
	va_end(ap);
}

/* Lock dir/lock for this process and write its pid there. */
static int take_lock(struct rec_store *st, struct sbuf *why)
{
	char pid[32];
	int n;

	st->lock_fd = openat(st->dir_fd, "lock", O_RDWR | O_CREAT | O_CLOEXEC |
		O_NOFOLLOW, 0644);
	if (st->lock_fd < 0) {
		say(why, "cannot open %s/lock: %s", st->dir, strerror(errno));
		return -errno;
	}
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		int err = errno;
		ssize_t len = pread(st->lock_fd, pid, sizeof(pid) - 1, 0);
		pid[len > 0 ? len : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		if (err == EWOULDBLOCK)
			say(why, "%s is being recorded by another proctop%s%s%s",
				st->dir, *pid ? " (pid " : "", pid,
				*pid ? ")" : "");
		else
			say(why, "cannot lock %s/lock: %s", st->dir,
				strerror(err));
		return -err;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(st->lock_fd, 0) < 0 ||
	    pwrite(st->lock_fd, pid, (size_t)n, 0) != n) {
		say(why, "cannot write %s/lock: %s", st->dir, strerror(errno));
		return -errno;
	}
	return 0;
}

struct rec_store *rec_store_open(const char *dir, uint64_t max_size,
	struct sbuf *why)
{
	struct rec_store *st = xcalloc(1, sizeof(*st));

	st->dir = xstrdup(dir);
	st->path = xstrdup("");
	st->fd = st->idx_fd = st->lock_fd = -1;
	st->max_size = max_size;
	if (max_size) {
		st->file_max = max_size / 8;
		if (st->file_max < REC_MIN_FILE_SIZE)
			st->file_max = REC_MIN_FILE_SIZE;
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		say(why, "cannot create %s: %s", dir, strerror(errno));
		goto fail;
	}
	st->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dir_fd < 0) {
		say(why, "cannot open %s: %s", dir, errno == ENOTDIR ?
			"not a directory (--record takes a directory)" :
			strerror(errno));
		goto fail;
	}
	if (take_lock(st, why) < 0)
		goto fail;
	return st;
fail:
	rec_store_close(st);
	return NULL;
}

static void close_file(struct rec_store *st)
{
	if (st->fd >= 0)
		close(st->fd);
	if (st->idx_fd >= 0)
		close(st->idx_fd);
	st->fd = st->idx_fd = -1;
}

void rec_store_close(struct rec_store *st)
{
	if (!st)
		return;
	close_file(st);
	if (st->lock_fd >= 0)
		close(st->lock_fd);           /* releases the lock */
	if (st->dir_fd > 0)
		close(st->dir_fd);
	free(st->dir);
	free(st->path);
	free(st);
}

const char *rec_store_path(const struct rec_store *st)
{
	return st->path;
}

static void local_day(int64_t time_ns, int *year, int *yday)
{
	time_t t = (time_t)(time_ns / 1000000000);
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		*year = *yday = 0;
		return;
	}
	*year = tm.tm_year;
	*yday = tm.tm_yday;
}

bool rec_store_wants_file(const struct rec_store *st, int64_t time_ns)
{
	int year, yday;

	if (st->fd < 0)
		return true;
	if (st->file_max && st->size >= st->file_max)
		return true;
	local_day(time_ns, &year, &yday);
	return year != st->year || yday != st->yday;
}

/* Whether name is a data file's name: YYYYMMDD-HHMMSS[-N].ptr */
static bool is_data_name(const char *name)
{
	size_t len = strlen(name), slen = strlen(REC_FILE_SUFFIX);

	if (len < 15 + slen || strcmp(name + len - slen, REC_FILE_SUFFIX))
		return false;
	for (size_t i = 0; i < len - slen; i++) {
		bool digit = name[i] >= '0' && name[i] <= '9';
		if (i == 8 ? name[i] != '-' : i < 15 ? !digit :
		    !(digit || (i == 15 && name[i] == '-')))
			return false;
	}
	return true;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The data files of the directory open as fd, sorted by name (= time);
 * caller frees each and the array. */
static char **list_data_files(int fd, size_t *n)
{
	char **names = NULL;
	size_t cap = 0;
	int dfd = dup(fd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *de;

	*n = 0;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return NULL;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		if (!is_data_name(de->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_names);
	return names;
}

static uint64_t file_size_at(int dir_fd, const char *name)
{
	struct stat sb;

	return fstatat(dir_fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
}

/* Remove the oldest data files (and their indexes) while the directory
 * holds more than max_size; never the current file. */
static void prune(struct rec_store *st)
{
	size_t n;
	char **names;
	uint64_t total = 0;
	char idx[128];

	if (!st->max_size)
		return;
	names = list_data_files(st->dir_fd, &n);
	for (size_t i = 0; i < n; i++) {
		snprintf(idx, sizeof(idx), "%s%s", names[i], REC_INDEX_SUFFIX);
		total += file_size_at(st->dir_fd, names[i]) +
			file_size_at(st->dir_fd, idx);
	}
	for (size_t i = 0; i < n && total > st->max_size; i++) {
		if (!strcmp(names[i], st->name))
			break;
		snprintf(idx, sizeof(idx), "%s%s", names[i], REC_INDEX_SUFFIX);
		total -= file_size_at(st->dir_fd, names[i]) +
			file_size_at(st->dir_fd, idx);
		unlinkat(st->dir_fd, names[i], 0);
		unlinkat(st->dir_fd, idx, 0);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Write all of buf at the end of fd; 0 or -errno. */
static int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int rec_store_new_file(struct rec_store *st, const struct rec_file_hdr *h,
	int64_t time_ns, struct sbuf *why)
{
	time_t t = (time_t)(time_ns / 1000000000);
	struct tm tm;
	char stamp[32] = "00000000-000000";
	unsigned char hdr[REC_FILE_HDR_MAX];
	char idx[128];
	int rc;

	close_file(st);
	if (localtime_r(&t, &tm))
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	local_day(time_ns, &st->year, &st->yday);
	for (int i = 0; i < 100; i++) {
		if (i)
			snprintf(st->name, sizeof(st->name), "%s-%d%s", stamp,
				i, REC_FILE_SUFFIX);
		else
			snprintf(st->name, sizeof(st->name), "%s%s", stamp,
				REC_FILE_SUFFIX);
		st->fd = openat(st->dir_fd, st->name, O_WRONLY | O_CREAT |
			O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (st->fd >= 0 || errno != EEXIST)
			break;
	}
	free(st->path);
	st->path = xmalloc(strlen(st->dir) + strlen(st->name) + 2);
	sprintf(st->path, "%s/%s", st->dir, st->name);
	if (st->fd < 0) {
		rc = -errno;
		say(why, "cannot create %s: %s", st->path, strerror(errno));
		return rc;
	}
	snprintf(idx, sizeof(idx), "%s%s", st->name, REC_INDEX_SUFFIX);
	st->idx_fd = openat(st->dir_fd, idx, O_WRONLY | O_CREAT | O_TRUNC |
		O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (st->idx_fd < 0) {
		rc = -errno;
		say(why, "cannot create %s%s: %s", st->path, REC_INDEX_SUFFIX,
			strerror(errno));
		return rc;
	}
	size_t len = rec_file_hdr_build(h, hdr);
	rc = write_all(st->fd, hdr, len);
	if (rc < 0) {
		say(why, "cannot write %s: %s", st->path, strerror(-rc));
		return rc;
	}
	st->size = len;
	prune(st);
	return 0;
}

int rec_store_append(struct rec_store *st, const struct rec_buf *frame,
	struct sbuf *why)
{
	struct rec_frame_hdr h;
	unsigned char ie[REC_INDEX_ENTRY];
	int rc;

	if (st->fd < 0 || rec_frame_hdr_parse(frame->data, &h) < 0)
		return -EINVAL;
	rc = write_all(st->fd, frame->data, frame->len);
	if (rc < 0) {
		say(why, "cannot write %s: %s", st->path, strerror(-rc));
		/* Cut a partial frame off: the file ends with a whole one. */
		if (ftruncate(st->fd, (off_t)st->size) < 0)
			sbuf_addf(why, " (and cannot cut it back to %llu "
				"bytes: %s)", (unsigned long long)st->size,
				strerror(errno));
		return rc;
	}
	struct rec_index_entry e = {
		.time_ns = h.time_ns, .offset = st->size,
		.frame_len = (uint32_t)frame->len, .type = h.type,
	};
	st->size += frame->len;
	rec_index_build(&e, ie);
	rc = write_all(st->idx_fd, ie, sizeof(ie));
	if (rc < 0) {
		/* The data is whole; the reader scans what the index lacks. */
		say(why, "cannot write %s%s: %s", st->path, REC_INDEX_SUFFIX,
			strerror(-rc));
		return rc;
	}
	return 0;
}

int rec_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (!(*s >= '0' && *s <= '9'))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	switch (*end) {
	case '\0': break;
	case 'K': case 'k': shift = 10; break;
	case 'M': case 'm': shift = 20; break;
	case 'G': case 'g': shift = 30; break;
	case 'T': case 't': shift = 40; break;
	default: return -EINVAL;
	}
	if (*end && end[1] && strcmp(end + 1, "B") && strcmp(end + 1, "iB"))
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}
