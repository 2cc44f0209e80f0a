/* columns — the column table and its lookups (see proctop/columns.h).
 * Getters and formatters live in columns_fmt.c. */
#include "proctop/columns.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "columns_fmt.h"
#include "proctop/collector.h"
#include "proctop/text.h"

/* cmp_<name> and fmt_<name> for a column whose value is an integer getter
 * formatted by colfmt_<kind> (int, kib or bytes). */
#define INT_COL(name, kind) \
static int cmp_##name(const struct task *a, const struct task *b, \
	const struct column_ctx *ctx) \
{ \
	return colcmp_int(colget_##name, a, b, ctx); \
} \
static bool fmt_##name(const struct task *t, const struct column_ctx *ctx, \
	enum column_style style, struct sbuf *out) \
{ \
	return colfmt_##kind(colget_##name, t, ctx, style, out); \
}

/* Integer comparator only (the formatter is special). */
#define INT_CMP(name) \
static int cmp_##name(const struct task *a, const struct task *b, \
	const struct column_ctx *ctx) \
{ \
	return colcmp_int(colget_##name, a, b, ctx); \
}

INT_COL(pid, int)
INT_COL(tgid, int)
INT_COL(ppid, int)
INT_COL(pgrp, int)
INT_COL(sid, int)
INT_COL(uid, int)
INT_COL(ni, int)
INT_COL(nlwp, count)
INT_COL(processor, int)
INT_COL(minflt, count)
INT_COL(majflt, count)
INT_COL(nvcsw, count)
INT_COL(nivcsw, count)
INT_COL(virt, kib)
INT_COL(res, kib)
INT_COL(shr, kib)
INT_COL(swap, kib)
INT_COL(pss, kib)
INT_COL(swappss, kib)
INT_COL(uss, kib)
INT_COL(resswap, kib)
INT_COL(code, kib)
INT_COL(data, kib)
INT_COL(rbytes, bytes)
INT_COL(wbytes, bytes)
INT_CMP(tty)
INT_CMP(pri)
INT_CMP(policy)
INT_CMP(rtprio)
INT_CMP(state)
INT_CMP(time)
INT_CMP(starttime)

static int cmp_cpu(const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	return colcmp_float(colget_cpu, a, b, ctx);
}

static bool fmt_cpu(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	return colfmt_pct(colget_cpu, t, ctx, style, out);
}

static int cmp_mem(const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	return colcmp_float(colget_mem, a, b, ctx);
}

static bool fmt_mem(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	return colfmt_pct(colget_mem, t, ctx, style, out);
}

#define STAT_SRC(n) "/proc/<pid>/stat (" #n ")"

const struct column columns_table[COL_COUNT] = {
	[COL_PID] = { .key = "pid", .header = "PID", .json_key = "pid",
		.unit = "", .source = STAT_SRC(1),
		.desc = "process id (thread id on thread rows)",
		.width = 7, .need = NEED_STAT, .json = COLUMN_JSON_INT,
		.cmp = cmp_pid, .format = fmt_pid },
	[COL_PPID] = { .key = "ppid", .header = "PPID", .json_key = "ppid",
		.unit = "", .source = STAT_SRC(4), .desc = "parent process id",
		.width = 7, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_ppid, .format = fmt_ppid },
	[COL_TID] = { .key = "tid", .header = "TID", .json_key = "tid",
		.unit = "", .source = "/proc/<pid>/task/<tid>",
		.desc = "thread id (the pid on process rows)",
		.width = 7, .need = NEED_STAT, .json = COLUMN_JSON_INT,
		.cmp = cmp_pid, .format = fmt_pid },
	[COL_TGID] = { .key = "tgid", .header = "TGID", .json_key = "tgid",
		.unit = "", .source = "/proc/<pid>/task/<tid>",
		.desc = "thread group id (the process a thread belongs to)",
		.width = 7, .need = NEED_STAT, .json = COLUMN_JSON_INT,
		.cmp = cmp_tgid, .format = fmt_tgid },
	[COL_PGRP] = { .key = "pgrp", .header = "PGRP", .json_key = "pgrp",
		.unit = "", .source = STAT_SRC(5), .desc = "process group id",
		.width = 7, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_pgrp, .format = fmt_pgrp },
	[COL_SID] = { .key = "sid", .header = "SID", .json_key = "sid",
		.unit = "", .source = STAT_SRC(6), .desc = "session id",
		.width = 7, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_sid, .format = fmt_sid },
	[COL_TTY] = { .key = "tty", .header = "TTY", .json_key = "tty",
		.unit = "", .source = STAT_SRC(7),
		.desc = "controlling terminal (pts/N, ttyN, ? for none)",
		.width = 8, .left = true, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_STRING,
		.cmp = cmp_tty, .format = colfmt_tty },
	[COL_USER] = { .key = "user", .header = "USER", .json_key = "user",
		.unit = "", .source = "owner of /proc/<pid>, passwd",
		.desc = "user name of the owner (uid when it has no name)",
		.width = 8, .left = true, .need = NEED_USER,
		.have = TASK_HAVE_UID, .json = COLUMN_JSON_STRING,
		.cmp = colcmp_user, .format = colfmt_user },
	[COL_UID] = { .key = "uid", .header = "UID", .json_key = "uid",
		.unit = "", .source = "owner of /proc/<pid>",
		.desc = "user id of the owner", .width = 6, .need = NEED_USER,
		.have = TASK_HAVE_UID, .json = COLUMN_JSON_INT,
		.cmp = cmp_uid, .format = fmt_uid },
	[COL_PRI] = { .key = "pri", .header = "PRI", .json_key = "priority",
		.unit = "", .source = STAT_SRC(18),
		.desc = "kernel priority as top shows it (rt = real-time 99)",
		.width = 3, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_pri, .format = colfmt_pri },
	[COL_NI] = { .key = "ni", .header = "NI", .json_key = "nice",
		.unit = "", .source = STAT_SRC(19), .desc = "nice value",
		.width = 3, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_ni, .format = fmt_ni },
	[COL_POLICY] = { .key = "policy", .header = "POL",
		.json_key = "policy", .unit = "", .source = STAT_SRC(41),
		.desc = "scheduling policy: TS other, B batch, IDL idle, "
			"FF fifo, RR round-robin, DLN deadline",
		.width = 3, .left = true, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_STRING,
		.cmp = cmp_policy, .format = colfmt_policy },
	[COL_RTPRIO] = { .key = "rtprio", .header = "RTPRIO",
		.json_key = "rtprio", .unit = "", .source = STAT_SRC(40),
		.desc = "real-time priority (0 for normal policies)",
		.width = 6, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_rtprio,
		.format = colfmt_rtprio },
	[COL_STATE] = { .key = "state", .header = "S", .json_key = "state",
		.unit = "", .source = STAT_SRC(3),
		.desc = "state: R running, S sleeping, D disk wait, T stopped, "
			"t traced, Z zombie, I idle, X dead",
		.width = 1, .left = true, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_STRING,
		.cmp = cmp_state, .format = colfmt_state },
	[COL_CPU] = { .key = "cpu", .header = "CPU%", .json_key = "cpu_pct",
		.unit = "%", .source = STAT_SRC(14) " + (15), delta",
		.desc = "CPU use over the last interval, 100 = one CPU",
		.width = 5, .need = NEED_STAT, .have = TASK_HAVE_CPU,
		.json = COLUMN_JSON_FLOAT, .default_desc = true,
		.cmp = cmp_cpu, .format = fmt_cpu },
	[COL_MEM] = { .key = "mem", .header = "MEM%", .json_key = "mem_pct",
		.unit = "%", .source = "/proc/<pid>/statm (2) / MemTotal",
		.desc = "resident memory as a share of MemTotal",
		.width = 5, .need = NEED_STATM, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_FLOAT, .default_desc = true,
		.cmp = cmp_mem, .format = fmt_mem },
	[COL_TIME] = { .key = "time", .header = "TIME+", .json_key = "time_s",
		.unit = "s", .source = STAT_SRC(14) " + (15)",
		.desc = "CPU time used (user + system); text M:SS.hh, "
			"from 1000 minutes HhMMm, DdHHh, Ny",
		.width = 9, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_FLOAT, .default_desc = true,
		.cmp = cmp_time, .format = colfmt_time },
	[COL_VIRT] = { .key = "virt", .header = "VIRT", .json_key = "virt_kib",
		.unit = "KiB", .source = STAT_SRC(23),
		.desc = "virtual memory size", .width = 7, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_virt, .format = fmt_virt },
	[COL_RES] = { .key = "res", .header = "RES", .json_key = "res_kib",
		.unit = "KiB", .source = "/proc/<pid>/statm (2)",
		.desc = "resident memory (RSS)", .width = 6, .need = NEED_STATM,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_res, .format = fmt_res },
	[COL_SHR] = { .key = "shr", .header = "SHR", .json_key = "shr_kib",
		.unit = "KiB", .source = "/proc/<pid>/statm (3)",
		.desc = "resident shared memory (file + shmem)", .width = 6,
		.need = NEED_STATM, .have = TASK_HAVE_STATM,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_shr, .format = fmt_shr },
	[COL_SWAP] = { .key = "swap", .header = "SWAP", .json_key = "swap_kib",
		.unit = "KiB", .source = "/proc/<pid>/status VmSwap",
		.desc = "swapped-out anonymous memory", .width = 6,
		.need = NEED_STATUS, .have = TASK_HAVE_STATUS,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_swap, .format = fmt_swap },
	[COL_PSS] = { .key = "pss", .header = "PSS", .json_key = "pss_kib",
		.unit = "KiB", .source = "/proc/<pid>/smaps_rollup Pss",
		.desc = "proportional set size", .width = 6,
		.need = NEED_ROLLUP, .have = TASK_HAVE_ROLLUP,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_pss, .format = fmt_pss },
	[COL_SWAPPSS] = { .key = "swappss", .header = "SWAPPSS",
		.json_key = "swap_pss_kib", .unit = "KiB",
		.source = "/proc/<pid>/smaps_rollup SwapPss",
		.desc = "proportional swap", .width = 7, .need = NEED_ROLLUP,
		.have = TASK_HAVE_ROLLUP, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_swappss,
		.format = fmt_swappss },
	[COL_USS] = { .key = "uss", .header = "USS", .json_key = "uss_kib",
		.unit = "KiB",
		.source = "/proc/<pid>/smaps_rollup Private_Clean + "
			"Private_Dirty",
		.desc = "unique set size (memory only this process maps)",
		.width = 6, .need = NEED_ROLLUP, .have = TASK_HAVE_ROLLUP,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_uss, .format = fmt_uss },
	[COL_RESSWAP] = { .key = "resswap", .header = "RES+SWAP",
		.json_key = "res_swap_kib", .unit = "KiB",
		.source = "/proc/<pid>/statm (2) + status VmSwap",
		.desc = "resident plus swapped-out memory", .width = 8,
		.need = NEED_STATM | NEED_STATUS,
		.have = TASK_HAVE_STAT | TASK_HAVE_STATUS,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_resswap, .format = fmt_resswap },
	[COL_CODE] = { .key = "code", .header = "CODE", .json_key = "code_kib",
		.unit = "KiB", .source = "/proc/<pid>/statm (4)",
		.desc = "text (code) size", .width = 6, .need = NEED_STATM,
		.have = TASK_HAVE_STATM, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_code, .format = fmt_code },
	[COL_DATA] = { .key = "data", .header = "DATA", .json_key = "data_kib",
		.unit = "KiB", .source = "/proc/<pid>/statm (6)",
		.desc = "data + stack size", .width = 6, .need = NEED_STATM,
		.have = TASK_HAVE_STATM, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_data, .format = fmt_data },
	[COL_NLWP] = { .key = "nlwp", .header = "NLWP", .json_key = "nlwp",
		.unit = "", .source = STAT_SRC(20), .desc = "number of threads",
		.width = 4, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .default_desc = true,
		.cmp = cmp_nlwp, .format = fmt_nlwp },
	[COL_PROCESSOR] = { .key = "processor", .header = "PSR",
		.json_key = "processor", .unit = "", .source = STAT_SRC(39),
		.desc = "CPU the task last ran on", .width = 3,
		.need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_processor,
		.format = fmt_processor },
	[COL_MINFLT] = { .key = "minflt", .header = "MINFLT",
		.json_key = "minflt", .unit = "faults", .source = STAT_SRC(10),
		.desc = "minor page faults", .width = 7, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_minflt, .format = fmt_minflt },
	[COL_MAJFLT] = { .key = "majflt", .header = "MAJFLT",
		.json_key = "majflt", .unit = "faults", .source = STAT_SRC(12),
		.desc = "major page faults", .width = 7, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_majflt, .format = fmt_majflt },
	[COL_NVCSW] = { .key = "nvcsw", .header = "NVCSW", .json_key = "nvcsw",
		.unit = "switches",
		.source = "/proc/<pid>/status voluntary_ctxt_switches",
		.desc = "voluntary context switches; a process row: its "
			"main thread's (as htop), a thread row: its own",
		.width = 7,
		.need = NEED_STATUS | NEED_THREAD_STATUS,
		.have = TASK_HAVE_STATUS, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_nvcsw, .format = fmt_nvcsw },
	[COL_NIVCSW] = { .key = "nivcsw", .header = "NIVCSW",
		.json_key = "nivcsw", .unit = "switches",
		.source = "/proc/<pid>/status nonvoluntary_ctxt_switches",
		.desc = "involuntary context switches; a process row: its "
			"main thread's, a thread row: its own",
		.width = 7,
		.need = NEED_STATUS | NEED_THREAD_STATUS,
		.have = TASK_HAVE_STATUS, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_nivcsw, .format = fmt_nivcsw },
	[COL_RBYTES] = { .key = "rbytes", .header = "READ",
		.json_key = "read_bytes", .unit = "bytes",
		.source = "/proc/<pid>/io read_bytes",
		.desc = "bytes read from storage (text with its unit: "
			"512B, 4.00K, 1.50M)", .width = 6,
		.need = NEED_IO, .have = TASK_HAVE_IO, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_rbytes, .format = fmt_rbytes },
	[COL_WBYTES] = { .key = "wbytes", .header = "WRITE",
		.json_key = "write_bytes", .unit = "bytes",
		.source = "/proc/<pid>/io write_bytes",
		.desc = "bytes written to storage (text with its unit: "
			"512B, 4.00K, 1.50M)", .width = 6,
		.need = NEED_IO, .have = TASK_HAVE_IO, .json = COLUMN_JSON_INT,
		.default_desc = true, .cmp = cmp_wbytes, .format = fmt_wbytes },
	[COL_STARTTIME] = { .key = "starttime", .header = "START",
		.json_key = "start_time", .unit = "unix seconds",
		.source = STAT_SRC(22) " + btime",
		.desc = "start time: HH:MM today, MonDD this year, else YYYY",
		.width = 5, .need = NEED_STAT, .have = TASK_HAVE_STAT,
		.json = COLUMN_JSON_INT, .cmp = cmp_starttime,
		.format = colfmt_starttime },
	[COL_COMM] = { .key = "comm", .header = "COMMAND", .json_key = "comm",
		.unit = "", .source = STAT_SRC(2),
		.desc = "command name (the kernel's comm, up to 15 bytes)",
		.width = 15, .left = true, .need = NEED_STAT,
		.have = TASK_HAVE_STAT, .json = COLUMN_JSON_STRING,
		.cmp = colcmp_comm, .format = colfmt_comm },
	[COL_CMD] = { .key = "cmd", .header = "COMMAND", .json_key = "cmdline",
		.unit = "", .source = "/proc/<pid>/cmdline",
		.desc = "command line; [comm] for kernel threads, "
			"comm <defunct> for zombies, thread name on thread rows",
		.width = 0, .left = true, .grows = true,
		.need = NEED_STAT | NEED_CMDLINE, .json = COLUMN_JSON_STRING,
		.cmp = colcmp_cmd, .format = colfmt_cmd },
};

static const struct column_alias {
	const char *alias;
	enum column_id id;
} aliases[] = {
	{ "s", COL_STATE }, { "stat", COL_STATE }, { "%cpu", COL_CPU },
	{ "pcpu", COL_CPU }, { "%mem", COL_MEM }, { "pmem", COL_MEM },
	{ "time+", COL_TIME }, { "vsz", COL_VIRT }, { "rss", COL_RES },
	{ "psr", COL_PROCESSOR }, { "args", COL_CMD }, { "command", COL_CMD },
	{ "lwp", COL_TID }, { "spid", COL_TID }, { "session", COL_SID },
	{ "nice", COL_NI }, { "priority", COL_PRI }, { "pr", COL_PRI },
	{ "class", COL_POLICY }, { "cls", COL_POLICY },
	{ "start", COL_STARTTIME }, { "stime", COL_STARTTIME },
	{ "thcount", COL_NLWP }, { "sz", COL_VIRT },
};

const struct column *columns_find(const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < COL_COUNT; i++)
		if (!strcasecmp(columns_table[i].key, key))
			return &columns_table[i];
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcasecmp(aliases[i].alias, key))
			return &columns_table[aliases[i].id];
	return NULL;
}

