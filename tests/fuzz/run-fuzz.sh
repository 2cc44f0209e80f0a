#!/bin/sh
# Run one libFuzzer target without touching its seed corpus.
#   run-fuzz.sh FUZZER SEED_DIR [libFuzzer options...]
# New inputs go to a temporary directory (the first corpus directory, the
# one libFuzzer writes to); the seeds are only read.  Crash reproducers are
# written to the current directory (meson's build dir for the test).
set -eu
fuzzer=$1
seeds=$2
shift 2
# meson may pass the target relative to the test's workdir
case $fuzzer in
*/*) ;;
*) fuzzer=./$fuzzer ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/proctop-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
"$fuzzer" "$@" "$work" "$seeds"
