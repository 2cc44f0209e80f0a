/* replay-bench — a long recording without waiting for it, and how fast
 * the replay opens and seeks in it.
 *
 *   replay-bench write DIR [-n SAMPLES] [-i SECONDS] [-k DISTINCT]
 *       Take DISTINCT (default 30) real samples of this machine, 0.1 s
 *       apart, as proctop --record would, then write SAMPLES (default
 *       8640: 24 hours at 10 s) frames into the recording directory DIR,
 *       cycling through them, time-stamped SECONDS (default 10) apart
 *       ending now: key frames, deltas, daily files and the index as the
 *       recorder writes them.  Prints the frames, bytes and seconds taken.
 *
 *   replay-bench seek PATH [-j JUMPS]
 *       Open the recording (replay_open) and decode its first sample
 *       (replay_get 0: what the TUI needs for its first screen), then
 *       jump to JUMPS (default 50) random samples and to the last one;
 *       prints the open time and the jump times (min, p50, p90, max).
 *
 * The TUI end to end (first screen, a jump key) is timed by
 * bench/replay-cost in tmux. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/record.h"
#include "proctop/recorder.h"
#include "proctop/recstore.h"
#include "proctop/replay.h"
#include "proctop/xalloc.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fprintf(stderr, "usage: replay-bench write DIR [-n SAMPLES] "
		"[-i SECONDS] [-k DISTINCT]\n"
		"       replay-bench seek PATH [-j JUMPS]\n");
	return 2;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int run_write(const char *dir, long n, double interval, long k)
{
	struct snapshot *snaps = xcalloc((size_t)k, sizeof(*snaps));
	struct sbuf why;
	int err = 0;

	sbuf_init(&why);
	struct collector *c = collector_new("/proc", &err);
	if (!c) {
		fprintf(stderr, "replay-bench: /proc: %s\n", strerror(-err));
		return 1;
	}
	for (long i = 0; i < k; i++) {
		snapshot_init(&snaps[i]);
		if (collector_sample(c, RECORDER_NEED, &snaps[i]) < 0) {
			fprintf(stderr, "replay-bench: cannot sample\n");
			return 1;
		}
		snapshot_finish(&snaps[i], NULL);
		usleep(100000);
	}
	/* The tasks' user names are the collector's: it lives until the
	 * frames are written. */

	struct rec_store *st = rec_store_open(dir, 0, &why);
	if (!st) {
		fprintf(stderr, "replay-bench: %s\n", why.data);
		return 1;
	}
	struct rec_enc *enc = rec_enc_new();
	struct rec_zctx *z = rec_zctx_new();
	struct rec_buf raw, frame;
	rec_buf_init(&raw);
	rec_buf_init(&frame);
	struct timespec wall;
	clock_gettime(CLOCK_REALTIME, &wall);
	int64_t end = (int64_t)wall.tv_sec * 1000000000 + wall.tv_nsec;
	int64_t step = (int64_t)(interval * 1e9);
	const struct snapshot *key = NULL;
	long since_key = 0;
	uint64_t bytes = 0;
	double t0 = now_s();

	for (long i = 0; i < n; i++) {
		int64_t t = end - (int64_t)(n - 1 - i) * step;
		/* Cycle forward and back so consecutive samples stay
		 * consecutive (CPU% from their real deltas). */
		long period = k > 1 ? 2 * (k - 1) : 1;
		long j = i % period;
		struct snapshot *s = &snaps[j < k ? j : period - j];
		bool is_key = !key || since_key >= REC_KEY_EVERY;
		if (rec_store_wants_file(st, t)) {
			struct rec_file_hdr h;
			memset(&h, 0, sizeof(h));
			h.version = REC_VERSION;
			h.page_size = (uint32_t)sysconf(_SC_PAGESIZE);
			h.hz = (uint32_t)sysconf(_SC_CLK_TCK);
			h.interval_ms = (uint32_t)(interval * 1000.0);
			h.boot_time = s->sys.btime;
			h.created_ns = t;
			snprintf(h.host, sizeof(h.host), "replay-bench");
			if (rec_store_new_file(st, &h, t, &why) < 0) {
				fprintf(stderr, "replay-bench: %s\n", why.data);
				return 1;
			}
			is_key = true;
		}
		raw.len = 0;
		rec_encode(enc, s, is_key ? NULL : key, &raw);
		if (rec_frame_pack(z, raw.data, raw.len, is_key ?
				REC_FRAME_KEY : REC_FRAME_DELTA, t, &frame) < 0 ||
		    rec_store_append(st, &frame, &why) < 0) {
			fprintf(stderr, "replay-bench: cannot write: %s\n",
				why.data);
			return 1;
		}
		bytes += frame.len;
		if (is_key) {
			key = s;
			since_key = 0;
		}
		since_key++;
	}
	printf("wrote %ld samples of %zu processes (+ %zu threads) in %.1f s: "
		"%.1f MB, %.2f bytes/task/sample\n", n, snaps[0].nprocs,
		snaps[0].nthreads, now_s() - t0, (double)bytes / 1e6,
		(double)bytes / (double)n /
		(double)(snaps[0].nprocs + snaps[0].nthreads));
	rec_buf_fini(&raw);
	rec_buf_fini(&frame);
	rec_zctx_free(z);
	rec_enc_free(enc);
	rec_store_close(st);
	for (long i = 0; i < k; i++)
		snapshot_fini(&snaps[i]);
	free(snaps);
	collector_free(c);
	sbuf_fini(&why);
	return 0;
}