enum column_id columns_id(const struct column *col)
{
	return (enum column_id)(col - columns_table);
}

const char *columns_alias(enum column_id id, size_t i)
{
	for (size_t k = 0; k < sizeof(aliases) / sizeof(aliases[0]); k++)
		if (aliases[k].id == id && i-- == 0)
			return aliases[k].alias;
	return NULL;
}

int columns_parse_list(const char *list, enum column_id *ids, size_t max,
	const char **bad)
{
	size_t n = 0;
	const char *p = list ? list : "";
	if (bad)
		*bad = NULL;
	while (*p) {
		size_t len = strcspn(p, ", ");
		if (len) {
			char key[32];
			const struct column *col = NULL;
			if (len < sizeof(key)) {
				memcpy(key, p, len);
				key[len] = '\0';
				col = columns_find(key);
			}
			if (!col || n >= max) {
				if (bad)
					*bad = p;
				return col ? -E2BIG : -EINVAL;
			}
			ids[n++] = columns_id(col);
		}
		p += len;
		if (*p)
			p++;
	}
	return (int)n;
}

unsigned columns_need(const enum column_id *ids, size_t n)
{
	unsigned need = NEED_STAT;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)ids[i] < COL_COUNT)
			need |= columns_table[ids[i]].need;
	return need;
}

