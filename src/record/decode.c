/* decode — a frame payload back to a snapshot (see proctop/record.h and
 * codec.c; the byte layout is in doc/FORMAT.md).  Pure: no I/O.  Every
 * read is bounds-checked (struct rd): a damaged payload is an error,
 * never a crash. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/record.h"
#include "proctop/xalloc.h"

#include "codec_priv.h"

/* ---- decoder ------------------------------------------------------------ */

struct rec_dec {
	struct snap_str **strs;    /* the key period's strings, then the
	                              current frame's; one reference each */
	size_t nstrs, strs_cap, nkey;
	bool have_key;
	uint32_t (*kproc)[RS_COUNT];
	size_t nkproc, kproc_cap;
	uint32_t (*kthr)[RS_COUNT];
	size_t nkthr, kthr_cap;
	uint64_t *ksys, *sys;
	size_t nksys, ksys_cap, sys_cap;
	struct snap_str **users;   /* every user name seen; kept until free */
	size_t nusers, users_cap;
};

struct rec_dec *rec_dec_new(void)
{
	return xcalloc(1, sizeof(struct rec_dec));
}

/* Drop the table's strings from index `from` on. */
static void dec_drop_strs(struct rec_dec *d, size_t from)
{
	for (size_t i = from; i < d->nstrs; i++)
		snap_str_unref(d->strs[i]);
	if (from < d->nstrs)
		d->nstrs = from;
}

void rec_dec_free(struct rec_dec *d)
{
	if (!d)
		return;
	dec_drop_strs(d, 0);
	free(d->strs);
	free(d->kproc);
	free(d->kthr);
	free(d->ksys);
	free(d->sys);
	for (size_t i = 0; i < d->nusers; i++)
		snap_str_unref(d->users[i]);
	free(d->users);
	free(d);
}

/* The decoder's lasting copy of user name u. */
static const char *dec_user(struct rec_dec *d, const struct snap_str *u)
{
	for (size_t i = 0; i < d->nusers; i++)
		if (d->users[i]->len == u->len &&
		    !memcmp(d->users[i]->bytes, u->bytes, u->len))
			return d->users[i]->bytes;
	if (d->nusers == d->users_cap) {
		d->users_cap = d->users_cap ? d->users_cap * 2 : 16;
		d->users = xreallocarray(d->users, d->users_cap,
			sizeof(*d->users));
	}
	d->users[d->nusers] = snap_str_new(u->bytes, u->len);
	return d->users[d->nusers++]->bytes;
}

/* Streams of one payload. */
struct dec_frame {
	struct rd st[NSTREAMS];
	size_t nfields;
};

/* Read one task's fields against base w (NULL: zero) into v. */
static bool dec_fields(struct dec_frame *f, const uint64_t *w,
	uint64_t v[RF_COUNT])
{
	uint64_t mask = codec_get_varint(&f->st[ST_MASK]);

	if (f->nfields < 64 && (mask >> f->nfields))
		return false;
	for (size_t i = 0; i < RF_COUNT; i++) {
		v[i] = w ? w[i] : 0;
		if (mask & (1ull << i))
			v[i] += codec_unzigzag(codec_get_varint(&f->st[ST_FIELD0 + i]));
	}
	return !f->st[ST_MASK].bad;
}

/* Set t's strings from v's indices; false when one is out of range. */
static bool dec_strings(struct rec_dec *d, const uint64_t v[RF_COUNT],
	struct snapshot *s, struct task *t)
{
	struct snap_str *str[RS_COUNT] = { NULL };

	for (size_t i = 0; i < RS_COUNT; i++) {
		uint64_t k = v[RF_COMM + i];
		if (k > d->nstrs)
			return false;
		str[i] = k ? d->strs[k - 1] : NULL;
	}
	if (str[RS_COMM]) {
		if (str[RS_COMM]->len >= TASK_COMM_MAX)
			return false;
		snapshot_set_comm(s, t, str[RS_COMM]->bytes,
			str[RS_COMM]->len);
	}
	if (str[RS_CMDLINE] && str[RS_CMDLINE]->len > UINT32_MAX)
		return false;
	if (str[RS_CMDLINE] || str[RS_EXE])
		snapshot_share_cmd(s, t, str[RS_CMDLINE], str[RS_EXE]);
	t->user = str[RS_USER] ? dec_user(d, str[RS_USER]) : NULL;
	return true;
}

