#!/bin/sh
# badenv_kernel_access_*: the extended data stream scanning this machine
# when the kernel's rules cannot be read. SPEC.md: EPERM, ECONNREFUSED or
# no audit support → the kernel object is flagged error with a message,
# never "does not exist"; so the kernel criteria are errors and the rule's
# result is error, never pass and never fail, while the disk criteria are
# still judged. Real `oscap xccdf eval` runs with full validation, in a
# private mount namespace with the stand-ins of tests/scan/lib.sh (the CIS
# rules in the stand-in rules.d, login.defs, the kmod links, a stand-in
# auditctl): the kernel's rules are only read, never changed.
#
#   noaudit  a kernel without audit support, simulated: tests/tools/noaudit
#            runs oscap under a seccomp filter that makes
#            socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT) fail with
#            EPROTONOSUPPORT, what a kernel without CONFIG_AUDIT answers
#            (no NETLINK_AUDIT family registered; the same errno as for an
#            unused netlink protocol such as 31). The filter is inherited
#            by the probe threads.
#   eperm    root without CAP_AUDIT_CONTROL (setpriv drops it from the
#            bounding and inheritable sets): the kernel answers EPERM.
#   userns   root of a new user namespace (unshare -U -r): ECONNREFUSED.
#
# The CLI's messages for the same three are checked in tests/cli/cli.sh.
SCENARIOS="noaudit eperm userns"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scan/lib.sh"
SC_HERE=$(cd "$here/../scan" && pwd)
XSLT=$(cd "$here/../../xslt" && pwd)

scenario=${1:?usage: kernel_access.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
sc_need OSCAP DS
case $scenario in
noaudit) sc_need NOAUDIT ;;
eperm) command -v setpriv >/dev/null 2>&1 || sc_die "setpriv is missing" ;;
userns)
	unshare -U -r true 2>/dev/null ||
		sc_skip "no unprivileged user namespaces on this kernel" ;;
esac
sc_enter_namespace "$@"
sc_setup_namespace

case $scenario in
noaudit)
	why="this kernel has no audit support"
	set -- "$NOAUDIT" ;;
eperm)
	why="permission denied (needs CAP_AUDIT_CONTROL in the initial user and PID namespaces)"
	set -- setpriv --inh-caps=-all --bounding-set=-audit_control ;;
userns)
	why="connection refused (not in the initial user namespace)"
	set -- unshare -U -r ;;
esac
# oscap through the command that takes the kernel away
{
	echo '#!/bin/sh'
	printf 'exec'
	printf " '%s'" "$@" "$OSCAP"
	printf ' "$@"\n'
} >"$SC/oscap"
chmod 0755 "$SC/oscap"

sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
SC_OSCAP=$SC/oscap
sc_scan "$scenario"
sc_verdict "$scenario: the CIS rules on disk, the kernel unreadable" error \
	'kernel.*=error' 'kernel.evidence=true'
sc_arf_says "$scenario: the ARF says why" \
	"cannot read the kernel's audit rules: $why"
xsltproc "$XSLT/arf-requirements.xsl" "$SC/arf.xml" >"$SC/lines" ||
	sc_die "arf-requirements.xsl failed"
sc_says "$scenario: the terminal says the kernel's requirements are errors" \
	'^error  *kernel  *init_module calls are recorded' "$SC/lines"
sc_says "$scenario: and that the disk's pass" \
	'^pass  *disk  *init_module calls are recorded' "$SC/lines"
sc_says "$scenario: and the result is error" '^result  *error ' "$SC/lines"
xsltproc -o "$SC/summary.html" "$XSLT/arf-summary.xsl" "$SC/arf.xml" ||
	sc_die "arf-summary.xsl failed"
sc_says "$scenario: the summary says why" \
	"cannot read the kernel's audit rules: $why" "$SC/summary.html"

# Without the rules on disk the rule fails whatever the kernel holds: OVAL's
# AND lets the disk's false outweigh the kernel's error.
sc_no_rules
sc_scan "$scenario, no rules"
sc_verdict "$scenario: no rules on disk, the kernel unreadable" fail \
	'kernel.*=error' 'disk.*=false' '*.evidence=true'
sc_end
