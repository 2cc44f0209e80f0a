/* procfs — pure parsers for per-process /proc files (see proctop/procfs.h).
 *
 * Every parser works on (buf, len): the buffer need not be NUL-terminated,
 * may be cut anywhere and may hold any bytes.  Numbers saturate instead of
 * wrapping.  Nothing here does I/O. */
#include "proctop/procfs.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proctop/xalloc.h"

int procfs_parse_u64(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	size_t n = 0;

	/* Up to 19 digits cannot overflow; check only beyond that. */
	for (; s < end && n < 19 && *s >= '0' && *s <= '9'; s++, n++)
		v = v * 10 + (uint64_t)(*s - '0');
	if (n == 0)
		return -EINVAL;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			v = UINT64_MAX;
		else
			v = v * 10 + d;
	}
	*out = v;
	*p = s;
	return 0;
}

/* Optional '-' then digits; saturates at INT64_MIN / INT64_MAX. */
static int parse_i64(const char **p, const char *end, int64_t *out)
{
	const char *s = *p;
	bool neg = false;
	uint64_t u;

	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
	}
	if (procfs_parse_u64(&s, end, &u) < 0)
		return -EINVAL;
	if (neg)
		*out = u > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)u;
	else
		*out = u > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)u;
	*p = s;
	return 0;
}

/* Hex digits (no prefix), saturating. */
static int parse_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	bool any = false, sat = false;

	for (; s < end; s++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		any = true;
		if (v >> 60)
			sat = true;
		else
			v = v << 4 | d;
	}
	if (!any)
		return -EINVAL;
	*out = sat ? UINT64_MAX : v;
	*p = s;
	return 0;
}

static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	return s;
}

static int clamp_int(int64_t v)
{
	if (v > INT_MAX)
		return INT_MAX;
	if (v < INT_MIN)
		return INT_MIN;
	return (int)v;
}

