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
#include "map_summary.h"
#include "screen_map.h"
#include "table.h"
#include "ui_core.h"

#define ESC 27

/* The columns of the table.  At a width where the numbers would push
 * Kind and Path out of sight, Kind and Path come first (the path cut to
 * fit), then Size and the figures, then the address part: Right scrolls
 * to them. */
enum map_col {
	MC_ADDR, MC_MAPS, MC_SIZE, MC_PERM, MC_OFFSET, MC_DEV, MC_INODE,
	MC_RSS, MC_PSS, MC_PDIRTY, MC_SDIRTY, MC_SWAP, MC_LOCKED, MC_THP,
	MC_KIND, MC_PATH, MC_COUNT
};

/* The columns of one frame, in order (map_columns, at the width of the
 * frame). */
struct map_cols {
	enum map_col ids[MC_COUNT];
	struct table_col cols[MC_COUNT];
	size_t n;
	long sort;                     /* index of the sort column, -1 */
};

/* Screen state (per instance: ui_state). */
struct map_state {
	struct view_key proc;          /* the process shown */
	int pid_fd;                    /* its /proc/<pid>, -1 when none: one
	                                  directory fd for every read */
	struct pidinfo pi;             /* its start time, state (checked) */
	char name[48];                 /* its comm, sanitised */
	struct memmap mm;              /* the last complete map shown */
	struct memmap fresh;           /* the read in progress */
	bool have_map;                 /* mm holds a complete map */
	char map_when[16];             /* when mm was read: "HH:MM:SS"
	                                  local time (localtime_r may read
	                                  the time zone: not in draw) */
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
	struct table tab;              /* the rows' table */
	uint64_t sel_start;            /* keeps the cursor on its mapping */
	int addr_w;                    /* hex digits of the widest address */
	bool no_mm;                    /* kernel thread or zombie */
	bool ptrace_cap;               /* we hold CAP_SYS_PTRACE */
	struct map_cols mc;            /* this frame's columns */
};

static struct map_state *st(struct ui *ui)
{
	return ui_state(ui, SCREEN_MAP);
}


static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rebuild the rows (after a read, or a new sort, filter or grouping),
 * keeping the cursor on the same mapping when it is still listed. */
static void map_rebuild(struct map_state *mp)
{
	if (mp->idx_cap < mp->mm.n) {
		mp->idx_cap = mp->mm.n + 64;
		free(mp->idx);
		mp->idx = xreallocarray(NULL, mp->idx_cap, sizeof(*mp->idx));
	}
	mp->nidx = 0;
	mp->ngroups = 0;
	const char *f = mp->filter[0] ? mp->filter : NULL;
	if (mp->group) {
		mp->ngroups = memmap_group(&mp->mm, mp->sort, f, &mp->groups);
	}
	else if (mp->mm.n)
		mp->nidx = memmap_select(&mp->mm, mp->sort, f, mp->idx);
	size_t n = mp->group ? mp->ngroups : mp->nidx;
	mp->tab.sel = 0;
	for (size_t i = 0; i < n; i++) {
		size_t m = mp->group ? mp->groups[i].first : mp->idx[i];
		if (mp->mm.maps[m].start == mp->sel_start) {
			mp->tab.sel = (long)i;
			break;
		}
	}
	table_set_rows(&mp->tab, (long)n);
	uint64_t max_end = 0;
	for (size_t i = 0; i < mp->mm.n; i++)
		if (mp->mm.maps[i].end > max_end)
			max_end = mp->mm.maps[i].end;
	char tmp[32];
	mp->addr_w = snprintf(tmp, sizeof(tmp), "%llx",
		(unsigned long long)max_end);
	if (mp->addr_w < 8)
		mp->addr_w = 8;
}

/* Take the result of a read into mp: a complete map (or an error) replaces
 * the one shown; a read the process cut short keeps it. */
