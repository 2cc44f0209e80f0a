/* units — locale-independent number formatting (see proctop/units.h).
 *
 * Everything is formatted from integers, so LC_NUMERIC never matters. */
#include "proctop/units.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char kib_suffix[] = "MGTPE";  /* 1024^1..1024^5 KiB */

/* Write q, '.', frac (prec digits), suffix into buf; returns its length. */
static int fixed_point(char *buf, size_t size, uint64_t q, uint64_t frac,
	int prec, const char *suffix)
{
	if (prec > 0)
		return snprintf(buf, size, "%" PRIu64 ".%0*" PRIu64 "%s", q,
			prec, frac, suffix);
	return snprintf(buf, size, "%" PRIu64 "%s", q, suffix);
}

/* kib / 1024^shift_units rounded to prec decimals, as integer + fraction. */
static void scaled(uint64_t kib, unsigned shift, int prec, uint64_t *q,
	uint64_t *frac)
{
	uint64_t pow10 = 1;
	for (int i = 0; i < prec; i++)
		pow10 *= 10;
	uint64_t mask = (UINT64_C(1) << shift) - 1;
	*q = kib >> shift;
	uint64_t r = kib & mask;   /* < 2^50, so r * 100 cannot overflow */
	*frac = (r * pow10 + (UINT64_C(1) << (shift - 1))) >> shift;
	if (*frac >= pow10) {
		*frac -= pow10;
		(*q)++;
	}
}

void units_kib(char *buf, size_t size, uint64_t kib, int width)
{
	if (!size)
		return;
	if (width <= 0)
		width = 6;
	int n = snprintf(buf, size, "%" PRIu64, kib);
	if (n <= width)
		return;
	/* Smallest unit in which the value is below 1000 (E at most). */
	unsigned u = 0;
	while (u + 1 < sizeof(kib_suffix) - 1
		&& (kib >> (10 * (u + 1))) >= 1000)
		u++;
	unsigned shift = 10 * (u + 1);
	char suffix[2] = { kib_suffix[u], '\0' };
	for (int prec = 2; prec >= 0; prec--) {
		uint64_t q, frac;
		scaled(kib, shift, prec, &q, &frac);
		n = fixed_point(buf, size, q, frac, prec, suffix);
		if (n <= width)
			return;
	}
	/* Nothing fits: the shortest form, wider than asked. */
}

void units_count(char *buf, size_t size, uint64_t v, int width)
{
	static const char suffix[] = "kMGTPE";

	if (!size)
		return;
	if (width <= 0)
		width = 6;
	int n = snprintf(buf, size, "%" PRIu64, v);
	uint64_t q = v;
	for (size_t u = 0; n > width && u < sizeof(suffix) - 1; u++) {
		q /= 1000;
		n = snprintf(buf, size, "%" PRIu64 "%c", q, suffix[u]);
	}
}

void units_time_plus(char *buf, size_t size, uint64_t ticks, long hz)
{
	if (hz <= 0)
		hz = 100;
	uint64_t secs = ticks / (uint64_t)hz;
	uint64_t hundredths = ticks % (uint64_t)hz * 100 / (uint64_t)hz;
	uint64_t mins = secs / 60;
	if (mins < 1000) {
		snprintf(buf, size, "%" PRIu64 ":%02" PRIu64 ".%02" PRIu64,
			mins, secs % 60, hundredths);
		return;
	}
	uint64_t hours = mins / 60;
	if (hours < 100000) {
		snprintf(buf, size, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
			hours, mins % 60, secs % 60);
		return;
	}
	snprintf(buf, size, "%" PRIu64 "d", hours / 24);
}

void units_time_ps(char *buf, size_t size, uint64_t seconds)
{
	uint64_t days = seconds / 86400, h = seconds / 3600 % 24,
		m = seconds / 60 % 60, s = seconds % 60;
	if (days)
		snprintf(buf, size, "%" PRIu64 "-%02" PRIu64 ":%02" PRIu64
			":%02" PRIu64, days, h, m, s);
	else
		snprintf(buf, size, "%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
			h, m, s);
}

void units_uptime(char *buf, size_t size, double seconds)
{
	if (!(seconds > 0))
		seconds = 0;
	if (seconds > 1e15)
		seconds = 1e15;
	uint64_t t = (uint64_t)seconds;
	uint64_t days = t / 86400, h = t / 3600 % 24, m = t / 60 % 60;
	char hm[32];
	if (h)
		snprintf(hm, sizeof(hm), "%02" PRIu64 ":%02" PRIu64, h, m);
	else
		snprintf(hm, sizeof(hm), "%" PRIu64 " min", m);
	if (days)
		snprintf(buf, size, "%" PRIu64 " day%s, %s", days,
			days == 1 ? "" : "s", hm);
	else
		snprintf(buf, size, "%s", hm);
}

void units_double(char *buf, size_t size, double v, int prec)
{
	if (!size)
		return;
	if (prec < 0)
		prec = 0;
	if (prec > 9)
		prec = 9;
	if (isnan(v)) {
		snprintf(buf, size, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, size, v < 0 ? "-inf" : "inf");
		return;
	}
	bool neg = v < 0;
	double a = neg ? -v : v;
	uint64_t pow10 = 1;
	for (int i = 0; i < prec; i++)
		pow10 *= 10;
	if (a * (double)pow10 >= 9e18) {
		/* %.0f prints no decimal point, so the locale cannot show. */
		char digits[400];
		snprintf(digits, sizeof(digits), "%s%.0f", neg ? "-" : "", a);
		char zeros[10] = "000000000";
		zeros[prec] = '\0';
		snprintf(buf, size, "%s%s%s", digits, prec ? "." : "", zeros);
		return;
	}
	uint64_t r = (uint64_t)(a * (double)pow10 + 0.5);
	if (r == 0)
		neg = false;
	uint64_t q = r / pow10, frac = r % pow10;
	if (prec)
		snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, neg ? "-" : "",
			q, prec, frac);
	else
		snprintf(buf, size, "%s%" PRIu64, neg ? "-" : "", q);
}
