# Kill through the actions API: SIGTERM and a real-time signal reach our
# own children (we reap them and check the signal), a stale start time
# sends nothing, read-only refuses.
. "$(dirname "$0")/common.sh"

# SIGTERM: the child dies of it (bash reports 128 + signo).
start_threads 1
out=$("$DRV" kill "$KID" now TERM)
expect_eq "kill message" "$out" "kill $KID: SIGTERM sent"
wait "$KID" 2>/dev/null
expect_eq "child terminated by SIGTERM" "$?" "$((128 + 15))"

# A real-time signal by name (SIGRTMIN+1 is 35 with glibc).
start_threads 2
out=$("$DRV" kill "$KID" now RTMIN+1)
expect_eq "RT signal message" "$out" "kill $KID: SIGRTMIN+1 sent"
wait "$KID" 2>/dev/null
expect_eq "child terminated by SIGRTMIN+1" "$?" "$((128 + 35))"

# The start time the user saw is not the current one: nothing is sent.
start_threads 1
st=$("$DRV" starttime "$KID")
out=$("$DRV" kill "$KID" "$((st + 1))" KILL)
rc=$?
expect_eq "stale start time message" "$out" "process $KID exited; nothing sent"
expect_eq "stale start time fails" "$rc" 1
if kill -0 "$KID" 2>/dev/null; then ok "child untouched"; else fail "child was signalled"; fi

# Read-only: refused, child untouched.
out=$("$DRV" --readonly kill "$KID" now KILL)
expect_eq "read-only message" "$out" \
	"kill $KID: disabled — proctop is read-only (--readonly)"
if kill -0 "$KID" 2>/dev/null; then ok "read-only: child untouched"; else fail "read-only: child was signalled"; fi

# A thread id is not a process: nothing sent, said so.
start_threads 3
tid=$(ls "/proc/$KID/task" | sort -n | tail -1)
out=$("$DRV" kill "$tid" now KILL)
expect_eq "thread id refused" "$out" \
	"kill $tid: invalid argument — signals go to whole processes, not threads"
if kill -0 "$KID" 2>/dev/null; then ok "threaded child untouched"; else fail "threaded child was signalled"; fi
kill "$KID"
wait "$KID" 2>/dev/null
start_threads 1
st=$("$DRV" starttime "$KID")

# A process that is gone.
kill "$KID"
wait "$KID" 2>/dev/null
out=$("$DRV" kill "$KID" "$st" TERM)
expect_eq "exited message" "$out" "process $KID exited; nothing sent"
finish
