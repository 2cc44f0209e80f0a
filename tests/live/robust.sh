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
	grep -qE '^%Cpu\(s\): +[0-9]+\.[0-9] us' "$1" &&
	grep -qE '^MiB Mem : +[0-9]+\.[0-9] total' "$1" &&
	! grep -qE '[0-9],[0-9]' "$1"
}
LC_ALL=C "$PROCTOP" -b -n 1 -d 0.2 -p "$P" -o pid,cpu,mem,comm \
	>"$TMP/out" 2>"$TMP/err"
check "LC_ALL=C: exit 0" [ $? -eq 0 ]
check "LC_ALL=C: '.' decimals" numbers_ok "$TMP/out"
if grep -qix 'de_DE\.utf-\?8' <<<"$(locale -a 2>/dev/null)"; then
	LC_ALL= LANG=C.UTF-8 LC_NUMERIC=de_DE.UTF-8 \
		"$PROCTOP" -b -n 1 -d 0.2 -p "$P" -o pid,cpu,mem,comm \
		>"$TMP/out" 2>"$TMP/err"
	check "LC_NUMERIC=de_DE.UTF-8: exit 0 with -d 0.2" [ $? -eq 0 ]
	check "LC_NUMERIC=de_DE.UTF-8: '.' decimals" numbers_ok "$TMP/out"
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
check "-p of a missing pid: header only, exit 0" \
	bash -c "'$PROCTOP' -b -n 1 -d 0.1 -p 999999999 --format json | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"processes\"] == []'"
finish
