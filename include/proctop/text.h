/* text — making untrusted text (comm, cmdline, paths, user names) safe.
 *
 * The one sanitiser every output path uses (TUI, batch text, CSV).  Rules,
 * as ps(1) does them, documented in the man page:
 *   - a C0 control byte (0x00-0x1f) or DEL (0x7f) becomes '?'
 *   - a C1 control (U+0080..U+009F, e.g. "\xc2\x9b") becomes '?'
 *   - each byte of an invalid UTF-8 sequence becomes '?'
 *   - a character wcwidth() has no width for becomes '?'
 *   - a format character (Unicode category Cf: bidi overrides and
 *     isolates U+202A-202E and U+2066-2069, zero-width spaces and joiners
 *     U+200B-200F, U+2060-206F, U+FEFF, U+061C, U+180E, U+FFF9-FFFB, tag
 *     characters U+E0000-E007F, ...) becomes '?'; U+00AD SOFT HYPHEN,
 *     drawn as a visible hyphen, is kept
 *   - a zero-width (combining) character with nothing visible before it
 *     in the field becomes '?'
 *   - in ASCII-only mode (non-UTF-8 locale) every non-ASCII character
 *     becomes '?'
 * Everything else is copied unchanged. */
#ifndef PROCTOP_TEXT_H
#define PROCTOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proctop/sbuf.h"

/* Append the sanitised form of s[0..len) to out.  utf8: whether the output
 * may contain non-ASCII (pass text_locale_is_utf8(): widths come from
 * wcwidth, which knows nothing outside a UTF-8 LC_CTYPE).  Overlong forms,
 * surrogates and values above U+10FFFF are invalid UTF-8.  Returns the
 * display width appended. */
size_t text_sanitize(struct sbuf *out, const char *s, size_t len, bool utf8);

/* Like text_sanitize, but stops before exceeding max_width columns (never
 * splits a character).  Returns the width appended. */
size_t text_sanitize_width(struct sbuf *out, const char *s, size_t len,
	bool utf8, size_t max_width);

/* Display width of already-sanitised UTF-8 text. */
size_t text_width(const char *s, size_t len);

/* Length in bytes of the longest prefix of already-sanitised UTF-8 text
 * s[0..len) that fits in max_width columns (never splits a character;
 * zero-width characters after the last one that fits are kept, as
 * text_sanitize_width does).  *width (may be NULL) gets its width. */
size_t text_fit(const char *s, size_t len, size_t max_width, size_t *width);

/* The mark of text cut to fit a cell: "…" in UTF-8, "~" otherwise. */
const char *text_cut_mark(bool utf8);

/* A cell of width columns for already-sanitised text s[0..len): when it
 * is wider, the bytes to keep so that they and text_cut_mark() fit
 * (*cut = true); else len (*cut = false).  *width (may be NULL) gets the
 * display width of what is kept, the mark included. */
size_t text_cut(const char *s, size_t len, size_t width, bool *cut,
	size_t *got);

/* Append s[0..len) as a JSON string literal (with quotes), escaped per
 * RFC 8259; invalid UTF-8 bytes become "\ufffd" each.  C0, DEL, C1,
 * U+2028/U+2029 and format characters (as for text_sanitize, above U+FFFF
 * as a surrogate pair) are written as \uXXXX, so the result is
 * terminal-safe; other valid UTF-8 is copied. */
void text_json_string(struct sbuf *out, const char *s, size_t len);

/* Append s as a CSV field, sanitised first, then quoted (RFC 4180, quotes
 * doubled) when it holds ',' or '"' or starts or ends with a space. */
void text_csv_field(struct sbuf *out, const char *s, size_t len, bool utf8);

/* Decode one UTF-8 character at s[0..len): its length in bytes and *cp,
 * or 0 when s does not start a valid shortest-form sequence of a Unicode
 * scalar value (or len is 0). */
size_t text_utf8_char(const char *s, size_t len, uint32_t *cp);

/* True for a format character (category Cf, as text_sanitize replaces:
 * bidi overrides and isolates, zero-width spaces and joiners, ...). */
bool text_is_format_char(uint32_t cp);

/* True when the current LC_CTYPE is UTF-8. */
bool text_locale_is_utf8(void);

#endif
