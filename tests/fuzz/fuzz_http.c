/* libFuzzer target: http_parse_request (the request head of --serve).
 * A 200 must be GET or HEAD of /metrics within the parsed head. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_request r;
	int st = http_parse_request((const char *)data, size, &r);

	if (st == 200 && (r.header_len > size || !memmem(data, size,
	    " /metrics", 9)))
		abort();
	return 0;
}
