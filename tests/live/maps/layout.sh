# proctop -b --maps on a child with a known layout: a 64 MiB anonymous
# region with 16 MiB touched, a mapped file, a deleted-file mapping.  Each
# shows with the right size, Rss and kind; the totals equal smaps_rollup;
# every mapping's Size/Rss/Pss/Swap equals pmap -X's; text, JSON and CSV
# agree.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

command -v python3 >/dev/null || skip "python3 not installed"
command -v pmap >/dev/null || skip "pmap (procps) not installed"

start_mapchild layout "$TMP"
PID=${CHILD[pid]}

for fmt in json text csv; do
	"$PROCTOP" -b --maps "$PID" --format "$fmt" >"$TMP/maps.$fmt" \
		2>"$TMP/err.$fmt"
	check "--maps --format $fmt exits 0 ($(head -c 200 "$TMP/err.$fmt"))" \
		[ $? -eq 0 ]
done

# pmap -X and proctop read at different moments: a shared library's Pss
# moves when other processes start or exit, so compare up to three times.
compare_pmap() {
	"$PROCTOP" -b --maps "$PID" --format json >"$TMP/cmp.json" &&
	pmap -X "$PID" >"$TMP/pmap.txt" &&
	python3 - "$TMP/cmp.json" "$TMP/pmap.txt" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
hdr = lines[1].split()
rows = {}
for l in lines[2:]:
    f = l.split()
    if len(f) < 3 or len(f[1]) != 4 or not all(c in '0123456789abcdef' for c in f[0]):
        continue
    rows[int(f[0], 16)] = dict(zip(hdr, f))
bad = shared_pss = 0
mine = {int(e['start'], 16): e for e in m['mappings']}
if set(mine) != set(rows):
    print("address sets differ: only proctop %s, only pmap %s" %
          ([hex(a) for a in set(mine) - set(rows)][:5],
           [hex(a) for a in set(rows) - set(mine)][:5]))
    bad += 1
for a, e in mine.items():
    r = rows.get(a)
    if r is None:
        continue
    for k, j in (('Size', 'size_kib'), ('Rss', 'rss_kib'), ('Pss', 'pss_kib'),
                 ('Swap', 'swap_kib')):
        if k not in r or int(r[k]) == e[j]:
            continue
        # A shared page's Pss depends on how many processes map it at
        # that instant; proctop itself (with a sanitizer runtime) and pmap
        # are different sharers.  Such a mapping's Pss must still lie
        # between its private part and its Rss.
        if (k == 'Pss' and e['shared_clean_kib'] + e['shared_dirty_kib'] > 0 and
                e['private_clean_kib'] + e['private_dirty_kib'] <= e[j] <= e['rss_kib']):
            shared_pss += 1
            continue
        print("%x %s: pmap %s proctop %d" % (a, k, r[k], e[j]))
        bad += 1
print("%d mappings compared with pmap -X, %d differences "
      "(%d shared mappings' Pss moved between the two reads)" %
      (len(mine), bad, shared_pss))
sys.exit(1 if bad else 0)
PY
}
pmap_ok=false
for try in 1 2 3; do
	if compare_pmap >"$TMP/cmp.out" 2>&1; then
		pmap_ok=true
		break
	fi
	sleep 0.2
done
cat "$TMP/cmp.out"
check "every mapping's Size/Rss/Pss/Swap equals pmap -X's" $pmap_ok

