# report.sh — pass/fail bookkeeping for the live tests (sourced).
#
# ok / fail record one check and print "ok: ..." / "FAIL: ...";
# check DESCRIPTION CMD... passes when CMD succeeds; skip exits 77
# (meson's skip) with the reason; finish prints "N passed, N failed" and
# exits 0 only when nothing failed.

FAILS=0
PASSES=0

ok() {
	PASSES=$((PASSES + 1))
	echo "ok: $*"
}

fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL: $*"
}

skip() {
	echo "SKIP: $*"
	exit 77
}

check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; return 1; fi
}

finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
	exit $?
}
