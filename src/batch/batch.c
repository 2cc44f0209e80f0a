/* batch — proctop -b: text (top -b style), JSON Lines and CSV reports.
 *
 * Each refresh is built in memory and written with write(2) in one go, so
 * every write error is seen (EPIPE: quiet exit 0; anything else: a message
 * and exit 1) and a reader of a pipe gets whole reports.  Numbers go
 * through units.h or integer printf only, so they never depend on
 * LC_NUMERIC; untrusted text goes through the column formatters, which
 * sanitise (text, CSV) or escape (JSON) it. */
#include "proctop/batch.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/columns.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"
#include "proctop/text.h"
#include "proctop/units.h"
#include "proctop/view.h"
#include "proctop/xalloc.h"

#include "out.h"
#include "sample.h"

/* Width of a growing column (cmd) that is not the last one. */
#define GROWS_WIDTH 32u

/* Everything one batch run keeps between refreshes. */
struct batch {
	const struct options *opts;
	const enum column_id *cols;
	size_t ncols;
	size_t width;         /* text line width, display columns */
	bool utf8;
	struct view_state vs;
	struct view_rows rows;
	struct out out;
	unsigned long long reports;
	struct timespec wall;     /* CLOCK_REALTIME of the current sample */
};

/* Append v with prec decimals, always '.', right-aligned in width. */
static void add_num(struct sbuf *sb, double v, int prec, size_t width)
{
	char num[64];
	size_t len;

	units_double(num, sizeof(num), v, prec);
	len = strlen(num);
	if (len < width)
		sbuf_pad(sb, width - len);
	sbuf_add(sb, num, len);
}

static double kib_to_mib(uint64_t kib)
{
	return (double)kib / 1024.0;
}

/* Text width: -w, else $COLUMNS, else the terminal's, else 200. */
static size_t batch_width(const struct options *opts)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (opts->width > 0)
		return (size_t)opts->width;
	if (env && *env) {
		char *end;
		long v;

		errno = 0;
		v = strtol(env, &end, 10);
		if (!errno && !*end && v > 0 && v <= 65536)
			return (size_t)v;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
	    && ws.ws_col > 0)
		return ws.ws_col;
	return BATCH_DEFAULT_WIDTH;
}

/* ---- text ---------------------------------------------------------- */

void batch_text_summary(struct sbuf *o, const struct snapshot *s)
{
	const struct sys_stats *sys = &s->sys;
	const struct mem_stats *m = &sys->mem;
	const struct cpu_usage *cpu = &s->cpu_total;
	char up[64], clock[16] = "??:??:??";
	struct tm tm;
	size_t total = s->nprocs;

	if (localtime_r(&s->wall, &tm))
		strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	units_uptime(up, sizeof(up), sys->uptime_s);
	sbuf_addf(o, "proctop - %s up %s,  load average: ", clock, up);
	for (int i = 0; i < 3; i++) {
		if (i)
			sbuf_adds(o, ", ");
		add_num(o, sys->loadavg[i], 2, 0);
	}

	/* top's order first, so a narrow line still shows what top shows. */
	sbuf_addf(o, "\nTasks: %zu total, %u running, %u sleeping, "
		"%u stopped, %u zombie, %u disk-sleep, %u tracing, %u idle; "
		"%zu threads, %zu userland\n", total,
		s->state_counts[STATE_R], s->state_counts[STATE_S],
		s->state_counts[STATE_T], s->state_counts[STATE_Z],
		s->state_counts[STATE_D], s->state_counts[STATE_t],
		s->state_counts[STATE_I], s->nthreads_total,
		s->nthreads_user);

	/* The CPU, Mem and Swap lines use top's field widths. */
	static const char *const cpu_names[] = {
		"us", "sy", "ni", "id", "wa", "hi", "si", "st" };
	const double cpu_vals[] = { cpu->user, cpu->system, cpu->nice,
		cpu->idle, cpu->iowait, cpu->irq, cpu->softirq, cpu->steal };
	sbuf_adds(o, "%Cpu(s):");
	for (size_t i = 0; i < sizeof(cpu_vals) / sizeof(cpu_vals[0]); i++) {
		if (i)
			sbuf_addc(o, ',');
		if (cpu->valid) {
			add_num(o, cpu_vals[i], 1, 5);
		} else {
			/* Unknown (JSON: null), not 0.0. */
			sbuf_pad(o, 4);
			sbuf_addc(o, '-');
		}
		sbuf_addf(o, " %s", cpu_names[i]);
	}

	sbuf_adds(o, "\nMiB Mem :");
	add_num(o, kib_to_mib(m->mem_total), 1, 9);
	sbuf_adds(o, " total,");
	add_num(o, kib_to_mib(m->mem_free), 1, 9);
	sbuf_adds(o, " free,");
	add_num(o, kib_to_mib(snapshot_mem_used_kib(s)), 1, 9);
	sbuf_adds(o, " used,");
	add_num(o, kib_to_mib(snapshot_buff_cache_kib(s)), 1, 9);
	sbuf_adds(o, " buff/cache\nMiB Swap:");
	add_num(o, kib_to_mib(m->swap_total), 1, 9);
	sbuf_adds(o, " total,");
	add_num(o, kib_to_mib(m->swap_free), 1, 9);
	sbuf_adds(o, " free,");
	add_num(o, kib_to_mib(snapshot_swap_used_kib(s)), 1, 9);
	sbuf_adds(o, " used.");
	add_num(o, kib_to_mib(m->mem_available), 1, 9);
	sbuf_adds(o, " avail Mem\n");
}

