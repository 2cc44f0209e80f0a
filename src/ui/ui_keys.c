/* ui_keys — the global key table, the tables screens share, the lookup
 * the dispatcher uses and the walk the help and --list-keys use, so that
 * neither can drift from what the keys do.
 *
 * Each screen has its own table next to its code (screen_ops.keys); a
 * key press looks there first, then here.  Order matters twice: the first
 * matching entry wins, and the help lists entries in table order.  An
 * entry with desc == NULL is an alias of the entry above it (the help
 * shows both names on one line).  fn == NULL passes the key to the
 * screen's key(). */
#include <stdio.h>
#include <string.h>

#include "ui_core.h"
#include "screens.h"
#include "actions_ui.h"
#include "screen_pinfo.h"
#include "ui_replay.h"

#define L   SCR_BIT(SCREEN_LIST)
#define HE  SCR_BIT(SCREEN_HELP)
#define MA  SCR_BIT(SCREEN_MAP)
#define SUB (SCR_ALL & ~L)
#define CTRL(c) ((c) & 0x1f)

const struct ui_key ui_keys[] = {
	/* everywhere */
	{ KEY_F(1), "F1", "Help: this list of keys", SCR_ALL & ~HE, ui_key_help },
	{ 'h', "h", NULL, SCR_ALL & ~HE, ui_key_help },
	{ '?', "?", NULL, SCR_ALL & ~HE, ui_key_help },
	{ KEY_F(10), "F10", "Quit", SCR_ALL, ui_key_quit },
	{ CTRL('l'), "^L", "Redraw the screen", SCR_ALL, ui_key_redraw },
	{ 'Z', "Z", "Pause / resume updates (replay: play / pause)", SCR_ALL, ui_key_pause },

	/* sub-screens (the map's own Esc clears its filter first) */
	{ 'q', "q", "Close this screen", SUB, ui_key_back },
	{ UI_KEY_ESC, "Esc", NULL, SUB & ~MA, ui_key_back },
};

const size_t ui_nkeys = sizeof(ui_keys) / sizeof(ui_keys[0]);

/* Replay (proctop --replay PATH): moving in time, on every screen but the
 * help, with keys htop 3 leaves unbound, so none of its meanings is taken
 * away.  Live, each says it needs --replay. */
const struct ui_key ui_replay_keys[] = {
	{ '(', "(", "Replay: previous / next sample", SCR_ALL & ~HE, replay_key_step },
	{ ')', ")", NULL, SCR_ALL & ~HE, replay_key_step },
	{ '{', "{", "Replay: one minute back / forward", SCR_ALL & ~HE, replay_key_minute },
	{ '}', "}", NULL, SCR_ALL & ~HE, replay_key_minute },
	{ 'A', "A", "Replay: one hour back / forward", SCR_ALL & ~HE, replay_key_hour },
	{ 'D', "D", NULL, SCR_ALL & ~HE, replay_key_hour },
	{ 'B', "B", "Replay: the first / last sample", SCR_ALL & ~HE, replay_key_ends },
	{ 'E', "E", NULL, SCR_ALL & ~HE, replay_key_ends },
	{ 'J', "J", "Replay: go to a time (HH:MM[:SS] or YYYY-MM-DD HH:MM[:SS])", SCR_ALL & ~HE, replay_key_goto },
	{ 'X', "X", "Replay: playing speed x1 / x10 / x60 / x600", SCR_ALL & ~HE, replay_key_speed },
	UI_KEYS_END
};

/* Moving in a list or a text: the table widget's keys (fn NULL: the
 * screen's key() passes them to table_key). */
const struct ui_key ui_move_keys[] = {
	{ KEY_UP, "Up", "Move the selection / scroll", 0, NULL },
	{ KEY_DOWN, "Down", NULL, 0, NULL },
	{ KEY_PPAGE, "PgUp", "Page up / down", 0, NULL },
	{ KEY_NPAGE, "PgDn", NULL, 0, NULL },
	{ KEY_HOME, "Home", "First / last row", 0, NULL },
	{ KEY_END, "End", NULL, 0, NULL },
	UI_KEYS_END
};

const struct ui_key ui_hscroll_keys[] = {
	{ KEY_LEFT, "Left", "Scroll the lines left / right", 0, NULL },
	{ KEY_RIGHT, "Right", NULL, 0, NULL },
	UI_KEYS_END
};

