/* screen_details — everything about one process: ids, state, users,
 * start time, command, exe, cwd, scheduling, affinity, counters, OOM
 * score, cgroup, limits and the capability sets decoded to names.  The
 * data is read (collect/details) when the screen opens and after every
 * sample; a process that exits keeps its last details, marked. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "proctop/caps.h"
#include "proctop/details.h"
#include "proctop/text.h"
#include "proctop/units.h"
#include "proctop/xalloc.h"
#include "table.h"

#define LABEL_W 15
/* PF_KTHREAD in the stat flags field (include/linux/sched.h). */
#define PF_KTHREAD_FLAG 0x00200000u

/* Screen state (per instance: ui_state). */
struct details_state {
	struct view_key key;       /* the process (or thread) shown */
	struct proc_details d;
	bool have;                 /* d holds data */
	bool exited;               /* gone since; d is the last we saw */
	struct sbuf text;          /* the lines, NUL-separated */
	struct sbuf tmp;
	size_t *line_off;          /* start of each line in text */
	size_t nlines, lines_cap;
	struct table tab;          /* view mode: the lines scroll */
	size_t wrap_w;             /* value columns per line */
};

static struct details_state *st(struct ui *ui)
{
	return ui_state(ui, SCREEN_DETAILS);
}

static void details_read_now(struct ui *ui)
{
	struct details_state *dt = st(ui);
	struct proc_details fresh;

	details_init(&fresh);
	int err = ui_source_details(ui, dt->key.pid, dt->key.starttime, &fresh);
	if (err == 0) {
		details_fini(&dt->d);
		dt->d = fresh;
		dt->have = true;
		dt->exited = false;
	} else {
		details_fini(&fresh);
		dt->exited = true;
	}
}

static void details_enter(struct ui *ui)
{
	struct details_state *dt = st(ui);
	const struct task *t = ui_selected_task(ui, &dt->key);

	sbuf_init(&dt->text);
	sbuf_init(&dt->tmp);
	details_init(&dt->d);
	dt->have = dt->exited = false;
	dt->tab = (struct table){ .view = true };
	if (t)
		details_read_now(ui);
}

static void details_leave(struct ui *ui)
{
	struct details_state *dt = st(ui);

	details_fini(&dt->d);
	sbuf_fini(&dt->text);
	sbuf_fini(&dt->tmp);
	free(dt->line_off);
}

static void details_sampled(struct ui *ui)
{
	struct details_state *dt = st(ui);

	if (dt->have && !dt->exited)
		details_read_now(ui);
}

static void line_start(struct details_state *dt)
{
	if (dt->nlines == dt->lines_cap) {
		dt->lines_cap = dt->lines_cap ? dt->lines_cap * 2 : 64;
		dt->line_off = xreallocarray(dt->line_off, dt->lines_cap,
			sizeof(*dt->line_off));
	}
	dt->line_off[dt->nlines++] = dt->text.len;
}

/* One field: the label, then dt->tmp (safe text) wrapped to dt->wrap_w. */
static void field_emit(struct details_state *dt, const char *label)
{
	const char *v = dt->tmp.data;
	size_t len = dt->tmp.len;
	bool first = true;

	do {
		size_t n = ui_wrap_bytes(v, len, dt->wrap_w);
		line_start(dt);
		size_t lw = first ? strlen(label) : 0;
		if (first)
			sbuf_adds(&dt->text, label);
		sbuf_pad(&dt->text, lw < LABEL_W ? LABEL_W - lw : 1);
		sbuf_add(&dt->text, v, n);
		sbuf_addc(&dt->text, '\0');
		v += n;
		len -= n;
		first = false;
	} while (len > 0);
}

