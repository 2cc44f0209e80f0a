/* view — sort, filter and tree flattening (see proctop/view.h).
 *
 * Thread rows: with vs->threads and snap->has_threads, each process row is
 * followed by its threads (one level deeper, sorted by the same key), then
 * (in tree mode) by its child processes.  The thread-group leader
 * (tid == tgid) is not repeated as a thread row: the process row stands for
 * it, as in htop.  Hostile data (a ppid loop) cannot hang the view: every
 * node is emitted at most once and members of a loop become roots. */
#include "proctop/view.h"

#include <stdlib.h>
#include <string.h>

#include "proctop/xalloc.h"

#define VIEW_PREFIX_MAX_DEPTH 64   /* deeper rows draw like depth 64 */

void view_rows_init(struct view_rows *r)
{
	memset(r, 0, sizeof(*r));
}

void view_rows_fini(struct view_rows *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

static struct view_row *rows_push(struct view_rows *r)
{
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 256;
		r->rows = xreallocarray(r->rows, ncap, sizeof(*r->rows));
		r->cap = ncap;
	}
	struct view_row *row = &r->rows[r->n++];
	memset(row, 0, sizeof(*row));
	return row;
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive (ASCII) search of needle in hay[0..len). */
static bool contains_ci(const char *hay, size_t len, const char *needle,
	size_t nlen)
{
	if (nlen > len)
		return false;
	for (size_t i = 0; i + nlen <= len; i++) {
		size_t j = 0;
		while (j < nlen && ascii_lower((unsigned char)hay[i + j])
			== ascii_lower((unsigned char)needle[j]))
			j++;
		if (j == nlen)
			return true;
	}
	return false;
}

bool view_matches(const struct task *t, const char *filter)
{
	if (!filter || !*filter)
		return true;
	size_t nlen = strlen(filter);
	if (contains_ci(task_comm(t), strnlen(task_comm(t), TASK_COMM_MAX),
		filter, nlen))
		return true;
	return t->cmdline && contains_ci(t->cmdline, t->cmdline_len, filter,
		nlen);
}

/* Filters that remove a process outright (no ancestor keeping). */
static bool passes_strict(const struct task *t, const struct view_state *vs)
{
	if (vs->hide_kthreads && t->is_kthread)
		return false;
	if (vs->has_uid && (!(t->have & TASK_HAVE_UID) || t->uid != vs->uid))
		return false;
	if (vs->npids && vs->pids) {
		size_t i = 0;
		while (i < vs->npids && vs->pids[i] != t->pid)
			i++;
		if (i == vs->npids)
			return false;
	}
	return true;
}

static bool is_collapsed(const struct task *t, const struct view_state *vs)
{
	return vs->collapsed && view_keys_match(vs->collapsed, vs->ncollapsed,
		t);
}

enum column_id view_sort_key(const struct view_state *vs)
{
	return vs->tree ? vs->tree_sort_key : vs->sort_key;
}

bool view_sort_desc(const struct view_state *vs)
{
	return vs->tree ? vs->tree_sort_desc : vs->sort_desc;
}

struct sort_ctx {
	const struct task *tasks;
	enum column_id key;
	bool desc;
	struct column_ctx cctx;
};

static int cmp_idx(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *sc = arg;
	const struct task *x = &sc->tasks[*(const long *)a];
	const struct task *y = &sc->tasks[*(const long *)b];
	return columns_compare(sc->key, x, y, &sc->cctx, sc->desc);
}

static void sort_indices(long *idx, size_t n, const struct task *tasks,
	const struct snapshot *snap, const struct view_state *vs)
{
	struct sort_ctx sc = { .tasks = tasks, .key = view_sort_key(vs),
		.desc = view_sort_desc(vs),
		.cctx = { .snap = snap, .utf8 = vs->utf8 } };
	if (n > 1 && (unsigned)sc.key < COL_COUNT)
		qsort_r(idx, n, sizeof(*idx), cmp_idx, &sc);
}

/* Threads of process p to show (leader excluded), sorted; returns count.
 * A process kept only as the ancestor of a match (p_matched false) shows
 * only the threads that match the filter themselves.  *out is reused
 * across calls (grown as needed). */
static size_t thread_list(const struct snapshot *snap,
	const struct view_state *vs, const struct task *p, bool p_matched,
	long **out, size_t *cap)
{
	if (!vs->threads || !snap->has_threads || p->first_thread < 0)
		return 0;
	size_t n = 0;
	for (long k = 0; k < p->nthreads_listed; k++) {
		size_t i = (size_t)(p->first_thread + k);
		if (i >= snap->nthreads)
			break;
		if (snap->threads[i].pid == p->pid)
			continue;
		if (!p_matched && !view_matches(&snap->threads[i], vs->filter))
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*out = xreallocarray(*out, *cap, sizeof(**out));
		}
		(*out)[n++] = (long)i;
	}
	sort_indices(*out, n, snap->threads, snap, vs);
	return n;
}

