#!/bin/bash
# The map screen follows one process through one /proc/<pid> directory fd:
# when the process exits (and is reaped, so its pid may be reused) the
# screen says it has exited instead of showing another map.  Then the
# memory screen: with a swap user on screen, its PSS is read (only the
# rows shown are read unless PSS is the sort key).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
map_child child sleep
pid=$MAP_PID
kid=$TUI_KIDS_PID
tui_start -d 0.5 -p "$pid"
tui_wait "mapchild sleep"
tui_keys v
tui_wait "Map of $pid \(mapchild\): [0-9]+ mappings"
kill "$kid"
wait "$kid" 2>/dev/null
TUI_KIDS_PID=
# (a kill that lands during a read says "incomplete: ..." instead)
tui_wait "Process $pid has exited|incomplete: process exited"
tui_screen | grep -E "Map of $pid \(mapchild\): [1-9][0-9]* mappings" |
	grep -vq incomplete &&
	tui_fail "a map is still shown for the exited process"
tui_keys Escape
tui_wait "PID +USER"
tui_quit
tui_stop

# The memory screen with a swap user: needs a swapfile (root).
[ "$(id -u)" -eq 0 ] || { echo "ok (memory part skipped: not root)"; exit 0; }
command -v mkswap >/dev/null && command -v swapon >/dev/null ||
	{ echo "ok (memory part skipped: no mkswap/swapon)"; exit 0; }
SWAPFILE=$(mktemp /var/tmp/proctop-tui-swap.XXXXXX) || exit 0
trap 'swapoff "$SWAPFILE" 2>/dev/null; rm -f "$SWAPFILE"; tui_cleanup' EXIT
dd if=/dev/zero of="$SWAPFILE" bs=1M count=128 status=none || exit 0
chmod 600 "$SWAPFILE"
mkswap "$SWAPFILE" >/dev/null 2>&1 && swapon "$SWAPFILE" 2>/dev/null ||
	{ echo "ok (memory part skipped: swapon not permitted)"; exit 0; }
map_child swapchild swap
spid=$MAP_PID
vmswap=$(awk '/^VmSwap:/ { print $2 }' "/proc/$spid/status")
[ "${vmswap:-0}" -gt 0 ] ||
	{ echo "ok (memory part skipped: nothing swapped out)"; exit 0; }
tui_start -d 1
tui_wait "PID +USER"
tui_keys f
tui_wait "Top swap users"
# the child (32 MiB swapped out) is among the first rows; its PSS known:
# PID USER SWAP RES RES+SWAP PSS CMD
row="^ *$spid +[^ ]+ +[0-9.]+[KMGTPE]? +[0-9.]+[KMGTPE]? +[0-9.]+[KMGTPE]? +[0-9.]+[KMGTPE]? +[^ ]*mapchild"
tui_wait "$row"
# sorted by PSS (s cycles SWAP, RES, RES+SWAP, PSS): still known
tui_keys s s s
tui_wait "sort: PSS"
tui_wait "$row"
tui_keys q
tui_wait "PID +USER"
tui_quit
tui_stop
echo "ok"
