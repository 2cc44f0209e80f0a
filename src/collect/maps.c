/* maps — pure parsers for /proc/<pid>/maps and smaps (see proctop/maps.h).
 *
 * Header line, as the kernel's show_map_vma() prints it:
 *   "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " then, padded to column 73,
 *   the path (newlines in it are escaped as "\012" by the kernel), or a name
 *   like "[heap]", or nothing.
 * Field line: "Key:" then spaces, a decimal number and usually " kB". */
#include "proctop/maps.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* Value of a lowercase or uppercase hex digit, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse hex digits at *p (not past end) into *out, advancing *p.  At most
 * 16 digits (64 bits); -EINVAL if none or too many. */
static int parse_hex(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	size_t n = 0;

	while (s < end && hex_value(*s) >= 0) {
		if (++n > 16)
			return -EINVAL;
		v = (v << 4) | (uint64_t)hex_value(*s);
		s++;
	}
	if (!n)
		return -EINVAL;
	*p = s;
	*out = v;
	return 0;
}

/* Parse decimal digits at *p into *out, saturating at UINT64_MAX. */
static int parse_dec(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (s >= end || *s < '0' || *s > '9')
		return -EINVAL;
	while (s < end && *s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			v = UINT64_MAX;
		else
			v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

static int expect(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return -EINVAL;
	(*p)++;
	return 0;
}

static void skip_spaces(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

bool maps_is_header(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && ((line[i] >= '0' && line[i] <= '9') ||
			(line[i] >= 'a' && line[i] <= 'f')))
		i++;
	if (i == 0 || i >= len || line[i] != '-')
		return false;
	size_t j = ++i;
	while (i < len && ((line[i] >= '0' && line[i] <= '9') ||
			(line[i] >= 'a' && line[i] <= 'f')))
		i++;
	return i > j && i < len && line[i] == ' ';
}

static const char deleted_suffix[] = " (deleted)";

int maps_parse_line(const char *line, size_t len, struct maps_line *out)
{
	const char *p = line, *end = line + len;
	uint64_t major, minor;

	memset(out, 0, sizeof(*out));
	if (len && end[-1] == '\n')
		end--;
	if (parse_hex(&p, end, &out->start) || expect(&p, end, '-') ||
			parse_hex(&p, end, &out->end) || expect(&p, end, ' '))
		return -EINVAL;
	if (out->end < out->start)
		return -EINVAL;
	/* perms: four characters from "r-", "w-", "x-", "ps" */
	if (end - p < 5 || p[4] != ' ')
		return -EINVAL;
	static const char allowed[4][3] = { "r-", "w-", "x-", "ps" };
	for (size_t i = 0; i < 4; i++) {
		if (p[i] != allowed[i][0] && p[i] != allowed[i][1])
			return -EINVAL;
		out->perms[i] = p[i];
	}
	out->perms[4] = '\0';
	p += 5;
	if (parse_hex(&p, end, &out->offset) || expect(&p, end, ' ') ||
			parse_hex(&p, end, &major) || expect(&p, end, ':') ||
			parse_hex(&p, end, &minor) || expect(&p, end, ' ') ||
			parse_dec(&p, end, &out->inode))
		return -EINVAL;
	if (major > 0xfffff || minor > 0xfffff)
		return -EINVAL;
	out->dev_major = (unsigned)major;
	out->dev_minor = (unsigned)minor;
	if (p < end && *p != ' ')
		return -EINVAL;
	skip_spaces(&p, end);
	if (p == end)
		return 0;
	size_t plen = (size_t)(end - p);
	size_t slen = sizeof(deleted_suffix) - 1;
	if (plen > slen && !memcmp(end - slen, deleted_suffix, slen)) {
		out->deleted = true;
		plen -= slen;
	}
	out->path = p;
	out->path_len = plen;
	return 0;
}

/* The smaps keys proctop keeps, and where each goes. */
static const struct smaps_key {
	const char *key;
	size_t key_len;
	size_t off;
} smaps_keys[] = {
#define K(name, field) { name, sizeof(name) - 1, offsetof(struct map_usage, field) }
	K("Size", size_kib),
	K("KernelPageSize", kernel_page_kib),
	K("MMUPageSize", mmu_page_kib),
	K("Rss", rss_kib),
	K("Pss", pss_kib),
	K("Pss_Dirty", pss_dirty_kib),
	K("Pss_Anon", pss_anon_kib),
	K("Pss_File", pss_file_kib),
	K("Pss_Shmem", pss_shmem_kib),
	K("Shared_Clean", shared_clean_kib),
	K("Shared_Dirty", shared_dirty_kib),
	K("Private_Clean", private_clean_kib),
	K("Private_Dirty", private_dirty_kib),
	K("Referenced", referenced_kib),
	K("Anonymous", anonymous_kib),
	K("KSM", ksm_kib),
	K("LazyFree", lazyfree_kib),
	K("AnonHugePages", anon_huge_kib),
	K("ShmemPmdMapped", shmem_pmd_kib),
	K("FilePmdMapped", file_pmd_kib),
	K("Shared_Hugetlb", shared_hugetlb_kib),
	K("Private_Hugetlb", private_hugetlb_kib),
	K("Swap", swap_kib),
	K("SwapPss", swap_pss_kib),
	K("Locked", locked_kib),
	K("THPeligible", thp_eligible),
#undef K
};

#define NSMAPS_KEYS (sizeof(smaps_keys) / sizeof(smaps_keys[0]))

/* smaps_parse_field, starting the key search at *hint (the kernel prints
 * the keys in the table's order, so a block costs one comparison per line)
 * and leaving there the index after the key found. */
static int parse_field_hint(const char *line, size_t len, struct map_usage *u,
	size_t *hint)
{
	const char *p, *end = line + len;
	const char *colon = memchr(line, ':', len);

	if (!colon || colon == line)
		return -EINVAL;
	size_t klen = (size_t)(colon - line);
	for (size_t n = 0; n < NSMAPS_KEYS; n++) {
		size_t i = (*hint + n) % NSMAPS_KEYS;
		const struct smaps_key *k = &smaps_keys[i];
		if (k->key_len != klen || k->key[0] != line[0] ||
				memcmp(k->key, line, klen))
			continue;
		uint64_t v;
		*hint = i + 1;
		p = colon + 1;
		skip_spaces(&p, end);
		if (parse_dec(&p, end, &v))
			return 0;
		memcpy((char *)u + k->off, &v, sizeof(v));
		return 0;
	}
	return 0;
}

int smaps_parse_field(const char *line, size_t len, struct map_usage *u)
{
	size_t hint = 0;

	return parse_field_hint(line, len, u, &hint);
}

size_t smaps_next_header(const char *buf, size_t len, size_t from)
{
	size_t pos = from;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t line_len = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		if (maps_is_header(buf + pos, line_len))
			return pos;
		if (!nl)
			break;
		pos += line_len + 1;
	}
	return len;
}

int smaps_parse_block(const char *buf, size_t len, struct maps_line *hdr,
	struct map_usage *u, size_t *used)
{
	const char *nl = memchr(buf, '\n', len);
	size_t first = nl ? (size_t)(nl - buf) + 1 : len;

	memset(u, 0, sizeof(*u));
	if (maps_parse_line(buf, first, hdr)) {
		memset(hdr, 0, sizeof(*hdr));
		*used = first;
		return -EINVAL;
	}
	size_t pos = first, hint = 0;
	while (pos < len) {
		const char *lnl = memchr(buf + pos, '\n', len - pos);
		size_t line_len = lnl ? (size_t)(lnl - (buf + pos)) : len - pos;
		if (maps_is_header(buf + pos, line_len))
			break;
		if (lnl)   /* an unterminated last line may be cut short */
			parse_field_hint(buf + pos, line_len, u, &hint);
		pos += line_len + (lnl ? 1 : 0);
	}
	*used = pos;
	return 0;
}

/* ---- completeness: stat's identity fields ------------------------------ */

/* stat field numbers of maps_ident.mm[], in order */
static const unsigned char ident_mm_fields[MAPS_IDENT_MM] = {
	26, 27, 28, 45, 46, 47, 48, 49, 50, 51,
};

int maps_parse_ident(const char *buf, size_t len, struct maps_ident *out)
{
	const char *p = buf + len, *end = buf + len;
	unsigned num = 3, next_mm = 0;

	memset(out, 0, sizeof(*out));
	while (p > buf && p[-1] != ')')
		p--;
	if (p == buf || !memchr(buf, '(', (size_t)(p - buf)))
		return -EINVAL;
	/* (3) state: one byte between blanks */
	skip_spaces(&p, end);
	if (p >= end || *p == '\n' || *p == ' ')
		return -EINVAL;
	out->state = *p++;
	if (p < end && *p != ' ' && *p != '\n')
		return -EINVAL;
	for (num = 4; num <= 51; num++) {
		bool want = num == 9 || num == 22 ||
			(next_mm < MAPS_IDENT_MM && ident_mm_fields[next_mm] == num);
		uint64_t v;

		skip_spaces(&p, end);
		if (p >= end || *p == '\n')
			break;
		if (!want) {
			while (p < end && *p != ' ' && *p != '\n')
				p++;
			continue;
		}
		if (parse_dec(&p, end, &v) || (p < end && *p != ' ' &&
				*p != '\n'))
			return -EINVAL;
		if (num == 9)
			out->flags = v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
		else if (num == 22)
			out->start_ticks = v;
		else
			out->mm[next_mm++] = v;
	}
	return num > 22 ? 0 : -EINVAL;
}

bool maps_ident_has_mm(const struct maps_ident *id)
{
	for (size_t i = 0; i < MAPS_IDENT_MM; i++)
		if (id->mm[i])
			return true;
	return false;
}

int maps_judge(const struct maps_ident *before, const struct maps_ident *after,
	int probe)
{
	bool dead = after->state == 'Z' || after->state == 'X';
	bool gone = dead || (after->flags & MAPS_PF_EXITING) ||
		!maps_ident_has_mm(after);
	bool same_mm = !memcmp(before->mm, after->mm, sizeof(before->mm));

	if (after->start_ticks != before->start_ticks)
		return -MAPREAD_EEXITED;   /* another process: this one exited */
	/* no mm before and none after: the (empty) map of a kernel thread or
	 * of a zombie is whole; a task still on its way out (its mm gone,
	 * not yet a zombie) had a map a moment ago */
	if (!maps_ident_has_mm(before) && same_mm)
		return dead || !(after->flags & MAPS_PF_EXITING) ? 0 :
			-MAPREAD_EEXITED;
	if (!same_mm && maps_ident_has_mm(after))
		return -MAPREAD_EEXECED;
	if (gone)
		return -MAPREAD_EEXITED;
	/* alive, the same mm fields, yet the mm read has no users left: an
	 * exec that laid the new image out exactly as the old one */
	if (probe == 0)
		return -MAPREAD_EEXECED;
	return 0;
}
