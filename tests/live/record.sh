# Recording and replay: a known population replays as the kernel showed
# it; a recorder killed at random moments leaves files that replay to
# their last complete frame; damaged, truncated, empty, foreign and
# future-version files give clear errors; the lock; size rotation; a file
# of the previous format version replays as it did.
. "$(dirname "$0")/lib.sh"

KINDS=(sleep stop zombie nice threads mem64 comm)
start_children "${KINDS[@]}"
PLIST=$(pid_list "${KINDS[@]}")
COLS=pid,ppid,user,state,ni,nlwp,virt,res,shr,swap,comm,cmd

# ---- the known population -----------------------------------------------
"$PROCTOP" --record "$TMP/rec" -d 0.2 2>"$TMP/rec.err" &
REC=$!
on_exit "kill $REC 2>/dev/null"
for ((i = 0; i < 100; i++)); do
	[ "$(stat -c %s "$TMP"/rec/*.idx 2>/dev/null || echo 0)" -ge 96 ] && break
	sleep 0.05
done
"$PROCTOP" -b -n 1 -d 0.2 --format json -p "$PLIST" -o "$COLS" \
	>"$TMP/live.json"
"$PROCTOP" --record "$TMP/rec" >"$TMP/second.out" 2>"$TMP/second.err"
rc=$?
check "a second recorder on the directory exits 1 (got $rc)" [ "$rc" -eq 1 ]
check "... saying who holds it" \
	grep -q "is being recorded by another proctop (pid $REC)" "$TMP/second.err"
kill -TERM "$REC"
wait "$REC"
rc=$?
check "the recorder exits 0 on SIGTERM (got $rc)" [ "$rc" -eq 0 ]
check "the recorder wrote nothing to stderr" [ ! -s "$TMP/rec.err" ]

"$PROCTOP" -b --replay "$TMP/rec" --format json -p "$PLIST" -o "$COLS" \
	>"$TMP/replay.json" 2>"$TMP/replay.err"
rc=$?
check "replay exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "replay writes nothing to stderr" [ ! -s "$TMP/replay.err" ]
"$PROCTOP" -b --replay "$TMP/rec" -n 2 -p "$PLIST" -o "$COLS" \
	>"$TMP/replay.txt" 2>&1
check "text replay: two reports" \
	[ "$(grep -c '^proctop - ' "$TMP/replay.txt")" -eq 2 ]
check "text replay: the hostile comm is sanitised" \
	[ "$(grep -c $'\e' "$TMP/replay.txt")" -eq 0 ]

args=()
for k in "${KINDS[@]}"; do args+=("$k=${PIDS[$k]}"); done
python3 - "$TMP/live.json" "$TMP/replay.json" "${args[@]}" <<'PY'
import json, sys
live = json.loads(open(sys.argv[1]).read().splitlines()[0])
reps = [json.loads(l) for l in open(sys.argv[2]).read().splitlines()]
pids = {k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[3:])}
fails = 0
def check(what, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + what)
    fails += 0 if cond else 1
check("replay has samples (%d)" % len(reps), len(reps) >= 3)
check("seq counts from 1", [r["seq"] for r in reps] == list(range(1, len(reps) + 1)))
check("times increase", all(a["time"] < b["time"] for a, b in zip(reps, reps[1:])))
check("first sample: no CPU% (no previous sample)",
      reps[0]["system"]["cpu"]["busy"] is None)
check("later samples: CPU% from consecutive samples",
      reps[-1]["system"]["cpu"]["busy"] is not None and
      reps[-1]["interval_s"] > 0)
last = {p["pid"]: p for p in reps[-1]["processes"]}
lp = {p["pid"]: p for p in live["processes"]}
check("the same processes as live", set(last) == set(lp) == set(pids.values()))
for kind, pid in pids.items():
    a, b = last.get(pid, {}), lp.get(pid, {})
    for key in ("ppid", "user", "state", "nice", "nlwp", "virt_kib",
                "res_kib", "shr_kib", "swap_kib", "comm", "cmdline"):
        check("%s: %s %r as live (%r)" % (kind, key, a.get(key), b.get(key)),
              a.get(key) == b.get(key))
def p(kind):
    return last.get(pids[kind], {})
check("stop: state T", p("stop").get("state") == "T")
check("zombie: state Z", p("zombie").get("state") == "Z")
check("nice: ni 10", p("nice").get("nice") == 10)
check("threads: nlwp 4", p("threads").get("nlwp") == 4)
check("mem64: RES >= 64 MiB", (p("mem64").get("res_kib") or 0) >= 65536)
check("comm: the hostile name round-trips",
      p("comm").get("comm") == "a) Z 1 (b\x1b[1m")
sys.exit(1 if fails else 0)
PY
check "replayed children agree with the live run" [ $? -eq 0 ]

"$PROCTOP" -b --replay "$TMP/rec" --threads -p "${PIDS[threads]}" \
	--format json -o pid,comm >"$TMP/threads.json"
