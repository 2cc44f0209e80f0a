/* rbatch — proctop -b --replay: the batch reports of recorded samples
 * (see proctop/recorder.h).  The reports come from the batch writer, so
 * they are what a live -b would have printed at those samples. */
#include "proctop/recorder.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "proctop/batch.h"
#include "proctop/collector.h"
#include "proctop/replay.h"
#include "proctop/sbuf.h"

void replay_print_lines(const char *msg)
{
	while (msg && *msg) {
		size_t len = strcspn(msg, "\n");
		fprintf(stderr, "proctop: %.*s\n", (int)len, msg);
		msg += len + (msg[len] == '\n');
	}
}

int replay_batch_run(const struct options *opts)
{
	struct sbuf why, warn, last;
	struct replay *rp;
	int status = 0;

	sbuf_init(&why);
	sbuf_init(&warn);
	sbuf_init(&last);
	rp = replay_open(opts->replay_path, &why, &warn);
	replay_print_lines(warn.data);
	if (!rp) {
		replay_print_lines(why.data);
		sbuf_fini(&why);
		sbuf_fini(&warn);
		sbuf_fini(&last);
		return 1;
	}
	if (warn.len)
		status = 1;

	size_t n = replay_count(rp);
	size_t first = opts->has_from ?
		replay_find(rp, (int64_t)opts->from * 1000000000) : 0;
	size_t end = opts->has_to ?
		replay_find(rp, ((int64_t)opts->to + 1) * 1000000000) : n;
	if (first >= end) {
		char a[32], b[32];
		replay_fmt_time(a, sizeof(a), replay_time_ns(rp, 0), true);
		replay_fmt_time(b, sizeof(b), replay_time_ns(rp, n - 1), true);
		fprintf(stderr, "proctop: no sample in that time range (the "
			"recording covers %s to %s)\n", a, b);
		replay_close(rp);
		sbuf_fini(&why);
		sbuf_fini(&warn);
		sbuf_fini(&last);
		return 1;
	}

	struct batch *w = batch_writer_new(opts);
	if (batch_writer_need(w) & NEED_ROLLUP)
		fprintf(stderr, "proctop: recordings hold no smaps_rollup: "
			"PSS, USS and SWAPPSS show as unknown\n");
	long reports = 0;
	for (size_t i = first; i < end; i++) {
		const struct snapshot *s = replay_get(rp, i, &why);
		if (!s) {
			/* One line per cause (a damaged key frame spoils the
			 * samples after it in the same way). */
			if (strcmp(why.data, last.data ? last.data : ""))
				fprintf(stderr, "proctop: %s; skipped\n",
					why.data);
			sbuf_reset(&last);
			sbuf_adds(&last, why.data);
			status = 1;
			continue;
		}
		int64_t ns = replay_time_ns(rp, i);
		struct timespec wall = { (time_t)(ns / 1000000000),
			(long)(ns % 1000000000) };
		int rc = batch_writer_emit(w, s, &wall);
		if (rc < 0)
			status = 1;
		if (rc <= 0)
			break;
		if (opts->iterations && ++reports >= opts->iterations)
			break;
	}
	if (batch_writer_free(w))
		status = 1;
	replay_close(rp);
	sbuf_fini(&why);
	sbuf_fini(&warn);
	sbuf_fini(&last);
	return status;
}
