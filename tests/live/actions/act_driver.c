/* act_driver — calls the actions API directly, for the live tests.
 *
 *   act_driver [--readonly] [--ascii] [--check] kill PID START SIG
 *   act_driver ... renice PID START NICE [--step] [--thread]
 *   act_driver ... affinity PID START CPULIST [--thread]
 *   act_driver ... sched PID START POLICY [PRIO] [--reset-on-fork] [--thread]
 *   act_driver starttime PID          print stat field 22 of PID
 *   act_driver details PID START      print the details screen's data
 *   act_driver drop off|basic|strict  caps_drop, then print own Cap* lines
 *   act_driver threads N              run N threads (main + N-1) and pause
 *
 * START is the start time the "user saw", or "now" for the current one.
 * --check asks "may I?" (actions_check) instead of acting.  Prints the
 * user's message line; exits 0 on success, 1 when the action failed, 2 on
 * a usage error. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/actions.h"
#include "proctop/caps.h"
#include "proctop/collector.h"
#include "proctop/details.h"

static int usage(void)
{
	fprintf(stderr, "usage: act_driver [--readonly] [--ascii] [--check] "
		"kill|renice|affinity|sched|starttime|details|drop|threads "
		"ARGS...\n");
	return 2;
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int run_threads(int n)
{
	for (int i = 1; i < n; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, idle_thread, NULL) != 0)
			return 1;
	}
	printf("ready\n");
	fflush(stdout);
	idle_thread(NULL);
	return 0;
}

static int print_own_caps(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];

	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Cap", 3))
			fputs(line, stdout);
	fclose(f);
	return 0;
}

static int run_drop(const char *mode)
{
	enum drop_caps m;

	if (!strcmp(mode, "off"))
		m = DROP_CAPS_OFF;
	else if (!strcmp(mode, "basic"))
		m = DROP_CAPS_BASIC;
	else if (!strcmp(mode, "strict"))
		m = DROP_CAPS_STRICT;
	else
		return usage();
	int err = caps_drop(m);
	if (err) {
		printf("caps_drop: %s\n", strerror(-err));
		return 1;
	}
	return print_own_caps();
}

static void print_mask(const char *label, uint64_t mask)
{
	struct sbuf sb;

	sbuf_init(&sb);
	caps_format_mask(&sb, mask, false);
	printf("%s: %s\n", label, sb.data);
	sbuf_fini(&sb);
}

static int run_details(pid_t pid, uint64_t start)
{
	struct proc_details d;

	details_init(&d);
	int err = details_read("/proc", pid, start, &d);
	if (err) {
		printf("details: %s\n", strerror(-err));
		return 1;
	}
	printf("pid: %d\nppid: %d\npgid: %d\nsid: %d\nstate: %c\n", (int)pid,
		(int)d.stat.ppid, (int)d.stat.pgrp, (int)d.stat.session,
		d.stat.state);
	printf("nice: %ld\npolicy: %u\nthreads: %ld\n", d.stat.nice,
		d.stat.policy, d.stat.num_threads);
	if (d.have & DETAILS_HAVE_STATUS) {
		printf("uid: %u %u %u\ngid: %u %u %u\n",
			(unsigned)d.status.ruid, (unsigned)d.status.euid,
			(unsigned)d.status.suid, (unsigned)d.status.rgid,
			(unsigned)d.status.egid, (unsigned)d.status.sgid);
		print_mask("cap_eff", d.status.cap_eff);
		print_mask("cap_prm", d.status.cap_prm);
		print_mask("cap_inh", d.status.cap_inh);
		print_mask("cap_bnd", d.status.cap_bnd);
		print_mask("cap_amb", d.status.cap_amb);
	}
	printf("exe: %s\ncwd: %s\n", d.exe ? d.exe : "-", d.cwd ? d.cwd : "-");
	printf("cgroup: %s\naffinity: %s\n", d.cgroup ? d.cgroup : "-",
		d.cpus_allowed_list ? d.cpus_allowed_list : "-");
	if (d.have & DETAILS_HAVE_OOM)
		printf("oom_score: %d\noom_score_adj: %d\n", d.oom_score,
			d.oom_score_adj);
	if (d.have & DETAILS_HAVE_LIMITS)
		printf("rlim_nice: %ld\nrlim_rtprio: %ld\n", d.rlim_nice,
			d.rlim_rtprio);
	details_fini(&d);
	return 0;
}

/* Parse the flags after an action's positional arguments. */
static int parse_flags(struct action *act, char **argv, int argc)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--thread"))
			act->thread = true;
		else if (!strcmp(argv[i], "--step"))
			act->nice_step = true;
		else if (!strcmp(argv[i], "--reset-on-fork"))
			act->reset_on_fork = true;
		else if (act->kind == ACTION_SCHED && i == 0)
			act->rt_priority = atoi(argv[i]);
		else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool readonly = false, utf8 = true, check = false;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--readonly"))
			readonly = true;
		else if (!strcmp(argv[i], "--ascii"))
			utf8 = false;
		else if (!strcmp(argv[i], "--check"))
			check = true;
		else
			return usage();
	}
	if (i >= argc)
		return usage();
	const char *cmd = argv[i++];
	if (!strcmp(cmd, "threads") && i < argc)
		return run_threads(atoi(argv[i]));
	if (!strcmp(cmd, "drop") && i < argc)
		return run_drop(argv[i]);

	int err;
	struct collector *c = collector_new("/proc", &err);
	if (!c) {
		fprintf(stderr, "collector_new: %s\n", strerror(-err));
		return 1;
	}
	if (i >= argc)
		return usage();
	struct action act = { .pid = (pid_t)atoi(argv[i++]) };
	unsigned long long start = 0;
	if (collector_pid_starttime(c, act.pid, &start) != 0 &&
	    !strcmp(cmd, "starttime")) {
		printf("no such process\n");
		return 1;
	}
	if (!strcmp(cmd, "starttime")) {
		printf("%llu\n", start);
		collector_free(c);
		return 0;
	}
	if (i >= argc)
		return usage();
	act.starttime = strcmp(argv[i], "now") ? strtoull(argv[i], NULL, 10) :
		start;
	i++;
	if (!strcmp(cmd, "details")) {
		int rc = run_details(act.pid, act.starttime);
		collector_free(c);
		return rc;
	}
	if (i >= argc)
		return usage();
	const char *arg = argv[i++];
	struct cpu_mask cpus = { 0 };
	if (!strcmp(cmd, "kill")) {
		act.kind = ACTION_SIGNAL;
		act.signo = actions_signal_parse(arg);
	} else if (!strcmp(cmd, "renice")) {
		act.kind = ACTION_RENICE;
		act.nice = atoi(arg);
	} else if (!strcmp(cmd, "affinity")) {
		act.kind = ACTION_AFFINITY;
		if (cpu_mask_parse_list(&cpus, arg) != 0)
			return usage();
		act.cpus = &cpus;
	} else if (!strcmp(cmd, "sched")) {
		act.kind = ACTION_SCHED;
		act.policy = actions_policy_parse(arg);
	} else {
		return usage();
	}
	if (parse_flags(&act, argv + i, argc - i) != 0)
		return usage();

	struct actions *a = actions_new(c, readonly, &err);
	if (!a) {
		fprintf(stderr, "actions_new: %s\n", strerror(-err));
		return 1;
	}
	struct action_result res;
	err = check ? actions_check(a, &act, &res) : actions_apply(a, &act, &res);
	struct sbuf sb;
	sbuf_init(&sb);
	if (check && err == 0)
		sbuf_adds(&sb, "allowed");
	else
		actions_message(&sb, &act, &res, utf8);
	printf("%s\n", sb.data);
	sbuf_fini(&sb);
	actions_free(a);
	cpu_mask_fini(&cpus);
	collector_free(c);
	return err ? 1 : 0;
}
