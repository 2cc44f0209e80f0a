# System memory in proctop's JSON agrees with free -k (procps).
. "$(dirname "$0")/lib.sh"

free -k >"$TMP/free0"
"$PROCTOP" -b -n 1 -d 0.1 --format json -p 1 >"$TMP/out.json" 2>"$TMP/err"
rc=$?
free -k >"$TMP/free1"
check "exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "no stderr" [ ! -s "$TMP/err" ]

python3 - "$TMP/out.json" "$TMP/free0" "$TMP/free1" <<'PY'
import json, sys
fails = 0
def check(what, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1

mem = json.loads(open(sys.argv[1]).readline())["system"]["memory"]

def parse_free(path):
    # free -k (procps 4):
    #        total used free shared buff/cache available
    # Mem:   ...
    # Swap:  total used free
    r = {}
    for line in open(path):
        f = line.split()
        if f and f[0] == "Mem:":
            r.update(total=int(f[1]), used=int(f[2]), free=int(f[3]),
                     shared=int(f[4]), buff_cache=int(f[5]),
                     available=int(f[6]))
        elif f and f[0] == "Swap:":
            r.update(swap_total=int(f[1]), swap_used=int(f[2]),
                     swap_free=int(f[3]))
    return r

a, b = parse_free(sys.argv[2]), parse_free(sys.argv[3])
tol = max(65536, a["total"] // 50)   # 64 MiB or 2 % of RAM: the machine moves
pairs = [("total", "total_kib", 0), ("used", "used_kib", tol),
         ("free", "free_kib", tol), ("shared", "shared_kib", tol),
         ("buff_cache", "buff_cache_kib", tol),
         ("available", "available_kib", tol),
         ("swap_total", "swap_total_kib", 0),
         ("swap_used", "swap_used_kib", tol),
         ("swap_free", "swap_free_kib", tol)]
for fk, jk, t in pairs:
    lo, hi = min(a[fk], b[fk]) - t, max(a[fk], b[fk]) + t
    v = mem.get(jk)
    check("%s: proctop %r KiB within free's [%d, %d]" % (jk, v, lo, hi),
          isinstance(v, int) and lo <= v <= hi)
check("used = total - available",
      mem["used_kib"] == mem["total_kib"] - mem["available_kib"])
check("swap used = total - free",
      mem["swap_used_kib"] == mem["swap_total_kib"] - mem["swap_free_kib"])
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && ok "memory matches free -k" || fail "memory checks"
finish
