/* units — formatting numbers for people, independent of locale.
 *
 * All output uses '.' as the decimal separator whatever LC_NUMERIC says. */
#ifndef PROCTOP_UNITS_H
#define PROCTOP_UNITS_H

#include <stddef.h>
#include <stdint.h>


/* What a size counts. */
enum units_base {
	UNITS_KIB,     /* KiB: 1023K, then M, G, T, P, E, Z */
	UNITS_BYTES,   /* bytes: 1023B, then K, M, G, T, P, E */
};

/* A memory size for people, in the one unit system of every screen (as
 * htop's meters): always with its unit letter, at most 4 significant
 * digits and 5 characters.  The base unit as an integer ("0K", "812K",
 * "1023K"; "512B"); above it the unit in which the number is below 1024,
 * with 2 decimals up to 9.99, 1 up to 99.9, else none ("1.00M", "9.99M",
 * "10.0M", "99.9M", "100M", "1023M", "1.00G"), rounded half up (9.996M
 * is "10.0M", 1023.9M is "1024M").  Writes at most size bytes with the
 * NUL. */
void units_size(char *buf, size_t size, uint64_t value, enum units_base base);

/* A count (faults, context switches, threads) in `width` columns: the
 * number when it fits, else the quotient by the smallest power of 1000
 * that fits with its suffix k, M, G, T, P or E ("12345k"; rounded down:
 * "at least").  width <= 0 means 6. */
void units_count(char *buf, size_t size, uint64_t v, int width);

/* a + b, or UINT64_MAX when the sum would wrap: sums of kernel figures
 * (an absurd or crafted 2^64 - 1 among them) never wrap to small. */
static inline uint64_t units_sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Clock ticks to TIME+, never wider than 9 columns:
 *   under 1000 minutes   M:SS.hh   "999:59.99"
 *   under 10000 hours    HhMMm     "9999h59m"
 *   under 100000 days    DdHHh     "99999d23h"
 *   under 10^8 years     Ny        "99999999y" (365-day years)
 *   beyond               "eternity" (only a crafted /proc gets there)
 * Every unit is rounded down; hz <= 0 means 100. */
void units_time_plus(char *buf, size_t size, uint64_t ticks, long hz);

/* Seconds to "MM:SS", "HH:MM" ... for TIME (cumulative), ps style
 * "[DD-]HH:MM:SS". */
void units_time_ps(char *buf, size_t size, uint64_t seconds);

/* Uptime to "3 days, 04:12" style (top's). */
void units_uptime(char *buf, size_t size, double seconds);
/* Uptime with seconds, htop's meter: "3 days, 04:12:05", "00:03:09". */
void units_uptime_hms(char *buf, size_t size, double seconds);

/* A double with `prec` decimals, always with '.'. */
void units_double(char *buf, size_t size, double v, int prec);

#endif
