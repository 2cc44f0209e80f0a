/* libFuzzer target: the smaps block parser as the map reader drives it
 * (smaps_next_header + smaps_parse_block), then the memmap model over the
 * result (kinds, totals, groups, the resident bar). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/maps.h"
#include "proctop/memmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct memmap mm;
	size_t pos = 0;

	memmap_init(&mm);
	while (pos < size) {
		struct maps_line h;
		struct map_usage u;
		size_t used = 0;
		size_t next = smaps_next_header(buf, size, pos);
		if (next < pos || next > size)
			__builtin_trap();
		if (next != pos) {
			pos = next;
			continue;
		}
		int rc = smaps_parse_block(buf + pos, size - pos, &h, &u, &used);
		if (used == 0 || used > size - pos)
			__builtin_trap();
		if (rc == 0) {
			struct map_entry *e = memmap_add(&mm, h.path, h.path_len);
			e->start = h.start;
			e->end = h.end;
			memcpy(e->perms, h.perms, sizeof(e->perms));
			e->deleted = h.deleted;
			e->u = u;
		}
		pos += used;
	}
	(void)smaps_parse_field(buf, size, &(struct map_usage){ 0 });
	memmap_finish(&mm);

	unsigned char cells[64];
	memmap_bar(&mm, cells, sizeof(cells));
	struct memmap_group *g = NULL;
	(void)memmap_group(&mm, MEMMAP_SORT_RSS, "a", &g);
	free(g);
	size_t *idx = calloc(mm.n ? mm.n : 1, sizeof(*idx));
	(void)memmap_select(&mm, MEMMAP_SORT_DIRTY, NULL, idx);
	free(idx);
	memmap_fini(&mm);
	return 0;
}
