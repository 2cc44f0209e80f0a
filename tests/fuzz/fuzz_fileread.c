/* libFuzzer target: the cap-aware reader.  The input (after two control
 * bytes: the cap and the flags) is written to a memfd and read back with
 * fileread_fd; the result must hold at most cap bytes, be NUL-terminated,
 * be the input's first bytes, and say "longer" (1 with FILEREAD_TRUNCATE,
 * else -EFBIG) exactly when the input was longer than the cap. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proctop/fileread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf buf;

	if (size < 2)
		return 0;
	/* Small caps (0..8,191) so short inputs cross them; reads cross the
	 * reader's 4 KiB chunk too. */
	size_t cap = ((size_t)data[0] << 5 | (data[1] >> 3)) & 0x1fff;
	unsigned flags = data[1] & (FILEREAD_ONE_RECORD | FILEREAD_TRUNCATE);
	data += 2;
	size -= 2;
	int fd = memfd_create("fuzz_fileread", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t n = write(fd, data + off, size - off);
		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) < 0)
		abort();
	sbuf_init(&buf);
	int rc = fileread_fd(fd, &buf, cap, flags);
	close(fd);
	bool longer = size > cap;
	if (buf.len > cap || buf.len != (longer ? cap : size))
		abort();
	if (longer && rc != ((flags & FILEREAD_TRUNCATE) ? 1 : -EFBIG))
		abort();
	if (!longer && rc != 0)
		abort();
	if (buf.data && buf.data[buf.len] != '\0')
		abort();
	if (!buf.data && buf.len)
		abort();
	if (buf.len && memcmp(buf.data, data, buf.len))
		abort();
	sbuf_fini(&buf);
	return 0;
}
