#!/bin/sh
# Run one libFuzzer target without touching its seed corpus.
#   run-fuzz.sh FUZZER SEED_DIR [libFuzzer options...]
# FUZZER is the target's full path (meson passes exe.full_path()); a
# relative one is taken relative to this script's working directory and
# made absolute before use, so a bare name never goes through PATH.
# New inputs go to a temporary directory (the first corpus directory, the
# one libFuzzer writes to); the seeds are only read.  Crash reproducers are
# written to the current directory (meson's build dir for the test).
set -eu
if [ $# -lt 2 ]; then
	echo "usage: run-fuzz.sh FUZZER SEED_DIR [libFuzzer options...]" >&2
	exit 2
fi
fuzzer=$1
seeds=$2
shift 2
case $fuzzer in
/*) ;;
*) fuzzer=$(pwd)/$fuzzer ;;
esac
if [ ! -x "$fuzzer" ]; then
	echo "run-fuzz.sh: fuzz target $fuzzer not found or not executable" >&2
	exit 1
fi
if [ ! -d "$seeds" ]; then
	echo "run-fuzz.sh: seed directory $seeds not found" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/proctop-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
# libFuzzer's own exit code for a crash or a timeout is 77, which meson
# reads as "skipped": make every finding a failure.
"$fuzzer" -error_exitcode=1 -timeout_exitcode=1 "$@" "$work" "$seeds"
