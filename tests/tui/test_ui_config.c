/* test_ui_config — proctoprc parsing, loading and atomic saving. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/check.h"
#include "ui_config.h"

static char dir[256];

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, data, len) == (ssize_t)len);
	close(fd);
}

static bool same(const struct ui_settings *a, const struct ui_settings *b)
{
	if (a->ncols != b->ncols || a->sort_key != b->sort_key ||
	    a->sort_desc != b->sort_desc || a->tree != b->tree ||
	    a->tree_sort_key != b->tree_sort_key ||
	    a->tree_sort_desc != b->tree_sort_desc ||
	    a->program_path != b->program_path ||
	    a->merged_command != b->merged_command ||
	    a->graphs != b->graphs ||
	    a->threads != b->threads || a->hide_kthreads != b->hide_kthreads ||
	    a->color != b->color || a->delay_s < b->delay_s - 1e-9 ||
	    a->delay_s > b->delay_s + 1e-9)
		return false;
	for (size_t i = 0; i < a->ncols; i++)
		if (a->cols[i] != b->cols[i])
			return false;
	return true;
}

/* data/proctoprc documents exactly the built-in defaults. */
static void test_data_file(void)
{
	struct ui_settings def, s;
	char msg[256];

	ui_config_defaults(&def);
	s = def;
	s.tree = true;   /* must be overwritten by the file */
	CHECK_EQ_I(ui_config_load(DATA_DIR "/proctoprc", &s, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");
	CHECK(same(&s, &def));
}

static void test_parse(void)
{
	struct ui_settings def, s;
	char msg[256];
	static const char good[] =
		"# comment\n\n  columns = pid, cmd\nsort=res\nsort_order = asc\n"
		"tree = yes\nthreads=on\nkernel_threads = no\ninterval = 0.5\r\n"
		"tree_sort = time\ntree_sort_order = desc\ncolor = no\n"
		"graphs = yes";

	ui_config_defaults(&def);
	s = def;
	CHECK_EQ_I(ui_config_parse(good, sizeof(good) - 1, &s, msg,
		sizeof(msg)), 0);
	CHECK_EQ_U(s.ncols, 2);
	CHECK(s.cols[0] == COL_PID && s.cols[1] == COL_CMD);
	CHECK(s.sort_key == COL_RES && !s.sort_desc);
	CHECK(s.tree_sort_key == COL_TIME && s.tree_sort_desc);
	CHECK(s.tree && s.threads && s.hide_kthreads && !s.color);
	CHECK(s.delay_s > 0.49 && s.delay_s < 0.51);
	CHECK(s.graphs && !def.graphs);

	static const char *const bad[] = {
		"columns = pid,nosuchcolumn\n", "sort = bogus\n",
		"interval = 3,5\n", "interval = 0\n", "interval = 99999\n",
		"tree = maybe\n", "frobnicate = 1\n", "just some words\n",
		"sort_order = up\n", "tree_sort = bogus\n",
		"tree_sort_order = down\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = def;
		msg[0] = '\0';
		CHECK_EQ_I(ui_config_parse(bad[i], strlen(bad[i]), &s, msg,
			sizeof(msg)), -EINVAL);
		CHECK(same(&s, &def));
		CHECK(!strncmp(msg, "line 1: ", 8));
	}
	/* Good lines around bad ones still apply; the message names the
	 * first bad line (and the column) and counts the others. */
	s = def;
	static const char half[] = "tree = yes\nbogus\n"
		"columns = pid,frob\ninterval = 2\n";
	CHECK_EQ_I(ui_config_parse(half, sizeof(half) - 1, &s, msg,
		sizeof(msg)), -EINVAL);
	CHECK(s.tree);
	CHECK(s.delay_s > 1.99 && s.delay_s < 2.01);
	CHECK(s.ncols == def.ncols && s.cols[0] == def.cols[0]);
	CHECK(!strncmp(msg, "line 2: expected key = value", 28));
	CHECK(strstr(msg, "(and 1 more bad line)") != NULL);
	s = def;
	static const char col[] = "columns = pid,frob\n";
	CHECK_EQ_I(ui_config_parse(col, sizeof(col) - 1, &s, msg,
		sizeof(msg)), -EINVAL);
	CHECK_STR(msg, "line 1: unknown column 'frob'");
	/* interval: not a number vs out of range */
	s = def;
	static const char comma[] = "interval = 1,5\n";
	CHECK_EQ_I(ui_config_parse(comma, sizeof(comma) - 1, &s, msg,
		sizeof(msg)), -EINVAL);
	CHECK(strstr(msg, "not a number") != NULL);
	static const char big[] = "interval = 86401\n";
	CHECK_EQ_I(ui_config_parse(big, sizeof(big) - 1, &s, msg,
		sizeof(msg)), -EINVAL);
	CHECK(strstr(msg, "out of range") != NULL);
	static const char day[] = "interval = 86400\n";
	CHECK_EQ_I(ui_config_parse(day, sizeof(day) - 1, &s, msg,
		sizeof(msg)), 0);
	CHECK(s.delay_s > 86399.0);
}

static void test_load(void)
{
	struct ui_settings def, s;
	char path[512], msg[512];

	ui_config_defaults(&def);
	snprintf(path, sizeof(path), "%s/missing", dir);
	s = def;
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");

	snprintf(path, sizeof(path), "%s/binary", dir);
	static const char binary[] = "tree = yes\n\0\x01\xff garbage";
	write_file(path, binary, sizeof(binary) - 1);
	s = def;
	CHECK(ui_config_load(path, &s, msg, sizeof(msg)) < 0);
	CHECK(same(&s, &def));
	CHECK(strstr(msg, "using the defaults") != NULL);

	/* A malformed line: warned about by number, the rest applies. */
	snprintf(path, sizeof(path), "%s/badline", dir);
	static const char badline[] = "tree = yes\ncolumns = pid,nosuch\n";
	write_file(path, badline, sizeof(badline) - 1);
	s = def;
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), 0);
	CHECK(s.tree);
	CHECK(strstr(msg, "badline line 2: unknown column 'nosuch'; ignored")
		!= NULL);
	s = def;

	snprintf(path, sizeof(path), "%s/huge", dir);
	char *big = malloc(UI_CONFIG_MAX_BYTES + 100);
	memset(big, '#', UI_CONFIG_MAX_BYTES + 100);
	write_file(path, big, UI_CONFIG_MAX_BYTES + 100);
	free(big);
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), -EFBIG);
	CHECK(same(&s, &def));

	/* A directory is not a settings file. */
	CHECK(ui_config_load(dir, &s, msg, sizeof(msg)) < 0);

	snprintf(path, sizeof(path), "%s/shared", dir);
	write_file(path, "tree = yes\n", 11);
	chmod(path, 0666);
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), 0);
	CHECK(s.tree);
	CHECK(strstr(msg, "writable by other") != NULL);
}

