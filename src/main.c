/* main — command-line options and mode dispatch (TUI or batch).
 *
 * The only place that exits with a usage error (status 2).  Global process
 * state is set here and nowhere else: the locale (LC_NUMERIC stays "C" so
 * every number, parsed or printed, uses '.'), the standard descriptors
 * (a closed one is replaced so /proc files never land on it) and, in batch
 * mode, SIGPIPE (ignored, so a closed pipe is an EPIPE write error). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "proctop/batch.h"
#include "proctop/caps.h"
#include "proctop/columns.h"
#include "proctop/options.h"
#include "proctop/record.h"
#include "proctop/recorder.h"
#include "proctop/recstore.h"
#include "proctop/reports.h"
#include "proctop/serve.h"
#include "proctop/ui.h"
#include "proctop/xalloc.h"

#include "cli.h"

#define EXIT_USAGE 2
#define DELAY_MIN_S 0.1
#define DELAY_MAX_S 86400.0
#define WIDTH_MAX 65536

static const struct option long_options[] = {
	{ "batch",             no_argument,       NULL, 'b' },
	{ "iterations",        required_argument, NULL, 'n' },
	{ "delay",             required_argument, NULL, 'd' },
	{ "columns",           required_argument, NULL, 'o' },
	{ "sort",              required_argument, NULL, 's' },
	{ "pid",               required_argument, NULL, 'p' },
	{ "user",              required_argument, NULL, 'u' },
	{ "width",             required_argument, NULL, 'w' },
	{ "tree",              no_argument,       NULL, OPT_TREE },
	{ "threads",           no_argument,       NULL, OPT_THREADS },
	{ "hide-kthreads",     no_argument,       NULL, OPT_HIDE_KTHREADS },
	{ "format",            required_argument, NULL, OPT_FORMAT },
	{ "proc-root",         required_argument, NULL, OPT_PROC_ROOT },
	{ "maps",              required_argument, NULL, OPT_MAPS },
	{ "memory",            no_argument,       NULL, OPT_MEMORY },
	{ "readonly",          no_argument,       NULL, OPT_READONLY },
	{ "no-mouse",          no_argument,       NULL, OPT_NO_MOUSE },
	{ "no-color",          no_argument,       NULL, OPT_NO_COLOR },
	{ "drop-capabilities", optional_argument, NULL, OPT_DROP_CAPS },
	{ "config",            required_argument, NULL, OPT_CONFIG },
	{ "list-columns",      no_argument,       NULL, OPT_LIST_COLUMNS },
	{ "list-keys",         no_argument,       NULL, OPT_LIST_KEYS },
	{ "serve",             required_argument, NULL, OPT_SERVE },
	{ "serve-max-age",     required_argument, NULL, OPT_SERVE_MAX_AGE },
	{ "group-by",          required_argument, NULL, OPT_GROUP_BY },
	{ "group-rules",       required_argument, NULL, OPT_GROUP_RULES },
	{ "top",               required_argument, NULL, OPT_TOP },
	{ "record",            required_argument, NULL, OPT_RECORD },
	{ "record-max-size",   required_argument, NULL, OPT_RECORD_MAX_SIZE },
	{ "replay",            required_argument, NULL, OPT_REPLAY },
	{ "from",              required_argument, NULL, OPT_FROM },
	{ "to",                required_argument, NULL, OPT_TO },
	{ "help",              no_argument,       NULL, 'h' },
	{ "version",           no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char short_options[] = ":bn:d:o:s:p:u:w:hV";

/* --help, in parts (a C string literal may be at most 4095 bytes). */
static const char *const usage_text[] = {
"Usage: proctop [OPTION]...\n"
"A process and memory monitor for Linux.  Without -b it runs interactively.\n"
"\n"
"Modes:\n"
"  -b, --batch              write reports to stdout instead of the screen\n"
"      --maps PID           batch: the address-space map of PID, as pmap -X,\n"
"                           with totals and a summary by kind (implies -b)\n"
"      --memory             batch: memory, swap, vmstat rates and the top swap\n"
"                           users (implies -b; -s swap|res|resswap|pss)\n"
"                           --maps and --memory take only -n, -d, --format, -w\n"
"\n"
"What to show:\n"
"  -o, --columns LIST       comma-separated column keys (see --list-columns);\n"
"                           a repeated -o adds columns, each shown once\n"
"  -s, --sort KEY           sort by column KEY; +KEY ascending, -KEY descending\n"
"                           (default: cpu, descending)\n"
"  -p, --pid LIST           only these pids (comma-separated; repeatable)\n"
"  -u, --user NAME|UID      only processes owned by this user\n"
"                           (batch: exit 1 if -p/-u match nothing at first)\n"
"      --tree               children under their parents\n"
"      --threads            userland threads under their process\n"
"      --hide-kthreads      hide kernel threads\n"
"\n",
"Recording and replay:\n"
"      --record DIR         sample every -d seconds (default 10) into the\n"
"                           recording directory DIR until SIGTERM/SIGINT\n"
"      --record-max-size SIZE  remove the oldest files of DIR beyond SIZE\n"
"                           (K, M, G suffixes; default: no limit)\n"
"      --replay PATH        the usual screens on a recording (a directory or\n"
"                           one .ptr file), with a time bar: ( ) sample,\n"
"                           { } minute, A D hour, B E ends, J go to a time,\n"
"                           Z play; with -b: its batch reports\n"
"      --from TIME, --to TIME  with -b --replay, only the samples from/to\n"
"                           TIME: HH:MM[:SS] (today) or\n"
"                           'YYYY-MM-DD HH:MM[:SS]', local time\n"
"\n",
"Batch output:\n"
"  -n, --iterations N       N reports, then exit (default 0: until killed)\n"
"  -d, --delay SECONDS      seconds between refreshes, 0.1 to 86400, '.' as\n"
"                           the decimal point (default 3; also interactive)\n"
"      --format FORMAT      text (top -b style), json (JSON Lines), csv,\n"
"                           openmetrics or prometheus (metrics, as --serve);\n"
"                           json/csv time: unix seconds, 3 decimals\n"
"  -w, --width N            text line width (default: $COLUMNS, the terminal,\n"
"                           or 200)\n"
"\n",
"Interactive mode:\n"
"      --readonly           disable every action (kill, renice, affinity,\n"
"                           scheduling policy)\n"
"      --no-mouse           ignore the mouse\n"
"      --no-color           monochrome\n"
"      --config FILE        settings file (default:\n"
"                           $XDG_CONFIG_HOME/proctop/proctoprc)\n"
"\n",
"Prometheus metrics:\n"
"      --serve [ADDR:]PORT  serve GET /metrics over HTTP until SIGTERM/SIGINT\n"
"                           (ADDR default 127.0.0.1; [::1]:PORT for IPv6);\n"
"                           no terminal, never any action (implies\n"
"                           --drop-capabilities=strict)\n"
"      --serve-max-age SECONDS\n"
"                           scrapes within this age share one sample\n"
"                           (0.1 to 3600, default 1)\n"
"      --group-by KEY       sum processes by comm (default), user, cgroup\n"
"                           (systemd unit) or rules (--group-rules)\n"
"      --group-rules FILE   NAME comm|exe|cmdline REGEX per line; the first\n"
"                           match names the group (implies --group-by rules)\n"
"      --top N:RES          also the N largest processes by cpu, res, swap,\n"
"                           pss or fds, the rest summed as \"other\"\n"
"\n",
"General:\n"
"      --proc-root DIR      read processes from DIR instead of /proc\n"
"      --drop-capabilities[=off|basic|strict]\n"
"                           keep only the capabilities proctop uses\n"
"                           (default basic; strict implies --readonly)\n"
"      --list-columns       list every column key with its aliases, unit\n"
"                           and source\n"
"      --list-keys          list every key of the interactive mode, by screen\n"
"  -h, --help               this help\n"
"  -V, --version            the version\n"
"\n"
"Exit status: 0 ok, 1 runtime error, 2 usage error.\n"
"Keys: press F1 (or h, ?) in proctop.  Columns, output formats, memory\n"
"figures, keys and permissions: man proctop.\n",
};

