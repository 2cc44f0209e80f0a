/* batch — proctop -b: process reports on stdout as text (top -b style),
 * JSON Lines (one object per refresh) or CSV.  Needs no terminal and no
 * terminfo. */
#ifndef PROCTOP_BATCH_H
#define PROCTOP_BATCH_H

#include <time.h>

#include "proctop/export.h"
#include "proctop/options.h"
#include "proctop/sbuf.h"
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

/* ---- metrics (the Prometheus exposition) -------------------------------
 * A session samples like batch mode (collector + snapshot_finish) and
 * folds every sample into an exporter; -b --format openmetrics|prometheus
 * and the server (serve.h) both use it. */
struct metrics_session;

/* Open the proc root, read the rules file (--group-rules) and set up the
 * exporter for opts (borrowed for the session's lifetime).  0 and *out
 * (caller frees with metrics_close), or 1 after a message on stderr. */
int metrics_open(const struct options *opts, struct metrics_session **out);
void metrics_close(struct metrics_session *m);

/* Take a new sample and fold it into the groups.  0, or -errno after a
 * message on stderr (the previous sample stays current). */
int metrics_sample(struct metrics_session *m);

/* Append the exposition of the current sample in format f. */
void metrics_render(const struct metrics_session *m, enum export_format f,
	struct sbuf *out);

/* -b --format openmetrics|prometheus: the exposition -n times (0: until
 * killed) every -d seconds on stdout.  Exit status as batch_run. */
int batch_metrics_run(const struct options *opts);
/* The top-like summary lines of a text report (ending in '\n') appended
 * to o, uncut.  A CPU share that is not known (no interval yet) is "-",
 * as JSON's null. */
void batch_text_summary(struct sbuf *o, const struct snapshot *s);

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
