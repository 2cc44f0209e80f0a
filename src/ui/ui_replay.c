/* ui_replay — the recording as the TUI's snapshot source (proctop
 * --replay PATH without -b), the time bar and the keys that move in time
 * (see ui_replay.h).
 *
 * The snapshots are replay_get's: decoded from the recording and finished
 * against the sample before (CPU%, rates), so every screen draws them as
 * live ones.  Nothing here reads /proc: what reads a live process
 * (actions, the map, the e/l/x/w/s screens) is refused with one message
 * line, and the fills of the rows on screen do nothing (ui.c). */
#include "ui_replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions_ui.h"
#include "proctop/details.h"
#include "proctop/record.h"
#include "proctop/replay.h"
#include "proctop/text.h"
#include "proctop/xalloc.h"
#include "screen_map.h"
#include "screen_pinfo.h"
#include "ui_priv.h"

/* Playing speeds (X cycles through them). */
static const unsigned replay_speeds[] = { 1, 10, 60, 600 };
#define NSPEEDS (sizeof(replay_speeds) / sizeof(replay_speeds[0]))

struct ui_replay {
	struct replay *rp;
	size_t n;                /* samples */
	size_t cur;              /* the sample shown (or asked for) */
	bool want;               /* show cur at the next tick */
	bool damaged;            /* cur did not decode: ui->snap is empty */
	bool playing;
	size_t speed;            /* index into replay_speeds */
	struct timespec due;     /* playing: when cur + 1 is shown */
	struct sbuf why;
};

int ui_replay_open(struct ui *ui, const char *path, struct sbuf *why,
	struct sbuf *warn)
{
	struct replay *rp = replay_open(path, why, warn);

	if (!rp)
		return -EINVAL;
	ui->replay = xcalloc(1, sizeof(*ui->replay));
	ui->replay->rp = rp;
	ui->replay->n = replay_count(rp);
	ui->replay->want = true;
	sbuf_init(&ui->replay->why);
	return 0;
}

void ui_replay_close(struct ui *ui)
{
	struct ui_replay *r = ui->replay;

	if (!r)
		return;
	/* ui->snap may be the replay's: the list must not point into it. */
	ui->snap = &ui->snaps[0];
	ui->have_sample = false;
	replay_close(r->rp);
	sbuf_fini(&r->why);
	free(r);
	ui->replay = NULL;
}

static int64_t sample_ns(const struct ui_replay *r, size_t i)
{
	return replay_time_ns(r->rp, i);
}

static bool same_day(int64_t a_ns, int64_t b_ns)
{
	time_t a = (time_t)(a_ns / 1000000000), b = (time_t)(b_ns / 1000000000);
	struct tm ta, tb;

	return localtime_r(&a, &ta) && localtime_r(&b, &tb) &&
		ta.tm_year == tb.tm_year && ta.tm_yday == tb.tm_yday;
}

static void ts_after(struct timespec *t, double s)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	long long ns = (long long)t->tv_nsec + (long long)(s * 1e9);
	t->tv_sec += (time_t)(ns / 1000000000LL);
	t->tv_nsec = (long)(ns % 1000000000LL);
}

static double ts_left(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(t->tv_sec - now.tv_sec) +
		(double)(t->tv_nsec - now.tv_nsec) / 1e9;
}

/* While playing: sample cur + 1 is due after the recorded gap, divided
 * by the speed (at most 10 s of waiting: a recording paused for hours
 * still plays on). */
static void schedule_next(struct ui_replay *r)
{
	double gap = 0.0;

	if (r->cur + 1 < r->n)
		gap = (double)(sample_ns(r, r->cur + 1) - sample_ns(r, r->cur)) /
			1e9 / replay_speeds[r->speed];
	if (gap < 0.05)
		gap = 0.05;
	if (gap > 10.0)
		gap = 10.0;
	ts_after(&r->due, gap);
}

