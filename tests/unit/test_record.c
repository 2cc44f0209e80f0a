/* Unit tests for the recording format: headers, index entries, times, and
 * the codec's round trip (every kept field of every task, the system
 * figures) on hand-made snapshots and on real samples of this machine. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/record.h"
#include "check.h"

static bool same_str(const char *a, size_t alen, const char *b, size_t blen)
{
	if (!a || !b)
		return !a && !b;
	return alen == blen && !memcmp(a, b, alen);
}

/* Every field a task keeps, under its validity bits. */
static bool same_task(const struct task *a, const struct task *b)
{
	const uint32_t rec = TASK_HAVE_STAT | TASK_HAVE_STATM |
		TASK_HAVE_STATUS | TASK_HAVE_ROLLUP | TASK_HAVE_IO |
		TASK_HAVE_CMDLINE | TASK_HAVE_UID | TASK_HAVE_IDS;
	uint32_t have = a->have & rec;
	bool ok = true;

	ok &= a->pid == b->pid && a->tgid == b->tgid;
	ok &= a->is_thread == b->is_thread && a->is_kthread == b->is_kthread;
	ok &= have == (b->have & rec);
	const struct task_stat_kept *s = &a->stat, *r = &b->stat;
	ok &= !strcmp(s->comm, r->comm) && s->state == r->state &&
		s->ppid == r->ppid && s->pgrp == r->pgrp &&
		s->session == r->session && s->tty_nr == r->tty_nr &&
		s->flags == r->flags && s->priority == r->priority &&
		s->nice == r->nice && s->num_threads == r->num_threads &&
		s->processor == r->processor &&
		s->rt_priority == r->rt_priority && s->policy == r->policy &&
		s->minflt == r->minflt && s->majflt == r->majflt &&
		s->utime == r->utime && s->stime == r->stime &&
		s->starttime == r->starttime && s->vsize == r->vsize &&
		s->rss_pages == r->rss_pages;
	if (have & TASK_HAVE_STATM)
		ok &= !memcmp(a->statm, b->statm, sizeof(*a->statm));
	if (have & TASK_HAVE_UID)
		ok &= a->uid == b->uid;
	if (have & TASK_HAVE_STATUS) {
		const struct task_status_kept *x = &a->x->status,
			*y = &b->x->status;
		ok &= x->vm_swap_kib == y->vm_swap_kib &&
			x->voluntary_ctxt == y->voluntary_ctxt &&
			x->nonvoluntary_ctxt == y->nonvoluntary_ctxt &&
			x->euid == y->euid && x->has_vm == y->has_vm;
	}
	if (have & TASK_HAVE_IDS)
		ok &= !memcmp(a->x->ids, b->x->ids, sizeof(*a->x->ids));
	if (have & TASK_HAVE_ROLLUP)
		ok &= !memcmp(&a->x->rollup, &b->x->rollup,
			sizeof(a->x->rollup));
	if (have & TASK_HAVE_IO)
		ok &= a->x->io.read_bytes == b->x->io.read_bytes &&
			a->x->io.write_bytes == b->x->io.write_bytes;
	ok &= same_str(a->cmdline, a->cmdline ? a->cmdline_len : 0,
		b->cmdline, b->cmdline ? b->cmdline_len : 0);
	ok &= same_str(a->exe, a->exe ? strlen(a->exe) : 0, b->exe,
		b->exe ? strlen(b->exe) : 0);
	ok &= same_str(a->user, a->user ? strlen(a->user) : 0, b->user,
		b->user ? strlen(b->user) : 0);
	if (!ok)
		fprintf(stderr, "task %d/%d (%s) differs\n", (int)a->tgid,
			(int)a->pid, a->stat.comm);
	return ok;
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	bool ok = a->nprocs == b->nprocs && a->nthreads == b->nthreads &&
		a->hz == b->hz && a->page_kib == b->page_kib &&
		a->has_threads == b->has_threads &&
		a->mono.tv_sec == b->mono.tv_sec &&
		a->mono.tv_nsec == b->mono.tv_nsec;
	const struct sys_stats *x = &a->sys, *y = &b->sys;

	ok &= !memcmp(&x->mem, &y->mem, offsetof(struct mem_stats, has_zswap))
		&& x->mem.has_zswap == y->mem.has_zswap;
	ok &= !memcmp(&x->vm, &y->vm, sizeof(x->vm));
	ok &= !memcmp(&x->cpu_total, &y->cpu_total,
		offsetof(struct cpu_ticks, online));
	ok &= x->ncpus == y->ncpus && x->ctxt == y->ctxt &&
		x->intr == y->intr && x->forks == y->forks &&
		x->btime == y->btime && x->procs_running == y->procs_running &&
		x->procs_blocked == y->procs_blocked &&
		!memcmp(x->loadavg, y->loadavg, sizeof(x->loadavg)) &&
		x->uptime_s == y->uptime_s;
	for (size_t i = 0; ok && i < x->ncpus; i++)
		ok &= !memcmp(&x->cpus[i], &y->cpus[i],
			offsetof(struct cpu_ticks, online)) &&
			x->cpus[i].online == y->cpus[i].online;
	for (size_t i = 0; ok && i < a->nprocs; i++)
		ok &= same_task(&a->procs[i], &b->procs[i]);
	for (size_t i = 0; ok && i < a->nthreads; i++)
		ok &= same_task(&a->threads[i], &b->threads[i]);
	return ok;
}

