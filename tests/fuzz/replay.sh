#!/bin/sh
# replay.sh: runs each harness once on every seed of its corpus and every
# input in regressions/HARNESS (each a crash, leak, undefined behaviour or
# hang found once and fixed since): none may come back. Deterministic,
# unlike the timed runs of run.sh.
#
# Environment: FUZZ_BIN, the directory of the harness binaries (required).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${FUZZ_BIN:?FUZZ_BIN is not set}"
if [ -d /dev/shm ]; then shm=/dev/shm; else shm=${TMPDIR:-/tmp}; fi
tmp=$(mktemp -d "$shm/adl-replay.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
for h in parse rulesd decode; do
	set --
	for f in "$here/corpus/$h"/* "$here/regressions/$h"/*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	if [ $# = 0 ]; then
		echo "FAIL: no inputs for fuzz_$h" >&2
		fails=$((fails + 1))
		continue
	fi
	# Given files, libFuzzer runs each once; LeakSanitizer checks at exit.
	if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TMPDIR=$tmp \
		"$FUZZ_BIN/fuzz_$h" -timeout=10 -rss_limit_mb=2048 \
		-error_exitcode=1 -timeout_exitcode=1 "$@" >"$tmp/log" 2>&1; then
		echo "fuzz_$h: $# inputs, nothing found"
	else
		grep -v '^Running: \|^Executed ' "$tmp/log" >&2
		echo "FAIL: fuzz_$h (the input is the last 'Running:' line):" >&2
		grep '^Running: ' "$tmp/log" | tail -n 1 >&2
		fails=$((fails + 1))
	fi
done
[ "$fails" = 0 ] || exit 1
echo "no crash, leak, undefined behaviour or hang"
