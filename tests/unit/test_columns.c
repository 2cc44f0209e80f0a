/* test_columns — the column table: every column formats in every style,
 * unknown values are "-", keys, aliases, lists, needs, cells and compare. */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "proctop/collector.h"
#include "proctop/columns.h"
#include "proctop/xalloc.h"

static struct sbuf sb;

static const char *fmt(enum column_id id, const struct task *t,
	const struct column_ctx *ctx, enum column_style style)
{
	sbuf_reset(&sb);
	if (!columns_table[id].format(t, ctx, style, &sb))
		return NULL;
	return sb.data;
}

static const char *cell(enum column_id id, const struct task *t,
	const struct column_ctx *ctx, size_t width, bool last)
{
	sbuf_reset(&sb);
	columns_cell(id, t, ctx, width, last, &sb);
	return sb.data;
}

/* A task with every field group present (its extra and statm records are
 * shared by every full_task). */
static void full_task(struct task *t)
{
	static struct task_extra x;
	static struct task_statm_kept sm;

	memset(t, 0, sizeof(*t));
	memset(&x, 0, sizeof(x));
	memset(&sm, 0, sizeof(sm));
	t->x = &x;
	t->statm = &sm;
	t->pid = t->tgid = 4242;
	t->have = TASK_HAVE_STAT | TASK_HAVE_STATM | TASK_HAVE_STATUS
		| TASK_HAVE_ROLLUP | TASK_HAVE_IO | TASK_HAVE_CMDLINE
		| TASK_HAVE_UID | TASK_HAVE_CPU;
	t->parent = t->first_child = t->next_sibling = t->first_thread = -1;
	strcpy(t->stat.comm, "sleep");
	t->stat.state = 'S';
	t->stat.ppid = 1;
	t->stat.pgrp = 4242;
	t->stat.session = 4000;
	t->stat.tty_nr = (136 << 8) | 3;
	t->stat.minflt = 1234;
	t->stat.majflt = 5;
	t->stat.utime = 12000;
	t->stat.stime = 345;
	t->stat.priority = 20;
	t->stat.nice = 0;
	t->stat.num_threads = 3;
	t->stat.starttime = 100 * 3600;       /* 1 h after boot */
	t->stat.vsize = UINT64_C(4) << 40;     /* 4 TiB */
	t->stat.rss_pages = 25000;
	t->stat.processor = 1;
	t->statm->resident = 25000;
	t->statm->shared = 1000;
	t->statm->text = 10;
	t->statm->data = 500;
	t->x->status.vm_swap_kib = 2048;
	t->x->status.has_vm = true;
	t->x->status.voluntary_ctxt = 77;
	t->x->status.nonvoluntary_ctxt = 3;
	t->x->rollup.pss_kib = 90000;
	t->x->rollup.swap_pss_kib = 1024;
	t->x->rollup.private_clean_kib = 100;
	t->x->rollup.private_dirty_kib = 200;
	t->x->io.read_bytes = 10 << 20;
	t->x->io.write_bytes = 4096;
	t->uid = 1000;
	t->user = "alice";
	t->cmdline = xstrdup("sleep 600");
	t->cmdline_len = strlen(t->cmdline);
	t->cpu_pct = 50;
	t->mem_pct = 10;
}

static bool is_json_int(const char *s)
{
	char *end;
	errno = 0;
	(void)strtoll(s, &end, 10);
	return *s && !*end && !errno;
}

static bool is_json_number(const char *s)
{
	char *end;
	(void)strtod(s, &end);
	return *s && !*end && !strchr(s, ',');
}

