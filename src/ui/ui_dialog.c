/* ui_dialog — modal dialogs: menu, checklist, confirm, input line.
 *
 * Non-blocking: the main loop keeps sampling and drawing underneath; keys
 * go to the top dialog; when it ends it is removed first and then its
 * done() callback runs (which may open the next dialog). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proctop/lineedit.h"
#include "proctop/text.h"
#include "proctop/xalloc.h"
#include "ui_core.h"
#include "table.h"
#include "ui_priv.h"

struct ui_dialog {
	enum dialog_kind kind;
	struct ui_dialog_req req;     /* copy; its pointers are not used */
	char *title, *text;           /* owned, "" when none */
	char **items;                 /* owned array of owned strings */
	bool *checked;                /* owned, CHECKLIST */
	size_t nitems;
	struct table tab;             /* MENU/CHECKLIST: the items */
	size_t item_w;                /* columns for an item's text */
	struct lineedit le;           /* INPUT: text, cursor, selection */
	char note[64];                /* INPUT: shown after the text */
	char num[8];                  /* MENU number_keys: digits typed */
	size_t nnum;
	struct timespec num_at;       /* when the last digit was typed */
};

void ui_dialogs_init(struct ui *ui)
{
	ui->dialogs = xcalloc(UI_MAX_DIALOGS, sizeof(*ui->dialogs));
	ui->ndialogs = 0;
}

static void dialog_free(struct ui_dialog *d)
{
	free(d->title);
	free(d->text);
	for (size_t i = 0; i < d->nitems; i++)
		free(d->items[i]);
	free(d->items);
	free(d->checked);
	memset(d, 0, sizeof(*d));
}

void ui_dialogs_fini(struct ui *ui)
{
	for (size_t i = 0; i < ui->ndialogs; i++)
		dialog_free(&ui->dialogs[i]);
	free(ui->dialogs);
	ui->dialogs = NULL;
	ui->ndialogs = 0;
}

bool ui_dialog_active(const struct ui *ui)
{
	return ui->ndialogs > 0;
}

void ui_dialog_note(struct ui *ui, const char *note)
{
	if (!ui->ndialogs)
		return;
	struct ui_dialog *d = &ui->dialogs[ui->ndialogs - 1];
	snprintf(d->note, sizeof(d->note), "%s", note ? note : "");
	ui->want_redraw = true;
}

void ui_dialog_open(struct ui *ui, enum dialog_kind kind,
	const struct ui_dialog_req *req)
{
	if (ui->ndialogs >= UI_MAX_DIALOGS) {
		ui_message(ui, "Too many dialogs open");
		return;
	}
	struct ui_dialog *d = &ui->dialogs[ui->ndialogs];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->req = *req;
	d->title = xstrdup(req->title ? req->title : "");
	d->text = xstrdup(req->text ? req->text : "");
	if (kind == DIALOG_MENU || kind == DIALOG_CHECKLIST) {
		d->nitems = req->items ? req->nitems : 0;
		d->items = xcalloc(d->nitems + 1, sizeof(*d->items));
		d->checked = xcalloc(d->nitems + 1, sizeof(*d->checked));
		for (size_t i = 0; i < d->nitems; i++) {
			d->items[i] = xstrdup(req->items[i] ? req->items[i] : "");
			d->checked[i] = req->checked ? req->checked[i] : false;
		}
		d->tab = (struct table){ .fill = UC_DIALOG,
			.selected = UC_DIALOG_SEL };
		table_set_rows(&d->tab, (long)d->nitems);
		table_select(&d->tab, req->initial >= 0 &&
			(size_t)req->initial < d->nitems ? req->initial : 0);
	}
	lineedit_init(&d->le, req->initial_text, req->max_len,
		req->select_initial);
	ui->ndialogs++;
	ui->want_redraw = true;
}

/* Remove the top dialog, then report to its owner. */
static void dialog_end(struct ui *ui, bool ok)
{
	struct ui_dialog d = ui->dialogs[--ui->ndialogs];
	memset(&ui->dialogs[ui->ndialogs], 0, sizeof(d));

	struct ui_dialog_result res = {
		.ok = ok, .choice = d.nitems ? d.tab.sel : -1,
		.checked = d.checked, .nitems = d.nitems, .text = d.le.text,
		.target = d.req.target, .tag = d.req.tag, .arg = d.req.arg,
	};
	ui->want_redraw = true;
	if (d.req.done)
		d.req.done(ui, &res);
	dialog_free(&d);
}

