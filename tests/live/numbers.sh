# The numbers of the column-by-column audit against their oracles (ps,
# top -b, /proc): READ/WRITE in bytes with their unit, RES/VIRT in the one
# unit system, NVCSW of a process row is its main thread's (as htop and
# /proc/PID/status), a zombie has no memory values, TIME+ as top -b
# prints it, and the header's thread counts.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip "python3 not installed"

start_children write12k ctxsw zombie mem64 threads
PLIST=$(pid_list write12k ctxsw zombie mem64 threads)
COLS=pid,rbytes,wbytes,virt,res,shr,swap,nvcsw,nivcsw,time,comm

"$PROCTOP" -b -n 1 -d 0.1 -w 300 -p "$PLIST" -o "$COLS" >"$TMP/out.txt" \
	2>"$TMP/err"
check "text exits 0" [ $? -eq 0 ]
"$PROCTOP" -b -n 1 -d 0.1 -p "$PLIST" -o "$COLS" --format json \
	>"$TMP/out.json" 2>"$TMP/err"
check "json exits 0" [ $? -eq 0 ]
"$PROCTOP" -b -n 1 -d 0.1 -p "$PLIST" -o "$COLS" --format csv \
	>"$TMP/out.csv" 2>"$TMP/err"
check "csv exits 0" [ $? -eq 0 ]
"$PROCTOP" -b -n 1 -d 0.1 -p "${PIDS[ctxsw]}" -o tid,nvcsw,nivcsw --threads \
	--format json >"$TMP/threads.json" 2>"$TMP/err"
check "--threads json exits 0" [ $? -eq 0 ]
top -b -n 1 -p "$PLIST" >"$TMP/top.txt" 2>/dev/null ||
	echo "note: top -b failed; TIME+ not compared"
ps -o pid=,rss=,vsz= -p "$PLIST" >"$TMP/ps.txt"
args=()
for k in write12k ctxsw zombie mem64 threads; do args+=("$k=${PIDS[$k]}"); done

python3 - "$TMP" "${args[@]}" <<'PY'
import csv, json, os, re, sys

tmp = sys.argv[1]
pids = {k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[2:])}
fails = 0