/* Index among b->cols of the column that carries the tree prefix (the
 * first comm or cmd column), or ncols when there is none. */
static size_t tree_column(const struct batch *b)
{
	for (size_t i = 0; i < b->ncols; i++)
		if (b->cols[i] == COL_COMM || b->cols[i] == COL_CMD)
			return i;
	return b->ncols;
}

/* Width of column i on a line where `used` columns are taken already. */
static size_t cell_width(const struct batch *b, size_t i, size_t used)
{
	const struct column *col = &columns_table[b->cols[i]];
	size_t w = col->width > 0 ? (size_t)col->width : GROWS_WIDTH;

	/* The last column takes the rest of the line when it is text
	 * (comm, cmd): long names and tree glyphs fit. */
	if (i + 1 == b->ncols && (col->grows || col->left)) {
		size_t rest = used < b->width ? b->width - used : 1;
		if (col->grows || rest > w)
			w = rest;
	}
	return w;
}

/* Append `line` cut to the output width (display columns) plus '\n'.
 * Re-sanitising is a no-op on sanitised text and keeps the cut on a
 * character boundary. */
static void text_emit_line(struct batch *b, const struct sbuf *line)
{
	size_t len = line->len, i = 0;

	while (len && line->data[len - 1] == ' ')
		len--;
	/* Most lines are printable ASCII within the width: copied as they
	 * are; anything else goes through the sanitiser, which also cuts. */
	if (len <= b->width)
		while (i < len && line->data[i] >= ' ' && line->data[i] < 0x7f)
			i++;
	if (i == len && len <= b->width)
		sbuf_add(&b->out.buf, line->data, len);
	else
		text_sanitize_width(&b->out.buf, line->data, len, b->utf8,
			b->width);
	sbuf_addc(&b->out.buf, '\n');
}

static void text_header_row(struct batch *b, struct sbuf *line)
{
	size_t used = 0;

	sbuf_reset(line);
	for (size_t i = 0; i < b->ncols; i++) {
		const struct column *col = &columns_table[b->cols[i]];
		size_t w = cell_width(b, i, used);
		size_t hl = strlen(col->header);
		bool last = i + 1 == b->ncols;

		if (i) {
			sbuf_addc(line, ' ');
			used++;
		}
		if (hl > w)
			hl = w;
		if (!col->left && hl < w)
			sbuf_pad(line, w - hl);
		sbuf_add(line, col->header, hl);
		if (col->left && hl < w && !last)
			sbuf_pad(line, w - hl);
		used += w;
	}
	text_emit_line(b, line);
}