static void map_take(struct map_state *mp, int err)
{
	if (err == -MAPREAD_EEXITED || err == -MAPREAD_EEXECED) {
		/* an exiting process is not read again; one that exec'd is,
		 * at the next refresh */
		mp->incomplete = err;
		mp->exited = err == -MAPREAD_EEXITED;
		mp->err = 0;
		return;
	}
	mp->incomplete = 0;
	mp->err = err == -ESRCH ? 0 : err;
	mp->err_file = mp->pi.err_file;
	if (err == -ESRCH) {
		mp->exited = true;
		mp->have_map = false;
		memmap_reset(&mp->mm);
		return;
	}
	struct memmap tmp = mp->mm;
	mp->mm = mp->fresh;    /* the new map (empty after an error) */
	mp->fresh = tmp;
	mp->have_map = err == 0;
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm))
		strftime(mp->map_when, sizeof(mp->map_when), "%H:%M:%S", &tm);
	else
		snprintf(mp->map_when, sizeof(mp->map_when), "?");
	mp->no_mm = mp->pi.is_kthread || mp->pi.state == 'Z' || mp->pi.state == 'X';
}

/* Read the map again through the process's directory fd, between two
 * checks that it still has the start time the user saw. */
static void map_read(struct ui *ui)
{
	struct map_state *mp = st(ui);
	double t0 = mono_now();

	if (mp->pid_fd < 0) {
		mp->exited = true;
		mp->have_map = false;
		memmap_reset(&mp->mm);
		map_rebuild(mp);
		return;
	}
	map_take(mp, pidinfo_read_map_fd(mp->pid_fd, mp->proc.pid, 0, &mp->pi,
		&mp->fresh));
	map_rebuild(mp);
	double t1 = mono_now();
	mp->read_s = t1 - t0;
	/* a slow read waits at least ten times its length before the next */
	mp->next_read_s = t1 + mp->read_s * 10.0;
}

/* Close the process's directory fd, if open. */
static void map_close_pid(struct map_state *mp)
{
	if (mp->pid_fd >= 0)
		close(mp->pid_fd);
	mp->pid_fd = -1;
}

