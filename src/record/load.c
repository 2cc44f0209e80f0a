/* load — reading a recording: its files, their frames (through the index,
 * then by scanning), one frame at a time (see proctop/recstore.h). */
#include "proctop/recstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "proctop/xalloc.h"

#define SCAN_CHUNK (64u << 10)

/* Read exactly len bytes at off: 0, -EAGAIN at the end of the file, or
 * -errno. */
static int read_at(int fd, void *buf, size_t len, uint64_t off)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EAGAIN;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static void add_frame(struct rec_reader *r, uint32_t file, uint64_t off,
	const struct rec_frame_hdr *h)
{
	if (r->nframes == r->frames_cap) {
		r->frames_cap = r->frames_cap ? r->frames_cap * 2 : 256;
		r->frames = xreallocarray(r->frames, r->frames_cap,
			sizeof(*r->frames));
	}
	r->frames[r->nframes++] = (struct rec_frame_ref){
		.file = file, .offset = off,
		.len = REC_FRAME_HDR + h->payload_len,
		.time_ns = h->time_ns, .type = h->type, .key = -1,
	};
}

/* Whether a whole frame with a matching CRC starts at off. */
static bool frame_at(struct rec_reader *r, const struct rec_file *f,
	uint64_t off, struct rec_frame_hdr *h)
{
	unsigned char hdr[REC_FRAME_HDR];

	if (read_at(f->fd, hdr, sizeof(hdr), off) < 0 ||
	    rec_frame_hdr_parse(hdr, h) < 0 ||
	    off + REC_FRAME_HDR + h->payload_len > f->size)
		return false;
	r->buf.len = 0;
	unsigned char *p = rec_buf_reserve(&r->buf, h->payload_len + 1);
	return read_at(f->fd, p, h->payload_len, off + REC_FRAME_HDR) == 0 &&
		rec_frame_crc_ok(hdr, h, p);
}

/* The offset of the next whole frame after off (by its magic and CRC), or
 * the file's size. */
static uint64_t resync(struct rec_reader *r, const struct rec_file *f,
	uint64_t off)
{
	unsigned char chunk[SCAN_CHUNK];
	struct rec_frame_hdr h;
	const unsigned char magic[4] = { 'P', 'T', 'F', 'R' };

	for (uint64_t pos = off + 1; pos < f->size;) {
		size_t want = f->size - pos < sizeof(chunk) ?
			(size_t)(f->size - pos) : sizeof(chunk);
		ssize_t n = pread(f->fd, chunk, want, (off_t)pos);
		if (n < 4)
			break;
		for (size_t i = 0; i + 4 <= (size_t)n; i++)
			if (!memcmp(chunk + i, magic, 4) &&
			    frame_at(r, f, pos + i, &h))
				return pos + i;
		pos += (uint64_t)n - 3;
	}
	return f->size;
}

/* List the frames of file fi from off on by walking their headers. */
static void scan(struct rec_reader *r, uint32_t fi, uint64_t off,
	struct sbuf *warn)
{
	const struct rec_file *f = &r->files[fi];
	unsigned char hdr[REC_FRAME_HDR];
	struct rec_frame_hdr h;

	while (off < f->size) {
		int rc = read_at(f->fd, hdr, sizeof(hdr), off);
		if (rc == -EAGAIN)
			break;                /* a header cut short: the end */
		if (rc == 0 && rec_frame_hdr_parse(hdr, &h) == 0) {
			if (off + REC_FRAME_HDR + h.payload_len > f->size)
				break;        /* a frame cut short: the end */
			add_frame(r, fi, off, &h);
			off += REC_FRAME_HDR + h.payload_len;
			continue;
		}
		uint64_t next = resync(r, f, off);
		if (next >= f->size)
			break;  /* nothing whole after it: an unfinished end */
		sbuf_addf(warn, "%s: damaged data at offset %llu (%llu bytes up to "
			"the next frame) skipped\n", f->path,
			(unsigned long long)off,
			(unsigned long long)(next - off));
		off = next;
	}
}

