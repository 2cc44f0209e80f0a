/* ui_config — proctoprc: defaults, parsing, loading and atomic saving.
 *
 * The file is "key = value" lines; '#' starts a comment line.  Any error
 * makes the whole file count as absent (defaults) with a one-line message,
 * so a half-read file never mixes with defaults. */
#include "ui_config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "proctop/columns.h"
#include "proctop/fileread.h"

#define DELAY_MIN_S 0.1
#define DELAY_MAX_S 86400.0

void ui_config_defaults(struct ui_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->ncols = columns_default_tui_n < OPTIONS_MAX_COLUMNS ?
		columns_default_tui_n : OPTIONS_MAX_COLUMNS;
	for (size_t i = 0; i < s->ncols; i++)
		s->cols[i] = columns_default_tui[i];
	s->sort_key = COL_CPU;
	s->sort_desc = true;
	s->tree_sort_key = COL_PID;
	s->tree_sort_desc = false;
	s->delay_s = OPTIONS_DEFAULT_DELAY_S;
	s->color = true;
	s->program_path = true;
}

int ui_config_path(const struct options *opts, char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;

	if (opts && opts->config_path)
		n = snprintf(buf, size, "%s", opts->config_path);
	else if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/proctop/proctoprc", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.config/proctop/proctoprc", home);
	else
		return -ENOENT;
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

