#!/bin/sh
# fix_sh MODE SCENARIO: the bash fix (content/cis-6.2.3.19/fix.sh.in) in
# one scenario, comparing rules with the auditdline command (MODE cli) or
# with its textual normalization (MODE text). See lib.sh for the
# namespace and the stand-ins.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
fx_enter_namespace "$@"

mode=$1
scenario=$2
case $mode in
cli)
	[ -x "${AUDITDLINE:-}" ] || fx_die "AUDITDLINE is not set to the CLI"
	AUDITDLINE_FIX_CLI=$AUDITDLINE ;;
text) AUDITDLINE_FIX_CLI=none ;;
*) fx_die "usage: fix_sh.sh cli|text SCENARIO" ;;
esac
export AUDITDLINE_FIX_CLI
unset AUDITDLINE_FIX_ARCH

fx_setup
fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh"
F=$FX_RULES_FILE
U=$FX_WANT_UID
HEADER=$FX_WANT_HEADER
SC=$FX_WANT_B64
KM=$FX_WANT_KMOD

loaded()
{
	fx_says "augenrules --load ran auditctl -R" \
		'^-R /etc/audit/audit.rules$' "$FX/auditctl.log"
}

not_loaded()
{
	fx_says_not "nothing was loaded" '^-R' "$FX/auditctl.log"
}

# The files augenrules reads, as it lists them.
augenrules_reads()
{
	ls -1v "$RD" | grep '\.rules$'
}

no_leftovers()
{
	fx_check "no temporary file left in rules.d" \
		[ -z "$(find "$RD" -name '.50-kernel_modules.rules.*')" ]
}

# The rules the fix wrote to $F are effective on disk, as the auditdline
# command judges rules.d (first match, loading, augenrules' order).
effective()
{
	"$AUDITDLINE" list --json "$RD" | tr '}' '\n' |
		grep -F "\"file\":\"$F\"" >"$FX/ours.json"
	fx_check "the rules in ${F##*/} are effective on disk" \
		[ -s "$FX/ours.json" ] && ! grep -q '"effective":false' "$FX/ours.json"
}

# placed NAME WHERE KIND: on a rules.d that defeats the rules in
# 50-kernel_modules.rules, the fix writes them to NAME instead, before
# WHERE (file:line), saying KIND; no other file changes, nothing goes to
# 50-kernel_modules.rules, and a second run writes and moves nothing.
placed()
{
	F=$RD/$1
	fx_sums >"$FX/before"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_sums | grep -v " ./$1\$" >"$FX/after"
	fx_same "no other file in rules.d changed" "$FX/before" "$FX/after"
	fx_check "nothing went to 50-kernel_modules.rules" [ ! -e "$FX_RULES_FILE" ]
	fx_says "the fix says where the rules went and why" \
		"^CIS 6.2.3.19: placed the rules in $F, before $2, $3\.\$" "$FX/out"
	effective
	loaded
	fx_sums >"$FX/sums1"
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	fx_sums >"$FX/sums2"
	fx_same "a second run writes and moves nothing" "$FX/sums1" "$FX/sums2"
	fx_says "and says so" 'already has the rules; nothing to write' "$FX/out2"
}

# left WHY: no place beats what defeats the rules; the fix says why and
# that it writes nothing, writes nothing and loads nothing.
left()
{
	fx_sums >"$FX/before"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_sums >"$FX/after"
	fx_same "nothing was written" "$FX/before" "$FX/after"
	fx_says "the fix says nothing takes effect wherever it writes" \
		'would not take effect in any file this fix may write' "$FX/out"
	fx_says "and names what keeps them from it" "$1" "$FX/out"
	fx_says "and that it did nothing" 'nothing written, nothing loaded' \
		"$FX/out"
	not_loaded
}

case $scenario in
empty)
	fx_run_fix "$FX/fix.sh" "$FX/out"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	loaded
	fx_says "audit.rules has the new rules" "^$SC\$" /etc/audit/audit.rules
	fx_says "the stand-in loaded them" "^$KM\$" "$FX/loaded.rules"
	fx_says "the fix says what it compared with" \
		"compared the rules $([ "$mode" = cli ] && echo with || echo as)" \
		"$FX/out"
	no_leftovers
	;;
