#!/bin/bash
# The numbers on screen against their oracles, at 160x40 and 80x24, in a
# UTF-8 and in the C locale: the Mem and Swp meters carry units in the one
# unit system (totals as free -k gives them, formatted by the rule of the
# man page, re-implemented here); RES of the 64 MiB child equals ps's rss
# in that system; a zombie's memory columns are all "-"; the header's
# "thr" counts userland threads besides the main ones, as htop does;
# before the first interval the CPU meters and CPU% agree on "-".
. "$(dirname "$0")/lib.sh"
tui_init "$@"
tui_children

# units_size's rule (see COLUMNS in the manual), independently written.
fmt_kib() {
	python3 - "$1" <<'PY'
import sys
v, u = int(sys.argv[1]), 0
while u < 6 and v >> (10 * (u + 1)):
    u += 1
if u == 0:
    print("%dK" % v)
else:
    x = v / float(1 << (10 * u))
    p = 2 if v * 100 <= 999 << (10 * u) else 1 if v * 10 <= 999 << (10 * u) else 0
    n = (v * 10 ** p * 2 + (1 << (10 * u))) // (2 << (10 * u))
    s = str(n) if p == 0 else "%d.%0*d" % (n // 10 ** p, p, n % 10 ** p)
    print(s + "KMGTPEZ"[u])
PY
}

# htop's "thr": threads of userland processes besides their main thread.
kernel_thr() {
	python3 - <<'PY'
import os
n = 0
for d in os.listdir("/proc"):
    if not d.isdigit():
        continue
    try:
        f = open("/proc/%s/stat" % d).read()
    except OSError:
        continue
    rest = f[f.rindex(")") + 2:].split()
    if int(rest[6]) & 0x00200000:      # PF_KTHREAD
        continue
    n += int(rest[17]) - 1
print(n)
PY
}

mem_total=$(free -k | awk '/^Mem:/ { print $2 }')
swap_total=$(free -k | awk '/^Swap:/ { print $2 }')
want_mem=$(fmt_kib "$mem_total")
want_swap=$(fmt_kib "$swap_total")
UNIT='[0-9]+(\.[0-9]+)?[KMGTPE]'

check_screen() {
	local what=$1
	tui_wait "^ *$KID_pt_mem64 .*pt-mem64"
	tui_wait "^ *$KID_pt_zombie .*pt-zombie"
	# the meters: used/total, both with units; totals as free says
	tui_wait "Mem\\[.*$UNIT/$want_mem\\]" ||
		tui_fail "$what: Mem meter is not used/$want_mem with units"
	tui_wait "Swp\\[.*$UNIT/$want_swap\\]" ||
		tui_fail "$what: Swp meter is not used/$want_swap with units"
	tui_screen | grep -E '(Mem|Swp)\[' | grep -Eq "[ \\[][0-9]+/" &&
		tui_fail "$what: a meter shows a bare number"
	# RES of the 64 MiB child: ps's rss in the screen's unit system
	local rss want row
	rss=$(ps -o rss= -p "$KID_pt_mem64" | tr -d ' ')
	want=$(fmt_kib "$rss")
	row=$(tui_screen | grep -E "^ *$KID_pt_mem64 ")
	grep -Eq " $want " <<<"$row" ||
		tui_fail "$what: RES of pt-mem64 is not $want (ps rss $rss): $row"
	# the zombie: no address space, every memory value "-"
	row=$(tui_screen | grep -E "^ *$KID_pt_zombie ")
	grep -Eq " $UNIT " <<<" $row " &&
		tui_fail "$what: the zombie shows a memory value: $row"
	# RES and MEM% at least (80 columns hide VIRT, SHR and SWAP)
	[ "$(tr -s ' ' '\n' <<<"$row" | grep -cx -- -)" -ge 2 ] ||
		tui_fail "$what: the zombie's memory is not -: $row"
	# thr as htop counts it (retry while other processes come and go)
	local ok=0 thr k
	for i in $(seq 1 40); do
		thr=$(tui_screen | sed -nE 's/.*Tasks: [0-9]+, ([0-9]+) thr, .*/\1/p')
		k=$(kernel_thr)
		if [ -n "$thr" ] && [ "$thr" -ge 3 ] && [ "$thr" = "$k" ]; then
			ok=1
			break
		fi
		sleep 0.25
	done
	[ $ok = 1 ] || tui_fail "$what: header thr=${thr:-?}, kernel $k"
	echo "ok: $what (Mem total $want_mem, Swp total $want_swap, RES $want, thr $thr)"
}

for size in 160x40 80x24; do
	for loc in C.UTF-8 C; do
		export LC_ALL=$loc
		TUI_W=${size%x*} TUI_H=${size#*x}
		tui_start -d 0.5 -p "$KID_PIDS,$KID_pt_zombie"
		check_screen "$size $loc"
		tui_quit
		tui_stop
	done
done

# Before the first interval CPU use is not known: the CPU meters and the
# list's CPU% both say "-" (the next refresh is 30 s away).
export LC_ALL=C.UTF-8 TUI_W=160 TUI_H=40
tui_start -d 30 -p "$KID_PIDS"
tui_wait "^ *$KID_pt_mem64 .*pt-mem64"
tui_screen | grep -Eq '^ *[0-9]+\[ *-\]' ||
	tui_fail "the CPU meters show a number before the first interval"
row=$(tui_screen | grep -E "^ *$KID_pt_mem64 ")
cpu=$(tui_screen | awk '/^ *PID / { for (i = 1; i <= NF; i++) if ($i ~ /^CPU%/) c = i }
	c && $1 == '"$KID_pt_mem64"' { print $c }')
[ "$cpu" = "-" ] || tui_fail "CPU% before the first interval is '$cpu', not -: $row"
tui_quit
echo "ok"
