# Renice through the actions API: every thread of a 4-thread child, by
# absolute value and by a step; one thread alone; ps -L agrees.
. "$(dirname "$0")/common.sh"

start_threads 4
out=$("$DRV" renice "$KID" now 7)
expect_eq "renice message" "$out" "renice $KID to 7: done (4 threads)"
expect_eq "every thread at nice 7" "$(thread_nices "$KID" | sort -u)" 7
expect_eq "four threads listed" "$(thread_nices "$KID" | wc -l)" 4

out=$("$DRV" renice "$KID" now 1 --step)
expect_eq "step message" "$out" "renice $KID to 8: done (4 threads)"
expect_eq "every thread at nice 8" "$(thread_nices "$KID" | sort -u)" 8

# Steps stop at 19.
"$DRV" renice "$KID" now 19 >/dev/null
out=$("$DRV" renice "$KID" now 1 --step)
expect_eq "step clamps at 19" "$out" "renice $KID to 19: done (4 threads)"

# One thread only (from the thread screen).
tid=$(ls "/proc/$KID/task" | sort -n | tail -1)
out=$("$DRV" renice "$tid" now 3 --thread)
expect_eq "thread message" "$out" "renice thread $tid to 3: done"
expect_eq "that thread at 3" "$(ps -L -o tid=,nice= -p "$KID" | awk -v t="$tid" '$1 == t {print $2}')" 3
expect_eq "the others unchanged" \
	"$(ps -L -o tid=,nice= -p "$KID" | awk -v t="$tid" '$1 != t {print $2}' | sort -u)" 19

# "May I?" agrees before acting.
expect_eq "may-I renice own child" "$("$DRV" --check renice "$KID" now -3)" allowed
expect_eq "may-I kill own child" "$("$DRV" --check kill "$KID" now TERM)" allowed
expect_eq "may-I did nothing" "$(thread_nices "$KID" | sort -nu | tr '\n' ' ')" "3 19 "

# Out of range is refused before anything is done.
out=$("$DRV" renice "$KID" now 25)
expect_eq "range message" "$out" \
	"renice $KID to 25: invalid argument — nice must be -20..19"
finish
