/* ui — ui_run: terminal set-up, the main loop, screens and dispatch (the
 * snapshots come from ui_source.c). */
#include "proctop/ui.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "proctop/columns.h"
#include "proctop/details.h"
#include "proctop/replay.h"
#include "proctop/text.h"
#include "proctop/xalloc.h"
#include "actions_ui.h"
#include "screens.h"
#include "ui_config.h"
#include "ui_core.h"
#include "ui_priv.h"
#include "ui_replay.h"

/* Screen state of the UI module: set by signal handlers and the fatal
 * hook, which cannot reach the struct ui. */
static volatile sig_atomic_t ui_signalled;
static bool ui_curses_active;

static void ui_on_signal(int sig)
{
	ui_signalled = sig;
}

/* Restore the terminal before xalloc exits on allocation failure. */
static void ui_fatal_restore(void)
{
	if (ui_curses_active) {
		endwin();
		ui_curses_active = false;
	}
}

/* ---- the snapshot source (see ui_core.h) ------------------------------ */

/* Rebuild the rows and keep the selection on the same process. */
void ui_rebuild(struct ui *ui)
{
	ui->vs.collapsed = ui->collapsed;
	ui->vs.ncollapsed = ui->ncollapsed;
	ui->vs.filter = ui->filter[0] ? ui->filter : NULL;
	view_build(ui->snap, &ui->vs, &ui->rows);
	long r = -1;
	if (ui->sel_moved && ui->sel.pid > 0)
		r = view_find(&ui->rows, ui->sel);
	if (r < 0)
		r = ui->list.sel < 0 ? 0 : ui->list.sel;
	if (ui->rows.n == 0) {
		ui->list.sel = -1;
		return;
	}
	if ((size_t)r >= ui->rows.n)
		r = (long)ui->rows.n - 1;
	ui->list.sel = r;
	ui->sel = ui_task_key(ui->rows.rows[r].task);
}

/* ---- screens ---------------------------------------------------------- */

enum screen_id ui_top_screen(const struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

void ui_open_screen(struct ui *ui, enum screen_id id)
{
	const struct screen_ops *ops = id < SCREEN_COUNT ? ui_screens[id] : NULL;

	if (!ops) {
		ui_message(ui, "This screen is not available yet");
		return;
	}
	if (ui_top_screen(ui) == id)
		return;
	if (ui->depth >= sizeof(ui->stack) / sizeof(ui->stack[0])) {
		ui_message(ui, "Too many screens open; close one with Esc");
		return;
	}
	ui->state[ui->depth] = ops->state_size ?
		xcalloc(1, ops->state_size) : NULL;
	ui->stack[ui->depth++] = id;
	if (ops->enter)
		ops->enter(ui);
	if (ui_sample_need(ui) & ~ui->sampled_need)
		ui->want_sample = true;
	ui->want_redraw = true;
}

void ui_close_screen(struct ui *ui)
{
	if (ui->depth <= 1)
		return;
	const struct screen_ops *ops = ui_screens[ui_top_screen(ui)];
	if (ops && ops->leave)
		ops->leave(ui);
	ui->depth--;
	free(ui->state[ui->depth]);
	ui->state[ui->depth] = NULL;
	ui->want_redraw = true;
	ui->want_rebuild = true;
}

/* ---- requests --------------------------------------------------------- */

void ui_request_rebuild(struct ui *ui)
{
	ui->want_rebuild = true;
}

void ui_settings_changed(struct ui *ui)
{
	ui->settings_dirty = true;
}

void ui_quit(struct ui *ui)
{
	ui->want_quit = true;
}

/* ---- global keys ------------------------------------------------------ */

void ui_key_help(struct ui *ui, int key)
{
	ui_open_screen(ui, SCREEN_HELP);
}

void ui_key_quit(struct ui *ui, int key)
{
	ui_quit(ui);
}

void ui_key_redraw(struct ui *ui, int key)
{
	clearok(curscr, TRUE);
	ui->want_redraw = true;
}

void ui_key_pause(struct ui *ui, int key)
{
	if (ui->replay) {
		ui_replay_play(ui);
		return;
	}
	ui->paused = !ui->paused;
	ui_message(ui, ui->paused ? "Paused (Z resumes)" : "Resumed");
	if (!ui->paused)
		ui->want_sample = true;
}

void ui_key_back(struct ui *ui, int key)
{
	ui_close_screen(ui);
}

static void ui_enter_menu_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (r->ok && r->choice >= 0 && (size_t)r->choice < ui_nenter_items &&
	    !ui_replay_refuses(ui, ui_enter_items[r->choice].fn))
		ui_enter_items[r->choice].fn(ui, '\n');
}

