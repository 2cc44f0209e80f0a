/* libFuzzer target: sysstats_parse_meminfo on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/sysstats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct mem_stats m;

	(void)sysstats_parse_meminfo(buf, size, &m);
	return 0;
}
