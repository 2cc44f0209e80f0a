/* test_procfs — the pure per-process /proc parsers on normal, hostile,
 * truncated, huge and garbage input, and on the fixture tree's files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static const char stat_normal[] =
	"18575 (cat) R 18570 18570 2701 34816 -1 4194304 100 1 2 3 11 12 -13 "
	"-14 20 -5 1 0 49323 6184960 371 18446744073709551615 94836076089344 "
	"94836076109225 140725719508224 0 0 0 0 0 0 0 0 0 17 1 7 2 0 0 0 "
	"94836076125232 94836076126848 94837144317952 140725719513727 "
	"140725719513747 140725719513747 140725719515115 0\n";

static void test_stat_normal(void)
{
	struct task_stat st;

	CHECK_EQ_I(procfs_parse_stat(S(stat_normal), &st), 0);
	CHECK_EQ_I(st.pid, 18575);                 /* (1) */
	CHECK_STR(st.comm, "cat");                 /* (2) */
	CHECK_EQ_I(st.state, 'R');                 /* (3) */
	CHECK_EQ_I(st.ppid, 18570);                /* (4) */
	CHECK_EQ_I(st.pgrp, 18570);                /* (5) */
	CHECK_EQ_I(st.session, 2701);              /* (6) */
	CHECK_EQ_I(st.tty_nr, 34816);              /* (7) */
	CHECK_EQ_I(st.tpgid, -1);                  /* (8) */
	CHECK_EQ_U(st.flags, 4194304);             /* (9) */
	CHECK_EQ_U(st.minflt, 100);                /* (10) */
	CHECK_EQ_U(st.cminflt, 1);                 /* (11) */
	CHECK_EQ_U(st.majflt, 2);                  /* (12) */
	CHECK_EQ_U(st.cmajflt, 3);                 /* (13) */
	CHECK_EQ_U(st.utime, 11);                  /* (14) */
	CHECK_EQ_U(st.stime, 12);                  /* (15) */
	CHECK_EQ_I(st.cutime, -13);                /* (16) */
	CHECK_EQ_I(st.cstime, -14);                /* (17) */
	CHECK_EQ_I(st.priority, 20);               /* (18) */
	CHECK_EQ_I(st.nice, -5);                   /* (19) */
	CHECK_EQ_I(st.num_threads, 1);             /* (20) */
	CHECK_EQ_U(st.starttime, 49323);           /* (22) */
	CHECK_EQ_U(st.vsize, 6184960);             /* (23) */
	CHECK_EQ_U(st.rss_pages, 371);             /* (24) */
	CHECK_EQ_I(st.processor, 1);               /* (39) */
	CHECK_EQ_U(st.rt_priority, 7);             /* (40) */
	CHECK_EQ_U(st.policy, 2);                  /* (41) */
}

static void test_stat_hostile(void)
{
	struct task_stat st;
	/* comm ") Z 1 (" plus ESC: the real state follows the LAST ')' */
	static const char evil[] =
		"300 () Z 1 (\033[1m) R 1 300 300 0 -1 4194304 1 0 3 0 7 3 0 0 "
		"20 0 1 0 1000 4096000 100\n";
	static const char newline[] =
		"5 (a\nb) c) S 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0\n";
	static const char empty_comm[] =
		"6 () D 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0";
	/* a 70-byte comm is truncated to TASK_COMM_MAX - 1 */
	static const char long_comm[] =
		"7 (0123456789012345678901234567890123456789012345678901234567890123456789) "
		"S 1 5 5 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0\n";

	CHECK_EQ_I(procfs_parse_stat(S(evil), &st), 0);
	CHECK_STR(st.comm, ") Z 1 (\033[1m");
	CHECK_EQ_I(st.state, 'R');
	CHECK_EQ_I(st.ppid, 1);
	CHECK_EQ_U(st.starttime, 1000);

	CHECK_EQ_I(procfs_parse_stat(S(newline), &st), 0);
	CHECK_STR(st.comm, "a\nb) c");
	CHECK_EQ_I(st.state, 'S');

	CHECK_EQ_I(procfs_parse_stat(S(empty_comm), &st), 0);
	CHECK_STR(st.comm, "");
	CHECK_EQ_I(st.state, 'D');
	CHECK_EQ_I(st.processor, 0);   /* fields after (24) missing: 0 */

	CHECK_EQ_I(procfs_parse_stat(S(long_comm), &st), 0);
	CHECK_EQ_U(strlen(st.comm), TASK_COMM_MAX - 1);
	CHECK_EQ_I(st.state, 'S');
}