static unsigned clamp_uint(uint64_t v)
{
	return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

static long clamp_long(int64_t v)
{
	if (v > LONG_MAX)
		return LONG_MAX;
	if (v < LONG_MIN)
		return LONG_MIN;
	return (long)v;
}

/* ---- /proc/<pid>/stat ------------------------------------------------ */

enum stat_kind { SK_INT, SK_UINT, SK_LONG, SK_U64, SK_I64 };

/* Fields after comm and state, by proc_pid_stat(5) number.  Fields not
 * listed (21 itrealvalue, 25.. 38 except those named) are skipped. */
static const struct stat_field {
	unsigned num;
	enum stat_kind kind;
	size_t off;
} stat_fields[] = {
	{ 4,  SK_INT,  offsetof(struct task_stat, ppid) },
	{ 5,  SK_INT,  offsetof(struct task_stat, pgrp) },
	{ 6,  SK_INT,  offsetof(struct task_stat, session) },
	{ 7,  SK_INT,  offsetof(struct task_stat, tty_nr) },
	{ 8,  SK_INT,  offsetof(struct task_stat, tpgid) },
	{ 9,  SK_UINT, offsetof(struct task_stat, flags) },
	{ 10, SK_U64,  offsetof(struct task_stat, minflt) },
	{ 11, SK_U64,  offsetof(struct task_stat, cminflt) },
	{ 12, SK_U64,  offsetof(struct task_stat, majflt) },
	{ 13, SK_U64,  offsetof(struct task_stat, cmajflt) },
	{ 14, SK_U64,  offsetof(struct task_stat, utime) },
	{ 15, SK_U64,  offsetof(struct task_stat, stime) },
	{ 16, SK_I64,  offsetof(struct task_stat, cutime) },
	{ 17, SK_I64,  offsetof(struct task_stat, cstime) },
	{ 18, SK_LONG, offsetof(struct task_stat, priority) },
	{ 19, SK_LONG, offsetof(struct task_stat, nice) },
	{ 20, SK_LONG, offsetof(struct task_stat, num_threads) },
	{ 22, SK_U64,  offsetof(struct task_stat, starttime) },
	{ 23, SK_U64,  offsetof(struct task_stat, vsize) },
	{ 24, SK_U64,  offsetof(struct task_stat, rss_pages) },
	{ 39, SK_INT,  offsetof(struct task_stat, processor) },
	{ 40, SK_UINT, offsetof(struct task_stat, rt_priority) },
	{ 41, SK_UINT, offsetof(struct task_stat, policy) },
};

#define STAT_LAST_REQUIRED 24

static void stat_store(struct task_stat *out, const struct stat_field *f,
	int64_t sv, uint64_t uv)
{
	char *base = (char *)out + f->off;

	switch (f->kind) {
	case SK_INT: {
		int v = clamp_int(sv);
		memcpy(base, &v, sizeof(v));
		break;
	}
	case SK_UINT: {
		unsigned v = clamp_uint(uv);
		memcpy(base, &v, sizeof(v));
		break;
	}
	case SK_LONG: {
		long v = clamp_long(sv);
		memcpy(base, &v, sizeof(v));
		break;
	}
	case SK_U64:
		memcpy(base, &uv, sizeof(uv));
		break;
	case SK_I64:
		memcpy(base, &sv, sizeof(sv));
		break;
	}
}

int procfs_parse_stat(const char *buf, size_t len, struct task_stat *out)
{
	const char *end = buf + len, *p, *open, *close;
	int64_t sv;
	uint64_t uv;
	size_t fi = 0;

	memset(out, 0, sizeof(*out));
	open = memchr(buf, '(', len);
	if (!open)
		return -EINVAL;
	close = NULL;
	for (p = end; p > open + 1; p--) {
		if (p[-1] == ')') {
			close = p - 1;
			break;
		}
	}
	if (!close)
		return -EINVAL;

	/* (1) pid */
	p = skip_space(buf, open);
	if (parse_i64(&p, open, &sv) < 0 || sv <= 0)
		return -EINVAL;
	out->pid = clamp_int(sv);

	/* (2) comm, raw bytes between the first '(' and the last ')' */
	size_t clen = (size_t)(close - open - 1);
	if (clen > TASK_COMM_MAX - 1)
		clen = TASK_COMM_MAX - 1;
	memcpy(out->comm, open + 1, clen);
	out->comm[clen] = '\0';

	/* (3) state: one non-blank byte */
	p = skip_blank(close + 1, end);
	if (p >= end || *p == ' ' || *p == '\n' || *p == '\0')
		return -EINVAL;
	out->state = *p++;
	if (p < end && *p != ' ' && *p != '\n')
		return -EINVAL;

	/* (4) .. (52): space-separated numbers */
	for (unsigned num = 4; fi < sizeof(stat_fields) / sizeof(stat_fields[0]);
	     num++) {
		const struct stat_field *f = &stat_fields[fi];
		int rc;

		p = skip_blank(p, end);
		if (p >= end || *p == '\n' || *p == '\0')
			break;
		if (f->num != num) {
			/* a field proctop does not use: skip the token */
			while (p < end && *p != ' ' && *p != '\n')
				p++;
			continue;
		}
		if (*p == '-') {
			rc = parse_i64(&p, end, &sv);
			uv = sv < 0 ? 0 : (uint64_t)sv;
		} else {
			rc = procfs_parse_u64(&p, end, &uv);
			sv = uv > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)uv;
		}
		if (rc < 0 || (p < end && *p != ' ' && *p != '\n')) {
			if (num <= STAT_LAST_REQUIRED)
				return -EINVAL;
			/* garbage in an optional field: keep what we have */
			break;
		}
		stat_store(out, f, sv, uv);
		fi++;
	}
	if (fi < sizeof(stat_fields) / sizeof(stat_fields[0]) &&
	    stat_fields[fi].num <= STAT_LAST_REQUIRED)
		return -EINVAL;
	return 0;
}

/* ---- /proc/<pid>/statm ----------------------------------------------- */

int procfs_parse_statm(const char *buf, size_t len, struct task_statm *out)
{
	const char *p = buf, *end = buf + len;
	uint64_t v[7] = { 0 };
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	/* size resident shared text lib data dt */
	for (; n < 7; n++) {
		p = skip_blank(p, end);
		if (procfs_parse_u64(&p, end, &v[n]) < 0)
			break;
	}
	if (n < 3)
		return -EINVAL;
	out->size = v[0];
	out->resident = v[1];
	out->shared = v[2];
	out->text = v[3];
	out->data = v[5];
	return 0;
}

/* ---- "Key:  value" files: status, smaps_rollup, io -------------------- */

