#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# ansible.sh SCENARIO - the Ansible collection (ansible/) run for real: the
# real ansible-playbook over ssh to test hosts (lib.sh: Debian 12 roots,
# each with its own sshd on 127.0.0.N), the packages of `make deb`
# installed by scan.yml with apt, the real oscap scans, the content's own
# fix applied by fix.yml.
#
#   fleet   scan.yml, then fix.yml --check --diff, then fix.yml
#   kernel  the same with the kernel holding the CIS rules
#           (AUDITDLINE_KERNEL_TESTS=1)
#
# The hosts differ on disk:
#   pass      the CIS rules in rules.d, UID_MIN 1000 (Debian's login.defs)
#   nokmod    the syscall rule, no kmod rule
#   never     the CIS rules after a `never` rule in 10-never.rules
#   nouidmin  the CIS rules, login.defs without UID_MIN: the rule's
#             result is error
#   noauditd  auditd purged: no rules at all, auditd false in host.json
#   badscan   oscap cannot scan (the profile asked for is not in the
#             content): status error, oscap's exit and its stderr
# and one more inventory host, gone, is on an address where nothing
# listens: status unreachable, with ssh's reason.
#
# The kernel is this machine's, shared by all hosts. Without
# AUDITDLINE_KERNEL_TESTS=1 nothing here may change it: the scans read it
# as it is (the kernel criteria are checked against what `auditctl -l`
# shows before and after; with no rules they are false everywhere), and
# fix.yml runs with the hosts' sshd started without CAP_AUDIT_CONTROL in
# its bounding set, so the fix's real `augenrules --load` -> `auditctl -R`
# is refused by the kernel (and says so), and the rescan's kernel criteria
# are errors (the kernel cannot be read either). The test holds the kernel
# tests' lock shared, so that no kernel test changes the rules meanwhile,
# and checks `auditctl -l` and `-s` at the end against the start.
# With AUDITDLINE_KERNEL_TESTS=1 (tests/kernel/lib.sh: lock, save,
# restore) the kernel holds the CIS rules for UID_MIN 1000 during the scan,
# and fix.yml (one fork, inventory order) loads each fixed host's rules.d
# for real: never's first, then nokmod's, which the rescan reads (pass
# passes there and is not fixed).
#
# Environment: DEB_DIR, DEBROOT, AUDITDLINE (the CLI, the report command),
# KSTATE (kernel scenario), COLLECTION (ansible/ of the checkout).
SCENARIOS="fleet"
KERNEL_SCENARIOS="kernel"

set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scan/lib.sh
. "$here/../scan/lib.sh"
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=page.sh
. "$here/page.sh"

scenario=${1:?usage: ansible.sh SCENARIO}
case " $SCENARIOS $KERNEL_SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
KERNEL=0
[ "$scenario" = kernel ] && KERNEL=1

if [ "${FL_IN_NS:-}" != 1 ]; then
	sc_need_root
	sc_need DEB_DIR DEBROOT AUDITDLINE COLLECTION
	if [ "$KERNEL" = 1 ]; then
		# shellcheck source=../kernel/lib.sh
		. "$here/../kernel/lib.sh"
		kt_begin
		printf '%s\n' "$(sc_cis_b64 1000)" "$(sc_cis_kmod 1000)" \
			>"$KT_TMP/cis.rules"
		kt_kernel_load "$KT_TMP/cis.rules" ||
			kt_die "auditctl could not load the CIS rules"
		fl_enter "$@"
		exit $?
	fi
	exec 9>>"${KT_LOCK:-/run/lock/auditdline-kernel.lock}" ||
		sc_die "cannot open the kernel tests' lock"
	flock -s -w 900 9 || sc_die "cannot share the kernel tests' lock"
	fl_enter "$@"
	exit $?
fi

fl_setup
KERNEL_BEFORE=$SC/kernel-before
{ auditctl -l; auditctl -s | grep -v '^\(lost\|backlog\) '; } \
	>"$KERNEL_BEFORE" 2>&1
# KERNEL_IS: the kernel criteria of a host whose UID_MIN is 1000;
# KERNEL_NOUID: of the host without UID_MIN. kernel.evidence (the kernel
# could be read) is true in both.
if [ "$KERNEL" = 1 ]; then
	KERNEL_IS='kernel.*=true'
	KERNEL_NOUID='kernel.*=error'
