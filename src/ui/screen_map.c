/* screen_map — the address-space map of one process: one row per mapping
 * (or per file, grouped), the totals (smaps_rollup), a summary by kind and
 * a one-line bar of where the resident memory is, low to high address.
 *
 * The map (smaps) is read through the collect layer only while this screen
 * is on top, for this one process, at most once per main refresh; a map
 * that takes long to read (tens of thousands of mappings) is re-read less
 * often, at most every ten times its read time, so scrolling stays smooth.
 *
 * A read the process cut short (it exited or exec'd meanwhile) is never
 * shown: the screen keeps the last complete map, titled with the time it
 * was read and "incomplete: ...", or shows only that message. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>

#include "proctop/caps.h"
#include "proctop/maps.h"
#include "proctop/memmap.h"
#include "proctop/pidinfo.h"
#include "proctop/units.h"
#include "proctop/xalloc.h"
#include "screen_map.h"
#include "ui_core.h"

#define BAR_MAX 512
#define ESC 27

/* Screen state (the one place file-level mutable state is allowed). */
static struct {
	struct view_key proc;          /* the process shown */
	int pid_fd;                    /* its /proc/<pid>, -1 when none: one
	                                  directory fd for every read */
	struct pidinfo pi;             /* its start time, state (checked) */
	char name[48];                 /* its comm, sanitised */
	struct memmap mm;              /* the last complete map shown */
	struct memmap fresh;           /* the read in progress */
	bool have_map;                 /* mm holds a complete map */
	time_t map_time;               /* when mm was read (wall clock) */
	int err;                       /* last read: 0 or -errno */
	const char *err_file;          /* the file err is about, or NULL */
	int incomplete;                /* last read cut short:
	                                  -MAPREAD_EEXITED / -MAPREAD_EEXECED,
	                                  else 0 */
	bool exited;                   /* gone, or the pid was reused */
	double read_s;                 /* how long the last read took */
	double next_read_s;            /* not before (mono_now()) */
	/* the rows shown: mapping indices, or groups */
	size_t *idx;
	size_t nidx, idx_cap;
	struct memmap_group *groups;
	size_t ngroups;
	enum memmap_sort sort;
	bool group;
	char filter[256];
	char filter_before[256];       /* restored when the input is cancelled */
	long sel, top;
	uint64_t sel_start;            /* keeps the cursor on its mapping */
	int rows_h;
	size_t hscroll;
	int addr_w;                    /* hex digits of the widest address */
	unsigned char bar[BAR_MAX];
	bool no_mm;                    /* kernel thread or zombie */
	bool ptrace_cap;               /* we hold CAP_SYS_PTRACE */
} mp = { .pid_fd = -1 };

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

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rebuild the rows (after a read, or a new sort, filter or grouping),
 * keeping the cursor on the same mapping when it is still listed. */
static void map_rebuild(void)
{
	if (mp.idx_cap < mp.mm.n) {
		mp.idx_cap = mp.mm.n + 64;
		free(mp.idx);
		mp.idx = xreallocarray(NULL, mp.idx_cap, sizeof(*mp.idx));
	}
	mp.nidx = 0;
	mp.ngroups = 0;
	const char *f = mp.filter[0] ? mp.filter : NULL;
	if (mp.group) {
		mp.ngroups = memmap_group(&mp.mm, mp.sort, f, &mp.groups);
	}
	else if (mp.mm.n)
		mp.nidx = memmap_select(&mp.mm, mp.sort, f, mp.idx);
	size_t n = mp.group ? mp.ngroups : mp.nidx;
	mp.sel = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m = mp.group ? mp.groups[i].first : mp.idx[i];
		if (mp.mm.maps[m].start == mp.sel_start) {
			mp.sel = (long)i;
			break;
		}
	}
	uint64_t max_end = 0;
	for (size_t i = 0; i < mp.mm.n; i++)
		if (mp.mm.maps[i].end > max_end)
			max_end = mp.mm.maps[i].end;
	char tmp[32];
	mp.addr_w = snprintf(tmp, sizeof(tmp), "%llx",
		(unsigned long long)max_end);
	if (mp.addr_w < 8)
		mp.addr_w = 8;
}