/* List file fi's frames from its index, as far as the index agrees with
 * the data file; returns the offset after the last one. */
static uint64_t load_index(struct rec_reader *r, uint32_t fi, uint64_t off)
{
	const struct rec_file *f = &r->files[fi];
	char *path = xmalloc(strlen(f->path) + sizeof(REC_INDEX_SUFFIX));
	unsigned char e[REC_INDEX_ENTRY];
	struct rec_index_entry ie;
	int fd;

	sprintf(path, "%s%s", f->path, REC_INDEX_SUFFIX);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(path);
	if (fd < 0)
		return off;
	FILE *fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		return off;
	}
	while (fread(e, sizeof(e), 1, fp) == 1) {
		if (rec_index_parse(e, &ie) < 0 || ie.offset != off ||
		    off + ie.frame_len > f->size)
			break;
		struct rec_frame_hdr h = {
			.payload_len = ie.frame_len - REC_FRAME_HDR,
			.time_ns = ie.time_ns, .type = ie.type,
		};
		add_frame(r, fi, off, &h);
		off += ie.frame_len;
	}
	fclose(fp);
	return off;
}

/* Open one data file into r->files; 0 or -errno with *why set. */
static int open_file(struct rec_reader *r, const char *path, struct sbuf *why,
	struct sbuf *warn)
{
	unsigned char buf[REC_FILE_HDR_MAX];
	struct rec_file f = { .fd = -1 };
	struct stat sb;
	ssize_t n;
	int rc;

	f.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f.fd < 0) {
		rc = -errno;
		sbuf_addf(why, "cannot open %s: %s", path, strerror(errno));
		return rc;
	}
	if (fstat(f.fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		sbuf_addf(why, "%s: not a regular file", path);
		close(f.fd);
		return -EINVAL;
	}
	f.size = (uint64_t)sb.st_size;
	n = pread(f.fd, buf, sizeof(buf), 0);
	rc = n < 0 ? -errno : rec_file_hdr_parse(buf, (size_t)n, &f.hdr);
	if (rc < 0) {
		if (n == 0)
			sbuf_addf(why, "%s: empty file (not a proctop recording, or "
				"one that never got its first sample)", path);
		else if (rc == -EINVAL)
			sbuf_addf(why, "%s: not a proctop recording", path);
		else if (rc == -EPROTONOSUPPORT)
			sbuf_addf(why, "%s: written by a newer proctop (format "
				"version %u; this one reads versions 1 to %d)", path,
				f.hdr.version, REC_VERSION);
		else if (rc == -EAGAIN)
			sbuf_addf(why, "%s: truncated file header (%zd bytes)", path,
				n);
		else
			sbuf_addf(why, "%s: damaged file header", path);
		close(f.fd);
		return rc == -EAGAIN ? -EBADMSG : rc;
	}
	f.path = xstrdup(path);
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	r->files[r->nfiles++] = f;
	uint32_t fi = (uint32_t)r->nfiles - 1;
	scan(r, fi, load_index(r, fi, (uint64_t)rc), warn);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The data files in directory path, sorted (their names are times). */
static char **dir_files(const char *path, size_t *n, int *err)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t len = strlen(REC_FILE_SUFFIX);

	*n = 0;
	*err = 0;
	if (!d) {
		*err = -errno;
		return NULL;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l <= len ||
		    strcmp(de->d_name + l - len, REC_FILE_SUFFIX))
			continue;
		names = xreallocarray(names, *n + 1, sizeof(*names));
		names[*n] = xmalloc(strlen(path) + l + 2);
		sprintf(names[(*n)++], "%s/%s", path, de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_str);
	return names;
}

/* Each frame's key frame: the last key frame of the same file at or
 * before it. */
