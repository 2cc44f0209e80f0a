/* caps — capability dropping, permission reasoning and mask decoding
 * through libcap (see proctop/caps.h). */
#include "proctop/caps.h"

#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <unistd.h>

#define CAPS_BIT(cap) ((uint64_t)1 << (cap))

/* Highest capability number + 1 this code handles: the kernel's count,
 * capped at the 64 bits a status mask holds. */
static int caps_count(void)
{
	int n = (int)cap_max_bits();

	if (n <= 0 || n > 64)
		n = n <= 0 ? CAP_LAST_CAP + 1 : 64;
	return n;
}

uint64_t caps_all_mask(void)
{
	int n = caps_count();

	return n >= 64 ? UINT64_MAX : CAPS_BIT(n) - 1;
}

uint64_t caps_keep_mask(enum drop_caps mode)
{
	uint64_t read = CAPS_BIT(CAP_DAC_READ_SEARCH) | CAPS_BIT(CAP_SYS_PTRACE);

	switch (mode) {
	case DROP_CAPS_BASIC:
		return read | CAPS_BIT(CAP_KILL) | CAPS_BIT(CAP_SYS_NICE);
	case DROP_CAPS_STRICT:
		return read;
	case DROP_CAPS_OFF:
		break;
	}
	return 0;
}

/* Remove every capability outside keep from the bounding set (so nothing
 * exec'd can regain it).  Needs CAP_SETPCAP; without it the bounding set is
 * left as it is.  0 or -errno. */
static int caps_drop_bounding(cap_t cur, uint64_t keep, int ncaps)
{
	cap_flag_value_t setpcap = CAP_CLEAR;

	if (cap_get_flag(cur, CAP_SETPCAP, CAP_EFFECTIVE, &setpcap) != 0 ||
	    setpcap != CAP_SET)
		return 0;
	for (int cap = 0; cap < ncaps; cap++) {
		if (keep & CAPS_BIT(cap))
			continue;
		if (cap_get_bound((cap_value_t)cap) != 1)
			continue;
		if (cap_drop_bound((cap_value_t)cap) != 0 && errno != EINVAL)
			return -errno;
	}
	return 0;
}

int caps_drop(enum drop_caps mode)
{
	uint64_t keep = caps_keep_mask(mode);
	int ncaps = caps_count();
	int err = 0;

	if (mode == DROP_CAPS_OFF)
		return 0;

	cap_t cur = cap_get_proc();
	if (!cur)
		return -errno;
	cap_t next = cap_init();
	if (!next) {
		err = -errno;
		cap_free(cur);
		return err;
	}

	/* Ambient capabilities must go first: they would otherwise survive
	 * as long as permitted and inheritable hold them.  Kernels without
	 * ambient capabilities answer EINVAL, which is fine. */
	if (CAP_AMBIENT_SUPPORTED() && cap_reset_ambient() != 0 &&
	    errno != EINVAL) {
		err = -errno;
		goto out;
	}
	err = caps_drop_bounding(cur, keep, ncaps);
	if (err)
		goto out;

	for (int cap = 0; cap < ncaps; cap++) {
		cap_value_t v = (cap_value_t)cap;
		cap_flag_value_t prm = CAP_CLEAR, inh = CAP_CLEAR;

		if (!(keep & CAPS_BIT(cap)))
			continue;
		if (cap_get_flag(cur, v, CAP_PERMITTED, &prm) != 0)
			continue;
		if (prm != CAP_SET)
			continue;   /* never add one that was not permitted */
		cap_set_flag(next, CAP_PERMITTED, 1, &v, CAP_SET);
		cap_set_flag(next, CAP_EFFECTIVE, 1, &v, CAP_SET);
		if (cap_get_flag(cur, v, CAP_INHERITABLE, &inh) == 0 &&
		    inh == CAP_SET)
			cap_set_flag(next, CAP_INHERITABLE, 1, &v, CAP_SET);
	}
	if (cap_set_proc(next) != 0)
		err = -errno;
out:
	cap_free(next);
	cap_free(cur);
	return err;
}

