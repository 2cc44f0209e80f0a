/* dialog_signal — k / F9: the signal menu (SIGTERM preselected; its title
 * names the target, so for one target Enter sends, as htop's), for
 * several targets a checklist of pid, user and command of each, then the
 * signal through the actions module (pidfd, start time re-checked). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions_ui.h"
#include "proctop/xalloc.h"

static void kill_confirmed(struct ui *ui, const struct ui_dialog_result *r)
{
	struct act_set *set = act_pending(ui);
	struct action proto = { .kind = ACTION_SIGNAL,
		.signo = ui->act->kill.signo };

	if (!r->ok) {
		ui_message(ui, "kill: cancelled; nothing sent");
		return;
	}
	if (r->checked) {
		/* The checklist of several targets: keep the ticked ones. */
		size_t n = 0;
		for (size_t i = 0; i < set->n && i < r->nitems; i++)
			if (r->checked[i])
				set->v[n++] = set->v[i];
		set->n = n;
		if (!n) {
			ui_message(ui, "kill: nothing ticked; nothing sent");
			return;
		}
	}
	act_run(ui, set, &proto);
}

/* Several targets: a checklist of them to confirm (one target was named
 * by the menu's title: the menu's Enter was the confirmation). */
static void kill_confirm(struct ui *ui)
{
	struct act_set *set = act_pending(ui);
	const struct act_kill *ks = &ui->act->kill;
	struct sbuf name;
	struct ui_dialog_req req = { .done = kill_confirmed };

	sbuf_init(&name);
	actions_signal_name(&name, ks->signo);
	{
		const char **items = xcalloc(set->n, sizeof(*items));
		for (size_t i = 0; i < set->n; i++)
			items[i] = set->v[i].label;
		char title[96];
		snprintf(title, sizeof(title), "Send %s (%d) to %zu processes?",
			name.data, ks->signo, set->n);
		/* Refused targets start unticked. */
		bool *checked = xcalloc(set->n, sizeof(*checked));
		for (size_t i = 0; i < set->n; i++)
			checked[i] = !ks->refused[i];
		req.title = title;
		req.text = "Space: tick / untick   y / Enter: send to the "
			"ticked   n / Esc: cancel";
		req.confirm_keys = true;
		req.items = items;
		req.nitems = set->n;
		req.checked = checked;
		ui_dialog_open(ui, DIALOG_CHECKLIST, &req);
		free(items);
		free(checked);
	}
	sbuf_fini(&name);
}

static void kill_signal_chosen(struct ui *ui, const struct ui_dialog_result *r)
{
	struct act_set *set = act_pending(ui);
	struct act_kill *ks = &ui->act->kill;
	struct signal_info si;
	struct sbuf msg;
	size_t refused = 0;

	if (!r->ok) {
		ui_message(ui, "kill: cancelled; nothing sent");
		return;
	}
	if (r->choice < 0 || actions_signal_at((size_t)r->choice, &si) != 0)
		return;
	ks->signo = si.signo;
	struct action proto = { .kind = ACTION_SIGNAL, .signo = si.signo };

	/* "May I?" first, so a refusal is explained before asking.  SIGCONT
	 * has a same-session exception the credential rules do not model. */
	if (ks->refused_cap < set->n) {
		ks->refused_cap = set->n;
		ks->refused = xreallocarray(ks->refused, set->n,
			sizeof(*ks->refused));
	}
	sbuf_init(&msg);
	for (size_t i = 0; i < set->n; i++) {
		int err = si.signo == SIGCONT ? 0 :
			act_check(ui, set, i, &proto, refused ? NULL : &msg);
		ks->refused[i] = err != 0;
		if (err)
			refused++;
	}
	if (refused == set->n) {
		if (set->n > 1)
			ui_warning(ui, "kill: none of the %zu processes may be "
				"signalled; %s", set->n, msg.data);
		else
			ui_warning(ui, "%s", msg.data);
	} else if (set->n == 1) {
		act_run(ui, set, &proto);
	} else {
		kill_confirm(ui);
	}
	sbuf_fini(&msg);
}

void act_key_kill(struct ui *ui, int key)
{
	char what[160], title[192];

	if (act_refuse_readonly(ui, "kill") || !act_gather(ui, true))
		return;
	const struct act_set *set = act_pending(ui);
	if (set->n == 1) {
		/* One target: the title names it (pid, user, command), so
		 * that Enter is an informed answer. */
		const char *label = set->v[0].label;
		while (*label == ' ')
			label++;
		snprintf(what, sizeof(what), "%s", label);
	} else {
		act_what(set, what, sizeof(what));
	}
	snprintf(title, sizeof(title), "Send signal to %s", what);

	size_t n = actions_signal_count();
	struct sbuf labels;
	size_t *offs = xcalloc(n, sizeof(*offs));
	const char **items = xcalloc(n, sizeof(*items));
	sbuf_init(&labels);
	for (size_t i = 0; i < n; i++) {
		struct signal_info si;
		if (actions_signal_at(i, &si) != 0)
			break;
		offs[i] = labels.len;
		sbuf_addf(&labels, "%2d ", si.signo);
		size_t name_at = labels.len;
		actions_signal_name(&labels, si.signo);
		size_t w = labels.len - name_at;
		sbuf_pad(&labels, w < 12 ? 12 - w : 1);
		sbuf_adds(&labels, si.desc);
		sbuf_addc(&labels, '\0');
	}
	for (size_t i = 0; i < n; i++)
		items[i] = labels.data + offs[i];
	long term = actions_signal_index(SIGTERM);
	struct ui_dialog_req req = {
		.title = title, .items = items, .nitems = n,
		.initial = term >= 0 ? term : 0, .done = kill_signal_chosen,
		.text = "Type a signal number or move; Enter picks",
		.number_keys = true,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
	free(items);
	free(offs);
	sbuf_fini(&labels);
}
