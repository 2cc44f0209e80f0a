/* Unit tests for the maps/smaps parsers and the streaming map reader. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "proctop/fileread.h"
#include "proctop/maps.h"
#include "proctop/pidinfo.h"
#include "proctop/memmap.h"
#include "proctop/sbuf.h"

/* Read a fixture into sb; aborts the test on failure. */
static void load(const char *name, struct sbuf *sb)
{
	char path[512];
	char chunk[4096];
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	sbuf_reset(sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_add(sb, chunk, n);
	fclose(f);
}

static bool path_is(const struct maps_line *l, const char *s)
{
	return l->path && l->path_len == strlen(s) &&
		!memcmp(l->path, s, l->path_len);
}

/* Parse every line of a maps buffer; returns how many parsed. */
static size_t parse_lines(const struct sbuf *sb, struct maps_line *out,
	size_t max, size_t *bad)
{
	size_t pos = 0, n = 0;

	*bad = 0;
	while (pos < sb->len) {
		const char *nl = memchr(sb->data + pos, '\n', sb->len - pos);
		size_t len = nl ? (size_t)(nl - sb->data - pos) + 1 : sb->len - pos;
		if (n < max && maps_parse_line(sb->data + pos, len, &out[n]) == 0)
			n++;
		else
			(*bad)++;
		pos += len;
	}
	return n;
}

static void test_maps_normal(void)
{
	struct sbuf sb;
	struct maps_line l[16];
	size_t bad;

	sbuf_init(&sb);
	load("maps-normal", &sb);
	size_t n = parse_lines(&sb, l, 16, &bad);
	CHECK_EQ_U(n, 11);
	CHECK_EQ_U(bad, 0);
	CHECK_EQ_U(l[0].start, 0x55d0c0a00000ull);
	CHECK_EQ_U(l[0].end, 0x55d0c0a02000ull);
	CHECK_STR(l[0].perms, "r--p");
	CHECK_EQ_U(l[0].dev_major, 0xfe);
	CHECK_EQ_U(l[0].dev_minor, 0);
	CHECK_EQ_U(l[0].inode, 248056);
	CHECK(path_is(&l[0], "/usr/bin/sleep"));
	CHECK_EQ_U(l[1].offset, 0x2000);
	CHECK(path_is(&l[3], "[heap]"));
	/* no path */
	CHECK(l[4].path == NULL);
	CHECK_EQ_U(l[4].path_len, 0);
	CHECK(!l[4].deleted);
	/* " (deleted)" stripped and flagged */
	CHECK(path_is(&l[6], "/tmp/gone.dat"));
	CHECK(l[6].deleted);
	CHECK(path_is(&l[7], "/dev/zero"));
	CHECK(l[7].deleted);
	CHECK_STR(l[7].perms, "rw-s");
	/* [vsyscall]: a 16-digit address */
	CHECK_EQ_U(l[10].start, 0xffffffffff600000ull);
	CHECK(path_is(&l[10], "[vsyscall]"));
	sbuf_fini(&sb);
}

static void test_maps_spaces(void)
{
	struct sbuf sb;
	struct maps_line l[4];
	size_t bad;

	sbuf_init(&sb);
	load("maps-spaces", &sb);
	CHECK_EQ_U(parse_lines(&sb, l, 4, &bad), 3);
	CHECK(path_is(&l[0], "/tmp/my data file.bin"));
	CHECK(path_is(&l[1], "/tmp/  two  spaces"));
	CHECK(l[1].deleted);
	CHECK_EQ_U(l[1].dev_major, 8);
	CHECK_EQ_U(l[1].dev_minor, 1);
	CHECK(l[2].path == NULL);
	sbuf_fini(&sb);
}

static void test_maps_2gib(void)
{
	struct sbuf sb;
	struct maps_line l;
	struct map_usage u;
	size_t used;

	sbuf_init(&sb);
	load("maps-2gib", &sb);
	CHECK_EQ_I(maps_parse_line(sb.data, sb.len, &l), 0);
	CHECK_EQ_U(l.end - l.start, 2ull << 30);
	load("smaps-2gib", &sb);
	CHECK_EQ_I(smaps_parse_block(sb.data, sb.len, &l, &u, &used), 0);
	CHECK_EQ_U(used, sb.len);
	CHECK_EQ_U(u.size_kib, 2097152);
	CHECK_EQ_U(u.rss_kib, 2097152);
	CHECK_EQ_U(u.private_dirty_kib, 2097152);
	sbuf_fini(&sb);
}

static void test_maps_garbage(void)
{
	struct sbuf sb;
	struct maps_line l[8];
	size_t bad;
	static const char *const bad_lines[] = {
		"", "-", "1-", "1-2", "1-2 ", "1-2 rw-p", "1-2 rw-p 0 0:0",
		"1-2 rwxq 0 00:00 0", "2-1 rw-p 0 00:00 0",
		"11111111111111111-2 rw-p 0 00:00 0", "1-2 rw-p 0 00:00 x",
		"1-2 rw-p 0 00:00 0x", "1-2 rw-p 0 fffffff:00 0",
	};

	sbuf_init(&sb);
	load("maps-garbage", &sb);
	CHECK_EQ_U(parse_lines(&sb, l, 8, &bad), 0);
	CHECK(bad >= 5);
	for (size_t i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		int r = maps_parse_line(bad_lines[i], strlen(bad_lines[i]), &l[0]);
		if (r != -EINVAL)
			fprintf(stderr, "accepted: \"%s\"\n", bad_lines[i]);
		CHECK_EQ_I(r, -EINVAL);
	}
	/* the minimum valid line */
	CHECK_EQ_I(maps_parse_line("1-2 rw-p 0 0:0 0", 16, &l[0]), 0);
	CHECK(l[0].path == NULL);
	sbuf_fini(&sb);
}

static void test_is_header(void)
{
	CHECK(maps_is_header("7f00-7f01 rw-p", 14));
	CHECK(!maps_is_header("AnonHugePages: 0 kB", 19));
	CHECK(!maps_is_header("Rss: 4 kB", 9));
	CHECK(!maps_is_header("7f00-", 5));
	CHECK(!maps_is_header("7f00-7f01", 9));
	CHECK(!maps_is_header("", 0));
}

static void test_field(void)
{
	struct map_usage u;

	memset(&u, 0, sizeof(u));
	CHECK_EQ_I(smaps_parse_field("Rss:     12 kB", 14, &u), 0);
	CHECK_EQ_U(u.rss_kib, 12);
	CHECK_EQ_I(smaps_parse_field("SwapPss: 3 kB", 13, &u), 0);
	CHECK_EQ_U(u.swap_pss_kib, 3);
	CHECK_EQ_U(u.swap_kib, 0);
	CHECK_EQ_I(smaps_parse_field("THPeligible:    1", 17, &u), 0);
	CHECK_EQ_U(u.thp_eligible, 1);
	/* unknown key, key with no number: ignored */
	CHECK_EQ_I(smaps_parse_field("Bogus: 99 kB", 12, &u), 0);
	CHECK_EQ_I(smaps_parse_field("Rss: lots", 9, &u), 0);
	CHECK_EQ_U(u.rss_kib, 12);
	/* saturates */
	CHECK_EQ_I(smaps_parse_field("Pss: 99999999999999999999999 kB", 31,
		&u), 0);
	CHECK_EQ_U(u.pss_kib, UINT64_MAX);
	/* no key at all */
	CHECK_EQ_I(smaps_parse_field("no colon", 8, &u), -EINVAL);
	CHECK_EQ_I(smaps_parse_field(":5", 2, &u), -EINVAL);
}

/* Parse a whole smaps buffer block by block into mm. */
static size_t parse_smaps(const struct sbuf *sb, struct memmap *mm)
{
	size_t pos = 0, bad = 0;

	memmap_reset(mm);
	while (pos < sb->len) {
		struct maps_line h;
		struct map_usage u;
		size_t used;
		size_t next = smaps_next_header(sb->data, sb->len, pos);
		if (next != pos) {   /* junk before a header */
			bad++;
			pos = next;
			continue;
		}
		if (smaps_parse_block(sb->data + pos, sb->len - pos, &h, &u,
				&used)) {
			bad++;
		} else {
			struct map_entry *e = memmap_add(mm, h.path, h.path_len);
			e->start = h.start;
			e->end = h.end;
			memcpy(e->perms, h.perms, sizeof(e->perms));
			e->deleted = h.deleted;
			e->u = u;
		}
		pos += used;
	}
	memmap_finish(mm);
	return bad;
}

static void test_smaps_normal(void)
{
	struct sbuf sb;
	struct memmap mm;

	sbuf_init(&sb);
	memmap_init(&mm);
	load("smaps-normal", &sb);
	CHECK_EQ_U(parse_smaps(&sb, &mm), 0);
	CHECK_EQ_U(mm.n, 11);
	CHECK_EQ_U(mm.maps[4].u.size_kib, 65536);
	CHECK_EQ_U(mm.maps[4].u.rss_kib, 16384);
	CHECK_EQ_U(mm.maps[4].u.swap_kib, 1024);
	CHECK_EQ_U(mm.maps[4].u.anon_huge_kib, 2048);
	CHECK_EQ_U(mm.maps[4].u.thp_eligible, 1);
	CHECK_EQ_U(mm.maps[5].u.pss_kib, 256);
	CHECK_EQ_U(mm.maps[6].u.locked_kib, 4);
	CHECK_EQ_U(mm.maps[10].u.size_kib, 4);
	CHECK_EQ_U(mm.sum.rss_kib, 8 + 20 + 4 + 16 + 16384 + 512 + 4 + 1024 +
		12 + 4);
	CHECK_STR(memmap_path(&mm, &mm.maps[5]), "/tmp/my data file.bin");
	CHECK_EQ_I(mm.maps[6].kind, MEMMAP_DELETED);
	CHECK_EQ_I(mm.maps[7].kind, MEMMAP_SHMEM);
	CHECK_EQ_I(mm.maps[10].kind, MEMMAP_SPECIAL);
	memmap_fini(&mm);
	sbuf_fini(&sb);
}

static void test_smaps_future_keys(void)
{
	struct sbuf sb;
	struct maps_line h;
	struct map_usage u;
	size_t used;

	sbuf_init(&sb);
	load("smaps-future-keys", &sb);
	CHECK_EQ_I(smaps_parse_block(sb.data, sb.len, &h, &u, &used), 0);
	CHECK_EQ_U(used, sb.len);
	CHECK_EQ_U(u.rss_kib, 64);
	CHECK_EQ_U(u.pss_kib, 32);
	CHECK_EQ_U(u.swap_kib, 8);
	CHECK_EQ_U(u.size_kib, 64);
	sbuf_fini(&sb);
}

static void test_smaps_truncated(void)
{
	struct sbuf sb;
	struct memmap mm;

	sbuf_init(&sb);
	memmap_init(&mm);
	load("smaps-truncated", &sb);
	CHECK_EQ_U(parse_smaps(&sb, &mm), 0);
	CHECK_EQ_U(mm.n, 2);
	CHECK_EQ_U(mm.maps[1].u.rss_kib, 16384);
	CHECK_EQ_U(mm.maps[1].u.pss_kib, 16384);
	/* the cut "Pss_Dirty:  16" (of 16384) is not taken */
	CHECK_EQ_U(mm.maps[1].u.pss_dirty_kib, 0);
	memmap_fini(&mm);
	sbuf_fini(&sb);
}

static void test_smaps_garbage(void)
{
	struct sbuf sb;
	struct memmap mm;

	sbuf_init(&sb);
	memmap_init(&mm);
	load("smaps-garbage", &sb);
	CHECK(parse_smaps(&sb, &mm) >= 1);
	CHECK_EQ_U(mm.n, 1);
	CHECK_EQ_U(mm.maps[0].u.rss_kib, 4);
	CHECK_EQ_I(smaps_parse_block(sb.data, sb.len, &(struct maps_line){ 0 },
		&(struct map_usage){ 0 }, &(size_t){ 0 }), -EINVAL);
	memmap_fini(&mm);
	sbuf_fini(&sb);
}

/* Write a file under dir. */
static void write_file(const char *dir, const char *name, const char *data,
	size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);   /* it may be a FIFO or a symlink a test planted */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		perror(path);
		exit(1);
	}
	close(fd);
}

