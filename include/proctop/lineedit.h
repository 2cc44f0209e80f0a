/* lineedit — the text and cursor of a one-line prompt, without a terminal.
 *
 * The TUI's input dialogs (search, filter, nice, interval...) map their
 * keys to these operations and draw the result; the logic itself is pure
 * so it is tested without ncurses.  The text is bytes (UTF-8 from the
 * terminal); the cursor moves and deletes by whole UTF-8 characters.
 *
 * A start text can be "selected" (a prompt showing the current value):
 * the first character typed replaces it, while an editing operation
 * (cursor moves, Backspace, Delete) keeps it and ends the selection. */
#ifndef PROCTOP_LINEEDIT_H
#define PROCTOP_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX 1023          /* bytes of text at most */

struct lineedit {
	char text[LINEEDIT_MAX + 1];   /* NUL-terminated */
	size_t len;                    /* bytes in text */
	size_t cur;                    /* cursor: byte offset, 0..len */
	size_t max;                    /* length limit, <= LINEEDIT_MAX */
	bool selected;                 /* the start text is selected */
};

enum lineedit_op {
	LINEEDIT_LEFT,                 /* one character left */
	LINEEDIT_RIGHT,
	LINEEDIT_HOME,                 /* start of the line */
	LINEEDIT_END,
	LINEEDIT_BACKSPACE,            /* delete the character before */
	LINEEDIT_DELETE,               /* delete the character under */
	LINEEDIT_CLEAR,                /* delete everything (^U) */
};

/* Start with initial (NULL: empty; cut to max bytes on a character
 * boundary), the cursor at its end; max 0 means 255.  select: the start
 * text is selected (only when not empty). */
void lineedit_init(struct lineedit *e, const char *initial, size_t max,
	bool select);

/* Apply op.  Returns true when the text changed. */
bool lineedit_apply(struct lineedit *e, enum lineedit_op op);

/* Insert byte c (>= 0x20, not 0x7f) at the cursor; a selected start text
 * is replaced first.  Returns true when the text changed (false: a
 * control byte, or the line is full). */
bool lineedit_insert(struct lineedit *e, unsigned char c);

#endif
