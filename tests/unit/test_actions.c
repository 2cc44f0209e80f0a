/* Unit tests for the pure parts of actions: the signal table, policy
 * names, CPU masks and the user's message lines. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#include "check.h"
#include "proctop/actions.h"

static const char *signame(struct sbuf *sb, int signo)
{
	sbuf_reset(sb);
	actions_signal_name(sb, signo);
	return sb->data;
}

static void test_signal_table(void)
{
	struct sbuf sb;
	struct signal_info si;
	size_t n = actions_signal_count();
	int nrt = SIGRTMAX - SIGRTMIN + 1;

	sbuf_init(&sb);
	/* Every signal 1..31 of Linux, then each real-time one. */
	CHECK_EQ_U(n, 31 + (size_t)nrt);
	for (int s = 1; s <= 31; s++)
		CHECK(actions_signal_index(s) >= 0);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		CHECK(actions_signal_index(s) >= 0);
	CHECK_EQ_I(actions_signal_index(0), -1);
	CHECK_EQ_I(actions_signal_index(SIGRTMAX + 1), -1);

	/* Entries are unique and round-trip through their index. */
	for (size_t i = 0; i < n; i++) {
		CHECK_EQ_I(actions_signal_at(i, &si), 0);
		CHECK_EQ_I(actions_signal_index(si.signo), (long)i);
		CHECK(si.desc && si.desc[0]);
	}
	CHECK_EQ_I(actions_signal_at(n, &si), -EINVAL);

	CHECK_EQ_I(actions_signal_at((size_t)actions_signal_index(SIGTERM),
		&si), 0);
	CHECK_STR(si.name, "SIGTERM");
	CHECK_EQ_I(si.signo, SIGTERM);

	CHECK_STR(signame(&sb, SIGTERM), "SIGTERM");
	CHECK_STR(signame(&sb, SIGKILL), "SIGKILL");
	CHECK_STR(signame(&sb, SIGHUP), "SIGHUP");
	CHECK_STR(signame(&sb, SIGRTMIN), "SIGRTMIN");
	CHECK_STR(signame(&sb, SIGRTMIN + 3), "SIGRTMIN+3");
	CHECK_STR(signame(&sb, 0), "signal 0");

	CHECK_EQ_I(actions_signal_parse("TERM"), SIGTERM);
	CHECK_EQ_I(actions_signal_parse("SIGTERM"), SIGTERM);
	CHECK_EQ_I(actions_signal_parse("sigkill"), SIGKILL);
	CHECK_EQ_I(actions_signal_parse("9"), SIGKILL);
	CHECK_EQ_I(actions_signal_parse("15"), SIGTERM);
	CHECK_EQ_I(actions_signal_parse("IOT"), SIGABRT);
	CHECK_EQ_I(actions_signal_parse("RTMIN"), SIGRTMIN);
	CHECK_EQ_I(actions_signal_parse("RTMIN+2"), SIGRTMIN + 2);
	CHECK_EQ_I(actions_signal_parse("SIGRTMAX-1"), SIGRTMAX - 1);
	CHECK_EQ_I(actions_signal_parse("SIGRTMAX"), SIGRTMAX);
	CHECK_EQ_I(actions_signal_parse("RTMIN+99"), -EINVAL);
	CHECK_EQ_I(actions_signal_parse("RTMIN-1"), -EINVAL);
	CHECK_EQ_I(actions_signal_parse("FOO"), -EINVAL);
	CHECK_EQ_I(actions_signal_parse("0"), -EINVAL);
	CHECK_EQ_I(actions_signal_parse("32"), -EINVAL);   /* glibc's own */
	CHECK_EQ_I(actions_signal_parse("99999999999"), -EINVAL);
	CHECK_EQ_I(actions_signal_parse(""), -EINVAL);
	sbuf_fini(&sb);
}

static void test_policies(void)
{
	CHECK_STR(actions_policy_name(SCHED_OTHER), "SCHED_OTHER");
	CHECK_STR(actions_policy_name(SCHED_BATCH), "SCHED_BATCH");
	CHECK_STR(actions_policy_name(SCHED_IDLE), "SCHED_IDLE");
	CHECK_STR(actions_policy_name(SCHED_FIFO), "SCHED_FIFO");
	CHECK_STR(actions_policy_name(SCHED_RR), "SCHED_RR");
	CHECK_STR(actions_policy_name(6), "SCHED_DEADLINE");
	CHECK(actions_policy_name(42) == NULL);
	CHECK_EQ_I(actions_policy_parse("batch"), SCHED_BATCH);
	CHECK_EQ_I(actions_policy_parse("SCHED_FIFO"), SCHED_FIFO);
	CHECK_EQ_I(actions_policy_parse("normal"), SCHED_OTHER);
	CHECK_EQ_I(actions_policy_parse("rr"), SCHED_RR);
	CHECK_EQ_I(actions_policy_parse("fast"), -EINVAL);
	CHECK(actions_policy_is_rt(SCHED_FIFO));
	CHECK(actions_policy_is_rt(SCHED_RR));
	CHECK(!actions_policy_is_rt(SCHED_BATCH));
}

