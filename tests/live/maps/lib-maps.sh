# lib-maps.sh — helpers for the maps live tests (sourced after ../lib.sh).
#
# Every test is run as: bash TEST.sh PROCTOP MAPCHILD

MAPCHILD=$SPAWN
declare -A CHILD=()

# start_mapchild MODE ARGS...: run mapchild, wait for "ready", fill
# CHILD[name]="value..." from its output lines.  The child is killed at exit.
start_mapchild() {
	local out=$TMP/mapchild.$$.$RANDOM name rest i pid
	"$MAPCHILD" "$@" >"$out" 2>"$out.err" </dev/null &
	pid=$!
	on_exit "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
	for ((i = 0; i < 400; i++)); do
		grep -qx ready "$out" 2>/dev/null && break
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "mapchild died: $(cat "$out.err")"
			exit 1
		fi
		sleep 0.05
	done
	grep -qx ready "$out" || { echo "mapchild did not get ready"; exit 1; }
	CHILD=()
	while read -r name rest; do
		[ "$name" = ready ] && break
		CHILD[$name]=$rest
	done <"$out"
}