/* A full 52-field stat line: state, flags (9), start time (22); the mm
 * fields (26-28, 45-51) are mm, mm + 1, ... (all 0 when mm is 0). */
static size_t make_stat(char *buf, size_t size, int pid, const char *comm,
	char state, unsigned flags, unsigned long long start,
	unsigned long long mm)
{
	size_t len = (size_t)snprintf(buf, size, "%d (%s) %c", pid, comm,
		state);
	unsigned k = 0;

	for (unsigned f = 4; f <= 52 && len < size; f++) {
		unsigned long long v = f == 4 ? 1 : 0;
		if (f == 9)
			v = flags;
		else if (f == 22)
			v = start;
		else if (f == 23)
			v = 4096;
		else if ((f >= 26 && f <= 28) || (f >= 45 && f <= 51))
			v = mm ? mm + k++ : 0;
		else if (f == 18)
			v = 20;
		len += (size_t)snprintf(buf + len, size - len, " %llu", v);
	}
	if (len < size - 1) {
		buf[len++] = '\n';
		buf[len] = '\0';
	}
	return len;
}

/* Write a stat made by make_stat under dir. */
static void write_stat(const char *dir, int pid, char state, unsigned flags,
	unsigned long long start, unsigned long long mm)
{
	char buf[1024];
	size_t len = make_stat(buf, sizeof(buf), pid, "x", state, flags, start,
		mm);

	write_file(dir, "stat", buf, len);
}

