/* header — the meters above the process list: one bar per CPU (folded into
 * 1, 2 or 4 columns), Mem and Swap bars, the Tasks line with per-state
 * counts, load average and uptime; with g, graphs of the last samples
 * (ui->hist) of CPU, memory, swap and swap in/out below them. */
#include <stdio.h>
#include <string.h>

#include "proctop/history.h"
#include "proctop/snapshot.h"
#include "proctop/units.h"
#include "screens.h"
#include "ui_core.h"

#define HEADER_MAX_SEGS 6

struct meter_seg {
	double frac;          /* share of the bar, 0..1 */
	enum ui_color color;
	char ch;              /* fill character (differs in monochrome) */
};

/* Draw "label[||||||      text]" in w columns at (y, x). */
static void meter_draw(struct ui *ui, int y, int x, int w, const char *label,
	const struct meter_seg *segs, size_t nsegs, const char *text)
{
	char bar[512];
	enum ui_color colors[512];
	size_t lw = strlen(label);

	if (w <= 0 || y >= ui->scr_h)
		return;
	if ((size_t)w <= lw + 2) {
		ui_put(ui, y, x, w, ui_attr(ui, UC_METER_LABEL), label);
		return;
	}
	size_t inner = (size_t)w - lw - 2;
	if (inner > sizeof(bar))
		inner = sizeof(bar);
	memset(bar, ' ', inner);
	for (size_t i = 0; i < inner; i++)
		colors[i] = UC_NORMAL;
	/* Cumulative rounding so the segments never overflow the bar. */
	double acc = 0.0;
	size_t pos = 0;
	for (size_t s = 0; s < nsegs; s++) {
		double f = segs[s].frac;
		if (f < 0.0 || f != f)
			f = 0.0;
		acc += f;
		if (acc > 1.0)
			acc = 1.0;
		size_t end = (size_t)(acc * (double)inner + 0.5);
		for (; pos < end && pos < inner; pos++) {
			bar[pos] = ui->color ? '|' : segs[s].ch;
			colors[pos] = segs[s].color;
		}
	}
	size_t tl = strlen(text);
	if (tl <= inner) {
		for (size_t i = 0; i < tl; i++) {
			bar[inner - tl + i] = text[i];
			colors[inner - tl + i] = UC_METER_TEXT;
		}
	}
	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), label, lw);
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "[", 1);
	for (size_t i = 0; i < inner; i++)
		ui_line_add(ui, ui_attr(ui, colors[i]), &bar[i], 1);
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "]", 1);
	ui_line_draw(ui, y, x, w, 0, 0, 0, false);
}

static void cpu_meter(struct ui *ui, int y, int x, int w, const char *label,
	const struct cpu_usage *u)
{
	struct meter_seg segs[HEADER_MAX_SEGS];
	char text[32];

	if (!u->valid) {
		meter_draw(ui, y, x, w, label, NULL, 0, "-");
		return;
	}
	segs[0] = (struct meter_seg){ u->nice / 100.0, UC_CPU_NICE, '+' };
	segs[1] = (struct meter_seg){ u->user / 100.0, UC_CPU_USER, '|' };
	segs[2] = (struct meter_seg){ (u->system + u->irq + u->softirq) / 100.0,
		UC_CPU_SYSTEM, '#' };
	segs[3] = (struct meter_seg){ u->iowait / 100.0, UC_CPU_IOWAIT, 'w' };
	segs[4] = (struct meter_seg){ u->steal / 100.0, UC_CPU_STEAL, 's' };
	char num[16];
	units_double(num, sizeof(num), u->busy, 1);
	snprintf(text, sizeof(text), "%s%%", num);
	meter_draw(ui, y, x, w, label, segs, 5, text);
}

static double frac(uint64_t part, uint64_t total)
{
	return total ? (double)part / (double)total : 0.0;
}

