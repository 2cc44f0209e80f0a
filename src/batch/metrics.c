/* metrics — a sampling session for the Prometheus exposition, and
 * -b --format openmetrics|prometheus (see proctop/batch.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"
#include "proctop/batch.h"
#include "proctop/collector.h"
#include "proctop/xalloc.h"
#include "sample.h"

/* A rules file larger than this is refused. */
#define RULES_MAX_BYTES (1u << 20)

struct metrics_session {
	const struct options *opts;
	struct collector *c;
	struct export_rules *rules;
	struct exporter *e;
	unsigned need;
	struct snapshot snaps[2];
	struct snapshot *cur, *prev;   /* cur: the sample rendered */
	bool have;                     /* cur holds a sample */
	bool keep_prev;                /* --top N:cpu needs CPU deltas */
};

/* Read the rules file at path into *out; 0, or 1 after a message. */
static int load_rules(const char *path, struct export_rules **out)
{
	struct sbuf buf;
	char err[200], chunk[4096];
	size_t line = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), rc = 0;

	if (fd < 0) {
		fprintf(stderr, "proctop: cannot open the rules file %s: %s\n",
			path, strerror(errno));
		return 1;
	}
	sbuf_init(&buf);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 &&
	       buf.len <= RULES_MAX_BYTES)
		sbuf_add(&buf, chunk, (size_t)n);
	if (n < 0 || buf.len > RULES_MAX_BYTES) {
		fprintf(stderr, "proctop: cannot read the rules file %s: %s\n",
			path, n < 0 ? strerror(errno) : "larger than 1 MiB");
		rc = 1;
	} else if (export_rules_parse(buf.data, buf.len, out, &line, err,
			sizeof(err)) < 0) {
		if (line)
			fprintf(stderr, "proctop: %s:%zu: %s\n", path, line,
				err);
		else
			fprintf(stderr, "proctop: %s: %s\n", path, err);
		rc = 1;
	}
	close(fd);
	sbuf_fini(&buf);
	return rc;
}

int metrics_open(const struct options *opts, struct metrics_session **out)
{
	struct metrics_session *m = xcalloc(1, sizeof(*m));
	struct export_config cfg = {
		.group_by = opts->group_by,
		.top_n = opts->top_n,
		.top_res = opts->top_res,
	};
	int err = 0;

	*out = NULL;
	m->opts = opts;
	if (opts->group_rules && load_rules(opts->group_rules, &m->rules)) {
		free(m);
		return 1;
	}
	cfg.rules = m->rules;
	m->c = collector_new(opts->proc_root, &err);
	if (!m->c) {
		fprintf(stderr, "proctop: cannot open %s: %s\n",
			opts->proc_root, strerror(err < 0 ? -err : EIO));
		export_rules_free(m->rules);
		free(m);
		return 1;
	}
	m->e = exporter_new(&cfg);
	m->need = exporter_need(&cfg);
	snapshot_init(&m->snaps[0]);
	snapshot_init(&m->snaps[1]);
	m->cur = &m->snaps[0];
	m->prev = &m->snaps[1];
	/* without it one snapshot is reused (at 5,000 processes each is
	 * ~5 MB) */
	m->keep_prev = opts->top_n && opts->top_res == EXPORT_RES_CPU;
	*out = m;
	return 0;
}

void metrics_close(struct metrics_session *m)
{
	if (!m)
		return;
	snapshot_fini(&m->snaps[0]);
	snapshot_fini(&m->snaps[1]);
	exporter_free(m->e);
	collector_free(m->c);
	export_rules_free(m->rules);
	free(m);
}

int metrics_sample(struct metrics_session *m)
{
	struct snapshot *next = m->keep_prev ? m->prev : m->cur;
	int rc = sample_take(m->c, m->need, next,
		m->keep_prev && m->have ? m->cur : NULL, m->opts->proc_root);

	if (rc < 0) {
		m->have = m->have && next != m->cur;
		return rc;
	}
	if (m->keep_prev) {
		m->prev = m->cur;
		m->cur = next;
	}
	m->have = true;
	exporter_update(m->e, m->cur);
	return 0;
}

void metrics_render(const struct metrics_session *m, enum export_format f,
	struct sbuf *out)
{
	if (m->have)
		exporter_render(m->e, m->cur, f, out);
}

int batch_metrics_run(const struct options *opts)
{
	enum export_format f = opts->format == FORMAT_OPENMETRICS ?
		EXPORT_OPENMETRICS : EXPORT_PROMETHEUS;
	struct metrics_session *m;
	struct timespec last;
	struct out o;
	int status = 0;

	if (metrics_open(opts, &m))
		return 1;
	out_init(&o, STDOUT_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &last);
	/* --top N:cpu ranks by CPU since the previous sample: prime it */
	if (opts->top_n && opts->top_res == EXPORT_RES_CPU) {
		if (metrics_sample(m) < 0) {
			status = 1;
			goto done;
		}
		sample_sleep_after(&last, opts->delay_s < BATCH_PRIME_MAX_S ?
			opts->delay_s : BATCH_PRIME_MAX_S);
	}
	for (long i = 0; opts->iterations == 0 || i < opts->iterations; i++) {
		if (i)
			sample_sleep_after(&last, opts->delay_s);
		clock_gettime(CLOCK_MONOTONIC, &last);
		if (metrics_sample(m) < 0) {
			status = 1;
			break;
		}
		metrics_render(m, f, &o.buf);
		if (!out_flush(&o))
			break;
	}
done:
	if (out_finish(&o))
		status = 1;
	out_fini(&o);
	metrics_close(m);
	return status;
}
