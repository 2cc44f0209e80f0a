/* libFuzzer target: the settings file parser (ui_config_parse) on arbitrary
 * bytes, then format + parse again: what proctop writes it reads back the
 * same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_settings s, back;
	struct sbuf text;
	char msg[256];

	ui_config_defaults(&s);
	(void)ui_config_parse((const char *)data, size, &s, msg, sizeof(msg));
	if (!memchr(msg, '\0', sizeof(msg)))
		abort();
	sbuf_init(&text);
	ui_config_format(&s, &text);
	ui_config_defaults(&back);
	if (ui_config_parse(text.data, text.len, &back, msg, sizeof(msg)) != 0)
		abort();
	sbuf_reset(&text);
	ui_config_format(&back, &text);
	struct sbuf again;
	sbuf_init(&again);
	ui_config_format(&s, &again);
	if (again.len != text.len || memcmp(again.data, text.data, text.len))
		abort();
	sbuf_fini(&again);
	sbuf_fini(&text);
	return 0;
}
