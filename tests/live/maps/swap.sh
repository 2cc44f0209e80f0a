# 32 MiB of a child pushed to a temporary swapfile with MADV_PAGEOUT shows
# in the mapping's Swap (--maps), the process's SWAP column, the memory
# report's swap used and its top swap users.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root for swapon"
command -v mkswap >/dev/null && command -v swapon >/dev/null ||
	skip "mkswap/swapon not installed"
command -v python3 >/dev/null || skip "python3 not installed"

SWAPFILE=$(mktemp /var/tmp/proctop-maps-swap.XXXXXX) || skip "no /var/tmp"
on_exit "swapoff '$SWAPFILE' 2>/dev/null; rm -f '$SWAPFILE'"
dd if=/dev/zero of="$SWAPFILE" bs=1M count=128 status=none ||
	skip "cannot write a 128 MiB swapfile in /var/tmp"
chmod 600 "$SWAPFILE"
mkswap "$SWAPFILE" >/dev/null 2>"$TMP/mkswap.err" ||
	skip "mkswap failed: $(head -1 "$TMP/mkswap.err")"
swapon "$SWAPFILE" 2>"$TMP/swapon.err" ||
	skip "swapon not permitted here: $(head -1 "$TMP/swapon.err")"

start_mapchild swap
PID=${CHILD[pid]}
ANON=${CHILD[anon]}
vmswap=$(awk '/^VmSwap:/ { print $2 }' "/proc/$PID/status")
[ "${vmswap:-0}" -ge 29491 ] ||
	skip "the kernel swapped out only ${vmswap:-0} KiB (MADV_PAGEOUT ignored?)"
echo "VmSwap of the child: $vmswap KiB"

# the mapping's Swap
"$PROCTOP" -b --maps "$PID" --format json >"$TMP/maps.json" 2>"$TMP/err"
check "--maps exits 0" [ $? -eq 0 ]
smaps_swap=$(awk -v a="$ANON-" 'index($0, a) == 1 { s = 1; next }
	s && /^Swap:/ { print $2; exit }' "/proc/$PID/smaps")
map_swap=$(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
print([e for e in m["mappings"] if int(e["start"], 16) == int(sys.argv[2], 16)][0]["swap_kib"])' \
	"$TMP/maps.json" "$ANON")
echo "mapping Swap: proctop ${map_swap:-?} KiB, smaps $smaps_swap KiB"
check "the mapping's Swap is 32 MiB +- 10 %" \
	test "${map_swap:-0}" -ge 29491 -a "${map_swap:-0}" -le 36045
check "the mapping's Swap equals smaps'" [ "${map_swap:-x}" = "$smaps_swap" ]
tot_swap=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["swap_kib"])' "$TMP/maps.json")
check "the totals' Swap ($tot_swap) equals VmSwap ($vmswap)" [ "${tot_swap:-x}" = "$vmswap" ]

# the process's SWAP column
"$PROCTOP" -b -n 1 -d 0.1 -o pid,swap -p "$PID" --format json >"$TMP/ps.json" 2>"$TMP/err"
check "-o pid,swap exits 0" [ $? -eq 0 ]
col=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["processes"][0]["swap_kib"])' "$TMP/ps.json")
check "SWAP column $col equals VmSwap $vmswap" [ "${col:-x}" = "$vmswap" ]

# the memory report
"$PROCTOP" -b --memory -d 0.1 --format json >"$TMP/mem.json" 2>"$TMP/err"
check "--memory exits 0" [ $? -eq 0 ]
python3 - "$TMP/mem.json" "$PID" "$vmswap" "$SWAPFILE" <<'PY' >"$TMP/py.out" 2>&1
import json, sys
m = json.load(open(sys.argv[1]))
pid, vmswap, swapfile = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
fails = 0
def check(what, ok):
    global fails
    print(("ok: " if ok else "FAIL: ") + what)
    fails += 0 if ok else 1
used = m['swap']['used_kib']
check("swap used %d >= the child's %d" % (used, vmswap), used >= vmswap)
check("swap total covers the swapfile", m['swap']['total_kib'] >= 120 * 1024)
top = [p for p in m['top_swap'] if p['pid'] == pid]
check("the child is among the top swap users", len(top) == 1)
if top:
    p = top[0]
    check("its SWAP %s equals VmSwap %d" % (p['swap_kib'], vmswap), p['swap_kib'] == vmswap)
    check("RES+SWAP = RES + SWAP", p['res_swap_kib'] == p['res_kib'] + p['swap_kib'])
    check("PSS is known (%s)" % p['pss_kib'], isinstance(p['pss_kib'], int) and p['pss_kib'] > 0)
sw = [p['swap_kib'] for p in m['top_swap']]
check("top swap users sorted by SWAP, largest first", sw == sorted(sw, reverse=True))
check("PSS read for every swap user shown",
    all(isinstance(p['pss_kib'], int) for p in m['top_swap']))
sys.exit(1 if fails else 0)
PY
cat "$TMP/py.out"
PASSES=$((PASSES + $(grep -c '^ok:' "$TMP/py.out")))
FAILS=$((FAILS + $(grep -c '^FAIL:' "$TMP/py.out")))
grep -q '^ok:' "$TMP/py.out" || fail "the JSON check crashed"

"$PROCTOP" -b --memory -d 0.1 >"$TMP/mem.txt" 2>"$TMP/err"
check "text --memory exits 0" [ $? -eq 0 ]
check "text: the child is listed" \
	awk -v p="$PID" '/^Top swap users/ { s = 1; next } s && $1 == p { f = 1 } END { exit !f }' "$TMP/mem.txt"
"$PROCTOP" -b --memory -d 0.1 -s res >"$TMP/mem-res.txt" 2>"$TMP/err"
check "text --memory -s res exits 0" [ $? -eq 0 ]
check "text: sorted by RES" grep -q "^Top swap users (by RES)" "$TMP/mem-res.txt"
# sorted by PSS: PSS read for every swap user before sorting
"$PROCTOP" -b --memory -d 0.1 -s pss --format json >"$TMP/mem-pss.json" \
	2>"$TMP/err"
check "--memory -s pss exits 0" [ $? -eq 0 ]
check "-s pss: the top swap users sorted by a known PSS" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["top_swap"]
p = [u["pss_kib"] for u in t]
sys.exit(0 if t and all(isinstance(v, int) for v in p) and
    p == sorted(p, reverse=True) else 1)' "$TMP/mem-pss.json"
finish
