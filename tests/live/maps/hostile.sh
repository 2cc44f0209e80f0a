# --maps over --proc-root trees where one file of the target process (stat,
# smaps, maps, smaps_rollup) is a FIFO, a symlink to /dev/zero or a symlink
# to /dev/urandom: every format ends at once (within 2 s; run under
# `timeout 5`) with exit 1, nothing on stdout, and one line naming the file
# and why.  Never a hang on the FIFO, never an endless read.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib-maps.sh"

FIX=$(cd "$(dirname "$0")/../../fixtures" && pwd)
P=1    # the fixture's init: stat, smaps_rollup; smaps and maps added below

now_us() {
	local t
	t=$(date +%s%N)
	echo $((t / 1000))
}

# a fresh tree at $TMP/proc with smaps and maps for $P
make_tree() {
	rm -rf "$TMP/proc"
	cp -r "$FIX/proc" "$TMP/proc"
	printf '%s\n' \
		"55d0c0a00000-55d0c0a02000 r-xp 00000000 08:01 1234 /sbin/init" \
		"Size:                  8 kB" "Rss:                   4 kB" \
		"Pss:                   2 kB" \
		"7ffd0bb00000-7ffd0bb1f000 rw-p 00000000 00:00 0    [stack]" \
		"Size:                124 kB" "Rss:                  12 kB" \
		"Pss:                  12 kB" >"$TMP/proc/$P/smaps"
	printf '%s\n' \
		"55d0c0a00000-55d0c0a02000 r-xp 00000000 08:01 1234 /sbin/init" \
		"7ffd0bb00000-7ffd0bb1f000 rw-p 00000000 00:00 0    [stack]" \
		>"$TMP/proc/$P/maps"
}

make_tree
for fmt in text json csv; do
	"$PROCTOP" -b --proc-root "$TMP/proc" --maps $P --format $fmt \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	check "the plain tree: --maps ($fmt) exits 0 ($(head -c 200 "$TMP/err"))" \
		[ $rc -eq 0 -a -s "$TMP/out" ]
done

slowest=0
for file in stat smaps maps smaps_rollup; do
	for kind in fifo zero urandom; do
		make_tree
		# maps is read only on a kernel without smaps
		[ $file = maps ] && rm "$TMP/proc/$P/smaps"
		f=$TMP/proc/$P/$file
		rm -f "$f"
		case $kind in
		fifo) mkfifo "$f"; why="not a regular file" ;;
		zero) ln -s /dev/zero "$f"; why="a symbolic link (not followed)" ;;
		urandom) ln -s /dev/urandom "$f"; why="a symbolic link (not followed)" ;;
		esac
		for fmt in text json csv; do
			t0=$(now_us)
			timeout 5 "$PROCTOP" -b --proc-root "$TMP/proc" --maps $P \
				--format $fmt >"$TMP/out" 2>"$TMP/err"
			rc=$?
			t=$(($(now_us) - t0))
			[ $t -gt $slowest ] && slowest=$t
			what="$file as $kind, $fmt"
			check "$what: exit 1 in $((t / 1000)) ms (got $rc)" \
				[ $rc -eq 1 -a $t -lt 2000000 ]
			check "$what: nothing on stdout" [ ! -s "$TMP/out" ]
			check "$what: names the file ($(head -c 200 "$TMP/err"))" \
				[ "$(cat "$TMP/err")" = "proctop: --maps $P: $TMP/proc/$P/$file: $why" ]
		done
	done
done

# stat that does not parse, smaps and maps missing: the real culprit
make_tree
printf 'garbage\n' >"$TMP/proc/$P/stat"
"$PROCTOP" -b --proc-root "$TMP/proc" --maps $P >"$TMP/out" 2>"$TMP/err"
rc=$?
check "garbage stat: exit 1, names stat ($(head -c 200 "$TMP/err"))" \
	[ $rc -eq 1 -a "$(cat "$TMP/err")" = "proctop: --maps $P: $TMP/proc/$P/stat: unparseable" ]
make_tree
rm "$TMP/proc/$P/smaps" "$TMP/proc/$P/maps"
"$PROCTOP" -b --proc-root "$TMP/proc" --maps $P >"$TMP/out" 2>"$TMP/err"
rc=$?
check "no smaps nor maps: exit 1, names smaps ($(head -c 200 "$TMP/err"))" \
	[ $rc -eq 1 -a "$(cat "$TMP/err")" = "proctop: --maps $P: $TMP/proc/$P/smaps: No such file or directory" ]
# one smaps block of 100 KiB: over the cap, not a growing buffer
make_tree
{
	printf '55d0c0a00000-55d0c0a02000 r-xp 00000000 08:01 1234 /'
	head -c 102400 /dev/zero | tr '\0' a
	printf '\nSize: 8 kB\n'
} >"$TMP/proc/$P/smaps"
"$PROCTOP" -b --proc-root "$TMP/proc" --maps $P >"$TMP/out" 2>"$TMP/err"
rc=$?
check "a 100 KiB smaps block: exit 1, over the limit ($(head -c 200 "$TMP/err"))" \
	[ $rc -eq 1 -a "$(cat "$TMP/err")" = "proctop: --maps $P: $TMP/proc/$P/smaps: larger than the size limit" ]
echo "slowest hostile run: $((slowest / 1000)) ms"
finish
