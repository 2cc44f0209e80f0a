# Files that never end or never open: a FIFO, a symlink to /dev/zero and a
# symlink to /dev/urandom in place of each kind of file of a --proc-root
# tree.  Every batch mode must end within 2 s with either the table (an
# optional per-process file: its column shows "-") or one message naming
# the file and the cause (a system file proctop cannot do without).
. "$(dirname "$0")/lib.sh"

FIXTURE=$(dirname "$0")/../fixtures/proc
TREE=$TMP/proc
COLS=pid,state,res,shr,swap,pss,rbytes,nvcsw,cmd

# poison KIND FILE: a fresh copy of the fixture with FILE replaced.
poison() {
	rm -rf "$TREE"
	cp -a "$FIXTURE" "$TREE"
	rm -f "$TREE/$2"
	case $1 in
	fifo) mkfifo "$TREE/$2" ;;
	zero) ln -s /dev/zero "$TREE/$2" ;;
	urandom) ln -s /dev/urandom "$TREE/$2" ;;
	esac
}

# run_timed NAME CMD...: run CMD with a 10 s safety net; sets RC, MS.
run_timed() {
	local name=$1 t0 t1
	shift
	t0=$(date +%s%N)
	timeout -s KILL 10 "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	RC=$?
	t1=$(date +%s%N)
	MS=$(((t1 - t0) / 1000000))
	check "$name: ends within 2 s (took $MS ms, exit $RC)" in_time
}

in_time() {
	[ "$RC" -ne 137 ] && [ "$MS" -lt 2000 ]
}

cause() {  # the words fileread uses for each poison
	case $1 in
	fifo) echo 'not a regular file' ;;
	*) echo 'a symbolic link' ;;
	esac
}

# Optional per-process files: the process is listed, the column is "-".
for kind in fifo zero urandom; do
	for f in 200/statm 200/status 200/io 200/smaps_rollup 200/cmdline \
		200/task/201/stat 200/task/201/status; do
		poison $kind $f
		for fmt in text json csv; do
			run_timed "$kind $f $fmt" "$PROCTOP" -b -n 2 -d 0.1 \
				--proc-root "$TREE" --threads -o $COLS --format $fmt
			check "$kind $f $fmt: exit 0" [ "$RC" -eq 0 ]
			check "$kind $f $fmt: pid 200 listed" \
				grep -Eq '(^ *|"pid":|,)200[ ,]' "$TMP/out"
		done
	done
	# stat of a process: that process is skipped, the rest is listed
	poison $kind 200/stat
	run_timed "$kind 200/stat" "$PROCTOP" -b -n 2 -d 0.1 \
		--proc-root "$TREE" -o $COLS
	check "$kind 200/stat: exit 0" [ "$RC" -eq 0 ]
	check "$kind 200/stat: pid 300 still listed" grep -Eq '^ *300 ' "$TMP/out"
	check "$kind 200/stat: pid 200 skipped" \
		bash -c "! grep -Eq '^ *200 ' '$TMP/out'"
done

# System files: required ones stop the run with a message naming them.
for kind in fifo zero urandom; do
	for f in meminfo stat; do
		poison $kind $f
		for mode in text json csv memory; do
			if [ $mode = memory ]; then
				set -- --memory
			else
				set -- --format $mode
			fi
			run_timed "$kind $f $mode" "$PROCTOP" -b -n 2 -d 0.1 \
				--proc-root "$TREE" "$@"
			check "$kind $f $mode: exit 1" [ "$RC" -eq 1 ]
			check "$kind $f $mode: message names the file and cause" \
				grep -q "^proctop: cannot read $TREE/$f: $(cause $kind)" \
				"$TMP/err"
		done
	done
	# optional system files: the report goes on without them
	for f in vmstat loadavg uptime; do
		poison $kind $f
		run_timed "$kind $f" "$PROCTOP" -b -n 2 -d 0.1 --proc-root "$TREE"
		check "$kind $f: exit 0" [ "$RC" -eq 0 ]
		check "$kind $f: table printed" grep -Eq '^ *300 ' "$TMP/out"
	done
done

# Files larger than their cap: the cap trips, never the memory.
rm -rf "$TREE"
cp -a "$FIXTURE" "$TREE"
head -c $((8 * 1024 * 1024)) /dev/zero | tr '\0' 'x' >"$TREE/200/status"
run_timed "8 MiB status" "$PROCTOP" -b -n 1 --proc-root "$TREE" -o $COLS
check "8 MiB status: exit 0, pid 200 listed" grep -Eq '^ *200 ' "$TMP/out"
head -c $((8 * 1024 * 1024)) /dev/zero | tr '\0' 'm' >"$TREE/meminfo"
run_timed "8 MiB meminfo" "$PROCTOP" -b -n 1 --proc-root "$TREE"
check "8 MiB meminfo: exit 1" [ "$RC" -eq 1 ]
check "8 MiB meminfo: says the size limit" \
	grep -q "^proctop: cannot read $TREE/meminfo: larger than" "$TMP/err"

finish
