#!/bin/bash
# q exits (status 0) and leaves the terminal usable: the shell gets its
# prompt back, echo and canonical mode work.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x 160 -y 40 \
	"exec env -i PATH=/usr/bin:/bin TERM=tmux-256color HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' LSAN_OPTIONS='$LSAN_OPTIONS' PS1='PROMPT\$ ' sh -i" ||
	tui_fail "tmux failed"
tui_wait 'PROMPT\$'
tui_type "'$PROCTOP' -d 0.5; echo RC=\$?"
tui_keys Enter
tui_wait 'PID +USER'
tui_keys q
tui_wait 'RC=0'
tui_type 'stty -a | tr " " "\n" | grep -E "^-?(icanon|echo)$" | tr "\n" " "; echo; echo $((6 * 7))'
tui_keys Enter
tui_wait '^42$'
tui_screen | grep -Eq '(^| )icanon echo( |$)' || tui_fail "terminal not restored"
# F10 quits too.
tui_type "'$PROCTOP' -d 0.5; echo RC2=\$?"
tui_keys Enter
tui_wait 'PID +USER'
tui_keys F10
tui_wait 'RC2=0'
# ^C ends it cleanly too (settings saved, terminal restored).
tui_type "'$PROCTOP' -d 0.5; echo RC3=\$?"
tui_keys Enter
tui_wait 'PID +USER'
tui_keys C-c
tui_wait 'RC3=0'
tui_type 'stty -a | tr " " "\n" | grep -E "^-?(icanon|echo)$" | tr "\n" " "; echo; echo $((6 * 8))'
tui_keys Enter
tui_wait '^48$'
[ "$(tui_screen | grep -Ec '(^| )icanon echo( |$)')" = 2 ] ||
	tui_fail "terminal not restored after ^C"
echo "ok"
