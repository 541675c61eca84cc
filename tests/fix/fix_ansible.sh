#!/bin/sh
# fix_ansible SCENARIO: the Ansible fix (content/cis-6.2.3.19/fix.yml.in)
# run by Debian's ansible-core against localhost, in a playbook made the
# way oscap makes one (lib.sh: fx_playbook), in a private mount namespace
# with the stand-ins of lib.sh. It must leave what the bash fix leaves.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
command -v ansible-playbook >/dev/null 2>&1 ||
	fx_skip "no ansible-playbook (Debian package ansible-core)"
fx_enter_namespace "$@"
[ -x "${AUDITDLINE:-}" ] || fx_die "AUDITDLINE is not set to the CLI"

scenario=$1
fx_setup
fx_render "$FIX_SRC/fix.yml.in" "$FX/fix.yml"
fx_playbook "$FX/fix.yml" "$FX/play.yml"
F=$FX_RULES_FILE
U=$FX_WANT_UID
HEADER=$FX_WANT_HEADER
SC=$FX_WANT_B64
KM=$FX_WANT_KMOD
CLI="auditdline_fix_cli=$AUDITDLINE"

# placed NAME WHY: `--check --diff` shows the planned file NAME and changes
# nothing; then the play writes the CIS rules to NAME (not
# 50-kernel_modules.rules), says WHY, changes no other file, and a second
# run writes and moves nothing.
placed()
{
	fx_sums >"$FX/before"
	fx_run_playbook "$FX/play.yml" "$FX/check" -e "$CLI" --check --diff
	fx_sums >"$FX/after"
	fx_same "--check changes nothing" "$FX/before" "$FX/after"
	fx_says "--check --diff shows the planned file" "$RD/$1" "$FX/check"
	fx_says "with the rules in it" "^+$SC\$" "$FX/check"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	F=$RD/$1
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	fx_sums | grep -v " ./$1\$" >"$FX/after"
	fx_same "no other file changed" "$FX/before" "$FX/after"
	fx_check "nothing went to 50-kernel_modules.rules" [ ! -e "$FX_RULES_FILE" ]
	fx_says "the play says where the rules went and why" "$2" "$FX/out"
	fx_says "augenrules --load ran auditctl -R" \
		'^-R /etc/audit/audit.rules$' "$FX/auditctl.log"
	fx_sums >"$FX/sums1"
	fx_run_playbook "$FX/play.yml" "$FX/out2" -e "$CLI"
	fx_sums >"$FX/sums2"
	fx_same "a second run writes and moves nothing" "$FX/sums1" "$FX/sums2"
}

# left WHY: the play says why and writes and loads nothing.
left()
{
	fx_sums >"$FX/before"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	fx_sums >"$FX/after"
	fx_same "nothing was written" "$FX/before" "$FX/after"
	fx_says "the play says why" "$1" "$FX/out"
	fx_says "and that it did nothing" 'nothing written, nothing loaded' \
		"$FX/out"
	fx_says_not "nothing was loaded" '^-R' "$FX/auditctl.log"
}

case $scenario in
empty)
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	fx_says "augenrules --load ran auditctl -R" \
		'^-R /etc/audit/audit.rules$' "$FX/auditctl.log"
	# The bash fix on the same empty rules.d writes the same bytes.
	cp "$F" "$FX/from-ansible"
	rm -f "$F"
	fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh"
	AUDITDLINE_FIX_CLI=$AUDITDLINE bash "$FX/fix.sh" >/dev/null 2>&1
	fx_same "the bash fix writes the same file" "$FX/from-ansible" "$F"
	;;
twice)
	fx_run_playbook "$FX/play.yml" "$FX/out1" -e "$CLI"
	cp "$F" "$FX/first"
	fx_sums >"$FX/sums1"
	fx_run_playbook "$FX/play.yml" "$FX/out2" -e "$CLI"
	fx_sums >"$FX/sums2"
	fx_same "the second run leaves the file as it was" "$FX/first" "$F"
	fx_same "the second run leaves rules.d as it was" "$FX/sums1" "$FX/sums2"
	awk '/^TASK \[/ { task = $0 } /^(ok|changed|skipping):/ &&
		task ~ /Write the rules file/ { print $1 }' "$FX/out2" \
		>"$FX/append2"
	fx_check "the second run skips writing" \
		[ "$(cat "$FX/append2")" = skipping: ]
	fx_says_not "no rule is appended the second time" \
		'changed: \[localhost\] => (item=' "$FX/out2"
	;;
existing)
	printf '%s\n%s' '# local additions' \
		'-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=-1 -k mine' \
		>"$F"
	chmod 0600 "$F"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	expect '# local additions' \
		'-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=-1 -k mine' \
		"-a always,exit -F arch=b64 -S finit_module,delete_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"$KM"
	file_is 600
	;;
