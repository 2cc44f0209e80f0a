/* caps — what proctop may do, through libcap.
 *
 * Drops capabilities at start, answers "may I renice/kill this?", explains
 * an EPERM by the capability that is missing, and decodes capability masks
 * to names for the details screen. */
#ifndef PROCTOP_CAPS_H
#define PROCTOP_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "proctop/options.h"
#include "proctop/sbuf.h"

/* Keep only the capabilities proctop uses (see enum drop_caps in
 * options.h): basic keeps CAP_DAC_READ_SEARCH, CAP_SYS_PTRACE, CAP_KILL and
 * CAP_SYS_NICE when they are permitted; strict keeps only the two reading
 * ones.  Never adds a capability.  Returns 0 or -errno. */
int caps_drop(enum drop_caps mode);

#endif