/* Take the result of a read into mp: a complete map (or an error) replaces
 * the one shown; a read the process cut short keeps it. */
static void map_take(int err)
{
	if (err == -MAPREAD_EEXITED || err == -MAPREAD_EEXECED) {
		/* an exiting process is not read again; one that exec'd is,
		 * at the next refresh */
		mp.incomplete = err;
		mp.exited = err == -MAPREAD_EEXITED;
		mp.err = 0;
		return;
	}
	mp.incomplete = 0;
	mp.err = err == -ESRCH ? 0 : err;
	mp.err_file = mp.pi.err_file;
	if (err == -ESRCH) {
		mp.exited = true;
		mp.have_map = false;
		memmap_reset(&mp.mm);
		return;
	}
	struct memmap tmp = mp.mm;
	mp.mm = mp.fresh;    /* the new map (empty after an error) */
	mp.fresh = tmp;
	mp.have_map = err == 0;
	mp.map_time = time(NULL);
	mp.no_mm = mp.pi.is_kthread || mp.pi.state == 'Z' || mp.pi.state == 'X';
}

/* Read the map again through the process's directory fd, between two
 * checks that it still has the start time the user saw. */
static void map_read(struct ui *ui)
{
	double t0 = mono_now();

	if (mp.pid_fd < 0) {
		mp.exited = true;
		mp.have_map = false;
		memmap_reset(&mp.mm);
		map_rebuild();
		return;
	}
	map_take(pidinfo_read_map_fd(mp.pid_fd, mp.proc.pid, 0, &mp.pi,
		&mp.fresh));
	map_rebuild();
	double t1 = mono_now();
	mp.read_s = t1 - t0;
	/* a slow read waits at least ten times its length before the next */
	mp.next_read_s = t1 + mp.read_s * 10.0;
}

/* Close the process's directory fd, if open. */
static void map_close_pid(void)
{
	if (mp.pid_fd >= 0)
		close(mp.pid_fd);
	mp.pid_fd = -1;
}

