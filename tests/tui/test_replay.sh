#!/bin/bash
# proctop --replay in the TUI: record a known population for a few
# samples (a stopped child, a niced one, one that exits before the end),
# then replay it: the time bar, stepping, the ends, a typed time; the
# process that existed then is listed and not after it exited; sort and
# filter work; actions are refused with a message and leave the process
# untouched; details show the recorded ids; quit works.  At 160x40, then
# 80x24.  A version 1 recording still replays.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children

# Two more processes with known names: a niced one and a brief one (it
# is ended half-way through the recording).
cp "$(command -v sleep)" "$TUI_TMP/pt-niced"
cp "$(command -v sleep)" "$TUI_TMP/pt-brief"
( exec -a pt-niced "$TUI_TMP/pt-niced" 600 ) &
NICED=$!
renice -n 7 -p "$NICED" >/dev/null || tui_fail "renice failed"
( exec -a pt-brief "$TUI_TMP/pt-brief" 600 ) &
BRIEF=$!
# A process whose ids are known, for the details' User line: one run as
# nobody when the test runs as root, else pt-niced (the test's own uid).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		bash -c 'exec -a pt-idknown sleep 600' &
	IDPID=$! IDUID=65534 IDGID=65534 IDNAME=pt-idknown
else
	IDPID=$NICED IDUID=$(id -u) IDGID=$(id -g) IDNAME=pt-niced
fi
REC="$TUI_TMP/rec"
cleanup_more() {
	kill "$NICED" "$BRIEF" "$IDPID" "${RECORDER:-}" 2>/dev/null
	tui_cleanup
}
trap cleanup_more EXIT

