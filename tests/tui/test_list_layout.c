/* test_list_layout — the process list's columns at a width (no terminal):
 * SWAP hidden without swap, the least important columns dropped until the
 * command gets 20 columns (never the sort column), widths (the sort
 * column's fits its mark) and the rest of the line for a last command
 * column. */
#include "../unit/check.h"
#include "list_layout.h"

static bool has(const struct list_layout *l, enum column_id id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return true;
	return false;
}

/* Width of the whole line at total columns. */
static size_t line_width(const struct list_layout *l, size_t total)
{
	size_t used = 0;
	for (size_t i = 0; i < l->n; i++)
		used += list_layout_width(l, i, used, total) + (i ? 1 : 0);
	return used;
}

int main(void)
{
	struct list_layout l;
	const enum column_id *cols = columns_default_tui;
	size_t n = columns_default_tui_n;

	/* Wide: everything but SWAP (no swap), the command gets the rest. */
	list_layout_build(&l, cols, n, 160, COL_CPU, true);
	CHECK_EQ_U(l.n, n - 1);
	CHECK(!has(&l, COL_SWAP));
	CHECK(has(&l, COL_PRI));
	CHECK_EQ_U(l.tree_col, l.n - 1);
	CHECK_EQ_U(line_width(&l, 160), 160);
	/* With swap, SWAP stays at 160 columns. */
	list_layout_build(&l, cols, n, 160, COL_CPU, false);
	CHECK(has(&l, COL_SWAP));
	/* Without swap but sorted by SWAP: shown. */
	list_layout_build(&l, cols, n, 160, COL_SWAP, true);
	CHECK(has(&l, COL_SWAP));

	/* The sort column has room for its header and the mark: RES+SWAP
	 * (8 wide, an 8-letter header) is 9 wide when sorted, else 8. */
	{
		const enum column_id rs[] = { COL_PID, COL_RESSWAP, COL_CMD };
		list_layout_build(&l, rs, 3, 100, COL_RESSWAP, true);
		CHECK_EQ_U(list_layout_width(&l, 1, 7, 100), 9);
		CHECK_EQ_U(line_width(&l, 100), 100);
		list_layout_build(&l, rs, 3, 100, COL_PID, true);
		CHECK_EQ_U(list_layout_width(&l, 1, 7, 100), 8);
	}

	/* 80 columns: PRI and SHR go first, the command has >= 20. */
	list_layout_build(&l, cols, n, 80, COL_CPU, true);
	CHECK(!has(&l, COL_PRI));
	CHECK(!has(&l, COL_SHR));
	CHECK(has(&l, COL_CPU));
	CHECK(has(&l, COL_CMD));
	size_t used = 0;
	for (size_t i = 0; i + 1 < l.n; i++)
		used += list_layout_width(&l, i, used, 80) + (i ? 1 : 0);
	used++;
	CHECK(80 - used >= LIST_MIN_CMD);
	CHECK_EQ_U(line_width(&l, 80), 80);
	/* ... but the sort column is never dropped. */
	list_layout_build(&l, cols, n, 80, COL_SHR, true);
	CHECK(has(&l, COL_SHR));
	/* 30 columns: everything droppable is gone, the rest stays. */
	list_layout_build(&l, cols, n, 30, COL_CPU, true);
	CHECK(!has(&l, COL_TIME));
	CHECK(!has(&l, COL_VIRT));
	CHECK(has(&l, COL_PID));
	CHECK(has(&l, COL_USER));

	/* A cmd column that is not last is 32 wide; the last one keeps its
	 * own width. */
	const enum column_id mid[] = { COL_PID, COL_CMD, COL_USER };
	list_layout_build(&l, mid, 3, 160, COL_PID, true);
	CHECK_EQ_U(l.tree_col, 1);
	CHECK_EQ_U(list_layout_width(&l, 1, 8, 160), LIST_GROWS_WIDTH);
	CHECK_EQ_U(list_layout_width(&l, 2, 41, 160),
		(size_t)columns_table[COL_USER].width);
	/* Scrolled right by 40: the last command column grows with it. */
	list_layout_build(&l, cols, n, 80, COL_CPU, true);
	CHECK_EQ_U(line_width(&l, 120), 120);
	return check_done();
}