static void text_row(struct batch *b, const struct snapshot *s,
	const struct view_row *row, size_t tree_col, struct sbuf *line)
{
	struct column_ctx ctx = { .snap = s, .utf8 = b->utf8 };
	size_t used = 0;

	sbuf_reset(line);
	for (size_t i = 0; i < b->ncols; i++) {
		size_t w = cell_width(b, i, used);
		bool last = i + 1 == b->ncols;

		if (i) {
			sbuf_addc(line, ' ');
			used++;
		}
		used += w;
		if (i == tree_col && (b->vs.tree || row->is_thread)) {
			size_t pw = view_tree_prefix(row, b->utf8, line);
			w = pw < w ? w - pw : 1;
		}
		ctx.width = w;
		columns_cell(b->cols[i], row->task, &ctx, w, last, line);
	}
	text_emit_line(b, line);
}

static void write_text(struct batch *b, const struct snapshot *s)
{
	struct sbuf line;
	size_t tree_col = tree_column(b);

	struct sbuf summary;
	size_t start = 0;

	sbuf_init(&line);
	sbuf_init(&summary);
	if (b->reports)
		sbuf_addc(&b->out.buf, '\n');
	batch_text_summary(&summary, s);
	for (size_t i = 0; i < summary.len; i++) {
		if (summary.data[i] != '\n')
			continue;
		sbuf_reset(&line);
		sbuf_add(&line, summary.data + start, i - start);
		text_emit_line(b, &line);
		start = i + 1;
	}
	sbuf_fini(&summary);
	sbuf_addc(&b->out.buf, '\n');
	text_header_row(b, &line);
	for (size_t r = 0; r < b->rows.n; r++) {
		text_row(b, s, &b->rows.rows[r], tree_col, &line);
		out_maybe_flush(&b->out);
	}
	sbuf_fini(&line);
}

/* ---- JSON Lines ---------------------------------------------------- */

static void json_num(struct sbuf *o, const char *key, double v, int prec)
{
	sbuf_addf(o, "\"%s\":", key);
	add_num(o, v, prec, 0);
}

static void json_cpu(struct sbuf *o, const struct cpu_usage *c)
{
	const struct { const char *key; double v; } f[] = {
		{ "user", c->user }, { "nice", c->nice },
		{ "system", c->system }, { "idle", c->idle },
		{ "iowait", c->iowait }, { "irq", c->irq },
		{ "softirq", c->softirq }, { "steal", c->steal },
		{ "guest", c->guest }, { "busy", c->busy },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (i)
			sbuf_addc(o, ',');
		if (c->valid)
			json_num(o, f[i].key, f[i].v, 2);
		else
			sbuf_addf(o, "\"%s\":null", f[i].key);
	}
}

