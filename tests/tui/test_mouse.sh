#!/bin/bash
# Mouse: a click on a column header sorts by it (again: inverts); a click on
# a row selects it; the wheel scrolls; --no-mouse ignores clicks.  Clicks
# are typed into the pane as X10 mouse reports (what tmux would send).
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children

# Send a button event (0 = left press, 3 = release, 64/65 = wheel) at
# 0-based column $2, row $3.
tui_mouse() {
	local b=$1 x=$2 y=$3
	tui_keys -l "$(printf '\033[M%b%b%b' "\\$(printf %03o $((32 + b)))" \
		"\\$(printf %03o $((33 + x)))" "\\$(printf %03o $((33 + y)))")"
}
tui_click() {
	tui_mouse 0 "$1" "$2"
	tui_mouse 3 "$1" "$2"
}

tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-mem64 --child'
# The column header row and the x of "MEM%" in it.
hy=$(( $(tui_line_of '^ *PID +USER') - 1 ))
hx=$(tui_screen | sed -n "$((hy + 1))p" | awk '{ print index($0, "MEM%") }')
[ "$hy" -ge 0 ] && [ "$hx" -gt 0 ] || tui_fail "no header row"
tui_click "$hx" "$hy"
tui_wait 'MEM%(▼|v)'
tui_click "$hx" "$hy"
tui_wait 'MEM%(▲|\^)'
# Click the pt-sleep-a row, then o shows its threads (sorted by pid so
# the rows stay where they were read).
tui_keys N
tui_wait '^ *PID(▲|\^)'
ry=$(( $(tui_line_of 'pt-sleep-a --child') - 1 ))
tui_click 20 "$ry"
tui_keys o
tui_wait "Threads of $KID_pt_sleep_a \(pt-sleep-a\)"
tui_keys Escape
tui_wait 'pt-sleep-a --child'
# Wheel down then up keeps running (the list is short: no crash, redraw).
tui_mouse 65 20 10
tui_mouse 64 20 10
tui_wait 'pt-sleep-a --child'
tui_quit
tui_stop

# --no-mouse: the header click does not sort (start from the default
# sort again: the sort above was saved).
rm -f "$RC"
tui_start -d 0.5 -p "$KID_PIDS" --no-mouse
tui_wait 'pt-mem64 --child'
tui_wait 'CPU%(▼|v)'
tui_click "$hx" "$hy"
sleep 1
tui_screen | grep -Eq 'MEM%(▼|v|▲|\^)' && tui_fail "--no-mouse: a click sorted"
# The report's bytes arrive as keys (they may open the filter prompt):
# close whatever they opened before quitting.
tui_keys Escape
sleep 0.2
tui_keys Escape
sleep 0.2
tui_quit
echo "ok"
