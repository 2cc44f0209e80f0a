/* server — --serve: GET /metrics over HTTP/1.x, one thread, poll(2)
 * (see proctop/serve.h).
 *
 * Every socket is non-blocking.  A connection first reads its request
 * head (SERVE_HEADER_TIMEOUT_S from accept, however slowly the bytes
 * trickle in; over SERVE_MAX_HEADER bytes is 431), then writes its
 * response from its own header buffer and a reference-counted body shared
 * by the scrapes of one sample, then shuts down its side and drains what
 * the client still sends (so a close never resets the response away)
 * before closing.  Connection: close every time (no keep-alive).
 *
 * Sampling happens in the loop, synchronously, when a scrape finds the
 * current sample older than --serve-max-age: scrapes within that age
 * share one sample and its rendered text (one per format).  SIGTERM and
 * SIGINT arrive through a signalfd and end the loop. */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "proctop/batch.h"
#include "proctop/serve.h"
#include "proctop/xalloc.h"

/* After the response: how long to wait for the client's EOF. */
#define DRAIN_TIMEOUT_S 2.0
/* Connections accepted per poll round at most. */
#define ACCEPT_BURST 64

/* A response body shared by the connections sending it. */
struct body {
	size_t refs;
	struct sbuf text;
};

enum conn_state { C_READ, C_WRITE, C_DRAIN };

struct conn {
	int fd;
	enum conn_state st;
	double accepted, deadline;
	char in[SERVE_MAX_HEADER];
	size_t inlen;
	char hdr[384];
	size_t hdrlen;
	struct body *body;          /* NULL: no body (HEAD, or in hdr) */
	size_t off;                 /* bytes of hdr + body sent */
};

struct server {
	int lfd, sigfd;
	struct conn *conns[SERVE_MAX_CONNS];
	size_t nconns;
	struct metrics_session *m;
	double max_age, sampled_at;
	bool sampled;
	struct body *bodies[2];     /* per export_format, for this sample */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void body_unref(struct body *b)
{
	if (b && --b->refs == 0) {
		sbuf_fini(&b->text);
		free(b);
	}
}

/* ---- address --------------------------------------------------------- */

int serve_parse_addr(const char *arg, char *host, size_t hostlen, int *port)
{
	const char *p = arg, *colon;
	size_t hl;
	long v = 0;

	if (*arg == '[') {
		const char *close = strchr(arg, ']');

		if (!close || close[1] != ':')
			return -EINVAL;
		hl = (size_t)(close - arg - 1);
		p = arg + 1;
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (colon && memchr(arg, ':', (size_t)(colon - arg)))
			return -EINVAL;     /* bare IPv6: needs [] */
		hl = colon ? (size_t)(colon - arg) : 0;
	}
	if (colon && hl == 0)
		return -EINVAL;
	if (hl >= hostlen)
		return -EINVAL;
	if (colon) {
		memcpy(host, p, hl);
		host[hl] = '\0';
		p = colon + 1;
	} else {
		snprintf(host, hostlen, "127.0.0.1");
		p = arg;
	}
	if (!*p || strlen(p) > 5)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (*p - '0');
	}
	if (v < 1 || v > 65535)
		return -EINVAL;
	*port = (int)v;
	return 0;
}

/* A non-blocking listening socket on host:port; fd or -1 after a
 * message. */