/* Make sample cur the one shown. */
static void show_current(struct ui *ui)
{
	struct ui_replay *r = ui->replay;
	struct snapshot *s = replay_get(r->rp, r->cur, &r->why);
	char text[384];

	r->damaged = s == NULL;
	if (!s) {
		snapshot_clear(&ui->snaps[0]);
		ui->snap = &ui->snaps[0];
		ui->have_sample = false;
		ui_snapshot_arrived(ui);
		/* The reason names the file: the user's own path, sanitised
		 * all the same. */
		ui_warning(ui, "sample %zu: %s", r->cur + 1, ui_sanitize(ui,
			text, sizeof(text), r->why.data, r->why.len, 300));
		return;
	}
	ui->snap = s;
	ui->have_sample = true;
	/* Nothing more can be read: a sort key or screen that needs more
	 * than was recorded shows "-", it does not ask for a sample. */
	ui->sampled_need = ~0u;
	ui_snapshot_arrived(ui);
}

static size_t nearest(const struct ui_replay *r, int64_t ns);

/* A recorder may still be writing the recording: open it again and, when
 * it has gained samples, show the same sample (by time: the oldest files
 * may have been removed meanwhile) of the longer one.  True if it grew. */
static bool reload(struct ui *ui)
{
	struct ui_replay *r = ui->replay;
	struct sbuf why, warn;

	sbuf_init(&why);
	sbuf_init(&warn);
	struct replay *rp = replay_open(ui->opts->replay_path, &why, &warn);
	sbuf_fini(&why);
	sbuf_fini(&warn);
	if (!rp)
		return false;
	if (replay_time_ns(rp, replay_count(rp) - 1) <= sample_ns(r, r->n - 1)) {
		replay_close(rp);
		return false;
	}
	int64_t at = sample_ns(r, r->cur);
	struct replay *old = r->rp;
	r->rp = rp;
	r->n = replay_count(rp);
	r->cur = nearest(r, at);
	show_current(ui);          /* ui->snap leaves the old one first */
	replay_close(old);
	return true;
}

void ui_replay_tick(struct ui *ui)
{
	struct ui_replay *r = ui->replay;

	if (ui->want_sample) {
		ui->want_sample = false;
		r->want = true;
	}
	if (!r->want && r->playing && ts_left(&r->due) <= 0) {
		if (r->cur + 1 < r->n || reload(ui)) {
			r->cur++;
			r->want = true;
		} else {
			r->playing = false;
			ui_message(ui, "End of the recording");
		}
	}
	if (!r->want)
		return;
	r->want = false;
	show_current(ui);
	if (r->playing)
		schedule_next(r);
	ui->want_redraw = true;
}

int ui_replay_wait_ms(const struct ui *ui)
{
	const struct ui_replay *r = ui->replay;
	double s = r->want ? 0.0 : r->playing ? ts_left(&r->due) : 1.0;

	if (s > 1.0)
		s = 1.0;
	if (s < 0.0)
		s = 0.0;
	return (int)(s * 1000.0) + 1;
}

void ui_replay_play(struct ui *ui)
{
	struct ui_replay *r = ui->replay;

	if (!r->playing && r->cur + 1 >= r->n && !reload(ui)) {
		ui_message(ui, "At the end of the recording (B goes to its "
			"start)");
		return;
	}
	r->playing = !r->playing;
	if (r->playing)
		schedule_next(r);
	ui->want_redraw = true;
}

/* Show sample i (clamped) from now on. */
static void go_to(struct ui *ui, size_t i)
{
	struct ui_replay *r = ui->replay;

	if (i >= r->n)
		i = r->n - 1;
	r->cur = i;
	r->want = true;
	if (r->playing)
		schedule_next(r);
}

/* The sample nearest to time ns (the first or last outside the span). */
static size_t nearest(const struct ui_replay *r, int64_t ns)
{
	size_t i = replay_find(r->rp, ns);

	if (i >= r->n)
		return r->n - 1;
	if (i > 0 && ns - sample_ns(r, i - 1) < sample_ns(r, i) - ns)
		return i - 1;
	return i;
}

