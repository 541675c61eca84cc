#!/bin/bash
# bench/host.sh N DIR TSV - one host of `make bench`: the rules.d in
# DIR/rules.d (bench/gen-rules.sh, N rule lines) takes the place of
# /etc/audit/rules.d in a private mount namespace (a bind mount: the real
# /etc is never written), then every contender runs RUNS times on it and
# appends one line per run to TSV:
#   rules files kernel contender run wall_s rss_kb arf_bytes status verdict
#   arf_bzip2_bytes (what foreman_scap_client uploads: it bzip2s the ARF)
#
# With AUDITDLINE_KERNEL_TESTS=1 (root) the kernel holds DIR/all.rules
# meanwhile when N <= KERNEL_MAX, and no rules above that: tests/kernel/
# lib.sh takes /run/lock/auditdline-kernel.lock, saves the kernel's rules
# and settings with kstate, turns auditing off (-e 0) and restores all of
# it on the way out; files that could lock the rules (-e 2) are refused.
# Without it the kernel is left alone and holds what it holds, and the
# contenders that read only the kernel (the CIS running script, `list
# --kernel`, `auditctl -l`) are skipped.
#
# Environment: BUILD (the build directory, absolute), KSTATE, RUNS
# (default 5), SLOW_S and SLOW_RUNS (a contender whose first run takes
# more than SLOW_S seconds runs SLOW_RUNS times; default 20 and 3),
# KERNEL_MAX (default 10000), STOCK_OSCAP (default /usr/bin/oscap).
set -u
export LC_ALL=C
# scans as a user or foreman_scap_client runs them: online, no extra checks
unset OSCAP_FULL_VALIDATION OSCAP_PROBE_ROOT
n=$1
dir=$2
tsv=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
: "${RUNS:=5}" "${SLOW_S:=20}" "${SLOW_RUNS:=3}" "${KERNEL_MAX:=10000}"
: "${STOCK_OSCAP:=/usr/bin/oscap}"
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

die()
{
	echo "bench: $*" >&2
	exit 1
}

# Outside the namespace: the kernel's part, then this script again inside.
if [ "${BENCH_IN_NS:-}" != 1 ]; then
	BENCH_IN_NS=1
	export BENCH_IN_NS
	if [ "${AUDITDLINE_KERNEL_TESTS:-0}" = 1 ]; then
		# shellcheck source=../tests/kernel/lib.sh
		. "$top/tests/kernel/lib.sh"
		kt_begin
		if [ "$n" -le "$KERNEL_MAX" ]; then
			echo "bench: loading $n rules into the kernel" >&2
			kt_kernel_load "$dir/all.rules" || {
				cat "$KT_TMP/auditctl.out" >&2
				kt_die "auditctl -R $dir/all.rules failed"
			}
			got=$(auditctl -l | grep -c '^-')
			[ "$got" = "$n" ] ||
				kt_die "the kernel holds $got rules, not $n"
			BENCH_KERNEL="$n loaded"
		else
			auditctl -D >/dev/null || kt_die "auditctl -D failed"
			BENCH_KERNEL="0 (emptied)"
		fi
		export BENCH_KERNEL
		unshare -m --propagation private bash "$0" "$@"
		exit $?
	fi
	got=$(auditctl -l 2>/dev/null | grep -c '^-')
	BENCH_KERNEL="$got as found"
	export BENCH_KERNEL
	exec unshare -m --propagation private bash "$0" "$@"
fi

# Inside: this host's rules.d over /etc/audit/rules.d.
[ -d /etc/audit/rules.d ] || die "no /etc/audit/rules.d to mount over (auditd)"
mount --bind "$dir/rules.d" /etc/audit/rules.d ||
	die "cannot bind-mount $dir/rules.d over /etc/audit/rules.d"
cmp -s "$dir/rules.d/50-kernel_modules.rules" \
	/etc/audit/rules.d/50-kernel_modules.rules ||
	die "the bench's rules.d is not in place over /etc/audit/rules.d"
files=$(find /etc/audit/rules.d -name '*.rules' | wc -l)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/adl-bench-run.XXXXXX") || die "mktemp"
trap 'rm -rf "$tmp"' EXIT
uid_min=$(awk '$1 == "UID_MIN" { print $2; exit }' /etc/login.defs)
profile=xccdf_io.github.auditdline_profile_cis_level2_server
ext_ds=$BUILD/content/auditdline-cis-6.2.3.19-ds.xml
port_ds=$BUILD/content/auditdline-cis-6.2.3.19-portable-ds.xml

# What the CIS text tells the auditor to look for, with this UID_MIN.
cis_disk_ok()
{
	grep -qxF -- "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$uid_min -F auid!=unset -k kernel_modules" "$1" &&
		grep -qxF -- "-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$uid_min -F auid!=unset -k kernel_modules" "$1"
}

cis_kernel_ok()
{
	grep -qxF -- "-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=$uid_min -F auid!=-1 -F key=kernel_modules" "$1" &&
		grep -qxF -- "-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=$uid_min -F auid!=-1 -F key=kernel_modules" "$1"
}

