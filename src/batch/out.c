/* out — stdout as a checked, buffered writer (see out.h). */
#include "out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void out_init(struct out *o, int fd)
{
	o->fd = fd;
	o->err = 0;
	sbuf_init(&o->buf);
}

void out_fini(struct out *o)
{
	sbuf_fini(&o->buf);
}

bool out_flush(struct out *o)
{
	size_t off = 0;

	while (!o->err && off < o->buf.len) {
		ssize_t n = write(o->fd, o->buf.data + off, o->buf.len - off);
		if (n < 0) {
			if (errno != EINTR)
				o->err = errno;
			continue;
		}
		off += (size_t)n;
	}
	sbuf_reset(&o->buf);
	return !o->err;
}

void out_maybe_flush(struct out *o)
{
	if (o->buf.len >= OUT_FLUSH_BYTES)
		out_flush(o);
}

int out_finish(struct out *o)
{
	out_flush(o);
	if (o->fd >= 0) {
		if (close(o->fd) < 0 && errno != EINTR && !o->err)
			o->err = errno;
		o->fd = -1;
	}
	if (o->err && o->err != EPIPE) {
		fprintf(stderr, "proctop: write error: %s\n", strerror(o->err));
		return 1;
	}
	return 0;
}

void out_add_time(struct sbuf *sb, const struct timespec *ts)
{
	sbuf_addf(sb, "%lld.%03ld", (long long)ts->tv_sec,
		ts->tv_nsec / 1000000L);
}
