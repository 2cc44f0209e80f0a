# Capabilities: caps_drop keeps exactly the documented sets (and never adds
# one); proctop --drop-capabilities=strict runs with only the reading ones;
# the details of a child with a known capability set decode to its names.
. "$(dirname "$0")/common.sh"
need_root

hex() { printf '%016x' "$1"; }
prm=$((16#$(awk '/^CapPrm:/ {print $2}' /proc/self/status)))
read_bits=$(((1 << 2) | (1 << 19)))           # DAC_READ_SEARCH, SYS_PTRACE
basic_bits=$((read_bits | (1 << 5) | (1 << 23)))   # + KILL, SYS_NICE

out=$("$DRV" drop strict)
expect_eq "strict CapEff" "$(awk '/^CapEff:/ {print $2}' <<<"$out")" "$(hex $((read_bits & prm)))"
expect_eq "strict CapPrm" "$(awk '/^CapPrm:/ {print $2}' <<<"$out")" "$(hex $((read_bits & prm)))"
expect_eq "strict CapBnd" "$(awk '/^CapBnd:/ {print $2}' <<<"$out")" "$(hex $((read_bits & prm)))"
expect_eq "strict CapAmb" "$(awk '/^CapAmb:/ {print $2}' <<<"$out")" "$(hex 0)"
out=$("$DRV" drop basic)
expect_eq "basic CapEff" "$(awk '/^CapEff:/ {print $2}' <<<"$out")" "$(hex $((basic_bits & prm)))"
out=$("$DRV" drop off)
expect_eq "off keeps CapEff" "$(awk '/^CapEff:/ {print $2}' <<<"$out")" "$(hex "$prm")"

# Never adds: a process permitted only CAP_KILL (and CAP_NET_RAW) keeps
# CAP_KILL alone under basic.
if command -v setpriv >/dev/null; then
	PD=$(public_driver)
	out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=+kill,+net_raw --ambient-caps=+kill,+net_raw "$PD" drop basic)
	expect_eq "basic never adds" "$(awk '/^CapEff:/ {print $2}' <<<"$out")" "$(hex $((1 << 5)))"
	expect_eq "basic never adds (permitted)" "$(awk '/^CapPrm:/ {print $2}' <<<"$out")" "$(hex $((1 << 5)))"
	expect_eq "ambient cleared" "$(awk '/^CapAmb:/ {print $2}' <<<"$out")" "$(hex 0)"

	# Details of a child with a known set: decoded names.
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=+net_raw,+kill --ambient-caps=+net_raw,+kill sleep 300 &
	kid=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(cat "/proc/$kid/comm" 2>/dev/null)" = sleep ] && break
		sleep 0.05
	done
	out=$("$DRV" details "$kid" now)
	expect_eq "details effective" "$(sed -n 's/^cap_eff: //p' <<<"$out")" "cap_kill,cap_net_raw"
	expect_eq "details permitted" "$(sed -n 's/^cap_prm: //p' <<<"$out")" "cap_kill,cap_net_raw"
	expect_eq "details inheritable" "$(sed -n 's/^cap_inh: //p' <<<"$out")" "cap_kill,cap_net_raw"
	expect_eq "details ambient" "$(sed -n 's/^cap_amb: //p' <<<"$out")" "cap_kill,cap_net_raw"
	expect_eq "details uids" "$(sed -n 's/^uid: //p' <<<"$out")" "65534 65534 65534"
	expect_eq "details exe" "$(sed -n 's/^exe: //p' <<<"$out")" "$(readlink /proc/$kid/exe)"
	expect_eq "details cwd" "$(sed -n 's/^cwd: //p' <<<"$out")" "$(readlink /proc/$kid/cwd)"
	expect_eq "details oom_score_adj" "$(sed -n 's/^oom_score_adj: //p' <<<"$out")" "$(cat /proc/$kid/oom_score_adj)"
	expect_eq "details pgid" "$(sed -n 's/^pgid: //p' <<<"$out")" "$(ps -o pgid= -p "$kid" | tr -d ' ')"
	expect_eq "details sid" "$(sed -n 's/^sid: //p' <<<"$out")" "$(ps -o sid= -p "$kid" | tr -d ' ')"
	expect_eq "details affinity" "$(sed -n 's/^affinity: //p' <<<"$out")" \
		"$(awk '/^Cpus_allowed_list:/ {print $2}' /proc/$kid/status)"
	out=$("$DRV" details "$kid" 1)
	expect_eq "details of a reused pid" "$out" "details: No such process"
fi

# proctop itself drops them before it reads anything: watch its status
# while it runs (strict, and the default, basic).
# watch_caps WANT ARGS...: 0 when CapEff and CapBnd of proctop ARGS were
# seen equal to WANT while it ran, and it exited 0.
watch_caps() {
	local want=$1 pt seen= eff bnd
	shift
	"$PROCTOP" -b -n 4 -d 0.5 "$@" >"$TMP/pt.out" 2>"$TMP/pt.err" &
	pt=$!
	while kill -0 "$pt" 2>/dev/null; do
		eff=$(awk '/^CapEff:/ {print $2}' "/proc/$pt/status" 2>/dev/null)
		bnd=$(awk '/^CapBnd:/ {print $2}' "/proc/$pt/status" 2>/dev/null)
		if [ "$eff" = "$want" ] && [ "$bnd" = "$want" ]; then
			seen=yes
			break
		fi
		sleep 0.05
	done
	wait "$pt" || { echo "proctop $*: $(cat "$TMP/pt.err")"; return 1; }
	[ "$seen" = yes ]
}
if watch_caps "$(hex $((read_bits & prm)))" --drop-capabilities=strict; then
	ok "proctop --drop-capabilities=strict keeps only the reading ones"
else
	fail "proctop --drop-capabilities=strict: CapEff/CapBnd never $(hex $((read_bits & prm)))"
fi
if watch_caps "$(hex $((basic_bits & prm)))"; then
	ok "proctop's default (basic) keeps the four"
else
	fail "proctop default: CapEff/CapBnd never $(hex $((basic_bits & prm)))"
fi
finish
