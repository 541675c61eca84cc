#!/bin/sh
# oval_kernel_*: the auditdline probe inside the build's oscap, reading the
# running kernel's rules after auditctl loaded them. Changes the kernel's
# audit rules: runs only with AUDITDLINE_KERNEL_TESTS=1 as root, alone, and
# restores them (tests/kernel/lib.sh). `kernel.sh NAME` runs one scenario,
# `kernel.sh all` every one.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

LOCALE='-a always,exit -F arch=b64 -S sethostname,setdomainname -k system-locale'

# kernel_load NAME LINE...: the kernel holds exactly the rules of LINE...
# (auditctl -D, then -R of them as the rules file NAME).
kernel_load()
{
	kl_f=$OT_TMP/$1.rules
	shift
	printf '%s\n' "$@" >"$kl_f" || kt_die "cannot write $kl_f"
	if ! kt_kernel_load "$kl_f"; then
		cat "$OT_TMP/auditctl.out" >&2
		kt_die "auditctl could not load $kl_f"
	fi
}

# Each rule auditctl -l lists is an item of the kernel object obj:1 at its
# position in that list, with the same text and no filepath; whether it is
# effective depends on the rules listed before it.
scenario_rules_seen()
{
	kernel_load seen \
		'-w /etc/passwd -p wa -k identity' \
		'-a never,exit -F arch=b64 -S init_module -F auid=1000' \
		"$CIS_B64" "$LOCALE" \
		'-a always,exclude -F msgtype=CWD' \
		'-A always,exit -F arch=b64 -S kexec_load -k kexec'
	"$AUDITCTL" -l >"$OT_TMP/auditctl.l" || kt_die "auditctl -l failed"
	ot_eval kernel_rules.xml

	ot_def_test 1 false
	ot_def_test 2 true
	ot_def_test 3 true
	ot_def_test 4 true
	ot_expect "object obj:1 complete"
	awk '{ printf "item obj:1 kernel:%d auditline=%s\n", NR, $0 }' \
		"$OT_TMP/auditctl.l" >"$OT_TMP/seen.expected"
	grep '^item obj:1 kernel:[0-9]* auditline=' "$OT_TMP/summary" \
		>"$OT_TMP/seen.actual"
	kt_same "the items are what auditctl -l lists, in its order" \
		"$OT_TMP/seen.expected" "$OT_TMP/seen.actual"
	if grep -q '^item obj:1 kernel:[0-9]* filepath=' "$OT_TMP/summary"; then
		kt_fail "a kernel item has a filepath"
	else
		kt_pass "no kernel item has a filepath"
	fi
	# -A put kexec first; the exclude list comes after the exit list.
	ot_expect "item obj:1 kernel:1 key=kexec"
	ot_expect "item obj:1 kernel:1 effective=true"
	ot_expect "item obj:1 kernel:2 key=identity"
	ot_expect "item obj:1 kernel:2 effective=true"
	ot_expect "item obj:1 kernel:3 action=never"
	ot_expect "item obj:1 kernel:4 key=kernel_modules"
	ot_expect "item obj:1 kernel:4 effective=false"
	ot_expect "item obj:1 kernel:4 message=info: suppressed: an earlier never rule at kernel rule 3 (-a never,exit -F arch=b64 -S init_module -F auid=1000)"
	ot_expect "item obj:1 kernel:5 key=system-locale"
	ot_expect "item obj:1 kernel:5 effective=true"
	ot_expect "item obj:1 kernel:6 list=exclude"
	ot_expect "item obj:1 kernel:6 effective=true"
	ot_items obj:2 kernel:4
	ot_items obj:3 kernel:2
}

# definitions/cis_b64.xml asks for the CIS b64 rule in the kernel: true
# when it is loaded (as CIS writes it, or spelled otherwise and spread over
# rules), false when it is not, only for b32, or suppressed.
scenario_cis_b64()
{
	kernel_load cis "$CIS_B64" "$CIS_KMOD" "$LOCALE"
	ot_eval cis_b64.xml
	ot_expect "definition def:1 true"
	for n in 1 2 3 4 5; do
		ot_expect "test tst:$n true"
		ot_items obj:$n kernel:1
	done

	kernel_load none
	ot_eval cis_b64.xml
	ot_expect "definition def:1 false"
	for n in 1 2 3 4 5; do
		ot_expect "test tst:$n false"
		ot_expect "object obj:$n does not exist"
	done

	kernel_load other "$CIS_KMOD" "$LOCALE"
	ot_eval cis_b64.xml
	ot_expect "definition def:1 false"

	kernel_load b32 "$(echo "$CIS_B64" | sed 's/arch=b64/arch=b32/')"
	ot_eval cis_b64.xml
	ot_expect "definition def:1 false"

	kernel_load spread \
		'-a always,exit -F arch=b64 -S init_module,finit_module -F auid>=0x3e8 -F loginuid!=4294967295 -F key=mods' \
		'-a always,exit -F arch=b64 -S delete_module -S create_module,query_module -F auid>=1000 -F auid!=-1 -k kernel_modules'
	ot_eval cis_b64.xml
	ot_expect "definition def:1 true"
	ot_items obj:1 kernel:1
	ot_items obj:3 kernel:2

	# `effective` is the whole rule's: taking finit_module from it makes
	# it count for none of the five.
	kernel_load suppressed '-a never,exit -F arch=b64 -S finit_module' \
		"$CIS_B64"
	ot_eval cis_b64.xml
	ot_expect "definition def:1 false"
	ot_expect "test tst:1 false"
	ot_expect "test tst:2 false"
}

SCENARIOS="rules_seen cis_b64"
# The fixtures name x86_64 syscalls (aarch64 has no create_module).
[ "$(uname -m)" = x86_64 ] || kt_skip "the kernel fixtures are for x86_64"
kt_begin
ot_begin
ot_scenarios "$@"
