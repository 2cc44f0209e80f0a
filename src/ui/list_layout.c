/* list_layout — the process list's columns at a width (list_layout.h). */
#include <string.h>

#include "list_layout.h"

static const enum column_id list_drop_order[] = {
	COL_PRI, COL_SHR, COL_SWAP, COL_VIRT, COL_NI, COL_TIME,
};

static size_t base_width(const struct list_layout *l, enum column_id id,
	bool last)
{
	const struct column *c = &columns_table[id];
	if (!last && c->grows)
		return LIST_GROWS_WIDTH;
	size_t w = columns_shown_width(id, id == l->sort);
	return w > 0 ? w : 1;
}

bool list_layout_is_cmd(enum column_id id)
{
	return id == COL_CMD || id == COL_COMM;
}

/* Columns left of the last one, with separators. */
static size_t lay_fixed(const struct list_layout *l)
{
	size_t w = 0;
	for (size_t i = 0; i + 1 < l->n; i++)
		w += base_width(l, l->ids[i], false) + (i ? 1 : 0);
	return w + (l->n > 1 ? 1 : 0);
}

static void lay_drop(struct list_layout *l, enum column_id id)
{
	for (size_t i = 0; i + 1 < l->n; i++) {
		if (l->ids[i] != id)
			continue;
		memmove(&l->ids[i], &l->ids[i + 1],
			(l->n - i - 1) * sizeof(l->ids[0]));
		l->n--;
		return;
	}
}

void list_layout_build(struct list_layout *l, const enum column_id *cols,
	size_t ncols, size_t screen_w, enum column_id sort, bool no_swap)
{
	l->n = 0;
	l->sort = sort;
	for (size_t i = 0; i < ncols && i < OPTIONS_MAX_COLUMNS; i++) {
		if (cols[i] == COL_SWAP && no_swap && ncols > 1 &&
		    sort != COL_SWAP)
			continue;
		l->ids[l->n++] = cols[i];
	}
	if (l->n && list_layout_is_cmd(l->ids[l->n - 1])) {
		for (size_t k = 0; k < sizeof(list_drop_order) /
		     sizeof(list_drop_order[0]); k++) {
			if (lay_fixed(l) + LIST_MIN_CMD <= screen_w)
				break;
			/* The sort column stays in sight. */
			if (list_drop_order[k] != sort)
				lay_drop(l, list_drop_order[k]);
		}
	}
	l->tree_col = l->n;
	for (size_t i = 0; i < l->n; i++) {
		if (list_layout_is_cmd(l->ids[i])) {
			l->tree_col = i;
			break;
		}
	}
}

size_t list_layout_width(const struct list_layout *l, size_t i, size_t used,
	size_t total)
{
	bool last = i + 1 == l->n;
	size_t w = base_width(l, l->ids[i], last), sep = i ? 1 : 0;

	if (last && list_layout_is_cmd(l->ids[i]) && total > used + sep + w)
		w = total - used - sep;
	return w;
}
