/* test_collector — the reader and the whole collector over the fixture
 * tree tests/fixtures/proc (normal process, kernel threads, zombie, a
 * process with threads and a vanished thread, hostile comm with missing
 * files, a vanished pid), and one sample of the real /proc; threads of
 * one process only (collector_threads_of); the cmdline cache over a
 * tree built in a temporary directory (failed reads, exec, young
 * processes re-read, re-read on demand, strings shared). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "proctop/collector.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/strpool.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"

#define ALL_NEED (NEED_STAT | NEED_STATM | NEED_STATUS | NEED_ROLLUP | \
	NEED_IO | NEED_CMDLINE | NEED_USER | NEED_THREADS | NEED_THREAD_STATUS)

static const struct task *find_proc(const struct snapshot *s, pid_t pid)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static long find_index(const struct snapshot *s, pid_t pid)
{
	for (size_t i = 0; i < s->nprocs; i++)
		if (s->procs[i].pid == pid)
			return (long)i;
	return -1;
}

static void test_reader(void)
{
	char path[] = "/tmp/proctop-test-reader-XXXXXX";
	size_t big = 3 * 131072;
	char *data = malloc(big);
	struct sbuf b;
	pid_t *pids = NULL;
	size_t n = 0;
	int fd, root;

	/* a 390 KiB file comes back whole */
	for (size_t i = 0; i < big; i++)
		data[i] = (char)('a' + i % 26);
	fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK((size_t)write(fd, data, big) == big);
	close(fd);
	sbuf_init(&b);
	CHECK_EQ_I(reader_read_file(AT_FDCWD, path,
		FILEREAD_CAP_SYSTEM, &b), 0);
	CHECK_EQ_U(b.len, big);
	CHECK(memcmp(b.data, data, big) == 0 && b.data[big] == '\0');
	/* a regular file never reads short before its end */
	CHECK_EQ_I(reader_read_record(AT_FDCWD, path,
		FILEREAD_CAP_SYSTEM, &b), 0);
	CHECK_EQ_U(b.len, big);
	CHECK(memcmp(b.data, data, big) == 0);
	/* the buffer is reused for a small file */
	CHECK_EQ_I(reader_read_file(AT_FDCWD, FIXTURES "/proc/loadavg",
		FILEREAD_CAP_RECORD, &b), 0);
	CHECK_STR(b.data, "0.50 0.25 1.75 2/123 4567\n");
	CHECK(reader_read_file(AT_FDCWD, "/nonexistent/file",
		FILEREAD_CAP_RECORD, &b) == -ENOENT);
	unlink(path);
	free(data);
	sbuf_fini(&b);

	/* listing: numeric entries only, sorted, repeatable on one fd */
	root = open(FIXTURES "/proc", O_RDONLY | O_DIRECTORY);
	CHECK(root >= 0);
	for (int round = 0; round < 2; round++) {
		CHECK_EQ_I(reader_list_pids(root, &pids, &n), 0);
		CHECK_EQ_U(n, 7);
		if (n == 7) {
			CHECK_EQ_I(pids[0], 1);
			CHECK_EQ_I(pids[1], 2);
			CHECK_EQ_I(pids[2], 3);
			CHECK_EQ_I(pids[3], 100);
			CHECK_EQ_I(pids[4], 200);
			CHECK_EQ_I(pids[5], 300);
			CHECK_EQ_I(pids[6], 400);
		}
		free(pids);
	}
	/* "<pid>/<name>" without opening the pid directory */
	sbuf_init(&b);
	CHECK_EQ_I(reader_read_pid_record(root, 300, "statm",
		FILEREAD_CAP_RECORD, 0, &b), 0);
	CHECK_STR(b.data, "1000 100 50 10 0 40 0\n");
	CHECK_EQ_I(reader_read_pid_record(root, 400, "stat",
		FILEREAD_CAP_RECORD, 0, &b), -ENOENT);
	CHECK_EQ_I(reader_read_pid_record(root, 1, "a-file-name-that-is-far-"
		"too-long-for-any-proc-entry", FILEREAD_CAP_RECORD, 0, &b),
		-ENAMETOOLONG);
	sbuf_fini(&b);
	close(root);
}

