# Batch mode under hostile conditions: closed and full outputs, odd
# terminals and locales, a hostile cmdline, process churn, usage errors.
. "$(dirname "$0")/lib.sh"

P=$$

# --- output to a closed pipe, a closed stdout, a full device ----------
"$PROCTOP" -b -n 50 -d 0.1 2>"$TMP/err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
check "| head -1: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "| head -1: no stderr" [ ! -s "$TMP/err" ]

"$PROCTOP" -b -n 1 -d 0.1 -p "$P" >&- 2>"$TMP/err"
rc=$?
check ">&-: non-zero exit (got $rc)" [ "$rc" -ne 0 ]
check ">&-: message" grep -q '^proctop: write error: ' "$TMP/err"
check ">&-: one line" [ "$(wc -l <"$TMP/err")" -eq 1 ]

"$PROCTOP" -b -n 1 -d 0.1 -p "$P" >/dev/full 2>"$TMP/err"
rc=$?
check ">/dev/full: non-zero exit (got $rc)" [ "$rc" -ne 0 ]
check ">/dev/full: message" \
	grep -q '^proctop: write error: No space left on device' "$TMP/err"

for fmt in json csv; do
	"$PROCTOP" -b -n 1 -d 0.1 --format $fmt -p "$P" >/dev/full 2>"$TMP/err"
	check "$fmt >/dev/full: non-zero exit" [ $? -ne 0 ]
done

# --- no terminfo needed -------------------------------------------------
for term in unset dumb bogus; do
	if [ $term = unset ]; then
		env -u TERM "$PROCTOP" -b -n 1 -d 0.1 -p "$P" >"$TMP/out" 2>"$TMP/err"
	else
		TERM=$term "$PROCTOP" -b -n 1 -d 0.1 -p "$P" >"$TMP/out" 2>"$TMP/err"
	fi
	rc=$?
	check "TERM $term: exit 0" [ "$rc" -eq 0 ]
	check "TERM $term: no stderr" [ ! -s "$TMP/err" ]
	check "TERM $term: the table lists our pid" \
		grep -qE "^ *$P " "$TMP/out"
	check "TERM $term: no escape sequences" \
		bash -c "! grep -q \$'\\x1b' '$TMP/out'"
done

# --- locales: numbers always use '.' -------------------------------------
numbers_ok() {  # the summary of a text report uses '.' decimals
	grep -qE 'load average: [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}$' "$1" &&
	grep -qE '^%Cpu\(s\): *[0-9]+\.[0-9] us' "$1" &&
	grep -qE '^MiB Mem : *[0-9]+\.[0-9] total' "$1" &&
	! grep -qE '[0-9],[0-9]' "$1"
}
LC_ALL=C "$PROCTOP" -b -n 1 -d 0.2 -p "$P" -o pid,cpu,mem,comm \
	>"$TMP/out" 2>"$TMP/err"
check "LC_ALL=C: exit 0" [ $? -eq 0 ]
check "LC_ALL=C: '.' decimals" numbers_ok "$TMP/out" || sed 's/^/  | /' "$TMP/out"
if grep -qix 'de_DE\.utf-\?8' <<<"$(locale -a 2>/dev/null)"; then
	LC_ALL= LANG=C.UTF-8 LC_NUMERIC=de_DE.UTF-8 \
		"$PROCTOP" -b -n 1 -d 0.2 -p "$P" -o pid,cpu,mem,comm \
		>"$TMP/out" 2>"$TMP/err"
	check "LC_NUMERIC=de_DE.UTF-8: exit 0 with -d 0.2" [ $? -eq 0 ]
	check "LC_NUMERIC=de_DE.UTF-8: '.' decimals" numbers_ok "$TMP/out" ||
		sed 's/^/  | /' "$TMP/out"
	LC_ALL= LANG=C.UTF-8 LC_NUMERIC=de_DE.UTF-8 \
		"$PROCTOP" -b -n 1 -d 0.2 --format json -p "$P" -o pid,cpu,mem \
		>"$TMP/out.json" 2>"$TMP/err"
	check "LC_NUMERIC=de_DE.UTF-8: JSON parses with float fields" \
		python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d["system"]["uptime_s"], float)
