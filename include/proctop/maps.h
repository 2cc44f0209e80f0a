/* maps — /proc/<pid>/maps and /proc/<pid>/smaps: pure streaming parsers
 * (buffer in, struct out) and the reader for one process's map.
 *
 * The parsers take a buffer and its length (not necessarily NUL-terminated;
 * possibly truncated or hostile), never allocate and never read files.  They
 * return 0 or -EINVAL.  Unknown smaps keys are ignored, never an error. */
#ifndef PROCTOP_MAPS_H
#define PROCTOP_MAPS_H

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

/* Read the address-space map of pid under the proc root open at root_fd
 * (e.g. open("/proc", O_DIRECTORY)) into mm, replacing its contents:
 * smaps streamed in chunks (maps when the kernel has no smaps, then only
 * sizes are known), then smaps_rollup.  Calls memmap_finish.
 * Returns 0 or -errno: -ESRCH when the process is gone, -EACCES/-EPERM when
 * ptrace read access (PTRACE_MODE_READ_FSCREDS; CAP_SYS_PTRACE for another
 * user's process) is missing.  On error mm is left empty. */
int mapread_read(int root_fd, pid_t pid, struct memmap *mm);

/* mapread_read through an open "/proc/<pid>" directory fd (see
 * pidinfo_open), so every file read is that one process's.  Same returns
 * (-ESRCH once the process has gone). */
int mapread_read_fd(int pid_fd, pid_t pid, struct memmap *mm);

#endif