static void check_fixture_sample(const struct snapshot *s)
{
	const struct task *t;

	CHECK_EQ_U(s->nprocs, 6);            /* 400 vanished: dropped */
	CHECK(s->hz > 0);
	CHECK(s->page_kib > 0);
	CHECK(s->mono.tv_sec > 0 || s->mono.tv_nsec > 0);
	CHECK(s->wall > 0);
	CHECK_EQ_U(s->sys.mem.mem_total, 8000000);
	CHECK_EQ_U(s->sys.ncpus, 3);

	/* 1: an ordinary process, every file readable */
	t = find_proc(s, 1);
	CHECK(t != NULL);
	if (t) {
		CHECK_EQ_U(t->have, TASK_HAVE_STAT | TASK_HAVE_STATM |
			TASK_HAVE_STATUS | TASK_HAVE_ROLLUP | TASK_HAVE_IO |
			TASK_HAVE_CMDLINE | TASK_HAVE_UID);
		CHECK(!t->is_kthread && !t->is_thread);
		CHECK_EQ_I(t->tgid, 1);
		CHECK_STR(t->stat.comm, "init");
		CHECK_EQ_I(t->stat.state, 'S');
		CHECK_EQ_U(t->stat.utime, 150);
		CHECK_EQ_U(t->statm->shared, 725);
		CHECK_EQ_U(t->x->status.vm_swap_kib, 0);
		CHECK_EQ_U(t->x->rollup.pss_kib, 1500);
		CHECK_EQ_U(t->x->io.write_bytes, 8192);
		CHECK_STR(t->cmdline, "/sbin/init splash");
		CHECK_EQ_U(t->cmdline_len, 17);
		CHECK_STR(t->exe, "/sbin/init");
		/* with status read, the uid is its effective Uid */
		CHECK_EQ_U(t->uid, 0);
		CHECK_STR(t->user, "root");
	}

	/* 2 and 3: kernel threads by PF_KTHREAD, no mm, empty cmdline */
	t = find_proc(s, 2);
	CHECK(t && t->is_kthread);
	if (t) {
		CHECK(!(t->have & TASK_HAVE_ROLLUP));   /* file missing */
		CHECK(t->have & TASK_HAVE_CMDLINE);
		CHECK(t->cmdline == NULL && t->exe == NULL);
		CHECK(!t->x->status.has_vm);
	}
	t = find_proc(s, 3);
	CHECK(t && t->is_kthread && t->stat.state == 'I');
	if (t) {
		CHECK_EQ_I(t->stat.ppid, 2);
		CHECK_EQ_I(t->stat.nice, -20);
		CHECK_STR(task_comm(t), "kworker/0:0H-events_highpri");
	}

	/* 100: a zombie */
	t = find_proc(s, 100);
	CHECK(t && t->stat.state == 'Z' && !t->is_kthread);
	if (t)
		CHECK_EQ_I(t->stat.ppid, 200);

	/* 300: hostile comm; status and io missing → bits unset */
	t = find_proc(s, 300);
	CHECK(t != NULL);
	if (t) {
		CHECK_STR(t->stat.comm, ") Z 1 (\033[1m");
		CHECK_EQ_I(t->stat.state, 'R');
		CHECK_EQ_I(t->stat.ppid, 1);
		CHECK(t->have & TASK_HAVE_STATM);
		CHECK(!(t->have & (TASK_HAVE_STATUS | TASK_HAVE_IO |
			TASK_HAVE_ROLLUP)));
		CHECK_STR(t->cmdline, "evil: worker process with spaces");
		CHECK(t->exe == NULL);
	}

	/* 200: threaded */
	t = find_proc(s, 200);
	CHECK(t != NULL);
	if (t) {
		CHECK_EQ_I(t->stat.num_threads, 3);
		CHECK_EQ_I(t->stat.nice, 5);
		CHECK_EQ_U(t->uid, 1000);              /* status euid */
		CHECK_EQ_U(t->x->status.vm_swap_kib, 64);
		CHECK_STR(t->cmdline, "./threaded --workers 2");
		CHECK_STR(t->exe, "/opt/threaded (deleted)");
	}
}

/* The one thread of a process whose stat says num_threads 1 is made from
 * the process row (its task/ is not listed; the fixture has none). */
static void check_fixture_threads(const struct snapshot *s,
	bool thread_status)
{
	size_t n200 = 0, nsingle = 0;

	CHECK(s->has_threads);
	/* leader 200 + 201 + 202; 203 has no stat (vanished): only it drops.
	 * 1, 2, 3, 100 and 300 are single-threaded: their process row stands
	 * for their one thread, no thread entry is made. */
	for (size_t i = 0; i < s->nthreads; i++) {
		const struct task *t = &s->threads[i];
		CHECK(t->is_thread);
		if (t->tgid != 200) {
			nsingle++;
			continue;
		}
		CHECK(t->pid == 200 + (pid_t)n200);
		n200++;
		CHECK(t->have & TASK_HAVE_STAT);
		CHECK(!(t->have & TASK_HAVE_STATUS) == !thread_status);
		CHECK(t->have & TASK_HAVE_STATM);      /* copied, mm-wide */
		CHECK(!(t->have & TASK_HAVE_CMDLINE));
		if (thread_status)
			CHECK_EQ_U(t->x->status.voluntary_ctxt, (uint64_t)t->pid);
		CHECK_EQ_U(t->statm->resident, 2560);
		if (t->pid == 201) {
			CHECK_EQ_I(t->stat.state, 'R');
			CHECK_STR(t->stat.comm, "worker");
			CHECK_EQ_U(t->stat.utime, 20);
			CHECK_EQ_U(t->stat.starttime, 801);
		}
	}
	CHECK_EQ_U(n200, 3);
	CHECK_EQ_U(nsingle, 0);
	CHECK_EQ_U(s->nthreads, 3);
}

