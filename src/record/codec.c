/* codec — one snapshot to a frame payload and back (see proctop/record.h;
 * the byte layout is in doc/FORMAT.md).  Pure: no I/O.
 *
 * Every task is first flattened to an array of 64-bit fields (struct
 * task's kept fields, string fields as string-table indices), so encoding
 * is one loop: a mask of the fields that differ from the base record (the
 * key frame's task, or all zero) and, per field, the zigzag varint of the
 * difference.  Fields go to one stream each (column order), which zstd
 * compresses far better than records one after the other. */
#include "proctop/record.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/xalloc.h"

#include "codec_priv.h"

/* ---- system figures -------------------------------------------------- */

_Static_assert(offsetof(struct mem_stats, has_zswap) == 37 * sizeof(uint64_t),
	"struct mem_stats changed: extend the recording format");
_Static_assert(sizeof(struct vm_stats) == 11 * sizeof(uint64_t),
	"struct vm_stats changed: extend the recording format");
_Static_assert(offsetof(struct cpu_ticks, online) == 10 * sizeof(uint64_t),
	"struct cpu_ticks changed: extend the recording format");


static uint64_t dbits(double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof(v));
	return v;
}

static double bitsd(uint64_t v)
{
	double d;
	memcpy(&d, &v, sizeof(d));
	return d;
}

static void cpu_flatten(const struct cpu_ticks *c, uint64_t *v)
{
	memcpy(v, c, 10 * sizeof(uint64_t));
	v[10] = c->online;
}

static void cpu_unflatten(const uint64_t *v, struct cpu_ticks *c)
{
	memcpy(c, v, 10 * sizeof(uint64_t));
	c->online = v[10] != 0;
}

/* The system figures of s as fields; returns how many (into *v, grown). */
static size_t sys_flatten(const struct snapshot *s, uint64_t **v,
	size_t *cap)
{
	const struct sys_stats *y = &s->sys;
	size_t ncpus = y->cpus ? y->ncpus : 0;
	size_t n = SY_FIXED + CPU_N * ncpus;

	if (n > *cap) {
		*v = xreallocarray(*v, n, sizeof(**v));
		*cap = n;
	}
	uint64_t *o = *v;
	o[SY_MONO] = (uint64_t)s->mono.tv_sec * 1000000000u +
		(uint64_t)s->mono.tv_nsec;
	o[SY_HZ] = (uint64_t)s->hz;
	o[SY_PAGE_KIB] = (uint64_t)s->page_kib;
	o[SY_HAS_THREADS] = s->has_threads;
	o[SY_NCPUS] = ncpus;
	o[SY_CTXT] = y->ctxt;
	o[SY_INTR] = y->intr;
	o[SY_FORKS] = y->forks;
	o[SY_BTIME] = y->btime;
	o[SY_RUNNING] = y->procs_running;
	o[SY_BLOCKED] = y->procs_blocked;
	for (int i = 0; i < 3; i++)
		o[SY_LOAD0 + i] = dbits(y->loadavg[i]);
	o[SY_UPTIME] = dbits(y->uptime_s);
	o[SY_HAS_ZSWAP] = y->mem.has_zswap;
	memcpy(o + SY_MEM, &y->mem, MEM_N * sizeof(uint64_t));
	memcpy(o + SY_VM, &y->vm, VM_N * sizeof(uint64_t));
	cpu_flatten(&y->cpu_total, o + SY_CPU);
	for (size_t i = 0; i < ncpus; i++)
		cpu_flatten(&y->cpus[i], o + SY_FIXED + CPU_N * i);
	return n;
}