static struct task *add_proc(struct snapshot *s, pid_t pid, const char *comm,
	const char *cmd, uint64_t start)
{
	struct task *t = snapshot_add_proc(s);

	t->pid = t->tgid = pid;
	t->have = TASK_HAVE_STAT | TASK_HAVE_STATM | TASK_HAVE_UID;
	snprintf(t->stat.comm, sizeof(t->stat.comm), "%s", comm);
	t->stat.state = 'S';
	t->stat.ppid = 1;
	t->stat.nice = -5;
	t->stat.tty_nr = -1;
	t->stat.num_threads = 1;
	t->stat.starttime = start;
	t->stat.utime = 1000 + (uint64_t)pid;
	t->stat.vsize = UINT64_MAX - 5;   /* extremes survive */
	snapshot_task_statm(s, t)->resident = 1234;
	t->uid = 1000;
	t->user = "alice";
	if (cmd) {
		struct snap_str *c = snap_str_new(cmd, strlen(cmd));
		struct snap_str *e = snap_str_new("/bin/x", 6);
		snapshot_share_cmd(s, t, c, e);
		snap_str_unref(c);
		snap_str_unref(e);
		t->have |= TASK_HAVE_CMDLINE;
	}
	return t;
}

/* Known ids and capability masks (status's lines) for t; `changed`
 * moves some, as a setuid would. */
static void set_ids(struct snapshot *s, struct task *t, int changed)
{
	struct task_ids_kept *id = snapshot_task_ids(s, t);

	t->have |= TASK_HAVE_IDS;
	id->ruid = 1000;
	id->suid = changed ? 0 : 1001;
	id->fsuid = 65534;
	id->rgid = 100;
	id->egid = 101;
	id->sgid = 102;
	id->fsgid = UINT32_MAX - 1;      /* extremes survive */
	id->cap_inh = 0;
	id->cap_prm = changed ? 0x1ffffffffffull : 0x3;
	id->cap_eff = 1ull << 21;
	id->cap_bnd = UINT64_MAX;
	id->cap_amb = 1ull << 12;
}

static void fill_sys(struct snapshot *s, uint64_t tick)
{
	s->hz = 100;
	s->page_kib = 4;
	s->mono.tv_sec = 1000 + (time_t)tick;
	s->mono.tv_nsec = 500;
	s->sys.mem.mem_total = 16u << 20;
	s->sys.mem.mem_available = (8u << 20) + tick;
	s->sys.mem.has_zswap = true;
	s->sys.vm.pswpin = tick * 3;
	s->sys.cpu_total.user = 100 * tick;
	s->sys.cpu_total.online = true;
	s->sys.ncpus = 2;
	s->sys.cpus = calloc(2, sizeof(*s->sys.cpus));
	s->sys.cpus[0].online = true;
	s->sys.cpus[1].idle = tick;
	s->sys.loadavg[1] = 0.25;
	s->sys.uptime_s = 123.45 + (double)tick;
	s->sys.btime = 1700000000;
}

