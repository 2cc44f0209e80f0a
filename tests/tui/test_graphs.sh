#!/bin/bash
# g shows and hides the header's graphs of the last samples (CPU, Mem,
# Swap, Swap in, Swap out), off by default and saved in proctoprc; at
# 160x40 three to a row, at 80x24 two.  Block characters in a UTF-8
# locale; in the C locale nothing but ASCII is drawn.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
# tmux itself runs in UTF-8, so it would show any UTF-8 proctop drew;
# proctop gets the locale of each part through a wrapper.
export LC_ALL=C.UTF-8
REAL=$PROCTOP
with_locale() {
	PROCTOP=$TUI_TMP/proctop-$1
	printf '#!/bin/sh\nexec env LC_ALL=%s "%s" "$@"\n' "$1" "$REAL" \
		>"$PROCTOP"
	chmod 755 "$PROCTOP"
}

with_locale C.UTF-8
tui_start -d 0.3
tui_wait 'PID'
tui_wait 'Mem\['
tui_screen | grep -q 'Swap out' && tui_fail "graphs shown by default"
tui_keys g
tui_wait '^Swap in .* Swap out '
tui_screen | grep -Eq '^CPU .* Mem .* Swap ' ||
	tui_fail "CPU, Mem and Swap graphs not on one row at 160 columns"
tui_screen | grep -q 'PID' || tui_fail "the list is gone"
tui_wait '[▁▂▃▄▅▆▇█]'
tui_keys g
tui_wait_gone 'Swap out'
tui_keys g
tui_wait '^Swap in .* Swap out '
tui_quit
tui_stop
grep -q '^graphs = yes' "$RC" || tui_fail "graphs = yes not saved"

# 80x24, C locale: on from the saved setting, two graphs to a row, ASCII
# only.
with_locale C
TUI_W=80 TUI_H=24 tui_start -d 0.3
tui_wait 'PID'
tui_wait '^Swap out '
tui_screen | grep -Eq '^CPU .* Mem ' || tui_fail "CPU and Mem graphs"
tui_screen | grep -Eq '^Swap .* Swap in ' || tui_fail "Swap and Swap in"
tui_screen | grep -q 'PID' || tui_fail "the list is gone at 80x24"
sleep 1
tui_screen | LC_ALL=C grep -q '[^ -~]' &&
	tui_fail "a non-ASCII byte drawn in the C locale"
tui_keys g
tui_wait_gone 'Swap out'
tui_quit
grep -q '^graphs = no' "$RC" || tui_fail "graphs = no not saved"
echo "ok"
