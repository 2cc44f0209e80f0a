/* serve — the HTTP server of --serve, over a metrics session (batch.h).
 *
 * The server is single-threaded around poll(2): non-blocking sockets, a
 * per-connection read deadline for the request headers and an output
 * buffer per connection, so a slow client never blocks sampling or other
 * scrapes.  It answers GET/HEAD /metrics only, and never performs an
 * action (main drops capabilities to --drop-capabilities=strict first). */
#ifndef PROCTOP_SERVE_H
#define PROCTOP_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "proctop/options.h"

/* Request headers (request line included) larger than this get 431. */
#define SERVE_MAX_HEADER 8192
/* Connections at once; at the limit the oldest one still sending its
 * request is dropped for a new one. */
#define SERVE_MAX_CONNS 256
/* Seconds a client has to send its whole request headers. */
#define SERVE_HEADER_TIMEOUT_S 5.0
/* Seconds a client has to take the whole response. */
#define SERVE_WRITE_TIMEOUT_S 30.0

/* ---- HTTP request parsing (pure) --------------------------------------- */

struct http_request {
	bool head;              /* HEAD: headers only */
	bool openmetrics;       /* Accept asks for application/openmetrics-text */
	size_t header_len;      /* bytes of the request headers, final CRLF
	                           included */
};

/* Parse the request at buf[0..len).  Returns 0 when the headers are not
 * complete yet (and len < SERVE_MAX_HEADER), else the HTTP status to
 * answer: 200 (GET or HEAD of exactly /metrics, an optional query
 * allowed), 404 (any other target: other paths, "//metrics",
 * "/metrics/..", absolute-form URIs, "*"), 405 (another method on
 * /metrics), 400 (a malformed request line or header), 431 (headers
 * over SERVE_MAX_HEADER) or 505 (not HTTP/1.x).  *out is filled for 200. */
int http_parse_request(const char *buf, size_t len, struct http_request *out);

/* ---- modes --------------------------------------------------------------- */

/* Parse --serve's [ADDR:]PORT ("9256", "0.0.0.0:9256", "[::1]:9256").
 * 0, or -EINVAL. host gets the address (default 127.0.0.1), size hostlen;
 * *port the port (1..65535). */
int serve_parse_addr(const char *arg, char *host, size_t hostlen, int *port);

/* --serve: serve until SIGTERM or SIGINT.  Returns the exit status: 0
 * after a signal, 1 with a message on stderr when the address cannot be
 * bound, the proc root cannot be read or the rules file is bad. */
int serve_run(const struct options *opts);

#endif
