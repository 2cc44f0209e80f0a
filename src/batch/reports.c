/* reports — `proctop -b --maps PID` and `proctop -b --memory`
 * (see proctop/reports.h).
 *
 * Both print one report, or -n N reports one delay apart.  Output is built
 * in memory and written with write(2) in large pieces, so every write error
 * is seen: EPIPE (a closed pipe; SIGPIPE is ignored by main) ends quietly
 * with status 0, anything else prints a message and returns 1.  Numbers in
 * the text forms are plain KiB integers (as pmap -X and free -k print them)
 * and rates use units_double, so nothing depends on LC_NUMERIC.  Paths and
 * command lines are sanitised (text, CSV) or escaped (JSON). */
#include "proctop/reports.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/columns.h"
#include "proctop/maps.h"
#include "proctop/memmap.h"
#include "proctop/memreport.h"
#include "proctop/pidinfo.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"
#include "proctop/task.h"
#include "proctop/text.h"
#include "proctop/units.h"
#include "proctop/view.h"
#include "proctop/xalloc.h"

#include "out.h"
#include "sample.h"

#define TOP_SWAP_MAX 20u

/* What --memory collects for every process, and for the swap users shown
 * only (RES from statm, PSS). */
#define MEMORY_NEED (NEED_STAT | NEED_STATUS | NEED_USER | NEED_CMDLINE)
#define SWAP_ROW_NEED (NEED_STATM | NEED_ROLLUP)

static long report_count(const struct options *opts)
{
	return opts->iterations > 0 ? opts->iterations : 1;
}

static const char *proc_root(const struct options *opts)
{
	return opts->proc_root ? opts->proc_root : "/proc";
}

/* ---- --maps ------------------------------------------------------- */

/* The figure columns: memmap_fields, named as smaps and pmap -X name them. */
#define NMAP_COLS MEMMAP_NFIELDS