static void mem_meter(struct ui *ui, int y, int x, int w)
{
	const struct mem_stats *m = &ui->snap->sys.mem;
	uint64_t used = snapshot_mem_used_kib(ui->snap);
	uint64_t cache = units_sat_add(m->cached, m->sreclaimable);
	struct meter_seg segs[3] = {
		{ frac(used, m->mem_total), UC_MEM_USED, '|' },
		{ frac(m->buffers, m->mem_total), UC_MEM_BUFFERS, '#' },
		{ frac(cache, m->mem_total), UC_MEM_CACHE, '*' },
	};
	char a[16], b[16], text[40];

	units_size(a, sizeof(a), used, UNITS_KIB);
	units_size(b, sizeof(b), m->mem_total, UNITS_KIB);
	snprintf(text, sizeof(text), "%s/%s", a, b);
	meter_draw(ui, y, x, w, "Mem", segs, 3, text);
}

static void swap_meter(struct ui *ui, int y, int x, int w)
{
	const struct mem_stats *m = &ui->snap->sys.mem;
	uint64_t used = snapshot_swap_used_kib(ui->snap);
	uint64_t cached = m->swap_cached < used ? m->swap_cached : used;
	struct meter_seg segs[2] = {
		{ frac(used - cached, m->swap_total), UC_SWAP_USED, '|' },
		{ frac(cached, m->swap_total), UC_SWAP_CACHE, '*' },
	};
	char a[16], b[16], text[40];

	units_size(a, sizeof(a), used, UNITS_KIB);
	units_size(b, sizeof(b), m->swap_total, UNITS_KIB);
	snprintf(text, sizeof(text), "%s/%s", a, b);
	meter_draw(ui, y, x, w, "Swp", segs, 2, text);
}

static void tasks_line(struct ui *ui, int y, int x, int w)
{
	static const char letters[] = { 'R', 'S', 'D', 'T', 't', 'Z', 'I' };
	static const enum snapshot_state states[] = {
		STATE_R, STATE_S, STATE_D, STATE_T, STATE_t, STATE_Z, STATE_I,
	};
	const struct snapshot *s = ui->snap;
	char buf[64];

	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), "Tasks: ", 7);
	/* As htop: processes, userland threads besides the main ones,
	 * kernel threads. */
	snprintf(buf, sizeof(buf), "%zu, %zu thr, %zu kthr;", s->nprocs_user,
		s->nthreads_user, s->nkthreads);
	ui_line_add(ui, ui_attr(ui, UC_NORMAL), buf, strlen(buf));
	for (size_t i = 0; i < sizeof(letters); i++) {
		enum ui_color c = UC_NORMAL;
		if (letters[i] == 'R')
			c = UC_STATE_R;
		else if (letters[i] == 'D' || letters[i] == 'Z')
			c = UC_STATE_BAD;
		else if (letters[i] == 'T' || letters[i] == 't')
			c = UC_STATE_STOP;
		snprintf(buf, sizeof(buf), " %u ", s->state_counts[states[i]]);
		ui_line_add(ui, ui_attr(ui, UC_NORMAL), buf, strlen(buf));
		ui_line_add(ui, ui_attr(ui, c), &letters[i], 1);
		if (i + 1 < sizeof(letters))
			ui_line_add(ui, ui_attr(ui, UC_NORMAL), ",", 1);
	}
	ui_line_draw(ui, y, x, w, 0, 0, 0, false);
}

static void load_line(struct ui *ui, int y, int x, int w)
{
	const struct sys_stats *sys = &ui->snap->sys;
	char l[3][16], up[48], buf[128];

	for (int i = 0; i < 3; i++)
		units_double(l[i], sizeof(l[i]), sys->loadavg[i], 2);
	units_uptime_hms(up, sizeof(up), sys->uptime_s);
	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), "Load average: ", 14);
	snprintf(buf, sizeof(buf), "%s %s %s  ", l[0], l[1], l[2]);
	ui_line_add(ui, ui_attr(ui, UC_NORMAL), buf, strlen(buf));
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), "Uptime: ", 8);
	ui_line_add(ui, ui_attr(ui, UC_NORMAL), up, strlen(up));
	if (ui->paused)
		ui_line_add(ui, ui_attr(ui, UC_WARNING), "  PAUSED", 8);
	ui_line_draw(ui, y, x, w, 0, 0, 0, false);
}

