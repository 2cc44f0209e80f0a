/* test_sysstats — system figure parsers on fixtures, and the libproc2 path
 * against the fallback parsers on the real /proc. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "proctop/sysstats.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void test_meminfo(void)
{
	struct mem_stats m;
	static const char txt[] =
		"MemTotal:        8000000 kB\nMemFree:         1000000 kB\n"
		"MemAvailable:    5000000 kB\nBuffers:          200000 kB\n"
		"Cached:          3000000 kB\nSwapCached:        10000 kB\n"
		"Active(anon):    1000000 kB\nSwapTotal:       2000000 kB\n"
		"SwapFree:        1500000 kB\nZswap:              1234 kB\n"
		"SReclaimable:     300000 kB\nHugePages_Total:      16\n"
		"Hugepagesize:       2048 kB\nDirectMap4k:  99999999999999999999999 kB\n"
		"Shmem:       99999999999999999999999 kB\n";

	CHECK_EQ_I(sysstats_parse_meminfo(S(txt), &m), 0);
	CHECK_EQ_U(m.mem_total, 8000000);
	CHECK_EQ_U(m.mem_free, 1000000);
	CHECK_EQ_U(m.mem_available, 5000000);
	CHECK_EQ_U(m.buffers, 200000);
	CHECK_EQ_U(m.cached, 3000000);
	CHECK_EQ_U(m.swap_cached, 10000);
	CHECK_EQ_U(m.active_anon, 1000000);
	CHECK_EQ_U(m.active, 0);           /* "Active" != "Active(anon)" */
	CHECK_EQ_U(m.swap_total, 2000000);
	CHECK_EQ_U(m.swap_free, 1500000);
	CHECK_EQ_U(m.zswap, 1234);
	CHECK(m.has_zswap);
	CHECK_EQ_U(m.sreclaimable, 300000);
	CHECK_EQ_U(m.hugepages_total, 16);
	CHECK_EQ_U(m.hugepagesize, 2048);
	CHECK_EQ_U(m.shmem, UINT64_MAX);   /* saturates */

	CHECK_EQ_I(sysstats_parse_meminfo(txt, 50, &m), 0);   /* truncated */
	CHECK_EQ_U(m.mem_total, 8000000);
	CHECK_EQ_U(m.mem_free, 10000);
	for (size_t cut = 0; cut < sizeof(txt); cut++)
		(void)sysstats_parse_meminfo(txt, cut, &m);
	CHECK(sysstats_parse_meminfo(S(""), &m) == -EINVAL);
	CHECK(sysstats_parse_meminfo(S("garbage\nMemTotal: x kB\n"), &m)
		== -EINVAL);
	CHECK_EQ_I(sysstats_parse_meminfo(S("MemTotal: 5 kB\n"), &m), 0);
	CHECK(!m.has_zswap);
}

static void test_vmstat(void)
{
	struct vm_stats v;
	static const char txt[] =
		"nr_free_pages 250000\npgpgin 1000\npgpgout 2000\npswpin 30\n"
		"pswpout 40\npgfault 500000\npgmajfault 600\npgsteal_kswapd 70\n"
		"pgsteal_direct 80\npgscan_kswapd 90\npgscan_direct 100\n"
		"oom_kill 1\npgfaultx 5\n";

	CHECK_EQ_I(sysstats_parse_vmstat(S(txt), &v), 0);
	CHECK_EQ_U(v.pgpgin, 1000);
	CHECK_EQ_U(v.pgpgout, 2000);
	CHECK_EQ_U(v.pswpin, 30);
	CHECK_EQ_U(v.pswpout, 40);
	CHECK_EQ_U(v.pgfault, 500000);
	CHECK_EQ_U(v.pgmajfault, 600);
	CHECK_EQ_U(v.pgsteal_kswapd, 70);
	CHECK_EQ_U(v.pgsteal_direct, 80);
	CHECK_EQ_U(v.pgscan_kswapd, 90);
	CHECK_EQ_U(v.pgscan_direct, 100);
	CHECK_EQ_U(v.oom_kill, 1);
	for (size_t cut = 0; cut < sizeof(txt); cut++)
		(void)sysstats_parse_vmstat(txt, cut, &v);
	CHECK(sysstats_parse_vmstat(S("nothing here\n"), &v) == -EINVAL);
}