assert isinstance(d["system"]["loadavg"][0], (int, float))
assert isinstance(d["processes"][0]["mem_pct"], (int, float))
' "$TMP/out.json"
	LC_ALL=de_DE.UTF-8 "$PROCTOP" -b -n 1 -d 0,2 >/dev/null 2>&1
	check "LC_ALL=de_DE.UTF-8: -d 0,2 is a usage error" [ $? -eq 2 ]
else
	echo "skip: de_DE.UTF-8 locale not installed (./dev generates it)"
fi

# --- hostile cmdline ---------------------------------------------------
NAME=$(printf '\033]52;c;aGk=\a\xff\xc2\x9b')
(exec -a "$NAME" sleep 600) &
HOSTILE=$!
on_exit "kill $HOSTILE 2>/dev/null"
for ((i = 0; i < 100; i++)); do
	grep -q '^sleep' "/proc/$HOSTILE/comm" 2>/dev/null && break
	sleep 0.02
done
for fmt in text csv json; do
	"$PROCTOP" -b -n 1 -d 0.1 --format $fmt -p "$HOSTILE" -o pid,comm,cmd \
		>"$TMP/out.$fmt" 2>"$TMP/err"
	check "hostile cmdline $fmt: exit 0" [ $? -eq 0 ]
done
check "hostile cmdline: no raw ESC/BEL/C1/0xff in text, csv or json" \
	python3 -c '
import sys
for f in sys.argv[1:]:
    data = open(f, "rb").read()
    for b in (0x1b, 0x07, 0x9b, 0xff):
        assert bytes([b]) not in data, (f, hex(b))
' "$TMP/out.text" "$TMP/out.csv" "$TMP/out.json"
check "hostile cmdline: text shows placeholders" \
	grep -qF '?]52;c;aGk=??' "$TMP/out.text"
check "hostile cmdline: JSON escapes it" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["processes"][0]
assert p["cmdline"].startswith("\x1b]52;c;aGk=\x07\ufffd\x9b"), p["cmdline"]
' "$TMP/out.json"

