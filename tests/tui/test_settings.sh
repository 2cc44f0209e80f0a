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
tui_wait 'saving keeps it as proctoprc.bad'
tui_quit
tui_stop
# Unchanged: left alone.  Changed: the refused file is kept as .bad.
[ -e "$RC.bad" ] && tui_fail "proctoprc.bad made without a save"
tui_start -d 0.5
tui_wait 'PID(▼|v|▲|\^) +USER'
tui_keys t
tui_wait '^ *PID.*COMMAND'
sleep 0.3
tui_quit
tui_stop
grep -q nosuch "$RC.bad" || tui_fail "refused file not kept as proctoprc.bad"
grep -q '^tree = yes' "$RC" || tui_fail "settings not saved after a bad file"
grep -q nosuch "$RC" && tui_fail "bad line saved again"

# Two instances: A turns the tree view on, B hides kernel threads; A quits
# first, then B: the file holds both changes.
printf 'tree = no\nkernel_threads = yes\n' > "$RC"
sock_a=$TUI_SOCK
tui_start -d 0.5
tui_wait 'PID +USER'
sock_b=${TUI_SOCK%%.*}.b
TUI_SOCK=$sock_b
tui_start -d 0.5
tui_wait 'PID +USER'
TUI_SOCK=$sock_a
tui_keys t
sleep 0.3
tui_quit
tmux -L "$sock_a" kill-server 2>/dev/null
grep -q '^tree = yes' "$RC" || tui_fail "instance A did not save"
TUI_SOCK=$sock_b
tui_keys K
sleep 0.3
tui_quit
grep -q '^tree = yes' "$RC" || tui_fail "B overwrote A's tree = yes"
grep -q '^kernel_threads = no' "$RC" || tui_fail "B's change not saved"
tui_stop

# A symlinked config directory that is not the user's own (writable by
# others): not read, not written.
mv "$XDG_CONFIG_HOME/proctop" "$TUI_TMP/shared-cfg"
chmod 0777 "$TUI_TMP/shared-cfg"
ln -s "$TUI_TMP/shared-cfg" "$XDG_CONFIG_HOME/proctop"
before=$(cat "$TUI_TMP/shared-cfg/proctoprc")
tui_start -d 0.5
tui_wait 'not reading settings: .* is a symbolic link to a directory writable'
tui_keys t
sleep 0.3
tui_keys q
tui_wait 'PROCTOP-EXIT=' 30
tui_screen | grep -q 'not saving settings' || tui_fail "no refusal at save"
[ "$(cat "$TUI_TMP/shared-cfg/proctoprc")" = "$before" ] ||
	tui_fail "written through a symlinked directory"
echo "ok"
