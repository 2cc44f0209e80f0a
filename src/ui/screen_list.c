/* screen_list — the process list: column header, rows, selection, scroll,
 * and the selection / tag helpers other screens use. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proctop/columns.h"
#include "proctop/text.h"
#include "proctop/xalloc.h"
#include "list_layout.h"
#include "screens.h"
#include "table.h"
#include "ui_core.h"
#include "ui_priv.h"

struct list_state *list_state(struct ui *ui)
{
	return ui_state(ui, SCREEN_LIST);
}

struct view_key ui_task_key(const struct task *t)
{
	struct view_key k = { 0, 0 };
	if (t) {
		k.pid = t->pid;
		k.starttime = t->stat.starttime;
	}
	return k;
}

const struct task *ui_selected_process(struct ui *ui, struct view_key *key)
{
	const struct task *t = NULL;

	if (ui->list.sel >= 0 && (size_t)ui->list.sel < ui->rows.n) {
		const struct view_row *row = &ui->rows.rows[ui->list.sel];
		t = row->task;
		if (row->is_thread) {
			long p = t->parent;
			t = p >= 0 && (size_t)p < ui->snap->nprocs ?
				&ui->snap->procs[p] : NULL;
		}
	}
	if (key)
		*key = ui_task_key(t);
	return t;
}

const struct task *ui_selected_task(struct ui *ui, struct view_key *key)
{
	/* The selection is the topmost screen's that has one: a screen
	 * opened from the thread screen (details, strace...) acts on the
	 * selected thread. */
	for (size_t i = ui->depth; i-- > 0;) {
		const struct screen_ops *ops = ui_screens[ui->stack[i]];
		if (ops && ops->selected)
			return ops->selected(ui, key);
	}
	if (key)
		*key = ui_task_key(NULL);
	return NULL;
}

/* The list's selected row: a process, or a thread in H mode. */
static const struct task *list_selected(struct ui *ui, struct view_key *key)
{
	const struct task *t = NULL;

	if (ui->list.sel >= 0 && (size_t)ui->list.sel < ui->rows.n)
		t = ui->rows.rows[ui->list.sel].task;
	if (key)
		*key = ui_task_key(t);
	return t;
}

bool ui_tag_has(const struct ui *ui, struct view_key key)
{
	return view_keys_has(ui->tags, ui->ntags, key);
}

void ui_tag_set(struct ui *ui, struct view_key key, bool on)
{
	bool changed = on ? view_keys_add(&ui->tags, &ui->ntags,
			&ui->tags_cap, key)
		: view_keys_del(ui->tags, &ui->ntags, key);
	if (changed)
		ui->want_redraw = true;
}

void ui_tag_tree(struct ui *ui, long root)
{
	const struct snapshot *s = ui->snap;
	long i = root;
	/* Pre-order walk of the subtree through the child / sibling links;
	 * each process is entered once and left once.  The keys are
	 * appended, then sorted once: O(N log N). */
	size_t steps = 0, limit = 2 * s->nprocs + 2;
	while (i >= 0 && (size_t)i < s->nprocs && steps++ < limit) {
		view_keys_push(&ui->tags, &ui->ntags, &ui->tags_cap,
			ui_task_key(&s->procs[i]));
		if (s->procs[i].first_child >= 0) {
			i = s->procs[i].first_child;
			continue;
		}
		while (i >= 0 && i != root && s->procs[i].next_sibling < 0 &&
		       steps++ < limit)
			i = s->procs[i].parent;
		if (i < 0 || i == root)
			break;
		i = s->procs[i].next_sibling;
	}
	view_keys_sort(ui->tags, &ui->ntags);
	ui->want_redraw = true;
}

void ui_tag_clear(struct ui *ui)
{
	ui->ntags = 0;
	ui->want_redraw = true;
}

/* ---- layout ----------------------------------------------------------- */

/* Work out which columns fit (called before every draw). */
static void list_layout(struct ui *ui, struct list_state *ls)
{
	bool no_swap = !ui->have_sample || ui->snap->sys.mem.swap_total == 0;

	list_layout_build(&ls->lay, ui->cols, ui->ncols,
		(size_t)(ui->scr_w > 0 ? ui->scr_w : 0),
		view_sort_key(&ui->vs), no_swap);
}

