#!/bin/bash
# The map screen follows one process through one /proc/<pid> directory fd:
# when the process exits (and is reaped, so its pid may be reused) the
# screen says it has exited instead of showing another map.  Then the
# memory screen: with a swap user on screen, its PSS is read (only the
# rows shown are read unless PSS is the sort key).
. "$(dirname "$0")/../lib.sh"
tui_init "$@"
MAPCHILD=$CHILDREN
"$MAPCHILD" sleep >"$TUI_TMP/child" 2>&1 &
kid=$!
TUI_KIDS_PID=$kid
for i in $(seq 1 200); do
	grep -qx ready "$TUI_TMP/child" 2>/dev/null && break
	sleep 0.05
done
pid=$(awk '$1 == "pid" { print $2 }' "$TUI_TMP/child")
[ -n "$pid" ] || tui_fail "mapchild did not start"
tui_start -d 0.5 -p "$pid"
tui_wait "mapchild sleep"
tui_keys v
tui_wait "Map of $pid \(mapchild\): [0-9]+ mappings"
kill "$kid"
wait "$kid" 2>/dev/null
TUI_KIDS_PID=
tui_wait "Process $pid has exited"
tui_screen | grep -Eq "Map of $pid \(mapchild\): [1-9][0-9]* mappings" &&
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
"$MAPCHILD" swap >"$TUI_TMP/swapchild" 2>&1 &
TUI_KIDS_PID=$!
for i in $(seq 1 400); do
	grep -qx ready "$TUI_TMP/swapchild" 2>/dev/null && break
	sleep 0.05
done
spid=$(awk '$1 == "pid" { print $2 }' "$TUI_TMP/swapchild")
[ -n "$spid" ] || tui_fail "mapchild swap did not start"
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
