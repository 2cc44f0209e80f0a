/* test_export — the exposition without sockets: hostile names escaped
 * (quote, backslash, newline, invalid UTF-8, controls), grouping by comm,
 * user, cgroup and rules, top-N with "other", counters that stay monotonic
 * when processes exit, exec into another group or reuse a pid; one HELP
 * and TYPE per family; OpenMetrics' "_total" and "# EOF" rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "proctop/export.h"
#include "proctop/xalloc.h"

static struct task *proc(struct snapshot *s, pid_t pid, const char *comm,
	uint64_t ticks, uint64_t res_pages)
{
	struct task *t = snapshot_add_proc(s);

	t->pid = t->tgid = pid;
	t->have = TASK_HAVE_STAT | TASK_HAVE_STATM | TASK_HAVE_STATUS |
		TASK_HAVE_IO | TASK_HAVE_UID;
	t->stat.state = 'S';
	t->stat.starttime = 1000 + (uint64_t)pid;
	t->stat.num_threads = 1;
	t->stat.utime = ticks;
	t->stat.majflt = ticks / 10;
	snapshot_task_statm(s, t)->resident = res_pages;
	snapshot_task_extra(s, t)->io.read_bytes = ticks * 100;
	snprintf(t->stat.comm, sizeof(t->stat.comm), "%s", comm);
	return t;
}

/* A fresh snapshot at monotonic time `sec`, with CPU 0 online. */
static void snap(struct snapshot *s, long sec)
{
	snapshot_init(s);
	s->hz = 100;
	s->page_kib = 4;
	s->mono.tv_sec = sec;
	s->sys.ncpus = 1;
	s->sys.cpus = xcalloc(1, sizeof(*s->sys.cpus));
	s->sys.cpus[0].online = true;
	s->sys.cpus[0].user = 1234;
	s->sys.mem.mem_total = 1000;
	s->sys.mem.mem_available = 600;
}

static char *render(struct exporter *e, struct snapshot *s,
	enum export_format f)
{
	struct sbuf o;
	char *text;

	snapshot_finish(s, NULL);
	exporter_update(e, s);
	sbuf_init(&o);
	exporter_render(e, s, f, &o);
	text = sbuf_detach(&o);
	sbuf_fini(&o);
	return text;
}

/* The value of the sample line starting with `prefix` + ' ', or -1. */
static double value_of(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, prefix, n) && p[n] == ' ')
			return strtod(p + n + 1, NULL);
	return -1;
}

static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, line, n) && (p[n] == '\n' || !p[n]))
			return true;
	return false;
}

static size_t count_prefix(const char *text, const char *prefix)
{
	size_t n = strlen(prefix), c = 0;

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (!strncmp(p, prefix, n))
			c++;
	return c;
}

static void test_escaping(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_COMM };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	struct sbuf b;
	char *out;

	snap(&s, 1);
	proc(&s, 10, "a\"b\\c\nd", 5, 1);
	proc(&s, 11, "bad\xff\xfe", 5, 1);
	proc(&s, 12, "ctl\x01\x1b[1m", 5, 1);
	proc(&s, 13, "ctl\x02\x1b[1m", 5, 1);   /* same label as 12 */
	proc(&s, 14, "\xe2\x80\xae" "rtl", 5, 1);   /* U+202E */
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(has_line(out,
		"proctop_group_processes{group=\"a\\\"b\\\\c\\nd\"} 1"));
	CHECK(has_line(out,
		"proctop_group_processes{group=\"bad\xef\xbf\xbd\xef\xbf\xbd\"} 1"));
	CHECK(has_line(out, "proctop_group_processes{group=\"ctl"
		"\xef\xbf\xbd\xef\xbf\xbd[1m\"} 2"));
	CHECK(has_line(out,
		"proctop_group_processes{group=\"\xef\xbf\xbdrtl\"} 1"));
	/* no raw control byte anywhere but line ends */
	for (const char *p = out; *p; p++)
		CHECK(*p == '\n' || (unsigned char)*p >= 0x20);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);

	/* cut on a character boundary */
	sbuf_init(&b);
	export_label_text(&b, "ab\xc3\xa9", 4, 3);
	CHECK_STR(b.data, "ab");
	sbuf_reset(&b);
	export_escape_label(&b, "\\\"\n", 3);
	CHECK_STR(b.data, "\\\\\\\"\\n");
	sbuf_fini(&b);
}

