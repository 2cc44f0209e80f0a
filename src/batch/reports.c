/* Placeholder until the maps/memory reports are written (owner: maps). */
#include <stdio.h>

#include "proctop/reports.h"

int reports_maps_run(const struct options *opts)
{
	(void)opts;
	fputs("proctop: --maps is not implemented yet\n", stderr);
	return 1;
}

int reports_memory_run(const struct options *opts)
{
	(void)opts;
	fputs("proctop: --memory is not implemented yet\n", stderr);
	return 1;
}
