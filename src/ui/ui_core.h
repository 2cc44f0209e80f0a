/* ui_core — the TUI framework every screen and dialog is written against.
 *
 * Private to src/ui/ (the only code that includes ncurses).  The main loop
 * (ui.c) owns one `struct ui`: it samples, builds the view rows, draws the
 * header meters, the screen on top of the screen stack, the dialog on top
 * of the dialog stack, the message line and the function-key bar, and
 * dispatches keys.  Screens never call each other: they ask the main loop
 * to open or close a screen, push a dialog, or sample now.
 *
 * How to add a screen, a dialog or a key: src/ui/SCREENS.md. */
#ifndef PROCTOP_UI_CORE_H
#define PROCTOP_UI_CORE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "proctop/collector.h"
#include "proctop/history.h"
#include "proctop/options.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"
#include "proctop/view.h"
#include "ui_settings.h"

struct ui;

/* ---- screens ---------------------------------------------------------- */

/* Every screen has an id; the table in ui_screens.c maps it to its ops.
 * An id whose ops are NULL is "not written yet". */
enum screen_id {
	SCREEN_LIST,      /* process list: the main screen (screen_list.c) */
	SCREEN_THREADS,   /* threads of the selected process */
	SCREEN_HELP,      /* keys, generated from the key tables */
	SCREEN_SETUP,     /* F2: columns and refresh interval */
	SCREEN_MAP,       /* address-space map (issue 4, owner: maps) */
	SCREEN_MEMORY,    /* system memory & swap (issue 4, owner: maps) */
	SCREEN_DETAILS,   /* process details (issue 5, owner: actions) */
	SCREEN_ENV,       /* e: environment (screen_pinfo.c) */
	SCREEN_FILES,     /* l: open files */
	SCREEN_LOCKS,     /* x: file locks */
	SCREEN_CMDLINE,   /* w: the whole command line, wrapped */
	SCREEN_TRACE,     /* s: strace output */
	SCREEN_COUNT
};

#define SCR_BIT(id) (1u << (id))
#define SCR_ALL     ((1u << SCREEN_COUNT) - 1u)

/* The part of the terminal a screen may draw in (absolute coordinates). */
struct ui_rect {
	int y, x, h, w;
};

/* One label of the bottom function-key bar; key is what a click sends. */
struct ui_fkey {
	const char *name;     /* "F1", "Esc" */
	const char *label;    /* "Help" */
	int key;              /* curses key code delivered on a click */
};

struct screen_ops {
	const char *title;          /* shown in the help and title lines */
	bool show_header;           /* draw the meters above the screen */
	/* Bottom bar, terminated by an entry with name == NULL; NULL gives
	 * the default "F1 Help  Esc Back  F10 Quit". */
	const struct ui_fkey *fkeys;
	/* Extra collect needs (enum collect_need) while this screen is on
	 * the stack, e.g. NEED_THREADS.  NULL: none. */
	unsigned (*need)(struct ui *ui);
	/* The one process whose threads this screen shows (*need: extra
	 * NEED_THREAD_STATUS): the samples read them (collector_threads_of),
	 * so they come with the snapshot.  false: none.  NULL: never. */
	bool (*threads_of)(struct ui *ui, struct view_key *proc,
		unsigned *need);
	/* Called once when opened / closed.  NULL: nothing to do. */
	void (*enter)(struct ui *ui);
	void (*leave)(struct ui *ui);
	/* Before draw, with the same area: all the reading this frame
	 * needs (the files of the rows on screen, the screen's extra data,
	 * user names) and the layout of its lines at this width, so that
	 * draw does no I/O.  NULL: nothing to do. */
	void (*prepare)(struct ui *ui, const struct ui_rect *area);
	/* Draw the whole area (it has been erased).  Required.  snap is
	 * ui->snap, read-only: draw reads the snapshot through it only (and
	 * hands it down, e.g. through a table row callback's arg).  No I/O
	 * (no /proc, no collector, no ui_source_*, no user-name look-ups)
	 * and no change to the snapshot or the view rows: all that is
	 * prepare's (or enter's, sampled's, key's). */
	void (*draw)(struct ui *ui, const struct snapshot *snap,
		const struct ui_rect *area);
	/* A key the key tables did not handle (or a table entry with
	 * fn == NULL).  Return true when used.  NULL: nothing. */
	bool (*key)(struct ui *ui, int key);
	/* The terminal changed size; area is the new area.  NULL: nothing
	 * (draw always gets the current area anyway). */
	void (*resize)(struct ui *ui, const struct ui_rect *area);
	/* A new snapshot arrived (ui->snap is new).  NULL: nothing. */
	void (*sampled)(struct ui *ui);
	/* Button-1 click at absolute (y, x) inside the screen's area.
	 * NULL: ignored. */
	void (*click)(struct ui *ui, int y, int x);
	/* The task under this screen's cursor (borrowed from ui->snap) and
	 * its identity in *key (may be NULL).  ui_selected_task asks the
	 * topmost screen that has one, so a screen opened from this one
	 * (details, strace...) acts on it.  NULL: the screen has no
	 * selection of its own. */
	const struct task *(*selected)(struct ui *ui, struct view_key *key);
	/* Bytes of per-instance state: the core allocates it zeroed before
	 * enter and frees it after leave (leave frees what the state points
	 * to); ui_state() finds it.  The process list's lives as long as the
	 * ui.  A screen keeps all its mutable state there, none in its file.
	 * 0: none. */
	size_t state_size;
	/* While this screen is on top, the actions (kill, nice...) act on
	 * the tagged processes when there are any. */
	bool uses_tags;
	/* This screen's keys: a NULL-terminated list of key tables (each
	 * ending with UI_KEYS_END), looked up before the global table
	 * ui_keys[]; a screen can share a table with another (the process
	 * keys of the list and the thread screen).  NULL: global keys only. */
	const struct ui_key *const *keys;
	/* The heading of those keys in the help's legend, --list-keys and
	 * the man page's KEYS section ("Map screen"). */
	const char *keys_section;
};

