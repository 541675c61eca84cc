#!/bin/sh
# run.sh HARNESS SECONDS WORKDIR: fuzz one harness (parse, rulesd or
# decode) for SECONDS from the committed seed corpus, with ASan, UBSan and
# LeakSanitizer; any crash, undefined behaviour, leak, hang (an input
# taking over INPUT_TIMEOUT seconds) or runaway memory fails it.
#
# The seeds are copied into WORKDIR/corpus, which gathers what the run
# finds (a later run with the same WORKDIR goes on from there): the
# repository's corpus never grows. A finding is kept in WORKDIR/findings
# and printed with the command that reproduces it.
#
# Environment: FUZZ_BIN, the directory of the harness binaries (required);
# FUZZ_FRESH=1 empties WORKDIR first (make check: every run starts from
# the seeds); INPUT_TIMEOUT (default 10); FUZZ_RSS_MB (default 2048:
# ASan's shadow memory and quarantine count too).
set -u
here=$(cd "$(dirname "$0")" && pwd)
h=${1:?usage: run.sh HARNESS SECONDS WORKDIR}
secs=${2:?usage: run.sh HARNESS SECONDS WORKDIR}
work=${3:?usage: run.sh HARNESS SECONDS WORKDIR}
bin=${FUZZ_BIN:?FUZZ_BIN is not set}/fuzz_$h

[ -x "$bin" ] || {
	echo "ERROR: $bin is missing: build first" >&2
	exit 1
}
[ -d "$here/corpus/$h" ] || {
	echo "ERROR: no seed corpus $here/corpus/$h" >&2
	exit 1
}
# Longest input: past two of auditctl's 6 KiB line pieces, and a kernel
# rule with its longest strings.
case $h in
parse | rulesd) max_len=20000 ;;
decode) max_len=12000 ;;
*)
	echo "ERROR: unknown harness $h" >&2
	exit 1
	;;
esac

[ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$work"
mkdir -p "$work/corpus" "$work/findings" || exit 1
cp -R "$here/corpus/$h/." "$work/corpus/" || exit 1
# fuzz_rulesd builds its fixture root under TMPDIR: a tmpfs is fastest.
if [ -d /dev/shm ]; then shm=/dev/shm; else shm=${TMPDIR:-/tmp}; fi
tmp=$(mktemp -d "$shm/adl-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

set -- -max_total_time="$secs" -timeout="${INPUT_TIMEOUT:-10}" \
	-rss_limit_mb="${FUZZ_RSS_MB:-2048}" -max_len="$max_len" \
	-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
	-artifact_prefix="$work/findings/"
# Dictionaries: the rules syntax, and for rulesd its input format too.
case $h in
parse) set -- "$@" -dict="$here/parse.dict" ;;
rulesd)
	cat "$here/parse.dict" "$here/rulesd.dict" >"$work/dict" || exit 1
	set -- "$@" -dict="$work/dict"
	;;
esac

echo "fuzz_$h: $secs s from $(ls "$here/corpus/$h" | wc -l) seeds, corpus in $work/corpus"
before=$(ls "$work/findings" | wc -l)
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TMPDIR=$tmp \
	"$bin" "$@" "$work/corpus" 2>"$work/log"
rc=$?
after=$(ls "$work/findings" | wc -l)
if [ "$rc" != 0 ] || [ "$after" != "$before" ]; then
	# the report, without the progress lines and the dictionary
	grep -v '^#[0-9]\|^"' "$work/log" | tail -n 80 >&2
	echo "FAIL: fuzz_$h: exit status $rc (all of it: $work/log)" >&2
	for f in "$work/findings"/*; do
		[ -f "$f" ] && echo "reproduce: $bin $f" >&2
	done
	exit 1
fi
grep '^stat::' "$work/log"
echo "fuzz_$h: nothing found"
