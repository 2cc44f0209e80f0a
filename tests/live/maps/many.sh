# A child with 60,000 mappings: proctop -b --maps finishes and lists them
# all (no timing assertion).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

max=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)
[ "$max" -ge 60100 ] || skip "vm.max_map_count is $max, below 60,100"

start_mapchild many 60000
PID=${CHILD[pid]}
kernel=$(wc -l <"/proc/$PID/maps")
echo "the kernel lists $kernel mappings"
check "the child has at least 60,000 mappings" [ "$kernel" -ge 60000 ]

start=$(date +%s.%N)
"$PROCTOP" -b --maps "$PID" --format csv >"$TMP/out.csv" 2>"$TMP/err"
rc=$?
end=$(date +%s.%N)
echo "--maps --format csv took $(echo "$end - $start" | bc 2>/dev/null || echo "?") s"
check "csv exits 0 ($(head -c 200 "$TMP/err"))" [ $rc -eq 0 ]
rows=$(($(wc -l <"$TMP/out.csv") - 2))
check "csv lists every mapping ($rows of $kernel)" [ "$rows" -eq "$kernel" ]
region=${CHILD[region]%% *}
check "the region's first page is listed" grep -q "^$region," "$TMP/out.csv"

"$PROCTOP" -b --maps "$PID" >"$TMP/out.txt" 2>"$TMP/err"
check "text exits 0" [ $? -eq 0 ]
check "text has the totals line" grep -q "KiB total" "$TMP/out.txt"
"$PROCTOP" -b --maps "$PID" --format json >"$TMP/out.json" 2>"$TMP/err"
check "json exits 0" [ $? -eq 0 ]
if command -v python3 >/dev/null; then
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["mappings"]))' "$TMP/out.json")
	check "json lists every mapping ($n)" [ "${n:-0}" -eq "$kernel" ]
fi
# a reader that stops early: quiet exit 0 (EPIPE)
"$PROCTOP" -b --maps "$PID" 2>"$TMP/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
check "a closed pipe ends quietly ($rc, $(head -c 100 "$TMP/err"))" [ $rc -eq 0 -a ! -s "$TMP/err" ]
finish