/* Encode s (against key, NULL for a key frame), decode into out against
 * dkey; returns rec_decode's result. */
static int round_trip(struct rec_enc *e, struct rec_dec *d,
	const struct snapshot *s, const struct snapshot *key,
	struct snapshot *out, const struct snapshot *dkey, size_t *size)
{
	const struct rec_buf *raw = rec_encode_payload(e, s, key != NULL);

	if (size)
		*size = raw->len;
	snapshot_clear(out);
	return rec_decode(d, raw->data, raw->len, out, dkey);
}

static void test_synthetic(void)
{
	struct snapshot key, cur, dkey, dcur;
	struct rec_enc *e = rec_enc_new();
	struct rec_dec *d = rec_dec_new();
	size_t key_size, delta_size;

	snapshot_init(&key);
	snapshot_init(&cur);
	snapshot_init(&dkey);
	snapshot_init(&dcur);
	fill_sys(&key, 0);
	add_proc(&key, 1, "init", "/sbin/init splash", 1);
	struct task *p = add_proc(&key, 42, "we\x1b[2Jird )(name", "a b c", 50);
	p->have |= TASK_HAVE_STATUS | TASK_HAVE_IO;
	struct task_extra *x = snapshot_task_extra(&key, p);
	x->status.vm_swap_kib = 77;
	x->status.has_vm = true;
	x->status.euid = 0;
	x->io.write_bytes = 1u << 30;
	set_ids(&key, p, 0);
	p->stat.num_threads = 2;
	struct task *k = add_proc(&key, 2, "kthreadd", NULL, 0);
	k->is_kthread = true;
	k->user = "root";
	struct task *th = snapshot_add_thread(&key);
	th->pid = 43;
	th->tgid = 42;
	th->have = TASK_HAVE_STAT;
	snprintf(th->stat.comm, sizeof(th->stat.comm), "worker");
	add_proc(&key, 99, "gone", "gone now", 60);
	snapshot_finish(&key, NULL);
	CHECK_EQ_I(round_trip(e, d, &key, NULL, &dkey, NULL, &key_size), 0);
	CHECK(same_snapshot(&key, &dkey));
	snapshot_finish(&dkey, NULL);

	/* The next sample: 1 unchanged, 2 unchanged, 42 changed, 99 gone,
	 * 100 new, a reused pid 7 with a new start time. */
	fill_sys(&cur, 1);
	add_proc(&cur, 1, "init", "/sbin/init splash", 1);
	struct task *k2 = add_proc(&cur, 2, "kthreadd", NULL, 0);
	k2->is_kthread = true;
	k2->user = "root";
	p = add_proc(&cur, 42, "renamed", "a b c --new", 50);
	p->have |= TASK_HAVE_STATUS | TASK_HAVE_IO;
	x = snapshot_task_extra(&cur, p);
	x->status.vm_swap_kib = 78;
	x->status.has_vm = true;
	x->io.write_bytes = (1u << 30) + 4096;
	set_ids(&cur, p, 1);
	p->stat.utime += 17;
	p->stat.state = 'R';
	p->stat.nice = 19;
	p->stat.num_threads = 2;
	th = snapshot_add_thread(&cur);
	th->pid = 44;
	th->tgid = 42;
	th->have = TASK_HAVE_STAT;
	add_proc(&cur, 100, "new", "/bin/new --flag", 90);
	add_proc(&cur, 99, "reused", "other", 95);
	snapshot_finish(&cur, &key);
	CHECK_EQ_I(round_trip(e, d, &cur, &key, &dcur, &dkey, &delta_size),
		0);
	CHECK(same_snapshot(&cur, &dcur));
	CHECK(delta_size < key_size);

	/* An unchanged sample costs a few bytes per task. */
	snapshot_clear(&cur);
	fill_sys(&cur, 0);
	add_proc(&cur, 1, "init", "/sbin/init splash", 1);
	CHECK_EQ_I(round_trip(e, d, &cur, &key, &dcur, &dkey, &delta_size),
		0);
	CHECK(same_snapshot(&cur, &dcur));

	/* A delta without a key: refused. */
	struct rec_dec *d2 = rec_dec_new();
	struct rec_buf raw;
	rec_buf_init(&raw);
	rec_encode(e, &cur, &key, &raw);
	snapshot_clear(&dcur);
	CHECK_EQ_I(rec_decode(d2, raw.data, raw.len, &dcur, &dkey), -EPROTO);

	/* Every truncation and a flipped byte anywhere: an error or some
	 * snapshot, never a crash (ASan checks). */
	for (size_t n = 0; n < raw.len; n++) {
		snapshot_clear(&dcur);
		CHECK(rec_decode(d, raw.data, n, &dcur, &dkey) == -EBADMSG);
	}
	for (size_t i = 0; i < raw.len; i++) {
		raw.data[i] ^= 0x5a;
		snapshot_clear(&dcur);
		(void)rec_decode(d, raw.data, raw.len, &dcur, &dkey);
		raw.data[i] ^= 0x5a;
	}
	rec_buf_fini(&raw);
	rec_dec_free(d2);
	snapshot_fini(&dcur);
	snapshot_fini(&dkey);
	rec_dec_free(d);
	snapshot_fini(&key);
	snapshot_fini(&cur);
	rec_enc_free(e);
}