static void test_fixture_tree(void)
{
	struct snapshot s;
	struct stat sb;
	int err = 0;
	struct collector *c = collector_new(FIXTURES "/proc", &err);
	unsigned long long st = 0;
	long i1, i200;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_STR(collector_root(c), FIXTURES "/proc");

	/* everything, twice (the second sample comes from the cache) */
	for (int round = 0; round < 2; round++) {
		snapshot_init(&s);
		CHECK_EQ_I(collector_sample(c, ALL_NEED, &s), 0);
		check_fixture_sample(&s);
		check_fixture_threads(&s, true);
		snapshot_fini(&s);
	}

	/* threads without their status; statm copied to every thread */
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_STATM | NEED_THREADS,
		&s), 0);
	check_fixture_threads(&s, false);
	snapshot_fini(&s);

	/* with NEED_USER but no status: the owner is the dir's (fstat) */
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_USER, &s), 0);
	CHECK_EQ_U(s.nprocs, 6);
	CHECK(stat(FIXTURES "/proc/200", &sb) == 0);
	for (size_t i = 0; i < s.nprocs; i++) {
		CHECK_EQ_U(s.procs[i].have & ~TASK_HAVE_LONG_COMM,
			TASK_HAVE_STAT | TASK_HAVE_UID);
		if (s.procs[i].pid == 200)
			CHECK_EQ_U(s.procs[i].uid, sb.st_uid);
	}
	snapshot_fini(&s);

	/* stat only: no optional bits, no owner (nothing asked for it, so
	 * no fstat), no threads, no cmdline */
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT, &s), 0);
	CHECK_EQ_U(s.nprocs, 6);
	CHECK_EQ_U(s.nthreads, 0);
	for (size_t i = 0; i < s.nprocs; i++) {
		CHECK_EQ_U(s.procs[i].have & ~TASK_HAVE_LONG_COMM,
			TASK_HAVE_STAT);
		CHECK(s.procs[i].cmdline == NULL && s.procs[i].user == NULL);
	}

	/* fill: extra files for chosen rows; a replaced process stays unset */
	i1 = find_index(&s, 1);
	i200 = find_index(&s, 200);
	CHECK(i1 >= 0 && i200 >= 0);
	if (i1 >= 0 && i200 >= 0) {
		long idx[3] = { i1, i200, 99999 };
		s.procs[i200].stat.starttime = 12345;   /* "a reused pid" */
		CHECK_EQ_I(collector_fill(c, &s, idx, 3,
			NEED_STATM | NEED_ROLLUP | NEED_CMDLINE | NEED_USER), 0);
		CHECK(s.procs[i1].have & TASK_HAVE_STATM);
		CHECK(s.procs[i1].have & TASK_HAVE_ROLLUP);
		CHECK_STR(s.procs[i1].cmdline, "/sbin/init splash");
		CHECK(!(s.procs[i200].have & TASK_HAVE_STATM));
		CHECK(s.procs[i200].cmdline == NULL);
	}
	snapshot_fini(&s);

	CHECK_EQ_I(collector_pid_starttime(c, 200, &st), 0);
	CHECK_EQ_U(st, 800);
	CHECK_EQ_I(collector_pid_starttime(c, 999, &st), -ESRCH);
	CHECK_EQ_I(collector_pid_starttime(c, 400, &st), -ESRCH);
	CHECK_STR(collector_user_name(c, 0), "root");
	CHECK(collector_user_name(c, 0) == collector_user_name(c, 0));
	CHECK(collector_user_name(c, 4000000000u) == NULL);
	collector_free(c);

	CHECK(collector_new(FIXTURES "/nope", &err) == NULL);
	CHECK_EQ_I(err, -ENOENT);
}

static void *idle_thread(void *arg)
{
	int *fds = arg;
	char ch;
	/* blocks until the main thread closes the write end */
	while (read(fds[0], &ch, 1) > 0)
		;
	return NULL;
}

static void test_real_proc(void)
{
	struct snapshot s;
	int err = 0, fds[2];
	pthread_t th;
	struct collector *c = collector_new("/proc", &err);
	const struct task *me;
	size_t mine = 0;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(pipe(fds) == 0);
	CHECK(pthread_create(&th, NULL, idle_thread, fds) == 0);

	/* cheap sample of everything (the machine may run thousands of
	 * processes), then the expensive files for our own row only */
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_USER | NEED_THREADS,
		&s), 0);
	CHECK(s.nprocs >= 2);
	CHECK(s.sys.mem.mem_total > 0);
	long idx = find_index(&s, getpid());
	CHECK(idx >= 0);
	if (idx >= 0)
		CHECK_EQ_I(collector_fill(c, &s, &idx, 1, NEED_STATM |
			NEED_CMDLINE | NEED_USER), 0);
	me = find_proc(&s, getpid());
	CHECK(me != NULL);
	if (me) {
		CHECK(me->have & TASK_HAVE_STATM);
		CHECK(me->statm->resident > 0);
		CHECK_EQ_I(me->stat.ppid, getppid());
		CHECK_EQ_I(me->stat.num_threads, 2);
		CHECK(me->cmdline && strstr(me->cmdline, "test_collector"));
		CHECK(me->exe && strstr(me->exe, "test_collector"));
		CHECK_EQ_U(me->uid, getuid());
		CHECK(!me->is_kthread);
	}
	for (size_t i = 0; i < s.nthreads; i++)
		if (s.threads[i].tgid == getpid())
			mine++;
	CHECK_EQ_U(mine, 2);
	me = find_proc(&s, 2);
	if (me && !strcmp(me->stat.comm, "kthreadd"))
		CHECK(me->is_kthread);
	/* a single-threaded process lists no thread: its row stands for it */
	snapshot_finish(&s, NULL);
	size_t nsingle = 0, nsingle_ok = 0;
	for (size_t i = 0; i < s.nprocs; i++) {
		const struct task *p = &s.procs[i];
		if (p->stat.num_threads != 1)
			continue;
		nsingle++;
		if (p->nthreads_listed == 0 && p->first_thread < 0)
			nsingle_ok++;
	}
	CHECK(nsingle > 0);
	CHECK_EQ_U(nsingle_ok, nsingle);
	snapshot_fini(&s);

	close(fds[1]);
	pthread_join(th, NULL);
	close(fds[0]);
	collector_free(c);
}

