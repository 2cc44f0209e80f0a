/* screen_memory — the system memory & swap screen (issue 4, owner: maps). */
#ifndef PROCTOP_UI_SCREEN_MEMORY_H
#define PROCTOP_UI_SCREEN_MEMORY_H

#include "ui_core.h"

extern const struct screen_ops screen_memory_ops;

/* `S` / F12 on the process list: open the memory & swap screen. */
void memory_key_open(struct ui *ui, int key);

#endif
