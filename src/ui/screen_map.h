/* screen_map — the address-space map screen (issue 4, owner: maps). */
#ifndef PROCTOP_UI_SCREEN_MAP_H
#define PROCTOP_UI_SCREEN_MAP_H

#include "ui_core.h"

extern const struct screen_ops screen_map_ops;

/* `m` (and Enter → Map) on the process list: open the map of the selected
 * process. */
void map_key_open(struct ui *ui, int key);

#endif
