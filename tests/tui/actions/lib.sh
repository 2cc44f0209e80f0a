# lib.sh — helpers for the actions' tmux-driven TUI tests (sourced, bash).
#
# Every test is run as: bash TEST.sh PROCTOP DRIVER
# (DRIVER: tests/live/actions/act_driver, used to run threaded children
# and read start times).  Each test gets a private tmux server, a private
# HOME and a 160x40 window; proctop runs in the pane under a shell, so its
# exit status can be read.  Children are our own (the test reaps them).

set -u

PROCTOP=$(readlink -f "${1:?usage: TEST.sh PROCTOP DRIVER}")
DRV=$(readlink -f "${2:?usage: TEST.sh PROCTOP DRIVER}")
export LC_ALL=C.UTF-8
TUI_TMP=
TUI_SOCK=

fail() {
	echo "FAIL: $*"
	if [ -n "$TUI_SOCK" ]; then
		echo "--- screen ---"
		tmux -L "$TUI_SOCK" capture-pane -p -t pt 2>/dev/null
		echo "--------------"
	fi
	exit 1
}

ok() {
	echo "ok: $*"
}

skip() {
	echo "SKIP: $*"
	exit 77
}

cleanup() {
	[ -n "$TUI_SOCK" ] && tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	local p
	for p in $(jobs -p); do
		kill -KILL "$p" 2>/dev/null
	done
	# no job reports on stderr for what we killed on purpose
	disown -a
	[ -n "$TUI_TMP" ] && rm -rf "$TUI_TMP"
}

command -v tmux >/dev/null || skip "tmux is not installed"
[ -x "$PROCTOP" ] || fail "no proctop binary at $1"
TUI_TMP=$(mktemp -d /tmp/proctop-tui-act.XXXXXX)
chmod 755 "$TUI_TMP"
TUI_SOCK="pt-act-$$-$RANDOM"
export HOME="$TUI_TMP/home" XDG_CONFIG_HOME="$TUI_TMP/home/.config"
mkdir -p "$XDG_CONFIG_HOME"
chmod -R 777 "$HOME"
SUPP=$(dirname "$(readlink -f "$0")")/../lsan.supp
LSAN_OPTIONS=
[ -f "$SUPP" ] && LSAN_OPTIONS="suppressions=$SUPP:print_suppressions=0"
export LSAN_OPTIONS
trap cleanup EXIT
trap 'exit 1' INT TERM

# tui_start [--as CMD-PREFIX] ARGS...: proctop with ARGS in a 160x40 pane.
tui_start() {
	local prefix=""
	if [ "${1:-}" = --as ]; then
		prefix=$2
		shift 2
	fi
	local args="" a
	for a in "$@"; do
		args="$args '$a'"
	done
	tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x 160 -y 40 \
		"exec env TERM=tmux-256color HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' LSAN_OPTIONS='$LSAN_OPTIONS' sh -c '$prefix \"$PROCTOP\" $args; echo PROCTOP-EXIT=\$?; sleep 600'" ||
		fail "tmux new-session failed"
	tmux -L "$TUI_SOCK" set-option -g window-size manual >/dev/null 2>&1
}

# new_server: end this tmux server and use a fresh one for the next
# tui_start (a just-killed server may still hold its socket).
TUI_GEN=0
new_server() {
	tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	TUI_GEN=$((TUI_GEN + 1))
	TUI_SOCK="pt-act-$$-$RANDOM-$TUI_GEN"
}

screen() {
	tmux -L "$TUI_SOCK" capture-pane -p -t pt
}

keys() {
	tmux -L "$TUI_SOCK" send-keys -t pt "$@"
}

type_text() {
	tmux -L "$TUI_SOCK" send-keys -t pt -l -- "$1"
}

# wait_for REGEX [SECONDS]: until the screen matches (extended regex).
wait_for() {
	local i limit=${2:-10}
	for ((i = 0; i < limit * 20; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	fail "timed out waiting for /$1/"
}

# wait_row PID: the list shows a row for PID.
wait_row() {
	wait_for "^ *$1 " 10
}

# quit: F10 (quits from any screen), and proctop exits 0 (ASan/LSan
# would make it non-zero).
quit() {
	keys F10
	wait_for 'PROCTOP-EXIT=' 10
	screen | grep -q 'PROCTOP-EXIT=0' || fail "proctop did not exit with status 0"
}

# reap PID SIGNO: PID (our child) died of signal SIGNO.
reap() {
	local rc
	wait "$1" 2>/dev/null
	rc=$?
	[ "$rc" -eq $((128 + $2)) ] || fail "process $1 ended with status $rc, not signal $2"
	ok "process $1 terminated by signal $2"
}

# start_threads N: our child running N threads; sets KID.
start_threads() {
	"$DRV" threads "$1" >/dev/null &
	KID=$!
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(awk '/^Threads:/ {print $2}' "/proc/$KID/status" 2>/dev/null)" = "$1" ] &&
			return 0
		sleep 0.05
	done
	fail "child $KID never reached $1 threads"
}

