/* exposition — the metric families as text (see proctop/export.h).
 *
 * Both formats share the samples; they differ in the metadata: the
 * Prometheus text format names a counter family with its "_total" suffix
 * and has no UNIT line; OpenMetrics names the family without it, adds
 * "# UNIT" for seconds and bytes, and ends with "# EOF".  Every family
 * gets one HELP and one TYPE line, and only when it has samples. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "export_priv.h"
#include "proctop/text.h"

/* ---- label values ------------------------------------------------------ */

void export_label_text(struct sbuf *out, const char *s, size_t len,
	size_t max)
{
	static const char repl[] = "\xef\xbf\xbd";   /* U+FFFD */
	size_t start = out->len, i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_char(s + i, len - i, &cp);
		bool bad = !n || (cp < 0x20 && cp != '\n') ||
			(cp >= 0x7f && cp <= 0x9f) || text_is_format_char(cp);
		size_t add = bad ? 3 : n;

		if (out->len - start + add > max)
			break;
		if (bad)
			sbuf_add(out, repl, 3);
		else
			sbuf_add(out, s + i, n);
		i += n ? n : 1;
	}
}

void export_escape_label(struct sbuf *out, const char *s, size_t len)
{
	size_t from = 0;

	for (size_t i = 0; i < len; i++) {
		const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '"' ? "\\\"" :
			s[i] == '\n' ? "\\n" : NULL;

		if (!esc)
			continue;
		sbuf_add(out, s + from, i - from);
		sbuf_adds(out, esc);
		from = i + 1;
	}
	sbuf_add(out, s + from, len - from);
}

const char *export_content_type(enum export_format f)
{
	return f == EXPORT_OPENMETRICS ?
		"application/openmetrics-text; version=1.0.0; charset=utf-8" :
		"text/plain; version=0.0.4; charset=utf-8";
}

/* ---- samples ----------------------------------------------------------- */

struct family {
	const char *name;       /* without "_total" */
	bool counter;
	const char *unit;       /* "seconds", "bytes" or NULL */
	const char *help;
};

struct label {
	const char *key;
	const char *val;        /* already label text (export_label_text) */
	size_t len;
};

static void family_head(struct sbuf *o, enum export_format f,
	const struct family *fam)
{
	const char *type = fam->counter ? "counter" : "gauge";

	if (f == EXPORT_OPENMETRICS) {
		sbuf_addf(o, "# TYPE %s %s\n", fam->name, type);
		if (fam->unit)
			sbuf_addf(o, "# UNIT %s %s\n", fam->name, fam->unit);
		sbuf_addf(o, "# HELP %s %s\n", fam->name, fam->help);
	} else {
		const char *sfx = fam->counter ? "_total" : "";

		sbuf_addf(o, "# HELP %s%s %s\n", fam->name, sfx, fam->help);
		sbuf_addf(o, "# TYPE %s%s %s\n", fam->name, sfx, type);
	}
}

/* One sample line: name{labels} value. */
static void sample(struct sbuf *o, const struct family *fam,
	const struct label *l, size_t nl, const char *value)
{
	sbuf_adds(o, fam->name);
	if (fam->counter)
		sbuf_adds(o, "_total");
	for (size_t i = 0; i < nl; i++) {
		sbuf_addf(o, "%c%s=\"", i ? ',' : '{', l[i].key);
		export_escape_label(o, l[i].val, l[i].len);
		sbuf_addc(o, '"');
	}
	if (nl)
		sbuf_addc(o, '}');
	sbuf_addc(o, ' ');
	sbuf_adds(o, value);
	sbuf_addc(o, '\n');
}

/* num / den with up to 6 decimals, trailing zeros dropped (den > 0). */
static const char *fmt_ratio(char *buf, size_t n, uint64_t num, uint64_t den)
{
	uint64_t frac = (uint64_t)((num % den) * 1000000.0 / (double)den);
	int len = snprintf(buf, n, "%" PRIu64 ".%06" PRIu64, num / den, frac);

	while (len > 0 && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '.')
		buf[--len] = '\0';
	return buf;
}

static const char *fmt_u64(char *buf, size_t n, uint64_t v)
{
	snprintf(buf, n, "%" PRIu64, v);
	return buf;
}