/* The state of the topmost open instance of screen id (state_size bytes,
 * owned by the core), NULL when it is not open or has none. */
void *ui_state(struct ui *ui, enum screen_id id);

/* Open a screen on top of the current one (no-op if it already is on
 * top; a message if its ops are NULL).  Takes effect at once; collects
 * again at once if the screen needs more than is collected. */
void ui_open_screen(struct ui *ui, enum screen_id id);
/* Close the top screen (never the process list). */
void ui_close_screen(struct ui *ui);
/* The screen on top. */
enum screen_id ui_top_screen(const struct ui *ui);

/* ---- key tables ------------------------------------------------------- */

/* Handler of a key table entry.  key is the key that was pressed. */
typedef void (*ui_key_fn)(struct ui *ui, int key);

/* One key.  The first entry matching a pressed key wins: the top screen's
 * tables first (screen_ops.keys), then the global table.  The help and
 * --list-keys list entries in table order. */
struct ui_key {
	int key;              /* curses key code: 'k', KEY_F(9), KEY_ENTER...;
	                         0 ends a screen's table (UI_KEYS_END) */
	const char *name;     /* as the help shows it: "k", "F9", "Space" */
	const char *desc;     /* help text; NULL: alias of the previous entry
	                         (help shows its name on that line) */
	unsigned screens;     /* global table only: SCR_BIT mask of the
	                         screens where it works (0 in screen tables) */
	ui_key_fn fn;         /* NULL: passed to the screen's key() (listed
	                         here so the help shows it) */
};
#define UI_KEYS_END { 0, NULL, NULL, 0, NULL }
#define UI_KEY_ESC 27

/* The global table (ui_keys.c): keys of every screen (help, quit, pause,
 * replay) and of every sub-screen (q / Esc close it). */
extern const struct ui_key ui_keys[];
extern const size_t ui_nkeys;
/* The replay's keys (moving in time), looked up after the global table,
 * listed in a section of their own (ui_keys.c; ends with UI_KEYS_END). */
extern const struct ui_key ui_replay_keys[];
/* The keys that act on the selected process or open a screen on it (kill,
 * nice, details...), shared by the process list and the thread screen
 * (ui_keys.c; ends with UI_KEYS_END). */
extern const struct ui_key ui_process_keys[];
/* Up / Down / PgUp / PgDn / Home / End, and Left / Right: the table
 * widget's keys, for screens whose key() passes them to table_key(). */
extern const struct ui_key ui_move_keys[];
extern const struct ui_key ui_hscroll_keys[];

