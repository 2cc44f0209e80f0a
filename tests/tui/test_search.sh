#!/bin/bash
# / selects a child by name; \ filters to it (and Esc clears); u filters
# by user.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-mem64 --child'
# Search: the selection moves to pt-mem64 (the thread screen shows it).
tui_keys /
tui_type pt-mem
tui_wait 'Search: pt-mem'
tui_keys Enter o
tui_wait "Threads of $KID_pt_mem64 \(pt-mem64\)"
tui_keys Escape
tui_wait 'pt-sleep-a'
# Filter.
tui_keys '\'
tui_type pt-mem64
tui_keys Enter
tui_wait_gone 'pt-sleep-a'
tui_screen | grep -q 'pt-mem64 --child' || tui_fail "filter hid the match"
tui_screen | grep -q 'pt-stopped' && tui_fail "filter kept a non-match"
# The active filters are on screen (text filter and -p pids).
tui_wait 'Filter: pt-mem64 +Pids: [0-9,]+ +\(Esc clears\)'
tui_keys Escape
tui_wait 'pt-sleep-a'
tui_wait_gone 'Filter: '
# User filter (needs a child of another user: root only).
if [ -n "${KID_pt_nobody:-}" ]; then
	tui_keys u
	tui_wait 'All users'
	tui_keys n Enter
	tui_wait_gone 'pt-sleep-a'
	tui_wait 'User: nobody'
	tui_screen | grep -q 'pt-nobody --child' ||
		tui_fail "user filter lost nobody's process"
	tui_keys u Home Enter
	tui_wait 'pt-sleep-a'
else
	echo "note: not root, user filter part skipped"
fi
tui_quit
tui_stop
# Esc on a search returns to the process it started from, even when the
# rows moved meanwhile (a process above it exited: pids descending).
sleep 1000 &
EARLY=$!
trap 'kill $EARLY 2>/dev/null; tui_cleanup' EXIT
tui_start -d 0.3 -s -pid -p "$EARLY,$KID_PIDS"
tui_wait 'pt-mem64 --child'
tui_keys /
tui_type pt-sleep-a
tui_keys Enter
tui_keys /
tui_type pt-mem
tui_wait 'Search: pt-mem'
kill "$EARLY"
wait "$EARLY" 2>/dev/null
tui_wait_gone 'sleep 1000'
tui_keys Escape o
tui_wait "Threads of $KID_pt_sleep_a \(pt-sleep-a\)"
tui_keys Escape
tui_quit
tui_stop
# -p with no such process says which pids.
tui_start -d 0.5 -p 2147483646
tui_wait 'No processes: no process has pid 2147483646 \(-p\)'
tui_quit
echo "ok"
