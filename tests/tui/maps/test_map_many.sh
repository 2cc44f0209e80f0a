#!/bin/bash
# The map of a process with 60,000 mappings opens and scrolls to the end
# (End: the last mapping, [vsyscall] or the highest one, is shown).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
max=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)
[ "$max" -ge 60100 ] || tui_skip "vm.max_map_count is $max, below 60,100"
map_child child many 60000
pid=$MAP_PID
n=$(wc -l <"/proc/$pid/maps")
last=$(tail -1 "/proc/$pid/maps" | cut -d- -f1)

tui_start -d 1 -p "$pid"
tui_wait "mapchild many"
tui_keys v
tui_wait "Map of $pid \(mapchild\): 6[0-9]{4} mappings" 30
tui_keys End
tui_wait "^0*$last-" 20
tui_keys PageUp PageUp Home
tui_wait "Start-End"
tui_keys End
tui_wait "^0*$last-" 20
tui_keys q
tui_wait "PID +USER"
tui_quit
echo "ok ($n mappings)"
