#!/bin/bash
# bench.sh BUILD_DIR [RESULTS_DIR] - `make bench`: auditdline against what
# users run today for CIS 6.2.3.19, on hosts of 2 to 100 000 audit rules.
#
# Generates the hosts (bench/gen-rules.sh: the 2 CIS rules alone, then 10,
# 1 000, 10 000 and 100 000 rule lines over 1 to 160 files with the CIS
# rules among them), runs every contender on each (bench/host.sh, in a
# private mount namespace where the host's rules.d is bind-mounted over
# /etc/audit/rules.d), runs the engine micro-benchmark (bench/engine_bench)
# and writes RESULTS_DIR (default results/):
#   bench.md         the tables (also printed): time, peak RSS, ARF size,
#                    verdict, ratio to the extended scan, cost per rule,
#                    the engine's numbers, the issue's targets met or not
#   bench.png        time against rule count, log-log, one line per contender
#   bench.tsv        every run (bench/host.sh's columns)
#   bench-engine.tsv engine_bench's numbers
#   bench-plot.tsv   the plot's data (medians)
#
# Contenders: the CIS audit procedure's three scripts as its text prints
# them (bench/cis/), `oscap xccdf eval --profile ..._cis_level2_server
# --results-arf` of the portable data stream with Debian's /usr/bin/oscap
# and with build/bin/oscap, of the extended one with build/bin/oscap,
# `auditdline list` and `list --kernel`, `auditctl -l`.
#
# The kernel holds the same rules as rules.d for the hosts up to 10 000
# rules only with AUDITDLINE_KERNEL_TESTS=1 (bench/host.sh: lock, kstate
# save and restore, never -e 2); otherwise the kernel is left as it is and
# the table says so. Needs root (mount namespaces, auditctl). Environment:
# BENCH_SIZES (default "2 10 1000 10000 100000"), RUNS (default 5),
# SLOW_S/SLOW_RUNS (bench/host.sh), ENGINE_REPEATS (default 20: the best
# run is the one least disturbed by whatever else the machine runs).
set -u
export LC_ALL=C
start=$EPOCHREALTIME

build=$(cd "${1:?usage: bench.sh BUILD_DIR [RESULTS_DIR]}" && pwd) || exit 1
out=${2:-results}
top=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-2 10 1000 10000 100000}
: "${RUNS:=5}" "${ENGINE_REPEATS:=20}"
export BUILD=$build RUNS
export KSTATE=$build/tests/bin/kstate
export STOCK_OSCAP=/usr/bin/oscap
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

die()
{
	echo "bench: $*" >&2
	exit 1
}

[ "$(id -u)" = 0 ] || die "needs root (mount namespaces, auditctl -l)"
for f in "$build/bin/oscap" "$build/bin/auditdline" \
	"$build/bench/engine_bench" "$KSTATE" \
	"$build/content/auditdline-cis-6.2.3.19-ds.xml" \
	"$build/content/auditdline-cis-6.2.3.19-portable-ds.xml"; do
	[ -e "$f" ] || die "$f is missing (make builds it)"
done
for c in "$STOCK_OSCAP" /usr/bin/time gnuplot xsltproc unshare auditctl; do
	command -v "$c" >/dev/null 2>&1 ||
		die "$c is missing (scripts/deps.sh bench installs it)"
done

mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/adl-bench.XXXXXX") || die "mktemp"
trap 'rm -rf "$work"' EXIT
raw=$out/bench.tsv
: >"$raw"

largest=0
for n in $sizes; do
	echo "bench: generating a host of $n rules" >&2
	sh "$top/bench/gen-rules.sh" "$n" "$work/$n" || die "gen-rules.sh $n failed"
	[ "$n" -gt "$largest" ] && largest=$n
done

echo "bench: the engine alone on $largest rule lines" >&2
"$build/bench/engine_bench" "$work/$largest/all.rules" "$ENGINE_REPEATS" \
	>"$out/bench-engine.tsv" || die "engine_bench failed"

for n in $sizes; do
	bash "$top/bench/host.sh" "$n" "$work/$n" "$raw" ||
		die "the host of $n rules failed"
done

sh "$top/bench/fleet-scan.sh" "$build" "$out" >&2 || die "bench/fleet-scan.sh failed"

if [ "${AUDITDLINE_KERNEL_TESTS:-0}" = 1 ]; then
	kernel_note="Kernel: with AUDITDLINE_KERNEL_TESTS=1 the kernel held the same rules as rules.d (auditctl -D; auditctl -R) for the hosts up to 10 000 rules and no rules for larger ones, auditing off (-e 0); its rules and settings were saved before and restored after each host (kstate)."
else
	kernel_note="Kernel: **kernel rows skipped** (AUDITDLINE_KERNEL_TESTS is not 1): the kernel was not loaded with the hosts' rules, and the contenders that read only the kernel (the CIS running script, \`auditdline list --kernel\`, \`auditctl -l\`) did not run. The CIS procedure and the extended scan read the kernel as found (the kernel rules column)."
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
header="$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -sr), $(nproc) x ${cpu:-CPU}, $(. /etc/os-release && echo "$PRETTY_NAME"). $("$STOCK_OSCAP" --version | head -n 1 | sed 's/.*) /Debian oscap /'); build/bin/oscap $("$build/bin/oscap" --version | head -n 1 | sed 's/.*) //'). Scans: \`oscap xccdf eval --profile xccdf_io.github.auditdline_profile_cis_level2_server --results-arf\`, as foreman_scap_client runs them (no OSCAP_FULL_VALIDATION). Runs per contender: $RUNS (fewer where the runs column says so: a first run over ${SLOW_S:-20} s)."

sh "$top/bench/fleet-report.sh" "$build" "$out/bench-fleet.md" || die "bench/fleet-report.sh failed"

awk -f "$top/bench/table.awk" -v plot="$out/bench-plot.tsv" \
	-v header="$header" -v kernel_note="$kernel_note" \
	"$raw" "$out/bench-engine.tsv" >"$out/bench.md" ||
	die "bench/table.awk failed"
{ echo; cat "$out/bench-fleet-scan.md"; } >>"$out/bench.md"
gnuplot -e "data='$out/bench-plot.tsv'; out='$out/bench.png'" \
	"$top/bench/plot.gp" || die "gnuplot failed"
total=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
printf '\nTotal time of make bench'"'"'s measurements: %d min %02d s.\n' \
	$((total / 60)) $((total % 60)) >>"$out/bench.md"
cat "$out/bench-fleet.md" >>"$out/bench.md"
cat "$out/bench.md"
echo
echo "Results in $out/: bench.md, bench.png, bench.tsv, bench-engine.tsv"