/* Open the directory of the process shown (under the collector's root). */
static void map_open_pid(struct ui *ui)
{
	int root_fd = open(collector_root(ui->coll),
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	map_close_pid();
	if (root_fd < 0)
		return;
	int fd = pidinfo_open(root_fd, mp.proc.pid);
	close(root_fd);
	if (fd >= 0)
		mp.pid_fd = fd;
}

static void map_enter(struct ui *ui)
{
	const struct task *t = ui_selected_process(ui, &mp.proc);

	map_close_pid();
	memmap_reset(&mp.mm);
	mp.err = 0;
	mp.err_file = NULL;
	mp.incomplete = 0;
	mp.have_map = false;
	mp.exited = false;
	mp.sel = mp.top = 0;
	mp.sel_start = 0;
	mp.hscroll = 0;
	mp.filter[0] = '\0';
	mp.name[0] = '\0';
	if (!t) {
		mp.exited = true;
		return;
	}
	struct caps_self self;
	mp.ptrace_cap = caps_self_read(&self) == 0 &&
		(self.eff & ((uint64_t)1 << CAP_SYS_PTRACE));
	mp.no_mm = t->is_kthread || t->stat.state == 'Z' ||
		t->stat.state == 'X';
	ui_sanitize(ui, mp.name, sizeof(mp.name), t->stat.comm,
		strnlen(t->stat.comm, sizeof(t->stat.comm)), 32);
	/* the start time the user saw: a reused pid is not this process */
	pidinfo_fini(&mp.pi);
	pidinfo_init(&mp.pi);
	mp.pi.known = true;
	mp.pi.start_ticks = mp.proc.starttime;
	map_open_pid(ui);
	map_read(ui);
}

static void map_leave(struct ui *ui)
{
	map_close_pid();
	pidinfo_fini(&mp.pi);
	memmap_fini(&mp.mm);
	memmap_fini(&mp.fresh);
	free(mp.idx);
	free(mp.groups);
	mp.idx = NULL;
	mp.groups = NULL;
	mp.nidx = mp.idx_cap = mp.ngroups = 0;
}

/* A new main sample: re-read while on top and not too soon. */
static void map_sampled(struct ui *ui)
{
	if (ui_top_screen(ui) != SCREEN_MAP || mp.exited)
		return;
	if (mono_now() < mp.next_read_s)
		return;
	map_read(ui);
}

/* Append a KiB figure, human style, right-aligned in w columns. */
static void add_kib(struct ui *ui, attr_t a, uint64_t kib, size_t w)
{
	char buf[32];
	units_size(buf, sizeof(buf), kib, UNITS_KIB);
	size_t len = strlen(buf);
	if (len < w)
		ui_line_pad(ui, a, w - len);
	ui_line_add(ui, a, buf, len);
}

static void add_text(struct ui *ui, attr_t a, const char *s, size_t w,
	bool left)
{
	size_t len = strlen(s);
	if (!left && len < w)
		ui_line_pad(ui, a, w - len);
	ui_line_add(ui, a, s, len);
	if (left && len < w)
		ui_line_pad(ui, a, w - len);
}

/* The figures of a row after its address part. */
static const struct {
	const char *header;
	size_t width;
} figure_cols[] = {
	{ "Rss", 6 }, { "Pss", 6 }, { "PrivDirty", 9 }, { "ShrDirty", 8 },
	{ "Swap", 6 }, { "Locked", 6 }, { "THP", 6 },
};
#define NFIGS (sizeof(figure_cols) / sizeof(figure_cols[0]))

static void add_figures(struct ui *ui, const struct map_usage *u)
{
	const uint64_t v[NFIGS] = {
		u->rss_kib, u->pss_kib, u->private_dirty_kib,
		u->shared_dirty_kib, u->swap_kib, u->locked_kib,
		u->anon_huge_kib,
	};
	for (size_t c = 0; c < NFIGS; c++) {
		ui_line_pad(ui, 0, 1);
		add_kib(ui, 0, v[c], figure_cols[c].width);
	}
}

static void draw_header(struct ui *ui, int y, const struct ui_rect *a)
{
	attr_t ha = ui_attr(ui, UC_COLHEAD);
	attr_t hs = ui_attr(ui, UC_COLHEAD_SORT);
	size_t aw = (size_t)mp.addr_w;

	ui_line_begin(ui);
	if (mp.group) {
		add_text(ui, ha, "Start", aw, false);
		ui_line_pad(ui, ha, 1);
		add_text(ui, ha, "Maps", 6, false);
	} else {
		add_text(ui, mp.sort == MEMMAP_SORT_ADDR ? hs : ha,
			"Start-End", 2 * aw + 1, true);
	}
	ui_line_pad(ui, ha, 1);
	add_text(ui, mp.sort == MEMMAP_SORT_SIZE ? hs : ha, "Size", 6, false);
	if (!mp.group) {
		ui_line_add(ui, ha, " Perm ", 6);
		add_text(ui, ha, "Offset", 8, true);
		ui_line_add(ui, ha, " Device ", 8);
		add_text(ui, ha, "Inode", 8, false);
	}
	for (size_t c = 0; c < NFIGS; c++) {
		bool s = (c == 0 && mp.sort == MEMMAP_SORT_RSS) ||
			(c == 1 && mp.sort == MEMMAP_SORT_PSS) ||
			((c == 2 || c == 3) && mp.sort == MEMMAP_SORT_DIRTY) ||
			(c == 4 && mp.sort == MEMMAP_SORT_SWAP);
		ui_line_pad(ui, ha, 1);
		add_text(ui, s ? hs : ha, figure_cols[c].header,
			figure_cols[c].width, false);
	}
	ui_line_add(ui, ha, " Kind    Path", 13);
	ui_line_draw(ui, y, a->x, a->w, mp.hscroll, ha, 0, false);
}

/* The name of a mapping or group: sanitised label, " (deleted)". */
static void add_label(struct ui *ui, const struct map_entry *e)
{
	size_t len;
	const char *label = memmap_label(&mp.mm, e, &len);

	ui_line_add_untrusted(ui, e->path_len ? 0 : ui_attr(ui, UC_DIM),
		label, len);
	if (e->deleted)
		ui_line_add(ui, ui_attr(ui, UC_WARNING), " (deleted)", 10);
}

static void draw_row(struct ui *ui, int y, const struct ui_rect *a, long i)
{
	char buf[96];
	size_t aw = (size_t)mp.addr_w;
	const struct map_entry *e;
	const struct map_usage *u;
	enum memmap_kind kind;

	ui_line_begin(ui);
	if (mp.group) {
		const struct memmap_group *g = &mp.groups[i];
		e = &mp.mm.maps[g->first];
		u = &g->u;
		kind = g->kind;
		snprintf(buf, sizeof(buf), "%*llx", (int)aw,
			(unsigned long long)e->start);
		ui_line_add(ui, 0, buf, strlen(buf));
		snprintf(buf, sizeof(buf), " %6zu ", g->count);
		ui_line_add(ui, 0, buf, strlen(buf));
		add_kib(ui, 0, u->size_kib, 6);
	} else {
		e = &mp.mm.maps[mp.idx[i]];
		u = &e->u;
		kind = e->kind;
		snprintf(buf, sizeof(buf), "%0*llx-%0*llx ", (int)aw,
			(unsigned long long)e->start, (int)aw,
			(unsigned long long)e->end);
		ui_line_add(ui, 0, buf, strlen(buf));
		add_kib(ui, 0, u->size_kib, 6);
		snprintf(buf, sizeof(buf), " %s %08llx  %02x:%02x %8llu",
			e->perms, (unsigned long long)e->offset, e->dev_major,
			e->dev_minor, (unsigned long long)e->inode);
		ui_line_add(ui, 0, buf, strlen(buf));
	}
	add_figures(ui, u);
	ui_line_pad(ui, 0, 1);
	add_text(ui, ui_attr(ui, kind_color[kind]), memmap_kind_name(kind), 7,
		true);
	ui_line_pad(ui, 0, 1);
	add_label(ui, e);
	bool sel = i == mp.sel;
	ui_line_draw(ui, y, a->x, a->w, mp.hscroll, 0,
		sel ? ui_attr(ui, UC_SELECTED) : 0, sel);
}

/* "Total  Size 5.8M  Rss 1.8M ..." from the rollup. */
static void draw_totals(struct ui *ui, int y, const struct ui_rect *a)
{
	const struct map_usage *t = memmap_totals(&mp.mm);
	const struct { const char *name; uint64_t kib; } f[] = {
		{ "Size", t->size_kib }, { "Rss", t->rss_kib },
		{ "Pss", t->pss_kib }, { "PrivDirty", t->private_dirty_kib },
		{ "ShrDirty", t->shared_dirty_kib }, { "Swap", t->swap_kib },
		{ "SwapPss", t->swap_pss_kib }, { "Locked", t->locked_kib },
		{ "THP", t->anon_huge_kib },
	};
	attr_t la = ui_attr(ui, UC_METER_LABEL);

	ui_line_begin(ui);
	ui_line_add(ui, la, "Total", 5);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		ui_line_pad(ui, 0, 2);
		ui_line_add(ui, la, f[i].name, strlen(f[i].name));
		ui_line_pad(ui, 0, 1);
		add_kib(ui, 0, f[i].kib, 0);
	}
	const char *src = mp.mm.has_rollup ? "  (smaps_rollup)" :
		mp.mm.has_usage ? "  (sum)" : "  (no smaps: sizes only)";
	ui_line_add(ui, ui_attr(ui, UC_DIM), src, strlen(src));
	ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
}

