# proctop run as nobody: kill and renice of a root-owned child fail with
# the message naming the capability, and change nothing; lowering nice of
# nobody's own process names CAP_SYS_NICE.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (to run proctop as nobody)"
command -v setpriv >/dev/null || skip "setpriv not installed"
AS_NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"
$AS_NOBODY true 2>/dev/null || skip "setpriv cannot switch to nobody here"
su_ok=$($AS_NOBODY sh -c "test -x '$PROCTOP' && echo yes")
[ "$su_ok" = yes ] || skip "nobody cannot run $PROCTOP"

sleep 300 &
v=$!
tui_start --as "$AS_NOBODY" -p "$v" -d 0.5
wait_row "$v"
keys k
wait_for "Send signal to $v"
keys Enter
wait_for "kill $v: operation not permitted — needs CAP_KILL or the same user"
ok "kill explained"
keys n
wait_for "Nice value"
keys C-u
type_text -5
keys Enter
wait_for "renice $v to -5: operation not permitted — another user's process needs CAP_SYS_NICE"
ok "renice of root's process explained"
keys F8
wait_for "renice $v to 1: operation not permitted — another user's process needs CAP_SYS_NICE"
kill -0 "$v" || fail "root child was killed"
[ "$(ps -o nice= -p "$v" | tr -d ' ')" = 0 ] || fail "root child was reniced"
ok "root child unchanged"
quit
new_server

$AS_NOBODY sleep 300 &
q=$!
for ((i = 0; i < 100; i++)); do
	[ "$(stat -c %u "/proc/$q" 2>/dev/null)" = 65534 ] &&
		[ "$(cat "/proc/$q/comm")" = sleep ] && break
	sleep 0.05
done
tui_start --as "$AS_NOBODY" -p "$q" -d 0.5
wait_row "$q"
keys n
wait_for "Nice value"
keys C-u
type_text -5
keys Enter
wait_for "renice $q to -5: permission denied — lowering nice needs CAP_SYS_NICE"
keys F7
wait_for "renice $q to -1: permission denied — lowering nice needs CAP_SYS_NICE"
[ "$(ps -o nice= -p "$q" | tr -d ' ')" = 0 ] || fail "nobody's child was reniced"
ok "lowering nice explained"
keys F8
wait_for "renice $q to 1: done \(1 thread\)"
ok "raising nice of its own process works"
keys k
wait_for "Send signal to $q nobody +sleep 300"
keys Enter
wait_for "kill $q: SIGTERM sent"
reap "$q" 15
quit
echo "all passed"
