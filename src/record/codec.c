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

	size_t nsys = codec_sys_flatten(s, &e->sys, &e->sys_cap);
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