/* ---- keys ------------------------------------------------------------- */

/* Jump to the next item whose first non-blank character is c. */
static void dialog_jump(struct ui_dialog *d, int c)
{
	for (size_t k = 1; k <= d->nitems; k++) {
		size_t i = ((size_t)d->tab.sel + k) % d->nitems;
		const char *s = d->items[i];
		while (*s == ' ')
			s++;
		int a = (unsigned char)*s, b = c;
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a == b) {
			table_select(&d->tab, (long)i);
			return;
		}
	}
}

/* Leading number of an item ("15 TERM ..." -> 15), -1 if none. */
static long item_number(const char *s)
{
	long v = -1;

	while (*s == ' ')
		s++;
	for (size_t i = 0; i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		v = (v < 0 ? 0 : v * 10) + (s[i] - '0');
	return v;
}

static long find_number(const struct ui_dialog *d, const char *digits)
{
	long want = strtol(digits, NULL, 10);

	for (size_t i = 0; i < d->nitems; i++)
		if (item_number(d->items[i]) == want)
			return (long)i;
	return -1;
}

/* A digit in a number_keys menu: extend the number typed (a pause of
 * more than a second starts a new one) and select its item. */
static void dialog_number(struct ui_dialog *d, int key)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	double gap = (double)(now.tv_sec - d->num_at.tv_sec) +
		(double)(now.tv_nsec - d->num_at.tv_nsec) / 1e9;
	if (gap > 1.0 || d->nnum + 1 >= sizeof(d->num))
		d->nnum = 0;
	d->num_at = now;
	d->num[d->nnum++] = (char)key;
	d->num[d->nnum] = '\0';
	long i = find_number(d, d->num);
	if (i < 0 && d->nnum > 1) {
		/* "1","5","9": no signal 159; start again at "9". */
		d->num[0] = (char)key;
		d->num[1] = '\0';
		d->nnum = 1;
		i = find_number(d, d->num);
	}
	if (i >= 0)
		table_select(&d->tab, i);
}

static bool list_keys(struct ui_dialog *d, int key)
{
	/* Left / Right stay with the dialog's own use (none). */
	if (key == KEY_LEFT || key == KEY_RIGHT)
		return false;
	return table_key(&d->tab, key);
}

static void input_key(struct ui *ui, struct ui_dialog *d, int key)
{
	bool edited;

	switch (key) {
	case KEY_LEFT: edited = lineedit_apply(&d->le, LINEEDIT_LEFT); break;
	case KEY_RIGHT: edited = lineedit_apply(&d->le, LINEEDIT_RIGHT); break;
	case KEY_HOME: case 1:   /* ^A */
		edited = lineedit_apply(&d->le, LINEEDIT_HOME);
		break;
	case KEY_END: case 5:    /* ^E */
		edited = lineedit_apply(&d->le, LINEEDIT_END);
		break;
	case KEY_BACKSPACE: case 127: case 8:
		edited = lineedit_apply(&d->le, LINEEDIT_BACKSPACE);
		break;
	case KEY_DC: edited = lineedit_apply(&d->le, LINEEDIT_DELETE); break;
	case 21:   /* ^U */
		edited = lineedit_apply(&d->le, LINEEDIT_CLEAR);
		break;
	default:
		edited = key >= 0 && key <= 0xff &&
			lineedit_insert(&d->le, (unsigned char)key);
		break;
	}
	if (edited && d->req.changed)
		d->req.changed(ui, d->le.text, d->req.arg);
}

