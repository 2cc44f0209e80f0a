/* sysstats — system-wide figures (see proctop/sysstats.h).
 *
 * Real /proc: libproc2's meminfo / vmstat / stat APIs through *_select and
 * *_reap (never *_get, which caches).  Any other root: the pure parsers
 * below over that root's files.  Load average and uptime are parsed by us
 * on both paths (two tiny files; libproc2 would read the same files).
 *
 * Zswap: libproc2 4.0.2 (Debian 12) has no Zswap items (newer ones do).
 * Whether the kernel's meminfo has the lines is learnt once, in
 * sysstats_new; only then, and only when libproc2 lacks the items, each
 * read parses meminfo once more with our parser for those two figures
 * (one ~15 us read per refresh, measured: noise next to the process scan,
 * so no caller has to ask for it).
 *
 * CPUs: with the real /proc the per-CPU array covers every configured CPU
 * (sysconf(_SC_NPROCESSORS_CONF), learnt once), so trailing offline CPUs
 * are listed, marked offline. */
#include "proctop/sysstats.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/meminfo.h>
#include <libproc2/stat.h>
#include <libproc2/vmstat.h>

#ifndef PROCTOP_LIBPROC2_ZSWAP
#define PROCTOP_LIBPROC2_ZSWAP 0   /* set by meson when the items exist */
#endif

#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"
#include "proctop/xalloc.h"

/* CPU numbers above this in a hostile /proc/stat are ignored (the kernel's
 * NR_CPUS is at most 8192). */
#define SYSSTATS_MAX_CPUS 8192

struct sysstats {
	bool use_lib;
	int root_fd;
	struct meminfo_info *mi;
	struct vmstat_info *vi;
	struct stat_info *si;
	struct sbuf buf;
	bool kernel_zswap;            /* meminfo has a Zswap line */
	size_t ncpus_conf;            /* configured CPUs (real /proc), else 0 */
	const char *failed;           /* see sysstats_failed_file */
};

/* ---- tables: one entry per field, both paths ------------------------- */

