#!/bin/bash
# htop's keys and behaviour (issue 9), at 160x40 and 80x24:
# - the selection starts on the top row and stays there while the list
#   re-sorts (a process that starts using CPU takes the top row, and the
#   selection with it), until the user moves it or presses F;
# - the uptime shows seconds;
# - T sorts by TIME+, S and C open setup, o the thread screen, d details,
#   v the map, f the memory screen;
# - an unknown key shows a one-line hint ("—" in UTF-8, "-" in the C
#   locale) on a line of its own: the function-key bar stays in sight;
# - the tree has its own sort (PID): a busy child does not jump ahead of
#   its older sibling; --tree in batch the same;
# - p hides / shows the program's path, m puts the executable's name
#   first when argv[0] does not name it (both saved);
# - search and filter find a process by a name that is only in the
#   argv[0] it rewrote after proctop first read it, below the screen.
. "$(dirname "$0")/lib.sh"
tui_init "$@"

# A parent with an older sleeping child and a younger one that starts
# burning CPU after a second.
sh -c 'sleep 600 & (sleep 1; while :; do :; done) & wait' &
fam=$!
sleep 0.3
kids=$(ps -o pid= --ppid "$fam" | tr -d ' ' | sort -n | tr '\n' ' ')
set -- $kids
old=$1 busy=$2
[ -n "$old" ] && [ -n "$busy" ] || tui_fail "family not started: '$kids'"
cleanup_fam() { kill "$old" "$busy" "$fam" 2>/dev/null; }
trap 'cleanup_fam; tui_cleanup' EXIT

