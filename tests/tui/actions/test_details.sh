# The details screen (i, and Enter -> Details) of a child started as
# nobody with a known capability set: ids, users, state, exe, OOM score,
# and the capability sets decoded to names; an exited process keeps its
# last details, marked.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root (setpriv to nobody with capabilities)"
command -v setpriv >/dev/null || skip "setpriv not installed"

setpriv --reuid=nobody --regid=nogroup --clear-groups \
	--inh-caps=+net_raw,+kill --ambient-caps=+net_raw,+kill sleep 300 &
v=$!
for ((i = 0; i < 100; i++)); do
	[ "$(cat "/proc/$v/comm" 2>/dev/null)" = sleep ] && break
	sleep 0.05
done
tui_start -p "$v" -d 0.5
wait_row "$v"
keys d
wait_for "Details of $v \(sleep\)"
pgid=$(ps -o pgid= -p "$v" | tr -d ' ')
sid=$(ps -o sid= -p "$v" | tr -d ' ')
ppid=$(ps -o ppid= -p "$v" | tr -d ' ')
wait_for "^PID / TGID +$v / $v"
wait_for "^PPID +$ppid"
wait_for "^PGID / SID +$pgid / $sid"
wait_for "^State +S \(sleeping\)"
wait_for "^User +real 65534 \(nobody\), effective 65534 \(nobody\), saved 65534 \(nobody\)"
wait_for "^Group +real 65534, effective 65534, saved 65534"
wait_for "^Started +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} \(running"
wait_for "^Command +sleep 300"
# the memory block (status, smaps_rollup, the cgroup's charge)
wait_for "^Memory +VIRT [0-9.]+[KMGT] +RES [0-9.]+[KMGT] +SHR [0-9.]+[KMGT] +SWAP [0-9.]+[KMGT]$"
wait_for "^  resident +RssAnon [0-9.]+[KMGT] +RssFile [0-9.]+[KMGT] +RssShmem [0-9.]+[KMGT]$"
wait_for "^  shared out +PSS [0-9.]+[KMGT] +USS [0-9.]+[KMGT] +SwapPss [0-9.]+[KMGT]$"
cg=$(sed -n 's/^0:://p' "/proc/$v/cgroup")
cg1=$(sed -nE 's/^[0-9]+:([^:]*,)?memory(,[^:]*)?://p' "/proc/$v/cgroup")
if [ -r "/sys/fs/cgroup$cg/memory.current" ]; then
	wait_for "^  cgroup +memory.current [0-9.]+[KMGT] +memory.max "
elif [ -n "$cg1" ] && [ -r "/sys/fs/cgroup/memory$cg1/memory.usage_in_bytes" ]; then
	wait_for "^  cgroup +memory usage [0-9.]+[KMGT] +limit ([0-9.]+[KMGT]|max \(no limit\)) \(v1\)"
else
	echo "note: no readable cgroup memory files; cgroup line not checked"
fi
wait_for "^Exe +$(readlink -f "$(command -v sleep)")"
wait_for "^Cwd +$(readlink "/proc/$v/cwd")"
wait_for "^Nice +0 \(priority 20\)"
wait_for "^Policy +SCHED_OTHER, RT priority 0"
wait_for "^Affinity +$(awk '/^Cpus_allowed_list:/ {print $2}' "/proc/$v/status")"
wait_for "^Threads +1"
wait_for "^OOM +score $(cat "/proc/$v/oom_score"), adj 0"
wait_for "^Cgroup +"
wait_for "^Capabilities"
wait_for "^  effective +cap_kill,cap_net_raw$"
wait_for "^  permitted +cap_kill,cap_net_raw$"
wait_for "^  inheritable +cap_kill,cap_net_raw$"
wait_for "^  ambient +cap_kill,cap_net_raw$"
wait_for "^  bounding +all"
ok "details lines"

# The process exits: its last details stay, marked.
kill "$v"
wait "$v" 2>/dev/null
wait_for "Details of $v \(sleep\): exited, last details shown"
ok "exited process marked"
keys Escape
quit
new_server

# Enter -> Details.
sleep 300 &
v=$!
tui_start -p "$v" -d 0.5
wait_row "$v"
keys Enter
wait_for "Details"
keys Down Enter
wait_for "Details of $v \(sleep\)"
wait_for "^  effective +all"
ok "Enter menu opens the details"
keys q
wait_for "^ *$v root"
quit
kill "$v"
wait "$v" 2>/dev/null
new_server

# A kernel thread: [comm] as its command, no user address space.
tui_start -p 2 -d 0.5
wait_row 2
keys d
wait_for "Details of 2 \(kthreadd\)"
wait_for "^Command +\[kthreadd\]$"
wait_for "^Memory +- \(no user address space\)"
ok "kernel thread details"
keys q
quit
new_server

# A zombie: not "running"; comm <defunct> as its command.
bash -c 'sleep 0.05 & exec sleep 300' &
zp=$!
z=
for ((i = 0; i < 100; i++)); do
	z=$(pgrep -P "$zp")
	[ -n "$z" ] && [ "$(awk '{print $3}' "/proc/$z/stat" 2>/dev/null)" = Z ] && break
	sleep 0.05
done
[ -n "$z" ] || fail "no zombie"
tui_start -p "$z" -d 0.5
wait_row "$z"
keys d
wait_for "Details of $z \(sleep\)"
wait_for "^Started +[0-9-]+ [0-9:]+ \(exited; started [0-9:]+ ago\)"
wait_for "^Command +sleep <defunct>"
screen | grep -q "(running" && fail "a zombie shown as running"
ok "zombie details"
keys q
quit
kill "$zp"
wait "$zp" 2>/dev/null
echo "all passed"
