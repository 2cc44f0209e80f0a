/* strpool — one copy of each command line and exe path.
 *
 * Processes forked from one parent without exec (server workers, the
 * benchmark's 5,000 sleepers) have byte-identical command lines and exe
 * paths.  The collector interns them here, so they share one snap_str
 * instead of holding a copy each.  The pool holds one reference to every
 * string it lists; strpool_sweep drops those nobody else holds any more.
 * Single-threaded, like the collector that owns it. */
#ifndef PROCTOP_STRPOOL_H
#define PROCTOP_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "proctop/snapshot.h"

struct strpool {
	struct snap_str **slots;   /* open addressing; NULL = free; owned */
	size_t cap;                /* a power of two, or 0 */
	size_t n;                  /* strings listed */
};

void strpool_init(struct strpool *p);
/* Drops the pool's references (strings still held elsewhere live on). */
void strpool_fini(struct strpool *p);

/* A string with the len bytes at p, with one new reference for the caller
 * (release with snap_str_unref): the pooled one when it is listed, else a
 * new one that is listed from now on. */
struct snap_str *strpool_intern(struct strpool *p, const char *bytes,
	size_t len);

/* Drop the strings only the pool still holds.  O(capacity). */
void strpool_sweep(struct strpool *p);

#endif
