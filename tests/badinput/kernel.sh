#!/bin/sh
# badinput_kernel_*: the bad inputs of issue 5 (inputs.sh) loaded for real,
# and `auditdline list` of the same input must agree with what the kernel
# then holds (auditctl -l, byte for byte) and with the loader's success or
# failure:
#   - a rules file: auditctl -D; auditctl -R FILE;
#   - a rules.d: the real /usr/sbin/augenrules --load in a private mount
#     namespace whose /etc/audit is a fixture directory (bind mount), so
#     augenrules writes the fixture's audit.rules and runs the real
#     auditctl -R on it; `auditdline list` (its default, /etc/audit/rules.d)
#     runs first in the same namespace, on what augenrules will see.
# Changes the kernel's audit rules: only with AUDITDLINE_KERNEL_TESTS=1,
# under tests/kernel/lib.sh's lock, the rules and settings restored after.
#
# kernel.sh SCENARIO: one of SCENARIOS (CMakeLists.txt makes a test of each).
SCENARIOS="nul binary long_line crlf utf8 empty lines_100k files_1000 unreadable rulesd_file rulesd_missing symlinks dir_rules perms_rulesd perms_audit_rules"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../kernel/lib.sh"
. "$here/inputs.sh"
scenario=${1:?usage: kernel.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) kt_die "no scenario $scenario" ;;
esac
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"
[ -x /usr/sbin/augenrules ] || kt_die "no /usr/sbin/augenrules"
[ "$(uname -m)" = x86_64 ] || kt_die "the fixtures name x86_64 syscalls"
command -v unshare >/dev/null 2>&1 || kt_die "no unshare"
T=$KT_TMP
chmod 755 "$T"
cd "$T" || exit 1

# agree NAME LOADER_RC CLI_RC: the listings agree, and the statuses do
# (0 both, or failure both; auditdline's 2 is "cannot read").
agree()
{
	if cmp -s kernel.out cli.out; then
		kt_pass "$1: auditctl -l and auditdline list agree"
	else
		kt_fail "$1: listings differ (--- auditctl -l, +++ auditdline list)"
		diff -u kernel.out cli.out | sed 1,2d | head -n 20 | cut -c1-200 >&2
		echo "    auditdline said:" >&2
		cut -c1-300 cli.err | sed 's/^/    | /' >&2
	fi
	if { [ "$2" = 0 ] && [ "$3" = 0 ]; } ||
		{ [ "$2" != 0 ] && [ "$3" != 0 ]; }; then
		kt_pass "$1: both $( [ "$2" = 0 ] && echo succeed || echo fail) ($2, $3)"
	else
		kt_fail "$1: the loader exits $2, auditdline list $3"
		cut -c1-300 cli.err | sed 's/^/    | /' >&2
	fi
}

# file_agrees NAME FILE WANT_RC: auditctl -R FILE exits WANT_RC (0 or 1)
# and auditdline list FILE agrees.
file_agrees()
{
	kt_kernel_load "$2"
	f_rc=$?
	[ "$f_rc" -le 1 ] || kt_die "auditctl -D failed"
	"$AUDITCTL" -l >kernel.out 2>&1
	"$AUDITDLINE" list "$2" >cli.out 2>cli.err
	f_cli=$?
	[ "$f_rc" = "$3" ] || {
		kt_fail "$1: auditctl -R exits $f_rc, the test expects $3"
		sed 's/^/    | /' "$KT_TMP/auditctl.out" >&2
	}
	agree "$1 (auditctl -R)" "$f_rc" "$f_cli"
}

# fixture: a fresh directory for /etc/audit, with an empty rules.d.
fixture()
{
	FX=$T/etc-audit
	rm -rf "$FX"
	mkdir -p "$FX/rules.d" && chmod 750 "$FX" "$FX/rules.d" &&
		: >"$FX/.adl-badinput" || kt_die "cannot make $FX"
}