static void str_idx(const uint64_t v[RF_COUNT], uint32_t out[RS_COUNT])
{
	for (size_t i = 0; i < RS_COUNT; i++)
		out[i] = (uint32_t)v[RF_COMM + i];
}

/* The rest of task t (just added to out): its fields against base (NULL:
 * zero) and strings; kstr (NULL in a delta frame) keeps its string
 * indices as a key task's. */
static bool dec_task(struct rec_dec *d, struct dec_frame *f,
	const uint64_t *base, struct snapshot *out, struct task *t,
	uint32_t *kstr)
{
	uint64_t v[RF_COUNT];

	if (!dec_fields(f, base, v))
		return false;
	codec_task_unflatten(v, out, t);
	if (!dec_strings(d, v, out, t))
		return false;
	if (kstr)
		str_idx(v, kstr);
	return true;
}

static bool dec_procs(struct rec_dec *d, struct dec_frame *f, size_t n,
	struct snapshot *out, const struct snapshot *key)
{
	uint64_t w[RF_COUNT];
	uint64_t last = 0;
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t k = codec_get_varint(&f->st[ST_PKEY]);
		uint64_t pid = last + (k >> 1);
		const uint64_t *base = NULL;

		if (f->st[ST_PKEY].bad || (k >> 1) == 0 || (k >> 1) > INT_MAX ||
		    pid > INT_MAX)
			return false;
		if (!(k & 1)) {
			while (key && j < key->nprocs &&
			       (uint64_t)key->procs[j].pid < pid)
				j++;
			if (!key || j >= key->nprocs || j >= d->nkproc ||
			    (uint64_t)key->procs[j].pid != pid)
				return false;
			codec_task_flatten(&key->procs[j], d->kproc[j], w);
			base = w;
		}
		struct task *t = snapshot_add_proc(out);
		t->pid = t->tgid = (pid_t)pid;
		if (!dec_task(d, f, base, out, t, key ? NULL : d->kproc[i]))
			return false;
		last = pid;
	}
	return true;
}

static bool dec_threads(struct rec_dec *d, struct dec_frame *f, size_t n,
	struct snapshot *out, const struct snapshot *key)
{
	uint64_t w[RF_COUNT];
	struct task prev = { .pid = 0, .tgid = 0 };
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		struct rd *r = &f->st[ST_TKEY];
		uint64_t tgid = (uint64_t)prev.tgid + codec_get_varint(r);
		uint64_t k = codec_get_varint(r);
		int64_t ref = i && (uint64_t)prev.tgid == tgid ? prev.pid :
			(int64_t)tgid;
		int64_t tid = ref + (int64_t)codec_unzigzag(k >> 1);
		const uint64_t *base = NULL;

		if (r->bad || tgid == 0 || tgid > INT_MAX || tid <= 0 ||
		    tid > INT_MAX)
			return false;
		struct task cur = { .pid = (pid_t)tid, .tgid = (pid_t)tgid };
		if (i && codec_cmp_thread(&prev, &cur) >= 0)
			return false;
		if (!(k & 1)) {
			while (key && j < key->nthreads &&
			       codec_cmp_thread(&key->threads[j], &cur) < 0)
				j++;
			if (!key || j >= key->nthreads || j >= d->nkthr ||
			    codec_cmp_thread(&key->threads[j], &cur))
				return false;
			codec_task_flatten(&key->threads[j], d->kthr[j], w);
			base = w;
		}
		struct task *t = snapshot_add_thread(out);
		t->pid = cur.pid;
		t->tgid = cur.tgid;
		if (!dec_task(d, f, base, out, t, key ? NULL : d->kthr[i]))
			return false;
		prev = cur;
	}
	return true;
}

