/* caps — what proctop may do, through libcap.
 *
 * Drops capabilities at start, answers "may I renice/kill this?", explains
 * an EPERM by the capability that is missing, and decodes capability masks
 * to names for the details screen.
 *
 * Capability masks are uint64_t with bit n standing for capability n, as in
 * the Cap* lines of /proc/<pid>/status. */
#ifndef PROCTOP_CAPS_H
#define PROCTOP_CAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "proctop/options.h"
#include "proctop/sbuf.h"

/* Keep only the capabilities proctop uses (see enum drop_caps in
 * options.h): basic keeps CAP_DAC_READ_SEARCH, CAP_SYS_PTRACE, CAP_KILL and
 * CAP_SYS_NICE when they are permitted; strict keeps only the two reading
 * ones.  Never adds a capability.  Returns 0 or -errno. */
int caps_drop(enum drop_caps mode);

/* The mask caps_drop keeps for mode (before intersecting with what the
 * process holds); 0 for DROP_CAPS_OFF, which keeps everything. */
uint64_t caps_keep_mask(enum drop_caps mode);

/* proctop's own credentials, as far as the permission rules need them. */
struct caps_self {
	uid_t ruid, euid;
	uint64_t eff;            /* effective capabilities (libcap) */
};

/* Fill out from getresuid() and cap_get_proc().  0 or -errno. */
int caps_self_read(struct caps_self *out);

/* Facts about a target process the permission rules look at. */
struct caps_target {
	uid_t ruid, euid, suid;  /* from status's Uid line */
	long nice;               /* current nice (-20..19) */
	long rlim_nice;          /* RLIMIT_NICE soft limit (1..40, 0 none,
	                            -1 unlimited) */
	long rlim_rtprio;        /* RLIMIT_RTPRIO soft limit (-1 unlimited) */
	int policy;              /* current SCHED_* (without RESET_ON_FORK) */
	unsigned rt_priority;    /* current RT priority */
};

enum caps_op {
	CAPS_OP_SIGNAL,
	CAPS_OP_RENICE,
	CAPS_OP_AFFINITY,
	CAPS_OP_SCHED,
	CAPS_OP_IOPRIO,          /* ioprio_set(2) */
};

/* What is asked, beyond the operation itself. */
struct caps_request {
	enum caps_op op;
	long new_nice;           /* CAPS_OP_RENICE */
	int policy;              /* CAPS_OP_SCHED: SCHED_* */
	int rt_priority;         /* CAPS_OP_SCHED: 1..99 for FIFO/RR */
	int io_class;            /* CAPS_OP_IOPRIO: enum io_class */
};

/* Why an operation is (or would be) refused. */
enum caps_why {
	CAPS_WHY_NONE,           /* the credentials allow it */
	CAPS_WHY_OTHER_USER,     /* another user's process: needs `cap` */
	CAPS_WHY_LOWER_NICE,     /* nice below current and RLIMIT_NICE */
	CAPS_WHY_RT_POLICY,      /* RT policy beyond RLIMIT_RTPRIO */
	CAPS_WHY_LEAVE_IDLE,     /* leaving SCHED_IDLE beyond RLIMIT_NICE */
	CAPS_WHY_RT_IO,          /* the real-time I/O class */
};

struct caps_verdict {
	bool allowed;            /* the kernel's credential rules allow it */
	enum caps_why why;       /* the first rule that refuses */
	int cap;                 /* the capability that would allow it
	                            (CAP_KILL, CAP_SYS_NICE), -1 if none */
	bool cap_held;           /* proctop holds `cap` in its effective set */
};

/* Apply the kernel's credential rules for req on target t (kill(2),
 * setpriority(2), sched_setaffinity(2), sched_setscheduler(2)) to self.
 * Pure; the verdict explains a refusal, the kernel still decides. */
struct caps_verdict caps_judge(const struct caps_self *self,
	const struct caps_target *t, const struct caps_request *req);

/* Append the reason a verdict gives, e.g. "needs CAP_KILL or the same
 * user" or "lowering nice needs CAP_SYS_NICE"; nothing for an allowed
 * verdict. */
void caps_why_text(struct sbuf *out, const struct caps_verdict *v,
	enum caps_op op);

/* Append the upper-case name of capability cap ("CAP_SYS_NICE"), or
 * "capability N" for a number libcap does not know. */
void caps_name_upper(struct sbuf *out, int cap);

/* Append mask decoded to libcap's lower-case names joined by ','
 * ("cap_kill,cap_net_raw"); "none" for 0.  With compact, a mask holding
 * every capability the kernel knows is "all", and one missing fewer than
 * half of them "all except cap_a,cap_b".  Bits libcap has no name for are
 * shown as their numbers. */
void caps_format_mask(struct sbuf *out, uint64_t mask, bool compact);

/* The mask of every capability the running kernel knows (bits 0..
 * cap_max_bits()-1). */
uint64_t caps_all_mask(void);

/* Parse a status Cap* value (16 hex digits, no prefix) into *mask.
 * 0 or -EINVAL. */
int caps_parse_hex(const char *s, uint64_t *mask);

#endif
