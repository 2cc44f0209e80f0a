/* dialog_ioprio — i: the I/O priority (as htop's i / ionice): a menu of
 * the classes (the current one preselected and named in the title), then
 * the level 0..7 for realtime and best-effort; applied to every thread of
 * each target, or the one thread selected on the thread screen. */
#include <stdio.h>

#include "actions_ui.h"

static const struct {
	int io_class;
	const char *label;
} io_items[] = {
	{ IO_CLASS_NONE, "none         from the nice value" },
	{ IO_CLASS_RT, "realtime     first, before anyone else" },
	{ IO_CLASS_BE, "best-effort  the normal class" },
	{ IO_CLASS_IDLE, "idle         only when the disk is otherwise idle" },
};
#define NIO (sizeof(io_items) / sizeof(io_items[0]))

static void level_done(struct ui *ui, const struct ui_dialog_result *r)
{
	const struct act_ioprio *io = &ui->act->io;

	if (!r->ok || r->choice < 0 || r->choice > 7)
		return;
	struct action proto = { .kind = ACTION_IOPRIO, .io_class = io->io_class,
		.io_level = (int)r->choice };
	act_run(ui, act_pending(ui), &proto);
}

static void class_done(struct ui *ui, const struct ui_dialog_result *r)
{
	static const char *const levels[] = {
		"0 highest", "1", "2", "3", "4 (the default)", "5", "6",
		"7 lowest",
	};
	struct act_ioprio *io = &ui->act->io;
	char title[96];

	if (!r->ok || r->choice < 0 || (size_t)r->choice >= NIO)
		return;
	io->io_class = io_items[r->choice].io_class;
	if (io->io_class == IO_CLASS_NONE || io->io_class == IO_CLASS_IDLE) {
		struct action proto = { .kind = ACTION_IOPRIO,
			.io_class = io->io_class };
		act_run(ui, act_pending(ui), &proto);
		return;
	}
	snprintf(title, sizeof(title), "%s level",
		actions_io_class_name(io->io_class));
	struct ui_dialog_req req = {
		.title = title, .items = levels, .nitems = 8,
		.initial = io->cur_class == io->io_class ? io->cur_level : 4,
		.number_keys = true, .text = "Level (0 highest .. 7 lowest):",
		.done = level_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}

void act_key_ioprio(struct ui *ui, int key)
{
	struct act_ioprio *io = &ui->act->io;
	char what[64], title[128];
	const char *items[NIO];
	long initial = 0;

	if (act_refuse_readonly(ui, "I/O priority") || !act_gather(ui, false))
		return;
	struct act_set *set = act_pending(ui);
	act_what(set, what, sizeof(what));
	io->cur_class = IO_CLASS_NONE;
	io->cur_level = 4;
	if (actions_get_ioprio(set->v[0].key.pid, &io->cur_class,
		&io->cur_level) == 0 && actions_io_class_name(io->cur_class)) {
		if (io->cur_class == IO_CLASS_RT ||
			io->cur_class == IO_CLASS_BE)
			snprintf(title, sizeof(title), "I/O priority of %s "
				"(now %s %d)", what,
				actions_io_class_name(io->cur_class),
				io->cur_level);
		else
			snprintf(title, sizeof(title), "I/O priority of %s "
				"(now %s)", what,
				actions_io_class_name(io->cur_class));
	} else {
		snprintf(title, sizeof(title), "I/O priority of %s", what);
	}
	for (size_t i = 0; i < NIO; i++) {
		items[i] = io_items[i].label;
		if (io_items[i].io_class == io->cur_class)
			initial = (long)i;
	}
	struct ui_dialog_req req = {
		.title = title, .items = items, .nitems = NIO,
		.initial = initial, .done = class_done,
	};
	ui_dialog_open(ui, DIALOG_MENU, &req);
}
