/* screen_help — every key, generated from ui_keys[] (the table the
 * dispatcher uses), grouped by screen, plus a legend of the markers. */
#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "ui_core.h"

/* Screen state: first line shown, lines that fit, the screen it was
 * opened from (its section is shown first; -1 once done), and where each
 * screen's section starts. */
static struct {
	long top;
	int h;
	long total;
	int jump;
	long section[SCREEN_COUNT];
} help;

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

/* Emit one help line: virtual line number *line, drawn when on screen. */
static void help_emit(struct ui *ui, const struct ui_rect *a, long *line,
	attr_t attr, const char *names, const char *desc)
{
	long y = *line - help.top;
	(*line)++;
	if (y < 0 || y >= a->h)
		return;
	int x = a->x + ui_put(ui, a->y + (int)y, a->x, a->w, attr, names);
	if (desc) {
		int pad = 18 - (x - a->x);
		x += pad > 0 ? pad : 1;
		ui_put(ui, a->y + (int)y, x, a->x + a->w - x, 0, desc);
	}
}

/* Lines for the entries of one section. */
static void help_section(struct ui *ui, const struct ui_rect *a, long *line,
	unsigned bit, bool everywhere)
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
		help_emit(ui, a, line, ui_attr(ui, UC_FKEY_KEY), names, k->desc);
	}
}

static void help_draw(struct ui *ui, const struct ui_rect *a)
{
	long line = 0;

	help.h = a->h;
	if (a->h <= 0 || a->w <= 0)
		return;
	help_emit(ui, a, &line, ui_attr(ui, UC_TITLE),
		"proctop " PROCTOP_VERSION " - keys (Esc or q closes)", NULL);
	help_emit(ui, a, &line, ui_attr(ui, UC_TITLE), "Everywhere", NULL);
	help_section(ui, a, &line, SCR_ALL, true);
	for (int s = 0; s < SCREEN_COUNT; s++) {
		help_emit(ui, a, &line, 0, "", NULL);
		help.section[s] = line;
		const struct screen_ops *ops = ui_screens[s];
		char title[64];
		snprintf(title, sizeof(title), "%s%s",
			ops ? ops->title : "Screen", ops ? "" : " (not yet)");
		help_emit(ui, a, &line, ui_attr(ui, UC_TITLE), title, NULL);
		help_section(ui, a, &line, SCR_BIT(s), false);
	}
	help_emit(ui, a, &line, 0, "", NULL);
	for (size_t i = 0; i < sizeof(help_legend) / sizeof(help_legend[0]); i++)
		help_emit(ui, a, &line, ui_attr(ui, UC_DIM), help_legend[i], NULL);
	help.total = line;
	if (help.jump > SCREEN_LIST && help.jump < SCREEN_COUNT) {
		/* Opened from a sub-screen: start at its section. */
		help.top = help.section[help.jump];
		help.jump = -1;
		if (help.top > help.total - help.h)
			help.top = help.total - help.h > 0 ?
				help.total - help.h : 0;
		for (int y = 0; y < a->h; y++)
			ui_fill(ui, a->y + y, a->x, a->w, 0);
		help_draw(ui, a);
		return;
	}
	help.jump = -1;
	if (help.top > 0 && help.top > help.total - help.h) {
		/* End (or a shrunk window): redraw from the clamped line. */
		help.top = help.total - help.h > 0 ? help.total - help.h : 0;
		for (int y = 0; y < a->h; y++)
			ui_fill(ui, a->y + y, a->x, a->w, 0);
		help_draw(ui, a);
	}
}

static bool help_key(struct ui *ui, int key)
{
	long page = help.h > 1 ? help.h - 1 : 1;
	/* Before the first draw total is 0: allow any line, draw clamps. */
	long max = help.total ? help.total - help.h : 1L << 20;

	switch (key) {
	case KEY_UP: help.top--; break;
	case KEY_DOWN: case ' ': help.top++; break;
	case KEY_PPAGE: help.top -= page; break;
	case KEY_NPAGE: help.top += page; break;
	case KEY_HOME: help.top = 0; break;
	case KEY_END: help.top = 1L << 20; break;
	default: return false;
	}
	if (key != KEY_END && help.top > max)
		help.top = max;
	if (help.top < 0)
		help.top = 0;
	ui->want_redraw = true;
	return true;
}

static void help_enter(struct ui *ui)
{
	help.top = 0;
	/* The help is on top already: the screen below called it. */
	help.jump = ui->depth >= 2 ? (int)ui->stack[ui->depth - 2] : -1;
}

const struct screen_ops screen_help_ops = {
	.title = "Help",
	.show_header = false,
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
};