# augenrules_agrees NAME WANT_RC: augenrules --load on the fixture exits
# WANT_RC, and auditdline list of the fixture's rules.d, run before it,
# agrees with what the kernel holds after it.
augenrules_agrees()
{
	augenrules_load
	[ "$AUG_RC" = "$2" ] || {
		kt_fail "$1: augenrules --load exits $AUG_RC, the test expects $2"
		sed 's/^/    | /' aug.out | cut -c1-200 >&2
	}
	agree "$1 (augenrules --load)" "$AUG_RC" "$CLI_RC"
}

# augenrules_load: auditctl -D, then in the namespace auditdline list and
# augenrules --load (with LC_ALL=$AUG_LOCALE when set); kernel.out,
# cli.out, cli.err, aug.out; $AUG_RC, $CLI_RC.
augenrules_load()
{
	# what augenrules may hand to auditctl -R: nothing that locks the
	# kernel (kt_guard dies, so not in a subshell)
	find "$FX" -type f -name '*.rules' >guard.list
	while read -r g; do
		kt_guard "$g"
	done <guard.list
	if [ -f "$FX/rules.d" ]; then
		kt_guard "$FX/rules.d"
	fi
	"$AUDITCTL" -D >/dev/null || kt_die "auditctl -D failed"
	rm -f aug.rc cli.rc
	unshare -m --propagation private sh -c '
		mount --bind "$0" /etc/audit || exit 97
		[ -e /etc/audit/.adl-badinput ] || exit 98
		cd "$1" || exit 96
		"$2" list >cli.out 2>cli.err
		echo $? >cli.rc
		env ${3:+LC_ALL=$3} /usr/sbin/augenrules --load >aug.out 2>&1
		echo $? >aug.rc' "$FX" "$T" "$AUDITDLINE" "${AUG_LOCALE:-}"
	ns_rc=$?
	[ -s aug.rc ] && [ -s cli.rc ] ||
		kt_die "the namespace did not come up (exit $ns_rc)"
	AUG_RC=$(cat aug.rc)
	CLI_RC=$(cat cli.rc)
	"$AUDITCTL" -l >kernel.out 2>&1
}

scenario_nul()
{
	bi_put nul.rules '-a always,exit -F arch=b64 -S init_module -k a\000 -k junk\n\000-a never,exit -S all\n-a always,exit -F arch=b64 -S delete_module -k c\n'
	file_agrees "NUL" nul.rules 0
	fixture
	bi_put "$FX/rules.d/50-kernel_modules.rules" '%s\000 -F uid=0\n%s\n' \
		"$(bi_b64)" "$(bi_kmod)"
	bi_put "$FX/rules.d/40-nul.rules" '\000-a never,exit -F arch=b64 -S all\n'
	augenrules_agrees "NUL" 0
	grep -q 'uid=0\|never' kernel.out &&
		kt_fail "NUL: what follows a NUL reached the kernel"
}

scenario_binary()
{
	bi_put bin.rules '-a always,exit -F arch=b64 -S init_module -k a\002b\033c\177\n\200\201\202\203\n-a always,exit -F arch=b64 -S delete_module -k after\n'
	file_agrees "binary bytes" bin.rules 1
	fixture
	bi_cis "$FX/rules.d"
	bi_put "$FX/rules.d/30-bad.rules" '\200\201\202\203 \377\n'
	augenrules_agrees "a line of binary bytes" 1
}

scenario_long_line()
{
	bi_put over.rules '%s%6150s%s\n' "-a always,exit -F arch=b64 -S open -k a" \
		"" "-a always,exit -F arch=b64 -S close -k b"
	file_agrees "6200 bytes" over.rules 0
	bi_long mib.rules 1048576 "-a always,exit -F arch=b64 -S open -k " ""
	printf '%s\n' "-a always,exit -F arch=b64 -S close -k after" >>mib.rules
	file_agrees "a 1 MiB rule" mib.rules 1
	bi_long comment.rules 1048576 "# " ""
	printf '%s\n' "-a always,exit -F arch=b64 -S close -k after" >>comment.rules
	file_agrees "a 1 MiB comment" comment.rules 1
	fixture
	bi_cis "$FX/rules.d"
	cp -p comment.rules "$FX/rules.d/10-comment.rules"
	augenrules_agrees "a 1 MiB comment in rules.d (awk drops it)" 0
	cp -p mib.rules "$FX/rules.d/10-comment.rules"
	augenrules_agrees "a 1 MiB rule in rules.d" 1
}

