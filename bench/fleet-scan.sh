#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fleet-scan.sh BUILD_DIR OUT_DIR - how long scan.yml of the Ansible
# collection takes on four test hosts (tests/fleet/lib.sh: Debian 12 roots,
# each with its own sshd on 127.0.0.N, in a private mount and network
# namespace): the first run, which installs the packages of `make deb`
# with apt and scans; then RUNS runs on the same hosts, which only scan,
# with 4 forks and with 1 (FLEET_RUNS, default 3). The hosts are those of the fleet test: the CIS
# rules, no kmod rule, an earlier never rule, no UID_MIN. The kernel is
# left as it is.
#
# Writes OUT_DIR/bench-fleet-scan.md (the table, for bench.md) and
# OUT_DIR/bench-fleet-scan.tsv (one line per run).
set -u
build=$(cd "${1:?usage: fleet-scan.sh BUILD_DIR OUT_DIR}" && pwd)
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${FLEET_RUNS:-3}

DEB_DIR=$build/deb
DEBROOT=$top/scripts/debroot.sh
AUDITDLINE=$build/bin/auditdline
COLLECTION=$top/ansible
FLEET_RUNS=$RUNS
export DEB_DIR DEBROOT AUDITDLINE COLLECTION FLEET_RUNS

# tests/scan/lib.sh: sc_die, sc_need_root; tests/fleet/lib.sh: the hosts.
# shellcheck source=../tests/scan/lib.sh
. "$top/tests/scan/lib.sh"
# shellcheck source=../tests/fleet/lib.sh
. "$top/tests/fleet/lib.sh"

if [ "${FL_IN_NS:-}" != 1 ]; then
	mkdir -p "$out" || exit 1
	out=$(cd "$out" && pwd)
	skip=
	ls "$DEB_DIR"/auditdline-oscap_*.deb >/dev/null 2>&1 ||
		skip="no packages in $DEB_DIR (make deb builds them)"
	command -v ansible-playbook >/dev/null 2>&1 ||
		skip="no ansible-playbook (ansible-core)"
	if [ -n "$skip" ]; then
		printf '### The fleet: scan.yml on 4 hosts through Ansible\n\nSkipped: %s.\n' \
			"$skip" >"$out/bench-fleet-scan.md"
		echo "fleet-scan: skipped: $skip" >&2
		exit 0
	fi
	fl_enter "$build" "$out"
	exit $?
fi

fl_setup
n=10
for h in pass nokmod never nouidmin; do
	n=$((n + 1))
	fl_host "$h" "$n"
done
rd=etc/audit/rules.d
b64=$(sc_cis_b64 1000)
kmod=$(sc_cis_kmod 1000)
printf '%s\n' "$b64" "$kmod" >"$(fl_root pass)/$rd/50-kernel_modules.rules"
printf '%s\n' "$b64" >"$(fl_root nokmod)/$rd/50-kernel_modules.rules"
printf '%s\n' '-a never,exit -F arch=b64 -S all -F uid=33' \
	>"$(fl_root never)/$rd/10-never.rules"
printf '%s\n' "$b64" "$kmod" >"$(fl_root never)/$rd/50-kernel_modules.rules"
printf '%s\n' "$b64" "$kmod" >"$(fl_root nouidmin)/$rd/50-kernel_modules.rules"
sed -i '/^[[:space:]]*UID_MIN[[:space:]]/d' "$(fl_root nouidmin)/etc/login.defs"
for h in pass nokmod never nouidmin; do
	fl_start "$h"
done
fl_inventory "$FL_T/inventory" "auditdline_fleet_dir=$FL_T/out" \
	"auditdline_deb_dir=$DEB_DIR" "auditdline_fleet_command=$AUDITDLINE"

load0=$(cut -d' ' -f1-3 /proc/loadavg)
tsv=$out/bench-fleet-scan.tsv
printf 'what\tforks\trun\tseconds\texit\tscanned\n' >"$tsv"

# run WHAT FORKS N: one timed scan.yml.
run()
{
	rm -rf "$FL_T/out"
	mkdir "$FL_T/out"
	t0=$(date +%s.%N)
	fl_playbook "$FL_T/run.out" -i "$FL_T/inventory" -f "$2" \
		"$COLLECTION/playbooks/scan.yml"
	t1=$(date +%s.%N)
	scanned=$(cat "$FL_T"/out/*/host.json 2>/dev/null |
		grep -c '"status": "scanned"')
	[ "$scanned" = 4 ] || {
		sed 's/^/    > /' "$FL_T/run.out" >&2
		sc_die "scan.yml scanned $scanned hosts of 4"
	}
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" \
		"$fl_rc" "$scanned" >>"$tsv"
	echo "bench: scan.yml, $1, $2 forks, run $3: exit $fl_rc" >&2
}

run "install and scan" 4 1
grep -q 'changed: \[pass\] => (item=.*auditdline-oscap_' "$FL_T/run.out" ||
	sc_die "the first run did not install the packages"
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	run "scan" 4 "$i"
done
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	run "scan" 1 "$i"
done
report="built by \`auditdline fleet\` on the controller, in each run"

load1=$(cut -d' ' -f1-3 /proc/loadavg)
awk -F '\t' -v report="$report" -v load="$load0 before, $load1 after" \
	-v cpus="$(nproc)" '
NR == 1 { next }
{
	k = $1 "\t" $2
	if (!(k in n)) order[++nk] = k
	n[k]++
	s = $4 + 0
	sum[k] += s
	if (!(k in lo) || s < lo[k]) lo[k] = s
	if (!(k in hi) || s > hi[k]) hi[k] = s
}
END {
	print "### The fleet: scan.yml on 4 hosts through Ansible"
	print ""
	print "`ansible-playbook -i INVENTORY ansible/playbooks/scan.yml` over ssh to 4 test hosts (Debian 12 roots, each with its own sshd on 127.0.0.N; tests/fleet/lib.sh), each scanned as foreman_scap_client scans (extended data stream), its ARF fetched, host.json written. The fleet report: " report ". " cpus " CPUs, load average (1, 5, 15 min) " load ": other work on the machine shares the cores."
	print ""
	print "| run | forks | runs | mean s | min s | max s | s per host |"
	print "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	for (i = 1; i <= nk; i++) {
		k = order[i]
		split(k, p, "\t")
		printf "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |\n", p[1], p[2],
			n[k], sum[k] / n[k], lo[k], hi[k], sum[k] / n[k] / 4
	}
}' "$tsv" >"$out/bench-fleet-scan.md" || sc_die "the table failed"
cat "$out/bench-fleet-scan.md"
