/* replay — a recording as a source of finished snapshots (see
 * proctop/replay.h). */
#include "proctop/replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proctop/record.h"
#include "proctop/xalloc.h"

struct replay {
	struct rec_reader rd;
	struct rec_dec *dec;
	struct rec_buf raw;
	struct snapshot key;       /* the decoded key frame key_idx */
	long key_idx;              /* -1: none */
	bool key_bad;              /* key_idx could not be decoded */
	struct sbuf key_why;       /* ... and why */
	struct snapshot snaps[2];
	struct snapshot *cur, *prev;
	long cur_idx, prev_idx;    /* -1: none */
};

struct replay *replay_open(const char *path, struct sbuf *why,
	struct sbuf *warn)
{
	struct replay *rp = xcalloc(1, sizeof(*rp));

	sbuf_reset(why);
	if (rec_reader_open(&rp->rd, path, why, warn) < 0) {
		rec_reader_close(&rp->rd);
		free(rp);
		return NULL;
	}
	rp->dec = rec_dec_new();
	rec_buf_init(&rp->raw);
	sbuf_init(&rp->key_why);
	snapshot_init(&rp->key);
	snapshot_init(&rp->snaps[0]);
	snapshot_init(&rp->snaps[1]);
	rp->cur = &rp->snaps[0];
	rp->prev = &rp->snaps[1];
	rp->key_idx = rp->cur_idx = rp->prev_idx = -1;
	return rp;
}

void replay_close(struct replay *rp)
{
	if (!rp)
		return;
	snapshot_fini(&rp->key);
	snapshot_fini(&rp->snaps[0]);
	snapshot_fini(&rp->snaps[1]);
	rec_dec_free(rp->dec);
	rec_buf_fini(&rp->raw);
	sbuf_fini(&rp->key_why);
	rec_reader_close(&rp->rd);
	free(rp);
}

size_t replay_count(const struct replay *rp)
{
	return rp->rd.nframes;
}

int64_t replay_time_ns(const struct replay *rp, size_t i)
{
	return rp->rd.frames[i].time_ns;
}

size_t replay_find(const struct replay *rp, int64_t time_ns)
{
	return rec_reader_find(&rp->rd, time_ns);
}

void replay_fmt_time(char *out, size_t size, int64_t ns, bool with_date)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(out, size, with_date ?
			"%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm))
		snprintf(out, size, "?");
}

const struct rec_file_hdr *replay_file_header(const struct replay *rp,
	size_t i)
{
	return &rp->rd.files[rp->rd.frames[i].file].hdr;
}

/* Load and decode frame i into out (cleared) against key (NULL for a key
 * frame); 0 or -EBADMSG with *why. */
static int decode_frame(struct replay *rp, size_t i, struct snapshot *out,
	const struct snapshot *key, struct sbuf *why)
{
	int rc;

	snapshot_clear(out);
	rc = rec_reader_load(&rp->rd, i, &rp->raw, why);
	if (rc < 0)
		return rc;
	rc = rec_decode(rp->dec, rp->raw.data, rp->raw.len, out, key);
	if (rc < 0) {
		const struct rec_frame_ref *f = &rp->rd.frames[i];
		sbuf_addf(why, "%s: damaged frame at offset %llu (its "
			"contents do not decode)", rp->rd.files[f->file].path,
			(unsigned long long)f->offset);
		snapshot_clear(out);
		return -EBADMSG;
	}
	out->wall = (time_t)(rp->rd.frames[i].time_ns / 1000000000);
	return 0;
}

/* Sample i into out (unfinished); 0 or -EBADMSG with *why. */
static int decode_sample(struct replay *rp, size_t i, struct snapshot *out,
	struct sbuf *why)
{
	long k = rp->rd.frames[i].key;

	if (k < 0) {
		const struct rec_frame_ref *f = &rp->rd.frames[i];
		sbuf_addf(why, "%s: the frame at offset %llu has no key frame "
			"before it", rp->rd.files[f->file].path,
			(unsigned long long)f->offset);
		return -EBADMSG;
	}
	if (k != rp->key_idx) {
		rp->key_idx = k;
		sbuf_reset(&rp->key_why);
		rp->key_bad = decode_frame(rp, (size_t)k, &rp->key, NULL,
			&rp->key_why) < 0;
	}
	if (rp->key_bad) {
		sbuf_adds(why, rp->key_why.data);
		if ((size_t)k != i)
			sbuf_adds(why, "; the samples up to the next key frame "
				"need it");
		return -EBADMSG;
	}
	/* A key frame is decoded again on its own (it resets the decoder's
	 * key state to the same contents). */
	return decode_frame(rp, i, out, (size_t)k == i ? NULL : &rp->key, why);
}

static int64_t mono_ns(const struct snapshot *s)
{
	return (int64_t)s->mono.tv_sec * 1000000000 + s->mono.tv_nsec;
}

struct snapshot *replay_get(struct replay *rp, size_t i, struct sbuf *why)
{
	struct sbuf ignore;

	sbuf_reset(why);
	if (i >= rp->rd.nframes) {
		sbuf_adds(why, "no such sample");
		return NULL;
	}
	if (rp->cur_idx == (long)i)
		return rp->cur;
	if (rp->cur_idx >= 0 && rp->cur_idx + 1 == (long)i) {
		struct snapshot *t = rp->prev;
		rp->prev = rp->cur;
		rp->cur = t;
		rp->prev_idx = rp->cur_idx;
	} else {
		rp->prev_idx = -1;
		sbuf_init(&ignore);
		if (i > 0 && decode_sample(rp, i - 1, rp->prev, &ignore) == 0) {
			snapshot_finish(rp->prev, NULL);
			rp->prev_idx = (long)i - 1;
		}
		sbuf_fini(&ignore);
	}
	rp->cur_idx = -1;
	if (decode_sample(rp, i, rp->cur, why) < 0) {
		snapshot_clear(rp->cur);
		return NULL;
	}
	const struct snapshot *prev = rp->prev_idx == (long)i - 1 &&
		rp->prev->sys.btime == rp->cur->sys.btime &&
		mono_ns(rp->cur) > mono_ns(rp->prev) ? rp->prev : NULL;
	snapshot_finish(rp->cur, prev);
	rp->cur_idx = (long)i;
	return rp->cur;
}

