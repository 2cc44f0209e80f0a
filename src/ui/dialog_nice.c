/* dialog_nice — F7 / F8 (or ] / [, as in htop) renice by one step, n for
 * an absolute value; on every thread of each target process, or on the
 * one thread selected on the thread screen. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions_ui.h"

void act_key_nice_step(struct ui *ui, int key)
{
	if (act_refuse_readonly(ui, "renice") || !act_gather(ui, false))
		return;
	struct action proto = { .kind = ACTION_RENICE, .nice_step = true,
		.nice = key == KEY_F(7) || key == ']' ? -1 : 1 };
	act_run(ui, act_pending(ui), &proto);
}

/* Parse a whole decimal nice value; false if it is not one in -20..19. */
static bool parse_nice(const char *s, int *out)
{
	char *end;

	while (*s == ' ')
		s++;
	errno = 0;
	long v = strtol(s, &end, 10);
	while (end != s && *end == ' ')
		end++;
	if (end == s || *end || errno || v < -20 || v > 19)
		return false;
	*out = (int)v;
	return true;
}

static void renice_done(struct ui *ui, const struct ui_dialog_result *r)
{
	int nice;

	if (!r->ok)
		return;
	if (!parse_nice(r->text, &nice)) {
		char shown[40];
		ui_sanitize(ui, shown, sizeof(shown), r->text, strlen(r->text),
			20);
		ui_warning(ui, "renice: '%s' is not a nice value from -20 to 19",
			shown);
		return;
	}
	struct action proto = { .kind = ACTION_RENICE, .nice = nice };
	act_run(ui, act_pending(ui), &proto);
}

void act_key_renice(struct ui *ui, int key)
{
	struct act_set *set;
	char what[64], prompt[128], initial[16] = "";

	if (act_refuse_readonly(ui, "renice") || !act_gather(ui, false))
		return;
	set = act_pending(ui);
	act_what(set, what, sizeof(what));
	/* Start from the current nice of the (first) target. */
	int cur;
	if (actions_get_nice(set->v[0].key.pid, &cur) == 0)
		snprintf(initial, sizeof(initial), "%d", cur);
	snprintf(prompt, sizeof(prompt), "Nice value (-20..19) for %s:", what);
	struct ui_dialog_req req = {
		.title = "Renice", .text = prompt, .initial_text = initial,
		.select_initial = true, .max_len = 8, .done = renice_done,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}
