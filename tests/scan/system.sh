#!/bin/sh
# scan_system_*: the extended data stream scanning this machine itself, as
# `make scan` does, in a private mount namespace with stand-ins for
# /etc/audit, /etc/login.defs and the kmod tools (lib.sh says how), then
# its bash and Ansible fixes and `oscap xccdf eval --remediate`.
#
# SCENARIOS leave the kernel alone: auditctl is a stand-in, and the kernel
# criteria are whatever the running kernel holds, so those scenarios check
# disk, links and UID_MIN, and the fixes' rescans are offline scans of the
# namespace's / (OSCAP_PROBE_ROOT=/: disk and links, the kernel not
# applicable). KERNEL_SCENARIOS load real rules into the kernel
# (AUDITDLINE_KERNEL_TESTS=1 only, one at a time; tests/kernel/lib.sh saves
# the kernel's rules and settings first and restores them afterwards) and
# check the whole verdict, the fixes' `augenrules --load` included.
#
# system.sh SCENARIO (CMakeLists.txt makes a test of each).
SCENARIOS="ns_disk ns_links fix_bash_text fix_bash_cli fix_ansible"
KERNEL_SCENARIOS="k_pass k_disk_only k_kernel_only k_missing k_spellings k_never k_keyless k_portable k_portable_no_sce k_portable_not_root k_fix_bash k_fix_ansible k_remediate"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

scenario=${1:?usage: system.sh SCENARIO}
kernel=
case " $SCENARIOS " in
*" $scenario "*) ;;
*)
	case " $KERNEL_SCENARIOS " in
	*" $scenario "*) kernel=--kernel ;;
	*) sc_die "no scenario $scenario" ;;
	esac
	;;
esac
case $scenario in
*ansible*)
	command -v ansible-playbook >/dev/null 2>&1 ||
		sc_skip "no ansible-playbook (Debian package ansible-core)" ;;
esac
sc_need OSCAP DS
# shellcheck disable=SC2086 # $kernel is empty or one word
sc_enter_namespace $kernel "$@"

if [ -n "$kernel" ]; then
	sc_setup_namespace --real-auditctl
else
	sc_setup_namespace
fi

B64=$(sc_cis_b64)
KMOD=$(sc_cis_kmod)
HEADER="## CIS 6.2.3.19: kernel module loading, unloading and modification"
# How the kernel lists the CIS rules (auditctl -l).
K_B64="-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=$SC_UID -F auid!=-1 -F key=kernel_modules"
K_KMOD="-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=$SC_UID -F auid!=-1 -F key=kernel_modules"

# An offline scan of the namespace's own root: disk and links only. As
# "/." and not "/": OpenSCAP's textfilecontent54 finds no file under a
# root that ends in a slash (UID_MIN would be an error).
scan_root()
{
	SC_OFFLINE_ROOT=/.
	sc_scan "$@"
	SC_OFFLINE_ROOT=
}

# ---------------------------------------------------------------------------
# The kernel left alone.

# The online scan reads the stand-ins: UID_MIN 1234 from the stand-in
# login.defs (the real one says 1000), the rules from the stand-in rules.d,
# the links made through the overlays. The kernel criteria are evaluated
# (online), whatever they find.
scenario_ns_disk()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_scan "disk"
	sc_verdict "the CIS rules on disk" 'pass|fail' 'kernel.*=true|false' \
		'kernel.evidence=true'
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64 1000)" "$(sc_cis_kmod 1000)"
	sc_scan "disk, 1000"
	sc_verdict "rules for 1000 when the stand-in login.defs says 1234" fail \
		'disk.*.b64=false' 'disk.kmod=false' 'kernel.*=true|false' \
		'kernel.evidence=true'
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_login_defs --none
	sc_scan "no UID_MIN"
	sc_verdict "UID_MIN unset" error 'uid_min=false|error' '*.b64=-' \
		'disk.kmod=-' 'kernel.kmod=-'
}

scenario_ns_links()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_tool_regular lsmod
	sc_scan "lsmod regular"
	sc_verdict "lsmod is a regular file" fail 'links.lsmod=false' \
		'kernel.*=true|false' 'kernel.evidence=true'
	sc_tools_ok
	sc_tool_elsewhere modinfo
	sc_scan "modinfo elsewhere"
	sc_verdict "modinfo links to another program" fail \
		'links.modinfo=false' 'kernel.*=true|false' 'kernel.evidence=true'
	sc_tools_ok
	sc_tool_missing modprobe
	sc_scan "no modprobe"
	sc_verdict "modprobe is missing" fail 'links.modprobe=false' \
		'kernel.*=true|false' 'kernel.evidence=true'
	sc_tools_ok
	sc_kmod_missing
	sc_scan "no kmod"
	sc_verdict "a broken kmod link" fail 'links.*=false|error' \
		'links.kmod_exists=false' 'kernel.*=true|false' \
		'kernel.evidence=true'
}

