/* screen_memory — system memory & swap: meminfo in a readable layout, swap
 * and zswap, vmstat rates per second over the last refresh, and the top
 * swap users (SWAP, RES, RES+SWAP, PSS), sortable.  The figures are the
 * same lines, in the same order, as `proctop -b --memory` (memreport.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/columns.h"
#include "proctop/memreport.h"
#include "proctop/units.h"
#include "proctop/view.h"
#include "proctop/xalloc.h"
#include "screen_memory.h"
#include "table.h"
#include "ui_core.h"

#define ESC 27
#define LABEL_W 20
#define VALUE_W 8
/* One half of the two-column layout. */
#define MEM_HALF_W (2 + LABEL_W + VALUE_W + 22)

/* The swap users' sort keys and the table's columns. */
static const enum column_id sort_keys[] = {
	COL_SWAP, COL_RES, COL_RESSWAP, COL_PSS,
};
#define NSORT (sizeof(sort_keys) / sizeof(sort_keys[0]))
static const enum column_id swap_cols[] = {
	COL_PID, COL_USER, COL_SWAP, COL_RES, COL_RESSWAP, COL_PSS, COL_CMD,
};
#define NCOLS (sizeof(swap_cols) / sizeof(swap_cols[0]))

/* Screen state (per instance: ui_state). */
struct memory_state {
	long *idx;                 /* swap users, indices into ui->snap->procs */
	size_t n, cap;             /* cap: of idx, fill and tried */
	long *fill;                /* scratch: the rows whose PSS to read */
	unsigned char *tried;      /* per process of ui->snap: PSS read (or
	                              tried) since the last sample */
	size_t sort;               /* index into sort_keys */
	pid_t sel_pid;
	struct table tab;          /* the whole screen: figures, then the
	                              swap users (it scrolls when it does
	                              not fit, e.g. at 80x24) */
	struct mem_line *lines;    /* this frame's lines */
	size_t nlines, lines_cap;
	long first_user;           /* line of the first swap user */
};

static struct memory_state *st(struct ui *ui)
{
	return ui_state(ui, SCREEN_MEMORY);
}

/* One line of the screen: text (in one or two halves), or a swap user. */
struct mem_line {
	char text[2][128];
	enum ui_color color[2];
	long user;                 /* index into idx, or -1 */
};

static unsigned memory_need(struct ui *ui)
{
	return NEED_STATUS;   /* VmSwap of every process */
}

/* What a swap user's row reads beyond the sample: RES from statm (exact,
 * as ps; stat (24) can lag), PSS from smaps_rollup (up to milliseconds
 * per large process). */
#define ROW_NEED (NEED_STATM | NEED_ROLLUP)

/* Read ROW_NEED for the listed swap users not read or tried since the
 * last sample. */
static void fill_rows(struct ui *ui, const long *idx, size_t n)
{
	struct memory_state *me = st(ui);
	size_t k = 0;

	for (size_t i = 0; i < n && k < me->cap; i++) {
		long p = idx[i];
		const uint32_t have = TASK_HAVE_STATM | TASK_HAVE_ROLLUP;
		if (p < 0 || (size_t)p >= me->cap || me->tried[p] ||
		    (ui->snap->procs[p].have & have) == have)
			continue;
		me->tried[p] = 1;
		me->fill[k++] = p;
	}
	ui_source_fill(ui, me->fill, k, ROW_NEED);
}

/* Find the swap users in the current snapshot and sort them; statm and
 * PSS are read here for all of them only when the sort key needs one,
 * else draw_table reads them for the rows on screen.  new_sample:
 * ui->snap is a new one. */
static void memory_collect(struct ui *ui, bool new_sample)
{
	struct memory_state *me = st(ui);
	const struct snapshot *s = ui->snap;

	if (me->cap < s->nprocs + 1) {
		me->cap = s->nprocs + 64;
		free(me->idx);
		free(me->fill);
		free(me->tried);
		me->idx = xreallocarray(NULL, me->cap, sizeof(*me->idx));
		me->fill = xreallocarray(NULL, me->cap, sizeof(*me->fill));
		me->tried = xreallocarray(NULL, me->cap, sizeof(*me->tried));
		new_sample = true;
	}
	if (new_sample)
		memset(me->tried, 0, me->cap);
	me->n = memreport_swap_users(s, me->idx);
	if (me->n && (columns_table[sort_keys[me->sort]].need & ROW_NEED))
		fill_rows(ui, me->idx, me->n);
	view_sort_procs(s, me->idx, me->n, sort_keys[me->sort], true, ui->utf8);
}

