/* screen_threads — every thread of one process: TID, state, CPU%, last
 * CPU, nice, context switches, faults, name.  Only that process's threads
 * (and their status files) are read, by every sample while the screen is
 * open (screen_ops.threads_of → collector_threads_of), so the previous
 * snapshot has them for thread CPU%; the other processes' threads are not
 * read unless H asks for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/columns.h"
#include "proctop/xalloc.h"
#include "screens.h"
#include "table.h"
#include "ui_core.h"
#include "ui_priv.h"

static const enum column_id thread_cols[] = {
	COL_TID, COL_STATE, COL_CPU, COL_TIME, COL_PROCESSOR, COL_NI,
	COL_NVCSW, COL_NIVCSW, COL_MINFLT, COL_MAJFLT, COL_COMM,
};
#define NTHREAD_COLS (sizeof(thread_cols) / sizeof(thread_cols[0]))

/* Index of column id in thread_cols, -1 if absent. */
static long sort_index(enum column_id id)
{
	for (size_t i = 0; i < NTHREAD_COLS; i++)
		if (thread_cols[i] == id)
			return (long)i;
	return -1;
}

/* Screen state: one per open thread screen (screen_ops.state_size). */
struct threads_state {
	struct view_key proc;        /* the process shown */
	bool have;                   /* a sample read its threads */
	int nsampled;                /* samples since the screen opened */
	pid_t sel_tid;               /* selected thread */
	enum column_id sort;         /* P, T, N, F6: one of thread_cols */
	bool desc;
	struct table tab;
	struct table_col hc[NTHREAD_COLS];   /* the header (for clicks) */
	const struct task **rows;    /* this frame's threads (borrowed) */
	size_t n, cap;
};

static struct threads_state *th_of(struct ui *ui)
{
	return ui_state(ui, SCREEN_THREADS);
}

static const struct task *threads_proc(const struct threads_state *th,
	const struct snapshot *snap);

/* Ask every sample for the shown process's threads and their status
 * files (context switches). */
static bool threads_of(struct ui *ui, struct view_key *proc, unsigned *need)
{
	*proc = th_of(ui)->proc;
	*need = NEED_THREAD_STATUS;
	return true;
}

static void threads_enter(struct ui *ui)
{
	struct threads_state *th = th_of(ui);

	ui_selected_process(ui, &th->proc);
	th->sel_tid = th->proc.pid;
	th->sort = COL_TID;
	/* opened on a thread row of the list (H): on that thread */
	if (ui->list.sel >= 0 && (size_t)ui->list.sel < ui->rows.n &&
	    ui->rows.rows[ui->list.sel].is_thread)
		th->sel_tid = ui->rows.rows[ui->list.sel].task->pid;
	th->tab = (struct table){ .sel = 0 };
	/* a recording has every thread; live, a sample that reads them
	 * starts now (one in flight did not ask for them) */
	th->have = ui_replaying(ui);
	if (!th->have)
		ui_request_fresh_sample(ui);
}

/* The first sample after opening may have been taken before the request
 * (complete, waiting to be shown): the one after it has the threads. */
static void threads_sampled(struct ui *ui)
{
	struct threads_state *th = th_of(ui);
	const struct task *p = threads_proc(th, ui->snap);

	th->nsampled++;
	if ((p && p->first_thread >= 0) || th->nsampled >= 2)
		th->have = true;
}

static void threads_leave(struct ui *ui)
{
	struct threads_state *th = th_of(ui);

	free(th->rows);
	th->rows = NULL;
	th->n = th->cap = 0;
}

static void rows_push(struct threads_state *th, const struct task *t)
{
	if (th->n == th->cap) {
		th->cap = th->cap ? th->cap * 2 : 64;
		th->rows = xreallocarray(th->rows, th->cap, sizeof(*th->rows));
	}
	th->rows[th->n++] = t;
}

/* The process shown in snap, or NULL when it has exited (or the pid was
 * reused). */
static const struct task *threads_proc(const struct threads_state *th,
	const struct snapshot *snap)
{
	long i = snapshot_find(snap, th->proc.pid);
	if (i < 0 || snap->procs[i].stat.starttime != th->proc.starttime)
		return NULL;
	return &snap->procs[i];
}