static void test_save(void)
{
	struct ui_settings def, s, back;
	char path[512], target[512], msg[512];
	struct stat st;

	ui_config_defaults(&def);
	s = def;
	s.ncols = 3;
	s.cols[0] = COL_PID;
	s.cols[1] = COL_PSS;
	s.cols[2] = COL_CMD;
	s.delay_s = 1.25;
	s.tree = true;
	snprintf(path, sizeof(path), "%s/sub/proctop/proctoprc", dir);
	CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg, sizeof(msg)), 0);
	CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_EQ_U(st.st_mode & 07777, 0600);
	back = def;
	CHECK_EQ_I(ui_config_load(path, &back, msg, sizeof(msg)), 0);
	CHECK(same(&s, &back));
	/* Saving again replaces the file (still 0600). */
	s.tree = false;
	CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg, sizeof(msg)), 0);
	CHECK_EQ_I(ui_config_load(path, &back, msg, sizeof(msg)), 0);
	CHECK(!back.tree);

	/* Never through a symlink: refused, the target is untouched. */
	snprintf(target, sizeof(target), "%s/victim", dir);
	write_file(target, "precious\n", 9);
	snprintf(path, sizeof(path), "%s/link", dir);
	CHECK(symlink(target, path) == 0);
	CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg, sizeof(msg)), -ELOOP);
	CHECK(strstr(msg, "symbolic link") != NULL);
	char buf[32] = { 0 };
	int fd = open(target, O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 9);
	if (fd >= 0)
		close(fd);
	CHECK_STR(buf, "precious\n");
	CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode));
}

