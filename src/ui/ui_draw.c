/* ui_draw — colours, clipped drawing helpers, the span line composer, the
 * message line and the function-key bar. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "proctop/text.h"
#include "proctop/units.h"
#include "ui_core.h"
#include "ui_replay.h"
#include "screens.h"
#include "ui_priv.h"

/* One colour role: foreground, background (-1 = terminal default), extra
 * attributes with colours, and the monochrome stand-in. */
struct ui_color_def {
	short fg, bg;
	attr_t color_attr;
	attr_t mono;
};

static const struct ui_color_def ui_color_defs[UC_COUNT] = {
	[UC_NORMAL] = { -1, -1, 0, 0 },
	[UC_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UC_COLHEAD] = { COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE },
	[UC_COLHEAD_SORT] = { COLOR_BLACK, COLOR_CYAN, A_BOLD,
		A_REVERSE | A_BOLD | A_UNDERLINE },
	[UC_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[UC_TAGGED] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UC_FKEY_KEY] = { -1, -1, A_BOLD, A_BOLD },
	[UC_FKEY_LABEL] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[UC_MESSAGE] = { COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE },
	[UC_WARNING] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[UC_METER_LABEL] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UC_METER_TEXT] = { -1, -1, A_DIM, 0 },
	[UC_METER_BRACKET] = { -1, -1, A_BOLD, A_BOLD },
	[UC_CPU_USER] = { COLOR_GREEN, -1, 0, 0 },
	[UC_CPU_NICE] = { COLOR_BLUE, -1, A_BOLD, 0 },
	[UC_CPU_SYSTEM] = { COLOR_RED, -1, 0, A_BOLD },
	[UC_CPU_IOWAIT] = { COLOR_WHITE, -1, A_DIM, A_DIM },
	[UC_CPU_STEAL] = { COLOR_CYAN, -1, 0, A_UNDERLINE },
	[UC_MEM_USED] = { COLOR_GREEN, -1, 0, 0 },
	[UC_MEM_BUFFERS] = { COLOR_BLUE, -1, A_BOLD, A_BOLD },
	[UC_MEM_CACHE] = { COLOR_YELLOW, -1, 0, A_DIM },
	[UC_SWAP_USED] = { COLOR_RED, -1, 0, 0 },
	[UC_SWAP_CACHE] = { COLOR_YELLOW, -1, 0, A_DIM },
	[UC_STATE_R] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[UC_STATE_BAD] = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[UC_STATE_STOP] = { COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE },
	[UC_BASENAME] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UC_KTHREAD] = { COLOR_BLUE, -1, A_BOLD, A_DIM },
	[UC_THREAD] = { COLOR_GREEN, -1, 0, A_DIM },
	[UC_ORPHAN] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[UC_DIM] = { -1, -1, A_DIM, A_DIM },
	[UC_DIALOG] = { COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	[UC_DIALOG_SEL] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_BOLD },
	[UC_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
};

void ui_colors_init(struct ui *ui)
{
	bool want = ui->settings.color && !ui->opts->no_color;

	ui->color = false;
	if (!want || !has_colors() || start_color() != OK || COLORS < 8)
		return;
	use_default_colors();
	for (int c = 1; c < UC_COUNT && c < COLOR_PAIRS; c++)
		init_pair((short)c, ui_color_defs[c].fg, ui_color_defs[c].bg);
	ui->color = true;
}

attr_t ui_attr(const struct ui *ui, enum ui_color c)
{
	if ((unsigned)c >= UC_COUNT)
		return 0;
	if (!ui->color)
		return ui_color_defs[c].mono;
	if (c == UC_NORMAL)
		return 0;
	return COLOR_PAIR(c) | ui_color_defs[c].color_attr;
}

/* ---- clipped drawing -------------------------------------------------- */

/* Write sanitised UTF-8 at (y, x) limited to w columns; returns width. */
static int ui_put_safe(struct ui *ui, int y, int x, int w, attr_t attr,
	const char *s, size_t len)
{
	if (y < 0 || y >= ui->scr_h || x < 0 || x >= ui->scr_w || w <= 0)
		return 0;
	if (w > ui->scr_w - x)
		w = ui->scr_w - x;
	/* Text that does not fit ends with the cut mark. */
	bool cut;
	size_t keep = text_cut(s, len, (size_t)w, &cut, NULL);
	ui_line_begin(ui);
	ui_line_add(ui, attr, s, keep);
	if (cut) {
		const char *mark = text_cut_mark(ui->utf8);
		ui_line_add(ui, attr, mark, strlen(mark));
	}
	size_t width = ui_line_width(ui);
	ui_line_draw(ui, y, x, (int)(width < (size_t)w ? width : (size_t)w), 0,
		attr, 0, false);
	return (int)(width < (size_t)w ? width : (size_t)w);
}