/* ---- graphs of the last samples ---------------------------------------- */

struct graph_def {
	enum history_series k;
	const char *label;
	enum ui_color color;
};

static const struct graph_def graph_defs[] = {
	{ HIST_CPU, "CPU", UC_CPU_USER },
	{ HIST_MEM, "Mem", UC_MEM_USED },
	{ HIST_SWAP, "Swap", UC_SWAP_USED },
	{ HIST_SWAPIN, "Swap in", UC_CPU_IOWAIT },
	{ HIST_SWAPOUT, "Swap out", UC_CPU_SYSTEM },
};
#define NGRAPHS (sizeof(graph_defs) / sizeof(graph_defs[0]))
#define GRAPH_LABEL_W 9       /* "Swap out " */
#define GRAPH_VALUE_W 9       /* " 123.4M/s" */
#define GRAPH_LEVELS 8        /* per character cell */
#define GRAPH_MAX_W 256

/* Eighth blocks U+2581..U+2588 (UTF-8), or ASCII of rising height. */
static const char *const graph_utf8[GRAPH_LEVELS + 1] = {
	" ", "▁", "▂", "▃", "▄", "▅", "▆",
	"▇", "█",
};
static const char graph_ascii[GRAPH_LEVELS + 2] = " _.-~=+*#";

/* Graphs side by side: 3 on a wide terminal, 2, or 1. */
static size_t graph_cols(const struct ui *ui)
{
	return ui->scr_w >= 150 ? 3 : ui->scr_w >= 60 ? 2 : 1;
}

/* Rows the graphs take: 0 when off or when they do not fit in `avail`
 * rows (one CPU row is always kept above them). */
static int graph_rows(const struct ui *ui, int avail)
{
	size_t cols = graph_cols(ui);
	int rows = (int)((NGRAPHS + cols - 1) / cols);

	if (!ui->settings.graphs || avail < rows + 1)
		return 0;
	return rows;
}

/* The newest value of a series, as the graph's right-hand text. */
static void graph_value(const struct ui *ui, enum history_series k,
	char *buf, size_t size)
{
	double v = history_at(&ui->hist, k, 0);
	char num[16];

	if (v != v || v < 0.0) {
		snprintf(buf, size, "-");
		return;
	}
	switch (k) {
	case HIST_CPU:
		units_double(num, sizeof(num), v, 1);
		snprintf(buf, size, "%s%%", num);
		break;
	case HIST_SWAP:
		if (ui->hist.swap_total_kib <= 0.0) {
			snprintf(buf, size, "none");
			break;
		}
		/* fall through */
	case HIST_MEM:
		units_size(buf, size, (uint64_t)v, UNITS_KIB);
		break;
	default:
		units_size(num, sizeof(num), (uint64_t)(v + 0.5), UNITS_KIB);
		snprintf(buf, size, "%s/s", num);
		break;
	}
}

/* "Label    ▁▂▅█▇   value" in w columns at (y, x). */
static void graph_draw(struct ui *ui, int y, int x, int w,
	const struct graph_def *g)
{
	char value[32], cells[GRAPH_MAX_W * 3];
	int levels[GRAPH_MAX_W];
	size_t len = 0;
	int gw = w - GRAPH_LABEL_W - GRAPH_VALUE_W;

	if (gw > GRAPH_MAX_W)
		gw = GRAPH_MAX_W;
	graph_value(ui, g->k, value, sizeof(value));
	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), g->label,
		strlen(g->label));
	ui_line_pad(ui, ui_attr(ui, UC_NORMAL),
		GRAPH_LABEL_W - strlen(g->label));
	if (gw > 0) {
		history_levels(&ui->hist, g->k, (size_t)gw, GRAPH_LEVELS,
			levels);
		for (int c = 0; c < gw; c++) {
			int l = levels[c] < 0 ? 0 : levels[c];
			if (ui->utf8) {
				size_t n = strlen(graph_utf8[l]);
				memcpy(cells + len, graph_utf8[l], n);
				len += n;
			} else {
				cells[len++] = graph_ascii[l];
			}
		}
		ui_line_add(ui, ui_attr(ui, g->color), cells, len);
	}
	size_t vl = strlen(value);
	if (vl < GRAPH_VALUE_W)
		ui_line_pad(ui, ui_attr(ui, UC_NORMAL), GRAPH_VALUE_W - vl);
	ui_line_add(ui, ui_attr(ui, UC_METER_TEXT), value, vl);
	ui_line_draw(ui, y, x, w, 0, 0, 0, false);
}

