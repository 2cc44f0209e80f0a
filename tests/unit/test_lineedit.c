/* test_lineedit — the prompt editor without a terminal: typing, cursor
 * moves and deletion by UTF-8 character, the length limit, and a selected
 * start text that the first typed character replaces. */
#include "check.h"
#include "proctop/lineedit.h"

static void type(struct lineedit *e, const char *s)
{
	while (*s)
		lineedit_insert(e, (unsigned char)*s++);
}

static void test_selected_start(void)
{
	struct lineedit e;

	/* The nice prompt shows 11: typing 5 gives 5, not 115. */
	lineedit_init(&e, "11", 8, true);
	CHECK(e.selected);
	CHECK(lineedit_insert(&e, '5'));
	CHECK_STR(e.text, "5");
	CHECK(!e.selected);
	type(&e, "-3");
	CHECK_STR(e.text, "5-3");
	/* An editing key keeps the start text and ends the selection. */
	lineedit_init(&e, "11", 8, true);
	CHECK(!lineedit_apply(&e, LINEEDIT_END));
	CHECK(!e.selected);
	type(&e, "5");
	CHECK_STR(e.text, "115");
	lineedit_init(&e, "11", 8, true);
	CHECK(lineedit_apply(&e, LINEEDIT_BACKSPACE));
	CHECK_STR(e.text, "1");
	/* Not selected: typing appends at the cursor (the end). */
	lineedit_init(&e, "11", 8, false);
	type(&e, "5");
	CHECK_STR(e.text, "115");
	/* An empty start text is never "selected". */
	lineedit_init(&e, "", 8, true);
	CHECK(!e.selected);
	lineedit_init(&e, NULL, 0, true);
	CHECK(!e.selected && e.len == 0 && e.max == 255);
}

static void test_moves_and_deletes(void)
{
	struct lineedit e;

	lineedit_init(&e, "abc", 0, false);
	CHECK_EQ_U(e.cur, 3);
	lineedit_apply(&e, LINEEDIT_LEFT);
	lineedit_apply(&e, LINEEDIT_LEFT);
	type(&e, "X");
	CHECK_STR(e.text, "aXbc");
	CHECK_EQ_U(e.cur, 2);
	CHECK(lineedit_apply(&e, LINEEDIT_DELETE));
	CHECK_STR(e.text, "aXc");
	lineedit_apply(&e, LINEEDIT_HOME);
	CHECK(!lineedit_apply(&e, LINEEDIT_BACKSPACE));   /* nothing before */
	CHECK(lineedit_apply(&e, LINEEDIT_DELETE));
	CHECK_STR(e.text, "Xc");
	lineedit_apply(&e, LINEEDIT_END);
	CHECK(!lineedit_apply(&e, LINEEDIT_DELETE));      /* nothing under */
	lineedit_apply(&e, LINEEDIT_RIGHT);               /* stays at end */
	CHECK_EQ_U(e.cur, 2);
	CHECK(lineedit_apply(&e, LINEEDIT_CLEAR));
	CHECK_STR(e.text, "");
	CHECK_EQ_U(e.cur, 0);
	CHECK(!lineedit_apply(&e, LINEEDIT_CLEAR));
	/* Control bytes are not inserted. */
	CHECK(!lineedit_insert(&e, '\t'));
	CHECK(!lineedit_insert(&e, 0x7f));
	CHECK_EQ_U(e.len, 0);
}

static void test_utf8(void)
{
	struct lineedit e;

	/* "é" is two bytes, "€" three: moves and deletes take whole ones. */
	lineedit_init(&e, "a\xc3\xa9\xe2\x82\xac", 0, false);
	CHECK_EQ_U(e.len, 6);
	lineedit_apply(&e, LINEEDIT_LEFT);
	CHECK_EQ_U(e.cur, 3);
	lineedit_apply(&e, LINEEDIT_LEFT);
	CHECK_EQ_U(e.cur, 1);
	CHECK(lineedit_apply(&e, LINEEDIT_DELETE));
	CHECK_STR(e.text, "a\xe2\x82\xac");
	lineedit_apply(&e, LINEEDIT_END);
	CHECK(lineedit_apply(&e, LINEEDIT_BACKSPACE));
	CHECK_STR(e.text, "a");
	lineedit_apply(&e, LINEEDIT_HOME);
	lineedit_apply(&e, LINEEDIT_RIGHT);
	CHECK_EQ_U(e.cur, 1);
	/* A start text over the limit is cut on a character boundary. */
	lineedit_init(&e, "ab\xe2\x82\xac", 4, false);
	CHECK_STR(e.text, "ab");
}

static void test_limit(void)
{
	struct lineedit e;

	lineedit_init(&e, NULL, 3, false);
	type(&e, "12345");
	CHECK_STR(e.text, "123");
	CHECK(!lineedit_insert(&e, '9'));
	/* A selected text at the limit is still replaced. */
	lineedit_init(&e, "999", 3, true);
	CHECK(lineedit_insert(&e, '1'));
	CHECK_STR(e.text, "1");
	lineedit_init(&e, NULL, 100000, false);
	CHECK_EQ_U(e.max, LINEEDIT_MAX);
	for (int i = 0; i < 2000; i++)
		lineedit_insert(&e, 'x');
	CHECK_EQ_U(e.len, LINEEDIT_MAX);
	CHECK_EQ_U(e.text[LINEEDIT_MAX], 0);
}

int main(void)
{
	test_selected_start();
	test_moves_and_deletes();
	test_utf8();
	test_limit();
	return check_done();
}
