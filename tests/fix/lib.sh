# tests/fix/lib.sh - shared by the fix tests. POSIX sh; sourced, never run.
#
# Every scenario runs in a private mount namespace (unshare -m) in which a
# temporary directory is bind-mounted over /etc/audit, a temporary file
# over /etc/login.defs and a stand-in script over /usr/sbin/auditctl, one
# file at a time (augenrules calls /sbin/auditctl by absolute path and
# /sbin is /usr/sbin on Debian). The real /etc and /usr are never
# written; a killed test leaves at most its temporary directory.
#
# Environment: FIX_SRC (content/cis-6.2.3.19, required), AUDITDLINE (the
# CLI, for the scenarios that compare with it).
#
# The stand-in auditctl appends each command line to $FX/auditctl.log,
# answers -s with the contents of $FX/status (fx_enabled N sets it) and
# copies the file given to -R to $FX/loaded.rules.

PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH
FX_FAILS=0
FX=
# What the rendered fixes write, as the content build substitutes it.
FX_KEY=kernel_modules
FX_RULES_FILE=/etc/audit/rules.d/50-kernel_modules.rules
FX_KMOD=/usr/bin/kmod
FX_SYSCALLS=init_module,finit_module,delete_module,create_module,query_module
FX_SYSCALLS_AARCH64=init_module,finit_module,delete_module
FX_B32_VALUE_ID=xccdf_test.auditdline_value_audit_b32

fx_skip()
{
	echo "SKIP: $*"
	exit 77
}

fx_die()
{
	echo "ERROR: $*" >&2
	exit 1
}

fx_fail()
{
	echo "FAIL: $*" >&2
	FX_FAILS=$((FX_FAILS + 1))
}

fx_pass()
{
	echo "ok: $*"
}

fx_end()
{
	if [ "$FX_FAILS" -ne 0 ]; then
		echo "$FX_FAILS check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# fx_check WHAT COMMAND...: passes when COMMAND succeeds.
fx_check()
{
	fx_what=$1
	shift
	if "$@"; then
		fx_pass "$fx_what"
	else
		fx_fail "$fx_what"
	fi
}

# fx_same WHAT EXPECTED ACTUAL: files equal, else a unified diff.
fx_same()
{
	if cmp -s "$2" "$3"; then
		fx_pass "$1"
		return 0
	fi
	fx_fail "$1"
	diff -u "$2" "$3" | head -n 40 >&2
	return 1
}

# fx_says WHAT PATTERN FILE: FILE has a line matching the basic regex.
fx_says()
{
	if grep -q -- "$2" "$3"; then
		fx_pass "$1"
		return 0
	fi
	fx_fail "$1: no line matches '$2' in"
	sed 's/^/    | /' "$3" >&2
	return 1
}

fx_says_not()
{
	if ! grep -q -- "$2" "$3"; then
		fx_pass "$1"
		return 0
	fi
	fx_fail "$1: a line matches '$2' in"
	sed 's/^/    | /' "$3" >&2
	return 1
}

# Re-run the calling script in a private mount namespace. Call first.
fx_enter_namespace()
{
	[ "${FX_IN_NAMESPACE:-}" = 1 ] && return 0
	[ "$(id -u)" = 0 ] || fx_skip "the fix tests need root (mount namespaces)"
	command -v unshare >/dev/null 2>&1 || fx_skip "no unshare"
	[ -x /usr/sbin/augenrules ] || fx_skip "no augenrules (auditd not installed)"
	[ -n "${FIX_SRC:-}" ] && [ -f "$FIX_SRC/fix.sh.in" ] ||
		fx_die "FIX_SRC is not set to content/cis-6.2.3.19"
	FX_IN_NAMESPACE=1
	export FX_IN_NAMESPACE
	exec unshare -m --propagation private sh "$0" "$@"
}

# Make the stand-ins and mount them; refuse to go on unless every mount
# is in place, so that no fix can reach the real files. With
# --real-auditctl (kernel tests only) auditctl is the real one.
fx_setup()
{
	fx_real_auditctl=0
	[ "${1:-}" = --real-auditctl ] && fx_real_auditctl=1
	FX=$(mktemp -d "${TMPDIR:-/tmp}/adl-fix.XXXXXX") || fx_die "mktemp"
	trap 'fx_cleanup' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	mkdir -p "$FX/audit/rules.d" || fx_die "mkdir"
	chmod 0750 "$FX/audit" "$FX/audit/rules.d"
	: >"$FX/audit/.adl-fix-test"
	fx_login_defs 1234
	fx_enabled 1
	: >"$FX/auditctl.log"
	cat >"$FX/auditctl" <<EOF
#!/bin/sh
# auditctl stand-in for the fix tests
printf '%s\n' "\$*" >>'$FX/auditctl.log'
case \$1 in
--adl-fix-test) echo adl-fix-test ;;
-s) cat '$FX/status' ;;
-R) cp "\$2" '$FX/loaded.rules' ;;
esac
EOF
	chmod 0755 "$FX/auditctl"
	mount --bind "$FX/audit" /etc/audit &&
		mount --bind "$FX/login.defs" /etc/login.defs ||
		fx_die "bind mounts failed"
	[ -e /etc/audit/.adl-fix-test ] &&
		grep -q '^# adl-fix-test' /etc/login.defs ||
		fx_die "the stand-ins are not in place"
	if [ "$fx_real_auditctl" = 0 ]; then
		mount --bind "$FX/auditctl" /usr/sbin/auditctl ||
			fx_die "bind mount over auditctl failed"
		[ "$(/sbin/auditctl --adl-fix-test)" = adl-fix-test ] &&
			[ "$(tail -n 1 "$FX/auditctl.log")" = --adl-fix-test ] ||
			fx_die "the auditctl stand-in is not in place"
	fi
	: >"$FX/auditctl.log"
	RD=/etc/audit/rules.d
}

