/* test_view — sorting (stable, pid tiebreak), filters, tree flattening with
 * orphans, per-level sorting, collapsing, glyphs, threads under their
 * process, ancestors kept for filter matches, and hostile parent links. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "proctop/view.h"
#include "proctop/xalloc.h"

static struct task *proc(struct snapshot *s, pid_t pid, pid_t ppid,
	const char *comm, double cpu, uid_t uid)
{
	struct task *t = snapshot_add_proc(s);
	t->pid = t->tgid = pid;
	t->have = TASK_HAVE_STAT | TASK_HAVE_CPU | TASK_HAVE_UID;
	t->stat.ppid = ppid;
	t->stat.state = 'S';
	t->stat.starttime = 1000 + (uint64_t)pid;
	strcpy(t->stat.comm, comm);
	t->cpu_pct = cpu;
	t->uid = uid;
	return t;
}

static void thread(struct snapshot *s, pid_t tgid, pid_t tid, double cpu)
{
	struct task *t = snapshot_add_thread(s);
	t->pid = tid;
	t->tgid = tgid;
	t->have = TASK_HAVE_STAT | TASK_HAVE_CPU;
	t->stat.state = 'S';
	snprintf(t->stat.comm, sizeof(t->stat.comm), "thr%d", (int)tid);
	t->cpu_pct = cpu;
}

static void fixture(struct snapshot *s)
{
	snapshot_init(s);
	proc(s, 1, 0, "init", 0, 0);
	proc(s, 10, 1, "bash", 5, 1000);
	proc(s, 30, 10, "sleep", 1, 1000)->cmdline = xstrdup("sleep 600");
	s->procs[s->nprocs - 1].cmdline_len = 9;
	proc(s, 20, 10, "vim", 9, 1000);
	proc(s, 5, 1, "sshd", 9, 0);
	proc(s, 2, 0, "kthreadd", 0, 0)->is_kthread = true;
	proc(s, 3, 2, "kworker/0:1", 0, 0)->is_kthread = true;
	proc(s, 40, 99, "orphan", 0, 1000);
	proc(s, 50, 51, "loopa", 0, 0);     /* hostile: a ppid loop */
	proc(s, 51, 50, "loopb", 0, 0);
	thread(s, 10, 12, 3);
	thread(s, 10, 10, 1);
	thread(s, 10, 11, 4);
	snapshot_finish(s, NULL);
	/* The first sample computes no CPU%: set the fixture's values. */
	static const double cpu[][2] = { { 10, 5 }, { 30, 1 }, { 20, 9 },
		{ 5, 9 }, { 11, 4 }, { 12, 3 }, { 10, 1 } };
	for (size_t i = 0; i < s->nprocs + s->nthreads; i++) {
		struct task *t = i < s->nprocs ? &s->procs[i]
			: &s->threads[i - s->nprocs];
		t->have |= TASK_HAVE_CPU;
		for (size_t k = 0; k < sizeof(cpu) / sizeof(cpu[0]); k++)
			if (cpu[k][0] == t->pid && (k != 6 || t->is_thread)
				&& (k != 0 || !t->is_thread))
				t->cpu_pct = cpu[k][1];
	}
}

static struct view_rows rows;

/* The pids of the rows as "1 5 10 ..." (static buffer). */
static const char *pids(void)
{
	static char buf[512];
	size_t off = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < rows.n && off + 16 < sizeof(buf); i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%d",
			i ? " " : "", (int)rows.rows[i].task->pid);
	return buf;
}

static const char *prefixes(bool utf8)
{
	static char buf[1024];
	struct sbuf sb;
	sbuf_init(&sb);
	for (size_t i = 0; i < rows.n; i++) {
		view_tree_prefix(&rows.rows[i], utf8, &sb);
		sbuf_addf(&sb, "%d|", (int)rows.rows[i].task->pid);
	}
	snprintf(buf, sizeof(buf), "%s", sb.data);
	sbuf_fini(&sb);
	return buf;
}

