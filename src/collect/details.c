/* details — the per-process facts only the details screen needs, read on
 * demand through the openat-based reader (see proctop/details.h). */
#include "proctop/details.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"
#include "proctop/xalloc.h"

/* Symlink targets longer than this are not shown. */
#define DETAILS_LINK_MAX (64 * 1024)

void details_init(struct proc_details *d)
{
	memset(d, 0, sizeof(*d));
	d->rlim_nice = 0;
	d->rlim_rtprio = 0;
}

void details_fini(struct proc_details *d)
{
	free(d->cmdline);
	free(d->exe);
	free(d->cwd);
	free(d->cgroup);
	free(d->cpus_allowed_list);
	details_init(d);
}

/* The line of buf starting with key (at a line start); its end in *eol.
 * NULL if absent. */
static const char *find_line(const char *buf, size_t len, const char *key,
	const char **eol)
{
	size_t klen = strlen(key);
	const char *end = buf + len;

	for (const char *p = buf; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if ((size_t)(le - p) >= klen && !memcmp(p, key, klen)) {
			*eol = le;
			return p;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

/* Parse the first field after the limit's name: a number or "unlimited". */
static int parse_soft_limit(const char *p, const char *eol, long *out)
{
	while (p < eol && *p == ' ')
		p++;
	if ((size_t)(eol - p) >= 9 && !memcmp(p, "unlimited", 9)) {
		*out = -1;
		return 0;
	}
	uint64_t v;
	if (procfs_parse_u64(&p, eol, &v) != 0)
		return -EINVAL;
	*out = v > 1000000 ? 1000000 : (long)v;
	return 0;
}

int details_parse_limits(const char *buf, size_t len, long *rlim_nice,
	long *rlim_rtprio)
{
	static const char nice_key[] = "Max nice priority";
	static const char rt_key[] = "Max realtime priority";
	const char *eol, *p;

	if (len < 5 || memcmp(buf, "Limit", 5) != 0)
		return -EINVAL;
	p = find_line(buf, len, nice_key, &eol);
	if (p)
		parse_soft_limit(p + sizeof(nice_key) - 1, eol, rlim_nice);
	p = find_line(buf, len, rt_key, &eol);
	if (p)
		parse_soft_limit(p + sizeof(rt_key) - 1, eol, rlim_rtprio);
	return 0;
}

char *details_parse_cpus_allowed(const char *buf, size_t len)
{
	static const char key[] = "Cpus_allowed_list:";
	const char *eol, *p = find_line(buf, len, key, &eol);

	if (!p)
		return NULL;
	p += sizeof(key) - 1;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	return xstrndup(p, (size_t)(eol - p));
}

/* Copy the relative cgroup path p..eol into out, refusing "..". */
static int copy_cg_path(const char *p, const char *eol, char *out,
	size_t size)
{
	while (p < eol && *p == '/')
		p++;
	size_t n = (size_t)(eol - p);
	if (n >= size)
		return -EINVAL;
	memcpy(out, p, n);
	out[n] = '\0';
	/* A ".." component would leave the cgroup tree. */
	for (const char *c = out; (c = strstr(c, "..")) != NULL; c += 2) {
		bool start = c == out || c[-1] == '/';
		bool end = c[2] == '\0' || c[2] == '/';
		if (start && end)
			return -EINVAL;
	}
	return 0;
}

int details_parse_cgroup2(const char *buf, size_t len, char *out,
	size_t size)
{
	const char *eol, *p = find_line(buf, len, "0::", &eol);

	if (!p)
		return -ENOENT;
	return copy_cg_path(p + 3, eol, out, size);
}

int details_parse_cgroup_v1_memory(const char *buf, size_t len, char *out,
	size_t size)
{
	const char *end = buf + len;

	for (const char *p = buf; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(eol - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1))
			: NULL;
		if (c2) {
			/* the controller list c1+1..c2, comma-separated */
			for (const char *w = c1 + 1; w < c2; ) {
				const char *we = memchr(w, ',', (size_t)(c2 - w));
				if (!we)
					we = c2;
				if (we - w == 6 && !memcmp(w, "memory", 6))
					return copy_cg_path(c2 + 1, eol, out,
						size);
				w = we + 1;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return -ENOENT;
}

/* A cgroup file holding one number or "max" (UINT64_MAX). */
static int read_cg_value(int dirfd, const char *name, struct sbuf *buf,
	uint64_t *out)
{
	int err = reader_read_file(dirfd, name, FILEREAD_CAP_RECORD, buf);

	if (err)
		return err;
	if (buf->len >= 3 && !memcmp(buf->data, "max", 3)) {
		*out = UINT64_MAX;
		return 0;
	}
	const char *p = buf->data;
	return procfs_parse_u64(&p, buf->data + buf->len, out);
}

/* memory.current / memory.max of the process's cgroup v2, when the
 * cgroup file (in buf) names one and /sys/fs/cgroup can be read. */
/* Open the directory rel (relative, "" = itself) under root_path. */
static int open_cg_dir(const char *root_path, const char *rel)
{
	int root = open(root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -errno;
	int fd = rel[0] ? openat(root, rel, O_RDONLY | O_DIRECTORY |
		O_CLOEXEC | O_NOFOLLOW) : dup(root);
	int err = fd < 0 ? -errno : 0;
	close(root);
	return fd < 0 ? err : fd;
}

/* The memory charged to the process's cgroup and its limit: cgroup v2
 * (memory.current / memory.max), else the v1 memory controller. */
static void read_cg_memory(const char *cgroup_text, size_t len,
	struct sbuf *buf, struct proc_details *d)
{
	char rel[1024];
	int fd;

	if (details_parse_cgroup2(cgroup_text, len, rel, sizeof(rel)) == 0 &&
	    (fd = open_cg_dir("/sys/fs/cgroup", rel)) >= 0) {
		if (read_cg_value(fd, "memory.current", buf,
				&d->cg_mem_current) == 0)
			d->have |= DETAILS_HAVE_CG_MEM;
		if (read_cg_value(fd, "memory.max", buf, &d->cg_mem_max) == 0)
			d->have |= DETAILS_HAVE_CG_MAX;
		close(fd);
		if (d->have & DETAILS_HAVE_CG_MEM)
			return;
	}
	if (details_parse_cgroup_v1_memory(cgroup_text, len, rel,
			sizeof(rel)) != 0)
		return;
	fd = open_cg_dir("/sys/fs/cgroup/memory", rel);
	if (fd < 0)
		return;
	d->cg_v1 = true;
	if (read_cg_value(fd, "memory.usage_in_bytes", buf,
			&d->cg_mem_current) == 0)
		d->have |= DETAILS_HAVE_CG_MEM;
	if (read_cg_value(fd, "memory.limit_in_bytes", buf,
			&d->cg_mem_max) == 0) {
		d->have |= DETAILS_HAVE_CG_MAX;
		/* v1 says "no limit" as LONG_MAX rounded down to a page. */
		if (d->cg_mem_max >= ((uint64_t)1 << 62))
			d->cg_mem_max = UINT64_MAX;
	}
	close(fd);
}

/* readlinkat into a new string (caller frees), or NULL. */
static char *read_link(int dirfd, const char *name)
{
	size_t size = 256;

	for (;;) {
		char *s = xmalloc(size);
		ssize_t n = readlinkat(dirfd, name, s, size);
		if (n < 0) {
			free(s);
			return NULL;
		}
		if ((size_t)n < size) {
			s[n] = '\0';
			return s;
		}
		free(s);
		if (size >= DETAILS_LINK_MAX)
			return NULL;
		size *= 2;
	}
}

/* Read a file holding one decimal int (possibly negative). */
static int read_int(int dirfd, const char *name, struct sbuf *buf, int *out)
{
	int err = reader_read_file(dirfd, name, FILEREAD_CAP_RECORD, buf);

	if (err)
		return err;
	char *end;
	long v = strtol(buf->data, &end, 10);
	if (end == buf->data)
		return -EINVAL;
	*out = (int)(v < -100000 ? -100000 : v > 100000 ? 100000 : v);
	return 0;
}

/* The cgroup file's lines joined by "; " (a cgroup v2 host has one). */
static char *join_lines(const char *s, size_t len)
{
	struct sbuf out;

	sbuf_init(&out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			if (i + 1 < len)
				sbuf_adds(&out, "; ");
		} else {
			sbuf_addc(&out, s[i]);
		}
	}
	char *joined = sbuf_detach(&out);
	sbuf_fini(&out);
	return joined;
}

static void read_rest(int dirfd, struct sbuf *buf, struct proc_details *d)
{
	if (reader_read_file(dirfd, "status", FILEREAD_CAP_STATUS, buf) == 0 &&
	    procfs_parse_status(buf->data, buf->len, &d->status) == 0) {
		d->have |= DETAILS_HAVE_STATUS;
		d->cpus_allowed_list = details_parse_cpus_allowed(buf->data,
			buf->len);
		if (d->cpus_allowed_list)
			d->have |= DETAILS_HAVE_AFFINITY;
	}
	int len = reader_read_cmdline(dirfd, buf);
	if (len >= 0) {
		d->have |= DETAILS_HAVE_CMDLINE;
		d->cmdline = len ? xstrndup(buf->data, (size_t)len) : NULL;
		d->cmdline_len = (size_t)len;
	}
	d->exe = read_link(dirfd, "exe");
	if (d->exe)
		d->have |= DETAILS_HAVE_EXE;
	d->cwd = read_link(dirfd, "cwd");
	if (d->cwd)
		d->have |= DETAILS_HAVE_CWD;
	if (reader_read_file(dirfd, "cgroup", FILEREAD_CAP_STATUS, buf) == 0) {
		d->cgroup = join_lines(buf->data, buf->len);
		d->have |= DETAILS_HAVE_CGROUP;
		char *text = xstrndup(buf->data, buf->len);
		read_cg_memory(text, strlen(text), buf, d);
		free(text);
	}
	if (reader_read_file(dirfd, "smaps_rollup",
		FILEREAD_CAP_STATUS, buf) == 0 && buf->len &&
	    procfs_parse_rollup(buf->data, buf->len, &d->rollup) == 0)
		d->have |= DETAILS_HAVE_ROLLUP;
	if (read_int(dirfd, "oom_score", buf, &d->oom_score) == 0 &&
	    read_int(dirfd, "oom_score_adj", buf, &d->oom_score_adj) == 0)
		d->have |= DETAILS_HAVE_OOM;
	if (reader_read_file(dirfd, "limits", FILEREAD_CAP_STATUS, buf) == 0 &&
	    details_parse_limits(buf->data, buf->len, &d->rlim_nice,
		    &d->rlim_rtprio) == 0)
		d->have |= DETAILS_HAVE_LIMITS;
}

/* dirfd is <root>/<pid>.  When pid is a thread other than its process's
 * main thread, that directory gives the process's totals (faults, CPU
 * time, context switches): return <root>/<pid>/task/<pid>, its own, and
 * close dirfd; otherwise dirfd. */
static int thread_dir(int dirfd, pid_t pid, struct sbuf *buf)
{
	struct task_status st;

	memset(&st, 0, sizeof(st));
	if (reader_read_file(dirfd, "status", FILEREAD_CAP_STATUS, buf) != 0 ||
	    procfs_parse_status(buf->data, buf->len, &st) != 0 ||
	    st.tgid <= 0 || st.tgid == pid)
		return dirfd;
	int task_fd = openat(dirfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (task_fd < 0)
		return dirfd;
	int fd = reader_open_pid(task_fd, pid);
	close(task_fd);
	if (fd < 0)
		return dirfd;
	close(dirfd);
	return fd;
}

int details_read(const char *proc_root, pid_t pid, uint64_t starttime,
	struct proc_details *d)
{
	struct sbuf buf;
	int err;

	details_fini(d);
	d->pid = pid;
	int root_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return -errno;
	int dirfd = reader_open_pid(root_fd, pid);
	close(root_fd);
	if (dirfd < 0)
		return dirfd == -ENOENT ? -ESRCH : dirfd;

	sbuf_init(&buf);
	dirfd = thread_dir(dirfd, pid, &buf);
	err = reader_read_file(dirfd, "stat", FILEREAD_CAP_RECORD, &buf);
	if (!err && procfs_parse_stat(buf.data, buf.len, &d->stat) != 0)
		err = -ESRCH;
	if (!err && d->stat.starttime != starttime)
		err = -ESRCH;   /* the pid now names another process */
	if (!err) {
		d->have |= DETAILS_HAVE_STAT;
		read_rest(dirfd, &buf, d);
	}
	sbuf_fini(&buf);
	close(dirfd);
	if (err == -ENOENT)
		err = -ESRCH;
	if (err)
		details_fini(d);
	d->pid = pid;
	return err;
}
