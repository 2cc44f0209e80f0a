/* screen_help — every key, generated from ui_keys[] (the table the
 * dispatcher uses), grouped by screen, plus a legend of the markers. */
#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "table.h"
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

/* Is entry k shown in the "Everywhere" section? */
static bool help_everywhere(const struct ui_key *k)
{
	return (k->screens & SCR_BIT(SCREEN_LIST)) &&
		(k->screens | SCR_BIT(SCREEN_HELP)) == SCR_ALL;
}

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

/* Lines for the entries of one section. */
static void help_section(struct help_state *help, unsigned bit,
	bool everywhere)
{
	for (size_t i = 0; i < ui_nkeys; i++) {
		const struct ui_key *k = &ui_keys[i];
		char names[64];
		if (!k->desc || !k->name || !(k->screens & bit) ||
		    help_everywhere(k) != everywhere)
			continue;
		snprintf(names, sizeof(names), "  %s", k->name);
		for (size_t j = i + 1; j < ui_nkeys && !ui_keys[j].desc; j++) {
			if (!ui_keys[j].name || !(ui_keys[j].screens & bit))
				continue;
			size_t n = strlen(names);
			snprintf(names + n, sizeof(names) - n, " %s",
				ui_keys[j].name);
		}
		help_emit(help, UC_FKEY_KEY, names, k->desc);
	}
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
	help_section(help, SCR_ALL, true);
	for (int s = 0; s < SCREEN_COUNT; s++) {
		const struct screen_ops *ops = ui_screens[s];
		char title[64];
		help_emit(help, UC_NORMAL, "", NULL);
		if (s == from && s > SCREEN_LIST)
			jump = help->n;
		snprintf(title, sizeof(title), "%s%s",
			ops ? ops->title : "Screen", ops ? "" : " (not yet)");
		help_emit(help, UC_TITLE, title, NULL);
		help_section(help, SCR_BIT(s), false);
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

const struct screen_ops screen_help_ops = {
	.title = "Help",
	.show_header = false,
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.state_size = sizeof(struct help_state),
};