# The checks against a later smaps_rollup can be upset by the rest of the
# system (a page changing hands between two reads): up to three tries.
check_json() {
python3 - "$1" "/proc/$PID/smaps_rollup" "${CHILD[anon]}" \
	"${CHILD[file]}" "${CHILD[deleted]}" <<'PY'

import json, sys
m = json.load(open(sys.argv[1]))
roll = {}
for l in open(sys.argv[2]).read().splitlines()[1:]:
    k, v = l.split(':', 1)
    roll[k] = int(v.split()[0])
anon = int(sys.argv[3], 16)
fstart, fpath = sys.argv[4].split(' ', 1)
dstart, dpath = sys.argv[5].split(' ', 1)
by = {int(e['start'], 16): e for e in m['mappings']}
fails = 0
def check(what, ok):
    global fails
    print(("ok: " if ok else "FAIL: ") + what)
    fails += 0 if ok else 1
a = by.get(anon)
check("anon region found", a is not None)
if a:
    check("anon size 65536 KiB (%d)" % a['size_kib'], a['size_kib'] == 65536)
    check("anon Rss 16384 KiB (%d)" % a['rss_kib'], a['rss_kib'] == 16384)
    check("anon kind anon (%s)" % a['kind'], a['kind'] == 'anon')
    check("anon has no path", a['path'] is None)
f = by.get(int(fstart, 16))
check("file mapping found", f is not None)
if f:
    check("file size 4096 KiB (%d)" % f['size_kib'], f['size_kib'] == 4096)
    check("file Rss 4096 KiB (%d)" % f['rss_kib'], f['rss_kib'] == 4096)
    check("file path %s" % f['path'], f['path'] == fpath)
    check("file kind file-ro (%s)" % f['kind'], f['kind'] == 'file-ro')
    check("file perms r--s", f['perms'] == 'r--s')
d = by.get(int(dstart, 16))
check("deleted mapping found", d is not None)
if d:
    check("deleted size 1024 KiB (%d)" % d['size_kib'], d['size_kib'] == 1024)
    check("deleted Rss 1024 KiB (%d)" % d['rss_kib'], d['rss_kib'] == 1024)
    check("deleted flagged", d['deleted'] is True)
    check("deleted path without the suffix", d['path'] == dpath)
    check("deleted kind deleted (%s)" % d['kind'], d['kind'] == 'deleted')
t = m['totals']
check("totals come from smaps_rollup", m['totals_source'] == 'smaps_rollup')
# The child is idle and its files are clean: every figure that does not
# depend on other processes is the same in a later smaps_rollup.  Pss and
# the shared/private split of clean pages depend on who else maps the
# shared libraries at the instant (proctop itself does), so those are
# checked against proctop's own read below.
for k, j in (('Rss', 'rss_kib'), ('Private_Dirty', 'private_dirty_kib'),
             ('Anonymous', 'anonymous_kib'), ('Swap', 'swap_kib'), ('Locked', 'locked_kib')):
    if k in roll:
        check("total %s %d == smaps_rollup %d" % (k, t[j], roll[k]), t[j] == roll[k])
s = m['sum']
for j in ('rss_kib', 'swap_kib', 'shared_clean_kib', 'shared_dirty_kib',
          'private_clean_kib', 'private_dirty_kib', 'anonymous_kib', 'locked_kib'):
    check("sum of %s %d == total (smaps_rollup) %d" % (j, s[j], t[j]), s[j] == t[j])
# the rollup adds Pss before rounding, each mapping rounds its own down
check("sum of Pss %d within a KiB per mapping below the rollup's %d" %
      (s['pss_kib'], t['pss_kib']),
      0 <= t['pss_kib'] - s['pss_kib'] <= len(m['mappings']))
check("sum of sizes is VmSize", s['size_kib'] == sum(e['size_kib'] for e in m['mappings']))
sys.exit(1 if fails else 0)
PY
}
for try in 1 2 3; do
	[ "$try" -eq 1 ] ||
		"$PROCTOP" -b --maps "$PID" --format json >"$TMP/maps.json" 2>/dev/null
	check_json "$TMP/maps.json" >"$TMP/py.out" 2>&1 && break
	sleep 0.2
done
cat "$TMP/py.out"
PASSES=$((PASSES + $(grep -c '^ok:' "$TMP/py.out")))
FAILS=$((FAILS + $(grep -c '^FAIL:' "$TMP/py.out")))
grep -q '^ok: sum of sizes' "$TMP/py.out" || fail "the JSON check crashed"

