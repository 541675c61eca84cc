# tests/scan/lib.sh - shared by the scan tests. POSIX sh; sourced, never run.
#
# Each scenario is a real `oscap xccdf eval --profile ... --results-arf` of
# a CIS 6.2.3.19 data stream with OSCAP_FULL_VALIDATION=1. criteria.xsl
# turns the ARF into one line per fact (the XCCDF rule result, the OVAL
# definition result, each requirement's criterion result) and sc_verdict
# compares all of them with what the scenario expects.
#
# Two kinds of machine for a scan:
#
# Fixture roots (sc_fixture_root): a directory with etc/login.defs,
# etc/audit/rules.d and the kmod tools, scanned offline with
# OSCAP_PROBE_ROOT. OpenSCAP chroots for offline scans: root only.
#
# This machine, in a private mount namespace (sc_enter_namespace, then
# sc_setup_namespace): a temporary directory is bind-mounted over
# /etc/audit, a temporary file over /etc/login.defs and, unless the
# scenario loads real rules, a stand-in script over /usr/sbin/auditctl,
# one file each. The kmod tools need more than bind mounts can give:
#   - a bind mount needs an existing mount point, and the development and
#     CI machines have no kmod, so /usr/bin/kmod and the six links do not
#     exist to be mounted over;
#   - mount(2) follows a symlink that is the mount point, so on a machine
#     with kmod a bind mount over /usr/sbin/lsmod lands on /usr/bin/kmod:
#     it can neither make nor break a link, and the OVAL symlink_test
#     lstat()s the tool, so only a real link in the directory counts.
# So /usr/sbin and /usr/bin each get an overlay whose lower layer is the
# real directory and whose upper layer is on a tmpfs private to the
# namespace. Every real file stays visible as it is (auditctl, augenrules,
# the shells and tools the scans and fixes run), the links and kmod are
# made through the overlay, and every write lands in the tmpfs: nothing
# reaches the real /usr. SPEC.md's "not over /usr/sbin" is about hiding
# auditctl and augenrules, which an overlay does not. Nothing is written
# under /etc/audit, /etc/login.defs, /usr/sbin or /usr/bin until a marker
# file made in the stand-in shows through the mount, so a mount that did
# not happen stops the test instead of letting it touch the real files.
# The mounts and the tmpfs die with the namespace: a killed test leaves at
# most an empty directory in $TMPDIR.
#
# Environment: OSCAP (the build's oscap), STOCK_OSCAP (Debian's), DS and
# PORTABLE_DS (the data streams), TAILORING_B32 (content's b32 tailoring),
# AUDITDLINE (the CLI), KSTATE (tests/tools/kstate, kernel scenarios);
# SC_KEEP=FILE keeps the ARF of a scan whose verdict is wrong there.

PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH
SC_HERE=$(cd "$(dirname "$0")" && pwd)
SC_PROFILE=xccdf_io.github.auditdline_profile_cis_level2_server
SC_RULE=xccdf_io.github.auditdline_rule_audit_rules_kernel_modules
SC_TOOLS="lsmod rmmod insmod modinfo modprobe depmod"
SC_SYSCALLS="init_module finit_module delete_module create_module query_module"
SC_FAILS=0
SC=
SC_R=
SC_OFFLINE_ROOT=
SC_READY=0
SC_NS=0
# UID_MIN of the stand-in login.defs: not the 1000 of a stock Debian, so a
# scan that read the real /etc/login.defs would not pass.
SC_UID=1234

sc_skip()
{
	echo "SKIP: $*"
	exit 77
}

sc_die()
{
	echo "ERROR: $*" >&2
	exit 1
}

sc_fail()
{
	echo "FAIL: $*" >&2
	SC_FAILS=$((SC_FAILS + 1))
}

sc_pass()
{
	echo "ok: $*"
}

