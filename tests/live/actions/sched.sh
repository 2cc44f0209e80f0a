# Scheduling policy through the actions API: SCHED_BATCH on every thread
# (chrt -p agrees), FIFO with a priority and reset-on-fork, back to OTHER.
. "$(dirname "$0")/common.sh"
need_root

start_threads 4
out=$("$DRV" sched "$KID" now batch)
expect_eq "batch message" "$out" "policy of $KID to SCHED_BATCH: done (4 threads)"
for t in /proc/"$KID"/task/*; do
	tid=$(basename "$t")
	expect_eq "chrt -p $tid" "$(chrt -p "$tid" | sed -n 's/.*policy: //p')" SCHED_BATCH
done

out=$("$DRV" sched "$KID" now fifo 10 --reset-on-fork)
expect_eq "fifo message" "$out" \
	"policy of $KID to SCHED_FIFO 10 (reset on fork): done (4 threads)"
expect_eq "chrt policy" "$(chrt -p "$KID" | sed -n 's/.*policy: //p')" \
	"SCHED_FIFO|SCHED_RESET_ON_FORK"
expect_eq "chrt priority" "$(chrt -p "$KID" | sed -n 's/.*priority: //p')" 10

out=$("$DRV" sched "$KID" now other)
expect_eq "other message" "$out" "policy of $KID to SCHED_OTHER: done (4 threads)"
expect_eq "chrt other" "$(chrt -p "$KID" | sed -n 's/.*policy: //p')" SCHED_OTHER

out=$("$DRV" sched "$KID" now rr 0)
expect_eq "RR needs a priority" "$out" \
	"policy of $KID to SCHED_RR 0: invalid argument — RT priority must be 1..99 for FIFO/RR and 0 otherwise"
finish
