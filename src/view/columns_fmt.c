/* columns_fmt — value getters and formatters behind the column table
 * (see proctop/columns.h; the table itself is in columns.c).
 *
 * Numbers are formatted from integers or through units.h, so no output
 * depends on LC_NUMERIC.  Untrusted text goes through text.h. */
#include "columns_fmt.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "proctop/text.h"
#include "proctop/units.h"

long colfmt_page_kib(const struct column_ctx *ctx)
{
	return ctx && ctx->snap && ctx->snap->page_kib > 0 ?
		ctx->snap->page_kib : 4;
}

long colfmt_hz(const struct column_ctx *ctx)
{
	return ctx && ctx->snap && ctx->snap->hz > 0 ? ctx->snap->hz : 100;
}

static int64_t clamp_u64(uint64_t v)
{
	return v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

/* ---- integer getters: false when the value is unknown ---- */

#define HAS(t, bits) (((t)->have & (bits)) == (bits))

bool colget_pid(const struct task *t, const struct column_ctx *c, int64_t *v)
{
	*v = t->pid;
	return true;
}

bool colget_tgid(const struct task *t, const struct column_ctx *c, int64_t *v)
{
	*v = t->tgid ? t->tgid : t->pid;
	return true;
}

#define STAT_GETTER(name, expr) \
bool colget_##name(const struct task *t, const struct column_ctx *c, \
	int64_t *v) \
{ \
	if (!HAS(t, TASK_HAVE_STAT)) \
		return false; \
	*v = (expr); \
	return true; \
}

STAT_GETTER(ppid, t->stat.ppid)
STAT_GETTER(pgrp, t->stat.pgrp)
STAT_GETTER(sid, t->stat.session)
STAT_GETTER(tty, t->stat.tty_nr)
STAT_GETTER(pri, t->stat.priority)
STAT_GETTER(ni, t->stat.nice)
STAT_GETTER(policy, t->stat.policy)
STAT_GETTER(rtprio, t->stat.rt_priority)
STAT_GETTER(time, clamp_u64(task_total_ticks(t)))
STAT_GETTER(nlwp, t->stat.num_threads)
STAT_GETTER(processor, t->stat.processor)
STAT_GETTER(minflt, clamp_u64(t->stat.minflt))
STAT_GETTER(majflt, clamp_u64(t->stat.majflt))
STAT_GETTER(state, (unsigned char)t->stat.state)


bool colget_starttime(const struct task *t, const struct column_ctx *c,
	int64_t *v)
{
	if (!HAS(t, TASK_HAVE_STAT) || !c || !c->snap || !c->snap->sys.btime)
		return false;
	*v = clamp_u64(c->snap->sys.btime
		+ t->stat.starttime / (uint64_t)colfmt_hz(c));
	return true;
}

/* A thread row without its own copy of a process-wide field group (the
 * collector reads mm-wide files once per process) takes its process's. */
static const struct task *owner_of(const struct task *t,
	const struct column_ctx *c, uint32_t bits)
{
	if (HAS(t, bits) || !t->is_thread || !c || !c->snap || t->parent < 0
		|| (size_t)t->parent >= c->snap->nprocs)
		return t;
	return &c->snap->procs[t->parent];
}


/* No user address space: a kernel thread, or a zombie (or dead task),
 * whose mm is gone and whose stat and statm say 0.  Every memory value
 * of such a task is unknown ("-", null in JSON, empty in CSV), never 0:
 * one rule for every memory column. */
static bool task_no_mm(const struct task *t)
{
	return t->is_kthread || (HAS(t, TASK_HAVE_STAT)
		&& (t->stat.state == 'Z' || t->stat.state == 'X'));
}

/* The row's task or the task its value comes from (a thread row's
 * process) has no address space. */
static bool no_mm(const struct task *task, const struct task *t)
{
	return task_no_mm(task) || task_no_mm(t);
}

/* The task whose RES a row shows: itself, or for a thread row without
 * statm its process when that one has statm and an address space (else
 * stat (24), per task: the live threads of a process whose main thread
 * exited still share an mm). */
static const struct task *rss_of(const struct task *t,
	const struct column_ctx *c)
{
	const struct task *p = owner_of(t, c, TASK_HAVE_STATM);
	return HAS(p, TASK_HAVE_STATM) && !task_no_mm(p) ? p : t;
}

