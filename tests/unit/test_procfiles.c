/* test_procfiles — the environ splitter, the fdinfo and /proc/locks
 * parsers, fd types and flag names, against fixtures; the fd reader on
 * this process's own descriptors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "proctop/procfiles.h"
#include "proctop/reader.h"

static size_t slurp(const char *name, char *buf, size_t size)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/procfiles/%s", FIXTURES, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static void test_environ(void)
{
	char buf[256];
	size_t len = slurp("environ", buf, sizeof(buf)), *off, *lens;
	size_t n = procfiles_split_environ(buf, len, &off, &lens);

	CHECK_EQ_U(n, 4);
	CHECK(n == 4 && lens[0] == 10 && !memcmp(buf + off[0], "HOME=/root", 10));
	CHECK(n == 4 && lens[2] == 6 && !memcmp(buf + off[2], "EMPTY=", 6));
	CHECK(n == 4 && lens[3] == 11 && !memcmp(buf + off[3], "LAST=no-nul", 11));
	free(off);
	free(lens);
	CHECK_EQ_U(procfiles_split_environ("", 0, &off, &lens), 0);
	free(off);
	free(lens);
}

static void test_fdinfo(void)
{
	char buf[256], text[64];
	struct pf_fdinfo fi;
	size_t len = slurp("fdinfo-file", buf, sizeof(buf));

	CHECK_EQ_I(procfiles_parse_fdinfo(buf, len, &fi), 0);
	CHECK(fi.have_pos && fi.pos == 4096);
	CHECK(fi.have_flags && fi.flags == 02100002);
	procfiles_flags_text(fi.flags, text, sizeof(text));
	CHECK_STR(text, "rw,CLOEXEC");
	len = slurp("fdinfo-eventfd", buf, sizeof(buf));
	CHECK_EQ_I(procfiles_parse_fdinfo(buf, len, &fi), 0);
	procfiles_flags_text(fi.flags, text, sizeof(text));
	CHECK_STR(text, "r,NONBLOCK,CLOEXEC");
	procfiles_flags_text(O_WRONLY | O_APPEND, text, sizeof(text));
	CHECK_STR(text, "w,APPEND");
	procfiles_flags_text(O_RDWR, text, 3);
	CHECK_STR(text, "rw");
	CHECK_EQ_I(procfiles_parse_fdinfo("mnt_id: 3\n", 10, &fi), -EINVAL);
	CHECK_EQ_I(procfiles_parse_fdinfo("pos: 12x\nflags: 9\n", 18, &fi),
		-EINVAL);
	/* an overflowing position is not taken */
	CHECK_EQ_I(procfiles_parse_fdinfo("pos: 99999999999999999999999\n",
		29, &fi), -EINVAL);
}

static void test_types(void)
{
	CHECK_STR(procfiles_fd_type("socket:[123]", 12, false, 0), "SOCK");
	CHECK_STR(procfiles_fd_type("pipe:[9]", 8, true, S_IFIFO), "FIFO");
	CHECK_STR(procfiles_fd_type("anon_inode:[eventfd]", 20, true, 0),
		"anon_inode");
	CHECK_STR(procfiles_fd_type("/etc/passwd", 11, true, S_IFREG), "REG");
	CHECK_STR(procfiles_fd_type("/", 1, true, S_IFDIR), "DIR");
	CHECK_STR(procfiles_fd_type("/dev/null", 9, true, S_IFCHR), "CHR");
	CHECK_STR(procfiles_fd_type("/x (deleted)", 12, false, 0), "unknown");
}

static void test_locks(void)
{
	char buf[1024];
	size_t len = slurp("locks", buf, sizeof(buf));
	struct pf_lock *l;
	size_t n = procfiles_parse_locks(buf, len, 4321, &l);

	CHECK_EQ_U(n, 3);
	if (n == 3) {
		CHECK_STR(l[0].type, "POSIX");
		CHECK_STR(l[0].access, "WRITE");
		CHECK(l[0].dev_major == 8 && l[0].dev_minor == 1 &&
			l[0].ino == 131 && l[0].start == 0 && l[0].to_eof);
		CHECK_STR(l[1].type, "FLOCK");
		CHECK(l[1].dev_major == 0 && l[1].dev_minor == 0x1f &&
			l[1].ino == 9876);
		CHECK_STR(l[2].type, "LEASE");
		CHECK_STR(l[2].mode, "ACTIVE");
	}
	free(l);
	n = procfiles_parse_locks(buf, len, 0, &l);
	CHECK_EQ_U(n, 6);
	if (n == 6) {
		CHECK(l[2].waiting && l[2].pid == 555);
		CHECK(l[3].pid == -1 && l[3].dev_major == 0xfd &&
			l[3].start == 100 && l[3].end == 199 && !l[3].to_eof);
	}
	free(l);
	CHECK_EQ_U(procfiles_parse_locks("", 0, 1, &l), 0);
	free(l);
	/* a NUL inside a word is not /proc text: the line is dropped (the
	 * fuzzer found a type that read as empty) */
	static const char nul[] = "2: \0\0K ADVISORY READ -1 fd:00:42 100 199\n"
		"3: FLOCK ADVISORY WRITE 7 00:1f:9 0 EOF\n";
	CHECK_EQ_U(procfiles_parse_locks(nul, sizeof(nul) - 1, 0, &l), 1);
	CHECK(l && !strcmp(l[0].type, "FLOCK"));
	free(l);
}

/* This process's own descriptors: a file at a known offset, a pipe, a
 * socket. */
static void test_read_self(void)
{
	char path[] = "/tmp/pt-procfiles-XXXXXX";
	int f = mkstemp(path), p[2], s[2];
	struct pf_fds fds;

	CHECK(f >= 0 && pipe(p) == 0 &&
		socketpair(AF_UNIX, SOCK_STREAM, 0, s) == 0);
	CHECK(write(f, "0123456789", 10) == 10);
	CHECK(lseek(f, 7, SEEK_SET) == 7);
	int root = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int self = reader_open_pid(root, getpid());
	procfiles_fds_init(&fds);
	CHECK_EQ_I(procfiles_read_fds(self, &fds), 0);
	bool seen_f = false, seen_p = false, seen_s = false;
	CHECK(fds.n > 3 && fds.v[0].fd == 0 && fds.v[1].fd == 1);
	for (size_t i = 0; i < fds.n; i++) {
		const struct pf_fd *d = &fds.v[i];
		if (d->fd == f) {
			seen_f = !strcmp(d->type, "REG") &&
				!strcmp(d->name, path) && d->info.pos == 7;
		} else if (d->fd == p[1]) {
			seen_p = !strcmp(d->type, "FIFO") &&
				!strncmp(d->name, "pipe:[", 6) &&
				(d->info.flags & O_ACCMODE) == O_WRONLY;
		} else if (d->fd == s[0]) {
			seen_s = !strcmp(d->type, "SOCK");
		}
	}
	CHECK(seen_f && seen_p && seen_s);
	procfiles_fds_fini(&fds);
	close(self);
	close(root);
	close(f);
	unlink(path);
	close(p[0]);
	close(p[1]);
	close(s[0]);
	close(s[1]);
}

int main(void)
{
	test_environ();
	test_fdinfo();
	test_types();
	test_locks();
	test_read_self();
	return check_done();
}
