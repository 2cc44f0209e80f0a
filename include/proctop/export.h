/* export — a snapshot as Prometheus metrics (OpenMetrics 1.0 text or the
 * Prometheus text format 0.0.4).
 *
 * Pure (model level): a finished snapshot plus the grouping state kept
 * between snapshots become text; no I/O.  Processes are never exported
 * one series per pid: they are summed into groups (by comm, user, cgroup
 * or rules), plus an optional top-N of single processes whose rest is
 * summed into "other".  A group's counters stay monotonic while its
 * processes come and go: the last counter values of every process are
 * kept per (pid, start time), and when a process exits (or moves to
 * another group, e.g. after an exec) what it had contributed stays in the
 * group's "exited" total.
 *
 * Label values are made safe here: invalid UTF-8 and control characters
 * (C0 except newline, DEL, C1) become U+FFFD, and backslash, double quote
 * and newline are escaped as the formats require.  Two processes whose
 * names differ only in such bytes land in one group (never two series
 * with the same labels). */
#ifndef PROCTOP_EXPORT_H
#define PROCTOP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/sbuf.h"
#include "proctop/snapshot.h"

enum export_format {
	EXPORT_PROMETHEUS,    /* text/plain; version=0.0.4 */
	EXPORT_OPENMETRICS,   /* application/openmetrics-text; version=1.0.0 */
};

enum export_group_by {
	EXPORT_BY_COMM,       /* the command name (default) */
	EXPORT_BY_USER,       /* the effective user's name (or uid) */
	EXPORT_BY_CGROUP,     /* the systemd unit (or cgroup path) */
	EXPORT_BY_RULES,      /* the first matching rule's name, else "other" */
};

/* What --top ranks processes by. */
enum export_res {
	EXPORT_RES_CPU,       /* CPU time used since the previous sample */
	EXPORT_RES_RES,       /* resident bytes */
	EXPORT_RES_SWAP,
	EXPORT_RES_PSS,
	EXPORT_RES_FDS,
	EXPORT_RES_COUNT
};

/* Group names (label values) are cut to this many bytes (on a character
 * boundary). */
#define EXPORT_NAME_MAX 128
/* Default cap on the groups of one grouping; processes that would open
 * a group beyond it are summed into "other". */
#define EXPORT_MAX_GROUPS_DEFAULT 500
/* A group without processes is still exported (its counters frozen) for
 * this long, so a short-lived command's series does not reset. */
#define EXPORT_GROUP_TTL_S 600.0
/* --top N: at most this many. */
#define EXPORT_TOP_MAX 1000

/* ---- rules file --------------------------------------------------------
 * One rule per line: NAME FIELD REGEX, separated by blanks; FIELD is comm,
 * exe or cmdline; REGEX (POSIX extended, the rest of the line) is matched
 * against that field; the first rule that matches names the group.
 * Empty lines and lines starting with '#' are ignored. */
struct export_rules;

/* Parse a rules file's contents.  0 and *out (caller frees with
 * export_rules_free), or -EINVAL with *err_line (1-based) and a message
 * in err (size errlen) naming what is wrong. */
int export_rules_parse(const char *buf, size_t len, struct export_rules **out,
	size_t *err_line, char *err, size_t errlen);
void export_rules_free(struct export_rules *r);
/* The NEED_ bits the rules' fields need (NEED_CMDLINE for exe/cmdline). */
unsigned export_rules_need(const struct export_rules *r);

struct export_config {
	enum export_group_by group_by;
	const struct export_rules *rules;  /* borrowed; EXPORT_BY_RULES */
	size_t top_n;                      /* 0: no top-N families */
	enum export_res top_res;
	size_t max_groups;                 /* 0: EXPORT_MAX_GROUPS_DEFAULT */
};

/* Parse a --top argument "N:RES" (RES: cpu, res, swap, pss, fds).  0 or
 * -EINVAL. */
int export_parse_top(const char *arg, size_t *n, enum export_res *res);
/* Parse a --group-by name (comm, user, cgroup, rules).  0 or -EINVAL. */
int export_parse_group_by(const char *arg, enum export_group_by *out);

struct exporter;

/* cfg is copied (its rules stay borrowed).  Caller frees with
 * exporter_free. */
struct exporter *exporter_new(const struct export_config *cfg);
void exporter_free(struct exporter *e);

/* The collector NEED_ bits an exporter with cfg needs. */
unsigned exporter_need(const struct export_config *cfg);

/* Fold the finished snapshot s into the grouping state.  Call once per
 * new snapshot, in sampling order, before exporter_render. */
void exporter_update(struct exporter *e, const struct snapshot *s);

/* Append the exposition of s (the snapshot last given to exporter_update)
 * in format f to out.  OpenMetrics ends with "# EOF". */
void exporter_render(const struct exporter *e, const struct snapshot *s,
	enum export_format f, struct sbuf *out);

/* The Content-Type of format f (a static string). */
const char *export_content_type(enum export_format f);

/* Append s[0..len) as a label value's text: invalid UTF-8, C0 controls
 * other than newline, DEL and C1 become U+FFFD; cut to max bytes on a
 * character boundary.  Not escaped (see export_escape_label). */
void export_label_text(struct sbuf *out, const char *s, size_t len,
	size_t max);
/* Append s[0..len) escaped for a label value between double quotes:
 * backslash, double quote and newline become \\, \" and \n. */
void export_escape_label(struct sbuf *out, const char *s, size_t len);

#endif
