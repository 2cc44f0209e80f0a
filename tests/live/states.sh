# Children in known states: proctop's JSON agrees with the kernel and ps.
. "$(dirname "$0")/lib.sh"

KINDS=(sleep stop traced zombie nice threads mem64 comm bigcmd)
start_children "${KINDS[@]}"
PLIST=$(pid_list "${KINDS[@]}")
COLS=pid,ppid,state,ni,nlwp,virt,res,shr,comm,cmd

"$PROCTOP" -b -n 1 -d 0.2 --format json -p "$PLIST" -o "$COLS" \
	>"$TMP/out.json" 2>"$TMP/err"
rc=$?
check "json run exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "json run writes nothing to stderr" [ ! -s "$TMP/err" ]
ps -o pid=,ppid=,stat=,ni=,nlwp=,vsz=,rss= -p "$PLIST" >"$TMP/ps.txt"

# Expected values: kind=pid pairs and spawn's pid for the ppid checks.
args=()
for k in "${KINDS[@]}"; do args+=("$k=${PIDS[$k]}"); done

python3 - "$TMP/out.json" "$TMP/ps.txt" "$SPAWN_PID" "${args[@]}" <<'PY'
import json, os, sys

out, ps_file, spawn_pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
pids = {k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[4:])}
fails = 0

