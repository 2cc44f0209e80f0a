/* floor — the kernel floor of a process monitor's refresh.
 *
 *   floor [-r PROC_ROOT] [-i INTERVAL] [-n REFRESHES] [-T|-A] [-U] [-q] FILES
 *
 * Each refresh lists PROC_ROOT once and, for every pid, opens the pid's
 * directory and reads exactly the per-process files named in FILES (a
 * comma list: "stat", "stat,statm,status"); with -U it also fstat()s the
 * pid directory (the owner, as a USER column needs).  Threads: with -A it
 * also lists task/ of every process and reads every task/<tid>/stat;
 * with -T only of processes whose stat says num_threads > 1 (for a
 * single-threaded process its stat already is its one task's stat), so
 * -T stat reads one stat per task -- the floor of a thread view.  It reads with openat() on a directory fd into
 * one static buffer and parses nothing: no monitor that shows columns from
 * those files can do less work, so its CPU time per refresh is the floor
 * a monitor's cost is compared with.
 *
 * Writes one line per refresh on stdout ("refresh N tasks M") so a driver
 * can count refreshes, and on exit (after -n REFRESHES, or on SIGTERM /
 * SIGINT) a summary on stderr with its own CPU ms per refresh. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 16

/* getdents64 record, as the kernel writes it. */
struct dirent64_rec {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct floor_opts {
	const char *root;
	const char *files[MAX_FILES];
	size_t nfiles;
	bool threads;                /* -T: tasks of multi-threaded procs */
	bool all_tasks;              /* -A: task/ of every process */
	bool uid;
	bool quiet;
};

/* Per-refresh counters. */
struct floor_count {
	unsigned long procs;
	unsigned long tasks;
	unsigned long long bytes;
};

static volatile sig_atomic_t stop_flag;

/* The read buffer every file goes into; never looked at. */
static char file_buf[1 << 16];

static void on_stop(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void usage(FILE *f)
{
	fputs("usage: floor [-r PROC_ROOT] [-i INTERVAL] [-n REFRESHES] "
	      "[-T|-A] [-U] [-q] FILES\n"
	      "  FILES         comma list of per-process files: stat,statm,status,...\n"
	      "                (\"-\" or \"\" for none: list only)\n"
	      "  -r PROC_ROOT  default /proc\n"
	      "  -i INTERVAL   seconds between refreshes (default 0.5; 0 = none)\n"
	      "  -n REFRESHES  stop after this many (default: until SIGTERM)\n"
	      "  -T            also read task/<tid>/stat of every thread of\n"
	      "                multi-threaded processes (num_threads > 1 in stat)\n"
	      "  -A            also read task/<tid>/stat of every process\n"
	      "  -U            also fstat each pid directory (owner uid)\n"
	      "  -q            no per-refresh line on stdout\n", f);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* num_threads (field 20) of the stat text in file_buf[0..len), or 0.
 * The only parsing floor does, and only with -T. */
static long stat_num_threads(size_t len)
{
	const char *p = memrchr(file_buf, ')', len);
	const char *end = file_buf + len;
	int field = 2;           /* the ')' ends field 2, comm */

	if (!p)
		return 0;
	for (p++; p < end && field < 20; p++)
		if (*p == ' ')
			field++;
	return field == 20 && p < end ? strtol(p, NULL, 10) : 0;
}

/* Reads a whole file relative to dirfd into file_buf; returns its size
 * or -errno. */
static long long read_file_at(int dirfd, const char *name)
{
	long long total = 0;
	ssize_t r;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	/* One read gets a whole seq_file below 64 KiB; read on only when
	 * the buffer was filled. */
	do {
		r = read(fd, file_buf, sizeof(file_buf));
		if (r > 0)
			total += r;
	} while (r == (ssize_t)sizeof(file_buf));
	close(fd);
	return r < 0 ? -errno : total;
}

/* Reads task/<tid>/stat for every thread of the process at pidfd. */
static void read_threads(int pidfd, struct floor_count *c)
{
	static char dbuf[1 << 15];
	char path[64];
	int tfd = openat(pidfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n;

	if (tfd < 0)
		return;
	while ((n = syscall(SYS_getdents64, tfd, dbuf, sizeof(dbuf))) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64_rec *d = (struct dirent64_rec *)(dbuf + off);
			long long r;

			off += d->d_reclen;
			if (!all_digits(d->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/stat", d->d_name);
			r = read_file_at(tfd, path);
			if (r >= 0) {
				c->tasks++;
				c->bytes += (unsigned long long)r;
			}
		}
	}
	close(tfd);
}

/* One refresh: list the root once, read the named files of every pid. */
static int refresh(int rootfd, const struct floor_opts *o,
	struct floor_count *c)
{
	static char dbuf[1 << 16];
	long n;

	memset(c, 0, sizeof(*c));
	if (lseek(rootfd, 0, SEEK_SET) < 0)
		return -errno;
	while ((n = syscall(SYS_getdents64, rootfd, dbuf, sizeof(dbuf))) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64_rec *d = (struct dirent64_rec *)(dbuf + off);
			int pidfd;
			size_t i;
			long nlwp;

			off += d->d_reclen;
			if (!all_digits(d->d_name))
				continue;
			pidfd = openat(rootfd, d->d_name,
				O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (pidfd < 0)
				continue;     /* vanished: normal */
			c->procs++;
			if (o->uid) {
				struct stat st;

				(void)fstat(pidfd, &st);
			}
			nlwp = 0;
			for (i = 0; i < o->nfiles; i++) {
				long long r = read_file_at(pidfd, o->files[i]);

				if (r < 0)
					continue;
				c->bytes += (unsigned long long)r;
				if (o->threads && strcmp(o->files[i], "stat") == 0
				    && (size_t)r < sizeof(file_buf))
					nlwp = stat_num_threads((size_t)r);
			}
			if (o->all_tasks || (o->threads && nlwp != 1))
				read_threads(pidfd, c);
			else
				c->tasks++;
			close(pidfd);
		}
	}
	return n < 0 ? -errno : 0;
}

/* Splits the comma list in place into o->files. */
static int parse_files(char *list, struct floor_opts *o)
{
	char *save = NULL, *tok;

	if (strcmp(list, "-") == 0)
		return 0;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (o->nfiles == MAX_FILES || strchr(tok, '/')
		    || strcmp(tok, "..") == 0 || strcmp(tok, ".") == 0)
			return -EINVAL;
		o->files[o->nfiles++] = tok;
	}
	return 0;
}

static double cpu_ms_self(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
		+ (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int main(int argc, char **argv)
{
	struct floor_opts o = { .root = "/proc" };
	struct floor_count c = { 0 };
	struct sigaction sa = { .sa_handler = on_stop };
	double interval_s = 0.5, cpu0;
	long limit = 0, done = 0;
	int opt, rootfd;
	char line[96];

	while ((opt = getopt(argc, argv, "r:i:n:TAUqh")) != -1) {
		char *end;

		switch (opt) {
		case 'r': o.root = optarg; break;
		case 'i':
			interval_s = strtod(optarg, &end);
			if (*end || end == optarg || !(interval_s >= 0)
			    || interval_s > 86400) {
				fprintf(stderr, "floor: bad -i: %s\n", optarg);
				return 2;
			}
			break;
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*end || end == optarg || limit < 0) {
				fprintf(stderr, "floor: bad -n: %s\n", optarg);
				return 2;
			}
			break;
		case 'T': o.threads = true; break;
		case 'A': o.all_tasks = true; break;
		case 'U': o.uid = true; break;
		case 'q': o.quiet = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind > 1 || (argc - optind == 1
	    && parse_files(argv[optind], &o) < 0)) {
		usage(stderr);
		return 2;
	}
	rootfd = open(o.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		fprintf(stderr, "floor: %s: %s\n", o.root, strerror(errno));
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	cpu0 = cpu_ms_self();

	while (!stop_flag && (limit == 0 || done < limit)) {
		struct timespec ts;
		int r = refresh(rootfd, &o, &c);

		if (r < 0) {
			fprintf(stderr, "floor: listing %s: %s\n", o.root,
				strerror(-r));
			return 1;
		}
		done++;
		if (!o.quiet) {
			int len = snprintf(line, sizeof(line),
				"refresh %ld tasks %lu\n", done, c.tasks);

			if (write(STDOUT_FILENO, line, (size_t)len) < 0)
				return 1;
		}
		if (stop_flag || (limit && done >= limit) || interval_s <= 0)
			continue;
		ts.tv_sec = (time_t)interval_s;
		ts.tv_nsec = (long)((interval_s - (double)ts.tv_sec) * 1e9);
		/* EINTR from a stop signal ends the loop above. */
		clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	}
	fprintf(stderr, "floor: %ld refreshes, %lu processes, %lu tasks, "
		"%llu bytes per refresh, %.3f CPU ms per refresh\n", done,
		c.procs, c.tasks, c.bytes,
		done ? (cpu_ms_self() - cpu0) / (double)done : 0.0);
	close(rootfd);
	return 0;
}
