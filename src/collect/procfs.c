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

const char *procfs_skip_blank(const char *s, const char *end)
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
	p = procfs_skip_blank(close + 1, end);
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

		p = procfs_skip_blank(p, end);
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
		p = procfs_skip_blank(p, end);
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

/* One known key; `len` is strlen(key), kept so that a line is matched by
 * length and first byte before any memcmp. */
struct kv_key {
	const char *key;
	size_t len;
	enum kv_kind kind;
	size_t off;
};

/* A table entry for the string literal k. */
#define KV(k, kind, off) { k, sizeof(k) - 1, kind, off }

#define ST(f) offsetof(struct task_status, f)
static const struct kv_key status_keys[] = {
	KV("Tgid",      KV_PID, ST(tgid)),
	KV("Ngid",      KV_PID, ST(ngid)),
	KV("TracerPid", KV_PID, ST(tracer_pid)),
	KV("Uid",       KV_IDS4, ST(ruid)),
	KV("Gid",       KV_IDS4, ST(rgid)),
	KV("VmPeak",    KV_VM, ST(vm_peak_kib)),
	KV("VmSize",    KV_VM, ST(vm_size_kib)),
	KV("VmLck",     KV_VM, ST(vm_lck_kib)),
	KV("VmHWM",     KV_VM, ST(vm_hwm_kib)),
	KV("VmRSS",     KV_VM, ST(vm_rss_kib)),
	KV("RssAnon",   KV_U64, ST(rss_anon_kib)),
	KV("RssFile",   KV_U64, ST(rss_file_kib)),
	KV("RssShmem",  KV_U64, ST(rss_shmem_kib)),
	KV("VmData",    KV_VM, ST(vm_data_kib)),
	KV("VmStk",     KV_VM, ST(vm_stk_kib)),
	KV("VmExe",     KV_VM, ST(vm_exe_kib)),
	KV("VmLib",     KV_VM, ST(vm_lib_kib)),
	KV("VmPTE",     KV_VM, ST(vm_pte_kib)),
	KV("VmSwap",    KV_VM, ST(vm_swap_kib)),
	KV("CapInh",    KV_HEX, ST(cap_inh)),
	KV("CapPrm",    KV_HEX, ST(cap_prm)),
	KV("CapEff",    KV_HEX, ST(cap_eff)),
	KV("CapBnd",    KV_HEX, ST(cap_bnd)),
	KV("CapAmb",    KV_HEX, ST(cap_amb)),
	KV("voluntary_ctxt_switches",    KV_U64, ST(voluntary_ctxt)),
	KV("nonvoluntary_ctxt_switches", KV_U64, ST(nonvoluntary_ctxt)),
	KV("Cpus_allowed_list", KV_CPULIST, ST(cpus_allowed_list)),
	{ NULL, 0, KV_U64, 0 },
};
#undef ST

#define RU(f) offsetof(struct task_rollup, f)
static const struct kv_key rollup_keys[] = {
	KV("Rss",            KV_U64, RU(rss_kib)),
	KV("Pss",            KV_U64, RU(pss_kib)),
	KV("Pss_Anon",       KV_U64, RU(pss_anon_kib)),
	KV("Pss_File",       KV_U64, RU(pss_file_kib)),
	KV("Pss_Shmem",      KV_U64, RU(pss_shmem_kib)),
	KV("Shared_Clean",   KV_U64, RU(shared_clean_kib)),
	KV("Shared_Dirty",   KV_U64, RU(shared_dirty_kib)),
	KV("Private_Clean",  KV_U64, RU(private_clean_kib)),
	KV("Private_Dirty",  KV_U64, RU(private_dirty_kib)),
	KV("Referenced",     KV_U64, RU(referenced_kib)),
	KV("Anonymous",      KV_U64, RU(anonymous_kib)),
	KV("AnonHugePages",  KV_U64, RU(anon_huge_kib)),
	KV("Swap",           KV_U64, RU(swap_kib)),
	KV("SwapPss",        KV_U64, RU(swap_pss_kib)),
	KV("Locked",         KV_U64, RU(locked_kib)),
	{ NULL, 0, KV_U64, 0 },
};
#undef RU

#define IO(f) offsetof(struct task_io, f)
static const struct kv_key io_keys[] = {
	KV("rchar",                 KV_U64, IO(rchar)),
	KV("wchar",                 KV_U64, IO(wchar)),
	KV("syscr",                 KV_U64, IO(syscr)),
	KV("syscw",                 KV_U64, IO(syscw)),
	KV("read_bytes",            KV_U64, IO(read_bytes)),
	KV("write_bytes",           KV_U64, IO(write_bytes)),
	KV("cancelled_write_bytes", KV_U64, IO(cancelled_write_bytes)),
	{ NULL, 0, KV_U64, 0 },
};
#undef IO