static void test_every_column(const struct column_ctx *ctx)
{
	struct task t, none;
	full_task(&t);
	memset(&none, 0, sizeof(none));
	none.pid = none.tgid = 7;
	for (int id = 0; id < COL_COUNT; id++) {
		const struct column *c = &columns_table[id];
		CHECK(c->key && c->header && c->json_key && c->unit
			&& c->source && c->desc && c->cmp && c->format);
		CHECK(columns_find(c->key) == c);
		CHECK_EQ_I(columns_id(c), id);
		CHECK(c->grows || strlen(c->header) <= (size_t)c->width);
		const char *h = fmt((enum column_id)id, &t, ctx, COLUMN_HUMAN);
		CHECK(h && *h);
		if (!h || !*h)
			fprintf(stderr, "  column %s: no human value\n", c->key);
		const char *j = fmt((enum column_id)id, &t, ctx, COLUMN_JSON);
		CHECK(j != NULL);
		if (j && c->json == COLUMN_JSON_INT)
			CHECK(is_json_int(j));
		if (j && c->json == COLUMN_JSON_FLOAT)
			CHECK(is_json_number(j));
		if (j && c->json == COLUMN_JSON_STRING)
			CHECK(j[0] == '"' && j[strlen(j) - 1] == '"');
		CHECK(fmt((enum column_id)id, &t, ctx, COLUMN_CSV) != NULL);
		/* Missing data: false, and the cell shows "-". */
		const char *u = fmt((enum column_id)id, &none, ctx,
			COLUMN_HUMAN);
		if (c->have)
			CHECK(u == NULL);
		if (c->have) {
			const char *dash = cell((enum column_id)id, &none, ctx,
				5, false);
			CHECK(strchr(dash, '-') && strlen(dash) == 5);
		}
		CHECK(c->cmp(&t, &t, ctx) == 0);
		if (c->have) {
			CHECK(c->cmp(&t, &none, ctx) == COLUMN_CMP_B_UNKNOWN);
			CHECK(c->cmp(&none, &t, ctx) == COLUMN_CMP_A_UNKNOWN);
		}
	}
	free(t.cmdline);
}

