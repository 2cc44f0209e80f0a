/* pidinfo — who one process is (start time, state, comm, cmdline), read
 * through one open /proc/<pid> directory fd, and its address-space map read
 * only while it stays that process.
 *
 * For callers that follow one pid over time (`--maps PID -n N`, the map
 * screen): a pid can be reused, so every read is bracketed by checks of
 * the start time (stat field 22) through the same directory fd. */
#ifndef PROCTOP_PIDINFO_H
#define PROCTOP_PIDINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/memmap.h"
#include "proctop/task.h"

/* What pidinfo_read reads besides stat. */
enum {
	PIDINFO_CMDLINE = 1u << 0,   /* cmdline (comm in brackets if empty) */
};

struct pidinfo {
	bool known;                  /* stat was read at least once */
	uint64_t start_ticks;        /* stat (22): ticks after boot */
	char state;                  /* stat (3) */
	bool is_kthread;             /* PF_KTHREAD in stat (9) */
	char comm[TASK_COMM_MAX];    /* stat (2), raw bytes, NUL-terminated */
	char *command;               /* raw cmdline joined by spaces, or
	                                "[comm]" when empty; owned, NULL
	                                until read; not sanitised */
	size_t command_len;
	const char *err_file;        /* the file the last pidinfo_read_map's
	                                error is about ("stat", "smaps",
	                                "maps", "smaps_rollup"); static
	                                text, NULL after a success */
};

void pidinfo_init(struct pidinfo *pi);
void pidinfo_fini(struct pidinfo *pi);

/* Open "<pid>" under root_fd as a directory fd.  Returns the fd or -errno
 * (-ESRCH when there is no such process). */
int pidinfo_open(int root_fd, pid_t pid);

/* Read stat (and the files `what` asks for) through pid_fd into pi.  When
 * pi->known, the start time must equal pi->start_ticks, else -ESRCH (the
 * pid was reused) and pi is unchanged; otherwise it is recorded and
 * pi->known set.  Returns 0 or -errno (-ESRCH when the process is gone). */
int pidinfo_read(int pid_fd, unsigned what, struct pidinfo *pi);

/* Read pid's map (see mapread_read_fd) through one directory fd: stat
 * (and `what`) through pidinfo_read, then the map, which mapread_read_fd
 * brackets with stat reads of its own and judges complete or not.  The
 * first call (pi->known false) records the start time; later calls fail
 * with -ESRCH once the process has exited or its pid was reused, leaving
 * mm empty.  -MAPREAD_EEXITED / -MAPREAD_EEXECED: it exited or exec'd
 * during the read (mm empty).  Other returns as mapread_read; after an
 * -EACCES from smaps, pi still holds the stat read.  pi->state and
 * pi->is_kthread are the ones stat gave after the read; pi->err_file names
 * the file an error is about. */
int pidinfo_read_map(int root_fd, pid_t pid, unsigned what,
	struct pidinfo *pi, struct memmap *mm);

/* pidinfo_read_map through a directory fd from pidinfo_open, which a
 * caller re-reading one process may keep open between reads (it goes on
 * naming that process: once it has exited, reads fail with -ESRCH). */
int pidinfo_read_map_fd(int pid_fd, pid_t pid, unsigned what,
	struct pidinfo *pi, struct memmap *mm);

#endif
