/* libFuzzer target: procfs_parse_status on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct task_status s;

	if (procfs_parse_status(buf, size, &s) == 0 &&
	    strnlen(s.cpus_allowed_list, sizeof(s.cpus_allowed_list)) >=
	    sizeof(s.cpus_allowed_list))
		abort();
	return 0;
}
