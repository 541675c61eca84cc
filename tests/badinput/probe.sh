#!/bin/sh
# badinput_probe_*: the bad inputs of issue 5 (inputs.sh) under the CIS
# 6.2.3.19 extended data stream, scanned offline (OSCAP_PROBE_ROOT) on
# fixture roots with full validation: the rule passes only where augenrules
# really loads the CIS rules, fails where it does not, is an error where
# it cannot be told, and the ARF is well-formed and says why (the
# collected object's messages, the items' messages). Each scan's verdict
# is what kernel.sh shows the real augenrules --load and auditctl -R do.
# Some inputs are also scanned with the portable data stream and Debian's
# stock oscap, which reads the files as text: never a pass there either.
#
# probe.sh SCENARIO: one of SCENARIOS (CMakeLists.txt makes a test of each).
SCENARIOS="nul binary long_line crlf utf8 empty lines_100k files_1000 unreadable rulesd_file rulesd_missing symlinks dir_rules perms_rulesd perms_audit_rules"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scan/lib.sh"
SC_HERE=$(cd "$here/../scan" && pwd)
. "$here/inputs.sh"

scenario=${1:?usage: probe.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
sc_need_root
sc_need OSCAP DS
[ "$(uname -m)" = x86_64 ] || sc_skip "the fixtures name x86_64 syscalls"
sc_tmp

RD=/etc/audit/rules.d
B64_LISTED=$(bi_b64_listed)

# A fixture root with the kmod tools, UID_MIN 1234 and rules.d holding
# the CIS rules in 50-kernel_modules.rules.
cis_root()
{
	sc_fixture_root
	bi_cis "$SC_RD"
}

# The last ARF is well-formed XML that passes rds-validate: a byte in a
# rules file must never make the results unreadable.
arf_ok()
{
	if xmllint --noout "$SC/arf.xml" 2>"$SC/xmllint.log" &&
		"$OSCAP" ds rds-validate "$SC/arf.xml" >"$SC/rds.log" 2>&1; then
		sc_pass "$1: the ARF is well-formed and passes rds-validate"
	else
		sc_fail "$1: the ARF is not well-formed or fails rds-validate"
		head -c 2000 "$SC/xmllint.log" "$SC/rds.log" >&2
	fi
}

# arf_count WHAT N FIXED-STRING: the last ARF has the string N times
# (counted in lines).
arf_count()
{
	bi_n=$(grep -cF -- "$3" "$SC/arf.xml")
	if [ "$bi_n" = "$2" ]; then
		sc_pass "$1"
	else
		sc_fail "$1: '$3' is in $bi_n lines of the ARF, expected $2"
	fi
}

# arf_lacks WHAT FIXED-STRING
arf_lacks()
{
	if grep -qF -- "$2" "$SC/arf.xml"; then
		sc_fail "$1: the ARF has '$2'"
	else
		sc_pass "$1"
	fi
}

# portable NAME RESULT: the portable data stream on the same root, with
# the build's oscap and with Debian's stock oscap (as Satellite hosts run
# it); both must give RESULT.
portable()
{
	for bi_o in "$OSCAP" ${STOCK_OSCAP:+"$STOCK_OSCAP"}; do
		SC_OSCAP=$bi_o SC_DS=$PORTABLE_DS SC_CRITERIA=20 sc_scan "$1"
		bi_got=$(awk -F '\t' -v r="$SC_RULE" \
			'$1 == "rule" && $2 == r { print $3 }' "$SC/facts")
		if [ "$bi_got" = "$2" ]; then
			sc_pass "$1, portable ($bi_o): $bi_got"
		else
			sc_fail "$1, portable ($bi_o): $bi_got, expected $2"
		fi
	done
}

# auditctl reads a line up to its first NUL: the text after it is gone.
scenario_nul()
{
	cis_root
	# after the NUL: a field that would narrow the rule; a line that
	# starts with a NUL: a never rule that would suppress it
	bi_put "$SC_RD/50-kernel_modules.rules" '%s\000 -F uid=0\n%s\n' \
		"$(bi_b64)" "$(bi_kmod)"
	bi_put "$SC_RD/40-nul.rules" '\000-a never,exit -F arch=b64 -S all\n'
	sc_scan "NUL hides a field and a never rule"
	sc_verdict "what follows a NUL is not loaded" pass
	sc_arf_says "the evidence shows the rule without what followed the NUL" \
		"$(echo "$B64_LISTED" | sed 's/>/\&gt;/g')</"
	arf_ok "NUL"
	# OpenSCAP's textfilecontent54 reads a file up to its first NUL: the
	# kmod rule after it is not seen, a fail where the extended passes
	portable "NUL hides a field and a never rule" fail

	# the key after the NUL: no key, the rule does not count
	bi_put "$SC_RD/50-kernel_modules.rules" '%s\000 -k kernel_modules\n%s\n' \
		"$(bi_b64 | sed 's/ -k kernel_modules$//')" "$(bi_kmod)"
	sc_scan "NUL hides the key"
	sc_verdict "the key after a NUL is not loaded" fail 'disk.*.b64=false'
	portable "NUL hides the key" fail
}

# Control bytes and bytes that are not UTF-8: kept as auditctl keeps them,
# shown as \xHH in the ARF (XML cannot hold them).
scenario_binary()
{
	cis_root
	bi_put "$SC_RD/50-kernel_modules.rules" '%s\033\002\177\n%s\n' \
		"$(bi_b64)" "$(bi_kmod)"
	bi_put "$SC_RD/10-watch.rules" '-w /etc/passwd -p wa -k id\001x\n'
	sc_scan "control bytes in keys"
	sc_verdict "a key with control bytes is a key" pass
	sc_arf_says "the evidence shows them as \\xHH" \
		"key=kernel_modules\\x1b\\x02\\x7f</"
	arf_ok "control bytes"

	bi_cis "$SC_RD"
	bi_put "$SC_RD/30-bad.rules" '\200\201\202\203 \377\n'
	sc_scan "a line of binary bytes"
	sc_verdict "a line of binary bytes stops the load" fail \
		'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says which line and what" \
		">$RD/30-bad.rules:1: unexpected word: \\x80\\x81\\x82\\x83</"
	sc_arf_says "and what it stopped" \
		"not loaded: loading stopped at $RD/30-bad.rules:1"
	arf_ok "binary line"
}

# auditctl reads at most 6143 bytes as a line; augenrules' awk drops
# comment lines of any length first.
scenario_long_line()
{
	cis_root
	bi_long "$SC_RD/10-long.rules" 1048576 "# " ""
	sc_scan "a 1 MiB comment line"
	sc_verdict "a 1 MiB comment (augenrules drops it)" pass

	bi_long "$SC_RD/10-long.rules" 1048576 "-w /etc/passwd -p wa -k " ""
	sc_scan "a 1 MiB watch line"
	sc_verdict "a 1 MiB line stops the load" fail 'disk.*.b64=false' \
		'disk.kmod=false'
	sc_arf_says "the evidence says where and why" \
		">$RD/10-long.rules:1: key too long: keys add up to more than 256 bytes (byte 0 of line 1, which is 1048600 bytes long: auditctl reads at most 6143 bytes as a line, the rest as further lines)</"
	arf_count "one message for the whole line" 1 ">$RD/10-long.rules:"
	bi_size=$(wc -c <"$SC/arf.xml")
	if [ "$bi_size" -le 400000 ]; then
		sc_pass "the ARF stays small ($bi_size bytes)"
	else
		sc_fail "the ARF is $bi_size bytes"
	fi

	# over the limit: the rest of the line is a line of its own to
	# auditctl, here the b64 rule, which loads
	rm "$SC_RD/10-long.rules"
	bi_put "$SC_RD/50-kernel_modules.rules" '%s%6150s%s\n%s\n' \
		"-a always,exit -F arch=b64 -S openat -k a" "" "$(bi_b64)" \
		"$(bi_kmod)"
	sc_scan "the b64 rule past byte 6143"
	sc_verdict "the rest of a long line loads as a line of its own" pass
}

# CRLF: auditctl strips only the LF; the CR stays in the last word.
scenario_crlf()
{
	cis_root
	bi_put "$SC_RD/50-kernel_modules.rules" '%s\r\n%s\r\n' "$(bi_b64)" \
		"$(bi_kmod)"
	sc_scan "CRLF"
	sc_verdict "CRLF: the keys end in CR, still keys" pass
	sc_arf_says "the evidence shows the CR" "key=kernel_modules&#13;</"

	# auditctl reads -b 8192<CR> as -b 8192
	bi_put "$SC_RD/10-base.rules" '-b 8192\r\n'
	sc_scan "CRLF -b"
	sc_verdict "CRLF: -b 8192<CR> is -b 8192" pass

	bi_put "$SC_RD/10-base.rules" '-D\r\n-b 8192\r\n'
	sc_scan "CRLF -D"
	sc_verdict "CRLF: -D<CR> is no -D and stops the load" fail \
		'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says why" \
		">$RD/10-base.rules:1: unknown option: -\\r</"
}

# Bytes that are not UTF-8 in a key, and in a file name.
scenario_utf8()
{
	cis_root
	bi_put "$SC_RD/50-kernel_modules.rules" '%s caf\351\n%s cl\303\251\n' \
		"$(bi_b64 | sed 's/ kernel_modules$//')" \
		"$(bi_kmod | sed 's/ kernel_modules$//')"
	sc_scan "Latin-1 key"
	sc_verdict "a key that is not UTF-8 is a key" pass
	sc_arf_says "the evidence shows the bytes as \\xHH" \
		"key=caf\\xe9</"
	sc_arf_says "UTF-8 stays as it is" "-F key=clé</"
	arf_ok "not UTF-8"
	# OpenSCAP's textfilecontent54 cannot read such a file
	portable "Latin-1 key" error

	# augenrules' grep leaves a *.rules name that is not UTF-8 out in a
	# UTF-8 locale only: what loads cannot be told
	bi_cis "$SC_RD" "$(printf '50-caf\351.rules')"
	rm "$SC_RD/50-kernel_modules.rules"
	sc_scan "Latin-1 file name"
	sc_verdict "a file name that is not UTF-8" error 'disk.*=error' \
		'disk.evidence=true'
	sc_arf_says "the evidence says why" \
		">$RD/50-caf\\xe9.rules: the file name is not UTF-8: augenrules' grep leaves it out in a UTF-8 locale, not in the C locale, so whether it loads depends on the locale augenrules runs in (read here as in the C locale)</"
	arf_ok "a file name not UTF-8"
}

scenario_empty()
{
	cis_root
	: >"$SC_RD/50-kernel_modules.rules"
	sc_scan "empty file"
	sc_verdict "an empty rules file" fail 'disk.*=false' 'disk.evidence=true'
	rm "$SC_RD/50-kernel_modules.rules"
	sc_scan "empty rules.d"
	sc_verdict "an empty rules.d" fail 'disk.*=false' 'disk.evidence=true'

	# an empty file between a file without its last newline and the
	# next: cat joins the two lines all the same
	bi_put "$SC_RD/10-a.rules" '-w /etc/passwd -p wa -k a'
	: >"$SC_RD/20-empty.rules"
	bi_cis "$SC_RD" 30-b.rules
	sc_scan "joined across an empty file"
	sc_verdict "the first CIS rule joined to the line before" fail \
		'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says why" \
		">$RD/10-a.rules:1: no newline at the end of the file: augenrules joins this line with $RD/30-b.rules:1</"
	bi_put "$SC_RD/10-a.rules" '-w /etc/passwd -p wa -k a\n'
	sc_scan "empty file, CIS rules"
	sc_verdict "an empty file beside the CIS rules" pass
}

scenario_lines_100k()
{
	cis_root
	bi_100k "$SC_RD/50-kernel_modules.rules"
	bi_t0=$(date +%s)
	sc_scan "100 000 lines"
	bi_t=$(($(date +%s) - bi_t0))
	sc_verdict "the CIS rules on lines 99 999 and 100 000" pass
	sc_arf_says "the evidence has their line numbers" \
		">$RD/50-kernel_modules.rules</"
	if grep -q '<[a-z-]*:line_number[^>]*>100000<' "$SC/arf.xml"; then
		sc_pass "line 100000 is in the evidence"
	else
		sc_fail "line 100000 is not in the evidence"
	fi
	[ "$bi_t" -le 60 ] && sc_pass "scanned in ${bi_t}s" ||
		sc_fail "the scan took ${bi_t}s"
	bi_size=$(wc -c <"$SC/arf.xml")
	[ "$bi_size" -le 400000 ] && sc_pass "the ARF is $bi_size bytes" ||
		sc_fail "the ARF is $bi_size bytes"
}

# 1000 files, in `ls -v` order: 99-never.rules comes before 100-cis.rules
# (plain sorting would put it after, and pass).
scenario_files_1000()
{
	cis_root
	rm "$SC_RD/50-kernel_modules.rules"
	bi_1000 "$SC_RD"
	bi_put "$SC_RD/100-cis.rules" '%s\n' "$(bi_b64)"
	bi_put "$SC_RD/1000-kmod.rules" '%s\n' "$(bi_kmod)"
	sc_scan "1000 files"
	sc_verdict "the CIS rules among 1000 files" pass
	bi_put "$SC_RD/99-never.rules" '-a never,exit -F arch=b64 -S init_module\n'
	sc_scan "1000 files, a never rule in 99-never.rules"
	sc_verdict "99-never.rules comes before 100-cis.rules" fail \
		'disk.*.b64=false'
	sc_arf_says "the evidence names it" \
		"suppressed: an earlier never rule at $RD/99-never.rules:1"
}

# A file the scanner cannot read (root without CAP_DAC_OVERRIDE and
# CAP_DAC_READ_SEARCH here) may hold anything, a never rule or -D: what
# augenrules (root) loads cannot be told, so the result is an error.
scenario_unreadable()
{
	cis_root
	bi_put "$SC_RD/10-hidden.rules" '-a never,exit -F arch=b64 -S all\n'
	chmod 000 "$SC_RD/10-hidden.rules"
	cat >"$SC/oscap-nodac" <<EOF
#!/bin/sh
exec setpriv --inh-caps=-dac_override,-dac_read_search \\
	--bounding-set=-dac_override,-dac_read_search "$OSCAP" "\$@"
EOF
	chmod 755 "$SC/oscap-nodac"
	SC_OSCAP=$SC/oscap-nodac sc_scan "unreadable file"
	sc_verdict "an unreadable rules file" error 'disk.*=error' \
		'disk.evidence=true'
	sc_arf_says "the evidence says which and why" \
		">$RD/10-hidden.rules: cannot read it: Permission denied</"
}

# augenrules' `[ ! -d rules.d ]`: "No rules directory"; it loads the old
# audit.rules as it stands and fails. Nothing comes from rules.d.
scenario_rulesd_file()
{
	cis_root
	rm -r "$SC_RD"
	printf '%s\n%s\n' "$(bi_b64)" "$(bi_kmod)" >"$SC_RD"
	printf '%s\n%s\n' "$(bi_b64)" "$(bi_kmod)" \
		>"$SC_R/etc/audit/audit.rules"
	sc_scan "rules.d a file"
	sc_verdict "rules.d is a file" fail 'disk.*=false' 'disk.evidence=true'
	sc_arf_says "the evidence says why" \
		">$RD: not a directory: augenrules loads no rules from it (it says \"No rules directory\", loads the old /etc/audit/audit.rules and fails)</"
}

scenario_rulesd_missing()
{
	cis_root
	rm -r "$SC_RD"
	printf '%s\n%s\n' "$(bi_b64)" "$(bi_kmod)" \
		>"$SC_R/etc/audit/audit.rules"
	sc_scan "no rules.d"
	sc_verdict "no rules.d" fail 'disk.*=false' 'disk.evidence=true'
	sc_arf_says "the evidence says why" \
		">$RD: no such directory: augenrules loads no rules from it (it says \"No rules directory\", loads the old /etc/audit/audit.rules and fails)</"
}

# Links are followed as cat follows them, inside the root only; a loop
# and a link to nothing are skipped, as cat fails on them for augenrules.
scenario_symlinks()
{
	cis_root
	rm "$SC_RD/50-kernel_modules.rules"
	mkdir -p "$SC_R/shared" "$SC/outside"
	bi_put "$SC_R/shared/b64.rules" '%s\n' "$(bi_b64)"
	bi_put "$SC_RD/60-kmod.rules" '%s\n' "$(bi_kmod)"
	# followed naively, these take every b64 event
	bi_put "$SC/outside/never.rules" '-a never,exit -F arch=b64 -S all\n'
	ln -s /shared/b64.rules "$SC_RD/50-b64.rules" &&
		ln -s 20-loop.rules "$SC_RD/20-loop.rules" &&
		ln -s /nowhere.rules "$SC_RD/21-dangling.rules" &&
		ln -s "$SC/outside/never.rules" "$SC_RD/10-abs-out.rules" &&
		ln -s ../../../../outside/never.rules \
			"$SC_RD/11-rel-out.rules" ||
		sc_die "cannot make the links"
	grep -q never "$SC_RD/11-rel-out.rules" ||
		sc_die "11-rel-out.rules does not reach $SC/outside"
	sc_scan "links"
	sc_verdict "a link inside the root counts, none outside, loops skipped" \
		pass
	sc_arf_says "the loop is named" \
		">$RD/20-loop.rules: augenrules cannot read it (cat: Too many levels of symbolic links); skipped</"
	sc_arf_says "the link to nothing" \
		">$RD/21-dangling.rules: augenrules cannot read it (cat: No such file or directory); skipped</"
	arf_lacks "nothing from outside the root" "never,exit -F arch=b64 -S all"
	# in the root's view, both lead to /.../never.rules, which is not there
	sc_arf_says "the links out of the root are links to nothing" \
		">$RD/10-abs-out.rules: augenrules cannot read it (cat: No such file or directory); skipped</"
	sc_arf_says "the relative one too" \
		">$RD/11-rel-out.rules: augenrules cannot read it (cat: No such file or directory); skipped</"

	# the kmod rule only outside the root: not seen
	rm "$SC_RD/60-kmod.rules"
	bi_put "$SC/outside/kmod.rules" '%s\n' "$(bi_kmod)"
	ln -s "$SC/outside/kmod.rules" "$SC_RD/60-kmod.rules"
	sc_scan "kmod rule outside"
	sc_verdict "the kmod rule only outside the root" fail 'disk.kmod=false'
}

# A directory named x.rules: cat fails on it, augenrules goes on.
scenario_dir_rules()
{
	cis_root
	mkdir "$SC_RD/10-x.rules"
	bi_put "$SC_RD/10-x.rules/00.rules" '-a never,exit -F arch=b64 -S all\n'
	sc_scan "a directory named 10-x.rules"
	sc_verdict "a directory named *.rules is skipped" pass
	sc_arf_says "the evidence names it" \
		">$RD/10-x.rules: augenrules cannot read it (cat: Is a directory); skipped</"
}

# Rules files and directories others can write: augenrules loads them all
# the same (the verdict stands), and the evidence shows the risk.
scenario_perms_rulesd()
{
	cis_root
	chmod 0666 "$SC_RD/50-kernel_modules.rules"
	sc_scan "world-writable rules file"
	sc_verdict "a world-writable rules file still loads" pass
	sc_arf_says "the object says so" \
		"<message level=\"warning\">$RD/50-kernel_modules.rules: world-writable file: any user can change the rules in it</message>"
	sc_arf_says "the items too" \
		"<message level=\"warning\">world-writable file: any user can change the rules in it</message>"
	xsltproc -o "$SC/summary.html" "$here/../../xslt/arf-summary.xsl" \
		"$SC/arf.xml" || sc_die "arf-summary.xsl failed"
	sc_says "the auditor's summary shows it beside the rules" \
		"warning: world-writable file: any user can change the rules in it" \
		"$SC/summary.html"

	chmod 0640 "$SC_RD/50-kernel_modules.rules"
	chown 1000 "$SC_RD/50-kernel_modules.rules"
	sc_scan "rules file not root's"
	sc_verdict "a rules file owned by uid 1000 still loads" pass
	sc_arf_says "the evidence says so" \
		"$RD/50-kernel_modules.rules: file owned by uid 1000, not root: that user can change the rules in it</"

	chown 0:100 "$SC_RD/50-kernel_modules.rules"
	chmod 0660 "$SC_RD/50-kernel_modules.rules"
	sc_scan "group-writable rules file"
	sc_verdict "a group-writable rules file still loads" pass
	sc_arf_says "the evidence says so" \
		"$RD/50-kernel_modules.rules: group-writable file (gid 100): that group can change the rules in it</"

	chown 0:0 "$SC_RD/50-kernel_modules.rules"
	sc_scan "group-writable, group root"
	sc_verdict "group root may write" pass
	arf_lacks "no warning for group root" "level=\"warning\""

	chmod 0777 "$SC_RD"
	sc_scan "world-writable rules.d"
	sc_verdict "a world-writable rules.d" pass
	sc_arf_says "the evidence says so" \
		">$RD: world-writable directory: any user can add rules files to it</"
	chmod 0755 "$SC_RD"

	chmod 0777 "$SC_R/etc/audit"
	sc_scan "world-writable /etc/audit"
	sc_verdict "a world-writable /etc/audit" pass
	sc_arf_says "the evidence says so" \
		">/etc/audit: world-writable directory: any user can replace $RD</"
	chmod 1777 "$SC_R/etc/audit"
	sc_scan "world-writable /etc/audit, sticky"
	sc_verdict "sticky: others cannot replace rules.d" pass
	arf_lacks "no warning" "level=\"warning\""
}

# augenrules --load ends in auditctl -R /etc/audit/audit.rules. It writes
# that file with cp, keeping the owner of the file there, and chmods it
# 0640 only when the rules changed: auditctl then refuses an audit.rules
# not owned by root, or world-writable and unchanged, and nothing loads.
scenario_perms_audit_rules()
{
	cis_root
	bi_ar=$SC_R/etc/audit/audit.rules
	bi_put "$bi_ar" '-w /etc/old -p wa -k old\n'
	chown 1000 "$bi_ar"
	sc_scan "audit.rules not root's"
	sc_verdict "audit.rules owned by uid 1000: nothing loads" fail \
		'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says why" \
		">/etc/audit/audit.rules: augenrules --load loads none of the rules in $RD: auditctl -R refuses this file: owned by uid 1000, not root (augenrules rewrites it in place and keeps its owner)</"
	sc_arf_says "and on each rule" \
		"not loaded: auditctl -R refuses /etc/audit/audit.rules, which augenrules --load writes and loads: owned by uid 1000"

	# what augenrules writes for these rules.d files (kernel.sh checks
	# that the real one finds "No change")
	chown 0 "$bi_ar"
	bi_put "$bi_ar" '## This file is automatically generated from /etc/audit/rules.d\n\n\n\n%s\n%s\n\n' \
		"$(bi_b64)" "$(bi_kmod)"
	chmod 0666 "$bi_ar"
	sc_scan "audit.rules world-writable, unchanged"
	sc_verdict "audit.rules world-writable and unchanged: nothing loads" \
		fail 'disk.*.b64=false' 'disk.kmod=false'
	sc_arf_says "the evidence says why" \
		"auditctl -R refuses this file: world-writable (augenrules leaves it as it is, since the rules in $RD have not changed)</"

	chmod 0640 "$bi_ar"
	sc_scan "audit.rules unchanged"
	sc_verdict "audit.rules 0640, unchanged" pass

	bi_put "$bi_ar" '-w /etc/old -p wa -k old\n'
	chmod 0666 "$bi_ar"
	sc_scan "audit.rules world-writable, to be rewritten"
	sc_verdict "audit.rules world-writable, rules changed: rewritten 0640" pass
}

"scenario_$scenario"
[ -n "${BI_KEEP:-}" ] && cp "$SC/arf.xml" "$BI_KEEP"
sc_end