static bool file_has(const char *path, const char *text)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

/* Two instances: A changes tree, B changes the sort; both survive,
 * whichever quits last. */
static void test_merge(void)
{
	struct ui_settings def, a_base, a, b_base, b, out, back;
	char path[512], msg[512];

	ui_config_defaults(&def);
	snprintf(path, sizeof(path), "%s/merge/proctoprc", dir);
	CHECK_EQ_I(ui_config_save(path, NULL, &def, NULL, msg, sizeof(msg)),
		0);
	a_base = def;
	CHECK_EQ_I(ui_config_load(path, &a_base, msg, sizeof(msg)), 0);
	b_base = a_base;
	a = a_base;
	b = b_base;
	a.tree = true;
	a.delay_s = 2.5;
	b.sort_key = COL_PID;
	b.sort_desc = false;
	CHECK_EQ_I(ui_config_save(path, &a_base, &a, &out, msg, sizeof(msg)),
		0);
	CHECK_STR(msg, "");
	CHECK(same(&out, &a));
	CHECK_EQ_I(ui_config_save(path, &b_base, &b, &out, msg, sizeof(msg)),
		0);
	CHECK(out.tree && out.delay_s > 2.49 && out.sort_key == COL_PID &&
		!out.sort_desc);
	back = def;
	CHECK_EQ_I(ui_config_load(path, &back, msg, sizeof(msg)), 0);
	CHECK(same(&back, &out));
	/* A key both changed: the last to save wins. */
	a_base = a;
	a.tree = false;
	b_base = out;
	b.tree = true;
	b_base.tree = false;
	CHECK_EQ_I(ui_config_save(path, &a_base, &a, &out, msg, sizeof(msg)),
		0);
	CHECK(!out.tree && out.sort_key == COL_PID);
	CHECK_EQ_I(ui_config_save(path, &b_base, &b, &out, msg, sizeof(msg)),
		0);
	CHECK(out.tree);
	/* Columns count as one key. */
	a_base = out;
	a = out;
	a.ncols = 2;
	a.cols[0] = COL_PID;
	a.cols[1] = COL_CMD;
	CHECK_EQ_I(ui_config_save(path, &a_base, &a, &out, msg, sizeof(msg)),
		0);
	CHECK(out.ncols == 2 && out.cols[1] == COL_CMD && out.tree);
}

/* A file proctop refused is kept as proctoprc.bad before a save replaces
 * it (an older .bad is replaced); the load message says so. */
