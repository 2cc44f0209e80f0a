/* libFuzzer target: procfs_parse_cmdline on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	char *s = NULL;
	size_t n = 0;

	if (procfs_parse_cmdline(buf, size, &s, &n) != 0)
		abort();
	/* NULs became spaces: the result is one C string of length n */
	if (s ? (strlen(s) != n || n > size) : n != 0)
		abort();
	free(s);
	return 0;
}
