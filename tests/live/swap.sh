# A child's 32 MiB pushed to swap shows in its SWAP column (root, swapon)
# and among --memory's swap users with statm's RES.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root for swapon"
command -v mkswap >/dev/null && command -v swapon >/dev/null ||
	skip "mkswap/swapon not installed"

SWAPFILE=$(mktemp /var/tmp/proctop-swap.XXXXXX) || skip "no /var/tmp"
on_exit "swapoff '$SWAPFILE' 2>/dev/null; rm -f '$SWAPFILE'"
if ! dd if=/dev/zero of="$SWAPFILE" bs=1M count=128 status=none; then
	skip "cannot write a 128 MiB swapfile in /var/tmp"
fi
chmod 600 "$SWAPFILE"
mkswap "$SWAPFILE" >/dev/null 2>"$TMP/mkswap.err" ||
	skip "mkswap failed: $(head -1 "$TMP/mkswap.err")"
swapon "$SWAPFILE" 2>"$TMP/swapon.err" ||
	skip "swapon not permitted here: $(head -1 "$TMP/swapon.err")"

start_children swap32
PID=${PIDS[swap32]}
kernel=$(awk '/^VmSwap:/ { print $2 }' "/proc/$PID/status")
[ "${kernel:-0}" -ge 16384 ] ||
	skip "the kernel swapped out only ${kernel:-0} KiB (MADV_PAGEOUT ignored?)"

"$PROCTOP" -b -n 1 -d 0.1 --format json -p "$PID" -o pid,swap,res \
	>"$TMP/out.json" 2>"$TMP/err"
check "exit 0" [ $? -eq 0 ]
swap=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["processes"][0]["swap_kib"])' "$TMP/out.json")
echo "VmSwap: kernel $kernel KiB, proctop $swap KiB"
check "SWAP $swap KiB is 32 MiB +- 10 %" \
	test "${swap:-0}" -ge 29491 -a "${swap:-0}" -le 36045
check "SWAP equals VmSwap ($kernel KiB)" [ "${swap:-0}" -eq "$kernel" ]

# --memory's swap users: RES is statm's exact count, as the man page says
# and ps shows (stat field 24 can lag behind it), whatever the sort key.
page_kib=$(($(getconf PAGESIZE) / 1024))
for key in swap res; do
	"$PROCTOP" -b --memory -d 0.1 -s "$key" --format json \
		>"$TMP/mem-$key.json" 2>"$TMP/err"
	check "--memory -s $key exits 0" [ $? -eq 0 ]
	statm=$(($(awk '{ print $2 }' "/proc/$PID/statm") * page_kib))
	rss=$(ps -o rss= -p "$PID" | tr -d ' ')
	res=$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print([p for p in m["top_swap"] if p["pid"] == int(sys.argv[2])][0]["res_kib"])' \
		"$TMP/mem-$key.json" "$PID")
	echo "-s $key: RES proctop ${res:-?} KiB, statm $statm KiB, ps $rss KiB"
	check "--memory -s $key: RES ${res:-?} == statm $statm" \
		[ "${res:-x}" = "$statm" ]
	check "--memory -s $key: RES ${res:-?} == ps rss $rss" \
		[ "${res:-x}" = "$rss" ]
done
# the same row in text: sizes with their units, RES as units_size shows
# statm's count
"$PROCTOP" -b --memory -d 0.1 >"$TMP/mem.txt" 2>"$TMP/err"
row=$(grep -E "^ *$PID " "$TMP/mem.txt")
echo "text row: $row"
check "--memory text: the child's SWAP and RES carry units" \
	grep -qE "^ *$PID +[^ ]+ +[0-9.]+[KMG] +[0-9.]+[KMG] " <<<"$row"
finish