/* Store one value of kind k from [p, eol) at base + off.  A malformed value
 * leaves the field as it was (0). */
static void kv_store(const struct kv_key *k, const char *p, const char *eol,
	char *base, bool *has_vm)
{
	uint64_t u;
	int64_t sv;

	p = procfs_skip_blank(p, eol);
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
			p = procfs_skip_blank(p, eol);
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

/* An 8-bit hash of a key of len > 0 bytes, for kv_parse's line filter. */
static unsigned kv_hash(const char *key, size_t len)
{
	return (unsigned)(len * 37u + (unsigned char)key[0] * 11u +
		(unsigned char)key[len > 1 ? len - 2 : 0] * 3u +
		(unsigned char)key[len - 1]) & 255u;
}

/* Parse "Key:<blanks>value" lines into base by the keys table (at most 64
 * entries).  Most lines of status are keys proctop does not use: a line
 * whose key's hash no table key has is skipped at once; else the table is
 * searched from after the previous match (the kernel prints keys in table
 * order, mostly), by length and first byte before memcmp.  The scan stops
 * as soon as every key of the table was seen; a key that occurs again
 * before that takes the later value.  Returns the number of distinct known
 * keys found. */
static size_t kv_parse(const char *buf, size_t len, const struct kv_key *keys,
	char *base, bool *has_vm)
{
	const char *p = buf, *end = buf + len;
	size_t nkeys = 0, found = 0, hint = 0;
	uint64_t seen = 0, filter[4] = { 0 };

	for (; nkeys < 64 && keys[nkeys].key; nkeys++) {
		unsigned h = kv_hash(keys[nkeys].key, keys[nkeys].len);
		filter[h >> 6] |= UINT64_C(1) << (h & 63u);
	}
	while (p < end && found < nkeys) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *colon;
		size_t klen;
		unsigned h;
		if (!eol)
			eol = end;
		colon = memchr(p, ':', (size_t)(eol - p));
		klen = colon ? (size_t)(colon - p) : 0;
		h = klen ? kv_hash(p, klen) : 0;
		if (klen && (filter[h >> 6] >> (h & 63u) & 1)) {
			for (size_t n = 0; n < nkeys; n++) {
				size_t i = hint + n < nkeys ? hint + n :
					hint + n - nkeys;
				const struct kv_key *k = &keys[i];
				if (k->len != klen || k->key[0] != *p ||
				    memcmp(k->key, p, klen) != 0)
					continue;
				kv_store(k, colon + 1, eol, base, has_vm);
				if (!(seen & (UINT64_C(1) << i))) {
					seen |= UINT64_C(1) << i;
					found++;
				}
				hint = i + 1 < nkeys ? i + 1 : 0;
				break;
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

size_t procfs_join_cmdline(char *buf, size_t len)
{
	/* Trailing NULs are the terminator (and setproctitle padding). */
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	return len;
}

int procfs_parse_cmdline(const char *buf, size_t len, char **out,
	size_t *out_len)
{
	char *s;

	*out = NULL;
	*out_len = 0;
	while (len > 0 && buf[len - 1] == '\0')
		len--;
	if (len == 0)
		return 0;
	s = xmalloc(len + 1);
	memcpy(s, buf, len);
	len = procfs_join_cmdline(s, len);
	s[len] = '\0';
	*out = s;
	*out_len = len;
	return 0;
}

int procfs_cgroup_path(const char *buf, size_t len, const char **path,
	size_t *path_len)
{
	const char *p = buf, *end = buf + len;
	const char *v1 = NULL, *v1_end = NULL;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *c1, *c2;

		if (!eol)
			eol = end;
		c1 = memchr(p, ':', (size_t)(eol - p));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;
		if (c2 && c1 - p == 1 && *p == '0' && c2 == c1 + 1) {
			*path = c2 + 1;
			*path_len = (size_t)(eol - c2 - 1);
			return 0;
		}
		if (c2 && !v1 && (size_t)(c2 - c1 - 1) == 12 &&
		    !memcmp(c1 + 1, "name=systemd", 12)) {
			v1 = c2 + 1;
			v1_end = eol;
		}
		p = eol + 1;
	}
	if (!v1)
		return -EINVAL;
	*path = v1;
	*path_len = (size_t)(v1_end - v1);
	return 0;
}