scenario_crlf()
{
	bi_put crlf.rules '-a always,exit -F arch=b64 -S init_module -k a\r\n-a always,exit -F arch=b64 -S delete_module\r\n'
	file_agrees "CRLF" crlf.rules 1
	fixture
	bi_put "$FX/rules.d/50-kernel_modules.rules" '%s\r\n%s\r\n' \
		"$(bi_b64)" "$(bi_kmod)"
	bi_put "$FX/rules.d/10-base.rules" '-b 8192\r\n--backlog_wait_time 15000\r\n'
	augenrules_agrees "CRLF, -b and the CIS rules" 0
	bi_put "$FX/rules.d/10-base.rules" '-D\r\n-b 8192\r\n'
	augenrules_agrees "CRLF, -D and -b" 1
}

scenario_utf8()
{
	bi_put utf8.rules '-a always,exit -F arch=b64 -S init_module -k caf\351\n-w /etc/\377x -p wa -k p\n-a always,exit -F arch=b64 -S open -k cl\303\251\n'
	file_agrees "not UTF-8" utf8.rules 0
	fixture
	bi_put "$FX/rules.d/50-kernel_modules.rules" '%s caf\351\n%s\n' \
		"$(bi_b64 | sed 's/ kernel_modules$//')" "$(bi_kmod)"
	augenrules_agrees "not UTF-8, a key" 0

	# A file name that is not UTF-8: augenrules' grep leaves it out in a
	# UTF-8 locale, not in the C locale. auditdline cannot tell which
	# (exit 2); it lists what the C locale loads.
	rm "$FX/rules.d/50-kernel_modules.rules"
	bi_put "$FX/rules.d/10-a.rules" '-w /etc/passwd -p wa -k a\n'
	bi_put "$FX/rules.d/50-caf$(printf '\351').rules" '%s\n' "$(bi_b64)"
	bi_put "$FX/rules.d/60-kmod.rules" '%s\n' "$(bi_kmod)"
	AUG_LOCALE=C
	augenrules_load
	[ "$AUG_RC" = 0 ] && [ "$(wc -l <kernel.out)" = 3 ] &&
		kt_pass "not UTF-8, a file name, C locale: augenrules loads it" ||
		kt_fail "C locale: augenrules exits $AUG_RC; the kernel holds $(cat kernel.out)"
	cmp -s kernel.out cli.out &&
		kt_pass "not UTF-8, a file name: auditdline lists what the C locale loads" ||
		kt_fail "not UTF-8, a file name: auditdline lists $(cat cli.out)"
	if [ "$CLI_RC" = 2 ] && grep -q "50-caf\\\\xe9.rules: the file name is not UTF-8: augenrules' grep leaves it out in a UTF-8 locale, not in the C locale" cli.err; then
		kt_pass "not UTF-8, a file name: auditdline cannot tell (exit 2), and says why"
	else
		kt_fail "not UTF-8, a file name: auditdline exits $CLI_RC: $(cat cli.err)"
	fi
	AUG_LOCALE=C.UTF-8
	augenrules_load
	AUG_LOCALE=
	bi_want="-w /etc/passwd -p wa -k a$(printf '\n%s' "$(bi_kmod_listed)")"
	if [ "$AUG_RC" = 0 ] && [ "$(cat kernel.out)" = "$bi_want" ] &&
		grep -q 'binary file matches' aug.out; then
		kt_pass "not UTF-8, a file name, C.UTF-8: augenrules leaves it out"
	else
		kt_fail "C.UTF-8: augenrules: $(cat aug.out); kernel: $(cat kernel.out)"
	fi
}

scenario_empty()
{
	: >empty.rules
	chmod 640 empty.rules
	file_agrees "an empty file" empty.rules 0
	fixture
	augenrules_agrees "an empty rules.d" 0
	bi_put "$FX/rules.d/10-a.rules" '-w /etc/passwd -p wa -k a'
	cp -p empty.rules "$FX/rules.d/20-empty.rules"
	bi_cis "$FX/rules.d" 30-b.rules
	augenrules_agrees "joined across an empty file" 1
}