static const char *fmt_list(struct sbuf *sb, const struct cpu_mask *m)
{
	sbuf_reset(sb);
	cpu_mask_format_list(sb, m);
	return sb->data;
}

static void test_cpu_mask(void)
{
	struct sbuf sb;
	struct cpu_mask m;

	sbuf_init(&sb);
	cpu_mask_init(&m, 4);
	CHECK(m.ncpus >= 4);
	CHECK_EQ_I(cpu_mask_count(&m), 0);
	CHECK_STR(fmt_list(&sb, &m), "");
	cpu_mask_set(&m, 1);
	cpu_mask_set(&m, 2);
	cpu_mask_set(&m, 100000);   /* beyond the set: ignored */
	CHECK_EQ_I(cpu_mask_count(&m), 2);
	CHECK(cpu_mask_isset(&m, 1) && !cpu_mask_isset(&m, 0));
	CHECK(!cpu_mask_isset(&m, -1) && !cpu_mask_isset(&m, 100000));
	CHECK_STR(fmt_list(&sb, &m), "1-2");

	CHECK_EQ_I(cpu_mask_parse_list(&m, "0-3,8,10-11\n"), 0);
	CHECK_EQ_I(cpu_mask_count(&m), 7);
	CHECK_STR(fmt_list(&sb, &m), "0-3,8,10-11");
	CHECK_EQ_I(cpu_mask_parse_list(&m, "5"), 0);
	CHECK_STR(fmt_list(&sb, &m), "5");

	/* More than 1,024 CPUs: the set grows with the list. */
	CHECK_EQ_I(cpu_mask_parse_list(&m, "0,1500-1502,4095"), 0);
	CHECK(m.ncpus >= 4096);
	CHECK_EQ_I(cpu_mask_count(&m), 5);
	CHECK_STR(fmt_list(&sb, &m), "0,1500-1502,4095");

	CHECK_EQ_I(cpu_mask_parse_list(&m, ""), -EINVAL);
	CHECK_EQ_I(cpu_mask_parse_list(&m, "3-1"), -EINVAL);
	CHECK_EQ_I(cpu_mask_parse_list(&m, "1,,2"), -EINVAL);
	CHECK_EQ_I(cpu_mask_parse_list(&m, "a"), -EINVAL);
	CHECK_EQ_I(cpu_mask_parse_list(&m, "99999999"), -EINVAL);
	CHECK_STR(fmt_list(&sb, &m), "0,1500-1502,4095");   /* unchanged */

	/* Our own affinity: at least one CPU, sized by the kernel. */
	CHECK_EQ_I(cpu_mask_get_affinity(0, &m), 0);
	CHECK(cpu_mask_count(&m) >= 1);
	cpu_mask_fini(&m);
	cpu_mask_fini(&m);   /* twice is harmless */
	sbuf_fini(&sb);
}

static const char *msg(struct sbuf *sb, const struct action *act,
	const struct action_result *res, bool utf8)
{
	sbuf_reset(sb);
	actions_message(sb, act, res, utf8);
	return sb->data;
}

