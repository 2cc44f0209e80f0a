/* groups — summing processes into groups whose counters stay monotonic
 * (see proctop/export.h).
 *
 * Each update walks the snapshot's processes (sorted by pid) beside the
 * previous update's tracks (sorted by pid too): a process seen before with
 * the same start time keeps its track; a track without its process (exit,
 * or a reused pid) moves what it contributed (last - base) into its
 * group's exited total; a process that changes group (an exec changes its
 * comm, a cgroup move) does the same and joins the new group with base =
 * its counters so far, so neither group goes backwards.  A process first
 * seen joins with base 0 (its whole lifetime counts).  A counter that reads
 * lower than before (io became unreadable) keeps its last value. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_priv.h"
#include "proctop/collector.h"
#include "proctop/xalloc.h"

static void grouping_fini(struct grouping *g)
{
	for (size_t i = 0; i < g->ngroups; i++)
		free(g->groups[i].name);
	free(g->groups);
	free(g->order);
	free(g->tracks);
	free(g->next);
	memset(g, 0, sizeof(*g));
}

struct exporter *exporter_new(const struct export_config *cfg)
{
	struct exporter *e = xcalloc(1, sizeof(*e));

	e->cfg = *cfg;
	if (e->cfg.top_n > EXPORT_TOP_MAX)
		e->cfg.top_n = EXPORT_TOP_MAX;
	e->main.max_groups = cfg->max_groups ? cfg->max_groups :
		EXPORT_MAX_GROUPS_DEFAULT;
	/* a process that left the top keeps its group until the next update */
	e->top.max_groups = 2 * e->cfg.top_n + 1;
	sbuf_init(&e->name);
	return e;
}

void exporter_free(struct exporter *e)
{
	if (!e)
		return;
	grouping_fini(&e->main);
	grouping_fini(&e->top);
	sbuf_fini(&e->name);
	free(e->rank);
	free(e);
}

unsigned exporter_need(const struct export_config *cfg)
{
	/* statm: exact RES; status: swap; rollup: PSS; io: read/write */
	unsigned need = NEED_STAT | NEED_STATM | NEED_STATUS | NEED_ROLLUP |
		NEED_IO | NEED_FDS | NEED_PSI;

	if (cfg->group_by == EXPORT_BY_USER)
		need |= NEED_USER;
	else if (cfg->group_by == EXPORT_BY_CGROUP)
		need |= NEED_CGROUP;
	else if (cfg->group_by == EXPORT_BY_RULES && cfg->rules)
		need |= export_rules_need(cfg->rules);
	return need;
}

/* ---- groups ------------------------------------------------------------ */

static int name_cmp(const struct egroup *a, const char *name, size_t len)
{
	int c = memcmp(a->name, name, a->name_len < len ? a->name_len : len);

	if (c)
		return c;
	return a->name_len < len ? -1 : a->name_len > len;
}

/* Index of the group called name, created when missing (beyond the cap:
 * "other"'s).  Borrows name. */
