/* snapstore — what a snapshot holds besides its task arrays: references
 * to the shared command-line and exe strings, and the pool of tasks' extra
 * records (see proctop/snapshot.h and snapshot_priv.h).  No I/O. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/snapshot.h"
#include "proctop/xalloc.h"

#include "snapshot_priv.h"

struct snap_str *snap_str_new(const char *p, size_t len)
{
	struct snap_str *str = xmalloc(sizeof(*str) + len + 1);

	str->refs = 1;
	str->len = len;
	if (len)
		memcpy(str->bytes, p, len);
	str->bytes[len] = '\0';
	return str;
}

struct snap_str *snap_str_ref(struct snap_str *str)
{
	if (str)
		str->refs++;
	return str;
}

void snap_str_unref(struct snap_str *str)
{
	if (str && --str->refs == 0)
		free(str);
}

static int cmp_shared(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)(*(struct snap_str *const *)a)->bytes;
	uintptr_t y = (uintptr_t)(*(struct snap_str *const *)b)->bytes;
	return (x > y) - (x < y);
}

/* Whether p is the bytes of a string in shared (sorted by cmp_shared). */
static bool is_shared(struct snap_str **shared, size_t n, const char *p)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t x = (uintptr_t)shared[mid]->bytes;
		if (x == (uintptr_t)p)
			return true;
		if (x < (uintptr_t)p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Free the strings of tasks that s does not hold a reference to, then
 * release every reference s holds. */
void snapshot_release_strings(struct snapshot *s)
{
	if (s->nshared)
		qsort(s->shared, s->nshared, sizeof(*s->shared), cmp_shared);
	for (size_t i = 0; i < s->nprocs + s->nthreads; i++) {
		struct task *t = i < s->nprocs ? &s->procs[i] :
			&s->threads[i - s->nprocs];
		if (t->cmdline && !is_shared(s->shared, s->nshared, t->cmdline))
			free(t->cmdline);
		if (t->exe && !is_shared(s->shared, s->nshared, t->exe))
			free(t->exe);
	}
	for (size_t i = 0; i < s->nshared; i++)
		snap_str_unref(s->shared[i]);
	s->nshared = 0;
}

/* task_extra records per chunk of the pool. */
#define EXTRA_CHUNK 256

struct task_extra *snapshot_task_extra(struct snapshot *s, struct task *t)
{
	size_t chunk = s->extra_used / EXTRA_CHUNK;

	if (t->x)
		return t->x;
	if (chunk == s->nextra_chunks) {
		if (s->nextra_chunks == s->extra_chunks_cap) {
			s->extra_chunks_cap = s->extra_chunks_cap ?
				s->extra_chunks_cap * 2 : 8;
			s->extra = xreallocarray(s->extra, s->extra_chunks_cap,
				sizeof(*s->extra));
		}
		s->extra[s->nextra_chunks++] = xreallocarray(NULL, EXTRA_CHUNK,
			sizeof(struct task_extra));
	}
	t->x = &s->extra[chunk][s->extra_used++ % EXTRA_CHUNK];
	memset(t->x, 0, sizeof(*t->x));
	return t->x;
}

void snapshot_free_extra(struct snapshot *s)
{
	for (size_t i = 0; i < s->nextra_chunks; i++)
		free(s->extra[i]);
	free(s->extra);
}

/* Hold one more reference in s to str (not NULL). */
static void hold(struct snapshot *s, struct snap_str *str)
{
	if (s->nshared == s->shared_cap) {
		s->shared_cap = s->shared_cap ? s->shared_cap * 2 : 256;
		s->shared = xreallocarray(s->shared, s->shared_cap,
			sizeof(*s->shared));
	}
	s->shared[s->nshared++] = snap_str_ref(str);
}

const char *snapshot_hold(struct snapshot *s, struct snap_str *str)
{
	hold(s, str);
	return str->bytes;
}

void snapshot_set_comm(struct snapshot *s, struct task *t, const char *comm,
	size_t len)
{
	size_t head = len < TASK_COMM_INLINE ? len : TASK_COMM_INLINE - 1;

	if (len > TASK_COMM_MAX - 1)
		len = TASK_COMM_MAX - 1;
	memcpy(t->stat.comm, comm, head);
	t->stat.comm[head] = '\0';
	t->have &= ~(uint32_t)TASK_HAVE_LONG_COMM;
	if (len < TASK_COMM_INLINE)
		return;
	struct snap_str *str = snap_str_new(comm, len);
	snapshot_task_extra(s, t)->comm = snapshot_hold(s, str);
	snap_str_unref(str);
	t->have |= TASK_HAVE_LONG_COMM;
}

/* Free old (a previous cmdline/exe of a task of s) unless s holds it. */
static void drop_unheld(const struct snapshot *s, char *old)
{
	if (!old)
		return;
	for (size_t i = 0; i < s->nshared; i++)
		if (s->shared[i]->bytes == old)
			return;
	free(old);
}

void snapshot_share_cmd(struct snapshot *s, struct task *t,
	struct snap_str *cmdline, struct snap_str *exe)
{
	char *new_cmd = cmdline ? cmdline->bytes : NULL;
	char *new_exe = exe ? exe->bytes : NULL;

	if (t->cmdline != new_cmd) {
		drop_unheld(s, t->cmdline);
		if (cmdline)
			hold(s, cmdline);
		t->cmdline = new_cmd;
	}
	t->cmdline_len = cmdline ? cmdline->len : 0;
	if (t->exe != new_exe) {
		drop_unheld(s, t->exe);
		if (exe)
			hold(s, exe);
		t->exe = new_exe;
	}
}
