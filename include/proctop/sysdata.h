/* sysdata — system-wide figures as plain structs (model layer).
 * Filled by collect/sysstats; copied and freed here so the model needs no
 * I/O code. */
#ifndef PROCTOP_SYSDATA_H
#define PROCTOP_SYSDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cumulative ticks of one CPU line of /proc/stat. */
struct cpu_ticks {
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal,
		guest, guest_nice;
	bool online;
};

/* /proc/meminfo, KiB.  A line the kernel lacks stays 0; has_* say which
 * optional ones were present. */
struct mem_stats {
	uint64_t mem_total, mem_free, mem_available, buffers, cached,
		swap_cached, active, inactive, active_anon, inactive_anon,
		active_file, inactive_file, unevictable, mlocked,
		swap_total, swap_free, zswap, zswapped, dirty, writeback,
		anon_pages, mapped, shmem, kreclaimable, slab, sreclaimable,
		sunreclaim, kernel_stack, page_tables, commit_limit,
		committed_as, vmalloc_used, anon_huge_pages, shmem_huge_pages,
		hugepages_total, hugepages_free, hugepagesize;
	bool has_zswap;
};

/* /proc/vmstat counters (cumulative). */
struct vm_stats {
	uint64_t pgfault, pgmajfault, pswpin, pswpout, pgpgin, pgpgout,
		pgscan_direct, pgscan_kswapd, pgsteal_direct, pgsteal_kswapd,
		oom_kill;
};

/* Pressure stall information (/proc/pressure/<resource>): the "total="
 * fields, cumulative microseconds.  has_* say which lines the kernel has
 * (no PSI at all: none; the system-wide cpu "full" line is newer). */
enum psi_resource { PSI_CPU, PSI_MEMORY, PSI_IO, PSI_COUNT };
struct psi_pair {
	uint64_t some_us, full_us;
	bool has_some, has_full;
};
struct psi_stats {
	struct psi_pair res[PSI_COUNT];   /* indexed by enum psi_resource */
};

struct sys_stats {
	struct mem_stats mem;
	struct vm_stats vm;
	struct cpu_ticks cpu_total;      /* the "cpu" line */
	struct cpu_ticks *cpus;          /* indexed by CPU number; owned */
	size_t ncpus;                    /* highest CPU number + 1, at least
	                                    the configured CPUs (real /proc) */
	uint64_t ctxt, intr, forks, btime;
	unsigned procs_running, procs_blocked;
	double loadavg[3];
	double uptime_s;
	struct psi_stats psi;            /* only with NEED_PSI, else zero */
};

void sys_stats_fini(struct sys_stats *s);
/* Deep copy; dst must be zeroed or fini'd first. */
void sys_stats_copy(struct sys_stats *dst, const struct sys_stats *src);

#endif
