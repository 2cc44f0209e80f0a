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
#include "ui_core.h"

#define ESC 27
#define LABEL_W 20
#define VALUE_W 8

/* The swap users' sort keys and the table's columns. */
static const enum column_id sort_keys[] = {
	COL_SWAP, COL_RES, COL_RESSWAP, COL_PSS,
};
#define NSORT (sizeof(sort_keys) / sizeof(sort_keys[0]))
static const enum column_id swap_cols[] = {
	COL_PID, COL_USER, COL_SWAP, COL_RES, COL_RESSWAP, COL_PSS, COL_CMD,
};
#define NCOLS (sizeof(swap_cols) / sizeof(swap_cols[0]))

/* Screen state. */
static struct {
	long *idx;                 /* swap users, indices into ui->snap->procs */
	size_t n, cap;             /* cap: of idx, fill and tried */
	long *fill;                /* scratch: the rows whose PSS to read */
	unsigned char *tried;      /* per process of ui->snap: PSS read (or
	                              tried) since the last sample */
	size_t sort;               /* index into sort_keys */
	long sel, top;
	pid_t sel_pid;
	int rows_h, rows_y;
} me;

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
	size_t k = 0;

	for (size_t i = 0; i < n && k < me.cap; i++) {
		long p = idx[i];
		const uint32_t have = TASK_HAVE_STATM | TASK_HAVE_ROLLUP;
		if (p < 0 || (size_t)p >= me.cap || me.tried[p] ||
		    (ui->snap->procs[p].have & have) == have)
			continue;
		me.tried[p] = 1;
		me.fill[k++] = p;
	}
	if (k)
		collector_fill(ui->coll, ui->snap, me.fill, k, ROW_NEED);
}

/* Find the swap users in the current snapshot and sort them; statm and
 * PSS are read here for all of them only when the sort key needs one,
 * else draw_table reads them for the rows on screen.  new_sample:
 * ui->snap is a new one. */
static void memory_collect(struct ui *ui, bool new_sample)
{
	const struct snapshot *s = ui->snap;

	if (me.cap < s->nprocs + 1) {
		me.cap = s->nprocs + 64;
		free(me.idx);
		free(me.fill);
		free(me.tried);
		me.idx = xreallocarray(NULL, me.cap, sizeof(*me.idx));
		me.fill = xreallocarray(NULL, me.cap, sizeof(*me.fill));
		me.tried = xreallocarray(NULL, me.cap, sizeof(*me.tried));
		new_sample = true;
	}
	if (new_sample)
		memset(me.tried, 0, me.cap);
	me.n = memreport_swap_users(s, me.idx);
	if (me.n && (columns_table[sort_keys[me.sort]].need & ROW_NEED))
		fill_rows(ui, me.idx, me.n);
	view_sort_procs(s, me.idx, me.n, sort_keys[me.sort], true, ui->utf8);
	me.sel = 0;
	for (size_t i = 0; i < me.n; i++)
		if (s->procs[me.idx[i]].pid == me.sel_pid)
			me.sel = (long)i;
}

static void memory_enter(struct ui *ui)
{
	me.sel = me.top = 0;
	me.sel_pid = 0;
	memory_collect(ui, true);
}

static void memory_leave(struct ui *ui)
{
	free(me.idx);
	free(me.fill);
	free(me.tried);
	me.idx = me.fill = NULL;
	me.tried = NULL;
	me.n = me.cap = 0;
}

static void memory_sampled(struct ui *ui)
{
	memory_collect(ui, true);
}

/* "  label            12.3G" at (y, x), w columns. */
static void put_figure(struct ui *ui, int y, int x, int w, const char *label,
	uint64_t kib, const char *extra)
{
	char buf[128], num[32];

	ui_kib(num, sizeof(num), kib);
	snprintf(buf, sizeof(buf), "  %-*s%*s%s", LABEL_W, label, VALUE_W, num,
		extra ? extra : "");
	ui_put(ui, y, x, w, 0, buf);
}

/* Draw a section title and its figures from row *y; returns false when
 * the area is full. */
static bool put_section(struct ui *ui, int *y, int x, int w, int end,
	const char *title, const struct mem_figure *f, size_t n,
	const struct snapshot *s)
{
	char extra[64], pct[32];

	if (*y >= end)
		return false;
	ui_put(ui, (*y)++, x, w, ui_attr(ui, UC_METER_LABEL), title);
	for (size_t i = 0; i < n; i++) {
		if (*y >= end)
			return false;
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
		put_figure(ui, (*y)++, x, w, f[i].label, f[i].kib, extra);
	}
	return true;
}

