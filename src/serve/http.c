/* http — parsing one HTTP/1.x request head (see proctop/serve.h).
 *
 * Strict and small: the request line must be METHOD SP TARGET SP
 * HTTP/1.x; lines end in CRLF (a bare LF is accepted); header lines need
 * a colon after a non-empty token; obsolete line folding is an error.
 * The target is compared byte for byte with "/metrics": nothing is
 * decoded or normalised, so no spelling of another path reaches it. */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "proctop/serve.h"

/* RFC 9110 tchar. */
static bool is_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		(c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Whether [p, end) is a non-empty token (method, header name). */
static bool is_token(const char *p, const char *end)
{
	if (p == end)
		return false;
	for (; p < end; p++)
		if (!is_tchar((unsigned char)*p))
			return false;
	return true;
}

/* End of the headers (just past the empty line), or 0. */
static size_t head_end(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (i + 1 < len && buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Whether an Accept value asks for OpenMetrics: a media range
 * application/openmetrics-text whose q is not 0. */
static bool accepts_openmetrics(const char *v, size_t len)
{
	static const char om[] = "application/openmetrics-text";
	const char *p = v, *end = v + len;

	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *item_end = comma ? comma : end;
		const char *semi;
		size_t n;

		while (p < item_end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(item_end - p));
		n = (size_t)((semi ? semi : item_end) - p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == sizeof(om) - 1 && !strncasecmp(p, om, n)) {
			bool zero = false;

			for (const char *q = semi; q && q < item_end;) {
				const char *next = memchr(q + 1, ';',
					(size_t)(item_end - q - 1));
				const char *a = q + 1;

				while (a < item_end && (*a == ' ' || *a == '\t'))
					a++;
				if (item_end - a >= 2 && (a[0] == 'q' ||
				    a[0] == 'Q') && a[1] == '=') {
					zero = true;
					for (a += 2; a < item_end && a !=
					     next; a++)
						if (*a >= '1' && *a <= '9')
							zero = false;
				}
				q = next;
			}
			if (!zero)
				return true;
		}
		p = item_end + 1;
	}
	return false;
}

/* Check the header lines in [p, end) (each ending in LF); fills
 * out->openmetrics.  0 or 400. */
static int parse_headers(const char *p, const char *end,
	struct http_request *out)
{
	static const char accept[] = "accept";

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = eol, *colon, *v;

		if (!eol)
			return 400;
		if (line_end > p && line_end[-1] == '\r')
			line_end--;
		if (line_end == p)
			break;                  /* the empty line */
		if (*p == ' ' || *p == '\t')
			return 400;             /* obsolete folding */
		colon = memchr(p, ':', (size_t)(line_end - p));
		if (!colon || !is_token(p, colon))
			return 400;
		v = colon + 1;
		if ((size_t)(colon - p) == sizeof(accept) - 1 &&
		    !strncasecmp(p, accept, sizeof(accept) - 1) &&
		    accepts_openmetrics(v, (size_t)(line_end - v)))
			out->openmetrics = true;
		p = eol + 1;
	}
	return 0;
}

int http_parse_request(const char *buf, size_t len, struct http_request *out)
{
	static const char path[] = "/metrics";
	const char *p = buf, *end, *sp1, *sp2, *eol, *target;
	size_t hlen = head_end(buf, len), tlen;
	bool get, head;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!hlen)
		return len >= SERVE_MAX_HEADER ? 431 : 0;
	if (hlen > SERVE_MAX_HEADER)
		return 431;
	end = buf + hlen;
	/* RFC 9112: empty lines before the request line may be ignored */
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		return 400;
	sp1 = memchr(p, ' ', (size_t)(eol - p));
	if (!sp1 || !is_token(p, sp1))
		return 400;
	target = sp1 + 1;
	sp2 = memchr(target, ' ', (size_t)(eol - target));
	if (!sp2 || sp2 == target)
		return 400;
	{
		const char *v = sp2 + 1, *v_end = eol;

		if (v_end > v && v_end[-1] == '\r')
			v_end--;
		if (v_end - v != 8 || memcmp(v, "HTTP/1.", 7) ||
		    v[7] < '0' || v[7] > '9')
			return v_end - v >= 5 && !memcmp(v, "HTTP/", 5) ?
				505 : 400;
	}
	for (const char *q = target; q < sp2; q++)
		if ((unsigned char)*q <= ' ' || *q == 0x7f)
			return 400;
	rc = parse_headers(eol + 1, end, out);
	if (rc)
		return rc;
	tlen = (size_t)(sp2 - target);
	if (tlen < sizeof(path) - 1 || memcmp(target, path, sizeof(path) - 1) ||
	    (tlen > sizeof(path) - 1 && target[sizeof(path) - 1] != '?'))
		return 404;
	get = sp1 - p == 3 && !memcmp(p, "GET", 3);
	head = sp1 - p == 4 && !memcmp(p, "HEAD", 4);
	if (!get && !head)
		return 405;
	out->head = head;
	out->header_len = hlen;
	return 200;
}
