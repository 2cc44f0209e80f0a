/* recstore — recording files on disk: the writer (a directory of files,
 * an index beside each, rotation, a lock) and the reader (the frames of a
 * file or a directory, found through the index or by scanning, each
 * checked against its CRC when it is loaded).
 *
 * Layout of a recording directory DIR (doc/FORMAT.md):
 *   DIR/lock                       flock()ed by the recorder; its pid
 *   DIR/YYYYMMDD-HHMMSS.ptr        data: file header, then frames
 *   DIR/YYYYMMDD-HHMMSS.ptr.idx    index: one entry per frame
 * A new file starts when the recorder starts, at local midnight and when
 * the file reaches an eighth of --record-max-size; the oldest files are
 * removed while the directory holds more than --record-max-size. */
#ifndef PROCTOP_RECSTORE_H
#define PROCTOP_RECSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proctop/record.h"
#include "proctop/sbuf.h"

#define REC_FILE_SUFFIX ".ptr"
#define REC_INDEX_SUFFIX ".idx"
#define REC_MIN_FILE_SIZE (8u << 10)   /* one file, at the least */

struct rec_store;

/* Open (creating it if missing) the recording directory dir and lock it.
 * max_size: bytes the directory may hold (0: no limit).  Caller frees
 * with rec_store_close.  NULL and a message in *why (sentence without
 * "proctop: ") when dir cannot be used, e.g. another recorder holds it. */
struct rec_store *rec_store_open(const char *dir, uint64_t max_size,
	struct sbuf *why);
void rec_store_close(struct rec_store *st);

/* Whether the next frame, sampled at time_ns, must start a new file (none
 * open yet, a new local day, the file is full). */
bool rec_store_wants_file(const struct rec_store *st, int64_t time_ns);

/* Start a new data file (named after time_ns, local time) with header h
 * and its index; then remove the oldest files over the size limit.
 * 0 or -errno (*why says what failed). */
int rec_store_new_file(struct rec_store *st, const struct rec_file_hdr *h,
	int64_t time_ns, struct sbuf *why);

/* Append one packed frame (rec_frame_pack) and its index entry.  On a
 * failure the data file is cut back to its previous length (it ends with
 * the last complete frame) and -errno is returned (*why names the file).
 */
int rec_store_append(struct rec_store *st, const struct rec_buf *frame,
	struct sbuf *why);

/* The data file being written (borrowed), or "" before the first. */
const char *rec_store_path(const struct rec_store *st);

/* ---- reading ------------------------------------------------------- */

/* Where one frame is. */
struct rec_frame_ref {
	uint32_t file;        /* index into rec_reader.files */
	uint32_t len;         /* header + payload */
	uint64_t offset;
	int64_t time_ns;
	uint8_t type;
	long key;             /* index of the key frame this one needs (the
	                         frame itself for a key frame), or -1 when
	                         the file has none before it */
};

struct rec_file {
	char *path;           /* owned */
	int fd;
	uint64_t size;
	struct rec_file_hdr hdr;
};

struct rec_reader {
	struct rec_file *files;   /* in time order; owned */
	size_t nfiles;
	struct rec_frame_ref *frames;   /* in time order; owned */
	size_t nframes, frames_cap;
	struct rec_buf buf;       /* a frame as read */
	struct rec_zctx *z;
};

/* Open path (a recording directory or one data file) and list its frames
 * (through the index files, and by scanning whatever they do not cover).
 * 0 or -errno with a message in *why: -ENOENT, -EINVAL (not a proctop
 * recording), -EPROTONOSUPPORT (a newer format), -EBADMSG (no frame can
 * be read).  Damage found while listing (a file that is not a recording
 * in a directory, garbage between frames) is described in *warn, one
 * line per problem, and skipped.  Close with rec_reader_close. */
int rec_reader_open(struct rec_reader *r, const char *path, struct sbuf *why,
	struct sbuf *warn);
void rec_reader_close(struct rec_reader *r);

/* Read, check and decompress frame i into raw (reset first).  0, or
 * -EBADMSG / -errno with a sentence in *why naming the file, the offset
 * and what is wrong. */
int rec_reader_load(struct rec_reader *r, size_t i, struct rec_buf *raw,
	struct sbuf *why);

/* First frame at or after time_ns (nframes when none). */
size_t rec_reader_find(const struct rec_reader *r, int64_t time_ns);

/* Parse a size with an optional K, M, G or T suffix (powers of 1024).
 * 0 and *out, or -EINVAL. */
int rec_parse_size(const char *s, uint64_t *out);

#endif