for size in 160x40 80x24; do
	export TUI_W=${size%x*} TUI_H=${size#*x}
	export LC_ALL=C.UTF-8
	tui_start -d 0.5 -p "$fam,$old,$busy"
	tui_wait "^ *$busy .*[1-9][0-9.]* +[0-9.]+ +[0-9:.]+ +\\(?sh"
	# The busy child took the top row: the selection went with the row.
	top=$(tui_screen | grep -E "^ *[0-9]+ " | head -1 | awk '{print $1}')
	[ "$top" = "$busy" ] || tui_fail "top row is $top, not $busy"
	# The uptime has seconds, as htop's.
	tui_screen | grep -Eq "Uptime: ([0-9]+ days?, )?[0-9]{2}:[0-9]{2}:[0-9]{2}" ||
		tui_fail "uptime without seconds"
	tui_keys d
	tui_wait "Details of $busy "
	tui_keys q
	# Once moved, the selection follows the process.
	tui_keys Down Up Down
	tui_keys d
	sel=$(tui_screen | sed -nE 's/.*Details of ([0-9]+) .*/\1/p' | head -1)
	[ -n "$sel" ] && [ "$sel" != "$busy" ] || tui_fail "Down did not move"
	tui_keys q
	# An unknown key: a hint on its own line, the bar still there.
	tui_keys j
	tui_wait "Unknown key j — F1 for help"
	tui_screen | tail -1 | grep -q 'F1Help' ||
		tui_fail "the message hid the function keys"
	msg=$(tui_line_of 'Unknown key j')
	[ "$msg" -eq $((TUI_H - 1)) ] || tui_fail "message on line $msg"
	tui_keys Left      # any key clears it
	tui_wait_gone 'Unknown key'
	# T sorts by TIME+.
	tui_keys T
	tui_wait 'TIME\+(▼|v)'
	# S and C: setup; o: threads; d: details; v: map; f: memory.
	for k in S C; do
		tui_keys "$k"
		tui_wait 'Shown columns'
		tui_keys Escape
		tui_wait 'PID.? +USER'
	done
	tui_keys o
	tui_wait "Threads of [0-9]+"
	tui_keys Escape
	tui_keys v
	tui_wait "Map of [0-9]+"
	tui_keys Escape
	tui_keys f
	tui_wait "Memory and swap"
	tui_keys Escape
	tui_wait 'PID.? +USER'
	# The tree's own sort: the younger, busy child stays after the older
	# one although the list sorts by CPU%; T in the tree sorts the tree.
	tui_keys t
	tui_wait "^ *$busy .*(└─|\`-)"
	o=$(tui_line_of "^ *$old ")
	b=$(tui_line_of "^ *$busy ")
	[ "$o" -gt 0 ] && [ "$b" -gt "$o" ] || tui_fail "tree order $o $b"
	tui_wait 'PID(▲|\^)'
	tui_keys t
	tui_wait 'TIME\+(▼|v)'
	tui_quit
	tui_stop
done

# The C locale: the hint's dash is ASCII.
# F follows the selected process, as in htop: pressed on the top row at
# start (before any move), the selection stays on that process when I
# turns the order over; without F it would stay on the top row.
tui_start -d 0.5 -p "$fam,$old,$busy" -s pid
tui_wait "^ *$busy "
top=$(tui_screen | grep -E "^ *[0-9]+ " | head -1 | awk '{print $1}')
tui_keys F
tui_wait "Following PID $top:"
tui_keys I
for ((i = 0; i < 100; i++)); do
	first=$(tui_screen | grep -E "^ *[0-9]+ " | head -1 | awk '{print $1}')
	[ "$first" != "$top" ] && break
	sleep 0.05
done
[ "$first" != "$top" ] || tui_fail "I did not turn the order over"
tui_keys d
tui_wait "Details of $top "
tui_keys q
tui_quit
tui_stop

LC_ALL=C tui_start -d 0.5 -p "$fam"
tui_wait 'PID.? +USER'
tui_keys j
tui_wait "Unknown key j - F1 for help"
tui_quit
tui_stop

# --tree in batch: siblings by PID whatever -s... unless -s is given.
out=$("$PROCTOP" -b -n 2 -d 0.3 --tree -p "$fam,$old,$busy" -o pid,cpu,cmd)
o=$(grep -nE "^ *$old " <<<"$out" | tail -1 | cut -d: -f1)
b=$(grep -nE "^ *$busy " <<<"$out" | tail -1 | cut -d: -f1)
[ -n "$o" ] && [ -n "$b" ] && [ "$b" -gt "$o" ] ||
	tui_fail "batch --tree order: $out"

# p: the program's path on / off; m: the executable's name first when
# argv[0] does not name it (UTF-8 "│", C locale "|").
(exec -a pt-renamed-zq sleep 600) &
ren=$!
"$CHILDREN" --files "$TUI_TMP/pfile" >/dev/null &
pf=$!
sleep 0.3
for loc in C.UTF-8 C; do
	export TUI_W=160 TUI_H=40 LC_ALL=$loc
	tui_start -d 0.5 -p "$ren,$pf" -s pid
	tui_wait "^ *$pf .* $CHILDREN --files"
	tui_keys p
	tui_wait "^ *$pf .*[0-9] tui_children --files"
	tui_screen | tail -1 | grep -q 'F1Help' || tui_fail "the bar is hidden"
	tui_wait "^ *$ren .*[0-9] pt-renamed-zq 600"
	tui_keys m
	if [ "$loc" = C ]; then sep='\|'; else sep='│'; fi
	tui_wait "^ *$ren .*[0-9] sleep${sep}pt-renamed-zq 600"
	# argv[0] naming the executable: nothing added
	tui_screen | grep -Eq "^ *$pf .*[0-9] tui_children --files" ||
		tui_fail "merged changed a command whose argv[0] is the program"
	tui_quit
	tui_stop
	# saved: the next start keeps p and m off / on
	grep -q '^program_path = no' "$RC" && grep -q '^merged_command = yes' "$RC" ||
		tui_fail "p / m not saved"
	rm -f "$RC"
done
kill "$ren" "$pf"

# Search and filter see a command line rewritten after it was first
# read, on a process below the screen.
filler=$(printf 'f%.0s' $(seq 1 40))
(exec -a "$filler" "$CHILDREN" --rewrite 2 pt-rewritten-zq) &
rw=$!
export TUI_W=80 TUI_H=24 LC_ALL=C.UTF-8
tui_start -d 0.5 -s pid
tui_wait 'PID.? +USER'
sleep 3
tui_screen | grep -q "^ *$rw " && echo "note: $rw is on screen"
tui_keys /
tui_type pt-rewritten
tui_wait 'Search: pt-rewritten'
sleep 0.3
tui_screen | grep -q 'no match' && tui_fail "search missed the rewritten argv"
tui_keys Enter d
tui_wait "Details of $rw "
tui_keys q
tui_keys '\'
tui_type pt-rewritten-zq
tui_keys Enter
tui_wait "^ *$rw .*pt-rewritten-zq"
tui_keys Escape
tui_quit
kill "$rw"
echo "ok"