sc_end()
{
	if [ "$SC_FAILS" -ne 0 ]; then
		echo "$SC_FAILS check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

sc_check()
{
	sc_what=$1
	shift
	if "$@"; then
		sc_pass "$sc_what"
	else
		sc_fail "$sc_what"
	fi
}

# sc_says WHAT PATTERN FILE: FILE has a line matching the basic regex.
sc_says()
{
	if grep -q -- "$2" "$3"; then
		sc_pass "$1"
		return 0
	fi
	sc_fail "$1: no line matches '$2' in $3:"
	sed 's/^/    | /' "$3" >&2
	return 1
}

sc_same()
{
	if cmp -s "$2" "$3"; then
		sc_pass "$1"
		return 0
	fi
	sc_fail "$1"
	diff -u "$2" "$3" | head -n 40 >&2
	return 1
}

sc_need()
{
	for sc_v in "$@"; do
		eval "sc_val=\${$sc_v:-}"
		[ -n "$sc_val" ] && [ -e "$sc_val" ] || sc_die "$sc_v is not set"
	done
}

sc_need_root()
{
	[ "$(id -u)" = 0 ] ||
		sc_skip "needs root (OpenSCAP chroots for offline scans; mount namespaces)"
}

sc_tmp()
{
	SC=$(mktemp -d "${TMPDIR:-/tmp}/adl-scan.XXXXXX") || sc_die "mktemp"
	trap 'sc_cleanup' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

sc_cleanup()
{
	sc_rc=$?
	trap - EXIT
	if [ "$SC_NS" = 1 ]; then
		# They die with the namespace; unmount anyway so that removing
		# $SC cannot reach through them.
		umount /usr/sbin/auditctl 2>/dev/null
		umount /usr/sbin /usr/bin /etc/login.defs /etc/audit 2>/dev/null
		umount "$SC" 2>/dev/null
	fi
	[ -n "$SC" ] && rm -rf "$SC"
	exit "$sc_rc"
}

# ---------------------------------------------------------------------------
# The machine a scenario scans: $SC_R is its root ("" in the namespace).

# sc_fixture_root: a fresh fixture root in $SC/root (merged /usr, as
# Debian 12), with the kmod tools as Debian installs them and no rules.
sc_fixture_root()
{
	[ -n "$SC" ] || sc_die "sc_tmp first"
	SC_R=$SC/root
	SC_OFFLINE_ROOT=$SC_R
	rm -rf "$SC_R"
	mkdir -p "$SC_R/etc/audit/rules.d" "$SC_R/usr/bin" "$SC_R/usr/sbin" ||
		sc_die "mkdir"
	ln -s usr/bin "$SC_R/bin"
	ln -s usr/sbin "$SC_R/sbin"
	SC_RD=$SC_R/etc/audit/rules.d
	SC_LOGIN_DEFS=$SC_R/etc/login.defs
	sc_login_defs "$SC_UID"
	sc_tools_ok
}

# Writing to the machine's own paths needs the stand-ins in place.
sc__guard()
{
	[ -n "$SC_R" ] || [ "$SC_READY" = 1 ] ||
		sc_die "the namespace's stand-ins are not in place"
}

# sc_login_defs VALUE | --none: login.defs with UID_MIN VALUE (the last of
# two UID_MIN lines, after a commented one: the last one wins, as for
# useradd) or without UID_MIN.
sc_login_defs()
{
	{
		echo "# adl-scan-test login.defs"
		echo "#UID_MIN 500"
		[ "$1" = --none ] || echo "UID_MIN 999"
		echo "MAIL_DIR /var/mail"
		[ "$1" = --none ] || printf 'UID_MIN\t\t\t %s\n' "$1"
		echo "UID_MAX 60000"
	} >"$SC/login.defs.new" || sc_die "cannot write login.defs"
	# In place: the bind mount follows the inode.
	cat "$SC/login.defs.new" >"$SC_LOGIN_DEFS" || sc_die "login.defs"
}

# sc_rules NAME LINE...: the rules file rules.d/NAME holds LINE...
# ($SC_RD is the fixture's rules.d or, in the namespace, the directory
# mounted over /etc/audit: never a path under the real /etc.)
sc_rules()
{
	sc_f=$SC_RD/$1
	shift
	printf '%s\n' "$@" >"$sc_f" || sc_die "cannot write $sc_f"
	chmod 0640 "$sc_f"
}

# An empty rules.d.
sc_no_rules()
{
	find "$SC_RD" -mindepth 1 -delete || sc_die "cannot empty $SC_RD"
}

# The rules CIS 6.2.3.19 asks for, as its remediation writes them, with
# UID_MIN U (default $SC_UID).
sc_cis_b64()
{
	echo "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=${1:-$SC_UID} -F auid!=unset -k kernel_modules"
}

sc_cis_kmod()
{
	echo "-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=${1:-$SC_UID} -F auid!=unset -k kernel_modules"
}

# sc_cis_without SYSCALL [U]: the b64 rule without that syscall.
sc_cis_without()
{
	sc_l=
	for sc_s in $SC_SYSCALLS; do
		[ "$sc_s" = "$1" ] || sc_l=${sc_l:+$sc_l,}$sc_s
	done
	echo "-a always,exit -F arch=b64 -S $sc_l -F auid>=${2:-$SC_UID} -F auid!=unset -k kernel_modules"
}

# The kmod tools as Debian installs them: /usr/bin/kmod and in /usr/sbin
# six links ../bin/kmod.
sc_tools_ok()
{
	sc__guard
	rm -f "$SC_R/usr/bin/kmod"
	printf '#!/bin/sh\necho "kmod stand-in (adl-scan-test)"\n' \
		>"$SC_R/usr/bin/kmod" || sc_die "cannot make kmod"
	chmod 0755 "$SC_R/usr/bin/kmod"
	for sc_t in $SC_TOOLS; do
		rm -f "$SC_R/usr/sbin/$sc_t"
		ln -s ../bin/kmod "$SC_R/usr/sbin/$sc_t" || sc_die "ln $sc_t"
	done
}

# sc_tool_regular TOOL: TOOL is a regular file (a copy of kmod), not a link.
sc_tool_regular()
{
	sc__guard
	rm -f "$SC_R/usr/sbin/$1"
	cp "$SC_R/usr/bin/kmod" "$SC_R/usr/sbin/$1" || sc_die "cp $1"
}

# sc_tool_elsewhere TOOL: TOOL is a link to another program.
sc_tool_elsewhere()
{
	sc__guard
	printf '#!/bin/sh\n' >"$SC_R/usr/bin/adl-not-kmod"
	chmod 0755 "$SC_R/usr/bin/adl-not-kmod"
	rm -f "$SC_R/usr/sbin/$1"
	ln -s ../bin/adl-not-kmod "$SC_R/usr/sbin/$1" || sc_die "ln $1"
}

# sc_tool_missing TOOL
sc_tool_missing()
{
	sc__guard
	rm -f "$SC_R/usr/sbin/$1" || sc_die "rm $1"
}

# The links stay; the file they point to is gone.
sc_kmod_missing()
{
	sc__guard
	rm -f "$SC_R/usr/bin/kmod" || sc_die "rm kmod"
}

# ---------------------------------------------------------------------------
# Scans.

# sc_scan NAME [oscap eval options]: scan with $SC_OSCAP (default $OSCAP)
# the data stream $SC_DS (default $DS) with the Level 2 Server profile
# ($SC_EVAL_PROFILE), offline when $SC_OFFLINE_ROOT is set (a fixture root,
# or / in the namespace: its disk and links without the kernel). The ARF
# is $SC/arf.xml, its facts $SC/facts.
sc_scan()
{
	sc_name=$1
	shift
	sc_oscap=${SC_OSCAP:-$OSCAP}
	sc_ds=${SC_DS:-$DS}
	rm -f "$SC/arf.xml" "$SC/facts"
	if [ -n "$SC_OFFLINE_ROOT" ]; then
		OSCAP_PROBE_ROOT=$SC_OFFLINE_ROOT
		export OSCAP_PROBE_ROOT
	else
		unset OSCAP_PROBE_ROOT
	fi
	# shellcheck disable=SC2086 # SC_OSCAP_PREFIX: a command and its words
	OSCAP_FULL_VALIDATION=1 ${SC_OSCAP_PREFIX:-} "$sc_oscap" xccdf eval \
		--profile "${SC_EVAL_PROFILE:-$SC_PROFILE}" "$@" \
		--results-arf "$SC/arf.xml" "$sc_ds" >"$SC/eval.log" 2>&1
	sc_status=$?
	unset OSCAP_PROBE_ROOT
	SC_SCANNED_OFFLINE=$SC_OFFLINE_ROOT
	if [ ! -s "$SC/arf.xml" ]; then
		sed 's/^/    | /' "$SC/eval.log" >&2
		sc_fail "$sc_name: oscap wrote no ARF (exit $sc_status)"
		: >"$SC/facts"
		return 1
	fi
	xsltproc "$SC_HERE/criteria.xsl" "$SC/arf.xml" >"$SC/facts" ||
		sc_die "criteria.xsl failed on $SC/arf.xml"
}

# sc_verdict NAME RESULT [LABEL-GLOB=EXPECTED]...: the last scan's rule
# result is RESULT (pass, fail, error, fixed; several joined with "|" for
# any of them) and oscap's exit status agrees with it (0 for pass and
# fixed, 2 otherwise); then every requirement
# criterion has the result the last matching LABEL-GLOB=EXPECTED gives it
# (shell globs over criteria.xsl's labels; EXPECTED is an OVAL result,
# several joined with "|" for any of them, or "-" for not checked). The
# defaults: every criterion true, the b32 ones not checked, and the kernel
# ones not applicable in an offline scan.
sc_verdict()
{
	sc_name=$1
	sc_want=$2
	shift 2
	[ -s "$SC/facts" ] || { sc_fail "$sc_name: no results"; return 1; }
	sc_got=$(awk -F '\t' -v r="$SC_RULE" \
		'$1 == "rule" && $2 == r { print $3 }' "$SC/facts")
	sc_bad=0
	case "|$sc_want|" in
	*"|$sc_got|"*)
		sc_pass "$sc_name: the rule's result is $sc_got" ;;
	*)
		sc_fail "$sc_name: the rule's result is '$sc_got', expected $sc_want"
		sc_bad=1 ;;
	esac
	case $sc_got in
	pass | fixed) sc_want_status=0 ;;
	*) sc_want_status=2 ;;
	esac
	if [ "$sc_status" != "$sc_want_status" ]; then
		sc_fail "$sc_name: oscap exited $sc_status, expected $sc_want_status"
		sc_bad=1
	fi
	set -- '*=true' '*.b32=-' "$@"
	[ -n "${SC_SCANNED_OFFLINE:-}" ] && set -- "$@" 'kernel.*=not applicable' \
		'kernel.evidence=true'
	# The globs come after the scenario's own ones when offline: a fixture
	# root has no kernel whatever the scenario says.
	sc_n=0
	sc_wrong=
	sc_nsce=0
	while IFS='	' read -r sc_kind sc_label sc_result; do
		case $sc_kind in
		criterion) sc_n=$((sc_n + 1)) ;;
		sce) sc_nsce=$((sc_nsce + 1)) ;;
		offline)
			sc_exp=false
			[ -n "${SC_SCANNED_OFFLINE:-}" ] && sc_exp=true
			[ "$sc_result" = "$sc_exp" ] || sc_wrong="$sc_wrong
    the offline definition is $sc_result, expected $sc_exp"
			continue ;;
		*) continue ;;
		esac
		case $sc_label in
		unknown:*)
			sc_wrong="$sc_wrong
    criterion with an unknown comment: ${sc_label#unknown:}"
			continue ;;
		esac
		sc_exp=-
		for sc_spec in "$@"; do
			# shellcheck disable=SC2254 # the globs are meant
			case $sc_label in
			${sc_spec%%=*}) sc_exp=${sc_spec#*=} ;;
			esac
		done
		[ "$sc_exp" = - ] && continue
		case "|$sc_exp|" in
		*"|$sc_result|"*) ;;
		*) sc_wrong="$sc_wrong
    $sc_label is $sc_result, expected $sc_exp" ;;
		esac
	done <"$SC/facts"
	# Extended: UID_MIN, 2 evidence, 2 x (5 + 1) b64, 2 x 5 b32, kmod
	# exists, 6 links;
	# portable (SC_CRITERIA=20): no kernel.
	if [ "$sc_n" -ne "${SC_CRITERIA:-32}" ]; then
		sc_wrong="$sc_wrong
    $sc_n criteria in the results, expected ${SC_CRITERIA:-32}"
	fi
	# portable, online: the SCE script's lines (SC_SCE of them)
	if [ "$sc_nsce" -ne "${SC_SCE:-0}" ]; then
		sc_wrong="$sc_wrong
    $sc_nsce lines of the SCE script in the results, expected ${SC_SCE:-0}"
	fi
	if [ -z "$sc_wrong" ]; then
		sc_pass "$sc_name: each requirement's criterion as expected"
	else
		sc_fail "$sc_name: criteria:$sc_wrong"
		sc_bad=1
	fi
	if [ "$sc_bad" = 1 ]; then
		sed 's/^/    | /' "$SC/facts" >&2
		sed 's/^/    > /' "$SC/eval.log" >&2
		[ -n "${SC_KEEP:-}" ] && cp "$SC/arf.xml" "$SC_KEEP"
	fi
	return "$sc_bad"
}