spelled_text)
	printf '%s\n' \
		'-a exit,always -F arch=B64 -S QUERY_MODULE,init_module -S delete_module -S finit_module,create_module -F loginuid>=0x4d2 -F auid!=4294967295 -F key=mods' \
		'-a always,exit -F perm=x -F auid!=-1 -F path=/usr/bin/kmod -F auid>=02322 -k a -k b' \
		>"$RD/40-mine.rules"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e auditdline_fix_cli=none
	fx_check "no rules file was written" [ ! -e "$F" ]
	;;
no_uid_min)
	fx_login_defs --none
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	fx_check "no rules file was written" [ ! -e "$F" ]
	fx_says "the fix says why" \
		'/etc/login.defs: no UID_MIN line; useradd would use 1000' \
		"$FX/out"
	fx_check "auditctl was not called" [ ! -s "$FX/auditctl.log" ]
	;;
enabled2)
	fx_enabled 2
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	fx_says "the fix says a reboot is needed" 'enabled 2.*reboot' "$FX/out"
	fx_says_not "nothing was loaded" '^-R' "$FX/auditctl.log"
	;;
aarch64_b32)
	fx_render "$FIX_SRC/fix.yml.in" "$FX/fix.yml" true
	fx_playbook "$FX/fix.yml" "$FX/play.yml"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI" \
		-e auditdline_fix_arch=aarch64
	expect "$HEADER" \
		"-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"-a always,exit -F arch=b32 -S init_module,finit_module,delete_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"$KM"
	file_is 640
	;;
never)
	printf '%s\n' '-a never,exit -F arch=b64 -S all -F uid=33' \
		>"$RD/10-never.rules"
	placed 09-kernel_modules.rules \
		'before 10-never.rules:1, whose never rule took the events'
	;;
keyless)
	printf '%s\n' "-a always,exit -F arch=b64 -S finit_module -F auid>=$U" \
		>"$RD/10-first.rules"
	placed 09-kernel_modules.rules \
		'before 10-first.rules:1, whose always rule without a key took the events unkeyed'
	;;
badline)
	printf '%s\n' '-a always,exit -F arch=b64 -S mount -k mounts # mounts' \
		>"$RD/20-bad.rules"
	placed 19-kernel_modules.rules \
		'before 20-bad.rules:1, where auditctl -R stops loading'
	;;
moves)
	# What an earlier run wrote moves before the never rule added since.
	printf '%s\n' "$HEADER" "$SC" "$KM" >"$F"
	chmod 0600 "$F"
	printf '%s\n' '-a never,exit -F arch=b64 -S all -F uid=33' \
		>"$RD/10-quiet.rules"
	fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	fx_check "50-kernel_modules.rules is gone" [ ! -e "$F" ]
	F=$RD/09-kernel_modules.rules
	expect "$HEADER" "$SC" "$KM"
	file_is 600
	fx_sums >"$FX/sums1"
	fx_run_playbook "$FX/play.yml" "$FX/out2" -e "$CLI"
	fx_sums >"$FX/sums2"
	fx_same "a second run writes and moves nothing" "$FX/sums1" "$FX/sums2"
	;;
never_task)
	printf '%s\n' '-a never,task' >"$RD/10-task.rules"
	left 'never,task.*10-task.rules:1'
	;;
later_d_key)
	printf '%s\n' '-D -k kernel_modules' >"$RD/90-drop.rules"
	left 'deleted by -D.* at .*90-drop.rules:1'
	;;
full)
	# A full file system under rules.d (a 16 KiB tmpfs in this private
	# mount namespace): copy and lineinfile fail, the play stops there;
	# the old file stays as it was, no file augenrules would read appears
	# and nothing is loaded.
	mount -t tmpfs -o size=16k,mode=0750 adl-fix-full "$RD" ||
		fx_die "cannot mount a tmpfs"
	printf '%s\n' "$HEADER" "$KM" >"$F"
	chmod 0640 "$F"
	cp "$F" "$FX/old"
	ls -1v "$RD" | grep '\.rules$' >"$FX/before"
	dd if=/dev/zero of="$RD/.filler" bs=1k count=64 2>/dev/null
	FX_PLAYBOOK_MAY_FAIL=1 fx_run_playbook "$FX/play.yml" "$FX/out" -e "$CLI"
	fx_check "the play fails (exit $fx_pb_rc)" [ "$fx_pb_rc" -ne 0 ]
	fx_says "at writing the rules" \
		'^fatal: .*Failed to replace file: .*No space left on device' "$FX/out"
	fx_same "the old file is intact" "$FX/old" "$F"
	ls -1v "$RD" | grep '\.rules$' >"$FX/after"
	fx_same "augenrules reads the same files as before" \
		"$FX/before" "$FX/after"
	fx_check "no temporary file is left" \
		[ -z "$(find "$RD" -mindepth 1 ! -name .filler ! -name "${F##*/}")" ]
	fx_says_not "nothing was loaded" '^-R' "$FX/auditctl.log"
	rm -f "$RD/.filler"
	;;
*)
	fx_die "unknown scenario $scenario"
	;;
esac
fx_end
