/* recorder — the --record loop (see proctop/recorder.h).
 *
 * Signals are blocked and waited for with sigtimedwait between samples, so
 * a SIGTERM during a sample lets that sample's frame be written whole and
 * no handler (no global flag) is needed. */
#include "proctop/recorder.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proctop/collector.h"
#include "proctop/record.h"
#include "proctop/recstore.h"

/* Everything one recording run keeps. */
struct recorder {
	const struct options *opts;
	struct collector *c;
	struct rec_store *st;
	struct rec_enc *enc;
	struct rec_zctx *z;
	struct rec_buf frame;
	struct snapshot snap;         /* the sample being recorded */
	struct snapshot *cur;         /* &snap */
	unsigned since_key;           /* samples since the key frame */
	double delay_s;
	struct sbuf why;
};

static int64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void file_header(const struct recorder *r, struct rec_file_hdr *h,
	int64_t time_ns)
{
	long page = sysconf(_SC_PAGESIZE), hz = sysconf(_SC_CLK_TCK);

	memset(h, 0, sizeof(*h));
	h->version = REC_VERSION;
	h->page_size = page > 0 ? (uint32_t)page : 4096;
	h->hz = hz > 0 ? (uint32_t)hz : 100;
	h->interval_ms = (uint32_t)(r->delay_s * 1000.0 + 0.5);
	h->boot_time = r->cur->sys.btime;
	h->created_ns = time_ns;
	if (gethostname(h->host, sizeof(h->host) - 1) < 0)
		h->host[0] = '\0';
	h->host[sizeof(h->host) - 1] = '\0';
}

/* Take one sample and append its frame; 0 or 1 after a message. */
static int record_one(struct recorder *r)
{
	int64_t t = now_ns(CLOCK_REALTIME);
	struct rec_file_hdr h;
	bool key;
	int rc;

	snapshot_clear(r->cur);
	rc = collector_sample(r->c, RECORDER_NEED, r->cur);
	if (rc < 0) {
		char msg[512];
		collector_describe_error(r->c, rc, msg, sizeof(msg));
		fprintf(stderr, "proctop: %s; recording stopped\n", msg);
		return 1;
	}
	snapshot_finish(r->cur, NULL);
	key = r->since_key == 0 || r->since_key >= REC_KEY_EVERY;
	if (rec_store_wants_file(r->st, t)) {
		file_header(r, &h, t);
		if (rec_store_new_file(r->st, &h, t, &r->why) < 0) {
			fprintf(stderr, "proctop: %s; recording stopped\n",
				r->why.data);
			return 1;
		}
		key = true;
	}
	const struct rec_buf *raw = rec_encode_payload(r->enc, r->cur,
		!key);
	rc = rec_frame_pack(r->z, raw->data, raw->len,
		key ? REC_FRAME_KEY : REC_FRAME_DELTA, t, &r->frame);
	if (rc == 0)
		rc = rec_store_append(r->st, &r->frame, &r->why);
	else
		sbuf_addf(&r->why, "cannot compress a sample: %s",
			strerror(-rc));
	if (rc < 0) {
		fprintf(stderr, "proctop: %s; recording stopped (%s ends with "
			"the last complete sample)\n", r->why.data,
			rec_store_path(r->st));
		return 1;
	}
	if (key)
		r->since_key = 0;
	r->since_key++;
	return 0;
}

/* Wait until the monotonic time `until` (ns) or a stop signal: true when
 * a signal came. */
static bool wait_until(const sigset_t *stop, int64_t until)
{
	for (;;) {
		int64_t left = until - now_ns(CLOCK_MONOTONIC);
		if (left <= 0)
			return sigtimedwait(stop, NULL,
				&(struct timespec){ 0, 0 }) > 0;
		struct timespec ts = { (time_t)(left / 1000000000),
			(long)(left % 1000000000) };
		int sig = sigtimedwait(stop, NULL, &ts);
		if (sig > 0)
			return true;
		if (errno != EINTR && errno != EAGAIN)
			return true;
	}
}

static void recorder_fini(struct recorder *r)
{
	snapshot_fini(&r->snap);
	rec_buf_fini(&r->frame);
	rec_enc_free(r->enc);
	rec_zctx_free(r->z);
	rec_store_close(r->st);
	collector_free(r->c);
	sbuf_fini(&r->why);
}

int recorder_run(const struct options *opts)
{
	struct recorder r = { .opts = opts };
	sigset_t stop;
	int err = 0, status = 0;

	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, NULL);

	r.delay_s = opts->delay_set ? opts->delay_s : RECORDER_DEFAULT_DELAY_S;
	sbuf_init(&r.why);
	rec_buf_init(&r.frame);
	snapshot_init(&r.snap);
	r.cur = &r.snap;
	r.st = rec_store_open(opts->record_path, opts->record_max_size,
		&r.why);
	if (!r.st) {
		fprintf(stderr, "proctop: %s\n", r.why.data);
		recorder_fini(&r);
		return 1;
	}
	r.c = collector_new(opts->proc_root, &err);
	r.enc = rec_enc_new();
	r.z = rec_zctx_new();
	if (!r.c || !r.z) {
		fprintf(stderr, "proctop: cannot start recording: %s\n",
			r.c ? "cannot allocate a zstd context" :
			strerror(err < 0 ? -err : EIO));
		recorder_fini(&r);
		return 1;
	}

	int64_t next = now_ns(CLOCK_MONOTONIC);
	int64_t step = (int64_t)(r.delay_s * 1e9);
	do {
		status = record_one(&r);
		if (status)
			break;
		int64_t now = now_ns(CLOCK_MONOTONIC);
		next += step;
		if (next <= now)      /* a sample took longer than -d */
			next = now + step - (now - next) % step;
	} while (!wait_until(&stop, next));
	recorder_fini(&r);
	return status;
}