/* mapread over a fake proc root: many blocks cross the chunk boundaries,
 * one block is longer than a page, and the rollup is read; a block over
 * the cap is -EFBIG. */
static void test_mapread(void)
{
	char root[] = "/tmp/proctop-test-maps-XXXXXX";
	char dir[600];
	struct sbuf sb;
	struct memmap mm;
	enum { N = 3000 };

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(dir, sizeof(dir), "%s/4242", root);
	mkdir(dir, 0755);
	sbuf_init(&sb);
	for (unsigned i = 0; i < N; i++) {
		sbuf_addf(&sb, "%llx-%llx rw-p 00000000 00:00 0 ",
			0x7f0000000000ull + i * 0x2000ull,
			0x7f0000001000ull + i * 0x2000ull);
		if (i == 1234) {   /* a path longer than a page */
			sbuf_adds(&sb, "                   /");
			for (unsigned k = 0; k < 7000; k++)
				sbuf_addc(&sb, 'a' + (char)(k % 26));
		}
		sbuf_addf(&sb, "\nSize: 4 kB\nRss: %u kB\nPss: %u kB\n"
			"Unknown_Future: 1 kB\nSwap: 0 kB\nVmFlags: rd wr\n",
			i % 2 ? 4u : 0u, i % 2 ? 2u : 0u);
	}
	write_file(dir, "smaps", sb.data, sb.len);
	static const char rollup[] =
		"7f0000000000-7f0000002000 ---p 00000000 00:00 0  [rollup]\n"
		"Rss: 6000 kB\nPss: 3001 kB\nSwap: 0 kB\n";
	write_file(dir, "smaps_rollup", rollup, sizeof(rollup) - 1);
	write_stat(dir, 4242, 'S', 0x400000, 777, 0x1000);

	int root_fd = open(root, O_RDONLY | O_DIRECTORY);
	memmap_init(&mm);
	CHECK_EQ_I(mapread_read(root_fd, 4242, &mm), 0);
	CHECK_EQ_U(mm.n, N);
	CHECK(mm.has_usage);
	CHECK(mm.has_rollup);
	CHECK_EQ_U(mm.sum.rss_kib, (N / 2) * 4);
	CHECK_EQ_U(mm.sum.pss_kib, (N / 2) * 2);
	CHECK_EQ_U(mm.rollup.pss_kib, 3001);
	CHECK_EQ_U(memmap_totals(&mm)->pss_kib, 3001);
	CHECK_EQ_U(mm.maps[1234].path_len, 7001);
	CHECK_EQ_U(mm.maps[N - 1].start, 0x7f0000000000ull + (N - 1) * 0x2000ull);
	CHECK_EQ_I(mm.maps[0].kind, MEMMAP_ANON);
	CHECK_EQ_I(mm.maps[1234].kind, MEMMAP_DATA);
	/* a vanished process */
	CHECK_EQ_I(mapread_read(root_fd, 4243, &mm), -ESRCH);
	CHECK_EQ_U(mm.n, 0);
	/* one block of 100 KiB (a path no kernel prints): -EFBIG, not a
	 * buffer grown without bound; one of 60 KiB still fits */
	for (unsigned big = 0; big < 2; big++) {
		struct mapread_info info;
		sbuf_reset(&sb);
		sbuf_adds(&sb, "1000-2000 rw-p 00000000 00:00 0 ");
		for (unsigned k = 0; k < 2; k++) {
			sbuf_addc(&sb, '/');
			for (unsigned j = 0; j < (big ? 100000u : 60000u); j++)
				sbuf_addc(&sb, 'a');
			sbuf_adds(&sb, "\nSize: 4 kB\nRss: 4 kB\n");
			if (!k)
				sbuf_adds(&sb, "2000-3000 rw-p 00000000 00:00 0 ");
		}
		write_file(dir, "smaps", sb.data, sb.len);
		int pid_fd = pidinfo_open(root_fd, 4242);
		CHECK_EQ_I(mapread_read_fd(pid_fd, 4242, &mm, &info),
			big ? -EFBIG : 0);
		CHECK_EQ_U(mm.n, big ? 0 : 2);
		if (big)
			CHECK_STR(info.file, "smaps");
		close(pid_fd);
	}
	/* maps only (a kernel without smaps): sizes only */
	unlink(strcat(strcpy((char[700]){ 0 }, dir), "/smaps"));
	unlink(strcat(strcpy((char[700]){ 0 }, dir), "/smaps_rollup"));
	static const char maps[] =
		"1000-3000 r-xp 00000000 08:01 12 /bin/x\n"
		"5000-6000 rw-p 00000000 00:00 0 \n";
	write_file(dir, "maps", maps, sizeof(maps) - 1);
	CHECK_EQ_I(mapread_read(root_fd, 4242, &mm), 0);
	CHECK_EQ_U(mm.n, 2);
	CHECK(!mm.has_usage);
	CHECK(!mm.has_rollup);
	CHECK_EQ_U(mm.maps[0].u.size_kib, 8);
	CHECK_EQ_I(mm.maps[0].kind, MEMMAP_CODE);
	unlink(strcat(strcpy((char[700]){ 0 }, dir), "/maps"));
	unlink(strcat(strcpy((char[700]){ 0 }, dir), "/stat"));
	rmdir(dir);
	rmdir(root);
	close(root_fd);
	memmap_fini(&mm);
	sbuf_fini(&sb);
}

