#!/bin/bash
# The map screen of a root process, with proctop running as nobody: a clear
# message naming ptrace access and CAP_SYS_PTRACE instead of an empty table.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-map.sh"
tui_init "$@"
[ "$(id -u)" -eq 0 ] || tui_skip "needs root to run proctop as nobody"
command -v setpriv >/dev/null || tui_skip "setpriv (util-linux) not installed"
group=nogroup
getent group nogroup >/dev/null || group=nobody
setpriv --reuid=nobody --regid="$group" --clear-groups test -x "$PROCTOP" ||
	tui_skip "nobody cannot run $PROCTOP"
map_child child sleep
pid=$MAP_PID
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
