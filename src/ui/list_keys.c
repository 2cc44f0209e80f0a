/* list_keys — the process list's key table and its handlers: tree,
 * threads, sort, search, filter, user filter. */
#include <stdio.h>
#include <string.h>

#include "proctop/columns.h"
#include "proctop/xalloc.h"
#include "screens.h"
#include "ui_core.h"
#include "ui_priv.h"
#include "actions_ui.h"
#include "screen_map.h"
#include "screen_memory.h"

/* The row the search started from, now. */
static long search_origin_row(struct ui *ui)
{
	const struct list_state *ls = list_state(ui);
	long r = ls->search_origin.key.pid > 0 ?
		view_find(&ui->rows, ls->search_origin.key) : -1;

	return r >= 0 ? r : ls->search_origin.row;
}

/* F, as in htop: the selection follows the selected process from now on
 * (moving the selection follows the process it moves to). */
void list_key_follow(struct ui *ui, int key)
{
	if (!ui->rows.n)
		return;
	list_select(ui, ui->list.sel);
	ui_message(ui, "Following PID %d: the selection stays on it as the "
		"list changes", (int)ui->sel.pid);
}

void list_key_thread_screen(struct ui *ui, int key)
{
	if (!ui_selected_process(ui, NULL)) {
		ui_message(ui, "No process selected");
		return;
	}
	ui_open_screen(ui, SCREEN_THREADS);
}

/* Flip a saved display setting and say what it is now. */
static void toggle_setting(struct ui *ui, bool *flag, const char *on,
	const char *off)
{
	*flag = !*flag;
	ui_settings_changed(ui);
	ui_message(ui, "%s", *flag ? on : off);
}

void list_key_program_path(struct ui *ui, int key)
{
	toggle_setting(ui, &ui->settings.program_path,
		"Command: the program with its path",
		"Command: the program's name without its path");
}

void list_key_merged(struct ui *ui, int key)
{
	toggle_setting(ui, &ui->settings.merged_command,
		"Command: the executable's name first when argv[0] differs",
		"Command: the command line only");
}

void list_key_graphs(struct ui *ui, int key)
{
	toggle_setting(ui, &ui->settings.graphs,
		"Header: graphs of the last samples on",
		"Header: graphs off");
}

void list_key_tree(struct ui *ui, int key)
{
	ui->vs.tree = !ui->vs.tree;
	ui->settings.tree = ui->vs.tree;
	ui_settings_changed(ui);
	ui_request_rebuild(ui);
	/* the tree has its own sort key, which may need more files */
	if (columns_table[view_sort_key(&ui->vs)].need & ~ui->sampled_need)
		ui_request_sample(ui);
}

/* The folding keys work in the tree view: false (and a hint) outside. */
static bool in_tree(struct ui *ui)
{
	if (!ui->vs.tree)
		ui_message(ui, "Subtrees fold in the tree view (t)");
	return ui->vs.tree;
}

/* The selected row in the tree view, or NULL (with the hint outside). */
static const struct view_row *tree_selected_row(struct ui *ui)
{
	if (!in_tree(ui) || ui->list.sel < 0 ||
	    (size_t)ui->list.sel >= ui->rows.n)
		return NULL;
	return &ui->rows.rows[ui->list.sel];
}

void list_key_collapse(struct ui *ui, int key)
{
	const struct view_row *row = tree_selected_row(ui);

	if (!row)
		return;
	struct view_key k = ui_task_key(row->task);
	if (!view_keys_del(ui->collapsed, &ui->ncollapsed, k) &&
	    row->has_children)
		view_keys_add(&ui->collapsed, &ui->ncollapsed,
			&ui->collapsed_cap, k);
	ui_request_rebuild(ui);
}

/* Del (htop's "collapse into parent"): fold the subtree the selected
 * row is in and select its root. */
void list_key_collapse_parent(struct ui *ui, int key)
{
	const struct view_row *row = tree_selected_row(ui);

	if (!row)
		return;
	long p = row->task->parent;
	if (p < 0 || (size_t)p >= ui->snap->nprocs)
		return;
	struct view_key k = ui_task_key(&ui->snap->procs[p]);
	long r = view_find(&ui->rows, k);
	if (r < 0)
		return;
	view_keys_add(&ui->collapsed, &ui->ncollapsed, &ui->collapsed_cap, k);
	list_select(ui, r);
	ui_request_rebuild(ui);
}

/* #, as in htop: hide / show the meters above the list. */
void list_key_hide_meters(struct ui *ui, int key)
{
	ui->hide_meters = !ui->hide_meters;
	ui->want_redraw = true;
}

