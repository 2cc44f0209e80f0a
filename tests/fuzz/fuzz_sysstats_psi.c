/* libFuzzer target: sysstats_parse_psi (/proc/pressure/<resource>). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/sysstats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psi_pair p;

	(void)sysstats_parse_psi((const char *)data, size, &p);
	return 0;
}