/* The summary by kind, which is also the bar's legend. */
static void draw_kinds(struct ui *ui, int y, const struct ui_rect *a)
{
	char buf[64];

	ui_line_begin(ui);
	for (size_t k = 0; k < MEMMAP_KIND_COUNT; k++) {
		if (!mp.mm.count_by_kind[k])
			continue;
		attr_t ka = ui_attr(ui, kind_color[k]);
		char g = memmap_kind_glyph((enum memmap_kind)k);
		ui_line_add(ui, ka | A_BOLD, &g, 1);
		ui_line_pad(ui, 0, 1);
		snprintf(buf, sizeof(buf), "%s(%zu) ",
			memmap_kind_name((enum memmap_kind)k),
			mp.mm.count_by_kind[k]);
		ui_line_add(ui, ka, buf, strlen(buf));
		add_kib(ui, 0, mp.mm.by_kind[k].rss_kib, 0);
		ui_line_pad(ui, 0, 2);
	}
	ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
}

/* "Resident [CCHHAAAAAAAAA]": each cell an equal share of Rss. */
static void draw_bar(struct ui *ui, int y, const struct ui_rect *a)
{
	static const char label[] = "Resident ";
	int w = a->w - (int)(sizeof(label) - 1) - 2;

	ui_line_begin(ui);
	ui_line_add(ui, ui_attr(ui, UC_METER_LABEL), label, sizeof(label) - 1);
	if (w < 1) {
		ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
		return;
	}
	size_t cells = (size_t)w < BAR_MAX ? (size_t)w : BAR_MAX;
	memmap_bar(&mp.mm, mp.bar, cells);
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "[", 1);
	for (size_t c = 0; c < cells; c++) {
		unsigned char k = mp.bar[c];
		char g = k < MEMMAP_KIND_COUNT ?
			memmap_kind_glyph((enum memmap_kind)k) : ' ';
		ui_line_add(ui, k < MEMMAP_KIND_COUNT ?
			ui_attr(ui, kind_color[k]) : 0, &g, 1);
	}
	ui_line_add(ui, ui_attr(ui, UC_METER_BRACKET), "]", 1);
	ui_line_draw(ui, y, a->x, a->w, 0, 0, 0, false);
}

