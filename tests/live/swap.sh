# A child's 32 MiB pushed to swap shows in its SWAP column (root, swapon).
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
finish
