/* test_batch — the text report's summary lines from snapshots built by
 * hand: CPU shares that are not known print "-" (JSON's null), not 0.0;
 * the thread counts say what they count. */
#include <string.h>

#include "check.h"
#include "proctop/batch.h"
#include "proctop/sbuf.h"
#include "proctop/snapshot.h"

static struct task *proc(struct snapshot *s, pid_t pid, int nthreads,
	bool kthread)
{
	struct task *t = snapshot_add_proc(s);
	t->pid = t->tgid = pid;
	t->have = TASK_HAVE_STAT;
	t->stat.state = 'S';
	t->stat.num_threads = nthreads;
	t->is_kthread = kthread;
	return t;
}

/* The summary line that starts with prefix, without its '\n'. */
static const char *line_of(const struct sbuf *sb, const char *prefix)
{
	static char line[512];
	const char *p = sb->data;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (!strncmp(p, prefix, strlen(prefix)) && n < sizeof(line)) {
			memcpy(line, p, n);
			line[n] = '\0';
			return line;
		}
		p = nl ? nl + 1 : NULL;
	}
	return "";
}

int main(void)
{
	struct snapshot s;
	struct sbuf sb;

	snapshot_init(&s);
	sbuf_init(&sb);
	s.sys.mem.mem_total = 2048;
	proc(&s, 1, 1, false);
	proc(&s, 2, 1, true);
	proc(&s, 30, 4, false);
	proc(&s, 40, 2, false);
	snapshot_finish(&s, NULL);

	/* No interval yet: every share unknown. */
	s.cpu_total.valid = false;
	batch_text_summary(&sb, &s);
	CHECK_STR(line_of(&sb, "%Cpu(s):"), "%Cpu(s):    - us,    - sy,    - ni,"
		"    - id,    - wa,    - hi,    - si,    - st");
	/* Every task, then htop's userland threads (3 + 1). */
	CHECK(strstr(line_of(&sb, "Tasks:"), "; 8 threads, 4 userland"));
	CHECK(strstr(line_of(&sb, "Tasks:"), "Tasks: 4 total,"));

	sbuf_reset(&sb);
	s.cpu_total = (struct cpu_usage){ .user = 12.5, .system = 2.5,
		.idle = 85, .valid = true };
	batch_text_summary(&sb, &s);
	CHECK_STR(line_of(&sb, "%Cpu(s):"), "%Cpu(s): 12.5 us,  2.5 sy,  0.0 ni,"
		" 85.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st");

	sbuf_fini(&sb);
	snapshot_fini(&s);
	return check_done();
}