void columns_cell(enum column_id id, const struct task *t,
	const struct column_ctx *ctx, size_t width, bool last, struct sbuf *out)
{
	const struct column *col = &columns_table[id];
	bool text = col->left || col->grows;
	struct column_ctx c = ctx ? *ctx : (struct column_ctx){ 0 };
	c.width = width ? width : (size_t)col->width;
	/* Text wider than the cell is cut: two columns beyond the width
	 * tell "cut" from "fits" even when a wide character straddles the
	 * edge. */
	c.max_width = width && text ? width + 2 : 0;
	/* The value is formatted straight into out, then aligned there. */
	size_t start = out->len;
	if (!col->format(t, &c, COLUMN_HUMAN, out))
		sbuf_addc(out, '-');
	if (!width)
		return;   /* no width: as it is */
	size_t vlen = out->len - start;
	size_t w = text_width(out->data + start, vlen);
	if (w > width && text) {
		/* Text is cut to the width; a '+' marks the cut (top style),
		 * except in the growing last column. */
		bool mark = !(col->grows && last) && width >= 2;
		size_t got = 0;
		size_t keep = text_fit(out->data + start, vlen,
			mark ? width - 1 : width, &got);
		out->len = start + keep;
		out->data[out->len] = '\0';
		if (mark) {
			sbuf_addc(out, '+');
			got++;
		}
		if (!last && got < width)
			sbuf_pad(out, width - got);
	} else if (col->left) {
		if (!last && w < width)
			sbuf_pad(out, width - w);
	} else if (w > width) {
		/* A number too wide even in its column's scaled form (an id
		 * of a crafted tree, an absurd percentage): its first digits
		 * and a '+' marking the cut, never into the next column. */
		out->len = start + (width > 1 ? width - 1 : 0);
		sbuf_addc(out, '+');
	} else if (w < width) {
		/* Right-align by moving the value behind the padding. */
		size_t pad = width - w;
		sbuf_pad(out, pad);
		memmove(out->data + start + pad, out->data + start, vlen);
		memset(out->data + start, ' ', pad);
	}
}

