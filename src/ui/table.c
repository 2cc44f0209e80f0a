/* table — the one scrolling list of the screens and dialogs (table.h). */
#include <stdio.h>
#include <string.h>

#include "proctop/text.h"
#include "table.h"

/* Keep sel among the rows and in sight.  Before the first draw the
 * height is unknown (h 0): the scroll waits for it, so a list opened on
 * row 14 of 64 shows rows 1-13 above it when they fit. */
static void table_clamp(struct table *t)
{
	long h = t->h > 0 ? t->h : 1;

	if (t->view) {
		t->sel = -1;
	} else {
		if (t->sel >= t->n)
			t->sel = t->n - 1;
		if (t->sel < 0 && t->n > 0)
			t->sel = 0;
		if (t->sel >= 0 && t->h > 0) {
			if (t->sel < t->top)
				t->top = t->sel;
			if (t->sel >= t->top + h)
				t->top = t->sel - h + 1;
		}
	}
	if (t->h > 0 && t->top > t->n - h)
		t->top = t->n - h;
	if (t->top < 0)
		t->top = 0;
}

void table_set_rows(struct table *t, long n)
{
	t->n = n > 0 ? n : 0;
	if (!t->n)
		t->sel = -1;
	table_clamp(t);
}

void table_select(struct table *t, long i)
{
	if (t->n <= 0 || t->view)
		return;
	t->sel = i < 0 ? 0 : i >= t->n ? t->n - 1 : i;
	table_clamp(t);
}

bool table_key(struct table *t, int key)
{
	long page = t->h > 1 ? t->h - 1 : 1;
	long *p = t->view ? &t->top : &t->sel;
	long to;

	switch (key) {
	case KEY_UP: to = *p - 1; break;
	case KEY_DOWN: to = *p + 1; break;
	case ' ':
		if (!t->view)
			return false;
		to = *p + page;
		break;
	case KEY_PPAGE: to = *p - page; break;
	case KEY_NPAGE: to = *p + page; break;
	case KEY_HOME: to = 0; break;
	case KEY_END: to = t->n; break;
	case KEY_LEFT:
		t->hscroll = t->hscroll > TABLE_HSTEP ?
			t->hscroll - TABLE_HSTEP : 0;
		return true;
	case KEY_RIGHT:
		/* Stop once the widest line's end is in sight. */
		{
			size_t cw = t->content_w > t->header_w ?
				t->content_w : t->header_w;
			if (t->w > 0 && t->hscroll + (size_t)t->w < cw) {
				t->hscroll += TABLE_HSTEP;
				if (t->hscroll + (size_t)t->w > cw)
					t->hscroll = cw - (size_t)t->w;
			}
		}
		return true;
	default:
		return false;
	}
	if (t->view) {
		t->top = to;
		table_clamp(t);
	} else {
		table_select(t, to);
	}
	return true;
}

long table_row_at(const struct table *t, int y)
{
	long i = t->top + (y - t->y);
	if (y < t->y || y >= t->y + t->h || i < 0 || i >= t->n)
		return -1;
	return i;
}

void table_draw(struct ui *ui, struct table *t, const struct ui_rect *r,
	table_row_fn row, void *arg)
{
	t->h = r->h > 0 ? r->h : 0;
	t->w = r->w > 0 ? r->w : 0;
	t->y = r->y;
	t->content_w = 0;
	table_clamp(t);
	if (r->h <= 0 || r->w <= 0)
		return;
	attr_t fill = t->fill != UC_NORMAL ? ui_attr(ui, t->fill) : 0;
	attr_t sel = ui_attr(ui, t->selected != UC_NORMAL ? t->selected :
		UC_SELECTED);
	for (int k = 0; k < r->h; k++) {
		long i = t->top + k;
		if (i >= t->n)
			break;
		ui_line_begin(ui);
		attr_t mark = row(ui, i, arg);
		size_t lw = ui_line_width(ui);
		if (lw > t->content_w)
			t->content_w = lw;
		if (i == t->sel)
			ui_line_draw(ui, r->y + k, r->x, r->w, t->hscroll, 0,
				sel | (mark ? A_BOLD : 0), true);
		else
			ui_line_draw(ui, r->y + k, r->x, r->w, t->hscroll,
				fill, mark, mark != 0);
	}
}