void ui_key_enter(struct ui *ui, int key)
{
	const char *labels[16];
	char title[96], name[40];
	size_t n = 0;

	if (ui_nenter_items == 1) {
		if (!ui_replay_refuses(ui, ui_enter_items[0].fn))
			ui_enter_items[0].fn(ui, '\n');
		return;
	}
	for (size_t i = 0; i < ui_nenter_items && n < 16; i++)
		labels[n++] = ui_enter_items[i].label;
	struct ui_dialog_req req = {
		.title = title, .items = labels, .nitems = n,
		.done = ui_enter_menu_done,
	};
	/* The title names the process the menu is about. */
	const struct task *t = ui_selected_process(ui, &req.target);
	if (t) {
		ui_sanitize(ui, name, sizeof(name), task_comm(t),
			strnlen(task_comm(t), TASK_COMM_MAX), 24);
		snprintf(title, sizeof(title), "Open %d (%s)", (int)t->pid,
			name);
	} else {
		snprintf(title, sizeof(title), "Open");
	}
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

/* ---- dispatch --------------------------------------------------------- */

/* A key no table entry and no screen uses: a one-line hint (htop users
 * try its keys; the hint says where the real ones are). */
static void ui_unknown_key(struct ui *ui, int key)
{
	char name[32];

	if (key > 0x20 && key < 0x7f)
		snprintf(name, sizeof(name), "%c", key);
	else if (key == ' ')
		snprintf(name, sizeof(name), "Space");
	else if (key >= 0 && key < 0x20)
		snprintf(name, sizeof(name), "^%c", key + '@');
	else if (key >= KEY_F(1) && key <= KEY_F(63))
		snprintf(name, sizeof(name), "F%d", key - KEY_F(0));
	else if (key > 0xff && keyname(key))
		ui_sanitize(ui, name, sizeof(name), keyname(key),
			strlen(keyname(key)), 20);
	else
		snprintf(name, sizeof(name), "%d", key);
	ui_message(ui, "Unknown key %s %s F1 for help", name,
		ui->utf8 ? "\u2014" : "-");
}

static void ui_dispatch_key(struct ui *ui, int key)
{
	enum screen_id top = ui_top_screen(ui);
	const struct screen_ops *ops = ui_screens[top];

	ui->nkeys++;
	if (ui->ndialogs) {
		ui_dialog_key(ui, key);
		return;
	}
	const struct ui_key *k = ui_key_lookup(top, key);
	if (k && k->fn) {
		if (!ui_replay_refuses(ui, k->fn))
			k->fn(ui, key);
		return;
	}
	bool listed = k != NULL;
	bool used = ops && ops->key && ops->key(ui, key);
	if (!used && !listed)
		ui_unknown_key(ui, key);
}

static void ui_dispatch_mouse(struct ui *ui)
{
	MEVENT ev;
	const struct screen_ops *ops = ui_screens[ui_top_screen(ui)];

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_dispatch_key(ui, KEY_UP);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_dispatch_key(ui, KEY_DOWN);
		return;
	}
#endif
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (ui->ndialogs)
		return;
	if (ev.y == ui->scr_h - 1) {
		int key = ui_fkey_at(ui, ev.x);
		if (key)
			ui_dispatch_key(ui, key);
		return;
	}
	if (ops && ops->click && ev.y >= ui->area.y &&
	    ev.y < ui->area.y + ui->area.h)
		ops->click(ui, ev.y, ev.x);
}

/* ---- drawing ---------------------------------------------------------- */

