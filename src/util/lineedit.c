/* lineedit — one-line prompt editing without a terminal (see
 * proctop/lineedit.h).  Pure. */
#include "proctop/lineedit.h"

#include <string.h>

static bool is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Offset of the character before / after byte offset i. */
static size_t char_prev(const struct lineedit *e, size_t i)
{
	while (i > 0) {
		i--;
		if (!is_cont((unsigned char)e->text[i]))
			break;
	}
	return i;
}

static size_t char_next(const struct lineedit *e, size_t i)
{
	while (i < e->len) {
		i++;
		if (i == e->len || !is_cont((unsigned char)e->text[i]))
			break;
	}
	return i;
}

/* Remove bytes [from, to). */
static bool cut(struct lineedit *e, size_t from, size_t to)
{
	if (to <= from)
		return false;
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
	return true;
}

void lineedit_init(struct lineedit *e, const char *initial, size_t max,
	bool select)
{
	memset(e, 0, sizeof(*e));
	e->max = max ? max : 255;
	if (e->max > LINEEDIT_MAX)
		e->max = LINEEDIT_MAX;
	if (!initial)
		return;
	size_t n = strlen(initial);
	if (n > e->max) {
		n = e->max;
		while (n > 0 && is_cont((unsigned char)initial[n]))
			n--;
	}
	memcpy(e->text, initial, n);
	e->text[n] = '\0';
	e->len = e->cur = n;
	e->selected = select && n > 0;
}

bool lineedit_apply(struct lineedit *e, enum lineedit_op op)
{
	e->selected = false;
	switch (op) {
	case LINEEDIT_LEFT:
		e->cur = char_prev(e, e->cur);
		return false;
	case LINEEDIT_RIGHT:
		e->cur = char_next(e, e->cur);
		return false;
	case LINEEDIT_HOME:
		e->cur = 0;
		return false;
	case LINEEDIT_END:
		e->cur = e->len;
		return false;
	case LINEEDIT_BACKSPACE:
		return cut(e, char_prev(e, e->cur), e->cur);
	case LINEEDIT_DELETE: {
		size_t at = e->cur;
		return cut(e, at, char_next(e, at));
	}
	case LINEEDIT_CLEAR:
		return cut(e, 0, e->len);
	}
	return false;
}

bool lineedit_insert(struct lineedit *e, unsigned char c)
{
	if (c < 0x20 || c == 0x7f)
		return false;
	bool replaced = e->selected && cut(e, 0, e->len);
	e->selected = false;
	if (e->len >= e->max)
		return replaced;
	memmove(e->text + e->cur + 1, e->text + e->cur, e->len - e->cur + 1);
	e->text[e->cur++] = (char)c;
	e->len++;
	return true;
}
