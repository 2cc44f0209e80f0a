# The map race: a process with 40,000 mappings is killed (or made to exec)
# at a random moment while `proctop -b --maps PID --format csv` reads its
# map, 50 times (MAPS_RACE_RUNS: 25 in a sanitizer build).  The kernel ends smaps with a plain EOF once the mm is
# gone, so a cut-short read looks like a short map: proctop must never exit
# 0 with fewer mappings than the child had.  Exit 0 lists them all; exit 1
# prints nothing on stdout and says why on stderr.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

N=40000
RUNS=${MAPS_RACE_RUNS:-50}
EXECS=$((RUNS / 8))    # of the RUNS: the child execs instead of dying
max=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)
[ "$max" -ge $((N + 100)) ] || skip "vm.max_map_count is $max, below $((N + 100))"

now_us() {
	local t
	t=$(date +%s%N)
	echo $((t / 1000))
}

# rows FILE: data rows of a --maps csv (header and total line excluded)
rows() {
	local n
	n=$(wc -l <"$1")
	echo $((n > 2 ? n - 2 : 0))
}

# the read time of the whole map: the slower of two reads
start_mapchild many $N
PID=${CHILD[pid]}
full=$(wc -l <"/proc/$PID/maps")
read_us=0
for i in 1 2; do
	t0=$(now_us)
	"$PROCTOP" -b --maps "$PID" --format csv >"$TMP/full.csv" 2>"$TMP/err"
	rc=$?
	t=$(($(now_us) - t0))
	[ $t -gt $read_us ] && read_us=$t
done
check "a whole read exits 0 ($(head -c 200 "$TMP/err"))" [ $rc -eq 0 ]
check "a whole read lists every mapping ($(rows "$TMP/full.csv") of $full)" \
	[ "$(rows "$TMP/full.csv")" -eq "$full" ]
kill "$PID"
echo "reading $full mappings takes $((read_us / 1000)) ms"

complete=0 incomplete=0 other=0 bad=0 execd_new=0 exec_cut=0 slowest=0
for ((run = 0; run < RUNS; run++)); do
	exec_run=$((run % 8 == 7 ? 1 : 0))
	start_mapchild many $N
	PID=${CHILD[pid]}
	have=$(wc -l <"/proc/$PID/maps")
	# a random moment in the read (proctop's start-up included)
	delay=$((RANDOM * read_us / 32767))
	t0=$(now_us)
	timeout 10 "$PROCTOP" -b --maps "$PID" --format csv >"$TMP/out.csv" \
		2>"$TMP/err" &
	RUN=$!
	sleep "$((delay / 1000000)).$(printf %06d $((delay % 1000000)))"
	if [ $exec_run -eq 1 ]; then
		kill -USR1 "$PID"
	else
		kill -9 "$PID"
		wait "$PID" 2>/dev/null
	fi
	wait $RUN
	rc=$?
	t=$(($(now_us) - t0))
	[ $t -gt $slowest ] && slowest=$t
	got=$(rows "$TMP/out.csv")
	msg=$(head -c 300 "$TMP/err")
	if [ $exec_run -eq 1 ]; then
		# the new image (mapchild sleep), once it is ready
		for ((i = 0; i < 100; i++)); do
			[ "$(wc -l <"/proc/$PID/maps" 2>/dev/null || echo 0)" -lt $N ] && break
			sleep 0.02
		done
		new=$(wc -l <"/proc/$PID/maps" 2>/dev/null || echo 0)
		kill -9 "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	if [ $rc -eq 0 ] && [ "$got" -eq "$have" ]; then
		complete=$((complete + 1))
	elif [ $rc -eq 0 ] && [ $exec_run -eq 1 ] && [ "$got" -lt 100 ] &&
			[ "$got" -gt 0 ]; then
		# read after the exec: the new image's whole (small) map
		execd_new=$((execd_new + 1))
	elif [ $rc -eq 1 ] && [ ! -s "$TMP/out.csv" ] &&
			[[ $msg == "proctop: --maps $PID: incomplete: process "* ]]; then
		incomplete=$((incomplete + 1))
		if [ $exec_run -eq 1 ]; then
			exec_cut=$((exec_cut + 1))
			check "an exec mid-read says so ($msg)" \
				[ "$msg" = "proctop: --maps $PID: incomplete: process exec'd during the read" ]
		else
			check "a kill mid-read says the process exited ($msg)" \
				[ "$msg" = "proctop: --maps $PID: incomplete: process exited during the read" ]
		fi
	elif [ $rc -eq 1 ] && [ ! -s "$TMP/out.csv" ] &&
			[[ $msg =~ ^proctop:\ --maps\ $PID:\ (no\ such\ process|process\ exited|pid\ $PID\ is\ a\ zombie) ]]; then
		other=$((other + 1))    # gone before the read began
	else
		bad=$((bad + 1))
		echo "run $run (exec $exec_run, kill after $((delay / 1000)) ms): exit $rc, $got of $have mappings, stderr: $msg"
	fi
done
echo "$RUNS runs: $complete complete (exit 0, all mappings), $incomplete incomplete (exit 1), $other gone before the read, $execd_new read after the exec; of the $EXECS exec runs $exec_cut were cut short; slowest $((slowest / 1000)) ms"
check "never exit 0 with a partial map, never an unexplained failure ($bad)" [ $bad -eq 0 ]
check "no run hung (slowest $((slowest / 1000)) ms, timeout 10 s)" [ $slowest -lt 10000000 ]
[ $incomplete -gt 0 ] || echo "note: no kill landed during a read this time"
finish
