/* actions_ui — the TUI side of issue 5: tagging, the kill / nice /
 * affinity / policy dialogs and the details screen.  The key handlers are
 * bound in ui_process_keys (ui_keys.c) and the list's tag keys; the
 * dialogs call the actions module and report one message line. */
#ifndef PROCTOP_UI_ACTIONS_UI_H
#define PROCTOP_UI_ACTIONS_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/actions.h"
#include "ui_core.h"

/* Key handlers (ui_process_keys in ui_keys.c binds them). */
void act_key_tag(struct ui *ui, int key);          /* Space (ui_act.c) */
void act_key_tag_tree(struct ui *ui, int key);     /* c */
void act_key_untag_all(struct ui *ui, int key);    /* U */
void act_key_kill(struct ui *ui, int key);         /* k, F9 (dialog_signal.c) */
void act_key_nice_step(struct ui *ui, int key);    /* F7, F8 (dialog_nice.c) */
void act_key_renice(struct ui *ui, int key);       /* n */
void act_key_affinity(struct ui *ui, int key);     /* a (dialog_affinity.c) */
void act_key_sched(struct ui *ui, int key);        /* Y (dialog_sched.c) */
void act_key_ioprio(struct ui *ui, int key);       /* i (dialog_ioprio.c) */
void details_key_open(struct ui *ui, int key);     /* i, Enter menu */

extern const struct screen_ops screen_details_ops;

/* ---- shared by the action dialogs (ui_act.c) ---- */

/* One process (or thread) an action is about, as the user saw it. */
struct act_target {
	struct view_key key;     /* pid (tid) and start time */
	bool thread;             /* act on this thread only */
	char label[160];         /* "  1234 root     sleep 300", sanitised */
};

/* The targets of the action being set up. */
struct act_set {
	struct act_target *v;    /* owned by the act_flow holding the set */
	size_t n, cap;
};

/* What each dialog chain chose so far (the members of struct act_flow). */
struct act_kill {                /* k, F9 (dialog_signal.c) */
	int signo;               /* the signal chosen */
	bool *refused;           /* owned: per target, the rules refuse it */
	size_t refused_cap;
};

struct act_affinity {            /* a (dialog_affinity.c) */
	int *cpu;                /* owned: the CPU of each checklist item */
	size_t n, cap;
};

struct act_ioprio {              /* i (dialog_ioprio.c) */
	int io_class;            /* the class chosen */
	int cur_class, cur_level;  /* the first target's, now */
};

struct act_sched {               /* Y (dialog_sched.c) */
	int cur_policy, cur_prio;  /* the first target's, now */
	bool reset_on_fork;      /* as toggled so far */
	int policy;              /* the policy chosen */
};

/* The action being set up: its targets and each dialog chain's choices so
 * far.  One at a time (dialogs are modal): the one of a struct ui is
 * ui->act, zeroed by ui_init; ui_fini frees what it points to. */
struct act_flow {
	struct act_set set;      /* the targets (act_gather) */
	struct act_kill kill;
	struct act_affinity aff;
	struct act_ioprio io;
	struct act_sched sched;
};

/* The pending target set of ui (borrowed: ui->act's). */
struct act_set *act_pending(struct ui *ui);

/* With --readonly: show "<verb>: disabled — proctop is read-only
 * (--readonly)" and return true. */
bool act_refuse_readonly(struct ui *ui, const char *verb);

/* Fill act_pending(ui) with the targets of an action: the tagged processes
 * when the list is on top and some are tagged, else the selected task (a
 * thread when a thread is selected, unless whole_process).  Returns the
 * number of targets; 0 after a message when there is none. */
size_t act_gather(struct ui *ui, bool whole_process);

/* A readable "what": "1234 (sleep)" for one target, "3 processes". */
void act_what(const struct act_set *set, char *buf, size_t size);

/* Apply proto to every target of set (pid, start time and thread taken
 * from the target), then show one message line: the action's own line
 * for one target, a count plus the first failure for several.  Asks for
 * a new sample. */
void act_run(struct ui *ui, const struct act_set *set,
	const struct action *proto);

/* "May I?" for proto on target i: 0 or -errno, with the message line
 * appended to msg (may be NULL) when refused. */
int act_check(struct ui *ui, const struct act_set *set, size_t i,
	const struct action *proto, struct sbuf *msg);

#endif
