#!/bin/bash
# The map screen on a process with 40,000 mappings that is killed while the
# screen reads its map (the test waits until proctop has the child's smaps
# open, then kills it): the screen never shows the cut-short read as a map
# with a new count; it keeps the last complete map under a title that says
# "incomplete: process exited during the read" (or, when the kill missed
# the read, that the process has exited), and q still works.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
max=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)
[ "$max" -ge 40100 ] || tui_skip "vm.max_map_count is $max, below 40,100"
map_child child many 40000
pid=$MAP_PID
kid=$TUI_KIDS_PID
n=$(wc -l <"/proc/$pid/maps")

tui_start -d 0.3 -p "$pid"
tui_wait "mapchild many"
tui_keys v
tui_wait "Map of $pid \(mapchild\): $n mappings" 30
# proctop: the child of the pane's shell
shell=$(tmux -L "$TUI_SOCK" list-panes -t pt -F '#{pane_pid}' | head -1)
pt=$(cat "/proc/$shell/task/$shell/children" 2>/dev/null | awk '{ print $1 }')
[ -n "$pt" ] || tui_fail "cannot find proctop's pid"
# wait (up to 20 s) for a read in progress: proctop holds the smaps open
caught=0
end=$((SECONDS + 20))
while [ $SECONDS -lt $end ]; do
	if ls -l "/proc/$pt/fd" 2>/dev/null | grep -q -- "-> /proc/$pid/smaps\$"; then
		caught=1
		break
	fi
done
kill -9 "$kid"
wait "$kid" 2>/dev/null
TUI_KIDS_PID=
tui_wait "incomplete: process exited during the read|Process $pid has exited"
# for 2 s: never a map titled as whole with another count
for i in $(seq 1 20); do
	title=$(tui_screen | grep -E "^Map of $pid " | head -1)
	if [ -n "$title" ] && ! [[ $title == *incomplete* ]]; then
		[[ $title =~ :\ ([0-9]+)\ mapping ]] &&
			[ "${BASH_REMATCH[1]}" != "$n" ] &&
			tui_fail "a map of ${BASH_REMATCH[1]} mappings shown as whole"
	fi
	sleep 0.1
done
if tui_screen | grep -q "incomplete: process exited during the read"; then
	# the last complete map stays, with its time
	tui_wait "Map of $pid \(mapchild\): $n mappings at [0-9:]{8}, then incomplete: process exited during the read"
	tui_screen | grep -Eq "^0*[0-9a-f]+-[0-9a-f]+ +[0-9.]+[KMG]? " ||
		tui_fail "the last complete map's rows are not shown"
	state=incomplete
else
	state=exited
fi
tui_keys q
tui_wait "PID +USER"
tui_quit
tui_stop
echo "ok (smaps open at the kill: $caught; the screen showed: $state)"