twice)
	fx_run_fix "$FX/fix.sh" "$FX/out1"
	cp "$F" "$FX/first"
	fx_sums >"$FX/sums1"
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	fx_sums >"$FX/sums2"
	fx_same "the second run leaves the file as it was" "$FX/first" "$F"
	fx_same "the second run leaves rules.d as it was" "$FX/sums1" "$FX/sums2"
	fx_says "the second run says nothing was needed" \
		'already has the rules; nothing to write' "$FX/out2"
	fx_says_not "the second run adds nothing" 'added to' "$FX/out2"
	;;
untouched)
	printf '%s\n' '-D' '-b 8192' '-f 1' '--backlog_wait_time 60000' \
		>"$RD/audit.rules"
	printf '%s\n' '-w /etc/passwd -p wa -k identity' \
		'-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k old' \
		>"$RD/30-other.rules"
	printf '%s\n' "$SC" "$KM" >"$RD/.hidden.rules"
	printf '%s\n' "$SC" "$KM" >"$RD/50-kernel_modules.rules.bak"
	ln -s 30-other.rules "$RD/31-link.rules"
	chmod 0600 "$RD/30-other.rules"
	# The link makes 30-other.rules' rule a duplicate, where loading
	# stops: the rules go before it.
	fx_sums >"$FX/before"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	F=$RD/30-kernel_modules.rules
	fx_sums | grep -v ' ./30-kernel_modules.rules$' >"$FX/after"
	fx_same "the other files are untouched" "$FX/before" "$FX/after"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	effective
	loaded
	;;
spelled)
	# The same rules, other spellings and other keys.
	printf '%s\n' \
		'-a exit,always -F arch=B64 -S QUERY_MODULE,init_module -S delete_module -S finit_module,create_module -F loginuid>=0x4d2 -F auid!=4294967295 -F key=mods' \
		'-a always,exit -F perm=x -F auid!=-1 -F path=/usr/bin/kmod -F auid>=02322 -k a -k b' \
		>"$RD/40-mine.rules"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_check "no rules file was written" [ ! -e "$F" ]
	fx_says "the fix says nothing was needed" \
		'already has the rules; nothing to write' "$FX/out"
	loaded
	;;
partial)
	# Two of the syscalls are there already; the kmod rule is there
	# without a key, which the check does not count, so it is written.
	printf '%s\n' \
		'-a always,exit -F arch=b64 -S finit_module,init_module -F auid!=unset -F auid>=1234 -k x' \
		'-a exit,always -F perm=x -F path=/usr/bin/kmod -F loginuid>=1234 -F auid!=0xffffffff' \
		'-a always,exit -F arch=b64 -S delete_module -F auid>=1234 -F auid!=unset -F success=1 -k narrow' \
		'-a always,exit -F arch=b64 -S create_module -F auid>=1000 -F auid!=unset -k other_uid' \
		>"$RD/40-mine.rules"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	# The kmod rule without a key records the events unkeyed first.
	F=$RD/39-kernel_modules.rules
	expect "$HEADER" \
		"-a always,exit -F arch=b64 -S delete_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$U -F auid!=unset -k kernel_modules"
	file_is 640
	loaded
	;;
existing)
	# Our file exists with other lines, no final newline, mode 0600.
	printf '%s\n%s' '# local additions' \
		'-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=-1 -k mine' \
		>"$F"
	chmod 0600 "$F"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	expect '# local additions' \
		'-a always,exit -F arch=b64 -S init_module -F auid>=1234 -F auid!=-1 -k mine' \
		"-a always,exit -F arch=b64 -S finit_module,delete_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"$KM"
	file_is 600
	loaded
	no_leftovers
	;;
no_uid_min | bad_uid_min | zero_uid_min)
	# What useradd would do instead, in the words of auditdline uid-min
	# (a leading 0 is octal to shadow: 09 is no number).
	case $scenario in
	no_uid_min)
		fx_login_defs --none
		why='/etc/login.defs: no UID_MIN line; useradd would use 1000$' ;;
	bad_uid_min)
		fx_login_defs 1O00
		why='/etc/login.defs:5: UID_MIN "1O00" cannot be parsed as shadow parses it; useradd would warn and use 1000$' ;;
	zero_uid_min)
		fx_login_defs 09
		why='/etc/login.defs:5: UID_MIN "09" cannot be parsed as shadow parses it; useradd would warn and use 1000$' ;;
	esac
	fx_sums >"$FX/before"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_sums >"$FX/after"
	fx_same "nothing was written" "$FX/before" "$FX/after"
	fx_says "the fix says why" "^CIS 6.2.3.19: $why" "$FX/out"
	fx_says "the fix says it did nothing" 'nothing written, nothing loaded' \
		"$FX/out"
	fx_check "auditctl was not called" [ ! -s "$FX/auditctl.log" ]
	;;