static void json_system(struct sbuf *o, const struct snapshot *s)
{
	const struct sys_stats *sys = &s->sys;
	const struct mem_stats *m = &sys->mem;
	static const char *const state_keys[STATE_COUNT] = {
		[STATE_R] = "running", [STATE_S] = "sleeping",
		[STATE_D] = "disk_sleep", [STATE_T] = "stopped",
		[STATE_t] = "tracing_stop", [STATE_Z] = "zombie",
		[STATE_I] = "idle", [STATE_X] = "dead", [STATE_OTHER] = "other",
	};

	sbuf_adds(o, "\"system\":{");
	json_num(o, "uptime_s", sys->uptime_s, 2);
	sbuf_adds(o, ",\"loadavg\":[");
	for (int i = 0; i < 3; i++) {
		if (i)
			sbuf_addc(o, ',');
		add_num(o, sys->loadavg[i], 2, 0);
	}
	sbuf_addf(o, "],\"tasks\":{\"total\":%zu", s->nprocs);
	for (size_t i = 0; i < STATE_COUNT; i++)
		sbuf_addf(o, ",\"%s\":%u", state_keys[i], s->state_counts[i]);
	sbuf_addf(o, ",\"kernel_threads\":%zu,\"threads\":%zu"
		",\"userland_threads\":%zu},\"cpu\":{",
		s->nkthreads, s->nthreads_total, s->nthreads_user);
	json_cpu(o, &s->cpu_total);
	sbuf_adds(o, "},\"cpus\":[");
	for (size_t i = 0; i < sys->ncpus; i++) {
		sbuf_addf(o, "%s{\"cpu\":%zu,\"online\":%s,", i ? "," : "", i,
			sys->cpus && sys->cpus[i].online ? "true" : "false");
		json_cpu(o, &s->cpus[i]);
		sbuf_addc(o, '}');
	}
	sbuf_addf(o, "],\"memory\":{"
		"\"total_kib\":%" PRIu64 ",\"used_kib\":%" PRIu64
		",\"free_kib\":%" PRIu64 ",\"available_kib\":%" PRIu64
		",\"buffers_kib\":%" PRIu64 ",\"cached_kib\":%" PRIu64
		",\"buff_cache_kib\":%" PRIu64 ",\"shared_kib\":%" PRIu64
		",\"swap_total_kib\":%" PRIu64 ",\"swap_used_kib\":%" PRIu64
		",\"swap_free_kib\":%" PRIu64 ",\"swap_cached_kib\":%" PRIu64
		"}}",
		m->mem_total, snapshot_mem_used_kib(s), m->mem_free,
		m->mem_available, m->buffers, m->cached,
		snapshot_buff_cache_kib(s), m->shmem, m->swap_total,
		snapshot_swap_used_kib(s), m->swap_free, m->swap_cached);
}

/* Is `id` among the chosen columns? */
static bool has_column(const struct batch *b, enum column_id id)
{
	for (size_t i = 0; i < b->ncols; i++)
		if (b->cols[i] == id)
			return true;
	return false;
}

/* One "key":value pair of a column (null when unknown). */
static void json_field(struct sbuf *o, enum column_id id,
	const struct task *t, const struct column_ctx *ctx)
{
	const struct column *col = &columns_table[id];

	sbuf_addf(o, "\"%s\":", col->json_key);
	if (!col->format(t, ctx, COLUMN_JSON, o))
		sbuf_adds(o, "null");
}

static void write_json(struct batch *b, const struct snapshot *s)
{
	struct sbuf *o = &b->out.buf;
	struct column_ctx ctx = { .snap = s, .utf8 = true };
	bool want_pid = !has_column(b, COL_PID);

	sbuf_adds(o, "{\"time\":");
	out_add_time(o, &b->wall);
	sbuf_addf(o, ",\"seq\":%llu,", b->reports + 1);
	json_num(o, "interval_s", s->interval_s, 3);
	sbuf_addc(o, ',');
	json_system(o, s);
	sbuf_adds(o, ",\"processes\":[");
	for (size_t r = 0; r < b->rows.n; r++) {
		const struct view_row *row = &b->rows.rows[r];
		bool first = true;

		sbuf_adds(o, r ? ",{" : "{");
		if (want_pid) {
			json_field(o, COL_PID, row->task, &ctx);
			first = false;
		}
		for (size_t i = 0; i < b->ncols; i++) {
			if (!first)
				sbuf_addc(o, ',');
			json_field(o, b->cols[i], row->task, &ctx);
			first = false;
		}
		if (b->vs.tree)
			sbuf_addf(o, ",\"depth\":%u", row->depth);
		if (b->vs.threads)
			sbuf_addf(o, ",\"thread\":%s",
				row->is_thread ? "true" : "false");
		sbuf_addc(o, '}');
		out_maybe_flush(&b->out);
	}
	sbuf_adds(o, "]}\n");
}

/* ---- CSV ----------------------------------------------------------- */