/* One-line usage error on stderr ending in `hint`; exits with status 2. */
static void __attribute__((noreturn, format(printf, 2, 0)))
usage_exit(const char *hint, const char *fmt, va_list ap)
{
	fputs("proctop: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, " (%s)\n", hint);
	exit(EXIT_USAGE);
}

/* One-line usage error on stderr; exits with status 2. */
void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_exit("see proctop --help", fmt, ap);
}

/* Usage error whose own hint replaces "(see proctop --help)". */
static void __attribute__((noreturn, format(printf, 2, 3)))
usage_error_hint(const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_exit(hint, fmt, ap);
}

/* Parse a whole decimal integer in [min, max]; false if it is not one. */
static bool parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!(*s >= '0' && *s <= '9') && !(*s == '-' && s[1] >= '0' &&
	    s[1] <= '9'))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* Seconds with an optional '.' fraction (LC_NUMERIC is "C" here). */
bool parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!*s || strspn(s, "0123456789.") != strlen(s))
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Append the pids of a comma-separated list to opts->pids. */
static void parse_pids(struct options *opts, const char *list)
{
	const char *p = list;

	if (!*list)
		usage_error("empty pid list");
	while (*p) {
		size_t len = strcspn(p, ",");
		char num[24];
		long v;

		if (len == 0 || len >= sizeof(num))
			usage_error("invalid pid list '%s'", list);
		memcpy(num, p, len);
		num[len] = '\0';
		if (!parse_long(num, 1, INT_MAX, &v))
			usage_error("invalid pid '%s'", num);
		opts->pids = xreallocarray(opts->pids, opts->npids + 1,
			sizeof(*opts->pids));
		opts->pids[opts->npids++] = (pid_t)v;
		p += len;
		if (*p == ',') {
			p++;
			if (!*p)
				usage_error("invalid pid list '%s'", list);
		}
	}
}