size_t columns_shown_width(enum column_id id, bool sorted)
{
	const struct column *c = &columns_table[id];
	size_t w = c->width > 0 ? (size_t)c->width : 0;

	if (sorted && w && strlen(c->header) + 1 > w)
		w = strlen(c->header) + 1;
	return w;
}

int columns_compare(enum column_id id, const struct task *a,
	const struct task *b, const struct column_ctx *ctx, bool desc)
{
	int r = (unsigned)id < COL_COUNT ? columns_table[id].cmp(a, b, ctx) : 0;
	if (r == COLUMN_CMP_A_UNKNOWN)
		return 1;
	if (r == COLUMN_CMP_B_UNKNOWN)
		return -1;
	if (desc)
		r = -r;
	if (r)
		return r > 0 ? 1 : -1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

const enum column_id columns_default_batch[] = {
	COL_PID, COL_USER, COL_PRI, COL_NI, COL_VIRT, COL_RES, COL_SHR,
	COL_STATE, COL_CPU, COL_MEM, COL_TIME, COL_COMM,
};
const size_t columns_default_batch_n =
	sizeof(columns_default_batch) / sizeof(columns_default_batch[0]);

const enum column_id columns_default_tui[] = {
	COL_PID, COL_USER, COL_PRI, COL_NI, COL_VIRT, COL_RES, COL_SHR,
	COL_SWAP, COL_STATE, COL_CPU, COL_MEM, COL_TIME, COL_CMD,
};
const size_t columns_default_tui_n =
	sizeof(columns_default_tui) / sizeof(columns_default_tui[0]);
