/* mapchild — a process with a known address space, for the maps live tests.
 *
 *   mapchild layout DIR   64 MiB anonymous region with its first 16 MiB
 *                         touched; a 4 MiB file DIR/mapped-file mapped
 *                         shared read-only and read through; a 1 MiB file
 *                         DIR/deleted-file mapped private, written, unlinked;
 *                         a file whose name holds ESC and C1 bytes, mapped
 *   mapchild swap         64 MiB anonymous, 48 MiB touched, then 32 MiB of
 *                         it pushed out with MADV_PAGEOUT
 *   mapchild many N       N mappings: N pages, every other one mprotected
 *   mapchild sleep        nothing special
 *
 * It prints "name value..." lines (addresses in hex), then "ready", and
 * waits until killed (or its parent dies).  SIGUSR1 makes it exec itself
 * as "mapchild sleep" (a new, small address space under the same pid). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define MIB (1024UL * 1024UL)

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

static void die(const char *what)
{
	fprintf(stderr, "mapchild: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A private anonymous region of size bytes without huge pages, so Rss
 * counts exactly the pages touched. */
static char *anon_region(size_t size)
{
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap anon");
	madvise(p, size, MADV_NOHUGEPAGE);
	return p;
}

/* Write distinct bytes into every page of [p, p+size). */
static void touch(char *p, size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	for (size_t off = 0; off < size; off += (size_t)page)
		memset(p + off, (int)(1 + (off / (size_t)page) % 251),
			(size_t)page);
}

/* Create path with size bytes of data; returns the fd. */
static int make_file(const char *path, size_t size)
{
	static char buf[65536];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		die(path);
	memset(buf, 'x', sizeof(buf));
	for (size_t off = 0; off < size; off += sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			die("write");
	if (fsync(fd))   /* clean page cache: its Dirty figures stay put */
		die("fsync");
	return fd;
}

static void layout(const char *dir)
{
	char path[4096];
	volatile char sink = 0;

	char *anon = anon_region(64 * MIB);
	touch(anon, 16 * MIB);
	printf("anon %lx\n", (unsigned long)anon);

	snprintf(path, sizeof(path), "%s/mapped-file", dir);
	int fd = make_file(path, 4 * MIB);
	char *file = mmap(NULL, 4 * MIB, PROT_READ, MAP_SHARED, fd, 0);
	if (file == MAP_FAILED)
		die("mmap file");
	for (size_t off = 0; off < 4 * MIB; off += 4096)
		sink += file[off];
	close(fd);
	printf("file %lx %s\n", (unsigned long)file, path);

	snprintf(path, sizeof(path), "%s/deleted-file", dir);
	fd = make_file(path, 1 * MIB);
	char *del = mmap(NULL, 1 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		fd, 0);
	if (del == MAP_FAILED)
		die("mmap deleted");
	madvise(del, 1 * MIB, MADV_NOHUGEPAGE);
	touch(del, 1 * MIB);
	close(fd);
	unlink(path);
	printf("deleted %lx %s\n", (unsigned long)del, path);

	/* a hostile name: ESC, a CSI sequence and a C1 control */
	snprintf(path, sizeof(path), "%s/evil\033[31m\xc2\x9bname", dir);
	fd = make_file(path, 65536);
	char *evil = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE, fd, 0);
	if (evil == MAP_FAILED)
		die("mmap evil");
	sink += evil[0];
	close(fd);
	printf("evil %lx\n", (unsigned long)evil);
	(void)sink;
}

static void swap_out(void)
{
	char *anon = anon_region(64 * MIB);

	touch(anon, 48 * MIB);
	if (madvise(anon, 32 * MIB, MADV_PAGEOUT))
		die("madvise(MADV_PAGEOUT)");
	printf("anon %lx\n", (unsigned long)anon);
}

static void many(long n)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, (size_t)n * (size_t)page, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		die("mmap many");
	for (long i = 1; i < n; i += 2)
		if (mprotect(p + i * page, (size_t)page, PROT_READ))
			die("mprotect");
	printf("region %lx %ld\n", (unsigned long)p, n);
}

extern char **environ;

/* SIGUSR1: become "mapchild sleep" (execve is async-signal-safe). */
static void exec_self(int sig)
{
	static char arg0[] = "mapchild", arg1[] = "sleep";
	static char *const args[] = { arg0, arg1, NULL };

	(void)sig;
	execve("/proc/self/exe", args, environ);
	_exit(127);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mapchild layout DIR | swap | many N | "
			"sleep\n");
		return 2;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGUSR1, exec_self);
	if (!strcmp(argv[1], "layout") && argc == 3)
		layout(argv[2]);
	else if (!strcmp(argv[1], "swap"))
		swap_out();
	else if (!strcmp(argv[1], "many") && argc == 3)
		many(atol(argv[2]));
	else if (strcmp(argv[1], "sleep"))
		return 2;
	printf("pid %d\nready\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
