/* format — file header, frame header, index entry and time parsing of the
 * recording format (see proctop/record.h and doc/FORMAT.md).  Pure. */
#include "proctop/record.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "le.h"

uint32_t rec_crc32(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	/* zlib takes uInt lengths. */
	while (len) {
		uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
		crc = (uint32_t)crc32(crc, p, n);
		p += n;
		len -= n;
	}
	return crc;
}

/* File header: magic(8) version(2) header_len(2) page_size(4) hz(4)
 * interval_ms(4) boot_time(8) created_ns(8) host_len(2) host crc(4). */
size_t rec_file_hdr_build(const struct rec_file_hdr *h, unsigned char *out)
{
	size_t host_len = strnlen(h->host, REC_HOST_MAX);
	size_t len = 42 + host_len + 4;

	memcpy(out, REC_MAGIC, REC_MAGIC_LEN);
	le16_put(out + 8, h->version);
	le16_put(out + 10, (uint16_t)len);
	le32_put(out + 12, h->page_size);
	le32_put(out + 16, h->hz);
	le32_put(out + 20, h->interval_ms);
	le64_put(out + 24, h->boot_time);
	le64_put(out + 32, (uint64_t)h->created_ns);
	le16_put(out + 40, (uint16_t)host_len);
	memcpy(out + 42, h->host, host_len);
	le32_put(out + 42 + host_len, rec_crc32(0, out, 42 + host_len));
	return len;
}

int rec_file_hdr_parse(const unsigned char *buf, size_t len,
	struct rec_file_hdr *h)
{
	memset(h, 0, sizeof(*h));
	if (len < REC_MAGIC_LEN)
		return memcmp(buf, REC_MAGIC, len) ? -EINVAL : -EAGAIN;
	if (memcmp(buf, REC_MAGIC, REC_MAGIC_LEN))
		return -EINVAL;
	if (len < 12)
		return -EAGAIN;
	h->version = le16_get(buf + 8);
	if (h->version > REC_VERSION)
		return -EPROTONOSUPPORT;
	if (h->version == 0)
		return -EBADMSG;
	size_t hlen = le16_get(buf + 10);
	if (hlen < 46 || hlen > REC_FILE_HDR_MAX)
		return -EBADMSG;
	if (len < hlen)
		return -EAGAIN;
	size_t host_len = le16_get(buf + 40);
	if (42 + host_len + 4 != hlen)
		return -EBADMSG;
	if (le32_get(buf + 42 + host_len) != rec_crc32(0, buf, 42 + host_len))
		return -EBADMSG;
	h->page_size = le32_get(buf + 12);
	h->hz = le32_get(buf + 16);
	h->interval_ms = le32_get(buf + 20);
	h->boot_time = le64_get(buf + 24);
	h->created_ns = (int64_t)le64_get(buf + 32);
	memcpy(h->host, buf + 42, host_len);
	h->host[host_len] = '\0';
	return (int)hlen;
}

/* Frame header: magic(4) payload_len(4) raw_len(4) type(1) codec(1)
 * reserved(2) time_ns(8) crc(4). */
void rec_frame_hdr_build(struct rec_frame_hdr *h, const unsigned char *payload,
	unsigned char *out)
{
	le32_put(out, REC_FRAME_MAGIC);
	le32_put(out + 4, h->payload_len);
	le32_put(out + 8, h->raw_len);
	out[12] = h->type;
	out[13] = h->codec;
	le16_put(out + 14, 0);
	le64_put(out + 16, (uint64_t)h->time_ns);
	h->crc = rec_crc32(rec_crc32(0, out, 24), payload, h->payload_len);
	le32_put(out + 24, h->crc);
}

int rec_frame_hdr_parse(const unsigned char *buf, struct rec_frame_hdr *h)
{
	memset(h, 0, sizeof(*h));
	if (le32_get(buf) != REC_FRAME_MAGIC)
		return -EINVAL;
	h->payload_len = le32_get(buf + 4);
	h->raw_len = le32_get(buf + 8);
	h->type = buf[12];
	h->codec = buf[13];
	h->time_ns = (int64_t)le64_get(buf + 16);
	h->crc = le32_get(buf + 24);
	if (h->payload_len > REC_PAYLOAD_MAX || h->raw_len > REC_RAW_MAX ||
	    (h->type != REC_FRAME_KEY && h->type != REC_FRAME_DELTA) ||
	    h->codec != REC_CODEC_ZSTD || le16_get(buf + 14) != 0)
		return -EINVAL;
	return 0;
}

bool rec_frame_crc_ok(const unsigned char *hdr, const struct rec_frame_hdr *h,
	const unsigned char *payload)
{
	return rec_crc32(rec_crc32(0, hdr, 24), payload, h->payload_len)
		== h->crc;
}

/* Index entry: time_ns(8) offset(8) frame_len(4) type(1) reserved(7)
 * crc(4). */
void rec_index_build(const struct rec_index_entry *e, unsigned char *out)
{
	memset(out, 0, REC_INDEX_ENTRY);
	le64_put(out, (uint64_t)e->time_ns);
	le64_put(out + 8, e->offset);
	le32_put(out + 16, e->frame_len);
	out[20] = e->type;
	le32_put(out + 28, rec_crc32(0, out, 28));
}

int rec_index_parse(const unsigned char *buf, struct rec_index_entry *e)
{
	memset(e, 0, sizeof(*e));
	if (le32_get(buf + 28) != rec_crc32(0, buf, 28))
		return -EBADMSG;
	e->time_ns = (int64_t)le64_get(buf);
	e->offset = le64_get(buf + 8);
	e->frame_len = le32_get(buf + 16);
	e->type = buf[20];
	if (e->frame_len < REC_FRAME_HDR ||
	    e->frame_len > REC_FRAME_HDR + REC_PAYLOAD_MAX ||
	    (e->type != REC_FRAME_KEY && e->type != REC_FRAME_DELTA))
		return -EBADMSG;
	return 0;
}

/* Whether s has digits where pat has 'd' and the same byte elsewhere,
 * and the same length. */
static bool matches(const char *s, const char *pat)
{
	for (; *pat; s++, pat++) {
		if (*pat == 'd' ? !(*s >= '0' && *s <= '9') : *s != *pat)
			return false;
	}
	return *s == '\0';
}

static int num2(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* "HH:MM" or "HH:MM:SS" (the whole of s): 0 and the fields, or -EINVAL. */
static int parse_clock(const char *s, int *h, int *m, int *sec)
{
	if (!matches(s, "dd:dd") && !matches(s, "dd:dd:dd"))
		return -EINVAL;
	*h = num2(s);
	*m = num2(s + 3);
	*sec = s[5] ? num2(s + 6) : 0;
	return *h > 23 || *m > 59 || *sec > 60 ? -EINVAL : 0;
}

int rec_parse_time(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	int h, m, sec;

	if (!localtime_r(&now, &tm))
		return -EINVAL;
	if (strlen(s) > 11 && s[10] == ' ') {
		char date[11];

		memcpy(date, s, 10);
		date[10] = '\0';
		if (!matches(date, "dddd-dd-dd"))
			return -EINVAL;
		int y = num2(date) * 100 + num2(date + 2);
		int mo = num2(date + 5), d = num2(date + 8);
		if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
		    parse_clock(s + 11, &h, &m, &sec) < 0)
			return -EINVAL;
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
	} else if (parse_clock(s, &h, &m, &sec) < 0) {
		return -EINVAL;
	}
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return -EINVAL;
	*out = t;
	return 0;
}
