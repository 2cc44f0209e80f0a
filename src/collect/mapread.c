/* mapread — reads the address-space map of one process (see proctop/maps.h).
 *
 * smaps is streamed: read a chunk, parse every block whose end (the next
 * header line) is in the buffer, move the unfinished tail to the front,
 * read on.  Memory is the chunk plus the model; each byte is scanned a
 * bounded number of times, so 60,000 mappings cost linear time. */
#include "proctop/maps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"
#include "proctop/xalloc.h"

/* The stream buffer: one block (a mapping's header and figures, ~1.5 KiB
 * plus a path of at most a few KiB) must fit, so a block that fills it is
 * -EFBIG instead of a reason to grow. */
enum { MAPREAD_CHUNK = FILEREAD_CAP_STATUS };

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

/* Stream the open maps/smaps file fd into mm.  0 or -errno (-EFBIG for a
 * block that does not fit the buffer). */
static int read_stream(int fd, struct memmap *mm, bool has_usage)
{
	size_t len = 0;
	char *buf = xmalloc(MAPREAD_CHUNK);
	bool eof = false;
	int err = 0;

	while (!eof) {
		if (len == MAPREAD_CHUNK) {   /* one block fills the buffer */
			err = -EFBIG;
			break;
		}
		ssize_t n = read(fd, buf + len, MAPREAD_CHUNK - len);
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
	}
	free(buf);
	return err;
}

/* Read smaps_rollup into mm->rollup.  0 (has_rollup set when it parsed),
 * or -errno.  Not errors: a kernel without smaps_rollup (-ENOENT), and a
 * task without an mm (-ESRCH: a kernel thread, a zombie, or one that has
 * just exited, which the stat read after the map tells). */
static int read_rollup(int pid_fd, struct memmap *mm)
{
	struct sbuf buf;
	struct maps_line hdr;
	size_t used;

	sbuf_init(&buf);
	int err = reader_read_record(pid_fd, "smaps_rollup",
		FILEREAD_CAP_STATUS, &buf);
	if (err == 0 && buf.len && smaps_parse_block(buf.data, buf.len, &hdr,
			&mm->rollup, &used) == 0)
		mm->has_rollup = true;
	sbuf_fini(&buf);
	return err == -ENOENT || err == -ESRCH ? 0 : err;
}

/* Read stat through pid_fd into *id.  0 or -errno (-ESRCH when the
 * process is gone, -EINVAL when stat does not parse). */
static int read_ident(int pid_fd, struct maps_ident *id)
{
	struct sbuf buf;

	sbuf_init(&buf);
	int err = reader_read_record(pid_fd, "stat", FILEREAD_CAP_RECORD, &buf);
	if (err == 0)
		err = maps_parse_ident(buf.data, buf.len, id);
	sbuf_fini(&buf);
	return err == -ENOENT ? -ESRCH : err;
}

/* After EOF: rewind the smaps fd and read again.  1 when it still gives
 * data (the mm it reads has users: the EOF was its real end), 0 when it
 * is empty (the mm is gone), -errno on error. */
static int probe_alive(int fd)
{
	char b[256];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	do
		n = read(fd, b, sizeof(b));
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n > 0;
}

/* Open smaps, or maps when the kernel has none (*has_usage false then).
 * Returns the fd or -errno, *file naming the file it is about. */
static int open_map_file(int pid_fd, bool *has_usage, const char **file)
{
	int fd = fileread_open(pid_fd, "smaps");

	*has_usage = true;
	*file = "smaps";
	if (fd == -ENOENT) {
		int fd2 = fileread_open(pid_fd, "maps");
		if (fd2 != -ENOENT) {
			*has_usage = false;
			*file = "maps";
			fd = fd2;
		}
	}
	return fd;
}

/* The map read proper: stat, the stream, smaps_rollup, the probe, stat
 * again, the judgement.  Sets info->file to the file an error is about. */
static int read_map(int pid_fd, struct memmap *mm, struct mapread_info *info)
{
	struct maps_ident before;
	bool has_usage;
	int probe = -1;

	info->file = "stat";
	int err = read_ident(pid_fd, &before);
	if (err)
		return err;
	int fd = open_map_file(pid_fd, &has_usage, &info->file);
	if (fd == -ENOENT && read_ident(pid_fd, &info->after) == -ESRCH)
		fd = -ESRCH;   /* its files vanished with the process */
	if (fd < 0)
		return fd == -ESRCH ? -MAPREAD_EEXITED : fd;
	err = read_stream(fd, mm, has_usage);
	if (!err && has_usage && mm->n) {
		info->file = "smaps_rollup";
		err = read_rollup(pid_fd, mm);
	}
	if (!err && mm->n) {
		info->file = has_usage ? "smaps" : "maps";
		probe = probe_alive(fd);
		err = probe < 0 ? probe : 0;
	}
	close(fd);
	if (!err) {
		info->file = "stat";
		err = read_ident(pid_fd, &info->after);
		info->have_after = err == 0;
	}
	/* -ESRCH once the read has begun: the process exited during it */
	if (err == -ESRCH)
		return -MAPREAD_EEXITED;
	if (err)
		return err;
	mm->has_usage = has_usage;
	return maps_judge(&before, &info->after, probe);
}

int mapread_read_fd(int pid_fd, pid_t pid, struct memmap *mm,
	struct mapread_info *info)
{
	struct mapread_info local;

	if (!info)
		info = &local;
	memset(info, 0, sizeof(*info));
	memmap_reset(mm);
	int err = read_map(pid_fd, mm, info);
	if (err) {
		memmap_reset(mm);
		return err;
	}
	info->file = NULL;
	mm->pid = pid;
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
	int err = mapread_read_fd(pid_fd, pid, mm, NULL);
	close(pid_fd);
	return err;
}

const char *mapread_strerror(int err)
{
	switch (err) {
	case -MAPREAD_EEXITED:
		return "incomplete: process exited during the read";
	case -MAPREAD_EEXECED:
		return "incomplete: process exec'd during the read";
	case -EINVAL:
		return "unparseable";
	default:
		return fileread_strerror(err);
	}
}
