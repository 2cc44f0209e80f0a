/* Unit tests for the memmap model: kinds, totals, sort, filter, groups and
 * the resident bar, on maps built by hand. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "proctop/memmap.h"
#include "proctop/memreport.h"
#include "proctop/snapshot.h"

/* Append a mapping with the given figures (KiB). */
static struct map_entry *add(struct memmap *mm, uint64_t start_kib,
	uint64_t size_kib, const char *perms, const char *path, bool deleted,
	uint64_t rss_kib, uint64_t pss_kib, uint64_t swap_kib, uint64_t dirty_kib)
{
	struct map_entry *e = memmap_add(mm, path, strlen(path));

	e->start = start_kib * 1024;
	e->end = (start_kib + size_kib) * 1024;
	memcpy(e->perms, perms, 5);
	e->deleted = deleted;
	e->u.size_kib = size_kib;
	e->u.rss_kib = rss_kib;
	e->u.pss_kib = pss_kib;
	e->u.swap_kib = swap_kib;
	e->u.private_dirty_kib = dirty_kib;
	return e;
}

/* A small process: exe, libc (two segments), heap, a big anon, stack. */
static void build(struct memmap *mm)
{
	memmap_init(mm);
	add(mm, 1000, 8, "r-xp", "/usr/bin/prog", false, 8, 8, 0, 0);
	add(mm, 1008, 4, "rw-p", "/usr/bin/prog", false, 4, 4, 0, 4);
	add(mm, 2000, 100, "rw-p", "[heap]", false, 60, 60, 10, 60);
	add(mm, 5000, 1000, "r-xp", "/lib/libc.so.6", false, 200, 20, 0, 0);
	add(mm, 6000, 16, "r--p", "/lib/libc.so.6", false, 16, 2, 0, 0);
	add(mm, 7000, 65536, "rw-p", "", false, 16384, 16384, 32768, 16384);
	add(mm, 80000, 4, "rw-p", "/tmp/x", true, 4, 4, 0, 4);
	add(mm, 90000, 132, "rw-p", "[stack]", false, 12, 12, 0, 12);
	add(mm, 99000, 8, "r-xp", "[vdso]", false, 4, 0, 0, 0);
	memmap_finish(mm);
}

static void test_classify(void)
{
	CHECK_EQ_I(memmap_classify("r-xp", "/bin/x", 6, false), MEMMAP_CODE);
	CHECK_EQ_I(memmap_classify("rw-p", "/bin/x", 6, false), MEMMAP_DATA);
	CHECK_EQ_I(memmap_classify("r--p", "/bin/x", 6, false), MEMMAP_FILE_RO);
	CHECK_EQ_I(memmap_classify("---p", "/bin/x", 6, false), MEMMAP_FILE_RO);
	CHECK_EQ_I(memmap_classify("r-xp", "/bin/x", 6, true), MEMMAP_DELETED);
	CHECK_EQ_I(memmap_classify("rw-p", "[heap]", 6, false), MEMMAP_HEAP);
	CHECK_EQ_I(memmap_classify("rw-p", "[stack]", 7, false), MEMMAP_STACK);
	CHECK_EQ_I(memmap_classify("rw-p", "[stack:42]", 10, false),
		MEMMAP_STACK);
	CHECK_EQ_I(memmap_classify("rw-p", "", 0, false), MEMMAP_ANON);
	CHECK_EQ_I(memmap_classify("rw-s", "", 0, false), MEMMAP_SHMEM);
	CHECK_EQ_I(memmap_classify("rw-p", "[anon:jit]", 10, false),
		MEMMAP_ANON);
	CHECK_EQ_I(memmap_classify("rw-s", "/dev/zero", 9, true), MEMMAP_SHMEM);
	CHECK_EQ_I(memmap_classify("rw-s", "/SYSV00000000", 13, true),
		MEMMAP_SHMEM);
	CHECK_EQ_I(memmap_classify("rw-s", "/memfd:x", 8, true), MEMMAP_SHMEM);
	CHECK_EQ_I(memmap_classify("rw-s", "/dev/shm/seg", 12, false),
		MEMMAP_SHMEM);
	CHECK_EQ_I(memmap_classify("r-xp", "[vdso]", 6, false), MEMMAP_SPECIAL);
	CHECK_EQ_I(memmap_classify("r--p", "[vvar]", 6, false), MEMMAP_SPECIAL);
	CHECK_EQ_I(memmap_classify("--xp", "[vsyscall]", 10, false),
		MEMMAP_SPECIAL);
	CHECK_STR(memmap_kind_name(MEMMAP_FILE_RO), "file-ro");
	CHECK(memmap_kind_glyph(MEMMAP_HEAP) == 'H');
}

