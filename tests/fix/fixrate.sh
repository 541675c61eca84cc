#!/bin/sh
# fixrate.sh [--check]: the fix rate of the bash fix under the real
# `oscap xccdf eval --remediate` (extended data stream, CIS Level 2
# Server), over hosts that fail CIS 6.2.3.19 in the ways users' hosts do.
#
# Each host is set up in this machine's private mount namespace with the
# stand-ins of tests/scan/lib.sh (rules.d, login.defs, the kmod tools on
# overlays, auditctl a stand-in: the kernel is never touched), starting
# from Debian 12's own rules.d/audit.rules (-D, -b, -f, backlog wait).
# `--remediate` scans online (oscap remediates no offline scan) and runs
# the fix here, in the namespace; the kernel is read, never changed, so
# its criteria keep their result and the rule's result (column "result")
# is `error` unless the kernel already holds the rules. What the fix
# achieved is judged by an offline rescan of the namespace's / (disk,
# links, UID_MIN; OSCAP_PROBE_ROOT=/.), as tests/scan/system.sh does:
#   fixed     the rescan passes (FIXRATE_KERNEL=1: and --remediate ended
#             in `fixed`);
#   left      it does not, and the fix's message in the ARF says why (a
#             "CIS 6.2.3.19:" line: "nothing written", "still fails");
#   unexplained  it does not, and the fix gives no reason.
# FIXRATE_KERNEL=1 (with AUDITDLINE_KERNEL_TESTS=1 and KSTATE, as the
# kernel scenarios of tests/scan: tests/kernel/lib.sh saves and restores
# the kernel's rules) uses the real auditctl, so the fix's augenrules
# --load loads each host's rules and --remediate can end in `fixed`.
# The table (one line per host, then the counts) goes to stdout; `wrote`
# says whether the fix changed rules.d for a host it left failing.
#
# Runnable standalone as root, from a build:
#   OSCAP=build/bin/oscap DS=build/content/auditdline-cis-6.2.3.19-ds.xml \
#       sh tests/fix/fixrate.sh
# FIXRATE_CLI=1 installs the auditdline command (AUDITDLINE) for the fix.
# With --check (the ctest fix_rate) it also fails unless each host ends as
# the EXPECT column of HOSTS says and a host left failing has nothing
# written. FIXRATE_HOSTS="name ..." runs only those hosts.
# shellcheck disable=SC2317 # the hosts are called as host_NAME
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scan/lib.sh
. "$here/../scan/lib.sh"
# criteria.xsl is beside lib.sh
SC_HERE=$(cd "$here/../scan" && pwd)
check=0
[ "${1:-}" = --check ] && check=1
sc_need OSCAP DS
if [ "${FIXRATE_KERNEL:-0}" = 1 ]; then
	sc_enter_namespace --kernel "$@"
	sc_setup_namespace --real-auditctl
else
	sc_enter_namespace "$@"
	sc_setup_namespace
fi
# FIXRATE_CLI=1: the auditdline command (AUDITDLINE) is installed, as
# /usr/bin/auditdline on the namespace's overlay, where the fix finds it
# under oscap's PATH; otherwise the fix compares the rules as text.
if [ "${FIXRATE_CLI:-0}" = 1 ]; then
	sc_need AUDITDLINE
	cp "$AUDITDLINE" /usr/bin/auditdline || sc_die "cannot install auditdline"
fi

B64=$(sc_cis_b64)
KMOD=$(sc_cis_kmod)
HEADER="## CIS 6.2.3.19: kernel module loading, unloading and modification"
U=$SC_UID

# The hosts: NAME EXPECT (fixed or left, what the fix should achieve) and
# what the host's rules.d has besides Debian's audit.rules (host_NAME).
HOSTS="
empty fixed
partial fixed
wrong_uid fixed
ours_partial fixed
later_never fixed
keyed_earlier fixed
never_any fixed
never_syscall fixed
never_00 fixed
keyless_earlier fixed
keyless_own fixed
unknown_syscall fixed
duplicate fixed
trailing_comment fixed
arch_after_s fixed
cis_broken_line fixed
ours_moves fixed
never_task left
exclude_syscall left
later_d_unmoved left
later_d_key left
present_suppressed left
no_uid_min left
link_regular left
"

debian_rules()
{
	sc_rules audit.rules "## First rule - delete all" "-D" "" \
		"## Increase the buffers to survive stress events." "-b 8192" \
		"-f 1" "--backlog_wait_time 60000"
}