static uint64_t more_for_child(const struct view_row *parent)
{
	uint64_t more = parent->more;
	if (parent->depth >= 1 && !parent->last
		&& parent->depth - 1 < 64)
		more |= UINT64_C(1) << (parent->depth - 1);
	return more;
}

/* Emit the thread rows under process row at out->rows[prow]. */
static void emit_threads(const struct snapshot *snap, struct view_rows *out,
	size_t prow, const long *tids, size_t nt, bool more_follow)
{
	for (size_t k = 0; k < nt; k++) {
		struct view_row parent = out->rows[prow];
		struct view_row *row = rows_push(out);
		row->task = &snap->threads[tids[k]];
		row->index = tids[k];
		row->is_thread = true;
		row->depth = parent.depth + 1;
		row->last = k + 1 == nt && !more_follow;
		row->more = more_for_child(&parent);
		row->matched = parent.matched;
	}
}

struct tree {
	const struct snapshot *snap;
	const struct view_state *vs;
	bool *visible;
	bool *matched;
	bool *emitted;
	long *vparent;       /* visible parent or -1 */
	long *first_kid, *last_kid, *next_kid;   /* sorted child lists */
	long *tids;
	size_t tids_cap;
};

struct frame {
	long proc;
	unsigned depth;
	bool last;
	uint64_t more;
};

/* Mark every not yet emitted descendant of proc as emitted, so a folded
 * subtree stays hidden.  stack has room for every process. */
static void tree_hide(struct tree *tr, long proc, struct frame *stack)
{
	size_t sp = 0;
	stack[sp++] = (struct frame){ .proc = proc };
	while (sp) {
		long p = stack[--sp].proc;
		for (long c = tr->first_kid[p]; c >= 0; c = tr->next_kid[c]) {
			if (tr->emitted[c])
				continue;
			tr->emitted[c] = true;
			stack[sp++] = (struct frame){ .proc = c };
		}
	}
}

/* Depth-first from root; never visits a node twice.  stack has room for
 * every process (each is pushed at most once). */