static void memory_enter(struct ui *ui)
{
	/* The state is zeroed: the cursor on the first line; the sort is
	 * the last opening's (at first SWAP). */
	st(ui)->sort = ui->remembered.memory_sort;
	memory_collect(ui, true);
}

static void memory_leave(struct ui *ui)
{
	struct memory_state *me = st(ui);

	ui->remembered.memory_sort = me->sort;
	free(me->idx);
	free(me->fill);
	free(me->tried);
	free(me->lines);
}

static void memory_sampled(struct ui *ui)
{
	memory_collect(ui, true);
}

/* Line *k of half h (0 left, 1 right): a new line when k is past the
 * end. */
static struct mem_line *line_at(struct memory_state *me, size_t k)
{
	if (k >= me->lines_cap) {
		me->lines_cap = k + 64;
		me->lines = xreallocarray(me->lines, me->lines_cap,
			sizeof(*me->lines));
	}
	while (me->nlines <= k) {
		struct mem_line *l = &me->lines[me->nlines++];
		l->text[0][0] = l->text[1][0] = '\0';
		l->color[0] = l->color[1] = UC_NORMAL;
		l->user = -1;
	}
	return &me->lines[k];
}

static void put_line(struct memory_state *me, size_t *k, int half,
	enum ui_color c, const char *text)
{
	struct mem_line *l = line_at(me, (*k)++);
	snprintf(l->text[half], sizeof(l->text[half]), "%s", text);
	l->color[half] = c;
}

/* "  label            12.3G". */
static void put_figure(struct memory_state *me, size_t *k, int half,
	const char *label, uint64_t kib, const char *extra)
{
	char buf[128], num[32];

	ui_kib(num, sizeof(num), kib);
	snprintf(buf, sizeof(buf), "  %-*s%*s%s", LABEL_W, label, VALUE_W, num,
		extra ? extra : "");
	put_line(me, k, half, UC_NORMAL, buf);
}

/* A section title and its figures from line *k of half. */
static void put_section(struct memory_state *me, size_t *k, int half,
	const char *title, const struct mem_figure *f, size_t n,
	const struct snapshot *s)
{
	char extra[64], pct[32];

	put_line(me, k, half, UC_METER_LABEL, title);
	for (size_t i = 0; i < n; i++) {
		extra[0] = '\0';
		if (!strcmp(f[i].key, "committed_as_kib") &&
		    s->sys.mem.commit_limit) {
			units_double(pct, sizeof(pct), 100.0 *
				(double)s->sys.mem.committed_as /
				(double)s->sys.mem.commit_limit, 1);
			snprintf(extra, sizeof(extra), "  %s%% of the limit",
				pct);
		}
		if (!strcmp(f[i].key, "used_kib") && !strcmp(title, "Memory") &&
		    s->sys.mem.mem_total) {
			units_double(pct, sizeof(pct), 100.0 *
				(double)f[i].kib /
				(double)s->sys.mem.mem_total, 1);
			snprintf(extra, sizeof(extra), "  %s%%", pct);
		}
		put_figure(me, k, half, f[i].label, f[i].kib, extra);
	}
}

static void put_rates(struct memory_state *me, size_t *k, int half,
	const struct snapshot *s)
{
	struct mem_rate r[MEMREPORT_NRATES];
	char buf[128], num[32];

	units_double(num, sizeof(num), s->interval_s, 1);
	snprintf(buf, sizeof(buf), "Per second (last %s s)", num);
	put_line(me, k, half, UC_METER_LABEL, buf);
	size_t n = memreport_rates(s, r);
	for (size_t i = 0; i < n; i++) {
		if (s->vm_rates.valid)
			units_double(num, sizeof(num), r[i].per_s, 1);
		else
			snprintf(num, sizeof(num), "-");
		snprintf(buf, sizeof(buf), "  %-*s%*s", LABEL_W, r[i].label,
			VALUE_W + 2, num);
		put_line(me, k, half, (s->vm_rates.valid && r[i].per_s > 0 &&
			(!strcmp(r[i].key, "pswpout") ||
			 !strcmp(r[i].key, "oom_kill") ||
			 !strcmp(r[i].key, "pgscan_direct"))) ?
			UC_WARNING : UC_NORMAL, buf);
	}
}