fx_cleanup()
{
	fx_rc=$?
	trap - EXIT
	# The mounts die with the namespace; unmount first anyway so that
	# removing the directory cannot reach through them.
	umount /usr/sbin/auditctl /etc/login.defs 2>/dev/null
	umount /etc/audit/rules.d 2>/dev/null
	umount /etc/audit 2>/dev/null
	[ -n "$FX" ] && rm -rf "$FX"
	exit "$fx_rc"
}

# fx_login_defs UID_MIN-LINE-VALUE | --none: rewrite the stand-in
# login.defs in place (the bind mount follows the inode).
fx_login_defs()
{
	{
		echo "# adl-fix-test login.defs"
		echo "#UID_MIN 500"
		# Only the last one counts, as for useradd.
		[ "$1" = --none ] || echo "UID_MIN 999"
		echo "MAIL_DIR /var/mail"
		[ "$1" = --none ] || printf 'UID_MIN\t\t\t %s\n' "$1"
		echo "UID_MAX 60000"
	} >"$FX/login.defs.new" && cat "$FX/login.defs.new" >"$FX/login.defs"
}

fx_enabled()
{
	printf 'enabled %s\nfailure 1\npid 0\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n' \
		"$1" >"$FX/status"
}

# fx_render IN OUT [B32]: the template with the placeholders the content
# build fills in. The CLI path hint is AUDITDLINE when given. As in the
# build (xslt/xccdf.xsl), a line holding only @DETECT@ (after spaces)
# becomes uid-min.sh.in and detect.sh.in, next to the template (the rule's
# <detect> takes both in), with those spaces before
# each of its non-empty lines, and only then are the others replaced.
fx_render()
{
	awk -v uid_min="$(dirname "$1")/uid-min.sh.in" \
		-v detect="$(dirname "$1")/detect.sh.in" '
	# As xccdf.xsl: no blank or comment lines but the "# ---" markers.
	function put(file,   n, line, bare) {
		n = 0
		while ((getline line < file) > 0) {
			n++
			bare = line
			gsub(/[ \t]/, "", bare)
			if (bare == "" || (bare ~ /^#/ && bare !~ /^#---/))
				continue
			print indent line
		}
		close(file)
		if (n == 0) {
			print "no " file > "/dev/stderr"
			exit 1
		}
	}
	/^ *@DETECT@$/ {
		indent = $0
		sub(/@DETECT@$/, "", indent)
		# As the build: the UID_MIN reader, then the detection.
		put(uid_min)
		put(detect)
		next
	}
	/@DETECT@/ {
		print "@DETECT@ not alone on its line: " $0 > "/dev/stderr"
		exit 1
	}
	{ print }' "$1" >"$2.detect" || fx_die "cannot put detect.sh.in into $1"
	sed -e "s|@KEY@|$FX_KEY|g" \
		-e "s|@RULES_FILE@|$FX_RULES_FILE|g" \
		-e "s|@KMOD_PATH@|$FX_KMOD|g" \
		-e "s|@SYSCALLS@|$FX_SYSCALLS|g" \
		-e "s|@SYSCALLS_AARCH64@|$FX_SYSCALLS_AARCH64|g" \
		-e "s|@B32@|${3:-false}|g" \
		-e "s|@B32_VALUE_ID@|$FX_B32_VALUE_ID|g" \
		-e "s|@AUDITDLINE@|${AUDITDLINE:-/nonexistent/auditdline}|g" \
		"$2.detect" >"$2" || fx_die "cannot render $1"
	rm -f "$2.detect"
	! grep -n '@[A-Z0-9_]*@' "$2" || fx_die "placeholders left in $2"
}

# fx_run_fix SCRIPT OUT: run the bash fix as oscap's generated script
# would, followed by another fix's line; the run must reach that line.
fx_run_fix()
{
	{
		echo 'set -eu'
		cat "$1"
		echo 'echo ADL-AFTER-FIX'
	} >"$FX/joined.sh"
	bash "$FX/joined.sh" >"$2" 2>&1
	if [ "$(tail -n 1 "$2")" != ADL-AFTER-FIX ]; then
		fx_fail "the fix ended the script it is joined into"
		sed 's/^/    | /' "$2" >&2
	fi
	sed 's/^/    > /' "$2"
}

# A listing of rules.d with checksums, dotfiles included.
fx_sums()
{
	(cd "$RD" && find . -type f -o -type l | LC_ALL=C sort |
		while IFS= read -r f; do
			printf '%s %s\n' "$(stat -c '%a %u:%g' -- "$f")" \
				"$(sha256sum <"$f" | cut -d ' ' -f 1)  $f"
		done)
}

# fx_playbook TASKS.yml OUT.yml: a playbook made from a rendered Ansible
# fix the way `oscap xccdf generate fix --fix-type ansible` makes one:
# each `- name: XCCDF Value ID # promote to variable` task becomes a
# play variable, the other lines are indented under `tasks:`.
fx_playbook()
{
	awk '
	state == 0 && /^- name: XCCDF Value [^ ]+ # promote to variable$/ {
		state = 1; next
	}
	state == 1 && /^  set_fact:$/ { state = 2; next }
	state == 2 && /^    [^:]+: .+$/ {
		vars = vars $0 "\n"; state = 3; next
	}
	state == 3 && /^  tags:$/ { state = 4; next }
	state == 4 && /^    - always$/ { state = 0; next }
	state != 0 { print "unexpected Value task: " $0 > "/dev/stderr"; bad = 1 }
	{
		sub(/[ \t]+$/, "")
		tasks = tasks ($0 == "" ? "" : "    " $0) "\n"
	}
	END {
		if (bad)
			exit 1
		printf "---\n- hosts: all\n  gather_facts: false\n"
		printf "  vars:\n%s  tasks:\n%s", vars, tasks
	}' "$1" >"$2" || fx_die "cannot make a playbook of $1"
}

# fx_run_playbook PLAYBOOK OUT [ansible-playbook options]: a run that
# fails is a failure of the test, unless FX_PLAYBOOK_MAY_FAIL=1; its exit
# status is in $fx_pb_rc.
fx_run_playbook()
{
	fx_pb=$1
	fx_pb_out=$2
	shift 2
	mkdir -p "$FX/ansible"
	ANSIBLE_LOCAL_TEMP=$FX/ansible ANSIBLE_REMOTE_TEMP=$FX/ansible \
		ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
		ANSIBLE_DEPRECATION_WARNINGS=0 HOME=$FX/ansible \
		ansible-playbook -c local -i localhost, "$@" "$fx_pb" \
		>"$fx_pb_out" 2>&1
	fx_pb_rc=$?
	sed 's/^/    > /' "$fx_pb_out"
	if [ "$fx_pb_rc" -ne 0 ] && [ "${FX_PLAYBOOK_MAY_FAIL:-0}" != 1 ]; then
		fx_fail "ansible-playbook exited $fx_pb_rc"
	fi
}

# What the fixes write for UID_MIN 1234 (fx_setup's login.defs), and the
# checks of the rules file both fix tests use ($F: the rules file).
FX_WANT_UID=1234
FX_WANT_HEADER="## CIS 6.2.3.19: kernel module loading, unloading and modification"
FX_WANT_B64="-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$FX_WANT_UID -F auid!=unset -k kernel_modules"
FX_WANT_KMOD="-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$FX_WANT_UID -F auid!=unset -k kernel_modules"

expect()
{
	printf '%s\n' "$@" >"$FX/expected"
}

# The file holds exactly what `expect` said, root-owned, MODE.
file_is()
{
	fx_same "$F holds the expected lines" "$FX/expected" "$F"
	fx_check "$F is mode $1 and root's" \
		[ "$(stat -c '%a %u:%g' "$F")" = "$1 0:0" ]
}
