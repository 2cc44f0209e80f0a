/* recorder — proctop --record DIR: sample every -d seconds (default 10)
 * into a recording directory until SIGTERM, SIGINT or SIGHUP; and
 * proctop -b --replay PATH: the batch reports of a recording. */
#ifndef PROCTOP_RECORDER_H
#define PROCTOP_RECORDER_H

#include "proctop/options.h"

/* What the recorder reads for every process: what every process-list
 * column but PSS/USS/SWAPPSS (smaps_rollup: too expensive), the header,
 * the thread screen, the details screen's basics and the memory screen
 * need. */
#define RECORDER_NEED (NEED_STAT | NEED_STATM | NEED_STATUS | NEED_IO | \
	NEED_CMDLINE | NEED_USER | NEED_THREADS | NEED_IDS)

#define RECORDER_DEFAULT_DELAY_S 10.0

/* Record opts->record_path until signalled.  The exit status: 0 after a
 * signal, 1 after a message on stderr (the directory is locked by another
 * recorder, a write failed: the file then ends with its last complete
 * frame). */
int recorder_run(const struct options *opts);

/* Write the batch reports (opts->format, columns, filters) of the samples
 * of opts->replay_path between opts->from and opts->to.  The exit status:
 * 0, or 1 after messages on stderr (the recording cannot be read, no
 * sample in the range, a damaged frame was skipped, a write error). */
int replay_batch_run(const struct options *opts);

#endif