static int run_seek(const char *path, long jumps)
{
	struct sbuf why, warn;
	double t0 = now_s();

	sbuf_init(&why);
	sbuf_init(&warn);
	struct replay *rp = replay_open(path, &why, &warn);
	if (!rp) {
		fprintf(stderr, "replay-bench: %s\n", why.data);
		return 1;
	}
	double t_open = now_s() - t0;
	const struct snapshot *s = replay_get(rp, 0, &why);
	double t_first = now_s() - t0;
	size_t n = replay_count(rp);
	printf("samples %zu, %zu processes in the first; open %.1f ms, "
		"open + first sample %.1f ms\n", n, s ? s->nprocs : 0,
		t_open * 1e3, t_first * 1e3);

	double *d = xcalloc((size_t)jumps + 1, sizeof(*d));
	srand(1);
	for (long i = 0; i <= jumps; i++) {
		size_t at = i == jumps ? n - 1 : (size_t)rand() % n;
		double a = now_s();
		if (!replay_get(rp, at, &why))
			fprintf(stderr, "replay-bench: sample %zu: %s\n", at,
				why.data);
		d[i] = (now_s() - a) * 1e3;
	}
	qsort(d, (size_t)jumps + 1, sizeof(*d), cmp_double);
	size_t m = (size_t)jumps + 1;
	printf("jump to a random sample (%zu): min %.1f ms, p50 %.1f ms, "
		"p90 %.1f ms, max %.1f ms\n", m, d[0], d[m / 2],
		d[m * 9 / 10], d[m - 1]);
	free(d);
	replay_close(rp);
	sbuf_fini(&why);
	sbuf_fini(&warn);
	return 0;
}

int main(int argc, char **argv)
{
	long n = 8640, k = 30, jumps = 50;
	double interval = 10.0;
	int opt;

	if (argc < 3)
		return usage();
	optind = 3;
	while ((opt = getopt(argc, argv, "n:i:k:j:")) != -1) {
		switch (opt) {
		case 'n': n = atol(optarg); break;
		case 'i': interval = atof(optarg); break;
		case 'k': k = atol(optarg); break;
		case 'j': jumps = atol(optarg); break;
		default: return usage();
		}
	}
	if (n < 1 || k < 1 || jumps < 1 || interval <= 0)
		return usage();
	if (!strcmp(argv[1], "write"))
		return run_write(argv[2], n, interval, k);
	if (!strcmp(argv[1], "seek"))
		return run_seek(argv[2], jumps);
	return usage();
}