/* Set s's system figures from n fields; -EBADMSG when they do not fit. */
int codec_sys_unflatten(const uint64_t *v, size_t n, struct snapshot *s)
{
	struct sys_stats *y = &s->sys;

	if (n < SY_FIXED || v[SY_NCPUS] > REC_CPUS_MAX ||
	    n != SY_FIXED + CPU_N * v[SY_NCPUS] || v[SY_HZ] == 0 ||
	    v[SY_HZ] > 1000000 || v[SY_PAGE_KIB] == 0 ||
	    v[SY_PAGE_KIB] > (1u << 20))
		return -EBADMSG;
	s->mono.tv_sec = (time_t)(v[SY_MONO] / 1000000000u);
	s->mono.tv_nsec = (long)(v[SY_MONO] % 1000000000u);
	s->hz = (long)v[SY_HZ];
	s->page_kib = (long)v[SY_PAGE_KIB];
	s->has_threads = v[SY_HAS_THREADS] != 0;
	y->ctxt = v[SY_CTXT];
	y->intr = v[SY_INTR];
	y->forks = v[SY_FORKS];
	y->btime = v[SY_BTIME];
	y->procs_running = (unsigned)v[SY_RUNNING];
	y->procs_blocked = (unsigned)v[SY_BLOCKED];
	for (int i = 0; i < 3; i++)
		y->loadavg[i] = bitsd(v[SY_LOAD0 + i]);
	y->uptime_s = bitsd(v[SY_UPTIME]);
	memcpy(&y->mem, v + SY_MEM, MEM_N * sizeof(uint64_t));
	y->mem.has_zswap = v[SY_HAS_ZSWAP] != 0;
	memcpy(&y->vm, v + SY_VM, VM_N * sizeof(uint64_t));
	cpu_unflatten(v + SY_CPU, &y->cpu_total);
	free(y->cpus);
	y->cpus = NULL;
	y->ncpus = (size_t)v[SY_NCPUS];
	if (y->ncpus) {
		y->cpus = xcalloc(y->ncpus, sizeof(*y->cpus));
		for (size_t i = 0; i < y->ncpus; i++)
			cpu_unflatten(v + SY_FIXED + CPU_N * i, &y->cpus[i]);
	}
	return 0;
}

/* ---- tasks ------------------------------------------------------------ */

static uint64_t sx(int64_t v)
{
	return (uint64_t)v;
}

/* t's fields into v; str: t's string indices + 1 (0 = none). */
void codec_task_flatten(const struct task *t, const uint32_t str[RS_COUNT],
	uint64_t v[RF_COUNT])
{
	const struct task_stat_kept *st = &t->stat;
	uint32_t have = t->have & TASK_HAVE_RECORDED;

	memset(v, 0, RF_COUNT * sizeof(*v));
	v[RF_HAVE] = have;
	v[RF_KTHREAD] = t->is_kthread;
	v[RF_STATE] = (unsigned char)st->state;
	v[RF_PPID] = sx(st->ppid);
	v[RF_PGRP] = sx(st->pgrp);
	v[RF_SESSION] = sx(st->session);
	v[RF_TTY] = sx(st->tty_nr);
	v[RF_FLAGS] = st->flags;
	v[RF_PRIO] = sx(st->priority);
	v[RF_NICE] = sx(st->nice);
	v[RF_NTHREADS] = sx(st->num_threads);
	v[RF_PROCESSOR] = sx(st->processor);
	v[RF_RTPRIO] = st->rt_priority;
	v[RF_POLICY] = st->policy;
	v[RF_MINFLT] = st->minflt;
	v[RF_MAJFLT] = st->majflt;
	v[RF_UTIME] = st->utime;
	v[RF_STIME] = st->stime;
	v[RF_STARTTIME] = st->starttime;
	v[RF_VSIZE] = st->vsize;
	v[RF_RSS] = st->rss_pages;
	if (have & TASK_HAVE_STATM) {
		v[RF_SM_RES] = t->statm->resident;
		v[RF_SM_SHR] = t->statm->shared;
		v[RF_SM_TEXT] = t->statm->text;
		v[RF_SM_DATA] = t->statm->data;
	}
	if (have & TASK_HAVE_UID)
		v[RF_UID] = t->uid;
	if (t->x && (have & TASK_HAVE_STATUS)) {
		const struct task_status_kept *s = &t->x->status;
		v[RF_SWAP] = s->vm_swap_kib;
		v[RF_VCSW] = s->voluntary_ctxt;
		v[RF_NVCSW] = s->nonvoluntary_ctxt;
		v[RF_EUID] = s->euid;
		v[RF_HASVM] = s->has_vm;
	}
	if (t->x && (have & TASK_HAVE_ROLLUP)) {
		const struct task_rollup_kept *r = &t->x->rollup;
		v[RF_PSS] = r->pss_kib;
		v[RF_SWAPPSS] = r->swap_pss_kib;
		v[RF_PCLEAN] = r->private_clean_kib;
		v[RF_PDIRTY] = r->private_dirty_kib;
	}
	if (t->x && (have & TASK_HAVE_IO)) {
		v[RF_RBYTES] = t->x->io.read_bytes;
		v[RF_WBYTES] = t->x->io.write_bytes;
	}
	if (t->x && t->x->ids && (have & TASK_HAVE_IDS)) {
		const struct task_ids_kept *id = t->x->ids;
		v[RF_RUID] = id->ruid;
		v[RF_SUID] = id->suid;
		v[RF_FSUID] = id->fsuid;
		v[RF_RGID] = id->rgid;
		v[RF_EGID] = id->egid;
		v[RF_SGID] = id->sgid;
		v[RF_FSGID] = id->fsgid;
		v[RF_CAPINH] = id->cap_inh;
		v[RF_CAPPRM] = id->cap_prm;
		v[RF_CAPEFF] = id->cap_eff;
		v[RF_CAPBND] = id->cap_bnd;
		v[RF_CAPAMB] = id->cap_amb;
	}
	v[RF_COMM] = str[RS_COMM];
	v[RF_CMDLINE] = str[RS_CMDLINE];
	v[RF_EXE] = str[RS_EXE];
	v[RF_USER] = str[RS_USER];
}

