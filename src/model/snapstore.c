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

/* The strings a snapshot holds are a set (open addressing, linear
 * probing, keyed by the address of their bytes, at most half full): one
 * reference per distinct string, however many tasks show it. */

static size_t slot_of(const struct snapshot *s, const char *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (s->shared_cap - 1);
}

/* Whether p is the bytes of a string s holds. */
static bool is_shared(const struct snapshot *s, const char *p)
{
	if (!s->nshared)
		return false;
	for (size_t i = slot_of(s, p);; i = (i + 1) & (s->shared_cap - 1)) {
		if (!s->shared[i])
			return false;
		if (s->shared[i]->bytes == p)
			return true;
	}
}

/* Put str in s's set (it is not there; there is room). */
static void set_put(struct snapshot *s, struct snap_str *str)
{
	size_t i = slot_of(s, str->bytes);

	while (s->shared[i])
		i = (i + 1) & (s->shared_cap - 1);
	s->shared[i] = str;
	s->nshared++;
}

/* Free the strings of tasks that s does not hold a reference to, then
 * release every reference s holds. */
void snapshot_release_strings(struct snapshot *s)
{
	for (size_t i = 0; i < s->nprocs + s->nthreads; i++) {
		struct task *t = i < s->nprocs ? &s->procs[i] :
			&s->threads[i - s->nprocs];
		if (t->cmdline && !is_shared(s, t->cmdline))
			free(t->cmdline);
		if (t->exe && !is_shared(s, t->exe))
			free(t->exe);
	}
	for (size_t i = 0; s->nshared && i < s->shared_cap; i++) {
		snap_str_unref(s->shared[i]);
		s->shared[i] = NULL;
	}
	s->nshared = 0;
}

/* Records per chunk of a pool. */
#define POOL_CHUNK 256

/* A zeroed record of `size` bytes from pool p. */
static void *pool_get(struct snap_pool *p, size_t size)
{
	size_t chunk = p->used / POOL_CHUNK;

	if (chunk == p->nchunks) {
		if (p->nchunks == p->chunks_cap) {
			p->chunks_cap = p->chunks_cap ? p->chunks_cap * 2 : 8;
			p->chunks = xreallocarray(p->chunks, p->chunks_cap,
				sizeof(*p->chunks));
		}
		p->chunks[p->nchunks++] = xreallocarray(NULL, POOL_CHUNK,
			size);
	}
	char *r = (char *)p->chunks[chunk] + (p->used++ % POOL_CHUNK) * size;
	memset(r, 0, size);
	return r;
}

static void pool_free(struct snap_pool *p)
{
	for (size_t i = 0; i < p->nchunks; i++)
		free(p->chunks[i]);
	free(p->chunks);
	memset(p, 0, sizeof(*p));
}

struct task_extra *snapshot_task_extra(struct snapshot *s, struct task *t)
{
	if (!t->x)
		t->x = pool_get(&s->extra_pool, sizeof(*t->x));
	return t->x;
}

struct task_statm_kept *snapshot_task_statm(struct snapshot *s,
	struct task *t)
{
	if (!t->statm)
		t->statm = pool_get(&s->statm_pool, sizeof(*t->statm));
	return t->statm;
}

struct task_ids_kept *snapshot_task_ids(struct snapshot *s, struct task *t)
{
	struct task_extra *x = snapshot_task_extra(s, t);

	if (!x->ids)
		x->ids = pool_get(&s->ids_pool, sizeof(*x->ids));
	return x->ids;
}

void snapshot_free_extra(struct snapshot *s)
{
	pool_free(&s->extra_pool);
	pool_free(&s->statm_pool);
	pool_free(&s->ids_pool);
}

/* Hold a reference in s to str (not NULL), unless s holds one. */
static void hold(struct snapshot *s, struct snap_str *str)
{
	if (is_shared(s, str->bytes))
		return;
	if (2 * (s->nshared + 1) > s->shared_cap) {
		struct snap_str **old = s->shared;
		size_t old_cap = s->shared_cap;

		s->shared_cap = old_cap ? old_cap * 2 : 64;
		s->shared = xcalloc(s->shared_cap, sizeof(*s->shared));
		s->nshared = 0;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i])
				set_put(s, old[i]);
		free(old);
	}
	set_put(s, snap_str_ref(str));
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
	if (old && !is_shared(s, old))
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
