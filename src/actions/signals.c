/* signals — the signal menu and the scheduling-policy names
 * (see proctop/actions.h).  Pure tables. */
#include "proctop/actions.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The standard signals, in the menu's order (their numbers' order on x86
 * and arm); lookups search the table and do not rely on the order. */
static const struct signal_info std_signals[] = {
	{ .signo = SIGHUP,    .name = "SIGHUP",    .desc = "hangup / reload" },
	{ .signo = SIGINT,    .name = "SIGINT",    .desc = "interrupt (Ctrl-C)" },
	{ .signo = SIGQUIT,   .name = "SIGQUIT",   .desc = "quit, core dump" },
	{ .signo = SIGILL,    .name = "SIGILL",    .desc = "illegal instruction" },
	{ .signo = SIGTRAP,   .name = "SIGTRAP",   .desc = "trace trap" },
	{ .signo = SIGABRT,   .name = "SIGABRT",   .desc = "abort, core dump" },
	{ .signo = SIGBUS,    .name = "SIGBUS",    .desc = "bus error" },
	{ .signo = SIGFPE,    .name = "SIGFPE",    .desc = "arithmetic error" },
	{ .signo = SIGKILL,   .name = "SIGKILL",   .desc = "kill (cannot be caught)" },
	{ .signo = SIGUSR1,   .name = "SIGUSR1",   .desc = "user-defined 1" },
	{ .signo = SIGSEGV,   .name = "SIGSEGV",   .desc = "invalid memory access" },
	{ .signo = SIGUSR2,   .name = "SIGUSR2",   .desc = "user-defined 2" },
	{ .signo = SIGPIPE,   .name = "SIGPIPE",   .desc = "broken pipe" },
	{ .signo = SIGALRM,   .name = "SIGALRM",   .desc = "timer alarm" },
	{ .signo = SIGTERM,   .name = "SIGTERM",   .desc = "terminate (polite)" },
#ifdef SIGSTKFLT
	{ .signo = SIGSTKFLT, .name = "SIGSTKFLT", .desc = "stack fault" },
#endif
	{ .signo = SIGCHLD,   .name = "SIGCHLD",   .desc = "child changed state" },
	{ .signo = SIGCONT,   .name = "SIGCONT",   .desc = "continue if stopped" },
	{ .signo = SIGSTOP,   .name = "SIGSTOP",   .desc = "stop (cannot be caught)" },
	{ .signo = SIGTSTP,   .name = "SIGTSTP",   .desc = "stop from terminal" },
	{ .signo = SIGTTIN,   .name = "SIGTTIN",   .desc = "background read" },
	{ .signo = SIGTTOU,   .name = "SIGTTOU",   .desc = "background write" },
	{ .signo = SIGURG,    .name = "SIGURG",    .desc = "urgent socket data" },
	{ .signo = SIGXCPU,   .name = "SIGXCPU",   .desc = "CPU time limit" },
	{ .signo = SIGXFSZ,   .name = "SIGXFSZ",   .desc = "file size limit" },
	{ .signo = SIGVTALRM, .name = "SIGVTALRM", .desc = "virtual timer alarm" },
	{ .signo = SIGPROF,   .name = "SIGPROF",   .desc = "profiling timer" },
	{ .signo = SIGWINCH,  .name = "SIGWINCH",  .desc = "window resized" },
	{ .signo = SIGIO,     .name = "SIGIO",     .desc = "I/O possible" },
#ifdef SIGPWR
	{ .signo = SIGPWR,    .name = "SIGPWR",    .desc = "power failure" },
#endif
	{ .signo = SIGSYS,    .name = "SIGSYS",    .desc = "bad system call" },
};

#define N_STD (sizeof(std_signals) / sizeof(std_signals[0]))

/* Other names kill(1) accepts for the same signals. */
static const struct {
	const char *name;
	int signo;
} signal_aliases[] = {
	{ "SIGIOT", SIGABRT },
	{ "SIGCLD", SIGCHLD },
	{ "SIGPOLL", SIGIO },
};

static size_t rt_count(void)
{
	return SIGRTMAX >= SIGRTMIN ? (size_t)(SIGRTMAX - SIGRTMIN + 1) : 0;
}

