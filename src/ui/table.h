/* table — the one scrolling list every list-like screen and dialog uses:
 * a header row with the sort mark, rows built by the screen, selection,
 * scrolling, paging (Up/Down/PgUp/PgDn/Home/End; the mouse wheel arrives
 * as Up/Down), horizontal scroll that stops at the last column, and cells
 * cut to fit with "…" (UTF-8) or "~".
 *
 * The screen owns a `struct table` (zeroed = empty, no scroll) in its
 * state, tells it how many rows there are (table_set_rows), gives it the
 * keys (table_key) and draws through table_draw with a row callback that
 * composes one line with ui_line_* and table_cell*. */
#ifndef PROCTOP_UI_TABLE_H
#define PROCTOP_UI_TABLE_H

#include "proctop/columns.h"
#include "ui_core.h"

/* Columns one Left / Right moves. */
#define TABLE_HSTEP 8


/* One header cell. */
struct table_col {
	const char *header;
	size_t width;       /* display columns */
	bool left;          /* left-aligned (text) */
};

/* The row count changed: clamp the selection and the first row. */
void table_set_rows(struct table *t, long n);
/* Select row i (clamped); ignored while there are no rows. */
void table_select(struct table *t, long i);
/* Up/Down/PgUp/PgDn/Home/End/Left/Right (and Space: a page down in view
 * mode).  True when the key was used. */
bool table_key(struct table *t, int key);
/* The row under screen row y, -1 if none (after a draw). */
long table_row_at(const struct table *t, int y);

/* Builds the line of row i (ui_line_begin was called); returns an
 * attribute that replaces the row's colours (e.g. UC_TAGGED), or 0. */
typedef attr_t (*table_row_fn)(struct ui *ui, long i, void *arg);

/* Draw rows top.. into rows r (the header, if any, is drawn separately
 * above), keeping the selection in sight; the selected row is drawn in
 * UC_SELECTED (bold when the callback marked it). */
void table_draw(struct ui *ui, struct table *t, const struct ui_rect *r,
	table_row_fn row, void *arg);

/* The header row at (y, x, w): the cells of cols, the one of index sort
 * (-1: none) in UC_COLHEAD_SORT with ▲/▼ (^/v without UTF-8). */
void table_header(struct ui *ui, struct table *t, int y, int x, int w,
	const struct table_col *cols, size_t n, long sort, bool desc);
/* A column's header label into buf: the header, plus the sort mark (▼
 * descending, ▲ ascending; v / ^ in ASCII) when sorted, the header cut so
 * that both fit width (an ASCII header; width 0: as it is).  Returns its
 * length in bytes. */
size_t table_sort_label(const struct ui *ui, char *buf, size_t size,
	const char *header, size_t width, bool sorted, bool desc);
/* The header cell under screen column x (after the scroll), -1 if none. */
long table_col_at(const struct table *t, const struct table_col *cols,
	size_t n, int x0, int x);

/* A cell of untrusted text: sanitised, cut to width with "…" / "~" when
 * longer, padded to width (right-aligned unless left; no padding when
 * last).  width 0: as it is. */
void table_cell(struct ui *ui, attr_t attr, const char *s, size_t len,
	size_t width, bool left, bool last);
/* A column of the column table for task t (columns_cell), text cut as
 * table_cell does; a separator before it unless first. */
void table_cell_task(struct ui *ui, attr_t attr, enum column_id id,
	const struct task *t, const struct column_ctx *ctx, size_t width,
	bool first, bool last);

/* The one colour rule for a task state letter. */
enum ui_color ui_state_color(char state);

#endif
