# PID reuse through the TUI: the signal is chosen (Enter in the menu) only
# after the target exited and a new process was given its pid (ns_last_pid inside a new pid
# namespace): the new process is untouched and the message says the
# target exited.
if [ "${ACT_IN_PIDNS:-}" != 1 ]; then
	[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (unshare, ns_last_pid)"; exit 77; }
	command -v unshare >/dev/null || { echo "SKIP: unshare not installed"; exit 77; }
	unshare -pf --mount-proc true 2>/dev/null ||
		{ echo "SKIP: unshare -pf --mount-proc is not permitted here"; exit 77; }
	exec unshare -pf --mount-proc env ACT_IN_PIDNS=1 bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"

sleep 300 &
v=$!
tui_start -p "$v" -d 0.5
wait_row "$v"
keys k
wait_for "Send signal to $v root +sleep 300"

# While the menu is open: the target exits, its pid is reused.
kill "$v"
wait "$v" 2>/dev/null
sleep 0.1     # start times count clock ticks: let the new one differ
echo $((v - 1)) >/proc/sys/kernel/ns_last_pid || fail "cannot write ns_last_pid"
sleep 300 &
n=$!
[ "$n" = "$v" ] || fail "setup: the new process got pid $n, not $v"
ok "pid $v reused by a new process"

keys Enter
wait_for "process $v exited; nothing sent"
kill -0 "$n" || fail "the new process with pid $v was signalled"
[ "$(ps -o stat= -p "$n" | cut -c1)" = S ] || fail "the new process is not sleeping"
ok "new process untouched"
quit
kill "$n"
reap "$n" 15
echo "all passed"