# The text form: same rows, the deleted mapping marked, the totals line.
python3 - "$TMP/maps.text" "$TMP/maps.json" "$TMP/maps.csv" <<'PY' >"$TMP/py2.out" 2>&1
import csv, json, sys
text = open(sys.argv[1]).read().splitlines()
m = json.load(open(sys.argv[2]))
fails = 0
def check(what, ok):
    global fails
    print(("ok: " if ok else "FAIL: ") + what)
    fails += 0 if ok else 1
check("text starts with 'PID:'", text[0].startswith("%d:" % m['pid']))
hdr = text[1].split()
check("text header has pmap -X's names",
      hdr[:8] == ['Address', 'Perm', 'Offset', 'Device', 'Inode', 'Size', 'Rss', 'Pss'])
rows = [l for l in text[2:] if l.strip() and all(c in '0123456789abcdef' for c in l.split()[0])]
rows = rows[:len(m['mappings'])]
check("text has one row per mapping (%d)" % len(rows), len(rows) == len(m['mappings']))
same = all(int(r.split()[0], 16) == int(e['start'], 16) and
           int(r.split()[5]) == e['size_kib'] and int(r.split()[6]) == e['rss_kib']
           for r, e in zip(rows, m['mappings']))
check("text rows agree with JSON (address, Size, Rss)", same)
check("text marks the deleted mapping", any(l.endswith(" (deleted)") and " deleted " in l for l in rows))
tot = [l for l in text if 'KiB total' in l]
check("text has a totals line", len(tot) == 1)
if tot:
    f = tot[0].split()
    check("text totals: Size %s Rss %s" % (f[0], f[1]),
          int(f[0]) == m['totals']['size_kib'] and int(f[1]) == m['totals']['rss_kib'])
check("text has the summary by kind", any(l.startswith("By kind") for l in text) and
      any(l.startswith("anon ") for l in text))
c = list(csv.reader(open(sys.argv[3], newline='')))
check("csv: header + one row per mapping + total (%d rows)" % len(c),
      len(c) == len(m['mappings']) + 2 and c[-1][0] == 'total')
sys.exit(1 if fails else 0)
PY
cat "$TMP/py2.out"
PASSES=$((PASSES + $(grep -c '^ok:' "$TMP/py2.out")))
FAILS=$((FAILS + $(grep -c '^FAIL:' "$TMP/py2.out")))
grep -q '^ok:' "$TMP/py2.out" || fail "the text check crashed"

# A path with ESC and C1 bytes: nothing raw in text or CSV, escaped in JSON.
evil=${CHILD[evil]}
lacks() {   # lacks BYTES FILE
	! grep -q "$1" "$2"
}
check "text output holds no ESC byte" lacks $'\033' "$TMP/maps.text"
check "text output holds no C1 byte" lacks $'\xc2\x9b' "$TMP/maps.text"
check "csv output holds no ESC byte" lacks $'\033' "$TMP/maps.csv"
check "json output holds no ESC byte" lacks $'\033' "$TMP/maps.json"
check "text shows the hostile name sanitised" grep -q "evil?\[31m?name" "$TMP/maps.text"
check "json keeps the name, escaped" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
e = [e for e in m["mappings"] if int(e["start"], 16) == int(sys.argv[2], 16)]
sys.exit(0 if e and e[0]["path"].endswith("/evil\x1b[31m\x9bname") else 1)' "$TMP/maps.json" "$evil"

# A pid that does not exist: a clear message, status 1.
true &
gone=$!
wait $gone
"$PROCTOP" -b --maps "$gone" >/dev/null 2>"$TMP/err.none"
rc=$?
check "a missing pid exits 1 ($rc)" [ $rc -eq 1 ]
check "a missing pid says so" grep -q "no such process" "$TMP/err.none"
finish