def check(what, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1

lines = open(out, encoding="utf-8").read().splitlines()
check("one JSON line per refresh (got %d)" % len(lines), len(lines) == 1)
doc = json.loads(lines[0])
check("top-level keys", {"time", "system", "processes"} <= set(doc))
procs = {p["pid"]: p for p in doc["processes"]}
check("exactly the -p pids are listed", set(procs) == set(pids.values()))

def p(kind):
    return procs.get(pids[kind], {})

for kind, state in [("sleep", "S"), ("stop", "T"), ("traced", "t"),
                    ("zombie", "Z"), ("nice", "S"), ("threads", "S"),
                    ("mem64", "S"), ("comm", "S"), ("bigcmd", "S")]:
    check("%s: state %s (got %r)" % (kind, state, p(kind).get("state")),
          p(kind).get("state") == state)
    check("%s: ppid is spawn's pid" % kind, p(kind).get("ppid") == spawn_pid)
check("nice: ni 10 (got %r)" % p("nice").get("nice"), p("nice").get("nice") == 10)
check("sleep: ni 0", p("sleep").get("nice") == 0)
check("threads: nlwp 4 (got %r)" % p("threads").get("nlwp"),
      p("threads").get("nlwp") == 4)
check("sleep: nlwp 1", p("sleep").get("nlwp") == 1)
res = p("mem64").get("res_kib") or 0
check("mem64: RES >= 64 MiB (got %d KiB)" % res, res >= 65536)
check("mem64: RES < 64 MiB + 16 MiB (got %d KiB)" % res, res < 65536 + 16384)
check("comm: raw comm round-trips through JSON (got %r)" % p("comm").get("comm"),
      p("comm").get("comm") == "a) Z 1 (b\x1b[1m")
check("comm: the line has no raw ESC byte", "\x1b" not in lines[0])
big = p("bigcmd").get("cmdline") or ""
# 390 KiB of arguments: the first 128 KiB, marked (the display cap)
want = "spawn-bigcmd --idle " + " ".join(c * 131071 for c in "abc")
want = want[:131072] + " [truncated]"
check("bigcmd: first 131072 bytes of the cmdline + ' [truncated]' (got %d)"
      % len(big), big == want)
# A zombie has no address space: every memory value unknown (null), as
# for a kernel thread, never 0 (ps says 0 for vsz and rss).
for key in ("virt_kib", "res_kib", "shr_kib"):
    check("zombie: %s null (got %r)" % (key, p("zombie").get(key, "absent")),
          key in p("zombie") and p("zombie")[key] is None)

# The same pids as ps sees them.
page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
seen = 0
for line in open(ps_file):
    f = line.split()
    if len(f) != 7:
        continue
    pid, ppid, stat, ni, nlwp, vsz, rss = f
    q = procs.get(int(pid))
    if q is None:
        check("ps pid %s listed by proctop" % pid, False)
        continue
    seen += 1
    check("pid %s: ppid %s" % (pid, ppid), q.get("ppid") == int(ppid))
    check("pid %s: state %s vs ps %s" % (pid, q.get("state"), stat),
          q.get("state") == stat[0])
    if ni != "-":
        check("pid %s: ni %s" % (pid, ni), q.get("nice") == int(ni))
    check("pid %s: nlwp %s" % (pid, nlwp), q.get("nlwp") == int(nlwp))
    check("pid %s: vsz %s vs virt %r" % (pid, vsz, q.get("virt_kib")),
          (q.get("virt_kib") or 0) == int(vsz))
    # With shr asked for, statm is read and RES is its exact resident
    # count, which is what ps shows (stat field 24 can lag: it sums no
    # per-CPU counters).  The children are idle, so the numbers are equal.
    res = q.get("res_kib")
    with open("/proc/%s/statm" % pid) as f:
        statm_rss = int(f.read().split()[1]) * page_kib
    if q.get("state") != "Z":
        check("pid %s: res %r KiB == statm %d KiB" % (pid, res, statm_rss),
              res == statm_rss)
        check("pid %s: rss %s == res %r" % (pid, rss, res), res == int(rss))
check("ps listed every child (%d)" % seen, seen == len(pids))
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && ok "json matches kernel and ps" || fail "json checks"

# RES alone (no shr, code or data asked for) is still statm's exact count,
# as ps shows it, never stat (24) (which can be ~10 % off for a small
# process); thread rows (--threads) show their process's RES.
RPLIST=${PIDS[sleep]},${PIDS[nice]},${PIDS[threads]},${PIDS[mem64]}
"$PROCTOP" -b -n 1 -d 0.2 --format json -p "$RPLIST" -o pid,res \
	>"$TMP/res.json" 2>"$TMP/err"
check "-o pid,res exits 0" [ $? -eq 0 ]
"$PROCTOP" -b -n 1 -d 0.2 --format json -p "${PIDS[threads]}" --threads \
	-o tgid,tid,res >"$TMP/resth.json" 2>"$TMP/err"
check "--threads -o tgid,tid,res exits 0" [ $? -eq 0 ]
ps -o pid=,rss= -p "$RPLIST" >"$TMP/ps-res.txt"
python3 - "$TMP/res.json" "$TMP/resth.json" "$TMP/ps-res.txt" \
	"${PIDS[threads]}" <<'PY'
import json, os, sys

fails = 0

def check(what, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1

page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
doc = json.loads(open(sys.argv[1]).read().splitlines()[0])
procs = {q["pid"]: q for q in doc["processes"]}
seen = 0
for line in open(sys.argv[3]):
    pid, rss = (int(x) for x in line.split())
    q = procs.get(pid, {})
    with open("/proc/%d/statm" % pid) as f:
        statm_rss = int(f.read().split()[1]) * page_kib
    seen += 1
    check("-o pid,res: pid %d res %r == ps rss %d" % (pid, q.get("res_kib"),
          rss), q.get("res_kib") == rss)
    check("-o pid,res: pid %d res %r == statm %d" % (pid, q.get("res_kib"),
          statm_rss), q.get("res_kib") == statm_rss)
check("ps listed the children (%d)" % seen, seen == 4)

th = int(sys.argv[4])
with open("/proc/%d/statm" % th) as f:
    statm_rss = int(f.read().split()[1]) * page_kib
rows = json.loads(open(sys.argv[2]).read().splitlines()[0])["processes"]
check("--threads: a row per thread, nlwp 4 (got %d rows)" % len(rows),
      len(rows) == 4 and {q.get("tgid") for q in rows} == {th})
for q in rows:
    check("--threads: tid %r res %r == statm %d" % (q.get("tid"),
          q.get("res_kib"), statm_rss), q.get("res_kib") == statm_rss)
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && ok "RES alone matches ps and statm" || fail "RES alone checks"

# Text: the odd comm is parsed (state S) and its ESC is a placeholder.
"$PROCTOP" -b -n 1 -d 0.2 -p "${PIDS[comm]},${PIDS[zombie]}" \
	-o pid,state,comm >"$TMP/out.txt" 2>"$TMP/err"
check "text run exits 0" [ $? -eq 0 ]
check "text has no ESC byte" bash -c "! grep -q \$'\\x1b' '$TMP/out.txt'"
check "text shows the comm with a placeholder, state S" \
	grep -qE "^ *${PIDS[comm]} +S +a\) Z 1 \(b\?\[1m\$" "$TMP/out.txt"
check "text shows the zombie as Z" \
	grep -qE "^ *${PIDS[zombie]} +Z " "$TMP/out.txt"

# CSV: one header, one row per pid, no ESC.
"$PROCTOP" -b -n 1 -d 0.2 --format csv -p "${PIDS[comm]},${PIDS[sleep]}" \
	-o pid,state,comm >"$TMP/out.csv" 2>"$TMP/err"
check "csv run exits 0" [ $? -eq 0 ]
check "csv has a header and two rows" [ "$(wc -l <"$TMP/out.csv")" -eq 3 ]
check "csv header" grep -q '^time,seq,pid,state,comm' "$TMP/out.csv"
check "csv has no ESC byte" bash -c "! grep -q \$'\\x1b' '$TMP/out.csv'"

# --maps of a zombie: no address space; said on stderr, exit 1.
Z=${PIDS[zombie]}
"$PROCTOP" --maps "$Z" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "--maps zombie: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "--maps zombie: no report" [ ! -s "$TMP/out" ]
check "--maps zombie: says it is a zombie" \
	grep -q "^proctop: --maps $Z: pid $Z is a zombie: " "$TMP/err"
check "--maps zombie: one line" [ "$(wc -l <"$TMP/err")" -eq 1 ]
# ... while a live child's map is there (exit 0).
check "--maps of the sleeping child: exit 0" \
	quiet "$PROCTOP" --maps "${PIDS[sleep]}" -n 1
# -p of only the zombie matches it (a zombie is a process): exit 0.
check "-p zombie: exit 0" quiet "$PROCTOP" -b -n 1 -d 0.1 -p "$Z"
finish