static void test_totals(void)
{
	struct memmap mm;

	build(&mm);
	CHECK_EQ_U(mm.n, 9);
	CHECK_EQ_U(mm.sum.rss_kib, 8 + 4 + 60 + 200 + 16 + 16384 + 4 + 12 + 4);
	CHECK_EQ_U(mm.sum.swap_kib, 32778);
	CHECK_EQ_U(mm.count_by_kind[MEMMAP_CODE], 2);
	CHECK_EQ_U(mm.by_kind[MEMMAP_CODE].rss_kib, 208);
	CHECK_EQ_U(mm.by_kind[MEMMAP_ANON].rss_kib, 16384);
	CHECK_EQ_U(mm.count_by_kind[MEMMAP_DELETED], 1);
	CHECK_EQ_U(mm.count_by_kind[MEMMAP_SPECIAL], 1);
	/* without a rollup the totals are the sum; with one, the rollup */
	CHECK(memmap_totals(&mm) == &mm.sum);
	mm.has_rollup = true;
	mm.rollup.pss_kib = 999;
	CHECK_EQ_U(memmap_totals(&mm)->pss_kib, 999);
	size_t len;
	CHECK_STR(memmap_label(&mm, &mm.maps[5], &len), "[anon]");
	CHECK_EQ_U(len, 6);
	CHECK_STR(memmap_label(&mm, &mm.maps[3], &len), "/lib/libc.so.6");
	CHECK_EQ_U(map_usage_dirty_kib(&mm.maps[2].u), 60);
	memmap_fini(&mm);
}

static void test_select(void)
{
	struct memmap mm;
	size_t idx[16];

	build(&mm);
	CHECK_EQ_U(memmap_select(&mm, MEMMAP_SORT_ADDR, NULL, idx), 9);
	for (size_t i = 0; i < 9; i++)
		CHECK_EQ_U(idx[i], i);
	CHECK_EQ_U(memmap_select(&mm, MEMMAP_SORT_RSS, "", idx), 9);
	CHECK_EQ_U(idx[0], 5);
	CHECK_EQ_U(idx[1], 3);
	CHECK_EQ_U(idx[2], 2);
	/* ties (rss 4: maps 1, 6, 8) by address */
	CHECK_EQ_U(idx[6], 1);
	CHECK_EQ_U(idx[7], 6);
	CHECK_EQ_U(idx[8], 8);
	memmap_select(&mm, MEMMAP_SORT_SIZE, NULL, idx);
	CHECK_EQ_U(idx[0], 5);
	CHECK_EQ_U(idx[1], 3);
	memmap_select(&mm, MEMMAP_SORT_PSS, NULL, idx);
	CHECK_EQ_U(idx[1], 2);
	memmap_select(&mm, MEMMAP_SORT_SWAP, NULL, idx);
	CHECK_EQ_U(idx[0], 5);
	CHECK_EQ_U(idx[1], 2);
	memmap_select(&mm, MEMMAP_SORT_DIRTY, NULL, idx);
	CHECK_EQ_U(idx[0], 5);
	CHECK_EQ_U(idx[1], 2);
	CHECK_EQ_U(idx[2], 7);
	/* filter: case-insensitive substring of the label */
	CHECK_EQ_U(memmap_select(&mm, MEMMAP_SORT_ADDR, "LIBC", idx), 2);
	CHECK_EQ_U(idx[0], 3);
	CHECK_EQ_U(memmap_select(&mm, MEMMAP_SORT_ADDR, "[anon]", idx), 1);
	CHECK_EQ_U(idx[0], 5);
	CHECK_EQ_U(memmap_select(&mm, MEMMAP_SORT_ADDR, "nothing", idx), 0);
	CHECK_STR(memmap_sort_name(MEMMAP_SORT_DIRTY), "dirty");
	memmap_fini(&mm);
}

/* A group is labelled with its most significant kind (code before
 * data), whichever mapping holds the most Rss: the map screen and the
 * batch report agree. */
