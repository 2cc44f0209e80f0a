#!/bin/bash
# Monochrome: with --no-color, and on a terminal without colours (vt100),
# no colour escape reaches the screen, yet the selection is still visible
# (reverse video) and the list is drawn.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
check_mono() {
	tui_wait 'PID +USER'
	tui_wait 'F10Quit'
	local raw
	raw=$(tui_screen -e)
	# 39 / 49 only reset to the default colours.
	grep -Eq $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m' <<<"$raw" &&
		tui_fail "$1: a colour escape on the screen"
	grep -q $'\e\\[7m' <<<"$raw" || tui_fail "$1: no reverse video"
}
tui_start -d 0.5 --no-color
check_mono "--no-color"
tui_quit
tui_stop
# A terminal that has no colours.
infocmp vt100 >/dev/null 2>&1 || tui_skip "no vt100 terminfo entry"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x 160 -y 40 \
	"exec env TERM=vt100 HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' LSAN_OPTIONS='$LSAN_OPTIONS' sh -c '\"$PROCTOP\" -d 0.5; echo PROCTOP-EXIT=\$?; sleep 600'" ||
	tui_fail "tmux failed"
check_mono "TERM=vt100"
tui_quit
echo "ok"