/* Every family: one HELP and one TYPE; OpenMetrics counters named without
 * _total in metadata, samples with it; # EOF last. */
static void test_format_rules(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_COMM };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	char *prom, *om;

	snap(&s, 1);
	proc(&s, 1, "init", 10, 100);
	s.sys.psi.res[PSI_IO].has_some = true;
	s.sys.psi.res[PSI_IO].some_us = 2500000;
	prom = render(e, &s, EXPORT_PROMETHEUS);
	snapshot_fini(&s);
	snap(&s, 2);
	proc(&s, 1, "init", 10, 100);
	om = render(e, &s, EXPORT_OPENMETRICS);

	CHECK_EQ_U(count_prefix(prom, "# HELP proctop_group_cpu_seconds_total "),
		1);
	CHECK_EQ_U(count_prefix(prom,
		"# TYPE proctop_group_cpu_seconds_total counter"), 1);
	CHECK_EQ_U(count_prefix(prom, "# TYPE "), count_prefix(prom, "# HELP "));
	CHECK(has_line(prom, "# TYPE proctop_memory_total_bytes gauge"));
	CHECK(value_of(prom, "proctop_memory_total_bytes") == 1024000);
	CHECK(value_of(prom, "proctop_memory_used_bytes") == 400 * 1024);
	CHECK(value_of(prom,
		"proctop_cpu_seconds_total{cpu=\"0\",mode=\"user\"}") == 12.34);
	CHECK(value_of(prom, "proctop_pressure_stalled_seconds_total"
		"{resource=\"io\",kind=\"some\"}") == 2.5);
	CHECK(!strstr(prom, "resource=\"cpu\""));   /* no PSI: no series */
	CHECK(!strstr(prom, "# EOF"));
	CHECK(!strstr(prom, "# UNIT"));

	CHECK(has_line(om, "# TYPE proctop_group_cpu_seconds counter"));
	CHECK(has_line(om, "# UNIT proctop_group_cpu_seconds seconds"));
	CHECK_EQ_U(count_prefix(om, "# HELP proctop_group_cpu_seconds "), 1);
	CHECK(value_of(om, "proctop_group_cpu_seconds_total{group=\"init\"}")
		== 0.1);
	CHECK(!strstr(om, "_total counter"));
	CHECK(strlen(om) > 6 && !strcmp(om + strlen(om) - 6, "# EOF\n"));
	CHECK_EQ_U(count_prefix(om, "# EOF"), 1);
	/* every counter sample ends in _total */
	for (const char *p = om; *p; p = strchr(p, '\n') + 1) {
		if (!strncmp(p, "# TYPE ", 7) && strstr(p, " counter\n") ==
		    strchr(p, '\n') - 8) {
			const char *name = p + 7, *sp = strchr(name, ' ');
			const char *next = strchr(p, '\n') + 1;
			while (!strncmp(next, "# ", 2))
				next = strchr(next, '\n') + 1;
			CHECK(!strncmp(next, name, (size_t)(sp - name)) &&
				!strncmp(next + (sp - name), "_total", 6));
		}
	}
	free(prom);
	free(om);
	snapshot_fini(&s);
	exporter_free(e);
}

/* Counters of a group never go down: exits, exec into another group, a
 * reused pid, io turning unreadable. */
