/* reports — batch reports beyond the process table: the address-space map
 * of one process (--maps PID) and the system memory & swap report
 * (--memory).  Output goes to stdout in opts->format. */
#ifndef PROCTOP_REPORTS_H
#define PROCTOP_REPORTS_H

#include "proctop/options.h"

/* `proctop -b --maps PID`.  Returns the process exit status; errors are
 * printed to stderr as one line. */
int reports_maps_run(const struct options *opts);

/* `proctop -b --memory`.  Returns the process exit status. */
int reports_memory_run(const struct options *opts);

#endif