# The rules.d a fix starts from: a base file, a local file that already
# has the kmod rule spelled otherwise (the fix must not write it again)
# and a file augenrules does not read.
fix_start()
{
	sc_rules 10-base.rules "-D" "-b 8192" "" "# identity" \
		"-w /etc/passwd -p wa -k identity"
	sc_rules 30-local.rules "## local rules" \
		"-a always,exit -F arch=b64 -S sethostname,setdomainname -k system-locale" \
		"-a exit,always -F perm=x -F path=/usr/bin/kmod -F loginuid>=0x4d2 -F auid!=-1 -F key=km"
	sc_rules 99-old.rules.disabled "$B64"
	chmod 0600 "$SC_RD/30-local.rules"
	printf '%s\n' "$HEADER" "$B64" >"$SC/expected.50"
	sc_sums >"$SC/others.before"
}

# A listing of rules.d with modes, owners and checksums, dotfiles included
# (all but the file the fix writes when EXCEPT is given).
sc_sums()
{
	(cd "$SC_RD" && find . \( -type f -o -type l \) ! -name "${1:-/}" |
		LC_ALL=C sort | while IFS= read -r f; do
			printf '%s %s  %s\n' "$(stat -c '%a %u:%g' -- "$f")" \
				"$(sha256sum <"$f" | cut -d ' ' -f 1)" "$f"
		done)
}

# fix_generate bash|ansible: the fix as `oscap xccdf generate fix` makes it
# from the data stream for the profile (what `make scan` writes).
fix_generate()
{
	"$OSCAP" xccdf generate fix --fix-type "$1" --profile "$SC_PROFILE" \
		--output "$SC/fix.$1" "$DS" >"$SC/generate.log" 2>&1
	sc_check "oscap xccdf generate fix --fix-type $1" [ -s "$SC/fix.$1" ]
	[ -s "$SC/fix.$1" ] || { cat "$SC/generate.log" >&2; sc_end; }
}