static long row_of(pid_t pid)
{
	return view_find(&rows, (struct view_key){ .pid = pid });
}

static void test_list(const struct snapshot *s)
{
	struct view_state vs = { .sort_key = COL_PID };
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 2 3 5 10 20 30 40 50 51");
	vs.sort_desc = true;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "51 50 40 30 20 10 5 3 2 1");
	/* Equal keys keep pid order, ascending or descending. */
	vs.sort_key = COL_CPU;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "5 20 10 30 1 2 3 40 50 51");
	vs.sort_desc = false;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 2 3 40 50 51 30 10 5 20");
	vs.sort_key = COL_COMM;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "10 1 2 3 50 51 40 30 5 20");
	for (size_t i = 0; i < rows.n; i++)
		CHECK(rows.rows[i].depth == 0 && rows.rows[i].matched);

	/* Filters. */
	vs.sort_key = COL_PID;
	pid_t want[] = { 20, 5, 777 };
	vs.pids = want;
	vs.npids = 3;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "5 20");
	vs.npids = 0;
	vs.has_uid = true;
	vs.uid = 1000;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "10 20 30 40");
	vs.has_uid = false;
	vs.hide_kthreads = true;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 40 50 51");
	vs.hide_kthreads = false;
	vs.filter = "VIM";
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "20");
	vs.filter = "600";     /* matches the cmdline */
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "30");
	vs.filter = "nothing-matches";
	view_build(s, &vs, &rows);
	CHECK_EQ_U(rows.n, 0);
	vs.filter = "";
	view_build(s, &vs, &rows);
	CHECK_EQ_U(rows.n, 10);

	CHECK(view_find(&rows, (struct view_key){ 20, 1020 }) == row_of(20));
	CHECK(row_of(20) >= 0);
	CHECK_EQ_I(view_find(&rows, (struct view_key){ 20, 999 }), -1);
	CHECK_EQ_I(row_of(777), -1);
	CHECK(view_matches(&s->procs[0], NULL));
	CHECK(view_matches(&s->procs[0], ""));
	CHECK(view_matches(&s->procs[0], "NiT"));
	CHECK(!view_matches(&s->procs[0], "initx"));
}

