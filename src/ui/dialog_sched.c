/* dialog_sched — Y: the scheduling policy menu (the current policy
 * preselected and named in the title), a reset-on-fork toggle, and the RT
 * priority for FIFO / RR; applied to every thread of each target. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions_ui.h"

#define ITEM_RESET_ON_FORK 5

static const struct {
	int policy;
	const char *label;
} sched_items[] = {
	{ SCHED_OTHER, "OTHER   normal time sharing" },
	{ SCHED_BATCH, "BATCH   CPU-bound batch work" },
	{ SCHED_IDLE,  "IDLE    only when nothing else runs" },
	{ SCHED_FIFO,  "FIFO    real-time, first in first out" },
	{ SCHED_RR,    "RR      real-time, round robin" },
};
#define NSCHED (sizeof(sched_items) / sizeof(sched_items[0]))

static void sched_menu(struct ui *ui, long initial);

static void prio_done(struct ui *ui, const struct ui_dialog_result *r)
{
	const struct act_sched *sd = &ui->act->sched;
	char *end;

	if (!r->ok)
		return;
	errno = 0;
	long v = strtol(r->text, &end, 10);
	if (end == r->text || *end || errno || v < 1 || v > 99) {
		char shown[40];
		ui_sanitize(ui, shown, sizeof(shown), r->text, strlen(r->text),
			20);
		ui_warning(ui, "policy: '%s' is not an RT priority from 1 to 99",
			shown);
		return;
	}
	struct action proto = { .kind = ACTION_SCHED, .policy = sd->policy,
		.rt_priority = (int)v, .reset_on_fork = sd->reset_on_fork };
	act_run(ui, act_pending(ui), &proto);
}

static void sched_done(struct ui *ui, const struct ui_dialog_result *r)
{
	struct act_sched *sd = &ui->act->sched;

	if (!r->ok || r->choice < 0)
		return;
	if (r->choice == ITEM_RESET_ON_FORK) {
		sd->reset_on_fork = !sd->reset_on_fork;
		sched_menu(ui, ITEM_RESET_ON_FORK);
		return;
	}
	if ((size_t)r->choice >= NSCHED)
		return;
	sd->policy = sched_items[r->choice].policy;
	if (!actions_policy_is_rt(sd->policy)) {
		struct action proto = { .kind = ACTION_SCHED,
			.policy = sd->policy,
			.reset_on_fork = sd->reset_on_fork };
		act_run(ui, act_pending(ui), &proto);
		return;
	}
	char initial[8];
	snprintf(initial, sizeof(initial), "%d",
		actions_policy_is_rt(sd->cur_policy) ? sd->cur_prio : 1);
	struct ui_dialog_req req = {
		.title = "RT priority", .text = "Real-time priority (1..99):",
		.initial_text = initial, .select_initial = true, .max_len = 3,
		.done = prio_done,
	};
	ui_dialog_open(ui, DIALOG_INPUT, &req);
}

static void sched_menu(struct ui *ui, long initial)
{
	const struct act_sched *sd = &ui->act->sched;
	const char *items[NSCHED + 1];
	char what[64], title[128];
	const char *now = actions_policy_name(sd->cur_policy);

	for (size_t i = 0; i < NSCHED; i++)
		items[i] = sched_items[i].label;
	items[NSCHED] = sd->reset_on_fork ?
		"[x] reset on fork (children start as SCHED_OTHER)" :
		"[ ] reset on fork (children start as SCHED_OTHER)";
	act_what(act_pending(ui), what, sizeof(what));
	if (actions_policy_is_rt(sd->cur_policy))
		snprintf(title, sizeof(title), "Policy of %s (now %s %d)", what,
			now ? now : "?", sd->cur_prio);
	else
		snprintf(title, sizeof(title), "Policy of %s (now %s)", what,
			now ? now : "?");
	struct ui_dialog_req req = {
		.title = title, .items = items, .nitems = NSCHED + 1,
		.initial = initial, .done = sched_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

void act_key_sched(struct ui *ui, int key)
{
	struct act_sched *sd = &ui->act->sched;
	struct act_set *set;

	if (act_refuse_readonly(ui, "policy") || !act_gather(ui, false))
		return;
	set = act_pending(ui);
	sd->cur_policy = SCHED_OTHER;
	sd->cur_prio = 0;
	sd->reset_on_fork = false;
	actions_get_sched(set->v[0].key.pid, &sd->cur_policy, &sd->cur_prio,
		&sd->reset_on_fork);
	long initial = 0;
	for (size_t i = 0; i < NSCHED; i++)
		if (sched_items[i].policy == sd->cur_policy)
			initial = (long)i;
	sched_menu(ui, initial);
}