/* Gather the leader and every other thread of ui->snap into th->rows. */
static void threads_collect(struct ui *ui)
{
	struct threads_state *th = th_of(ui);
	const struct task *p = threads_proc(th, ui->snap);

	th->n = 0;
	if (!p)
		return;
	bool leader_listed = false;
	for (long k = 0; p->first_thread >= 0 && k < p->nthreads_listed; k++) {
		size_t i = (size_t)(p->first_thread + k);
		if (i >= ui->snap->nthreads)
			break;
		if (ui->snap->threads[i].pid == p->pid)
			leader_listed = true;
	}
	if (!leader_listed)
		rows_push(th, p);
	for (long k = 0; p->first_thread >= 0 && k < p->nthreads_listed; k++) {
		size_t i = (size_t)(p->first_thread + k);
		if (i >= ui->snap->nthreads)
			break;
		rows_push(th, &ui->snap->threads[i]);
	}
	view_sort_tasks(ui->snap, th->rows, th->n, th->sort, th->desc,
		ui->utf8);
	/* Keep the cursor on the same thread. */
	th->tab.sel = 0;
	for (size_t i = 0; i < th->n; i++)
		if (th->rows[i]->pid == th->sel_tid)
			th->tab.sel = (long)i;
	table_set_rows(&th->tab, (long)th->n);
}

static const struct task *threads_selected(struct ui *ui,
	struct view_key *key)
{
	struct threads_state *th = th_of(ui);
	const struct task *t = NULL;
	threads_collect(ui);
	if (th->tab.sel >= 0 && (size_t)th->tab.sel < th->n)
		t = th->rows[th->tab.sel];
	if (key)
		*key = ui_task_key(t);
	return t;
}

/* A table row callback's argument: the state and the snapshot drawn. */
struct threads_frame {
	const struct threads_state *th;
	const struct snapshot *snap;
};

static attr_t threads_row(struct ui *ui, long i, void *arg)
{
	const struct threads_frame *f = arg;
	struct column_ctx ctx = { .snap = f->snap, .utf8 = ui->utf8 };
	const struct task *t = f->th->rows[i];

	for (size_t c = 0; c < NTHREAD_COLS; c++) {
		enum column_id id = thread_cols[c];
		attr_t at = id == COL_STATE ?
			ui_attr(ui, ui_state_color(t->stat.state)) : 0;
		table_cell_task(ui, at, id, t, &ctx, f->th->hc[c].width,
			c == 0, c + 1 == NTHREAD_COLS);
	}
	return 0;
}

/* This frame's rows (the snapshot may be new). */
static void threads_prepare(struct ui *ui, const struct ui_rect *a)
{
	struct threads_state *th = th_of(ui);

	(void)a;
	threads_collect(ui);
	for (size_t c = 0; c < NTHREAD_COLS; c++) {
		const struct column *col = &columns_table[thread_cols[c]];
		th->hc[c] = (struct table_col){ col->header,
			columns_shown_width(thread_cols[c],
				thread_cols[c] == th->sort), col->left };
	}
}

static void threads_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct threads_state *th = th_of(ui);
	const struct task *p;
	char title[160], name[40];

	if (a->h <= 0 || a->w <= 0)
		return;
	p = threads_proc(th, snap);
	if (!p) {
		snprintf(title, sizeof(title), "Process %d has exited (Esc: back)",
			(int)th->proc.pid);
		ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_WARNING), title);
		return;
	}
	ui_sanitize(ui, name, sizeof(name), task_comm(p),
		strnlen(task_comm(p), TASK_COMM_MAX), 32);
	if (th->have)
		snprintf(title, sizeof(title), "Threads of %d (%s): %zu",
			(int)p->pid, name, th->n);
	else
		snprintf(title, sizeof(title), "Threads of %d (%s): reading%s",
			(int)p->pid, name, ui->utf8 ? "\u2026" : "...");
	ui_fill(ui, a->y, a->x, a->w, 0);
	ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_TITLE), title);
	if (a->h < 2)
		return;
	table_header(ui, &th->tab, a->y + 1, a->x, a->w, th->hc, NTHREAD_COLS,
		sort_index(th->sort), th->desc);
	struct ui_rect r = { a->y + 2, a->x, a->h - 2, a->w };
	struct threads_frame f = { th, snap };
	table_draw(ui, &th->tab, &r, threads_row, &f);
}

