/* Unit tests for the pure parsers of details: limits and the untruncated
 * Cpus_allowed_list. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "proctop/details.h"

static const char limits[] =
	"Limit                     Soft Limit           Hard Limit           Units     \n"
	"Max cpu time              unlimited            unlimited            seconds   \n"
	"Max open files            1024                 1048576              files     \n"
	"Max nice priority         25                   30                   \n"
	"Max realtime priority     unlimited            0                    \n"
	"Max realtime timeout      unlimited            unlimited            us        \n";

static void test_limits(void)
{
	long nice = 7, rt = 7;

	CHECK_EQ_I(details_parse_limits(limits, strlen(limits), &nice, &rt), 0);
	CHECK_EQ_I(nice, 25);
	CHECK_EQ_I(rt, -1);

	/* Missing lines leave the outputs alone; a truncated line too. */
	nice = rt = 7;
	CHECK_EQ_I(details_parse_limits(limits, 160, &nice, &rt), 0);
	CHECK_EQ_I(nice, 7);
	CHECK_EQ_I(rt, 7);
	static const char cut[] = "Limit x\nMax nice priority         ";
	CHECK_EQ_I(details_parse_limits(cut, strlen(cut), &nice, &rt), 0);
	CHECK_EQ_I(nice, 7);
	CHECK_EQ_I(details_parse_limits("garbage", 7, &nice, &rt), -EINVAL);
	CHECK_EQ_I(details_parse_limits("", 0, &nice, &rt), -EINVAL);
	/* Huge numbers saturate instead of wrapping. */
	static const char huge[] =
		"Limit\nMax nice priority 99999999999999999999999 0\n";
	CHECK_EQ_I(details_parse_limits(huge, strlen(huge), &nice, &rt), 0);
	CHECK(nice > 40);
}

static void test_cpus_allowed(void)
{
	static const char status[] = "Name:\tx\nCpus_allowed:\t3\n"
		"Cpus_allowed_list:\t0-1,4\nMems_allowed:\t1\n";
	char *s = details_parse_cpus_allowed(status, strlen(status));
	CHECK_STR(s, "0-1,4");
	free(s);
	CHECK(details_parse_cpus_allowed("Name:\tx\n", 8) == NULL);

	/* Longer than the 256 bytes struct task_status keeps. */
	char big[2048];
	size_t n = (size_t)snprintf(big, sizeof(big), "Cpus_allowed_list:\t");
	for (int cpu = 0; n + 16 < sizeof(big); cpu += 2)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%d,", cpu);
	big[n - 1] = '\n';
	s = details_parse_cpus_allowed(big, n);
	CHECK(s && strlen(s) > 1000);
	CHECK(s && strchr(s, '\n') == NULL);
	free(s);
}

static void put_bytes(const char *dir, const char *name, const char *text,
	size_t len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ_U(fwrite(text, 1, len, f), len);
		fclose(f);
	}
}

static void put_file(const char *dir, const char *name, const char *text)
{
	put_bytes(dir, name, text, strlen(text));
}

/* A fake proc root: one process with hostile names, and details_read over
 * it (the same openat path as /proc). */