#define MF(f) offsetof(struct mem_stats, f)
static const struct mem_field {
	const char *key;              /* /proc/meminfo key */
	enum meminfo_item item;       /* libproc2 item, MEMINFO_noop if none */
	size_t off;
} mem_fields[] = {
	{ "MemTotal",       MEMINFO_MEM_TOTAL,          MF(mem_total) },
	{ "MemFree",        MEMINFO_MEM_FREE,           MF(mem_free) },
	{ "MemAvailable",   MEMINFO_MEM_AVAILABLE,      MF(mem_available) },
	{ "Buffers",        MEMINFO_MEM_BUFFERS,        MF(buffers) },
	{ "Cached",         MEMINFO_MEM_CACHED,         MF(cached) },
	{ "SwapCached",     MEMINFO_SWAP_CACHED,        MF(swap_cached) },
	{ "Active",         MEMINFO_MEM_ACTIVE,         MF(active) },
	{ "Inactive",       MEMINFO_MEM_INACTIVE,       MF(inactive) },
	{ "Active(anon)",   MEMINFO_MEM_ACTIVE_ANON,    MF(active_anon) },
	{ "Inactive(anon)", MEMINFO_MEM_INACTIVE_ANON,  MF(inactive_anon) },
	{ "Active(file)",   MEMINFO_MEM_ACTIVE_FILE,    MF(active_file) },
	{ "Inactive(file)", MEMINFO_MEM_INACTIVE_FILE,  MF(inactive_file) },
	{ "Unevictable",    MEMINFO_MEM_UNEVICTABLE,    MF(unevictable) },
	{ "Mlocked",        MEMINFO_MEM_LOCKED,         MF(mlocked) },
	{ "SwapTotal",      MEMINFO_SWAP_TOTAL,         MF(swap_total) },
	{ "SwapFree",       MEMINFO_SWAP_FREE,          MF(swap_free) },
#if PROCTOP_LIBPROC2_ZSWAP
	{ "Zswap",          MEMINFO_MEM_ZSWAP,          MF(zswap) },
	{ "Zswapped",       MEMINFO_MEM_ZSWAPPED,       MF(zswapped) },
#else
	{ "Zswap",          MEMINFO_noop,               MF(zswap) },
	{ "Zswapped",       MEMINFO_noop,               MF(zswapped) },
#endif
	{ "Dirty",          MEMINFO_MEM_DIRTY,          MF(dirty) },
	{ "Writeback",      MEMINFO_MEM_WRITEBACK,      MF(writeback) },
	{ "AnonPages",      MEMINFO_MEM_ANON,           MF(anon_pages) },
	{ "Mapped",         MEMINFO_MEM_MAPPED,         MF(mapped) },
	{ "Shmem",          MEMINFO_MEM_SHARED,         MF(shmem) },
	{ "KReclaimable",   MEMINFO_MEM_KERNEL_RECLAIM, MF(kreclaimable) },
	{ "Slab",           MEMINFO_MEM_SLAB,           MF(slab) },
	{ "SReclaimable",   MEMINFO_MEM_SLAB_RECLAIM,   MF(sreclaimable) },
	{ "SUnreclaim",     MEMINFO_MEM_SLAB_UNRECLAIM, MF(sunreclaim) },
	{ "KernelStack",    MEMINFO_MEM_KERNEL_STACK,   MF(kernel_stack) },
	{ "PageTables",     MEMINFO_MEM_PAGE_TABLES,    MF(page_tables) },
	{ "CommitLimit",    MEMINFO_MEM_COMMIT_LIMIT,   MF(commit_limit) },
	{ "Committed_AS",   MEMINFO_MEM_COMMITTED_AS,   MF(committed_as) },
	{ "VmallocUsed",    MEMINFO_MEM_VM_ALLOC_USED,  MF(vmalloc_used) },
	{ "AnonHugePages",  MEMINFO_MEM_HUGE_ANON,      MF(anon_huge_pages) },
	{ "ShmemHugePages", MEMINFO_MEM_SHMEM_HUGE,     MF(shmem_huge_pages) },
	{ "HugePages_Total", MEMINFO_MEM_HUGE_TOTAL,    MF(hugepages_total) },
	{ "HugePages_Free", MEMINFO_MEM_HUGE_FREE,      MF(hugepages_free) },
	{ "Hugepagesize",   MEMINFO_MEM_HUGE_SIZE,      MF(hugepagesize) },
};
#undef MF
#define N_MEM (sizeof(mem_fields) / sizeof(mem_fields[0]))

#define VF(f) offsetof(struct vm_stats, f)
static const struct vm_field {
	const char *key;
	enum vmstat_item item;
	size_t off;
} vm_fields[] = {
	{ "pgfault",        VMSTAT_PGFAULT,        VF(pgfault) },
	{ "pgmajfault",     VMSTAT_PGMAJFAULT,     VF(pgmajfault) },
	{ "pswpin",         VMSTAT_PSWPIN,         VF(pswpin) },
	{ "pswpout",        VMSTAT_PSWPOUT,        VF(pswpout) },
	{ "pgpgin",         VMSTAT_PGPGIN,         VF(pgpgin) },
	{ "pgpgout",        VMSTAT_PGPGOUT,        VF(pgpgout) },
	{ "pgscan_direct",  VMSTAT_PGSCAN_DIRECT,  VF(pgscan_direct) },
	{ "pgscan_kswapd",  VMSTAT_PGSCAN_KSWAPD,  VF(pgscan_kswapd) },
	{ "pgsteal_direct", VMSTAT_PGSTEAL_DIRECT, VF(pgsteal_direct) },
	{ "pgsteal_kswapd", VMSTAT_PGSTEAL_KSWAPD, VF(pgsteal_kswapd) },
	{ "oom_kill",       VMSTAT_OOM_KILL,       VF(oom_kill) },
};
#undef VF
#define N_VM (sizeof(vm_fields) / sizeof(vm_fields[0]))

