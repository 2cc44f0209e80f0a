/* maps — /proc/<pid>/maps and /proc/<pid>/smaps: pure streaming parsers
 * (buffer in, struct out), the judge of a map read's completeness, and the
 * reader for one process's map.
 *
 * The parsers take a buffer and its length (not necessarily NUL-terminated;
 * possibly truncated or hostile), never allocate and never read files.  They
 * return 0 or -EINVAL.  Unknown smaps keys are ignored, never an error. */
#ifndef PROCTOP_MAPS_H
#define PROCTOP_MAPS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/memmap.h"

/* One header line of maps/smaps:
 *   "start-end perms offset major:minor inode [path]" */
struct maps_line {
	uint64_t start, end, offset, inode;
	unsigned dev_major, dev_minor;
	char perms[5];            /* NUL-terminated */
	const char *path;         /* borrowed from the parsed buffer, not
	                             NUL-terminated; NULL when no path */
	size_t path_len;          /* without the " (deleted)" suffix */
	bool deleted;
};

/* Parse one maps line (a trailing '\n' is allowed).  -EINVAL unless it
 * starts "hex-hex perms hex hex:hex dec"; end < start is -EINVAL too. */
int maps_parse_line(const char *line, size_t len, struct maps_line *out);

/* Is this line (at a line start) a mapping header rather than a
 * "Key: value" line?  (lowercase hex, '-', lowercase hex, ' ') */
bool maps_is_header(const char *line, size_t len);

/* Parse one smaps "Key:   value kB" line into u.  A known key sets its
 * field; an unknown key, or a key whose value is not a number, leaves u
 * unchanged and returns 0.  -EINVAL when the line has no "Key:" at all. */
int smaps_parse_field(const char *line, size_t len, struct map_usage *u);

/* Offset of the first header line that starts at or after `from` (from
 * must be a line start), or len when there is none.  For streaming: a block
 * is complete once the next header is in the buffer. */
size_t smaps_next_header(const char *buf, size_t len, size_t from);

/* Parse one smaps block: a header line, then "Key: value" lines up to the
 * next header line or the end of buf.  *used is the bytes consumed (the
 * start of the next header, or len).  A last line without '\n' that is not
 * the header is ignored (it may be cut mid-number).  -EINVAL when buf does
 * not start with a valid header line (*used is then the length of that
 * line, so a caller can skip it). */
int smaps_parse_block(const char *buf, size_t len, struct maps_line *hdr,
	struct map_usage *u, size_t *used);

/* ---- completeness of a map read ----------------------------------------
 *
 * The kernel ends smaps/maps early, with a plain EOF, once the mm it reads
 * has no users left: the process exited (exit_mm) or exec'd (the old mm is
 * dropped).  -ESRCH comes only once the task has been reaped.  So a read is
 * judged by the process's stat before and after it: the task must not be
 * exiting (PF_EXITING), a zombie or dead, and its mm-identity fields (zero
 * once the mm is gone, new ones after an exec) must be unchanged. */

/* A map read that the process cut short (distinct negative errnos a read of
 * /proc never returns): */
#define MAPREAD_EEXITED ECHILD    /* it exited (or lost its mm) meanwhile */
#define MAPREAD_EEXECED ENOEXEC   /* it exec'd meanwhile: the map read was
                                     of its old image */

#define MAPS_PF_EXITING 0x4u      /* stat (9): the task is exiting */
#define MAPS_IDENT_MM 10          /* stat (26)-(28) and (45)-(51) */

/* What stat says about a process and its mm (see maps_parse_ident). */
struct maps_ident {
	char state;                  /* (3) */
	unsigned flags;              /* (9) PF_* */
	uint64_t start_ticks;        /* (22) */
	/* start_code end_code start_stack (26-28), start_data end_data
	 * start_brk arg_start arg_end env_start env_end (45-51): 0 when the
	 * task has no mm (exited, kernel thread) or the kernel omits them */
	uint64_t mm[MAPS_IDENT_MM];
};

/* Parse the fields above from /proc/<pid>/stat in buf[0..len) (comm runs
 * to the last ')').  Fields (3)-(22) are required; the mm fields are
 * optional (0 when missing).  Returns 0 or -EINVAL. */
int maps_parse_ident(const char *buf, size_t len, struct maps_ident *out);

/* Does the task still hold an mm (any mm-identity field non-zero)? */
bool maps_ident_has_mm(const struct maps_ident *id);

/* Judge a map read from stat before and after it, and from a probe of the
 * same open smaps fd after EOF (rewound and read again: 1 = it still gives
 * data, so the mm read was alive at the end; 0 = empty, the mm is gone;
 * -1 = not probed, e.g. an empty map).  Returns 0 (complete),
 * -MAPREAD_EEXITED or -MAPREAD_EEXECED.  A process that had no mm before
 * (a kernel thread, a zombie) and has none after is complete (empty). */
int maps_judge(const struct maps_ident *before, const struct maps_ident *after,
	int probe);

/* Words for a map read's error (negative errno) in a message line:
 * "incomplete: process exited during the read", "incomplete: process
 * exec'd during the read", "unparseable" (-EINVAL), else
 * fileread_strerror's.  Borrowed, static text. */
const char *mapread_strerror(int err);

/* Read the address-space map of pid under the proc root open at root_fd
 * (e.g. open("/proc", O_DIRECTORY)) into mm, replacing its contents:
 * smaps streamed in chunks (maps when the kernel has no smaps, then only
 * sizes are known), then smaps_rollup.  Calls memmap_finish.
 * Returns 0 or -errno: -ESRCH when the process is gone, -EACCES/-EPERM when
 * ptrace read access (PTRACE_MODE_READ_FSCREDS; CAP_SYS_PTRACE for another
 * user's process) is missing.  On error mm is left empty. */
int mapread_read(int root_fd, pid_t pid, struct memmap *mm);

/* What a map read reports besides the map. */
struct mapread_info {
	const char *file;            /* the file an error is about: "stat",
	                                "smaps", "maps", "smaps_rollup";
	                                static text, NULL on success */
	struct maps_ident after;     /* stat after the read (valid when the
	                                read got that far: have_after) */
	bool have_after;
};

/* mapread_read through an open "/proc/<pid>" directory fd (see
 * pidinfo_open), so every file read is that one process's.  Every file is
 * opened through fileread (no FIFO, device or symlink is read); smaps is
 * streamed in chunks, and one block (a mapping's header and figures) over
 * FILEREAD_CAP_STATUS is -EFBIG.  stat is read before and after the
 * stream, and the read judged complete or not (maps_judge): -ESRCH when
 * the process was gone before the read, -MAPREAD_EEXITED /
 * -MAPREAD_EEXECED when it exited or exec'd during it.  info may be NULL.
 * Other returns as mapread_read. */
int mapread_read_fd(int pid_fd, pid_t pid, struct memmap *mm,
	struct mapread_info *info);

#endif