elif grep -qx 'No rules' "$KERNEL_BEFORE"; then
	KERNEL_IS='kernel.*=false'
	KERNEL_NOUID='kernel.*=false'
	echo "note: the kernel holds no audit rules: its criteria are false"
else
	KERNEL_IS='kernel.*=true|false|error'
	KERNEL_NOUID=$KERNEL_IS
	echo "note: the kernel holds audit rules: its criteria are not judged"
fi

# --- The hosts -------------------------------------------------------------
B64=$(sc_cis_b64 1000)
KMOD=$(sc_cis_kmod 1000)
NEVER='-a never,exit -F arch=b64 -S all -F uid=33'
HOSTS="pass never nokmod nouidmin noauditd badscan"
# pass installs the packages through scan.yml; the others start with them
# installed (lib.sh: fl_installed, cached per pair of .debs).
fl_installed
n=10
for h in $HOSTS; do
	n=$((n + 1))
	if [ "$h" = pass ]; then
		fl_host "$h" "$n"
	else
		fl_host "$h" "$n" installed
	fi
done
fl_unreachable gone 19

rules()
{
	fl_f=$(fl_root "$1")/etc/audit/rules.d/$2
	shift 2
	printf '%s\n' "$@" >"$fl_f" || sc_die "cannot write $fl_f"
	chmod 0640 "$fl_f"
}
rules pass 50-kernel_modules.rules "$B64" "$KMOD"
rules nokmod 50-kernel_modules.rules "$B64"
rules never 10-never.rules "$NEVER"
rules never 50-kernel_modules.rules "$B64" "$KMOD"
rules nouidmin 50-kernel_modules.rules "$B64" "$KMOD"
sed -i '/^[[:space:]]*UID_MIN[[:space:]]/d' "$(fl_root nouidmin)/etc/login.defs"
grep -q UID_MIN "$(fl_root pass)/etc/login.defs" ||
	sc_die "the root's login.defs has no UID_MIN"
chroot "$(fl_root noauditd)" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	dpkg --purge auditd >"$SC/purge.log" 2>&1 ||
	{ cat "$SC/purge.log" >&2; sc_die "cannot purge auditd"; }

for h in $HOSTS; do
	fl_start "$h"
done
fl_inventory "$SC/inventory" \
	"auditdline_fleet_dir=$SC/out" \
	"auditdline_deb_dir=$DEB_DIR" \
	"auditdline_fleet_command=$AUDITDLINE"
# badscan asks for a profile the content does not have.
sed -i 's/^badscan .*/& auditdline_profile=xccdf_io.github.auditdline_profile_none/' \
	"$SC/inventory"

for h in $HOSTS; do
	fl_tree "$h" >"$SC/$h.tree0"
done

# expect_playbook WHAT OUT: the run ended as it should, with the fleet
# report built.
expect_playbook()
{
	sc_check "$1: ansible-playbook exits 0 (exit $fl_rc)" [ "$fl_rc" = 0 ]
	sc_check "$1: the fleet report is written" \
		test -s "$SC/out/fleet.json" -a -s "$SC/out/index.html"
	# Every host ran up to the report: the recap lists all of them.
	for h in $HOSTS gone; do
		grep -q "^$h  *: ok=[1-9]" "$2" || {
			sc_fail "$1: $h is not in the play recap"
			sed 's/^/    > /' "$2" >&2
			return
		}
	done
	sc_pass "$1: every host is in the play recap"
}

# fleet_is NAME RESULT CHECK...: the host's row of the fleet report
# (fleet.json, tests/fleet/expect.py), requirement by requirement.
fleet_is()
{
	if python3 "$here/expect.py" "$SC/out/fleet.json" "$@" \
		>"$SC/expect" 2>&1; then
		sc_pass "fleet.json: $1 is $2, $(grep -c '^PASS' "$SC/expect") checks"
	else
		sc_fail "fleet.json: $1 is not as expected"
		sed 's/^/    | /' "$SC/expect" >&2
	fi
}

# grid_is WHAT: index.html, opened in Debian's headless chromium, shows
# what fleet.json says (grid.py: the same hosts in the same order, every
# cell, the counts, the page's script ran), and a screenshot of it.
grid_is()
{
	page_grid_is "$1" "$SC/out/index.html" "$SC/dom.html"
	if [ -n "${SHOTS:-}" ]; then
		mkdir -p "$SHOTS"
		sh "$here/browser.sh" screenshot "$SC/out/index.html" \
			"$SHOTS/fleet-ansible-$1.png"
		sc_check "$1: a screenshot in $SHOTS/fleet-ansible-$1.png" \
			test -s "$SHOTS/fleet-ansible-$1.png"
	fi
}