/* Three real samples of this machine, with every file the recorder reads:
 * a key frame and two deltas, each decoded equal to what was sampled. */
static void test_real(void)
{
	const unsigned need = NEED_STAT | NEED_STATM | NEED_STATUS | NEED_IO |
		NEED_CMDLINE | NEED_USER | NEED_THREADS | NEED_IDS;
	int err = 0;
	struct collector *c = collector_new("/proc", &err);
	struct snapshot key, cur, dkey, dcur;
	struct rec_enc *e = rec_enc_new();
	struct rec_dec *d = rec_dec_new();
	size_t size;

	CHECK(c != NULL);
	if (!c)
		return;
	snapshot_init(&key);
	snapshot_init(&cur);
	snapshot_init(&dkey);
	snapshot_init(&dcur);
	CHECK_EQ_I(collector_sample(c, need, &key), 0);
	snapshot_finish(&key, NULL);
	CHECK_EQ_I(round_trip(e, d, &key, NULL, &dkey, NULL, &size), 0);
	CHECK(same_snapshot(&key, &dkey));
	CHECK(key.nprocs > 5);
	/* This process's ids came through (NEED_IDS). */
	long me = snapshot_find(&dkey, getpid());
	CHECK(me >= 0);
	if (me >= 0) {
		const struct task *t = &dkey.procs[me];
		CHECK(t->have & TASK_HAVE_IDS);
		CHECK(t->x && t->x->ids && t->x->ids->ruid == getuid() &&
			t->x->ids->rgid == getgid());
	}
	/* The encoder keeps its own copy of the key frame: the sampled key
	 * snapshot can go (the recorder reuses it for the next sample). */
	snapshot_fini(&key);
	snapshot_init(&key);
	for (int i = 0; i < 2; i++) {
		snapshot_clear(&cur);
		CHECK_EQ_I(collector_sample(c, need, &cur), 0);
		snapshot_finish(&cur, NULL);
		CHECK_EQ_I(round_trip(e, d, &cur, &key, &dcur, &dkey, &size),
			0);
		CHECK(same_snapshot(&cur, &dcur));
	}
	snapshot_fini(&key);
	snapshot_fini(&cur);
	snapshot_fini(&dkey);
	snapshot_fini(&dcur);
	rec_enc_free(e);
	rec_dec_free(d);
	collector_free(c);
}

