/* Unit tests for caps: keep masks, the credential rules, the reasons given
 * and capability mask decoding. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/capability.h>

#include "check.h"
#include "proctop/caps.h"
#include "proctop/sbuf.h"

#define BIT(c) ((uint64_t)1 << (c))

static const char *fmt_mask(struct sbuf *sb, uint64_t mask, bool compact)
{
	sbuf_reset(sb);
	caps_format_mask(sb, mask, compact);
	return sb->data;
}

static const char *why(struct sbuf *sb, const struct caps_verdict *v,
	enum caps_op op)
{
	sbuf_reset(sb);
	caps_why_text(sb, v, op);
	return sb->data;
}

static void test_keep_masks(void)
{
	uint64_t rd = BIT(CAP_DAC_READ_SEARCH) | BIT(CAP_SYS_PTRACE);

	CHECK_EQ_U(caps_keep_mask(DROP_CAPS_OFF), 0);
	CHECK_EQ_U(caps_keep_mask(DROP_CAPS_STRICT), rd);
	CHECK_EQ_U(caps_keep_mask(DROP_CAPS_BASIC),
		rd | BIT(CAP_KILL) | BIT(CAP_SYS_NICE));
}

static void test_format(void)
{
	struct sbuf sb;
	uint64_t all = caps_all_mask();

	sbuf_init(&sb);
	CHECK_STR(fmt_mask(&sb, 0, true), "none");
	CHECK_STR(fmt_mask(&sb, 0, false), "none");
	CHECK_STR(fmt_mask(&sb, BIT(CAP_NET_RAW), true), "cap_net_raw");
	CHECK_STR(fmt_mask(&sb, BIT(CAP_KILL) | BIT(CAP_NET_RAW), true),
		"cap_kill,cap_net_raw");
	CHECK_STR(fmt_mask(&sb, BIT(CAP_DAC_READ_SEARCH) | BIT(CAP_SYS_PTRACE),
		false), "cap_dac_read_search,cap_sys_ptrace");
	CHECK_STR(fmt_mask(&sb, 0x3, false), "cap_chown,cap_dac_override");
	/* The kernel here knows at least the 41 capabilities of 5.9+. */
	CHECK(all >= BIT(41) - 1);
	CHECK_STR(fmt_mask(&sb, all, true), "all");
	CHECK_STR(fmt_mask(&sb, all & ~BIT(CAP_SYS_RESOURCE), true),
		"all except cap_sys_resource");
	CHECK_STR(fmt_mask(&sb, all & ~(BIT(CAP_SYS_RESOURCE) | BIT(CAP_KILL)),
		true), "all except cap_kill,cap_sys_resource");
	/* Not compact: every name. */
	fmt_mask(&sb, all, false);
	CHECK(!strncmp(sb.data, "cap_chown,cap_dac_override,", 27));
	CHECK(strstr(sb.data, "cap_sys_nice") != NULL);
	/* A bit no kernel has: its number. */
	CHECK_STR(fmt_mask(&sb, BIT(63), true), "63");
	CHECK_STR(fmt_mask(&sb, BIT(CAP_CHOWN) | BIT(63), false), "cap_chown,63");

	sbuf_reset(&sb);
	caps_name_upper(&sb, CAP_SYS_NICE);
	CHECK_STR(sb.data, "CAP_SYS_NICE");
	sbuf_reset(&sb);
	caps_name_upper(&sb, CAP_KILL);
	CHECK_STR(sb.data, "CAP_KILL");
	sbuf_reset(&sb);
	caps_name_upper(&sb, 63);
	CHECK_STR(sb.data, "capability 63");
	sbuf_fini(&sb);
}

static void test_parse_hex(void)
{
	uint64_t m = 1;

	CHECK_EQ_I(caps_parse_hex("000001fffeffffff", &m), 0);
	CHECK_EQ_U(m, 0x000001fffeffffffull);
	CHECK_EQ_I(caps_parse_hex("0000000000002000\n", &m), 0);
	CHECK_EQ_U(m, BIT(CAP_NET_RAW));
	CHECK_EQ_I(caps_parse_hex("FFFFFFFFFFFFFFFF", &m), 0);
	CHECK_EQ_U(m, UINT64_MAX);
	CHECK_EQ_I(caps_parse_hex("", &m), -EINVAL);
	CHECK_EQ_I(caps_parse_hex("xyz", &m), -EINVAL);
	CHECK_EQ_I(caps_parse_hex("00000000000000000", &m), -EINVAL);
}

