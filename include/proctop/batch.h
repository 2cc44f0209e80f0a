/* batch — proctop -b: process reports on stdout as text (top -b style),
 * JSON Lines (one object per refresh) or CSV.  Needs no terminal and no
 * terminfo. */
#ifndef PROCTOP_BATCH_H
#define PROCTOP_BATCH_H

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

/* The top-like summary lines of a text report (ending in '\n') appended
 * to o, uncut.  A CPU share that is not known (no interval yet) is "-",
 * as JSON's null. */
void batch_text_summary(struct sbuf *o, const struct snapshot *s);

#endif
