/* columns_fmt — private to src/view: the getters, comparators and
 * formatters the column table (columns.c) is built from.  A getter returns
 * false when the task lacks the data (the TASK_HAVE_ bit is unset). */
#ifndef PROCTOP_COLUMNS_FMT_H
#define PROCTOP_COLUMNS_FMT_H

#include <stdbool.h>
#include <stdint.h>

#include "proctop/columns.h"

typedef bool (*colget_int_fn)(const struct task *t,
	const struct column_ctx *c, int64_t *v);
typedef bool (*colget_float_fn)(const struct task *t,
	const struct column_ctx *c, double *v);

long colfmt_page_kib(const struct column_ctx *ctx);
long colfmt_hz(const struct column_ctx *ctx);

#define COLGET_INT(name) bool colget_##name(const struct task *t, \
	const struct column_ctx *c, int64_t *v);
COLGET_INT(pid) COLGET_INT(tgid) COLGET_INT(ppid) COLGET_INT(pgrp)
COLGET_INT(sid) COLGET_INT(tty) COLGET_INT(pri) COLGET_INT(ni)
COLGET_INT(policy) COLGET_INT(rtprio) COLGET_INT(time) COLGET_INT(virt)
COLGET_INT(res) COLGET_INT(nlwp) COLGET_INT(processor) COLGET_INT(minflt)
COLGET_INT(majflt) COLGET_INT(state) COLGET_INT(uid) COLGET_INT(starttime)
COLGET_INT(shr) COLGET_INT(code) COLGET_INT(data) COLGET_INT(swap)
COLGET_INT(pss) COLGET_INT(swappss) COLGET_INT(uss) COLGET_INT(resswap)
COLGET_INT(nvcsw) COLGET_INT(nivcsw) COLGET_INT(rbytes) COLGET_INT(wbytes)
#undef COLGET_INT
bool colget_cpu(const struct task *t, const struct column_ctx *c, double *v);
bool colget_mem(const struct task *t, const struct column_ctx *c, double *v);

/* Unknown sorts below known, then by value. */
int colcmp_int(colget_int_fn get, const struct task *a, const struct task *b,
	const struct column_ctx *ctx);
int colcmp_float(colget_float_fn get, const struct task *a,
	const struct task *b, const struct column_ctx *ctx);
int colcmp_user(const struct task *a, const struct task *b,
	const struct column_ctx *ctx);
int colcmp_comm(const struct task *a, const struct task *b,
	const struct column_ctx *ctx);
int colcmp_cmd(const struct task *a, const struct task *b,
	const struct column_ctx *ctx);

/* Formatters: append the value in style, false (nothing appended) when
 * unknown.  colfmt_int: the number (an id: too wide for its cell, it
 * gets columns_cell's '+' cut); colfmt_count: a count, human scaled with
 * units_count in ctx->width; colfmt_kib: KiB, human with its unit
 * (units_size: "812K", "1.50G"); colfmt_bytes: bytes, human the same way
 * from B ("512B", "4.00K"). */
bool colfmt_int(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out);
bool colfmt_count(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out);
bool colfmt_kib(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out);
bool colfmt_bytes(colget_int_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out);
bool colfmt_pct(colget_float_fn get, const struct task *t,
	const struct column_ctx *ctx, enum column_style style, struct sbuf *out);

#define COLFMT(name) bool colfmt_##name(const struct task *t, \
	const struct column_ctx *ctx, enum column_style style, \
	struct sbuf *out);
COLFMT(time) COLFMT(pri) COLFMT(rtprio) COLFMT(state) COLFMT(policy)
COLFMT(tty) COLFMT(user) COLFMT(starttime) COLFMT(comm) COLFMT(cmd)
#undef COLFMT

/* Untrusted text in the given style (sanitised / CSV-quoted / JSON). */
void colfmt_text(const char *s, size_t len, const struct column_ctx *ctx,
	enum column_style style, struct sbuf *out);
/* "TS", "FF", "RR", "B", "IDL", "DLN" or "?" (static string). */
const char *colfmt_policy_name(unsigned policy);
/* "pts/3", "tty1", "ttyS0", "console", "?" or "major:minor". */
void colfmt_tty_name(int tty_nr, char *buf, size_t size);
/* The displayed command line, raw (see columns.h "cmd"). */
bool colfmt_cmd_raw(const struct task *t, struct sbuf *raw);

#endif