# sc_arf_says WHAT FIXED-STRING: the last ARF contains the string (the
# evidence an auditor reads: item messages, audit lines).
sc_arf_says()
{
	if grep -qF -- "$2" "$SC/arf.xml"; then
		sc_pass "$1"
	else
		sc_fail "$1: the ARF has no '$2'"
	fi
}

# ---------------------------------------------------------------------------
# The private mount namespace.

# sc_enter_namespace [--kernel] ARGS...: re-run the calling script in a
# private mount namespace. With --kernel the scenario loads real rules:
# tests/kernel/lib.sh skips it unless AUDITDLINE_KERNEL_TESTS=1, takes the
# lock and saves the kernel's rules and settings here, outside the
# namespace, and restores them when the namespace is gone. Call first.
sc_enter_namespace()
{
	[ "${SC_IN_NAMESPACE:-}" = 1 ] && return 0
	sc_kernel=0
	if [ "${1:-}" = --kernel ]; then
		sc_kernel=1
		shift
	fi
	sc_need_root
	command -v unshare >/dev/null 2>&1 || sc_skip "no unshare"
	[ -x /usr/sbin/augenrules ] && [ -x /usr/sbin/auditctl ] ||
		sc_skip "no augenrules or auditctl (auditd is not installed)"
	grep -qw overlay /proc/filesystems ||
		sc_skip "no overlay file system in this kernel"
	[ -d /etc/audit ] && [ -f /etc/login.defs ] ||
		sc_skip "no /etc/audit or /etc/login.defs to mount over"
	SC_IN_NAMESPACE=1
	export SC_IN_NAMESPACE
	if [ "$sc_kernel" = 1 ]; then
		# shellcheck source=../kernel/lib.sh
		. "$SC_HERE/../kernel/lib.sh"
		kt_begin
		# The scenario starts from an empty rule list.
		auditctl -D >/dev/null || kt_die "auditctl -D failed"
		SC_KERNEL=1
		export SC_KERNEL
		unshare -m --propagation private sh "$0" "$@"
		exit $?
	fi
	exec unshare -m --propagation private sh "$0" "$@"
}

