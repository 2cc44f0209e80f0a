/* ui_priv — functions shared between the tui module's own files (main
 * loop, dialogs, drawing).  Other screens use ui_core.h only. */
#ifndef PROCTOP_UI_PRIV_H
#define PROCTOP_UI_PRIV_H

#include <time.h>

#include "ui_core.h"

/* ui_dialog.c */
void ui_dialogs_init(struct ui *ui);
void ui_dialogs_fini(struct ui *ui);
void ui_dialog_key(struct ui *ui, int key);
void ui_dialog_draw(struct ui *ui);
/* The top dialog edits on the bottom line: draw it there; true if so. */
bool ui_dialog_draw_bottom(struct ui *ui);

/* ui_draw.c */
void ui_colors_init(struct ui *ui);
/* The function-key bar (or a bottom-line prompt) on the last terminal
 * row, and the message on the row above it; on a terminal of fewer than
 * UI_MESSAGE_LINE_MIN_H rows the message covers the bar instead. */
void ui_draw_bottom(struct ui *ui, const struct screen_ops *ops);
#define UI_MESSAGE_LINE_MIN_H 4
/* A message is shown on a line of its own above the bar (the screen's
 * area is one row shorter meanwhile). */
bool ui_message_own_line(const struct ui *ui);
/* Cut the line being composed (ui_line_*) to `width` display columns,
 * on a character boundary. */
void ui_line_cut(struct ui *ui, size_t width);
/* Key of the bar label at column x of the last row, 0 if none. */
int ui_fkey_at(struct ui *ui, int x);

/* ui.c */
void ui_resized(struct ui *ui);
/* ui->snap is a new snapshot (sampled, or a recorded one: ui_replay.c):
 * rebuild the rows on it and tell the screens. */
void ui_snapshot_arrived(struct ui *ui);
/* Save the settings now if they changed (a failure is a warning). */
void ui_save_settings(struct ui *ui);
/* Read the expensive per-process files for rows [first, first + n) of
 * the list (only those not read yet for this snapshot). */
void ui_fill_rows(struct ui *ui, size_t first, size_t n);

/* Have the next sample, taken at once, re-read every process's command
 * line (search and filter look at all of them; the per-lifetime cache
 * misses programs that rewrite theirs, and only the rows on screen are
 * re-read each refresh).  The re-read happens in the sample's slices, so
 * the prompt that asked for it shows at once; matches against rewritten
 * command lines appear with that sample. */
void ui_recheck_cmdlines(struct ui *ui);

/* ui_source.c: the snapshot source and its clock. */
static inline double ui_ts_diff(const struct timespec *a,
	const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) +
		(double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

static inline void ui_ts_add(struct timespec *t, double s)
{
	long long ns = (long long)(s * 1e9);
	t->tv_sec += (time_t)(ns / 1000000000LL);
	t->tv_nsec += (long)(ns % 1000000000LL);
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* Which files a sample must read for every process. */
unsigned ui_sample_need(struct ui *ui);
/* A live sample is being taken. */
bool ui_busy(const struct ui *ui);
/* How long the loop may wait for a key before the next sample or the
 * message's end. */
int ui_wait_ms(const struct ui *ui);
/* One turn of sampling: begin, a slice of the sample in flight, or show
 * a completed one; in a replay, the replay's tick. */
void ui_sample_tick(struct ui *ui, bool *first);
/* Rebuild the rows (ui.c) and keep the selection on the same process. */
void ui_rebuild(struct ui *ui);

#endif
