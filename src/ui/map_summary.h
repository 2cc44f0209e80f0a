/* map_summary — the map screen's summary lines (map_summary.c). */
#ifndef PROCTOP_UI_MAP_SUMMARY_H
#define PROCTOP_UI_MAP_SUMMARY_H

#include "proctop/memmap.h"
#include "ui_core.h"

/* Colour of a kind in the table, the bar and the legend. */
enum ui_color map_kind_color(enum memmap_kind k);
/* "Total  Size 5.8M  Rss 1.8M ...", wrapping between items, from row *y
 * on (*y ends after the last row drawn). */
void map_draw_totals(struct ui *ui, int *y, const struct ui_rect *a,
	const struct memmap *mm);
/* The count and Rss by kind, also the bar's legend, from row *y on. */
void map_draw_kinds(struct ui *ui, int *y, const struct ui_rect *a,
	const struct memmap *mm);
/* "Resident [CCHHAAAA]" on row y: each cell an equal share of Rss. */
void map_draw_bar(struct ui *ui, int y, const struct ui_rect *a,
	const struct memmap *mm);
/* Our own (ASCII) text from row *y on, wrapped at spaces to a->w, not
 * below the area. */
void map_put_wrapped(struct ui *ui, int *y, const struct ui_rect *a,
	attr_t attr, const char *text);

#endif