enabled2)
	# Immutable mode is never set on this machine's kernel: auditctl here
	# is lib.sh's stand-in, bind-mounted over /usr/sbin/auditctl in this
	# private mount namespace (augenrules calls /sbin/auditctl by absolute
	# path), and fx_setup stops unless it answers through that path. It
	# says "enabled 2" to -s and only records -R.
	fx_enabled 2
	fx_run_fix "$FX/fix.sh" "$FX/out"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	fx_says "the fix says a reboot is needed" 'enabled 2.*reboot' "$FX/out"
	fx_says "it asked for the status" '^-s$' "$FX/auditctl.log"
	not_loaded
	fx_check "augenrules did not run" [ ! -e /etc/audit/audit.rules ]
	;;
aarch64)
	AUDITDLINE_FIX_ARCH=aarch64
	export AUDITDLINE_FIX_ARCH
	fx_run_fix "$FX/fix.sh" "$FX/out"
	expect "$HEADER" \
		"-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"$KM"
	file_is 640
	fx_says_not "no create_module or query_module" \
		'create_module\|query_module' "$F"
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	fx_says "a second run needs nothing" 'nothing to write' "$FX/out2"
	;;
b32)
	fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh" true
	printf '%s\n' \
		'-a always,exit -F arch=b32 -S init_module,delete_module -F auid>=1234 -F auid!=-1 -k k32' \
		>"$RD/40-b32.rules"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	expect "$HEADER" "$SC" \
		"-a always,exit -F arch=b32 -S finit_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
		"$KM"
	file_is 640
	loaded
	;;
never)
	# Takes their events: the rules go before it. Before them but
	# disjoint (auid unset against auid!=unset), or after them: no matter.
	printf '%s\n' '-a never,exit -F auid=unset' >"$RD/05-unset.rules"
	printf '%s\n' '-a never,exit -F arch=b64 -S all -F uid=33' \
		>"$RD/10-never.rules"
	printf '%s\n' '-a never,exit -F arch=b64 -S all -F auid>=1000' \
		>"$RD/90-late.rules"
	placed 09-kernel_modules.rules 10-never.rules:1 \
		'whose never rule took the events'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
never_00)
	# Before a user's 00- file: a name that sorts before it (ls -v).
	printf '%s\n' '-a never,exit -S all -F auid>=1000 -F uid=33' \
		>"$RD/00-audit.rules"
	placed 00-00-kernel_modules.rules 00-audit.rules:1 \
		'whose never rule took the events'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
keyless)
	# An always rule without a key before them records their events
	# unkeyed (first match decides the key): the rules go before it. One
	# with a key before them records them under its key: no matter.
	printf '%s\n' "-a always,exit -F arch=b64 -S execve -F auid>=$U -F auid!=unset -k exec" \
		>"$RD/05-exec.rules"
	printf '%s\n' "-a always,exit -F arch=b64 -S finit_module -F auid>=$U" \
		>"$RD/10-first.rules"
	printf '%s\n' "-a always,exit -F arch=b64 -S init_module -F auid>=$U" \
		>"$RD/90-late.rules"
	placed 09-kernel_modules.rules 10-first.rules:1 \
		'whose always rule without a key took the events unkeyed'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
moves)
	# What an earlier run wrote to 50-kernel_modules.rules, defeated by a
	# never rule added since, moves before it: one copy, mode kept.
	printf '%s\n' "$HEADER" "$SC" "$KM" >"$F"
	chmod 0600 "$F"
	printf '%s\n' '-a never,exit -F arch=b64 -S all -F uid=33' \
		>"$RD/10-quiet.rules"
	fx_sums | grep -v ' ./50-kernel_modules.rules$' >"$FX/others"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_check "50-kernel_modules.rules is gone" [ ! -e "$F" ]
	F=$RD/09-kernel_modules.rules
	expect "$HEADER" "$SC" "$KM"
	file_is 600
	fx_sums | grep -v ' ./09-kernel_modules.rules$' >"$FX/after"
	fx_same "no other file changed" "$FX/others" "$FX/after"
	fx_says "the fix says it moved the file" \
		"moved $RD/50-kernel_modules.rules to $F" "$FX/out"
	fx_says "and why" \
		"placed the rules in $F, before 10-quiet.rules:1, whose never rule took the events" \
		"$FX/out"
	effective
	loaded
	no_leftovers
	fx_sums >"$FX/sums1"
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	fx_sums >"$FX/sums2"
	fx_same "a second run writes and moves nothing" "$FX/sums1" "$FX/sums2"
	;;