static void test_messages(void)
{
	struct sbuf sb;
	struct action kill1 = { .kind = ACTION_SIGNAL, .pid = 1,
		.signo = SIGTERM };
	struct action renice = { .kind = ACTION_RENICE, .pid = 1234,
		.nice = -5 };
	struct action_result res;
	struct cpu_mask cpus;

	sbuf_init(&sb);
	res = (struct action_result){ .err = -EPERM, .have_verdict = true,
		.verdict = { .allowed = false, .why = CAPS_WHY_OTHER_USER,
			.cap = CAP_KILL } };
	CHECK_STR(msg(&sb, &kill1, &res, true),
		"kill 1: operation not permitted \u2014 needs CAP_KILL or the same user");
	CHECK_STR(msg(&sb, &kill1, &res, false),
		"kill 1: operation not permitted - needs CAP_KILL or the same user");
	/* Held but refused anyway (another user namespace, say). */
	res.verdict.cap_held = true;
	res.verdict.allowed = true;
	CHECK_STR(msg(&sb, &kill1, &res, false),
		"kill 1: operation not permitted - needs CAP_KILL or the same "
		"user (held, but not over this process)");
	/* EPERM the rules cannot explain: no reason invented. */
	res = (struct action_result){ .err = -EPERM, .have_verdict = true };
	CHECK_STR(msg(&sb, &kill1, &res, false),
		"kill 1: operation not permitted");

	res = (struct action_result){ .err = -EACCES, .new_nice = -5,
		.have_verdict = true, .verdict = { .why = CAPS_WHY_LOWER_NICE,
			.cap = CAP_SYS_NICE } };
	CHECK_STR(msg(&sb, &renice, &res, true),
		"renice 1234 to -5: permission denied \u2014 lowering nice needs CAP_SYS_NICE");
	res = (struct action_result){ .err = -EPERM, .new_nice = -5,
		.have_verdict = true, .verdict = { .why = CAPS_WHY_OTHER_USER,
			.cap = CAP_SYS_NICE } };
	CHECK_STR(msg(&sb, &renice, &res, false),
		"renice 1234 to -5: operation not permitted - another user's "
		"process needs CAP_SYS_NICE");

	res = (struct action_result){ .err = -ESRCH, .exited = true };
	kill1.pid = 4321;
	CHECK_STR(msg(&sb, &kill1, &res, true),
		"process 4321 exited; nothing sent");
	CHECK_STR(msg(&sb, &renice, &res, true),
		"process 1234 exited; nothing changed");
	renice.thread = true;
	CHECK_STR(msg(&sb, &renice, &res, true),
		"thread 1234 exited; nothing changed");
	renice.thread = false;

	res = (struct action_result){ .err = -EINVAL };
	CHECK_STR(msg(&sb, &kill1, &res, false), "kill 4321: invalid argument - "
		"signals go to whole processes, not threads");
	kill1.signo = 0;
	CHECK_STR(msg(&sb, &kill1, &res, false), "kill 4321: invalid argument - "
		"no such signal");
	kill1.signo = SIGTERM;

	res = (struct action_result){ .ntasks = 1 };
	CHECK_STR(msg(&sb, &kill1, &res, true), "kill 4321: SIGTERM sent");
	kill1.signo = SIGRTMIN + 1;
	CHECK_STR(msg(&sb, &kill1, &res, true), "kill 4321: SIGRTMIN+1 sent");

	res = (struct action_result){ .ntasks = 4, .new_nice = 7 };
	renice.nice = 7;
	CHECK_STR(msg(&sb, &renice, &res, true),
		"renice 1234 to 7: done (4 threads)");
	/* A step shows the value it reached. */
	renice.nice = 1;
	renice.nice_step = true;
	res = (struct action_result){ .ntasks = 1, .new_nice = 8 };
	CHECK_STR(msg(&sb, &renice, &res, true),
		"renice 1234 to 8: done (1 thread)");

	res = (struct action_result){ .err = -EROFS, .readonly = true,
		.new_nice = 1 };
	CHECK_STR(msg(&sb, &renice, &res, true),
		"renice 1234 by +1: disabled \u2014 proctop is read-only (--readonly)");
	CHECK_STR(msg(&sb, &kill1, &res, false),
		"kill 4321: disabled - proctop is read-only (--readonly)");

	cpu_mask_init(&cpus, 8);
	cpu_mask_set(&cpus, 0);
	cpu_mask_set(&cpus, 2);
	cpu_mask_set(&cpus, 3);
	struct action aff = { .kind = ACTION_AFFINITY, .pid = 77,
		.cpus = &cpus };
	res = (struct action_result){ .ntasks = 2 };
	CHECK_STR(msg(&sb, &aff, &res, true),
		"affinity of 77 to CPU 0,2-3: done (2 threads)");
	res = (struct action_result){ .err = -EINVAL };
	CHECK_STR(msg(&sb, &aff, &res, false),
		"affinity of 77 to CPU 0,2-3: invalid argument - no allowed, "
		"online CPU in the set");
	/* A per-CPU kernel thread (PF_NO_SETAFFINITY): the real cause. */
	res = (struct action_result){ .err = -EINVAL, .fixed_cpus = true };
	CHECK_STR(msg(&sb, &aff, &res, true),
		"affinity of 77 to CPU 0,2-3: the kernel does not allow "
		"changing this kernel thread's CPUs");
	/* Partial failure names the share. */
	res = (struct action_result){ .err = -EPERM, .ntasks = 3,
		.nfailed = 1 };
	CHECK_STR(msg(&sb, &aff, &res, false),
		"affinity of 77 to CPU 0,2-3: operation not permitted for 1 of "
		"4 threads");
	cpu_mask_fini(&cpus);

	struct action sched = { .kind = ACTION_SCHED, .pid = 9, .thread = true,
		.policy = SCHED_FIFO, .rt_priority = 10, .reset_on_fork = true };
	res = (struct action_result){ .ntasks = 1 };
	CHECK_STR(msg(&sb, &sched, &res, true),
		"policy of thread 9 to SCHED_FIFO 10 (reset on fork): done");
	res = (struct action_result){ .err = -EPERM, .have_verdict = true,
		.verdict = { .why = CAPS_WHY_RT_POLICY, .cap = CAP_SYS_NICE } };
	sched.thread = false;
	sched.reset_on_fork = false;
	CHECK_STR(msg(&sb, &sched, &res, false),
		"policy of 9 to SCHED_FIFO 10: operation not permitted - "
		"real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO");
	sched.policy = SCHED_BATCH;
	sched.rt_priority = 0;
	res = (struct action_result){ .ntasks = 1 };
	CHECK_STR(msg(&sb, &sched, &res, false),
		"policy of 9 to SCHED_BATCH: done (1 thread)");
	sbuf_fini(&sb);
}

int main(void)
{
	test_signal_table();
	test_policies();
	test_cpu_mask();
	test_messages();
	return check_done();
}