/* Move by delta_s seconds of recorded time: to the last sample at or
 * before the target going back, the first at or after it going forward
 * (across a gap in the recording, to the sample on its other side). */
static void move_by(struct ui *ui, int64_t delta_s)
{
	struct ui_replay *r = ui->replay;
	int64_t target = sample_ns(r, r->cur) + delta_s * 1000000000;
	size_t i = replay_find(r->rp, target);

	if (delta_s < 0 && (i >= r->n || sample_ns(r, i) > target))
		i = i > 0 ? i - 1 : 0;
	if (i >= r->n)
		i = r->n - 1;
	if (i == r->cur) {
		ui_message(ui, delta_s < 0 ? "At the start of the recording" :
			"At the end of the recording");
		return;
	}
	go_to(ui, i);
}

/* Live, the replay keys only say where they work. */
static bool not_replaying(struct ui *ui)
{
	if (ui->replay)
		return false;
	ui_message(ui, "This key moves in time in a recording (proctop "
		"--replay PATH)");
	return true;
}

void replay_key_step(struct ui *ui, int key)
{
	struct ui_replay *r = ui->replay;

	if (not_replaying(ui))
		return;
	if (key == '(' && r->cur == 0)
		ui_message(ui, "At the start of the recording");
	else if (key == ')' && r->cur + 1 >= r->n && !reload(ui))
		ui_message(ui, "At the end of the recording");
	else
		go_to(ui, key == '(' ? r->cur - 1 : r->cur + 1);
}

void replay_key_minute(struct ui *ui, int key)
{
	if (!not_replaying(ui))
		move_by(ui, key == '{' ? -60 : 60);
}

void replay_key_hour(struct ui *ui, int key)
{
	if (!not_replaying(ui))
		move_by(ui, key == 'A' ? -3600 : 3600);
}

void replay_key_ends(struct ui *ui, int key)
{
	if (not_replaying(ui))
		return;
	if (key == 'E')
		reload(ui);
	go_to(ui, key == 'B' ? 0 : ui->replay->n - 1);
}

void replay_key_speed(struct ui *ui, int key)
{
	struct ui_replay *r;

	if (not_replaying(ui))
		return;
	r = ui->replay;
	r->speed = (r->speed + 1) % NSPEEDS;
	if (r->playing)
		schedule_next(r);
	ui_message(ui, "Playing speed x%u%s", replay_speeds[r->speed],
		r->playing ? "" : " (Z plays)");
}

static void goto_done(struct ui *ui, const struct ui_dialog_result *res)
{
	struct ui_replay *r = ui->replay;
	char a[32], b[32];
	time_t t;

	if (!res->ok || !res->text[0])
		return;
	/* HH:MM is on the day of the sample shown. */
	if (rec_parse_time(res->text, (time_t)(sample_ns(r, r->cur) /
			1000000000), &t) < 0) {
		ui_warning(ui, "Not a time: type HH:MM[:SS] or YYYY-MM-DD "
			"HH:MM[:SS]");
		return;
	}
	int64_t ns = (int64_t)t * 1000000000;
	int64_t first = sample_ns(r, 0), last = sample_ns(r, r->n - 1);
	if (ns < first - 1000000000 || ns > last + 1000000000) {
		replay_fmt_time(a, sizeof(a), first, true);
		replay_fmt_time(b, sizeof(b), last, true);
		ui_message(ui, "The recording covers %s to %s: showing its %s",
			a, b, ns < first ? "first sample" : "last sample");
	}
	go_to(ui, nearest(r, ns));
}

