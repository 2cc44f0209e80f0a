/* screens — the screens and key handlers written by the tui module
 * (process list, threads, help, setup).  Other modules declare theirs in
 * their own header (e.g. screen_map.h) and add them to ui_screens.c; see
 * SCREENS.md. */
#ifndef PROCTOP_UI_SCREENS_H
#define PROCTOP_UI_SCREENS_H

#include <time.h>

#include "list_layout.h"
#include "table.h"
#include "ui_core.h"

#define LIST_USER_MENU_MAX 256

/* The process list's own state: its instance (ui_state(ui, SCREEN_LIST),
 * allocated with the ui, as stack[0] is), kept by screen_list.c and
 * list_keys.c between keys and frames.  What the core and the other
 * screens use too (the rows, the selection, the list's table, the view
 * state, the filter, the folds, the tags) stays in struct ui. */
struct list_state {
	struct {                   /* pid typed so far (digits jump to it) */
		char digits[16];
		size_t ndigits;
		struct timespec last;
		unsigned long key; /* ui->nkeys of the last digit */
	} jump;
	struct list_layout lay;    /* the columns shown at this width */
	struct table_col cols[OPTIONS_MAX_COLUMNS]; /* their header cells */
	const char *user_name;     /* the -u / u user's name for the
	                              filters line (borrowed, this frame;
	                              NULL: unknown) */
	char search[256];          /* / search text */
	struct {                   /* the row where a search started */
		long row;          /* the selected row when / was pressed */
		struct view_key key; /* and its process: rows move between
		                        samples, the process is what counts */
	} search_origin;
	struct {                   /* the uids behind the user menu */
		uid_t uids[LIST_USER_MENU_MAX];
		size_t n;
	} user_menu;
};

/* The process list's state (never NULL once ui_run set up the ui). */
struct list_state *list_state(struct ui *ui);

extern const struct screen_ops screen_list_ops;
extern const struct screen_ops screen_threads_ops;
extern const struct screen_ops screen_help_ops;
extern const struct screen_ops screen_setup_ops;

/* The table of screens (ui_screens.c), indexed by enum screen_id; NULL
 * entries are not written yet. */
extern const struct screen_ops *const ui_screens[SCREEN_COUNT];

/* Global key handlers (ui.c). */
void ui_key_help(struct ui *ui, int key);
void ui_key_quit(struct ui *ui, int key);
void ui_key_redraw(struct ui *ui, int key);
void ui_key_pause(struct ui *ui, int key);
void ui_key_back(struct ui *ui, int key);
void ui_key_enter(struct ui *ui, int key);

/* The process list's key tables (list_keys.c; screen_ops.keys). */
extern const struct ui_key *const list_keymap[];

/* Process list key handlers (list_keys.c). */
void list_key_follow(struct ui *ui, int key);
void list_key_thread_screen(struct ui *ui, int key);
void list_key_tree(struct ui *ui, int key);
void list_key_program_path(struct ui *ui, int key);
void list_key_merged(struct ui *ui, int key);
void list_key_graphs(struct ui *ui, int key);
void list_key_collapse(struct ui *ui, int key);
void list_key_collapse_all(struct ui *ui, int key);
void list_key_collapse_parent(struct ui *ui, int key);
void list_key_hide_meters(struct ui *ui, int key);
void list_key_threads(struct ui *ui, int key);
void list_key_kthreads(struct ui *ui, int key);
void list_key_sort_menu(struct ui *ui, int key);
void list_key_sort(struct ui *ui, int key);
void list_key_sort_invert(struct ui *ui, int key);
void list_key_search(struct ui *ui, int key);
void list_key_search_next(struct ui *ui, int key);
void list_key_filter(struct ui *ui, int key);
void list_key_user(struct ui *ui, int key);
void list_key_clear(struct ui *ui, int key);
void list_key_setup(struct ui *ui, int key);

/* Select row (clamped); from now on the selection follows that process
 * (with F on) instead of staying on the top row. */
void list_select(struct ui *ui, long row);
/* Move the list's selection by delta rows (clamped). */
void list_move(struct ui *ui, long delta);

/* Set the sort column (from a key, the chooser or a header click). */
void list_sort_by(struct ui *ui, enum column_id id);

/* The header meters (header.c): draw at the top, return the rows used
 * (at most max_h). */
int header_draw(struct ui *ui, int max_h);
/* Rows the header would take for this width, at most max_h. */
int header_height(const struct ui *ui, int max_h);

#endif
