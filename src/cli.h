/* cli — the command line, shared by main.c (options, dispatch) and
 * cli_modes.c (the options of the metrics and recording modes).  Private
 * to proctop's executable. */
#ifndef PROCTOP_CLI_H
#define PROCTOP_CLI_H

#include <stdbool.h>

#include "proctop/options.h"

/* getopt_long values of the options without a short form. */
enum long_only {
	OPT_TREE = 256, OPT_THREADS, OPT_HIDE_KTHREADS, OPT_FORMAT,
	OPT_PROC_ROOT, OPT_MAPS, OPT_MEMORY, OPT_READONLY, OPT_NO_MOUSE,
	OPT_NO_COLOR, OPT_DROP_CAPS, OPT_CONFIG, OPT_LIST_COLUMNS,
	OPT_SERVE, OPT_SERVE_MAX_AGE, OPT_GROUP_BY, OPT_GROUP_RULES, OPT_TOP,
	OPT_RECORD, OPT_RECORD_MAX_SIZE, OPT_REPLAY, OPT_FROM, OPT_TO,
	OPT_LIST_KEYS,
};

/* "proctop: <message> (see proctop --help)" on stderr; exits with 2. */
void usage_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* Seconds with an optional '.' fraction (LC_NUMERIC is "C"); false when
 * not a finite number.  The caller checks the range. */
bool parse_seconds(const char *s, double *out);

/* The first process-list option given (-o, -p, -u, --tree, --threads,
 * --hide-kthreads), or NULL: the modes that cover something else refuse
 * them. */
const char *list_option_used(const struct options *opts);

/* --serve, --serve-max-age, --group-by, --group-rules, --top (c is the
 * OPT_ value; arg borrowed from argv). */
void parse_metrics_option(struct options *opts, int c, const char *arg);
/* The first metrics option in argv, for a message; NULL when none. */
const char *metrics_opt_seen(int argc, char **argv);
/* Refuse what the metrics modes cannot combine with (usage_error). */
void check_metrics_options(struct options *opts, const char *seen);
/* --record, --record-max-size, --replay, --from, --to. */
void parse_record_option(struct options *opts, int c, const char *arg);
/* Refuse what recording and replay cannot combine with (usage_error). */
void check_record_options(const struct options *opts);

#endif
