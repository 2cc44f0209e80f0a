/* screen_pinfo — one process's environment (e), open files (l), file
 * locks (x), whole command line (w) and strace output (s): scrollable
 * text screens sharing one implementation. */
#ifndef PROCTOP_UI_SCREEN_PINFO_H
#define PROCTOP_UI_SCREEN_PINFO_H

#include "ui_core.h"

extern const struct screen_ops screen_env_ops;
extern const struct screen_ops screen_files_ops;
extern const struct screen_ops screen_locks_ops;
extern const struct screen_ops screen_cmdline_ops;
extern const struct screen_ops screen_trace_ops;

/* Key handlers (ui_process_keys in ui_keys.c binds them): open the
 * screen for the selected process. */
void pinfo_key_env(struct ui *ui, int key);       /* e */
void pinfo_key_files(struct ui *ui, int key);     /* l */
void pinfo_key_locks(struct ui *ui, int key);     /* x */
void pinfo_key_cmdline(struct ui *ui, int key);   /* w */
void pinfo_key_trace(struct ui *ui, int key);     /* s */

#endif