static void test_stat_truncated_huge_garbage(void)
{
	struct task_stat st;
	char buf[sizeof(stat_normal)];
	size_t cut;

	/* Cut after field (30): (39..41) stay 0 but the rest parses. */
	static const char upto30[] =
		"9 (x) S 1 9 9 0 -1 0 1 2 3 4 5 6 7 8 20 0 1 0 77 4096 2 "
		"18446744073709551615 1 2 3 4";
	CHECK_EQ_I(procfs_parse_stat(S(upto30), &st), 0);
	CHECK_EQ_U(st.starttime, 77);
	CHECK_EQ_U(st.rss_pages, 2);
	CHECK_EQ_I(st.processor, 0);
	CHECK_EQ_U(st.policy, 0);

	/* Every cut before field (24) is rejected; none crash. */
	memcpy(buf, stat_normal, sizeof(buf));
	for (cut = 0; cut < 60; cut++)
		CHECK(procfs_parse_stat(buf, cut, &st) == -EINVAL);
	for (cut = 0; cut <= sizeof(stat_normal) - 1; cut++)
		(void)procfs_parse_stat(buf, cut, &st);

	/* Huge numbers saturate. */
	static const char huge[] =
		"99999999999 (h) S 99999999999999999999999 1 1 1 1 "
		"99999999999 99999999999999999999999 0 0 0 "
		"99999999999999999999999 1 -99999999999999999999999 0 "
		"99999999999999999999 -99999999999999999999 "
		"99999999999999999999 0 99999999999999999999999 "
		"18446744073709551616 99999999999999999999\n";
	CHECK_EQ_I(procfs_parse_stat(S(huge), &st), 0);
	CHECK_EQ_I(st.pid, INT_MAX);
	CHECK_EQ_I(st.ppid, INT_MAX);
	CHECK_EQ_U(st.flags, UINT_MAX);
	CHECK_EQ_U(st.minflt, UINT64_MAX);
	CHECK_EQ_U(st.utime, UINT64_MAX);
	CHECK_EQ_I(st.cutime, INT64_MIN);
	CHECK_EQ_I(st.priority, LONG_MAX);
	CHECK_EQ_I(st.nice, LONG_MIN);
	CHECK_EQ_U(st.starttime, UINT64_MAX);
	CHECK_EQ_U(st.vsize, UINT64_MAX);
	CHECK_EQ_U(st.rss_pages, UINT64_MAX);

	/* Garbage. */
	CHECK(procfs_parse_stat(S(""), &st) == -EINVAL);
	CHECK(procfs_parse_stat(S("hello world"), &st) == -EINVAL);
	CHECK(procfs_parse_stat(S("1 (x"), &st) == -EINVAL);
	CHECK(procfs_parse_stat(S("(x) S 1"), &st) == -EINVAL);
	CHECK(procfs_parse_stat(S("1 (x) S 1 2 3 x 5 6 7 8 9 10 11 12 13 14 "
		"15 16 17 18 19 20 21 22"), &st) == -EINVAL);
	CHECK(procfs_parse_stat(S("1 (x)  S"), &st) == -EINVAL);
	/* garbage in an optional field: keeps the required ones */
	CHECK_EQ_I(procfs_parse_stat(S("1 (x) S 2 0 0 0 0 0 0 0 0 0 0 0 0 0 "
		"20 0 1 0 5 6 7 8 zz 9"), &st), 0);
	CHECK_EQ_U(st.rss_pages, 7);
	/* an embedded NUL byte does not end parsing early or crash */
	static const char nul[] = "1 (a\0b) S 2 0 0 0 0 0 0 0 0 0 0 0 0 0 "
		"20 0 1 0 5 6 7";
	CHECK_EQ_I(procfs_parse_stat(nul, sizeof(nul) - 1, &st), 0);
	CHECK_EQ_I(st.ppid, 2);
}

