/* screen_help — every key, generated from the key tables the dispatcher
 * uses (ui_keys_walk), grouped by screen, plus a legend of the markers;
 * and --list-keys, the same walk printed for scripts and the man page
 * check. */
#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "table.h"
#include "proctop/ui.h"
#include "ui_core.h"

/* One line of the help-> */
struct help_line {
	enum ui_color color;
	char names[128];
	const char *desc;      /* NULL: names is the whole line */
};

/* Screen state (one per open help screen, screen_ops.state_size): the
 * lines, built when it opens, and their table. */
#define HELP_MAX_LINES 320
struct help_state {
	struct help_line lines[HELP_MAX_LINES];
	long n;
	struct table tab;
};

static const char *const help_legend[] = {
	"States: R running (green)  S sleeping  D disk wait (red)  Z zombie (red)",
	"        T stopped, t traced (yellow)  I idle kernel thread",
	"Command: program name highlighted; [name] kernel thread;",
	"         name <defunct> zombie; ~ orphan (parent gone); + folded subtree",
	"Meters: CPU nice (blue) user (green) system (red) iowait (grey) steal (cyan);",
	"        Mem used (green) buffers (blue) cache (yellow); Swap used (red) cached (yellow)",
	"Settings are saved in $XDG_CONFIG_HOME/proctop/proctoprc when changed.",
};

static void help_emit(struct help_state *help, enum ui_color color,
	const char *names, const char *desc)
{
	if (help->n >= HELP_MAX_LINES)
		return;
	struct help_line *l = &help->lines[help->n++];
	l->color = color;
	snprintf(l->names, sizeof(l->names), "%s", names);
	l->desc = desc;
}

/* ui_keys_walk callback: one line per key entry. */
static void help_key_line(const char *names, const char *desc, void *arg)
{
	char indented[128];

	snprintf(indented, sizeof(indented), "  %s", names);
	help_emit(arg, UC_FKEY_KEY, indented, desc);
}

/* ui_keys_walk callback: append the entry's names to the buffer arg (64
 * bytes). */
static void help_names_join(const char *names, const char *desc, void *arg)
{
	char *buf = arg;
	size_t len = strlen(buf);

	(void)desc;
	snprintf(buf + len, 64 - len, " %s", names);
}

static attr_t help_row(struct ui *ui, long i, void *arg)
{
	const struct help_state *help = arg;
	const struct help_line *l = &help->lines[i];

	ui_line_add(ui, ui_attr(ui, l->color), l->names, strlen(l->names));
	if (l->desc) {
		size_t w = ui_line_width(ui);
		ui_line_pad(ui, 0, w < 18 ? 18 - w : 1);
		ui_line_add(ui, 0, l->desc, strlen(l->desc));
	}
	return 0;
}

static void help_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct help_state *help = ui_state(ui, SCREEN_HELP);

	table_draw(ui, &help->tab, a, help_row, help);
}

static bool help_key(struct ui *ui, int key)
{
	struct help_state *help = ui_state(ui, SCREEN_HELP);

	if (!table_key(&help->tab, key))
		return false;
	ui->want_redraw = true;
	return true;
}

static void help_enter(struct ui *ui)
{
	struct help_state *help = ui_state(ui, SCREEN_HELP);
	/* The help is on top already: the screen below called it. */
	int from = ui->depth >= 2 ? (int)ui->stack[ui->depth - 2] : -1;
	long jump = 0;

	help->n = 0;
	help_emit(help, UC_TITLE, "proctop " PROCTOP_VERSION
		" - keys (Esc or q closes)", NULL);
	help_emit(help, UC_TITLE, "Everywhere", NULL);
	ui_keys_walk(UI_KEYS_EVERYWHERE, true, help_key_line, help);
	/* the keys that move in time: in full in a replay, else one line */
	if (ui_replaying(ui)) {
		help_emit(help, UC_NORMAL, "", NULL);
		help_emit(help, UC_TITLE, "Replay", NULL);
		ui_keys_walk(UI_KEYS_REPLAY, false, help_key_line, help);
	} else {
		char names[64] = " ";
		ui_keys_walk(UI_KEYS_REPLAY, false, help_names_join, names);
		help_emit(help, UC_FKEY_KEY, names,
			"Replay: move in time (with proctop --replay PATH)");
	}
	for (int s = 0; s < SCREEN_COUNT; s++) {
		help_emit(help, UC_NORMAL, "", NULL);
		if (s == from && s > SCREEN_LIST)
			jump = help->n;
		help_emit(help, UC_TITLE, ui_screens[s]->title, NULL);
		ui_keys_walk(s, true, help_key_line, help);
	}
	help_emit(help, UC_NORMAL, "", NULL);
	for (size_t i = 0; i < sizeof(help_legend) / sizeof(help_legend[0]); i++)
		help_emit(help, UC_DIM, help_legend[i], NULL);
	/* Opened from a sub-screen: start at its section (the draw clamps
	 * it to the last page). */
	help->tab = (struct table){ .view = true, .top = jump,
		.h = ui->area.h };
	table_set_rows(&help->tab, help->n);
}

static const struct ui_key help_keys[] = {
	{ ' ', "Space", "Page down", 0, NULL },
	UI_KEYS_END
};

static const struct ui_key *const help_keymap[] = {
	ui_move_keys, ui_hscroll_keys, help_keys, NULL
};

const struct screen_ops screen_help_ops = {
	.title = "Help",
	.show_header = false,
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.state_size = sizeof(struct help_state),
	.keys = help_keymap,
	.keys_section = "Help screen",
};

/* --list-keys: one line per key entry. */
struct list_keys_out {
	FILE *out;
	const char *section;
};

static void list_keys_line(const char *names, const char *desc, void *arg)
{
	const struct list_keys_out *o = arg;

	fprintf(o->out, "%-22s  %-14s  %s\n", o->section, names, desc);
}

void ui_list_keys(FILE *out)
{
	struct list_keys_out o = { out, "Every screen" };

	fprintf(out, "%-22s  %-14s  %s\n", "SCREEN", "KEYS", "ACTION");
	ui_keys_walk(UI_KEYS_EVERYWHERE, false, list_keys_line, &o);
	o.section = "Sub-screens";
	ui_keys_walk(UI_KEYS_SUBSCREENS, false, list_keys_line, &o);
	o.section = "Replay";
	ui_keys_walk(UI_KEYS_REPLAY, false, list_keys_line, &o);
	for (int s = 0; s < SCREEN_COUNT; s++) {
		const struct screen_ops *ops = ui_screens[s];
		bool seen = false;
		/* screens sharing a section (the process info screens) share
		 * their keys: list them once */
		for (int t = 0; t < s; t++)
			seen |= !strcmp(ui_screens[t]->keys_section,
				ops->keys_section);
		if (seen)
			continue;
		o.section = ops->keys_section;
		ui_keys_walk(s, false, list_keys_line, &o);
	}
	o.section = "Enter menu";
	for (size_t i = 0; i < ui_nenter_items; i++)
		list_keys_line(ui_enter_items[i].label, "an item of the menu "
			"Enter opens on the process list", &o);
}
