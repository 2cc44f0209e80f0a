/* libFuzzer target: maps_parse_ident (the stat fields a map read is judged
 * by) on arbitrary bytes, and maps_judge over the idents of the input's
 * two halves. */
#include <stddef.h>
#include <stdint.h>

#include "proctop/maps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct maps_ident a, b;
	size_t half = size / 2;

	(void)maps_parse_ident(buf, size, &a);
	(void)maps_parse_ident(buf, half, &a);
	(void)maps_parse_ident(buf + half, size - half, &b);
	for (int probe = -1; probe <= 1; probe++) {
		int v = maps_judge(&a, &b, probe);
		if (v != 0 && v != -MAPREAD_EEXITED && v != -MAPREAD_EEXECED)
			__builtin_trap();
	}
	return 0;
}
