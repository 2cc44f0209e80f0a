/* ui_replay — proctop --replay PATH: a recording as the TUI's snapshot
 * source, the time bar and the keys that move in time.  Private to
 * src/ui/ (the main loop in ui.c and the key table use it). */
#ifndef PROCTOP_UI_REPLAY_H
#define PROCTOP_UI_REPLAY_H

#include "ui_core.h"

/* Open the recording at path as ui's source (ui->replay).  0, or a
 * negative errno with the reason in *why; damage found while listing
 * the files is described in *warn (shown once the screen is up). */
int ui_replay_open(struct ui *ui, const char *path, struct sbuf *why,
	struct sbuf *warn);
void ui_replay_close(struct ui *ui);

/* Show the sample asked for (a key moved, ui_request_sample) or, while
 * playing, the next one when it is due. */
void ui_replay_tick(struct ui *ui);
/* Milliseconds until the next played sample is due, at most 1000. */
int ui_replay_wait_ms(const struct ui *ui);
/* Z in replay: play / pause. */
void ui_replay_play(struct ui *ui);
/* The time bar on row y: the sample's time, its position, the span of
 * the recording and the play state. */
void ui_replay_draw_bar(struct ui *ui, int y);

/* The recorded fields of process (or thread) pid of that start time in
 * the sample shown, as details_read would give them (ui_source_details). */
int ui_replay_details(struct ui *ui, pid_t pid, uint64_t starttime,
	struct proc_details *d);

/* A key handler that works on live processes (actions, the map, the
 * process-info screens): in replay, say why not (one message line) and
 * return true; else false. */
bool ui_replay_refuses(struct ui *ui, ui_key_fn fn);
/* True when fn needs a live process and this is a replay (no message:
 * the function-key bar leaves such keys out). */
bool ui_replay_live_only(const struct ui *ui, ui_key_fn fn);

/* The replay keys (ui_keys.c).  Live, each says it needs --replay. */
void replay_key_step(struct ui *ui, int key);     /* ( ) */
void replay_key_minute(struct ui *ui, int key);   /* { } */
void replay_key_hour(struct ui *ui, int key);     /* A D */
void replay_key_ends(struct ui *ui, int key);     /* B E */
void replay_key_goto(struct ui *ui, int key);     /* J */
void replay_key_speed(struct ui *ui, int key);    /* X */

#endif