static const struct caps_self nobody = { .ruid = 65534, .euid = 65534,
	.eff = 0 };
static const struct caps_self root = { .ruid = 0, .euid = 0,
	.eff = BIT(CAP_KILL) | BIT(CAP_SYS_NICE) };
static const struct caps_self root_strict = { .ruid = 0, .euid = 0,
	.eff = BIT(CAP_DAC_READ_SEARCH) | BIT(CAP_SYS_PTRACE) };

static void test_judge_signal(void)
{
	struct sbuf sb;
	struct caps_target t = { .ruid = 0, .euid = 0, .suid = 0 };
	struct caps_request req = { .op = CAPS_OP_SIGNAL };
	struct caps_verdict v;

	sbuf_init(&sb);
	v = caps_judge(&nobody, &t, &req);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_OTHER_USER);
	CHECK_EQ_I(v.cap, CAP_KILL);
	CHECK(!v.cap_held);
	CHECK_STR(why(&sb, &v, req.op), "needs CAP_KILL or the same user");

	v = caps_judge(&root, &(struct caps_target){ .ruid = 1000,
		.euid = 1000, .suid = 1000 }, &req);
	CHECK(v.allowed);
	CHECK(v.cap_held);
	v = caps_judge(&root_strict, &(struct caps_target){ .ruid = 1000,
		.euid = 1000, .suid = 1000 }, &req);
	CHECK(!v.allowed);

	/* Same user, or a setuid target whose saved id is ours. */
	t = (struct caps_target){ .ruid = 65534, .euid = 65534, .suid = 65534 };
	v = caps_judge(&nobody, &t, &req);
	CHECK(v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_NONE);
	CHECK_STR(why(&sb, &v, req.op), "");
	t = (struct caps_target){ .ruid = 0, .euid = 0, .suid = 65534 };
	CHECK(caps_judge(&nobody, &t, &req).allowed);
	sbuf_fini(&sb);
}

static void test_judge_renice(void)
{
	struct sbuf sb;
	struct caps_target own = { .ruid = 65534, .euid = 65534, .suid = 65534,
		.nice = 0, .rlim_nice = 0 };
	struct caps_target rootp = { .nice = 0 };
	struct caps_request req = { .op = CAPS_OP_RENICE, .new_nice = -5 };
	struct caps_verdict v;

	sbuf_init(&sb);
	v = caps_judge(&nobody, &own, &req);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_LOWER_NICE);
	CHECK_STR(why(&sb, &v, req.op), "lowering nice needs CAP_SYS_NICE");

	/* RLIMIT_NICE 25 allows down to 20 - 25 = -5, not -6. */
	own.rlim_nice = 25;
	CHECK(caps_judge(&nobody, &own, &req).allowed);
	req.new_nice = -6;
	CHECK(!caps_judge(&nobody, &own, &req).allowed);
	own.rlim_nice = -1;
	CHECK(caps_judge(&nobody, &own, &req).allowed);

	/* Raising nice is always fine for the owner. */
	own.rlim_nice = 0;
	own.nice = 5;
	req.new_nice = 7;
	CHECK(caps_judge(&nobody, &own, &req).allowed);
	req.new_nice = 5;
	CHECK(caps_judge(&nobody, &own, &req).allowed);

	/* Another user's process: the owner rule comes first. */
	req.new_nice = 7;
	v = caps_judge(&nobody, &rootp, &req);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_OTHER_USER);
	CHECK_STR(why(&sb, &v, req.op),
		"another user's process needs CAP_SYS_NICE");
	CHECK(caps_judge(&root, &own, &req).allowed);
	sbuf_fini(&sb);
}

