# Renice (F7 / F8 / n), affinity (a) and policy (Y) from the TUI on a
# 4-thread child: ps -L, taskset and chrt agree for every thread; from the
# thread screen, F8 changes one thread only.
. "$(dirname "$0")/lib.sh"

start_threads 4
v=$KID
nices() { ps -L -o nice= -p "$v" | tr -d ' ' | sort -u | tr '\n' ' '; }
tui_start -p "$v" -d 0.5
wait_row "$v"

keys F8
wait_for "renice $v to 1: done \(4 threads\)"
[ "$(nices)" = "1 " ] || fail "after F8 the threads' nice is '$(nices)'"
ok "F8: every thread at 1"
keys F7
wait_for "renice $v to 0: done \(4 threads\)"
[ "$(nices)" = "0 " ] || fail "after F7 the threads' nice is '$(nices)'"
ok "F7: every thread at 0"
# htop's keys: [ lowers the priority (nice +1), ] raises it (nice -1).
keys [
wait_for "renice $v to 1: done \(4 threads\)"
[ "$(nices)" = "1 " ] || fail "after [ the threads' nice is '$(nices)'"
# The prompt shows the current value (1) selected: typing 5 replaces it
# (appending would give 15).
keys n
wait_for "Nice value \(-20..19\) for $v:"
type_text 5
keys Enter
wait_for "renice $v to 5: done \(4 threads\)"
ok "n 5 replaces the current 1 (not 15)"
keys ]
wait_for "renice $v to 4: done \(4 threads\)"
[ "$(nices)" = "4 " ] || fail "after ] the threads' nice is '$(nices)'"
ok "[ and ]: nice +1 and -1"

keys n
wait_for "Nice value \(-20..19\) for $v:"
keys C-u
type_text 7
keys Enter
wait_for "renice $v to 7: done \(4 threads\)"
[ "$(nices)" = "7 " ] || fail "after n 7 the threads' nice is '$(nices)'"
ok "n 7: every thread at 7"
keys n
wait_for "Nice value"
keys C-u
type_text abc
keys Enter
wait_for "renice: 'abc' is not a nice value from -20 to 19"
ok "bad nice value explained"

# Affinity: only CPU 0.
keys a
wait_for "CPU affinity of $v"
wait_for "\[x\] CPU 0"
keys n
wait_for "\[ \] CPU 0"
keys Space
wait_for "\[x\] CPU 0"
keys Enter
wait_for "affinity of $v to CPU 0: done \(4 threads\)"
for t in /proc/"$v"/task/*; do
	tid=$(basename "$t")
	[ "$(taskset -p "$tid" | sed 's/.*: //')" = 1 ] || fail "taskset -p $tid: $(taskset -p "$tid")"
	[ "$(awk '/^Cpus_allowed_list:/ {print $2}' "$t/status")" = 0 ] ||
		fail "thread $tid Cpus_allowed_list: $(grep Cpus_allowed_list "$t/status")"
done
ok "every thread pinned to CPU 0"
# The checklist shows the current mask.
keys a
wait_for "\[x\] CPU 0"
screen | grep -q "\[ \] CPU 1" || [ "$(nproc)" -eq 1 ] || fail "CPU 1 ticked although not in the mask"
keys Escape

# Policy: SCHED_BATCH (the menu names the current one).
keys Y
wait_for "Policy of $v \(now SCHED_OTHER\)"
keys Down Enter
wait_for "policy of $v to SCHED_BATCH: done \(4 threads\)"
for t in /proc/"$v"/task/*; do
	tid=$(basename "$t")
	[ "$(chrt -p "$tid" | sed -n 's/.*policy: //p')" = SCHED_BATCH ] ||
		fail "chrt -p $tid: $(chrt -p "$tid")"
done
ok "every thread SCHED_BATCH"
keys Y
wait_for "Policy of $v \(now SCHED_BATCH\)"
# FIFO 10 with reset-on-fork.
keys End Enter
wait_for "\[x\] reset on fork"
keys Up Up Enter
wait_for "Real-time priority \(1..99\):"
keys C-u
type_text 10
keys Enter
wait_for "policy of $v to SCHED_FIFO 10 \(reset on fork\): done \(4 threads\)"
[ "$(chrt -p "$v" | sed -n 's/.*policy: //p')" = "SCHED_FIFO|SCHED_RESET_ON_FORK" ] ||
	fail "chrt -p $v: $(chrt -p "$v")"
[ "$(chrt -p "$v" | sed -n 's/.*priority: //p')" = 10 ] || fail "chrt -p $v: $(chrt -p "$v")"
ok "FIFO 10 with reset-on-fork"
keys Y
wait_for "Policy of $v \(now SCHED_FIFO 10\)"
# The reset-on-fork flag shown ticked is kept unless toggled.
keys Home Enter
wait_for "policy of $v to SCHED_OTHER \(reset on fork\): done \(4 threads\)"
[ "$(chrt -p "$v" | sed -n 's/.*policy: //p')" = "SCHED_OTHER|SCHED_RESET_ON_FORK" ] ||
	fail "chrt -p $v: $(chrt -p "$v")"
ok "back to OTHER"

# Thread screen: F8 on the second thread changes that thread only.
keys o
wait_for "Threads of $v"
keys Down
sleep 0.3
keys F8
wait_for "renice thread [0-9]+ to 8: done"
tid=$(screen | sed -n "s/.*renice thread \([0-9]*\) to 8: done.*/\1/p" | head -1)
[ -n "$tid" ] && [ "$tid" != "$v" ] || fail "F8 on the thread screen acted on '$tid'"
got=$(ps -L -o tid=,nice= -p "$v" | awk -v t="$tid" '$1 == t {print $2}')
[ "$got" = 8 ] || fail "thread $tid nice is '$got'"
others=$(ps -L -o tid=,nice= -p "$v" | awk -v t="$tid" '$1 != t {print $2}' | sort -u)
[ "$others" = 7 ] || fail "the other threads' nice is '$others'"
ok "per-thread renice"
keys Escape
quit
echo "all passed"