/* The non-string fields of v into t (of snapshot s). */
void codec_task_unflatten(const uint64_t v[RF_COUNT], struct snapshot *s,
	struct task *t)
{
	struct task_stat_kept *st = &t->stat;

	t->have = (uint32_t)v[RF_HAVE] & TASK_HAVE_RECORDED;
	t->is_kthread = v[RF_KTHREAD] != 0;
	st->state = (char)v[RF_STATE];
	st->ppid = (pid_t)v[RF_PPID];
	st->pgrp = (pid_t)v[RF_PGRP];
	st->session = (pid_t)v[RF_SESSION];
	st->tty_nr = (int)v[RF_TTY];
	st->flags = (unsigned)v[RF_FLAGS];
	st->priority = (int32_t)v[RF_PRIO];
	st->nice = (int32_t)v[RF_NICE];
	st->num_threads = (int32_t)v[RF_NTHREADS];
	st->processor = (int32_t)v[RF_PROCESSOR];
	st->rt_priority = (uint32_t)v[RF_RTPRIO];
	st->policy = (uint32_t)v[RF_POLICY];
	st->minflt = v[RF_MINFLT];
	st->majflt = v[RF_MAJFLT];
	st->utime = v[RF_UTIME];
	st->stime = v[RF_STIME];
	st->starttime = v[RF_STARTTIME];
	st->vsize = v[RF_VSIZE];
	st->rss_pages = v[RF_RSS];
	if (t->have & TASK_HAVE_STATM) {
		struct task_statm_kept *sm = snapshot_task_statm(s, t);
		sm->resident = v[RF_SM_RES];
		sm->shared = v[RF_SM_SHR];
		sm->text = v[RF_SM_TEXT];
		sm->data = v[RF_SM_DATA];
	}
	t->uid = (uid_t)v[RF_UID];
	if (!(t->have & (TASK_HAVE_STATUS | TASK_HAVE_ROLLUP | TASK_HAVE_IO)))
		return;
	struct task_extra *x = snapshot_task_extra(s, t);
	x->status.vm_swap_kib = v[RF_SWAP];
	x->status.voluntary_ctxt = v[RF_VCSW];
	x->status.nonvoluntary_ctxt = v[RF_NVCSW];
	x->status.euid = (uid_t)v[RF_EUID];
	x->status.has_vm = v[RF_HASVM] != 0;
	x->rollup.pss_kib = v[RF_PSS];
	x->rollup.swap_pss_kib = v[RF_SWAPPSS];
	x->rollup.private_clean_kib = v[RF_PCLEAN];
	x->rollup.private_dirty_kib = v[RF_PDIRTY];
	x->io.read_bytes = v[RF_RBYTES];
	x->io.write_bytes = v[RF_WBYTES];
	if (!(t->have & TASK_HAVE_IDS))
		return;
	struct task_ids_kept *id = snapshot_task_ids(s, t);
	id->ruid = (uid_t)v[RF_RUID];
	id->suid = (uid_t)v[RF_SUID];
	id->fsuid = (uid_t)v[RF_FSUID];
	id->rgid = (gid_t)v[RF_RGID];
	id->egid = (gid_t)v[RF_EGID];
	id->sgid = (gid_t)v[RF_SGID];
	id->fsgid = (gid_t)v[RF_FSGID];
	id->cap_inh = v[RF_CAPINH];
	id->cap_prm = v[RF_CAPPRM];
	id->cap_eff = v[RF_CAPEFF];
	id->cap_bnd = v[RF_CAPBND];
	id->cap_amb = v[RF_CAPAMB];
}

