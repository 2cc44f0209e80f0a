/* ui_config — the settings file proctoprc: find, parse, format, save.
 * No ncurses here, so it can be unit-tested alone. */
#ifndef PROCTOP_UI_CONFIG_H
#define PROCTOP_UI_CONFIG_H

#include <stddef.h>

#include "proctop/options.h"
#include "proctop/sbuf.h"
#include "ui_settings.h"

/* Largest proctoprc we read, bytes. */
#define UI_CONFIG_MAX_BYTES 65536

/* The documented defaults (data/proctoprc). */
void ui_config_defaults(struct ui_settings *s);

/* opts->config_path, else $XDG_CONFIG_HOME/proctop/proctoprc, else
 * $HOME/.config/proctop/proctoprc.  0, or -ENOENT when no directory is
 * known, -ENAMETOOLONG when it does not fit. */
int ui_config_path(const struct options *opts, char *buf, size_t size);

/* Parse the text of a proctoprc into *s.  On any error *s is left
 * unchanged, msg gets one line ("line 3: unknown column 'foo'") and the
 * result is -EINVAL. */
int ui_config_parse(const char *buf, size_t len, struct ui_settings *s,
	char *msg, size_t msg_size);

/* Load path into *s.  A missing file is not an error (0, msg "").  Any
 * problem (unreadable, not a regular file, too large, binary, malformed)
 * leaves *s unchanged and returns -errno with a one-line msg naming the
 * file.  0 with a non-empty msg is a warning (e.g. writable by others). */
int ui_config_load(const char *path, struct ui_settings *s, char *msg,
	size_t msg_size);

/* Append the file text for s. */
void ui_config_format(const struct ui_settings *s, struct sbuf *out);

/* Write s to path atomically: temporary file in the same directory
 * (mode 0600) + rename; never through a symlink (refused); creates the
 * proctop directory (0700) when missing.  0 or -errno with msg. */
int ui_config_save(const char *path, const struct ui_settings *s,
	char *msg, size_t msg_size);

#endif
