/* ui_keys — the one key table.  The dispatcher in ui.c and the help screen
 * both read it, so the help cannot drift from what the keys do.
 *
 * Order matters twice: the first entry whose key and screen mask match
 * wins, and the help lists entries in this order.  An entry with
 * desc == NULL is an alias of the entry above it (the help shows both
 * names on one line).  fn == NULL passes the key to the screen's key(). */
#include "ui_core.h"
#include "screens.h"
#include "actions_ui.h"
#include "screen_map.h"
#include "screen_memory.h"
#include "screen_pinfo.h"
#include "ui_replay.h"

#define L   SCR_BIT(SCREEN_LIST)
#define TH  SCR_BIT(SCREEN_THREADS)
#define HE  SCR_BIT(SCREEN_HELP)
#define SE  SCR_BIT(SCREEN_SETUP)
#define MA  SCR_BIT(SCREEN_MAP)
#define ME  SCR_BIT(SCREEN_MEMORY)
#define DE  SCR_BIT(SCREEN_DETAILS)
#define PI  (SCR_BIT(SCREEN_ENV) | SCR_BIT(SCREEN_FILES) | \
	SCR_BIT(SCREEN_LOCKS) | SCR_BIT(SCREEN_CMDLINE) | SCR_BIT(SCREEN_TRACE))
#define SUB (SCR_ALL & ~SCR_BIT(SCREEN_LIST))
#define ESC 27
#define CTRL(c) ((c) & 0x1f)