void list_key_collapse_all(struct ui *ui, int key)
{
	if (!in_tree(ui))
		return;
	if (ui->ncollapsed) {
		ui->ncollapsed = 0;
	} else {
		/* Append, then sort once: O(P log P). */
		for (size_t i = 0; i < ui->rows.n; i++)
			if (ui->rows.rows[i].has_children)
				view_keys_push(&ui->collapsed, &ui->ncollapsed,
					&ui->collapsed_cap,
					ui_task_key(ui->rows.rows[i].task));
		view_keys_sort(ui->collapsed, &ui->ncollapsed);
	}
	ui_request_rebuild(ui);
}

void list_key_threads(struct ui *ui, int key)
{
	ui->vs.threads = !ui->vs.threads;
	ui->settings.threads = ui->vs.threads;
	ui_settings_changed(ui);
	ui_request_sample(ui);
	ui_message(ui, ui->vs.threads ? "Showing user threads" :
		"Hiding user threads");
}

void list_key_kthreads(struct ui *ui, int key)
{
	ui->vs.hide_kthreads = !ui->vs.hide_kthreads;
	ui->settings.hide_kthreads = ui->vs.hide_kthreads;
	ui_settings_changed(ui);
	ui_request_rebuild(ui);
	ui_message(ui, ui->vs.hide_kthreads ? "Hiding kernel threads" :
		"Showing kernel threads");
}

void list_sort_by(struct ui *ui, enum column_id id)
{
	if ((unsigned)id >= COL_COUNT)
		return;
	/* In the tree view the keys set the tree's own order. */
	bool tree = ui->vs.tree;
	*(tree ? &ui->vs.tree_sort_key : &ui->vs.sort_key) = id;
	*(tree ? &ui->settings.tree_sort_key : &ui->settings.sort_key) = id;
	bool desc = columns_table[id].default_desc;
	*(tree ? &ui->vs.tree_sort_desc : &ui->vs.sort_desc) = desc;
	*(tree ? &ui->settings.tree_sort_desc : &ui->settings.sort_desc) = desc;
	ui_settings_changed(ui);
	/* A sort key beyond stat must be read for every process. */
	if (columns_table[id].need & ~ui->sampled_need)
		ui_request_sample(ui);
	ui_request_rebuild(ui);
}

static void sort_menu_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (r->ok && r->choice >= 0 && r->choice < COL_COUNT)
		list_sort_by(ui, (enum column_id)r->choice);
}

void list_key_sort_menu(struct ui *ui, int key)
{
	const char *items[COL_COUNT];
	char labels[COL_COUNT][48];

	for (size_t i = 0; i < COL_COUNT; i++) {
		snprintf(labels[i], sizeof(labels[i]), "%-9s %s",
			columns_table[i].header, columns_table[i].key);
		items[i] = labels[i];
	}
	struct ui_dialog_req req = {
		.title = "Sort by", .items = items, .nitems = COL_COUNT,
		.initial = view_sort_key(&ui->vs), .done = sort_menu_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

void list_key_sort(struct ui *ui, int key)
{
	list_sort_by(ui, key == 'P' ? COL_CPU : key == 'M' ? COL_MEM :
		key == 'T' ? COL_TIME : COL_PID);
}

void list_key_sort_invert(struct ui *ui, int key)
{
	bool desc = !view_sort_desc(&ui->vs);
	*(ui->vs.tree ? &ui->vs.tree_sort_desc : &ui->vs.sort_desc) = desc;
	*(ui->vs.tree ? &ui->settings.tree_sort_desc :
		&ui->settings.sort_desc) = desc;
	ui_settings_changed(ui);
	ui_request_rebuild(ui);
}

/* Select the first row at or after `from` (wrapping) matching the search. */
static bool search_from(struct ui *ui, long from)
{
	struct list_state *ls = list_state(ui);
	size_t n = ui->rows.n;

	if (!ls->search[0] || !n)
		return false;
	if (from < 0 || (size_t)from >= n)
		from = 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = ((size_t)from + k) % n;
		if (view_matches(ui->rows.rows[i].task, ls->search)) {
			list_select(ui, (long)i);
			return true;
		}
	}
	return false;
}

static void search_changed(struct ui *ui, const char *text, void *arg)
{
	struct list_state *ls = list_state(ui);

	snprintf(ls->search, sizeof(ls->search), "%s", text);
	ui_dialog_note(ui, ls->search[0] &&
		!search_from(ui, search_origin_row(ui)) ?
		"no match" : "");
}

/* F3 while typing: the next match. */
static bool search_prompt_key(struct ui *ui, int key, void *arg)
{
	struct list_state *ls = list_state(ui);

	if (key != KEY_F(3))
		return false;
	ui_dialog_note(ui, ls->search[0] &&
		!search_from(ui, ui->list.sel + 1) ? "no match" : "");
	return true;
}

static void search_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct list_state *ls = list_state(ui);

	if (!r->ok) {
		/* Esc: the search is cancelled and forgotten. */
		ls->search[0] = '\0';
		long o = search_origin_row(ui);
		if (o >= 0 && (size_t)o < ui->rows.n)
			list_select(ui, o);
		return;
	}
	snprintf(ls->search, sizeof(ls->search), "%s", r->text);
}

