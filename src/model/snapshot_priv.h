/* snapshot_priv — shared by snapshot.c and snapstore.c.  Private to
 * src/model. */
#ifndef PROCTOP_SNAPSHOT_PRIV_H
#define PROCTOP_SNAPSHOT_PRIV_H

#include "proctop/snapshot.h"

/* Release the string references s holds (and free a task's cmdline/exe
 * that s does not hold: set by hand); the shared array keeps its
 * capacity. */
void snapshot_release_strings(struct snapshot *s);
/* Free the record pools' chunks and their arrays. */
void snapshot_free_extra(struct snapshot *s);

#endif
