/* libFuzzer target: maps_parse_line and maps_is_header on arbitrary bytes,
 * line by line as a maps file, and on the whole input as one line. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proctop/maps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct maps_line l;
	size_t pos = 0;

	(void)maps_parse_line(buf, size, &l);
	while (pos < size) {
		const char *nl = memchr(buf + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - buf - pos) + 1 : size - pos;
		(void)maps_is_header(buf + pos, len);
		if (maps_parse_line(buf + pos, len, &l) == 0) {
			/* the path lies inside the line and the range is sane */
			if (l.path && (l.path < buf + pos ||
					l.path + l.path_len > buf + pos + len))
				__builtin_trap();
			if (l.end < l.start)
				__builtin_trap();
		}
		pos += len;
	}
	return 0;
}