/* The screen's lines: the figures (in two halves side by side when
 * there is room), a blank line, the swap users' title and header, the
 * swap users. */
static void memory_lines(struct ui *ui, int w)
{
	struct memory_state *me = st(ui);
	const struct snapshot *s = ui->snap;
	struct mem_figures f;
	char buf[96];
	bool two = w >= 2 * MEM_HALF_W;
	size_t k = 0, left;

	me->nlines = 0;
	memreport_figures(s, &f);
	put_section(me, &k, 0, "Memory", f.mem, f.nmem, s);
	left = k;
	if (two)
		k = 0;
	int h = two ? 1 : 0;
	if (s->sys.mem.swap_total) {
		put_section(me, &k, h, "Swap", f.swap, f.nswap, s);
	} else {
		put_line(me, &k, h, UC_METER_LABEL, "Swap");
		put_line(me, &k, h, UC_DIM, "  no swap configured (SwapTotal 0)");
	}
	if (f.nzswap)
		put_section(me, &k, h, "Zswap", f.zswap, f.nzswap, s);
	put_rates(me, &k, h, s);
	if (k < left)
		k = left;
	put_line(me, &k, 0, UC_NORMAL, "");
	snprintf(buf, sizeof(buf), "Top swap users: %zu (sort: %s)", me->n,
		columns_table[sort_keys[me->sort]].header);
	put_line(me, &k, 0, UC_METER_LABEL, buf);
	/* the header line: drawn by memory_row with the table's header */
	line_at(me, k++)->user = -2;
	me->first_user = (long)k;
	if (!me->n)
		put_line(me, &k, 0, UC_DIM, "(no process has swapped-out memory)");
	for (size_t i = 0; i < me->n; i++)
		line_at(me, k++)->user = (long)i;
}

/* Width of swap-user column c (the sort column fits its mark). */
static size_t col_width(const struct memory_state *me, size_t c)
{
	return columns_shown_width(swap_cols[c],
		swap_cols[c] == sort_keys[me->sort]);
}

/* What memory_row gets. */
struct memory_row_arg {
	const struct memory_state *me;
	const struct snapshot *snap;
};

static attr_t memory_row(struct ui *ui, long i, void *arg)
{
	const struct memory_row_arg *ra = arg;
	const struct memory_state *me = ra->me;
	const struct mem_line *l = &me->lines[i];
	struct column_ctx ctx = { .snap = ra->snap, .utf8 = ui->utf8 };

	if (l->user == -2) {
		attr_t ha = ui_attr(ui, UC_COLHEAD);
		for (size_t c = 0; c < NCOLS; c++) {
			const struct column *col = &columns_table[swap_cols[c]];
			char label[32];
			bool sorted = swap_cols[c] == sort_keys[me->sort];
			size_t w = col_width(me, c);
			size_t len = table_sort_label(ui, label, sizeof(label),
				col->header, w, sorted, true);
			if (c)
				ui_line_pad(ui, ha, 1);
			table_cell(ui, sorted ? ui_attr(ui, UC_COLHEAD_SORT) :
				ha, label, len, w, col->left, c + 1 == NCOLS);
		}
		return 0;
	}
	if (l->user >= 0) {
		const struct task *t = &ra->snap->procs[me->idx[l->user]];
		for (size_t c = 0; c < NCOLS; c++)
			table_cell_task(ui, 0, swap_cols[c], t, &ctx,
				col_width(me, c), c == 0, c + 1 == NCOLS);
		return 0;
	}
	ui_line_add(ui, ui_attr(ui, l->color[0]), l->text[0],
		strlen(l->text[0]));
	if (l->text[1][0]) {
		size_t w = ui_line_width(ui);
		ui_line_pad(ui, 0, w < MEM_HALF_W ? MEM_HALF_W - w : 1);
		ui_line_add(ui, ui_attr(ui, l->color[1]), l->text[1],
			strlen(l->text[1]));
	}
	return 0;
}