static void test_values(struct snapshot *snap, const struct column_ctx *ctx)
{
	struct task t;
	full_task(&t);
	CHECK_STR(fmt(COL_PID, &t, ctx, COLUMN_HUMAN), "4242");
	CHECK_STR(fmt(COL_USER, &t, ctx, COLUMN_HUMAN), "alice");
	CHECK_STR(fmt(COL_USER, &t, ctx, COLUMN_JSON), "\"alice\"");
	CHECK_STR(fmt(COL_RES, &t, ctx, COLUMN_JSON), "100000");
	CHECK_STR(fmt(COL_RES, &t, ctx, COLUMN_CSV), "100000");
	/* Sizes carry their unit whatever the width (units_size). */
	CHECK_STR(cell(COL_RES, &t, ctx, 6, false), " 97.7M");
	CHECK_STR(cell(COL_RES, &t, ctx, 5, false), "97.7M");
	CHECK_STR(cell(COL_VIRT, &t, ctx, 7, false), "  4.00T");
	CHECK_STR(fmt(COL_VIRT, &t, ctx, COLUMN_JSON), "4294967296");
	/* RES takes statm's exact count when read; stat (24) may lag. */
	t.statm->resident = 25100;
	CHECK_STR(fmt(COL_RES, &t, ctx, COLUMN_JSON), "100400");
	/* MEM% and RES+SWAP follow the same count, also when statm was read
	 * after the snapshot was finished (mem_pct stale) */
	t.mem_pct = 0;
	CHECK_STR(fmt(COL_MEM, &t, ctx, COLUMN_JSON), "10.04");
	CHECK_STR(fmt(COL_RESSWAP, &t, ctx, COLUMN_JSON), "102448");
	t.have &= ~(uint32_t)TASK_HAVE_STATM;
	CHECK_STR(fmt(COL_RES, &t, ctx, COLUMN_JSON), "100000");
	CHECK_STR(fmt(COL_MEM, &t, ctx, COLUMN_JSON), "10.00");
	t.have |= TASK_HAVE_STATM;
	t.statm->resident = 25000;
	t.mem_pct = 10;
	CHECK_STR(fmt(COL_SHR, &t, ctx, COLUMN_JSON), "4000");
	CHECK_STR(fmt(COL_SWAP, &t, ctx, COLUMN_JSON), "2048");
	CHECK_STR(fmt(COL_USS, &t, ctx, COLUMN_JSON), "300");
	CHECK_STR(fmt(COL_RESSWAP, &t, ctx, COLUMN_JSON), "102048");
	CHECK_STR(fmt(COL_CODE, &t, ctx, COLUMN_JSON), "40");
	CHECK_STR(fmt(COL_DATA, &t, ctx, COLUMN_JSON), "2000");
	CHECK_STR(fmt(COL_RBYTES, &t, ctx, COLUMN_JSON), "10485760");
	CHECK_STR(cell(COL_RBYTES, &t, ctx, 6, false), " 10.0M");
	/* READ/WRITE in text: bytes with their unit, not bare KiB. */
	t.x->io.read_bytes = 4096;
	CHECK_STR(fmt(COL_RBYTES, &t, ctx, COLUMN_HUMAN), "4.00K");
	CHECK_STR(fmt(COL_RBYTES, &t, ctx, COLUMN_JSON), "4096");
	t.x->io.read_bytes = 512;
	CHECK_STR(fmt(COL_RBYTES, &t, ctx, COLUMN_HUMAN), "512B");
	CHECK_STR(fmt(COL_RBYTES, &t, ctx, COLUMN_CSV), "512");
	t.x->io.read_bytes = 10485760;
	CHECK_STR(fmt(COL_TIME, &t, ctx, COLUMN_HUMAN), "2:03.45");
	CHECK_STR(fmt(COL_TIME, &t, ctx, COLUMN_JSON), "123.45");
	CHECK_STR(fmt(COL_CPU, &t, ctx, COLUMN_HUMAN), "50.0");
	CHECK_STR(fmt(COL_CPU, &t, ctx, COLUMN_JSON), "50.00");
	t.cpu_pct = 1234.5;
	CHECK_STR(fmt(COL_CPU, &t, ctx, COLUMN_HUMAN), "1235");
	CHECK_STR(fmt(COL_MEM, &t, ctx, COLUMN_HUMAN), "10.0");
	CHECK_STR(fmt(COL_STATE, &t, ctx, COLUMN_JSON), "\"S\"");
	CHECK_STR(fmt(COL_TTY, &t, ctx, COLUMN_HUMAN), "pts/3");
	CHECK_STR(fmt(COL_NLWP, &t, ctx, COLUMN_HUMAN), "3");
	CHECK_STR(fmt(COL_PROCESSOR, &t, ctx, COLUMN_HUMAN), "1");
	CHECK_STR(fmt(COL_NVCSW, &t, ctx, COLUMN_HUMAN), "77");
	CHECK_STR(fmt(COL_TID, &t, ctx, COLUMN_HUMAN), "4242");

	/* tty names. */
	t.stat.tty_nr = 0;
	CHECK_STR(fmt(COL_TTY, &t, ctx, COLUMN_HUMAN), "?");
	t.stat.tty_nr = (4 << 8) | 1;
	CHECK_STR(fmt(COL_TTY, &t, ctx, COLUMN_HUMAN), "tty1");
	t.stat.tty_nr = (4 << 8) | 65;
	CHECK_STR(fmt(COL_TTY, &t, ctx, COLUMN_HUMAN), "ttyS1");
	t.stat.tty_nr = (137 << 8) | 44;
	CHECK_STR(fmt(COL_TTY, &t, ctx, COLUMN_JSON), "\"pts/300\"");

	/* Policies as ps's class names; real-time priority as "rt". */
	static const struct { unsigned pol; const char *name; } pols[] = {
		{ 0, "TS" }, { 1, "FF" }, { 2, "RR" }, { 3, "B" },
		{ 5, "IDL" }, { 6, "DLN" }, { 4, "?" }, { 99, "?" },
	};
	for (size_t i = 0; i < sizeof(pols) / sizeof(pols[0]); i++) {
		t.stat.policy = pols[i].pol;
		CHECK_STR(fmt(COL_POLICY, &t, ctx, COLUMN_HUMAN), pols[i].name);
	}
	t.stat.priority = -100;
	CHECK_STR(fmt(COL_PRI, &t, ctx, COLUMN_HUMAN), "rt");
	CHECK_STR(fmt(COL_PRI, &t, ctx, COLUMN_JSON), "-100");
	t.stat.nice = -5;
	CHECK_STR(cell(COL_NI, &t, ctx, 3, false), " -5");

	/* Start time: unix seconds in JSON; HH:MM today, else MonDD/YYYY. */
	CHECK_STR(fmt(COL_STARTTIME, &t, ctx, COLUMN_JSON), "1699953600");
	const char *st = fmt(COL_STARTTIME, &t, ctx, COLUMN_HUMAN);
	CHECK(st && strlen(st) == 5 && st[2] == ':');
	snap->wall = 1699950000 + 400 * 86400;
	st = fmt(COL_STARTTIME, &t, ctx, COLUMN_HUMAN);
	CHECK_STR(st, "2023");
	snap->wall = 1699950000 + 10 * 86400;
	CHECK_STR(fmt(COL_STARTTIME, &t, ctx, COLUMN_HUMAN), "Nov14");
	snap->sys.btime = 0;
	CHECK(fmt(COL_STARTTIME, &t, ctx, COLUMN_HUMAN) == NULL);
	snap->sys.btime = 1699950000;
	snap->wall = 1699950000 + 7200;

	/* Hostile comm and cmdline: sanitised for text, escaped in JSON. */
	strcpy(t.stat.comm, "a) Z 1 (b\033[1m");
	CHECK_STR(fmt(COL_COMM, &t, ctx, COLUMN_HUMAN), "a) Z 1 (b?[1m");
	CHECK_STR(fmt(COL_COMM, &t, ctx, COLUMN_JSON),
		"\"a) Z 1 (b\\u001b[1m\"");
	CHECK_STR(fmt(COL_COMM, &t, ctx, COLUMN_CSV), "a) Z 1 (b?[1m");
	free(t.cmdline);
	t.cmdline = xstrdup("\033]52;c;aGk=\a\xff\xc2\x9b x,y");
	t.cmdline_len = strlen(t.cmdline);
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_HUMAN), "?]52;c;aGk=??? x,y");
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_CSV),
		"\"?]52;c;aGk=??? x,y\"");
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_JSON),
		"\"\\u001b]52;c;aGk=\\u0007\\ufffd\\u009b x,y\"");
	/* Kernel threads in brackets, zombies <defunct>, threads by name. */
	strcpy(t.stat.comm, "kworker/0:1");
	t.is_kthread = true;
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_HUMAN), "[kworker/0:1]");
	CHECK_STR(fmt(COL_COMM, &t, ctx, COLUMN_HUMAN), "kworker/0:1");
	/* No user address space: memory is unknown, not 0, in every style
	 * (the fixture's statm/status/rollup values are ignored). */
	static const enum column_id mm_cols[] = { COL_VIRT, COL_RES, COL_SHR,
		COL_SWAP, COL_PSS, COL_SWAPPSS, COL_USS, COL_RESSWAP,
		COL_CODE, COL_DATA, COL_MEM };
	for (size_t i = 0; i < sizeof(mm_cols) / sizeof(mm_cols[0]); i++) {
		CHECK(fmt(mm_cols[i], &t, ctx, COLUMN_HUMAN) == NULL);
		CHECK(fmt(mm_cols[i], &t, ctx, COLUMN_JSON) == NULL);
	}
	CHECK_STR(cell(COL_SWAP, &t, ctx, 5, false), "    -");
	CHECK_STR(fmt(COL_NLWP, &t, ctx, COLUMN_JSON), "3");   /* not mm */
	t.is_kthread = false;
	/* A process whose status has no Vm lines: SWAP unknown. */
	t.x->status.has_vm = false;
	CHECK(fmt(COL_SWAP, &t, ctx, COLUMN_JSON) == NULL);
	CHECK(fmt(COL_RESSWAP, &t, ctx, COLUMN_JSON) == NULL);
	CHECK(fmt(COL_RES, &t, ctx, COLUMN_JSON) != NULL);
	t.x->status.has_vm = true;
	free(t.cmdline);
	t.cmdline = NULL;
	t.cmdline_len = 0;
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_HUMAN), "[kworker/0:1]");
	strcpy(t.stat.comm, "zed");
	t.stat.state = 'Z';
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_HUMAN), "zed <defunct>");
	/* A zombie has no address space either: the same rule, every
	 * memory column unknown in every style (was 0 for VIRT/RES). */
	for (size_t i = 0; i < sizeof(mm_cols) / sizeof(mm_cols[0]); i++) {
		CHECK(fmt(mm_cols[i], &t, ctx, COLUMN_HUMAN) == NULL);
		CHECK(fmt(mm_cols[i], &t, ctx, COLUMN_JSON) == NULL);
		CHECK(fmt(mm_cols[i], &t, ctx, COLUMN_CSV) == NULL);
	}
	CHECK_STR(cell(COL_RES, &t, ctx, 6, false), "     -");
	CHECK_STR(fmt(COL_TIME, &t, ctx, COLUMN_JSON), "123.45");  /* not mm */
	t.stat.state = 'S';
	t.is_thread = true;
	strcpy(t.stat.comm, "worker-3");
	CHECK_STR(fmt(COL_CMD, &t, ctx, COLUMN_HUMAN), "worker-3");
	t.is_thread = false;

	/* A user with no name shows the uid; no uid at all is unknown. */
	t.user = NULL;
	CHECK_STR(fmt(COL_USER, &t, ctx, COLUMN_HUMAN), "1000");
	t.have &= ~(uint32_t)TASK_HAVE_UID;
	CHECK(fmt(COL_USER, &t, ctx, COLUMN_HUMAN) == NULL);
	CHECK(fmt(COL_UID, &t, ctx, COLUMN_JSON) == NULL);
	/* MEM% is unknown without MemTotal. */
	snap->sys.mem.mem_total = 0;
	CHECK(fmt(COL_MEM, &t, ctx, COLUMN_HUMAN) == NULL);
	snap->sys.mem.mem_total = 1000000;
}

