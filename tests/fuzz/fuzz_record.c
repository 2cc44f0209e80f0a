/* libFuzzer target: the recording's frame reader and payload decoder.
 *
 * The first byte picks what the rest is:
 *   even: two raw payloads, a 2-byte little-endian length then a key
 *         frame's payload of that length, then a delta frame's payload,
 *         decoded (the delta against the key) and finished as replay
 *         does;
 *   odd:  a data file: its header, then frames walked by their headers,
 *         each whose CRC matches decompressed and decoded.
 * The decoder must reject or accept every input without a crash, a leak
 * or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proctop/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode payload p against key (NULL: as a key frame) and finish it. */
static int decode(struct rec_dec *d, const uint8_t *p, size_t n,
	struct snapshot *out, const struct snapshot *key,
	const struct snapshot *prev)
{
	int rc = rec_decode(d, p, n, out, key);

	if (rc == 0)
		snapshot_finish(out, prev);
	return rc;
}

static void payloads(const uint8_t *data, size_t size)
{
	struct rec_dec *d = rec_dec_new();
	struct snapshot key, cur;

	snapshot_init(&key);
	snapshot_init(&cur);
	if (size >= 2) {
		size_t klen = (size_t)data[0] | (size_t)data[1] << 8;
		data += 2;
		size -= 2;
		if (klen > size)
			klen = size;
		if (decode(d, data, klen, &key, NULL, NULL) == 0)
			decode(d, data + klen, size - klen, &cur, &key, &key);
	}
	snapshot_fini(&key);
	snapshot_fini(&cur);
	rec_dec_free(d);
}

static void file(const uint8_t *data, size_t size)
{
	struct rec_file_hdr fh;
	struct rec_frame_hdr h;
	struct rec_zctx *z = rec_zctx_new();
	struct rec_dec *d = rec_dec_new();
	struct rec_buf raw;
	struct snapshot snaps[3];
	struct snapshot *key = &snaps[0], *cur = &snaps[1], *prev = &snaps[2];
	bool have_key = false, have_prev = false;
	int off = rec_file_hdr_parse(data, size, &fh);

	rec_buf_init(&raw);
	for (int i = 0; i < 3; i++)
		snapshot_init(&snaps[i]);
	for (size_t pos = off > 0 ? (size_t)off : size;
	     z && pos + REC_FRAME_HDR <= size;) {
		if (rec_frame_hdr_parse(data + pos, &h) < 0 ||
		    h.payload_len > size - pos - REC_FRAME_HDR)
			break;
		const uint8_t *p = data + pos + REC_FRAME_HDR;
		pos += REC_FRAME_HDR + h.payload_len;
		if (!rec_frame_crc_ok(data + pos - REC_FRAME_HDR -
			h.payload_len, &h, p) ||
		    rec_frame_unpack(z, &h, p, &raw) < 0)
			continue;
		if (h.type == REC_FRAME_KEY) {
			snapshot_clear(key);
			have_key = decode(d, raw.data, raw.len, key, NULL,
				NULL) == 0;
			have_prev = false;
			continue;
		}
		if (!have_key)
			continue;
		snapshot_clear(cur);
		if (decode(d, raw.data, raw.len, cur, key,
			have_prev ? prev : NULL) == 0) {
			struct snapshot *t = prev;
			prev = cur;
			cur = t;
			have_prev = true;
		}
	}
	for (int i = 0; i < 3; i++)
		snapshot_fini(&snaps[i]);
	rec_buf_fini(&raw);
	rec_dec_free(d);
	rec_zctx_free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		file(data + 1, size - 1);
	else
		payloads(data + 1, size - 1);
	return 0;
}