# host_is NAME STATUS OSCAP_EXIT AUDITD MESSAGE-PATTERN
host_is()
{
	j=$SC/out/$1/host.json
	[ -s "$j" ] || { sc_fail "$1: no host.json"; return 1; }
	got="$(fl_json "$j" host) $(fl_json "$j" status) $(fl_json "$j" oscap_exit) $(fl_json "$j" auditd)"
	if [ "$got" = "$1 $2 $3 $4" ]; then
		sc_pass "$1: host.json says $2, oscap exit $3, auditd $4"
	else
		sc_fail "$1: host.json says '$got', expected '$1 $2 $3 $4'"
		sed 's/^/    | /' "$j" >&2
	fi
	fl_json "$j" message >"$SC/message"
	sc_says "$1: its message says why" "$5" "$SC/message"
}

# verdict NAME RESULT GLOB=EXPECTED...: the host's fetched ARF, criterion
# by criterion (tests/scan/lib.sh: sc_verdict), oscap's exit as host.json
# has it.
verdict()
{
	v_h=$1
	shift
	rm -f "$SC/facts"
	if [ ! -s "$SC/out/$v_h/arf.xml" ]; then
		sc_fail "$v_h: no ARF fetched"
		return 1
	fi
	xsltproc "$here/../scan/criteria.xsl" "$SC/out/$v_h/arf.xml" >"$SC/facts" ||
		sc_die "criteria.xsl failed"
	# shellcheck disable=SC2034 # sc_verdict reads them
	sc_status=$(fl_json "$SC/out/$v_h/host.json" oscap_exit)
	# shellcheck disable=SC2034
	SC_SCANNED_OFFLINE=
	sc_verdict "$v_h" "$@" '*.b32=-'
}

# --- scan.yml --------------------------------------------------------------
start=$(date +%s)
fl_playbook "$SC/scan.out" -i "$SC/inventory" -f 7 \
	"$COLLECTION/playbooks/scan.yml"
echo "scan.yml: $(($(date +%s) - start)) s, exit $fl_rc"
expect_playbook "scan.yml" "$SC/scan.out"
sc_says "scan.yml installed the packages from the .debs with apt" \
	'changed: \[pass\] => (item=.*auditdline-oscap_' "$SC/scan.out"

if [ "$KERNEL" = 1 ]; then
	host_is pass scanned 0 true 'the rules of the profile pass'
else
	host_is pass scanned 2 true 'did not pass'
fi
host_is nokmod scanned 2 true 'did not pass'
host_is never scanned 2 true 'did not pass'
host_is nouidmin scanned 2 true 'did not pass'
host_is noauditd scanned 2 false 'did not pass'
host_is badscan error 1 true \
	'^oscap exited 1 without an ARF: No profile matching .*profile_none'
host_is gone unreachable null null 'remote host "127\.0\.0\.19"'
sc_check "badscan: no ARF" test ! -e "$SC/out/badscan/arf.xml"
sc_check "gone: no ARF" test ! -e "$SC/out/gone/arf.xml"

if [ "$KERNEL" = 1 ]; then
	PASS=pass
else
	PASS=fail
fi
EV=kernel.evidence=true
verdict pass "$PASS" "$KERNEL_IS" $EV
verdict nokmod fail "$KERNEL_IS" $EV 'disk.kmod=false'
verdict never fail "$KERNEL_IS" $EV 'disk.*.b64=false' 'disk.kmod=false'
verdict nouidmin error "$KERNEL_NOUID" $EV 'uid_min=error' \
	'disk.*.b64=error' 'disk.kmod=error'
verdict noauditd fail "$KERNEL_IS" $EV 'disk.*.b64=false' 'disk.kmod=false'

# The fleet report, host by host. KREQ: the kernel requirements of a host
# whose UID_MIN is 1000, KNOUID: of the host without UID_MIN, as the
# criteria above.
case $KERNEL_IS in
'kernel.*=true') KREQ='kernel:*=pass' KNOUID='kernel:*=error' KDRIFT=0 ;;
'kernel.*=false') KREQ='kernel:*=fail' KNOUID='kernel:*=fail' KDRIFT=6 ;;
*) KREQ='kernel:*=pass|fail|error' KNOUID=$KREQ KDRIFT= ;;
esac
ALLDISK='disk:*=pass'
fleet_is pass "$PASS" uid_min:*=pass "$ALLDISK" links:*=pass "$KREQ" \
	--auditd true ${KDRIFT:+--drift "$KDRIFT"}
