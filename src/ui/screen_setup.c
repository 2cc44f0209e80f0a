/* screen_setup — F2: which columns the process list shows and in which
 * order, the refresh interval, colours.  Changes apply at once and are
 * saved to proctoprc. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "proctop/columns.h"
#include "proctop/units.h"
#include "screens.h"
#include "table.h"
#include "ui_config.h"
#include "ui_core.h"
#include "ui_priv.h"

/* Screen state (per instance: ui_state): focused pane (0 shown, 1
 * available) and the panes. */
struct setup_state {
	int focus;
	struct table tab[2];
	enum column_id avail[COL_COUNT];
	size_t navail;
};

static struct setup_state *st(struct ui *ui)
{
	return ui_state(ui, SCREEN_SETUP);
}

/* What a pane's row callback gets. */
struct pane_arg {
	const struct setup_state *su;
	int pane;            /* 0 shown, 1 available */
	int row_w;           /* the pane's inner width */
};

static void setup_avail(struct setup_state *su, const struct ui *ui)
{
	su->navail = 0;
	for (size_t id = 0; id < COL_COUNT; id++) {
		bool shown = false;
		for (size_t i = 0; i < ui->ncols; i++)
			if (ui->cols[i] == (enum column_id)id)
				shown = true;
		if (!shown)
			su->avail[su->navail++] = (enum column_id)id;
	}
}

static void setup_clamp(struct setup_state *su, const struct ui *ui)
{
	table_set_rows(&su->tab[0], (long)ui->ncols);
	table_set_rows(&su->tab[1], (long)su->navail);
}

/* The columns changed: remember them and read what they need. */
static void setup_changed(struct ui *ui)
{
	struct setup_state *su = st(ui);

	memcpy(ui->settings.cols, ui->cols, ui->ncols * sizeof(ui->cols[0]));
	ui->settings.ncols = ui->ncols;
	ui_settings_changed(ui);
	ui_request_sample(ui);
	setup_avail(su, ui);
	setup_clamp(su, ui);
}

static void setup_enter(struct ui *ui)
{
	struct setup_state *su = st(ui);

	for (int p = 0; p < 2; p++)
		su->tab[p] = (struct table){ .fill = UC_DIALOG,
			.selected = UC_DIALOG };
	setup_avail(su, ui);
}

static attr_t pane_row(struct ui *ui, long i, void *arg)
{
	const struct pane_arg *pa = arg;
	const struct column *c = &columns_table[pa->pane ?
		pa->su->avail[i] : ui->cols[i]];
	char line[160];
	bool cur = i == pa->su->tab[pa->pane].sel;

	snprintf(line, sizeof(line), "%-9s %-9s %s", c->header, c->key,
		c->desc);
	/* Cut to the pane with the mark (the table scrolls no further). */
	table_cell(ui, ui_attr(ui, UC_DIALOG) | (cur ? A_BOLD : 0), line,
		strlen(line), pa->row_w > 0 ? (size_t)pa->row_w : 0, true,
		true);
	return 0;
}

static void pane_draw(struct ui *ui, struct setup_state *su,
	const struct ui_rect *r, int pane, const char *title)
{
	struct ui_rect in = ui_box(ui, r, title);

	if (in.h <= 0)
		return;
	/* the focused pane's cursor in the selection colour */
	su->tab[pane].selected = su->focus == pane ? UC_DIALOG_SEL : UC_DIALOG;
	struct pane_arg pa = { su, pane, in.w };
	table_draw(ui, &su->tab[pane], &in, pane_row, &pa);
}

/* The panes' rows (the columns may have changed meanwhile). */
static void setup_prepare(struct ui *ui, const struct ui_rect *a)
{
	struct setup_state *su = st(ui);

	setup_avail(su, ui);
	setup_clamp(su, ui);
}

static void setup_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct setup_state *su = st(ui);
	char line[160], secs[32];

	if (a->h <= 0 || a->w <= 0)
		return;
	units_double(secs, sizeof(secs), ui_delay(ui), 1);
	snprintf(line, sizeof(line), "Setup  |  refresh interval %s s (d)  |  "
		"colours %s (C)  |  Tab switches pane, Del removes, Enter adds, "
		"[ ] move", secs, ui->settings.color ? "on" : "off");
	ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_TITLE), line);
	if (a->h < 4 || a->w < 8)
		return;
	int half = a->w / 2;
	struct ui_rect l = { a->y + 1, a->x, a->h - 1, half };
	struct ui_rect r = { a->y + 1, a->x + half, a->h - 1, a->w - half };
	pane_draw(ui, su, &l, 0, "Shown columns");
	pane_draw(ui, su, &r, 1, "Available columns");
}

static void interval_done(struct ui *ui, const struct ui_dialog_result *r)
{
	char text[64];
	double s = 0.0;

	if (!r->ok)
		return;
	/* Blanks around the number are fine. */
	const char *p = r->text;
	while (*p == ' ')
		p++;
	snprintf(text, sizeof(text), "%s", p);
	size_t n = strlen(text);
	while (n && text[n - 1] == ' ')
		text[--n] = '\0';
	int err = ui_config_parse_seconds(text, &s);
	if (err == -ERANGE) {
		ui_warning(ui, "interval out of range: 0.1 to 86400 seconds");
		return;
	}
	if (err) {
		ui_warning(ui, "interval: not a number (use '.' as the decimal "
			"point, e.g. 1.5)");
		return;
	}
	ui->settings.delay_s = s;
	ui_settings_changed(ui);
	if (ui->opts->delay_set)
		ui_message(ui, "Saved; -d on the command line wins for this run");
	ui_request_sample(ui);
}