/* Threads of one process (collector_threads_of): every sample reads only
 * that process's threads, with their status files; snapshot_finish gives
 * them CPU% from the previous sample, which has them too.  Another start
 * time (a reused pid) or pid 0 reads none. */
static void test_threads_of(void)
{
	struct snapshot a, b;
	int err = 0, fds[2];
	pthread_t th;
	struct collector *c = collector_new("/proc", &err);
	size_t mine = 0, have_cpu = 0, have_status = 0;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(pipe(fds) == 0);
	CHECK(pthread_create(&th, NULL, idle_thread, fds) == 0);

	snapshot_init(&a);
	snapshot_init(&b);
	CHECK_EQ_I(collector_sample(c, NEED_STAT, &a), 0);
	snapshot_finish(&a, NULL);
	CHECK_EQ_U(a.nthreads, 0);
	long idx = snapshot_find(&a, getpid());
	CHECK(idx >= 0);
	uint64_t start = idx >= 0 ? a.procs[idx].stat.starttime : 0;

	/* a pid reused: another start time reads nothing */
	collector_threads_of(c, getpid(), start + 1, NEED_THREAD_STATUS);
	snapshot_clear(&a);
	CHECK_EQ_I(collector_sample(c, NEED_STAT, &a), 0);
	snapshot_finish(&a, NULL);
	CHECK_EQ_U(a.nthreads, 0);

	collector_threads_of(c, getpid(), start, NEED_THREAD_STATUS);
	snapshot_clear(&a);
	CHECK_EQ_I(collector_sample(c, NEED_STAT, &a), 0);
	snapshot_finish(&a, NULL);
	CHECK_EQ_U(a.nthreads, 2);
	idx = snapshot_find(&a, getpid());
	if (idx >= 0)
		CHECK_EQ_I(a.procs[idx].nthreads_listed, 2);
	for (size_t i = 0; i < a.nthreads; i++) {
		CHECK_EQ_I(a.threads[i].tgid, getpid());
		if (a.threads[i].have & TASK_HAVE_STATUS)
			have_status++;
	}
	CHECK_EQ_U(have_status, 2);

	CHECK_EQ_I(collector_sample(c, NEED_STAT, &b), 0);
	snapshot_finish(&b, &a);
	for (size_t i = 0; i < b.nthreads; i++) {
		const struct task *t = &b.threads[i];
		if (t->tgid != getpid())
			continue;
		mine++;
		if (t->have & TASK_HAVE_CPU)
			have_cpu++;
		CHECK(t->have & TASK_HAVE_STATUS);
	}
	CHECK_EQ_U(mine, 2);
	CHECK_EQ_U(b.nthreads, 2);
	CHECK_EQ_U(have_cpu, 2);

	/* pid 0: none again */
	collector_threads_of(c, 0, 0, 0);
	snapshot_clear(&b);
	CHECK_EQ_I(collector_sample(c, NEED_STAT, &b), 0);
	snapshot_finish(&b, NULL);
	CHECK_EQ_U(b.nthreads, 0);
	snapshot_fini(&a);
	snapshot_fini(&b);

	close(fds[1]);
	pthread_join(th, NULL);
	close(fds[0]);
	collector_free(c);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

/* Whether pid's row in a NEED_CMDLINE sample of c has a cmdline. */
static bool sample_has_cmdline(struct collector *c, pid_t pid)
{
	struct snapshot s;
	const struct task *t;
	bool have = false;

	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_CMDLINE, &s), 0);
	t = find_proc(&s, pid);
	CHECK(t != NULL);
	if (t)
		have = (t->have & TASK_HAVE_CMDLINE) && t->cmdline;
	snapshot_fini(&s);
	return have;
}

/* A cmdline that cannot be read is not tried again every sample (a
 * directory stands in for EACCES, which root never gets), but is after a
 * while; an exec (comm changes, pid and starttime stay) reads it again. */