host_empty() { :; }
host_partial()
{
	sc_rules 40-local.rules \
		"-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -F auid>=$U -F auid!=unset -k mods"
}
host_wrong_uid()
{
	sc_rules 40-local.rules "$(sc_cis_b64 1000)" "$(sc_cis_kmod 1000)"
}
host_ours_partial() { sc_rules 50-kernel_modules.rules "$HEADER" "$KMOD"; }
host_later_never()
{
	sc_rules 90-late.rules "-a never,exit -F arch=b64 -S all -F auid>=1000"
}
host_keyed_earlier()
{
	sc_rules 20-exec.rules \
		"-a always,exit -F arch=b64 -S execve -F auid>=$U -F auid!=unset -k exec"
}
host_never_any()
{
	sc_rules 10-quiet.rules "-a never,exit -F arch=b64 -S all -F uid=33"
}
host_never_syscall()
{
	sc_rules 10-quiet.rules "-a never,exit -F arch=b64 -S finit_module"
}
host_never_00()
{
	sc_rules 00-audit.rules "-a never,exit -S all -F auid>=1000 -F uid=33"
}
host_keyless_earlier()
{
	sc_rules 20-mods.rules "-a always,exit -F arch=b64 -S finit_module -F auid>=$U"
}
host_keyless_own()
{
	# The user's own CIS rules without a key: counted as no rule, and
	# they take the events unkeyed before 50-kernel_modules.rules.
	sc_rules 40-cis.rules \
		"-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$U -F auid!=unset" \
		"-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$U -F auid!=unset"
}
host_unknown_syscall()
{
	sc_rules 20-bad.rules "-w /etc/shadow -p wa -k identity" \
		"-a always,exit -F arch=b64 -S nosuchcall -k x"
}
host_duplicate()
{
	sc_rules 10-a.rules "-w /etc/passwd -p wa -k identity"
	sc_rules 20-b.rules "-w /etc/passwd -p wa -k identity"
}
host_trailing_comment()
{
	sc_rules 20-bad.rules \
		"-a always,exit -F arch=b64 -S mount -F auid>=1000 -k mounts # mounts"
}
host_arch_after_s()
{
	sc_rules 20-bad.rules "-a always,exit -S mount -F arch=b64 -k mounts"
}
host_cis_broken_line()
{
	sc_rules 40-cis.rules "$B64 # CIS 6.2.3.19" "$KMOD"
}
host_ours_moves()
{
	sc_rules 50-kernel_modules.rules "$HEADER" "$B64" "$KMOD"
	sc_rules 10-quiet.rules "-a never,exit -F arch=b64 -S all -F uid=33"
}
host_never_task() { sc_rules 10-task.rules "-a never,task"; }
host_exclude_syscall()
{
	sc_rules 10-excl.rules "-a always,exclude -F msgtype=SYSCALL"
}
# Indented, the -D is not moved by mawk's augenrules (mawk reads \s as s):
# it deletes the rules before it.
host_later_d_unmoved() { sc_rules 60-reset.rules " -D"; }
host_later_d_key() { sc_rules 90-drop.rules "-D -k kernel_modules"; }
host_present_suppressed()
{
	sc_rules 40-cis.rules "-a never,exit -F arch=b64 -S init_module -F auid=1500" \
		"$B64" "$KMOD"
}
host_no_uid_min() { sc_login_defs --none; }
host_link_regular() { sc_tool_regular insmod; }

# rules.d with modes, owners and checksums, dotfiles included.
rules_sums()
{
	(cd "$SC_RD" && find . \( -type f -o -type l \) | LC_ALL=C sort |
		while IFS= read -r f; do
			printf '%s %s  %s\n' "$(stat -c '%a %u:%g' -- "$f")" \
				"$(sha256sum <"$f" | cut -d ' ' -f 1)" "$f"
		done)
}