static void test_judge_affinity_sched(void)
{
	struct sbuf sb;
	struct caps_target own = { .ruid = 65534, .euid = 65534, .suid = 65534,
		.policy = SCHED_OTHER };
	struct caps_target rootp = { .policy = SCHED_OTHER };
	struct caps_request aff = { .op = CAPS_OP_AFFINITY };
	struct caps_request fifo = { .op = CAPS_OP_SCHED, .policy = SCHED_FIFO,
		.rt_priority = 10 };
	struct caps_request batch = { .op = CAPS_OP_SCHED,
		.policy = SCHED_BATCH };
	struct caps_verdict v;

	sbuf_init(&sb);
	CHECK(caps_judge(&nobody, &own, &aff).allowed);
	v = caps_judge(&nobody, &rootp, &aff);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.cap, CAP_SYS_NICE);

	CHECK(caps_judge(&nobody, &own, &batch).allowed);
	CHECK(!caps_judge(&nobody, &rootp, &batch).allowed);
	CHECK(caps_judge(&root, &rootp, &batch).allowed);

	v = caps_judge(&nobody, &own, &fifo);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_RT_POLICY);
	CHECK_STR(why(&sb, &v, fifo.op),
		"real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO");
	own.rlim_rtprio = 10;
	CHECK(caps_judge(&nobody, &own, &fifo).allowed);
	fifo.rt_priority = 11;
	CHECK(!caps_judge(&nobody, &own, &fifo).allowed);
	own.rlim_rtprio = -1;
	CHECK(caps_judge(&nobody, &own, &fifo).allowed);
	CHECK(caps_judge(&root, &rootp, &fifo).allowed);

	/* Out of SCHED_IDLE needs room under RLIMIT_NICE for the nice. */
	own.policy = SCHED_IDLE;
	own.nice = 0;
	own.rlim_nice = 0;
	v = caps_judge(&nobody, &own, &batch);
	CHECK(!v.allowed);
	CHECK_EQ_I(v.why, CAPS_WHY_LEAVE_IDLE);
	own.rlim_nice = 20;
	CHECK(caps_judge(&nobody, &own, &batch).allowed);
	sbuf_fini(&sb);
}

static void test_self(void)
{
	struct caps_self s;

	CHECK_EQ_I(caps_self_read(&s), 0);
	CHECK_EQ_U(s.euid, geteuid());
	CHECK_EQ_U(s.ruid, getuid());
}

/* ioprio_set: another real uid needs CAP_SYS_NICE; the real-time class
 * needs CAP_SYS_ADMIN or CAP_SYS_NICE. */
static void test_judge_ioprio(void)
{
	struct sbuf sb;
	struct caps_target own = { .ruid = 65534, .euid = 65534 };
	struct caps_target other = { .ruid = 0, .euid = 65534 };
	struct caps_request req = { .op = CAPS_OP_IOPRIO, .io_class = 2 };
	struct caps_verdict v;
	struct caps_self admin = { .eff = BIT(CAP_SYS_ADMIN) };

	sbuf_init(&sb);
	CHECK(caps_judge(&nobody, &own, &req).allowed);
	v = caps_judge(&nobody, &other, &req);
	CHECK(!v.allowed && v.why == CAPS_WHY_OTHER_USER);
	CHECK_STR(why(&sb, &v, req.op),
		"another user's process needs CAP_SYS_NICE");
	CHECK(caps_judge(&root, &other, &req).allowed);
	req.io_class = 1;
	v = caps_judge(&nobody, &own, &req);
	CHECK(!v.allowed && v.why == CAPS_WHY_RT_IO);
	CHECK_STR(why(&sb, &v, req.op),
		"the real-time I/O class needs CAP_SYS_ADMIN or CAP_SYS_NICE");
	CHECK(caps_judge(&root, &own, &req).allowed);        /* CAP_SYS_NICE */
	CHECK(caps_judge(&admin, &(struct caps_target){ .ruid = 0 },
		&req).allowed);                              /* CAP_SYS_ADMIN */
	req.io_class = 3;
	CHECK(caps_judge(&nobody, &own, &req).allowed);
	sbuf_fini(&sb);
}

int main(void)
{
	test_keep_masks();
	test_format();
	test_parse_hex();
	test_judge_signal();
	test_judge_renice();
	test_judge_affinity_sched();
	test_judge_ioprio();
	test_self();
	return check_done();
}