static size_t col_width(const struct ui *ui, const struct list_state *ls,
	size_t i, size_t used)
{
	return list_layout_width(&ls->lay, i, used,
		(size_t)(ui->scr_w > 0 ? ui->scr_w : 0) + ui->list.hscroll);
}

static void list_header(struct ui *ui, struct list_state *ls, int y, int x,
	int w)
{
	size_t used = 0;
	long sort = -1;

	for (size_t i = 0; i < ls->lay.n; i++) {
		const struct column *c = &columns_table[ls->lay.ids[i]];
		size_t cw = col_width(ui, ls, i, used);
		ls->cols[i] = (struct table_col){ c->header, cw, c->left };
		if (ls->lay.ids[i] == view_sort_key(&ui->vs))
			sort = (long)i;
		used += cw + (i ? 1 : 0);
	}
	table_header(ui, &ui->list, y, x, w, ls->cols, ls->lay.n, sort,
		view_sort_desc(&ui->vs));
}

/* With m (merged command): the executable's base name and a separator
 * before the command line, when argv[0] (cmd[0..arg0), its base name from
 * base) does not name it (a renamed argv[0], an interpreter running a
 * script).  Returns the display columns added. */
static size_t add_exe_name(struct ui *ui, const struct task *t,
	const char *cmd, size_t base, size_t arg0)
{
	if (!ui->settings.merged_command || !t->exe)
		return 0;
	const char *slash = strrchr(t->exe, '/');
	const char *name = slash ? slash + 1 : t->exe;
	size_t n = strlen(name);
	if (n > 10 && !strcmp(name + n - 10, " (deleted)"))
		n -= 10;
	if (!n || (n == arg0 - base && !memcmp(name, cmd + base, n)))
		return 0;
	size_t before = ui_line_width(ui);
	ui_line_add_untrusted(ui, ui_attr(ui, UC_BASENAME), name, n);
	ui_line_add(ui, ui_attr(ui, UC_DIM), ui->utf8 ? "\u2502" : "|",
		ui->utf8 ? 3 : 1);
	return ui_line_width(ui) - before;
}

/* The command cell: tree prefix and markers (when `tree`), then the
 * cmdline with the program's basename highlighted (its path shown with
 * p, the executable's name first with m), [kthread], or comm
 * <defunct>. */
static void add_command(struct ui *ui, const struct snapshot *snap,
	const struct view_row *row, bool full_cmd, bool tree)
{
	const struct task *t = row->task;
	const char *comm = task_comm(t);
	size_t comm_len = strnlen(comm, TASK_COMM_MAX);
	attr_t norm = ui_attr(ui, UC_NORMAL);

	if (tree && (ui->vs.tree || row->depth)) {
		sbuf_reset(&ui->frame);
		view_tree_prefix(row, ui->utf8, &ui->frame);
		ui_line_add(ui, ui_attr(ui, UC_DIM), ui->frame.data,
			ui->frame.len);
		/* The view also marks roots whose parent is only filtered
		 * out; "orphan" here means the parent is gone. */
		if (row->orphan && ui->vs.tree && !t->is_thread &&
		    snapshot_find(snap, t->stat.ppid) < 0)
			ui_line_add(ui, ui_attr(ui, UC_ORPHAN), "~", 1);
		if (row->collapsed)
			ui_line_add(ui, ui_attr(ui, UC_ORPHAN), "+", 1);
	}
	if (t->is_kthread) {
		attr_t a = ui_attr(ui, UC_KTHREAD);
		ui_line_add(ui, a, "[", 1);
		ui_line_add_untrusted(ui, a, comm, comm_len);
		ui_line_add(ui, a, "]", 1);
		return;
	}
	if (t->stat.state == 'Z' || t->stat.state == 'X') {
		ui_line_add_untrusted(ui, ui_attr(ui, UC_BASENAME), comm,
			comm_len);
		ui_line_add(ui, ui_attr(ui, UC_STATE_BAD), " <defunct>", 10);
		return;
	}
	if (t->is_thread || !full_cmd || !t->cmdline || !t->cmdline_len) {
		ui_line_add_untrusted(ui, ui_attr(ui, t->is_thread ? UC_THREAD :
			UC_BASENAME), comm, comm_len);
		return;
	}
	const char *cmd = t->cmdline;
	size_t len = t->cmdline_len;
	size_t arg0 = 0;
	while (arg0 < len && cmd[arg0] != ' ')
		arg0++;
	size_t base = arg0;
	while (base > 0 && cmd[base - 1] != '/')
		base--;
	/* p off: argv[0]'s base name only */
	size_t from = ui->settings.program_path ? 0 : base;
	add_exe_name(ui, t, cmd, base, arg0);
	/* Convert only what can be seen (a command line can be ~390 KiB). */
	size_t seen = ui_line_width(ui);
	size_t budget = ui->list.hscroll + TABLE_HSTEP +
		(size_t)(ui->scr_w > 0 ? ui->scr_w : 0);
	budget = budget > seen ? budget - seen : 0;
	size_t before = ui_line_width(ui);
	ui_line_add_untrusted_max(ui, norm, cmd + from, base - from, budget);
	size_t used = ui_line_width(ui) - before;
	ui_line_add_untrusted_max(ui, ui_attr(ui, UC_BASENAME), cmd + base,
		arg0 - base, budget > used ? budget - used : 0);
	used = ui_line_width(ui) - before;
	ui_line_add_untrusted_max(ui, norm, cmd + arg0, len - arg0,
		budget > used ? budget - used : 0);
}

