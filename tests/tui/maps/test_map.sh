#!/bin/bash
# The map screen in tmux: select the layout child, open its map with m,
# see the 64 MiB region (16 MiB resident), sort by Rss (F6, r), group and
# filter, return with Esc / q; Enter -> Map opens it too; S and F12 open
# the memory screen.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
map_child child layout "$TUI_TMP"
pid=$MAP_PID
anon=$(map_child_value child anon)
file=$(map_child_value child file)

tui_start -d 1 -p "$pid"
tui_wait "mapchild layout"
tui_keys v
tui_wait "Map of $pid \(mapchild\): [0-9]+ mappings"
tui_wait "Resident \["
tui_wait "Total +Size"
# the 64 MiB region: 65536 KiB, 16384 KiB resident, anonymous
tui_keys F4
tui_type "[anon]"
tui_keys Enter
tui_wait "filter: \[anon\]"
for i in $(seq 1 40); do
	tui_screen | grep -Eq "^0*$anon-[0-9a-f]+ +64.0M rw-p .* 16.0M +16.0M .* anon +\[anon\]" && break
	tui_keys PageDown
	sleep 0.05
done
tui_screen | grep -Eq "^0*$anon-[0-9a-f]+ +64.0M rw-p .* 16.0M +16.0M .* anon +\[anon\]" ||
	tui_fail "the 64 MiB region ($anon) with 16.0M Rss is not shown"
# clear the filter, sort by Rss: the region comes first
tui_keys F4 C-u Enter
tui_wait_gone "filter:"
tui_keys F6
tui_wait "rss"
tui_keys r Enter
tui_wait "sort: rss"
tui_screen | grep -Eq ' Rss(▼|v) ' || tui_fail "Rss is sorted descending: ▼"
first=$(tui_screen | grep -A1 '^Start-End' | tail -1)
echo "$first" | grep -Eq "^0*$anon-" || tui_fail "sorted by Rss, the first row is not the region: $first"
# the mapped file is listed with its path, as file-ro; the deleted file is
# marked (scroll right to see the end of the paths)
tui_keys Right Right Right Right Right Right
tui_wait "$TUI_TMP/mapped-file"
tui_screen | grep -Eq "file-ro +$TUI_TMP/mapped-file" ||
	tui_fail "the mapped file is not listed as file-ro"
tui_screen | grep -Eq "deleted +$TUI_TMP/deleted-file \(deleted\)" ||
	tui_fail "the deleted mapping is not marked"
tui_keys Left Left Left Left Left Left
tui_wait "^0*$anon-"
# group by file: a library (code + data + read-only parts) is labelled
# by its most significant kind, code
tui_keys g
tui_wait "mappings, [0-9]+ files"
tui_screen | grep -Eq " code +/[^ ]*libc[.-]" ||
	tui_fail "the libc group is not labelled code"
tui_keys g
tui_wait_gone "files  sort"
# Esc with a filter clears the filter; the next Esc leaves
tui_keys F4
tui_type "zzz-no-such"
tui_keys Enter
tui_wait "no mapping matches the filter"
tui_keys Escape
tui_wait_gone "filter:"
tui_screen | grep -q "Map of $pid" || tui_fail "Esc with a filter left the map"
# Esc returns to the list
tui_keys Escape
tui_wait "PID +USER"
tui_screen | grep -q "Map of" && tui_fail "the map screen is still shown after Esc"
# Enter -> Map (the Enter menu: Threads, Details, Map), q returns
tui_keys Enter
tui_wait "Details"
tui_keys m Enter
tui_wait "Map of $pid"
# the sort chosen before is kept from one opening to the next
tui_wait "sort: rss"
tui_keys q
tui_wait "PID +USER"
# f and F12: the memory screen
tui_keys f
tui_wait "Memory and swap"
tui_wait "Top swap users"
tui_wait "commit limit"
# one unit style: every figure carries K/M/G...
tui_wait "^  total +[0-9.]+[KMGTPE] "
tui_screen | grep -Eq "^  (free|dirty|writeback) +[0-9]+ " &&
	tui_fail "a figure without a unit on the memory screen"
if [ "$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)" = 0 ]; then
	tui_wait "no swap configured"
fi
tui_keys s s
tui_wait "Top swap users: [0-9]+ \(sort: RES\+SWAP\)"
tui_wait "RES\+SWAP(▼|v)"
tui_keys Escape
tui_wait "PID +USER"
tui_keys F12
tui_wait "Memory and swap"
tui_wait "Top swap users: [0-9]+ \(sort: RES\+SWAP\)"
tui_keys q
tui_wait "PID +USER"
tui_quit
tui_stop
# A kernel thread has no user address space (said so, not "0 mappings").
tui_start -d 1 -p 2
tui_wait "kthreadd"
tui_keys v
tui_wait "kernel threads and zombies have no user address space"
tui_keys Escape
tui_wait "PID +USER"
tui_quit
echo "ok"
