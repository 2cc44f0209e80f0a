# --readonly: every action key says it is disabled and changes nothing;
# tagging and the details screen still work.
. "$(dirname "$0")/lib.sh"

sleep 300 &
v=$!
tui_start --readonly -p "$v" -d 0.5
wait_row "$v"
for k in k F9 F7 F8 n a Y; do
	keys "$k"
	case $k in
	k|F9) verb=kill ;;
	F7|F8|n) verb=renice ;;
	a) verb=affinity ;;
	Y) verb=policy ;;
	esac
	wait_for "$verb: disabled — proctop is read-only \(--readonly\)"
	ok "$k refused"
	keys C-l
	sleep 0.2
done
kill -0 "$v" || fail "read-only proctop signalled $v"
[ "$(ps -o nice= -p "$v" | tr -d ' ')" = 0 ] || fail "read-only proctop reniced $v"
keys Space
wait_for "1 tagged"
keys d
wait_for "Details of $v \(sleep\)"
quit
kill "$v"
reap "$v" 15

# --drop-capabilities=strict implies --readonly.
sleep 300 &
v=$!
new_server
tui_start --drop-capabilities=strict -p "$v" -d 0.5
wait_row "$v"
keys k
wait_for "kill: disabled — proctop is read-only \(--readonly\)"
ok "strict implies read-only"
quit
echo "all passed"