/* -u: a user name, else a numeric uid. */
static void parse_user(struct options *opts, const char *arg)
{
	struct passwd *pw;
	long v;

	if (!*arg)
		usage_error("empty user name");
	errno = 0;
	pw = getpwnam(arg);
	if (pw) {
		opts->uid = pw->pw_uid;
	} else if (parse_long(arg, 0, (long)UINT_MAX - 1, &v)) {
		opts->uid = (uid_t)v;
	} else {
		usage_error("unknown user '%s'", arg);
	}
	opts->has_uid = true;
	opts->user_arg = arg;
}

/* -s KEY, +KEY (ascending) or -KEY (descending). */
static void parse_sort(struct options *opts, const char *arg)
{
	const struct column *col;
	int dir = 0;

	if (*arg == '+' || *arg == '-')
		dir = *arg++ == '+' ? 1 : -1;
	col = columns_find(arg);
	if (!col)
		usage_error("unknown sort key '%s'", arg);
	opts->sort_key = columns_id(col);
	opts->sort_desc = dir ? dir < 0 : col->default_desc;
	opts->sort_set = true;
}

/* -o LIST: appended to the columns of earlier -o options (as ps does);
 * a column already chosen is kept once, where it first appeared. */
static void parse_columns(struct options *opts, const char *arg)
{
	enum column_id ids[OPTIONS_MAX_COLUMNS];
	const char *bad = NULL;
	int n = columns_parse_list(arg, ids, OPTIONS_MAX_COLUMNS, &bad);

	if (n == -EINVAL && bad) {
		size_t len = strcspn(bad, ", ");
		usage_error_hint("proctop --list-columns shows them all",
			"unknown column '%.*s'", (int)(len > 64 ? 64 : len), bad);
	}
	if (n == -E2BIG)
		usage_error("too many columns (at most %d)", OPTIONS_MAX_COLUMNS);
	if (n <= 0)
		usage_error("invalid column list '%s'", arg);
	for (size_t i = 0; i < (size_t)n; i++) {
		size_t k = 0;

		while (k < opts->ncols && opts->cols[k] != ids[i])
			k++;
		if (k < opts->ncols)
			continue;
		if (opts->ncols >= OPTIONS_MAX_COLUMNS)
			usage_error("too many columns (at most %d)",
				OPTIONS_MAX_COLUMNS);
		opts->cols[opts->ncols++] = ids[i];
	}
}