/* Remove dir/name (a helper for the fixture trees). */
static void unlink_in(const char *dir, const char *name)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* pidinfo_read_map: the start time is recorded on the first read and
 * checked on every later one, through one directory fd; the command is
 * read with the map. */
static void test_pidinfo_map(void)
{
	char root[] = "/tmp/proctop-test-pidinfo-XXXXXX";
	char dir[600];
	struct memmap mm;
	struct pidinfo pi;
	static const char stat1[] = "4244 (a) Z) S 1 1 1 0 -1 4194304 0 0 0 0 "
		"0 0 0 0 20 0 1 0 777 1000 10\n";
	static const char stat2[] = "4244 (b) S 1 1 1 0 -1 4194304 0 0 0 0 "
		"0 0 0 0 20 0 1 0 999 1000 10\n";
	static const char kstat[] = "4244 (kw) I 2 0 0 0 -1 2129984 0 0 0 0 "
		"0 0 0 0 20 0 1 0 5 0 0\n";
	static const char smaps[] = "1000-3000 r-xp 00000000 08:01 12 /bin/x\n"
		"Size: 8 kB\nRss: 4 kB\nPss: 2 kB\n";
	static const char cmdline[] = "/bin/x\0--flag\0";

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(dir, sizeof(dir), "%s/4244", root);
	mkdir(dir, 0755);
	write_file(dir, "stat", stat1, sizeof(stat1) - 1);
	write_file(dir, "smaps", smaps, sizeof(smaps) - 1);
	write_file(dir, "cmdline", cmdline, sizeof(cmdline) - 1);
	int root_fd = open(root, O_RDONLY | O_DIRECTORY);
	memmap_init(&mm);
	pidinfo_init(&pi);

	/* no such process: nothing recorded */
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4245, PIDINFO_CMDLINE, &pi, &mm),
		-ESRCH);
	CHECK(!pi.known);
	/* the first read records the start time and reads the command */
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4244, PIDINFO_CMDLINE, &pi, &mm),
		0);
	CHECK(pi.known);
	CHECK_EQ_U(pi.start_ticks, 777);
	CHECK_EQ_I(pi.state, 'S');
	CHECK(!pi.is_kthread);
	CHECK_STR(pi.comm, "a) Z");
	CHECK_STR(pi.command, "/bin/x --flag");
	CHECK_EQ_U(pi.command_len, 13);
	CHECK_EQ_U(mm.n, 1);
	CHECK_EQ_U(mm.sum.pss_kib, 2);
	/* the same process again */
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4244, 0, &pi, &mm), 0);
	CHECK_EQ_U(mm.n, 1);
	/* the pid reused by another process: -ESRCH, the map left empty,
	 * pi still describes the first process */
	write_file(dir, "stat", stat2, sizeof(stat2) - 1);
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4244, PIDINFO_CMDLINE, &pi, &mm),
		-ESRCH);
	CHECK_EQ_U(mm.n, 0);
	CHECK_EQ_U(pi.start_ticks, 777);
	CHECK_STR(pi.comm, "a) Z");
	/* through a kept directory fd: a fresh pidinfo records the new one */
	int pid_fd = pidinfo_open(root_fd, 4244);
	CHECK(pid_fd >= 0);
	pidinfo_fini(&pi);
	pidinfo_init(&pi);
	CHECK_EQ_I(pidinfo_read_map_fd(pid_fd, 4244, 0, &pi, &mm), 0);
	CHECK_EQ_U(pi.start_ticks, 999);
	CHECK(pi.command == NULL);
	/* a kernel thread: no cmdline, so "[comm]"; an empty map */
	write_file(dir, "stat", kstat, sizeof(kstat) - 1);
	write_file(dir, "smaps", "", 0);
	unlink_in(dir, "cmdline");
	write_file(dir, "cmdline", "", 0);
	pidinfo_fini(&pi);
	pidinfo_init(&pi);
	CHECK_EQ_I(pidinfo_read_map_fd(pid_fd, 4244, PIDINFO_CMDLINE, &pi,
		&mm), 0);
	CHECK(pi.is_kthread);
	CHECK_EQ_I(pi.state, 'I');
	CHECK_STR(pi.command, "[kw]");
	CHECK_EQ_U(mm.n, 0);
	/* the process gone: its files are gone (-ESRCH, not -ENOENT) */
	unlink_in(dir, "stat");
	CHECK_EQ_I(pidinfo_read_map_fd(pid_fd, 4244, 0, &pi, &mm), -ESRCH);
	CHECK_EQ_I(mapread_read_fd(pid_fd, 4244, &mm, NULL), -ESRCH);
	close(pid_fd);

	unlink_in(dir, "smaps");
	unlink_in(dir, "cmdline");
	rmdir(dir);
	rmdir(root);
	close(root_fd);
	pidinfo_fini(&pi);
	memmap_fini(&mm);
}