fleet_is nokmod fail uid_min:*=pass 'disk:calls=pass' \
	'disk:/usr/bin/kmod=fail' links:*=pass "$KREQ" --auditd true
fleet_is never fail uid_min:*=pass 'disk:*=fail' links:*=pass "$KREQ"
fleet_is nouidmin error uid_min:*=error 'disk:*=error' "$KNOUID"
fleet_is noauditd fail 'disk:*=fail' "$KREQ" --auditd false
fleet_is badscan error --none --message 'oscap exited 1'
fleet_is gone unreachable --none --message 'remote host "127[.]0[.]0[.]19"'
sc_check "the report links each scanned host's page" \
	test -s "$SC/out/hosts/nokmod.html"
grid_is scan

# Nothing is left on a host but the packages: no temporary directory, no
# copied .deb, no ARF, no data stream or tailoring copy.
for h in $HOSTS; do
	fl_tree "$h" >"$SC/$h.tree1"
	grep -v '^d ' "$SC/$h.tree1" |
		grep -E ' \./(tmp/|root/\.ansible/)|/arf\.xml |/tailoring\.xml |\.deb ' |
		grep -v ' \./var/cache/apt/archives/' \
			>"$SC/$h.left" || true
	if [ -s "$SC/$h.left" ]; then
		sc_fail "$h: scan.yml left files behind"
		sed 's/^/    | /' "$SC/$h.left" >&2
	else
		sc_pass "$h: scan.yml left nothing behind but the packages"
	fi
done
# shellcheck disable=SC2016 # dpkg-query's fields
chroot "$(fl_root pass)" dpkg-query -W -f '${Package} ${Status}\n' \
	auditdline auditdline-oscap >"$SC/dpkg" 2>&1
sc_check "pass: both packages are installed" \
	[ "$(grep -c ' install ok installed$' "$SC/dpkg")" = 2 ]

# --- fix.yml, its kernel guard ---------------------------------------------
# Without kernel tests, the hosts' sshd lose CAP_AUDIT_CONTROL from here on.
if [ "$KERNEL" = 0 ]; then
	for h in $HOSTS; do
		fl_stop "$h"
		fl_start "$h" setpriv --bounding-set -audit_control
	done
	fl_ssh pass /sbin/auditctl -l >"$SC/nocap" 2>&1
	sc_says "the hosts cannot reach the kernel's audit rules now" \
		'Operation not permitted' "$SC/nocap"
fi
cp -r "$SC/out" "$SC/out-scan"

# --- fix.yml --check --diff ------------------------------------------------
for h in $HOSTS; do
	fl_tree "$h" >"$SC/$h.tree2"
done
fl_playbook "$SC/check.out" -i "$SC/inventory" -f 7 --check --diff \
	"$COLLECTION/playbooks/fix.yml"
echo "fix.yml --check: exit $fl_rc"
sc_check "fix.yml --check exits 0 (exit $fl_rc)" [ "$fl_rc" = 0 ]
sc_says "fix.yml --check shows the kmod rule it would add on nokmod" \
	"^+$KMOD\$" "$SC/check.out"
for h in $HOSTS; do
	fl_tree "$h" >"$SC/$h.tree3"
	sc_same "$h: fix.yml --check changed nothing on the host" \
		"$SC/$h.tree2" "$SC/$h.tree3"
done
diff -r "$SC/out-scan" "$SC/out" >"$SC/outdiff" 2>&1
sc_check "fix.yml --check changed no result on the controller" \
	test ! -s "$SC/outdiff"

# --- fix.yml ---------------------------------------------------------------
set -- -f 7
[ "$KERNEL" = 1 ] && set -- -f 1
start=$(date +%s)
fl_playbook "$SC/fix.out" -i "$SC/inventory" "$@" \
	"$COLLECTION/playbooks/fix.yml"
echo "fix.yml: $(($(date +%s) - start)) s, exit $fl_rc"
expect_playbook "fix.yml" "$SC/fix.out"