static bool threads_key(struct ui *ui, int key)
{
	struct threads_state *th = th_of(ui);

	threads_collect(ui);
	if (!table_key(&th->tab, key))
		return false;
	if (th->tab.sel >= 0 && (size_t)th->tab.sel < th->n)
		th->sel_tid = th->rows[th->tab.sel]->pid;
	ui->want_redraw = true;
	return true;
}

/* ---- sorting: P, T, N, I, F6 and a click on the header, as on the
 * process list ---------------------------------------------------------- */

static void sort_by(struct ui *ui, enum column_id id)
{
	struct threads_state *th = th_of(ui);

	th->sort = id;
	th->desc = columns_table[id].default_desc;
	threads_collect(ui);
	ui->want_redraw = true;
}

static void threads_key_sort(struct ui *ui, int key)
{
	sort_by(ui, key == 'P' ? COL_CPU : key == 'T' ? COL_TIME : COL_TID);
}

static void threads_key_invert(struct ui *ui, int key)
{
	struct threads_state *th = th_of(ui);

	(void)key;
	th->desc = !th->desc;
	threads_collect(ui);
	ui->want_redraw = true;
}

static void sort_menu_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (r->ok && r->choice >= 0 && (size_t)r->choice < NTHREAD_COLS &&
	    th_of(ui))
		sort_by(ui, thread_cols[r->choice]);
}

static void threads_key_sort_menu(struct ui *ui, int key)
{
	const char *items[NTHREAD_COLS];

	(void)key;
	for (size_t i = 0; i < NTHREAD_COLS; i++)
		items[i] = columns_table[thread_cols[i]].header;
	struct ui_dialog_req req = {
		.title = "Sort threads by", .items = items,
		.nitems = NTHREAD_COLS,
		.initial = sort_index(th_of(ui)->sort), .done = sort_menu_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

static void threads_click(struct ui *ui, int y, int x)
{
	struct threads_state *th = th_of(ui);

	threads_collect(ui);
	if (y == th->tab.y - 1) {          /* the header: sort by it */
		long c = table_col_at(&th->tab, th->hc, NTHREAD_COLS,
			ui->area.x, x);
		if (c < 0)
			return;
		if (thread_cols[c] == th->sort)
			threads_key_invert(ui, 0);
		else
			sort_by(ui, thread_cols[c]);
		return;
	}
	long i = table_row_at(&th->tab, y);
	if (i >= 0) {
		table_select(&th->tab, i);
		th->sel_tid = th->rows[i]->pid;
		ui->want_redraw = true;
	}
}

static const struct ui_fkey threads_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F6", "SortBy", KEY_F(6) },
	{ "F7", "Nice-", KEY_F(7) },
	{ "F8", "Nice+", KEY_F(8) }, { "F9", "Kill", KEY_F(9) },
	{ "Esc", "Back", 27 }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

/* The thread screen's own keys (then the moving keys and the process
 * keys it shares with the list). */
static const struct ui_key threads_keys[] = {
	{ 'g', "g", "Graphs of CPU, memory and swap in the header on / off", 0, list_key_graphs },
	{ KEY_F(6), "F6", "Sort threads by: choose a column", 0, threads_key_sort_menu },
	{ '<', "<", NULL, 0, threads_key_sort_menu },
	{ '>', ">", NULL, 0, threads_key_sort_menu },
	{ ',', ",", NULL, 0, threads_key_sort_menu },
	{ '.', ".", NULL, 0, threads_key_sort_menu },
	{ 'P', "P", "Sort by CPU%", 0, threads_key_sort },
	{ 'T', "T", "Sort by TIME+", 0, threads_key_sort },
	{ 'N', "N", "Sort by TID (the start order)", 0, threads_key_sort },
	{ 'I', "I", "Invert the sort order", 0, threads_key_invert },
	UI_KEYS_END
};

static const struct ui_key *const threads_keymap[] = {
	threads_keys, ui_move_keys, ui_hscroll_keys, ui_process_keys, NULL
};

const struct screen_ops screen_threads_ops = {
	.title = "Threads",
	.show_header = true,
	.fkeys = threads_fkeys,
	.enter = threads_enter,
	.prepare = threads_prepare,
	.threads_of = threads_of,
	.leave = threads_leave,
	.sampled = threads_sampled,
	.draw = threads_draw,
	.key = threads_key,
	.click = threads_click,
	.selected = threads_selected,
	.state_size = sizeof(struct threads_state),
	.keys = threads_keymap,
	.keys_section = "Thread screen",
};