/* maps_parse_ident: the fields that say whether the mm read is the
 * process's, from real-looking stat lines and hostile ones. */
static void test_ident(void)
{
	char buf[1024];
	struct maps_ident id;
	size_t len;

	len = make_stat(buf, sizeof(buf), 77, "a) S 1 (b", 'R', 0x400044,
		123456, 0x5555);
	CHECK_EQ_I(maps_parse_ident(buf, len, &id), 0);
	CHECK_EQ_I(id.state, 'R');
	CHECK_EQ_U(id.flags, 0x400044);
	CHECK_EQ_U(id.start_ticks, 123456);
	for (unsigned i = 0; i < MAPS_IDENT_MM; i++)
		CHECK_EQ_U(id.mm[i], 0x5555 + i);
	CHECK(maps_ident_has_mm(&id));
	/* without the trailing newline, the last field still counts */
	CHECK_EQ_I(maps_parse_ident(buf, len - 1, &id), 0);
	CHECK_EQ_U(id.mm[MAPS_IDENT_MM - 1], 0x5555 + MAPS_IDENT_MM - 1);
	/* a zombie: the mm fields are 0 */
	len = make_stat(buf, sizeof(buf), 77, "z", 'Z', 0x40402c, 9, 0);
	CHECK_EQ_I(maps_parse_ident(buf, len, &id), 0);
	CHECK_EQ_I(id.state, 'Z');
	CHECK(id.flags & MAPS_PF_EXITING);
	CHECK(!maps_ident_has_mm(&id));
	/* an old kernel's 24 fields: the optional ones stay 0 */
	static const char old[] = "5 (k) S 1 1 1 0 -1 64 0 0 0 0 0 0 0 0 20 0 "
		"1 0 42 1000 10\n";
	CHECK_EQ_I(maps_parse_ident(old, sizeof(old) - 1, &id), 0);
	CHECK_EQ_U(id.start_ticks, 42);
	CHECK(!maps_ident_has_mm(&id));
	/* cut before the start time, garbage in a field used, no ')' */
	CHECK_EQ_I(maps_parse_ident(old, 40, &id), -EINVAL);
	static const char bad9[] = "5 (k) S 1 1 1 0 -1 6x4 0 0 0 0 0 0 0 0 20 "
		"0 1 0 42 1000 10\n";
	CHECK_EQ_I(maps_parse_ident(bad9, sizeof(bad9) - 1, &id), -EINVAL);
	CHECK_EQ_I(maps_parse_ident("5 (k S 1", 8, &id), -EINVAL);
	CHECK_EQ_I(maps_parse_ident(")", 1, &id), -EINVAL);
	CHECK_EQ_I(maps_parse_ident("", 0, &id), -EINVAL);
	CHECK_EQ_I(maps_parse_ident("1 (a) ", 6, &id), -EINVAL);
}

