/* units — locale-independent number formatting (see proctop/units.h).
 *
 * Everything is formatted from integers, so LC_NUMERIC never matters. */
#include "proctop/units.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>


/* Write q, '.', frac (prec digits), suffix into buf; returns its length. */
static int fixed_point(char *buf, size_t size, uint64_t q, uint64_t frac,
	int prec, const char *suffix)
{
	if (prec > 0)
		return snprintf(buf, size, "%" PRIu64 ".%0*" PRIu64 "%s", q,
			prec, frac, suffix);
	return snprintf(buf, size, "%" PRIu64 "%s", q, suffix);
}

/* value / 2^shift rounded half up to prec decimals, as an integer
 * (value * 10^prec / 2^shift); shift <= 40, value < 2^50. */
static uint64_t scaled_round(uint64_t value, unsigned shift, unsigned prec)
{
	uint64_t v = value;
	for (unsigned i = 0; i < prec; i++)
		v *= 10;
	return shift ? (v + (UINT64_C(1) << (shift - 1))) >> shift : v;
}

void units_size(char *buf, size_t size, uint64_t value, enum units_base base)
{
	static const char kib_units[] = "KMGTPEZ", byte_units[] = "BKMGTPE";
	const char *units = base == UNITS_BYTES ? byte_units : kib_units;
	size_t nunits = strlen(units);

	if (!size)
		return;
	/* The unit: the largest whose value is at least 1 (1024 of the one
	 * below), so the number before it is below 1024. */
	unsigned u = 0;
	while (u + 1 < nunits && (value >> (10 * (u + 1))) > 0)
		u++;
	if (u == 0) {
		snprintf(buf, size, "%" PRIu64 "%c", value, units[0]);
		return;
	}
	unsigned shift = 10 * u;
	if (shift > 40) {
		/* E and Z: keep 40 bits below the unit, ample for 2 decimals
		 * (and value * 100 cannot overflow). */
		value >>= shift - 40;
		shift = 40;
	}
	/* Decimals as htop's meters: 2 up to 9.99, 1 up to 99.9, else
	 * none, decided on the exact value; rounding then carries 9.995
	 * to "10.0" and 99.95 to "100". */
	unsigned prec = value * 100 <= UINT64_C(999) << shift ? 2
		: value * 10 <= UINT64_C(999) << shift ? 1 : 0;
	uint64_t n = scaled_round(value, shift, prec);
	uint64_t pow10 = prec == 2 ? 100 : prec == 1 ? 10 : 1;
	char suffix[2] = { units[u], '\0' };
	fixed_point(buf, size, n / pow10, n % pow10, (int)prec, suffix);
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
	uint64_t mins = secs / 60, hours = mins / 60, days = hours / 24;
	if (mins < 1000)
		snprintf(buf, size, "%" PRIu64 ":%02" PRIu64 ".%02" PRIu64,
			mins, secs % 60, hundredths);
	else if (hours < 10000)
		snprintf(buf, size, "%" PRIu64 "h%02" PRIu64 "m", hours,
			mins % 60);
	else if (days < 100000)
		snprintf(buf, size, "%" PRIu64 "d%02" PRIu64 "h", days,
			hours % 24);
	else if (days / 365 < 100000000)
		snprintf(buf, size, "%" PRIu64 "y", days / 365);
	else
		snprintf(buf, size, "eternity");
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

void units_uptime_hms(char *buf, size_t size, double seconds)
{
	if (!(seconds > 0))
		seconds = 0;
	if (seconds > 1e15)
		seconds = 1e15;
	uint64_t t = (uint64_t)seconds, days = t / 86400;
	char hms[32];
	snprintf(hms, sizeof(hms), "%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
		t / 3600 % 24, t / 60 % 60, t % 60);
	if (days)
		snprintf(buf, size, "%" PRIu64 " day%s, %s", days,
			days == 1 ? "" : "s", hms);
	else
		snprintf(buf, size, "%s", hms);
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
