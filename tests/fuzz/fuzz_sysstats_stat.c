/* libFuzzer target: sysstats_parse_stat, twice (reusing the CPU array). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/sysstats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct sys_stats s;

	memset(&s, 0, sizeof(s));
	(void)sysstats_parse_stat(buf, size, &s);
	(void)sysstats_parse_stat(buf, size / 2, &s);
	sys_stats_fini(&s);
	return 0;
}
