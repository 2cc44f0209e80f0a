#!/bin/bash
# The setup screen: the interval prompt (typing replaces the pre-filled
# value; "not a number" and "out of range" are told apart), the footer,
# the help opened from setup starts at the setup section.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_start
tui_wait 'PID +USER'
tui_keys F2
tui_wait 'Shown columns'
tui_wait '\[/\]Move'
tui_keys d
tui_wait 'Seconds \(0.1 - 86400\):'
tui_type 2
tui_keys Enter
tui_wait 'refresh interval 2(\.0)? s'
tui_keys d
tui_wait 'Seconds'
tui_type 1,5
tui_keys Enter
tui_wait "not a number \\(use '\\.'"
tui_keys d
tui_wait 'Seconds'
tui_type 99999
tui_keys Enter
tui_wait 'out of range: 0.1 to 86400'
tui_keys d
tui_wait 'Seconds'
tui_type 86400
tui_keys Enter
tui_wait 'refresh interval 86400(\.0)? s'
# Help from setup: the setup keys come first, incl. Shift-Tab, - and +.
tui_keys F1
tui_wait '^Setup'
tui_screen | head -3 | grep -q '^Setup' || tui_fail "help not at the setup section"
tui_wait 'Tab Shift-Tab'
tui_wait 'Del -'
tui_wait 'Enter \+'
# Live, the replay's keys take one line of the help.
tui_keys Home
tui_wait '^  \( \) \{ \} A D B E J X +Replay: move in time'
tui_keys Escape
tui_wait 'Shown columns'
tui_keys Escape
tui_wait 'PID +USER'
# Saved when leaving the setup screen.
grep -q '^interval = 86400' "$RC" || tui_fail "interval not saved on leaving setup"
tui_quit
echo "ok"