static void test_stat(void)
{
	struct sys_stats s;
	static const char txt[] =
		"cpu  1000 20 300 50000 40 5 6 7 8 9\n"
		"cpu0 600 10 200 25000 20 3 3 4 0 0\n"
		"cpu2 400 10 100 25000 20 2 3 3 0 0\n"
		"intr 123456 1 2 3\nctxt 987654\nbtime 1700000000\n"
		"processes 4321\nprocs_running 2\nprocs_blocked 1\n"
		"softirq 1000 1 2 3\n";

	memset(&s, 0, sizeof(s));
	CHECK_EQ_I(sysstats_parse_stat(S(txt), &s), 0);
	CHECK_EQ_U(s.cpu_total.user, 1000);
	CHECK_EQ_U(s.cpu_total.nice, 20);
	CHECK_EQ_U(s.cpu_total.system, 300);
	CHECK_EQ_U(s.cpu_total.idle, 50000);
	CHECK_EQ_U(s.cpu_total.iowait, 40);
	CHECK_EQ_U(s.cpu_total.irq, 5);
	CHECK_EQ_U(s.cpu_total.softirq, 6);
	CHECK_EQ_U(s.cpu_total.steal, 7);
	CHECK_EQ_U(s.cpu_total.guest, 8);
	CHECK_EQ_U(s.cpu_total.guest_nice, 9);
	CHECK_EQ_U(s.ncpus, 3);                 /* cpu1 is offline */
	CHECK(s.cpus[0].online);
	CHECK(!s.cpus[1].online);
	CHECK(s.cpus[2].online);
	CHECK_EQ_U(s.cpus[0].user, 600);
	CHECK_EQ_U(s.cpus[2].user, 400);
	CHECK_EQ_U(s.cpus[1].user, 0);
	CHECK_EQ_U(s.intr, 123456);
	CHECK_EQ_U(s.ctxt, 987654);
	CHECK_EQ_U(s.btime, 1700000000);
	CHECK_EQ_U(s.forks, 4321);
	CHECK_EQ_U(s.procs_running, 2);
	CHECK_EQ_U(s.procs_blocked, 1);

	/* re-parse reuses the array; a hostile CPU number is ignored */
	CHECK_EQ_I(sysstats_parse_stat(S("cpu 1 2 3\ncpu99999999 1 1 1\n"
		"cpu1 5\n"), &s), 0);
	CHECK_EQ_U(s.ncpus, 2);
	CHECK(!s.cpus[0].online);
	CHECK_EQ_U(s.cpus[1].user, 5);
	CHECK_EQ_U(s.cpu_total.idle, 0);       /* short line: rest 0 */
	CHECK_EQ_U(s.ctxt, 0);
	for (size_t cut = 0; cut < sizeof(txt); cut++)
		(void)sysstats_parse_stat(txt, cut, &s);
	CHECK(sysstats_parse_stat(S("intr 5\n"), &s) == -EINVAL);
	sys_stats_fini(&s);
}

/* Trailing offline CPUs: the array grows, the new entries offline. */
static void test_cover_cpus(void)
{
	struct sys_stats s;
	static const char txt[] =
		"cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 5 0 5 50 0 0 0 0 0 0\n"
		"cpu1 5 0 5 50 0 0 0 0 0 0\n";

	memset(&s, 0, sizeof(s));
	CHECK_EQ_I(sysstats_parse_stat(S(txt), &s), 0);
	CHECK_EQ_U(s.ncpus, 2);
	sysstats_cover_cpus(&s, 4);
	CHECK_EQ_U(s.ncpus, 4);
	CHECK(s.cpus[0].online && s.cpus[1].online);
	CHECK_EQ_U(s.cpus[1].idle, 50);
	CHECK(!s.cpus[2].online && !s.cpus[3].online);
	CHECK_EQ_U(s.cpus[3].idle, 0);
	sysstats_cover_cpus(&s, 1);        /* never shrinks */
	CHECK_EQ_U(s.ncpus, 4);
	sysstats_cover_cpus(&s, (size_t)1 << 40);   /* capped */
	CHECK(s.ncpus <= 8192);
	sys_stats_fini(&s);
}