static void test_cmdline_cache(void)
{
	char root[] = "/tmp/test_collector.XXXXXX", dir[600], path[700];
	struct collector *c;
	int err = 0, n;

	CHECK(mkdtemp(root) != NULL);
	snprintf(dir, sizeof(dir), "%s/500", root);
	put_file(root, "meminfo", "MemTotal: 1000 kB\nMemFree: 500 kB\n");
	put_file(root, "stat", "cpu  1 0 1 10 0 0 0 0 0 0\n"
		"cpu0 1 0 1 10 0 0 0 0 0 0\n");
	CHECK(mkdir(dir, 0755) == 0);
	put_file(dir, "stat", "500 (old) S 1 500 500 0 -1 4194304 0 0 0 0 "
		"1 1 0 0 20 0 1 0 900 1000 10 0\n");
	snprintf(path, sizeof(path), "%s/cmdline", dir);
	CHECK(mkdir(path, 0755) == 0);

	c = collector_new(root, &err);
	CHECK(c != NULL);
	if (c) {
		CHECK(!sample_has_cmdline(c, 500));
		/* now readable: the cached failure holds for a while */
		CHECK(rmdir(path) == 0);
		put_file(dir, "cmdline", "/bin/new\0arg\0");
		CHECK(!sample_has_cmdline(c, 500));
		for (n = 2; n < 200 && !sample_has_cmdline(c, 500); n++)
			;
		CHECK(n > 2 && n < 200);
		CHECK(sample_has_cmdline(c, 500));
		/* exec: same pid and start time, new comm and cmdline */
		put_file(dir, "cmdline", "/bin/exec\0");
		put_file(dir, "stat", "500 (exec) S 1 500 500 0 -1 4194304 0 0 "
			"0 0 1 1 0 0 20 0 1 0 900 1000 10 0\n");
		struct snapshot s;
		snapshot_init(&s);
		CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_CMDLINE, &s), 0);
		const struct task *t = find_proc(&s, 500);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "/bin/exec"));
		snapshot_fini(&s);
		collector_free(c);
	}
	unlink(path);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/stat", dir);
	unlink(path);
	rmdir(dir);
	snprintf(path, sizeof(path), "%s/meminfo", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/stat", root);
	unlink(path);
	CHECK(rmdir(root) == 0);
}

/* put_file for text with NULs (a cmdline literal). */
#define PUT_BYTES(dir, name, lit) put_bytes(dir, name, lit, sizeof(lit) - 1)
static void put_bytes(const char *dir, const char *name, const char *p,
	size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_EQ_U(fwrite(p, 1, len, f), len);
	fclose(f);
}

/* The cached cmdline of a young process (started since the previous
 * sample, or just before the first) is read once more the next sample: a
 * fork caught before its exec keeps the comm (bash -> bash script.sh).
 * An old process's is not (batch cost): collector_fill with NEED_CMDLINE
 * re-reads it now (postgres rewriting its title).  Snapshots share the
 * cache's strings: no copy per sample, and one alive while the cache
 * moves on keeps its own. */
