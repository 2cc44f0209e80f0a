#!/bin/bash
# t shows the children indented under their parent with tree glyphs;
# collapsing the parent hides them (-), expanding shows them again (+ or
# =, as in htop); Del on a child folds its parent; # hides the meters.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-sleep-a'
tui_keys t
glyph='(├─|└─|\|-|`-)'
tui_wait "$glyph *pt-sleep-a --child"
tui_wait "$glyph *pt-mem64 --child"
# The parent comes first, the children below it.
p=$(tui_line_of "^ *$TUI_KIDS_PID ")
c=$(tui_line_of "^ *$KID_pt_sleep_a ")
[ "$p" -gt 0 ] && [ "$c" -gt "$p" ] || tui_fail "child not under parent"
# Select the parent (search) and collapse it.
tui_keys /
tui_type pt-parent
tui_keys Enter
tui_keys -
tui_wait_gone 'pt-sleep-a'
tui_screen | grep -q 'pt-mem64' && tui_fail "collapsed child still shown"
tui_screen | grep -Eq "^ *$TUI_KIDS_PID " || tui_fail "parent hidden"
tui_keys =
tui_wait 'pt-sleep-a'
# Del (htop's "collapse into parent") on a child folds its parent's
# subtree and selects the parent.
tui_keys /
tui_type pt-sleep-a
tui_keys Enter DC
tui_wait_gone 'pt-sleep-a'
tui_screen | grep -Eq "^ *$TUI_KIDS_PID " || tui_fail "parent hidden by Del"
tui_keys d
tui_wait "Details of $TUI_KIDS_PID "
tui_keys Escape +
tui_wait 'pt-sleep-a'
# # hides the meters and shows them again
tui_wait 'Load average'
tui_keys '#'
tui_wait_gone 'Load average'
tui_keys '#'
tui_wait 'Load average'
# * folds everything, again unfolds.
tui_keys '*'
tui_wait_gone 'pt-mem64'
tui_keys '*'
tui_wait 'pt-mem64'
tui_quit
echo "ok"