static void ui_draw(struct ui *ui)
{
	const struct screen_ops *ops = ui_screens[ui_top_screen(ui)];

	getmaxyx(stdscr, ui->scr_h, ui->scr_w);
	int bar = ui->scr_h >= 2 ? 1 : 0;
	int msg = ui_message_own_line(ui) ? 1 : 0;
	/* replay: the time bar above the message line and the key bar */
	int tbar = ui->replay && ui->scr_h >= UI_MESSAGE_LINE_MIN_H ? 1 : 0;
	erase();
	ui->header_h = 0;
	if (ops->show_header && !ui->hide_meters && ui->scr_h >= 8 &&
	    ui->have_sample)
		ui->header_h = header_draw(ui, (ui->scr_h - bar) / 2);
	ui->area = (struct ui_rect){
		.y = ui->header_h, .x = 0,
		.h = ui->scr_h - bar - msg - tbar - ui->header_h, .w = ui->scr_w,
	};
	if (ui->area.h < 0)
		ui->area.h = 0;
	curs_set(0);
	if (ops->prepare)
		ops->prepare(ui, &ui->area);
	ops->draw(ui, ui->snap, &ui->area);
	if (tbar)
		ui_replay_draw_bar(ui, ui->scr_h - bar - msg - 1);
	if (bar)
		ui_draw_bottom(ui, ops);
	if (ui->ndialogs)
		ui_dialog_draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- set-up ----------------------------------------------------------- */

/* Copy TERM for a message, replacing anything not printable. */
static void ui_term_name(char *buf, size_t size, const char *term)
{
	size_t i = 0;
	for (; term[i] && i + 1 < size; i++)
		buf[i] = (term[i] > 0x20 && term[i] < 0x7f) ? term[i] : '?';
	buf[i] = '\0';
}

/* Check that TERM names a terminal that can address the cursor.  0 or a
 * message in msg. */
static int ui_check_term(char *msg, size_t size)
{
	const char *term = getenv("TERM");
	char name[64];
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(msg, size, "the interactive mode needs a terminal on "
			"stdin and stdout; use -b for batch output");
		return -ENOTTY;
	}
	if (!term || !*term) {
		snprintf(msg, size, "TERM is not set; set it (e.g. "
			"TERM=xterm-256color) or use -b for batch output");
		return -EINVAL;
	}
	ui_term_name(name, sizeof(name), term);
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		if (err == 0)
			snprintf(msg, size, "unknown terminal type '%s' (not in "
				"terminfo); set TERM or use -b", name);
		else
			snprintf(msg, size, "cannot use terminal type '%s' (no "
				"terminfo database); use -b", name);
		return -EINVAL;
	}
	const char *cup = tigetstr("cup");
	bool hardcopy = tigetflag("hc") > 0;
	del_curterm(cur_term);
	if (!cup || cup == (const char *)-1 || hardcopy) {
		snprintf(msg, size, "terminal type '%s' cannot move the cursor; "
			"use a full-screen terminal or -b", name);
		return -EINVAL;
	}
	return 0;
}

static void ui_apply_settings(struct ui *ui)
{
	const struct options *o = ui->opts;
	const struct ui_settings *s = &ui->settings;

	if (o->ncols) {
		memcpy(ui->cols, o->cols, o->ncols * sizeof(o->cols[0]));
		ui->ncols = o->ncols;
	} else {
		memcpy(ui->cols, s->cols, s->ncols * sizeof(s->cols[0]));
		ui->ncols = s->ncols;
	}
	ui->vs.sort_key = o->sort_set ? o->sort_key : s->sort_key;
	ui->vs.sort_desc = o->sort_set ? o->sort_desc : s->sort_desc;
	/* -s orders the tree too, for that run (as --tree in batch) */
	ui->vs.tree_sort_key = o->sort_set ? o->sort_key : s->tree_sort_key;
	ui->vs.tree_sort_desc = o->sort_set ? o->sort_desc : s->tree_sort_desc;
	ui->vs.tree = o->tree || s->tree;
	ui->vs.threads = o->threads || s->threads;
	ui->vs.hide_kthreads = o->hide_kthreads || s->hide_kthreads;
	ui->vs.pids = o->pids;
	ui->vs.npids = o->npids;
	ui->vs.has_uid = o->has_uid;
	ui->vs.uid = o->uid;
	ui->vs.utf8 = ui->utf8;
}