static void test_tree(const struct snapshot *s)
{
	struct view_state vs = { .sort_key = COL_PID, .tree = true,
		.utf8 = true };
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 2 3 40 50 51");
	CHECK_EQ_U(rows.rows[row_of(1)].depth, 0);
	CHECK_EQ_U(rows.rows[row_of(10)].depth, 1);
	CHECK_EQ_U(rows.rows[row_of(30)].depth, 2);
	CHECK(rows.rows[row_of(1)].has_children);
	CHECK(!rows.rows[row_of(5)].has_children);
	CHECK(!rows.rows[row_of(5)].last);
	CHECK(rows.rows[row_of(10)].last);
	CHECK(rows.rows[row_of(30)].last);
	/* Orphans: parent absent (40) or in a loop (50); not pid 1 or 2. */
	CHECK(rows.rows[row_of(40)].orphan);
	CHECK(rows.rows[row_of(50)].orphan);
	CHECK(!rows.rows[row_of(1)].orphan);
	CHECK(!rows.rows[row_of(2)].orphan);
	CHECK(!rows.rows[row_of(10)].orphan);
	CHECK_EQ_U(rows.rows[row_of(51)].depth, 1);
	CHECK_STR(prefixes(true), "1|\xe2\x94\x9c\xe2\x94\x80 5|"
		"\xe2\x94\x94\xe2\x94\x80 10|   \xe2\x94\x9c\xe2\x94\x80 20|"
		"   \xe2\x94\x94\xe2\x94\x80 30|2|\xe2\x94\x94\xe2\x94\x80 3|"
		"40|50|\xe2\x94\x94\xe2\x94\x80 51|");

	/* The tree has its own order (PID ascending when zeroed): the
	 * list's sort does not move siblings around. */
	vs.sort_key = COL_CPU;
	vs.sort_desc = true;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 2 3 40 50 51");
	CHECK_EQ_I(view_sort_key(&vs), COL_PID);
	CHECK(!view_sort_desc(&vs));
	vs.tree = false;
	CHECK_EQ_I(view_sort_key(&vs), COL_CPU);
	CHECK(view_sort_desc(&vs));
	vs.tree = true;

	/* Each level sorted by the tree's key: here pid descending. */
	vs.sort_key = COL_PID;
	vs.tree_sort_desc = true;
	view_build(s, &vs, &rows);
	/* (Members of a parent loop come after the true roots.) */
	CHECK_STR(pids(), "40 2 3 1 10 30 20 5 51 50");
	CHECK_STR(prefixes(false), "40|2|`- 3|1||- 10||  |- 30|"
		"|  `- 20|`- 5|51|`- 50|");
	struct sbuf sb;
	sbuf_init(&sb);
	CHECK_EQ_U(view_tree_prefix(&rows.rows[row_of(30)], true, &sb), 6);
	CHECK_STR(sb.data, "\xe2\x94\x82  \xe2\x94\x9c\xe2\x94\x80 ");
	sbuf_fini(&sb);

	/* By CPU, descending: 5 (9%) before 10 (5%), 20 before 30. */
	vs.tree_sort_key = COL_CPU;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 2 3 40 50 51");

	/* Collapsed subtree. */
	vs.tree_sort_key = COL_PID;
	vs.tree_sort_desc = false;
	vs.sort_desc = false;
	struct view_key fold[] = { { 10, 0 } };
	vs.collapsed = fold;
	vs.ncollapsed = 1;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 2 3 40 50 51");
	CHECK(rows.rows[row_of(10)].collapsed);
	CHECK(rows.rows[row_of(10)].has_children);
	fold[0].starttime = 5;    /* another process with that pid */
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 2 3 40 50 51");
	vs.ncollapsed = 0;

	/* Filter in tree view keeps the ancestors, unmatched. */
	vs.filter = "vim";
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 10 20");
	CHECK(!rows.rows[0].matched);
	CHECK(!rows.rows[1].matched);
	CHECK(rows.rows[2].matched);
	CHECK(rows.rows[1].last && rows.rows[2].last);
	vs.filter = NULL;

	/* A process whose parent is filtered away becomes a root, but not
	 * an orphan (its parent exists); one whose parent is gone is. */
	pid_t only[] = { 20, 40 };
	vs.pids = only;
	vs.npids = 2;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "20 40");
	CHECK(!rows.rows[0].orphan);
	CHECK_EQ_U(rows.rows[0].depth, 0);
	CHECK(rows.rows[1].orphan);
	vs.npids = 0;

	/* The same with the user filter: bash's parent init is root's. */
	vs.has_uid = true;
	vs.uid = 1000;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "10 20 30 40");
	CHECK(!rows.rows[row_of(10)].orphan);
	CHECK_EQ_U(rows.rows[row_of(10)].depth, 0);
	CHECK(rows.rows[row_of(40)].orphan);
	vs.has_uid = false;

	vs.hide_kthreads = true;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 20 30 40 50 51");
}