const struct ui_key ui_keys[] = {
	/* everywhere */
	{ KEY_F(1), "F1", "Help: this list of keys", SCR_ALL & ~HE, ui_key_help },
	{ 'h', "h", NULL, SCR_ALL & ~HE, ui_key_help },
	{ '?', "?", NULL, SCR_ALL & ~HE, ui_key_help },
	{ KEY_F(10), "F10", "Quit", SCR_ALL, ui_key_quit },
	{ CTRL('l'), "^L", "Redraw the screen", SCR_ALL, ui_key_redraw },
	{ 'Z', "Z", "Pause / resume updates (replay: play / pause)", SCR_ALL, ui_key_pause },

	/* replay (proctop --replay PATH): moving in time, with keys htop 3
	 * leaves unbound, so none of its meanings is taken away */
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

	/* process list: moving */
	{ 'q', "q", "Quit", L, ui_key_quit },
	{ KEY_UP, "Up", "Move the selection", L | TH | SE, NULL },
	{ KEY_DOWN, "Down", NULL, L | TH | SE, NULL },
	{ KEY_PPAGE, "PgUp", "Page up / down", L | TH | HE | SE, NULL },
	{ KEY_NPAGE, "PgDn", NULL, L | TH | HE | SE, NULL },
	{ KEY_HOME, "Home", "First / last row", L | TH | HE | SE, NULL },
	{ KEY_END, "End", NULL, L | TH | HE | SE, NULL },
	{ KEY_LEFT, "Left", "Scroll the lines left / right", L | TH, NULL },
	{ KEY_RIGHT, "Right", NULL, L | TH, NULL },
	{ '0', "0-9", "Type a pid to jump to it", L, NULL },
	{ 'F', "F", "Follow the selected process on / off", L, list_key_follow },

	/* process list: what is shown */
	{ '\n', "Enter", "Open the selected process (threads ...)", L, ui_key_enter },
	{ KEY_ENTER, NULL, NULL, L, ui_key_enter },
	{ '\r', NULL, NULL, L, ui_key_enter },
	{ 'o', "o", "Threads of the selected process", L, list_key_thread_screen },
	{ 't', "t", "Tree view on / off", L, list_key_tree },
	{ KEY_F(5), "F5", NULL, L, list_key_tree },
	{ '-', "-", "Collapse / expand the selected subtree", L, list_key_collapse },
	{ '+', "+", NULL, L, list_key_collapse },
	{ '*', "*", "Collapse / expand all subtrees", L, list_key_collapse_all },
	{ 'H', "H", "Show / hide user threads", L, list_key_threads },
	{ 'K', "K", "Show / hide kernel threads", L, list_key_kthreads },
	{ 'p', "p", "Program path in the command on / off", L, list_key_program_path },
	{ 'm', "m", "Merged command: the executable's name first on / off", L, list_key_merged },
	{ 'g', "g", "Graphs of CPU, memory and swap in the header on / off", L | TH, list_key_graphs },
	{ KEY_F(6), "F6", "Sort by: choose a column", L, list_key_sort_menu },
	{ '<', "<", NULL, L, list_key_sort_menu },
	{ '>', ">", NULL, L, list_key_sort_menu },
	{ ',', ",", NULL, L, list_key_sort_menu },
	{ '.', ".", NULL, L, list_key_sort_menu },
	{ 'P', "P", "Sort by CPU%", L, list_key_sort },
	{ 'M', "M", "Sort by MEM%", L, list_key_sort },
	{ 'T', "T", "Sort by TIME+", L, list_key_sort },
	{ 'N', "N", "Sort by PID", L, list_key_sort },
	{ 'I', "I", "Invert the sort order", L, list_key_sort_invert },
	{ '/', "/", "Search (incremental); F3 finds the next match", L, list_key_search },
	{ KEY_F(3), "F3", NULL, L, list_key_search_next },
	{ '\\', "\\", "Filter: show only matches (and their ancestors)", L, list_key_filter },
	{ KEY_F(4), "F4", NULL, L, list_key_filter },
	{ 'u', "u", "Show only one user's processes", L, list_key_user },
	{ ESC, "Esc", "Clear the filter and the user filter", L, list_key_clear },
	{ KEY_F(2), "F2", "Setup: columns and refresh interval", L, list_key_setup },
	{ 'S', "S", NULL, L, list_key_setup },
	{ 'C', "C", NULL, L, list_key_setup },

	/* process list: proctop's own screens (keys htop does not bind) */
	{ 'v', "v", "Address-space map of the selected process", L, map_key_open },
	{ 'f', "f", "System memory and swap (like free)", L, memory_key_open },
	{ KEY_F(12), "F12", NULL, L, memory_key_open },
	/* reserved for actions and details (issue 5) */
	{ 'k', "k", "Send a signal (kill) to the tagged or selected processes", L | TH, act_key_kill },
	{ KEY_F(9), "F9", NULL, L | TH, act_key_kill },
	{ KEY_F(7), "F7", "Nice - (higher priority)", L | TH, act_key_nice_step },
	{ ']', "]", NULL, L | TH, act_key_nice_step },
	{ KEY_F(8), "F8", "Nice + (lower priority)", L | TH, act_key_nice_step },
	{ '[', "[", NULL, L | TH, act_key_nice_step },
	{ 'n', "n", "Set the nice value", L | TH, act_key_renice },
	{ 'a', "a", "Set the CPU affinity", L | TH, act_key_affinity },
	{ 'Y', "Y", "Set the scheduling policy", L | TH, act_key_sched },
	{ 'i', "i", "Set the I/O priority (class and level, as ionice)", L | TH, act_key_ioprio },
	{ 'd', "d", "Details of the selected process", L | TH, details_key_open },
	/* what a process has open (as in htop) */
	{ 'e', "e", "Environment of the selected process", L | TH, pinfo_key_env },
	{ 'l', "l", "Open files (fd, type, position, flags, name)", L | TH, pinfo_key_files },
	{ 'x', "x", "File locks of the selected process", L | TH, pinfo_key_locks },
	{ 'w', "w", "The whole command line, wrapped", L | TH, pinfo_key_cmdline },
	{ 's', "s", "strace the selected process (when installed)", L | TH, pinfo_key_trace },
	{ ' ', "Space", "Tag / untag the selected process, select the next", L, act_key_tag },
	{ 'c', "c", "Tag the process and its children", L, act_key_tag_tree },
	{ 'U', "U", "Untag all", L, act_key_untag_all },

	/* map screen: Esc clears the path filter first (the map's key()) */
	{ ESC, "Esc", "Clear the filter; with none: close this screen", MA, NULL },

	/* sub-screens */
	{ 'q', "q", "Close this screen", SUB, ui_key_back },
	{ ESC, "Esc", NULL, SUB & ~MA, ui_key_back },

	/* help, details, map screen (v) and memory screen (f, F12) */
	{ KEY_UP, "Up", "Scroll / move the selection", MA | ME | DE | HE, NULL },
	{ KEY_DOWN, "Down", NULL, MA | ME | DE | HE, NULL },
	{ ' ', "Space", NULL, HE, NULL },
	{ KEY_PPAGE, "PgUp", "Page up / down", MA | ME | DE, NULL },
	{ KEY_NPAGE, "PgDn", NULL, MA | ME | DE, NULL },
	{ KEY_HOME, "Home", "First / last row", MA | ME | DE, NULL },
	{ KEY_END, "End", NULL, MA | ME | DE, NULL },
	{ KEY_LEFT, "Left", "Scroll the lines left / right", MA, NULL },
	{ KEY_RIGHT, "Right", NULL, MA, NULL },
	{ KEY_F(6), "F6", "Sort by: choose a key", MA | ME, NULL },
	{ 's', "s", "Next sort key", MA | ME, NULL },
	{ KEY_F(4), "F4", "Filter mappings by path", MA, NULL },
	{ '\\', "\\", NULL, MA, NULL },
	{ '/', "/", NULL, MA, NULL },
	{ 'g', "g", "Group mappings by file on / off", MA, NULL },

	/* environment, open files, locks, command line, strace */
	{ KEY_UP, "Up", "Scroll", PI, NULL },
	{ KEY_DOWN, "Down", NULL, PI, NULL },
	{ KEY_PPAGE, "PgUp", "Page up / down", PI, NULL },
	{ KEY_NPAGE, "PgDn", NULL, PI, NULL },
	{ KEY_HOME, "Home", "First / last line (strace: End follows new output)", PI, NULL },
	{ KEY_END, "End", NULL, PI, NULL },
	{ KEY_LEFT, "Left", "Scroll the lines left / right", PI, NULL },
	{ KEY_RIGHT, "Right", NULL, PI, NULL },

	/* setup screen (F2) */
	{ '\t', "Tab", "Switch between shown and available columns", SE, NULL },
	{ KEY_BTAB, "Shift-Tab", NULL, SE, NULL },
	{ KEY_DC, "Del", "Remove the selected shown column", SE, NULL },
	{ '-', "-", NULL, SE, NULL },
	{ '\n', "Enter", "Available pane: add the column after the shown "
		"selection; shown pane: go to the available pane", SE, NULL },
	{ '+', "+", NULL, SE, NULL },
	{ '[', "[", "Move the selected column up / down", SE, NULL },
	{ ']', "]", NULL, SE, NULL },
	{ 'd', "d", "Set the refresh interval", SE, NULL },
	{ 'C', "C", "Colours on / off", SE, NULL },
	{ 'r', "r", "Reset columns to the defaults", SE, NULL },
};

const size_t ui_nkeys = sizeof(ui_keys) / sizeof(ui_keys[0]);

/* Enter on the process list: one entry opens directly, more open a menu. */
const struct ui_enter_item ui_enter_items[] = {
	{ "Threads", list_key_thread_screen },
	{ "Details", details_key_open },
	{ "Map", map_key_open },
};

const size_t ui_nenter_items =
	sizeof(ui_enter_items) / sizeof(ui_enter_items[0]);