/* "yes"/"no" and friends; -1 when neither. */
static int parse_bool(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

int ui_config_parse_seconds(const char *v, double *out)
{
	double s = 0.0, scale = 0.1;
	size_t digits = 0;
	const char *p = v;

	for (; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
		s = s * 10.0 + (*p - '0');
	if (*p == '.') {
		p++;
		for (size_t k = 0; *p >= '0' && *p <= '9' && k < 6; p++, k++) {
			s += (*p - '0') * scale;
			scale /= 10.0;
			digits++;
		}
	}
	if (*p || !digits)
		return -EINVAL;
	if (s < DELAY_MIN_S || s > DELAY_MAX_S)
		return -ERANGE;
	*out = s;
	return 0;
}

/* Trim blanks at both ends in place; returns the start. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* Apply one "key = value" to s.  0, or -EINVAL with msg. */
static int parse_setting(char *key, char *val, struct ui_settings *s,
	char *msg, size_t msg_size)
{
	int b;

	if (!strcmp(key, "columns")) {
		const char *bad = NULL;
		enum column_id ids[OPTIONS_MAX_COLUMNS];
		int n = columns_parse_list(val, ids, OPTIONS_MAX_COLUMNS, &bad);
		if (n <= 0) {
			if (bad && n == -EINVAL)
				snprintf(msg, msg_size, "unknown column '%.*s'",
					(int)strcspn(bad, ", "), bad);
			else if (n == -E2BIG)
				snprintf(msg, msg_size, "more than %d columns",
					OPTIONS_MAX_COLUMNS);
			else
				snprintf(msg, msg_size, "no column listed");
			return -EINVAL;
		}
		memcpy(s->cols, ids, (size_t)n * sizeof(ids[0]));
		s->ncols = (size_t)n;
		return 0;
	}
	bool tree = !strncmp(key, "tree_", 5);
	const char *k = tree ? key + 5 : key;
	if (!strcmp(k, "sort")) {
		const struct column *c = columns_find(val);
		if (!c) {
			snprintf(msg, msg_size, "unknown sort column '%.40s'",
				val);
			return -EINVAL;
		}
		*(tree ? &s->tree_sort_key : &s->sort_key) = columns_id(c);
		return 0;
	}
	if (!strcmp(k, "sort_order")) {
		if (!strcasecmp(val, "desc") || !strcasecmp(val, "asc")) {
			*(tree ? &s->tree_sort_desc : &s->sort_desc) =
				!strcasecmp(val, "desc");
			return 0;
		}
		snprintf(msg, msg_size, "%s must be asc or desc", key);
		return -EINVAL;
	}
	if (!strcmp(key, "interval")) {
		int err = ui_config_parse_seconds(val, &s->delay_s);
		if (err == 0)
			return 0;
		snprintf(msg, msg_size, err == -ERANGE ?
			"interval out of range (0.1 to 86400 seconds)" :
			"interval is not a number (use '.' as decimal point)");
		return -EINVAL;
	}
	b = parse_bool(val);
	bool *flag = !strcmp(key, "tree") ? &s->tree :
		!strcmp(key, "threads") ? &s->threads :
		!strcmp(key, "color") ? &s->color :
		!strcmp(key, "program_path") ? &s->program_path :
		!strcmp(key, "merged_command") ? &s->merged_command :
		!strcmp(key, "graphs") ? &s->graphs : NULL;
	if (flag) {
		if (b < 0)
			goto bad_bool;
		*flag = b;
		return 0;
	}
	if (!strcmp(key, "kernel_threads")) {
		if (b < 0)
			goto bad_bool;
		s->hide_kthreads = !b;
		return 0;
	}
	snprintf(msg, msg_size, "unknown setting '%.40s'", key);
	return -EINVAL;
bad_bool:
	snprintf(msg, msg_size, "value must be yes or no");
	return -EINVAL;
}

int ui_config_parse(const char *buf, size_t len, struct ui_settings *s,
	char *msg, size_t msg_size)
{
	struct ui_settings tmp = *s;
	char line[1024], why[128];
	size_t lineno = 0, pos = 0, nbad = 0, first_bad = 0;

	if (msg_size)
		msg[0] = '\0';
	while (pos < len) {
		size_t end = pos;
		while (end < len && buf[end] != '\n')
			end++;
		lineno++;
		size_t n = end - pos;
		const char *src = buf + pos;
		pos = end + 1;
		if (n >= sizeof(line)) {
			snprintf(why, sizeof(why), "too long");
			goto bad;
		}
		memcpy(line, src, n);
		line[n] = '\0';
		char *p = trim(line);
		if (!*p || *p == '#')
			continue;
		char *eq = strchr(p, '=');
		if (!eq) {
			snprintf(why, sizeof(why), "expected key = value");
			goto bad;
		}
		*eq = '\0';
		/* A bad line leaves its setting as it was (the default). */
		struct ui_settings line_s = tmp;
		if (parse_setting(trim(p), trim(eq + 1), &line_s, why,
				sizeof(why)) < 0)
			goto bad;
		tmp = line_s;
		continue;
bad:
		if (!nbad++) {
			first_bad = lineno;
			snprintf(msg, msg_size, "line %zu: %s", lineno, why);
		}
	}
	*s = tmp;
	if (nbad > 1 && msg_size) {
		size_t m = strlen(msg);
		snprintf(msg + m, msg_size - m, " (and %zu more bad line%s)",
			nbad - 1, nbad > 2 ? "s" : "");
	}
	(void)first_bad;
	return nbad ? -EINVAL : 0;
}

/* ---- the directory and the file, opened by fd ------------------------- */

/* Where path lives: "/a/b/proctop/proctoprc" is the directory "proctop"
 * (leaf) in "/a/b" (parent), file "proctoprc".  A path without a '/' is
 * in ".", one directly under "/" in "/"; then leaf is NULL. */
struct cfg_where {
	char parent[4096];
	const char *leaf;       /* in parent[], or NULL */
	const char *file;       /* in the caller's path */
	char dir_shown[4096];   /* the directory, for messages */
};

static int cfg_split(const char *path, struct cfg_where *w)
{
	const char *slash = strrchr(path, '/');

	w->leaf = NULL;
	if (!slash) {
		w->file = path;
		snprintf(w->parent, sizeof(w->parent), ".");
		snprintf(w->dir_shown, sizeof(w->dir_shown), ".");
		return 0;
	}
	w->file = slash + 1;
	size_t dlen = (size_t)(slash - path);
	if (dlen + 3 > sizeof(w->parent) || !*w->file)
		return -ENAMETOOLONG;
	memcpy(w->parent, path, dlen);
	w->parent[dlen] = '\0';
	snprintf(w->dir_shown, sizeof(w->dir_shown), "%s", dlen ? w->parent :
		"/");
	char *ds = strrchr(w->parent, '/');
	if (!dlen) {
		snprintf(w->parent, sizeof(w->parent), "/");
	} else if (!ds) {
		/* "dir/file": dir in "." */
		memmove(w->parent + 2, w->parent, dlen + 1);
		w->parent[0] = '.';
		w->parent[1] = '\0';
		w->leaf = w->parent + 2;
	} else if (ds[1]) {
		*ds = '\0';
		w->leaf = ds + 1;
		if (ds == w->parent) {
			/* "/dir/file": dir in "/" */
			memmove(w->parent + 2, ds + 1, strlen(ds + 1) + 1);
			w->parent[0] = '/';
			w->parent[1] = '\0';
			w->leaf = w->parent + 2;
		}
	}
	/* else a trailing '/' ("a//file"): open the whole as the parent */
	return 0;
}

/* Open name in dirfd without following a symlink; a symlink is followed
 * only to what is the user's own: owned by the effective uid and not
 * writable by group or others.  dir: want a directory (else anything, the
 * caller checks the type).  Returns the fd (caller closes) or -errno;
 * -EPERM when name is a symlink to something that is not the user's own
 * (why says how). */
static int open_own(int dirfd, const char *name, bool dir, char *why,
	size_t why_size)
{
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
		(dir ? O_DIRECTORY : 0);
	struct stat st;
	int fd = openat(dirfd, name, flags | O_NOFOLLOW);

	if (fd >= 0)
		return fd;
	if (errno != ELOOP && errno != ENOTDIR)
		return -errno;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (!S_ISLNK(st.st_mode))
		return -ENOTDIR;
	fd = openat(dirfd, name, flags);
	if (fd < 0)
		return -errno;
	int err = fstat(fd, &st) < 0 ? -errno : 0;
	if (!err && (st.st_uid != geteuid() ||
			(st.st_mode & (S_IWGRP | S_IWOTH)))) {
		snprintf(why, why_size, "a symbolic link to a %s %s",
			dir ? "directory" : "file", st.st_uid != geteuid() ?
			"owned by another user" :
			"writable by other users");
		err = -EPERM;
	}
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/* Open the directory w names; create: make it (0700) and its parent when
 * missing.  Returns the fd (caller closes) or -errno with why. */
static int open_cfg_dir(const struct cfg_where *w, bool create, char *why,
	size_t why_size)
{
	int pfd = open(w->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (pfd < 0 && errno == ENOENT && create && mkdir(w->parent, 0700) == 0)
		pfd = open(w->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0) {
		int err = -errno;
		snprintf(why, why_size, "%s", strerror(errno));
		return err;
	}
	if (!w->leaf)
		return pfd;
	int fd = open_own(pfd, w->leaf, true, why, why_size);
	if (fd == -ENOENT && create) {
		if (mkdirat(pfd, w->leaf, 0700) == 0 || errno == EEXIST)
			fd = open_own(pfd, w->leaf, true, why, why_size);
		else
			fd = -errno;
	}
	close(pfd);
	if (fd < 0 && fd != -EPERM)
		snprintf(why, why_size, "%s", fd == -ENOTDIR ?
			"not a directory" : strerror(-fd));
	return fd;
}

/* Read file in dirfd (a symlink only to the user's own file) into buf:
 * regular, at most UI_CONFIG_MAX_BYTES, no binary bytes.  *others_write
 * says whether others may write it.  0 or -errno with why. */
static int read_cfg_file(int dirfd, const char *file, struct sbuf *buf,
	bool *others_write, char *why, size_t why_size)
{
	struct stat st;
	int fd = fileread_open(dirfd, file);
	int err;

	if (fd == -ELOOP)
		fd = open_own(dirfd, file, false, why, why_size);
	if (fd < 0) {
		if (fd != -EPERM)
			snprintf(why, why_size, "%s", fileread_strerror(fd));
		return fd;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(why, why_size, "%s",
			fileread_strerror(-FILEREAD_ENOTREG));
		return -FILEREAD_ENOTREG;
	}
	*others_write = (st.st_mode & S_IWOTH) != 0;
	err = fileread_fd(fd, buf, UI_CONFIG_MAX_BYTES, 0);
	close(fd);
	if (err == -EFBIG) {
		snprintf(why, why_size, "larger than %d bytes",
			UI_CONFIG_MAX_BYTES);
		return err;
	}
	if (err < 0) {
		snprintf(why, why_size, "%s", fileread_strerror(err));
		return err;
	}
	for (size_t i = 0; i < buf->len; i++) {
		unsigned char c = (unsigned char)buf->data[i];
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
		    c == 0x7f) {
			snprintf(why, why_size, "binary data at byte %zu", i);
			return -EINVAL;
		}
	}
	return 0;
}

/* A file proctop refused, not merely missing or of the wrong kind: it is
 * kept as FILE.bad when settings are saved. */
static bool kept_as_bad(int err)
{
	return err != -ENOENT && err != -FILEREAD_ENOTREG && err != -EPERM &&
		err != -ELOOP;
}

int ui_config_load(const char *path, struct ui_settings *s, char *msg,
	size_t msg_size)
{
	struct cfg_where w;
	struct sbuf buf;
	char why[160];
	bool others_write = false;
	int err;

	if (msg_size)
		msg[0] = '\0';
	if (cfg_split(path, &w) < 0) {
		snprintf(msg, msg_size, "%.200s: path too long; using the "
			"defaults", path);
		return -ENAMETOOLONG;
	}
	int dfd = open_cfg_dir(&w, false, why, sizeof(why));
	if (dfd == -ENOENT)
		return 0;
	if (dfd < 0) {
		snprintf(msg, msg_size, "not reading settings: %.200s%s%s; "
			"using the defaults", w.dir_shown,
			dfd == -EPERM ? " is " : ": ", why);
		return dfd;
	}
	sbuf_init(&buf);
	err = read_cfg_file(dfd, w.file, &buf, &others_write, why,
		sizeof(why));
	close(dfd);
	if (err == -ENOENT) {
		sbuf_fini(&buf);
		return 0;
	}
	if (err < 0) {
		snprintf(msg, msg_size, "%.200s: %s; using the defaults%s%.60s%s",
			path, why, kept_as_bad(err) ? " (saving keeps it as " : "",
			kept_as_bad(err) ? w.file : "",
			kept_as_bad(err) ? ".bad)" : "");
		sbuf_fini(&buf);
		return err;
	}
	err = ui_config_parse(buf.data, buf.len, s, why, sizeof(why));
	sbuf_fini(&buf);
	if (err < 0) {
		/* Bad lines are skipped (their settings keep the defaults);
		 * the rest of the file applies. */
		snprintf(msg, msg_size, "%.200s %s; ignored (saving keeps it as "
			"%.60s.bad)", path, why, w.file);
		return 0;
	}
	if (others_write)
		snprintf(msg, msg_size, "warning: %.200s is writable by other "
			"users", path);
	return 0;
}

void ui_config_format(const struct ui_settings *s, struct sbuf *out)
{
	long tenths_ms = (long)(s->delay_s * 1000.0 + 0.5);

	sbuf_adds(out, "# proctop settings; written by proctop when you change "
		"them (F2, sort, t, H, K, g).\n# See proctop(1), FILES.\n");
	sbuf_adds(out, "columns = ");
	for (size_t i = 0; i < s->ncols && i < OPTIONS_MAX_COLUMNS; i++) {
		if (i)
			sbuf_addc(out, ',');
		sbuf_adds(out, columns_table[s->cols[i]].key);
	}
	sbuf_addf(out, "\nsort = %s\n", columns_table[s->sort_key].key);
	sbuf_addf(out, "sort_order = %s\n", s->sort_desc ? "desc" : "asc");
	sbuf_addf(out, "tree = %s\n", s->tree ? "yes" : "no");
	sbuf_addf(out, "tree_sort = %s\n", columns_table[s->tree_sort_key].key);
	sbuf_addf(out, "tree_sort_order = %s\n",
		s->tree_sort_desc ? "desc" : "asc");
	sbuf_addf(out, "threads = %s\n", s->threads ? "yes" : "no");
	sbuf_addf(out, "kernel_threads = %s\n", s->hide_kthreads ? "no" : "yes");
	sbuf_addf(out, "program_path = %s\n", s->program_path ? "yes" : "no");
	sbuf_addf(out, "merged_command = %s\n",
		s->merged_command ? "yes" : "no");
	sbuf_addf(out, "graphs = %s\n", s->graphs ? "yes" : "no");
	sbuf_addf(out, "interval = %ld.%03ld\n", tenths_ms / 1000,
		tenths_ms % 1000);
	sbuf_addf(out, "color = %s\n", s->color ? "yes" : "no");
}

/* ---- saving ----------------------------------------------------------- */

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Create a new temporary file ".proctoprc.XXXXXX" in dirfd (O_EXCL, so
 * never an existing file or a symlink), mode 0600.  The fd (caller closes)
 * or -errno; its name in name. */
static int make_temp(int dirfd, char *name, size_t size)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^
		(uint64_t)(uintptr_t)name;
	for (int tries = 0; tries < 100; tries++) {
		char r[7];
		for (size_t i = 0; i < 6; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			r[i] = digits[(x >> 33) % (sizeof(digits) - 1)];
		}
		r[6] = '\0';
		snprintf(name, size, ".proctoprc.%s", r);
		int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
			O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

/* The settings to write: a key this instance changed (cur differs from
 * base, what it loaded or last saved) takes cur's value; any other key
 * takes disk's, the file as it is now (another instance's change). */
static void merge(const struct ui_settings *base,
	const struct ui_settings *cur, const struct ui_settings *disk,
	struct ui_settings *out)
{
	*out = *disk;
	if (cur->ncols != base->ncols || memcmp(cur->cols, base->cols,
			cur->ncols * sizeof(cur->cols[0]))) {
		memcpy(out->cols, cur->cols, sizeof(out->cols));
		out->ncols = cur->ncols;
	}
#define TAKE(f) do { if (cur->f != base->f) out->f = cur->f; } while (0)
	TAKE(sort_key);
	TAKE(sort_desc);
	TAKE(tree);
	TAKE(tree_sort_key);
	TAKE(tree_sort_desc);
	TAKE(threads);
	TAKE(hide_kthreads);
	TAKE(program_path);
	TAKE(merged_command);
	TAKE(graphs);
	TAKE(delay_s);
	TAKE(color);
#undef TAKE
}

int ui_config_save(const char *path, const struct ui_settings *base,
	const struct ui_settings *cur, struct ui_settings *saved, char *msg,
	size_t msg_size)
{
	struct cfg_where w;
	struct ui_settings out = *cur, disk;
	struct stat st;
	struct sbuf text;
	char why[160], tmp[64], bad[300];
	bool others_write, keep_bad = false;
	int err;

	if (msg_size)
		msg[0] = '\0';
	if (cfg_split(path, &w) < 0 ||
	    snprintf(bad, sizeof(bad), "%s.bad", w.file) >= (int)sizeof(bad)) {
		snprintf(msg, msg_size, "%.200s: path too long", path);
		return -ENAMETOOLONG;
	}
	int dfd = open_cfg_dir(&w, true, why, sizeof(why));
	if (dfd < 0) {
		snprintf(msg, msg_size, "not saving settings: %.200s%s%s",
			w.dir_shown, dfd == -EPERM ? " is " : ": ", why);
		return dfd;
	}
	if (fstatat(dfd, w.file, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode)) {
			snprintf(msg, msg_size, "not saving settings: %.200s is "
				"a symbolic link", path);
			close(dfd);
			return -ELOOP;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(msg, msg_size, "not saving settings: %.200s is "
				"not a regular file", path);
			close(dfd);
			return -EINVAL;
		}
		/* Re-read: another instance may have saved since. */
		sbuf_init(&text);
		ui_config_defaults(&disk);
		err = read_cfg_file(dfd, w.file, &text, &others_write, why,
			sizeof(why));
		if (!err)
			err = ui_config_parse(text.data, text.len, &disk, why,
				sizeof(why));
		sbuf_fini(&text);
		if (err < 0 && err != -ENOENT)
			keep_bad = true;
		else if (!err && base)
			merge(base, cur, &disk, &out);
	}
	err = make_temp(dfd, tmp, sizeof(tmp));
	if (err < 0) {
		snprintf(msg, msg_size, "cannot save settings in %.200s: %s",
			w.dir_shown, strerror(-err));
		close(dfd);
		return err;
	}
	int fd = err;
	sbuf_init(&text);
	ui_config_format(&out, &text);
	err = fchmod(fd, 0600) < 0 ? -errno : 0;
	if (!err)
		err = write_all(fd, text.data, text.len);
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	sbuf_fini(&text);
	/* The refused file is kept (replacing an older .bad) right before
	 * the new one takes its name. */
	if (!err && keep_bad && renameat(dfd, w.file, dfd, bad) < 0)
		err = -errno;
	if (!err && renameat(dfd, tmp, dfd, w.file) < 0)
		err = -errno;
	if (err) {
		unlinkat(dfd, tmp, 0);
		snprintf(msg, msg_size, "cannot save settings to %.200s: %s",
			path, strerror(-err));
	} else if (keep_bad) {
		snprintf(msg, msg_size, "%.200s could not be used (%s); kept as "
			"%.200s/%s", path, why, w.dir_shown, bad);
	}
	close(dfd);
	if (!err && saved)
		*saved = out;
	return err;
}