static void test_threads(const struct snapshot *s)
{
	struct view_state vs = { .sort_key = COL_PID, .threads = true };
	view_build(s, &vs, &rows);
	/* The leader (tid 10) is the process row, not repeated. */
	CHECK_STR(pids(), "1 2 3 5 10 11 12 20 30 40 50 51");
	long r = row_of(11);
	CHECK(rows.rows[r].is_thread);
	CHECK_EQ_U(rows.rows[r].depth, 1);
	CHECK(!rows.rows[r].last);
	CHECK(rows.rows[r + 1].last);
	CHECK(rows.rows[row_of(10)].has_children);
	CHECK(!rows.rows[row_of(10)].is_thread);   /* process row first */
	CHECK_EQ_I(rows.rows[r].index, snapshot_find_thread(s, 11));

	/* Threads sorted by the key within their process. */
	vs.sort_key = COL_CPU;
	vs.sort_desc = true;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "5 20 10 11 12 30 1 2 3 40 50 51");

	/* Tree: threads first under the process, then its children. */
	vs.tree = true;
	vs.sort_key = COL_PID;
	vs.sort_desc = false;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 11 12 20 30 2 3 40 50 51");
	r = row_of(12);
	CHECK_EQ_U(rows.rows[r].depth, 2);
	CHECK(!rows.rows[r].last);       /* children follow */
	CHECK_STR(prefixes(false), "1||- 5|`- 10|   |- 11|   |- 12|"
		"   |- 20|   `- 30|2|`- 3|40|50|`- 51|");

	/* Filter + tree + threads: an ancestor kept for context does not
	 * bring its threads (they do not match); a match keeps its own. */
	vs.filter = "vim";
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 10 20");
	vs.filter = "bash";
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 10 11 12");
	CHECK(rows.rows[row_of(11)].matched);
	vs.filter = NULL;

	/* Collapsing the process hides its threads too. */
	struct view_key fold[] = { { 10, 1010 } };
	vs.collapsed = fold;
	vs.ncollapsed = 1;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 5 10 2 3 40 50 51");
	vs.tree = false;
	view_build(s, &vs, &rows);
	CHECK_STR(pids(), "1 2 3 5 10 20 30 40 50 51");
}

/* A 3,000-deep chain, and a 3-cycle: finite, every process once. */
static void test_hostile(void)
{
	struct snapshot s;
	snapshot_init(&s);
	for (pid_t p = 1; p <= 3000; p++)
		proc(&s, p, p - 1, "chain", 0, 0);
	proc(&s, 5001, 5003, "c1", 0, 0);
	proc(&s, 5002, 5001, "c2", 0, 0);
	proc(&s, 5003, 5002, "c3", 0, 0);
	snapshot_finish(&s, NULL);
	struct view_state vs = { .sort_key = COL_PID, .tree = true,
		.utf8 = true };
	view_build(&s, &vs, &rows);
	CHECK_EQ_U(rows.n, 3003);
	CHECK_EQ_U(rows.rows[2999].depth, 2999);
	CHECK_EQ_I(rows.rows[3000].task->pid, 5001);
	CHECK_EQ_U(rows.rows[3002].depth, 2);
	struct sbuf sb;
	sbuf_init(&sb);
	size_t w = view_tree_prefix(&rows.rows[2999], true, &sb);
	CHECK(w <= 64 * 3);
	CHECK(sb.len <= 64 * 5);
	sbuf_fini(&sb);
	vs.filter = "c2";
	view_build(&s, &vs, &rows);
	CHECK_EQ_U(rows.n, 3);
	snapshot_fini(&s);

	/* An empty snapshot. */
	snapshot_init(&s);
	snapshot_finish(&s, NULL);
	view_build(&s, &vs, &rows);
	CHECK_EQ_U(rows.n, 0);
	snapshot_fini(&s);
}

/* Sorted key sets: insert/delete/lookup keep the order, bulk push + sort
 * dedupes, the view's collapse lookup honours starttime 0, and pruning
 * drops the keys of processes that left the snapshot. */
