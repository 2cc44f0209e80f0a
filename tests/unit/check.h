/* check.h — a tiny test harness for the unit tests.
 *
 *   CHECK(cond)                 records a failure with file:line if false
 *   CHECK_EQ_U(a, b)            unsigned 64-bit equality, prints both
 *   CHECK_EQ_I(a, b)            signed 64-bit equality
 *   CHECK_STR(a, b)             string equality (NULL-safe)
 *   return check_done();        prints "N passed, N failed", exit status
 */
#ifndef PROCTOP_TEST_CHECK_H
#define PROCTOP_TEST_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned check_passed, check_failed;

#define CHECK(cond) do { \
	if (cond) check_passed++; \
	else { check_failed++; \
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_EQ_U(a, b) do { \
	uint64_t check_a_ = (uint64_t)(a), check_b_ = (uint64_t)(b); \
	if (check_a_ == check_b_) check_passed++; \
	else { check_failed++; \
		fprintf(stderr, "%s:%d: %s == %s failed: %" PRIu64 " != %" PRIu64 "\n", \
			__FILE__, __LINE__, #a, #b, check_a_, check_b_); } \
} while (0)

#define CHECK_EQ_I(a, b) do { \
	int64_t check_a_ = (int64_t)(a), check_b_ = (int64_t)(b); \
	if (check_a_ == check_b_) check_passed++; \
	else { check_failed++; \
		fprintf(stderr, "%s:%d: %s == %s failed: %" PRId64 " != %" PRId64 "\n", \
			__FILE__, __LINE__, #a, #b, check_a_, check_b_); } \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if ((!check_a_ && !check_b_) || (check_a_ && check_b_ && !strcmp(check_a_, check_b_))) \
		check_passed++; \
	else { check_failed++; \
		fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, \
			__LINE__, #a, #b, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); } \
} while (0)

static inline int check_done(void)
{
	printf("%u passed, %u failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