int ui_put(struct ui *ui, int y, int x, int w, attr_t attr, const char *s)
{
	return ui_put_untrusted(ui, y, x, w, attr, s, strlen(s));
}

int ui_put_untrusted(struct ui *ui, int y, int x, int w, attr_t attr,
	const char *s, size_t len)
{
	if (y < 0 || y >= ui->scr_h || x < 0 || x >= ui->scr_w || w <= 0)
		return 0;
	sbuf_reset(&ui->scratch);
	text_sanitize(&ui->scratch, s, len, ui->utf8);
	/* ui_put_safe uses ui->line; scratch stays intact meanwhile. */
	return ui_put_safe(ui, y, x, w, attr, ui->scratch.data,
		ui->scratch.len);
}

void ui_fill(struct ui *ui, int y, int x, int w, attr_t attr)
{
	if (y < 0 || y >= ui->scr_h || x < 0 || x >= ui->scr_w || w <= 0)
		return;
	if (w > ui->scr_w - x)
		w = ui->scr_w - x;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

struct ui_rect ui_box(struct ui *ui, const struct ui_rect *r, const char *title)
{
	struct ui_rect in = { r->y + 1, r->x + 1, r->h - 2, r->w - 2 };
	attr_t a = ui_attr(ui, UC_DIALOG);

	for (int y = r->y; y < r->y + r->h; y++)
		ui_fill(ui, y, r->x, r->w, a);
	if (r->h >= 2 && r->w >= 2 && r->y >= 0 && r->x >= 0 &&
	    r->y + r->h <= ui->scr_h && r->x + r->w <= ui->scr_w) {
		attrset(a);
		mvaddch(r->y, r->x, ACS_ULCORNER);
		mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
		mvaddch(r->y, r->x + r->w - 1, ACS_URCORNER);
		mvvline(r->y + 1, r->x, ACS_VLINE, r->h - 2);
		mvvline(r->y + 1, r->x + r->w - 1, ACS_VLINE, r->h - 2);
		mvaddch(r->y + r->h - 1, r->x, ACS_LLCORNER);
		mvhline(r->y + r->h - 1, r->x + 1, ACS_HLINE, r->w - 2);
		mvaddch(r->y + r->h - 1, r->x + r->w - 1, ACS_LRCORNER);
		attrset(A_NORMAL);
		if (title && r->w > 6) {
			ui_put(ui, r->y, r->x + 2, 1, a, " ");
			int n = ui_put(ui, r->y, r->x + 3, r->w - 6,
				a | A_BOLD, title);
			ui_put(ui, r->y, r->x + 3 + n, 1, a, " ");
		}
	}
	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}

/* ---- span line composer ----------------------------------------------- */

void ui_line_begin(struct ui *ui)
{
	sbuf_reset(&ui->line);
	ui->nspans = 0;
}

static void ui_line_span(struct ui *ui, attr_t attr, size_t off)
{
	size_t len = ui->line.len - off;
	if (!len)
		return;
	if (ui->nspans && ui->spans[ui->nspans - 1].attr == attr &&
	    ui->spans[ui->nspans - 1].off + ui->spans[ui->nspans - 1].len ==
	    off) {
		ui->spans[ui->nspans - 1].len += len;
		return;
	}
	if (ui->nspans == UI_LINE_SPANS) {
		/* Out of spans: the text keeps the last span's attribute. */
		ui->spans[ui->nspans - 1].len = ui->line.len -
			ui->spans[ui->nspans - 1].off;
		return;
	}
	ui->spans[ui->nspans].off = off;
	ui->spans[ui->nspans].len = len;
	ui->spans[ui->nspans].attr = attr;
	ui->nspans++;
}

void ui_line_add(struct ui *ui, attr_t attr, const char *s, size_t len)
{
	size_t off = ui->line.len;
	sbuf_add(&ui->line, s, len);
	ui_line_span(ui, attr, off);
}

void ui_line_add_untrusted(struct ui *ui, attr_t attr, const char *s,
	size_t len)
{
	size_t off = ui->line.len;
	text_sanitize(&ui->line, s, len, ui->utf8);
	ui_line_span(ui, attr, off);
}

void ui_line_add_untrusted_max(struct ui *ui, attr_t attr, const char *s,
	size_t len, size_t max_width)
{
	size_t off = ui->line.len;
	text_sanitize_width(&ui->line, s, len, ui->utf8, max_width);
	ui_line_span(ui, attr, off);
}

void ui_line_pad(struct ui *ui, attr_t attr, size_t n)
{
	size_t off = ui->line.len;
	sbuf_pad(&ui->line, n);
	ui_line_span(ui, attr, off);
}

size_t ui_line_width(const struct ui *ui)
{
	return text_width(ui->line.data, ui->line.len);
}

/* Width and length of the next character of sanitised text. */
static size_t ui_char(const char *s, size_t len, int *width)
{
	mbstate_t st;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	size_t n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;
		return 1;
	}
	int w = wcwidth(wc);
	*width = w < 0 ? 1 : w;
	return n;
}