static void tree_walk(struct tree *tr, long root, struct view_rows *out,
	struct frame *stack)
{
	const struct snapshot *snap = tr->snap;
	size_t sp = 0;
	stack[sp++] = (struct frame){ .proc = root };
	tr->emitted[root] = true;
	while (sp) {
		struct frame f = stack[--sp];
		const struct task *t = &snap->procs[f.proc];
		size_t nkids = 0;
		for (long c = tr->first_kid[f.proc]; c >= 0 && nkids <= snap->nprocs;
			c = tr->next_kid[c])
			if (!tr->emitted[c])
				nkids++;
		size_t nt = thread_list(snap, tr->vs, t,
			tr->matched[f.proc], &tr->tids, &tr->tids_cap);
		size_t prow = out->n;
		struct view_row *row = rows_push(out);
		row->task = t;
		row->index = f.proc;
		row->depth = f.depth;
		row->last = f.last;
		row->more = f.more;
		row->matched = tr->matched[f.proc];
		/* a root whose parent is only filtered out is no orphan */
		row->orphan = f.depth == 0 && t->parent < 0
			&& t->stat.ppid != 0;
		row->has_children = nkids > 0 || nt > 0;
		row->collapsed = row->has_children && is_collapsed(t, tr->vs);
		if (row->collapsed) {
			tree_hide(tr, f.proc, stack + sp);
			continue;
		}
		emit_threads(snap, out, prow, tr->tids, nt, nkids > 0);
		/* Push the children in reverse so the first pops first. */
		struct view_row self = out->rows[prow];
		size_t base = sp, k = 0;
		for (long c = tr->first_kid[f.proc]; c >= 0 && k < nkids;
			c = tr->next_kid[c]) {
			if (tr->emitted[c])
				continue;
			tr->emitted[c] = true;
			stack[sp++] = (struct frame){ .proc = c,
				.depth = f.depth + 1, .last = ++k == nkids,
				.more = more_for_child(&self) };
		}
		for (size_t i = base, j = sp; i + 1 < j; i++, j--) {
			struct frame tmp = stack[i];
			stack[i] = stack[j - 1];
			stack[j - 1] = tmp;
		}
	}
}

static void build_tree(struct tree *tr, long *order, size_t n,
	struct view_rows *out)
{
	const struct snapshot *snap = tr->snap;
	size_t np = snap->nprocs;
	for (size_t i = 0; i < np; i++)
		tr->first_kid[i] = tr->last_kid[i] = tr->next_kid[i] = -1;
	/* order is sorted by the key: appending keeps each level sorted. */
	for (size_t k = 0; k < n; k++) {
		long i = order[k], p = tr->vparent[i];
		if (p < 0)
			continue;
		if (tr->last_kid[p] < 0)
			tr->first_kid[p] = i;
		else
			tr->next_kid[tr->last_kid[p]] = i;
		tr->last_kid[p] = i;
	}
	struct frame *stack = xreallocarray(NULL, np ? np : 1,
		sizeof(*stack));
	/* Roots, then anything a parent loop kept unreachable. */
	size_t nroots = 0;
	for (size_t k = 0; k < n; k++)
		if (tr->vparent[order[k]] < 0)
			nroots++;
	size_t seen = 0;
	for (size_t k = 0; k < n; k++) {
		long i = order[k];
		if (tr->vparent[i] >= 0 || tr->emitted[i])
			continue;
		size_t first = out->n;
		tree_walk(tr, i, out, stack);
		out->rows[first].last = ++seen == nroots;
	}
	for (size_t k = 0; k < n; k++) {
		long i = order[k];
		if (tr->emitted[i])
			continue;
		tr->vparent[i] = -1;   /* part of a loop: becomes a root */
		size_t first = out->n;
		tree_walk(tr, i, out, stack);
		out->rows[first].last = true;
		out->rows[first].orphan = true;
	}
	free(stack);
}

void view_build(const struct snapshot *snap, const struct view_state *vs,
	struct view_rows *out)
{
	out->n = 0;
	size_t np = snap->nprocs;
	if (!np)
		return;
	bool has_text = vs->filter && *vs->filter;
	bool *visible = xcalloc(np, sizeof(bool));
	bool *matched = xcalloc(np, sizeof(bool));
	bool *strict = xcalloc(np, sizeof(bool));
	for (size_t i = 0; i < np; i++) {
		const struct task *t = &snap->procs[i];
		strict[i] = passes_strict(t, vs);
		matched[i] = strict[i] && view_matches(t, vs->filter);
		visible[i] = matched[i];
	}
	if (vs->tree && has_text) {
		/* Keep the ancestors of every match (bounded walk). */
		for (size_t i = 0; i < np; i++) {
			if (!matched[i])
				continue;
			long p = snap->procs[i].parent;
			for (size_t steps = 0; p >= 0 && (size_t)p < np
				&& steps < np; steps++) {
				if (visible[p] || !strict[p])
					break;
				visible[p] = true;
				p = snap->procs[p].parent;
			}
		}
	}
	long *order = xreallocarray(NULL, np, sizeof(long));
	size_t n = 0;
	for (size_t i = 0; i < np; i++)
		if (visible[i])
			order[n++] = (long)i;
	sort_indices(order, n, snap->procs, snap, vs);

