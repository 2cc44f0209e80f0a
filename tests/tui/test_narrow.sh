#!/bin/bash
# An 80x24 terminal shows at least 20 columns of the command line: SWAP is
# hidden while the system has no swap, then PRI, SHR... are dropped.  A
# cmd column that is not last is bounded (later columns stay visible) and
# carries the tree glyphs and <defunct>.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
TUI_W=80 TUI_H=24 tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'PID'
# 20 characters of "pt-mem64 --child mem64 ..." are visible.
tui_wait 'pt-mem64 --child mem$'
swap_kib=$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)
if [ "${swap_kib:-0}" = 0 ]; then
	tui_screen | grep -q 'SWAP' && tui_fail "SWAP shown without swap"
fi
tui_screen | grep -q ' PRI ' && tui_fail "PRI kept on a narrow screen"
tui_screen | grep -Eq 'USER .*CPU%.*COMMAND' || tui_fail "main columns lost"
# The sort column is never hidden.  The sort menu is longer than the
# screen: its frame says there is more below (and above, after End).
tui_keys F6
tui_wait 'Sort by'
tui_wait '(▼|v) more'
tui_keys End
tui_wait '(▲|\^)(▼|v)? more'
tui_keys Escape
tui_wait_gone 'Sort by'
# htop's , and . open the same menu as < and >.
for k in , .; do
	tui_keys "$k"
	tui_wait 'Sort by'
	tui_keys Escape
	tui_wait_gone 'Sort by'
done
# A title too long for 80 columns ends with the cut mark.
tui_keys F2
tui_wait '^Setup .*(…|~)$'
tui_keys Escape
tui_wait 'PID'
tui_keys F6
tui_wait 'Sort by'
tui_type S
tui_keys Enter
tui_wait ' SHR(▼|v) '
# Paused (Z): the header says so and the bar keeps F10 Quit at 80
# columns; on a sub-screen without the header the bar says PAUSED.
tui_keys Z
tui_wait 'Uptime: .*PAUSED'
tui_screen | tail -n 1 | grep -q 'F10Quit' || tui_fail "PAUSED hides F10Quit"
tui_keys f
tui_wait 'PAUSED *$'
tui_keys Escape Z
tui_wait_gone 'PAUSED'
tui_quit
tui_stop
# A bounded cmd column that is not last: tree glyphs, <defunct>, and the
# USER column after it stays visible.
tui_start -d 0.5 -p "$KID_PIDS" -o pid,cmd,user,state --tree
glyph='(├─|└─|\|-|`-)'
tui_wait "$glyph *pt-sleep-a --child"
tui_wait "$glyph *pt-zombie <defunct> +(root|[0-9]+) +Z"
tui_screen | grep -Eq "^ *$KID_pt_sleep_a .* (root|[0-9]+) +S *$" ||
	tui_fail "columns after cmd not visible"
tui_quit
echo "ok"