# remediate NAME: --remediate, then classify; one table line.
remediate()
{
	name=$1
	sc_no_rules
	sc_login_defs "$U"
	sc_tools_ok
	debian_rules
	"host_$name"
	rules_sums >"$SC/sums.before"
	if [ "${SC_KERNEL:-}" = 1 ]; then
		# what the fix's augenrules --load would put into the kernel
		kt_guard "$SC_RD"/*.rules
		auditctl -D >/dev/null || sc_die "auditctl -D failed"
	fi
	# Online: oscap does not remediate offline scans.
	OSCAP_FULL_VALIDATION=1 "$OSCAP" xccdf eval --remediate \
		--profile "$SC_PROFILE" --results-arf "$SC/arf.xml" \
		"$DS" >"$SC/eval.log" 2>&1
	xsltproc "$SC_HERE/criteria.xsl" "$SC/arf.xml" >"$SC/facts" 2>/dev/null
	result=$(awk -F '\t' -v r="$SC_RULE" \
		'$1 == "rule" && $2 == r { print $3 }' "$SC/facts")
	cp "$SC/facts" "$SC/facts.before"
	rules_sums >"$SC/sums.after"
	wrote=no
	cmp -s "$SC/sums.before" "$SC/sums.after" || wrote=yes
	# The fix's report: the rule result's messages.
	xsltproc - "$SC/arf.xml" >"$SC/messages" 2>/dev/null <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//x:rule-result/x:message">
      <xsl:value-of select="."/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
EOF
	# The first line that says why, if the fix gives a reason: where it
	# placed the rules, or what it leaves (then "nothing written").
	why=
	if grep -qE '^CIS 6\.2\.3\.19: .*(nothing written|still fails|placed)' \
		"$SC/messages"; then
		why=$(grep '^CIS 6\.2\.3\.19: [^ ]' "$SC/messages" | grep -v \
			-e ': compared the rules' -e ': added to' -e ': loaded the rules' \
			-e ': nothing written, nothing loaded' | head -n 1 | cut -c 15-)
	fi
	# Disk, links and UID_MIN after the fix: an offline rescan. With the
	# kernel (FIXRATE_KERNEL=1) `fixed` is asked for as well.
	SC_OFFLINE_ROOT=/.
	sc_scan "$name, after" >/dev/null
	# shellcheck disable=SC2034 # read by sc_scan
	SC_OFFLINE_ROOT=
	after=$(awk -F '\t' -v r="$SC_RULE" \
		'$1 == "rule" && $2 == r { print $3 }' "$SC/facts")
	# An error before the fix (UID_MIN): oscap runs no fix; the scan's
	# criterion says why.
	if ! grep -q '^Fix execution' "$SC/messages" &&
		grep -q '^criterion	uid_min	error' "$SC/facts.before"; then
		why="not remediated: UID_MIN is an error (the scan says why)"
	fi
	class=unexplained
	if [ "$after" = pass ]; then
		if [ "${SC_KERNEL:-}" != 1 ] || [ "$result" = fixed ]; then
			class=fixed
		fi
	elif [ -n "$why" ]; then
		class=left
	fi
	printf '%-20s %-8s %-12s %-5s %s\n' "$name" "$result" "$class" \
		"$wrote" "${why:-"(no reason given)"}"
	eval "got_$name=\$class wrote_$name=\$wrote"
	if [ -n "${FIXRATE_KEEP:-}" ]; then
		mkdir -p "$FIXRATE_KEEP"
		cp "$SC/arf.xml" "$FIXRATE_KEEP/$name.arf.xml"
		cp "$SC/messages" "$FIXRATE_KEEP/$name.messages"
		cp "$SC/eval.log" "$FIXRATE_KEEP/$name.eval.log"
	fi
}

printf '%-20s %-8s %-12s %-5s %s\n' host result class wrote "the fix's reason"
n=0 fixed=0 left=0 other=0
printf '%s\n' "$HOSTS" >"$SC/hosts"
while read -r name expect; do
	[ -n "$name" ] || continue
	case " ${FIXRATE_HOSTS:-$name} " in
	*" $name "*) ;;
	*) continue ;;
	esac
	remediate "$name"
	n=$((n + 1))
	eval "class=\$got_$name wrote=\$wrote_$name"
	case $class in
	fixed) fixed=$((fixed + 1)) ;;
	left) left=$((left + 1)) ;;
	*) other=$((other + 1)) ;;
	esac
	if [ "$check" = 1 ]; then
		[ "$class" = "$expect" ] ||
			sc_fail "$name: $class, expected $expect"
		[ "$class" = left ] && [ "$wrote" = yes ] &&
			sc_fail "$name: left failing, but rules.d was changed"
	fi
done <"$SC/hosts"
echo
echo "| failing hosts | fixed | left with a reason | unexplained |"
echo "| --- | --- | --- | --- |"
echo "| $n | $fixed | $left | $other |"
if [ "$check" = 1 ]; then
	sc_end
fi
exit 0