void list_key_search(struct ui *ui, int key)
{
	struct list_state *ls = list_state(ui);

	ui_recheck_cmdlines(ui);
	ls->search_origin.row = ui->list.sel;
	ls->search_origin.key = ui->list.sel >= 0 ? ui->sel :
		(struct view_key){ 0 };
	ls->search[0] = '\0';
	struct ui_dialog_req req = {
		.text = "Search:", .bottom_line = true, .max_len = 200,
		.changed = search_changed, .done = search_done,
		.key = search_prompt_key,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

void list_key_search_next(struct ui *ui, int key)
{
	struct list_state *ls = list_state(ui);

	if (!ls->search[0]) {
		list_key_search(ui, key);
		return;
	}
	ui_recheck_cmdlines(ui);
	if (!search_from(ui, ui->list.sel + 1))
		ui_message(ui, "no process matches the search");
}

static void filter_changed(struct ui *ui, const char *text, void *arg)
{
	snprintf(ui->filter, sizeof(ui->filter), "%s", text);
	ui_request_rebuild(ui);
}

static void filter_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (!r->ok)
		ui->filter[0] = '\0';
	ui_request_rebuild(ui);
}

void list_key_filter(struct ui *ui, int key)
{
	ui_recheck_cmdlines(ui);
	struct ui_dialog_req req = {
		.text = "Filter:", .bottom_line = true, .max_len = 200,
		.initial_text = ui->filter, .changed = filter_changed,
		.done = filter_done,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

static void user_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct list_state *ls = list_state(ui);

	if (!r->ok || r->choice < 0)
		return;
	if (r->choice == 0) {
		ui->vs.has_uid = false;
	} else if ((size_t)r->choice <= ls->user_menu.n) {
		ui->vs.has_uid = true;
		ui->vs.uid = ls->user_menu.uids[r->choice - 1];
	}
	ui_request_rebuild(ui);
}

void list_key_user(struct ui *ui, int key)
{
	struct list_state *ls = list_state(ui);
	const struct snapshot *s = ui->snap;
	char names[LIST_USER_MENU_MAX][48];     /* the dialog copies them */
	const char *items[LIST_USER_MENU_MAX + 1];
	long initial = 0;

	ls->user_menu.n = 0;
	for (size_t i = 0; i < s->nprocs &&
	     ls->user_menu.n < LIST_USER_MENU_MAX; i++) {
		const struct task *t = &s->procs[i];
		size_t j;
		if (!(t->have & TASK_HAVE_UID))
			continue;
		for (j = 0; j < ls->user_menu.n; j++)
			if (ls->user_menu.uids[j] == t->uid)
				break;
		if (j < ls->user_menu.n)
			continue;
		/* Insert sorted by uid. */
		for (j = ls->user_menu.n; j > 0 &&
		     ls->user_menu.uids[j - 1] > t->uid; j--)
			ls->user_menu.uids[j] = ls->user_menu.uids[j - 1];
		ls->user_menu.uids[j] = t->uid;
		ls->user_menu.n++;
	}
	items[0] = "All users";
	for (size_t j = 0; j < ls->user_menu.n; j++) {
		const char *name = ui_user_name(ui, ls->user_menu.uids[j]);
		char safe[40];
		if (name)
			ui_sanitize(ui, safe, sizeof(safe), name, strlen(name), 32);
		else
			snprintf(safe, sizeof(safe), "%u",
				(unsigned)ls->user_menu.uids[j]);
		snprintf(names[j], sizeof(names[j]), "%s", safe);
		items[j + 1] = names[j];
		if (ui->vs.has_uid && ui->vs.uid == ls->user_menu.uids[j])
			initial = (long)j + 1;
	}
	struct ui_dialog_req req = {
		.title = "Show processes of", .items = items,
		.nitems = ls->user_menu.n + 1, .initial = initial,
		.done = user_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

void list_key_clear(struct ui *ui, int key)
{
	if (!ui->filter[0] && !ui->vs.has_uid)
		return;
	ui->filter[0] = '\0';
	ui->vs.has_uid = false;
	ui_message(ui, "Filters cleared");
	ui_request_rebuild(ui);
}

void list_key_setup(struct ui *ui, int key)
{
	ui_open_screen(ui, SCREEN_SETUP);
}

/* The process list's own keys (then the moving keys, the process keys
 * it shares with the thread screen, and the global table). */
static const struct ui_key list_keys[] = {
	{ 'q', "q", "Quit", 0, ui_key_quit },
	{ '0', "0-9", "Type a pid to jump to it", 0, NULL },
	{ 'F', "F", "Follow the selected process (moving follows the new one)", 0, list_key_follow },

	/* what is shown */
	{ '\n', "Enter", "Open the selected process (threads ...)", 0, ui_key_enter },
	{ KEY_ENTER, NULL, NULL, 0, ui_key_enter },
	{ '\r', NULL, NULL, 0, ui_key_enter },
	{ 'o', "o", "Threads of the selected process", 0, list_key_thread_screen },
	{ 't', "t", "Tree view on / off", 0, list_key_tree },
	{ KEY_F(5), "F5", NULL, 0, list_key_tree },
	{ '-', "-", "Collapse / expand the selected subtree", 0, list_key_collapse },
	{ '+', "+", NULL, 0, list_key_collapse },
	{ '=', "=", NULL, 0, list_key_collapse },
	{ KEY_DC, "Del", "Fold the subtree the selection is in, select its root", 0, list_key_collapse_parent },
	{ 0x7f, NULL, NULL, 0, list_key_collapse_parent },
	{ KEY_BACKSPACE, NULL, NULL, 0, list_key_collapse_parent },
	{ '*', "*", "Collapse / expand all subtrees", 0, list_key_collapse_all },
	{ 'H', "H", "Show / hide user threads", 0, list_key_threads },
	{ 'K', "K", "Show / hide kernel threads", 0, list_key_kthreads },
	{ 'p', "p", "Program path in the command on / off", 0, list_key_program_path },
	{ 'm', "m", "Merged command: the executable's name first on / off", 0, list_key_merged },
	{ 'g', "g", "Graphs of CPU, memory and swap in the header on / off", 0, list_key_graphs },
	{ '#', "#", "Hide / show the meters above the list", 0, list_key_hide_meters },
	{ KEY_F(6), "F6", "Sort by: choose a column", 0, list_key_sort_menu },
	{ '<', "<", NULL, 0, list_key_sort_menu },
	{ '>', ">", NULL, 0, list_key_sort_menu },
	{ ',', ",", NULL, 0, list_key_sort_menu },
	{ '.', ".", NULL, 0, list_key_sort_menu },
	{ 'P', "P", "Sort by CPU%", 0, list_key_sort },
	{ 'M', "M", "Sort by MEM%", 0, list_key_sort },
	{ 'T', "T", "Sort by TIME+", 0, list_key_sort },
	{ 'N', "N", "Sort by PID", 0, list_key_sort },
	{ 'I', "I", "Invert the sort order", 0, list_key_sort_invert },
	{ '/', "/", "Search (incremental); F3 finds the next match", 0, list_key_search },
	{ KEY_F(3), "F3", NULL, 0, list_key_search_next },
	{ '\\', "\\", "Filter: show only matches (and their ancestors)", 0, list_key_filter },
	{ KEY_F(4), "F4", NULL, 0, list_key_filter },
	{ 'u', "u", "Show only one user's processes", 0, list_key_user },
	{ UI_KEY_ESC, "Esc", "Clear the filter and the user filter", 0, list_key_clear },
	{ KEY_F(2), "F2", "Setup: columns and refresh interval", 0, list_key_setup },
	{ 'S', "S", NULL, 0, list_key_setup },
	{ 'C', "C", NULL, 0, list_key_setup },

	/* proctop's own screens (keys htop does not bind) */
	{ 'v', "v", "Address-space map of the selected process", 0, map_key_open },
	{ 'f', "f", "System memory and swap (like free)", 0, memory_key_open },
	{ KEY_F(12), "F12", NULL, 0, memory_key_open },

	/* tags: the actions act on the tagged processes */
	{ ' ', "Space", "Tag / untag the selected process, select the next", 0, act_key_tag },
	{ 'c', "c", "Tag the process and its children", 0, act_key_tag_tree },
	{ 'U', "U", "Untag all", 0, act_key_untag_all },
	UI_KEYS_END
};

const struct ui_key *const list_keymap[] = {
	list_keys, ui_move_keys, ui_hscroll_keys, ui_process_keys, NULL
};

/* Enter on the process list: one entry opens directly, more open a menu. */
const struct ui_enter_item ui_enter_items[] = {
	{ "Threads", list_key_thread_screen },
	{ "Details", details_key_open },
	{ "Map", map_key_open },
};

const size_t ui_nenter_items =
	sizeof(ui_enter_items) / sizeof(ui_enter_items[0]);