# fix_run bash|ansible OUT: run the generated fix. The rules the bash fix
# or augenrules would load into a real kernel are checked first.
fix_run()
{
	[ "${SC_KERNEL:-}" = 1 ] && kt_guard "$SC_RD"/*.rules
	case $1 in
	bash)
		bash "$SC/fix.bash" >"$2" 2>&1
		sc_check "the bash fix ends with status 0" [ $? = 0 ]
		;;
	ansible)
		mkdir -p "$SC/ansible"
		# Python must not write byte code under the real /usr.
		PYTHONDONTWRITEBYTECODE=1 HOME=$SC/ansible \
			ANSIBLE_LOCAL_TEMP=$SC/ansible ANSIBLE_REMOTE_TEMP=$SC/ansible \
			ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
			ANSIBLE_DEPRECATION_WARNINGS=0 \
			ansible-playbook -c local -i localhost, "$SC/fix.ansible" \
			>"$2" 2>&1
		sc_check "ansible-playbook succeeds" [ $? = 0 ]
		;;
	esac
	sed 's/^/    > /' "$2"
}

# fix_scenario bash|ansible: scan, fix, rescan, fix again. Without the
# kernel the rescans are offline scans of / (disk and links) and the
# online scan's disk criteria; with it, online scans that must pass.
fix_scenario()
{
	fix_start
	if [ "${SC_KERNEL:-}" = 1 ]; then
		sc_scan "before"
		sc_verdict "before the fix" fail 'disk.*.b64=false' \
			'kernel.*.b64=false' 'kernel.kmod=false'
	else
		scan_root "before"
		sc_verdict "before the fix (offline)" fail 'disk.*.b64=false'
	fi
	fix_generate "$1"
	fix_run "$1" "$SC/out1"
	sc_same "the fix wrote the missing b64 rule only" "$SC/expected.50" \
		"$SC_RD/50-kernel_modules.rules"
	sc_check "it is mode 0640 and root's" \
		[ "$(stat -c '%a %u:%g' "$SC_RD/50-kernel_modules.rules")" = "640 0:0" ]
	sc_sums 50-kernel_modules.rules >"$SC/others.after"
	sc_same "the other files in rules.d are as they were" \
		"$SC/others.before" "$SC/others.after"
	sc_check "augenrules wrote /etc/audit/audit.rules" \
		grep -qxF -- "$B64" /etc/audit/audit.rules
	if [ "${SC_KERNEL:-}" = 1 ]; then
		sc_scan "after"
		sc_verdict "after the fix" pass
		auditctl -l >"$SC/kernel.1"
		sc_check "the kernel lists the b64 rule" grep -qxF -- "$K_B64" \
			"$SC/kernel.1"
	else
		sc_says "augenrules --load ran auditctl -R" \
			'^-R /etc/audit/audit.rules$' "$SC/auditctl.log"
		scan_root "after"
		sc_verdict "after the fix (offline)" pass
		sc_scan "after, online"
		sc_verdict "after the fix (online)" 'pass|fail' \
			'kernel.*=true|false' 'kernel.evidence=true'
	fi

	sc_sums >"$SC/all.1"
	fix_run "$1" "$SC/out2"
	sc_sums >"$SC/all.2"
	sc_same "a second run leaves rules.d as it was" "$SC/all.1" "$SC/all.2"
	[ "$1" = bash ] &&
		sc_says "a second run says there is nothing to write" \
			'nothing to write' "$SC/out2"
	if [ "${SC_KERNEL:-}" = 1 ]; then
		auditctl -l >"$SC/kernel.2"
		sc_same "a second run leaves the kernel's rules as they were" \
			"$SC/kernel.1" "$SC/kernel.2"
		sc_scan "after twice"
		sc_verdict "after the second run" pass
	else
		scan_root "after twice"
		sc_verdict "after the second run (offline)" pass
	fi
}

scenario_fix_bash_text()
{
	AUDITDLINE_FIX_CLI=none
	export AUDITDLINE_FIX_CLI
	fix_scenario bash
	sc_says "it compared the rules as text" 'compared the rules as text' \
		"$SC/out1"
}

scenario_fix_bash_cli()
{
	sc_need AUDITDLINE
	AUDITDLINE_FIX_CLI=$AUDITDLINE
	export AUDITDLINE_FIX_CLI
	fix_scenario bash
	sc_says "it compared the rules with auditdline" \
		"compared the rules with $AUDITDLINE" "$SC/out1"
}

scenario_fix_ansible()
{
	fix_scenario ansible
}

# ---------------------------------------------------------------------------
# The kernel's rules (AUDITDLINE_KERNEL_TESTS=1).

scenario_k_pass()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load "$B64" "$KMOD"
	sc_scan "disk and kernel"
	sc_verdict "the CIS rules loaded and on disk" pass
	sc_arf_says "the evidence has the kernel's b64 rule" \
		"$(printf '%s' "$K_B64" | sed 's/>/\&gt;/g')"
	sc_arf_says "and its kmod rule" \
		"$(printf '%s' "$K_KMOD" | sed 's/>/\&gt;/g')"
}

scenario_k_disk_only()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load "-w /etc/passwd -p wa -k identity"
	sc_scan "disk only"
	sc_verdict "on disk, not loaded" fail 'kernel.*.b64=false' \
		'kernel.kmod=false'
}

scenario_k_kernel_only()
{
	sc_rules 10-base.rules "-w /etc/passwd -p wa -k identity"
	sc_kernel_load "$B64" "$KMOD"
	sc_scan "kernel only"
	sc_verdict "loaded, not on disk" fail 'disk.*.b64=false' 'disk.kmod=false'
}

# Each requirement in turn missing from the kernel only.
scenario_k_missing()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	for s in $SC_SYSCALLS; do
		sc_kernel_load "$(sc_cis_without "$s")" "$KMOD"
		sc_scan "kernel without $s"
		sc_verdict "the kernel without $s" fail "kernel.$s.b64=false"
	done
	sc_kernel_load "$B64"
	sc_scan "kernel without kmod"
	sc_verdict "the kernel without the kmod rule" fail 'kernel.kmod=false'
}

scenario_k_spellings()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load \
		"-a exit,always -F arch=b64 -S INIT_MODULE,Finit_Module -F loginuid>=0x4d2 -F auid!=4294967295 -F key=a" \
		"-a always,exit -F arch=b64 -S delete_module -S create_module -F auid!=-1 -F auid>=1234 -k b -k c" \
		"-a always,exit -F arch=x86_64 -S query_module -F auid>=02322 -F auid!=unset -F key=d" \
		"-a exit,always -F arch=b64 -F path=/usr/bin/kmod -F perm=rx -F loginuid>=1234 -F auid!=-1 -F key=e"
	sc_scan "kernel spellings"
	sc_verdict "the kernel: exit,always, loginuid, 0x4d2, 02322, 4294967295, -F key=, upper case, spread" \
		pass
	sc_kernel_load \
		"-a always,exit -F arch=b64 -S all -F auid>=1234 -F auid!=unset -k all" \
		"$KMOD"
	sc_scan "kernel -S all"
	sc_verdict "the kernel: -S all" pass
}

# k_first_takes RULE WHAT WHY: RULE (WHAT) loaded before the CIS rules
# takes their events, the evidence saying WHY and naming kernel rule 1;
# loaded after them, it takes nothing. The kernel's list is first-match.
k_first_takes()
{
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load "$1" "$B64" "$KMOD"
	sc_scan "$2 before"
	sc_verdict "the kernel: $2 before" fail 'kernel.*.b64=false'
	sc_arf_says "the evidence says which kernel rule takes the events" \
		"$3 at kernel rule 1 ($(printf '%s' "$1" | sed 's/>/\&gt;/g'))"
	sc_kernel_load "$B64" "$KMOD" "$1"
	sc_scan "$2 after"
	sc_verdict "the kernel: $2 after" pass
}

# First match decides the key too.
scenario_k_keyless()
{
	k_first_takes \
		"-a always,exit -F arch=b64 -S finit_module -F auid>=$SC_UID -F auid!=-1" \
		"a keyless rule" "records them without a key"
	exec="-a always,exit -F arch=b64 -S execve -F auid>=$SC_UID -F auid!=-1 -F key=exec"
	sc_kernel_load "$exec" "$B64" "$KMOD"
	sc_scan "keyed execve before"
	sc_verdict "the kernel: a keyed execve rule before" pass
	sc_arf_says "the kmod rule's item names the kernel rule that records its events" \
		":recorded_by>kernel rule 1: $(printf '%s' "$exec" | sed 's/>/\&gt;/g')</"
}

scenario_k_never()
{
	k_first_takes "-a never,exit -F arch=b64 -S finit_module" \
		"a never rule" "suppressed: an earlier never rule"
	# -A puts a rule at the head of its list, whenever it is loaded.
	sc_kernel_load "$B64" "$KMOD" "-A never,exit -F arch=b64 -S finit_module"
	sc_scan "never prepended"
	sc_verdict "the kernel: the never rule loaded last with -A" fail \
		'kernel.*.b64=false'
}

# The portable data stream with Debian's oscap (what Satellite hosts run):
# the rules files as text, and the running kernel through its SCE script.
# Each of these kernels passed before the script: the rules are on disk
# but the kernel holds none, or something takes their events first.
scenario_k_portable()
{
	SC_OSCAP=$STOCK_OSCAP SC_DS=$PORTABLE_DS SC_CRITERIA=20 SC_SCE=6
	export SC_OSCAP SC_DS SC_CRITERIA SC_SCE
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load "$B64" "$KMOD"
	sc_scan "portable, loaded"
	sc_verdict "portable, stock oscap: the CIS rules loaded" pass
	sc_arf_says "the SCE lines name the kernel rule" \
		"kernel: init_module (arch=b64): met by kernel rule 1: $(printf '%s' "$K_B64" | sed 's/>/\&gt;/g')"
	sc_kernel_load
	sc_scan "portable, not loaded"
	sc_verdict "portable, stock oscap: on disk, not loaded" fail \
		'kernel.*=false'
	sc_arf_says "the SCE lines say the kernel has no such rule" \
		"kernel: runs of /usr/bin/kmod: NOT met: no rule in the kernel records it"
	for first in "-a never,exit -F arch=b64 -S finit_module" \
		"-a always,exit -F arch=b64 -S finit_module -F auid>=$SC_UID" \
		"-a never,task" "-a always,exclude -F msgtype=SYSCALL"; do
		sc_kernel_load "$first" "$B64" "$KMOD"
		sc_scan "portable, $first"
		case $first in
		*,exit*) sc_verdict "portable, stock oscap: $first first" fail \
			'kernel.*.b64=false' ;;
		*) sc_verdict "portable, stock oscap: $first" fail 'kernel.*=false' ;;
		esac
	done
	sc_arf_says "and why" "an exclude rule can drop its SYSCALL records: kernel rule"
}

# No Script Check Engine (Debian's is a plugin, libopenscap_sce): the
# running rules are not checked, and the rule does not pass. OpenSCAP's
# tables make OR(notchecked, the online "false") fail (xccdf.xsl says why
# the check is built so); the auditor's lines say the kernel was not
# checked.
scenario_k_portable_no_sce()
{
	sce=$(ldconfig -p | awk '/libopenscap_sce\.so/ { print $NF; exit }')
	[ -n "$sce" ] || sc_die "Debian's libopenscap_sce is not installed"
	: >"$SC/empty.so"
	mount --bind "$SC/empty.so" "$(readlink -f "$sce")" ||
		sc_die "cannot hide $sce"
	"$STOCK_OSCAP" --version | grep -q 'SCE Version' &&
		sc_die "the stock oscap still has SCE"
	SC_OSCAP=$STOCK_OSCAP SC_DS=$PORTABLE_DS SC_CRITERIA=20
	export SC_OSCAP SC_DS SC_CRITERIA
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	sc_kernel_load "$B64" "$KMOD"
	sc_scan "portable, no SCE"
	sc_verdict "portable, stock oscap without SCE: not checked, not pass" \
		'fail|notchecked|error|unknown'
	xsltproc "$SC_HERE/../../xslt/arf-requirements.xsl" "$SC/arf.xml" \
		>"$SC/lines" || sc_die "arf-requirements.xsl failed"
	if grep -q '^not checked kernel .*the SCE script gave no output' "$SC/lines"; then
		sc_pass "the terminal lines say the kernel was not checked"
	else
		sed 's/^/    | /' "$SC/lines" >&2
		sc_fail "the terminal lines do not say the kernel was not checked"
	fi
}

# Not root: auditctl -l cannot read the kernel's rules; not a pass, and
# the script says why.
scenario_k_portable_not_root()
{
	SC_OSCAP=$STOCK_OSCAP SC_DS=$PORTABLE_DS SC_CRITERIA=20 SC_SCE=1
	export SC_OSCAP SC_DS SC_CRITERIA SC_SCE
	sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
	chmod -R a+rX "$SC_RD" /etc/audit
	sc_kernel_load "$B64" "$KMOD"
	chmod 0777 "$SC"
	SC_OSCAP_PREFIX="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	export SC_OSCAP_PREFIX
	sc_scan "portable, nobody"
	unset SC_OSCAP_PREFIX
	sc_verdict "portable, stock oscap, not root" 'error|fail' \
		'kernel.not_checked=false'
	sc_arf_says "the SCE line says auditctl -l failed" \
		"kernel: not checked: auditctl -l failed (it needs root"
}

scenario_k_fix_bash()
{
	sc_need AUDITDLINE
	AUDITDLINE_FIX_CLI=$AUDITDLINE
	export AUDITDLINE_FIX_CLI
	fix_scenario bash
}

scenario_k_fix_ansible()
{
	fix_scenario ansible
}

# oscap runs the bash fix itself and checks again: `fixed` when the fix
# could fix it; `error` when it cannot (a tool that is not a link: the
# fix then writes nothing and says why).
scenario_k_remediate()
{
	fix_start
	OSCAP_FULL_VALIDATION=1 "$OSCAP" xccdf eval --remediate \
		--profile "$SC_PROFILE" --results-arf "$SC/arf.xml" "$DS" \
		>"$SC/eval.log" 2>&1
	sc_status=$?
	xsltproc "$SC_HERE/criteria.xsl" "$SC/arf.xml" >"$SC/facts" ||
		sc_die "criteria.xsl failed"
	# The ARF's OVAL results are those of the scan before the fix.
	sc_verdict "--remediate" fixed 'disk.*.b64=false' 'kernel.*.b64=false' \
		'kernel.kmod=false'
	sc_arf_says "the rule's result carries the fix's report" \
		"loaded the rules with augenrules --load"
	sc_same "the fix wrote the missing b64 rule only" "$SC/expected.50" \
		"$SC_RD/50-kernel_modules.rules"
	sc_scan "after --remediate"
	sc_verdict "a scan after --remediate" pass

	sc_kernel_load "-w /etc/passwd -p wa -k identity"
	rm "$SC_RD/50-kernel_modules.rules"
	sc_tool_regular insmod
	OSCAP_FULL_VALIDATION=1 "$OSCAP" xccdf eval --remediate \
		--profile "$SC_PROFILE" --results-arf "$SC/arf.xml" "$DS" \
		>"$SC/eval.log" 2>&1
	sc_status=$?
	xsltproc "$SC_HERE/criteria.xsl" "$SC/arf.xml" >"$SC/facts" ||
		sc_die "criteria.xsl failed"
	sc_verdict "--remediate with insmod a regular file" error \
		'disk.*.b64=false' 'kernel.*.b64=false' 'kernel.kmod=false' \
		'links.insmod=false'
	# No rule makes up for the link: the fix says so and leaves the host.
	sc_check "the fix wrote nothing" [ ! -e "$SC_RD/50-kernel_modules.rules" ]
	sc_arf_says "and says why" "the check fails on the tool links"
}

"scenario_$scenario"
sc_end