/* Process-wide values (memory of the mm, owner).  cond: a further
 * condition on the owner t for the value to be known. */
#define MM_GETTER_IF(name, bits, cond, expr) \
bool colget_##name(const struct task *task, const struct column_ctx *c, \
	int64_t *v) \
{ \
	const struct task *t = owner_of(task, c, bits); \
	if (!HAS(t, bits) || no_mm(task, t) || !(cond)) \
		return false; \
	*v = clamp_u64(expr); \
	return true; \
}
#define MM_GETTER(name, bits, expr) MM_GETTER_IF(name, bits, true, expr)

/* Per-task values. */
#define KIB_GETTER(name, bits, expr) \
bool colget_##name(const struct task *t, const struct column_ctx *c, \
	int64_t *v) \
{ \
	if (!HAS(t, bits)) \
		return false; \
	*v = clamp_u64(expr); \
	return true; \
}

MM_GETTER(shr, TASK_HAVE_STATM,
	t->statm->shared * (uint64_t)colfmt_page_kib(c))
MM_GETTER(code, TASK_HAVE_STATM,
	t->statm->text * (uint64_t)colfmt_page_kib(c))
MM_GETTER(data, TASK_HAVE_STATM,
	t->statm->data * (uint64_t)colfmt_page_kib(c))
MM_GETTER_IF(swap, TASK_HAVE_STATUS, t->x->status.has_vm,
	t->x->status.vm_swap_kib)
MM_GETTER(pss, TASK_HAVE_ROLLUP, t->x->rollup.pss_kib)
MM_GETTER(swappss, TASK_HAVE_ROLLUP, t->x->rollup.swap_pss_kib)
MM_GETTER(uss, TASK_HAVE_ROLLUP,
	t->x->rollup.private_clean_kib + t->x->rollup.private_dirty_kib)
MM_GETTER_IF(resswap, TASK_HAVE_STAT | TASK_HAVE_STATUS, t->x->status.has_vm,
	task_rss_kib(rss_of(task, c), colfmt_page_kib(c))
	+ t->x->status.vm_swap_kib)

/* VIRT: stat (23), per task. */
bool colget_virt(const struct task *t, const struct column_ctx *c,
	int64_t *v)
{
	if (!HAS(t, TASK_HAVE_STAT) || task_no_mm(t))
		return false;
	*v = clamp_u64(task_virt_kib(t));
	return true;
}

/* RES of the mm: a thread row without statm takes its process's exact
 * statm count (threads share the mm) rather than its own stat (24). */
bool colget_res(const struct task *task, const struct column_ctx *c,
	int64_t *v)
{
	const struct task *t = rss_of(task, c);
	if (!HAS(t, TASK_HAVE_STAT) || no_mm(task, t))
		return false;
	*v = clamp_u64(task_rss_kib(t, colfmt_page_kib(c)));
	return true;
}
bool colget_uid(const struct task *task, const struct column_ctx *c,
	int64_t *v)
{
	const struct task *t = owner_of(task, c, TASK_HAVE_UID);
	if (!HAS(t, TASK_HAVE_UID))
		return false;
	*v = t->uid;
	return true;
}

KIB_GETTER(nvcsw, TASK_HAVE_STATUS, t->x->status.voluntary_ctxt)
KIB_GETTER(nivcsw, TASK_HAVE_STATUS, t->x->status.nonvoluntary_ctxt)
KIB_GETTER(rbytes, TASK_HAVE_IO, t->x->io.read_bytes)
KIB_GETTER(wbytes, TASK_HAVE_IO, t->x->io.write_bytes)

bool colget_cpu(const struct task *t, const struct column_ctx *c, double *v)
{
	if (!HAS(t, TASK_HAVE_CPU))
		return false;
	*v = t->cpu_pct;
	return true;
}

/* RES (as colget_res: unknown for a kernel thread) / MemTotal, computed
 * here rather than taken from mem_pct so that statm read after
 * snapshot_finish (rows on screen) and a thread row's process count. */
bool colget_mem(const struct task *task, const struct column_ctx *c,
	double *v)
{
	const struct task *t;

	if (!HAS(task, TASK_HAVE_STAT) || !c || !c->snap
		|| !c->snap->sys.mem.mem_total)
		return false;
	t = rss_of(task, c);
	if (!HAS(t, TASK_HAVE_STAT) || no_mm(task, t))
		return false;
	*v = (double)task_rss_kib(t, colfmt_page_kib(c)) * 100.0
		/ (double)c->snap->sys.mem.mem_total;
	return true;
}