/* ---- buffers and varints ---------------------------------------------- */

void rec_buf_init(struct rec_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void rec_buf_fini(struct rec_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

unsigned char *rec_buf_reserve(struct rec_buf *b, size_t n)
{
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < n)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	return b->data + b->len;
}

void rec_buf_add(struct rec_buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	memcpy(rec_buf_reserve(b, n), p, n);
	b->len += n;
}

static void put_varint(struct rec_buf *b, uint64_t v)
{
	unsigned char *p = rec_buf_reserve(b, 10);
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	b->len += n;
}

static uint64_t zigzag(uint64_t diff)
{
	return (diff << 1) ^ (uint64_t)-(int64_t)(diff >> 63);
}

uint64_t codec_unzigzag(uint64_t z)
{
	return (z >> 1) ^ (uint64_t)-(int64_t)(z & 1);
}


uint64_t codec_get_varint(struct rd *r)
{
	uint64_t v = 0;

	for (unsigned shift = 0; !r->bad; shift += 7) {
		if (r->p >= r->end || shift > 63) {
			r->bad = true;
			break;
		}
		unsigned char c = *r->p++;
		if (shift == 63 && c > 1) {
			r->bad = true;
			break;
		}
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	return 0;
}

/* A varint no larger than max (else bad). */
uint64_t codec_get_count(struct rd *r, uint64_t max)
{
	uint64_t v = codec_get_varint(r);

	if (v > max)
		r->bad = true;
	return r->bad ? 0 : v;
}

const unsigned char *codec_get_bytes(struct rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	const unsigned char *p = r->p;
	r->p += n;
	return p;
}

/* ---- strings ------------------------------------------------------------ */

struct strref {
	const char *p;
	uint32_t len;
};

/* Open-addressing map from bytes to an index into a strref array. */
struct strmap {
	uint32_t *slots;           /* index + 1; 0 = free */
	size_t cap, n;             /* cap: a power of two or 0 */
};

static uint64_t hash_bytes(const char *p, size_t len)
{
	uint64_t h = 1469598103934665603u;       /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211u;
	return h;
}

static void strmap_clear(struct strmap *m)
{
	if (m->n)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
}

static long strmap_find(const struct strmap *m, const struct strref *strs,
	const char *p, size_t len, uint64_t h)
{
	if (!m->cap)
		return -1;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		uint32_t s = m->slots[i];
		if (!s)
			return -1;
		const struct strref *r = &strs[s - 1];
		if (r->len == len && !memcmp(r->p, p, len))
			return (long)(s - 1);
	}
}

static void strmap_insert(struct strmap *m, const struct strref *strs,
	uint32_t idx);

static void strmap_grow(struct strmap *m, const struct strref *strs)
{
	uint32_t *old = m->slots;
	size_t old_cap = m->cap;

	m->cap = m->cap ? m->cap * 2 : 1024;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->n = 0;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			strmap_insert(m, strs, old[i] - 1);
	free(old);
}

static void strmap_insert(struct strmap *m, const struct strref *strs,
	uint32_t idx)
{
	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m, strs);
	const struct strref *r = &strs[idx];
	size_t i = hash_bytes(r->p, r->len) & (m->cap - 1);
	while (m->slots[i])
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = idx + 1;
	m->n++;
}

/* ---- encoder ------------------------------------------------------------ */

/* A reader over the key frame's payload (the encoder's copy): its tasks
 * one after the other, each flattened again, in the order they were
 * written (processes by pid, then threads by (tgid, tid)).  A delta
 * frame walks it beside the snapshot it encodes, so the encoder keeps the
 * key frame as its compact encoded bytes instead of a second snapshot. */
struct kcur {
	struct rd key[2], mask, f[RF_COUNT];   /* key[0] pkey, key[1] tkey */
	size_t procs_left, threads_left;
	bool have, in_threads;        /* a current task; past the processes */
	pid_t pid, tgid;              /* the current task's */
	uint64_t v[RF_COUNT];         /* ... and its fields */
};