static void test_cells(const struct column_ctx *ctx)
{
	struct task t;
	full_task(&t);
	free(t.cmdline);
	t.cmdline = NULL;
	CHECK_STR(cell(COL_PID, &t, ctx, 7, false), "   4242");
	/* Too wide: cut with a '+', never into the next column. */
	CHECK_STR(cell(COL_PID, &t, ctx, 2, false), "4+");
	CHECK_STR(cell(COL_PID, &t, ctx, 1, false), "+");
	CHECK_STR(cell(COL_USER, &t, ctx, 8, false), "alice   ");
	CHECK_STR(cell(COL_USER, &t, ctx, 8, true), "alice");
	CHECK_STR(cell(COL_USER, &t, ctx, 4, false), "ali+");
	strcpy(t.stat.comm, "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad");
	CHECK_STR(cell(COL_COMM, &t, ctx, 5, false),
		"\xe4\xb8\xad\xe6\x96\x87+");
	CHECK_STR(cell(COL_COMM, &t, ctx, 8, false),
		"\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad  ");
	strcpy(t.stat.comm, "sleep");
	t.is_thread = true;   /* cmd falls back to comm */
	CHECK_STR(cell(COL_CMD, &t, ctx, 3, true), "sle");
	CHECK_STR(cell(COL_CMD, &t, ctx, 30, true), "sleep");
	CHECK_STR(cell(COL_CMD, &t, ctx, 0, true), "sleep");
	t.is_thread = false;
	/* A ~400 KiB command line with a wide character at the edge. */
	size_t huge = 400000;
	t.cmdline = xmalloc(huge + 1);
	memset(t.cmdline, 'A', huge);
	memcpy(t.cmdline + 8, "\xe4\xb8\xad", 3);
	t.cmdline[huge] = '\0';
	t.cmdline_len = huge;
	CHECK_STR(cell(COL_CMD, &t, ctx, 10, false), "AAAAAAAA+ ");
	CHECK_STR(cell(COL_CMD, &t, ctx, 10, true), "AAAAAAAA\xe4\xb8\xad");
	CHECK_STR(cell(COL_CMD, &t, ctx, 9, true), "AAAAAAAA");
	CHECK_STR(cell(COL_CMD, &t, ctx, 11, false),
		"AAAAAAAA\xe4\xb8\xad+");
	CHECK_EQ_U(strlen(cell(COL_CMD, &t, ctx, 0, true)), huge);
	/* The formatter sanitises only as far as a cell can show. */
	struct column_ctx bounded = *ctx;
	bounded.max_width = 12;
	CHECK_STR(fmt(COL_CMD, &t, &bounded, COLUMN_HUMAN),
		"AAAAAAAA\xe4\xb8\xad" "AA");
	CHECK_EQ_U(strlen(fmt(COL_CMD, &t, &bounded, COLUMN_JSON)), huge + 2);
	free(t.cmdline);
	t.cmdline = NULL;
	t.cmdline_len = 0;
	/* Cells append after what out holds (formatted in place). */
	sbuf_reset(&sb);
	sbuf_adds(&sb, "x|");
	columns_cell(COL_PID, &t, ctx, 7, false, &sb);
	columns_cell(COL_USER, &t, ctx, 4, false, &sb);
	columns_cell(COL_USER, &t, ctx, 8, false, &sb);
	columns_cell(COL_PID, &t, ctx, 0, false, &sb);
	CHECK_STR(sb.data, "x|   4242ali+alice   4242");
	t.have = 0;
	CHECK_STR(cell(COL_RES, &t, ctx, 6, false), "     -");
	CHECK_STR(cell(COL_COMM, &t, ctx, 4, false), "-   ");
}