/* The ten tick columns of a "cpu" line, in file order. */
#define CF(f) offsetof(struct cpu_ticks, f)
static const struct tick_field {
	enum stat_item item;
	size_t off;
} tick_fields[] = {
	{ STAT_TIC_USER,       CF(user) },
	{ STAT_TIC_NICE,       CF(nice) },
	{ STAT_TIC_SYSTEM,     CF(system) },
	{ STAT_TIC_IDLE,       CF(idle) },
	{ STAT_TIC_IOWAIT,     CF(iowait) },
	{ STAT_TIC_IRQ,        CF(irq) },
	{ STAT_TIC_SOFTIRQ,    CF(softirq) },
	{ STAT_TIC_STOLEN,     CF(steal) },
	{ STAT_TIC_GUEST,      CF(guest) },
	{ STAT_TIC_GUEST_NICE, CF(guest_nice) },
};
#undef CF
#define N_TICKS (sizeof(tick_fields) / sizeof(tick_fields[0]))

static void put_u64(void *base, size_t off, uint64_t v)
{
	memcpy((char *)base + off, &v, sizeof(v));
}

/* ---- pure parsers ----------------------------------------------------- */

/* End of the line starting at p: its '\n', or end. */
static const char *line_end(const char *p, const char *end)
{
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	return eol ? eol : end;
}

int sysstats_parse_meminfo(const char *buf, size_t len, struct mem_stats *out)
{
	const char *p = buf, *end = buf + len;
	size_t found = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = line_end(p, end);
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon) {
			size_t klen = (size_t)(colon - p);
			for (size_t i = 0; i < N_MEM; i++) {
				const char *v = colon + 1;
				uint64_t u;
				if (strlen(mem_fields[i].key) != klen ||
				    memcmp(mem_fields[i].key, p, klen))
					continue;
				v = procfs_skip_blank(v, eol);
				if (procfs_parse_u64(&v, eol, &u) == 0) {
					put_u64(out, mem_fields[i].off, u);
					found++;
					if (mem_fields[i].off ==
					    offsetof(struct mem_stats, zswap))
						out->has_zswap = true;
				}
				break;
			}
		}
		p = eol + 1;
	}
	return found ? 0 : -EINVAL;
}

int sysstats_parse_vmstat(const char *buf, size_t len, struct vm_stats *out)
{
	const char *p = buf, *end = buf + len;
	size_t found = 0;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = line_end(p, end);
		const char *sp = memchr(p, ' ', (size_t)(eol - p));
		if (sp) {
			size_t klen = (size_t)(sp - p);
			for (size_t i = 0; i < N_VM; i++) {
				const char *v = sp + 1;
				uint64_t u;
				if (strlen(vm_fields[i].key) != klen ||
				    memcmp(vm_fields[i].key, p, klen))
					continue;
				if (procfs_parse_u64(&v, eol, &u) == 0) {
					put_u64(out, vm_fields[i].off, u);
					found++;
				}
				break;
			}
		}
		p = eol + 1;
	}
	return found ? 0 : -EINVAL;
}

/* Parse the tick columns after "cpu" / "cpuN"; missing ones stay 0. */
static void parse_ticks(const char *p, const char *eol, struct cpu_ticks *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < N_TICKS; i++) {
		uint64_t u;
		p = procfs_skip_blank(p, eol);
		if (procfs_parse_u64(&p, eol, &u) < 0)
			break;
		put_u64(t, tick_fields[i].off, u);
	}
	t->online = true;
}

