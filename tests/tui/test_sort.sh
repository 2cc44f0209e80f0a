#!/bin/bash
# M sorts by memory: the 64 MiB child is above the idle ones; P and N
# change the marked header column; a click on a header sorts by it.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-mem64 --child'
tui_keys M
tui_wait 'MEM%(▼|v)'
for i in $(seq 1 40); do
	m=$(tui_line_of 'pt-mem64 --child')
	s=$(tui_line_of 'pt-sleep-a --child')
	t=$(tui_line_of 'pt-stopped --child')
	[ "$m" -gt 0 ] && [ "$m" -lt "$s" ] && [ "$m" -lt "$t" ] && break
	sleep 0.1
done
[ "$m" -gt 0 ] && [ "$m" -lt "$s" ] && [ "$m" -lt "$t" ] ||
	tui_fail "64 MiB child not above the idle ones ($m $s $t)"
# N sorts by pid ascending (pids may wrap around pid_max, so compare the
# rows' pids, not the parent's place).
tui_keys N
tui_wait 'PID(▲|\^)'
pids=$(tui_screen | awk '/^ *PID/ { on = 1; next } on && $1 ~ /^[0-9]+$/ { print $1 }')
[ "$(wc -l <<<"$pids")" -ge 8 ] || tui_fail "N: rows missing"
[ "$pids" = "$(sort -n <<<"$pids")" ] || tui_fail "N did not sort by pid"
# I inverts.
tui_keys I
tui_wait 'PID(▼|v)'
tui_quit
echo "ok"
