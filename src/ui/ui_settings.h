/* ui_settings — what proctoprc holds (no ncurses: shared by ui_config.c
 * and its unit test). */
#ifndef PROCTOP_UI_SETTINGS_H
#define PROCTOP_UI_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/columns.h"
#include "proctop/options.h"

struct ui_settings {
	enum column_id cols[OPTIONS_MAX_COLUMNS];
	size_t ncols;
	enum column_id sort_key;
	bool sort_desc;
	bool tree;
	enum column_id tree_sort_key;   /* the tree's own order (PID) */
	bool tree_sort_desc;
	bool threads;
	bool hide_kthreads;
	bool program_path;        /* p: argv[0] with its path (else its
	                             base name) */
	bool merged_command;      /* m: the exe's name before the command
	                             line when argv[0] does not name it */
	bool graphs;              /* g: the header's history graphs */
	double delay_s;           /* refresh interval, seconds */
	bool color;
};

#endif
