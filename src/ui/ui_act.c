/* ui_act — what the action dialogs share: the target set (tagged
 * processes or the selection), the read-only refusal, running an action
 * over the targets and the one message line; plus the tag keys. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions_ui.h"
#include "proctop/xalloc.h"
#include "screens.h"

struct act_set *act_pending(struct ui *ui)
{
	return &ui->act->set;
}

bool act_refuse_readonly(struct ui *ui, const char *verb)
{
	if (!ui->opts->readonly)
		return false;
	ui_warning(ui, "%s: disabled %s proctop is read-only (--readonly)",
		verb, ui->utf8 ? "\u2014" : "-");
	return true;
}

static struct act_target *set_push(struct act_set *set)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	struct act_target *t = &set->v[set->n++];
	memset(t, 0, sizeof(*t));
	return t;
}

/* "  1234 root     sleep 300" for the confirmation and the dialogs. */
static void label_task(struct ui *ui, const struct task *t, char *buf,
	size_t size)
{
	char user[40], cmd[96], uid[16];
	const char *u = t->user;

	if (!u && (t->have & TASK_HAVE_UID)) {
		snprintf(uid, sizeof(uid), "%u", (unsigned)t->uid);
		u = uid;
	}
	ui_sanitize(ui, user, sizeof(user), u ? u : "-", strlen(u ? u : "-"), 8);
	if (t->cmdline && !t->is_thread)
		ui_sanitize(ui, cmd, sizeof(cmd), t->cmdline, t->cmdline_len, 60);
	else
		ui_sanitize(ui, cmd, sizeof(cmd), task_comm(t),
			strnlen(task_comm(t), TASK_COMM_MAX), 60);
	snprintf(buf, size, "%7d %-8s %s", (int)t->pid, user, cmd);
}

/* Label of a tagged process that may have left the snapshot. */
static void label_key(struct ui *ui, struct view_key key, char *buf,
	size_t size)
{
	long i = snapshot_find(ui->snap, key.pid);

	if (i >= 0 && ui->snap->procs[i].stat.starttime == key.starttime)
		label_task(ui, &ui->snap->procs[i], buf, size);
	else
		snprintf(buf, size, "%7d (exited)", (int)key.pid);
}

size_t act_gather(struct ui *ui, bool whole_process)
{
	struct act_set *pending = act_pending(ui);
	struct view_key key;

	pending->n = 0;
	if (ui_screens[ui_top_screen(ui)]->uses_tags && ui->ntags) {
		for (size_t i = 0; i < ui->ntags; i++) {
			struct act_target *t = set_push(pending);
			t->key = ui->tags[i];
			label_key(ui, t->key, t->label, sizeof(t->label));
		}
		return pending->n;
	}
	const struct task *task = ui_selected_task(ui, &key);
	if (task && task->is_thread && whole_process) {
		long p = snapshot_find(ui->snap, task->tgid);
		task = p >= 0 ? &ui->snap->procs[p] : NULL;
		key = ui_task_key(task);
	}
	if (!task) {
		ui_warning(ui, "No process selected");
		return 0;
	}
	struct act_target *t = set_push(pending);
	t->key = key;
	t->thread = task->is_thread;
	label_task(ui, task, t->label, sizeof(t->label));
	return 1;
}

void act_what(const struct act_set *set, char *buf, size_t size)
{
	if (set->n == 1) {
		snprintf(buf, size, "%s%d", set->v[0].thread ? "thread " : "",
			(int)set->v[0].key.pid);
		return;
	}
	snprintf(buf, size, "%zu processes", set->n);
}

static struct action act_for(const struct act_set *set, size_t i,
	const struct action *proto)
{
	struct action act = *proto;

	act.pid = set->v[i].key.pid;
	act.starttime = set->v[i].key.starttime;
	act.thread = proto->kind != ACTION_SIGNAL && set->v[i].thread;
	return act;
}

int act_check(struct ui *ui, const struct act_set *set, size_t i,
	const struct action *proto, struct sbuf *msg)
{
	struct action_result res;
	struct action act = act_for(set, i, proto);
	int err;
	struct actions *a = actions_new(ui->coll, ui->opts->readonly, &err);

	if (!a)
		return err;
	err = actions_check(a, &act, &res);
	if (err && msg)
		actions_message(msg, &act, &res, ui->utf8);
	actions_free(a);
	return err;
}

/* "kill", "renice", ... for the summary of several targets. */
static const char *act_verb(const struct action *proto)
{
	switch (proto->kind) {
	case ACTION_SIGNAL: return "kill";
	case ACTION_RENICE: return "renice";
	case ACTION_AFFINITY: return "affinity";
	case ACTION_SCHED: return "policy";
	case ACTION_IOPRIO: return "I/O priority";
	}
	return "action";
}

void act_run(struct ui *ui, const struct act_set *set,
	const struct action *proto)
{
	struct action_result res;
	struct sbuf first_fail, line;
	size_t ok = 0, failed = 0;
	int err;

	if (!set->n)
		return;
	struct actions *a = actions_new(ui->coll, ui->opts->readonly, &err);
	if (!a) {
		ui_warning(ui, "%s: cannot open the proc root: %s",
			act_verb(proto), strerror(-err));
		return;
	}
	sbuf_init(&first_fail);
	sbuf_init(&line);
	for (size_t i = 0; i < set->n; i++) {
		struct action act = act_for(set, i, proto);
		if (actions_apply(a, &act, &res) == 0) {
			ok++;
			if (set->n == 1)
				actions_message(&line, &act, &res, ui->utf8);
			continue;
		}
		if (!failed++)
			actions_message(&first_fail, &act, &res, ui->utf8);
	}
	actions_free(a);

	if (set->n == 1 && !failed) {
		ui_message(ui, "%s", line.data);
	} else if (set->n == 1) {
		ui_warning(ui, "%s", first_fail.data);
	} else if (!failed) {
		sbuf_reset(&line);
		if (proto->kind == ACTION_SIGNAL) {
			sbuf_adds(&line, "kill: ");
			actions_signal_name(&line, proto->signo);
			sbuf_addf(&line, " sent to %zu processes", ok);
		} else {
			sbuf_addf(&line, "%s: done for %zu processes",
				act_verb(proto), ok);
		}
		ui_message(ui, "%s", line.data);
	} else {
		ui_warning(ui, "%s: %zu of %zu done; %s", act_verb(proto), ok,
			set->n, first_fail.data);
	}
	sbuf_fini(&first_fail);
	sbuf_fini(&line);
	ui_request_fresh_sample(ui);
}

/* ---- tags ---------------------------------------------------------------- */

void act_key_tag(struct ui *ui, int key)
{
	struct view_key k;

	if (!ui_selected_process(ui, &k)) {
		ui_warning(ui, "No process selected");
		return;
	}
	ui_tag_set(ui, k, !ui_tag_has(ui, k));
	/* As in htop: the next row is selected, so Space Space... tags a
	 * run of rows. */
	list_move(ui, 1);
	ui_message(ui, "%zu tagged (Space: tag / untag, c: with children, "
		"U: untag all)", ui->ntags);
}

void act_key_tag_tree(struct ui *ui, int key)
{
	const struct task *root = ui_selected_process(ui, NULL);
	const struct snapshot *s = ui->snap;

	if (!root) {
		ui_warning(ui, "No process selected");
		return;
	}
	ui_tag_tree(ui, root - s->procs);
	ui_message(ui, "%zu tagged", ui->ntags);
}

void act_key_untag_all(struct ui *ui, int key)
{
	ui_tag_clear(ui);
	ui_message(ui, "All untagged");
}