static void test_group_kind(void)
{
	struct memmap mm;
	struct memmap_group *g = NULL;

	memmap_init(&mm);
	add(&mm, 1000, 8, "r-xp", "/lib/big.so", false, 4, 4, 0, 0);
	add(&mm, 1008, 400, "rw-p", "/lib/big.so", false, 400, 400, 0, 400);
	memmap_finish(&mm);
	CHECK_EQ_U(memmap_group(&mm, MEMMAP_SORT_ADDR, NULL, &g), 1);
	CHECK_EQ_I(g[0].kind, MEMMAP_CODE);
	free(g);
	memmap_fini(&mm);
}

static void test_group(void)
{
	struct memmap mm;
	struct memmap_group *g = NULL;

	build(&mm);
	size_t n = memmap_group(&mm, MEMMAP_SORT_ADDR, NULL, &g);
	CHECK_EQ_U(n, 7);
	CHECK_EQ_U(g[0].first, 0);
	CHECK_EQ_U(g[0].count, 2);
	CHECK_EQ_U(g[0].u.size_kib, 12);
	CHECK_EQ_U(g[0].vsize_kib, 12);
	CHECK_EQ_U(g[0].u.rss_kib, 12);
	CHECK_EQ_I(g[0].kind, MEMMAP_CODE);
	CHECK_EQ_U(g[2].first, 3);
	CHECK_EQ_U(g[2].count, 2);
	CHECK_EQ_U(g[2].u.rss_kib, 216);
	CHECK_EQ_U(g[2].u.pss_kib, 22);
	n = memmap_group(&mm, MEMMAP_SORT_RSS, NULL, &g);
	CHECK_EQ_U(n, 7);
	CHECK_EQ_U(g[0].first, 5);
	CHECK_EQ_U(g[1].first, 3);
	n = memmap_group(&mm, MEMMAP_SORT_ADDR, "prog", &g);
	CHECK_EQ_U(n, 1);
	CHECK_EQ_U(g[0].count, 2);
	/* a deleted file is its own group, apart from a live one */
	add(&mm, 100000, 4, "rw-p", "/tmp/x", false, 4, 4, 0, 0);
	memmap_finish(&mm);
	n = memmap_group(&mm, MEMMAP_SORT_ADDR, "/tmp/x", &g);
	CHECK_EQ_U(n, 2);
	free(g);
	g = NULL;
	/* nothing matches */
	CHECK_EQ_U(memmap_group(&mm, MEMMAP_SORT_ADDR, "zzz", &g), 0);
	free(g);
	memmap_fini(&mm);
}

static void test_bar(void)
{
	struct memmap mm;
	unsigned char cells[40];

	build(&mm);
	memmap_bar(&mm, cells, 40);
	/* 16384 of 16692 KiB resident is the anon region: nearly every cell */
	size_t anon = 0;
	for (size_t i = 0; i < 40; i++)
		anon += cells[i] == MEMMAP_ANON;
	CHECK(anon >= 38);
	CHECK(cells[39] != MEMMAP_KIND_COUNT);
	CHECK_EQ_I(cells[20], MEMMAP_ANON);
	/* low addresses come first: the first cell is code or heap */
	CHECK(cells[0] == MEMMAP_CODE || cells[0] == MEMMAP_HEAP);
	memmap_fini(&mm);

	/* equal halves: heap then anon */
	memmap_init(&mm);
	add(&mm, 0, 100, "rw-p", "[heap]", false, 100, 100, 0, 0);
	add(&mm, 200, 100, "rw-p", "", false, 0, 0, 0, 0);
	add(&mm, 400, 100, "rw-p", "", false, 100, 100, 0, 0);
	memmap_finish(&mm);
	memmap_bar(&mm, cells, 10);
	for (size_t i = 0; i < 5; i++)
		CHECK_EQ_I(cells[i], MEMMAP_HEAP);
	for (size_t i = 5; i < 10; i++)
		CHECK_EQ_I(cells[i], MEMMAP_ANON);
	/* one cell; more cells than KiB */
	memmap_bar(&mm, cells, 1);
	CHECK(cells[0] == MEMMAP_HEAP || cells[0] == MEMMAP_ANON);
	memmap_reset(&mm);
	add(&mm, 0, 4, "rw-p", "[heap]", false, 1, 1, 0, 0);
	add(&mm, 8, 4, "rw-p", "[stack]", false, 1, 1, 0, 0);
	memmap_finish(&mm);
	memmap_bar(&mm, cells, 40);
	CHECK_EQ_I(cells[0], MEMMAP_HEAP);
	CHECK_EQ_I(cells[19], MEMMAP_HEAP);
	CHECK_EQ_I(cells[20], MEMMAP_STACK);
	CHECK_EQ_I(cells[39], MEMMAP_STACK);
	/* nothing resident */
	memmap_reset(&mm);
	add(&mm, 0, 4, "rw-p", "", false, 0, 0, 0, 0);
	memmap_finish(&mm);
	memmap_bar(&mm, cells, 40);
	CHECK_EQ_I(cells[0], MEMMAP_KIND_COUNT);
	CHECK_EQ_I(cells[39], MEMMAP_KIND_COUNT);
	/* absurd sizes do not overflow */
	memmap_reset(&mm);
	add(&mm, 0, 4, "rw-p", "", false, UINT64_MAX / 4, 0, 0, 0);
	add(&mm, 8, 4, "rw-p", "[heap]", false, UINT64_MAX / 4, 0, 0, 0);
	memmap_finish(&mm);
	memmap_bar(&mm, cells, 40);
	CHECK_EQ_I(cells[0], MEMMAP_ANON);
	CHECK_EQ_I(cells[39], MEMMAP_HEAP);
	memmap_fini(&mm);
}