/* A family with one unlabelled sample. */
static void single(struct sbuf *o, enum export_format f,
	const struct family *fam, const char *value)
{
	family_head(o, f, fam);
	sample(o, fam, NULL, 0, value);
}

static void single_kib(struct sbuf *o, enum export_format f,
	const struct family *fam, uint64_t kib)
{
	char v[32];

	single(o, f, fam, fmt_u64(v, sizeof(v), kib * 1024));
}

/* ---- system families --------------------------------------------------- */

static void render_cpu(struct sbuf *o, enum export_format f,
	const struct snapshot *s)
{
	static const struct family fam = { "proctop_cpu_seconds", true,
		"seconds", "Time the CPUs spent in each mode (/proc/stat)." };
	static const struct { const char *mode; size_t off; } modes[] = {
		{ "user", offsetof(struct cpu_ticks, user) },
		{ "nice", offsetof(struct cpu_ticks, nice) },
		{ "system", offsetof(struct cpu_ticks, system) },
		{ "idle", offsetof(struct cpu_ticks, idle) },
		{ "iowait", offsetof(struct cpu_ticks, iowait) },
		{ "irq", offsetof(struct cpu_ticks, irq) },
		{ "softirq", offsetof(struct cpu_ticks, softirq) },
		{ "steal", offsetof(struct cpu_ticks, steal) },
	};
	uint64_t hz = s->hz > 0 ? (uint64_t)s->hz : 100;
	bool head = false;

	for (size_t c = 0; c < s->sys.ncpus; c++) {
		const struct cpu_ticks *t = &s->sys.cpus[c];
		char num[24], v[48];

		if (!t->online)
			continue;
		if (!head) {
			family_head(o, f, &fam);
			head = true;
		}
		snprintf(num, sizeof(num), "%zu", c);
		for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			uint64_t ticks;
			struct label l[2] = {
				{ "cpu", num, strlen(num) },
				{ "mode", modes[m].mode, strlen(modes[m].mode) },
			};

			memcpy(&ticks, (const char *)t + modes[m].off,
				sizeof(ticks));
			sample(o, &fam, l, 2, fmt_ratio(v, sizeof(v), ticks, hz));
		}
	}
}

static void render_memory(struct sbuf *o, enum export_format f,
	const struct snapshot *s)
{
	const struct mem_stats *m = &s->sys.mem;
	const struct { struct family fam; uint64_t kib; bool show; } g[] = {
		{ { "proctop_memory_total_bytes", false, "bytes",
		    "Usable RAM (MemTotal)." }, m->mem_total, true },
		{ { "proctop_memory_free_bytes", false, "bytes",
		    "Unused RAM (MemFree)." }, m->mem_free, true },
		{ { "proctop_memory_available_bytes", false, "bytes",
		    "RAM available for new work without swapping "
		    "(MemAvailable)." }, m->mem_available, true },
		{ { "proctop_memory_used_bytes", false, "bytes",
		    "Used RAM as free(1) computes it: MemTotal - "
		    "MemAvailable." }, snapshot_mem_used_kib(s), true },
		{ { "proctop_memory_buff_cache_bytes", false, "bytes",
		    "Buffers + Cached + SReclaimable, as free(1)." },
		  snapshot_buff_cache_kib(s), true },
		{ { "proctop_memory_shmem_bytes", false, "bytes",
		    "Shared memory and tmpfs (Shmem)." }, m->shmem, true },
		{ { "proctop_swap_total_bytes", false, "bytes",
		    "Swap space (SwapTotal)." }, m->swap_total, true },
		{ { "proctop_swap_used_bytes", false, "bytes",
		    "Swap in use: SwapTotal - SwapFree." },
		  snapshot_swap_used_kib(s), true },
		{ { "proctop_swap_cached_bytes", false, "bytes",
		    "Swapped-out pages also in RAM (SwapCached)." },
		  m->swap_cached, true },
		{ { "proctop_zswap_pool_bytes", false, "bytes",
		    "RAM used by the zswap pool (Zswap)." }, m->zswap,
		  m->has_zswap },
		{ { "proctop_zswapped_bytes", false, "bytes",
		    "Uncompressed size of the pages in zswap (Zswapped)." },
		  m->zswapped, m->has_zswap },
	};

	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (g[i].show)
			single_kib(o, f, &g[i].fam, g[i].kib);
}