void replay_key_goto(struct ui *ui, int key)
{
	char now[32];

	if (not_replaying(ui))
		return;
	replay_fmt_time(now, sizeof(now), sample_ns(ui->replay,
		ui->replay->cur), false);
	struct ui_dialog_req req = {
		.title = "Go to",
		.text = "Go to (HH:MM[:SS] or YYYY-MM-DD HH:MM[:SS]): ",
		.initial_text = now, .select_initial = true,
		.bottom_line = true, .max_len = 40, .done = goto_done,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

void ui_replay_draw_bar(struct ui *ui, int y)
{
	static const char keys[] = "  ( ) sample  { } minute  A D hour  "
		"B E ends  J go to  Z play  X speed";
	const struct ui_replay *r = ui->replay;
	int64_t first = sample_ns(r, 0), last = sample_ns(r, r->n - 1);
	char when[32], a[32], b[32], line[160], span[96];
	attr_t attr = ui_attr(ui, UC_TITLE);

	/* By priority, for narrow terminals: the sample's time, where it
	 * is, playing or not; then the recording's span; then the keys. */
	replay_fmt_time(when, sizeof(when), sample_ns(r, r->cur), true);
	if (r->playing)
		snprintf(a, sizeof(a), "%s x%u", ui->utf8 ?
			"\u25b6 playing" : "> playing", replay_speeds[r->speed]);
	else
		snprintf(a, sizeof(a), "paused");
	snprintf(line, sizeof(line), " Replay %s  sample %zu/%zu%s  %s", when,
		r->cur + 1, r->n, r->damaged ? " DAMAGED" : "", a);
	replay_fmt_time(a, sizeof(a), first, true);
	replay_fmt_time(b, sizeof(b), last, !same_day(first, last));
	snprintf(span, sizeof(span), "  recorded %s %s %s", a,
		ui->utf8 ? "\u2013" : "-", b);
	ui_fill(ui, y, 0, ui->scr_w, attr);
	int x = ui_put(ui, y, 0, ui->scr_w, attr, line);
	if (ui->scr_w - x >= (int)text_width(span, strlen(span)))
		x += ui_put(ui, y, x, ui->scr_w - x, attr, span);
	if (ui->scr_w - x >= (int)sizeof(keys) - 1)
		ui_put(ui, y, ui->scr_w - (int)sizeof(keys) + 1,
			(int)sizeof(keys) - 1, ui_attr(ui, UC_DIM), keys);
}

/* What reads live processes, and why it cannot in a recording. */
static const struct {
	ui_key_fn fn;
	const char *why;
} replay_live_only[] = {
	{ act_key_kill, "actions are disabled" },
	{ act_key_nice_step, "actions are disabled" },
	{ act_key_renice, "actions are disabled" },
	{ act_key_affinity, "actions are disabled" },
	{ act_key_sched, "actions are disabled" },
	{ act_key_ioprio, "actions are disabled" },
	{ pinfo_key_trace, "strace needs a live process" },
	{ map_key_open, "map: not recorded" },
	{ pinfo_key_env, "the environment is not recorded" },
	{ pinfo_key_files, "open files are not recorded" },
	{ pinfo_key_locks, "file locks are not recorded" },
};

bool ui_replay_refuse(struct ui *ui, const char *what)
{
	char when[32];

	if (!ui->replay)
		return false;
	replay_fmt_time(when, sizeof(when), sample_ns(ui->replay,
		ui->replay->cur), true);
	ui_message(ui, "replay: %s %s this is a recording of %s", what,
		ui->utf8 ? "\u2014" : "-", when);
	return true;
}

/* Why fn needs a live process in a replay, or NULL. */
static const char *live_only_why(const struct ui *ui, ui_key_fn fn)
{
	if (!ui->replay || !fn)
		return NULL;
	for (size_t i = 0; i < sizeof(replay_live_only) /
	     sizeof(replay_live_only[0]); i++)
		if (replay_live_only[i].fn == fn)
			return replay_live_only[i].why;
	return NULL;
}

bool ui_replay_refuses(struct ui *ui, ui_key_fn fn)
{
	const char *why = live_only_why(ui, fn);
	return why && ui_replay_refuse(ui, why);
}

bool ui_replay_live_only(const struct ui *ui, ui_key_fn fn)
{
	return live_only_why(ui, fn) != NULL;
}

/* A copy of len bytes of s, NUL-terminated (NULL for NULL); caller frees. */
static char *dup_bytes(const char *s, size_t len)
{
	if (!s)
		return NULL;
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* The status lines a sample recorded (format version 2 on: the ids and
 * capability masks) into d, with DETAILS_HAVE_STATUS; a sample without
 * them leaves d's status unset.  The memory block stays the list's (the
 * recorder keeps status's swap, not its Vm and Rss lines). */
static void replay_status(const struct task *t, struct proc_details *d)
{
	const uint32_t need = TASK_HAVE_STATUS | TASK_HAVE_IDS;
	struct task_status *st = &d->status;

	if ((t->have & need) != need || !t->x || !t->x->ids)
		return;
	const struct task_status_kept *k = &t->x->status;
	const struct task_ids_kept *id = t->x->ids;
	st->tgid = t->tgid;
	st->ruid = id->ruid;
	st->euid = k->euid;
	st->suid = id->suid;
	st->fsuid = id->fsuid;
	st->rgid = id->rgid;
	st->egid = id->egid;
	st->sgid = id->sgid;
	st->fsgid = id->fsgid;
	st->cap_inh = id->cap_inh;
	st->cap_prm = id->cap_prm;
	st->cap_eff = id->cap_eff;
	st->cap_bnd = id->cap_bnd;
	st->cap_amb = id->cap_amb;
	st->voluntary_ctxt = k->voluntary_ctxt;
	st->nonvoluntary_ctxt = k->nonvoluntary_ctxt;
	st->vm_swap_kib = k->vm_swap_kib;
	st->has_vm = k->has_vm;
	d->have |= DETAILS_HAVE_STATUS;
}

int ui_replay_details(struct ui *ui, pid_t pid, uint64_t starttime,
	struct proc_details *d)
{
	const struct snapshot *s = ui->snap;
	const struct task *t = NULL;
	long i;

	if (!ui->have_sample)
		return -ESRCH;
	if ((i = snapshot_find(s, pid)) >= 0)
		t = &s->procs[i];
	else if ((i = snapshot_find_thread(s, pid)) >= 0)
		t = &s->threads[i];
	if (!t || !(t->have & TASK_HAVE_STAT) ||
	    t->stat.starttime != starttime)
		return -ESRCH;

	const struct task_stat_kept *k = &t->stat;
	d->pid = t->pid;
	d->have = DETAILS_HAVE_STAT;
	d->stat.pid = t->pid;
	snprintf(d->stat.comm, sizeof(d->stat.comm), "%s", task_comm(t));
	d->stat.state = k->state;
	d->stat.ppid = k->ppid;
	d->stat.pgrp = k->pgrp;
	d->stat.session = k->session;
	d->stat.tty_nr = k->tty_nr;
	d->stat.flags = k->flags;
	d->stat.priority = k->priority;
	d->stat.nice = k->nice;
	d->stat.num_threads = k->num_threads;
	d->stat.processor = k->processor;
	d->stat.rt_priority = k->rt_priority;
	d->stat.policy = k->policy;
	d->stat.minflt = k->minflt;
	d->stat.majflt = k->majflt;
	d->stat.utime = k->utime;
	d->stat.stime = k->stime;
	d->stat.starttime = k->starttime;
	d->stat.vsize = k->vsize;
	d->stat.rss_pages = k->rss_pages;
	if (t->cmdline) {
		d->cmdline = dup_bytes(t->cmdline, t->cmdline_len);
		d->cmdline_len = t->cmdline_len;
		d->have |= DETAILS_HAVE_CMDLINE;
	}
	if (t->exe) {
		d->exe = dup_bytes(t->exe, strlen(t->exe));
		d->have |= DETAILS_HAVE_EXE;
	}
	if ((t->have & TASK_HAVE_CGROUP) && t->x && t->x->cgroup) {
		d->cgroup = dup_bytes(t->x->cgroup, strlen(t->x->cgroup));
		d->have |= DETAILS_HAVE_CGROUP;
	}
	replay_status(t, d);
	return 0;
}