/* "cpuN" at p: the CPU number, or -1 (also for the "cpu" total line). */
static long cpu_line_id(const char *p, const char *eol)
{
	uint64_t id;

	if (eol - p < 4 || memcmp(p, "cpu", 3))
		return -1;
	p += 3;
	if (procfs_parse_u64(&p, eol, &id) < 0 || id >= SYSSTATS_MAX_CPUS)
		return -1;
	return (long)id;
}

static uint64_t line_u64(const char *p, const char *eol)
{
	uint64_t u = 0;

	p = procfs_skip_blank(p, eol);
	procfs_parse_u64(&p, eol, &u);
	return u;
}

static unsigned clamp_u(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
}

int sysstats_parse_stat(const char *buf, size_t len, struct sys_stats *out)
{
	const char *p, *end = buf + len;
	long max_id = -1;
	bool have_total = false;

	/* pass 1: size the per-CPU array by the highest CPU number */
	for (p = buf; p < end;) {
		const char *eol = line_end(p, end);
		long id = cpu_line_id(p, eol);
		if (id > max_id)
			max_id = id;
		p = eol + 1;
	}
	out->ncpus = (size_t)(max_id + 1);
	if (out->ncpus) {
		out->cpus = xreallocarray(out->cpus, out->ncpus,
			sizeof(*out->cpus));
		memset(out->cpus, 0, out->ncpus * sizeof(*out->cpus));
	}
	memset(&out->cpu_total, 0, sizeof(out->cpu_total));
	out->ctxt = out->intr = out->forks = out->btime = 0;
	out->procs_running = out->procs_blocked = 0;

	/* pass 2: values; CPUs without a line stay offline */
	for (p = buf; p < end;) {
		const char *eol = line_end(p, end);
		const char *sp = memchr(p, ' ', (size_t)(eol - p));
		size_t klen = sp ? (size_t)(sp - p) : 0;
		long id;

#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(p, k, klen))
		if (!sp) {
			/* a line without a value */
		} else if (KEY("cpu")) {
			parse_ticks(sp, eol, &out->cpu_total);
			have_total = true;
		} else if ((id = cpu_line_id(p, sp)) >= 0) {
			parse_ticks(sp, eol, &out->cpus[id]);
		} else if (KEY("ctxt")) {
			out->ctxt = line_u64(sp, eol);
		} else if (KEY("intr")) {
			out->intr = line_u64(sp, eol);
		} else if (KEY("processes")) {
			out->forks = line_u64(sp, eol);
		} else if (KEY("btime")) {
			out->btime = line_u64(sp, eol);
		} else if (KEY("procs_running")) {
			out->procs_running = clamp_u(line_u64(sp, eol));
		} else if (KEY("procs_blocked")) {
			out->procs_blocked = clamp_u(line_u64(sp, eol));
		}
#undef KEY
		p = eol + 1;
	}
	return have_total ? 0 : -EINVAL;
}

void sysstats_cover_cpus(struct sys_stats *s, size_t ncpus)
{
	if (ncpus > SYSSTATS_MAX_CPUS)
		ncpus = SYSSTATS_MAX_CPUS;
	if (ncpus <= s->ncpus)
		return;
	s->cpus = xreallocarray(s->cpus, ncpus, sizeof(*s->cpus));
	memset(&s->cpus[s->ncpus], 0, (ncpus - s->ncpus) * sizeof(*s->cpus));
	s->ncpus = ncpus;
}

/* A non-negative decimal like "123.45", locale-independent. */
static int parse_decimal(const char **pp, const char *end, double *out)
{
	const char *p = *pp;
	uint64_t ip;
	double v, scale = 0.1;

	if (procfs_parse_u64(&p, end, &ip) < 0)
		return -EINVAL;
	v = (double)ip;
	if (p < end && *p == '.') {
		/* at most 18 fraction digits count; the rest are skipped */
		size_t n = 0;
		for (p++; p < end && *p >= '0' && *p <= '9'; p++, n++) {
			if (n < 18) {
				v += (*p - '0') * scale;
				scale /= 10;
			}
		}
	}
	*out = v;
	*pp = p;
	return 0;
}

