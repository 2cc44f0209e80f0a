# A child spinning on one CPU shows 100 +- 10 % CPU.
#
# The kernel's own tick count is the truth: the test reads the child's
# utime+stime around proctop's run.  On a machine too busy to give the child
# a whole CPU, proctop must agree with that measured share instead.
. "$(dirname "$0")/lib.sh"

start_children spin
PID=${PIDS[spin]}
HZ=$(getconf CLK_TCK)

ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$PID/stat"; }
now() { awk '{ print $1 }' /proc/uptime; }

for attempt in 1 2 3; do
	t0=$(ticks) s0=$(now)
	"$PROCTOP" -b -n 2 -d 1 --format json -p "$PID" -o pid,cpu \
		>"$TMP/out.json" 2>"$TMP/err"
	rc=$?
	t1=$(ticks) s1=$(now)
	[ "$rc" -eq 0 ] || { fail "proctop exit $rc: $(cat "$TMP/err")"; break; }
	verdict=$(python3 - "$TMP/out.json" "$t0" "$t1" "$s0" "$s1" "$HZ" <<'PY'
import json, sys
f, t0, t1, s0, s1, hz = sys.argv[1:]
lines = open(f).read().splitlines()
cpu = json.loads(lines[-1])["processes"][0]["cpu_pct"]
truth = (float(t1) - float(t0)) / int(hz) / (float(s1) - float(s0)) * 100
if 90 <= cpu <= 110:
    print("ok %.1f %.1f" % (cpu, truth))
elif truth < 90 and abs(cpu - truth) <= 15:
    print("busy %.1f %.1f" % (cpu, truth))
else:
    print("bad %.1f %.1f" % (cpu, truth))
PY
)
	read -r v cpu truth <<<"${verdict:-bad - -}"
	case $v in
	ok)   ok "spinner at $cpu % CPU (kernel: $truth %)"; break ;;
	busy) ok "machine busy: proctop $cpu % vs kernel $truth %"; break ;;
	*)    echo "attempt $attempt: proctop $cpu %, kernel $truth %" ;;
	esac
	[ "$attempt" -lt 3 ] || fail "spinner CPU: proctop $cpu %, kernel $truth %"
done
finish
