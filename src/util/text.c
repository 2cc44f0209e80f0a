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

/* Display width of a valid code point, or -1 when it must be replaced. */
static int cp_width(uint32_t cp, bool utf8)
{
	if (cp < 0x20 || cp == 0x7f)
		return -1;
	if (cp < 0x7f)
		return 1;
	if (!utf8 || cp <= 0x9f)
		return -1;
	return wcwidth((wchar_t)cp);
}

size_t text_sanitize_width(struct sbuf *out, const char *s, size_t len,
	bool utf8, size_t max_width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, width = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(p + i, len - i, &cp);
		int w = n ? cp_width(cp, utf8) : -1;
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
		int w = n ? cp_width(cp, true) : -1;
		width += w < 0 ? 1 : (size_t)w;
		i += n ? n : 1;
	}
	return width;
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
			/* C0, DEL, C1 and the JavaScript line separators are
			 * escaped so the output is safe on a terminal too. */
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
				|| cp == 0x2028 || cp == 0x2029) {
				char esc[6] = { '\\', 'u',
					hex[(cp >> 12) & 0xf], hex[(cp >> 8) & 0xf],
					hex[(cp >> 4) & 0xf], hex[cp & 0xf] };
				sbuf_add(out, esc, sizeof(esc));
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
