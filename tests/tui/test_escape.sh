#!/bin/bash
# A child whose name and argv[0] hold ESC, OSC, BEL, C1 and an invalid byte
# shows placeholders; nothing from the name reaches the terminal raw.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-esc\?\]2;PWNED\?+z --child esc'
raw=$(tui_screen -e)
grep -q $'\e]' <<<"$raw" && tui_fail "an OSC sequence reached the screen"
grep -q $'\a' <<<"$raw" && tui_fail "a BEL reached the screen"
grep -q $'\xc2\x9b' <<<"$raw" && tui_fail "a C1 CSI reached the screen"
# Its thread screen shows the comm (with placeholders) too.
tui_keys /
tui_type pt-esc
tui_keys Enter o
tui_wait 'Threads of [0-9]+ \(pt-esc\?\]2;PWN\?\)'
raw=$(tui_screen -e)
grep -q $'\e]' <<<"$raw" && tui_fail "an OSC sequence reached the thread screen"
tmux -L "$TUI_SOCK" display-message -p -t pt '#{pane_title}' | grep -q PWN &&
	tui_fail "the child set the pane title"
tui_keys Escape
tui_wait 'pt-sleep-a --child'
# A ~390 KiB command line: shown cut at the edge, scrolls right.
tui_wait 'pt-huge --child sleep [0-9]+ AAAAAAAAAA'
tui_keys /
tui_type pt-huge
tui_keys Enter
for i in $(seq 1 30); do tui_keys Right; done
tui_wait_gone 'PID +USER'
tui_wait '^A{150,}'
for i in $(seq 1 30); do tui_keys Left; done
tui_wait '^ *PID +USER'
tui_quit
tui_stop
# A command line with U+202E RIGHT-TO-LEFT OVERRIDE, which would reverse the
# rest of the row, shows '?' in a UTF-8 locale (where non-ASCII is kept).
(exec -a $'pt-rlo\xe2\x80\xaemr- fr' sleep 600) &
RLO_PID=$!
trap 'kill "$RLO_PID" 2>/dev/null; tui_cleanup' EXIT
LC_ALL=C.UTF-8 tui_start -d 0.5 -p "$RLO_PID"
tui_wait 'pt-rlo\?mr- fr 600'
tui_screen -e | grep -q $'\xe2\x80\xae' &&
	tui_fail "a U+202E (RLO) reached the screen"
list_res=$(tui_screen | awk -v p="$RLO_PID" '$1 == p { print $6; exit }')
# Its details screen: the command sanitised there too, and RES formatted
# as the list formats it (units_size).
tui_keys d
tui_wait "^Command +pt-rlo\?mr- fr 600"
tui_screen -e | grep -q $'\xe2\x80\xae' &&
	tui_fail "a U+202E (RLO) reached the details screen"
det_res=$(tui_screen | sed -nE 's/^Memory +VIRT [^ ]+ +RES ([^ ]+) .*/\1/p')
[ -n "$list_res" ] && [ "$det_res" = "$list_res" ] ||
	tui_fail "details RES '$det_res' is not the list's RES '$list_res'"
tui_keys q
tui_wait '^ *PID +USER'
tui_quit
echo "ok"