static void render_vmstat(struct sbuf *o, enum export_format f,
	const struct snapshot *s)
{
	const struct vm_stats *vm = &s->sys.vm;
	const struct { struct family fam; uint64_t v; } c[] = {
		{ { "proctop_page_faults", true, NULL,
		    "Page faults, minor and major (vmstat pgfault)." },
		  vm->pgfault },
		{ { "proctop_major_page_faults", true, NULL,
		    "Page faults that needed I/O (vmstat pgmajfault)." },
		  vm->pgmajfault },
		{ { "proctop_swap_in_pages", true, NULL,
		    "Pages read in from swap (vmstat pswpin)." }, vm->pswpin },
		{ { "proctop_swap_out_pages", true, NULL,
		    "Pages written out to swap (vmstat pswpout)." },
		  vm->pswpout },
		{ { "proctop_oom_kills", true, NULL,
		    "Processes killed by the OOM killer (vmstat oom_kill)." },
		  vm->oom_kill },
	};
	char v[32];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		single(o, f, &c[i].fam, fmt_u64(v, sizeof(v), c[i].v));
}

static void render_psi(struct sbuf *o, enum export_format f,
	const struct snapshot *s)
{
	static const struct family fam = { "proctop_pressure_stalled_seconds",
		true, "seconds", "Time some (kind some) or all (kind full) "
		"non-idle tasks were stalled on the resource "
		"(/proc/pressure)." };
	static const char *const res[PSI_COUNT] = {
		[PSI_CPU] = "cpu", [PSI_MEMORY] = "memory", [PSI_IO] = "io" };
	bool head = false;

	for (size_t i = 0; i < PSI_COUNT; i++) {
		const struct psi_pair *p = &s->sys.psi.res[i];
		const struct { const char *kind; uint64_t us; bool has; } k[] = {
			{ "some", p->some_us, p->has_some },
			{ "full", p->full_us, p->has_full },
		};

		for (size_t j = 0; j < 2; j++) {
			struct label l[2] = {
				{ "resource", res[i], strlen(res[i]) },
				{ "kind", k[j].kind, 4 },
			};
			char v[48];

			if (!k[j].has)
				continue;
			if (!head) {
				family_head(o, f, &fam);
				head = true;
			}
			sample(o, &fam, l, 2,
				fmt_ratio(v, sizeof(v), k[j].us, 1000000));
		}
	}
}

static void render_tasks(struct sbuf *o, enum export_format f,
	const struct snapshot *s)
{
	static const struct family tasks = { "proctop_tasks", false, NULL,
		"Processes (kernel threads included) by state." };
	static const struct family threads = { "proctop_threads", false, NULL,
		"Threads of all processes." };
	static const struct family boot = { "proctop_boot_time_seconds",
		false, "seconds", "When the system booted, unix time." };
	static const char *const names[STATE_COUNT] = {
		[STATE_R] = "running", [STATE_S] = "sleeping",
		[STATE_D] = "disk_sleep", [STATE_T] = "stopped",
		[STATE_t] = "tracing_stop", [STATE_Z] = "zombie",
		[STATE_I] = "idle", [STATE_X] = "dead", [STATE_OTHER] = "other",
	};
	char v[32];

	family_head(o, f, &tasks);
	for (size_t i = 0; i < STATE_COUNT; i++) {
		struct label l = { "state", names[i], strlen(names[i]) };

		sample(o, &tasks, &l, 1,
			fmt_u64(v, sizeof(v), s->state_counts[i]));
	}
	single(o, f, &threads, fmt_u64(v, sizeof(v), s->nthreads_total));
	single(o, f, &boot, fmt_u64(v, sizeof(v), s->sys.btime));
}

/* ---- group families ---------------------------------------------------- */

enum gmetric {
	GM_CPU, GM_MAJFLT, GM_RBYTES, GM_WBYTES, GM_RES, GM_SWAP, GM_PSS,
	GM_FDS, GM_THREADS, GM_PROCS, GM_COUNT
};

