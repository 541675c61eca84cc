#!/bin/sh
# scan_offline_*: the CIS 6.2.3.19 data streams scanned offline
# (OSCAP_PROBE_ROOT) on fixture roots: the rules files, login.defs and the
# kmod tools. The extended data stream with the build's oscap; the portable
# one with Debian's stock oscap 1.3.7 (STOCK_OSCAP), as Satellite and
# Foreman hosts run it. Each scan's rule result and each requirement's
# criterion are checked (lib.sh, sc_verdict); the kernel criteria are not
# applicable offline. Needs root (OpenSCAP chroots into the root).
#
# offline.sh SCENARIO: one of the SCENARIOS below (CMakeLists.txt makes a
# test of each).
SCENARIOS="cis missing_syscall missing_kmod links kmod_missing spellings not_counted never keyless not_rules bad_line uid_min b32 portable_stock portable_build"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

scenario=${1:?usage: offline.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
sc_need_root
sc_need OSCAP DS
sc_tmp

# The root every scenario starts from: the CIS rules as CIS writes them,
# the tools as Debian installs them, UID_MIN 1234.
cis_root()
{
	sc_fixture_root
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
}

scenario_cis()
{
	cis_root
	sc_scan cis
	sc_verdict "the CIS rules" pass
	sc_arf_says "the evidence shows the b64 rule as it would be loaded" \
		"-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid&gt;=1234 -F auid!=-1 -F key=kernel_modules"
	sc_arf_says "and where it comes from" \
		"/etc/audit/rules.d/50-kernel_modules.rules"

	sc_no_rules
	sc_scan none
	sc_verdict "no rules" fail 'disk.*=false' 'disk.evidence=true'
}

# Each syscall in turn is left out of the rule: only its criterion fails.
scenario_missing_syscall()
{
	cis_root
	for s in $SC_SYSCALLS; do
		sc_rules 50-kernel_modules.rules "$(sc_cis_without "$s")" \
			"$(sc_cis_kmod)"
		sc_scan "no $s"
		sc_verdict "without $s" fail "disk.$s.b64=false"
	done
}

scenario_missing_kmod()
{
	cis_root
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64)"
	sc_scan "no kmod rule"
	sc_verdict "without the kmod rule" fail 'disk.kmod=false'
}

# Each tool in turn is not a link to kmod: a regular file, a link to
# another program, missing. Only its criterion fails.
scenario_links()
{
	cis_root
	for t in $SC_TOOLS; do
		sc_tools_ok
		sc_tool_regular "$t"
		sc_scan "$t regular"
		sc_verdict "$t is a regular file" fail "links.$t=false"
	done
	sc_tools_ok
	sc_tool_elsewhere modprobe
	sc_scan "modprobe elsewhere"
	sc_verdict "modprobe links to another program" fail \
		'links.modprobe=false'
	sc_tools_ok
	sc_tool_missing depmod
	sc_scan "no depmod"
	sc_verdict "depmod is missing" fail 'links.depmod=false'
	# Links straight to /usr/bin/kmod and to /bin/kmod resolve the same.
	for t in $SC_TOOLS; do
		rm -f "$SC_R/usr/sbin/$t"
	done
	ln -s /usr/bin/kmod "$SC_R/usr/sbin/lsmod"
	ln -s /bin/kmod "$SC_R/usr/sbin/rmmod"
	ln -s ../../bin/kmod "$SC_R/usr/sbin/insmod"
	ln -s kmod-alias "$SC_R/usr/sbin/modinfo"
	ln -s ../bin/kmod "$SC_R/usr/sbin/kmod-alias"
	ln -s /usr/bin/../bin/kmod "$SC_R/usr/sbin/modprobe"
	ln -s ../../usr/bin/kmod "$SC_R/usr/sbin/depmod"
	sc_scan "other links"
	sc_verdict "links of other forms to kmod" pass
}