enum kv_kind {
	KV_U64,      /* decimal, trailing unit ignored */
	KV_HEX,      /* Cap* masks */
	KV_PID,      /* decimal into pid_t */
	KV_IDS4,     /* four decimal uid_t/gid_t (both 32-bit unsigned) */
	KV_CPULIST,  /* text into cpus_allowed_list */
	KV_VM,       /* KV_U64 and marks has_vm */
};

struct kv_key {
	const char *key;
	enum kv_kind kind;
	size_t off;
};

#define ST(f) offsetof(struct task_status, f)
static const struct kv_key status_keys[] = {
	{ "Tgid",      KV_PID,  ST(tgid) },
	{ "Ngid",      KV_PID,  ST(ngid) },
	{ "TracerPid", KV_PID,  ST(tracer_pid) },
	{ "Uid",       KV_IDS4, ST(ruid) },
	{ "Gid",       KV_IDS4, ST(rgid) },
	{ "VmPeak",    KV_VM,   ST(vm_peak_kib) },
	{ "VmSize",    KV_VM,   ST(vm_size_kib) },
	{ "VmLck",     KV_VM,   ST(vm_lck_kib) },
	{ "VmHWM",     KV_VM,   ST(vm_hwm_kib) },
	{ "VmRSS",     KV_VM,   ST(vm_rss_kib) },
	{ "RssAnon",   KV_U64,  ST(rss_anon_kib) },
	{ "RssFile",   KV_U64,  ST(rss_file_kib) },
	{ "RssShmem",  KV_U64,  ST(rss_shmem_kib) },
	{ "VmData",    KV_VM,   ST(vm_data_kib) },
	{ "VmStk",     KV_VM,   ST(vm_stk_kib) },
	{ "VmExe",     KV_VM,   ST(vm_exe_kib) },
	{ "VmLib",     KV_VM,   ST(vm_lib_kib) },
	{ "VmPTE",     KV_VM,   ST(vm_pte_kib) },
	{ "VmSwap",    KV_VM,   ST(vm_swap_kib) },
	{ "CapInh",    KV_HEX,  ST(cap_inh) },
	{ "CapPrm",    KV_HEX,  ST(cap_prm) },
	{ "CapEff",    KV_HEX,  ST(cap_eff) },
	{ "CapBnd",    KV_HEX,  ST(cap_bnd) },
	{ "CapAmb",    KV_HEX,  ST(cap_amb) },
	{ "voluntary_ctxt_switches",    KV_U64, ST(voluntary_ctxt) },
	{ "nonvoluntary_ctxt_switches", KV_U64, ST(nonvoluntary_ctxt) },
	{ "Cpus_allowed_list", KV_CPULIST, ST(cpus_allowed_list) },
	{ NULL, KV_U64, 0 },
};
#undef ST

#define RU(f) offsetof(struct task_rollup, f)
static const struct kv_key rollup_keys[] = {
	{ "Rss",            KV_U64, RU(rss_kib) },
	{ "Pss",            KV_U64, RU(pss_kib) },
	{ "Pss_Anon",       KV_U64, RU(pss_anon_kib) },
	{ "Pss_File",       KV_U64, RU(pss_file_kib) },
	{ "Pss_Shmem",      KV_U64, RU(pss_shmem_kib) },
	{ "Shared_Clean",   KV_U64, RU(shared_clean_kib) },
	{ "Shared_Dirty",   KV_U64, RU(shared_dirty_kib) },
	{ "Private_Clean",  KV_U64, RU(private_clean_kib) },
	{ "Private_Dirty",  KV_U64, RU(private_dirty_kib) },
	{ "Referenced",     KV_U64, RU(referenced_kib) },
	{ "Anonymous",      KV_U64, RU(anonymous_kib) },
	{ "AnonHugePages",  KV_U64, RU(anon_huge_kib) },
	{ "Swap",           KV_U64, RU(swap_kib) },
	{ "SwapPss",        KV_U64, RU(swap_pss_kib) },
	{ "Locked",         KV_U64, RU(locked_kib) },
	{ NULL, KV_U64, 0 },
};
#undef RU

