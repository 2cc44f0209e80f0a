/* cpumask — CPU sets sized for the running kernel (see proctop/actions.h).
 *
 * Sets come from CPU_ALLOC, so a machine with more than 1,024 CPUs works;
 * the kernel's own mask size is found by growing the set until
 * sched_getaffinity accepts it. */
#include "proctop/actions.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/xalloc.h"

/* The kernel refuses CPU numbers above this in a list we parse, and
 * cpu_mask_get_affinity never grows a set beyond it. */
#define CPU_MASK_MAX_CPUS (1 << 20)

void cpu_mask_init(struct cpu_mask *m, int ncpus)
{
	if (ncpus < 1)
		ncpus = 1;
	m->set = CPU_ALLOC((size_t)ncpus);
	if (!m->set)
		m->set = xmalloc(CPU_ALLOC_SIZE((size_t)ncpus));   /* aborts */
	m->size_bytes = CPU_ALLOC_SIZE((size_t)ncpus);
	/* The set really holds every bit of its bytes. */
	m->ncpus = (int)(m->size_bytes * 8);
	CPU_ZERO_S(m->size_bytes, m->set);
}

void cpu_mask_fini(struct cpu_mask *m)
{
	if (m->set)
		CPU_FREE(m->set);
	m->set = NULL;
	m->size_bytes = 0;
	m->ncpus = 0;
}

void cpu_mask_set(struct cpu_mask *m, int cpu)
{
	if (cpu >= 0 && cpu < m->ncpus)
		CPU_SET_S((size_t)cpu, m->size_bytes, m->set);
}

bool cpu_mask_isset(const struct cpu_mask *m, int cpu)
{
	if (cpu < 0 || cpu >= m->ncpus)
		return false;
	return CPU_ISSET_S((size_t)cpu, m->size_bytes, m->set);
}

int cpu_mask_count(const struct cpu_mask *m)
{
	return CPU_COUNT_S(m->size_bytes, m->set);
}

/* Parse a CPU number at *p, advancing it; -1 when there is none. */
static long parse_cpu(const char **p)
{
	const char *s = *p;
	long v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > CPU_MASK_MAX_CPUS)
			return -1;
	}
	*p = s;
	return v;
}

/* Walk a CPU list; with m NULL only find the highest CPU. */
static int walk_list(const char *s, struct cpu_mask *m, long *highest)
{
	const char *p = s;
	size_t ranges = 0;

	*highest = -1;
	while (*p && *p != '\n') {
		long lo = parse_cpu(&p), hi = lo;

		if (lo < 0)
			return -EINVAL;
		if (*p == '-') {
			p++;
			hi = parse_cpu(&p);
			if (hi < lo)
				return -EINVAL;
		}
		for (long cpu = lo; m && cpu <= hi; cpu++)
			cpu_mask_set(m, (int)cpu);
		if (hi > *highest)
			*highest = hi;
		ranges++;
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -EINVAL;
	}
	return ranges ? 0 : -EINVAL;
}

int cpu_mask_parse_list(struct cpu_mask *m, const char *s)
{
	long highest;
	int err = walk_list(s, NULL, &highest);

	if (err)
		return err;
	cpu_mask_fini(m);
	cpu_mask_init(m, (int)highest + 1);
	return walk_list(s, m, &highest);
}

void cpu_mask_format_list(struct sbuf *out, const struct cpu_mask *m)
{
	bool first = true;

	for (int cpu = 0; cpu < m->ncpus; cpu++) {
		if (!cpu_mask_isset(m, cpu))
			continue;
		int end = cpu;
		while (end + 1 < m->ncpus && cpu_mask_isset(m, end + 1))
			end++;
		if (!first)
			sbuf_addc(out, ',');
		first = false;
		if (end == cpu)
			sbuf_addf(out, "%d", cpu);
		else
			sbuf_addf(out, "%d-%d", cpu, end);
		cpu = end;
	}
}

int cpu_mask_get_affinity(pid_t tid, struct cpu_mask *m)
{
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	int ncpus = conf > 0 && conf < CPU_MASK_MAX_CPUS ? (int)conf : 64;

	for (;;) {
		cpu_mask_fini(m);
		cpu_mask_init(m, ncpus);
		if (sched_getaffinity(tid, m->size_bytes, m->set) == 0)
			return 0;
		if (errno != EINVAL || m->ncpus >= CPU_MASK_MAX_CPUS)
			return -errno;
		/* The kernel's mask is larger than ours: grow. */
		ncpus = m->ncpus * 2;
	}
}