struct rec_enc {
	struct strref *strs;       /* the key period's strings (bytes in
	                              kraw), then this frame's new ones
	                              (bytes borrowed from the snapshot) */
	size_t nstrs, strs_cap;
	size_t nkey;               /* strings of the key frame */
	struct strmap kmap, lmap;  /* key strings; this frame's new ones */
	struct rec_buf kraw;       /* the key frame's payload */
	struct rec_buf out;        /* a delta frame's payload */
	size_t koff[NSTREAMS];     /* its streams' offsets in kraw */
	size_t klen[NSTREAMS];
	size_t kstr_off;           /* its string table's offset in kraw */
	size_t nkproc, nkthr;      /* its processes and threads */
	struct kcur kc;
	uint64_t *ksys;            /* the key's system fields */
	size_t nksys, ksys_cap;
	uint64_t *sys;             /* this frame's */
	size_t sys_cap;
	struct rec_buf st[NSTREAMS];
	size_t nprocs, nthreads;   /* written in this frame */
};

struct rec_enc *rec_enc_new(void)
{
	struct rec_enc *e = xcalloc(1, sizeof(*e));

	for (size_t i = 0; i < NSTREAMS; i++)
		rec_buf_init(&e->st[i]);
	rec_buf_init(&e->kraw);
	rec_buf_init(&e->out);
	return e;
}

void rec_enc_free(struct rec_enc *e)
{
	if (!e)
		return;
	free(e->strs);
	free(e->kmap.slots);
	free(e->lmap.slots);
	rec_buf_fini(&e->kraw);
	rec_buf_fini(&e->out);
	free(e->ksys);
	free(e->sys);
	for (size_t i = 0; i < NSTREAMS; i++)
		rec_buf_fini(&e->st[i]);
	free(e);
}

static struct rd kraw_stream(const struct rec_enc *e, size_t i)
{
	const unsigned char *p = e->kraw.data + e->koff[i];

	return (struct rd){ p, p + e->klen[i], false };
}

/* Start walking the key frame's tasks (none loaded yet). */
static void kcur_start(struct rec_enc *e)
{
	struct kcur *k = &e->kc;

	memset(k, 0, sizeof(*k));
	if (!e->kraw.data)
		return;                     /* no key frame yet: nothing */
	k->key[0] = kraw_stream(e, ST_PKEY);
	k->key[1] = kraw_stream(e, ST_TKEY);
	k->mask = kraw_stream(e, ST_MASK);
	for (size_t f = 0; f < RF_COUNT; f++)
		k->f[f] = kraw_stream(e, ST_FIELD0 + f);
	k->procs_left = e->nkproc;
	k->threads_left = e->nkthr;
}

/* The current key task's mask and fields (a key frame's are against 0). */
static void kcur_fields(struct kcur *k)
{
	uint64_t mask = codec_get_varint(&k->mask);

	for (size_t f = 0; f < RF_COUNT; f++, mask >>= 1)
		k->v[f] = mask & 1 ? codec_unzigzag(
			codec_get_varint(&k->f[f])) : 0;
}

/* Load the next key process; false (and none current) past the last. */
static bool kcur_next_proc(struct kcur *k)
{
	k->have = k->procs_left > 0;
	if (!k->have)
		return false;
	k->procs_left--;
	k->pid += (pid_t)(codec_get_varint(&k->key[0]) >> 1);
	kcur_fields(k);
	return true;
}

/* Load the next key thread (the remaining processes skipped first). */
static bool kcur_next_thread(struct kcur *k)
{
	if (!k->in_threads) {
		while (kcur_next_proc(k))
			;
		k->in_threads = true;
		k->have = false;
		k->pid = k->tgid = 0;
	}
	bool had = k->have;
	k->have = k->threads_left > 0;
	if (!k->have)
		return false;
	k->threads_left--;
	pid_t tgid = k->tgid + (pid_t)codec_get_varint(&k->key[1]);
	pid_t ref = had && tgid == k->tgid ? k->pid : tgid;
	uint64_t z = codec_get_varint(&k->key[1]) >> 1;
	k->tgid = tgid;
	k->pid = ref + (pid_t)(int64_t)codec_unzigzag(z);
	kcur_fields(k);
	return true;
}

/* Index + 1 of the string p/len (NULL: 0), added to the table (as a key
 * string in a key frame, else as this frame's) when it is new.  hint: the
 * index + 1 the base task had, tried first. */