#define IO(f) offsetof(struct task_io, f)
static const struct kv_key io_keys[] = {
	{ "rchar",                 KV_U64, IO(rchar) },
	{ "wchar",                 KV_U64, IO(wchar) },
	{ "syscr",                 KV_U64, IO(syscr) },
	{ "syscw",                 KV_U64, IO(syscw) },
	{ "read_bytes",            KV_U64, IO(read_bytes) },
	{ "write_bytes",           KV_U64, IO(write_bytes) },
	{ "cancelled_write_bytes", KV_U64, IO(cancelled_write_bytes) },
	{ NULL, KV_U64, 0 },
};
#undef IO

/* Store one value of kind k from [p, eol) at base + off.  A malformed value
 * leaves the field as it was (0). */
static void kv_store(const struct kv_key *k, const char *p, const char *eol,
	char *base, bool *has_vm)
{
	uint64_t u;
	int64_t sv;

	p = skip_blank(p, eol);
	switch (k->kind) {
	case KV_VM:
		*has_vm = true;
		/* fall through */
	case KV_U64:
		if (procfs_parse_u64(&p, eol, &u) == 0)
			memcpy(base + k->off, &u, sizeof(u));
		break;
	case KV_HEX:
		if (parse_hex(&p, eol, &u) == 0)
			memcpy(base + k->off, &u, sizeof(u));
		break;
	case KV_PID:
		if (parse_i64(&p, eol, &sv) == 0) {
			pid_t v = clamp_int(sv);
			memcpy(base + k->off, &v, sizeof(v));
		}
		break;
	case KV_IDS4:
		/* real, effective, saved, filesystem: consecutive members */
		for (size_t i = 0; i < 4; i++) {
			uint32_t v;
			p = skip_blank(p, eol);
			if (procfs_parse_u64(&p, eol, &u) < 0)
				break;
			v = u > UINT32_MAX ? UINT32_MAX : (uint32_t)u;
			memcpy(base + k->off + i * sizeof(uid_t), &v, sizeof(v));
		}
		break;
	case KV_CPULIST: {
		char *dst = base + k->off;
		size_t cap = sizeof(((struct task_status *)0)->cpus_allowed_list);
		size_t n = (size_t)(eol - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > cap - 1)
			n = cap - 1;
		memcpy(dst, p, n);
		dst[n] = '\0';
		break;
	}
	}
}

/* Parse "Key:<blanks>value" lines into base by the keys table.  Returns the
 * number of known keys found. */
static size_t kv_parse(const char *buf, size_t len, const struct kv_key *keys,
	char *base, bool *has_vm)
{
	const char *p = buf, *end = buf + len;
	size_t found = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *colon;
		if (!eol)
			eol = end;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon) {
			size_t klen = (size_t)(colon - p);
			for (const struct kv_key *k = keys; k->key; k++) {
				if (strlen(k->key) == klen &&
				    memcmp(k->key, p, klen) == 0) {
					kv_store(k, colon + 1, eol, base, has_vm);
					found++;
					break;
				}
			}
		}
		p = eol + 1;
	}
	return found;
}

int procfs_parse_status(const char *buf, size_t len, struct task_status *out)
{
	bool has_vm = false;

	memset(out, 0, sizeof(*out));
	if (kv_parse(buf, len, status_keys, (char *)out, &has_vm) == 0)
		return -EINVAL;
	out->has_vm = has_vm;
	return 0;
}

int procfs_parse_rollup(const char *buf, size_t len, struct task_rollup *out)
{
	bool unused = false;

	memset(out, 0, sizeof(*out));
	if (kv_parse(buf, len, rollup_keys, (char *)out, &unused) == 0)
		return -EINVAL;
	return 0;
}

int procfs_parse_io(const char *buf, size_t len, struct task_io *out)
{
	bool unused = false;

	memset(out, 0, sizeof(*out));
	if (kv_parse(buf, len, io_keys, (char *)out, &unused) == 0)
		return -EINVAL;
	return 0;
}

/* ---- /proc/<pid>/cmdline --------------------------------------------- */

int procfs_parse_cmdline(const char *buf, size_t len, char **out,
	size_t *out_len)
{
	char *s;

	/* Trailing NULs are the terminator (and setproctitle padding). */
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	*out = NULL;
	*out_len = 0;
	if (len == 0)
		return 0;
	s = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = buf[i] == '\0' ? ' ' : buf[i];
	s[len] = '\0';
	*out = s;
	*out_len = len;
	return 0;
}
