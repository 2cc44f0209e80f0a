#!/bin/bash
# A FIFO or a symlink to /dev/zero in place of a file of a --proc-root tree
# never hangs the TUI: the list (or the message naming the file) shows, the
# keys work, and q quits at once.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
FIXTURE=$(dirname "$(readlink -f "$0")")/../fixtures/proc
TREE=$TUI_TMP/proc

for case in "fifo 200/status" "zero 200/cmdline" "fifo meminfo" \
	"zero meminfo"; do
	set -- $case
	rm -rf "$TREE"
	cp -a "$FIXTURE" "$TREE"
	rm -f "$TREE/$2"
	if [ "$1" = fifo ]; then mkfifo "$TREE/$2"; else ln -s /dev/zero "$TREE/$2"; fi
	tui_start --proc-root "$TREE" -d 0.3
	if [ "$2" = meminfo ]; then
		tui_wait "cannot read $TREE/meminfo" 5
	else
		tui_wait 'PID +USER' 5
		tui_wait ' 300 ' 5
		# keys work: F1 opens the help, Esc closes it
		tui_keys F1
		tui_wait 'Help' 5
		tui_keys Escape
		tui_wait 'PID +USER' 5
	fi
	t0=$(date +%s%N)
	tui_keys q
	tui_wait 'PROCTOP-EXIT=0' 5
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -lt 2000 ] || tui_fail "$case: q took $ms ms"
	echo "ok: $case: q quit in $ms ms"
	tui_stop
done
echo ok
