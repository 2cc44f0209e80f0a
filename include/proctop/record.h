/* record — the recording format (doc/FORMAT.md), pure functions over
 * buffers: file and frame headers, index entries, and the codec that turns
 * one snapshot into a frame payload and back.
 *
 * A frame payload is either a key frame (every task in full) or a delta
 * frame encoded against the last key frame: a task with the same pid and
 * start time as in the key frame is stored as a mask of the fields that
 * differ plus their differences (an unchanged task costs two bytes before
 * compression); a task that is not in the key frame is stored in full; a
 * task of the key frame that is not listed is gone.  Strings (comm,
 * command line, exe, user name) are kept once per key-frame period in a
 * string table: a key frame lists the strings its tasks use, a delta frame
 * only the ones the key frame lacks.  Deltas against the key frame (not
 * the previous sample) mean a damaged frame loses only itself, and any
 * sample decodes from two frames.
 *
 * The decoded snapshot is a plain struct snapshot, unfinished (the caller
 * runs snapshot_finish against the previous decoded sample for CPU%). */
#ifndef PROCTOP_RECORD_H
#define PROCTOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proctop/snapshot.h"

#define REC_VERSION 2    /* version 1 lacks the ids and caps (RF_RUID on) */
#define REC_MAGIC "\x89PTREC\r\n"        /* 8 bytes, file header */
#define REC_MAGIC_LEN 8
#define REC_FRAME_MAGIC 0x52465450u      /* "PTFR" little-endian */
#define REC_FRAME_HDR 28                 /* bytes before the payload */
#define REC_INDEX_ENTRY 32               /* bytes per index entry */
#define REC_HOST_MAX 255
#define REC_FILE_HDR_MAX (42 + REC_HOST_MAX + 4)
#define REC_PAYLOAD_MAX (64u << 20)      /* compressed bytes per frame */
#define REC_RAW_MAX (512u << 20)         /* uncompressed bytes per frame */
#define REC_KEY_EVERY 60                 /* samples per key frame */

enum rec_frame_type { REC_FRAME_KEY = 1, REC_FRAME_DELTA = 2 };
enum rec_codec { REC_CODEC_ZSTD = 1 };

/* The file header. */
struct rec_file_hdr {
	uint16_t version;
	uint32_t page_size;      /* bytes */
	uint32_t hz;             /* clock ticks per second */
	uint32_t interval_ms;    /* the recorder's -d */
	uint64_t boot_time;      /* unix seconds (btime of /proc/stat) */
	int64_t created_ns;      /* unix ns */
	char host[REC_HOST_MAX + 1];
};

/* Serialise h into out (at least REC_FILE_HDR_MAX bytes); returns the
 * length. */
size_t rec_file_hdr_build(const struct rec_file_hdr *h, unsigned char *out);
/* Parse a file header from buf: its length (> 0), or -EAGAIN when buf is
 * too short to tell, -EINVAL not a recording (magic), -EPROTONOSUPPORT a
 * newer version (h->version set), -EBADMSG damaged (CRC, lengths). */
int rec_file_hdr_parse(const unsigned char *buf, size_t len,
	struct rec_file_hdr *h);

/* A frame header. */
struct rec_frame_hdr {
	uint32_t payload_len;    /* compressed bytes after the header */
	uint32_t raw_len;        /* after decompression */
	uint8_t type;            /* enum rec_frame_type */
	uint8_t codec;           /* enum rec_codec */
	int64_t time_ns;         /* CLOCK_REALTIME of the sample */
	uint32_t crc;            /* over header bytes 0..23 and the payload */
};

/* Build the header for payload into out (REC_FRAME_HDR bytes), filling
 * h->crc. */
void rec_frame_hdr_build(struct rec_frame_hdr *h, const unsigned char *payload,
	unsigned char *out);
/* Parse a frame header (REC_FRAME_HDR bytes at buf): 0, or -EINVAL (no
 * magic, absurd lengths, unknown type or codec). */
int rec_frame_hdr_parse(const unsigned char *buf, struct rec_frame_hdr *h);
/* Whether payload (h->payload_len bytes) matches the header's CRC. */
bool rec_frame_crc_ok(const unsigned char *hdr, const struct rec_frame_hdr *h,
	const unsigned char *payload);