static void test_bad_kept(void)
{
	struct ui_settings def, s, out;
	char path[512], bad[520], msg[512];
	static const char binary[] = "tree = yes\n\001\002 garbage\n";
	static const char badline[] = "tree = yes\ncolumns = pid,nosuch\n";

	ui_config_defaults(&def);
	snprintf(path, sizeof(path), "%s/bad/proctoprc", dir);
	snprintf(bad, sizeof(bad), "%s.bad", path);
	CHECK_EQ_I(ui_config_save(path, NULL, &def, NULL, msg, sizeof(msg)),
		0);
	write_file(path, binary, sizeof(binary) - 1);
	s = def;
	CHECK(ui_config_load(path, &s, msg, sizeof(msg)) < 0);
	CHECK(strstr(msg, "(saving keeps it as proctoprc.bad)") != NULL);
	s.sort_key = COL_PID;
	CHECK_EQ_I(ui_config_save(path, &def, &s, &out, msg, sizeof(msg)), 0);
	CHECK(strstr(msg, "binary data at byte 11") != NULL);
	CHECK(strstr(msg, "kept as ") != NULL);
	CHECK(strstr(msg, "/bad/proctoprc.bad") != NULL);
	CHECK(file_has(bad, "garbage"));
	CHECK(file_has(path, "sort = pid"));
	CHECK(same(&out, &s));

	/* Bad lines: the same; the older .bad is replaced. */
	write_file(path, badline, sizeof(badline) - 1);
	s = def;
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), 0);
	CHECK(strstr(msg, "; ignored (saving keeps it as proctoprc.bad)"));
	struct ui_settings base = s;
	s.color = false;
	CHECK_EQ_I(ui_config_save(path, &base, &s, NULL, msg, sizeof(msg)), 0);
	CHECK(strstr(msg, "unknown column 'nosuch'") != NULL);
	CHECK(file_has(bad, "nosuch") && !file_has(bad, "garbage"));
	CHECK(file_has(path, "color = no") && file_has(path, "tree = yes"));

	/* Good at start, broken by the time of the save: kept and warned. */
	base = def;
	CHECK_EQ_I(ui_config_save(path, NULL, &def, NULL, msg, sizeof(msg)),
		0);
	CHECK_EQ_I(ui_config_load(path, &base, msg, sizeof(msg)), 0);
	write_file(path, "interval = fast\n", 16);
	s = base;
	s.threads = true;
	CHECK_EQ_I(ui_config_save(path, &base, &s, NULL, msg, sizeof(msg)), 0);
	CHECK(strstr(msg, "kept as") != NULL);
	CHECK(file_has(bad, "interval = fast"));
	CHECK(file_has(path, "threads = yes"));
	/* A good file is replaced without a .bad. */
	unlink(bad);
	CHECK_EQ_I(ui_config_save(path, &s, &s, NULL, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "");
	CHECK(access(bad, F_OK) < 0);
}

/* A symlinked config directory is followed only to the user's own
 * directory (owner = euid, not writable by group or others). */
static void test_dir_link(void)
{
	struct ui_settings def, s;
	char target[512], link[512], path[600], msg[512];

	ui_config_defaults(&def);
	snprintf(target, sizeof(target), "%s/realdir", dir);
	snprintf(link, sizeof(link), "%s/linked", dir);
	CHECK(mkdir(target, 0700) == 0);
	CHECK(symlink(target, link) == 0);
	snprintf(path, sizeof(path), "%s/proctoprc", link);
	s = def;
	s.tree = true;
	CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg, sizeof(msg)), 0);
	s = def;
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), 0);
	CHECK(s.tree);

	/* Writable by others: refused both ways, nothing written. */
	chmod(target, 0777);
	s = def;
	CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)), -EPERM);
	CHECK(!s.tree);
	CHECK(strstr(msg, "is a symbolic link to a directory writable by "
		"other users") != NULL);
	s.color = false;
	CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg, sizeof(msg)),
		-EPERM);
	CHECK(strstr(msg, "not saving settings") != NULL);
	snprintf(path, sizeof(path), "%s/proctoprc", target);
	CHECK(file_has(path, "color = yes"));
	chmod(target, 0700);

	/* Owned by another user (needs root to set up). */
	if (geteuid() == 0 && chown(target, 65534, 65534) == 0) {
		snprintf(path, sizeof(path), "%s/proctoprc", link);
		CHECK_EQ_I(ui_config_load(path, &s, msg, sizeof(msg)),
			-EPERM);
		CHECK(strstr(msg, "owned by another user") != NULL);
		CHECK_EQ_I(ui_config_save(path, NULL, &s, NULL, msg,
			sizeof(msg)), -EPERM);
	}
}

static void test_path(void)
{
	struct options o;
	char buf[256];

	memset(&o, 0, sizeof(o));
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	CHECK_EQ_I(ui_config_path(&o, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "/x/cfg/proctop/proctoprc");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	CHECK_EQ_I(ui_config_path(&o, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "/home/u/.config/proctop/proctoprc");
	o.config_path = "/etc/other";
	CHECK_EQ_I(ui_config_path(&o, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "/etc/other");
	CHECK_EQ_I(ui_config_path(&o, buf, 4), -ENAMETOOLONG);
}

int main(void)
{
	char cmd[300];

	snprintf(dir, sizeof(dir), "/tmp/proctop-cfg.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_data_file();
	test_parse();
	test_load();
	test_save();
	test_merge();
	test_bad_kept();
	test_dir_link();
	test_path();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	return check_done();
}