/* What list_row gets. */
struct list_row_arg {
	const struct list_state *ls;
	const struct snapshot *snap;
};

static attr_t list_row(struct ui *ui, long r, void *arg)
{
	const struct list_row_arg *ra = arg;
	const struct list_state *ls = ra->ls;
	struct column_ctx ctx = { .snap = ra->snap, .utf8 = ui->utf8 };
	const struct view_row *row = &ui->rows.rows[r];
	const struct task *t = row->task;

	for (size_t i = 0; i < ls->lay.n; i++) {
		enum column_id id = ls->lay.ids[i];
		size_t cw = ls->cols[i].width;
		bool last = i + 1 == ls->lay.n;
		if (list_layout_is_cmd(id)) {
			if (i)
				ui_line_pad(ui, 0, 1);
			size_t before = ui_line_width(ui);
			add_command(ui, ra->snap, row, id == COL_CMD,
				i == ls->lay.tree_col);
			size_t wd = ui_line_width(ui) - before;
			if (!last && wd > cw && cw > 1) {
				/* Bounded: later columns stay visible. */
				const char *mark = text_cut_mark(ui->utf8);
				ui_line_cut(ui, before + cw - 1);
				ui_line_add(ui, 0, mark, strlen(mark));
			} else if (!last && wd < cw) {
				ui_line_pad(ui, 0, cw - wd);
			}
			continue;
		}
		attr_t a = 0;
		if (id == COL_STATE)
			a = ui_attr(ui, ui_state_color(t->stat.state));
		else if (row->is_thread && (id == COL_PID || id == COL_TID))
			a = ui_attr(ui, UC_THREAD);
		table_cell_task(ui, a, id, t, &ctx, cw, i == 0, last);
	}
	if (ui->ntags && ui_tag_has(ui, ui_task_key(t)))
		return ui_attr(ui, UC_TAGGED);
	return 0;
}

/* The -p pids as "1,2,3" (at most ~max bytes, "..." when cut). */
static void pids_text(const struct ui *ui, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ui->vs.npids; i++) {
		int w = snprintf(buf + n, size - n, "%s%d", i ? "," : "",
			(int)ui->vs.pids[i]);
		if (w < 0 || (size_t)w >= size - n) {
			if (size > 4)
				snprintf(buf + size - 4, 4, "...");
			return;
		}
		n += (size_t)w;
	}
}

/* The active filters on one line ("Filter: sleep  User: nobody  Pids:
 * 1,2  (Esc clears)"); false (nothing drawn) when there are none. */