	struct tree tr = { .snap = snap, .vs = vs, .visible = visible,
		.matched = matched };
	if (vs->tree) {
		tr.emitted = xcalloc(np, sizeof(bool));
		tr.vparent = xreallocarray(NULL, np, sizeof(long));
		tr.first_kid = xreallocarray(NULL, np, sizeof(long));
		tr.last_kid = xreallocarray(NULL, np, sizeof(long));
		tr.next_kid = xreallocarray(NULL, np, sizeof(long));
		for (size_t i = 0; i < np; i++) {
			long p = snap->procs[i].parent;
			tr.vparent[i] = p >= 0 && (size_t)p < np && visible[p]
				&& p != (long)i ? p : -1;
		}
		build_tree(&tr, order, n, out);
		free(tr.emitted);
		free(tr.vparent);
		free(tr.first_kid);
		free(tr.last_kid);
		free(tr.next_kid);
	} else {
		for (size_t k = 0; k < n; k++) {
			const struct task *t = &snap->procs[order[k]];
			size_t nt = thread_list(snap, vs, t, true, &tr.tids,
				&tr.tids_cap);
			size_t prow = out->n;
			struct view_row *row = rows_push(out);
			row->task = t;
			row->index = order[k];
			row->last = k + 1 == n;
			row->matched = true;
			row->has_children = nt > 0;
			row->collapsed = nt > 0 && is_collapsed(t, vs);
			if (!row->collapsed)
				emit_threads(snap, out, prow, tr.tids, nt,
					false);
		}
	}
	free(tr.tids);
	free(order);
	free(strict);
	free(matched);
	free(visible);
}

size_t view_tree_prefix(const struct view_row *row, bool utf8,
	struct sbuf *out)
{
	if (!row->depth)
		return 0;
	unsigned depth = row->depth < VIEW_PREFIX_MAX_DEPTH ? row->depth
		: VIEW_PREFIX_MAX_DEPTH;
	for (unsigned d = 1; d < depth; d++) {
		bool bar = d - 1 < 64 && (row->more & (UINT64_C(1) << (d - 1)));
		sbuf_adds(out, bar ? (utf8 ? "\xe2\x94\x82  " : "|  ") : "   ");
	}
	if (utf8)
		sbuf_adds(out, row->last ? "\xe2\x94\x94\xe2\x94\x80 "
			: "\xe2\x94\x9c\xe2\x94\x80 ");
	else
		sbuf_adds(out, row->last ? "`- " : "|- ");
	return (size_t)depth * 3;
}

long view_find(const struct view_rows *rows, struct view_key key)
{
	long thread_hit = -1;
	for (size_t i = 0; i < rows->n; i++) {
		const struct task *t = rows->rows[i].task;
		if (t->pid != key.pid || (key.starttime
			&& t->stat.starttime != key.starttime))
			continue;
		if (!rows->rows[i].is_thread)
			return (long)i;
		if (thread_hit < 0)
			thread_hit = (long)i;
	}
	return thread_hit;
}

int view_key_cmp(struct view_key a, struct view_key b)
{
	if (a.pid != b.pid)
		return a.pid < b.pid ? -1 : 1;
	if (a.starttime != b.starttime)
		return a.starttime < b.starttime ? -1 : 1;
	return 0;
}

