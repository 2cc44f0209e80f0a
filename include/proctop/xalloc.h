/* xalloc — allocation that never returns NULL.
 *
 * On allocation failure the registered fatal hook runs first (the TUI uses it
 * to restore the terminal), then a message goes to stderr and the process
 * exits with status 70.  Every pointer these return is owned by the caller,
 * who frees it with free(). */
#ifndef PROCTOP_XALLOC_H
#define PROCTOP_XALLOC_H

#include <stddef.h>

#define XALLOC_ATTR __attribute__((returns_nonnull, warn_unused_result))

void *xmalloc(size_t size) XALLOC_ATTR;
void *xcalloc(size_t nmemb, size_t size) XALLOC_ATTR;
/* Overflow-checked nmemb * size reallocation. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size) XALLOC_ATTR;
char *xstrdup(const char *s) XALLOC_ATTR;
char *xstrndup(const char *s, size_t n) XALLOC_ATTR;

/* Run hook() before exiting on allocation failure (one hook; NULL clears). */
void xalloc_set_fatal_hook(void (*hook)(void));

#endif
