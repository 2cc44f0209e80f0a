# Permissions: the actions API run as nobody against a root-owned child
# (and its own child) fails with the message naming the capability, and
# changes nothing; root without CAP_KILL is told the same.
. "$(dirname "$0")/common.sh"
need_root
command -v setpriv >/dev/null || skip "setpriv not installed"
NB=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
"${NB[@]}" true 2>/dev/null || skip "setpriv cannot switch to nobody here"
PD=$(public_driver)

sleep 300 &
root_kid=$!
nice0=$(ps -o nice= -p "$root_kid" | tr -d ' ')

out=$("${NB[@]}" "$PD" kill "$root_kid" now TERM)
expect_eq "kill as nobody" "$out" \
	"kill $root_kid: operation not permitted — needs CAP_KILL or the same user"
out=$("${NB[@]}" "$PD" --check kill "$root_kid" now TERM)
expect_eq "may-I kill as nobody" "$out" \
	"kill $root_kid: operation not permitted — needs CAP_KILL or the same user"
out=$("${NB[@]}" "$PD" renice "$root_kid" now -5)
expect_eq "renice -5 of root's process as nobody" "$out" \
	"renice $root_kid to -5: operation not permitted — another user's process needs CAP_SYS_NICE"
out=$("${NB[@]}" "$PD" affinity "$root_kid" now 0)
expect_eq "affinity as nobody" "$out" \
	"affinity of $root_kid to CPU 0: operation not permitted — another user's process needs CAP_SYS_NICE"
out=$("${NB[@]}" "$PD" sched "$root_kid" now batch)
expect_eq "policy as nobody" "$out" \
	"policy of $root_kid to SCHED_BATCH: operation not permitted — another user's process needs CAP_SYS_NICE"
if kill -0 "$root_kid" 2>/dev/null; then ok "root child alive"; else fail "root child was killed"; fi
expect_eq "root child nice unchanged" "$(ps -o nice= -p "$root_kid" | tr -d ' ')" "$nice0"
expect_eq "root child policy unchanged" \
	"$(chrt -p "$root_kid" | sed -n 's/.*policy: //p')" SCHED_OTHER

# nobody's own process: lowering nice is what is refused.
"${NB[@]}" sleep 300 &
own_kid=$!
for ((i = 0; i < 100; i++)); do
	[ "$(stat -c %u "/proc/$own_kid" 2>/dev/null)" = 65534 ] &&
		[ "$(cat "/proc/$own_kid/comm")" = sleep ] && break
	sleep 0.05
done
out=$("${NB[@]}" "$PD" renice "$own_kid" now -5)
expect_eq "renice -5 of own process as nobody" "$out" \
	"renice $own_kid to -5: permission denied — lowering nice needs CAP_SYS_NICE"
expect_eq "own child nice unchanged" "$(ps -o nice= -p "$own_kid" | tr -d ' ')" 0
out=$("${NB[@]}" "$PD" sched "$own_kid" now fifo 5)
expect_eq "FIFO as nobody" "$out" \
	"policy of $own_kid to SCHED_FIFO 5: operation not permitted — real-time policies need CAP_SYS_NICE or RLIMIT_RTPRIO"
out=$("${NB[@]}" "$PD" renice "$own_kid" now 4)
expect_eq "raising nice of own process works" "$out" "renice $own_kid to 4: done (1 thread)"

# Root without CAP_KILL (what --drop-capabilities=strict leaves) killing
# nobody's process: the same explanation.
out=$(setpriv --bounding-set=-kill --inh-caps=-all "$PD" kill "$own_kid" now TERM)
expect_eq "kill as root without CAP_KILL" "$out" \
	"kill $own_kid: operation not permitted — needs CAP_KILL or the same user"
if kill -0 "$own_kid" 2>/dev/null; then ok "nobody's child alive"; else fail "nobody's child was killed"; fi

# ASCII locale spelling of the dash.
out=$("${NB[@]}" "$PD" --ascii kill "$root_kid" now TERM)
expect_eq "ascii message" "$out" \
	"kill $root_kid: operation not permitted - needs CAP_KILL or the same user"
finish