static void parse_format(struct options *opts, const char *arg)
{
	if (!strcmp(arg, "text"))
		opts->format = FORMAT_TEXT;
	else if (!strcmp(arg, "json"))
		opts->format = FORMAT_JSON;
	else if (!strcmp(arg, "csv"))
		opts->format = FORMAT_CSV;
	else if (!strcmp(arg, "openmetrics"))
		opts->format = FORMAT_OPENMETRICS;
	else if (!strcmp(arg, "prometheus"))
		opts->format = FORMAT_PROMETHEUS;
	else
		usage_error("unknown format '%s' (text, json, csv, openmetrics "
			"or prometheus)", arg);
}

static void parse_drop_caps(struct options *opts, const char *arg)
{
	if (!arg || !strcmp(arg, "basic"))
		opts->drop_caps = DROP_CAPS_BASIC;
	else if (!strcmp(arg, "off"))
		opts->drop_caps = DROP_CAPS_OFF;
	else if (!strcmp(arg, "strict"))
		opts->drop_caps = DROP_CAPS_STRICT;
	else
		usage_error("invalid --drop-capabilities '%s' (off, basic or "
			"strict)", arg);
}

/* Flush stdout after --help and friends: 0, or 1 with a message. */
static int finish_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == EPIPE)
			return 0;
		fprintf(stderr, "proctop: write error: %s\n",
			errno ? strerror(errno) : "unknown error");
		return 1;
	}
	return 0;
}

enum { F_KEY, F_ALIASES, F_HEADER, F_UNIT, F_JSON, F_SOURCE, F_DESC,
	F_COUNT };

/* The --list-columns fields of row i: 0 is the title row, i > 0 is
 * columns_table[i - 1].  Missing values print as "-".  The aliases are
 * joined with ',' into `aliases` (size n). */
static void column_fields(size_t i, const char *f[F_COUNT], char *aliases,
	size_t n)
{
	static const char *const titles[F_COUNT] = {
		"KEY", "ALIASES", "HEADER", "UNIT", "FIELD", "SOURCE",
		"DESCRIPTION" };

	if (i == 0) {
		memcpy(f, titles, sizeof(titles));
		return;
	}
	aliases[0] = '\0';
	for (size_t k = 0, used = 0; used < n; k++) {
		const char *a = columns_alias((enum column_id)(i - 1), k);
		if (!a)
			break;
		used += (size_t)snprintf(aliases + used, n - used, "%s%s",
			k ? "," : "", a);
	}
	const struct column *c = &columns_table[i - 1];
	const char *v[F_COUNT] = { c->key, aliases, c->header, c->unit,
		c->json_key, c->source, c->desc };
	for (int k = 0; k < F_COUNT; k++)
		f[k] = v[k] && *v[k] ? v[k] : "-";
}

/* --list-columns: key, ps/top aliases, header, unit, JSON/CSV field,
 * source and description of every column, aligned (the widest entry sets
 * a width). */
static int list_columns(void)
{
	int width[F_COUNT] = { 0 };
	const char *f[F_COUNT];
	char aliases[128];

	for (size_t i = 0; i <= COL_COUNT; i++) {
		column_fields(i, f, aliases, sizeof(aliases));
		for (int k = 0; k < F_COUNT; k++) {
			int n = (int)strlen(f[k]);
			width[k] = n > width[k] ? n : width[k];
		}
	}
	for (size_t i = 0; i <= COL_COUNT; i++) {
		column_fields(i, f, aliases, sizeof(aliases));
		printf("%-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %s\n",
			width[F_KEY], f[F_KEY], width[F_ALIASES], f[F_ALIASES],
			width[F_HEADER], f[F_HEADER], width[F_UNIT], f[F_UNIT],
			width[F_JSON], f[F_JSON], width[F_SOURCE], f[F_SOURCE],
			f[F_DESC]);
	}
	return finish_stdout();
}

static void options_defaults(struct options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->iterations = 0;
	opts->delay_s = OPTIONS_DEFAULT_DELAY_S;
	opts->format = FORMAT_TEXT;
	opts->sort_key = COL_CPU;
	opts->sort_desc = true;
	opts->proc_root = "/proc";
	opts->drop_caps = DROP_CAPS_BASIC;
	opts->serve_max_age_s = 1.0;
	opts->group_by = EXPORT_BY_COMM;
}

/* The first process-list option given (-o, -p, -u, --tree, --threads,
 * --hide-kthreads), or NULL: the modes that cover something else refuse
 * them. */