static void test_statm(void)
{
	struct task_statm m;

	CHECK_EQ_I(procfs_parse_statm(S("1510 441 412 5 0 123 0\n"), &m), 0);
	CHECK_EQ_U(m.size, 1510);
	CHECK_EQ_U(m.resident, 441);
	CHECK_EQ_U(m.shared, 412);
	CHECK_EQ_U(m.text, 5);
	CHECK_EQ_U(m.data, 123);
	CHECK_EQ_I(procfs_parse_statm(S("1 2 3"), &m), 0);
	CHECK_EQ_U(m.data, 0);
	CHECK(procfs_parse_statm(S("1 2"), &m) == -EINVAL);
	CHECK(procfs_parse_statm(S(""), &m) == -EINVAL);
	CHECK(procfs_parse_statm(S("a b c d"), &m) == -EINVAL);
	CHECK_EQ_I(procfs_parse_statm(S("99999999999999999999999 1 1"), &m), 0);
	CHECK_EQ_U(m.size, UINT64_MAX);
}

static const char status_normal[] =
	"Name:\tcat\nUmask:\t0022\nState:\tR (running)\nTgid:\t4242\n"
	"Ngid:\t7\nPid:\t4242\nPPid:\t1\nTracerPid:\t99\n"
	"Uid:\t1000\t1001\t1002\t1003\nGid:\t100\t101\t102\t103\n"
	"FDSize:\t64\nGroups:\t \nVmPeak:\t   10240 kB\nVmSize:\t    8192 kB\n"
	"VmLck:\t       4 kB\nVmPin:\t       0 kB\nVmHWM:\t    4096 kB\n"
	"VmRSS:\t    4000 kB\nRssAnon:\t    1000 kB\nRssFile:\t    2900 kB\n"
	"RssShmem:\t     100 kB\nVmData:\t     600 kB\nVmStk:\t     132 kB\n"
	"VmExe:\t      40 kB\nVmLib:\t    2000 kB\nVmPTE:\t      48 kB\n"
	"VmSwap:\t    32768 kB\nThreads:\t1\nCapInh:\t0000000000000000\n"
	"CapPrm:\t000001ffffffffff\nCapEff:\t000001FFFFFFFFFE\n"
	"CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000001\n"
	"Cpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"
	"voluntary_ctxt_switches:\t150\nnonvoluntary_ctxt_switches:\t545\n";