int sysstats_parse_loadavg(const char *buf, size_t len, struct sys_stats *out)
{
	const char *p = buf, *end = buf + len;
	double v[3];

	for (size_t i = 0; i < 3; i++) {
		p = procfs_skip_blank(p, end);
		if (parse_decimal(&p, end, &v[i]) < 0)
			return -EINVAL;
	}
	memcpy(out->loadavg, v, sizeof(v));
	return 0;
}

int sysstats_parse_uptime(const char *buf, size_t len, struct sys_stats *out)
{
	const char *p = procfs_skip_blank(buf, buf + len);
	double v;

	if (parse_decimal(&p, buf + len, &v) < 0)
		return -EINVAL;
	out->uptime_s = v;
	return 0;
}

int sysstats_parse_psi(const char *buf, size_t len, struct psi_pair *out)
{
	const char *p = buf, *end = buf + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *eol = line_end(p, end);
		bool some = eol - p > 5 && !memcmp(p, "some ", 5);
		bool full = eol - p > 5 && !memcmp(p, "full ", 5);

		for (const char *q = p + 5; (some || full) && q + 6 <= eol; q++) {
			const char *v = q + 6;
			uint64_t u;

			if (memcmp(q, "total=", 6) || (q[-1] != ' '))
				continue;
			if (procfs_parse_u64(&v, eol, &u) < 0)
				break;
			if (some) {
				out->some_us = u;
				out->has_some = true;
			} else {
				out->full_us = u;
				out->has_full = true;
			}
			break;
		}
		p = eol + 1;
	}
	return out->has_some || out->has_full ? 0 : -EINVAL;
}

/* ---- reading ---------------------------------------------------------- */

static void sysstats_free_lib(struct sysstats *ss)
{
	if (ss->mi)
		procps_meminfo_unref(&ss->mi);
	if (ss->vi)
		procps_vmstat_unref(&ss->vi);
	if (ss->si)
		procps_stat_unref(&ss->si);
}

struct sysstats *sysstats_new(const char *proc_root, int *err)
{
	struct sysstats *ss = xcalloc(1, sizeof(*ss));
	int rc;

	ss->root_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (ss->root_fd < 0) {
		*err = -errno;
		free(ss);
		return NULL;
	}
	sbuf_init(&ss->buf);
	ss->use_lib = !strcmp(proc_root, "/proc") || !strcmp(proc_root, "/proc/");
	if (ss->use_lib) {
		if ((rc = procps_meminfo_new(&ss->mi)) < 0 ||
		    (rc = procps_vmstat_new(&ss->vi)) < 0 ||
		    (rc = procps_stat_new(&ss->si)) < 0) {
			*err = rc < 0 ? rc : -EIO;
			sysstats_free(ss);
			return NULL;
		}
		long conf = sysconf(_SC_NPROCESSORS_CONF);
		ss->ncpus_conf = conf > 0 ? (size_t)conf : 0;
		/* libproc2 reads 0 for a missing line: learn once whether the
		 * kernel has zswap figures at all */
		if (reader_read_file(ss->root_fd, "meminfo",
			FILEREAD_CAP_SYSTEM, &ss->buf) == 0) {
			struct mem_stats m;
			if (sysstats_parse_meminfo(ss->buf.data, ss->buf.len,
					&m) == 0)
				ss->kernel_zswap = m.has_zswap;
		}
	}
	return ss;
}

void sysstats_free(struct sysstats *ss)
{
	if (!ss)
		return;
	sysstats_free_lib(ss);
	if (ss->root_fd >= 0)
		close(ss->root_fd);
	sbuf_fini(&ss->buf);
	free(ss);
}