static const struct {
	const char *suffix;
	bool counter;
	const char *unit;
	const char *help;
} gmetrics[GM_COUNT] = {
	[GM_CPU] = { "cpu_seconds", true, "seconds",
		"CPU time (user + system) of the group's processes, "
		"including those that exited." },
	[GM_MAJFLT] = { "major_faults", true, NULL,
		"Major page faults of the group's processes, including those "
		"that exited." },
	[GM_RBYTES] = { "read_bytes", true, "bytes",
		"Bytes the group's processes caused to be read from storage "
		"(/proc/PID/io read_bytes), including those that exited." },
	[GM_WBYTES] = { "write_bytes", true, "bytes",
		"Bytes the group's processes caused to be written to storage "
		"(/proc/PID/io write_bytes), including those that exited." },
	[GM_RES] = { "resident_bytes", false, "bytes",
		"Resident memory (RES) summed over the group's processes." },
	[GM_SWAP] = { "swap_bytes", false, "bytes",
		"Swapped-out anonymous memory (VmSwap) of the group's "
		"processes." },
	[GM_PSS] = { "pss_bytes", false, "bytes",
		"Proportional set size of the group's processes (shared pages "
		"divided among their users; adds up across groups)." },
	[GM_FDS] = { "open_fds", false, NULL,
		"Open file descriptors of the group's processes." },
	[GM_THREADS] = { "threads", false, NULL,
		"Threads of the group's processes." },
	[GM_PROCS] = { "processes", false, NULL,
		"Processes in the group." },
};

/* The value of metric m for group grp; false when the group has none. */
static bool group_value(const struct egroup *grp, enum gmetric m,
	uint64_t hz, char *v, size_t n)
{
	switch (m) {
	case GM_CPU:
		fmt_ratio(v, n, grp->exited[CTR_TICKS] + grp->live[CTR_TICKS],
			hz);
		return true;
	case GM_MAJFLT:
		fmt_u64(v, n, grp->exited[CTR_MAJFLT] + grp->live[CTR_MAJFLT]);
		return true;
	case GM_RBYTES:
		fmt_u64(v, n, grp->exited[CTR_RBYTES] + grp->live[CTR_RBYTES]);
		return grp->had_io;
	case GM_WBYTES:
		fmt_u64(v, n, grp->exited[CTR_WBYTES] + grp->live[CTR_WBYTES]);
		return grp->had_io;
	case GM_RES:
		fmt_u64(v, n, grp->res);
		return true;
	case GM_SWAP:
		fmt_u64(v, n, grp->swap);
		return grp->has_swap;
	case GM_PSS:
		fmt_u64(v, n, grp->pss);
		return grp->has_pss;
	case GM_FDS:
		fmt_u64(v, n, grp->fds);
		return grp->has_fds;
	case GM_THREADS:
		fmt_u64(v, n, grp->threads);
		return true;
	case GM_PROCS:
		fmt_u64(v, n, grp->procs);
		return true;
	case GM_COUNT:
		break;
	}
	return false;
}

static void render_groups(struct sbuf *o, enum export_format f,
	const struct grouping *g, const char *prefix, const char *what,
	uint64_t hz)
{
	char name[96], help[512];

	for (size_t m = 0; m < GM_COUNT; m++) {
		struct family fam = { name, gmetrics[m].counter,
			gmetrics[m].unit, help };
		bool head = false;

		snprintf(name, sizeof(name), "%s%s", prefix,
			gmetrics[m].suffix);
		snprintf(help, sizeof(help), "%s %s", gmetrics[m].help, what);
		for (size_t i = 0; i < g->ngroups; i++) {
			const struct egroup *grp = &g->groups[g->order[i]];
			struct label l = { "group", grp->name, grp->name_len };
			char v[48];

			if (!group_value(grp, (enum gmetric)m, hz, v, sizeof(v)))
				continue;
			if (!head) {
				family_head(o, f, &fam);
				head = true;
			}
			sample(o, &fam, &l, 1, v);
		}
	}
}

void exporter_render(const struct exporter *e, const struct snapshot *s,
	enum export_format f, struct sbuf *out)
{
	uint64_t hz = s->hz > 0 ? (uint64_t)s->hz : 100;

	render_cpu(out, f, s);
	render_memory(out, f, s);
	render_vmstat(out, f, s);
	render_psi(out, f, s);
	render_tasks(out, f, s);
	render_groups(out, f, &e->main, "proctop_group_",
		"Groups: see --group-by.", hz);
	if (e->cfg.top_n)
		render_groups(out, f, &e->top, "proctop_top_",
			"Groups: the top processes of --top (comm/pid), "
			"the rest in other.", hz);
	if (f == EXPORT_OPENMETRICS)
		sbuf_adds(out, "# EOF\n");
}