# The links are there, the file they point to is not: the rule fails.
# OpenSCAP's symlink probe flags a link to nothing as an error, so each
# link's criterion is an error; the "kmod exists" criterion is false and
# makes the links' AND false.
scenario_kmod_missing()
{
	cis_root
	sc_kmod_missing
	sc_scan "no kmod"
	sc_verdict "a broken kmod link" fail 'links.*=false|error' \
		'links.kmod_exists=false'
	sc_tools_ok
	rm "$SC_R/usr/sbin/rmmod"
	ln -s ../bin/kmod.gone "$SC_R/usr/sbin/rmmod"
	sc_scan "rmmod dangling"
	# kmod is there, one link leads nowhere: the symlink probe's error
	# is the rule's result (never a pass); a known OpenSCAP limit
	sc_verdict "rmmod links to nothing" error 'links.rmmod=error' \
		'links.kmod_exists=true'
}

# Rules spelled otherwise that the kernel stores the same way all count.
scenario_spellings()
{
	cis_root
	sc_login_defs 1000
	sc_rules 50-kernel_modules.rules \
		"-a exit,always -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F loginuid>=0x3e8 -F auid!=-1 -F key=kernel_modules" \
		"-a exit,always -F path=/usr/bin/kmod -F perm=x -F loginuid>=01750 -F auid!=4294967295 -F key=km"
	sc_scan "exit,always"
	sc_verdict "exit,always, loginuid, 0x3e8, -1, 4294967295, -F key=" pass

	sc_rules 50-kernel_modules.rules \
		"-a always,exit -F arch=b64 -S INIT_MODULE -S Finit_Module -F auid>=1000 -F auid!=unset -k a -k b" \
		"-a always,exit -F arch=b64 -S delete_module -F auid!=unset -F auid>=1000 -k c"
	sc_rules 60-more.rules \
		"-a always,exit -F arch=x86_64 -S create_module,query_module -F AUID>=1000 -F auid!=unset -k d" \
		"-a always,exit -F arch=b64 -F path=/usr/bin/kmod -F perm=rwxa -F auid>=1000 -F auid!=unset -k e"
	sc_scan spread
	sc_verdict "upper case, spread over rules and files, several keys, arch=x86_64" \
		pass

	sc_rules 50-kernel_modules.rules \
		"-a always,exit -F arch=b64 -S all -F auid>=1000 -F auid!=unset -k everything" \
		"$(sc_cis_kmod 1000)"
	rm -f "$SC_RD/60-more.rules"
	sc_scan "-S all"
	sc_verdict "-S all" pass
}

# Rules that look like the CIS rules but do not collect all it asks for.
scenario_not_counted()
{
	cis_root
	b64=$(sc_cis_b64)
	kmod=$(sc_cis_kmod)
	while IFS='|' read -r what rule want; do
		[ -n "$what" ] || continue
		case $rule in
		kmod:*) sc_rules 50-kernel_modules.rules "$b64" "${rule#kmod:}" ;;
		*) sc_rules 50-kernel_modules.rules "$rule" "$kmod" ;;
		esac
		sc_scan "$what"
		sc_verdict "$what" fail "$want"
	done <<EOF
