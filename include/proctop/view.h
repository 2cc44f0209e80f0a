/* view — a snapshot plus the user's view state becomes an ordered list of
 * rows: sorted, filtered, optionally as a tree with threads under their
 * process.  Pure functions over the snapshot; no I/O. */
#ifndef PROCTOP_VIEW_H
#define PROCTOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/columns.h"
#include "proctop/snapshot.h"

/* A process identity that survives pid reuse. */
struct view_key {
	pid_t pid;
	uint64_t starttime;
};

struct view_state {
	enum column_id sort_key;   /* the flat list's order */
	bool sort_desc;
	/* The tree's own order of siblings (and roots): by PID ascending
	 * when zeroed, so siblings keep their places from one refresh to the
	 * next whatever the list is sorted by. */
	enum column_id tree_sort_key;
	bool tree_sort_desc;
	bool tree;              /* children under parents */
	bool threads;           /* userland threads under their process */
	bool hide_kthreads;     /* hide kernel threads (PF_KTHREAD) */
	const pid_t *pids;      /* show only these (borrowed), npids == 0: all */
	size_t npids;
	bool has_uid;           /* show only processes of uid */
	uid_t uid;
	const char *filter;     /* substring of comm or cmdline (case-
	                           insensitive), NULL/"" = none; in tree view the
	                           matches' ancestors are kept too */
	const struct view_key *collapsed;  /* subtrees folded (borrowed),
	                                      sorted by view_key_cmp, no
	                                      duplicates; starttime 0
	                                      matches any starttime */
	size_t ncollapsed;
	bool utf8;              /* glyphs: "├─ └─ │" or ASCII "|- `- |" */
};

struct view_row {
	const struct task *task;   /* borrowed from the snapshot */
	uint64_t more;             /* bit d: ancestor at depth d+1 has a later
	                              sibling (draw a vertical bar), d < 64 */
	int32_t index;             /* index in snap->procs, or snap->threads */
	uint32_t depth;            /* 0 for roots */
	bool is_thread;
	bool last;                 /* last among its siblings */
	bool has_children;
	bool collapsed;
	bool orphan;               /* tree root whose parent is not in the
	                              snapshot (ppid != 0), or a member of a
	                              ppid loop (hostile /proc); a parent
	                              merely hidden by a filter is not */
	bool matched;              /* matches the filter (false for an ancestor
	                              kept only for context) */
};

struct view_rows {
	struct view_row *rows;     /* owned */
	size_t n, cap;
};

void view_rows_init(struct view_rows *r);
void view_rows_fini(struct view_rows *r);

/* Replace out's rows with the view of snap under vs. */
void view_build(const struct snapshot *snap, const struct view_state *vs,
	struct view_rows *out);

/* Append the tree prefix of a row ("│  ├─ ") for its depth; nothing for
 * depth 0 in list mode.  Returns the display width appended. */
size_t view_tree_prefix(const struct view_row *row, bool utf8,
	struct sbuf *out);

/* The order in use: the tree's own with vs->tree, else the list's. */
enum column_id view_sort_key(const struct view_state *vs);
bool view_sort_desc(const struct view_state *vs);

/* Does the task match the filter text (comm or cmdline, case-insensitive)? */
bool view_matches(const struct task *t, const char *filter);

/* Row index of key, or of pid when starttime is 0; -1 if absent. */
long view_find(const struct view_rows *rows, struct view_key key);

/* Sort n tasks of s (e.g. one process's threads) by column key, as
 * view_sort_procs does. */
void view_sort_tasks(const struct snapshot *s, const struct task **tasks,
	size_t n, enum column_id key, bool desc, bool utf8);

/* Sort n indices into s->procs by column key (desc: largest first; pid
 * breaks ties; unknown values last), as the list sorts: the top swap
 * users of --memory and of the memory screen. */
void view_sort_procs(const struct snapshot *s, long *idx, size_t n,
	enum column_id key, bool desc, bool utf8);

/* ---- sorted key sets (view_state.collapsed, the UI's tags) ------------
 * An array of view_key sorted by view_key_cmp without duplicates; lookups
 * are O(log n). */

/* Order by pid, then starttime: <0, 0 or >0. */
int view_key_cmp(struct view_key a, struct view_key b);

/* True when the sorted keys[0..n) hold key exactly. */
bool view_keys_has(const struct view_key *keys, size_t n, struct view_key key);

/* True when the sorted keys[0..n) hold t's (pid, starttime) or (pid, 0). */
bool view_keys_match(const struct view_key *keys, size_t n,
	const struct task *t);

/* Insert key into the sorted *keys (grown with xreallocarray; *keys is
 * owned by the caller, *cap its capacity).  Returns false (and changes
 * nothing) when key is already there. */
bool view_keys_add(struct view_key **keys, size_t *n, size_t *cap,
	struct view_key key);

/* Append key without keeping the order (for bulk inserts); call
 * view_keys_sort before the next lookup. */
void view_keys_push(struct view_key **keys, size_t *n, size_t *cap,
	struct view_key key);

/* Sort keys[0..*n) and drop duplicates (O(n log n)). */
void view_keys_sort(struct view_key *keys, size_t *n);

/* Remove key from the sorted keys[0..*n); false when it was not there. */
bool view_keys_del(struct view_key *keys, size_t *n, struct view_key key);

/* Drop the keys of processes that are not in snap (pid absent, or there
 * with another starttime: a reused pid); a starttime of 0 stays while the
 * pid exists.  Keeps the order.  O(n log P). */
void view_keys_prune(struct view_key *keys, size_t *n,
	const struct snapshot *snap);

#endif
