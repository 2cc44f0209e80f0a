/* libFuzzer target: procfs_parse_stat on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/procfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct task_stat st;

	if (procfs_parse_stat(buf, size, &st) == 0 &&
	    strnlen(st.comm, sizeof(st.comm)) >= sizeof(st.comm))
		abort();   /* comm must be NUL-terminated */
	return 0;
}
