/* ui_source — where the TUI's snapshots come from: the collector, sampled
 * cooperatively in slices of UI_SAMPLE_SLICE_S between which the loop
 * reads keys, or a recording (ui_replay.c); and the per-row reads and
 * lookups that screens make through ui_source_* so they work on either. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proctop/columns.h"
#include "proctop/details.h"
#include "proctop/xalloc.h"
#include "screens.h"
#include "ui_core.h"
#include "ui_priv.h"
#include "ui_replay.h"

/* Files whose cost is paid only for the rows on screen. */
#define NEED_EXPENSIVE (NEED_STATM | NEED_STATUS | NEED_ROLLUP | NEED_IO)
/* How long one step of a sample may take before keys are read again. */
#define UI_SAMPLE_SLICE_S 0.002

double ui_delay(const struct ui *ui)
{
	double d = ui->settings.delay_s;
	if (ui->opts->delay_set)
		d = ui->opts->delay_s;
	return d < 0.1 ? 0.1 : d;
}

/* Which files a sample must read for every process. */
unsigned ui_sample_need(struct ui *ui)
{
	unsigned need = NEED_STAT | NEED_CMDLINE | NEED_USER;
	need |= columns_need(ui->cols, ui->ncols) & ~NEED_EXPENSIVE;
	need |= columns_table[view_sort_key(&ui->vs)].need;
	if (ui->vs.threads)
		need |= NEED_THREADS;
	for (size_t i = 0; i < ui->depth; i++) {
		const struct screen_ops *ops = ui_screens[ui->stack[i]];
		if (ops && ops->need)
			need |= ops->need(ui);
	}
	return need;
}

/* Begin a sample into the spare snapshot; collector_step fills it. */
static void ui_sample_begin(struct ui *ui)
{
	struct snapshot *next = ui->prev;
	unsigned need = ui_sample_need(ui);

	snapshot_clear(next);
	/* the threads of the one process a screen shows, in this sample */
	struct view_key proc = { 0, 0 };
	unsigned tneed = 0;
	for (size_t i = ui->depth; i-- > 0;) {
		const struct screen_ops *ops = ui_screens[ui->stack[i]];
		if (ops && ops->threads_of && ops->threads_of(ui, &proc, &tneed))
			break;
	}
	collector_threads_of(ui->coll, proc.pid, proc.starttime, tneed);
	int err = collector_begin(ui->coll, need, next);
	if (err) {
		char why[512];
		collector_describe_error(ui->coll, err, why, sizeof(why));
		ui_warning(ui, "%s", why);
		return;
	}
	ui->sampling_need = need;
}

/* The sample is complete and finished: make it current. */
static void ui_sample_done(struct ui *ui)
{
	struct snapshot *next = ui->prev;

	ui->prev = ui->snap;
	ui->snap = next;
	ui->sampled_need = ui->sampling_need;
	ui->have_sample = true;
	history_push(&ui->hist, next);
	ui_snapshot_arrived(ui);
}

void ui_snapshot_arrived(struct ui *ui)
{
	const struct snapshot *next = ui->snap;

	if (ui->filled_cap < next->nprocs + 1) {
		free(ui->filled);
		ui->filled_cap = next->nprocs + 64;
		ui->filled = xcalloc(ui->filled_cap, 1);
	} else {
		memset(ui->filled, 0, ui->filled_cap);
	}
	/* Rows point into the new snapshot before any screen looks. */
	ui_rebuild(ui);
	ui->want_rebuild = false;
	for (size_t i = 0; i < ui->depth; i++) {
		const struct screen_ops *ops = ui_screens[ui->stack[i]];
		if (ops && ops->sampled)
			ops->sampled(ui);
	}
}

/* A live sample is being taken. */
bool ui_busy(const struct ui *ui)
{
	return ui->coll && collector_busy(ui->coll);
}

void ui_fill_rows(struct ui *ui, size_t first, size_t n)
{
	unsigned shown = columns_need(ui->cols, ui->ncols);
	/* The rows on screen also re-read their command line once a refresh
	 * (NEED_CMDLINE in collector_fill: "now"): the per-lifetime cache
	 * misses programs that rewrite it and an exec that keeps the comm. */
	unsigned need = (shown & NEED_EXPENSIVE & ~ui->sampled_need) |
		(shown & NEED_CMDLINE);
	long idx[128];
	size_t k = 0;

	if (!need || !ui->have_sample || ui->replay)
		return;
	for (size_t r = first; r < ui->rows.n && r < first + n; r++) {
		const struct view_row *row = &ui->rows.rows[r];
		long pi = row->is_thread ? row->task->parent : row->index;
		if (pi < 0 || (size_t)pi >= ui->snap->nprocs ||
		    (size_t)pi >= ui->filled_cap || ui->filled[pi])
			continue;
		ui->filled[pi] = 1;
		idx[k++] = pi;
		if (k == sizeof(idx) / sizeof(idx[0])) {
			collector_fill(ui->coll, ui->snap, idx, k, need);
			k = 0;
		}
	}
	if (k)
		collector_fill(ui->coll, ui->snap, idx, k, need);
}