static uint32_t enc_str(struct rec_enc *e, bool key, const char *p,
	size_t len, uint64_t hint)
{
	if (!p)
		return 0;
	if (len > REC_STR_MAX)
		len = REC_STR_MAX;
	if (hint && hint <= e->nstrs && e->strs[hint - 1].len == len &&
	    !memcmp(e->strs[hint - 1].p, p, len))
		return (uint32_t)hint;
	uint64_t h = hash_bytes(p, len);
	long i = strmap_find(&e->kmap, e->strs, p, len, h);
	if (i < 0 && !key)
		i = strmap_find(&e->lmap, e->strs, p, len, h);
	if (i >= 0)
		return (uint32_t)i + 1;
	if (e->nstrs == e->strs_cap) {
		e->strs_cap = e->strs_cap ? e->strs_cap * 2 : 1024;
		e->strs = xreallocarray(e->strs, e->strs_cap, sizeof(*e->strs));
	}
	e->strs[e->nstrs] = (struct strref){ p, (uint32_t)len };
	strmap_insert(key ? &e->kmap : &e->lmap, e->strs,
		(uint32_t)e->nstrs);
	return (uint32_t)++e->nstrs;
}

/* t's string indices + 1 into str; w: the base task's fields (or NULL),
 * whose string indices are tried first. */
static void enc_task_strs(struct rec_enc *e, bool key, const struct task *t,
	const uint64_t *w, uint32_t str[RS_COUNT])
{
	static const uint64_t none[RF_COUNT];

	if (!w)
		w = none;
	str[RS_COMM] = enc_str(e, key, task_comm(t),
		strnlen(task_comm(t), TASK_COMM_MAX - 1), w[RF_COMM]);
	str[RS_CMDLINE] = enc_str(e, key, t->cmdline,
		t->cmdline ? t->cmdline_len : 0, w[RF_CMDLINE]);
	str[RS_EXE] = enc_str(e, key, t->exe, t->exe ? strlen(t->exe) : 0,
		w[RF_EXE]);
	str[RS_USER] = enc_str(e, key, t->user,
		t->user ? strlen(t->user) : 0, w[RF_USER]);
}

/* Fields v against base w (NULL: all zero) into the mask and field
 * streams. */
static void enc_fields(struct rec_enc *e, const uint64_t *v, const uint64_t *w)
{
	uint64_t mask = 0;

	for (size_t f = 0; f < RF_COUNT; f++)
		if (v[f] != (w ? w[f] : 0))
			mask |= 1ull << f;
	put_varint(&e->st[ST_MASK], mask);
	for (size_t f = 0; mask; f++, mask >>= 1)
		if (mask & 1)
			put_varint(&e->st[ST_FIELD0 + f],
				zigzag(v[f] - (w ? w[f] : 0)));
}

/* One task: its fields against the key task's w (NULL: in full). */
static void enc_task(struct rec_enc *e, bool key, const struct task *t,
	const uint64_t *w)
{
	uint64_t v[RF_COUNT];
	uint32_t str[RS_COUNT];

	enc_task_strs(e, key, t, w, str);
	codec_task_flatten(t, str, v);
	enc_fields(e, v, w);
}

static void enc_procs(struct rec_enc *e, const struct snapshot *s,
	bool delta)
{
	struct kcur *k = &e->kc;
	pid_t last = 0;

	if (delta)
		kcur_next_proc(k);
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct task *t = &s->procs[i];

		if (t->pid <= last)
			continue;           /* not sorted: never from finish */
		while (delta && k->have && k->pid < t->pid)
			kcur_next_proc(k);
		bool base = delta && k->have && k->pid == t->pid &&
			k->v[RF_STARTTIME] == t->stat.starttime;
		put_varint(&e->st[ST_PKEY],
			(uint64_t)(t->pid - last) << 1 | (base ? 0 : 1));
		enc_task(e, !delta, t, base ? k->v : NULL);
		e->nprocs++;
		last = t->pid;
	}
}