/* ---- comparing ---- */

int colcmp_int(colget_int_fn get, const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	int64_t x = 0, y = 0;
	bool ka = get(a, ctx, &x), kb = get(b, ctx, &y);
	if (ka != kb)
		return ka ? COLUMN_CMP_B_UNKNOWN : COLUMN_CMP_A_UNKNOWN;
	return (x > y) - (x < y);
}

int colcmp_float(colget_float_fn get, const struct task *a,
	const struct task *b, const struct column_ctx *ctx)
{
	double x = 0, y = 0;
	bool ka = get(a, ctx, &x), kb = get(b, ctx, &y);
	if (ka != kb)
		return ka ? COLUMN_CMP_B_UNKNOWN : COLUMN_CMP_A_UNKNOWN;
	return (x > y) - (x < y);
}

/* ---- formatting numbers ---- */

bool colfmt_int(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out)
{
	int64_t v;
	if (!get(t, ctx, &v))
		return false;
	sbuf_addf(out, "%" PRId64, v);
	return true;
}

/* How a number is shown in human style. */
enum human_scale { HUMAN_COUNT, HUMAN_KIB, HUMAN_BYTES };

/* A number: raw in JSON/CSV; in human style a count scaled to the cell
 * (units_count), or a size with its unit letter in the one unit system of
 * every screen (units_size). */
static bool colfmt_scaled(colget_int_fn get, enum human_scale scale,
	const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	int64_t v;
	if (!get(t, ctx, &v))
		return false;
	if (style != COLUMN_HUMAN || v < 0) {
		sbuf_addf(out, "%" PRId64, v);
		return true;
	}
	char buf[32];
	if (scale == HUMAN_COUNT)
		units_count(buf, sizeof(buf), (uint64_t)v,
			ctx ? (int)ctx->width : 0);
	else
		units_size(buf, sizeof(buf), (uint64_t)v,
			scale == HUMAN_KIB ? UNITS_KIB : UNITS_BYTES);
	sbuf_adds(out, buf);
	return true;
}

bool colfmt_count(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out)
{
	return colfmt_scaled(get, HUMAN_COUNT, t, ctx, style, out);
}

bool colfmt_kib(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out)
{
	return colfmt_scaled(get, HUMAN_KIB, t, ctx, style, out);
}

bool colfmt_bytes(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out)
{
	return colfmt_scaled(get, HUMAN_BYTES, t, ctx, style, out);
}

bool colfmt_pct(colget_float_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out)
{
	double v;
	if (!get(t, ctx, &v))
		return false;
	char buf[64];
	int prec = style == COLUMN_HUMAN ? (v >= 999.95 ? 0 : 1) : 2;
	units_double(buf, sizeof(buf), v, prec);
	sbuf_adds(out, buf);
	return true;
}

bool colfmt_time(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	int64_t ticks;
	if (!colget_time(t, ctx, &ticks))
		return false;
	char buf[64];
	if (style == COLUMN_HUMAN) {
		units_time_plus(buf, sizeof(buf), (uint64_t)ticks,
			colfmt_hz(ctx));
	} else {
		/* Seconds with hundredths, from integers. */
		uint64_t hz = (uint64_t)colfmt_hz(ctx);
		uint64_t cs = (uint64_t)ticks / hz * 100
			+ (uint64_t)ticks % hz * 100 / hz;
		snprintf(buf, sizeof(buf), "%" PRIu64 ".%02" PRIu64,
			cs / 100, cs % 100);
	}
	sbuf_adds(out, buf);
	return true;
}

bool colfmt_pri(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	int64_t v;
	if (!colget_pri(t, ctx, &v))
		return false;
	if (style == COLUMN_HUMAN && v <= -100)
		sbuf_adds(out, "rt");   /* as top shows real-time priority 99 */
	else
		sbuf_addf(out, "%" PRId64, v);
	return true;
}

bool colfmt_rtprio(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	int64_t v;
	if (!colget_rtprio(t, ctx, &v))
		return false;
	sbuf_addf(out, "%" PRId64, v);
	return true;
}

/* ---- text values ---- */