size_t actions_signal_count(void)
{
	return N_STD + rt_count();
}

int actions_signal_at(size_t i, struct signal_info *out)
{
	if (i < N_STD) {
		*out = std_signals[i];
		return 0;
	}
	i -= N_STD;
	if (i >= rt_count())
		return -EINVAL;
	out->signo = SIGRTMIN + (int)i;
	out->name = NULL;
	out->desc = "real-time";
	return 0;
}

long actions_signal_index(int signo)
{
	for (size_t i = 0; i < N_STD; i++)
		if (std_signals[i].signo == signo)
			return (long)i;
	if (signo >= SIGRTMIN && signo <= SIGRTMAX)
		return (long)N_STD + (signo - SIGRTMIN);
	return -1;
}

void actions_signal_name(struct sbuf *out, int signo)
{
	for (size_t i = 0; i < N_STD; i++) {
		if (std_signals[i].signo == signo) {
			sbuf_adds(out, std_signals[i].name);
			return;
		}
	}
	if (signo == SIGRTMIN)
		sbuf_adds(out, "SIGRTMIN");
	else if (signo > SIGRTMIN && signo <= SIGRTMAX)
		sbuf_addf(out, "SIGRTMIN+%d", signo - SIGRTMIN);
	else
		sbuf_addf(out, "signal %d", signo);
}

/* Parse a decimal int in s (the whole string); -1 when not one. */
static int parse_small_int(const char *s)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v > INT_MAX)
		return -1;
	return (int)v;
}

int actions_signal_parse(const char *s)
{
	int n = parse_small_int(s);

	if (n >= 0)
		return actions_signal_index(n) >= 0 ? n : -EINVAL;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < N_STD; i++)
		if (!strcasecmp(s, std_signals[i].name + 3))
			return std_signals[i].signo;
	for (size_t i = 0; i < sizeof(signal_aliases) / sizeof(signal_aliases[0]); i++)
		if (!strcasecmp(s, signal_aliases[i].name + 3))
			return signal_aliases[i].signo;

	int base, sign;
	if (!strncasecmp(s, "RTMIN", 5)) {
		base = SIGRTMIN;
		sign = 1;
	} else if (!strncasecmp(s, "RTMAX", 5)) {
		base = SIGRTMAX;
		sign = -1;
	} else {
		return -EINVAL;
	}
	s += 5;
	int off = 0;
	if (*s) {
		if (*s != (sign > 0 ? '+' : '-'))
			return -EINVAL;
		off = parse_small_int(s + 1);
		if (off < 0)
			return -EINVAL;
	}
	if (off > SIGRTMAX - SIGRTMIN)
		return -EINVAL;
	return base + sign * off;
}

static const struct {
	int policy;
	const char *name;
} policies[] = {
	{ SCHED_OTHER, "SCHED_OTHER" },
	{ SCHED_BATCH, "SCHED_BATCH" },
	{ SCHED_IDLE, "SCHED_IDLE" },
	{ SCHED_FIFO, "SCHED_FIFO" },
	{ SCHED_RR, "SCHED_RR" },
#ifdef SCHED_DEADLINE
	{ SCHED_DEADLINE, "SCHED_DEADLINE" },
#else
	{ 6, "SCHED_DEADLINE" },
#endif
};

const char *actions_policy_name(int policy)
{
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (policies[i].policy == policy)
			return policies[i].name;
	return NULL;
}

int actions_policy_parse(const char *s)
{
	if (!strncasecmp(s, "SCHED_", 6))
		s += 6;
	if (!strcasecmp(s, "NORMAL"))
		return SCHED_OTHER;
	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (!strcasecmp(s, policies[i].name + 6))
			return policies[i].policy;
	return -EINVAL;
}

bool actions_policy_is_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

const char *actions_io_class_name(int io_class)
{
	static const char *const names[] = {
		[IO_CLASS_NONE] = "none", [IO_CLASS_RT] = "realtime",
		[IO_CLASS_BE] = "best-effort", [IO_CLASS_IDLE] = "idle",
	};

	return io_class >= 0 && io_class < (int)(sizeof(names) /
		sizeof(names[0])) ? names[io_class] : NULL;
}