/* maps_judge: a read is complete only when the process kept its mm. */
static void test_judge(void)
{
	char buf[1024];
	struct maps_ident live, exiting, zombie, execd, nomm, reused, kthr,
		kthr2;
	size_t len;

#define IDENT(var, state, flags, start, mm) \
	len = make_stat(buf, sizeof(buf), 9, "p", state, flags, start, mm); \
	CHECK_EQ_I(maps_parse_ident(buf, len, &var), 0)
	IDENT(live, 'S', 0x400000, 100, 0x1000);
	IDENT(exiting, 'R', 0x400004, 100, 0x1000);
	IDENT(zombie, 'Z', 0x40400c, 100, 0);
	IDENT(execd, 'S', 0x400000, 100, 0x2000);
	IDENT(nomm, 'D', 0x400004, 100, 0);
	IDENT(reused, 'S', 0x400000, 101, 0x1000);
	IDENT(kthr, 'I', 0x208040, 5, 0);
	IDENT(kthr2, 'S', 0x208040, 5, 0);
#undef IDENT
	CHECK_EQ_I(maps_judge(&live, &live, 1), 0);
	CHECK_EQ_I(maps_judge(&live, &live, -1), 0);
	CHECK_EQ_I(maps_judge(&live, &exiting, 1), -MAPREAD_EEXITED);
	CHECK_EQ_I(maps_judge(&live, &zombie, 0), -MAPREAD_EEXITED);
	CHECK_EQ_I(maps_judge(&live, &nomm, -1), -MAPREAD_EEXITED);
	CHECK_EQ_I(maps_judge(&live, &execd, 0), -MAPREAD_EEXECED);
	CHECK_EQ_I(maps_judge(&live, &execd, 1), -MAPREAD_EEXECED);
	CHECK_EQ_I(maps_judge(&live, &reused, 1), -MAPREAD_EEXITED);
	/* the same stat, yet the mm read is gone: an exec with the same
	 * layout (no ASLR) */
	CHECK_EQ_I(maps_judge(&live, &live, 0), -MAPREAD_EEXECED);
	/* no mm before and after: the empty map of a kernel thread or a
	 * zombie is whole */
	CHECK_EQ_I(maps_judge(&kthr, &kthr2, -1), 0);
	CHECK_EQ_I(maps_judge(&zombie, &zombie, -1), 0);
	CHECK_EQ_I(maps_judge(&exiting, &zombie, -1), -MAPREAD_EEXITED);
	/* caught between exit_mm and becoming a zombie: not a whole map */
	CHECK_EQ_I(maps_judge(&nomm, &nomm, -1), -MAPREAD_EEXITED);
	CHECK_EQ_I(maps_judge(&nomm, &zombie, -1), 0);
	CHECK_STR(mapread_strerror(-MAPREAD_EEXITED),
		"incomplete: process exited during the read");
	CHECK_STR(mapread_strerror(-MAPREAD_EEXECED),
		"incomplete: process exec'd during the read");
	CHECK_STR(mapread_strerror(-EINVAL), "unparseable");
}