/* Append raw (untrusted) text in the given style. */
void colfmt_text(const char *s, size_t len, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	bool utf8 = ctx ? ctx->utf8 : false;
	switch (style) {
	case COLUMN_HUMAN:
		text_sanitize(out, s, len, utf8);
		break;
	case COLUMN_CSV:
		text_csv_field(out, s, len, utf8);
		break;
	case COLUMN_JSON:
		text_json_string(out, s, len);
		break;
	}
}

/* Trusted ASCII (numbers, fixed names) as text in the given style. */
static void add_plain(const char *s, enum column_style style,
	struct sbuf *out)
{
	if (style == COLUMN_JSON) {
		text_json_string(out, s, strlen(s));
	} else {
		sbuf_adds(out, s);
	}
}

bool colfmt_state(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	if (!HAS(t, TASK_HAVE_STAT) || !t->stat.state)
		return false;
	char s[2] = { t->stat.state, '\0' };
	colfmt_text(s, 1, ctx, style, out);
	return true;
}

const char *colfmt_policy_name(unsigned policy)
{
	static const char *const names[] = {
		[0] = "TS", [1] = "FF", [2] = "RR", [3] = "B", [5] = "IDL",
		[6] = "DLN",
	};
	if (policy < sizeof(names) / sizeof(names[0]) && names[policy])
		return names[policy];
	return "?";
}

bool colfmt_policy(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	if (!HAS(t, TASK_HAVE_STAT))
		return false;
	add_plain(colfmt_policy_name(t->stat.policy), style, out);
	return true;
}

void colfmt_tty_name(int tty_nr, char *buf, size_t size)
{
	unsigned nr = (unsigned)tty_nr;
	unsigned major = (nr >> 8) & 0xfffu;
	unsigned minor = (nr & 0xffu) | ((nr >> 12) & 0xfff00u);
	if (!nr)
		snprintf(buf, size, "?");
	else if (major == 4 && minor < 64)
		snprintf(buf, size, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, size, "ttyS%u", minor - 64);
	else if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else
		snprintf(buf, size, "%u:%u", major, minor);
}

bool colfmt_tty(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	if (!HAS(t, TASK_HAVE_STAT))
		return false;
	char buf[32];
	colfmt_tty_name(t->stat.tty_nr, buf, sizeof(buf));
	add_plain(buf, style, out);
	return true;
}

bool colfmt_user(const struct task *task, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	const struct task *t = task->user ? task
		: owner_of(task, ctx, TASK_HAVE_UID);
	if (t->user) {
		colfmt_text(t->user, strlen(t->user), ctx, style, out);
		return true;
	}
	if (!HAS(t, TASK_HAVE_UID))
		return false;
	char buf[32];
	snprintf(buf, sizeof(buf), "%u", (unsigned)t->uid);
	add_plain(buf, style, out);
	return true;
}

int colcmp_user(const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	if (a->user && b->user) {
		int r = strcmp(a->user, b->user);
		return (r > 0) - (r < 0);
	}
	if (a->user || b->user) {
		if ((a->have & TASK_HAVE_UID) != (b->have & TASK_HAVE_UID))
			return colcmp_int(colget_uid, a, b, ctx);
		return a->user ? 1 : -1;   /* a named user above a bare uid */
	}
	return colcmp_int(colget_uid, a, b, ctx);
}

bool colfmt_starttime(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int64_t start;
	if (!colget_starttime(t, ctx, &start))
		return false;
	if (style != COLUMN_HUMAN) {
		sbuf_addf(out, "%" PRId64, start);
		return true;
	}
	time_t st = (time_t)start, now = ctx->snap->wall ? ctx->snap->wall
		: time(NULL);
	struct tm tm_start, tm_now;
	if (!localtime_r(&st, &tm_start) || !localtime_r(&now, &tm_now))
		return false;
	if (tm_start.tm_year == tm_now.tm_year
		&& tm_start.tm_yday == tm_now.tm_yday)
		sbuf_addf(out, "%02d:%02d", tm_start.tm_hour, tm_start.tm_min);
	else if (tm_start.tm_year == tm_now.tm_year)
		sbuf_addf(out, "%s%02d", months[tm_start.tm_mon % 12],
			tm_start.tm_mday);
	else
		sbuf_addf(out, "%d", tm_start.tm_year + 1900);
	return true;
}