/* The entry a key press on screen top runs (screen tables first, then the
 * global table), NULL when no table has it. */
const struct ui_key *ui_key_lookup(enum screen_id top, int key);

/* Walk the documented keys of one part of the tables: each entry with a
 * description, its name and its aliases' names ("F1 h ?") joined by
 * spaces.  UI_KEYS_EVERYWHERE: the global entries of every screen;
 * UI_KEYS_SUBSCREENS: the global entries of the sub-screens only (q,
 * Esc); UI_KEYS_REPLAY: the replay's keys; a screen id: that screen's own tables, plus with with_global the
 * global entries it has beyond the every-screen ones. */
enum { UI_KEYS_EVERYWHERE = -1, UI_KEYS_SUBSCREENS = -2, UI_KEYS_REPLAY = -3 };
typedef void (*ui_keys_walk_fn)(const char *names, const char *desc,
	void *arg);
void ui_keys_walk(int part, bool with_global, ui_keys_walk_fn fn, void *arg);

/* The Enter menu on the process list: one entry opens directly, more
 * entries open a small menu (list_keys.c). */
struct ui_enter_item {
	const char *label;    /* "Threads" */
	ui_key_fn fn;         /* called with key == '\n' */
};
extern const struct ui_enter_item ui_enter_items[];
extern const size_t ui_nenter_items;


/* ---- dialogs ---------------------------------------------------------- */

enum dialog_kind {
	DIALOG_MENU,       /* pick one item of a list */
	DIALOG_CHECKLIST,  /* toggle items with Space, Enter accepts */
	DIALOG_CONFIRM,    /* y / n */
	DIALOG_INPUT,      /* one line of text */
};

/* What a dialog hands back.  Everything borrowed: valid during done(). */
struct ui_dialog_result {
	bool ok;                 /* false: cancelled with Esc */
	long choice;             /* MENU/CHECKLIST: item under the cursor */
	const bool *checked;     /* CHECKLIST: nitems flags */
	size_t nitems;
	const char *text;        /* INPUT: the line ("" if empty) */
	struct view_key target;  /* copied from the request */
	long tag;                /* copied from the request */
	void *arg;               /* copied from the request */
};

struct ui_dialog_req {
	const char *title;           /* box title */
	const char *text;            /* CONFIRM: question; INPUT: prompt;
	                                MENU/CHECKLIST: optional line above */
	const char *const *items;    /* MENU/CHECKLIST labels (copied) */
	size_t nitems;
	long initial;                /* MENU/CHECKLIST: cursor at start */
	const bool *checked;         /* CHECKLIST: initial flags (copied) */
	const char *initial_text;    /* INPUT: start text (copied) */
	bool select_initial;         /* INPUT: the start text is shown
	                                selected: the first typed character
	                                replaces it (an editing key keeps it) */
	size_t max_len;              /* INPUT: bytes, 0 = 255 */
	bool bottom_line;            /* INPUT: edit on the bottom line (like
	                                search) instead of a centred box */
	bool number_keys;            /* MENU: typed digits (within ~1 s of
	                                each other) select the item whose
	                                leading number they spell: "1","5" ->
	                                the item "15 ..."; shown while typed */
	bool confirm_keys;           /* CHECKLIST: keys of a confirmation:
	                                y/Enter accept, n/Esc cancel, Space
	                                toggles (no a/n all/none) */
	/* Called once when the dialog ends (ok or cancelled), after it was
	 * removed; it may open another dialog.  NULL: nothing. */
	void (*done)(struct ui *ui, const struct ui_dialog_result *res);
	/* INPUT: called after every edit with the current text.  NULL: none. */
	void (*changed)(struct ui *ui, const char *text, void *arg);
	/* INPUT: keys the line editor does not use (function keys such as
	 * F3) are offered here first; return true when used.  NULL: none. */
	bool (*key)(struct ui *ui, int key, void *arg);
	struct view_key target;      /* e.g. the process the dialog is about */
	long tag;
	void *arg;                   /* must outlive the dialog */
};

/* Push a modal dialog; keys go to it until it ends.  All strings and
 * arrays of req are copied.  At most UI_MAX_DIALOGS are stacked (further
 * ones are refused with a message). */
#define UI_MAX_DIALOGS 4
void ui_dialog_open(struct ui *ui, enum dialog_kind kind,
	const struct ui_dialog_req *req);