/* (tgid, tid) order, as snapshot_finish sorts threads. */
int codec_cmp_thread(const struct task *a, const struct task *b)
{
	if (a->tgid != b->tgid)
		return a->tgid < b->tgid ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

/* The key cursor's thread against t, in codec_cmp_thread's order. */
static int kcur_cmp_thread(const struct kcur *k, const struct task *t)
{
	if (k->tgid != t->tgid)
		return k->tgid < t->tgid ? -1 : 1;
	return (k->pid > t->pid) - (k->pid < t->pid);
}

static void enc_threads(struct rec_enc *e, const struct snapshot *s,
	bool delta)
{
	struct kcur *k = &e->kc;
	const struct task *prev = NULL;

	if (delta)
		kcur_next_thread(k);
	for (size_t i = 0; i < s->nthreads; i++) {
		const struct task *t = &s->threads[i];

		if (t->pid <= 0 || t->tgid <= 0 ||
		    (prev && codec_cmp_thread(prev, t) >= 0))
			continue;
		while (delta && k->have && kcur_cmp_thread(k, t) < 0)
			kcur_next_thread(k);
		bool base = delta && k->have && !kcur_cmp_thread(k, t) &&
			k->v[RF_STARTTIME] == t->stat.starttime;
		pid_t ltgid = prev ? prev->tgid : 0;
		pid_t ref = prev && prev->tgid == t->tgid ? prev->pid : t->tgid;
		put_varint(&e->st[ST_TKEY], (uint64_t)(t->tgid - ltgid));
		put_varint(&e->st[ST_TKEY], zigzag((uint64_t)(int64_t)
			(t->pid - ref)) << 1 | (base ? 0 : 1));
		enc_task(e, !delta, t, base ? k->v : NULL);
		e->nthreads++;
		prev = t;
	}
}

/* After a key frame (written to kraw): point the key strings at their
 * bytes there, for the deltas that follow. */
static void enc_keep_key(struct rec_enc *e)
{
	struct rd r = { e->kraw.data + e->kstr_off,
		e->kraw.data + e->kraw.len, false };

	for (size_t i = 0; i < e->nkey; i++) {
		size_t len = (size_t)codec_get_varint(&r);
		e->strs[i].p = (const char *)codec_get_bytes(&r, len);
	}
}

const struct rec_buf *rec_encode_payload(struct rec_enc *e,
	const struct snapshot *s, bool delta)
{
	/* A key frame is written straight into kraw: the old key is not
	 * needed for it, so there is never a second key-sized payload. */
	struct rec_buf *out = delta ? &e->out : &e->kraw;
	size_t first_new;

	out->len = 0;
	for (size_t i = 0; i < NSTREAMS; i++)
		e->st[i].len = 0;
	e->nprocs = e->nthreads = 0;
	strmap_clear(&e->lmap);
	if (!delta) {
		strmap_clear(&e->kmap);
		e->nstrs = e->nkey = 0;
	} else {
		kcur_start(e);
	}
	e->nstrs = e->nkey;
	first_new = e->nstrs;
	enc_procs(e, s, delta);
	enc_threads(e, s, delta);

	size_t nsys = sys_flatten(s, &e->sys, &e->sys_cap);
	put_varint(out, RF_COUNT);
	put_varint(out, nsys);
	for (size_t i = 0; i < nsys; i++)
		put_varint(out, zigzag(e->sys[i] -
			(delta && i < e->nksys ? e->ksys[i] : 0)));
	put_varint(out, e->nstrs - first_new);
	if (!delta)
		e->kstr_off = out->len;
	for (size_t i = first_new; i < e->nstrs; i++) {
		put_varint(out, e->strs[i].len);
		rec_buf_add(out, e->strs[i].p, e->strs[i].len);
	}
	put_varint(out, e->nprocs);
	put_varint(out, e->nthreads);
	for (size_t i = 0; i < NSTREAMS; i++) {
		put_varint(out, e->st[i].len);
		if (!delta) {
			e->koff[i] = out->len;
			e->klen[i] = e->st[i].len;
		}
		rec_buf_add(out, e->st[i].data, e->st[i].len);
	}
	if (!delta) {
		e->nkey = e->nstrs;
		e->nkproc = e->nprocs;
		e->nkthr = e->nthreads;
		if (nsys > e->ksys_cap) {
			e->ksys = xreallocarray(e->ksys, nsys, sizeof(*e->ksys));
			e->ksys_cap = nsys;
		}
		memcpy(e->ksys, e->sys, nsys * sizeof(*e->sys));
		e->nksys = nsys;
		enc_keep_key(e);
	}
	return out;
}

void rec_encode(struct rec_enc *e, const struct snapshot *s,
	const struct snapshot *key, struct rec_buf *out)
{
	const struct rec_buf *raw = rec_encode_payload(e, s, key != NULL);

	rec_buf_add(out, raw->data, raw->len);
}