/* First position in the sorted keys[0..n) whose key is >= key. */
static size_t keys_lower_bound(const struct view_key *keys, size_t n,
	struct view_key key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (view_key_cmp(keys[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool view_keys_has(const struct view_key *keys, size_t n, struct view_key key)
{
	size_t i = keys_lower_bound(keys, n, key);
	return i < n && view_key_cmp(keys[i], key) == 0;
}

bool view_keys_match(const struct view_key *keys, size_t n,
	const struct task *t)
{
	struct view_key any = { .pid = t->pid, .starttime = 0 };
	struct view_key exact = { .pid = t->pid,
		.starttime = t->stat.starttime };
	return view_keys_has(keys, n, any) || view_keys_has(keys, n, exact);
}

void view_keys_push(struct view_key **keys, size_t *n, size_t *cap,
	struct view_key key)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*keys = xreallocarray(*keys, *cap, sizeof(**keys));
	}
	(*keys)[(*n)++] = key;
}

bool view_keys_add(struct view_key **keys, size_t *n, size_t *cap,
	struct view_key key)
{
	size_t i = keys_lower_bound(*keys, *n, key);
	if (i < *n && view_key_cmp((*keys)[i], key) == 0)
		return false;
	view_keys_push(keys, n, cap, key);
	memmove(*keys + i + 1, *keys + i, (*n - 1 - i) * sizeof(**keys));
	(*keys)[i] = key;
	return true;
}

static int key_qcmp(const void *a, const void *b)
{
	return view_key_cmp(*(const struct view_key *)a,
		*(const struct view_key *)b);
}

void view_keys_sort(struct view_key *keys, size_t *n)
{
	if (*n < 2)
		return;
	qsort(keys, *n, sizeof(*keys), key_qcmp);
	size_t out = 1;
	for (size_t i = 1; i < *n; i++)
		if (view_key_cmp(keys[i], keys[out - 1]) != 0)
			keys[out++] = keys[i];
	*n = out;
}

bool view_keys_del(struct view_key *keys, size_t *n, struct view_key key)
{
	size_t i = keys_lower_bound(keys, *n, key);
	if (i >= *n || view_key_cmp(keys[i], key) != 0)
		return false;
	memmove(keys + i, keys + i + 1, (*n - i - 1) * sizeof(*keys));
	(*n)--;
	return true;
}

void view_keys_prune(struct view_key *keys, size_t *n,
	const struct snapshot *snap)
{
	size_t out = 0;
	for (size_t i = 0; i < *n; i++) {
		long p = snapshot_find(snap, keys[i].pid);
		if (p < 0 || (keys[i].starttime
			&& snap->procs[p].stat.starttime != keys[i].starttime))
			continue;
		keys[out++] = keys[i];
	}
	*n = out;
}

struct procs_sort {
	const struct snapshot *snap;
	struct column_ctx ctx;
	enum column_id key;
	bool desc;
};

static int procs_cmp(const void *pa, const void *pb, void *arg)
{
	const struct procs_sort *ps = arg;
	const long *a = pa, *b = pb;

	return columns_compare(ps->key, &ps->snap->procs[*a],
		&ps->snap->procs[*b], &ps->ctx, ps->desc);
}

/* qsort_r over task pointers (view_sort_tasks). */
static int tasks_cmp(const void *pa, const void *pb, void *arg)
{
	const struct procs_sort *ps = arg;
	const struct task *const *a = pa, *const *b = pb;

	return columns_compare(ps->key, *a, *b, &ps->ctx, ps->desc);
}

void view_sort_tasks(const struct snapshot *s, const struct task **tasks,
	size_t n, enum column_id key, bool desc, bool utf8)
{
	struct procs_sort ps = { .snap = s,
		.ctx = { .snap = s, .utf8 = utf8 }, .key = key, .desc = desc };
	if (n > 1)
		qsort_r(tasks, n, sizeof(*tasks), tasks_cmp, &ps);
}

void view_sort_procs(const struct snapshot *s, long *idx, size_t n,
	enum column_id key, bool desc, bool utf8)
{
	struct procs_sort ps = { .snap = s,
		.ctx = { .snap = s, .utf8 = utf8 }, .key = key, .desc = desc };
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), procs_cmp, &ps);
}