static int read_lib(struct sysstats *ss, struct sys_stats *out)
{
	enum meminfo_item mitems[N_MEM];
	enum vmstat_item vitems[N_VM];
	enum stat_item sitems[N_TICKS + 7];
	struct meminfo_stack *ms;
	struct vmstat_stack *vs;
	struct stat_reaped *sr;
	size_t i, ns = 0;

	for (i = 0; i < N_MEM; i++)
		mitems[i] = mem_fields[i].item;
	ms = procps_meminfo_select(ss->mi, mitems, (int)N_MEM);
	if (!ms)
		return -EIO;
	memset(&out->mem, 0, sizeof(out->mem));
	for (i = 0; i < N_MEM; i++) {
		if (mem_fields[i].item == MEMINFO_noop)
			continue;
		put_u64(&out->mem, mem_fields[i].off,
			MEMINFO_VAL((int)i, ul_int, ms, ss->mi));
	}

	if (ss->kernel_zswap) {
		out->mem.has_zswap = true;
		if (!PROCTOP_LIBPROC2_ZSWAP) {
			struct mem_stats m;
			if (reader_read_file(ss->root_fd, "meminfo",
					FILEREAD_CAP_SYSTEM, &ss->buf) == 0 &&
			    sysstats_parse_meminfo(ss->buf.data, ss->buf.len,
					&m) == 0) {
				out->mem.zswap = m.zswap;
				out->mem.zswapped = m.zswapped;
			}
		}
	}

	for (i = 0; i < N_VM; i++)
		vitems[i] = vm_fields[i].item;
	vs = procps_vmstat_select(ss->vi, vitems, (int)N_VM);
	if (!vs)
		return -EIO;
	for (i = 0; i < N_VM; i++)
		put_u64(&out->vm, vm_fields[i].off,
			VMSTAT_VAL((int)i, ul_int, vs, ss->vi));

	/* stack layout: ticks 0..9, then ID and the system counters */
	for (i = 0; i < N_TICKS; i++)
		sitems[ns++] = tick_fields[i].item;
	sitems[ns++] = STAT_TIC_ID;                  /* N_TICKS + 0 */
	sitems[ns++] = STAT_SYS_CTX_SWITCHES;        /* + 1 */
	sitems[ns++] = STAT_SYS_INTERRUPTS;          /* + 2 */
	sitems[ns++] = STAT_SYS_PROC_CREATED;        /* + 3 */
	sitems[ns++] = STAT_SYS_TIME_OF_BOOT;        /* + 4 */
	sitems[ns++] = STAT_SYS_PROC_RUNNING;        /* + 5 */
	sitems[ns++] = STAT_SYS_PROC_BLOCKED;        /* + 6 */
	sr = procps_stat_reap(ss->si, STAT_REAP_CPUS_ONLY, sitems, (int)ns);
	if (!sr || !sr->summary)
		return -EIO;
	memset(&out->cpu_total, 0, sizeof(out->cpu_total));
	for (i = 0; i < N_TICKS; i++)
		put_u64(&out->cpu_total, tick_fields[i].off,
			STAT_VAL((int)i, ull_int, sr->summary, ss->si));
	out->cpu_total.online = true;
	out->ctxt = STAT_VAL(N_TICKS + 1, ul_int, sr->summary, ss->si);
	out->intr = STAT_VAL(N_TICKS + 2, ul_int, sr->summary, ss->si);
	out->forks = STAT_VAL(N_TICKS + 3, ul_int, sr->summary, ss->si);
	out->btime = STAT_VAL(N_TICKS + 4, ul_int, sr->summary, ss->si);
	out->procs_running =
		clamp_u(STAT_VAL(N_TICKS + 5, ul_int, sr->summary, ss->si));
	out->procs_blocked =
		clamp_u(STAT_VAL(N_TICKS + 6, ul_int, sr->summary, ss->si));

	/* per CPU, indexed by CPU number; numbers without a line are offline */
	long max_id = -1;
	int ncpu = sr->cpus ? sr->cpus->total : 0;
	for (int c = 0; c < ncpu; c++) {
		int id = STAT_VAL(N_TICKS, s_int, sr->cpus->stacks[c], ss->si);
		if (id >= 0 && id < SYSSTATS_MAX_CPUS && id > max_id)
			max_id = id;
	}
	out->ncpus = (size_t)(max_id + 1);
	if (out->ncpus) {
		out->cpus = xreallocarray(out->cpus, out->ncpus,
			sizeof(*out->cpus));
		memset(out->cpus, 0, out->ncpus * sizeof(*out->cpus));
	}
	for (int c = 0; c < ncpu; c++) {
		struct stat_stack *st = sr->cpus->stacks[c];
		int id = STAT_VAL(N_TICKS, s_int, st, ss->si);
		if (id < 0 || id >= SYSSTATS_MAX_CPUS)
			continue;
		for (i = 0; i < N_TICKS; i++)
			put_u64(&out->cpus[id], tick_fields[i].off,
				STAT_VAL((int)i, ull_int, st, ss->si));
		out->cpus[id].online = true;
	}
	sysstats_cover_cpus(out, ss->ncpus_conf);
	return 0;
}