/* Huge ids (PID_MAX_LIMIT, garbage up to INT_MAX from a crafted tree)
 * and huge counts stay within their columns' widths. */
static void test_overflow(const struct column_ctx *ctx)
{
	struct task t;
	const struct column *ppid = &columns_table[COL_PPID];
	size_t w = (size_t)ppid->width;

	full_task(&t);
	free(t.cmdline);
	t.cmdline = NULL;
	/* Every id-like column has room for 7 digits (4194304). */
	static const enum column_id ids[] = { COL_PID, COL_PPID, COL_TID,
		COL_TGID, COL_PGRP, COL_SID };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		CHECK(columns_table[ids[i]].width >= 7);
	t.stat.ppid = 4194304;
	CHECK_STR(cell(COL_PPID, &t, ctx, w, false), "4194304");
	t.stat.ppid = INT32_MAX;
	CHECK_STR(cell(COL_PPID, &t, ctx, w, false), "214748+");
	CHECK_STR(fmt(COL_PPID, &t, ctx, COLUMN_JSON), "2147483647");
	t.pid = INT32_MAX;
	CHECK_STR(cell(COL_PID, &t, ctx, 7, false), "214748+");
	/* A row of cells is exactly as wide as its columns. */
	sbuf_reset(&sb);
	columns_cell(COL_PID, &t, ctx, 7, false, &sb);
	columns_cell(COL_PPID, &t, ctx, w, false, &sb);
	columns_cell(COL_MINFLT, &t, ctx, 7, false, &sb);
	CHECK_EQ_U(strlen(sb.data), 7 + w + 7);
	/* Counts scale instead (raw in JSON). */
	t.stat.minflt = UINT64_MAX / 2;
	CHECK_STR(cell(COL_MINFLT, &t, ctx, 7, false), "  9223P");
	CHECK_STR(fmt(COL_MINFLT, &t, ctx, COLUMN_JSON),
		"9223372036854775807");
	t.stat.minflt = 12345678;
	CHECK_STR(cell(COL_MINFLT, &t, ctx, 7, false), " 12345k");
	t.stat.num_threads = 123456;
	CHECK_STR(cell(COL_NLWP, &t, ctx, 4, false), "123k");
	/* Memory: the largest figure still fits the RES column. */
	t.statm->resident = UINT64_MAX / 4;
	CHECK(strlen(cell(COL_RES, &t, ctx, 6, false)) == 6);
}