/* The header label of cell c: its name and, when sorted, the mark. */
size_t table_sort_label(const struct ui *ui, char *buf, size_t size,
	const char *header, size_t width, bool sorted, bool desc)
{
	const char *mark = !sorted ? "" : ui->utf8 ?
		(desc ? "\u25bc" : "\u25b2") : (desc ? "v" : "^");
	int hlen = (int)strlen(header);

	/* the mark takes the header's last column rather than overflow */
	if (sorted && width > 1 && (size_t)hlen + 1 > width)
		hlen = (int)width - 1;
	int n = snprintf(buf, size, "%.*s%s", hlen, header, mark);
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

void table_header(struct ui *ui, struct table *t, int y, int x, int w,
	const struct table_col *cols, size_t n, long sort, bool desc)
{
	attr_t norm = ui_attr(ui, UC_COLHEAD);

	ui_line_begin(ui);
	for (size_t i = 0; i < n; i++) {
		const struct table_col *c = &cols[i];
		char label[64];
		bool sorted = (long)i == sort;
		size_t len = table_sort_label(ui, label, sizeof(label),
			c->header, c->width, sorted, desc);
		size_t lw = text_width(label, len);
		if (i)
			ui_line_pad(ui, norm, 1);
		if (!c->left && lw < c->width)
			ui_line_pad(ui, norm, c->width - lw);
		ui_line_add(ui, sorted ? ui_attr(ui, UC_COLHEAD_SORT) : norm,
			label, len);
		if (c->left && lw < c->width && i + 1 < n)
			ui_line_pad(ui, norm, c->width - lw);
	}
	t->header_w = ui_line_width(ui);
	ui_line_draw(ui, y, x, w, t->hscroll, norm, 0, false);
}

long table_col_at(const struct table *t, const struct table_col *cols,
	size_t n, int x0, int x)
{
	size_t pos = (size_t)(x - x0) + t->hscroll, used = 0;

	if (x < x0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		used += cols[i].width + (i ? 1 : 0);
		if (pos < used)
			return (long)i;
	}
	return -1;
}

/* Append sanitised text s to the line as a cell of width. */
static void table_fit(struct ui *ui, attr_t attr, const char *s, size_t len,
	size_t width, bool left, bool last)
{
	bool cut;
	size_t got;
	size_t keep = text_cut(s, len, width, &cut, &got);

	if (width && !left && got < width)
		ui_line_pad(ui, attr, width - got);
	ui_line_add(ui, attr, s, keep);
	if (cut) {
		const char *mark = text_cut_mark(ui->utf8);
		ui_line_add(ui, attr, mark, strlen(mark));
	}
	if (width && (left || cut) && !last && got < width)
		ui_line_pad(ui, attr, width - got);
}

void table_cell(struct ui *ui, attr_t attr, const char *s, size_t len,
	size_t width, bool left, bool last)
{
	sbuf_reset(&ui->scratch);
	if (width) {
		/* Only what can be seen is converted (and one more column
		 * to tell "cut" from "fits"). */
		text_sanitize_width(&ui->scratch, s, len, ui->utf8,
			width + 1);
	} else {
		text_sanitize(&ui->scratch, s, len, ui->utf8);
	}
	table_fit(ui, attr, ui->scratch.data ? ui->scratch.data : "",
		ui->scratch.len, width, left, last);
}

void table_cell_task(struct ui *ui, attr_t attr, enum column_id id,
	const struct task *t, const struct column_ctx *ctx, size_t width,
	bool first, bool last)
{
	const struct column *col = &columns_table[id];

	if (!first)
		ui_line_pad(ui, 0, 1);
	sbuf_reset(&ui->frame);
	if (!col->left && !col->grows) {
		columns_cell(id, t, ctx, width, last, &ui->frame);
		ui_line_add_untrusted(ui, attr, ui->frame.data,
			ui->frame.len);
		return;
	}
	struct column_ctx c = *ctx;
	c.width = width;
	c.max_width = width ? width + 2 : 0;
	if (!col->format(t, &c, COLUMN_HUMAN, &ui->frame))
		sbuf_addc(&ui->frame, '-');
	table_cell(ui, attr, ui->frame.data, ui->frame.len, width, true,
		last);
}

enum ui_color ui_state_color(char state)
{
	switch (state) {
	case 'R': return UC_STATE_R;
	case 'D': case 'Z': case 'X': return UC_STATE_BAD;
	case 'T': case 't': return UC_STATE_STOP;
	default: return UC_NORMAL;
	}
}