def check(what, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1

def size(v, base):
    """units_size's rule as the manual states it, written anew."""
    units = "KMGTPEZ" if base == "K" else "BKMGTPE"
    u = 0
    while u < 6 and v >> (10 * (u + 1)):
        u += 1
    if u == 0:
        return "%d%s" % (v, units[0])
    sh = 10 * u
    p = 2 if v * 100 <= 999 << sh else 1 if v * 10 <= 999 << sh else 0
    n = (v * 10 ** p * 2 + (1 << sh)) // (2 << sh)
    s = str(n) if p == 0 else "%d.%0*d" % (n // 10 ** p, p, n % 10 ** p)
    return s + units[u]

def status(path, key):
    for line in open(path):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None

lines = open(tmp + "/out.txt").read().splitlines()
head = next(i for i, l in enumerate(lines) if l.lstrip().startswith("PID"))
hdr = lines[head].split()
text = {}
for l in lines[head + 1:]:
    f = l.split()
    if f and f[0].isdigit():
        text[int(f[0])] = dict(zip(hdr, f))
doc = json.loads(open(tmp + "/out.json").readline())
js = {p["pid"]: p for p in doc["processes"]}
rows = list(csv.DictReader(open(tmp + "/out.csv", newline="")))
cs = {int(r["pid"]): r for r in rows if r.get("pid", "").isdigit()}

# READ/WRITE: JSON exact bytes as /proc/PID/io; text with its unit
w = pids["write12k"]
io = {}
for line in open("/proc/%d/io" % w):
    k, v = line.split(":")
    io[k] = int(v)
check("write12k: JSON write_bytes %r == io %d" % (js[w]["write_bytes"],
      io["write_bytes"]), js[w]["write_bytes"] == io["write_bytes"])
check("write12k: JSON read_bytes %r == io %d" % (js[w]["read_bytes"],
      io["read_bytes"]), js[w]["read_bytes"] == io["read_bytes"])
for key, col in (("write_bytes", "WRITE"), ("read_bytes", "READ")):
    want = size(io[key], "B")
    check("write12k: text %s %r == %s (%d bytes)" % (col, text[w].get(col),
          want, io[key]), text[w].get(col) == want)
if io["write_bytes"] == 12288:
    check("write12k: 12288 bytes show as 12.0K (was 12)",
          text[w].get("WRITE") == "12.0K")
else:
    print("note: this file system counted %d written bytes" % io["write_bytes"])

# RES and VIRT: ps's rss and vsz in the one unit system, exact in JSON
for line in open(tmp + "/ps.txt"):
    pid, rss, vsz = (int(x) for x in line.split())
    if pid == pids["zombie"]:
        continue
    check("pid %d: JSON res %r == ps rss %d" % (pid, js[pid]["res_kib"], rss),
          js[pid]["res_kib"] == rss)
    check("pid %d: text RES %r == %s" % (pid, text[pid].get("RES"),
          size(rss, "K")), text[pid].get("RES") == size(rss, "K"))
    check("pid %d: text VIRT %r == %s" % (pid, text[pid].get("VIRT"),
          size(vsz, "K")), text[pid].get("VIRT") == size(vsz, "K"))

# NVCSW/NIVCSW of a process row: its main thread's (status), not the sum
c = pids["ctxsw"]
main_v = status("/proc/%d/status" % c, "voluntary_ctxt_switches")
main_n = status("/proc/%d/status" % c, "nonvoluntary_ctxt_switches")
total = sum(status("/proc/%d/task/%s/status" % (c, t),
                   "voluntary_ctxt_switches")
            for t in os.listdir("/proc/%d/task" % c))
check("ctxsw: nvcsw %r == main thread's %d (all threads: %d)"
      % (js[c]["nvcsw"], main_v, total), js[c]["nvcsw"] == main_v)
check("ctxsw: the worker's switches make the sum differ (%d > %d)"
      % (total, main_v), total >= main_v + 50)
check("ctxsw: nivcsw %r == main thread's %d" % (js[c]["nivcsw"], main_n),
      js[c]["nivcsw"] == main_n)
trows = json.loads(open(tmp + "/threads.json").readline())["processes"]
for r in trows:
    own = status("/proc/%d/task/%d/status" % (c, r["tid"]),
                 "voluntary_ctxt_switches")
    check("ctxsw thread %d: nvcsw %r == its own %r" % (r["tid"], r["nvcsw"],
          own), r["nvcsw"] == own)

# a zombie: no address space, every memory value unknown everywhere
z = pids["zombie"]
for key, col in (("virt_kib", "VIRT"), ("res_kib", "RES"), ("shr_kib", "SHR"),
                 ("swap_kib", "SWAP")):
    check("zombie: JSON %s null (got %r)" % (key, js[z].get(key, "absent")),
          key in js[z] and js[z][key] is None)
    check("zombie: CSV %s empty (got %r)" % (key, cs[z].get(key)),
          cs[z].get(key) == "")
    check("zombie: text %s - (got %r)" % (col, text[z].get(col)),
          text[z].get(col) == "-")

# TIME+: as top -b prints it (all children are under 1000 minutes)
grammar = re.compile(r"^(\d+:\d\d\.\d\d|\d+h\d\dm|\d+d\d\dh|\d+y|eternity)$")
for pid, t in text.items():
    check("pid %d: TIME+ %r in the documented format" % (pid, t.get("TIME+")),
          bool(grammar.match(t.get("TIME+", ""))) and len(t["TIME+"]) <= 9)
try:
    tl = open(tmp + "/top.txt").read().splitlines()
    th = next(i for i, l in enumerate(tl) if l.lstrip().startswith("PID"))
    thdr = tl[th].split()
    ti = thdr.index("TIME+")
    seen = 0
    for l in tl[th + 1:]:
        f = l.split()
        if len(f) > ti and f[0].isdigit() and int(f[0]) in text \
                and int(f[0]) != z:
            seen += 1
            check("pid %s: TIME+ %r == top's %r" % (f[0],
                  text[int(f[0])]["TIME+"], f[ti]),
                  text[int(f[0])]["TIME+"] == f[ti])
    check("top listed the children (%d)" % seen, seen >= 4)
except (OSError, StopIteration, ValueError):
    print("note: no top -b output to compare TIME+ with")

# the summary's thread counts; unknown CPU shares print "-" (unit test)
tasks = next(l for l in lines if l.startswith("Tasks:"))
check("text Tasks line says threads and userland: %r" % tasks,
      re.search(r"; \d+ threads, \d+ userland$", tasks) is not None)
t = doc["system"]["tasks"]
check("JSON tasks has userland_threads <= threads",
      isinstance(t.get("userland_threads"), int)
      and t["userland_threads"] <= t["threads"])
check("JSON userland_threads counts the 3 + 1 children's threads",
      t["userland_threads"] >= 4)
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && ok "numbers match their oracles" || fail "numbers checks"

# --list-columns agrees: READ/WRITE are bytes, and the text says its unit
"$PROCTOP" --list-columns >"$TMP/cols"
check "--list-columns: rbytes in bytes, text with its unit" \
	grep -qE '^rbytes .* bytes .*with its unit' "$TMP/cols"
finish