cis_links_ok()
{
	[ "$(grep -c '^OK: ' "$1")" = 6 ]
}

# "pass", or "fail: " and the parts that failed.
parts_verdict()
{
	failed=
	for part in "$@"; do
		name=${part%%=*}
		[ "${part#*=}" = ok ] || failed="$failed${failed:+, }$name"
	done
	if [ -z "$failed" ]; then
		echo pass
	else
		echo "fail: $failed"
	fi
}

part()
{
	if "$2" "$3"; then echo "$1=ok"; else echo "$1=bad"; fi
}

# The verdict of one run of contender $1 from its output ($tmp/out, the
# ARF $tmp/arf.xml), exit status $2.
verdict()
{
	case $1 in
	cis)
		awk '/^@@kernel$/ { p = 1; next } /^@@links$/ { p = 2; next }
		    { print > (p == 0 ? d : p == 1 ? k : l) }' \
			d="$tmp/cis.disk" k="$tmp/cis.kernel" l="$tmp/cis.links" \
			"$tmp/out"
		touch "$tmp/cis.disk" "$tmp/cis.kernel" "$tmp/cis.links"
		# shellcheck disable=SC2046 # one word each
		parts_verdict $(part disk cis_disk_ok "$tmp/cis.disk") \
			$(part kernel cis_kernel_ok "$tmp/cis.kernel") \
			$(part links cis_links_ok "$tmp/cis.links") ;;
	cis-disk)
		# shellcheck disable=SC2046
		parts_verdict $(part disk cis_disk_ok "$tmp/out") ;;
	cis-kernel)
		# shellcheck disable=SC2046
		parts_verdict $(part kernel cis_kernel_ok "$tmp/out") ;;
	*-portable | *-extended)
		if [ ! -s "$tmp/arf.xml" ]; then
			echo "no ARF (exit $2)"
			return
		fi
		xsltproc "$top/xslt/arf-requirements.xsl" "$tmp/arf.xml" |
			awk '$1 == "result" { r = $2 }
			$1 == "fail" || $1 == "error" || $1 == "unknown" {
				if (!($2 in seen)) { seen[$2]; bad = bad sep $2; sep = ", " }
			}
			END { print r (bad != "" ? ": " bad : "") }' ;;
	*)
		if [ "$2" -ne 0 ]; then
			echo "exit $2"
		else
			echo "$(grep -c '^-' "$tmp/out") rules"
		fi ;;
	esac
}

# measure ID COMMAND...: RUNS runs (SLOW_RUNS when the first is slow).
measure()
{
	id=$1
	shift
	runs=$RUNS
	i=1
	echo "bench: $n rules: $id" >&2
	while [ "$i" -le "$runs" ]; do
		rm -f "$tmp/arf.xml"
		t0=$EPOCHREALTIME
		/usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"
		status=$?
		t1=$EPOCHREALTIME
		wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
		rss=$(tail -n 1 "$tmp/rss")
		arf=0
		arfbz=0
		if [ -s "$tmp/arf.xml" ]; then
			arf=$(wc -c <"$tmp/arf.xml")
			arfbz=$(bzip2 -c "$tmp/arf.xml" | wc -c)
		fi
		v=$(verdict "$id" "$status")
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" \
			"$files" "$BENCH_KERNEL" "$id" "$i" "$wall" "$rss" \
			"$arf" "$status" "$v" "$arfbz" >>"$tsv"
		if [ "$i" = 1 ] && [ "$runs" -gt "$SLOW_RUNS" ] &&
			awk -v w="$wall" -v s="$SLOW_S" 'BEGIN { exit !(w > s) }'; then
			runs=$SLOW_RUNS
		fi
		[ -s "$tmp/arf.xml" ] && cp "$tmp/arf.xml" "$dir/arf-$id.xml"
		i=$((i + 1))
	done
}

cis=$here/cis
measure cis bash -c "bash '$cis/disk.sh'; echo @@kernel; bash '$cis/kernel.sh'; echo @@links; bash '$cis/links.sh'"
measure cis-disk bash "$cis/disk.sh"
kernel_rows=false
[ "${AUDITDLINE_KERNEL_TESTS:-0}" = 1 ] && kernel_rows=true
$kernel_rows && measure cis-kernel bash "$cis/kernel.sh"
eval=(xccdf eval --profile "$profile" --results-arf "$tmp/arf.xml")
measure stock-portable "$STOCK_OSCAP" "${eval[@]}" "$port_ds"
measure build-portable "$BUILD/bin/oscap" "${eval[@]}" "$port_ds"
measure build-extended "$BUILD/bin/oscap" "${eval[@]}" "$ext_ds"
measure list-disk "$BUILD/bin/auditdline" list
$kernel_rows && measure list-kernel "$BUILD/bin/auditdline" list --kernel
$kernel_rows && measure auditctl auditctl -l
exit 0
