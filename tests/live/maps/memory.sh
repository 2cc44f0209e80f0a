# proctop -b --memory against free -k: the same figures within a small
# tolerance (the system keeps changing between the two reads); the vmstat
# rates and the sections are there in every format.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

command -v free >/dev/null || skip "free (procps) not installed"
command -v python3 >/dev/null || skip "python3 not installed"

# free -k before and after proctop; proctop's figure must lie within the
# two readings widened by max(32 MiB, 0.5 % of MemTotal).
compare_free() {
	free -k >"$TMP/free1" &&
	"$PROCTOP" -b --memory -d 0.2 --format json >"$TMP/mem.json" 2>"$TMP/err" &&
	free -k >"$TMP/free2" &&
	python3 - "$TMP/free1" "$TMP/free2" "$TMP/mem.json" <<'PY'
import json, sys
def parse(p):
    d = {}
    for l in open(p):
        f = l.split()
        if f and f[0] == 'Mem:':
            d.update(total=int(f[1]), used=int(f[2]), free=int(f[3]),
                     shared=int(f[4]), buff_cache=int(f[5]), available=int(f[6]))
        if f and f[0] == 'Swap:':
            d.update(swap_total=int(f[1]), swap_used=int(f[2]), swap_free=int(f[3]))
    return d
a, b = parse(sys.argv[1]), parse(sys.argv[2])
m = json.load(open(sys.argv[3]))
mine = dict(total=m['memory']['total_kib'], used=m['memory']['used_kib'],
            free=m['memory']['free_kib'], shared=m['memory']['shmem_kib'],
            buff_cache=m['memory']['buff_cache_kib'],
            available=m['memory']['available_kib'],
            swap_total=m['swap']['total_kib'], swap_used=m['swap']['used_kib'],
            swap_free=m['swap']['free_kib'])
tol = max(32768, a['total'] // 200)
bad = 0
for k, v in mine.items():
    lo, hi = min(a[k], b[k]) - tol, max(a[k], b[k]) + tol
    ok = lo <= v <= hi
    print("%s %s: proctop %d, free %d..%d" % ("ok:" if ok else "FAIL:", k, v, a[k], b[k]))
    bad += 0 if ok else 1
if mine['total'] != a['total']:
    print("FAIL: MemTotal differs exactly: %d vs %d" % (mine['total'], a['total']))
    bad += 1
sys.exit(1 if bad else 0)
PY
}
free_ok=false
for try in 1 2 3; do
	if compare_free >"$TMP/cmp.out" 2>&1; then
		free_ok=true
		break
	fi
	sleep 0.5
done
sed 's/^/  /' "$TMP/cmp.out"
check "free -k and proctop --memory agree" $free_ok

python3 - "$TMP/mem.json" <<'PY' >"$TMP/py.out" 2>&1
import json, sys
m = json.load(open(sys.argv[1]))
fails = 0
def check(what, ok):
    global fails
    print(("ok: " if ok else "FAIL: ") + what)
    fails += 0 if ok else 1
r = m.get('vmstat_per_s')
check("vmstat rates present", isinstance(r, dict))
for k in ('pgfault', 'pgmajfault', 'pswpin', 'pswpout', 'pgpgin', 'pgpgout',
          'pgscan_direct', 'pgscan_kswapd', 'oom_kill'):
    check("rate %s is a non-negative number" % k,
          isinstance(r, dict) and isinstance(r.get(k), (int, float)) and r[k] >= 0)
check("page faults happen (%s/s)" % (r or {}).get('pgfault'), isinstance(r, dict) and r['pgfault'] > 0)
check("interval is positive", m['interval_s'] > 0)
check("top_swap is a list", isinstance(m['top_swap'], list))
for k in ('slab_reclaimable_kib', 'slab_unreclaimable_kib', 'dirty_kib', 'writeback_kib',
          'anon_huge_pages_kib', 'page_tables_kib', 'committed_as_kib', 'commit_limit_kib',
          'buffers_kib', 'cached_kib'):
    check("memory.%s present" % k, isinstance(m['memory'].get(k), int))
check("swap.cached_kib present", isinstance(m['swap'].get('cached_kib'), int))
sys.exit(1 if fails else 0)
PY
cat "$TMP/py.out"
PASSES=$((PASSES + $(grep -c '^ok:' "$TMP/py.out")))
FAILS=$((FAILS + $(grep -c '^FAIL:' "$TMP/py.out")))
grep -q '^ok:' "$TMP/py.out" || fail "the JSON check crashed"

"$PROCTOP" -b --memory -d 0.2 >"$TMP/mem.txt" 2>"$TMP/err"
check "text exits 0" [ $? -eq 0 ]
for section in "Memory (KiB)" "Swap (KiB)" "vmstat (per second" "Top swap users"; do
	check "text has '$section'" grep -q "^$section" "$TMP/mem.txt"
done
total=$(awk '/^Mem:/ { print $2 }' <(free -k))
mine=$(awk '/^Memory/ { s = 1 } s && $1 == "total" { print $2; exit }' "$TMP/mem.txt")
check "text total $mine equals free's $total" [ "${mine:-0}" -eq "$total" ]
if grep -q '^Zswap:' /proc/meminfo; then
	check "zswap shown where the kernel has it" grep -q "^Zswap (KiB)" "$TMP/mem.txt"
else
	check "no zswap section without zswap" ! grep -q "^Zswap" "$TMP/mem.txt"
fi
"$PROCTOP" -b --memory -d 0.2 --format csv >"$TMP/mem.csv" 2>"$TMP/err"
check "csv exits 0" [ $? -eq 0 ]
check "csv has memory,total_kib" grep -q "^memory,total_kib,$total" "$TMP/mem.csv"
check "csv has the swap users table" grep -q "^pid,user,swap_kib" "$TMP/mem.csv"
"$PROCTOP" -b --memory -d 0.1 -n 2 --format json >"$TMP/two.json" 2>"$TMP/err"
check "-n 2 gives two reports" [ "$(wc -l <"$TMP/two.json")" -eq 2 ]
"$PROCTOP" -b --memory -d 0.1 >/dev/full 2>"$TMP/err"
rc=$?
check "a full disk is an error with a message ($rc)" [ $rc -ne 0 -a -s "$TMP/err" ]
finish