/* A field of our own text (printf-style). */
static void field(struct details_state *dt, const char *label,
	const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void field(struct details_state *dt, const char *label,
	const char *fmt, ...)
{
	va_list ap;

	sbuf_reset(&dt->tmp);
	va_start(ap, fmt);
	sbuf_vaddf(&dt->tmp, fmt, ap);
	va_end(ap);
	field_emit(dt, label);
}

/* A field of untrusted bytes (paths, command lines, cgroups). */
static void field_untrusted(struct details_state *dt, struct ui *ui,
	const char *label, const char *s, size_t len)
{
	sbuf_reset(&dt->tmp);
	if (s)
		text_sanitize(&dt->tmp, s, len, ui->utf8);
	else
		sbuf_adds(&dt->tmp, "-");
	field_emit(dt, label);
}

static const struct {
	char state;
	const char *meaning;
} state_meanings[] = {
	{ 'R', "running or runnable" }, { 'S', "sleeping" },
	{ 'D', "uninterruptible sleep (usually I/O)" }, { 'T', "stopped" },
	{ 't', "stopped by a tracer" }, { 'Z', "zombie (exited, not reaped)" },
	{ 'X', "dead" }, { 'I', "idle kernel thread" }, { 'P', "parked" },
	{ 'W', "waking / paging" }, { 'K', "wakekill" },
};

static const char *state_meaning(char s)
{
	for (size_t i = 0; i < sizeof(state_meanings) / sizeof(state_meanings[0]); i++)
		if (state_meanings[i].state == s)
			return state_meanings[i].meaning;
	return "unknown";
}

/* "0 (root)" with the name sanitised; the number alone if unknown. */
static void add_uid(struct details_state *dt, struct ui *ui, uid_t uid)
{
	const char *name = ui_user_name(ui, uid);

	sbuf_addf(&dt->tmp, "%u", (unsigned)uid);
	if (name) {
		sbuf_adds(&dt->tmp, " (");
		text_sanitize(&dt->tmp, name, strlen(name), ui->utf8);
		sbuf_addc(&dt->tmp, ')');
	}
}

static void build_ids(struct details_state *dt, struct ui *ui)
{
	const struct proc_details *d = &dt->d;

	if (d->have & DETAILS_HAVE_STATUS)
		field(dt, "PID / TGID", "%d / %d", (int)d->pid, (int)d->status.tgid);
	else
		field(dt, "PID", "%d", (int)d->pid);
	field(dt, "PPID", "%d", (int)d->stat.ppid);
	field(dt, "PGID / SID", "%d / %d", (int)d->stat.pgrp, (int)d->stat.session);
	field(dt, "State", "%c (%s)", d->stat.state, state_meaning(d->stat.state));
	if (d->have & DETAILS_HAVE_STATUS) {
		sbuf_reset(&dt->tmp);
		sbuf_adds(&dt->tmp, "real ");
		add_uid(dt, ui, d->status.ruid);
		sbuf_adds(&dt->tmp, ", effective ");
		add_uid(dt, ui, d->status.euid);
		sbuf_adds(&dt->tmp, ", saved ");
		add_uid(dt, ui, d->status.suid);
		field_emit(dt, "User");
		field(dt, "Group", "real %u, effective %u, saved %u",
			(unsigned)d->status.rgid, (unsigned)d->status.egid,
			(unsigned)d->status.sgid);
	}
}

/* The memory block: status (VIRT RES SHR SWAP, Rss split), smaps_rollup
 * (PSS, USS, SwapPss) and the cgroup's charge and limit. */
static void build_memory(struct details_state *dt, struct ui *ui)
{
	const struct proc_details *d = &dt->d;
	const struct task_status *st = &d->status;
	char a[32], b[32], c[32], e[32];

	/* A recording keeps status's swap and ids, not its Vm and Rss
	 * lines. */
	if (ui_replaying(ui) &&
	    (!(d->have & DETAILS_HAVE_STATUS) || st->has_vm)) {
		field(dt, "Memory", "%s", "- (not recorded here: the list's VIRT, "
			"RES, SHR and SWAP columns show it)");
	} else if (!(d->have & DETAILS_HAVE_STATUS) || !st->has_vm) {
		field(dt, "Memory", "%s", d->stat.state == 'Z' ?
			"- (a zombie has released its memory)" :
			"- (no user address space)");
	} else {
		ui_kib(a, sizeof(a), st->vm_size_kib);
		ui_kib(b, sizeof(b), st->vm_rss_kib);
		ui_kib(c, sizeof(c), st->rss_file_kib + st->rss_shmem_kib);
		ui_kib(e, sizeof(e), st->vm_swap_kib);
		field(dt, "Memory", "VIRT %s  RES %s  SHR %s  SWAP %s", a, b, c, e);
		ui_kib(a, sizeof(a), st->rss_anon_kib);
		ui_kib(b, sizeof(b), st->rss_file_kib);
		ui_kib(c, sizeof(c), st->rss_shmem_kib);
		field(dt, "  resident", "RssAnon %s  RssFile %s  RssShmem %s",
			a, b, c);
	}
	if (d->have & DETAILS_HAVE_ROLLUP) {
		const struct task_rollup *r = &d->rollup;
		ui_kib(a, sizeof(a), r->pss_kib);
		ui_kib(b, sizeof(b), r->private_clean_kib +
			r->private_dirty_kib);
		ui_kib(c, sizeof(c), r->swap_pss_kib);
		field(dt, "  shared out", "PSS %s  USS %s  SwapPss %s", a, b, c);
	} else if (d->have & DETAILS_HAVE_STATUS && st->has_vm &&
		   !ui_replaying(ui)) {
		field(dt, "  shared out", "PSS, USS, SwapPss: - (smaps_rollup not "
			"readable)");
	}
	if (d->have & DETAILS_HAVE_CG_MEM) {
		ui_kib(a, sizeof(a), d->cg_mem_current / 1024);
		if (!(d->have & DETAILS_HAVE_CG_MAX))
			snprintf(b, sizeof(b), "-");
		else if (d->cg_mem_max == UINT64_MAX)
			snprintf(b, sizeof(b), "max (no limit)");
		else
			ui_kib(b, sizeof(b), d->cg_mem_max / 1024);
		if (d->cg_v1)
			field(dt, "  cgroup", "memory usage %s  limit %s (v1)",
				a, b);
		else
			field(dt, "  cgroup", "memory.current %s  memory.max %s",
				a, b);
	}
}

static void build_start(struct details_state *dt, struct ui *ui)
{
	const struct snapshot *s = ui->snap;
	long hz = s->hz > 0 ? s->hz : 100;
	double since_boot = (double)dt->d.stat.starttime / (double)hz;

	if (!s->sys.btime) {
		field(dt, "Started", "%.0f s after boot", since_boot);
		return;
	}
	time_t start = (time_t)s->sys.btime + (time_t)since_boot;
	struct tm tm;
	char when[64] = "?";
	if (localtime_r(&start, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	double up = s->sys.uptime_s - since_boot;
	if (up < 0)
		up = 0;
	unsigned long secs = (unsigned long)up;
	/* A zombie has ended: it is not "running", it was started so long
	 * ago. */
	field(dt, "Started", "%s (%s %lu:%02lu:%02lu%s)", when,
		dt->d.stat.state == 'Z' || dt->d.stat.state == 'X' ?
		"exited; started" : "running", secs / 3600, secs / 60 % 60,
		secs % 60, dt->d.stat.state == 'Z' || dt->d.stat.state == 'X' ?
		" ago" : "");
}

static void build_sched(struct details_state *dt)
{
	const struct proc_details *d = &dt->d;
	const char *pol = actions_policy_name((int)d->stat.policy);

	field(dt, "Nice", "%ld (priority %ld)", d->stat.nice, d->stat.priority);
	if (pol)
		field(dt, "Policy", "%s, RT priority %u", pol, d->stat.rt_priority);
	else
		field(dt, "Policy", "%u, RT priority %u", d->stat.policy,
			d->stat.rt_priority);
	if (d->have & DETAILS_HAVE_AFFINITY) {
		sbuf_reset(&dt->tmp);
		sbuf_adds(&dt->tmp, d->cpus_allowed_list);
		field_emit(dt, "Affinity");
	}
	field(dt, "Last CPU", "%d", d->stat.processor);
	field(dt, "Threads", "%ld", d->stat.num_threads);
}

static void build_caps(struct details_state *dt)
{
	static const char *const labels[] = {
		"  effective", "  permitted", "  inheritable", "  bounding",
		"  ambient",
	};
	const struct task_status *st = &dt->d.status;
	const uint64_t masks[] = { st->cap_eff, st->cap_prm, st->cap_inh,
		st->cap_bnd, st->cap_amb };

	field(dt, "Capabilities", "%s", "");
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		sbuf_reset(&dt->tmp);
		caps_format_mask(&dt->tmp, masks[i], true);
		field_emit(dt, labels[i]);
	}
}

static void build_lines(struct details_state *dt, struct ui *ui)
{
	const struct proc_details *d = &dt->d;

	sbuf_reset(&dt->text);
	dt->nlines = 0;
	build_ids(dt, ui);
	build_start(dt, ui);
	if (!d->cmdline && (d->stat.flags & PF_KTHREAD_FLAG)) {
		/* A kernel thread has no command line: [comm], as the list. */
		sbuf_reset(&dt->tmp);
		sbuf_addc(&dt->tmp, '[');
		text_sanitize(&dt->tmp, d->stat.comm,
			strnlen(d->stat.comm, sizeof(d->stat.comm)), ui->utf8);
		sbuf_addc(&dt->tmp, ']');
		field_emit(dt, "Command");
	} else if (!d->cmdline && (d->stat.state == 'Z' ||
		   d->stat.state == 'X')) {
		sbuf_reset(&dt->tmp);
		text_sanitize(&dt->tmp, d->stat.comm,
			strnlen(d->stat.comm, sizeof(d->stat.comm)), ui->utf8);
		sbuf_adds(&dt->tmp, " <defunct>");
		field_emit(dt, "Command");
	} else {
		field_untrusted(dt, ui, "Command", d->cmdline, d->cmdline_len);
	}
	field_untrusted(dt, ui, "Exe", d->exe, d->exe ? strlen(d->exe) : 0);
	field_untrusted(dt, ui, "Cwd", d->cwd, d->cwd ? strlen(d->cwd) : 0);
	build_memory(dt, ui);
	build_sched(dt);
	if (d->have & DETAILS_HAVE_STATUS)
		field(dt, "Ctx switches", "voluntary %llu, involuntary %llu",
			(unsigned long long)d->status.voluntary_ctxt,
			(unsigned long long)d->status.nonvoluntary_ctxt);
	{
		long hz = ui->snap->hz > 0 ? ui->snap->hz : 100;
		char u[32], sy[32], tot[32];
		units_time_plus(u, sizeof(u), d->stat.utime, hz);
		units_time_plus(sy, sizeof(sy), d->stat.stime, hz);
		units_time_plus(tot, sizeof(tot),
			units_sat_add(d->stat.utime, d->stat.stime), hz);
		field(dt, "CPU time", "%s (user %s, system %s)", tot, u, sy);
	}
	field(dt, "Faults", "minor %llu, major %llu",
		(unsigned long long)d->stat.minflt,
		(unsigned long long)d->stat.majflt);
	if (d->have & DETAILS_HAVE_OOM)
		field(dt, "OOM", "score %d, adj %d", d->oom_score, d->oom_score_adj);
	else
		field(dt, "OOM", "-");
	field_untrusted(dt, ui, "Cgroup", d->cgroup,
		d->cgroup ? strlen(d->cgroup) : 0);
	if (d->have & DETAILS_HAVE_LIMITS)
		field(dt, "Limits", "RLIMIT_NICE %ld, RLIMIT_RTPRIO %ld",
			d->rlim_nice, d->rlim_rtprio);
	if (d->have & DETAILS_HAVE_STATUS)
		build_caps(dt);
	else
		field(dt, "Capabilities", "-");
}

/* A line: its label (the first LABEL_W columns) in the label colour. */
static attr_t details_row(struct ui *ui, long i, void *arg)
{
	const struct details_state *dt = arg;
	const char *line = dt->text.data + dt->line_off[i];
	size_t ll = strlen(line);
	attr_t la = ui_attr(ui, UC_METER_LABEL);

	if (ll <= LABEL_W) {
		ui_line_add_untrusted(ui, la, line, ll);
		return 0;
	}
	ui_line_add_untrusted(ui, la, line, LABEL_W);
	ui_line_add_untrusted(ui, 0, line + LABEL_W, ll - LABEL_W);
	return 0;
}

/* The lines at this width (user names may be looked up: not in draw). */
static void details_prepare(struct ui *ui, const struct ui_rect *a)
{
	struct details_state *dt = st(ui);

	if (a->h <= 0 || a->w <= 0 || !dt->have)
		return;
	dt->wrap_w = a->w > LABEL_W + 10 ? (size_t)(a->w - LABEL_W) : 10;
	build_lines(dt, ui);
	table_set_rows(&dt->tab, (long)dt->nlines);
}

static void details_draw(struct ui *ui, const struct snapshot *snap,
	const struct ui_rect *a)
{
	struct details_state *dt = st(ui);
	char title[160], name[48];

	if (a->h <= 0 || a->w <= 0)
		return;
	if (!dt->have) {
		snprintf(title, sizeof(title), "Process %d has exited (Esc: back)",
			(int)dt->key.pid);
		ui_put(ui, a->y, a->x, a->w, ui_attr(ui, UC_WARNING), title);
		return;
	}
	ui_sanitize(ui, name, sizeof(name), dt->d.stat.comm,
		strnlen(dt->d.stat.comm, sizeof(dt->d.stat.comm)), 32);
	snprintf(title, sizeof(title), "Details of %d (%s)%s", (int)dt->key.pid,
		name, dt->exited ? ": exited, last details shown" : "");
	ui_fill(ui, a->y, a->x, a->w, 0);
	ui_put(ui, a->y, a->x, a->w,
		ui_attr(ui, dt->exited ? UC_WARNING : UC_TITLE), title);
	struct ui_rect r = { a->y + 1, a->x, a->h - 1, a->w };
	table_draw(ui, &dt->tab, &r, details_row, dt);
}

static bool details_key(struct ui *ui, int key)
{
	struct details_state *dt = st(ui);

	if (!table_key(&dt->tab, key))
		return false;
	ui->want_redraw = true;
	return true;
}

void details_key_open(struct ui *ui, int key)
{
	if (!ui_selected_task(ui, NULL)) {
		ui_warning(ui, "No process selected");
		return;
	}
	ui_open_screen(ui, SCREEN_DETAILS);
}


static const struct ui_key *const details_keymap[] = {
	ui_move_keys, NULL
};

const struct screen_ops screen_details_ops = {
	.title = "Details",
	.show_header = false,
	.fkeys = NULL,
	.enter = details_enter,
	.leave = details_leave,
	.state_size = sizeof(struct details_state),
	.prepare = details_prepare,
	.draw = details_draw,
	.key = details_key,
	.sampled = details_sampled,
	.keys = details_keymap,
	.keys_section = "Details screen",
};