/* The memory report's figures: free(1)'s arithmetic, zswap only when the
 * kernel has it, the rates, the swap users. */
static void test_memreport(void)
{
	struct snapshot s;
	struct mem_figures f;
	struct mem_rate r[MEMREPORT_NRATES];
	long idx[4];

	snapshot_init(&s);
	s.sys.mem.mem_total = 1000;
	s.sys.mem.mem_available = 700;
	s.sys.mem.mem_free = 100;
	s.sys.mem.buffers = 10;
	s.sys.mem.cached = 200;
	s.sys.mem.sreclaimable = 30;
	s.sys.mem.swap_total = 500;
	s.sys.mem.swap_free = 120;
	s.sys.mem.swap_cached = 7;
	s.vm_rates.pswpout = 12.5;
	s.vm_rates.valid = true;
	memreport_figures(&s, &f);
	CHECK_STR(f.mem[0].key, "total_kib");
	CHECK_EQ_U(f.mem[0].kib, 1000);
	CHECK_STR(f.mem[1].label, "used");
	CHECK_EQ_U(f.mem[1].kib, 300);
	CHECK_STR(f.mem[4].key, "buff_cache_kib");
	CHECK_EQ_U(f.mem[4].kib, 240);
	CHECK_EQ_U(f.nswap, 4);
	CHECK_EQ_U(f.swap[1].kib, 380);
	CHECK_EQ_U(f.swap[2].kib, 7);
	CHECK_EQ_U(f.nzswap, 0);
	CHECK(f.nmem <= MEMREPORT_MAX_MEM);
	s.sys.mem.has_zswap = true;
	s.sys.mem.zswap = 5;
	s.sys.mem.zswapped = 20;
	memreport_figures(&s, &f);
	CHECK_EQ_U(f.nzswap, 2);
	CHECK_EQ_U(f.zswap[1].kib, 20);
	CHECK_EQ_U(memreport_rates(&s, r), MEMREPORT_NRATES);
	CHECK_STR(r[3].key, "pswpout");
	CHECK(r[3].per_s == 12.5);

	struct task *t = snapshot_add_proc(&s);
	t->pid = 10;
	t->have = TASK_HAVE_STATUS;
	snapshot_task_extra(&s, t)->status.vm_swap_kib = 64;
	t = snapshot_add_proc(&s);
	t->pid = 11;
	t->have = TASK_HAVE_STATUS;
	snapshot_task_extra(&s, t);                  /* no swap */
	t = snapshot_add_proc(&s);
	t->pid = 12;
	snapshot_task_extra(&s, t)->status.vm_swap_kib = 64;   /* not read */
	CHECK_EQ_U(memreport_swap_users(&s, idx), 1);
	CHECK_EQ_I(idx[0], 0);
	snapshot_fini(&s);
}

int main(void)
{
	test_memreport();
	test_classify();
	test_totals();
	test_select();
	test_group();
	test_group_kind();
	test_bar();
	return check_done();
}
