/* test_http — the request parser of --serve: only GET/HEAD of exactly
 * /metrics is 200; other paths (traversal, double slash, absolute form,
 * encodings) 404; other methods 405; 431 over 8 KiB; malformed 400;
 * incomplete 0; the Accept header picks OpenMetrics. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "proctop/serve.h"

static int parse(const char *s, struct http_request *r)
{
	return http_parse_request(s, strlen(s), r);
}

static int status_of(const char *s)
{
	struct http_request r;

	return parse(s, &r);
}

static void test_paths(void)
{
	struct http_request r;

	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", &r), 200);
	CHECK(!r.head && !r.openmetrics);
	CHECK_EQ_U(r.header_len, 34);
	CHECK_EQ_I(parse("HEAD /metrics HTTP/1.0\r\n\r\n", &r), 200);
	CHECK(r.head);
	CHECK_EQ_I(status_of("GET /metrics?x=1 HTTP/1.1\r\n\r\n"), 200);
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\n\n"), 200);
	CHECK_EQ_I(status_of("\r\nGET /metrics HTTP/1.1\r\n\r\n"), 200);

	static const char *const not_found[] = {
		"GET / HTTP/1.1\r\n\r\n",
		"GET /metrics/ HTTP/1.1\r\n\r\n",
		"GET //metrics HTTP/1.1\r\n\r\n",
		"GET /metrics/../etc/passwd HTTP/1.1\r\n\r\n",
		"GET /../metrics HTTP/1.1\r\n\r\n",
		"GET /metricsx HTTP/1.1\r\n\r\n",
		"GET /%6detrics HTTP/1.1\r\n\r\n",
		"GET /Metrics HTTP/1.1\r\n\r\n",
		"GET http://127.0.0.1/metrics HTTP/1.1\r\n\r\n",
		"GET * HTTP/1.1\r\n\r\n",
		"GET /etc/passwd HTTP/1.1\r\n\r\n",
		"GET /metrics#x HTTP/1.1\r\n\r\n",
		"POST /other HTTP/1.1\r\n\r\n",
	};
	for (size_t i = 0; i < sizeof(not_found) / sizeof(not_found[0]); i++)
		CHECK_EQ_I(status_of(not_found[i]), 404);

	CHECK_EQ_I(status_of("POST /metrics HTTP/1.1\r\n\r\n"), 405);
	CHECK_EQ_I(status_of("DELETE /metrics HTTP/1.1\r\n\r\n"), 405);
	CHECK_EQ_I(status_of("get /metrics HTTP/1.1\r\n\r\n"), 405);
}

static void test_malformed(void)
{
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\r\n"), 0);
	CHECK_EQ_I(status_of("GET /met"), 0);
	CHECK_EQ_I(status_of(""), 0);
	CHECK_EQ_I(status_of("GET /metrics\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("GET  /metrics HTTP/1.1\r\n\r\n"), 400);
	CHECK_EQ_I(status_of(" GET /metrics HTTP/1.1\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("GET /metrics HTTP/2.0\r\n\r\n"), 505);
	CHECK_EQ_I(status_of("GET /metrics FTP/1.1\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("G(T /metrics HTTP/1.1\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\r\nNoColon\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\r\n: x\r\n\r\n"), 400);
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\r\nA: b\r\n c\r\n\r\n"),
		400);
	CHECK_EQ_I(status_of("GET /metrics HTTP/1.1\r\nBad Name: x\r\n\r\n"),
		400);
	CHECK_EQ_I(status_of("GET /me\x01trics HTTP/1.1\r\n\r\n"), 400);
	CHECK_EQ_I(http_parse_request("GET /metrics HTTP/1.1\r\n\0: x\r\n\r\n",
		31, &(struct http_request){ 0 }), 400);
}

static void test_big(void)
{
	size_t n = SERVE_MAX_HEADER + 100;
	char *buf = malloc(n + 1);

	memset(buf, 'a', n);
	memcpy(buf, "GET /metrics HTTP/1.1\r\nX: ", 26);
	buf[n] = '\0';
	/* 8 KiB without an end: 431, not "incomplete" */
	CHECK_EQ_I(http_parse_request(buf, SERVE_MAX_HEADER,
		&(struct http_request){ 0 }), 431);
	CHECK_EQ_I(http_parse_request(buf, SERVE_MAX_HEADER - 1,
		&(struct http_request){ 0 }), 0);
	/* complete but too long */
	memcpy(buf + n - 4, "\r\n\r\n", 4);
	CHECK_EQ_I(http_parse_request(buf, n, &(struct http_request){ 0 }),
		431);
	/* exactly at the limit is fine */
	memcpy(buf + SERVE_MAX_HEADER - 4, "\r\n\r\n", 4);
	CHECK_EQ_I(http_parse_request(buf, SERVE_MAX_HEADER,
		&(struct http_request){ 0 }), 200);
	free(buf);
}

static void test_accept(void)
{
	struct http_request r;

	/* what Prometheus 2.x sends */
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nAccept: "
		"application/openmetrics-text;version=1.0.0,"
		"application/openmetrics-text;version=0.0.1;q=0.75,"
		"text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n\r\n", &r), 200);
	CHECK(r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\naccept:  Application/"
		"OpenMetrics-Text ; q=0.3\r\n\r\n", &r), 200);
	CHECK(r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nAccept: text/plain\r\n"
		"\r\n", &r), 200);
	CHECK(!r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nAccept: application/"
		"openmetrics-text;q=0, text/plain\r\n\r\n", &r), 200);
	CHECK(!r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nAccept: application/"
		"openmetrics-text;q=0.0\r\n\r\n", &r), 200);
	CHECK(!r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nX-Accept: application/"
		"openmetrics-text\r\n\r\n", &r), 200);
	CHECK(!r.openmetrics);
	CHECK_EQ_I(parse("GET /metrics HTTP/1.1\r\nAccept: application/"
		"openmetrics-textx\r\n\r\n", &r), 200);
	CHECK(!r.openmetrics);
}

int main(void)
{
	test_paths();
	test_malformed();
	test_big();
	test_accept();
	return check_done();
}
