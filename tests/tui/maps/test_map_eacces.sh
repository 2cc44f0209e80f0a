#!/bin/bash
# The map screen of a root process, with proctop running as nobody: a clear
# message naming ptrace access and CAP_SYS_PTRACE instead of an empty table.
. "$(dirname "$0")/../lib.sh"
tui_init "$@"
[ "$(id -u)" -eq 0 ] || tui_skip "needs root to run proctop as nobody"
command -v setpriv >/dev/null || tui_skip "setpriv (util-linux) not installed"
group=nogroup
getent group nogroup >/dev/null || group=nobody
setpriv --reuid=nobody --regid="$group" --clear-groups test -x "$PROCTOP" ||
	tui_skip "nobody cannot run $PROCTOP"
"$CHILDREN" sleep >"$TUI_TMP/child" 2>&1 &
TUI_KIDS_PID=$!
for i in $(seq 1 200); do
	grep -qx ready "$TUI_TMP/child" 2>/dev/null && break
	sleep 0.05
done
pid=$(awk '$1 == "pid" { print $2 }' "$TUI_TMP/child")
[ -n "$pid" ] || tui_fail "mapchild did not start"
real=$PROCTOP
PROCTOP=$TUI_TMP/as-nobody
printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=%s --clear-groups env HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent "%s" "$@"\n' \
	"$group" "$real" >"$PROCTOP"
chmod 755 "$PROCTOP"
tui_start -d 1 -p "$pid"
tui_wait "mapchild sleep"
tui_keys v
tui_wait "Permission denied reading /proc/$pid/smaps"
tui_wait "ptrace read access"
tui_wait "CAP_SYS_PTRACE"
tui_screen | grep -q "Start-End" && tui_fail "an empty table is shown"
tui_keys Escape
tui_wait "PID +USER"
tui_quit
echo ok
