/* text — terminal-safe and JSON-safe untrusted text (see proctop/text.h). */
#include "proctop/text.h"

#include <langinfo.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* Decode one UTF-8 character at s[0..len), len > 0.  Returns its length in
 * bytes and sets *cp, or 0 when s does not start a valid, shortest-form
 * sequence of a Unicode scalar value (overlongs, surrogates and values
 * above U+10FFFF are invalid). */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2; v = c & 0x1fu; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; v = c & 0x0fu; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; v = c & 0x07u; min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3fu);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Unicode general category Cf (format characters), Unicode 15, except
 * U+00AD SOFT HYPHEN, which terminals draw as a visible hyphen.  Format
 * characters have no glyph but steer the display: bidi overrides and
 * isolates (U+202A-202E, U+2066-2069) reorder the rest of a row, zero-width
 * spaces and joiners hide text.  Sorted, non-overlapping ranges. */
static const struct cp_range {
	uint32_t lo, hi;
} format_chars[] = {
	{ 0x0600, 0x0605 }, { 0x061c, 0x061c }, { 0x06dd, 0x06dd },
	{ 0x070f, 0x070f }, { 0x0890, 0x0891 }, { 0x08e2, 0x08e2 },
	{ 0x180e, 0x180e }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x206f }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
	{ 0x110bd, 0x110bd }, { 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
	{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a }, { 0xe0000, 0xe007f },
};

/* True when cp is a format character (see format_chars). */
static bool is_format_char(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(format_chars) / sizeof(format_chars[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < format_chars[mid].lo)
			hi = mid;
		else if (cp > format_chars[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

size_t text_utf8_char(const char *s, size_t len, uint32_t *cp)
{
	return len ? utf8_decode((const unsigned char *)s, len, cp) : 0;
}

bool text_is_format_char(uint32_t cp)
{
	return is_format_char(cp);
}

/* Display width of a valid code point, or -1 when it must be replaced.
 * at_start: nothing visible precedes it in the field, so a zero-width
 * (combining) character would have no base to attach to. */
static int cp_width(uint32_t cp, bool utf8, bool at_start)
{
	if (cp < 0x20 || cp == 0x7f)
		return -1;
	if (cp < 0x7f)
		return 1;
	if (!utf8 || cp <= 0x9f || is_format_char(cp))
		return -1;
	int w = wcwidth((wchar_t)cp);
	if (w == 0 && at_start)
		return -1;
	return w;
}

size_t text_sanitize_width(struct sbuf *out, const char *s, size_t len,
	bool utf8, size_t max_width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, width = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		int w = n ? cp_width(cp, utf8, width == 0) : -1;
		if (n == 0)
			n = 1;  /* each byte of an invalid sequence: one '?' */
		if (w < 0) {
			if (width + 1 > max_width)
				break;
			sbuf_addc(out, '?');
			width++;
		} else {
			if (width + (size_t)w > max_width)
				break;
			sbuf_add(out, s + i, n);
			width += (size_t)w;
		}
		i += n;
	}
	return width;
}

size_t text_sanitize(struct sbuf *out, const char *s, size_t len, bool utf8)
{
	return text_sanitize_width(out, s, len, utf8, SIZE_MAX);
}

size_t text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, width = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		int w = n ? cp_width(cp, true, width == 0) : -1;
		width += w < 0 ? 1 : (size_t)w;
		i += n ? n : 1;
	}
	return width;
}

size_t text_fit(const char *s, size_t len, size_t max_width, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w_sum = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		int w = n ? cp_width(cp, true, w_sum == 0) : -1;
		size_t cw = w < 0 ? 1 : (size_t)w;
		if (w_sum + cw > max_width)
			break;
		w_sum += cw;
		i += n ? n : 1;
	}
	if (width)
		*width = w_sum;
	return i;
}

void text_json_string(struct sbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	sbuf_addc(out, '"');
	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			sbuf_adds(out, "\\ufffd");
			i++;
			continue;
		}
		switch (cp) {
		case '"': sbuf_adds(out, "\\\""); break;
		case '\\': sbuf_adds(out, "\\\\"); break;
		case '\b': sbuf_adds(out, "\\b"); break;
		case '\f': sbuf_adds(out, "\\f"); break;
		case '\n': sbuf_adds(out, "\\n"); break;
		case '\r': sbuf_adds(out, "\\r"); break;
		case '\t': sbuf_adds(out, "\\t"); break;
		default:
			/* C0, DEL, C1, format characters and the JavaScript
			 * line separators are escaped (lossless) so the output
			 * is safe on a terminal too; above U+FFFF as a UTF-16
			 * surrogate pair. */
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
				|| cp == 0x2028 || cp == 0x2029
				|| is_format_char(cp)) {
				uint32_t units[2] = { cp, 0 };
				size_t nunits = 1;
				if (cp > 0xffff) {
					uint32_t v = cp - 0x10000;
					units[0] = 0xd800 + (v >> 10);
					units[1] = 0xdc00 + (v & 0x3ff);
					nunits = 2;
				}
				for (size_t u = 0; u < nunits; u++) {
					uint32_t c16 = units[u];
					char esc[6] = { '\\', 'u',
						hex[(c16 >> 12) & 0xf],
						hex[(c16 >> 8) & 0xf],
						hex[(c16 >> 4) & 0xf],
						hex[c16 & 0xf] };
					sbuf_add(out, esc, sizeof(esc));
				}
			} else {
				sbuf_add(out, s + i, n);
			}
		}
		i += n;
	}
	sbuf_addc(out, '"');
}

void text_csv_field(struct sbuf *out, const char *s, size_t len, bool utf8)
{
	struct sbuf tmp;
	sbuf_init(&tmp);
	text_sanitize(&tmp, s, len, utf8);
	bool quote = tmp.len == 0 ? false
		: (strpbrk(tmp.data, ",\"") != NULL || tmp.data[0] == ' '
			|| tmp.data[tmp.len - 1] == ' ');
	if (!quote) {
		sbuf_add(out, tmp.data, tmp.len);
	} else {
		sbuf_addc(out, '"');
		for (size_t i = 0; i < tmp.len; i++) {
			if (tmp.data[i] == '"')
				sbuf_addc(out, '"');
			sbuf_addc(out, tmp.data[i]);
		}
		sbuf_addc(out, '"');
	}
	sbuf_fini(&tmp);
}

bool text_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

const char *text_cut_mark(bool utf8)
{
	return utf8 ? "\u2026" : "~";
}

size_t text_cut(const char *s, size_t len, size_t width, bool *cut,
	size_t *got)
{
	size_t w = text_width(s, len), keep = len;

	*cut = width && w > width;
	if (*cut) {
		keep = text_fit(s, len, width - 1, &w);
		w++;
	}
	if (got)
		*got = w;
	return keep;
}
