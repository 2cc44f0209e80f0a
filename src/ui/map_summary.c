/* map_summary — the map screen's summary above its table: the totals,
 * the count and Rss by kind (the bar's legend), the Resident bar, and
 * our own messages wrapped at spaces.  Draws only what it is given. */
#include <stdio.h>
#include <string.h>

#include "proctop/memmap.h"
#include "proctop/units.h"
#include "map_summary.h"

#define BAR_MAX 512

/* Colour of a kind in the bar and the legend. */
static const enum ui_color kind_color[MEMMAP_KIND_COUNT] = {
	[MEMMAP_CODE] = UC_CPU_NICE,
	[MEMMAP_DATA] = UC_MEM_BUFFERS,
	[MEMMAP_FILE_RO] = UC_MEM_CACHE,
	[MEMMAP_HEAP] = UC_CPU_SYSTEM,
	[MEMMAP_STACK] = UC_STATE_STOP,
	[MEMMAP_ANON] = UC_MEM_USED,
	[MEMMAP_SHMEM] = UC_SWAP_CACHE,
	[MEMMAP_DELETED] = UC_WARNING,
	[MEMMAP_SPECIAL] = UC_DIM,
};

enum ui_color map_kind_color(enum memmap_kind k)
{
	return (unsigned)k < MEMMAP_KIND_COUNT ? kind_color[k] : UC_NORMAL;
}

/* Before a segment sw columns wide: when the line would pass the
 * area's width, draw it at *y and go on on the next row (summary lines
 * wrap between their items instead of being cut). */
static void seg_break(struct ui *ui, int *y, const struct ui_rect *a,
	size_t sw)
{
	size_t lw = ui_line_width(ui);
	if (lw && lw + sw > (size_t)a->w && *y + 1 < a->y + a->h) {
		ui_line_draw(ui, (*y)++, a->x, a->w, 0, 0, 0, false);
		ui_line_begin(ui);
	}
}

/* "Total  Size 5.8M  Rss 1.8M ..." from the rollup, from row *y on. */
void map_draw_totals(struct ui *ui, int *y, const struct ui_rect *a,
	const struct memmap *mm)
{
	const struct map_usage *t = memmap_totals(mm);
	const struct { const char *name; uint64_t kib; } f[] = {
		{ "Size", t->size_kib }, { "Rss", t->rss_kib },
		{ "Pss", t->pss_kib }, { "PrivDirty", t->private_dirty_kib },
		{ "ShrDirty", t->shared_dirty_kib }, { "Swap", t->swap_kib },
		{ "SwapPss", t->swap_pss_kib }, { "Locked", t->locked_kib },
		{ "THP", t->anon_huge_kib },
	};
	attr_t la = ui_attr(ui, UC_METER_LABEL);
	char num[32];

	ui_line_begin(ui);
	ui_line_add(ui, la, "Total", 5);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		units_size(num, sizeof(num), f[i].kib, UNITS_KIB);
		seg_break(ui, y, a, 3 + strlen(f[i].name) + strlen(num));
		ui_line_pad(ui, 0, 2);
		ui_line_add(ui, la, f[i].name, strlen(f[i].name));
		ui_line_pad(ui, 0, 1);
		ui_line_add(ui, 0, num, strlen(num));
	}
	const char *src = mm->has_rollup ? "  (smaps_rollup)" :
		mm->has_usage ? "  (sum)" : "  (no smaps: sizes only)";
	seg_break(ui, y, a, strlen(src));
	ui_line_add(ui, ui_attr(ui, UC_DIM), src, strlen(src));
	ui_line_draw(ui, (*y)++, a->x, a->w, 0, 0, 0, false);
}

/* The summary by kind, which is also the bar's legend, from row *y on. */
void map_draw_kinds(struct ui *ui, int *y, const struct ui_rect *a,
	const struct memmap *mm)
{
	char buf[64], num[32];

	ui_line_begin(ui);
	for (size_t k = 0; k < MEMMAP_KIND_COUNT; k++) {
		if (!mm->count_by_kind[k])
			continue;
		attr_t ka = ui_attr(ui, map_kind_color((enum memmap_kind)k));
		char g = memmap_kind_glyph((enum memmap_kind)k);
		snprintf(buf, sizeof(buf), "%s(%zu) ",
			memmap_kind_name((enum memmap_kind)k),
			mm->count_by_kind[k]);
		units_size(num, sizeof(num), mm->by_kind[k].rss_kib,
			UNITS_KIB);
		seg_break(ui, y, a, 2 + strlen(buf) + strlen(num));
		ui_line_add(ui, ka | A_BOLD, &g, 1);
		ui_line_pad(ui, 0, 1);
		ui_line_add(ui, ka, buf, strlen(buf));
		ui_line_add(ui, 0, num, strlen(num));
		ui_line_pad(ui, 0, 2);
	}
	ui_line_draw(ui, (*y)++, a->x, a->w, 0, 0, 0, false);
}

/* "Resident [CCHHAAAAAAAAA]": each cell an equal share of Rss. */
void map_draw_bar(struct ui *ui, int y, const struct ui_rect *a,
	const struct memmap *mm)
{
	static const char label[] = "Resident ";
	int w = a->w - (int)(sizeof(label) - 1) - 2;

	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), label, sizeof(label) - 1);
	if (w < 1) {
		ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
		return;
	}
	unsigned char bar[BAR_MAX];
	size_t cells = (size_t)w < BAR_MAX ? (size_t)w : BAR_MAX;
	memmap_bar(mm, bar, cells);
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "[", 1);
	for (size_t c = 0; c < cells; c++) {
		unsigned char k = bar[c];
		char g = k < MEMMAP_KIND_COUNT ?
			memmap_kind_glyph((enum memmap_kind)k) : ' ';
		ui_line_add(ui, k < MEMMAP_KIND_COUNT ?
			ui_attr(ui, map_kind_color((enum memmap_kind)k)) : 0, &g, 1);
	}
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "]", 1);
	ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
}

/* Draw text (ours, ASCII) from row *y on, wrapped at spaces to a->w
 * columns, not below the area; *y ends after the last row drawn. */
void map_put_wrapped(struct ui *ui, int *y, const struct ui_rect *a,
	attr_t attr, const char *text)
{
	size_t w = (size_t)a->w, len = strlen(text);
	char line[512];

	while (len && *y < a->y + a->h) {
		size_t n = len;
		if (n > w) {
			n = w;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)   /* one word wider than the screen: cut it */
				n = w;
		}
		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, text, n);
		line[n] = '\0';
		ui_put(ui, (*y)++, a->x, a->w, attr, line);
		text += n;
		len -= n;
		while (len && *text == ' ') {
			text++;
			len--;
		}
	}
}