int caps_self_read(struct caps_self *out)
{
	uid_t suid;

	memset(out, 0, sizeof(*out));
	if (getresuid(&out->ruid, &out->euid, &suid) != 0)
		return -errno;
	cap_t cur = cap_get_proc();
	if (!cur)
		return -errno;
	int ncaps = caps_count();
	for (int cap = 0; cap < ncaps; cap++) {
		cap_flag_value_t v = CAP_CLEAR;

		if (cap_get_flag(cur, (cap_value_t)cap, CAP_EFFECTIVE, &v) == 0 &&
		    v == CAP_SET)
			out->eff |= CAPS_BIT(cap);
	}
	cap_free(cur);
	return 0;
}

/* can_nice() of kernel/sched: may the target's nice go down to nice? */
static bool caps_rlimit_allows_nice(const struct caps_target *t, long nice)
{
	if (t->rlim_nice < 0)
		return true;            /* unlimited */
	return 20 - nice <= t->rlim_nice;
}

static bool caps_is_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

struct caps_verdict caps_judge(const struct caps_self *self,
	const struct caps_target *t, const struct caps_request *req)
{
	struct caps_verdict v = { .allowed = true, .why = CAPS_WHY_NONE,
		.cap = -1, .cap_held = false };
	/* check_same_owner(): sched_setaffinity, sched_setscheduler;
	 * set_one_prio() compares the same ids. */
	bool same_owner = self->euid == t->euid || self->euid == t->ruid;

	switch (req->op) {
	case CAPS_OP_SIGNAL:
		/* kill_ok_by_cred(): either of our real/effective ids matches
		 * the target's real or saved id. */
		v.cap = CAP_KILL;
		if (self->euid != t->suid && self->euid != t->ruid &&
		    self->ruid != t->suid && self->ruid != t->ruid)
			v.why = CAPS_WHY_OTHER_USER;
		break;
	case CAPS_OP_RENICE:
		v.cap = CAP_SYS_NICE;
		if (!same_owner)
			v.why = CAPS_WHY_OTHER_USER;
		else if (req->new_nice < t->nice &&
			 !caps_rlimit_allows_nice(t, req->new_nice))
			v.why = CAPS_WHY_LOWER_NICE;
		break;
	case CAPS_OP_AFFINITY:
		v.cap = CAP_SYS_NICE;
		if (!same_owner)
			v.why = CAPS_WHY_OTHER_USER;
		break;
	case CAPS_OP_SCHED:
		v.cap = CAP_SYS_NICE;
		if (!same_owner) {
			v.why = CAPS_WHY_OTHER_USER;
		} else if (caps_is_rt(req->policy)) {
			if (t->rlim_rtprio == 0 ||
			    (t->rlim_rtprio > 0 &&
			     req->rt_priority > (long)t->rt_priority &&
			     req->rt_priority > t->rlim_rtprio))
				v.why = CAPS_WHY_RT_POLICY;
		} else if (t->policy == SCHED_IDLE && req->policy != SCHED_IDLE &&
			   !caps_rlimit_allows_nice(t, t->nice)) {
			v.why = CAPS_WHY_LEAVE_IDLE;
		}
		break;
	case CAPS_OP_IOPRIO:
		/* set_task_ioprio(): the target's real uid against ours;
		 * ioprio_check_cap(): RT needs CAP_SYS_ADMIN or CAP_SYS_NICE */
		v.cap = CAP_SYS_NICE;
		if (t->ruid != self->euid && t->ruid != self->ruid)
			v.why = CAPS_WHY_OTHER_USER;
		else if (req->io_class == 1 &&
			 !(self->eff & CAPS_BIT(CAP_SYS_ADMIN))) {
			v.why = CAPS_WHY_RT_IO;
		}
		break;
	}
	v.cap_held = v.cap >= 0 && v.cap < 64 && (self->eff & CAPS_BIT(v.cap));
	v.allowed = v.why == CAPS_WHY_NONE || v.cap_held;
	return v;
}