static void test_status(void)
{
	struct task_status s;
	char big[1024];

	CHECK_EQ_I(procfs_parse_status(S(status_normal), &s), 0);
	CHECK_EQ_I(s.tgid, 4242);
	CHECK_EQ_I(s.ngid, 7);
	CHECK_EQ_I(s.tracer_pid, 99);
	CHECK_EQ_U(s.ruid, 1000);
	CHECK_EQ_U(s.euid, 1001);
	CHECK_EQ_U(s.suid, 1002);
	CHECK_EQ_U(s.fsuid, 1003);
	CHECK_EQ_U(s.rgid, 100);
	CHECK_EQ_U(s.fsgid, 103);
	CHECK_EQ_U(s.vm_peak_kib, 10240);
	CHECK_EQ_U(s.vm_size_kib, 8192);
	CHECK_EQ_U(s.vm_lck_kib, 4);
	CHECK_EQ_U(s.vm_hwm_kib, 4096);
	CHECK_EQ_U(s.vm_rss_kib, 4000);
	CHECK_EQ_U(s.rss_anon_kib, 1000);
	CHECK_EQ_U(s.rss_file_kib, 2900);
	CHECK_EQ_U(s.rss_shmem_kib, 100);
	CHECK_EQ_U(s.vm_data_kib, 600);
	CHECK_EQ_U(s.vm_stk_kib, 132);
	CHECK_EQ_U(s.vm_exe_kib, 40);
	CHECK_EQ_U(s.vm_lib_kib, 2000);
	CHECK_EQ_U(s.vm_pte_kib, 48);
	CHECK_EQ_U(s.vm_swap_kib, 32768);
	CHECK_EQ_U(s.cap_inh, 0);
	CHECK_EQ_U(s.cap_prm, 0x1ffffffffffULL);
	CHECK_EQ_U(s.cap_eff, 0x1fffffffffeULL);
	CHECK_EQ_U(s.cap_amb, 1);
	CHECK_EQ_U(s.voluntary_ctxt, 150);
	CHECK_EQ_U(s.nonvoluntary_ctxt, 545);
	CHECK_STR(s.cpus_allowed_list, "0-1");
	CHECK(s.has_vm);

	/* kernel thread: no Vm lines */
	CHECK_EQ_I(procfs_parse_status(S("Name:\tkthreadd\nTgid:\t2\n"
		"Uid:\t0\t0\t0\t0\nCpus_allowed_list:\t0-1\n"), &s), 0);
	CHECK(!s.has_vm);
	CHECK_EQ_U(s.vm_rss_kib, 0);

	/* truncated: everything up to the cut is kept */
	CHECK_EQ_I(procfs_parse_status(status_normal, 200, &s), 0);
	CHECK_EQ_I(s.tgid, 4242);
	CHECK_EQ_U(s.voluntary_ctxt, 0);
	for (size_t cut = 0; cut < sizeof(status_normal); cut++)
		(void)procfs_parse_status(status_normal, cut, &s);

	/* a huge Cpus_allowed_list is truncated, NUL-terminated */
	strcpy(big, "Cpus_allowed_list:\t");
	for (size_t i = strlen(big); i < sizeof(big) - 2; i++)
		big[i] = i % 2 ? ',' : '7';
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	CHECK_EQ_I(procfs_parse_status(big, sizeof(big) - 1, &s), 0);
	CHECK_EQ_U(strlen(s.cpus_allowed_list), sizeof(s.cpus_allowed_list) - 1);

	/* huge values saturate; garbage values stay 0 */
	CHECK_EQ_I(procfs_parse_status(S("VmRSS:\t999999999999999999999999 kB\n"
		"Uid:\t99999999999\t1\tx\t2\nCapEff:\tffffffffffffffffff\n"
		"VmSwap:\tlots kB\nTgid:\t-5\n"), &s), 0);
	CHECK_EQ_U(s.vm_rss_kib, UINT64_MAX);
	CHECK_EQ_U(s.ruid, UINT32_MAX);
	CHECK_EQ_U(s.euid, 1);
	CHECK_EQ_U(s.suid, 0);
	CHECK_EQ_U(s.cap_eff, UINT64_MAX);
	CHECK_EQ_U(s.vm_swap_kib, 0);
	CHECK_EQ_I(s.tgid, -5);

	CHECK(procfs_parse_status(S(""), &s) == -EINVAL);
	CHECK(procfs_parse_status(S("garbage\n\n:::\n"), &s) == -EINVAL);

	/* keys match whole: same length with another first byte, a prefix,
	 * a longer key, another case, a blank before ':' are all unknown */
	CHECK(procfs_parse_status(S("Xgid:\t5\nVmSwa:\t1 kB\n"
		"VmSwapX:\t2 kB\nvmSwap:\t3 kB\nTgid :\t6\n:\t7\n"), &s)
		== -EINVAL);
	CHECK_EQ_I(procfs_parse_status(S("Xgid:\t5\nVmSwapX:\t2 kB\n"
		"Ngid:\t8\nVmSwap:\t4 kB\n"), &s), 0);
	CHECK_EQ_I(s.tgid, 0);
	CHECK_EQ_I(s.ngid, 8);
	CHECK_EQ_U(s.vm_swap_kib, 4);
	/* any order; a key seen again before the end takes the later value */
	CHECK_EQ_I(procfs_parse_status(S("nonvoluntary_ctxt_switches:\t9\n"
		"VmSwap:\t1 kB\nTgid:\t3\nVmSwap:\t2 kB\n"), &s), 0);
	CHECK_EQ_U(s.nonvoluntary_ctxt, 9);
	CHECK_EQ_U(s.vm_swap_kib, 2);
	CHECK_EQ_I(s.tgid, 3);
	/* the scan stops once every known key was seen: a line after that
	 * (status_normal has them all) is not looked at */
	snprintf(big, sizeof(big), "%sVmSwap:\t1 kB\n", status_normal);
	CHECK_EQ_I(procfs_parse_status(big, strlen(big), &s), 0);
	CHECK_EQ_U(s.vm_swap_kib, 32768);
	CHECK_EQ_U(s.nonvoluntary_ctxt, 545);
	/* every line reversed: still all found */
	{
		const char *lines[64];
		size_t n = 0, off = 0;
		for (const char *q = status_normal; *q && n < 64; n++) {
			lines[n] = q;
			q = strchr(q, '\n') + 1;
		}
		for (size_t i = n; i-- > 0 && off < sizeof(big);) {
			size_t l = (size_t)(strchr(lines[i], '\n') - lines[i]) + 1;
			if (off + l >= sizeof(big))
				break;
			memcpy(big + off, lines[i], l);
			off += l;
		}
		CHECK_EQ_I(procfs_parse_status(big, off, &s), 0);
		CHECK_EQ_I(s.tgid, 4242);
		CHECK_EQ_U(s.euid, 1001);
		CHECK_EQ_U(s.vm_swap_kib, 32768);
		CHECK_EQ_U(s.cap_eff, 0x1fffffffffeULL);
		CHECK_STR(s.cpus_allowed_list, "0-1");
		CHECK_EQ_U(s.nonvoluntary_ctxt, 545);
	}
}