# --- width ---------------------------------------------------------------
maxlen() { awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"; }
"$PROCTOP" -b -n 1 -d 0.1 -w 80 -p "$P" -o pid,cmd >"$TMP/out" 2>/dev/null
check "-w 80: no line longer than 80 ($(maxlen "$TMP/out"))" \
	[ "$(maxlen "$TMP/out")" -le 80 ]
COLUMNS=100 "$PROCTOP" -b -n 1 -d 0.1 -p "$P" -o pid,cmd >"$TMP/out" 2>/dev/null
check "COLUMNS=100: no line longer than 100 ($(maxlen "$TMP/out"))" \
	[ "$(maxlen "$TMP/out")" -le 100 ]
"$PROCTOP" -b -n 1 -d 0.1 >"$TMP/out" 2>/dev/null
check "not a terminal: no line longer than 200" [ "$(maxlen "$TMP/out")" -le 200 ]

# --- process churn ---------------------------------------------------------
(while :; do /bin/true; done) >/dev/null 2>&1 &
CHURN=$!
on_exit "kill $CHURN 2>/dev/null"
"$PROCTOP" -b -n 20 -d 0.1 -o pid,ppid,state,cpu,res,comm \
	>"$TMP/churn.txt" 2>"$TMP/err"
rc=$?
"$PROCTOP" -b -n 5 -d 0.1 --format json -o pid,ppid,state,res,comm,cmd \
	>"$TMP/churn.json" 2>>"$TMP/err"
rc2=$?
kill $CHURN 2>/dev/null
check "churn: exit 0 (text $rc, json $rc2)" test "$rc" -eq 0 -a "$rc2" -eq 0
check "churn: no stderr" [ ! -s "$TMP/err" ]
check "churn: 20 text reports" [ "$(grep -c '^proctop - ' "$TMP/churn.txt")" -eq 20 ]
check "churn: every text row well-formed" python3 -c '
import re, sys
# CPU% is "-" for a process born during the interval (no delta yet).
row = re.compile(r"^ *[1-9][0-9]* +[0-9]+ +[RSDTtZIXPWK] +([0-9]+\.[0-9]|-) +\S+ ")
hdr = False
n = 0
for line in open(sys.argv[1], encoding="utf-8", errors="strict"):
    line = line.rstrip("\n")
    if line.startswith("  PID") or line.lstrip().startswith("PID "):
        hdr = True
        continue
    if not line:
        hdr = False
        continue
    if hdr:
        assert row.match(line), line
        n += 1
assert n > 0
' "$TMP/churn.txt"
check "churn: every JSON line parses, sane rows" python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    d = json.loads(line)
    for p in d["processes"]:
        assert isinstance(p["pid"], int) and p["pid"] > 0, p
        assert p["state"] in list("RSDTtZIXPWK"), p
    n += 1
assert n == 5, n
' "$TMP/churn.json"

# --- kernel threads, unreadable files ----------------------------------
"$PROCTOP" -b -n 1 -d 0.1 --format json -p 2 -o pid,cmd >"$TMP/k.json" 2>/dev/null
check "kthreadd listed as [kthreadd]" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["processes"]
assert [q["cmdline"] for q in p] == ["[kthreadd]"], p
' "$TMP/k.json"
"$PROCTOP" -b -n 1 -d 0.1 --format json --hide-kthreads -o pid,ppid \
	>"$TMP/k.json" 2>/dev/null
check "--hide-kthreads: no pid 2, no child of pid 2" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["processes"]
assert p and all(q["pid"] != 2 and q["ppid"] != 2 for q in p), p
' "$TMP/k.json"
if [ "$(id -u)" -eq 0 ] &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PROCTOP" --version >/dev/null 2>&1; then
	# pid 1's smaps_rollup is unreadable for nobody: "-" / null, never 0.
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PROCTOP" -b -n 1 -d 0.1 --format json -p 1 -o pid,pss \
		>"$TMP/n.json" 2>"$TMP/err"
	check "as nobody: exit 0" [ $? -eq 0 ]
	check "as nobody: pid 1's PSS is null, not 0" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["processes"]
assert p[0]["pid"] == 1 and p[0]["pss_kib"] is None, p
' "$TMP/n.json"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PROCTOP" -b -n 1 -d 0.1 -p 1 -o pid,pss >"$TMP/n.txt" 2>/dev/null
	check "as nobody: text shows -" grep -qE '^ +1 +-$' "$TMP/n.txt"
else
	echo "skip: cannot run proctop as nobody (needs root, setpriv, and a"
	echo "      build directory nobody can read)"
fi

# --- usage errors: one line, exit 2 ------------------------------------
usage() {
	"$PROCTOP" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	local rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ ! -s "$TMP/out" ]
}
check "-d abc" usage -b -d abc
check "-d 0.01" usage -b -d 0.01
check "-n -1" usage -b -n -1
check "-o nosuch" usage -b -o pid,nosuch
check "-o error names the key" grep -q "'nosuch'" "$TMP/err"
check "-o error has one hint, not two" \
	grep -qx "proctop: unknown column 'nosuch' (proctop --list-columns shows them all)" \
	"$TMP/err"
check "-d 0.09: below the range" usage -b -d 0.09
check "-d 86401: above the range" usage -b -d 86401
check "-d 86400.5: above the range" usage -b -d 86400.5
check "-d range named in the error" grep -q '0.1 to 86400' "$TMP/err"
check "-d 0.1 (the minimum) runs" quiet "$PROCTOP" -b -n 1 -d 0.1 -p "$P"
check "-d 86400 (the maximum) runs with -n 1" \
	quiet "$PROCTOP" -b -n 1 -d 86400 -p "$P"