bool ui_dialog_active(const struct ui *ui);
/* INPUT: a short note shown after the edited text of the top dialog
 * (e.g. "no match"); "" removes it.  Copied. */
void ui_dialog_note(struct ui *ui, const char *note);

/* ---- colours ---------------------------------------------------------- */

enum ui_color {
	UC_NORMAL, UC_TITLE, UC_COLHEAD, UC_COLHEAD_SORT, UC_SELECTED,
	UC_TAGGED, UC_FKEY_KEY, UC_FKEY_LABEL, UC_MESSAGE, UC_WARNING,
	UC_METER_LABEL, UC_METER_TEXT, UC_METER_BRACKET,
	UC_CPU_USER, UC_CPU_NICE, UC_CPU_SYSTEM, UC_CPU_IOWAIT, UC_CPU_STEAL,
	UC_MEM_USED, UC_MEM_BUFFERS, UC_MEM_CACHE, UC_SWAP_USED, UC_SWAP_CACHE,
	UC_STATE_R, UC_STATE_BAD, UC_STATE_STOP, UC_BASENAME, UC_KTHREAD,
	UC_THREAD, UC_ORPHAN, UC_DIM, UC_DIALOG, UC_DIALOG_SEL, UC_GOOD,
	UC_COUNT
};

/* Attribute for a role: a colour pair when colours are on, else a
 * monochrome stand-in (bold / reverse / underline / normal). */
attr_t ui_attr(const struct ui *ui, enum ui_color c);

/* ---- drawing helpers (all clip to the terminal) ----------------------- */

/* Trusted text (our own strings) at (y, x), at most w columns. Returns the
 * columns drawn. */
int ui_put(struct ui *ui, int y, int x, int w, attr_t attr, const char *s);
/* Untrusted bytes (comm, cmdline, paths, user names): sanitised through
 * text.h first.  Returns the columns drawn. */
int ui_put_untrusted(struct ui *ui, int y, int x, int w, attr_t attr,
	const char *s, size_t len);
/* Fill w columns of row y from x with spaces in attr. */
void ui_fill(struct ui *ui, int y, int x, int w, attr_t attr);
/* A box with a title; returns the inner rect. */
struct ui_rect ui_box(struct ui *ui, const struct ui_rect *r, const char *title);

/* A line built from spans of sanitised text, drawn with a horizontal
 * offset (for wide lists).  Uses ui->line (no allocation per row once
 * warm).  Begin, add spans, then draw; ui_put* use the same line, so do
 * not call them between ui_line_begin and ui_line_draw. */
#define UI_LINE_SPANS 96
void ui_line_begin(struct ui *ui);
/* Trusted, already safe text. */
void ui_line_add(struct ui *ui, attr_t attr, const char *s, size_t len);
/* Untrusted text, sanitised. */
void ui_line_add_untrusted(struct ui *ui, attr_t attr, const char *s,
	size_t len);
/* Untrusted text, sanitised, at most max_width columns of it (for huge
 * command lines: only what can be seen is converted). */
void ui_line_add_untrusted_max(struct ui *ui, attr_t attr, const char *s,
	size_t len, size_t max_width);
/* n spaces. */
void ui_line_pad(struct ui *ui, attr_t attr, size_t n);
/* Display width of the line so far. */
size_t ui_line_width(const struct ui *ui);
/* Draw columns [skip, skip + w) of the line at (y, x); fill the rest of w
 * with fill_attr spaces; `over` (if nonzero) is OR-ed onto every span
 * (selection highlight replaces colours when replace is true). */
void ui_line_draw(struct ui *ui, int y, int x, int w, size_t skip,
	attr_t fill_attr, attr_t over, bool replace);

/* Bytes of safe UTF-8 text s[0..len) that fit in w columns, at least one
 * character (so wrapping text w columns at a time always advances). */
size_t ui_wrap_bytes(const char *s, size_t len, size_t w);

/* KiB in free text (details, memory screen): units_size, exactly as the
 * list's columns and the meters show it: "812K", "23.5M", "1.50G" (buf of
 * size bytes, NUL always). */
void ui_kib(char *buf, size_t size, uint64_t kib);

/* ---- messages, refresh ------------------------------------------------ */

