#!/bin/bash
# F2 removes a column; after a restart it is still removed (saved, 0600);
# a corrupted proctoprc starts with the defaults and a warning.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_start -d 0.5
tui_wait ' SHR '
tui_keys F2
tui_wait 'Shown columns'
# PID USER PRI NI VIRT RES SHR: SHR is the 7th.
tui_keys Down Down Down Down Down Down
tui_keys DC
tui_keys Escape
tui_wait 'PID +USER'
tui_screen | grep -E '^ *PID' | grep -q 'SHR' && tui_fail "SHR still shown"
# Saved when leaving the setup screen (not only at quit).
[ -f "$RC" ] || tui_fail "settings not saved when leaving setup"
tui_quit
[ -f "$RC" ] || tui_fail "settings not saved to $RC"
[ "$(stat -c %a "$RC")" = 600 ] || tui_fail "proctoprc mode is not 0600"
grep -q '^columns = ' "$RC" || tui_fail "no columns line in $RC"
grep '^columns = ' "$RC" | grep -q shr && tui_fail "shr still saved"
tui_stop

# Restart: still removed.
tui_start -d 0.5
tui_wait 'PID +USER'
tui_wait ' RES '
tui_screen | grep -E '^ *PID' | grep -q 'SHR' && tui_fail "SHR back after restart"
tui_quit
tui_stop

# Command-line options win for the run and are not saved: -o, -s, --tree.
before=$(cat "$RC")
tui_start -d 0.5 -o pid,state,cmd -s pid --tree
tui_wait '^ *PID(▲|\^)? S +COMMAND'
tui_quit
tui_stop
[ "$(cat "$RC")" = "$before" ] || tui_fail "command-line options were saved"

# --config FILE: read and written there, not in the XDG file.
other="$TUI_TMP/other.rc"
printf 'columns = pid,user,cmd\nsort = pid\nsort_order = asc\n' > "$other"
tui_start -d 0.5 --config "$other"
tui_wait '^ *PID(▲|\^) USER +COMMAND'
tui_keys I
tui_wait '^ *PID(▼|v) USER'
tui_quit
tui_stop
grep -q '^sort_order = desc' "$other" || tui_fail "--config file not saved"
[ "$(cat "$RC")" = "$before" ] || tui_fail "XDG file changed with --config"
[ "$(stat -c %a "$other")" = 600 ] || tui_fail "--config file not 0600"

# A symlinked proctoprc is read but never written through.
victim="$TUI_TMP/victim"
cp "$RC" "$victim"
rm "$RC"
ln -s "$victim" "$RC"
tui_start -d 0.5
tui_wait 'PID +USER'
tui_keys N
tui_wait 'PID(▲|\^)'
tui_quit
tui_screen | grep -q 'symbolic link' || tui_fail "no message about the symlink"
[ -L "$RC" ] || tui_fail "the symlink was replaced"
cmp -s "$victim" "$TUI_TMP/victim" && grep -q '^sort = cpu' "$victim" ||
	tui_fail "written through the symlink"
tui_stop
rm -f "$RC"

# A corrupted file: defaults (SHR shown again) and a warning.
printf 'columns = pid\n\001\002\377\000garbage' > "$RC"
tui_start -d 0.5
tui_wait 'using the defaults'
tui_wait ' SHR '
tui_quit
# Not changed by the user: the broken file is left alone.
grep -q garbage "$RC" || tui_fail "proctoprc rewritten without a change"
tui_stop

# A malformed line: a warning naming the line; the good lines apply.
printf 'sort = pid\ncolumns = pid,nosuch,cmd\n' > "$RC"
tui_start -d 0.5
tui_wait "line 2: unknown column 'nosuch'; ignored"
tui_wait '^ *PID(▼|v|▲|\^) +USER'
tui_quit
echo "ok"