check "--threads replay lists the 3 extra threads" python3 -c '
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
sys.exit(0 if sum(1 for p in r["processes"] if p["thread"]) == 3 else 1)' \
	"$TMP/threads.json"

# ---- --from / --to ----------------------------------------------------------
t0=$(python3 -c 'import json,sys,time; r=json.loads(open(sys.argv[1]).readlines()[-1])
print(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(int(r["time"]))))' \
	"$TMP/replay.json")
"$PROCTOP" -b --replay "$TMP/rec" --from "$t0" --format json -o pid \
	>"$TMP/from.json"
check "--from skips the samples before it" python3 -c '
import json, sys, time
t = time.mktime(time.strptime(sys.argv[2], "%Y-%m-%d %H:%M:%S"))
rs = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if rs and all(r["time"] >= t for r in rs) else 1)' \
	"$TMP/from.json" "$t0"
"$PROCTOP" -b --replay "$TMP/rec" --from "2001-01-01 00:00" \
	--to "2001-01-01 01:00" >/dev/null 2>"$TMP/range.err"
rc=$?
check "a range without samples: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "... naming what the recording covers" \
	grep -q "no sample in that time range (the recording covers" "$TMP/range.err"
"$PROCTOP" -b --replay "$TMP/rec" --from 25:00 >/dev/null 2>&1
check "a bad time is a usage error" [ $? -eq 2 ]

# ---- damage -------------------------------------------------------------------
DATA=$(ls "$TMP"/rec/*.ptr | head -1)
NFRAMES=$(( $(stat -c %s "$DATA.idx") / 32 ))
frame_offset() {  # frame_offset N: offset and length of frame N (index)
	python3 -c 'import struct,sys
d = open(sys.argv[1], "rb").read()[32 * int(sys.argv[2]):][:32]
t, off, ln = struct.unpack("<qQI", d[:20]); print(off, ln)' "$DATA.idx" "$1"
}
mkdir "$TMP/dmg"
cp "$DATA" "$DATA.idx" "$TMP/dmg/"
read -r off len < <(frame_offset 2)
printf '\xff\x00\xff\x00' | dd of="$TMP/dmg/$(basename "$DATA")" bs=1 \
	seek=$((off + len / 2)) conv=notrunc status=none
"$PROCTOP" -b --replay "$TMP/dmg" --format json -o pid \
	>"$TMP/dmg.json" 2>"$TMP/dmg.err"
rc=$?
check "a flipped frame: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "... reported on stderr" grep -q "damaged frame at offset $off (CRC mismatch); skipped" "$TMP/dmg.err"
check "... the other samples replay ($(wc -l <"$TMP/dmg.json") of $NFRAMES)" \
	[ "$(wc -l <"$TMP/dmg.json")" -eq $((NFRAMES - 1)) ]
# The same without the index: the damaged header is skipped by scanning.
rm "$TMP/dmg/$(basename "$DATA").idx"
printf 'XXXX' | dd of="$TMP/dmg/$(basename "$DATA")" bs=1 seek="$off" \
	conv=notrunc status=none
"$PROCTOP" -b --replay "$TMP/dmg" --format json -o pid \
	>"$TMP/dmg2.json" 2>"$TMP/dmg2.err"
check "no index, a damaged header: reported" \
	grep -q "damaged data at offset $off" "$TMP/dmg2.err"
check "... the samples after it replay" \
	[ "$(wc -l <"$TMP/dmg2.json")" -eq $((NFRAMES - 1)) ]

# ---- files that are not recordings ---------------------------------------------
bad_file() {  # bad_file NAME MESSAGE: replay TMP/NAME fails with MESSAGE
	"$PROCTOP" -b --replay "$TMP/$1" >/dev/null 2>"$TMP/$1.err"
	local rc=$?
	check "$1: exit 1 (got $rc)" [ "$rc" -eq 1 ]
	check "$1: says '$2'" grep -q "$2" "$TMP/$1.err"
}
: >"$TMP/empty.ptr"
bad_file empty.ptr "empty file"
head -c 20 "$DATA" >"$TMP/short.ptr"
bad_file short.ptr "truncated file header"
head -c 100 /dev/urandom | tr '\211' x >"$TMP/foreign.ptr"
bad_file foreign.ptr "not a proctop recording"
cp "$DATA" "$TMP/future.ptr"
printf '\x09\x00' | dd of="$TMP/future.ptr" bs=1 seek=8 conv=notrunc status=none
bad_file future.ptr "written by a newer proctop (format version 9"
head -c 60 "$DATA" >"$TMP/nosample.ptr"
bad_file nosample.ptr "no complete sample"
bad_file missing "cannot open"

# ---- kill -9 at random moments -------------------------------------------------
# 50 recorders (two at a time), each killed at a random moment after its
# first frame; each recording replays exactly its complete frames.  They
# record the fixture proc tree: the same writes, without a sample of a
# busy machine's /proc (thousands of tasks under ASan) each time.
FIXTURE_ROOT=$(dirname "$0")/../fixtures/proc
kill_one() {  # kill_one N
	local d=$TMP/k$1 pid i
	"$PROCTOP" --record "$d" -d 0.1 --proc-root "$FIXTURE_ROOT" \
		2>/dev/null &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		[ "$(stat -c %s "$d"/*.idx 2>/dev/null || echo 0)" -ge 32 ] && break
		sleep 0.02
	done
	sleep "0.$((RANDOM % 30))"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	"$PROCTOP" -b --replay "$d" --format csv -o pid >"$d.csv" 2>"$d.err"
	echo $? >"$d.rc"
}
for ((n = 0; n < 50; n += 2)); do
	kill_one "$n" &
	k=$!
	kill_one $((n + 1))
	wait "$k"
done
python3 - "$TMP" <<'PY'
import glob, os, struct, sys
tmp = sys.argv[1]
fails = 0
for n in range(50):
    d = "%s/k%d" % (tmp, n)
    rc = open(d + ".rc").read().strip()
    data = glob.glob(d + "/*.ptr")
    frames = 0
    if data:
        b = open(data[0], "rb").read()
        off = struct.unpack("<H", b[10:12])[0] if len(b) > 12 else len(b)
        while off + 28 <= len(b):
            plen = struct.unpack("<I", b[off + 4:off + 8])[0]
            if off + 28 + plen > len(b):
                break
            frames += 1
            off += 28 + plen
    seqs = set()
    for line in open(d + ".csv").read().splitlines()[1:]:
        seqs.add(line.split(",")[1])
    ok = rc == "0" and frames >= 1 and len(seqs) == frames and \
        os.path.getsize(d + ".err") == 0
    if not ok:
        fails += 1
        print("FAIL: kill -9 run %d: exit %s, %d complete frames, %d replayed"
              % (n, rc, frames, len(seqs)))
print(("ok: " if not fails else "FAIL: ") +
      "50 recorders killed with -9 replay to their last complete frame")
sys.exit(1 if fails else 0)
PY
check "kill -9 recordings replay" [ $? -eq 0 ]

# ---- rotation by size ---------------------------------------------------------------
"$PROCTOP" --record "$TMP/rot" -d 0.1 --record-max-size 64K &
REC=$!
for ((i = 0; i < 600; i++)); do   # until a third file (or 30 s)
	[ "$(ls "$TMP"/rot/*.ptr 2>/dev/null | wc -l)" -ge 3 ] && break
	sleep 0.05
done
kill -TERM "$REC"
wait "$REC"
nfiles=$(ls "$TMP"/rot/*.ptr | wc -l)
total=$(cat "$TMP"/rot/*.ptr "$TMP"/rot/*.idx | wc -c)
check "--record-max-size 64K: several files ($nfiles)" [ "$nfiles" -ge 2 ]
check "--record-max-size 64K: the oldest removed ($total bytes)" \
	[ "$total" -le $((64 * 1024 + 24 * 1024)) ]
check "--record-max-size 64K: replays" \
	quiet "$PROCTOP" -b --replay "$TMP/rot" --format csv
"$PROCTOP" --record "$TMP/x" --record-max-size 10K >/dev/null 2>&1
check "--record-max-size below 64K is a usage error" [ $? -eq 2 ]
"$PROCTOP" --record "$TMP/x" -o pid >/dev/null 2>&1
check "--record -o is a usage error" [ $? -eq 2 ]

# ---- a file of the previous format version (1: no ids and caps) ----------
# tests/fixtures/rec-v1: two samples of tests/fixtures/proc recorded by
# proctop at format version 1, and what -b --replay printed of them then.
V1="$(dirname "$0")/../fixtures/rec-v1"
"$PROCTOP" -b --replay "$V1" --format json >"$TMP/v1.json" 2>"$TMP/v1.err"
rc=$?
check "a version 1 recording still replays (exit $rc)" \
	[ "$rc" -eq 0 ] && [ ! -s "$TMP/v1.err" ]
check "... printing what it printed when version 1 was current" \
	cmp -s "$TMP/v1.json" "$V1/expected.json"

# ---- a write that fails (a full disk; here: the file size limit) ---------
( ulimit -f 40; trap '' XFSZ; exec "$PROCTOP" --record "$TMP/full" -d 0.1 ) \
	2>"$TMP/full.err"
rc=$?
check "a failing write stops the recorder: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "... with a message naming the file" \
	grep -q "cannot write $TMP/full/.*\.ptr: File too large; recording stopped" \
	"$TMP/full.err"
"$PROCTOP" -b --replay "$TMP/full" --format csv -o pid >/dev/null \
	2>"$TMP/full.replay.err"
rc=$?
check "... and leaves a file that replays cleanly (exit $rc)" \
	[ "$rc" -eq 0 ] && [ ! -s "$TMP/full.replay.err" ]

finish