static void test_monotonic(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_COMM };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	char *out;

	snap(&s, 1);
	proc(&s, 10, "web", 100, 1);
	proc(&s, 11, "web", 200, 1);
	proc(&s, 12, "db", 50, 1);
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_cpu_seconds_total{group=\"web\"}")
		== 3.0);
	CHECK(value_of(out, "proctop_group_read_bytes_total{group=\"web\"}")
		== 30000);
	free(out);
	snapshot_fini(&s);

	/* 11 exited; 12 exec'd into "web" (its db time stays in db); 10 ran
	 * 50 ticks more but its io became unreadable */
	snap(&s, 2);
	proc(&s, 10, "web", 150, 1)->have &= ~(uint32_t)TASK_HAVE_IO;
	proc(&s, 12, "web", 70, 1);
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_cpu_seconds_total{group=\"web\"}")
		== 3.7);
	CHECK(value_of(out, "proctop_group_cpu_seconds_total{group=\"db\"}")
		== 0.5);
	CHECK(value_of(out, "proctop_group_processes{group=\"db\"}") == 0);
	CHECK(value_of(out, "proctop_group_processes{group=\"web\"}") == 2);
	CHECK(value_of(out, "proctop_group_read_bytes_total{group=\"web\"}")
		== 10000 + 20000 + 2000);
	free(out);
	snapshot_fini(&s);

	/* pid 10 reused by a new "web" process with fewer ticks */
	snap(&s, 3);
	proc(&s, 10, "web", 5, 1)->stat.starttime = 99999;
	proc(&s, 12, "web", 70, 1);
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_cpu_seconds_total{group=\"web\"}")
		== 3.75);
	free(out);
	snapshot_fini(&s);

	/* an empty group is dropped after the TTL */
	snap(&s, 3 + (long)EXPORT_GROUP_TTL_S + 10);
	proc(&s, 12, "web", 70, 1);
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_processes{group=\"db\"}") == -1);
	CHECK(value_of(out, "proctop_group_cpu_seconds_total{group=\"web\"}")
		== 3.75);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);
}

static void test_group_modes(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_USER };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	struct task *t;
	char *out;

	snap(&s, 1);
	proc(&s, 2, "kworker/0:1", 0, 0)->is_kthread = true;
	proc(&s, 3, "kworker/1:0", 0, 0)->is_kthread = true;
	proc(&s, 10, "a", 1, 1)->user = "alice";
	proc(&s, 11, "b", 1, 1)->uid = 4242;
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_processes{group=\"kthreads\"}") == 2);
	CHECK(value_of(out, "proctop_group_processes{group=\"alice\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"4242\"}") == 1);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);

	cfg.group_by = EXPORT_BY_CGROUP;
	e = exporter_new(&cfg);
	snap(&s, 1);
	t = proc(&s, 10, "sshd", 1, 1);
	snapshot_task_extra(&s, t)->cgroup = "/system.slice/ssh.service";
	t->have |= TASK_HAVE_CGROUP;
	t = proc(&s, 11, "bash", 1, 1);
	snapshot_task_extra(&s, t)->cgroup = "/user.slice/user-1000.slice/session-3.scope";
	t->have |= TASK_HAVE_CGROUP;
	t = proc(&s, 12, "x", 1, 1);
	snapshot_task_extra(&s, t)->cgroup = "/";
	t->have |= TASK_HAVE_CGROUP;
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_processes{group=\"ssh.service\"}")
		== 1);
	CHECK(value_of(out,
		"proctop_group_processes{group=\"session-3.scope\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"/\"}") == 1);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);
}

static void test_rules(void)
{
	static const char good[] =
		"# comment\n"
		"\n"
		"db     comm     ^postgres$\n"
		"web    cmdline  gunicorn .*app:(main|api)\n"
		"tools\texe\t^/usr/bin/\r\n";
	struct export_rules *r = NULL;
	struct export_config cfg = { .group_by = EXPORT_BY_RULES };
	struct exporter *e;
	struct snapshot s;
	struct task *t;
	size_t line = 0;
	char err[160], *out;

	CHECK_EQ_I(export_rules_parse(good, strlen(good), &r, &line, err,
		sizeof(err)), 0);
	CHECK(r != NULL);
	CHECK(export_rules_need(r) != 0);
	cfg.rules = r;
	e = exporter_new(&cfg);
	snap(&s, 1);
	proc(&s, 10, "postgres", 1, 1);
	t = proc(&s, 11, "python3", 1, 1);
	t->cmdline = xstrdup("/usr/bin/python3 gunicorn -w 4 app:main");
	t->exe = xstrdup("/usr/bin/python3.11");
	t = proc(&s, 12, "ls", 1, 1);
	t->exe = xstrdup("/usr/bin/ls");
	proc(&s, 13, "init", 1, 1);
	proc(&s, 2, "kthreadd", 0, 0)->is_kthread = true;
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK(value_of(out, "proctop_group_processes{group=\"db\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"web\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"tools\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"other\"}") == 1);
	CHECK(value_of(out, "proctop_group_processes{group=\"kthreads\"}")
		== 1);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);
	export_rules_free(r);

	CHECK_EQ_I(export_rules_parse("a comm x\nb bogus y\n", 19, &r, &line,
		err, sizeof(err)), -EINVAL);
	CHECK_EQ_U(line, 2);
	CHECK(strstr(err, "bogus") != NULL);
	CHECK_EQ_I(export_rules_parse("a comm (\n", 9, &r, &line, err,
		sizeof(err)), -EINVAL);
	CHECK_EQ_I(export_rules_parse("a comm\n", 7, &r, &line, err,
		sizeof(err)), -EINVAL);
	CHECK_EQ_I(export_rules_parse("# none\n", 7, &r, &line, err,
		sizeof(err)), -EINVAL);
}

