/* Placeholder until the TUI is written (owner: tui). */
#include <stdio.h>

#include "proctop/ui.h"

int ui_run(const struct options *opts)
{
	(void)opts;
	fputs("proctop: the interactive mode is not written yet; use -b\n", stderr);
	return 1;
}
