# --maps of a root process run as nobody: EACCES becomes a clear message
# naming what is needed (ptrace read access / CAP_SYS_PTRACE), status 1,
# and no table.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to run a child as root and proctop as nobody"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
id nobody >/dev/null 2>&1 || skip "no user nobody"
group=nogroup
getent group nogroup >/dev/null || group=nobody
getent group "$group" >/dev/null || skip "no group nogroup/nobody"
as_nobody() {
	setpriv --reuid=nobody --regid="$group" --clear-groups "$@"
}
as_nobody test -x "$PROCTOP" ||
	skip "nobody cannot run $PROCTOP (a directory above it is not searchable)"

start_mapchild sleep
PID=${CHILD[pid]}

as_nobody "$PROCTOP" -b --maps "$PID" >"$TMP/out" 2>"$TMP/err"
rc=$?
echo "stderr: $(cat "$TMP/err")"
check "exit status 1 ($rc)" [ $rc -eq 1 ]
check "nothing on stdout" [ ! -s "$TMP/out" ]
check "the message says permission denied" grep -q "permission denied" "$TMP/err"
check "the message names CAP_SYS_PTRACE" grep -q "CAP_SYS_PTRACE" "$TMP/err"
check "the message names ptrace access" grep -q "ptrace" "$TMP/err"
check "the message names the pid" grep -q -- "--maps $PID" "$TMP/err"
check "the message is one line" [ "$(wc -l <"$TMP/err")" -eq 1 ]

for fmt in json csv; do
	as_nobody "$PROCTOP" -b --maps "$PID" --format "$fmt" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "--format $fmt: exit 1, no output" [ $rc -eq 1 -a ! -s "$TMP/out" ]
done

# nobody's own view of the memory report works
as_nobody "$PROCTOP" -b --memory -d 0.1 >"$TMP/mem" 2>"$TMP/err"
check "--memory as nobody exits 0 ($(head -c 200 "$TMP/err"))" [ $? -eq 0 ]
check "--memory as nobody prints the memory section" grep -q "^Memory (KiB)" "$TMP/mem"
finish
