#!/bin/sh
# fuzz.sh BUILD_DIR [SECONDS] - `make fuzz`: fuzz the engine's three
# readers (the rules-file parser, the rules.d reader, the kernel-rule
# decoder) with their libFuzzer harnesses (tests/fuzz), ASan, UBSan and
# LeakSanitizer on, for SECONDS in all (default 600). The three run side
# by side, each for the whole time, sharing the machine's cores.
#
# Each harness starts from the committed seeds and from what earlier runs
# found, kept in BUILD_DIR/fuzz/HARNESS/corpus (never in the repository).
# A crash, undefined behaviour, leak, hang or runaway memory is kept in
# BUILD_DIR/fuzz/HARNESS/findings and printed with the command that
# reproduces it; the exit status is then 1. A fixed finding belongs in
# tests/fuzz/regressions/HARNESS, which `make check` replays.
set -u

build=${1:?usage: fuzz.sh BUILD_DIR [SECONDS]}
secs=${2:-600}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$build" && pwd)/tests/fuzz/clang/bin
out=$(cd "$build" && pwd)/fuzz
harnesses="parse rulesd decode"

case $secs in
'' | *[!0-9]*)
	echo "fuzz: SECONDS must be a number, not '$secs'" >&2
	exit 1
	;;
esac
for h in $harnesses; do
	if [ ! -x "$bin/fuzz_$h" ]; then
		echo "fuzz: $bin/fuzz_$h is missing (make builds it)" >&2
		exit 1
	fi
done
mkdir -p "$out" || exit 1

echo "fuzz: $harnesses side by side for $secs s; corpora and findings in $out"
pids=
for h in $harnesses; do
	# earlier findings stay, under their own names, until removed
	FUZZ_BIN=$bin sh "$here/tests/fuzz/run.sh" "$h" "$secs" "$out/$h" \
		>"$out/$h.out" 2>&1 &
	pids="$pids $!"
done
trap 'kill $pids 2>/dev/null; exit 130' INT TERM

failed=
# shellcheck disable=SC2086 # the pids, a word each
set -- $pids
for h in $harnesses; do
	wait "$1" || failed="$failed $h"
	shift
done

for h in $harnesses; do
	echo "=== fuzz_$h"
	case " $failed " in
	*" $h "*) cat "$out/$h.out" ;;
	*) grep '^fuzz_\|^stat::' "$out/$h.out" ;;
	esac
done
if [ -n "$failed" ]; then
	echo "fuzz: found something in:$failed; the reports are in" \
		"$out/HARNESS.out and $out/HARNESS/log" >&2
	exit 1
fi
echo "fuzz: nothing found"