/* Thread rows borrow process-wide values they were not given. */
static void test_thread_fallback(struct snapshot *snap,
	const struct column_ctx *ctx)
{
	struct task *p = snapshot_add_proc(snap);
	full_task(p);
	free(p->cmdline);
	p->cmdline = NULL;
	struct task *th = snapshot_add_thread(snap);
	th->pid = 4243;
	th->tgid = 4242;
	th->have = TASK_HAVE_STAT;
	th->stat.state = 'R';
	th->stat.rss_pages = 24000;    /* stat (24) lags statm's count */
	strcpy(th->stat.comm, "worker");
	snapshot_finish(snap, NULL);
	th = &snap->threads[0];
	CHECK_EQ_I(th->parent, 0);
	/* RES, MEM% and RES+SWAP: the process's exact statm, as its row */
	CHECK_STR(fmt(COL_RES, th, ctx, COLUMN_JSON), "100000");
	CHECK_STR(fmt(COL_RES, th, ctx, COLUMN_JSON),
		fmt(COL_RES, &snap->procs[0], ctx, COLUMN_JSON));
	CHECK_STR(fmt(COL_MEM, th, ctx, COLUMN_JSON), "10.00");
	/* a process without statm: the thread keeps its own stat (24) */
	snap->procs[0].have &= ~(uint32_t)TASK_HAVE_STATM;
	CHECK_STR(fmt(COL_RES, th, ctx, COLUMN_JSON), "96000");
	CHECK_STR(fmt(COL_MEM, th, ctx, COLUMN_JSON), "9.60");
	snap->procs[0].have |= TASK_HAVE_STATM;
	CHECK_STR(fmt(COL_SWAP, th, ctx, COLUMN_JSON), "2048");
	CHECK_STR(fmt(COL_SHR, th, ctx, COLUMN_JSON), "4000");
	CHECK_STR(fmt(COL_USER, th, ctx, COLUMN_HUMAN), "alice");
	CHECK_STR(fmt(COL_UID, th, ctx, COLUMN_HUMAN), "1000");
	CHECK_STR(fmt(COL_RESSWAP, th, ctx, COLUMN_JSON), "102048");
	CHECK(fmt(COL_NVCSW, th, ctx, COLUMN_JSON) == NULL);  /* per thread */
	/* The main thread exited (zombie leader) while this thread runs:
	 * the process's memory is unknown, the thread's own stat (24) and
	 * (23) still tell its mm's RES and VIRT. */
	snap->procs[0].stat.state = 'Z';
	CHECK(fmt(COL_RES, &snap->procs[0], ctx, COLUMN_JSON) == NULL);
	CHECK(fmt(COL_SWAP, &snap->procs[0], ctx, COLUMN_JSON) == NULL);
	CHECK_STR(fmt(COL_RES, th, ctx, COLUMN_JSON), "96000");
	CHECK(fmt(COL_SHR, th, ctx, COLUMN_JSON) == NULL);
	snap->procs[0].stat.state = 'S';
	CHECK_STR(fmt(COL_CMD, th, ctx, COLUMN_HUMAN), "worker");
	CHECK_STR(fmt(COL_PID, th, ctx, COLUMN_HUMAN), "4243");
	CHECK_STR(fmt(COL_TGID, th, ctx, COLUMN_HUMAN), "4242");
	snapshot_clear(snap);
}