scenario_lines_100k()
{
	bi_100k 100k.rules
	file_agrees "100 000 lines" 100k.rules 0
	fixture
	cp -p 100k.rules "$FX/rules.d/50-kernel_modules.rules"
	augenrules_agrees "100 000 lines in rules.d" 0
	[ "$(wc -l <kernel.out)" = 501 ] ||
		kt_fail "100 000 lines: the kernel holds $(wc -l <kernel.out) rules"
}

scenario_files_1000()
{
	fixture
	bi_1000 "$FX/rules.d"
	augenrules_agrees "1000 files" 0
	[ "$(wc -l <kernel.out)" = 1000 ] ||
		kt_fail "1000 files: the kernel holds $(wc -l <kernel.out) rules"
	sed -n '9,10p' kernel.out | grep -q 'uid=10 ' &&
		kt_pass "1000 files: 10-f.rules after 9-f.rules" ||
		kt_fail "1000 files: not in ls -v order"
}

# augenrules (root) reads a file the scanner cannot: it loads what
# auditdline cannot see, so auditdline must not answer (exit 2).
scenario_unreadable()
{
	fixture
	bi_cis "$FX/rules.d"
	bi_put "$FX/rules.d/10-hidden.rules" '-a never,exit -F arch=b64 -S all\n'
	chmod 000 "$FX/rules.d/10-hidden.rules"
	cat >adl-nodac <<EOF
#!/bin/sh
exec setpriv --inh-caps=-dac_override,-dac_read_search \\
	--bounding-set=-dac_override,-dac_read_search "$AUDITDLINE" "\$@"
EOF
	chmod 755 adl-nodac
	bi_adl=$AUDITDLINE
	AUDITDLINE=$T/adl-nodac
	augenrules_load
	AUDITDLINE=$bi_adl
	grep -q '^-a never,exit -F arch=b64 -S all$' kernel.out &&
		kt_pass "unreadable: augenrules loaded the never rule" ||
		kt_fail "unreadable: the never rule is not in the kernel"
	[ "$AUG_RC" = 0 ] || kt_fail "unreadable: augenrules exits $AUG_RC"
	if [ "$CLI_RC" = 2 ] && grep -qx '/etc/audit/rules.d/10-hidden.rules: cannot read it: Permission denied' cli.err; then
		kt_pass "unreadable: auditdline cannot tell, and says why (exit 2)"
	else
		kt_fail "unreadable: auditdline exits $CLI_RC"
		sed 's/^/    | /' cli.err >&2
	fi
}

# No rules directory: augenrules says so, loads the old audit.rules and
# fails. auditdline list says nothing comes from rules.d; what the kernel
# got is auditdline list /etc/audit/audit.rules.
no_rulesd()
{
	bi_put "$FX/audit.rules" '-w /etc/old -p wa -k old\n'
	augenrules_agrees_fallback "$1"
}

augenrules_agrees_fallback()
{
	augenrules_load
	[ "$AUG_RC" = 1 ] && grep -q 'No rules directory' aug.out &&
		kt_pass "$1: augenrules: No rules directory, exit 1" ||
		kt_fail "$1: augenrules exits $AUG_RC: $(cat aug.out)"
	# "No rules" (exit 1) for a rules.d that is no directory; nothing
	# but "cannot read" (exit 2) for a missing one
	{ [ ! -s cli.out ] || grep -qx 'No rules' cli.out; } &&
		[ "$CLI_RC" != 0 ] &&
		kt_pass "$1: auditdline list: nothing from rules.d, exit $CLI_RC" ||
		kt_fail "$1: auditdline list exits $CLI_RC, lists $(head -n 3 cli.out)"
	cp kernel.out fallback.kernel
	"$AUDITDLINE" list "$FX/audit.rules" >fallback.cli 2>&1
	cmp -s fallback.kernel fallback.cli &&
		kt_pass "$1: the kernel holds the old audit.rules" ||
		kt_fail "$1: the kernel holds $(cat fallback.kernel)"
}

