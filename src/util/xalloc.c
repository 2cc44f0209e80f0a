/* xalloc — allocation that never returns NULL (see proctop/xalloc.h). */
#include "proctop/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*fatal_hook)(void);   /* set once by main or the TUI */

void xalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void xalloc_die(size_t size)
{
	if (fatal_hook)
		fatal_hook();
	fprintf(stderr, "proctop: out of memory (allocating %zu bytes)\n", size);
	_exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xalloc_die(size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		xalloc_die(nmemb * size);
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	void *p = realloc(ptr, (nmemb && size) ? nmemb * size : 1);
	if (!p)
		xalloc_die(nmemb * size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
