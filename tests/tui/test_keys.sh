#!/bin/bash
# Typed pid digits (shown; a non-digit key ends them) and the search
# prompt (F3 = next match while typing, "no match", Esc forgets it).
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS" -s pid
tui_wait 'pt-mem64 --child'
# Pid digits: shown while typed; Left ends the pid, the next digit starts
# a new one.
pid=$KID_pt_mem64
head=${pid%?}
last=${pid: -1}
tui_type "$head"
tui_wait "Go to pid $head"
tui_keys Left
tui_type "$last"
tui_wait "Go to pid $last(\\.\\.\\.|:| *$)"
tui_screen | grep -q "Go to pid $pid" && tui_fail "a non-digit did not end the pid"
tui_keys Home
# Search: first match pt-sleep-a; F3 while typing -> pt-stopped.
tui_keys /
tui_type pt-s
tui_wait 'Search: pt-s'
tui_keys F3
tui_keys Enter o
tui_wait "Threads of $KID_pt_stopped \\(pt-stopped\\)"
tui_keys Escape
tui_wait 'pt-sleep-a'
# "no match" while typing; Esc cancels and forgets the text.
tui_keys /
tui_type zzzq
tui_wait 'Search: zzzq +no match'
tui_keys Escape
tui_wait_gone 'Search:'
tui_keys F3
tui_wait 'Search: *$'
tui_keys Escape
tui_wait_gone 'Search:'
tui_quit
echo "ok"