static void ui_init(struct ui *ui, const struct options *opts)
{
	memset(ui, 0, sizeof(*ui));
	ui->opts = opts;
	snapshot_init(&ui->snaps[0]);
	snapshot_init(&ui->snaps[1]);
	ui->snap = &ui->snaps[0];
	ui->prev = &ui->snaps[1];
	view_rows_init(&ui->rows);
	sbuf_init(&ui->frame);
	sbuf_init(&ui->line);
	sbuf_init(&ui->scratch);
	ui->stack[0] = SCREEN_LIST;
	ui->state[0] = ui_screens[SCREEN_LIST]->state_size ?
		xcalloc(1, ui_screens[SCREEN_LIST]->state_size) : NULL;
	ui->depth = 1;
	ui->list.sel = -1;
	ui->utf8 = text_locale_is_utf8();
	ui_dialogs_init(ui);
	ui->act = xcalloc(1, sizeof(*ui->act));
	ui_config_defaults(&ui->settings);
	ui->settings_base = ui->settings;
}

static void ui_fini(struct ui *ui)
{
	while (ui->depth > 1)
		ui_close_screen(ui);
	free(ui->state[0]);     /* the list's (it points to nothing owned) */
	ui_dialogs_fini(ui);
	free(ui->act->set.v);
	free(ui->act->kill.refused);
	free(ui->act->aff.cpu);
	free(ui->act);
	ui->act = NULL;
	snapshot_fini(&ui->snaps[0]);
	snapshot_fini(&ui->snaps[1]);
	view_rows_fini(&ui->rows);
	sbuf_fini(&ui->frame);
	sbuf_fini(&ui->line);
	sbuf_fini(&ui->scratch);
	free(ui->collapsed);
	free(ui->tags);
	free(ui->filled);
	ui_replay_close(ui);
	if (ui->coll)
		collector_free(ui->coll);
}

static void ui_load_settings(struct ui *ui)
{
	char msg[512];

	if (ui_config_path(ui->opts, ui->config_path,
			sizeof(ui->config_path)) < 0) {
		ui->config_path[0] = '\0';
		return;
	}
	(void)ui_config_load(ui->config_path, &ui->settings, msg, sizeof(msg));
	if (msg[0])
		ui_warning(ui, "%s", msg);
	ui->settings_base = ui->settings;
}

void ui_save_settings(struct ui *ui)
{
	char msg[512];

	if (!ui->settings_dirty || !ui->config_path[0])
		return;
	/* Merged with what another instance saved meanwhile; from now on
	 * only keys changed after this save count as this instance's. */
	if (ui_config_save(ui->config_path, &ui->settings_base, &ui->settings,
			NULL, msg, sizeof(msg)) == 0)
		ui->settings_base = ui->settings;
	if (msg[0]) {
		if (ui_curses_active)
			ui_warning(ui, "%s", msg);
		else
			fprintf(stderr, "proctop: %s\n", msg);
	}
	ui->settings_dirty = false;
}

static void ui_term_start(struct ui *ui)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	xalloc_set_fatal_hook(ui_fatal_restore);
	ui_curses_active = true;
	set_term(ui->term);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors_init(ui);
	if (!ui->opts->no_mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
			| BUTTON5_PRESSED
#endif
			, NULL);
		mouseinterval(0);
		ui->mouse = true;
	}
	getmaxyx(stdscr, ui->scr_h, ui->scr_w);
}

/* The main loop.  A sample is taken in slices (ui_sample_tick)
 * (collector_step) with the keys read between slices, so a key never
 * waits for a refresh: it acts on the last complete snapshot at once,
 * and the next sample brings new data. */