static bool list_filters_line(struct ui *ui, const struct list_state *ls,
	int y, int x, int w)
{
	attr_t lab = ui_attr(ui, UC_METER_LABEL), txt = ui_attr(ui, UC_NORMAL);
	char pids[128];

	if (!ui->filter[0] && !ui->vs.has_uid && !ui->vs.npids)
		return false;
	ui_line_begin(ui);
	if (ui->filter[0]) {
		ui_line_add(ui, lab, "Filter: ", 8);
		ui_line_add_untrusted(ui, txt, ui->filter, strlen(ui->filter));
		ui_line_pad(ui, 0, 2);
	}
	if (ui->vs.has_uid) {
		const char *name = ls->user_name;
		char num[24];
		if (!name) {
			snprintf(num, sizeof(num), "%u", (unsigned)ui->vs.uid);
			name = num;
		}
		ui_line_add(ui, lab, "User: ", 6);
		ui_line_add_untrusted(ui, txt, name, strlen(name));
		ui_line_pad(ui, 0, 2);
	}
	if (ui->vs.npids) {
		pids_text(ui, pids, sizeof(pids));
		ui_line_add(ui, lab, "Pids: ", 6);
		ui_line_add(ui, txt, pids, strlen(pids));
		ui_line_pad(ui, 0, 2);
	}
	if (ui->filter[0] || ui->vs.has_uid)
		ui_line_add(ui, ui_attr(ui, UC_DIM), "(Esc clears)", 12);
	ui_line_draw(ui, y, x, w, 0, 0, 0, false);
	return true;
}

static void list_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *area)
{
	struct list_state *ls = list_state(ui);
	struct ui_rect rect = *area;
	const struct ui_rect *a = &rect;

	if (a->h <= 0 || a->w <= 0)
		return;
	/* The filters line takes a row only while filters are active. */
	if (a->h > 2 && list_filters_line(ui, ls, a->y, a->x, a->w)) {
		rect.y++;
		rect.h--;
	}
	list_header(ui, ls, a->y, a->x, a->w);
	if (!ui->have_sample) {
		ui_put(ui, a->y + 1, a->x, a->w, 0, ui_replaying(ui) ?
			"No sample (damaged): move in time" :
			"Reading processes...");
		return;
	}
	if (!ui->rows.n && a->h > 1) {
		char msg[192];
		if (ui->filter[0] || ui->vs.has_uid) {
			snprintf(msg, sizeof(msg), "No process matches "
				"(Esc clears the filter)");
		} else if (ui->vs.npids) {
			char pids[128];
			pids_text(ui, pids, sizeof(pids));
			snprintf(msg, sizeof(msg), "No processes: no process "
				"has pid %s (-p)", pids);
		} else {
			snprintf(msg, sizeof(msg), "No processes");
		}
		ui_put(ui, a->y + 1, a->x, a->w, ui_attr(ui, UC_DIM), msg);
		return;
	}
	struct ui_rect r = { a->y + 1, a->x, a->h - 1, a->w };
	struct list_row_arg ra = { ls, snap };
	table_draw(ui, &ui->list, &r, list_row, &ra);
}

/* The rows list_draw will show: a row under the header, and one for the
 * filters line while filters are active. */
static int list_rows_shown(const struct ui *ui, const struct ui_rect *a)
{
	bool filters = ui->filter[0] || ui->vs.has_uid || ui->vs.npids;
	int h = a->h - 1 - (a->h > 2 && filters ? 1 : 0);
	return h > 0 ? h : 0;
}

/* The columns at this width, the name of the user filtered on, and the
 * expensive files of the rows on screen (only those). */
static void list_prepare(struct ui *ui, const struct ui_rect *a)
{
	struct list_state *ls = list_state(ui);

	if (a->h <= 0 || a->w <= 0)
		return;
	list_layout(ui, ls);
	ls->user_name = ui->vs.has_uid ? ui_user_name(ui, ui->vs.uid) : NULL;
	if (!ui->have_sample)
		return;
	ui->list.h = list_rows_shown(ui, a);
	table_set_rows(&ui->list, (long)ui->rows.n);
	ui_fill_rows(ui, (size_t)ui->list.top, (size_t)ui->list.h);
}

/* ---- keys and mouse --------------------------------------------------- */

void list_select(struct ui *ui, long row)
{
	if (!ui->rows.n)
		return;
	table_set_rows(&ui->list, (long)ui->rows.n);
	table_select(&ui->list, row);
	ui->sel = ui_task_key(ui->rows.rows[ui->list.sel].task);
	ui->sel_moved = true;
	ui->want_redraw = true;
}