static uint32_t group_get(struct grouping *g, const char *name, size_t len,
	bool individual)
{
	size_t lo = 0, hi = g->ngroups;
	struct egroup *grp;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(&g->groups[g->order[mid]], name, len);

		if (!c)
			return g->order[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (g->ngroups >= g->max_groups && strcmp(name, "other"))
		return group_get(g, "other", 5, false);
	if (g->ngroups == g->groups_cap) {
		g->groups_cap = g->groups_cap ? g->groups_cap * 2 : 64;
		g->groups = xreallocarray(g->groups, g->groups_cap,
			sizeof(*g->groups));
		g->order = xreallocarray(g->order, g->groups_cap,
			sizeof(*g->order));
	}
	memmove(&g->order[lo + 1], &g->order[lo],
		(g->ngroups - lo) * sizeof(*g->order));
	g->order[lo] = (uint32_t)g->ngroups;
	grp = &g->groups[g->ngroups++];
	memset(grp, 0, sizeof(*grp));
	grp->name = xmalloc(len + 1);
	memcpy(grp->name, name, len);
	grp->name[len] = '\0';
	grp->name_len = len;
	grp->individual = individual;
	return g->order[lo];
}

/* Drop the groups without processes now (an individual one at once,
 * others EXPORT_GROUP_TTL_S after their last process); the tracks are
 * remapped. */
static void groups_drop(struct grouping *g, double now)
{
	uint32_t *map;
	size_t k = 0;

	if (!g->ngroups)
		return;
	map = xreallocarray(NULL, g->ngroups, sizeof(*map));
	for (size_t i = 0; i < g->ngroups; i++) {
		struct egroup *grp = &g->groups[i];

		if (!grp->procs && (grp->individual ||
		    now - grp->seen_s > EXPORT_GROUP_TTL_S)) {
			free(grp->name);
			map[i] = UINT32_MAX;
			continue;
		}
		map[i] = (uint32_t)k;
		g->groups[k++] = *grp;
	}
	if (k != g->ngroups) {
		size_t n = 0;

		for (size_t i = 0; i < g->ngroups; i++)
			if (map[g->order[i]] != UINT32_MAX)
				g->order[n++] = map[g->order[i]];
		for (size_t i = 0; i < g->ntracks; i++)
			g->tracks[i].group = map[g->tracks[i].group];
		g->ngroups = k;
	}
	free(map);
}

/* Clear the live figures of every group before an update. */
static void groups_begin(struct grouping *g)
{
	for (size_t i = 0; i < g->ngroups; i++) {
		struct egroup *grp = &g->groups[i];

		memset(grp->live, 0, sizeof(grp->live));
		grp->res = grp->swap = grp->pss = grp->fds = 0;
		grp->threads = grp->procs = 0;
		grp->has_swap = grp->has_pss = grp->has_fds = false;
	}
}

/* What a track has given its group so far moves to the exited total. */
static void track_leave(struct grouping *g, const struct etrack *t)
{
	struct egroup *grp = &g->groups[t->group];

	for (int k = 0; k < CTR_COUNT; k++)
		grp->exited[k] += t->last[k] - t->base[k];
}

static struct etrack *next_append(struct grouping *g)
{
	if (g->nnext == g->next_cap) {
		g->next_cap = g->next_cap ? g->next_cap * 2 : 256;
		g->next = xreallocarray(g->next, g->next_cap, sizeof(*g->next));
	}
	return &g->next[g->nnext++];
}

/* The counters of process t (raw units). */
static void task_counters(const struct task *t, uint64_t c[CTR_COUNT])
{
	c[CTR_TICKS] = task_total_ticks(t);
	c[CTR_MAJFLT] = t->stat.majflt;
	c[CTR_RBYTES] = t->have & TASK_HAVE_IO ? t->x->io.read_bytes : 0;
	c[CTR_WBYTES] = t->have & TASK_HAVE_IO ? t->x->io.write_bytes : 0;
}

/* Process t of s joins group gi: its track (carried from *cur of the old
 * tracks when it is the same process) goes to g->next, and its figures
 * are added to the group. */
static void group_add(struct grouping *g, size_t *cur, const struct task *t,
	const struct snapshot *s, uint32_t gi)
{
	struct egroup *grp;
	struct etrack *tr;
	uint64_t c[CTR_COUNT];

	task_counters(t, c);
	while (*cur < g->ntracks && g->tracks[*cur].pid < t->pid)
		track_leave(g, &g->tracks[(*cur)++]);
	tr = next_append(g);
	if (*cur < g->ntracks && g->tracks[*cur].pid == t->pid &&
	    g->tracks[*cur].starttime == t->stat.starttime) {
		*tr = g->tracks[(*cur)++];
		for (int k = 0; k < CTR_COUNT; k++)
			if (c[k] < tr->last[k])
				c[k] = tr->last[k];
		if (tr->group != gi) {
			track_leave(g, tr);
			tr->group = gi;
			if (g->groups[gi].individual)
				memset(tr->base, 0, sizeof(tr->base));
			else
				memcpy(tr->base, tr->last, sizeof(tr->base));
		}
	} else {
		if (*cur < g->ntracks && g->tracks[*cur].pid == t->pid)
			track_leave(g, &g->tracks[(*cur)++]);   /* pid reused */
		memset(tr, 0, sizeof(*tr));
		tr->pid = t->pid;
		tr->starttime = t->stat.starttime;
		tr->group = gi;
	}
	memcpy(tr->last, c, sizeof(c));

	grp = &g->groups[gi];
	for (int k = 0; k < CTR_COUNT; k++)
		grp->live[k] += c[k] - tr->base[k];
	grp->procs++;
	grp->threads += t->stat.num_threads > 0 ?
		(uint64_t)t->stat.num_threads : 1;
	grp->res += task_rss_kib(t, s->page_kib) * 1024;
	if (t->have & TASK_HAVE_STATUS) {
		grp->swap += t->x->status.vm_swap_kib * 1024;
		grp->has_swap = true;
	}
	if (t->have & TASK_HAVE_ROLLUP) {
		grp->pss += t->x->rollup.pss_kib * 1024;
		grp->has_pss = true;
	}
	if (t->have & TASK_HAVE_FDS) {
		grp->fds += t->x->nfds;
		grp->has_fds = true;
	}
	if (t->have & TASK_HAVE_IO)
		grp->had_io = true;
	grp->seen_s = (double)s->mono.tv_sec + s->mono.tv_nsec / 1e9;
}

/* Finish an update: old tracks not carried leave their groups; swap;
 * drop the groups that are over. */
static void groups_end(struct grouping *g, size_t cur, double now)
{
	struct etrack *tmp = g->tracks;
	size_t cap = g->tracks_cap;

	for (; cur < g->ntracks; cur++)
		track_leave(g, &g->tracks[cur]);
	g->tracks = g->next;
	g->tracks_cap = g->next_cap;
	g->ntracks = g->nnext;
	g->next = tmp;
	g->next_cap = cap;
	g->nnext = 0;
	groups_drop(g, now);
}

/* ---- names ------------------------------------------------------------- */

/* The systemd unit in a cgroup path: the deepest component ending in
 * .service or .scope (else .slice), else the whole path. */
static void cgroup_unit(const char *path, const char **out, size_t *len)
{
	static const char *const kinds[] = { ".service", ".scope", ".slice" };
	size_t plen = strlen(path);

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t klen = strlen(kinds[k]);
		const char *end = path + plen;

		while (end > path) {
			const char *slash = end - 1, *start;

			while (slash > path && *slash != '/')
				slash--;
			start = *slash == '/' ? slash + 1 : slash;
			if ((size_t)(end - start) > klen &&
			    !memcmp(end - klen, kinds[k], klen)) {
				*out = start;
				*len = (size_t)(end - start);
				return;
			}
			end = slash;
		}
	}
	*out = path;
	*len = plen;
}