success=1 narrows it|${b64% -k *} -F success=1 -k kernel_modules|disk.*.b64=false
uid=0 narrows it|${b64% -k *} -F uid=0 -k kernel_modules|disk.*.b64=false
auid>=500 is not UID_MIN|-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=500 -F auid!=unset -k kernel_modules|disk.*.b64=false
auid>1233 is not auid>=UID_MIN|-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>1233 -F auid!=unset -k kernel_modules|disk.*.b64=false
no auid!=unset|-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -k kernel_modules|disk.*.b64=false
no key|-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -F auid!=unset|disk.*.b64=false
arch=b32 only|-a always,exit -F arch=b32 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -F auid!=unset -k kernel_modules|disk.*.b64=false
no arch|-a always,exit -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -F auid!=unset -k kernel_modules|disk.*.b64=false
action never|-a never,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -F auid!=unset -k kernel_modules|disk.*.b64=false
kmod rule with perm=wa|kmod:-a always,exit -F path=/usr/bin/kmod -F perm=wa -F auid>=1234 -F auid!=unset -k kernel_modules|disk.kmod=false
kmod rule with arch=b32|kmod:-a always,exit -F arch=b32 -F path=/usr/bin/kmod -F perm=x -F auid>=1234 -F auid!=unset -k kernel_modules|disk.kmod=false
kmod watch without auid|kmod:-w /usr/bin/kmod -p x -k kernel_modules|disk.kmod=false
kmod rule on /bin/kmod|kmod:-a always,exit -F path=/bin/kmod -F perm=x -F auid>=1234 -F auid!=unset -k kernel_modules|disk.kmod=false
arch!=b64 is not b64|-a always,exit -F arch!=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1234 -F auid!=unset -k kernel_modules|disk.*.b64=false
arch=aarch64 is not this machine's b64|-a always,exit -F arch=aarch64 -S init_module,finit_module,delete_module -F auid>=1234 -F auid!=unset -k kernel_modules|disk.*.b64=false
kmod rule with arch!=b64|kmod:-a always,exit -F arch!=b64 -F path=/usr/bin/kmod -F perm=x -F auid>=1234 -F auid!=unset -k kernel_modules|disk.kmod=false
EOF
}

# A never rule that takes the rules' events counts against them only
# when it comes first in augenrules' order.
scenario_never()
{
	cis_root
	sc_rules 10-never.rules \
		"-a never,exit -F arch=b64 -S init_module,delete_module"
	sc_scan "never before"
	# The never rule takes some of the b64 rule's events, so that rule is
	# not effective: all five syscalls it names fail, not only the two.
	sc_verdict "a never rule before" fail 'disk.*.b64=false'
	sc_arf_says "the evidence says the rule is suppressed, and by what" \
		"suppressed: an earlier never rule at /etc/audit/rules.d/10-never.rules:1 (-a never,exit -F arch=b64 -S init_module,delete_module)"

	rm "$SC_RD/10-never.rules"
	sc_rules 90-never.rules \
		"-a never,exit -F arch=b64 -S init_module,delete_module"
	sc_scan "never after"
	sc_verdict "the same never rule after" pass

	# Natural version order: 9 comes before 50, 100 after it.
	rm "$SC_RD/90-never.rules"
	sc_rules 100-never.rules "-a never,exit -F arch=b64 -S all"
	sc_rules 9-never.rules "-a never,exit -F path=/usr/bin/kmod -F perm=x"
	sc_scan "9 and 100"
	sc_verdict "never rules in 9-never.rules (before) and 100-never.rules (after)" \
		fail 'disk.kmod=false'

	# A never rule for events the CIS rules never collect takes nothing.
	rm "$SC_RD/100-never.rules" "$SC_RD/9-never.rules"
	sc_rules 10-never.rules \
		"-a never,exit -F arch=b64 -S init_module,finit_module -F auid=unset" \
		"-a never,exit -F path=/usr/bin/true -F perm=x"
	sc_scan "disjoint never"
	sc_verdict "never rules that cannot overlap (auid=unset, another path)" \
		pass

	rm "$SC_RD/10-never.rules"
	sc_rules 10-task.rules "-a never,task"
	sc_scan "never,task"
	sc_verdict "-a never,task" fail 'disk.*.b64=false' 'disk.kmod=false'
}

