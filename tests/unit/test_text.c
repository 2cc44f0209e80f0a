/* test_text — the terminal sanitiser, display widths, JSON and CSV. */
#include <locale.h>
#include <stdbool.h>

#include "check.h"
#include "proctop/sbuf.h"
#include "proctop/text.h"

static struct sbuf sb;
static size_t last_width;

/* Sanitised form of s (len bytes) in UTF-8 or ASCII mode (borrowed). */
static const char *san(const char *s, size_t len, bool utf8)
{
	sbuf_reset(&sb);
	last_width = text_sanitize(&sb, s, len, utf8);
	return sb.data;
}

static const char *json(const char *s, size_t len)
{
	sbuf_reset(&sb);
	text_json_string(&sb, s, len);
	return sb.data;
}

static const char *csv(const char *s)
{
	sbuf_reset(&sb);
	text_csv_field(&sb, s, strlen(s), true);
	return sb.data;
}

#define S(lit) lit, sizeof(lit) - 1

int main(void)
{
	sbuf_init(&sb);
	bool have_utf8 = setlocale(LC_CTYPE, "C.UTF-8") != NULL;
	CHECK(have_utf8);
	CHECK(text_locale_is_utf8());

	/* Plain text is unchanged. */
	CHECK_STR(san(S("sleep 600"), true), "sleep 600");
	CHECK_EQ_U(last_width, 9);
	/* ESC and other C0 bytes, DEL, NUL. */
	CHECK_STR(san(S("a\033[1mb"), true), "a?[1mb");
	CHECK_EQ_U(last_width, 6);
	CHECK_STR(san(S("x\ty\nz\r\x7f"), true), "x?y?z??");
	CHECK_STR(san(S("a\0b"), true), "a?b");
	/* OSC 52 clipboard write. */
	CHECK_STR(san(S("\033]52;c;aGk=\a"), true), "?]52;c;aGk=?");
	/* C1 CSI as UTF-8 is one character -> one '?'. */
	CHECK_STR(san(S("\xc2\x9b" "31m"), true), "?31m");
	CHECK_STR(san(S("\xc2\x80\xc2\x9f"), true), "??");
	/* Invalid UTF-8: each byte becomes '?'. */
	CHECK_STR(san(S("\xff"), true), "?");
	CHECK_STR(san(S("a\xfe\xff" "b"), true), "a??b");
	CHECK_STR(san(S("\xc3"), true), "?");            /* truncated */
	CHECK_STR(san(S("\xe4\xb8" "x"), true), "??x");  /* truncated */
	CHECK_STR(san(S("\x80"), true), "?");            /* lone cont. */
	/* Overlong encodings of '/' and NUL. */
	CHECK_STR(san(S("\xc0\xaf"), true), "??");
	CHECK_STR(san(S("\xe0\x80\xaf"), true), "???");
	CHECK_STR(san(S("\xf0\x80\x80\xaf"), true), "????");
	CHECK_STR(san(S("\xc0\x80"), true), "??");
	/* UTF-16 surrogates and values above U+10FFFF. */
	CHECK_STR(san(S("\xed\xa0\x80"), true), "???");
	CHECK_STR(san(S("\xed\xbf\xbf"), true), "???");
	CHECK_STR(san(S("\xf4\x90\x80\x80"), true), "????");
	/* Valid multi-byte text survives, with its width. */
	CHECK_STR(san(S("\xe4\xb8\xad\xe6\x96\x87"), true),
		"\xe4\xb8\xad\xe6\x96\x87");
	CHECK_EQ_U(last_width, 4);
	CHECK_STR(san(S("e\xcc\x81"), true), "e\xcc\x81");   /* combining */
	CHECK_EQ_U(last_width, 1);
	CHECK_STR(san(S("caf\xc3\xa9"), true), "caf\xc3\xa9");
	CHECK_EQ_U(last_width, 4);
	CHECK_STR(san(S("\xf0\x9f\x98\x80"), true), "\xf0\x9f\x98\x80");
	CHECK_EQ_U(last_width, 2);
	/* Format characters (Cf) steer the display: each becomes '?'. */
	CHECK_STR(san(S("safe\xe2\x80\xaemr- fr"), true), "safe?mr- fr");
	CHECK_EQ_U(last_width, 11);                     /* U+202E RLO */
	CHECK_STR(san(S("a\xe2\x80\xaa\xe2\x80\xab" "b"), true), "a??b");
	/* LRI ... PDI */
	CHECK_STR(san(S("\xe2\x81\xa6x\xe2\x81\xa9"), true), "?x?");
	CHECK_STR(san(S("\xe2\x81\xa7\xe2\x81\xa8"), true), "??");
	CHECK_STR(san(S("a\xe2\x80\x8b" "b\xe2\x80\x8f"), true), "a?b?");
	CHECK_STR(san(S("\xe2\x80\x8c\xe2\x80\x8d\xe2\x80\x8e"), true), "???");
	CHECK_STR(san(S("\xef\xbb\xbfx"), true), "?x");                 /* BOM */
	CHECK_STR(san(S("\xd8\x9c\xe1\xa0\x8e"), true), "??");    /* ALM, MVS */
	CHECK_STR(san(S("\xe2\x81\xa0\xe2\x81\xaf"), true), "??");
	CHECK_STR(san(S("\xef\xbf\xb9\xef\xbf\xbb"), true), "??");
	CHECK_STR(san(S("x\xf3\xa0\x80\x81\xf3\xa0\x81\xbf"), true), "x??");
	/* The soft hyphen is drawn visibly: kept. */
	CHECK_STR(san(S("a\xc2\xad" "b"), true), "a\xc2\xad" "b");
	/* A combining mark with no base at the start of a field: '?'; after
	 * a base (or after a '?') it is kept. */
	CHECK_STR(san(S("\xcc\x81" "e"), true), "?e");
	CHECK_EQ_U(last_width, 2);
	CHECK_STR(san(S("\xcc\x81\xcc\x81"), true), "?\xcc\x81");
	CHECK_STR(san(S("\x1b\xcc\x81"), true), "?\xcc\x81");
	sbuf_reset(&sb);
	CHECK_EQ_U(text_sanitize_width(&sb, S("\xe2\x80\xae" "abc"), true,
		2), 2);
	CHECK_STR(sb.data, "?a");
	CHECK_EQ_U(text_width(S("\xe2\x80\xae" "ab")), 3);
	CHECK_EQ_U(text_width(S("\xcc\x81" "a")), 2);

	/* ASCII mode: every non-ASCII character is one '?'. */
	CHECK_STR(san(S("\xe4\xb8\xad" "a\xc3\xa9"), false), "?a?");
	CHECK_EQ_U(last_width, 3);
	/* The whole hostile cmdline from HOSTILE.md. */
	CHECK_STR(san(S("\033]52;c;aGk=\a\xff\xc2\x9b"), true),
		"?]52;c;aGk=???");

	/* Width-limited: never splits a wide character. */
	sbuf_reset(&sb);
	CHECK_EQ_U(text_sanitize_width(&sb, S("\xe4\xb8\xad\xe6\x96\x87x"),
		true, 3), 2);
	CHECK_STR(sb.data, "\xe4\xb8\xad");
	sbuf_reset(&sb);
	CHECK_EQ_U(text_sanitize_width(&sb, S("ab\033cd"), true, 4), 4);
	CHECK_STR(sb.data, "ab?c");
	sbuf_reset(&sb);
	CHECK_EQ_U(text_sanitize_width(&sb, S("abc"), true, 0), 0);
	CHECK_STR(sb.data, "");

	/* text_width of sanitised text. */
	CHECK_EQ_U(text_width(S("abc")), 3);
	CHECK_EQ_U(text_width(S("\xe4\xb8\xad" "a")), 3);
	CHECK_EQ_U(text_width(S("a\xcc\x81")), 1);
	CHECK_EQ_U(text_width(S("")), 0);

	/* JSON (RFC 8259). */
	CHECK_STR(json(S("plain")), "\"plain\"");
	CHECK_STR(json(S("a\"b\\c")), "\"a\\\"b\\\\c\"");
	CHECK_STR(json(S("\b\f\n\r\t")), "\"\\b\\f\\n\\r\\t\"");
	CHECK_STR(json(S("\033[1m")), "\"\\u001b[1m\"");
	CHECK_STR(json(S("\033]52;c;aGk=\a")), "\"\\u001b]52;c;aGk=\\u0007\"");
	CHECK_STR(json(S("a\0b")), "\"a\\u0000b\"");
	CHECK_STR(json(S("\x7f")), "\"\\u007f\"");
	CHECK_STR(json(S("\xc2\x9b")), "\"\\u009b\"");
	CHECK_STR(json(S("\xff")), "\"\\ufffd\"");
	CHECK_STR(json(S("\xc0\xaf")), "\"\\ufffd\\ufffd\"");
	CHECK_STR(json(S("\xed\xa0\x80")), "\"\\ufffd\\ufffd\\ufffd\"");
	CHECK_STR(json(S("\xe4\xb8\xad")), "\"\xe4\xb8\xad\"");
	CHECK_STR(json(S("\xe2\x80\xa8")), "\"\\u2028\"");
	CHECK_STR(json(S("")), "\"\"");
	CHECK_STR(json(S("a\xe2\x80\xae" "b")), "\"a\\u202eb\"");
	CHECK_STR(json(S("\xef\xbb\xbf")), "\"\\ufeff\"");
	CHECK_STR(json(S("\xf3\xa0\x80\x81")), "\"\\udb40\\udc01\"");
	CHECK_STR(json(S("\xc2\xad")), "\"\xc2\xad\"");

	/* CSV (RFC 4180), sanitised first. */
	CHECK_STR(csv("plain"), "plain");
	CHECK_STR(csv("a,b"), "\"a,b\"");
	CHECK_STR(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(csv("a\nb"), "a?b");
	CHECK_STR(csv("\033[1m,x"), "\"?[1m,x\"");
	CHECK_STR(csv(" lead"), "\" lead\"");
	CHECK_STR(csv(""), "");

	/* A cell cut to fit: what is kept plus the mark fills the width. */
	{
		bool cut;
		size_t got;
		CHECK_EQ_U(text_cut("abcdef", 6, 6, &cut, &got), 6);
		CHECK(!cut);
		CHECK_EQ_U(got, 6);
		CHECK_EQ_U(text_cut("abcdefg", 7, 6, &cut, &got), 5);
		CHECK(cut);
		CHECK_EQ_U(got, 6);
		CHECK_EQ_U(text_cut("abc", 3, 0, &cut, NULL), 3);
		CHECK(!cut);
		/* a wide character is never split: 5 columns of "中中中"
		 * keep two (4 columns) and the mark */
		CHECK_EQ_U(text_cut("\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 9, 5,
			&cut, &got), 6);
		CHECK(cut);
		CHECK_EQ_U(got, 5);
		CHECK_EQ_U(text_cut("\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 9, 4,
			&cut, &got), 3);
		CHECK_EQ_U(got, 3);
		CHECK_STR(text_cut_mark(true), "\xe2\x80\xa6");
		CHECK_STR(text_cut_mark(false), "~");
	}

	/* The locale probe follows LC_CTYPE. */
	setlocale(LC_CTYPE, "C");
	CHECK(!text_locale_is_utf8());
	/* In the C locale, UTF-8 mode cannot measure non-ASCII: '?'. */
	CHECK_STR(san(S("a\xe4\xb8\xad"), true), "a?");

	sbuf_fini(&sb);
	return check_done();
}