static int listen_on(const char *host, int port)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
	};
	struct addrinfo *res = NULL;
	char service[8];
	int fd, one = 1, rc;

	snprintf(service, sizeof(service), "%d", port);
	rc = getaddrinfo(host, service, &hints, &res);
	if (rc) {
		fprintf(stderr, "proctop: --serve: invalid address '%s': %s\n",
			host, gai_strerror(rc));
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) < 0 ||
	    listen(fd, 128) < 0) {
		fprintf(stderr, "proctop: --serve: cannot listen on %s port "
			"%d: %s\n", host, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* ---- connections ------------------------------------------------------ */

static void conn_close(struct server *s, size_t i)
{
	struct conn *c = s->conns[i];

	close(c->fd);
	body_unref(c->body);
	free(c);
	s->conns[i] = s->conns[--s->nconns];
}

/* Make room for one more: drop the oldest connection still reading its
 * request.  False when every connection is busy writing. */
static bool evict_one(struct server *s)
{
	size_t victim = SIZE_MAX;

	for (size_t i = 0; i < s->nconns; i++)
		if (s->conns[i]->st != C_WRITE && (victim == SIZE_MAX ||
		    s->conns[i]->accepted < s->conns[victim]->accepted))
			victim = i;
	if (victim == SIZE_MAX)
		return false;
	conn_close(s, victim);
	return true;
}

static void accept_some(struct server *s, double now)
{
	for (int k = 0; k < ACCEPT_BURST; k++) {
		int fd = accept4(s->lfd, NULL, NULL,
			SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct conn *c;

		if (fd < 0)
			return;            /* EAGAIN, or a transient error */
		if (s->nconns == SERVE_MAX_CONNS && !evict_one(s)) {
			close(fd);
			continue;
		}
		c = xcalloc(1, sizeof(*c));
		c->fd = fd;
		c->st = C_READ;
		c->accepted = now;
		c->deadline = now + SERVE_HEADER_TIMEOUT_S;
		s->conns[s->nconns++] = c;
	}
}

/* The body for format f of the current sample (a new reference). */
static struct body *current_body(struct server *s, enum export_format f)
{
	struct body *b = s->bodies[f];

	if (!b) {
		b = xcalloc(1, sizeof(*b));
		b->refs = 1;
		sbuf_init(&b->text);
		metrics_render(s->m, f, &b->text);
		s->bodies[f] = b;
	}
	b->refs++;
	return b;
}

/* Take a new sample when the current one is older than max_age. */
static int refresh(struct server *s, double now)
{
	if (s->sampled && now - s->sampled_at < s->max_age)
		return 0;
	if (metrics_sample(s->m) < 0)
		return -EIO;
	s->sampled = true;
	s->sampled_at = now_s();
	for (int f = 0; f < 2; f++) {
		body_unref(s->bodies[f]);
		s->bodies[f] = NULL;
	}
	return 0;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 431: return "Request Header Fields Too Large";
	case 505: return "HTTP Version Not Supported";
	default: return "Internal Server Error";
	}
}

/* Prepare c's response to a request parsed with status. */
static void respond(struct server *s, struct conn *c, int status,
	const struct http_request *req, double now)
{
	enum export_format f = req->openmetrics ? EXPORT_OPENMETRICS :
		EXPORT_PROMETHEUS;
	const char *type = "text/plain; charset=utf-8";
	char small[64];
	size_t blen;

	if (status == 200 && refresh(s, now) < 0)
		status = 500;
	if (status == 200) {
		c->body = current_body(s, f);
		blen = c->body->text.len;
		type = export_content_type(f);
	} else {
		blen = (size_t)snprintf(small, sizeof(small), "%d %s\n",
			status, reason(status));
	}
	c->hdrlen = (size_t)snprintf(c->hdr, sizeof(c->hdr),
		"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		"%sConnection: close\r\n\r\n%s", status, reason(status), type,
		blen, status == 405 ? "Allow: GET, HEAD\r\n" : "",
		status == 200 || req->head ? "" : small);
	if (req->head) {
		body_unref(c->body);
		c->body = NULL;
	}
	c->st = C_WRITE;
	c->off = 0;
	c->deadline = now + SERVE_WRITE_TIMEOUT_S;
}

/* Send what the socket takes now; true while the connection lives. */
static bool conn_write(struct conn *c, double now)
{
	for (;;) {
		struct iovec iov[2];
		struct msghdr msg = { .msg_iov = iov };
		size_t blen = c->body ? c->body->text.len : 0;
		ssize_t n;

		if (c->off < c->hdrlen) {
			iov[msg.msg_iovlen++] = (struct iovec){
				c->hdr + c->off, c->hdrlen - c->off };
			if (blen)
				iov[msg.msg_iovlen++] = (struct iovec){
					c->body->text.data, blen };
		} else if (c->off < c->hdrlen + blen) {
			iov[msg.msg_iovlen++] = (struct iovec){
				c->body->text.data + (c->off - c->hdrlen),
				blen - (c->off - c->hdrlen) };
		} else {
			shutdown(c->fd, SHUT_WR);
			c->st = C_DRAIN;
			c->deadline = now + DRAIN_TIMEOUT_S;
			return true;
		}
		n = sendmsg(c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		c->off += (size_t)n;
	}
}

/* Handle poll events of connection c; true while it lives. */
static bool conn_event(struct server *s, struct conn *c, short ev,
	double now)
{
	if (c->st == C_READ) {
		struct http_request req;
		ssize_t n;
		int status;

		n = recv(c->fd, c->in + c->inlen, sizeof(c->in) - c->inlen,
			MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			return false;
		if (n < 0)
			return true;
		c->inlen += (size_t)n;
		status = http_parse_request(c->in, c->inlen, &req);
		if (!status)
			return true;
		respond(s, c, status, &req, now_s());
		return conn_write(c, now);
	}
	if (c->st == C_WRITE)
		return !(ev & (POLLERR | POLLHUP)) ? conn_write(c, now) : false;
	/* C_DRAIN: read and drop until EOF */
	for (;;) {
		char sink[1024];
		ssize_t n = recv(c->fd, sink, sizeof(sink), MSG_DONTWAIT);

		if (n > 0)
			continue;
		return n < 0 && (errno == EAGAIN || errno == EINTR);
	}
}

/* ---- the loop --------------------------------------------------------- */

static int serve_loop(struct server *s)
{
	struct pollfd *pfd = xreallocarray(NULL, SERVE_MAX_CONNS + 2,
		sizeof(*pfd));
	struct conn *polled[SERVE_MAX_CONNS];

	for (;;) {
		double now = now_s(), next = now + 60;
		size_t n = 0, np;
		int timeout;

		pfd[n++] = (struct pollfd){ .fd = s->sigfd, .events = POLLIN };
		pfd[n++] = (struct pollfd){ .fd = s->lfd, .events = POLLIN };
		for (size_t i = 0; i < s->nconns; i++) {
			struct conn *c = s->conns[i];

			polled[i] = c;
			pfd[n++] = (struct pollfd){ .fd = c->fd,
				.events = c->st == C_WRITE ? POLLOUT : POLLIN };
			if (c->deadline < next)
				next = c->deadline;
		}
		np = s->nconns;
		timeout = next <= now ? 0 : (int)((next - now) * 1000) + 1;
		if (poll(pfd, n, timeout) < 0 && errno != EINTR) {
			fprintf(stderr, "proctop: poll: %s\n", strerror(errno));
			free(pfd);
			return 1;
		}
		if (pfd[0].revents)
			break;
		now = now_s();
		/* events first (a closed one is swapped out of conns; find
		 * the live ones through polled[]) */
		for (size_t i = 0; i < np; i++) {
			short ev = pfd[i + 2].revents;
			size_t k;

			if (!ev)
				continue;
			for (k = 0; k < s->nconns && s->conns[k] != polled[i];
			     k++)
				;
			if (k == s->nconns)
				continue;
			if (!conn_event(s, polled[i], ev, now))
				conn_close(s, k);
		}
		now = now_s();
		for (size_t i = 0; i < s->nconns;) {
			if (s->conns[i]->deadline <= now)
				conn_close(s, i);
			else
				i++;
		}
		if (pfd[1].revents)
			accept_some(s, now);
	}
	free(pfd);
	return 0;
}

int serve_run(const struct options *opts)
{
	struct server s;
	char host[64];
	int port, status;
	sigset_t mask;

	memset(&s, 0, sizeof(s));
	if (serve_parse_addr(opts->serve, host, sizeof(host), &port) < 0) {
		fprintf(stderr, "proctop: invalid --serve address '%s'\n",
			opts->serve);
		return 1;
	}
	s.max_age = opts->serve_max_age_s;
	if (metrics_open(opts, &s.m))
		return 1;
	/* the first sample before listening: counters and --top cpu ready */
	if (metrics_sample(s.m) < 0) {
		metrics_close(s.m);
		return 1;
	}
	s.sampled = true;
	s.sampled_at = now_s();
	s.lfd = listen_on(host, port);
	if (s.lfd < 0) {
		metrics_close(s.m);
		return 1;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	s.sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (s.sigfd < 0) {
		fprintf(stderr, "proctop: signalfd: %s\n", strerror(errno));
		close(s.lfd);
		metrics_close(s.m);
		return 1;
	}
	fprintf(stderr, "proctop: serving http://%s%s%s:%d/metrics\n",
		strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "",
		port);
	status = serve_loop(&s);
	while (s.nconns)
		conn_close(&s, 0);
	for (int f = 0; f < 2; f++)
		body_unref(s.bodies[f]);
	close(s.sigfd);
	close(s.lfd);
	metrics_close(s.m);
	return status;
}
