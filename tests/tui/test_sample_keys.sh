#!/bin/bash
# A key pressed while a sample is being read is handled before the sample
# ends: proctop reads a big --proc-root tree (5,000 processes) under
# strace, which makes every sample last seconds; '/' is sent during one,
# and the system-call trace must show the key read and the screen written
# between two process reads of that same sample.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
command -v strace >/dev/null || tui_skip "strace is not installed"
FIXTURE=$(dirname "$(readlink -f "$0")")/../fixtures/proc
TREE=$TUI_TMP/proc
N=5000

mkdir -p "$TREE"
cp "$FIXTURE"/meminfo "$FIXTURE"/vmstat "$FIXTURE"/loadavg "$FIXTURE"/stat \
	"$FIXTURE"/uptime "$TREE"/ 2>/dev/null
python3 - "$TREE" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for pid in range(1000, 1000 + n):
    d = os.path.join(root, str(pid))
    os.mkdir(d)
    with open(os.path.join(d, "stat"), "w") as f:
        f.write(f"{pid} (worker{pid}) S 1 {pid} {pid} 0 -1 4194304 1 0 3 0 "
                "7 3 0 0 20 0 1 0 1000 4096000 100 18446744073709551615 1 1 "
                "0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n")
    with open(os.path.join(d, "statm"), "w") as f:
        f.write("1000 100 50 10 0 40 0\n")
    with open(os.path.join(d, "cmdline"), "wb") as f:
        f.write(b"worker\0--id\0%d\0" % pid)
PY

LOG=$TUI_TMP/trace
TRACE="strace -o $LOG -tt -e trace=getdents64,read,write,openat"
tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s pt -x 160 -y 40 \
	"exec env TERM=tmux-256color HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' LSAN_OPTIONS='$LSAN_OPTIONS' $TRACE '$PROCTOP' --proc-root '$TREE' -d 0.1; sleep 600" ||
	tui_fail "tmux new-session failed"
tui_wait 'worker' 60          # the first sample is complete
sleep 0.3                     # the second is under way (0.1 s delay)
tui_type '/'
tui_wait 'Search:' 20
tui_keys Escape
tui_keys q
for _ in $(seq 1 200); do
	grep -q 'exited with' "$LOG" 2>/dev/null && break
	sleep 0.1
done

# In the trace: the read of '/' from the terminal, then a write to it (the
# prompt drawn), and after both, more per-process opens before the next
# listing of the root (getdents64) or the end: the sample went on.
awk '
	/getdents64\(/ { listing++ }
	/read\(0, "\/"/ && !key { key = NR; key_listing = listing }
	key && !drawn && NR > key && /write\(1,/ { drawn = NR }
	drawn && NR > drawn && /openat\(.*"[0-9]+\/stat"|openat\([0-9]+, "[0-9]+"/ &&
		listing == key_listing { after++ }
	END {
		printf "key at line %d, drawn at %d, %d process reads after it in the same sample\n", key, drawn, after
		exit !(key && drawn && after > 0)
	}' "$LOG" || { grep -n 'read(0' "$LOG" | head; tui_fail "the key waited for the sample"; }
echo ok
