/* ui — the interactive ncurses front end.  The only module (with the rest of
 * src/ui/) that includes ncurses. */
#ifndef PROCTOP_UI_H
#define PROCTOP_UI_H

#include <stdio.h>

#include "proctop/options.h"

/* Run the TUI until the user quits.  opts is borrowed.  Returns the process
 * exit status (0 on a normal quit; non-zero with a message on stderr, after
 * the terminal was restored, when the terminal cannot be used, e.g. TERM
 * unset, dumb or unknown). */
int ui_run(const struct options *opts);

/* --list-keys: every key of the interactive mode, one per line (screen,
 * key names, what it does), from the tables the key dispatcher uses.
 * Needs no terminal; the caller checks out for write errors. */
void ui_list_keys(FILE *out);

#endif