/* Open the directory of the process shown (under the collector's root). */
static void map_open_pid(struct ui *ui)
{
	struct map_state *mp = st(ui);
	int root_fd = open(collector_root(ui->coll),
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	map_close_pid(mp);
	if (root_fd < 0)
		return;
	int fd = pidinfo_open(root_fd, mp->proc.pid);
	close(root_fd);
	if (fd >= 0)
		mp->pid_fd = fd;
}

static void map_enter(struct ui *ui)
{
	struct map_state *mp = st(ui);
	const struct task *t = ui_selected_process(ui, &mp->proc);

	/* The state is zeroed: empty maps and table, no filter; the sort and
	 * the grouping are the last opening's. */
	mp->pid_fd = -1;
	mp->sort = (enum memmap_sort)ui->remembered.map_sort;
	mp->group = ui->remembered.map_group;
	memmap_init(&mp->mm);
	memmap_init(&mp->fresh);
	pidinfo_init(&mp->pi);
	if (!t) {
		mp->exited = true;
		return;
	}
	struct caps_self self;
	mp->ptrace_cap = caps_self_read(&self) == 0 &&
		(self.eff & ((uint64_t)1 << CAP_SYS_PTRACE));
	mp->no_mm = t->is_kthread || t->stat.state == 'Z' ||
		t->stat.state == 'X';
	ui_sanitize(ui, mp->name, sizeof(mp->name), task_comm(t),
		strnlen(task_comm(t), TASK_COMM_MAX), 32);
	/* the start time the user saw: a reused pid is not this process */
	mp->pi.known = true;
	mp->pi.start_ticks = mp->proc.starttime;
	map_open_pid(ui);
	map_read(ui);
}

static void map_leave(struct ui *ui)
{
	struct map_state *mp = st(ui);

	ui->remembered.map_sort = (int)mp->sort;
	ui->remembered.map_group = mp->group;
	map_close_pid(mp);
	pidinfo_fini(&mp->pi);
	memmap_fini(&mp->mm);
	memmap_fini(&mp->fresh);
	free(mp->idx);
	free(mp->groups);
}

/* A new main sample: re-read while on top and not too soon. */
static void map_sampled(struct ui *ui)
{
	struct map_state *mp = st(ui);

	if (ui_top_screen(ui) != SCREEN_MAP || mp->exited)
		return;
	if (mono_now() < mp->next_read_s)
		return;
	map_read(ui);
}

static const struct table_col map_col_defs[MC_COUNT] = {
	[MC_ADDR] = { "Start-End", 0, true }, [MC_MAPS] = { "Maps", 6, false },
	[MC_SIZE] = { "Size", 6, false }, [MC_PERM] = { "Perm", 4, true },
	[MC_OFFSET] = { "Offset", 8, true }, [MC_DEV] = { "Device", 6, true },
	[MC_INODE] = { "Inode", 8, false }, [MC_RSS] = { "Rss", 6, false },
	[MC_PSS] = { "Pss", 6, false }, [MC_PDIRTY] = { "PrivDirty", 10, false },
	[MC_SDIRTY] = { "ShrDirty", 8, false }, [MC_SWAP] = { "Swap", 6, false },
	[MC_LOCKED] = { "Locked", 6, false }, [MC_THP] = { "THP", 6, false },
	[MC_KIND] = { "Kind", 7, true }, [MC_PATH] = { "Path", 0, true },
};

static void mc_add(struct map_state *mp, enum map_col id,
	size_t width)
{
	mp->mc.cols[mp->mc.n] = map_col_defs[id];
	if (width)
		mp->mc.cols[mp->mc.n].width = width;
	if ((id == MC_ADDR && mp->sort == MEMMAP_SORT_ADDR) ||
	    (id == MC_SIZE && mp->sort == MEMMAP_SORT_SIZE) ||
	    (id == MC_RSS && mp->sort == MEMMAP_SORT_RSS) ||
	    (id == MC_PSS && mp->sort == MEMMAP_SORT_PSS) ||
	    (id == MC_PDIRTY && mp->sort == MEMMAP_SORT_DIRTY) ||
	    (id == MC_SWAP && mp->sort == MEMMAP_SORT_SWAP))
		mp->mc.sort = (long)mp->mc.n;
	mp->mc.ids[mp->mc.n++] = id;
}

/* The path gets at least this many columns before the numbers move
 * right of it. */
#define MAP_MIN_PATH 20

static void map_columns(struct map_state *mp, int w)
{
	size_t aw = (size_t)mp->addr_w;
	size_t addr = mp->group ? aw : 2 * aw + 1;
	size_t fixed = 0, scr = (size_t)(w > 0 ? w : 0);

	mp->mc.n = 0;
	mp->mc.sort = -1;
	mc_add(mp, MC_ADDR, addr);
	if (mp->group) {
		mp->mc.cols[0].header = "Start";
		mc_add(mp, MC_MAPS, 0);
	}
	mc_add(mp, MC_SIZE, 0);
	if (!mp->group)
		for (int id = MC_PERM; id <= MC_INODE; id++)
			mc_add(mp, (enum map_col)id, 0);
	for (int id = MC_RSS; id <= MC_THP; id++)
		mc_add(mp, (enum map_col)id, 0);
	mc_add(mp, MC_KIND, 0);
	for (size_t i = 0; i < mp->mc.n; i++)
		fixed += mp->mc.cols[i].width + 1;
	if (fixed + MAP_MIN_PATH <= scr) {
		mc_add(mp, MC_PATH, 0);
		return;
	}
	/* Narrow: Kind, Path (cut to leave Size and Rss in sight), the
	 * figures, then the address part. */
	enum map_col order[MC_COUNT];
	size_t k = 0;
	order[k++] = MC_KIND;
	order[k++] = MC_PATH;
	for (size_t i = 0; i < mp->mc.n; i++)
		if (mp->mc.ids[i] == MC_SIZE || (mp->mc.ids[i] >= MC_RSS &&
		    mp->mc.ids[i] <= MC_THP))
			order[k++] = mp->mc.ids[i];
	for (size_t i = 0; i < mp->mc.n; i++)
		if (mp->mc.ids[i] == MC_ADDR || mp->mc.ids[i] == MC_MAPS ||
		    (mp->mc.ids[i] >= MC_PERM && mp->mc.ids[i] <= MC_INODE))
			order[k++] = mp->mc.ids[i];
	size_t path_w = scr > 22 + MAP_MIN_PATH ? scr - 22 : MAP_MIN_PATH;
	mp->mc.n = 0;
	mp->mc.sort = -1;
	for (size_t i = 0; i < k; i++) {
		mc_add(mp, order[i], order[i] == MC_PATH ? path_w :
			order[i] == MC_ADDR ? addr : 0);
		if (order[i] == MC_ADDR && mp->group)
			mp->mc.cols[mp->mc.n - 1].header = "Start";
	}
}

static void draw_header(struct ui *ui, struct map_state *mp, int y,
	const struct ui_rect *a)
{
	table_header(ui, &mp->tab, y, a->x, a->w, mp->mc.cols, mp->mc.n,
		mp->mc.sort, mp->sort != MEMMAP_SORT_ADDR);
}

/* The name of a mapping or group: sanitised label, " (deleted)"; cut to
 * width (0: as it is). */
static void add_label(struct ui *ui, const struct map_state *mp,
	const struct map_entry *e, size_t width, bool last)
{
	size_t len;
	const char *label = memmap_label(&mp->mm, e, &len);
	size_t dw = e->deleted ? 10 : 0;

	table_cell(ui, e->path_len ? 0 : ui_attr(ui, UC_DIM), label, len,
		width > dw ? width - dw : width ? 1 : 0, true,
		last && !e->deleted);
	if (e->deleted)
		ui_line_add(ui, ui_attr(ui, UC_WARNING), " (deleted)", 10);
}

static attr_t map_row(struct ui *ui, long i, void *arg)
{
	const struct map_state *mp = arg;
	char buf[96];
	size_t aw = (size_t)mp->addr_w;
	const struct map_entry *e;
	const struct map_usage *u;
	const struct memmap_group *g = NULL;

	if (mp->group) {
		g = &mp->groups[i];
		e = &mp->mm.maps[g->first];
		u = &g->u;
	} else {
		e = &mp->mm.maps[mp->idx[i]];
		u = &e->u;
	}
	enum memmap_kind kind = g ? g->kind : e->kind;
	for (size_t c = 0; c < mp->mc.n; c++) {
		size_t w = mp->mc.cols[c].width;
		bool last = c + 1 == mp->mc.n;
		uint64_t kib = 0;
		bool is_kib = true;
		if (c)
			ui_line_pad(ui, 0, 1);
		switch (mp->mc.ids[c]) {
		case MC_KIND:
			table_cell(ui, ui_attr(ui, map_kind_color(kind)),
				memmap_kind_name(kind),
				strlen(memmap_kind_name(kind)), w, true, last);
			continue;
		case MC_PATH:
			add_label(ui, mp, e, w, last);
			continue;
		case MC_ADDR:
			if (g)
				snprintf(buf, sizeof(buf), "%*llx", (int)aw,
					(unsigned long long)e->start);
			else
				snprintf(buf, sizeof(buf), "%0*llx-%0*llx",
					(int)aw, (unsigned long long)e->start,
					(int)aw, (unsigned long long)e->end);
			is_kib = false;
			break;
		case MC_MAPS:
			snprintf(buf, sizeof(buf), "%zu", g ? g->count : 1);
			is_kib = false;
			break;
		case MC_PERM:
			snprintf(buf, sizeof(buf), "%s", e->perms);
			is_kib = false;
			break;
		case MC_OFFSET:
			snprintf(buf, sizeof(buf), "%08llx",
				(unsigned long long)e->offset);
			is_kib = false;
			break;
		case MC_DEV:
			snprintf(buf, sizeof(buf), " %02x:%02x", e->dev_major,
				e->dev_minor);
			is_kib = false;
			break;
		case MC_INODE:
			snprintf(buf, sizeof(buf), "%llu",
				(unsigned long long)e->inode);
			is_kib = false;
			break;
		case MC_SIZE: kib = u->size_kib; break;
		case MC_RSS: kib = u->rss_kib; break;
		case MC_PSS: kib = u->pss_kib; break;
		case MC_PDIRTY: kib = u->private_dirty_kib; break;
		case MC_SDIRTY: kib = u->shared_dirty_kib; break;
		case MC_SWAP: kib = u->swap_kib; break;
		case MC_LOCKED: kib = u->locked_kib; break;
		case MC_THP: kib = u->anon_huge_kib; break;
		case MC_COUNT: break;
		}
		if (is_kib)
			units_size(buf, sizeof(buf), kib, UNITS_KIB);
		table_cell(ui, 0, buf, strlen(buf), w, mp->mc.cols[c].left, last);
	}
	return 0;
}

/* The message instead of the table when the map cannot be read, naming
 * the file that failed and why; long lines wrap. */
static void draw_error(struct ui *ui, const struct map_state *mp,
	int y, const struct ui_rect *a)
{
	char buf[1024];
	attr_t wa = ui_attr(ui, UC_WARNING);
	const char *file = mp->err_file ? mp->err_file : "smaps";

	if (mp->err == -EACCES || mp->err == -EPERM) {
		snprintf(buf, sizeof(buf), "Permission denied reading "
			"/proc/%d/%s.", (int)mp->proc.pid, file);
		map_put_wrapped(ui, &y, a, wa, buf);
		map_put_wrapped(ui, &y, a, 0, "Reading a process's map needs "
			"ptrace read access to it (PTRACE_MODE_READ):");
		map_put_wrapped(ui, &y, a, 0, mp->ptrace_cap ? "proctop has "
			"CAP_SYS_PTRACE, yet the kernel refuses: the process "
			"is protected (e.g. not dumpable while it changes "
			"credentials or execs, a Yama or LSM policy, or "
			"another pid namespace's init)." : "run proctop as the "
			"same user (the process must be dumpable), or with "
			"CAP_SYS_PTRACE (e.g. as root).");
	} else {
		snprintf(buf, sizeof(buf), "Cannot read /proc/%d/%s: %s",
			(int)mp->proc.pid, file, mapread_strerror(mp->err));
		map_put_wrapped(ui, &y, a, wa, buf);
	}
}

/* The title of a map: "Map of PID (name): N mappings", with the time of
 * the map and why it is not newer when the last read was cut short. */
static int map_title(const struct map_state *mp, char *title, size_t size)
{
	int len = snprintf(title, size, "Map of %d (%s): %zu mapping%s",
		(int)mp->proc.pid, mp->name, mp->mm.n, mp->mm.n == 1 ? "" : "s");
	if (mp->incomplete && len > 0 && (size_t)len < size) {
		len += snprintf(title + len, size - (size_t)len,
			" at %s, then %s", mp->map_when[0] ? mp->map_when : "?",
			mapread_strerror(mp->incomplete));
	}
	return len;
}

static void map_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct map_state *mp = st(ui);
	char title[384];
	int y = a->y, end = a->y + a->h;

	if (a->h <= 0 || a->w <= 0)
		return;
	/* gone, or cut short before any complete map: only the message */
	if ((mp->exited || mp->incomplete) && !(mp->incomplete && mp->have_map)) {
		if (mp->incomplete)
			snprintf(title, sizeof(title), "Map of %d (%s): %s "
				"(Esc: back)", (int)mp->proc.pid, mp->name,
				mapread_strerror(mp->incomplete));
		else
			snprintf(title, sizeof(title), "Process %d has exited "
				"(Esc: back)", (int)mp->proc.pid);
		map_put_wrapped(ui, &y, a, ui_attr(ui, UC_WARNING), title);
		return;
	}
	size_t n = mp->group ? mp->ngroups : mp->nidx;
	if (mp->no_mm && !mp->mm.n && !mp->err) {
		snprintf(title, sizeof(title), "Map of %d (%s): kernel threads "
			"and zombies have no user address space (Esc: back)",
			(int)mp->proc.pid, mp->name);
		ui_put(ui, y, a->x, a->w, ui_attr(ui, UC_TITLE), title);
		return;
	}
	int len = map_title(mp, title, sizeof(title));
	if (mp->group && len > 0 && (size_t)len < sizeof(title))
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			", %zu file%s", n, n == 1 ? "" : "s");
	if (len > 0 && (size_t)len < sizeof(title))
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			"  sort: %s", memmap_sort_name(mp->sort));
	if (mp->read_s >= 0.1 && len > 0 && (size_t)len < sizeof(title)) {
		char num[32];
		units_double(num, sizeof(num), mp->read_s, 2);
		len += snprintf(title + len, sizeof(title) - (size_t)len,
			"  (read in %s s)", num);
	}
	ui_fill(ui, y, a->x, a->w, 0);
	ui_put(ui, y, a->x, a->w, ui_attr(ui, mp->incomplete ? UC_WARNING :
		UC_TITLE), title);
	if (mp->filter[0] && len > 0 && len + 10 < a->w) {
		int x = a->x + len;
		x += ui_put(ui, y, x, a->w - len, 0, "  filter: ");
		ui_put_untrusted(ui, y, x, a->x + a->w - x, ui_attr(ui, UC_GOOD),
			mp->filter, strlen(mp->filter));
	}
	if (++y >= end)
		return;
	if (mp->err) {
		draw_error(ui, mp, y, a);
		return;
	}
	map_draw_totals(ui, &y, a, &mp->mm);
	if (y >= end)
		return;
	map_draw_kinds(ui, &y, a, &mp->mm);
	if (y >= end)
		return;
	map_draw_bar(ui, y, a, &mp->mm);
	if (++y >= end)
		return;
	map_columns(mp, a->w);
	draw_header(ui, mp, y, a);
	if (++y >= end)
		return;
	if (!n) {
		ui_put(ui, y, a->x, a->w, ui_attr(ui, UC_DIM), mp->filter[0] ?
			"(no mapping matches the filter)" : "(no mappings)");
		return;
	}
	struct ui_rect r = { y, a->x, end - y, a->w };
	table_set_rows(&mp->tab, (long)n);
	table_draw(ui, &mp->tab, &r, map_row, mp);
}