void ui_dialog_key(struct ui *ui, int key)
{
	struct ui_dialog *d;

	if (!ui->ndialogs)
		return;
	d = &ui->dialogs[ui->ndialogs - 1];
	ui->want_redraw = true;
	if (key == 27 || key == KEY_F(10)) {
		dialog_end(ui, false);
		return;
	}
	switch (d->kind) {
	case DIALOG_MENU:
		if (d->req.number_keys && key >= '0' && key <= '9') {
			dialog_number(d, key);
			break;
		}
		d->nnum = 0;
		if (key == '\n' || key == '\r' || key == KEY_ENTER)
			dialog_end(ui, d->nitems > 0);
		else if (!list_keys(d, key) && key > 0x20 && key < 0x7f)
			dialog_jump(d, key);
		break;
	case DIALOG_CHECKLIST:
		if (key == '\n' || key == '\r' || key == KEY_ENTER ||
		    (d->req.confirm_keys && (key == 'y' || key == 'Y'))) {
			dialog_end(ui, true);
		} else if (d->req.confirm_keys && (key == 'n' || key == 'N')) {
			dialog_end(ui, false);
		} else if (key == ' ' && d->nitems) {
			d->checked[d->tab.sel] = !d->checked[d->tab.sel];
			table_select(&d->tab, d->tab.sel + 1);
		} else if (!d->req.confirm_keys && (key == 'a' || key == 'n')) {
			for (size_t i = 0; i < d->nitems; i++)
				d->checked[i] = key == 'a';
		} else {
			list_keys(d, key);
		}
		break;
	case DIALOG_CONFIRM:
		if (key == 'y' || key == 'Y' || key == '\n' || key == '\r' ||
		    key == KEY_ENTER)
			dialog_end(ui, true);
		else if (key == 'n' || key == 'N' || key == 'q')
			dialog_end(ui, false);
		break;
	case DIALOG_INPUT:
		if (key == '\n' || key == '\r' || key == KEY_ENTER)
			dialog_end(ui, true);
		else if (!(key > 0xff && d->req.key &&
			   d->req.key(ui, key, d->req.arg)))
			input_key(ui, d, key);
		break;
	}
}

/* ---- drawing ---------------------------------------------------------- */

static int dialog_text_w(const char *s)
{
	return (int)text_width(s, strlen(s));
}

/* Draw the input text with the cursor, at (y, x) within w columns. */
static void input_draw(struct ui *ui, struct ui_dialog *d, int y, int x,
	int w, attr_t a)
{
	struct sbuf *sb = &ui->scratch;
	size_t before, total;

	if (w <= 0)
		return;
	sbuf_reset(sb);
	before = text_sanitize(sb, d->le.text, d->le.cur, ui->utf8);
	total = before + text_sanitize(sb, d->le.text + d->le.cur,
		d->le.len - d->le.cur, ui->utf8);
	(void)total;
	size_t skip = before + 1 > (size_t)w ? before + 1 - (size_t)w : 0;
	ui_line_begin(ui);
	ui_line_add(ui, a, sb->data, sb->len);
	ui_line_draw(ui, y, x, w, skip, a, 0, false);
	int cx = x + (int)(before - skip);
	if (cx < ui->scr_w && y < ui->scr_h) {
		move(y, cx);
		curs_set(1);
	}
}

bool ui_dialog_draw_bottom(struct ui *ui)
{
	if (!ui->ndialogs)
		return false;
	struct ui_dialog *d = &ui->dialogs[ui->ndialogs - 1];
	if (d->kind != DIALOG_INPUT || !d->req.bottom_line)
		return false;
	int y = ui->scr_h - 1;
	attr_t a = ui_attr(ui, UC_FKEY_LABEL);
	ui_fill(ui, y, 0, ui->scr_w, a);
	int x = ui_put(ui, y, 0, ui->scr_w, ui_attr(ui, UC_FKEY_KEY), d->text);
	x += ui_put(ui, y, x, ui->scr_w - x, a, " ");
	int nw = d->note[0] ? dialog_text_w(d->note) + 2 : 0;
	if (nw && nw < ui->scr_w - x - 8) {
		ui_put(ui, y, ui->scr_w - nw + 1, nw - 1,
			ui_attr(ui, UC_WARNING), d->note);
	} else {
		nw = 0;
	}
	input_draw(ui, d, y, x, ui->scr_w - x - nw, ui_attr(ui, UC_NORMAL) |
		(d->le.selected ? A_REVERSE : 0));
	return true;
}