static void ui_loop(struct ui *ui)
{
	bool first = true;

	ui->want_sample = true;
	ui->want_redraw = true;
	while (!ui->want_quit && !ui_signalled) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ui->msg[0] && ui_ts_diff(&now, &ui->msg_until) >= 0) {
			ui->msg[0] = '\0';
			ui->want_redraw = true;
		}
		if (ui->want_rebuild) {
			ui->want_rebuild = false;
			ui_rebuild(ui);
			ui->want_redraw = true;
		}
		/* Draw what the keys changed before the next slice. */
		if (ui->want_redraw) {
			ui->want_redraw = false;
			ui_draw(ui);
		}
		ui_sample_tick(ui, &first);
		/* Keys typed meanwhile first; a new sample is drawn at the
		 * top of the loop together with what they changed. */
		timeout(ui_busy(ui) || ui->sample_finished ||
			ui->want_redraw ? 0 : ui_wait_ms(ui));
		int key = getch();
		if (key == ERR)
			continue;
		/* Handle every key already typed before drawing again. */
		for (int n = 0; key != ERR && n < 64; n++) {
			if (ui->msg[0] && key != KEY_RESIZE && key != KEY_MOUSE) {
				ui->msg[0] = '\0';
			}
			if (key == KEY_RESIZE) {
				ui_resized(ui);
			} else if (key == KEY_MOUSE) {
				ui_dispatch_mouse(ui);
			} else {
				ui_dispatch_key(ui, key);
			}
			if (ui->want_quit || ui->want_sample)
				break;
			if (ui->want_rebuild) {
				ui->want_rebuild = false;
				ui_rebuild(ui);
			}
			timeout(0);
			key = getch();
		}
		ui->want_redraw = true;
	}
}

void ui_resized(struct ui *ui)
{
	/* Repaint everything: what the terminal kept of the old size (or
	 * drew while the size changed) is not what curses believes. */
	clearok(curscr, TRUE);
	getmaxyx(stdscr, ui->scr_h, ui->scr_w);
	for (size_t i = 0; i < ui->depth; i++) {
		const struct screen_ops *ops = ui_screens[ui->stack[i]];
		if (ops && ops->resize)
			ops->resize(ui, &ui->area);
	}
	ui->want_redraw = true;
}

/* Open the recording to replay (before the terminal is set up: a file
 * that cannot be read is said on stderr).  Damage found while listing it
 * is shown as a warning once the screen is up.  0 or -1. */
static int ui_start_replay(struct ui *ui)
{
	struct sbuf why, warn;
	int rc;

	sbuf_init(&why);
	sbuf_init(&warn);
	rc = ui_replay_open(ui, ui->opts->replay_path, &why, &warn);
	if (rc < 0) {
		replay_print_lines(warn.data);
		replay_print_lines(why.data);
	} else if (warn.len) {
		size_t len = strcspn(warn.data, "\n");
		char line[400];
		ui_warning(ui, "%s%s", ui_sanitize(ui, line, sizeof(line),
			warn.data, len, 300), warn.data[len] ? " (and more)" :
			"");
	}
	sbuf_fini(&why);
	sbuf_fini(&warn);
	return rc < 0 ? -1 : 0;
}

int ui_run(const struct options *opts)
{
	struct ui *ui = xcalloc(1, sizeof(*ui));
	char msg[512];
	int err = 0;

	setlocale(LC_CTYPE, "");
	if (ui_check_term(msg, sizeof(msg)) < 0) {
		fprintf(stderr, "proctop: %s\n", msg);
		free(ui);
		return 1;
	}
	ui_init(ui, opts);
	if (opts->replay_path) {
		if (ui_start_replay(ui) < 0) {
			ui_fini(ui);
			free(ui);
			return 1;
		}
	} else {
		ui->coll = collector_new(opts->proc_root ? opts->proc_root :
			"/proc", &err);
	}
	if (!ui->coll && !ui->replay) {
		fprintf(stderr, "proctop: cannot open %s: %s\n",
			opts->proc_root ? opts->proc_root : "/proc",
			strerror(-err));
		ui_fini(ui);
		free(ui);
		return 1;
	}
	ui_load_settings(ui);
	ui_apply_settings(ui);
	fflush(stdout);
	ui->term = newterm(getenv("TERM"), stdout, stdin);
	if (!ui->term) {
		fprintf(stderr, "proctop: cannot initialise the terminal\n");
		ui_fini(ui);
		free(ui);
		return 1;
	}
	ui_term_start(ui);
	ui_loop(ui);
	endwin();
	ui_curses_active = false;
	delscreen(ui->term);
	xalloc_set_fatal_hook(NULL);
	ui_save_settings(ui);
	ui_fini(ui);
	free(ui);
	return 0;
}
