/* screen_pinfo — what one process has: its environment (e), open files
 * (l), file locks (x), whole command line wrapped (w) and the output of
 * strace attached to it (s).  One implementation for the five screens:
 * the data is read (collect/procfiles, actions/trace) when the screen
 * opens and after every sample, turned into lines of safe text, and
 * drawn with vertical and horizontal scrolling (the command line wraps
 * instead).  Reading another user's environment or fds needs ptrace read
 * access; a refusal is explained on the screen. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proctop/caps.h"
#include "proctop/fileread.h"
#include "proctop/pidinfo.h"
#include "proctop/procfiles.h"
#include "proctop/reader.h"
#include "proctop/text.h"
#include "proctop/trace.h"
#include "proctop/xalloc.h"
#include "screen_pinfo.h"
#include "table.h"

/* strace output kept at most (older lines are dropped). */
#define TRACE_KEEP (1024 * 1024)
/* strace output taken per refresh at most. */
#define TRACE_READ_MAX (256 * 1024)

/* Screen state: each of the five screens has its own instance
 * (ui_state). */
struct pinfo_state {
	enum screen_id id;
	struct view_key key;       /* the process shown */
	char comm[TASK_COMM_MAX * 4 + 8];   /* sanitised, for the title */
	int err;                   /* last read: 0 or -errno */
	bool exited;               /* gone: the last lines stay */
	bool truncated;            /* environ over its cap */
	char head[160];            /* column header ("" none), trusted */
	struct sbuf text;          /* safe lines, NUL-separated */
	size_t *off;               /* start of each line in text */
	size_t n, cap;
	size_t notes;              /* of the n lines, our own remarks (not
	                              entries: not in the title's count) */
	struct table tab;          /* view mode, over the visual rows */
	struct pinfo_piece *rows;  /* this frame's visual rows */
	size_t nrows, rows_cap;
	bool follow;               /* trace: stay at the end */
	struct trace *tr;          /* strace while it runs */
	struct sbuf raw;           /* trace: the output so far */
	char trace_end[160];       /* why strace ended ("" running) */
	bool ptrace_cap;           /* we hold CAP_SYS_PTRACE */
};

/* One visual row: bytes [off, off + len) of the state's text. */
struct pinfo_piece {
	size_t off, len;
};

/* ---- lines ---------------------------------------------------------- */

static void lines_reset(struct pinfo_state *pi)
{
	sbuf_reset(&pi->text);
	pi->n = pi->notes = 0;
}

static void line_start(struct pinfo_state *pi)
{
	if (pi->n == pi->cap) {
		pi->cap = pi->cap ? pi->cap * 2 : 64;
		pi->off = xreallocarray(pi->off, pi->cap, sizeof(*pi->off));
	}
	pi->off[pi->n++] = pi->text.len;
}

static void line_end(struct pinfo_state *pi)
{
	sbuf_addc(&pi->text, '\0');
}

