/* sbuf — a growable NUL-terminated byte buffer.
 *
 * Embedded: sbuf_init() / sbuf_fini().  The bytes belong to the sbuf;
 * sbuf_detach() hands them to the caller (caller frees). */
#ifndef PROCTOP_SBUF_H
#define PROCTOP_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char *data;   /* always NUL-terminated once initialised */
	size_t len;   /* bytes before the NUL */
	size_t cap;
};

void sbuf_init(struct sbuf *sb);
void sbuf_fini(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);                 /* len = 0, keeps memory */
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append n_spaces spaces. */
void sbuf_pad(struct sbuf *sb, size_t n_spaces);
char *sbuf_detach(struct sbuf *sb);               /* caller frees */

#endif
