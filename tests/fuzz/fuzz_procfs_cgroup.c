/* libFuzzer target: procfs_cgroup_path (/proc/<pid>/cgroup); the path it
 * returns must lie inside the buffer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *path;
	size_t len;

	if (procfs_cgroup_path(buf, size, &path, &len) == 0 &&
	    (path < buf || path + len > buf + size))
		abort();
	return 0;
}
