#!/bin/bash
# e, l, x, w, s on a child with known open files (a regular file at
# offset 1234 with an flock, a pipe, a socket pair) and a known
# environment variable, at 160x40 and 80x24:
# - l lists every fd that `ls -l /proc/PID/fd` lists, with its target,
#   TYPE (REG, FIFO, SOCK), POS and FLAGS from fdinfo;
# - x shows the flock with the file's path; e the variable; w the whole
#   command line; s strace's output, and leaving stops strace;
# - without strace in PATH, s says so; as nobody, e explains ptrace access.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
file=$TUI_TMP/pt-open-file
PT_ENV_MARK=pt-env-$$ "$CHILDREN" --files "$file" >"$TUI_TMP/ready" &
TUI_KIDS_PID=$!
pid=$TUI_KIDS_PID
for i in $(seq 1 100); do
	grep -qx ready "$TUI_TMP/ready" 2>/dev/null && break
	sleep 0.05
done
grep -qx ready "$TUI_TMP/ready" || tui_fail "files child did not start"

for size in 160x40 80x24; do
	export TUI_W=${size%x*} TUI_H=${size#*x}
	tui_start -d 0.5 -p "$pid"
	tui_wait "^ *$pid "
	tui_keys e
	tui_wait "Environment of $pid"
	tui_wait "^PT_ENV_MARK=pt-env-$$\$"
	tui_keys q
	tui_keys l
	tui_wait "Open files of $pid"
	tui_wait "^ +FD +TYPE +POS +FLAGS +NAME"
	[ "$TUI_W" -ge 100 ] || tui_keys Right Right Right Right Right
	tui_keys Left Left Left Left Left
	# every fd of ls -l, with its target (the names may be cut at 80)
	while read -r fd target; do
		tui_screen | grep -Eq "^ +$fd +[A-Za-z_]+ +([0-9]+|-) +[a-zA-Z,-]+ +" ||
			tui_fail "fd $fd missing"
		w=$((TUI_W - 54))   # NAME starts at column 53; a cut name ends with …
		want=${target:0:$w}
		tui_screen | grep -F -- "$want" >/dev/null ||
			tui_fail "fd $fd: target '$want' missing"
	done < <(ls -l "/proc/$pid/fd" | awk 'NR > 1 { print $9, $11 }')
	tui_screen | grep -Eq "^ +3 +REG +1234 +rw +" || tui_fail "the file at 1234"
	tui_screen | grep -Eq "^ +[0-9]+ +FIFO +[0-9]+ +r +pipe:\[" ||
		tui_fail "the pipe's read end"
	tui_screen | grep -Eq "^ +[0-9]+ +FIFO +[0-9]+ +w +pipe:\[" ||
		tui_fail "the pipe's write end"
	tui_screen | grep -Eq "^ +[0-9]+ +SOCK +[0-9]+ +rw +socket:\[" ||
		tui_fail "the socket"
	tui_keys q
	tui_keys x
	tui_wait "File locks of $pid \(tui_children\): 1"
	tui_wait "^FLOCK +ADVISORY +WRITE +0-EOF +[0-9a-f]+:[0-9a-f]+:[0-9]+ +/tmp/proctop-tui"
	tui_keys q
	tui_keys w
	tui_wait "Command line of $pid"
	# The screen wraps the line at its width wherever the path puts the
	# cut, so compare it joined, without the blanks the wrap may eat.
	want=$(tr '\0' ' ' <"/proc/$pid/cmdline" | tr -d ' ')
	for i in $(seq 1 100); do
		tui_screen | tail -n +2 | tr -d ' \n' | grep -qF -- "$want" && break
		sleep 0.05
	done
	tui_screen | tail -n +2 | tr -d ' \n' | grep -qF -- "$want" ||
		tui_fail "w: the whole command line '$want' is not shown"
	tui_keys q
	if command -v strace >/dev/null; then
		tui_keys s
		tui_wait "strace of $pid \(tui_children\) - running"
		tui_wait "(attached|pause|restart_syscall)"
		pgrep -f "^strace .*-p $pid\$" >/dev/null || tui_fail "no strace"
		tui_keys q
		tui_wait "^ *$pid "
		sleep 0.5
		pgrep -f "^strace .*-p $pid\$" >/dev/null &&
			tui_fail "strace still runs after leaving"
	fi
	tui_quit
	tui_stop
done

# A process without locks: the title counts none (the remark is no lock).
sleep 1000 &
NOLOCK=$!
tui_start -d 0.5 -p "$NOLOCK"
tui_wait "^ *$NOLOCK "
tui_keys x
tui_wait "File locks of $NOLOCK \(sleep\): 0"
tui_wait "no file locks held by this process"
tui_keys q
tui_quit
tui_stop
kill "$NOLOCK"

# No strace in PATH: a clear message.
real=$PROCTOP
PROCTOP=$TUI_TMP/no-strace
printf '#!/bin/sh\nPATH=/nonexistent exec "%s" "$@"\n' "$real" >"$PROCTOP"
chmod 755 "$PROCTOP"
tui_start -d 0.5 -p "$pid"
tui_wait "^ *$pid "
PROCTOP=$real
tui_keys s
tui_wait "strace is not installed"
tui_screen | tail -1 | grep -q 'F1Help' || tui_fail "the bar is hidden"
tui_quit
tui_stop

# As nobody: the environment of a root process is refused, explained.
if tui_as_nobody; then
	tui_start -d 0.5 -p "$pid"
	tui_wait "^ *$pid "
	tui_keys e
	tui_wait "Permission denied reading /proc/$pid/environ"
	tui_wait "ptrace read access"
	tui_keys q
	tui_keys l
	tui_wait "Permission denied reading /proc/$pid/fd"
	echo "ok: EACCES explained (as nobody)"
	tui_keys q
	tui_quit
fi
echo "ok"