# --maps and --memory take only -n, -d, --format, -w (and --memory -s).
for o in "-o pid" "-s cpu" "-p 1" "-u 0" --tree --threads --hide-kthreads; do
	check "--maps $P $o: usage error" usage --maps "$P" $o
done
check "--maps error names the option" \
	grep -q -- "--maps does not take --hide-kthreads" "$TMP/err"
for o in "-o pid" "-p 1" "-u 0" --tree --threads; do
	check "--memory $o: usage error" usage --memory $o
done
check "--memory -s cpu: usage error" usage --memory -s cpu
check "--memory -s error names the valid keys" \
	grep -q "swap, res, resswap or pss, not 'cpu'" "$TMP/err"
check "--memory -s +pss -n 1 -w 100 --format json runs" \
	quiet "$PROCTOP" --memory -s +pss -n 1 -d 0.1 -w 100 --format json
check "--maps $P -n 1 -d 0.1 -w 100 --format csv runs" \
	quiet "$PROCTOP" --maps "$P" -n 1 -d 0.1 -w 100 --format csv
check "-s nosuch" usage -b -s nosuch
check "-p 0" usage -b -p 0
check "-p x" usage -b -p 1,x
check "--format xml" usage -b --format xml
check "--bogus" usage --bogus
check "-Q" usage -Q
check "extra argument" usage -b extra
check "--drop-capabilities=maybe" usage -b --drop-capabilities=maybe
check "-u unknown user" usage -b -u no-such-user-proctop

# --- help, version, list-columns ------------------------------------------
"$PROCTOP" --help >"$TMP/help" 2>&1
check "--help exits 0" [ $? -eq 0 ]
for opt in batch iterations delay columns sort pid user tree threads \
	hide-kthreads width format proc-root maps memory readonly no-mouse \
	no-color drop-capabilities config list-columns help version; do
	grep -q -- "--$opt" "$TMP/help" || fail "--help lacks --$opt"
done
check "--version" bash -c "'$PROCTOP' --version | grep -qE '^proctop [0-9]+\.[0-9]+'"

# --- -p / -u that select nothing: one line, exit 1 (like ps -p) ----------
nomatch() {  # nomatch MESSAGE ARGS...: exit 1, no report, that message
	local want=$1
	shift
	"$PROCTOP" -b -n 1 -d 0.1 "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	local rc=$?
	[ "$rc" -eq 1 ] && [ ! -s "$TMP/out" ] &&
		[ "$(cat "$TMP/err")" = "proctop: $want" ]
}
check "-p 999999999: message, exit 1" \
	nomatch "no process matches -p 999999999" -p 999999999
for fmt in json csv; do
	check "-p 999999999 --format $fmt: exit 1" \
		nomatch "no process matches -p 999999999" --format $fmt -p 999999999
done
check "-p 999999998,999999999: both named" \
	nomatch "no process matches -p 999999998,999999999" \
	-p 999999998 -p 999999999
check "-u 2147000000 (no processes): message, exit 1" \
	nomatch "no process matches -u 2147000000" -u 2147000000
"$PROCTOP" -b -n 1 -d 0.1 --format json -p "$P,999999999" \
	>"$TMP/out.json" 2>"$TMP/err"
check "-p with one live pid: exit 0" [ $? -eq 0 ]
check "-p with one live pid: no stderr" [ ! -s "$TMP/err" ]
check "-p with one live pid: that pid listed" python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["processes"]
assert [q["pid"] for q in p] == [int(sys.argv[2])], p
' "$TMP/out.json" "$P"
check "-u root: exit 0" quiet "$PROCTOP" -b -n 1 -d 0.1 -u root -o pid