/* The graphs in `rows` rows from row y, graph_cols() to a row. */
static void graphs_draw(struct ui *ui, int y, int rows)
{
	size_t cols = graph_cols(ui);
	int cw = ui->scr_w / (int)cols;

	for (size_t i = 0; i < NGRAPHS; i++) {
		size_t row = i / cols, col = i % cols;
		if ((int)row >= rows)
			break;
		int w = col + 1 == cols ? ui->scr_w - cw * (int)col : cw - 1;
		graph_draw(ui, y + (int)row, cw * (int)col, w, &graph_defs[i]);
	}
}

/* How the CPUs fold: columns and rows for this width and height. */
static void cpu_layout(const struct ui *ui, int max_cpu_rows, size_t *cols,
	size_t *rows)
{
	size_t n = ui->snap->sys.ncpus;
	size_t c = n <= 4 ? 1 : n <= 32 ? 2 : 4;

	while (c > 1 && (size_t)ui->scr_w / c < 24)
		c /= 2;
	size_t r = (n + c - 1) / c;
	if (n <= 1 || max_cpu_rows <= 0 || r > (size_t)max_cpu_rows) {
		/* One average bar when the CPUs do not fit (or there is one). */
		*cols = 1;
		*rows = max_cpu_rows > 0 ? 1 : 0;
		return;
	}
	*cols = c;
	*rows = r;
}

/* Mem/Swap beside Tasks/Load when the Tasks line (about 72 columns with
 * its per-state counts) fits in half the width; else four rows. */
static int info_rows(const struct ui *ui)
{
	return ui->scr_w >= 150 ? 2 : 4;
}

int header_height(const struct ui *ui, int max_h)
{
	size_t cols, rows;
	int info = info_rows(ui);

	if (max_h < info)
		return 0;
	int g = graph_rows(ui, max_h - info);
	cpu_layout(ui, max_h - info - g, &cols, &rows);
	return (int)rows + info + g;
}

int header_draw(struct ui *ui, int max_h)
{
	size_t cols, rows;
	int info = info_rows(ui);
	size_t n = ui->snap->sys.ncpus;

	if (max_h < info)
		return 0;
	int g = graph_rows(ui, max_h - info);
	cpu_layout(ui, max_h - info - g, &cols, &rows);
	if (rows && (n <= 1 || rows * cols < n)) {
		cpu_meter(ui, 0, 0, ui->scr_w, "CPU", &ui->snap->cpu_total);
	} else if (rows) {
		int cw = ui->scr_w / (int)cols;
		char label[24];
		int digits = n > 100 ? 3 : n > 10 ? 2 : 1;
		for (size_t i = 0; i < n; i++) {
			size_t col = i / rows, row = i % rows;
			int w = col + 1 == cols ? ui->scr_w - cw * (int)col : cw - 1;
			snprintf(label, sizeof(label), "%*zu", digits, i);
			cpu_meter(ui, (int)row, cw * (int)col, w, label,
				&ui->snap->cpus[i]);
		}
	}
	int y = (int)rows;
	if (info == 2) {
		int half = ui->scr_w / 2;
		mem_meter(ui, y, 0, half - 1);
		swap_meter(ui, y + 1, 0, half - 1);
		tasks_line(ui, y, half + 1, ui->scr_w - half - 1);
		load_line(ui, y + 1, half + 1, ui->scr_w - half - 1);
	} else {
		mem_meter(ui, y, 0, ui->scr_w);
		swap_meter(ui, y + 1, 0, ui->scr_w);
		tasks_line(ui, y + 2, 0, ui->scr_w);
		load_line(ui, y + 3, 0, ui->scr_w);
	}
	graphs_draw(ui, y + info, g);
	return y + info + g;
}