scenario_rulesd_file()
{
	fixture
	rmdir "$FX/rules.d"
	bi_cis "$FX" rules.d
	no_rulesd "rules.d a file"
}

scenario_rulesd_missing()
{
	fixture
	rmdir "$FX/rules.d"
	no_rulesd "no rules.d"
}

scenario_symlinks()
{
	fixture
	mkdir "$FX/shared"
	bi_put "$FX/shared/b64.rules" '%s\n' "$(bi_b64)"
	ln -s ../shared/b64.rules "$FX/rules.d/50-b64.rules"
	ln -s 20-loop.rules "$FX/rules.d/20-loop.rules"
	ln -s nowhere.rules "$FX/rules.d/21-dangling.rules"
	ln -s ../shared "$FX/rules.d/22-dir.rules"
	bi_put "$FX/rules.d/60-kmod.rules" '%s\n' "$(bi_kmod)"
	augenrules_agrees "links" 0
	[ "$(grep -c '^cat: ' aug.out)" = 3 ] ||
		kt_fail "links: cat did not fail three times: $(cat aug.out)"
}

scenario_dir_rules()
{
	fixture
	mkdir "$FX/rules.d/10-x.rules"
	bi_put "$FX/rules.d/10-x.rules/00.rules" '-a never,exit -F arch=b64 -S all\n'
	bi_cis "$FX/rules.d"
	augenrules_agrees "a directory named 10-x.rules" 0
	grep -q 'Is a directory' aug.out ||
		kt_fail "10-x.rules: cat did not fail: $(cat aug.out)"
}

scenario_perms_rulesd()
{
	fixture
	bi_cis "$FX/rules.d"
	f=$FX/rules.d/50-kernel_modules.rules
	chmod 666 "$f"
	augenrules_agrees "a world-writable rules.d file" 0
	file_agrees "a world-writable file" "$f" 1
	chmod 640 "$f"
	chown 1000 "$f"
	augenrules_agrees "a rules.d file not root's" 0
	file_agrees "a file not root's" "$f" 1
	chown 0:100 "$f"
	chmod 660 "$f"
	augenrules_agrees "a group-writable rules.d file" 0
	file_agrees "a group-writable file" "$f" 0
	chmod 640 "$f"
	chown 0:0 "$f"
	chmod 777 "$FX/rules.d"
	augenrules_agrees "a world-writable rules.d" 0
}

scenario_perms_audit_rules()
{
	fixture
	bi_cis "$FX/rules.d"
	bi_put "$FX/audit.rules" '-w /etc/old -p wa -k old\n'
	chown 1000 "$FX/audit.rules"
	augenrules_agrees "audit.rules not root's" 1
	[ "$(stat -c %u "$FX/audit.rules")" = 1000 ] &&
		kt_pass "augenrules kept audit.rules' owner" ||
		kt_fail "augenrules changed audit.rules' owner"

	chown 0 "$FX/audit.rules"
	bi_put "$FX/audit.rules" '## This file is automatically generated from /etc/audit/rules.d\n\n\n\n%s\n%s\n\n' \
		"$(bi_b64)" "$(bi_kmod)"
	chmod 666 "$FX/audit.rules"
	augenrules_agrees "audit.rules world-writable, unchanged" 1
	grep -q 'No change' aug.out &&
		kt_pass "augenrules found no change (inputs.sh writes what it writes)" ||
		kt_fail "augenrules rewrote audit.rules: $(cat aug.out)"

	bi_put "$FX/audit.rules" '-w /etc/old -p wa -k old\n'
	chmod 666 "$FX/audit.rules"
	augenrules_agrees "audit.rules world-writable, rules changed" 0
	[ "$(stat -c %a "$FX/audit.rules")" = 640 ] &&
		kt_pass "augenrules made audit.rules 0640" ||
		kt_fail "audit.rules is $(stat -c %a "$FX/audit.rules")"
}

"scenario_$scenario"
kt_end