static void test_headers(void)
{
	struct rec_file_hdr h = { .version = REC_VERSION, .page_size = 4096,
		.hz = 100, .interval_ms = 10000, .boot_time = 1700000000,
		.created_ns = 1700000001000000000 }, g;
	unsigned char buf[REC_FILE_HDR_MAX];

	snprintf(h.host, sizeof(h.host), "box");
	size_t n = rec_file_hdr_build(&h, buf);
	CHECK_EQ_I(rec_file_hdr_parse(buf, n, &g), (int)n);
	CHECK_STR(g.host, "box");
	CHECK_EQ_U(g.boot_time, 1700000000);
	CHECK_EQ_I(rec_file_hdr_parse(buf, n - 1, &g), -EAGAIN);
	CHECK_EQ_I(rec_file_hdr_parse(buf, 0, &g), -EAGAIN);
	buf[n - 1] ^= 1;
	CHECK_EQ_I(rec_file_hdr_parse(buf, n, &g), -EBADMSG);
	h.version = REC_VERSION + 1;
	n = rec_file_hdr_build(&h, buf);
	CHECK_EQ_I(rec_file_hdr_parse(buf, n, &g), -EPROTONOSUPPORT);
	CHECK_EQ_I(rec_file_hdr_parse((const unsigned char *)"hello world!",
		12, &g), -EINVAL);

	struct rec_zctx *z = rec_zctx_new();
	struct rec_buf f, raw;
	struct rec_frame_hdr fh;
	rec_buf_init(&f);
	rec_buf_init(&raw);
	CHECK_EQ_I(rec_frame_pack(z, "payload!", 8, REC_FRAME_DELTA, 77, &f),
		0);
	CHECK_EQ_I(rec_frame_hdr_parse(f.data, &fh), 0);
	CHECK_EQ_U(fh.time_ns, 77);
	CHECK_EQ_U(fh.type, REC_FRAME_DELTA);
	CHECK_EQ_U(REC_FRAME_HDR + fh.payload_len, f.len);
	CHECK(rec_frame_crc_ok(f.data, &fh, f.data + REC_FRAME_HDR));
	CHECK_EQ_I(rec_frame_unpack(z, &fh, f.data + REC_FRAME_HDR, &raw), 0);
	CHECK(raw.len == 8 && !memcmp(raw.data, "payload!", 8));
	f.data[f.len - 1] ^= 0x10;
	CHECK(!rec_frame_crc_ok(f.data, &fh, f.data + REC_FRAME_HDR));
	f.data[0] ^= 1;
	CHECK_EQ_I(rec_frame_hdr_parse(f.data, &fh), -EINVAL);
	rec_buf_fini(&f);
	rec_buf_fini(&raw);
	rec_zctx_free(z);

	struct rec_index_entry ie = { .time_ns = 5, .offset = 1234,
		.frame_len = 100, .type = REC_FRAME_KEY }, je;
	unsigned char ib[REC_INDEX_ENTRY];
	rec_index_build(&ie, ib);
	CHECK_EQ_I(rec_index_parse(ib, &je), 0);
	CHECK_EQ_U(je.offset, 1234);
	ib[3] ^= 1;
	CHECK_EQ_I(rec_index_parse(ib, &je), -EBADMSG);
}

static void test_times(void)
{
	time_t now = 1700000000, t;
	struct tm tm;

	CHECK_EQ_I(rec_parse_time("03:12", now, &t), 0);
	localtime_r(&t, &tm);
	CHECK_EQ_I(tm.tm_hour, 3);
	CHECK_EQ_I(tm.tm_min, 12);
	CHECK_EQ_I(tm.tm_sec, 0);
	CHECK_EQ_I(rec_parse_time("2024-02-29 23:59:58", now, &t), 0);
	localtime_r(&t, &tm);
	CHECK_EQ_I(tm.tm_year, 124);
	CHECK_EQ_I(tm.tm_mon, 1);
	CHECK_EQ_I(tm.tm_mday, 29);
	CHECK_EQ_I(tm.tm_sec, 58);
	CHECK_EQ_I(rec_parse_time("2024-02-29 10:00", now, &t), 0);
	const char *bad[] = { "", "3:12", "24:00", "12:60", "12:00:", "x",
		"12:00:00:00", "2024-13-01 10:00", "2024-02-29", " 12:00",
		"2024-02-29 10:0", "+1:00" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ_I(rec_parse_time(bad[i], now, &t), -EINVAL);
}

int main(void)
{
	test_times();
	test_headers();
	test_synthetic();
	test_real();
	return check_done();
}