static const char rollup_normal[] =
	"5638cacb7000-7ffd048f2000 ---p 00000000 00:00 0      [rollup]\n"
	"Rss:                1764 kB\nPss:                 408 kB\n"
	"Pss_Dirty:           116 kB\nPss_Anon:            116 kB\n"
	"Pss_File:            292 kB\nPss_Shmem:             7 kB\n"
	"Shared_Clean:       1536 kB\nShared_Dirty:          1 kB\n"
	"Private_Clean:       112 kB\nPrivate_Dirty:       116 kB\n"
	"Referenced:         1764 kB\nAnonymous:           116 kB\n"
	"KSM:                   0 kB\nLazyFree:              0 kB\n"
	"AnonHugePages:      2048 kB\nShmemPmdMapped:        0 kB\n"
	"Swap:                 64 kB\nSwapPss:              32 kB\n"
	"Locked:                8 kB\n";

static void test_rollup_io(void)
{
	struct task_rollup r;
	struct task_io io;

	CHECK_EQ_I(procfs_parse_rollup(S(rollup_normal), &r), 0);
	CHECK_EQ_U(r.rss_kib, 1764);
	CHECK_EQ_U(r.pss_kib, 408);
	CHECK_EQ_U(r.pss_anon_kib, 116);
	CHECK_EQ_U(r.pss_file_kib, 292);
	CHECK_EQ_U(r.pss_shmem_kib, 7);
	CHECK_EQ_U(r.shared_clean_kib, 1536);
	CHECK_EQ_U(r.shared_dirty_kib, 1);
	CHECK_EQ_U(r.private_clean_kib, 112);
	CHECK_EQ_U(r.private_dirty_kib, 116);
	CHECK_EQ_U(r.referenced_kib, 1764);
	CHECK_EQ_U(r.anonymous_kib, 116);
	CHECK_EQ_U(r.anon_huge_kib, 2048);
	CHECK_EQ_U(r.swap_kib, 64);
	CHECK_EQ_U(r.swap_pss_kib, 32);
	CHECK_EQ_U(r.locked_kib, 8);
	CHECK(procfs_parse_rollup(S(""), &r) == -EINVAL);
	CHECK(procfs_parse_rollup(S("5638cacb7000-7ffd048f2000 ---p 00000000 "
		"00:00 0 [rollup]\n"), &r) == -EINVAL);
	for (size_t cut = 0; cut < sizeof(rollup_normal); cut++)
		(void)procfs_parse_rollup(rollup_normal, cut, &r);
	CHECK_EQ_I(procfs_parse_rollup(rollup_normal, 100, &r), 0);
	CHECK_EQ_U(r.rss_kib, 1764);
	CHECK_EQ_U(r.pss_kib, 0);

	CHECK_EQ_I(procfs_parse_io(S("rchar: 7674\nwchar: 698\nsyscr: 12\n"
		"syscw: 1\nread_bytes: 4096\nwrite_bytes: 8192\n"
		"cancelled_write_bytes: 5\n"), &io), 0);
	CHECK_EQ_U(io.rchar, 7674);
	CHECK_EQ_U(io.wchar, 698);
	CHECK_EQ_U(io.syscr, 12);
	CHECK_EQ_U(io.syscw, 1);
	CHECK_EQ_U(io.read_bytes, 4096);
	CHECK_EQ_U(io.write_bytes, 8192);
	CHECK_EQ_U(io.cancelled_write_bytes, 5);
	CHECK_EQ_I(procfs_parse_io(S("rchar: 99999999999999999999999"), &io), 0);
	CHECK_EQ_U(io.rchar, UINT64_MAX);
	CHECK(procfs_parse_io(S("nonsense"), &io) == -EINVAL);
}

