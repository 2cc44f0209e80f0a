/* list_layout — which columns the process list shows at a width, and how
 * wide each is.  Pure (no terminal): unit-tested in tests/tui. */
#ifndef PROCTOP_UI_LIST_LAYOUT_H
#define PROCTOP_UI_LIST_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/columns.h"
#include "proctop/options.h"

/* The rule (man page, "Columns on a narrow terminal"): SWAP is hidden
 * while the system has no swap configured; when the last column is the
 * command (cmd or comm) and would get fewer than LIST_MIN_CMD columns,
 * the least important columns (PRI, SHR, SWAP, VIRT, NI, TIME+) are
 * hidden until it gets them or none is left (the sort column is never
 * hidden); a cmd column that is not last is LIST_GROWS_WIDTH wide, as in
 * batch output; the sort column is at least one wider than its header,
 * for the sort mark. */
#define LIST_MIN_CMD 20u
#define LIST_GROWS_WIDTH 32u

struct list_layout {
	enum column_id ids[OPTIONS_MAX_COLUMNS];
	size_t n;
	size_t tree_col;       /* first comm / cmd column; n if none */
	enum column_id sort;   /* its header is widened to fit the sort mark */
};

/* The columns of cols[0..ncols) shown on a terminal screen_w wide,
 * sorted by sort, with or without swap configured. */
void list_layout_build(struct list_layout *l, const enum column_id *cols,
	size_t ncols, size_t screen_w, enum column_id sort, bool no_swap);

/* Width of column i, used: the columns left of it (with their
 * separators; column i's own separator is added here); total: the
 * terminal's width plus the horizontal scroll (a command column that is
 * last gets the rest of it, to the last column of the terminal). */
size_t list_layout_width(const struct list_layout *l, size_t i, size_t used,
	size_t total);

/* Is the column a command (cmd or comm)? */
bool list_layout_is_cmd(enum column_id id);

#endif