# First match decides the key too: an always rule without a key that comes
# first records the events unkeyed; one with a key records them under its
# key, and the rule still counts (the evidence names the rule that does).
scenario_keyless()
{
	cis_root
	sc_rules 10-first.rules \
		"-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=unset"
	sc_scan "keyless before"
	sc_verdict "a keyless always rule before" fail 'disk.*.b64=false'
	sc_arf_says "the evidence says the events go unkeyed, and by what rule" \
		"suppressed: an earlier always rule without a key takes its events and records them without a key at /etc/audit/rules.d/10-first.rules:1 (-a always,exit -F arch=b64 -S init_module -F auid&gt;=1234 -F auid!=-1)"

	rm "$SC_RD/10-first.rules"
	sc_rules 90-last.rules \
		"-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=unset"
	sc_scan "keyless after"
	sc_verdict "the same keyless rule after" pass

	# Only some of the events (uid=0), or another user population.
	rm "$SC_RD/90-last.rules"
	sc_rules 10-first.rules "-a always,exit -F arch=b64 -S finit_module -F uid=0"
	sc_scan "keyless, some events"
	sc_verdict "a keyless rule for root's finit_module calls before" fail \
		'disk.*.b64=false'
	sc_rules 10-first.rules "-a always,exit -F arch=b64 -S finit_module -F auid=unset"
	sc_scan "keyless, other users"
	sc_verdict "a keyless rule for unset auid before" pass

	# Runs of kmod are execve calls.
	sc_rules 10-first.rules "-a always,exit -F arch=b64 -S execve -F auid>=1234"
	sc_scan "keyless execve"
	sc_verdict "a keyless execve rule before" fail 'disk.kmod=false'

	# Every command of logged-in users, with a key: kmod runs are
	# recorded under it, and the kmod rule still counts.
	sc_rules 10-first.rules \
		"-a always,exit -F arch=b64 -S execve -F auid>=1234 -F auid!=unset -k exec"
	sc_scan "keyed execve"
	sc_verdict "a keyed execve rule before" pass
	sc_arf_says "the kmod rule's item names the rule that records its events" \
		":recorded_by>/etc/audit/rules.d/10-first.rules:1: -a always,exit -F arch=b64 -S execve -F auid&gt;=1234 -F auid!=-1 -F key=exec</"
	sc_arf_says "and the message says a search for its key misses them" \
		"are recorded under that rule's key, not its own: /etc/audit/rules.d/10-first.rules:1 (key exec); a search for its own key misses those events"
	xsltproc -o "$SC/summary.html" "$SC_HERE/../../xslt/arf-summary.xsl" \
		"$SC/arf.xml" || sc_die "xsltproc arf-summary.xsl failed"
	if grep -qF "recorded under that rule's key, not its own: /etc/audit/rules.d/10-first.rules:1 (key exec)" \
		"$SC/summary.html"; then
		sc_pass "the auditor's summary says so beside the kmod rule"
	else
		sc_fail "the auditor's summary does not say which rule records the kmod runs"
	fi
}

# augenrules reads only *.rules files that are not dotfiles.
scenario_not_rules()
{
	cis_root
	mv "$SC_RD/50-kernel_modules.rules" "$SC_RD/50-kernel_modules.conf"
	sc_scan ".conf"
	sc_verdict "the CIS rules only in a .conf file" fail 'disk.*.b64=false' \
		'disk.kmod=false'
	sc_arf_says "the evidence says why" \
		"not loaded: augenrules reads only *.rules files"
	mv "$SC_RD/50-kernel_modules.conf" "$SC_RD/50-kernel_modules.rules.bak"
	sc_scan ".rules.bak"
	sc_verdict "only in a .rules.bak file" fail 'disk.*.b64=false' \
		'disk.kmod=false'
	mv "$SC_RD/50-kernel_modules.rules.bak" "$SC_RD/.50-kernel_modules.rules"
	sc_scan dotfile
	sc_verdict "only in a dotfile" fail 'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says why" "not loaded: augenrules skips dotfiles"
	# audit.rules is what augenrules wrote last time, not what it will load.
	mv "$SC_RD/.50-kernel_modules.rules" "$SC_R/etc/audit/audit.rules"
	sc_scan audit.rules
	sc_verdict "only in /etc/audit/audit.rules" fail 'disk.*.b64=false' \
		'disk.kmod=false'
}