# The fixed hosts' rules.d as the fix leaves it. pass fails only on the
# kernel without kernel tests: the fix writes nothing there and tries to
# load rules.d.
FIXED="pass nokmod never"
[ "$KERNEL" = 1 ] && FIXED="nokmod never"
F=etc/audit/rules.d/50-kernel_modules.rules
printf '%s\n' "$B64" "$KMOD" >"$SC/want.pass"
cp "$SC/want.pass" "$SC/want.never"
printf '%s\n' "$B64" "$KMOD" >"$SC/want.nokmod"
for h in pass nokmod; do
	sc_same "$h: $F after the fix" "$SC/want.$h" "$(fl_root "$h")/$F"
done
# never: the fix moves its rules before the never rule's file, where
# they take effect (first match), and touches no other file.
F9=etc/audit/rules.d/09-kernel_modules.rules
sc_same "never: $F9 after the fix" "$SC/want.never" "$(fl_root never)/$F9"
sc_check "never: $F is gone (moved, not copied)" \
	test ! -e "$(fl_root never)/$F"
printf '%s\n' "$NEVER" >"$SC/want.never10"
sc_same "never: 10-never.rules is as it was" "$SC/want.never10" \
	"$(fl_root never)/etc/audit/rules.d/10-never.rules"
sc_says "fix.yml --check said where it would place the rules" \
	"placed the rules in /$F9, before 10-never.rules:1, whose never rule took the events" \
	"$SC/check.out"
sc_says "fix.yml says where it placed them and why" \
	"placed the rules in /$F9, before 10-never.rules:1, whose never rule took the events" \
	"$SC/fix.out"

if [ "$KERNEL" = 1 ]; then
	verdict nokmod pass
	verdict pass pass
	verdict never pass
else
	# The kernel refused the load: the fix says so, and the rescan
	# cannot read the kernel either.
	sc_says "the fix's augenrules --load was refused by the kernel" \
		'augenrules --load failed' "$SC/fix.out"
	for h in $FIXED; do
		host_is "$h" scanned 2 true 'did not pass'
	done
	# (kernel.evidence stays true: the kernel object was asked for; each
	# kernel requirement is an error.)
	verdict nokmod error 'kernel.*=error' $EV
	verdict pass error 'kernel.*=error' $EV
	verdict never error 'kernel.*=error' $EV
fi
for h in $FIXED; do
	sc_check "$h: the fix applied is kept as fix.yml" \
		test -s "$SC/out/$h/fix.yml"
done
for h in nokmod pass never; do
	if [ "$KERNEL" = 1 ]; then
		fleet_is "$h" pass 'disk:*=pass' 'kernel:*=pass' --drift 0
	else
		fleet_is "$h" error 'disk:*=pass' 'kernel:*=error'
	fi
done
fleet_is nouidmin error uid_min:*=error
fleet_is gone unreachable --none
grid_is fix

# Not failing a rule, or not scanned: left as they were.
for h in nouidmin noauditd badscan gone; do
	sc_same "$h: its result is as the scan left it" \
		"$SC/out-scan/$h/host.json" "$SC/out/$h/host.json"
	sc_check "$h: no fix was applied" test ! -e "$SC/out/$h/fix.yml"
	fl_tree "$h" >"$SC/$h.tree4" 2>/dev/null || true
done
for h in nouidmin noauditd badscan; do
	sc_same "$h: the host is as it was" "$SC/$h.tree3" "$SC/$h.tree4"
done
verdict nouidmin error "$KERNEL_NOUID" $EV 'uid_min=error' \
	'disk.*.b64=error' 'disk.kmod=error'
sc_says "nouidmin: the ARF says why" 'UID_MIN' "$SC/out/nouidmin/arf.xml"
if [ "$KERNEL" = 1 ]; then
	auditctl -l >"$SC/kernel-after"
	printf '%s\n' \
		"-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules" \
		"-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=-1 -F key=kernel_modules" \
		>"$SC/kernel-want"
	sc_same "the kernel holds what the last fixed host (nokmod) loaded" \
		"$SC/kernel-want" "$SC/kernel-after"
else
	{ auditctl -l; auditctl -s | grep -v '^\(lost\|backlog\) '; } \
		>"$SC/kernel-after" 2>&1
	sc_same "the kernel's audit rules and settings are as they were" \
		"$KERNEL_BEFORE" "$SC/kernel-after"
fi
sc_end