const struct ui_key ui_process_keys[] = {
	{ 'k', "k", "Send a signal (kill) to the tagged processes or the selected one", 0, act_key_kill },
	{ KEY_F(9), "F9", NULL, 0, act_key_kill },
	{ KEY_F(7), "F7", "Nice - (higher priority)", 0, act_key_nice_step },
	{ ']', "]", NULL, 0, act_key_nice_step },
	{ KEY_F(8), "F8", "Nice + (lower priority)", 0, act_key_nice_step },
	{ '[', "[", NULL, 0, act_key_nice_step },
	{ 'n', "n", "Set the nice value", 0, act_key_renice },
	{ 'a', "a", "Set the CPU affinity", 0, act_key_affinity },
	{ 'Y', "Y", "Set the scheduling policy", 0, act_key_sched },
	{ 'i', "i", "Set the I/O priority (class and level, as ionice)", 0, act_key_ioprio },
	{ 'd', "d", "Details of the selected process or thread", 0, details_key_open },
	/* what a process has open (as in htop) */
	{ 'e', "e", "Environment of the selected process", 0, pinfo_key_env },
	{ 'l', "l", "Open files (fd, type, position, flags, name)", 0, pinfo_key_files },
	{ 'x', "x", "File locks of the selected process", 0, pinfo_key_locks },
	{ 'w', "w", "The whole command line, wrapped", 0, pinfo_key_cmdline },
	{ 's', "s", "strace the selected process (when installed)", 0, pinfo_key_trace },
	UI_KEYS_END
};

/* Whether global entry k belongs to part (see ui_keys_walk): the
 * every-screen entries go only to UI_KEYS_EVERYWHERE. */
static bool global_has(const struct ui_key *k, int part)
{
	bool everywhere = (k->screens & L) &&
		(k->screens | HE) == SCR_ALL;

	if (part == UI_KEYS_EVERYWHERE)
		return everywhere;
	if (everywhere)
		return false;
	if (part == UI_KEYS_SUBSCREENS)
		return (k->screens & SUB) != 0;
	return (k->screens & SCR_BIT(part)) != 0;
}

const struct ui_key *ui_key_lookup(enum screen_id top, int key)
{
	const struct screen_ops *ops = ui_screens[top];

	for (size_t t = 0; ops && ops->keys && ops->keys[t]; t++)
		for (const struct ui_key *k = ops->keys[t]; k->key; k++)
			if (k->key == key)
				return k;
	for (size_t i = 0; i < ui_nkeys; i++)
		if (ui_keys[i].key == key &&
		    (ui_keys[i].screens & SCR_BIT(top)))
			return &ui_keys[i];
	for (const struct ui_key *k = ui_replay_keys; k->key; k++)
		if (k->key == key && (k->screens & SCR_BIT(top)))
			return k;
	return NULL;
}

/* Walk keys[0..n) (n: SIZE_MAX for a table ending with UI_KEYS_END),
 * the global table's entries filtered by part. */
static void walk_table(const struct ui_key *keys, size_t n, int part,
	bool global, ui_keys_walk_fn fn, void *arg)
{
	for (size_t i = 0; i < n && keys[i].key; i++) {
		const struct ui_key *k = &keys[i];
		char names[64];
		if (!k->desc || !k->name || (global && !global_has(k, part)))
			continue;
		snprintf(names, sizeof(names), "%s", k->name);
		for (size_t j = i + 1; j < n && keys[j].key && !keys[j].desc;
		     j++) {
			if (!keys[j].name || (global && !global_has(&keys[j], part)))
				continue;
			size_t len = strlen(names);
			snprintf(names + len, sizeof(names) - len, " %s",
				keys[j].name);
		}
		fn(names, k->desc, arg);
	}
}

void ui_keys_walk(int part, bool with_global, ui_keys_walk_fn fn, void *arg)
{
	if (part == UI_KEYS_REPLAY) {
		walk_table(ui_replay_keys, SIZE_MAX, part, false, fn, arg);
		return;
	}
	if (part >= 0) {
		const struct screen_ops *ops = ui_screens[part];
		for (size_t t = 0; ops && ops->keys && ops->keys[t]; t++)
			walk_table(ops->keys[t], SIZE_MAX, part, false, fn, arg);
		if (!with_global)
			return;
	}
	walk_table(ui_keys, ui_nkeys, part, true, fn, arg);
}
