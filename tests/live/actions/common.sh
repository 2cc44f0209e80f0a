# common.sh — helpers for the actions live tests (sourced, not run).
#
# Every test is run as: bash TEST.sh DRIVER PROCTOP
# DRIVER is act_driver (calls the actions API directly).  A test prints
# "ok: ..." / "FAIL: ..." lines and exits 0 (all passed), 1 (a check
# failed) or 77 (skipped, with "SKIP: reason").

set -uo pipefail

DRV=${1:?usage: TEST.sh DRIVER PROCTOP}
PROCTOP=${2:?usage: TEST.sh DRIVER PROCTOP}
export LC_ALL=C.UTF-8

TMP=$(mktemp -d "${TMPDIR:-/tmp}/proctop-actions.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/../report.sh"

# Kill the children still ours (jobs not yet reaped, so their pids cannot
# have been reused by anybody else).
cleanup() {
	local p
	for p in $(jobs -p); do
		kill -KILL "$p" 2>/dev/null
	done
	# no job reports on stderr for what we killed on purpose
	disown -a
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1: got '$2', want '$3'"
	fi
}

# wait_threads PID N: wait until PID runs N threads (the driver's
# "threads" mode prints ready first, but be sure).
wait_threads() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null)" = "$2" ] &&
			return 0
		sleep 0.05
	done
	echo "process $1 never reached $2 threads"
	exit 1
}

# start_threads N: start the driver running N threads as our child; sets
# KID to its pid.
start_threads() {
	"$DRV" threads "$1" >/dev/null &
	KID=$!
	wait_threads "$KID" "$1"
}

# A copy of the driver every user can run (the build tree may not be
# reachable for nobody).
public_driver() {
	chmod 755 "$TMP"
	cp "$DRV" "$TMP/act_driver"
	chmod 755 "$TMP/act_driver"
	echo "$TMP/act_driver"
}

# the nice of every thread of PID, one per line
thread_nices() {
	ps -L -o nice= -p "$1" | tr -d ' '
}
