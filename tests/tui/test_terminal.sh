#!/bin/bash
# Unusable terminals: TERM unset, dumb, unknown; no terminal at all.  The
# TUI refuses with a clear one-line message and a non-zero status, and
# prints no escape sequences.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
base=$TUI_SOCK
n=0
for t in "env -u TERM" "env TERM=dumb" "env TERM=bogus-terminal-xyz"; do
	rm -f "$TUI_TMP/rc"
	n=$((n + 1))
	TUI_SOCK="$base-$n"
	tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x 160 -y 40 \
		"exec $t sh -c '\"$PROCTOP\" -d 0.5 2>$TUI_TMP/err; echo RC=\$? > $TUI_TMP/rc; sleep 2'" ||
		tui_fail "tmux failed"
	for i in $(seq 1 100); do
		[ -s "$TUI_TMP/rc" ] && break
		sleep 0.05
	done
	grep -q 'RC=0' "$TUI_TMP/rc" && tui_fail "$t: exit status 0"
	grep -q 'RC=' "$TUI_TMP/rc" || tui_fail "$t: did not exit"
	[ "$(wc -l < "$TUI_TMP/err")" = 1 ] || tui_fail "$t: not one line: $(cat "$TUI_TMP/err")"
	grep -q '^proctop: .*TERM\|terminal' "$TUI_TMP/err" ||
		tui_fail "$t: unclear message: $(cat "$TUI_TMP/err")"
	grep -q $'\e' "$TUI_TMP/err" && tui_fail "$t: escape in the message"
	echo "$t: $(cat "$TUI_TMP/err")"
done
# No terminal on stdin/stdout.
out=$("$PROCTOP" -d 0.5 </dev/null 2>&1 >/dev/null)
rc=$?
[ $rc != 0 ] || tui_fail "no terminal: status 0"
grep -q 'terminal' <<<"$out" || tui_fail "no terminal: message: $out"
echo "ok"