static void test_lookup(void)
{
	static const struct { const char *key; enum column_id id; } keys[] = {
		{ "PID", COL_PID }, { "%cpu", COL_CPU }, { "pcpu", COL_CPU },
		{ "%MEM", COL_MEM }, { "pmem", COL_MEM }, { "rss", COL_RES },
		{ "vsz", COL_VIRT }, { "s", COL_STATE }, { "stat", COL_STATE },
		{ "args", COL_CMD }, { "command", COL_CMD },
		{ "time+", COL_TIME }, { "psr", COL_PROCESSOR },
		{ "uss", COL_USS }, { "resswap", COL_RESSWAP },
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		CHECK(columns_find(keys[i].key) == &columns_table[keys[i].id]);
	CHECK(columns_find("bogus") == NULL);
	CHECK(columns_find("") == NULL);
	CHECK(columns_find(NULL) == NULL);

	enum column_id ids[8];
	const char *bad = NULL;
	CHECK_EQ_I(columns_parse_list("pid,user,%cpu", ids, 8, &bad), 3);
	CHECK(ids[0] == COL_PID && ids[1] == COL_USER && ids[2] == COL_CPU);
	CHECK_EQ_I(columns_parse_list("pid,,rss", ids, 8, &bad), 2);
	CHECK(ids[1] == COL_RES);
	const char *list = "pid,bogus,cpu";
	CHECK_EQ_I(columns_parse_list(list, ids, 8, &bad), -EINVAL);
	CHECK(bad == list + 4);
	CHECK_EQ_I(columns_parse_list("pid,cpu,mem", ids, 2, &bad), -E2BIG);
	CHECK_EQ_I(columns_parse_list("", ids, 8, &bad), 0);
	CHECK_EQ_I(columns_parse_list(
		"averyveryveryveryveryveryverylongkeyname", ids, 8, &bad),
		-EINVAL);

	/* Needs. */
	enum column_id a[] = { COL_PID, COL_STATE, COL_CPU, COL_COMM };
	CHECK_EQ_U(columns_need(a, 4), NEED_STAT);
	/* RES is statm's exact count whichever other columns are chosen */
	enum column_id r[] = { COL_PID, COL_RES };
	CHECK_EQ_U(columns_need(r, 2), NEED_STAT | NEED_STATM);
	CHECK_EQ_U(columns_table[COL_RES].need, NEED_STATM);
	CHECK_EQ_U(columns_table[COL_MEM].need, NEED_STATM);
	CHECK_EQ_U(columns_table[COL_RESSWAP].need, NEED_STATM | NEED_STATUS);
	CHECK(strstr(columns_table[COL_RES].source, "statm (2)") != NULL);
	CHECK(strstr(columns_table[COL_MEM].source, "statm (2)") != NULL);
	CHECK(strstr(columns_table[COL_RESSWAP].source, "statm (2)") != NULL);
	enum column_id b[] = { COL_SHR, COL_SWAP, COL_PSS, COL_CMD, COL_USER,
		COL_RBYTES };
	CHECK_EQ_U(columns_need(b, 6), NEED_STAT | NEED_STATM | NEED_STATUS
		| NEED_ROLLUP | NEED_CMDLINE | NEED_USER | NEED_IO);
	unsigned dneed = columns_need(columns_default_batch,
		columns_default_batch_n);
	/* Like top -b: no SWAP, so no status file per process. */
	CHECK_EQ_U(dneed, NEED_STAT | NEED_STATM | NEED_USER);

	/* Default sets. */
	CHECK_EQ_U(columns_default_batch_n, 12);
	CHECK_EQ_U(columns_default_tui_n, 13);
	CHECK(columns_default_batch[11] == COL_COMM);
	CHECK(columns_default_tui[12] == COL_CMD);
	CHECK(columns_default_tui[7] == COL_SWAP);
}

static void test_compare(const struct column_ctx *ctx)
{
	struct task a, b;
	full_task(&a);
	full_task(&b);
	free(a.cmdline);
	free(b.cmdline);
	a.cmdline = b.cmdline = NULL;
	b.pid = 5000;
	a.cpu_pct = 10;
	b.cpu_pct = 20;
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, false) < 0);
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, true) > 0);
	b.cpu_pct = 10;   /* tie: pid ascending either way */
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, false) < 0);
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, true) < 0);
	b.have &= ~(uint32_t)TASK_HAVE_CPU;   /* unknown last, both ways */
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, false) < 0);
	CHECK(columns_compare(COL_CPU, &a, &b, ctx, true) < 0);
	CHECK(columns_compare(COL_CPU, &b, &a, ctx, false) > 0);
	CHECK(columns_compare(COL_CPU, &b, &a, ctx, true) > 0);
	strcpy(b.stat.comm, "abc");
	CHECK(columns_compare(COL_COMM, &a, &b, ctx, false) > 0);
	/* Commands: "[kthread]", "comm <defunct>" and cmdlines compare as
	 * the shown strings, a prefix first, unknown last. */
	b.have |= TASK_HAVE_CPU;
	strcpy(a.stat.comm, "zed");
	a.stat.state = 'Z';                    /* "zed <defunct>" */
	b.cmdline = xstrdup("zed");
	b.cmdline_len = 3;
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) > 0);
	free(b.cmdline);
	b.cmdline = xstrdup("zed <defunct>x");
	b.cmdline_len = strlen(b.cmdline);
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) < 0);
	free(b.cmdline);
	b.cmdline = xstrdup("zed <defunct>");
	b.cmdline_len = strlen(b.cmdline);
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) < 0);  /* pid */
	CHECK(columns_compare(COL_CMD, &b, &a, ctx, false) > 0);
	a.stat.state = 'S';
	a.is_kthread = true;                   /* "[zed]" < "zed..." */
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) < 0);
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, true) > 0);
	b.is_kthread = true;                   /* "[zed]" > "[abc]" */
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) > 0);
	a.is_kthread = b.is_kthread = false;
	a.have = 0;                            /* nothing known: last */
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, false) > 0);
	CHECK(columns_compare(COL_CMD, &a, &b, ctx, true) > 0);
	free(b.cmdline);
	b.cmdline = NULL;
	CHECK(columns_default_batch[0] == COL_PID);
	CHECK(columns_table[COL_CPU].default_desc);
	CHECK(!columns_table[COL_PID].default_desc);
}