/* A line: our own printf text, then untrusted bytes (may be NULL). */
static void line(struct ui *ui, struct pinfo_state *pi, const char *s,
	size_t len, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void line(struct ui *ui, struct pinfo_state *pi, const char *s,
	size_t len, const char *fmt, ...)
{
	va_list ap;

	line_start(pi);
	va_start(ap, fmt);
	sbuf_vaddf(&pi->text, fmt, ap);
	va_end(ap);
	if (s)
		text_sanitize(&pi->text, s, len, ui->utf8);
	line_end(pi);
}

/* A remark of ours in place of entries ("no file locks"). */
static void note(struct ui *ui, struct pinfo_state *pi, const char *text)
{
	line(ui, pi, NULL, 0, "%s", text);
	pi->notes++;
}

/* ---- reading -------------------------------------------------------- */

/* The directory of the process shown, checked to still be it. */
static int open_proc(struct ui *ui, struct pinfo_state *pi)
{
	int root = open(collector_root(ui->coll),
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct pidinfo info;

	if (root < 0)
		return -errno;
	int fd = pidinfo_open(root, pi->key.pid);
	close(root);
	if (fd < 0)
		return fd;
	pidinfo_init(&info);
	info.known = true;
	info.start_ticks = pi->key.starttime;
	int err = pidinfo_read(fd, 0, &info);
	pidinfo_fini(&info);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

static void build_env(struct ui *ui, struct pinfo_state *pi, int fd)
{
	struct sbuf raw;
	size_t *off, *lens;

	sbuf_init(&raw);
	int rc = procfiles_read_environ(fd, &raw);
	pi->err = rc < 0 ? rc : 0;
	pi->truncated = rc == 1;
	if (rc >= 0) {
		size_t n = procfiles_split_environ(raw.data, raw.len, &off,
			&lens);
		for (size_t i = 0; i < n; i++)
			line(ui, pi, raw.data + off[i], lens[i], "%s", "");
		if (!n)
			note(ui, pi, "(empty: a kernel thread, a zombie, "
				"or a process that cleared it)");
		if (pi->truncated) {
			line(ui, pi, NULL, 0, "[truncated at %d KiB]",
				PROCFILES_ENVIRON_CAP / 1024);
			pi->notes++;
		}
		free(off);
		free(lens);
	}
	sbuf_fini(&raw);
}

static void build_files(struct ui *ui, struct pinfo_state *pi, int fd)
{
	struct pf_fds fds;
	char flags[64], pos[24];

	procfiles_fds_init(&fds);
	pi->err = procfiles_read_fds(fd, &fds);
	snprintf(pi->head, sizeof(pi->head), "%5s %-10s %12s %-22s %s", "FD",
		"TYPE", "POS", "FLAGS", "NAME");
	for (size_t i = 0; i < fds.n; i++) {
		const struct pf_fd *d = &fds.v[i];
		snprintf(pos, sizeof(pos), "-");
		if (d->info.have_pos)
			snprintf(pos, sizeof(pos), "%" PRIu64, d->info.pos);
		snprintf(flags, sizeof(flags), "-");
		if (d->info.have_flags)
			procfiles_flags_text(d->info.flags, flags, sizeof(flags));
		line(ui, pi, d->name, d->name_len, "%5d %-10s %12s %-22s ", d->fd,
			d->type, pos, flags);
	}
	procfiles_fds_fini(&fds);
}

/* The path of the fd of this process that holds (dev, ino), if any. */
static const struct pf_fd *lock_file(const struct pf_fds *fds,
	const struct pf_lock *l)
{
	for (size_t i = 0; i < fds->n; i++) {
		const struct pf_fd *d = &fds->v[i];
		if (d->have_stat && d->ino == l->ino &&
		    d->dev_major == l->dev_major && d->dev_minor == l->dev_minor)
			return d;
	}
	return NULL;
}

static void build_locks(struct ui *ui, struct pinfo_state *pi, int fd)
{
	struct pf_fds fds;
	struct pf_lock *locks;
	char range[48], dev[40];
	int root = open(collector_root(ui->coll),
		O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (root < 0) {
		pi->err = -errno;
		return;
	}
	long n = procfiles_read_locks(root, pi->key.pid, &locks);
	close(root);
	pi->err = n < 0 ? (int)n : 0;
	procfiles_fds_init(&fds);
	int fds_err = n > 0 ? procfiles_read_fds(fd, &fds) : 0;
	snprintf(pi->head, sizeof(pi->head), "%-7s %-9s %-6s %-21s %-16s %s",
		"TYPE", "MODE", "ACCESS", "RANGE", "DEV:INODE", "PATH");
	for (long i = 0; i < n; i++) {
		const struct pf_lock *l = &locks[i];
		if (l->to_eof)
			snprintf(range, sizeof(range), "%" PRIu64 "-EOF",
				l->start);
		else
			snprintf(range, sizeof(range), "%" PRIu64 "-%" PRIu64,
				l->start, l->end);
		snprintf(dev, sizeof(dev), "%02x:%02x:%" PRIu64, l->dev_major,
			l->dev_minor, l->ino);
		const struct pf_fd *f = lock_file(&fds, l);
		line(ui, pi, f ? f->name : NULL, f ? f->name_len : 0,
			"%-7s %-9s %-6s %-21s %-16s %s", l->type, l->mode,
			l->access, range, dev, f ? "" :
			fds_err ? "? (its fds are not readable)" :
			"? (no open fd of this process)");
	}
	if (n == 0)
		note(ui, pi, "(no file locks held by this process)");
	free(locks);
	procfiles_fds_fini(&fds);
}

static void build_cmdline(struct ui *ui, struct pinfo_state *pi, int fd)
{
	struct sbuf buf;

	sbuf_init(&buf);
	int rc = reader_read_cmdline(fd, &buf);
	pi->err = rc < 0 ? rc : 0;
	if (rc > 0)
		line(ui, pi, buf.data, buf.len, "%s", "");
	else if (rc == 0)
		note(ui, pi, "(empty: a kernel thread or a zombie)");
	sbuf_fini(&buf);
}

/* Turn the strace output so far into lines (the last, unfinished one
 * too). */
static void build_trace(struct ui *ui, struct pinfo_state *pi)
{
	size_t i = 0;

	while (i < pi->raw.len) {
		const char *nl = memchr(pi->raw.data + i, '\n', pi->raw.len - i);
		size_t end = nl ? (size_t)(nl - pi->raw.data) : pi->raw.len;
		line(ui, pi, pi->raw.data + i, end - i, "%s", "");
		i = end + 1;
	}
	if (pi->trace_end[0])
		line(ui, pi, NULL, 0, "%s", pi->trace_end);
}

/* Read what strace wrote; note how it ended. */
static void trace_poll(struct ui *ui, struct pinfo_state *pi)
{
	bool exited;
	int status;

	if (!pi->tr)
		return;
	long n = trace_read(pi->tr, &pi->raw, TRACE_READ_MAX, &exited, &status);
	if (pi->raw.len > TRACE_KEEP) {
		/* keep the newest output, from a line start */
		size_t cut = pi->raw.len - TRACE_KEEP / 2;
		const char *nl = memchr(pi->raw.data + cut, '\n',
			pi->raw.len - cut);
		cut = nl ? (size_t)(nl - pi->raw.data) + 1 : cut;
		memmove(pi->raw.data, pi->raw.data + cut, pi->raw.len - cut);
		pi->raw.len -= cut;
		pi->raw.data[pi->raw.len] = '\0';
	}
	if (n < 0 || exited) {
		bool refused = pi->raw.data && (strstr(pi->raw.data,
			"Operation not permitted") != NULL);
		snprintf(pi->trace_end, sizeof(pi->trace_end),
			"[strace ended (%s %d)%s]",
			WIFEXITED(status) ? "exit status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) :
			WIFSIGNALED(status) ? WTERMSIG(status) : 0,
			refused ? ": ptrace refused: tracing needs the same "
			"user (and Yama's ptrace_scope allowing it) or "
			"CAP_SYS_PTRACE" : "");
		trace_stop(pi->tr);
		pi->tr = NULL;
	}
}

/* Replay: the command line the recording holds for the process shown
 * (the live files of a recorded process are not there to read). */
static void build_recorded_cmdline(struct ui *ui, struct pinfo_state *pi)
{
	const struct snapshot *s = ui->snap;
	long i = ui->have_sample ? snapshot_find(s, pi->key.pid) : -1;
	const struct task *t = i >= 0 ? &s->procs[i] : NULL;

	if (!t || t->stat.starttime != pi->key.starttime)
		note(ui, pi, "(not in this sample of the recording)");
	else if (t->cmdline && t->cmdline_len)
		line(ui, pi, t->cmdline, t->cmdline_len, "%s", "");
	else
		note(ui, pi, "(empty: a kernel thread or a zombie)");
}

static void pinfo_read(struct ui *ui, struct pinfo_state *pi)
{
	if (pi->exited)
		return;
	if (ui_replaying(ui)) {
		lines_reset(pi);
		pi->head[0] = '\0';
		pi->err = 0;
		if (pi->id == SCREEN_CMDLINE)
			build_recorded_cmdline(ui, pi);
		return;
	}
	if (pi->id == SCREEN_TRACE) {
		trace_poll(ui, pi);
		lines_reset(pi);
		build_trace(ui, pi);
		return;
	}
	int fd = open_proc(ui, pi);
	if (fd == -ESRCH && pi->n) {
		pi->exited = true;
		return;
	}
	lines_reset(pi);
	pi->head[0] = '\0';
	pi->err = fd < 0 ? fd : 0;
	if (fd < 0)
		return;
	switch (pi->id) {
	case SCREEN_ENV: build_env(ui, pi, fd); break;
	case SCREEN_FILES: build_files(ui, pi, fd); break;
	case SCREEN_LOCKS: build_locks(ui, pi, fd); break;
	case SCREEN_CMDLINE: build_cmdline(ui, pi, fd); break;
	default: break;
	}
	close(fd);
}

/* ---- screen ops ------------------------------------------------------- */

static void pinfo_enter_as(struct ui *ui, struct pinfo_state *pi,
	enum screen_id id)
{
	const struct task *t = ui_selected_task(ui, &pi->key);
	struct caps_self self;

	/* The state is zeroed. */
	pi->id = id;
	sbuf_init(&pi->text);
	sbuf_init(&pi->raw);
	pi->tab = (struct table){ .view = true };
	pi->follow = true;
	/* for the message that explains a refusal (draw does no I/O) */
	pi->ptrace_cap = caps_self_read(&self) == 0 &&
		(self.eff & ((uint64_t)1 << CAP_SYS_PTRACE));
	if (t)
		ui_sanitize(ui, pi->comm, sizeof(pi->comm), task_comm(t),
			strnlen(task_comm(t), TASK_COMM_MAX), 32);
	if (id == SCREEN_TRACE) {
		int err = trace_start(pi->key.pid, &pi->tr);
		if (err == -ENOENT)
			snprintf(pi->trace_end, sizeof(pi->trace_end),
				"[strace is not installed: install it (e.g. "
				"apt install strace) to trace system calls]");
		else if (err)
			snprintf(pi->trace_end, sizeof(pi->trace_end),
				"[cannot start strace: %s]", strerror(-err));
	}
	pinfo_read(ui, pi);
}

static void pinfo_leave(struct ui *ui, struct pinfo_state *pi)
{
	trace_stop(pi->tr);
	pi->tr = NULL;
	sbuf_fini(&pi->text);
	sbuf_fini(&pi->raw);
	free(pi->off);
	free(pi->rows);
}

static void pinfo_sampled(struct ui *ui, struct pinfo_state *pi)
{
	pinfo_read(ui, pi);
	if (pi->id == SCREEN_TRACE && pi->follow)
		pi->tab.top = LONG_MAX / 2;      /* clamped at draw */
	ui->want_redraw = true;
}

static const char *pinfo_what(const struct pinfo_state *pi)
{
	switch (pi->id) {
	case SCREEN_ENV: return "Environment";
	case SCREEN_FILES: return "Open files";
	case SCREEN_LOCKS: return "File locks";
	case SCREEN_CMDLINE: return "Command line";
	case SCREEN_TRACE: return "strace";
	default: return "?";
	}
}

/* The file a screen reads, for messages. */
static const char *pinfo_file(const struct pinfo_state *pi)
{
	switch (pi->id) {
	case SCREEN_ENV: return "environ";
	case SCREEN_FILES: return "fd";
	case SCREEN_LOCKS: return "fd";
	default: return "cmdline";
	}
}

/* Why a read failed, in up to three lines from y. */
static int draw_error(struct ui *ui, const struct pinfo_state *pi, int y,
	const struct ui_rect *a)
{
	char buf[256];
	attr_t wa = ui_attr(ui, UC_WARNING);
	int end = a->y + a->h;

	if (pi->err == -EACCES || pi->err == -EPERM) {
		snprintf(buf, sizeof(buf), "Permission denied reading "
			"/proc/%d/%s.", (int)pi->key.pid, pinfo_file(pi));
		ui_put(ui, y++, a->x, a->w, wa, buf);
		if (y < end)
			ui_put(ui, y++, a->x, a->w, 0, "Another process's "
				"environment and open files need ptrace read "
				"access to it (PTRACE_MODE_READ):");
		if (y < end)
			ui_put(ui, y++, a->x, a->w, 0, pi->ptrace_cap ?
				"proctop has CAP_SYS_PTRACE, yet the kernel "
				"refuses: the process is protected (not "
				"dumpable, a Yama or LSM policy)." : "run "
				"proctop as the same user (the process must be "
				"dumpable), or with CAP_SYS_PTRACE (e.g. as "
				"root).");
		return y;
	}
	snprintf(buf, sizeof(buf), "Cannot read /proc/%d/%s: %s",
		(int)pi->key.pid, pinfo_file(pi), fileread_strerror(pi->err));
	ui_put(ui, y++, a->x, a->w, wa, buf);
	return y;
}

/* The visual rows: each line, or (w: wrapped) each piece of its
 * width. */
static void pinfo_rows(struct pinfo_state *pi, int width)
{
	bool wrap = pi->id == SCREEN_CMDLINE;
	size_t w = width > 0 ? (size_t)width : 1;

	pi->nrows = 0;
	for (size_t i = 0; i < pi->n; i++) {
		size_t off = pi->off[i];
		size_t len = strlen(pi->text.data + off);
		do {
			size_t take = wrap ? ui_wrap_bytes(pi->text.data + off,
				len, w) : len;
			if (pi->nrows == pi->rows_cap) {
				pi->rows_cap = pi->rows_cap ? pi->rows_cap * 2 : 64;
				pi->rows = xreallocarray(pi->rows, pi->rows_cap,
					sizeof(*pi->rows));
			}
			pi->rows[pi->nrows++] = (struct pinfo_piece){ off, take };
			off += take;
			len -= take;
		} while (wrap && len > 0);
	}
}

static attr_t pinfo_row(struct ui *ui, long i, void *arg)
{
	const struct pinfo_state *pi = arg;

	ui_line_add(ui, 0, pi->text.data + pi->rows[i].off, pi->rows[i].len);
	return 0;
}

/* The visual rows at this width. */
static void pinfo_prepare(struct pinfo_state *pi, const struct ui_rect *a)
{
	if (a->h <= 0 || a->w <= 0)
		return;
	pinfo_rows(pi, a->w);
	table_set_rows(&pi->tab, (long)pi->nrows);
}

static void pinfo_draw(struct ui *ui, struct pinfo_state *pi,
	const struct ui_rect *a)
{
	char title[256];
	int y = a->y, end = a->y + a->h;

	if (a->h <= 0 || a->w <= 0)
		return;
	int n = snprintf(title, sizeof(title), "%s of %d (%s)", pinfo_what(pi),
		(int)pi->key.pid, pi->comm);
	if (pi->id == SCREEN_FILES || pi->id == SCREEN_LOCKS || pi->id ==
	    SCREEN_ENV)
		n += snprintf(title + n, sizeof(title) - (size_t)n, ": %zu",
			pi->n - pi->notes);
	if (pi->id == SCREEN_TRACE)
		snprintf(title + n, sizeof(title) - (size_t)n, "%s",
			pi->tr ? " - running (q stops it)" : "");
	if (pi->exited)
		snprintf(title + n, sizeof(title) - (size_t)n, " - exited");
	ui_put(ui, y++, a->x, a->w, ui_attr(ui, UC_TITLE), title);
	if (pi->err && y < end)
		y = draw_error(ui, pi, y, a);
	if (pi->head[0] && y < end) {
		ui_line_begin(ui);
		ui_line_add(ui, 0, pi->head, strlen(pi->head));
		pi->tab.header_w = ui_line_width(ui);
		ui_line_draw(ui, y++, a->x, a->w, pi->tab.hscroll,
			ui_attr(ui, UC_COLHEAD), ui_attr(ui, UC_COLHEAD), true);
	}
	struct ui_rect r = { y, a->x, end - y, a->w };
	table_draw(ui, &pi->tab, &r, pinfo_row, pi);
}

static bool pinfo_key(struct ui *ui, struct pinfo_state *pi, int key)
{
	if (key == ' ' || !table_key(&pi->tab, key))
		return false;
	/* the trace follows new output again once at the end */
	pi->follow = key == KEY_END;
	ui->want_redraw = true;
	return true;
}

/* Each of the five screens has its own instance: the ops of each find
 * it by the screen's id. */
#define PINFO_SCREEN(name, id) \
	static void name##_enter(struct ui *ui) \
	{ \
		pinfo_enter_as(ui, ui_state(ui, id), id); \
	} \
	static void name##_leave(struct ui *ui) \
	{ \
		pinfo_leave(ui, ui_state(ui, id)); \
	} \
	static void name##_sampled(struct ui *ui) \
	{ \
		pinfo_sampled(ui, ui_state(ui, id)); \
	} \
	static void name##_prepare(struct ui *ui, const struct ui_rect *a) \
	{ \
		pinfo_prepare(ui_state(ui, id), a); \
	} \
	static void name##_draw(struct ui *ui, const struct snapshot *snap, \
		const struct ui_rect *a) \
	{ \
		pinfo_draw(ui, ui_state(ui, id), a); \
	} \
	static bool name##_key(struct ui *ui, int key) \
	{ \
		return pinfo_key(ui, ui_state(ui, id), key); \
	}
PINFO_SCREEN(env, SCREEN_ENV)
PINFO_SCREEN(files, SCREEN_FILES)
PINFO_SCREEN(locks, SCREEN_LOCKS)
PINFO_SCREEN(cmdline, SCREEN_CMDLINE)
PINFO_SCREEN(trace, SCREEN_TRACE)

static const struct ui_key *const pinfo_keymap[] = {
	ui_move_keys, ui_hscroll_keys, NULL
};

#define PINFO_OPS(title_, name) { \
	.title = title_, \
	.show_header = false, \
	.fkeys = NULL, \
	.state_size = sizeof(struct pinfo_state), \
	.enter = name##_enter, \
	.leave = name##_leave, \
	.prepare = name##_prepare, \
	.draw = name##_draw, \
	.key = name##_key, \
	.sampled = name##_sampled, \
	.keys = pinfo_keymap, \
	.keys_section = "Process info screens", \
}

const struct screen_ops screen_env_ops = PINFO_OPS("Environment", env);
const struct screen_ops screen_files_ops = PINFO_OPS("Open files", files);
const struct screen_ops screen_locks_ops = PINFO_OPS("File locks", locks);
const struct screen_ops screen_cmdline_ops = PINFO_OPS("Command line", cmdline);
const struct screen_ops screen_trace_ops = PINFO_OPS("strace", trace);

static void pinfo_open(struct ui *ui, enum screen_id id)
{
	if (!ui_selected_task(ui, NULL)) {
		ui_warning(ui, "No process selected");
		return;
	}
	ui_open_screen(ui, id);
}

void pinfo_key_env(struct ui *ui, int key)
{
	pinfo_open(ui, SCREEN_ENV);
}

void pinfo_key_files(struct ui *ui, int key)
{
	pinfo_open(ui, SCREEN_FILES);
}

void pinfo_key_locks(struct ui *ui, int key)
{
	pinfo_open(ui, SCREEN_LOCKS);
}

void pinfo_key_cmdline(struct ui *ui, int key)
{
	pinfo_open(ui, SCREEN_CMDLINE);
}

void pinfo_key_trace(struct ui *ui, int key)
{
	if (ui->opts->readonly) {
		ui_warning(ui, "strace: disabled %s proctop is read-only "
			"(--readonly)", ui->utf8 ? "\u2014" : "-");
		return;
	}
	if (!trace_available()) {
		ui_warning(ui, "strace is not installed: install it to trace "
			"the system calls of a process");
		return;
	}
	pinfo_open(ui, SCREEN_TRACE);
}