static void test_loadavg_uptime(void)
{
	struct sys_stats s;

	memset(&s, 0, sizeof(s));
	/* the parsers must not depend on LC_NUMERIC */
	setlocale(LC_NUMERIC, "de_DE.UTF-8");
	CHECK_EQ_I(sysstats_parse_loadavg(S("0.50 0.25 1.75 2/123 4567\n"), &s), 0);
	CHECK(s.loadavg[0] > 0.499 && s.loadavg[0] < 0.501);
	CHECK(s.loadavg[1] > 0.249 && s.loadavg[1] < 0.251);
	CHECK(s.loadavg[2] > 1.749 && s.loadavg[2] < 1.751);
	CHECK_EQ_I(sysstats_parse_uptime(S("12345.67 24000.00\n"), &s), 0);
	CHECK(s.uptime_s > 12345.669 && s.uptime_s < 12345.671);
	CHECK_EQ_I(sysstats_parse_uptime(
		S("99999999999999999999999.1234567890123456789012"), &s), 0);
	CHECK(s.uptime_s > 1e19);
	CHECK(sysstats_parse_loadavg(S("0.5 x"), &s) == -EINVAL);
	CHECK(sysstats_parse_uptime(S(""), &s) == -EINVAL);
	CHECK(sysstats_parse_uptime(S(".5"), &s) == -EINVAL);
	setlocale(LC_NUMERIC, "C");
}

static void test_fixture_root(void)
{
	struct sys_stats s;
	int err = 0;
	struct sysstats *ss = sysstats_new(FIXTURES "/proc", &err);

	CHECK(ss != NULL);
	if (!ss)
		return;
	memset(&s, 0, sizeof(s));
	CHECK_EQ_I(sysstats_read(ss, &s), 0);
	CHECK_EQ_U(s.mem.mem_total, 8000000);
	CHECK_EQ_U(s.mem.mem_available, 5000000);
	CHECK_EQ_U(s.mem.sreclaimable, 300000);
	CHECK_EQ_U(s.vm.pgmajfault, 600);
	CHECK_EQ_U(s.ncpus, 3);
	CHECK(!s.cpus[1].online);
	CHECK_EQ_U(s.forks, 4321);
	CHECK(s.loadavg[2] > 1.74 && s.loadavg[2] < 1.76);
	CHECK(s.uptime_s > 12345 && s.uptime_s < 12346);
	/* a second read reuses out->cpus */
	CHECK_EQ_I(sysstats_read(ss, &s), 0);
	CHECK_EQ_U(s.ncpus, 3);
	sys_stats_fini(&s);
	sysstats_free(ss);

	CHECK(sysstats_new(FIXTURES "/no-such-root", &err) == NULL);
	CHECK_EQ_I(err, -ENOENT);
}

/* a and b agree within 10 % of the larger plus slack */
static int near(uint64_t a, uint64_t b, uint64_t slack)
{
	uint64_t hi = a > b ? a : b, lo = a > b ? b : a;
	return hi - lo <= hi / 10 + slack;
}