/* The cursor's mapping, so that it stays on it after a rebuild. */
static void map_keep_sel(struct map_state *mp)
{
	long i = mp->tab.sel;
	size_t n = mp->group ? mp->ngroups : mp->nidx;

	if (i < 0 || (size_t)i >= n)
		return;
	mp->sel_start = mp->mm.maps[mp->group ? mp->groups[i].first :
		mp->idx[i]].start;
}

static void sort_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct map_state *mp = st(ui);

	if (!r->ok || r->choice < 0 || r->choice >= MEMMAP_SORT_COUNT)
		return;
	mp->sort = (enum memmap_sort)r->choice;
	map_rebuild(mp);
	ui->want_redraw = true;
}

static void sort_menu(struct ui *ui)
{
	struct map_state *mp = st(ui);
	const char *items[MEMMAP_SORT_COUNT];

	for (size_t i = 0; i < MEMMAP_SORT_COUNT; i++)
		items[i] = memmap_sort_name((enum memmap_sort)i);
	struct ui_dialog_req req = {
		.title = "Sort mappings by", .items = items,
		.nitems = MEMMAP_SORT_COUNT, .initial = (long)mp->sort,
		.done = sort_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

static void filter_changed(struct ui *ui, const char *text, void *arg)
{
	struct map_state *mp = st(ui);

	snprintf(mp->filter, sizeof(mp->filter), "%s", text);
	map_rebuild(mp);
	ui->want_redraw = true;
}

static void filter_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct map_state *mp = st(ui);

	if (!r->ok)
		memcpy(mp->filter, mp->filter_before, sizeof(mp->filter));
	else
		snprintf(mp->filter, sizeof(mp->filter), "%s", r->text);
	map_rebuild(mp);
	ui->want_redraw = true;
}

static void filter_input(struct ui *ui)
{
	struct map_state *mp = st(ui);

	memcpy(mp->filter_before, mp->filter, sizeof(mp->filter));
	struct ui_dialog_req req = {
		.title = "Filter", .text = "Path contains: ",
		.initial_text = mp->filter, .bottom_line = true,
		.done = filter_done, .changed = filter_changed,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

static bool map_key(struct ui *ui, int key)
{
	struct map_state *mp = st(ui);

	if (table_key(&mp->tab, key)) {
		map_keep_sel(mp);
		ui->want_redraw = true;
		return true;
	}
	switch (key) {
	case 's':
		mp->sort = (enum memmap_sort)((mp->sort + 1) % MEMMAP_SORT_COUNT);
		map_rebuild(mp);
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
		mp->group = !mp->group;
		map_rebuild(mp);
		break;
	case ESC:
		/* A filter is cleared first; a second Esc leaves. */
		if (mp->filter[0]) {
			mp->filter[0] = '\0';
			map_rebuild(mp);
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
	struct map_state *mp = st(ui);
	long i = table_row_at(&mp->tab, y);

	(void)x;
	if (i >= 0) {
		table_select(&mp->tab, i);
		map_keep_sel(mp);
		ui->want_redraw = true;
	}
}

static const struct ui_fkey map_fkeys[] = {
	{ "F1", "Help", KEY_F(1) }, { "F4", "Filter", KEY_F(4) },
	{ "F6", "Sort", KEY_F(6) }, { "g", "Group", 'g' },
	{ "Esc", "Back", ESC }, { "F10", "Quit", KEY_F(10) },
	{ NULL, NULL, 0 },
};

static const struct ui_key map_keys[] = {
	{ UI_KEY_ESC, "Esc", "Clear the filter; with none: close this screen", 0, NULL },
	{ KEY_F(6), "F6", "Sort by: choose a key", 0, NULL },
	{ 's', "s", "Next sort key", 0, NULL },
	{ KEY_F(4), "F4", "Filter mappings by path", 0, NULL },
	{ '\\', "\\", NULL, 0, NULL },
	{ '/', "/", NULL, 0, NULL },
	{ 'g', "g", "Group mappings by file on / off", 0, NULL },
	UI_KEYS_END
};

static const struct ui_key *const map_keymap[] = {
	map_keys, ui_move_keys, ui_hscroll_keys, NULL
};

const struct screen_ops screen_map_ops = {
	.title = "Address-space map",
	.show_header = false,
	.fkeys = map_fkeys,
	.enter = map_enter,
	.leave = map_leave,
	.state_size = sizeof(struct map_state),
	.draw = map_draw,
	.key = map_key,
	.sampled = map_sampled,
	.click = map_click,
	.keys = map_keymap,
	.keys_section = "Map screen",
};

void map_key_open(struct ui *ui, int key)
{
	if (!ui_selected_process(ui, NULL)) {
		ui_message(ui, "No process selected");
		return;
	}
	ui_open_screen(ui, SCREEN_MAP);
}