static void memory_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct memory_state *me = st(ui);
	char title[128], num[32];

	if (a->h <= 0 || a->w <= 0)
		return;
	units_double(num, sizeof(num), ui_delay(ui), 1);
	snprintf(title, sizeof(title), ui_replaying(ui) ?
		"Memory and swap (recorded)" : "Memory and swap ("
		"refreshed every %s s)", num);
	ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_TITLE), title);
	struct ui_rect r = { a->y + 1, a->x, a->h - 1, a->w };
	struct memory_row_arg ra = { me, snap };
	table_draw(ui, &me->tab, &r, memory_row, &ra);
}

/* The lines of this frame, and RES and PSS of the swap users on screen
 * (all of them when the sort key needs them). */
static void memory_prepare(struct ui *ui, const struct ui_rect *a)
{
	struct memory_state *me = st(ui);

	if (a->h <= 0 || a->w <= 0)
		return;
	memory_lines(ui, a->w);
	/* the cursor stays on its swap user */
	for (size_t i = 0; me->sel_pid && i < me->n; i++)
		if (ui->snap->procs[me->idx[i]].pid == me->sel_pid)
			me->tab.sel = me->first_user + (long)i;
	me->tab.h = a->h - 1;
	table_set_rows(&me->tab, (long)me->nlines);
	long from = me->tab.top - me->first_user;
	long to = from + me->tab.h;
	if (from < 0)
		from = 0;
	if (to > (long)me->n)
		to = (long)me->n;
	if (from < to)
		fill_rows(ui, me->idx + from, (size_t)(to - from));
}

/* The swap user under the cursor, remembered by pid. */
static void memory_keep_sel(struct ui *ui)
{
	struct memory_state *me = st(ui);
	long u = me->tab.sel - me->first_user;
	if (u >= 0 && (size_t)u < me->n)
		me->sel_pid = ui->snap->procs[me->idx[u]].pid;
	else
		me->sel_pid = 0;
}

static void sort_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct memory_state *me = st(ui);

	if (!r->ok || r->choice < 0 || (size_t)r->choice >= NSORT)
		return;
	me->sort = (size_t)r->choice;
	memory_collect(ui, false);
	ui->want_redraw = true;
}

static bool memory_key(struct ui *ui, int key)
{
	struct memory_state *me = st(ui);

	if (table_key(&me->tab, key)) {
		memory_keep_sel(ui);
		ui->want_redraw = true;
		return true;
	}
	switch (key) {
	case 's':
		me->sort = (me->sort + 1) % NSORT;
		memory_collect(ui, false);
		break;
	case KEY_F(6): {
		const char *items[NSORT];
		for (size_t i = 0; i < NSORT; i++)
			items[i] = columns_table[sort_keys[i]].header;
		struct ui_dialog_req req = {
			.title = "Sort swap users by", .items = items,
			.nitems = NSORT, .initial = (long)me->sort,
			.done = sort_done,
		};
		ui_dialog_open(ui, DIALOG_MENU, &req);
		break;
	}
	default:
		return false;
	}
	ui->want_redraw = true;
	return true;
}

static void memory_click(struct ui *ui, int y, int x)
{
	struct memory_state *me = st(ui);
	long i = table_row_at(&me->tab, y);

	if (i >= 0) {
		table_select(&me->tab, i);
		memory_keep_sel(ui);
		ui->want_redraw = true;
	}
}

static const struct ui_fkey memory_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F6", "Sort", KEY_F(6) },
	{ "Esc", "Back", ESC }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

static const struct ui_key memory_keys[] = {
	{ KEY_F(6), "F6", "Sort by: choose a key", 0, NULL },
	{ 's', "s", "Next sort key", 0, NULL },
	UI_KEYS_END
};

static const struct ui_key *const memory_keymap[] = {
	ui_move_keys, memory_keys, NULL
};

const struct screen_ops screen_memory_ops = {
	.title = "Memory and swap",
	.show_header = false,
	.fkeys = memory_fkeys,
	.need = memory_need,
	.enter = memory_enter,
	.leave = memory_leave,
	.state_size = sizeof(struct memory_state),
	.prepare = memory_prepare,
	.draw = memory_draw,
	.key = memory_key,
	.sampled = memory_sampled,
	.click = memory_click,
	.keys = memory_keymap,
	.keys_section = "Memory screen",
};

void memory_key_open(struct ui *ui, int key)
{
	ui_open_screen(ui, SCREEN_MEMORY);
}
