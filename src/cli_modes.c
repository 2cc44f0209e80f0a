/* cli_modes — the options of proctop's metrics (--serve, --format
 * openmetrics) and recording (--record, --replay) modes (see cli.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "proctop/export.h"
#include "proctop/record.h"
#include "proctop/recstore.h"
#include "proctop/serve.h"

#include "cli.h"

/* ---- metrics: --serve, --format openmetrics|prometheus ---------------- */

void parse_metrics_option(struct options *opts, int c, const char *arg)
{
	char host[64];
	int port;

	switch (c) {
	case OPT_SERVE:
		if (serve_parse_addr(arg, host, sizeof(host), &port) < 0)
			usage_error("invalid --serve address '%s' ([ADDR:]PORT, "
				"e.g. 9256, 0.0.0.0:9256 or [::1]:9256)", arg);
		opts->serve = arg;
		break;
	case OPT_SERVE_MAX_AGE:
		if (!parse_seconds(arg, &opts->serve_max_age_s) ||
		    opts->serve_max_age_s < 0.1 || opts->serve_max_age_s > 3600)
			usage_error("invalid --serve-max-age '%s' (0.1 to 3600 "
				"seconds)", arg);
		break;
	case OPT_GROUP_BY:
		if (export_parse_group_by(arg, &opts->group_by) < 0)
			usage_error("invalid --group-by '%s' (comm, user, cgroup "
				"or rules)", arg);
		break;
	case OPT_GROUP_RULES:
		if (!*arg)
			usage_error("empty --group-rules");
		opts->group_rules = arg;
		opts->group_by = EXPORT_BY_RULES;
		break;
	case OPT_TOP:
		if (export_parse_top(arg, &opts->top_n, &opts->top_res) < 0)
			usage_error("invalid --top '%s' (N:RES, N 1 to %d, RES "
				"cpu, res, swap, pss or fds)", arg,
				EXPORT_TOP_MAX);
		break;
	}
}

/* The first metrics-only option on the command line, or NULL. */
const char *metrics_opt_seen(int argc, char **argv)
{
	static const char *const names[] = { "--serve-max-age", "--group-by",
		"--group-rules", "--top" };

	for (int i = 1; i < argc; i++)
		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (!strncmp(argv[i], names[k], strlen(names[k])))
				return names[k];
	return NULL;
}

/* --serve runs alone; the grouping options need --serve or a metrics
 * format; a metrics format takes no process-list options. */
void check_metrics_options(struct options *opts, const char *seen)
{
	bool fmt = opts->format == FORMAT_OPENMETRICS ||
		opts->format == FORMAT_PROMETHEUS;
	const char *bad;

	if (opts->group_by == EXPORT_BY_RULES && !opts->group_rules)
		usage_error("--group-by rules needs --group-rules FILE");
	if (!opts->serve && !fmt) {
		if (seen)
			usage_error("%s needs --serve or --format openmetrics|"
				"prometheus", seen);
		return;
	}
	if (opts->serve && (opts->batch || fmt))
		usage_error("--serve cannot be combined with -b, --maps, "
			"--memory or --format");
	if (fmt && (opts->maps_pid || opts->memory))
		usage_error("--format openmetrics|prometheus is not for --maps "
			"or --memory");
	if (fmt && !opts->batch)
		usage_error("--format %s needs -b (or use --serve)",
			opts->format == FORMAT_OPENMETRICS ? "openmetrics" :
			"prometheus");
	bad = list_option_used(opts);
	if (!bad && opts->sort_set)
		bad = "-s";
	if (bad)
		usage_error("metrics cover every process: %s does not apply",
			bad);
	if (opts->serve)
		opts->drop_caps = DROP_CAPS_STRICT;   /* no actions, ever */
}

/* --record, --record-max-size, --replay, --from, --to. */
void parse_record_option(struct options *opts, int c, const char *arg)
{
	uint64_t size;
	time_t t;

	if (!*arg)
		usage_error("empty argument for an option");
	switch (c) {
	case OPT_RECORD:
		opts->record_path = arg;
		break;
	case OPT_RECORD_MAX_SIZE:
		if (rec_parse_size(arg, &size) < 0 || size < (64u << 10))
			usage_error("invalid --record-max-size '%s' (a size "
				"such as 500M or 2G, at least 64K)", arg);
		opts->record_max_size = size;
		break;
	case OPT_REPLAY:
		opts->replay_path = arg;
		break;
	default:
		if (rec_parse_time(arg, time(NULL), &t) < 0)
			usage_error("invalid time '%s' (HH:MM[:SS] or "
				"'YYYY-MM-DD HH:MM[:SS]')", arg);
		if (c == OPT_FROM) {
			opts->from = t;
			opts->has_from = true;
		} else {
			opts->to = t;
			opts->has_to = true;
		}
	}
}

/* --record takes only -d, --record-max-size, --proc-root and
 * --drop-capabilities; --from/--to need --replay; --replay reads no
 * /proc and takes no -d; --from/--to are batch's (the TUI moves in time
 * with its keys). */
void check_record_options(const struct options *opts)
{
	if (opts->record_path) {
		if (opts->batch || opts->replay_path || opts->maps_pid ||
		    opts->memory || opts->ncols || opts->npids ||
		    opts->has_uid || opts->sort_set || opts->tree ||
		    opts->threads || opts->has_from || opts->has_to ||
		    opts->iterations)
			usage_error("--record takes only -d, "
				"--record-max-size, --proc-root and "
				"--drop-capabilities");
		return;
	}
	if (opts->record_max_size)
		usage_error("--record-max-size needs --record");
	if (!opts->replay_path)
		usage_error("--from and --to need --replay");
	if (opts->maps_pid || opts->memory)
		usage_error("--replay cannot be combined with %s",
			opts->maps_pid ? "--maps" : "--memory");
	if (opts->delay_set)
		usage_error("--replay does not take -d (the samples are the "
			"recorded ones)");
	if (!opts->batch && (opts->has_from || opts->has_to))
		usage_error("--from and --to need -b (the interactive replay "
			"goes to a time with J)");
	if (opts->has_from && opts->has_to && opts->to < opts->from)
		usage_error("--to is before --from");
}
