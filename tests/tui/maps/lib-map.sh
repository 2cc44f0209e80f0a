# lib-map.sh — helpers for the map and memory screens' TUI tests (sourced
# after ../lib.sh and tui_init; $CHILDREN is tests/live/maps/mapchild).

# map_child OUT MODE ARGS...: start mapchild MODE ARGS with its output in
# $TUI_TMP/OUT (killed at exit: TUI_KIDS_PID), wait (up to 20 s) for its
# "ready" line and set MAP_PID to its pid.
map_child() {
	local out=$TUI_TMP/$1 i
	shift
	"$CHILDREN" "$@" >"$out" 2>&1 &
	TUI_KIDS_PID=$!
	for i in $(seq 1 400); do
		grep -qx ready "$out" 2>/dev/null && break
		sleep 0.05
	done
	grep -qx ready "$out" || tui_fail "mapchild $1 did not start"
	MAP_PID=$(awk '$1 == "pid" { print $2 }' "$out")
}

# map_child_value OUT NAME: the value mapchild printed for NAME.
map_child_value() {
	awk -v n="$2" '$1 == n { print $2 }' "$TUI_TMP/$1"
}
