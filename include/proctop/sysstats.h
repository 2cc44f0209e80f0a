/* sysstats — system-wide figures: memory, swap, vmstat counters, CPU ticks,
 * load average, uptime.
 *
 * With the real /proc these come from libproc2's meminfo, vmstat and stat
 * APIs (select/reap, which re-read every call).  With another proc root
 * (tests, saved trees) they are parsed from that root's files by the pure
 * parsers below, because libproc2 hard-codes /proc. */
#ifndef PROCTOP_SYSSTATS_H
#define PROCTOP_SYSSTATS_H

#include <stddef.h>

#include "proctop/sysdata.h"

struct sysstats;   /* reader state (libproc2 contexts) */

/* proc_root "/proc" uses libproc2; anything else the fallback parsers.
 * Returns NULL and sets *err (-errno) on failure.  Caller frees with
 * sysstats_free. */
struct sysstats *sysstats_new(const char *proc_root, int *err);
void sysstats_free(struct sysstats *ss);

/* Fill out (replacing what it held; frees/reuses out->cpus).  With the
 * real /proc, out->ncpus covers every configured CPU (offline ones have
 * online == false) and mem.has_zswap is set whenever the kernel's meminfo
 * has Zswap lines (read by our parser when libproc2 lacks the items).
 * 0 or -errno. */
int sysstats_read(struct sysstats *ss, struct sys_stats *out);

/* After sysstats_read failed: the file (relative to the proc root) it
 * could not read or parse, e.g. "meminfo"; NULL after a success.
 * Borrowed, static text. */
const char *sysstats_failed_file(const struct sysstats *ss);

/* Read pressure/{cpu,memory,io} under the root into out (zeroed first); a
 * file the kernel lacks (no PSI, psi=0) leaves its has_* unset.  Only
 * callers that show PSI ask (NEED_PSI): three small files per sample. */
void sysstats_read_psi(struct sysstats *ss, struct psi_stats *out);

/* Grow s->cpus to at least ncpus entries (capped at the kernel's NR_CPUS
 * limit); the added CPUs are zeroed and offline.  Never shrinks. */
void sysstats_cover_cpus(struct sys_stats *s, size_t ncpus);

/* Pure parsers used by the fallback path and by tests. */
int sysstats_parse_meminfo(const char *buf, size_t len, struct mem_stats *out);
int sysstats_parse_vmstat(const char *buf, size_t len, struct vm_stats *out);
int sysstats_parse_stat(const char *buf, size_t len, struct sys_stats *out);
int sysstats_parse_loadavg(const char *buf, size_t len, struct sys_stats *out);
int sysstats_parse_uptime(const char *buf, size_t len, struct sys_stats *out);
/* One pressure file ("some avg10=.. total=N" / "full ..."): -EINVAL when
 * neither line has a total. */
int sysstats_parse_psi(const char *buf, size_t len, struct psi_pair *out);

#endif