static void test_real_proc(void)
{
	struct sys_stats lib, fb;
	int err = 0;
	/* "/proc/." is the same tree, but not spelled "/proc": fallback */
	struct sysstats *sl = sysstats_new("/proc", &err);
	struct sysstats *sf = sysstats_new("/proc/.", &err);

	CHECK(sl && sf);
	if (!sl || !sf) {
		sysstats_free(sl);
		sysstats_free(sf);
		return;
	}
	memset(&lib, 0, sizeof(lib));
	memset(&fb, 0, sizeof(fb));
	CHECK_EQ_I(sysstats_read(sl, &lib), 0);
	CHECK_EQ_I(sysstats_read(sf, &fb), 0);

	CHECK(lib.mem.mem_total > 0);
	CHECK_EQ_U(lib.mem.mem_total, fb.mem.mem_total);
	CHECK_EQ_U(lib.mem.swap_total, fb.mem.swap_total);
	CHECK_EQ_U(lib.mem.hugepagesize, fb.mem.hugepagesize);
	CHECK_EQ_U(lib.mem.commit_limit, fb.mem.commit_limit);
	CHECK(near(lib.mem.mem_available, fb.mem.mem_available, 65536));
	CHECK(near(lib.mem.mem_free, fb.mem.mem_free, 65536));
	CHECK(near(lib.mem.cached, fb.mem.cached, 65536));
	CHECK(near(lib.mem.buffers, fb.mem.buffers, 65536));
	CHECK(near(lib.mem.sreclaimable, fb.mem.sreclaimable, 65536));
	CHECK(near(lib.mem.shmem, fb.mem.shmem, 65536));
	CHECK(near(lib.mem.anon_pages, fb.mem.anon_pages, 65536));
	CHECK(near(lib.mem.active_file, fb.mem.active_file, 65536));
	CHECK(near(lib.mem.swap_free, fb.mem.swap_free, 65536));
	CHECK(near(lib.mem.kernel_stack, fb.mem.kernel_stack, 4096));
	CHECK(near(lib.vm.pgfault, fb.vm.pgfault, 1000000));
	CHECK(near(lib.vm.pgpgin, fb.vm.pgpgin, 100000));

	/* the real /proc covers every configured CPU; the fallback (a
	 * saved tree) only the cpuN lines it has */
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	CHECK(lib.ncpus >= fb.ncpus);
	CHECK(conf <= 0 || lib.ncpus >= (size_t)conf);
	CHECK(lib.ncpus >= 1);
	for (size_t i = 0; i < lib.ncpus; i++) {
		if (i >= fb.ncpus) {
			CHECK(!lib.cpus[i].online);
			continue;
		}
		CHECK(lib.cpus[i].online == fb.cpus[i].online);
		CHECK(near(lib.cpus[i].idle, fb.cpus[i].idle, 1000));
	}
	/* zswap: shown exactly when the kernel has it, on both paths */
	CHECK(lib.mem.has_zswap == fb.mem.has_zswap);
	CHECK(near(lib.mem.zswap, fb.mem.zswap, 65536));
	CHECK(near(lib.mem.zswapped, fb.mem.zswapped, 65536));
	int zfd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
	char zbuf[16384];
	ssize_t zn = zfd >= 0 ? read(zfd, zbuf, sizeof(zbuf) - 1) : -1;
	if (zfd >= 0)
		close(zfd);
	if (zn > 0) {
		zbuf[zn] = '\0';
		CHECK(lib.mem.has_zswap ==
			(strstr(zbuf, "\nZswap:") != NULL));
	}
	CHECK(near(lib.cpu_total.user, fb.cpu_total.user, 1000));
	CHECK(near(lib.cpu_total.system, fb.cpu_total.system, 1000));
	CHECK_EQ_U(lib.btime, fb.btime);
	CHECK(lib.ctxt <= fb.ctxt && near(lib.ctxt, fb.ctxt, 100000));
	CHECK(lib.forks <= fb.forks && lib.forks > 0);
	CHECK(lib.uptime_s > 0);

	sys_stats_fini(&lib);
	sys_stats_fini(&fb);
	sysstats_free(sl);
	sysstats_free(sf);
}

static void test_psi(void)
{
	static const char both[] =
		"some avg10=0.00 avg60=0.12 avg300=0.03 total=123456\n"
		"full avg10=0.00 avg60=0.00 avg300=0.00 total=789\n";
	static const char some[] = "some avg10=1.00 total=42";
	struct psi_pair p;

	CHECK_EQ_I(sysstats_parse_psi(both, strlen(both), &p), 0);
	CHECK(p.has_some && p.has_full);
	CHECK_EQ_U(p.some_us, 123456);
	CHECK_EQ_U(p.full_us, 789);
	CHECK_EQ_I(sysstats_parse_psi(some, strlen(some), &p), 0);
	CHECK(p.has_some && !p.has_full);
	CHECK_EQ_U(p.some_us, 42);
	CHECK_EQ_I(sysstats_parse_psi("some xtotal=5\n", 14, &p), -EINVAL);
	CHECK_EQ_I(sysstats_parse_psi("total=5\n", 8, &p), -EINVAL);
	CHECK_EQ_I(sysstats_parse_psi("", 0, &p), -EINVAL);
	CHECK_EQ_I(sysstats_parse_psi("some total=", 11, &p), -EINVAL);
}

int main(void)
{
	test_psi();
	test_meminfo();
	test_vmstat();
	test_stat();
	test_loadavg_uptime();
	test_cover_cpus();
	test_fixture_root();
	test_real_proc();
	return check_done();
}