int rec_decode(struct rec_dec *d, const unsigned char *raw, size_t len,
	struct snapshot *out, const struct snapshot *key)
{
	struct rd r = { raw, raw + len, false };
	struct dec_frame f;

	if (key && !d->have_key)
		return -EPROTO;
	if (!key) {
		d->have_key = false;
		dec_drop_strs(d, 0);
		d->nkey = 0;
	} else {
		dec_drop_strs(d, d->nkey);
	}
	f.nfields = codec_get_count(&r, 64);
	if (f.nfields == 0 || f.nfields > RF_COUNT)
		return -EBADMSG;

	size_t nsys = codec_get_count(&r, SY_FIXED + CPU_N * REC_CPUS_MAX);
	if (nsys > (size_t)(r.end - r.p))
		return -EBADMSG;
	if (nsys > d->sys_cap) {
		d->sys = xreallocarray(d->sys, nsys, sizeof(*d->sys));
		d->sys_cap = nsys;
	}
	for (size_t i = 0; i < nsys; i++)
		d->sys[i] = (key && i < d->nksys ? d->ksys[i] : 0) +
			codec_unzigzag(codec_get_varint(&r));
	if (r.bad || codec_sys_unflatten(d->sys, nsys, out) < 0)
		return -EBADMSG;

	size_t nstr = codec_get_count(&r, (size_t)(r.end - r.p));
	for (size_t i = 0; i < nstr && !r.bad; i++) {
		size_t slen = codec_get_count(&r, REC_STR_MAX);
		const unsigned char *p = codec_get_bytes(&r, slen);
		if (!p)
			break;
		if (d->nstrs == d->strs_cap) {
			d->strs_cap = d->strs_cap ? d->strs_cap * 2 : 1024;
			d->strs = xreallocarray(d->strs, d->strs_cap,
				sizeof(*d->strs));
		}
		d->strs[d->nstrs++] = snap_str_new((const char *)p, slen);
	}
	size_t nprocs = codec_get_count(&r, REC_TASKS_MAX);
	size_t nthreads = codec_get_count(&r, REC_TASKS_MAX);
	if (r.bad)
		return -EBADMSG;
	/* Every task takes a key and a mask byte at least. */
	if (nprocs + nthreads > (size_t)(r.end - r.p))
		return -EBADMSG;
	memset(f.st, 0, sizeof(f.st));
	for (size_t i = 0; i < ST_FIELD0 + f.nfields; i++) {
		size_t slen = codec_get_count(&r, (size_t)(r.end - r.p));
		const unsigned char *p = codec_get_bytes(&r, slen);
		if (!p)
			return -EBADMSG;
		f.st[i] = (struct rd){ p, p + slen, false };
	}
	if (r.p != r.end)
		return -EBADMSG;
	if (!key) {
		d->nkey = d->nstrs;
		if (nprocs > d->kproc_cap) {
			d->kproc = xreallocarray(d->kproc, nprocs,
				sizeof(*d->kproc));
			d->kproc_cap = nprocs;
		}
		if (nthreads > d->kthr_cap) {
			d->kthr = xreallocarray(d->kthr, nthreads,
				sizeof(*d->kthr));
			d->kthr_cap = nthreads;
		}
	}
	if (!dec_procs(d, &f, nprocs, out, key) ||
	    !dec_threads(d, &f, nthreads, out, key))
		return -EBADMSG;
	for (size_t i = 0; i < ST_FIELD0 + f.nfields; i++)
		if (f.st[i].bad || f.st[i].p != f.st[i].end)
			return -EBADMSG;
	if (!key) {
		if (nsys > d->ksys_cap) {
			d->ksys = xreallocarray(d->ksys, nsys, sizeof(*d->ksys));
			d->ksys_cap = nsys;
		}
		memcpy(d->ksys, d->sys, nsys * sizeof(*d->sys));
		d->nksys = nsys;
		d->nkproc = nprocs;
		d->nkthr = nthreads;
		d->have_key = true;
	}
	return 0;
}
