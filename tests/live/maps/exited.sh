# proctop -b --maps PID -n N on a process that exits part way: the reports
# before stop with "process exited" and status 1 (the pid is never read
# again as if it were the same process), and every report's heading names
# the process whose map is under it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

# a child with a recognisable command line, killed after a few reports
bash -c 'exec -a proctop-exit-probe sleep 600' </dev/null &
PID=$!
on_exit "kill $PID 2>/dev/null; wait $PID 2>/dev/null"
# wait until it sleeps: the new command line shows before execve has set
# the rest of the new image up (start_code, brk...), and a map read in that
# window is rightly called "exec'd during the read"
for ((i = 0; i < 250; i++)); do
	grep -q proctop-exit-probe "/proc/$PID/cmdline" 2>/dev/null &&
		[ "$(sed 's/.*) //' "/proc/$PID/stat" 2>/dev/null | cut -c1)" = S ] &&
		break
	sleep 0.02
done

"$PROCTOP" -b --maps "$PID" -n 50 -d 0.1 >"$TMP/out.txt" 2>"$TMP/err.txt" &
RUN=$!
on_exit "kill $RUN 2>/dev/null"
# wait for two reports, then end the process (reaped, so the pid is free)
for ((i = 0; i < 200; i++)); do
	[ "$(grep -c '^[0-9]*:   ' "$TMP/out.txt")" -ge 2 ] && break
	sleep 0.02
done
kill $PID
wait $PID 2>/dev/null
wait $RUN
rc=$?
nrep=$(grep -c '^[0-9]*:   ' "$TMP/out.txt")
check "proctop exits 1 once the process has exited ($rc)" [ $rc -eq 1 ]
check "it says the process exited ($(head -c 200 "$TMP/err.txt"))" \
	grep -Eqx "proctop: --maps $PID: (process exited|incomplete: process exited during the read)" "$TMP/err.txt"
check "reports were printed before it exited ($nrep)" [ "$nrep" -ge 2 ]
check "it stopped before the 50 reports ($nrep)" [ "$nrep" -lt 50 ]
check "every heading names the process" \
	[ "$(grep -c "^$PID:   proctop-exit-probe 600\$" "$TMP/out.txt")" -eq "$nrep" ]
check "no heading names another process" \
	[ "$(grep -c '^[0-9]*:   ' "$TMP/out.txt")" -eq "$nrep" ]

# a process that stays: every report, status 0
"$PROCTOP" -b --maps $$ -n 2 -d 0.1 --format json >"$TMP/self.json" \
	2>"$TMP/err.self"
check "--maps on a living process exits 0" [ $? -eq 0 ]
check "a process that stays gives all its reports" \
	[ "$(wc -l <"$TMP/self.json")" -eq 2 ]
finish