static void test_cmdline_recheck(void)
{
	char root[] = "/tmp/test_collector.XXXXXX", d700[600], d701[600],
		path[700];
	struct snapshot a, b, s3, s4;
	struct collector *c;
	const struct task *t;
	int err = 0;

	CHECK(mkdtemp(root) != NULL);
	put_file(root, "meminfo", "MemTotal: 1000 kB\nMemFree: 500 kB\n");
	put_file(root, "stat", "cpu  1 0 1 10 0 0 0 0 0 0\n"
		"cpu0 1 0 1 10 0 0 0 0 0 0\n");
	put_file(root, "uptime", "1000.00 0.00\n");
	snprintf(d700, sizeof(d700), "%s/700", root);
	snprintf(d701, sizeof(d701), "%s/701", root);
	CHECK(mkdir(d700, 0755) == 0 && mkdir(d701, 0755) == 0);
	/* 700 started 0.5 s before the first sample, 701 long ago */
	put_file(d700, "stat", "700 (bash) S 1 700 700 0 -1 4194304 0 0 0 0 "
		"1 1 0 0 20 0 1 0 99950 1000 10 0\n");
	put_file(d701, "stat", "701 (postgres) S 1 701 701 0 -1 4194304 0 0 "
		"0 0 1 1 0 0 20 0 1 0 100 1000 10 0\n");
	put_file(d700, "cmdline", "bash");
	put_file(d701, "cmdline", "postgres");

	c = collector_new(root, &err);
	CHECK(c != NULL);
	snapshot_init(&a);
	snapshot_init(&b);
	snapshot_init(&s3);
	snapshot_init(&s4);
	if (c) {
		unsigned need = NEED_STAT | NEED_CMDLINE;
		CHECK_EQ_I(collector_sample(c, need, &a), 0);
		snapshot_finish(&a, NULL);
		t = find_proc(&a, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash"));

		/* exec with the same comm; the old one rewrites its title */
		PUT_BYTES(d700, "cmdline", "bash\0script.sh\0");
		PUT_BYTES(d701, "cmdline", "postgres: writer\0\0\0");
		put_file(root, "uptime", "1002.00 0.00\n");
		CHECK_EQ_I(collector_sample(c, need, &b), 0);
		snapshot_finish(&b, &a);
		t = find_proc(&b, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash script.sh"));
		CHECK(t && t->cmdline_len == 14);
		t = find_proc(&b, 701);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "postgres"));
		/* shared, not copied: the same bytes in both snapshots */
		CHECK(t && find_proc(&a, 701) &&
			find_proc(&a, 701)->cmdline == t->cmdline);
		t = find_proc(&a, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash"));

		/* young only once: later changes wait for a fill */
		PUT_BYTES(d700, "cmdline", "bash\0other\0");
		put_file(root, "uptime", "1004.00 0.00\n");
		CHECK_EQ_I(collector_sample(c, need, &s3), 0);
		snapshot_finish(&s3, &b);
		t = find_proc(&s3, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash script.sh"));
		long idx[2] = { snapshot_find(&s3, 700),
			snapshot_find(&s3, 701) };
		CHECK(idx[0] >= 0 && idx[1] >= 0);
		CHECK_EQ_I(collector_fill(c, &s3, idx, 2, NEED_CMDLINE), 0);
		t = find_proc(&s3, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash other"));
		t = find_proc(&s3, 701);
		CHECK(t && t->cmdline &&
			!strcmp(t->cmdline, "postgres: writer"));
		CHECK(t && t->cmdline_len == 16);
		/* the older snapshot keeps what it showed */
		t = find_proc(&b, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash script.sh"));
		/* an unchanged re-read keeps the same string */
		const char *before = find_proc(&s3, 701)->cmdline;
		CHECK_EQ_I(collector_fill(c, &s3, idx, 2, NEED_CMDLINE), 0);
		CHECK(find_proc(&s3, 701)->cmdline == before);

		/* the cache has the re-read strings for the next sample */
		snapshot_clear(&a);
		CHECK_EQ_I(collector_sample(c, need, &s4), 0);
		snapshot_finish(&s4, &s3);
		t = find_proc(&s4, 701);
		CHECK(t && t->cmdline == before);
		t = find_proc(&s4, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash other"));
		collector_free(c);
		/* snapshots outlive the collector's cache */
		t = find_proc(&s4, 700);
		CHECK(t && t->cmdline && !strcmp(t->cmdline, "bash other"));
	}
	snapshot_fini(&a);
	snapshot_fini(&b);
	snapshot_fini(&s3);
	snapshot_fini(&s4);
	const char *files[] = { "stat", "cmdline" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", d700, files[i]);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%s", d701, files[i]);
		unlink(path);
	}
	rmdir(d700);
	rmdir(d701);
	const char *rfiles[] = { "meminfo", "stat", "uptime" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, rfiles[i]);
		unlink(path);
	}
	CHECK(rmdir(root) == 0);
}

/* A stat line for a fixture task: utime, num_threads, starttime. */
static void put_stat(const char *dir, pid_t pid, unsigned utime,
	unsigned nthreads, unsigned start)
{
	char line[256];

	snprintf(line, sizeof(line), "%d (w) S 1 %d %d 0 -1 4194304 0 0 0 0 "
		"%u 0 0 0 20 0 %u 0 %u 1000 10 0\n", (int)pid, (int)pid,
		(int)pid, utime, nthreads, start);
	put_file(dir, "stat", line);
}

/* The threads of pid 600 in a NEED_THREADS sample: count, and the leader
 * thread's utime (which says where its stat came from). */
static size_t sample_threads_of(struct collector *c, unsigned need,
	uint64_t *leader_utime)
{
	struct snapshot s;
	size_t n = 0;

	*leader_utime = 0;
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, need | NEED_THREADS, &s), 0);
	for (size_t i = 0; i < s.nthreads; i++) {
		if (s.threads[i].tgid != 600)
			continue;
		n++;
		if (s.threads[i].pid == 600)
			*leader_utime = s.threads[i].stat.utime;
	}
	snapshot_fini(&s);
	return n;
}

/* A single-threaded process lists no thread (task/ is not read); once it
 * had more threads, task/ is listed for its lifetime (the process's
 * counters keep the dead threads' time: the leader's own utime 5, not the
 * process's 50); a new process on the pid (start time differs) starts
 * afresh. */
static void test_thread_history(void)
{
	char root[] = "/tmp/test_collector.XXXXXX", dir[600], task[700],
		t600[800], t601[800], path[900];
	struct collector *c;
	uint64_t ut;
	int err = 0;

	CHECK(mkdtemp(root) != NULL);
	put_file(root, "meminfo", "MemTotal: 1000 kB\nMemFree: 500 kB\n");
	put_file(root, "stat", "cpu  1 0 1 10 0 0 0 0 0 0\n"
		"cpu0 1 0 1 10 0 0 0 0 0 0\n");
	snprintf(dir, sizeof(dir), "%s/600", root);
	snprintf(task, sizeof(task), "%s/task", dir);
	snprintf(t600, sizeof(t600), "%s/600", task);
	snprintf(t601, sizeof(t601), "%s/601", task);
	CHECK(mkdir(dir, 0755) == 0 && mkdir(task, 0755) == 0 &&
		mkdir(t600, 0755) == 0 && mkdir(t601, 0755) == 0);
	put_stat(dir, 600, 50, 1, 900);
	put_stat(t600, 600, 5, 1, 900);

	c = collector_new(root, &err);
	CHECK(c != NULL);
	for (int cmd = 0; c && cmd < 2; cmd++) {
		unsigned need = cmd ? NEED_CMDLINE : 0;
		put_stat(dir, 600, 50, 1, 900 + (unsigned)cmd);
		put_stat(t600, 600, 5, 1, 900 + (unsigned)cmd);
		snprintf(path, sizeof(path), "%s/stat", t601);
		unlink(path);
		CHECK_EQ_U(sample_threads_of(c, need, &ut), 0);
		CHECK_EQ_U(ut, 0);
		/* a second thread appears: task/ is listed */
		put_stat(dir, 600, 50, 2, 900 + (unsigned)cmd);
		put_stat(t601, 601, 40, 2, 900 + (unsigned)cmd);
		CHECK_EQ_U(sample_threads_of(c, need, &ut), 2);
		CHECK_EQ_U(ut, 5);
		/* it exits: still task/, for the rest of this lifetime */
		unlink(path);
		put_stat(dir, 600, 50, 1, 900 + (unsigned)cmd);
		for (int round = 0; round < 2; round++) {
			CHECK_EQ_U(sample_threads_of(c, need, &ut), 1);
			CHECK_EQ_U(ut, 5);
		}
		/* an exec (comm changes) keeps it; a new process does not */
		put_file(dir, "stat", cmd ? "600 (x) S 1 600 600 0 -1 "
			"4194304 0 0 0 0 50 0 0 0 20 0 1 0 901 1000 10 0\n" :
			"600 (x) S 1 600 600 0 -1 4194304 0 0 0 0 50 0 0 0 20 0 "
			"1 0 900 1000 10 0\n");
		CHECK_EQ_U(sample_threads_of(c, need, &ut), 1);
		CHECK_EQ_U(ut, 5);
		put_stat(dir, 600, 50, 1, 2000);
		CHECK_EQ_U(sample_threads_of(c, need, &ut), 0);
		CHECK_EQ_U(ut, 0);
	}
	collector_free(c);
	snprintf(path, sizeof(path), "%s/stat", t601);
	unlink(path);
	snprintf(path, sizeof(path), "%s/stat", t600);
	unlink(path);
	rmdir(t601);
	rmdir(t600);
	rmdir(task);
	snprintf(path, sizeof(path), "%s/stat", dir);
	unlink(path);
	rmdir(dir);
	snprintf(path, sizeof(path), "%s/meminfo", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/stat", root);
	unlink(path);
	CHECK(rmdir(root) == 0);
}

/* A sample in steps equals one taken at once; a step past its deadline
 * reads one process; an aborted sample keeps the cache; collector_fill
 * between steps works but leaves the command line alone. */
static void test_steps(void)
{
	struct snapshot s, t;
	struct timespec past = { 0, 0 };
	int err = 0, rc;
	size_t steps = 0;
	struct collector *c = collector_new(FIXTURES "/proc", &err);

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_EQ_I(collector_step(c, &past), -EINVAL);   /* none begun */
	CHECK(!collector_busy(c));
	snapshot_init(&s);
	CHECK_EQ_I(collector_begin(c, ALL_NEED, &s), 0);
	CHECK(collector_busy(c));
	while ((rc = collector_step(c, &past)) == 1)
		steps++;
	CHECK_EQ_I(rc, 0);
	CHECK(!collector_busy(c));
	/* one process a step: the listing has 7 pids (400 has no stat) */
	CHECK_EQ_U(steps, 6);
	check_fixture_sample(&s);
	check_fixture_threads(&s, true);

	/* abort half-way, then a whole sample: the cached strings are the
	 * same objects (nothing was dropped and read again) */
	snapshot_init(&t);
	CHECK_EQ_I(collector_begin(c, ALL_NEED, &t), 0);
	CHECK_EQ_I(collector_step(c, &past), 1);
	CHECK_EQ_I(collector_step(c, &past), 1);
	long i200 = snapshot_find(&s, 200);
	/* fill between steps: statm again, no command line */
	CHECK(i200 >= 0);
	if (i200 >= 0) {
		s.procs[i200].have &= ~TASK_HAVE_STATM;
		CHECK_EQ_I(collector_fill(c, &s, &i200, 1,
			NEED_STATM | NEED_CMDLINE), 0);
		CHECK(s.procs[i200].have & TASK_HAVE_STATM);
	}
	collector_abort(c);
	CHECK(!collector_busy(c));
	snapshot_fini(&t);
	snapshot_init(&t);
	CHECK_EQ_I(collector_sample(c, ALL_NEED, &t), 0);
	check_fixture_sample(&t);
	long j200 = snapshot_find(&t, 200);
	CHECK(i200 >= 0 && j200 >= 0 &&
		s.procs[i200].cmdline == t.procs[j200].cmdline);
	snapshot_fini(&t);
	snapshot_fini(&s);

	/* freeing a collector in the middle of a sample leaks nothing */
	snapshot_init(&t);
	CHECK_EQ_I(collector_begin(c, ALL_NEED, &t), 0);
	CHECK_EQ_I(collector_step(c, &past), 1);
	collector_free(c);
	snapshot_fini(&t);
}

/* Interned strings: one copy per distinct byte string; a sweep drops
 * those only the pool holds, keeps the rest findable. */
static void test_strpool(void)
{
	struct strpool p;
	struct snap_str *a, *b, *c, *keep[3000];
	char buf[32];

	strpool_init(&p);
	a = strpool_intern(&p, "sleep 600", 9);
	b = strpool_intern(&p, "sleep 600", 9);
	c = strpool_intern(&p, "sleep 6000", 10);
	CHECK(a == b);
	CHECK(a != c);
	CHECK_EQ_U(a->refs, 3);          /* a, b and the pool */
	CHECK_EQ_U(p.n, 2);
	/* an empty string and bytes with NULs inside are strings too */
	struct snap_str *e = strpool_intern(&p, "", 0);
	CHECK(e && e->len == 0 && e->bytes[0] == '\0');
	snap_str_unref(e);
	for (int i = 0; i < 3000; i++) {
		int n = snprintf(buf, sizeof(buf), "worker %d", i);
		keep[i] = strpool_intern(&p, buf, (size_t)n);
	}
	CHECK_EQ_U(p.n, 3003);
	CHECK(p.cap >= 2 * p.n);
	snap_str_unref(b);
	snap_str_unref(c);                /* only the pool holds it now */
	for (int i = 0; i < 3000; i += 2)
		snap_str_unref(keep[i]);
	strpool_sweep(&p);
	CHECK_EQ_U(p.n, 1 + 1500);        /* a and the odd workers */
	CHECK(strpool_intern(&p, "worker 7", 8) == keep[7]);
	snap_str_unref(keep[7]);
	c = strpool_intern(&p, "sleep 6000", 10);   /* made again */
	CHECK_EQ_U(c->refs, 2);
	snap_str_unref(c);
	for (int i = 1; i < 3000; i += 2)
		snap_str_unref(keep[i]);
	snap_str_unref(a);
	strpool_sweep(&p);
	CHECK_EQ_U(p.n, 0);
	CHECK(p.cap <= 64);
	strpool_fini(&p);
}

/* NEED_FDS, NEED_CGROUP and NEED_PSI: the fixture tree (fd/ listed, as
 * its root has no self/fd) and the real /proc (st_size of fd/ on new
 * kernels). */
static void test_fds_cgroup_psi(void)
{
	struct snapshot s;
	int err = 0, extra[3];
	struct collector *c = collector_new(FIXTURES "/proc", &err);
	long i;

	CHECK(c != NULL);
	if (!c)
		return;
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_FDS | NEED_CGROUP, &s),
		0);
	i = find_index(&s, 100);
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK(s.procs[i].have & TASK_HAVE_FDS);
		CHECK_EQ_U(s.procs[i].x->nfds, 4);
		CHECK(s.procs[i].have & TASK_HAVE_CGROUP);
		CHECK_STR(s.procs[i].x->cgroup, "/system.slice/fixture.service");
	}
	i = find_index(&s, 1);
	CHECK(i >= 0 && !(s.procs[i].have & (TASK_HAVE_FDS | TASK_HAVE_CGROUP)));
	snapshot_fini(&s);
	collector_free(c);

	c = collector_new("/proc", &err);
	CHECK(c != NULL);
	if (!c)
		return;
	for (int k = 0; k < 3; k++)
		extra[k] = dup(0);
	snapshot_init(&s);
	CHECK_EQ_I(collector_sample(c, NEED_STAT | NEED_FDS | NEED_CGROUP |
		NEED_PSI, &s), 0);
	i = find_index(&s, getpid());
	CHECK(i >= 0);
	if (i >= 0) {
		/* 0-2, the three dups, the collector's own (root, sysstats, the
		 * pid directory being read): at least 6 */
		CHECK(s.procs[i].have & TASK_HAVE_FDS);
		CHECK(s.procs[i].x->nfds >= 6 && s.procs[i].x->nfds < 64);
		CHECK(s.procs[i].have & TASK_HAVE_CGROUP);
		CHECK(s.procs[i].x->cgroup && s.procs[i].x->cgroup[0] == '/');
	}
	if (access("/proc/pressure/cpu", R_OK) == 0)
		CHECK(s.sys.psi.res[PSI_CPU].has_some);
	snapshot_fini(&s);
	for (int k = 0; k < 3; k++)
		close(extra[k]);
	collector_free(c);
}

int main(void)
{
	test_reader();
	test_fixture_tree();
	test_steps();
	test_strpool();
	test_fds_cgroup_psi();
	test_real_proc();
	test_threads_of();
	test_cmdline_cache();
	test_cmdline_recheck();
	test_thread_history();
	return check_done();
}