void ui_line_cut(struct ui *ui, size_t width)
{
	size_t off = 0, pos = 0;

	while (off < ui->line.len) {
		int cw;
		size_t n = ui_char(ui->line.data + off, ui->line.len - off,
			&cw);
		if (pos + (size_t)cw > width)
			break;
		pos += (size_t)cw;
		off += n;
	}
	ui->line.len = off;
	if (ui->line.data)
		ui->line.data[off] = '\0';
	while (ui->nspans && ui->spans[ui->nspans - 1].off >= off)
		ui->nspans--;
	if (ui->nspans) {
		size_t *len = &ui->spans[ui->nspans - 1].len;
		if (ui->spans[ui->nspans - 1].off + *len > off)
			*len = off - ui->spans[ui->nspans - 1].off;
	}
}

void ui_line_draw(struct ui *ui, int y, int x, int w, size_t skip,
	attr_t fill_attr, attr_t over, bool replace)
{
	int col = 0;        /* columns drawn */
	size_t pos = 0;     /* display column in the line */

	if (y < 0 || y >= ui->scr_h || x < 0 || x >= ui->scr_w || w <= 0)
		return;
	if (w > ui->scr_w - x)
		w = ui->scr_w - x;
	move(y, x);
	for (size_t i = 0; i < ui->nspans && col < w; i++) {
		const char *s = ui->line.data + ui->spans[i].off;
		size_t len = ui->spans[i].len;
		attr_t a = replace ? over : (ui->spans[i].attr | over);
		size_t start = 0, end = 0;
		attrset(a);
		while (end < len && col < w) {
			int cw;
			size_t n = ui_char(s + end, len - end, &cw);
			if (pos < skip) {
				/* Hidden by the scroll; a wide char cut in
				 * half shows as a space. */
				pos += (size_t)cw;
				end += n;
				start = end;
				if (pos > skip && col < w) {
					addch(' ');
					col++;
				}
				continue;
			}
			if (col + cw > w)
				break;
			col += cw;
			pos += (size_t)cw;
			end += n;
		}
		if (end > start)
			addnstr(s + start, (int)(end - start));
	}
	if (col < w) {
		attrset(replace ? over : (fill_attr | over));
		hline(' ', w - col);
	}
	attrset(A_NORMAL);
}

/* ---- message line and function-key bar -------------------------------- */

static void ui_vmessage(struct ui *ui, bool warning, const char *fmt,
	va_list ap) __attribute__((format(printf, 3, 0)));

static void ui_vmessage(struct ui *ui, bool warning, const char *fmt,
	va_list ap)
{
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	ui->msg_warning = warning;
	clock_gettime(CLOCK_MONOTONIC, &ui->msg_until);
	ui->msg_until.tv_sec += 8;
	ui->want_redraw = true;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_vmessage(ui, false, fmt, ap);
	va_end(ap);
}

void ui_warning(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ui_vmessage(ui, true, fmt, ap);
	va_end(ap);
}

