#!/bin/bash
# H shows the 3 threads of the threaded child under it; its thread screen
# (T, or Enter) lists the 3 threads and the main thread: 4 TIDs, the same
# as /proc/PID/task.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
pid=$KID_pt_threads
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-threads --child'
tui_screen | grep -q 'pt-thr-' && tui_fail "threads shown before H"
tui_keys H
tui_wait 'pt-thr-3'
n=$(tui_screen | grep -c 'pt-thr-[123]')
[ "$n" = 3 ] || tui_fail "expected 3 thread rows, got $n"
# o on a thread row opens its process's threads with that thread selected
tid2=$(grep -lx pt-thr-2 /proc/$pid/task/*/comm | head -1 | cut -d/ -f5)
tui_keys /
tui_type pt-thr-2
tui_keys Enter o
tui_wait "Threads of $pid"
tui_keys d
tui_wait "Details of $tid2 "
tui_keys Escape
tui_wait "Threads of $pid"
tui_keys Escape
tui_wait 'pt-thr-3'
tui_keys H
tui_wait_gone 'pt-thr-'
# Thread screen of the threaded child.
tui_keys /
tui_type pt-threads
tui_keys Enter o
tui_wait "Threads of $pid \(pt-threads\): 4"
for task in /proc/$pid/task/*; do
	tid=${task##*/}
	tui_wait "^ *$tid .*(pt-thr-|pt-threads)"
done
n=$(tui_screen | grep -Ec '^ *[0-9]+ +[RSDTtZI] .*(pt-thr-[123]|pt-threads)')
[ "$n" = 4 ] || tui_fail "expected 4 TIDs on the thread screen, got $n"
# every sample reads them: from the second one on each thread has a CPU%
# (against the sample before, which had them too), not "-"
for task in /proc/$pid/task/*; do
	tui_wait "^ *${task##*/} +[RSDTtZI] +[0-9]+\.[0-9] "
done
# sorting as on the list: P by CPU%, T by TIME+, N by TID, F6 a menu
tui_keys P
tui_wait ' CPU%(▼|v) '
tui_keys T
tui_wait ' TIME\+(▼|v) '
tui_keys F6
tui_wait 'Sort threads by'
tui_keys Escape
tui_wait_gone 'Sort threads by'
tui_keys N
tui_wait ' TID(▲|\^) '
# d on a thread row (Down from the main thread, where the screen
# starts): the details of that thread, not of its process.
tui_keys Down d
tui_wait "Details of [0-9]+ "
tui_screen | grep -Eq "^PID / TGID +[0-9]+ / $pid" ||
	tui_fail "no PID / TGID line for the thread"
tui_screen | grep -Eq "^PID / TGID +$pid / $pid" &&
	tui_fail "d on a thread row opened the process's details"
# and the figures are the thread's own (task/TID/stat), not its
# process's totals (/proc/TID/stat): minor faults of an idle thread
tsel=$(tui_screen | sed -nE 's/.*Details of ([0-9]+) .*/\1/p' | head -1)
want=$(awk '{ print $10 }' "/proc/$pid/task/$tsel/stat")
tui_wait "^Faults +minor $want,"
tui_wait "^CPU time +[0-9]+:[0-9]{2}\.[0-9]{2} \(user [0-9:.]+, system [0-9:.]+\)"
tui_keys Escape
tui_wait "Threads of $pid"
tui_keys Escape
tui_wait 'pt-sleep-a'
# Enter opens the same screen (through the Enter menu when it has more
# than one entry: Threads is the first; its title names the process).
tui_keys Enter
for i in $(seq 1 100); do
	tui_screen | grep -Eq "Threads of $pid|Open $pid \(pt-sleep-a\)" && break
	sleep 0.05
done
tui_screen | grep -q "Threads of $pid" || tui_keys Enter
tui_wait "Threads of $pid"
tui_keys q
tui_wait 'pt-sleep-a'
tui_quit
echo "ok"
