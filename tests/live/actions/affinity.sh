# CPU affinity through the actions API: pin a 4-thread child to CPU 0;
# taskset and every thread's Cpus_allowed_list agree.
. "$(dirname "$0")/common.sh"

start_threads 4
orig=$(taskset -pc "$KID" | sed 's/.*: //')
orig_mask=$(taskset -p "$KID" | sed 's/.*: //')
out=$("$DRV" affinity "$KID" now 0)
expect_eq "affinity message" "$out" "affinity of $KID to CPU 0: done (4 threads)"
expect_eq "taskset -p mask" "$(taskset -p "$KID" | sed 's/.*: //')" 1
n=0
for st in /proc/"$KID"/task/*/status; do
	expect_eq "thread $(basename "$(dirname "$st")") Cpus_allowed_list" \
		"$(awk '/^Cpus_allowed_list:/ {print $2}' "$st")" 0
	n=$((n + 1))
done
expect_eq "four threads checked" "$n" 4
for t in /proc/"$KID"/task/*; do
	expect_eq "taskset -p of thread $(basename "$t")" \
		"$(taskset -p "$(basename "$t")" | sed 's/.*: //')" 1
done

# Back to what it was, as a list.
out=$("$DRV" affinity "$KID" now "$orig")
case $out in
"affinity of $KID to CPU "*": done (4 threads)") ok "restore message" ;;
*) fail "restore message: $out" ;;
esac
expect_eq "restored" "$(taskset -p "$KID" | sed 's/.*: //')" "$orig_mask"

# A CPU that does not exist: EINVAL, explained.
out=$("$DRV" affinity "$KID" now 4000)
expect_eq "no such CPU" "$out" \
	"affinity of $KID to CPU 4000: invalid argument — no allowed, online CPU in the set"

# A per-CPU kernel thread (PF_NO_SETAFFINITY): the kernel refuses any
# change, and the message says so.  CPU 0 is where it is bound already,
# so even a wrong attempt could not move it.
if [ "$(id -u)" -eq 0 ]; then
	kt=
	for name in cpuhp/0 ksoftirqd/0 migration/0; do
		kt=$(pgrep -x "$name" | head -1)
		[ -n "$kt" ] && break
	done
	if [ -n "$kt" ]; then
		before=$(awk '/^Cpus_allowed_list:/ {print $2}' /proc/"$kt"/status)
		want="affinity of $kt to CPU 0: the kernel does not allow changing this kernel thread's CPUs"
		expect_eq "per-CPU kthread $name (check)" \
			"$("$DRV" --check affinity "$kt" now 0)" "$want"
		expect_eq "per-CPU kthread $name" \
			"$("$DRV" affinity "$kt" now 0)" "$want"
		expect_eq "kthread $name unchanged" \
			"$(awk '/^Cpus_allowed_list:/ {print $2}' /proc/"$kt"/status)" \
			"$before"
	else
		ok "no per-CPU kernel thread found (skipped that part)"
	fi
fi
finish