static int put_rates(struct ui *ui, int y, int x, int w, int end)
{
	struct mem_rate r[MEMREPORT_NRATES];
	char buf[128], num[32];
	const struct snapshot *s = ui->snap;

	if (y >= end)
		return y;
	units_double(num, sizeof(num), s->interval_s, 1);
	snprintf(buf, sizeof(buf), "Per second (last %s s)", num);
	ui_put(ui, y++, x, w, ui_attr(ui, UC_METER_LABEL), buf);
	size_t n = memreport_rates(s, r);
	for (size_t i = 0; i < n && y < end; i++) {
		if (s->vm_rates.valid)
			units_double(num, sizeof(num), r[i].per_s, 1);
		else
			snprintf(num, sizeof(num), "-");
		snprintf(buf, sizeof(buf), "  %-*s%*s", LABEL_W, r[i].label,
			VALUE_W + 2, num);
		ui_put(ui, y++, x, w, (s->vm_rates.valid && r[i].per_s > 0 &&
			(!strcmp(r[i].key, "pswpout") ||
			 !strcmp(r[i].key, "oom_kill") ||
			 !strcmp(r[i].key, "pgscan_direct"))) ?
			ui_attr(ui, UC_WARNING) : 0, buf);
	}
	return y;
}

static void draw_table(struct ui *ui, int y, const struct ui_rect *a)
{
	struct column_ctx ctx = { .snap = ui->snap, .utf8 = ui->utf8 };
	attr_t ha = ui_attr(ui, UC_COLHEAD), hs = ui_attr(ui, UC_COLHEAD_SORT);
	char buf[96];
	int end = a->y + a->h;

	snprintf(buf, sizeof(buf), "Top swap users: %zu (sort: %s)", me.n,
		columns_table[sort_keys[me.sort]].header);
	ui_put(ui, y++, a->x, a->w, ui_attr(ui, UC_METER_LABEL), buf);
	if (y >= end)
		return;
	ui_line_begin(ui);
	for (size_t c = 0; c < NCOLS; c++) {
		const struct column *col = &columns_table[swap_cols[c]];
		size_t hw = strlen(col->header), cw = (size_t)col->width;
		attr_t at = swap_cols[c] == sort_keys[me.sort] ? hs : ha;
		if (c)
			ui_line_pad(ui, ha, 1);
		if (!col->left && hw < cw)
			ui_line_pad(ui, ha, cw - hw);
		ui_line_add(ui, at, col->header, hw);
		if (col->left && hw < cw && c + 1 < NCOLS)
			ui_line_pad(ui, ha, cw - hw);
	}
	ui_line_draw(ui, y++, a->x, a->w, 0, ha, 0, false);
	me.rows_y = y;
	me.rows_h = end - y;
	if (me.rows_h <= 0)
		return;
	if (!me.n) {
		ui_put(ui, y, a->x, a->w, ui_attr(ui, UC_DIM),
			"(no process has swapped-out memory)");
		return;
	}
	if (me.sel >= (long)me.n)
		me.sel = (long)me.n - 1;
	if (me.sel < me.top)
		me.top = me.sel;
	if (me.sel >= me.top + me.rows_h)
		me.top = me.sel - me.rows_h + 1;
	/* RES and PSS for the rows on screen only (all of them when the
	 * sort key needs them) */
	size_t shown = me.n - (size_t)me.top;
	if (shown > (size_t)me.rows_h)
		shown = (size_t)me.rows_h;
	fill_rows(ui, me.idx + me.top, shown);
	for (int r = 0; r < me.rows_h && me.top + r < (long)me.n; r++) {
		long i = me.top + r;
		const struct task *t = &ui->snap->procs[me.idx[i]];
		ui_line_begin(ui);
		for (size_t c = 0; c < NCOLS; c++) {
			enum column_id id = swap_cols[c];
			size_t cw = (size_t)columns_table[id].width;
			bool last = c + 1 == NCOLS;
			if (c)
				ui_line_pad(ui, 0, 1);
			sbuf_reset(&ui->frame);
			ctx.width = cw;
			columns_cell(id, t, &ctx, cw, last, &ui->frame);
			ui_line_add_untrusted(ui, 0, ui->frame.data,
				ui->frame.len);
		}
		bool sel = i == me.sel;
		ui_line_draw(ui, y + r, a->x, a->w, 0, 0,
			sel ? ui_attr(ui, UC_SELECTED) : 0, sel);
	}
}

