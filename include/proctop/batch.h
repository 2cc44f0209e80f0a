/* batch — proctop -b: process reports on stdout as text (top -b style),
 * JSON Lines (one object per refresh) or CSV.  Needs no terminal and no
 * terminfo. */
#ifndef PROCTOP_BATCH_H
#define PROCTOP_BATCH_H

#include <time.h>

#include "proctop/options.h"
#include "proctop/snapshot.h"

/* The first report's CPU figures cover a priming interval of the delay,
 * at most this long (so -n 1 shows real CPU% and still returns fast). */
#define BATCH_PRIME_MAX_S 0.5

/* Text width when neither -w, $COLUMNS nor a terminal gives one. */
#define BATCH_DEFAULT_WIDTH 200

/* Run batch mode as opts asks (opts borrowed).  Writes the reports to
 * stdout and returns the process exit status: 0 when done, or when stdout
 * is a closed pipe (EPIPE; SIGPIPE must be ignored by the caller); 1 with
 * a one-line message on stderr for any other write error or when the proc
 * root cannot be read. */
int batch_run(const struct options *opts);

/* The same reports from snapshots taken elsewhere (a recording): the
 * writer for opts (borrowed; caller frees with batch_writer_free). */
struct batch;
struct batch *batch_writer_new(const struct options *opts);
/* What the snapshots must hold for opts (enum collect_need bits). */
unsigned batch_writer_need(const struct batch *b);
/* One report of s (finished) sampled at wall, with the rows opts
 * selects.  1: go on; 0: stop (stdout closed or a write error);
 * -ESRCH: -p/-u match nothing and this is the first report (a message
 * was printed). */
int batch_writer_emit(struct batch *b, const struct snapshot *s,
	const struct timespec *wall);
/* Flush and free; the exit status so far (see batch_run). */
int batch_writer_free(struct batch *b);

#endif