/* Each file of the map read replaced by a FIFO or a symlink to /dev/zero:
 * an error naming that file at once, never a hang or an endless read. */
static void test_mapread_hostile(void)
{
	static const char *const files[] = { "stat", "smaps", "smaps_rollup" };
	static const char smaps[] = "1000-3000 r-xp 00000000 08:01 12 /bin/x\n"
		"Size: 8 kB\nRss: 4 kB\nPss: 2 kB\n";
	char root[] = "/tmp/proctop-test-hostile-XXXXXX";
	char dir[600], path[700];
	struct memmap mm;
	struct pidinfo pi;

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(dir, sizeof(dir), "%s/4246", root);
	mkdir(dir, 0755);
	int root_fd = open(root, O_RDONLY | O_DIRECTORY);
	memmap_init(&mm);
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		for (unsigned kind = 0; kind < 2; kind++) {
			write_stat(dir, 4246, 'S', 0x400000, 50, 0x1000);
			write_file(dir, "smaps", smaps, sizeof(smaps) - 1);
			write_file(dir, "smaps_rollup", smaps, sizeof(smaps) - 1);
			snprintf(path, sizeof(path), "%s/%s", dir, files[f]);
			unlink(path);
			if (kind == 0)
				CHECK_EQ_I(mkfifo(path, 0600), 0);
			else
				CHECK_EQ_I(symlink("/dev/zero", path), 0);
			pidinfo_init(&pi);
			int rc = pidinfo_read_map(root_fd, 4246, PIDINFO_CMDLINE,
				&pi, &mm);
			CHECK_EQ_I(rc, kind == 0 ? -FILEREAD_ENOTREG : -ELOOP);
			CHECK_STR(pi.err_file ? pi.err_file : "(null)", files[f]);
			CHECK_EQ_U(mm.n, 0);
			pidinfo_fini(&pi);
		}
	}
	/* smaps missing, maps a FIFO: maps is named; both missing: smaps */
	unlink_in(dir, "smaps");
	snprintf(path, sizeof(path), "%s/maps", dir);
	write_stat(dir, 4246, 'S', 0x400000, 50, 0x1000);
	CHECK_EQ_I(mkfifo(path, 0600), 0);
	pidinfo_init(&pi);
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4246, 0, &pi, &mm),
		-FILEREAD_ENOTREG);
	CHECK_STR(pi.err_file ? pi.err_file : "(null)", "maps");
	unlink_in(dir, "maps");
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4246, 0, &pi, &mm), -ENOENT);
	CHECK_STR(pi.err_file ? pi.err_file : "(null)", "smaps");
	/* garbage stat: -EINVAL about stat */
	write_file(dir, "stat", "garbage\n", 8);
	CHECK_EQ_I(pidinfo_read_map(root_fd, 4246, 0, &pi, &mm), -EINVAL);
	CHECK_STR(pi.err_file ? pi.err_file : "(null)", "stat");
	pidinfo_fini(&pi);
	unlink_in(dir, "stat");
	unlink_in(dir, "smaps_rollup");
	unlink_in(dir, "cmdline");
	rmdir(dir);
	rmdir(root);
	close(root_fd);
	memmap_fini(&mm);
}

int main(void)
{
	test_maps_normal();
	test_maps_spaces();
	test_maps_2gib();
	test_maps_garbage();
	test_is_header();
	test_field();
	test_smaps_normal();
	test_smaps_future_keys();
	test_smaps_truncated();
	test_smaps_garbage();
	test_mapread();
	test_pidinfo_map();
	test_ident();
	test_judge();
	test_mapread_hostile();
	return check_done();
}
