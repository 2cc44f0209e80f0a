# A command line of 256 MiB, made by an unprivileged process with
# prctl(PR_SET_MM_MAP) (the child drops to nobody when we are root): proctop
# reads at most 128 KiB of it, keeps RSS and refresh time flat, and marks
# the command line as truncated.  Before the cap, one -b -n 1 took 2.4 s
# and 268 MB.
. "$(dirname "$0")/lib.sh"

start_children hugecmd
P=${PIDS[hugecmd]}
CAP=$((128 * 1024))
# Under AddressSanitizer the allocator and shadow memory add ~20 MB; the
# bound still catches the uncapped read (268 MB).
LIMIT_KB=20000
# (not "ldd | grep -q": under pipefail, grep leaving early can SIGPIPE
# ldd and make the test miss the sanitizer)
case "$(ldd "$PROCTOP" 2>/dev/null)" in
*libasan*) LIMIT_KB=100000 ;;
esac

# --- batch ---------------------------------------------------------------
/usr/bin/time -f '%M %e' -o "$TMP/time" "$PROCTOP" -b -n 1 -p "$P" \
	-o pid,user,cmd --format json >"$TMP/out" 2>"$TMP/err"
check "batch: exit 0" [ $? -eq 0 ]
read -r kb secs <"$TMP/time"
echo "batch: peak RSS $kb KiB, $secs s"
check "batch: peak RSS under $LIMIT_KB KiB ($kb KiB)" [ "$kb" -lt "$LIMIT_KB" ]
check "batch: well under the 2.4 s of an uncapped read ($secs s)" \
	awk -v s="$secs" 'BEGIN { exit !(s < 1.5) }'
if [ "$(id -u)" -eq 0 ]; then
	check "batch: the child runs as nobody" \
		grep -q '"user":"nobody"' "$TMP/out"
fi
python3 - "$TMP/out" "$CAP" >"$TMP/py" 2>&1 <<'PY'
import json, sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[-1])
cmd = rec["processes"][0]["cmdline"]
cap = int(sys.argv[2])
assert cmd.endswith(" [truncated]"), cmd[-40:]
body = cmd[:-len(" [truncated]")]
assert len(body) == cap, len(body)
assert set(body) == {"A"}, "unexpected bytes"
print("ok")
PY
check "batch: cmdline is the first 128 KiB, marked truncated ($(tail -1 "$TMP/py"))" \
	grep -qx ok "$TMP/py"

# --- TUI with the row on screen: re-read every refresh ---------------------
if command -v tmux >/dev/null; then
	SOCK=pt-hugecmd-$$
	on_exit "tmux -L $SOCK kill-server 2>/dev/null"
	tmux -L "$SOCK" -f /dev/null new-session -d -x 160 -y 40 \
		"exec env TERM=tmux-256color HOME=$TMP XDG_CONFIG_HOME=$TMP $PROCTOP -d 0.2 -p $P" ||
		fail "tmux new-session"
	TP=$(tmux -L "$SOCK" display -p '#{pane_pid}')
	for _ in $(seq 1 100); do
		grep -q 'AAAAAAAAAA' <<<"$(tmux -L "$SOCK" capture-pane -p)" &&
			break
		sleep 0.05
	done
	check "TUI: the row is on screen" \
		bash -c "tmux -L $SOCK capture-pane -p | grep -q AAAAAAAAAA"
	t0=$(awk '{ print $14 + $15 }' "/proc/$TP/stat")
	sleep 3     # ~15 refreshes, each re-reading the row's command line
	t1=$(awk '{ print $14 + $15 }' "/proc/$TP/stat")
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$TP/status")
	hz=$(getconf CLK_TCK)
	echo "TUI: VmHWM $hwm KiB, $((t1 - t0)) ticks of CPU in 3 s"
	check "TUI: peak RSS under $LIMIT_KB KiB ($hwm KiB)" \
		[ "$hwm" -lt "$LIMIT_KB" ]
	# uncapped, the re-reads kept a whole core busy (3 s of CPU)
	check "TUI: under half a core while re-reading the row" \
		[ $(((t1 - t0) * 1000 / hz)) -lt 1500 ]
	tmux -L "$SOCK" send-keys q
fi

finish
