/* out — stdout as a checked, buffered writer for the batch reports.
 *
 * Private to src/batch.  A write error is kept (the first errno) and every
 * later flush is a no-op, so a report can keep formatting and check once.
 * A closed pipe (EPIPE, with SIGPIPE ignored) ends the run quietly with
 * status 0; any other error is one message on stderr and status 1. */
#ifndef PROCTOP_BATCH_OUT_H
#define PROCTOP_BATCH_OUT_H

#include <stdbool.h>
#include <time.h>

#include "proctop/sbuf.h"

/* Flush the buffer once it holds this much (long tables). */
#define OUT_FLUSH_BYTES (64u * 1024u)

struct out {
	int fd;
	struct sbuf buf;      /* what is not written yet; owned */
	int err;              /* first write error (errno), 0 if none */
};

void out_init(struct out *o, int fd);
void out_fini(struct out *o);

/* Write the buffered bytes; false once a write has failed. */
bool out_flush(struct out *o);

/* Flush if the buffer has grown past OUT_FLUSH_BYTES. */
void out_maybe_flush(struct out *o);

/* Append a wall-clock time as unix seconds with 3 decimals
 * ("1795827656.123"; '.' whatever the locale). */
void out_add_time(struct sbuf *sb, const struct timespec *ts);

/* Flush, close the fd (close reports delayed errors), and turn the first
 * error into the exit status: 0, or 1 after "proctop: write error: ..."
 * on stderr for anything but EPIPE. */
int out_finish(struct out *o);

#endif
