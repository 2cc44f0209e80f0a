/* message — the one line the user sees about an action
 * (see actions_message in proctop/actions.h).  Pure. */
#include "proctop/actions.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

/* "kill 1234", "renice 1234 to -5", "renice thread 1235 to 7", ... */
static void message_prefix(struct sbuf *out, const struct action *act,
	const struct action_result *res)
{
	const char *what = act->thread ? "thread " : "";
	const char *policy;

	switch (act->kind) {
	case ACTION_SIGNAL:
		sbuf_addf(out, "kill %d", (int)act->pid);
		break;
	case ACTION_RENICE:
		/* A step not yet applied to a current value. */
		if (act->nice_step && (res->readonly || res->err == -EINVAL))
			sbuf_addf(out, "renice %s%d by %+d", what, (int)act->pid,
				act->nice);
		else
			sbuf_addf(out, "renice %s%d to %d", what, (int)act->pid,
				res->new_nice);
		break;
	case ACTION_AFFINITY:
		sbuf_addf(out, "affinity of %s%d to CPU ", what, (int)act->pid);
		if (act->cpus && cpu_mask_count(act->cpus) > 0)
			cpu_mask_format_list(out, act->cpus);
		else
			sbuf_adds(out, "(none)");
		break;
	case ACTION_SCHED:
		policy = actions_policy_name(act->policy);
		if (policy)
			sbuf_addf(out, "policy of %s%d to %s", what, (int)act->pid,
				policy);
		else
			sbuf_addf(out, "policy of %s%d to %d", what, (int)act->pid,
				act->policy);
		if (actions_policy_is_rt(act->policy))
			sbuf_addf(out, " %d", act->rt_priority);
		if (act->reset_on_fork)
			sbuf_adds(out, " (reset on fork)");
		break;
	case ACTION_IOPRIO:
		sbuf_addf(out, "I/O priority of %s%d to %s", what, (int)act->pid,
			actions_io_class_name(act->io_class) ?
			actions_io_class_name(act->io_class) : "?");
		if (act->io_class == IO_CLASS_RT || act->io_class == IO_CLASS_BE)
			sbuf_addf(out, " %d", act->io_level);
		break;
	}
}

/* strerror text, untranslated, starting lower-case. */
static void message_errno(struct sbuf *out, int err)
{
	const char *s = strerrordesc_np(err);

	if (!s) {
		sbuf_addf(out, "error %d", err);
		return;
	}
	sbuf_addc(out, (char)tolower((unsigned char)s[0]));
	sbuf_adds(out, s + 1);
}

/* What an EINVAL means for each kind. */
static const char *message_einval(const struct action *act)
{
	switch (act->kind) {
	case ACTION_SIGNAL:
		/* A valid signal refused by pidfd_open: the pid is a thread. */
		return act->thread || actions_signal_index(act->signo) >= 0 ?
			"signals go to whole processes, not threads" :
			"no such signal";
	case ACTION_RENICE:
		return "nice must be -20..19";
	case ACTION_AFFINITY:
		return "no allowed, online CPU in the set";
	case ACTION_SCHED:
		return "RT priority must be 1..99 for FIFO/RR and 0 otherwise";
	case ACTION_IOPRIO:
		return "the level must be 0..7 (realtime, best-effort)";
	}
	return NULL;
}

static void message_success(struct sbuf *out, const struct action *act,
	const struct action_result *res)
{
	if (act->kind == ACTION_SIGNAL) {
		sbuf_adds(out, ": ");
		actions_signal_name(out, act->signo);
		sbuf_adds(out, " sent");
		return;
	}
	sbuf_adds(out, ": done");
	if (!act->thread)
		sbuf_addf(out, " (%zu thread%s)", res->ntasks,
			res->ntasks == 1 ? "" : "s");
}

void actions_message(struct sbuf *out, const struct action *act,
	const struct action_result *res, bool utf8)
{
	const char *dash = utf8 ? " \u2014 " : " - ";
	int err = res->err < 0 ? -res->err : res->err;

	if (res->exited) {
		sbuf_addf(out, "%s %d exited; nothing %s",
			act->thread ? "thread" : "process", (int)act->pid,
			act->kind == ACTION_SIGNAL ? "sent" : "changed");
		return;
	}
	message_prefix(out, act, res);
	if (res->readonly) {
		sbuf_addf(out, ": disabled%sproctop is read-only (--readonly)",
			dash);
		return;
	}
	if (err == 0) {
		message_success(out, act, res);
		return;
	}
	if (err == EINVAL && res->fixed_cpus) {
		sbuf_adds(out, ": the kernel does not allow changing this "
			"kernel thread's CPUs");
		return;
	}
	sbuf_adds(out, ": ");
	message_errno(out, err);
	if (res->nfailed && res->ntasks)
		sbuf_addf(out, " for %zu of %zu threads", res->nfailed,
			res->nfailed + res->ntasks);
	if ((err == EPERM || err == EACCES) && res->have_verdict &&
	    res->verdict.why != CAPS_WHY_NONE) {
		enum caps_op op = act->kind == ACTION_SIGNAL ? CAPS_OP_SIGNAL :
			act->kind == ACTION_RENICE ? CAPS_OP_RENICE :
			act->kind == ACTION_AFFINITY ? CAPS_OP_AFFINITY :
			act->kind == ACTION_IOPRIO ? CAPS_OP_IOPRIO :
			CAPS_OP_SCHED;
		sbuf_adds(out, dash);
		caps_why_text(out, &res->verdict, op);
		if (res->verdict.cap_held)
			sbuf_adds(out, " (held, but not over this process)");
	} else if (err == EINVAL) {
		const char *why = message_einval(act);
		if (why) {
			sbuf_adds(out, dash);
			sbuf_adds(out, why);
		}
	}
}