static void test_top(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_COMM, .top_n = 2,
		.top_res = EXPORT_RES_RES };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	char *out;
	size_t n;
	enum export_res res;

	snap(&s, 1);
	proc(&s, 10, "big", 10, 1000);
	proc(&s, 11, "mid", 20, 500);
	proc(&s, 12, "small", 30, 10);
	proc(&s, 13, "tiny", 40, 5);
	out = render(e, &s, EXPORT_OPENMETRICS);
	CHECK(value_of(out, "proctop_top_resident_bytes{group=\"big/10\"}")
		== 1000 * 4096);
	CHECK(value_of(out, "proctop_top_resident_bytes{group=\"mid/11\"}")
		== 500 * 4096);
	CHECK(value_of(out, "proctop_top_resident_bytes{group=\"other\"}")
		== 15 * 4096);
	CHECK(value_of(out, "proctop_top_cpu_seconds_total{group=\"other\"}")
		== 0.7);
	free(out);
	snapshot_fini(&s);

	/* "small" grows into the top, "mid" drops out: other stays
	 * monotonic, mid's own series is gone */
	snap(&s, 2);
	proc(&s, 10, "big", 10, 1000);
	proc(&s, 11, "mid", 25, 1);
	proc(&s, 12, "small", 35, 2000);
	proc(&s, 13, "tiny", 45, 5);
	out = render(e, &s, EXPORT_OPENMETRICS);
	CHECK(value_of(out, "proctop_top_resident_bytes{group=\"mid/11\"}")
		== -1);
	CHECK(value_of(out, "proctop_top_cpu_seconds_total{group=\"small/12\"}")
		== 0.35);
	CHECK(value_of(out, "proctop_top_cpu_seconds_total{group=\"other\"}")
		>= 0.7);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);

	CHECK_EQ_I(export_parse_top("5:res", &n, &res), 0);
	CHECK_EQ_U(n, 5);
	CHECK(res == EXPORT_RES_RES);
	CHECK_EQ_I(export_parse_top("0:res", &n, &res), -EINVAL);
	CHECK_EQ_I(export_parse_top("5:nope", &n, &res), -EINVAL);
	CHECK_EQ_I(export_parse_top("x:cpu", &n, &res), -EINVAL);
	CHECK_EQ_I(export_parse_top("5", &n, &res), -EINVAL);
}

/* More distinct names than the cap: the rest go to "other". */
static void test_cap(void)
{
	struct export_config cfg = { .group_by = EXPORT_BY_COMM,
		.max_groups = 3 };
	struct exporter *e = exporter_new(&cfg);
	struct snapshot s;
	char *out, name[16];

	snap(&s, 1);
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		proc(&s, 10 + i, name, 1, 1);
	}
	out = render(e, &s, EXPORT_PROMETHEUS);
	CHECK_EQ_U(count_prefix(out, "proctop_group_processes{"), 4);
	CHECK(value_of(out, "proctop_group_processes{group=\"other\"}") == 7);
	free(out);
	snapshot_fini(&s);
	exporter_free(e);
}

int main(void)
{
	test_escaping();
	test_format_rules();
	test_monotonic();
	test_group_modes();
	test_rules();
	test_top();
	test_cap();
	return check_done();
}
