# lib.sh — helpers for the tmux-driven TUI tests (sourced, bash).
#
# Usage in a test:  . "$(dirname "$0")/lib.sh"; tui_init "$@"
# $1 = the proctop binary, $2 = the children helper.
# Every test gets a private tmux server (-L), a private HOME and
# XDG_CONFIG_HOME, and a 160x40 window; everything is cleaned up on exit.
# proctop runs with TERM=$TUI_TERM (default tmux-256color; the sanitizer
# suite runs some tests again with TUI_TERM=linux).

set -u

tui_fail() {
	echo "FAIL: $*"
	if [ -n "${TUI_SOCK:-}" ]; then
		echo "--- screen ---"
		tmux -L "$TUI_SOCK" capture-pane -p -t pt 2>/dev/null
		echo "--------------"
	fi
	exit 1
}

tui_skip() {
	echo "SKIP: $*"
	exit 77
}

tui_cleanup() {
	if [ -n "${TUI_SOCK:-}" ]; then
		tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	fi
	if [ -n "${TUI_KIDS_PID:-}" ]; then
		kill "$TUI_KIDS_PID" 2>/dev/null
		wait "$TUI_KIDS_PID" 2>/dev/null
	fi
	[ -n "${TUI_TMP:-}" ] && rm -rf "$TUI_TMP"
}

tui_init() {
	PROCTOP=$(readlink -f "$1")
	CHILDREN=$(readlink -f "$2")
	command -v tmux >/dev/null || tui_skip "tmux is not installed"
	[ -x "$PROCTOP" ] || tui_fail "no proctop binary at $1"
	TUI_TMP=$(mktemp -d /tmp/proctop-tui.XXXXXX)
	TUI_SOCK="pt-tui-$$-$RANDOM"
	export HOME="$TUI_TMP/home" XDG_CONFIG_HOME="$TUI_TMP/home/.config"
	mkdir -p "$XDG_CONFIG_HOME"
	RC="$XDG_CONFIG_HOME/proctop/proctoprc"
	# ncurses keeps some memory until exit by design.
	export LSAN_OPTIONS="suppressions=$(dirname "$(readlink -f "$0")")/lsan.supp:print_suppressions=0"
	# Under TERM=linux a leak inside libgpm (dlopened by ncurses, gone
	# by exit) is only attributable with the slow, complete unwinder.
	[ "${TUI_TERM:-}" = linux ] &&
		LSAN_OPTIONS="$LSAN_OPTIONS:fast_unwind_on_malloc=0"
	trap tui_cleanup EXIT
	trap 'exit 1' INT TERM
}

# Start the children helper; sets KID_<name> variables (dashes -> _).
tui_children() {
	"$CHILDREN" "$TUI_TMP/pids" &
	TUI_KIDS_PID=$!
	local i
	for i in $(seq 1 100); do
		[ -s "$TUI_TMP/pids" ] && break
		sleep 0.05
	done
	[ -s "$TUI_TMP/pids" ] || tui_fail "children helper did not start"
	local name pid
	while read -r name pid; do
		[ "$name" = ok ] && continue
		name=${name//-/_}
		printf -v "KID_$name" '%s' "$pid"
	done < "$TUI_TMP/pids"
	KID_PIDS=$(awk '$1 != "ok" { printf "%s%s", sep, $2; sep = "," }' \
		"$TUI_TMP/pids")
}

# Start proctop with the given arguments in a detached 160x40 session.
# The pane runs a shell so the exit status can be read afterwards.
tui_start() {
	local args=""
	local a
	for a in "$@"; do
		args="$args '$a'"
	done
	tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x "${TUI_W:-160}" -y "${TUI_H:-40}" \
		"exec env TERM='${TUI_TERM:-tmux-256color}' HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' LSAN_OPTIONS='$LSAN_OPTIONS' sh -c '\"$PROCTOP\" $args; echo PROCTOP-EXIT=\$?; sleep 600'" \
		|| tui_fail "tmux new-session failed"
	tmux -L "$TUI_SOCK" set-option -g window-size manual >/dev/null 2>&1
	tmux -L "$TUI_SOCK" set-option -g remain-on-exit on >/dev/null 2>&1
}

# End the tmux server; the next tui_start uses a fresh socket (a server
# that is still shutting down cannot be reused at once).
tui_stop() {
	tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	TUI_NSTART=$(( ${TUI_NSTART:-0} + 1 ))
	TUI_SOCK="${TUI_SOCK%%.*}.$TUI_NSTART"
}

tui_screen() {
	tmux -L "$TUI_SOCK" capture-pane -p -t pt "$@"
}

tui_keys() {
	tmux -L "$TUI_SOCK" send-keys -t pt "$@"
}

# Type text literally.
tui_type() {
	tmux -L "$TUI_SOCK" send-keys -t pt -l "$1"
}

# Wait (up to ${2:-10} s) until the screen matches the extended regex $1.
tui_wait() {
	local pattern=$1 limit=${2:-20}
	local i
	for i in $(seq 1 $((limit * 20))); do
		if tui_screen | grep -Eq -- "$pattern"; then
			return 0
		fi
		sleep 0.05
	done
	tui_fail "timed out waiting for /$pattern/"
}

# Wait until the screen does NOT match $1.
tui_wait_gone() {
	local pattern=$1 limit=${2:-20}
	local i
	for i in $(seq 1 $((limit * 20))); do
		if ! tui_screen | grep -Eq -- "$pattern"; then
			return 0
		fi
		sleep 0.05
	done
	tui_fail "timed out waiting for /$pattern/ to disappear"
}

# Line number (1-based) of the first screen line matching $1, or 0.
tui_line_of() {
	tui_screen | grep -En -- "$1" | head -1 | cut -d: -f1 | grep . || echo 0
}

# From now on tui_start runs proctop as nobody (PROCTOP becomes a
# setpriv wrapper; the real binary stays in PROCTOP_REAL).  Returns 1
# (and changes nothing) when that is not possible: not root, no setpriv.
tui_as_nobody() {
	local group=nogroup
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null || return 1
	getent group nogroup >/dev/null || group=nobody
	setpriv --reuid=nobody --regid="$group" --clear-groups \
		test -x "$PROCTOP" || return 1
	PROCTOP_REAL=$PROCTOP
	PROCTOP=$TUI_TMP/as-nobody
	printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=%s --clear-groups env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "%s" "$@"\n' \
		"$group" "$PROCTOP_REAL" >"$PROCTOP"
	chmod 755 "$PROCTOP"
}

# Quit proctop with q and check its exit status.
tui_quit() {
	tui_keys q
	tui_wait 'PROCTOP-EXIT=' 30
	tui_screen | grep -q 'PROCTOP-EXIT=0' ||
		tui_fail "proctop did not exit with status 0"
}