const char *list_option_used(const struct options *opts)
{
	if (opts->ncols)
		return "-o";
	if (opts->npids)
		return "-p";
	if (opts->has_uid)
		return "-u";
	if (opts->tree)
		return "--tree";
	if (opts->threads)
		return "--threads";
	if (opts->hide_kthreads)
		return "--hide-kthreads";
	return NULL;
}

/* --maps and --memory take only -n, -d, --format and -w (and --memory -s
 * with a key its swap-user table sorts by): anything else is a usage
 * error, not silently ignored. */
static void check_report_options(const struct options *opts)
{
	const char *mode = opts->maps_pid ? "--maps" : "--memory";
	const char *bad = list_option_used(opts);

	if (!bad && opts->sort_set && opts->maps_pid)
		bad = "-s";
	if (bad)
		usage_error("%s does not take %s: it takes only -n, -d, "
			"--format%s and -w", mode, bad,
			opts->memory ? ", -s" : "");
	if (opts->memory && opts->sort_set && opts->sort_key != COL_SWAP &&
	    opts->sort_key != COL_RES && opts->sort_key != COL_RESSWAP &&
	    opts->sort_key != COL_PSS)
		usage_error("--memory sorts the swap users by swap, res, "
			"resswap or pss, not '%s'",
			columns_table[opts->sort_key].key);
}

/* What main should do after parsing. */
enum action {
	ACT_RUN, ACT_HELP, ACT_VERSION, ACT_LIST_COLUMNS, ACT_LIST_KEYS
};

static enum action parse_args(int argc, char **argv, struct options *opts)
{
	enum action act = ACT_RUN;
	long v;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, short_options, long_options,
			NULL)) != -1) {
		switch (c) {
		case 'b':
			opts->batch = true;
			break;
		case 'n':
			if (!parse_long(optarg, 0, LONG_MAX, &v))
				usage_error("invalid iteration count '%s'", optarg);
			opts->iterations = v;
			break;
		case 'd':
			if (!parse_seconds(optarg, &opts->delay_s))
				usage_error("invalid delay '%s' (seconds, e.g. 1.5)",
					optarg);
			if (opts->delay_s < DELAY_MIN_S || opts->delay_s > DELAY_MAX_S)
				usage_error("delay '%s' out of range (0.1 to 86400 "
					"seconds)", optarg);
			opts->delay_set = true;
			break;
		case 'o':
			parse_columns(opts, optarg);
			break;
		case 's':
			parse_sort(opts, optarg);
			break;
		case 'p':
			parse_pids(opts, optarg);
			break;
		case 'u':
			parse_user(opts, optarg);
			break;
		case 'w':
			if (!parse_long(optarg, 1, WIDTH_MAX, &v))
				usage_error("invalid width '%s' (1 to %d)", optarg,
					WIDTH_MAX);
			opts->width = (int)v;
			break;
		case OPT_TREE:
			opts->tree = true;
			break;
		case OPT_THREADS:
			opts->threads = true;
			break;
		case OPT_HIDE_KTHREADS:
			opts->hide_kthreads = true;
			break;
		case OPT_FORMAT:
			parse_format(opts, optarg);
			break;
		case OPT_PROC_ROOT:
			if (!*optarg)
				usage_error("empty --proc-root");
			opts->proc_root = optarg;
			break;
		case OPT_MAPS:
			if (!parse_long(optarg, 1, INT_MAX, &v))
				usage_error("invalid pid '%s' for --maps", optarg);
			opts->maps_pid = (pid_t)v;
			break;
		case OPT_MEMORY:
			opts->memory = true;
			break;
		case OPT_READONLY:
			opts->readonly = true;
			break;
		case OPT_NO_MOUSE:
			opts->no_mouse = true;
			break;
		case OPT_NO_COLOR:
			opts->no_color = true;
			break;
		case OPT_DROP_CAPS:
			parse_drop_caps(opts, optarg);
			break;
		case OPT_CONFIG:
			if (!*optarg)
				usage_error("empty --config");
			opts->config_path = optarg;
			break;
		case OPT_LIST_COLUMNS:
			act = ACT_LIST_COLUMNS;
			break;
		case OPT_LIST_KEYS:
			act = ACT_LIST_KEYS;
			break;
		case OPT_SERVE:
		case OPT_SERVE_MAX_AGE:
		case OPT_GROUP_BY:
		case OPT_GROUP_RULES:
		case OPT_TOP:
			parse_metrics_option(opts, c, optarg);
			break;
		case OPT_RECORD: case OPT_RECORD_MAX_SIZE: case OPT_REPLAY:
		case OPT_FROM: case OPT_TO:
			parse_record_option(opts, c, optarg);
			break;
		case 'h':
			return ACT_HELP;
		case 'V':
			return ACT_VERSION;
		case ':':
			usage_error("option '%s' needs an argument",
				argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (opts->maps_pid && opts->memory)
		usage_error("--maps and --memory cannot be combined");
	if (opts->maps_pid || opts->memory)
		check_report_options(opts);
	if (opts->record_path || opts->replay_path || opts->has_from ||
	    opts->has_to || opts->record_max_size)
		check_record_options(opts);
	if (opts->maps_pid || opts->memory)
		opts->batch = true;
	check_metrics_options(opts, metrics_opt_seen(argc, argv));
	if (opts->drop_caps == DROP_CAPS_STRICT)
		opts->readonly = true;
	return act;
}

/* A closed standard descriptor is replaced by /dev/null opened read-only:
 * /proc files then never land on fd 0-2, and a write to a closed stdout
 * still fails (EBADF), as it should. */
static void guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int nfd = open("/dev/null", O_RDONLY);
		if (nfd < 0)
			_exit(1);
		if (nfd != fd) {
			/* A lower descriptor was free too; fill in order. */
			if (dup2(nfd, fd) < 0)
				_exit(1);
			close(nfd);
		}
	}
}

