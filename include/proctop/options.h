/* options — what the command line (and the config file) asked for.
 * Filled by main.c; read by the TUI and batch mode. */
#ifndef PROCTOP_OPTIONS_H
#define PROCTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "proctop/columns.h"
#include "proctop/export.h"

enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV,
	FORMAT_OPENMETRICS, FORMAT_PROMETHEUS };

enum drop_caps { DROP_CAPS_OFF, DROP_CAPS_BASIC, DROP_CAPS_STRICT };

#define OPTIONS_MAX_COLUMNS 64

struct options {
	bool batch;                  /* -b */
	long iterations;             /* -n; 0 = forever */
	double delay_s;              /* -d, seconds (0.1 to 86400) */
	bool delay_set;              /* -d was given (config must not override) */
	enum output_format format;   /* --format */
	enum column_id cols[OPTIONS_MAX_COLUMNS];   /* -o, repeated -o appended,
	                                               each column once */
	size_t ncols;                /* 0 = the mode's default set */
	enum column_id sort_key;     /* -s */
	bool sort_desc;
	bool sort_set;
	pid_t *pids;                 /* -p, owned */
	size_t npids;
	bool has_uid;                /* -u */
	uid_t uid;
	const char *user_arg;        /* -u as given (borrowed argv), or NULL */
	bool tree;                   /* --tree */
	bool threads;                /* --threads */
	bool hide_kthreads;          /* --hide-kthreads */
	int width;                   /* -w; 0 = COLUMNS or 200 */
	const char *proc_root;       /* --proc-root, default "/proc" */
	pid_t maps_pid;              /* --maps PID (batch), 0 = none */
	bool memory;                 /* --memory (batch) */
	bool readonly;               /* --readonly */
	bool no_mouse;               /* --no-mouse */
	bool no_color;               /* --no-color */
	enum drop_caps drop_caps;    /* --drop-capabilities */
	const char *config_path;     /* --config FILE, NULL = XDG default */

	/* Metrics: --serve, or -b --format openmetrics|prometheus. */
	const char *serve;           /* --serve [ADDR:]PORT (argv), NULL = off */
	double serve_max_age_s;      /* --serve-max-age, default 1 */
	enum export_group_by group_by;   /* --group-by, default comm */
	const char *group_rules;     /* --group-rules FILE (argv) or NULL */
	size_t top_n;                /* --top N:RES, 0 = off */
	enum export_res top_res;
	/* Recording and replay (src/record) */
	const char *record_path;     /* --record DIR, or NULL */
	unsigned long long record_max_size; /* --record-max-size, 0: none */
	const char *replay_path;     /* --replay PATH, or NULL */
	bool has_from, has_to;       /* --from / --to given */
	time_t from, to;             /* unix seconds */
};

/* Defaults before the command line: "/proc", delay 3 s, forever, text,
 * default column set, capabilities dropped to basic. */
#define OPTIONS_DEFAULT_DELAY_S 3.0

#endif