/* comm: the raw kernel name (kernel threads as they are). */
bool colfmt_comm(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	if (!HAS(t, TASK_HAVE_STAT))
		return false;
	colfmt_text(task_comm(t), strnlen(task_comm(t), TASK_COMM_MAX), ctx,
		style, out);
	return true;
}

/* Room for the longest command shown without a cmdline: "[comm]" or
 * "comm <defunct>". */
#define CMD_SMALL_MAX (TASK_COMM_MAX + sizeof(" <defunct>"))

/* The command line as shown (see colfmt_cmd_raw) as a byte range, without
 * copying a cmdline: *s points into t->cmdline (borrowed) or into small,
 * where a short "[comm]" / "comm <defunct>" / comm is put together.
 * Returns false when nothing is known. */
static bool cmd_view(const struct task *t, char small[CMD_SMALL_MAX],
	const char **s, size_t *len)
{
	bool have_stat = HAS(t, TASK_HAVE_STAT);
	size_t clen = strnlen(task_comm(t), TASK_COMM_MAX);
	const char *pre = "", *suf = "";
	if (have_stat && t->stat.state == 'Z') {
		suf = " <defunct>";
	} else if (t->is_thread && have_stat && !t->cmdline) {
		/* the thread's comm */
	} else if (t->cmdline && t->cmdline_len && !t->is_kthread) {
		*s = t->cmdline;
		*len = t->cmdline_len;
		return true;
	} else if (!have_stat) {
		return false;
	} else {
		pre = "[";
		suf = "]";
	}
	size_t plen = strlen(pre), slen = strlen(suf);
	memcpy(small, pre, plen);
	memcpy(small + plen, task_comm(t), clen);
	memcpy(small + plen + clen, suf, slen);
	*s = small;
	*len = plen + clen + slen;
	return true;
}

/* The command line as shown: cmdline; "[comm]" for kernel threads and
 * processes without one; "comm <defunct>" for zombies.  A thread row shows
 * its own comm (thread names are what tells threads apart).  Raw bytes;
 * the caller escapes.  Returns false when nothing is known. */
bool colfmt_cmd_raw(const struct task *t, struct sbuf *raw)
{
	char small[CMD_SMALL_MAX];
	const char *s = NULL;
	size_t len = 0;
	if (!cmd_view(t, small, &s, &len))
		return false;
	sbuf_add(raw, s, len);
	return true;
}

/* Human style honours ctx->max_width: a huge command line is sanitised
 * only as far as a cell can show it. */
bool colfmt_cmd(const struct task *t, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out)
{
	char small[CMD_SMALL_MAX];
	const char *s = NULL;
	size_t len = 0;
	if (!cmd_view(t, small, &s, &len))
		return false;
	if (style == COLUMN_HUMAN && ctx && ctx->max_width)
		text_sanitize_width(out, s, len, ctx->utf8, ctx->max_width);
	else
		colfmt_text(s, len, ctx, style, out);
	return true;
}

int colcmp_comm(const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	bool ka = HAS(a, TASK_HAVE_STAT), kb = HAS(b, TASK_HAVE_STAT);
	if (ka != kb)
		return ka ? COLUMN_CMP_B_UNKNOWN : COLUMN_CMP_A_UNKNOWN;
	int r = strncmp(task_comm(a), task_comm(b), TASK_COMM_MAX);
	return (r > 0) - (r < 0);
}

/* Byte order of the shown command lines (neither holds a NUL: cmdline's
 * are joined with spaces), a prefix first; no string is built (kernel
 * threads and zombies are put together on the stack). */
int colcmp_cmd(const struct task *a, const struct task *b,
	const struct column_ctx *ctx)
{
	char sa[CMD_SMALL_MAX], sb[CMD_SMALL_MAX];
	const char *x = NULL, *y = NULL;
	size_t xl = 0, yl = 0;
	bool ka = cmd_view(a, sa, &x, &xl), kb = cmd_view(b, sb, &y, &yl);
	if (ka != kb)
		return ka ? COLUMN_CMP_B_UNKNOWN : COLUMN_CMP_A_UNKNOWN;
	if (!ka)
		return 0;
	size_t n = xl < yl ? xl : yl;
	int r = memcmp(x, y, n);
	if (!r)
		r = (xl > yl) - (xl < yl);   /* a prefix sorts first */
	return (r > 0) - (r < 0);
}
