#!/bin/bash
# Resizing to 20x5, 1x1, 10x3 and back to 160x40: proctop keeps running and
# redraws.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_start -d 0.3
tui_wait 'PID +USER'
for size in 20x5 1x1 10x3 80x24 1x1 160x40; do
	tmux -L "$TUI_SOCK" resize-window -t pt -x "${size%x*}" -y "${size#*x}" ||
		tui_fail "resize to $size failed"
	sleep 0.3
	tui_screen | grep -q 'PROCTOP-EXIT' && tui_fail "exited at $size"
done
tui_wait 'PID +USER'
tui_wait 'Tasks:'
tui_wait 'F10Quit'
# A burst of resizes.
for i in $(seq 1 20); do
	tmux -L "$TUI_SOCK" resize-window -t pt -x $((20 + i * 7)) -y $((3 + i))
done
tmux -L "$TUI_SOCK" resize-window -t pt -x 160 -y 40
tui_wait 'F10Quit'
tui_wait 'PID +USER'
tui_quit
echo "ok"