# A line auditctl rejects stops the load: the rules after it never load.
scenario_bad_line()
{
	cis_root
	sc_rules 10-bad.rules "-a always,exit -F arch=b64 -S no_such_syscall -k x"
	sc_scan "bad line before"
	sc_verdict "a bad line before the CIS rules" fail 'disk.*.b64=false' \
		'disk.kmod=false'
	sc_arf_says "the evidence says where loading stopped" \
		"not loaded: loading stopped at /etc/audit/rules.d/10-bad.rules:1"
	sc_rules 10-bad.rules "-i" \
		"-a always,exit -F arch=b64 -S no_such_syscall -k x"
	sc_scan "-i"
	sc_verdict "the same after -i" pass
	rm "$SC_RD/10-bad.rules"
	sc_rules 90-bad.rules "-a always,exit -F arch=b64 -S no_such_syscall -k x"
	sc_scan "bad line after"
	sc_verdict "a bad line after the CIS rules" pass
	# A rule loaded twice: the second copy fails and stops the load there.
	rm "$SC_RD/90-bad.rules"
	sc_rules 40-kmod.rules "$(sc_cis_kmod)"
	sc_rules 50-kernel_modules.rules "$(sc_cis_kmod)" "$(sc_cis_b64)"
	sc_scan duplicate
	sc_verdict "the b64 rule after a duplicate" fail 'disk.*.b64=false'
	sc_arf_says "the evidence names the duplicate" \
		"duplicate of /etc/audit/rules.d/40-kmod.rules:1; loading stops here"
}

scenario_uid_min()
{
	cis_root
	sc_login_defs --none
	sc_scan "UID_MIN unset"
	sc_verdict "UID_MIN unset" error 'uid_min=false|error' '*.b64=-' \
		'disk.kmod=-'
	sc_login_defs 1O00
	sc_scan "UID_MIN 1O00"
	sc_verdict "UID_MIN not a number" error 'uid_min=false|error' \
		'*.b64=-' 'disk.kmod=-'
	sc_login_defs 1000
	sc_scan "UID_MIN 1000"
	sc_verdict "rules for 1234 when UID_MIN is 1000" fail \
		'disk.*.b64=false' 'disk.kmod=false'
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64 1000)" "$(sc_cis_kmod 1000)"
	sc_scan "rules for 1000"
	sc_verdict "rules for 1000 when UID_MIN is 1000" pass
}

# The XCCDF Value through content's tailoring file: 32-bit rules required.
scenario_b32()
{
	sc_need TAILORING_B32
	cis_root
	SC_EVAL_PROFILE=${SC_PROFILE}_b32
	sc_scan "b32 missing" --tailoring-file "$TAILORING_B32"
	sc_verdict "b32 required, only b64 rules" fail 'disk.*.b32=false'
	sc_rules 60-b32.rules "$(sc_cis_b64 | sed 's/arch=b64/arch=b32/')"
	sc_scan "b32 there" --tailoring-file "$TAILORING_B32"
	sc_verdict "b32 required and there" pass 'disk.*.b32=true'
	SC_EVAL_PROFILE=
	sc_scan "b32 there, not required"
	sc_verdict "the b32 rules without the Value" pass 'disk.*.b32=true'
}

# The portable data stream, as Satellite/Foreman hosts scan with it.
portable()
{
	SC_DS=$PORTABLE_DS
	SC_CRITERIA=20
	cis_root
	sc_scan "portable, CIS rules"
	sc_verdict "portable: the CIS rules" pass
	sc_rules 50-kernel_modules.rules "$(sc_cis_without finit_module)" \
		"$(sc_cis_kmod)"
	sc_scan "portable, no finit_module"
	sc_verdict "portable: without finit_module" fail \
		'disk.finit_module.b64=false'
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64)"
	sc_tool_regular insmod
	sc_scan "portable, no kmod rule, insmod regular"
	sc_verdict "portable: without the kmod rule, insmod a regular file" fail \
		'disk.kmod=false' 'links.insmod=false'
}

scenario_portable_stock()
{
	sc_need STOCK_OSCAP PORTABLE_DS
	SC_OSCAP=$STOCK_OSCAP
	"$STOCK_OSCAP" --version | head -n 1
	portable
}

scenario_portable_build()
{
	sc_need PORTABLE_DS
	portable
}

"scenario_$scenario"
sc_end
