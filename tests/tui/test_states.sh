#!/bin/bash
# The header's per-state counts include the stopped and the zombie child
# (they equal the counts in /proc); their rows show T and Z.
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children
tui_start -d 0.5 -p "$KID_PIDS"
tui_wait 'pt-stopped'
tui_wait "^ *$KID_pt_stopped .* T .*pt-stopped --child"
tui_wait "^ *$KID_pt_zombie .* Z .*pt-zombie <defunct>"
tui_wait "^ *$KID_pt_sleep_a .* S .*pt-sleep-a --child"

# Count states the way the kernel reports them, and compare with the
# header; retry while unrelated processes change state.
kernel_count() {
	cat /proc/[0-9]*/stat 2>/dev/null |
		sed -E 's/.*\) ([A-Za-z]) .*/\1/' | grep -c "^$1\$"
}
ok=0
for i in $(seq 1 40); do
	header=$(tui_screen | grep 'Tasks:')
	t=$(sed -nE 's/.* ([0-9]+) T,.*/\1/p' <<<"$header")
	z=$(sed -nE 's/.* ([0-9]+) Z,.*/\1/p' <<<"$header")
	kt=$(kernel_count T)
	kz=$(kernel_count Z)
	if [ -n "$t" ] && [ -n "$z" ] && [ "$t" -ge 1 ] && [ "$z" -ge 1 ] &&
	   [ "$t" = "$kt" ] && [ "$z" = "$kz" ]; then
		ok=1
		break
	fi
	sleep 0.25
done
[ $ok = 1 ] || tui_fail "header T=$t Z=$z, kernel T=$kt Z=$kz"
for s in R S D t I; do
	tui_screen | grep 'Tasks:' | grep -Eq "[0-9]+ $s(,|\$| )" ||
		tui_fail "no count for state $s in the Tasks line"
done
tui_quit
echo "ok"