/* Draw text (ours, ASCII) from row *y on, wrapped at spaces to a->w
 * columns, not below the area; *y ends after the last row drawn. */
static void put_wrapped(struct ui *ui, int *y, const struct ui_rect *a,
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

/* The message instead of the table when the map cannot be read, naming
 * the file that failed and why; long lines wrap. */
static void draw_error(struct ui *ui, int y, const struct ui_rect *a)
{
	char buf[1024];
	attr_t wa = ui_attr(ui, UC_WARNING);
	const char *file = mp.err_file ? mp.err_file : "smaps";

	if (mp.err == -EACCES || mp.err == -EPERM) {
		snprintf(buf, sizeof(buf), "Permission denied reading "
			"/proc/%d/%s.", (int)mp.proc.pid, file);
		put_wrapped(ui, &y, a, wa, buf);
		put_wrapped(ui, &y, a, 0, "Reading a process's map needs "
			"ptrace read access to it (PTRACE_MODE_READ):");
		put_wrapped(ui, &y, a, 0, mp.ptrace_cap ? "proctop has "
			"CAP_SYS_PTRACE, yet the kernel refuses: the process "
			"is protected (e.g. not dumpable while it changes "
			"credentials or execs, a Yama or LSM policy, or "
			"another pid namespace's init)." : "run proctop as the "
			"same user (the process must be dumpable), or with "
			"CAP_SYS_PTRACE (e.g. as root).");
	} else {
		snprintf(buf, sizeof(buf), "Cannot read /proc/%d/%s: %s",
			(int)mp.proc.pid, file, mapread_strerror(mp.err));
		put_wrapped(ui, &y, a, wa, buf);
	}
}

/* The title of a map: "Map of PID (name): N mappings", with the time of
 * the map and why it is not newer when the last read was cut short. */
static int map_title(char *title, size_t size)
{
	int len = snprintf(title, size, "Map of %d (%s): %zu mapping%s",
		(int)mp.proc.pid, mp.name, mp.mm.n, mp.mm.n == 1 ? "" : "s");
	if (mp.incomplete && len > 0 && (size_t)len < size) {
		char when[16] = "?";
		struct tm tm;
		if (localtime_r(&mp.map_time, &tm))
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
		len += snprintf(title + len, size - (size_t)len,
			" at %s, then %s", when, mapread_strerror(mp.incomplete));
	}
	return len;
}

static void map_draw(struct ui *ui, const struct ui_rect *a)
{
	char title[384];
	int y = a->y, end = a->y + a->h;

	if (a->h <= 0 || a->w <= 0)
		return;
	/* gone, or cut short before any complete map: only the message */
	if ((mp.exited || mp.incomplete) && !(mp.incomplete && mp.have_map)) {
		if (mp.incomplete)
			snprintf(title, sizeof(title), "Map of %d (%s): %s "
				"(Esc: back)", (int)mp.proc.pid, mp.name,
				mapread_strerror(mp.incomplete));
		else
			snprintf(title, sizeof(title), "Process %d has exited "
				"(Esc: back)", (int)mp.proc.pid);
		put_wrapped(ui, &y, a, ui_attr(ui, UC_WARNING), title);
		return;
	}
	size_t n = mp.group ? mp.ngroups : mp.nidx;
	if (mp.no_mm && !mp.mm.n && !mp.err) {
		snprintf(title, sizeof(title), "Map of %d (%s): kernel threads "
			"and zombies have no user address space (Esc: back)",
			(int)mp.proc.pid, mp.name);
		ui_put(ui, y, a->x, a->w, ui_attr(ui, UC_TITLE), title);
		return;
	}
	int len = map_title(title, sizeof(title));
	if (mp.group && len > 0 && (size_t)len < sizeof(title))
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			", %zu file%s", n, n == 1 ? "" : "s");
	if (len > 0 && (size_t)len < sizeof(title))
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			"  sort: %s", memmap_sort_name(mp.sort));
	if (mp.read_s >= 0.1 && len > 0 && (size_t)len < sizeof(title)) {
		char num[32];
		units_double(num, sizeof(num), mp.read_s, 2);
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			"  (read in %s s)", num);
	}
	ui_fill(ui, y, a->x, a->w, 0);
	ui_put(ui, y, a->x, a->w, ui_attr(ui, mp.incomplete ? UC_WARNING :
		UC_TITLE), title);
	if (mp.filter[0] && len > 0 && len + 10 < a->w) {
		int x = a->x + len;
		x += ui_put(ui, y, x, a->w - len, 0, "  filter: ");
		ui_put_untrusted(ui, y, x, a->x + a->w - x, ui_attr(ui, UC_GOOD),
			mp.filter, strlen(mp.filter));
	}
	if (++y >= end)
		return;
	if (mp.err) {
		draw_error(ui, y, a);
		return;
	}
	draw_totals(ui, y, a);
	if (++y >= end)
		return;
	draw_kinds(ui, y, a);
	if (++y >= end)
		return;
	draw_bar(ui, y, a);
	if (++y >= end)
		return;
	draw_header(ui, y, a);
	if (++y >= end)
		return;
	mp.rows_h = end - y;
	if (mp.sel >= (long)n)
		mp.sel = n ? (long)n - 1 : 0;
	if (mp.sel < mp.top)
		mp.top = mp.sel;
	if (mp.sel >= mp.top + mp.rows_h)
		mp.top = mp.sel - mp.rows_h + 1;
	if (mp.top > 0 && mp.top + mp.rows_h > (long)n)
		mp.top = (long)n > mp.rows_h ? (long)n - mp.rows_h : 0;
	if (!n) {
		ui_put(ui, y, a->x, a->w, ui_attr(ui, UC_DIM), mp.filter[0] ?
			"(no mapping matches the filter)" : "(no mappings)");
		return;
	}
	for (int r = 0; r < mp.rows_h && mp.top + r < (long)n; r++)
		draw_row(ui, y + r, a, mp.top + r);
}

