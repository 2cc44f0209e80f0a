/* mapread — reads the address-space map of one process (see proctop/maps.h).
 *
 * smaps is streamed: read a chunk, parse every block whose end (the next
 * header line) is in the buffer, move the unfinished tail to the front,
 * read on.  Memory is the chunk plus the model; each byte is scanned a
 * bounded number of times, so 60,000 mappings cost linear time. */
#include "proctop/maps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/reader.h"
#include "proctop/xalloc.h"

enum { MAPREAD_CHUNK = 64 * 1024 };

/* Add the parsed block to mm. */
static void add_block(struct memmap *mm, const struct maps_line *hdr,
	const struct map_usage *u, bool has_usage)
{
	struct map_entry *e = memmap_add(mm, hdr->path, hdr->path_len);

	e->start = hdr->start;
	e->end = hdr->end;
	e->offset = hdr->offset;
	e->inode = hdr->inode;
	e->dev_major = hdr->dev_major;
	e->dev_minor = hdr->dev_minor;
	memcpy(e->perms, hdr->perms, sizeof(e->perms));
	e->deleted = hdr->deleted;
	e->u = *u;
	if (!has_usage)
		e->u.size_kib = (hdr->end - hdr->start) / 1024u;
}

/* Parse the complete blocks in buf[0..len) into mm; with eof the last block
 * is complete too.  Returns the bytes consumed. */
static size_t parse_blocks(struct memmap *mm, const char *buf, size_t len,
	bool eof, bool has_usage)
{
	size_t pos = 0;

	while (pos < len) {
		struct maps_line hdr;
		struct map_usage u;
		size_t used;
		int rc = smaps_parse_block(buf + pos, len - pos, &hdr, &u, &used);
		/* A block that runs to the end of the buffer may go on in the
		 * next chunk (so may a header line without its '\n'): parse it
		 * again once more has been read. */
		if (!eof && pos + used == len)
			break;
		if (rc == 0)
			add_block(mm, &hdr, &u, has_usage);
		/* an unparseable line is skipped; used >= 1 when len > pos */
		pos += used ? used : len - pos;
	}
	return pos;
}

/* Stream the open maps/smaps file fd into mm.  0 or -errno. */
static int read_stream(int fd, struct memmap *mm, bool has_usage)
{
	size_t cap = MAPREAD_CHUNK, len = 0;
	char *buf = xmalloc(cap);
	bool eof = false;
	int err = 0;

	while (!eof) {
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			eof = true;
		len += (size_t)n;
		size_t used = parse_blocks(mm, buf, len, eof, has_usage);
		memmove(buf, buf + used, len - used);
		len -= used;
		if (len == cap) {   /* one block larger than the buffer */
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	free(buf);
	return err;
}

/* Read smaps_rollup into mm->rollup (has_rollup stays false on failure). */
static void read_rollup(int pid_fd, struct memmap *mm)
{
	char buf[8192];
	size_t len = 0;
	int fd = openat(pid_fd, "smaps_rollup", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	while (len < sizeof(buf)) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	struct maps_line hdr;
	size_t used;
	if (len && smaps_parse_block(buf, len, &hdr, &mm->rollup, &used) == 0)
		mm->has_rollup = true;
}

int mapread_read_fd(int pid_fd, pid_t pid, struct memmap *mm)
{
	int err;

	memmap_reset(mm);
	mm->pid = pid;
	bool has_usage = true;
	int fd = openat(pid_fd, "smaps", O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		has_usage = false;
		fd = openat(pid_fd, "maps", O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		err = -errno;
		memmap_reset(mm);
		/* the files of a process that is gone are gone too */
		return err == -ENOENT ? -ESRCH : err;
	}
	err = read_stream(fd, mm, has_usage);
	close(fd);
	if (!err && has_usage)
		read_rollup(pid_fd, mm);
	if (err) {
		memmap_reset(mm);
		return err;
	}
	/* A process that exited (or a kernel thread) has an empty map; tell
	 * a vanished one apart by its files. */
	if (mm->n == 0 && faccessat(pid_fd, "stat", F_OK, 0) != 0)
		return -ESRCH;
	mm->pid = pid;
	mm->has_usage = has_usage;
	memmap_finish(mm);
	return 0;
}

int mapread_read(int root_fd, pid_t pid, struct memmap *mm)
{
	int pid_fd = reader_open_pid(root_fd, pid);

	if (pid_fd < 0) {
		memmap_reset(mm);
		return pid_fd == -ENOENT ? -ESRCH : pid_fd;
	}
	int err = mapread_read_fd(pid_fd, pid, mm);
	close(pid_fd);
	return err;
}
