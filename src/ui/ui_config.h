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

/* Parse the text of a proctoprc into *s.  Good lines apply; a bad line
 * (unknown key or column, bad value, no '=', too long) is skipped, so its
 * setting keeps the value *s had (the default); msg gets one line naming
 * the first bad line ("line 3: unknown column 'foo'", "(and 2 more bad
 * lines)") and the result is -EINVAL.  0 and msg "" when all lines are
 * good. */
int ui_config_parse(const char *buf, size_t len, struct ui_settings *s,
	char *msg, size_t msg_size);

/* Seconds as "3", "0.5", "1.25" ('.' whatever the locale) into *out:
 * 0, -EINVAL when not such a number, -ERANGE outside 0.1 to 86400 (the
 * range of -d). */
int ui_config_parse_seconds(const char *v, double *out);

/* Load path into *s.  A missing file is not an error (0, msg "").  A file
 * that cannot be used (unreadable, not a regular file, too large, binary)
 * leaves *s unchanged and returns -errno with a one-line msg naming the
 * file (and, when it will be, that a save keeps it as proctoprc.bad).
 * Bad lines are skipped (see ui_config_parse): 0 with a msg naming the
 * file and the line.  0 with a non-empty msg is a warning (also: writable
 * by others).  The file's directory is opened without following a symlink
 * unless the link leads to the user's own directory (owned by the
 * effective uid, not writable by group or others): else -EPERM with msg;
 * the same rule for a symlinked proctoprc. */
int ui_config_load(const char *path, struct ui_settings *s, char *msg,
	size_t msg_size);

/* Append the file text for s. */
void ui_config_format(const struct ui_settings *s, struct sbuf *out);

/* Save cur to path, merged with the file as it is now: a key whose
 * value in cur differs from base (the settings as loaded or last saved)
 * is this instance's change and wins; every other key takes the file's
 * current value (another instance may have saved it since).  base NULL:
 * write cur as it is.  A file that cannot be used (see ui_config_load)
 * is kept as path.bad (replacing an older one), cur is written, and msg
 * says so (a warning: 0).  Atomic: a new temporary file in the same
 * directory (mode 0600, O_EXCL) + rename; never through a symlinked
 * proctoprc (refused, -ELOOP) nor a symlinked directory that is not the
 * user's own (-EPERM); creates the directory (0700) and its parent when
 * missing.  *saved (may be NULL) gets what was written.  0 or -errno with
 * msg. */
int ui_config_save(const char *path, const struct ui_settings *base,
	const struct ui_settings *cur, struct ui_settings *saved, char *msg,
	size_t msg_size);

#endif