static void write_csv(struct batch *b, const struct snapshot *s)
{
	struct sbuf *o = &b->out.buf;
	struct column_ctx ctx = { .snap = s, .utf8 = b->utf8 };
	bool want_pid = !has_column(b, COL_PID);

	if (!b->reports) {
		sbuf_adds(o, want_pid ? "time,seq,pid" : "time,seq");
		for (size_t i = 0; i < b->ncols; i++)
			sbuf_addf(o, ",%s", columns_table[b->cols[i]].json_key);
		if (b->vs.tree)
			sbuf_adds(o, ",depth");
		if (b->vs.threads)
			sbuf_adds(o, ",thread");
		sbuf_adds(o, "\r\n");
	}
	for (size_t r = 0; r < b->rows.n; r++) {
		const struct view_row *row = &b->rows.rows[r];

		out_add_time(o, &b->wall);
		sbuf_addf(o, ",%llu", b->reports + 1);
		if (want_pid) {
			sbuf_addc(o, ',');
			columns_table[COL_PID].format(row->task, &ctx,
				COLUMN_CSV, o);
		}
		for (size_t i = 0; i < b->ncols; i++) {
			sbuf_addc(o, ',');
			columns_table[b->cols[i]].format(row->task, &ctx,
				COLUMN_CSV, o);
		}
		if (b->vs.tree)
			sbuf_addf(o, ",%u", row->depth);
		if (b->vs.threads)
			sbuf_addf(o, ",%d", row->is_thread ? 1 : 0);
		sbuf_adds(o, "\r\n");
		out_maybe_flush(&b->out);
	}
}

/* ---- the loop ------------------------------------------------------ */

static void batch_init(struct batch *b, const struct options *opts)
{
	memset(b, 0, sizeof(*b));
	b->opts = opts;
	if (opts->ncols) {
		b->cols = opts->cols;
		b->ncols = opts->ncols;
	} else {
		b->cols = columns_default_batch;
		b->ncols = columns_default_batch_n;
	}
	b->utf8 = text_locale_is_utf8();
	b->width = batch_width(opts);
	b->vs = (struct view_state){
		.sort_key = opts->sort_key,
		.sort_desc = opts->sort_desc,
		/* --tree orders siblings by PID unless -s says otherwise */
		.tree_sort_key = opts->sort_set ? opts->sort_key : COL_PID,
		.tree_sort_desc = opts->sort_set && opts->sort_desc,
		.tree = opts->tree,
		.threads = opts->threads,
		.hide_kthreads = opts->hide_kthreads,
		.pids = opts->pids,
		.npids = opts->npids,
		.has_uid = opts->has_uid,
		.uid = opts->uid,
		.utf8 = b->utf8,
	};
	view_rows_init(&b->rows);
	out_init(&b->out, STDOUT_FILENO);
}

static void batch_fini(struct batch *b)
{
	view_rows_fini(&b->rows);
	out_fini(&b->out);
}

/* What the collector must read for these options. */
static unsigned batch_need(const struct batch *b)
{
	unsigned need = columns_need(b->cols, b->ncols) | NEED_STAT;

	need |= columns_table[b->vs.sort_key].need;
	if (b->vs.threads)
		need |= NEED_THREADS;
	if (b->vs.has_uid)
		need |= NEED_USER;
	return need;
}

/* Render one refresh (its rows built by view_build) into the output
 * buffer and write it. */
static bool batch_report(struct batch *b, const struct snapshot *s)
{
	switch (b->opts->format) {
	case FORMAT_JSON:
		write_json(b, s);
		break;
	case FORMAT_CSV:
		write_csv(b, s);
		break;
	case FORMAT_OPENMETRICS:   /* batch_run hands these to metrics.c */
	case FORMAT_PROMETHEUS:
	case FORMAT_TEXT:
		write_text(b, s);
		break;
	}
	b->reports++;
	return out_flush(&b->out);
}