static void test_cmdline(void)
{
	char *s;
	size_t n;
	char *big;
	size_t big_len = 3 * 131072;

	CHECK_EQ_I(procfs_parse_cmdline(S("sleep\0" "600\0"), &s, &n), 0);
	CHECK_STR(s, "sleep 600");
	CHECK_EQ_U(n, 9);
	free(s);
	/* rewritten by the process: one argument with spaces, no NUL */
	CHECK_EQ_I(procfs_parse_cmdline(S("nginx: worker process"), &s, &n), 0);
	CHECK_STR(s, "nginx: worker process");
	free(s);
	/* setproctitle padding: trailing NULs vanish */
	CHECK_EQ_I(procfs_parse_cmdline(S("postgres: idle\0\0\0\0\0"), &s, &n), 0);
	CHECK_STR(s, "postgres: idle");
	free(s);
	/* empty argument inside the list is kept as an extra space */
	CHECK_EQ_I(procfs_parse_cmdline(S("a\0\0b\0"), &s, &n), 0);
	CHECK_STR(s, "a  b");
	free(s);
	/* empty cmdline (kernel thread, zombie) */
	CHECK_EQ_I(procfs_parse_cmdline(S(""), &s, &n), 0);
	CHECK(s == NULL);
	CHECK_EQ_U(n, 0);
	CHECK_EQ_I(procfs_parse_cmdline(S("\0\0"), &s, &n), 0);
	CHECK(s == NULL);
	/* hostile bytes pass through raw (sanitised at output) */
	CHECK_EQ_I(procfs_parse_cmdline(S("\033]52;c;aGk=\a\xff\xc2\x9b\0x\0"),
		&s, &n), 0);
	CHECK_STR(s, "\033]52;c;aGk=\a\xff\xc2\x9b x");
	free(s);
	/* ~390 KiB: three 131071-byte arguments */
	big = malloc(big_len);
	memset(big, 'A', big_len);
	big[131071] = big[2 * 131072 - 1] = big[big_len - 1] = '\0';
	CHECK_EQ_I(procfs_parse_cmdline(big, big_len, &s, &n), 0);
	CHECK_EQ_U(n, big_len - 1);
	CHECK(s && s[131071] == ' ' && s[n - 1] == 'A' && strlen(s) == n);
	free(s);
	free(big);
}

/* The in-place join (what the collector uses: no allocation) and the
 * shared blank skipper (sysstats uses it too). */
static void test_join_and_blank(void)
{
	char buf[] = "bash\0script.sh\0\0\0";
	char empty[] = "\0\0";
	const char *line = " \t 42\n", *p;

	CHECK_EQ_U(procfs_join_cmdline(buf, sizeof(buf) - 1), 14);
	CHECK(!memcmp(buf, "bash script.sh", 14));
	CHECK_EQ_U(procfs_join_cmdline(empty, 2), 0);
	CHECK_EQ_U(procfs_join_cmdline(NULL, 0), 0);

	p = procfs_skip_blank(line, line + strlen(line));
	CHECK(*p == '4');
	p = procfs_skip_blank(line, line + 2);      /* bounded by end */
	CHECK(p == line + 2);
	p = procfs_skip_blank(line + 5, line + 6);  /* '\n' is not blank */
	CHECK(p == line + 5);
}