/* A sorted column has room for its header and the sort mark. */
static void test_shown_width(void)
{
	CHECK_EQ_U(columns_shown_width(COL_RESSWAP, false), 8);
	CHECK_EQ_U(columns_shown_width(COL_RESSWAP, true), 9);
	CHECK_EQ_U(columns_shown_width(COL_PROCESSOR, true), 4);
	CHECK_EQ_U(columns_shown_width(COL_CPU, true), 5);   /* "CPU%" fits */
	CHECK_EQ_U(columns_shown_width(COL_CMD, true), 0);   /* grows */
}

int main(void)
{
	sbuf_init(&sb);
	CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
	setenv("TZ", "UTC", 1);
	tzset();
	struct snapshot snap;
	snapshot_init(&snap);
	snap.hz = 100;
	snap.page_kib = 4;
	snap.sys.btime = 1699950000;
	snap.wall = 1699950000 + 7200;
	snap.sys.mem.mem_total = 1000000;
	struct column_ctx ctx = { .snap = &snap, .utf8 = true };

	test_every_column(&ctx);
	test_values(&snap, &ctx);
	test_cells(&ctx);
	test_shown_width();
	test_overflow(&ctx);
	test_lookup();
	test_compare(&ctx);
	test_thread_fallback(&snap, &ctx);
	/* Numbers never follow LC_NUMERIC. */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
		struct task t;
		full_task(&t);
		t.cpu_pct = 12.5;
		CHECK_STR(fmt(COL_CPU, &t, &ctx, COLUMN_HUMAN), "12.5");
		CHECK_STR(fmt(COL_TIME, &t, &ctx, COLUMN_JSON), "123.45");
		free(t.cmdline);
	}
	snapshot_fini(&snap);
	sbuf_fini(&sb);
	return check_done();
}