static attr_t item_row(struct ui *ui, long i, void *arg)
{
	const struct ui_dialog *d = arg;
	attr_t a = ui_attr(ui, UC_DIALOG);

	ui_line_pad(ui, a, 1);
	if (d->kind == DIALOG_CHECKLIST)
		ui_line_add(ui, a, d->checked[i] ? "[x] " : "[ ] ", 4);
	table_cell(ui, a, d->items[i], strlen(d->items[i]), d->item_w, true,
		true);
	return 0;
}

/* The items from row y0 of the box's inside; "more" on the frame when
 * items are above or below the ones shown. */
static void list_draw(struct ui *ui, struct ui_dialog *d,
	const struct ui_rect *in, int y0)
{
	struct ui_rect r = { y0, in->x, in->y + in->h - y0, in->w };
	int extra = 2 + (d->kind == DIALOG_CHECKLIST ? 4 : 0);

	if (r.h <= 0)
		return;
	d->item_w = in->w > extra ? (size_t)(in->w - extra) : 1;
	table_draw(ui, &d->tab, &r, item_row, d);
	/* On the bottom frame (the top one holds the title): ▲ items
	 * above, ▼ items below. */
	bool up = d->tab.top > 0, down = d->tab.top + d->tab.h < d->tab.n;
	int mx = in->x + in->w - 9;
	if ((up || down) && mx > in->x) {
		char mark[16];
		snprintf(mark, sizeof(mark), "%s%s more", up ? (ui->utf8 ?
			"\u25b2" : "^") : "", down ? (ui->utf8 ? "\u25bc" :
			"v") : "");
		ui_put(ui, in->y + in->h, mx, 8, ui_attr(ui, UC_DIALOG) |
			A_BOLD, mark);
	}
}

void ui_dialog_draw(struct ui *ui)
{
	struct ui_dialog *d = &ui->dialogs[ui->ndialogs - 1];
	int want_w = dialog_text_w(d->title) + 6;
	int want_h = 2;
	int tw = dialog_text_w(d->text);

	if (d->kind == DIALOG_INPUT && d->req.bottom_line)
		return;
	if (tw + 4 > want_w)
		want_w = tw + 4;
	if (d->text[0])
		want_h++;
	if (d->kind == DIALOG_MENU || d->kind == DIALOG_CHECKLIST) {
		for (size_t i = 0; i < d->nitems; i++) {
			int w = dialog_text_w(d->items[i]) + 5 +
				(d->kind == DIALOG_CHECKLIST ? 4 : 0);
			if (w > want_w)
				want_w = w;
		}
		want_h += d->nitems ? (int)d->nitems : 1;
	} else if (d->kind == DIALOG_INPUT) {
		want_h++;
		if (want_w < 40)
			want_w = 40;
	} else {
		want_h++;   /* "y / n" line */
	}
	if (want_w > ui->scr_w)
		want_w = ui->scr_w;
	if (want_h > ui->scr_h - 1)
		want_h = ui->scr_h - 1;
	if (want_w < 3 || want_h < 3)
		return;   /* too small to draw; keys still work */
	struct ui_rect r = {
		(ui->scr_h - 1 - want_h) / 2, (ui->scr_w - want_w) / 2,
		want_h, want_w,
	};
	struct ui_rect in = ui_box(ui, &r, d->title);
	attr_t a = ui_attr(ui, UC_DIALOG);
	int y = in.y;
	if (d->text[0] && in.h > 0) {
		if (d->nnum) {
			char typed[64];
			snprintf(typed, sizeof(typed), "Number: %s", d->num);
			ui_put(ui, y, in.x + 1, in.w - 1, a | A_BOLD, typed);
		} else {
			ui_put(ui, y, in.x + 1, in.w - 1, a, d->text);
		}
		y++;
	}
	switch (d->kind) {
	case DIALOG_MENU:
	case DIALOG_CHECKLIST:
		list_draw(ui, d, &in, y);
		break;
	case DIALOG_CONFIRM:
		if (y < in.y + in.h)
			ui_put(ui, y, in.x + 1, in.w - 1, a | A_BOLD,
				"y / Enter: yes   n / Esc: no");
		break;
	case DIALOG_INPUT:
		if (y < in.y + in.h)
			input_draw(ui, d, y, in.x + 1, in.w - 2,
				ui_attr(ui, UC_NORMAL) |
				(d->le.selected ? A_REVERSE : 0));
		break;
	}
}
