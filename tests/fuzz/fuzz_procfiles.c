/* libFuzzer target: the open-files parsers (environ splitting, fdinfo,
 * /proc/locks, fd types and flag names) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proctop/procfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t *off, *lens;
	struct pf_fdinfo fi;
	struct pf_lock *locks;
	char text[64];

	size_t n = procfiles_split_environ(buf, size, &off, &lens);
	for (size_t i = 0; i < n; i++)
		if (off[i] + lens[i] > size || !lens[i])
			abort();
	free(off);
	free(lens);
	if (procfiles_parse_fdinfo(buf, size, &fi) == 0) {
		procfiles_flags_text(fi.flags, text, sizeof(text));
		if (strlen(text) >= sizeof(text))
			abort();
	}
	n = procfiles_parse_locks(buf, size, 0, &locks);
	for (size_t i = 0; i < n; i++)
		if (!locks[i].to_eof && locks[i].type[0] == '\0')
			abort();
	free(locks);
	(void)procfiles_fd_type(buf, size, size > 0, size ? data[0] : 0);
	return 0;
}