static size_t digits(uint64_t v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void add_u64(struct sbuf *sb, uint64_t v, size_t width)
{
	size_t d = digits(v);

	if (d < width)
		sbuf_pad(sb, width - d);
	sbuf_addf(sb, "%" PRIu64, v);
}

static void add_str(struct sbuf *sb, const char *s, size_t width, bool left)
{
	size_t len = strlen(s);

	if (!left && len < width)
		sbuf_pad(sb, width - len);
	sbuf_add(sb, s, len);
	if (left && len < width)
		sbuf_pad(sb, width - len);
}

/* The process's command line for the heading (sanitised text, or a JSON
 * string, appended to out), read with the map it heads. */
static void add_command(const struct pidinfo *pi, struct sbuf *out,
	bool json, bool utf8)
{
	const char *cmd = pi->command ? pi->command : "";

	if (json)
		text_json_string(out, cmd, pi->command_len);
	else
		text_sanitize(out, cmd, pi->command_len, utf8);
}

/* Widths of the text table's columns, from the values to print. */
struct map_widths {
	size_t addr, offset, inode;
	size_t num[NMAP_COLS];
};

static void map_widths(const struct memmap *mm, struct map_widths *w)
{
	const struct map_usage *tot = memmap_totals(mm);
	uint64_t max_addr = 0, max_off = 0, max_ino = 0;

	for (size_t c = 0; c < NMAP_COLS; c++) {
		w->num[c] = strlen(memmap_fields[c].name);
		if (digits(map_usage_field(tot, c)) > w->num[c])
			w->num[c] = digits(map_usage_field(tot, c));
	}
	for (size_t i = 0; i < mm->n; i++) {
		const struct map_entry *e = &mm->maps[i];
		if (e->start > max_addr)
			max_addr = e->start;
		if (e->offset > max_off)
			max_off = e->offset;
		if (e->inode > max_ino)
			max_ino = e->inode;
		for (size_t c = 0; c < NMAP_COLS; c++)
			if (digits(map_usage_field(&e->u, c)) > w->num[c])
				w->num[c] = digits(map_usage_field(&e->u, c));
	}
	char tmp[32];
	w->addr = (size_t)snprintf(tmp, sizeof(tmp), "%" PRIx64, max_addr);
	if (w->addr < 7)
		w->addr = 7;
	w->offset = (size_t)snprintf(tmp, sizeof(tmp), "%08" PRIx64, max_off);
	w->inode = digits(max_ino) > 5 ? digits(max_ino) : 5;
}

/* One mapping's name as text: the sanitised label, " (deleted)" kept. */
static void add_label_text(struct sbuf *sb, const struct memmap *mm,
	const struct map_entry *e, bool utf8)
{
	size_t len;
	const char *label = memmap_label(mm, e, &len);

	text_sanitize(sb, label, len, utf8);
	if (e->deleted)
		sbuf_adds(sb, " (deleted)");
}

static void maps_text(struct out *o, const struct pidinfo *pi,
	const struct memmap *mm, bool utf8)
{
	struct sbuf *sb = &o->buf;
	struct map_widths w;
	char tmp[64];

	map_widths(mm, &w);
	sbuf_addf(sb, "%d:   ", (int)mm->pid);
	add_command(pi, sb, false, utf8);
	sbuf_addc(sb, '\n');
	add_str(sb, "Address", w.addr, false);
	sbuf_adds(sb, " Perm ");
	add_str(sb, "Offset", w.offset, false);
	sbuf_adds(sb, " Device ");
	add_str(sb, "Inode", w.inode, false);
	for (size_t c = 0; c < NMAP_COLS; c++) {
		sbuf_addc(sb, ' ');
		add_str(sb, memmap_fields[c].name, w.num[c], false);
	}
	sbuf_adds(sb, " Kind    Mapping\n");
	for (size_t i = 0; i < mm->n; i++) {
		const struct map_entry *e = &mm->maps[i];
		snprintf(tmp, sizeof(tmp), "%" PRIx64, e->start);
		add_str(sb, tmp, w.addr, false);
		sbuf_addf(sb, " %s ", e->perms);
		snprintf(tmp, sizeof(tmp), "%08" PRIx64, e->offset);
		add_str(sb, tmp, w.offset, false);
		snprintf(tmp, sizeof(tmp), "%02x:%02x", e->dev_major,
			e->dev_minor);
		sbuf_addc(sb, ' ');
		add_str(sb, tmp, 6, false);
		sbuf_addc(sb, ' ');
		add_u64(sb, e->inode, w.inode);
		for (size_t c = 0; c < NMAP_COLS; c++) {
			sbuf_addc(sb, ' ');
			add_u64(sb, map_usage_field(&e->u, c), w.num[c]);
		}
		sbuf_addc(sb, ' ');
		add_str(sb, memmap_kind_name(e->kind), 7, true);
		sbuf_addc(sb, ' ');
		add_label_text(sb, mm, e, utf8);
		sbuf_addc(sb, '\n');
		out_maybe_flush(o);
	}
	size_t lead = w.addr + 6 + w.offset + 8 + w.inode;
	sbuf_pad(sb, lead);
	for (size_t c = 0; c < NMAP_COLS; c++) {
		sbuf_addc(sb, ' ');
		for (size_t k = 0; k < w.num[c]; k++)
			sbuf_addc(sb, '=');
	}
	sbuf_addc(sb, '\n');
	sbuf_pad(sb, lead);
	const struct map_usage *tot = memmap_totals(mm);
	for (size_t c = 0; c < NMAP_COLS; c++) {
		sbuf_addc(sb, ' ');
		add_u64(sb, map_usage_field(tot, c), w.num[c]);
	}
	sbuf_addf(sb, " KiB total (%s)\n", mm->has_rollup ? "smaps_rollup" :
		mm->has_usage ? "sum of smaps" : "maps only, sizes only");

	sbuf_addf(sb, "\nBy kind     Count         Size          Rss"
		"          Pss         Swap        Dirty\n");
	for (size_t k = 0; k < MEMMAP_KIND_COUNT; k++) {
		const struct map_usage *u = &mm->by_kind[k];
		if (!mm->count_by_kind[k])
			continue;
		add_str(sb, memmap_kind_name((enum memmap_kind)k), 9, true);
		add_u64(sb, mm->count_by_kind[k], 8);
		add_u64(sb, u->size_kib, 13);
		add_u64(sb, u->rss_kib, 13);
		add_u64(sb, u->pss_kib, 13);
		add_u64(sb, u->swap_kib, 13);
		add_u64(sb, map_usage_dirty_kib(u), 13);
		sbuf_addc(sb, '\n');
	}
	add_str(sb, "total", 9, true);
	add_u64(sb, mm->n, 8);
	add_u64(sb, mm->sum.size_kib, 13);
	add_u64(sb, mm->sum.rss_kib, 13);
	add_u64(sb, mm->sum.pss_kib, 13);
	add_u64(sb, mm->sum.swap_kib, 13);
	add_u64(sb, map_usage_dirty_kib(&mm->sum), 13);
	sbuf_adds(sb, "  (sums of the mappings, KiB)\n");
}

static void json_usage(struct sbuf *sb, const struct map_usage *u)
{
	for (size_t c = 0; c < NMAP_COLS; c++)
		sbuf_addf(sb, "%s\"%s\":%" PRIu64, c ? "," : "",
			memmap_fields[c].json_key, map_usage_field(u, c));
	sbuf_addf(sb, ",\"dirty_kib\":%" PRIu64, map_usage_dirty_kib(u));
}

static void maps_json(struct out *o, const struct pidinfo *pi,
	const struct memmap *mm,
	const struct timespec *wall, long seq)
{
	struct sbuf *sb = &o->buf;

	sbuf_adds(sb, "{\"time\":");
	out_add_time(sb, wall);
	sbuf_addf(sb, ",\"seq\":%ld,\"pid\":%d,\"command\":", seq,
		(int)mm->pid);
	add_command(pi, sb, true, true);
	sbuf_addf(sb, ",\"has_smaps\":%s,\"totals_source\":\"%s\","
		"\"mappings\":[", mm->has_usage ? "true" : "false",
		mm->has_rollup ? "smaps_rollup" : "sum");
	for (size_t i = 0; i < mm->n; i++) {
		const struct map_entry *e = &mm->maps[i];
		sbuf_addf(sb, "%s{\"start\":\"%" PRIx64 "\",\"end\":\"%" PRIx64
			"\",\"perms\":\"%s\",\"offset\":\"%08" PRIx64 "\","
			"\"device\":\"%02x:%02x\",\"inode\":%" PRIu64 ","
			"\"kind\":\"%s\",\"path\":", i ? "," : "", e->start,
			e->end, e->perms, e->offset, e->dev_major,
			e->dev_minor, e->inode, memmap_kind_name(e->kind));
		if (e->path_len)
			text_json_string(sb, memmap_path(mm, e), e->path_len);
		else
			sbuf_adds(sb, "null");
		sbuf_addf(sb, ",\"deleted\":%s,", e->deleted ? "true" : "false");
		json_usage(sb, &e->u);
		sbuf_addc(sb, '}');
		out_maybe_flush(o);
	}
	sbuf_adds(sb, "],\"totals\":{");
	json_usage(sb, memmap_totals(mm));
	sbuf_adds(sb, "},\"sum\":{");
	json_usage(sb, &mm->sum);
	sbuf_adds(sb, "},\"by_kind\":{");
	bool first = true;
	for (size_t k = 0; k < MEMMAP_KIND_COUNT; k++) {
		if (!mm->count_by_kind[k])
			continue;
		sbuf_addf(sb, "%s\"%s\":{\"count\":%zu,", first ? "" : ",",
			memmap_kind_name((enum memmap_kind)k),
			mm->count_by_kind[k]);
		json_usage(sb, &mm->by_kind[k]);
		sbuf_addc(sb, '}');
		first = false;
	}
	sbuf_adds(sb, "}}\n");
}

static void maps_csv(struct out *o, const struct memmap *mm, bool utf8)
{
	struct sbuf *sb = &o->buf;

	sbuf_adds(sb, "start,end,perms,offset,device,inode,kind,path,deleted");
	for (size_t c = 0; c < NMAP_COLS; c++)
		sbuf_addf(sb, ",%s", memmap_fields[c].json_key);
	sbuf_adds(sb, "\r\n");
	for (size_t i = 0; i < mm->n; i++) {
		const struct map_entry *e = &mm->maps[i];
		sbuf_addf(sb, "%" PRIx64 ",%" PRIx64 ",%s,%08" PRIx64
			",%02x:%02x,%" PRIu64 ",%s,", e->start, e->end,
			e->perms, e->offset, e->dev_major, e->dev_minor,
			e->inode, memmap_kind_name(e->kind));
		text_csv_field(sb, memmap_path(mm, e), e->path_len, utf8);
		sbuf_addf(sb, ",%d", e->deleted ? 1 : 0);
		for (size_t c = 0; c < NMAP_COLS; c++)
			sbuf_addf(sb, ",%" PRIu64, map_usage_field(&e->u, c));
		sbuf_adds(sb, "\r\n");
		out_maybe_flush(o);
	}
	/* the totals row: "total" in place of the address */
	sbuf_adds(sb, "total,,,,,,,,");
	const struct map_usage *tot = memmap_totals(mm);
	for (size_t c = 0; c < NMAP_COLS; c++)
		sbuf_addf(sb, ",%" PRIu64, map_usage_field(tot, c));
	sbuf_adds(sb, "\r\n");
}

/* The one-line message for a map that cannot be read: what happened, and
 * the file it happened to (file: "stat", "smaps", ...; NULL when none). */
static void maps_error(pid_t pid, const char *root, int err, bool known,
	const char *file)
{
	if (err == -ESRCH) {
		fprintf(stderr, "proctop: --maps %d: %s\n", (int)pid,
			known ? "process exited" : "no such process");
	} else if (err == -MAPREAD_EEXITED || err == -MAPREAD_EEXECED ||
			!file) {
		fprintf(stderr, "proctop: --maps %d: %s\n", (int)pid,
			mapread_strerror(err));
	} else if (err == -EACCES || err == -EPERM) {
		fprintf(stderr, "proctop: --maps %d: permission denied reading "
			"%s/%d/%s: it needs ptrace read access to the process "
			"(PTRACE_MODE_READ: the same user and a dumpable process, "
			"or CAP_SYS_PTRACE)\n", (int)pid, root, (int)pid, file);
	} else {
		fprintf(stderr, "proctop: --maps %d: %s/%d/%s: %s\n", (int)pid,
			root, (int)pid, file, mapread_strerror(err));
	}
}

/* An empty map is a kernel thread's or a zombie's: say which (one line,
 * true), or false when it is neither. */
static bool maps_why_empty(const struct pidinfo *pi, pid_t pid)
{
	if (pi->is_kthread) {
		fprintf(stderr, "proctop: --maps %d: pid %d is a kernel thread: "
			"it has no user address space\n", (int)pid, (int)pid);
		return true;
	}
	if (pi->state == 'Z' || pi->state == 'X') {
		fprintf(stderr, "proctop: --maps %d: pid %d is a zombie: it has "
			"exited and its address space is gone (its parent has not "
			"reaped it yet)\n", (int)pid, (int)pid);
		return true;
	}
	return false;
}

int reports_maps_run(const struct options *opts)
{
	const char *root = proc_root(opts);
	struct memmap mm;
	struct pidinfo pi;
	struct out o;
	struct timespec last, wall;
	bool utf8 = text_locale_is_utf8();
	int status = 0;
	int root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (root_fd < 0) {
		fprintf(stderr, "proctop: cannot open %s: %s\n", root,
			strerror(errno));
		return 1;
	}
	memmap_init(&mm);
	pidinfo_init(&pi);
	out_init(&o, STDOUT_FILENO);
	for (long i = 0; i < report_count(opts); i++) {
		if (i)
			sample_sleep_after(&last, opts->delay_s);
		clock_gettime(CLOCK_MONOTONIC, &last);
		clock_gettime(CLOCK_REALTIME, &wall);
		/* the first report records the start time; later ones stop
		 * once the process has exited (or its pid was reused) */
		unsigned what = opts->format == FORMAT_CSV ? 0 : PIDINFO_CMDLINE;
		int err = pidinfo_read_map(root_fd, opts->maps_pid, what, &pi,
			&mm);
		if (err) {
			maps_error(opts->maps_pid, root, err, pi.known,
				pi.err_file);
			status = 1;
			break;
		}
		if (!mm.n && maps_why_empty(&pi, opts->maps_pid)) {
			status = 1;
			break;
		}
		switch (opts->format) {
		case FORMAT_JSON:
			maps_json(&o, &pi, &mm, &wall, i + 1);
			break;
		case FORMAT_CSV:
			maps_csv(&o, &mm, utf8);
			break;
		case FORMAT_OPENMETRICS:   /* refused with --maps/--memory */
		case FORMAT_PROMETHEUS:
		case FORMAT_TEXT:
			if (i)
				sbuf_addc(&o.buf, '\n');
			maps_text(&o, &pi, &mm, utf8);
			break;
		}
		if (!out_flush(&o))
			break;
	}
	if (!status)
		status = out_finish(&o);
	out_fini(&o);
	pidinfo_fini(&pi);
	memmap_fini(&mm);
	close(root_fd);
	return status;
}

/* ---- --memory ----------------------------------------------------- */

/* The top-swap-users table's columns. */
static const enum column_id swap_cols[] = {
	COL_PID, COL_USER, COL_SWAP, COL_RES, COL_RESSWAP, COL_PSS, COL_CMD,
};
#define NSWAP_COLS (sizeof(swap_cols) / sizeof(swap_cols[0]))

/* The sort key of the swap users: -s swap|res|resswap|pss, else SWAP. */
static void swap_key(const struct options *opts, enum column_id *key,
	bool *desc)
{
	*key = COL_SWAP;
	*desc = true;
	if (opts->sort_set && (opts->sort_key == COL_SWAP ||
			opts->sort_key == COL_RES ||
			opts->sort_key == COL_RESSWAP ||
			opts->sort_key == COL_PSS)) {
		*key = opts->sort_key;
		*desc = opts->sort_desc;
	}
}

/* Indices of the processes with swapped-out memory, sorted; at most
 * TOP_SWAP_MAX.  Their RES is statm's exact count (as the man page and
 * ps say) and their PSS smaps_rollup's (milliseconds for a large
 * process): both read only for the rows shown, or for every swap user
 * when the sort key needs them.  *idx is caller-freed. */
static size_t top_swap(struct collector *c, struct snapshot *s,
	const struct options *opts, bool utf8, long **idx)
{
	size_t n;

	*idx = xreallocarray(NULL, s->nprocs ? s->nprocs : 1, sizeof(**idx));
	n = memreport_swap_users(s, *idx);
	enum column_id key;
	bool desc;
	swap_key(opts, &key, &desc);
	unsigned sort_need = columns_table[key].need & SWAP_ROW_NEED;
	if (n && sort_need)
		collector_fill(c, s, *idx, n, sort_need);
	view_sort_procs(s, *idx, n, key, desc, utf8);
	if (n > TOP_SWAP_MAX)
		n = TOP_SWAP_MAX;
	if (n && sort_need != SWAP_ROW_NEED)
		collector_fill(c, s, *idx, n, SWAP_ROW_NEED);
	return n;
}

static void memory_text(struct out *o, const struct snapshot *s,
	const struct options *opts, const long *idx, size_t nidx, bool utf8)
{
	struct sbuf *sb = &o->buf;
	struct mem_figures f;
	struct mem_rate r[MEMREPORT_NRATES];
	char num[64];

	memreport_figures(s, &f);
	sbuf_adds(sb, "Memory (KiB)\n");
	for (size_t i = 0; i < f.nmem; i++) {
		sbuf_addf(sb, "  %-20s", f.mem[i].label);
		add_u64(sb, f.mem[i].kib, 14);
		if (!strcmp(f.mem[i].key, "used_kib"))
			sbuf_adds(sb, "   (total - available)");
		if (!strcmp(f.mem[i].key, "committed_as_kib") &&
				s->sys.mem.commit_limit) {
			units_double(num, sizeof(num), 100.0 *
				(double)s->sys.mem.committed_as /
				(double)s->sys.mem.commit_limit, 1);
			sbuf_addf(sb, "   (%s%% of the commit limit)", num);
		}
		sbuf_addc(sb, '\n');
	}
	sbuf_adds(sb, "Swap (KiB)\n");
	for (size_t i = 0; i < f.nswap; i++) {
		sbuf_addf(sb, "  %-20s", f.swap[i].label);
		add_u64(sb, f.swap[i].kib, 14);
		sbuf_addc(sb, '\n');
	}
	if (f.nzswap) {
		sbuf_adds(sb, "Zswap (KiB)\n");
		for (size_t i = 0; i < f.nzswap; i++) {
			sbuf_addf(sb, "  %-20s", f.zswap[i].label);
			add_u64(sb, f.zswap[i].kib, 14);
			sbuf_addc(sb, '\n');
		}
	}
	units_double(num, sizeof(num), s->interval_s, 2);
	sbuf_addf(sb, "vmstat (per second over the last %s s)\n", num);
	size_t nr = memreport_rates(s, r);
	for (size_t i = 0; i < nr; i++) {
		sbuf_addf(sb, "  %-20s", r[i].label);
		if (s->vm_rates.valid)
			units_double(num, sizeof(num), r[i].per_s, 1);
		else
			snprintf(num, sizeof(num), "-");
		add_str(sb, num, 14, false);
		sbuf_addc(sb, '\n');
	}

	enum column_id key;
	bool desc;
	swap_key(opts, &key, &desc);
	sbuf_addf(sb, "Top swap users (by %s)\n", columns_table[key].header);
	struct column_ctx ctx = { .snap = s, .utf8 = utf8 };
	for (size_t c = 0; c < NSWAP_COLS; c++) {
		const struct column *col = &columns_table[swap_cols[c]];
		size_t w = col->width > 0 ? (size_t)col->width : 0;
		if (c)
			sbuf_addc(sb, ' ');
		if (c == NSWAP_COLS - 1)
			sbuf_adds(sb, col->header);
		else
			add_str(sb, col->header, w, col->left);
	}
	sbuf_addc(sb, '\n');
	if (!nidx)
		sbuf_adds(sb, "  (no process has swapped-out memory)\n");
	for (size_t i = 0; i < nidx; i++) {
		const struct task *t = &s->procs[idx[i]];
		for (size_t c = 0; c < NSWAP_COLS; c++) {
			const struct column *col = &columns_table[swap_cols[c]];
			bool last = c == NSWAP_COLS - 1;
			size_t w = col->width > 0 ? (size_t)col->width : 40;
			if (c)
				sbuf_addc(sb, ' ');
			ctx.width = last ? 200 : w;
			columns_cell(swap_cols[c], t, &ctx, ctx.width, last, sb);
		}
		sbuf_addc(sb, '\n');
	}
}

static void memory_json(struct out *o, const struct snapshot *s,
	const struct timespec *wall, long seq, const long *idx, size_t nidx)
{
	struct sbuf *sb = &o->buf;
	struct mem_figures f;
	struct mem_rate r[MEMREPORT_NRATES];
	char num[64];

	memreport_figures(s, &f);
	sbuf_adds(sb, "{\"time\":");
	out_add_time(sb, wall);
	sbuf_addf(sb, ",\"seq\":%ld,", seq);
	units_double(num, sizeof(num), s->interval_s, 3);
	sbuf_addf(sb, "\"interval_s\":%s,\"memory\":{", num);
	for (size_t i = 0; i < f.nmem; i++)
		sbuf_addf(sb, "%s\"%s\":%" PRIu64, i ? "," : "", f.mem[i].key,
			f.mem[i].kib);
	sbuf_adds(sb, "},\"swap\":{");
	for (size_t i = 0; i < f.nswap; i++)
		sbuf_addf(sb, "%s\"%s\":%" PRIu64, i ? "," : "", f.swap[i].key,
			f.swap[i].kib);
	sbuf_adds(sb, "},\"zswap\":");
	if (f.nzswap) {
		sbuf_addc(sb, '{');
		for (size_t i = 0; i < f.nzswap; i++)
			sbuf_addf(sb, "%s\"%s\":%" PRIu64, i ? "," : "",
				f.zswap[i].key, f.zswap[i].kib);
		sbuf_addc(sb, '}');
	} else {
		sbuf_adds(sb, "null");
	}
	sbuf_adds(sb, ",\"vmstat_per_s\":");
	if (s->vm_rates.valid) {
		size_t nr = memreport_rates(s, r);
		sbuf_addc(sb, '{');
		for (size_t i = 0; i < nr; i++) {
			units_double(num, sizeof(num), r[i].per_s, 2);
			sbuf_addf(sb, "%s\"%s\":%s", i ? "," : "", r[i].key, num);
		}
		sbuf_addc(sb, '}');
	} else {
		sbuf_adds(sb, "null");
	}
	sbuf_adds(sb, ",\"top_swap\":[");
	struct column_ctx ctx = { .snap = s, .utf8 = true };
	for (size_t i = 0; i < nidx; i++) {
		const struct task *t = &s->procs[idx[i]];
		sbuf_adds(sb, i ? ",{" : "{");
		for (size_t c = 0; c < NSWAP_COLS; c++) {
			const struct column *col = &columns_table[swap_cols[c]];
			sbuf_addf(sb, "%s\"%s\":", c ? "," : "", col->json_key);
			if (!col->format(t, &ctx, COLUMN_JSON, sb))
				sbuf_adds(sb, "null");
		}
		sbuf_addc(sb, '}');
	}
	sbuf_adds(sb, "]}\n");
}

static void memory_csv(struct out *o, const struct snapshot *s,
	const long *idx, size_t nidx, bool utf8)
{
	struct sbuf *sb = &o->buf;
	struct mem_figures f;
	struct mem_rate r[MEMREPORT_NRATES];
	char num[64];

	memreport_figures(s, &f);
	sbuf_adds(sb, "section,name,value\r\n");
	for (size_t i = 0; i < f.nmem; i++)
		sbuf_addf(sb, "memory,%s,%" PRIu64 "\r\n", f.mem[i].key,
			f.mem[i].kib);
	for (size_t i = 0; i < f.nswap; i++)
		sbuf_addf(sb, "swap,%s,%" PRIu64 "\r\n", f.swap[i].key,
			f.swap[i].kib);
	for (size_t i = 0; i < f.nzswap; i++)
		sbuf_addf(sb, "zswap,%s,%" PRIu64 "\r\n", f.zswap[i].key,
			f.zswap[i].kib);
	size_t nr = memreport_rates(s, r);
	for (size_t i = 0; i < nr && s->vm_rates.valid; i++) {
		units_double(num, sizeof(num), r[i].per_s, 2);
		sbuf_addf(sb, "vmstat_per_s,%s,%s\r\n", r[i].key, num);
	}
	/* the swap users: a second table after an empty line */
	sbuf_adds(sb, "\r\n");
	struct column_ctx ctx = { .snap = s, .utf8 = utf8 };
	for (size_t c = 0; c < NSWAP_COLS; c++)
		sbuf_addf(sb, "%s%s", c ? "," : "",
			columns_table[swap_cols[c]].json_key);
	sbuf_adds(sb, "\r\n");
	for (size_t i = 0; i < nidx; i++) {
		for (size_t c = 0; c < NSWAP_COLS; c++) {
			const struct column *col = &columns_table[swap_cols[c]];
			if (c)
				sbuf_addc(sb, ',');
			col->format(&s->procs[idx[i]], &ctx, COLUMN_CSV, sb);
		}
		sbuf_adds(sb, "\r\n");
	}
}

int reports_memory_run(const struct options *opts)
{
	const char *root = proc_root(opts);
	struct snapshot snaps[2];
	struct snapshot *prev = &snaps[0], *cur = &snaps[1], *tmp;
	struct out o;
	struct timespec last, wall;
	bool utf8 = text_locale_is_utf8();
	int err = 0, status = 0;
	double delay_s = opts->delay_s > 0 ? opts->delay_s : 1.0;
	/* the first report's rates cover a priming interval of at most 0.5 s */
	double prime_s = delay_s < 0.5 ? delay_s : 0.5;
	struct collector *c = collector_new(root, &err);

	if (!c) {
		fprintf(stderr, "proctop: cannot open %s: %s\n", root,
			strerror(err < 0 ? -err : EIO));
		return 1;
	}
	snapshot_init(prev);
	snapshot_init(cur);
	out_init(&o, STDOUT_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &last);
	if (sample_take(c, MEMORY_NEED, prev, NULL, root) < 0) {
		status = 1;
		goto done;
	}
	sample_sleep_after(&last, prime_s);
	for (long i = 0; i < report_count(opts); i++) {
		long *idx = NULL;
		if (i)
			sample_sleep_after(&last, delay_s);
		clock_gettime(CLOCK_MONOTONIC, &last);
		clock_gettime(CLOCK_REALTIME, &wall);
		if (sample_take(c, MEMORY_NEED, cur, prev, root) < 0) {
			status = 1;
			break;
		}
		size_t nidx = top_swap(c, cur, opts, utf8, &idx);
		switch (opts->format) {
		case FORMAT_JSON:
			memory_json(&o, cur, &wall, i + 1, idx, nidx);
			break;
		case FORMAT_CSV:
			memory_csv(&o, cur, idx, nidx, utf8);
			break;
		case FORMAT_OPENMETRICS:   /* refused with --maps/--memory */
		case FORMAT_PROMETHEUS:
		case FORMAT_TEXT:
			if (i)
				sbuf_addc(&o.buf, '\n');
			memory_text(&o, cur, opts, idx, nidx, utf8);
			break;
		}
		free(idx);
		if (!out_flush(&o))
			break;
		tmp = prev;
		prev = cur;
		cur = tmp;
	}
done:
	if (!status)
		status = out_finish(&o);
	out_fini(&o);
	snapshot_fini(prev);
	snapshot_fini(cur);
	collector_free(c);
	return status;
}
