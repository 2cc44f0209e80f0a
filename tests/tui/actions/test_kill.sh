# Kill from the TUI: select a child, k, SIGTERM (preselected), Enter (the
# menu names the target: it is asked once): the child dies of SIGTERM (we
# reap it).  Then tag three children with
# Space and kill them at once through the confirmation checklist.
. "$(dirname "$0")/lib.sh"

sleep 300 &
v=$!
tui_start -p "$v" -d 0.5
wait_row "$v"
keys k
wait_for "Send signal to $v root +sleep 300"
keys Enter
wait_for "kill $v: SIGTERM sent"
reap "$v" 15
quit
new_server

# Three tagged children, one signal.
sleep 301 &
a=$!
sleep 302 &
b=$!
sleep 303 &
c=$!
tui_start -p "$a,$b,$c" -d 0.5
wait_row "$a"
wait_row "$b"
wait_row "$c"
# Space tags and selects the next row (as in htop).
keys Space
wait_for "1 tagged"
keys Space
wait_for "2 tagged"
keys Space
wait_for "3 tagged"
keys F9
wait_for "Send signal to 3 processes"
keys Enter
wait_for "Send SIGTERM \(15\) to 3 processes\?"
wait_for "\[x\] +$a root +sleep 301"
wait_for "\[x\] +$b root +sleep 302"
wait_for "\[x\] +$c root +sleep 303"
keys Enter
wait_for "kill: SIGTERM sent to 3 processes"
reap "$a" 15
reap "$b" 15
reap "$c" 15

# c tags a process and its children: one signal for the three.
new_server
bash -c 'sleep 311 & sleep 312 & wait' &
p=$!
for ((i = 0; i < 100; i++)); do
	[ "$(pgrep -P "$p" | wc -l)" = 2 ] && break
	sleep 0.05
done
tui_start -p "$p" -d 0.5
wait_row "$p"
keys c
wait_for "3 tagged"
keys k
wait_for "Send signal to 3 processes"
keys Enter
wait_for "\[x\] +$p root +bash -c"
wait_for "\[x\] +[0-9]+ root +sleep 311"
wait_for "\[x\] +[0-9]+ root +sleep 312"
keys Enter
wait_for "kill: SIGTERM sent to 3 processes"
reap "$p" 15

# Esc in the menu sends nothing; U untags all.
sleep 304 &
d=$!
keys U
wait_for "All untagged"
new_server
tui_start -p "$d" -d 0.5
wait_row "$d"
keys k
wait_for "Send signal to $d"
keys Escape
wait_for "kill: cancelled; nothing sent"
sleep 0.3
kill -0 "$d" || fail "cancelled kill still signalled $d"
ok "cancel sends nothing"
# Typed digits pick the signal with that number: "1","0" -> SIGUSR1 (a
# pause starts a new number); Enter sends it.
keys k
wait_for "Send signal to $d"
type_text 10
wait_for "Number: 10"
keys Enter
wait_for "kill $d: SIGUSR1 sent"
reap "$d" 10
ok "digits choose the signal number"
quit
new_server
# The checklist of several targets: n cancels (it does not untick all).
sleep 305 &
e=$!
sleep 306 &
f=$!
tui_start -p "$e,$f" -d 0.5
wait_row "$e"
wait_row "$f"
keys Space Space
wait_for "2 tagged"
keys k
wait_for "Send signal to 2 processes"
keys Enter
wait_for "y / Enter: send to the ticked +n / Esc: cancel"
keys n
wait_for "kill: cancelled; nothing sent"
kill -0 "$e" && kill -0 "$f" || fail "n in the checklist signalled"
kill "$e" "$f"
ok "n cancels the checklist"
quit
echo "all passed"