/* One line at the bottom (errors, warnings, confirmations), shown until a
 * key is pressed or ~8 s have passed.  The text is our own format; pass
 * process text through "%s" only after ui_sanitize. */
void ui_message(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Same, in the warning colour. */
void ui_warning(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sanitised copy of untrusted bytes into buf (size bytes, NUL always),
 * at most max_width columns; for building messages. Returns buf. */
char *ui_sanitize(const struct ui *ui, char *buf, size_t size,
	const char *s, size_t len, size_t max_width);

/* Collect a new snapshot as soon as the current key is handled. */
void ui_request_sample(struct ui *ui);
/* The same, dropping a live sample in flight (after an action: what it
 * read of the target may predate the change). */
void ui_request_fresh_sample(struct ui *ui);
/* The view state changed (sort, filter, tree...): rebuild the rows. */
void ui_request_rebuild(struct ui *ui);
/* The settings the user saves changed: save at quit (and on demand). */
void ui_settings_changed(struct ui *ui);
/* End the program after this key. */
void ui_quit(struct ui *ui);

/* ---- the snapshot source ---------------------------------------------
 *
 * Snapshots come from the collector (live) or from a recording (proctop
 * --replay PATH: ui_replay.c).  A screen that reads more about a process
 * than the snapshot has goes through these, never the collector: in
 * replay there is nothing live to read (the processes shown may be gone,
 * or their pids reused). */

/* Showing a recording. */
bool ui_replaying(const struct ui *ui);
/* Read `need` files of procs idx[0..n) of ui->snap (live only; nothing
 * in replay: the snapshot holds what was recorded). */
void ui_source_fill(struct ui *ui, const long *idx, size_t n, unsigned need);
/* The name of uid (borrowed, valid until the next sample; NULL when
 * unknown): the collector's cache live, the recorded names in replay. */
const char *ui_user_name(struct ui *ui, uid_t uid);
/* The details screen's data about process (or thread) pid of that start
 * time: read from /proc live (details_read), the recorded fields in
 * replay (no status, cwd, limits, OOM score or capabilities).  0, or
 * -errno (-ESRCH: not there).  d as details_read's. */
struct proc_details;
int ui_source_details(struct ui *ui, pid_t pid, uint64_t starttime,
	struct proc_details *d);
/* The proc root live processes are read under; NULL in replay. */
const char *ui_proc_root(const struct ui *ui);
/* In replay: show why `what` cannot be shown or done on a recording
 * (one message line) and return true; live: false. */
bool ui_replay_refuse(struct ui *ui, const char *what);

/* ---- selection and tags ----------------------------------------------- */

/* The task under the cursor: on the thread screen, and on any screen opened
 * from it, the selected thread;
 * elsewhere the selected row of the process list (a process, or a thread
 * in H mode).  Borrowed from ui->snap, valid until the next sample; NULL
 * when nothing is selected.  *key (may be NULL) gets its identity. */
const struct task *ui_selected_task(struct ui *ui, struct view_key *key);
/* The selected process (never a thread): same contract. */
const struct task *ui_selected_process(struct ui *ui, struct view_key *key);
/* Identity of a task in the current snapshot. */
struct view_key ui_task_key(const struct task *t);

/* Tagged processes (Space / c / U are the actions module's keys; the list
 * draws tagged rows in UC_TAGGED).  ui->tags is a sorted key set (see
 * view_keys_* in proctop/view.h), ui->ntags entries: O(log n) lookups.
 * Tags of processes that left the snapshot are pruned at each sample. */
bool ui_tag_has(const struct ui *ui, struct view_key key);
void ui_tag_set(struct ui *ui, struct view_key key, bool on);
/* Tag the process at index root of ui->snap and all its descendants. */
void ui_tag_tree(struct ui *ui, long root);
void ui_tag_clear(struct ui *ui);

/* ---- a table's state (the widget is table.h) --------------------------- */

struct table {
	bool view;          /* no selection: the keys scroll the view (help,
	                       text screens) */
	long n;             /* rows */
	long sel;           /* selected row; -1 none */
	long top;           /* first row shown */
	int h;              /* rows shown at the last draw */
	int w;              /* width at the last draw */
	int y;              /* screen row of the first row at the last draw */
	size_t hscroll;     /* display columns scrolled right */
	size_t content_w;   /* widest row at the last draw */
	size_t header_w;    /* width of the header at the last draw: the
	                       horizontal scroll stops when the end of the
	                       wider of the two is in sight */
	enum ui_color fill;     /* rows' background (UC_NORMAL: none) */
	enum ui_color selected; /* the selected row (UC_NORMAL: UC_SELECTED) */
};

/* ---- the context ------------------------------------------------------ */

struct ui_dialog;   /* ui_dialog.c */
struct act_flow;    /* actions_ui.h */

struct ui {
	const struct options *opts;     /* borrowed */
	struct collector *coll;         /* owned by ui_run; NULL in replay */
	struct ui_replay *replay;       /* the recording shown (ui_replay.c),
	                                   owned by ui_run; NULL live */
	struct snapshot snaps[2];
	struct snapshot *snap;          /* current (may be empty at start) */
	struct snapshot *prev;          /* previous (spare) */
	unsigned sampled_need;          /* what snap was collected with */
	unsigned sampling_need;         /* what the running sample reads */
	bool have_sample;
	bool sample_finished;           /* complete and finished in prev, to
	                                   be shown at the next tick */
	struct history hist;            /* the header's graphs, one entry
	                                   per finished sample (live only) */

	/* View of the process list. */
	struct view_state vs;
	struct view_rows rows;
	char filter[256];               /* \ filter text ("" = none) */
	struct view_key *collapsed;     /* owned, for vs.collapsed: sorted
	                                   key set (view_keys_*), pruned at
	                                   each sample */
	size_t ncollapsed, collapsed_cap;
	struct view_key sel;            /* selected row's identity */
	struct table list;              /* the list's table: list.sel is the
	                                   selected row's index, -1 if none */
	bool sel_moved;                 /* the user moved the selection (or
	                                   pressed F): from then on it follows
	                                   that process; until then it stays
	                                   on the top row */
	bool paused;                    /* Z */
	bool hide_meters;               /* #: no header above any screen */
	/* What sub-screens keep from one opening to the next in a run (their
	 * sort and grouping): read by enter, written by leave. */
	struct {
		int map_sort;           /* enum memmap_sort */
		bool map_group;
		size_t memory_sort;
	} remembered;

	/* Columns of the process list (effective, incl. command line). */
	enum column_id cols[OPTIONS_MAX_COLUMNS];
	size_t ncols;
	struct ui_settings settings;    /* what proctoprc holds */
	struct ui_settings settings_base; /* as loaded or last saved */
	bool settings_dirty;
	char config_path[4096];         /* "" if none could be found */

	struct view_key *tags;          /* owned, sorted key set */
	size_t ntags, tags_cap;

	/* Screens and dialogs. */
	enum screen_id stack[8];
	void *state[8];                 /* per screen of the stack: its
	                                   state_size bytes (owned) or NULL */
	size_t depth;                   /* >= 1; stack[0] is SCREEN_LIST */
	unsigned long nkeys;            /* keys dispatched so far (a screen
	                                   tells consecutive keys apart) */
	struct ui_dialog *dialogs;      /* UI_MAX_DIALOGS entries, owned */
	size_t ndialogs;
	struct act_flow *act;           /* owned: the action the dialogs
	                                   set up (targets, choices) */

	/* Terminal. */
	SCREEN *term;
	int scr_h, scr_w;               /* terminal size (rows, columns) */
	bool color;                     /* colours in use */
	bool utf8;
	bool mouse;
	struct ui_rect area;            /* the top screen's area */
	int header_h;                   /* rows the meters took */

	/* Message line. */
	char msg[512];
	bool msg_warning;
	struct timespec msg_until;

	/* Per-frame scratch (one sbuf per frame, no per-row allocation). */
	struct sbuf frame;              /* free for the screen being drawn */
	struct sbuf line;               /* ui_line_* */
	struct sbuf scratch;            /* ui_put* */
	size_t nspans;
	struct { size_t off, len; attr_t attr; } spans[UI_LINE_SPANS];
	unsigned char *filled;          /* per proc index: expensive files
	                                   read for this snapshot */
	size_t filled_cap;

	bool want_sample, want_rebuild, want_redraw, want_quit;
	struct timespec next_sample;
};

/* Currently effective refresh interval, seconds. */
double ui_delay(const struct ui *ui);

#endif
