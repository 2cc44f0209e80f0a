/* replay — a recording as a source of finished snapshots.
 *
 * Sample i is decoded from its key frame and itself, and finished against
 * sample i - 1 (CPU%, rates) when that one decodes too and belongs to the
 * same boot; stepping forward decodes one frame.  The snapshots are plain
 * struct snapshots: every view, column and batch writer uses them as it
 * uses live ones. */
#ifndef PROCTOP_REPLAY_H
#define PROCTOP_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proctop/recstore.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"

struct replay;

/* Open a recording (a directory or one data file).  Caller frees with
 * replay_close.  NULL with a sentence in *why (see rec_reader_open for the
 * cases); damage found while listing is described in *warn. */
struct replay *replay_open(const char *path, struct sbuf *why,
	struct sbuf *warn);
void replay_close(struct replay *rp);

/* Samples in the recording (> 0 once open). */
size_t replay_count(const struct replay *rp);
/* CLOCK_REALTIME of sample i, ns. */
int64_t replay_time_ns(const struct replay *rp, size_t i);
/* First sample at or after time_ns (replay_count when none). */
size_t replay_find(const struct replay *rp, int64_t time_ns);
/* The header of the file sample i is in (borrowed). */
const struct rec_file_hdr *replay_file_header(const struct replay *rp,
	size_t i);

/* Sample i, finished.  Borrowed: valid until the next replay_get or
 * replay_close (a failed replay_get empties it too).  The caller may
 * read it like a live snapshot; what it adds (nothing, today) is gone
 * when sample i is decoded again.  NULL with a sentence in *why (reset
 * first) when the sample or its key frame is damaged. */
struct snapshot *replay_get(struct replay *rp, size_t i, struct sbuf *why);

/* A sample time (CLOCK_REALTIME ns) as local "YYYY-MM-DD HH:MM:SS"
 * (with_date) or "HH:MM:SS", into out (size bytes; "?" when it cannot be
 * converted). */
void replay_fmt_time(char *out, size_t size, int64_t ns, bool with_date);

/* Print each line of msg (replay_open's why and warn) on stderr after
 * "proctop: " (rbatch.c; the batch replay and the TUI before its
 * terminal is set up).  NULL or "" prints nothing. */
void replay_print_lines(const char *msg);

#endif
