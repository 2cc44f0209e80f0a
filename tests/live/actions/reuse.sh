# PID reuse: inside a new pid namespace, the target exits and a new
# process is given its pid (ns_last_pid) before the action is confirmed:
# nothing is signalled, reniced, pinned or rescheduled, and the result
# says the target exited.
. "$(dirname "$0")/common.sh"
need_root
command -v unshare >/dev/null || skip "unshare not installed"
unshare -pf --mount-proc true 2>/dev/null ||
	skip "unshare -pf --mount-proc is not permitted here"

# The part that runs as pid 1 of the new namespace.  It prints ok/FAIL
# lines the outer test counts.
cat >"$TMP/inner.sh" <<'INNER'
DRV=$1
say() { echo "$1: $2"; }
sleep 300 &
old=$!
st=$("$DRV" starttime "$old")
kill "$old"
wait "$old"
# Start times count clock ticks: make sure the next process's differs.
sleep 0.1
echo $((old - 1)) >/proc/sys/kernel/ns_last_pid || { say FAIL "cannot write ns_last_pid"; exit 0; }
sleep 300 &
new=$!
if [ "$new" != "$old" ]; then
	say FAIL "setup: the new process got pid $new, not $old"
	exit 0
fi
nst=$("$DRV" starttime "$new")
[ "$nst" != "$st" ] || { say FAIL "setup: same start time $st"; exit 0; }
say ok "pid $old reused (start time $st -> $nst)"

check_msg() {   # WHAT GOT WANT
	if [ "$2" = "$3" ]; then say ok "$1"; else say FAIL "$1: got '$2', want '$3'"; fi
}
aff0=$(taskset -p "$new")
out=$("$DRV" kill "$old" "$st" KILL)
check_msg "kill refused" "$out" "process $old exited; nothing sent"
out=$("$DRV" renice "$old" "$st" 9)
check_msg "renice refused" "$out" "process $old exited; nothing changed"
out=$("$DRV" affinity "$old" "$st" 0)
check_msg "affinity refused" "$out" "process $old exited; nothing changed"
out=$("$DRV" sched "$old" "$st" batch)
check_msg "policy refused" "$out" "process $old exited; nothing changed"
out=$("$DRV" --check kill "$old" "$st" KILL)
check_msg "may-I refused" "$out" "process $old exited; nothing sent"

if kill -0 "$new" 2>/dev/null && [ "$(ps -o stat= -p "$new" | cut -c1)" = S ]; then
	say ok "new process alive and sleeping"
else
	say FAIL "new process was signalled"
fi
check_msg "new process nice untouched" "$(ps -o nice= -p "$new" | tr -d ' ')" 0
check_msg "new process affinity untouched" "$(taskset -p "$new")" "$aff0"
check_msg "new process policy untouched" \
	"$(chrt -p "$new" | sed -n 's/.*policy: //p')" SCHED_OTHER
kill "$new"
wait "$new"
INNER

unshare -pf --mount-proc bash "$TMP/inner.sh" "$DRV" >"$TMP/inner.out" 2>&1
cat "$TMP/inner.out"
PASSES=$((PASSES + $(grep -c '^ok:' "$TMP/inner.out")))
FAILS=$((FAILS + $(grep -c '^FAIL:' "$TMP/inner.out")))
[ "$(grep -c '^ok:' "$TMP/inner.out")" -ge 10 ] || fail "the namespace part did not run every check"
finish
