/* libFuzzer target: the details screen's parsers (limits, and status's
 * untruncated Cpus_allowed_list) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/details.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	long rlim_nice = 0, rlim_rtprio = 0;

	(void)details_parse_limits(buf, size, &rlim_nice, &rlim_rtprio);
	char *cpus = details_parse_cpus_allowed(buf, size);
	if (cpus && strlen(cpus) > size)
		abort();
	free(cpus);
	return 0;
}
