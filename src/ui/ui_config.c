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
#include <sys/stat.h>
#include <unistd.h>

#include "proctop/columns.h"

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
	s->delay_s = OPTIONS_DEFAULT_DELAY_S;
	s->color = true;
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
	if (!strcmp(key, "sort")) {
		const struct column *c = columns_find(val);
		if (!c) {
			snprintf(msg, msg_size, "unknown sort column '%.40s'",
				val);
			return -EINVAL;
		}
		s->sort_key = columns_id(c);
		return 0;
	}
	if (!strcmp(key, "sort_order")) {
		if (!strcasecmp(val, "desc") || !strcasecmp(val, "asc")) {
			s->sort_desc = !strcasecmp(val, "desc");
			return 0;
		}
		snprintf(msg, msg_size, "sort_order must be asc or desc");
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
		!strcmp(key, "color") ? &s->color : NULL;
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

int ui_config_load(const char *path, struct ui_settings *s, char *msg,
	size_t msg_size)
{
	struct stat st;
	char *buf = NULL;
	char why[160];
	int err = 0;
	bool others_write = false;

	if (msg_size)
		msg[0] = '\0';
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		snprintf(why, sizeof(why), "%s", strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		err = -EINVAL;
		snprintf(why, sizeof(why), "not a regular file");
		goto fail;
	}
	if (st.st_size > UI_CONFIG_MAX_BYTES) {
		err = -EFBIG;
		snprintf(why, sizeof(why), "larger than %d bytes",
			UI_CONFIG_MAX_BYTES);
		goto fail;
	}
	others_write = (st.st_mode & S_IWOTH) != 0;
	buf = malloc(UI_CONFIG_MAX_BYTES + 1);
	if (!buf) {
		err = -ENOMEM;
		snprintf(why, sizeof(why), "out of memory");
		goto fail;
	}
	size_t len = 0;
	while (len <= UI_CONFIG_MAX_BYTES) {
		ssize_t n = read(fd, buf + len, UI_CONFIG_MAX_BYTES + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			snprintf(why, sizeof(why), "%s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > UI_CONFIG_MAX_BYTES) {
		err = -EFBIG;
		snprintf(why, sizeof(why), "larger than %d bytes",
			UI_CONFIG_MAX_BYTES);
		goto fail;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
		    c == 0x7f) {
			err = -EINVAL;
			snprintf(why, sizeof(why), "binary data at byte %zu", i);
			goto fail;
		}
	}
	err = ui_config_parse(buf, len, s, why, sizeof(why));
	free(buf);
	close(fd);
	if (err < 0) {
		/* Bad lines are skipped (their settings keep the defaults);
		 * the rest of the file applies. */
		snprintf(msg, msg_size, "%.200s %s; ignored", path, why);
		return 0;
	}
	if (others_write)
		snprintf(msg, msg_size, "warning: %.200s is writable by other "
			"users", path);
	return 0;
fail:
	free(buf);
	if (fd >= 0)
		close(fd);
	snprintf(msg, msg_size, "%.200s: %s; using the defaults", path, why);
	return err;
}

void ui_config_format(const struct ui_settings *s, struct sbuf *out)
{
	long tenths_ms = (long)(s->delay_s * 1000.0 + 0.5);

	sbuf_adds(out, "# proctop settings; written by proctop when you change "
		"them (F2, sort, t, H, K).\n# See proctop(1), FILES.\n");
	sbuf_adds(out, "columns = ");
	for (size_t i = 0; i < s->ncols && i < OPTIONS_MAX_COLUMNS; i++) {
		if (i)
			sbuf_addc(out, ',');
		sbuf_adds(out, columns_table[s->cols[i]].key);
	}
	sbuf_addf(out, "\nsort = %s\n", columns_table[s->sort_key].key);
	sbuf_addf(out, "sort_order = %s\n", s->sort_desc ? "desc" : "asc");
	sbuf_addf(out, "tree = %s\n", s->tree ? "yes" : "no");
	sbuf_addf(out, "threads = %s\n", s->threads ? "yes" : "no");
	sbuf_addf(out, "kernel_threads = %s\n", s->hide_kthreads ? "no" : "yes");
	sbuf_addf(out, "interval = %ld.%03ld\n", tenths_ms / 1000,
		tenths_ms % 1000);
	sbuf_addf(out, "color = %s\n", s->color ? "yes" : "no");
}

/* Create dir (and its parent) with mode 0700 when missing. */
static int make_dirs(char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (stat(dir, &st) < 0 && mkdir(dir, 0700) < 0 &&
		    errno != EEXIST) {
			*slash = '/';
			return -errno;
		}
		*slash = '/';
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

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

int ui_config_save(const char *path, const struct ui_settings *s,
	char *msg, size_t msg_size)
{
	char dir[4096], tmp[4200];
	struct stat st;
	struct sbuf text;
	int err;

	if (msg_size)
		msg[0] = '\0';
	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
		snprintf(msg, msg_size, "%.200s: path too long", path);
		return -ENAMETOOLONG;
	}
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	err = make_dirs(dir);
	if (err < 0) {
		snprintf(msg, msg_size, "cannot create %.200s: %s", dir,
			strerror(-err));
		return err;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			snprintf(msg, msg_size, "not saving settings: %.200s is "
				"a symbolic link", path);
			return -ELOOP;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(msg, msg_size, "not saving settings: %.200s is "
				"not a regular file", path);
			return -EINVAL;
		}
	}
	snprintf(tmp, sizeof(tmp), "%s/.proctoprc.XXXXXX", dir);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(msg, msg_size, "cannot save settings in %.200s: %s",
			dir, strerror(errno));
		return err;
	}
	sbuf_init(&text);
	ui_config_format(s, &text);
	err = fchmod(fd, 0600) < 0 ? -errno : 0;
	if (!err)
		err = write_all(fd, text.data, text.len);
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	sbuf_fini(&text);
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err) {
		unlink(tmp);
		snprintf(msg, msg_size, "cannot save settings to %.200s: %s",
			path, strerror(-err));
	}
	return err;
}
