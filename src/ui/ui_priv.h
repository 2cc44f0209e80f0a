/* ui_priv — functions shared between the tui module's own files (main
 * loop, dialogs, drawing).  Other screens use ui_core.h only. */
#ifndef PROCTOP_UI_PRIV_H
#define PROCTOP_UI_PRIV_H

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

#endif