badline)
	# A line auditctl -R stops at (a trailing comment): the rules before
	# it are loaded.
	printf '%s\n' '-w /etc/shadow -p wa -k identity' \
		'-a always,exit -F arch=b64 -S mount -F auid>=1000 -k mounts # mounts' \
		>"$RD/20-bad.rules"
	placed 19-kernel_modules.rules 20-bad.rules:2 \
		'where auditctl -R stops loading'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
arch_after_s)
	printf '%s\n' '-a always,exit -S mount -F arch=b64 -k mounts' \
		>"$RD/20-bad.rules"
	placed 19-kernel_modules.rules 20-bad.rules:1 \
		'where auditctl -R stops loading'
	;;
unknown_syscall)
	# The text normalization knows the names through ausyscall.
	[ "$mode" = cli ] || command -v ausyscall >/dev/null 2>&1 ||
		fx_skip "no ausyscall: the text mode takes any syscall name"
	printf '%s\n' '-a always,exit -F arch=b64 -S nosuchcall -k x' \
		>"$RD/20-bad.rules"
	placed 19-kernel_modules.rules 20-bad.rules:1 \
		'where auditctl -R stops loading'
	;;
duplicate)
	printf '%s\n' '-w /etc/passwd -p wa -k identity' >"$RD/10-a.rules"
	printf '%s\n' '-w /etc/passwd -p wa -k identity' >"$RD/20-b.rules"
	placed 19-kernel_modules.rules 20-b.rules:1 \
		'where auditctl -R stops loading'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
cis_broken_line)
	# The user's own CIS rule in a line auditctl rejects: it is no rule,
	# and loading stops there, so the kmod rule after it is not loaded
	# either; both are written before that file.
	printf '%s\n' "$SC # CIS 6.2.3.19" "$KM" >"$RD/40-cis.rules"
	placed 39-kernel_modules.rules 40-cis.rules:1 \
		'where auditctl -R stops loading'
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	;;
never_task)
	printf '%s\n' '-a never,task' >"$RD/10-task.rules"
	left 'never,task.*10-task.rules:1'
	;;
exclude_syscall)
	printf '%s\n' '-a always,exclude -F msgtype=SYSCALL' >"$RD/10-excl.rules"
	left 'exclude.*10-excl.rules:1'
	;;
later_d)
	# Indented, augenrules' awk (mawk) leaves the -D where it stands: it
	# deletes every rule before it.
	[ "$(readlink -f "$(command -v awk)")" = /usr/bin/mawk ] ||
		fx_skip "awk is not mawk: augenrules moves an indented -D"
	printf '%s\n' ' -D' >"$RD/60-reset.rules"
	left 'deleted by -D at .*60-reset.rules:1'
	;;
later_d_key)
	printf '%s\n' '-D -k kernel_modules' >"$RD/90-drop.rules"
	left 'deleted by -D.* at .*90-drop.rules:1'
	;;
present_suppressed)
	# Present but not effective: not written again, and said why.
	printf '%s\n' '-a never,exit -F arch=b64 -S init_module -F auid=1500' \
		>"$RD/10-never.rules"
	printf '%s\n' "$SC" "$KM" >"$RD/20-cis.rules"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_check "no rules file was written" [ ! -e "$F" ]
	fx_says "the fix says which rule is not effective and why" \
		"$RD/20-cis.rules:1: .*10-never.rules:1" "$FX/out"
	;;
full)
	# A full file system under rules.d: the old file stays as it was.
	mount -t tmpfs -o size=16k,mode=0750 adl-fix-full "$RD" ||
		fx_die "cannot mount a tmpfs"
	printf '%s\n' "$HEADER" "$KM" >"$F"
	chmod 0640 "$F"
	cp "$F" "$FX/old"
	dd if=/dev/zero of="$RD/.filler" bs=1k count=64 2>/dev/null
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_same "the old file is intact" "$FX/old" "$F"
	fx_says "the fix says it could not write" 'could not write' "$FX/out"
	not_loaded
	no_leftovers
	rm -f "$RD/.filler"
	;;