/* The main grouping's name for process t, into e->name (sanitised). */
static void main_name(struct exporter *e, const struct task *t)
{
	const char *n = NULL;
	size_t len = 0;
	char num[24];

	sbuf_reset(&e->name);
	if (e->cfg.group_by == EXPORT_BY_RULES && e->cfg.rules) {
		if (export_rules_match(e->cfg.rules, t, &n)) {
			export_label_text(&e->name, n, strlen(n),
				EXPORT_NAME_MAX);
			return;
		}
		n = t->is_kthread ? "kthreads" : "other";
	} else if (t->is_kthread) {
		n = "kthreads";
	} else if (e->cfg.group_by == EXPORT_BY_USER) {
		if (t->user) {
			n = t->user;
		} else if (t->have & TASK_HAVE_UID) {
			snprintf(num, sizeof(num), "%u", (unsigned)t->uid);
			n = num;
		} else {
			n = "unknown";
		}
	} else if (e->cfg.group_by == EXPORT_BY_CGROUP) {
		if (t->have & TASK_HAVE_CGROUP)
			cgroup_unit(t->x->cgroup, &n, &len);
		else
			n = "unknown";
	} else {
		n = task_comm(t);
	}
	export_label_text(&e->name, n, len ? len : strlen(n),
		EXPORT_NAME_MAX);
}

/* ---- top-N ------------------------------------------------------------- */

static uint64_t res_value(const struct task *t, enum export_res r,
	long page_kib)
{
	switch (r) {
	case EXPORT_RES_CPU:
		return t->ticks_delta;
	case EXPORT_RES_RES:
		return task_rss_kib(t, page_kib);
	case EXPORT_RES_SWAP:
		return t->have & TASK_HAVE_STATUS ? t->x->status.vm_swap_kib : 0;
	case EXPORT_RES_PSS:
		return t->have & TASK_HAVE_ROLLUP ? t->x->rollup.pss_kib : 0;
	case EXPORT_RES_FDS:
		return t->have & TASK_HAVE_FDS ? t->x->nfds : 0;
	case EXPORT_RES_COUNT:
		break;
	}
	return 0;
}

/* qsort context (no globals): index and its key. */
struct ranked {
	uint64_t key;
	long idx;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Mark the top_n processes of s by the chosen resource in e->rank
 * (e->rank[i] = 1 when procs[i] is among them). */
static void top_mark(struct exporter *e, const struct snapshot *s)
{
	struct ranked *r;

	if (e->rank_cap < s->nprocs) {
		e->rank_cap = s->nprocs;
		e->rank = xreallocarray(e->rank, e->rank_cap, sizeof(*e->rank));
	}
	if (!s->nprocs)
		return;
	r = xreallocarray(NULL, s->nprocs, sizeof(*r));
	for (size_t i = 0; i < s->nprocs; i++) {
		r[i].key = res_value(&s->procs[i], e->cfg.top_res, s->page_kib);
		r[i].idx = (long)i;
		e->rank[i] = 0;
	}
	qsort(r, s->nprocs, sizeof(*r), ranked_cmp);
	for (size_t i = 0; i < s->nprocs && i < e->cfg.top_n; i++)
		if (r[i].key > 0)
			e->rank[r[i].idx] = 1;
	free(r);
}

void exporter_update(struct exporter *e, const struct snapshot *s)
{
	double now = (double)s->mono.tv_sec + s->mono.tv_nsec / 1e9;
	size_t cur = 0, tcur = 0;

	groups_begin(&e->main);
	if (e->cfg.top_n) {
		groups_begin(&e->top);
		top_mark(e, s);
	}
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct task *t = &s->procs[i];

		main_name(e, t);
		group_add(&e->main, &cur, t, s,
			group_get(&e->main, e->name.data, e->name.len, false));
		if (!e->cfg.top_n)
			continue;
		if (!e->rank[i]) {
			group_add(&e->top, &tcur, t, s,
				group_get(&e->top, "other", 5, false));
			continue;
		}
		sbuf_reset(&e->name);
		export_label_text(&e->name, task_comm(t),
			strlen(task_comm(t)), EXPORT_NAME_MAX);
		sbuf_addf(&e->name, "/%d", (int)t->pid);
		group_add(&e->top, &tcur, t, s,
			group_get(&e->top, e->name.data, e->name.len, true));
	}
	groups_end(&e->main, cur, now);
	if (e->cfg.top_n)
		groups_end(&e->top, tcur, now);
}