static void test_u64(void)
{
	const char *p, *e;
	uint64_t v;
	static const char txt[] = "18446744073709551615x";

	p = txt;
	e = txt + sizeof(txt) - 1;
	CHECK_EQ_I(procfs_parse_u64(&p, e, &v), 0);
	CHECK_EQ_U(v, UINT64_MAX);
	CHECK(*p == 'x');
	p = "18446744073709551616";
	CHECK_EQ_I(procfs_parse_u64(&p, p + 20, &v), 0);
	CHECK_EQ_U(v, UINT64_MAX);
	p = "123";
	CHECK_EQ_I(procfs_parse_u64(&p, p + 2, &v), 0);   /* bounded by end */
	CHECK_EQ_U(v, 12);
	p = "x1";
	CHECK(procfs_parse_u64(&p, p + 2, &v) == -EINVAL);
	p = "";
	CHECK(procfs_parse_u64(&p, p, &v) == -EINVAL);
}

/* The fixture tree's files through the reader. */
static void test_fixture_files(void)
{
	struct sbuf b;
	struct task_stat st;
	struct task_status s;
	struct task_statm m;
	int root = open(FIXTURES "/proc", O_RDONLY | O_DIRECTORY);
	int fd;

	CHECK(root >= 0);
	if (root < 0)
		return;
	sbuf_init(&b);
	fd = reader_open_pid(root, 300);
	CHECK(fd >= 0);
	CHECK_EQ_I(reader_read_file(fd, "stat", FILEREAD_CAP_RECORD, &b), 0);
	CHECK_EQ_I(procfs_parse_stat(b.data, b.len, &st), 0);
	CHECK_STR(st.comm, ") Z 1 (\033[1m");
	CHECK_EQ_I(st.state, 'R');
	CHECK_EQ_I(reader_read_file(fd, "statm", FILEREAD_CAP_RECORD, &b), 0);
	CHECK_EQ_I(procfs_parse_statm(b.data, b.len, &m), 0);
	CHECK_EQ_U(m.resident, 100);
	CHECK(reader_read_file(fd, "status",
		FILEREAD_CAP_STATUS, &b) == -ENOENT);
	close(fd);

	fd = reader_open_pid(root, 2);
	CHECK_EQ_I(reader_read_file(fd, "status", FILEREAD_CAP_STATUS, &b), 0);
	CHECK_EQ_I(procfs_parse_status(b.data, b.len, &s), 0);
	CHECK(!s.has_vm);
	CHECK_STR(s.cpus_allowed_list, "0-1");
	close(fd);

	CHECK(reader_open_pid(root, 999) == -ENOENT);
	sbuf_fini(&b);
	close(root);
}

static void test_cgroup_path(void)
{
	static const char v2[] = "0::/system.slice/ssh.service\n";
	static const char hybrid[] =
		"12:cpu,cpuacct:/x\n1:name=systemd:/user.slice/a.scope\n"
		"0::/user.slice/b.scope\n";
	static const char v1[] = "3:memory:/m\n1:name=systemd:/init.scope\n";
	const char *p;
	size_t n;

	CHECK_EQ_I(procfs_cgroup_path(v2, strlen(v2), &p, &n), 0);
	CHECK(n == 25 && !memcmp(p, "/system.slice/ssh.service", 25));
	CHECK_EQ_I(procfs_cgroup_path(v2, strlen(v2) - 1, &p, &n), 0);
	CHECK_EQ_U(n, 25);
	CHECK_EQ_I(procfs_cgroup_path(hybrid, strlen(hybrid), &p, &n), 0);
	CHECK(n == 19 && !memcmp(p, "/user.slice/b.scope", 19));
	CHECK_EQ_I(procfs_cgroup_path(v1, strlen(v1), &p, &n), 0);
	CHECK(n == 11 && !memcmp(p, "/init.scope", 11));
	CHECK_EQ_I(procfs_cgroup_path("3:memory:/m", 11, &p, &n), -EINVAL);
	CHECK_EQ_I(procfs_cgroup_path("", 0, &p, &n), -EINVAL);
	CHECK_EQ_I(procfs_cgroup_path("0:", 2, &p, &n), -EINVAL);
}

int main(void)
{
	test_cgroup_path();
	test_stat_normal();
	test_stat_hostile();
	test_stat_truncated_huge_garbage();
	test_statm();
	test_status();
	test_rollup_io();
	test_cmdline();
	test_join_and_blank();
	test_u64();
	test_fixture_files();
	return check_done();
}
