/* test_units — memory scaling, TIME+, uptime and decimals, locale-free. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "proctop/units.h"

static char buf[64];

static const char *kib(uint64_t v, int width)
{
	units_kib(buf, sizeof(buf), v, width);
	return buf;
}

static const char *tplus(uint64_t ticks, long hz)
{
	units_time_plus(buf, sizeof(buf), ticks, hz);
	return buf;
}

static const char *dbl(double v, int prec)
{
	units_double(buf, sizeof(buf), v, prec);
	return buf;
}

static void all_checks(void)
{
	const uint64_t K = 1, M = 1024 * K, G = 1024 * M, T = 1024 * G,
		P = 1024 * T;
	/* Plain KiB when it fits the width. */
	CHECK_STR(kib(0, 6), "0");
	CHECK_STR(kib(812, 6), "812");
	CHECK_STR(kib(999999, 6), "999999");
	/* Scaled: the smallest unit below 1000, most decimals that fit. */
	CHECK_STR(kib(1000000, 6), "976.6M");
	CHECK_STR(kib(12595, 6), "12595");
	CHECK_STR(kib(12595, 4), "12M");
	CHECK_STR(kib(123456, 5), "121M");
	CHECK_STR(kib(64 * M, 6), "65536");
	CHECK_STR(kib(64 * M, 4), "64M");
	CHECK_STR(kib(G, 6), "1.00G");
	CHECK_STR(kib(G + G / 2, 5), "1.50G");
	CHECK_STR(kib(999 * M, 6), "999.0M");
	CHECK_STR(kib(4 * T, 6), "4.00T");   /* mmap'd 4 TiB VIRT */
	CHECK_STR(kib(4 * T, 4), "4.0T");
	CHECK_STR(kib(2 * P, 4), "2.0P");
	CHECK_STR(kib(2 * P, 6), "2.00P");
	CHECK_STR(kib(999 * P, 6), "999.0P");
	CHECK_STR(kib(UINT64_MAX, 6), "16384E");
	CHECK_STR(kib(UINT64_MAX, 3), "16384E");   /* wider than asked */
	CHECK_STR(kib(1000, 3), "1M");
	CHECK_STR(kib(1000, 0), "1000");           /* width 0 means 6 */
	/* Rounding carries into the integer part. */
	CHECK_STR(kib(G - 1, 5), "1.00G");
	/* Small buffers are never overrun. */
	char small[4];
	units_kib(small, sizeof(small), 123456789, 9);
	CHECK_STR(small, "123");

	/* TIME+: M:SS.hh, then H:MM:SS. */
	CHECK_STR(tplus(0, 100), "0:00.00");
	CHECK_STR(tplus(12345, 100), "2:03.45");
	CHECK_STR(tplus(250, 250), "0:01.00");
	CHECK_STR(tplus(125, 250), "0:00.50");
	CHECK_STR(tplus(59999 * 100ull + 99, 100), "999:59.99");
	CHECK_STR(tplus(60000 * 100ull, 100), "16:40:00");
	CHECK_STR(tplus(UINT64_MAX, 100), "2135039823346d");
	CHECK_STR(tplus(UINT64_MAX, 1), "213503982334601d");  /* no overflow */
	CHECK_STR(tplus(100, 0), "0:01.00");   /* bad hz: 100 */

	units_time_ps(buf, sizeof(buf), 0);
	CHECK_STR(buf, "00:00:00");
	units_time_ps(buf, sizeof(buf), 90061);
	CHECK_STR(buf, "1-01:01:01");

	units_uptime(buf, sizeof(buf), 0);
	CHECK_STR(buf, "0 min");
	units_uptime(buf, sizeof(buf), 3 * 86400 + 4 * 3600 + 12 * 60 + 5);
	CHECK_STR(buf, "3 days, 04:12");
	units_uptime(buf, sizeof(buf), 86400 + 59);
	CHECK_STR(buf, "1 day, 0 min");
	units_uptime(buf, sizeof(buf), 7200);
	CHECK_STR(buf, "02:00");

	/* Decimals, always with '.'. */
	CHECK_STR(dbl(0, 1), "0.0");
	CHECK_STR(dbl(99.95, 1), "100.0");
	CHECK_STR(dbl(12.345, 2), "12.35");
	CHECK_STR(dbl(-0.04, 1), "0.0");
	CHECK_STR(dbl(-2.5, 1), "-2.5");
	CHECK_STR(dbl(3.7, 0), "4");
	CHECK_STR(dbl(1e20, 2), "100000000000000000000.00");
	CHECK_STR(dbl(0.0 / 0.0, 1), "nan");
	CHECK_STR(dbl(1.0 / 0.0, 1), "inf");
}

/* Counts scale by 1000 to fit; sums saturate instead of wrapping. */
static void test_count_and_sums(void)
{
	char b[32];

	units_count(b, sizeof(b), 1234567, 7);
	CHECK_STR(b, "1234567");
	units_count(b, sizeof(b), 12345678, 7);
	CHECK_STR(b, "12345k");
	units_count(b, sizeof(b), 999999999999, 4);
	CHECK_STR(b, "999G");
	units_count(b, sizeof(b), UINT64_MAX, 7);
	CHECK_STR(b, "18446P");
	units_count(b, sizeof(b), UINT64_MAX, 6);
	CHECK_STR(b, "18446P");
	units_count(b, sizeof(b), UINT64_MAX, 3);
	CHECK_STR(b, "18E");          /* E is the largest unit */
	units_count(b, sizeof(b), 100000, 0);   /* width 0: 6 */
	CHECK_STR(b, "100000");
	CHECK_EQ_U(units_sat_add(1, 2), 3);
	CHECK_EQ_U(units_sat_add(UINT64_MAX, 0), UINT64_MAX);
	CHECK_EQ_U(units_sat_add(UINT64_MAX, 1), UINT64_MAX);
	CHECK_EQ_U(units_sat_add(UINT64_MAX - 1, 1), UINT64_MAX);
	CHECK_EQ_U(units_sat_add(UINT64_MAX, UINT64_MAX), UINT64_MAX);
	CHECK_EQ_U(units_sat_add(UINT64_MAX / 2 + 1, UINT64_MAX / 2 + 1),
		UINT64_MAX);
}

int main(void)
{
	all_checks();
	test_count_and_sums();
	/* Again with a comma-decimal locale: nothing may change. */
	const char *de = setlocale(LC_NUMERIC, "de_DE.UTF-8");
	if (!de)
		de = setlocale(LC_NUMERIC, "de_DE.utf8");
	if (de) {
		snprintf(buf, sizeof(buf), "%.1f", 1.5);
		CHECK_STR(buf, "1,5");   /* the locale really is active */
		all_checks();
	} else {
		printf("note: de_DE.UTF-8 not installed; locale pass skipped\n");
	}
	return check_done();
}