# --- --maps of a kernel thread: says so, exit 1 ----------------------------
"$PROCTOP" --maps 2 >"$TMP/out" 2>"$TMP/err"
rc=$?
check "--maps 2 (kthreadd): exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "--maps 2: no report" [ ! -s "$TMP/out" ]
check "--maps 2: says it is a kernel thread" grep -qx \
	"proctop: --maps 2: pid 2 is a kernel thread: it has no user address space" \
	"$TMP/err"

# --- --proc-root that is not a proc filesystem: names what is missing -----
mkdir -p "$TMP/fakeproc"
for mode in "-b -n 1" "--memory" "--maps 1"; do
	"$PROCTOP" $mode --proc-root "$TMP/fakeproc" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "--proc-root empty dir ($mode): exit 1 (got $rc)" [ "$rc" -eq 1 ]
	check "--proc-root empty dir ($mode): names the stat file" grep -qx \
		"proctop: $TMP/fakeproc does not look like a proc filesystem (no stat file)" \
		"$TMP/err"
done
"$PROCTOP" -b -n 1 --proc-root "$TMP/nonexistent" >/dev/null 2>"$TMP/err"
check "--proc-root missing dir: exit 1, names it" grep -qx \
	"proctop: cannot open $TMP/nonexistent: No such file or directory" "$TMP/err"

# --- -o repeated: appended, each column once ------------------------------
"$PROCTOP" -b -n 1 -d 0.1 --format csv -p "$P" -o pid,comm -o state,PID \
	-o comm,ni >"$TMP/out.csv" 2>"$TMP/err"
check "-o twice: exit 0" [ $? -eq 0 ]
check "-o twice: columns appended, duplicates once" \
	[ "$(head -1 "$TMP/out.csv" | tr -d '\r')" = "time,seq,pid,comm,state,nice" ]
"$PROCTOP" -b -n 1 -d 0.1 -p "$P" -o pid -o args,command,cmd >"$TMP/out" 2>&1
check "-o aliases of one column: shown once" \
	grep -qE '^ +PID COMMAND$' "$TMP/out"

# --- JSON and CSV time: sub-second, with a refresh number -----------------
"$PROCTOP" -b -n 3 -d 0.2 --format json -p "$P" -o pid >"$TMP/t.json" 2>/dev/null
"$PROCTOP" -b -n 3 -d 0.2 --format csv -p "$P" -o pid >"$TMP/t.csv" 2>/dev/null
check "json/csv: time has 3 decimals and grows, seq is 1, 2, 3" python3 -c '
import csv, json, re, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
raw = open(sys.argv[1]).read()
assert len(re.findall(r"\{\"time\":[0-9]{10,}\.[0-9]{3},\"seq\":[1-3],", raw)) == 3, raw[:80]
t = [d["time"] for d in docs]
assert [d["seq"] for d in docs] == [1, 2, 3], docs
assert all(isinstance(x, float) for x in t) and t[0] < t[1] < t[2], t
rows = list(csv.reader(open(sys.argv[2], newline="")))
assert rows[0][:3] == ["time", "seq", "pid"], rows[0]
assert [r[1] for r in rows[1:]] == ["1", "2", "3"], rows
ct = [r[0] for r in rows[1:]]
assert all(re.fullmatch(r"[0-9]{10,}\.[0-9]{3}", x) for x in ct), ct
assert len(set(ct)) == 3, ct
' "$TMP/t.json" "$TMP/t.csv"
"$PROCTOP" --memory -n 2 -d 0.2 --format json >"$TMP/m.json" 2>/dev/null
"$PROCTOP" --maps "$P" -n 2 -d 0.2 --format json >"$TMP/p.json" 2>/dev/null
check "--memory and --maps json: sub-second time, seq 1, 2" python3 -c '
import json, sys
for f in sys.argv[1:]:
    d = [json.loads(l) for l in open(f)]
    assert [x["seq"] for x in d] == [1, 2], (f, d)
    assert isinstance(d[0]["time"], float) and d[0]["time"] < d[1]["time"], f
' "$TMP/m.json" "$TMP/p.json"
finish