killed)
	# Killed (SIGKILL) after writing its temporary file, before renaming
	# it: a stand-in mv, bind-mounted over /usr/bin/mv in this private
	# mount namespace, kills the fix's whole process group (setsid gives
	# it one) when asked to move the fix's temporary file, and is the real
	# mv (a copy) otherwise. The old file stays byte for byte, and no file
	# augenrules would read appears; the next run finishes the job.
	printf '%s\n' "$HEADER" "$KM" >"$F"
	chmod 0640 "$F"
	cp "$F" "$FX/old"
	augenrules_reads >"$FX/before"
	cp /usr/bin/mv "$FX/mv.real" || fx_die "cannot copy mv"
	cat >"$FX/mv" <<EOF
#!/bin/sh
case "\$*" in
--adl-fix-test) echo adl-fix-test; exit 0 ;;
*/.50-kernel_modules.rules.adl-tmp.*) : >'$FX/mv.killed'; kill -KILL 0 ;;
esac
exec '$FX/mv.real' "\$@"
EOF
	chmod 0755 "$FX/mv"
	mount --bind "$FX/mv" /usr/bin/mv &&
		[ "$(/bin/mv --adl-fix-test)" = adl-fix-test ] ||
		fx_die "the mv stand-in is not in place"
	setsid -w bash "$FX/fix.sh" >"$FX/out" 2>&1
	st=$?
	# The killed stand-in may still be on its way out for a moment.
	n=0
	until umount /usr/bin/mv 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -lt 50 ] || fx_die "cannot unmount the mv stand-in"
		sleep 0.1
	done
	sed 's/^/    > /' "$FX/out"
	fx_check "the fix reached the rename" [ -e "$FX/mv.killed" ]
	fx_check "and was killed there (status $st)" [ "$st" = 137 ]
	fx_check "its temporary file holds the new rules" \
		grep -qx -- "$SC" "$RD"/.50-kernel_modules.rules.adl-tmp.*
	fx_same "the old file is intact" "$FX/old" "$F"
	augenrules_reads >"$FX/after"
	fx_same "augenrules reads the same files as before" \
		"$FX/before" "$FX/after"
	augenrules >/dev/null 2>&1 || fx_fail "augenrules failed"
	fx_says_not "augenrules merges nothing of the temporary file" \
		"-S init_module" /etc/audit/audit.rules
	not_loaded
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	expect "$HEADER" "$KM" "$SC"
	file_is 640
	loaded
	no_leftovers
	;;
oscap_env)
	# As `oscap xccdf eval --remediate` runs it: no environment but
	# PATH=/bin:/sbin:/usr/bin:/usr/sbin. The CLI is found through the
	# @AUDITDLINE@ hint (cli) or not at all (text: hint left pointing
	# nowhere).
	if [ "$mode" = text ]; then
		(unset AUDITDLINE; fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh")
	fi
	{ cat "$FX/fix.sh"; echo 'echo ADL-AFTER-FIX'; } >"$FX/joined.sh"
	env -i PATH=/bin:/sbin:/usr/bin:/usr/sbin bash "$FX/joined.sh" \
		>"$FX/out" 2>&1
	sed 's/^/    > /' "$FX/out"
	expect "$HEADER" "$SC" "$KM"
	file_is 640
	loaded
	if [ "$mode" = cli ]; then
		fx_says "the CLI is found through the hint" \
			"compared the rules with $AUDITDLINE\$" "$FX/out"
	elif [ ! -x /usr/local/bin/auditdline ] && [ ! -x /usr/bin/auditdline ]; then
		fx_says "without a CLI the rules are compared as text" \
			'compared the rules as text (no auditdline command)' "$FX/out"
	fi
	;;
symlink)
	printf '%s\n' '# elsewhere' >"$FX/elsewhere.rules"
	ln -s "$FX/elsewhere.rules" "$F"
	fx_run_fix "$FX/fix.sh" "$FX/out"
	fx_check "the link is still a link" [ -L "$F" ]
	fx_check "its target is untouched" \
		[ "$(cat "$FX/elsewhere.rules")" = '# elsewhere' ]
	fx_says "the fix says why" 'not a regular file' "$FX/out"
	not_loaded
	;;
*)
	fx_die "unknown scenario $scenario"
	;;
esac
fx_end
