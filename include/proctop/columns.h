/* columns — the one table of everything proctop can show about a task.
 *
 * The TUI, batch text, JSON and CSV all format through this table, so a
 * number looks the same everywhere and a new column is one table entry.
 * Keys are ps -o style. */
#ifndef PROCTOP_COLUMNS_H
#define PROCTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/sbuf.h"
#include "proctop/snapshot.h"
#include "proctop/task.h"

enum column_id {
	COL_PID, COL_PPID, COL_TID, COL_TGID, COL_PGRP, COL_SID, COL_TTY,
	COL_USER, COL_UID,
	COL_PRI, COL_NI, COL_POLICY, COL_RTPRIO,
	COL_STATE, COL_CPU, COL_MEM, COL_TIME,
	COL_VIRT, COL_RES, COL_SHR, COL_SWAP, COL_PSS, COL_SWAPPSS, COL_USS,
	COL_RESSWAP, COL_CODE, COL_DATA,
	COL_NLWP, COL_PROCESSOR, COL_MINFLT, COL_MAJFLT, COL_NVCSW, COL_NIVCSW,
	COL_RBYTES, COL_WBYTES,
	COL_STARTTIME, COL_COMM, COL_CMD,
	COL_COUNT
};

/* How a value is represented in JSON. */
enum column_json {
	COLUMN_JSON_INT,      /* integer */
	COLUMN_JSON_FLOAT,    /* number with decimals */
	COLUMN_JSON_STRING,   /* string */
};

enum column_style {
	COLUMN_HUMAN,   /* TUI and batch text: sizes with their unit letter
	                   (units_size), sanitised */
	COLUMN_CSV,     /* raw numbers (KiB, ticks...), sanitised + quoted */
	COLUMN_JSON,    /* raw numbers, JSON literals; text escaped */
};

/* Context a formatter may need beyond the task itself. */
struct column_ctx {
	const struct snapshot *snap;
	bool utf8;                   /* output may contain non-ASCII */
	size_t width;                /* human style: the column's width */
	size_t max_width;            /* human style: 0, or the formatter may
	                                stop text after this many display
	                                columns (columns_cell sets it for a
	                                cut text cell: a 390 KiB command line
	                                is not sanitised for a 40-column
	                                cell) */
};

/* A comparator's answer when exactly one value is unknown ("-"):
 * columns_compare puts the known one first in either direction. */
#define COLUMN_CMP_A_UNKNOWN 2
#define COLUMN_CMP_B_UNKNOWN (-2)

struct column {
	const char *key;             /* "pid", "cpu", ... (-o / config) */
	const char *header;          /* "PID", "CPU%", ... */
	const char *json_key;        /* field name in JSON/CSV output */
	const char *unit;            /* for the man page: "KiB", "%", ... */
	const char *source;          /* "/proc/<pid>/stat (24)" ... */
	const char *desc;            /* one line for help and the man page */
	int width;                   /* default human width */
	bool left;                   /* left-aligned (text) */
	bool grows;                  /* takes the rest of the line (cmd) */
	unsigned need;               /* enum collect_need bits */
	unsigned have;               /* enum task_have bits that must be set,
	                                else the value is unknown ("-") */
	enum column_json json;
	bool default_desc;           /* sorting on this key starts descending */
	/* -1, 0, 1 by value; COLUMN_CMP_A_UNKNOWN / _B_UNKNOWN when only
	 * one of the two values is known. */
	int (*cmp)(const struct task *a, const struct task *b,
		const struct column_ctx *ctx);
	/* Append the value in `style`.  Returns false (and appends nothing)
	 * when the value is unknown; the caller then prints "-" (or null in
	 * JSON, empty in CSV). */
	bool (*format)(const struct task *t, const struct column_ctx *ctx,
		enum column_style style, struct sbuf *out);
};

extern const struct column columns_table[COL_COUNT];

/* Column by key (case-insensitive; a few aliases: "%cpu", "rss", "vsz",
 * "s", "args", "command"...), or NULL. */
const struct column *columns_find(const char *key);
enum column_id columns_id(const struct column *col);

/* The i-th (from 0) ps/top alias that columns_find accepts for column id,
 * or NULL after the last one.  Borrowed (static storage). */
const char *columns_alias(enum column_id id, size_t i);

/* Parse "pid,user,cpu" into ids (at most max).  Returns the count, or
 * -EINVAL with *bad pointing at the first unknown key's start. */
int columns_parse_list(const char *list, enum column_id *ids, size_t max,
	const char **bad);

/* Union of the collect needs of these columns. */
unsigned columns_need(const enum column_id *ids, size_t n);

/* Human-style cell: value (or "-") padded/aligned to `width` display
 * columns.  Numbers are right-aligned; counts are scaled to fit
 * (units_count), sizes carry their unit (units_size, at most 5
 * characters) and a number still too wide keeps its
 * first width - 1 characters and a '+' (never spills into the next
 * column); text is left-aligned and cut by display width with a
 * '+' marking the cut, except in a `last` grows column, which is cut
 * without a mark.  `last` cells get no trailing padding; width 0 appends
 * the value as it is.  Appends to out; formats in place in out, so it
 * allocates nothing beyond growing out. */
void columns_cell(enum column_id id, const struct task *t,
	const struct column_ctx *ctx, size_t width, bool last, struct sbuf *out);

/* Width of a column on screen: its width, widened when sorted so that the
 * header and the sort mark (one column) fit: RES+SWAP (8) is 9 wide when
 * sorted.  The width 0 of a column that grows stays 0. */
size_t columns_shown_width(enum column_id id, bool sorted);

/* Compare two tasks by a column, descending if desc, pid as tiebreak;
 * unknown values come last in both directions. */
int columns_compare(enum column_id id, const struct task *a,
	const struct task *b, const struct column_ctx *ctx, bool desc);

/* The default column sets.  Batch (top -b like): pid user pri ni virt res
 * shr swap state cpu mem time comm.  TUI: the same with cmd for comm. */
extern const enum column_id columns_default_batch[];
extern const size_t columns_default_batch_n;
extern const enum column_id columns_default_tui[];
extern const size_t columns_default_tui_n;

#endif
