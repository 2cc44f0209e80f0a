/* ui_screens — the table of screens, indexed by enum screen_id.
 * A module adding a screen adds its `extern const struct screen_ops` to
 * its own header and one line here (see SCREENS.md). */
#include "ui_core.h"
#include "screens.h"
#include "actions_ui.h"
#include "screen_map.h"
#include "screen_memory.h"
#include "screen_pinfo.h"

const struct screen_ops *const ui_screens[SCREEN_COUNT] = {
	[SCREEN_LIST] = &screen_list_ops,
	[SCREEN_THREADS] = &screen_threads_ops,
	[SCREEN_HELP] = &screen_help_ops,
	[SCREEN_SETUP] = &screen_setup_ops,
	[SCREEN_MAP] = &screen_map_ops,
	[SCREEN_MEMORY] = &screen_memory_ops,
	[SCREEN_DETAILS] = &screen_details_ops,
	[SCREEN_ENV] = &screen_env_ops,
	[SCREEN_FILES] = &screen_files_ops,
	[SCREEN_LOCKS] = &screen_locks_ops,
	[SCREEN_CMDLINE] = &screen_cmdline_ops,
	[SCREEN_TRACE] = &screen_trace_ops,
};

void *ui_state(struct ui *ui, enum screen_id id)
{
	for (size_t i = ui->depth; i-- > 0;)
		if (ui->stack[i] == id)
			return ui->state[i];
	return NULL;
}