static void memory_draw(struct ui *ui, const struct ui_rect *a)
{
	const struct snapshot *s = ui->snap;
	struct mem_figures f;
	char title[128], num[32];
	int end = a->y + a->h;

	if (a->h <= 0 || a->w <= 0)
		return;
	units_double(num, sizeof(num), ui_delay(ui), 1);
	snprintf(title, sizeof(title), "Memory and swap ("
		"refreshed every %s s)", num);
	ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_TITLE), title);
	memreport_figures(s, &f);

	/* Two columns when there is room, else one after the other. */
	int col_w = 2 + LABEL_W + VALUE_W + 22;
	bool two = a->w >= 2 * col_w;
	int lw = two ? col_w : a->w;
	int y = a->y + 1;
	put_section(ui, &y, a->x, lw, end, "Memory", f.mem, f.nmem, s);
	int ly = y;
	int rx = two ? a->x + col_w : a->x;
	int rw = two ? a->w - col_w : a->w;
	y = two ? a->y + 1 : y;
	if (s->sys.mem.swap_total) {
		put_section(ui, &y, rx, rw, end, "Swap", f.swap, f.nswap, s);
	} else if (y + 1 < end) {
		ui_put(ui, y++, rx, rw, ui_attr(ui, UC_METER_LABEL), "Swap");
		ui_put(ui, y++, rx, rw, ui_attr(ui, UC_DIM),
			"  no swap configured (SwapTotal 0)");
	}
	if (f.nzswap)
		put_section(ui, &y, rx, rw, end, "Zswap", f.zswap, f.nzswap, s);
	y = put_rates(ui, y, rx, rw, end);
	if (two && ly > y)
		y = ly;
	if (y + 1 < end)
		draw_table(ui, y + 1, a);
}

static void memory_select(long i)
{
	if (!me.n)
		return;
	if (i >= (long)me.n)
		i = (long)me.n - 1;
	if (i < 0)
		i = 0;
	me.sel = i;
}

static void sort_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (!r->ok || r->choice < 0 || (size_t)r->choice >= NSORT)
		return;
	me.sort = (size_t)r->choice;
	memory_collect(ui, false);
	ui->want_redraw = true;
}

static bool memory_key(struct ui *ui, int key)
{
	long page = me.rows_h > 1 ? me.rows_h - 1 : 1;

	switch (key) {
	case KEY_UP: memory_select(me.sel - 1); break;
	case KEY_DOWN: memory_select(me.sel + 1); break;
	case KEY_PPAGE: memory_select(me.sel - page); break;
	case KEY_NPAGE: memory_select(me.sel + page); break;
	case KEY_HOME: memory_select(0); break;
	case KEY_END: memory_select((long)me.n - 1); break;
	case 's':
		me.sort = (me.sort + 1) % NSORT;
		memory_collect(ui, false);
		break;
	case KEY_F(6): {
		const char *items[NSORT];
		for (size_t i = 0; i < NSORT; i++)
			items[i] = columns_table[sort_keys[i]].header;
		struct ui_dialog_req req = {
			.title = "Sort swap users by", .items = items,
			.nitems = NSORT, .initial = (long)me.sort,
			.done = sort_done,
		};
		ui_dialog_open(ui, DIALOG_MENU, &req);
		break;
	}
	default:
		return false;
	}
	if (me.n && me.sel < (long)me.n)
		me.sel_pid = ui->snap->procs[me.idx[me.sel]].pid;
	ui->want_redraw = true;
	return true;
}

static void memory_click(struct ui *ui, int y, int x)
{
	if (y >= me.rows_y && me.rows_y > 0) {
		memory_select(me.top + (y - me.rows_y));
		if (me.n)
			me.sel_pid = ui->snap->procs[me.idx[me.sel]].pid;
		ui->want_redraw = true;
	}
}

static const struct ui_fkey memory_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F6", "Sort", KEY_F(6) },
	{ "Esc", "Back", ESC }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

const struct screen_ops screen_memory_ops = {
	.title = "Memory and swap",
	.show_header = false,
	.fkeys = memory_fkeys,
	.need = memory_need,
	.enter = memory_enter,
	.leave = memory_leave,
	.draw = memory_draw,
	.key = memory_key,
	.sampled = memory_sampled,
	.click = memory_click,
};

void memory_key_open(struct ui *ui, int key)
{
	ui_open_screen(ui, SCREEN_MEMORY);
}