/* The proc root must exist and look like procfs (the system files every
 * mode reads); 0, or 1 after a message naming what is missing. */
static int check_proc_root(const char *root)
{
	static const char *const files[] = { "stat", "meminfo" };
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "proctop: cannot open %s: %s\n", root,
			strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (faccessat(fd, files[i], R_OK, 0) == 0)
			continue;
		if (errno == ENOENT)
			fprintf(stderr, "proctop: %s does not look like a proc "
				"filesystem (no %s file)\n", root, files[i]);
		else
			fprintf(stderr, "proctop: cannot read %s/%s: %s\n",
				root, files[i], strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct options opts;
	enum action act;
	int rc;

	guard_std_fds();
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");

	options_defaults(&opts);
	act = parse_args(argc, argv, &opts);
	switch (act) {
	case ACT_HELP:
		for (size_t i = 0; i < sizeof(usage_text) / sizeof(*usage_text);
		     i++)
			fputs(usage_text[i], stdout);
		return finish_stdout();
	case ACT_VERSION:
		printf("proctop %s\n", PROCTOP_VERSION);
		return finish_stdout();
	case ACT_LIST_COLUMNS:
		return list_columns();
	case ACT_LIST_KEYS:
		ui_list_keys(stdout);
		return finish_stdout();
	case ACT_RUN:
		break;
	}

	/* Before anything under /proc is read. */
	rc = caps_drop(opts.drop_caps);
	if (rc < 0) {
		fprintf(stderr, "proctop: cannot drop capabilities: %s\n",
			strerror(-rc));
		if (opts.drop_caps == DROP_CAPS_STRICT)
			return 1;
	}

	if (opts.replay_path) {
		if (opts.batch) {
			signal(SIGPIPE, SIG_IGN);
			rc = replay_batch_run(&opts);
		} else {
			rc = ui_run(&opts);
		}
		free(opts.pids);
		return rc;
	}
	if (check_proc_root(opts.proc_root)) {
		free(opts.pids);
		return 1;
	}
	if (opts.serve) {
		signal(SIGPIPE, SIG_IGN);
		rc = serve_run(&opts);
	} else if (opts.record_path) {
		rc = recorder_run(&opts);
	} else if (opts.batch) {
		signal(SIGPIPE, SIG_IGN);
		if (opts.maps_pid)
			rc = reports_maps_run(&opts);
		else if (opts.memory)
			rc = reports_memory_run(&opts);
		else
			rc = batch_run(&opts);
	} else {
		rc = ui_run(&opts);
	}
	free(opts.pids);
	return rc;
}