static void test_keys(const struct snapshot *s)
{
	struct view_key *keys = NULL;
	size_t n = 0, cap = 0;
	struct view_key k;

	CHECK(!view_keys_has(keys, n, (struct view_key){ 1, 1 }));
	CHECK(!view_keys_del(keys, &n, (struct view_key){ 1, 1 }));
	static const struct view_key in[] = { { 30, 0 }, { 10, 1010 },
		{ 7, 0 }, { 20, 999 }, { 1, 1001 }, { 10, 5 }, { 10, 1010 } };
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		CHECK(view_keys_add(&keys, &n, &cap, in[i]) == (i != 6));
	CHECK_EQ_U(n, 6);
	for (size_t i = 1; i < n; i++)
		CHECK(view_key_cmp(keys[i - 1], keys[i]) < 0);
	CHECK_EQ_I(keys[0].pid, 1);
	CHECK_EQ_I(keys[2].pid, 10);
	CHECK_EQ_U(keys[2].starttime, 5);
	CHECK(view_keys_has(keys, n, (struct view_key){ 20, 999 }));
	CHECK(!view_keys_has(keys, n, (struct view_key){ 20, 998 }));
	CHECK(!view_keys_has(keys, n, (struct view_key){ 31, 0 }));

	/* The view looks collapsed keys up by (pid, starttime) or (pid, 0). */
	const struct task *t30 = &s->procs[snapshot_find(s, 30)];
	const struct task *t20 = &s->procs[snapshot_find(s, 20)];
	const struct task *t10 = &s->procs[snapshot_find(s, 10)];
	CHECK(view_keys_match(keys, n, t30));      /* { 30, 0 } */
	CHECK(view_keys_match(keys, n, t10));      /* { 10, 1010 } */
	CHECK(!view_keys_match(keys, n, t20));     /* 20 started at 1020 */

	/* Pruning: 7 is gone, 20 is another process now (reused pid). */
	view_keys_prune(keys, &n, s);
	CHECK_EQ_U(n, 3);
	CHECK_EQ_I(keys[0].pid, 1);
	CHECK_EQ_I(keys[1].pid, 10);
	CHECK_EQ_U(keys[1].starttime, 1010);
	CHECK_EQ_I(keys[2].pid, 30);
	CHECK(view_keys_del(keys, &n, (struct view_key){ 10, 1010 }));
	CHECK(!view_keys_del(keys, &n, (struct view_key){ 10, 1010 }));
	CHECK_EQ_U(n, 2);
	CHECK_EQ_I(keys[1].pid, 30);

	/* Bulk: push in any order with duplicates, then sort once. */
	n = 0;
	for (pid_t pid = 2000; pid > 0; pid--) {
		k = (struct view_key){ pid, (uint64_t)pid * 3 };
		view_keys_push(&keys, &n, &cap, k);
		if (pid % 3 == 0)
			view_keys_push(&keys, &n, &cap, k);
	}
	CHECK_EQ_U(n, 2666);
	view_keys_sort(keys, &n);
	CHECK_EQ_U(n, 2000);
	bool sorted = true;
	for (size_t i = 1; i < n; i++)
		sorted = sorted && view_key_cmp(keys[i - 1], keys[i]) < 0;
	CHECK(sorted);
	CHECK(view_keys_has(keys, n, (struct view_key){ 1234, 3702 }));
	view_keys_prune(keys, &n, s);
	CHECK_EQ_U(n, 0);   /* fixture starttimes are 1000 + pid */
	free(keys);
}

/* view_sort_tasks: one process's threads (the thread screen) by CPU%,
 * largest first, and by TID. */
static void test_sort_tasks(const struct snapshot *s)
{
	const struct task *t[8];
	size_t n = 0;

	for (size_t i = 0; i < s->nthreads && n < 8; i++)
		if (s->threads[i].tgid == 10)
			t[n++] = &s->threads[i];
	CHECK_EQ_U(n, 3);
	if (n != 3)
		return;
	view_sort_tasks(s, t, n, COL_CPU, true, true);
	CHECK_EQ_I(t[0]->pid, 11);      /* 4 % */
	CHECK_EQ_I(t[1]->pid, 12);      /* 3 % */
	CHECK_EQ_I(t[2]->pid, 10);      /* 1 % */
	view_sort_tasks(s, t, n, COL_TID, false, true);
	CHECK_EQ_I(t[0]->pid, 10);
	CHECK_EQ_I(t[2]->pid, 12);
}

int main(void)
{
	struct snapshot s;
	fixture(&s);
	view_rows_init(&rows);
	test_list(&s);
	test_tree(&s);
	test_threads(&s);
	test_hostile();
	test_keys(&s);
	test_sort_tasks(&s);
	view_rows_fini(&rows);
	snapshot_fini(&s);
	return check_done();
}
