/* sample — refresh-loop helpers for the batch reports (see sample.h). */
#include "sample.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void sample_timespec_add(struct timespec *ts, double s)
{
	long long ns = (long long)(s * 1e9);

	ts->tv_sec += (time_t)(ns / 1000000000LL);
	ts->tv_nsec += (long)(ns % 1000000000LL);
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void sample_sleep_after(const struct timespec *since, double delay_s)
{
	struct timespec until = *since;

	sample_timespec_add(&until, delay_s);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL)
		== EINTR)
		;
}

int sample_take(struct collector *c, unsigned need, struct snapshot *s,
	const struct snapshot *prev, const char *root)
{
	int rc;

	snapshot_clear(s);
	rc = collector_sample(c, need, s);
	if (rc < 0) {
		char why[512];
		collector_describe_error(c, rc, why, sizeof(why));
		fprintf(stderr, "proctop: %s\n", why);
		return rc;
	}
	snapshot_finish(s, prev);
	return 0;
}