/* Read root/name and run parse over it. */
static int read_parse(struct sysstats *ss, const char *name,
	int (*parse)(const char *, size_t, struct sys_stats *),
	struct sys_stats *out)
{
	int rc = reader_read_file(ss->root_fd, name,
		FILEREAD_CAP_SYSTEM, &ss->buf);
	if (rc < 0)
		return rc;
	return parse(ss->buf.data, ss->buf.len, out);
}

static int read_fallback(struct sysstats *ss, struct sys_stats *out)
{
	int rc;

	ss->failed = "meminfo";
	if ((rc = reader_read_file(ss->root_fd, "meminfo",
		FILEREAD_CAP_SYSTEM, &ss->buf)) < 0 ||
	    (rc = sysstats_parse_meminfo(ss->buf.data, ss->buf.len,
			&out->mem)) < 0)
		return rc;
	/* vmstat is optional in saved trees */
	if (reader_read_file(ss->root_fd, "vmstat",
		FILEREAD_CAP_SYSTEM, &ss->buf) == 0)
		sysstats_parse_vmstat(ss->buf.data, ss->buf.len, &out->vm);
	else
		memset(&out->vm, 0, sizeof(out->vm));
	ss->failed = "stat";
	return read_parse(ss, "stat", sysstats_parse_stat, out);
}

void sysstats_read_psi(struct sysstats *ss, struct psi_stats *out)
{
	static const char *const files[PSI_COUNT] = {
		[PSI_CPU] = "pressure/cpu", [PSI_MEMORY] = "pressure/memory",
		[PSI_IO] = "pressure/io",
	};

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < PSI_COUNT; i++)
		if (reader_read_file(ss->root_fd, files[i],
			FILEREAD_CAP_RECORD, &ss->buf) == 0)
			sysstats_parse_psi(ss->buf.data, ss->buf.len,
				&out->res[i]);
}

int sysstats_read(struct sysstats *ss, struct sys_stats *out)
{
	int rc;

	ss->failed = "meminfo, vmstat or stat";   /* libproc2 does not say */
	rc = ss->use_lib ? read_lib(ss, out) : read_fallback(ss, out);
	if (rc < 0)
		return rc;
	ss->failed = NULL;
	/* loadavg and uptime: a missing file leaves zeros */
	out->loadavg[0] = out->loadavg[1] = out->loadavg[2] = 0;
	out->uptime_s = 0;
	read_parse(ss, "loadavg", sysstats_parse_loadavg, out);
	read_parse(ss, "uptime", sysstats_parse_uptime, out);
	return 0;
}

const char *sysstats_failed_file(const struct sysstats *ss)
{
	return ss->failed;
}