static void map_select(long i)
{
	size_t n = mp.group ? mp.ngroups : mp.nidx;

	if (!n)
		return;
	if (i >= (long)n)
		i = (long)n - 1;
	if (i < 0)
		i = 0;
	mp.sel = i;
	mp.sel_start = mp.mm.maps[mp.group ? mp.groups[i].first :
		mp.idx[i]].start;
}

static void sort_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (!r->ok || r->choice < 0 || r->choice >= MEMMAP_SORT_COUNT)
		return;
	mp.sort = (enum memmap_sort)r->choice;
	map_rebuild();
	ui->want_redraw = true;
}

static void sort_menu(struct ui *ui)
{
	const char *items[MEMMAP_SORT_COUNT];

	for (size_t i = 0; i < MEMMAP_SORT_COUNT; i++)
		items[i] = memmap_sort_name((enum memmap_sort)i);
	struct ui_dialog_req req = {
		.title = "Sort mappings by", .items = items,
		.nitems = MEMMAP_SORT_COUNT, .initial = (long)mp.sort,
		.done = sort_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

static void filter_changed(struct ui *ui, const char *text, void *arg)
{
	snprintf(mp.filter, sizeof(mp.filter), "%s", text);
	map_rebuild();
	ui->want_redraw = true;
}

static void filter_done(struct ui *ui, const struct ui_dialog_result *r)
{
	if (!r->ok)
		memcpy(mp.filter, mp.filter_before, sizeof(mp.filter));
	else
		snprintf(mp.filter, sizeof(mp.filter), "%s", r->text);
	map_rebuild();
	ui->want_redraw = true;
}

static void filter_input(struct ui *ui)
{
	memcpy(mp.filter_before, mp.filter, sizeof(mp.filter));
	struct ui_dialog_req req = {
		.title = "Filter", .text = "Path contains: ",
		.initial_text = mp.filter, .bottom_line = true,
		.done = filter_done, .changed = filter_changed,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

static bool map_key(struct ui *ui, int key)
{
	long page = mp.rows_h > 1 ? mp.rows_h - 1 : 1;
	size_t n = mp.group ? mp.ngroups : mp.nidx;

	switch (key) {
	case KEY_UP: map_select(mp.sel - 1); break;
	case KEY_DOWN: map_select(mp.sel + 1); break;
	case KEY_PPAGE: map_select(mp.sel - page); break;
	case KEY_NPAGE: map_select(mp.sel + page); break;
	case KEY_HOME: map_select(0); break;
	case KEY_END: map_select((long)n - 1); break;
	case KEY_LEFT:
		mp.hscroll = mp.hscroll > 8 ? mp.hscroll - 8 : 0;
		break;
	case KEY_RIGHT:
		if (mp.hscroll < 4096)
			mp.hscroll += 8;
		break;
	case 's':
		mp.sort = (enum memmap_sort)((mp.sort + 1) % MEMMAP_SORT_COUNT);
		map_rebuild();
		break;
	case KEY_F(6):
		sort_menu(ui);
		break;
	case '\\':
	case '/':
	case KEY_F(4):
		filter_input(ui);
		break;
	case 'g':
		mp.group = !mp.group;
		map_rebuild();
		break;
	case ESC:
		/* A filter is cleared first; a second Esc leaves. */
		if (mp.filter[0]) {
			mp.filter[0] = '\0';
			map_rebuild();
		} else {
			ui_close_screen(ui);
		}
		break;
	default:
		return false;
	}
	ui->want_redraw = true;
	return true;
}

static void map_click(struct ui *ui, int y, int x)
{
	int first = ui->area.y + 5;

	if (y >= first) {
		map_select(mp.top + (y - first));
		ui->want_redraw = true;
	}
}

static const struct ui_fkey map_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F4", "Filter", KEY_F(4) },
	{ "F6", "Sort", KEY_F(6) }, { "g", "Group", 'g' },
	{ "Esc", "Back", ESC }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

const struct screen_ops screen_map_ops = {
	.title = "Address-space map",
	.show_header = false,
	.fkeys = map_fkeys,
	.enter = map_enter,
	.leave = map_leave,
	.draw = map_draw,
	.key = map_key,
	.sampled = map_sampled,
	.click = map_click,
};

void map_key_open(struct ui *ui, int key)
{
	if (!ui_selected_process(ui, NULL)) {
		ui_message(ui, "No process selected");
		return;
	}
	ui_open_screen(ui, SCREEN_MAP);
}