/* "proctop: no process matches -p 1,2 -u bob" on stderr. */
static void no_match(const struct options *opts)
{
	struct sbuf msg;

	sbuf_init(&msg);
	sbuf_adds(&msg, "proctop: no process matches");
	for (size_t i = 0; i < opts->npids; i++)
		sbuf_addf(&msg, "%s%d", i ? "," : " -p ", (int)opts->pids[i]);
	if (opts->has_uid) {
		sbuf_adds(&msg, " -u ");
		if (opts->user_arg)
			text_sanitize(&msg, opts->user_arg,
				strlen(opts->user_arg), text_locale_is_utf8());
		else
			sbuf_addf(&msg, "%u", (unsigned)opts->uid);
	}
	if (opts->hide_kthreads)
		sbuf_adds(&msg, " --hide-kthreads");
	sbuf_addc(&msg, '\n');
	fputs(msg.data, stderr);
	sbuf_fini(&msg);
}

int batch_run(const struct options *opts)
{
	struct snapshot snaps[2];
	struct snapshot *prev = &snaps[0], *cur = &snaps[1], *tmp;
	struct collector *c;
	struct batch b;
	struct timespec last;
	unsigned need;
	int err = 0, status = 0;
	double prime_s = opts->delay_s < BATCH_PRIME_MAX_S ?
		opts->delay_s : BATCH_PRIME_MAX_S;

	if (opts->format == FORMAT_OPENMETRICS ||
	    opts->format == FORMAT_PROMETHEUS)
		return batch_metrics_run(opts);
	c = collector_new(opts->proc_root, &err);
	if (!c) {
		fprintf(stderr, "proctop: cannot open %s: %s\n", opts->proc_root,
			strerror(err < 0 ? -err : EIO));
		return 1;
	}
	batch_init(&b, opts);
	need = batch_need(&b);
	snapshot_init(prev);
	snapshot_init(cur);

	/* Priming sample: the first report's CPU% is measured against it. */
	clock_gettime(CLOCK_MONOTONIC, &last);
	if (sample_take(c, need, prev, NULL, opts->proc_root) < 0) {
		status = 1;
		goto done;
	}
	sample_sleep_after(&last, prime_s);

	for (long i = 0; opts->iterations == 0 || i < opts->iterations; i++) {
		if (i)
			sample_sleep_after(&last, opts->delay_s);
		clock_gettime(CLOCK_MONOTONIC, &last);
		clock_gettime(CLOCK_REALTIME, &b.wall);
		if (sample_take(c, need, cur, prev, opts->proc_root) < 0) {
			status = 1;
			break;
		}
		view_build(cur, &b.vs, &b.rows);
		if (i == 0 && !b.rows.n && (opts->npids || opts->has_uid)) {
			no_match(opts);
			status = 1;
			break;
		}
		if (!batch_report(&b, cur))
			break;
		/* cur becomes the light prev; the old prev's place, with
		 * cur's arrays, is sampled into next */
		snapshot_keep_ticks(cur, prev);
		tmp = prev;
		prev = cur;
		cur = tmp;
	}

done:
	if (out_finish(&b.out))
		status = 1;
	snapshot_fini(prev);
	snapshot_fini(cur);
	batch_fini(&b);
	collector_free(c);
	return status;
}

/* ---- reports of snapshots taken elsewhere (replay) ------------------ */

struct batch *batch_writer_new(const struct options *opts)
{
	struct batch *b = xcalloc(1, sizeof(*b));

	batch_init(b, opts);
	return b;
}

unsigned batch_writer_need(const struct batch *b)
{
	return batch_need(b);
}

int batch_writer_emit(struct batch *b, const struct snapshot *s,
	const struct timespec *wall)
{
	b->wall = *wall;
	view_build(s, &b->vs, &b->rows);
	if (!b->reports && !b->rows.n && (b->opts->npids || b->opts->has_uid)) {
		no_match(b->opts);
		return -ESRCH;
	}
	return batch_report(b, s) ? 1 : 0;
}

int batch_writer_free(struct batch *b)
{
	int status = out_finish(&b->out);

	batch_fini(b);
	free(b);
	return status;
}
