/* fileread — bounded open and read of one file (see proctop/fileread.h). */
#include "proctop/fileread.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proctop/xalloc.h"

/* Most /proc files fit in one page; asking for at least this much lets the
 * kernel hand over a seq_file in one read. */
#define READ_CHUNK 4096

/* Open name the bounded way; with FILEREAD_PROCFS without the fstat. */
static int open_file(int dirfd, const char *name, unsigned flags)
{
	struct stat st;
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW |
		O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (flags & FILEREAD_PROCFS)
		return fd;
	if (fstat(fd, &st) < 0) {
		int err = -errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -FILEREAD_ENOTREG;
	}
	return fd;
}

int fileread_open(int dirfd, const char *name)
{
	return open_file(dirfd, name, 0);
}

/* Make room for at least want more bytes (and the NUL) in buf. */
static void make_room(struct sbuf *buf, size_t want)
{
	size_t cap = buf->cap ? buf->cap : READ_CHUNK;

	if (buf->cap - buf->len > want)
		return;
	while (cap - buf->len <= want)
		cap *= 2;
	buf->data = xreallocarray(buf->data, cap, 1);
	buf->cap = cap;
}

int fileread_fd(int fd, struct sbuf *buf, size_t cap, unsigned flags)
{
	bool one_record = flags & FILEREAD_ONE_RECORD;
	int err = 0;

	sbuf_reset(buf);
	/* Read at most cap + 1 bytes: one byte past the cap says "longer". */
	for (;;) {
		size_t limit = cap + 1 - buf->len;
		size_t want = limit < READ_CHUNK ? limit : READ_CHUNK;
		size_t ask;
		ssize_t r;

		if (limit == 0)
			break;
		make_room(buf, want);
		ask = buf->cap - buf->len - 1;
		if (ask > limit)
			ask = limit;
		r = read(fd, buf->data + buf->len, ask);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (r == 0)
			break;
		buf->len += (size_t)r;
		if (one_record && (size_t)r < ask)
			break;
	}
	if (!err && buf->len > cap) {
		buf->len = cap;
		err = (flags & FILEREAD_TRUNCATE) ? 1 : -EFBIG;
	}
	if (buf->data)
		buf->data[buf->len] = '\0';
	return err;
}

int fileread_at(int dirfd, const char *name, struct sbuf *buf, size_t cap,
	unsigned flags)
{
	int fd = open_file(dirfd, name, flags);
	int rc;

	if (fd < 0) {
		sbuf_reset(buf);
		return fd;
	}
	rc = fileread_fd(fd, buf, cap, flags);
	close(fd);
	return rc;
}

const char *fileread_strerror(int err)
{
	switch (err) {
	case -FILEREAD_ENOTREG:
		return "not a regular file";
	case -EFBIG:
		return "larger than the size limit";
	case -ELOOP:
		return "a symbolic link (not followed)";
	default:
		return strerror(err < 0 ? -err : err);
	}
}