static void link_keys(struct rec_reader *r)
{
	long key = -1;

	for (size_t i = 0; i < r->nframes; i++) {
		struct rec_frame_ref *f = &r->frames[i];
		if (i && f->file != r->frames[i - 1].file)
			key = -1;
		if (f->type == REC_FRAME_KEY)
			key = (long)i;
		f->key = key;
	}
}

int rec_reader_open(struct rec_reader *r, const char *path, struct sbuf *why,
	struct sbuf *warn)
{
	struct stat sb;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	rec_buf_init(&r->buf);
	r->z = rec_zctx_new();
	if (!r->z) {
		sbuf_addf(why, "cannot allocate a zstd context");
		return -ENOMEM;
	}
	if (stat(path, &sb) < 0) {
		rc = -errno;
		sbuf_addf(why, "cannot open %s: %s", path, strerror(errno));
		return rc;
	}
	if (!S_ISDIR(sb.st_mode)) {
		rc = open_file(r, path, why, warn);
	} else {
		size_t n;
		char **names = dir_files(path, &n, &rc);
		struct sbuf one;

		sbuf_init(&one);
		for (size_t i = 0; i < n; i++) {
			sbuf_reset(&one);
			if (open_file(r, names[i], &one, warn) < 0)
				sbuf_addf(warn, "%s (skipped)\n", one.data);
			free(names[i]);
		}
		free(names);
		sbuf_fini(&one);
		if (rc < 0)
			sbuf_addf(why, "cannot read %s: %s", path, strerror(-rc));
		else if (!r->nfiles) {
			sbuf_addf(why, "%s: no recording in this directory", path);
			rc = -ENOENT;
		}
	}
	if (rc == 0 && !r->nframes) {
		sbuf_addf(why, "%s: no complete sample in this recording", path);
		rc = -EBADMSG;
	}
	link_keys(r);
	return rc;
}

void rec_reader_close(struct rec_reader *r)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		close(r->files[i].fd);
		free(r->files[i].path);
	}
	free(r->files);
	free(r->frames);
	rec_buf_fini(&r->buf);
	rec_zctx_free(r->z);
	memset(r, 0, sizeof(*r));
}

int rec_reader_load(struct rec_reader *r, size_t i, struct rec_buf *raw,
	struct sbuf *why)
{
	const struct rec_frame_ref *ref = &r->frames[i];
	const struct rec_file *f = &r->files[ref->file];
	unsigned char hdr[REC_FRAME_HDR];
	struct rec_frame_hdr h;
	const char *what = NULL;
	int rc;

	rc = read_at(f->fd, hdr, sizeof(hdr), ref->offset);
	if (rc < 0 && rc != -EAGAIN) {
		sbuf_addf(why, "cannot read %s: %s", f->path, strerror(-rc));
		return rc;
	}
	if (rc < 0 || rec_frame_hdr_parse(hdr, &h) < 0 ||
	    REC_FRAME_HDR + h.payload_len != ref->len ||
	    h.time_ns != ref->time_ns || h.type != ref->type) {
		what = "bad frame header";
	} else {
		r->buf.len = 0;
		unsigned char *p = rec_buf_reserve(&r->buf,
			h.payload_len + 1);
		rc = read_at(f->fd, p, h.payload_len, ref->offset +
			REC_FRAME_HDR);
		if (rc < 0)
			what = "frame cut short";
		else if (!rec_frame_crc_ok(hdr, &h, p))
			what = "CRC mismatch";
		else if (rec_frame_unpack(r->z, &h, p, raw) < 0)
			what = "cannot decompress";
	}
	if (what) {
		sbuf_addf(why, "%s: damaged frame at offset %llu (%s)", f->path,
			(unsigned long long)ref->offset, what);
		return -EBADMSG;
	}
	return 0;
}

size_t rec_reader_find(const struct rec_reader *r, int64_t time_ns)
{
	size_t lo = 0, hi = r->nframes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->frames[mid].time_ns < time_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
