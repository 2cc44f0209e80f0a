#!/bin/bash
# The map screen at 80x24: Kind and Path come first (the numbers scroll
# horizontally), Right stops once the last column (Inode) is in sight,
# and the summary lines wrap instead of being cut; the memory screen
# scrolls to its swap users.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
map_child child layout "$TUI_TMP"
pid=$MAP_PID

TUI_W=80 TUI_H=24 tui_start -d 1 -p "$pid"
tui_wait "^ *$pid "
tui_keys v
tui_wait "Map of $pid \(mapchild\): [0-9]+ mappings"
tui_wait "^Kind +Path +Size +Rss"
# sorted by Rss the 64 MiB region (16 MiB resident) is near the top,
# whatever else the process maps (sanitizer builds map much more)
for i in $(seq 1 8); do
	tui_screen | grep -q "sort: rss" && break
	tui_keys s
	sleep 0.3
done
tui_wait "sort: rss"
tui_wait "^anon +\[anon\] +64.0M +16.0M"
# the totals' last figures are on a wrapped line, not cut away
tui_wait "THP [0-9.]+[KMGT]"
for i in $(seq 1 40); do tui_keys Right; done
tui_wait "Inode$"
before=$(tui_screen | grep -E "Inode$")
tui_keys Right
tui_keys Right
sleep 0.5
after=$(tui_screen | grep -E "Inode$")
[ "$before" = "$after" ] || tui_fail "Right scrolled past the last column: $after"
for i in $(seq 1 40); do tui_keys Left; done
tui_wait "^Kind +Path"
tui_keys Escape
tui_wait "PID +USER"
# the memory screen scrolls: its swap users are below the figures at 80x24
tui_keys f
tui_wait "Memory and swap"
tui_screen | grep -q "Top swap users" && tui_fail "the memory screen fits at 80x24?"
tui_keys End
tui_wait "Top swap users: [0-9]+"
tui_wait "PID +USER +SWAP"
tui_keys Home
tui_wait "^Memory$"
tui_keys Escape
tui_wait "PID +USER"
tui_quit
echo ok