static void test_read_tree(void)
{
	char root[] = "/tmp/pt-details-XXXXXX", dir[512], cmd[1024];
	struct proc_details d;

	CHECK(mkdtemp(root) != NULL);
	snprintf(dir, sizeof(dir), "%s/4242", root);
	CHECK(mkdir(dir, 0755) == 0);
	/* comm with ") S 1" inside; starttime (22) is 777; policy (41) 3. */
	put_file(dir, "stat", "4242 (a) S 1 (b) S 1 4242 4200 0 -1 4194304 "
		"11 0 2 0 5 3 0 0 25 5 4 0 777 6184960 376 "
		"18446744073709551615 1 1 1 0 0 0 0 0 0 0 0 0 17 1 0 3 0 0 0\n");
	put_file(dir, "status", "Name:\ta\nTgid:\t4242\n"
		"Uid:\t1000\t0\t1001\t0\nGid:\t100\t101\t102\t101\n"
		"CapInh:\t0000000000000000\nCapPrm:\t0000000000002020\n"
		"CapEff:\t0000000000002020\nCapBnd:\t000001ffffffffff\n"
		"CapAmb:\t0000000000000000\nCpus_allowed_list:\t0-3,7\n"
		"voluntary_ctxt_switches:\t9\nnonvoluntary_ctxt_switches:\t4\n");
	static const char cmdline[] = "evil\033]52;c;aGk=\a\0arg\0";
	put_bytes(dir, "cmdline", cmdline, sizeof(cmdline) - 1);
	put_file(dir, "cgroup", "0::/user.slice/x\033[1m\n1:cpu:/\n");
	put_file(dir, "oom_score", "667\n");
	put_file(dir, "oom_score_adj", "-17\n");
	put_file(dir, "limits", limits);
	snprintf(cmd, sizeof(cmd), "%s/exe", dir);
	CHECK(symlink("/usr/bin/evil\033[31m", cmd) == 0);
	/* no cwd link: that group stays unset */

	details_init(&d);
	CHECK_EQ_I(details_read(root, 4242, 777, &d), 0);
	CHECK_EQ_I(d.pid, 4242);
	CHECK_STR(d.stat.comm, "a) S 1 (b");
	CHECK_EQ_I(d.stat.state, 'S');
	CHECK_EQ_I(d.stat.ppid, 1);
	CHECK_EQ_I(d.stat.pgrp, 4242);
	CHECK_EQ_I(d.stat.session, 4200);
	CHECK_EQ_I(d.stat.nice, 5);
	CHECK_EQ_I(d.stat.policy, 3);
	CHECK_EQ_I(d.status.ruid, 1000);
	CHECK_EQ_I(d.status.euid, 0);
	CHECK_EQ_I(d.status.suid, 1001);
	CHECK_EQ_I(d.status.sgid, 102);
	CHECK_EQ_U(d.status.cap_eff, 0x2020);
	CHECK_STR(d.cpus_allowed_list, "0-3,7");
	CHECK_EQ_I(d.cmdline_len, strlen("evil\033]52;c;aGk=\a arg"));
	CHECK_STR(d.cmdline, "evil\033]52;c;aGk=\a arg");
	CHECK_STR(d.exe, "/usr/bin/evil\033[31m");
	CHECK(d.cwd == NULL && !(d.have & DETAILS_HAVE_CWD));
	CHECK_STR(d.cgroup, "0::/user.slice/x\033[1m; 1:cpu:/");
	CHECK_EQ_I(d.oom_score, 667);
	CHECK_EQ_I(d.oom_score_adj, -17);
	CHECK_EQ_I(d.rlim_nice, 25);
	CHECK_EQ_I(d.rlim_rtprio, -1);
	CHECK((d.have & (DETAILS_HAVE_STAT | DETAILS_HAVE_STATUS |
		DETAILS_HAVE_CMDLINE | DETAILS_HAVE_EXE | DETAILS_HAVE_CGROUP |
		DETAILS_HAVE_OOM | DETAILS_HAVE_LIMITS |
		DETAILS_HAVE_AFFINITY)) == (DETAILS_HAVE_STAT |
		DETAILS_HAVE_STATUS | DETAILS_HAVE_CMDLINE | DETAILS_HAVE_EXE |
		DETAILS_HAVE_CGROUP | DETAILS_HAVE_OOM | DETAILS_HAVE_LIMITS |
		DETAILS_HAVE_AFFINITY));

	/* Another start time: a reused pid, nothing kept. */
	CHECK_EQ_I(details_read(root, 4242, 778, &d), -ESRCH);
	CHECK(d.have == 0 && d.exe == NULL && d.cmdline == NULL);
	/* A pid that is not there; a root that is not there. */
	CHECK_EQ_I(details_read(root, 4243, 777, &d), -ESRCH);
	CHECK_EQ_I(details_read("/nonexistent-proc-root", 1, 0, &d), -ENOENT);
	details_fini(&d);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

int main(void)
{
	test_limits();
	test_cpus_allowed();
	test_read_tree();
	return check_done();
}