/* One index entry: where a frame is, for seeking without reading the
 * data file. */
struct rec_index_entry {
	int64_t time_ns;
	uint64_t offset;         /* of the frame header in the data file */
	uint32_t frame_len;      /* header + payload */
	uint8_t type;
};
void rec_index_build(const struct rec_index_entry *e, unsigned char *out);
/* 0, or -EBADMSG (CRC or fields). */
int rec_index_parse(const unsigned char *buf, struct rec_index_entry *e);

uint32_t rec_crc32(uint32_t crc, const void *buf, size_t len);

/* A growable byte buffer. */
struct rec_buf {
	unsigned char *data;     /* owned */
	size_t len, cap;
};
void rec_buf_init(struct rec_buf *b);
void rec_buf_fini(struct rec_buf *b);
/* Make room for n more bytes after len; returns data + len. */
unsigned char *rec_buf_reserve(struct rec_buf *b, size_t n);
void rec_buf_add(struct rec_buf *b, const void *p, size_t n);

/* Compression contexts for packing and unpacking frames. */
struct rec_zctx;
/* Caller frees with rec_zctx_free; NULL when zstd cannot allocate. */
struct rec_zctx *rec_zctx_new(void);
void rec_zctx_free(struct rec_zctx *z);

/* A whole frame (header + compressed raw payload) into out (reset
 * first).  0, or -ENOMEM / -E2BIG (payload over the format's limits). */
int rec_frame_pack(struct rec_zctx *z, const void *raw, size_t len,
	enum rec_frame_type type, int64_t time_ns, struct rec_buf *out);
/* The raw payload of a frame whose header h was parsed and whose CRC
 * matched, into out (reset first).  0, or -EBADMSG. */
int rec_frame_unpack(struct rec_zctx *z, const struct rec_frame_hdr *h,
	const unsigned char *payload, struct rec_buf *out);

/* ---- codec: snapshot <-> raw payload --------------------------------- */

struct rec_enc;
struct rec_dec;

/* Caller frees with rec_enc_free. */
struct rec_enc *rec_enc_new(void);
void rec_enc_free(struct rec_enc *e);

/* The raw payload of s (borrowed from e: valid until the next
 * rec_encode or rec_enc_free).  s must be finished (sorted).  delta
 * false: a key frame; the encoder keeps its payload (not s: s may change
 * or go right after) for the deltas that follow.  delta true: a delta
 * frame against the last key frame encoded by e (the decoder refuses a
 * delta before any key frame). */
const struct rec_buf *rec_encode_payload(struct rec_enc *e,
	const struct snapshot *s, bool delta);

/* rec_encode_payload's payload appended to out (not reset).  key: NULL
 * for a key frame, else a delta against the last key frame encoded by e
 * (key is only tested for NULL: the encoder keeps its own copy of the
 * key frame, so the key snapshot need not stay unchanged). */
void rec_encode(struct rec_enc *e, const struct snapshot *s,
	const struct snapshot *key, struct rec_buf *out);

/* Caller frees with rec_dec_free.  The user names decoded tasks point at
 * (task.user) belong to the decoder: snapshots decoded by it must not be
 * used after rec_dec_free. */
struct rec_dec *rec_dec_new(void);
void rec_dec_free(struct rec_dec *d);

/* Decode a raw payload into out (freshly initialised or cleared; left
 * unfinished).  key == NULL for a key frame: out becomes the key for the
 * following deltas (keep it unchanged until the next key frame).  Else a
 * delta against key, the snapshot of the decoder's last key frame.
 * 0, or -EBADMSG when the payload is malformed (out is then partial: the
 * caller clears it; after a failed key frame, deltas fail until the next
 * key frame decodes), -EPROTO for a delta without a decoded key frame. */
int rec_decode(struct rec_dec *d, const unsigned char *raw, size_t len,
	struct snapshot *out, const struct snapshot *key);

/* ---- times -------------------------------------------------------- */

/* Parse "HH:MM[:SS]" (that time today, local time, relative to now) or
 * "YYYY-MM-DD HH:MM[:SS]" (local time).  0 and *out, or -EINVAL. */
int rec_parse_time(const char *s, time_t now, time_t *out);

#endif