# Frames in the recording so far: its index holds one 32-byte entry per
# frame, appended after the frame (doc/FORMAT.md).
nsamples() {
	local bytes
	bytes=$(cat "${1:-$REC}"/*.ptr.idx 2>/dev/null | wc -c)
	echo $((bytes / 32))
}
wait_samples() {
	local want=$1 i
	for i in $(seq 1 200); do
		[ "$(nsamples "${2:-$REC}")" -ge "$want" ] && return 0
		sleep 0.1
	done
	tui_fail "the recording did not reach $want samples"
}

"$PROCTOP" --record "$REC" -d 0.2 2>"$TUI_TMP/rec.err" &
RECORDER=$!
wait_samples 3
kill "$BRIEF"
wait "$BRIEF" 2>/dev/null
n_before=$(nsamples)
wait_samples $((n_before + 3))
kill -TERM "$RECORDER"
wait "$RECORDER" || tui_fail "recorder exit status $? ($(cat "$TUI_TMP/rec.err"))"
RECORDER=

PIDS="$KID_PIDS,$NICED,$BRIEF,$IDPID"
tui_start --replay "$REC" -p "$PIDS"

# The first sample, with its time bar; every process was alive then.
tui_wait 'Replay [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}  sample 1/[0-9]+ .*paused'
tui_wait "^ *$BRIEF .*pt-brief 600"
tui_wait "^ *$NICED .* 7 .*pt-niced 600"
tui_wait "^ *$KID_pt_stopped .* T .*pt-stopped --child"
first=$(tui_screen | sed -nE 's/.*Replay ([0-9-]+ [0-9:]+)  sample.*/\1/p')
n=$(tui_screen | sed -nE 's/.*sample 1\/([0-9]+) .*/\1/p')
[ "$n" -ge 6 ] || tui_fail "expected at least 6 samples, the bar says $n"

# The help lists the replay's keys in a section of their own.
tui_keys F1
tui_wait '^Replay$'
tui_wait '^  \( \) +Replay: previous / next sample'
tui_keys Escape
tui_wait "sample 1/$n "

# Step forward and back.
tui_keys ')'
tui_wait "sample 2/$n "
tui_keys ')'
tui_wait "sample 3/$n "
tui_keys '('
tui_wait "sample 2/$n "

# The last sample: pt-brief had exited by then.
tui_keys E
tui_wait "sample $n/$n "
tui_wait_gone "pt-brief"
tui_wait "pt-niced 600"
tui_keys ')'
tui_wait 'At the end of the recording'

# Back to the first sample's time, typed (date and time, then the time
# alone on the day shown): pt-brief is listed again.
tui_keys J
tui_wait 'Go to \(HH:MM'
tui_type "$first"
tui_keys Enter
tui_wait "sample 1/$n "
tui_wait "^ *$BRIEF .*pt-brief 600"
tui_keys E
tui_wait "sample $n/$n "
tui_keys J
tui_type "${first#* }"
tui_keys Enter
tui_wait "sample 1/$n "
tui_keys B
tui_wait "sample 1/$n "

# Sort by PID (N): the rows in pid order.
tui_keys N
sleep 0.3
order=$(tui_screen | awk -v a="$NICED" -v b="$BRIEF" \
	'$1 == a { print "niced" } $1 == b { print "brief" }' | tr '\n' ' ')
if [ "$NICED" -lt "$BRIEF" ]; then want="niced brief "; else want="brief niced "; fi
[ "$order" = "$want" ] || tui_fail "PID sort: got '$order', want '$want'"

# Filter (\): only the matching process.
tui_keys '\'
tui_type 'pt-niced'
tui_keys Enter
tui_wait_gone "pt-stopped --child"
tui_wait "^ *$NICED .*pt-niced 600"
tui_keys Escape
tui_wait "pt-stopped --child"

# Actions are refused; the stopped child stays stopped and the niced
# one keeps its nice value.
tui_keys '/'
tui_type 'pt-stopped'
tui_keys Enter
tui_keys k
tui_wait 'replay: actions are disabled .* this is a recording of'
tui_keys F9
tui_wait 'replay: actions are disabled'
tui_keys ']'
tui_wait 'replay: actions are disabled'
tui_keys v
tui_wait 'replay: map: not recorded'
tui_keys e
tui_wait 'replay: the environment is not recorded'
# w shows the command line the recording holds.
tui_keys w
tui_wait "Command line of $KID_pt_stopped"
tui_wait 'pt-stopped --child'
tui_keys q
state=$(sed -E 's/.*\) ([A-Za-z]) .*/\1/' "/proc/$KID_pt_stopped/stat")
[ "$state" = T ] || tui_fail "pt-stopped is in state $state after the refused kill"
[ "$(ps -o ni= -p "$NICED" | tr -d ' ')" = 7 ] ||
	tui_fail "pt-niced's nice changed"

# Details show the recorded fields: stat's, and status's ids, context
# switches and capabilities (format version 2).
tui_keys d
tui_wait "^PID / TGID +$KID_pt_stopped / $KID_pt_stopped"
tui_wait '^State +T '
tui_wait '^Ctx switches +voluntary [0-9]+, involuntary [0-9]+'
tui_wait '^  bounding '
tui_keys Escape
tui_keys '/'
tui_type "$IDNAME"
tui_keys Enter
tui_keys d
tui_wait "^PID / TGID +$IDPID / $IDPID"
tui_wait "^User +real $IDUID( \([^)]*\))?, effective $IDUID( \([^)]*\))?, saved $IDUID"
tui_wait "^Group +real $IDGID, effective $IDGID, saved $IDGID"
tui_keys Escape

# Play to the end.
tui_keys X Z
tui_wait 'playing x10'
tui_wait "sample $n/$n " 30
tui_wait 'paused'
tui_quit
tui_stop

# 80x24: the bar and the list still fit; quit works.
TUI_W=80 TUI_H=24 tui_start --replay "$REC" -p "$PIDS"
tui_wait "Replay [0-9-]+ [0-9:]+  sample 1/$n  paused"
tui_wait "pt-niced"
tui_keys '}'
tui_wait "sample $n/$n "
tui_keys '{'
tui_wait "sample 1/$n "
tui_keys k
tui_wait 'replay: actions are disabled'
tui_quit
tui_stop

# A damaged frame (the last one, a delta: bytes flipped inside it): its
# sample says so (bar and message) and the samples before it still show.
cp -r "$REC" "$TUI_TMP/dmg"
rm -f "$TUI_TMP/dmg/lock"
f=$(ls "$TUI_TMP"/dmg/*.ptr | tail -1)
size=$(stat -c %s "$f")
printf '\377\377\377\377\377\377\377\377' |
	dd of="$f" bs=1 seek=$((size - 64)) conv=notrunc 2>/dev/null
tui_start --replay "$TUI_TMP/dmg" -p "$PIDS"
tui_wait "sample 1/"
tui_keys E
tui_wait "sample $n/$n DAMAGED"
tui_wait 'damaged frame at offset [0-9]+'
tui_wait 'No sample \(damaged\)'
tui_keys '('
tui_wait "pt-niced 600"
tui_quit
tui_stop

# A recording still being written: E (and playing on at the end) take
# the samples the recorder added since the replay opened it.
"$PROCTOP" --record "$TUI_TMP/rec2" -d 0.2 2>"$TUI_TMP/rec2.err" &
RECORDER=$!
wait_samples 2 "$TUI_TMP/rec2"
tui_start --replay "$TUI_TMP/rec2" -p "$NICED"
tui_wait "sample 1/[0-9]+ "
n1=$(tui_screen | sed -nE 's/.*sample 1\/([0-9]+) .*/\1/p')
wait_samples $((n1 + 2)) "$TUI_TMP/rec2"
tui_keys E
tui_wait "sample ([0-9]+)/\\1 "
n2=$(tui_screen | sed -nE 's/.*sample ([0-9]+)\/[0-9]+ .*/\1/p')
[ "$n2" -gt "$n1" ] || tui_fail "E did not take the new samples ($n1 -> $n2)"
kill -TERM "$RECORDER"
wait "$RECORDER"
RECORDER=
tui_quit
tui_stop

# A recording of the previous format version (1, without ids and caps):
# it replays, and details show the subset it holds.
tui_start --replay "$(cd "$(dirname "$0")/../fixtures/rec-v1" && pwd)" -p 1
tui_wait 'sample 1/5 '
tui_wait '^ *1 .*/sbin/init splash'
tui_keys d
tui_wait '^PID +1$'
tui_wait '^Capabilities +-'
tui_keys Escape
tui_quit
tui_stop

# A path that is not a recording: one clear line, exit status 1.
echo "not a recording" >"$TUI_TMP/foreign.ptr"
tui_start --replay "$TUI_TMP/foreign.ptr"
tui_wait 'proctop: .*foreign.ptr: not a proctop recording'
tui_wait 'PROCTOP-EXIT=1'
echo "ok"