void caps_name_upper(struct sbuf *out, int cap)
{
	char *name = cap >= 0 ? cap_to_name((cap_value_t)cap) : NULL;

	if (!name || !isalpha((unsigned char)name[0])) {
		sbuf_addf(out, "capability %d", cap);
	} else {
		for (const char *p = name; *p; p++)
			sbuf_addc(out, (char)toupper((unsigned char)*p));
	}
	if (name)
		cap_free(name);
}

void caps_why_text(struct sbuf *out, const struct caps_verdict *v,
	enum caps_op op)
{
	switch (v->why) {
	case CAPS_WHY_NONE:
		return;
	case CAPS_WHY_OTHER_USER:
		if (op == CAPS_OP_SIGNAL) {
			sbuf_adds(out, "needs ");
			caps_name_upper(out, v->cap);
			sbuf_adds(out, " or the same user");
		} else {
			sbuf_adds(out, "another user's process needs ");
			caps_name_upper(out, v->cap);
		}
		break;
	case CAPS_WHY_LOWER_NICE:
		sbuf_adds(out, "lowering nice needs ");
		caps_name_upper(out, v->cap);
		break;
	case CAPS_WHY_RT_POLICY:
		sbuf_adds(out, "real-time policies need ");
		caps_name_upper(out, v->cap);
		sbuf_adds(out, " or RLIMIT_RTPRIO");
		break;
	case CAPS_WHY_LEAVE_IDLE:
		sbuf_adds(out, "leaving SCHED_IDLE needs ");
		caps_name_upper(out, v->cap);
		sbuf_adds(out, " or RLIMIT_NICE");
		break;
	case CAPS_WHY_RT_IO:
		sbuf_adds(out, "the real-time I/O class needs CAP_SYS_ADMIN or ");
		caps_name_upper(out, v->cap);
		break;
	}
}

/* Append the names of the set bits of mask, ',' separated. */
static void caps_list_names(struct sbuf *out, uint64_t mask)
{
	bool first = true;

	for (int cap = 0; cap < 64; cap++) {
		if (!(mask & CAPS_BIT(cap)))
			continue;
		if (!first)
			sbuf_addc(out, ',');
		first = false;
		char *name = cap_to_name((cap_value_t)cap);
		if (name) {
			sbuf_adds(out, name);
			cap_free(name);
		} else {
			sbuf_addf(out, "%d", cap);
		}
	}
}

static unsigned caps_popcount(uint64_t m)
{
	return (unsigned)__builtin_popcountll(m);
}

void caps_format_mask(struct sbuf *out, uint64_t mask, bool compact)
{
	uint64_t all = caps_all_mask();

	if (mask == 0) {
		sbuf_adds(out, "none");
		return;
	}
	if (compact && (mask & all) == all) {
		sbuf_adds(out, "all");
		if (mask & ~all) {
			sbuf_adds(out, " and ");
			caps_list_names(out, mask & ~all);
		}
		return;
	}
	if (compact && !(mask & ~all) &&
	    caps_popcount(all & ~mask) < caps_popcount(all) / 2) {
		sbuf_adds(out, "all except ");
		caps_list_names(out, all & ~mask);
		return;
	}
	caps_list_names(out, mask);
}

int caps_parse_hex(const char *s, uint64_t *mask)
{
	uint64_t v = 0;
	size_t n = 0;

	for (; n < 17 && isxdigit((unsigned char)s[n]); n++) {
		int c = tolower((unsigned char)s[n]);
		v = v << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
	}
	if (n == 0 || n > 16)
		return -EINVAL;
	*mask = v;
	return 0;
}
