# lib.sh — shared helpers for the live tests (sourced, not run).
#
# Every test is run as: bash TEST.sh PROCTOP SPAWN
# It prints "FAIL: ..." lines for failed checks, "ok: ..." for passed ones,
# and exits 0 (all passed), 1 (a check failed) or 77 (skipped).

set -uo pipefail

PROCTOP=${1:?usage: TEST.sh PROCTOP SPAWN}
SPAWN=${2:?usage: TEST.sh PROCTOP SPAWN}
export LC_ALL=C.UTF-8
unset COLUMNS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/proctop-live.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/report.sh"
SPAWN_PID=
declare -A PIDS=()
CLEANUP_HOOKS=()

cleanup() {
	local h
	for h in "${CLEANUP_HOOKS[@]}"; do
		eval "$h" || true
	done
	if [ -n "$SPAWN_PID" ]; then
		kill "$SPAWN_PID" 2>/dev/null
		wait "$SPAWN_PID" 2>/dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# on_exit CMD: run CMD (a string) at exit, before the children are killed.
on_exit() {
	CLEANUP_HOOKS+=("$1")
}

# start_children KIND...: run spawn; fills PIDS[KIND] and SPAWN_PID.
start_children() {
	local out=$TMP/spawn.out kind pid i
	"$SPAWN" "$@" >"$out" 2>"$TMP/spawn.err" </dev/null &
	SPAWN_PID=$!
	for ((i = 0; i < 200; i++)); do
		grep -qx ready "$out" 2>/dev/null && break
		if ! kill -0 "$SPAWN_PID" 2>/dev/null; then
			echo "spawn died: $(cat "$TMP/spawn.err")"
			exit 1
		fi
		sleep 0.05
	done
	grep -qx ready "$out" || { echo "spawn did not get ready"; exit 1; }
	while read -r kind pid; do
		[ "$kind" = ready ] && break
		PIDS[$kind]=$pid
	done <"$out"
}

# pid_list KIND...: comma-separated pids of these kinds.
pid_list() {
	local k out=
	for k in "$@"; do
		out+=${out:+,}${PIDS[$k]}
	done
	echo "$out"
}

# quiet CMD...: run CMD with its output discarded (for check).
quiet() {
	"$@" >/dev/null 2>&1
}