static void setup_interval(struct ui *ui)
{
	char secs[32];
	units_double(secs, sizeof(secs), ui->settings.delay_s, 1);
	struct ui_dialog_req req = {
		.title = "Refresh interval", .text = "Seconds (0.1 - 86400):",
		.initial_text = secs, .select_initial = true, .max_len = 16,
		.done = interval_done,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

static void setup_move(struct ui *ui, long delta)
{
	struct setup_state *su = st(ui);
	long i = su->tab[0].sel, j = i + delta;
	if (su->focus != 0 || j < 0 || j >= (long)ui->ncols)
		return;
	enum column_id t = ui->cols[i];
	ui->cols[i] = ui->cols[j];
	ui->cols[j] = t;
	table_select(&su->tab[0], j);
	setup_changed(ui);
}

static void setup_remove(struct ui *ui)
{
	struct setup_state *su = st(ui);
	long i = su->tab[0].sel;
	if (su->focus != 0 || i < 0 || (size_t)i >= ui->ncols)
		return;
	if (ui->ncols <= 1) {
		ui_message(ui, "At least one column must stay");
		return;
	}
	memmove(&ui->cols[i], &ui->cols[i + 1],
		(ui->ncols - (size_t)i - 1) * sizeof(ui->cols[0]));
	ui->ncols--;
	setup_changed(ui);
}

static void setup_add(struct ui *ui)
{
	struct setup_state *su = st(ui);
	long i = su->tab[1].sel;
	if (su->focus != 1 || i < 0 || (size_t)i >= su->navail)
		return;
	if (ui->ncols >= OPTIONS_MAX_COLUMNS)
		return;
	size_t at = ui->ncols && su->tab[0].sel >= 0 ?
		(size_t)su->tab[0].sel + 1 : 0;
	if (at > ui->ncols)
		at = ui->ncols;
	memmove(&ui->cols[at + 1], &ui->cols[at],
		(ui->ncols - at) * sizeof(ui->cols[0]));
	ui->cols[at] = su->avail[i];
	ui->ncols++;
	table_set_rows(&su->tab[0], (long)ui->ncols);
	table_select(&su->tab[0], (long)at);
	setup_changed(ui);
}

static bool setup_key(struct ui *ui, int key)
{
	struct setup_state *su = st(ui);

	if (key != KEY_LEFT && key != KEY_RIGHT &&
	    table_key(&su->tab[su->focus], key)) {
		ui->want_redraw = true;
		return true;
	}
	switch (key) {
	case '\t': case KEY_BTAB: su->focus = !su->focus; break;
	case KEY_DC: case '-': setup_remove(ui); break;
	case '\n': case '\r': case KEY_ENTER: case '+':
		if (su->focus == 1)
			setup_add(ui);
		else
			su->focus = 1;
		break;
	case '[': setup_move(ui, -1); break;
	case ']': setup_move(ui, 1); break;
	case 'd': setup_interval(ui); break;
	case 'C':
		ui->settings.color = !ui->settings.color;
		ui_settings_changed(ui);
		ui_colors_init(ui);
		break;
	case 'r':
		ui->ncols = columns_default_tui_n < OPTIONS_MAX_COLUMNS ?
			columns_default_tui_n : OPTIONS_MAX_COLUMNS;
		memcpy(ui->cols, columns_default_tui,
			ui->ncols * sizeof(ui->cols[0]));
		setup_changed(ui);
		break;
	default:
		return false;
	}
	setup_clamp(su, ui);
	ui->want_redraw = true;
	return true;
}

static const struct ui_fkey setup_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "Tab", "Pane", '\t' },
	{ "Del", "Remove", KEY_DC }, { "Enter", "Add", '\n' },
	{ "[/]", "Move", '[' }, { "d", "Interval", 'd' },
	{ "Esc", "Done", 27 }, { NULL, NULL, 0 },
};

static void setup_leave(struct ui *ui)
{
	/* "Saved when changed": leaving the setup is when. */
	ui_save_settings(ui);
	ui_request_rebuild(ui);
}

static const struct ui_key setup_keys[] = {
	{ '\t', "Tab", "Switch between shown and available columns", 0, NULL },
	{ KEY_BTAB, "Shift-Tab", NULL, 0, NULL },
	{ KEY_DC, "Del", "Remove the selected shown column", 0, NULL },
	{ '-', "-", NULL, 0, NULL },
	{ '\n', "Enter", "Available pane: add the column after the shown "
		"selection; shown pane: go to the available pane", 0, NULL },
	{ '+', "+", NULL, 0, NULL },
	{ '[', "[", "Move the selected column up / down", 0, NULL },
	{ ']', "]", NULL, 0, NULL },
	{ 'd', "d", "Set the refresh interval", 0, NULL },
	{ 'C', "C", "Colours on / off", 0, NULL },
	{ 'r', "r", "Reset columns to the defaults", 0, NULL },
	UI_KEYS_END
};

static const struct ui_key *const setup_keymap[] = {
	ui_move_keys, setup_keys, NULL
};

const struct screen_ops screen_setup_ops = {
	.title = "Setup",
	.show_header = false,
	.fkeys = setup_fkeys,
	.enter = setup_enter,
	.leave = setup_leave,
	.state_size = sizeof(struct setup_state),
	.prepare = setup_prepare,
	.draw = setup_draw,
	.key = setup_key,
	.keys = setup_keymap,
	.keys_section = "Setup screen",
};