# sc_setup_namespace [--real-auditctl]: make the stand-ins and mount them
# (see the top of this file). Refuses to go on unless each shows through.
sc_setup_namespace()
{
	[ "${SC_IN_NAMESPACE:-}" = 1 ] || sc_die "not in the namespace"
	sc_real_auditctl=0
	[ "${1:-}" = --real-auditctl ] && sc_real_auditctl=1
	sc_tmp
	mount -t tmpfs -o mode=0700,size=64m adl-scan "$SC" ||
		sc_die "cannot mount a tmpfs on $SC"
	SC_NS=1
	mkdir -p "$SC/audit/rules.d" "$SC/ovl/sbin/upper" "$SC/ovl/sbin/work" \
		"$SC/ovl/bin/upper" "$SC/ovl/bin/work" || sc_die "mkdir"
	chmod 0750 "$SC/audit" "$SC/audit/rules.d"
	chmod 0755 "$SC/ovl" "$SC/ovl/sbin" "$SC/ovl/bin" \
		"$SC/ovl/sbin/upper" "$SC/ovl/bin/upper"
	: >"$SC/audit/.adl-scan-test"
	: >"$SC/ovl/sbin/upper/.adl-scan-test"
	: >"$SC/ovl/bin/upper/.adl-scan-test"
	SC_LOGIN_DEFS=$SC/login.defs
	SC_RD=$SC/audit/rules.d
	SC_R=
	sc_login_defs "$SC_UID"
	cat >"$SC/auditctl" <<EOF
#!/bin/sh
# auditctl stand-in for the scan tests: logs its arguments, answers -s,
# keeps what -R would load.
printf '%s\n' "\$*" >>'$SC/auditctl.log'
case \$1 in
--adl-scan-test) echo adl-scan-test ;;
-s) printf 'enabled 1\nfailure 1\npid 0\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n' ;;
-R) cp "\$2" '$SC/loaded.rules' ;;
esac
EOF
	chmod 0755 "$SC/auditctl"
	mount --bind "$SC/audit" /etc/audit &&
		mount --bind "$SC/login.defs" /etc/login.defs ||
		sc_die "bind mounts over /etc/audit, /etc/login.defs failed"
	for sc_d in sbin bin; do
		mount -t overlay "adl-scan-$sc_d" -o \
			"lowerdir=/usr/$sc_d,upperdir=$SC/ovl/$sc_d/upper,workdir=$SC/ovl/$sc_d/work" \
			"/usr/$sc_d" || sc_die "cannot mount an overlay on /usr/$sc_d"
	done
	[ -e /etc/audit/.adl-scan-test ] &&
		grep -q '^# adl-scan-test' /etc/login.defs &&
		[ -e /usr/sbin/.adl-scan-test ] && [ -e /usr/bin/.adl-scan-test ] &&
		[ -x /usr/sbin/augenrules ] && [ -x /usr/sbin/auditctl ] ||
		sc_die "the stand-ins are not in place"
	if [ "$sc_real_auditctl" = 0 ]; then
		mount --bind "$SC/auditctl" /usr/sbin/auditctl ||
			sc_die "bind mount over auditctl failed"
		[ "$(/sbin/auditctl --adl-scan-test)" = adl-scan-test ] ||
			sc_die "the auditctl stand-in is not in place"
	fi
	: >"$SC/auditctl.log"
	if [ "${SC_KERNEL:-}" = 1 ]; then
		# kt_kernel_load, kt_guard
		# shellcheck source=../kernel/lib.sh
		. "$SC_HERE/../kernel/lib.sh"
		KT_TMP=$SC
	fi
	SC_READY=1
	sc_tools_ok
}

# sc_kernel_load LINE...: the kernel holds exactly the rules LINE...
# (auditctl -D, then -R of them; tests/kernel/lib.sh refuses -e and the
# like). Kernel scenarios only.
sc_kernel_load()
{
	[ "${SC_KERNEL:-}" = 1 ] || sc_die "sc_kernel_load outside a kernel scenario"
	printf '%s\n' "$@" >"$SC/kernel.rules" || sc_die "cannot write"
	kt_kernel_load "$SC/kernel.rules" ||
		{ cat "$SC/auditctl.out" >&2; sc_die "auditctl could not load the rules"; }
}