char *ui_sanitize(const struct ui *ui, char *buf, size_t size,
	const char *s, size_t len, size_t max_width)
{
	struct sbuf sb;

	if (!size)
		return buf;
	sbuf_init(&sb);
	text_sanitize_width(&sb, s, len, ui->utf8, max_width);
	size_t n = sb.len < size - 1 ? sb.len : size - 1;
	/* Never cut a UTF-8 sequence. */
	while (n > 0 && n < sb.len && ((unsigned char)sb.data[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, sb.data, n);
	buf[n] = '\0';
	sbuf_fini(&sb);
	return buf;
}

static const struct ui_fkey ui_default_fkeys[] = {
	{ "F1", "Help", KEY_F(1) },
	{ "Esc", "Back", 27 },
	{ "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

static const struct ui_fkey *ui_bar(const struct ui *ui)
{
	const struct screen_ops *ops = ui_screens[ui_top_screen(ui)];
	return ops && ops->fkeys ? ops->fkeys : ui_default_fkeys;
}

/* Whether bar entry f is shown: in a replay, not the keys it refuses
 * (F7, F8, F9 on the list). */
static bool ui_fkey_shown(const struct ui *ui, const struct ui_fkey *f)
{
	if (!ui->replay)
		return true;
	const struct ui_key *k = ui_key_lookup(ui_top_screen(ui), f->key);
	return !k || !ui_replay_live_only(ui, k->fn);
}

bool ui_message_own_line(const struct ui *ui)
{
	return ui->msg[0] && ui->scr_h >= UI_MESSAGE_LINE_MIN_H;
}

/* The message in its colours on row y. */
static void ui_draw_message(struct ui *ui, int y)
{
	attr_t a = ui_attr(ui, ui->msg_warning ? UC_WARNING : UC_MESSAGE);
	ui_fill(ui, y, 0, ui->scr_w, a);
	ui_put(ui, y, 0, ui->scr_w, a, ui->msg);
}

void ui_draw_bottom(struct ui *ui, const struct screen_ops *ops)
{
	int y = ui->scr_h - 1;

	if (ui_message_own_line(ui))
		ui_draw_message(ui, y - 1);
	if (ui_dialog_draw_bottom(ui))
		return;
	if (ui->msg[0] && !ui_message_own_line(ui)) {
		ui_draw_message(ui, y);   /* a tiny terminal: over the bar */
		return;
	}
	const struct ui_fkey *bar = ops->fkeys ? ops->fkeys : ui_default_fkeys;
	int x = 0;
	for (size_t i = 0; i < 16 && bar[i].name && x < ui->scr_w; i++) {
		if (!ui_fkey_shown(ui, &bar[i]))
			continue;
		x += ui_put(ui, y, x, ui->scr_w - x,
			ui_attr(ui, UC_FKEY_KEY), bar[i].name);
		x += ui_put(ui, y, x, ui->scr_w - x,
			ui_attr(ui, UC_FKEY_LABEL), bar[i].label);
		x += ui_put(ui, y, x, ui->scr_w - x,
			ui_attr(ui, UC_FKEY_LABEL), " ");
	}
	if (x < ui->scr_w)
		ui_fill(ui, y, x, ui->scr_w - x, ui_attr(ui, UC_FKEY_LABEL));
	/* after the labels when it fits; else over the bar's end only where
	 * no header (hidden, or none on this screen) says PAUSED */
	if (ui->paused && ui->scr_w > 10 &&
	    (x + 8 <= ui->scr_w || ui->header_h == 0))
		ui_put(ui, y, ui->scr_w - 8, 8, ui_attr(ui, UC_WARNING),
			" PAUSED ");
}

int ui_fkey_at(struct ui *ui, int x)
{
	const struct ui_fkey *bar = ui_bar(ui);
	int pos = 0;

	for (size_t i = 0; i < 16 && bar[i].name; i++) {
		if (!ui_fkey_shown(ui, &bar[i]))
			continue;
		int w = (int)(strlen(bar[i].name) + text_width(bar[i].label,
			strlen(bar[i].label)) + 1);
		if (x >= pos && x < pos + w)
			return bar[i].key;
		pos += w;
	}
	return 0;
}

size_t ui_wrap_bytes(const char *s, size_t len, size_t w)
{
	size_t n = text_fit(s, len, w, NULL);

	if (n == 0 && len > 0) {
		/* The first character alone is wider than w: take it. */
		unsigned char c = (unsigned char)s[0];
		n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (n > len)
			n = len;
	}
	return n;
}

void ui_kib(char *buf, size_t size, uint64_t kib)
{
	units_size(buf, size, kib, UNITS_KIB);
}