void list_move(struct ui *ui, long delta)
{
	list_select(ui, ui->list.sel + delta);
}

/* Digits typed within a second of each other form a pid. */
static void list_jump_digit(struct ui *ui, int key)
{
	struct list_state *ls = list_state(ui);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Any other key between two digits ends the pid. */
	if (now.tv_sec - ls->jump.last.tv_sec > 1 ||
	    ls->jump.key + 1 != ui->nkeys)
		ls->jump.ndigits = 0;
	ls->jump.last = now;
	ls->jump.key = ui->nkeys;
	if (ls->jump.ndigits + 1 >= sizeof(ls->jump.digits))
		ls->jump.ndigits = 0;
	ls->jump.digits[ls->jump.ndigits++] = (char)key;
	ls->jump.digits[ls->jump.ndigits] = '\0';
	long pid = strtol(ls->jump.digits, NULL, 10);
	long prefix = -1;
	for (size_t i = 0; i < ui->rows.n; i++) {
		pid_t p = ui->rows.rows[i].task->pid;
		if (p == pid) {
			list_select(ui, (long)i);
			ui_message(ui, "Go to pid %ld", pid);
			return;
		}
		if (prefix < 0) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%d", (int)p);
			if (!strncmp(buf, ls->jump.digits, ls->jump.ndigits))
				prefix = (long)i;
		}
	}
	if (prefix >= 0)
		list_select(ui, prefix);
	ui_message(ui, "Go to pid %s%s", ls->jump.digits,
		prefix >= 0 ? "...  (more digits; any other key ends it)" :
		": no such process shown");
}

static bool list_key(struct ui *ui, int key)
{
	if (key >= '0' && key <= '9') {
		list_jump_digit(ui, key);
		return true;
	}
	table_set_rows(&ui->list, (long)ui->rows.n);
	if (!table_key(&ui->list, key))
		return false;
	if (key != KEY_LEFT && key != KEY_RIGHT)
		list_select(ui, ui->list.sel);
	ui->want_redraw = true;
	return true;
}

static void list_click(struct ui *ui, int y, int x)
{
	const struct list_state *ls = list_state(ui);

	if (y < ui->list.y - 1)
		return;
	if (y == ui->list.y - 1) {
		/* Header: which column is under x (after the scroll)? */
		long i = table_col_at(&ui->list, ls->cols, ls->lay.n,
			ui->area.x, x);
		if (i < 0)
			return;
		if (ls->lay.ids[i] == view_sort_key(&ui->vs))
			list_key_sort_invert(ui, 0);
		else
			list_sort_by(ui, ls->lay.ids[i]);
		return;
	}
	long i = table_row_at(&ui->list, y);
	if (i >= 0)
		list_select(ui, i);
}

/* A new snapshot: forget folds and tags of processes that are gone, so the
 * sets stay as small as the process table. */
static void list_sampled(struct ui *ui)
{
	view_keys_prune(ui->collapsed, &ui->ncollapsed, ui->snap);
	view_keys_prune(ui->tags, &ui->ntags, ui->snap);
	ui->vs.collapsed = ui->collapsed;
	ui->vs.ncollapsed = ui->ncollapsed;
}

static const struct ui_fkey list_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F2", "Setup", KEY_F(2) },
	{ "F3", "Search", KEY_F(3) }, { "F4", "Filter", KEY_F(4) },
	{ "F5", "Tree", KEY_F(5) }, { "F6", "SortBy", KEY_F(6) },
	{ "F7", "Nice-", KEY_F(7) }, { "F8", "Nice+", KEY_F(8) },
	{ "F9", "Kill", KEY_F(9) }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

const struct screen_ops screen_list_ops = {
	.title = "Processes",
	.state_size = sizeof(struct list_state),
	.selected = list_selected,
	.uses_tags = true,
	.prepare = list_prepare,
	.show_header = true,
	.fkeys = list_fkeys,
	.draw = list_draw,
	.sampled = list_sampled,
	.key = list_key,
	.click = list_click,
	.keys = list_keymap,
	.keys_section = "Process list",
};
