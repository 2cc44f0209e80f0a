# I/O priority (i) on a 4-thread child, ionice -p as the oracle for every
# thread: best-effort 6, idle, realtime 2 (root, or a refusal naming
# CAP_SYS_ADMIN / CAP_SYS_NICE), none; as nobody, another user's process
# is refused with the reason.
. "$(dirname "$0")/lib.sh"

start_threads 4
v=$KID
# "best-effort: prio 6" for every thread, one line per distinct value
ionices() {
	local t
	for t in $(ls "/proc/$v/task"); do ionice -p "$t"; done | sort -u |
		tr '\n' ' '
}
command -v ionice >/dev/null || skip "ionice (util-linux) not installed"
tui_start -p "$v" -d 0.5
wait_row "$v"

keys i
wait_for "I/O priority of $v \(now (none|best-effort [0-9])\)"
wait_for "best-effort  the normal class"
keys Down Down Enter      # none -> realtime -> best-effort
wait_for "best-effort level"
type_text 6
keys Enter
wait_for "I/O priority of $v to best-effort 6: done \(4 threads\)"
[ "$(ionices)" = "best-effort: prio 6 " ] || fail "ionice says '$(ionices)'"
ok "best-effort 6 on every thread"

keys i
wait_for "\(now best-effort 6\)"
keys End Enter
wait_for "I/O priority of $v to idle: done \(4 threads\)"
[ "$(ionices)" = "idle " ] || fail "ionice says '$(ionices)'"
ok "idle on every thread"

keys i
wait_for "\(now idle\)"
keys Home Down Enter
wait_for "realtime level"
type_text 2
keys Enter
if [ "$(id -u)" -eq 0 ]; then
	wait_for "I/O priority of $v to realtime 2: done \(4 threads\)"
	[ "$(ionices)" = "realtime: prio 2 " ] || fail "ionice says '$(ionices)'"
	ok "realtime 2 as root"
else
	wait_for "realtime 2: operation not permitted .* the real-time I/O class needs CAP_SYS_ADMIN or CAP_SYS_NICE"
	ok "realtime refused without CAP_SYS_ADMIN or CAP_SYS_NICE"
fi
keys i
keys Home Enter
wait_for "I/O priority of $v to none: done \(4 threads\)"
[ "$(ionices)" = "none: prio 0 " ] || fail "ionice says '$(ionices)'"
ok "back to none"
quit
new_server

# As nobody: another user's process.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	group=nogroup
	getent group nogroup >/dev/null || group=nobody
	if setpriv --reuid=nobody --regid="$group" --clear-groups test -x "$PROCTOP"; then
		tui_start --as "setpriv --reuid=nobody --regid=$group --clear-groups env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent" -p "$v" -d 0.5
		wait_row "$v"
		keys i
		wait_for "I/O priority of $v"
		keys End Enter
		wait_for "I/O priority of $v to idle: operation not permitted .* another user's process needs CAP_SYS_NICE"
		[ "$(ionices)" = "none: prio 0 " ] || fail "ionice says '$(ionices)'"
		ok "another user's process refused, with the reason"
		quit
	fi
fi
kill "$v"
echo "ok"