void ui_recheck_cmdlines(struct ui *ui)
{
	if (ui->replay) {        /* the recorded command lines are all */
		ui_request_rebuild(ui);
		return;
	}
	collector_recheck_cmdlines(ui->coll);
	ui_request_sample(ui);
}

bool ui_replaying(const struct ui *ui)
{
	return ui->replay != NULL;
}

void ui_source_fill(struct ui *ui, const long *idx, size_t n, unsigned need)
{
	if (!ui->replay && n)
		collector_fill(ui->coll, ui->snap, idx, n, need);
}

const char *ui_user_name(struct ui *ui, uid_t uid)
{
	if (!ui->replay)
		return collector_user_name(ui->coll, uid);
	/* The recording names the owners of the processes it has. */
	for (size_t i = 0; ui->have_sample && i < ui->snap->nprocs; i++) {
		const struct task *t = &ui->snap->procs[i];
		if (t->user && (t->have & TASK_HAVE_UID) && t->uid == uid)
			return t->user;
	}
	return NULL;
}

int ui_source_details(struct ui *ui, pid_t pid, uint64_t starttime,
	struct proc_details *d)
{
	if (ui->replay)
		return ui_replay_details(ui, pid, starttime, d);
	return details_read(collector_root(ui->coll), pid, starttime, d);
}

const char *ui_proc_root(const struct ui *ui)
{
	return ui->coll ? collector_root(ui->coll) : NULL;
}

void ui_request_sample(struct ui *ui)
{
	ui->want_sample = true;
}

void ui_request_fresh_sample(struct ui *ui)
{
	/* A live sample in flight may have read the target before the
	 * change: drop it, so the next one shows what was just done. */
	if (ui_busy(ui)) {
		collector_abort(ui->coll);
		snapshot_clear(ui->prev);
	}
	ui->want_sample = true;
}

/* Milliseconds until the next sample (or message expiry), at most 1 s. */
int ui_wait_ms(const struct ui *ui)
{
	if (ui->replay)
		return ui_replay_wait_ms(ui);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double s = ui->paused ? 1.0 : ui_ts_diff(&ui->next_sample, &now);
	if (ui->msg[0]) {
		double m = ui_ts_diff(&ui->msg_until, &now);
		if (m < s)
			s = m;
	}
	if (s > 1.0)
		s = 1.0;
	if (s < 0.0)
		s = 0.0;
	return (int)(s * 1000.0) + 1;
}

/* Take a step of the running sample, or begin one when it is due. */
void ui_sample_tick(struct ui *ui, bool *first)
{
	struct timespec now, deadline;

	if (ui->replay) {
		ui_replay_tick(ui);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ui->sample_finished) {
		/* The keys typed since the sample completed acted on the
		 * shown snapshot; now the new one replaces it. */
		ui->sample_finished = false;
		ui_sample_done(ui);
		/* The delay runs from the end of the sample, as top's does:
		 * a sample slower than the interval must not leave the
		 * monitor sampling back to back. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		ui->next_sample = now;
		/* A quick second sample gives CPU% at once. */
		ui_ts_add(&ui->next_sample, *first && ui_delay(ui) > 0.5 ?
			0.5 : ui_delay(ui));
		*first = false;
		ui->want_redraw = true;
		return;
	}
	if (!collector_busy(ui->coll)) {
		if (!ui->want_sample &&
		    (ui->paused || ui_ts_diff(&now, &ui->next_sample) < 0))
			return;
		ui->want_sample = false;
		ui_sample_begin(ui);
		if (!collector_busy(ui->coll)) {      /* failed: retry later */
			ui->next_sample = now;
			ui_ts_add(&ui->next_sample, ui_delay(ui));
			ui->want_redraw = true;
			return;
		}
	}
	deadline = now;
	ui_ts_add(&deadline, UI_SAMPLE_SLICE_S);
	if (collector_step(ui->coll, &deadline) != 0)
		return;                               /* more to read */
	/* Complete: finish it now and show it at the next tick, with the
	 * keys read in between, so a key waits for one of these pieces at
	 * most, not for all of them and the draw. */
	snapshot_finish(ui->prev, ui->have_sample ? ui->snap : NULL);
	ui->sample_finished = true;
}
